"""The tables the batch modules pass to each other: one schema each, checked in one place.

``STAYS`` is what the input readers produce and every evaluator consumes: one valid stay per
row, each person's rows complete (a person with any rejected row has all rows rejected, because
an answer from part of a history would be silently wrong). ``REJECTS`` holds every input row
that was not evaluated, with where it was and why.
"""

from __future__ import annotations

import polars as pl

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
    "record": pl.String(),       # the input row itself, cells joined by commas
}


def empty(schema: dict[str, pl.DataType]) -> pl.DataFrame:
    return pl.DataFrame(schema=schema)


def conform(frame: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """``frame`` with exactly the columns of ``schema``, in order and of its types."""
    return frame.select([pl.col(name).cast(dtype) for name, dtype in schema.items()])
