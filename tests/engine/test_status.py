"""The engine's status on the edges of what is known: a rule change, the last known day.

Ad-hoc ``--rule`` limits hold on every day, so a change of rules is built here directly, as
the pack builds it: one limit until the day before the change, the next from that day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sojourn.dates import WorkingCalendar
from sojourn.engine import Case, InForce, PerEntry, Rolling, status

CHANGE = dt.date(2023, 1, 27)  # Kazakhstan's 90 per entry gave way to 90 in any 180
DAY = CHANGE.toordinal()
FOREVER = dt.date(9000, 1, 1).toordinal()
PER_ENTRY = (InForce("per-entry", PerEntry(max=90), ((0, FOREVER),)),)


def make(limits: tuple[InForce, ...], entered: dt.date | None,
         known_last: dt.date | None = None) -> Case:
    """A stay still going on since ``entered`` (None: absent), rules known until
    ``known_last`` (None: always)."""
    return Case(
        host_entries=() if entered is None else ((entered.toordinal(), None),),
        elsewhere=(), exempt=(), limits=limits, registrations=(),
        known=((0, FOREVER if known_last is None else known_last.toordinal()),),
        unknown_reason="unknown", calendar=WorkingCalendar(None))


def case(entered: dt.date) -> Case:
    return make((InForce("per-entry", PerEntry(max=90), ((0, DAY - 1),)),
                 InForce("rolling", Rolling(max=90, window=180), ((DAY, FOREVER),))), entered)


def test_a_rule_is_in_force_on_its_first_day() -> None:
    # entered 17 January: 11 days by 27 January (17-27), so 79 left and the 90th day is
    # 16 April (17 January + 89 days); the old rule ended the day before and is not counted
    answer = status(case(dt.date(2023, 1, 17)), CHANGE)
    assert [(f.rule, f.in_force_on) for f in answer.constraints] == [("rolling", True)]
    assert answer.binding == "rolling"
    assert (answer.days_used, answer.days_remaining) == (11, 79)
    assert answer.latest_exit == dt.date(2023, 4, 16)


def test_the_day_before_a_change_is_the_old_rules_last() -> None:
    answer = status(case(dt.date(2023, 1, 17)), CHANGE - dt.timedelta(days=1))
    in_force = {f.rule: f.in_force_on for f in answer.constraints}
    assert in_force == {"per-entry": True, "rolling": False}


def test_of_two_limits_ending_the_stay_on_one_day_the_one_in_force_binds() -> None:
    # Entered on the query day: 90 per entry ends the stay on its 90th day, 16 April, and
    # so does 90 in any 180 in force from 1 February, which counts every day from entry.
    # Listed first, the later rule is still not the one binding on 17 January.
    entered = dt.date(2023, 1, 17)
    later = dt.date(2023, 2, 1).toordinal()
    both = make((InForce("rolling", Rolling(max=90, window=180), ((later, FOREVER),)),
                 InForce("per-entry", PerEntry(max=90), ((0, FOREVER),))), entered)
    answer = status(both, entered)
    assert [f.latest_exit for f in answer.constraints] == [dt.date(2023, 4, 16)] * 2
    assert answer.binding == "per-entry"


def test_the_last_day_the_rules_are_known_is_known() -> None:
    # the rules are known until 31 January: judged that day, 15 days are used (17-31
    # January) and the stay may go on until then, where what is known ends
    known_last = dt.date(2023, 1, 31)
    until_then = make(PER_ENTRY, dt.date(2023, 1, 17), known_last)
    answer = status(until_then, known_last)
    assert answer.days_used == 15
    assert (answer.latest_exit, answer.limited_by) == (known_last, "unknown_rules")


def test_a_stay_may_end_on_the_last_day_the_rules_are_known() -> None:
    # known until 31 January: a 10-day stay from 22 January ends on that day, and fits
    known_last = dt.date(2023, 1, 31)
    absent = make(PER_ENTRY, None, known_last)
    assert status(absent, dt.date(2023, 1, 22), length=10).earliest_entry == dt.date(2023, 1, 22)
    assert status(absent, dt.date(2023, 1, 22), length=11).earliest_entry is None


def test_a_trip_on_the_last_known_day_ends_the_stay_the_rules_do_not() -> None:
    # known until 31 January, and a trip elsewhere begins that day: the stay ends then for
    # the trip, whatever the rules after it, so the answer names the trip, not unknown rules
    known_last = dt.date(2023, 1, 31)
    leaving = replace(make(PER_ENTRY, dt.date(2023, 1, 17), known_last),
                      elsewhere=((known_last.toordinal(), known_last.toordinal() + 5),))
    answer = status(leaving, dt.date(2023, 1, 20))
    assert (answer.latest_exit, answer.limited_by) == (known_last, "planned_trip")
    assert answer.unknown is None
    assert answer.planned_stay is not None and answer.planned_stay.first == known_last


def test_a_per_entry_limit_in_a_conjunction_judges_the_stay_after_earlier_entries() -> None:
    # 10 per entry and 100 in any 180: two short stays earlier, in the rolling window, and
    # the stay under way since 10 January, judged on 12 January, may last 10 days: until
    # 19 January, when the per-entry limit binds (3 + 3 + 10 days are far below 100)
    limits = (InForce("per-entry", PerEntry(max=10), ((0, FOREVER),)),
              InForce("rolling", Rolling(max=100, window=180), ((0, FOREVER),)))
    day = dt.date(2023, 1, 1).toordinal()
    history = replace(make(limits, dt.date(2023, 1, 10)),
                      host_entries=((day, day + 2), (day + 4, day + 6), (day + 9, None)))
    answer = status(history, dt.date(2023, 1, 12))
    assert (answer.latest_exit, answer.binding) == (dt.date(2023, 1, 19), "per-entry")
    assert answer.days_used == 3


def test_each_limit_s_figures_give_the_days_its_spec_leaves_out() -> None:
    # a spec says neither from which day a rolling limit counts nor which entries a
    # per-entry limit judges: the figures say both
    counts_from, first, last = dt.date(2023, 1, 1), dt.date(2022, 10, 1), dt.date(2023, 3, 31)
    limits = (InForce("rolling", Rolling(max=90, window=180, counts_from=counts_from),
                      ((0, FOREVER),)),
              InForce("per-entry", PerEntry(max=45, entered_from=first, entered_to=last),
                      ((0, FOREVER),)))
    figures = {f.rule: f for f in status(make(limits, dt.date(2023, 1, 10)),
                                         dt.date(2023, 1, 12)).constraints}
    assert figures["rolling"].counts_from == counts_from
    assert (figures["rolling"].entered_from, figures["rolling"].entered_to) == (None, None)
    assert figures["per-entry"].counts_from is None
    assert (figures["per-entry"].entered_from, figures["per-entry"].entered_to) == (first, last)


def _violations(limits: tuple[InForce, ...], *stays: tuple[int, int]
                ) -> list[tuple[tuple[int, int, int], tuple[str, ...]]]:
    """The violation runs of ``stays`` (days after 1 January 2023) judged on 1 March 2023, as
    (first, last, peak) in the same days, with the rules that made them."""
    day = dt.date(2023, 1, 1).toordinal()
    history = replace(make(limits, None),
                      host_entries=tuple((day + f, day + z) for f, z in stays))
    return [((v.first_day.toordinal() - day, v.last_day.toordinal() - day, v.peak), v.rules)
            for v in status(history, dt.date(2023, 3, 1)).violations]


def test_non_compliant_days_in_a_row_are_one_run_whichever_limits_make_them() -> None:
    # 3 in any 5 over a day's stay (day 0) and days 2-5: days 4 and 5 hold 4 each (days 0,
    # 2-4 and 2-5); 1 per entry makes days 3-5 of the second stay non-compliant too, the
    # 4th day of it the peak: one run, days 3-5, peak 4, by both limits
    rolling = InForce("rolling", Rolling(max=3, window=5), ((0, FOREVER),))
    per_entry = InForce("per-entry", PerEntry(max=1), ((0, FOREVER),))
    assert _violations((rolling,), (0, 0), (2, 5)) == [((4, 5, 4), ("rolling",))]
    assert _violations((per_entry, rolling), (0, 0), (2, 5)) == [
        ((3, 5, 4), ("per-entry", "rolling"))]


def test_a_compliant_day_between_non_compliant_ones_splits_the_runs() -> None:
    # 3 in any 5: days 0-3, then day 5: day 3 holds 4 (0-3), day 5 holds 4 (1-3 and 5)
    rolling = InForce("rolling", Rolling(max=3, window=5), ((0, FOREVER),))
    assert _violations((rolling,), (0, 3), (5, 5)) == [((3, 3, 4), ("rolling",)),
                                                       ((5, 5, 4), ("rolling",))]


def test_a_limit_already_over_allows_no_day_in_its_own_figures_too() -> None:
    # 10 per entry, entered on 1 January: 11 January is the 11th day, over the limit, so no
    # day of the stay may go on, by the answer as by the limit's own figures
    answer = status(make((InForce("per-entry", PerEntry(max=10), ((0, FOREVER),)),),
                         dt.date(2023, 1, 1)), dt.date(2023, 1, 11))
    assert (answer.latest_exit, answer.max_stay_days) == (None, 0)
    [figures] = answer.constraints
    assert (figures.days_used, figures.days_remaining) == (11, 0)
    assert (figures.latest_exit, figures.max_stay_days) == (None, 0)
