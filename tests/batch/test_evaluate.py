"""evaluate() called directly, as a library: what it accepts beyond what normalize gives it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from sojourn.batch import columnar
from sojourn.batch import evaluate as evaluate_module
from sojourn.batch.evaluate import evaluate, pack_judge, rule_judge
from sojourn.batch.frames import STAYS
from sojourn.batch.spans import by_person_day
from sojourn.errors import UsageError
from sojourn.history import History, Stay, build_history
from sojourn.rules.loader import load_pack
from sojourn.rules.spec import parse_spec
from sojourn.stay import ad_hoc_regime, stay_report

ON = dt.date(2023, 6, 1)
MANY = "+".join(f"per-entry:{n}" for n in range(1, 64))  # 63 limits


def stays(citizenships: list[str | None]) -> pl.DataFrame:
    days = [(dt.date(2023, 1, 1), dt.date(2023, 2, 10)), (dt.date(2023, 3, 1), None)]
    return pl.DataFrame(
        [(i + 1, None, "p1", "KZ", entry, exit_, cit)
         for i, ((entry, exit_), cit) in enumerate(zip(days, citizenships, strict=True))],
        schema=STAYS, orient="row")


def test_a_citizenship_given_on_some_rows_of_a_person_is_theirs() -> None:
    judge = pack_judge(load_pack(), "KZ", ON)
    every_row = evaluate(stays(["RU", "RU"]), judge, ON)
    for some in (["RU", None], [None, "RU"]):
        persons, violations = evaluate(stays(some), judge, ON)
        assert_frame_equal(persons, every_row[0])
        assert_frame_equal(violations, every_row[1])
    assert every_row[0]["citizenship"].to_list() == ["RU"]
    assert every_row[0]["binding_rule"].to_list() == ["kz-stay-eaeu-90-180"]


def test_more_limits_than_a_run_can_name_are_refused_before_any_row() -> None:
    with pytest.raises(UsageError, match="--rule: 63 limits; the batch evaluator judges at "
                                         "most 62"):
        rule_judge(MANY, "KZ")


def test_a_pack_regime_with_too_many_limits_is_refused(monkeypatch: pytest.MonkeyPatch
                                                       ) -> None:
    monkeypatch.setattr(evaluate_module, "pack_regime",
                        lambda *_: ad_hoc_regime(parse_spec(MANY)))
    judge = pack_judge(load_pack(), "KZ", ON)
    with pytest.raises(UsageError, match="citizens of RU in KZ: 63 limits"):
        evaluate(stays(["RU", "RU"]), judge, ON)


def test_rows_out_of_order_are_taken_in_row_order_within_each_person() -> None:
    # p0 goes FR -> a day in DE -> back to FR, all on 5 January (rows 2, 3, 4): one entry into
    # a host of both. Given in another order, the rows must still be read by (entry, row).
    day = dt.date(2023, 1, 5)
    rows = [(1, "p1", "DE", dt.date(2023, 1, 2), dt.date(2023, 1, 3)),
            (2, "p0", "FR", dt.date(2023, 1, 1), day), (3, "p0", "DE", day, day),
            (4, "p0", "FR", day, day)]
    table = pl.DataFrame([(row, None, pid, country, entry, exit_, "RU")
                          for row, pid, country, entry, exit_ in rows],
                         schema=STAYS, orient="row")
    judge = rule_judge("per-entry:3", "FR,DE")
    in_order = evaluate(table.sort("person_id", "entry", "row"), judge, day)
    assert in_order[0].filter(pl.col("person_id") == "p0")["entered"].to_list() == [
        dt.date(2023, 1, 1)]
    for shuffled in (table, table.reverse(), table[[3, 0, 2, 1]]):
        got = evaluate(shuffled, judge, day)
        assert_frame_equal(got[0], in_order[0])
        assert_frame_equal(got[1], in_order[1])


ZONE_PACK = """\
schema: sojourn.rules/1
zones:
  - id: ZZZ
    title: a zone FR leaves after 10 March 2023
    sources: [{title: test, url: "https://example.org/rule"}]
    members:
      - {country: FR, until: 2023-03-10}
      - {country: DE, since: 2023-03-08}
rules:
  - id: zzz-stay
    title: per entry 2 and rolling 6/10
    host: ZZZ
    citizenships: ["*"]
    topic: stay
    valid_from: 2000-01-01
    constraints: [{kind: per_entry, max: 2}, {kind: rolling, max: 6, window: 10}]
    sources: [{title: test, url: "https://example.org/rule"}]
    confidence: high
"""


@pytest.mark.parametrize("back_in_fr_until", [dt.date(2023, 3, 11), None])
def test_a_stay_cut_short_by_a_member_leaving_comes_after_a_day_trip_that_day(
        tmp_path: Path, back_in_fr_until: dt.date | None) -> None:
    # FR 9-10 March, a day in DE on the 10th, back in FR from the 10th (FR's last day in the
    # zone): in the zone, that stay is the 10th alone, tied with the day in DE. As in the
    # scalar engine's history, the tie goes by the whole stays (the one in DE ends first):
    # FR, DE, FR -- one entry, not two.
    (tmp_path / "zone.yaml").write_text(ZONE_PACK)
    pack = load_pack(tmp_path)
    on = dt.date(2023, 3, 10)
    given = [("FR", on, back_in_fr_until), ("DE", on, on), ("FR", dt.date(2023, 3, 9), on)]
    table = pl.DataFrame([(i + 1, None, "p", c, entry, exit_, "RU")
                          for i, (c, entry, exit_) in enumerate(given)], schema=STAYS,
                         orient="row").sort("person_id", "entry", "row")
    [row] = evaluate(table, pack_judge(pack, "ZZZ", on), on)[0].to_dicts()
    history = build_history("log", [Stay(c, entry, exit_, f"line {i + 2}")
                                    for i, (c, entry, exit_) in enumerate(given)])
    answer = stay_report(history, pack, on=on, country="ZZZ", citizenship="RU").answer
    assert (row["entered"], row["days_used"], row["latest_exit"], row["limited_by"]) == (
        answer.entered, answer.days_used, answer.latest_exit, answer.limited_by)
    assert row["entered"] == dt.date(2023, 3, 9)


@pytest.mark.parametrize(("given", "on", "latest_exit"), [
    # open in Croatia before it joined the Schengen area (1 January 2023)
    ([("HR", dt.date(2022, 11, 12), None)], dt.date(2022, 11, 25), dt.date(2023, 2, 22)),
    # open in Bulgaria months before it joined (31 March 2024), and open after it did
    ([("BG", dt.date(2023, 7, 30), None)], dt.date(2023, 10, 8), dt.date(2024, 1, 5)),
    ([("BG", dt.date(2024, 1, 1), None)], dt.date(2024, 4, 10), dt.date(2024, 6, 28)),
    # open in Croatia, judged on the day it joined: known through that day, so in the zone
    # from it (day 1 of 90), not later
    ([("HR", dt.date(2022, 12, 20), None)], dt.date(2023, 1, 1), dt.date(2023, 3, 31)),
])
def test_an_open_stay_in_a_country_joining_the_zone_later_is_elsewhere(
        given: list[tuple[str, dt.date, dt.date | None]], on: dt.date,
        latest_exit: dt.date) -> None:
    # It is known only through the query day. Cut at the joining day, it became an entry with
    # no known end, a planned trip that capped the stay at the day before the joining day.
    pack = load_pack()
    table = pl.DataFrame([(i + 1, None, "p", c, entry, exit_, "RU")
                          for i, (c, entry, exit_) in enumerate(given)], schema=STAYS,
                         orient="row")
    [row] = evaluate(table, pack_judge(pack, "SCHENGEN", on), on)[0].to_dicts()
    history = build_history("log", [Stay(c, entry, exit_, f"line {i + 2}")
                                    for i, (c, entry, exit_) in enumerate(given)])
    answer = stay_report(history, pack, on=on, country="SCHENGEN", citizenship="RU").answer
    assert (row["days_used"], row["latest_exit"], row["limited_by"]) == (
        answer.days_used, answer.latest_exit, answer.limited_by)
    assert row["latest_exit"] == latest_exit


LEAVING_PACK = ZONE_PACK.replace("{country: FR, until: 2023-03-10}",
                                 "{country: FR, until: UNTIL}").replace(
    "constraints: [{kind: per_entry, max: 2}, {kind: rolling, max: 6, window: 10}]",
    "constraints: [{kind: rolling, max: 90, window: 180}]")


@pytest.mark.parametrize(("until", "on", "present", "latest_exit", "limited_by"), [
    # known through the query day, in a member that leaves long after: open in the zone, so
    # the limit ends it on 29 July. Cut at the leaving day, the stay was known to last until
    # 31 December, and its days past the limit were an overstay that had not happened.
    ("2023-12-31", dt.date(2023, 6, 1), True, dt.date(2023, 7, 29), "rule"),
    # a member leaving sooner caps the stay: a stay elsewhere from the next day
    ("2023-06-15", dt.date(2023, 6, 1), True, dt.date(2023, 6, 16), "planned_trip"),
    ("2023-06-15", dt.date(2023, 6, 15), True, dt.date(2023, 6, 16), "planned_trip"),
    # the day after: out of the zone, in FR, now elsewhere: that stay is under way, begun on
    # the query day, and a stay in the zone from then is instead of it, not ended by it (as
    # on any later day): 46 days used, 44 more under 90 in any 180
    ("2023-06-15", dt.date(2023, 6, 16), False, dt.date(2023, 7, 29), "rule"),
])
def test_an_open_stay_in_a_member_that_leaves_after_the_query_day(
        tmp_path: Path, until: str, on: dt.date, present: bool, latest_exit: dt.date,
        limited_by: str) -> None:
    (tmp_path / "zone.yaml").write_text(LEAVING_PACK.replace("UNTIL", until))
    pack = load_pack(tmp_path)
    entry = dt.date(2023, 5, 1)
    table = pl.DataFrame([(1, None, "p", "FR", entry, None, "RU")], schema=STAYS, orient="row")
    persons, violations = evaluate(table, pack_judge(pack, "ZZZ", on), on)
    [row] = persons.to_dicts()
    history = build_history("log", [Stay("FR", entry, None, "line 2")])
    answer = stay_report(history, pack, on=on, country="ZZZ", citizenship="RU").answer
    assert (row["present"], row["latest_exit"], row["limited_by"]) == (
        answer.present, answer.latest_exit, answer.limited_by) == (present, latest_exit,
                                                                   limited_by)
    assert violations.is_empty() and answer.violations == ()


def test_a_compliant_plan_keeps_the_day_it_shares_with_an_overstaying_one() -> None:
    # B (from 10 March, A's last day) already breaks 20/60; an 11th day now would make
    # 10 March count 21, breaking A, which was compliant: the scalar engine refuses it too.
    on = dt.date(2023, 2, 1)
    given = [("KZ", dt.date(2023, 3, 1), dt.date(2023, 3, 10)),
             ("KZ", dt.date(2023, 3, 10), dt.date(2023, 3, 25))]
    table = pl.DataFrame([(i + 1, None, "p", c, entry, exit_, None)
                          for i, (c, entry, exit_) in enumerate(given)], schema=STAYS,
                         orient="row")
    [row] = evaluate(table, rule_judge("rolling:20/60", None), on)[0].to_dicts()
    history = build_history("log", [Stay(c, entry, exit_, f"line {i + 2}")
                                    for i, (c, entry, exit_) in enumerate(given)])
    answer = stay_report(history, load_pack(), on=on, rule_spec="rolling:20/60").answer
    assert row["latest_exit"] == answer.latest_exit == dt.date(2023, 2, 10)


@pytest.mark.parametrize(("on", "latest_exit"), [
    (dt.date(2025, 3, 1), dt.date(2028, 12, 30)),
    # 2100 is no leap year: eight years from 2097 to the next 31 December of a leap year
    (dt.date(2097, 3, 1), dt.date(2104, 12, 30)),
])
def test_a_calendar_year_count_first_broken_years_ahead_is_found(on: dt.date,
                                                                 latest_exit: dt.date) -> None:
    # 365 days a calendar year: a stay from ``on`` breaks it first on the 31 December of a
    # leap year, the 366th day of that year, years ahead; as the scalar engine finds it
    table = pl.DataFrame([(1, None, "p", "KZ", on, None, None)], schema=STAYS, orient="row")
    [row] = evaluate(table, rule_judge("calendar-year:365", None), on)[0].to_dicts()
    history = build_history("log", [Stay("KZ", on, None, "line 2")])
    answer = stay_report(history, load_pack(), on=on, rule_spec="calendar-year:365").answer
    assert (row["latest_exit"], row["limited_by"]) == (answer.latest_exit, "rule")
    assert row["latest_exit"] == latest_exit


def test_a_country_named_twice_in_the_rule_s_list_is_one_country() -> None:
    # KZ, a border run to KG, back in KZ: with --country KZ,KG one host, entered on 1 March.
    # Naming KZ twice once made each KZ stay count twice, as two entries.
    on = dt.date(2023, 4, 10)
    given = [("KZ", dt.date(2023, 3, 1), dt.date(2023, 3, 20)),
             ("KG", dt.date(2023, 3, 20), dt.date(2023, 3, 25)),
             ("KZ", dt.date(2023, 3, 25), None)]
    table = pl.DataFrame([(i + 1, None, "p", c, entry, exit_, None)
                          for i, (c, entry, exit_) in enumerate(given)], schema=STAYS,
                         orient="row")
    history = build_history("log", [Stay(c, entry, exit_, f"line {i + 2}")
                                    for i, (c, entry, exit_) in enumerate(given)])
    answer = stay_report(history, load_pack(), on=on, country="KZ,KG",
                         rule_spec="per-entry:10").answer
    once = evaluate(table, rule_judge("per-entry:10", "KZ,KG"), on)
    for listed in ("KZ,KG,KZ", "kz, KG ,KG,kz"):
        twice = evaluate(table, rule_judge("per-entry:10", listed), on)
        assert_frame_equal(twice[0], once[0])
        assert_frame_equal(twice[1], once[1])
        [row] = twice[0].to_dicts()
        assert (row["entered"], row["days_used"]) == (answer.entered, answer.days_used) == (
            dt.date(2023, 3, 1), 41)
        assert stay_report(history, load_pack(), on=on, country=listed,
                           rule_spec="per-entry:10").answer == answer


@pytest.mark.parametrize(("back", "on", "latest_exit", "limited_by"), [
    # out to KG and back into KZ on the query day, still there: the day in KG came before
    # the stay under way, so it is no planned trip (it once capped the stay at 1 day); the
    # stay keeps 90 days from 20 December past the change of 27 January 2023
    ((dt.date(2022, 12, 20), None), dt.date(2022, 12, 20), dt.date(2023, 3, 19), "rule"),
    # the same, the stay back in KZ recorded to end later
    ((dt.date(2022, 12, 20), dt.date(2022, 12, 31)), dt.date(2022, 12, 20),
     dt.date(2023, 3, 19), "rule"),
    # a day after, as before the fix
    ((dt.date(2022, 12, 20), None), dt.date(2022, 12, 21), dt.date(2023, 3, 19), "rule"),
    # back in KZ for that day only: which of the two one-day stays came first the dates do
    # not say, and the day in KG is taken as a trip still to come
    ((dt.date(2022, 12, 20), dt.date(2022, 12, 20)), dt.date(2022, 12, 20),
     dt.date(2022, 12, 20), "planned_trip"),
])
def test_a_border_run_back_on_the_query_day_is_no_planned_trip(
        back: tuple[dt.date, dt.date | None], on: dt.date, latest_exit: dt.date,
        limited_by: str) -> None:
    given = [("KZ", dt.date(2022, 10, 1), dt.date(2022, 12, 20)),
             ("KG", dt.date(2022, 12, 20), dt.date(2022, 12, 20)),
             ("KZ", *back)]
    table = pl.DataFrame([(i + 1, None, "p", c, entry, exit_, "RU")
                          for i, (c, entry, exit_) in enumerate(given)], schema=STAYS,
                         orient="row")
    [row] = evaluate(table, pack_judge(load_pack(), "KZ", on), on)[0].to_dicts()
    history = build_history("log", [Stay(c, entry, exit_, f"line {i + 2}")
                                    for i, (c, entry, exit_) in enumerate(given)])
    answer = stay_report(history, load_pack(), on=on, country="KZ", citizenship="RU").answer
    assert (row["latest_exit"], row["limited_by"]) == (
        answer.latest_exit, answer.limited_by) == (latest_exit, limited_by)
    assert row["register_by"] == (answer.register_by.by if answer.register_by else None)


@pytest.mark.parametrize(("spec", "over_limit", "overstay_days", "days_remaining",
                          "latest_exit"), [
    # back in on the day a stay over 30 days per entry ended (41 days, 11 over): the stay
    # under way has used 1 day of its own 30 (it once had none left, over the limit)
    ("per-entry:30", False, 11, 29, dt.date(2026, 3, 11)),
    # a rolling count counts the crossing day once, 41 days of 30: over either way
    ("rolling:30/180", True, 11, 0, None),
])
def test_back_on_the_day_an_overstay_ended_the_stay_under_way_has_its_own_count(
        spec: str, over_limit: bool, overstay_days: int, days_remaining: int,
        latest_exit: dt.date | None) -> None:
    on = dt.date(2026, 2, 10)
    given = [(dt.date(2026, 1, 1), on), (on, None)]
    table = pl.DataFrame([(i + 1, None, "p", "KZ", entry, exit_, None)
                          for i, (entry, exit_) in enumerate(given)], schema=STAYS,
                         orient="row")
    [row] = evaluate(table, rule_judge(spec, None), on)[0].to_dicts()
    assert (row["over_limit"], row["overstay_days"], row["days_remaining"],
            row["latest_exit"]) == (over_limit, overstay_days, days_remaining, latest_exit)


def test_a_binding_rule_not_yet_in_force_is_said_so() -> None:
    # A border run in Kazakhstan (10 October to 9 December 2022, back on 10 December), judged on
    # 10 January 2023: the 90 days in 180 that take effect on 27 January bind (93 days, none
    # left) though not in force; the 90 days per entry in force allow 17 more. On 1 June
    # 2023 the rolling rule is in force.
    spans = [(dt.date(2022, 10, 10), dt.date(2022, 12, 9)), (dt.date(2022, 12, 10), None)]
    table = pl.DataFrame([(i + 1, None, "p1", "KZ", entry, exit_, "RU")
                          for i, (entry, exit_) in enumerate(spans)], schema=STAYS, orient="row")
    history = build_history("p1", [Stay("KZ", entry, exit_, "r") for entry, exit_ in spans])
    for on, in_force in ((dt.date(2023, 1, 10), False), (dt.date(2023, 6, 1), True)):
        persons, _ = evaluate(table, pack_judge(load_pack(), "KZ", on), on)
        row = persons.row(0, named=True)
        assert (row["binding_rule"], row["binding_in_force"]) == ("kz-stay-eaeu-90-180",
                                                                  in_force)
        answer = stay_report(history, load_pack(), on=on, country="KZ",
                             citizenship="RU").answer
        figures = next(f for f in answer.constraints if f.rule == answer.binding)
        assert figures.in_force_on is in_force


def test_spans_sorted_by_person_say_so_for_joins_to_merge_them() -> None:
    # Polars merges joins on a key flagged sorted on both sides instead of hashing one; the
    # flag is only true if the order really is by pid, whatever the days.
    spans = pl.LazyFrame({"pid": [2, 1, 2, 1], "first": [5, 9, 1, 3]})
    ordered = by_person_day(spans, "first").collect()
    assert ordered.rows() == [(1, 3), (1, 9), (2, 1), (2, 5)]
    assert ordered.get_column("pid").flags["SORTED_ASC"]


def test_answers_placed_beside_persons_must_be_one_a_person(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # answers are put beside the persons in pid order, not joined: a group that left a person
    # out would shift every later answer onto the wrong person, so it is an error
    two = pl.DataFrame(
        [(1, None, "p1", "KZ", dt.date(2023, 1, 1), None, "RU"),
         (2, None, "p2", "KZ", dt.date(2023, 1, 1), None, "DE")], schema=STAYS, orient="row")
    judge = pack_judge(load_pack(), "KZ", ON)
    assert evaluate(two, judge, ON)[0].height == 2
    monkeypatch.setattr(evaluate_module, "_group_of", lambda *_: pl.lit(-1))
    with pytest.raises(RuntimeError, match="did not answer each person once"):
        evaluate(two, judge, ON)


@pytest.mark.parametrize("on", [dt.date(2023, 7, 19), dt.date(2023, 7, 20), dt.date(2023, 7, 21)])
def test_a_stay_over_the_limit_on_its_registration_deadline_still_needs_it(on: dt.date
                                                                             ) -> None:
    # Over Armenia's 180 days since 9 July, still there, unregistered: the stay entered on
    # 20 June has lasted to the query day, so on its deadline (20 July) it needs registering,
    # as the scalar engine says; the day before, it could still end without.
    given = [("AM", dt.date(2023, 1, 1), dt.date(2023, 6, 10)), ("AM", dt.date(2023, 6, 20), None)]
    table = pl.DataFrame([(i + 1, None, "p", c, entry, exit_, "RU")
                          for i, (c, entry, exit_) in enumerate(given)], schema=STAYS,
                         orient="row")
    pack = load_pack()
    [row] = evaluate(table, pack_judge(pack, "AM", on), on)[0].to_dicts()
    history = build_history("log", [Stay(c, entry, exit_, f"line {i + 2}")
                                    for i, (c, entry, exit_) in enumerate(given)])
    answer = stay_report(history, pack, on=on, country="AM", citizenship="RU").answer
    expected = None if on < dt.date(2023, 7, 20) else dt.date(2023, 7, 20)
    assert (answer.register_by.by if answer.register_by else None) == expected
    assert row["register_by"] == expected


def test_the_accounts_assumed_are_those_of_the_foreign_citizenships_judged() -> None:
    import datetime as dt

    from sojourn.batch.evaluate import assumed_accounts, pack_judge, rule_judge
    from sojourn.rules.loader import load_pack

    judge = pack_judge(load_pack(), "KZ", dt.date(2023, 3, 1), ("kz-change-26-jan",))
    assumed = assumed_accounts(judge, ["KZ", "RU", None, "RU"])
    assert {a.assumption.rule for a in assumed} == {"kz-stay-eaeu-per-entry",
                                                    "kz-stay-eaeu-90-180"}
    assert {(a.assumption.variant, a.citizenships) for a in assumed} == {
        ("kz-change-26-jan", ("RU",))}
    assert assumed_accounts(judge, ["KZ"]) == ()  # a host's own citizens: no rule at all
    assert assumed_accounts(rule_judge("rolling:90/180", None), ["RU"]) == ()


def _chain(trips: int) -> list[tuple[str, dt.date, dt.date]]:
    """Trips to KZ of 4 days every 10, from 1 January 2000, none elsewhere."""
    first = dt.date(2000, 1, 1)
    return [("KZ", first + dt.timedelta(days=10 * i), first + dt.timedelta(days=10 * i + 3))
            for i in range(trips)]


def test_a_stay_runs_on_through_a_long_chain_of_planned_trips_to_the_host() -> None:
    # a stay entered before them runs on through each in turn (366 days a calendar year never
    # bind). Taken one trip after another by recursion, the scalar engine ran out of stack
    # on 1,200 (RecursionError); the batch engine, slower per trip, is asked of fewer, as
    # long as its loop gives the same answer
    on = dt.date(1999, 12, 1)
    given = _chain(100)
    table = pl.DataFrame([(i + 1, None, "p", c, entry, exit_, None)
                          for i, (c, entry, exit_) in enumerate(given)], schema=STAYS,
                         orient="row")
    [row] = evaluate(table, rule_judge("calendar-year:366", "KZ"), on)[0].to_dicts()
    assert (row["latest_exit"], row["limited_by"]) == (None, "none")
    history = build_history("log", [Stay(c, entry, exit_, f"line {i + 2}")
                                    for i, (c, entry, exit_) in enumerate(_chain(1200))])
    answer = stay_report(history, load_pack(), on=on, country="KZ",
                         rule_spec="calendar-year:366").answer
    assert (answer.latest_exit, answer.limited_by) == (None, "none")


@pytest.mark.parametrize(("on", "assume", "peak"), [
    (dt.date(2023, 4, 20), (), 122),  # day 122 of the stay, over 90 per entry since 20 March
    (dt.date(2023, 4, 20), ("kz-change-26-jan",), 122),
    (dt.date(2023, 5, 10), (), 128),  # the per-entry count's last day, 26 April: day 128
    (dt.date(2023, 5, 10), ("kz-change-26-jan",), 127),  # 25 April
])
def test_a_stay_since_december_2022_is_judged_as_the_scalar_engine_judges_it(
        on: dt.date, assume: tuple[str, ...], peak: int) -> None:
    # Kazakhstan's 90 days per entry end on 26 April 2023 (25 April under the 26 January
    # account), clipped where the pack becomes a regime: both engines take the same spans, so
    # the overstay from 20 March is one run on either side of that day
    entry = dt.date(2022, 12, 20)
    table = pl.DataFrame([(1, None, "p", "KZ", entry, None, "RU")], schema=STAYS, orient="row")
    persons, violations = evaluate(table, pack_judge(load_pack(), "KZ", on, assume), on)
    [row] = persons.to_dicts()
    history = build_history("log", [Stay("KZ", entry, None, "line 2")])
    answer = stay_report(history, load_pack(), on=on, country="KZ", citizenship="RU",
                         assume=assume).answer
    assert [(v.first_day, v.last_day, v.peak) for v in answer.violations] == [
        (dt.date(2023, 3, 20), on, peak)]
    assert violations.select("first_day", "last_day", "peak").rows() == [
        (v.first_day, v.last_day, v.peak) for v in answer.violations]
    assert (row["days_used"], row["binding_rule"], row["first_violation_day"]) == (
        answer.days_used, answer.binding, dt.date(2023, 3, 20))


def test_a_long_chain_of_planned_trips_is_joined_in_few_passes_with_the_engine_s_answers(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Away on the query day, with 2-day trips to KZ planned every 4 to 9 days (one spacing per
    # person): a stay entered now runs on through one trip after another until it would put
    # a later trip over 120 days in 180, after a different number of trips for each (4 to
    # 19). Joined a growing number of trips
    # at a time, then fewer once a join fails, the chains take a few passes, not one per trip,
    # and end where the scalar engine, one trip at a time, ends them.
    on, spec = dt.date(2001, 1, 1), "rolling:120/180"
    chains = {f"p{gap}": [("KZ", on + dt.timedelta(days=3 + gap * i),
                           on + dt.timedelta(days=4 + gap * i)) for i in range(40)]
              for gap in range(4, 10)}
    table = pl.DataFrame([(i + 1, None, pid, c, entry, exit_, None)
                          for pid, chain in chains.items()
                          for i, (c, entry, exit_) in enumerate(chain)],
                         schema=STAYS, orient="row")
    passes = []
    latest_exit = columnar.Group.latest_exit

    def counted(self: columnar.Group, *args: object, **kwargs: bool) -> pl.DataFrame:
        passes.append(kwargs.get("through", True))
        return latest_exit(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(columnar.Group, "latest_exit", counted)
    rows = evaluate(table, rule_judge(spec, "KZ"), on)[0].to_dicts()
    assert passes.count(False) <= 12  # one trip at a time: 19 passes
    for row in rows:
        history = build_history("log", [Stay(c, entry, exit_, f"line {i + 2}")
                                        for i, (c, entry, exit_)
                                        in enumerate(chains[row["person_id"]])])
        answer = stay_report(history, load_pack(), on=on, country="KZ", rule_spec=spec).answer
        assert (row["latest_exit"], row["limited_by"]) == (answer.latest_exit, answer.limited_by)
    assert len({row["latest_exit"] for row in rows}) == len(chains)


def test_a_person_with_no_day_left_gets_the_day_enough_counted_days_have_rolled_off() -> None:
    # Russians in Kazakhstan in 2024, 90 days in any 180. On 15 April p1, there since
    # 1 January (106 days), is over the limit: 89 of its days up to then fall after 17 January,
    # the 90th latest, which leaves the window 180 days on, on 15 July, when one more day fits.
    # p2 left on 10 April (101 days): its 90th latest day is 12 January, so 10 July. p3, in
    # from 1 April, may stay: no earliest entry is sought.
    on = dt.date(2024, 4, 15)
    log = pl.DataFrame(
        [(1, None, "p1", "KZ", dt.date(2024, 1, 1), None, "RU"),
         (2, None, "p2", "KZ", dt.date(2024, 1, 1), dt.date(2024, 4, 10), "RU"),
         (3, None, "p3", "KZ", dt.date(2024, 4, 1), None, "RU")],
        schema=STAYS, orient="row")
    persons, _ = evaluate(log, pack_judge(load_pack(), "KZ", on), on, earliest_entry=True)
    assert persons.select("person_id", "max_stay_days", "earliest_entry").rows() == [
        ("p1", 0, dt.date(2024, 7, 15)), ("p2", 0, dt.date(2024, 7, 10)), ("p3", 76, None)]
    for row in log.iter_rows(named=True):
        history = build_history(row["person_id"], [Stay(row["country"], row["entry"],
                                                        row["exit"], "log")])
        answer = stay_report(history, load_pack(), on=on, country="KZ",
                             citizenship="RU").answer
        earliest = persons.filter(pl.col("person_id") == row["person_id"])["earliest_entry"]
        assert earliest.item() == answer.earliest_entry


def test_unasked_the_earliest_entry_is_neither_sought_nor_a_column(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # it costs about a tenth more: a run that does not ask for it (batch without
    # --earliest-entry) must not pay for it, and gets the persons table it always had
    def sought(*args: object) -> None:
        raise AssertionError("earliest_entry sought unasked")

    monkeypatch.setattr(columnar.Group, "earliest_entry", sought)
    on = dt.date(2024, 4, 15)  # p1 there since 1 January: over 90 in 180, no day left
    log = pl.DataFrame([(1, None, "p1", "KZ", dt.date(2024, 1, 1), None, "RU")],
                       schema=STAYS, orient="row")
    persons, _ = evaluate(log, pack_judge(load_pack(), "KZ", on), on)
    assert persons["max_stay_days"].to_list() == [0]
    assert persons.columns == [
        "person_id", "citizenship", "present", "entered", "days_used", "days_remaining",
        "latest_exit", "max_stay_days", "limited_by", "entry_barred_until",
        "entry_ban_unknown", "over_limit",
        "binding_rule", "binding_in_force", "violations", "overstay_days", "first_violation_day",
        "register_by", "register_rule", "register_overdue"]
    empty, _ = evaluate(log.clear(), pack_judge(load_pack(), "KZ", on), on)
    assert empty.columns == persons.columns


def _alone(given: list[tuple[str, dt.date, dt.date | None]]) -> History:
    return build_history("log", [Stay(c, entry, exit_, f"line {i + 2}")
                                 for i, (c, entry, exit_) in enumerate(given)])


@pytest.mark.parametrize(("entry", "latest_exit", "binding"), [
    # entered by 30 September: the 30 days given at entry
    (dt.date(2022, 9, 30), dt.date(2022, 10, 29), "th-stay-ru-45-2022"),
    # entered on 1 October, the first entry day the 45 days judge: held to them, not to no
    # limit at all until the next rule (31 March 2023)
    (dt.date(2022, 10, 1), dt.date(2022, 11, 14), "th-stay-ru-45-2022"),
])
def test_a_stay_is_held_to_the_per_entry_limit_of_its_entry_day(
        entry: dt.date, latest_exit: dt.date, binding: str) -> None:
    # Thailand gave Russians 45 days per entry for entries from 1 October 2022 and kept 30
    # for those entered by 30 September (th-stay-ru-45-2022: entered_from, entered_to)
    on = dt.date(2022, 10, 10)
    given: list[tuple[str, dt.date, dt.date | None]] = [("TH", entry, None)]
    table = pl.DataFrame([(1, None, "p", "TH", entry, None, "RU")], schema=STAYS, orient="row")
    [row] = evaluate(table, pack_judge(load_pack(), "TH", on), on)[0].to_dicts()
    answer = stay_report(_alone(given), load_pack(), on=on, country="TH",
                         citizenship="RU").answer
    assert (row["latest_exit"], row["binding_rule"]) == (
        answer.latest_exit, answer.binding) == (latest_exit, binding)


def test_a_working_day_deadline_is_each_person_s_whoever_else_is_in_the_log() -> None:
    # Entered on Tuesday 7 March 2023, 3 working days in Kazakhstan: 8 March is a public
    # holiday, so Thu 9, Fri 10, Mon 13. The deadlines of a run are read from one table of
    # working days from its earliest entry on, which holds p2's own entry day, a working day:
    # it is not one of the days counted (counting it gave 10 March)
    on = dt.date(2023, 3, 7)
    given = {"p1": dt.date(2023, 3, 1), "p2": on}
    table = pl.DataFrame([(i + 1, None, pid, "KZ", entry, None, None)
                          for i, (pid, entry) in enumerate(given.items())],
                         schema=STAYS, orient="row")
    spec = "registration:3/working"
    persons, _ = evaluate(table, rule_judge(spec, "KZ", load_pack()), on)
    for row in persons.to_dicts():
        answer = stay_report(_alone([("KZ", given[row["person_id"]], None)]), load_pack(),
                             on=on, country="KZ", rule_spec=spec).answer
        assert answer.register_by is not None
        assert row["register_by"] == answer.register_by.by
    assert persons.select("person_id", "register_by").rows() == [
        ("p1", dt.date(2023, 3, 6)), ("p2", dt.date(2023, 3, 13))]


@pytest.mark.parametrize(("on", "latest_exit", "max_stay_days"), [
    (dt.date(2023, 5, 10), dt.date(2023, 5, 16), 7),  # 10 to 16 May
    (dt.date(2023, 5, 16), dt.date(2023, 5, 16), 1),  # the deadline day itself, not none
    (dt.date(2023, 5, 17), None, 0),
])
def test_an_unregistered_stay_under_extends_may_last_through_its_deadline(
        on: dt.date, latest_exit: dt.date | None, max_stay_days: int) -> None:
    # In Uzbekistan since 1 May, unregistered: 15 days after the entry day is 16 May, and
    # without registration the stay ends then, whatever its 60 days per entry allow
    spec = "per-entry:60+registration:15/extends"
    entry = dt.date(2023, 5, 1)
    table = pl.DataFrame([(1, None, "p", "UZ", entry, None, None)], schema=STAYS, orient="row")
    [row] = evaluate(table, rule_judge(spec, "UZ"), on)[0].to_dicts()
    answer = stay_report(_alone([("UZ", entry, None)]), load_pack(), on=on, country="UZ",
                         rule_spec=spec).answer
    assert (row["latest_exit"], row["max_stay_days"], row["limited_by"]) == (
        answer.latest_exit, answer.max_stay_days, answer.limited_by) == (
        latest_exit, max_stay_days, "registration")


def test_a_past_stay_unregistered_under_extends_overstayed_from_its_deadline() -> None:
    # Uzbekistan under the seed article's account (uz-seed-60-days): 15 days to register, and
    # unregistered the stay ends then. The stay of 22 December 2022 to 10 March 2023 (a log
    # records no registrations) should have ended on 6 January: 63 days over from 7 January,
    # not only the 19 over its 60 days per entry from 20 February; the stay under way since
    # 11 March, likewise, from 27 March. Only the stay under way was judged so before.
    on = dt.date(2023, 4, 1)
    trips = [("UZ", dt.date(2022, 12, 22), dt.date(2023, 3, 10)),
             ("KZ", dt.date(2023, 3, 10), dt.date(2023, 3, 11)),
             ("UZ", dt.date(2023, 3, 11), None)]
    table = pl.DataFrame([(i + 1, None, "p", country, entry, exit_, "RU")
                          for i, (country, entry, exit_) in enumerate(trips)],
                         schema=STAYS, orient="row")
    assume = ("uz-seed-60-days",)
    _, runs = evaluate(table, pack_judge(load_pack(), "UZ", on, assume), on)
    answer = stay_report(_alone(trips), load_pack(), on=on, country="UZ", citizenship="RU",
                         assume=assume).answer
    want = [(dt.date(2023, 1, 7), dt.date(2023, 3, 10), 63, 79,
             ["uz-registration-ru-15-days", "uz-stay-no-limit-2020"]),
            (dt.date(2023, 3, 27), on, 6, 22, ["uz-registration-ru-15-days"])]
    assert runs.select("first_day", "last_day", "days", "peak", "rules").rows() == [
        tuple(run) for run in want]
    assert [(v.first_day, v.last_day, v.days, v.peak, sorted(v.rules))
            for v in answer.violations] == want


@pytest.mark.parametrize("citizenship", ["UA", "KZ"])
def test_a_per_entry_limit_of_other_entries_is_not_the_count_of_the_stay(
        citizenship: str) -> None:
    # Thailand, entered 20 May 2026: th-stay-kz-ua-60-2024 gives 60 days to the entries from
    # 15 July 2024 and 30 to those before; both let the stay run to 3 June 2026, the last day
    # the pack knows. The 60 count it (6 days used, 54 left), as in the scalar engine, not the
    # 30 that judge no entry of 2026 ("0 used, 30 left").
    on = dt.date(2026, 5, 25)
    table = pl.DataFrame([(1, None, "p1", "TH", dt.date(2026, 5, 20), None, citizenship)],
                         schema=STAYS, orient="row")
    row = evaluate(table, pack_judge(load_pack(), "TH", on), on)[0].row(0, named=True)
    history = build_history("p1", [Stay("TH", dt.date(2026, 5, 20), None, "r")])
    answer = stay_report(history, load_pack(), on=on, country="TH",
                         citizenship=citizenship).answer
    assert (row["days_used"], row["days_remaining"]) == (
        answer.days_used, answer.days_remaining) == (6, 54)
