"""Differential property tests: the engine's answers equal the day-by-day reference's.

The reference (tests/reference.py) states the semantics it checks. Profiles: "ci" (the default)
is derandomized so that CI runs are reproducible; choose another with the environment variable
SOJOURN_HYPOTHESIS_PROFILE, e.g. "dev" for a longer random search.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from sojourn.engine import Answer, Violation
from sojourn.rules.loader import load_pack
from sojourn.stay import stay_report

import reference
import strategies as gen

settings.register_profile("ci", max_examples=150, deadline=None, derandomize=True,
                          database=None, suppress_health_check=[HealthCheck.too_slow],
                          print_blob=True)
settings.register_profile("dev", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
PROFILE = settings.get_profile(os.environ.get("SOJOURN_HYPOTHESIS_PROFILE", "ci"))

BUILTIN = load_pack()
ONE = ("KZ",)
ZONE = ("FR", "DE", "IT")
OTHERS = ("KG", "GE")

AdHoc = tuple[gen.Trips, tuple[gen.LimitSpec, ...], int | None]
Packed = tuple[gen.Trips, tuple[gen.RuleSpec, ...], int | None]


def _ordinal(day: dt.date | None) -> int | None:
    return None if day is None else day.toordinal()


def _runs(runs: Sequence[Violation]) -> list[tuple[int, int, int, int]]:
    return [(v.first_day.toordinal(), v.last_day.toordinal(), v.days, v.peak) for v in runs]


def engine_report(answer: Answer) -> reference.Report:
    assert answer.unknown is None
    return reference.Report(
        violations=_runs(answer.violations),
        latest_exit=_ordinal(answer.latest_exit),
        max_stay_days=answer.max_stay_days,
        earliest_entry=_ordinal(answer.earliest_entry),
        constraints=[reference.Answers(_runs(f.violations), f.days_used,
                                       _ordinal(f.latest_exit), f.max_stay_days)
                     for f in answer.constraints],
    )


def check_ad_hoc(drawn: AdHoc, members: tuple[str, ...]) -> None:
    made, limits, length = drawn
    history = made.history()
    got = stay_report(history, BUILTIN, on=dt.date.fromordinal(made.on),
                      country=",".join(members), rule_spec="+".join(x.spec for x in limits),
                      length=length).answer
    case = made.case(history, members, tuple(reference.Limit(x.kind, x.max, x.window)
                                             for x in limits))
    assert engine_report(got) == reference.report(case, length)


def check_pack(drawn: Packed, host: str, members: tuple[str, ...]) -> None:
    made, rules, length = drawn
    history = made.history()
    with tempfile.TemporaryDirectory() as tmp:
        gen.write_pack(Path(tmp), host, members, rules)
        pack = load_pack(tmp)
    got = stay_report(history, pack, on=dt.date.fromordinal(made.on), country=host,
                      citizenship="RU", length=length).answer
    case = made.case(history, members, gen.reference_limits(rules))
    assert engine_report(got) == reference.report(case, length)


@PROFILE
@given(drawn=gen.ad_hoc_cases(ONE, OTHERS, gen.regimes(most=1)))
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


@PROFILE
@given(drawn=gen.pack_cases(ZONE[:2], OTHERS))
def test_regime_changes_in_a_zone(drawn: Packed) -> None:
    check_pack(drawn, "ZONE", ZONE[:2])
