"""The columnar evaluator: :func:`sojourn.engine.evaluate.status` for many persons at once.

Each question the scalar engine answers for one person is answered here for every person of a
regime with a few Polars pipelines over span tables (see :mod:`sojourn.batch.spans`); Python
loops run over limits and over the steps of one bisection, never over persons. The answers are
the scalar engine's, field for field; ``tests/batch/test_equivalence.py`` holds them to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from sojourn.batch.frames import ENGINE
from sojourn.batch.spans import (
    bad_pieces,
    by_person_day,
    first_uncovered,
    merge,
    runs,
    to_date,
    to_ordinal,
    uncovered,
)
from sojourn.dates import WorkingCalendar
from sojourn.engine import InForce
from sojourn.engine.evaluate import HORIZON_DAYS, PLAN_SCAN_DAYS
from sojourn.engine.kinds import CalendarYear, PerEntry, Rolling, lookahead, lookback
from sojourn.stay import Regime

NONE_WHY = "none"
# what Group._through_planned follows of a person from one pass to the next
_ROW = ("pid", "cap", "cap_host", "start", "present", "cur_k", "last", "why")


def _known_until(known: Sequence[tuple[int, int]], day: int) -> int | None:
    for first, last in known:
        if first <= day <= last:
            return last
    return None


def _dec31_after(day: int, years: int) -> int:
    return dt.date(dt.date.fromordinal(day).year + years, 12, 31).toordinal()


@dataclass
class RegimeAnswers:
    persons: pl.DataFrame     # one row per pid: the answer's figures
    violations: pl.DataFrame  # pid, first, last, peak, rules


class Group:
    """The persons judged by one regime, with their entries into the host and their stays
    elsewhere (only those beginning on or after ``on`` are needed: the planned trips)."""

    def __init__(self, pids: pl.DataFrame, entries: pl.DataFrame, elsewhere: pl.DataFrame,
                 regime: Regime, on: int, calendar: WorkingCalendar) -> None:
        self.pids = pids.select("pid")
        self.entries = entries  # pid, k, first, last (as of ``on``), recorded; by k
        self.elsewhere = elsewhere
        self.regime = regime
        self.on = on
        self.calendar = calendar
        self.known_last = _known_until(regime.known, on)
        self.persons = self._persons()
        cur = self.persons.select("pid", "cur_k")
        self.others = (entries.join(cur, on="pid", how="left")
                       .filter(pl.col("cur_k").is_null() | (pl.col("k") != pl.col("cur_k")))
                       .select("pid", "k", "first", "last"))

    # -- who is where on the query day ----------------------------------------------------

    def _persons(self) -> pl.DataFrame:
        on = self.on
        e = self.entries  # in (pid, k) order
        # Entries come in each person's order, so the last row of a person among those under
        # way on ``on`` is the latest of them (two may share the crossing day), and the first
        # among those starting later the next: no group-by. Eager, one filter after another.
        first_of_person = (pl.col("pid") != pl.col("pid").shift(1)).fill_null(True)
        last_of_person = (pl.col("pid") != pl.col("pid").shift(-1)).fill_null(True)
        current = (e.filter((pl.col("first") <= on) & (pl.col("last") >= on))
                   .filter(last_of_person)
                   .select("pid", "recorded", cur_k=pl.col("k"), start=pl.col("first")))
        next_host = (e.filter(pl.col("first") > on).filter(first_of_person)
                     .select("pid", next_host=pl.col("first")))
        # A stay elsewhere begun on the query day is no planned trip, as in
        # engine.evaluate._Evaluator._under_way: away from the host, it is under way, as one
        # begun before; present, one ending by the day the current entry began, which goes on
        # past that day, came before it (a border run back on the query day). Only stays
        # beginning that day can be such: those few are looked up. (A stay elsewhere without
        # exit that begins then would overlap a current entry, which the input checks refuse.)
        ahead = self.elsewhere.filter(pl.col("first") >= on)
        today = ahead.filter(pl.col("first") == on)
        if not today.is_empty():
            away = today.join(current.select("pid"), on="pid", how="anti")
            ahead = ahead.join(away.select("pid", "first", "last"), on=["pid", "first", "last"],
                               how="anti")
            before_current = ((pl.col("last") <= pl.col("start"))
                              & (pl.col("recorded").is_null()
                                 | (pl.col("recorded") > pl.col("last"))))
            behind = (today.join(current.select("pid", "start", "recorded"), on="pid")
                      .filter(before_current).select("pid", "first", "last"))
            ahead = ahead.join(behind, on=["pid", "first", "last"], how="anti")
        self.trips_ahead = ahead.select("pid", "first", "last")  # stays elsewhere not under way
        next_other = ahead.group_by("pid").agg(pl.col("first").min().alias("next_other"))
        horizon = on + HORIZON_DAYS
        nearest = pl.min_horizontal("next_host", "next_other")
        return (
            self.pids.join(current, on="pid", how="left")
            .join(next_host, on="pid", how="left").join(next_other, on="pid", how="left")
            .with_columns(present=pl.col("cur_k").is_not_null(),
                          start=pl.col("start").fill_null(on),
                          cap=pl.when(nearest < horizon).then(nearest).otherwise(horizon),
                          cap_why=pl.when(nearest < horizon).then(pl.lit("planned_trip"))
                          .otherwise(pl.lit(NONE_WHY)),
                          # the cap is an entry into the host, unless a trip elsewhere
                          # begins that day too (a day across the border and back), which
                          # the engine names instead: the stay cannot run on through it
                          cap_host=((nearest < horizon) & (nearest == pl.col("next_host"))
                                    & (pl.col("next_other").is_null()
                                       | (pl.col("next_other") > nearest)))
                          .fill_null(False))
            .drop("next_host", "next_other")
        )

    # -- latest exit --------------------------------------------------------------------------

    def _pieces(self, entries: pl.LazyFrame, limits: Sequence[InForce],
                window: pl.LazyFrame | None, first_only: bool = False,
                tagged: bool = False, per_entry: pl.LazyFrame | None = None) -> pl.LazyFrame:
        """Non-compliant days (pid, first, last, peak, rule) of ``entries`` under ``limits``;
        ``tagged``: with the index of the limit in ``limits`` and the last day of the span in
        force (``limit``, ``until``); ``per_entry``: the entries a per-entry limit judges,
        where not all of ``entries``."""
        segments = merge(entries).collect(engine=ENGINE).lazy()
        parts = []
        for index, limit in enumerate(limits):
            for valid in limit.spans:
                win = window
                if win is not None and first_only and isinstance(limit.limit, CalendarYear):
                    # A calendar-year count that stays compliant through a whole year, leap
                    # years included, stays so: nine years on from the first judged day
                    # always hold a leap year, so the first violation, if any, lies within.
                    bound = _dec31_after(max(self.on, valid[0]), 9)
                    win = win.with_columns(w_hi=pl.min_horizontal("w_hi", pl.lit(bound)))
                judged = (per_entry if per_entry is not None
                          and isinstance(limit.limit, PerEntry) else entries)
                part = (bad_pieces(judged, limit.limit, valid, win, segments)
                        .with_columns(rule=pl.lit(limit.ref)))
                if tagged:
                    part = part.with_columns(limit=pl.lit(index, pl.Int64),
                                             until=pl.lit(valid[1], pl.Int64))
                parts.append(part)
        if not parts:
            tags = {"limit": pl.Int64, "until": pl.Int64} if tagged else {}
            return pl.LazyFrame(schema={"pid": pl.Int64, "first": pl.Int64, "last": pl.Int64,
                                        "peak": pl.Int64, "rule": pl.String, **tags})
        return pl.concat(parts)

    def latest_exit(self, limits: Sequence[InForce], persons: pl.DataFrame,
                    through: bool = True) -> pl.DataFrame:
        """(pid, last, why) as engine.evaluate._Evaluator.latest_exit: ``last`` is ``on - 1``
        when no stay is possible and null when nothing limits the stay. ``through`` False:
        leaving for a planned entry into the host by the day it begins, as a new entry."""
        on = self.on
        if not limits:
            kl = self.known_last
            limited = kl is not None and kl < on + HORIZON_DAYS
            return persons.select("pid", last=pl.lit(kl if limited else None, pl.Int64),
                                  why=pl.lit("unknown_rules" if limited else NONE_WHY))
        back = max(lookback(x.limit) for x in limits)
        ahead = max(lookahead(x.limit) for x in limits)
        caps = persons.select("pid", "cap").lazy()
        others = (self.others.lazy().filter(pl.col("last") >= on - back).join(caps, on="pid")
                  .filter(pl.col("first") <= pl.col("cap")).select("pid", "first", "last"))
        own = persons.lazy().select("pid", first=pl.col("start"), last=pl.col("cap"))
        stay = pl.concat([others, own])
        # Another entry reaching the query day ended on it, the day the stay under way was
        # entered (a border run): that stay restarts the per-entry count, and the earlier
        # one's count on the day is its own (engine.evaluate._behind_left_out). The judged
        # days are from the query day, so the other entries judged per entry are those after.
        per_entry = pl.concat([others.filter(pl.col("last") > on), own])
        window = persons.lazy().select("pid", w_lo=pl.lit(on, pl.Int64), w_hi=pl.col("cap"))
        # Each person's earliest bad day is the first of their pieces by day: sorted on one
        # key, with no group-by, and flagged sorted by pid, so that the join below merges
        # (0.013 CPU-s against 0.063 for the slices of 2M stays, with that join).
        pieces = by_person_day(self._pieces(stay, limits, window, first_only=True,
                                            per_entry=per_entry), "first")
        first_of_person = (pl.col("pid") != pl.col("pid").shift(1)).fill_null(True)
        first_bad = (pieces.filter(first_of_person).select("pid", first_bad="first")
                     .collect(engine=ENGINE))
        found = pl.col("first_bad").is_not_null()
        out = (persons.join(first_bad, on="pid", how="left")
               .with_columns(last=pl.when(found).then(pl.col("first_bad") - 1)
                             .otherwise(pl.col("cap")),
                             why=pl.when(found).then(pl.lit("rule")).otherwise("cap_why")))
        if self.known_last is not None:
            beyond = pl.col("last") > self.known_last
            out = out.with_columns(last=pl.when(beyond).then(self.known_last).otherwise("last"),
                                   why=pl.when(beyond).then(pl.lit("unknown_rules"))
                                   .otherwise("why"))
        too_late = pl.col("last") < on
        out = out.with_columns(last=pl.when(too_late).then(on - 1).otherwise("last"),
                               why=pl.when(too_late).then(pl.lit("rule")).otherwise("why"))
        out = self._protect_plans(limits, out, back, ahead)
        if through:
            out = self._through_planned(limits, out)
        return out.select("pid", last=pl.when(pl.col("why") == NONE_WHY).then(None)
                          .otherwise("last"), why="why")

    def _through_planned(self, limits: Sequence[InForce], out: pl.DataFrame) -> pl.DataFrame:
        """Where a stay runs into a planned entry into the host, the later of leaving on the
        day it begins and staying on through it, as one entry, when that keeps the whole
        planned entry compliant (engine.evaluate._Evaluator.latest_exit); one planned entry
        after another, as the engine does.

        Each pass is a whole latest_exit, so the passes gallop: one joins, per person, the next
        ``size`` planned entries at once (1, 2, 4, ... while each join holds). A join of k that
        holds is the engine's answer after k steps, each of which held and ran on to the next
        planned entry: an earlier step's stay, to that entry's first day, has fewer days, each
        counted no higher (a count looks back only), so it breaks no rule before the k-join's
        last day; after that day the k-join breaks no planned day the plans did not already
        break, and an earlier step's plans hold the entries joined since, so break no fewer.
        A join that fails bounds how many more can hold; the steps left are found by halving
        that bound."""
        on = self.on
        horizon = on + HORIZON_DAYS
        entries, rows, result = self.entries, out.select(*_ROW), out
        # per person: the number of planned entries the next pass joins, and, once a join
        # failed, how many more at most can hold (null: none failed yet)
        tries = pl.DataFrame(schema={"pid": pl.Int64, "size": pl.Int64, "bound": pl.Int64})
        while True:
            hit = (rows.filter((pl.col("why") == "planned_trip") & pl.col("cap_host")
                               & (pl.col("last") == pl.col("cap")))
                   .join(tries, on="pid", how="left")
                   .with_columns(pl.col("size").fill_null(1))
                   .filter(pl.col("bound").is_null() | (pl.col("bound") > 0)))
            # the planned entries the stay may run through, in order from the one it meets:
            # each the engine's next step, until one with no exit recorded (its days after
            # the first are not known) or one beyond the horizon (no planned trip caps there)
            blocked = (pl.col("recorded").is_null() | (pl.col("first") >= horizon)).cast(pl.Int64)
            chain = (entries.join(hit.select("pid", "cap"), on="pid")
                     .filter(pl.col("first") >= pl.col("cap"))
                     .with_columns(i=pl.int_range(pl.len()).over("pid"),
                                   usable=blocked.cum_sum().over("pid") == 0)
                     .filter("usable"))
            reach = chain.group_by("pid").agg(pl.len().alias("reach"))
            hit = (hit.join(reach, on="pid")
                   .with_columns(n=pl.min_horizontal(
                       pl.when(pl.col("bound").is_null()).then("size")
                       .otherwise((pl.col("bound") + 1) // 2), "reach"))
                   .sort("pid"))
            if hit.is_empty():
                return result
            joining = chain.join(hit.select("pid", "n"), on="pid").filter(pl.col("i") < pl.col("n"))
            planned = (joining.filter(pl.col("i") == pl.col("n") - 1)
                       .join(hit.select("pid", "start"), on="pid")
                       .select("pid", "k", "start", joined_last="last"))
            mine = entries.join(hit.select("pid"), on="pid", how="semi")
            current = hit.filter("present").select("pid", "cur_k")
            kept = (mine.join(joining.select("pid", "k"), on=["pid", "k"], how="anti")
                    .join(current, left_on=["pid", "k"], right_on=["pid", "cur_k"], how="anti"))
            joined = planned.select("pid", "k", first="start", last="joined_last",
                                    recorded="joined_last")
            # The stays elsewhere as this pass judged them: one under way on the query day
            # stays so, though the joined entry makes the person present then, as the stay
            # run on through the planned entry is still entered in place of it
            # (engine.evaluate._Evaluator.away); the others would have capped the stay first.
            through = Group(hit.select("pid"),
                            pl.concat([kept.select(joined.columns), joined]).sort("pid", "k"),
                            self.trips_ahead.join(hit.select("pid"), on="pid", how="semi"),
                            self.regime, on, self.calendar)
            found = (through.latest_exit(limits, through.persons, through=False)
                     .join(planned.select("pid", "joined_last"), on="pid")
                     .filter(pl.col("last").is_null()
                             | (pl.col("last") >= pl.col("joined_last")))
                     .select("pid", "last", "why"))
            result = (result.join(found.rename({"last": "t_last", "why": "t_why"}), on="pid",
                                  how="left")
                      .with_columns(last=pl.when(pl.col("t_why").is_not_null()).then("t_last")
                                    .otherwise("last"), why=pl.coalesce("t_why", "why"))
                      .drop("t_last", "t_why"))
            held = pl.col("pid").is_in(found["pid"].implode())
            failed = hit.filter(~held)
            tries = hit.select(
                "pid",
                size=pl.when(held & pl.col("bound").is_null()).then(pl.col("size") * 2)
                .otherwise("size"),
                bound=pl.when(held).then(pl.col("bound") - pl.col("n"))
                .otherwise(pl.col("n") - 1))
            rows = pl.concat([through.persons.join(found, on="pid").select(*_ROW),
                              failed.select(*_ROW)]).sort("pid")
            entries = pl.concat([through.entries.join(found.select("pid"), on="pid", how="semi"),
                                 entries.join(failed.select("pid"), on="pid", how="semi")
                                 .select(joined.columns)]).sort("pid", "k")

    def _protect_plans(self, limits: Sequence[InForce], out: pl.DataFrame, back: int,
                       ahead: int) -> pl.DataFrame:
        """Shorten stays that would make a planned entry less compliant than it already is."""
        on = self.on
        # Persons who can stay past ``on - 1`` with an entry planned within the stay's reach.
        planned = (self.others.filter(pl.col("first") > on)
                   .join(out.select("pid", stay_last="last"), on="pid")
                   .filter((pl.col("stay_last") >= on)
                           & (pl.col("first") <= pl.col("stay_last") + ahead))
                   .select("pid").unique())
        if planned.is_empty():
            return out
        need = (out.join(planned, on="pid", how="semi")
                .select("pid", "start", "present", "last", hi=pl.col("last") + ahead))
        others = self.others.join(need.select("pid"), on="pid", how="semi")
        reach = (others.filter(pl.col("last") >= on + 1).join(need.select("pid", "hi"), on="pid")
                 .filter(pl.col("first") <= pl.col("hi")).group_by("pid")
                 .agg(pl.col("last").max().alias("far")))
        window = (need.join(reach, on="pid", how="left")
                  .select("pid", w_lo=pl.lit(on + 1, pl.Int64),
                          w_hi=pl.max_horizontal("hi", "far")))
        baseline = pl.concat([
            others.select("pid", "first", "last"),
            need.filter("present").select("pid", first=pl.col("start"),
                                          last=pl.lit(on, pl.Int64)),
        ])
        old = self._pieces(baseline.lazy(), limits, window.lazy()).select(
            "pid", "first", "last").collect(engine=ENGINE)
        checker = _PlanCheck(self, limits, need, others, old, back)

        ok_now = checker.keeps(need.with_columns(end=pl.lit(on, pl.Int64)))
        ok_last = checker.keeps(need.with_columns(end=pl.col("last")))
        state = (need.join(ok_now, on="pid").rename({"ok": "ok_now"})
                 .join(ok_last, on="pid").rename({"ok": "ok_last"})
                 .with_columns(lo=pl.lit(on, pl.Int64), top=pl.col("last")))
        searching = state.filter(pl.col("ok_now") & ~pl.col("ok_last"))
        while not searching.is_empty():
            probe = searching.with_columns(end=(pl.col("lo") + pl.col("top") + 1) // 2)
            ok = checker.keeps(probe)
            probe = probe.join(ok, on="pid").with_columns(
                lo=pl.when("ok").then("end").otherwise("lo"),
                top=pl.when("ok").then("top").otherwise(pl.col("end") - 1))
            done = probe.filter(pl.col("lo") >= pl.col("top"))
            state = state.update(done.select("pid", "lo"), on="pid")
            searching = probe.filter(pl.col("lo") < pl.col("top")).drop("end", "ok")
        result = state.select(
            "pid",
            new_last=pl.when(~pl.col("ok_now")).then(on - 1)
            .when(pl.col("ok_last")).then("last").otherwise("lo"),
            shortened=~pl.col("ok_last"))
        return (out.join(result, on="pid", how="left")
                .with_columns(last=pl.coalesce("new_last", "last"),
                              why=pl.when(pl.col("shortened").fill_null(False))
                              .then(pl.lit("planned_trip")).otherwise("why"))
                .drop("new_last", "shortened"))

    # -- earliest entry -----------------------------------------------------------------------

    def earliest_entry(self, limits: Sequence[InForce], asked: pl.DataFrame) -> pl.DataFrame:
        """(pid, earliest) for the persons ``asked`` (pid), as engine.evaluate._Evaluator.
        earliest_entry answers for a stay of one day, as status asks it of a person with no day
        left: the first day from the query day (present, from the current stay's last day) held
        strictly within no recorded stay, whose rules are known, on which a new entry for that
        day breaks no rule on it, nor a day of a planned entry that was not already broken;
        null when none is found within PLAN_SCAN_DAYS or the rules after some day are unknown.
        Where ``asked`` has a column ``from`` (a later day: the first after an entry ban), the
        search starts there and looks PLAN_SCAN_DAYS from it, as status judged on that day
        does for a person away then with no stay in the host begun since the query day.

        Every person's candidate day moves at once, and a candidate that fails jumps to the
        first later day that could pass (:meth:`_after_bad_day`, :meth:`_after_broken_plan`)
        rather than to the next day, so the passes are few."""
        on = self.on
        end_scan = on + PLAN_SCAN_DAYS
        pids = asked.select("pid")
        # the days judged are from the query day on: older entries count on none of them
        back = max((lookback(x.limit) for x in limits), default=0)
        entries = (self.entries.filter(pl.col("last") >= on - back)
                   .join(pids, on="pid", how="semi").select("pid", "k", "first", "last"))
        presence = merge(entries.lazy()).collect(engine=ENGINE)
        persons = self.persons.join(pids, on="pid", how="semi")
        current_last = (persons.filter("present")
                        .join(entries, left_on=["pid", "cur_k"], right_on=["pid", "k"])
                        .select("pid", current_last="last"))
        state = (persons.join(current_last, on="pid", how="left", maintain_order="left")
                 .select("pid", day=pl.max_horizontal(pl.lit(on, pl.Int64), "current_last")))
        ends = None  # each person's last day looked at, where it is not end_scan
        if "from" in asked.columns:
            starts = asked.select("pid", "from")
            state = (state.join(starts, on="pid", how="left", maintain_order="left")
                     .select("pid", day=pl.max_horizontal("day", "from")))
            ends = starts.select("pid", end=pl.coalesce("from", pl.lit(on, pl.Int64))
                                 + PLAN_SCAN_DAYS)
        # A recorded stay the one-day entry would fall strictly within (a later entry into
        # the host, or a stay elsewhere not under way) puts it off to that stay's last day; with
        # no limit, nothing does.
        trips = self.trips_ahead.join(pids, on="pid", how="semi")
        if "from" in asked.columns:
            # judged on a later day, a stay elsewhere begun by then is under way, or over
            trips = (trips.join(asked.select("pid", "from"), on="pid", how="left")
                     .filter(pl.col("from").is_null() | (pl.col("first") > pl.col("from")))
                     .drop("from"))
        blockers = (pl.concat([entries.filter(pl.col("last") > on).select("pid", "first", "last"),
                               trips])
                    if limits else None)
        found = []
        while not state.is_empty():
            state = self._admissible(state, blockers)
            end: pl.Expr = pl.lit(end_scan, pl.Int64)
            if ends is not None:
                state = state.join(ends, on="pid", how="left", maintain_order="left")
                end = pl.col("end")
            out = pl.col("day").is_null() | (pl.col("day") > end)
            found.append(state.filter(out).select("pid", earliest=pl.lit(None, pl.Int64)))
            state = state.filter(~out).select("pid", "day")
            if state.is_empty():
                break
            failed = self._candidate_fails(limits, state, entries, presence, persons)
            found.append(state.join(failed, on="pid", how="anti").select("pid", earliest="day"))
            state = failed.select("pid", day="next")
        if not found:
            return pl.DataFrame(schema={"pid": pl.Int64, "earliest": pl.Int64})
        return pl.concat(found)

    def _admissible(self, state: pl.DataFrame, blockers: pl.DataFrame | None) -> pl.DataFrame:
        """``state`` (pid, day) with each day moved on, as often as needed, past the recorded
        stay holding it strictly within and to the next day whose rules are known (null: none)."""
        known = sorted(self.regime.known)
        while True:
            day = pl.col("day")
            moved = state
            if blockers is not None and not blockers.is_empty():
                within = (state.join(blockers, on="pid")
                          .filter((pl.col("first") < day) & (day < pl.col("last")))
                          .group_by("pid").agg(pl.col("last").max()))
                moved = (moved.join(within, on="pid", how="left", maintain_order="left")
                         .select("pid", day=pl.coalesce("last", "day")))
            later: pl.Expr = pl.lit(None, pl.Int64)
            for first, _ in reversed(known):
                later = pl.when(day < first).then(pl.lit(first, pl.Int64)).otherwise(later)
            inside = pl.any_horizontal([day.is_between(f, z) for f, z in known] or [pl.lit(False)])
            moved = moved.with_columns(day=pl.when(inside).then(day).otherwise(later))
            if moved.get_column("day").equals(state.get_column("day")):
                return moved
            state = moved

    def _candidate_fails(self, limits: Sequence[InForce], state: pl.DataFrame,
                         entries: pl.DataFrame, presence: pl.DataFrame, persons: pl.DataFrame
                         ) -> pl.DataFrame:
        """(pid, next) for the persons of ``state`` (pid, day) whose day is no earliest entry:
        one entered that day is over a limit on it, or puts a planned day over one that was
        not, as engine.evaluate._Evaluator.earliest_entry's scenario and unprotected judge it;
        ``next`` is the first later day that could be."""
        if not limits:
            return pl.DataFrame(schema={"pid": pl.Int64, "next": pl.Int64})
        on = self.on
        back = max(lookback(x.limit) for x in limits)
        ahead = max(lookahead(x.limit) for x in limits)
        probe = state.with_columns(hi=pl.col("day") + ahead)
        near = (entries.join(probe, on="pid")
                .filter((pl.col("last") >= pl.col("day") - back)
                        & (pl.col("first") <= pl.col("hi")))
                .select("pid", "first", "last"))
        scenario = pl.concat([near, probe.select("pid", first="day", last="day")])
        window = probe.select("pid", w_lo="day", w_hi="hi")
        new = (self._pieces(scenario.lazy(), limits, window.lazy(), tagged=True)
               .select("pid", "first", "last", "limit", "until").collect(engine=ENGINE))
        on_the_day = new.join(state, on="pid").filter(pl.col("first") <= pl.col("day"))
        bad_day = self._after_bad_day(limits, on_the_day, presence)
        # A one-day entry puts no later day over a limit that has no presence after it.
        later = (new.join(bad_day.select("pid"), on="pid", how="anti")
                 .select("pid", "first", "last"))
        if later.is_empty():
            return bad_day
        asked = probe.join(later.select("pid").unique(), on="pid", how="semi")
        current = persons.select("pid", "cur_k")
        # the entries, but the current one, that reach the days judged
        reaching = (entries.join(current, on="pid", how="left")
                    .filter(pl.col("cur_k").is_null() | (pl.col("k") != pl.col("cur_k")))
                    .join(asked, on="pid")
                    .filter((pl.col("last") >= pl.col("day")) & (pl.col("first") <= pl.col("hi")))
                    .select("pid", "first", "last"))
        reach = (asked.join(reaching.group_by("pid").agg(pl.col("last").max().alias("far")),
                            on="pid", how="left")
                 .select("pid", "day", reach=pl.max_horizontal("hi", "far")))
        baseline = (entries.join(reach, on="pid")
                    .filter((pl.col("last") >= pl.col("day") - back)
                            & (pl.col("first") <= pl.col("reach")))
                    .select("pid", "first", "last"))
        old = (self._pieces(baseline.lazy(), limits,
                            reach.lazy().select("pid", w_lo="day", w_hi="reach"))
               .select("pid", "first", "last").collect(engine=ENGINE))
        tainted = (reaching.filter(pl.col("first") > on)
                   .join(old.select("pid", of="first", ol="last"), on="pid")
                   .filter(pl.max_horizontal("first", "of") <= pl.min_horizontal("last", "ol"))
                   .select("pid", "first", "last").unique())
        cover = pl.concat([old.lazy(), _unshared(tainted.lazy(), reaching.lazy())])
        broken = first_uncovered(later.lazy(), cover).collect(engine=ENGINE)
        return pl.concat([bad_day, self._after_broken_plan(broken, state, entries)])

    def _after_bad_day(self, limits: Sequence[InForce], on_the_day: pl.DataFrame,
                       presence: pl.DataFrame) -> pl.DataFrame:
        """(pid, next) for the rows (pid, day, limit, until) of limits a one-day entry on
        ``day`` breaks on that day: the first later day on which each of them could hold. A
        rolling count keeps the counted days up to ``day``, and a day entered later counts
        too, so it holds at the earliest when the ``max``-th latest of the counted days up to
        ``day`` has rolled off; a calendar-year count of ``day``'s year only grows within that
        year; a per-entry count may hold the next day (an entry ending on ``day``). Each at the
        latest on the day after its span in force. ``presence``: the persons' days in the
        host, merged."""
        day = pl.col("day")
        if on_the_day.is_empty():
            return pl.DataFrame(schema={"pid": pl.Int64, "next": pl.Int64})
        bounds = []
        for index in on_the_day.get_column("limit").unique().sort().to_list():
            rows = (on_the_day.filter(pl.col("limit") == index)
                    .select("pid", "day", "until").unique())
            kind = limits[index].limit
            if isinstance(kind, Rolling):
                bound = self._rolled_off(rows, presence, kind)
            elif isinstance(kind, CalendarYear):
                bound = rows.with_columns(
                    bound=to_ordinal(pl.date(to_date(day).dt.year() + 1, 1, 1)))
            else:
                bound = rows.with_columns(bound=day + 1)
            bounds.append(bound.select(
                "pid", "day", bound=pl.min_horizontal("bound", pl.col("until") + 1)))
        return (pl.concat(bounds).group_by("pid")
                .agg(next=pl.max_horizontal(pl.col("bound").max(), pl.col("day").max() + 1)))

    @staticmethod
    def _rolled_off(rows: pl.DataFrame, presence: pl.DataFrame, kind: Rolling) -> pl.DataFrame:
        """``rows`` (pid, day, until) with ``bound``: the day after the ``kind.max``-th latest
        counted day of ``presence`` up to ``day`` leaves the window."""
        day, length = pl.col("day"), pl.col("last") - pl.col("first") + 1
        lo = pl.max_horizontal(day - kind.window + 1, pl.lit(kind.first_counted, pl.Int64))
        # the counted days of each span's person after it: of the days from it to the end of
        # the table, less those of the persons after it (spans in (pid, first) order; no sort,
        # no group-by)
        to_end = pl.col("length").cum_sum(reverse=True)
        last_of_person = (pl.col("pid") != pl.col("pid").shift(-1)).fill_null(True)
        counted = (presence.join(rows.select("pid", "day"), on="pid", maintain_order="left")
                   .with_columns(first=pl.max_horizontal("first", lo),
                                 last=pl.min_horizontal("last", day))
                   .filter(pl.col("first") <= pl.col("last"))
                   .with_columns(length=length)
                   .with_columns(after=to_end - pl.col("length")
                                 - pl.when(last_of_person).then(to_end - pl.col("length"))
                                 .backward_fill()))
        nth = (counted.filter((pl.col("after") < kind.max)
                              & (pl.col("after") + length >= kind.max))
               .select("pid", gone=pl.col("last") - (kind.max - pl.col("after")) + 1))
        return (rows.join(nth, on="pid", how="left", maintain_order="left")
                .with_columns(bound=pl.coalesce(pl.col("gone") + kind.window, day + 1)))

    def _after_broken_plan(self, broken: pl.DataFrame, state: pl.DataFrame,
                           entries: pl.DataFrame) -> pl.DataFrame:
        """(pid, next) for the persons whose one-day entry on ``day`` puts the planned day
        ``broken.day`` over a limit (a rolling or calendar-year count: a per-entry count does
        not reach past the entry). A day entered up to that one, and held by no entry into
        the host, is counted on it as well: the next day that could pass is the day after it,
        or the next first or last day of an entry into the host before it."""
        edges = pl.concat([entries.select("pid", edge="first"), entries.select("pid", edge="last")])
        after = (broken.join(state, on="pid", suffix="_from")
                 .join(edges, on="pid", how="left")
                 .filter(pl.col("edge") > pl.col("day_from"))
                 .group_by("pid").agg(pl.col("edge").min()))
        return (broken.join(after.select("pid", "edge"), on="pid", how="left")
                .select("pid", next=pl.min_horizontal(pl.col("day") + 1, "edge")))

    # -- the figures of each limit, and which one binds --------------------------------------

    def days_used(self, limit: InForce) -> pl.DataFrame:
        """(pid, used, judges): the days ``limit`` counts on the query day, and whether it
        judges the stay from then, the one under way or one entered then
        (engine.answer.LimitFigures.judges_entry): a per-entry limit of the entries from or to
        a day judges none outside them."""
        on = self.on
        kind = limit.limit
        if isinstance(kind, PerEntry):
            judged = pl.col("start").is_between(kind.first_entered, kind.last_entered)
            entered = pl.when(pl.col("present")).then(pl.col("start")).otherwise(pl.lit(on))
            return self.persons.select(
                "pid", used=pl.when(pl.col("present") & judged)
                .then(on - pl.col("start") + 1).otherwise(0),
                judges=entered.is_between(kind.first_entered, kind.last_entered))
        lo = (max(on - kind.window + 1, kind.first_counted) if isinstance(kind, Rolling)
              else dt.date(dt.date.fromordinal(on).year, 1, 1).toordinal())
        # Only days from ``lo`` count, and the union of the stays from ``lo`` on is the
        # union of the stays that reach ``lo``: the older ones are not merged at all.
        history = (self.entries.lazy().filter((pl.col("first") <= on) & (pl.col("last") >= lo))
                   .with_columns(last=pl.min_horizontal("last", pl.lit(on))))
        days = (merge(history)
                .with_columns(first=pl.max_horizontal("first", pl.lit(lo)))
                .filter(pl.col("first") <= pl.col("last"))
                .group_by("pid").agg((pl.col("last") - pl.col("first") + 1).sum().alias("used"))
                .collect(engine=ENGINE))
        return (self.pids.join(days, on="pid", how="left")
                .with_columns(pl.col("used").fill_null(0), judges=pl.lit(True)))

    def figures(self, relevant: Sequence[InForce], overall: pl.DataFrame) -> pl.DataFrame:
        """(pid, binding, used, remaining) by engine.evaluate._binding."""
        on = self.on
        tables = []
        for order, limit in enumerate(relevant):
            if len(relevant) == 1:
                own = overall.select("pid", "last")
            else:
                own = self.latest_exit([limit], self.persons).select("pid", "last")
            in_force = any(f <= on <= z for f, z in limit.spans)
            used = self.days_used(limit)
            tables.append(
                used.join(own, on="pid")
                .with_columns(order=pl.lit(order), rule=pl.lit(limit.ref),
                              in_force=pl.lit(in_force),
                              remaining=pl.max_horizontal(pl.lit(0),
                                                          limit.limit.max - pl.col("used")),
                              own=pl.when(pl.col("last") >= on).then("last")))
        table = pl.concat(tables).join(
            overall.select("pid", latest=pl.when(pl.col("last") >= on).then("last")), on="pid")
        # a limit that does not judge the person's stay is left out where another does (only
        # a per-entry limit of entries from or to a day judges some stays and not others)
        if len(relevant) > 1 and any(isinstance(x.limit, PerEntry) and (
                x.limit.entered_from or x.limit.entered_to) for x in relevant):
            table = table.filter(pl.col("judges") | ~pl.col("judges").any().over("pid"))
        table = table.drop("judges")
        no_latest = pl.col("latest").is_null()
        chosen = table.filter(pl.when(no_latest).then(pl.col("in_force"))
                              .otherwise(pl.col("own") == pl.col("latest")))
        if len(relevant) > 1:  # several candidates per person: the first by the keys binds
            # (with a latest exit, those in force first, then the fewest days left)
            chosen = (chosen.with_columns(key1=pl.when(no_latest).then(pl.col("remaining"))
                                          .otherwise((~pl.col("in_force")).cast(pl.Int64)))
                      .sort("pid", "key1", "remaining", "order")
                      .group_by("pid", maintain_order=True).first())
        return chosen.select("pid", binding=pl.col("rule"), binding_in_force=pl.col("in_force"),
                             used=pl.col("used"), remaining=pl.col("remaining"))

    # -- registration --------------------------------------------------------------------------

    def register_by(self, frame: pl.DataFrame) -> pl.DataFrame:
        """(pid, reg_by, reg_rule, reg_extends) for rows of (pid, entry, stay_last, ask) as
        engine.evaluate._Evaluator.register_by: the first registration rule in force on the
        entry day sets the deadline; a stay that ends before it needs none, unless the rule has
        every stay registered (short_stays: required)."""
        if not self.regime.registrations:
            return frame.select("pid", reg_by=pl.lit(None, pl.Int64),
                                reg_rule=pl.lit(None, pl.String),
                                reg_extends=pl.lit(None, pl.Boolean))
        out = self._deadlines(frame)
        needless = (pl.col("stay_last").is_not_null() & (pl.col("stay_last") < pl.col("reg_by"))
                    & ~pl.col("reg_every_stay")) | ~pl.col("ask")
        return out.select(
            "pid", *[pl.when(needless).then(None).otherwise(c).alias(c)
                     for c in ("reg_by", "reg_rule", "reg_extends")])

    def _deadlines(self, frame: pl.DataFrame) -> pl.DataFrame:
        """``frame`` with, for each row's ``entry``, the registration rule that judges a stay
        entered then (the first in force that day): ``reg_by`` (its deadline), ``reg_rule``,
        ``reg_extends`` (``effect: extends``) and ``reg_every_stay`` (``short_stays:
        required``), all null where none is in force (engine.evaluate's
        registration_rule)."""
        regs = self.regime.registrations
        by: pl.Expr = pl.lit(None, pl.Int64)
        rule: pl.Expr = pl.lit(None, pl.String)
        extends: pl.Expr = pl.lit(None, pl.Boolean)
        every_stay: pl.Expr = pl.lit(False)
        for reg in reversed(regs):  # the first one in force wins
            inside = pl.any_horizontal(
                [(pl.col("entry") >= f) & (pl.col("entry") <= z) for f, z in reg.spans])
            if reg.rule.unit == "calendar":
                deadline = pl.col("entry") + reg.rule.within
            else:
                deadline = self._working_deadline(frame["entry"], reg.rule.within)
            by = pl.when(inside).then(deadline).otherwise(by)
            rule = pl.when(inside).then(pl.lit(reg.ref)).otherwise(rule)
            extends = pl.when(inside).then(pl.lit(reg.rule.effect == "extends")).otherwise(extends)
            every_stay = pl.when(inside).then(pl.lit(reg.rule.short_stays == "required")
                                              ).otherwise(every_stay)
        return frame.with_columns(reg_by=by, reg_rule=rule, reg_extends=extends,
                                  reg_every_stay=every_stay)

    def _working_deadline(self, entries: pl.Series, within: int) -> pl.Expr:
        """The ``within``-th working day after each entry, from one table of working days."""
        if entries.is_empty():
            return pl.lit(None, pl.Int64)
        first = int(entries.min())  # type: ignore[arg-type]
        last = int(entries.max()) + 3 * within + 60  # type: ignore[arg-type]
        days = [d for d in range(first + 1, last + 1)
                if self.calendar.is_working_day(dt.date.fromordinal(d))]
        table = pl.Series("w", days, dtype=pl.Int64)
        index = (table.search_sorted(entries, side="right") + within - 1).clip(0, len(table) - 1)
        return pl.lit(table.gather(index))

    # -- the answer ----------------------------------------------------------------------------

    def violations(self) -> pl.DataFrame:
        pieces = self._pieces(self.entries.lazy().select("pid", "k", "first", "last"),
                              self.regime.limits, None)
        refs = {x.ref for x in self.regime.limits}
        if any(reg.rule.effect == "extends" for reg in self.regime.registrations):
            pieces = pl.concat([pieces, self._unregistered_overstays().lazy()])
            refs |= {reg.ref for reg in self.regime.registrations if reg.rule.effect == "extends"}
        return runs(pieces, sorted(refs))

    def _unregistered_overstays(self) -> pl.DataFrame:
        """(pid, first, last, peak, rule): the days each stay went on past a registration
        deadline before the query day, under a rule that lets it go on only when registered
        (engine.evaluate._Evaluator.unregistered_overstays). A crossing log records no
        registrations and no permits: every such stay is judged unregistered, as a CSV
        history is, and all its days count."""
        stays = self.entries.select("pid", "last", entry="first")
        late = (self._deadlines(stays)
                .filter(pl.col("reg_extends") & (pl.col("reg_by") < self.on)
                        & (pl.col("last") > pl.col("reg_by"))))
        return late.select("pid", first=pl.col("reg_by") + 1, last="last",
                           peak=pl.col("last") - pl.col("entry") + 1, rule="reg_rule")

    def relevant_limits(self) -> list[InForce]:
        """The limits in force on some day from the query day on."""
        return [x for x in self.regime.limits if any(z >= self.on for _, z in x.spans)]

    def answers(self, earliest_entry: bool = False) -> RegimeAnswers:
        """Each person's answer; with ``earliest_entry``, its column too (batch's opt-in
        --earliest-entry: it costs about a tenth more, so it is not sought unasked)."""
        return RegimeAnswers(self.person_answers(earliest_entry), self.violations())

    def person_answers(self, earliest_entry: bool = False, figures: bool = True
                       ) -> pl.DataFrame:
        """The persons' table of :meth:`answers`; without ``figures``, no binding rule and no
        days used or remaining (null), which cost a latest exit per limit: an answer judged
        on the day after an entry ban needs only the days left and the earliest entry."""
        on = self.on
        persons = self.persons
        relevant = self.relevant_limits()
        if self.known_last is None:
            result = persons.with_columns(
                last=pl.lit(None, pl.Int64), why=pl.lit("unknown_rules"),
                binding=pl.lit(None, pl.String), binding_in_force=pl.lit(None, pl.Boolean),
                used=pl.lit(None, pl.Int64), remaining=pl.lit(None, pl.Int64),
                unknown=pl.lit(True))
            open_ = pl.col("recorded").is_null() | (pl.col("recorded") < on)
            reg_in = result.select(
                "pid", entry=pl.when("present").then("start").otherwise(on),
                stay_last=pl.when(pl.col("present") & ~open_).then("recorded"),
                ask=pl.lit(True))
        else:
            overall = self.latest_exit(relevant, persons)
            result = persons.join(overall, on="pid")
            if relevant and figures:
                result = result.join(self.figures(relevant, overall), on="pid", how="left")
            else:
                result = result.with_columns(binding=pl.lit(None, pl.String),
                                             binding_in_force=pl.lit(None, pl.Boolean),
                                             used=pl.lit(None, pl.Int64),
                                             remaining=pl.lit(None, pl.Int64))
            result = result.with_columns(unknown=pl.lit(False))
            recorded_on = pl.col("recorded").is_not_null() & (pl.col("recorded") >= on)
            no_stay = (pl.col("last").is_not_null() & (pl.col("last") < on)
                       & ~pl.col("present"))
            reg_in = result.select(
                "pid", entry=pl.when("present").then("start").otherwise(on),
                stay_last=pl.when(pl.col("present") & recorded_on).then("recorded")
                .when(pl.col("present") & pl.col("last").is_not_null())
                .then(pl.max_horizontal("last", pl.lit(on)))
                .otherwise("last"),
                ask=~no_stay)
        regs = self.register_by(reg_in)
        answered = self._finish(result.join(regs, on="pid"))
        if not earliest_entry:
            return answered
        # status seeks the earliest entry of a person with no day left, the rules known
        refused = answered.filter(pl.col("max_stay_days") == 0).select("pid")
        earliest = (self.earliest_entry(relevant, refused) if self.known_last is not None
                    else refused.select("pid", earliest=pl.lit(None, pl.Int64)))
        return (answered.join(earliest, on="pid", how="left", maintain_order="left")
                .rename({"earliest": "earliest_entry"}))

    def _finish(self, result: pl.DataFrame) -> pl.DataFrame:
        on = self.on
        latest = pl.when(pl.col("last") >= on).then("last")
        max_stay = pl.when(pl.col("last").is_not_null()).then(
            pl.max_horizontal(pl.lit(0), pl.col("last") - on + 1))
        out = result.with_columns(latest=latest, max_stay=max_stay)
        extends = (pl.col("reg_extends").fill_null(False) & ~pl.col("unknown")
                   & (pl.col("latest").is_null() | (pl.col("latest") > pl.col("reg_by"))))
        still = pl.col("reg_by") >= on
        out = out.with_columns(
            latest=pl.when(extends).then(pl.when(still).then("reg_by")).otherwise("latest"),
            max_stay=pl.when(extends).then(pl.when(still).then(pl.col("reg_by") - on + 1)
                                           .otherwise(0)).otherwise("max_stay"),
            why=pl.when(extends).then(pl.lit("registration")).otherwise("why"),
            reg_overdue=pl.col("reg_by") < on)
        return out.select(
            "pid", "present", entered=pl.when("present").then("start"),
            days_used="used", days_remaining="remaining", latest_exit="latest",
            max_stay_days="max_stay", limited_by="why", binding_rule="binding",
            binding_in_force="binding_in_force",
            register_by="reg_by", register_rule="reg_rule", register_overdue="reg_overdue")


def _unshared(tainted: pl.LazyFrame, entries: pl.LazyFrame) -> pl.LazyFrame:
    """``tainted`` (pid, first, last), less a day shared with one of ``entries`` that is not
    tainted, as engine.evaluate._Evaluator.unprotected subtracts them. Entries into one host
    share at most a crossing day, so only a first or a last day can be shared."""
    kept = entries.join(tainted, on=["pid", "first", "last"], how="anti")
    ends = kept.select("pid", day="last").unique().with_columns(kept_end=pl.lit(True))
    starts = kept.select("pid", day="first").unique().with_columns(kept_start=pl.lit(True))
    return (tainted
            .join(ends, left_on=["pid", "first"], right_on=["pid", "day"], how="left")
            .join(starts, left_on=["pid", "last"], right_on=["pid", "day"], how="left")
            .select("pid", first=pl.col("first") + pl.col("kept_end").is_not_null(),
                    last=pl.col("last") - pl.col("kept_start").is_not_null())
            .filter(pl.col("first") <= pl.col("last")))


class _PlanCheck:
    """Does a stay ending on ``end`` leave every planned entry as compliant as it was?
    (engine.evaluate._Evaluator.latest_exit's keeps_plans, for many persons.)"""

    def __init__(self, group: Group, limits: Sequence[InForce], need: pl.DataFrame,
                 others: pl.DataFrame, old: pl.DataFrame, back: int) -> None:
        self.group = group
        self.limits = limits
        self.others = others
        self.old = old  # days the planned history already breaks, from the day after ``on``
        self.back = back
        # persons with two planned entries that share a day (a border run): the only ones
        # whose tainted entries may give a day back (_unshared); found once, not per probe
        self.sharing = (others.select("pid", day="first")
                        .join(others.select("pid", day="last"), on=["pid", "day"], how="semi")
                        .get_column("pid").unique())

    def keeps(self, probe: pl.DataFrame) -> pl.DataFrame:
        """(pid, ok) for rows of (pid, start, end, hi)."""
        on = self.group.on
        ends = probe.select("pid", "start", "end", "hi").lazy()
        scenario = pl.concat([
            self.others.lazy().join(ends, on="pid")
            .filter((pl.col("last") >= pl.col("end") + 1 - self.back)
                    & (pl.col("first") <= pl.col("hi")))
            .select("pid", "first", "last"),
            ends.select("pid", first=pl.col("start"), last=pl.col("end")),
        ])
        window = ends.select("pid", w_lo=pl.col("end") + 1, w_hi="hi")
        new = self.group._pieces(scenario, self.limits, window).select("pid", "first", "last")
        old = (self.old.lazy().join(ends, on="pid")
               .with_columns(first=pl.max_horizontal("first", pl.col("end") + 1))
               .filter(pl.col("first") <= pl.col("last")).select("pid", "first", "last"))
        near = (self.others.lazy().join(ends, on="pid")
                .filter((pl.col("last") >= pl.col("end") + 1) & (pl.col("first") <= pl.col("hi")))
                .select("pid", "first", "last"))
        tainted = (
            near.filter(pl.col("first") > on)
            .join(old.select("pid", of=pl.col("first"), ol=pl.col("last")), on="pid")
            .filter(pl.max_horizontal("first", "of") <= pl.min_horizontal("last", "ol"))
            .select("pid", "first", "last").unique())
        if not self.sharing.is_empty():
            # few tainted entries, fewer of persons with a border run among their plans:
            # collected first, the shared days are looked for among those persons alone
            found = tainted.collect(engine=ENGINE)
            sharing = found.filter(pl.col("pid").is_in(self.sharing.implode()))
            if not sharing.is_empty():
                pids = sharing.select("pid").unique().lazy()
                found = pl.concat([
                    found.join(sharing, on=["pid", "first", "last"], how="anti"),
                    _unshared(sharing.lazy(), near.join(pids, on="pid", how="semi"))
                    .collect(engine=ENGINE)])
            tainted = found.lazy()
        failing = uncovered(new, pl.concat([old, tainted])).collect(engine=ENGINE)
        return probe.select("pid", ok=~pl.col("pid").is_in(failing["pid"].implode()))
