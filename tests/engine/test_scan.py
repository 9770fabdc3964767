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


def test_a_window_whose_old_day_leaves_on_a_stay_s_last_day_counts_it_out_that_day() -> None:
    # 5 in any 5, at most 3: a day's stay on D, then D+2 to D+5. D leaves the window on D+5,
    # the stay's last day, whose window D+1..D+5 holds 4 days (D+2..D+5), not 5.
    v = view((D, D), (D + 2, D + 5))
    pieces = bad_pieces(InForce("r", Rolling(max=3, window=5), ALWAYS), v, D, D + 5)
    assert [(p.first - D, p.last - D, p.peak) for p in pieces] == [(4, 4, 4), (5, 5, 4)]


def test_old_days_leaving_the_window_one_after_another_each_change_the_slope() -> None:
    # at most 8 in any 10: D and D+1, then D+4 to D+15. Windows (d-9..d): D+9 holds 8 (D, D+1,
    # D+4..D+9); D+10 and D+11 hold 8 as D and D+1 leave; D+12 holds 9 and D+13 10, as
    # nothing leaves; from D+14 the stay's own days leave and it stays at 10.
    v = view((D, D + 1), (D + 4, D + 15))
    pieces = bad_pieces(InForce("r", Rolling(max=8, window=10), ALWAYS), v, D, D + 15)
    assert [(p.first - D, p.last - D, p.peak) for p in pieces] == [(12, 13, 10), (14, 15, 10)]


def test_a_rolling_count_from_a_day_counts_no_day_before_it() -> None:
    # 5 in any 10, counted from D+3: of a stay D to D+9, D+3..D+9 count, 7 days by D+9; the
    # 6th counted day, D+8, is the first over
    limit = Rolling(max=5, window=10, counts_from=dt.date.fromordinal(D + 3))
    v = view((D, D + 9))
    pieces = bad_pieces(InForce("r", limit, ALWAYS), v, D, D + 9)
    assert [(p.first - D, p.last - D, p.peak) for p in pieces] == [(8, 9, 7)]
    assert count_on(limit, v, D + 9) == 7


def test_an_entry_on_the_last_entry_day_a_per_entry_limit_judges_is_judged() -> None:
    # 5 per entry for entries to D: a stay entered on D is held to it, one entered the day
    # after is not
    limit = PerEntry(max=5, entered_to=dt.date.fromordinal(D))
    pieces = bad_pieces(InForce("p", limit, ALWAYS), view((D, D + 9)), D, D + 9)
    assert [(p.first - D, p.last - D, p.peak) for p in pieces] == [(5, 9, 10)]
    assert bad_pieces(InForce("p", limit, ALWAYS), view((D + 1, D + 10)), D, D + 10) == []


def test_a_per_entry_count_goes_by_the_day_the_stay_was_entered() -> None:
    # entries to D+5 are judged: a stay entered on D and still going on D+20 is, 21 days in
    limit = PerEntry(max=30, entered_to=dt.date.fromordinal(D + 5))
    assert count_on(limit, view((D, D + 20)), D + 20) == 21


def test_absent_on_the_day_no_day_of_an_entry_is_used() -> None:
    assert count_on(PerEntry(max=30), view((D, D + 9)), D + 10) == 0
    assert count_on(PerEntry(max=30), view(), D) == 0


def test_an_entry_a_per_entry_limit_does_not_judge_leaves_the_later_ones_judged() -> None:
    # 5 per entry for entries from D+10: the stay entered on D is not judged, the one
    # entered on D+10 is, and overstays from its 6th day, D+15
    limit = PerEntry(max=5, entered_from=dt.date.fromordinal(D + 10))
    v = view((D, D + 7), (D + 10, D + 16))
    pieces = bad_pieces(InForce("p", limit, ALWAYS), v, D, D + 16)
    assert [(p.first - D, p.last - D, p.peak) for p in pieces] == [(15, 16, 7)]


def test_a_per_entry_limit_in_force_from_a_stay_s_last_day_judges_that_day() -> None:
    # in force from D+9, the last day of a stay entered on D: its 10th day, over 5
    rule = InForce("p", PerEntry(max=5), ((D + 9, 10**7),))
    pieces = bad_pieces(rule, view((D, D + 9)), D, D + 9)
    assert [(p.first - D, p.last - D, p.peak) for p in pieces] == [(9, 9, 10)]
