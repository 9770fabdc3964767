"""The span-wise scan finds exactly the days a limit makes non-compliant."""

from __future__ import annotations

import datetime as dt

from sojourn.engine.intervals import DayIndex, merge
from sojourn.engine.kinds import CalendarYear, PerEntry, Rolling
from sojourn.engine.scan import InForce, View, bad_pieces, count_on

D = dt.date(2024, 1, 1).toordinal()
ALWAYS = ((0, 10**7),)


def view(*entries: tuple[int, int]) -> View:
    return View(tuple(entries), DayIndex(merge(entries)))


def test_rolling_flattens_while_old_days_leave_the_window() -> None:
    # 10 days, a gap of 5, then 10 days: under 12 in any 20 the 13th counted day is bad, and
    # days leaving the window keep the count flat instead of rising.
    v = view((D, D + 9), (D + 15, D + 24))
    pieces = bad_pieces(InForce("r", Rolling(max=12, window=20), ALWAYS), v, D, D + 30)
    assert [(p.first - D, p.last - D, p.peak) for p in pieces] == [(17, 19, 15), (20, 24, 15)]


def test_per_entry_counts_from_each_entry() -> None:
    v = view((D, D + 4), (D + 4, D + 10))
    pieces = bad_pieces(InForce("p", PerEntry(max=5), ALWAYS), v, D, D + 10)
    assert [(p.first - D, p.last - D, p.peak) for p in pieces] == [(9, 10, 7)]


def test_calendar_year_resets_on_first_january() -> None:
    start = dt.date(2024, 12, 20).toordinal()
    v = view((start, start + 20))
    pieces = bad_pieces(InForce("c", CalendarYear(max=10), ALWAYS), v, start, start + 20)
    assert [(p.first - start, p.last - start, p.peak) for p in pieces] == [(10, 11, 12)]
    assert count_on(CalendarYear(max=10), v, start + 12) == 1


def test_a_limit_judges_only_the_days_it_is_in_force() -> None:
    v = view((D, D + 29))
    rule = InForce("p", PerEntry(max=10), ((D + 20, D + 25),))
    pieces = bad_pieces(rule, v, D, D + 29)
    assert [(p.first - D, p.last - D, p.peak) for p in pieces] == [(20, 25, 26)]


def test_days_outside_the_range_asked_are_not_reported() -> None:
    v = view((D, D + 29))
    pieces = bad_pieces(InForce("p", PerEntry(max=10), ALWAYS), v, D + 15, D + 17)
    assert [(p.first - D, p.last - D) for p in pieces] == [(15, 17)]
