"""A border run on the query day: the stay left that day is behind the person, the one entered
that day is under way (the engine's latest entry containing the day). An overstay of the stay
left brings its ban from that exit, not from the exit planned for the stay under way; one the
stay under way plans is committed by leaving it as planned."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from sojourn.cli import app

runner = CliRunner()


def status(tmp_path: Path, rows: str, *args: str) -> dict[str, Any]:
    path = tmp_path / "h.csv"
    path.write_text(f"country,entry,exit\n{rows}", encoding="utf-8")
    result = runner.invoke(app, ["status", str(path), "--citizenship", "RU", *args, "--json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_an_overstay_left_on_the_query_day_is_banned_from_that_exit(tmp_path: Path) -> None:
    # 134 days over in Thailand, left on 20 November 2026 and back the same day to 10
    # December: a year's ban at least from 20 November, to 19 November 2027, so the earliest
    # day back after 10 December is 20 November 2027, not a year after 10 December
    data = status(tmp_path, "TH,2026-06-10,2026-11-20\nTH,2026-11-20,2026-12-10\n",
                  "--country", "TH", "--on", "2026-11-20")
    assert data["earliest_entry"] == "2027-11-20"
    assert data["entry_bans_if_leaving"] == []


def test_an_overstay_planned_in_a_stay_entered_on_the_query_day_is_committed_by_leaving(
        tmp_path: Path) -> None:
    # in Kazakhstan from 1 April 2027, out and back on 1 May, staying to 15 July: 16 days over
    # from 30 June, past the bands the pack read, which leaving as planned commits
    data = status(tmp_path, "KZ,2027-04-01,2027-05-01\nKZ,2027-05-01,2027-07-15\n",
                  "--country", "KZ", "--on", "2027-05-01")
    assert [(b["overstay_first_day"], b["why"]) for b in data["entry_ban_unknown"]] == [
        ("2027-06-30", "not_graded")]


def test_back_in_the_host_while_a_ban_runs_is_told_the_entry_was_barred(tmp_path: Path) -> None:
    # left Thailand on 20 November 2026 after 134 days over (a year's ban at least, from that
    # day) and back the same day, or a week later: the entry was barred, no stay runs on from
    # the query day, the count is told as it is, and he is not over the stay limit
    for back, on, used in (("2026-11-20", "2026-11-20", 1), ("2026-11-20", "2026-12-01", 12),
                           ("2026-11-27", "2026-11-27", 1)):
        rows = f"TH,2026-06-10,2026-11-20\nTH,{back},2026-12-10\n"
        data = status(tmp_path, rows, "--country", "TH", "--on", on)
        assert (data["limited_by"], data["max_stay_days"], data["latest_exit"]) == (
            "entry_ban", 0, None)
        assert (data["entered_while_barred_until"], data["over_limit"]) == ("2027-11-19", False)
        assert (data["days_used"], data["days_remaining"]) == (used, 30 - used)
        path = tmp_path / "h.csv"
        text = runner.invoke(app, ["status", str(path), "--citizenship", "RU", "--country",
                                   "TH", "--on", on]).stdout
        assert "over the limit" not in text.splitlines()[0]
        assert "an entry the ban of an earlier stay barred" in text.splitlines()[0]


def test_back_while_banned_and_over_the_count_is_told_both(tmp_path: Path) -> None:
    # back in Thailand on 10 January 2027 while the year's ban of the first stay (134 days
    # over) ran, and on 15 March 35 days over the 30 the entry gives: the ban that barred the
    # entry leads, and the overstay under way is said beside it, not hidden
    rows = "TH,2026-06-10,2026-11-20\nTH,2027-01-10,\n"
    data = status(tmp_path, rows, "--country", "TH", "--on", "2027-03-15")
    assert (data["limited_by"], data["entered_while_barred_until"], data["over_limit"]) == (
        "entry_ban", "2027-11-19", True)
    assert (data["violations"][-1]["first_day"], data["violations"][-1]["last_day"]) == (
        "2027-02-09", "2027-03-15")
    text = runner.invoke(app, ["status", str(tmp_path / "h.csv"), "--citizenship", "RU",
                               "--country", "TH", "--on", "2027-03-15"]).stdout
    first = text.splitlines()[0]
    assert "an entry the ban of an earlier stay barred" in first
    assert ("you are also over the stay limit of th-stay-ru-30-agreement-2026 (35 days over "
            "since 9 February 2027)") in first
    # within the count (back a week after leaving, asked that day) he is not over the limit
    rows = "TH,2026-06-10,2026-11-20\nTH,2026-11-27,2026-12-10\n"
    data = status(tmp_path, rows, "--country", "TH", "--on", "2026-11-27")
    assert (data["limited_by"], data["over_limit"]) == ("entry_ban", False)


def test_back_while_banned_within_the_count_is_told_the_earliest_day_back(
        tmp_path: Path) -> None:
    # back in Thailand on 27 November 2026, a week after leaving 134 days over (a year's ban at
    # least, to 19 November 2027), with no exit recorded, and asked on 1 December: 25 days left
    # by the count, yet no day more, as for one over it; leaving on the query day, the earliest
    # day back is after the ban, as plan gives the earliest 30-day stay, and the 5-year ban if
    # arrested and prosecuted gives its own
    rows = "TH,2026-06-10,2026-11-20\nTH,2026-11-27,\n"
    data = status(tmp_path, rows, "--country", "TH", "--on", "2026-12-01")
    assert (data["limited_by"], data["days_remaining"], data["earliest_entry"]) == (
        "entry_ban", 25, "2027-11-20")
    assert [(e["day"], e["if"]) for e in data["earliest_entry_if"]] == [
        ("2031-11-20", "arrested and prosecuted")]
    path = str(tmp_path / "h.csv")
    text = runner.invoke(app, ["status", path, "--citizenship", "RU", "--country", "TH",
                               "--on", "2026-12-01"]).stdout
    assert ("The earliest day you may be in Thailand again is 20 November 2027, or 20 November "
            "2031 if arrested and prosecuted.") in text
    plan = runner.invoke(app, ["plan", path, "--citizenship", "RU", "--country", "TH",
                               "--from", "2026-12-01", "--length", "30"]).stdout
    assert "the earliest a new 30-day stay can begin is 20 November 2027" in plan
    # back on 10 November 2027 to 30 November, asked on 15 November: the ban that barred the
    # entry is over by the day he leaves, and the earliest day back is the day after it
    rows = "TH,2026-06-10,2026-11-20\nTH,2027-11-10,2027-11-30\n"
    data = status(tmp_path, rows, "--country", "TH", "--on", "2027-11-15")
    assert (data["limited_by"], data["earliest_entry"]) == ("entry_ban", "2027-12-01")
