"""The CIS conventions on legal assistance are named between two states only while they bind
both (blocs.yaml, BlocMember.conventions): Ukraine, still in the CIS's records, suspended the
Minsk Convention towards Russia and Belarus from 23 December 2022 and left it from 29 December
2023, so a Ukrainian charge named them after the day they stopped binding Ukraine."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydantic import ValidationError

from sojourn.history import load_history
from sojourn.risk import RiskAnswer, assess_risk
from sojourn.rules.loader import load_pack
from sojourn.rules.topics import BlocMember

UKRAINIAN_CHARGE = '  - {country: UA, article: "190", part: 2, committed_on: 2022-05-01}\n'
CIS_CONVENTIONS = "under the CIS conventions on legal assistance"
BOTH_MEMBERS = "both CIS members"


def _answer(tmp_path: Path, host: str, on: dt.date, citizenship: str = "RU",
            state: str = "UA", act: str = "2022-05-01") -> RiskAnswer:
    path = tmp_path / "profile.yaml"
    charge = UKRAINIAN_CHARGE.replace("UA", state).replace("2022-05-01", act)
    path.write_text(f"version: 1\nperson: {{citizenships: [{citizenship}], born: 1990-05-10}}"
                    f"\ncharges:\n{charge}", encoding="utf-8")
    return assess_risk(load_history(path), load_pack(), country=host, on=on)


def _ukraine_line(answer: RiskAnswer, name: str = "Ukraine") -> str:
    [line] = [r for r in answer.reasons if r.startswith(f"unknown as to {name}")]
    return line


# Ukraine, a founder that never ratified the Charter, then out of the CIS's bodies from 22 May
# 2018; Turkmenistan an associate member from 26 August 2005 (blocs.yaml): "both CIS members"
# called each a full member
@pytest.mark.parametrize(("state", "name", "on", "said"), [
    ("UA", "Ukraine", dt.date(2018, 5, 21),
     "Kazakhstan and Ukraine, both in the CIS, Ukraine as a participant (never ratified its "
     "charter), extradite between them"),
    ("UA", "Ukraine", dt.date(2018, 5, 22),
     "Kazakhstan and Ukraine, both in the CIS, Ukraine as a participant no longer in its "
     "statutory bodies, extradite between them"),
    ("UA", "Ukraine", dt.date(2023, 12, 28),
     "Kazakhstan and Ukraine, both in the CIS, Ukraine as a participant no longer in its "
     "statutory bodies, extradite between them"),
    ("TM", "Turkmenistan", dt.date(2005, 8, 25),
     "Kazakhstan and Turkmenistan, both CIS members, extradite between them"),
    ("TM", "Turkmenistan", dt.date(2005, 8, 26),
     "Kazakhstan and Turkmenistan, both in the CIS, Turkmenistan as an associate member, "
     "extradite between them"),
])
def test_the_cis_conventions_say_what_each_state_is_in_the_cis(
        tmp_path: Path, state: str, name: str, on: dt.date, said: str) -> None:
    answer = _answer(tmp_path, "KZ", on, state=state, act="2004-05-01")
    line = _ukraine_line(answer, name)
    assert said in line
    [third] = answer.third_states
    assert third.bloc is not None and third.bloc.id == "CIS"


def test_a_state_that_left_the_cis_beside_one_out_of_its_bodies(tmp_path: Path) -> None:
    """Georgia (out of the CIS, still bound by its Minsk Convention) and Ukraine (out of its
    bodies, still in its records) in 2019: the line said Georgia had left, and nothing of
    Ukraine, read as a full member."""
    line = _ukraine_line(_answer(tmp_path, "GE", dt.date(2019, 6, 1), act="2018-06-01"))
    assert ("Georgia and Ukraine, though Georgia has left the CIS and Ukraine is in it as a "
            "participant no longer in its statutory bodies, also extradite between them") in line


def test_the_json_gives_each_state_s_status_in_the_bloc_named(tmp_path: Path) -> None:
    from sojourn.explain import risk_json
    out = risk_json(_answer(tmp_path, "KZ", dt.date(2020, 1, 1), act="2019-06-01"))
    [third] = out["third_states"]
    assert third["bloc"] == {"id": "CIS", "statuses": {"KZ": "member", "UA": "bodies_left"}}
    # no bloc named once Ukraine has left the conventions
    assert risk_json(_answer(tmp_path, "KZ", dt.date(2024, 1, 1)))["third_states"][0][
        "bloc"] is None


@pytest.mark.parametrize(("on", "named"), [(dt.date(2023, 12, 28), True),
                                           (dt.date(2023, 12, 29), False),
                                           (dt.date(2024, 6, 1), False)])
def test_a_ukrainian_charge_names_the_cis_conventions_until_ukraine_left_them(
        tmp_path: Path, on: dt.date, named: bool) -> None:
    # Kazakhstan and Ukraine: no treaty of the pack binds both, so the conventions were the
    # only ground named, and "no treaty" is right once Ukraine has left them
    line = _ukraine_line(_answer(tmp_path, "KZ", on))
    assert (CIS_CONVENTIONS in line) is named
    if not named:
        assert "the pack records no extradition treaty between Kazakhstan and Ukraine" in line


def test_the_european_convention_binds_armenia_and_ukraine_after_the_cis_ones_end(
        tmp_path: Path) -> None:
    """Ukraine is a party to the European Convention on Extradition from 9 June 1998, as
    Armenia is from 2002: after 29 December 2023 it is what a request may rest on."""
    line = _ukraine_line(_answer(tmp_path, "AM", dt.date(2024, 6, 1)))
    assert ("the pack records Armenia and Ukraine as parties to the European Convention on "
            "Extradition, under which such a request may be made: whether it would be granted "
            "is not known") in line
    assert "CIS" not in line


@pytest.mark.parametrize(("on", "named"), [(dt.date(2022, 12, 22), True),
                                           (dt.date(2022, 12, 23), False)])
def test_ukraine_suspended_the_cis_conventions_towards_russia_first(
        tmp_path: Path, on: dt.date, named: bool) -> None:
    # a Kazakh in Russia charged by Ukraine: the suspension towards Russia came a year
    # before the exit took effect for the other CIS states
    line = _ukraine_line(_answer(tmp_path, "RU", on, citizenship="KZ"))
    assert (CIS_CONVENTIONS in line) is named
    assert "the European Convention on Extradition" in line


def test_a_suspension_towards_russia_leaves_kazakhstan_bound(tmp_path: Path) -> None:
    line = _ukraine_line(_answer(tmp_path, "KZ", dt.date(2023, 6, 1)))
    assert CIS_CONVENTIONS in line


# run out by 2007 (liability to call-up ended on the 27th birthday, 10 May 2005), so the
# limitation line names the treaties that refuse extradition on the lapse
DRAFT_EVASION = '  - {country: RU, article: "328", part: 1, committed_on: 2004-01-10}\n'


def _limitation_line(tmp_path: Path, on: dt.date) -> str:
    path = tmp_path / "profile.yaml"
    path.write_text("version: 1\nperson: {citizenships: [RU], born: 1978-05-10}"
                    f"\ncharges:\n{DRAFT_EVASION}", encoding="utf-8")
    answer = assess_risk(load_history(path), load_pack(), country="GE", on=on)
    [line] = [r for r in answer.reasons if r.startswith("limitation for Art. 328 part 1")]
    return line


@pytest.mark.parametrize("on", [dt.date(2009, 8, 17), dt.date(2009, 8, 18),
                                dt.date(2015, 2, 19), dt.date(2025, 1, 15)])
def test_georgia_stays_bound_by_the_cis_conventions_after_leaving_the_cis(
        tmp_path: Path, on: dt.date) -> None:
    """Georgia left the CIS on 18 August 2009 but not the Minsk Convention: its prosecutors
    named it among the treaties binding Georgia and Russia in 2012, and Georgia and Ukraine in
    2015. A Russian charge in Georgia names the CIS conventions beside the European Convention
    on Extradition, without calling Georgia a CIS member after it left."""
    line = _limitation_line(tmp_path, on)
    assert "the European Convention on Extradition (Art. 10)" in line
    assert "under the CIS conventions on legal assistance" in line
    left = on >= dt.date(2009, 8, 18)
    assert (BOTH_MEMBERS in line) is not left
    assert ("Georgia and the Russian Federation, though Georgia has left the CIS, also "
            "extradite between them under the CIS conventions" in line) is left


def test_georgia_out_of_the_cis_is_shown_as_a_former_member_still_bound(
        tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    path.write_text("version: 1\nperson: {citizenships: [RU], born: 1990-05-10}\n",
                    encoding="utf-8")
    answer = assess_risk(load_history(path), load_pack(), country="GE", on=dt.date(2025, 1, 15))
    assert ("Georgia on 15 January 2025: CIS former member, still party to its conventions on "
            "legal assistance") in answer.reasons
    assert answer.blocs == (("CIS", "left"),)


def test_a_period_out_of_the_bloc_without_its_conventions_is_refused() -> None:
    # a `left` period is there for the conventions: without them it records nothing
    with pytest.raises(ValidationError, match="status: left with conventions: false"):
        BlocMember.model_validate({"country": "GE", "since": "2009-08-18", "status": "left",
                                   "conventions": False})
    assert BlocMember.model_validate({"country": "GE", "status": "left"}).conventions
