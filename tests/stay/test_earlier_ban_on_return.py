"""A person back in the host while the entry ban of an earlier stay still runs: the earliest day
back comes after that ban as well as after the one leaving would bring (which alone told a
Russian back in Thailand, 134 days over on his first stay, he might be back the day after
leaving, with his first stay's year-long ban still running)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from sojourn.history import load_history
from sojourn.rules.loader import load_pack
from sojourn.stay import or_if_banned, stay_report

from cli_lines import run

# Thailand, 30 days per entry from 4 June 2026: the first stay is 134 days over, left on
# 20 November 2026: a year's ban if he surrendered (to 19 November 2027), 5 years if arrested
# and prosecuted; back on 10 January 2027, 35 days over on 15 March 2027 (41 to 90 days: no ban
# if he leaves of his own accord, 5 years if arrested)
FIRST_STAY = "TH,2026-06-10,2026-11-20"
ON = "2027-03-15"


def history(tmp_path: Path, *rows: str) -> str:
    path = tmp_path / "h.csv"
    path.write_text("country,entry,exit\n" + "".join(f"{r}\n" for r in rows), encoding="utf-8")
    return str(path)


def status(hist: str, *more: str) -> list[str]:
    return run("status", hist, "--country", "TH", "--citizenship", "RU", "--on", ON, *more)


def test_the_earliest_day_back_is_after_the_earlier_stays_ban(tmp_path: Path) -> None:
    hist = history(tmp_path, FIRST_STAY, "TH,2027-01-10,")
    report = stay_report(load_history(Path(hist)), load_pack(), on=dt.date(2027, 3, 15),
                         country="TH", citizenship="RU")
    assert report.answer.present and report.answer.max_stay_days == 0
    assert report.answer.earliest_entry == dt.date(2027, 11, 20)
    # the ban that puts it off, told as a ban for a person away is; none bars the query day
    assert [(b.left, b.last_day, b.bars) for b in report.bans_on_return] == [
        (dt.date(2026, 11, 20), dt.date(2027, 11, 19), True),
        (dt.date(2026, 11, 20), dt.date(2031, 11, 19), False)]
    assert report.barred is None and report.barred_if_leaving is None


def test_the_text_names_the_earlier_ban_beside_the_one_leaving_brings(tmp_path: Path) -> None:
    text = status(history(tmp_path, FIRST_STAY, "TH,2027-01-10,"))
    # each "if arrested" case tied to its overstay: two alike conditions read as one case
    assert ("The earliest day you may be in Thailand again is 20 November 2027, or 20 November "
            "2031 if arrested and prosecuted for the overstay ended 20 November 2026, or 15 "
            "March 2032 if arrested and prosecuted for the overstay ending 15 March 2027."
            ) in text, text
    assert ("Entry ban: entry barred until 19 November 2027 at least, whichever case holds "
            "(the shortest: an entry ban of 1 year if surrendering; overstay of 134 days "
            "ending 20 November 2026, th-penalty-overstay).") in text, text
    assert any(line.startswith("Leaving on 15 March 2027 brings an entry ban: an entry ban "
                               "of 5 years if arrested") for line in text), text


@pytest.mark.parametrize(("length", "until"), [(30, "19 December 2027"),
                                            (20, "9 December 2027")])
def test_plan_offers_a_new_stay_only_after_the_earlier_ban_and_names_status_s_cases(
        tmp_path: Path, length: int, until: str) -> None:
    # plan's earliest new stay, from the same bans as status: each case's day is the first a
    # stay of the length asked may begin once that ban is over
    text = run("plan", history(tmp_path, FIRST_STAY, "TH,2027-01-10,"), "--country", "TH",
               "--citizenship", "RU", "--from", ON, "--length", str(length))
    assert (f"If you leave on 15 March 2027, the earliest a new {length}-day stay can begin "
            f"is 20 November 2027 (until {until}), or 20 November 2031 if arrested and "
            "prosecuted for the overstay ended 20 November 2026, or 15 March 2032 if arrested "
            "and prosecuted for the overstay ending 15 March 2027.") in text, text


def test_plan_for_a_person_away_names_the_case_too(tmp_path: Path) -> None:
    # one overstay: its case needs no overstay named
    text = run("plan", history(tmp_path, FIRST_STAY), "--country", "TH", "--citizenship", "RU",
               "--from", ON, "--length", "30")
    assert ("The earliest you can enter for 30 days is 20 November 2027 (staying until 19 "
            "December 2027), or 20 November 2031 if arrested and prosecuted.") in text, text


def test_cases_of_two_overstays_giving_the_same_day_are_said_once(tmp_path: Path) -> None:
    report = stay_report(load_history(Path(history(tmp_path, FIRST_STAY, "TH,2027-01-10,"))),
                         load_pack(), on=dt.date(2027, 3, 15), country="TH", citizenship="RU")
    returns = report.returns_if_banned
    assert len({r.overstay for r in returns}) == 2, returns
    day = dt.date(2032, 3, 15)
    assert or_if_banned([replace(r, day=day) for r in returns]) == (
        ", or 15 March 2032 if arrested and prosecuted")


def test_json_lists_the_earlier_ban_that_puts_the_day_off(tmp_path: Path) -> None:
    out = run("status", history(tmp_path, FIRST_STAY, "TH,2027-01-10,"), "--country", "TH",
              "--citizenship", "RU", "--on", ON, "--json")
    data: dict[str, Any] = json.loads("\n".join(out))
    assert data["earliest_entry"] == "2027-11-20"
    assert [(b["left"], b["last_day"], b["bars_entry"]) for b in data["entry_bans_on"]] == [
        ("2026-11-20", "2027-11-19", True), ("2026-11-20", "2031-11-19", False)]
    # in the host, no entry is barred on the day; leaving brings no ban that bars whatever
    assert data["entry_barred_until"] is None
    assert data["entry_barred_if_leaving_until"] is None


def test_the_later_of_the_two_bans_puts_the_day_off(tmp_path: Path) -> None:
    # on 1 August 2027 the second stay is 174 days over: leaving brings a year's ban at least,
    # to 31 July 2028, which ends after the first stay's
    text = run("status", history(tmp_path, FIRST_STAY, "TH,2027-01-10,"), "--country", "TH",
               "--citizenship", "RU", "--on", "2027-08-01")
    assert any(line.startswith("The earliest day you may be in Thailand again is 1 August "
                               "2028") for line in text), text


def test_an_earlier_ban_over_by_the_day_of_leaving_puts_nothing_off(tmp_path: Path) -> None:
    # back on 1 November 2027 for 20 days, leaving on 20 November as recorded: the first
    # stay's year-long ban ends the day before; a new 20-day stay may begin the day he leaves
    # (the 5 years had he been arrested still run, and are told)
    hist = history(tmp_path, FIRST_STAY, "TH,2027-11-01,2027-11-20")
    text = run("plan", hist, "--country", "TH", "--citizenship", "RU", "--from",
               "2027-11-10", "--length", "20")
    assert ("If you leave on 20 November 2027 as planned, a new 20-day stay can begin the same "
            "day (until 9 December 2027), or 20 November 2031 if arrested and prosecuted."
            ) in text, text
    assert [line for line in text if line.startswith("Entry ban:")] == [
        "Entry ban: an entry ban of 5 years if arrested and prosecuted, from 20 "
        "November 2026; it runs to 19 November 2031 (overstay of 134 days ending 20 November "
        "2026, th-penalty-overstay)."], text
