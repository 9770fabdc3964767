"""The rejects table: each rejected row's own first problem (and its others, worded, in
``other_problems``), or that its person was not evaluated, with its line and the row as
given, written back as a CSV line."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from sojourn.batch import frames
from sojourn.batch.inputs._forms import Form, fields_of
from sojourn.batch.inputs._problems import PROBLEM, among, problem

_SHOWN = 60  # longest value echoed back in a reject, as in errors.Problem


def rejects(raw: pl.DataFrame, form: Form, cells: pl.DataFrame,
            problems: Sequence[pl.DataFrame]) -> pl.DataFrame:
    """Every rejected row: its own first problem (with its others), or, for the other rows of a
    person with one, that the person was not evaluated; with its line and the input row as
    text."""
    own = (pl.concat([p.select(PROBLEM) for p in problems], how="vertical_relaxed")
           .unique("row", keep="first", maintain_order=True))
    first = (own.filter(pl.col("person_id").is_not_null())
             .group_by("person_id").agg(pl.col("row").min().alias("first_row")))
    rest = (cells.filter(~pl.col("_blank") & among(pl.col("person_id"), [own])
                         & ~pl.col("row").is_in(own.get_column("row").implode()))
            .select("row", "person_id").join(first, on="person_id"))
    others = problem(rest, None, pl.lit(None),
                     pl.format("not evaluated: row {} of this person was rejected",
                               pl.col("first_row")),
                     pl.format("every row of this person accepted (see row {})",
                               pl.col("first_row")))
    rejected = pl.concat([own, others], how="vertical_relaxed")
    record = pl.concat_str([_csv_cell(pl.col(c)) for c in fields_of(raw, form)], separator=",")
    where = (raw.filter(pl.col("row").is_in(rejected.get_column("row").implode()))
             .select("row", "line", record.alias("record")))
    value = pl.col("value")
    shown = pl.when(value.str.len_chars() > _SHOWN).then(
        value.str.slice(0, _SHOWN - 3) + pl.lit("...")).otherwise(value)
    out = rejected.join(where, on="row", how="left").with_columns(shown.alias("value"))
    return frames.conform(out.sort("row"), frames.REJECTS)


def _csv_cell(cell: pl.Expr) -> pl.Expr:
    """A cell as a CSV writer (RFC 4180, Python's csv module) writes it: quoted, with its
    quotes doubled, when it holds a comma, a quote or a line break, so that the record reads
    back as the row's cells even when a person_id is "Ivanov, Ivan"; a null as nothing."""
    text = cell.cast(pl.String).fill_null("")
    return (pl.when(text.str.contains(r'[",\r\n]'))
            .then(pl.lit('"') + text.str.replace_all('"', '""', literal=True) + pl.lit('"'))
            .otherwise(text))
