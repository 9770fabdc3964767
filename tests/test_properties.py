"""Differential property tests: the engine's answers equal the day-by-day reference's.

The reference (tests/reference.py) states the semantics it checks. Profiles: "ci" (default) is
derandomized so that CI runs are reproducible; choose another with SOJOURN_HYPOTHESIS_PROFILE,
e.g. "dev" for a longer random search.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sojourn.engine import Answer
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
KINDS = ("rolling", "per_entry", "calendar_year")
lengths = st.one_of(st.none(), st.integers(1, 8), st.integers(1, 50))


def _ordinal(day: dt.date | None) -> int | None:
    return None if day is None else day.toordinal()


def _runs(answer_runs: tuple[object, ...]) -> list[tuple[int, int, int, int]]:
    return [(v.first_day.toordinal(), v.last_day.toordinal(), v.days, v.peak)  # type: ignore[attr-defined]
            for v in answer_runs]


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


def check_ad_hoc(made: gen.Trips, members: tuple[str, ...], limits: tuple[gen.LimitSpec, ...],
                 length: int | None) -> None:
    history = made.history()
    spec = "+".join(x.spec for x in limits)
    got = stay_report(history, BUILTIN, on=dt.date.fromordinal(made.on), country=",".join(members),
                      rule_spec=spec, length=length).answer
    case = made.case(history, members, tuple(reference.Limit(x.kind, x.max, x.window)
                                             for x in limits))
    assert engine_report(got) == reference.report(case, length)


def check_pack(made: gen.Trips, host: str, members: tuple[str, ...],
               rules: tuple[gen.RuleSpec, ...], length: int | None) -> None:
    history = made.history()
    with tempfile.TemporaryDirectory() as tmp:
        gen.write_pack(Path(tmp), host, members, rules)
        pack = load_pack(tmp)
    got = stay_report(history, pack, on=dt.date.fromordinal(made.on), country=host,
                      citizenship="RU", length=length).answer
    case = made.case(history, members, gen.reference_limits(rules))
    assert engine_report(got) == reference.report(case, length)


@PROFILE
@given(made=gen.trips(ONE, OTHERS), limit=gen.limit_specs(KINDS), length=lengths)
def test_each_kind_alone(made: gen.Trips, limit: gen.LimitSpec, length: int | None) -> None:
    check_ad_hoc(made, ONE, (limit,), length)


@PROFILE
@given(made=gen.trips(ONE, OTHERS), limits=gen.regimes(KINDS), length=lengths)
def test_conjunctions_in_one_country(made: gen.Trips, limits: tuple[gen.LimitSpec, ...],
                                     length: int | None) -> None:
    check_ad_hoc(made, ONE, limits, length)


@PROFILE
@given(made=gen.trips(ZONE, OTHERS), limits=gen.regimes(KINDS), length=lengths)
def test_conjunctions_in_a_group_of_countries(made: gen.Trips,
                                              limits: tuple[gen.LimitSpec, ...],
                                              length: int | None) -> None:
    check_ad_hoc(made, ZONE, limits, length)


@PROFILE
@given(drawn=gen.pack_cases(ONE, OTHERS), length=lengths)
def test_regime_changes_in_a_country(drawn: tuple[gen.Trips, tuple[gen.RuleSpec, ...]],
                                     length: int | None) -> None:
    made, rules = drawn
    check_pack(made, "KZ", ONE, rules, length)


@PROFILE
@given(drawn=gen.pack_cases(ZONE[:2], OTHERS), length=lengths)
def test_regime_changes_in_a_zone(drawn: tuple[gen.Trips, tuple[gen.RuleSpec, ...]],
                                  length: int | None) -> None:
    made, rules = drawn
    check_pack(made, "ZONE", ZONE[:2], rules, length)
