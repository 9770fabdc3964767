"""A host's limit on visa-exempt entries by land in a calendar year (Thailand's two): the rule
side (land_entries_per_year on an accepted document) and the answers of entry and
destinations, counted against the entries the history records earlier in the year."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from sojourn.cli import app
from sojourn.destinations import destinations
from sojourn.history import load_history
from sojourn.rules.loader import load_pack
from sojourn.rules.topics import AcceptedDocument

runner = CliRunner()
PACK = load_pack()
DAY = dt.date(2026, 4, 12)

# two land runs in 2026 (Malaysia, Laos) after flying in, and a third under way (Cambodia)
RUNS = """\
person:
  citizenships: [RU]
  documents:
    - {type: international_passport, country: RU, expires: 2032-01-01}
trips:
  - {country: TH, entry: 2026-01-05, exit: 2026-02-20, by: air}
  - {country: MY, entry: 2026-02-20, exit: 2026-02-21, by: land}
  - {country: TH, entry: 2026-02-21, exit: 2026-03-15, by: %s}
  - {country: LA, entry: 2026-03-15, exit: 2026-03-16, by: land}
  - {country: TH, entry: 2026-03-16, exit: 2026-04-10, by: land}
  - {country: KH, entry: 2026-04-10, exit: 2026-04-12, by: land}
"""


def _entry(tmp_path: Path, by: str, way: str = "land") -> tuple[int, str]:
    path = tmp_path / "runs.yaml"
    path.write_text(RUNS % way, encoding="utf-8")
    result = runner.invoke(app, ["entry", "--citizenship", "RU", "--document",
                                 "international_passport", "--to", "TH", "--on", "2026-04-12",
                                 "--by", by, "--history", str(path)])
    return result.exit_code, result.output


def test_a_third_land_run_in_a_year_is_refused(tmp_path: Path) -> None:
    code, out = _entry(tmp_path, "land")
    assert code == 0
    assert out.startswith("No: entering Thailand by land on 12 April 2026")
    assert ("your history records twice by land in 2026 before this one (21 February 2026 "
            "and 16 March 2026): a visa is needed to enter by land again before 1 January "
            "2027") in out
    assert "(th-entry-ru-foreign-passport-tdac)" in out


def test_an_entry_by_air_is_not_counted_nor_refused(tmp_path: Path) -> None:
    code, out = _entry(tmp_path, "air")
    assert code == 0
    assert out.startswith("Yes, with a Thailand Digital Arrival Card")
    assert "you come in by air" in out


def test_a_second_land_entry_is_within_the_limit(tmp_path: Path) -> None:
    # the first run was by air: one land entry before this one
    code, out = _entry(tmp_path, "land", way="air")
    assert out.startswith("Yes, with a Thailand Digital Arrival Card")
    assert "records once by land in 2026 before this one (16 March 2026): this one is " \
           "within it" in out


def test_a_way_in_not_recorded_leaves_the_third_unknown(tmp_path: Path) -> None:
    code, out = _entry(tmp_path, "land", way="null")
    assert code == 0
    assert out.startswith("Unknown")
    assert "it does not say how you came in on 21 February 2026" in out


def test_destinations_refuses_thailand_by_land_after_two_runs(tmp_path: Path) -> None:
    path = tmp_path / "runs.yaml"
    path.write_text(RUNS % "land", encoding="utf-8")
    hist = load_history(path)
    by_land = {d.host: d for d in destinations(hist, PACK, on=DAY, by="land")}
    by_air = {d.host: d for d in destinations(hist, PACK, on=DAY, by="air")}
    assert by_land["TH"].allowed is False
    assert by_air["TH"].allowed is True


@pytest.mark.parametrize("fields", [{"accepted": False}, {"visa_required": True}])
def test_the_limit_stands_only_on_a_document_accepted_without_a_visa(
        fields: dict[str, bool]) -> None:
    with pytest.raises(ValidationError, match="land_entries_not_exempt|refuses or accepts"):
        AcceptedDocument.model_validate({"type": "international_passport",
                                         "land_entries_per_year": 2, **fields})
