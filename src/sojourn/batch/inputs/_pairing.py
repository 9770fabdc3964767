"""Crossing events paired into stays, per person and country in date order, with a missing
crossing never guessed."""

from __future__ import annotations

import polars as pl

from sojourn.batch.inputs._cells import OPEN
from sojourn.batch.inputs._persons import same_run
from sojourn.batch.inputs._problems import problem


def pair_events(events: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Stays from crossing events (each person's together, by country, date, row), and the
    events that pair with nothing.

    Per person and country, in date order, an ``in`` followed by an ``out`` is one stay and a
    last ``in`` an open one. An ``out`` first or after another ``out``, or an ``in`` followed by
    another ``in``, cannot be paired: the missing crossing is not guessed. A stay keeps its
    ``in`` row.

    Events of one day are taken in the one order that can pair them (:func:`_within_day`),
    whatever their rows' order: a log sorted by date and direction lists a border run's ``in``
    before its ``out``.
    """
    events = _within_day(events)
    same = pl.col("same") & (pl.col("country") == pl.col("country").shift(1)).fill_null(False)
    nxt = pl.when(same.shift(-1).fill_null(False))  # the next event is of the same run
    events = events.with_columns(
        pl.when(same).then(pl.col("direction").shift(1)).alias("before"),
        nxt.then(pl.col("direction").shift(-1)).alias("after"),
        nxt.then(pl.col("date").shift(-1)).alias("next_date"),
        nxt.then(pl.col("row").shift(-1)).alias("next_row"))
    entering = pl.col("direction") == "in"
    stays = events.filter(entering & (pl.col("after") != "in").fill_null(True)).select(
        "row", "line", "person_id", "country", "citizenship", "_p",
        pl.col("date").alias("entry"),
        pl.col("next_date").fill_null(pl.lit(OPEN, pl.Int32)).alias("exit"))
    day, next_day = pl.col("date").cast(pl.Date), pl.col("next_date").cast(pl.Date)
    last_day = pl.col("last_date").cast(pl.Date)
    doubled = events.filter(entering & (pl.col("after") == "in"))
    first = events.filter(~entering & pl.col("before").is_null())
    # an exit after another exit has entries before it, each paired with an earlier exit;
    # that exit is the row before it (looked up for these few rows only)
    at = events.select((~entering & (pl.col("before") == "out")).arg_true()).to_series()
    again = events[at].with_columns(last_date=events.get_column("date").gather(at - 1),
                                    last_row=events.get_column("row").gather(at - 1))
    return stays, pl.concat([
        problem(doubled, "direction", pl.col("direction"),
                pl.format("is an entry to {} on {} followed by another entry on {} (row {}) "
                          "with no exit between; a missing exit is not guessed",
                          pl.col("country"), day, next_day, pl.col("next_row")),
                pl.format("an out row for {} dated from {} to {}", pl.col("country"), day,
                          next_day)),
        problem(first, "direction", pl.col("direction"),
                pl.format("is an exit from {} on {} with no entry before it; a missing entry "
                          "is not guessed", pl.col("country"), day),
                pl.format("an in row for {} dated on or before {}", pl.col("country"), day)),
        problem(again, "direction", pl.col("direction"),
                pl.format("is an exit from {} on {} after another exit on {} (row {}) with no "
                          "entry between; a missing entry is not guessed", pl.col("country"),
                          day, last_day, pl.col("last_row")),
                pl.format("an in row for {} dated from {} to {}", pl.col("country"), last_day,
                          day))])


def _within_day(events: pl.DataFrame) -> pl.DataFrame:
    """``events`` (by person, country, date, row) with the events of one person, country and
    day put in the order that alternates from where the person was before that day: out of
    the country first if they were in it (out and back in, a border run), in first if not (a
    day's visit). Ins keep their rows' order among themselves, and so do outs. A day whose
    events cannot alternate so is left to fail in :func:`pair_events` as it would anyway.

    Before the day, the person is in the country if its ins outnumber its outs (by one, when
    the events pair at all)."""
    day = ["_p", "country", "date"]
    if not events.select(pl.struct(day).is_duplicated().any()).item():
        return events  # no two events of a person in one country on one day
    # The rows are in (person, country, date, row) order: running sums need no window.
    step = pl.when(pl.col("direction") == "in").then(1).otherwise(-1)
    so_far = step.cum_sum() - step  # ins less outs before the row, over all rows
    run_start = pl.when(~same_run(["_p", "country"])).then(so_far).forward_fill()
    day_start = pl.when(~same_run(day)).then(so_far - run_start).forward_fill()
    first = pl.when(day_start > 0).then(pl.lit("out")).otherwise(pl.lit("in"))
    nth = pl.int_range(pl.len()).over([*day, "direction"])  # the rows are in row order
    place = 2 * nth + (pl.col("direction") != first).cast(pl.Int64)
    return (events.with_columns(_place=place).sort("_p", "country", "date", "_place", "row")
            .drop("_place").with_columns(same=pl.col("_p") == pl.col("_p").shift(1))
            .with_columns(pl.col("same").fill_null(False)))
