"""The limitation period of a charge in `risk` (Art. 78 of Russia's Criminal Code): the lines
it adds, and the treaty named only where the pack knows both states are parties to it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sojourn.history import load_history
from sojourn.risk import assess_risk
from sojourn.rules.loader import load_pack


def _limitation_line(tmp_path: Path, country: str, on: dt.date, wanted: str = "none") -> str:
    """The line `risk` gives for a draft evasion (Art. 328 part 1) of 1 October 2022."""
    path = tmp_path / "profile.yaml"
    path.write_text("version: 1\nperson: {citizenships: [RU]}\ncharges:\n"
                    '  - {country: RU, article: "328", part: 1, committed_on: 2022-10-01, '
                    f"wanted: {wanted}}}\n", encoding="utf-8")
    answer = assess_risk(load_history(path), load_pack(), country=country, on=on)
    return next(r for r in answer.reasons if r.startswith("limitation for Art. 328 part 1"))


def test_a_period_run_out_names_the_treaty_both_states_are_parties_to(tmp_path: Path) -> None:
    line = _limitation_line(tmp_path, "GE", dt.date(2024, 10, 2))
    assert "ran out on 1 October 2024" in line
    assert "the European Convention on Extradition (Art. 10)" in line
    assert "Georgia and the Russian Federation are parties" in line


def test_a_period_run_out_names_no_treaty_the_pack_does_not_know_of(tmp_path: Path) -> None:
    line = _limitation_line(tmp_path, "KZ", dt.date(2024, 10, 2))
    assert "ran out on 1 October 2024" in line
    assert "European Convention" not in line
    assert "the pack records no such treaty between Kazakhstan and the Russian Federation" in line


def test_a_running_period_gives_its_last_day(tmp_path: Path) -> None:
    line = _limitation_line(tmp_path, "GE", dt.date(2024, 10, 1))
    assert "2 years from the act, to 1 October 2024" in line
    assert "ran out" not in line


def test_a_wanted_person_hears_the_period_stands_still(tmp_path: Path) -> None:
    line = _limitation_line(tmp_path, "GE", dt.date(2024, 10, 2), wanted="interpol")
    assert "would run out on 1 October 2024" in line
    assert "`wanted: interpol`" in line and "Art. 78(3)" in line
    assert "does not end the exposure" in line
