"""A charge brought by a state neither the host nor one whose citizen the person is (the state
where the act was committed, say): that state may ask the host for him too. It is judged under
the host's policy towards that state's requests where the pack has one, else unknown, naming
the treaties the pack records both states as parties to; the level is the highest any state
that may ask gives, one not known outweighing any but high."""

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


def _profile(tmp_path: Path, citizenships: str, charges: str) -> Path:
    path = tmp_path / "profile.yaml"
    path.write_text(f"version: 1\nperson: {{citizenships: [{citizenships}], born: 1990-05-10}}"
                    f"\ncharges:\n{charges}", encoding="utf-8")
    return path


def _answer(tmp_path: Path, country: str, citizenships: str = "RU",
            charges: str = KAZAKH_CHARGE) -> RiskAnswer:
    return assess_risk(load_history(_profile(tmp_path, citizenships, charges)), load_pack(),
                       country=country, on=ON)


def test_a_russian_in_georgia_charged_by_kazakhstan_is_not_low(tmp_path: Path) -> None:
    """The reviewer's case: the charge read "no ground for extradition to Russia" and the
    level came out low, as if there were no charge; Kazakhstan may ask Georgia for him."""
    answer = _answer(tmp_path, "GE")
    assert answer.extradition == "unknown"
    assert not any("no ground for extradition to the Russian Federation" in r
                   for r in answer.reasons)
    [line] = [r for r in answer.reasons if r.startswith("unknown as to Kazakhstan")]
    assert "which may ask Georgia to extradite you to it" in line
    assert ("the rule pack holds no rule on Georgia's practice towards Kazakhstan's requests in "
            "force on 15 January 2026") in line
    # Georgia left the CIS in 2009 but not its Minsk Convention, to which Kazakhstan is a
    # party too (blocs.yaml, status left)
    assert ("Georgia and Kazakhstan, though Georgia has left the CIS, extradite between them "
            "under the CIS conventions on legal assistance") in line
    assert ("unknown: the highest level any state that may ask for you gives (the Russian "
            "Federation low, Kazakhstan unknown)") in " ".join(answer.reasons)
    assert risk_json(answer)["third_states"] == [
        {"country": "KZ", "extradition": "unknown", "rule": None, "treaties": [],
         "bloc": {"id": "CIS", "statuses": {"GE": "left", "KZ": "member"}}}]


def test_the_treaties_both_states_are_parties_to_are_named(tmp_path: Path) -> None:
    # Armenia and Kazakhstan are both parties to the Chisinau Convention (2005, 2004)
    answer = _answer(tmp_path, "AM")
    assert answer.extradition == "unknown"
    [line] = [r for r in answer.reasons if r.startswith("unknown as to Kazakhstan")]
    assert "the pack records Armenia and Kazakhstan as parties to the Chisinau Convention" in line
    [kazakh] = risk_json(answer)["third_states"]
    assert [t[:19] for t in kazakh["treaties"]] == ["Chisinau Convention"]
    # Chisinau is the CIS convention binding both: "the CIS conventions (Minsk, or Chisinau)"
    # beside it would name Minsk, which it ends between them
    assert "CIS conventions" not in line


AZERBAIJANI_CHARGE = '  - {country: AZ, article: "190", part: 2, committed_on: 2022-05-01}\n'


def test_the_cis_conventions_are_named_beside_a_treaty_binding_both(tmp_path: Path) -> None:
    """Armenia and Azerbaijan are parties to the European Convention and CIS members, with no
    Chisinau deposit of Azerbaijan's on record: the line named the convention alone, as if it
    were the only way Baku could ask, where the limitation and political lines name both."""
    answer = _answer(tmp_path, "AM", charges=AZERBAIJANI_CHARGE)
    [line] = [r for r in answer.reasons if r.startswith("unknown as to Azerbaijan")]
    assert line.endswith(
        "the pack records Armenia and Azerbaijan as parties to the European Convention on "
        "Extradition, under which such a request may be made; Armenia and Azerbaijan, both CIS "
        "members, also extradite between them under the CIS conventions on legal assistance "
        "(Minsk, 1993, or, between the states party to it, Chisinau, 2002): whether it would "
        "be granted is not known")
    # the pack's treaty is relied on; the bloc's conventions have no entry of their own
    assert [t.id for t in answer.third_states[0].treaties] == [
        "european-convention-extradition-1957"]
    assert [e.id for e in answer.code_entries] == ["european-convention-extradition-1957"]


def test_the_cis_conventions_alone_where_no_treaty_binds_both(tmp_path: Path) -> None:
    # Uzbekistan and Azerbaijan: CIS members, and no treaty of the pack binds both
    answer = _answer(tmp_path, "UZ", charges=AZERBAIJANI_CHARGE)
    [line] = [r for r in answer.reasons if r.startswith("unknown as to Azerbaijan")]
    assert line.endswith(
        "Uzbekistan and Azerbaijan, both CIS members, extradite between them under the CIS "
        "conventions on legal assistance (Minsk, 1993, or, between the states party to it, "
        "Chisinau, 2002): whether such a request would be granted is not known")
    assert answer.third_states[0].treaties == ()


def test_a_third_states_charge_is_judged_under_the_hosts_policy_towards_it(
        tmp_path: Path) -> None:
    """A Ukrainian in Georgia wanted by Russia on Interpol's listings: Georgia's policy towards
    Russia's requests judges the charge (high), though the pack has none towards Ukrainians;
    its desertion charge is barred there as a military offence, as a Russian's would be."""
    charges = ('  - {country: RU, article: "207.3", part: 2, committed_on: 2022-05-01, '
               "wanted: interpol}\n"
               '  - {country: RU, article: "338", committed_on: 2022-05-01, wanted: none}\n')
    answer = _answer(tmp_path, "GE", citizenships="UA", charges=charges)
    assert answer.extradition == "high"
    assert "ge-extradition-2018" in [r.id for r in answer.rules]
    said = " ".join(answer.reasons)
    assert ("judged under Georgia's stated policy or reported practice towards citizens of the "
            "Russian Federation (ge-extradition-2018)") in said
    assert ("you are on Interpol's listings for a charge by the Russian Federation: "
            "the policy allows extradition to the Russian Federation on a treaty request") in said
    assert ("the charge under Art. 338 is an offence under military law alone, which the treaty "
            "Georgia decides under excludes from extradition") in said
    assert risk_json(answer)["third_states"] == [
        {"country": "RU", "extradition": "high", "rule": "ge-extradition-2018", "treaties": [],
         "bloc": None}]


def test_a_known_level_below_high_does_not_hide_an_unknown_one(tmp_path: Path) -> None:
    # a Russian charge on no list gives medium in Georgia; Kazakhstan's is not known
    charges = KAZAKH_CHARGE + ('  - {country: RU, article: "328", part: 1, '
                               "committed_on: 2022-10-01, wanted: none}\n")
    assert _answer(tmp_path, "GE", charges=charges).extradition == "unknown"
    # a high one is the level, whatever the other
    listed = KAZAKH_CHARGE + ('  - {country: RU, article: "328", part: 1, '
                              "committed_on: 2022-10-01, wanted: interpol}\n")
    assert _answer(tmp_path, "GE", charges=listed).extradition == "high"


def test_the_hosts_own_charge_is_still_no_ground_for_extradition(tmp_path: Path) -> None:
    charges = '  - {country: KZ, article: "338", wanted: international}\n'
    answer = _answer(tmp_path, "KZ", charges=charges)
    assert (answer.extradition, answer.third_states) == ("low", ())
    assert ("the charge under Art. 338 is brought by Kazakhstan, not the Russian Federation: "
            "no ground for extradition to the Russian Federation, but Kazakhstan may "
            "prosecute you for it while you are there, which the level, about extradition, "
            "does not weigh") in answer.reasons


def test_the_text_and_json_answers_tell_the_third_state(tmp_path: Path) -> None:
    path = _profile(tmp_path, "RU", KAZAKH_CHARGE)
    args = ["risk", str(path), "--country", "GE", "--on", "2026-01-15"]
    text = CliRunner().invoke(app, args)
    assert text.exit_code == 0, text.output
    lines = text.stdout.splitlines()
    assert lines[0] == "Extradition exposure in Georgia on 15 January 2026: unknown."
    assert any(line.startswith("  - unknown as to Kazakhstan: the charge under Art. 190 "
                               "part 2 is brought by Kazakhstan") for line in lines)
    out = CliRunner().invoke(app, [*args, "--json"])
    assert out.exit_code == 0, out.output
    data: dict[str, Any] = json.loads(out.stdout)
    assert data["extradition"] == "unknown"
    assert data["third_states"] == [
        {"country": "KZ", "extradition": "unknown", "rule": None, "treaties": [],
         "bloc": {"id": "CIS", "statuses": {"GE": "left", "KZ": "member"}}}]


def test_removals_the_policy_towards_a_third_state_reports_are_in_the_brief(
        tmp_path: Path) -> None:
    """A Kazakh in Kyrgyzstan charged by Russia is judged under Kyrgyzstan's practice on
    Russia's requests, which reports removals outside procedure: the reasons said so, but the
    brief the report's other hosts give dropped it, as it read the policy towards Kazakhs
    alone (none in the pack)."""
    answer = _answer(tmp_path, "KG", citizenships="KZ",
                     charges='  - {country: RU, article: "328", part: 1, wanted: interstate}\n')
    assert answer.third_states[0].rule == "kg-extradition-2023"
    assert any(r.startswith("removals outside extradition procedure have been reported")
               for r in answer.reasons)
    assert answer.removals_reported
    assert "removals outside extradition procedure reported" in answer.in_brief()
