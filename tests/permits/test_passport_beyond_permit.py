"""A passport that must outlast the permit: a permit's rule wanting it valid some time beyond
the permit's last day (``valid_beyond_permit``), counted over the permit's term where the pack
gives one (Azerbaijan's; Serbia's, 1 year and 3 from February 2024), and a step to check
where it does not (Vietnam's), which leaves the verdict to the rest of the plan. Each test names the
wrong answer it caught."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import sojourn.rules
from sojourn.cli import app
from sojourn.rules.topics import Length, Permit, Requirement

runner = CliRunner()
# with no processing time known, the permit begins on a day the plan cannot give
UNDECIDED = ("(it begins on the day it is decided, which the pack does not know: it gives no "
             "processing time)")


def plan(tmp_path: Path, host: str, expires: str, entry: str, on: str,
         ) -> tuple[str, dict[str, Any]]:
    """The temporary permit of ``host`` planned on ``on`` for a Russian there since
    ``entry``, whose international passport ends on ``expires``: the text and the JSON."""
    path = tmp_path / "p.yaml"
    path.write_text(
        "person:\n"
        "  citizenships: [RU]\n"
        "  documents:\n"
        "    - {type: international_passport, country: RU, issued: 2014-03-02, "
        f"expires: {expires}}}\n"
        f"trips:\n  - {{country: {host}, entry: {entry}, by: air}}\n", encoding="utf-8")
    args = ["permit", str(path), "--country", host, "--permit",
            f"{host.lower()}-permit-temporary", "--on", on]
    text = runner.invoke(app, args)
    data = runner.invoke(app, [*args, "--json"])
    assert text.exit_code == 0 and data.exit_code == 0, text.output + data.output
    return text.stdout, json.loads(data.stdout)


def plan_args(tmp_path: Path, args: list[str]) -> tuple[str, dict[str, Any]]:
    """``sojourn permit`` run with ``args``: the text and the JSON."""
    text = runner.invoke(app, ["permit", *args])
    data = runner.invoke(app, ["permit", *args, "--json"])
    assert text.exit_code == 0 and data.exit_code == 0, text.output + data.output
    return text.stdout, json.loads(data.stdout)


def test_serbia_a_passport_ending_before_the_year_is_out_cuts_the_permit_short(
        tmp_path: Path) -> None:
    # Serbia wants the passport valid 3 months beyond the permit's end, and until February
    # 2024 gave the permit for a year at most. Filed in May 2023 with a passport ending 1
    # March 2024, the plan read "Feasible" and said nothing, then said to renew the passport
    # first: a year is the longest term, and on this passport the permit can be issued to 1
    # December 2023, so it is a caution, and the verdict the rest of the plan's.
    text, data = plan(tmp_path, "RS", "2024-03-01", "2023-05-01", "2023-05-10")
    assert data["feasible"] is True
    assert data["permit"]["term"] == "12 months"
    assert data["passport_ends"] is None
    assert data["passport_beyond_permit"] == {
        "rule": "rs-permit-temporary", "document": "international_passport",
        "beyond": "3 months", "permit_term": "12 months", "permit_begins": "2023-05-29",
        "issue_day_known": False, "permit_ends": "2024-05-28", "valid_to": "2024-08-28",
        "valid_to_at_least": True, "passport_ends": "2024-03-01",
        "permit_ends_by": "2023-12-01", "met": False, "cut_short_to": "2023-12-01",
        "full_term_if_issued_by": None}
    assert not any("passport" in s["step"] for s in data["steps"])
    # the text says what the JSON gives: the day counted and the longest permit it allows
    assert ("On your international passport the permit would run to 1 December 2023 at most, "
            "not its full term: rs-permit-temporary wants it valid 3 months beyond the "
            f"permit's last day; issued on the filing day, 29 May 2023, at the earliest "
            f"{UNDECIDED} for its full term of 12 months, the permit would run "
            "to at least 28 May 2024, so the passport must be valid to 28 August 2024 at "
            "least, and it ends on 1 March 2024.") in text.splitlines()[0]
    assert "renew" not in text and "refused" not in text


def test_serbia_gives_3_years_from_february_2024(tmp_path: Path) -> None:
    # The 2023 amendments to Serbia's Law on Foreigners let the permit run up to 3 years
    # from 1 February 2024: filed on 29 May 2024, it runs to 28 May 2027 at least, and a
    # passport ending on 1 January 2027, enough for the old year, is not for the new term.
    text, data = plan(tmp_path, "RS", "2027-01-01", "2024-05-01", "2024-05-10")
    assert data["permit"]["id"] == "rs-permit-temporary-2024"
    assert data["permit"]["term"] == "36 months"
    beyond = data["passport_beyond_permit"]
    assert (beyond["rule"], beyond["permit_ends"], beyond["valid_to"], beyond["met"],
            beyond["cut_short_to"]) == ("rs-permit-temporary-2024", "2027-05-28",
                                        "2027-08-28", False, "2026-10-01")
    assert data["passport_ends"] is None
    assert ("On your international passport the permit would run to 1 October 2026 at most, "
            "not its full term: rs-permit-temporary-2024 wants it valid 3 months beyond the "
            f"permit's last day; issued on the filing day, 29 May 2024, at the earliest "
            f"{UNDECIDED} for its full term of 36 months, the permit would run "
            "to at least 28 May 2027, so the passport must be valid to 28 August 2027 at "
            "least, and it ends on 1 January 2027.") in text
    # filed on 29 January 2024, before the change, the year still holds: the same passport
    # lasts it for a permit issued by 2 October 2025
    _, before = plan(tmp_path, "RS", "2027-01-01", "2024-01-01", "2024-01-10")
    assert before["permit"]["id"] == "rs-permit-temporary"
    assert before["passport_beyond_permit"]["permit_ends"] == "2025-01-28"
    assert before["passport_beyond_permit"]["met"] == "unknown"
    assert before["passport_beyond_permit"]["full_term_if_issued_by"] == "2025-10-02"
    assert before["feasible"] is True


def test_a_passport_short_of_serbias_3_years_is_a_caution_not_a_renewal(
        tmp_path: Path) -> None:
    # A Russian in Serbia from 1 March 2024, filing by 29 March, passport ending 1 January
    # 2026: the plan read "Unknown", with "renew your international passport first" and a
    # step to renew it, though a renewal abroad takes months and the permit can be issued
    # on this passport to 1 October 2025. 3 years is the longest term, not the only one.
    path = tmp_path / "bg4.yaml"
    path.write_text(
        "person:\n  citizenships: [RU]\n  born: 1991-06-14\n  documents:\n"
        "    - {type: international_passport, country: RU, issued: 2016-03-02, "
        "expires: 2026-01-01}\n"
        "trips:\n  - {country: RS, entry: 2024-03-01, by: air}\n"
        "registrations:\n  - {country: RS, on: 2024-03-01}\n", encoding="utf-8")
    text, data = plan_args(tmp_path, [str(path), "--country", "RS", "--permit",
                                      "rs-permit-temporary-2024", "--on", "2024-03-10"])
    assert data["feasible"] is True
    assert text.startswith("Feasible: Temporary residence permit (Serbia).")
    assert data["passport_ends"] is None
    beyond = data["passport_beyond_permit"]
    assert (beyond["permit_term"], beyond["valid_to"], beyond["met"],
            beyond["cut_short_to"]) == ("36 months", "2027-06-28", False, "2025-10-01")
    assert not any("passport" in s["step"] for s in data["steps"])
    assert "renew" not in text and "refused" not in text
    # the text gives the JSON's days, with the rule it rests on
    caution = ("On your international passport the permit would run to 1 October 2025 at "
               "most, not its full term: rs-permit-temporary-2024 wants it valid 3 months "
               "beyond the permit's last day; issued on the filing day, 29 March 2024, at the "
               f"earliest {UNDECIDED} for its full term of 36 months, the "
               "permit would run to at least 28 March 2027, so the passport must be valid to "
               "28 June 2027 at least, and it ends on 1 January 2026.")
    assert caution in text.splitlines()[0]
    assert data["verdict"].endswith(caution)


@pytest.mark.parametrize(("expires", "said"), [
    ("2027-06-28", "Your international passport lasts the permit's full term only if the "
                   "permit is issued by 29 March 2024"),
    ("2027-06-27", "On your international passport the permit would run to 27 March 2027 "
                   "at most, not its full term"),
    ("2024-06-29", "On your international passport the permit would run to 29 March 2024 "
                   "at most, not its full term"),
    ("2024-06-28", "Note: renew your international passport first: it ends on 28 June 2024, "
                   "and rs-permit-temporary-2024 wants it valid 3 months beyond the permit's "
                   "last day: issued on the filing day, 29 March 2024, at the earliest "
                   f"{UNDECIDED}, even a permit of that one day needs the "
                   "passport valid to 29 June 2024 at least (for its full term of 36 months, "
                   "to 28 June 2027 at least); on this one the permit would be refused."),
])
def test_serbias_3_years_the_full_term_a_shorter_permit_and_none(
        tmp_path: Path, expires: str, said: str) -> None:
    # Filed on 29 March 2024: a passport to 28 June 2027 lasts the full term; the day before
    # cuts the permit short by a day; one to 29 June 2024 still carries a permit of its first
    # day; one ending the day before carries none, and is renewed first ("Unknown").
    text, data = plan(tmp_path, "RS", expires, "2024-03-01", "2024-03-10")
    assert data["permit"]["id"] == "rs-permit-temporary-2024"
    assert said in text
    renewed = expires == "2024-06-28"
    assert data["feasible"] == ("unknown" if renewed else True)
    assert data["passport_ends"] == (expires if renewed else None)
    assert any(s["step"] == "renew your international passport"
               for s in data["steps"]) is renewed
    assert data["passport_beyond_permit"]["cut_short_to"] == (
        None if renewed or expires == "2027-06-28" else data["passport_beyond_permit"][
            "permit_ends_by"])


@pytest.mark.parametrize(("expires", "by", "ends_by"), [
    ("2024-10-01", "2 July 2023", "1 July 2024"),
    ("2024-08-28", "29 May 2023", "28 May 2024"),  # the least day: only issued on filing
])
def test_serbia_with_no_processing_time_the_full_term_depends_on_the_decision_day(
        tmp_path: Path, expires: str, by: str, ends_by: str) -> None:
    # A Russian in Serbia filing on 29 May 2023, passport ending on 1 October 2024: the plan
    # read "Your international passport lasts long enough" and the JSON "met": true, though
    # the count started from the filing day, the earliest the permit can begin. It begins on
    # the day it is decided, which the pack does not know: decided after 2 July 2023, a year's
    # permit would run past 1 July 2024, less than 3 months before the passport ends.
    text, data = plan(tmp_path, "RS", expires, "2023-05-01", "2023-05-10")
    assert data["feasible"] is True  # a permit can be issued on it either way
    beyond = data["passport_beyond_permit"]
    assert (beyond["issue_day_known"], beyond["valid_to_at_least"], beyond["met"],
            beyond["cut_short_to"]) == (False, True, "unknown", None)
    day_by = dt.datetime.strptime(by, "%d %B %Y").date().isoformat()
    assert beyond["full_term_if_issued_by"] == day_by
    assert "lasts long enough" not in text
    ends = dt.date.fromisoformat(expires)
    assert (f"Your international passport lasts the permit's full term only if the permit is "
            f"issued by {by}: rs-permit-temporary wants it valid 3 months beyond the permit's "
            f"last day; issued on the filing day, 29 May 2023, at the earliest {UNDECIDED} for "
            "its full term of 12 months, the permit would run to at least 28 May 2024, so the "
            "passport must be valid to 28 August 2024 at least; yours ends on "
            f"{ends.day} {ends:%B %Y}, so it allows a permit to run to {ends_by} at most: issued "
            f"after {by}, the permit would be cut short to that day.") in text.splitlines()[0]
    # said in the headline; the term is known, so there is no check step to add
    assert not any(s["check"] for s in data["steps"])


def test_vietnams_renewal_names_both_conditions_the_days_from_filing_first(
        tmp_path: Path) -> None:
    # Vietnam asks for the passport valid 365 days from the filing day and 30 days beyond the
    # card's end. One ending before the card is issued was told only the 30 days beyond the
    # card, which a passport can meet and still be refused for the 365 days.
    path = tmp_path / "vn.yaml"
    path.write_text(
        "person:\n  citizenships: [RU]\n  documents:\n"
        "    - {type: international_passport, country: RU, expires: 2024-07-12}\n"
        "trips:\n  - {country: VN, entry: 2024-06-01, by: air}\n", encoding="utf-8")
    text, data = plan_args(tmp_path, [
        str(path), "--country", "VN", "--permit", "vn-permit-temporary-residence-card",
        "--on", "2024-06-10", "--apply-on", "2024-07-08"])
    assert data["feasible"] == "unknown"
    assert ("renew your international passport first: it ends on 12 July 2024, before the "
            "permit would be issued about 15 July 2024; the filing and the permit need a valid "
            "passport (vn-permit-temporary-residence-card asks for it valid 365 days from the "
            "filing day, and wants it valid 30 days beyond the permit's last day)") in text


def test_a_ten_year_passport_and_a_term_not_known_leave_the_plan_feasible(
        tmp_path: Path) -> None:
    # Vietnam's card must end 30 days before the passport, and its term (2 to 10 years by
    # purpose) is not one the pack can give. A passport to 2033 read "Unknown": a condition
    # the person can check against the term they are given is a step, as a lease of unknown
    # lead time is, and the verdict is the rest of the plan's, with the latest day the
    # passport allows the card to run to in the headline and the step. The card follows a
    # (paper) visa of its purpose, held here, as a visa-exempt visitor holds none.
    path = tmp_path / "vn.yaml"
    path.write_text(
        "person:\n  citizenships: [RU]\n  documents:\n"
        "    - {type: international_passport, country: RU, issued: 2023-03-02, "
        "expires: 2033-03-01}\n"
        "    - {type: visa, country: VN, issued: 2024-07-01, expires: 2024-09-30, "
        "form: paper}\n"
        "trips:\n  - {country: VN, entry: 2024-06-01, by: air}\n", encoding="utf-8")
    text, data = plan_args(tmp_path, [
        str(path), "--country", "VN", "--permit", "vn-permit-temporary-residence-card",
        "--on", "2024-06-10", "--apply-on", "2024-07-08"])
    assert data["feasible"] is True
    assert text.startswith("Feasible: Temporary residence card (Vietnam).")
    beyond = data["passport_beyond_permit"]
    assert (beyond["permit_term"], beyond["met"], beyond["permit_ends_by"]) == (
        None, "unknown", "2033-01-30")
    assert data["passport_ends"] is None
    check = [s for s in data["steps"] if s["check"]]
    assert [s["step"] for s in check] == [
        "check your international passport against the permit's term"]
    assert data["steps"][-1]["document"] is None  # the check comes before the filing
    assert check[0]["check"].endswith(
        "yours ends on 1 March 2033, so it allows a permit to run to 30 January 2033 at most")
    assert (f"  - check your international passport against the permit's term: "
            f"{check[0]['check']}") in text
    assert ("Check your international passport against the permit's term: "
            "vn-permit-temporary-residence-card wants it valid 30 days beyond the permit's "
            "last day, and the pack does not know how long the permit is issued for; yours "
            "ends on 1 March 2033, so it allows a permit to run to 30 January 2033 at "
            "most.") in text.splitlines()[0]


def test_with_no_term_a_passport_ending_within_3_months_of_filing_is_renewed_first(
        tmp_path: Path) -> None:
    # Even with no term known (Serbia's rule with its term taken out of a copy of the pack),
    # a permit ends no sooner than it begins: a passport ending less than 3 months after
    # the filing day cannot carry any permit, and that stays a renewal, and "Unknown".
    pack = tmp_path / "pack"
    shutil.copytree(Path(sojourn.rules.__file__).parent / "pack", pack)
    permits = pack / "permits.yaml"
    permits.write_text(re.sub(r"\n *term: \{months: \d+\}", "", permits.read_text(
        encoding="utf-8")), encoding="utf-8")
    path = tmp_path / "p.yaml"
    path.write_text(
        "person:\n  citizenships: [RU]\n  documents:\n"
        "    - {type: international_passport, country: RU, expires: 2023-08-01}\n"
        "trips:\n  - {country: RS, entry: 2023-05-01, by: air}\n", encoding="utf-8")
    text, data = plan_args(tmp_path, [
        str(path), "--country", "RS", "--permit", "rs-permit-temporary", "--on", "2023-05-10",
        "--pack", str(pack)])
    assert data["passport_beyond_permit"]["permit_term"] is None
    assert data["feasible"] == "unknown"
    assert data["passport_ends"] == "2023-08-01"
    assert data["passport_beyond_permit"]["met"] is False
    assert ("Note: renew your international passport first: it ends on 1 August 2023, and "
            "rs-permit-temporary wants it valid 3 months beyond the permit's last day: the "
            "pack does not know how long the permit is issued for, but issued on the filing "
            f"day, 29 May 2023, at the earliest {UNDECIDED}, it runs "
            "to that day at least, so the passport must be valid to 29 August 2023 at least; "
            "on this one the permit would be refused.") in text
    assert "  - renew your international passport: lead time unknown" in text


def test_azerbaijan_counts_the_day_over_the_permits_year(tmp_path: Path) -> None:
    # Azerbaijan's first permit runs up to a year, and the passport must outlast it by 3
    # months: filed on 27 September 2023 and issued about 25 October, the permit runs to 24
    # October 2024 and the passport must last to 24 January 2025. One ending on 1 March 2024
    # read "Feasible", then "renew first"; it carries a permit to 1 December 2023.
    text, data = plan(tmp_path, "AZ", "2024-03-01", "2023-05-01", "2023-05-10")
    assert data["feasible"] is True
    beyond = data["passport_beyond_permit"]
    assert (beyond["permit_term"], beyond["permit_begins"], beyond["permit_ends"],
            beyond["valid_to"], beyond["valid_to_at_least"], beyond["permit_ends_by"],
            beyond["met"], beyond["cut_short_to"]) == (
                "12 months", "2023-10-25", "2024-10-24", "2025-01-24", False, "2023-12-01",
                False, "2023-12-01")
    assert data["passport_ends"] is None
    assert ("On your international passport the permit would run to 1 December 2023 at most, "
            "not its full term: az-permit-temporary wants it valid 3 months beyond the "
            "permit's last day; issued about 25 October 2023 for its full term of 12 months, the "
            "permit would run to about 24 October 2024, so the passport must be valid to 24 "
            "January 2025, and it ends on 1 March 2024.") in text
    assert not any("passport" in s["step"] for s in data["steps"])


def test_azerbaijan_a_passport_ending_within_3_months_of_the_issue_is_renewed_first(
        tmp_path: Path) -> None:
    # Issued about 25 October 2023, even a permit of one day needs the passport valid to 25
    # January 2024: one ending the day before can carry no permit, and is renewed first.
    text, data = plan(tmp_path, "AZ", "2024-01-24", "2023-05-01", "2023-05-10")
    assert data["feasible"] == "unknown"
    assert data["passport_ends"] == "2024-01-24"
    assert data["passport_beyond_permit"]["cut_short_to"] is None
    assert ("Note: renew your international passport first: it ends on 24 January 2024, and "
            "az-permit-temporary wants it valid 3 months beyond the permit's last day: issued "
            "about 25 October 2023, even a permit of that one day needs the passport valid to "
            "25 January 2024 (for its full term of 12 months, to 24 January 2025); on this "
            "one the permit would be refused.") in text
    renew = next(s for s in data["steps"] if s["step"] == "renew your international passport")
    assert renew["note"] == ("valid to 24 January 2025, 3 months beyond the permit's last "
                             "day, about 24 October 2024 (az-permit-temporary)")
    assert f"      note: {renew['note']}" in text
    # a passport ending on that day carries a permit of that one day
    _, one_day = plan(tmp_path, "AZ", "2024-01-25", "2023-05-01", "2023-05-10")
    assert one_day["passport_ends"] is None
    assert one_day["passport_beyond_permit"]["cut_short_to"] == "2023-10-25"


@pytest.mark.parametrize(("expires", "met", "cut_short_to"),
                         [("2025-01-24", True, None), ("2025-01-23", False, "2024-10-23")])
def test_azerbaijan_the_day_the_passport_must_last_to_is_enough(
        tmp_path: Path, expires: str, met: bool, cut_short_to: str | None) -> None:
    # The passport's last day on the day counted lasts the full term; the day before cuts
    # the permit short by a day, and the plan still works.
    text, data = plan(tmp_path, "AZ", expires, "2023-05-01", "2023-05-10")
    assert data["passport_beyond_permit"]["met"] is met
    assert data["passport_beyond_permit"]["cut_short_to"] == cut_short_to
    assert data["feasible"] is True
    assert ("not its full term" in text) is not met
    if met:
        assert ("Your international passport lasts long enough: az-permit-temporary wants it "
                "valid 3 months beyond the permit's last day; issued about 25 October 2023 "
                "for its full term of 12 months, the permit would run to about 24 October 2024, so "
                "the passport must be valid to 24 January 2025, and it ends on 24 January "
                "2025.") in text
        assert not any(s["check"] for s in data["steps"])


def test_a_csv_history_gets_the_condition_on_the_passport_step(tmp_path: Path) -> None:
    # A CSV history holds no passport: the step to get one says how long it must last.
    path = tmp_path / "h.csv"
    path.write_text("country,entry,exit\nAZ,2023-05-01,\n", encoding="utf-8")
    result = runner.invoke(app, ["permit", str(path), "--citizenship", "RU", "--country",
                                 "AZ", "--permit", "az-permit-temporary", "--on",
                                 "2023-05-10", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    step = next(s for s in data["steps"] if s["document"] == "international_passport")
    assert step["note"] == ("valid to 24 January 2025, 3 months beyond the permit's last day, "
                            "about 24 October 2024 (az-permit-temporary)")
    assert data["passport_beyond_permit"]["met"] == "unknown"


def test_the_schema_refuses_a_condition_it_would_not_check() -> None:
    # valid_beyond_permit on a document that is no passport would be said nowhere
    with pytest.raises(ValueError, match="which is no passport"):
        Requirement.model_validate({"document": "health_insurance",
                                    "valid_beyond_permit": {"months": 3}})
    with pytest.raises(ValueError, match="neither days nor months"):
        Requirement.model_validate({"document": "international_passport",
                                    "valid_beyond_permit": {}})
    with pytest.raises(ValueError, match="a term of 0 days is no permit"):
        Permit.model_validate({"name": "P", "kind": "temporary", "term": {"days": 0}})
    # the longest permit a passport ending on 1 March 2024 allows, 3 months before it
    assert Length(months=3).last_start(dt.date(2024, 3, 1)) == dt.date(2023, 12, 1)
