"""An overstay whose entry ban the pack cannot tell (no penalty rule in force, bands that stop
short of it, or an expulsion with no account of its ban): the earliest day back is said to rest
on the stay rules alone, in status, plan, report and destinations, listed in --json
(entry_ban_unknown) and flagged by batch; a graded overstay, with a ban or none, is not."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from cli_lines import printed as run

ALONE = "by the stay rules alone: the pack cannot tell whether the overstay from"
# In Kazakhstan from 10 April 2026, over the 90 days in any 180 from 9 July
KZ_GRADED = ("KZ,2026-04-10,2026-07-12", "KG,2026-07-12,")  # 4 days over: a fine, no ban
KZ_UNGRADED = ("KZ,2026-04-10,2026-12-01", "KG,2026-12-01,")  # 146 days: past the bands read
# In Türkiye 15 months over, left on 1 June 2024: a ban of 1 or 2 years, whichever case holds
TR_BANNED = ("TR,2023-01-10,2024-06-01", "GE,2024-06-01,")


def history(tmp_path: Path, trips: tuple[str, ...]) -> str:
    path = tmp_path / f"h{len(list(tmp_path.iterdir()))}.csv"  # one file per history
    path.write_text("country,entry,exit\n" + "".join(f"{t}\n" for t in trips),
                    encoding="utf-8")
    return str(path)


def status(tmp_path: Path, trips: tuple[str, ...], host: str, on: str,
           *more: str) -> str:
    return run("status", history(tmp_path, trips), "--country", host, "--citizenship", "RU",
               "--on", on, *more)


@pytest.mark.parametrize(("trips", "host", "on", "back", "unknown"), [
    (KZ_GRADED, "KZ", "2026-07-20", "The earliest day you may be in Kazakhstan again is "
     "11 October 2026.", False),
    (KZ_UNGRADED, "KZ", "2026-12-05", "The earliest day you may be in Kazakhstan again is "
     "2 March 2027, by the stay rules alone: the pack cannot tell whether the overstay from "
     "9 July to 1 December 2026 (kz-penalty-overstay-art-517 grades only up to 5 days over, "
     "and it is 146 days over) brings an entry ban.", True),
    # the band's longer case, 2 years if the fine was not paid, runs on past that day
    (TR_BANNED, "TR", "2024-09-15", "The earliest day you may be in Türkiye again is "
     "1 June 2025, or 1 June 2026 if the fine is not paid on leaving.", False),
])
def test_the_earliest_day_back_says_whether_it_rests_on_the_stay_rules_alone(
        tmp_path: Path, trips: tuple[str, ...], host: str, on: str, back: str,
        unknown: bool) -> None:
    text = status(tmp_path, trips, host, on)
    assert f"  {back}\n" in text, text
    assert (ALONE in text) is unknown
    data: dict[str, Any] = json.loads(status(tmp_path, trips, host, on, "--json"))
    listed = data["entry_ban_unknown"]
    assert [u["why"] for u in listed] == (["not_graded"] if unknown else [])
    if unknown:
        assert listed[0] | {"reason": None} == {
            "rule": "kz-penalty-overstay-art-517", "why": "not_graded",
            "overstay_first_day": "2026-07-09", "overstay_last_day": "2026-12-01",
            "days_over": 146, "reason": None}
    # the ban the pack knows is told, and bars entry, beside no caveat
    assert (data["entry_barred_until"] is not None) is (host == "TR")


def test_no_penalty_rule_and_an_expulsion_with_no_ban_are_not_known(tmp_path: Path) -> None:
    # Kyrgyzstan has no overstay penalty rule for a Russian; Azerbaijan's expels, no ban read
    kg = json.loads(status(tmp_path, ("KG,2026-01-10,2026-06-20", "KZ,2026-06-20,"), "KG",
                           "2026-06-25", "--json"))
    az = json.loads(status(tmp_path, ("AZ,2025-01-10,2025-08-01", "GE,2025-08-01,"), "AZ",
                           "2025-08-05", "--json"))
    assert [(u["rule"], u["why"]) for u in kg["entry_ban_unknown"]] == [(None, "no_rule")]
    assert [(u["rule"], u["why"]) for u in az["entry_ban_unknown"]] == [
        ("az-penalty-overstay", "not_read")]


def test_an_entry_on_the_day_is_told_the_ban_is_not_known(tmp_path: Path) -> None:
    text = status(tmp_path, KZ_UNGRADED, "KZ", "2027-04-01")
    assert text.startswith("If you enter Kazakhstan on 1 April 2027, you may stay until")
    assert ("  Entry ban: the pack cannot tell whether the overstay from 9 July to 1 December "
            "2026 (kz-penalty-overstay-art-517 grades only up to 5 days over, and it is 146 "
            "days over) brings one.\n") in text
    assert "Entry ban:" not in status(tmp_path, KZ_GRADED, "KZ", "2027-04-01")


def test_plan_report_and_destinations_say_it_too(tmp_path: Path) -> None:
    path = history(tmp_path, KZ_UNGRADED)
    plan = run("plan", path, "--country", "KZ", "--citizenship", "RU", "--from",
               "2026-12-05", "--length", "30")
    assert ("The earliest you can enter for 30 days is 2 March 2027 (staying until 31 March "
            "2027). By the stay rules alone: the pack cannot tell whether the overstay from"
            ) in plan, plan
    # still there on 1 December 2026, the report's stay is Kazakhstan's
    report = run("report", history(tmp_path, ("KZ,2026-04-10,",)), "--citizenship", "RU",
                 "--on", "2026-12-01")
    assert "  The earliest day you may be in Kazakhstan again is 2 March 2027, " + ALONE in report
    # as a terminal of any width wraps the table's notes (at a blank or a hyphen)
    where = _unwrapped(run("destinations", path, "--citizenship", "RU", "--on", "2026-12-05"))
    assert _unwrapped("KZ 9 July to 1 December 2026 (146 days): the pack cannot tell whether it "
                      "brings an entry ban (kz-penalty-overstay-art-517 grades only up to 5 days "
                      "over") in where
    graded = _unwrapped(run("destinations", history(tmp_path, KZ_GRADED), "--citizenship",
                            "RU", "--on", "2026-12-05"))
    # graded (a fine, no ban): no caveat after it (Kyrgyzstan's overstay since has one)
    assert _unwrapped("KZ 9 to 12 July 2026 (4 days); `sojourn status") in graded


def _unwrapped(text: str) -> str:
    return "".join(text.split())


def test_batch_flags_the_persons_and_counts_them(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    rows = [("graded", KZ_GRADED), ("ungraded", KZ_UNGRADED),
            ("there", ("KZ,2026-04-10,",)), ("citizen", ("KZ,2026-04-10,",))]
    log.write_text("person_id,country,entry,exit,citizenship\n" + "".join(
        f"{who},{trip},{'KZ' if who == 'citizen' else 'RU'}\n"
        for who, trips in rows for trip in trips), encoding="utf-8")
    out = tmp_path / "persons.csv"
    args = ["batch", str(log), "--country", "KZ", "--on", "2026-12-05", "--out", str(out)]
    text = run(*args)
    assert re.search(r"  ban not known +2  an overstay committed whose entry ban the pack "
            r"cannot tell \(entry_ban_unknown\)\n", text), text
    persons = pl.read_csv(out)
    assert dict(persons.select("person_id", "entry_ban_unknown").iter_rows()) == {
        "citizen": False, "graded": False, "there": True, "ungraded": True}
    assert json.loads(run(*args, "--json"))["ban_unknown"] == 2


def test_a_permit_plan_kept_out_gives_the_day_back_with_the_same_caveat(tmp_path: Path) -> None:
    # away on 5 December 2026 after the ungraded overstay: no stay may begin, so no permit
    # can be filed from a legal stay before the day back, which rests on the stay rules alone
    out = run("permit", history(tmp_path, KZ_UNGRADED), "--country", "KZ", "--citizenship",
              "RU", "--permit", "kz-permit-temporary", "--on", "2026-12-05")
    assert ("The earliest day you may be in Kazakhstan again is 2 March 2027, " + ALONE) in out
    # the graded one (4 days over, a fine) is told without it
    out = run("permit", history(tmp_path, KZ_GRADED), "--country", "KZ", "--citizenship",
              "RU", "--permit", "kz-permit-temporary", "--on", "2026-07-20")
    assert ("The earliest day you may be in Kazakhstan again is 11 October 2026, so no "
            "application") in out


def test_destinations_says_a_reason_shared_by_two_overstays_once(tmp_path: Path) -> None:
    # two overstays in Azerbaijan under one rule (90 days in each of 2025 and 2026), whose
    # ban the pack cannot tell for the same reason: said once, not once per overstay
    path = history(tmp_path, ("AZ,2025-03-01,2025-08-01", "GE,2025-08-01,2026-01-10",
                              "AZ,2026-01-10,2026-06-01", "GE,2026-06-01,"))
    where = _unwrapped(run("destinations", path, "--citizenship", "RU", "--on", "2026-08-01"))
    reason = _unwrapped("az-penalty-overstay gives a fine of 300 to 400 AZN and expulsion "
                        "(possible) for it, and the pack holds no account of the entry ban "
                        "that may come with it")
    assert _unwrapped("the pack cannot tell whether they bring an entry ban (") + reason \
        + ")" in where, where
    assert where.count(reason) == 1, where
