"""The plan line of a stay answer (`plan --length`): when a stay of so many days can begin."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sojourn.cli.render._common import days_words
from sojourn.dates import format_long as long
from sojourn.engine import Answer
from sojourn.engine.answer import Cap
from sojourn.penalties import stay_rules_alone
from sojourn.stay import EntryWaited, StayReport, if_you_leave
from sojourn.words import run_of_days, sentence


def plan_line(report: StayReport) -> str | None:
    a = report.answer
    if a.length is None:
        return None
    if a.earliest_entry is not None and (report.own_citizen
                                         or (a.present and a.limited_by == "none")):
        return _unlimited(report)
    if a.earliest_entry is None and (waited := report.entry_waited) is not None:
        return _no_day_let_in(report, waited)
    if a.earliest_entry is None and a.too_long_limits:
        held = _held_to(a)
        if report.joining is not None and report.joining.unknown_starts is not None:
            return _turns_on_own_rules(report, held)
        return _too_long(report, held) + _trip_across_joining(report)
    if a.earliest_entry is None:
        why = a.unknown or "no such stay fits within the next 10 years"
        if a.unknown:
            why += ", and no later stretch of known rules holds it within 10 years"
        return f"No stay of {days_words(a.length)} can begin from {long(a.on)}: {why}."
    if a.present and report.plan_fits_in_stay:
        # no per-entry count to reset: "leave and a new stay can begin" would read as a
        # border run that wins days, when the same days are had by staying on
        figures = a.binding_figures
        assert a.earliest_entry is not None and figures is not None
        return (f"A {a.length}-day stay from {long(a.earliest_entry)}{_until(a)} fits within "
                f"the stay you are in; leaving and coming back would reset nothing under "
                f"{figures.rule} ({figures.label}).")
    if report.joining is not None and report.joining.trip is not None:
        return _after_trip_across_joining(report)
    if a.present:  # the plan is a new entry, after leaving, not more of the stay under way
        return (_new_stay(a, report.ends_elsewhere(a.earliest_entry),
                          report.later_if_banned(a.earliest_entry)) + _within(report, ".")
                + _alone(report) + _earlier_under_own_rules(report))
    # a stay may begin on the day a planned trip to the host does: a 1-day stay, a stay into
    # a planned trip with no exit recorded (whose first day alone is counted), or one that
    # takes in the trip. That day is the trip's, not one free of it. (Present, the day of
    # leaving always holds such a stay, so no planned trip sets it.)
    trip = (f", when your planned trip to {report.host_name} begins"
            if a.earliest_entry in report.planned_entries
            else report.ends_elsewhere(a.earliest_entry))
    # a ban on a condition the tool cannot ask may keep the person out longer, as status says
    trip += report.later_if_banned(a.earliest_entry)
    # the way asked, where the entry rules moved the day from the stay rules' own
    way = f" by {report.entry_waited.by}" if report.entry_waited is not None else ""
    return (f"The earliest you can enter{way} for {days_words(a.length)} is "
            f"{long(a.earliest_entry)}"
            f"{_until(a, 'staying until')}{trip}{_within(report)}.{_alone(report)}"
            f"{_earlier_under_own_rules(report)}")


def _too_long(report: StayReport, held: str) -> str:
    """That no stay of the length asked for fits the limits the pack knows (``held``)."""
    a = report.answer
    assert a.length is not None
    if a.unknown and a.too_long_limits[-1].last is not None:
        # the rules known to a day, then none: the limits cap every stay that long
        # ending by then, named before the rules' end
        return (f"No stay of {days_words(a.length)} can begin from {long(a.on)}: {held}; "
                f"{a.unknown}, and no later stretch of known rules holds it within 10 "
                "years.")
    if a.unknown:
        # the query day's rules unknown, and those known later allow no stay that long:
        # a stay begun before them rests on rules the pack does not have
        return (f"No stay of {days_words(a.length)} can begin from {long(a.on)}: "
                f"{a.unknown}, and on the later days whose rules it knows, {held}.")
    return f"No stay of {days_words(a.length)} is possible: {held}."


def _trip_across_joining(report: StayReport) -> str:
    """" Your planned trip to Croatia from 20 December 2022 to 10 January 2023 is under way
    on 1 January 2023, ...", after "No stay of 100 days can begin" beside a recorded trip
    across the day the state joins a zone, in the words the plan of a length the zone allows
    names it (_trip_under_way); with no exit recorded, how long the zone's rules let it run
    (Joining.stay). Unnamed, the new stay that cannot be that long read as one free of it."""
    joining = report.joining
    if joining is None or joining.trip is None:
        return ""
    if joining.stay is None:
        return f" {_trip_under_way(report)}."
    return f" {_trip_under_way(report)}: {zone_allows(report)}."


def zone_allows(report: StayReport) -> str:
    """"its rules allow you to stay until 31 March 2023, 90 days from then
    (schengen-short-stay-90-180: 90 days in any 180)": how long the zone a state joins lets
    the stay under way on the joining day run (Joining.stay), as `status` and `plan` say it."""
    assert report.joining is not None and report.joining.stay is not None
    stay = report.joining.stay
    limit = stay.limit
    under = f" ({limit.rule}: {limit.label})" if limit is not None else ""
    return (f"its rules allow you to stay until {long(stay.latest_exit)}, "
            f"{days_words(stay.max_stay_days)} from then{under}")


def _trip_under_way(report: StayReport) -> str:
    """"Your planned trip to Croatia from 20 December 2022 to 10 January 2023 is under way on
    1 January 2023, when Croatia joins the Schengen area, which counts it as entered that
    day" (", with no exit recorded," after the trip's first day where none is): the recorded
    stay across the joining day (Joining.trip), as every plan beside it names it. The stay
    the person is in on the query day is no planned trip: "Your stay in Croatia from ..."."""
    a, joining = report.answer, report.joining
    assert joining is not None and joining.trip is not None
    trip, last = joining.trip, joining.trip.last
    if last is None:
        named = f"{trip}, with no exit recorded,"
    elif a.present and trip.first <= a.on:
        named = f"stay in {report.host_name} from {run_of_days(trip.first, last)}"
    else:
        named = str(trip)
    return (f"Your {named} is under way on {long(joining.on)}, when {report.host_name} "
            f"joins {joining.title}, which counts it as entered that day")


def _no_day_let_in(report: StayReport, waited: EntryWaited) -> str:
    """`plan --by WAY` where the entry rules let the person in that way on no day the search
    reached: from a day whose answer the pack does not know (a land border closed until at
    least a day now past), or on none within its horizon."""
    a = report.answer
    assert a.length is not None
    asked = f"The earliest you can enter {report.host_name} by {waited.by} for " \
            f"{days_words(a.length)}"
    if (unknown := waited.unknown_from) is not None:
        return f"{asked} is not known: from {long(unknown.on)}, {unknown.why}."
    return (f"{asked} is not known: the entry rules refuse it on every day tried within the "
            "next 10 years.")


def _after_trip_across_joining(report: StayReport) -> str:
    """The plan of a person whose recorded stay in the state runs across the day it joins a
    zone, ahead (a planned trip) or under way on the query day: the zone counts that stay as
    entered that day, and the new stay comes after leaving it ("If you leave on 10 January
    2023 as planned"). Away, "The earliest you can enter is 1 January 2023" offered a day the
    person is to be in the state already; there, the stay the zone counts from the joining day
    went unnamed, and the new stay read as if the days before that day were counted."""
    a, joining = report.answer, report.joining
    assert joining is not None and joining.trip is not None
    assert a.earliest_entry is not None and a.length is not None
    last = joining.trip.last
    if last is None:
        # a planned trip with no exit recorded, whose days the zone counts from the joining
        # day on: the stay from then is that trip going on, no new entry after it
        return (f"{_trip_under_way(report)}: a stay of {days_words(a.length)} from "
                f"{long(a.earliest_entry)}{_until(a)} is that trip going on." + _alone(report))
    # the day of leaving is the trip's recorded exit, as a.leaving is for a person there
    leaving = replace(a, leaving=last)
    return (f"{_trip_under_way(report)}. "
            + _new_stay(leaving, report.ends_elsewhere(a.earliest_entry),
                        report.later_if_banned(a.earliest_entry))
            + _within(report, ".") + _alone(report))


def _turns_on_own_rules(report: StayReport, held: str) -> str:
    """Where no stay of the length asked for fits the rules the pack knows, but one begun
    before the day the state joins a zone keeps within the zone's rules from then on
    (Joining.unknown_starts): whether it may begin turns on the state's own rules before that
    day, which the pack does not have, where "No stay of 100 days can begin" said it may not
    (a 100-day stay into Croatia begun by 22 December 2022 spends at most 90 days in the
    Schengen area from 1 January 2023)."""
    return (f"A {_begun_before_joining(report)}. One begun later cannot be that long: "
            f"{held}.")


def _earlier_under_own_rules(report: StayReport) -> str:
    """" It may be earlier: a stay of 30 days begun from 1 to 31 December 2022 keeps within
    ...", after the first day the zone's rules allow a stay, where one begun before the state
    joins the zone keeps within its rules from then (Joining.unknown_starts): "The earliest
    you can enter is 1 January 2023" alone read as if no December day could do, when those
    days are the state's own rules', which the pack does not have."""
    if report.joining is None or report.joining.unknown_starts is None:
        return ""
    return f" It may be earlier: a {_begun_before_joining(report)}."


def _begun_before_joining(report: StayReport) -> str:
    """"stay of 30 days begun from 1 to 31 December 2022 keeps within the rules of the
    Schengen area on its days from 1 January 2023, when Croatia joins it; whether it can begin
    turns on Croatia's own rules before then, and the rule pack has no stay rule ..." """
    a, joining = report.answer, report.joining
    assert a.length is not None and joining is not None and joining.unknown_starts is not None
    first, last = joining.unknown_starts
    begun = f"on {long(first)}" if first == last else f"from {run_of_days(first, last)}"
    # the query day is before the joining day, whose state's own rules the pack lacks
    assert a.unknown is not None
    return (f"stay of {days_words(a.length)} begun {begun} keeps within the rules of "
            f"{joining.title} on its days from {long(joining.on)}, when {report.host_name} "
            f"joins it; whether it can begin turns on {report.host_name}'s own rules before "
            f"then, and {a.unknown}")


def _held_to(a: Answer) -> str:
    """Why no stay of ``a.length`` days is possible: "rs-stay-30-per-entry (30 days per
    entry) allows at most 30 days in a row", or, across a rule change, each limit over the
    stays that end while it is in force."""
    if a.too_long is not None:
        cap = a.too_long
        return f"{cap.rule} ({cap.label}) allows at most {days_words(cap.days)} in a row"
    held = [f"one ending {_ending(c, i == 0)} is held to at most {days_words(c.days)} in a row "
            f"by {c.rule} ({c.label})" for i, c in enumerate(a.too_long_limits)]
    if len(held) == 1:  # one limit, to the last day whose rules are known
        cap = a.too_long_limits[0]
        return (f"{cap.rule} ({cap.label}) allows at most {days_words(cap.days)} in a row in a "
                f"stay ending {_ending(cap, True)}")
    return f"{', '.join(held[:-1])}, and {held[-1]}"


def _alone(report: StayReport) -> str:
    """" By the stay rules alone: the pack cannot tell whether ...", after a day a new stay
    may begin, where an overstay's entry ban is not known (penalties.stay_rules_alone)."""
    alone = stay_rules_alone(report.bans_unknown)
    return f" {sentence(alone)}." if alone else ""


def _unlimited(report: StayReport) -> str:
    """The plan when no rule limits the stay: a citizen's of the host, or a person present
    under rules with no limit (registration alone). No trip planned elsewhere delays the
    entry: only the stay under way, as recorded, comes first."""
    a = report.answer
    assert a.length is not None and a.earliest_entry is not None
    whom = "you there" if report.own_citizen else "your stay"
    if a.present and a.earliest_entry == a.on:
        # "if you leave, a new stay can begin the same day" read as if leaving were needed,
        # when there is no count for leaving to reset
        return (f"No rule limits {whom}: staying on for {days_words(a.length)} from "
                f"{long(a.on)}{_until(a)} needs no leaving{_within(report)}.")
    after = ("" if a.earliest_entry == a.on else
             ", the day the stay under way is recorded to end")
    return (f"No rule limits {whom}: a stay of {days_words(a.length)} can begin on "
            f"{long(a.earliest_entry)}{_until(a)}{after}{_within(report)}.")


def _within(report: StayReport, after: str = "") -> str:
    """"; your planned trip to Kyrgyzstan from 1 February to 1 March 2024 falls within it":
    with no limit, the recorded trip the stay offered runs into, which made no entry wait
    (with a limit the entry waits for it): unnamed, the stay read as free of it. ``after``:
    the end of the sentence before, when it is already closed."""
    trip = report.trip_within_plan
    if trip is None:
        return ""
    return (f" Your {trip} falls within that stay" if after else
            f"; your {trip} falls within that stay") + after


def _ending(cap: Cap, earliest: bool) -> str:
    """When the stays that ``cap`` bars end: "by 26 January 2023" (the earliest such stays),
    "from 27 January 2023 on", "from 1 to 9 March 2023"."""
    if cap.last is None:
        return f"from {long(cap.first)} on"
    return f"by {long(cap.last)}" if earliest else f"from {run_of_days(cap.first, cap.last)}"


def _until(a: Answer, words: str = "until") -> str:
    """" (until 20 June 2023)": the last day of the stay from the earliest entry, as the
    engine gives it: ``length`` days on, or the exit of a planned trip to the host it runs on
    through, said so; nothing for a one-day stay, whose last day is the day just named."""
    assert a.earliest_entry is not None and a.earliest_until is not None
    if a.earliest_until == a.earliest_entry:
        return ""
    through = ("" if a.earliest_until == a.earliest_entry + dt.timedelta(days=(a.length or 1) - 1)
               else ", through your planned trip there")
    return f" ({words} {long(a.earliest_until)}{through})"


def _new_stay(a: Answer, elsewhere: str = "", later: str = "") -> str:
    """When a new stay of ``a.length`` days can begin for a person present, who is taken to
    leave on the last day of the stay under way as recorded (``a.leaving``): the query day,
    or the exit recorded after it. ``elsewhere``: the recorded stay outside the host that
    ends on that day, if one does (StayReport.ends_elsewhere). ``later``: the later days bans
    on a condition the tool cannot ask give (StayReport.later_if_banned), as status says."""
    assert a.length is not None and a.earliest_entry is not None and a.leaving is not None
    leave = if_you_leave(a)
    if a.earliest_entry == a.leaving:
        return (f"{leave}, a new {a.length}-day stay can begin the same day"
                f"{_until(a)}{later}.")
    return (f"{leave}, the earliest a new {a.length}-day stay can begin is "
            f"{long(a.earliest_entry)}{_until(a)}{elsewhere}{later}.")
