"""What the person holds: the documents of their profile that meet a requirement, the
passport that must be renewed first, the first day every missing document is ready, and an
extension of stay granted already."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sojourn.dates import WorkingCalendar, format_long
from sojourn.engine.answer import Answer
from sojourn.history import History
from sojourn.history.documents import AgeLapse, age_lapse, document_last_day, ends_words
from sojourn.history.models import PAPERS, PermitIn
from sojourn.permits._days import forward, step_calendar
from sojourn.permits._estimates import Estimate, both, working_days_estimate
from sojourn.rules.loader import Pack
from sojourn.rules.topics import Permit, Requirement
from sojourn.words import a_document, count, document_name, renewed_abroad


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
# the documents a permit's rule may ask for as the passport to file with: Kazakhstan's 2015
# permanent permit wants the internal passport, its later rules the international one
PASSPORTS = frozenset({PASSPORT, "internal_passport"})


@dataclass(frozen=True)
class PassportEnd:
    """The passport a plan needs that falls short of it: its type, its last day, the last day
    it must be valid to (``needed``), and, where its last day is its end by its holder's age,
    why (``lapse``: an answer using the day relies on its rule)."""

    document: str
    last_day: dt.date
    needed: dt.date
    lapse: AgeLapse | None


def passport_asked(permit: Permit) -> Requirement | None:
    """The permit's requirement of a passport to file with, if its rule lists one."""
    return next((r for r in permit.requirements if r.document in PASSPORTS), None)


def passport_ends_before(history: History, pack: Pack, permit: Permit, state: str | None,
                         file_on: dt.date, issued: dt.date | None) -> PassportEnd | None:
    """The passport of ``state`` valid longest that the profile holds, of the type the
    permit's rule asks for (else the international passport), where it ends before the
    permit would be issued (``issued``; with no such day, the filing day ``file_on``), or,
    where the rule wants it valid some days from the filing day, before then. Its end is
    document_last_day's, by age where the pack gives one (Russia's internal passport given no
    ``expires``). None where one lasts, one has no end known, or none is held (a CSV history
    holds none: the rule's own requirements judge a passport missing)."""
    asks = passport_asked(permit)
    kind = asks.document if asks is not None else PASSPORT
    valid_days = (asks.min_validity_days if asks is not None else None) or 0
    needed = max(issued or file_on, file_on + dt.timedelta(days=valid_days))
    person = history.profile.person if history.profile else None
    held = [d for d in (person.documents if person else [])
            if d.type == kind and state is not None and d.country == state
            and (d.issued is None or d.issued <= file_on)]
    ends = [(document_last_day(d, history.born, pack, file_on), d) for d in held]
    if not ends or any(last is None for last, _ in ends):
        return None
    last, doc = max(((e, d) for e, d in ends if e is not None), key=lambda pair: pair[0])
    if last >= needed:
        return None
    return PassportEnd(kind, last, needed, age_lapse(doc, history.born, pack, file_on))


def renew_passport(end: PassportEnd, on: dt.date, file_on: dt.date, issued: dt.date | None,
                   rule: str, permit: Permit) -> str:
    """The note of a plan whose passport ends before the permit would be issued, or before
    the days the permit's rule wants it valid from the filing day: what the permit's rule
    says of its validity, or, saying nothing, that both need it valid."""
    long = format_long
    asks = passport_asked(permit)
    ends = f"it {ends_words(end.last_day, end.lapse, on)}"
    # one no consulate issues is had at home: "renew it" would send the person to one
    abroad = ("" if renewed_abroad(end.document)
              else f"; a consulate does not issue {a_document(end.document)}")
    head = f"renew your {document_name(end.document)} first"
    if end.last_day >= max(file_on, issued or file_on):
        # it lasts the filing and the issue, not the days the rule wants from the filing day
        assert asks is not None and asks.min_validity_days
        return (f"{head}: {ends}, so it will not be valid long enough: {rule} asks for it "
                f"valid {count(asks.min_validity_days, 'day')} from the filing day, "
                f"{long(file_on)}{abroad}")
    when = (f"before the permit would be issued about {long(issued)}"
            if issued is not None and end.last_day >= file_on
            else f"before the filing day, {long(file_on)}")
    if asks is not None and asks.min_validity_days:
        said = (f"{rule} asks for it valid {count(asks.min_validity_days, 'day')} from the "
                "filing day")
    elif asks is not None:
        said = f"{rule} lists it among the papers to file, with no length of validity to check"
    else:
        said = f"{rule} says nothing of how long it must be valid"
    return (f"{head}: {ends}, {when}; the filing and the permit need a valid passport "
            f"({said}){abroad}")


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
