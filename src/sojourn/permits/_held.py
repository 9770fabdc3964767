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
from sojourn.rules.topics import PERMIT_PASSPORTS, Length, Permit, Requirement
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


@dataclass(frozen=True)
class HeldPassport:
    """The passport of the citizenship judged that the profile holds on the filing day, of
    the type a permit's rule asks for, the one valid longest: its last day (None: one held has
    no end known), and, where that day is its end by its holder's age, why (``lapse``)."""

    document: str
    last_day: dt.date | None
    lapse: AgeLapse | None


def held_passport(history: History, pack: Pack, permit: Permit, state: str | None,
                  file_on: dt.date) -> HeldPassport | None:
    """The passport of ``state`` valid longest that the profile holds on ``file_on``, of the
    type the permit's rule asks for (else the international passport). Its end is
    document_last_day's, by age where the pack gives one (Russia's internal passport given no
    ``expires``). None where none is held (a CSV history holds none: the rule's own
    requirements judge a passport missing)."""
    asks = passport_asked(permit)
    kind = asks.document if asks is not None else PASSPORT
    person = history.profile.person if history.profile else None
    held = [d for d in (person.documents if person else [])
            if d.type == kind and state is not None and d.country == state
            and (d.issued is None or d.issued <= file_on)]
    if not held:
        return None
    ends = [(document_last_day(d, history.born, pack, file_on), d) for d in held]
    if any(last is None for last, _ in ends):
        return HeldPassport(kind, None, None)  # one with no end known lasts, as far as known
    last, doc = max(((e, d) for e, d in ends if e is not None), key=lambda pair: pair[0])
    return HeldPassport(kind, last, age_lapse(doc, history.born, pack, file_on))


@dataclass(frozen=True)
class BeyondPermit:
    """A permit's rule (``rule``) wanting its passport valid ``margin`` beyond the permit's
    last day, counted as far as the pack allows: from the day the permit would begin
    (``begins``: the day it would be issued, or, with no processing time, the filing day, the
    earliest it can be), over its ``term`` where the pack gives one, to the day the passport
    must be valid to; and the passport the profile holds (``held``; None: none)."""

    rule: str
    document: str
    margin: Length
    term: Length | None
    begins: dt.date
    issue_known: bool
    held: HeldPassport | None

    @property
    def permit_ends(self) -> dt.date | None:
        """The permit's last day, issued for its whole term (the day before the term's end:
        a year from 25 October 2023 runs to 24 October 2024); None with no term known."""
        if self.term is None:
            return None
        return self.term.after(self.begins) - dt.timedelta(days=1)

    @property
    def at_least(self) -> bool:
        """Whether ``valid_to`` is the least the passport must last, not the day itself: the
        permit's term, or the day it is issued, is not known."""
        return self.term is None or not self.issue_known

    @property
    def valid_to(self) -> dt.date:
        """The day the passport must be valid to: ``margin`` after the permit's last day, or,
        with no term known, after the day it begins, its earliest last day."""
        return self.margin.after(self.permit_ends or self.begins)

    @property
    def least_valid_to(self) -> dt.date:
        """The least day the passport must be valid to for any permit at all: ``margin``
        after the day the permit begins, a permit of that one day. A term is the longest the
        permit is issued for ("up to"): a passport lasting this long, but not ``valid_to``,
        gets a permit cut short (``cut_short_to``), not a refusal."""
        return self.margin.after(self.begins)

    @property
    def held_to(self) -> dt.date | None:
        return self.held.last_day if self.held is not None else None

    @property
    def permit_ends_by(self) -> dt.date | None:
        """The last day a permit may run to on the passport held: ``margin`` before its end."""
        return None if self.held_to is None else self.margin.last_start(self.held_to)

    @property
    def met(self) -> bool | None:
        """Whether the passport held lasts: False when it ends before ``valid_to``; None when
        no passport with a known end is held, the permit's term is not known (only the least
        day could be checked), or it lasts the term from the filing day but the day the
        permit is issued is not known (``full_term_if_issued_by``)."""
        if self.held_to is None:
            return None
        if self.held_to < self.valid_to:
            return False
        return None if self.term is None or not self.issue_known else True

    @property
    def full_term_if_issued_by(self) -> dt.date | None:
        """With no processing time known, the permit begins on the day it is decided, which
        may be any day from the filing: where the passport held lasts the full term from the
        filing day, the last day the permit may be issued on and still run its full term on
        this passport (a later one is cut short to ``permit_ends_by``). None where the
        issue day is known, the term or the passport's end is not, or it does not last."""
        if (self.issue_known or self.term is None or self.permit_ends_by is None
                or self.held_to is None or self.held_to < self.valid_to):
            return None
        # the permit runs to the day before its term's end: issued on D, it runs to
        # term.after(D) - 1 day, which must be permit_ends_by at the latest
        return self.term.last_start(self.permit_ends_by + dt.timedelta(days=1))

    @property
    def cut_short_to(self) -> dt.date | None:
        """The last day of the permit the passport held allows, where that is short of the
        permit's full term but at least its first day: the permit would be issued to then
        at most. None where the passport lasts the term, cannot carry any permit (it is
        renewed first), or the term or its end is not known."""
        if self.met is not False or self.term is None or self.permit_ends_by is None:
            return None
        return self.permit_ends_by if self.permit_ends_by >= self.begins else None

    def condition(self, subject: str = "it") -> str:
        """"az-permit-temporary wants it valid 3 months beyond the permit's last day"."""
        return f"{self.rule} {self.wants(subject)}"

    def wants(self, subject: str = "it") -> str:
        """"wants it valid 3 months beyond the permit's last day", the rule named before."""
        return f"wants {subject} valid {self.margin.length} beyond the permit's last day"

    def counted(self) -> str:
        """How far the pack counts the day the passport must last to: "issued about 25
        October 2023 for its full term of 12 months, the permit would run to about 24 October
        2024, so the passport must be valid to 24 January 2025"; with no term known, the
        least it must last, from the earliest day the permit can end."""
        if self.term is None or self.permit_ends is None:
            return self.counted_least()
        long = format_long
        start = self.issue_words()
        about = "about " if self.issue_known else "at least "
        least = " at least" if self.at_least else ""
        return (f"{start} for its full term of {self.term.length}, the permit would run to "
                f"{about}{long(self.permit_ends)}, so the passport must be valid to "
                f"{long(self.valid_to)}{least}")

    def issue_words(self) -> str:
        """When the permit begins: "issued about 25 October 2023", or, with no processing
        time, the filing day at the earliest."""
        if self.issue_known:
            return f"issued about {format_long(self.begins)}"
        return (f"issued on the filing day, {format_long(self.begins)}, at the earliest (it "
                "begins on the day it is decided, which the pack does not know: it gives no "
                "processing time)")

    def counted_least(self) -> str:
        """The least the passport must last, for a permit of a single day from the day it
        begins: with the term known, the day for its full term after it."""
        long = format_long
        start = self.issue_words()
        if self.term is None or self.permit_ends is None:
            return (f"the pack does not know how long the permit is issued for, but "
                    f"{start}, it runs to that day at least, so the passport must be valid to "
                    f"{long(self.least_valid_to)} at least")
        least = " at least" if self.at_least else ""
        return (f"{start}, even a permit of that one day needs the passport valid to "
                f"{long(self.least_valid_to)}{least} (for its full term of "
                f"{self.term.length}, to {long(self.valid_to)}{least})")

    def allows(self) -> str:
        """What the passport held allows: "yours ends on 1 March 2024, so it allows a permit
        to run to 1 December 2023 at most" ("" with none held, or none of known end)."""
        if self.held is None or self.held_to is None or self.permit_ends_by is None:
            return ""
        ends = f"yours {ends_words(self.held_to, self.held.lapse)}"
        if self.permit_ends_by < self.begins:
            return f"{ends}, too soon for any permit from {format_long(self.begins)}"
        return (f"{ends}, so it allows a permit to run to {format_long(self.permit_ends_by)} "
                "at most")

    def step_note(self) -> str:
        """The condition as a passport's step says it: "valid to 24 January 2025, 3 months
        beyond the permit's last day, about 24 October 2024 (az-permit-temporary)"."""
        rule = f"({self.rule})"
        if self.term is None or self.permit_ends is None:
            return (f"valid {self.margin.length} beyond the permit's last day {rule}, a day "
                    "the pack cannot count, as it does not know how long the permit is issued "
                    "for")
        least = " at least" if self.at_least else ""
        about = "about" if self.issue_known else "at the earliest"
        return (f"valid to {format_long(self.valid_to)}{least}, {self.margin.length} beyond "
                f"the permit's last day, {about} {format_long(self.permit_ends)} {rule}")


def passport_asked(permit: Permit) -> Requirement | None:
    """The permit's requirement of a passport to file with, if its rule lists one."""
    return next((r for r in permit.requirements if r.document in PERMIT_PASSPORTS), None)


def beyond_permit(history: History, pack: Pack, permit: Permit, rule: str, state: str | None,
                  file_on: dt.date, issued: dt.date | None) -> BeyondPermit | None:
    """What the permit's rule ``rule`` wants of the passport's validity beyond the permit's
    last day, counted from the day it would be issued (``issued``; with none known, the
    filing day ``file_on``), with the passport of ``state`` the profile holds; None where the
    rule asks nothing of it."""
    asks = passport_asked(permit)
    if asks is None or asks.valid_beyond_permit is None:
        return None
    return BeyondPermit(rule, asks.document, asks.valid_beyond_permit, permit.term,
                        issued or file_on, issued is not None,
                        held_passport(history, pack, permit, state, file_on))


@dataclass(frozen=True)
class PassportEnd:
    """The passport a plan needs that falls short of it: its type, its last day, the last day
    it must be valid to (``needed``), and, where its last day is its end by its holder's age,
    why (``lapse``: an answer using the day relies on its rule)."""

    document: str
    last_day: dt.date
    needed: dt.date
    lapse: AgeLapse | None


def passport_ends_before(history: History, pack: Pack, permit: Permit, state: str | None,
                         file_on: dt.date, issued: dt.date | None,
                         beyond: BeyondPermit | None = None) -> PassportEnd | None:
    """The passport of ``state`` valid longest that the profile holds (held_passport), where
    it ends before the permit would be issued (``issued``; with no such day, the filing day
    ``file_on``), or, where the rule wants it valid some days from the filing day, or some
    time beyond the permit's last day (``beyond``), before then. None where one lasts, one
    has no end known, or none is held."""
    asks = passport_asked(permit)
    valid_days = (asks.min_validity_days if asks is not None else None) or 0
    # a term is the longest the permit is issued for: a passport short of it gets a shorter
    # permit (BeyondPermit.cut_short_to), and only one that cannot carry a permit of a
    # single day is renewed first
    needed = max(issued or file_on, file_on + dt.timedelta(days=valid_days),
                 beyond.least_valid_to if beyond is not None else file_on)
    held = held_passport(history, pack, permit, state, file_on)
    if held is None or held.last_day is None or held.last_day >= needed:
        return None
    return PassportEnd(held.document, held.last_day, needed, held.lapse)


def renew_passport(end: PassportEnd, on: dt.date, file_on: dt.date, issued: dt.date | None,
                   rule: str, permit: Permit, beyond: BeyondPermit | None = None) -> str:
    """The note of a plan whose passport ends before the permit would be issued, or before
    the days the permit's rule wants it valid from the filing day, or beyond the permit's
    last day (``beyond``): what the permit's rule says of its validity, or, saying nothing,
    that both need it valid."""
    long = format_long
    asks = passport_asked(permit)
    ends = f"it {ends_words(end.last_day, end.lapse, on)}"
    # one no consulate issues is had at home: "renew it" would send the person to one
    abroad = ("" if renewed_abroad(end.document)
              else f"; a consulate does not issue {a_document(end.document)}")
    head = f"renew your {document_name(end.document)} first"
    if (end.last_day >= max(file_on, issued or file_on) and beyond is not None
            and end.needed == beyond.least_valid_to):
        # it lasts the filing and the issue, not the time beyond a permit's first day
        return (f"{head}: {ends}, and {beyond.condition()}: {beyond.counted_least()}; "
                f"on this one the permit would be refused{abroad}")
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
        # both where the rule asks both (Vietnam's): the days from the filing day bind first
        said = (f"{rule} asks for it valid {count(asks.min_validity_days, 'day')} from the "
                "filing day" + (f", and {beyond.wants()}" if beyond is not None else ""))
    elif beyond is not None:
        said = beyond.condition()
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
