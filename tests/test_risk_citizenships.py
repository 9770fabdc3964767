"""A dual citizen's exposure in `risk`: judged, where no charge decides, as a citizen of a
state the host has a policy towards, the passport entered on first; each other citizenship
held is told beside it. A charge decides the state that would ask."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from typer.testing import CliRunner

from sojourn.cli import app
from sojourn.explain import risk_json
from sojourn.history import load_history
from sojourn.risk import RiskAnswer, assess_risk
from sojourn.rules.loader import Pack, load_pack

ON = dt.date(2026, 12, 1)
# a Kyrgyz-Russian in Kazakhstan since 15 April 2026, entered on his Kyrgyz passport; the pack
# has Kazakhstan's policy towards Russians, none towards Kyrgyz citizens
IN_KAZAKHSTAN = "trips:\n  - {country: KZ, entry: 2026-04-15, by: air, passport: KG}\n"


def _answer(tmp_path: Path, charges: str = "", pack: Pack | None = None,
            citizenship: str | None = None) -> RiskAnswer:
    path = tmp_path / "profile.yaml"
    path.write_text("version: 1\nperson: {citizenships: [RU, KG], born: 1991-02-20}\n"
                    f"{IN_KAZAKHSTAN}{charges}", encoding="utf-8")
    return assess_risk(load_history(path), pack or load_pack(), country="KZ", on=ON,
                       citizenship=citizenship)


def test_judged_under_the_citizenship_the_host_has_a_policy_for_not_the_passport_entered_on(
        tmp_path: Path) -> None:
    answer = _answer(tmp_path)
    assert (answer.citizenship, answer.extradition) == ("RU", "low")
    assert answer.chosen_among_several
    assert any(r.startswith("Kazakhstan's stated policy") for r in answer.reasons)
    # the passport entered on is told beside it, with why its level is not known
    [kyrgyz] = risk_json(answer)["other_citizenships"]
    assert kyrgyz == {"citizenship": "KG", "extradition": "unknown", "rule": None,
                      "reason": "unknown: the rule pack has no statement of Kazakhstan's "
                                "extradition policy towards citizens of Kyrgyzstan in force "
                                "on 1 December 2026"}


def test_a_charge_decides_the_state_and_no_other_citizenship_is_told(tmp_path: Path) -> None:
    answer = _answer(tmp_path, 'charges:\n  - {country: RU, article: "207.3", part: 1, '
                               "committed_on: 2022-03-10, wanted: international}\n")
    assert (answer.citizenship, answer.extradition) == ("RU", "high")
    assert answer.other_citizenships == ()


def test_citizenship_given_decides_and_no_other_is_told(tmp_path: Path) -> None:
    answer = _answer(tmp_path, citizenship="KG")
    assert (answer.citizenship, answer.extradition) == ("KG", "unknown")
    assert answer.other_citizenships == ()


def test_with_policies_for_both_the_passport_entered_on_is_judged_and_the_other_told(
        tmp_path: Path) -> None:
    pack = load_pack()
    # Kazakhstan's policy towards Russians, as if it spoke of Kyrgyz citizens too
    both = replace(pack, rules=tuple(
        r.model_copy(update={"citizenships": [*r.citizenships, "KG"]})
        if r.host == "KZ" and r.topic == "extradition" else r for r in pack.rules))
    answer = _answer(tmp_path, pack=both)
    assert (answer.citizenship, answer.extradition) == ("KG", "low")
    [russian] = answer.other_citizenships
    assert (russian.citizenship, russian.extradition, russian.rule) == (
        "RU", "low", "kz-extradition-2026-02")


def test_the_text_answer_names_the_citizenship_judged_and_tells_the_other(
        tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    path.write_text("version: 1\nperson: {citizenships: [RU, KG]}\n" + IN_KAZAKHSTAN,
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["risk", str(path), "--country", "KZ", "--on",
                                      "2026-12-01"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == ("Extradition exposure in Kazakhstan on 1 December 2026, as a citizen "
                        "of the Russian Federation: low.")
    assert ("  As a citizen of Kyrgyzstan (--citizenship KG): unknown: the rule pack has no "
            "statement of Kazakhstan's extradition policy towards citizens of Kyrgyzstan in "
            "force on 1 December 2026.") in lines
