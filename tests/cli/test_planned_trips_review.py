"""A user's review of `plan`, `status` and `destinations` over planned trips and border runs,
checked by hand against the pack's rules (Georgia's year per entry, Kazakhstan's 90 in any 180,
Serbia's and Montenegro's 30 days per entry)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from sojourn.cli import app

runner = CliRunner()


def russian(tmp_path: Path, name: str, trips: list[str], *, born: str | None,
            passport: tuple[str, str]) -> str:
    """A profile of a Russian citizen holding the Russian passport ``passport`` (issued,
    expires), with ``trips`` (each a flow mapping), written to ``name``.yaml."""
    profile = tmp_path / f"{name}.yaml"
    issued, expires = passport
    profile.write_text("person:\n  citizenships: [RU]\n"
                       + (f"  born: {born}\n" if born else "")
                       + "  documents:\n"
                       f"    - {{type: international_passport, country: RU, issued: {issued},"
                       f" expires: {expires}}}\n"
                       "trips:\n" + "".join(f"  - {t}\n" for t in trips),
                       encoding="utf-8")
    return str(profile)


def georgia_one_day_over(tmp_path: Path) -> str:
    """A Russian in Georgia from 20 October 2025, still there: ge-stay-one-year-per-entry's
    365 days end on 19 October 2026, so 20 October 2026 is one day over."""
    return russian(tmp_path, "georgia", ["{country: GE, entry: 2025-10-20, by: land}"],
                   born=None, passport=("2019-06-01", "2029-05-31"))


def test_destinations_name_a_one_day_overstay_as_one_day(tmp_path: Path) -> None:
    # the overstay line read "GE 20 to 20 October 2026 (1 day)"; `status` says "20 October
    # 2026, 1 day"
    result = runner.invoke(app, ["destinations", georgia_one_day_over(tmp_path),
                                 "--on", "2026-10-20"])
    assert result.exit_code == 0, result.output
    assert ("your history has an overstay there: GE 20 October 2026 (1 day);"
            in result.stdout), result.stdout


def thailand_overstay_planned(tmp_path: Path) -> str:
    """A Russian in Thailand from 1 June 2026 whose trips have him leave on 1 December 2027:
    th-stay-ru-30-agreement-2026's 60 days end on 30 July 2026, so the stay plans 489 days
    over, a band whose every case bars entry (3 years at least, from the day he leaves)."""
    return russian(tmp_path, "thailand", ["{country: TH, entry: 2026-06-01, exit: 2027-12-01}"],
                   born="1990-01-01", passport=("2020-01-01", "2035-01-01"))


def plan_json(profile: str, on: str) -> dict[str, Any]:
    result = runner.invoke(app, ["plan", profile, "--country", "TH", "--length", "30",
                                 "--from", on, "--json"])
    assert result.exit_code == 0, result.output
    out: dict[str, Any] = json.loads(result.stdout)
    return out


def test_leaving_as_planned_after_an_overstay_still_ahead_brings_its_ban(tmp_path: Path
                                                                         ) -> None:
    # "If you leave on 1 December 2027 as planned, the earliest a new 30-day stay can begin
    # is 2 December 2027" on 15 June 2026, before the overstay began; on 15 September 2026,
    # the same plan, "1 December 2030": the ban leaving brings was judged only for an
    # overstay begun by the query day
    profile = thailand_overstay_planned(tmp_path)
    before, during = plan_json(profile, "2026-06-15"), plan_json(profile, "2026-09-15")
    assert during["earliest_entry"] == "2030-12-01"
    assert before["earliest_entry"] == during["earliest_entry"]
    assert before["entry_barred_if_leaving_until"] == "2030-11-30"
    result = runner.invoke(app, ["plan", profile, "--country", "TH", "--length", "30",
                                 "--from", "2026-06-15"])
    assert ("If you leave on 1 December 2027 as planned, the earliest a new 30-day stay can "
            "begin is 1 December 2030" in result.stdout), result.stdout
    assert "  Leaving on 1 December 2027 brings an entry ban: entry barred until 30 November " \
           "2030 at least" in result.stdout, result.stdout


def kazakhstan_overstay_planned(tmp_path: Path) -> str:
    """A Russian in Kazakhstan, 50 days from 10 January 2027, back from 1 April to 15 July
    and again for September: kz-stay-eaeu-90-180's 90 days in any 180 are used up on 10 May,
    so the stay of April plans 66 days over from 11 May, and the trip of September 30 days,
    both past the 5 days over kz-penalty-overstay-art-517 grades: their bans are not known."""
    return russian(tmp_path, "kazakhstan", ["{country: KZ, entry: 2027-01-10, exit: 2027-02-28}",
                                            "{country: KZ, entry: 2027-04-01, exit: 2027-07-15}",
                                            "{country: KZ, entry: 2027-09-01, exit: 2027-09-30}"],
                   born="1990-05-01", passport=("2021-01-10", "2031-01-09"))


def unknown_bans_on(profile: str, on: str) -> list[tuple[str, str]]:
    result = runner.invoke(app, ["status", profile, "--country", "KZ", "--on", on, "--json"])
    assert result.exit_code == 0, result.output
    return [(u["overstay_first_day"], u["overstay_last_day"])
            for u in json.loads(result.stdout)["entry_ban_unknown"]]


def test_leaving_as_planned_after_an_overstay_still_ahead_names_its_unknown_ban(
        tmp_path: Path) -> None:
    # on 1 May 2027: "If you leave on 15 July 2027 as planned, the earliest a new 30-day stay
    # can begin is 13 November 2027" said nothing of the ban of the 66 days over the stay
    # plans from 11 May, which leaving on 15 July commits and the pack cannot tell: asked on
    # 15 July, that day rests on the stay rules alone
    profile = kazakhstan_overstay_planned(tmp_path)
    assert unknown_bans_on(profile, "2027-05-01") == [("2027-05-11", "2027-07-15")]
    assert unknown_bans_on(profile, "2027-05-01") == unknown_bans_on(profile, "2027-07-15")
    # the September trip's overstay is not of the stay under way: leaving commits nothing of it
    assert unknown_bans_on(profile, "2027-03-15") == []
    result = runner.invoke(app, ["plan", profile, "--country", "KZ", "--length", "30",
                                 "--from", "2027-05-01"])
    assert result.exit_code == 0, result.output
    assert ("If you leave on 15 July 2027 as planned, the earliest a new 30-day stay can "
            "begin is 13 November 2027 (until 12 December 2027). By the stay rules alone: the "
            "pack cannot tell whether the planned overstay from 11 May to 15 July 2027 "
            "(kz-penalty-overstay-art-517 grades only up to 5 days over, and it is 66 days "
            "over) brings an entry ban." in result.stdout), result.stdout
    # destinations names the overstay whose ban is not known, not "they", which would take
    # in the September one too
    result = runner.invoke(app, ["destinations", profile, "--on", "2027-05-01"])
    assert result.exit_code == 0, result.output
    assert ("KZ 11 May to 15 July 2027 (66 days) and 1 to 30 September 2027 (30 days): the pack "
            "cannot tell whether the planned overstay from 11 May to 15 July 2027 "
            "(kz-penalty-overstay-art-517 grades only up to 5 days over, and it is 66 days "
            "over) brings an entry ban;" in result.stdout), result.stdout


def serbia_overstay_planned(tmp_path: Path) -> str:
    """A Russian in Armenia from 1 November 2026, his trips taking him to Serbia from 1 to 31
    January 2027: rs-stay-30-per-entry's 30 days end on 30 January, so the trip plans a
    one-day overstay, on 31 January 2027."""
    return russian(tmp_path, "serbia", ["{country: AM, entry: 2026-11-01, exit: 2027-01-01}",
                                        "{country: RS, entry: 2027-01-01, exit: 2027-01-31}"],
                   born="1990-01-01", passport=("2020-01-01", "2035-01-01"))


def serbia_overstay_made(tmp_path: Path) -> str:
    """serbia_overstay_planned's trips, and back in Armenia from 31 January 2027: on 1 March
    the overstay of 31 January is made."""
    profile = Path(serbia_overstay_planned(tmp_path))
    profile.write_text(profile.read_text(encoding="utf-8")
                       + "  - {country: AM, entry: 2027-01-31}\n", encoding="utf-8")
    return str(profile)


def test_report_names_a_one_day_planned_overstay_as_its_day(tmp_path: Path) -> None:
    # the deadline read "(31 to 31 January 2027, 1 day)"; status and destinations name the day
    result = runner.invoke(app, ["report", serbia_overstay_planned(tmp_path),
                                 "--on", "2026-12-01"])
    assert result.exit_code == 0, result.output
    assert ("first day of the overstay your trip to Serbia plans (31 January 2027, 1 day); "
            "leave by 30 January 2027" in result.stdout), result.stdout


def test_report_says_an_overstay_a_trip_plans_is_planned(tmp_path: Path) -> None:
    # "you overstayed there 31 January 2027" on 1 December 2026 read as one already made
    result = runner.invoke(app, ["report", serbia_overstay_planned(tmp_path),
                                 "--on", "2026-12-01"])
    assert result.exit_code == 0, result.output
    assert ("Serbia (RS) with international passport: up to 30 days; you plan to overstay "
            "there 31 January 2027 (1 day); extradition" in result.stdout), result.stdout
    # once made, back in Armenia, it is told in the past
    after = runner.invoke(app, ["report", serbia_overstay_made(tmp_path),
                                "--on", "2027-03-01"])
    assert after.exit_code == 0, after.output
    assert ("Serbia (RS) with international passport: up to 30 days; you overstayed there 31 "
            "January 2027 (1 day):" in after.stdout), after.stdout


def test_destinations_says_an_overstay_a_trip_plans_is_planned(tmp_path: Path) -> None:
    # "your history has an overstay there: RS 31 January 2027 (1 day)" on 1 December 2026 read
    # as one already made, where the report says "you plan to overstay there"
    result = runner.invoke(app, ["destinations", serbia_overstay_planned(tmp_path),
                                 "--on", "2026-12-01"])
    assert result.exit_code == 0, result.output
    assert ("  ! your trips plan an overstay there: RS 31 January 2027 (1 day); `sojourn status "
            "--country HOST`" in result.stdout), result.stdout
    assert "your history has an overstay" not in result.stdout
    # once made, back in Armenia, it is the history's
    after = runner.invoke(app, ["destinations", serbia_overstay_made(tmp_path),
                                "--on", "2027-03-01"])
    assert after.exit_code == 0, after.output
    assert ("  ! your history has an overstay there: RS 31 January 2027 (1 day): the pack "
            "cannot tell whether it brings an entry ban" in after.stdout), after.stdout
    assert "your trips plan" not in after.stdout
    # one made and one planned in a host: each in its tense, the ban the pack cannot tell
    # beside the one made
    both = runner.invoke(app, ["destinations", kazakhstan_overstay_planned(tmp_path),
                               "--on", "2027-08-01"])
    assert both.exit_code == 0, both.output
    assert ("  ! your history has an overstay there: KZ 11 May to 15 July 2027 (66 days): the "
            "pack cannot tell whether the overstay from 11 May to 15 July 2027 "
            "(kz-penalty-overstay-art-517 grades only up to 5 days over, and it is 66 days "
            "over) brings an entry ban; your trips plan an overstay there: KZ 1 to 30 September "
            "2027 (30 days); `sojourn status" in both.stdout), both.stdout
