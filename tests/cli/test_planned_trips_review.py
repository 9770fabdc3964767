"""A user's review of `plan`, `status` and `destinations` over planned trips and border runs,
checked by hand against the pack's rules (Georgia's year per entry, Kazakhstan's 90 in any 180,
Serbia's and Montenegro's 30 days per entry)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from sojourn.cli import app

runner = CliRunner()


def georgia_one_day_over(tmp_path: Path) -> str:
    """A Russian in Georgia from 20 October 2025, still there: ge-stay-one-year-per-entry's
    365 days end on 19 October 2026, so 20 October 2026 is one day over."""
    profile = tmp_path / "georgia.yaml"
    profile.write_text("person:\n  citizenships: [RU]\n  documents:\n"
                       "    - {type: international_passport, country: RU, issued: 2019-06-01,"
                       " expires: 2029-05-31}\n"
                       "trips:\n  - {country: GE, entry: 2025-10-20, by: land}\n",
                       encoding="utf-8")
    return str(profile)


def test_destinations_name_a_one_day_overstay_as_one_day(tmp_path: Path) -> None:
    # the overstay line read "GE 20 to 20 October 2026 (1 day)"; `status` says "20 October
    # 2026, 1 day"
    result = runner.invoke(app, ["destinations", georgia_one_day_over(tmp_path),
                                 "--on", "2026-10-20"])
    assert result.exit_code == 0, result.output
    assert ("your history has an overstay there: GE 20 October 2026 (1 day);"
            in result.stdout), result.stdout
