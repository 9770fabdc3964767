"""The batch engines' grading of an overstay and the end of its ban, day for day as the scalar
engine's (penalties.Offence.months, EntryBan.ends_on), on dates across month ends and leap
days, where a slip by one day changes the band; and penalty rules the built-in pack has no
example of (graded by the offence's number in a year; one replacing another) judged as
stay_report judges them."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import replace
from pathlib import Path

import polars as pl
import yaml
from hypothesis import example, given
from hypothesis import strategies as st
from test_equivalence import BATCH, BUILTIN, Log, _table, check, logs

from sojourn.batch.bans import _ban_end, _months_over
from sojourn.batch.evaluate import evaluate, pack_judge
from sojourn.penalties import Offence
from sojourn.rules.loader import load_pack
from sojourn.rules.topics import EntryBan

import strategies as gen
from test_properties import PROFILE


def _day(iso: str) -> int:
    return dt.date.fromisoformat(iso).toordinal()


DAYS = st.dates(dt.date(2022, 1, 1), dt.date(2031, 12, 31))


@PROFILE
@given(first=DAYS, length=st.one_of(st.integers(0, 70), st.integers(0, 2000)))
@example(first=dt.date(2023, 1, 31), length=28)  # to 28 February: month 2 begins
@example(first=dt.date(2023, 3, 1), length=30)  # to 31 March: still month 1
def test_months_over_are_the_offences(first: dt.date, length: int) -> None:
    last = first + dt.timedelta(days=length)
    got = pl.select(_months_over(pl.lit(first), pl.lit(last))).item()
    assert got == Offence("overstay", first, last).months


BANS = st.sampled_from([EntryBan(days=90), EntryBan(months=1), EntryBan(months=6),
                        EntryBan(years=1), EntryBan(years=3), EntryBan(years=10)])


@PROFILE
@given(left=DAYS, ban=BANS)
@example(left=dt.date(2024, 2, 29), ban=EntryBan(years=1))  # to 27 February 2025
@example(left=dt.date(2023, 1, 31), ban=EntryBan(months=1))  # to 27 February
def test_a_ban_ends_as_the_scalar_engine_ends_it(left: dt.date, ban: EntryBan) -> None:
    got = pl.select(_ban_end(ban, pl.lit(left))).item()
    assert got == ban.ends_on(left).toordinal()  # type: ignore[union-attr]


# A pack of one host whose penalty rules the built-in pack has no example of: one graded by
# the offence's number in a year (the log knows no earlier offences, so every grade's bans
# count: the second offence's 90 days bar entry beside the first's 30), replaced on 1 January
# 2023 by one counted in calendar months whose bans begin with the 3rd month.
_GRADED = {
    "schema": "sojourn.rules/1",
    "rules": [
        {"id": "am-stay", "title": "a stay rule", "host": "AM", "citizenships": ["*"],
         "topic": "stay", "valid_from": "2020-01-01",
         "constraints": [{"kind": "per_entry", "max": 30}], "sources": gen.SOURCE,
         "confidence": "high"},
        {"id": "am-penalty-graded", "title": "graded", "host": "AM", "citizenships": ["*"],
         "topic": "penalty", "valid_from": "2020-01-01", "valid_to": "2022-12-31",
         "penalty": {"offence": "overstay", "article": "Art. 1", "measure": "days", "bands": [
             {"offence_in_year": "first", "from": 1, "entry_ban": "30 days",
              "bans": [{"days": 30}]},
             {"offence_in_year": "second", "from": 1, "to": 60, "entry_ban": "90 days",
              "bans": [{"days": 90}]},
             {"offence_in_year": "second", "from": 61, "entry_ban": "possibly a year",
              "bans": [{"years": 1, "certainty": "possible"}]},
             {"offence_in_year": "third_or_later", "from": 1,
              "entry_ban": "6 months if paid, 2 years if not",
              "bans": [{"months": 6, "if": "paid"}, {"years": 2, "if": "not paid"}]}]},
         "sources": gen.SOURCE, "confidence": "medium"},
        {"id": "am-penalty-months", "title": "by months", "host": "AM", "citizenships": ["*"],
         "topic": "penalty", "valid_from": "2023-01-01",
         "penalty": {"offence": "overstay", "article": "Art. 2", "measure": "months", "bands": [
             {"from": 1, "to": 2, "fine": {"currency": "AMD", "min": 1000}},
             {"from": 3, "entry_ban": "1 year", "bans": [{"years": 1}]}]},
         "sources": gen.SOURCE, "confidence": "medium"},
    ],
}


@BATCH
@given(drawn=logs(("AM",), ("GE", "RU"), (1, 29, 30, 31, 60, 61, 90, 91, 92, 120, 200), size=4),
       around=st.sampled_from([dt.date(2022, 11, 1), dt.date(2023, 1, 1), dt.date(2023, 4, 1),
                               dt.date(2023, 9, 1)]))
# over from 31 January 2023 to 15 May, into month 4: barred a year from leaving
@example(drawn=((gen.Trips(trips=(gen.Trip("AM", _day("2023-01-01"), _day("2023-05-15")),
                                  gen.Trip("GE", _day("2023-05-15"), None)), permits=(),
                           on=_day("2023-09-01")),), _day("2023-09-01")),
         around=dt.date(2023, 9, 1))
def test_graded_and_monthly_penalty_rules(drawn: tuple[Log, int], around: dt.date) -> None:
    log, on = drawn
    shift = around.toordinal() - on  # the query day near the change of rule, or after it
    moved = tuple(replace(made, trips=tuple(
        gen.Trip(t.country, t.entry + shift, None if t.exit is None else t.exit + shift)
        for t in made.trips)) for made in log)
    day = around
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "am.yaml").write_text(yaml.safe_dump(_GRADED), encoding="utf-8")
        pack = load_pack(tmp)
    check(moved, pack_judge(pack, "AM", day), pack, day, ["RU"] * len(moved), country="AM")


def test_a_ban_for_an_unregistered_stay_alone_is_not_known_from_a_crossing_log() -> None:
    # Kyrgyzstan bars a Kazakh citizen's next entry for 90 days only after a stay over 90 days
    # unregistered; a crossing log records no registrations, so the ban is not known (it
    # barred everyone to 30 March 2026, the registered too)
    log = (gen.Trips(trips=(gen.Trip("KG", _day("2025-09-01"), _day("2025-12-31")),
                            gen.Trip("KZ", _day("2025-12-31"), None)),
                     permits=(), on=_day("2026-03-01")),)
    day = dt.date(2026, 3, 1)
    judge = pack_judge(BUILTIN, "KG", day)
    check(log, judge, BUILTIN, day, ["KZ"], country="KG")
    persons, _ = evaluate(_table(log, ["KZ"]), judge, day, earliest_entry=True)
    [row] = persons.to_dicts()
    assert row["entry_ban_unknown"] is True and row["entry_barred_until"] is None


# One host whose calendar-year limit lets a stay under way go over twice: over from 30
# October to 31 December 2026 (63 days, fined only), and again from 1 April to 30 June 2027
# (91 days, a year's ban), when the trip records leaving.
_TWICE_OVER = {
    "schema": "sojourn.rules/1",
    "rules": [
        {"id": "am-stay", "title": "a stay rule", "host": "AM", "citizenships": ["*"],
         "topic": "stay", "valid_from": "2020-01-01",
         "constraints": [{"kind": "calendar_year", "max": 90}], "sources": gen.SOURCE,
         "confidence": "high"},
        {"id": "am-penalty", "title": "a penalty", "host": "AM", "citizenships": ["*"],
         "topic": "penalty", "valid_from": "2020-01-01",
         "penalty": {"offence": "overstay", "article": "Art. 1", "measure": "days", "bands": [
             {"from": 1, "to": 70, "fine": {"currency": "AMD", "min": 1000}},
             {"from": 71, "entry_ban": "1 year", "bans": [{"years": 1}]}]},
         "sources": gen.SOURCE, "confidence": "medium"},
    ],
}


def test_leaving_brings_the_ban_of_an_overstay_the_stay_under_way_plans() -> None:
    # over the limit on 15 December 2026, leaving on 30 June 2027 as recorded: the ban of the
    # second overstay, still ahead, bars entry to 29 June 2028, as status judges it; batch
    # judged the overstays begun by the query day alone (back on 1 January 2028)
    log = (gen.Trips(trips=(gen.Trip("AM", _day("2026-08-01"), _day("2027-06-30")),),
                     permits=(), on=_day("2026-12-15")),)
    day = dt.date(2026, 12, 15)
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "am.yaml").write_text(yaml.safe_dump(_TWICE_OVER), encoding="utf-8")
        pack = load_pack(tmp)
    judge = pack_judge(pack, "AM", day)
    check(log, judge, pack, day, ["RU"], country="AM")
    persons, _ = evaluate(_table(log, ["RU"]), judge, day, earliest_entry=True)
    [row] = persons.to_dicts()
    assert row["earliest_entry"] == dt.date(2028, 6, 30)
