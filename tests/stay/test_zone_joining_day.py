"""`status` and `plan --country HR` across the day Croatia joined the Schengen area (1 January
2023): a member state with no stay rules of its own is judged by its zone's on the days it is
a member, one that joins later too, and by its own (none in the pack: unknown) before it
joins, as each day is judged by the rules in force on it (Regime.as_member). Judged on its
start day alone, a plan from December 2022 was Croatia's unknown rules throughout, and no
stay could ever begin."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import polars as pl
from typer.testing import CliRunner

from sojourn.batch.evaluate import evaluate, pack_judge
from sojourn.batch.frames import STAYS
from sojourn.cli import app
from sojourn.history import History, Stay, build_history
from sojourn.rules.loader import load_pack
from sojourn.stay import PlannedTrip, stay_report

PACK = load_pack()
JOINS = dt.date(2023, 1, 1)
# in Croatia from 20 December 2022 to 10 January 2023: across the day it joined
ACROSS = [("KZ", dt.date(2022, 9, 25), dt.date(2022, 11, 30)),
          ("HR", dt.date(2022, 12, 20), dt.date(2023, 1, 10))]


def _history(given: list[tuple[str, dt.date, dt.date]]) -> History:
    return build_history("log", [Stay(c, entry, exit_, f"line {i + 2}")
                                 for i, (c, entry, exit_) in enumerate(given)])


def test_a_plan_from_before_the_joining_day_is_judged_by_the_zone_from_that_day() -> None:
    report = stay_report(_history(ACROSS[:1]), PACK, on=dt.date(2022, 12, 1), country="HR",
                         citizenship="RU", length=30)
    answer = report.answer
    assert (answer.limited_by, answer.earliest_entry, answer.earliest_until) == (
        "unknown_rules", JOINS, dt.date(2023, 1, 30))
    # the day itself is Croatia's, whose rules the pack does not have
    assert answer.unknown == ("the rule pack has no stay rule for citizens of the Russian "
                              "Federation in Croatia")
    assert report.host == "HR"
    # the plan's stay, from 1 January 2023, rests on the zone's rule
    assert [r.id for r in report.rules] == ["schengen-short-stay-90-180"]


def test_a_stay_across_the_joining_day_counts_its_days_in_the_zone_from_that_day() -> None:
    # before it, in Croatia under its own rules, unknown, and told when the zone's count
    # begins; from it, the days from 1 January count, not those from 20 December
    report = stay_report(_history(ACROSS), PACK, on=dt.date(2022, 12, 25), country="HR",
                         citizenship="RU")
    before = report.answer
    assert (report.host, before.present, before.entered, before.limited_by) == (
        "HR", True, dt.date(2022, 12, 20), "unknown_rules")
    assert report.registration_unknown
    assert report.notes[-1] == (
        "from 1 January 2023 Croatia is judged as part of the Schengen area (SCHENGEN), which "
        "it joins that day: the stay rules of the Schengen area count your days in Croatia "
        "from that day on, not those before it")
    # the days from 1 January are judged by the zone's rule, which the answer tells of
    assert [r.id for r in report.rules] == ["schengen-short-stay-90-180"]
    after = stay_report(_history(ACROSS), PACK, on=dt.date(2023, 1, 5), country="HR",
                        citizenship="RU").answer
    assert (after.entered, after.days_used, after.latest_exit) == (
        JOINS, 5, dt.date(2023, 3, 31))


def test_plan_says_when_the_zone_begins_to_judge_the_state(tmp_path: Path) -> None:
    log = tmp_path / "trips.csv"
    log.write_text("country,entry,exit\nKZ,2022-09-25,2022-11-30\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["plan", str(log), "--country", "HR", "--from",
                                      "2022-12-01", "--length", "30", "--citizenship", "RU"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("sojourn cannot say how long you may stay in Croatia on "
                                    "1 December 2022")
    assert ("The earliest you can enter for 30 days is 1 January 2023 (staying until 30 "
            "January 2023).") in result.stdout
    assert ("Note: from 1 January 2023 Croatia is judged as part of the Schengen area "
            "(SCHENGEN), which it joins that day") in result.stdout
    assert result.stderr == ""


def test_france_a_member_on_every_day_is_judged_as_the_zone_throughout() -> None:
    # the restriction to the days of membership leaves a founding member's answer as it was
    france = stay_report(_history([("FR", dt.date(2022, 12, 20), dt.date(2023, 1, 10))]),
                         PACK, on=dt.date(2022, 12, 25), country="FR", citizenship="RU").answer
    assert (france.entered, france.days_used, france.latest_exit) == (
        dt.date(2022, 12, 20), 6, dt.date(2023, 3, 19))


def test_batch_judges_a_state_joining_a_zone_as_status_does() -> None:
    table = pl.DataFrame([(i + 1, None, "p", c, entry, exit_, "RU")
                          for i, (c, entry, exit_) in enumerate(ACROSS)], schema=STAYS,
                         orient="row")
    for on in (dt.date(2022, 12, 25), JOINS, dt.date(2023, 1, 5)):
        [row] = evaluate(table, pack_judge(PACK, "HR", on), on)[0].to_dicts()
        answer = stay_report(_history(ACROSS), PACK, on=on, country="HR",
                             citizenship="RU").answer
        assert (row["present"], row["entered"], row["days_used"], row["latest_exit"],
                row["limited_by"]) == (answer.present, answer.entered, answer.days_used,
                                       answer.latest_exit, answer.limited_by), on
        # in Croatia every day: before it joins, under its own rules; from then, the zone's
        assert row["present"], on


def test_a_plan_for_a_person_in_the_state_seeks_the_new_stay_after_leaving_in_the_zone() -> None:
    # in Croatia to 10 January 2023: the zone counts 1 to 10 January (10 days), not the days
    # from 20 December, and a new stay is sought from the day of leaving, not from 1 January
    on = dt.date(2022, 12, 25)
    report = stay_report(_history(ACROSS), PACK, on=on, country="HR", citizenship="RU",
                         length=30)
    answer = report.answer
    assert (report.host, answer.present, answer.leaving, answer.limited_by) == (
        "HR", True, dt.date(2023, 1, 10), "unknown_rules")
    assert (answer.earliest_entry, answer.earliest_until) == (
        dt.date(2023, 1, 10), dt.date(2023, 2, 8))
    assert [r.id for r in report.rules] == ["schengen-short-stay-90-180"]
    # 85 days: the 180 days to the stay's last day may then hold at most 5 of the 10 days in
    # January, so they begin on 6 January or later: entered 11 April, it ends 4 July (with
    # the 22 days from 20 December counted, none would fit until later)
    longer = stay_report(_history(ACROSS), PACK, on=on, country="HR", citizenship="RU",
                         length=85).answer
    assert (longer.earliest_entry, longer.earliest_until) == (
        dt.date(2023, 4, 11), dt.date(2023, 7, 4))


def test_a_plan_for_a_person_in_the_state_with_no_exit_leaves_on_the_query_day() -> None:
    # taken to leave on 25 December, before Croatia joins: the zone counts none of the stay,
    # and the new one may begin the day it judges Croatia, as for a person away
    history = build_history("log", [Stay("HR", dt.date(2022, 12, 20), None, "line 2")])
    answer = stay_report(history, PACK, on=dt.date(2022, 12, 25), country="HR",
                         citizenship="RU", length=30).answer
    assert (answer.present, answer.leaving, answer.earliest_entry, answer.earliest_until) == (
        True, dt.date(2022, 12, 25), JOINS, dt.date(2023, 1, 30))


def test_plan_tells_a_person_in_the_state_when_a_new_stay_can_begin(tmp_path: Path) -> None:
    log = tmp_path / "trips.csv"
    log.write_text("country,entry,exit\nHR,2022-12-20,2023-01-10\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["plan", str(log), "--country", "HR", "--from",
                                      "2022-12-25", "--length", "30", "--citizenship", "RU"])
    assert result.exit_code == 0, result.output
    assert ("If you leave on 10 January 2023 as planned, a new 30-day stay can begin the same "
            "day (until 8 February 2023).") in result.stdout
    # the zone's rules judge it: no "no later stretch of known rules holds it"
    assert "No stay of 30 days" not in result.stdout
    assert "schengen-short-stay-90-180" in result.stdout


def test_a_plan_longer_than_the_zone_allows_names_its_limit_not_ten_years_unknown() -> None:
    # a 100-day stay from December 2022: Croatia's own rules before 1 January are unknown,
    # and from then the zone's 90 days in any 180 hold no stay that long; "no later stretch
    # of known rules holds it within 10 years" read as the rules unknown all that time
    report = stay_report(_history(ACROSS[:1]), PACK, on=dt.date(2022, 12, 1), country="HR",
                         citizenship="RU", length=100)
    answer = report.answer
    assert (answer.limited_by, answer.earliest_entry) == ("unknown_rules", None)
    assert answer.too_long is not None
    assert (answer.too_long.rule, answer.too_long.days) == ("schengen-short-stay-90-180", 90)
    assert [r.id for r in report.rules] == ["schengen-short-stay-90-180"]


def test_plan_says_the_zone_limit_holds_no_stay_that_long(tmp_path: Path) -> None:
    # from 23 December a 100-day stay has at least 91 days from 1 January 2023: none can
    # begin, whatever Croatia's own rules before then
    log = tmp_path / "trips.csv"
    log.write_text("country,entry,exit\nKZ,2022-09-25,2022-11-30\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["plan", str(log), "--country", "HR", "--from",
                                      "2022-12-23", "--length", "100", "--citizenship", "RU"])
    assert result.exit_code == 0, result.output
    assert ("No stay of 100 days can begin from 23 December 2022: the rule pack has no stay "
            "rule for citizens of the Russian Federation in Croatia, and on the later days "
            "whose rules it knows, schengen-short-stay-90-180 (90 days in any 180) allows at "
            "most 90 days in a row.") in result.stdout
    assert "no later stretch" not in result.stdout


def test_a_stay_too_long_for_the_zone_begun_before_joining_turns_on_the_state_own_rules(
        ) -> None:
    # a 100-day stay begun from 1 to 22 December 2022 spends at most 90 days in the zone from
    # 1 January 2023, which its 90 days in any 180 allow: the days before are Croatia's own
    # rules', which the pack does not have, so whether it may begin is not known
    def starts(on: dt.date, given: list[tuple[str, dt.date, dt.date]] = ACROSS[:1]
               ) -> tuple[dt.date, dt.date] | None:
        report = stay_report(_history(given), PACK, on=on, country="HR", citizenship="RU",
                             length=100)
        assert report.answer.earliest_entry is None
        assert report.joining is not None
        return report.joining.unknown_starts

    assert starts(dt.date(2022, 12, 1)) == (dt.date(2022, 12, 1), dt.date(2022, 12, 22))
    assert starts(dt.date(2022, 12, 22)) == (dt.date(2022, 12, 22), dt.date(2022, 12, 22))
    assert starts(dt.date(2022, 12, 23)) is None
    # 30 days in Germany in November count in the zone's window: a stay from 1 December
    # would have 99 days in it by 10 March, and one begun later more days from January
    assert starts(dt.date(2022, 12, 1), [("DE", dt.date(2022, 11, 1),
                                          dt.date(2022, 11, 30))]) is None


def test_plan_says_a_stay_begun_before_joining_turns_on_the_state_own_rules(
        tmp_path: Path) -> None:
    log = tmp_path / "trips.csv"
    log.write_text("country,entry,exit\nKZ,2022-09-25,2022-11-30\n", encoding="utf-8")
    args = ["plan", str(log), "--country", "HR", "--from", "2022-12-01", "--length", "100",
            "--citizenship", "RU"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert ("A stay of 100 days begun from 1 to 22 December 2022 keeps within the rules of "
            "the Schengen area on its days from 1 January 2023, when Croatia joins it; "
            "whether it can begin turns on Croatia's own rules before then, and the rule pack "
            "has no stay rule for citizens of the Russian Federation in Croatia. One begun "
            "later cannot be that long: schengen-short-stay-90-180 (90 days in any 180) "
            "allows at most 90 days in a row.") in result.stdout
    assert "No stay of 100 days" not in result.stdout
    answer = json.loads(CliRunner().invoke(app, [*args, "--json"]).stdout)
    assert answer["joining"] == {"zone": "SCHENGEN", "on": "2023-01-01", "trip": None,
                                 "unknown_starts": {"from": "2022-12-01",
                                                    "until": "2022-12-22"}, "stay": None}
    assert answer["earliest_entry"] is None
    assert answer["too_long"]["rule"] == "schengen-short-stay-90-180"


def test_a_stay_the_zone_allows_from_joining_may_begin_earlier_under_the_state_own_rules(
        ) -> None:
    # a 30-day stay into Croatia: the zone's rules allow one from 1 January 2023, and one
    # begun in December keeps within them on its days from then; whether it may begin turns
    # on Croatia's own rules, which the pack does not have, not "the earliest is 1 January"
    def asked(given: list[tuple[str, dt.date, dt.date]], on: dt.date = dt.date(2022, 12, 1)
              ) -> tuple[dt.date | None, tuple[dt.date, dt.date] | None]:
        report = stay_report(_history(given), PACK, on=on, country="HR", citizenship="RU",
                             length=30)
        assert report.joining is not None
        return report.answer.earliest_entry, report.joining.unknown_starts

    assert asked(ACROSS[:1]) == (JOINS, (dt.date(2022, 12, 1), dt.date(2022, 12, 31)))
    assert asked(ACROSS[:1], dt.date(2022, 12, 25)) == (
        JOINS, (dt.date(2022, 12, 25), dt.date(2022, 12, 31)))
    # 80 days in Germany from 10 September to 28 November 2022 leave 10 days in the zone from
    # 1 January (to 10 January), while its rules allow 30 days only from 27 February 2023
    assert asked([("DE", dt.date(2022, 9, 10), dt.date(2022, 11, 28))]) == (
        dt.date(2023, 2, 27), (dt.date(2022, 12, 1), dt.date(2022, 12, 12)))
    # after a trip across the joining day the new stay comes after it: none begins before
    assert asked(ACROSS) == (dt.date(2023, 1, 10), None)


def test_plan_says_a_stay_may_begin_before_joining_under_the_state_own_rules(
        tmp_path: Path) -> None:
    log = tmp_path / "trips.csv"
    log.write_text("country,entry,exit\nKZ,2022-09-25,2022-11-30\n", encoding="utf-8")
    args = ["plan", str(log), "--country", "HR", "--from", "2022-12-01", "--length", "30",
            "--citizenship", "RU"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert ("The earliest you can enter for 30 days is 1 January 2023 (staying until 30 "
            "January 2023). It may be earlier: a stay of 30 days begun from 1 to 31 December "
            "2022 keeps within the rules of the Schengen area on its days from 1 January 2023, "
            "when Croatia joins it; whether it can begin turns on Croatia's own rules before "
            "then, and the rule pack has no stay rule for citizens of the Russian Federation in "
            "Croatia.") in result.stdout
    answer = json.loads(CliRunner().invoke(app, [*args, "--json"]).stdout)
    assert answer["joining"]["unknown_starts"] == {"from": "2022-12-01", "until": "2022-12-31"}
    assert answer["earliest_entry"] == "2023-01-01"


def test_a_plan_from_before_a_trip_across_the_joining_day_seeks_the_new_stay_after_it(
        ) -> None:
    # away on 1 December, in Croatia from 20 December to 10 January 2023: on 1 January the
    # zone counts the trip as entered that day, and the new stay comes after it, as asked
    # on 25 December while there; "enter on 1 January" offered a day the person is there
    asked = {on: stay_report(_history(ACROSS), PACK, on=on, country="HR", citizenship="RU",
                             length=30) for on in (dt.date(2022, 12, 1), dt.date(2022, 12, 25))}
    for on, report in asked.items():
        answer = report.answer
        assert (answer.earliest_entry, answer.earliest_until) == (
            dt.date(2023, 1, 10), dt.date(2023, 2, 8)), on
        assert [r.id for r in report.rules] == ["schengen-short-stay-90-180"], on
        assert report.joining is not None
        assert report.joining.trip == PlannedTrip(("HR",), dt.date(2022, 12, 20),
                                                  dt.date(2023, 1, 10), broken=False), on
    assert not asked[dt.date(2022, 12, 1)].answer.present
    # 85 days: as asked while there, 11 April 2023
    longer = stay_report(_history(ACROSS), PACK, on=dt.date(2022, 12, 1), country="HR",
                         citizenship="RU", length=85).answer
    assert (longer.earliest_entry, longer.earliest_until) == (
        dt.date(2023, 4, 11), dt.date(2023, 7, 4))


def test_a_trip_begun_on_the_joining_day_is_an_entry_the_zone_judges() -> None:
    # entered on 1 January 2023, the zone judges the entry itself: the stay offered begins
    # then, when the planned trip does, as for any trip planned into a host
    report = stay_report(_history([("HR", JOINS, dt.date(2023, 1, 10))]), PACK,
                         on=dt.date(2022, 12, 1), country="HR", citizenship="RU", length=30)
    assert report.joining is not None and report.joining.trip is None
    assert (report.answer.earliest_entry, report.answer.earliest_until) == (
        JOINS, dt.date(2023, 1, 30))


def test_plan_names_the_trip_across_the_joining_day_as_from_inside_it(tmp_path: Path) -> None:
    log = tmp_path / "trips.csv"
    log.write_text("country,entry,exit\nKZ,2022-09-25,2022-11-30\nHR,2022-12-20,2023-01-10\n",
                   encoding="utf-8")

    def plan(on: str, *more: str) -> str:
        result = CliRunner().invoke(app, ["plan", str(log), "--country", "HR", "--from", on,
                                          "--length", "30", "--citizenship", "RU", *more])
        assert result.exit_code == 0, result.output
        return result.stdout

    leave = ("If you leave on 10 January 2023 as planned, a new 30-day stay can begin the same "
             "day (until 8 February 2023).")
    away = plan("2022-12-01")
    assert ("Your planned trip to Croatia from 20 December 2022 to 10 January 2023 is under "
            "way on 1 January 2023, when Croatia joins the Schengen area, which counts it as "
            "entered that day. " + leave) in away
    assert "The earliest you can enter" not in away
    assert leave in plan("2022-12-25")
    # the JSON of both names the trip, and the same new stay
    for on in ("2022-12-01", "2022-12-25"):
        answer = json.loads(plan(on, "--json"))
        assert (answer["earliest_entry"], answer["earliest_until"]) == (
            "2023-01-10", "2023-02-08"), on
        assert answer["joining"]["trip"] == {
            "countries": ["HR"], "first_day": "2022-12-20", "last_day": "2023-01-10",
            "over_the_limit": False, "limits": []}, on


def test_plan_from_inside_a_stay_across_the_joining_day_names_it(tmp_path: Path) -> None:
    # asked on 25 December while in Croatia, the zone counts the stay as entered on 1 January
    # 2023: said, as asked before the trip, not only "If you leave on 10 January 2023", which
    # named no stay and did not say that its days before the joining day go uncounted
    log = tmp_path / "trips.csv"
    log.write_text("country,entry,exit\nHR,2022-12-01,2022-12-10\nHR,2022-12-20,2023-01-10\n",
                   encoding="utf-8")

    def plan(on: str) -> str:
        result = CliRunner().invoke(app, ["plan", str(log), "--country", "HR", "--from", on,
                                          "--length", "30", "--citizenship", "RU"])
        assert result.exit_code == 0, result.output
        return result.stdout

    leave = ("is under way on 1 January 2023, when Croatia joins the Schengen area, which "
             "counts it as entered that day. If you leave on 10 January 2023 as planned, a new "
             "30-day stay can begin the same day (until 8 February 2023).")
    assert f"Your stay in Croatia from 20 December 2022 to 10 January 2023 {leave}" in plan(
        "2022-12-25")
    # in an earlier stay on the query day, the one across the joining day is still ahead:
    # "If you leave on 10 December 2022, the earliest a new 30-day stay can begin is 10
    # January 2023" hid the trip that made it wait
    assert (f"Your planned trip to Croatia from 20 December 2022 to 10 January 2023 {leave}"
            in plan("2022-12-05"))


def german_visa_holder(tmp_path: Path, trips: str) -> Path:
    """A Russian holding a German (Schengen) visa from 2 October 2022 to 1 August 2023, with
    ``trips`` (YAML list items): the person the joining-day plans into Croatia are asked for."""
    profile = tmp_path / "me.yaml"
    profile.write_text(
        "version: 1\nperson:\n  citizenships: [RU]\n  born: 1990-07-15\n  documents:\n"
        "    - {type: international_passport, country: RU, issued: 2021-03-01,"
        " expires: 2031-03-01}\n"
        "    - {type: visa, country: DE, issued: 2022-10-02, expires: 2023-08-01}\n"
        "trips:\n" + trips, encoding="utf-8")
    return profile


def test_a_schengen_visa_counts_for_a_plan_into_croatia_from_before_it_joined(
        tmp_path: Path) -> None:
    # asked in December 2022 about an entry on 1 January 2023, when the Schengen area's entry
    # rules judge Croatia: the German visa held counts, as it would asked on that day; judged
    # as Croatia's own, the plan said "you hold none valid"
    profile = german_visa_holder(tmp_path, "  - {country: KZ, entry: 2022-10-20, by: air}\n")
    args = ["plan", str(profile), "--country", "HR", "--length", "30"]
    before = CliRunner().invoke(app, [*args, "--from", "2022-12-01"])
    assert before.exit_code == 0, before.output
    assert "The earliest you can enter for 30 days is 1 January 2023" in before.stdout
    assert "cannot enter" not in before.stdout
    # without a visa, the refusal is told as on the day itself
    profile.write_text(profile.read_text(encoding="utf-8").replace(
        "    - {type: visa, country: DE, issued: 2022-10-02, expires: 2023-08-01}\n", ""),
        encoding="utf-8")
    refused = CliRunner().invoke(app, [*args, "--from", "2022-12-01"])
    assert ("with the documents you hold you cannot enter Croatia on 1 January 2023"
            in refused.stdout)


def test_a_planned_trip_with_no_exit_goes_on_to_the_joining_day(tmp_path: Path) -> None:
    # in Croatia from 20 December 2022, no exit recorded, asked on 1 December: nothing
    # recorded ends the trip before 1 January 2023, and the zone counts it as entered then;
    # "The earliest you can enter for 30 days is 1 January 2023" offered a day the person is
    # there already, and named no trip
    log = tmp_path / "trips.csv"
    log.write_text("country,entry,exit\nKZ,2022-09-25,2022-11-30\nHR,2022-12-20,\n",
                   encoding="utf-8")
    args = ["plan", str(log), "--country", "HR", "--from", "2022-12-01", "--length", "30",
            "--citizenship", "RU"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert ("Your planned trip to Croatia from 20 December 2022, with no exit recorded, is "
            "under way on 1 January 2023, when Croatia joins the Schengen area, which counts "
            "it as entered that day: a stay of 30 days from 1 January 2023 (until 30 January "
            "2023) is that trip going on.") in result.stdout
    assert "The earliest you can enter" not in result.stdout
    answer = json.loads(CliRunner().invoke(app, [*args, "--json"]).stdout)
    assert answer["joining"]["trip"] == {
        "countries": ["HR"], "first_day": "2022-12-20", "last_day": None,
        "over_the_limit": False, "limits": []}
    assert answer["joining"]["unknown_starts"] is None
    # under way on the query day with no exit, the stay is taken to end then, as the state's
    # answer ends it: no trip across the joining day
    open_stay = build_history("log", [Stay("HR", dt.date(2022, 12, 20), None, "line 2")])
    there = stay_report(open_stay, PACK, on=dt.date(2022, 12, 25), country="HR",
                        citizenship="RU", length=30)
    assert there.joining is not None and there.joining.trip is None


def test_status_in_the_state_across_the_joining_day_gives_the_zone_stay_from_then(
        tmp_path: Path) -> None:
    # in Croatia from 20 December 2022, asked on 25 December with no length: Croatia's own
    # rules are unknown, but from 1 January 2023 the Schengen area counts the stay as entered
    # that day and allows it to 31 March from an empty window; "cannot say how long" alone
    # left that unsaid, as plan says it of the same stay
    def status(rows: str, *more: str) -> str:
        log = tmp_path / "trips.csv"
        log.write_text(f"country,entry,exit\n{rows}", encoding="utf-8")
        result = CliRunner().invoke(app, ["status", str(log), "--country", "HR", "--on",
                                          "2022-12-25", "--citizenship", "RU", *more])
        assert result.exit_code == 0, result.output
        return result.stdout

    unknown = ("sojourn cannot say how long you may stay in Croatia on 25 December 2022: the "
               "rule pack has no stay rule for citizens of the Russian Federation in Croatia. ")
    zone = ("is under way on 1 January 2023, when Croatia joins the Schengen area, which "
            "counts it as entered that day: its rules allow you to stay until {}, {} days from "
            "then (schengen-short-stay-90-180: 90 days in any 180); your days in Croatia before "
            "then turn on its own rules, which the rule pack does not have.")
    across = status("HR,2022-12-20,2023-01-10\n")
    assert across.startswith(unknown + "Your stay in Croatia from 20 December 2022 to 10 "
                             "January 2023 " + zone.format("31 March 2023", 90))
    assert (unknown + "Your stay in Croatia from 20 December 2022 " + zone.format(
        "31 March 2023", 90)) in status("HR,2022-12-20,\n")
    # 30 days in Germany in November count in the zone's window: 60 days from 1 January
    assert zone.format("1 March 2023", 60) in status(
        "DE,2022-11-01,2022-11-30\nHR,2022-12-20,2023-01-10\n")
    answer = json.loads(status("HR,2022-12-20,2023-01-10\n", "--json"))
    assert answer["joining"]["stay"] == {"latest_exit": "2023-03-31", "max_stay_days": 90,
                                         "rule": "schengen-short-stay-90-180"}
    assert answer["latest_exit"] is None
    # left before 1 January, the zone's rules never judge the stay: nothing of them is said
    before = status("HR,2022-12-20,2022-12-28\n")
    assert "Schengen area, which counts" not in before
    assert json.loads(status("HR,2022-12-20,2022-12-28\n", "--json"))["joining"]["stay"] is None


def test_a_trip_into_a_state_joining_the_zone_is_named_whole_by_the_zone() -> None:
    # asked of the Schengen area on 1 December 2022, the days in Croatia from 20 December are
    # away from it until 1 January, and in it from then: the trip is the recorded one, to 10
    # January 2023, not "from 20 to 31 December 2022", which destinations listed beside the
    # same trip (another host's) as a second trip
    report = stay_report(_history(ACROSS), PACK, on=dt.date(2022, 12, 1), country="SCHENGEN",
                         citizenship="RU")
    assert (report.answer.limited_by, report.answer.latest_exit) == (
        "planned_trip", dt.date(2022, 12, 20))
    assert report.planned_trip == PlannedTrip(("HR",), dt.date(2022, 12, 20),
                                              dt.date(2023, 1, 10), broken=False)
    # a trip elsewhere that ends before the state joins is named to its own exit
    short = stay_report(_history([("HR", dt.date(2022, 12, 20), dt.date(2022, 12, 28))]), PACK,
                        on=dt.date(2022, 12, 1), country="SCHENGEN", citizenship="RU")
    assert short.planned_trip is not None
    assert short.planned_trip.last == dt.date(2022, 12, 28)


def test_a_planned_trip_with_no_exit_across_the_joining_day_is_not_said_to_count_one_day(
        tmp_path: Path) -> None:
    # a Russian with a German visa, in Zagreb from 20 December 2022 with no exit recorded,
    # asked in December: the plan says the trip goes on from 1 January 2023 under the zone's
    # rules; Croatia's own answer (unknown, counting nothing) added "its end is not known, so
    # only its first day is counted", which the plan's own sentence contradicted
    profile = german_visa_holder(
        tmp_path, "  - {country: KZ, entry: 2022-09-25, exit: 2022-11-30, by: air}\n"
        "  - {country: HR, entry: 2022-12-20, by: air}\n")
    for on, length in (("2022-12-01", "30"), ("2022-12-19", "30"), ("2022-12-01", "85")):
        args = ["plan", str(profile), "--country", "HR", "--from", on, "--length", length]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        assert "that trip going on" in result.stdout, on
        assert "only its first day is counted" not in result.stdout, on
        notes = json.loads(CliRunner().invoke(app, [*args, "--json"]).stdout)["notes"]
        assert not any("first day is counted" in n for n in notes), on
    # a planned trip with no exit to a host whose rules judge it from its first day keeps
    # the note: the engine counts only that day of it
    germany = tmp_path / "de.csv"
    germany.write_text("country,entry,exit\nDE,2022-12-20,\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["plan", str(germany), "--country", "DE", "--from",
                                      "2022-12-01", "--length", "30", "--citizenship", "RU"])
    assert result.exit_code == 0, result.output
    assert "so only its first day is counted" in result.stdout


def test_a_plan_too_long_for_the_zone_offers_no_start_before_a_trip_across_joining(
        tmp_path: Path) -> None:
    # a 100-day plan from 1 December 2022 beside a trip in Croatia across 1 January 2023 (to
    # 10 January, or with no exit): the new stay comes after the trip, as for a 30-day plan,
    # and after it the zone's 90 days in any 180 hold no stay that long; "A stay of 100 days
    # begun from 1 to 22 December 2022 keeps within the rules of the Schengen area" offered
    # starts that take in the trip, some of them days the person is there already
    no_exit = build_history("log", [Stay("KZ", dt.date(2022, 9, 25), dt.date(2022, 11, 30),
                                         "line 2"),
                                    Stay("HR", dt.date(2022, 12, 20), None, "line 3")])
    for history in (_history(ACROSS), no_exit):
        report = stay_report(history, PACK, on=dt.date(2022, 12, 1), country="HR",
                             citizenship="RU", length=100)
        assert report.joining is not None and report.joining.trip is not None
        assert (report.answer.earliest_entry, report.joining.unknown_starts) == (None, None)
        assert report.answer.too_long is not None
        assert report.answer.too_long.rule == "schengen-short-stay-90-180"
    log = tmp_path / "trips.csv"
    log.write_text("country,entry,exit\nKZ,2022-09-25,2022-11-30\nHR,2022-12-20,2023-01-10\n",
                   encoding="utf-8")
    result = CliRunner().invoke(app, ["plan", str(log), "--country", "HR", "--from",
                                      "2022-12-01", "--length", "100", "--citizenship", "RU"])
    assert result.exit_code == 0, result.output
    assert ("No stay of 100 days can begin from 1 December 2022: the rule pack has no stay "
            "rule for citizens of the Russian Federation in Croatia, and on the later days "
            "whose rules it knows, schengen-short-stay-90-180 (90 days in any 180) allows at "
            "most 90 days in a row.") in result.stdout
    assert "begun from 1 to 22 December 2022" not in result.stdout


def test_report_lists_the_zone_last_day_that_status_gives_from_the_joining_day(
        tmp_path: Path) -> None:
    # in Croatia since 3 December 2022, reported on 25 December: status says the Schengen
    # area's rules allow the stay until 31 March 2023 from 1 January, and the report under the
    # same headline listed no deadline ("none known"); it lists that day, by the zone's rule,
    # saying that the days before turn on Croatia's own rules
    def report(rows: str) -> dict[str, Any]:
        log = tmp_path / "trips.csv"
        log.write_text(f"country,entry,exit\nKZ,2022-09-25,2022-11-30\n{rows}",
                       encoding="utf-8")
        result = CliRunner().invoke(app, ["report", str(log), "--on", "2022-12-25",
                                          "--citizenship", "RU", "--format", "json"])
        assert result.exit_code == 0, result.output
        answer: dict[str, Any] = json.loads(result.stdout)
        return answer

    for rows in ("HR,2022-12-03,\n", "HR,2022-12-03,2023-01-10\n"):
        answer = report(rows)
        status = answer["stay"]["joining"]["stay"]
        assert status["latest_exit"] == "2023-03-31", rows
        [deadline] = answer["deadlines"]
        assert (deadline["day"], deadline["rule"]) == (status["latest_exit"], status["rule"])
        assert deadline["what"] == (
            "last day of legal stay in Croatia under the rules of the Schengen area, which "
            "count the stay as entered on 1 January 2023, when Croatia joins it; your days in "
            "Croatia before then turn on its own rules, which the rule pack does not have")
    # recorded to leave before 1 January, the zone never judges the stay: status says nothing
    # of it, and the report lists no day of it either
    left = report("HR,2022-12-03,2022-12-28\n")
    assert left["stay"]["joining"]["stay"] is None
    assert left["deadlines"] == []


def test_a_plan_too_long_for_the_zone_names_the_trip_across_joining(tmp_path: Path) -> None:
    # "No stay of 100 days can begin from 1 December 2022" alone named no trip, while the
    # 30-day plan beside the same trip does; with no exit recorded, it did not say either
    # that the zone's rules let that trip run to 31 March 2023
    log = tmp_path / "trips.csv"

    def plan(trip: str, *more: str) -> str:
        log.write_text(f"country,entry,exit\nKZ,2022-09-25,2022-11-30\n{trip}",
                       encoding="utf-8")
        result = CliRunner().invoke(app, ["plan", str(log), "--country", "HR", "--from",
                                          "2022-12-01", "--length", "100", "--citizenship",
                                          "RU", *more])
        assert result.exit_code == 0, result.output
        return result.stdout

    under_way = ("is under way on 1 January 2023, when Croatia joins the Schengen area, "
                 "which counts it as entered that day")
    held = "schengen-short-stay-90-180 (90 days in any 180) allows at most 90 days in a row."
    assert (f"{held} Your planned trip to Croatia from 20 December 2022 to 10 January 2023 "
            f"{under_way}.\n") in plan("HR,2022-12-20,2023-01-10\n")
    assert (f"{held} Your planned trip to Croatia from 20 December 2022, with no exit "
            f"recorded, {under_way}: its rules allow you to stay until 31 March 2023, 90 days "
            "from then (schengen-short-stay-90-180: 90 days in any 180).") in plan(
        "HR,2022-12-20,\n")
    # the JSON says the same of the trip with no exit, as status's does of a stay across
    joining = json.loads(plan("HR,2022-12-20,\n", "--json"))["joining"]
    assert joining["stay"] == {"latest_exit": "2023-03-31", "max_stay_days": 90,
                               "rule": "schengen-short-stay-90-180"}
    assert json.loads(plan("HR,2022-12-20,2023-01-10\n", "--json"))["joining"]["stay"] is None
