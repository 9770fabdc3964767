"""The Dask engine: the Polars engine's computation, split by person over a Dask cluster.

A run has two stages of tasks on the cluster; only paths, counts and the client's rule pack
(kept by the scheduler once, sent to each worker once) pass through the scheduler, never the
rows themselves:

1. *split*: each task reads one slice of the input's rows, as :func:`inputs.scan_input` gives
   them (numbered by ``row`` and ``line`` before slicing, so numbering survives), and writes one
   Parquet file per partition. A partition is a range of person ids (:mod:`ranges`), cut at
   ids the client samples from the input's id column before the tasks start: every row of a
   person lands in the same partition.
2. *evaluate*: each task reads the files of one partition and calls ``process_fn`` on them
   (``pipeline.process``: the whole computation for a set of rows holding each person's every
   row), then writes the outputs as Parquet files.

The client reads the parts back and joins them in range order with ``pipeline.combine``, with
no sort, so the result is the Polars engine's, row for row. A partition holds about
:data:`ROWS_PER_PARTITION` rows whatever the size of the input, and a split task
:data:`ROWS_PER_CHUNK`, which is how an input larger than a worker's memory is processed. Two
limits remain: Parquet is read a row group at a time, so a file written as one huge row group
needs that much memory; and Polars maps a whole CSV file into memory to read any part of it,
which Dask would count against a worker's limit, so a CSV input is first copied by the client,
streaming, into Parquet in the work directory.

Files live in a work directory made for the run (under ``workdir``, default the system's
temporary directory) and removed at its end, also on failure; one that a killed client left is
removed by a later run (:mod:`work_directory`). With ``scheduler=ADDRESS`` the
workers must see the input and the work directory at the same paths as the client (a shared
file system), and run the client's sojourn: this is checked before any task starts, and again
by every task of its own worker (:mod:`worker_checks`), for workers that join later.

Tasks write to a temporary name and rename, to names that depend only on the task, so a task
run again after its worker died writes the same files and nothing half-written is ever read.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import math
import os
import pickle
import socket
import ssl
import tempfile
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import CancelledError, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import dask
import polars as pl
from dask.utils import parse_bytes
from distributed import Client, Future, KilledWorker, LocalCluster, as_completed
from distributed.comm.addressing import parse_address, parse_host_port
from distributed.comm.core import connect
from distributed.diagnostics.plugin import WorkerPlugin
from distributed.security import Security
from distributed.system import MEMORY_LIMIT
from polars.io.partition import FileProviderArgs

from sojourn.batch import inputs, pipeline, ranges, worker_checks
from sojourn.batch.pipeline import Job, Outputs
from sojourn.batch.work_directory import no_space, work_directory
from sojourn.errors import UsageError, causes, option_told, shown
from sojourn.outputs import atomic_path
from sojourn.rules.loader import Pack
from sojourn.words import count

ROWS_PER_PARTITION = 500_000  # a partition's rows: as many as a slice of the Polars engine
ROWS_PER_CHUNK = 1_000_000    # rows one split task reads at once
# the memory a worker thread needs for either (each peaked at 430-470 MB on 2 million stays)
THREAD_MEMORY_MB = 600
# Threads of a local worker: each evaluates a partition of its own. One alone leaves its core
# idle during Polars' sequential steps, as one slice of the Polars engine does (job.AT_ONCE);
# two, on partitions of half a million rows, peaked at 570-615 MB a worker on 10M stays,
# where one on partitions of a million peaked at 540-565 MB.
LOCAL_THREADS = 2
LOCAL_WORKER_MB = 600  # the memory a local worker needs
ADDRESS_FORM = "a Dask scheduler address such as tcp://host:8786 or tls://host:8786"
# where a client of a tls:// scheduler finds its credentials (Dask's own configuration)
TLS_KEYS = ("distributed.comm.tls.ca-file", "distributed.comm.tls.client.cert",
            "distributed.comm.tls.client.key")
MEMORY_FORM = "a size such as 2GiB or 500MB, or auto"

OUTPUT_NAMES = ("persons", "violations", "rejects")
# What a local cluster does as a worker's memory fills. A task's memory is polars' own, which
# dask can neither spill nor free by pausing the worker (a paused worker whose allocator keeps
# its pages may wait a long time): only the limit itself is kept, the nanny ending a worker
# that reaches 95% of it.
LOCAL_MEMORY_CONFIG = {"distributed.worker.memory.target": False,
                       "distributed.worker.memory.spill": False,
                       "distributed.worker.memory.pause": False}
# What a local cluster's servers do beside the tasks, for a dashboard it does not serve: the
# workers' stack sampling every 10 ms, each server's event-loop tick every 20 ms (it only warns
# of a blocked loop, in logs the cluster silences) and host metrics every 0.5 s. Together they
# cost the Dask engine about a tenth of its CPU time on 2 million stays (2.30 s against 2.06 s
# of client and workers, medians of 4 alternated runs of the benchmark's plumbing); each alone
# saved too little to tell from the noise. Nothing of a run depends on them: the nanny's
# memory limit is watched by a monitor of its own.
LOCAL_QUIET_CONFIG = {"distributed.worker.profile.enabled": False,
                      "distributed.admin.tick.interval": "1s",
                      "distributed.admin.system-monitor.interval": "5s"}

ProcessFn = Callable[..., Outputs]


@dataclass(frozen=True)
class _Input:
    """What every task needs to know about the input; small, so it pickles cheaply.

    ``path`` is the input itself (read through ``scan_input``) or, when ``copied``, its copy as
    Parquet in the work directory, which already has scan_input's columns."""

    path: str
    copied: bool
    source: str
    form: inputs.Form
    schema: pl.Schema
    rows: int


@dataclass(frozen=True)
class _Split:
    """What one split task wrote: the files of each non-empty partition, in row order."""

    chunk: int
    files: dict[int, list[str]]


@dataclass(frozen=True)
class _Part:
    """What one evaluate task wrote: its outputs' files and the counts of ``Outputs``."""

    partition: int
    files: dict[str, str]
    rows: int
    merged: int


def run_dask(path: Path, job: Job, *, scheduler: str | None = None, workers: int | None = None,
             partitions: int | None = None, memory_limit: str | None = None,
             workdir: Path | None = None, chunk_rows: int = ROWS_PER_CHUNK,
             connect_timeout: float = 10.0,
             progress: Callable[[int, int], None] | None = None,
             process_fn: ProcessFn = pipeline.process) -> Outputs:
    """Evaluate ``path`` under ``job`` on a Dask cluster; the same Outputs as the Polars engine.

    ``scheduler`` is the address of a running cluster; without it a local cluster of
    ``workers`` processes (default 2, :func:`local_threads` threads each, ``memory_limit``
    each, default a share of the machine's memory) is started and closed. ``partitions``
    defaults to one per :data:`ROWS_PER_PARTITION` rows, rounded up to as many for each
    thread of the cluster.
    ``progress(done, total)`` is called as each task finishes. Raises UsageError for options
    that cannot work (bad address, no workers, paths the workers do not share, too little
    memory for a partition) and InputError for an unreadable input; errors of ``process_fn``
    are raised as they are.
    """
    _check_options(scheduler, workers, partitions, memory_limit, chunk_rows)
    # a bad input is refused before a cluster starts; read as the Polars engine reads it, so
    # that messages name the file as the user did (the tasks use its absolute path)
    raw = inputs.scan_input(path)
    with work_directory(workdir) as work:
        data = _prepare(path.resolve(), raw, work, chunk_rows)
        with _client(scheduler, workers or 2, memory_limit, connect_timeout,
                     work) as client:
            code = worker_checks.check_same_code(client)
            worker_checks.check_shared(client, data.path, work)
            threads = _thread_count(client)
            cut_points = ranges.cuts(ranges.sample(_source(data), data.rows),
                                     partitions or _default_partitions(data.rows, threads))
            parts = _run_tasks(client, data, code, job, work, cut_points,
                               _chunks(data.rows, chunk_rows, threads), progress, process_fn)
        return pipeline.combine([_read_part(part) for part in parts])


def _check_options(scheduler: str | None, workers: int | None, partitions: int | None,
                   memory_limit: str | None, chunk_rows: int) -> None:
    """Refuse options that make no sense, before anything is read or started."""
    if scheduler is not None and (workers is not None or memory_limit is not None):
        sizing, size = (("--workers", str(workers)) if workers is not None
                        else ("--memory-limit", memory_limit))
        raise UsageError(option_told(sizing, size, "sizes a local cluster, and a cluster at "
                                     "--scheduler has its own workers and limits",
                                     f"--scheduler or {sizing}: give one or the other"))
    for option, value in (("--workers", workers), ("--partitions", partitions),
                          ("chunk rows", chunk_rows)):
        if value is not None and value < 1:
            raise UsageError(option_told(option, str(value), "is not a positive whole number",
                                         "1 or more"))
    if memory_limit is not None and memory_limit != "auto":
        try:
            parse_bytes(memory_limit)
        except (ValueError, TypeError):
            raise UsageError(option_told("--memory-limit", memory_limit, "is not a size",
                                         MEMORY_FORM)) from None


def crowding(workers: int) -> tuple[str, ...]:
    """A warning when a local cluster of ``workers`` processes has fewer cores to run on."""
    cores = usable_cores()
    if workers <= cores:
        return ()
    return (f"--workers {workers} is more than the {count(cores, 'core')} this machine gives "
            f"the run: the workers share them, and each needs about {LOCAL_WORKER_MB} MB of "
            f"memory ({workers * LOCAL_WORKER_MB:,} MB in all)",)


def usable_cores() -> int:
    """The cores this process may run on: its affinity where the system has one (a
    container's or taskset's limit), otherwise the machine's."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _prepare(path: Path, raw: inputs.RawInput, work: Path, chunk_rows: int) -> _Input:
    """The input as the split tasks will read it: a Parquet file as it is, a CSV file copied
    into Parquet (polars maps a whole CSV to read any slice of it, and dask would count that
    against each split task's worker), in row groups no bigger than a split task's slice."""
    schema = raw.frame.collect_schema()
    if inputs.SUFFIXES.get(path.suffix.lower()) != "csv":
        return _Input(str(path), False, raw.source, raw.form, schema, _parquet_rows(path))
    copy = work / "input.parquet"
    try:
        raw.frame.sink_parquet(copy, compression="lz4", row_group_size=min(chunk_rows, 1 << 16),
                               engine="streaming")
    except (pl.exceptions.ComputeError, pl.exceptions.ShapeError, OSError) as exc:
        if no_space(exc):  # the copy's, not the input's: said by work_directory
            raise
        # as inputs.collect_raw does: a body polars cannot parse is a problem of the file
        raise inputs.unreadable(raw.source, exc) from None
    return _Input(str(copy), True, raw.source, raw.form, schema, _parquet_rows(copy))


def _parquet_rows(path: Path) -> int:
    """The rows of a Parquet file, from its metadata."""
    # glob=False: a name with [ ] * ? is the file's own, not a pattern for several
    return int(pl.scan_parquet(path, glob=False).select(pl.len()).collect().item())


@contextlib.contextmanager
def _client(scheduler: str | None, workers: int, memory_limit: str | None,
            timeout: float, work: Path) -> Iterator[Client]:
    """A client of the cluster at ``scheduler``, or of a local cluster closed afterwards,
    whose scratch space is in the run's directory ``work``."""
    if scheduler is not None:
        with _connect(scheduler, timeout) as client:
            yield client
        return
    scratch = work / "dask"
    scratch.mkdir(mode=0o700)
    with local_cluster(workers, memory_limit, scratch) as cluster, \
            Client(cluster, set_as_default=False) as client:  # type: ignore[no-untyped-call]
        yield client


@contextlib.contextmanager
def local_cluster(workers: int, memory_limit: str | None = None,
                  scratch: Path | None = None) -> Iterator[LocalCluster]:
    """The local cluster the engine runs on without ``--scheduler``, closed on exit.

    :func:`local_threads` threads per worker process, each working on one partition at a
    time: what keeps a worker's memory bounded.

    Its scheduler and workers listen on 127.0.0.1, which every account of the machine can
    reach: they speak TLS only, and admit only the credentials made for this cluster and kept
    in its memory (``Security.temporary``). Without them a Dask client of another user could
    run any code in the workers, as this user, and read the run's files. ``Client(cluster)``
    has them, as does a client under :func:`credentials`.

    Its scheduler's and workers' scratch space (lock files, spilled data) is the directory
    ``scratch``, or one made for the cluster (mode 0700) and removed with it: never Dask's
    default, ``$TMPDIR/dask-scratch-space``, a name shared by every account, which another
    could make first (writable by all, its lock a link to a file of their choosing)."""
    _check_loopback()
    security = Security.temporary()  # type: ignore[no-untyped-call]
    with contextlib.ExitStack() as stack:
        if scratch is None:
            scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(
                prefix="sojourn-dask-scratch-")))
        stack.enter_context(dask.config.set({**LOCAL_MEMORY_CONFIG, **LOCAL_QUIET_CONFIG,
                                             "temporary-directory": str(scratch),
                                             # the scheduler's HTTP routes, which TLS does not
                                             # cover, would show any account its workers'
                                             # logs, call stacks and tasks: none served
                                             "distributed.scheduler.http.routes": []}))
        yield stack.enter_context(LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers, threads_per_worker=local_threads(workers, memory_limit),
            processes=True,
            memory_limit=memory_limit or "auto",
            host="127.0.0.1", protocol="tls", security=security,
            local_directory=str(scratch),
            silence_logs=logging.CRITICAL,  # failures reach the caller as exceptions
            # No dashboard. The scheduler serves a few HTTP routes even so, by default on
            # port 8787, warning when that is taken (by another run, say): any free port.
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0",
                              "local_directory": str(scratch)},
            plugins={OwnProcessGroup()},
        ))


def local_threads(workers: int, memory_limit: str | None) -> int:
    """Threads for each local worker: :data:`LOCAL_THREADS`, fewer when its memory would not
    hold a partition for each (:data:`THREAD_MEMORY_MB`): a worker holds one partition per
    thread at once, and an input larger than the memory given must still be worked through
    one partition at a time rather than kill the worker. ``memory_limit`` as Dask reads it:
    a size, or "auto"/None for an equal share of the machine's memory."""
    if memory_limit is None or memory_limit == "auto":
        limit = MEMORY_LIMIT // max(1, workers)
    else:
        limit = parse_bytes(memory_limit)
    return max(1, min(LOCAL_THREADS, limit // (THREAD_MEMORY_MB * 2**20)))


def _check_loopback() -> None:
    """Refuse to start a local cluster where connections to 127.0.0.1 fail (the loopback
    interface down, say), at once: Dask would try for 30 s, then fail with a traceback."""
    try:
        with socket.create_server(("127.0.0.1", 0)) as server, \
                socket.create_connection(server.getsockname()[:2], timeout=5):
            pass
    except OSError as exc:
        raise UsageError(f"127.0.0.1: a connection to this machine itself failed "
                         f"({exc.strerror or exc}); expected the loopback interface up for a "
                         "local Dask cluster, or --scheduler ADDRESS of a running one") from None


def credentials(cluster: LocalCluster) -> dict[str, str]:
    """Dask's configuration that gives a client the credentials of ``cluster`` (a
    :func:`local_cluster`): under ``dask.config.set`` of it, ``run_dask`` reaches the cluster
    by its address, as it reaches any tls:// scheduler."""
    security: Any = cluster.security
    return {TLS_KEYS[0]: security.tls_ca_file, TLS_KEYS[1]: security.tls_client_cert,
            TLS_KEYS[2]: security.tls_client_key}


@contextlib.contextmanager
def _connect(address: str, timeout: float) -> Iterator[Client]:
    """A client of the scheduler at ``address``; failures to reach it are a UsageError."""
    # Asked first without a Client: a Client whose start fails lingers, and its clean-up
    # fails later, in some other code's time.
    _check_scheduler(address, timeout)
    try:
        client = Client(address, timeout=timeout,  # type: ignore[no-untyped-call]
                        set_as_default=False)
    except (OSError, TimeoutError) as exc:  # it answered a moment ago: gone since
        raise _scheduler_refused(address, f"could not be connected to ({exc})",
                                 f"{ADDRESS_FORM} of a running scheduler") from None
    # The client logs its lost connection with a traceback; the run's own error says it
    # in one line (_run_tasks), as the local cluster's silenced logs leave it to do.
    quiet = _quiet_logger("distributed.client")
    with quiet, client:
        try:
            client.wait_for_workers(1, timeout=timeout)
        except TimeoutError:
            raise _scheduler_refused(address, f"is a cluster with no workers (waited "
                                     f"{timeout:g} s)", "a cluster with workers; start some "
                                     f"with: dask worker {address}") from None
        yield client


class OwnProcessGroup(WorkerPlugin):
    """Moves a local worker into a process group of its own as it starts. A terminal's
    Ctrl-C goes to every process of its group, and each worker would print its own
    KeyboardInterrupt traceback (66 lines for two; Polars listens for SIGINT even where
    Python ignores it): the client alone is interrupted, and closing the cluster ends the
    workers, as the death of their nanny (in the client) does."""

    def setup(self, worker: Any) -> None:
        os.setpgid(0, 0)


@contextlib.contextmanager
def _quiet_logger(name: str) -> Iterator[None]:
    """Only critical records from logger ``name`` while the block runs."""
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _check_address(address: str) -> dict[str, Any]:
    """Refuse an address the engine cannot use, before trying it: TCP, or TLS with the
    credentials Dask's configuration gives (``distributed.comm.tls.*``, as ``Client(address)``
    reads them), with a port a socket can have. Return the arguments to connect with."""
    try:
        scheme, where = parse_address(address)
        _, port = parse_host_port(where, default_port=8786)
    except ValueError as exc:
        raise _scheduler_refused(address, f"is not an address ({exc})", ADDRESS_FORM) from None
    if scheme not in ("tcp", "tls"):
        raise _scheduler_refused(address, f"is a {scheme}:// address, which is not supported",
                                 ADDRESS_FORM)
    if not 0 < int(port) < 65536:
        raise _scheduler_refused(address, f"has port {port}, which is not a port", ADDRESS_FORM)
    try:
        security = Security()  # type: ignore[no-untyped-call]
        arguments: dict[str, Any] = security.get_connection_args("client")  # type: ignore[no-untyped-call]
    except (OSError, ValueError) as exc:  # a file named there is missing or no certificate
        raise _no_credentials(address, f"they do not load: {exc}") from None
    if scheme == "tls" and arguments["ssl_context"] is None:
        raise _no_credentials(address, "Dask's configuration gives none")
    if scheme == "tcp" and security.require_encryption:
        raise _scheduler_refused(address, "is a tcp:// address, and Dask's configuration requires "
                                 "encryption (distributed.comm.require-encryption)",
                                 "a tls:// address")
    return arguments


def _scheduler_refused(address: str, message: str, expected: str) -> UsageError:
    """The refusal of ``--scheduler``'s address, told as every option's bad value is."""
    return UsageError(option_told("--scheduler", address, message, expected))


def _no_credentials(address: str, why: str) -> UsageError:
    """The refusal of a tls:// scheduler for want of the client's credentials."""
    return _scheduler_refused(address, "is a tls:// scheduler, which needs this client's TLS "
                              f"credentials, and {why}", f"{', '.join(TLS_KEYS)} set to PEM "
                              "files in a Dask config file or DASK_DISTRIBUTED__COMM__TLS__* "
                              "variables")


def _check_scheduler(address: str, timeout: float) -> None:
    """Refuse ``address`` unless a Dask scheduler answers there within ``timeout`` seconds."""
    arguments = _check_address(address)
    # in a thread of its own: the caller may be running an event loop (a notebook, say). Not
    # waited for on the way out: should it hang, the error below is the caller's answer.
    thread = ThreadPoolExecutor(1, thread_name_prefix="sojourn-identify")
    try:
        asked = thread.submit(asyncio.run, _identify(address, timeout, arguments))
        # a name lookup runs outside the coroutine's own time limit: bounded here too
        kind = asked.result(timeout=2 * timeout + 1).get("type")
    except ValueError as exc:  # an address distributed cannot parse
        raise _scheduler_refused(address, f"is not an address ({exc})", ADDRESS_FORM) from None
    except (OSError, TimeoutError) as exc:
        if _handshake_failed(exc):
            raise _scheduler_refused(address, "could not be reached: the TLS handshake "
                                     f"failed ({_first_line(exc)})", "credentials the scheduler "
                                     f"trusts, and its CA, in {', '.join(TLS_KEYS)}") from None
        # a scheduler speaking TLS drops a plain client with no word of why
        tls = (f"; if that scheduler speaks TLS, {shown('tls://' + address[len('tcp://'):])}"
               if address.startswith("tcp://") else "")
        raise _scheduler_refused(address, "could not be reached: no Dask scheduler answered "
                                 f"within {timeout:g} s ({exc})",
                                 f"{ADDRESS_FORM} of a running scheduler{tls}") from None
    except MemoryError:
        # Something answered that is not Dask (often the dashboard's web port): its first
        # bytes were read as the length of a message too big to allocate.
        kind = None
    finally:
        thread.shutdown(wait=False)
    if kind != "Scheduler":
        there = (f"a Dask {kind}, not of a scheduler" if kind
                 else "a service that is not Dask (the dashboard port?)")
        raise _scheduler_refused(address, f"is the address of {there}", ADDRESS_FORM)


def _handshake_failed(exc: BaseException) -> bool:
    """Whether ``exc`` (or what it was raised from) is a TLS handshake's failure."""
    return any(isinstance(e, ssl.SSLError) or "SSL" in str(e) for e in causes(exc))


def _first_line(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


async def _identify(address: str, timeout: float, arguments: dict[str, Any]
                    ) -> dict[str, Any]:
    """What the Dask server at ``address`` says it is (``type``: Scheduler, Worker...),
    within ``timeout`` seconds in all: a service that takes the connection and says nothing
    (the dashboard's port, say) would hold connect's own handshake, which has no time limit."""
    async def ask() -> object:
        comm = await connect(address, timeout=timeout,  # type: ignore[no-untyped-call]
                             **arguments)
        try:
            await comm.write({"op": "identity", "reply": True})
            return await comm.read()
        finally:
            comm.abort()

    try:
        # connect's own limit (``timeout``) fires first where nothing is reached; this one,
        # later, only where the connection was taken and the handshake never answered
        answer = await asyncio.wait_for(ask(), 1.5 * timeout + 0.5)
    except TimeoutError:
        raise TimeoutError("it took the connection and sent nothing back") from None
    return answer if isinstance(answer, dict) else {}


def _thread_count(client: Client) -> int:
    """The threads of the cluster's workers, all told: the tasks it runs at once."""
    workers = client.scheduler_info(n_workers=-1)["workers"].values()
    return max(1, sum(int(worker.get("nthreads", 1)) for worker in workers))


def _default_partitions(rows: int, threads: int) -> int:
    """One partition per ROWS_PER_PARTITION rows, rounded up to a whole number per thread of
    the cluster: partitions take about as long each, and 3 of them on 2 threads would leave
    one idle for the last third of the run."""
    return threads * max(1, math.ceil(rows / ROWS_PER_PARTITION / threads))


def _chunks(rows: int, chunk_rows: int, threads: int) -> list[tuple[int, int]]:
    """(offset, length) slices of the input: at most ``chunk_rows`` each, one per thread of
    the cluster at least when there are rows enough, and one empty slice for an empty input."""
    size = max(1, min(chunk_rows, math.ceil(rows / threads)))
    return [(start, min(size, rows - start)) for start in range(0, rows, size)] or [(0, 0)]


def _run_tasks(client: Client, data: _Input, code: str, job: Job, work: Path,
               cut_points: list[str], chunks: Sequence[tuple[int, int]],
               progress: Callable[[int, int], None] | None, process_fn: ProcessFn
               ) -> list[_Part]:
    """Submit both stages, wait for every task, and return the evaluate tasks' results.
    Each task first checks its worker against the client's ``code`` digest and paths
    (:func:`worker_checks.admit`), wherever and whenever it runs."""
    token = uuid.uuid4().hex[:12]
    for stage in ("split", "out"):
        (work / stage).mkdir(mode=0o700)
    partitions = len(cut_points) + 1
    splits = [client.submit(_split, data, code, index, offset, length, cut_points,
                            str(work / "split"), key=f"sojourn-split-{token}-{index}")
              for index, (offset, length) in enumerate(chunks)]
    # The client's pack judges, not a worker's own (its --pack path resolved in its own
    # directory, or another version's built-in pack). Loaded while the split tasks run: only
    # the evaluate tasks need it.
    job = job.with_pack()
    # The pack (some 190 KB pickled) is the result of a task of its own, whose argument is the
    # pack pickled, and the evaluate tasks depend on it: a worker fetches it once, and the
    # scheduler keeps that task, once, to run again should every worker that held its result
    # be lost (killed, restarted by its nanny, replaced by a cluster that scales), as it does
    # for the split tasks. Data scattered to the workers it cannot make again: the run failed
    # as if the cluster were lost. Given to each evaluate task as an argument, the pack would
    # be kept by the scheduler once per task (measured with 1,000 tasks: 1.2 GB, and 37 s to
    # submit and run them where this takes 3 s, scattering 2 s). Kept pickled, as bytes, it
    # is unpickled by a task once that task has checked its worker's code (_unpickled).
    pack = (client.submit(bytes, pickle.dumps(job.pack), key=f"sojourn-pack-{token}")
            if job.pack is not None else None)
    bare = replace(job, pack=None)
    evaluations = [client.submit(_evaluate, data, code, bare, part, splits, str(work / "out"),
                                 process_fn, pack, key=f"sojourn-evaluate-{token}-{part}")
                   for part in range(partitions)]
    futures: list[Future[Any]] = [*splits, *evaluations]
    try:
        # the client made here is not the default one: as_completed must be given its loop
        finished = as_completed(futures, loop=client.loop)  # type: ignore[no-untyped-call]
        for done, future in enumerate(finished, start=1):
            _raise_failure(future, data, work)
            if progress is not None:
                progress(done, len(futures))
        return [future.result() for future in evaluations]
    except CancelledError as exc:
        # the tasks were cancelled under us: by the scheduler's loss, which is no bug of
        # sojourn's; the outputs are not written, and the work directory goes with the run
        why = _first_line(exc)
        raise UsageError(f"the Dask cluster was lost during the run ({why}); nothing was "
                         "written: run the job again once the scheduler is back") from None
    finally:
        # on failure, stop what is queued; on success, a no-op
        client.cancel([*futures, pack] if pack is not None  # type: ignore[no-untyped-call]
                      else futures)


def _raise_failure(future: Future[Any], data: _Input, work: Path) -> None:
    """Raise the task's own error; a task that killed its workers means too little memory,
    one that refused its worker the refusal of the checks at the start."""
    if future.status != "error":
        return
    try:
        future.result()
    except worker_checks.OtherCode as exc:
        raise worker_checks.other_code([exc.address]) from None
    except worker_checks.NotShared as exc:
        raise worker_checks.not_shared([exc.address], data.path, work) from None
    except KilledWorker:
        raise UsageError("a task of the Dask engine killed every worker that ran it, most "
                         f"likely for lack of memory; give each worker thread about "
                         f"{THREAD_MEMORY_MB} MB or more (dask worker --memory-limit; a local "
                         "cluster of --workers N shares the machine's memory between them)"
                         ) from None


def _split(data: _Input, code: str, chunk: int, offset: int, length: int,
           cut_points: list[str], out: str) -> _Split:
    """Write rows ``offset`` to ``offset + length`` of the input as one file per partition
    (range of ids between ``cut_points``), in each file in their input order.

    One streaming query reads, places and writes the rows as they come: 0.30 CPU seconds a
    million rows, where collecting the slice, cutting it with ``partition_by`` and writing
    each part took 0.37 s, and it never holds the whole slice. The files are written into a
    directory of the task's own and renamed into place only once all are whole."""
    worker_checks.admit(code, data.path, out)
    rows = (_source(data).slice(offset, length)
            .with_columns(ranges.range_of(pl.col("person_id"), cut_points).alias("_partition")))
    files: dict[int, list[str]] = {}
    with tempfile.TemporaryDirectory(dir=out, prefix=f".chunk{chunk:06d}-") as written:
        rows.sink_parquet(pl.PartitionBy(written, key="_partition", include_key=False,
                                         approximate_bytes_per_file=None,
                                         file_path_provider=_part_file),
                          compression="uncompressed", statistics=False, engine="streaming",
                          mkdir=True)
        for file in sorted(Path(written).iterdir()):  # by partition, then in row order
            target = Path(out) / f"chunk{chunk:06d}-{file.name}"
            file.replace(target)
            part = int(file.name.split("-")[0].removeprefix("part"))
            files.setdefault(part, []).append(str(target))
    return _Split(chunk, files)


def _part_file(written: FileProviderArgs) -> str:
    """The name of a split's file: its partition, then its place among the partition's files
    (one, unless polars cuts a partition's rows into several)."""
    part = int(written.partition_keys.item(0, 0))
    return f"part{part:06d}-{written.index_in_partition:04d}.parquet"


def _source(data: _Input) -> pl.LazyFrame:
    """The input's rows as scan_input gives them. Collected with the streaming engine, a slice
    of it reads only about its own rows whatever the optimizer can push into the scan."""
    if data.copied:
        return pl.scan_parquet(data.path, glob=False)
    return inputs.scan_input(Path(data.path), checked=True).frame  # by run_dask's own


def _evaluate(data: _Input, code: str, job: Job, part: int, splits: list[_Split], out: str,
              process_fn: ProcessFn, pack: bytes | None = None) -> _Part:
    """Run ``process_fn`` on the rows of partition ``part`` (judged by the client's
    ``pack``, pickled, when the job takes one) and write its outputs."""
    worker_checks.admit(code, data.path, out)
    if pack is not None:
        job = replace(job, pack=_unpickled(pack))
    # In chunk order, each file in its rows' order: the rows come in input order, as
    # process_fn's normalize needs them (it would sort them otherwise), with no sort here.
    paths = [path for split in sorted(splits, key=lambda s: s.chunk)
             for path in split.files.get(part, [])]
    rows = pl.read_parquet(paths, glob=False) if paths else pl.DataFrame(schema=data.schema)
    result: Outputs = process_fn(rows, data.form, data.source, job)
    files = {name: str(Path(out) / f"part{part:06d}-{name}.parquet") for name in OUTPUT_NAMES}
    for name in OUTPUT_NAMES:
        _write(getattr(result, name), Path(files[name]))
    return _Part(part, files, result.rows, result.merged)


@functools.lru_cache(maxsize=1)
def _unpickled(pack: bytes) -> Pack:
    """The client's pack, unpickled once per worker (about 2 ms) rather than once per task:
    the tasks of a worker are given the same bytes."""
    loaded: Pack = pickle.loads(pack)  # the client's own, pickled in _run_tasks
    return loaded


def _write(frame: pl.DataFrame, path: Path) -> None:
    """Write ``frame`` under a temporary name and rename it to ``path``, so that a task run
    twice (its first worker died) leaves one whole file and readers never see half of one."""
    with atomic_path(path) as tmp:
        # These files live for one run and are read once. Uncompressed, they take twice lz4's
        # room (about 22 MB a million rows), and the benchmark's plumbing on 2 million stays
        # took 4% less CPU time in client and workers (2.05 s against 2.13 s, medians of 5
        # alternated runs).
        frame.write_parquet(tmp, compression="uncompressed", statistics=False)


def _read_part(part: _Part) -> Outputs:
    frames = {name: pl.read_parquet(part.files[name], glob=False) for name in OUTPUT_NAMES}
    return Outputs(frames["persons"], frames["violations"], frames["rejects"],
                   part.rows, part.merged)
