"""The command line as a user meets it: words first, JSON keys, exit codes."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from sojourn.cli import app
from sojourn.cli.render._common import constraint_words
from sojourn.dates import format_long
from sojourn.rules.loader import builtin_pack_dir

from cli_lines import outcome as run

ROOT = Path(__file__).resolve().parents[2]
PROFILE = str(ROOT / "examples" / "relocant.yaml")
CSV = str(ROOT / "examples" / "history.csv")
runner = CliRunner()

DESIGN_KEYS = {"on", "days_used", "days_remaining", "latest_exit", "max_stay_days",
               "earliest_entry", "violations", "register_by", "rules", "assumptions",
               "constraints"}


def test_status_answers_in_plain_words_first() -> None:
    code, out, _ = run("status", CSV, "--rule", "rolling:90/180", "--on", "2023-07-20")
    assert code == 0
    assert out.splitlines()[0] == ("If you enter Kazakhstan on 20 July 2023, you may stay until "
                                   "7 September 2023 (50 days).")
    # the days left are days, said so as the days used are ("..., 12 left." had no unit), and
    # why the stay is longer than they: "12 days left" under "50 days" read as a contradiction
    assert out.splitlines()[1] == ("  Counted under rolling:90/180 (90 days in any 180): 78 days "
                                   "used on 20 July 2023, 12 days left; as days more than 180 "
                                   "days back stop counting, your stay can run 50 days.")


@pytest.mark.parametrize(("spec", "line"), [
    # 81 days from 1 October to 20 December 2023 under 180 a calendar year: 99 left, yet the
    # stay runs 12 days in 2023 and 180 from 1 January 2024 (to 28 June, a leap year)
    ("calendar-year:180", "  Counted under calendar-year:180 (180 days per calendar year): 81 "
                          "days used up to and including 20 December 2023, 99 days left after "
                          "it; as the count starts afresh on 1 January, your stay can run 192 "
                          "days."),
    # 9 left, and 10 days to 29 December: the new year comes too late to help
    ("calendar-year:90", "  Counted under calendar-year:90 (90 days per calendar year): 81 days "
                         "used up to and including 20 December 2023, 9 days left after it."),
])
def test_days_left_a_new_year_outruns_are_explained(tmp_path: Path, spec: str, line: str
                                                    ) -> None:
    history = tmp_path / "h.csv"
    history.write_text("country,entry,exit\nAM,2023-10-01,\n", encoding="utf-8")
    code, out, err = run("status", str(history), "--rule", spec, "--on", "2023-12-20")
    assert code == 0, err
    assert out.splitlines()[1] == line


@pytest.mark.parametrize(("args", "line"), [
    ((PROFILE, "--country", "KZ", "--on", "2022-10-01"),
     "kz-stay-eaeu-per-entry (90 days per entry): 7 days used up to and including 1 October "
     "2022, 83 days left after it."),
    # present on the last day: the day is both used and the stay's one day
    ((CSV, "--country", "KZ", "--citizenship", "RU", "--on", "2023-05-10"),
     "kz-stay-eaeu-90-180 (90 days in any 180): 90 days used up to and including 10 May 2023, "
     "0 days left after it."),
])
def test_days_left_that_are_the_stay_are_not_explained(args: tuple[str, ...], line: str) -> None:
    code, out, _ = run("status", "--assume", "kz-days-before-count", *args)
    assert code == 0
    assert out.splitlines()[1] == f"  Counted under {line}"


@pytest.mark.parametrize(("stays", "on", "head", "counted"), [
    # "(45 days)" over "46 days used on 15 April 2023, 44 days left" read as a contradiction:
    # the 45 days count 15 April, which the 46 days used count too
    ("KZ,2023-03-01,\n", "2023-04-15",
     "You may stay in Kazakhstan until 29 May 2023 (45 days, 15 April 2023 included).",
     "46 days used up to and including 15 April 2023, 44 days left after it."),
    # the last day of a recorded stay: the stay is that day alone
    ("KZ,2023-01-10,2023-02-28\nKZ,2023-04-01,2023-05-10\n", "2023-05-10",
     "You may stay in Kazakhstan until 10 May 2023 (1 day: that day only).",
     "90 days used up to and including 10 May 2023, 0 days left after it."),
], ids=["rolling-off", "last-day"])
def test_present_the_days_of_the_stay_and_the_days_left_agree(
        tmp_path: Path, stays: str, on: str, head: str, counted: str) -> None:
    history = tmp_path / "here.csv"
    history.write_text("country,entry,exit\n" + stays, encoding="utf-8")
    # counting every day of the window, as the rolling limit alone does
    args = ("status", str(history), "--country", "KZ", "--citizenship", "RU", "--on", on,
            "--assume", "kz-days-before-count")
    code, out, _ = run(*args)
    assert code == 0, out
    assert out.splitlines()[:2] == [
        head, f"  Counted under kz-stay-eaeu-90-180 (90 days in any 180): {counted}"]
    # the days of the stay are the query day and the days left after it
    data = json.loads(run(*args, "--json")[1])
    assert data["max_stay_days"] == data["days_remaining"] + 1


@pytest.mark.parametrize(("args", "said"), [
    # one day: "27 January 2023 to 27 January 2023"
    ((PROFILE, "--country", "KZ", "--on", "2023-01-27", "--assume", "kz-days-before-count"),
     "  Overstay: 27 January 2023, 1 day; the count reached 124 days under kz-stay-eaeu-90-180 "
     "(90 days in any 180)."),
    # a run within a year names its year once, as the other runs of days an answer gives
    ((CSV, "--rule", "rolling:60/180", "--on", "2023-12-01"),
     "  Overstay: 11 April to 10 May 2023, 30 days; the count reached 90 days under "
     "rolling:60/180 (60 days in any 180)."),
])
def test_an_overstay_is_told_as_a_run_of_days(args: tuple[str, ...], said: str) -> None:
    code, out, _ = run("status", *args)
    assert code == 0 and said in out.splitlines(), out


def test_a_rule_with_no_limit_is_not_called_the_packs() -> None:
    code, out, _ = run("status", CSV, "--rule", "registration:3", "--on", "2023-05-01")
    assert code == 0
    assert out.splitlines()[0] == ("Under the --rule given, nothing limits your stay in "
                                   "Kazakhstan from 1 May 2023.")


def test_status_json_has_the_design_keys() -> None:
    code, out, _ = run("status", PROFILE, "--country", "KZ", "--on", "2023-01-05", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) >= DESIGN_KEYS
    assert data["latest_exit"] == "2023-03-21"
    rule = next(r for r in data["rules"] if r["id"] == "kz-stay-eaeu-90-180")
    assert rule["confidence"] == "high" and rule["sources"][0]["url"].startswith("https://")
    assert {a["variant"] for a in data["assumptions"]} == {"kz-change-27-jan"}


def test_human_answer_names_rules_sources_and_the_contested_variant() -> None:
    code, out, _ = run("status", PROFILE, "--country", "KZ", "--on", "2023-01-05")
    assert code == 0
    assert "Rules relied on:" in out
    assert "kz-stay-eaeu-90-180" in out and "confidence high" in out
    assert "continent-online.com" in out
    lines = out.splitlines()
    warnings = [i for i, line in enumerate(lines) if line.startswith("Warning: contested")]
    assert len(warnings) == 1 and "--assume kz-change-26-jan" in lines[warnings[0]]
    # beside the answer it changes, before the rules and their sources
    assert warnings[0] < lines.index("Rules relied on:")


def test_the_report_tells_the_contested_stay_rule_under_the_stay_and_once() -> None:
    code, out, _ = run("report", "--assume", "kz-days-before-count", PROFILE, "--on", "2023-01-05")
    assert code == 0
    lines = out.splitlines()
    warnings = [i for i, line in enumerate(lines) if "assumed 'kz-change-27-jan'" in line]
    assert len(warnings) == 1 and warnings[0] < lines.index("Next deadlines:")


def test_assume_switches_the_variant_and_the_answer() -> None:
    args = ["status", PROFILE, "--country", "KZ", "--on", "2023-01-05", "--json"]
    default = json.loads(run(*args)[1])
    other = json.loads(run(*args, "--assume", "kz-days-before-count")[1])
    assert default["latest_exit"] == "2023-03-21"
    assert other["latest_exit"] == "2023-01-26"
    assert {a["variant"] for a in other["assumptions"]} == {"kz-change-27-jan",
                                                            "kz-days-before-count"}


def test_plan_for_a_person_present_is_a_new_entry_after_the_stay(tmp_path: Path) -> None:
    history = tmp_path / "here.csv"
    history.write_text("country,entry,exit\nKZ,2023-02-01,\n")
    code, out, _ = run("plan", str(history), "--country", "KZ", "--citizenship", "RU",
                       "--from", "2023-02-10", "--length", "10")
    assert code == 0
    assert out.splitlines()[:2] == [
        "You may stay in Kazakhstan until 1 May 2023 (81 days, 10 February 2023 included).",
        "If you leave on 10 February 2023, a new 10-day stay can begin the same day (until "
        "19 February 2023)."]


def test_plan_for_a_person_present_says_leaving_resets_no_calendar_year_count(
        tmp_path: Path) -> None:
    # it said "If you leave on 1 February 2025, a new 30-day stay can begin the same day", as
    # if a border run won the days, which staying on gives under a calendar-year limit
    history = tmp_path / "here.csv"
    history.write_text("country,entry,exit\nAZ,2025-01-01,\n")
    args = ("plan", str(history), "--country", "AZ", "--citizenship", "RU", "--from",
            "2025-02-01", "--length", "30")
    code, out, err = run(*args)
    assert code == 0, err
    assert out.splitlines()[:2] == [
        "You may stay in Azerbaijan until 31 March 2025 (59 days, 1 February 2025 included).",
        "A 30-day stay from 1 February 2025 (until 2 March 2025) fits within the stay you are "
        "in; leaving and coming back would reset nothing under az-stay-90-calendar-year-2025 "
        "(90 days per calendar year)."]
    # a stay longer than the one under way still needs leaving first
    code, out, _ = run(*args[:-1], "80")
    assert out.splitlines()[1].startswith("If you leave on 1 February 2025, the earliest a new "
                                          "80-day stay can begin is ")


@pytest.mark.parametrize(("rule", "line"), [
    ("rolling:90/180", "A 30-day stay from 1 February 2024 (until 1 March 2024) fits within "
                       "the stay you are in; leaving and coming back would reset nothing under "
                       "rolling:90/180 (90 days in any 180)."),
    # a per-entry count starts anew on coming back: the border run is what the line offers
    ("per-entry:90", "If you leave on 1 February 2024, a new 30-day stay can begin the same "
                     "day (until 1 March 2024)."),
])
def test_plan_for_a_person_present_offers_a_border_run_under_a_per_entry_limit_alone(
        tmp_path: Path, rule: str, line: str) -> None:
    history = tmp_path / "here.csv"
    history.write_text("country,entry,exit\nKZ,2024-01-10,\n")
    code, out, err = run("plan", str(history), "--country", "KZ", "--rule", rule, "--from",
                         "2024-02-01", "--length", "30")
    assert code == 0, err
    assert out.splitlines()[1] == line
    # the answer's figures are the same either way: a new entry, counted as such
    code, out, _ = run("plan", str(history), "--country", "KZ", "--rule", rule, "--from",
                       "2024-02-01", "--length", "30", "--json")
    answer = json.loads(out)
    assert (answer["earliest_entry"], answer["earliest_until"]) == ("2024-02-01", "2024-03-01")


@pytest.mark.parametrize(("history", "line"), [
    ("KZ,2024-01-10,", "No rule limits your stay: staying on for 30 days from 1 February 2024 "
                       "(until 1 March 2024) needs no leaving."),
    # an exit recorded ahead is the day the stay asked for is counted from, as for a citizen
    ("KZ,2024-01-10,2024-03-01", "No rule limits your stay: a stay of 30 days can begin on 1 "
                                 "March 2024 (until 30 March 2024), the day the stay under way "
                                 "is recorded to end."),
])
def test_plan_for_a_person_present_with_no_limit_says_no_leaving_is_needed(
        tmp_path: Path, history: str, line: str) -> None:
    # a registration rule alone limits no stay: "If you leave on 1 February 2024, a new 30-day
    # stay can begin the same day" read as if leaving were needed
    (tmp_path / "here.csv").write_text(f"country,entry,exit\n{history}\n")
    args = ("plan", str(tmp_path / "here.csv"), "--country", "KZ", "--rule", "registration:15",
            "--from", "2024-02-01", "--length", "30")
    code, out, err = run(*args)
    assert code == 0, err
    assert out.splitlines()[1] == line
    code, out, _ = run(*args, "--json")
    answer = json.loads(out)
    assert (answer["limited_by"], answer["earliest_entry"]) == (
        "none", "2024-02-01" if history.endswith(",") else "2024-03-01")


@pytest.mark.parametrize(("history", "citizenship", "on", "line"), [
    # over the limit: the answer said "...can begin is 22 May 2023 ...: after you leave, even
    # if you come back the same day", as if leaving on the day judged went without saying
    (PROFILE, "RU", "2023-02-20",
     "If you leave on 20 February 2023, the earliest a new 30-day stay can begin is 22 May "
     "2023 (until 20 June 2023)."),
    # an exit recorded after the day judged is the day the new stay is counted from
    # the trip planned from 1 April to 10 May is part of a stay that meets it, not an
    # obstacle (it was "9 July 2023", as if 30 more days came on top of its 40); the stay
    # then lasts to that trip's exit ("until 30 April" read as if the person left then)
    ("KZ,2023-01-10,2023-02-28\nKZ,2023-04-01,2023-05-10", "RU", "2023-02-01",
     "If you leave on 28 February 2023 as planned, the earliest a new 30-day stay can begin "
     "is 1 April 2023 (until 10 May 2023, through your planned trip there)."),
    # a citizen, who need not leave, read "after the trips recorded before it", though the
    # only trip before it is the stay under way
    ("KZ,2023-01-10,2023-02-28", "KZ", "2023-02-01",
     "No rule limits you there: a stay of 30 days can begin on 28 February 2023 (until 29 March "
     "2023), the day the stay under way is recorded to end."),
])
def test_plan_for_a_person_present_says_the_day_they_are_taken_to_leave(
        tmp_path: Path, history: str, citizenship: str, on: str, line: str) -> None:
    if history.startswith("KZ,"):
        (tmp_path / "h.csv").write_text(f"country,entry,exit\n{history}\n")
        history = str(tmp_path / "h.csv")
    code, out, _ = run("plan", "--assume", "kz-days-before-count",
                       history, "--country", "KZ", "--citizenship", citizenship,
                       "--from", on, "--length", "30")
    assert code == 0
    assert _day_back(out.splitlines()[1]) == line


def _day_back(line: str) -> str:
    """``line`` without the caveat an overstay past what the pack grades adds to a day back
    (Kazakhstan's rule grades to 5 days over; tests/cli/test_unknown_bans.py tests it)."""
    for caveat in (", by the stay rules alone: the pack cannot tell whether ",
                   " By the stay rules alone: the pack cannot tell whether "):
        if caveat in line and line.endswith(" brings an entry ban."):
            return line[:line.index(caveat)] + ("" if caveat.startswith(" ") else ".")
    return line


def test_plan_reports_the_earliest_entry() -> None:
    code, out, _ = run("plan", "--assume", "kz-days-before-count",
                       PROFILE, "--country", "KZ", "--from", "2023-02-20",
                       "--length", "30", "--json")
    assert code == 0
    data = json.loads(out)
    # Day X+29 must see at most 60 old days: the window then starts 23 December at the earliest.
    assert data["length"] == 30 and data["earliest_entry"] == "2023-05-22"


def test_plan_s_stay_runs_on_to_the_exit_of_the_planned_trip_it_takes_in(
        tmp_path: Path) -> None:
    # 10 days from 22 January meet the trip planned to Kazakhstan from 25 January to 10
    # February: the person stays on through it, to its exit, not to 31 January. Entering on
    # 22 January cuts short the stay in Kyrgyzstan under way, recorded to 25 January
    history = tmp_path / "h.csv"
    history.write_text("country,entry,exit\nKG,2024-01-01,2024-01-25\nKZ,2024-01-25,2024-02-10\n"
                       "KG,2024-02-10,2024-03-01\n", encoding="utf-8")
    args = ("plan", str(history), "--rule", "per-entry:20", "--country", "KZ",
            "--from", "2024-01-20", "--length", "10")
    code, out, _ = run(*args)
    assert code == 0
    assert out.splitlines()[1] == ("The earliest you can enter for 10 days is 22 January 2024 "
                                   "(staying until 10 February 2024, through your planned trip "
                                   "there), leaving Kyrgyzstan before your recorded exit on 25 "
                                   "January 2024.")
    code, out, _ = run(*args, "--json")
    data = json.loads(out)
    assert (data["earliest_entry"], data["earliest_until"]) == ("2024-01-22", "2024-02-10")
    # with no planned trip met, the stay is the length asked for
    code, out, _ = run(*args[:-1], "2")
    assert json.loads(run(*args[:-1], "2", "--json")[1])["earliest_until"] == "2024-01-21"
    assert "(staying until 21 January 2024), leaving Kyrgyzstan" in out.splitlines()[1]
    # so its registration is due: 12 days from 22 January fall within it
    code, out, _ = run("plan", str(history), "--rule", "per-entry:20+registration:12",
                       *args[4:], "--json")
    assert json.loads(out)["register_by"] == "2024-02-03"


def test_status_gives_earliest_entry_when_no_stay_is_possible() -> None:
    code, out, _ = run("status", "--assume", "kz-days-before-count",
                       PROFILE, "--country", "KZ", "--on", "2023-02-20", "--json")
    data = json.loads(out)
    assert code == 0 and data["max_stay_days"] == 0 and data["earliest_entry"] == "2023-05-21"


def test_plan_says_which_limit_allows_no_stay_that_long() -> None:
    args = ["plan", PROFILE, "--country", "KZ", "--from", "2023-02-20", "--length", "100"]
    code, out, _ = run(*args)
    assert code == 0
    # every such stay ends after 26 April 2023, the last day of the rule's 90 per entry
    assert out.splitlines()[1] == ("No stay of 100 days is possible: kz-stay-eaeu-90-180 (90 days "
                                   "in any 180, counted from 27 January 2023) allows at most 90 "
                                   "days in a row.")
    data = json.loads(run(*args, "--json")[1])
    assert data["earliest_entry"] is None
    assert data["too_long"] == {"rule": "kz-stay-eaeu-90-180", "constraint": "rolling:90/180",
                                "counts_from": "2023-01-27",
                                "label": "90 days in any 180, counted from 27 January 2023",
                                "max_days": 90}
    # a length the limit allows: an earliest day, and no such reason
    data = json.loads(run(*args[:-1], "90", "--json")[1])
    assert data["earliest_entry"] is not None and data["too_long"] is None


@pytest.mark.parametrize(("start", "named"), [
    # a week before 90 in any 180 takes effect: one ending by 26 April is held by the rule's
    # 90 per entry, which ends then, a later one by its 90 in any 180: both are named in
    # too_long_limits, none alone
    ("2023-01-20", None),
    # every such stay ends on or after 27 January 2023 too (the earliest on 20 April)
    ("2023-01-27", "kz-stay-eaeu-90-180"),
    # one from 24 September 2022 may end before it, under 90 per entry, which ends then:
    # no single limit is in force on every day such a stay can end (too_long_limits has both)
    ("2022-09-24", None),
])
def test_a_limit_in_force_from_a_later_day_is_named_when_every_such_stay_ends_under_it(
        start: str, named: str | None) -> None:
    data = json.loads(run("plan", PROFILE, "--country", "KZ", "--from", start, "--length", "91",
                          "--json")[1])
    assert data["earliest_entry"] is None
    assert (data["too_long"] or {}).get("rule") == named
    if named:
        assert [c["rule"] for c in data["too_long_limits"]] == [named]
        assert data["too_long_limits"][0]["until"] is None


@pytest.mark.parametrize(("assume", "last", "first", "ends", "counted"), [
    ((), "26 January 2023", "27 January 2023", "26 April 2023", "27 April 2023"),
    (("--assume", "kz-change-26-jan"), "25 January 2023", "26 January 2023", "25 April 2023",
     "26 April 2023"),
])
def test_limits_one_after_another_that_bar_every_such_stay_are_named(
        assume: tuple[str, ...], last: str, first: str, ends: str, counted: str) -> None:
    # From 24 September 2022 a 91-day stay ends on 23 December or later: under 90 per entry
    # until the change, under the new rule's 90 per entry to its last day (90 days after the
    # count starts), under 90 in any 180 from then. It said "no such stay fits within the
    # next 10 years", as if a later day might have held one.
    args = ["plan", PROFILE, "--country", "KZ", "--from", "2022-09-24", "--length", "91",
            *assume]
    code, out, _ = run(*args)
    assert code == 0
    assert out.splitlines()[1] == (
        f"No stay of 91 days is possible: one ending by {last} is held to at most 90 days in a "
        f"row by kz-stay-eaeu-per-entry (90 days per entry), one ending from {first[:-5]} to "
        f"{ends} is held to at most 90 days in a row by kz-stay-eaeu-90-180 (90 days per "
        f"entry), and one ending from {counted} on is held to at most 90 days in a row by "
        f"kz-stay-eaeu-90-180 (90 days in any 180, counted from {first}).")
    data = json.loads(run(*args, "--json")[1])
    assert data["earliest_entry"] is None and data["too_long"] is None
    iso = {d: dt.datetime.strptime(d, "%d %B %Y").date().isoformat()
           for d in (last, first, ends, counted)}
    assert data["too_long_limits"] == [
        {"rule": "kz-stay-eaeu-per-entry", "constraint": "per-entry:90", "counts_from": None,
         "label": "90 days per entry", "max_days": 90, "from": "2022-12-23", "until": iso[last]},
        {"rule": "kz-stay-eaeu-90-180", "constraint": "per-entry:90", "counts_from": None,
         "label": "90 days per entry", "max_days": 90, "from": iso[first], "until": iso[ends]},
        {"rule": "kz-stay-eaeu-90-180", "constraint": "rolling:90/180",
         "counts_from": iso[first], "label": f"90 days in any 180, counted from {first}",
         "max_days": 90, "from": iso[counted], "until": None}]


def test_a_gap_between_limits_leaves_the_plain_answer(tmp_path: Path) -> None:
    # a day no rule covers could end a stay of any length: no limit bars them all
    import strategies as gen

    rules = (gen.RuleSpec(dt.date(2000, 1, 1).toordinal(), dt.date(2024, 6, 30).toordinal(),
                          (gen.LimitSpec("per_entry", 30),)),
             gen.RuleSpec(dt.date(2024, 7, 2).toordinal(), None,
                          (gen.LimitSpec("per_entry", 30),)))
    gen.write_pack(tmp_path, "KZ", ("KZ",), rules)
    data = json.loads(run("plan", CSV, "--country", "KZ", "--citizenship", "RU", "--from",
                          "2024-03-01", "--length", "40", "--pack", str(tmp_path), "--json")[1])
    assert data["earliest_entry"] is None
    assert data["too_long"] is None and data["too_long_limits"] == []


def test_the_tightest_cap_is_named() -> None:
    code, out, _ = run("plan", CSV, "--rule", "rolling:90/180+per-entry:45+per-entry:30",
                       "--from", "2023-07-20", "--length", "50", "--json")
    assert code == 0 and json.loads(out)["too_long"]["rule"] == "per-entry:30"


def test_limits_that_cap_no_single_stay_are_not_named() -> None:
    # 60 days a calendar year allow 120 in a row across New Year, and a window as long as its
    # maximum never fills: no stay of 200 days fits, but neither limit says "at most N in a row".
    data = json.loads(run("plan", CSV, "--rule", "rolling:90/90+calendar-year:60", "--from",
                          "2023-07-20", "--length", "200", "--json")[1])
    assert data["earliest_entry"] is None and data["too_long"] is None
    data = json.loads(run("plan", CSV, "--rule", "calendar-year:60", "--from", "2023-07-20",
                          "--length", "120", "--json")[1])
    # 89 days of 2023 are already spent: the last 60 days of 2024 and the first 60 of 2025
    assert data["earliest_entry"] == "2024-11-02" and data["too_long"] is None


@pytest.mark.parametrize("permit", [("2023-06-01", "2024-06-30"), ("2034-09-01", "2036-06-01")])
def test_a_permit_ahead_names_no_limit(tmp_path: Path, permit: tuple[str, str]) -> None:
    # Days under a residence permit are not counted: a stay across one may be longer than the
    # limit, now (the trip under way) or in ten years, so no limit is named as forbidding it.
    profile = tmp_path / "p.yaml"
    profile.write_text("version: 1\nperson:\n  citizenships: [RU]\ntrips:\n"
                       "  - {country: KZ, entry: 2023-06-01}\npermits:\n"
                       f"  - {{country: KZ, valid_from: {permit[0]}, valid_to: {permit[1]}}}\n")
    data = json.loads(run("plan", str(profile), "--country", "KZ", "--from", "2024-03-01",
                          "--length", "250", "--json")[1])
    assert data["earliest_entry"] is None and data["too_long"] is None


def test_a_permanent_permit_with_no_end_exempts_every_day_from_its_start(tmp_path: Path
                                                                         ) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("version: 1\nperson:\n  citizenships: [RU]\ntrips:\n"
                       "  - {country: KZ, entry: 2023-01-01}\npermits:\n"
                       "  - {country: KZ, kind: permanent_residence, valid_from: 2023-03-01}\n")
    data = json.loads(run("status", "--assume", "kz-days-before-count",
                          str(profile), "--country", "KZ", "--on", "2026-06-01",
                          "--json")[1])
    # 59 days before the permit, none after it: far from 90 in any 180, whatever the year
    assert data["days_used"] == 0 and data["violations"] == []
    assert data["latest_exit"] is None and data["limited_by"] == "none"


@pytest.mark.parametrize(("until", "named"), [(None, True), (dt.date(2040, 12, 31), False)])
def test_a_limit_named_too_long_has_no_known_end(tmp_path: Path, until: dt.date | None,
                                                  named: bool) -> None:
    # A limit that ends in 2040 forbids no stay then, though none fits in the 10 years searched
    import strategies as gen

    rule = gen.RuleSpec(dt.date(2000, 1, 1).toordinal(),
                        None if until is None else until.toordinal(),
                        (gen.LimitSpec("per_entry", 30),))
    gen.write_pack(tmp_path, "KZ", ("KZ",), (rule,))
    code, out, err = run("plan", CSV, "--country", "KZ", "--citizenship", "RU", "--from",
                         "2024-03-01", "--length", "40", "--pack", str(tmp_path), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["earliest_entry"] is None
    assert (data["too_long"] is not None) is named


def test_a_rule_change_ahead_that_every_such_stay_meets_is_named() -> None:
    # On 5 January 2023 Kazakhstan's per-entry rule is in force, and 90 in 180 from the 27th.
    # Every 100-day stay from then ends on 14 April or later, under 90 in 180: that limit is
    # named (the plain "no such stay fits within the next 10 years" is left for a length no
    # one limit bars on every day such a stay can end, as from 24 September 2022 with 91).
    code, out, _ = run("plan", "--assume", "kz-days-before-count",
                       PROFILE, "--country", "KZ", "--from", "2023-01-05",
                       "--length", "100")
    assert code == 0
    assert out.splitlines()[1] == ("No stay of 100 days is possible: kz-stay-eaeu-90-180 (90 "
                                   "days in any 180) allows at most 90 days in a row.")


def test_choices_are_read_in_any_case_as_codes_are() -> None:
    lower = run("entry", "--citizenship", "ru", "--document", "internal_passport", "--to", "az",
                "--by", "land", "--on", "2022-09-25", "--json")
    upper = run("entry", "--citizenship", "RU", "--document", " Internal_Passport", "--to", "AZ",
                "--by", "LAND", "--on", "2022-09-25", "--json")
    assert lower[0] == upper[0] == 0 and lower[1] == upper[1]
    code, out, _ = run("report", PROFILE, "--on", "2023-01-05", "--format", "JSON")
    assert code == 0 and json.loads(out)["stay"] is not None
    code, _, err = run("entry", "--citizenship", "RU", "--document", "internal_passport",
                       "--to", "AZ", "--by", "camel")
    assert code == 2 and "'camel' is not accepted" in err and "land, air, rail, sea" in err


def test_a_pack_day_count_beyond_a_century_is_refused(tmp_path: Path) -> None:
    # a lead time of a million days passed validation, then overflowed the calendar in permit
    pack = ROOT / "src" / "sojourn" / "rules" / "pack"
    for f in pack.glob("*.yaml"):
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    permits = tmp_path / "permits.yaml"
    text = permits.read_text(encoding="utf-8")
    assert "lead_days: 30" in text
    permits.write_text(text.replace("lead_days: 30", "lead_days: 1000000", 1), encoding="utf-8")
    code, _, err = run("rules", "validate", str(tmp_path))
    assert code == 2 and "lead_days': '1000000' is out of range" in err
    assert "a number at most 36525" in err


def test_past_an_unregistered_deadline_the_earliest_day_says_leave_first(tmp_path: Path
                                                                       ) -> None:
    # "you should leave now", then "the earliest day you may be there again is" today
    history = tmp_path / "h.csv"
    history.write_text("country,entry,exit\nUZ,2023-05-01,\n", encoding="utf-8")
    code, out, err = run("status", str(history), "--rule", "per-entry:60+registration:15/extends",
                         "--on", "2023-05-20")
    assert code == 0, err
    assert ("The earliest day you may be in Uzbekistan again is 20 May 2023, after leaving: a new "
            "entry starts a new registration deadline.") in out


def test_a_long_value_is_not_echoed_whole() -> None:
    # a 5,000-character id was quoted in full in the message
    for args in (["rules", "show", "x" * 5000],
                 ["status", CSV, "--rule", "rolling:90/180", "--assume", "a" * 5000],
                 ["status", CSV, "--country", "KZ", "--citizenship", "RU", "--assume",
                  "a" * 5000],
                 ["permit", PROFILE, "--country", "KZ", "--permit", "p" * 5000]):
        code, _, err = run(*args)
        long = max(args, key=len)
        assert code == 2 and "..." in err and long[:100] not in err, err


def test_rules_list_show_validate() -> None:
    code, out, _ = run("rules", "list")
    assert code == 0 and "kz-stay-eaeu-90-180" in out and "schengen-short-stay-90-180" in out
    code, out, _ = run("rules", "show", "kz-stay-eaeu-90-180", "--json")
    data = json.loads(out)
    assert code == 0 and data["constraints"] == ["per-entry:90", "rolling:90/180"]
    assert [v["valid_from"] for v in data["variants"]] == ["2023-01-27", "2023-01-26",
                                                          "2023-01-27"]
    code, out, _ = run("rules", "validate")
    assert code == 0 and "no problems" in out


def test_json_gives_the_day_a_limit_counts_from_beside_its_spec(tmp_path: Path) -> None:
    # the three accounts of Kazakhstan's 90 in any 180 count from 27 January, from 26 January
    # and every day, and all three read "rolling:90/180" in --json
    code, out, _ = run("rules", "show", "kz-stay-eaeu-90-180", "--json")
    data = json.loads(out)
    assert code == 0 and data["counts_from"] == [None, "2023-01-27"]
    assert [dict(zip(v["constraints"], v["counts_from"], strict=True))["rolling:90/180"]
            for v in data["variants"]] == ["2023-01-27", "2023-01-26", None]
    profile = tmp_path / "kz.yaml"
    profile.write_text(
        "person: {citizenships: [RU]}\n"
        "trips: [{country: KZ, entry: 2023-01-10, exit: 2023-03-20}, "
        "{country: KZ, entry: 2023-03-25}]\n", encoding="utf-8")
    for variant, day in [("kz-change-27-jan", "2023-01-27"), ("kz-change-26-jan", "2023-01-26"),
                         ("kz-days-before-count", None)]:
        code, out, _ = run("status", str(profile), "--country", "KZ", "--on", "2023-03-25",
                           "--assume", variant, "--json")
        data = json.loads(out)
        assert code == 0 and data["binding_constraint"] == "rolling:90/180"
        assert data["binding_counts_from"] == day
        rolling = [c for c in data["constraints"] if c["constraint"] == "rolling:90/180"]
        assert [c["counts_from"] for c in rolling] == [day]
        assert [r["counts_from"] for r in data["rules"] if r["id"] == "kz-stay-eaeu-90-180"
                ] == [[None, day] if day else [None]]


def test_json_gives_the_entries_a_per_entry_limit_judges_beside_its_spec(tmp_path: Path
                                                                          ) -> None:
    # Thailand's 90 days from 1 November 2023 are for entries from that day, the 30 beside
    # them for the entries before: both read "per-entry:..." alone
    code, out, _ = run("rules", "show", "th-stay-ru-90-2023", "--json")
    data = json.loads(out)
    assert code == 0 and data["constraints"] == ["per-entry:90", "per-entry:30"]
    assert data["entered_from"] == ["2023-11-01", None]
    assert data["entered_to"] == [None, "2023-10-31"]
    code, out, _ = run("rules", "show", "th-stay-ru-90-2023")
    assert code == 0 and "30 days per entry, for entries to 31 October 2023" in out
    history = tmp_path / "th.csv"
    history.write_text("country,entry,exit\nTH,2023-10-25,\n", encoding="utf-8")
    code, out, _ = run("status", str(history), "--country", "TH", "--citizenship", "RU",
                       "--on", "2023-11-02", "--json")
    data = json.loads(out)
    assert code == 0 and data["latest_exit"] == "2023-11-23"
    judged = {c["constraint"]: (c["entered_from"], c["entered_to"], c["days_used"])
              for c in data["constraints"] if c["rule"] == "th-stay-ru-90-2023"}
    assert judged == {"per-entry:90": ("2023-11-01", None, 0),
                      "per-entry:30": (None, "2023-10-31", 9)}


def test_rules_json_gives_each_constraint_whole_beside_its_spec() -> None:
    # a registration's unit, short stays and registrant, and a limit's own last day, were in
    # no key: only the spec and the lists of counting and entry days beside it
    code, out, _ = run("rules", "show", "th-stay-ru-60-2024", "--json")
    assert code == 0 and json.loads(out)["constraint_details"] == [
        {"kind": "per_entry", "max": 60, "entered_from": "2024-05-01", "entered_to": None,
         "valid_to": None},
        {"kind": "per_entry", "max": 90, "entered_from": None, "entered_to": "2024-04-30",
         "valid_to": None}]
    code, out, _ = run("rules", "list", "--json")
    listed = {r["id"]: r for r in json.loads(out)}
    assert code == 0 and listed["th-registration-tm30-24-hours"]["constraint_details"] == [
        {"kind": "registration", "within": 1, "unit": "calendar", "effect": "deadline",
         "short_stays": "required", "registrant": "host", "valid_to": None}]
    # each account's own: the per-entry limit's last day differs as the counting start does
    assert {v["name"]: [(d["kind"], d["valid_to"], d.get("counts_from"))
                        for d in v["constraint_details"]]
            for v in listed["kz-stay-eaeu-90-180"]["variants"]} == {
        "kz-change-27-jan": [("per_entry", "2023-04-26", None),
                             ("rolling", None, "2023-01-27")],
        "kz-change-26-jan": [("per_entry", "2023-04-25", None),
                             ("rolling", None, "2023-01-26")],
        "kz-days-before-count": [("rolling", None, None)]}
    assert all(r["constraint_details"] == [] for r in listed.values() if not r["constraints"])


def test_rules_list_words_a_rule_with_no_end_as_every_answer_does() -> None:
    # its "to" column said "open" where `rules show` and the answers say "no end set"
    code, out, _ = run("rules", "list")
    head, *rows = out.splitlines()
    row = next(r for r in rows if r.startswith("kz-stay-eaeu-90-180 "))
    assert row.split()[5:8] == ["no", "end", "set"] and " open " not in out
    # still a column: each row's "to" begins where the heading's does
    at = head.index(" to ") + 1
    assert row[at:at + 10] == "no end set"
    assert next(r for r in rows if r.startswith("kz-stay-eaeu-per-entry "))[at:at + 10] == (
        "2023-01-26")
    code, out, _ = run("rules", "show", "kz-stay-eaeu-90-180")
    assert code == 0 and "in force from 27 January 2023, no end set;" in out


def test_usage_errors_exit_2_with_a_message_and_no_traceback() -> None:
    cases = [
        (["status", CSV, "--on", "2023-01-01"], "--country"),
        (["status", CSV, "--country", "KZ", "--on", "2023-01-01"], "--citizenship"),
        # report has no --country: the message must not send the user looking for one
        (["report", CSV, "--on", "2023-03-01"], "--citizenship is needed for the pack's rules"),
        (["status", CSV, "--country", "XX", "--citizenship", "RU"], "not a country code"),
        # with --rule the citizenship changes nothing, but a typo is still said (as batch does)
        (["status", CSV, "--rule", "rolling:90/180", "--citizenship", "XX"],
         "--citizenship: 'XX' is not a country code"),
        (["status", PROFILE, "--country", "KZ", "--assume", "nope"], "no rule in the pack"),
        # several countries have no one set of holidays: status counted weekends alone,
        # while batch refused the same; both refuse now, here with the countries of the trips
        (["status", PROFILE, "--rule", "registration:3/working"], "give --country with one code"),
        (["status", CSV, "--rule", "registration:3/working", "--country", "KZ,KG"],
         "--country: 'KZ,KG' names more than one country, and a registration in working days "
         "needs one host's public holidays; expected one code, e.g. --country KZ"),
        # every command that reads --citizenship checks it: risk, destinations and report
        # took XX and a tab, and judged " ru" as no known citizenship
        (["risk", PROFILE, "--country", "KZ", "--citizenship", "XX"],
         "--citizenship: 'XX' is not a country code"),
        (["destinations", PROFILE, "--citizenship", "\t"], "is not a country code"),
        (["report", PROFILE, "--citizenship", "XX"], "--citizenship: 'XX' is not a country code"),
        (["permit", PROFILE, "--country", "KZ", "--permit", "kz-permit-temporary",
          "--citizenship", ""], "--citizenship: '' is not a country code"),
        # numbers are told as all bad input is, not in Typer's box of pydantic's words
        (["entry", "--citizenship", "RU", "--document", "id_card", "--to", "KZ", "--age", "-1"],
         "error: --age: '-1' is out of range; expected a whole number from 0 to 150"),
        (["entry", "--citizenship", "RU", "--document", "id_card", "--to", "KZ", "--age", "x"],
         "error: --age: 'x' is not a whole number"),
        (["plan", CSV, "--rule", "per-entry:30", "--length", "0"],
         "error: --length: '0' is out of range; expected a whole number from 1 to 36525"),
        (["plan", CSV, "--rule", "per-entry:30", "--length", "1e3"],
         "error: --length: '1e3' is not a whole number"),
        # int() refuses 4,300 digits and more: an internal error
        (["plan", CSV, "--rule", "per-entry:30", "--length", "1" * 5000],
         "is out of range; expected a whole number from 1 to 36525"),
        # an empty --pack named the working directory
        (["rules", "list", "--pack", ""], "error: '' is no rule pack: it is empty"),
        (["rules", "validate", ""], "error: '' is no rule pack: it is empty"),
        # an empty day is no day: --apply-on '' was taken as not given
        (["permit", PROFILE, "--country", "KZ", "--permit", "kz-permit-temporary",
          "--apply-on", ""], "--apply-on: '' is not a date"),
        # a filing day already past: the plan said "filing on 1 March 2023 comes too soon: to
        # file the application in time you needed to start by 1 March 2023"
        (["permit", PROFILE, "--country", "KZ", "--permit", "kz-permit-temporary", "--on",
          "2023-03-04", "--apply-on", "2023-03-01"],
         "--apply-on: '2023-03-01' is before the day judged, 2023-03-04: a plan is for filing "
         "from that day on; expected a day on or after 2023-03-04, or --on 2023-03-01 to plan "
         "as of that day"),
        # no character folds into a code: Unicode upper-cases these to FI, SS and SCHENGEN
        (["entry", "--citizenship", "RU", "--document", "id_card", "--to", "ﬁ"],
         "--to: 'ﬁ' is not a country code"),
        (["rules", "coverage", "--citizenship", "ß"], "'ß' is not a country code"),
        # the period shown ran backwards: "from 1 January 2022 to 1 June 2021"
        (["rules", "coverage", "--on", "2021-06-01"],
         "error: --on: '2021-06-01' is before 2022-01-01, where the coverage begins; expected a "
         "date from 2022-01-01"),
        (["status", CSV, "--country", "ſchengen", "--citizenship", "RU"],
         "is not a country code or a zone of the pack"),
        (["status", CSV, "--country", "KZ", "--citizenship", "ß"], "is not a country code"),
        # --rule has no variant to pick: the option was silently ignored
        (["plan", CSV, "--rule", "per-entry:30", "--length", "5", "--assume", "kz-change-26-jan"],
         "--assume: 'kz-change-26-jan' picks a variant of a rule in the pack, and --rule "
         "judges"),
        (["rules", "show", "nope"], "rules list"),
        (["status", CSV, "--rule", "rolling:90/180", "--on", "20230101"], "YYYY-MM-DD"),
        # days the engine cannot count on from (it works out dates a century ahead)
        (["status", CSV, "--rule", "rolling:90/180", "--on", "9999-12-31"],
         "is outside the days sojourn judges; expected a date from 1900-01-01 to 2999-12-31"),
        (["permit", PROFILE, "--country", "KZ", "--permit", "kz-permit-permanent-2015",
          "--apply-on", "0001-01-02"], "is outside the days sojourn judges"),
        # a count of days no rule gives (a billion-day window overflowed the calendar)
        (["plan", CSV, "--rule", "registration:" + "1" * 30, "--length", "30"],
         "must be at most 36525"),
        (["status", CSV, "--rule", "rolling:90/1000000000"], "WINDOW must be at most 36525"),
        # the country is at fault, not the permit (it blamed --permit)
        (["permit", PROFILE, "--country", "XX", "--permit", "kz-permit-temporary"],
         "--country: 'XX' is not a country code"),
    ]
    for args, words in cases:
        code, out, err = run(*args)
        assert code == 2, args
        assert words in err, (args, err)
        assert "Traceback" not in out + err


def test_a_csv_history_records_no_registrations_so_a_past_deadline_is_not_overdue(
        tmp_path: Path) -> None:
    # status said "...; OVERDUE." of a CSV history, which cannot record a registration
    csv = tmp_path / "kz.csv"
    csv.write_text("country,entry,exit\nKZ,2023-01-10,\n", encoding="utf-8")
    profile = tmp_path / "kz.yaml"
    profile.write_text("person: {citizenships: [RU]}\ntrips: [{country: KZ, entry: 2023-01-10}]\n",
                       encoding="utf-8")
    unknown = ("(kz-registration-host-notice); passed; a CSV history records no registrations, "
               "so whether it was done is not known.")
    for command in (["status", "--on"], ["plan", "--length", "10", "--from"]):
        args = [command[0], "--country", "KZ", *command[1:], "2023-02-01"]
        code, out, _ = run(*args[:1], str(csv), "--citizenship", "RU", *args[1:])
        assert code == 0 and unknown in out and "OVERDUE" not in out, out
        code, out, _ = run(*args[:1], str(profile), *args[1:])
        assert code == 0 and "(kz-registration-host-notice); OVERDUE." in out, out
    code, out, _ = run("status", str(csv), "--country", "KZ", "--citizenship", "RU", "--on",
                       "2023-01-11")
    assert "; a CSV history records no registrations." in out and "not yet recorded" not in out
    for history, extra, records in ((csv, ["--citizenship", "RU"], False), (profile, [], True)):
        code, out, _ = run("status", str(history), "--country", "KZ", *extra, "--on",
                           "2023-02-01", "--json")
        registration = json.loads(out)["registration"]
        assert registration["history_records_registrations"] is records
        assert registration["overdue"] is True  # the deadline passed with none recorded


@pytest.mark.parametrize(("trip", "spec", "said"), [
    # Eid al-Fitr 2027 is the holidays package's estimate; Tajikistan moves no days by decree
    ("TJ,2027-03-05,", "registration:10/working",
     "The deadline is an estimate: it counts Eid al-Fitr as on 9 March 2027, the holiday "
     "calendar's estimate of a date set nearer the day; check it nearer the day."),
    # Azerbaijan: two estimated holidays of several days, and no decree known for 2027
    ("AZ,2027-03-05,", "registration:60/working",
     "The deadline is an estimate: it counts Eid al-Fitr as from 9 March 2027 and Eid "
     "al-Adha as from 16 May 2027, the holiday calendar's estimates of dates set nearer the "
     "day, and Azerbaijan's decrees moving days off in 2027 are not all known; check it "
     "nearer the day."),
    ("KG,2027-10-04,", "registration:5/working",
     "The deadline is an estimate: Kyrgyzstan's decrees moving days off in 2027 are not all "
     "known; check it nearer the day."),
])
def test_a_working_day_deadline_the_calendar_does_not_know_for_sure_is_called_an_estimate(
        tmp_path: Path, trip: str, spec: str, said: str) -> None:
    # "Register by 26 March 2027" was given as exact, though it counts a holiday whose date
    # is set by moon sighting, or a year whose days off a decree not yet made may move
    history = tmp_path / "h.csv"
    history.write_text(f"country,entry,exit\n{trip}\n", encoding="utf-8")
    country = trip[:2]
    code, out, err = run("status", str(history), "--rule", spec, "--country", country,
                         "--on", trip[3:13])
    assert code == 0, err
    assert said in [line.strip() for line in out.splitlines()], out


def test_a_passed_estimated_deadline_is_checked_against_the_days_closed_then(
        tmp_path: Path) -> None:
    # asked in June about a deadline of March, "check it nearer the day" told the person to
    # wait for a day long gone
    history = tmp_path / "h.csv"
    history.write_text("country,entry,exit\nKG,2027-03-01,\n", encoding="utf-8")
    code, out, err = run("status", str(history), "--rule", "registration:10/working",
                         "--country", "KG", "--on", "2027-06-01")
    assert code == 0, err
    [said] = [line.strip() for line in out.splitlines() if "is an estimate" in line]
    assert said.endswith("are not all known; check it against the days offices were actually "
                         "closed then."), out


def test_a_working_day_deadline_the_calendar_knows_is_no_estimate(tmp_path: Path) -> None:
    # Kazakhstan's 2023, decree and all, is known; and a deadline in calendar days counts no
    # holiday at all
    history = tmp_path / "h.csv"
    history.write_text("country,entry,exit\nKZ,2023-03-07,\n", encoding="utf-8")
    for spec in ("registration:3/working", "registration:3"):
        code, out, _ = run("status", str(history), "--rule", spec, "--country", "KZ",
                           "--on", "2023-03-07")
        assert code == 0 and "Register by" in out and "estimate" not in out, out
    history.write_text("country,entry,exit\nKG,2027-03-05,\n", encoding="utf-8")
    code, out, _ = run("status", str(history), "--rule", "registration:5", "--country", "KG",
                       "--on", "2027-03-05")
    assert code == 0 and "Register by" in out and "estimate" not in out, out


def test_an_unregistered_stay_of_a_csv_history_is_told_as_unknown_not_as_fact(
        tmp_path: Path) -> None:
    csv = tmp_path / "kz.csv"
    csv.write_text("country,entry,exit\nKZ,2023-01-10,\n", encoding="utf-8")
    code, out, _ = run("status", str(csv), "--rule", "registration:3/extends", "--country", "KZ",
                       "--on", "2023-02-01")
    assert code == 0
    assert ("Note: unless the stay was registered by 13 January 2023, it should have ended then "
            "(a CSV history records no registrations).") in out


@pytest.mark.parametrize(("args", "message"), [
    (["status", "", "--country", "KZ"], "HISTORY: '' is empty"),
    (["entry", "--citizenship", "RU", "--document", "id_card", "--to", "KZ", "--history", ""],
     "--history: '' is empty"),
    (["report", PROFILE, "-o", ""], "--output: '' is empty"),
    (["batch", "", "--country", "KZ", "--out", "p.csv"], "INPUT: '' is empty"),
    (["batch", CSV, "--country", "KZ", "--out", "p.csv", "--violations-out", ""],
     "--violations-out: '' is empty"),
    (["flows", CSV, "--from", "2023-01-01", "--to", "2023-01-02", "--out", "f.csv",
      "--rejects-out", ""], "--rejects-out: '' is empty"),
    (["flows", CSV, "--from", "2023-01-01", "--to", "2023-01-02", "--out", "f.csv", "--plot",
      ""], "--plot: '' is empty"),
])
def test_an_empty_file_name_is_refused_as_empty(args: list[str], message: str) -> None:
    # Typer reads "" as Path("."): an unset variable in --out "$OUT" was told as the working
    # directory ("'.' is a directory") or not at all
    code, _, err = run(*args)
    assert code == 2 and err == f"error: {message}; expected a file name\n", err


@pytest.mark.parametrize(("args", "option"), [
    (["report", PROFILE, "-o"], "--output"),
    (["batch", CSV, "--country", "KZ", "--out"], "--out"),
    (["batch", CSV, "--country", "KZ", "--out", "p.csv", "--violations-out"],
     "--violations-out"),
    (["batch", CSV, "--country", "KZ", "--out", "p.csv", "--rejects-out"], "--rejects-out"),
    (["flows", CSV, "--from", "2023-01-01", "--to", "2023-01-02", "--out"], "--out"),
    (["flows", CSV, "--from", "2023-01-01", "--to", "2023-01-02", "--out", "f.csv",
      "--plot"], "--plot"),
])
def test_a_directory_name_is_refused_as_an_output(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  args: list[str], option: str) -> None:
    # Path drops a trailing separator: `report -o reports/` wrote a file named reports
    monkeypatch.chdir(tmp_path)
    code, _, err = run(*args, "out.csv/")
    assert code == 2 and err == (f"error: {option}: 'out.csv/' is a directory name; expected a "
                                 "file name\n"), err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("args", "message"), [
    (["status", "a\0.csv"], "HISTORY: 'a\\x00.csv' holds a NUL character, which no file "
                             "name can hold; expected a file name"),
    (["report", PROFILE, "-o", "r\0.ics"], "--output: 'r\\x00.ics' holds a NUL character"),
    (["batch", CSV, "--country", "KZ", "--out", "p\0.csv"], "--out: 'p\\x00.csv' holds a NUL"),
    (["flows", CSV, "--from", "2023-01-01", "--to", "2023-01-02", "--out", "f.csv", "--plot",
      "p\0.png"], "--plot: 'p\\x00.png' holds a NUL"),
    (["rules", "list", "--pack", "pack\0"], "'pack\\x00': holds a NUL character, which no "
                                            "file name can hold; expected a rule file"),
    (["rules", "validate", "\0"], "'\\x00': holds a NUL character"),
])
def test_a_file_name_with_a_nul_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           args: list[str], message: str) -> None:
    # a command line cannot hold a NUL, but a caller from within Python can: os.stat raised
    # ValueError, an internal error
    monkeypatch.chdir(tmp_path)
    code, _, err = run(*args)
    assert code == 2 and err.startswith(f"error: {message}"), err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("args", "message"), [
    # Typer drew these in a box under a usage line, with no suggestion for a typo
    (["risk", "examples/deserter.yaml", "--on", "2024-01-01"],
     "error: sojourn risk needs --country (Host country, e.g. KZ)"),
    (["risk", "examples/deserter.yaml", "--on", "2024-01-01", "--countyr", "AM"],
     "error: sojourn risk has no option --countyr; did you mean --country?"),
    (["status"], "error: sojourn status needs HISTORY (Trips: a .csv (country,entry,exit) or a "
                 ".yaml/.json profile)"),
    (["status", CSV, "--rule", "rolling:90/180", "--on"],
     "error: sojourn status: option '--on' requires an argument; `sojourn status --help` shows "
     "the accepted form"),
    (["status", CSV, "surplus"], "error: sojourn status: got unexpected extra argument"),
    (["statu"], "error: sojourn: no such command 'statu'; did you mean 'status'?"),
    (["rules", "valdate"], "error: sojourn rules: no such command 'valdate'; did you mean "
                           "'validate'?"),
    (["rules", "validate", "--strict"], "error: sojourn rules validate has no option --strict; "
                                        "`sojourn rules validate --help` shows the accepted form"),
    # an option another command takes: Click's nearest spelling pointed the wrong way
    (["report", PROFILE, "--on", "2023-01-05", "--json"],  # was "did you mean --on?"
     "error: sojourn report has no option --json; did you mean --format json?"),
    (["plan", PROFILE, "--length", "10", "--on", "2023-02-20"],  # was "did you mean --json?"
     "error: sojourn plan has no option --on; plan takes --from DATE, the first day to "
     "consider"),
    (["entry", "--citizenship", "RU", "--document", "id_card", "--country", "KZ"],
     "error: sojourn entry has no option --country; did you mean --to CODE?"),
    # a host asked of a command that judges every host, or takes it under another name
    (["destinations", PROFILE, "--country", "KZ"],  # was "did you mean --document?"
     "error: sojourn destinations has no option --country; destinations judges every host of "
     "the pack; for one host, `sojourn status --country CODE`"),
    (["flows", "examples/crossings.csv", "--country", "KZ"],  # was "did you mean --out?"
     "error: sojourn flows has no option --country; flows counts every country of the log"),
    (["rules", "coverage", "--country", "KZ"],  # was "did you mean --on?"
     "error: sojourn rules coverage has no option --country; coverage lists every host; "
     "`sojourn rules list --country CODE` keeps one host's rules"),
    (["status", PROFILE, "--to", "KZ"],  # was "did you mean --on?"
     "error: sojourn status has no option --to; did you mean --country CODE?"),
    (["plan", PROFILE, "--to", "KZ"],  # was "did you mean --json?"
     "error: sojourn plan has no option --to; did you mean --country CODE?"),
    # entry takes --visa; destinations and report read the profile's visas
    (["destinations", PROFILE, "--visa"],  # was "`sojourn destinations --help` shows ..."
     "error: sojourn destinations has no option --visa; destinations judges the profile's visa "
     "documents valid on --on (type: visa, country: the state that issued it)"),
    (["report", PROFILE, "--no-visa"],
     "error: sojourn report has no option --no-visa; report judges the profile's visa "
     "documents valid on --on"),
    # an option given twice over: Click kept the last value and dropped the first unseen
    (["entry", "--citizenship", "RU", "--document", "id_card", "--to", "GE", "--visa",
      "--no-visa"],
     "error: sojourn entry: --visa and --no-visa say opposite things; give one of them"),
    (["status", CSV, "--rule", "rolling:90/180", "--on", "2023-06-01", "--on=2023-07-01"],
     "error: sojourn status: --on is given 2 different values ('2023-06-01', '2023-07-01'); "
     "give it once"),
    # folded as the command folds codes, they are still two countries
    (["status", CSV, "--citizenship", "RU", "--country", "kz", "--country", "ge", "--country",
      "KZ"],
     "error: sojourn status: --country is given 2 different values ('kz', 'ge'); give it once"),
    (["report", PROFILE, "--on", "2023-01-05", "-o", "a.txt", "--output", "b.txt"],
     "error: sojourn report: -o and --output are one option, given 2 different values "
     "('a.txt', 'b.txt'); give it once"),
])
def test_click_usage_errors_are_one_line_as_sojourn_s_own(args: list[str], message: str) -> None:
    code, out, err = run(*args)
    assert code == 2 and out == "" and err.startswith(message), err
    assert len(err.strip().splitlines()) == 1 and "╭" not in err and "Usage:" not in err


def test_a_missing_permit_is_answered_with_the_host_s_permit_rules() -> None:
    # "sojourn permit needs --permit (A permit rule id (rules list))" named no id to give
    from sojourn.rules.loader import load_pack

    ids = [r.id for r in load_pack().rules if r.topic == "permit" and r.host == "GE"]
    assert ids
    code, out, err = run("permit", PROFILE, "--country", "ge", "--on", "2023-01-05")
    assert (code, out) == (2, "")
    # the profile's holder is Russian: the rules named are those for him (all of Georgia's)
    assert err == ("error: sojourn permit needs --permit RULE_ID; permit rules there for "
                   f"citizens of the Russian Federation: {', '.join(ids)}\n")


def test_a_bad_apply_on_is_told_before_a_missing_permit() -> None:
    # as a bad --country or --on is: only the missing --permit was told, and the bad day
    # only on the next run, once --permit was given
    code, out, err = run("permit", PROFILE, "--country", "KZ", "--apply-on", "2023-02-30")
    assert (code, out) == (2, "")
    assert err.startswith("error: --apply-on: '2023-02-30' is not a calendar date")


@pytest.mark.parametrize("command", [["status", PROFILE], ["permit", PROFILE],
                                     ["status", CSV, "--rule", "rolling:90/180"]])
def test_a_bad_country_is_told_in_one_form_by_every_command(command: list[str]) -> None:
    # status wrote "--country 'XX' is ...", permit "--country: 'XX' is ..."
    code, _, err = run(*command, "--country", "XX", "--citizenship", "RU")
    assert code == 2 and err.startswith("error: --country: 'XX' is not a country code")


def test_a_host_without_permit_rules_is_told_so_not_asked_for_a_permit_rule() -> None:
    # "needs --permit RULE_ID; permit rules there: none in the pack" asked for an id with none
    # to give
    from sojourn.rules.loader import load_pack

    hosts = sorted({r.host for r in load_pack().rules if r.topic == "permit"})
    assert "GB" not in hosts and "KZ" in hosts
    told = (f"the pack has no permit rules for the United Kingdom (GB); it has them for "
            f"{', '.join(hosts)}")
    code, out, err = run("permit", PROFILE, "--country", "gb", "--on", "2023-01-05")
    assert (code, out, err) == (2, "", f"error: {told}\n")
    code, out, err = run("permit", PROFILE, "--country", "GB", "--on", "2023-01-05",
                         "--permit", "kz-permit-temporary")
    assert (code, out) == (2, "")
    assert err == ("error: --permit: 'kz-permit-temporary' is not a permit rule for GB; "
                   f"expected a permit rule id of GB; {told}\n")


def test_a_member_state_without_permit_rules_of_its_own_is_given_its_zone_s() -> None:
    # Germany has none of its own: the Schengen area's judge it, as its stay rules do; before,
    # "the pack has no permit rules for Germany (DE)", and --country SCHENGEN was refused.
    # Croatia's are the zone's from the day it joined, 1 January 2023, only
    code, _, err = run("permit", PROFILE, "--country", "DE", "--on", "2023-01-05",
                       "--citizenship", "UA")
    assert code == 2 and err.endswith(
        "permit rules there for citizens of Ukraine (those of the Schengen area, which Germany "
        "is judged as part of): schengen-permit-ua-temporary-protection\n")
    # the profile's holder is Russian, for whom the zone's one rule is none to choose
    code, _, err = run("permit", PROFILE, "--country", "DE", "--on", "2023-01-05")
    assert code == 2 and err.endswith(
        "permit rules there for citizens of the Russian Federation (those of the Schengen area, "
        "which Germany is judged as part of): none in the pack\n")
    code, _, err = run("permit", PROFILE, "--country", "HR", "--on", "2022-06-01")
    assert code == 2 and "the pack has no permit rules for Croatia (HR)" in err


def test_a_wrong_permit_id_is_answered_with_each_version_s_days() -> None:
    # Kazakhstan's permanent residence has three versions, each one id: listed bare, the
    # ended ones read as choices as good as the one in force
    from sojourn.dates import format_long
    from sojourn.rules.loader import load_pack

    pack = load_pack()
    old, mid = (pack.rule(f"kz-permit-permanent-{y}") for y in (2015, 2023))
    assert old is not None and old.valid_to and mid is not None and mid.valid_to
    err = run("permit", PROFILE, "--country", "KZ", "--permit", "kz-permit-perm",
              "--on", "2026-12-01")[2]
    assert (f"kz-permit-permanent-2015 (ended {format_long(old.valid_to)}), "
            f"kz-permit-permanent-2023 (ended {format_long(mid.valid_to)}), "
            "kz-permit-permanent-2026, ") in err
    # before a version begins, its first day
    err = run("permit", PROFILE, "--country", "KZ", "--permit", "kz-permit-perm",
              "--on", "2022-06-01")[2]
    assert (f"kz-permit-permanent-2015, kz-permit-permanent-2023 (from "
            f"{format_long(mid.valid_from)}), ") in err


def test_a_missing_permit_offers_no_route_closed_on_the_day(tmp_path: Path) -> None:
    # on 1 June 2025 the choices offered Argentina's Art. 22 permanent residence, closed from
    # 29 May 2025, and ar-permit-parent-permanent-ended, the rule recording it closed
    profile = tmp_path / "ar.yaml"
    profile.write_text("person: {citizenships: [RU]}\n"
                       "trips: [{country: AR, entry: 2025-03-01}]\n", encoding="utf-8")
    closing = "not issued from 29 May 2025: ar-permit-parent-permanent-ended"
    code, out, err = run("permit", str(profile), "--country", "AR", "--on", "2025-06-01")
    assert (code, out) == (2, "")
    offered, _, closed = err.partition("; closed on 1 June 2025: ")
    assert "ar-permit-parent-permanent" not in offered
    assert "ar-permit-parent-temporary-2025" in offered
    assert closed == f"ar-permit-parent-permanent ({closing})\n"
    # before that day it is a route, which the listing says closes
    err = run("permit", str(profile), "--country", "AR", "--on", "2025-05-01")[2]
    assert f"ar-permit-parent-permanent ({closing})" in err
    assert "closed on" not in err and "ar-permit-parent-permanent-ended," not in err
    # every route closed: none open, not "none in the pack"; for a Russian, under the account
    # of tr-permit-short-term-2023 that records the permit refused (a contested rule is judged
    # by the account assumed: by default it is a route, and the listing named it closed on
    # the rule as written, whatever was assumed)
    closed_ru = ("permit rules there for citizens of the Russian Federation: none open on 1 "
                 "January 2023; closed: tr-permit-short-term-2022 (not issued from 26 December "
                 "2022: tr-permit-short-term-2023)\n")
    tr = ("permit", str(profile), "--country", "TR", "--on", "2023-01-01", "--citizenship", "RU")
    assert run(*tr, "--assume", "tr-refused-to-russians")[2].endswith(closed_ru)
    err = run(*tr)[2]
    assert err.endswith("permit rules there for citizens of the Russian Federation: "
                        "tr-permit-short-term-2022 (ended 25 December 2022), "
                        "tr-permit-short-term-2023\n")


def test_a_permit_rule_only_last_seen_is_not_said_to_have_ended(tmp_path: Path) -> None:
    # Argentina's extension of a tourist stay is last seen granted to Russians in 2022
    # (valid_to_basis: last_seen): the list of choices on 10 March 2023 said "(ended 31
    # December 2022)", an end no source gives, where every other answer says "to at least"
    profile = tmp_path / "ar.yaml"
    profile.write_text("person: {citizenships: [RU]}\n"
                       "trips: [{country: AR, entry: 2022-12-18}]\n", encoding="utf-8")
    code, out, err = run("permit", str(profile), "--country", "AR", "--on", "2023-03-10")
    assert (code, out) == (2, "")
    assert ("ar-permit-extension-ru (in force to at least 31 December 2022: no source read "
            "shows it later)") in err
    assert "ended 31 December 2022" not in err


def test_a_permit_rule_for_another_citizenship_is_refused_naming_the_one_held(
        tmp_path: Path) -> None:
    # mn-permit-residence is the Russians': a Kazakh citizen got a dated plan from it, as if
    # Mongolia asked the same of him
    profile = tmp_path / "dual.yaml"
    profile.write_text("person: {citizenships: [KZ, RU]}\n"
                       "trips: [{country: MN, entry: 2025-05-10}]\n", encoding="utf-8")
    args = ["permit", str(profile), "--country", "MN", "--permit", "mn-permit-residence",
            "--on", "2025-05-12"]
    code, out, err = run(*args, "--citizenship", "KZ")
    assert (code, out) == (2, "")
    assert err == ("error: --permit: 'mn-permit-residence' is a permit rule for citizens of "
                   "the Russian Federation, not of Kazakhstan, the citizenship judged; expected "
                   "a permit rule id of MN for citizens of Kazakhstan; permit rules there for "
                   "citizens of Kazakhstan: none in the pack; to plan it for the other "
                   "citizenship you hold: --citizenship RU\n")
    code, out, _ = run(*args, "--citizenship", "RU")
    assert code == 0 and out.startswith("Unknown: Residence permit (Mongolia).")


def test_a_permit_is_not_moved_to_another_citizenship_s_rule_for_it(tmp_path: Path) -> None:
    # A Russian in Türkiye in December 2022 files after 25 December, when his permit rule ends
    # and tr-permit-short-term-2023 begins (under the account that records it refused). A rule
    # for Kazakh citizens of the same permit, listed first, was taken as its successor: a plan
    # "to file by 30 December" from it.
    pack = tmp_path / "pack"
    shutil.copytree(builtin_pack_dir(), pack)
    (pack / "aa_kz.yaml").write_text(
        "schema: sojourn.rules/1\nrules:\n  - id: tr-permit-short-term-kz\n"
        "    title: The same permit for Kazakh citizens\n    host: TR\n"
        "    citizenships: [KZ]\n    topic: permit\n    valid_from: 2022-12-26\n"
        "    permit: {name: Short-term residence permit for tourism (Türkiye), kind: temporary}\n"
        "    confidence: low\n    sources: [{title: Somewhere, url: 'https://example.org/'}]\n",
        encoding="utf-8")
    history = tmp_path / "h.csv"
    history.write_text("country,entry,exit\nTR,2022-11-01,\n", encoding="utf-8")
    code, out, err = run("permit", str(history), "--citizenship", "RU", "--country", "TR",
                         "--permit", "tr-permit-short-term-2022", "--on", "2022-12-20",
                         "--assume", "tr-refused-to-russians", "--pack", str(pack))
    assert code == 0, err
    assert "tr-permit-short-term-kz" not in out
    assert ("tr-permit-short-term-2023 records this permit refused from 26 December 2022"
            in out)


def _command_paths(command: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and group under ``command``, as the words that name it."""
    subcommands = getattr(command, "commands", {})
    return [path, *(p for name, sub in sorted(subcommands.items())
                    for p in _command_paths(sub, (*path, name)))]


@pytest.mark.parametrize("path", _command_paths(typer.main.get_command(app)), ids=" ".join)
def test_help_names_what_each_parameter_takes_not_its_python_type(path: tuple[str, ...]
                                                                   ) -> None:
    # Typer 0.29 showed "Usage: sojourn status [OPTIONS] {history}", "--on <str>",
    # "--assume <list[str]>", and "<bool>" beside --json and --help, which take no value
    result = runner.invoke(app, [*path, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    for placeholder in ("<str>", "<bool>", "<list[", "<path>", "<int>", "{"):
        assert placeholder not in result.stdout, (placeholder, result.stdout)
    lines = result.stdout.splitlines()
    for flag in ("--help", "--json"):
        for line in (line for line in lines if f" {flag} " in line):
            assert line.split(flag, 1)[1].split()[0] in ("Show", "Print"), line
    for line in lines:  # a day is a DATE, and its help says its form
        if " DATE " in line:
            assert "YYYY-MM-DD" in line, line


def help_text(*path: str) -> str:
    """``sojourn PATH --help`` as one line of words, whatever the width wraps."""
    result = runner.invoke(app, [*path, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    return " ".join(result.stdout.replace("│", " ").split())


def test_help_says_what_each_command_does_and_takes() -> None:
    # batch has no profile: its --citizenship "defaults to the profile's" said nothing true
    assert ("--citizenship CODE Passport (ISO code) of persons whose rows give no citizenship; "
            "not needed with --rule.") in help_text("batch")
    # an analyst reads what the outputs' columns mean where the options are
    batch = help_text("batch")
    assert ("days_remaining (days left after --on), latest_exit (the last day a stay from --on "
            "may run to), max_stay_days (--on to latest_exit, both counted; 0: no day left)"
            ) in batch
    assert "peak (the highest count of days in the run)" in batch
    assert ("arrivals and departures (stays beginning and ending that day), present (persons "
            "there that day") in help_text("flows")
    # rules also has coverage, which "List, show and validate the rule pack" left out, and
    # changes, which the line after that still left out
    rules = help_text("rules")
    assert all(f" {name} " in rules
               for name in ("list", "show", "changes", "validate", "coverage"))
    summary = ("The rule pack: list, show and validate its rules, the changes in a host's rules "
               "over a period, and its coverage per host and topic.")
    assert summary in rules and f"rules {summary}" in help_text()
    # rules list and rules coverage print an array, not "one JSON object"
    for path in (("rules", "list"), ("rules", "coverage")):
        assert "--json Print one JSON array." in help_text(*path)
    assert "--json Print one JSON object." in help_text("rules", "show")
    # a CSV history names no citizenship: "defaults to the profile's" is not the whole story
    assert ("--citizenship CODE Passport judged (ISO code); default: the profile's. A CSV "
            "history needs it for the pack's rules.") in help_text("status")
    # "liabilities of dual citizens": a citizen of one state is told its liability too
    assert ("risk Extradition exposure in a host, and liability for foreign army service. Not "
            "legal advice.") in help_text()
    # report has no --country, and its help did not say which country it reports on
    assert "A case report on where you are on --on:" in help_text("report")
    # --pack takes a single rule file too, as the README says: "DIR" and "directory" hid it
    for path in (("status",), ("batch",), ("rules", "list")):
        assert ("--pack PATH A rule pack directory, or one rule file, to use instead of the "
                "built-in one.") in help_text(*path)


def test_a_list_of_commands_gives_each_its_summary_unbroken() -> None:
    # a docstring's line breaks were kept in the list, cutting "rules changes" and "rules show"
    # mid-sentence however wide the terminal
    result = runner.invoke(app, ["rules", "--help"], env={"COLUMNS": "250"})
    listed = {line.split()[1]: line for line in result.stdout.splitlines()
              if line.startswith("│ ") and len(line.split()) > 2}
    assert listed["changes"].rstrip(" │").endswith(
        "by day: what each replaced, and what the two say differently.")
    assert listed["show"].rstrip(" │").endswith("wanted list's record; or an extradition treaty).")


def test_help_lists_the_commands_in_the_order_a_case_is_worked_through() -> None:
    # each command's module registers it as sojourn.cli imports the module: sorting those
    # imports would list batch first and status last
    root = typer.main.get_command(app)
    with typer.Context(root) as ctx:
        listed = root.list_commands(ctx)
    assert listed == ["status", "plan", "entry", "destinations", "permit", "risk", "report",
                      "batch", "flows", "rules"]


def test_each_hint_for_an_option_is_for_a_command_without_it() -> None:
    from sojourn.cli._click import _OPTION_HINTS

    root = typer.main.get_command(app)

    def options(path: str) -> set[str]:
        command = root
        for part in path.split():  # "rules coverage": a command of a group
            command = command.commands[part]  # type: ignore[attr-defined]
        return {o for p in command.params for o in p.opts}

    for (name, option), hint in _OPTION_HINTS.items():
        assert option not in options(name), (name, option)
        # what the hint offers instead is an option of that command, or of the command it
        # names (`sojourn status --country CODE`); a hint may offer none (flows --country)
        other = re.search(r"`sojourn ([a-z ]+?) (--[a-z-]+)", hint)
        if other is not None:
            assert other.group(2) in options(other.group(1)), (name, hint)
        elif "--" in hint:
            offered = hint.split("--", 1)[1].split()[0].rstrip("?,)")
            assert f"--{offered}" in options(name), (name, hint)


def test_no_command_still_shows_the_help() -> None:
    for args in ([], ["rules"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2 and "Usage: sojourn" in result.output
        assert "error:" not in result.output


@pytest.mark.parametrize(("args", "hint"), [
    (["rules", "show", "kz-stay-eau-90-180"], "did you mean 'kz-stay-eaeu-90-180'?"),
    # the right id in the wrong letter case got no hint, where a typo did
    (["rules", "show", "KZ-STAY-EAEU-90-180"], "did you mean 'kz-stay-eaeu-90-180'?"),
    (["status", PROFILE, "--country", "KZ", "--on", "2023-01-05", "--assume",
      "KZ-CHANGE-26-JAN"], "did you mean 'kz-change-26-jan'?"),
    (["status", PROFILE, "--country", "KZ", "--on", "2023-01-05", "--assume",
      "kz-change-26-january"], "did you mean 'kz-change-26-jan'?"),
    (["status", PROFILE, "--country", "KAZ", "--on", "2023-01-05"],
     "did you mean KZ (Kazakhstan)?"),
    (["status", PROFILE, "--country", "KZ", "--on", "2023-01-05", "--citizenship", "rus"],
     "did you mean RU (Russian Federation)?"),
    (["status", PROFILE, "--country", "KZ", "--on", "2023-01-05", "--citizenship", "Russia"],
     "did you mean RU (Russian Federation)?"),
    (["entry", "--to", "Georgia", "--citizenship", "RU", "--document", "internal_passport"],
     "did you mean GE (Georgia)?"),
    # the name ISO replaced in 2022, which pycountry no longer knows, got no hint
    (["entry", "--to", "Turkey", "--citizenship", "RU", "--document", "internal_passport"],
     "did you mean TR (Türkiye)?"),
    (["status", CSV, "--rule", "per-entry:10", "--country", "KZ,KGZ"],
     "did you mean KG (Kyrgyzstan)?"),
    # codes ISO reserves for a country with another: "UK" was told Ukraine, the start of its
    # name, and "EL" El Salvador
    (["status", PROFILE, "--country", "KZ", "--on", "2023-01-05", "--citizenship", "UK"],
     "did you mean GB (United Kingdom)?"),
    (["entry", "--to", "el", "--citizenship", "RU", "--document", "internal_passport"],
     "did you mean GR (Greece)?"),
    # a date written day first, or with the month's name, as every option of a date reads it
    (["status", PROFILE, "--country", "KZ", "--on", "05.01.2023"],
     "error: --on: '05.01.2023' is not a date; did you mean 2023-01-05 (5 January) or "
     "2023-05-01 (1 May)?; expected an ISO 8601 date"),
    (["plan", PROFILE, "--country", "KZ", "--length", "10", "--from", "5 Jan 2023"],
     "'5 Jan 2023' is not a date; did you mean 2023-01-05 (5 January)?"),
    (["flows", CSV, "--from", "2023-01-01", "--to", "31/01/2023", "--out", "x.csv"],
     "'31/01/2023' is not a date; did you mean 2023-01-31 (31 January)?"),
    # as Russian speakers write it: a month's name in Russian, a year of two digits
    (["status", PROFILE, "--country", "KZ", "--on", "5 января 2023 г."],
     "'5 января 2023 г.' is not a date; did you mean 2023-01-05 (5 January)?"),
    (["plan", PROFILE, "--country", "KZ", "--length", "10", "--from", "05.01.23"],
     "'05.01.23' is not a date; did you mean 2023-01-05 (5 January) or 2023-05-01 (1 May)?"),
])
def test_a_near_miss_is_answered_with_what_was_meant(args: list[str], hint: str) -> None:
    code, _, err = run(*args)
    assert code == 2 and hint in err


def test_no_hint_when_nothing_is_close() -> None:
    # a region is no country; two Koreas, no guess; two letters are a code, not the start of
    # a name ("IC", reserved for the Canary Islands, was told Iceland)
    for wrong in ("ZZ", "Texas", "Korea", "IC"):
        code, _, err = run("status", PROFILE, "--country", wrong, "--on", "2023-01-05")
        assert code == 2 and "did you mean" not in err, wrong
    code, _, err = run("status", PROFILE, "--country", "KZ", "--on", "2023-01-05", "--assume",
                       "zzz")
    assert code == 2 and "did you mean" not in err


def test_an_unknown_assume_name_is_told_the_variants_of_the_host_asked_about() -> None:
    code, _, err = run("status", PROFILE, "--country", "KZ", "--on", "2023-01-05", "--assume",
                       "zzz")
    assert code == 2 and "; expected a variant name of the rules for KZ: kz-change-26-jan, " in err
    # not the whole pack's: every other host's variants are left to `rules list`
    assert "am-180-calendar-year" not in err and "sojourn rules list" in err
    code, _, err = run("status", PROFILE, "--country", "DE", "--on", "2023-01-05", "--assume",
                       "zzz")
    assert code == 2 and "the rules for SCHENGEN have no variants" in err


def test_an_unknown_assume_name_across_hosts_is_told_only_the_nearest_names() -> None:
    code, _, err = run("destinations", PROFILE, "--on", "2023-01-05", "--assume", "zzz")
    assert code == 2 and "did you mean" not in err and "variants of" not in err
    assert err.strip().endswith("'zzz' is a variant of no rule in the pack; expected a variant "
                                "name of a rule in the pack; `sojourn rules list` shows every "
                                "rule's variants")
    code, _, err = run("report", PROFILE, "--on", "2023-01-05", "--assume", "uz-154-5-to-1")
    assert code == 2 and "did you mean 'uz-154-5-to-10', 'uz-154-1-to-10' or " in err


def test_a_country_code_in_a_history_gets_the_hint(tmp_path: Path) -> None:
    history = tmp_path / "h.csv"
    history.write_text("country,entry,exit\nKAZ,2023-01-01,\n")
    code, _, err = run("status", str(history), "--country", "KZ", "--citizenship", "RU")
    assert code == 2
    assert "line 2, field 'country': 'KAZ' is not a known country code; did you mean KZ " in err
    history.write_text("country,entry,exit\nUK,2023-01-01,\n")
    code, _, err = run("status", str(history), "--country", "KZ", "--citizenship", "RU")
    assert code == 2
    assert "field 'country': 'UK' is not a known country code; did you mean GB (United " in err


def test_status_without_country_or_rule_names_where_the_history_has_the_person() -> None:
    code, _, err = run("status", PROFILE, "--on", "2023-01-05")
    assert code == 2
    assert ("give --country CODE (rules from the pack, e.g. --country KZ, where the history has "
            "you on 2023-01-05) or --rule SPEC") in err
    code, _, err = run("status", PROFILE, "--on", "2021-01-05")  # before any trip: no hint
    assert code == 2 and "give --country CODE (rules from the pack) or --rule SPEC" in err


@pytest.mark.parametrize(("history", "first_line"), [
    ("country,entry,exit\nKG,2023-10-10,\n",
     "Unless your stay in Kyrgyzstan was registered by 8 January 2024, it should have ended "
     "then: on 1 March 2024 you should leave now."),
    ("person: {citizenships: [RU]}\ntrips: [{country: KG, entry: 2023-10-10}]\n",
     "Your stay in Kyrgyzstan should have ended on 8 January 2024: no registration by then is "
     "recorded. On 1 March 2024 you should leave now."),
])
def test_a_stay_ended_by_an_unregistered_deadline_is_not_called_over_the_limit(
        tmp_path: Path, history: str, first_line: str) -> None:
    # no limit was broken (no violation is listed): the stay needed registering to go on
    path = tmp_path / ("h.csv" if history.startswith("country") else "p.yaml")
    path.write_text(history)
    code, out, _ = run("status", str(path), "--country", "KG", "--citizenship", "RU", "--on",
                       "2024-03-01", "--assume", "kg-2023-register-after-90")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == first_line
    assert lines[1].startswith("  The stay limit ahead is ")


DUAL = str(ROOT / "examples" / "dual-citizen.yaml")  # citizen of KZ and of RU


def test_a_citizen_of_the_host_is_told_why_nothing_limits_the_stay() -> None:
    code, out, _ = run("status", DUAL, "--country", "KZ", "--on", "2024-06-01")
    assert code == 0
    assert out.splitlines()[0] == ("As a citizen of Kazakhstan, you are not limited in "
                                   "Kazakhstan: its rules for foreigners do not apply to you.")
    code, out, _ = run("status", DUAL, "--country", "KZ", "--on", "2024-06-01", "--json")
    assert json.loads(out)["own_citizen"] is True
    code, out, _ = run("plan", DUAL, "--country", "KZ", "--from", "2024-06-01",
                       "--length", "400")
    assert code == 0
    # present there: staying on, not a stay that begins after leaving
    assert ("No rule limits you there: staying on for 400 days from 1 June 2024 (until 5 July "
            "2025) needs no leaving." in out)
    assert "after you leave" not in out
    # a trip planned elsewhere (Russia from 1 February 2023) ends such a stay and does not
    # delay it: with no limit, the answer waited for that trip to end, on 14 January 2024.
    # The stay offered runs into it, said so: silent, it read as free of the trip
    code, out, _ = run("plan", DUAL, "--country", "KZ", "--from", "2023-01-15", "--length", "30")
    assert ("No rule limits you there: a stay of 30 days can begin on 15 January 2023 (until "
            "13 February 2023); your planned trip to the Russian Federation from 1 February "
            "2023 to 14 January 2024 falls within that stay." in out)
    code, out, _ = run("plan", DUAL, "--country", "KZ", "--from", "2023-01-15", "--length", "30",
                       "--json")
    answer = json.loads(out)
    assert answer["earliest_entry"] == "2023-01-15"
    assert answer["trip_within_plan"]["countries"] == ["RU"]
    assert answer["trip_within_plan"]["first_day"] == "2023-02-01"
    # 15 days end before the trip: none falls within them
    code, out, _ = run("plan", DUAL, "--country", "KZ", "--from", "2023-01-15", "--length", "15")
    assert ("a stay of 15 days can begin on 15 January 2023 (until 29 January 2023)." in out)
    # in Russia on 1 June 2023, the stay there under way ends when they leave for Kazakhstan
    code, out, _ = run("plan", DUAL, "--country", "KZ", "--from", "2023-06-01", "--length", "30")
    assert ("No rule limits you there: a stay of 30 days can begin on 1 June 2023 (until 30 "
            "June 2023)." in out)


def test_plan_with_no_limit_names_the_planned_trip_its_stay_runs_into(tmp_path: Path) -> None:
    # no limit, so the trip to Kyrgyzstan from 1 February delays no entry: the 30 days from
    # 20 January run into it, which the answer said nothing of. Present, the same for the
    # new stay from the day of leaving
    history = tmp_path / "h.csv"
    history.write_text("country,entry,exit\nKG,2024-02-01,2024-03-01\n", encoding="utf-8")
    args = ("plan", str(history), "--country", "KZ", "--rule", "registration:5",
            "--from", "2024-01-20", "--length", "30")
    code, out, err = run(*args)
    assert code == 0, err
    assert ("The earliest you can enter for 30 days is 20 January 2024 (staying until 18 "
            "February 2024); your planned trip to Kyrgyzstan from 1 February to 1 March 2024 "
            "falls within that stay." in out)
    # the registration is the whole stay's, as offered (docs/counting.md)
    assert "Register by 25 January 2024" in out
    code, out, _ = run(*args, "--json")
    assert json.loads(out)["trip_within_plan"] == {
        "countries": ["KG"], "first_day": "2024-02-01", "last_day": "2024-03-01",
        "over_the_limit": False, "limits": []}
    # with a limit, the entry waits for the trip: none falls within the stay
    code, out, _ = run("plan", str(history), "--country", "KZ", "--rule", "per-entry:90",
                       "--from", "2024-01-20", "--length", "30", "--json")
    assert json.loads(out)["earliest_entry"] == "2024-03-01"
    assert json.loads(out)["trip_within_plan"] is None
    history.write_text("country,entry,exit\nKZ,2024-01-10,2024-01-25\n"
                       "KG,2024-02-01,2024-03-01\n", encoding="utf-8")
    code, out, _ = run(*args)
    assert ("No rule limits your stay: a stay of 30 days can begin on 25 January 2024 (until 23 "
            "February 2024), the day the stay under way is recorded to end; your planned trip to "
            "Kyrgyzstan from 1 February to 1 March 2024 falls within that stay." in out)


def test_a_passport_judged_beside_the_hosts_own_is_said_to_change_nothing_for_a_citizen(
        ) -> None:
    code, out, _ = run("status", DUAL, "--country", "KZ", "--citizenship", "RU",
                       "--on", "2024-06-01")
    assert code == 0
    assert "Note: you also hold citizenship of Kazakhstan: as its citizen you are not limited " \
           "in Kazakhstan." in out
    code, out, _ = run("status", DUAL, "--country", "KZ", "--citizenship", "RU",
                       "--on", "2024-06-01", "--json")
    assert any("you also hold citizenship of Kazakhstan" in n for n in json.loads(out)["notes"])


@pytest.mark.parametrize(("country", "entry", "on", "note"), [
    # no registration rule in the pack: not known, not "none needed"
    ("TR", "2023-01-10", "2023-01-20", "the rule pack has no registration rule for citizens of "
     "the Russian Federation in Türkiye for a stay begun on 10 January 2023: whether it must "
     "be registered is not known"),
    # a rule with constraints: none says that there is no duty, naming the rule, and its low
    # confidence (inferred from silence) in the same sentence
    ("GE", "2023-01-10", "2023-06-01", "ge-registration-none-visitor sets no registration duty "
     "for a stay begun on 10 January 2023 (a rule of low confidence: check its sources before "
     "acting on it)"),
    # a rule taking effect during the stay (5 September 2024) sets it no deadline: not known
    # (the note that names that rule: test_a_registration_rule_taking_effect_during_...)
    ("KG", "2024-08-20", "2024-09-10", "the rule pack has no registration rule for citizens of "
     "Azerbaijan in Kyrgyzstan for a stay begun on 20 August 2024: whether it must be "
     "registered is not known"),
    # the default account of the 2023 regulation sets none, and others do
    ("KG", "2023-11-01", "2023-11-01", "kg-registration-2023-regulation sets no registration "
     "duty for a stay begun on 1 November 2023 (a rule of low confidence: check its sources "
     "before acting on it); under --assume kg-2023-register-after-90 or "
     "--assume kg-2023-no-limit it must be registered (see below)"),
    # a stay that ends before the deadline (UZ: by the 15th day after entry)
    ("UZ", "2023-03-01", "2023-03-02", "this stay needs no registration: it ends before the "
     "deadline of uz-registration-ru-15-days"),
    # Kazakhstan's host notifies the police within 3 working days of arrival: its sources do
    # not say that a stay ending sooner needs none (it read "this stay needs no registration")
    ("KZ", "2023-03-01", "2023-03-02", "this stay ends before the deadline of "
     "kz-registration-host-notice (6 March 2023), which its sources count from arrival; whether "
     "a stay that ends sooner must still be registered, they do not say"),
])
def test_where_no_registration_deadline_is_given_the_answer_says_why(
        tmp_path: Path, country: str, entry: str, on: str, note: str) -> None:
    exit_ = {"UZ": "2023-03-10", "KZ": "2023-03-03"}.get(country, "")
    history = tmp_path / "h.csv"
    history.write_text(f"country,entry,exit\n{country},{entry},{exit_}\n", encoding="utf-8")
    citizenship = "AZ" if "Azerbaijan in" in note else "RU"
    code, out, _ = run("status", str(history), "--country", country, "--citizenship",
                       citizenship, "--on", on)
    assert code == 0, out
    assert "Register by" not in out
    assert note in " ".join(out.split())
    code, out, _ = run("status", str(history), "--country", country, "--citizenship",
                       citizenship, "--on", on, "--json")
    assert any(n.startswith(note) for n in json.loads(out)["notes"])


def test_a_registration_deadline_given_comes_with_no_note_on_registration(tmp_path: Path
                                                                        ) -> None:
    history = tmp_path / "h.csv"
    history.write_text("country,entry,exit\nUZ,2023-03-01,\n", encoding="utf-8")
    code, out, _ = run("status", str(history), "--country", "UZ", "--citizenship", "RU",
                       "--on", "2023-03-02", "--json")
    assert code == 0, out
    answer = json.loads(out)
    assert answer["register_by"] == "2023-03-16"
    # the note on old sources may name a registration rule by its id; it is not about the duty
    said = [n for n in answer["notes"] if n != answer["freshness"]["note"]]
    assert not any("registration" in n for n in said)


@pytest.mark.parametrize(("kind", "called"), [
    ("temporary_residence", "temporary residence permit"), ("long_stay_visa", "long-stay visa")])
def test_a_permit_that_lengthens_the_stay_is_named_beside_the_limit(
        tmp_path: Path, kind: str, called: str) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "person: {citizenships: [RU]}\ntrips: [{country: KZ, entry: 2023-02-01}]\n"
        f"permits: [{{country: KZ, kind: {kind}, valid_from: 2023-03-01, "
        "valid_to: 2024-02-29}]\n", encoding="utf-8")
    code, out, _ = run("status", "--assume", "kz-days-before-count",
                       str(profile), "--country", "KZ", "--on", "2023-02-20")
    assert code == 0, out
    # 465 days under "90 days in any 180": the permit's days neither count nor are limited
    assert out.startswith("You may stay in Kazakhstan until 29 May 2024 (465 days, 20 February "
                          "2023 included).")
    # the stay shown runs past the permit's last day, its days after it counted as a
    # visitor's with no new entry, which no source says Kazakhstan allows: the note says so
    assert (f"Note: your {called} in Kazakhstan (1 March 2023 to 29 February 2024) covers days "
            "of this stay: they neither count nor are limited; after it ends on 29 February "
            "2024, the days that follow are counted under the stay limit as a visitor's, with "
            "no new entry: no source in the pack says whether Kazakhstan lets a stay run on so; "
            "renew the permit, or ask its migration service, before counting on them."
            in " ".join(out.split()))
    # a permit with no last day leaves no days after it to count
    profile.write_text(profile.read_text().replace(", valid_to: 2024-02-29", ""),
                       encoding="utf-8")
    code, out, _ = run("status", "--assume", "kz-days-before-count",
                       str(profile), "--country", "KZ", "--on", "2023-03-10")
    assert code == 0, out
    assert "covers days of this stay: they neither count nor are limited." in (
        " ".join(out.split()))
    profile.write_text(profile.read_text().replace("valid_from: 2023-03-01",
                                                   "valid_from: 2023-03-01, valid_to: 2024-02-29"),
                       encoding="utf-8")
    # a stay begun after the permit ended: not covered, no note
    profile.write_text(profile.read_text().replace("entry: 2023-02-01", "entry: 2024-04-01"),
                       encoding="utf-8")
    code, out, _ = run("status", "--assume", "kz-days-before-count",
                       str(profile), "--country", "KZ", "--on", "2024-06-01")
    assert code == 0, out
    assert "Note: your" not in out


@pytest.mark.parametrize(("host", "name", "permit_id", "entry", "extended", "on"), [
    # 60 days from 1 August 2024, then one 30-day extension
    ("TH", "Thailand", "th-permit-extension-2024", "2024-08-01",
     ("2024-09-30", "2024-10-29"), "2024-09-20"),
    # 30 days of a visa on arrival from 29 June 2024, then one 30-day extension
    ("ID", "Indonesia", "id-permit-voa-extension", "2024-06-29",
     ("2024-07-29", "2024-08-27"), "2024-07-10")])
def test_an_extension_of_stay_in_the_profile_ends_the_stay_and_is_not_planned_again(
        tmp_path: Path, host: str, name: str, permit_id: str, entry: str,
        extended: tuple[str, str], on: str) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text(
        f"person: {{citizenships: [RU]}}\ntrips: [{{country: {host}, entry: {entry}}}]\n"
        f"permits: [{{country: {host}, kind: extension, valid_from: {extended[0]}, "
        f"valid_to: {extended[1]}}}]\n", encoding="utf-8")
    to = dt.date.fromisoformat(extended[1])
    code, out, _ = run("status", str(profile), "--country", host, "--on", on)
    assert code == 0, out
    # the days given on entry, then the extension's: the latest exit is its last day
    assert out.startswith(f"You may stay in {name} until {format_long(to)} ")
    assert (f"Note: your extension of stay in {name} to {format_long(to)} (from "
            f"{format_long(dt.date.fromisoformat(extended[0]))}) covers days of this stay"
            in " ".join(out.split()))
    # granted once per entry: the permit command makes no plan for it again
    code, out, _ = run("permit", str(profile), "--country", host, "--permit", permit_id,
                       "--on", on)
    assert code == 0, out
    assert out.startswith("Held already: ")
    assert (f"Your extension of stay in {name} to {format_long(to)}" in " ".join(out.split()))
    assert "file the application" not in out
    code, out, _ = run("permit", str(profile), "--country", host, "--permit", permit_id,
                       "--on", on, "--json")
    assert code == 0, out
    data = json.loads(out)
    assert data["needed"] is False and data["held_extension"].startswith(
        "your extension of stay") and data["steps"] == []
    # a later stay has had no extension yet: it is planned again
    profile.write_text(profile.read_text().replace(
        f"entry: {entry}}}", f"entry: {entry}, exit: {extended[1]}}}, "
        f"{{country: {host}, entry: {(to + dt.timedelta(days=30)).isoformat()}}}"),
        encoding="utf-8")
    later = (to + dt.timedelta(days=35)).isoformat()
    code, out, _ = run("permit", str(profile), "--country", host, "--permit", permit_id,
                       "--on", later)
    assert code == 0, out
    assert not out.startswith("Held already") and "file the application" in out


def test_an_extension_of_an_earlier_entry_is_not_held_for_a_re_entry_on_its_last_day(
        tmp_path: Path) -> None:
    # out and back on the extension's last day (a visa run): the new entry has had no
    # extension, though the earlier one's last day is the new stay's first
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "person: {citizenships: [RU]}\ntrips: [{country: TH, entry: 2024-08-01, exit: "
        "2024-10-29}, {country: TH, entry: 2024-10-29}]\npermits: [{country: TH, kind: "
        "extension, valid_from: 2024-09-30, valid_to: 2024-10-29}]\n", encoding="utf-8")
    code, out, _ = run("permit", str(profile), "--country", "TH", "--permit",
                       "th-permit-extension-2024", "--on", "2024-11-05", "--json")
    assert code == 0, out
    data = json.loads(out)
    assert data["held_extension"] is None and data["needed"] is True and data["steps"]


def test_a_re_entry_on_an_extension_s_last_day_is_counted_from_that_day(tmp_path: Path) -> None:
    # the extension lengthened the entry it was granted in: the new entry's 60 days run from
    # its own first day (to 27 December), which the extension's last day took out of the count
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "person: {citizenships: [RU]}\ntrips: [{country: TH, entry: 2024-08-01, exit: "
        "2024-10-29}, {country: TH, entry: 2024-10-29}]\npermits: [{country: TH, kind: "
        "extension, valid_from: 2024-09-30, valid_to: 2024-10-29}]\n", encoding="utf-8")
    code, out, _ = run("status", str(profile), "--country", "TH", "--on", "2024-11-05")
    assert code == 0, out
    assert out.startswith("You may stay in Thailand until 27 December 2024 ")
    assert "8 days used up to and including 5 November 2024" in out
    assert "extension of stay" not in out
    # an extension within the stay still covers its days, and is told
    profile.write_text(profile.read_text().replace(
        "exit: 2024-10-29}, {country: TH, entry: 2024-10-29}", "exit: 2024-10-29}"),
        encoding="utf-8")
    code, out, _ = run("status", str(profile), "--country", "TH", "--on", "2024-10-01")
    assert code == 0, out
    assert out.startswith("You may stay in Thailand until 29 October 2024 ")
    assert "Note: your extension of stay in Thailand to 29 October 2024" in " ".join(out.split())


def test_an_extension_s_days_count_towards_a_later_rolling_window(tmp_path: Path) -> None:
    # Argentina, 2022: 90 days in any 180 from 1 June, extended from 30 August to 27 November.
    # The extension's days are lawful while it runs, but they are days spent in Argentina:
    # once it ends, the window sees them. Left out of the count, the first 90 days rolled off
    # one a day and status, plan, report and permit said "until 25 February 2023", a 270-day
    # tourist stay
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "person: {citizenships: [RU]}\ntrips: [{country: AR, entry: 2022-06-01}]\n"
        "permits: [{country: AR, kind: extension, valid_from: 2022-08-30, "
        "valid_to: 2022-11-27}]\n", encoding="utf-8")
    on = ("--on", "2022-11-01")
    code, out, _ = run("status", str(profile), "--country", "AR", *on)
    assert code == 0, out
    assert out.startswith("You may stay in Argentina until 27 November 2022 (27 days, ")
    said = " ".join(out.split())
    assert ("154 days used up to and including 1 November 2022, 0 days left after it; as the "
            "days your extension of stay adds are not limited, though they count, your stay "
            "can run 27 days." in said)
    assert ("covers days of this stay: they are not limited, but they count as days spent in "
            "Argentina, in this stay's count and in any later count that looks back at them"
            in said)
    # a new 30-day stay after leaving on 1 November waits until the window holds at most 60
    # of the 154 days: 31 January 2023 (1 November plus 91 days)
    code, out, _ = run("plan", str(profile), "--country", "AR", "--length", "30", "--from",
                       "2022-11-01", "--json")
    assert code == 0, out
    data = json.loads(out)
    assert (data["latest_exit"], data["earliest_entry"]) == ("2022-11-27", "2023-01-31")
    code, out, _ = run("report", str(profile), *on, "--format", "json")
    assert code == 0, out
    assert json.loads(out)["stay"]["latest_exit"] == "2022-11-27"
    code, out, _ = run("permit", str(profile), "--country", "AR", "--permit",
                       "ar-permit-parent-permanent", *on, "--json")
    assert code == 0, out
    assert json.loads(out)["legal_stay_ends"] == "2022-11-27"
    # the day after the extension, the count holds all 180 days of the window
    code, out, _ = run("status", str(profile), "--country", "AR", "--on", "2022-11-28")
    assert code == 0, out
    assert out.startswith("You are over the limit in Argentina on 28 November 2022")
    assert "180 days used up to and including 28 November 2022" in out


def test_an_extension_s_days_weigh_on_a_return_within_the_window(tmp_path: Path) -> None:
    # Argentina, 2022: 90 days from 10 January, extended to 8 July; back on 1 August, the 180
    # days before it hold 156 days (from 3 February): the return is over the limit, and the
    # earliest day back is 8 October, when the window holds 89 earlier days (88 and 1 August)
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "person: {citizenships: [RU]}\ntrips: [{country: AR, entry: 2022-01-10, exit: "
        "2022-07-08}, {country: AR, entry: 2022-08-01}]\npermits: [{country: AR, kind: "
        "extension, valid_from: 2022-04-10, valid_to: 2022-07-08}]\n", encoding="utf-8")
    code, out, _ = run("status", str(profile), "--country", "AR", "--on", "2022-08-01")
    assert code == 0, out
    assert out.startswith("You are over the limit in Argentina on 1 August 2022")
    assert "157 days used up to and including 1 August 2022, 0 days left" in out
    assert "The earliest day you may be in Argentina again is 8 October 2022" in out


def test_an_extension_under_a_per_entry_limit_ends_the_stay_and_leaving_resets(
        tmp_path: Path) -> None:
    # Thailand, 60 days per entry from 1 August 2024, extended from 30 September to 29
    # October: the stay ends on the extension's last day, a day more is over the limit (7
    # days over to 5 November), and a return after leaving has its own 60 days. Counting the
    # extension's days changes none of these days, only the figures that count them
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "person: {citizenships: [RU]}\ntrips: [{country: TH, entry: 2024-08-01, exit: "
        "2024-11-05}, {country: TH, entry: 2024-11-20}]\npermits: [{country: TH, kind: "
        "extension, valid_from: 2024-09-30, valid_to: 2024-10-29}]\n", encoding="utf-8")
    code, out, _ = run("status", str(profile), "--country", "TH", "--on", "2024-10-01",
                       "--json")
    assert code == 0, out
    assert json.loads(out)["latest_exit"] == "2024-10-29"
    code, out, _ = run("status", str(profile), "--country", "TH", "--on", "2024-11-25",
                       "--json")
    assert code == 0, out
    data = json.loads(out)
    assert [(v["first_day"], v["last_day"], v["days"]) for v in data["violations"]] == [
        ("2024-10-30", "2024-11-05", 7)]
    assert (data["days_used"], data["latest_exit"]) == (6, "2025-01-18")


def test_a_contested_rule_shows_what_the_other_accounts_answer(tmp_path: Path) -> None:
    history = tmp_path / "h.csv"
    history.write_text("country,entry,exit\nAM,2023-08-01,\n", encoding="utf-8")
    base = ("status", str(history), "--country", "AM", "--citizenship", "RU", "--on",
            "2023-08-01")
    code, out, _ = run(*base)
    assert code == 0, out
    # by default the cautious account: 180 in any 365 days
    assert out.startswith("You may stay in Armenia until 27 January 2024 (180 days, 1 August "
                          "2023 included).")
    assert ("Warning: contested rule (am-stay-180-per-year): assumed 'am-180-rolling-365'; "
            "other accounts: --assume am-180-calendar-year (until 28 June 2024, 333 days)."
            in out.splitlines())
    code, out, _ = run(*base, "--json")
    assert [(o["variant"], o["same_answer"], o["latest_exit"]) for o in
            json.loads(out)["other_accounts"]] == [
                ("am-180-calendar-year", False, "2024-06-28"),
                # the registration's other account: the same day, but no deadline
                ("am-ru-no-registration-before-card", False, "2024-01-27")]
    # the account assumed by choice is compared with the default, the other way round
    code, out, _ = run(*base, "--assume", "am-180-calendar-year")
    assert out.startswith("You may stay in Armenia until 28 June 2024 (333 days, 1 August "
                          "2023 included).")
    assert "other accounts: --assume am-180-rolling-365 (until 27 January 2024, 180 days)." in out


def test_a_contest_that_changes_nothing_for_the_person_is_said_to() -> None:
    # Kazakhstan's change on 26 or 27 January 2023 does not matter in June 2024
    base = ("status", DUAL, "--country", "KZ", "--citizenship", "RU", "--on", "2024-06-01")
    code, out, _ = run(*base)
    assert ("Contested rule (kz-stay-eaeu-90-180): assumed 'kz-change-27-jan'; the other "
            "accounts (--assume kz-change-26-jan or --assume kz-days-before-count) give the same "
            "answer here." in out.splitlines())
    assert "Warning: contested" not in out
    code, out, _ = run(*base, "--json")
    assert code == 0, out
    assert [o["same_answer"] for o in json.loads(out)["other_accounts"]] == [True, True]


def russian_answer(tmp_path: Path, command: str, rows: tuple[str, ...], *options: str) -> str:
    """``sojourn COMMAND`` for a Russian citizen whose CSV history holds ``rows``
    (country,entry,exit); the command must succeed."""
    history = tmp_path / "h.csv"
    history.write_text("country,entry,exit\n" + "".join(f"{r}\n" for r in rows),
                       encoding="utf-8")
    code, out, _ = run(command, str(history), "--citizenship", "RU", *options)
    assert code == 0, out
    return out


def test_a_stay_over_the_limit_is_told_its_registration_as_one_left_now(tmp_path: Path) -> None:
    # present and over the limit on 12 May, no exit recorded: the engine judges the stay as
    # left that day, as the answer tells, and so gives no deadline; but the person may stay
    # on, and on 16 May is told the deadline passed, so the note says both. (It once read
    # "this stay needs no registration" of a stay with no end; nothing was then said at all,
    # which hid the deadline, and for want of a rule, that registration was not known.)
    out = russian_answer(tmp_path, "status", ("KZ,2023-02-01,2023-05-01", "KZ,2023-05-10,"),
                         "--country", "KZ", "--on", "2023-05-12")
    assert out.startswith("You are over the limit in Kazakhstan on 12 May 2023")
    assert ("Note: if you leave on 12 May 2023, as you should, this stay ends before the "
            "deadline of kz-registration-host-notice (15 May 2023), which its sources count "
            "from arrival; whether a stay that ends sooner must still be registered, they do "
            "not say; staying on, it must be registered by 15 May 2023."
            in " ".join(out.split()))


def test_an_open_stay_needs_no_registration_only_if_left_by_the_latest_exit(tmp_path: Path
                                                                           ) -> None:
    # 157 days of 2023 in Armenia, back on 20 June with no exit recorded: 23 days are left, to
    # 12 July, before the deadline (20 July). It read "this stay needs no registration: it
    # ends before the deadline", of a stay that has no end; staying on, it needs registering.
    out = russian_answer(tmp_path, "status", ("AM,2023-01-05,2023-06-10", "AM,2023-06-20,"),
                         "--country", "AM", "--on", "2023-06-20")
    assert out.startswith("You may stay in Armenia until 12 July 2023 (23 days")
    assert ("Note: if you leave by 12 July 2023, the last day the limits allow, this stay needs "
            "no registration: it ends before the deadline of am-registration-ru-30 (20 July "
            "2023)." in " ".join(out.split()))
    # with its exit recorded, the stay does end before the deadline
    out = russian_answer(tmp_path, "status", ("AM,2023-01-05,2023-06-10",
                                              "AM,2023-06-20,2023-07-10"),
                         "--country", "AM", "--on", "2023-06-20")
    assert ("Note: this stay needs no registration: it ends before the deadline of "
            "am-registration-ru-30." in out)


def test_plans_registration_note_is_about_the_planned_stay(tmp_path: Path) -> None:
    # the planned stay begins on 10 June 2022, under the 15 days of June 2022, not the 3
    # working days in force on --from. The account with a limit is assumed: with none, the
    # trip planned to Georgia would not delay the entry (it would begin on --from)
    out = russian_answer(tmp_path, "plan", ("GE,2022-05-05,2022-06-10",),
                         "--country", "UZ", "--from", "2022-05-02", "--length", "10",
                         "--assume", "uz-seed-60-days")
    assert "The earliest you can enter for 10 days is 10 June 2022" in out
    assert ("Note: this stay needs no registration: it ends before the deadline of "
            "uz-registration-ru-15-days." in out)


def test_other_accounts_that_set_no_duty_for_this_stay_are_not_said_to(tmp_path: Path) -> None:
    # ten days in Kyrgyzstan: no account of the 2023 regulation asks a registration for them
    out = russian_answer(tmp_path, "status",
                         ("KG,2023-12-01,2023-12-10", "TR,2023-12-10,2024-01-10"),
                         "--country", "KG", "--on", "2023-12-05")
    assert ("Note: kg-registration-2023-regulation sets no registration duty for a stay begun "
            "on 1 December 2023 (a rule of low confidence" in out.splitlines()[2])
    assert "give the same answer here" in out


def registration_pack(tmp_path: Path, default: str, variants: str) -> Path:
    """A pack with one stay rule for Russians in Kazakhstan and one contested registration
    rule whose ``default`` constraints and other ``variants`` the test sets."""
    pack = tmp_path / "pack"
    pack.mkdir()
    rule = ("  - id: {}\n    title: A rule\n    host: KZ\n    citizenships: [RU]\n"
            "    topic: {}\n    valid_from: 2022-01-01\n    constraints: {}\n"
            "    sources: [{{title: Somewhere, url: 'https://example.org/'}}]\n"
            "    confidence: high\n")
    (pack / "kz.yaml").write_text(
        "schema: sojourn.rules/1\nrules:\n"
        + rule.format("kz-stay", "stay", "[{kind: per_entry, max: 90}]")
        + rule.format("kz-registration", "registration", default)
        + "    variants:\n      - {name: usual, default: true}\n" + variants,
        encoding="utf-8")
    return pack


def test_an_account_with_no_registration_rule_is_not_said_to_need_none(tmp_path: Path) -> None:
    # under --assume late no registration rule is in force on 1 February 2023, the day the
    # stay began: whether it must be registered is not known. It read "no registration
    # deadline", as for the account whose rule sets no duty
    pack = registration_pack(
        tmp_path, "[{kind: registration, within: 30, unit: calendar}]",
        "      - {name: late, valid_from: 2023-06-15}\n"
        "      - {name: no-duty, constraints: none}\n")
    out = russian_answer(tmp_path, "status", ("KZ,2023-02-01,",), "--country", "KZ",
                         "--on", "2023-02-10", "--pack", str(pack))
    assert ("Warning: contested rule (kz-registration): assumed 'usual'; other accounts: "
            "--assume late (until 1 May 2023, 81 days; registration not known) or --assume "
            "no-duty (until 1 May 2023, 81 days; no registration deadline)."
            in " ".join(out.split()))
    out = russian_answer(tmp_path, "status", ("KZ,2023-02-01,",), "--country", "KZ",
                         "--on", "2023-02-10", "--pack", str(pack), "--json")
    assert [(o["variant"], o["register_by"], o["registration_unknown"]) for o in
            json.loads(out)["other_accounts"]] == [("late", None, True), ("no-duty", None, False)]


@pytest.mark.parametrize("on", ["2025-03-01", "2025-06-01"], ids=["within", "over the limit"])
def test_no_registration_rule_is_told_of_a_stay_over_the_limit_too(tmp_path: Path, on: str
                                                                  ) -> None:
    # a Ukrainian in Kyrgyzstan since 10 January 2025, for whom the pack has no registration
    # rule: over the limit (1 June), registration_unknown was false and nothing was said, while
    # a stay over the limit under a rule (a Kazakh there) is still given its deadline
    history = tmp_path / "h.csv"
    history.write_text("country,entry,exit\nKG,2025-01-10,\n", encoding="utf-8")
    args = ("status", str(history), "--country", "KG", "--citizenship", "UA", "--on", on)
    code, out, err = run(*args, "--json")
    assert code == 0, err
    answer = json.loads(out)
    assert (answer["register_by"], answer["registration_unknown"]) == (None, True)
    code, out, err = run(*args)
    assert code == 0, err
    assert ("Note: the rule pack has no registration rule for citizens of Ukraine in Kyrgyzstan "
            "for a stay begun on 10 January 2025: whether it must be registered is not known."
            in " ".join(out.split()))


def test_no_registration_rule_is_not_the_same_answer_as_a_rule_setting_no_duty(
        tmp_path: Path) -> None:
    # neither account gives a deadline, but only one knows that none is needed
    pack = registration_pack(tmp_path, "none", "      - {name: late, valid_from: 2023-06-15}\n")
    out = russian_answer(tmp_path, "status", ("KZ,2023-02-01,",), "--country", "KZ",
                         "--on", "2023-02-10", "--pack", str(pack))
    assert ("Warning: contested rule (kz-registration): assumed 'usual'; other accounts: "
            "--assume late (until 1 May 2023, 81 days; registration not known)."
            in " ".join(out.split()))
    assert [o["same_answer"] for o in json.loads(russian_answer(
        tmp_path, "status", ("KZ,2023-02-01,",), "--country", "KZ", "--on", "2023-02-10",
        "--pack", str(pack), "--json"))["other_accounts"]] == [False]


def test_an_account_s_passed_registration_deadline_is_not_told_as_one_to_meet(
        tmp_path: Path) -> None:
    # on 10 February, 5 days from 1 February have passed: a CSV history records no
    # registrations, so the deadline is passed, as status says it, not "register by" it
    pack = registration_pack(tmp_path, "[{kind: registration, within: 30, unit: calendar}]",
                             "      - name: short\n        constraints: "
                             "[{kind: registration, within: 5, unit: calendar}]\n")
    out = russian_answer(tmp_path, "status", ("KZ,2023-02-01,",), "--country", "KZ",
                         "--on", "2023-02-10", "--pack", str(pack), "--assume", "short")
    assert "; passed; a CSV history records no registrations" in out
    assert ("other accounts: --assume usual (until 1 May 2023, 81 days; register by 3 March "
            "2023)." in " ".join(out.split()))
    out = russian_answer(tmp_path, "status", ("KZ,2023-02-01,",), "--country", "KZ",
                         "--on", "2023-02-10", "--pack", str(pack))
    assert ("other accounts: --assume short (until 1 May 2023, 81 days; register by 6 February "
            "2023, passed)." in " ".join(out.split()))


def test_accounts_differing_only_in_how_they_count_give_the_same_answer(tmp_path: Path) -> None:
    # the days of late January 2023 count differently (from 26 or 27 January, or all of them),
    # and so do the counts of the overstay; by August the window holds none of those days, and
    # nothing a person acts on differs
    out = russian_answer(tmp_path, "status", ("KZ,2022-07-25,2023-02-10",),
                         "--country", "KZ", "--on", "2023-08-01")
    assert ("Contested rule (kz-stay-eaeu-90-180): assumed 'kz-change-27-jan'; the other "
            "accounts (--assume kz-change-26-jan or --assume kz-days-before-count) give the same "
            "answer here." in out.splitlines())


def test_an_account_allowing_no_such_stay_says_so_in_plan(tmp_path: Path) -> None:
    out = russian_answer(tmp_path, "plan", ("RU,2023-01-01,2023-03-01",),
                         "--country", "UZ", "--from", "2023-03-01", "--length", "100")
    assert "--assume uz-seed-60-days (no stay of 100 days possible)." in out


def _sojourn(*args: str, encoding: str) -> subprocess.CompletedProcess[bytes]:
    """The installed entry point in a process whose standard streams take ``encoding``."""
    script = ("import sys; from sojourn.cli import main; sys.argv = ['sojourn', *sys.argv[1:]]; "
              "main()")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONIOENCODING": encoding}
    return subprocess.run([sys.executable, "-c", script, *args], capture_output=True,
                          timeout=120, env=env, check=False)


def test_every_answer_is_printed_whatever_the_streams_encoding(tmp_path: Path) -> None:
    # an ASCII stdout printed half the report, then "internal error: UnicodeEncodeError", exit 1
    args = ("report", PROFILE, "--on", "2023-01-05")
    full = _sojourn(*args, encoding="utf-8")
    ascii_ = _sojourn(*args, encoding="ascii")
    assert (ascii_.returncode, ascii_.stderr) == (0, b"")
    text = full.stdout.decode()
    assert "\u2014" in text and max(text) < "\U00010000"
    assert ascii_.stdout.decode("ascii") == "".join(c if c.isascii() else f"\\u{ord(c):04x}"
                                                    for c in text)
    # JSON stays JSON, and reads back as the very same answer
    full = _sojourn(*args, "--format", "json", encoding="utf-8")
    ascii_ = _sojourn(*args, "--format", "json", encoding="ascii")
    assert ascii_.returncode == 0 and b"\\u2014" in ascii_.stdout
    assert json.loads(ascii_.stdout) == json.loads(full.stdout)
    # and an error on stderr, a file name in it outside ASCII and outside the BMP too
    bad = tmp_path / "trips\u00e9\U0001f600.csv"
    bad.write_text("country,entry,exit\nKZ,01/02/2023,\n", encoding="utf-8")
    done = _sojourn("status", str(bad), "--country", "KZ", "--citizenship", "RU",
                    encoding="ascii")
    assert done.returncode == 2
    assert done.stderr.decode("ascii").startswith(
        f"error: {tmp_path}/trips\\u00e9\\ud83d\\ude00.csv, line 2, field 'entry'")


def test_a_warning_is_printed_as_text_not_as_markup(tmp_path: Path) -> None:
    # a file name such as "[bold]" was read by rich as a style and vanished from the warning
    history = tmp_path / "[bold]trips.csv"
    history.write_text("country,entry,exit\nKZ,2023-01-01,2023-01-20\nKZ,2023-01-10,2023-01-30\n",
                       encoding="utf-8")
    code, _, err = run("status", str(history), "--rule", "rolling:90/180", "--on", "2023-02-01")
    assert code == 0
    assert "[bold]trips.csv" in " ".join(err.split())


@pytest.mark.parametrize("on", ["2023-03-05", "2023-03-31"])
def test_the_earliest_day_that_a_planned_trip_sets_is_told_as_that_trip(on: str) -> None:
    # 50 days in January and February, and 40 planned from 1 April: any day before it would
    # put that trip over 90 in 180, so the earliest day is its first, not a day won "again"
    code, out, _ = run("status", "--assume", "kz-days-before-count",
                       CSV, "--country", "KZ", "--citizenship", "RU", "--on", on)
    assert code == 0
    assert out.splitlines()[2] == ("  The earliest day you may be in Kazakhstan is 1 April 2023, "
                                   "when your planned trip there begins.")
    code, out, _ = run("permit", "--assume", "kz-days-before-count",
                       CSV, "--country", "KZ", "--citizenship", "RU", "--permit",
                       "kz-permit-temporary", "--on", on)
    assert code == 0
    assert ("The earliest day you may be in Kazakhstan is 1 April 2023, when your planned trip "
            "there begins, so no application can be filed") in out


def test_an_earliest_day_no_planned_trip_sets_is_a_day_back() -> None:
    code, out, _ = run("status", "--assume", "kz-days-before-count",
                       PROFILE, "--country", "KZ", "--on", "2023-02-20")
    assert code == 0
    assert "  The earliest day you may be in Kazakhstan again is 21 May 2023." in [
        _day_back(line) for line in out.splitlines()]


def status_over_the_limit_until_may(tmp_path: Path, exit_: str = "2024-05-20") -> str:
    """``status`` on 1 April 2024 of a stay in Kazakhstan over 90 in any 180 from 3 March and
    recorded until 20 May: an overstay under way on the query day and planned beyond it (with
    ``exit_`` "", no exit recorded)."""
    history = tmp_path / "h.csv"
    history.write_text("country,entry,exit\nKZ,2023-11-20,2024-03-01\nUZ,2024-03-01,2024-03-03\n"
                       f"KZ,2024-03-03,{exit_}\n", encoding="utf-8")
    code, out, err = run("status", str(history), "--country", "KZ", "--citizenship", "RU",
                         "--on", "2024-04-01")
    assert code == 0, err
    return out


def test_an_earliest_day_counted_from_a_later_recorded_exit_says_so(tmp_path: Path) -> None:
    # over the limit on 1 April 2024 ("leave now"), with the stay recorded until 20 May: the
    # day back is counted from 20 May (the last 89 days back to 21 February, + 179 days), not
    # from 1 April (back to 3 January: 30 June), and the answer must not read as the latter
    out = status_over_the_limit_until_may(tmp_path)
    assert out.splitlines()[0].endswith("you should leave now.")
    assert _day_back(out.splitlines()[2]) == (
        "  If you leave on 20 May 2024 as planned, the earliest day you may be in Kazakhstan "
        "again is 18 August 2024.")
    # the same stay with no exit recorded: counted from today, worded as leaving now
    out = status_over_the_limit_until_may(tmp_path, exit_="")
    assert _day_back(out.splitlines()[2]) == ("  The earliest day you may be in Kazakhstan "
                                              "again is 30 June 2024.")


def test_an_earliest_day_a_recorded_stay_elsewhere_ends_on_says_so(tmp_path: Path) -> None:
    # 97 days in Kyrgyzstan to 20 November 2023: its rules alone allow a day back from 19
    # February 2024 (24 August + 179), but the history has the person in Kazakhstan from 10
    # February to 1 March, and "1 March" alone read as what Kyrgyzstan's rules allow (a stay
    # there under way on the query day is no obstacle: they leave it for Kyrgyzstan)
    history = tmp_path / "h.csv"
    history.write_text("country,entry,exit\nKG,2023-08-16,2023-11-20\nKZ,2024-02-10,2024-03-01\n",
                       encoding="utf-8")
    args = (str(history), "--country", "KG", "--citizenship", "RU")
    code, out, err = run("status", *args, "--on", "2024-01-15")
    assert code == 0, err
    assert _day_back(out.splitlines()[2]) == (
        "  The earliest day you may be in Kyrgyzstan again is 1 March 2024, when your recorded "
        "stay in Kazakhstan ends.")
    code, out, err = run("plan", *args, "--from", "2024-01-15", "--length", "10")
    assert code == 0, err
    assert _day_back(out.splitlines()[1]) == (
        "The earliest you can enter for 10 days is 1 March 2024 (staying until 10 March 2024), "
        "when your recorded stay in Kazakhstan ends.")
    # with no stay elsewhere recorded, the rules alone set the day, and nothing is added
    history.write_text("country,entry,exit\nKG,2023-08-16,2023-11-20\n", encoding="utf-8")
    code, out, err = run("status", *args, "--on", "2024-01-15")
    assert code == 0, err
    assert _day_back(out.splitlines()[2]) == ("  The earliest day you may be in Kyrgyzstan "
                                              "again is 19 February 2024.")


def test_an_earliest_day_that_cuts_short_the_stay_elsewhere_under_way_says_so(
        tmp_path: Path) -> None:
    # As above, asked on 15 February 2024, in Kazakhstan to 1 March: a new entry ends the stay
    # under way elsewhere (docs/counting.md), so Kyrgyzstan's 19 February stands, but "19
    # February" alone read as a day the history leaves free (plan offered a Ukrainian a stay
    # in Kazakhstan from 9 November 2023 with Türkiye recorded to 20 January 2024)
    history = tmp_path / "h.csv"
    history.write_text("country,entry,exit\nKG,2023-08-16,2023-11-20\nKZ,2024-02-10,2024-03-01\n",
                       encoding="utf-8")
    args = (str(history), "--country", "KG", "--citizenship", "RU")
    code, out, err = run("status", *args, "--on", "2024-02-15")
    assert code == 0, err
    assert _day_back(out.splitlines()[2]) == (
        "  The earliest day you may be in Kyrgyzstan again is 19 February 2024, leaving "
        "Kazakhstan before your recorded exit on 1 March 2024.")
    code, out, err = run("plan", *args, "--from", "2024-02-15", "--length", "10")
    assert code == 0, err
    assert _day_back(out.splitlines()[1]) == (
        "The earliest you can enter for 10 days is 19 February 2024 (staying until 28 February "
        "2024), leaving Kazakhstan before your recorded exit on 1 March 2024.")
    # with no exit recorded there, no day is recorded for leaving, and nothing is cut short
    history.write_text("country,entry,exit\nKG,2023-08-16,2023-11-20\nKZ,2024-02-10,\n",
                       encoding="utf-8")
    code, out, err = run("plan", *args, "--from", "2024-02-15", "--length", "10")
    assert code == 0, err
    assert _day_back(out.splitlines()[1]) == (
        "The earliest you can enter for 10 days is 19 February 2024 (staying until 28 February "
        "2024).")


@pytest.mark.parametrize(("stay", "on", "line"), [
    # Kazakhstan's 90 per entry ends on 26 April 2023: a run from 20 March 2023 was counted
    # under it (128 days on 26 April) and is named with it; one from March 2024 is not. The
    # limits are parted by semicolons: a comma read "counted from 27 January 2023, 90 days per
    # entry" as one limit
    pytest.param("KZ,2022-12-20,", "2023-05-10",
                 "  Overstay: 20 March to 10 May 2023, 52 days; the count reached 128 days under "
                 "kz-stay-eaeu-90-180 (90 days in any 180, counted from 27 January 2023; 90 days "
                 "per entry).", id="a limit ended since, in force on some day of it"),
    # vn-stay-ru-45-2023 holds 45 days for entries from 15 August 2023 and 15 for the entries
    # before; a stay entered on 1 September broke the 45 days alone, and the 15 read as if it
    # had been counted too
    pytest.param("VN,2023-09-01,2023-11-10", "2023-12-01",
                 "  Overstay: 16 October to 10 November 2023, 26 days; the count reached 71 days "
                 "under vn-stay-ru-45-2023 (45 days per entry, for entries from 15 August 2023).",
                 id="only the limits it broke"),
])
def test_an_overstay_names_the_limits_it_was_counted_under(tmp_path: Path, stay: str, on: str,
                                                          line: str) -> None:
    history = tmp_path / "h.csv"
    history.write_text(f"country,entry,exit\n{stay}\n", encoding="utf-8")
    code, out, err = run("status", str(history), "--country", stay[:2], "--citizenship", "RU",
                         "--on", on)
    assert code == 0, err
    assert line in out.splitlines()


def test_an_overstay_going_on_past_the_query_day_says_how_much_of_it_is_planned(
        tmp_path: Path) -> None:
    # over 90 in any 180 from 3 March 2024 (103 days back to 20 November): 30 days to 1 April
    # and 49 more planned to 20 May; "79 days" alone read as days already overstayed
    out = status_over_the_limit_until_may(tmp_path)
    assert ("  Overstay: 3 March to 20 May 2024, 79 days, 49 of them planned, from 2 April 2024; "
            "the count reached 179 days under kz-stay-eaeu-90-180 (90 days in any 180, counted "
            "from 27 January 2023).") in (
        out.splitlines())
    # one ended by the query day is all past
    assert ("  Overstay: 18 February to 1 March 2024, 13 days; the count reached 103 days under "
            "kz-stay-eaeu-90-180 (90 days in any 180, counted from 27 January 2023).") in (
        out.splitlines())


@pytest.mark.parametrize(("args", "line"), [
    (["--from", "2023-02-20"], "If you leave on 20 February 2023, the earliest a new 1-day stay "
                               "can begin is 21 May 2023."),
    (["--from", "2022-11-20"], "If you leave on 20 December 2022 as planned, a new 1-day stay can "
                               "begin the same day."),
    (["--from", "2022-09-01"], "The earliest you can enter for 1 day is 1 September 2022."),
    (["--from", "2023-02-20", "--citizenship", "KZ"],
     "No rule limits you there: staying on for 1 day from 20 February 2023 needs no leaving."),
])
def test_a_one_day_plan_names_its_day_once(args: list[str], line: str) -> None:
    # "... can begin is 21 May 2023 (until 21 May 2023)": the last day is the day just named
    code, out, err = run("plan", "--assume", "kz-days-before-count",
                         PROFILE, "--country", "KZ", "--length", "1", *args)
    assert code == 0, err
    assert line in [_day_back(said) for said in out.splitlines()]


def test_a_panic_in_a_library_is_an_internal_error_in_one_line(tmp_path: Path) -> None:
    # polars raises a Rust panic as pyo3's PanicException, a BaseException: it went past
    # the 'internal error' line and printed a traceback
    script = ("import importlib, sys, polars.exceptions as e\n"
              "a = importlib.import_module('sojourn.cli.app')\n"
              "def panic(*args, **kwargs): raise e.PanicException('index out of bounds')\n"
              "a.app = panic\n"
              "sys.argv = ['sojourn', 'rules', 'list']\n"
              "a.main()\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120,
                          env=env, check=False)
    assert done.returncode == 1
    assert done.stderr.decode() == (
        "sojourn: internal error: PanicException: index out of bounds\n")


def test_an_output_pipe_closed_before_the_answer_exits_1_with_nothing_on_stderr() -> None:
    # the README's exit codes: what `sojourn rules list | true` gives; a traceback or an
    # "error:" line here would be noise in every pipeline whose reader stops early
    read, write = os.pipe()
    os.close(read)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    try:
        done = subprocess.run([sys.executable, "-c", "from sojourn.cli import main; main()",
                               "rules", "list"], stdout=write, stderr=subprocess.PIPE,
                              timeout=120, env=env, check=False)
    finally:
        os.close(write)
    assert (done.returncode, done.stderr.decode()) == (1, "")


def test_a_limit_not_yet_in_force_is_said_to_count_as_if_it_applied_on_the_query_day() -> None:
    # 87 days from 25 September to 20 December 2022 and 15 since 22 December: the 90/180
    # limit of 27 January 2023, counted over the 180 days to 5 January, has 102 of them
    code, out, _ = run("status", "--assume", "kz-days-before-count",
                       PROFILE, "--country", "KZ", "--on", "2023-01-05")
    assert code == 0
    assert out.splitlines()[1] == (
        "  The limit that ends your stay is kz-stay-eaeu-90-180 (90 days in any 180, in force "
        "from 27 January 2023). It is not in force on 5 January 2023; counted its way, you "
        "would have used 102 days by then. Your stay would be over it from its first day, so "
        "it ends the day before, on 26 January 2023.")
    # the README's reading (days before 27 January not counted): 15 days, and the stay runs
    # on past the limit's first day, so no such sentence
    code, out, _ = run("status", PROFILE, "--country", "KZ", "--on", "2023-01-05")
    assert out.splitlines()[1].endswith("you would have used 15 days by then.")
    code, out, _ = run("status", "--assume", "kz-days-before-count",
                       PROFILE, "--country", "KZ", "--on", "2023-01-05", "--json")
    data = json.loads(out)
    assert (data["binding"], data["binding_in_force"], data["days_used"]) == (
        "kz-stay-eaeu-90-180", False, 102)
    code, out, _ = run("status", "--assume", "kz-days-before-count",
                       PROFILE, "--country", "KZ", "--on", "2023-02-20", "--json")
    data = json.loads(out)
    assert (data["binding"], data["binding_in_force"]) == ("kz-stay-eaeu-90-180", True)


def test_a_one_day_plan_on_a_planned_trips_first_day_is_told_as_that_trip() -> None:
    # 50 days in January and February, and 40 planned from 1 April: a 1-day stay fits only on
    # that trip's first day (the two share it), which is no day free of the trip
    code, out, _ = run("plan", "--assume", "kz-days-before-count",
                       CSV, "--country", "KZ", "--citizenship", "RU", "--length", "1",
                       "--from", "2023-03-05")
    assert code == 0
    assert out.splitlines()[1] == ("The earliest you can enter for 1 day is 1 April 2023, when "
                                   "your planned trip to Kazakhstan begins.")


def test_the_limit_freeing_a_day_a_planned_trip_begins_is_told_as_that_trip(
        tmp_path: Path) -> None:
    # 90 days to 19 February 2023 use the limit up until 21 May, the day a planned trip begins:
    # it is that trip that sets the day, though the used-up limit, not the trip, ends the stay
    trips = tmp_path / "trips.csv"
    trips.write_text("country,entry,exit\nKZ,2022-11-22,2023-02-19\nKZ,2023-05-21,2023-05-22\n")
    args = [str(trips), "--country", "KZ", "--citizenship", "RU"]
    code, out, _ = run("status", "--assume", "kz-days-before-count", *args, "--on", "2023-02-20")
    assert code == 0
    assert out.splitlines()[2] == ("  The earliest day you may be in Kazakhstan is 21 May 2023, "
                                   "when your planned trip there begins.")
    code, out, _ = run("plan", "--assume", "kz-days-before-count",
                       *args, "--length", "1", "--from", "2023-02-20")
    assert code == 0
    assert out.splitlines()[1] == ("The earliest you can enter for 1 day is 21 May 2023, when "
                                   "your planned trip to Kazakhstan begins.")


def test_a_plan_into_a_planned_trip_with_no_exit_is_told_as_that_trip() -> None:
    # the profile's stay from 22 December 2022 has no exit: a 30-day stay from then is that trip
    code, out, _ = run("plan", PROFILE, "--country", "KZ", "--length", "30", "--from", "2022-12-21")
    assert code == 0
    assert out.splitlines()[1] == ("The earliest you can enter for 30 days is 22 December 2022 "
                                   "(staying until 20 January 2023), when your planned trip to "
                                   "Kazakhstan begins.")


@pytest.mark.parametrize(("on", "state"), [
    ("2022-12-23", "planned for 10 January 2023 in your profile, after the deadline"),
    ("2023-01-05", "OVERDUE; planned for 10 January 2023 in your profile"),
    ("2023-01-11", "registered late, on 10 January 2023"),
])
def test_a_registration_the_profile_records_after_the_query_day_is_told_as_planned(
        tmp_path: Path, on: str, state: str) -> None:
    # was "registered late, on 10 January 2023" on 23 December, a day not yet come
    profile = tmp_path / "late.yaml"
    profile.write_text("version: 1\nperson:\n  citizenships: [RU]\ntrips:\n"
                       "  - {country: KZ, entry: 2022-12-22}\n"
                       "registrations:\n  - {country: KZ, on: 2023-01-10}\n")
    code, out, _ = run("status", str(profile), "--country", "KZ", "--on", on)
    assert code == 0
    assert f"(kz-registration-host-notice); {state}." in out


def test_a_registration_planned_in_time_is_told_so() -> None:
    code, out, _ = run("status", PROFILE, "--country", "KZ", "--on", "2022-12-22")
    assert code == 0
    assert ("(kz-registration-host-notice); planned for 23 December 2022 in your profile, in "
            "time.") in out


@pytest.mark.parametrize(("on", "trip"), [
    # the stay in Kyrgyzstan begins on the Kazakh trip's last day, and the Kazakh stay with no
    # exit on the Kyrgyz trip's last: each is the next trip, not part of the one named
    ("2022-09-24", "Kazakhstan from 25 September to 20 December 2022"),
    ("2022-12-19", "Kyrgyzstan from 20 to 22 December 2022"),
])
def test_the_planned_trip_named_leaves_out_the_stay_begun_on_its_last_day(
        on: str, trip: str) -> None:
    code, out, _ = run("status", PROFILE, "--country", "AM", "--on", on)
    assert code == 0
    assert f"Your planned trip to {trip} sets this date: it begins that day." in out


def test_the_destinations_legend_names_each_planned_trip_once() -> None:
    code, out, _ = run("destinations", PROFILE, "--on", "2022-09-24")
    assert code == 0
    # Kazakhstan's own row runs on through the trip there, to the trip to Kyrgyzstan
    assert ("  † ended sooner than the host's rules would, by your planned trips to Kazakhstan "
            "from 25 September to 20 December 2022 and to Kyrgyzstan from 20 to 22 December "
            "2022; `sojourn status --country HOST` says how.") in out.splitlines()


def test_the_destinations_legend_names_several_planned_trips_as_the_person_s() -> None:
    # "by your planned trip to Kazakhstan from ... and planned trip to Kazakhstan from ..."
    code, out, _ = run("destinations", "--assume", "kz-days-before-count",
                       CSV, "--citizenship", "RU", "--on", "2023-01-05")
    assert code == 0
    assert ("  † ended sooner than the host's rules would, by your planned trips to Kazakhstan "
            "from 10 January to 28 February 2023 and to Kazakhstan from 1 April to 10 May 2023; "
            "`sojourn status --country HOST` says how.") in out.splitlines()


def test_a_bloc_status_other_than_member_is_said_in_words() -> None:
    # "CSTO frozen" left the reader to guess what was frozen
    code, out, _ = run("risk", str(ROOT / "examples" / "deserter.yaml"), "--country", "AM",
                       "--on", "2030-01-01")
    assert code == 0
    assert ("  - Armenia on 1 January 2030: CIS member, CSTO participation frozen, EAEU member"
            in out.splitlines())


def test_every_bloc_status_has_its_words() -> None:
    from typing import get_args

    from sojourn.risk import BLOC_STATUS_WORDS
    from sojourn.rules.topics import BlocMember
    statuses = get_args(BlocMember.model_fields["status"].annotation)
    assert set(statuses) == set(BLOC_STATUS_WORDS)


def test_a_step_with_no_lead_time_is_not_urged_once_the_day_to_file_is_past() -> None:
    # over the limit: "no step can be taken in time", yet each such step read "start as soon
    # as you can"
    code, out, _ = run("permit", "--assume", "kz-days-before-count",
                       PROFILE, "--country", "KZ", "--permit", "kz-permit-temporary",
                       "--on", "2023-01-27")
    assert code == 0
    lines = out.splitlines()
    assert "  - get a basis document: lead time unknown; too late for this stay" in lines
    assert not any("as soon as you can" in line for line in lines)
    code, out, _ = run("permit", "--assume", "kz-days-before-count",
                       PROFILE, "--country", "KZ", "--permit", "kz-permit-temporary",
                       "--on", "2023-01-05")
    assert "  - get a basis document: lead time unknown; start as soon as you can" in (
        out.splitlines())


def test_a_past_overstay_names_the_limit_of_a_rule_no_longer_in_force(tmp_path: Path) -> None:
    out = russian_answer(tmp_path, "status", ("KZ,2022-02-01,2022-05-10",), "--country", "KZ",
                         "--on", "2024-03-01")
    assert ("  Overstay: 2 to 10 May 2022, 9 days; the count reached 99 days under "
            "kz-stay-eaeu-per-entry (90 days per entry).") in out.splitlines()


def test_a_source_cited_by_document_is_set_apart_from_its_title() -> None:
    # "... of Russian citizens Government of the Republic of Kazakhstan, ..." ran on
    code, out, _ = run("rules", "show", "kz-entry-passports")
    assert code == 0
    assert ("    source: Kazakh government resolution No. 494 on the documents of Russian citizens "
            "(23 May 2005) — Government of the Republic of Kazakhstan, Resolution No. 494, "
            "23.05.2005"
            ) in out.splitlines()


def test_a_source_whose_title_gives_its_day_is_not_dated_twice() -> None:
    # "... mutual visits (13 December 2005) (13 December 2005) — Agreement ..."
    code, out, _ = run("rules", "show", "th-stay-ru-30-agreement")
    assert code == 0
    [line] = [x for x in out.splitlines() if "Russia–Thailand agreement" in x]
    assert line.count("13 December 2005") == 1, line
    # a title without the day still gets it
    assert "    source: Kazakh government resolution No. 494 on the documents of Russian " \
           "citizens (23 May 2005)" in run("rules", "show", "kz-entry-passports")[1]


def test_a_source_whose_title_gives_another_day_ending_in_its_own_is_still_dated() -> None:
    # "1 May 2025" is inside "11 May 2025": the day was dropped as if the title gave it
    from sojourn.cli.render._common import source_lines
    from sojourn.rules.schema import Source

    url = "https://example.org/"
    [later, same] = source_lines([
        Source(title="Decree of 11 May 2025", url=url, date=dt.date(2025, 5, 1)),
        Source(title="Decree of 1 May 2025", url=url, date=dt.date(2025, 5, 1))])
    assert later == f"source: Decree of 11 May 2025 (1 May 2025) {url}"
    assert same == f"source: Decree of 1 May 2025 {url}"


def test_the_report_gives_the_day_of_the_other_places_to_go() -> None:
    # "Where else you may go today:" under a report for 29 February 2024
    code, out, _ = run("report", PROFILE, "--on", "2024-02-29")
    assert code == 0
    assert "Where else you may go on 29 February 2024:" in out.splitlines()


def test_entry_through_a_closed_border_says_the_ways_still_open() -> None:
    # a bare "Yes" above "closed to entry by land, rail, sea" read as any way in
    args = ["entry", "--citizenship", "RU", "--document", "international_passport", "--to", "AZ",
            "--on", "2024-02-29"]
    code, out, _ = run(*args)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Yes, by air only: entering Azerbaijan on 29 February 2024")
    assert lines[1].startswith("  - Azerbaijan is closed to entry by land, rail and sea on ")
    assert json.loads(run(*args, "--json")[1])["open_ways"] == ["air"]
    code, out, _ = run(*args, "--by", "air")
    assert out.startswith("Yes: entering Azerbaijan by air")
    assert json.loads(run(*args, "--by", "air", "--json")[1])["open_ways"] == []


def test_another_accounts_earliest_entry_on_the_query_day_is_after_leaving(
        tmp_path: Path) -> None:
    # "no day left; earliest entry 20 March 2023" on 20 March itself read as a contradiction
    out = russian_answer(tmp_path, "status", ("UZ,2023-03-01,",), "--country", "UZ",
                         "--on", "2023-03-20")
    # (a CSV history records no registration: under that account the days past 16 March are
    # an overstay, as for any stay unregistered under a rule with effect extends)
    assert ("--assume uz-seed-60-days (no day left; 4 days overstayed; earliest entry 20 March "
            "2023, after leaving).") in out


def test_a_due_day_the_host_asks_for_before_the_stay_ends_says_so() -> None:
    # "ends on 28 June 2024; the application is due by 29 May 2024" gave no reason for the month
    # (by calendar years: in Armenia since 20 March 2023, the 180 days start again in 2024)
    code, out, _ = run("permit", str(ROOT / "examples" / "deserter.yaml"), "--country", "AM",
                       "--permit", "am-permit-temporary", "--on", "2024-02-29",
                       "--assume", "am-180-calendar-year")
    assert code == 0
    # (the stay's end under the account assumed, which the other account moves)
    assert out.startswith("Feasible: Temporary residence card (Armenia). Your legal stay ends on "
                          "28 June 2024 under am-stay-180-per-year, contested, assumed "
                          "'am-180-calendar-year' (other accounts: --assume am-180-rolling-365); "
                          "the application is due by 29 May 2024, as the host asks "
                          "for it 30 days before the stay ends; ")


def test_the_report_says_what_each_other_account_of_a_permit_comes_to() -> None:
    # the report gave "other accounts: --assume kz-prp-no-home-consent." with nothing beside
    # it, where `permit` says that reading leaves the plan not feasible
    code, permit, _ = run("permit", "--assume", "kz-days-before-count",
                          PROFILE, "--country", "KZ", "--permit",
                          "kz-permit-permanent-2015", "--on", "2023-01-05")
    assert code == 0
    line = next(x for x in permit.splitlines() if "(kz-permit-permanent-2015)" in x)
    assert line.endswith("--assume kz-prp-no-home-consent (legal stay ends 26 January 2023; "
                         "file by 26 January 2023; missing: certificate of no criminal record; "
                         "not feasible).")
    code, report, _ = run("report", "--assume", "kz-days-before-count",
                          PROFILE, "--on", "2023-01-05")
    assert code == 0 and line in report.splitlines()


@pytest.mark.parametrize("args", [
    ("status", "--country", "KZ"), ("report",), ("destinations",), ("risk", "--country", "KZ")])
def test_a_citizenship_the_profile_does_not_hold_is_warned_of_by_every_command(
        args: tuple[str, ...]) -> None:
    # destinations and risk answered for an Uzbek without a word, while status and report
    # warned that the relocant holds no such citizenship
    command, *rest = args
    code, _, err = run(command, PROFILE, *rest, "--citizenship", "UZ", "--on", "2023-01-05")
    assert code == 0
    assert err.count("warning: --citizenship UZ is not among the profile's citizenships (RU)"
                     ) == 1
    code, _, err = run(command, PROFILE, *rest, "--citizenship", "RU", "--on", "2023-01-05")
    assert code == 0 and "warning: --citizenship" not in err


@pytest.mark.parametrize("args", [
    ("status", "--country", "KZ", "--json"),
    ("permit", "--country", "KZ", "--permit", "kz-permit-temporary", "--json"),
    ("destinations", "--json"), ("risk", "--country", "KZ", "--json"),
    ("report", "--format", "json")])
def test_every_answer_from_a_history_tells_its_warnings_on_stderr_and_in_its_json(
        args: tuple[str, ...], tmp_path: Path) -> None:
    # status warned of stays merged into one on stderr and in --json's warnings; permit and
    # destinations, whose answers count the merged stay too, said nothing, and risk --json
    # had no warnings to read where its text warned
    profile = Path(PROFILE).read_text(encoding="utf-8").replace(
        "  - {country: KZ, entry: 2022-12-22, by: land}",
        "  - {country: KG, entry: 2022-12-21, exit: 2022-12-22, by: land}\n"
        "  - {country: KZ, entry: 2022-12-22, by: land}")
    overlapping = tmp_path / "overlapping.yaml"
    overlapping.write_text(profile, encoding="utf-8")
    command, *rest = args
    code, out, err = run(command, str(overlapping), *rest, "--on", "2023-01-05")
    assert code == 0, err
    told = [line.removeprefix("warning: ") for line in err.splitlines()]
    assert len(told) == 1 and "counted as one stay from 2022-12-20 to 2022-12-22" in told[0]
    answer = json.loads(out)
    assert (answer["stay"] if command == "report" else answer)["warnings"] == told


_KNOWN_TO_30_JUNE = """\
schema: sojourn.rules/1
rules:
  - id: am-test-stay
    title: A test stay limit, known to 30 June 2023
    host: AM
    citizenships: [RU]
    topic: stay
    valid_from: 2023-01-01
    valid_to: 2023-06-30
    constraints:
      - {kind: per_entry, max: 90}
    variants:
      - {name: am-test-default, default: true}
      - {name: am-test-other, title: Another account, valid_to: 2023-06-29}
    confidence: low
    sources:
      - {title: A test, url: "https://example.org/"}
  - id: am-test-registration
    title: A test registration
    host: AM
    citizenships: [RU]
    topic: registration
    valid_from: 2023-01-01
    constraints:
      - {kind: registration, within: 30, unit: calendar}
    confidence: low
    sources:
      - {title: A test, url: "https://example.org/"}
"""


def test_a_latest_exit_where_the_pack_s_knowledge_ends_is_not_called_a_limit(tmp_path: Path
                                                                            ) -> None:
    # 30 June is the last day whose rules the pack knows, 89 days short of the limit: the
    # note called it "the last day the limits allow"
    pack = tmp_path / "am.yaml"
    pack.write_text(_KNOWN_TO_30_JUNE, encoding="utf-8")
    out = russian_answer(tmp_path, "status", ("AM,2023-06-20,",), "--country", "AM", "--on",
                         "2023-06-20", "--pack", str(pack))
    assert ("Note: if you leave by 30 June 2023, the last day the rule pack knows the rules "
            "for, this stay needs no registration" in " ".join(out.split()))
    assert "the last day the limits allow" not in out


def test_rules_show_leaves_out_a_variant_s_missing_title(tmp_path: Path) -> None:
    # it read "variant am-test-default (default): ; in force ..."
    pack = tmp_path / "am.yaml"
    pack.write_text(_KNOWN_TO_30_JUNE, encoding="utf-8")
    code, out, _ = run("rules", "show", "am-test-stay", "--pack", str(pack))
    assert code == 0
    lines = [line.strip() for line in out.splitlines() if "variant" in line]
    assert lines[0].startswith("variant am-test-default (default): in force from 1 January 2023")
    assert lines[1].startswith("variant am-test-other: Another account; in force from")


@pytest.mark.parametrize("rule_id", ["kz-stay-eaeu-90-180", "am-stay-180-per-year"])
def test_rules_show_gives_each_account_its_own_sources_and_limits(rule_id: str) -> None:
    # a variant's line gave its dates and confidence only: the Reuters account of Kazakhstan's
    # change, and Armenia's 180 days in any 365, could not be followed to what they rest on
    from sojourn.rules.loader import load_pack
    from sojourn.rules.select import apply

    rule = next(r for r in load_pack().rules if r.id == rule_id)
    shown = apply(rule, rule.variant(None))
    code, out, _ = run("rules", "show", rule_id)
    assert code == 0
    lines = out.splitlines()
    own = [v for v in rule.variants if apply(rule, v).sources != shown.sources
           or apply(rule, v).constraints != shown.constraints]
    assert own  # each rule asked about has an account resting on other sources or limits
    for v in own:
        eff = apply(rule, v)
        at = next(i for i, line in enumerate(lines) if line.startswith(f"    variant {v.name}"))
        told = lines[at + 1:at + 1 + len(eff.sources)]
        if eff.sources != shown.sources:
            assert [t.split("source: ", 1)[1].startswith(s.title) for t, s in
                    zip(told, eff.sources, strict=True)] == [True] * len(eff.sources)
        if eff.constraints != shown.constraints:
            assert lines[at].endswith("; " + "; ".join(constraint_words(c)
                                                       for c in eff.constraints))


def test_a_low_confidence_rule_that_decides_the_answer_is_said_beside_it(tmp_path: Path
                                                                         ) -> None:
    # Armenia's 180 days a year (confidence low: no source says which year) set the answer,
    # and only the rules listed after it said "confidence low"
    from sojourn.rules.loader import load_pack

    confidence = {r.id: r.confidence for r in load_pack().rules}
    history = tmp_path / "armenia.csv"
    history.write_text("country,entry,exit\nAM,2023-01-10,\n", encoding="utf-8")
    args = ("status", str(history), "--country", "AM", "--citizenship", "RU", "--on", "2023-03-01")
    code, out, _ = run(*args, "--json")
    answer = json.loads(out)
    assert code == 0 and confidence[answer["binding"]] == "low"
    # the registration deadline too rests on a rule of low confidence (what Armenian law asks
    # after the agreement's 30 days is not known), and is named beside the limit
    assert confidence[answer["registration"]["rule"]] == "low"
    said = (f"the answer rests on {answer['binding']} and {answer['registration']['rule']}, "
            "rules of low confidence: check their sources before acting on it")
    assert said in answer["notes"]
    code, out, _ = run(*args)
    assert f"  Note: {said}." in out.splitlines()[:5]
    # a high-confidence limit is not flagged
    code, out, _ = run("status", CSV, "--country", "KZ", "--citizenship", "RU", "--on",
                       "2023-07-20", "--json")
    answer = json.loads(out)
    assert confidence[answer["binding"]] != "low"
    assert not any("low confidence" in n for n in answer["notes"])


@pytest.mark.parametrize("twice", [["--json", "--json"], ["--on", "2023-06-01"],
                                   ["--assume", "kz-change-27-jan"],
                                   # one value spelled another way, as the command reads it:
                                   # it was refused as "2 different values"
                                   ["--country", "kz"], ["--citizenship", " ru"],
                                   ["--on", " 2023-06-01"]])
def test_an_option_given_again_with_the_same_value_is_no_clash(twice: list[str]) -> None:
    args = ["status", CSV, "--country", "KZ", "--citizenship", "RU", "--on", "2023-06-01",
            "--json", "--assume", "kz-change-27-jan"]
    code, once, _ = run(*args)
    assert code == 0
    assert run(*args, *twice) == (0, once, "")


LOW_CONFIDENCE_CASES = [
    # a policy reported only from cases (kg-extradition-2023) sets the level
    (("risk", "{csv}", "--country", "KG", "--citizenship", "RU", "--on", "2023-06-01"),
     ("risk", "{csv}", "--country", "KZ", "--citizenship", "RU", "--on", "2023-06-01")),
    (("entry", "--to", "AZ", "--citizenship", "RU", "--document", "international_passport",
      "--by", "air", "--on", "2024-06-01"),
     ("entry", "--to", "KZ", "--citizenship", "RU", "--document", "internal_passport",
      "--on", "2024-06-01")),
    (("permit", "{csv}", "--country", "GE", "--citizenship", "RU", "--permit",
      "ge-permit-residence", "--on", "2023-06-01"),
     # by 1 May, within the 90 days from 1 March: no overstay, so no (low) penalty rule
     ("permit", "{csv}", "--country", "KZ", "--citizenship", "RU", "--permit",
      "kz-permit-permanent-2015", "--on", "2023-05-01")),
]


@pytest.mark.parametrize(("low", "high"), LOW_CONFIDENCE_CASES,
                         ids=[c[0][0] for c in LOW_CONFIDENCE_CASES])
def test_risk_entry_permit_say_when_a_low_confidence_rule_decides(
        low: tuple[str, ...], high: tuple[str, ...], tmp_path: Path) -> None:
    # the rule's "confidence low" was said only in the rules listed after the answer, as it
    # was for status before it said so beside the figures
    from sojourn.rules.loader import load_pack

    confidence = {r.id: r.confidence for r in load_pack().rules}
    history = tmp_path / "stay.csv"

    def args(given: tuple[str, ...]) -> list[str]:
        """``given``, its history one stay in the host judged, from 1 March 2023."""
        if "--country" in given:
            host = given[given.index("--country") + 1]
            history.write_text(f"country,entry,exit\n{host},2023-03-01,\n", encoding="utf-8")
        return [a.format(csv=history) for a in given]

    code, out, _ = run(*args(low), "--json")
    answer = json.loads(out)
    deciding = [r["id"] for r in answer["rules"] if confidence[r["id"]] == "low"]
    assert code == 0 and deciding
    said = (f"the answer rests on {deciding[0]}, a rule of low confidence: check its "
            "sources before acting on it")
    assert answer["notes"] == [said]
    code, out, _ = run(*args(low))
    assert f"{said}." in out
    code, out, _ = run(*args(high), "--json")
    answer = json.loads(out)
    assert code == 0 and not any(confidence[r["id"]] == "low" for r in answer["rules"])
    assert not any("low confidence" in n for n in answer["notes"])


@pytest.mark.parametrize("wanted", ["international", "interpol", "interstate"])
def test_a_host_that_acts_on_no_wanted_list_weighs_no_listing(tmp_path: Path,
                                                              wanted: str) -> None:
    # `acts_on_listings: []`: the host acts on no international list. A listing of unknown
    # kind was still counted ("high"), above both kinds it could be ("medium"), and the reason
    # said Georgia "is reported to act on no international list alone". Draft evasion (328),
    # not desertion: Georgia bars offences under military law alone, which would weigh nothing
    pack = tmp_path / "pack"
    shutil.copytree(builtin_pack_dir(), pack)
    text = (pack / "extradition.yaml").read_text(encoding="utf-8")
    field = "\n      acts_on_listings: [interpol]\n"  # Georgia's, not the note that cites it
    assert text.count(field) == 1
    (pack / "extradition.yaml").write_text(
        text.replace(field, "\n      acts_on_listings: []\n"), encoding="utf-8")
    profile = tmp_path / "p.yaml"
    profile.write_text("person: {citizenships: [RU]}\n"
                       f"charges: [{{country: RU, article: '328', wanted: {wanted}}}]\n",
                       encoding="utf-8")
    code, out, err = run("risk", str(profile), "--country", "GE", "--on", "2024-05-01",
                         "--pack", str(pack), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["extradition"] == "medium"
    listing = {"international": "an international wanted list",
               "interpol": "Interpol's listings only",
               "interstate": "the CIS interstate wanted list only"}[wanted]
    assert (f"the charge under Art. 328 is on {listing}, and Georgia is reported to act on no "
            "international wanted list (ge-extradition-2018): it weighs as a charge without an "
            "international listing") in data["reasons"]


ONLINE_30_TOLD = ("kz-registration-online-30 (register within 30 days of entry) took effect on "
                  "1 July 2026, during this stay, and is not applied to it")


def _in_kazakhstan_since_april_2026(tmp_path: Path, permits: str = "") -> str:
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "person: {citizenships: [RU]}\ntrips: [{country: KZ, entry: 2026-04-10}]\n"
        "registrations: [{country: KZ, on: 2026-04-11}]\n" + permits, encoding="utf-8")
    return str(profile)


def test_a_registration_rule_taking_effect_during_the_stay_is_told_and_dated_as_told(
        tmp_path: Path) -> None:
    # in Kazakhstan since April 2026, over the limit on 1 December: the host's notice of April
    # is the line's rule (ended 30 June, so no source of it is called old); the online
    # registration of 1 July is told, and its sources, of November 2025, are the
    # registration rule's dated in the note on old sources
    profile = _in_kazakhstan_since_april_2026(tmp_path)
    code, out, _ = run("status", profile, "--country", "KZ", "--on", "2026-12-01", "--json")
    assert code == 0, out
    answer = json.loads(out)
    assert answer["registration"]["rule"] == "kz-registration-host-notice"
    assert any(n.startswith(ONLINE_30_TOLD) for n in answer["notes"])
    assert "kz-registration-online-30" in [r["rule"] for r in answer["freshness"]["rules"]]
    code, out, _ = run("status", profile, "--country", "KZ", "--on", "2026-12-01")
    assert ONLINE_30_TOLD in out
    assert "the pack's newest dated source for the registration rule is of 17 November 2025" \
        in out


def test_a_registration_rule_taking_effect_under_a_residence_permit_is_neither_told_nor_dated(
        tmp_path: Path) -> None:
    # a temporary residence permit from 20 June 2026 covers 1 July: a visitor's registration
    # is not the holder's duty, so the online registration judges nothing the answer says
    profile = _in_kazakhstan_since_april_2026(
        tmp_path, "permits: [{country: KZ, kind: temporary_residence, valid_from: 2026-06-20, "
        "valid_to: 2027-06-19}]\n")
    code, out, _ = run("status", profile, "--country", "KZ", "--on", "2026-12-01", "--json")
    assert code == 0, out
    answer = json.loads(out)
    assert answer["registration"]["rule"] == "kz-registration-host-notice"
    assert "kz-registration-online-30" not in out


def test_a_registration_rule_taking_effect_during_a_stay_with_no_known_rule_is_told(
        tmp_path: Path) -> None:
    # Azerbaijani citizens in Kyrgyzstan: no rule on 20 August 2024, one from 5 September
    history = tmp_path / "h.csv"
    history.write_text("country,entry,exit\nKG,2024-08-20,\n", encoding="utf-8")
    told = ("kg-registration-az-15-2024 (register within 15 days of entry) took effect on "
            "5 September 2024, during this stay, and is not applied to it: the pack judges a "
            "stay's registration by the rules in force on its first day")
    code, out, _ = run("status", str(history), "--country", "KG", "--citizenship", "AZ",
                       "--on", "2024-09-10", "--json")
    assert code == 0, out
    answer = json.loads(out)
    assert answer["register_by"] is None
    assert told in answer["notes"]
