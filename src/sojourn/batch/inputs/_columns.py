"""A column written in another form than its field takes (dates as 24.09.2022, countries by
name, directions as words sojourn does not read): refused with the file, before any row is
read, rather than every row of it rejected.

A log exported in a wrong form would otherwise be "answered": no person judged, every row in
the rejects file, and exit code 0, which a scheduled run takes for success. A column is
judged by the file's first :data:`HEAD_ROWS` rows (blank lines among them not judged: they
are no rows), the same for every engine, as each reads the file's start before it splits the
work: when not one of its cells there is one its field takes, the file is refused, naming
the first. A column with any good cell there is read, and its bad cells are rejected row by
row."""

from __future__ import annotations

import polars as pl

from sojourn.batch.inputs._forms import DATES, Form, fields_of
from sojourn.batch.inputs._rows import cell_problems, clean_rows
from sojourn.countries import code_hint, country_codes
from sojourn.dates import NOT_A_DATE, date_hint, order_hint
from sojourn.errors import InputError, Problem

HEAD_ROWS = 1_000


def refuse_columns_in_another_form(head: pl.DataFrame, form: Form, source: str) -> None:
    """Raise InputError for the first field of ``head`` (the first rows of an input, as
    :func:`~sojourn.batch.inputs._scan.collect_raw` gives them) none of whose cells, in
    rows that are not blank lines, is one it takes."""
    cells = clean_rows(head, form)
    rows = ~cells.get_column("_blank")
    if not rows.any():
        return
    codes = sorted(country_codes())
    takes = {"person_id": pl.col("person_id").is_not_null(),
             "country": pl.col("country").is_in(codes),
             "citizenship": pl.col("citizenship").is_in(codes) | pl.col("citizenship").is_null(),
             "direction": pl.col("direction").is_in(["in", "out"])}
    for field in fields_of(head, form):
        good = cells.filter(rows).select(takes.get(field, pl.col(field).is_not_null()).any())
        if good.item():
            continue
        first = rows.arg_true()[0]
        found = cell_problems(cells[first:first + 1], head[first:first + 1], form, field)
        value, reason, expected = found.row(0)
        row = cells.item(first, "row")
        line = cells.item(first, "line")
        height = int(rows.sum())
        where = "" if line is not None else f"(row {row:,}) "
        rest = "its only row" if height == 1 else f"the first {height:,} rows"
        hint = (code_hint(value) if field in ("country", "citizenship") and value else
                date_hint(value) + order_hint(value, field, _date_columns(head.filter(rows)))
                if field in DATES and reason == NOT_A_DATE and value else "")
        raise InputError(Problem(
            source, line, field, value,
            f"{where}{reason}{hint}; no {field} of {rest} is one this field takes: the "
            "column is written in another form, and the file is refused, no row of it read",
            expected))


def _date_columns(head: pl.DataFrame) -> dict[str, pl.Series]:
    """Each date column of ``head``, its distinct cells as text: what the file's first rows
    say of the order of day and month (24.09.2022: the day first)."""
    return {name: head.get_column(name).cast(pl.String).drop_nulls().unique(maintain_order=True)
            for name in DATES if name in head.columns}
