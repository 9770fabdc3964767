"""Time the reject path: reading, checking and wording the rejects of a seeded crossing log in
which many rows have problems, several of them in one row.

    .venv/bin/python benchmarks/rejects.py [--rows 1000000] [--bad 0.3] [--repeat 3] [--seed 7]

The log (person_id, country, entry, exit; CSV, five rows a person) has a share ``--bad`` of
its rows written wrongly: a third with a date written day first (24.09.2022), a third with a
country by its name and the entry so too, a third with every cell of the row wrong (country,
entry and exit). Every row of a person with a bad row is rejected too, so most of the file
goes to the rejects. Timed: :func:`sojourn.batch.inputs.read_input` (scan, checks, rejects)
and the summary's reasons (:func:`sojourn.batch.job.top_reasons`), each the median of
``--repeat`` runs in this process; the figures printed are those to set before and after a
change of the reject path.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl

from sojourn.batch.inputs import read_input
from sojourn.batch.job import top_reasons


def write_log(path: Path, rows: int, bad: float, seed: int) -> None:
    """A log of ``rows`` rows, ``bad`` of them wrong in one, two or three cells."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2022-09-01") + rng.integers(0, 600, rows).astype("timedelta64[D]")
    length = rng.integers(1, 90, rows).astype("timedelta64[D]")
    frame = pl.DataFrame({
        "person_id": [f"P{i // 5:07d}" for i in range(rows)],
        "country": rng.choice(["KZ", "KG", "GE", "AM"], rows),
        "entry": start, "exit": start + length})
    frame = frame.with_columns(pl.col("entry").cast(pl.String), pl.col("exit").cast(pl.String))
    kind = pl.Series(rng.random(rows)) / bad  # below 1: bad, and its third says how
    day_first = pl.col("entry").str.strptime(pl.Date).dt.strftime("%d.%m.%Y")
    exit_day_first = pl.col("exit").str.strptime(pl.Date).dt.strftime("%d.%m.%Y")
    frame = frame.with_columns(_kind=kind).with_columns(
        pl.when(pl.col("_kind") < 1).then(day_first).otherwise(pl.col("entry")).alias("entry"),
        pl.when(pl.col("_kind") < 2 / 3).then(pl.lit("Kazakhstan"))
        .otherwise(pl.col("country")).alias("country"),
        pl.when(pl.col("_kind") < 1 / 3).then(exit_day_first)
        .otherwise(pl.col("exit")).alias("exit")).drop("_kind")
    frame.write_csv(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--bad", type=float, default=0.3)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "log.csv"
        write_log(path, args.rows, args.bad, args.seed)
        reads, reasons = [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            found = read_input(path)
            reads.append(time.perf_counter() - start)
            start = time.perf_counter()
            top_reasons(found.rejects)
            reasons.append(time.perf_counter() - start)
    rejected = found.rejects
    told = rejected.filter(pl.col("field").is_not_null()).height
    print(f"{args.rows:,} rows, {rejected.height:,} rejected ({told:,} for a problem of their "
          f"own); median of {args.repeat}:")
    print(f"  read_input   {statistics.median(reads):6.2f} s  (range {min(reads):.2f} to "
          f"{max(reads):.2f})")
    print(f"  top_reasons  {statistics.median(reasons):6.2f} s  (range {min(reasons):.2f} to "
          f"{max(reasons):.2f})")


if __name__ == "__main__":
    main()
