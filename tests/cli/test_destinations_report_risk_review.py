"""Review of destinations, report and risk: the wrong answers a reading of the code found,
each shown here by the command a user runs."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import icalendar
from typer.testing import CliRunner

from sojourn.cli import app
from sojourn.destinations import destinations
from sojourn.history import load_history
from sojourn.report import case_report
from sojourn.rules.loader import load_pack

runner = CliRunner()

# a Russian with both passports; Georgia refuses the internal one and lets the
# international one in (ge-entry-foreign-passport), and its stay rule gives 365 days
PASSPORTS = ("    - {type: internal_passport, country: RU}\n"
             "    - {type: international_passport, country: RU, expires: %s}\n")


def profile(tmp_path: Path, trips: str, expires: str = "2031-03-01") -> str:
    path = tmp_path / "p.yaml"
    path.write_text("version: 1\nperson:\n  citizenships: [RU]\n  born: 1990-07-15\n"
                    f"  documents:\n{PASSPORTS % expires}trips:\n{trips}", encoding="utf-8")
    return str(path)


def json_of(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def deadlines(hist: str, on: str) -> list[tuple[str, str | None, str]]:
    report = json_of("report", hist, "--on", on, "--format", "json")
    return [(d["day"], d["rule"], d["what"]) for d in report["deadlines"]]


def passport_ends(told: list[tuple[str, str | None, str]]) -> list[tuple[str, str | None, str]]:
    return [d for d in told if d[2].startswith("last day of your international passport")]


IN_GEORGIA = "  - {country: GE, entry: 2025-03-01, by: air%s}\n"


def test_the_recorded_passport_is_entered_on_a_document_the_host_admits(
        tmp_path: Path) -> None:
    # the trip records the citizenship of the passport shown (RU), not which of the two
    # Russian documents: the row relied on the internal one, which Georgia refuses, as it
    # lasts longer, and said "with internal passport" beside "you are here"
    hist = profile(tmp_path, IN_GEORGIA % ", passport: RU")
    [georgia] = [d for d in json_of("destinations", hist, "--on", "2025-06-01", "--json")[
        "destinations"] if d["host"] == "GE"]
    refused = {e["document"]: e["allowed"] for e in georgia["documents"]}
    assert refused == {"internal_passport": False, "international_passport": True}
    assert (georgia["document"], georgia["document_expires"]) == (
        "international_passport", "2031-03-01")


def test_the_report_tells_the_passport_ending_whether_or_not_the_trip_records_it(
        tmp_path: Path) -> None:
    # the international passport ends on 1 September 2025, before the year in Georgia does:
    # recording the passport on the trip lost that deadline
    told = [("2025-09-01", "ge-entry-foreign-passport", "last day of your international "
             "passport, before the legal stay in Georgia ends")]
    for recorded in ("", ", passport: RU"):
        hist = profile(tmp_path, IN_GEORGIA % recorded, expires="2025-09-01")
        assert passport_ends(deadlines(hist, "2025-06-01")) == told, recorded


def test_on_a_crossing_day_the_report_judges_the_host_it_reports_on(tmp_path: Path) -> None:
    # leaving Georgia for Kazakhstan on 1 June 2025: the report is about Kazakhstan, where the
    # internal passport, which lasts, lets the person in; the row of Georgia (first of the two
    # hosts the person is in that day) gave a deadline under Georgia's entry rule for the
    # passport ending on 1 July, which the day after did not have
    hist = profile(tmp_path, "  - {country: GE, entry: 2025-03-01, exit: 2025-06-01, by: air}\n"
                             "  - {country: KZ, entry: 2025-06-01, by: air}\n",
                   expires="2025-07-01")
    crossing, after = deadlines(hist, "2025-06-01"), deadlines(hist, "2025-06-02")
    assert not any(rule and rule.startswith("ge-") for _, rule, _ in crossing), crossing
    assert passport_ends(crossing) == passport_ends(after) == []


def test_on_the_day_back_from_a_border_run_the_host_left_is_one_to_go_back_to() -> None:
    # the README's relocant: in Kazakhstan, in Kyrgyzstan 20-22 December 2022, back in
    # Kazakhstan from 22 December. That day he is in Kazakhstan, entered that day: Kyrgyzstan
    # was "you are here", 1 day, ended by a "planned trip to Kazakhstan" already made, and the
    # report left it out of the hosts to go to. Judged as a new entry, its stay ends when it
    # does the next day, as for any other host
    def row(on: str) -> dict[str, Any]:
        [kg] = [d for d in json_of("destinations", "examples/relocant.yaml", "--on", on,
                                   "--json")["destinations"] if d["host"] == "KG"]
        return kg
    crossing, after = row("2022-12-22"), row("2022-12-23")
    assert (crossing["here"], crossing["limited_by"], crossing["planned_trip"]) == (
        False, "rule", None)
    assert crossing["latest_exit"] == after["latest_exit"]
    assert crossing["max_stay_days"] == after["max_stay_days"] + 1
    result = runner.invoke(app, ["destinations", "examples/relocant.yaml", "--on", "2022-12-22"])
    assert result.exit_code == 0, result.output
    assert "KG (you are here)" not in result.stdout and "planned trip" not in result.stdout
    report = json_of("report", "examples/relocant.yaml", "--on", "2022-12-22", "--format",
                     "json")
    assert report["host"] == "KZ"
    assert "KG" in [d["host"] for d in report["alternatives"]]


def test_status_calls_a_crossing_made_on_the_query_day_no_planned_trip() -> None:
    # asked of Kyrgyzstan on the day he left it, the stay ends that day, by the trip to
    # Kazakhstan begun then: made, not planned; the day before, it is still ahead
    def headline(on: str) -> str:
        result = runner.invoke(app, ["status", "examples/relocant.yaml", "--country", "KG",
                                     "--on", on])
        assert result.exit_code == 0, result.output
        return result.stdout.splitlines()[0]
    assert headline("2022-12-22").endswith(
        "Your trip to Kazakhstan from 22 December 2022 sets this date: it begins that day.")
    assert "Your planned trip to Kazakhstan from 22 December 2022" in headline("2022-12-21")


def test_the_visa_deadline_is_named_by_the_entry_rule_of_the_passport_entered_on(
        tmp_path: Path) -> None:
    # a Kazakh-Russian in Germany on his Russian passport and a German visa that ends before
    # the area's 90 days do; were Kazakh citizens under an entry rule of their own that asks
    # for a visa too, the deadline took the rule of the first passport listed, the Kazakh one,
    # not the one the row relies on
    pack = load_pack()
    [ru_visa] = [r for r in pack.rules if r.id == "schengen-entry-ru-visa"]
    kz_visa = ru_visa.model_copy(update={"id": "schengen-entry-kz-visa", "citizenships": ["KZ"]})
    pack = replace(pack, rules=(*pack.rules, kz_visa))
    path = tmp_path / "p.yaml"
    path.write_text(
        "version: 1\nperson:\n  citizenships: [KZ, RU]\n  born: 1990-07-15\n  documents:\n"
        "    - {type: international_passport, country: KZ, expires: 2030-08-01}\n"
        "    - {type: international_passport, country: RU, expires: 2031-03-01}\n"
        "    - {type: visa, country: DE, issued: 2024-05-02, expires: 2024-06-15}\n"
        "trips:\n  - {country: DE, entry: 2024-05-10, by: air, passport: RU}\n",
        encoding="utf-8")
    report = case_report(load_history(path), pack, on=dt.date(2024, 5, 20))
    [here] = [d for d in destinations(load_history(path), pack, on=dt.date(2024, 5, 20))
              if d.here]
    assert (here.citizenship, here.visa_expires) == ("RU", dt.date(2024, 6, 15))
    [visa_end] = [d for d in report.deadlines if d.kind == "visa-end"]
    assert (visa_end.day, visa_end.rule) == (dt.date(2024, 6, 15), "schengen-entry-ru-visa")


def test_a_planned_trip_elsewhere_is_not_headed_by_the_reports_host_in_the_calendar(
        tmp_path: Path) -> None:
    # in Kazakhstan on the report's day, with a trip to Türkiye planned that overstays its 60
    # days: the event is Türkiye's, and its title said "Kazakhstan: first day of the overstay
    # your trip to Türkiye plans"
    path = tmp_path / "p.yaml"
    path.write_text(
        "version: 1\nperson:\n  citizenships: [RU]\n  born: 1990-01-01\n  documents:\n"
        "    - {type: international_passport, country: RU, expires: 2031-01-01}\n"
        "trips:\n  - {country: KZ, entry: 2025-05-01, exit: 2025-07-01, by: air}\n"
        "  - {country: TR, entry: 2025-07-01, exit: 2025-10-30, by: air}\n", encoding="utf-8")
    result = runner.invoke(app, ["report", str(path), "--on", "2025-06-01", "--format", "ics"])
    assert result.exit_code == 0, result.output
    titles = [str(e.get("summary"))
              for e in icalendar.Calendar.from_ical(result.stdout_bytes).walk("VEVENT")]
    [trip] = [t for t in titles if "Türkiye" in t]
    assert trip.startswith("first day of the overstay your trip to Türkiye plans"), trip
    assert "last day of legal stay in Kazakhstan" in titles


def test_residence_permits_in_a_zone_member_are_the_members_not_the_zones(
        tmp_path: Path) -> None:
    # in Germany, whose stay the Schengen area's rules judge: the report asked the pack for
    # Germany's permits and said it had none "for the Schengen area", and a German permit held
    # ended "in the Schengen area"
    path = tmp_path / "p.yaml"
    path.write_text(
        "version: 1\nperson:\n  citizenships: [RU]\n  born: 1990-01-01\n  documents:\n"
        "    - {type: international_passport, country: RU, expires: 2031-01-01}\n"
        "    - {type: visa, country: DE, issued: 2025-05-01, expires: 2025-08-01}\n"
        "trips:\n  - {country: DE, entry: 2025-05-10, by: air}\n", encoding="utf-8")
    report = json_of("report", str(path), "--on", "2025-06-01", "--format", "json")
    assert report["no_permit"] == ("the rule pack has no residence permit rule for Germany, "
                                   "so whether one can be had, and how, is not known")
    with path.open("a", encoding="utf-8") as f:
        f.write("permits:\n  - {country: DE, valid_from: 2025-05-20, valid_to: 2026-05-19}\n")
    told = [d["what"] for d in json_of("report", str(path), "--on", "2025-06-01", "--format",
                                       "json")["deadlines"]]
    assert ("last day of your residence permit in Germany: renew it by then; the pack gives no "
            "time to file the renewal by") in told, told


def test_risk_tells_two_charges_under_parts_of_one_article_apart(tmp_path: Path) -> None:
    # two charges under parts 1 and 2 of Art. 207.3, each on the CIS interstate list, which
    # Georgia does not see: each read "the charge under Art. 207.3 is on the CIS interstate
    # wanted list only ...", the same line twice, with no word of which charge it was
    path = tmp_path / "p.yaml"
    path.write_text(
        "version: 1\nperson: {citizenships: [RU]}\n"
        "trips:\n  - {country: GE, entry: 2025-01-10, by: air}\n"
        "charges:\n"
        '  - {country: RU, article: "207.3", part: 1, committed_on: 2024-05-01, '
        "wanted: interstate}\n"
        '  - {country: RU, article: "207.3", part: 2, committed_on: 2024-05-01, '
        "wanted: interstate}\n", encoding="utf-8")
    reasons = json_of("risk", str(path), "--country", "GE", "--on", "2025-06-01",
                      "--json")["reasons"]
    weighed = [r for r in reasons if "is on the CIS interstate wanted list only" in r]
    assert [r.split(" is on ")[0] for r in weighed] == [
        "the charge under Art. 207.3 part 1", "the charge under Art. 207.3 part 2"]
