"""The answer of `status` and `plan`: the headline, the figures under it, and what other accounts
and other citizenships give."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import replace

from rich.console import Console
from rich.markup import escape

from sojourn.cli.render._common import (
    CONSTRAINT_SEPARATOR,
    contested_rule_lines,
    days_words,
    rules_block,
)
from sojourn.cli.render.plan import plan_line, zone_allows
from sojourn.countries import country_name
from sojourn.dates import format_long as long
from sojourn.engine import Answer, LimitFigures
from sojourn.engine.answer import Registration, Violation
from sojourn.engine.kinds import HOUSER
from sojourn.penalties import cannot_tell, stay_rules_alone
from sojourn.penalties import describe as penalty_sentences
from sojourn.stay import EntryWaited, StayReport, unrecorded_registration
from sojourn.words import (
    check_estimate,
    days_named,
    document_name,
    estimated_because,
    listed,
    renew_or_leave,
    run_of_days,
    sentence,
)


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
    if report.entered_barred is not None and a.entered is not None:
        # back while an earlier stay's ban ran: the count may leave days, yet the entry was
        # barred; "over the limit" read as the count's word where the ban's is meant
        return (f"You are in {where} on {long(a.on)} on an entry the ban of an earlier stay "
                f"barred: you entered on {long(a.entered)}, {report.entered_barred.words}"
                f"{_also_over(report)}. You may be refused, removed or fined (the penalty "
                "below says what the pack knows); you should leave now.")
    if (waited := report.entry_waited) is not None and waited.refuses_the_day_asked(a):
        return _refused_the_way_asked(report, waited)
    if waited is not None and waited.unknown_on_the_day_asked(a):
        # nor is an entry the pack cannot tell the border lets in told as made
        assert waited.unknown_from is not None
        return (f"Whether you can enter {report.host_name} by {waited.by} on {long(a.on)} is "
                "not known" + ("." if a.length is not None else f": {waited.unknown_from.why}."))
    if a.unknown and a.latest_exit is None and a.max_stay_days is None:
        return (f"sojourn cannot say how long you may stay in {where} on {long(a.on)}: "
                f"{a.unknown}.{_from_joining(report)}")
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
                else f"{days_words(a.max_stay_days)}, {long(a.on)} included")
        text = (_held_open(report, days) if report.held_open_by is not None
                else f"You may stay in {where} until {long(a.latest_exit)} ({days}).")
    else:
        text = (f"If you enter {where} on {long(a.on)}, you may stay until "
                f"{long(a.latest_exit)} ({days_words(a.max_stay_days)}).")
    trip = report.planned_trip
    if a.limited_by == "planned_trip" and trip is not None:
        text += (f" Your {trip} sets this date: "
                 + (f"staying longer would put it {trip.over()}." if trip.broken
                    else "it begins that day."))
    elif a.limited_by == "planned_trip":
        text += " Your planned trips set this date: staying longer would break or block them."
    elif a.limited_by == "registration":
        text += " That is your registration deadline: registered, you may stay longer."
    elif a.limited_by == "visa":
        text += " That is the last day of your visa."
    elif a.limited_by == "unknown_rules":
        text += " That is the last day the rule pack knows the rules for."
    return text


def _refused_the_way_asked(report: StayReport, waited: EntryWaited) -> str:
    """The first line where the entry on the day asked, made the way asked (`--by`), is one
    the host's entry rules refuse: the stay from the first day they let you in that way
    (EntryWaited.stay_from), not one from the day asked, which "If you enter ... on" told as
    if the border let it begin. The note under the answer says why the day is refused."""
    where, a = report.host_name, report.answer
    text = (f"By {waited.by} you cannot enter {where} on {long(a.on)} (the note below says "
            "why).")
    stay = waited.stay_from
    if stay is None:
        # no day let in that way is known: plan's line, or the note, says so
        return text + ("" if a.length is not None else
                       f" No later day on which you can is known{_unknown_from(waited)}.")
    first = f" If you enter on {long(stay.on)}, the first day you can that way,"
    if stay.max_stay_days is None or stay.latest_exit is None:
        return f"{text}{first} no rule in the pack limits your stay."
    return (f"{text}{first} you may stay until {long(stay.latest_exit)} "
            f"({days_words(stay.max_stay_days)}).")


def figures_told(report: StayReport) -> StayReport:
    """The report whose figures the lines under the first line tell: where the first line
    tells, for status, the stay from the first day let in the way asked in place of an entry
    on the day asked that the border refuses (EntryWaited.stay_from), that stay's; else
    ``report``. "Register by 11 October 2024" under "By land you cannot enter Thailand on 10
    October 2024" set a deadline for an entry that cannot happen. (plan's answer is already
    that of its earliest entry; the JSON's figures stay the day asked's, as documented.)"""
    waited, a = report.entry_waited, report.answer
    if (a.length is not None or waited is None or waited.stay_from is None
            or not waited.refuses_the_day_asked(a)):
        return report
    return replace(report, answer=waited.stay_from)


def _unknown_from(waited: EntryWaited) -> str:
    """Why no day let in is known, where the pack does not know from a day on."""
    unknown = waited.unknown_from
    return "" if unknown is None else f": from {long(unknown.on)}, {unknown.why}"


def _from_joining(report: StayReport) -> str:
    """" Your stay in Croatia from 20 December 2022 to 10 January 2023 is under way on 1
    January 2023, when Croatia joins the Schengen area, ...: its rules allow you to stay until
    31 March 2023 ...", after "cannot say how long" on a day before the state joins a zone,
    for a person there then and on the joining day (Joining.stay): the zone's answer from that
    day, in the words `plan` uses of the same stay, and that the days before it are the
    state's own rules'."""
    joining, a = report.joining, report.answer
    if joining is None or joining.stay is None or a.entered is None:
        return ""
    where = report.host_name
    last = joining.trip.last if joining.trip is not None else None
    days = (f"in {where} from {long(a.entered)}" if last is None
            else f"in {where} from {run_of_days(a.entered, last)}")
    return (f" Your stay {days} is under way on {long(joining.on)}, when {where} joins "
            f"{joining.title}, which counts it as entered that day: {zone_allows(report)}"
            f"; your days in {where} before then turn on its own rules, which the "
            f"rule pack does not have.")


def _held_open(report: StayReport, days: str) -> str:
    """The headline of a stay a pending application holds open: every day it is pending is
    covered, so the limit's last day is the last only were it refused on the query day."""
    cover = report.held_open_by
    a = report.answer
    assert cover is not None and a.latest_exit is not None
    ends = ("the stay limit would end your stay on" if a.limited_by == "rule"
            else "you could stay until")
    return (f"You may stay in {report.host_name} {cover.while_pending}; were it refused on "
            f"{long(a.on)}, {ends} {long(a.latest_exit)} ({days}).")


def _also_over(report: StayReport) -> str:
    """The clause a headline led by a ban that barred the entry adds where the count is over
    on the query day too: the ban alone hid the overstay the count brings."""
    run = report.over_count
    if run is None:
        return ""
    over = days_words((report.answer.on - run.first_day).days + 1)
    of = f" of {', '.join(run.rules)}" if run.rules else ""
    return f"; you are also over the stay limit{of} ({over} over since {long(run.first_day)})"


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
                     f"{days_words(binding.days_used)} {used}, "
                     f"{days_words(binding.days_remaining)} {left}"
                     f"{_rolling_off(a, binding, report.covered_ahead, report.extended_ahead)}.")
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
                f"{days_words(binding.days_used)} by then.")
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
        # an overstay whose ban the pack cannot tell may keep the person out longer
        alone = stay_rules_alone(report.bans_unknown)
        lines.append(f"{report.earliest_back(a.earliest_entry, report.host_name)}{after}"
                     f"{', ' + alone if alone else ''}.")
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
        lines.append(f"{sentence(due)}: {title} ({reg.rule}); {state}.")
        if not reg.holidays_known:
            lines.append("  Working days count weekends only: no holiday calendar is known.")
        elif reg.unsure is not None:
            lines.append(f"  The deadline is an estimate: "
                         f"{estimated_because(reg.unsure, report.host_name)}; "
                         f"{check_estimate(reg.by, a.on)}.")
    for v in a.violations:
        when = "Planned overstay" if v.first_day > a.on else "Overstay"
        days = days_named(v.first_day, v.last_day)
        # a run going on past the query day is partly what the history plans: "79 days" alone
        # read as days already overstayed
        ahead = ((f", {(v.last_day - a.on).days} of them planned, from "
                  f"{long(a.on + dt.timedelta(days=1))}") if v.first_day <= a.on < v.last_day
                 else "")
        # "1 day, up to 124 days counted" left unsaid what was counted against what
        lines.append(f"{when}: {days}, {days_words(v.days)}{ahead}; the count reached "
                     f"{days_words(v.peak)} under {_limits_named(report, v)}"
                     f"{_unrecorded(report, v)}.")
    lines += [f"{line}." for line in penalty_sentences(report.penalties, report.host_name)]
    if report.document_end is not None and report.document_end.ended:
        # the stay goes on, limited or not, on a document that has ended: overdue, as a
        # registration missed is
        end = report.document_end
        lines.append(f"Your {document_name(end.document)}, on which you entered "
                     f"{report.host_name}, {end.ends_on(a.on)}, and the profile holds "
                     f"no other valid travel document {report.host_name} admits: you are "
                     f"staying there on none; {renew_or_leave(end.document)}; OVERDUE.")
    elif report.document_end is not None and report.document_end.before_latest_exit:
        # the day above is the stay rules' answer, which a passport renewed lets go on; named
        # by its days, as plan shows its own stay beside status's
        lines.append(report.document_end.outlasted_words(report.host_name,
                                                         report.document_end.stay_named))
    elif report.document_end is not None:
        # no rule's last day says to renew it, as a limited stay's does
        end = report.document_end
        lines.append(f"Your {document_name(end.document)} {end.ends_on()}: no rule "
                     f"limits the stay in {report.host_name}, but it needs a valid travel "
                     f"document; {renew_or_leave(end.document, 'that day')}.")
    # still there, what leaving brings: the earliest day back above comes after it
    leaving = report.leaving_bans_words()
    if leaving:
        lines.append(leaving)
    # the bans that may bar an entry on the day, besides one the headline gives; still
    # there, an earlier stay's that still runs on leaving, which the earliest day back is after
    lines += [f"Entry ban: {b.words}." for b in (*report.bans_on, *report.bans_on_return)
              if b is not report.barred]
    if report.bans_unknown and not a.present and a.max_stay_days != 0 and a.length is None:
        # an entry on the day, which no earliest day above qualifies: as a ban known is said
        lines.append(f"Entry ban: {cannot_tell(report.bans_unknown, 'one')}.")
    for note in (*a.notes, *report.notes):
        lines.append(f"Note: {note}.")
    return lines


def _rolling_off(a: Answer, binding: LimitFigures, covered: int = 0, extended: int = 0) -> str:
    """Why a stay can be longer than the days left, under a rolling or a calendar-year limit:
    without it, "43 days left" under "you may stay 44 days" reads as a contradiction. The days
    a permit held covers ahead (``covered``) neither count nor are limited: where they alone
    make up the difference, old days rolling off is no reason ("0 days used ..., 90 days
    left; as days more than 180 days back stop counting, your stay can run 118 days", for a
    worker whose contract covers the next 27 days). The days an extension of stay adds ahead
    (``extended``) count, and no limit judges them: under any limit, the stay runs on through
    them with no day left ("154 days used ..., 0 days left after it; as the days your
    extension of stay adds are not limited, though they count, your stay can run 27 days")."""
    kind, _, counts = binding.spec.partition(":")
    if a.max_stay_days is None:
        return ""
    # present, the query day is among the days used and the days of the stay alike
    longer = a.max_stay_days - a.present - binding.days_remaining
    if longer <= 0:
        return ""
    if extended >= longer:
        return (f"; as the days your extension of stay adds are not limited, though they "
                f"count, your stay can run {days_words(a.max_stay_days)}")
    if kind not in ("rolling", "calendar-year"):
        return ""
    if kind == "calendar-year":
        rolls = "the count starts afresh on 1 January"
    else:
        rolls = f"days more than {counts.partition('/')[2]} days back stop counting"
    cover = "the days your permit or contract covers neither count nor are limited"
    why = cover if covered >= longer else f"{cover}, and {rolls}" if covered else rolls
    return f"; as {why}, your stay can run {days_words(a.max_stay_days)}"


def _unrecorded(report: StayReport, run: Violation) -> str:
    """"; it rests on no registration being recorded ...": where the run's days past a
    registration deadline are over only for want of a registration recorded (a CSV history
    records none), what the person who did register should do."""
    missed = run.missed_registration
    if missed is None:
        return ""
    return "; " + unrecorded_registration(missed, report.host,
                                          in_part=set(run.rules) != {missed.rule})


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


def assumption_lines(report: StayReport) -> list[str]:
    """The contested rules the answer relied on, each with what the other accounts of it
    answer for this person (when they were evaluated): a contest that changes nothing here is
    said to, and one that does shows the other answer beside the option that gives it."""
    return contested_rule_lines(report.assumptions, {
        o.variant: (o.same_as(report),
                    _answer_in_brief(o.answer, report, registration_unknown=o.registration_unknown))
        for o in report.other_accounts})


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
        parts = [f"no stay of {days_words(a.length)} possible"]
    elif a.max_stay_days is None:
        parts = ["unknown" if a.unknown else "no limit"]
    elif a.max_stay_days == 0:
        parts = ["no day left" if a.present else "no stay from that day"]
    else:
        assert a.latest_exit is not None
        unless = " unless registered by then" if a.limited_by == "registration" else ""
        parts = [f"until {long(a.latest_exit)}, {days_words(a.max_stay_days)}{unless}"]
    reg, was = a.register_by, given.register_by
    if a.limited_by != "registration" and (
            (reg.by if reg else None) != (was.by if was else None)
            or (reg is None and registration_unknown != report.registration_unknown)):
        # no rule is not "none needed": status says it so in a note of its own
        parts.append(_registration_in_brief(reg) if reg else "registration not known"
                     if registration_unknown else "no registration deadline")
    if a.overstay_days != given.overstay_days:
        parts.append(f"{days_words(a.overstay_days)} overstayed" if a.overstay_days
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
        # next to "If you enter ...", which the stay rules answer as if the entry were made;
        # for a person present, next to plan's "If you leave ...": the entry is a return
        again = " again" if report.answer.present else ""
        console.print("  " + escape(f"Note: with the documents you hold you cannot enter "
                                    f"{report.host_name}{again} on {long(refused.on)}: "
                                    f"{refused.why}; see `sojourn entry`."), highlight=False)
    if (waited := report.entry_waited) is not None and (first := waited.refused) is not None:
        # the stay rules' earliest day is one the entry rules refuse the way asked: the
        # earliest day above is the first they let in (or none is known)
        console.print("  " + escape(
            f"Note: by {waited.by} you cannot enter {report.host_name} on {long(first.on)}, "
            f"the first day the stay rules allow: {first.why}; "
            + ("the earliest day above is the first the entry rules let you in that way."
               if report.answer.earliest_entry is not None or waited.stay_from is not None
               else
               "no later day is offered.")), highlight=False)
    if (way := report.way_not_judged) is not None:
        # `status --by` asks of an entry on the day asked; with none to judge, say so rather
        # than pass the option over in silence
        console.print("  " + escape(_way_not_judged(report, way)), highlight=False)
    if (by_land := report.entry_refused_by_land) is not None:
        # the answer judged the entry with no way in: a land run may be refused where a flight
        # is not, so the note says the answer above holds for an entry by air or sea
        console.print("  " + escape(f"Note: this assumes you come in by air or sea: by land "
                                    f"you cannot enter {report.host_name} on "
                                    f"{long(by_land.on)}: {by_land.why}; `status --by WAY`, "
                                    "`plan --by WAY` and `report --by WAY` judge the way you "
                                    "come in."), highlight=False)
    for made in report.entries_refused:
        # the answer counts the entry the trips record as made: no border has judged it yet
        console.print("  " + escape(f"Note: {report.host_name} would refuse the entry on "
                                    f"{long(made.on)} that your trips record: {made.why}; "
                                    "see `sojourn entry`."), highlight=False)
    for made in report.entries_unknown:
        console.print("  " + escape(f"Note: {report.host_name} may refuse the entry on "
                                    f"{long(made.on)} that your trips record: {made.why}; "
                                    "see `sojourn entry`."), highlight=False)
    for caution in report.exit_cautions:  # leaving where the history has the person
        console.print("  " + escape(f"Note: leaving for {report.host_name}, {caution}."),
                      highlight=False)
    for summons in report.summonses:  # returning to the state that sent it keeps them in
        console.print("  " + escape(f"Note: {summons.abroad}."), highlight=False)
    for line in details(figures_told(report), past_listed):
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
        rules_block(console, report.rules)
    elif report.ad_hoc:
        specs = " + ".join(f"{c.spec} ({c.label})" for c in report.ad_hoc)
        console.print(f"\nAd-hoc rule: {escape(specs)}; not from the pack, no source.",
                      highlight=False)


def _way_not_judged(report: StayReport, way: str) -> str:
    """The note for `status --by WAY` where no entry on the day asked was judged."""
    a = report.answer
    if a.present:
        return (f"Note: you are in {report.host_name} on {long(a.on)}, so --by {way} judges "
                f"no entry here: the answer is the stay under way's; `plan --by {way}` tells "
                "when you can come back that way.")
    return (f"Note: --by {way} judges an entry on {long(a.on)}, and the stay rules let no stay "
            f"in {report.host_name} begin then; `plan --by {way}` tells the first day you can "
            "enter that way.")
