"""`--json` gives the later earliest entry each case of a ban on a condition the tool cannot
ask gives (`earliest_entry_if`), as the text's "..., or 20 November 2031 if arrested and
prosecuted" does: the JSON had only each ban's `last_day`, and the day back comes from the
stay rules, so a program could not give the day the text gives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cli_lines import run

# Thailand, 30 days per entry from 4 June 2026, for a Russian: 134 days over on the first stay,
# left on 20 November 2026: a year's ban if he surrendered (to 19 November 2027), 5 years if
# arrested and prosecuted (to 19 November 2031); back on 10 January 2027, 35 days over on 15
# March 2027, which leaving that day makes 5 years if arrested (to 14 March 2032)
FIRST_STAY = "TH,2026-06-10,2026-11-20"
ON = "2027-03-15"
FIRST_CASE = {"day": "2031-11-20", "if": "arrested and prosecuted",
              "rule": "th-penalty-overstay", "overstay_first_day": "2026-07-10",
              "overstay_last_day": "2026-11-20", "ban_last_day": "2031-11-19"}


def history(tmp_path: Path, *rows: str) -> str:
    path = tmp_path / "h.csv"
    path.write_text("country,entry,exit\n" + "".join(f"{r}\n" for r in rows), encoding="utf-8")
    return str(path)


def answer(*args: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads("\n".join(run(*args, "--json")))
    return data


def test_status_gives_the_day_back_if_arrested(tmp_path: Path) -> None:
    hist = history(tmp_path, FIRST_STAY)
    text = run("status", hist, "--country", "TH", "--citizenship", "RU", "--on", ON)
    assert ("The earliest day you may be in Thailand again is 20 November 2027, or 20 "
            "November 2031 if arrested and prosecuted.") in [line.strip() for line in text]
    data = answer("status", hist, "--country", "TH", "--citizenship", "RU", "--on", ON)
    assert (data["earliest_entry"], data["earliest_entry_if"]) == ("2027-11-20", [FIRST_CASE])


def test_each_overstays_case_in_the_order_the_text_gives_them(tmp_path: Path) -> None:
    hist = history(tmp_path, FIRST_STAY, "TH,2027-01-10,")
    data = answer("status", hist, "--country", "TH", "--citizenship", "RU", "--on", ON)
    assert data["earliest_entry_if"] == [
        FIRST_CASE,
        {"day": "2032-03-15", "if": "arrested and prosecuted", "rule": "th-penalty-overstay",
         "overstay_first_day": "2027-02-09", "overstay_last_day": "2027-03-15",
         "ban_last_day": "2032-03-14"}]


def test_plan_gives_the_cases_for_the_stay_it_offers(tmp_path: Path) -> None:
    data = answer("plan", history(tmp_path, FIRST_STAY), "--country", "TH", "--citizenship",
                  "RU", "--from", ON, "--length", "30")
    assert (data["earliest_entry"], data["earliest_entry_if"]) == ("2027-11-20", [FIRST_CASE])


def test_no_case_where_no_ban_on_a_condition_runs(tmp_path: Path) -> None:
    data = answer("status", history(tmp_path, "TH,2026-06-10,2026-06-20"), "--country", "TH",
                  "--citizenship", "RU", "--on", ON)
    assert data["earliest_entry_if"] == []
