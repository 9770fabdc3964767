"""Trips -> presence (DESIGN.md, canonical semantics): merge in one country, refuse two at once."""

from __future__ import annotations

import datetime as dt

import pytest

from sojourn.errors import InputError, Problem
from sojourn.history import Stay, build_history

FILE = "trips.csv"


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def stays(*rows: tuple[str, str, str | None]) -> list[Stay]:
    """Stays as if read from lines 2, 3, ... of trips.csv."""
    return [Stay(c, d(entry), d(exit_) if exit_ else None, f"{FILE}, line {n}")
            for n, (c, entry, exit_) in enumerate(rows, start=2)]


def spans(*rows: tuple[str, str, str | None]) -> list[tuple[str, str, str | None]]:
    history = build_history(FILE, stays(*rows))
    return [(s.country, s.entry.isoformat(), s.exit.isoformat() if s.exit else None)
            for s in history.stays]


def refused(*rows: tuple[str, str, str | None]) -> list[Problem]:
    with pytest.raises(InputError) as info:
        build_history(FILE, stays(*rows))
    return info.value.problems


def test_stays_come_out_sorted_by_entry() -> None:
    assert spans(("GE", "2023-03-01", "2023-03-10"), ("KZ", "2023-01-01", "2023-02-01")) == [
        ("KZ", "2023-01-01", "2023-02-01"), ("GE", "2023-03-01", "2023-03-10")]


def test_a_border_run_on_one_day_is_two_entries_not_an_overlap() -> None:
    history = build_history(FILE, stays(("KZ", "2023-01-01", "2023-03-31"),
                                        ("KZ", "2023-03-31", "2023-06-28")))
    assert len(history.stays) == 2
    assert history.warnings == ()


def test_moving_between_countries_on_one_day_is_allowed() -> None:
    assert spans(("KZ", "2023-01-01", "2023-02-01"), ("KG", "2023-02-01", None)) == [
        ("KZ", "2023-01-01", "2023-02-01"), ("KG", "2023-02-01", None)]


def test_one_day_stays_on_one_day_keep_the_order_they_were_given_in() -> None:
    # FR, a day trip to DE, back in FR the same day: the rows are the only record of the
    # sequence (whether the day in DE was between the two FR stays or after them)
    there_and_back = [("FR", "2023-01-01", "2023-01-05"), ("DE", "2023-01-05", "2023-01-05"),
                      ("FR", "2023-01-05", "2023-01-05")]
    assert spans(*there_and_back) == [("FR", "2023-01-01", "2023-01-05"),
                                      ("DE", "2023-01-05", "2023-01-05"),
                                      ("FR", "2023-01-05", "2023-01-05")]
    back_then_on = [there_and_back[0], there_and_back[2], there_and_back[1]]
    assert spans(*back_then_on) == [("FR", "2023-01-01", "2023-01-05"),
                                    ("FR", "2023-01-05", "2023-01-05"),
                                    ("DE", "2023-01-05", "2023-01-05")]


def test_overlapping_stays_in_one_country_merge_with_a_warning() -> None:
    history = build_history(FILE, stays(("KZ", "2023-01-01", "2023-02-15"),
                                        ("KZ", "2023-02-01", "2023-03-01")))
    [stay] = history.stays
    assert (stay.entry, stay.exit) == (d("2023-01-01"), d("2023-03-01"))
    [warning] = history.warnings
    assert warning == (f"{FILE}, line 3: overlaps the stay in KZ at {FILE}, line 2; "
                       "counted as one stay from 2023-01-01 to 2023-03-01")


def test_many_overlapping_stays_are_told_in_a_few_lines() -> None:
    # a million identical rows printed a million warnings (minutes of output)
    same = [("KZ", "2023-01-01", "2023-02-15")] * 10
    history = build_history(FILE, stays(*same))
    [stay] = history.stays
    assert (stay.entry, stay.exit) == (d("2023-01-01"), d("2023-02-15"))
    assert history.warnings == (
        *(f"{FILE}, line {n}: overlaps the stay in KZ at {FILE}, line 2; counted as one stay "
          "from 2023-01-01 to 2023-02-15" for n in (3, 4, 5)),
        f"6 more stays like these ({FILE}, lines 6 to 11) overlap an earlier stay in the same "
        "country; each is counted as one stay with it")


def test_one_more_overlapping_stay_is_told_as_the_others() -> None:
    history = build_history(FILE, stays(*[("KZ", "2023-01-01", "2023-02-15")] * 5))
    assert [w.split(":")[0] for w in history.warnings] == [
        f"{FILE}, line {n}" for n in (3, 4, 5, 6)]


def test_overlapping_stays_without_lines_are_summed_up_from_the_first() -> None:
    trips = [Stay("KZ", d("2023-01-01"), d("2023-02-15"), f"p.yaml, trips[{n}]")
             for n in range(6)]
    history = build_history("p.yaml", trips)
    assert history.warnings[-1] == (
        "2 more stays like these (the first at p.yaml, trips[4]) overlap an earlier stay in "
        "the same country; each is counted as one stay with it")


def test_a_stay_inside_another_disappears_into_it() -> None:
    assert spans(("KZ", "2023-01-01", "2023-03-01"), ("KZ", "2023-01-10", "2023-01-20")) == [
        ("KZ", "2023-01-01", "2023-03-01")]


def test_an_open_stay_absorbs_a_later_one_in_the_same_country() -> None:
    history = build_history(FILE, stays(("KZ", "2023-01-01", None),
                                        ("KZ", "2023-02-01", "2023-03-01")))
    assert [(s.entry, s.exit) for s in history.stays] == [(d("2023-01-01"), None)]
    assert "until now" not in history.warnings[0] and "to now" in history.warnings[0]


def test_two_open_stays_in_one_country_merge() -> None:
    assert spans(("KZ", "2023-01-01", None), ("KZ", "2023-02-01", None)) == [
        ("KZ", "2023-01-01", None)]


def test_overlap_in_two_countries_names_both_lines() -> None:
    [p] = refused(("KZ", "2023-01-01", "2023-02-10"), ("GE", "2023-02-01", "2023-03-01"))
    assert (p.file, p.line, p.field, p.value) == (FILE, 3, "entry", "2023-02-01")
    assert f"{FILE}, line 2" in p.message and "2023-02-10" in p.message
    assert p.expected is not None
    assert "on or after 2023-02-10" in p.expected
    assert "on or before 2023-02-01" in p.expected


def test_a_short_trip_in_the_middle_of_a_long_stay_is_refused() -> None:
    [p] = refused(("KZ", "2023-01-01", "2023-03-01"), ("GE", "2023-02-01", "2023-02-05"),
                  ("KZ", "2023-02-05", "2023-02-10"))
    assert (p.line, p.value) == (3, "2023-02-01")


def test_each_overlap_is_reported() -> None:
    found = refused(("KZ", "2023-01-01", "2023-02-10"), ("GE", "2023-02-01", "2023-03-01"),
                    ("AM", "2023-02-20", "2023-03-10"))
    assert [(p.line, p.value) for p in found] == [(3, "2023-02-01"), (4, "2023-02-20")]


def test_two_open_stays_in_two_countries() -> None:
    # in the file's order: the open stay of line 2 first
    both_open, overlap = refused(("KZ", "2023-01-01", None), ("GE", "2023-03-01", None))
    assert (overlap.line, overlap.field) == (3, "entry")
    assert "has no exit (still there)" in overlap.message
    assert (both_open.line, both_open.field) == (2, "exit")
    assert f"{FILE}, line 3" in both_open.message
    assert both_open.expected is not None and "latest stay" in both_open.expected


def test_an_open_stay_before_a_closed_one_elsewhere() -> None:
    [p] = refused(("KZ", "2023-01-01", None), ("GE", "2023-03-01", "2023-03-10"))
    assert p.line == 3
    assert p.expected is not None and f"exit on or before 2023-03-01 at {FILE}, line 2" in (
        p.expected)


def test_an_open_stay_before_a_later_trip_is_told_as_having_no_exit() -> None:
    # "the stay in KZ ... runs until now (no exit)" overlapped a trip beginning after now:
    # an empty exit is "still there", which runs past the later entry, not to today
    [p] = refused(("KZ", "2026-10-01", None), ("KG", "2027-01-10", "2027-01-20"))
    assert (p.line, p.field, p.value) == (3, "entry", "2027-01-10")
    assert p.message == (f"starts a stay in KG while the stay in KZ at {FILE}, line 2 has no "
                         "exit (still there), so it would run past this entry")
    assert "now" not in p.message
    assert p.expected == (f"an exit on or before 2027-01-10 at {FILE}, line 2; stays in "
                          "different countries may share only the crossing day")


def test_a_merged_stay_s_exit_is_told_where_it_is_written() -> None:
    # the empty exit of line 3, merged into the stay of line 2, was told as line 2's, whose
    # exit is given
    both_open, overlap = refused(("KZ", "2023-01-01", "2023-03-01"), ("KZ", "2023-02-01", None),
                                 ("KG", "2023-04-01", None))
    assert (both_open.line, both_open.field) == (3, "exit")
    assert f"while the stay in KZ at {FILE}, line 3 has no exit" in overlap.message
    assert overlap.expected is not None
    assert f"exit on or before 2023-04-01 at {FILE}, line 3;" in overlap.expected
    # the exit kept is the furthest, or the first empty one
    [overlap] = refused(("KZ", "2023-01-01", "2023-05-01"), ("KZ", "2023-02-01", "2023-03-01"),
                        ("KG", "2023-04-01", None))
    assert f"KZ at {FILE}, line 2 runs until 2023-05-01" in overlap.message
    both_open, _ = refused(("KZ", "2023-01-01", None), ("KZ", "2023-02-01", None),
                           ("KG", "2023-04-01", None))
    assert both_open.line == 2


def test_no_stays_is_an_empty_history() -> None:
    assert build_history(FILE, []).stays == ()
