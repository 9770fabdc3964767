"""Each person's one citizenship: taken from any of their rows, refused where two rows differ,
and required where the rules to apply depend on it."""

from __future__ import annotations

import polars as pl

from sojourn.batch.inputs._problems import problem

CITIZENSHIP_FORM = "one citizenship per person: the same code on every row that gives one"


def citizenships(rows: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``rows`` (each person's together, see :func:`by_person`) with every row holding its
    person's citizenship, and the rows that contradict it.

    A person's citizenship is the one their rows give, on any of them; a row giving another one
    is a problem, told against the first row (in file order) that gave one."""
    given = rows.filter(pl.col("citizenship").is_not_null()).select(
        "_p", "row", "person_id", "citizenship")
    if given.is_empty():
        return rows, problem(given, None, pl.lit(None), pl.lit(None, pl.String),
                             pl.lit(None, pl.String))
    same = pl.col("_p") == pl.col("_p").shift(1)
    torn = given.filter(same & (pl.col("citizenship") != pl.col("citizenship").shift(1)))
    if given.height < rows.height:
        # Rows giving none take their person's: the first one given, which (persons' rows
        # being together) is on the row after a change of person. A torn person's rows are
        # all rejected, so which of the codes they take does not matter.
        named = given.filter(~same.fill_null(False)).select("_p", "citizenship")
        people = (pl.select(pl.repeat(None, rows.height + 1, dtype=pl.String)).to_series()
                  .scatter(named.get_column("_p"), named.get_column("citizenship")))
        rows = rows.with_columns(people.gather(rows.get_column("_p")).alias("citizenship"))
    first = (given.filter(pl.col("_p").is_in(torn.get_column("_p").unique().implode()))
             .group_by("person_id").agg(pl.col("citizenship").get(pl.col("row").arg_min())
                                        .alias("first"), pl.col("row").min().alias("first_row")))
    clash = (given.join(first, on="person_id")
             .filter(pl.col("citizenship") != pl.col("first")))
    return rows, problem(
        clash, "citizenship", pl.col("citizenship"),
        pl.format("differs from the citizenship {} given at row {} of this person",
                  pl.col("first"), pl.col("first_row")), pl.lit(CITIZENSHIP_FORM))


def citizenship_needed(rows: pl.DataFrame, default: str | None, needed: bool
                       ) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``rows`` (as :func:`citizenships` leaves them: a row without a citizenship is of a
    person whose rows give none) with ``default`` filled in, and, without one when ``needed``,
    every row of such persons as a problem (:func:`problem`): no citizenship is guessed."""
    if default is not None:
        rows = rows.with_columns(pl.col("citizenship").fill_null(default))
    stateless = rows.filter(pl.col("citizenship").is_null() & pl.lit(needed))
    return rows, problem(
        stateless, "citizenship", pl.lit(None),
        pl.lit("no citizenship for this person: the pack's rules depend on it"),
        pl.lit("a citizenship column with an ISO 3166-1 alpha-2 code such as RU, or "
               "--citizenship CODE for persons without one"))
