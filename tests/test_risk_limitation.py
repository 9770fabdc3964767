"""The limitation period of a charge in `risk` (Art. 78 of Russia's Criminal Code): the lines
it adds, the treaty named only where the pack knows both states are parties to it, and the
continuing crimes (draft evasion, desertion) whose period runs from the day they end."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from pydantic import ValidationError

from sojourn.errors import RulePackError
from sojourn.history import load_history
from sojourn.risk import ChargeView, RiskAnswer, assess_risk
from sojourn.rules.loader import Pack, load_pack
from sojourn.rules.schema import NoLimitation, TreatyTerms

# turned 27 on 15 October 2022, before the upper call-up age rose to 30: an evasion of
# 1 October 2022 ended that day, and its 2 years run to 15 October 2024
BORN_27_IN_2022 = "1995-10-15"


def _risk(tmp_path: Path, country: str, on: dt.date, wanted: str = "none",
          born: str | None = BORN_27_IN_2022, article: str = "328", part: str = "part: 1, ",
          committed_on: str = "2022-10-01") -> RiskAnswer:
    """`risk` for a charge (draft evasion, Art. 328 part 1, of 1 October 2022 unless told)."""
    path = tmp_path / "profile.yaml"
    person = f"{{citizenships: [RU], born: {born}}}" if born else "{citizenships: [RU]}"
    path.write_text(f"version: 1\nperson: {person}\ncharges:\n"
                    f'  - {{country: RU, article: "{article}", {part}'
                    f"committed_on: {committed_on}, wanted: {wanted}}}\n", encoding="utf-8")
    return assess_risk(load_history(path), load_pack(), country=country, on=on)


def _limitation_line(tmp_path: Path, country: str, on: dt.date, wanted: str = "none",
                     born: str | None = BORN_27_IN_2022, article: str = "328",
                     part: str = "part: 1, ", committed_on: str = "2022-10-01") -> str:
    """The line `risk` gives for a charge (draft evasion, Art. 328 part 1) of 1 October 2022."""
    answer = _risk(tmp_path, country, on, wanted, born, article, part, committed_on)
    return next(r for r in answer.reasons if r.startswith(f"limitation for Art. {article}"))


# Serbia and Montenegro, parties as the Federal Republic of Yugoslavia since 2002, which the
# pack's extradition rules for both record: the line read "no such treaty" there
@pytest.mark.parametrize(("host", "name"), [("GE", "Georgia"), ("RS", "Serbia"),
                                            ("ME", "Montenegro")])
def test_a_period_run_out_names_the_treaty_both_states_are_parties_to(
        tmp_path: Path, host: str, name: str) -> None:
    line = _limitation_line(tmp_path, host, dt.date(2024, 10, 16))
    assert "ran out on 15 October 2024" in line
    assert "the European Convention on Extradition (Art. 10)" in line
    assert f"{name} and the Russian Federation are parties" in line


def test_a_period_run_out_names_no_treaty_the_pack_does_not_know_of(tmp_path: Path) -> None:
    line = _limitation_line(tmp_path, "TH", dt.date(2024, 10, 16))
    assert "ran out on 15 October 2024" in line
    assert "European Convention" not in line
    assert "the pack records no such treaty between Thailand and the Russian Federation" in line


@pytest.mark.parametrize(("host", "name", "policy"), [
    ("AE", "the United Arab Emirates", "ae-extradition-2016"),
    ("TH", "Thailand", "th-extradition-2026")])
def test_a_period_run_out_where_the_policy_names_a_treaty_does_not_deny_it(
        tmp_path: Path, host: str, name: str, policy: str) -> None:
    # the policy's own line names the UAE's 2014 treaty with Russia (Thailand's in force from
    # 2025): "the pack records no such treaty" under it read as a contradiction
    line = _limitation_line(tmp_path, host, dt.date(2026, 3, 1))
    assert "ran out on 15 October 2024" in line
    assert "no such treaty" not in line
    assert (f"{name} extradites to the Russian Federation under a treaty between them "
            f"({policy})") in line
    assert "lapse of time is not read" in line


@pytest.mark.parametrize(("host", "name"), [("UZ", "Uzbekistan"), ("TJ", "Tajikistan")])
def test_a_period_run_out_in_the_cis_names_the_conventions_not_no_treaty(
        tmp_path: Path, host: str, name: str) -> None:
    # the host's own extradition rule names the Minsk Convention: "no such treaty" misled.
    # Uzbekistan did not sign Chisinau's, and Tajikistan's deposit was not found: the pack
    # records neither as its party, so the CIS conventions are named, Minsk's among them
    line = _limitation_line(tmp_path, host, dt.date(2024, 10, 16))
    assert "ran out on 15 October 2024" in line
    assert "no such treaty" not in line
    assert (f"{name} and the Russian Federation, both CIS members, extradite between them "
            "under the CIS conventions on legal assistance (Minsk, 1993, or, between the states "
            "party to it, Chisinau, 2002)") in line
    assert "the pack has not read" in line
    assert f"is for {name}'s law and courts" in line


@pytest.mark.parametrize(("host", "name"), [("KZ", "Kazakhstan"), ("KG", "Kyrgyzstan")])
def test_a_period_run_out_names_the_chisinau_convention_where_the_pack_records_both_parties(
        tmp_path: Path, host: str, name: str) -> None:
    # the pack holds the Chisinau Convention, which binds Russia from 28 June 2023 and ends
    # Minsk's between its parties: "Minsk, or Chisinau" named one that no longer applies, and
    # the convention's entry, with its sources, was not among those relied on
    line = _limitation_line(tmp_path, host, dt.date(2024, 10, 16))
    assert (f"{name} and the Russian Federation extradite between them under the Chisinau "
            "Convention on legal assistance and legal relations in civil, family and criminal "
            "matters, whose ground for refusing extradition on a lapse of time the pack has not "
            f"read: whether the lapse bars extradition is for {name}'s law and courts") in line
    assert "CIS conventions" not in line


def test_a_period_run_out_in_armenia_names_each_treaty_binding_both_states(
        tmp_path: Path) -> None:
    # Armenia and Russia are parties to the European Convention and, from 28 June 2023, to
    # the Chisinau Convention: the line named the European Convention alone, as the first
    # treaty the pack lists, though docs/risk.md says CIS members extradite under theirs
    line = _limitation_line(tmp_path, "AM", dt.date(2024, 10, 16))
    assert ("; the European Convention on Extradition (Art. 10), to which Armenia and the "
            "Russian Federation are parties, refuses extradition when a lapse of time bars the "
            "prosecution under the law of either state; Armenia and the Russian Federation also "
            "extradite between them under the Chisinau Convention on legal assistance and legal "
            "relations in civil, family and criminal matters, whose ground for refusing "
            "extradition on a lapse of time the pack has not read: whether it also bars "
            "extradition for the lapse is for Armenia's law and courts. The level") in line


def test_a_period_run_out_in_azerbaijan_names_the_cis_conventions_beside_the_european(
        tmp_path: Path) -> None:
    # Azerbaijan and Russia are parties to the European Convention and both CIS members; the
    # pack records no day Chisinau's took effect for Azerbaijan, so the CIS conventions are
    # named as such, beside the European Convention's Art. 10, not left out for it
    line = _limitation_line(tmp_path, "AZ", dt.date(2024, 10, 16))
    assert "the European Convention on Extradition (Art. 10), to which Azerbaijan" in line
    assert ("; Azerbaijan and the Russian Federation, both CIS members, also extradite between "
            "them under the CIS conventions on legal assistance (Minsk, 1993, or, between the "
            "states party to it, Chisinau, 2002), whose ground for refusing extradition on a "
            "lapse of time the pack has not read: whether they also bar extradition for the "
            "lapse is for Azerbaijan's law and courts") in line


def test_a_running_period_gives_its_last_day(tmp_path: Path) -> None:
    line = _limitation_line(tmp_path, "GE", dt.date(2024, 10, 15))
    assert "2 years from the day the crime ends, to 15 October 2024" in line
    assert "on your 27th birthday, 15 October 2022" in line
    assert "ran out" not in line


def test_a_wanted_person_hears_the_period_stands_still(tmp_path: Path) -> None:
    line = _limitation_line(tmp_path, "GE", dt.date(2024, 10, 16), wanted="interpol")
    assert "would run out on 15 October 2024" in line
    assert "`wanted: interpol`" in line and "Art. 78(3)" in line
    assert "does not end the exposure" in line


def test_draft_evasion_does_not_run_from_the_act(tmp_path: Path) -> None:
    # 2 years from the act of 1 October 2022 would have ended liability on 1 October 2024;
    # the evasion went on to the 27th birthday, so the period was still running after it
    line = _limitation_line(tmp_path, "GE", dt.date(2024, 10, 2))
    assert "ran out" not in line
    assert "to 15 October 2024" in line


def test_without_a_birth_date_draft_evasion_has_no_day_and_never_ran_out(tmp_path: Path) -> None:
    line = _limitation_line(tmp_path, "GE", dt.date(2040, 1, 1), born=None)
    assert "ran out" not in line
    assert "not from the act" in line
    assert "no birth date (`born`)" in line
    assert "(27; 30 from 1 January 2024)" in line


@pytest.mark.parametrize(("born", "ends", "age"), [
    ("1996-12-31", "31 December 2023", 27),  # 27 on the last day of the age 27
    ("1997-01-01", "1 January 2027", 30),    # 27 on the day the age rose to 30: liable to 30
])
def test_the_2024_rise_of_the_call_up_age_keeps_one_not_27_by_then_liable_to_30(
        tmp_path: Path, born: str, ends: str, age: int) -> None:
    line = _limitation_line(tmp_path, "GE", dt.date(2025, 1, 15), born=born)
    assert f"on your {age}th birthday, {ends}" in line


def test_draft_evasion_dated_after_the_27th_birthday_runs_from_the_act_with_a_caution(
        tmp_path: Path) -> None:
    """Born 1 February 1995, 27 on 1 February 2022 (before the age rose to 30), charged with an
    evasion of 10 December 2026: the line read "the 2 years from the day the crime ends would
    run out on 10 December 2028" beside a crime said to end on 1 February 2022."""
    answer = _risk(tmp_path, "KZ", dt.date(2026, 12, 20), wanted="national", born="1995-02-01",
                   committed_on="2026-12-10")
    line = next(r for r in answer.reasons if r.startswith("limitation for Art. 328"))
    assert "the 2 years from the act would run out on 10 December 2028" in line
    assert "from the day the crime ends" not in line
    assert "ends when liability to call-up does" not in line
    assert ("counted from the act, not from the end of liability to call-up "
            "(1 February 2022), which came before it") in line
    [caution] = [r for r in answer.reasons if r.startswith("caution on the charge")]
    assert ("the act is dated 10 December 2026 (`committed_on`), but liability to call-up "
            "ended on your 27th birthday, 1 February 2022") in caution
    assert "reached only those not yet 27 by then" in caution
    assert "you were not liable to call-up on the day of the act" in caution
    # told beside the charge, whose line it follows, and judged as recorded: not refused
    assert answer.reasons.index(caution) == answer.reasons.index(line) - 1
    assert answer.extradition == "medium"


# birthdays either side of 1 January 2024, when the upper call-up age rose from 27 to 30 for
# those not yet 27, and acts either side of the day liability to call-up ended
@pytest.mark.parametrize(("born", "act", "liable", "crime_ends", "ends"), [
    ("1996-12-31", "2023-12-30", True, dt.date(2023, 12, 31), dt.date(2025, 12, 31)),
    # on the 27th birthday itself: no longer liable that day
    ("1996-12-31", "2023-12-31", False, None, dt.date(2025, 12, 31)),
    ("1996-12-31", "2024-01-02", False, None, dt.date(2026, 1, 2)),
    # 29 in January 2024, with the age 30 by then, but 27 in 2023: in the reserve
    ("1994-03-01", "2024-01-02", False, None, dt.date(2026, 1, 2)),
    # 27 on 1 January 2024: liable to 30, an act at 29 is one
    ("1997-01-01", "2026-12-10", True, dt.date(2027, 1, 1), dt.date(2029, 1, 1)),
    ("1997-01-01", "2027-01-01", False, None, dt.date(2029, 1, 1)),
    ("1997-01-01", "2027-02-01", False, None, dt.date(2029, 2, 1)),
])
def test_an_act_on_or_after_the_end_of_liability_to_call_up_runs_from_the_act(
        tmp_path: Path, born: str, act: str, liable: bool, crime_ends: dt.date | None,
        ends: dt.date) -> None:
    answer = _risk(tmp_path, "GE", dt.date(2027, 3, 1), born=born, committed_on=act)
    [charge] = answer.charges
    assert charge.liable_to_call_up_on_act is liable
    assert charge.crime_ends == crime_ends and charge.limitation_ends == ends
    assert charge.limitation_runs_from == ("end_of_call_up_age" if liable else "act")
    cautions = [r for r in answer.reasons if r.startswith("caution on the charge")]
    assert len(cautions) == (0 if liable else 1)


# born 1 February 1995: 18 on 1 February 2013, 27 on 1 February 2022; an act the day before
# the 18th birthday, on it, and after
@pytest.mark.parametrize(("act", "liable"), [("2013-01-31", False), ("2013-02-01", True),
                                             ("2016-06-01", True)])
def test_draft_evasion_dated_before_the_18th_birthday_is_cautioned(
        tmp_path: Path, act: str, liable: bool) -> None:
    """Liability to call-up begins at 18 (ru-cc-328-1's lower_call_up_age): an evasion dated
    before the 18th birthday was told as any other, with no caution, while one dated after
    the 27th was cautioned."""
    answer = _risk(tmp_path, "GE", dt.date(2023, 3, 1), born="1995-02-01", committed_on=act)
    [charge] = answer.charges
    assert charge.liable_to_call_up_on_act is liable
    assert charge.call_up_begins == dt.date(2013, 2, 1)
    # the period still runs from the end of liability to call-up, the later day: an evasion
    # begun once he was liable would end then all the same
    assert charge.limitation_runs_from == "end_of_call_up_age"
    assert charge.crime_ends == dt.date(2022, 2, 1) and charge.limitation_ends == dt.date(
        2024, 2, 1)
    cautions = [r for r in answer.reasons if r.startswith("caution on the charge")]
    if liable:
        assert cautions == []
        return
    [caution] = cautions
    assert ("the act is dated 31 January 2013 (`committed_on`), but liability to call-up began "
            "only on your 18th birthday, 1 February 2013, the lower call-up age being 18 "
            "(ru-cc-328-1): you were not liable to call-up on the day of the act") in caution
    assert caution.endswith("The charge is judged as recorded, its period counted from the end "
                            "of liability to call-up")
    line = next(r for r in answer.reasons if r.startswith("limitation for Art. 328"))
    assert "counted from the act" not in line
    assert answer.reasons.index(caution) == answer.reasons.index(line) - 1


def test_the_json_gives_the_day_liability_to_call_up_began(tmp_path: Path) -> None:
    from sojourn.explain import risk_json
    out = risk_json(_risk(tmp_path, "GE", dt.date(2023, 3, 1), born="1995-02-01",
                          committed_on="2013-01-31"))
    [charge] = out["charges"]
    assert charge["liable_to_call_up_on_act"] is False
    assert charge["limitation"]["call_up_begins"] == "2013-02-01"
    assert charge["limitation"]["runs_from"] == "end_of_call_up_age"


def test_an_act_after_the_30th_birthday_names_no_rise_it_did_not_reach(tmp_path: Path) -> None:
    answer = _risk(tmp_path, "GE", dt.date(2027, 3, 1), born="1997-01-01",
                   committed_on="2027-02-01")
    [caution] = [r for r in answer.reasons if r.startswith("caution on the charge")]
    assert "on your 30th birthday, 1 January 2027" in caution
    assert "reached only" not in caution


def test_desertion_s_period_is_not_computed_nor_said_to_have_run_out(tmp_path: Path) -> None:
    line = _limitation_line(tmp_path, "GE", dt.date(2045, 1, 1), article="338", part="")
    assert "runs from the day it ends, not from the act: not computed" in line
    assert "ran out" not in line and "low confidence" in line


def _pack_listing(article: str, since: dt.date | None,
                  parts: list[int] | None = None) -> Pack:
    """The built-in pack with ``article`` (only its ``parts``, if given) put on Art. 78(5)'s
    list from ``since``."""
    pack = load_pack()
    [art78] = pack.limitation
    listed = art78.model_copy(update={"none_for": [
        *art78.none_for, NoLimitation(article=article, parts=parts, since=since)]})
    return replace(pack, limitation=(listed,))


def test_a_law_listing_the_article_after_the_act_is_told_beside_the_period(
        tmp_path: Path) -> None:
    """A law that takes an article out of limitation reaches an act after its day; for an
    earlier act the period stands, and the answer says the law came after and that whether it
    reaches back is not known (a sabotage act before 17 November 2025 read 'none', as if the
    list had always named it). Draft evasion of 1 October 2022, its 2 years running to
    15 October 2024, with the article listed from 1 January 2024."""
    path = tmp_path / "profile.yaml"
    path.write_text('person: {citizenships: [RU], born: 1995-10-15}\ncharges:\n'
                    '  - {country: RU, article: "328", part: 1, committed_on: 2022-10-01}\n',
                    encoding="utf-8")
    pack = _pack_listing("328", dt.date(2024, 1, 1))

    def charge(on: dt.date) -> tuple[str | None, dt.date | None, str]:
        answer = assess_risk(load_history(path), pack, country="GE", on=on)
        [c] = answer.charges
        line = next(r for r in answer.reasons if r.startswith("limitation for Art. 328"))
        return c.limitation_status, c.limitation_none_since, line

    status, since, line = charge(dt.date(2024, 3, 1))
    assert (status, since) == ("running", dt.date(2024, 1, 1))
    assert line.endswith("; but from 1 January 2024, after the act, no lapse of time bars a "
                         "prosecution under Art. 328 (Art. 78(5)): whether that reaches back "
                         "to an earlier act is not known, so the period may not end the "
                         "exposure")
    # before the law, the list did not name it: the period alone
    status, since, line = charge(dt.date(2023, 12, 31))
    assert (status, since) == ("running", None) and "but from" not in line
    # an act on the law's day or after is barred by no lapse of time
    path.write_text(path.read_text(encoding="utf-8").replace("2022-10-01", "2024-01-01"),
                    encoding="utf-8")
    status, since, line = charge(dt.date(2024, 3, 1))
    assert (status, since) == ("none", None)


def _charge(tmp_path: Path, pack: Pack, charge: str, on: dt.date) -> tuple[ChargeView, str]:
    """The charge `risk` judges in Georgia on ``on`` and its limitation line."""
    path = tmp_path / "profile.yaml"
    path.write_text(f"person: {{citizenships: [RU]}}\ncharges:\n  - {{{charge}}}\n",
                    encoding="utf-8")
    answer = assess_risk(load_history(path), pack, country="GE", on=on)
    [c] = answer.charges
    return c, next(r for r in answer.reasons if r.startswith("limitation for Art."))


def _part_2_listed() -> Pack:
    """Art. 205.2 (the pack holds parts 1 and 2 from 20 July 2016), its part 2 put on the list
    from 1 January 2024: the part and the day are the test's, not a reading of Art. 78(5)."""
    return _pack_listing("205.2", dt.date(2024, 1, 1), parts=[2])


def test_a_charge_under_a_listed_part_is_barred_by_no_lapse_of_time(tmp_path: Path) -> None:
    """The list named whole articles only: a charge under a part it names was given a day
    after which liability ends."""
    c, line = _charge(tmp_path, _part_2_listed(),
                      'country: RU, article: "205.2", part: 2, committed_on: 2024-02-01',
                      dt.date(2026, 3, 1))
    assert (c.limitation_status, c.limitation_ends) == ("none", None)
    assert line == ("limitation for Art. 205.2 part 2 (ru-cc-art-78): none; no lapse of time "
                    "bars a prosecution for it (Art. 78(5))")


def test_a_charge_under_another_part_of_the_article_keeps_its_period(tmp_path: Path) -> None:
    c, line = _charge(tmp_path, _part_2_listed(),
                      'country: RU, article: "205.2", part: 1, committed_on: 2024-02-01',
                      dt.date(2026, 3, 1))
    # at most 5 years, a crime of medium gravity: 6 years from the act
    assert (c.limitation_status, c.limitation_ends) == ("running", dt.date(2030, 2, 1))
    assert c.limitation_none_since is None and "but" not in line


def test_an_act_before_the_part_was_listed_keeps_its_period_with_the_law_s_day(
        tmp_path: Path) -> None:
    c, line = _charge(tmp_path, _part_2_listed(),
                      'country: RU, article: "205.2", part: 2, committed_on: 2023-12-31',
                      dt.date(2026, 3, 1))
    # at most 7 years, a grave crime: 10 years from the act
    assert (c.limitation_status, c.limitation_ends) == ("running", dt.date(2033, 12, 31))
    assert c.limitation_none_since == dt.date(2024, 1, 1)
    # the part the law listed, not the whole article, which it did not
    assert line.endswith("; but from 1 January 2024, after the act, no lapse of time bars a "
                         "prosecution under Art. 205.2 part 2 (Art. 78(5)): whether that "
                         "reaches back to an earlier act is not known, so the period may not "
                         "end the exposure")


def test_a_charge_naming_no_part_hears_which_parts_no_lapse_of_time_bars(
        tmp_path: Path) -> None:
    """Art. 337, held whole (at most 10 years, grave), its part 2 listed: a charge naming no
    part keeps its period, which may not end the exposure if the act falls under part 2."""
    pack = _pack_listing("337", None, parts=[2])
    c, line = _charge(tmp_path, pack, 'country: RU, article: "337", committed_on: 2023-01-10',
                      dt.date(2026, 3, 1))
    assert (c.limitation_status, c.limitation_ends) == ("running", dt.date(2033, 1, 10))
    assert c.limitation_unnamed_parts == (2,)
    assert line.endswith("; but no lapse of time bars a prosecution under part 2 of Art. 337 "
                         "(Art. 78(5)), and the charge names no part (`part`), so the period "
                         "may not end the exposure")


def test_a_whole_article_on_the_list_still_covers_every_part(tmp_path: Path) -> None:
    c, _ = _charge(tmp_path, _pack_listing("205.2", None),
                   'country: RU, article: "205.2", part: 1, committed_on: 2024-02-01',
                   dt.date(2026, 3, 1))
    assert c.limitation_status == "none"


NONE_FOR_PACK = """\
schema: sojourn.rules/1
gravity:
  - id: scale
    country: RU
    article: "15"
    bands: [{name: small, max_years: 3}, {name: medium}]
    sources: [{title: Code, document: Code of nowhere}]
    confidence: high
limitation:
  - id: periods
    country: RU
    article: "78"
    periods: [{gravity: small, years: 2}, {gravity: medium, years: 6}]
    none_for:
      - "353"
      - %s
    sources: [{title: Code, document: Code of nowhere}]
    confidence: high
"""


@pytest.mark.parametrize(("entry", "field", "value", "message", "expected"), [
    ('{article: "206", parts: ["3a"]}', "none_for[1].parts[0]", "3a",
     "is not a whole number", "a whole number"),
    ('{article: "206", parts: [0]}', "none_for[1].parts[0]", 0, "is out of range",
     "a number at least 1"),
    ('{article: "206", parts: []}', "none_for[1].parts", None, "is empty",
     '{article: "206", parts: [3, 4]}'),
    ('{article: "206", parts: [3, 3]}', "none_for[1].parts", None, "names part 3 twice",
     '{article: "206", parts: [3, 4]}'),
    ('{article: "353", parts: [2]}', "none_for", None,
     "names Art. 353 (or a part of it) twice", "each article, or each of its parts, in one entry"),
    ('{article: "206", part: 3}', "none_for[1].part", "part", "is not a known field",
     "parts"),
])
def test_a_bad_none_for_entry_is_refused_with_where_and_the_accepted_form(
        tmp_path: Path, entry: str, field: str, value: object, message: str,
        expected: str) -> None:
    """An entry naming parts a charge can never have, or none, or one twice, would read as a
    part taken out of limitation (or as no entry at all): refused, at its file and line."""
    (tmp_path / "code.yaml").write_text(NONE_FOR_PACK % entry, encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_pack(tmp_path)
    [p] = info.value.problems
    assert p.file.endswith("code.yaml")
    assert p.line == (14 if field == "none_for" else 16)
    assert p.field == f"limitation[0].{field}"
    assert p.value == value
    assert message in p.message and expected in (p.expected or "")


def test_a_period_run_out_names_a_treaty_whose_lapse_of_time_ground_was_not_read(
        tmp_path: Path) -> None:
    # the Brazil-Russia treaty is in the pack for its political ground alone: "no such treaty"
    # would deny it, and its article on a lapse of time is not claimed
    line = _limitation_line(tmp_path, "BR", dt.date(2024, 10, 16))
    assert "ran out on 15 October 2024" in line
    assert "no such treaty" not in line
    assert ("Brazil and the Russian Federation extradite between them under the Brazil–Russia "
            "extradition treaty, whose ground for refusing extradition on a lapse of time the "
            "pack has not read") in line


def test_a_treaty_stating_no_ground_is_refused() -> None:
    with pytest.raises(ValidationError, match="states no ground for refusing extradition"):
        TreatyTerms.model_validate({
            "title": "A treaty", "parties": [{"country": "RU"}],
            "sources": [{"title": "A source", "url": "https://example.org"}]})
