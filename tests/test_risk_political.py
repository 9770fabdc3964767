"""A charge under an article whose prosecutions a source calls political (Art. 207.3, 280.3)
names the European Convention on Extradition's political-offence ground (Art. 3) where the host
and Russia are parties to it, and a charge on Interpol's listings says what is known, dated, of
how Interpol treats Russia's requests; neither changes the level."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sojourn.explain import risk_json
from sojourn.history import load_history
from sojourn.risk import RiskAnswer, assess_risk
from sojourn.rules.loader import load_pack

ON = dt.date(2025, 1, 15)


def _answer(tmp_path: Path, country: str, article: str = "207.3", part: int = 2,
            wanted: str = "none", on: dt.date = ON) -> RiskAnswer:
    path = tmp_path / "profile.yaml"
    path.write_text("version: 1\nperson: {citizenships: [RU], born: 1990-05-10}\ncharges:\n"
                    f'  - {{country: RU, article: "{article}", part: {part}, '
                    f"committed_on: 2022-05-01, wanted: {wanted}}}\n", encoding="utf-8")
    return assess_risk(load_history(path), load_pack(), country=country, on=on)


def _political(answer: RiskAnswer) -> list[str]:
    return [r for r in answer.reasons if r.startswith("political offence")]


def test_an_anti_war_charge_in_georgia_names_the_political_offence_ground(
        tmp_path: Path) -> None:
    answer = _answer(tmp_path, "GE")
    [line] = _political(answer)
    assert "European Convention on Extradition" in line and "(Art. 3)" in line
    assert "ru-cc-207.3-2" in line and "for Georgia's courts" in line
    # named, not counted: the level is the one the charge gives without it
    assert answer.extradition == "medium"


def test_discrediting_the_army_is_flagged_too(tmp_path: Path) -> None:
    [line] = _political(_answer(tmp_path, "AM", article="280.3", part=1))
    assert "Armenia and the Russian Federation are parties" in line


def test_a_host_party_to_no_treaty_with_such_a_ground_names_none(tmp_path: Path) -> None:
    # Uzbekistan is party neither to the European Convention nor to Chisinau's (it did not
    # sign it); Kazakhstan, the host here before Chisinau was recorded, now names it (below)
    answer = _answer(tmp_path, "UZ")
    assert _political(answer) == []
    assert risk_json(answer)["charges"][0]["political_offence"] is None


def test_kazakhstan_names_chisinaus_ground_from_the_day_it_binds_russia(
        tmp_path: Path) -> None:
    """The Chisinau Convention refuses extradition sought to persecute a person for their
    political opinion (by the ICJ's account of it, medium); it takes effect for Russia on 28
    June 2023: a day before, Kazakhstan and Russia are not both parties."""
    [line] = _political(_answer(tmp_path, "KZ"))
    assert "the Chisinau Convention" in line and "political opinion" in line
    assert "Kazakhstan and the Russian Federation are parties" in line
    assert "its article not read" in line and "for Kazakhstan's courts" in line
    ground = risk_json(_answer(tmp_path, "KZ"))["charges"][0]["political_offence"]
    assert ground["treaty"].startswith("Chisinau Convention") and ground["article"] is None
    assert ground["confidence"] == "medium"
    assert _political(_answer(tmp_path, "KZ", on=dt.date(2023, 6, 27))) == []
    assert len(_political(_answer(tmp_path, "KZ", on=dt.date(2023, 6, 28)))) == 1


def test_draft_evasion_is_not_called_political(tmp_path: Path) -> None:
    assert _political(_answer(tmp_path, "GE", article="328", part=1)) == []


def test_an_interpol_listed_charge_says_what_is_known_of_interpol_and_russia(
        tmp_path: Path) -> None:
    answer = _answer(tmp_path, "GE", wanted="interpol")
    [line] = [r for r in answer.reasons if r.startswith("Interpol's listings")]
    assert "(Art. 3)" in line and "10 March 2022" in line and "5 December 2022" in line
    assert "The level does not count on it" in line
    assert answer.extradition == "high"
    # a listing on the CIS list alone is not Interpol's: nothing said of Interpol
    interstate = _answer(tmp_path, "GE", wanted="interstate")
    assert not any(r.startswith("Interpol's listings") for r in interstate.reasons)


def test_the_listing_tells_only_what_was_known_by_the_answers_day(tmp_path: Path) -> None:
    """The listing's facts are dated events: an answer about a past day tells those of that
    day and before, as it judges by the rules in force then (interpol-ru's third fact is of
    5 December 2022)."""
    def listing(on: dt.date) -> str:
        answer = _answer(tmp_path, "GE", article="338", wanted="interpol", on=on)
        [line] = [r for r in answer.reasons if r.startswith("Interpol's listings")]
        return line
    before, on_the_day = listing(dt.date(2022, 12, 4)), listing(dt.date(2022, 12, 5))
    assert "10 March 2022" in before and "5 December 2022" not in before
    assert "5 December 2022" in on_the_day and "26 January 2026" not in on_the_day
    assert "The level does not count on it" in before


def test_a_continuing_crimes_title_keeps_its_capitals_mid_sentence(tmp_path: Path) -> None:
    """Only the title's first letter is lowered where it runs on in a sentence: the version of
    Art. 338 before the 2022 amendments names a month."""
    answer = _answer(tmp_path, "GE", article="338", wanted="interpol", on=dt.date(2022, 6, 1))
    [line] = [r for r in answer.reasons if r.startswith("limitation for Art. 338")]
    assert "desertion (before the September 2022 amendments) is a continuing crime" in line


def test_json_gives_the_political_ground_and_the_listing(tmp_path: Path) -> None:
    answer = _answer(tmp_path, "GE", wanted="interpol")
    charge = risk_json(answer)["charges"][0]
    ground = charge["political_offence"]
    assert ground["treaty"] == "European Convention on Extradition (Paris, 13 December 1957)"
    assert ground["article"] == "3"
    # what the text says it refuses, and how sure the pack is of the ground, which the JSON
    # dropped
    [line] = _political(answer)
    assert f"refuses extradition {ground['refuses']} (Art. 3)" in line
    assert ground["confidence"] in ("low", "medium", "high")
    assert charge["listing"] == "interpol-ru"


def test_the_hosts_own_charge_names_no_treaty_between_it_and_itself(tmp_path: Path) -> None:
    # a Russian in Russia charged by Russia: no extradition is asked, so neither the
    # convention's political ground nor its lapse-of-time ground is for Russia's courts (both
    # read "to which the Russian Federation and the Russian Federation are parties")
    answer = _answer(tmp_path, "RU", part=1)
    assert _political(answer) == []
    assert risk_json(answer)["charges"][0]["political_offence"] is None
    [limitation] = [r for r in answer.reasons if r.startswith("limitation for")]
    assert "ran out on 1 May 2024" in limitation
    assert "Convention" not in limitation and "Russian Federation and the Russian" not in limitation


def test_a_bilateral_treaty_excluding_political_offences_names_its_ground_too(
        tmp_path: Path) -> None:
    # br-extradition-2007 says the Brazil-Russia treaty excludes political offences, yet only
    # the European Convention's parties got the line
    answer = _answer(tmp_path, "BR", part=1)
    [line] = _political(answer)
    assert ("the Brazil–Russia extradition treaty, to which Brazil and the Russian Federation "
            "are parties, refuses extradition for an offence of a purely political nature"
            in line)
    # its text was not read: no article is claimed, and the account's confidence is said
    assert "(its article not read: as the pack's sources report it, medium confidence)" in line
    assert "for Brazil's courts" in line
    assert answer.extradition == "medium"
    ground = risk_json(answer)["charges"][0]["political_offence"]
    assert ground["treaty"] == "Brazil–Russia extradition treaty (Moscow, 14 January 2002)"
    assert ground["article"] is None and ground["confidence"] == "medium"
    # the JSON gives what the line says: the ground, with no article, and its confidence
    assert (f"refuses extradition {ground['refuses']} (its article not read: as the pack's "
            f"sources report it, {ground['confidence']} confidence)") in line
    # nor before the treaty was in force (1 January 2007) is it named
    assert _political(_answer(tmp_path, "BR", part=1, on=dt.date(2006, 12, 31))) == []
