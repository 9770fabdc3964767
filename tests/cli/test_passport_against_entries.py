"""A passport judged against the stay an answer relies on: plan's caveat names the stay plan
offers, not status's; and a recorded entry no border has judged yet (one on or after the
query day, or after today) is judged by the host's entry rule on its day, as `status`,
`plan` and `report` say and --json gives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from sojourn.cli import app

runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def as_json(*args: str) -> Any:
    return json.loads(run(*args, "--json"))


def profile(tmp_path: Path, born: str, expires: str, trips: str) -> str:
    path = tmp_path / "p.yaml"
    path.write_text("version: 1\nperson:\n  citizenships: [RU]\n"
                    f"  born: {born}\n  documents:\n"
                    "    - {type: international_passport, country: RU, issued: 2022-04-16, "
                    f"expires: {expires}}}\ntrips:\n{trips}", encoding="utf-8")
    return str(path)


def test_plan_says_the_passport_ends_before_the_stay_it_offers_and_names_it(
        tmp_path: Path) -> None:
    # Georgia's 365 days from 1 January outlast the passport, and so does the 30-day stay plan
    # offers: the line named status's stay to 31 December 2027, not the one asked about
    history = profile(tmp_path, "1990-01-01", "2027-01-15",
                      "  - {country: KZ, entry: 2026-11-01, by: land}\n")
    args = ("plan", history, "--country", "GE", "--length", "30", "--from", "2027-01-01")
    assert ("  Your international passport ends on 15 January 2027, before the stay from 1 to "
            "30 January 2027 would end: Georgia wants it valid through the day you leave "
            "(ge-entry-foreign-passport-2026); renew it or leave by 15 January 2027."
            ) in run(*args).splitlines()
    end = as_json(*args)["document_end"]
    assert (end["stay_from"], end["stay_until"], end["leave_by"]) == (
        "2027-01-01", "2027-01-30", "2027-01-15")


def test_plan_whose_stay_fits_the_passport_names_status_stay_it_does_not(
        tmp_path: Path) -> None:
    history = profile(tmp_path, "1990-01-01", "2027-01-15",
                      "  - {country: KZ, entry: 2026-11-01, by: land}\n")
    args = ("plan", history, "--country", "GE", "--length", "10", "--from", "2027-01-01")
    assert "before the stay to 31 December 2027 would end" in run(*args)
    end = as_json(*args)["document_end"]
    assert (end["stay_from"], end["stay_until"]) == (None, "2027-12-31")


def test_plan_whose_stay_outlasts_a_passport_status_stay_does_not_says_so(
        tmp_path: Path) -> None:
    # 89 of Kazakhstan's 90 days in 180 used: status's stay from 29 November is that day
    # alone, which the passport lasts; plan's 30 days begin on 27 February 2027, when days
    # have rolled off, and outlast it, which nothing said
    history = profile(tmp_path, "1990-01-01", "2027-03-15",
                      "  - {country: KZ, entry: 2026-09-01, exit: 2026-11-28, by: land}\n"
                      "  - {country: RU, entry: 2026-11-28, by: land}\n")
    args = ("plan", history, "--country", "KZ", "--length", "30", "--from", "2026-11-29")
    assert ("  Your international passport ends on 15 March 2027, before the stay from 27 "
            "February to 28 March 2027 would end: the stay needs a valid travel document") in run(
                *args)
    end = as_json(*args)["document_end"]
    assert (end["stay_from"], end["stay_until"], end["leave_by"]) == (
        "2027-02-27", "2027-03-28", "2027-03-15")
