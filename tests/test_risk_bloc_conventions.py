"""The CIS conventions on legal assistance are named between two states only while they bind
both (blocs.yaml, BlocMember.conventions): Ukraine, still in the CIS's records, suspended the
Minsk Convention towards Russia and Belarus from 23 December 2022 and left it from 29 December
2023, so a Ukrainian charge named them after the day they stopped binding Ukraine."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sojourn.history import load_history
from sojourn.risk import RiskAnswer, assess_risk
from sojourn.rules.loader import load_pack

UKRAINIAN_CHARGE = '  - {country: UA, article: "190", part: 2, committed_on: 2022-05-01}\n'
CIS_CONVENTIONS = "both CIS members"


def _answer(tmp_path: Path, host: str, on: dt.date, citizenship: str = "RU") -> RiskAnswer:
    path = tmp_path / "profile.yaml"
    path.write_text(f"version: 1\nperson: {{citizenships: [{citizenship}], born: 1990-05-10}}"
                    f"\ncharges:\n{UKRAINIAN_CHARGE}", encoding="utf-8")
    return assess_risk(load_history(path), load_pack(), country=host, on=on)


def _ukraine_line(answer: RiskAnswer) -> str:
    [line] = [r for r in answer.reasons if r.startswith("unknown as to Ukraine")]
    return line


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
