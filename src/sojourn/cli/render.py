"""Human answers: a plain sentence first, then the figures, then the rules relied on."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from rich.console import Console
from rich.markup import escape

from sojourn.countries import country_name, is_named
from sojourn.dates import format_long as long
from sojourn.destinations import Destination, not_confirmed_by_host
from sojourn.engine import Answer, LimitFigures
from sojourn.engine.answer import Cap, Registration, Violation
from sojourn.engine.kinds import HOUSER, Constraint
from sojourn.entry import EntryAnswer
from sojourn.penalties import barring, penalty_bands
from sojourn.penalties import describe as penalty_sentences
from sojourn.permits import Estimate, PermitAnswer, estimate_words
from sojourn.permits import Step as PermitStep
from sojourn.report import CaseReport, partly_refused_because, refused_because
from sojourn.risk import RiskAnswer
from sojourn.rules.coverage import SINCE, Cell
from sojourn.rules.freshness import hosts_note, not_confirmed
from sojourn.rules.freshness import note as freshness_note
from sojourn.rules.schema import Rule, Source
from sojourn.rules.select import Applied, Assumption, apply
from sojourn.stay import StayReport, if_you_leave
from sojourn.words import (
    check_estimate,
    count,
    document_name,
    estimated_because,
    in_force,
    listed,
    noun,
    run_of_days,
    with_article,
)


def _days(n: int) -> str:
    return count(n, "day")


def headline(report: StayReport) -> str:
    """The one sentence a person needs first."""
    a = report.answer
    where = report.host_name
    if report.own_citizen:
        return (f"As a citizen of {country_name(report.citizenship or '?')}, you are not "
                f"limited in {where}: its rules for foreigners do not apply to you.")
    if report.barred is not None:
        # an overstay's ban comes before any count of days: no stay begins while it runs
        return f"You may not enter {where} on {long(a.on)}: {report.barred.words}."
    if a.unknown and a.latest_exit is None and a.max_stay_days is None:
        return f"sojourn cannot say how long you may stay in {where} on {long(a.on)}: {a.unknown}."
    if a.max_stay_days is None:
        if report.ad_hoc:
            return f"Under the --rule given, nothing limits your stay in {where} from {long(a.on)}."
        return f"No rule in the pack limits your stay in {where} from {long(a.on)}."
    if a.max_stay_days == 0:
        reg = a.register_by
        if a.present and a.limited_by == "registration" and reg is not None:
            # no limit is broken: an unregistered stay had to end on its deadline
            if reg.history_records:
                return (f"Your stay in {where} should have ended on {long(reg.by)}: no "
                        f"registration by then is recorded. On {long(a.on)} you should leave "
                        "now.")
            return (f"Unless your stay in {where} was registered by {long(reg.by)}, it should "
                    f"have ended then: on {long(a.on)} you should leave now.")
        if a.present:
            return f"You are over the limit in {where} on {long(a.on)}: you should leave now."
        # days may be left, yet the planned trips need them
        return f"You may not stay in {where} on {long(a.on)}: {report.why_no_stay()}."
    assert a.latest_exit is not None
    if a.present:
        # the query day is among the days of the stay, and among the days used below: said
        # so, lest "(44 days)" above "43 days left" read as a contradiction
        days = ("1 day: that day only" if a.max_stay_days == 1
                else f"{_days(a.max_stay_days)}, {long(a.on)} included")
        text = f"You may stay in {where} until {long(a.latest_exit)} ({days})."
    else:
        text = (f"If you enter {where} on {long(a.on)}, you may stay until "
                f"{long(a.latest_exit)} ({_days(a.max_stay_days)}).")
    trip = report.planned_trip
    if a.limited_by == "planned_trip" and trip is not None:
        text += (f" Your {trip} sets this date: "
                 + (f"staying longer would put it {trip.over()}." if trip.broken
                    else "it begins that day."))
    elif a.limited_by == "planned_trip":
        text += " Your planned trips set this date: staying longer would break or block them."
    elif a.limited_by == "registration":
        text += " That is your registration deadline: registered, you may stay longer."
    elif a.limited_by == "unknown_rules":
        text += " That is the last day the rule pack knows the rules for."
    return text


def plan_line(report: StayReport) -> str | None:
    a = report.answer
    if a.length is None:
        return None
    if a.earliest_entry is not None and (report.own_citizen
                                         or (a.present and a.limited_by == "none")):
        return _unlimited(report)
    if a.earliest_entry is None and a.too_long is not None:
        cap = a.too_long
        return (f"No stay of {_days(a.length)} is possible: {cap.rule} ({cap.label}) allows "
                f"at most {_days(cap.days)} in a row.")
    if a.earliest_entry is None and a.too_long_limits:
        # a rule change: each limit bars the stays that end while it is in force
        caps = a.too_long_limits
        held = [f"one ending {_ending(c, i == 0)} is held to at most {_days(c.days)} in a row "
                f"by {c.rule} ({c.label})" for i, c in enumerate(caps)]
        return f"No stay of {_days(a.length)} is possible: {', '.join(held[:-1])}, and {held[-1]}."
    if a.earliest_entry is None:
        why = a.unknown or "no such stay fits within the next 10 years"
        if a.unknown:
            why += ", and no later stretch of known rules holds it within 10 years"
        return f"No stay of {_days(a.length)} can begin from {long(a.on)}: {why}."
    if a.present and _fits_in_stay(report):
        # no per-entry count to reset: "leave and a new stay can begin" would read as a
        # border run that wins days, when the same days are had by staying on
        figures = a.binding_figures
        assert a.earliest_entry is not None and figures is not None
        return (f"A {a.length}-day stay from {long(a.earliest_entry)}{_until(a)} fits within "
                f"the stay you are in; leaving and coming back would reset nothing under "
                f"{figures.rule} ({figures.label}).")
    if a.present:  # the plan is a new entry, after leaving, not more of the stay under way
        return _new_stay(a, report.ends_elsewhere(a.earliest_entry)) + _within(report, ".")
    # a stay may begin on the day a planned trip to the host does: a 1-day stay, a stay into
    # a planned trip with no exit recorded (whose first day alone is counted), or one that
    # takes in the trip. That day is the trip's, not one free of it. (Present, the day of
    # leaving always holds such a stay, so no planned trip sets it.)
    trip = (f", when your planned trip to {report.host_name} begins"
            if a.earliest_entry in report.planned_entries
            else report.ends_elsewhere(a.earliest_entry))
    return (f"The earliest you can enter for {_days(a.length)} is {long(a.earliest_entry)}"
            f"{_until(a, 'staying until')}{trip}{_within(report)}.")


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
        return (f"No rule limits {whom}: staying on for {_days(a.length)} from "
                f"{long(a.on)}{_until(a)} needs no leaving{_within(report)}.")
    after = ("" if a.earliest_entry == a.on else
             ", the day the stay under way is recorded to end")
    return (f"No rule limits {whom}: a stay of {_days(a.length)} can begin on "
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


def _fits_in_stay(report: StayReport) -> bool:
    """Whether the stay plan offers a person present, from the day they are taken to leave,
    ends by the stay under way's last day while no per-entry limit counts its days."""
    a = report.answer
    return (a.earliest_entry is not None and a.earliest_entry == a.leaving
            and a.earliest_until is not None and a.latest_exit is not None
            and a.earliest_until <= a.latest_exit and a.binding_figures is not None
            and not report.leaving_resets(a.earliest_entry, a.earliest_until))


def _new_stay(a: Answer, elsewhere: str = "") -> str:
    """When a new stay of ``a.length`` days can begin for a person present, who is taken to
    leave on the last day of the stay under way as recorded (``a.leaving``): the query day,
    or the exit recorded after it. ``elsewhere``: the recorded stay outside the host that
    ends on that day, if one does (StayReport.ends_elsewhere)."""
    assert a.length is not None and a.earliest_entry is not None and a.leaving is not None
    leave = if_you_leave(a)
    if a.earliest_entry == a.leaving:
        return (f"{leave}, a new {a.length}-day stay can begin the same day"
                f"{_until(a)}.")
    return (f"{leave}, the earliest a new {a.length}-day stay can begin is "
            f"{long(a.earliest_entry)}{_until(a)}{elsewhere}.")


def details(report: StayReport, past_listed: bool = False) -> list[str]:
    """The lines under the headline. ``past_listed``: the deadlines passed are listed after
    them (the case report), where a registration missed before a residence permit is said,
    once."""
    a = report.answer
    lines: list[str] = []
    binding = a.binding_figures
    if binding is not None and binding.in_force_on:
        # present, the query day is one of the days used, and the days left come after it
        used, left = ((f"used up to and including {long(a.on)}", "left after it") if a.present
                      else (f"used on {long(a.on)}", "left"))
        if a.limited_by == "entry_ban" and binding.days_remaining:
            # under "You may not enter", "60 days left" alone read as days to spend now
            left += " by the count, none while the ban runs"
        lines.append(f"Counted under {binding.rule} ({binding.label}): "
                     f"{_days(binding.days_used)} {used}, "
                     f"{_days(binding.days_remaining)} {left}{_rolling_off(a, binding)}.")
    elif binding is not None:
        since = next((r.valid_from for r in report.rules if r.id == binding.rule), None)
        start = f", in force from {long(since)}" if since else ""
        # a registration deadline, not this limit, may be what ends the stay (limited_by)
        which = ("The limit that ends your stay" if a.limited_by == "rule"
                 else "The stay limit ahead")
        # the figure is the limit's count on the query day as if it applied then: said as
        # such, lest "it would count 102 days" be read as a count it makes today
        line = (f"{which} is {binding.rule} ({binding.label}{start}). It is not in force "
                f"on {long(a.on)}; counted its way, you would have used "
                f"{_days(binding.days_used)} by then.")
        if (since is not None and a.limited_by == "rule" and a.latest_exit is not None
                and a.latest_exit == since - dt.timedelta(days=1)):
            # a count already past the limit ("951 days" of a 730-day limit) read as an
            # overstay now: the stay is over it only from the limit's first day, so it ends
            # the day before
            line += (f" Your stay would be over it from its first day, so it ends the day "
                     f"before, on {long(a.latest_exit)}.")
        lines.append(line)
    if a.length is None and a.max_stay_days == 0 and a.earliest_entry:
        # present and stopped by an unregistered deadline, the earliest day can be today:
        # a new entry, after leaving, starts a new deadline
        after = (", after leaving: a new entry starts a new registration deadline"
                 if a.present and a.limited_by == "registration" else "")
        lines.append(f"{report.earliest_back(a.earliest_entry, report.host_name)}{after}.")
    reg = a.register_by
    # missed before the residence permit now held: the past of the stay before it, said in the
    # past tense, not as a deadline to meet ("OVERDUE" under a permit read as one)
    missed_before_permit = (reg is not None and reg.under_permit and not reg.done
                            and reg.by < a.on)
    if reg is not None and missed_before_permit:
        if not past_listed:
            late = reg.recorded_on if reg.recorded_on and reg.recorded_on <= a.on else None
            state = f"registered late, on {long(late)}" if late else "missed"
            title = next((r.title for r in report.rules if r.id == reg.rule), reg.label)
            lines.append(f"Registration was due by {long(reg.by)}: {title} ({reg.rule}); "
                         f"{state}, before the residence permit you hold on {long(a.on)}: "
                         "past, not a deadline to meet now.")
    elif reg is not None:
        if reg.done:
            state = "done"
        elif reg.covered_from is not None:
            # a visitor's duty: the permit's days are neither counted nor limited
            state = f"covered by the residence permit from {long(reg.covered_from)}"
        elif reg.recorded_on is not None and reg.recorded_on <= a.on:
            state = f"registered late, on {long(reg.recorded_on)}"
        elif reg.recorded_on is not None:
            # one the profile records after the query day is planned, not made
            planned = f"planned for {long(reg.recorded_on)} in your profile"
            when = "after the deadline" if reg.recorded_on > reg.by else "in time"
            state = f"OVERDUE; {planned}" if reg.overdue else f"{planned}, {when}"
        elif not reg.history_records:
            state = ("passed; a CSV history records no registrations, so whether it was done is "
                     "not known" if reg.overdue else "a CSV history records no registrations")
        else:
            state = "OVERDUE" if reg.overdue else "not yet recorded"
        title = next((r.title for r in report.rules if r.id == reg.rule), reg.label)
        due = _registration_due(reg)
        lines.append(f"{due[0].upper()}{due[1:]}: {title} ({reg.rule}); {state}.")
        if not reg.holidays_known:
            lines.append("  Working days count weekends only: no holiday calendar is known.")
        elif reg.unsure is not None:
            lines.append(f"  The deadline is an estimate: "
                         f"{estimated_because(reg.unsure, report.host_name)}; "
                         f"{check_estimate(reg.by, a.on)}.")
    for v in a.violations:
        when = "Planned overstay" if v.first_day > a.on else "Overstay"
        days = (long(v.first_day) if v.first_day == v.last_day
                else run_of_days(v.first_day, v.last_day))
        # a run going on past the query day is partly what the history plans: "79 days" alone
        # read as days already overstayed
        ahead = ((f", {(v.last_day - a.on).days} of them planned, from "
                  f"{long(a.on + dt.timedelta(days=1))}") if v.first_day <= a.on < v.last_day
                 else "")
        # "1 day, up to 124 days counted" left unsaid what was counted against what
        lines.append(f"{when}: {days}, {_days(v.days)}{ahead}; the count reached "
                     f"{_days(v.peak)} under {_limits_named(report, v)}.")
    lines += [f"{line}." for line in penalty_sentences(report.penalties, report.host_name)]
    if report.document_end is not None and report.document_end.ended:
        # the stay goes on, limited or not, on a document that has ended: overdue, as a
        # registration missed is
        end = report.document_end
        lines.append(f"Your {document_name(end.document)}, on which you entered "
                     f"{report.host_name}, ended on {long(end.last_day)}, and the profile holds "
                     f"no other valid travel document {report.host_name} admits: you are "
                     "staying there on none; renew it or leave; OVERDUE.")
    elif report.document_end is not None:
        # no rule's last day says to renew it, as a limited stay's does
        end = report.document_end
        lines.append(f"Your {document_name(end.document)} ends on {long(end.last_day)}: no rule "
                     f"limits the stay in {report.host_name}, but it needs a valid travel "
                     "document; renew it or leave by that day.")
    # the bans that may bar an entry on the day, besides one the headline gives
    lines += [f"Entry ban: {b.words}." for b in report.bans_on if b is not report.barred]
    for note in (*a.notes, *report.notes):
        lines.append(f"Note: {note}.")
    return lines


def _rolling_off(a: Answer, binding: LimitFigures) -> str:
    """Why a stay can be longer than the days left, under a rolling or a calendar-year limit:
    without it, "43 days left" under "you may stay 44 days" reads as a contradiction."""
    kind, _, counts = binding.spec.partition(":")
    # present, the query day is among the days used and the days of the stay alike
    if (kind not in ("rolling", "calendar-year") or a.max_stay_days is None
            or a.max_stay_days - a.present <= binding.days_remaining):
        return ""
    if kind == "calendar-year":
        return (f"; as the count starts afresh on 1 January, your stay can run "
                f"{_days(a.max_stay_days)}")
    window = counts.partition("/")[2]
    return (f"; as days more than {window} days back stop counting, your stay can run "
            f"{_days(a.max_stay_days)}")


def _limits_named(report: StayReport, run: Violation) -> str:
    """"kz-stay-eaeu-90-180 (90 days in any 180)": each rule of an overstay with its limits'
    labels, as the answer's other lines name a limit (an ad-hoc limit is named by its spec
    already). Of the limits the answer judged one by one (those in force on or after its
    day), only those broken in the run: Vietnam's 45 days per entry for entries from 15 August
    2023, not beside it the 15 days of the entries before. Of the others, those in force on
    the run's first day (one that ended before it counted none of the run)."""
    def broken(f: LimitFigures) -> bool:
        return any(w.first_day <= run.last_day and run.first_day <= w.last_day
                   for w in f.violations)

    judged = {(f.rule, f.label) for f in report.answer.constraints}
    labels: dict[str, list[str]] = defaultdict(list)
    for rule, label in [*((f.rule, f.label) for f in report.answer.constraints if broken(f)),
                        *((r.id, c.label) for r in report.rules for c in r.constraints
                          if (r.id, c.label) not in judged
                          and (c.valid_to is None or c.valid_to >= run.first_day))]:
        if label not in labels[rule]:
            labels[rule].append(label)
    return listed([f"{r} ({CONSTRAINT_SEPARATOR.join(labels[r])})" if labels[r] else r
                   for r in run.rules])


# Between a rule's limits: a label may hold a comma of its own ("45 days per entry, for entries
# from 15 August 2023"), so a comma between two read as one limit running into the next.
CONSTRAINT_SEPARATOR = "; "


def constraint_words(constraint: Constraint) -> str:
    """"90 days per entry, to 26 April 2023": a rule's constraint with its own last day, where
    it ends before the rule (an answer names a limit by its label: it is in force then)."""
    end = constraint.valid_to
    return constraint.label + (f", to {long(end)}" if end else "")


def rule_lines(applied: Applied) -> list[str]:
    head = (f"[bold]{applied.id}[/bold]: {escape(applied.title)}\n"
            f"    {in_force(applied.valid_from, applied.valid_to, last_seen=applied.last_seen)}; "
            f"confidence {applied.confidence}")
    if applied.constraints:
        head += "; " + CONSTRAINT_SEPARATOR.join(constraint_words(c) for c in applied.constraints)
    with_visa = [with_article(document_name(d.type)) for d in applied.documents
                 if d.visa_required]
    if with_visa:  # the rule's answer turns on the visa: a reader of the rule must see it
        head += f"; {listed(with_visa)} accepted only with a visa"
    # and on the document's last day, where the rule wants it valid for some time
    head += "".join(f"; {with_article(document_name(d.type))} wanted valid "
                    f"{d.valid_for.words}"
                    for d in applied.documents if d.valid_for)
    # and on what entry needs besides the document
    head += "".join(f"; {with_article(document_name(d.type))} accepted with "
                    f"{listed([n.words for n in d.also_needs])}"
                    for d in applied.documents if d.also_needs)
    return [head, *(f"    {line}" for line in _source_lines(applied.sources))]


def _source_lines(sources: Sequence[Source]) -> list[str]:
    out = []
    for s in sources:
        # a document's citation is words like the title's: set apart, lest the two run on
        where = s.url or (f"— {s.document}" if s.document else "")
        # a treaty's title often carries its day already ("... (13 December 2005)"): not twice
        dated = f" ({long(s.date)})" if s.date and long(s.date) not in s.title else ""
        out.append(f"source: {escape(s.title)}{dated} {escape(where)}".rstrip())
    return out


def assumption_lines(report: StayReport) -> list[str]:
    """The contested rules the answer relied on, each with what the other accounts of it
    answer for this person (when they were evaluated): a contest that changes nothing here is
    said to, and one that does shows the other answer beside the option that gives it."""
    return _assumption_lines(report.assumptions, {
        o.variant: (o.same_as(report),
                    _answer_in_brief(o.answer, report, registration_unknown=o.registration_unknown))
        for o in report.other_accounts})


def _assumption_lines(assumptions: Sequence[Assumption],
                      others: dict[str, tuple[bool, str]] | None = None) -> list[str]:
    """``others``: for each other account evaluated, whether it gives the same answer, and
    that answer in brief."""
    grouped: dict[tuple[str, tuple[str, ...]], list[str]] = defaultdict(list)
    for x in assumptions:
        grouped[(x.variant, x.alternatives)].append(x.rule)
    others = others or {}
    out = []
    for (variant, alternatives), rules in grouped.items():
        head = f"contested rule ({', '.join(rules)}): assumed '{variant}'"
        compared = [others[n] for n in alternatives if n in others]
        if compared and len(compared) == len(alternatives) and all(
                same for same, _ in compared):
            names = " or ".join(f"--assume {n}" for n in alternatives)
            out.append(f"Contested rule ({', '.join(rules)}): assumed '{variant}'; the other "
                       f"accounts ({names}) give the same answer here.")
            continue
        alt = " or ".join(f"--assume {n}" + (f" ({others[n][1]})" if n in others else "")
                          for n in alternatives)
        out.append(f"Warning: {head}; other accounts: {alt}.")
    return out


def _registration_due(reg: Registration) -> str:
    """The registration deadline in the words of who registers, as the rule's sources say: a
    hotel guest whose landlord or hotel has the duty is not sent to register himself."""
    if reg.registrant == "self":
        return f"register by {long(reg.by)}"
    # the sources fine the foreigner too: the landlord's duty is his concern as well
    liable = " (you answer for it too)" if reg.registrant == "host_guest_liable" else ""
    return f"{HOUSER} must register you by {long(reg.by)}{liable}"


def _registration_in_brief(reg: Registration) -> str:
    """The registration deadline of another answer, with where it stands as status says it
    (done, OVERDUE, passed for a CSV history, missed before a permit): a bare "register by 9
    February 2023" on 1 March read as a deadline still to meet."""
    due = _registration_due(reg)
    if reg.done:
        return f"{due}, done"
    if not reg.overdue:
        return due
    state = "missed" if reg.under_permit else "overdue" if reg.history_records else "passed"
    return f"{due}, {state}"


def citizenship_lines(report: StayReport) -> list[str]:
    """What each other citizenship held gives, one line each, with the option that judges by
    it: the same answer, its answer in brief, or that its documents are refused entry; then,
    once for them all, which of them the host counts."""
    out = []
    for o in report.other_citizenships:
        head = (f"Other citizenship: as a citizen of {country_name(o.citizenship)} "
                f"(--citizenship {o.citizenship})")
        if o.refused is not None:
            gives = f": entry refused ({o.refused})"
        elif o.same_as(report):
            gives = " gives the same answer here"
        else:
            brief = _answer_in_brief(o.answer, report, barred_until=o.barred_until,
                                     registration_unknown=o.registration_unknown)
            gives = f": {brief}"
        out.append(f"{head}{gives}.")
    if out:
        out.append(f"At a border you show one passport, and {report.host_name} counts your stay "
                   "under the one you entered on.")
    return out


def _answer_in_brief(a: Answer, report: StayReport, *, barred_until: dt.date | None = None,
                     registration_unknown: bool = False) -> str:
    """What another account answers, in the headline's terms, and where its registration
    deadline (or whether one is known), overstays or earliest entry differ from the answer
    the ``report`` gives; ``barred_until``: the last day an entry ban bars an entry, for an
    answer that begins no stay for it; ``registration_unknown``: no deadline is given for
    want of a registration rule (StayReport.registration_unknown)."""
    given = report.answer
    if barred_until is not None:
        parts = [f"entry barred until {long(barred_until)}"]
    elif a.length is not None and a.earliest_entry is None:
        parts = [f"no stay of {_days(a.length)} possible"]
    elif a.max_stay_days is None:
        parts = ["unknown" if a.unknown else "no limit"]
    elif a.max_stay_days == 0:
        parts = ["no day left" if a.present else "no stay from that day"]
    else:
        assert a.latest_exit is not None
        unless = " unless registered by then" if a.limited_by == "registration" else ""
        parts = [f"until {long(a.latest_exit)}, {_days(a.max_stay_days)}{unless}"]
    reg, was = a.register_by, given.register_by
    if a.limited_by != "registration" and (
            (reg.by if reg else None) != (was.by if was else None)
            or (reg is None and registration_unknown != report.registration_unknown)):
        # no rule is not "none needed": status says it so in a note of its own
        parts.append(_registration_in_brief(reg) if reg else "registration not known"
                     if registration_unknown else "no registration deadline")
    if a.overstay_days != given.overstay_days:
        parts.append(f"{_days(a.overstay_days)} overstayed" if a.overstay_days
                     else "no overstay")
    if a.earliest_entry != given.earliest_entry and a.earliest_entry is not None:
        # "no day left; earliest entry" the query day itself is a new entry after leaving
        again = ", after leaving" if a.present and a.earliest_entry == a.on else ""
        parts.append(f"earliest entry {long(a.earliest_entry)}{again}")
    return "; ".join(parts)


def print_report(report: StayReport, console: Console, with_rules: bool = True,
                 past_listed: bool = False) -> None:
    console.print(escape(headline(report)), highlight=False)
    plan = plan_line(report)
    if plan:
        console.print(escape(plan), highlight=False)
    if (refused := report.entry_refused) is not None:
        # next to "If you enter ...", which the stay rules answer as if the entry were made
        console.print("  " + escape(f"Note: with the documents you hold you cannot enter "
                                    f"{report.host_name} on {long(refused.on)}: {refused.why}; "
                                    "see `sojourn entry`."), highlight=False)
    for line in details(report, past_listed):
        console.print("  " + escape(line), highlight=False)
    # beside the answer it changes, not after the sources: the date above may be the other
    # account's by a day or a rule
    for line in assumption_lines(report):
        console.print(f"[yellow]{escape(line)}[/yellow]", highlight=False)
    for line in citizenship_lines(report):
        console.print(escape(line), highlight=False)
    if not with_rules:
        return
    if report.rules:
        _rules_block(console, report.rules)
    elif report.ad_hoc:
        specs = " + ".join(f"{c.spec} ({c.label})" for c in report.ad_hoc)
        console.print(f"\nAd-hoc rule: {escape(specs)}; not from the pack, no source.",
                      highlight=False)


def print_rule(rule: Rule, console: Console) -> None:
    shown = apply(rule, rule.variant(None))
    for line in rule_lines(shown):
        console.print(line, highlight=False)
    console.print(f"    host {rule.host}; citizenships {', '.join(rule.citizenships)}; "
                  f"topic {rule.topic}", highlight=False)
    if rule.note:
        console.print(f"    note: {escape(rule.note)}", highlight=False)
    for line in penalty_bands(rule.penalty):
        console.print(f"    {escape(line)}", highlight=False)
    for v in rule.variants:
        eff = apply(rule, v)
        mark = " (default)" if v.default else ""
        # an account's own limits and sources, where they are not those shown above: the
        # caseworker follows each account, not only the default one, to what it rests on
        limits = ("; " + CONSTRAINT_SEPARATOR.join(constraint_words(c) for c in eff.constraints)
                  if eff.constraints != shown.constraints else "")
        # a variant need not have a title: "variant x (default): ; in force" read as a gap
        title = f"{escape(v.title)}; " if v.title else ""
        console.print(f"    variant {v.name}{mark}: {title}"
                      f"{in_force(eff.valid_from, eff.valid_to, last_seen=eff.last_seen)}; "
                      f"confidence {eff.confidence}{limits}",
                      highlight=False)
        if v.penalty is not None:
            for line in penalty_bands(v.penalty):
                console.print(f"      {escape(line)}", highlight=False)
        if eff.sources != shown.sources:
            for line in _source_lines(eff.sources):
                console.print(f"      {line}", highlight=False)


def _print(console: Console, text: str, style: str | None = None) -> None:
    body = escape(text)
    console.print(f"[{style}]{body}[/{style}]" if style else body, highlight=False)


def _rules_block(console: Console, rules: Sequence[Applied], title: str = "Rules relied on:"
                 ) -> None:
    unique = list({r.id: r for r in rules}.values())
    if unique:
        _print(console, "\n" + title)
        for r in unique:
            for line in rule_lines(r):
                console.print("  " + line, highlight=False)


def print_entry(e: EntryAnswer, console: Console) -> None:
    verdict = {True: "Yes", False: "No", None: "Unknown"}[e.allowed]
    if e.visa_decides:  # neither a plain yes nor a no: the visa, not the pack, decides
        also = f" and {e.needs_words}" if e.needs_words else ""
        verdict = f"Yes with a visa issued by {e.visa_issued_by}{also}; without one, no"
    elif e.allowed and e.needs_words:  # a bare "Yes" left out a step to take before boarding
        verdict += f", with {e.needs_words}"
    if e.open_ways:  # a bare "Yes" above "closed to entry by land" reads as any way in
        verdict += _by_ways(e.open_ways, e.unknown_ways)
    by = f" by {e.by}" if e.by else ""
    unjudged = " cannot be judged from the rule pack"
    _print(console, f"{verdict}: entering {e.to_name}{by} on {long(e.on)} with "
                    f"{with_article(document_name(e.document))} as a citizen of "
                    f"{country_name(e.citizenship)}"
                    f"{'' if e.allowed is not None or e.visa_decides else unjudged}.")
    for reason in e.reasons:
        _print(console, f"  - {reason}")
    for line in e.notes:
        _note(console, line)
    _freshness_line(console, e.rules, e.on)
    _rules_block(console, e.rules)
    for line in _assumption_lines(e.assumptions):
        _print(console, line, "yellow")


def _by_ways(open_ways: Sequence[str], unknown_ways: Sequence[str]) -> str:
    """", by air only" where a closure shuts the other ways in; ", by air; by land, rail or
    sea not known" where one may still shut them: "only" would say they are shut."""
    by = f", by {' or '.join(open_ways)}"
    unknown = list(unknown_ways)
    either = ", ".join(unknown[:-1]) + " or " + unknown[-1] if len(unknown) > 1 else "".join(
        unknown)
    return f"{by}; by {either} not known" if unknown else f"{by} only"


def print_destinations(items: Sequence[Destination], on: dt.date, console: Console,
                       ended: Sequence[tuple[str, dt.date]] = ()) -> None:
    """The table of hosts; ``ended``: the profile's travel documents that ended before ``on``
    where it holds none valid (destinations.ended_documents), which explain an "unknown"
    everywhere."""
    _print(console, f"Where you may go on {long(on)}, with the documents you hold:")
    rows = [("host", "enter?", "with", "may stay", "until")]
    for d in items:
        a = d.stay.answer if d.stay else None
        allowed = {True: "yes", False: "no", None: "unknown"}[d.allowed]
        if d.open_ways:  # a closure shuts the other ways in (Azerbaijan: air alone)
            allowed += f" ({'/'.join(d.open_ways)})"
        if _needs(d):
            allowed += NEEDS_MARK
        stay = ("unknown" if a is None or (a.unknown and a.max_stay_days is None) else
                "no limit" if a.max_stay_days is None else _days(a.max_stay_days))
        until = (long(a.latest_exit) if a and a.latest_exit else
                 # "0 days" and "-" said neither that the count is used up nor when one may
                 # come back, which `status` and `report` both say
                 f"none before {long(a.earliest_entry)}" if a and a.max_stay_days == 0
                 and a.earliest_entry else "-")
        stay += (_ended_mark(d) + ("*" if _contested(d) else "")
                 + (OVERSTAY_MARK if a and a.violations else ""))
        if d.allowed is not True and (stay, until) != ("unknown", "-"):
            # what the stay rules would allow, were the person let in: not a way to go
            stay, until = f"({stay})", f"({until})" if until != "-" else until
        here = " (you are here)" if d.here else ""
        rows.append((f"{d.host}{here}", allowed, d.document_named, stay,
                     until))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        _print(console, "  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True))
               .rstrip())
    _print(console, "  'enter?' comes from the pack's entry rules; run `sojourn entry` for the "
                    "reasons.")
    for d in items:
        if d.status_citizenship and d.citizenship:
            # a dual citizen where they are: the row and `status` may judge different passports
            _print(console, f"  In {d.host}, where you are, you are judged as a citizen of "
                            f"{country_name(d.citizenship)}, whose passport the pack's entry rules "
                            f"admit; `sojourn status --country {d.host}` judges you as a citizen "
                            f"of {country_name(d.status_citizenship)}. The passport you entered on "
                            "decides: give --citizenship to choose.", "yellow")
    if any(d.allowed is not True for d in items):
        _print(console, "  (in brackets) what the stay rules would allow where entry is refused "
                        "or unknown with these documents.")
    if items and not any(d.entry for d in items) and ended:
        # a profile's document that has ended is no CSV history's gap: renewing it comes first,
        # as report's "Where else" says
        said = listed([f"{document_name(t)} ended on {long(day)}" for t, day in ended])
        _print(console, f"  Your {said}, and the profile holds no other valid travel document: "
                        "renew it first, or name another with --document.", "yellow")
    elif items and not any(d.entry for d in items):
        # every "unknown" above would otherwise read as the pack's gap, not the input's
        _print(console, "  No travel document valid on that day is given (a CSV history holds "
                        "none): name yours with --document, e.g. --document internal_passport.",
               "yellow")
    for line in _ended_legends(items):
        _print(console, line)
    if needs := _needs_legend(items):
        _print(console, needs, "yellow")
    if any(_contested(d) for d in items):
        _print(console, CONTESTED_LEGEND, "yellow")
    for line in (_exit_refusals(items) + _outlasted_documents(items) + _unmet_conditions(items)
                 + _partly_refused(items)):
        _print(console, line, "yellow")
    if overstays := _overstays(items):
        _print(console, f"  {OVERSTAY_MARK} your history has an overstay there: {overstays}; "
                        "`sojourn status --country HOST` gives the penalty the pack knows.",
               "yellow")
    _hosts_freshness_line(console, items, on)


# the mark of a "yes" that needs more than the document, got before travel or at the border
NEEDS_MARK = "+"


def _needs(d: Destination) -> str:
    """What entry to ``d`` on the document relied on needs besides it and a visa, in words;
    "" when nothing."""
    return d.entered.needs_words if d.entered else ""


def _needs_legend(items: Sequence[Destination]) -> str:
    """"+ entry needs more than the document: IL an ETA-IL ... applied for before you travel
    (ILS 25)"; "" when no host of ``items`` does."""
    said = [f"{d.host} {needs}" for d in items if (needs := _needs(d))]
    return (f"  {NEEDS_MARK} entry needs more than the document: {'; '.join(said)}; "
            "`sojourn entry` gives the rule." if said else "")


def _exit_refusals(items: Sequence[Destination]) -> list[str]:
    """A line for each exit rule that keeps the person from leaving the state they are in on
    a document held, with the hosts it shuts: the "no" above reads as theirs, and one line
    a host would say the same thing a dozen times."""
    shut: dict[tuple[str, str], list[str]] = defaultdict(list)
    for d in items:
        if d.allowed is not True:
            for e in d.entry:
                if (x := e.exit_refused) is not None and d.host not in shut[(x.state, x.reason)]:
                    shut[(x.state, x.reason)].append(d.host)
    return [f"  Leaving {country_name(state)} (for {', '.join(hosts)}): {reason}."
            for (state, reason), hosts in shut.items()]


def _unmet_conditions(items: Sequence[Destination]) -> list[str]:
    """A line for each document a host refuses for a condition unmet (EntryAnswer.
    unmet_conditions: a visa not held, a passport ending too soon), in the words the report
    gives: the "no" above reads as the host refusing the document itself."""
    return [f"  {d.host} {unmet}." for d in items if d.allowed is False for e in d.entry
            for unmet in e.unmet_conditions]


def _partly_refused(items: Sequence[Destination]) -> list[str]:
    """A line for each host whose "unknown" hides a refusal: a document held is refused, and
    whether the others let the person in, the pack does not know."""
    return [f"  {d.host}: {partly_refused_because(d)}." for d in items if d.partly_refused]


def _outlasted_documents(items: Sequence[Destination]) -> list[str]:
    """A line for each document that ends before stays shown on it would: "may stay" there
    is the stay rules' answer, not what a passport about to expire allows."""
    hosts: dict[tuple[str, dt.date], list[str]] = defaultdict(list)
    lines = []
    for d in items:
        if not (d.outlasts_document and d.document_expires):
            continue
        document = d.document_alone
        if d.here and d.entered is not None and d.entered.valid_for:
            # where the person is, the host's rule judged the passport at the entry made
            lines.append(f"  Your {document} ends on {long(d.document_expires)}, before the "
                         f"stay shown in {d.host}, where you are, would end: the stay needs a "
                         "valid passport; renew it or leave by that day.")
        else:
            hosts[(document, d.document_expires)].append(d.host)
    unlimited: dict[tuple[str, dt.date], list[str]] = defaultdict(list)
    for d in items:
        if d.no_limit_document_end is not None:
            unlimited[(d.document_alone, d.no_limit_document_end)].append(d.host)
    return [*lines, *(f"  Your {document} ends on {long(ends)}, before the stay shown in "
                      f"{listed(names)} would end: the pack has no rule on how long a host "
                      "wants a passport to stay valid, and some ask for months beyond the "
                      "stay; check the host's rules."
                      for (document, ends), names in hosts.items()),
            *(f"  Your {document} ends on {long(ends)}: no rule limits the stay in "
              f"{listed(names)}, but it needs a valid travel document, so a stay there on "
              "it ends by that day."
              for (document, ends), names in unlimited.items())]


# the mark of a host where the history overstayed: a "yes" to entry says nothing of the fine
# or entry ban an overstay there may have brought
OVERSTAY_MARK = "!"


def _overstay_runs(d: Destination) -> list[str]:
    """Each overstay of the history in ``d``'s host: "2 May to 15 June 2023 (45 days)"."""
    a = d.stay.answer if d.stay else None
    return [f"{run_of_days(v.first_day, v.last_day)} ({_days(v.days)})"
            for v in (a.violations if a else ())]


def _overstays(items: Sequence[Destination]) -> str:
    """"KZ 2 May to 15 June 2023 (45 days)", for every host of ``items`` with an overstay,
    and the entry bans it brings that run on the day: "TH ... (1847 days): entry barred
    until 28 February 2037 (th-penalty-overstay)"."""
    return "; ".join(f"{d.host} {listed(runs)}{_bans_said(d)}" for d in items
                     if (runs := _overstay_runs(d)))


def _bans_said(d: Destination) -> str:
    """": entry barred until 28 February 2037 (th-penalty-overstay)", or each ban that may
    run on the day with the last day it could run to; "" where none runs."""
    bans = d.stay.bans_on if d.stay else ()
    barred = barring(bans)
    # a bar from the shortest of a band's cases holds in any case, the others may run longer
    said = ([f"entry barred until {long(barred.last_day)}"
             + (" at least" if barred.ban.condition else "")] if barred and barred.last_day
            else [b.ban.words + (f" to {long(b.last_day)}" if b.last_day else "")
                  for b in bans])
    rules = listed(list(dict.fromkeys(b.rule.id for b in bans)))
    return f": {listed(said)} ({rules})" if said else ""


# the mark of a stay ended sooner than the host's rules would, by what ends it: in a table of
# hosts, a short stay everywhere would read as every host's rules
ENDED_MARKS = {"planned_trip": "†", "visa": "‡", "document": "§"}


def _ended_mark(d: Destination) -> str:
    """The mark of ``d``'s stay when the person's planned trips or visa end it, not the host's
    rules (ENDED_MARKS); "" otherwise."""
    return ENDED_MARKS.get(d.stay.answer.limited_by, "") if d.stay else ""


def _ended_legends(items: Sequence[Destination]) -> list[str]:
    """A line for each mark of ENDED_MARKS that some of ``items`` bear."""
    marked = {_ended_mark(d) for d in items}
    return [legend(items) for why, legend in (("planned_trip", _planned_legend),
                                              ("visa", _visa_legend),
                                              ("document", _document_legend))
            if ENDED_MARKS[why] in marked]


def _document_legend(items: Sequence[Destination]) -> str:
    """"§ ended sooner than the host's rules would, by how long the host wants your document
    valid: SCHENGEN 3 months beyond the day you leave (international passport to 1 May 2027)".
    Each host's length in its rule's words: "GE 0 days" read as a slip for "through the day
    you leave"."""
    ended = [(d, e) for d in items if _ended_mark(d) == ENDED_MARKS["document"]
             and (e := d.entered) is not None and e.valid_for]
    said = list(dict.fromkeys(
        f"{d.host} {e.valid_for.words} ({document_name(e.document)} to "
        f"{long(e.document_expires)})" for d, e in ended if e.valid_for and e.document_expires))
    return (f"  {ENDED_MARKS['document']} ended sooner than the host's rules would, by how long "
            f"the host wants your document valid: {listed(said)}; "
            "`sojourn entry` gives the rule.")


def _visa_legend(items: Sequence[Destination]) -> str:
    """"‡ ended sooner than the host's rules would, by your visa's expiry: DE visa to
    1 August 2025"."""
    visas = list(dict.fromkeys(f"{d.visa_from} visa to {long(d.visa_expires)}" for d in items
                               if _ended_mark(d) == ENDED_MARKS["visa"] and d.visa_expires))
    whose = "visas'" if len(visas) > 1 else "visa's"
    return (f"  {ENDED_MARKS['visa']} ended sooner than the host's rules would, by your "
            f"{whose} expiry: {listed(visas)}.")


def _planned_legend(items: Sequence[Destination]) -> str:
    trips = list(dict.fromkeys(str(d.stay.planned_trip) for d in items
                               if _ended_mark(d) == ENDED_MARKS["planned_trip"] and d.stay
                               and d.stay.planned_trip))
    # "your planned trips to A from ... and to B from ...", not "your planned trip to A from
    # ... and planned trip to B from ...", whose second trip read as no longer the person's
    which = (f"planned trips {listed([t.removeprefix('planned trip ') for t in trips])}"
             if len(trips) > 1 else trips[0] if trips else "planned trips")
    return (f"  {ENDED_MARKS['planned_trip']} ended sooner than the host's rules would, by "
            f"your {which}; "
            "`sojourn status --country HOST` says how.")


CONTESTED_LEGEND = ("  * assumes one side of a contested rule; `sojourn status --country HOST` "
                    "and `sojourn entry` name it and the other accounts.")


def _contested(d: Destination) -> bool:
    """Whether the answer for ``d`` (its entry or its stay) takes one side of a contested
    rule, as the assumptions listed with it say."""
    return bool(d.stay and d.stay.assumptions) or any(e.assumptions for e in d.entry)


def print_permit(p: PermitAnswer, console: Console, with_rules: bool = True) -> None:
    permit = p.rule.permit
    assert permit is not None
    verdict = {True: "Feasible", False: "Not feasible", None: "Unknown"}[p.feasible]
    # "Permanent residence permit (Kazakhstan)" says where already
    _, _, place = permit.name.removesuffix(")").rpartition(" (")
    where = "" if permit.name.endswith(")") and is_named(place, p.country) else (
        f" in {country_name(p.country)}")
    said = "Not needed" if p.citizen else "Held already" if p.held_extension else verdict
    _print(console, f"{said}: {permit.name}{where}. {p.verdict}")
    if p.citizen or p.held_extension:
        return
    if p.missing:
        _print(console, "  Missing documents: " + ", ".join(document_name(r.document)
                                                            for r in p.missing))
    # once the day to file is past, "start as soon as you can" would contradict the verdict
    filing_late = any(s.document is None and s.too_late for s in p.steps) or bool(
        p.apply_on and p.apply_on < p.on)
    for s in p.steps:
        lead = ("lead time unknown" if s.lead_days is None else
                count(s.lead_days, "working day" if s.lead_unit == "working" else "day"))
        when = (f"start by {long(s.start_by)}" if s.start_by else
                "too late for this stay" if filing_late else "start as soon as you can")
        # a day asked for is the day to file; else the deadline, or with no deadline from
        # the stay (or none before the pack knows the permit), the first day that works
        how = "on" if p.chosen else "by" if p.legal_stay_ends and not p.opens_on else "from"
        if s.document is None and (s.start_by or s.cannot_file):
            # filing: its lead time is the processing time; a plan that cannot work says why,
            # not a day to file by
            lead = ("processing time unknown" if s.lead_days is None else
                    "decided the same day" if s.lead_days == 0 else f"processing {lead}")
            when = (f"file {how} {long(s.start_by)}" if s.start_by else
                    f"no day to file: {s.cannot_file}")
        if s.closed:
            when += f" ({s.closed})"
        late = " - TOO LATE" if s.too_late else ""
        # decided the same day, the day it comes is the filing day, already named
        if s.document is None and p.issued_about and not s.too_late and s.lead_days != 0:
            late += f"; issued about {long(p.issued_about)}"
            if p.issued_after_legal_stay:
                late += ", after your legal stay ends"
        if p.planned_file_by and p.apply_on and s.planned_start_by and not s.too_late:
            late += _planned_step(s, p.planned_file_by, f"{how} {long(p.apply_on)}", p.on)
        _print(console, f"  - {s.what}: {lead}; {when}{late}")
        if s.how:
            _print(console, f"      how: {s.how}")
    estimated = _estimated_days(p, "on" if p.chosen else "by" if p.legal_stay_ends
                                and not p.opens_on else "from")
    if estimated:
        _print(console, f"  {estimated}")
    if permit.fee:
        _print(console, f"  Fee: {permit.fee}")
    for line in p.later_notes:
        _note(console, line)
    if not with_rules:
        return
    _freshness_line(console, p.rules, p.on)
    _rules_block(console, p.rules)
    for line in _assumption_lines((*p.assumptions, *p.stay.assumptions), _compared([p])):
        _print(console, line, "yellow")


def _compared(plans: Sequence[PermitAnswer]) -> dict[str, tuple[bool, str]]:
    """What each other account of a contested rule the ``plans`` relied on comes to, as
    :func:`_assumption_lines` takes it."""
    return {o.variant: (o.same_as(p), o.in_brief(p)) for p in plans for o in p.other_accounts}


def _estimated_days(p: PermitAnswer, how: str) -> str | None:
    """The days of the plan that are estimates, and why, in one sentence, as status says it
    of a registration deadline, and what to do about them, as it says it too: check those
    ahead nearer the day, those passed against the days offices were closed; None when every
    day is exact. ``how``: the filing day's word, as its step says it ("by", "on", "from")."""
    why_days: dict[str, list[str]] = {}
    days: list[dt.date] = []

    def add(estimate: Estimate, what: str, day: dt.date) -> None:
        why_days.setdefault(estimate_words(estimate), []).append(what)
        days.append(day)

    for s in p.steps:
        if s.start_by is not None and s.estimate:
            what = f"file {how}" if s.document is None else f"{s.what} by"
            add(s.estimate, f"to {what} {long(s.start_by)}", s.start_by)
        if s.planned_start_by is not None and s.planned_estimate and not s.too_late:
            what = (f"file by {long(s.planned_start_by)} during this stay as planned"
                    if s.document is None else f"{s.what} by {long(s.planned_start_by)} to "
                    f"file by {long(p.planned_file_by or s.planned_start_by)} as planned")
            add(s.planned_estimate, f"to {what}", s.planned_start_by)
    if p.in_time_if_filed_by is not None and p.in_time_estimate:
        assert p.legal_stay_ends is not None
        add(p.in_time_estimate, f"to file by {long(p.in_time_if_filed_by)} to have the permit "
            f"by {long(p.legal_stay_ends)}", p.in_time_if_filed_by)
    if not why_days:
        return None
    said = [f"the day {what[0]} is an estimate: {why}" if len(what) == 1 else
            f"the days {listed(what)} are estimates: {why}" for why, what in why_days.items()]
    text = "; ".join(said)
    passed = [d for d in days if d < p.on]
    ahead = [d for d in days if d >= p.on]
    if passed and ahead:
        check = ", and ".join(
            check_estimate(group[0], p.on, f"the {noun(len(group), 'day')} {when}")
            for group, when in ((passed, "passed"), (ahead, "ahead")))
    else:
        check = check_estimate(days[0], p.on, "them" if len(days) > 1 else "it")
    return f"{text[0].upper()}{text[1:]}; {check}."


def _planned_step(s: PermitStep, file_by: dt.date, filing: str, on: dt.date) -> str:
    """What follows a step's day when the planned trips end the stay before the filing day
    (``filing``: "by 23 December 2022"): which filing day that day is counted from, and the
    day to start (or file) by to file during the stay as planned, ``file_by``."""
    assert s.planned_start_by is not None
    why = f" ({s.planned_closed})" if s.planned_closed else ""
    if s.document is None:
        return f"; or file by {long(file_by)} during this stay as planned{why}"
    if s.planned_start_by < on:
        return (f" to file {filing}; too late to file by {long(file_by)} as planned (that "
                f"needed a start by {long(s.planned_start_by)})")
    return (f" to file {filing}, or by {long(s.planned_start_by)} to file by {long(file_by)} "
            f"as planned{why}")


def _freshness_line(console: Console, rules: Sequence[Applied], on: dt.date) -> None:
    """How current the rules are, as status says it among its notes."""
    _note(console, freshness_note(not_confirmed(rules, on), on))


def _hosts_freshness_line(console: Console, items: Sequence[Destination], on: dt.date) -> None:
    """The same for a list of hosts: one line naming the hosts, not a rule list per row."""
    _note(console, hosts_note(not_confirmed_by_host(items, on), on))


def _note(console: Console, line: str | None) -> None:
    if line:
        _print(console, f"  Note: {line}.")


def print_risk(r: RiskAnswer, console: Console, with_rules: bool = True,
               disclaimer: bool = True) -> None:
    judged = (f", as a citizen of {country_name(r.citizenship)}" if r.chosen_among_several
              else "")
    _print(console, f"Extradition exposure in {country_name(r.country)} on {long(r.on)}"
                    f"{judged}: {r.extradition}.")
    for reason in r.reasons:
        _print(console, f"  - {reason}")
    for lv in r.liabilities:
        lia = lv.rule.liability
        assert lia is not None
        flag = "may apply" if lv.applies else "would apply if you served abroad"
        _print(console, f"  Liability as a citizen of {country_name(lv.country)} ({flag}): "
                        f"Art. {lia.article}, {lia.offence}; {lia.penalty or 'penalty unknown'}"
                        f" ({lv.rule.id}); {lv.reason}.")
    for line in r.notes:
        _note(console, line)
    _freshness_line(console, r.rules, r.on)
    if with_rules:
        _rules_block(console, r.rules)
        for line in _assumption_lines(r.assumptions):
            _print(console, line, "yellow")
    if disclaimer:
        _print(console, r.disclaimer, "italic")


def print_case(c: CaseReport, console: Console) -> None:
    """The whole case; rules are listed once, at the end, and so are contested assumptions
    but the stay's, which follow its answer."""
    _print(console, f"Case report for {long(c.on)}", "bold")
    # whether the documents held let the person back in, the report says below, whether
    # refused or not known (entry_barred): the stay's own line would say it twice
    print_report(replace(c.stay, entry_refused=None), console, with_rules=False,
                 past_listed=True)
    if c.visa_end:
        issuer, last = c.visa_end
        # the answer above counts the host's stay rules alone (as `status`, which judges no
        # entry): the visa the stay was entered on ends it sooner
        ends = (f"ends on {long(last)}, and the stay with it: sooner than the day above, "
                "which counts the stay rules alone" if last >= c.on else
                f"ended on {long(last)}, and the stay with it: you are staying past it; the day "
                "above counts the stay rules alone")
        _print(console, f"  The {issuer} visa you entered on {ends}.", "yellow")
    if c.entry_barred is not None:
        # "If you enter ..." above judges no entry: whether the documents held let them in
        barred = c.entry_barred
        verdict = "no" if barred.allowed is False else "not known"
        # the refusal's reason, not the first one judged ("Thailand accepts an international
        # passport ..." beside "no", for a passport too short for it)
        reason = f"; {refused_because(barred)}" if barred.allowed is False else ""
        _print(console, f"  Whether the documents you hold let you into {barred.name} on "
                        f"{long(c.on)}: {verdict}{reason}; `sojourn entry` says more.", "yellow")
    _deadlines(c, console)
    for p in c.permits:
        _print(console, "")
        print_permit(p, console, with_rules=False)
    # once for all the permits; the stay's rules have their note under the stay's answer
    said = {r.id for r in c.stay.rules}
    _freshness_line(console, [r for p in c.permits for r in p.rules if r.id not in said], c.on)
    if c.no_permit and not c.permits:
        _print(console, f"\n{c.no_permit_heading}: {c.no_permit}.")
    # the report's day, which --on may set to another than today
    _print(console, f"\nWhere else you may go on {long(c.on)}:", "bold")
    ended = c.stay.document_end if c.stay.document_end and c.stay.document_end.ended else None
    if c.no_documents and ended is not None:
        # a profile's passport that has ended is no CSV history's gap: renewing it comes first
        _print(console, f"  none: your {document_name(ended.document)} ended on "
                        f"{long(ended.last_day)}, and the profile holds no other valid travel "
                        "document; renew it first")
    elif c.no_documents:  # "nowhere" would read as the pack's gap, not the input's
        _print(console, "  unknown: no travel document valid on that day is given (a CSV "
                        "history holds none); list the person's documents in a profile")
    elif not c.alternatives:
        _print(console, "  nowhere the pack can confirm")
    for d in c.alternatives:
        a = d.stay.answer if d.stay else None
        stay = ("stay unknown" if a is None or (a.max_stay_days is None and a.unknown) else
                "no stay limit" if a.max_stay_days is None else
                f"up to {_days(a.max_stay_days)}" if a.max_stay_days else
                # "up to 0 days" said neither that no stay may begin nor when one may
                f"no stay before {long(a.earliest_entry)}" if a.earliest_entry else
                "no stay possible")
        only = _by_ways(d.open_ways, d.unknown_ways) if d.open_ways else ""
        mark = _ended_mark(d) + ("*" if _contested(d) else "")
        # a way to go that says nothing of an overstay there reads as a clean slate
        overstayed = (f"; you overstayed there {listed(runs)}{_bans_said(d)}"
                      if (runs := _overstay_runs(d)) else "")
        if d.outlasts_document and d.document_expires:  # as destinations says it, in brief
            overstayed += (f"; the document ends sooner, on {long(d.document_expires)}, and the "
                           "pack has no rule on how long the host wants it valid")
        needs = f" and {needs}" if (needs := _needs(d)) else ""
        _print(console, f"  {d.name} ({d.host}) with {d.document_named}{needs}"
                        f"{only}: {stay}{mark}{overstayed}; extradition exposure: "
                        f"{c.exposure.get(d.host, 'unknown')}")
    # missing above, they would read as hosts the pack knows nothing of; hosts refused for one
    # reason (the state left keeps the document in) share its line
    alike: dict[tuple[bool, str], list[str]] = defaultdict(list)
    for r in c.refused:
        alike[(bool(r.not_known), r.why)].append(f"{r.name} ({r.host})")
    for (not_known, why), hosts in alike.items():
        _print(console, f"  {'not known for' if not_known else 'not'} {listed(hosts)}: {why}")
    if c.alternatives:
        _print(console, "  Extradition exposure as `sojourn risk HISTORY --country HOST` rates "
                        "it; run that for the reasons.")
    for line in _ended_legends(c.alternatives):
        _print(console, line)
    if any(_contested(d) for d in c.alternatives):
        _print(console, CONTESTED_LEGEND, "yellow")
    _hosts_freshness_line(console, c.alternatives, c.on)
    _print(console, "\nExposure:", "bold")
    print_risk(c.risk, console, with_rules=False, disclaimer=False)  # the whole report's, below
    rules = [*c.stay.rules, *(r for p in c.permits for r in (p.rule, *p.stay.rules)),
             *c.risk.rules]
    _rules_block(console, rules)
    shown_ = {(a.rule, a.variant) for a in c.stay.assumptions}  # under the stay's answer
    assumed = [a for a in (*(a for p in c.permits for a in p.assumptions), *c.risk.assumptions)
               if (a.rule, a.variant) not in shown_]
    # with what each other account of a permit's contested rule comes to, as `permit` says it
    for line in _assumption_lines(list({(a.rule, a.variant): a for a in assumed}.values()),
                                  _compared(c.permits)):
        _print(console, line, "yellow")
    _print(console, f"\n{c.risk.disclaimer}", "italic")  # of every section, once


def _deadlines(c: CaseReport, console: Console) -> None:
    """The deadlines still ahead first, then those passed before the report's day: a missed
    one listed first, or alone, read as the next thing to do."""
    ahead = [d for d in c.deadlines if d.day >= c.on]
    passed = [d for d in c.deadlines if d.day < c.on]
    width = max((len(long(due.day)) for due in c.deadlines), default=0)
    _print(console, "\nNext deadlines:", "bold")
    if not ahead and not passed:
        _print(console, "  none known")
    elif not ahead:
        a = c.stay.answer
        # over the limit, what is ahead is leaving, which the answer above says
        now = ": you should leave now, as said above" if a.present and a.max_stay_days == 0 else ""
        _print(console, f"  none ahead of {long(c.on)}{now}")
    groups = [(None, ahead)] + ([(f"Passed before {long(c.on)}:", passed)] if passed else [])
    for heading, dues in groups:
        if heading:
            _print(console, heading, "bold")
        for due in dues:
            # a permit's plan, which says why, comes below the deadlines; the stay's, above
            where = "below" if due.kind.startswith("permit") else "above"
            mark = (f" ({due.state})" if due.state
                    else f" (an estimate, as said {where})" if due.estimate else "")
            _print(console, f"  {long(due.day).ljust(width)}  {due.what}{mark}  "
                            f"[{due.rule or '-'}]")


def print_coverage(cells: Sequence[Cell], citizenship: str, on: dt.date,
                   console: Console) -> None:
    # the period judged, lest "(gaps)" read as gaps at any time
    period = _on_or_from(SINCE, on)
    _print(console, f"What the pack knows for citizens of {country_name(citizenship)}, "
                    f"{period} (lowest confidence per cell; * = contested, with variants):")
    topics = list(dict.fromkeys(c.topic for c in cells))
    rows: list[tuple[str, ...]] = [("host", *topics)]
    for host in dict.fromkeys(c.host for c in cells):
        row = [host]
        for topic in topics:
            cell = next(c for c in cells if c.host == host and c.topic == topic)
            text = ("own" if cell.own else "unknown" if not cell.rules
                    else (cell.confidence or "?"))
            if cell.rules and cell.unknown:
                text += " (gaps)"
            if cell.contested:
                text += "*"
            row.append(text)
        rows.append(tuple(row))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for line in rows:
        _print(console, "  " + "  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True))
               .rstrip())
    if any(c.own for c in cells):
        _print(console, "  own: the host's own citizens, whom its rules for foreigners do not "
                        "judge.")
    gaps = [c for c in cells if c.unknown and c.rules]
    if gaps:
        _print(console, "Gaps:")
        for c in gaps:
            # as every answer gives days: written out, not the --json's ISO runs
            _print(console, f"  {c.host} {c.topic}: no rule "
                            + ", ".join(_on_or_from(a, b) for a, b in c.gaps))


def _on_or_from(first: dt.date, last: dt.date) -> str:
    """A period in a sentence: "on 1 January 2022" for one day, else "from 1 January 2022 to
    30 November 2026"."""
    return f"on {long(first)}" if first == last else f"from {run_of_days(first, last)}"
