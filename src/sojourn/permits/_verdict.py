"""A permit plan's verdict in words: why it cannot work, when the permit would be issued,
what the planned trips change, and why a citizen needs no permit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sojourn.countries import country_name
from sojourn.dates import WorkingCalendar, format_long
from sojourn.engine.answer import Registration
from sojourn.history.documents import ends_words
from sojourn.permits._answer import PendingCover, Step
from sojourn.permits._days import why_closed
from sojourn.permits._held import BeyondPermit
from sojourn.rules.select import Applied, Assumption
from sojourn.stay import ApplicationCover, PlannedTrip, StayReport
from sojourn.words import a_document, contested_account, count, document_name, listed, sentence


def no_permit_needed(stay: StayReport, country: str) -> str:
    """Why a person judged as a citizen of the host (``stay.own_citizen``) needs no permit
    in ``country``: the host's own citizens, or a zone member's, are not its foreigners."""
    assert stay.citizenship is not None
    member = "" if stay.host == country else f", a member of {stay.host_name}"
    return (f"as a citizen of {country_name(stay.citizenship)}{member}, you need no residence "
            f"permit in {country_name(country)}")


def cannot_file(refused: Applied | None, ended: dt.date | None,
                kept_out: tuple[str, dt.date | None] | None, due: dt.date | None,
                file_on: dt.date, opens: dt.date | None, late: Sequence[Step]) -> str:
    """Why a plan that cannot work has no day to file, in a few words, the first reason of
    its verdict's: ``refused``, the rule recording the permit not issued; ``ended``, the
    legal stay's last day, passed; ``kept_out``, the host and the earliest day back (None:
    none the pack can tell); ``due``, the deadline passed, or before the filing day;
    ``opens``, the first day the pack knows the permit from, when that filing day is it;
    ``late``, the steps that can no longer start in time."""
    long = format_long
    if refused is not None:
        return (f"the pack records this permit not issued from {long(refused.valid_from)} "
                f"({refused.id})")
    if ended is not None:
        return f"your legal stay ended on {long(ended)}"
    if kept_out is not None:
        name, back = kept_out
        return (f"you may not stay in {name} before {long(back)}" if back is not None else
                f"you may not stay in {name} on any day the pack can tell")
    if due is not None and opens is not None and file_on > due:
        return (f"the first day to file for it, {long(file_on)}, is after the day it is due, "
                f"{long(due)}")
    if due is not None and file_on > due:
        return f"filing on {long(file_on)} is after the day it is due, {long(due)}"
    if due is not None:
        return f"it was due by {long(due)}"
    first = min(s.start_by for s in late if s.start_by)
    return f"to {listed([s.what for s in late])} in time you needed to start by {long(first)}"


def passport_lasts(beyond: BeyondPermit) -> str:
    """What the plan says of a passport held that the permit's rule wants valid some time
    beyond the permit's last day, long enough for the least of it: that it lasts, to the day
    counted; that it lasts short of the permit's term, which is the longest the permit is
    issued for, so the permit would be cut short; or, where the permit's term (or the
    passport's end) is not known, to check it against the term, and the longest permit it
    allows. A passport to get says it on its step alone ("")."""
    if beyond.held is None:
        return ""
    passport = f"your {document_name(beyond.document)}"
    if beyond.met or beyond.cut_short_to is not None:
        assert beyond.held_to is not None and beyond.term is not None
        ends = f"it {ends_words(beyond.held_to, beyond.held.lapse)}"
        if beyond.met:
            return (f"{sentence(passport)} lasts long enough: {beyond.condition()}; "
                    f"{beyond.counted()}, and {ends}.")
        # a caution, not a renewal: the permit can be issued on it, for less than the
        # term, and a renewal abroad could take longer than the time left to file
        assert beyond.cut_short_to is not None
        return (f"On {passport} the permit would run to {format_long(beyond.cut_short_to)} "
                f"at most, not its full term: {beyond.condition()}; "
                f"{beyond.counted()}, and {ends}.")
    if beyond.full_term_if_issued_by is not None:
        return _lasts_if_issued_by(beyond, beyond.full_term_if_issued_by)
    if beyond.term is None:
        why = "the pack does not know how long the permit is issued for"
    else:  # a passport held with no end recorded
        why = f"{beyond.counted()}, and the profile gives no last day for {passport}"
    # said as what to check, not as a doubt on the verdict: the person learns the term they
    # are given, and the longest permit the passport allows is the day to hold it against
    held = f"; {beyond.allows()}" if beyond.allows() else ""
    return (f"Check {passport} against the permit's term: {beyond.condition()}, and "
            f"{why}{held}.")


def _lasts_if_issued_by(beyond: BeyondPermit, by: dt.date) -> str:
    """A passport lasting the permit's full term from the filing day, the earliest it can
    begin, where the day it is issued is not known: whether it lasts depends on that day, so
    the plan says the last one that keeps the full term, and what a later one leaves."""
    assert beyond.held is not None and beyond.held_to is not None
    assert beyond.permit_ends_by is not None
    passport = f"your {document_name(beyond.document)}"
    return (f"{sentence(passport)} lasts the permit's full term only if the permit is issued "
            f"by {format_long(by)}: {beyond.condition()}; {beyond.counted()}; "
            f"{beyond.allows()}: issued after {format_long(by)}, the permit would be cut "
            "short to that day.")


def held_open(stay: StayReport, ends: dt.date | None) -> str | None:
    """Where a pending application holds the stay open (StayReport.held_open_by), the stay
    it gives, in status's words, and ``ends``, the legal stay's last day, as the day it
    would end were it refused on the query day: "You may stay in Kazakhstan while your
    application ... is pending (...), until 6 August 2024 at most (...); were it refused on
    20 June 2024, your legal stay would end on 11 July 2024". None where none does."""
    cover = stay.held_open_by
    if cover is None or ends is None:
        return None
    return (f"You may stay in {stay.host_name} {cover.while_pending}; were it refused on "
            f"{format_long(stay.answer.on)}, your legal stay would end on {format_long(ends)}")


def planned_closed(ends: dt.date | None, last: dt.date | None, office: WorkingCalendar
                   ) -> str | None:
    """Why ``last``, the last working day to file during the stay as planned, is before the
    day the planned trips end it (``ends``): the closed days between them."""
    if ends is None or last is None or last == ends:
        return None
    return why_closed(last + dt.timedelta(days=1), ends, office)


def issue_words(file_on: dt.date, issued: dt.date, ends: dt.date | None, in_time: dt.date | None,
                on: dt.date, office: WorkingCalendar, held: ApplicationCover | None = None,
                cover: PendingCover | None = None) -> str:
    """When a permit filed on ``file_on`` would be issued, and, if after the legal stay ends,
    whether one may wait for it, and the last filing day in time (``in_time``, passed where it
    is before ``on``; None: no day of the stay was one, or none is needed).
    ``held``: the pending application that holds the stay open (StayReport.held_open_by),
    with which ``ends`` is the stay's end only were it refused: "after your legal stay ends
    on 11 July 2024" read as the end of a stay that goes on while it is pending.
    ``cover``: what the permit's own rule says of the application filed (stay_while_pending):
    one that holds the stay open to the issue day needs no earlier filing, and "whether a
    pending application lets you stay on ... is not known" was said of a rule that says it."""
    long = format_long
    if issued == file_on:
        # no processing time: "the permit would be issued about" the filing day read as a
        # wait, of a permit, where the office decides at the counter (Thailand's extension)
        return f"Filed on {long(file_on)}, the application would be decided the same day."
    text = f"Filed on {long(file_on)}, the permit would be issued about {long(issued)}"
    if ends is None or issued <= ends:
        return text + "."
    text += (f", after your legal stay ends on {long(ends)}" if held is None else
             f", after {held.were_refused(ends)}; you may stay {held.while_it_is_pending}")
    this = "the application" if held is None else "this new application"
    if cover is not None and cover.holds_to(issued):
        also = "" if held is None else " too"
        return text + (f"; {this} lets you stay{also} {cover.words}, so you may stay on until "
                       "the permit is issued.")
    if cover is not None:
        assert cover.ends_by is not None
        text += (f"; {this} lets you stay {cover.words}, before the permit would come: from "
                 f"{long(cover.ends_by + dt.timedelta(days=1))} your days count under the stay "
                 "limit again, and whether it leaves you any until then is not judged. ")
    elif held is None:
        text += (": whether a pending application lets you stay on until it is issued is not "
                 "known (the pack's facts do not say). ")
    else:
        text += (", and whether this new application lets you stay on while it is decided is "
                 "not known (the pack's facts do not say). ")
    if in_time is not None and in_time >= on:
        return text + f"To have it by {long(ends)}, file by {long(in_time)}."
    # the day passed is named, as a step's passed day is, lest a reader think there was none
    needed = (f"To have it by {long(ends)}, you needed to file by {long(in_time)}. "
              if in_time is not None else "")
    return text + needed + (
        f"Filing now is already too late for it to come in time: even filed on "
        f"{long(office.working_day_from(on))}, it would come after {long(ends)}.")


def ends_sooner(ends: dt.date, trip: PlannedTrip | None) -> str:
    """That the person's planned trips end the stay sooner, on ``ends``: the day they leave,
    where the stay runs into a trip; where a longer stay would put a later stay in the host
    over a limit (``trip.broken``), that trip and the limit, as status names them. "Your
    planned trips end this stay sooner, on 31 March 2023" read as the day the person leaves,
    when they plan to leave on 15 April, and 31 March is the last day that keeps their trip
    back in June within the limit."""
    if trip is None or not trip.broken:
        return f"Your planned trips end this stay sooner, on {format_long(ends)}"
    return (f"Your {trip} ends this stay sooner, on {format_long(ends)}, the last day you may "
            f"stay without putting it {trip.over()}")


def planned(ends: dt.date, file_on: dt.date, on: dt.date, office: WorkingCalendar,
            steps: Sequence[Step], opens: dt.date, trip: PlannedTrip | None = None) -> str:
    """That the person's planned trips (``trip``, the one that sets the day, where known) end
    the stay on ``ends``, before its legal end, and,
    if that comes before the filing day, the last working day to file during the stay, which
    the steps give their days to start for too (and which of them it is too late for).
    ``opens``: the first day the pack knows the permit from; a last day before it is none to
    file on (``last_day_to_file_as_planned`` gives the steps no day for it either)."""
    long = format_long
    text = ends_sooner(ends, trip)
    last = office.working_day_by(ends)
    if last >= file_on:
        return text + ", but not before the filing day."
    if last < opens:
        return text + f", before the first day the pack knows this permit, {long(opens)}."
    if last < on:  # every day from the query day to the end is closed
        return (text + "; these dates count from its legal end, and no working day is left to "
                f"file during this stay as planned ({why_closed(on, ends, office)}).")
    why = f" ({planned_closed(ends, last, office)})" if last != ends else ""
    text += f": to file during this stay as planned, file by {long(last)}{why}"
    late = [s for s in steps if s.document is not None and s.planned_start_by is not None
            and s.planned_start_by < on]
    if not late:
        counted = any(s.document is not None and s.planned_start_by for s in steps)
        return text + (", and start each step by the day given below for that." if counted
                       else ".")
    first = min(s.planned_start_by for s in late if s.planned_start_by)
    return text + (f", too soon to {listed([s.what for s in late])} in time for it: that "
                   f"needed a start by {long(first)}, {count((on - first).days, 'day')} before "
                   f"{long(on)}.")


def under_accounts(accounts: Sequence[Assumption]) -> str:
    """" under am-stay-180-per-year, contested, assumed 'am-180-rolling-365' (other
    accounts: --assume am-180-calendar-year)", said after a day of the verdict that another
    account of a contested rule it rests on moves, in a report's words
    (contested_account); "" for none."""
    if not accounts:
        return ""
    return " under " + " and ".join(f"{a.rule}, {contested_account(a.variant, a.alternatives)}"
                                    for a in accounts)


def verdict(available: bool, ends: dt.date | None, deadline: dt.date | None,
            file_on: dt.date, late: list[Step], unknown: list[Step], on: dt.date,
            stay_unknown: str | None, rule_known: bool = True, over: bool = False,
            earliest: bool = False,
            kept_out: tuple[str, dt.date | None, str, str] | None = None,
            closed: str | None = None, unregistered: Registration | None = None,
            ask: int = 0, opens: dt.date | None = None,
            no_documents: bool = False, held: str | None = None, end_doubt: str = "",
            due_doubt: str = "") -> str:
    """``kept_out``: the host's name, the earliest day back, why no stay may begin and the
    sentence giving that day, for a person away from a host in which no stay may begin on
    ``on``; ``closed``: why the deadline moved to an earlier working day; ``unregistered``:
    over the limit, the registration whose deadline ended the stay; ``ask``: the days before
    the legal stay ends by which the host asks for the application; ``opens``: the first day
    the pack knows the permit from, when the filing day was moved on to it; ``no_documents``:
    the permit's sources name none of the documents it needs; ``held``: a pending
    application holds the stay open, in the words of :func:`held_open`, said for "Your
    legal stay ends", whose day holds only were it refused; ``end_doubt`` and ``due_doubt``:
    the accounts assumed under which the stay's end and the day due may differ
    (:func:`under_accounts`), said after them (the first day said takes both where only one
    is)."""
    long = format_long
    if not available:
        return "The pack records that this permit is not being issued to you; no plan can work."
    if kept_out is not None:
        name, back, why, when = kept_out
        if back is None:
            return (f"You may not stay in {name} on {long(on)} ({why}), nor on any day the "
                    "pack can tell, so no application can be filed from a legal stay there.")
        text = (f"You may not stay in {name} on {long(on)}: {why}. {when}, so no application "
                "can be filed from a legal stay before then")
        if file_on < back:
            return text + f": filing on {long(file_on)} is too early."
        return text + "; whether a stay from then leaves time for it is not judged."
    if over:
        assert ends is not None
        why = ""
        if unregistered is not None:
            # the account is the registration rule's, said of its deadline, not of the day
            why = (f", the registration deadline{end_doubt}, as no registration is recorded"
                   if unregistered.history_records else
                   f", the registration deadline{end_doubt}, unless the stay was registered by "
                   "then (a CSV history records no registrations)")
            end_doubt = ""
        return (f"You are over the stay limit on {long(on)}: your legal stay ended on "
                f"{long(ends)}{end_doubt}{due_doubt}{why}, so no step can be taken in time "
                "from a legal stay.")
    parts = []
    if ends is not None:
        due_said = deadline is not None and deadline != ends
        parts.append((held or f"Your legal stay ends on {long(ends)}") + end_doubt
                     + ("" if due_said else due_doubt))
        if deadline is not None and due_said:
            parts[-1] += f"; the application is due by {long(deadline)}{due_doubt}"
            if ask:  # a due day before the end with no reason given read as a mistake
                parts[-1] += f", as the host asks for it {count(ask, 'day')} before the stay ends"
            if closed:
                parts[-1] += f" ({closed})"
    elif stay_unknown:
        parts.append(f"When your legal stay ends is unknown ({stay_unknown})")
    else:
        # the account that sets no limit, where another sets one (end_doubt), and a contested
        # permit rule's, with no day due to follow (due_doubt)
        parts.append(f"No stay limit applies{end_doubt}{due_doubt}, so there is no deadline "
                     "from your stay")
    after = deadline is not None and file_on > deadline
    if deadline is not None and deadline < on:  # passed, though the legal stay goes on
        parts.append(f"that day is before {long(on)}, so the application can no longer be "
                     "filed in time")
        return "; ".join(parts) + "."
    if after and opens is not None:
        parts.append(f"the first day to file for this permit, {long(file_on)}, is after that "
                     "day, so it cannot be filed during this stay")
        return "; ".join(parts) + "."
    if after:
        parts.append(f"filing on {long(file_on)} is after that day")
    if late:
        first = min(s.start_by for s in late if s.start_by)
        worst = listed([s.what for s in late])
        why = (f"to {worst} in time you needed to start by {long(first)}, "
               f"{count((on - first).days, 'day')} before {long(on)}")
        if deadline is not None and file_on == deadline:
            parts.append(f"that day comes too soon: {why}")
        elif after:
            parts.append(f"it also comes too soon: {why}")
        else:
            parts.append(f"filing on {long(file_on)} comes too soon: {why}")
            if deadline is None:
                parts.append("with no known deadline, a later filing day may do")
    elif unknown:
        names = [a_document(s.document) for s in unknown if s.document]
        parts.append(f"the pack gives no lead time for {listed(names)}")
    elif no_documents:
        parts.append("the pack does not know what documents this permit needs (its sources "
                     "name none), so whether they can be got in time is not known")
    elif rule_known:  # steps of a rule not in force on the filing day promise no time
        if after:
            assert deadline is not None
            parts.append(f"the steps could start in time for {long(file_on)}, but filing must "
                         f"come by {long(deadline)}")
        elif earliest:  # no deadline: the filing day is the first one the lead times allow
            parts.append(f"started now, every step is done in time to file on {long(file_on)} "
                         "or later")
        else:
            parts.append(f"every step can still start in time to file on {long(file_on)}")
    if not rule_known:
        # said beside whatever is said of the steps' time: late steps, unknown lead times and
        # a list of no documents are the nearest rule's, not the filing day's
        parts.append(f"the steps below follow the nearest rule of the pack, not one in force on "
                     f"{long(file_on)}")
    return "; ".join(parts) + "."
