"""Persons cut into ranges of ids: how both engines split a log into parts of whole persons.

A row goes to the range its person_id (as :func:`inputs.scan_input` gives it: stripped text)
falls in, between cut points drawn from a sample of the ids. Every row of a person carries the
same id, so no person is split; and since each part's outputs are sorted by id, the parts'
outputs joined in range order are sorted too, with no sort (:func:`pipeline.combine`).

The cuts only balance the work, by rows: any cuts give the same outputs. Rows without an id go
to the first range, whose rows they are rejected with.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

SAMPLE_IDS = 100_000  # ids sampled to place the cuts: ranges come out within a few % of equal


def cuts(sample: pl.Series, ranges: int) -> list[str]:
    """``ranges - 1`` ascending cut points that split the ids of ``sample`` (nulls ignored)
    into ``ranges`` ranges of about as many rows; none when the sample holds no id."""
    present = sample.drop_nulls().sort()
    if present.is_empty():
        return []
    return [present[len(present) * k // ranges] for k in range(1, ranges)]


def range_of(person_id: pl.Expr, cut_points: Sequence[str]) -> pl.Expr:
    """The range of each row, 0 to ``len(cut_points)``: how many cuts are at or below its id
    (bytewise, as Polars sorts text); 0 for a row without an id."""
    if not cut_points:  # one range: every row in it (a column, also in a bare select)
        return pl.repeat(0, pl.len(), dtype=pl.Int64)
    at = pl.lit(pl.Series(cut_points, dtype=pl.String)).search_sorted(person_id, side="right")
    return pl.when(person_id.is_null()).then(0).otherwise(at).cast(pl.Int64)


def sample(frame: pl.LazyFrame, rows: int, size: int = SAMPLE_IDS) -> pl.Series:
    """About ``size`` person ids of ``frame`` (of ``rows`` rows), every n-th row's, read
    streaming: only the id column is held, and only the sampled ids of it."""
    every = max(1, rows // size)
    return (frame.select("person_id").gather_every(every)
            .collect(engine="streaming").get_column("person_id"))
