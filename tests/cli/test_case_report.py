"""`sojourn report` and the answers it gathers: no contradiction between its sections."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from cli_lines import printed as run
from cli_lines import printed_json as run_json

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
PACK = ROOT / "src" / "sojourn" / "rules" / "pack"


def test_report_plans_no_permit_for_a_citizen_of_the_host() -> None:
    # a Kazakh-Russian dual citizen in Kazakhstan read "Not feasible: Permanent residence
    # permit (Kazakhstan)" with "(missed)" steps, though a citizen needs no permit
    dual = str(EXAMPLES / "dual-citizen.yaml")
    text = run("report", dual, "--on", "2024-02-01")
    assert "residence permit (Kazakhstan)" not in text.lower() and "(missed)" not in text
    assert ("No residence permit plan: as a citizen of Kazakhstan, you need no residence permit "
            "in Kazakhstan.") in text.splitlines()
    data = run_json("report", dual, "--on", "2024-02-01", "--format", "json")
    assert data["permits"] == [] and data["deadlines"] == []
    assert data["no_permit"].startswith("as a citizen of Kazakhstan")
    # judged as a Russian on request, the plans are made, and the other passport is named
    data = run_json("report", dual, "--on", "2024-02-01", "--format", "json",
                    "--citizenship", "RU")
    assert data["permits"] and data["no_permit"] is None
    assert "you also hold" in data["permits"][0]["verdict"]


@pytest.mark.parametrize(("country", "entered", "permit", "head"), [
    # "Permanent residence permit (Kazakhstan) in Kazakhstan" said the country twice
    ("KZ", "2022-01-10", "kz-permit-permanent-2015",
     "Unknown: Permanent residence permit (Kazakhstan). Your legal stay"),
    # "Türkiye", the name answers give the host (ISO's), said once too
    ("TR", "2022-01-10", "tr-permit-short-term-2022",
     "Unknown: Short-term residence permit for tourism (Türkiye). Your legal "
     "stay"),
])
def test_a_permit_named_after_its_host_is_not_said_to_be_in_it_again(
        tmp_path: Path, country: str, entered: str, permit: str, head: str) -> None:
    history = tmp_path / "h.csv"
    history.write_text(f"country,entry,exit\n{country},{entered},\n")
    assert run("permit", str(history), "--citizenship", "RU", "--country", country, "--permit",
               permit, "--on", "2022-02-01").startswith(head)


def test_permit_for_a_citizen_of_the_host_says_none_is_needed() -> None:
    args = ("permit", str(EXAMPLES / "dual-citizen.yaml"), "--country", "KZ", "--permit",
            "kz-permit-permanent-2023", "--on", "2024-02-01")
    assert run(*args) == ("Not needed: Permanent residence permit (Kazakhstan). "
                          "As a citizen of Kazakhstan, you need no residence permit in "
                          "Kazakhstan; no plan is made.\n")
    data = run_json(*args, "--json")
    assert (data["needed"], data["citizen"], data["feasible"]) == (False, "KZ", None)
    assert data["steps"] == [] and data["missing"] == [] and data["apply_on"] is None


def test_report_plans_no_permit_for_a_citizen_of_a_member_of_the_zone(tmp_path: Path) -> None:
    # France judged as part of the Schengen area: a German there is not limited by the stay
    # rules, and no permit of France is planned for them either
    pack = tmp_path / "pack"
    pack.mkdir()
    shutil.copy(PACK / "schengen.yaml", pack / "schengen.yaml")
    (pack / "fr.yaml").write_text(
        "schema: sojourn.rules/1\nrules:\n"
        "  - {id: fr-permit-test, title: a French permit, host: FR, citizenships: ['*'],\n"
        "     topic: permit, valid_from: 2020-01-01, confidence: low,\n"
        "     sources: [{title: a test source, url: 'https://example.org'}],\n"
        "     permit: {name: Residence permit (France), kind: temporary, requirements:\n"
        "       [{document: no_criminal_record_certificate, lead_days: 30}]}}\n",
        encoding="utf-8")
    profile = tmp_path / "p.yaml"
    profile.write_text("person: {citizenships: [DE, RU]}\n"
                       "trips: [{country: FR, entry: 2024-01-10}]\n", encoding="utf-8")
    args = ("report", str(profile), "--on", "2024-02-01", "--format", "json", "--pack",
            str(pack))
    data = run_json(*args)
    assert data["permits"] == [] and data["no_permit"] == (
        "as a citizen of Germany, a member of the Schengen area, you need no residence permit "
        "in France")
    as_russian = run_json(*args, "--citizenship", "RU")
    assert [p["permit"]["id"] for p in as_russian["permits"]] == ["fr-permit-test"]


def no_limit_pack(root: Path) -> Path:
    """A pack in which Uzbekistan limits no stay and its permit needs a 30-day certificate."""
    pack = root / "pack"
    pack.mkdir()
    source = "sources: [{title: a test source, url: 'https://example.org'}]"
    (pack / "uz.yaml").write_text(
        "schema: sojourn.rules/1\nrules:\n"
        "  - {id: uz-stay-test, title: no limit, host: UZ, citizenships: ['*'], topic: stay,\n"
        f"     valid_from: 2020-01-01, confidence: low, constraints: none, {source}}}\n"
        "  - {id: uz-permit-test, title: a permit, host: UZ, citizenships: ['*'],\n"
        f"     topic: permit, valid_from: 2020-01-01, confidence: low, {source},\n"
        "     permit: {name: Residence permit (Uzbekistan), kind: temporary, requirements:\n"
        "       [{document: no_criminal_record_certificate, lead_days: 30}]}}\n",
        encoding="utf-8")
    return pack


def test_with_no_stay_limit_the_filing_day_is_the_first_the_lead_times_allow(tmp_path: Path
                                                                              ) -> None:
    # with no deadline, the plan filed on the query day: "No stay limit applies, so there is
    # no deadline from your stay; that day comes too soon", "Not feasible", a step "(missed)"
    pack = str(no_limit_pack(tmp_path))
    profile = tmp_path / "p.yaml"
    profile.write_text("person: {citizenships: [RU]}\n"
                       "trips: [{country: UZ, entry: 2024-01-10}]\n", encoding="utf-8")
    args = ("permit", str(profile), "--country", "UZ", "--permit", "uz-permit-test", "--on",
            "2024-02-01", "--pack", pack)
    data = run_json(*args, "--json")
    # 30 days from 1 February 2024 are Saturday 2 March: the offices open on Monday 4 March,
    # and 30 days before that is Saturday 3 February, so the request is due on the Friday
    assert (data["feasible"], data["apply_on"], data["legal_stay_ends"]) == (
        True, "2024-03-04", None)
    assert [(s["start_by"], s["moved_from"], s["too_late"]) for s in data["steps"]] == [
        ("2024-02-02", "2024-02-03", False), ("2024-03-04", "2024-03-02", False)]
    assert data["verdict"] == ("No stay limit applies, so there is no deadline from your stay; "
                               "started now, every step is done in time to file on 4 March "
                               "2024 or later.")
    # asked on Saturday 3 February, the request begins on Monday the 5th, not the Friday before
    saturday = run_json(*args[:-4], "--on", "2024-02-03", *args[-2:], "--json")
    assert [(s["start_by"], s["too_late"]) for s in saturday["steps"]] == [
        ("2024-02-05", False), ("2024-03-06", False)]
    # a filing day chosen too early is too soon for that day, not for a deadline
    chosen = run_json(*args, "--json", "--apply-on", "2024-02-09")
    assert chosen["feasible"] is False and chosen["verdict"] == (
        "No stay limit applies, so there is no deadline from your stay; filing on 9 February "
        "2024 comes too soon: to get a certificate of no criminal record in time you needed to "
        "start by 10 January 2024, 22 days before 1 February 2024; with no known deadline, a "
        "later filing day may do.")
    # the report lists no deadline from a plan that has none
    report = run_json("report", str(profile), "--on", "2024-02-01", "--format", "json",
                      "--pack", pack)
    assert report["permits"][0]["feasible"] is True and report["deadlines"] == []


def test_over_the_limit_the_verdict_says_the_stay_ended() -> None:
    # it read "Note: you are over the stay limit ... the legal stay ended on 2023-01-26 ...
    # Your legal stay ends on 26 January 2023; that day comes too soon: ..."
    data = run_json("report", "--assume", "kz-days-before-count",
                    str(EXAMPLES / "relocant.yaml"), "--on", "2023-03-01",
                    "--format", "json")
    # the permanent permit too, under the 2015 rules in force on the last day: it was left
    # out as if the pack knew it only from its 2023 rules, in force on the query day
    # (the day the stay ended, under the account assumed, which another moves)
    assumed = ("under kz-stay-eaeu-90-180, contested, assumed 'kz-days-before-count' (other "
               "accounts: --assume kz-change-27-jan, --assume kz-change-26-jan)")
    assert [p["verdict"] for p in data["permits"]] == [
        "You are over the stay limit on 1 March 2023: your legal stay ended on 26 January "
        f"2023 {assumed}, so no step can be taken in time from a legal stay.",
        "Note: kz-permit-permanent-2023 is not in force on 26 January 2023; "
        "kz-permit-permanent-2015 is. You are over the stay limit on 1 March 2023: your legal "
        f"stay ended on 26 January 2023 {assumed}, so no step can be taken in time from a "
        "legal stay."]


def test_a_lead_time_counted_forward_is_the_shortest_that_counts_back_to_the_day() -> None:
    from sojourn.dates import WorkingCalendar
    from sojourn.permits._days import _back, forward

    calendar = WorkingCalendar("KZ")
    for offset in range(40):  # over the New Year holidays
        day = dt.date(2023, 12, 15) + dt.timedelta(days=offset)
        for unit in ("calendar", "working"):
            for lead in range(12):
                ready = forward(day, lead, unit, calendar)
                assert _back(ready, lead, unit, calendar) >= day
                assert ready == day or _back(ready - dt.timedelta(days=1), lead, unit,
                                             calendar) < day


def test_each_destination_shows_the_exposure_risk_gives_there() -> None:
    # a deserter on an international wanted list read "Kazakhstan (KZ) ... up to 90 days",
    # with no word that `risk --country KZ` rates him "high"
    deserter = str(EXAMPLES / "deserter.yaml")
    text = run("report", deserter, "--on", "2024-02-01")
    assert ("  Kazakhstan (KZ) with internal passport: up to 90 days*; extradition exposure: high"
            in text.splitlines())
    data = run_json("report", deserter, "--on", "2024-02-01", "--format", "json")
    levels = {a["host"]: a["extradition"] for a in data["alternatives"]}
    assert levels == {"KG": "high", "KZ": "high", "TJ": "unknown"}  # no host left out
    for host, level in levels.items():
        risk = run_json("risk", deserter, "--country", host, "--on", "2024-02-01", "--json")
        assert risk["extradition"] == level


def test_away_and_kept_out_is_not_over_the_limit() -> None:
    # away from Kazakhstan since 28 February, with the days left kept for the trip planned
    # from 1 April, the permits read "You are over the stay limit on 5 March 2023: your legal
    # stay ended on 4 March 2023", and their steps "(missed)"
    data = run_json("report", "--assume", "kz-days-before-count",
                    str(EXAMPLES / "history.csv"), "--citizenship", "RU", "--on",
                    "2023-03-05", "--format", "json")
    assert data["present"] is False and data["deadlines"] == []
    for plan in data["permits"]:
        assert plan["verdict"].startswith(
            "You may not stay in Kazakhstan on 5 March 2023: a stay from that day would put your "
            "planned trip to Kazakhstan from 1 April to 10 May 2023 over the limit of "
            "kz-stay-eaeu-90-180 (90 days in any 180). The earliest day you may be in "
            "Kazakhstan is 1 April 2023, when your planned trip there begins, so no application "
            "can be filed from a legal stay before then")
        assert plan["feasible"] == "unknown" and plan["legal_stay_ends"] is None
        assert plan["apply_on"] >= "2023-04-01"
        assert not any(s["too_late"] for s in plan["steps"])


@pytest.mark.parametrize("on", ["2023-03-05", "2022-12-01"])
def test_kept_out_by_planned_trips_is_not_called_a_used_up_limit(on: str) -> None:
    # "You may not stay in Kazakhstan on 5 March 2023: the limit is used up." over "50 days
    # used ..., 40 left": the 40 days are the trip planned from 1 April. Then "a stay from
    # that day would break your planned trips", naming none of them, beside "0 days used on
    # 1 December 2022, 90 left"; and permit gave no reason at all
    day = dt.date.fromisoformat(on)
    said = (f"You may not stay in Kazakhstan on {day.day} {day:%B %Y}: a stay from that day "
            "would put your planned trip to Kazakhstan from 1 April to 10 May 2023 over the "
            "limit")
    for command in ((("report",),) if on == "2023-03-05" else ()) + (
            ("status", "--country", "KZ"),
            ("permit", "--country", "KZ", "--permit", "kz-permit-temporary")):
        # counting the days before 27 January 2023 too: by default they leave room
        lines = run(command[0], str(EXAMPLES / "history.csv"), *command[1:], "--citizenship",
                    "RU", "--on", on, "--assume", "kz-days-before-count").splitlines()
        assert any(line.startswith(said) or f". {said}" in line for line in lines), command


def test_a_planned_trip_that_sets_the_last_day_is_named() -> None:
    # "Your planned trips set this date: staying longer would break or block them."
    line = run("status", "--assume", "kz-days-before-count",
               str(EXAMPLES / "relocant.yaml"), "--country", "KZ", "--on",
               "2022-12-01").splitlines()[0]
    assert line == ("You may stay in Kazakhstan until 20 December 2022 (20 days, 1 December 2022 "
                    "included). Your planned trip to Kyrgyzstan from 20 to 22 December 2022 sets "
                    "this date: it begins that day.")
    line = run("status", "--assume", "kz-days-before-count",
               str(EXAMPLES / "history.csv"), "--country", "KZ", "--citizenship", "RU",
               "--on", "2023-02-01").splitlines()[0]
    # "... would put it over the limit.": which limit, the answer did not say
    assert line.endswith("Your planned trip to Kazakhstan from 1 April to 10 May 2023 sets this "
                         "date: staying longer would put it over the limit of "
                         "kz-stay-eaeu-90-180 (90 days in any 180).")
    data = run_json("status", "--assume", "kz-days-before-count",
                    str(EXAMPLES / "history.csv"), "--country", "KZ",
                    "--citizenship", "RU", "--on", "2023-02-01", "--json")
    assert data["planned_trip"] == {
        "countries": ["KZ"], "first_day": "2023-04-01", "last_day": "2023-05-10",
        "over_the_limit": True, "limits": [{"rule": "kz-stay-eaeu-90-180",
                                            "constraint": "rolling:90/180",
                                            "counts_from": None,
                                            "label": "90 days in any 180"}]}


def test_with_no_travel_document_the_report_does_not_blame_the_pack() -> None:
    # a CSV history names no document: every entry was "unknown", and the report read
    # "nowhere the pack can confirm", as if the pack did not know
    history = str(EXAMPLES / "history.csv")
    text = run("report", history, "--citizenship", "RU", "--on", "2024-03-01")
    assert "nowhere the pack can confirm" not in text
    assert "no travel document valid on that day is given" in text
    data = run_json("report", history, "--citizenship", "RU", "--on", "2024-03-01", "--format",
                    "json")
    assert data["no_documents"] is True and data["alternatives"] == []
    data = run_json("report", str(EXAMPLES / "relocant.yaml"), "--on", "2023-01-05",
                    "--format", "json")
    assert data["no_documents"] is False


def test_a_csv_history_s_registration_deadline_is_not_called_missed(tmp_path: Path) -> None:
    # "register (register within 3 working days of entry) (missed)": the word twice, and
    # "missed" though a CSV history records no registrations at all
    args = ("report", str(EXAMPLES / "history.csv"), "--citizenship", "RU", "--on", "2023-01-20")
    lines = run(*args).splitlines()
    assert ("  13 January 2023   whoever houses you (landlord, hotel) registers you within 3 "
            "working days of entry; you answer for it too (passed; the history records no "
            "registrations, so whether it was done is not known)  "
            "[kz-registration-host-notice]") in lines
    data = run_json(*args, "--format", "json")
    assert [(d["what"], d["missed"]) for d in data["deadlines"] if d["day"] == "2023-01-13"] == [
        ("whoever houses you (landlord, hotel) registers you within 3 working days of entry; "
         "you answer for it too", None)]
    # before the day, nothing is passed; a profile records registrations, so there one not
    # recorded by the day is missed
    early = run_json(*args[:-1], "2023-01-11", "--format", "json")
    assert [d["missed"] for d in early["deadlines"] if d["day"] == "2023-01-13"] == [False]
    profile = tmp_path / "p.yaml"
    profile.write_text("person: {citizenships: [RU]}\n"
                       "trips: [{country: KZ, entry: 2023-01-10}]\n", encoding="utf-8")
    data = run_json("report", str(profile), "--on", "2023-01-20", "--format", "json")
    assert [d["missed"] for d in data["deadlines"] if d["day"] == "2023-01-13"] == [True]


def test_a_registration_made_late_is_said_so_among_the_deadlines_passed(tmp_path: Path
                                                                       ) -> None:
    # entered on Monday 20 November 2023: 3 working days to Thursday the 23rd, registered on
    # the 24th. `status` said "registered late, on 24 November 2023" and the report's deadlines
    # "(missed)" alone, which reads as never registered
    profile = tmp_path / "p.yaml"
    profile.write_text("person: {citizenships: [RU]}\n"
                       "trips: [{country: KZ, entry: 2023-11-20}]\n"
                       "registrations: [{country: KZ, on: 2023-11-24}]\n", encoding="utf-8")
    out = run("report", str(profile), "--on", "2024-01-15")
    assert ("registered late, on 24 November 2023" in
            run("status", str(profile), "--country", "KZ", "--on", "2024-01-15"))
    assert ("  23 November 2023  whoever houses you (landlord, hotel) registers you within 3 "
            "working days of entry; you answer for it too (missed; registered late, on "
            "24 November 2023)  [kz-registration-host-notice]") in out.splitlines()
    calendar = tmp_path / "d.ics"
    run("report", str(profile), "--on", "2024-01-15", "--format", "ics", "-o", str(calendar))
    text = calendar.read_text(encoding="utf-8")
    # iCalendar folds long lines (a line break and a space) and escapes ";" and ","
    assert ("SUMMARY:MISSED: Kazakhstan: whoever houses you (landlord\\, hotel) registers you "
            "within 3 working days of entry\\; you answer for it too") in text.replace("\n ", "")


def test_a_registration_deadline_that_is_an_estimate_is_said_so_among_the_deadlines(
        tmp_path: Path) -> None:
    # 10 working days in Tajikistan from Friday 5 March 2027 count Eid al-Fitr on the 9th, a
    # date the holidays package estimates: the report's deadline and its calendar event gave
    # 26 March 2027 as exact
    profile = tmp_path / "p.yaml"
    profile.write_text("person: {citizenships: [RU]}\n"
                       "trips: [{country: TJ, entry: 2027-03-05}]\n", encoding="utf-8")
    why = ("it counts Eid al-Fitr as on 9 March 2027, the holiday calendar's estimate of a "
           "date set nearer the day")
    out = run("report", str(profile), "--on", "2027-03-05")
    assert ("  26 March 2027  register within 10 working days of entry (an estimate, as said "
            "above)  [tj-registration-10-working-days]") in out.splitlines()
    data = run_json("report", str(profile), "--on", "2027-03-05", "--format", "json")
    assert [d["estimate"] for d in data["deadlines"]] == [why]
    calendar = tmp_path / "d.ics"
    run("report", str(profile), "--on", "2027-03-05", "--format", "ics", "-o", str(calendar))
    text = calendar.read_text(encoding="utf-8").replace("\n ", "")
    assert (f"DESCRIPTION:An estimate: {why}; check it nearer the day. Rule: "
            "tj-registration-10-working-days.").replace(",", "\\,").replace(";", "\\;") in text
    # passed, "check it nearer the day" has gone by: the days actually closed then decide
    # whether it was missed
    run("report", str(profile), "--on", "2027-04-15", "--format", "ics", "-o", str(calendar))
    text = calendar.read_text(encoding="utf-8").replace("\n ", "")
    assert (f"An estimate: {why}; check it against the days offices were actually closed "
            "then. Rule: tj-registration-10-working-days.").replace(",", "\\,").replace(
                ";", "\\;") in text
    # in calendar days, no holiday counts: no estimate (the permit's day to file in time, 15
    # working days back over Eid al-Adha, is one: tests/cli/test_permit_estimates.py)
    profile.write_text("person: {citizenships: [RU]}\n"
                       "trips: [{country: KG, entry: 2027-03-05}]\n", encoding="utf-8")
    data = run_json("report", str(profile), "--on", "2027-03-05", "--format", "json")
    assert [d["estimate"] for d in data["deadlines"] if d["rule"].startswith("kg-registration")
            ] == [None]


def test_another_destination_with_no_day_left_says_from_when(tmp_path: Path) -> None:
    # 97 days in Kyrgyzstan from 16 August to 20 November 2023, over 90 in any 180 from the
    # 10 October regulation: on 15 January 2024 no stay may begin there; the 89 days from 24
    # August on leave the window on 19 February (24 August + 179 days), as `status` says.
    # The report said "up to 0 days"
    profile = tmp_path / "p.yaml"
    profile.write_text("person:\n  citizenships: [RU]\n"
                       "  documents: [{type: internal_passport, country: RU}]\n"
                       "trips:\n  - {country: KG, entry: 2023-08-16, exit: 2023-11-20}\n"
                       "  - {country: KZ, entry: 2023-11-20}\n", encoding="utf-8")
    out = run("report", str(profile), "--on", "2024-01-15")
    # the pack has no penalty rule for a Russian's overstay there: whether a ban follows, and
    # so whether that day holds, it cannot tell (penalties.UnknownBan)
    assert ("  Kyrgyzstan (KG) with internal passport: no stay before 19 February 2024*; "
            "you overstayed there 14 to 20 November 2023 (7 days): the pack cannot tell whether "
            "it brings an entry ban (no penalty rule of the pack for it was in force on 14 "
            "November 2023, the day it began); extradition exposure: low (removals outside "
            "extradition procedure reported)") in out.splitlines()
    assert ("The earliest day you may be in Kyrgyzstan again is 19 February 2024, by the stay "
            "rules alone" in run("status", str(profile), "--country", "KG", "--on", "2024-01-15"))


def test_away_the_host_reported_on_is_not_among_where_else_to_go(tmp_path: Path) -> None:
    # back from Georgia on 1 June 2025, the report answers "If you enter Georgia ..." and
    # listed Georgia again under "Where else you may go"
    profile = tmp_path / "p.yaml"
    profile.write_text("person:\n  citizenships: [RU]\n"
                       "  documents: [{type: international_passport, country: RU}]\n"
                       "trips: [{country: GE, entry: 2024-09-15, exit: 2025-06-01}]\n",
                       encoding="utf-8")
    data = run_json("report", str(profile), "--on", "2025-07-01", "--format", "json")
    assert (data["host"], data["present"]) == ("GE", False)
    text = run("report", str(profile), "--on", "2025-07-01")
    assert text.splitlines()[1].startswith("If you enter Georgia on 1 July 2025")
    elsewhere = text[text.index("Where else you may go"):text.index("Exposure:")]
    assert "Georgia (GE)" not in elsewhere and "Armenia (AM)" in elsewhere


def test_a_legal_stay_ended_by_an_unregistered_deadline_names_the_registration(
        tmp_path: Path) -> None:
    # under uz-seed-60-days an unregistered stay ends on its 15th day: the report named the
    # stay limit as that day's rule and did not say that registering moves the day
    profile = tmp_path / "uz.yaml"
    profile.write_text("person: {citizenships: [RU]}\ntrips:\n"
                       "  - {country: UZ, entry: 2023-02-01, exit: 2023-02-10}\n"
                       "  - {country: KZ, entry: 2023-02-10}\n", encoding="utf-8")
    data = run_json("report", str(profile), "--on", "2023-02-05", "--assume", "uz-seed-60-days",
                    "--format", "json")
    [last] = [d for d in data["deadlines"] if d["what"].startswith("last day of legal stay")]
    assert (last["day"], last["what"], last["rule"]) == (
        "2023-02-16", "last day of legal stay in Uzbekistan unless registered by then",
        "uz-registration-ru-15-days")


@pytest.mark.parametrize(("host", "why"), [
    # Türkiye's short-term permit: refused to Russians from 26 December 2022 (TR-2), under
    # the applicants' account (--assume tr-refused-to-russians; by default it is issued on
    # stricter proof, test_a_report_plans_the_contested_permit_by_the_account_assumed)
    # (for tourism: the reports are of that ground, not of a home owner's)
    ("TR", "No residence permit plan: the pack records that Short-term residence permit "
           "for tourism (Türkiye) is not being issued to you (tr-permit-short-term-2023)."),
    # no permit rule for Tajikistan: not known, not "nothing to do"
    ("TJ", "No residence permit plan: the rule pack has no residence permit rule for "
           "Tajikistan, so whether one can be had, and how, is not known."),
    # Kyrgyzstan's permit rule holds in the pack from 5 September 2024 only (Armenia's did
    # from 2024, until its cards of 2018-2023 were added)
    ("KG", "No residence permit plan: the pack knows Temporary residence permit (Kyrgyzstan) "
           "(kg-permit-temporary) only from 5 September 2024, after the day to file (9 "
           "October 2023)."),
])
def test_a_report_with_no_permit_to_plan_says_why(tmp_path: Path, host: str, why: str) -> None:
    # the permit section was left out in silence, which read as nothing to do or know
    history = tmp_path / "h.csv"
    history.write_text(f"country,entry,exit\n{host},2023-01-10,\n", encoding="utf-8")
    args = ("report", str(history), "--citizenship", "RU", "--on", "2023-02-01", "--assume",
            "tr-refused-to-russians")
    assert any(line.startswith(why) for line in run(*args).splitlines())
    data = run_json(*args, "--format", "json")
    assert data["permits"] == [] and why.split(": ", 1)[1].rstrip(".;") in data["no_permit"]


def test_a_report_plans_the_contested_permit_by_the_account_assumed(tmp_path: Path) -> None:
    # by default tr-permit-short-term-2023 has the permit issued on stricter proof: a report
    # said it was not being issued, on the applicants' account alone
    history = tmp_path / "h.csv"
    history.write_text("country,entry,exit\nTR,2023-01-10,\n", encoding="utf-8")
    data = run_json("report", str(history), "--citizenship", "RU", "--on", "2023-02-01",
                    "--format", "json")
    assert data["no_permit"] is None
    [plan] = data["permits"]
    assert (plan["permit"]["id"], plan["apply_on"]) == ("tr-permit-short-term-2023",
                                                        "2023-03-10")


@pytest.mark.parametrize(("host", "citizenship", "why"), [
    # a rule for Russians is not a Belarusian's: Türkiye's (tr-permit-short-term-2023) was
    # the example until the Law on Foreigners' permit was given its other citizenships
    # (tr-permit-short-term; permit_citizenships.yaml), now Mongolia's
    ("MN", "BY", "the rule pack has no residence permit rule for citizens of Belarus in "
                 "Mongolia, so whether one can be had, and how, is not known"),
    # Mongolia's permit rules are the Russians' (its Immigration Agency's decision of 2022 was
    # for Russians): a Ukrainian was told to file by them (Armenia's and Uzbekistan's, the
    # hosts here before, are every foreigner's permits now)
    ("MN", "UA", "the rule pack has no residence permit rule for citizens of Ukraine in "
                 "Mongolia, so whether one can be had, and how, is not known"),
])
def test_a_report_plans_no_permit_by_another_citizenship_s_rules(
        tmp_path: Path, host: str, citizenship: str, why: str) -> None:
    history = tmp_path / "h.csv"
    history.write_text(f"country,entry,exit\n{host},2025-12-01,\n", encoding="utf-8")
    args = ("report", str(history), "--citizenship", citizenship, "--on", "2025-12-10")
    assert f"No residence permit plan: {why}." in run(*args).splitlines()
    data = run_json(*args, "--format", "json")
    assert (data["permits"], data["no_permit"]) == ([], why)
    assert not [d for d in data["deadlines"] if "permit" in d["what"].lower()]


def test_a_dual_citizen_with_no_permit_rule_for_the_passport_judged_is_told_the_other(
        tmp_path: Path) -> None:
    # judged as a Kazakh citizen in Türkiye, in a pack whose Turkish permit rules are the
    # Russians' (the built-in pack's were, until its short-term permit, tr-permit-short-term,
    # was given Kazakh citizens too: a Kazakh's report plans it now, below)
    profile = tmp_path / "dual.yaml"
    profile.write_text("person: {citizenships: [KZ, RU]}\n"
                       "trips: [{country: TR, entry: 2025-03-01}]\n", encoding="utf-8")
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    permits = pack / "permits.yaml"
    text = permits.read_text(encoding="utf-8")
    permits.write_text(text.replace("citizenships: [AZ, BY, KG, KZ, UA, UZ]",
                                    "citizenships: [AZ, BY, KG, UA, UZ]"), encoding="utf-8")
    builtin = run_json("report", str(profile), "--on", "2025-04-20", "--format", "json")
    assert [p["permit"]["id"] for p in builtin["permits"]] == ["tr-permit-short-term"]
    data = run_json("report", str(profile), "--on", "2025-04-20", "--format", "json",
                    "--pack", str(pack))
    assert data["no_permit"] == (
        "the rule pack has no residence permit rule for citizens of Kazakhstan in Türkiye (it "
        "has some for citizens of the Russian Federation, which you also hold: --citizenship "
        "RU), so whether one can be had, and how, is not known")


def _deadlines(text: str) -> list[str]:
    lines = text.splitlines()
    first = lines.index("Next deadlines:")
    return lines[first:lines.index("", first)]


def test_deadlines_ahead_come_first_and_those_passed_are_set_apart() -> None:
    # "27 December 2022 ... (missed)" led the list, above the filing days still ahead (the
    # permanent permit's, whose plan that missed step makes unworkable, is no day to file by)
    out = run("report", "--assume", "kz-days-before-count",
              str(EXAMPLES / "relocant.yaml"), "--on", "2023-01-05")
    assert [line[:19] for line in _deadlines(out)] == [
        "Next deadlines:", *["  19 January 2023  "] + ["  26 January 2023  "] * 2,
        "Passed before 5 Jan", "  27 December 2022 ",
        # the other accounts' day to file for the permanent permit, which this one's has not
        "Only under another ", "  20 March 2023    "]
    # both accounts of kz-permit-permanent-2015 give that day: none of them is named beside
    # it; the stay limit's, which its day is counted back from and the others move, is
    assert _deadlines(out)[-3].endswith(
        "certificate of no criminal record (missed)  [kz-permit-permanent-2015; day counted "
        "from kz-stay-eaeu-90-180, contested, assumed 'kz-days-before-count' (other accounts: "
        "--assume kz-change-27-jan, --assume kz-change-26-jan)]")


def test_over_the_limit_the_deadlines_say_none_is_ahead_and_when_the_stay_ended() -> None:
    # over the limit since 27 January 2023, the list gave one deadline, a filing day missed
    # long ago, as if it were the next: nothing is ahead, and the legal stay's end was missed
    args = ("report", str(EXAMPLES / "relocant.yaml"), "--on", "2024-03-01", "--assume",
            "kz-days-before-count")
    assert _deadlines(run(*args)) == [
        "Next deadlines:",
        "  none ahead of 1 March 2024: you should leave now, as said above",
        "Passed before 1 March 2024:",
        "  27 December 2022  Permanent residence permit (Kazakhstan): get a certificate of no "
        "criminal record (missed)  [kz-permit-permanent-2015; day counted from "
        "kz-stay-eaeu-90-180, contested, assumed 'kz-days-before-count' (other accounts: "
        "--assume kz-change-27-jan, --assume kz-change-26-jan)]",
        "  26 January 2023   last day of legal stay in Kazakhstan (missed)  "
        "[kz-stay-eaeu-90-180; contested, assumed 'kz-days-before-count' (other accounts: "
        "--assume kz-change-27-jan, --assume kz-change-26-jan)]"]
    # the day the permit plan says the legal stay ended on
    data = run_json(*args, "--format", "json")
    assert {"day": "2023-01-26", "what": "last day of legal stay in Kazakhstan",
            "rule": "kz-stay-eaeu-90-180", "assumed": "kz-days-before-count",
            "accounts_agree": False, "missed": True, "estimate": None, "sooner": None
            } in data["deadlines"]
    assert "your legal stay ended on 26 January 2023" in data["permits"][0]["verdict"]


def test_with_no_deadline_at_all_the_report_says_none_is_known() -> None:
    out = run("report", str(EXAMPLES / "dual-citizen.yaml"), "--on", "2024-03-01")
    assert _deadlines(out) == ["Next deadlines:", "  none known"]


def test_a_registration_missed_before_the_permit_now_held_is_past_not_overdue(
        tmp_path: Path) -> None:
    # A host notice missed in September 2023 still read "OVERDUE" in 2024, under a temporary
    # residence permit: as a deadline to meet now, beside "(missed)" among the passed ones
    profile = tmp_path / "kz.yaml"
    profile.write_text(
        "person: {citizenships: [RU]}\n"
        "trips: [{country: KZ, entry: 2023-09-10}]\n"
        "permits: [{country: KZ, kind: temporary_residence, valid_from: 2023-11-01, "
        "valid_to: 2024-10-31}]\n", encoding="utf-8")
    past = ("Registration was due by 13 September 2023: Kazakhstan — the receiving party "
            "notifies the police of a foreigner's arrival within 3 working days "
            "(kz-registration-host-notice); missed, before the residence permit you hold on 1 "
            "March 2024: past, not a deadline to meet now.")
    status = run("status", str(profile), "--country", "KZ", "--on", "2024-03-01")
    assert f"  {past}" in status.splitlines() and "OVERDUE" not in status
    report = run("report", str(profile), "--on", "2024-03-01")
    assert "OVERDUE" not in report and "Registration was due" not in report
    assert ("  13 September 2023  whoever houses you (landlord, hotel) registers you within 3 "
            "working days of entry; you answer for it too (missed)  "
            "[kz-registration-host-notice]") in report.splitlines()
    data = run_json("status", str(profile), "--country", "KZ", "--on", "2024-03-01", "--json")
    assert data["registration"]["overdue"] and data["registration"]["under_permit"]
    # before the permit, the deadline missed is still one to meet
    before = run("status", str(profile), "--country", "KZ", "--on", "2023-10-01")
    assert "(kz-registration-host-notice); OVERDUE." in before


def test_a_permit_held_on_the_deadline_day_is_not_said_to_follow_a_missed_registration(
        tmp_path: Path) -> None:
    # The permit began on 11 September 2023, before the deadline of 13 September: the answer
    # said the registration was "missed, before the residence permit you hold", which it was not
    profile = tmp_path / "kz.yaml"
    profile.write_text(
        "person: {citizenships: [RU]}\n"
        "trips: [{country: KZ, entry: 2023-09-10}]\n"
        "permits: [{country: KZ, kind: temporary_residence, valid_from: 2023-09-11, "
        "valid_to: 2024-10-31}]\n", encoding="utf-8")
    status = run("status", str(profile), "--country", "KZ", "--on", "2024-03-01")
    assert "before the residence permit" not in status
    data = run_json("status", str(profile), "--country", "KZ", "--on", "2024-03-01", "--json")
    assert data["registration"]["under_permit"] is False


def _permit_profile(tmp_path: Path, country: str, entry: str, permit_from: str,
                    kind: str = "temporary_residence") -> Path:
    profile = tmp_path / f"{country.lower()}.yaml"
    profile.write_text(
        "person: {citizenships: [RU]}\n"
        f"trips: [{{country: {country}, entry: {entry}}}]\n"
        f"permits: [{{country: {country}, kind: {kind}, valid_from: {permit_from}, "
        "valid_to: 2025-01-09}]\n", encoding="utf-8")
    return profile


def test_a_deadline_within_a_residence_permit_is_covered_not_overdue(tmp_path: Path) -> None:
    # Armenia's 30 days from 1 January 2024 ended on 31 January, inside the permit from 10
    # January: the line read "OVERDUE" with a late-registration penalty, above the note that
    # the permit's days are neither counted nor limited
    profile = str(_permit_profile(tmp_path, "AM", "2024-01-01", "2024-01-10"))
    status = run("status", profile, "--country", "AM", "--on", "2024-03-01")
    assert ("(am-registration-ru-30); covered by the residence permit from 10 January 2024."
            in status)
    assert "OVERDUE" not in status and "late registration" not in status
    data = run_json("status", profile, "--country", "AM", "--on", "2024-03-01", "--json")
    reg = data["registration"]
    assert reg["covered_by_permit_from"] == "2024-01-10" and reg["overdue"] is False
    assert data["penalties"] == []
    report = run("report", profile, "--on", "2024-03-01")
    assert "OVERDUE" not in report and "(missed)" not in report
    assert "[am-registration-ru-30]" not in report  # not among the deadlines


@pytest.mark.parametrize("kind", ["extension", "long_stay_visa"])
def test_a_deadline_within_an_extension_of_stay_is_still_due(tmp_path: Path, kind: str) -> None:
    # an extension of stay (or a long-stay visa) lengthens a visit and registers no one:
    # Armenia's 30 days from 1 January 2024, ending inside one granted from 10 January, read
    # "covered by the residence permit", and the report left the deadline out
    profile = str(_permit_profile(tmp_path, "AM", "2024-01-01", "2024-01-10", kind))
    status = run("status", profile, "--country", "AM", "--on", "2024-03-01")
    assert "covered by the residence permit" not in status
    assert "(am-registration-ru-30); OVERDUE." in status
    data = run_json("status", profile, "--country", "AM", "--on", "2024-03-01", "--json")
    reg = data["registration"]
    assert reg["covered_by_permit_from"] is None and reg["overdue"] is True
    assert reg["under_permit"] is False
    report = run("report", profile, "--on", "2024-03-01")
    assert "31 January 2024" in report and "(missed)  [am-registration-ru-30; " in report


def test_a_deadline_within_a_residence_permit_does_not_end_the_stay(tmp_path: Path) -> None:
    # Uzbekistan's account where registering lets the stay go on: unregistered, the stay ended
    # on the deadline, though the permit held then covers it
    profile = str(_permit_profile(tmp_path, "UZ", "2024-01-01", "2024-01-05"))
    data = run_json("status", profile, "--country", "UZ", "--on", "2024-01-10", "--assume",
                    "uz-seed-60-days", "--json")
    assert data["registration"]["covered_by_permit_from"] == "2024-01-05"
    assert data["limited_by"] != "registration"
    assert data["latest_exit"] > "2024-01-16"


def test_days_late_before_a_permit_end_the_day_before_it(tmp_path: Path) -> None:
    # the host notice due by 13 September 2023, missed, then a permit from 1 November: the
    # late registration ran to the query day, through the permit's months
    profile = str(_permit_profile(tmp_path, "KZ", "2023-09-10", "2023-11-01"))
    data = run_json("status", profile, "--country", "KZ", "--on", "2024-03-01", "--json")
    late = [p for p in data["penalties"] if p["offence"] == "late_registration"]
    assert [(p["first_day"], p["last_day"], p["days_over"]) for p in late] == [
        ("2023-09-14", "2023-10-31", 48)]
    # before the permit began, the days late run to the query day
    data = run_json("status", profile, "--country", "KZ", "--on", "2023-10-01", "--json")
    late = [p for p in data["penalties"] if p["offence"] == "late_registration"]
    assert [(p["first_day"], p["last_day"]) for p in late] == [("2023-09-14", "2023-10-01")]


@pytest.mark.parametrize(("entered", "on", "file_by"), [
    # 90 days from 1 December 2023 end on 28 February 2024, between the extension's rule that
    # ended on 31 October 2023 and the one from 15 July 2024: the report listed "file the
    # application" by 28 February where permit answers "Unknown", following no rule in force
    ("2023-12-01", "2024-01-10", None),
    # 60 days from 5 August 2024 end on 3 October, under the rule of 15 July 2024; the plan is
    # "Unknown" too (no passport held, no lead time for one), yet its filing day is known
    ("2024-08-05", "2024-08-10", "2024-10-03"),
])
def test_report_lists_no_permit_step_that_no_rule_in_force_plans(
        tmp_path: Path, entered: str, on: str, file_by: str | None) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("person: {citizenships: [RU]}\n"
                       f"trips: [{{country: TH, entry: {entered}}}]\n", encoding="utf-8")
    data = run_json("report", str(profile), "--on", on, "--format", "json")
    [plan] = data["permits"]
    assert plan["feasible"] == "unknown"
    filing = [d["day"] for d in data["deadlines"] if d["rule"] == plan["permit"]["id"]]
    assert filing == ([] if file_by is None else [file_by])


def test_a_plan_by_the_nearest_rule_says_so_beside_what_it_cannot_judge(tmp_path: Path) -> None:
    # 90 days from 1 December 2023 end on 28 February 2024, in the gap between Thailand's
    # extension rules: the steps are th-permit-extension-ru-2023's. Its unknown lead time (no
    # passport held), or a permit whose sources list no document, was said, and the sentence
    # that the steps follow the nearest rule was lost
    from dataclasses import replace

    from sojourn.history import load_history
    from sojourn.permits import permit_plan
    from sojourn.rules.loader import load_pack

    profile = tmp_path / "p.yaml"
    profile.write_text("person: {citizenships: [RU]}\n"
                       "trips: [{country: TH, entry: 2023-12-01}]\n", encoding="utf-8")
    nearest = ("the steps below follow the nearest rule of the pack, not one in force on 28 "
               "February 2024.")
    rule_id = "th-permit-extension-ru-2023"
    args = ("permit", str(profile), "--country", "TH", "--on", "2024-01-10", "--permit", rule_id)
    verdict = run_json(*args, "--json")["verdict"]
    assert "; the pack gives no lead time for an international passport; " + nearest in verdict
    pack = load_pack()
    listing_none = tuple(
        r.model_copy(update={"permit": r.permit.model_copy(update={"requirements": []})})
        if r.id == rule_id and r.permit is not None else r for r in pack.rules)
    plan = permit_plan(load_history(profile), replace(pack, rules=listing_none), country="TH",
                       permit_id=rule_id, on=dt.date(2024, 1, 10))
    assert ("(its sources name none), so whether they can be got in time is not known; "
            + nearest) in plan.verdict


def passport_profile(path: Path, trips: str, *, document: str = "international_passport",
                     expires: str = "2026-05-31") -> Path:
    """A Russian's profile holding one ``document`` of Russia ending on ``expires``, with
    ``trips`` (a YAML flow list's items), written to ``path``."""
    path.write_text(
        "person:\n  citizenships: [RU]\n  documents:\n"
        f"    - {{type: {document}, country: RU, expires: {expires}}}\n"
        f"trips: [{trips}]\n", encoding="utf-8")
    return path


def test_where_else_names_the_hosts_refused_on_the_day_and_why(tmp_path: Path) -> None:
    # a passport ending on 31 May 2026 is too short for Thailand and Vietnam (6 months from
    # entry): "Where else" left them out, with no word on why, as if the pack knew nothing
    profile = passport_profile(tmp_path / "p.yaml", "{country: GE, entry: 2025-12-01}")
    args = ("report", str(profile), "--on", "2026-01-10")
    lines = run(*args).splitlines()
    assert ("  not Thailand (TH): it wants your international passport valid 6 months from the "
            "day of entry; yours ends on 31 May 2026 (th-entry-ru-foreign-passport-tdac)") in lines
    data = run_json(*args, "--format", "json")
    refused = {r["host"]: r for r in data["refused"]}
    # each host that wants the passport valid longer, or a visa, is named, and for that alone
    # (the pack's list of such hosts grows: the UAE, Indonesia, ... too)
    assert {"SCHENGEN", "TH", "VN"} <= set(refused)
    assert all("yours ends on 31 May 2026" in r["why"] or "visa" in r["why"]
               for r in refused.values()), refused
    assert "GE" not in refused and "KZ" not in refused  # they let the passport in
    assert refused["SCHENGEN"]["why"] == (
        "it admits your international passport only with a visa issued by a member state of "
        "the Schengen area, and you hold none valid (schengen-entry-ru-visa)")
    assert refused["VN"] == {
        "host": "VN", "name": "Vietnam", "allowed": False, "not_known": [],
        "why": "it wants your international passport valid 6 months from the day of entry; "
               "yours ends on 31 May 2026 (vn-entry-ru-foreign-passport)"}
    assert not {a["host"] for a in data["alternatives"]} & set(refused)
    # a refusal of the document itself, as entry words it, less the host's name and the day
    passport_profile(profile, "{country: GE, entry: 2025-12-01}", document="internal_passport",
                     expires="2030-01-01")
    assert ("  not Uzbekistan (UZ): it does not accept an internal passport from citizens of the "
            "Russian Federation (uz-entry-foreign-passport)") in run(*args).splitlines()


def test_where_else_names_a_host_refusing_one_passport_and_unknown_for_the_other(
        tmp_path: Path) -> None:
    # an internal passport no Indonesian rule speaks of, and a foreign one too short for
    # Indonesia: the host was "unknown", and the report left it out of both lists (Thailand,
    # then Vietnam, were the example until a source named the foreign passport alone)
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "person:\n  citizenships: [RU]\n  documents:\n"
        "    - {type: internal_passport, country: RU, issued: 2014-04-02}\n"
        "    - {type: international_passport, country: RU, expires: 2026-07-09}\n"
        "trips: [{country: KZ, entry: 2025-12-20}]\n", encoding="utf-8")
    args = ("report", str(profile), "--on", "2026-01-10")
    assert ("  not known for Indonesia (ID): with your internal passport, not known; with your "
            "international passport, no: it wants your international passport valid 6 months "
            "from the day of entry; yours ends on 9 July 2026 (id-entry-voa-arrival-card-2025)"
            ) in run(*args).splitlines()
    refused = {r["host"]: r for r in run_json(*args, "--format", "json")["refused"]}
    assert (refused["ID"]["allowed"], refused["ID"]["not_known"]) == (
        "unknown", ["internal_passport"])
    assert "yours ends on 9 July 2026" in refused["ID"]["why"]
    # Thailand and Vietnam now refuse both: refused hosts, not "not known" ones
    assert refused["TH"]["allowed"] is False and refused["VN"]["allowed"] is False
    assert refused["SCHENGEN"]["allowed"] == "unknown" and "visa" in refused["SCHENGEN"]["why"]
    # a host refusing the one and letting the other in is a place to go, not refused
    assert "GE" not in refused


def test_away_a_passport_too_short_to_go_back_is_said_as_the_reason(tmp_path: Path) -> None:
    # back from Thailand, with a passport ending within 6 months: the line read "no; Thailand
    # accepts an international passport ...", the first reason judged, not the refusal
    profile = passport_profile(tmp_path / "p.yaml",
                               "{country: TH, entry: 2025-10-01, exit: 2025-10-20}")
    lines = run("report", str(profile), "--on", "2026-01-10").splitlines()
    assert ("  Whether the documents you hold let you into Thailand on 10 January 2026: no; it "
            "wants your international passport valid 6 months from the day of entry; yours ends "
            "on 31 May 2026 (th-entry-ru-foreign-passport-tdac); `sojourn entry` says more."
            ) in lines


def test_report_does_not_offer_again_an_extension_of_stay_the_profile_holds(
        tmp_path: Path) -> None:
    # Thailand extends a visa-exempt stay once per entry: one recorded for the stay under way
    # was offered again, with a deadline to file for it
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "person: {citizenships: [RU]}\ntrips: [{country: TH, entry: 2024-08-01}]\n"
        "permits: [{country: TH, kind: extension, valid_from: 2024-09-30, "
        "valid_to: 2024-10-29}]\n", encoding="utf-8")
    text = " ".join(run("report", str(profile), "--on", "2024-09-20").split())
    assert "You may stay in Thailand until 29 October 2024" in text
    assert "file the application" not in text and "Feasible" not in text
    assert ("No extension of stay to plan: your extension of stay in Thailand to 29 October 2024 "
            "(from 30 September 2024) is for this stay, and Extension of stay by 30 days "
            "(Thailand) (th-permit-extension-2024) is granted once per entry.") in text
    data = run_json("report", str(profile), "--on", "2024-09-20", "--format", "json")
    assert data["permits"] == [] and data["no_permit"].startswith("your extension of stay")
    assert [d["rule"] for d in data["deadlines"]] == ["th-registration-tm30-24-hours",
                                                      "th-stay-ru-60-2024"]


@pytest.mark.parametrize(("expires", "key"), [("2030-03-01", "alternatives"),
                                              ("2026-03-01", "refused")])
def test_away_from_a_zone_member_the_zone_is_not_told_again_among_the_others(
        tmp_path: Path, expires: str, key: str) -> None:
    # back from Germany, which the pack judges as the Schengen area: the report answers for
    # the area ("If you enter the Schengen area ..."), and listed it again among the places
    # to go, or the places that refuse, as if it were another host
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "person:\n  citizenships: [RU]\n  documents:\n"
        f"    - {{type: international_passport, country: RU, expires: {expires}}}\n"
        "    - {type: visa, country: DE, issued: 2025-01-01, expires: 2026-12-31}\n"
        "trips: [{country: DE, entry: 2025-10-01, exit: 2025-10-20}]\n", encoding="utf-8")
    data = run_json("report", str(profile), "--on", "2026-01-10", "--format", "json")
    assert data[key], data[key]  # other hosts are listed there, the zone is not
    assert "SCHENGEN" not in [d["host"] for d in data[key]]


@pytest.mark.parametrize(("expires", "trip", "said"), [
    # within 6 months of the query day, with no exit recorded
    ("2027-01-15", "{country: UZ, entry: 2026-10-01}", True),
    ("2027-05-30", "{country: UZ, entry: 2026-10-01}", True),
    ("2027-05-31", "{country: UZ, entry: 2026-10-01}", False),
    # before the exit recorded, however far off; not when the exit comes first
    ("2028-01-15", "{country: UZ, entry: 2026-10-01, exit: 2028-03-01}", True),
    ("2027-01-15", "{country: UZ, entry: 2026-10-01, exit: 2026-12-20}", False),
])
def test_a_stay_with_no_limit_says_when_the_passport_it_is_on_ends(
        tmp_path: Path, expires: str, trip: str, said: bool) -> None:
    # Uzbekistan sets Russians no limit: with no last day of the stay, neither status nor the
    # report said that the passport entered on ends while the person stays
    profile = str(passport_profile(tmp_path / "p.yaml", trip, expires=expires))
    day = dt.date.fromisoformat(expires)
    line = (f"  Your international passport ends on {day.day} {day:%B %Y}: no rule limits the "
            "stay in Uzbekistan, but it needs a valid travel document; renew it or leave by that "
            "day.")
    status = run("status", profile, "--country", "UZ", "--on", "2026-11-30").splitlines()
    assert (line in status) is said
    data = run_json("status", profile, "--country", "UZ", "--on", "2026-11-30", "--json")
    assert data["document_end"] == ({"document": "international_passport", "citizenship": "RU",
                                     "last_day": expires, "ended": False,
                                     "before_latest_exit": False, "leave_by": None,
                                     "stay_from": None, "stay_until": None,
                                     "valid_for": None, "lapse": None} if said else None)
    report = run_json("report", profile, "--on", "2026-11-30", "--format", "json")
    assert report["stay"]["document_end"] == data["document_end"]
    ends = [d["day"] for d in report["deadlines"] if d["what"].startswith("last day of your")]
    assert ends == ([expires] if said else [])


def limited_stay_line(host: str, expires: str, latest_exit: str) -> str:
    """The line under a limited stay's answer in ``host`` for a passport ending on
    ``expires``, before the stay's ``latest_exit`` (all as ISO dates): Georgia's rule wants
    it valid through the day of leaving, Kazakhstan's says nothing of how long."""
    ends, last = (f"{d.day} {d:%B %Y}" for d in map(dt.date.fromisoformat, (expires, latest_exit)))
    why = ("Georgia wants it valid through the day you leave (ge-entry-foreign-passport-2026)"
           if host == "GE" else "the stay needs a valid travel document (the pack does not say "
           "how long Kazakhstan wants it valid beyond the day you leave)")
    return (f"  Your international passport ends on {ends}, before the stay to {last} would "
            f"end: {why}; renew it or leave by {ends}.")


# the latest exit of a stay begun on 1 December 2025, on 10 January 2026: Georgia's 365 days,
# Kazakhstan's 90 in 180
LATEST_EXIT = {"GE": "2026-11-30", "KZ": "2026-02-28"}


@pytest.mark.parametrize(("host", "expires"), [("GE", "2026-05-31"), ("KZ", "2026-02-27")])
def test_a_limited_stay_says_when_the_passport_ends_before_its_last_day(
        tmp_path: Path, host: str, expires: str) -> None:
    # a child in Georgia whose passport ends a month before the 90 days do read "you may stay
    # until ..." with no word of it, though Georgia wants the passport valid through the day
    # of leaving: the day stays the stay rules' (a passport renewed lets the stay go on), and a
    # line says by when to renew it or leave
    profile = str(passport_profile(tmp_path / "p.yaml", f"{{country: {host}, entry: 2025-12-01}}",
                                   expires=expires))
    args = ("status", profile, "--country", host, "--on", "2026-01-10")
    line = limited_stay_line(host, expires, LATEST_EXIT[host])
    assert line in run(*args).splitlines()
    data = run_json(*args, "--json")
    assert data["latest_exit"] == LATEST_EXIT[host]  # the caveat changes no figure
    rule = ({"days": 0, "months": None, "beyond": "intended_exit",
             "rule": "ge-entry-foreign-passport-2026"}
            if host == "GE" else None)
    assert data["document_end"] == {
        "document": "international_passport", "citizenship": "RU", "last_day": expires,
        "ended": False, "before_latest_exit": True, "leave_by": expires, "stay_from": None,
        "stay_until": LATEST_EXIT[host], "valid_for": rule,
        "lapse": None}
    # plan's stay from the day is the same stay, and says it too
    plan = run("plan", profile, "--country", host, "--length", "10", "--from", "2026-01-10")
    assert line in plan.splitlines()


@pytest.mark.parametrize("host", ["GE", "KZ"])
def test_a_passport_lasting_to_the_stays_last_day_is_enough(tmp_path: Path, host: str) -> None:
    # valid through the day of leaving is all Georgia asks: a passport ending on the latest
    # exit, or after it, gets no line; one ending the day before does
    last = dt.date.fromisoformat(LATEST_EXIT[host])
    for ends in (last - dt.timedelta(days=1), last, last + dt.timedelta(days=1)):
        profile = str(passport_profile(tmp_path / "p.yaml",
                                       f"{{country: {host}, entry: 2025-12-01}}",
                                       expires=ends.isoformat()))
        args = ("status", profile, "--country", host, "--on", "2026-01-10")
        said = [row for row in run(*args).splitlines()
                if row.startswith("  Your international passport")]
        expected = ([limited_stay_line(host, ends.isoformat(), LATEST_EXIT[host])]
                    if ends < last else [])
        assert said == expected, ends
        data = run_json(*args, "--json")
        assert (data["document_end"] is not None) is (ends < last), ends


def test_entering_a_host_that_wants_the_passport_valid_beyond_leaving_ends_the_stay_sooner(
        tmp_path: Path) -> None:
    # away, the Schengen area's 3 months beyond the day of leaving end a stay on a passport
    # that ends on 15 November 2024 by 15 August, as destinations' row ends it (§)
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "person:\n  citizenships: [RU]\n  documents:\n"
        "    - {type: international_passport, country: RU, expires: 2024-11-15}\n"
        "    - {type: visa, country: DE, issued: 2024-05-01, expires: 2025-10-30}\n"
        "trips: [{country: KZ, entry: 2024-05-20}]\n", encoding="utf-8")
    args = ("status", str(profile), "--country", "SCHENGEN", "--on", "2024-06-01")
    assert ("  Your international passport ends on 15 November 2024: the Schengen area wants it "
            "valid 3 months beyond the day you leave (schengen-entry-ru-visa), so the stay to 29 "
            "August 2024 can last on it only until 15 August 2024; renew it or leave by that day."
            ) in run(*args).splitlines()
    end = run_json(*args, "--json")["document_end"]
    assert (end["last_day"], end["leave_by"], end["valid_for"]) == (
        "2024-11-15", "2024-08-15",
        {"days": None, "months": 3, "beyond": "intended_exit", "rule": "schengen-entry-ru-visa"})
    rows = {d["host"]: d for d in run_json("destinations", str(profile), "--on", "2024-06-01",
                                           "--json")["destinations"]}
    assert (rows["SCHENGEN"]["latest_exit"], rows["SCHENGEN"]["limited_by"]) == (
        end["leave_by"], "document")


def test_the_report_says_it_under_its_headline_and_lists_the_day_once(tmp_path: Path) -> None:
    # Georgia's 365 days outlast the passport: the report's headline said nothing of it, the
    # passport's day only among the deadlines
    profile = str(passport_profile(tmp_path / "p.yaml", "{country: GE, entry: 2025-12-01}"))
    text = run("report", profile, "--on", "2026-01-10").splitlines()
    assert text[1].startswith("You may stay in Georgia until 30 November 2026")
    line = limited_stay_line("GE", "2026-05-31", "2026-11-30")
    assert line in text[2:text.index("Next deadlines:")]
    data = run_json("report", profile, "--on", "2026-01-10", "--format", "json")
    status = run_json("status", profile, "--country", "GE", "--on", "2026-01-10", "--json")
    assert data["stay"]["document_end"] == status["document_end"]
    assert data["stay"]["document_end"]["before_latest_exit"] is True
    # one deadline, named by the rule that wants the passport valid through the day of leaving
    assert [(d["what"], d["rule"]) for d in data["deadlines"] if d["day"] == "2026-05-31"] == [
        ("last day of your international passport, before the legal stay in Georgia ends",
         "ge-entry-foreign-passport-2026")]


def test_destinations_keeps_the_stay_where_the_person_is_and_says_what_status_says(
        tmp_path: Path) -> None:
    # the row of the host the person is in ends where status's answer does, not by the
    # passport as a new entry's would (§): the entry was made, and a passport renewed lets the
    # stay go on; the line under the table says what status says
    profile = str(passport_profile(tmp_path / "p.yaml", "{country: GE, entry: 2025-12-01}"))
    rows = {d["host"]: d for d in run_json("destinations", profile, "--on", "2026-01-10",
                                           "--json")["destinations"]}
    assert (rows["GE"]["latest_exit"], rows["GE"]["limited_by"]) == ("2026-11-30", "rule")
    table = run("destinations", profile, "--on", "2026-01-10").splitlines()
    status_line = limited_stay_line("GE", "2026-05-31", "2026-11-30")
    why = status_line.partition(" would end: ")[2]
    assert ("  Your international passport ends on 31 May 2026, before the stay shown in GE, "
            f"where you are, would end: {why}") in table


@pytest.mark.parametrize("host", ["UZ", "GE", "KZ"])
def test_a_stay_on_a_passport_that_has_ended_is_said_overdue(tmp_path: Path, host: str) -> None:
    # an expired document is no document held: the passport ended while the person stayed on,
    # and neither status nor the report said a word, with no limit (UZ), a limited stay (GE)
    # or one over its limit (KZ)
    profile = str(passport_profile(tmp_path / "p.yaml", f"{{country: {host}, entry: 2026-05-01}}",
                                   expires="2026-09-30"))
    name = {"UZ": "Uzbekistan", "GE": "Georgia", "KZ": "Kazakhstan"}[host]
    line = (f"  Your international passport, on which you entered {name}, ended on 30 September "
            f"2026, and the profile holds no other valid travel document {name} admits: you are "
            "staying there on none; renew it or leave; OVERDUE.")
    assert line in run("status", profile, "--country", host, "--on", "2026-11-30").splitlines()
    ended = {"document": "international_passport", "citizenship": "RU",
             "last_day": "2026-09-30", "ended": True, "before_latest_exit": False,
             "leave_by": None, "stay_from": None, "stay_until": None, "valid_for": None,
             "lapse": None}
    data = run_json("status", profile, "--country", host, "--on", "2026-11-30", "--json")
    assert data["document_end"] == ended
    args = ("report", profile, "--on", "2026-11-30")
    text = run(*args).splitlines()
    assert line in text
    # nowhere else to go on no document, and no CSV history to blame for it
    where_else = text.index("Where else you may go on 30 November 2026:")
    assert text[where_else + 1] == ("  none: your international passport ended on 30 September "
                                    "2026, and the profile holds no other valid travel document; "
                                    "renew it first")
    # destinations, as the report: no CSV history to blame for the "unknown" everywhere
    table = run("destinations", profile, "--on", "2026-11-30").splitlines()
    assert ("  Your international passport ended on 30 September 2026, and the profile holds no "
            "other valid travel document: renew it first, or name another with --document."
            ) in table
    assert not any("a CSV history holds none" in row for row in table)
    report = run_json(*args, "--format", "json")
    assert report["stay"]["document_end"] == ended
    assert [d for d in report["deadlines"] if d["day"] == "2026-09-30"] == [{
        "day": "2026-09-30", "rule": None, "assumed": None, "accounts_agree": None, "missed": True,
        "estimate": None, "sooner": None,
        "what": f"last day of your international passport, on which you entered {name}: you "
                "stay on no valid travel document"}]


@pytest.mark.parametrize(("documents", "said"), [
    # a newer passport of the same state, or a second citizenship's the pack does not know
    # Uzbekistan's entry for: the stay may be had on it, and the old one's end is not said
    ("{type: international_passport, country: RU, issued: 2026-09-15, expires: 2036-09-14}",
     False),
    ("{type: international_passport, country: KZ, expires: 2030-01-01}", False),
    # an internal passport Uzbekistan refuses carries no stay
    ("{type: internal_passport, country: RU, expires: 2036-09-14}", True),
])
def test_an_ended_passport_beside_another_document_held(tmp_path: Path, documents: str,
                                                        said: bool) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "person:\n  citizenships: [RU]\n  documents:\n"
        "    - {type: international_passport, country: RU, expires: 2026-09-30}\n"
        f"    - {documents}\n"
        "trips: [{country: UZ, entry: 2026-05-01}]\n", encoding="utf-8")
    data = run_json("status", str(profile), "--country", "UZ", "--on", "2026-11-30", "--json")
    assert (data["document_end"] is not None) is said
    if said:
        assert data["document_end"]["ended"] is True


@pytest.mark.parametrize(("expires", "renew"), [
    ("2027-01-15", True),  # ends between the filing day and the permit's issue
    ("2026-12-15", True),
    ("2027-06-07", False),  # lasts to the day the permit would be issued
])
def test_a_permit_issued_after_the_passport_ends_asks_to_renew_it_first(
        tmp_path: Path, expires: str, renew: bool) -> None:
    # Uzbekistan's permit, filed on 30 November 2026, would be issued about 7 June 2027: the
    # plan read "Feasible" for a passport ending before then, though the filing and the
    # permit need one valid, and the pack's rule says nothing of how long
    profile = str(passport_profile(tmp_path / "p.yaml", "{country: UZ, entry: 2026-05-01}",
                                   expires=expires))
    args = ("permit", profile, "--country", "UZ", "--permit", "uz-permit-residence",
            "--on", "2026-11-30")
    day = dt.date.fromisoformat(expires)
    note = (f"renew your international passport first: it ends on {day.day} {day:%B %Y}, "
            "before the permit would be issued about 7 June 2027; the filing and the permit "
            "need a valid passport (uz-permit-residence says nothing of how long it must be "
            "valid)")
    step = "  - renew your international passport: lead time unknown; start as soon as you can"
    text = run(*args).splitlines()
    assert text[0].startswith(("Unknown: Residence permit (Uzbekistan). Note: " + note + ".")
                              if renew else "Feasible: Residence permit (Uzbekistan).")
    assert (step in text) is renew
    data = run_json(*args, "--json")
    assert data["passport_ends"] == (expires if renew else None)
    assert (note in data["notes"]) is renew
    assert data["feasible"] == ("unknown" if renew else True)
    assert [s["document"] for s in data["steps"]] == [
        "application_form", *(["international_passport"] if renew else []), None]
    # the report plans it so too
    report = run_json("report", profile, "--on", "2026-11-30", "--format", "json")
    plan = next(p for p in report["permits"] if p["permit"]["id"] == "uz-permit-residence")
    assert plan["passport_ends"] == data["passport_ends"] and plan["notes"] == data["notes"]


def test_a_permit_rule_asking_a_passport_valid_some_days_says_so(tmp_path: Path) -> None:
    # Kazakhstan's permanent permit asks for it valid 180 days on the filing day: the note
    # gives the rule's own length, and the step the plan has already is not doubled
    profile = str(passport_profile(tmp_path / "p.yaml", "{country: KZ, entry: 2026-12-01}",
                                   expires="2027-01-15"))
    data = run_json("permit", profile, "--country", "KZ", "--permit",
                    "kz-permit-permanent-2026", "--on", "2026-12-10", "--json")
    assert data["passport_ends"] == "2027-01-15"
    assert any(n.startswith("renew your international passport first: it ends on 15 January "
                            "2027, before the filing day") and n.endswith(
                                "(kz-permit-permanent-2026 asks for it valid 180 days from the "
                                "filing day)") for n in data["notes"]), data["notes"]
    assert [s["document"] for s in data["steps"]].count("international_passport") == 1


def test_a_permit_planned_on_a_passport_already_ended_says_it_ended(tmp_path: Path) -> None:
    profile = str(passport_profile(tmp_path / "p.yaml", "{country: UZ, entry: 2026-05-01}",
                                   expires="2026-09-30"))
    data = run_json("permit", profile, "--country", "UZ", "--permit", "uz-permit-residence",
                    "--on", "2026-11-30", "--json")
    assert data["passport_ends"] == "2026-09-30"
    assert data["notes"][0].startswith("renew your international passport first: it ended on "
                                       "30 September 2026, before the filing day, 30 November "
                                       "2026;"), data["notes"]


def passport_events(profile: str, on: str) -> list[tuple[str, str]]:
    """The UID and title of each event of the report's calendar on ``on`` for a passport."""
    # iCalendar folds long lines: a line break and a space
    text = run("report", profile, "--on", on, "--format", "ics").replace("\r\n", "\n")
    text = text.replace("\n ", "")
    events = [e.split("END:VEVENT")[0] for e in text.split("BEGIN:VEVENT")[1:]]
    fields = [dict(line.split(":", 1) for line in e.splitlines() if ":" in line)
              for e in events]
    return [(f["UID"], f["SUMMARY"]) for f in fields if "passport" in f["SUMMARY"]]


def test_a_passport_ending_then_ended_is_one_calendar_event(tmp_path: Path) -> None:
    # ahead, then missed: the later export marks the event a calendar took, not a second one
    profile = str(passport_profile(tmp_path / "p.yaml", "{country: UZ, entry: 2026-05-01}",
                                   expires="2027-01-15"))
    ahead, missed = passport_events(profile, "2026-11-30"), passport_events(profile, "2027-02-01")
    assert len(ahead) == len(missed) == 1
    assert ahead[0][0] == missed[0][0]
    assert missed[0][1].startswith("MISSED: last day of your international passport")


def test_a_passport_ending_before_a_limited_stay_then_ended_is_one_calendar_event(
        tmp_path: Path) -> None:
    # ahead the report says the passport ends before the legal stay; once it has ended, that
    # the person stays on none valid: two sayings of one document's last day, one event
    profile = str(passport_profile(tmp_path / "p.yaml", "{country: KZ, entry: 2024-01-10}",
                                   expires="2024-02-01"))
    ahead, missed = passport_events(profile, "2024-01-15"), passport_events(profile, "2024-02-10")
    assert ahead[0][1].endswith("before the legal stay in Kazakhstan ends")
    assert missed[0][1].endswith("you stay on no valid travel document")
    assert [uid for uid, _ in ahead] == [uid for uid, _ in missed]


def test_each_permit_plan_s_freshness_note_is_under_its_own_plan(tmp_path: Path) -> None:
    # Kazakhstan on 1 December 2026: the temporary permit's rule has no source of the last
    # year, the permanent one's (2026) has; the one note for all the plans came after the
    # last, the permanent permit's, and read as its own
    profile = tmp_path / "p.yaml"
    profile.write_text("person: {citizenships: [RU]}\n"
                       "trips: [{country: KZ, entry: 2026-04-10}]\n", encoding="utf-8")
    lines = run("report", str(profile), "--on", "2026-12-01").splitlines()
    # each plan opens unindented, its verdict, a colon, then its name
    heads = {name: i for i, line in enumerate(lines) for name in (
        "Temporary residence permit (Kazakhstan).", "Permanent residence permit (Kazakhstan).")
        if not line.startswith(" ") and f": {name}" in line}
    note = next(i for i, line in enumerate(lines)
                if line.startswith("  Note: the residence permit rule may be out of date")
                and "(kz-permit-temporary-2024)" in line)
    temporary = heads["Temporary residence permit (Kazakhstan)."]
    permanent = heads["Permanent residence permit (Kazakhstan)."]
    assert temporary < note < permanent


def _armenian_stay(tmp_path: Path) -> Path:
    """A Russian in Armenia since 1 July 2026, registered, after 180 days there in 2023-24 and
    a stay in Georgia: 154 days of 180 used on 1 December 2026, the stay ending 27 December."""
    profile = tmp_path / "am.yaml"
    profile.write_text(
        "person:\n  citizenships: [RU]\n  documents:\n"
        "    - {type: international_passport, country: RU, expires: 2031-02-28}\n"
        "trips:\n"
        "  - {country: AM, entry: 2022-09-24, exit: 2023-03-22}\n"
        "  - {country: GE, entry: 2023-03-22, exit: 2023-09-20}\n"
        "  - {country: AM, entry: 2023-09-20, exit: 2024-03-17}\n"
        "  - {country: GE, entry: 2024-03-17, exit: 2026-06-30}\n"
        "  - {country: AM, entry: 2026-07-01}\n"
        "registrations: [{country: AM, on: 2026-07-20}]\n", encoding="utf-8")
    return profile


def test_a_permit_filing_due_before_the_report_s_day_is_listed_as_missed(tmp_path: Path
                                                                        ) -> None:
    # Armenia asks for a residence card 30 days before the stay ends: due by 27 November, the
    # plans said so, and "Passed before" listed nothing
    args = ("report", str(_armenian_stay(tmp_path)), "--on", "2026-12-01",
            "--assume", "am-180-rolling-365")
    passed = _deadlines(run(*args))
    passed = passed[passed.index("Passed before 1 December 2026:") + 1:]
    for name, rule in (("Permanent residence card", "am-permit-permanent-2026-11"),
                       ("Temporary residence card", "am-permit-temporary-2026-11")):
        assert (f"  27 November 2026  {name} (Armenia): file the application (missed)  "
                f"[{rule}]") in passed, passed
    data = run_json(*args, "--format", "json")
    assert [d["rule"] for d in data["deadlines"]
            if d["day"] == "2026-11-27" and d["missed"]] == [
        "am-permit-permanent-2026-11", "am-permit-temporary-2026-11"]
    # ahead, the same filing was a deadline to meet, the calendar event the missed one marks
    early = run_json("report", str(_armenian_stay(tmp_path)), "--on", "2026-11-20",
                     "--assume", "am-180-rolling-365", "--format", "json")
    assert [d["missed"] for d in early["deadlines"] if d["day"] == "2026-11-27"
            and d["what"].endswith("file the application")] == [False, False]


def test_a_filing_day_the_host_may_want_sooner_says_so(tmp_path: Path) -> None:
    # am-permit-special-passport gives no days before the stay ends, its note saying the
    # residence cards' 30 are not known to apply: its day, the stay's last working day, read
    # as certain beside cards due 30 days before
    args = ("report", str(_armenian_stay(tmp_path)), "--on", "2026-12-01",
            "--assume", "am-180-rolling-365")
    [line] = [d for d in _deadlines(run(*args)) if "Special residency passport" in d]
    assert line.startswith("  25 December 2026  ") and (
        "perhaps due by 27 November 2026 instead, as said below)") in line, line
    data = run_json(*args, "--format", "json")
    [plan] = [p for p in data["permits"] if p["permit"]["id"] == "am-permit-special-passport"]
    assert ("Armenia asks for its other permits 30 days before the stay ends "
            "(am-permit-temporary-2026-11, am-permit-permanent-2026-11); whether it does for "
            "this one the pack does not say: if it does, the application was due by "
            "27 November 2026, before 1 December 2026.") in plan["verdict"]
    [due] = [d for d in data["deadlines"] if d["rule"] == "am-permit-special-passport"]
    assert due["sooner"] == "2026-11-27"
    # the cards' own rules give their 30 days: no doubt is said of theirs
    assert all(d["sooner"] is None for d in data["deadlines"] if d is not due)


def test_a_legal_stay_ended_before_a_change_of_rule_names_the_rule_it_broke(
        tmp_path: Path) -> None:
    # Entered Vietnam on 20 July 2023 under the 15 days, over from 4 August and still there on
    # 10 September: the missed last day, 3 August, named vn-stay-ru-45-2023, the rule binding
    # on the report's day, in force only from 15 August; the overstay began under
    # vn-stay-ru-by-15-2022, as status's overstay line says
    profile = tmp_path / "vn.yaml"
    profile.write_text("person: {citizenships: [RU]}\n"
                       "trips: [{country: VN, entry: 2023-07-20}]\n"
                       "registrations: [{country: VN, on: 2023-07-20}]\n")
    args = ("report", str(profile), "--on", "2023-09-10")
    assert ("  3 August 2023  last day of legal stay in Vietnam (missed)  "
            "[vn-stay-ru-by-15-2022]") in _deadlines(run(*args))
    data = run_json(*args, "--format", "json")
    assert [d["rule"] for d in data["deadlines"]
            if d["what"] == "last day of legal stay in Vietnam"] == ["vn-stay-ru-by-15-2022"]
