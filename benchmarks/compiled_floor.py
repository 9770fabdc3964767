"""How close to the scan baseline could a compiled engine come? A probe, not an engine.

    pip install numba   # not a dependency of sojourn: this probe alone uses it
    .venv/bin/python benchmarks/compiled_floor.py LOG.parquet [--repeat 3]

LOG is a log of ``benchmarks/batch.py --keep LOG`` (in entry order, as a border service
exports it). Each round measures, in one process, the scan baseline of benchmarks/batch.py,
then the least a compiled engine would do:

1. read the file and bring each person's rows together, in entry order, by a stable sort on
   a 64-bit hash of the id (the file is in entry order, so no second key is needed);
2. one pass per person in numba-compiled code, doing a small part of an evaluation: one
   rolling limit of 90 days in 180 for one host (days used on the query day, a latest exit
   that ignores planned trips, the days over the limit and the first of them over the whole
   history), with no regimes by citizenship or by date, no zones, no planned trips, no
   registration, no row checks and no violation table;
3. the persons table, sorted by id as sojourn's outputs are.

Whatever the real evaluation adds comes on top, so the total is a floor for the "x scan" of
an engine of this kind on this machine. docs/speed.md quotes its figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from typing import Any

import numpy as np
import polars as pl

try:
    import numba
except ImportError:  # pragma: no cover - the probe says what it needs
    raise SystemExit("this probe needs numba: .venv/bin/pip install numba") from None

ON = dt.date(2024, 6, 30)
ON_DAY = (ON - dt.date(1970, 1, 1)).days
OPEN = np.int64(2**31 - 1)  # an exit not yet recorded
HOST, WINDOW, MAX_DAYS = "KZ", 180, 90


@numba.njit(cache=True, parallel=True)  # type: ignore[misc]
def one_pass(starts: np.ndarray, host: np.ndarray, entry: np.ndarray, exit_: np.ndarray,
             used: np.ndarray, latest: np.ndarray, over: np.ndarray, first_over: np.ndarray,
             present: np.ndarray) -> None:
    """Per person (rows ``starts[p]`` to ``starts[p + 1]``): days used on ON_DAY, latest exit,
    and the days over MAX_DAYS in any WINDOW over the whole history, from the line the
    rolling count draws between its four events per stay."""
    persons = starts.size - 1
    chunks = 64
    for c in numba.prange(chunks):
        days = np.empty(4096, np.int64)
        steps = np.empty(4096, np.int64)
        for p in range(c * persons // chunks, (c + 1) * persons // chunks):
            events, counted, here = 0, 0, False
            for i in range(starts[p], starts[p + 1]):
                if not host[i]:
                    continue
                first, last = entry[i], min(exit_[i], ON_DAY)
                here = here or (first <= ON_DAY <= last)
                lo, hi = max(first, ON_DAY - WINDOW + 1), min(last, ON_DAY)
                counted += max(0, hi - lo + 1)
                if events + 4 <= days.size:
                    days[events], steps[events] = first, 1
                    days[events + 1], steps[events + 1] = last + 1, -1
                    days[events + 2], steps[events + 2] = first + WINDOW, -1
                    days[events + 3], steps[events + 3] = last + 1 + WINDOW, 1
                    events += 4
            order = np.argsort(days[:events])
            count, slope, day, days_over, first_bad = 0, 0, -(1 << 40), 0, OPEN
            for j in range(events):
                d = days[order[j]]
                if d > day:
                    end = count + slope * (d - day)
                    if slope > 0 and end > MAX_DAYS:
                        start = day + max(0, MAX_DAYS - count)
                        days_over += d - start
                        first_bad = min(first_bad, start)
                    elif slope == 0 and count > MAX_DAYS:
                        days_over += d - day
                        first_bad = min(first_bad, day)
                    count = end
                day = d
                slope += steps[order[j]]
            used[p], present[p] = counted, here
            over[p], first_over[p] = days_over, first_bad
            latest[p] = ON_DAY + max(0, MAX_DAYS - counted) if here else OPEN


def scan(path: str) -> float:
    """benchmarks/batch.py's scan baseline."""
    start = time.perf_counter()
    days = (pl.col("exit").fill_null(ON) - pl.col("entry")).dt.total_days() + 1
    pl.scan_parquet(path).group_by("person_id").agg(days.sum()).collect()
    return time.perf_counter() - start


def compiled(path: str) -> dict[str, Any]:
    """Steps 1-3 of the docstring, each timed."""
    start = time.perf_counter()
    rows = (pl.scan_parquet(path).with_columns(key=pl.col("person_id").hash())
            .sort("key", maintain_order=True).collect())
    grouped = time.perf_counter()
    key = rows.get_column("key")
    new = (key != key.shift(1)).fill_null(True)
    starts = np.append(new.arg_true().to_numpy(), rows.height).astype(np.int64)
    host = (rows.get_column("country") == HOST).to_numpy()
    entry = rows.get_column("entry").cast(pl.Int64).to_numpy()
    exit_ = rows.get_column("exit").cast(pl.Int64).fill_null(OPEN).to_numpy()
    prepared = time.perf_counter()
    n = starts.size - 1
    used, latest, over, first_over = (np.empty(n, np.int64) for _ in range(4))
    present = np.empty(n, np.bool_)
    one_pass(starts, host, entry, exit_, used, latest, over, first_over, present)
    passed = time.perf_counter()
    persons = pl.DataFrame({
        "person_id": rows.get_column("person_id").gather(starts[:-1]), "present": present,
        "days_used": used, "latest_exit": latest, "overstay_days": over,
        "first_violation_day": first_over}).sort("person_id")
    done = time.perf_counter()
    # a hash shared by two ids would put their rows together: the probe says so
    ids = rows.get_column("person_id")
    shared = bool(((~new) & (ids != ids.shift(1))).any())
    return {"total": done - start, "group": grouped - start, "prepare": prepared - grouped,
            "pass": passed - prepared, "output": done - passed, "persons": persons.height,
            "shared hash": shared}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("log", help="a log written by benchmarks/batch.py --keep")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    compiled(args.log)  # compiles one_pass (cached on disk for later runs)
    ratios = []
    for _ in range(args.repeat):
        base, probe = scan(args.log), compiled(args.log)
        ratios.append(probe["total"] / base)
        steps = ", ".join(f"{k} {probe[k]:.2f}s" for k in ("group", "prepare", "pass", "output"))
        print(f"scan baseline {base:.2f}s; compiled probe {probe['total']:.2f}s "
              f"= {probe['total'] / base:.2f}x scan ({steps}; {probe['persons']:,} persons"
              f"{'; TWO IDS SHARE A HASH' if probe['shared hash'] else ''})")
    print(f"median: {statistics.median(ratios):.2f}x the scan baseline (target: 3x)")


if __name__ == "__main__":
    main()
