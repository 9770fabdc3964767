"""Entry bans after an overstay for many persons at once, as :func:`sojourn.stay.stay_report`
judges them for one (penalties.entry_bans, BanLine.bars, stay._barred).

Each overstay run committed by the query day is graded by the host's overstay penalty rule in
force on its first day, by days or calendar months over, and every band that covers it (one per
grade of offence in a year: the pack knows no earlier offences) gives the day its bans bar entry
to, counted from the day the person left the stay the run's last day is in. Python loops run
over the rules, bands and bans of a citizenship's penalty rules, never over persons.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import polars as pl

from sojourn.batch.spans import to_date, to_ordinal
from sojourn.penalties import bar_groups, unread_band
from sojourn.rules.select import Applied
from sojourn.rules.topics import EntryBan

_OPEN = 1 << 31  # a stay still going on: later than any day


def overstay_rules(rules: Sequence[Applied]) -> tuple[Applied, ...]:
    """The overstay penalty rules among ``rules``, as penalty_lines orders them (by the day
    they take effect; the first in force on an overstay's first day grades it)."""
    return tuple(sorted((r for r in rules if r.penalty and r.penalty.offence == "overstay"),
                        key=lambda r: r.valid_from))


def bars_entry(rules: Sequence[Applied]) -> bool:
    """Whether any band of ``rules`` bars entry: where none does, the persons they judge need
    no work for bans (barred_until)."""
    return any(bar_groups(band) for r in rules if r.penalty for band in r.penalty.bands)


def ban_unknown(runs: pl.DataFrame, rules: Sequence[Applied], on: int,
                persons: pl.DataFrame, host_stays: Callable[[], pl.DataFrame]) -> pl.DataFrame:
    """``runs`` (pid, first, last: ordinals) with ``ban_unknown``: whether each overstay run
    is committed and its entry ban is one the pack cannot tell (penalties.UnknownBan): no
    rule of ``rules`` in force on its first day, none of its bands covers the time over, or
    one that does gives an expulsion or a ban with no account of it as data, or is for an
    unregistered stay alone (a CSV history records no registrations to tell).

    Committed: begun by ``on``, or, for a person in the host on ``on`` (``persons``: pid,
    present), planned in the stay under way, which leaving on its recorded exit commits, as
    penalties.unknown_bans takes it (``leaving``) and barred_until ``if_leaving`` its ban.
    ``host_stays`` gives (pid, first, last) as barred_until takes them: asked only where a
    run of unknown ban is planned, which few logs have."""
    days = pl.col("last") - pl.col("first") + 1
    months = (_months_over(to_date("first"), to_date("last"))
              if any(r.penalty and r.penalty.measure == "months" for r in rules) else days)
    unknown: pl.Expr = pl.lit(True)  # no rule in force
    for rule in reversed(rules):  # the first in force on the first day over grades it
        assert rule.penalty is not None
        over = months if rule.penalty.measure == "months" else days
        graded, unread = [], []
        for band in rule.penalty.bands:
            covers = over >= band.over_from
            if band.over_to is not None:
                covers &= over <= band.over_to
            graded.append(covers)
            if unread_band(band) or (band.when is not None and band.entry_ban):
                unread.append(covers)
        of_rule = ~pl.any_horizontal(graded) | pl.any_horizontal(unread or [pl.lit(False)])
        unknown = pl.when(_in_force(rule)).then(of_rule).otherwise(unknown)
    flagged = runs.with_columns(ban_unknown=unknown)
    planned = (flagged.select("pid", "first", "last", "ban_unknown",
                              run=pl.int_range(pl.len(), dtype=pl.Int64))
               .filter(pl.col("ban_unknown") & (pl.col("first") > on)).drop("ban_unknown"))
    if not planned.is_empty():
        planned = planned.join(persons.filter("present"), on="pid", how="semi")
    committed = pl.col("first") <= on
    if not planned.is_empty():
        stays = _stay_of_run(planned, host_stays())
        committed |= pl.int_range(pl.len(), dtype=pl.Int64).is_in(
            _under_way(stays, on).get_column("run").implode())
    return flagged.with_columns(ban_unknown=pl.col("ban_unknown") & committed)


def _stay_of_run(runs: pl.DataFrame, host_stays: pl.DataFrame) -> pl.DataFrame:
    """(run, start, left) for each of ``runs`` (pid, first, last, run) whose last day is in a
    recorded stay of ``host_stays``: the first such stay, as history orders them (by entry,
    then exit), its entry and exit (null: still there)."""
    return (runs.join(host_stays.select("pid", start="first", end="last"), on="pid")
            .filter((pl.col("start") <= pl.col("last"))
                    & (pl.col("last") <= pl.col("end").fill_null(_OPEN)))
            .sort("run", "start", pl.col("end").fill_null(_OPEN), maintain_order=True)
            .group_by("run", maintain_order=True)
            .agg(pl.col("start").first(), pl.col("end").first().alias("left")))


def _under_way(stays: pl.DataFrame, on: int) -> pl.DataFrame:
    """Those of ``stays`` (run, start, left) under way on ``on``: begun by then, and not left
    before it (null: no exit recorded)."""
    return stays.filter((pl.col("start") <= on)
                        & (pl.col("left").is_null() | (pl.col("left") >= on)))


def _in_force(rule: Applied) -> pl.Expr:
    """Whether ``rule`` is in force on a run's first day."""
    in_force = pl.col("first") >= rule.valid_from.toordinal()
    if rule.valid_to is not None:
        in_force &= pl.col("first") <= rule.valid_to.toordinal()
    return in_force


def _ban_end(ban: EntryBan, left: pl.Expr) -> pl.Expr:
    """The last day ``ban`` bars entry for a person who left on ``left`` (a date), an
    ordinal: EntryBan.ends_on."""
    if ban.days is not None:
        return to_ordinal(left) + ban.days - 1
    months = (ban.years or 0) * 12 + (ban.months or 0)
    return to_ordinal(left.dt.offset_by(f"{months}mo")) - 1


def _months_over(first: pl.Expr, last: pl.Expr) -> pl.Expr:
    """Offence.months: the calendar months begun from ``first`` to ``last`` (dates)."""
    whole = ((last.dt.year() - first.dt.year()) * 12
             + last.dt.month().cast(pl.Int32) - first.dt.month().cast(pl.Int32))
    reached = first.dt.offset_by(pl.format("{}mo", whole)) <= last
    return whole + reached.cast(pl.Int32)


def _rule_end(rule: Applied, days: pl.Expr, months: pl.Expr, left: pl.Expr) -> pl.Expr:
    """The last day the bands of ``rule`` that cover an overstay bar entry to (null: none)."""
    assert rule.penalty is not None
    over = months if rule.penalty.measure == "months" else days
    ends = []
    for band in rule.penalty.bands:
        groups = bar_groups(band)
        if not groups:
            continue
        covers = over >= band.over_from
        if band.over_to is not None:
            covers &= over <= band.over_to
        end = pl.max_horizontal([pl.min_horizontal([_ban_end(b, left) for b in group])
                                 for group in groups])
        ends.append(pl.when(covers).then(end))
    return pl.max_horizontal(ends) if ends else pl.lit(None, pl.Int64)


def barred_on_entry(runs: pl.DataFrame, host_stays: pl.DataFrame, rules: Sequence[Applied],
                    entered: pl.DataFrame) -> pl.DataFrame:
    """(pid, barred_until) for each person in the host whose entry under way (``entered``:
    pid, entered) a ban of an earlier recorded exit barred whatever the person did, as
    StayReport.entered_barred finds it: the ban of an overstay committed by that day, from an
    exit on that day or before (a border run's crossing day is barred too), running then."""
    none = pl.DataFrame(schema={"pid": pl.Int64, "barred_until": pl.Int64})
    if not rules:  # a host with no ban: no join of its runs to the persons in it
        return none
    day = pl.col("entered")
    committed = (runs.join(entered, on="pid").filter(pl.col("first") <= day)
                 .select("pid", "first", "last", "entered"))
    if committed.is_empty():
        return none
    committed = committed.with_columns(run=pl.int_range(pl.len(), dtype=pl.Int64))
    left = (_stay_of_run(committed.drop("entered"), host_stays)
            .join(committed.select("run", "entered"), on="run")
            .filter(pl.col("left").is_not_null() & (pl.col("left") <= day))
            .drop("start", "entered"))
    return (committed.join(left, on="run")
            .with_columns(barred_until=_bars_until(rules).cast(pl.Int64))
            .filter(pl.col("barred_until") >= day)
            .group_by("pid").agg(pl.col("barred_until").max())
            .sort("pid"))


def _bars_until(rules: Sequence[Applied]) -> pl.Expr:
    """The last day of the ban that bars entry whatever the person did, of a run (first,
    last) left on ``left``: by the first of ``rules`` in force on its first day over."""
    first, last, left_day = to_date("first"), to_date("last"), to_date("left")
    days = pl.col("last") - pl.col("first") + 1
    months = _months_over(first, last)
    end: pl.Expr = pl.lit(None, pl.Int64)
    for rule in reversed(rules):  # the first in force on the first day over grades it
        end = pl.when(_in_force(rule)).then(_rule_end(rule, days, months, left_day)).otherwise(end)
    return end


def barred_until(runs: pl.DataFrame, host_stays: pl.DataFrame, rules: Sequence[Applied],
                 on: int, *, if_leaving: bool = False) -> pl.DataFrame:
    """(pid, barred_until) for each person whom an entry ban bars on the query day ``on``:
    the last day of the latest ban that bars entry whatever the person did and runs then.

    ``runs`` (pid, first, last) are the overstay runs; ``host_stays`` (pid, first, last; null:
    still there) the recorded stays in the host's countries, in each person's order, of which
    the one a run's last day is in gives the day of leaving (none by ``on``: no ban runs).

    ``if_leaving``: instead, for each person in the host on ``on``, the ban leaving the stay
    under way would bring, from the day they are taken to leave it (its exit, or ``on`` where
    none is recorded), as stay_report's ``bans_if_leaving`` judges it."""
    # leaving, the stay under way's overstays the history plans are committed by its exit too
    committed = (runs if if_leaving else runs.filter(pl.col("first") <= on)).select(
        "pid", "first", "last")
    if not rules or committed.is_empty():
        return pl.DataFrame(schema={"pid": pl.Int64, "barred_until": pl.Int64})
    run_id = pl.int_range(pl.len(), dtype=pl.Int64)
    committed = committed.with_columns(run=run_id)
    left = _stay_of_run(committed, host_stays)
    if if_leaving:  # the stay under way, left on its exit, or on the query day
        left = _under_way(left, on).with_columns(pl.col("left").fill_null(on))
    else:
        left = left.filter(pl.col("left").is_not_null() & (pl.col("left") < on))
    left = left.drop("start")
    return (committed.join(left, on="run")
            .with_columns(barred_until=_bars_until(rules).cast(pl.Int64))
            .filter(pl.col("barred_until") >= on)
            .group_by("pid").agg(pl.col("barred_until").max())
            .sort("pid"))
