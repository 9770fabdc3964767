"""A user's review of `plan`, `status` and `destinations` over planned trips and border runs,
checked by hand against the pack's rules (Georgia's year per entry, Kazakhstan's 90 in any 180,
Serbia's and Montenegro's 30 days per entry)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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


def thailand_overstay_planned(tmp_path: Path) -> str:
    """A Russian in Thailand from 1 June 2026 whose trips have him leave on 1 December 2027:
    th-stay-ru-30-agreement-2026's 60 days end on 30 July 2026, so the stay plans 489 days
    over, a band whose every case bars entry (3 years at least, from the day he leaves)."""
    profile = tmp_path / "thailand.yaml"
    profile.write_text("person:\n  citizenships: [RU]\n  born: 1990-01-01\n  documents:\n"
                       "    - {type: international_passport, country: RU, issued: 2020-01-01,"
                       " expires: 2035-01-01}\n"
                       "trips:\n  - {country: TH, entry: 2026-06-01, exit: 2027-12-01}\n",
                       encoding="utf-8")
    return str(profile)


def plan_json(profile: str, on: str) -> dict[str, Any]:
    result = runner.invoke(app, ["plan", profile, "--country", "TH", "--length", "30",
                                 "--from", on, "--json"])
    assert result.exit_code == 0, result.output
    out: dict[str, Any] = json.loads(result.stdout)
    return out


def test_leaving_as_planned_after_an_overstay_still_ahead_brings_its_ban(tmp_path: Path
                                                                         ) -> None:
    # "If you leave on 1 December 2027 as planned, the earliest a new 30-day stay can begin
    # is 2 December 2027" on 15 June 2026, before the overstay began; on 15 September 2026,
    # the same plan, "1 December 2030": the ban leaving brings was judged only for an
    # overstay begun by the query day
    profile = thailand_overstay_planned(tmp_path)
    before, during = plan_json(profile, "2026-06-15"), plan_json(profile, "2026-09-15")
    assert during["earliest_entry"] == "2030-12-01"
    assert before["earliest_entry"] == during["earliest_entry"]
    assert before["entry_barred_if_leaving_until"] == "2030-11-30"
    result = runner.invoke(app, ["plan", profile, "--country", "TH", "--length", "30",
                                 "--from", "2026-06-15"])
    assert ("If you leave on 1 December 2027 as planned, the earliest a new 30-day stay can "
            "begin is 1 December 2030" in result.stdout), result.stdout
    assert "  Leaving on 1 December 2027 brings an entry ban: entry barred until 30 November " \
           "2030 at least" in result.stdout, result.stdout
