"""Answers a newcomer gets, tried as one would try them: a Russian whose passport runs out
while doing visa runs, planning the stay that leaving and coming back would begin."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sojourn.cli import app

from cli_lines import printed as run

runner = CliRunner()


def in_turkey(tmp_path: Path, expires: str) -> str:
    """A Russian in Türkiye since 15 October 2026 on a passport that ends on ``expires``:
    Türkiye wants it valid 119 days from each entry (tr-entry-foreign-passport-2015)."""
    path = tmp_path / "tr.yaml"
    path.write_text("version: 1\nperson:\n  citizenships: [RU]\n  born: 1985-07-07\n"
                    "  documents:\n    - {type: international_passport, country: RU, "
                    f"issued: 2017-03-01, expires: {expires}}}\n"
                    "trips:\n  - {country: TR, entry: 2026-10-15, by: air}\n",
                    encoding="utf-8")
    return str(path)


def test_plan_says_the_host_would_refuse_the_border_run_it_offers(tmp_path: Path) -> None:
    # on 13 December 2026 the 60 days of the entry are used; leaving and coming back begins
    # a new 30-day stay by the stay rules, but the passport, ending on 20 January 2027, is
    # not valid the 119 days from that entry Türkiye wants: the border run is refused
    history = in_turkey(tmp_path, "2027-01-20")
    out = run("plan", history, "--country", "TR", "--length", "30", "--from", "2026-12-13")
    assert "If you leave on 13 December 2026, a new 30-day stay can begin the same day" in out
    assert ("  Note: with the documents you hold you cannot enter Türkiye again on 13 December "
            "2026: it wants your international passport valid 119 days from the day of entry; "
            "yours ends on 20 January 2027 (tr-entry-foreign-passport-2015); see `sojourn "
            "entry`.") in out
    data = json.loads(run("plan", history, "--country", "TR", "--length", "30", "--from",
                          "2026-12-13", "--json"))
    assert data["entry_refused"]["on"] == "2026-12-13"
    assert "119 days from the day of entry" in data["entry_refused"]["why"]


def test_plan_is_silent_on_a_border_run_the_passport_allows(tmp_path: Path) -> None:
    history = in_turkey(tmp_path, "2028-01-20")
    out = run("plan", history, "--country", "TR", "--length", "30", "--from", "2026-12-13")
    assert "cannot enter" not in out
    data = json.loads(run("plan", history, "--country", "TR", "--length", "30", "--from",
                          "2026-12-13", "--json"))
    assert data["entry_refused"] is None


def test_plan_judges_no_entry_for_a_stay_that_needs_no_crossing(tmp_path: Path) -> None:
    # the UAE counts 90 days in any 180 and no days per entry: 10 days from 1 November fit
    # within the stay under way, had by staying on, so the 6 months from entry the UAE wants
    # of a passport (ae-entry-ru-foreign-passport), which this one lacks, ask nothing here
    path = tmp_path / "ae.yaml"
    path.write_text(Path(in_turkey(tmp_path, "2027-01-20")).read_text(encoding="utf-8")
                    .replace("country: TR", "country: AE"), encoding="utf-8")
    out = run("plan", str(path), "--country", "AE", "--length", "10", "--from", "2026-11-01")
    assert "fits within the stay you are in" in out
    assert "cannot enter" not in out


def test_report_says_a_passport_ending_soon_where_no_limit_ends_a_stay(tmp_path: Path) -> None:
    # Uzbekistan sets Russians no limit: "no stay limit" beside a passport ending in seven
    # weeks read as a stay as long as one likes, where destinations says the stay ends by then
    history = in_turkey(tmp_path, "2027-01-20")
    out = run("report", history, "--on", "2026-12-01")
    line = next(x for x in out.splitlines() if x.startswith("  Uzbekistan (UZ)"))
    assert line.startswith("  Uzbekistan (UZ) with international passport: no stay limit*; the "
                           "document ends on 20 January 2027, so a stay there on it ends by "
                           "that day; extradition exposure: ")
    # a limited stay that ends before the passport gets no such words
    assert "ends on" not in next(x for x in out.splitlines() if x.startswith("  Serbia (RS)"))


def test_a_planned_trip_ending_the_stay_shows_the_count_with_fewest_days_left(
        tmp_path: Path) -> None:
    # Türkiye: 60 days per entry and 90 in any 180. Back from a border run on 12 March 2025
    # after 60 days, the person has 9 days of this entry used and 69 of the 180; a trip to
    # Georgia planned from 10 April ends the stay then, which is also the 90th day. "9 days
    # used, 51 days left" (the first limit listed) read as weeks to spare without the trip
    path = tmp_path / "runs.yaml"
    path.write_text("version: 1\nperson:\n  citizenships: [RU]\n  born: 1990-03-03\n"
                    "  documents:\n    - {type: international_passport, country: RU, "
                    "issued: 2022-03-01, expires: 2032-03-01}\n"
                    "trips:\n"
                    "  - {country: TR, entry: 2025-01-10, exit: 2025-03-10}\n"
                    "  - {country: GE, entry: 2025-03-10, exit: 2025-03-12}\n"
                    "  - {country: TR, entry: 2025-03-12, exit: 2025-04-10}\n"
                    "  - {country: GE, entry: 2025-04-10}\n", encoding="utf-8")
    out = run("status", str(path), "--country", "TR", "--on", "2025-03-20")
    assert out.startswith("You may stay in Türkiye until 10 April 2025 (22 days, 20 March 2025 "
                          "included). Your planned trip to Georgia from 10 April 2025 sets this "
                          "date")
    assert ("  Counted under tr-stay-60-per-entry-90-180 (90 days in any 180): 69 days used up "
            "to and including 20 March 2025, 21 days left after it.") in out
    data = json.loads(run("status", str(path), "--country", "TR", "--on", "2025-03-20",
                          "--json"))
    assert (data["binding_constraint"], data["days_used"], data["days_remaining"]) == (
        "rolling:90/180", 69, 21)


def test_entry_with_a_profile_judges_the_passport_by_the_last_day_it_records(
        tmp_path: Path) -> None:
    # the profile says the passport ends on 20 January 2027: "give --document-expires to check
    # yours" asked again for what the history given already told
    history = in_turkey(tmp_path, "2027-01-20")
    args = ("entry", "--history", history, "--citizenship", "RU", "--document",
            "international_passport", "--to", "TR", "--on", "2026-12-13")
    out = run(*args)
    assert out.startswith("No: entering Türkiye on 13 December 2026")
    assert ("  - Türkiye wants an international passport valid 119 days from the day of entry, "
            "to 11 April 2027 at least (tr-entry-foreign-passport-2015); yours ends on 20 "
            "January 2027") in out
    assert json.loads(run(*args, "--json"))["document_expires"] == "2027-01-20"
    # --document-expires still decides, for a passport the profile does not hold yet
    renewed = run(*args, "--document-expires", "2036-12-01")
    assert renewed.startswith("Yes: entering Türkiye on 13 December 2026")


def test_status_says_the_host_would_refuse_the_day_back_it_gives(tmp_path: Path) -> None:
    # a day over the 60 days of the entry: leave now, "the earliest day you may be in Türkiye
    # again is 15 December 2026", on a passport Türkiye refuses from that entry
    history = in_turkey(tmp_path, "2027-01-20")
    out = run("status", history, "--country", "TR", "--on", "2026-12-14")
    assert "  The earliest day you may be in Türkiye again is 15 December 2026" in out
    assert ("  Note: with the documents you hold you cannot enter Türkiye again on 15 December "
            "2026: it wants your international passport valid 119 days from the day of entry; "
            "yours ends on 20 January 2027 (tr-entry-foreign-passport-2015)") in out
    # with days left, status offers no entry, and judges none
    assert "cannot enter" not in run("status", history, "--country", "TR", "--on", "2026-12-13")
    # report gives status's answer, and the note with it
    assert "cannot enter Türkiye again on 15 December 2026" in run("report", history, "--on",
                                                                   "2026-12-14")


def test_rules_changes_words_a_ban_and_an_amount_as_answers_do() -> None:
    # "bans, added: months 6; certainty possible; up to yes" and "min: was 180.0; now 1000.0"
    # were the pack's fields as stored, not words a reader asking when Georgia's fines rose
    # could read
    out = run("rules", "changes", "--country", "GE", "--from", "2025-09-01", "--to",
              "2025-10-31")
    assert ("      penalty / bands / over from 1, over to 3 / bans, added: a possible entry ban "
            "of up to 6 months") in out
    assert "      penalty / bands / over from 1, over to 3 / fine / min: was 180; now 1,000" in out
    assert "up to yes" not in out and ".0" not in out


def test_a_passport_number_in_a_trip_is_told_the_field_wants_its_citizenship(
        tmp_path: Path) -> None:
    # renewing a passport abroad, a person writes the number of the one a trip was entered on
    path = tmp_path / "number.yaml"
    path.write_text("version: 1\nperson:\n  citizenships: [RU]\n"
                    "trips:\n  - {country: GE, entry: 2026-10-15, passport: '751234567'}\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["status", str(path), "--country", "GE", "--on", "2026-11-01"])
    assert result.exit_code == 2
    assert ("number.yaml, line 5, field 'trips[0].passport': '751234567' is not a known country "
            "code; expected the citizenship of the passport shown at that entry, as an ISO "
            "3166-1 alpha-2 code such as RU (one of person.citizenships), not the passport's "
            "number") in result.stderr
