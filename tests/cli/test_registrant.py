"""Who registers a stay: the answer words the deadline for the foreigner or for his host, as
the registration rule's sources say (docs/rule-pack.md, `registrant`)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sojourn.cli import app

runner = CliRunner()


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _history(tmp_path: Path, country: str, entry: str) -> str:
    csv = tmp_path / f"{country}.csv"
    csv.write_text(f"country,entry,exit\n{country},{entry},\n", encoding="utf-8")
    return str(csv)


def test_a_host_duty_is_not_worded_as_the_guests(tmp_path: Path) -> None:
    # Thailand's TM30: the landlord or hotel notifies within 24 hours, not the guest
    args = ("status", _history(tmp_path, "TH", "2024-05-30"), "--country", "TH",
            "--citizenship", "RU", "--on", "2024-05-30")
    out = _run(*args)
    assert ("  Whoever houses you (landlord, hotel) must register you by 31 May 2024: Thailand — "
            "whoever houses a foreigner notifies immigration within 24 hours of arrival "
            "(form TM30) (th-registration-tm30-24-hours);") in out
    assert "Register by" not in out and "answer for it too" not in out
    registration = json.loads(_run(*args, "--json"))["registration"]
    assert registration["registrant"] == "host"
    assert registration["requirement"] == ("whoever houses you (landlord, hotel) registers you "
                                           "within 1 day of entry")


def test_a_host_duty_the_guest_answers_for_too_says_so(tmp_path: Path) -> None:
    # Mongolia's 48 hours: the host registers, and the fine falls on host and guest
    args = ("status", _history(tmp_path, "MN", "2024-05-30"), "--country", "MN",
            "--citizenship", "RU", "--on", "2024-05-30")
    out = _run(*args)
    assert ("  Whoever houses you (landlord, hotel) must register you by 1 June 2024 (you answer "
            "for it too): Mongolia") in out
    registration = json.loads(_run(*args, "--json"))["registration"]
    assert registration["registrant"] == "host_guest_liable"
    assert registration["requirement"] == ("whoever houses you (landlord, hotel) registers you "
                                           "within 2 days of entry; you answer for it too")


def test_the_foreigners_own_duty_is_still_his_to_do(tmp_path: Path) -> None:
    # Montenegro: a foreigner not staying with a registered host registers himself
    args = ("status", _history(tmp_path, "ME", "2024-05-30"), "--country", "ME",
            "--citizenship", "RU", "--on", "2024-05-30")
    out = _run(*args)
    assert "  Register by 31 May 2024: " in out and "Whoever houses you" not in out
    assert json.loads(_run(*args, "--json"))["registration"]["registrant"] == "self"


def test_plan_report_and_rules_show_word_the_host_duty(tmp_path: Path) -> None:
    history = _history(tmp_path, "TH", "2024-05-30")
    out = _run("plan", history, "--country", "TH", "--citizenship", "RU", "--from",
               "2024-06-10", "--length", "10")
    assert ("  Whoever houses you (landlord, hotel) must register you by 31 May 2024: "
            "Thailand") in out
    out = _run("report", history, "--citizenship", "RU", "--on", "2024-05-30")
    assert ("  31 May 2024   whoever houses you (landlord, hotel) registers you within 1 day of "
            "entry  [th-registration-tm30-24-hours]") in out
    out = _run("report", history, "--citizenship", "RU", "--on", "2024-05-30", "--format", "ics")
    # iCalendar folds long lines (a line break and a space) and escapes ","
    assert ("SUMMARY:Thailand: whoever houses you (landlord\\, hotel) registers you within 1 "
            "day of entry") in out.replace("\n ", "")
    out = _run("rules", "show", "th-registration-tm30-24-hours")
    assert "; whoever houses you (landlord, hotel) registers you within 1 day of entry" in out
