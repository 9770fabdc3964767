"""Stays of many persons -> entries into one host and stays elsewhere (as in stay/_presence.py).

A host is a country, a zone of member countries with join dates, or the list of countries an
ad-hoc ``--rule`` narrows to. Days in a member country while it is a member are days in the
host; the rest of the stay is elsewhere. Moving between two members on one day is no new
entry, unless a stay outside the host begins or ends that day (out of the zone and back).
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from sojourn.stay import FOREVER, Member


def _membership(members: Sequence[Member]) -> tuple[pl.Expr, pl.Expr]:
    """(since, until) of each row's country, null for a country that is no member: looked up
    by value rather than joined, which for half a million stays costs a fifth as much."""
    countries = [m.country for m in members]

    def of(values: list[int]) -> pl.Expr:
        return pl.col("country").replace_strict(countries, values, default=None,
                                                return_dtype=pl.Int64)

    return of([m.since for m in members]), of([m.until for m in members])


def split(stays: pl.LazyFrame, members: Sequence[Member] | None, on: int
          ) -> tuple[pl.LazyFrame, pl.LazyFrame]:
    """``stays`` (pid, country, first, last; last null = still there) -> the parts inside the
    host (pid, first, last, country, and the whole stay's entry and exit) and elsewhere (pid,
    first, last), for the query day ``on`` (an ordinal). ``members`` None: every country is in
    the host, from the beginning of time.

    A stay without exit in a country that joins the host after ``on`` (and after the stay's
    first day) is elsewhere, as in stay._presence.split: it is known only through that day. In
    one that leaves after that day, it is an open stay in the host."""
    if members is None:
        joined = stays.with_columns(since=pl.lit(0, pl.Int64), until=pl.lit(FOREVER, pl.Int64))
    else:
        since, until = _membership(members)
        joined = stays.with_columns(since=since, until=until)
    end = pl.col("last").fill_null(FOREVER)
    known_to = pl.max_horizontal("first", pl.lit(on, pl.Int64))
    # an open stay in a member still in the host when the known days end stays open there
    stays_open = pl.col("last").is_null() & (pl.col("until") >= known_to)
    parts = joined.with_columns(
        lo=pl.max_horizontal("first", "since"),
        hi=pl.when(stays_open).then(end).otherwise(pl.min_horizontal(end, "until")))
    joins_later = pl.col("last").is_null() & (pl.col("since") > known_to)
    member = pl.col("since").is_not_null() & (pl.col("lo") <= pl.col("hi")) & ~joins_later
    inside = parts.filter(member).select(
        "pid", first=pl.col("lo"),
        last=pl.when(pl.col("last").is_null() & (pl.col("hi") == end)).then(None)
        .otherwise(pl.col("hi")),
        country=pl.col("country"), entry=pl.col("first"), exit=pl.col("last"))
    whole_out = parts.filter(~member).select("pid", "first", "last")
    before = parts.filter(member & (pl.col("first") < pl.col("lo"))).select(
        "pid", "first", last=pl.col("lo") - 1)
    after = parts.filter(member & (pl.col("hi") < end)).select(
        "pid", first=pl.col("hi") + 1, last=pl.col("last"))
    # the leaving of a member an open stay is in: a stay elsewhere from the next day
    leaving = parts.filter(member & stays_open & (pl.col("until") < FOREVER)).select(
        "pid", first=pl.col("until") + 1, last=pl.lit(None, pl.Int64))
    return inside, pl.concat([whole_out, before, after, leaving])


def entries(inside: pl.LazyFrame, elsewhere: pl.LazyFrame, one_country: bool = False
            ) -> pl.LazyFrame:
    """Entries into the host (pid, k, first, recorded) with ``recorded`` the last day as the
    input gives it (null: still there) and ``k`` numbering entries in each person's order.

    ``one_country``: the host is one country, so no two stays join into one entry."""
    # By the first day in the host; ties in the order of the whole stays, as the scalar
    # engine's history has them: by entry, then exit (open last), then as given (the rows'
    # order, which every step from the checked stays to here keeps). A stay cut short by a
    # member's leaving the zone is thus taken after a one-day stay on its last day there.
    ordered = inside.sort("pid", "first", "entry", "exit", nulls_last=True, maintain_order=True)
    if one_country:
        return ordered.select("pid", "first", recorded="last",
                              k=pl.int_range(pl.len(), dtype=pl.Int64))
    crossings = pl.concat([
        elsewhere.select("pid", day="first"),
        elsewhere.select("pid", day="last").drop_nulls(),
    ]).unique().with_columns(crossing=pl.lit(True))
    prev_last = pl.col("last").shift(1)
    joins_previous = (
        (pl.col("pid") == pl.col("pid").shift(1))
        & (pl.col("country") != pl.col("country").shift(1))
        & prev_last.is_not_null() & (pl.col("first") <= prev_last)
        & pl.col("crossing").is_null())
    return (
        ordered.join(crossings, left_on=["pid", "first"], right_on=["pid", "day"], how="left",
                     maintain_order="left")
        .with_columns(new=(~joins_previous).fill_null(True))
        .with_columns(group=pl.col("new").cum_sum())
        .group_by("group").agg(pl.col("pid").first(), pl.col("first").first(),
                               pl.col("last").last().alias("recorded"))
        .sort("group")
        .select("pid", "first", "recorded", k=pl.int_range(pl.len(), dtype=pl.Int64))
    )


def resolve(host_entries: pl.LazyFrame, elsewhere: pl.LazyFrame, on: int
            ) -> tuple[pl.LazyFrame, pl.LazyFrame]:
    """Open stays as of ``on`` (engine.evaluate._Evaluator): a host stay still going on lasts
    until ``on`` (only its first day if it starts later); so does a stay elsewhere."""
    entries_ = host_entries.with_columns(
        last=pl.coalesce("recorded", pl.max_horizontal("first", pl.lit(on))))
    other = elsewhere.with_columns(
        last=pl.when(pl.col("last").is_null()).then(pl.max_horizontal("first", pl.lit(on)))
        .otherwise(pl.max_horizontal("last", "first")))
    return entries_, other
