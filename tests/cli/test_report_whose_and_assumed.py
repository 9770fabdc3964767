"""`report` for a caseworker's calendar: whose each deadline is (``person.name``), and which
account of a contested rule its day assumes."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import icalendar
import pytest
from typer.testing import CliRunner

from sojourn.cli import app
from sojourn.history import load_history
from sojourn.report import case_report, to_ics
from sojourn.rules.loader import load_pack

runner = CliRunner()
EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}

# a Russian in Armenia since 1 October 2022: the stay's last day rests on am-stay-180-per-year,
# whose accounts (180 days in any 365, or per calendar year) give different days
ARMENIA = ("person:\n  citizenships: [RU]\n{name}"
           "trips:\n  - {{country: AM, entry: 2022-10-01, by: air}}\n")


def profile(tmp_path: Path, name: str | None = None, file: str = "client.yaml") -> Path:
    """The Armenian stay's profile, with ``name`` (a YAML scalar as written) as person.name."""
    path = tmp_path / file
    path.write_text(ARMENIA.format(name=f"  name: {name}\n" if name is not None else ""),
                    encoding="utf-8")
    return path


def report(path: Path, *args: str) -> str:
    result = runner.invoke(app, ["report", str(path), "--on", "2023-01-05", *args], env=EPOCH)
    assert result.exit_code == 0, result.output
    return result.stdout


def events(path: Path, *args: str) -> dict[str, icalendar.Event]:
    """The report's calendar events, by UID."""
    ics = icalendar.Calendar.from_ical(report(path, "--format", "ics", *args).encode())
    return {str(e.get("uid")): e for e in ics.walk("VEVENT")}


def test_a_profile_s_name_heads_the_report_and_titles_every_event(tmp_path: Path) -> None:
    # "Armenia: register within 30 days of entry" told no client's event from another's in a
    # caseworker's one calendar
    path = profile(tmp_path, '"  Anna Petrova "')  # blanks around it are no part of it
    assert report(path).splitlines()[0] == "Anna Petrova: case report for 5 January 2023"
    titles = [str(e.get("summary")) for e in events(path).values()]
    assert len(titles) > 1 and all(t.startswith("Anna Petrova: ") for t in titles), titles
    assert "Anna Petrova: MISSED: Armenia: register within 30 days of entry" in titles
    data = json.loads(report(path, "--format", "json"))
    assert data["name"] == "Anna Petrova"


def test_a_report_with_no_name_is_headed_and_titled_as_before(tmp_path: Path) -> None:
    path = profile(tmp_path)
    assert report(path).splitlines()[0] == "Case report for 5 January 2023"
    assert "MISSED: Armenia: register within 30 days of entry" in [
        str(e.get("summary")) for e in events(path).values()]
    assert json.loads(report(path, "--format", "json"))["name"] is None


def test_naming_a_profile_keeps_its_events_uids(tmp_path: Path) -> None:
    # the name is no part of an event's identity: a caseworker who names a client's profile
    # after an export gets the same events retitled, not a second set beside the first
    path = profile(tmp_path)
    before = events(path)
    profile(tmp_path, "Anna Petrova")
    after = events(path)
    assert set(after) == set(before)
    assert all(str(after[u].get("summary")) == f"Anna Petrova: {before[u].get('summary')}"
               for u in before)


def test_a_name_is_escaped_in_the_calendar_as_rfc_5545_asks(tmp_path: Path) -> None:
    # a comma, a semicolon and a backslash are escaped in TEXT (RFC 5545, 3.3.11): unescaped,
    # a comma splits the value and a backslash begins an escape the name did not mean
    path = profile(tmp_path, r"'Petrova, A.; file C:\clients'")
    raw = report(path, "--format", "ics")
    assert "SUMMARY:Petrova\\, A.\\; file C:\\\\clients: " in raw.replace("\r\n ", "")
    assert all(str(e.get("summary")).startswith("Petrova, A.; file C:\\clients: ")
               for e in events(path).values())


def test_a_name_with_a_line_break_is_still_one_escaped_line_of_the_calendar() -> None:
    # a profile refuses one (below); a report made in code may carry one all the same
    made = case_report(load_history(Path(__file__).parents[2] / "examples" / "relocant.yaml"),
                       load_pack(), on=dt.date(2023, 1, 5))
    raw = to_ics(replace(made, name="Anna\nPetrova"), "/clients/anna.yaml",
                 dt.datetime(2026, 1, 1, tzinfo=dt.UTC)).decode()
    assert "SUMMARY:Anna\\nPetrova: " in raw.replace("\r\n ", "")
    summaries = [str(e.get("summary")) for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")]
    assert summaries and all(s.startswith("Anna\nPetrova: ") for s in summaries)


@pytest.mark.parametrize(("written", "why"), [
    ('"Anna\\nPetrova"', "holds a line break or control character"),
    ('"  "', "is empty"),
    ("117", "is not text"),
    ("[Anna, Petrova]", "is not text"),
])
def test_a_name_that_is_no_one_line_of_text_is_refused(tmp_path: Path, written: str,
                                                       why: str) -> None:
    path = profile(tmp_path, written)
    result = runner.invoke(app, ["report", str(path), "--on", "2023-01-05"])
    assert result.exit_code == 2, result.output
    assert f"{path}, line 3, field 'person.name'" in result.output
    assert why in result.output
    assert 'expected a name or label for the person on one line, e.g. "Anna Petrova"' in (
        result.output.replace("\n", " "))


@pytest.mark.parametrize("command", [
    ["status", "--country", "AM", "--on"], ["status", "--country", "AM", "--json", "--on"],
    ["plan", "--country", "AM", "--length", "30", "--from"], ["destinations", "--on"],
    ["destinations", "--json", "--on"], ["risk", "--country", "AM", "--on"],
    ["risk", "--country", "AM", "--json", "--on"],
    ["permit", "--country", "AM", "--permit", "am-permit-temporary", "--on"]])
def test_a_name_goes_only_where_the_user_asks_for_it(tmp_path: Path,
                                                     command: list[str]) -> None:
    # a travel history is personal data: the name is told with the report, for which a
    # caseworker gives it, and no other answer repeats it
    path = profile(tmp_path, "Anna Petrova")
    result = runner.invoke(app, [command[0], str(path), *command[1:], "2023-01-05"])
    assert result.exit_code == 0, result.output
    assert "Petrova" not in result.output


def test_an_error_about_a_history_does_not_echo_the_name(tmp_path: Path) -> None:
    path = profile(tmp_path, "Anna Petrova")
    result = runner.invoke(app, ["report", str(path), "--on", "2022-01-05"])  # before any stay
    assert result.exit_code == 2, result.output
    assert "Petrova" not in result.output


def deadline_line(text: str, what: str) -> str:
    """The line of the deadline ``what`` under "Next deadlines:", up to the blank line."""
    listed = text.split("\nNext deadlines:\n", 1)[1].split("\n\n", 1)[0]
    [line] = [x for x in listed.splitlines() if what in x]
    return line


def test_a_deadline_on_a_contested_rule_names_the_account_its_day_assumes(
        tmp_path: Path) -> None:
    # "last day of legal stay in Armenia [am-stay-180-per-year]" read as settled: counted per
    # calendar year, the day differs
    path = profile(tmp_path)
    rolling = deadline_line(report(path), "last day of legal stay in Armenia")
    # (the date column is as wide as the longest day the report lists: spaces not compared)
    assert " ".join(rolling.split()) == (
        "29 March 2023 last day of legal stay in Armenia [am-stay-180-per-year; contested, "
        "assumed 'am-180-rolling-365' (other accounts: --assume am-180-calendar-year)]")
    calendar = deadline_line(report(path, "--assume", "am-180-calendar-year"),
                             "last day of legal stay in Armenia")
    assert calendar.startswith("  29 June 2023")
    assert calendar.endswith("[am-stay-180-per-year; contested, assumed 'am-180-calendar-year' "
                             "(other accounts: --assume am-180-rolling-365)]")
    # the registration rule is contested too: past day 30, by Armenian law (the agreement's
    # account) or no registration before a residence card (relocants' guides)
    assert deadline_line(report(path), "register within").endswith(
        "  [am-registration-ru-30; contested, assumed 'am-ru-register-after-30' (other "
        "accounts: --assume am-ru-no-registration-before-card)]")
    # a rule with one account says nothing of accounts: Kyrgyzstan's 30 days for Russians
    kg = tmp_path / "kg.yaml"
    kg.write_text("person:\n  citizenships: [RU]\ntrips:\n  - {country: KG, entry: "
                  "2025-01-01, by: air}\n", encoding="utf-8")
    result = runner.invoke(app, ["report", str(kg), "--on", "2025-01-05"], env=EPOCH)
    assert result.exit_code == 0, result.output
    assert deadline_line(result.stdout, "register within").endswith(
        "  [kg-registration-ru-30-2024]")


def test_a_deadline_s_calendar_event_names_the_account_its_day_assumes(tmp_path: Path) -> None:
    # the client reading the calendar alone sees no stay answer's warning
    path = profile(tmp_path)
    described = {str(e.get("summary")): str(e.get("description"))
                 for e in events(path).values()}
    assert described["last day of legal stay in Armenia"].startswith(
        "Rule: am-stay-180-per-year; contested, assumed 'am-180-rolling-365' (other accounts: "
        "--assume am-180-calendar-year): another account may give another day. From sojourn's")
    assert described["MISSED: Armenia: register within 30 days of entry"].startswith(
        "Missed: this day had passed on 5 January 2023. Rule: am-registration-ru-30; contested, "
        "assumed 'am-ru-register-after-30' (other accounts: --assume "
        "am-ru-no-registration-before-card): another account may give another day. From")
    data = json.loads(report(path, "--format", "json", "--assume", "am-180-calendar-year"))
    # (the residence cards' filing days, counted back from the stay's end, are told below)
    stay_and_registration = [d for d in data["deadlines"]
                             if not d["rule"].startswith("am-permit-")]
    assert {d["rule"]: d["assumed"] for d in stay_and_registration} == {
        "am-stay-180-per-year": "am-180-calendar-year",
        "am-registration-ru-30": "am-ru-register-after-30"}
    # the other account gives the stay's end another day, and the registration none
    assert {d["rule"]: d["accounts_agree"] for d in stay_and_registration} == {
        "am-stay-180-per-year": False, "am-registration-ru-30": False}


def test_a_deadline_every_account_gives_alike_names_no_account(tmp_path: Path) -> None:
    # In Kazakhstan since 1 October 2026, the three accounts of kz-stay-eaeu-90-180 (which
    # day the 90/180 count began) all end the stay on 29 December 2026: "[kz-stay-eaeu-90-180;
    # contested, assumed 'kz-change-27-jan' ...]" beside it read as if the day were in doubt
    path = tmp_path / "kz.yaml"
    path.write_text("person:\n  citizenships: [RU]\ntrips:\n"
                    "  - {country: KZ, entry: 2026-10-01, by: land}\n", encoding="utf-8")

    def on(*args: str) -> str:
        result = runner.invoke(app, ["report", str(path), "--on", "2026-12-02", *args],
                               env=EPOCH)
        assert result.exit_code == 0, result.output
        return result.stdout

    for account in ("kz-change-27-jan", "kz-change-26-jan", "kz-days-before-count"):
        assert deadline_line(on("--assume", account), "last day of legal stay") == (
            "  29 December 2026  last day of legal stay in Kazakhstan  [kz-stay-eaeu-90-180]")
    ics = icalendar.Calendar.from_ical(on("--format", "ics").encode())
    [event] = [e for e in ics.walk("VEVENT")
               if "last day of legal stay" in str(e.get("summary"))]
    assert str(event.get("description")).startswith(
        "Rule: kz-stay-eaeu-90-180. From sojourn's case report of 2 December 2026")
    # the answer still rests on the account assumed, as the JSON says
    data = json.loads(on("--format", "json"))
    [stay_end] = [d for d in data["deadlines"] if d["what"].startswith("last day of legal")]
    assert (stay_end["rule"], stay_end["assumed"]) == ("kz-stay-eaeu-90-180",
                                                       "kz-change-27-jan")
    # and says, as the text does by naming none, that every other account gives the day too
    assert stay_end["accounts_agree"] is True
    assert [(x["rule"], x["variant"]) for x in data["assumptions"]] == [
        ("kz-stay-eaeu-90-180", "kz-change-27-jan")]


def test_a_day_counted_back_from_a_contested_stay_limit_names_its_account(
        tmp_path: Path) -> None:
    # the residence cards' filing days are 30 days before the stay's end, which the contested
    # am-stay-180-per-year gives: 27 February 2023 in any 365, 30 May 2023 per calendar year.
    # Their lines named only the permit's rule, of one account, as if the day were settled
    path = profile(tmp_path)
    line = deadline_line(report(path), "Temporary residence card (Armenia): file")
    assert " ".join(line.split()) == (
        "27 February 2023 Temporary residence card (Armenia): file the application "
        "[am-permit-temporary-2018; day counted from am-stay-180-per-year, contested, assumed "
        "'am-180-rolling-365' (other accounts: --assume am-180-calendar-year)]")
    calendar = deadline_line(report(path, "--assume", "am-180-calendar-year"),
                             "Temporary residence card (Armenia): file")
    assert " ".join(calendar.split()).startswith("30 May 2023 ")
    assert calendar.endswith("assumed 'am-180-calendar-year' (other accounts: --assume "
                             "am-180-rolling-365)]")
    described = {str(e.get("summary")): str(e.get("description"))
                 for e in events(path).values()}
    assert described["Temporary residence card (Armenia): file the application"].startswith(
        "Rule: am-permit-temporary-2018; day counted from am-stay-180-per-year, contested, "
        "assumed 'am-180-rolling-365' (other accounts: --assume am-180-calendar-year): another "
        "account may give another day. From sojourn's")
    data = json.loads(report(path, "--format", "json"))
    filing = {d["rule"]: (d["assumed"], d["accounts_agree"]) for d in data["deadlines"]
              if d["rule"].startswith("am-permit-")}
    assert filing == {"am-permit-temporary-2018": ("am-180-rolling-365", False),
                      "am-permit-permanent-2018": ("am-180-rolling-365", False)}


def test_a_day_counted_back_from_a_stay_end_every_account_gives_names_none(
        tmp_path: Path) -> None:
    # entered on 1 January 2023, both accounts of am-stay-180-per-year end the stay on 29 June
    # 2023, and the filing day is 30 May 2023 under each: its line names no account, and the
    # JSON still says which account the day assumes, and that the others agree
    path = tmp_path / "january.yaml"
    path.write_text(ARMENIA.format(name="").replace("2022-10-01", "2023-01-01"),
                    encoding="utf-8")
    text = report(path)
    assert deadline_line(text, "Temporary residence card (Armenia): file").endswith(
        "  [am-permit-temporary-2018]")
    assert deadline_line(text, "last day of legal stay").endswith("  [am-stay-180-per-year]")
    data = json.loads(report(path, "--format", "json"))
    [filing] = [d for d in data["deadlines"] if d["rule"] == "am-permit-temporary-2018"]
    assert (filing["day"], filing["assumed"], filing["accounts_agree"]) == (
        "2023-05-30", "am-180-rolling-365", True)
