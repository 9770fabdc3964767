"""A permit plan's days counted over working days the holiday calendar does not know for sure
(an Eid whose date the `holidays` package estimates, a year whose decree moving days off it
does not know yet) are called estimates: in `permit`'s text and --json, and among `report`'s
deadlines and calendar events, as a registration deadline is."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from sojourn.cli import app
from sojourn.cli.render.permit import _estimated_days
from sojourn.history import load_history
from sojourn.permits import permit_plan
from sojourn.rules.loader import load_pack

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()

EID_KG = ("it counts Eid al-Fitr as on 9 March 2027, the holiday calendar's estimate of a date "
          "set nearer the day, and Kyrgyzstan's decrees moving days off in 2027 are not all known")


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def profile(tmp_path: Path, country: str, entered: str) -> str:
    """A Russian in ``country`` since ``entered``."""
    path = tmp_path / "p.yaml"
    path.write_text("person: {citizenships: [RU]}\n"
                    f"trips: [{{country: {country}, entry: {entered}}}]\n", encoding="utf-8")
    return str(path)


def permit(history: str, country: str, permit_id: str, on: str, *extra: str
           ) -> tuple[list[str], dict[str, Any]]:
    """``sojourn permit``'s lines, and its --json."""
    args = ["permit", history, "--country", country, "--permit", permit_id, "--on", on, *extra]
    return run(*args).splitlines(), json.loads(run(*args, "--json"))


def estimate(calendar: str, years: list[int], *holidays: tuple[str, str]) -> list[Any]:
    return [{"calendar": calendar, "decrees_unknown_years": years,
             "holidays_estimated": [{"date": d, "name": n} for d, n in holidays]}]


def test_the_day_to_file_in_time_counted_over_an_estimated_eid_is_an_estimate(
        tmp_path: Path) -> None:
    # Kyrgyzstan's 15 working days back from 31 March 2027 reach 10 March, over Eid al-Fitr,
    # estimated on 9 March, in a year with no Kyrgyz decree known: "file by 10 March 2027"
    # was given as exact
    lines, data = permit(profile(tmp_path, "KG", "2027-01-01"), "KG", "kg-permit-temporary",
                         "2027-02-20")
    assert "To have it by 31 March 2027, file by 10 March 2027." in lines[0]
    assert (f"  The day to file by 10 March 2027 to have the permit by 31 March 2027 is an "
            f"estimate: {EID_KG}; check it nearer the day.") in lines
    assert data["in_time_if_filed_by"] == "2027-03-10"
    assert data["in_time_estimate"] == estimate("KG", [2027], ("2027-03-09", "Eid al-Fitr"))
    # the filing day, the legal end itself (a Wednesday), passes over no day: exact
    assert [s["estimate"] for s in data["steps"]] == [[], [], []]


def test_the_day_a_permit_would_be_issued_is_not_called_an_estimate(tmp_path: Path) -> None:
    # filed on 26 February 2027, issued about 23 March, over the same Eid: "about" hedges it
    # already, and no day to act on comes from it here (it is before the legal end)
    lines, data = permit(profile(tmp_path, "KG", "2027-01-01"), "KG", "kg-permit-temporary",
                         "2027-02-20", "--apply-on", "2027-02-26")
    assert "Filed on 26 February 2027, the permit would be issued about 23 March 2027." in lines[0]
    assert not [line for line in lines if "estimate" in line]
    assert data["in_time_estimate"] == []


def test_a_filing_day_moved_over_a_weekend_in_a_year_with_no_known_decree_is_an_estimate(
        tmp_path: Path) -> None:
    # Kazakhstan moves days off by a decree each year, none known for 2027: the due day,
    # Sunday 29 August, moved to Friday 27 August, stands only if no decree makes the weekend
    # working days; the day to file in time is counted over its working days
    lines, data = permit(profile(tmp_path, "KZ", "2027-06-01"), "KZ", "kz-permit-temporary",
                         "2027-06-10")
    assert ("  The days to file by 27 August 2027 and to file by 20 August 2027 to have the "
            "permit by 29 August 2027 are estimates: Kazakhstan's decrees moving days off in 2027 "
            "are not all known; check them nearer the day.") in lines
    assert data["steps"][-1]["start_by"] == "2027-08-27"
    assert data["steps"][-1]["estimate"] == estimate("KZ", [2027])
    assert data["in_time_estimate"] == estimate("KZ", [2027])


def test_a_document_from_home_counts_in_its_state_s_calendar_and_the_filing_day_s(
        tmp_path: Path) -> None:
    # the Russian certificate's 30 days back from 7 April 2028 (itself moved from Saturday 8
    # April in Kazakhstan) reach International Women's Day in Russia, and so 7 March: both
    # countries' decrees for 2028 are not known
    lines, data = permit(profile(tmp_path, "KZ", "2028-01-10"), "KZ",
                         "kz-permit-permanent-2026", "2028-01-20")
    [certificate] = [s for s in data["steps"]
                     if s["document"] == "no_criminal_record_certificate"]
    assert certificate["start_by"] == "2028-03-07"
    assert certificate["estimate"] == [*estimate("KZ", [2028]), *estimate("RU", [2028])]
    assert ("  The day to get a certificate of no criminal record by 7 March 2028 is an "
            "estimate: Kazakhstan's decrees moving days off in 2028 are not all known, and the "
            "Russian Federation's decrees moving days off in 2028 are not all known; the day to "
            "file by 7 April 2028 is an estimate: Kazakhstan's decrees moving days off in 2028 "
            "are not all known; check them nearer the day.") in lines


def test_a_plan_in_2023_is_exact(tmp_path: Path) -> None:
    # the same counts in 2023 (the weekend before the legal end passed over, 5 working days
    # back, the day to file during the stay as planned), whose decrees the package knows
    lines, data = permit(str(ROOT / "examples" / "history.csv"), "KZ", "kz-permit-temporary",
                         "2023-01-20", "--citizenship", "RU")
    assert "To have it by 9 April 2023, file by 31 March 2023." in lines[0]
    assert data["planned_file_by"] == "2023-03-17"
    assert not [line for line in lines if "estimate" in line]
    assert data["in_time_estimate"] == []
    assert all(s["estimate"] == [] and s["planned_estimate"] == [] for s in data["steps"])


def test_report_marks_a_permit_s_estimated_day_among_the_deadlines_and_in_its_event(
        tmp_path: Path) -> None:
    history = profile(tmp_path, "KG", "2027-01-01")
    out = run("report", history, "--on", "2027-02-20")
    assert ("  10 March 2027    Temporary residence permit (Kyrgyzstan): file the application "
            "to have the permit by 31 March 2027 (an estimate, as said below)  "
            "[kg-permit-temporary; day counted from kg-stay-eaeu-90-180-2024, contested, "
            "assumed 'kg-2024-90-180' (other accounts: --assume kg-2024-60-days)]"
            ) in out.splitlines()
    data = json.loads(run("report", history, "--on", "2027-02-20", "--format", "json"))
    assert {d["day"]: d["estimate"] for d in data["deadlines"]
            if d["rule"] == "kg-permit-temporary"} == {"2027-03-10": EID_KG, "2027-03-31": None}
    calendar = tmp_path / "d.ics"
    run("report", history, "--on", "2027-02-20", "--format", "ics", "-o", str(calendar))
    text = calendar.read_text(encoding="utf-8").replace("\r\n ", "").replace("\n ", "")
    assert (f"DESCRIPTION:An estimate: {EID_KG}; check it nearer the day. Rule: "
            "kg-permit-temporary; day counted from kg-stay-eaeu-90-180-2024, contested, "
            "assumed 'kg-2024-90-180' (other accounts: --assume kg-2024-60-days): another "
            "account may give another day.").replace(",", "\\,").replace(";", "\\;") in text


def test_a_filing_day_counted_forward_from_a_start_moved_over_a_closed_day_is_an_estimate(
        tmp_path: Path) -> None:
    # kept out of Kazakhstan until 2 July 2028 and asked on Russia Day, Monday 12 June 2028:
    # the Russian certificate, begun on Tuesday 13 June, the first working day in Russia,
    # comes 30 days later, so the filing day is 13 July. Only days counted back to a deadline
    # were called estimates: this one, resting on Russia's calendar of 2028 (a decree may
    # move a day off onto 13 June), was given as exact
    path = tmp_path / "p.yaml"
    path.write_text("person: {citizenships: [RU]}\n"
                    "trips: [{country: KZ, entry: 2028-01-04, exit: 2028-04-02}]\n",
                    encoding="utf-8")
    lines, data = permit(str(path), "KZ", "kz-permit-permanent-2026", "2028-06-12")
    assert "  - file the application: processing time unknown; file from 13 July 2028" in lines
    assert data["steps"][-1]["estimate"] == estimate("RU", [2028])
    [certificate] = [s for s in data["steps"]
                     if s["document"] == "no_criminal_record_certificate"]
    assert certificate["start_by"] == "2028-06-13"
    assert certificate["estimate"] == estimate("RU", [2028])
    assert ("  The days to get a certificate of no criminal record by 13 June 2028 and to file "
            "from 13 July 2028 are estimates: the Russian Federation's decrees moving days off "
            "in 2028 are not all known; check them nearer the day.") in lines
    # asked on a working day in Russia, the 30 calendar days rest on no calendar: exact
    lines, data = permit(str(path), "KZ", "kz-permit-permanent-2026", "2028-06-13")
    assert data["steps"][-1]["start_by"] == "2028-07-13"
    assert data["steps"][-1]["estimate"] == []


def test_a_day_of_the_plan_passed_is_checked_against_the_days_offices_were_closed(
        tmp_path: Path) -> None:
    # asked on 20 March 2028, the certificate's start (7 March) has passed: "check it nearer
    # the day" told the person to wait for a day gone by, where status says of a registration
    # deadline passed to check it against the days offices were actually closed then
    lines, _ = permit(profile(tmp_path, "KZ", "2028-01-10"), "KZ", "kz-permit-permanent-2026",
                      "2028-03-20")
    assert ("  The day to get a certificate of no criminal record by 7 March 2028 is an "
            "estimate: Kazakhstan's decrees moving days off in 2028 are not all known, and the "
            "Russian Federation's decrees moving days off in 2028 are not all known; check it "
            "against the days offices were actually closed then.") in lines


def test_the_days_passed_and_those_ahead_are_each_checked_their_own_way(tmp_path: Path) -> None:
    # the plan made on 20 January 2028 (to start the certificate by 7 March, to file by 7
    # April), read on 20 March: one day passed, one ahead
    plan = permit_plan(load_history(profile(tmp_path, "KZ", "2028-01-10")), load_pack(),
                       country="KZ", permit_id="kz-permit-permanent-2026",
                       on=dt.date(2028, 1, 20))
    words = _estimated_days(replace(plan, on=dt.date(2028, 3, 20)), "by")
    assert words is not None and words.endswith(
        "; check the day passed against the days offices were actually closed then, and check "
        "the day ahead nearer the day.")
    ahead = _estimated_days(plan, "by")
    assert ahead is not None and ahead.endswith("; check them nearer the day.")
    # a day is passed only after it
    assert _estimated_days(replace(plan, on=dt.date(2028, 3, 7)), "by") == ahead
