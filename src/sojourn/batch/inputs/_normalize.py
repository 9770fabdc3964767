"""Normalizing a read input into checked stays and rejects: the checks of the other modules in
the order they run.

The whole computation works on columns. Stays are sorted by person, so that each person's rows
are together and running values can be taken per person in one pass."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from sojourn.batch import frames
from sojourn.batch.inputs._cells import OPEN
from sojourn.batch.inputs._citizenship import citizenship_needed, citizenships
from sojourn.batch.inputs._forms import HEADERS, REQUIRED, Form, check_types
from sojourn.batch.inputs._pairing import pair_events
from sojourn.batch.inputs._persons import by_person
from sojourn.batch.inputs._presence import presence
from sojourn.batch.inputs._problems import among
from sojourn.batch.inputs._rejects import rejects
from sojourn.batch.inputs._rows import clean_rows, row_problems
from sojourn.batch.inputs._scan import collect_raw, scan_input
from sojourn.countries import country_codes
from sojourn.errors import InputError, Problem


@dataclass(frozen=True)
class NormalizedInput:
    """What :func:`normalize` makes of an input.

    ``stays`` holds exactly :data:`frames.STAYS` sorted by person_id, entry, row, each with its
    person's citizenship (given on any of the person's rows, else the default given to
    :func:`normalize`, if any); ``rejects`` exactly :data:`frames.REJECTS` sorted by row, one
    per rejected row: a row's own first problem (its ``value`` the cell as given, or for a
    problem of the person's history the cleaned value, e.g. an upper-case code) and its others,
    worded, in ``other_problems``, or for the other rows of a person with one, "not evaluated";
    ``record`` is the row's cells of the form, in file order, as a CSV line.

    ``rows`` counts the data rows seen (event rows for events), leaving out blank ones (every
    column of the form empty); ``merged`` counts the accepted stays merged into an overlapping
    stay in the same country (never any from events: pairing by date cannot overlap). Every
    counted row is in exactly one of: a stay in ``stays``, a stay merged into one
    (``merged``), an event paired into a stay, or ``rejects``.
    """

    source: str
    form: Form
    stays: pl.DataFrame
    rejects: pl.DataFrame
    rows: int
    merged: int


def read_input(path: Path) -> NormalizedInput:
    """Scan, read and :func:`normalize` ``path`` in one go."""
    raw = scan_input(path)
    return normalize(collect_raw(raw), raw.form, raw.source)


def normalize(raw: pl.DataFrame, form: Form, source: str, *,
              citizenship: str | None = None, needs_citizenship: bool = False
              ) -> NormalizedInput:
    """Check and convert ``raw`` (columns as in :attr:`RawInput.frame`, person_id already
    stripped to text or null as the scan leaves it) into stays and rejects.

    ``citizenship`` (a valid code, as :class:`~sojourn.batch.pipeline.Job` makes it) is taken
    by persons whose rows give none; without it, when the rules to apply depend on it
    (``needs_citizenship``), such a person is rejected, unless their rows have another problem.

    The result for each person depends only on that person's rows, so normalizing any split of
    the rows that keeps each person's rows together, and joining the results, gives the result
    for the whole. Raises InputError only for a column that cannot hold its field at all (a
    required column missing, or e.g. numbers where dates belong).
    """
    _check_columns(raw.schema, form, source)
    raw = raw.rechunk() if raw.get_column("row").is_sorted() else raw.sort("row").rechunk()
    cells = clean_rows(raw, form)
    wrong = pl.col("_bad")
    problems = [row_problems(cells.filter(wrong), raw.filter(cells.get_column("_bad")), form)]
    ok = cells.filter(~wrong & ~pl.col("_blank") & ~among(pl.col("person_id"), problems))
    if form == "events":
        events = by_person(ok.drop("_bad", "_blank"), _key(_code("country"), "date"))
        events, clashes = citizenships(events)
        events, stateless = citizenship_needed(events, citizenship, needs_citizenship)
        stays, unpaired = pair_events(events)
        problems += [clashes, unpaired]
        stays = by_person(stays.filter(~among(pl.col("person_id"), problems)).drop("_p"),
                          pl.col("entry"))
    else:
        stays = by_person(ok.select(*_STAY, "citizenship"), pl.col("entry"))
        stays, clashes = citizenships(stays)
        stays, stateless = citizenship_needed(stays, citizenship, needs_citizenship)
        problems.append(clashes)
        stays = stays.filter(~among(pl.col("person_id"), problems))
    checked, found, merged = presence(stays, form, also_rejected=stateless)
    problems += found
    # Persons without the citizenship the rules need are told so, every row as it was given
    # (before any merge or pairing), unless their history has a problem of its own: that one
    # says more, and a citizenship would not cure it.
    problems.append(stateless.filter(~among(pl.col("person_id"), problems)))
    out = _as_stays(checked.filter(~pl.col("_gone") & ~among(pl.col("person_id"), problems)))
    return NormalizedInput(source, form, out, rejects(raw, form, cells, problems),
                           cells.height - int(cells.get_column("_blank").sum()), merged)


_STAY = ("row", "line", "person_id", "country", "entry", "exit")


def _check_columns(schema: pl.Schema, form: Form, source: str) -> None:
    """Refuse a frame lacking a column, or holding a column of a type its field cannot take."""
    missing = [c for c in ("row", "line", *REQUIRED[form]) if c not in schema]
    if missing:
        raise InputError(Problem(source, None, ",".join(missing), None,
                                 "is missing from the input", "the columns " + HEADERS))
    check_types(schema, source)


def _key(high: str | pl.Expr, low: str) -> pl.Expr:
    """Two Int32 columns as one Int64 that orders as the pair does."""
    high = pl.col(high) if isinstance(high, str) else high
    return high.cast(pl.Int64) * 2**32 + (pl.col(low).cast(pl.Int64) + 2**31)


def _code(name: str) -> pl.Expr:
    """A valid country code as a small number (its place among all codes)."""
    return pl.col(name).cast(pl.Enum(sorted(country_codes()))).to_physical()


def _as_stays(stays: pl.DataFrame) -> pl.DataFrame:
    """Checked stays, already by person_id, entry, row, as :data:`frames.STAYS`."""
    return frames.conform(stays.with_columns(
        pl.col("entry").cast(pl.Date),
        pl.when(pl.col("exit") != OPEN).then(pl.col("exit")).cast(pl.Date).alias("exit")),
        frames.STAYS)
