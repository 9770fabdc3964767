"""What the person holds: the documents of their profile that meet a requirement, the
passport that must be renewed first, the first day every missing document is ready, and an
extension of stay granted already."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sojourn.dates import WorkingCalendar, format_long
from sojourn.engine.answer import Answer
from sojourn.history import History
from sojourn.history.documents import document_last_day
from sojourn.history.models import PAPERS, PermitIn
from sojourn.permits._days import forward, step_calendar
from sojourn.permits._estimates import Estimate, both, working_days_estimate
from sojourn.rules.loader import Pack
from sojourn.rules.topics import Permit, Requirement
from sojourn.words import count, document_name


def is_held(history: History, pack: Pack, req: Requirement, day: dt.date,
            issuers: dict[str, str]) -> bool:
    """Whether a document in the profile meets ``req`` on ``day``: of its type and form,
    issued by then, by the state it must come from (``issuers``: "citizenship" and "host" as
    codes), and valid long enough (to its end by age where ``pack`` gives one)."""
    person = history.profile.person if history.profile else None
    for doc in person.documents if person else []:
        if doc.type != req.document:
            continue
        if req.form is not None and doc.form != req.form:
            continue
        if doc.issued is not None and doc.issued > day:
            continue
        if req.issued_by is not None and doc.country != issuers.get(req.issued_by):
            continue
        ends = document_last_day(doc, history.born, pack, day)
        if ends is not None:
            need = day + dt.timedelta(days=req.min_validity_days or 0)
            if ends < need:
                continue
        return True
    return False


PASSPORT = "international_passport"


def passport_ends_before(history: History, state: str | None, day: dt.date) -> dt.date | None:
    """The last day of the passport of ``state`` valid longest that the profile holds, where
    it is before ``day``; None where one lasts to ``day``, has no end given, or none is held
    (a CSV history holds none: the rule's own requirements judge a passport missing)."""
    person = history.profile.person if history.profile else None
    ends = [d.expires for d in (person.documents if person else [])
            if d.type == PASSPORT and state is not None and d.country == state
            and (d.issued is None or d.issued <= day)]
    if not ends or None in ends:
        return None
    last = max(e for e in ends if e is not None)
    return last if last < day else None


def renew_passport(ends: dt.date, on: dt.date, file_on: dt.date, issued: dt.date | None,
                   rule: str, permit: Permit) -> str:
    """The note of a plan whose passport ends before the permit would be issued: what the
    permit's rule says of its validity, or, saying nothing, that both need it valid."""
    long = format_long
    when = (f"before the permit would be issued about {long(issued)}"
            if issued is not None and ends >= file_on
            else f"before the filing day, {long(file_on)}")
    asks = next((r for r in permit.requirements if r.document == PASSPORT), None)
    if asks is not None and asks.min_validity_days:
        said = (f"{rule} asks for it valid {count(asks.min_validity_days, 'day')} from the "
                "filing day")
    elif asks is not None:
        said = f"{rule} lists it among the papers to file, with no length of validity to check"
    else:
        said = f"{rule} says nothing of how long it must be valid"
    ending = "ended" if ends < on else "ends"
    return (f"renew your {document_name(PASSPORT)} first: it {ending} on {long(ends)}, {when}; "
            f"the filing and the permit need a valid passport ({said})")


def ready_on(history: History, pack: Pack, requirements: Sequence[Requirement], on: dt.date,
             start: dt.date, issuers: dict[str, str], office: WorkingCalendar,
             home: WorkingCalendar) -> tuple[dt.date, dt.date, Estimate]:
    """The first day from ``start`` for which every step, begun on the first working day
    from ``on``, is done in time (each lead time of what is not held counted forward), the
    first working day of the host's offices from it: the filing day, and why the first day is
    an estimate (``Estimate``): the days the steps that set it are counted over, in their
    calendars, or passed over to begin on a working day."""
    # A later day changes what is held (issued, or expired, by then), so the day is sought
    # again until it holds. It ends: each round either keeps the day or moves it forward to
    # one step's own ready day, which does not depend on the day sought, so it moves at most
    # once per requirement.
    day = start
    for _ in range(len(requirements) + 1):
        ready = day
        estimate: Estimate = ()
        for req in requirements:
            if req.lead_days is None or (req.document in PAPERS and is_held(
                    history, pack, req, office.working_day_from(day), issuers)):
                continue
            calendar = step_calendar(req, office, home)
            begun = calendar.working_day_from(on)
            done = forward(begun, req.lead_days, req.lead_unit, calendar)
            # in calendar days, only the closed days passed to begin rest on the calendar
            over = done if req.lead_unit == "working" else begun if begun != on else None
            if done >= ready:  # a step that sets the day, alone or with another
                estimate = both(() if done > ready else estimate,
                                working_days_estimate(on, over, calendar))
                ready = done
        if ready == day:
            return day, office.working_day_from(day), estimate
        day = ready
    raise AssertionError("the filing day did not settle")  # unreachable, as said above


def held_extension(history: History, answer: Answer, host: str) -> PermitIn | None:
    """The extension of stay the profile records for the stay under way in ``host``: one
    starting after its entry, up to the day after its legal end (its days are the profile
    permit's, which the stay's end already takes in). One starting on the entry day or
    before is an earlier entry's, even where it runs to the day of this entry (a visa run
    out and back on its last day): the new entry has had no extension yet. None when away."""
    profile = history.profile
    if profile is None or not answer.present or answer.entered is None:
        return None
    entered, ends = answer.entered, answer.latest_exit
    return next((p for p in profile.permits
                 if p.kind == "extension" and p.country == host and p.valid_from > entered
                 and (ends is None or p.valid_from <= ends + dt.timedelta(days=1))), None)
