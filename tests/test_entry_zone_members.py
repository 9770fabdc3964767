"""`entry --to FR`: a member state with no entry rules of its own is judged by its zone's on
the days it is a member, through the one function that judges its stays as the zone's too
(Pack.judging_zone), and the answer says so, naming the zone's rules it relies on."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from typer.testing import CliRunner

from sojourn.cli import app
from sojourn.entry import check_entry
from sojourn.rules.loader import load_pack
from sojourn.rules.schema import Rule

PACK = load_pack()
ON = dt.date(2026, 12, 1)
SOURCES = [{"title": "Somewhere", "url": "https://example.org/"}]


def _rule(topic: str, **terms: object) -> Rule:
    return Rule.model_validate({
        "id": f"fr-{topic}-test", "title": f"France's own {topic} rule", "host": "FR",
        "citizenships": ["RU"], "topic": topic, "valid_from": "2020-01-01",
        "confidence": "high", "sources": SOURCES, **terms})


FR_ENTRY = _rule("entry", documents=[{"type": "international_passport"}])
FR_STAY = _rule("stay", constraints=[{"kind": "per_entry", "max": 30}])


def test_france_is_judged_by_the_schengen_rules_and_the_answer_says_so() -> None:
    result = CliRunner().invoke(app, ["entry", "--citizenship", "RU", "--document",
                                      "international_passport", "--to", "FR", "--on",
                                      "2026-12-01", "--no-visa"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("No: entering France on 1 December 2026")
    assert ("  - France is in the Schengen area on 1 December 2026: judged by the Schengen "
            "area's rules (schengen-entry-ru-visa)\n") in result.output
    assert "only with a visa issued by a member state of the Schengen area" in result.output


def test_the_visa_asked_for_is_one_of_a_member_state_of_the_zone() -> None:
    answer = check_entry(PACK, citizenship="RU", document="international_passport", to="FR",
                         on=ON)
    assert (answer.to, answer.to_name, answer.judged_by) == ("FR", "France", "SCHENGEN")
    assert answer.visa_issued_by == "a member state of the Schengen area"
    assert answer.why[0].rules == ("schengen-entry-ru-visa",)


def test_croatia_before_it_joined_says_why_the_zone_does_not_judge_it() -> None:
    answer = check_entry(PACK, citizenship="RU", document="international_passport", to="HR",
                         on=dt.date(2022, 12, 31))
    assert answer.allowed is None and answer.judged_by is None
    assert answer.reasons[0] == ("Croatia is not yet in the Schengen area on 31 December 2022 "
                                 "(a member from 1 January 2023): judged by its own rules, "
                                 "not the zone's")


def test_a_member_with_entry_rules_of_its_own_is_judged_by_them() -> None:
    pack = replace(PACK, rules=(*PACK.rules, FR_ENTRY))
    answer = check_entry(pack, citizenship="RU", document="international_passport", to="FR",
                         on=ON)
    assert answer.allowed is True and answer.judged_by is None
    assert [r.id for r in answer.rules] == ["fr-entry-test"]
    assert not any("Schengen" in line for line in answer.reasons)


def test_the_zone_judges_each_topic_a_member_has_no_rules_of_its_own_on() -> None:
    # stay rules of its own leave France judged by the zone's entry rules, and its stays by
    # its own: one function, asked about the topics each answer reads
    pack = replace(PACK, rules=(*PACK.rules, FR_STAY))
    assert pack.judging_zone("FR", ON, ("stay",)) is None
    zone = pack.judging_zone("FR", ON, ("entry", "border"))
    assert zone is not None and zone.id == "SCHENGEN"
    answer = check_entry(pack, citizenship="RU", document="international_passport", to="FR",
                         on=ON)
    assert answer.judged_by == "SCHENGEN"


def test_a_zone_and_a_state_in_no_zone_are_judged_by_their_own_rules() -> None:
    assert PACK.judging_zone("SCHENGEN", ON, ("entry",)) is None
    assert PACK.judging_zone("KZ", ON, ("entry",)) is None
    assert PACK.judging_zone("HR", dt.date(2022, 12, 31), ("stay",)) is None
    zone = PACK.judging_zone("HR", dt.date(2023, 1, 1), ("stay",))
    assert zone is not None and zone.id == "SCHENGEN"
