"""The relocant's other questions through the CLI: destinations, report (text, JSON, iCalendar)
and the pack's coverage."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import icalendar
import pytest
from typer.testing import CliRunner

from sojourn.cli import app
from sojourn.history import load_history
from sojourn.report import CaseReport, Deadline, case_report, to_ics
from sojourn.rules.coverage import COVERAGE_TOPICS
from sojourn.rules.loader import load_pack

ROOT = Path(__file__).resolve().parents[2]
PROFILE = str(ROOT / "examples" / "relocant.yaml")
runner = CliRunner()


def destination_rows(history: str, *args: str) -> dict[str, dict[str, Any]]:
    """``sojourn destinations HISTORY --json ARGS``'s rows, by host."""
    result = runner.invoke(app, ["destinations", history, "--json", *args])
    assert result.exit_code == 0, result.output
    return {d["host"]: d for d in json.loads(result.stdout)["destinations"]}


def table_rows(text: str) -> dict[str, str]:
    """The rows of a `destinations` table by host, as many as the pack has hosts: the lines
    after the two header lines, up to the first legend line."""
    rows = {}
    for line in text.splitlines()[2:]:
        host = line.split()[0] if line.strip() else ""
        if not (host.isalpha() and host.isupper()):
            break
        rows[host] = line
    return rows


def profile_holding(tmp_path: Path, *documents: str, trips: str,
                    citizenships: str = "RU") -> str:
    """A profile of a citizen of ``citizenships`` ("BY, RU") holding ``documents`` (YAML
    mappings), with ``trips`` (a YAML list)."""
    profile = tmp_path / "p.yaml"
    profile.write_text(f"person:\n  citizenships: [{citizenships}]\n  documents:\n"
                       + "".join(f"    - {d}\n" for d in documents)
                       + f"trips: {trips}\n", encoding="utf-8")
    return str(profile)


def one_passport_profile(tmp_path: Path, passport: str, entered: str) -> str:
    """A Russian's profile holding one passport (a YAML mapping), in KZ since ``entered``."""
    return profile_holding(tmp_path, passport, trips=f"[{{country: KZ, entry: {entered}}}]")


def dual_citizen(tmp_path: Path, citizenships: tuple[str, str], host: str) -> Path:
    """A dual citizen's profile listing ``citizenships`` in that order, holding both states'
    international passports (the documents in the other order), in ``host`` since 1 March
    2025."""
    profile = tmp_path / "p.yaml"
    passports = "".join(f"    - {{type: international_passport, country: {c}}}\n"
                        for c in reversed(citizenships))
    profile.write_text(f"person:\n  citizenships: [{', '.join(citizenships)}]\n  documents:\n"
                       f"{passports}trips: [{{country: {host}, entry: 2025-03-01}}]\n",
                       encoding="utf-8")
    return profile


def permit_lines(tmp_path: Path, country: str, entered: str, permit: str, on: str,
                 *extra: str) -> list[str]:
    """``sojourn permit``'s lines for a Russian in ``country`` since ``entered``."""
    profile = tmp_path / "p.yaml"
    profile.write_text("person: {citizenships: [RU]}\n"
                       f"trips: [{{country: {country}, entry: {entered}}}]\n", encoding="utf-8")
    result = runner.invoke(app, ["permit", str(profile), "--country", country, "--permit",
                                 permit, "--on", on, *extra])
    assert result.exit_code == 0, result.output
    lines: list[str] = result.stdout.splitlines()
    return lines


def test_a_stay_where_entry_is_refused_or_unknown_is_shown_in_brackets() -> None:
    result = runner.invoke(app, ["destinations", PROFILE, "--on", "2023-01-05"])
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines()[2:]
            if line.startswith("  ") and line.split()[0].isupper()}
    # refused; the rule relied on is contested on the foreign passport's validity
    assert rows["GE"][1:] == ["no", "-", "(365", "days*)", "(4", "January", "2024)"]
    assert rows["MN"][1:] == ["unknown", "-", "(30", "days)", "(3", "February", "2023)"]
    assert rows["AM"][1:] == ["yes", "internal", "passport", "180", "days*", "3", "July", "2023"]
    assert rows["AZ"][1:] == ["unknown", "-", "(180", "days*)", "(3", "July", "2023)"]
    assert "(in brackets) what the stay rules would allow where entry is refused" in (
        result.stdout)
    # the pack knows no Azerbaijani stay rule before 2022: nothing to put in brackets
    before = runner.invoke(app, ["destinations", PROFILE, "--on", "2021-12-31"]).stdout
    assert any(line.split() == ["AZ", "unknown", "-", "unknown", "-"]
               for line in before.splitlines())


def test_destinations_judge_entry_and_stay_for_every_host() -> None:
    rows = destination_rows(PROFILE, "--on", "2023-01-05")
    assert rows["KZ"]["here"] is True and rows["KZ"]["latest_exit"] == "2023-03-21"
    assert rows["GE"]["allowed"] is False          # an internal passport does not do for Georgia
    assert rows["AM"]["allowed"] is True and rows["AM"]["document"] == "internal_passport"
    assert rows["SCHENGEN"]["allowed"] == "unknown"  # no rule on the internal passport there
    assert rows["TJ"]["max_stay_days"] is None and rows["TJ"]["stay_unknown"]


def test_destinations_judge_a_dual_citizen_at_home_as_its_citizen(tmp_path: Path) -> None:
    # a Russian internal passport, listed first, also lets this Russian-Armenian into Armenia,
    # where destinations counted 180 days a year against them as a Russian while `status
    # --country AM` said that, as its citizen, they are not limited there
    profile = tmp_path / "p.yaml"
    profile.write_text("person:\n  citizenships: [RU, AM]\n  documents:\n"
                       "    - {type: internal_passport, country: RU}\n"
                       "    - {type: international_passport, country: AM}\n"
                       "trips: [{country: KZ, entry: 2025-06-01}]\n", encoding="utf-8")
    armenia = destination_rows(str(profile), "--on", "2025-07-01")["AM"]
    assert armenia["allowed"] is True and armenia["document"] == "international_passport"
    assert (armenia["max_stay_days"], armenia["limited_by"]) == (None, "none")
    status = runner.invoke(app, ["status", str(profile), "--country", "AM", "--on", "2025-07-01",
                                 "--json"])
    assert json.loads(status.stdout)["own_citizen"] is True
    report = runner.invoke(app, ["report", str(profile), "--on", "2025-07-01"]).stdout
    assert "Armenia (AM) with international passport: no stay limit" in report
    # judged as a Russian, as asked, the limit counts
    russian = destination_rows(str(profile), "--on", "2025-07-01", "--citizenship", "RU")["AM"]
    assert russian["max_stay_days"] == 180


def test_destinations_say_where_the_row_and_status_judge_a_dual_citizen_differently(
        tmp_path: Path) -> None:
    # A Turkish-Russian in Kazakhstan: `status` judges the Turkish passport, listed first, which
    # the host has stay rules for (30 days per entry: 11 days left); the row, the Russian
    # passport, which the pack's entry rules admit (90 in any 180: 71 days). The row gave its
    # days with no word of the other answer. (Türkiye now admits Kazakh passports, so a
    # Kazakh-Russian there no longer shows the difference.)
    profile = dual_citizen(tmp_path, ("TR", "RU"), "KZ")
    on = "2025-03-20"
    kazakhstan = destination_rows(str(profile), "--on", on)["KZ"]
    status = json.loads(runner.invoke(app, ["status", str(profile), "--country", "KZ", "--on",
                                            on, "--json"]).stdout)
    assert (kazakhstan["citizenship"], kazakhstan["max_stay_days"]) == ("RU", 71)
    assert (status["citizenship"], status["max_stay_days"]) == ("TR", 11)
    assert kazakhstan["status_citizenship"] == "TR"
    text = runner.invoke(app, ["destinations", str(profile), "--on", on]).stdout
    assert ("In KZ, where you are, you are judged as a citizen of the Russian Federation, whose "
            "passport the pack's entry rules admit; `sojourn status --country KZ` judges you as a "
            "citizen of Türkiye. The passport you entered on decides: give --citizenship to "
            "choose.") in " ".join(text.split())
    # hosts where the person is not, and a citizenship given, get no such line
    assert destination_rows(str(profile), "--on", on)["AM"]["status_citizenship"] is None
    given = destination_rows(str(profile), "--on", on, "--citizenship", "RU")["KZ"]
    assert given["status_citizenship"] is None


def test_destinations_judge_a_dual_citizen_as_status_does_where_both_passports_admit(
        tmp_path: Path) -> None:
    # Türkiye lets a Kazakh-Russian in on either passport: the row takes the one `status`
    # judges (the Kazakh, listed first), not the first document (the Russian, 10 days)
    profile = dual_citizen(tmp_path, ("KZ", "RU"), "TR")
    rows = destination_rows(str(profile), "--on", "2025-04-20")
    assert sum("Türkiye accepts" in r for r in rows["TR"]["reasons"]) == 2  # both let them in
    assert (rows["TR"]["citizenship"], rows["TR"]["max_stay_days"]) == ("KZ", 40)
    assert rows["TR"]["status_citizenship"] is None


def test_destinations_place_the_person_in_a_zone_only_while_the_state_is_a_member(
        tmp_path: Path) -> None:
    # Croatia joined the Schengen area on 1 January 2023: in Croatia in June 2022 the row read
    # "SCHENGEN (you are here)", while `status --country HR` judged Croatia, not the area
    profile = tmp_path / "p.yaml"
    profile.write_text("person:\n  citizenships: [RU]\n  documents:\n"
                       "    - {type: international_passport, country: RU}\n"
                       "trips: [{country: HR, entry: 2022-05-20}]\n", encoding="utf-8")
    assert destination_rows(str(profile), "--on", "2022-06-01")["SCHENGEN"]["here"] is False
    assert destination_rows(str(profile), "--on", "2023-01-01")["SCHENGEN"]["here"] is True


def test_destinations_name_which_passport_when_several_of_a_type_are_held(tmp_path: Path
                                                                         ) -> None:
    # "international passport" for Georgia left a Russian-Armenian to guess which of two:
    # the pack knows Georgia's rule for the Russian one only
    profile = tmp_path / "p.yaml"
    profile.write_text("person:\n  citizenships: [RU, AM]\n  documents:\n"
                       "    - {type: international_passport, country: RU}\n"
                       "    - {type: international_passport, country: AM}\n"
                       "    - {type: internal_passport, country: RU}\n"
                       "trips: [{country: KZ, entry: 2025-06-01}]\n", encoding="utf-8")
    rows = destination_rows(str(profile), "--on", "2025-07-01")
    assert (rows["GE"]["document"], rows["GE"]["citizenship"]) == ("international_passport", "RU")
    assert (rows["AM"]["document"], rows["AM"]["citizenship"]) == ("international_passport", "AM")
    text = runner.invoke(app, ["destinations", str(profile), "--on", "2025-07-01"]).stdout
    table = table_rows(text)
    assert "international passport (RU)" in table["GE"]
    assert "international passport (AM)" in table["AM"]
    report = runner.invoke(app, ["report", str(profile), "--on", "2025-07-01"]).stdout
    assert "  Georgia (GE) with international passport (RU): " in report
    # one internal passport only: no state to tell apart. Without the Russian foreign passport,
    # Kyrgyzstan (which takes both Russian passports) is entered on the internal one.
    single = tmp_path / "single.yaml"
    single.write_text("person:\n  citizenships: [RU, AM]\n  documents:\n"
                      "    - {type: international_passport, country: AM}\n"
                      "    - {type: internal_passport, country: RU}\n"
                      "trips: [{country: KZ, entry: 2025-06-01}]\n", encoding="utf-8")
    text = runner.invoke(app, ["destinations", str(single), "--on", "2025-07-01"]).stdout
    table = table_rows(text)
    assert "internal passport " in table["KG"] and "internal passport (" not in table["KG"]


def test_a_citizenship_given_with_blanks_or_in_lower_case_is_the_same_citizenship() -> None:
    # destinations, report and risk took " ru" as is: no rule applied to "citizens of  RU"
    def run(*args: str) -> dict:  # type: ignore[type-arg]
        result = runner.invoke(app, [*args, "--on", "2023-01-05"])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)  # type: ignore[no-any-return]

    for given in (" ru", "ru\t"):
        assert (run("destinations", PROFILE, "--json", "--citizenship", given)
                == run("destinations", PROFILE, "--json", "--citizenship", "RU"))
        assert (run("report", PROFILE, "--format", "json", "--citizenship", given)
                == run("report", PROFILE, "--format", "json", "--citizenship", "RU"))
        risk = run("risk", PROFILE, "--country", "KZ", "--json", "--citizenship", given)
        assert risk == run("risk", PROFILE, "--country", "KZ", "--json", "--citizenship", "RU")
        assert risk["citizenship"] == "RU"


def test_a_document_is_judged_under_the_state_that_issued_it(tmp_path: Path) -> None:
    # a Ukrainian internal passport held by a profile naming Russian citizenship alone was
    # judged as a Russian one: Armenia "yes", where entry --citizenship UA says unknown
    profile = one_passport_profile(tmp_path, "{type: internal_passport, country: UA}",
                                   "2022-12-01")
    rows = destination_rows(profile, "--on", "2023-01-05")
    entry = runner.invoke(app, ["entry", "--citizenship", "UA", "--document", "internal_passport",
                                "--to", "AM", "--on", "2023-01-05", "--json"])
    assert rows["AM"]["allowed"] == json.loads(entry.stdout)["allowed"] == "unknown"


@pytest.mark.parametrize(("to", "document", "age", "says"), [
    ("KZ", "internal_passport", "10", "kz-entry-passports accepts it from age 14, not at 10"),
    ("UZ", "internal_passport", "10",
     "uz-entry-foreign-passport refuses it from age 14, not at 10"),
    ("AM", "birth_certificate", None,
     "am-entry-internal-passport refuses it up to age 13, not at 18"),
])
def test_a_document_a_rule_covers_at_other_ages_is_unknown_with_those_ages(
        to: str, document: str, age: str | None, says: str) -> None:
    # "the pack has no rule on whether Kazakhstan accepts an internal passport" at 10, though
    # kz-entry-passports speaks of that passport, from 14
    aged = ["--age", age] if age else []
    result = runner.invoke(app, ["entry", "--citizenship", "RU", "--document", document, "--to",
                                 to, "--on", "2024-01-01", *aged, "--json"])
    answer = json.loads(result.stdout)
    # the rule the reason names for its ages is relied on (listed), though it decides nothing
    assert answer["allowed"] == "unknown"
    assert [r["id"] for r in answer["rules"]] == [says.split()[0]]
    assert answer["reasons"][-1].endswith(says), answer["reasons"]


def test_a_day_before_the_person_s_birth_is_refused(tmp_path: Path) -> None:
    # the negative age matched no rule's age bounds: Armenia "unknown" where it is "yes"
    profile = tmp_path / "p.yaml"
    profile.write_text(Path(PROFILE).read_text(encoding="utf-8").replace(
        "born: 1994-03-12", "born: 2022-09-01"), encoding="utf-8")  # before the first trip
    # destinations alone: report needs a stay on or before --on, and a birth after a trip is
    # refused with the profile (tests/corpus, born_after_trip)
    result = runner.invoke(app, ["destinations", str(profile), "--on", "2022-08-01"])
    assert result.exit_code == 2
    # the message named the field but neither the file nor the line to correct
    born_line = 1 + next(i for i, line in enumerate(profile.read_text().splitlines())
                         if "born: 2022-09-01" in line)
    assert (f"error: {profile}, line {born_line}, field 'person.born': '2022-09-01' is after "
            "the day judged, 2022-08-01; expected a birth date on or before 2022-08-01, or a "
            "later --on") in result.output
    # entry --history takes the age from the same profile, and refuses it the same way
    result = runner.invoke(app, ["entry", "--history", str(profile), "--to", "AM",
                                 "--citizenship", "RU", "--document", "internal_passport",
                                 "--on", "2022-08-01"])
    assert result.exit_code == 2
    assert f"error: {profile}, line {born_line}, field 'person.born'" in result.output


@pytest.mark.parametrize("args", [
    ["risk", "--country", "KZ"],
    ["permit", "--country", "KZ", "--permit", "kz-permit-temporary"],
], ids=["risk", "permit"])
def test_risk_and_permit_refuse_a_day_before_the_birth_as_status_does(
        tmp_path: Path, args: list[str]) -> None:
    # both answered for a person not yet born: risk a level, permit a plan of dated steps
    profile = tmp_path / "p.yaml"
    profile.write_text(Path(PROFILE).read_text(encoding="utf-8").replace(
        "born: 1994-03-12", "born: 2022-09-01"), encoding="utf-8")
    command, *options = args
    result = runner.invoke(app, [command, str(profile), *options, "--on", "2022-08-01"])
    assert result.exit_code == 2, result.output
    assert ("field 'person.born': '2022-09-01' is after the day judged, 2022-08-01"
            in result.output)
    on_the_day = runner.invoke(app, [command, str(profile), *options, "--on", "2022-09-01"])
    assert "person.born" not in on_the_day.output


def test_a_filing_day_after_the_deadline_is_not_called_in_time() -> None:
    # the verdict said "not feasible ... filing is after that day; every step can still start
    # in time"
    result = runner.invoke(app, ["permit", "--assume", "kz-days-before-count",
                                 PROFILE, "--country", "KZ", "--permit",
                                 "kz-permit-temporary", "--on", "2023-01-05", "--apply-on",
                                 "2023-03-01"])
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert first.startswith("Not feasible") and "every step can still start" not in first
    assert first.endswith("but filing must come by 26 January 2023.")


def test_the_legal_stay_end_is_the_rules_not_the_planned_trips() -> None:
    # the README's example said "Your legal stay ends on 20 December 2022", the day of the
    # planned trip to Kyrgyzstan; per entry 90 days from 25 September end on 23 December
    args = ["permit", PROFILE, "--country", "KZ", "--permit", "kz-permit-permanent-2015",
            "--on", "2022-11-01"]
    text = runner.invoke(app, args).stdout.splitlines()[0]
    data = json.loads(runner.invoke(app, [*args, "--json"]).stdout)
    assert (data["legal_stay_ends"], data["planned_stay_ends"]) == ("2022-12-23", "2022-12-20")
    assert "Your legal stay ends on 23 December 2022;" in text
    assert "Your planned trips end this stay sooner, on 20 December 2022" in text


@pytest.mark.parametrize(("on", "step", "verdict"), [
    ("2022-11-01",
     "start by 23 November 2022 to file by 23 December 2022, or by 18 November 2022 to file by "
     "20 December 2022 as planned (19 and 20 November 2022 are closed in the Russian Federation: a "
     "Saturday and a Sunday)",
     "file by 20 December 2022, and start each step by the day given below for that."),
    ("2022-11-21",
     "start by 23 November 2022 to file by 23 December 2022; too late to file by 20 December "
     "2022 as planned (that needed a start by 18 November 2022)",
     "file by 20 December 2022, too soon to get a certificate of no criminal record in time for "
     "it: that needed a start by 18 November 2022, 3 days before 21 November 2022."),
    # too late for either day: no step gives a day for the planned one
    ("2022-11-25", "start by 23 November 2022 - TOO LATE",
     "file by 20 December 2022, too soon to get a certificate of no criminal record in time for "
     "it: that needed a start by 18 November 2022, 7 days before 25 November 2022."),
])
def test_each_step_says_which_filing_day_it_is_counted_from(on: str, step: str,
                                                            verdict: str) -> None:
    # "to file during this stay as planned, file by 20 December 2022" stood beside "start by
    # 23 November 2022", counted back from 23 December: started then, the 30-day certificate
    # comes after the day to file
    lines = runner.invoke(app, ["permit", PROFILE, "--country", "KZ", "--permit",
                                "kz-permit-permanent-2015", "--on", on]).stdout.splitlines()
    assert lines[0].endswith(
        "Your planned trips end this stay sooner, on 20 December 2022: to file during this "
        f"stay as planned, {verdict}")
    assert f"  - get a certificate of no criminal record: 30 days; {step}" in lines
    # a plan that cannot work (the certificate too late) names no day to file by, but why
    filing = ("no day to file: to get a certificate of no criminal record in time you needed "
              "to start by 23 November 2022" if "TOO LATE" in step else
              "file by 23 December 2022; or file by 20 December 2022 during this stay as planned")
    assert f"  - file the application: processing time unknown; {filing}" in lines


def test_report_s_last_day_of_legal_stay_is_the_rules_not_the_planned_trips() -> None:
    # report listed 2022-12-20, the planned trip to Kyrgyzstan, as the last day of legal stay
    result = runner.invoke(app, ["report", PROFILE, "--on", "2022-11-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    days = [d["day"] for d in data["deadlines"]
            if d["what"] == "last day of legal stay in Kazakhstan"]
    assert days == ["2022-12-23"]
    assert data["stay"]["latest_exit"] == "2022-12-20"  # the stay the plans allow, as status


def test_a_permit_issued_after_the_legal_stay_ends_is_said_plainly(tmp_path: Path) -> None:
    # the plan said "file the application: 15 working days; start by 8 December 2024", a
    # Sunday and the last day of legal stay, with no word that the permit would come on
    # 27 December
    lines = permit_lines(tmp_path, "KG", "2024-09-10", "kg-permit-temporary", "2024-09-10")
    assert lines[0].startswith("Unknown:")
    assert ("the permit would be issued about 27 December 2024, after your legal stay ends on "
            "8 December 2024: whether a pending application lets you stay on until it is "
            "issued is not known") in lines[0]
    assert "To have it by 8 December 2024, file by 15 November 2024." in lines[0]
    assert ("  - file the application: processing 15 working days; file by 6 December 2024 "
            "(7 and 8 December 2024 are closed in Kyrgyzstan: a Saturday and a Sunday); issued "
            "about 27 December 2024, after "
            "your legal stay ends") in lines


def test_an_application_decided_at_the_counter_is_said_so(tmp_path: Path) -> None:
    # Thailand's extension (processing 0 days) read "file the application: processing 0 days;
    # file by 3 October 2024; issued about 3 October 2024", a wait of no days
    lines = permit_lines(tmp_path, "TH", "2024-08-05", "th-permit-extension-2024",
                         "2024-08-10")
    assert "  - file the application: decided the same day; file by 3 October 2024" in lines


def test_with_no_deadline_the_application_is_filed_from_a_working_day(tmp_path: Path) -> None:
    # with no stay limit, the filing day is the first one that works, not a last day: asked on
    # Saturday 4 February 2023, the offices open on Monday the 6th
    lines = permit_lines(tmp_path, "UZ", "2023-01-10", "uz-permit-residence", "2023-02-04")
    assert ("  - file the application: processing 128 working days; file from 6 February 2023 "
            "(4 and 5 February 2023 are closed in Uzbekistan: a Saturday and a Sunday); issued "
            "about 15 August 2023") in lines


def test_a_filing_day_asked_for_is_the_day_to_file_and_every_closed_day_is_named(
        tmp_path: Path) -> None:
    # with --apply-on 2023-05-07 the step read "file by 10 May 2023 (7 May 2023 is a Sunday
    # in Kazakhstan)", beside "due by 5 May", though 8 and 9 May are public holidays too;
    # with --apply-on 2023-04-03 it read "file by 3 April 2023"
    args = (tmp_path, "KZ", "2023-02-09", "kz-permit-temporary", "2023-03-10")
    lines = permit_lines(*args, "--apply-on", "2023-05-07")
    closed = ("7 to 9 May 2023 are closed in Kazakhstan: a Sunday, Defender of the Fatherland "
              "Day (observed) and Victory Day")
    assert f"Note: {closed}, so the first day you can file is 10 May 2023." in lines[0]
    assert ("the application is due by 5 May 2023 (6 to 9 May 2023 are closed in Kazakhstan: "
            "a Saturday, a Sunday, Defender of the Fatherland Day (observed) and Victory Day)"
            ) in lines[0]
    # after the day it is due, the plan cannot work: no day to file, but why
    assert ("  - file the application: processing 5 working days; no day to file: filing on "
            "10 May 2023 is after the day it is due, 5 May 2023") in lines
    assert ("  - file the application: processing 5 working days; file on 3 April 2023; issued "
            "about 10 April 2023") in permit_lines(*args, "--apply-on", "2023-04-03")


def test_destinations_without_documents_says_so() -> None:
    # every host read "unknown", as if the pack did not know, with no word on the cause
    history = str(ROOT / "examples" / "history.csv")
    result = runner.invoke(app, ["destinations", history, "--citizenship", "RU", "--on",
                                 "2023-01-05"])
    assert result.exit_code == 0, result.output
    assert "No travel document valid on that day is given" in result.stdout
    result = runner.invoke(app, ["destinations", history, "--citizenship", "RU", "--on",
                                 "2023-01-05", "--document", "internal_passport"])
    assert "No travel document" not in result.stdout


def kazakh_overstayer(tmp_path: Path) -> str:
    """A Russian who stayed in Kazakhstan from 1 February to 15 June 2023 (90 days in any
    180 from 27 January: 45 days over, 2 May to 15 June) and is in Georgia since."""
    profile = tmp_path / "p.yaml"
    profile.write_text("person:\n  citizenships: [RU]\n  documents:\n"
                       "    - {type: internal_passport, country: RU, issued: 2012-08-01}\n"
                       "    - {type: international_passport, country: RU, issued: 2021-01-01}\n"
                       "trips:\n  - {country: KZ, entry: 2023-02-01, exit: 2023-06-15}\n"
                       "  - {country: GE, entry: 2023-06-15}\n", encoding="utf-8")
    return str(profile)


def test_destinations_say_when_a_used_up_host_may_be_entered_again(tmp_path: Path) -> None:
    # Kazakhstan read "yes, 0 days, -": neither that the count is used up nor the day one may
    # come back, which `status` gives (14 September 2023)
    profile = kazakh_overstayer(tmp_path)
    result = runner.invoke(app, ["destinations", profile, "--on", "2023-07-01"])
    assert result.exit_code == 0, result.output
    assert table_rows(result.stdout)["KZ"].split()[-4:] == [
        "before", "14", "September", "2023"]
    assert destination_rows(profile, "--on", "2023-07-01")["KZ"]["earliest_entry"] == (
        "2023-09-14")
    assert destination_rows(profile, "--on", "2023-09-14")["KZ"]["earliest_entry"] is None


def test_destinations_and_report_name_an_overstay_in_a_host(tmp_path: Path) -> None:
    # a "yes" to Kazakhstan said nothing of the 45 days overstayed there, which may have
    # brought a fine or an entry ban
    profile = kazakh_overstayer(tmp_path)
    result = runner.invoke(app, ["destinations", profile, "--on", "2023-10-01"])
    assert result.exit_code == 0, result.output
    rows = table_rows(result.stdout)
    assert "days*!" in rows["KZ"] and "!" not in rows["GE"]
    # past the 5 days over Kazakhstan's penalty rule grades: whether a ban follows is not known
    assert ("  ! your history has an overstay there: KZ 2 May to 15 June 2023 (45 days): the pack "
            "cannot tell whether it brings an entry ban" in result.stdout)
    assert destination_rows(profile, "--on", "2023-10-01")["KZ"]["violations"] == [
        {"first_day": "2023-05-02", "last_day": "2023-06-15", "days": 45, "peak": 135,
         "rules": ["kz-stay-eaeu-90-180"], "unrecorded_registration": None}]
    report = runner.invoke(app, ["report", profile, "--on", "2023-10-01"])
    kazakhstan = next(line for line in report.stdout.splitlines()
                      if line.startswith("  Kazakhstan (KZ)"))
    assert "; you overstayed there 2 May to 15 June 2023 (45 days): the pack" in kazakhstan


def test_risk_weighs_the_charging_citizenship_whatever_the_order(tmp_path: Path) -> None:
    # a Kazakh-Russian dual citizen charged by Russia: listed [KZ, RU] the answer was
    # "unknown" (Armenia's policy on Kazakhs, the Russian charge never weighed), [RU, KZ] "high"
    levels = []
    for order in ("[KZ, RU]", "[RU, KZ]"):
        profile = tmp_path / "p.yaml"
        profile.write_text(f"person: {{citizenships: {order}}}\n"
                           "trips: [{country: AM, entry: 2024-01-14}]\n"
                           "charges: [{country: RU, article: '338', wanted: international}]\n",
                           encoding="utf-8")
        result = runner.invoke(app, ["risk", str(profile), "--country", "AM", "--on",
                                     "2024-03-01", "--json"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        levels.append((data["citizenship"], data["extradition"]))
    assert levels == [("RU", "high"), ("RU", "high")]


def test_risk_with_no_charge_weighs_the_citizenship_the_host_has_a_policy_for(
        tmp_path: Path) -> None:
    # a Kazakh-Russian in Mongolia with no charge: judged as a Kazakh, listed first, the answer
    # was "unknown" (no Mongolian policy on Kazakhs), beside a stay report judged as a Russian;
    # judged as `status` chooses, the first citizenship the host has rules for
    profile = tmp_path / "p.yaml"
    profile.write_text("person: {citizenships: [KZ, RU]}\n"
                       "trips: [{country: MN, entry: 2025-03-01}]\n", encoding="utf-8")
    args = [str(profile), "--country", "MN", "--on", "2025-03-10", "--json"]
    risk = json.loads(runner.invoke(app, ["risk", *args]).stdout)
    assert (risk["citizenship"], risk["extradition"]) == ("RU", "low")
    status = json.loads(runner.invoke(app, ["status", *args]).stdout)
    assert status["citizenship"] == "RU"
    # a citizenship given is judged as given
    given = json.loads(runner.invoke(app, ["risk", *args, "--citizenship", "KZ"]).stdout)
    assert (given["citizenship"], given["extradition"]) == ("KZ", "unknown")


def test_risk_names_the_citizenship_it_chose_among_several(tmp_path: Path) -> None:
    # a Kazakh-Russian in Türkiye: the report's stay is judged as a Kazakh, listed first, and
    # its exposure as a Russian, whom Türkiye's rule speaks of; the level alone left unsaid
    # which passport it was for
    profile = tmp_path / "p.yaml"
    profile.write_text("person: {citizenships: [KZ, RU]}\n"
                       "trips: [{country: TR, entry: 2025-03-01}]\n", encoding="utf-8")

    def first_line(*args: str) -> str:
        result = runner.invoke(app, ["risk", str(profile), "--on", "2025-04-20", *args])
        assert result.exit_code == 0, result.output
        return str(result.stdout.splitlines()[0])

    assert first_line("--country", "TR") == (
        "Extradition exposure in Türkiye on 20 April 2025, as a citizen of the Russian "
        "Federation: low.")
    # given, or decided by holding the host's own citizenship: nothing was chosen
    assert first_line("--country", "TR", "--citizenship", "RU") == (
        "Extradition exposure in Türkiye on 20 April 2025: low.")
    assert first_line("--country", "KZ") == (
        "Extradition exposure in Kazakhstan on 20 April 2025: unknown.")
    report = runner.invoke(app, ["report", str(profile), "--on", "2025-04-20"]).stdout
    assert ("Extradition exposure in Türkiye on 20 April 2025, as a citizen of the Russian "
            "Federation: low.") in report


def test_risk_of_a_csv_history_needs_a_citizenship_and_knows_no_charge() -> None:
    # "low: no criminal charge is recorded in the profile" for a CSV, which cannot record one,
    # judged as a Russian's with no --citizenship (status and report refuse the same)
    csv = str(ROOT / "examples" / "history.csv")
    args = ["risk", csv, "--country", "KZ", "--on", "2023-02-01"]
    status = runner.invoke(app, ["status", csv, "--country", "KZ", "--on", "2023-02-01"])
    assert "--citizenship is needed for the pack's rules" in status.stderr
    # risk, and destinations (which said it in other words), refuse as status does
    for refused in (runner.invoke(app, args),
                    runner.invoke(app, ["destinations", csv, "--on", "2023-02-01"])):
        assert (refused.exit_code, refused.stderr) == (2, status.stderr)
    result = runner.invoke(app, [*args, "--citizenship", "RU"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Extradition exposure in Kazakhstan on 1 February 2023: unknown."
    assert lines[1].startswith(
        "  - Kazakhstan's stated policy or reported practice (kz-extradition-2022):")
    assert lines[2] == (
        "  - unknown: a CSV history records no criminal charges (give them as `charges` in a "
        "YAML or JSON profile: country, article, part, wanted); with no charge brought, the "
        "level would be low, as the policy requires one")
    data = json.loads(runner.invoke(app, [*args, "--citizenship", "RU", "--json"]).stdout)
    assert (data["extradition"], data["history_records_charges"]) == ("unknown", False)
    assert lines[2][4:] in data["reasons"]
    # the report weighs the same
    case = json.loads(runner.invoke(app, ["report", csv, "--citizenship", "RU", "--on",
                                          "2023-02-01", "--format", "json"]).stdout)
    # the version is the whole answer's, given once at its top level
    assert case["risk"] == {key: value for key, value in data.items() if key != "schema_version"}
    # a profile records charges: none recorded is none brought
    profile = json.loads(runner.invoke(app, ["risk", PROFILE, "--country", "KZ", "--on",
                                             "2023-02-01", "--json"]).stdout)
    assert (profile["extradition"], profile["history_records_charges"]) == ("low", True)


def test_a_charge_s_gravity_reads_as_a_kind_of_crime() -> None:
    result = runner.invoke(app, ["risk", str(ROOT / "examples" / "deserter.yaml"), "--country",
                                 "AM", "--on", "2024-02-01"])
    assert result.exit_code == 0, result.output
    # Art. 338 has two versions (up to 10 years before 24 September 2022, 15 after): with no
    # day of the act, the answer's day picks one, and the line says so
    assert ("  - Art. 338 (Desertion): at most 15 years, an especially grave crime (ru-cc-338), "
            "in the version in force on 1 February 2024, the answer's day: the profile gives no "
            "day of the act (`committed_on`), and the article's versions differ"
            in result.stdout.splitlines())


def test_a_charge_with_no_prison_term_says_so(tmp_path: Path) -> None:
    # Art. 328 part 2's maximum is 0 years, a known maximum: it read "no maximum known"
    profile = tmp_path / "p.yaml"
    profile.write_text("person: {citizenships: [RU]}\ntrips: [{country: KZ, entry: 2023-01-01}]\n"
                       "charges: [{country: RU, article: '328', part: 2}]\n", encoding="utf-8")
    result = runner.invoke(app, ["risk", str(profile), "--country", "KZ", "--on", "2023-02-01"])
    assert result.exit_code == 0, result.output
    assert "no prison term" in result.stdout and "no maximum known" not in result.stdout


def test_report_includes_a_permit_that_comes_into_force_before_the_filing_day() -> None:
    # the temporary permit starts on 1 January 2023 and is due by 26 January: report left it
    # out on 25 December 2022, when permit said it was feasible
    result = runner.invoke(app, ["report", "--assume", "kz-days-before-count",
                                 PROFILE, "--on", "2022-12-25", "--format", "json"])
    assert result.exit_code == 0, result.output
    ids = [p["permit"]["id"] for p in json.loads(result.stdout)["permits"]]
    assert ids == ["kz-permit-permanent-2015", "kz-permit-temporary"]
    alone = runner.invoke(app, ["permit", "--assume", "kz-days-before-count",
                                PROFILE, "--country", "KZ", "--permit",
                                "kz-permit-temporary", "--on", "2022-12-25"])
    # filed on 26 January it comes after the legal stay, and whether that is allowed is unknown
    assert alone.stdout.startswith("Unknown")
    assert "To have it by 26 January 2023, file by 19 January 2023." in alone.stdout


def test_destinations_and_report_name_the_only_way_in_a_closure_leaves(tmp_path: Path) -> None:
    # with no --by, Azerbaijan read "yes" with no word that its land border was closed
    profile = one_passport_profile(
        tmp_path, "{type: international_passport, country: RU, expires: 2031-01-01}",
        "2023-04-20")
    rows = destination_rows(profile, "--on", "2023-05-01")
    assert (rows["AZ"]["allowed"], rows["AZ"]["open_ways"]) == (True, ["air"])
    assert rows["GE"]["open_ways"] == []
    text = runner.invoke(app, ["destinations", profile, "--on", "2023-05-01"]).stdout
    assert any(line.split()[:3] == ["AZ", "yes", "(air)"] for line in text.splitlines())
    by_land = destination_rows(profile, "--on", "2023-05-01", "--by", "land")
    assert by_land["AZ"]["allowed"] is False
    report = runner.invoke(app, ["report", profile, "--on", "2023-05-01"]).stdout
    assert "Azerbaijan (AZ) with international passport, by air only:" in report


def test_a_closure_that_may_still_hold_leaves_only_its_ways_in_unknown(tmp_path: Path) -> None:
    # Azerbaijan's land, rail and sea closure is known to 1 July 2026 only; with no --by, a
    # Russian's passport read "unknown" for Azerbaijan, though flying in was never closed
    entry = runner.invoke(app, ["entry", "--citizenship", "RU", "--document",
                                "international_passport", "--to", "AZ", "--on", "2026-12-01"])
    assert entry.stdout.startswith("Yes, by air; by land, rail or sea not known: entering ")
    answer = json.loads(runner.invoke(app, [
        "entry", "--citizenship", "RU", "--document", "international_passport", "--to", "AZ",
        "--on", "2026-12-01", "--json"]).stdout)
    assert (answer["allowed"], answer["open_ways"], answer["unknown_ways"]) == (
        True, ["air"], ["land", "rail", "sea"])
    by_land = json.loads(runner.invoke(app, [
        "entry", "--citizenship", "RU", "--document", "international_passport", "--to", "AZ",
        "--on", "2026-12-01", "--by", "land", "--json"]).stdout)
    assert by_land["allowed"] == "unknown"
    profile = one_passport_profile(
        tmp_path, "{type: international_passport, country: RU, expires: 2031-01-01}",
        "2026-11-20")
    rows = destination_rows(profile, "--on", "2026-12-01")
    assert (rows["AZ"]["allowed"], rows["AZ"]["unknown_ways"]) == (True, ["land", "rail", "sea"])
    report = runner.invoke(app, ["report", profile, "--on", "2026-12-01"]).stdout
    assert ("Azerbaijan (AZ) with international passport, by air; by land, rail or sea not "
            "known:") in report


def test_a_passport_that_ends_before_the_stay_is_said_and_the_longer_lasting_one_used(
        tmp_path: Path) -> None:
    # a Russian in Georgia since 28 September 2022 whose foreign passport ends on 10 November
    # 2022: Georgia's 343 days, Armenia's and Serbia's read as if the passport lasted, and
    # Armenia was judged on the passport about to end rather than the internal one
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "person:\n  citizenships: [RU]\n  documents:\n"
        "    - {type: international_passport, country: RU, issued: 2012-11-10, "
        "expires: 2022-11-10}\n"
        "    - {type: internal_passport, country: RU, issued: 2008-03-01}\n"
        "trips: [{country: GE, entry: 2022-09-28}]\n", encoding="utf-8")
    rows = destination_rows(str(profile), "--on", "2022-10-20")
    assert rows["AM"]["document"] == "internal_passport"  # it lasts longer
    assert (rows["GE"]["document_expires"], rows["GE"]["outlasts_document"]) == (
        "2022-11-10", True)
    assert rows["TR"]["outlasts_document"] is False  # 60 days, to 18 December 2022
    # Azerbaijan wants the passport valid through the day of leaving: its stay ends with it
    assert (rows["AZ"]["latest_exit"], rows["AZ"]["limited_by"]) == ("2022-11-10", "document")
    text = runner.invoke(app, ["destinations", str(profile), "--on", "2022-10-20"]).stdout
    # the hosts named are those with no validity rule: membership, so a host added to the
    # pack without one does not break the test
    unruled = re.search(r"^  Your international passport ends on 10 November 2022, before the "
                        r"stay shown in (.+) would end: the pack has no rule on how long a host "
                        r"wants a passport to stay valid", text, re.MULTILINE)
    assert unruled is not None
    named = set(re.split(r", | and ", unruled.group(1)))
    assert {"ME", "MN", "RS"} <= named and not {"AZ", "GE", "TR"} & named
    # where the person is, the row keeps the stay rules' answer and says what status says
    assert ("  Your international passport ends on 10 November 2022, before the stay shown in GE, "
            "where you are, would end: Georgia wants it valid through the day you leave "
            "(ge-entry-foreign-passport); renew it or leave by 10 November 2022.") in text
    report = runner.invoke(app, ["report", str(profile), "--on", "2022-10-20"]).stdout
    # the validity Georgia wants is one account of a contested rule, but the passport's last
    # day is the same under each: the line names no account
    assert ("  10 November 2022   last day of your international passport, before the legal "
            "stay in Georgia ends  [ge-entry-foreign-passport]") in report.splitlines()
    serbia = next(line for line in report.splitlines() if line.startswith("  Serbia"))
    assert "; the document ends on 10 November 2022, before such a stay would end," in serbia


def test_report_json_holds_every_section() -> None:
    result = runner.invoke(app, ["report", "--assume", "kz-days-before-count",
                                 PROFILE, "--on", "2023-01-05", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["host"] == "KZ" and data["stay"]["latest_exit"] == "2023-01-26"
    whats = [d["what"] for d in data["deadlines"]]
    assert "last day of legal stay in Kazakhstan" in whats
    missed = [d for d in data["deadlines"] if d["missed"]]
    # "get no criminal record certificate" read as "do not get one"
    assert missed and missed[0]["what"].endswith(": get a certificate of no criminal record")
    assert {a["host"] for a in data["alternatives"]} == {"AM", "KG", "TJ"}
    assert data["risk"]["extradition"] == "low"
    assert "not legal advice" in data["risk"]["disclaimer"]


def test_report_ics_is_a_calendar_of_the_deadlines(tmp_path: Path) -> None:
    out = tmp_path / "deadlines.ics"
    result = runner.invoke(app, ["report", "--assume", "kz-days-before-count",
                                 PROFILE, "--on", "2023-01-05", "--format", "ics",
                                 "-o", str(out)])
    assert result.exit_code == 0
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    events = list(calendar.walk("VEVENT"))
    days = {e.decoded("dtstart") for e in events}
    assert dt.date(2023, 1, 26) in days and dt.date(2022, 12, 27) in days
    assert all(e.get("uid").endswith("@sojourn") for e in events)
    assert not list(tmp_path.glob(".deadlines.ics.*"))  # no temporary file left behind


def test_report_ics_names_the_host_in_every_event_title(tmp_path: Path) -> None:
    # "whoever houses you ... registers you within 3 working days of entry": a calendar that
    # took the exports of stays in two countries could not tell which one's it was
    def summaries(host: str) -> list[str]:
        profile = tmp_path / f"{host}.yaml"
        profile.write_text("person: {citizenships: [RU]}\n"
                           f"trips: [{{country: {host}, entry: 2024-05-30}}]\n", encoding="utf-8")
        result = runner.invoke(app, ["report", str(profile), "--on", "2024-05-30", "--format",
                                     "ics"])
        assert result.exit_code == 0, result.output
        return [str(e.get("summary"))
                for e in icalendar.Calendar.from_ical(result.stdout_bytes).walk("VEVENT")]

    for host, name in (("KZ", "Kazakhstan"), ("TH", "Thailand")):
        titles = summaries(host)
        assert any("registers you" in t for t in titles), titles
        # named once: first where the deadline's words do not name it already
        assert all(t.count(name) == 1 for t in titles), titles
        assert f"last day of legal stay in {name}" in titles
        assert any(t.startswith(f"{name}: whoever houses you") for t in titles), titles


def report_deadlines(on: str) -> list[tuple[str, str, bool | None]]:
    """The relocant's report's deadlines on ``on``: day, what, missed."""
    result = runner.invoke(app, ["report", PROFILE, "--on", on, "--format", "json"])
    assert result.exit_code == 0, result.output
    return [(d["day"], d["what"], d["missed"]) for d in json.loads(result.stdout)["deadlines"]]


def test_report_lists_the_day_to_file_for_the_permit_to_come_in_time() -> None:
    # the temporary permit's "To have it by 26 January 2023, file by 19 January 2023" was in
    # its plan alone: the deadlines, and the calendar, had only the filing day of 26 January
    # (now 21 March, the stay under way keeping its 90 days past the change of 27 January)
    assert ("2023-03-13", "Temporary residence permit (Kazakhstan): file the application to "
            "have the permit by 21 March 2023", False) in report_deadlines("2023-01-05")


def test_report_lists_the_days_to_file_during_the_stay_as_planned() -> None:
    # the planned trip to Kyrgyzstan on 20 December ends the stay before the filing day
    permanent = [(day, what.split(": ", 1)[1], missed)
                 for day, what, missed in report_deadlines("2022-11-01")
                 if what.startswith("Permanent")]
    assert permanent == [
        ("2022-11-18", "get a certificate of no criminal record to file by 20 December 2022 as "
                       "planned", False),
        ("2022-11-23", "get a certificate of no criminal record", False),
        ("2022-12-20", "file the application during this stay as planned", False),
        ("2022-12-23", "file the application", False)]


def test_report_ics_marks_a_missed_deadline_under_the_uid_it_had_ahead(tmp_path: Path) -> None:
    # the calendar gave the missed certificate step of 27 December 2022 as any other event
    def events(on: str) -> dict[str, Any]:
        out = tmp_path / f"{on}.ics"
        result = runner.invoke(app, ["report", "--assume", "kz-days-before-count",
                                     PROFILE, "--on", on, "--format", "ics", "-o",
                                     str(out)])
        assert result.exit_code == 0, result.output
        return {e.decoded("dtstart").isoformat() + " " + str(e.get("uid")): e
                for e in icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")}

    ahead, missed = events("2022-12-23"), events("2023-01-05")
    [key] = [k for k in missed if k.startswith("2022-12-27")]
    assert str(ahead[key].get("summary")) == (
        "Permanent residence permit (Kazakhstan): get a certificate of no criminal record")
    assert str(missed[key].get("summary")) == (
        "MISSED: Permanent residence permit (Kazakhstan): get a certificate of no criminal "
        "record")
    assert str(missed[key].get("description")).startswith(
        "Missed: this day had passed on 5 January 2023. Rule: kz-permit-permanent-2015; day "
        "counted from kz-stay-eaeu-90-180, contested, assumed 'kz-days-before-count'")
    assert not any(str(e.get("summary")).startswith("MISSED") for k, e in missed.items()
                   if k != key)


def test_report_ics_marks_the_end_of_the_legal_stay_missed_once_over_the_limit(
        tmp_path: Path) -> None:
    # over the limit, the report dropped the legal stay's last day: the event a calendar took
    # from an earlier export stayed unmarked, as if the day were still to meet
    def events(on: str) -> dict[str, str]:
        out = tmp_path / f"{on}.ics"
        result = runner.invoke(app, ["report", PROFILE, "--on", on, "--format", "ics", "-o",
                                     str(out)])
        assert result.exit_code == 0, result.output
        return {str(e.get("uid")): str(e.get("summary"))
                for e in icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")}

    ahead, over = events("2023-01-05"), events("2024-03-01")
    [uid] = [u for u, summary in ahead.items()
             if summary == "last day of legal stay in Kazakhstan"]
    assert over[uid] == "MISSED: last day of legal stay in Kazakhstan"


def test_report_ics_uids_are_one_person_s_own_and_stay_from_one_export_to_the_next(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # each UID was a digest of the day, words and rule alone: a caseworker importing two
    # clients' calendars had one client's events (a "MISSED" one, say) overwrite the other's
    def uids(history: Path | str) -> list[str]:
        result = runner.invoke(app, ["report", str(history), "--on", "2023-01-05", "--format",
                                     "ics"])
        assert result.exit_code == 0, result.output
        return [str(e.get("uid"))
                for e in icalendar.Calendar.from_ical(result.stdout_bytes).walk("VEVENT")]

    text = Path(PROFILE).read_text(encoding="utf-8")
    (tmp_path / "ivanova").mkdir()
    (tmp_path / "petrov").mkdir()
    first, second = tmp_path / "ivanova" / "p.yaml", tmp_path / "petrov" / "p.yaml"
    first.write_text(text, encoding="utf-8")
    second.write_text(text, encoding="utf-8")  # two persons with the very same deadlines
    ours = uids(first)
    assert len(set(ours)) == len(ours) > 1
    assert not set(ours) & set(uids(second))
    # the same history exported again, named another way, keeps its events' UIDs
    monkeypatch.chdir(tmp_path / "ivanova")
    (tmp_path / "latest.yaml").symlink_to(first)
    assert uids(first) == uids("p.yaml") == uids(tmp_path / "latest.yaml") == ours


def _revisions(on: str, epoch: str, tmp_path: Path) -> dict[str, tuple[int, dt.datetime]]:
    """One export of the relocant's calendar on ``on``, made at ``epoch`` (SOURCE_DATE_EPOCH):
    each event's SEQUENCE and DTSTAMP, by UID."""
    out = tmp_path / f"{on}-{epoch}.ics"
    result = runner.invoke(app, ["report", PROFILE, "--on", on, "--format", "ics", "-o",
                                 str(out)], env={"SOURCE_DATE_EPOCH": epoch})
    assert result.exit_code == 0, result.output
    return {str(e.get("uid")): (int(e.get("sequence")), e.decoded("dtstamp"))
            for e in icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")}


def test_report_ics_a_later_export_is_a_higher_revision_of_the_same_events(
        tmp_path: Path) -> None:
    # no SEQUENCE was written, so every export was revision 0: an app that takes an update only
    # when SEQUENCE grows (Google Calendar, Outlook) kept the first export's days and titles.
    # A later export, even one answering for an earlier report day, is the newer revision
    first = _revisions("2023-03-01", "1767225600", tmp_path)    # made 1 January 2026
    later = _revisions("2023-01-05", "1767225660", tmp_path)    # made a minute later
    assert set(first) & set(later)
    made = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    minutes = (made - dt.datetime(2000, 1, 1, tzinfo=dt.UTC)) // dt.timedelta(minutes=1)
    assert {revision for revision, _ in first.values()} == {minutes}
    assert {stamp for _, stamp in first.values()} == {made}
    assert all(later[uid][0] == first[uid][0] + 1 for uid in set(first) & set(later))


def test_report_ics_is_byte_for_byte_the_same_at_one_source_date_epoch(tmp_path: Path) -> None:
    once, again = (runner.invoke(app, ["report", PROFILE, "--on", "2023-01-05", "--format",
                                       "ics"], env={"SOURCE_DATE_EPOCH": "1767225600"})
                   for _ in range(2))
    assert once.exit_code == again.exit_code == 0
    assert once.stdout_bytes == again.stdout_bytes


# "²" passed str.isdigit and then broke int() (an internal error); digits of another script
# are no seconds the reproducible-builds convention writes either
@pytest.mark.parametrize("epoch", ["yesterday", "-5", "12", "1.5e9", "999999999999999", "²",
                                   "١٧٦٧٢٢٥٦٠٠"])
def test_report_ics_refuses_a_source_date_epoch_it_cannot_stamp_with(
        tmp_path: Path, epoch: str) -> None:
    out = tmp_path / "deadlines.ics"
    result = runner.invoke(app, ["report", PROFILE, "--on", "2023-01-05", "--format", "ics",
                                 "-o", str(out)], env={"SOURCE_DATE_EPOCH": epoch})
    assert result.exit_code == 2, result.output
    assert (f"environment variable SOURCE_DATE_EPOCH: {epoch!r} is not a moment" in
            result.output)
    assert "expected whole seconds since 1970, from 946684800 (2000-01-01)" in result.output
    assert not out.exists() and not list(tmp_path.iterdir())


def _event_days(history: Path, on: str, *args: str) -> dict[str, tuple[dt.date, str]]:
    """One export of ``history``'s calendar on ``on``: each event's day and title, by UID."""
    result = runner.invoke(app, ["report", str(history), "--on", on, "--format", "ics", *args])
    assert result.exit_code == 0, result.output
    return {str(e.get("uid")): (e.decoded("dtstart"), str(e.get("summary")))
            for e in icalendar.Calendar.from_ical(result.stdout_bytes).walk("VEVENT")}


def test_report_ics_moves_the_events_a_variant_moves_rather_than_doubling_them(
        tmp_path: Path) -> None:
    # each UID was a digest of the deadline's day: counting the days before 27 January 2023
    # (kz-days-before-count) ends the stay on 26 January, not 21 March, and a calendar that
    # took both exports had two "last day of legal stay" events, one of them wrong
    history = tmp_path / "p.yaml"
    history.write_text(Path(PROFILE).read_text(encoding="utf-8"), encoding="utf-8")
    rules = _event_days(history, "2023-01-05")
    counted = _event_days(history, "2023-01-05", "--assume", "kz-days-before-count")
    assert len(counted) == 4 and set(counted) <= set(rules)
    # each moved: the stay's end, the temporary permit's filing and filing in time, and the
    # permanent permit's certificate, under its 2015 rule instead of its 2023 one
    assert all(counted[uid][0] != rules[uid][0] for uid in counted), (rules, counted)
    [end] = [uid for uid, (_, title) in rules.items()
             if title == "last day of legal stay in Kazakhstan"]
    assert (rules[end][0], counted[end][0]) == (dt.date(2023, 3, 21), dt.date(2023, 1, 26))


def test_report_ics_moves_the_events_a_planned_trip_moves_rather_than_doubling_them(
        tmp_path: Path) -> None:
    # the border run to Kyrgyzstan planned for 20 December moved to Saturday the 10th: the
    # days to file by during the stay as planned came sooner, each a second event
    history = tmp_path / "p.yaml"
    text = Path(PROFILE).read_text(encoding="utf-8")
    history.write_text(text, encoding="utf-8")
    planned = _event_days(history, "2022-11-01")
    history.write_text(text.replace("exit: 2022-12-20", "exit: 2022-12-10")
                       .replace("entry: 2022-12-20", "entry: 2022-12-10"), encoding="utf-8")
    sooner = _event_days(history, "2022-11-01")
    assert set(sooner) == set(planned)
    moved = {uid: (planned[uid][0], day) for uid, (day, _) in sooner.items()
             if day != planned[uid][0]}
    assert sorted(moved.values()) == [(dt.date(2022, 11, 18), dt.date(2022, 11, 9)),
                                      (dt.date(2022, 12, 20), dt.date(2022, 12, 9))]
    assert all(planned[uid][1].endswith(" as planned") for uid in moved)


def test_report_ics_keeps_two_stays_deadlines_apart(tmp_path: Path) -> None:
    # what a deadline is about is its stay, by the entry day: a registration of a later stay
    # in the same host is another event, which must not replace the first one's
    history = tmp_path / "p.yaml"
    history.write_text("person: {citizenships: [RU]}\n"
                       "trips: [{country: KZ, entry: 2023-11-20, exit: 2024-01-10},\n"
                       "        {country: KZ, entry: 2024-03-01}]\n", encoding="utf-8")

    def registrations(on: str) -> dict[str, dt.date]:
        return {uid: day for uid, (day, title) in _event_days(history, on).items()
                if "registers you" in title}

    first, second = registrations("2023-11-21"), registrations("2024-03-02")
    assert list(first.values()) == [dt.date(2023, 11, 23)]
    assert list(second.values()) == [dt.date(2024, 3, 6)]
    assert not set(first) & set(second)


# a relocant in Kazakhstan who plans Türkiye, then Georgia, then Kazakhstan again for longer
# than its 90 days in 180 leave
ROUND_TRIP = """\
person:
  citizenships: [RU]
  documents: [{type: international_passport, country: RU, expires: 2031-01-01}]
trips:
  - {country: KZ, entry: 2023-02-01, exit: 2023-04-15, by: air}
  - {country: TR, entry: 2023-04-15, exit: 2023-05-20, by: air}
  - {country: GE, entry: 2023-05-20, exit: 2023-06-30, by: land}
  - {country: KZ, entry: 2023-06-30, exit: 2023-08-30, by: air}
"""


def test_report_ics_keeps_a_planned_trip_s_overstay_one_event_from_host_to_host(
        tmp_path: Path) -> None:
    # its UID was keyed by the host the report answered for: exported in Türkiye and again
    # in Georgia, the overstay the trip to Kazakhstan plans was two events in one calendar
    history = tmp_path / "p.yaml"
    history.write_text(ROUND_TRIP, encoding="utf-8")

    def overstays(on: str) -> dict[str, dt.date]:
        return {uid: day for uid, (day, title) in _event_days(history, on).items()
                if title.startswith("first day of the overstay your trip to Kazakhstan")}

    in_turkiye, in_georgia = overstays("2023-04-20"), overstays("2023-06-01")
    assert list(in_turkiye.values()) == [dt.date(2023, 7, 16)]
    assert in_georgia == in_turkiye


def test_report_gives_a_deadline_for_the_overstay_a_trip_back_to_its_host_plans(
        tmp_path: Path) -> None:
    # in Kazakhstan on 10 February, the trip back there from 30 June overstays from 16 July:
    # the stay's answer said so ("Planned overstay"), but no deadline, nor calendar event, did
    # until the report was made in Türkiye, as the day to leave by came from there alone
    history = tmp_path / "p.yaml"
    history.write_text(ROUND_TRIP, encoding="utf-8")
    text = runner.invoke(app, ["report", str(history), "--on", "2023-02-10"]).stdout
    assert ("16 July 2023 first day of the overstay your trip to Kazakhstan plans (16 July to "
            "30 August 2023, 46 days); leave by 15 July 2023 [kz-stay-eaeu-90-180]"
            in [" ".join(line.split()) for line in text.splitlines()]), text
    events = _event_days(history, "2023-02-10")
    in_turkiye = _event_days(history, "2023-04-20")
    [uid] = [u for u, (_, title) in in_turkiye.items() if "overstay" in title]
    assert events[uid] == in_turkiye[uid]  # one event, whichever host it is exported from


def test_report_says_a_deadline_s_contested_rule_s_other_accounts_give_it_the_same_day(
        tmp_path: Path) -> None:
    # in Türkiye, the overstay the trip to Kazakhstan plans is the same day under each account
    # of kz-stay-eaeu-90-180, and its line names none; the report still ended on "Warning:
    # contested rule (kz-stay-eaeu-90-180): ...; other accounts: --assume ..." with no word of
    # what they give, as if the day were in doubt
    history = tmp_path / "p.yaml"
    history.write_text(ROUND_TRIP, encoding="utf-8")
    text = runner.invoke(app, ["report", str(history), "--on", "2023-04-20"]).stdout
    assert ("Contested rule (kz-stay-eaeu-90-180): assumed 'kz-change-27-jan'; the other "
            "accounts (--assume kz-change-26-jan or --assume kz-days-before-count) give the "
            "same answer here." in text.splitlines()), text
    assert "Warning: contested rule (kz-stay-eaeu-90-180)" not in text


def _event_uids(report: CaseReport) -> list[str]:
    """The UIDs of one person's calendar events, in the order of the report's deadlines."""
    ics = icalendar.Calendar.from_ical(to_ics(report, "/home/ivanova/p.yaml"))
    return [str(e.get("uid")) for e in ics.walk("VEVENT")]


def test_report_ics_uids_stay_when_a_deadline_is_worded_anew() -> None:
    # each UID was a digest of the deadline's words too: once Kazakhstan's registration read
    # "Your host must register you ...", a calendar that took an earlier export got a second
    # event beside the first instead of an update
    report = case_report(load_history(Path(PROFILE)), load_pack(), on=dt.date(2023, 1, 5))
    reworded = replace(report, deadlines=tuple(replace(d, what=f"reworded: {d.what}")
                                               for d in report.deadlines))
    assert len(report.deadlines) > 3
    assert _event_uids(reworded) == _event_uids(report)


def test_report_ics_gives_two_deadlines_on_one_day_under_one_rule_their_own_uids() -> None:
    # an unregistered stay ends the day its registration is due, under the registration rule:
    # two events, which one UID would make a calendar app merge into one
    report = case_report(load_history(Path(PROFILE)), load_pack(), on=dt.date(2023, 1, 5))
    day, rule = dt.date(2023, 2, 16), "uz-registration-ru-15-days"
    both = replace(report, deadlines=(
        Deadline(day, "registration", rule, "registration", "stay entered 2023-02-01", False),
        Deadline(day, "registration", rule, "stay-end", "stay entered 2023-02-01", False)))
    assert len(set(_event_uids(both))) == 2


def test_report_ics_numbers_a_deadline_that_repeats_anothers_key_rather_than_failing() -> None:
    # an assertion refused the whole export (a traceback) should two deadlines ever share a
    # key; the later one is numbered instead, and the first keeps its UID
    report = case_report(load_history(Path(PROFILE)), load_pack(), on=dt.date(2023, 1, 5))
    first = report.deadlines[0]
    twice = replace(report, deadlines=(first, replace(first, what=f"again: {first.what}")))
    uids = _event_uids(twice)
    assert len(set(uids)) == 2 and uids[0] == _event_uids(replace(report, deadlines=(first,)))[0]


def test_the_report_says_once_at_its_end_that_it_is_not_legal_advice() -> None:
    # it said so only inside its exposure section, as if the stay, deadlines, permits (fines,
    # bans) were not concerned; its JSON only in risk.disclaimer, its calendar not at all
    args = ["report", PROFILE, "--on", "2023-01-05"]
    text = runner.invoke(app, args).stdout.splitlines()
    assert [i for i, line in enumerate(text) if "not legal advice" in line] == [len(text) - 1]
    assert text[-1] == ("This explains published policy and reported practice; it is not legal "
                        "advice. Ask a lawyer before acting on it.") and text[-2] == ""
    data = json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)
    assert data["disclaimer"] == text[-1] == data["risk"]["disclaimer"]
    events = list(icalendar.Calendar.from_ical(
        runner.invoke(app, [*args, "--format", "ics"]).stdout_bytes).walk("VEVENT"))
    assert events and all(str(e.get("description")).endswith(
        "check the rule's sources. Not legal advice: ask a lawyer before acting on it.")
        for e in events)


def test_report_text_to_a_file_matches_the_screen_and_leaves_no_temporary(tmp_path: Path
                                                                         ) -> None:
    out = tmp_path / "report.txt"
    result = runner.invoke(app, ["report", PROFILE, "--on", "2023-01-05", "-o", str(out)])
    assert result.exit_code == 0
    screen = runner.invoke(app, ["report", PROFILE, "--on", "2023-01-05"]).stdout
    assert out.read_text(encoding="utf-8").splitlines()[:2] == screen.splitlines()[:2]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]


@pytest.mark.parametrize(("name", "first"), [
    ("deadlines.ics", b"BEGIN:VCALENDAR"), ("report.JSON", b"{"), ("report.txt", b"Case report")])
def test_report_writes_in_the_form_its_output_s_name_says(tmp_path: Path, name: str,
                                                          first: bytes) -> None:
    # -o deadlines.ics, as --help and README suggest, wrote the text report under that name
    out = tmp_path / name
    result = runner.invoke(app, ["report", PROFILE, "--on", "2023-01-05", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(first)


@pytest.mark.parametrize(("fmt", "name", "words"), [
    ("text", "deadlines.ics", "names a .ics file, and --format is text; expected --format ics"),
    ("ics", "report.json", "names a .json file, and --format is ics; expected --format json"),
])
def test_report_refuses_a_format_its_output_s_name_contradicts(tmp_path: Path, fmt: str,
                                                               name: str, words: str) -> None:
    result = runner.invoke(app, ["report", PROFILE, "--on", "2023-01-05", "--format", fmt,
                                 "-o", str(tmp_path / name)])
    assert result.exit_code == 2 and words in result.stderr, result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["text", "json", "ics"])
@pytest.mark.parametrize("output", ["me.yaml", "./me.yaml", "link.yaml", "ABSOLUTE"])
def test_report_may_not_write_over_its_own_history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    fmt: str, output: str) -> None:
    monkeypatch.chdir(tmp_path)
    profile = Path("me.yaml")
    profile.write_text(Path(PROFILE).read_text(encoding="utf-8"), encoding="utf-8")
    Path("link.yaml").symlink_to(profile)
    output = str(profile.absolute()) if output == "ABSOLUTE" else output
    result = runner.invoke(app, ["report", "me.yaml", "--on", "2023-01-05", "--format", fmt,
                                 "-o", output])
    assert result.exit_code == 2
    assert "error: --output: '" in result.stderr and "' is also HISTORY" in result.stderr
    assert profile.read_text(encoding="utf-8") == Path(PROFILE).read_text(encoding="utf-8")


def test_report_may_not_write_over_its_csv_history(tmp_path: Path) -> None:
    history = tmp_path / "trips.csv"
    history.write_text("country,entry,exit\nKZ,2022-10-01,2022-12-20\n", encoding="utf-8")
    result = runner.invoke(app, ["report", str(history), "--citizenship", "RU", "--on",
                                 "2023-01-05", "-o", str(tmp_path / "." / "trips.csv")])
    assert result.exit_code == 2 and "is also HISTORY" in result.stderr
    assert history.read_text(encoding="utf-8").startswith("country,entry,exit\n")


@pytest.mark.parametrize("fmt", ["text", "json", "ics"])
def test_report_to_a_full_disk_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                fmt: str) -> None:
    import errno

    def full(self: Path, data: bytes) -> int:
        Path.write_text(self, "half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full)
    out = tmp_path / "report.out"
    result = runner.invoke(app, ["report", PROFILE, "--on", "2023-01-05", "--format", fmt,
                                 "-o", str(out)])
    assert result.exit_code == 2 and "internal error" not in result.stderr
    assert (f"{out}: cannot be written (No space left on device); no output of this run was "
            "written") in " ".join(result.stderr.split())
    assert list(tmp_path.iterdir()) == []


def test_coverage_marks_the_host_s_own_citizens() -> None:
    # it listed Kazakhstan's registration rule for foreigners as known "medium" for Kazakhs
    result = runner.invoke(app, ["rules", "coverage", "--citizenship", "KZ", "--on",
                                 "2023-06-01", "--json"])
    assert result.exit_code == 0, result.output
    cells = json.loads(result.stdout)
    kz = [c for c in cells if c["host"] == "KZ"]
    assert kz and all(c["own"] and c["rules"] == [] for c in kz)
    assert not any(c["own"] for c in cells if c["host"] != "KZ")
    text = runner.invoke(app, ["rules", "coverage", "--citizenship", "DE"]).stdout
    assert [line.split()[1:] for line in text.splitlines() if "SCHENGEN" in line] == [
        ["own"] * len(COVERAGE_TOPICS)]


def test_coverage_shows_what_is_known_and_what_is_not() -> None:
    result = runner.invoke(app, ["rules", "coverage", "--on", "2026-11-29", "--json"])
    assert result.exit_code == 0
    cells = {(c["host"], c["topic"]): c for c in json.loads(result.stdout)}
    assert cells[("TJ", "stay")]["rules"] == [] and cells[("TJ", "stay")]["unknown"]
    # the rules are rated high, the account counting the days before 27 January 2023 too (a
    # variant) low: the cell is the lowest of every account, as its header says, not the
    # default's alone
    assert cells[("KZ", "stay")]["confidence"] == "low" and cells[("KZ", "stay")]["contested"]
    assert cells[("MN", "stay")]["confidence"] == "high" and not cells[("MN", "stay")]["contested"]
    # the 2022 policy to 1 February 2026, the police handover of a deserter from 2 February
    assert cells[("KZ", "extradition")]["rules"] == [
        "kz-extradition-2022", "kz-extradition-2026-02"]


def test_coverage_of_entry_with_only_a_border_closure_is_unknown() -> None:
    # for Kyrgyz citizens the pack holds Azerbaijan's land-border closure and no rule on their
    # documents: the closure's confidence would rate a cell that knows nothing on any day
    args = ["rules", "coverage", "--citizenship", "KG", "--on", "2026-12-01"]
    cells = {(c["host"], c["topic"]): c
             for c in json.loads(runner.invoke(app, [*args, "--json"]).stdout)}
    az = cells[("AZ", "entry")]
    assert az["rules"] and az["confidence"] is None
    assert az["unknown"] == "no entry-document rule in the pack, only border closures"
    text = runner.invoke(app, args).stdout.splitlines()
    row = next(line for line in text if line.startswith("  AZ "))
    assert row.split()[1] == "unknown"
    # nor is it a gap in rules that cover other days
    assert not any(line.startswith("  AZ entry:") for line in text)


def test_coverage_names_the_days_no_rule_covers(tmp_path: Path) -> None:
    pack = tmp_path / "az.yaml"
    pack.write_text(
        "schema: sojourn.rules/1\nrules:\n"
        "  - id: az-stay-from-2024\n    title: A stay rule from 2024\n"
        "    host: AZ\n    citizenships: [RU]\n    topic: stay\n    valid_from: 2024-01-01\n"
        "    constraints:\n      - {kind: per_entry, max: 90}\n    confidence: high\n"
        "    sources:\n      - {title: A source, url: https://example.org/az}\n",
        encoding="utf-8")
    result = runner.invoke(app, ["rules", "coverage", "--pack", str(pack), "--on", "2026-11-29",
                                 "--json"])
    assert result.exit_code == 0, result.output
    cells = {(c["host"], c["topic"]): c for c in json.loads(result.stdout)}
    assert cells[("AZ", "stay")]["unknown"].startswith("not covered: 2022-01-01")


def test_the_reports_other_destinations_mark_a_contested_answer(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("person:\n  citizenships: [RU]\n  documents:\n"
                       "    - {type: internal_passport, country: RU, issued: 2013-08-01}\n"
                       "trips: [{country: KG, entry: 2023-06-01}]\n", encoding="utf-8")
    result = runner.invoke(app, ["report", str(profile), "--on", "2023-09-01"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    # Armenia's stay rule is contested (calendar year or 180 in 365), as destinations marks it
    assert any(line.startswith("  Armenia (AM) with internal passport: up to ")
               and "days*;" in line for line in lines)
    assert any(line.startswith("  * assumes one side of a contested rule") for line in lines)
    tajikistan = next(line for line in lines if line.startswith("  Tajikistan (TJ)"))
    assert "*" not in tajikistan


@pytest.mark.parametrize("fmt", ["text", "json", "ics"])
def test_report_output_dash_is_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               fmt: str) -> None:
    # -o - wrote a file named "-"; ./- still names one
    monkeypatch.chdir(tmp_path)
    # a calendar is stamped with the moment it is made: both runs at one moment, so that the
    # bytes compare (two runs a second apart differed in DTSTAMP)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    args = ["report", PROFILE, "--on", "2023-01-05", "--format", fmt]
    screen = runner.invoke(app, args)
    result = runner.invoke(app, [*args, "-o", "-"])
    assert result.exit_code == 0 and screen.exit_code == 0
    assert result.stdout_bytes == screen.stdout_bytes and result.stdout_bytes
    assert list(tmp_path.iterdir()) == []
    result = runner.invoke(app, [*args, "-o", "./-"])
    assert result.exit_code == 0 and result.stdout_bytes == b""
    assert (tmp_path / "-").read_bytes() == screen.stdout_bytes


WARNED = "examples/unpaired-variant"  # a pack that loads with one warning (README, rules validate)


@pytest.mark.parametrize("args", [
    ["status", "examples/history.csv", "--country", "KZ", "--citizenship", "RU"],
    ["plan", "examples/history.csv", "--country", "KZ", "--citizenship", "RU", "--length", "10",
     "--from", "2023-06-05"],
    ["entry", "--citizenship", "RU", "--document", "international_passport", "--to", "KZ"],
    ["destinations", "examples/relocant.yaml"],
    ["permit", "examples/relocant.yaml", "--country", "KZ", "--permit", "kz-old"],
    ["risk", "examples/relocant.yaml", "--country", "KZ"],
    ["report", "examples/relocant.yaml"],
    ["rules", "list"],
    ["rules", "show", "kz-old"],
    ["rules", "coverage"],
    ["batch", "examples/crossings.csv", "--country", "KZ", "--citizenship", "RU"],
])
def test_every_command_with_a_pack_of_its_own_tells_the_pack_s_warnings(
        args: list[str], tmp_path: Path) -> None:
    # an overlap of stay rules one day too long changes the answers: a maintainer trying a pack
    # must see it wherever they try it, not only under `rules validate`
    args = [str(ROOT / a) if a.startswith("examples/") else a for a in args]
    if args[0] == "batch":
        args += ["--out", str(tmp_path / "out.parquet")]
    on = [] if args[0] in ("plan", "rules") and args[-1] != "coverage" else ["--on", "2023-06-05"]
    own = runner.invoke(app, [*args, *on, "--pack", str(ROOT / WARNED)])
    assert own.stderr.startswith("warning: ") and "change-15-june" in own.stderr, own.output
    assert own.stderr.count("change-15-june of kz-old") == 1  # told once, not per slice
    # that pack holds no permit rule: permit refuses, after the pack's warnings
    assert own.exit_code == (2 if args[0] == "permit" else 0), own.output


def test_rules_list_gives_the_dates_and_confidence_the_default_account_sets(
        tmp_path: Path) -> None:
    # the default variant moves kz-new's start and lowers its confidence: the answers use those,
    # so `rules list` shows them too, marked as the variant's, not the rule's own 2023-06-01
    pack = tmp_path / "pack"
    pack.mkdir()
    text = (ROOT / WARNED / "kz.yaml").read_text(encoding="utf-8")
    text = text.replace("      - name: change-1-june\n        default: true\n",
                        "      - name: change-1-june\n        default: true\n"
                        "        valid_from: 2023-06-03\n        confidence: low\n")
    (pack / "kz.yaml").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["rules", "list", "--pack", str(pack)])
    assert result.exit_code == 0, result.output
    # columns are set apart by two spaces or more; a cell may hold one ("no end set")
    row = next(re.split(r"  +", line) for line in result.stdout.splitlines()
               if line.startswith("kz-new"))
    assert row[4:7] == ["2023-06-03*", "no end set", "low*"]
    old = next(re.split(r"  +", line) for line in result.stdout.splitlines()
               if line.startswith("kz-old"))
    assert old[4:7] == ["2022-01-01", "2023-05-31", "high"]
    assert result.stdout.splitlines()[-1].startswith("*: set by the rule's default variant")
    # the built-in pack's defaults set no date or confidence of their own: no footnote
    assert "default variant" not in runner.invoke(app, ["rules", "list"]).stdout


def test_risk_of_a_csv_history_weighs_the_liabilities_of_the_citizenship_given() -> None:
    # a CSV history holds no citizenship: a Kazakh's liability for serving in a foreign army
    # was left out, as if none applied; it is the one --citizenship names
    result = runner.invoke(app, ["risk", str(ROOT / "examples" / "history.csv"),
                                 "--citizenship", "KZ", "--country", "UZ", "--on", "2023-02-01",
                                 "--json"])
    assert result.exit_code == 0, result.output
    liabilities = json.loads(result.stdout)["liabilities"]
    assert {lv["rule"] for lv in liabilities} == {"kz-liability-art-172", "kz-liability-art-170"}
    assert all("a CSV history records no military service" in lv["reason"]
               and lv["applies"] is False for lv in liabilities)


def test_permit_says_what_each_other_account_of_a_contested_rule_gives(tmp_path: Path) -> None:
    # In Armenia since 5 July 2023, asked on 10 January 2024: in any 365 days (the default)
    # the 180th day was 31 December 2023, so the stay is already over; by calendar years the
    # 180 days start again on 1 January, so the stay may last to 28 June 2024 and the card is
    # due 30 days before, on 29 May. The warning said only "other accounts: --assume
    # am-180-rolling-365.", leaving the caseworker to find what the other account gives.
    lines = permit_lines(tmp_path, "AM", "2023-07-05", "am-permit-temporary", "2024-01-10")
    assert lines[0].startswith("Not feasible: Temporary residence card (Armenia).")
    assert "your legal stay ended on 31 December 2023" in lines[0]
    assert ("Warning: contested rule (am-stay-180-per-year): assumed 'am-180-rolling-365'; "
            "other accounts: --assume am-180-calendar-year (legal stay ends 28 June 2024; "
            "file by 29 May 2024; feasible).") in lines
    result = runner.invoke(app, ["permit", str(tmp_path / "p.yaml"), "--country", "AM",
                                 "--permit", "am-permit-temporary", "--on", "2024-01-10",
                                 "--json"])
    assert result.exit_code == 0, result.output
    others = json.loads(result.stdout)["other_accounts"]
    assert others[0] == {"variant": "am-180-calendar-year", "same_answer": False,
                         "legal_stay_ends": "2024-06-28", "apply_on": "2024-05-29",
                         "feasible": True, "missing": []}
    # the registration rule's other account (no registration before a card) changes nothing
    assert [(o["variant"], o["same_answer"]) for o in others[1:]] == [
        ("am-ru-no-registration-before-card", True)]
    # and the other way round, the calendar year assumed by choice
    lines = permit_lines(tmp_path, "AM", "2023-07-05", "am-permit-temporary", "2024-01-10",
                         "--assume", "am-180-calendar-year")
    assert ("Your legal stay ends on 28 June 2024 under am-stay-180-per-year, contested, "
            "assumed 'am-180-calendar-year' (other accounts: --assume am-180-rolling-365); the "
            "application is due by 29 May 2024") in lines[0]
    assert ("Warning: contested rule (am-stay-180-per-year): assumed 'am-180-calendar-year'; "
            "other accounts: --assume am-180-rolling-365 (legal stay ended on 31 December "
            "2023; not feasible).") in lines


def test_permit_says_when_the_other_accounts_change_nothing(tmp_path: Path) -> None:
    # a first stay in Armenia: 180 days from 15 January 2024 end on 12 July 2024 whichever
    # way the year is counted
    lines = permit_lines(tmp_path, "AM", "2024-01-15", "am-permit-temporary", "2024-03-01")
    assert ("Contested rule (am-stay-180-per-year): assumed 'am-180-rolling-365'; the other "
            "accounts (--assume am-180-calendar-year) give the same answer here.") in lines


def test_a_stay_elsewhere_ended_by_a_planned_trip_is_marked_as_such() -> None:
    # in Kyrgyzstan on 21 December 2022, back to Kazakhstan from the 22nd as recorded: every
    # host read "2 days" (Georgia "(2 days)", as "what the stay rules would allow"), as if
    # its rules said so; it is the trip back, which status named as "planned trip to
    # Kyrgyzstan and Kazakhstan", though the stay in Kyrgyzstan only ends that day
    legend = ("  † ended sooner than the host's rules would, by your planned trip to Kazakhstan "
              "from 22 December 2022; `sojourn status --country HOST` says how.")
    table = runner.invoke(app, ["destinations", PROFILE, "--on", "2022-12-21"]).stdout
    rows = table_rows(table)
    assert "(2 days†*)" in rows["GE"] and "2 days†*" in rows["AM"], table
    assert "†" not in rows["UZ"] + rows["TJ"] and legend in table.splitlines()
    report = runner.invoke(app, ["report", PROFILE, "--on", "2022-12-21"]).stdout.splitlines()
    assert any(line.startswith("  Armenia (AM) with internal passport: up to 2 days†*;")
               for line in report) and legend in report
    stay = runner.invoke(app, ["status", PROFILE, "--country", "AM", "--on", "2022-12-21"])
    assert stay.stdout.splitlines()[0].endswith(
        "Your planned trip to Kazakhstan from 22 December 2022 sets this date: it begins that "
        "day.")
    rows_json = destination_rows(PROFILE, "--on", "2022-12-21")
    assert rows_json["GE"]["limited_by"] == "planned_trip"
    assert rows_json["GE"]["planned_trip"]["countries"] == ["KZ"]
    assert rows_json["UZ"]["limited_by"] == "none" and rows_json["UZ"]["planned_trip"] is None
    # a stay the host's rules end is not marked (Kazakhstan, 5 January 2023)
    assert "†" not in runner.invoke(app, ["destinations", PROFILE, "--on", "2023-01-05"]).stdout


def test_a_permit_known_only_after_the_legal_stay_is_filed_from_its_first_day(
        tmp_path: Path) -> None:
    # the Green visa was planned for 29 August 2022, "file by 29 August 2022", a day before
    # the pack knows it (3 October 2022): the filing day is its first, which no deadline is;
    # then its step read "file from 3 October 2022", a day to file for a plan that cannot work
    lines = permit_lines(tmp_path, "AE", "2022-06-01", "ae-permit-green-visa", "2022-08-01")
    assert lines[0].startswith("Not feasible: Green visa (United Arab Emirates).")
    assert ("  - file the application: processing time unknown; no day to file: the first day "
            "to file for it, 3 October 2022, is after the day it is due, 29 August 2022"
            in lines)


def test_two_passports_of_one_state_are_one_check_on_the_longer_valid(tmp_path: Path) -> None:
    # a Russian with an old foreign passport ending on 31 May 2026 beside a new one: Vietnam's
    # row gave each reason and rule twice, one check for each passport, both on the later end
    profile = profile_holding(
        tmp_path,
        "{type: international_passport, country: RU, issued: 2016-06-01, expires: 2026-05-31}",
        "{type: international_passport, country: RU, issued: 2025-06-01, expires: 2035-05-31}",
        trips="[{country: GE, entry: 2025-12-01}]")
    vietnam = destination_rows(profile, "--on", "2026-01-10")["VN"]
    assert (vietnam["allowed"], vietnam["document_expires"]) == (True, "2035-05-31")
    ids = vietnam["rules"]
    assert len(ids) == len(set(ids)) and "vn-entry-ru-foreign-passport" in ids
    assert len(vietnam["reasons"]) == len(set(vietnam["reasons"]))


def test_a_passport_ending_sooner_is_said_though_the_other_citizenship_has_a_validity_rule(
        tmp_path: Path) -> None:
    # a Belarusian-Russian whose Belarusian passport, the one Vietnam's row is judged on, ends
    # on 1 February 2026, before its 30 days would: Vietnam's rule for the Russian passport
    # wants 6 months of validity, which said nothing of the Belarusian one, and the line went
    profile = profile_holding(
        tmp_path,
        "{type: international_passport, country: BY, issued: 2017-06-01, expires: 2026-02-01}",
        "{type: international_passport, country: RU, issued: 2021-06-01, expires: 2031-05-31}",
        trips="[{country: GE, entry: 2025-12-01}]", citizenships="BY, RU")
    vietnam = destination_rows(profile, "--on", "2026-01-10")["VN"]
    assert (vietnam["citizenship"], vietnam["latest_exit"], vietnam["document_expires"],
            vietnam["outlasts_document"]) == ("BY", "2026-02-08", "2026-02-01", True)


def test_a_passport_ending_too_soon_for_the_host_is_refused_or_ends_the_stay(
        tmp_path: Path) -> None:
    # a Russian in Georgia whose foreign passport ends on 31 May 2026, with a German visa to
    # November: Thailand and Vietnam want 6 months from entry, the Schengen area 3 months
    # beyond the day of leaving, Georgia says nothing the pack knows
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "person:\n  citizenships: [RU]\n  documents:\n"
        "    - {type: international_passport, country: RU, issued: 2017-06-01, "
        "expires: 2026-05-31}\n"
        "    - {type: visa, country: DE, issued: 2025-12-01, expires: 2026-11-30}\n"
        "trips: [{country: GE, entry: 2025-12-01}]\n", encoding="utf-8")
    rows = destination_rows(str(profile), "--on", "2026-01-10")
    assert (rows["TH"]["allowed"], rows["VN"]["allowed"]) == (False, False)
    schengen = rows["SCHENGEN"]
    assert (schengen["allowed"], schengen["latest_exit"], schengen["limited_by"],
            schengen["document_last_exit"], schengen["max_stay_days"]) == (
        True, "2026-02-28", "document", "2026-02-28", 50)
    assert (rows["GE"]["document_last_exit"], rows["GE"]["outlasts_document"]) == (None, True)
    text = runner.invoke(app, ["destinations", str(profile), "--on", "2026-01-10"]).stdout
    assert ("  TH wants your international passport valid 6 months from the day of entry; yours "
            "ends on 31 May 2026 (th-entry-ru-foreign-passport-tdac).") in text
    # Cyprus takes the German visa too (Decision No 565/2014/EU) and wants the passport as
    # the Schengen area does
    assert ("  § ended sooner than the host's rules would, by how long the host wants your "
            "document valid: CY 3 months beyond the day you leave (international passport to "
            "31 May 2026) and SCHENGEN 3 months beyond the day you leave (international passport "
            "to 31 May 2026)") in text
    assert "50 days§" in text


@pytest.mark.parametrize(("expires", "said"), [("2026-06-20", True), ("2026-06-21", False)])
def test_a_host_with_no_limit_says_the_stay_ends_with_a_passport_ending_soon(
        tmp_path: Path, expires: str, said: bool) -> None:
    # Uzbekistan sets Russians no limit: its row read "no limit" with no word of a passport
    # ending next month, as status says within 6 months of the day (to 20 June 2026 here)
    profile = profile_holding(
        tmp_path, "{type: international_passport, country: RU, issued: 2016-01-10, "
        f"expires: {expires}}}", trips="[{country: RU, entry: 2025-01-01, exit: 2025-12-01}]")
    uzbekistan = destination_rows(profile, "--on", "2025-12-20")["UZ"]
    assert (uzbekistan["max_stay_days"], uzbekistan["no_limit_document_end"]) == (
        None, expires if said else None)
    text = runner.invoke(app, ["destinations", str(profile), "--on", "2025-12-20"]).stdout
    line = ("no rule limits the stay in UZ, but it needs a valid travel document, so a stay "
            "there on it ends by that day.")
    assert any(line in row for row in text.splitlines()) is said


def test_a_stay_ended_by_a_passport_wanted_only_through_the_day_of_leaving_says_so(
        tmp_path: Path) -> None:
    # Argentina wants the passport valid for the whole stay and no longer (days: 0 beyond the
    # exit): its legend read "AR 0 days", a slip for "through the day you leave"
    profile = profile_holding(
        tmp_path, "{type: international_passport, country: RU, issued: 2016-01-10, "
        "expires: 2026-01-20}", trips="[{country: RU, entry: 2025-01-01, exit: 2025-12-01}]")
    argentina = destination_rows(profile, "--on", "2025-12-20")["AR"]
    assert (argentina["latest_exit"], argentina["limited_by"]) == ("2026-01-20", "document")
    text = runner.invoke(app, ["destinations", str(profile), "--on", "2025-12-20"]).stdout
    legend = next(line for line in text.splitlines() if line.startswith("  § "))
    assert ("AR through the day you leave (international passport to 20 January 2026)"
            in legend)
    assert "0 days" not in legend


TWO_PASSPORTS = ("person:\n  citizenships: [RU]\n  documents:\n"
                 "    - {type: internal_passport, country: RU, issued: 2014-04-02}\n"
                 "    - {type: international_passport, country: RU, issued: 2016-07-10, "
                 "expires: 2026-07-09}\n"
                 "trips: [{country: KZ, entry: 2025-12-20}]\n")


def test_a_host_unknown_for_one_passport_and_refusing_the_other_says_both(
        tmp_path: Path) -> None:
    # no rule says whether Indonesia admits an internal passport, and the foreign one ends
    # within its 6 months: the row read "unknown", with no word that the passport is refused
    # (Thailand, then Vietnam, were the example until a source named the foreign passport alone)
    profile = tmp_path / "p.yaml"
    profile.write_text(TWO_PASSPORTS, encoding="utf-8")
    rows = destination_rows(str(profile), "--on", "2026-01-10")
    assert rows["ID"]["allowed"] == "unknown"
    assert {d["document"]: d["allowed"] for d in rows["ID"]["documents"]} == {
        "internal_passport": "unknown", "international_passport": False}
    assert {d["document"]: d["allowed"] for d in rows["GE"]["documents"]} == {
        "internal_passport": False, "international_passport": True}
    text = runner.invoke(app, ["destinations", str(profile), "--on", "2026-01-10"]).stdout
    assert ("  ID: with your internal passport, not known; with your international passport, no: "
            "it wants your international passport valid 6 months from the day of entry; yours "
            "ends on 9 July 2026 (id-entry-voa-arrival-card-2025).") in text.splitlines()
    # a host that lets the person in on one of them is no partial refusal
    assert not any(line.startswith("  GE: ") for line in text.splitlines())


def test_a_dual_citizens_two_passports_on_both_sides_of_a_partial_refusal_name_their_issuer(
        tmp_path: Path) -> None:
    # the Schengen area wants a visa of a Russian passport and has no rule on a Kyrgyz one:
    # "with your international passport, not known; with your international passport, no"
    # did not say which passport was which
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "person:\n  citizenships: [RU, KG]\n  documents:\n"
        "    - {type: international_passport, country: RU, expires: 2030-01-01}\n"
        "    - {type: international_passport, country: KG, expires: 2034-01-01}\n"
        "trips:\n  - {country: KZ, entry: 2026-04-15, passport: KG}\n", encoding="utf-8")
    text = runner.invoke(app, ["destinations", str(profile), "--on", "2026-12-01"]).stdout
    assert ("  SCHENGEN: with your international passport (KG), not known; with your "
            "international passport (RU), no: ") in text


def test_where_the_person_is_the_passport_is_not_refused_for_validity_but_its_end_is_said(
        tmp_path: Path) -> None:
    # in Germany on a visa, the passport ending on 15 August 2024, two days before the 90 days
    # in 180 run out: the Schengen area's 3 months beyond leaving were judged at the entry
    # made; the row read "no" beside "you are here", and report's deadline named the visa as
    # if it ended on the passport's day
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "person:\n  citizenships: [RU]\n  documents:\n"
        "    - {type: international_passport, country: RU, expires: 2024-08-15}\n"
        "    - {type: visa, country: DE, issued: 2024-05-01, expires: 2024-10-30}\n"
        "trips: [{country: DE, entry: 2024-05-20}]\n", encoding="utf-8")
    rows = destination_rows(str(profile), "--on", "2024-06-01")
    here = rows["SCHENGEN"]
    assert (here["here"], here["allowed"], here["latest_exit"], here["outlasts_document"]) == (
        True, True, "2024-08-17", True)
    assert rows["TH"]["allowed"] is False  # elsewhere the validity still refuses it
    text = runner.invoke(app, ["destinations", str(profile), "--on", "2024-06-01"]).stdout
    assert ("  Your international passport ends on 15 August 2024, before the stay shown in "
            "SCHENGEN, where you are, would end: the stay needs a valid travel document (the "
            "Schengen area asked for it valid 3 months beyond the day you leave at the entry you "
            "made: schengen-entry-ru-visa); renew it or leave by 15 August 2024."
            ) in text.splitlines()
    report = runner.invoke(app, ["report", str(profile), "--on", "2024-06-01"]).stdout
    assert ("  15 August 2024  last day of your international passport, before the legal stay "
            "in the Schengen area ends  [-]") in report.splitlines()


def test_entry_says_how_long_the_host_wants_the_passport_valid() -> None:
    args = ["entry", "--citizenship", "RU", "--document", "international_passport",
            "--on", "2026-01-10"]
    refused = runner.invoke(app, [*args, "--to", "TH", "--document-expires", "2026-07-09"])
    assert refused.exit_code == 0, refused.output
    assert refused.stdout.startswith("No: entering Thailand on 10 January 2026")
    assert ("  - Thailand wants an international passport valid 6 months from the day of entry, "
            "to 10 July 2026 at least (th-entry-ru-foreign-passport-tdac); yours ends on 9 July "
            "2026\n") in refused.stdout
    # the rule relied on says it too, as `rules show` does
    assert ("no end set; confidence medium; an international passport wanted valid 6 months "
            "from the day of entry; ") in refused.stdout
    schengen = runner.invoke(app, [*args, "--to", "SCHENGEN", "--visa",
                                   "--document-expires", "2026-05-31"])
    assert schengen.stdout.startswith("Yes: entering the Schengen area")
    assert ("the Schengen area wants an international passport valid 3 months beyond the day "
            "you leave (schengen-entry-ru-visa); yours ends on 31 May 2026, so a stay on it can "
            "last until 28 February 2026 at the latest") in schengen.stdout
    answer = json.loads(runner.invoke(app, [*args, "--to", "SCHENGEN", "--json",
                                            "--document-expires", "2026-05-31"]).stdout)
    assert (answer["document_expires"], answer["valid_for"]) == ("2026-05-31", {
        "days": None, "months": 3, "beyond": "intended_exit", "rule": "schengen-entry-ru-visa",
        "needed_until": None, "last_exit": "2026-02-28", "enough": True})
    # valid through the day of leaving: the stay may last to the passport's last day
    whole_stay = runner.invoke(app, [*args, "--to", "GE", "--document-expires", "2026-01-20"])
    assert whole_stay.stdout.startswith("Yes, with a health and accident insurance policy")
    assert ("Georgia wants an international passport valid through the day you leave "
            "(ge-entry-foreign-passport-2026); yours ends on 20 January 2026, so a stay on it can "
            "last until 20 January 2026 at the latest") in whole_stay.stdout
    unsaid = runner.invoke(app, [*args, "--to", "RS", "--document-expires", "2026-01-20"])
    assert unsaid.stdout.startswith("Yes:")
    assert ("the rule pack does not say how long Serbia wants an international passport to "
            "stay valid; yours ends on 20 January 2026") in unsaid.stdout
    # a passport that has ended is refused where the pack says nothing of validity too
    ended = runner.invoke(app, [*args, "--to", "RS", "--document-expires", "2026-01-09"])
    assert ended.stdout.startswith("No: entering Serbia")
    assert ("  - your international passport ended on 9 January 2026, before the day of "
            "entry\n") in ended.stdout
    wrong = runner.invoke(app, [*args, "--to", "TH", "--document-expires", "2026-13-01"])
    assert wrong.exit_code != 0 and "--document-expires" in wrong.output


def test_report_ics_an_unchanged_event_re_exported_keeps_its_revision(tmp_path: Path) -> None:
    # every export raised every event's SEQUENCE (minutes from 2000), so re-exporting the same
    # deadlines a minute later over the same file made an app take each event as updated
    # (overwriting an alarm the person added); only an event that changed is a new revision
    out = tmp_path / "deadlines.ics"

    def export(epoch: str, *assume: str) -> dict[str, tuple[int, dt.datetime, dt.date]]:
        result = runner.invoke(app, ["report", PROFILE, "--on", "2023-01-05", "--format", "ics",
                                     "-o", str(out), *assume],
                               env={"SOURCE_DATE_EPOCH": epoch})
        assert result.exit_code == 0, result.output
        return {str(e.get("uid")): (int(e.get("sequence")), e.decoded("dtstamp"),
                                    e.decoded("dtstart"))
                for e in icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")}

    first = export("1767225600")
    assert first and export("1767225660") == first  # a minute later, the same
    # another account of Kazakhstan's count moves the stay's last day: that event, under the
    # same UID, is the newer revision
    moved = export("1767225720", "--assume", "kz-days-before-count")
    changed = {uid for uid in set(first) & set(moved) if moved[uid][2] != first[uid][2]}
    assert changed
    assert all(moved[uid][0] > first[uid][0] for uid in changed)
    assert all(moved[uid][1] > first[uid][1] for uid in changed)


def test_status_says_days_a_contract_covers_not_days_rolling_off_make_a_stay_longer() -> None:
    # a worker whose contract covers Kazakhstan's days to 28 February 2024 read "0 days used
    # ..., 90 days left after it; as days more than 180 days back stop counting, your stay can
    # run 118 days": no day was counted to roll off; the 27 days covered make the difference
    result = runner.invoke(app, ["status", "examples/kz-worker.yaml", "--country", "KZ",
                                 "--on", "2024-02-01"])
    assert result.exit_code == 0, result.output
    assert ("0 days used up to and including 1 February 2024, 90 days left after it; as the "
            "days your permit or contract covers neither count nor are limited, your stay can "
            "run 118 days.") in result.stdout, result.stdout
    assert "stop counting" not in result.stdout
