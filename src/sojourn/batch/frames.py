"""The tables the batch modules pass to each other: one schema each, checked in one place.

``STAYS`` is what the input readers produce and every evaluator consumes: one valid stay per
row, each person's rows complete (a person with any rejected row has all rows rejected, because
an answer from part of a history would be silently wrong). ``REJECTS`` holds every input row
that was not evaluated, with where it was and why.
"""

from __future__ import annotations

from typing import Final

import polars as pl

# The engine for the batch modules' own queries over frames already in memory: many small
# ones, where the streaming engine (polars 2's default) costs more to set up than it gains.
# In-memory, one 500k-row slice of `sojourn batch` takes 0.41 s instead of 0.46 s, 10M stays
# 7.3-7.6 s instead of 7.8-8.4 s, and `flows` over them 2.5 s instead of 3.0 s. Reading files
# and the Dask engine's slices of them stay streaming (see distributed, ranges).
ENGINE: Final = "in-memory"

STAYS: dict[str, pl.DataType] = {
    "row": pl.Int64(),           # 1-based data row number in the input file
    "line": pl.Int64(),          # CSV line number (header is line 1); null for Parquet
    "person_id": pl.String(),
    "country": pl.String(),      # ISO 3166-1 alpha-2, upper case
    "entry": pl.Date(),
    "exit": pl.Date(),           # null: still there
    "citizenship": pl.String(),  # ISO alpha-2 or null; the same on every row of a person
}

REJECTS: dict[str, pl.DataType] = {
    "row": pl.Int64(),           # for crossing events: the event's row
    "line": pl.Int64(),
    "person_id": pl.String(),
    "field": pl.String(),        # the column at fault, null when the whole row is
    "value": pl.String(),
    "reason": pl.String(),
    "expected": pl.String(),     # the accepted form
    # the row's other problems, after the one above, each as a message words it (field, value,
    # reason, accepted form), " | " between them; null when it has no other
    "other_problems": pl.String(),
    "record": pl.String(),       # the input row itself, its cells as a CSV line
}


def empty(schema: dict[str, pl.DataType]) -> pl.DataFrame:
    return pl.DataFrame(schema=schema)


def conform(frame: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """``frame`` with exactly the columns of ``schema``, in order and of its types."""
    return frame.select([pl.col(name).cast(dtype) for name, dtype in schema.items()])
