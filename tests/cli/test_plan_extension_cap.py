"""`plan` for a stay longer than the host allows, where an extension of stay lengthens the
stay under way (Bali's visa on arrival, Thailand's 60 days): the answer names the limit that
caps a stay, as it does without the extension, not "no such stay fits within 10 years"; and
the extension offered says whether its days make the stay asked for possible."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sojourn.cli import app
from sojourn.dates import format_long
from sojourn.rules.loader import builtin_pack_dir

from cli_lines import run

EXTENDED = {"ID": "permits: [{country: ID, kind: extension, valid_from: 2024-07-29, "
                  "valid_to: 2024-08-27}]\n",
            "TH": "permits: [{country: TH, kind: extension, valid_from: 2024-09-30, "
                  "valid_to: 2024-10-29}]\n"}
ENTERED = {"ID": "2024-06-29", "TH": "2024-08-01"}


def profile(tmp_path: Path, host: str, extended: bool) -> str:
    path = tmp_path / "p.yaml"
    path.write_text(f"person: {{citizenships: [RU]}}\n"
                    f"trips: [{{country: {host}, entry: {ENTERED[host]}}}]\n"
                    + (EXTENDED[host] if extended else ""), encoding="utf-8")
    return str(path)


def test_bali_s_30_days_cap_a_60_day_stay_with_the_stay_under_way_extended(
        tmp_path: Path) -> None:
    lines = run("plan", profile(tmp_path, "ID", True), "--country", "ID", "--length", "60",
                "--from", "2024-07-10")
    assert lines[0].startswith("You may stay in Indonesia until 27 August 2024 (49 days"), lines
    assert lines[1] == ("No stay of 60 days is possible: id-stay-voa-30 (30 days per entry) "
                        "allows at most 30 days in a row."), lines


def test_thailand_s_limits_cap_a_90_day_stay_with_the_stay_under_way_extended(
        tmp_path: Path) -> None:
    lines = run("plan", profile(tmp_path, "TH", True), "--country", "TH", "--length", "90",
                "--from", "2024-09-20")
    assert lines[0].startswith("You may stay in Thailand until 29 October 2024"), lines
    assert lines[1].startswith("No stay of 90 days is possible: one ending by 3 June 2026 is "
                               "held to at most 60 days in a row by th-stay-ru-60-2024"), lines


@pytest.mark.parametrize(("on", "length", "said"), [
    # 30 days on a visa on arrival, extended once by 30: 60 days from the entry
    ("2024-06-29", 60, "30 days id-stay-voa-30 (30 days per entry) allows this stay from 29 "
                       "June 2024, 60 days, enough for the 60 asked"),
    ("2024-06-29", 61, "30 days id-stay-voa-30 (30 days per entry) allows this stay from 29 "
                       "June 2024, 60 days: short of the 61 asked, which that limit still stops"),
    # 19 days left of the stay under way on 10 July: extended, it runs to 27 August, 49 days
    # from then ("60 days from an entry, enough for the 60 asked" read as 60 from 10 July);
    # a new entry that day (its 30 days per entry afresh), extended, gives the 60 ("short"
    # alone read as no way to stay 60 days)
    ("2024-07-10", 60, "19 days id-stay-voa-30 (30 days per entry) allows this stay from 10 "
                       "July 2024, 49 days: short of the 60 asked, which that limit still "
                       "stops; leaving and entering again on 10 July 2024, then extending the "
                       "new stay (to file by 8 August 2024), gives 60 days, enough for the 60 "
                       "asked"),
    ("2024-07-10", 61, "19 days id-stay-voa-30 (30 days per entry) allows this stay from 10 "
                       "July 2024, 49 days: short of the 61 asked, which that limit still "
                       "stops; leaving and entering again on 10 July 2024, then extending the "
                       "new stay (to file by 8 August 2024), gives 60 days, short of the 61 "
                       "asked")])
def test_the_extension_offered_says_whether_it_makes_the_stay_asked_possible(
        tmp_path: Path, on: str, length: int, said: str) -> None:
    lines = run("plan", profile(tmp_path, "ID", False), "--country", "ID", "--length",
                str(length), "--from", on)
    assert (f"Note: an extension of stay could add up to 30 days (with the {said}): "
            "Extension of a visa on arrival by 30 days (Indonesia) (id-permit-voa-extension), "
            "to file by 26 July 2024") in " ".join(lines), lines
    # its JSON carries the same note
    data = json.loads(CliRunner().invoke(app, [
        "plan", profile(tmp_path, "ID", False), "--country", "ID", "--length", str(length),
        "--from", on, "--json"]).stdout)
    assert any(f"(with the {said}): " in note for note in data["notes"]), data["notes"]


@pytest.mark.parametrize(("host", "length", "on", "held", "rule", "file_by"), [
    ("ID", "60", "2024-07-10", "in Indonesia to 27 August 2024 (from 29 July 2024)",
     "id-permit-voa-extension", "8 August 2024"),
    ("TH", "90", "2024-09-20", "in Thailand to 29 October 2024 (from 30 September 2024)",
     "th-permit-extension-2024", "18 November 2024")])
def test_an_extension_held_for_the_stay_under_way_is_offered_for_a_new_entry(
        tmp_path: Path, host: str, length: str, on: str, held: str, rule: str,
        file_by: str) -> None:
    # granted once per entry, the extension held is the stay under way's: "No stay of 60
    # days is possible" was said with no extension offered, though the new stay the plan
    # offers after leaving (entered the day of leaving, the query day with no exit recorded)
    # may be extended as a first one is: 30 days from 10 July 2024, filed by 8 August
    said = " ".join(run("plan", profile(tmp_path, host, True), "--country", host, "--length",
                        length, "--from", on))
    assert (f"Note: your extension of stay {held} is for the stay under way; for a new stay "
            f"entered on {long_day(on)}, after leaving, an extension of stay could add up to "
            "30 days") in said, said
    assert (f"({rule}), to file by {file_by}, as `sojourn permit --country {host} --permit "
            f"{rule}` plans it once that entry is in your history.") in said, said


def long_day(iso: str) -> str:
    return format_long(dt.date.fromisoformat(iso))


def test_a_new_entry_after_a_recorded_exit_is_the_stay_its_extension_is_planned_for(
        tmp_path: Path) -> None:
    # leaving on the recorded exit (20 January 2027) with the extension held, the new stay
    # from that day runs 30 days, to 18 February 2027, the day to file by
    path = tmp_path / "p.yaml"
    path.write_text("person: {citizenships: [RU]}\n"
                    "trips: [{country: TH, entry: 2026-12-05, exit: 2027-01-20}, "
                    "{country: RU, entry: 2027-01-20}]\n"
                    "permits: [{country: TH, kind: extension, valid_from: 2027-01-04, "
                    "valid_to: 2027-02-02}]\n", encoding="utf-8")
    said = " ".join(run("plan", str(path), "--country", "TH", "--length", "45", "--from",
                        "2027-01-10"))
    assert ("for a new stay entered on 20 January 2027, after leaving, an extension of stay "
            "could add up to 30 days (with the 30 days th-stay-ru-30-agreement-2026 (30 days per "
            "entry, for entries from 4 June 2026) allows this stay from 20 January 2027, 60 "
            "days, enough for the 45 asked under every limit): Extension of stay by 30 days "
            "(Thailand) (th-permit-extension-2024), to file by 18 February 2027") in said, said


def test_the_extension_is_weighed_against_every_limit_of_the_stay(tmp_path: Path) -> None:
    # Mongolia's 30 days per entry cap a 45-day stay; with 80 of its 90 days in any 180 used,
    # a stay entered on 1 April 2023 is given 10 days: "with the 30 days ... allows, 60 days
    # from an entry, enough for the 45 asked" was said, where 10 and 30 make 40
    path = tmp_path / "mn.yaml"
    path.write_text("person: {citizenships: [RU]}\ntrips:\n"
                    "  - {country: MN, entry: 2023-01-01, exit: 2023-01-30}\n"
                    "  - {country: RU, entry: 2023-01-30, exit: 2023-02-01}\n"
                    "  - {country: MN, entry: 2023-02-01, exit: 2023-03-02}\n"
                    "  - {country: RU, entry: 2023-03-02, exit: 2023-03-05}\n"
                    "  - {country: MN, entry: 2023-03-05, exit: 2023-03-24}\n"
                    "  - {country: RU, entry: 2023-03-24}\n", encoding="utf-8")
    said = " ".join(run("plan", str(path), "--country", "MN", "--length", "45", "--from",
                        "2023-04-01"))
    assert ("an extension of stay could add up to 30 days (with the 10 days "
            "mn-stay-30-per-stay-90-180 (90 days in any 180) allows this stay from 1 April "
            "2023, 40 days: short of the 45 asked, which that limit still stops): Extension of "
            "stay by 30 days (Mongolia) (mn-permit-extension-ru), to file by 10 April 2023"
            ) in said, said
    # from a day the count leaves the 30 days per entry whole, the same extension is enough
    later = " ".join(run("plan", str(path), "--country", "MN", "--length", "45", "--from",
                         "2023-09-01"))
    assert ("(with the 30 days mn-stay-30-per-stay-90-180 (30 days per entry) allows this stay "
            "from 1 September 2023, 60 days, enough for the 45 asked under every limit)"
            ) in later, later


@pytest.mark.parametrize(("on", "verdict"), [
    ("2026-05-20", "with the 60 days th-stay-ru-30-agreement-2026 (60 days per entry, for "
                   "entries to 3 June 2026) allows this stay from 20 May 2026, 90 days, enough "
                   "for the 90 asked under every limit"),
    ("2026-06-10", "with the 30 days th-stay-ru-30-agreement-2026 (30 days per entry, for "
                   "entries from 4 June 2026) allows this stay from 10 June 2026, 60 days: "
                   "short of the 90 asked, which that limit still stops")])
def test_the_extension_says_whether_it_is_enough_across_a_change_of_limits(
        tmp_path: Path, on: str, verdict: str) -> None:
    # a 90-day stay in Thailand is held to 60 days for one ending by 31 August 2026, to 30
    # from then on (two limits, one after the other): the note said nothing of the 90 asked
    path = tmp_path / "p.yaml"
    path.write_text("person: {citizenships: [RU]}\ntrips: [{country: RU, entry: 2025-01-01}]\n",
                    encoding="utf-8")
    said = " ".join(run("plan", str(path), "--country", "TH", "--length", "90", "--from", on))
    assert f"Note: an extension of stay could add up to 30 days ({verdict}): " in said, said


def test_a_yearly_cap_that_leaves_the_stay_fewer_days_is_the_limit_named(
        tmp_path: Path) -> None:
    # Vietnam's 30 days per entry for Belarusians cap a 45-day stay, and its 90 days a
    # calendar year leave 8 on 1 October 2025 (82 used): with an extension of 30 (a rule
    # added here; the pack has none for Vietnam) the note said "30 days ... allows, 60 days
    # from an entry, enough for the 45 asked" where 8 and 30 make 38, the yearly cap unnamed
    pack = tmp_path / "pack"
    shutil.copytree(builtin_pack_dir(), pack)
    (pack / "aa_vn_extension.yaml").write_text(
        "schema: sojourn.rules/1\nrules:\n  - id: vn-permit-extension-by-test\n"
        "    title: Vietnam, Belarusian citizens — a 30-day extension of stay (test)\n"
        "    host: VN\n    citizenships: [BY]\n    topic: permit\n"
        "    valid_from: 2025-01-30\n    permit: {name: Extension of stay by 30 days "
        "(Vietnam), kind: extension, extends_by_days: 30}\n    confidence: low\n"
        "    sources: [{title: Somewhere, url: 'https://example.org/'}]\n", encoding="utf-8")
    path = tmp_path / "vn.yaml"
    path.write_text("person: {citizenships: [BY]}\ntrips:\n"
                    "  - {country: VN, entry: 2025-02-01, exit: 2025-03-02}\n"
                    "  - {country: BY, entry: 2025-03-02, exit: 2025-04-01}\n"
                    "  - {country: VN, entry: 2025-04-01, exit: 2025-04-30}\n"
                    "  - {country: BY, entry: 2025-04-30, exit: 2025-06-01}\n"
                    "  - {country: VN, entry: 2025-06-01, exit: 2025-06-22}\n"
                    "  - {country: BY, entry: 2025-06-22}\n", encoding="utf-8")
    said = " ".join(run("plan", str(path), "--country", "VN", "--length", "45", "--from",
                        "2025-10-01", "--pack", str(pack)))
    assert ("an extension of stay could add up to 30 days (with the 8 days "
            "vn-stay-by-30-agreement-2025 (90 days per calendar year) allows this stay from 1 "
            "October 2025, 38 days: short of the 45 asked, which that limit still stops)"
            ) in said, said
