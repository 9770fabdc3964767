"""Each person's presence: overlapping stays in one country merged, and never two countries
at once beyond a shared crossing day, nor more than one open stay."""

from __future__ import annotations

import polars as pl

from sojourn.batch.inputs._cells import OPEN
from sojourn.batch.inputs._forms import Form
from sojourn.batch.inputs._persons import reach_before, same_run
from sojourn.batch.inputs._problems import among, problem
from sojourn.history.presence import NO_EXIT


def presence(stays: pl.DataFrame, form: Form, also_rejected: pl.DataFrame
             ) -> tuple[pl.DataFrame, list[pl.DataFrame], int]:
    """(``stays`` with overlapping stays in one country merged (rows merged into another are
    marked ``_gone``), the problems found, the number of stays of accepted persons merged away:
    not of persons with a problem found here or in ``also_rejected``).

    ``stays`` are in :func:`by_person` order, by entry and row within each person, and stay in
    it. A person none of whose stays starts before an earlier one (in that order) has ended has
    nothing to merge and nothing to refuse; only the others, usually few, are checked as
    build_history checks them. (Taking stays by entry and exit instead, the order the checks
    use, could only clear more persons: none that this clears would be caught.)"""
    reach = reach_before("exit", pl.col("same"))
    suspects = stays.filter(pl.col("entry") < reach).get_column("person_id").unique()
    if suspects.is_empty():
        return stays.with_columns(pl.lit(False).alias("_gone")), [], 0
    tangled = stays.with_row_index("_at").filter(pl.col("person_id").is_in(suspects.implode()))
    merged = _merge_same_country(tangled)
    checked = (merged.sort("_p", "entry", "exit", "row")
               .with_columns(same_run(["_p"]).alias("same"))
               .with_columns(reach_before("exit", pl.col("same")).alias("reach")))
    found = [_overlaps(checked, form), _open_stays(checked.filter(pl.col("exit") == OPEN), form)]
    # a rejected person's rows count as rejected
    accepted = ~among(pl.col("person_id"), [*found, also_rejected])
    gone = tangled.filter(accepted).height - merged.filter(accepted).height
    if merged.height == tangled.height:  # nothing merged: the stays are as they were
        return stays.with_columns(pl.lit(False).alias("_gone")), found, 0
    return _put_back(stays, tangled, merged), found, gone


def _merge_same_country(stays: pl.DataFrame) -> pl.DataFrame:
    """``stays`` with overlapping stays in one country merged, in no particular order.

    As in :func:`sojourn.history.presence.build_history`: in (entry, exit) order, a stay that
    starts before the furthest exit so far of the person's stays in that country joins them; a
    shared crossing day (entry on that exit day) does not. A merged stay has the first entry,
    the furthest exit, the smallest row and that row's line, and, as ``exit_row``, the row
    whose exit it keeps: a problem with the exit (an open stay, one another stay runs into)
    names that row, as build_history names the trip.
    """
    same = same_run(["_p", "country"])
    return (stays.sort("_p", "country", "entry", "exit", "row")
            .with_columns((~same | (pl.col("entry") >= reach_before("exit", same)))
                          .cum_sum().alias("_island"))
            .group_by("_island").agg(
                pl.col("row").min(), pl.col("line").get(pl.col("row").arg_min()),
                pl.col("row").get(pl.col("exit").arg_max()).alias("exit_row"),
                pl.col("person_id", "country", "citizenship", "_p").first(),
                pl.col("entry").min(), pl.col("exit").max())
            .drop("_island"))


def _put_back(stays: pl.DataFrame, tangled: pl.DataFrame, merged: pl.DataFrame
              ) -> pl.DataFrame:
    """``stays`` with the rows of ``tangled`` (at positions ``_at``) replaced by ``merged``, the
    same persons' stays after merging: each person's go, by entry and row, to the first places
    of that person's block, and the places left over are marked ``_gone``."""
    blocks = tangled.group_by("_p").agg(pl.col("_at").min().alias("_block"))
    sizes = merged.group_by("_p").agg(pl.len().alias("_n"))
    kept = (pl.col("_at") - pl.col("_block")) < pl.col("_n")
    places = tangled.join(blocks, on="_p").join(sizes, on="_p")
    ordered = merged.join(blocks, on="_p").sort("_block", "entry", "row")
    at = places.filter(kept).get_column("_at").sort()
    out = stays.with_columns(stays.get_column(c).scatter(at, ordered.get_column(c))
                             for c in ("row", "line", "country", "entry", "exit"))
    gone = (pl.select(pl.repeat(False, stays.height)).to_series()
            .scatter(places.filter(~kept).get_column("_at"), True))
    return out.with_columns(gone.alias("_gone"))


def _overlaps(stays: pl.DataFrame, form: Form) -> pl.DataFrame:
    """Stays starting before an earlier stay, necessarily in another country, has ended; told
    with the earlier stay reaching furthest (the first such), as build_history tells it.

    ``stays``: each person's together by (entry, exit, row), with ``same`` and ``reach``."""
    furthest = (pl.when(~pl.col("same") | (pl.col("exit") > pl.col("reach")))
                .then(pl.col("exit_row")).forward_fill())
    marked = stays.with_columns(pl.when(pl.col("same")).then(furthest.shift(1)).alias("by"))
    held = marked.select(pl.col("exit_row").alias("by"), pl.col("country").alias("held_in"),
                         pl.when(pl.col("exit") != OPEN).then(pl.col("exit").cast(pl.Date))
                         .alias("held_until"))
    clash = marked.filter(pl.col("entry") < pl.col("reach")).join(held, on="by", how="left")
    entry = pl.col("entry").cast(pl.Date)
    leave = (pl.format("an exit on or before {} at row {}", entry, pl.col("by"))
             if form == "stays" else
             pl.format("an out row for {} dated on or before {}", pl.col("held_in"), entry))
    expected = pl.when(pl.col("held_until").is_not_null()).then(
        pl.format("an entry on or after {}, or {}", pl.col("held_until"), leave)
    ).otherwise(leave) + pl.lit("; stays in different countries may share only the crossing day")
    until = pl.when(pl.col("held_until").is_not_null()).then(
        pl.format("runs until {}", pl.col("held_until"))
    ).otherwise(pl.lit(NO_EXIT))  # as build_history tells it
    return problem(clash, "entry" if form == "stays" else "date", entry,
                   pl.format("starts a stay in {} while the stay in {} from row {} {}",
                             pl.col("country"), pl.col("held_in"), pl.col("by"), until),
                   expected)


def _open_stays(open_stays: pl.DataFrame, form: Form) -> pl.DataFrame:
    """Open stays (no exit) followed by another open stay of the same person."""
    later = pl.when(same_run(["person_id"]).shift(-1).fill_null(False))
    # an open stay merged from several rows is told at the row whose exit is empty
    rows = open_stays.with_columns(
        later.then(pl.col("exit_row").shift(-1)).alias("later_row"),
        later.then(pl.col("country").shift(-1)).alias("later_in"),
        pl.col("exit_row").alias("row")).filter(pl.col("later_row").is_not_null())
    if form == "stays":
        return problem(rows, "exit", pl.lit(None),
                       pl.format("is empty, and so is the exit of this person's later stay in "
                                 "{} at row {}", pl.col("later_in"), pl.col("later_row")),
                       pl.lit("an empty exit (still there) only on the latest stay; give the "
                              "date each earlier stay ended"))
    return problem(rows, "direction", pl.lit("in"),
                   pl.format("is an entry to {} with no exit after it, and so is the later "
                             "entry to {} at row {}", pl.col("country"), pl.col("later_in"),
                             pl.col("later_row")),
                   pl.format("an out row for {}: only the latest stay may be open",
                             pl.col("country")))
