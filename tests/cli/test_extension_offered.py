"""`plan` and `status` name an extension of stay the host grants where the stay asked for is
too long or the history plans an overstay: "No stay of 45 days is possible" beside an
extension `report` plans read as a reason to rebook."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sojourn.cli import app

from cli_lines import run

runner = CliRunner()

OFFER = ("Note: an extension of stay could add up to 30 days: Extension of stay by 30 days "
         "(Thailand) (th-permit-extension-2024), to file by 30 December 2026, as `sojourn "
         "permit --country TH --permit th-permit-extension-2024` plans it.")


def profile(tmp_path: Path, thai_exit: str = "2027-01-20", permits: str = "") -> str:
    """A Russian who flies to Thailand on 5 December 2026 until ``thai_exit``."""
    path = tmp_path / "p.yaml"
    path.write_text(
        "person:\n  citizenships: [RU]\n  documents:\n"
        "    - {type: international_passport, country: RU, expires: 2032-01-31}\n"
        "trips:\n"
        "  - {country: RU, entry: 2025-06-01, exit: 2026-12-05}\n"
        f"  - {{country: TH, entry: 2026-12-05, exit: {thai_exit}}}\n"
        f"  - {{country: RU, entry: {thai_exit}}}\n" + permits, encoding="utf-8")
    return str(path)


# plan's note says too whether the extension's days make the stay asked for possible
PLAN_OFFER = OFFER.replace("30 days: ", "30 days (with the 30 days th-stay-ru-30-agreement-2026 "
                           "(30 days per entry, for entries from 4 June 2026) allows this stay "
                           "from 5 December 2026, 60 days, enough for the 45 asked under every "
                           "limit): ", 1)


def test_plan_names_the_extension_beside_a_stay_too_long(tmp_path: Path) -> None:
    lines = run("plan", profile(tmp_path), "--country", "TH", "--length", "45", "--from",
                "2026-12-05")
    assert lines[1].startswith("No stay of 45 days is possible"), lines
    assert PLAN_OFFER in lines
    # its JSON carries the same note
    data = json.loads(runner.invoke(app, [
        "plan", profile(tmp_path), "--country", "TH", "--length", "45", "--from", "2026-12-05",
        "--json"]).stdout)
    assert PLAN_OFFER.removeprefix("Note: ").removesuffix(".") in data["notes"]


def test_status_names_the_extension_beside_a_planned_overstay(tmp_path: Path) -> None:
    lines = run("status", profile(tmp_path), "--country", "TH", "--on", "2026-12-05")
    assert any(line.startswith("Planned overstay: 4 to 20 January 2027") for line in lines)
    assert OFFER in lines


def test_no_extension_is_named_where_the_stay_fits_or_one_is_held(tmp_path: Path) -> None:
    fits = run("status", profile(tmp_path, "2026-12-30"), "--country", "TH", "--on",
               "2026-12-05")
    assert not any("extension" in line for line in fits), fits
    # granted once per entry: held for this stay, none is offered again
    held = profile(tmp_path, permits="permits:\n  - {country: TH, kind: extension, "
                                     "valid_from: 2027-01-04, valid_to: 2027-02-02}\n")
    lines = run("status", held, "--country", "TH", "--on", "2026-12-05")
    assert not any("could add" in line for line in lines), lines


def test_report_s_stay_names_the_extension_as_status_does(tmp_path: Path) -> None:
    """The report's stay is status's answer (docs/json.md, report's ``stay``): its reader
    learns of the extension too, under the stay as status says it and in its JSON, where the
    report's stay lacked the note status gave."""
    path = profile(tmp_path)
    lines = run("report", path, "--on", "2026-12-05")
    stay = lines[:lines.index("Next deadlines:")]
    assert any(line.startswith("Planned overstay: 4 to 20 January 2027") for line in stay)
    assert OFFER in stay, stay
    report = json.loads(runner.invoke(app, ["report", path, "--on", "2026-12-05", "--format",
                                            "json"]).stdout)
    status = json.loads(runner.invoke(app, ["status", path, "--country", "TH", "--on",
                                            "2026-12-05", "--json"]).stdout)
    assert OFFER.removeprefix("Note: ").removesuffix(".") in report["stay"]["notes"]
    assert report["stay"]["notes"] == status["notes"]


def citizen_profile(tmp_path: Path, citizenship: str) -> str:
    """A citizen of ``citizenship`` visa-exempt in Thailand (the 60-day list of 15 July
    2024) from 1 February to 20 April 2025: 79 days, the 60 given on entry ending on 1 April."""
    path = tmp_path / "p.yaml"
    path.write_text(
        f"person:\n  citizenships: [{citizenship}]\n  documents:\n"
        f"    - {{type: international_passport, country: {citizenship}, expires: 2032-01-31}}\n"
        "trips:\n"
        "  - {country: TH, entry: 2025-02-01, exit: 2025-04-20}\n", encoding="utf-8")
    return str(path)


LIST_OFFER = ("Note: an extension of stay could add up to 30 days: Extension of stay by 30 days "
              "(Thailand) (th-permit-extension-2024), to file by 1 April 2025, as `sojourn "
              "permit --country TH --permit th-permit-extension-2024` plans it.")


@pytest.mark.parametrize("citizenship", ["RU", "UA", "KZ"])
def test_every_citizenship_of_the_60_day_list_is_offered_the_extension(
        tmp_path: Path, citizenship: str) -> None:
    """The Royal Gazette announcement of 15 July 2024 gives the one extension to the visa-exempt
    visitors of all 93 listed countries: Ukrainians and Kazakhs on the list are offered it as
    Russians are, where the pack had it for Russians only."""
    path = citizen_profile(tmp_path, citizenship)
    status = run("status", path, "--country", "TH", "--on", "2025-02-01")
    assert any(line.startswith("Planned overstay: 2 to 20 April 2025") for line in status)
    assert LIST_OFFER in status, status
    plan = run("plan", path, "--country", "TH", "--length", "79", "--from", "2025-02-01")
    assert any(line.startswith("Note: an extension of stay could add up to 30 days")
               and "th-permit-extension-2024" in line for line in plan), plan


def test_no_extension_is_offered_to_a_belarusian_off_the_list(tmp_path: Path) -> None:
    """Belarus is not on the 60-day list: the pack has no stay rule for a Belarusian in
    Thailand then, and offers him no extension of a visa-exempt stay."""
    lines = run("status", citizen_profile(tmp_path, "BY"), "--country", "TH", "--on",
                "2025-02-01")
    assert lines[0].startswith("sojourn cannot say how long you may stay in Thailand"), lines
    assert not any("extension" in line for line in lines), lines


LATER_STAYS = {
    # in Bali from 29 June 2024, the VoA extended to 27 August; back on 10 September for 57 days
    "ID": ("trips:\n  - {country: ID, entry: 2024-06-29, exit: 2024-08-27}\n"
           "  - {country: RU, entry: 2024-08-27, exit: 2024-09-10}\n"
           "  - {country: ID, entry: 2024-09-10, exit: 2024-11-05}\n"
           "  - {country: RU, entry: 2024-11-05}\n"
           "permits: [{country: ID, kind: extension, valid_from: 2024-07-29, "
           "valid_to: 2024-08-27}]\n"),
    # in Thailand from 5 December 2026, extended to 2 February 2027; back on 1 March for 51 days
    "TH": ("trips:\n  - {country: TH, entry: 2026-12-05, exit: 2027-01-20}\n"
           "  - {country: RU, entry: 2027-01-20, exit: 2027-03-01}\n"
           "  - {country: TH, entry: 2027-03-01, exit: 2027-04-20}\n"
           "  - {country: RU, entry: 2027-04-20}\n"
           "permits: [{country: TH, kind: extension, valid_from: 2027-01-04, "
           "valid_to: 2027-02-02}]\n")}


@pytest.mark.parametrize(("host", "on", "entered", "rule", "file_by"), [
    ("ID", "2024-07-10", "10 September 2024", "id-permit-voa-extension", "9 October 2024"),
    ("TH", "2026-12-10", "1 March 2027", "th-permit-extension-2024", "30 March 2027"),
    # away on the day asked, the stay is the planned one's too: not one entered that day,
    # whose extension was to be filed by 30 September
    ("ID", "2024-09-01", "10 September 2024", "id-permit-voa-extension", "9 October 2024")])
def test_status_offers_the_extension_for_the_later_stay_a_planned_overstay_falls_in(
        tmp_path: Path, host: str, on: str, entered: str, rule: str, file_by: str) -> None:
    # the stay under way holds its extension (granted once per entry): status offered none,
    # though the later stay the overstay falls in is a new entry, which may be extended
    path = tmp_path / "later.yaml"
    path.write_text("person: {citizenships: [RU]}\n" + LATER_STAYS[host], encoding="utf-8")
    lines = run("status", str(path), "--country", host, "--on", on)
    said = [line for line in lines if "could add" in line]
    assert said == [
        f"Note: for your stay entered on {entered}, as planned, an extension of stay could "
        f"add up to 30 days: {NAMES[rule]} ({rule}), to file by {file_by}, as `sojourn permit "
        f"--country {host} --permit {rule} --on {ISO[entered]}` plans it."], lines
    # the JSON carries the same note
    data = json.loads(runner.invoke(app, ["status", str(path), "--country", host, "--on", on,
                                          "--json"]).stdout)
    assert said[0].removeprefix("Note: ").removesuffix(".") in data["notes"]


NAMES = {"id-permit-voa-extension": "Extension of a visa on arrival by 30 days (Indonesia)",
         "th-permit-extension-2024": "Extension of stay by 30 days (Thailand)"}
ISO = {"10 September 2024": "2024-09-10", "1 March 2027": "2027-03-01"}


def test_status_offers_the_later_stay_s_extension_not_one_it_holds_already(
        tmp_path: Path) -> None:
    # the later stay's own extension recorded, to 8 November, and the stay planned to 20
    # November: granted once per entry, none is offered for the overstay after it
    path = tmp_path / "later.yaml"
    path.write_text("person: {citizenships: [RU]}\n" + LATER_STAYS["ID"].replace(
        "2024-11-05", "2024-11-20").replace(
        "valid_to: 2024-08-27}]", "valid_to: 2024-08-27}, {country: ID, kind: extension, "
        "valid_from: 2024-10-10, valid_to: 2024-11-08}]"), encoding="utf-8")
    lines = run("status", str(path), "--country", "ID", "--on", "2024-07-10")
    assert any(line.startswith("Planned overstay: 9 to 20 November 2024") for line in lines), lines
    assert not any("could add" in line for line in lines), lines
