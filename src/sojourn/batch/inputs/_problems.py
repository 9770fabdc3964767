"""Problems found in rows, as frames: one row per problem, in the columns rejects are made of;
and whether a person has one."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

# other_problems: a row's problems after its first, worded (see _rows.row_problems); null for
# the problems found of a person's rows together, which come one to a row
PROBLEM = ("row", "person_id", "field", "value", "reason", "expected", "other_problems")


def problem(frame: pl.DataFrame, field: str | None, value: pl.Expr, reason: pl.Expr,
            expected: pl.Expr) -> pl.DataFrame:
    """One problem per row of ``frame``, in :data:`PROBLEM` columns."""
    return frame.select("row", "person_id", pl.lit(field, pl.String).alias("field"),
                        value.cast(pl.String).alias("value"), reason.alias("reason"),
                        expected.alias("expected"),
                        pl.lit(None, pl.String).alias("other_problems"))


def among(column: pl.Expr, problems: Sequence[pl.DataFrame]) -> pl.Expr:
    """Whether ``column`` names a person with a row in ``problems`` (never null)."""
    ids = [p.get_column("person_id").drop_nulls() for p in problems if p.height]
    if not ids:
        return pl.lit(False)
    # implode: is_in with a bare Series of the same type is deprecated in polars 2
    return column.is_in(pl.concat(ids).unique().implode()).fill_null(False)
