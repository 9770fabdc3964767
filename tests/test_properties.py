"""Differential property tests: the engine's answers equal the day-by-day reference's.

The reference (tests/reference.py) states the semantics it checks. Profiles: "ci" (the default)
is derandomized so that CI runs are reproducible; choose another with the environment variable
SOJOURN_HYPOTHESIS_PROFILE, e.g. "dev" for a longer random search, "mutation" for a short one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings

from sojourn.engine import Answer, Violation
from sojourn.engine.answer import Cap
from sojourn.rules.loader import load_pack
from sojourn.stay import stay_report

import reference
import strategies as gen

settings.register_profile("ci", max_examples=150, deadline=None, derandomize=True,
                          database=None, suppress_health_check=[HealthCheck.too_slow],
                          print_blob=True)
settings.register_profile("dev", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
# A short search for mutation testing (README, "Tests"): mutmut runs the selection once per
# mutant, most mutants fall to the first few examples, and a failure needs no shrinking there
# (shrinking one took minutes): the verdict is all mutmut keeps.
settings.register_profile("mutation", max_examples=25, deadline=None, derandomize=True,
                          database=None, suppress_health_check=[HealthCheck.too_slow],
                          phases=[Phase.explicit, Phase.generate])
PROFILE = settings.get_profile(os.environ.get("SOJOURN_HYPOTHESIS_PROFILE", "ci"))

BUILTIN = load_pack()
ONE = ("KZ",)
ZONE = ("FR", "DE", "IT")
OTHERS = ("KG", "GE")

AdHoc = tuple[gen.Trips, tuple[gen.LimitSpec, ...], int | None]
Packed = tuple[gen.Trips, tuple[gen.RuleSpec, ...], int | None]


def _ordinal(day: dt.date | None) -> int | None:
    return None if day is None else day.toordinal()


def _date(day: int | None) -> dt.date | None:
    return None if day is None else dt.date.fromordinal(day)


def _runs(runs: Sequence[Violation]) -> list[tuple[int, int, int, int]]:
    return [(v.first_day.toordinal(), v.last_day.toordinal(), v.days, v.peak) for v in runs]


def engine_report(answer: Answer) -> reference.Report:
    assert answer.unknown is None
    return reference.Report(
        violations=_runs(answer.violations),
        latest_exit=_ordinal(answer.latest_exit),
        max_stay_days=answer.max_stay_days,
        earliest_entry=_ordinal(answer.earliest_entry),
        earliest_until=_ordinal(answer.earliest_until),
        constraints=[reference.Answers(_runs(f.violations), f.days_used,
                                       _ordinal(f.latest_exit), f.max_stay_days)
                     for f in answer.constraints],
    )


def check_too_long(answer: Answer, length: int | None, case: reference.Case,
                   limit_of: Callable[[Cap], reference.Limit]) -> None:
    """Limits named as allowing no stay of ``length`` days allow none by themselves: judged
    with those limits alone, the reference finds no day for such a stay in the ten years it
    searches either; ``too_long`` is the one limit when one is named. (That the last has no
    known end, which makes it "never", is tested in tests/cli/test_cli.py.) None is named
    while a day under a permit lies ahead (its last day may be the query day); one may be
    while an extension's day does, which counts, and the reference, judging the extension's
    days as the engine does, checks it."""
    caps = answer.too_long_limits
    assert answer.too_long == (caps[0] if len(caps) == 1 else None)
    if any(day >= case.on for day in case.permits):
        # days under a permit ahead are not counted: a stay may outlast a cap
        assert not caps
    if not caps:
        return
    assert length is not None and answer.earliest_entry is None
    alone = dataclasses.replace(case, limits=tuple(dict.fromkeys(limit_of(c) for c in caps)))
    assert reference.earliest_entry(alone, alone.limits, length) is None, caps


def check_plan_agrees(answer: Answer, length: int | None) -> None:
    """Away from the host, plan's two answers agree: a new entry for ``length`` days can be
    made on the query day exactly when the stay from that day may last that long (or has no
    limit), unless the stay must end for want of a registration, which only latest_exit
    counts. Judged on the engine alone, so that it holds whatever the reference says."""
    if length is None or answer.present or not answer.constraints:
        return  # present: the earliest entry is a new one after the current stay
    if answer.limited_by == "registration":
        return
    may_stay = answer.max_stay_days is None or answer.max_stay_days >= length
    assert (answer.earliest_entry == answer.on) == may_stay, (
        answer.latest_exit, answer.max_stay_days, answer.earliest_entry)


def check_ad_hoc(drawn: AdHoc, members: tuple[str, ...]) -> None:
    made, limits, length = drawn
    history = made.history()
    got = stay_report(history, BUILTIN, on=dt.date.fromordinal(made.on),
                      country=",".join(members), rule_spec="+".join(x.spec for x in limits),
                      length=length).answer
    case = made.case(history, members, tuple(reference.Limit(x.kind, x.max, x.window)
                                             for x in limits))
    check_plan_agrees(got, length)
    assert engine_report(got) == reference.report(case, length)
    check_too_long(got, length, case, lambda cap: next(
        reference.Limit(x.kind, x.max, x.window) for x in limits if x.spec == cap.spec))


def check_pack(drawn: Packed, host: str, members: tuple[str, ...]) -> None:
    made, rules, length = drawn
    history = made.history()
    with tempfile.TemporaryDirectory() as tmp:
        gen.write_pack(Path(tmp), host, members, rules)
        pack = load_pack(tmp)
    got = stay_report(history, pack, on=dt.date.fromordinal(made.on), country=host,
                      citizenship="RU", length=length).answer
    case = made.case(history, members, gen.reference_limits(rules))
    check_plan_agrees(got, length)
    assert engine_report(got) == reference.report(case, length)

    def limit_of(cap: Cap) -> reference.Limit:  # rule-{i} of the generated pack
        # A rule may hold one spec twice, judging different entries: the cap's figures
        # (by its words, which name them) tell which of the two it is.
        figures = next(f for f in got.constraints
                       if (f.rule, f.spec, f.label) == (cap.rule, cap.spec, cap.label))
        rule = rules[int(cap.rule.removeprefix("rule-"))]
        return next(limit for x, limit in zip(rule.limits, gen.reference_limits((rule,)),
                                              strict=True)
                    if (x.spec, _date(x.counts_from), _date(x.entered_from),
                        _date(x.entered_to)) == (cap.spec, cap.counts_from,
                                                 figures.entered_from, figures.entered_to))

    check_too_long(got, length, case, limit_of)


# Found by test_regime_changes_in_a_country once it queried days before the first trip: in
# KG on 1-2 January 2023, a trip to KZ planned for 2-3 January, 40 days per entry. Status
# ended the stay entered on 1 January on 2 January, taking the stay in KG, once the stay ran
# on through the planned trip, for a trip ahead; plan offered 1 to 3 January.
FROM_ELSEWHERE_THROUGH_A_PLAN: AdHoc = (
    gen.Trips(trips=(gen.Trip("KG", dt.date(2023, 1, 1).toordinal(),
                              dt.date(2023, 1, 2).toordinal()),
                     gen.Trip("KZ", dt.date(2023, 1, 2).toordinal(),
                              dt.date(2023, 1, 3).toordinal())),
              permits=(), on=dt.date(2023, 1, 1).toordinal()),
    (gen.LimitSpec("per_entry", 40),),
    3)


@PROFILE
@given(drawn=gen.ad_hoc_cases(ONE, OTHERS, gen.regimes(most=1)))
@example(drawn=FROM_ELSEWHERE_THROUGH_A_PLAN)
def test_each_kind_alone(drawn: AdHoc) -> None:
    check_ad_hoc(drawn, ONE)


@PROFILE
@given(drawn=gen.ad_hoc_cases(ONE, OTHERS, gen.regimes()))
def test_conjunctions_in_one_country(drawn: AdHoc) -> None:
    check_ad_hoc(drawn, ONE)


@PROFILE
@given(drawn=gen.ad_hoc_cases(ZONE, OTHERS, gen.regimes()))
def test_conjunctions_in_a_group_of_countries(drawn: AdHoc) -> None:
    check_ad_hoc(drawn, ZONE)


@PROFILE
@given(drawn=gen.pack_cases(ONE, OTHERS))
def test_regime_changes_in_a_country(drawn: Packed) -> None:
    check_pack(drawn, "KZ", ONE)


# Found by a long run of test_regime_changes_in_a_zone: one rule with 1 day per entry for
# the entries to 12 November 2022 and 1 day per entry for all, asked on 22 November for a
# 7-day stay. The second allows none (the engine names it); the test took the first for it
# (the same spec), which judges no entry from the query day on.
SAME_SPEC_TWICE: Packed = (
    gen.Trips(trips=(), permits=(), on=dt.date(2022, 11, 22).toordinal()),
    (gen.RuleSpec(dt.date(2000, 1, 1).toordinal(), None, (
        gen.LimitSpec("per_entry", 1, entered_to=dt.date(2022, 11, 12).toordinal()),
        gen.LimitSpec("per_entry", 1))),),
    7)


@PROFILE
@given(drawn=gen.pack_cases(ZONE[:2], OTHERS))
@example(drawn=SAME_SPEC_TWICE)
def test_regime_changes_in_a_zone(drawn: Packed) -> None:
    check_pack(drawn, "ZONE", ZONE[:2])


def test_a_rolling_count_from_a_day_caps_no_stay_that_ends_before_it_can_count_past_max(
        ) -> None:
    # Found by test_regime_changes_in_a_country: 1 day in any 2 counted from 22 November,
    # in force to that day, was named as allowing no 2-day stay from 21 November; it counts
    # only the 22nd of such a stay, so the calendar-year limit beside it was what barred it
    day = dt.date(2023, 11, 21).toordinal()
    drawn: Packed = (
        gen.Trips(trips=(gen.Trip("KZ", day + 40, day + 40),), permits=(), on=day),
        (gen.RuleSpec(dt.date(2000, 1, 1).toordinal(), day - 11,
                      (gen.LimitSpec("per_entry", 1),)),
         gen.RuleSpec(day - 10, day + 1, (gen.LimitSpec("calendar_year", 1),
                                          gen.LimitSpec("rolling", 1, 2, counts_from=day + 1))),
         gen.RuleSpec(day + 2, None, (gen.LimitSpec("per_entry", 1),))),
        2)
    check_pack(drawn, "KZ", ONE)


# latest_exit, max_stay_days, earliest_entry, violations (first, last, days, peak)
Worked = tuple[str | None, int, str | None, list[tuple[str, str, int, int]]]


def _day(text: str) -> int:
    return dt.date.fromisoformat(text).toordinal()


@pytest.mark.parametrize(("trips", "on", "limit", "length", "want"), [
    # 90 in any 180 from 1 January of a leap year: Jan 31 + Feb 29 + Mar 30 days.
    ([("KZ", "2024-01-01", None)], "2024-01-01", ("rolling", 90, 180), None,
     ("2024-03-30", 90, None, [])),
    # 90 per calendar year, entering on 1 December: 31 days, then 90 more from 1 January.
    ([("KZ", "2024-12-01", None)], "2024-12-01", ("calendar_year", 90, 0), None,
     ("2025-03-31", 121, None, [])),
    # 90 days used by 30 March; 1 January leaves the 180-day window on 29 June.
    ([("KZ", "2024-01-01", "2024-03-30"), ("KG", "2024-03-30", "2024-04-10")], "2024-04-10",
     ("rolling", 90, 180), 10, (None, 0, "2024-06-29", [])),
    # Away from the host on the day of a crossing from KG to GE: the GE stay is under way,
    # and a new entry runs into the next stay begun after the query day, in KG from 20 May.
    ([("KG", "2024-04-14", "2024-04-28"), ("GE", "2024-04-28", "2024-05-20"),
      ("KG", "2024-05-20", "2024-05-25")], "2024-04-28", ("rolling", 90, 180), None,
     ("2024-05-20", 23, None, [])),
    # Away from the host, with a trip there planned from 14 to 16 March: a new entry on 20
    # January runs on through it (56 days in all) into the trip to KG from 16 March.
    ([("KG", "2023-01-10", "2023-03-14"), ("KZ", "2023-03-14", "2023-03-16"),
      ("KG", "2023-03-16", "2023-06-07")], "2023-01-20", ("rolling", 90, 180), None,
     ("2023-03-16", 56, None, [])),
    # A past overstay of 6 days (peak 96) does not stop a new entry of 90 days.
    ([("KZ", "2024-01-01", "2024-04-05")], "2024-04-10", ("per_entry", 90, 0), None,
     ("2024-07-08", 90, None, [("2024-03-31", "2024-04-05", 6, 96)])),
])
def test_reference_on_hand_computed_cases(
        trips: list[tuple[str, str, str | None]], on: str, limit: tuple[str, int, int],
        length: int | None, want: Worked) -> None:
    """The reference itself against answers worked out by hand."""
    case = reference.Case(
        tuple(reference.Trip(c, _day(a), None if b is None else _day(b)) for c, a, b in trips),
        frozenset({"KZ"}), frozenset(), (reference.Limit(*limit),), _day(on))
    got = reference.report(case, length)
    latest, max_stay, earliest, runs = want
    assert (got.latest_exit, got.max_stay_days, got.earliest_entry, got.violations) == (
        None if latest is None else _day(latest), max_stay,
        None if earliest is None else _day(earliest),
        [(_day(a), _day(b), n, peak) for a, b, n, peak in runs])
