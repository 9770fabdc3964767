"""A passport judged against the stay an answer relies on: plan's caveat names the stay plan
offers, not status's; and a recorded entry no border has judged yet (one on or after the
query day, or after today) is judged by the host's entry rule on its day, as `status`,
`plan` and `report` say and --json gives."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from cli_lines import printed as run


def as_json(*args: str) -> Any:
    return json.loads(run(*args, "--json"))


def profile(tmp_path: Path, born: str, expires: str, trips: str) -> str:
    path = tmp_path / "p.yaml"
    path.write_text("version: 1\nperson:\n  citizenships: [RU]\n"
                    f"  born: {born}\n  documents:\n"
                    "    - {type: international_passport, country: RU, issued: 2022-04-16, "
                    f"expires: {expires}}}\ntrips:\n{trips}", encoding="utf-8")
    return str(path)


def test_plan_says_the_passport_ends_before_the_stay_it_offers_and_names_it(
        tmp_path: Path) -> None:
    # Georgia's 365 days from 1 January outlast the passport, and so does the 30-day stay plan
    # offers: the line named status's stay to 31 December 2027, not the one asked about
    history = profile(tmp_path, "1990-01-01", "2027-01-15",
                      "  - {country: KZ, entry: 2026-11-01, by: land}\n")
    args = ("plan", history, "--country", "GE", "--length", "30", "--from", "2027-01-01")
    assert ("  Your international passport ends on 15 January 2027, before the stay from 1 to "
            "30 January 2027 would end: Georgia wants it valid through the day you leave "
            "(ge-entry-foreign-passport-2026); renew it or leave by 15 January 2027."
            ) in run(*args).splitlines()
    end = as_json(*args)["document_end"]
    assert (end["stay_from"], end["stay_until"], end["leave_by"]) == (
        "2027-01-01", "2027-01-30", "2027-01-15")


def test_plan_whose_stay_fits_the_passport_names_status_stay_it_does_not(
        tmp_path: Path) -> None:
    history = profile(tmp_path, "1990-01-01", "2027-01-15",
                      "  - {country: KZ, entry: 2026-11-01, by: land}\n")
    args = ("plan", history, "--country", "GE", "--length", "10", "--from", "2027-01-01")
    assert "before the stay to 31 December 2027 would end" in run(*args)
    end = as_json(*args)["document_end"]
    assert (end["stay_from"], end["stay_until"]) == (None, "2027-12-31")


def test_plan_whose_stay_outlasts_a_passport_status_stay_does_not_says_so(
        tmp_path: Path) -> None:
    # 89 of Kazakhstan's 90 days in 180 used: status's stay from 29 November is that day
    # alone, which the passport lasts; plan's 30 days begin on 27 February 2027, when days
    # have rolled off, and outlast it, which nothing said
    history = profile(tmp_path, "1990-01-01", "2027-03-15",
                      "  - {country: KZ, entry: 2026-09-01, exit: 2026-11-28, by: land}\n"
                      "  - {country: RU, entry: 2026-11-28, by: land}\n")
    args = ("plan", history, "--country", "KZ", "--length", "30", "--from", "2026-11-29")
    assert ("  Your international passport ends on 15 March 2027, before the stay from 27 "
            "February to 28 March 2027 would end: the stay needs a valid travel document") in run(
                *args)
    end = as_json(*args)["document_end"]
    assert (end["stay_from"], end["stay_until"], end["leave_by"]) == (
        "2027-02-27", "2027-03-28", "2027-03-15")


# a child of 3 whose passport ends on 15 September 2026, with a trip to Thailand from 5 June
# (30 days per entry: an overstay from 5 July) and to Vietnam from 20 July recorded; both want
# the passport valid 6 months from the day of entry
CHILD_TRIPS = ("  - {country: RU, entry: 2025-06-01, exit: 2026-06-05, by: air}\n"
               "  - {country: TH, entry: 2026-06-05, exit: 2026-07-20, by: air}\n"
               "  - {country: VN, entry: 2026-07-20, exit: 2026-08-30, by: air}\n"
               "  - {country: RU, entry: 2026-08-30, by: air}\n")
TH_WHY = ("it wants your international passport valid 6 months from the day of entry; yours "
          "ends on 15 September 2026 (th-entry-ru-foreign-passport-tdac)")
VN_WHY = ("it wants your international passport valid 6 months from the day of entry; yours "
          "ends on 15 September 2026 (vn-entry-ru-foreign-passport)")


def child(tmp_path: Path, expires: str = "2026-09-15") -> str:
    return profile(tmp_path, "2023-03-10", expires, CHILD_TRIPS)


def test_status_on_the_day_of_a_recorded_entry_says_the_host_would_refuse_it(
        tmp_path: Path) -> None:
    # from its first day the trip is a stay under way, counted as made: no border had judged
    # the passport, and "you may stay" came with no word of it
    args = ("status", child(tmp_path), "--country", "TH", "--on", "2026-06-05")
    lines = run(*args).splitlines()
    assert lines[0] == "You may stay in Thailand until 4 July 2026 (30 days, 5 June 2026 included)."
    assert lines[1] == ("  Note: Thailand would refuse the entry on 5 June 2026 that your trips "
                        f"record: {TH_WHY}; see `sojourn entry`.")
    assert as_json(*args)["entries_refused"] == [
        {"on": "2026-06-05", "why": TH_WHY, "rule": "th-entry-ru-foreign-passport-tdac"}]


def test_status_before_a_planned_entry_says_the_host_would_refuse_it(tmp_path: Path) -> None:
    args = ("status", child(tmp_path), "--country", "VN", "--on", "2026-06-01")
    assert (f"  Note: Vietnam would refuse the entry on 20 July 2026 that your trips record: "
            f"{VN_WHY}; see `sojourn entry`.") in run(*args).splitlines()
    assert [r["on"] for r in as_json(*args)["entries_refused"]] == ["2026-07-20"]


def test_a_passport_valid_long_enough_gets_no_line(tmp_path: Path) -> None:
    args = ("status", child(tmp_path, "2027-03-01"), "--country", "TH", "--on", "2026-06-05")
    assert "would refuse" not in run(*args)
    assert as_json(*args)["entries_refused"] == []


def test_an_entry_made_before_the_query_day_and_today_was_judged_at_the_border(
        tmp_path: Path) -> None:
    # 5 June 2026 is before the real day these tests run on: the entry was made, and let in
    out = run("status", child(tmp_path), "--country", "TH", "--on", "2026-06-10")
    assert "would refuse" not in out


def test_the_stay_under_way_begun_after_today_is_judged(tmp_path: Path) -> None:
    from sojourn.destinations import with_other_passports_judged
    from sojourn.history import load_history
    from sojourn.rules.loader import load_pack
    from sojourn.stay import stay_report

    history = load_history(Path(child(tmp_path)))
    pack = load_pack()
    day = dt.date(2026, 6, 10)
    stay = stay_report(history, pack, on=day, country="TH")
    # the real day before the entry: a trip planned, which no border has judged yet
    planned = with_other_passports_judged(stay, history, pack, today=dt.date(2026, 6, 1))
    assert [(r.on, r.why) for r in planned.entries_refused] == [(dt.date(2026, 6, 5), TH_WHY)]
    made = with_other_passports_judged(stay, history, pack, today=dt.date(2026, 6, 7))
    assert made.entries_refused == ()


def test_report_lists_the_planned_entries_refused_and_a_planned_overstay(
        tmp_path: Path) -> None:
    # in Russia, with Thailand and Vietnam recorded ahead: "Next deadlines: none known"
    args = ("report", child(tmp_path), "--on", "2026-06-01")
    text = run(*args)
    assert ("  5 June 2026   planned entry into Thailand would be refused: "
            f"{TH_WHY}  [th-entry-ru-foreign-passport-tdac]") in text.splitlines()
    assert ("  5 July 2026   first day of the overstay your trip to Thailand plans (5 to 20 "
            "July 2026, 16 days); leave by 4 July 2026  [th-stay-ru-30-agreement-2026]"
            ) in text.splitlines()
    data = json.loads(run(*args, "--format", "json"))
    assert [(d["day"], d["rule"]) for d in data["deadlines"]] == [
        ("2026-06-05", "th-entry-ru-foreign-passport-tdac"),
        ("2026-07-05", "th-stay-ru-30-agreement-2026"),
        ("2026-07-20", "vn-entry-ru-foreign-passport")]
