"""People still in Russia in 2026 asking where they may go: what Russia's exit rules leave of
each way out, as `entry`, `destinations` and `report` say it."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sojourn.cli import app

runner = CliRunner()

# A man of 30 in Russia with only an internal passport: Russia lets it out to Armenia by air
# alone (ru-exit-internal-passport), the land way running through Georgia.
INTERNAL_ONLY = """\
person:
  citizenships: [RU]
  born: 1996-03-02
  documents: [{type: internal_passport, country: RU, issued: 2016-03-20}]
trips:
  - {country: RU, entry: 1996-03-02}
"""

# The same with a foreign passport too, which Russia lets out to Armenia every way.
BOTH_PASSPORTS = INTERNAL_ONLY.replace(
    "documents: [", "documents: [{type: international_passport, country: RU, "
                    "expires: 2030-01-15}, ")

ON = ("--on", "2026-12-01")


def run(*args: str) -> list[str]:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return [line.strip() for line in result.stdout.splitlines()]


def profile(tmp_path: Path, text: str) -> str:
    path = tmp_path / "person.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_entry_to_armenia_on_the_internal_passport_says_by_air_only(tmp_path: Path) -> None:
    # a bare "Yes" without --by read as any way in, though Russia lets the internal passport
    # out to Armenia by air alone (and answers "No" with --by land)
    history = profile(tmp_path, INTERNAL_ONLY)
    lines = run("entry", "--history", history, "--citizenship", "RU", "--to", "AM",
                "--document", "internal_passport", *ON)
    assert lines[0].startswith("Yes, by air only: entering Armenia on 1 December 2026")
    answer = json.loads(runner.invoke(app, [
        "entry", "--history", history, "--citizenship", "RU", "--to", "AM", "--document",
        "internal_passport", *ON, "--json"]).stdout)
    assert answer["open_ways"] == ["air"]


def test_destinations_and_report_name_the_way_out_to_armenia(tmp_path: Path) -> None:
    history = profile(tmp_path, INTERNAL_ONLY)
    row = next(line for line in run("destinations", history, *ON) if line.startswith("AM "))
    assert row.split()[1:3] == ["yes", "(air)"]
    assert any(line.startswith("Armenia (AM) with internal passport, by air only:")
               for line in run("report", history, *ON))


def test_destinations_rely_on_the_passport_that_leaves_every_way(tmp_path: Path) -> None:
    # the internal passport, with no end date, was taken as the one valid longer, and the row
    # then read "by air" for a person whose foreign passport goes by land too
    history = profile(tmp_path, BOTH_PASSPORTS)
    row = next(line for line in run("destinations", history, *ON) if line.startswith("AM "))
    assert row.split()[1:4] == ["yes", "international", "passport"]


def test_a_foreign_passport_ending_soon_does_not_displace_the_internal_one(
        tmp_path: Path) -> None:
    # preferring the way out alone named a foreign passport ending in three months, with a
    # line that it ends before the stay would, beside an internal passport that lasts it
    history = profile(tmp_path, BOTH_PASSPORTS.replace("2030-01-15", "2027-03-01"))
    lines = run("destinations", history, *ON)
    row = next(line for line in lines if line.startswith("AM "))
    assert row.split()[1:5] == ["yes", "(air)", "internal", "passport"]
    assert not any("before the stay shown in AM" in line for line in lines)
