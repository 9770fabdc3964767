"""The Dask engine on real local clusters: same outputs as one run over the whole input, a
worker killed mid-run, an input larger than a worker's memory, and bad scheduler addresses.

The engine is checked with the real ``pipeline.process``, and with a small stand-in
(``toy_process``) that keeps every row it is given, so that a lost, doubled or misnumbered row
shows, and that can be slowed down or made to report what each task saw. Functions run by
workers are module-level so that they pickle; the workers import this module by name (spawned
workers inherit the test run's ``sys.path``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import functools
import json
import os
import shlex
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import dask
import numpy as np
import polars as pl
import pytest
from distributed import Client, LocalCluster
from distributed.security import Security
from polars.testing import assert_frame_equal

from sojourn.batch import frames, inputs, pipeline, ranges, worker_checks
from sojourn.batch.distributed import (
    _default_partitions,
    _prepare,
    _split,
    _write,
    credentials,
    local_cluster,
    local_threads,
    run_dask,
)
from sojourn.batch.pipeline import Job, Outputs
from sojourn.errors import InputError, Problem, UsageError

JOB = Job(on=dt.date(2024, 6, 30), country="KZ")
COUNTRIES = np.array(["KZ", "KG", "UZ", "AM", "GE", "TR", "RU"])


# --- a stand-in for pipeline.process ---------------------------------------------------------

def toy_process(raw: pl.DataFrame, form: str, source: str, job: Job) -> Outputs:
    """Per person: their rows in input order, stays and days; rows without an id rejected."""
    days = (pl.col("exit").cast(pl.String).str.to_date().fill_null(job.on)
            - pl.col("entry").cast(pl.String).str.to_date()).dt.total_days() + 1
    known = raw.filter(pl.col("person_id").is_not_null())
    persons = (known.group_by("person_id")
               .agg(rows=pl.col("row"), lines=pl.col("line"), stays=pl.len(), days=days.sum())
               .sort("person_id"))
    violations = (known.filter(days > 90)
                  .select("person_id", first_day=pl.col("entry").cast(pl.String), days=days)
                  .sort("person_id", "first_day"))
    rejects = frames.conform(
        raw.filter(pl.col("person_id").is_null()).with_columns(
            field=pl.lit("person_id"), value=pl.lit(None, pl.String), reason=pl.lit("is empty"),
            expected=pl.lit("an id"), other_problems=pl.lit(None, pl.String),
            record=pl.col("country")),
        frames.REJECTS).sort("row")
    return Outputs(persons, violations, rejects, raw.height, 0)


def logged_process(raw: pl.DataFrame, form: str, source: str, job: Job, *, log: str,
                   delay: float = 0.0) -> Outputs:
    """toy_process, leaving a note of who ran it on how many rows and the worker's peak
    memory; then sleeps ``delay``, so that a test can find the task still running."""
    result = toy_process(raw, form, source, job)
    note = {"pid": os.getpid(), "rows": raw.height, "first_row": raw["row"].min(),
            "peak_rss": peak_rss()}
    name = Path(log) / uuid.uuid4().hex
    name.write_text(json.dumps(note))
    name.rename(name.with_suffix(".json"))  # whole, for a test that reads notes meanwhile
    time.sleep(delay)
    return result


def witness_process(raw: pl.DataFrame, form: str, source: str, job: Job, *, log: str
                    ) -> Outputs:
    """toy_process, leaving a note of its worker's scratch directory and of the mode of every
    file and directory in the run's work directory (which holds that one) as it runs."""
    from distributed import get_worker

    scratch = Path(get_worker().local_directory)
    [work] = [p for p in scratch.parents if p.name.startswith(".sojourn-dask-")]
    modes = {str(p.relative_to(work)): p.lstat().st_mode for p in work.rglob("*")}
    note = {"scratch": str(scratch), "work": str(work), "modes": modes}
    (Path(log) / f"{uuid.uuid4().hex}.json").write_text(json.dumps(note))
    return toy_process(raw, form, source, job)


def peak_rss() -> int:
    """This process's peak resident memory in bytes. Not ru_maxrss: Linux carries that over
    exec, so a spawned worker would report the peak of the process that started it."""
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0]) * 1024


def failing_process(raw: pl.DataFrame, form: str, source: str, job: Job) -> Outputs:
    raise InputError(Problem(source, None, "person_id", None, "is a test failure"))


def notes(log: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text()) for p in log.glob("*.json")]


# --- inputs ----------------------------------------------------------------------------------

def stays(persons: int, seed: int = 1, id_chars: int = 0) -> pl.DataFrame:
    """Sequential stays of ``persons`` people in a shuffled order, a few without an id."""
    rng = np.random.default_rng(seed)
    per = rng.integers(1, 9, persons)
    person = np.repeat(np.arange(persons), per)
    length = rng.integers(1, 120, person.size)
    step = length + rng.integers(0, 5, person.size)  # the next entry comes after the exit
    firsts = np.concatenate(([0], np.cumsum(per)[:-1]))  # where each person's stays begin
    offset = np.cumsum(step) - step
    offset -= np.repeat(offset[firsts], per)
    entry = (np.datetime64("2022-09-21")
             + (np.repeat(rng.integers(0, 300, persons), per) + offset).astype("timedelta64[D]"))
    frame = pl.DataFrame({
        "person_id": [f"p{i:07d}" for i in person],
        "country": rng.choice(COUNTRIES, person.size),
        "entry": entry.astype("datetime64[D]"),
        "exit": (entry + (length - 1).astype("timedelta64[D]")).astype("datetime64[D]"),
        "citizenship": "RU",
    })
    frame = frame.with_columns(
        person_id=pl.when(pl.int_range(pl.len()) % 997 == 0).then(None)
        .otherwise(pl.col("person_id")))
    if id_chars:  # long ids make rows big in memory and (repetitive) small on disk
        frame = frame.with_columns(pl.col("person_id").str.pad_end(id_chars, "."))
    return frame.sample(fraction=1.0, shuffle=True, seed=seed)


@pytest.fixture(scope="module")
def log_parquet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("input") / "log.parquet"
    stays(5_000).write_parquet(path, row_group_size=4_000)
    return path


@pytest.fixture(scope="module")
def log_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("input") / "log.csv"
    stays(2_000, seed=2).write_csv(path)
    return path


def single_run(path: Path, process: Callable[..., Outputs], job: Job = JOB) -> Outputs:
    """The Polars engine's answer: ``process`` once on the whole input."""
    from sojourn.batch.inputs import scan_input

    raw = scan_input(path)
    return pipeline.combine([process(raw.frame.collect(), raw.form, raw.source, job)])


def assert_same(got: Outputs, want: Outputs) -> None:
    for name in ("persons", "violations", "rejects"):
        assert_frame_equal(getattr(got, name), getattr(want, name))
    assert (got.rows, got.merged) == (want.rows, want.merged)


# --- clusters --------------------------------------------------------------------------------

@pytest.fixture
def cluster() -> Iterator[LocalCluster]:
    """A cluster of the test's own, for tests that harm it: two single-threaded worker
    processes (as run_dask starts), restarted by their nannies if killed; its credentials are
    Dask's configuration while the test runs."""
    with local_cluster(2) as local, dask.config.set(credentials(local)):
        yield local


@pytest.fixture(scope="module")
def shared_cluster() -> Iterator[LocalCluster]:
    """A cluster that the tests which leave it as they found it share (starting one takes a
    second or two); the tests of run_dask's own local cluster start theirs."""
    with local_cluster(2) as local:
        yield local


@pytest.fixture
def shared(shared_cluster: LocalCluster) -> Iterator[str]:
    """The shared cluster's scheduler address; its credentials are Dask's configuration while
    the test runs, for run_dask's client and the test's own to reach it."""
    with dask.config.set(credentials(shared_cluster)):
        yield shared_cluster.scheduler_address


# --- tests -----------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_two_worker_processes_give_the_single_run_outputs(
        fmt: str, log_parquet: Path, log_csv: Path, tmp_path: Path) -> None:
    path = log_parquet if fmt == "parquet" else log_csv
    seen: list[tuple[int, int]] = []
    got = run_dask(path, JOB, workers=2, partitions=4, chunk_rows=3_000, workdir=tmp_path,
                   progress=lambda done, total: seen.append((done, total)),
                   process_fn=toy_process)
    assert_same(got, single_run(path, toy_process))
    assert got.persons.height > 1_000 and got.rejects.height > 0
    total = seen[-1][1]
    assert seen == [(done, total) for done in range(1, total + 1)]
    assert total > 4 + 1  # several split tasks, then one evaluate task per partition
    assert list(tmp_path.iterdir()) == []  # the run's work directory is gone


@pytest.mark.parametrize("fmt", ["parquet", "csv", "empty csv", "csv cut short"])
def test_the_real_engine_gives_the_single_run_outputs(fmt: str, shared: str, log_parquet: Path,
                                                      log_csv: Path, tmp_path: Path) -> None:
    path = {"parquet": log_parquet, "csv": log_csv, "empty csv": tmp_path / "empty.csv",
            "csv cut short": tmp_path / "short.csv"}[fmt]
    if fmt == "empty csv":
        path.write_text("person_id,country,entry,exit,citizenship\n")
    if fmt == "csv cut short":  # some lines end before their exit: rejected by every engine
        lines = log_csv.read_text().splitlines()
        cut = range(100, len(lines), 101)
        path.write_text("\n".join(",".join(line.split(",")[:3]) if i in cut else line
                                  for i, line in enumerate(lines)) + "\n")
    work = tmp_path / "work"
    work.mkdir()
    got = run_dask(path, JOB, scheduler=shared, partitions=3, chunk_rows=4_000,
                   workdir=work)  # pipeline.process
    assert_same(got, single_run(path, pipeline.process))
    if fmt != "empty csv":
        assert got.persons.height > 1_000 and got.violations.height > 0
        assert got.rejects.height > 0 and got.rejects["line"].is_null().all() == (
            fmt == "parquet")
    if fmt == "csv cut short":
        told = got.rejects.filter(pl.col("reason").str.ends_with(": no exit, citizenship"))
        assert told.get_column("line").to_list() == [i + 1 for i in cut]


def test_the_local_clusters_scratch_space_is_in_the_runs_own_directory(
        tmp_path: Path, log_parquet: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Dask's default, $TMPDIR/dask-scratch-space, is a name every account shares: another
    # made it first, writable by all, its lock a link to a path of their choosing
    trap = tmp_path / "tmp" / "dask-scratch-space"
    trap.mkdir(parents=True)
    trap.chmod(0o777)
    (trap / "global.lock").symlink_to(tmp_path / "planted")
    monkeypatch.setenv("TMPDIR", str(trap.parent))
    monkeypatch.setattr(tempfile, "tempdir", None)  # read again from TMPDIR
    log, work = tmp_path / "log", tmp_path / "work"
    log.mkdir()
    work.mkdir()
    got = run_dask(log_parquet, JOB, workers=1, workdir=work,
                   process_fn=functools.partial(witness_process, log=str(log)))
    assert_same(got, single_run(log_parquet, toy_process))
    assert [p.name for p in trap.iterdir()] == ["global.lock"]
    assert not (tmp_path / "planted").exists()
    assert {Path(note["work"]).parent for note in notes(log)} == {work}
    assert list(work.iterdir()) == []  # the scratch space went with the run's directory


def test_everything_in_the_work_directory_is_the_users_alone(tmp_path: Path, log_csv: Path
                                                             ) -> None:
    # under umask 022 the CSV input's copy (the whole log) and client.json were 0644, the
    # directories split/ and out/ 0755; only the partition files were 0600
    log, work = tmp_path / "log", tmp_path / "work"
    log.mkdir()
    work.mkdir()
    umask = os.umask(0o022)
    try:
        got = run_dask(log_csv, JOB, workers=1, partitions=1, workdir=work,
                       process_fn=functools.partial(witness_process, log=str(log)))
        assert os.umask(0o022) == 0o022  # as it was
    finally:
        os.umask(umask)
    assert_same(got, single_run(log_csv, toy_process))
    [note] = notes(log)
    modes = note["modes"]
    assert {"client.json", "input.parquet", "split", "out", "dask"} <= set(modes)
    assert any(name.startswith("split/") for name in modes)
    shared = {name: oct(mode) for name, mode in modes.items()
              if stat.S_IMODE(mode) != (0o700 if stat.S_ISDIR(mode) else 0o600)}
    assert shared == {}


def test_entry_bans_are_judged_as_the_polars_engine_judges_them(shared: str, tmp_path: Path
                                                                ) -> None:
    # Thailand, stays of up to three years with spells away: persons who left after more
    # than 90 days over are barred on the day, some until after a day their own rules refuse
    rng = np.random.default_rng(3)
    frame = stays(3_000, seed=3).with_columns(
        country=pl.lit(rng.choice(["TH", "TH", "RU"], 3_000 * 9)).head(pl.len()),
        exit=pl.col("entry") + pl.duration(days=pl.lit(rng.integers(0, 1_100, 3_000 * 9))
                                           .head(pl.len())))
    frame = frame.filter(pl.col("person_id").is_not_null())
    path = tmp_path / "th.parquet"
    frame.write_parquet(path)
    job = Job(on=dt.date(2024, 6, 30), country="TH", earliest_entry=True).with_pack()
    work = tmp_path / "work"
    work.mkdir()
    got = run_dask(path, job, scheduler=shared, partitions=3, chunk_rows=4_000, workdir=work)
    want = single_run(path, pipeline.process, job)
    assert_same(got, want)
    barred = want.persons.filter(pl.col("entry_barred_until").is_not_null())
    assert barred.height > 20 and set(barred["limited_by"]) == {"entry_ban"}


def test_a_worker_killed_mid_run_changes_nothing(cluster: LocalCluster, log_parquet: Path,
                                                 tmp_path: Path) -> None:
    log = tmp_path / "log"
    log.mkdir()
    killed: list[int] = []

    def kill_first_evaluating_worker() -> None:
        """Kill the worker that wrote the first note: it is asleep inside its task."""
        deadline = time.monotonic() + 30
        while not killed and time.monotonic() < deadline:
            found = notes(log)
            if found:
                os.kill(found[0]["pid"], signal.SIGKILL)
                killed.append(found[0]["pid"])
            time.sleep(0.01)

    with Client(cluster, set_as_default=False) as client:
        before = set(client.run(os.getpid).values())
        killer = threading.Thread(target=kill_first_evaluating_worker)
        killer.start()
        try:
            got = run_dask(log_parquet, JOB, scheduler=cluster.scheduler_address,
                           partitions=4, chunk_rows=3_000, workdir=tmp_path,
                           process_fn=functools.partial(logged_process, log=str(log),
                                                        delay=0.5))
        finally:
            killer.join()
        after = set(client.run(os.getpid).values())
    assert_same(got, single_run(log_parquet, toy_process))
    assert killed and killed[0] in before and killed[0] not in after  # the nanny restarted it
    runs = notes(log)
    assert len(runs) > 4  # the killed worker's partition was evaluated again
    assert {n["first_row"] for n in runs} == {n["first_row"] for n in runs
                                               if n["pid"] != killed[0]}


@pytest.mark.parametrize(("workers", "limit", "expected"), [
    (2, "320MiB", 1), (2, "1199MiB", 1), (2, "1200MiB", 2), (4, "64GiB", 2), (1, "1kB", 1),
    (2, None, 2), (2, "auto", 2), (48, "auto", 1), (48, None, 1)])
def test_a_local_worker_has_a_thread_for_each_partition_its_memory_holds(
        monkeypatch: pytest.MonkeyPatch, workers: int, limit: str | None, expected: int) -> None:
    # a worker holds a partition per thread at once: two threads in 320 MB killed workers
    # that one thread works through partition by partition (the test below)
    monkeypatch.setattr("sojourn.batch.distributed.MEMORY_LIMIT", 24 * 2**30)
    assert local_threads(workers, limit) == expected


def test_the_local_cluster_gives_its_workers_the_threads_their_memory_holds() -> None:
    with local_cluster(1, "320MiB") as small, local_cluster(1, "2GiB") as large:
        for cluster, threads in ((small, 1), (large, 2)):
            assert [w.nthreads for w in cluster.scheduler.workers.values()] == [threads]


def _background_work(dask_worker: Any) -> dict[str, float]:
    """What a worker does beside its tasks: each periodic callback's period, in ms."""
    return {name: pc.callback_time for name, pc in dask_worker.periodic_callbacks.items()}


def test_the_local_clusters_servers_do_no_dashboard_work_beside_the_tasks(
        shared_cluster: LocalCluster) -> None:
    # stack sampling every 10 ms, ticks every 20 ms and host metrics every 0.5 s cost a tenth
    # of the engine's CPU time, for a dashboard the local cluster does not serve. The shared
    # cluster is a local_cluster(2) as any other, and reading its callbacks leaves it as it was
    scheduler = shared_cluster.scheduler
    with Client(shared_cluster, set_as_default=False) as client:
        servers = [*client.run(_background_work).values(),
                   {n: pc.callback_time for n, pc in scheduler.periodic_callbacks.items()}]
    assert len(servers) == 3
    for callbacks in servers:
        assert "profile" not in callbacks and "profile-cycle" not in callbacks
        assert callbacks["tick"] >= 1000
        assert callbacks.get("monitor", 5000) >= 5000


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_an_input_larger_than_a_workers_memory_is_processed_partition_by_partition(
        fmt: str, tmp_path: Path) -> None:
    # A worker is killed by its nanny at 95% of this limit. Its peak comes mostly from what it
    # holds without a partition: 140 MB idle, and memory Polars' allocator keeps after a task.
    # At 320 MiB, with partitions of 56,000 rows, workers peaked at 291-307 MiB and in two
    # runs of four one passed 95% and was restarted; here, with partitions of 28,000, they
    # peaked at 250-271 MiB, a quarter below 95% of this limit.
    limit = 384 * 2**20
    source = stays(200_000, seed=3, id_chars=460)
    assert source.estimated_size() > limit
    path = tmp_path / f"big.{fmt}"
    if fmt == "csv":
        source.write_csv(path)
    else:
        source.write_parquet(path, row_group_size=50_000)
    del source
    log = tmp_path / "log"
    log.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    got = run_dask(path, JOB, workers=2, memory_limit=f"{limit}B", partitions=32,
                   chunk_rows=25_000, workdir=work,
                   process_fn=functools.partial(logged_process, log=str(log)))
    runs = notes(log)
    assert len(runs) == 32  # no partition was run twice: no worker died
    total = sum(n["rows"] for n in runs)
    assert total == got.rows == 899_340
    assert max(n["rows"] for n in runs) < total / 16
    assert max(n["peak_rss"] for n in runs) < limit


def test_a_failing_partition_raises_its_error_and_leaves_no_files(
        shared: str, log_parquet: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a test failure"):
        run_dask(log_parquet, JOB, scheduler=shared, workdir=tmp_path,
                 process_fn=failing_process)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("header", ["person_id,country,entry,exit",
                                    # a column not read: its cells are not parsed by Polars
                                    "person_id,country,entry,exit,note"])
def test_an_unreadable_csv_is_refused_as_the_polars_engine_refuses_it(tmp_path: Path,
                                                                      header: str) -> None:
    from sojourn.batch.inputs import collect_raw, scan_input

    path = tmp_path / "bad.csv"
    extra = "x," if header.endswith("note") else ""
    path.write_text(f"{header}\np1,KZ,2023-01-01,2023-02-01{',' if extra else ''}\n"
                    f"p2,KZ,2023-01-01,2023-02-01,{extra}one cell too many\n")
    with pytest.raises(InputError) as polars_engine:
        collect_raw(scan_input(path))
    with pytest.raises(InputError) as dask_engine:
        run_dask(path, JOB, workers=2, workdir=tmp_path)
    assert str(dask_engine.value) == str(polars_engine.value)
    assert "line 3: 'one cell too many' is a cell beyond the" in str(polars_engine.value)
    assert [p.name for p in tmp_path.iterdir()] == ["bad.csv"]
    if extra:
        # the Dask engine's tasks skip their client's pass over the cells beyond the header;
        # Polars, which parses the unread column too (to tell a row with text only there
        # from a blank line), refuses the row all the same
        with pytest.raises(InputError, match="line 3: 'one cell too many' is a cell beyond"):
            collect_raw(scan_input(path, checked=True))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def serving(answer: Callable[[socket.socket], None]) -> Iterator[str]:
    """A local port whose every connection is handed to ``answer``, in a thread, while the
    block runs; the connections ``answer`` keeps open are closed at its end."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.1)
    taken: list[socket.socket] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            taken.append(conn)
            answer(conn)

    thread = threading.Thread(target=serve)
    thread.start()
    try:
        yield f"tcp://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        for conn in taken:
            conn.close()
        listener.close()


@pytest.fixture
def web_server() -> Iterator[str]:
    """A port answering like a web server (a dashboard's, say), not like a scheduler."""
    with serving(lambda conn: conn.sendall(
            b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")) as address:
        yield address


@pytest.mark.parametrize("kind", ["nothing listening", "no port", "unknown scheme",
                                  "not dask", "a worker", "inproc", "port too big"])
def test_a_bad_scheduler_address_is_a_usage_error(kind: str, web_server: str, shared: str,
                                                   shared_cluster: LocalCluster,
                                                   log_parquet: Path) -> None:
    address = {"nothing listening": f"tcp://127.0.0.1:{free_port()}",
               "no port": "localhost", "unknown scheme": "http://localhost:8786",
               "not dask": web_server,
               "a worker": next(iter(shared_cluster.scheduler_info["workers"])),
               "inproc": "inproc://x",  # one process's own
               "port too big": "tcp://127.0.0.1:99999"}[kind]
    start = time.monotonic()
    with pytest.raises(UsageError) as caught:
        run_dask(log_parquet, JOB, scheduler=address, connect_timeout=0.5,
                 process_fn=toy_process)
    assert time.monotonic() - start < 5
    assert repr(address) in str(caught.value) and "tcp://host:8786" in str(caught.value)
    if kind == "nothing listening":  # refused, not "took the connection" (two timers raced)
        assert "sent nothing back" not in str(caught.value)


def test_a_cluster_without_workers_is_a_usage_error(log_parquet: Path) -> None:
    with local_cluster(0) as empty, dask.config.set(credentials(empty)), \
            pytest.raises(UsageError, match="no workers"):
        run_dask(log_parquet, JOB, scheduler=empty.scheduler_address, connect_timeout=0.5,
                 process_fn=toy_process)


def test_local_workers_are_warned_of_only_beyond_the_cores() -> None:
    from sojourn.batch.distributed import crowding, usable_cores

    cores = usable_cores()
    assert cores == len(os.sched_getaffinity(0))
    assert crowding(cores) == ()
    assert crowding(cores + 1) == (
        f"--workers {cores + 1} is more than the {cores} core{'s' if cores > 1 else ''} this "
        f"machine gives the run: the workers share them, and each needs about 600 MB of "
        f"memory ({(cores + 1) * 600:,} MB in all)",)


@pytest.mark.parametrize(("options", "message"), [
    ({"workers": 0}, "^--workers: '0' is not a positive whole number; expected 1 or more$"),
    ({"partitions": -1}, "^--partitions: '-1' is not a positive whole number"),
    ({"memory_limit": "lots"}, "^--memory-limit: 'lots' is not a size; expected "),
    ({"scheduler": "tcp://127.0.0.1:8786", "workers": 3}, "one or the other"),
])
def test_impossible_options_are_refused_before_any_work(options: dict[str, object],
                                                        message: str, log_parquet: Path
                                                        ) -> None:
    with pytest.raises(UsageError, match=message):
        run_dask(log_parquet, JOB, **options)  # type: ignore[arg-type]


INTRUDER = """
import os, sys
from distributed import Client
from distributed.security import Security
address, own = sys.argv[1], sys.argv[2] == "own"
try:
    with Client(address, timeout=3, security=Security.temporary() if own else None) as client:
        print("ran as", client.run(os.getuid))
except Exception as exc:
    print("refused:", type(exc).__name__)
"""


def test_the_local_cluster_admits_no_client_without_its_credentials(
        shared_cluster: LocalCluster) -> None:
    # Another user of the machine, with a plain Dask client: every account reaches 127.0.0.1,
    # and a plain cluster ran its code, as this user, in the workers (client.run)
    scheduler = shared_cluster.scheduler_address
    worker = next(iter(shared_cluster.scheduler_info["workers"]))
    assert scheduler.startswith("tls://127.0.0.1:") and worker.startswith("tls://127.0.0.1:")
    attempts = [(address, own) for address in (scheduler, worker)
                for own in ("none", "own")]  # no credentials, or credentials of its own
    attempts += [(scheduler.replace("tls://", "tcp://"), "none")]
    for address, own in attempts:
        tried = subprocess.run([sys.executable, "-c", INTRUDER, address, own], text=True,
                               capture_output=True, timeout=60, check=True)
        assert tried.stdout.startswith("refused: "), (address, own, tried.stdout)
    with Client(shared_cluster, set_as_default=False) as client:  # with them: it does
        assert set(client.run(os.getuid).values()) == {os.getuid()}
    # nor does its scheduler's web port, which TLS does not cover, tell anything of the run
    port = shared_cluster.scheduler.http_server.port
    for route in ("json/identity.json", "info/main/workers.html", "health"):
        with pytest.raises(urllib.error.HTTPError, match="404"):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/{route}", timeout=10)


# --- a cluster started by hand, and what its client must not trust ---------------------------

@pytest.fixture
def silent_server() -> Iterator[str]:
    """A port that takes connections and never says a word."""
    with serving(lambda conn: None) as address:
        yield address


def test_a_service_that_takes_the_connection_and_says_nothing_is_refused_in_time(
        silent_server: str, log_parquet: Path) -> None:
    # the dashboard's port behaved so: the handshake waited forever, deaf to Ctrl-C
    start = time.monotonic()
    with pytest.raises(UsageError, match=r"no Dask scheduler answered within 0\.5 s"):
        run_dask(log_parquet, JOB, scheduler=silent_server, connect_timeout=0.5,
                 process_fn=toy_process)
    assert time.monotonic() - start < 5


def test_the_clients_pack_judges_wherever_the_workers_run(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         log_parquet: Path) -> None:
    # --pack given as a relative path: the workers, started elsewhere, would find none there
    # (or another one); the pack the client loaded is the one the tasks use
    elsewhere = tmp_path / "workers"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    with local_cluster(2) as cluster, dask.config.set(credentials(cluster)):
        here = tmp_path / "client"
        shutil.copytree(Path(pipeline.__file__).parents[1] / "rules" / "pack", here / "pack")
        rule = here / "pack" / "kz.yaml"
        rule.write_text(rule.read_text().replace("kind: rolling\n        max: 90",
                                                 "kind: rolling\n        max: 60"))
        monkeypatch.chdir(here)
        job = Job(on=JOB.on, country="KZ", pack_dir="pack")
        got = run_dask(log_parquet, job, scheduler=cluster.scheduler_address)
    want = single_run_job(log_parquet, job)
    assert_same(got, want)
    assert not want.persons.equals(single_run_job(log_parquet, JOB).persons)  # 60, not 90


def single_run_job(path: Path, job: Job) -> Outputs:
    from sojourn.batch import inputs

    raw = inputs.scan_input(path)
    return pipeline.process(inputs.collect_raw(raw), raw.form, raw.source, job)


def other_sojourn(where: Path) -> Path:
    """A directory for sys.path holding another installation of sojourn: this one, with one
    line added to its pack."""
    from sojourn.batch import worker_checks

    shutil.copytree(worker_checks.CODE, where / "sojourn",
                    ignore=shutil.ignore_patterns("__pycache__"))
    with (where / "sojourn" / "rules" / "pack" / "kz.yaml").open("a", encoding="utf-8") as pack:
        pack.write("# edited\n")
    return where


def no_sojourn() -> str:
    raise ModuleNotFoundError("No module named 'sojourn'")


def test_workers_that_run_another_version_are_refused(shared: str, log_parquet: Path,
                                                      tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from sojourn.batch import worker_checks

    # the client's installation differs from the workers' by one line of its pack
    mine = other_sojourn(tmp_path) / "sojourn"
    monkeypatch.setattr(worker_checks, "CODE", mine)  # the client's digest; workers keep theirs
    with pytest.raises(UsageError, match="run another version of sojourn than the client"):
        run_dask(log_parquet, JOB, scheduler=shared, process_fn=toy_process)


def test_workers_without_sojourn_are_refused(shared: str, log_parquet: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from sojourn.batch import worker_checks

    monkeypatch.setattr(worker_checks, "code_digest", no_sojourn)  # raised on the workers
    with pytest.raises(UsageError, match=r"the Dask workers cannot run sojourn "
                                         r"\(ModuleNotFoundError: No module named 'sojourn'\)"):
        run_dask(log_parquet, JOB, scheduler=shared, process_fn=toy_process)


def tls_files(where: Path) -> dict[str, str]:
    """A certificate (its own CA) and key for every role of a cluster, written in ``where``:
    Dask's configuration naming them, for a client."""
    made = Security.temporary()
    where.mkdir()
    (where / "ca.pem").write_text(made.tls_ca_file)
    (where / "key.pem").write_text(made.tls_client_key)
    return {"distributed.comm.tls.ca-file": str(where / "ca.pem"),
            "distributed.comm.tls.client.cert": str(where / "ca.pem"),
            "distributed.comm.tls.client.key": str(where / "key.pem")}


class ByHand:
    """A scheduler started by hand, as its own process, and the workers a test starts for it
    (without nannies: one killed stays dead), from the directory ``cwd``; speaking TLS with
    the files of ``tls`` (:func:`tls_files`) if given."""

    def __init__(self, cwd: Path, tls: dict[str, str] | None = None) -> None:
        self.address = f"{'tls' if tls else 'tcp'}://127.0.0.1:{free_port()}"
        self.cwd = cwd
        self.path = os.pathsep.join(sys.path)
        self.tls = [] if tls is None else [
            "--tls-ca-file", tls["distributed.comm.tls.ca-file"],
            "--tls-cert", tls["distributed.comm.tls.client.cert"],
            "--tls-key", tls["distributed.comm.tls.client.key"]]
        self.scheduler = self.start([sys.executable, "-m", "distributed.cli.dask_scheduler",
                                     "--host", "127.0.0.1", "--port",
                                     self.address.rsplit(":", 1)[1], "--no-dashboard",
                                     *(["--protocol", "tls", *self.tls] if tls else [])])
        self.processes = [self.scheduler]

    def start(self, command: list[str], code: Path | None = None) -> subprocess.Popen[bytes]:
        path = self.path if code is None else f"{code}{os.pathsep}{self.path}"
        return subprocess.Popen(command, env={**os.environ, "PYTHONPATH": path},
                                stderr=subprocess.DEVNULL, cwd=self.cwd)

    def worker(self, *options: str, code: Path | None = None) -> subprocess.Popen[bytes]:
        """A worker of one thread, running the sojourn found first in ``code`` if given."""
        worker = self.start([sys.executable, "-m", "distributed.cli.dask_worker", self.address,
                             "--nthreads", "1", "--no-dashboard", "--no-nanny", "--host",
                             "127.0.0.1", *self.tls, *options], code)
        self.processes.append(worker)
        return worker

    def close(self, *others: subprocess.Popen[bytes]) -> None:
        """Kill every process started, and ``others``."""
        for process in (*others, *self.processes):
            process.kill()
            process.wait()


@contextlib.contextmanager
def by_hand(cwd: Path, tls: dict[str, str] | None = None) -> Iterator[ByHand]:
    cluster = ByHand(cwd, tls)
    try:
        yield cluster
    finally:
        cluster.close()


def test_a_tls_scheduler_is_reached_with_the_credentials_of_dasks_configuration(
        tmp_path: Path, log_parquet: Path) -> None:
    # a scheduler and a worker started by hand, speaking TLS only; the client's credentials
    # are Dask's configuration (a config file or DASK_DISTRIBUTED__COMM__TLS__* variables)
    cluster_tls = tls_files(tmp_path / "cluster")
    with by_hand(tmp_path, tls=cluster_tls) as cluster:
        cluster.worker()
        with dask.config.set(cluster_tls):
            got = run_dask(log_parquet, JOB, scheduler=cluster.address, workdir=tmp_path,
                           connect_timeout=30, process_fn=toy_process)
        assert_same(got, single_run(log_parquet, toy_process))
        refusals = [({}, "Dask's configuration gives none"),
                    (tls_files(tmp_path / "other"), "the TLS handshake failed"),
                    ({**cluster_tls, "distributed.comm.tls.ca-file": str(tmp_path / "none")},
                     "they do not load")]
        for config, reason in refusals:
            with dask.config.set(config), pytest.raises(UsageError) as refused:
                run_dask(log_parquet, JOB, scheduler=cluster.address, workdir=tmp_path,
                         connect_timeout=5, process_fn=toy_process)
            message = str(refused.value)
            assert message.startswith(f"--scheduler: {cluster.address!r} ") and "\n" not in message
            assert reason in message and "distributed.comm.tls.client.key" in message, message
        # the same scheduler asked for as tcp://: the plain client is dropped, and told why
        plain = cluster.address.replace("tls://", "tcp://")
        with pytest.raises(UsageError) as refused:
            run_dask(log_parquet, JOB, scheduler=plain, workdir=tmp_path, connect_timeout=5,
                     process_fn=toy_process)
        assert str(refused.value).endswith(
            f"; if that scheduler speaks TLS, {cluster.address!r}"), refused.value
    assert not list(tmp_path.glob(".sojourn-dask-*"))


def test_a_tcp_scheduler_is_refused_where_dasks_configuration_requires_encryption(
        log_parquet: Path) -> None:
    with dask.config.set({"distributed.comm.require-encryption": True}), \
            pytest.raises(UsageError, match=r"--scheduler: 'tcp://127\.0\.0\.1:8786' is a tcp:// "
                                            r"address, and Dask's "
                                            r"configuration requires encryption \(distributed"
                                            r"\.comm\.require-encryption\); expected a tls://"):
        run_dask(log_parquet, JOB, scheduler="tcp://127.0.0.1:8786", process_fn=toy_process)


def replace_the_worker_mid_run(tmp_path: Path, *options: str, code: Path | None = None,
                               port: int = 0, started: str = "split") -> tuple[int, str, Path]:
    """Run dask_batch with ``options`` on a cluster started by hand with one worker; once the
    run's tasks have written files into ``started`` (split or out), the worker dies and
    another takes its place (at ``port``, if given), running the sojourn in ``code`` if
    given: as a nanny restarting it (in another environment, perhaps) would, or a cluster
    that replaces its workers. The run's exit code and standard error, and its output
    directory."""
    with by_hand(tmp_path) as cluster:
        first = cluster.worker()
        run, out = dask_batch(tmp_path, *options, "--scheduler", cluster.address,
                              "--partitions", "8", stderr=subprocess.PIPE)
        try:
            wait_for(out, f".sojourn-dask-*/{started}/*.parquet")  # checks passed: tasks run
            first.kill()
            assert run.poll() is None, "the run ended before the worker could be replaced"
            cluster.worker("--worker-port", str(port or free_port()), code=code)
            _, err = run.communicate(timeout=120)
        finally:
            cluster.close(run)
    return run.returncode, err.decode(), out


def test_a_worker_with_other_code_that_joins_after_the_start_is_refused(tmp_path: Path
                                                                       ) -> None:
    # The worker that replaces the first runs another installation of sojourn, which the
    # start check never saw. Its tasks refuse it, and the run is refused.
    port = free_port()
    code, message, out = replace_the_worker_mid_run(
        tmp_path, "--country", "KZ", code=other_sojourn(tmp_path / "other"), port=port)
    assert code == 2, message
    assert message.startswith(f"error: workers tcp://127.0.0.1:{port} run another version of "
                              "sojourn than the client"), message
    assert message.count("\n") == 1, message
    assert list(out.iterdir()) == []  # no output, no work directory


def test_a_run_whose_every_worker_is_replaced_gives_the_polars_engines_outputs(
        tmp_path: Path) -> None:
    # Once evaluate tasks have run, the only worker, which held the client's pack, dies: the
    # pack is sent again to the worker that takes its place (it was lost with the first, and
    # the run failed as if the cluster had been lost)
    code, message, out = replace_the_worker_mid_run(tmp_path, "--country", "KZ",
                                                    started="out")
    assert code == 0, message
    polars = tmp_path / "polars"
    polars.mkdir()
    subprocess.run([sys.executable, "-c", CLI, "batch", str(tmp_path / "big.parquet"), "--on",
                    "2024-06-30", "--out", str(polars / "p.parquet"), "--country", "KZ"],
                   check=True, stdout=subprocess.DEVNULL,
                   env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(p.name for p in polars.iterdir()) and "p.parquet" in names
    for name in names:
        assert_frame_equal(pl.read_parquet(out / name), pl.read_parquet(polars / name))


def test_every_task_checks_its_own_worker(shared: str, log_parquet: Path, tmp_path: Path
                                         ) -> None:
    from sojourn.batch.worker_checks import NotShared, OtherCode, admit, code_digest

    with Client(shared, set_as_default=False) as client:
        worker = next(iter(client.scheduler_info()["workers"]))
        ok, *refused = [client.submit(admit, *args, workers=[worker], pure=False)
                        for args in [(code_digest(), str(log_parquet), str(tmp_path)),
                                     ("another digest", str(log_parquet), str(tmp_path)),
                                     (code_digest(), str(tmp_path / "none"), str(tmp_path))]]
        assert ok.result() is None
        for future, error in zip(refused, (OtherCode, NotShared), strict=True):
            with pytest.raises(error) as caught:
                future.result()
            assert caught.value.address == worker  # named, for the client's message


def test_a_scheduler_lost_mid_run_is_said_in_one_line_and_nothing_is_written(
        tmp_path: Path, log_parquet: Path) -> None:
    # a scheduler and a worker started by hand, as separate processes; the scheduler killed
    # while the worker is inside a task
    log = tmp_path / "log"
    log.mkdir()
    with by_hand(tmp_path) as cluster:
        cluster.worker()

        def kill_scheduler_once_a_task_runs() -> None:
            deadline = time.monotonic() + 60
            while not notes(log) and time.monotonic() < deadline:
                time.sleep(0.01)
            cluster.scheduler.kill()

        killer = threading.Thread(target=kill_scheduler_once_a_task_runs)
        killer.start()
        try:
            with pytest.raises(UsageError,
                               match="the Dask cluster was lost during the run") as lost:
                run_dask(log_parquet, JOB, scheduler=cluster.address, partitions=4,
                         workdir=tmp_path, connect_timeout=30, process_fn=functools.partial(
                             logged_process, log=str(log), delay=5))
        finally:
            killer.join()
    assert "\n" not in str(lost.value)
    assert not list(tmp_path.glob(".sojourn-dask-*"))  # the work directory is gone


def sees_nothing(path: str, work: str) -> bool:
    return False


def test_workers_that_do_not_see_the_paths_are_refused_before_any_task(
        shared: str, log_parquet: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sojourn.batch import worker_checks

    monkeypatch.setattr(worker_checks, "_sees", sees_nothing)  # as run on the workers
    with pytest.raises(UsageError, match=r"do not see .* expected the input and the directory "
                                         r"of --out on a file system shared by the client and "
                                         r"every worker"):
        run_dask(log_parquet, JOB, scheduler=shared, process_fn=failing_process)


def dying_process(raw: pl.DataFrame, form: str, source: str, job: Job) -> Outputs:
    os.kill(os.getpid(), signal.SIGKILL)  # as the kernel or a nanny ends a worker out of memory
    raise AssertionError("unreachable")


def test_a_task_that_kills_its_workers_is_said_to_need_more_memory(log_parquet: Path) -> None:
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
            local_cluster(1) as cluster, dask.config.set(credentials(cluster)), \
            pytest.raises(UsageError, match="killed every worker that ran it, most likely for "
                                            "lack of memory; give each worker thread about "
                                            "600 MB"):
        run_dask(log_parquet, JOB, scheduler=cluster.scheduler_address,
                 process_fn=dying_process)


CLI = ("import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
       "from sojourn.cli import main; sys.argv = ['sojourn', *sys.argv[1:]]; main()")


def dask_batch(tmp_path: Path, *options: str, **popen: Any) -> tuple[subprocess.Popen[bytes],
                                                                        Path]:
    """``sojourn batch --engine dask`` of 300,000 persons' stays on 2024-06-30 with
    ``options``, in a process of its own started with ``popen``, writing in a new directory
    ``out`` of ``tmp_path``: the process, and that directory."""
    log = tmp_path / "big.parquet"
    stays(300_000, seed=3).write_parquet(log)
    out = tmp_path / "out"
    out.mkdir()
    run = subprocess.Popen(
        [sys.executable, "-c", CLI, "batch", str(log), "--on", "2024-06-30",
         "--out", str(out / "p.parquet"), "--engine", "dask", *options],
        stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        **popen)
    return run, out


def wait_for(where: Path, pattern: str) -> None:
    """Until a path matching ``pattern`` is in ``where``: a minute at most."""
    deadline = time.monotonic() + 60
    while not list(where.glob(pattern)) and time.monotonic() < deadline:
        time.sleep(0.01)


def test_ctrl_c_stops_a_local_cluster_run_in_one_line_and_leaves_nothing(tmp_path: Path
                                                                         ) -> None:
    # A terminal sends Ctrl-C to its whole process group: the local workers printed a
    # KeyboardInterrupt traceback each. They run in groups of their own now; the client ends.
    # On a loaded machine this process may be held off the cores for seconds between seeing
    # the split files and sending the signal, which then lands once the run has written its
    # outputs whole (it exits 0 or 130, the files complete): such a try proves nothing and is
    # made again, in a directory of its own. A Ctrl-C lost mid-run fails every try.
    for attempt in range(3):
        (tmp_path / str(attempt)).mkdir()
        run, out = dask_batch(tmp_path / str(attempt), "--country", "KZ", "--workers", "2",
                              "--partitions", "8", start_new_session=True,
                              stderr=subprocess.PIPE)
        wait_for(out, ".sojourn-dask-*/split/*.parquet")  # tasks run: the workers have started
        assert run.poll() is None, "the run ended before it could be interrupted"
        os.killpg(run.pid, signal.SIGINT)
        _, err = run.communicate(timeout=60)
        if not (out / "p.parquet").exists():
            break
    assert run.returncode == 130
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err, err.decode()[-2000:]
    assert list(out.iterdir()) == []  # no output, no partial file, no work directory


def test_a_later_run_removes_the_work_directory_of_a_killed_client(
        shared: str, log_parquet: Path, tmp_path: Path) -> None:
    from sojourn.batch.work_directory import OWNER, work_directory

    client, out = dask_batch(tmp_path, "--country", "KZ", "--workers", "1",
                             stderr=subprocess.DEVNULL)
    wait_for(out, f".sojourn-dask-*/{OWNER}")
    client.kill()  # kill -9: the client cannot remove its directory
    client.wait()  # and is reaped: a zombie still has its process id
    [stale] = out.glob(".sojourn-dask-*")
    # what a later run must keep: a directory of a run going on (this process's), one made
    # by a process that is dead but ran on another host, one without its client's name (an
    # older version's), and a link
    elsewhere = out / ".sojourn-dask-elsewhere"
    elsewhere.mkdir()
    (elsewhere / OWNER).write_text((stale / OWNER).read_text().replace('"host": "',
                                                                       '"host": "other '))
    (out / ".sojourn-dask-older").mkdir()
    # and what it must remove too: a dead client's whose id a process has taken since
    reused = out / ".sojourn-dask-reused"
    reused.mkdir()
    owner = json.loads((stale / OWNER).read_text())
    (reused / OWNER).write_text(json.dumps({**owner, "pid": os.getpid(), "started": "0"}))
    (out / ".sojourn-dask-link").symlink_to(stale)
    with work_directory(out) as live:
        got = run_dask(log_parquet, JOB, scheduler=shared, workdir=out,
                       process_fn=toy_process)
        assert got.persons.height > 0
        assert not stale.exists() and not reused.exists()
        assert sorted(p.name for p in out.iterdir()) == sorted(
            [live.name, ".sojourn-dask-elsewhere", ".sojourn-dask-older", ".sojourn-dask-link"])


def test_the_file_naming_a_runs_client_is_never_seen_empty(tmp_path: Path) -> None:
    # it was created empty and then written: a client killed between the two left a file no
    # later run could read, so its directory stayed (and the test above, which kills a client
    # as soon as the file appears, failed about once in eight runs)
    from sojourn.batch.work_directory import OWNER, work_directory

    empty: list[Path] = []
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            for path in tmp_path.glob(f".sojourn-dask-*/{OWNER}"):
                with contextlib.suppress(OSError):  # removed meanwhile
                    if path.read_text() == "":
                        empty.append(path)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for _ in range(500):
            with work_directory(tmp_path):
                pass
    finally:
        stop.set()
        watcher.join()
    assert empty == []


def test_names_with_pattern_characters_are_the_files_named(shared: str, tmp_path: Path,
                                                           log_parquet: Path) -> None:
    # read as glob patterns, "log[1].parquet" was log1.parquet (its row count, one person),
    # and a work directory under "r[1]" matched nothing: an internal error
    named = tmp_path / "log[1].parquet"
    shutil.copy(log_parquet, named)
    stays(3, seed=9).write_parquet(tmp_path / "log1.parquet")
    work = tmp_path / "r[1]"
    work.mkdir()
    got = run_dask(named, JOB, scheduler=shared, workdir=work, process_fn=toy_process)
    assert_same(got, single_run(log_parquet, toy_process))


# --- a full disk, a machine that cannot reach itself -----------------------------------------

@functools.cache
def unshare(flag: str) -> list[str] | None:
    """The command that runs what follows it in a namespace of its own (``unshare``): as root,
    or, for any other user, in a user namespace of theirs too (``-r``), where the system
    allows either; None where it allows neither."""
    for command in (["unshare", flag], ["unshare", "-r", flag]):
        try:
            if subprocess.run([*command, "true"], capture_output=True).returncode == 0:
                return command
        except OSError:
            return None
    return None


def cli_batch(log: Path, out: Path, *options: str) -> list[str]:
    """The command line of ``sojourn batch LOG --engine dask`` writing ``out``."""
    return [sys.executable, "-c", CLI, "batch", str(log), "--on", "2024-06-30", "--country",
            "KZ", "--out", str(out), "--engine", "dask", *options]


@pytest.mark.skipif(unshare("-m") is None, reason="needs a mount namespace of its own")
@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_a_full_work_directory_is_said_in_one_line_and_nothing_is_written(
        fmt: str, tmp_path: Path) -> None:
    # was: an internal error (Parquet input), or the input blamed (CSV: its copy failed)
    log = tmp_path / f"log.{fmt}"
    frame = stays(40_000, seed=5)
    if fmt == "parquet":
        frame.write_parquet(log)
    else:
        frame.write_csv(log)
    small = tmp_path / "small"
    small.mkdir()
    command = " ".join(shlex.quote(part) for part in cli_batch(log, small / "p.parquet",
                                                                 "--workers", "1"))
    # a file system of 600 KB, for this command alone, and what is in it after the run
    run = subprocess.run([*(unshare("-m") or []), "sh", "-c",
                          f"mount -t tmpfs -o size=600k tmpfs {shlex.quote(str(small))} && "
                          f"{command}; echo exit $?; ls -A {shlex.quote(str(small))}"],
                         capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert run.stdout.splitlines() == ["exit 2"], run.stdout + run.stderr  # nothing left
    assert run.stderr == (f"error: work directory {small}: no space left on its device; "
                          "nothing was written; expected free space there (the directory of "
                          "--out) for a copy of the input's rows and their outputs\n")


def full_disk_process(raw: pl.DataFrame, form: str, source: str, job: Job) -> Outputs:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # as a task's write to a full disk


def test_a_full_disk_met_by_a_task_or_the_inputs_copy_is_the_work_directorys(
        shared: str, log_parquet: Path, log_csv: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # where no file system can be made full for the test: the errors injected
    with pytest.raises(UsageError, match=f"^work directory {tmp_path}: no space left"):
        run_dask(log_parquet, JOB, scheduler=shared, workdir=tmp_path,
                 process_fn=full_disk_process)

    def sink_full(*args: object, **kwargs: object) -> None:
        raise pl.exceptions.ComputeError("writing: No space left on device (os error 28)")

    monkeypatch.setattr(pl.LazyFrame, "sink_parquet", sink_full)
    with pytest.raises(UsageError, match=f"^work directory {tmp_path}: no space left"):
        run_dask(log_csv, JOB, scheduler=shared, workdir=tmp_path, process_fn=toy_process)
    assert list(tmp_path.iterdir()) == []


def test_a_loopback_that_refuses_connections_is_said_before_any_cluster_starts(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # where no network namespace can be made for the test: the failure injected

    def unreachable(*args: object, **kwargs: object) -> socket.socket:
        raise OSError(errno.ENETUNREACH, os.strerror(errno.ENETUNREACH))

    monkeypatch.setattr(socket, "create_connection", unreachable)
    with pytest.raises(UsageError, match=r"^127\.0\.0\.1: a connection to this machine itself "
                                         r"failed \(Network is unreachable\); expected the "
                                         r"loopback interface up"), local_cluster(1):
        pass


@pytest.mark.skipif(unshare("-n") is None, reason="needs a network namespace of its own")
def test_a_machine_that_cannot_connect_to_itself_is_said_at_once(tmp_path: Path,
                                                                  log_parquet: Path) -> None:
    # a new network namespace has its loopback interface down: was an internal error after
    # Dask's 30 s connect timeout
    start = time.monotonic()
    run = subprocess.run([*(unshare("-n") or []), *cli_batch(log_parquet, tmp_path / "p.parquet")],
                         capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert time.monotonic() - start < 20
    assert (run.returncode, run.stderr) == (2, (
        "error: 127.0.0.1: a connection to this machine itself failed (Network is "
        "unreachable); expected the loopback interface up for a local Dask cluster, or "
        "--scheduler ADDRESS of a running one\n"))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("rows", "threads", "expected"), [
    (0, 4, 4), (1_000, 4, 4), (1_500_000, 2, 4), (10_000_000, 4, 20), (10_000_000, 3, 21)])
def test_default_partitions_come_as_many_for_each_thread(rows: int, threads: int,
                                                          expected: int) -> None:
    # partitions take about as long each: 3 on 2 threads would leave one idle a third of the run
    assert _default_partitions(rows, threads) == expected


def test_the_files_the_tasks_write_are_not_compressed(tmp_path: Path) -> None:
    # written and read once within a run: compressing them cost more CPU time than their size
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    _write(pl.DataFrame({"person_id": ["P1", "P2"] * 1000, "n": range(2000)}),
           tmp_path / "part.parquet")
    meta = pq.ParquetFile(tmp_path / "part.parquet").metadata
    codecs = {meta.row_group(g).column(c).compression for g in range(meta.num_row_groups)
              for c in range(meta.num_columns)}
    assert codecs == {"UNCOMPRESSED"}
    assert [p.name for p in tmp_path.iterdir()] == ["part.parquet"]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_a_split_task_streams_its_rows_into_whole_partition_files(
        fmt: str, log_parquet: Path, log_csv: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # read, placed and written as they come, never collected whole (less CPU time, and the
    # slice is never in memory at once), into files renamed into place once all are whole
    path = log_csv if fmt == "csv" else log_parquet
    (tmp_path / "split").mkdir()
    data = _prepare(path, inputs.scan_input(path), tmp_path, 1_000)
    cut_points = ranges.cuts(ranges.sample(inputs.scan_input(path).frame, data.rows), 5)
    expected = (inputs.scan_input(path).frame.collect().slice(1_000, 3_000)
                .with_columns(ranges.range_of(pl.col("person_id"), cut_points).alias("part")))

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("the slice was collected")

    monkeypatch.setattr(pl.LazyFrame, "collect", refused)
    split = _split(data, worker_checks.code_digest(), 3, 1_000, 3_000, cut_points,
                   str(tmp_path / "split"))
    monkeypatch.undo()
    assert sorted(split.files) == sorted(set(expected.get_column("part")))
    for part, files in split.files.items():
        assert_frame_equal(pl.read_parquet(files),
                           expected.filter(pl.col("part") == part).drop("part"))
    listed = sorted(Path(f).name for files in split.files.values() for f in files)
    assert sorted(p.name for p in (tmp_path / "split").iterdir()) == listed  # nothing else
