"""Stays split at a zone member's joining and leaving days (sojourn.stay), judged by the engine."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sojourn.history import Stay, build_history
from sojourn.rules.loader import load_pack
from sojourn.stay import stay_report

import strategies as gen


def test_a_stay_past_a_member_s_leaving_day_is_elsewhere_from_the_next_day(
        tmp_path: Path) -> None:
    # France leaves the zone after 15 June; the stay there, recorded until 1 July, is in the
    # zone until 15 June and elsewhere from 16 June. Judged on 1 June, that is a stay
    # elsewhere from 16 June, and a stay in the zone may run until then, the crossing day.
    leaves = dt.date(2023, 6, 15).toordinal()
    rule = gen.RuleSpec(dt.date(2000, 1, 1).toordinal(), None,
                        (gen.LimitSpec("rolling", 90, 180),))
    gen.write_pack(tmp_path, "ZZZ", ("FR", "DE"), (rule,), {"FR": (None, leaves)})
    history = build_history("log", [Stay("FR", dt.date(2023, 5, 1), dt.date(2023, 7, 1),
                                         "line 2")])
    answer = stay_report(history, load_pack(tmp_path), on=dt.date(2023, 6, 1),
                         country="ZZZ", citizenship="RU").answer
    assert (answer.entered, answer.days_used) == (dt.date(2023, 5, 1), 32)
    assert (answer.latest_exit, answer.limited_by) == (dt.date(2023, 6, 16), "planned_trip")


def test_the_low_confidence_note_names_only_the_deciding_rules_of_low_confidence() -> None:
    # one mechanism for status, plan, report, risk, entry and permit: each says which rules
    # decide its answer, and only those of low confidence among them are named
    from sojourn.rules.select import applied_as
    from sojourn.stay import low_confidence_note

    pack = load_pack()
    relied = [applied_as(r, ())[0] for r in pack.rules
              if r.id in ("kg-extradition-2023", "tr-extradition-2023", "kz-stay-eaeu-90-180")]
    assert sorted(a.confidence for a in relied) == ["high", "low", "low"]
    assert low_confidence_note(relied, ["kz-stay-eaeu-90-180"]) == []
    assert low_confidence_note(relied, ["tr-extradition-2023"]) == [
        "the answer rests on tr-extradition-2023, a rule of low confidence: check its sources "
        "before acting on it"]
    both = low_confidence_note([*relied, *relied], ["kg-extradition-2023", "tr-extradition-2023",
                                                    "kz-stay-eaeu-90-180"])
    assert both == ["the answer rests on kg-extradition-2023 and tr-extradition-2023, rules of "
                    "low confidence: check their sources before acting on it"]


@pytest.mark.parametrize(("on", "assume", "specs"), [
    (dt.date(2023, 4, 26), (), ["per-entry:90", "rolling:90/180"]),
    (dt.date(2023, 4, 27), (), ["rolling:90/180"]),
    (dt.date(2023, 4, 25), ("kz-change-26-jan",), ["per-entry:90", "rolling:90/180"]),
    (dt.date(2023, 4, 26), ("kz-change-26-jan",), ["rolling:90/180"]),
])
def test_kazakhstan_s_per_entry_limit_is_judged_only_to_its_own_last_day(
        on: dt.date, assume: tuple[str, ...], specs: list[str]) -> None:
    # its valid_to (26 April; 25 April under the 26 January account) ends its days in force
    # before the rule's: from the next day an answer neither judges nor lists it
    history = build_history("log", [Stay("KZ", dt.date(2023, 3, 1), None, "line 2")])
    answer = stay_report(history, load_pack(), on=on, country="KZ", citizenship="RU",
                         assume=assume).answer
    assert [(c.rule, c.spec) for c in answer.constraints] == [
        ("kz-stay-eaeu-90-180", spec) for spec in specs]
