"""A dual citizen charged by the state of his other citizenship: that state may ask the host
for him too, whichever citizenship --citizenship names. Its charge is judged as a third
state's is (the host's policy towards its requests, else unknown with the treaties both are
parties to), not dismissed as "no ground for extradition" to the citizenship judged; and the
report's other hosts name such a state in brief beside the level."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from sojourn.cli import app
from sojourn.explain import risk_json
from sojourn.history import load_history
from sojourn.risk import RiskAnswer, assess_risk
from sojourn.rules.loader import load_pack

ON = dt.date(2026, 1, 15)
KAZAKH_CHARGE = ('  - {country: KZ, article: "190", part: 2, committed_on: 2022-05-01, '
                 "wanted: interpol}\n")
RUSSIAN_CHARGE = ('  - {country: RU, article: "328", part: 1, committed_on: 2022-10-01, '
                  "wanted: none}\n")
NOT_KNOWN_FOR_KAZAKHSTAN = ("the rule pack holds no rule on Georgia's practice towards "
                            "Kazakhstan's requests in force on 15 January 2026")


def _profile(tmp_path: Path, citizenships: str, charges: str) -> Path:
    path = tmp_path / "profile.yaml"
    path.write_text(f"version: 1\nperson: {{citizenships: [{citizenships}], born: 1990-05-10}}"
                    f"\ncharges:\n{charges}", encoding="utf-8")
    return path


def _answer(tmp_path: Path, country: str, citizenship: str | None,
            citizenships: str = "RU, KZ", charges: str = KAZAKH_CHARGE) -> RiskAnswer:
    return assess_risk(load_history(_profile(tmp_path, citizenships, charges)), load_pack(),
                       country=country, on=ON, citizenship=citizenship)


def test_the_other_citizenships_charge_is_not_dismissed(tmp_path: Path) -> None:
    """The reported case: a Russian-Kazakh in Georgia charged by Kazakhstan, asked with
    --citizenship RU, read "low", the charge "no ground for extradition to the Russian
    Federation"; Kazakhstan may ask Georgia for him, and the pack has no rule on Georgia's
    practice towards its requests."""
    answer = _answer(tmp_path, "GE", "RU")
    assert answer.extradition == "unknown"
    assert not any("no ground for extradition to the Russian Federation" in r
                   for r in answer.reasons)
    [line] = [r for r in answer.reasons if r.startswith("unknown as to Kazakhstan")]
    assert ("is brought by Kazakhstan, whose citizen you are too, and which may ask Georgia to "
            "extradite you to it") in line
    assert NOT_KNOWN_FOR_KAZAKHSTAN in line
    assert ("unknown: the highest level any state that may ask for you gives (the Russian "
            "Federation low, Kazakhstan unknown)") in " ".join(answer.reasons)
    assert [(t.country, t.citizen) for t in answer.third_states] == [("KZ", True)]
    assert risk_json(answer)["third_states"] == [
        {"country": "KZ", "extradition": "unknown", "rule": None, "treaties": [],
         "bloc": {"id": "CIS", "statuses": {"GE": "left", "KZ": "member"}}}]


def test_the_treaties_the_host_and_the_other_citizenship_are_parties_to_are_named(
        tmp_path: Path) -> None:
    # Armenia and Kazakhstan are both parties to the Chisinau Convention
    answer = _answer(tmp_path, "AM", "RU")
    assert answer.extradition == "unknown"
    [line] = [r for r in answer.reasons if r.startswith("unknown as to Kazakhstan")]
    assert "the pack records Armenia and Kazakhstan as parties to the Chisinau Convention" in line


def test_the_hosts_policy_towards_the_other_citizenship_judges_its_charge(
        tmp_path: Path) -> None:
    """A Ukrainian-Russian in Georgia wanted by Russia on Interpol's listings, asked with
    --citizenship UA: the pack has no policy of Georgia's towards Ukrainians, and the Russian
    charge went unsaid (unknown); Georgia's policy towards Russians judges it (high), as his
    own, not "taken as" its practice on a foreign state's requests."""
    charges = ('  - {country: RU, article: "207.3", part: 2, committed_on: 2022-05-01, '
               "wanted: interpol}\n")
    answer = _answer(tmp_path, "GE", "UA", citizenships="UA, RU", charges=charges)
    assert (answer.citizenship, answer.extradition) == ("UA", "high")
    assert "ge-extradition-2018" in [r.id for r in answer.rules]
    said = " ".join(answer.reasons)
    assert ("brought by the Russian Federation, whose citizen you are too, and which may ask "
            "Georgia to extradite you to it, as the state bringing it: judged under Georgia's "
            "stated policy or reported practice towards citizens of the Russian Federation "
            "(ge-extradition-2018): ") in said
    assert "taken as its practice" not in said
    assert ("you are on Interpol's listings for a charge by the Russian Federation: "
            "the policy allows extradition to the Russian Federation on a treaty request") in said
    assert risk_json(answer)["third_states"] == [
        {"country": "RU", "extradition": "high", "rule": "ge-extradition-2018", "treaties": [],
         "bloc": None}]


def test_without_citizenship_a_charge_by_each_state_is_judged(tmp_path: Path) -> None:
    """Both states charge him: the first listed frames the answer (as a citizen of the Russian
    Federation, medium on its charge), and Kazakhstan's charge weighs too (unknown)."""
    answer = _answer(tmp_path, "GE", None, charges=KAZAKH_CHARGE + RUSSIAN_CHARGE)
    assert (answer.citizenship, answer.extradition) == ("RU", "unknown")
    assert ("unknown: the highest level any state that may ask for you gives (the Russian "
            "Federation medium, Kazakhstan unknown)") in " ".join(answer.reasons)
    assert [t.country for t in answer.third_states] == ["KZ"]


def test_the_citizenship_named_frames_the_answer_and_hides_no_charge(tmp_path: Path) -> None:
    # as a citizen of Kazakhstan (no policy of Georgia's towards it), the Russian charge is
    # judged under Georgia's policy towards Russians, and named
    answer = _answer(tmp_path, "GE", "KZ", charges=KAZAKH_CHARGE + RUSSIAN_CHARGE)
    assert (answer.citizenship, answer.extradition) == ("KZ", "unknown")
    [russian] = answer.third_states
    assert (russian.country, russian.extradition, russian.rule) == (
        "RU", "medium", "ge-extradition-2018")
    assert ("you face a criminal charge by the Russian Federation and extradition to the "
            "Russian Federation is possible on a treaty request") in answer.reasons


def test_the_text_and_json_answers_judge_the_other_citizenships_charge(tmp_path: Path) -> None:
    path = _profile(tmp_path, "RU, KZ", KAZAKH_CHARGE)
    args = ["risk", str(path), "--country", "GE", "--on", "2026-01-15", "--citizenship", "RU"]
    text = CliRunner().invoke(app, args)
    assert text.exit_code == 0, text.output
    lines = text.stdout.splitlines()
    assert lines[0] == "Extradition exposure in Georgia on 15 January 2026: unknown."
    assert any(line.startswith("  - unknown as to Kazakhstan: the charge under Art. 190 "
                               "part 2 is brought by Kazakhstan, whose citizen you are too")
               for line in lines)
    assert not any("no ground for extradition" in line for line in lines)
    out = CliRunner().invoke(app, [*args, "--json"])
    assert out.exit_code == 0, out.output
    data: dict[str, Any] = json.loads(out.stdout)
    assert (data["citizenship"], data["extradition"]) == ("RU", "unknown")
    assert data["third_states"] == [
        {"country": "KZ", "extradition": "unknown", "rule": None, "treaties": [],
         "bloc": {"id": "CIS", "statuses": {"GE": "left", "KZ": "member"}}}]


# a Russian-Kazakh in Georgia on his Russian passport, charged by Kazakhstan
IN_GEORGIA = ("version: 1\nperson:\n  citizenships: [RU, KZ]\n  born: 1988-11-03\n"
              "  documents:\n"
              "    - {type: internal_passport, country: RU, issued: 2008-11-20}\n"
              "    - {type: international_passport, country: RU, issued: 2020-02-01, "
              "expires: 2030-02-01}\n"
              "trips:\n  - {country: GE, entry: 2026-03-01, by: land, passport: RU}\n"
              f"charges:\n{KAZAKH_CHARGE}")
ARMENIA_IN_BRIEF = ("removals outside extradition procedure reported; a charge by Kazakhstan: "
                    "unknown, no rule on Armenia's practice towards Kazakhstan's requests")


def _report(tmp_path: Path, *extra: str) -> str:
    path = tmp_path / "profile.yaml"
    path.write_text(IN_GEORGIA, encoding="utf-8")
    result = CliRunner().invoke(app, ["report", str(path), "--on", "2026-12-01",
                                      "--citizenship", "RU", *extra])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_reports_other_hosts_name_the_state_whose_charge_the_level_weighs(
        tmp_path: Path) -> None:
    """"unknown" alone read as Armenia's policy towards Russians not being known; it is
    Kazakhstan's charge that makes it so."""
    row = next(line for line in _report(tmp_path).splitlines() if " (AM) with " in line)
    assert row.endswith(f"extradition exposure: unknown ({ARMENIA_IN_BRIEF})")
    data: dict[str, Any] = json.loads(_report(tmp_path, "--format", "json"))
    rows = {a["host"]: a for a in data["alternatives"]}
    assert (rows["AM"]["extradition"], "; ".join(rows["AM"]["extradition_in_brief"])) == (
        "unknown", ARMENIA_IN_BRIEF)
    # Kazakhstan's own charge asks no extradition of it: nothing to add there
    assert rows["KZ"]["extradition_in_brief"] == []


def test_a_state_judged_under_a_policy_is_named_with_its_level_and_rule(tmp_path: Path) -> None:
    charges = ('  - {country: RU, article: "207.3", part: 2, committed_on: 2022-05-01, '
               "wanted: interpol}\n")
    answer = _answer(tmp_path, "GE", "UA", citizenships="UA, RU", charges=charges)
    assert answer.in_brief() == (
        "a political-offence ground for Art. 207.3 part 2 in the European Convention on "
        "Extradition", "a charge by the Russian Federation: high under ge-extradition-2018")
