"""Each row on its own: its fields cleaned (codes folded, dates as day numbers), and every
problem of each row that has one, worded."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from sojourn.batch import frames
from sojourn.batch.inputs._cells import OPEN, as_text, date_of, is_empty
from sojourn.batch.inputs._forms import DATES, MORE, SHORT, Form, fields_of
from sojourn.batch.inputs._problems import PROBLEM
from sojourn.countries import COUNTRY_FORM, code_hint, country_codes
from sojourn.dates import ISO_FORM, NOT_A_DATE, OUT_OF_RANGE, RANGE_FORM, date_hint
from sojourn.errors import shown

DIRECTION_FORM = "in or out (the crossing's direction)"
PERSON_FORM = "a person_id naming whose row this is"
SHORT_FORM = ("a cell for each column up to the last one read, empty where there is nothing "
              "to say")
OPEN_FORM = "; a stay still going on is written with an empty exit, as in P1,KZ,2023-01-10,"
UNKNOWN = "is not a known country code"


def _date_form(why: pl.Expr, usual: str) -> pl.Expr:
    """The accepted form to show for a date cell that is wrong for the reason ``why``."""
    return pl.when(why == OUT_OF_RANGE).then(pl.lit(RANGE_FORM)).otherwise(pl.lit(usual))


def clean_rows(raw: pl.DataFrame, form: Form) -> pl.DataFrame:
    """``raw``'s rows, aligned with it: the fields cleaned (text stripped, codes upper case,
    dates as day numbers, an open exit as :data:`OPEN`), ``_bad`` (a field is wrong) and
    ``_blank`` (every field empty: Polars reads an empty CSV line as such a row, and it holds
    nothing to check).

    Most rows are written exactly as they should be, so every row first goes through a cheap
    test that takes cells as they are; only the rows it does not accept are stripped, folded to
    one case and checked again, and patched in."""
    cells = _cleaned(raw, form, exact=True).rechunk()
    odd = cells.get_column("_bad").arg_true()
    cells = cells.with_columns(pl.lit(False).alias("_blank"))
    if odd.is_empty():
        return cells
    again = _cleaned(raw[odd], form, exact=False)
    return cells.with_columns(cells.get_column(c).scatter(odd, again.get_column(c))
                              for c in cells.columns if c not in ("row", "line"))


def _fold_code(text: pl.Expr) -> pl.Expr:
    """Text in upper case if it is ASCII, as countries.fold_code: no other character may fold
    into a code ("ß" upper-cases to "SS", South Sudan)."""
    return pl.when(text.str.contains(r"^[\x00-\x7F]*$")).then(text.str.to_uppercase()).otherwise(
        text)


def _cleaned(raw: pl.DataFrame, form: Form, *, exact: bool) -> pl.DataFrame:
    """:func:`clean_rows`'s columns for ``raw``; with ``exact``, cells are taken as they are and
    ``_bad`` means "not exactly right", and ``_blank`` is left out.

    Lazy, so that an expression used twice is computed once."""
    fields = fields_of(raw, form)
    schema = raw.schema

    def text(name: str, case: Callable[[pl.Expr], pl.Expr]) -> pl.Expr:
        if name not in fields:
            return pl.lit(None, pl.String)
        return pl.col(name).cast(pl.String) if exact else case(as_text(pl.col(name)))

    # person_id comes stripped from the scan (scan_input's _as_column): not stripped again
    clean = {"person_id": pl.col("person_id"),
             **({SHORT: pl.col(SHORT)} if SHORT in schema else {}),
             "country": text("country", _fold_code),
             "citizenship": text("citizenship", _fold_code)}
    if form == "events":
        clean["direction"] = text("direction", lambda e: e.str.to_lowercase())
    for name in (c for c in fields if c in DATES):
        day = date_of(pl.col(name), schema[name], exact=exact)[0].cast(pl.Int32)
        if name == "exit":  # empty: still there
            empty = pl.col(name).is_null() if exact else is_empty(pl.col(name), schema[name])
            day = pl.when(empty).then(pl.lit(OPEN, pl.Int32)).otherwise(day)
        clean[name] = day
    codes = sorted(country_codes())  # built once; is_in tests every row against the set
    good = [pl.col("person_id").is_not_null(), pl.col("country").is_in(codes),
            pl.col("citizenship").is_in(codes) | pl.col("citizenship").is_null()]
    if SHORT in schema:  # a row cut short: its missing cells are not empty ones
        good.append(pl.col(SHORT).is_null())
    if form == "stays":
        good += [pl.col("entry").is_not_null(), pl.col("exit") >= pl.col("entry")]
    else:
        good += [pl.col("date").is_not_null(), pl.col("direction").is_in(["in", "out"])]
    # A blank CSV line (Polars keeps it as a row of empty cells) is skipped; a Parquet file
    # has no lines, and a row of it with every field null is a row, rejected as any other.
    blank = pl.all_horizontal(is_empty(pl.col(c), schema[c]) for c in fields) & pl.col(
        "line").is_not_null()
    if MORE in schema:
        blank = blank & ~pl.col(MORE)
    return (raw.lazy()
            .select("row", "line", *[e.alias(c) for c, e in clean.items()],
                    *([] if exact else [blank.alias("_blank")]))
            .with_columns(((pl.lit(True) if exact else ~pl.col("_blank"))
                           & ~pl.all_horizontal(good).fill_null(False)).alias("_bad"))
            .collect(engine=frames.ENGINE))


def row_problems(cells: pl.DataFrame, raw: pl.DataFrame, form: Form) -> pl.DataFrame:
    """Every problem of each row, as :func:`problem` gives them, from the rows' cleaned
    ``cells`` and their ``raw`` cells (the same rows, in the same order): few rows, so that
    reasons are worded only for rows that have one. The first, in the order the checks run,
    in the columns ``field`` to ``expected``; the others, each worded as a message words one,
    in ``other_problems`` (null when there are none), so that one look at a reject shows all
    that is wrong with its row."""
    both = _both(cells, raw, form).lazy()
    checks = [(pl.lit(name), pl.col(f"raw_{name}").cast(pl.String), reason, expected)
              for name, reason, expected in _row_checks(form, raw.schema)]
    if SHORT in cells.columns:
        # told alone: the cells a row cut short lacks are read as empty, and would be told so
        checks = [(field, value, pl.when(pl.col(SHORT).is_null()).then(reason), expected)
                  for field, value, reason, expected in checks]
        checks.insert(0, (pl.lit(None, pl.String), pl.lit(None, pl.String), pl.col(SHORT),
                          pl.lit(SHORT_FORM + (OPEN_FORM if form == "stays" else ""))))
    # one row per problem, in the order of the checks (a frame per check: a list of them per
    # row took several times as long on many rejects): hinted alike, then the first of each
    # row kept as it was and the rest worded into one cell
    found = _with_hints(pl.concat([
        both.select("row", "person_id", pl.lit(i).alias("_check"), field.alias("field"),
                    value.alias("value"), reason.alias("reason"), expected.alias("expected"))
        .filter(pl.col("reason").is_not_null())
        for i, (field, value, reason, expected) in enumerate(checks)])
        .sort("row", "_check").drop("_check").collect(engine=frames.ENGINE))
    first = pl.col("row").is_first_distinct()
    others = found.filter(~first)
    others = (others.with_columns(_quoted(others.get_column("value")).alias("_shown"))
              .group_by("row", maintain_order=True)
              .agg(_worded().str.join(OTHERS_SEPARATOR).alias("other_problems")))
    return (found.filter(first).join(others, on="row", how="left", maintain_order="left")
            .select(PROBLEM))


# Between the problems of one row in ``other_problems``: a problem's own words use "; "
OTHERS_SEPARATOR = " | "


def _quoted(values: pl.Series) -> pl.Series:
    """``values`` quoted as :func:`~sojourn.errors.shown` quotes a value in a message: by
    Polars where that is only quotes around it (printable ASCII, no quote nor backslash, not
    too long), by ``shown`` itself once per distinct other value."""
    simple = values.str.contains(r"^[ -&(-\[\]-~]{0,60}$").fill_null(False)
    odd = values.filter(~simple).drop_nulls().unique()
    told = pl.Series([shown(v) for v in odd], dtype=pl.String)
    return values.to_frame("v").select(
        pl.when(simple).then(pl.lit("'") + pl.col("v") + pl.lit("'"))
        .otherwise(pl.col("v").replace_strict(odd, told, default=None,
                                              return_dtype=pl.String))).to_series()


def _worded() -> pl.Expr:
    """A problem as :class:`~sojourn.errors.Problem` words one with no file nor line (the
    reject's own ``line`` says where): "field 'exit': '02.12.2022' is not a date; did you mean
    ...?; expected ...", its value quoted and cut as a message quotes it."""
    field = pl.when(pl.col("field").is_not_null()).then(
        pl.lit("field '") + pl.col("field") + pl.lit("': ")).otherwise(pl.lit(""))
    value = pl.when(pl.col("value").is_not_null()).then(
        pl.col("_shown") + pl.lit(" ")).otherwise(pl.lit(""))
    return (field + value + pl.col("reason")
            + pl.when(pl.col("expected").is_not_null())
            .then(pl.lit("; expected ") + pl.col("expected")).otherwise(pl.lit("")))


def _with_hints(found: pl.DataFrame) -> pl.DataFrame:
    """``found`` (problems) with what was probably meant: a code given some other way
    (``KAZ``, ``Kazakhstan``) told the code meant, a date written day first (``02.12.2026``)
    its readings, as a column written so is told when the file is refused. Looked up once per
    distinct value, and only for the values rejected: no Python runs per row."""
    for hinted, hint_of in ((pl.col("field").is_in(["country", "citizenship"])
                             & (pl.col("reason") == UNKNOWN), code_hint),
                            (pl.col("field").is_in(DATES) & (pl.col("reason") == NOT_A_DATE),
                             date_hint)):
        values = found.filter(hinted).get_column("value").drop_nulls().unique()
        hints = [hint_of(v) for v in values]
        if not any(hints):
            continue
        hint = pl.col("value").replace_strict(values, hints, default="", return_dtype=pl.String)
        found = found.with_columns(pl.when(hinted).then(pl.col("reason") + hint)
                                   .otherwise(pl.col("reason")).alias("reason"))
    return found


def cell_problems(cells: pl.DataFrame, raw: pl.DataFrame, form: Form, field: str
                  ) -> pl.DataFrame:
    """For each row, its ``field`` as given (``value``), why that cell is wrong (``reason``,
    null if it is right) and the accepted form (``expected``): the first of the checks
    :func:`row_problems` makes of the field, from the rows' ``cells`` and ``raw`` cells."""
    name, reason, expected = next(c for c in _row_checks(form, raw.schema) if c[0] == field)
    return _both(cells, raw, form).select(
        pl.col(f"raw_{name}").cast(pl.String).alias("value"), reason.alias("reason"),
        expected.alias("expected"))


def _both(cells: pl.DataFrame, raw: pl.DataFrame, form: Form) -> pl.DataFrame:
    """``cells`` beside the ``raw`` cells of each field, as ``raw_<field>``."""
    fields = fields_of(raw, form)
    both = pl.concat([cells, raw.select([pl.col(c).alias(f"raw_{c}") for c in fields])],
                     how="horizontal")
    if "citizenship" not in fields:
        both = both.with_columns(pl.lit(None, pl.String).alias("raw_citizenship"))
    return both


def _row_checks(form: Form, schema: pl.Schema) -> list[tuple[str, pl.Expr, pl.Expr]]:
    """(field, why its cell is wrong or null, the accepted form), in the order rows are told."""
    codes = sorted(country_codes())
    empty = pl.lit("is empty")
    unknown = pl.lit(UNKNOWN)
    checks = [
        ("person_id", pl.when(pl.col("person_id").is_null()).then(empty), pl.lit(PERSON_FORM)),
        ("country", pl.when(pl.col("country").is_null()).then(empty)
         .when(~pl.col("country").is_in(codes)).then(unknown), pl.lit(COUNTRY_FORM)),
        ("citizenship", pl.when(~pl.col("citizenship").is_in(codes)).then(unknown),
         pl.lit(COUNTRY_FORM + ", or empty")),
    ]
    for name in ("entry", "exit") if form == "stays" else ("date",):
        why = date_of(pl.col(f"raw_{name}"), schema[name])[1]
        if name != "exit":  # an empty exit means still there; other dates must be given
            why = pl.when(is_empty(pl.col(f"raw_{name}"), schema[name])).then(empty).otherwise(
                why)
        checks.append((name, why, _date_form(why, ISO_FORM)))
    if form == "stays":
        entry = pl.col("entry").cast(pl.Date)
        early = (pl.col("exit") < pl.col("entry")) & (pl.col("exit") != OPEN)
        checks[-1] = ("exit", pl.coalesce(checks[-1][1], pl.when(early).then(
            pl.format("is before entry {}", entry))),
            pl.when(early).then(pl.format("a date on or after {}", entry))
            .otherwise(_date_form(checks[-1][1], ISO_FORM + ", or empty while still there")))
    else:
        checks.append(("direction", pl.when(pl.col("direction").is_null()).then(empty)
                       .when(~pl.col("direction").is_in(["in", "out"]))
                       .then(pl.lit("is not in or out")), pl.lit(DIRECTION_FORM)))
    return checks
