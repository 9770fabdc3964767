"""Time the batch engines on a seeded synthetic crossing log, beside the least any evaluation
must do: a scan of the same file summing stay lengths per person.

    .venv/bin/python benchmarks/batch.py [--stays 1000000] [--seed 7] [--sample 1000]
                                         [--repeat 1] [--skip-dask] [--keep FILE]

The log (person_id, country, entry, exit, citizenship; Parquet, in entry order as a border
service would export it) holds about five stays per person between 2022-09 and 2024-06:
border runners (stays of 25-90 days, leaving and re-entering the same country the same or the
next day), long stays (200-400 days, open when they outlast the log), overstays (91-200 days),
and travellers between KZ, KG, UZ, AM, GE, TR and RU; citizens mostly of RU, some of BY, UA
and KZ. The job is the pack's rules for Kazakhstan on 2024-06-30.

Beside the scan, a *grouping baseline* reads the file and sorts the rows by person and entry:
not a target, but what an exact evaluation per person must do before evaluating anything, so
the engines' time can be read against it too.

Each measurement runs in a fresh process, so that its peak memory (the kernel's high-water
mark of resident memory, VmHWM) is its own; the Dask engine's is the largest of its workers'
and its client's. The Dask engine runs on a local cluster of two single-threaded workers,
started before the clock starts. The scalar engine (stay_report per person) runs on a sample
of persons and its time is extrapolated to all. The targets are for 10 million stays on two
cores.

On a shared machine timings move by up to a fifth from one run to the next. ``--repeat N``
measures the scan and the engines N times, in rounds (each round one of each, so that a slow
spell slows all of them), and reports each one's median time, with the range in its notes, and
its largest peak; the targets are judged on the medians.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from sojourn.batch.pipeline import Job, Outputs

JOB = Job(on=dt.date(2024, 6, 30), country="KZ")
FIRST, LAST = np.datetime64("2022-09-01"), np.datetime64("2024-06-30")
WAVE = (np.datetime64("2022-09-21"), np.datetime64("2022-10-31"))  # after the mobilization
COUNTRIES = np.array(["KZ", "KG", "UZ", "AM", "GE", "TR", "RU"])
HOSTS = (np.array([0, 1, 2, 3, 4, 5]), [0.45, 0.15, 0.1, 0.1, 0.12, 0.08])  # where one lives
CITIZENSHIPS = (np.array(["RU", "BY", "UA", "KZ"]), [0.85, 0.06, 0.05, 0.04])
RUNNER, LONG, OVERSTAY, TRAVELLER = range(4)
KINDS = [0.4, 0.2, 0.1, 0.3]

TARGET_RATIO = 3.0             # evaluation time / scan baseline time
TARGET_RATE = 1_000_000        # stays per second
TARGET_PEAK = 2 * 2**30        # bytes


# --- the synthetic log -----------------------------------------------------------------------

def generate(stays: int, seed: int) -> pl.DataFrame:
    """Exactly ``stays`` stays, the same for the same seed; vectorized throughout."""
    rng = np.random.default_rng(seed)
    frames, total, first_id = [], 0, 0
    while total < stays:
        persons = max(1_000, int((stays - total) / 4.2))  # some stays fall after the log ends
        part = _persons(rng, persons, first_id)
        frames.append(part)
        total += part.height
        first_id += persons
    log = pl.concat(frames).head(stays)  # the last person may lose their latest stays
    return log.sort("entry", "person_id")


def _persons(rng: np.random.Generator, persons: int, first_id: int) -> pl.DataFrame:
    """The stays of ``persons`` people, numbered from ``first_id``, in person order."""
    kind = rng.choice(4, persons, p=KINDS)
    host = rng.choice(HOSTS[0], persons, p=HOSTS[1])
    count = 1 + rng.poisson(4, persons)  # about five stays each
    who = np.repeat(np.arange(persons), count)
    k, n = kind[who], who.size
    length = _lengths(rng, k, n)
    gap = np.select([k == RUNNER, k == TRAVELLER],
                    [rng.choice([0, 1], n, p=[0.6, 0.4]), rng.integers(0, 31, n)],
                    rng.integers(0, 21, n))
    stay_home = rng.random(n) < np.select([k == RUNNER, k == LONG, k == OVERSTAY],
                                          [1.0, 0.8, 0.7], 0.0)
    country = np.where(stay_home, host[who], rng.integers(0, len(COUNTRIES), n))
    step = length - 1 + gap  # the next entry: the same day as this exit, or later
    offset = np.cumsum(step) - step
    starts = np.concatenate(([0], np.cumsum(count)[:-1]))
    offset -= np.repeat(offset[starts], count)
    entry = _first_entries(rng, persons)[who] + offset.astype("timedelta64[D]")
    exit_ = entry + (length - 1).astype("timedelta64[D]")
    keep = entry <= LAST
    # the latest stay of each person inside the log is open if it outlasts the log
    latest = keep & np.append((who[1:] != who[:-1]) | ~keep[1:], True)
    open_ = latest & (exit_ > LAST)
    frame = pl.DataFrame({
        "person": who + first_id,
        "country": COUNTRIES[country],
        "entry": entry,
        "exit": np.where(open_, np.datetime64("NaT"), exit_),
        "citizenship": rng.choice(CITIZENSHIPS[0], persons, p=CITIZENSHIPS[1])[who],
    }).filter(pl.Series(keep))
    return frame.select(pl.format("P{}", pl.col("person").cast(pl.String).str.zfill(8))
                        .alias("person_id"), "country", pl.col("entry").cast(pl.Date),
                        pl.col("exit").cast(pl.Date), "citizenship")


def _lengths(rng: np.random.Generator, kind: np.ndarray, n: int) -> np.ndarray:
    """Days of each stay, both ends included, by the person's kind."""
    long_one = rng.random(n) < 0.35
    over_one = rng.random(n) < 0.4
    return np.select(
        [kind == RUNNER, (kind == LONG) & long_one, kind == LONG,
         (kind == OVERSTAY) & over_one, kind == OVERSTAY],
        [rng.integers(25, 91, n), rng.integers(200, 401, n), rng.integers(5, 41, n),
         rng.integers(91, 201, n), rng.integers(20, 86, n)],
        rng.integers(3, 46, n))


def _first_entries(rng: np.random.Generator, persons: int) -> np.ndarray:
    """Most first entries in the weeks after the mobilization, the rest spread to 2024-03."""
    in_wave = rng.random(persons) < 0.6
    wave = WAVE[0] + rng.integers(0, int((WAVE[1] - WAVE[0]).astype(int)) + 1, persons)
    later = FIRST + rng.integers(0, int((np.datetime64("2024-03-31") - FIRST).astype(int)),
                                 persons)
    return np.where(in_wave, wave, later).astype("datetime64[D]")


# --- what is measured, each in a fresh process ------------------------------------------------

def peak_memory() -> int:
    """This process's peak resident memory in bytes (VmHWM). Not ru_maxrss: Linux carries it
    over exec, so a spawned process would report the peak of its parent."""
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0]) * 1024


def scan_baseline(path: str) -> dict[str, Any]:
    """Read the file and sum stay lengths per person: the least any evaluation does."""
    start = time.perf_counter()
    days = (pl.col("exit").fill_null(JOB.on) - pl.col("entry")).dt.total_days() + 1
    out = pl.scan_parquet(path).group_by("person_id").agg(days.sum()).collect()
    return {"seconds": time.perf_counter() - start, "persons": out.height}


def grouping_baseline(path: str) -> dict[str, Any]:
    """Read the file and put each person's rows together, in entry order (one sort): what any
    exact per-person evaluation does before it evaluates anything. Not a target; shown to
    tell the grouping's share of the engines' time."""
    start = time.perf_counter()
    out = pl.scan_parquet(path).sort("person_id", "entry").collect()
    return {"seconds": time.perf_counter() - start, "rows": out.height}


def polars_engine(path: str) -> dict[str, Any]:
    """The Polars engine as `sojourn batch` runs it (job.run): the file read at once, then
    checked and evaluated in slices of whole persons."""
    from sojourn.batch import job

    start = time.perf_counter()
    out = job.run(Path(path), JOB)
    return {"seconds": time.perf_counter() - start, **_summary(out)}


def dask_engine(path: str, process: Callable[..., Outputs] | None = None) -> dict[str, Any]:
    """The Dask engine on a local cluster of two workers set up as run_dask sets up its own;
    the cluster is started before the clock starts and its workers' peaks read before it
    closes."""
    import dask
    from distributed import Client

    from sojourn.batch import distributed, pipeline

    with distributed.local_cluster(2) as cluster, \
            dask.config.set(distributed.credentials(cluster)), \
            Client(cluster, set_as_default=False) as client:
        start = time.perf_counter()
        out = distributed.run_dask(Path(path), JOB, scheduler=cluster.scheduler_address,
                                   process_fn=process or pipeline.process)
        seconds = time.perf_counter() - start
        workers = max(client.run(peak_memory).values())
    return {"seconds": seconds, "worker_peak": workers, **_summary(out)}


def plumbing(raw: pl.DataFrame, form: str, source: str, job: Job) -> Outputs:
    """The scan baseline's work per partition, in place of pipeline.process: what the Dask
    engine costs around the evaluation itself."""
    days = (pl.col("exit").fill_null(job.on) - pl.col("entry")).dt.total_days() + 1
    persons = raw.group_by("person_id").agg(days.sum()).sort("person_id")
    empty = pl.DataFrame(schema={"person_id": pl.String, "first_day": pl.Date})
    rejects = pl.DataFrame(schema={"row": pl.Int64})
    return Outputs(persons, empty, rejects, raw.height, 0)


def dask_plumbing(path: str) -> dict[str, Any]:
    return dask_engine(path, plumbing)


def _summary(out: Outputs) -> dict[str, Any]:
    """Sizes and a digest of the outputs, to check that two engines agree, row order included:
    each row's hash is hashed again with its position (a small table of two numbers per row,
    not a copy of the outputs, which would add to the peak being measured)."""
    def digest_of(frame: pl.DataFrame) -> int:
        rows = frame.hash_rows(seed=1)
        placed = pl.DataFrame({"at": pl.int_range(len(rows), eager=True), "row": rows})
        return int(placed.hash_rows(seed=2).sum())

    digest = tuple(digest_of(frame) if frame.height else 0
                   for frame in (out.persons, out.violations, out.rejects))
    return {"persons": out.persons.height, "violations": out.violations.height,
            "rejects": out.rejects.height, "digest": digest}


def scalar_engine(path: str, sample: int, seed: int) -> dict[str, Any]:
    """stay_report on each of ``sample`` persons drawn at random; the time per person."""
    from sojourn.errors import SojournError
    from sojourn.history import Stay, build_history
    from sojourn.rules.loader import load_pack
    from sojourn.stay import stay_report

    log = pl.read_parquet(path)
    ids = log.get_column("person_id").unique().sort().to_list()
    chosen = random.Random(seed).sample(ids, min(sample, len(ids)))
    rows = log.filter(pl.col("person_id").is_in(chosen)).sort("person_id", "entry")
    people: dict[str, list[dict[str, Any]]] = {}
    for row in rows.iter_rows(named=True):
        people.setdefault(row["person_id"], []).append(row)
    pack = load_pack()
    start = time.perf_counter()
    refused = 0
    for person, stays in people.items():
        try:
            history = build_history(person, [Stay(s["country"], s["entry"], s["exit"],
                                                  f"row {i}") for i, s in enumerate(stays)])
            stay_report(history, pack, on=JOB.on, country=JOB.country,
                        citizenship=stays[0]["citizenship"])
        except SojournError:
            refused += 1
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "sampled": len(people), "refused": refused,
            "persons_total": len(ids)}


def _child(target: Callable[..., dict[str, Any]], args: tuple[Any, ...],
           queue: Any) -> None:
    try:
        result = target(*args)
    except NotImplementedError as exc:
        queue.put({"error": f"not available ({exc})"})
        return
    except Exception as exc:  # a benchmark reports a broken engine and goes on
        queue.put({"error": f"failed: {type(exc).__name__}: {str(exc)[:120]}"})
        return
    queue.put({**result, "peak": peak_memory()})


def measure(target: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """Run ``target(*args)`` in a fresh (spawned) process; its result and peak memory."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    child = ctx.Process(target=_child, args=(target, args, queue))
    child.start()
    result: dict[str, Any] = queue.get()
    child.join()
    return result


# --- the table --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Row:
    name: str
    result: dict[str, Any]
    seconds: float | None = None  # when not the measured time (extrapolated)
    note: str = ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stays", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sample", type=int, default=1_000,
                        help="persons the scalar engine is timed on")
    parser.add_argument("--repeat", type=int, default=1,
                        help="times each engine and the scan are measured (median shown)")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--keep", type=Path, help="write the log here and keep it")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error(f"--repeat {args.repeat}: expected 1 or more")
    with tempfile.TemporaryDirectory(prefix="sojourn-bench-") as tmp:
        path = args.keep or Path(tmp) / "log.parquet"
        start = time.perf_counter()
        log = generate(args.stays, args.seed)
        made = time.perf_counter() - start
        log.write_parquet(path)
        persons = log.get_column("person_id").n_unique()
        print(f"{args.stays:,} stays of {persons:,} persons (seed {args.seed}), made in "
              f"{made:.1f}s: {path}" + ("" if args.keep else " (removed at the end)"))
        del log
        run(str(path), args, persons)


def run(path: str, args: argparse.Namespace, persons: int) -> None:
    """Measure each engine and print the table."""
    targets: dict[str, Callable[[str], dict[str, Any]]] = {
        "scan baseline": scan_baseline, "grouping baseline": grouping_baseline,
        "polars engine": polars_engine}
    if not args.skip_dask:
        targets |= {"dask engine": dask_engine, "dask plumbing": dask_plumbing}
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in targets}
    for _ in range(args.repeat):  # in rounds: a slow spell slows every engine alike
        for name, target in targets.items():
            runs[name].append(measure(target, path))
    notes = {"grouping baseline": "rows sorted by person and entry; not a target",
             "dask plumbing": "scan work per partition instead of process"}
    rows = []
    for name, results in runs.items():
        result = median_run(results)
        spread = (f"median of {len(results)}: {result['fastest']:.2f}-{result['slowest']:.2f}s"
                  if len(results) > 1 and "error" not in result else "")
        rows.append(Row(name, result, note="; ".join(n for n in (spread, notes.get(name)) if n)))
    base = rows[0].result
    scalar = measure(scalar_engine, path, args.sample, args.seed)
    if "error" not in scalar:
        per_person = scalar["seconds"] / max(1, scalar["sampled"])
        rows.append(Row("scalar engine", scalar, per_person * persons,
                        f"{per_person * 1e3:.2f} ms/person on {scalar['sampled']:,}, "
                        "extrapolated"))
    else:
        rows.append(Row("scalar engine", scalar))
    print_table(rows, args.stays, base.get("seconds"))
    agree(rows)


def median_run(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The run of median time among ``results`` (the slower middle one of an even count), with
    the largest peaks of all and the fastest and slowest times; the first error if any run
    failed, and an error if the runs' outputs differ."""
    failed = [r for r in results if "error" in r]
    if failed:
        return failed[0]
    if len({r.get("digest") for r in results}) > 1:
        return {"error": "the outputs differ from one run to the next"}
    ordered = sorted(results, key=lambda r: r["seconds"])
    middle = dict(ordered[len(ordered) // 2])
    middle["peak"] = max(r["peak"] for r in results)
    if "worker_peak" in middle:
        middle["worker_peak"] = max(r["worker_peak"] for r in results)
    return middle | {"fastest": ordered[0]["seconds"], "slowest": ordered[-1]["seconds"]}


def print_table(rows: list[Row], stays: int, base: float | None) -> None:
    print(f"\n{'':17} {'time':>9} {'stays/s':>12} {'x scan':>7} {'peak memory':>22}  notes")
    for row in rows:
        result = row.result
        if "error" in result:
            print(f"{row.name:17} {result['error']}")
            continue
        seconds = row.seconds if row.seconds is not None else result["seconds"]
        ratio = f"{seconds / base:.1f}" if base else "-"
        print(f"{row.name:17} {seconds:>8.2f}s {stays / seconds:>12,.0f} {ratio:>7} "
              f"{_peak(row):>22}  {row.note}")
    print(f"\n{'targets':17} {'':>9} {f'>= {TARGET_RATE:,}':>12} {f'<= {TARGET_RATIO:g}':>7} "
          f"{f'< {TARGET_PEAK / 2**30:g} GB':>22}  for 10,000,000 stays on 2 cores"
          + ("" if stays == 10_000_000 else f" (this run: {stays:,})"))
    for row in rows:
        if row.name in ("polars engine", "dask engine") and "error" not in row.result:
            print(f"  {row.name}: {verdict(row.result, stays, base)}")


def _peak(row: Row) -> str:
    result = row.result
    if "worker_peak" in result:
        return f"{_mb(result['worker_peak'])} w, {_mb(result['peak'])} c"
    return _mb(result["peak"]) if row.name != "scalar engine" else f"{_mb(result['peak'])}*"


def _mb(size: int) -> str:
    return f"{size / 2**20:,.0f} MB"


def verdict(result: dict[str, Any], stays: int, base: float | None) -> str:
    seconds = result["seconds"]
    peak = max(result["peak"], result.get("worker_peak", 0))
    checks = [("rate", stays / seconds >= TARGET_RATE),
              ("x scan", base is not None and seconds / base <= TARGET_RATIO),
              ("memory", peak < TARGET_PEAK)]
    return ", ".join(f"{name} {'met' if ok else 'MISSED'}" for name, ok in checks)


def agree(rows: list[Row]) -> None:
    found = {row.name: row.result for row in rows if "digest" in row.result}
    if "polars engine" in found and "dask engine" in found:
        same = found["polars engine"]["digest"] == found["dask engine"]["digest"]
        print(f"\ndask engine output == polars engine output: {'yes' if same else 'NO'}")
    print("w: largest worker's peak, c: the client's; *: the scalar sample's process "
          "(the whole log read for sampling)")


if __name__ == "__main__":
    sys.exit(main())
