"""`report` tells a residence-permit holder when the permit ends, a day to renew it by: among
the deadlines, in --format json and as a calendar event; where the pack's rule for such a
permit asks an application some days before the stay ends, the last day to file the renewal
too."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sojourn.dates import format_long
from sojourn.rules.loader import load_pack
from sojourn.stay import working_calendar

from cli_lines import printed as run

# a Russian with a foreign passport valid for years, the person of every profile here
RUSSIAN = ("person:\n"
           "  citizenships: [RU]\n"
           "  documents:\n"
           "    - {type: international_passport, country: RU, issued: 2019-08-01, "
           "expires: 2031-08-01}\n")


def holder(tmp_path: Path, country: str, entry: str, permit_from: str, permit_to: str,
           kind: str = "temporary_residence") -> str:
    """A Russian in ``country`` since ``entry``, holding a permit of ``kind`` there."""
    path = tmp_path / f"{country.lower()}-{permit_to}.yaml"
    path.write_text(
        RUSSIAN
        + f"trips: [{{country: {country}, entry: {entry}, by: air}}]\n"
        f"permits: [{{country: {country}, kind: {kind}, valid_from: {permit_from}, "
        f"valid_to: {permit_to}}}]\n", encoding="utf-8")
    return str(path)


def deadlines(profile: str, on: str) -> list[dict[str, Any]]:
    data: Any = json.loads(run("report", profile, "--on", on, "--format", "json"))
    return list(data["deadlines"])


def events(profile: str, on: str, tmp_path: Path) -> list[dict[str, str]]:
    calendar = tmp_path / "d.ics"
    run("report", profile, "--on", on, "--format", "ics", "-o", str(calendar))
    text = calendar.read_text(encoding="utf-8").replace("\r\n ", "")
    return [dict(line.split(":", 1) for line in e.splitlines() if ":" in line)
            for e in text.split("BEGIN:VEVENT")[1:]]


def test_a_permit_s_last_day_is_a_deadline_to_renew_it_by(tmp_path: Path) -> None:
    # in Kazakhstan on a temporary residence permit to 19 June 2027: the report listed the
    # permit plans and the legal stay's end, but not the day the permit itself ends
    profile = holder(tmp_path, "KZ", "2026-04-10", "2026-06-20", "2027-06-19")
    text = run("report", profile, "--on", "2026-12-01")
    line = next(ln for ln in text.splitlines() if ln.strip().startswith("19 June 2027"))
    assert "last day of your temporary residence permit in Kazakhstan: renew it by then" in line
    # the pack has no rule saying how long before it to file
    assert "no time to file the renewal by" in line
    ends = [d for d in deadlines(profile, "2026-12-01") if d["day"] == "2027-06-19"]
    assert len(ends) == 1 and ends[0]["rule"] is None and ends[0]["missed"] is False
    titles = [e["SUMMARY"] for e in events(profile, "2026-12-01", tmp_path)
              if e["DTSTART;VALUE=DATE"] == "20270619"]
    assert len(titles) == 1 and "temporary residence permit in Kazakhstan" in titles[0]


def test_a_permit_ended_or_an_extension_of_stay_is_no_permit_to_renew(tmp_path: Path) -> None:
    ended = holder(tmp_path, "KZ", "2026-04-10", "2026-06-20", "2026-11-30")
    assert not any("renew" in d["what"] for d in deadlines(ended, "2026-12-01"))
    extension = holder(tmp_path, "TH", "2026-11-01", "2026-12-01", "2026-12-30", "extension")
    assert not any("renew" in d["what"] for d in deadlines(extension, "2026-12-05"))


def _lead(host: str, day: str) -> tuple[str, int]:
    """The host's temporary permit rule in force on ``day`` and the days before the end of
    the stay it asks an application by."""
    on = dt.date.fromisoformat(day)
    rule = next(r for r in load_pack().rules
                if r.topic == "permit" and r.host == host and r.permit is not None
                and r.permit.kind == "temporary" and r.valid_from <= on
                and (r.valid_to is None or on <= r.valid_to))
    assert rule.permit is not None and rule.permit.apply_days_before_stay_ends is not None
    return rule.id, rule.permit.apply_days_before_stay_ends


def test_a_renewal_is_filed_as_long_before_the_end_as_the_pack_s_rule_asks(
        tmp_path: Path) -> None:
    # Armenia's card: the rule asks an application 30 days before the stay ends, and its
    # sources say a renewal likewise before the card expires
    rule, before = _lead("AM", "2027-02-28")
    file_by = working_calendar("AM", load_pack()).working_day_by(
        dt.date(2027, 2, 28) - dt.timedelta(days=before))
    profile = holder(tmp_path, "AM", "2026-01-10", "2026-03-01", "2027-02-28")
    due = {d["day"]: d for d in deadlines(profile, "2026-12-01")}
    renew = due[file_by.isoformat()]
    assert renew["what"].startswith("file to renew your temporary residence permit in Armenia")
    assert renew["rule"] == rule and renew["missed"] is False
    assert due["2027-02-28"]["rule"] == rule
    assert due["2027-02-28"]["what"].endswith(
        f"renew it by then, filing by {format_long(file_by)}")
    # passed, the day to file is not called missed: a profile records no renewal filed
    text = run("report", profile, "--on", "2027-02-10")
    passed = text.split("Passed before 10 February 2027:")[1]
    line = next(ln for ln in passed.splitlines() if "file to renew" in ln)
    assert "(missed)" not in line


def test_a_day_to_file_a_renewal_that_is_an_estimate_says_why_in_its_line(
        tmp_path: Path) -> None:
    # Azerbaijan's decrees moving days off in 2027 are not known: no answer above or below the
    # deadlines says so of a held permit, so the line does
    profile = holder(tmp_path, "AZ", "2026-01-10", "2026-03-01", "2027-04-05")
    renew = next(d for d in deadlines(profile, "2026-12-01") if "file to renew" in d["what"])
    assert renew["estimate"]
    text = run("report", profile, "--on", "2026-12-01")
    line = next(ln for ln in text.splitlines() if "file to renew" in ln)
    assert f"(an estimate: {renew['estimate']})" in line and "as said" not in line


def test_a_permit_s_end_corrected_moves_its_calendar_event(tmp_path: Path) -> None:
    corrected = "2027-05-31"
    first = holder(tmp_path, "KZ", "2026-04-10", "2026-06-20", "2027-06-19")
    uid = next(e["UID"] for e in events(first, "2026-12-01", tmp_path)
               if e["DTSTART;VALUE=DATE"] == "20270619")
    # the same file, its permit's last day corrected
    Path(first).write_text(Path(first).read_text(encoding="utf-8").replace(
        "2027-06-19", corrected), encoding="utf-8")
    moved = [e for e in events(first, "2026-12-01", tmp_path) if e["UID"] == uid]
    assert [e["DTSTART;VALUE=DATE"] for e in moved] == [corrected.replace("-", "")]


def _renewal_line(profile: str, on: str, *assume: str) -> tuple[dict[str, Any], str]:
    """The deadline to file the renewal in --format json, and its line in the text."""
    options = [x for name in assume for x in ("--assume", name)]
    data: Any = json.loads(run("report", profile, "--on", on, "--format", "json", *options))
    renew = next(d for d in data["deadlines"] if d["what"].startswith("file to renew"))
    text = run("report", profile, "--on", on, *options)
    return renew, next(ln for ln in text.splitlines() if "file to renew" in ln)


def test_a_renewal_s_day_to_file_follows_the_variant_assumed(tmp_path: Path) -> None:
    # Serbia's temporary permit: its sources disagree on whether the last day of the stay is
    # still a day to file; the report counted the renewal back by the default account even
    # with the other assumed
    pack = load_pack()
    # the rule in force on the renewal's day in 2027: the one from February 2024, open-ended
    rule = next(r for r in pack.rules
                if r.id.startswith("rs-permit-temporary") and r.valid_to is None)
    assert rule.permit is not None and rule.permit.apply_days_before_stay_ends is not None
    by_default = rule.permit.apply_days_before_stay_ends
    other = next(v for v in rule.variants if v.permit is not None
                 and v.permit.apply_days_before_stay_ends not in (None, by_default))
    assert other.permit is not None and other.permit.apply_days_before_stay_ends is not None
    ends = dt.date(2027, 1, 29)
    office = working_calendar("RS", pack)
    profile = holder(tmp_path, "RS", "2025-01-10", "2025-02-01", ends.isoformat())
    for assume, before in (((), by_default),
                           ((other.name,), other.permit.apply_days_before_stay_ends)):
        renew, line = _renewal_line(profile, "2026-12-01", *assume)
        file_by = office.working_day_by(ends - dt.timedelta(days=before))
        assert renew["day"] == file_by.isoformat(), assume
        assert renew["rule"] == rule.id
        # "1 days before": the count is worded as every other count is
        said = "1 day" if before == 1 else f"{before} days"
        assert f"({said} before, as {rule.id} asks)" in line, line


def visiting_russia(tmp_path: Path, country: str, permit_to: str) -> str:
    """A Russian living in ``country`` on a temporary residence permit to ``permit_to``, back
    in Russia since 20 November 2026 on a visit."""
    path = tmp_path / f"{country.lower()}-visit.yaml"
    path.write_text(
        RUSSIAN
        + "trips:\n"
        f"  - {{country: {country}, entry: 2026-04-10, exit: 2026-11-20, by: air}}\n"
        "  - {country: RU, entry: 2026-11-20, by: air}\n"
        f"permits: [{{country: {country}, kind: temporary_residence, valid_from: 2026-06-20, "
        f"valid_to: {permit_to}}}]\n", encoding="utf-8")
    return str(path)


def test_a_permit_held_abroad_is_told_on_a_visit_to_russia(tmp_path: Path) -> None:
    # back in Russia for a visit, a relocant with a Kazakh permit read "none known" under
    # the deadlines: the permit's end was told only to a person in Kazakhstan
    profile = visiting_russia(tmp_path, "KZ", "2027-06-19")
    text = run("report", profile, "--on", "2026-12-01")
    line = next(ln for ln in text.split("Next deadlines:")[1].splitlines()
                if ln.strip().startswith("19 June 2027"))
    assert "last day of your temporary residence permit in Kazakhstan: renew it by then" in line
    # its calendar event is headed by the permit's host, not "Russia:", and is the event a
    # report made while in Kazakhstan gave (the same UID), not a second one beside it
    visit = [e for e in events(profile, "2026-12-01", tmp_path)
             if e["DTSTART;VALUE=DATE"] == "20270619"]
    assert len(visit) == 1
    assert visit[0]["SUMMARY"].startswith("last day of your temporary residence permit in "
                                          "Kazakhstan"), visit[0]["SUMMARY"]
    at_home = [e["UID"] for e in events(profile, "2026-10-01", tmp_path)
               if e["DTSTART;VALUE=DATE"] == "20270619"]
    assert at_home == [visit[0]["UID"]]


def test_a_renewal_s_day_to_file_is_told_on_a_visit_to_russia(tmp_path: Path) -> None:
    # Armenia's rule asks the application some days before the end: the day to file is due
    # wherever the person is on the report's day, counted by Armenia's office days
    rule, before = _lead("AM", "2027-06-19")
    file_by = working_calendar("AM", load_pack()).working_day_by(
        dt.date(2027, 6, 19) - dt.timedelta(days=before))
    profile = visiting_russia(tmp_path, "AM", "2027-06-19")
    due = {d["day"]: d for d in deadlines(profile, "2026-12-01")}
    assert due[file_by.isoformat()]["what"].startswith(
        "file to renew your temporary residence permit in Armenia")
    assert due[file_by.isoformat()]["rule"] == rule
    assert due["2027-06-19"]["rule"] == rule
