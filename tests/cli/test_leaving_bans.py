"""A person still in the host over the limit: the earliest day back comes after the entry ban
leaving would bring, judged as after a recorded exit, not the stay rules' day alone (which told
a Russian 136 days over in Thailand he might be back the day after leaving)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cli_lines import printed as run


def history(tmp_path: Path, *rows: str) -> str:
    path = tmp_path / "h.csv"
    path.write_text("country,entry,exit\n" + "".join(f"{r}\n" for r in rows), encoding="utf-8")
    return str(path)


def status(hist: str, country: str, on: str, *more: str) -> list[str]:
    return run("status", hist, "--country", country, "--citizenship", "RU", "--on", on,
               *more).splitlines()


def status_json(hist: str, country: str, on: str) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(run("status", hist, "--country", country,
                                         "--citizenship", "RU", "--on", on, "--json"))
    return out


# Thailand, 30 days per entry from 4 June 2026: entered 1 October 2026, over from 31 October;
# on 15 March 2027, 136 days over, in the band of 91 to 365 days: a year's ban if he surrenders,
# 5 years if arrested and prosecuted, from the day he leaves
TH_STAY = "TH,2026-10-01,"


def test_thailand_the_day_back_comes_after_the_ban_leaving_today_brings(tmp_path: Path
                                                                       ) -> None:
    text = status(history(tmp_path, TH_STAY), "TH", "2027-03-15")
    assert ("  The earliest day you may be in Thailand again is 15 March 2028, or 15 March "
            "2032 if arrested and prosecuted.") in text, text
    leaving = [line for line in text if line.startswith("  Leaving on")]
    assert leaving == [
        "  Leaving on 15 March 2027 brings an entry ban: entry barred until 14 March 2028 at "
        "least, whichever case holds (the shortest: an entry ban of 1 year if surrendering; "
        "overstay of 136 days ending 15 March 2027, th-penalty-overstay); an entry ban of 5 "
        "years if arrested and prosecuted, from 15 March 2027; it would run to 14 "
        "March 2032 (overstay of 136 days ending 15 March 2027, th-penalty-overstay)."], text


def test_thailand_json_gives_the_ban_leaving_brings_and_the_day_after_it(tmp_path: Path
                                                                        ) -> None:
    data = status_json(history(tmp_path, TH_STAY), "TH", "2027-03-15")
    assert data["earliest_entry"] == "2028-03-15"
    assert data["entry_barred_if_leaving_until"] == "2028-03-14"
    bans = data["entry_bans_if_leaving"]
    assert {(b["left"], b["if"], b["last_day"]) for b in bans} == {
        ("2027-03-15", "surrendering", "2028-03-14"),
        ("2027-03-15", "arrested and prosecuted", "2032-03-14")}
    assert {b["days_over"] for b in bans} == {136}
    # still there, no ban runs yet: the day is not one entry is barred on
    assert data["entry_barred_until"] is None and data["entry_bans_on"] == []


def test_the_ban_if_leaving_is_the_one_a_recorded_exit_that_day_brings(tmp_path: Path
                                                                     ) -> None:
    # the same mechanism: left on 15 March 2027, asked the next day, barred to the same day
    there = status_json(history(tmp_path, TH_STAY), "TH", "2027-03-15")
    (tmp_path / "left").mkdir()
    gone = status_json(history(tmp_path / "left", "TH,2026-10-01,2027-03-15"), "TH",
                       "2027-03-16")
    assert gone["entry_barred_until"] == there["entry_barred_if_leaving_until"]
    assert gone["earliest_entry"] == there["earliest_entry"]


def test_an_exit_recorded_later_is_the_day_the_ban_is_judged_from(tmp_path: Path) -> None:
    # leaving on 20 March as planned, 141 days over: barred to 19 March 2028
    hist = history(tmp_path, "TH,2026-10-01,2027-03-20")
    text = status(hist, "TH", "2027-03-15")
    assert ("  If you leave on 20 March 2027 as planned, the earliest day you may be in "
            "Thailand again is 20 March 2028, or 20 March 2032 if arrested and "
            "prosecuted.") in text, text
    assert any(line.startswith("  Leaving on 20 March 2027 brings an entry ban: entry barred "
                               "until 19 March 2028 at least") for line in text), text


def test_plan_offers_a_new_stay_only_after_the_ban(tmp_path: Path) -> None:
    text = run("plan", history(tmp_path, TH_STAY), "--country", "TH", "--citizenship", "RU",
               "--from", "2027-03-15", "--length", "20").splitlines()
    assert ("If you leave on 15 March 2027, the earliest a new 20-day stay can begin is 15 "
            "March 2028 (until 3 April 2028), or 15 March 2032 if arrested and prosecuted."
            ) in text, text


def test_a_ban_that_bars_no_one_whatever_they_did_leaves_the_day_but_names_the_case(
        tmp_path: Path) -> None:
    # 44 days over (41 to 90): no ban if he leaves of his own accord, 5 years if arrested
    text = status(history(tmp_path, "TH,2027-01-01,"), "TH", "2027-03-15")
    assert ("  The earliest day you may be in Thailand again is 16 March 2027, or 15 March "
            "2032 if arrested and prosecuted.") in text, text


def test_indonesia_a_ban_of_no_known_length_leaves_the_day_to_the_stay_rules_and_says_so(
        tmp_path: Path) -> None:
    # 136 days over 30 per entry: deported and listed as barred, for how long the pack
    # does not know
    hist = history(tmp_path, "ID,2026-10-01,")
    text = status(hist, "ID", "2027-03-15")
    assert ("  The earliest day you may be in Indonesia again is 16 March 2027, by the stay "
            "rules alone: how long the entry ban leaving brings would run "
            "(id-penalty-overstay), the pack does not know.") in text, text
    assert ("  Leaving on 15 March 2027 brings an entry ban: an entry ban of unknown length, "
            "from 15 March 2027 (overstay of 136 days ending 15 March 2027, "
            "id-penalty-overstay): how long it would run, the pack does not know.") in text, text
    data = status_json(hist, "ID", "2027-03-15")
    assert data["entry_barred_if_leaving_until"] is None
    [ban] = data["entry_bans_if_leaving"]
    assert (ban["left"], ban["length_known"], ban["last_day"]) == ("2027-03-15", False, None)


def test_a_person_away_has_no_ban_if_leaving(tmp_path: Path) -> None:
    data = status_json(history(tmp_path, "TH,2026-10-01,2027-03-14"), "TH", "2027-03-15")
    assert data["entry_bans_if_leaving"] == []
    assert data["entry_barred_if_leaving_until"] is None
    assert data["entry_barred_until"] == "2028-03-13"
