"""The engine's status on the edges of what is known: a rule change, the last known day.

Ad-hoc ``--rule`` limits hold on every day, so a change of rules is built here directly, as
the pack builds it: one limit until the day before the change, the next from that day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sojourn.dates import WorkingCalendar
from sojourn.engine import (
    Case,
    InForce,
    PerEntry,
    Registration,
    RegistrationInForce,
    RegistrationRule,
    Rolling,
    status,
)
from sojourn.engine.answer import Answer, Cap, LimitName, PlannedStay
from sojourn.engine.evaluate import _caps_from

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
    assert (answer.latest_exit, answer.max_stay_days, answer.limited_by) == (None, 0, "rule")
    [figures] = answer.constraints
    assert (figures.days_used, figures.days_remaining) == (11, 0)
    assert (figures.latest_exit, figures.max_stay_days) == (None, 0)


def test_the_first_day_the_rules_are_known_is_known() -> None:
    # the rules are known from 27 January on: entered that day and judged that day, the stay
    # is judged by them, 90 per entry, until 26 April (27 January + 89 days)
    from_change = replace(make(PER_ENTRY, CHANGE), known=((DAY, FOREVER),))
    answer = status(from_change, CHANGE)
    assert (answer.latest_exit, answer.limited_by) == (dt.date(2023, 4, 26), "rule")
    assert answer.days_used == 1


def test_each_limit_s_figures_carry_its_own_label() -> None:
    # the figures name each limit in words, as the text answer shows them ("90 days per entry")
    limits = (InForce("rolling", Rolling(max=90, window=180), ((0, FOREVER),)),
              InForce("per-entry", PerEntry(max=60), ((0, FOREVER),)))
    figures = status(make(limits, dt.date(2023, 1, 10)), dt.date(2023, 1, 12)).constraints
    assert [(f.rule, f.label) for f in figures] == [("rolling", "90 days in any 180"),
                                                    ("per-entry", "60 days per entry")]


# -- the registration deadline --------------------------------------------------------------

ENTERED = dt.date(2023, 5, 1)  # registration within 15 days: by 16 May (1 May + 15 days)
BY = dt.date(2023, 5, 16)
WITHIN_15 = RegistrationRule(within=15)


def registration(on: dt.date, *, rule: RegistrationRule = WITHIN_15,
                 spans: tuple[tuple[int, int], ...] = ((0, FOREVER),),
                 left: dt.date | None = None, **changes: object) -> Registration | None:
    """The registration the answer gives on ``on`` for a stay entered on 1 May 2023 (left on
    ``left``; None: still there) under 90 per entry, with ``changes`` made to the case."""
    stay = (ENTERED.toordinal(), None if left is None else left.toordinal())
    history = replace(make(PER_ENTRY, ENTERED), host_entries=(stay,),
                      registrations=(RegistrationInForce("reg", rule, spans),))
    return status(replace(history, **changes), on).register_by


def test_a_registration_rule_in_force_on_the_entry_day_alone_judges_the_stay() -> None:
    # the rule judges the stays entered while it is in force: from the entry day on, or
    # until it, the stay entered on 1 May must be registered by 16 May
    day = ENTERED.toordinal()
    for spans in (((day, FOREVER),), ((0, day),)):
        reg = registration(dt.date(2023, 5, 3), spans=spans)
        assert reg is not None and reg.by == BY
    # in force from the day after the entry, it does not judge that stay
    assert registration(dt.date(2023, 5, 3), spans=((day + 1, FOREVER),)) is None


def test_the_registration_rule_in_force_on_the_entry_day_is_the_one_applied() -> None:
    # two rules, 30 days until 30 April, 15 days from 1 May: the stay entered on 1 May is
    # judged by the second, the first being out of force then
    day = ENTERED.toordinal()
    history = replace(make(PER_ENTRY, ENTERED), registrations=(
        RegistrationInForce("old", RegistrationRule(within=30), ((0, day - 1),)),
        RegistrationInForce("new", WITHIN_15, ((day, FOREVER),))))
    reg = status(history, dt.date(2023, 5, 3)).register_by
    assert reg is not None and (reg.rule, reg.by) == ("new", BY)


def test_a_short_stay_needs_registering_when_the_sources_say_every_stay_does() -> None:
    # left on 5 May, before the deadline: exempt by default, registered all the same when the
    # sources require it of every stay (the deadline stays 16 May)
    assert registration(dt.date(2023, 5, 3), left=dt.date(2023, 5, 5)) is None
    every_stay = RegistrationRule(within=15, short_stays="required")
    reg = registration(dt.date(2023, 5, 3), rule=every_stay, left=dt.date(2023, 5, 5))
    assert reg is not None and reg.by == BY


def test_a_registration_counts_for_the_stay_it_was_made_in() -> None:
    # registered on 5 May, in the stay entered 1 May: done by the deadline
    on = dt.date(2023, 5, 20)
    reg = registration(on, registered_on=(dt.date(2023, 5, 5).toordinal(),))
    assert reg is not None and (reg.done, reg.recorded_on, reg.overdue) == (
        True, dt.date(2023, 5, 5), False)
    # registered on 20 April, in an earlier stay: nothing is recorded for this one, overdue
    reg = registration(on, registered_on=(dt.date(2023, 4, 20).toordinal(),))
    assert reg is not None and (reg.done, reg.recorded_on, reg.overdue) == (False, None, True)
    # left on 20 May, judged on 18 May: one recorded on 25 May, after the exit, is not this
    # stay's either
    reg = registration(dt.date(2023, 5, 18), left=on,
                       registered_on=(dt.date(2023, 5, 25).toordinal(),))
    assert reg is not None and (reg.done, reg.recorded_on) == (False, None)


def test_a_permit_held_on_the_deadline_day_covers_it() -> None:
    # a residence permit from the deadline day, or one ending on it, covers the deadline:
    # nothing was due, so nothing is overdue on 20 May, and the answer names the permit's
    # first day; neither began after the deadline
    on, by = dt.date(2023, 5, 20), BY.toordinal()
    for first, last in ((by, FOREVER), (dt.date(2023, 1, 1).toordinal(), by)):
        reg = registration(on, residence=((first, last),))
        assert reg is not None
        assert (reg.covered_from, reg.overdue) == (dt.date.fromordinal(first), False)
        assert (reg.permit_after, reg.under_permit) == (None, False)


def test_a_permit_begun_after_the_deadline_is_named_from_its_first_day() -> None:
    # a permit for 17 May alone, the day after the deadline, judged that day: the query day is
    # under it, the deadline missed before it is in the past, and it covered no deadline
    after = dt.date(2023, 5, 17)
    reg = registration(after, residence=((after.toordinal(), after.toordinal()),))
    assert reg is not None
    assert (reg.permit_after, reg.under_permit, reg.covered_from) == (after, True, None)


def test_the_registration_answer_says_whose_rule_and_duty_it_is() -> None:
    # a host's duty, as a CSV history (which records no registrations) sees it
    by_host = RegistrationRule(within=15, registrant="host")
    reg = registration(dt.date(2023, 5, 3), rule=by_host, records_registrations=False)
    assert reg is not None
    assert (reg.rule, reg.label, reg.registrant) == ("reg", by_host.label, "host")
    assert reg.history_records is False


def test_a_deadline_in_calendar_days_rests_on_no_holiday_calendar() -> None:
    # Uzbekistan's holidays of 2030 are partly estimated (Eid al-Adha): a deadline in working
    # days from 25 March 2030 rests on them, one in calendar days does not
    entered = dt.date(2030, 3, 25)
    on_calendar = replace(make(PER_ENTRY, entered), calendar=WorkingCalendar("UZ"))
    unknown = make(PER_ENTRY, entered)  # no holiday calendar at all
    for rule, case_, known, sure in (
            (RegistrationRule(within=15), on_calendar, True, True),
            (RegistrationRule(within=15, unit="working"), on_calendar, True, False),
            (RegistrationRule(within=15), unknown, True, True),
            (RegistrationRule(within=15, unit="working"), unknown, False, True)):
        with_rule = replace(case_, registrations=(RegistrationInForce("reg", rule,
                                                                      ((0, FOREVER),)),))
        reg = status(with_rule, entered).register_by
        assert reg is not None
        assert (reg.holidays_known, reg.unsure is None) == (known, sure), rule


# -- a stay no limit allows ------------------------------------------------------------------

def test_the_tightest_limit_that_bars_a_stay_is_named_with_its_figures() -> None:
    # 35 per entry and 30 in any 180 counted from 1 January both bar 40 days in a row from
    # 1 March, always: the answer names the tighter, the rolling count, judged on the last
    # day of the first such stay, 9 April (1 March + 39 days), with no end
    counts_from = dt.date(2023, 1, 1)
    rolling = Rolling(max=30, window=180, counts_from=counts_from)
    limits = (InForce("per-entry", PerEntry(max=35), ((0, FOREVER),)),
              InForce("rolling", rolling, ((0, FOREVER),)))
    answer = status(make(limits, None), dt.date(2023, 3, 1), length=40)
    assert answer.earliest_entry is None
    assert answer.too_long == Cap("rolling", rolling.spec, rolling.label, 30,
                                  dt.date(2023, 4, 9), None, counts_from)
    assert answer.too_long_limits == (answer.too_long,)


def test_limits_barring_a_stay_one_after_another_are_named_in_turn() -> None:
    # 30 per entry until 30 June, beside 35 per entry to 30 June and 25 per entry to 20 June,
    # then 30 in any 180: no 40 days in a row from 1 March fit. The stays ending 9 April
    # (1 March + 39 days) to 30 June are barred by 30 per entry, in force longest (with
    # 35 per entry, the looser one) of the three; from 1 July on by the rolling count
    june_30 = dt.date(2023, 6, 30).toordinal()
    limits = (InForce("per-entry-35", PerEntry(max=35), ((0, june_30),)),
              InForce("per-entry-25", PerEntry(max=25), ((0, june_30 - 10),)),
              InForce("per-entry-30", PerEntry(max=30), ((0, june_30),)),
              InForce("rolling", Rolling(max=30, window=180), ((june_30 + 1, FOREVER),)))
    answer = status(make(limits, None), dt.date(2023, 3, 1), length=40)
    assert answer.earliest_entry is None and answer.too_long is None
    assert [(c.rule, c.first, c.last) for c in answer.too_long_limits] == [
        ("per-entry-30", dt.date(2023, 4, 9), dt.date(2023, 6, 30)),
        ("rolling", dt.date(2023, 7, 1), None)]


def test_a_per_entry_limit_of_entries_to_a_day_bars_the_stays_entered_by_then() -> None:
    # 30 per entry for the entries to 30 June, in force always, then 30 in any 180 from
    # 1 July: 40 days from an entry by 30 June end by 8 August (30 June + 39 days), and the
    # per-entry limit bars those; the rolling count those ending from 9 August on
    june_30 = dt.date(2023, 6, 30)
    limits = (InForce("per-entry", PerEntry(max=30, entered_to=june_30), ((0, FOREVER),)),
              InForce("rolling", Rolling(max=30, window=180),
                      ((june_30.toordinal() + 1, FOREVER),)))
    answer = status(make(limits, None), dt.date(2023, 3, 1), length=40)
    assert answer.earliest_entry is None
    assert [(c.rule, c.first, c.last) for c in answer.too_long_limits] == [
        ("per-entry", dt.date(2023, 4, 9), dt.date(2023, 8, 8)),
        ("rolling", dt.date(2023, 8, 9), None)]


# -- the binding limit -----------------------------------------------------------------------

def test_the_limit_that_ends_the_stay_binds_not_the_one_with_fewer_days_left() -> None:
    # 10 in any 20 and 15 in any 180, after a stay of 1-9 January and an entry on 20 January:
    # on 20 January 10 in any 20 has 0 days left (9 + 1) but its old days roll off one a day,
    # so it lets the stay run to 29 January; 15 in any 180 has 5 left (15 - 10), which no day
    # rolls off: its last day is 25 January, and it is the limit that binds
    day = dt.date(2023, 1, 1).toordinal()
    limits = (InForce("short", Rolling(max=10, window=20), ((0, FOREVER),)),
              InForce("long", Rolling(max=15, window=180), ((0, FOREVER),)))
    history = replace(make(limits, None), host_entries=((day, day + 8), (day + 19, None)))
    answer = status(history, dt.date(2023, 1, 20))
    assert {f.rule: (f.days_remaining, f.latest_exit) for f in answer.constraints} == {
        "short": (0, dt.date(2023, 1, 29)), "long": (5, dt.date(2023, 1, 25))}
    assert (answer.binding, answer.latest_exit) == ("long", dt.date(2023, 1, 25))
    assert answer.days_remaining == 5


def test_no_limit_binds_when_none_is_in_force_and_none_ends_the_stay() -> None:
    # 90 per entry in force only from 10 to 20 March: a stay from 1 March reaches no 91st day
    # while it is in force, so nothing ends the stay and no limit binds it
    march_10 = dt.date(2023, 3, 10).toordinal()
    later = (InForce("per-entry", PerEntry(max=90), ((march_10, march_10 + 10),)),)
    answer = status(make(later, None), dt.date(2023, 3, 1))
    assert (answer.latest_exit, answer.limited_by) == (None, "none")
    assert answer.binding is None and answer.days_remaining is None


def test_a_planned_entry_a_longer_stay_would_break_is_named_with_the_limit() -> None:
    # 20 in any 180 counted from 1 January: 10 days in January and 5 planned from 1 March.
    # From 1 February the stay may last 5 days, to 5 February: a 6th would make 5 March
    # count 21 (10 + 6 + 5). The answer names the planned entry into the host, broken, and
    # the limit with the day it counts from
    counts_from = dt.date(2023, 1, 1)
    rolling = Rolling(max=20, window=180, counts_from=counts_from)
    day = counts_from.toordinal()
    march_1 = dt.date(2023, 3, 1)
    history = replace(make((InForce("rolling", rolling, ((0, FOREVER),)),), None),
                      host_entries=((day, day + 9),
                                    (march_1.toordinal(), march_1.toordinal() + 4)))
    answer = status(history, dt.date(2023, 2, 1))
    assert (answer.latest_exit, answer.limited_by) == (dt.date(2023, 2, 5), "planned_trip")
    assert answer.planned_stay == PlannedStay(
        march_1, dt.date(2023, 3, 5), in_host=True, broken=True,
        limits=(LimitName("rolling", rolling.spec, rolling.label, counts_from),))


def test_on_a_day_whose_rules_are_unknown_the_answer_gives_what_is_known() -> None:
    # rules known until 31 January and again from 1 March. Present since 17 January, judged
    # on 5 February: no limit is known, but the stay's entry, its last day known (the query
    # day) and its registration deadline, 1 February (17 January + 15), still are
    known = ((0, dt.date(2023, 1, 31).toordinal()), (dt.date(2023, 3, 1).toordinal(), FOREVER))
    rule = (RegistrationInForce("reg", WITHIN_15, ((0, FOREVER),)),)
    present = replace(make(PER_ENTRY, dt.date(2023, 1, 17)), known=known, registrations=rule)
    answer = status(present, dt.date(2023, 2, 5))
    assert (answer.limited_by, answer.unknown, answer.constraints) == (
        "unknown_rules", "unknown", ())
    assert (answer.present, answer.entered, answer.leaving) == (
        True, dt.date(2023, 1, 17), dt.date(2023, 2, 5))
    assert (answer.latest_exit, answer.max_stay_days, answer.days_used) == (None, None, None)
    assert answer.register_by is not None and answer.register_by.by == dt.date(2023, 2, 1)
    # absent, a 10-day stay can begin on 1 March, when the rules are known again (to
    # 10 March)
    absent = replace(make(PER_ENTRY, None), known=known, registrations=rule)
    plan = status(absent, dt.date(2023, 2, 5), length=10)
    assert (plan.present, plan.entered, plan.leaving) == (False, None, None)
    assert (plan.earliest_entry, plan.earliest_until) == (dt.date(2023, 3, 1),
                                                           dt.date(2023, 3, 10))
    # a 20-day stay's registration is the planned stay's, from 1 March, as where the rules
    # are known: by 16 March (it was counted from the query day, 20 February, for a stay
    # that cannot begin then; a 10-day stay, over before its deadline, needs none)
    assert plan.register_by is None
    longer = status(absent, dt.date(2023, 2, 5), length=20)
    assert longer.earliest_entry == dt.date(2023, 3, 1)
    assert longer.register_by is not None and longer.register_by.by == dt.date(2023, 3, 16)


def test_the_answer_on_a_day_whose_rules_are_unknown_is_complete() -> None:
    # judged on 5 February, between two stretches of known rules (to 31 January, from
    # 1 March): the answer still carries its day, the length asked, no violations and no notes
    known = ((0, dt.date(2023, 1, 31).toordinal()), (dt.date(2023, 3, 1).toordinal(), FOREVER))
    on = dt.date(2023, 2, 5)
    plan = status(replace(make(PER_ENTRY, None), known=known), on, length=10)
    assert (plan.on, plan.length, plan.violations, plan.notes) == (on, 10, (), ())


# -- no limit, or none known -----------------------------------------------------------------

def test_with_no_limit_the_stay_ends_only_where_the_rules_stop_being_known() -> None:
    # no limit in force: known always, the stay has no end; known until 31 January, judged on
    # 20 January, it may go on until then, and the answer says where the knowledge ends
    on = dt.date(2023, 1, 20)
    free = status(make((), dt.date(2023, 1, 17)), on)
    assert (free.latest_exit, free.max_stay_days, free.limited_by) == (None, None, "none")
    assert free.unknown is None
    known_last = dt.date(2023, 1, 31)
    until = status(make((), dt.date(2023, 1, 17), known_last), on)
    assert (until.latest_exit, until.max_stay_days, until.limited_by) == (
        known_last, 12, "unknown_rules")
    assert until.unknown == "unknown"
    assert any("31 January 2023" in note for note in until.notes)
    assert (until.length, until.leaving) == (None, on)


def test_a_stay_on_through_a_planned_entry_no_limit_ends_has_no_latest_exit() -> None:
    # 90 per entry in force only from 10 to 20 March; present 1-5 March (judged on 3 March),
    # back on 7-9 March: the stay may run on through that entry, and no day of it reaches a
    # 91st while the limit is in force, so nothing ends it
    march = dt.date(2023, 3, 1).toordinal()
    later = (InForce("per-entry", PerEntry(max=90), ((march + 9, march + 19),)),)
    history = replace(make(later, None), host_entries=((march, march + 4),
                                                       (march + 6, march + 8)))
    answer = status(history, dt.date(2023, 3, 3))
    assert (answer.latest_exit, answer.limited_by, answer.planned_stay) == (None, "none", None)


def test_a_planned_entry_the_stay_so_far_already_breaks_does_not_end_it() -> None:
    # 10 in any 20: present since 1 January, judged on 6 January (6 days), back on 13-17
    # January: 17 January already counts 11 (1-6 and 13-17), as recorded. That entry is
    # non-compliant whatever the stay does now, so the stay may go on as the rule allows,
    # until 10 January (10 days); a trip next summer changes nothing
    day = dt.date(2023, 1, 1).toordinal()
    limits = (InForce("rolling", Rolling(max=10, window=20), ((0, FOREVER),)),)
    history = replace(make(limits, None), host_entries=(
        (day, None), (day + 12, day + 16), (day + 200, day + 201)))
    answer = status(history, dt.date(2023, 1, 6))
    assert (answer.latest_exit, answer.limited_by) == (dt.date(2023, 1, 10), "rule")
    assert [(v.first_day, v.last_day) for v in answer.violations] == [
        (dt.date(2023, 1, 17), dt.date(2023, 1, 17))]


# -- plans -------------------------------------------------------------------------------------

def test_the_tightest_limit_in_force_all_along_is_named_though_a_looser_lasts_longer() -> None:
    # 30 per entry from 9 April, the last day of the first 40-day stay from 1 March, and
    # 35 per entry in force even longer: both bar every such stay, the tighter is named
    april_9 = dt.date(2023, 4, 9)
    limits = (InForce("per-entry-35", PerEntry(max=35), ((0, FOREVER + 1),)),
              InForce("per-entry-30", PerEntry(max=30), ((april_9.toordinal(), FOREVER),)))
    answer = status(make(limits, None), dt.date(2023, 3, 1), length=40)
    assert answer.earliest_entry is None
    assert [(c.rule, c.first, c.last) for c in answer.too_long_limits] == [
        ("per-entry-30", april_9, None)]


def test_a_per_entry_limit_of_entries_from_a_day_bars_the_stays_entered_from_then() -> None:
    # 30 in any 180 until 8 August, and 30 per entry for the entries from 1 July: 40 days
    # from 1 July end on 9 August (1 July + 39 days), the first day the per-entry limit
    # bars such a stay; the rolling count bars those ending by 8 August
    july_1, aug_8 = dt.date(2023, 7, 1), dt.date(2023, 8, 8)
    per_entry = PerEntry(max=30, entered_from=july_1)
    limits = (InForce("rolling", Rolling(max=30, window=180), ((0, aug_8.toordinal()),)),
              InForce("per-entry", per_entry, ((0, FOREVER),)))
    answer = status(make(limits, None), dt.date(2023, 3, 1), length=40)
    assert answer.earliest_entry is None
    assert [(c.rule, c.first, c.last) for c in answer.too_long_limits] == [
        ("rolling", dt.date(2023, 4, 9), aug_8),
        ("per-entry", dt.date(2023, 8, 9), None)]
    assert _caps_from(per_entry, 40) == dt.date(2023, 8, 9).toordinal()


def test_a_plan_waits_for_a_trip_elsewhere_it_would_run_into() -> None:
    # 90 per entry, 10 days from 1 March (to 10 March): a trip elsewhere from 10 March shares
    # only the stay's last day, the crossing day; one from 9 March or 5-6 March cuts it, and
    # the stay can begin on the day of return
    march_1 = dt.date(2023, 3, 1)
    day = march_1.toordinal()
    for trip, earliest in (((day + 9, day + 19), march_1),
                           ((day + 8, day + 19), dt.date(2023, 3, 20)),
                           ((day + 4, day + 5), dt.date(2023, 3, 6))):
        away = replace(make(PER_ENTRY, None), elsewhere=(trip,))
        assert status(away, march_1, length=10).earliest_entry == earliest, trip
    # present (since 20 February), the same: a new entry waits for the trip's return
    present = replace(make(PER_ENTRY, dt.date(2023, 2, 20)), elsewhere=((day + 4, day + 5),))
    assert status(present, march_1, length=10).earliest_entry == dt.date(2023, 3, 6)


def test_entered_from_elsewhere_on_the_query_day_a_stay_runs_on_through_a_planned_entry(
        ) -> None:
    # 40 per entry; on 1 January 2023 in Kyrgyzstan (1-2 January), a trip to the host planned
    # for 2-3 January. Entered on 1 January in place of the stay in Kyrgyzstan, as with no
    # trip planned, the stay runs on through the trip, one entry, to its 40th day: status
    # once took the stay in Kyrgyzstan as a trip ahead once joined, and ended the stay on
    # 2 January, when plan offered 1 to 3 January
    jan_1 = dt.date(2023, 1, 1)
    day = jan_1.toordinal()
    per_entry_40 = (InForce("per-entry", PerEntry(max=40), ((0, FOREVER),)),)
    in_kyrgyzstan = replace(make(per_entry_40, None), elsewhere=((day, day + 1),))
    planned = replace(in_kyrgyzstan, host_entries=((day + 1, day + 2),))
    feb_9 = dt.date(2023, 2, 9)
    for history in (in_kyrgyzstan, planned):
        answer = status(history, jan_1)
        assert (answer.latest_exit, answer.max_stay_days, answer.limited_by) == (
            feb_9, 40, "rule")
    plan = status(planned, jan_1, length=3)
    assert (plan.earliest_entry, plan.earliest_until) == (jan_1, dt.date(2023, 1, 3))
    assert plan.latest_exit == feb_9


def test_a_day_trip_elsewhere_not_the_return_to_the_host_ends_the_stay() -> None:
    # present since 1 June 2024 under 90 per entry; planned: a day across the border on
    # 10 July and back into the host the same day, to 1 August. The stay ends on 10 July,
    # and what ends it is the trip elsewhere that day, not the re-entry it is followed by.
    june_1, july_10, aug_1 = dt.date(2024, 6, 1), dt.date(2024, 7, 10), dt.date(2024, 8, 1)
    trip = replace(make(PER_ENTRY, None),
                   host_entries=((june_1.toordinal(), july_10.toordinal()),
                                 (july_10.toordinal(), aug_1.toordinal())),
                   elsewhere=((july_10.toordinal(), july_10.toordinal()),))
    answer = status(trip, dt.date(2024, 6, 30))
    assert (answer.latest_exit, answer.limited_by) == (july_10, "planned_trip")
    assert answer.planned_stay == PlannedStay(july_10, july_10, in_host=False, broken=False)


def test_a_stay_left_on_the_query_day_is_behind_a_person_judged_away() -> None:
    # in the host from 1 to 10 March 2023, then elsewhere from 10 March (a crossing day). As
    # status asks, the person is still there on the 10th and the stay elsewhere begun that
    # day ends the stay; judged away (destinations: the host left that day is one to go back
    # to), the stay from the 10th is a new entry: 30 per entry count from it, to 8 April,
    # and 40 in any 180 count the shared day once, with the 9 days before it (31 in all)
    mar_1, mar_10 = dt.date(2023, 3, 1), dt.date(2023, 3, 10)
    per_entry_30 = (InForce("per-entry", PerEntry(max=30), ((0, FOREVER),)),)
    rolling_40 = (InForce("rolling", Rolling(max=40, window=180), ((0, FOREVER),)),)
    for limits, last in ((per_entry_30, dt.date(2023, 4, 8)), (rolling_40, dt.date(2023, 4, 9))):
        crossing = replace(make(limits, None),
                           host_entries=((mar_1.toordinal(), mar_10.toordinal()),),
                           elsewhere=((mar_10.toordinal(), None),))
        still_there = status(crossing, mar_10)
        assert (still_there.present, still_there.latest_exit, still_there.limited_by) == (
            True, mar_10, "planned_trip")
        away = status(replace(crossing, left_on_query_day=True), mar_10)
        assert (away.present, away.entered, away.latest_exit, away.limited_by) == (
            False, None, last, "rule"), limits


def test_with_no_limit_a_plan_names_the_stay_it_runs_into() -> None:
    # no limit: 10 days from 1 March can begin at once, but run into a trip elsewhere on
    # 5-6 March, which the answer names
    day = dt.date(2023, 3, 1).toordinal()
    away = replace(make((), None), elsewhere=((day + 4, day + 5),))
    plan = status(away, dt.date(2023, 3, 1), length=10)
    assert plan.earliest_entry == dt.date(2023, 3, 1)
    assert plan.earliest_meets == PlannedStay(dt.date(2023, 3, 5), dt.date(2023, 3, 6),
                                              in_host=False, broken=False)


def test_a_plan_beyond_the_known_rules_is_unknown_not_barred() -> None:
    # 10 per entry, known until 28 February: from 22 January the stay may last 10 days, to
    # 31 January; 40 days (to 2 March) would run past what is known, and nothing is known
    # later, so the answer is unknown rules
    absent = make((InForce("per-entry", PerEntry(max=10), ((0, FOREVER),)),), None,
                  dt.date(2023, 2, 28))
    plan = status(absent, dt.date(2023, 1, 22), length=40)
    assert (plan.latest_exit, plan.limited_by) == (dt.date(2023, 1, 31), "rule")
    assert (plan.earliest_entry, plan.unknown, plan.length) == (None, "unknown", 40)
    # from the first day of a stretch of known rules, a stay too long for it waits for the
    # next: known 27 January to 5 February and from 16 February, 15 days fit from then
    stretches = replace(make(PER_ENTRY, None), known=((DAY, DAY + 9), (DAY + 20, FOREVER)))
    assert status(stretches, CHANGE, length=15).earliest_entry == dt.date(2023, 2, 16)


# -- which stay a registration is judged for --------------------------------------------------

REG_15 = (RegistrationInForce("reg", WITHIN_15, ((0, FOREVER),)),)
TEN_PER_ENTRY = (InForce("per-entry", PerEntry(max=10), ((0, FOREVER),)),)
UNKNOWN_IN_MAY = ((0, dt.date(2023, 4, 30).toordinal()),)  # the rules known until 30 April


def test_with_the_rules_unknown_a_stay_left_by_its_deadline_needs_no_registration() -> None:
    # rules unknown in May; entered 1 May, judged 3 May, deadline 16 May. Left on the query
    # day itself, the stay ends before the deadline and needs none; left on 20 May, it does
    on = dt.date(2023, 5, 3)
    assert registration(on, left=on, known=UNKNOWN_IN_MAY) is None
    reg = registration(on, left=dt.date(2023, 5, 20), known=UNKNOWN_IN_MAY)
    assert reg is not None and reg.by == BY


def test_with_the_rules_unknown_an_absent_person_s_deadline_is_counted_from_the_query_day() -> None:
    # absent on 3 May, rules unknown: a stay entered that day, its end not known, is
    # registered by 18 May (3 May + 15); asked for no length, the answer seeks no entry
    on = dt.date(2023, 5, 3)
    absent = replace(make(PER_ENTRY, None), known=UNKNOWN_IN_MAY, registrations=REG_15)
    answer = status(absent, on)
    assert answer.register_by is not None and answer.register_by.by == dt.date(2023, 5, 18)
    assert (answer.earliest_entry, answer.earliest_until) == (None, None)
    # no stay can begin while nothing later is known: 15 days from 3 May end on 17 May, the
    # day before the deadline, and need no registration; 16 end on it and do
    fifteen = status(absent, on, length=15)
    assert (fifteen.earliest_entry, fifteen.earliest_until) == (None, None)
    assert fifteen.register_by is None
    sixteen = status(absent, on, length=16).register_by
    assert sixteen is not None and sixteen.by == dt.date(2023, 5, 18)


def test_with_the_rules_unknown_the_answer_keeps_the_notes_on_the_history() -> None:
    # rules unknown in May; an entry on 10 May with no exit, judged 3 May: only its first day
    # is known, and the answer says so though it gives no limit
    later = replace(make(PER_ENTRY, dt.date(2023, 5, 10)), known=UNKNOWN_IN_MAY)
    notes = status(later, dt.date(2023, 5, 3)).notes
    assert len(notes) == 1 and "10 May 2023" in notes[0] and "3 May 2023" in notes[0]


def test_a_planned_stay_s_registration_runs_on_through_the_planned_entry_it_joins() -> None:
    # 10 days planned, back in the host on 8-20 June: a stay from 1 June runs on through that
    # entry to 20 June, past its deadline, 16 June, and must be registered, though 10 days
    # alone would end before it. So when planned on 1 June, and when planned on 3 May, while
    # the rules are unknown until 1 June
    june_1 = dt.date(2023, 6, 1)
    known = ((0, dt.date(2023, 4, 30).toordinal()), (june_1.toordinal(), FOREVER))
    absent = replace(make(PER_ENTRY, None), known=known, registrations=REG_15,
                     host_entries=((june_1.toordinal() + 7, june_1.toordinal() + 19),))
    for on in (june_1, dt.date(2023, 5, 3)):
        plan = status(absent, on, length=10)
        assert (plan.earliest_entry, plan.earliest_until) == (june_1, dt.date(2023, 6, 20))
        assert plan.register_by is not None and plan.register_by.by == dt.date(2023, 6, 16), on


def test_a_stay_the_limits_end_before_its_deadline_needs_no_registration() -> None:
    # present since 1 May under 10 per entry: the stay ends by 10 May, before its deadline
    # (16 May), and needs none; absent on 1 May, the same for a stay entered that day
    assert registration(dt.date(2023, 5, 3), limits=TEN_PER_ENTRY) is None
    assert status(replace(make(TEN_PER_ENTRY, None), registrations=REG_15),
                  ENTERED).register_by is None


def test_absent_the_registration_is_of_a_stay_entered_on_the_query_day() -> None:
    # absent on 1 May under 90 per entry: a stay entered that day may outlast its deadline,
    # 16 May, by which it must be registered; asked for no length, no entry is sought
    answer = status(replace(make(PER_ENTRY, None), registrations=REG_15), ENTERED)
    assert answer.register_by is not None and answer.register_by.by == BY
    assert (answer.earliest_entry, answer.earliest_until) == (None, None)


def test_no_registration_is_due_for_a_stay_that_cannot_begin() -> None:
    # 10 in any 20, present 1-10 May, judged 12 May: that day would be the 11th in 23 April -
    # 12 May, so no stay can begin, and even where every stay must be registered none is due.
    # The answer gives the first day one day's stay can: 21 May, when the window 2-21 May
    # holds 9 of the old days
    every_stay = RegistrationRule(within=15, short_stays="required")
    rolling = (InForce("rolling", Rolling(max=10, window=20), ((0, FOREVER),)),)
    history = replace(make(rolling, None),
                      host_entries=((ENTERED.toordinal(), ENTERED.toordinal() + 9),),
                      registrations=(RegistrationInForce("reg", every_stay, ((0, FOREVER),)),))
    answer = status(history, dt.date(2023, 5, 12))
    assert (answer.max_stay_days, answer.register_by) == (0, None)
    assert (answer.earliest_entry, answer.earliest_until) == (dt.date(2023, 5, 21),
                                                               dt.date(2023, 5, 21))


def test_a_plan_s_registration_is_of_the_stay_from_its_earliest_entry() -> None:
    # absent on 1 March, away on 5-6 March: 20 days can begin on 6 March, the day of return,
    # and must be registered by 21 March (6 March + 15), not by 16 March; 10 days from then
    # end on 15 March, before the deadline, and need none
    march_1 = dt.date(2023, 3, 1)
    day = march_1.toordinal()
    away = replace(make(PER_ENTRY, None), elsewhere=((day + 4, day + 5),), registrations=REG_15)
    twenty = status(away, march_1, length=20)
    assert twenty.earliest_entry == dt.date(2023, 3, 6)
    assert twenty.register_by is not None and twenty.register_by.by == dt.date(2023, 3, 21)
    assert status(away, march_1, length=10).register_by is None


def test_a_plan_no_limit_allows_is_registered_as_a_stay_from_the_query_day() -> None:
    # 10 per entry bars 15 or 16 days from 1 March, ever; the registration shown is of such a
    # stay from the query day, by 16 March: 15 days end on 15 March and need none, 16 do
    absent = replace(make(TEN_PER_ENTRY, None), registrations=REG_15)
    fifteen = status(absent, dt.date(2023, 3, 1), length=15)
    assert (fifteen.earliest_entry, fifteen.register_by, fifteen.length) == (None, None, 15)
    sixteen = status(absent, dt.date(2023, 3, 1), length=16)
    assert sixteen.register_by is not None and sixteen.register_by.by == dt.date(2023, 3, 16)
    assert sixteen.length == 16


# -- a registration without which the stay ends -----------------------------------------------

EXTENDS_15 = RegistrationRule(within=15, effect="extends")


def unregistered(on: dt.date, limits: tuple[InForce, ...] = PER_ENTRY, *,
                 rule: RegistrationRule = EXTENDS_15, **changes: object) -> Answer:
    """The answer on ``on`` for a stay entered on 1 May 2023 and not registered, where
    registering by 16 May (within 15 days) lets it go on past that day."""
    history = replace(make(limits, ENTERED),
                      registrations=(RegistrationInForce("reg", rule, ((0, FOREVER),)),))
    return status(replace(history, **changes), on)


def test_an_unregistered_stay_ends_on_the_deadline_before_the_limit() -> None:
    # 90 per entry would let the stay go on until 29 July (1 May + 89 days); unregistered, it
    # ends on 16 May, 14 days from 3 May, and the note names both days
    answer = unregistered(dt.date(2023, 5, 3))
    assert (answer.latest_exit, answer.max_stay_days, answer.limited_by) == (
        BY, 14, "registration")
    [note] = answer.notes
    assert "16 May 2023" in note and "until 29 July 2023" in note
    # with no limit, it ends on the deadline all the same, and the note says none follows
    free = unregistered(dt.date(2023, 5, 3), ())
    assert (free.latest_exit, free.limited_by) == (BY, "registration")
    [note] = free.notes
    assert "16 May 2023" in note and "no limit" in note


def test_a_stay_the_limit_ends_by_the_deadline_is_limited_by_the_rule() -> None:
    # 16 per entry ends the stay on 16 May, the deadline day itself, and 10 per entry on
    # 10 May (the stay registered all the same, as every stay must be): the rule ends each
    answer = unregistered(dt.date(2023, 5, 3), (InForce("per-entry", PerEntry(max=16),
                                                         ((0, FOREVER),)),))
    assert (answer.latest_exit, answer.limited_by, answer.notes) == (BY, "rule", ())
    every_stay = RegistrationRule(within=15, effect="extends", short_stays="required")
    short = unregistered(dt.date(2023, 5, 3), TEN_PER_ENTRY, rule=every_stay)
    assert short.register_by is not None
    assert (short.latest_exit, short.limited_by) == (dt.date(2023, 5, 10), "rule")


def test_a_trip_after_the_deadline_is_not_what_ends_an_unregistered_stay() -> None:
    # away from 1 June: the stay would end then for the trip, but unregistered it ends on
    # 16 May, and the answer names no planned stay
    june_1 = dt.date(2023, 6, 1).toordinal()
    answer = unregistered(dt.date(2023, 5, 3), elsewhere=((june_1, june_1 + 9),))
    assert (answer.latest_exit, answer.limited_by, answer.planned_stay) == (
        BY, "registration", None)


def test_a_stay_unregistered_past_its_deadline_should_have_ended_then() -> None:
    # judged on 20 May, no registration recorded: the stay should have ended on 16 May, no
    # day of it may go on; a CSV history records no registrations, so the note says "unless"
    answer = unregistered(dt.date(2023, 5, 20))
    assert (answer.latest_exit, answer.max_stay_days, answer.limited_by) == (
        None, 0, "registration")
    [note] = answer.notes
    assert note.startswith("the stay was not registered by 16 May 2023")
    [note] = unregistered(dt.date(2023, 5, 20), records_registrations=False).notes
    assert note.startswith("unless the stay was registered by 16 May 2023")


# -- planned entries a longer stay would break -------------------------------------------------

def test_the_stay_s_own_recorded_exit_is_not_a_planned_day_of_presence() -> None:
    # 30 in any 60: present since 1 May, exit recorded on 25 May, judged 3 May, back on
    # 1-10 June. The stay may end on any day: left on day e of May, 10 June counts e + 10,
    # so it must end by 20 May; had it run to its recorded exit, 10 June would count 35
    rolling = (InForce("rolling", Rolling(max=30, window=60), ((0, FOREVER),)),)
    june_1 = dt.date(2023, 6, 1).toordinal()
    history = replace(make(rolling, None), host_entries=(
        (ENTERED.toordinal(), dt.date(2023, 5, 25).toordinal()), (june_1, june_1 + 9)))
    answer = status(history, dt.date(2023, 5, 3))
    assert (answer.latest_exit, answer.limited_by) == (dt.date(2023, 5, 20), "planned_trip")
    assert answer.planned_stay is not None and answer.planned_stay.broken
    assert (answer.planned_stay.first, answer.planned_stay.last) == (
        dt.date(2023, 6, 1), dt.date(2023, 6, 10))


def test_a_planned_entry_that_begins_within_reach_of_the_stay_is_judged_whole() -> None:
    # 10 in any 20: present since 1 January, back on 16 January to 10 February, under a
    # permit from 19 January (those days are not counted). The rule alone ends the stay on
    # 10 January, but 16 January then counts 11 (1-10 and 16 January): as 18 January counts
    # the days from 30 December, 16-18 January among them, the stay must end by 7 January
    # (7 + 3 days), though the planned entry ends beyond the 19 days after 10 January that
    # the stay's days can reach
    day = dt.date(2023, 1, 1).toordinal()
    rolling = (InForce("rolling", Rolling(max=10, window=20), ((0, FOREVER),)),)
    history = replace(make(rolling, dt.date(2023, 1, 1)),
                      host_entries=((day, None), (day + 15, day + 40)),
                      exempt=((day + 18, day + 40),))
    answer = status(history, dt.date(2023, 1, 1))
    assert (answer.latest_exit, answer.limited_by) == (dt.date(2023, 1, 7), "planned_trip")
    assert answer.planned_stay is not None and answer.planned_stay.broken
    assert answer.planned_stay.first == dt.date(2023, 1, 16)


def test_a_one_day_planned_entry_a_longer_stay_would_break_names_its_limit() -> None:
    # 10 in any 20: present since 1 January, back for 16 January alone. Left on day e of
    # January, 16 January counts e + 1: the stay must end by 9 January, a day before the
    # rule alone ends it, and the answer names the limit that day would break
    day = dt.date(2023, 1, 1).toordinal()
    rolling = Rolling(max=10, window=20)
    history = replace(make((InForce("rolling", rolling, ((0, FOREVER),)),), None),
                      host_entries=((day, None), (day + 15, day + 15)))
    answer = status(history, dt.date(2023, 1, 1))
    assert (answer.latest_exit, answer.limited_by) == (dt.date(2023, 1, 9), "planned_trip")
    assert answer.planned_stay == PlannedStay(
        dt.date(2023, 1, 16), dt.date(2023, 1, 16), in_host=True, broken=True,
        limits=(LimitName("rolling", rolling.spec, rolling.label, None),))


def test_a_limit_in_force_for_one_day_bars_the_stays_ending_that_day() -> None:
    # 30 per entry until 30 June, 30 per entry again on 1 July alone (a rule of its own),
    # then 30 in any 180: no 40 days in a row from 1 March fit, and each limit is named
    # for the days it is in force
    june_30 = dt.date(2023, 6, 30).toordinal()
    limits = (InForce("until-june", PerEntry(max=30), ((0, june_30),)),
              InForce("july-1", PerEntry(max=30), ((june_30 + 1, june_30 + 1),)),
              InForce("rolling", Rolling(max=30, window=180), ((june_30 + 2, FOREVER),)))
    answer = status(make(limits, None), dt.date(2023, 3, 1), length=40)
    assert answer.earliest_entry is None
    assert [(c.rule, c.first, c.last) for c in answer.too_long_limits] == [
        ("until-june", dt.date(2023, 4, 9), dt.date(2023, 6, 30)),
        ("july-1", dt.date(2023, 7, 1), dt.date(2023, 7, 1)),
        ("rolling", dt.date(2023, 7, 2), None)]


def test_a_plan_may_begin_with_a_planned_entry_not_within_it() -> None:
    # 10 in any 20, absent on 1 March (day 0), back on 6-8 March (days 5-7); a 3-day stay
    # counts the days of an earlier stay still in its window. After 9 days, 16-24 February
    # (days -13 to -5), 3 days from 6 March, the planned entry's own, count 11 on 8 March
    # (8 + 3); one entry on 7 March would be made within that planned entry, the person
    # already in the host; from 8 March, 10 March counts 11 (6 + 5, 6-10 March), from
    # 9 March, 11 March counts 11 (5 + 6); 10-12 March count 10 at most: the earliest
    day = dt.date(2023, 3, 1).toordinal()
    rolling = (InForce("rolling", Rolling(max=10, window=20), ((0, FOREVER),)),)
    planned = (day + 5, day + 7)
    history = replace(make(rolling, None), host_entries=((day - 13, day - 5), planned))
    plan = status(history, dt.date(2023, 3, 1), length=3)
    assert (plan.earliest_entry, plan.earliest_until) == (dt.date(2023, 3, 10),
                                                           dt.date(2023, 3, 12))
    # after 8 days, 16-23 February, 8 March counts 7 of them, 10 with the planned entry's
    # 3 days: the stay begins with it, on 6 March
    shorter = replace(history, host_entries=((day - 13, day - 6), planned))
    plan = status(shorter, dt.date(2023, 3, 1), length=3)
    assert (plan.earliest_entry, plan.earliest_until) == (dt.date(2023, 3, 6),
                                                           dt.date(2023, 3, 8))
