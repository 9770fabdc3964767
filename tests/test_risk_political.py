"""A charge under an article whose prosecutions a source calls political (Art. 207.3, 280.3)
names the European Convention on Extradition's political-offence ground (Art. 3) where the host
and Russia are parties to it, and a charge on Interpol's listings says what is known, dated, of
how Interpol treats Russia's requests; neither changes the level."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sojourn.errors import RulePackError
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
    assert risk_json(answer)["charges"][0]["political_offences"] == []


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


def test_armenia_names_each_treaty_with_a_political_offence_ground(tmp_path: Path) -> None:
    """Armenia and Russia are parties to the European Convention (Art. 3) and, from 28 June
    2023, to the Chisinau Convention: the line named the European Convention alone, the first
    the pack lists, and the JSON one treaty."""
    answer = _answer(tmp_path, "AM")
    [line] = _political(answer)
    assert ("political opinion (Art. 3); the Chisinau Convention on legal assistance and legal "
            "relations in civil, family and criminal matters, to which Armenia and the Russian "
            "Federation are parties, refuses extradition where the person is sought") in line
    assert "Whether either applies is for Armenia's courts" in line
    charge = risk_json(answer)["charges"][0]
    assert [g["treaty"][:19] for g in charge["political_offences"]] == [
        "European Convention", "Chisinau Convention"]
    assert [g["article"] for g in charge["political_offences"]] == ["3", None]
    # the first, as the key gave it before
    assert charge["political_offence"] == charge["political_offences"][0]


def test_azerbaijan_names_the_cis_conventions_whose_ground_was_not_read(
        tmp_path: Path) -> None:
    # both CIS members, and the pack records no day Chisinau's took effect for Azerbaijan:
    # the European Convention's ground read as the only treaty between them
    [line] = _political(_answer(tmp_path, "AZ"))
    assert ("(Art. 3); Azerbaijan and the Russian Federation, both CIS members, also extradite "
            "between them under the CIS conventions on legal assistance (Minsk, 1993, or, "
            "between the states party to it, Chisinau, 2002), whose ground for refusing "
            "extradition for a political offence the pack has not read. Whether it applies is "
            "for Azerbaijan's courts") in line


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


def test_no_article_is_called_political_before_a_source_called_it_so(tmp_path: Path) -> None:
    """The political-offence line rests on sources calling the article's prosecutions political:
    the first for Art. 207.3 are the reports of Interpol's refusals (5 December 2022), for Art.
    280.3 PACE's Resolution 2541 (22 April 2024). An answer about an earlier day told it all
    the same, as if known then."""
    def told(country: str, article: str, part: int, on: dt.date) -> list[str]:
        return _political(_answer(tmp_path, country, article=article, part=part, on=on))
    assert told("GE", "207.3", 2, dt.date(2022, 12, 4)) == []
    assert len(told("GE", "207.3", 2, dt.date(2022, 12, 5))) == 1
    assert told("AM", "280.3", 1, dt.date(2024, 4, 21)) == []
    assert len(told("AM", "280.3", 1, dt.date(2024, 4, 22))) == 1
    before = _answer(tmp_path, "GE", on=dt.date(2022, 12, 4))
    assert risk_json(before)["charges"][0]["political_offence"] is None
    assert not any("political-offence ground" in said for said in before.in_brief())


def test_the_offence_relied_on_carries_only_the_political_sources_known_on_the_day(
        tmp_path: Path) -> None:
    """Under "Rules relied on" the offence's political block lists its sources: on a day
    before PACE's resolution, neither it nor the note that cites it."""
    def political(on: dt.date) -> dict[str, object] | None:
        [offence] = [e for e in risk_json(_answer(tmp_path, "GE", on=on))["code_entries"]
                     if e["id"] == "ru-cc-207.3-2"]
        block: dict[str, object] | None = offence["political"]
        return block
    assert political(dt.date(2022, 12, 4)) is None
    early = political(dt.date(2023, 6, 1))
    assert early is not None and early["note"] is None
    assert {s["date"] for s in early["sources"]} == {"2022-12-05"}  # type: ignore[attr-defined]
    late = political(ON)
    assert late is not None and late["note"] is not None
    assert "2024-04-22" in {s["date"] for s in late["sources"]}  # type: ignore[attr-defined]


POLITICAL_PACK = """\
schema: sojourn.rules/1
offences:
  - id: ru-cc-1
    country: RU
    article: "1"
    title: An article
    max_years: 3
    penalties: up to 3 years
    sources: [{title: Code, document: Code of nowhere}]
    confidence: high
    political:
      sources:
        - {title: A report, url: "https://example.org/a", date: 2023-01-10}
        - {title: Another, url: "https://example.org/b", date: 2024-02-01}
      since: %s
      confidence: medium
"""


def test_a_political_since_that_is_no_sources_date_is_refused(tmp_path: Path) -> None:
    (tmp_path / "code.yaml").write_text(POLITICAL_PACK % "2022-01-01", encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_pack(tmp_path)
    [p] = info.value.problems
    assert (p.file.endswith("code.yaml"), p.line) == (True, 15)
    assert p.field == "offences[0].political.since"
    assert p.value == "2022-01-01"
    assert p.message == "is not the date of any of its sources"
    assert p.expected == ("the date of the first of its sources that calls the prosecutions "
                          "political: one of 2023-01-10, 2024-02-01")
    (tmp_path / "code.yaml").write_text(POLITICAL_PACK % "2023-01-10", encoding="utf-8")
    assert load_pack(tmp_path).offences[0].political is not None
