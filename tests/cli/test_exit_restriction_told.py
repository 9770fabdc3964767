"""A restriction on leaving Russia the profile records, told to a person abroad as a summons is
(summonses.KeptInNotice): returning, Russia's border would keep him in while it runs
(ru-exit-restriction), in status, report and destinations, and in their --json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cli_lines import run

PERSON = """\
person:
  citizenships: [RU]
  born: 1998-05-04
  documents: [{type: international_passport, country: RU}]
"""
ABROAD = PERSON + """\
trips:
  - {country: RU, entry: 1998-05-04, exit: 2026-10-01}
  - {country: KZ, entry: 2026-10-01, by: land}
"""
ON = ("--on", "2026-12-01")
TOLD_ABROAD = ("Note: you record a restriction on leaving the Russian Federation placed by a "
               "court (a measure of restraint): should you return to the Russian Federation, its "
               "border will not let you leave again while it runs, from 15 September 2026 to 1 "
               "March 2027 (ru-exit-restriction).")


def profile(tmp_path: Path, trips: str, restriction: str) -> str:
    path = tmp_path / "p.yaml"
    path.write_text(trips + f"exit_restrictions: [{restriction}]\n", encoding="utf-8")
    return str(path)


def answer(*args: str) -> Any:
    return json.loads("\n".join(run(*args, *ON)))


COURT = ("{country: RU, since: 2026-09-15, until: 2027-03-01, by: court, "
         "note: a measure of restraint}")


def test_abroad_status_report_and_destinations_tell_the_restriction(tmp_path: Path) -> None:
    # a person in Kazakhstan with a restriction running was told nothing of it: only in Russia
    # did it show, as a refusal to let him out
    path = profile(tmp_path, ABROAD, COURT)
    assert TOLD_ABROAD in run("status", path, "--country", "KZ", *ON)
    assert run("report", path, *ON).count(TOLD_ABROAD) == 1
    assert TOLD_ABROAD in run("destinations", path, *ON)
    # told for the host he is in, not for every host asked about
    assert not any("restriction" in line for line in run("status", path, "--country", "GE", *ON))


def test_a_restriction_with_no_end_recorded_says_so(tmp_path: Path) -> None:
    path = profile(tmp_path, ABROAD, "{country: RU, since: 2026-09-15, by: bailiff}")
    assert ("Note: you record a restriction on leaving the Russian Federation placed by a "
            "bailiff: should you return to the Russian Federation, its border will not let you "
            "leave again while it runs, from 15 September 2026, with no end recorded "
            "(ru-exit-restriction).") in run("status", path, "--country", "KZ", *ON)


@pytest.mark.parametrize("restriction", [
    "{country: RU, since: 2026-03-01, until: 2026-11-30, by: court}",  # ended the day before
    "{country: RU, since: 2026-12-02, by: investigator}",  # placed after the day
])
def test_a_restriction_not_running_on_the_day_is_not_told(tmp_path: Path,
                                                          restriction: str) -> None:
    path = profile(tmp_path, ABROAD, restriction)
    assert not any("restriction" in line for line in run("status", path, "--country", "KZ", *ON))
    assert answer("report", path, "--format", "json")["exit_restrictions"] == []


def test_the_json_of_status_report_and_destinations_gives_the_restriction(tmp_path: Path
                                                                         ) -> None:
    path = profile(tmp_path, ABROAD, COURT)
    told = answer("destinations", path, "--json")["exit_restrictions"]
    assert told == [{"state": "RU", "by": "court", "note": "a measure of restraint",
                     "inside": False, "exit_rule": "ru-exit-restriction",
                     "bars_exit_from": "2026-09-15", "until": "2027-03-01",
                     # ru-exit-restriction has one account: none to name, as the text names none
                     "assumed": None, "other_accounts": []}]
    assert told == answer("status", path, "--country", "KZ", "--json")["exit_restrictions"]
    report = answer("report", path, "--format", "json")
    assert told == report["exit_restrictions"] == report["stay"]["exit_restrictions"]
    assert report["summonses"] == []  # a restriction is no summons


def test_in_russia_the_report_says_until_when_the_restriction_keeps_him_in(tmp_path: Path
                                                                          ) -> None:
    path = profile(tmp_path, PERSON + "trips: [{country: RU, entry: 1998-05-04}]\n", COURT)
    assert ("Your restriction on leaving the Russian Federation, placed by a court (a measure "
            "of restraint), from 15 September 2026 to 1 March 2027; while it runs, its border "
            "will not let you leave (ru-exit-restriction).") in run("report", path, *ON)
    assert [n["inside"] for n in answer("report", path, "--format", "json")
            ["exit_restrictions"]] == [True]
