"""What a residence-permit application needs, and by when each step must start.

Works back from the day the person's legal stay ends: the stay engine's latest exit under the
rules (limits, registration, the days whose rules are known) for the stay the person is in, as
if they stayed on, whatever trips they plan after the query day. The application must be filed
by then (or the days before it a host asks for), and each missing document must be requested
its lead time earlier. A planned trip that ends the stay sooner is reported beside it. With no
such day (no limit, or an unknown end), it works forward: the filing day is the first that
every lead time, begun now, allows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sojourn.countries import country_name, fold_code
from sojourn.dates import Unsure, WorkingCalendar, format_long
from sojourn.engine.answer import Answer, Registration
from sojourn.errors import UsageError, shown
from sojourn.history import History
from sojourn.history.models import PAPERS, PermitIn
from sojourn.rules.loader import Pack
from sojourn.rules.schema import Rule
from sojourn.rules.select import Applied, Assumption, applied_as, applies_to, other_accounts
from sojourn.rules.topics import Permit, Requirement
from sojourn.stay import (
    StayReport,
    deciding_rules,
    low_confidence_note,
    resolve_host,
    stay_report,
    working_calendar,
)
from sojourn.words import (
    a_document,
    count,
    document_name,
    estimated_because,
    held_permit,
    in_force,
    listed,
    run_of_days,
)

# What a day of the plan rests on that the holiday calendars do not know for sure (a holiday
# whose date the `holidays` package estimates, a year whose decree moving days off it does not
# know yet), as ``WorkingCalendar.unsure`` says it: for each calendar the day is counted or moved
# in (the host's offices', or the issuing state's for a document from home), its country and
# what it does not know. Empty: the day is exact.
Estimate = tuple[tuple[str, Unsure], ...]


def _estimate(first: dt.date, last: dt.date | None, calendar: WorkingCalendar) -> Estimate:
    """Why a day is an estimate whose count rests on the working days of ``calendar`` from
    ``first`` to ``last`` (in either order): the days counted in working days, or passed over
    as closed; () when ``last`` is None (nothing passed over) or the calendar knows them all.
    An estimated holiday the day before them counts too: ``unsure`` takes in the day after
    them, as an estimate a day out may fall among them, and a count back meets that edge
    first."""
    if last is None or calendar.country is None:
        return ()
    unsure = calendar.unsure(min(first, last) - dt.timedelta(days=1), max(first, last))
    return () if unsure is None else ((calendar.country, unsure),)


def _both(*estimates: Estimate) -> Estimate:
    """The estimates of a day counted from another day that was an estimate itself: one entry
    per calendar, its reasons joined."""
    joined: dict[str, Unsure] = {}
    for estimate in estimates:
        for country, unsure in estimate:
            joined[country] = joined[country].join(unsure) if country in joined else unsure
    return tuple(joined.items())


def estimate_words(estimate: Estimate) -> str:
    """Why a day of the plan is an estimate, as status says it of a registration deadline:
    each calendar's reasons ("it counts Eid al-Fitr as on 9 March 2027, ...")."""
    return ", and ".join(estimated_because(unsure, country_name(country))
                         for country, unsure in estimate)


@dataclass(frozen=True)
class Step:
    """One thing to do: get a document (lead time) or file the application."""

    what: str
    document: str | None
    lead_days: int | None
    lead_unit: str
    start_by: dt.date | None
    too_late: bool | None
    how: str | None
    moved_from: dt.date | None = None  # the day counted, on which the offices are closed
    closed: str | None = None  # why: "20 November 2022 is a Sunday in the Russian Federation"
    # counted back from the last day to file during the stay as planned (PermitAnswer's
    # ``planned_file_by``), when the planned trips end the stay before the filing day
    planned_start_by: dt.date | None = None
    planned_closed: str | None = None  # why that day is before the day counted
    # the filing step of a plan that cannot work: why no day to file is given ("the pack
    # records this permit not issued from 29 May 2025 (...)"), its days left out, lest they
    # read as a day to file by
    cannot_file: str | None = None
    # why ``start_by``, and ``planned_start_by``, are estimates: the working days they are
    # counted over, or the closed days passed to reach a working day, as the holiday calendar
    # knows them only in part (``Estimate``); () when exact
    estimate: Estimate = ()
    planned_estimate: Estimate = ()


@dataclass(frozen=True)
class OtherPermitAccount:
    """What the plan comes to under another account (``variant``) of a contested rule it
    relied on: the figures a person acts on, as status compares its answers."""

    variant: str
    legal_stay_ends: dt.date | None
    apply_on: dt.date | None
    feasible: bool | None
    missing: tuple[str, ...]
    on: dt.date

    def same_as(self, given: PermitAnswer) -> bool:
        return (self.legal_stay_ends, self.apply_on, self.feasible, self.missing) == (
            given.legal_stay_ends, given.apply_on, given.feasible,
            tuple(r.document for r in given.missing))

    def in_brief(self, given: PermitAnswer) -> str:
        """"legal stay ends 28 June 2024; file by 29 May 2024; feasible", in short, and the
        documents missing where they differ from those of the plan ``given``."""
        verdict = {True: "feasible", False: "not feasible", None: "unknown"}[self.feasible]
        ends = self.legal_stay_ends
        if ends is None:
            parts = ["no end of the legal stay known"]
        elif ends < self.on:
            parts = [f"legal stay ended on {format_long(ends)}"]
        else:
            parts = [f"legal stay ends {format_long(ends)}"]
            if self.apply_on is not None:
                parts.append(f"file by {format_long(self.apply_on)}")
        if self.missing != tuple(r.document for r in given.missing):
            parts.append("missing: " + ", ".join(map(document_name, self.missing))
                         if self.missing else "no document missing")
        return "; ".join([*parts, verdict])


@dataclass(frozen=True)
class PermitAnswer:
    """A dated plan for one permit; with ``citizen`` set, the person is a citizen of the host
    (or of a member of the zone that judges it), needs no permit, and no plan is made."""

    on: dt.date
    country: str
    rule: Applied
    assumptions: tuple[Assumption, ...]
    stay: StayReport
    legal_stay_ends: dt.date | None
    planned_stay_ends: dt.date | None  # a planned trip ends the stay before its legal end
    apply_on: dt.date | None
    issued_about: dt.date | None  # the filing day plus the processing time
    issued_after_legal_stay: bool | None  # None: no legal end is known, or no issue day
    # if issued after it: the last filing day in time; None too when that is before ``on``
    in_time_if_filed_by: dt.date | None
    missing: tuple[Requirement, ...]
    held: tuple[Requirement, ...]
    prepare: tuple[Requirement, ...]
    steps: tuple[Step, ...]
    feasible: bool | None
    verdict: str
    citizen: str | None = None
    chosen: bool = False  # the filing day is the one asked for (--apply-on), or the next open
    # the last working day to file during the stay as planned, when the planned trips end it
    # before the filing day (``apply_on``), which the steps count back from; the steps give
    # the day to start for it too (``Step.planned_start_by``)
    planned_file_by: dt.date | None = None
    # the plan under each other account of a contested rule relied on (``compare``)
    other_accounts: tuple[OtherPermitAccount, ...] = ()
    # what the plan leaves unsaid: the notes ``verdict`` begins with, then those said after
    # the steps (``later_notes``: a rule of low confidence that decides the plan)
    notes: tuple[str, ...] = ()
    later_notes: tuple[str, ...] = ()
    # the first day the pack knows this permit from, when the filing day would otherwise come
    # before it and was moved on to it: no plan files under a rule not yet in force
    opens_on: dt.date | None = None
    due_by: dt.date | None = None  # the last working day to file in time (None: no deadline)
    # a rule of the pack for this permit is in force on the filing day; if not (a gap between
    # two of its rules), the steps follow the nearest one and what it needs then is unknown
    rule_in_force: bool = True
    # the profile's extension of stay for the stay under way ("your extension of stay in
    # Thailand to 29 October 2024 (from 30 September 2024)"), when this permit is an
    # extension: granted once per entry, it is held already, and no plan is made
    held_extension: str | None = None
    # the last day of the passport held, where it ends before the permit would be issued
    # (with no issue day known, before the filing day): renewed first, a step of the plan
    passport_ends: dt.date | None = None
    # why ``in_time_if_filed_by`` is an estimate (``Step.estimate``). ``issued_about`` gets
    # none: "about" hedges it already, and the processing time it adds is a source's rough
    # figure ("about 15 working days"), further out than a holiday a day off; the day to act
    # on from the same count, the last to file to have the permit in time, is flagged
    in_time_estimate: Estimate = ()

    @property
    def rules(self) -> tuple[Applied, ...]:
        """The rules the plan relies on: the permit's (none for a citizen, who needs no
        permit), then the stay's that set its days."""
        return (() if self.citizen else (self.rule,)) + tuple(self.stay.rules)


def no_permit_needed(stay: StayReport, country: str) -> str:
    """Why a person judged as a citizen of the host (``stay.own_citizen``) needs no permit
    in ``country``: the host's own citizens, or a zone member's, are not its foreigners."""
    assert stay.citizenship is not None
    member = "" if stay.host == country else f", a member of {stay.host_name}"
    return (f"as a citizen of {country_name(stay.citizenship)}{member}, you need no residence "
            f"permit in {country_name(country)}")


def _issued(file_on: dt.date, days: int, unit: str, office: WorkingCalendar) -> dt.date:
    """The day a permit filed on ``file_on`` would be issued, ``days`` later in ``unit``."""
    if unit == "calendar":
        return file_on + dt.timedelta(days=days)
    return office.add_working_days(file_on, days)


def _in_time_by(ends: dt.date, days: int, unit: str, office: WorkingCalendar
                ) -> tuple[dt.date, Estimate]:
    """The last working day on which to file so that the permit is issued by ``ends``, and
    why it is an estimate."""
    if unit == "calendar":
        counted = ends - dt.timedelta(days=days)
        day = office.working_day_by(counted)
        return day, _estimate(day, counted if counted != day else None, office)
    day = _back(office.working_day_by(ends), days, "working", office)
    return day, _estimate(day, ends, office)


def _held(history: History, req: Requirement, day: dt.date, issuers: dict[str, str]) -> bool:
    """Whether a document in the profile meets ``req`` on ``day``: of its type and form,
    issued by then, by the state it must come from (``issuers``: "citizenship" and "host" as
    codes), and valid long enough."""
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
        if doc.expires is not None:
            need = day + dt.timedelta(days=req.min_validity_days or 0)
            if doc.expires < need:
                continue
        return True
    return False


PASSPORT = "international_passport"


def _passport_ends_before(history: History, state: str | None, day: dt.date) -> dt.date | None:
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


def _renew_passport(ends: dt.date, on: dt.date, file_on: dt.date, issued: dt.date | None,
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


def _back(day: dt.date, lead: int, unit: str, calendar: WorkingCalendar) -> dt.date:
    if unit == "calendar":
        return day - dt.timedelta(days=lead)
    return calendar.subtract_working_days(day, lead)


def _start(file_on: dt.date, req: Requirement, calendar: WorkingCalendar, filing: Estimate
           ) -> tuple[dt.date, dt.date | None, str | None, Estimate]:
    """The last working day to start getting ``req`` to file on ``file_on``, the day counted
    when the offices are closed on it (else None), why they are, and why the day is an
    estimate (``filing``: why ``file_on`` is one, which the day counted back from it is too)."""
    assert req.lead_days is not None
    counted = _back(file_on, req.lead_days, req.lead_unit, calendar)
    start = calendar.working_day_by(counted)
    # in calendar days, only the closed days passed to a working day rest on the calendar
    over = file_on if req.lead_unit == "working" else counted if counted != start else None
    estimate = _both(filing, _estimate(start, over, calendar))
    if counted == start:
        return start, None, None, estimate
    return start, counted, _closed(start + dt.timedelta(days=1), counted, calendar), estimate


def _forward(day: dt.date, lead: int, unit: str, calendar: WorkingCalendar) -> dt.date:
    """The first day from which ``_back`` by ``lead`` reaches no earlier than ``day``."""
    if unit == "calendar":
        return day + dt.timedelta(days=lead)
    out = day
    while lead > 0:
        if calendar.is_working_day(out):
            lead -= 1
        out += dt.timedelta(days=1)
    return out


def _calendar(req: Requirement, office: WorkingCalendar, home: WorkingCalendar
              ) -> WorkingCalendar:
    """The working days a step counts in: the issuing state's (``home``) for a document from
    the person's own state, else the host's offices'."""
    return home if req.issued_by == "citizenship" else office


def _ready_on(history: History, requirements: Sequence[Requirement], on: dt.date,
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
            if req.lead_days is None or (req.document in PAPERS and _held(
                    history, req, office.working_day_from(day), issuers)):
                continue
            calendar = _calendar(req, office, home)
            begun = calendar.working_day_from(on)
            done = _forward(begun, req.lead_days, req.lead_unit, calendar)
            # in calendar days, only the closed days passed to begin rest on the calendar
            over = done if req.lead_unit == "working" else begun if begun != on else None
            if done >= ready:  # a step that sets the day, alone or with another
                estimate = _both(() if done > ready else estimate,
                                 _estimate(on, over, calendar))
                ready = done
        if ready == day:
            return day, office.working_day_from(day), estimate
        day = ready
    raise AssertionError("the filing day did not settle")  # unreachable, as said above


def _closed(first: dt.date, last: dt.date, calendar: WorkingCalendar) -> str:
    """Why the offices of ``calendar`` are closed from ``first`` to ``last`` (closed days,
    each of them), in a sentence: every day a move to a working day passes is named."""
    where = f" in {country_name(calendar.country)}" if calendar.country else ""
    if first == last:
        return f"{format_long(first)} is {calendar.closed_because(first)}{where}"
    why: list[str] = []
    for n in range((last - first).days + 1):
        name = calendar.closed_on(first + dt.timedelta(days=n))
        if name is not None and name not in why:
            why.append(name)
    return f"{run_of_days(first, last, both=True)} are closed{where}: {listed(why)}"


def _in_force_on(pack: Pack, rule: Rule, day: dt.date, citizenship: str) -> Rule | None:
    """The rule of the same host and permit name for ``citizenship`` in force on ``day``
    (dated successors): another citizenship's rule for the same permit is no successor."""
    assert rule.permit is not None
    for other in pack.rules:
        if (other.topic == "permit" and other.host == rule.host and other.permit is not None
                and other.permit.name == rule.permit.name and applies_to(other, citizenship)
                and other.valid_from <= day
                and (other.valid_to is None or day <= other.valid_to)):
            return other
    return None


def _first_known(pack: Pack, rule: Rule, citizenship: str) -> tuple[dt.date, str]:
    """The first day the pack knows the permit of ``rule`` from for ``citizenship`` (any of
    its dated rules), and that rule's id."""
    assert rule.permit is not None
    first = min((r for r in pack.rules
                 if r.topic == "permit" and r.host == rule.host and r.permit is not None
                 and r.permit.name == rule.permit.name and applies_to(r, citizenship)),
                key=lambda r: r.valid_from, default=rule)
    return first.valid_from, first.id


def _held_extension(history: History, answer: Answer, host: str) -> PermitIn | None:
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


def _as_known_on(history: History, on: dt.date, members: set[str]) -> History:
    """The history without the person's plans: if a stay in the host holds ``on``, the stays
    up to the last such one, with no recorded end to it; else the stays entered by ``on``."""
    stays = list(history.stays)
    here = [i for i, s in enumerate(stays) if s.country in members and s.entry <= on <= s.until]
    if here:
        kept = [*stays[:here[-1]], replace(stays[here[-1]], exit=None)]
    else:
        kept = [s for s in stays if s.entry <= on]
    return replace(history, stays=tuple(kept))


@dataclass(frozen=True)
class LegalStay:
    """The stay from the query day judged by the rules alone (``report``), and the last day
    of it that the person's planned trips allow, when that comes sooner (``planned_end``)."""

    report: StayReport
    planned_end: dt.date | None


def legal_stay(history: History, pack: Pack, *, country: str, on: dt.date,
               citizenship: str | None = None, assume: tuple[str, ...] = (),
               planned: StayReport | None = None) -> LegalStay:
    """The stay from ``on`` judged by the rules alone, as if the person stayed on whatever
    trips they plan, and the last day of the stay they are in that their planned trips allow,
    when that comes sooner (else None; None too when they are not in the host on ``on``: a
    stay entered that day would be no plan of theirs). A person away whom their planned trips
    keep out on ``on`` (no day left for a stay from it, as status says) is judged with them.
    ``planned``: the stay report of the whole history, if the caller has it already."""
    if planned is None:
        planned = stay_report(history, pack, on=on, country=country, citizenship=citizenship,
                              assume=assume)
    plan = planned.answer
    if not plan.present and plan.max_stay_days == 0:
        # kept out: the earliest day back is the plans' (or the rules')
        return LegalStay(planned, None)
    _, members, _ = resolve_host(pack, country, on)
    known = _as_known_on(history, on, {m.country for m in members})
    legal = planned if known.stays == history.stays else stay_report(
        known, pack, on=on, country=country, citizenship=citizenship, assume=assume)
    ends = legal.answer.latest_exit
    sooner = None
    if (plan.present and plan.limited_by == "planned_trip" and plan.latest_exit is not None
            and (ends is None or plan.latest_exit < ends)):
        sooner = plan.latest_exit
    return LegalStay(legal, sooner)


def legal_stay_ended(a: Answer) -> tuple[dt.date, Registration | None]:
    """For a person over the limit on the query day (present, no day left): the last day of
    the legal stay, as status tells it (the day before the overstay under way began, or the
    registration deadline the stay passed unregistered), and that registration, if it was one."""
    run = next((v for v in a.violations if v.first_day <= a.on <= v.last_day), None)
    ends = run.first_day - dt.timedelta(days=1) if run else a.on - dt.timedelta(days=1)
    if a.limited_by == "registration" and a.register_by and a.register_by.by <= ends:
        return a.register_by.by, a.register_by
    return ends, None


def no_permit_rules(pack: Pack, host: str) -> str | None:
    """That the pack has no permit rules for ``host``, and the hosts it has them for; None
    when it has some: then there is a ``--permit`` to choose."""
    hosts = sorted({r.host for r in pack.rules if r.topic == "permit"})
    if fold_code(host) in hosts:
        return None
    return (f"the pack has no permit rules for {country_name(fold_code(host))} "
            f"({fold_code(host)}); it has them for {', '.join(hosts) or 'no host'}")


def permit_rules_named(pack: Pack, host: str, citizenship: str | None = None,
                       on: dt.date | None = None) -> str:
    """"permit rules there: kz-permit-temporary, ...": what --permit takes for ``host`` (for
    a citizen of ``citizenship``, if given). A rule recording a permit no longer issued is no
    route to choose; given ``on``, a route closed by one on that day is named apart, with the
    day and that rule, and one closing later says so beside it."""
    missing = no_permit_rules(pack, host)
    if missing is not None:
        return missing
    rules = [r for r in pack.rules if r.topic == "permit" and r.host == fold_code(host)
             and (citizenship is None or applies_to(r, citizenship))]
    offered: list[str] = []
    closed: list[str] = []
    for rule in rules:
        if rule.permit is None or not rule.permit.available:
            if on is None:
                offered.append(rule.id)  # no day to judge a closure on: the ids as they are
            continue
        closing = _closed_by(rules, rule, on) if on is not None else None
        if closing is None:
            offered.append(rule.id)
            continue
        assert on is not None
        said = f"not issued from {format_long(closing.valid_from)}: {closing.id}"
        if closing.valid_from <= on:
            closed.append(f"{rule.id} ({said})")
        else:
            offered.append(f"{rule.id} ({said})")
    whose = f" for citizens of {country_name(citizenship)}" if citizenship else ""
    if not closed:
        return f"permit rules there{whose}: {', '.join(offered) or 'none in the pack'}"
    assert on is not None
    if not offered:
        return f"permit rules there{whose}: none open on {format_long(on)}; closed: " + ", ".join(
            closed)
    return (f"permit rules there{whose}: {', '.join(offered)}; closed on {format_long(on)}: "
            + ", ".join(closed))


def _closed_by(rules: Sequence[Rule], rule: Rule, on: dt.date) -> Rule | None:
    """The first rule among ``rules`` recording the permit of ``rule`` no longer issued, for
    every citizenship ``rule`` is for, in force on ``on`` or later."""
    assert rule.permit is not None
    return min((c for c in rules
                if c.permit is not None and not c.permit.available
                and c.permit.name == rule.permit.name
                and all(applies_to(c, cit) for cit in rule.citizenships)
                and (c.valid_to is None or on <= c.valid_to)),
               key=lambda c: c.valid_from, default=None)


def permit_plan(history: History, pack: Pack, *, country: str, permit_id: str, on: dt.date,
                apply_on: dt.date | None = None, citizenship: str | None = None,
                assume: tuple[str, ...] = (), legal: LegalStay | None = None,
                compare: bool = False) -> PermitAnswer:
    """Missing documents and dated steps for one permit rule of the pack. ``legal``: the
    person's legal stay in the host on ``on``, if the caller has judged it already. With
    ``compare``, the plan under each other account of a contested rule it relied on (of the
    permit or of the stay that sets its deadline) is given beside it, as status gives its
    answers: a caseworker must see when another reading moves the filing day, or has the
    person over the limit already."""
    rule = pack.rule(permit_id)
    host = fold_code(country)
    if rule is None or rule.topic != "permit" or rule.host != host:
        raise UsageError(f"--permit {shown(permit_id)} is not a permit rule for {host}; "
                         f"{permit_rules_named(pack, host, on=on)}")
    if apply_on is not None and apply_on < on:
        raise UsageError(f"--apply-on {apply_on} is before the day judged, {on}: a plan is for "
                         f"filing from that day on; to plan as of {apply_on}, give --on "
                         f"{apply_on}")
    if legal is None:
        legal = legal_stay(history, pack, country=host, on=on, citizenship=citizenship,
                           assume=assume)
    stay, planned_end = legal.report, legal.planned_end
    if stay.own_citizen:
        applied, _ = applied_as(rule, assume)
        reason = no_permit_needed(stay, host)
        return PermitAnswer(on, host, applied, (), stay, None, None, None, None, None, None,
                            (), (), (), (), None,
                            f"{reason[0].upper()}{reason[1:]}; no plan is made.",
                            stay.citizenship)
    cit = stay.citizenship
    assert cit is not None  # the pack's rules judge a citizenship, given or held
    if not applies_to(rule, cit):
        # what the host asks of other citizens is not in the rule: planning by it would guess
        ruled = [c for c in history.citizenships if c != cit and applies_to(rule, c)]
        hint = (f"; to plan it for the other citizenship you hold: --citizenship {ruled[0]}"
                if ruled else "")
        raise UsageError(f"--permit {rule.id} is a permit rule for citizens of "
                         f"{listed([country_name(c) for c in rule.citizenships])}, not of "
                         f"{country_name(cit)}, the citizenship judged; "
                         f"{permit_rules_named(pack, host, cit, on)}{hint}")
    extension = (_held_extension(history, stay.answer, host)
                 if rule.permit is not None and rule.permit.kind == "extension" else None)
    if extension is not None:
        applied, _ = applied_as(rule, assume)
        words = held_permit(extension.kind, country_name(host), extension.valid_from,
                            extension.valid_to)
        return PermitAnswer(on, host, applied, (), stay, stay.answer.latest_exit, None, None,
                            None, None, None, (), (), (), (), None,
                            f"{words[0].upper()}{words[1:]} is for the stay under way "
                            f"(entered {format_long(stay.answer.entered or on)}), and it is "
                            "granted once per entry: no plan is made.",
                            held_extension=words)
    ends = stay.answer.latest_exit
    if stay.answer.max_stay_days is None and stay.answer.unknown is None:
        ends = None  # no limit: no deadline from the stay
    shut = stay.answer.max_stay_days == 0
    over = shut and stay.answer.present
    unregistered = None  # over because a registration deadline passed: that registration
    if over:
        ends, unregistered = legal_stay_ended(stay.answer)
    elif shut:  # away, and no stay may begin on the query day: there is none to file from
        ends = None
    # kept out: no filing before the earliest day back (if any), from a stay then
    back = stay.answer.earliest_entry if shut and not over else None
    notes: list[str] = []
    if host in history.citizenships:
        notes.append(f"judged as a citizen of {country_name(stay.citizenship or '?')}; as a "
                     f"citizen of {country_name(host)}, which you also hold, you would need "
                     "no permit")
    issuers = {"host": host, **({"citizenship": stay.citizenship} if stay.citizenship else {})}
    office = working_calendar(host, pack)
    home = working_calendar(issuers.get("citizenship"), pack)
    opens, opens_by = _first_known(pack, rule, cit)
    opened: dt.date | None = None  # the filing day was moved on to ``opens``
    for _ in range(2):  # the filing day may fall under another rule of the same permit
        applied, assumed = applied_as(rule, assume)
        assumptions = () if assumed is None else (assumed,)
        permit = applied.permit
        assert permit is not None  # the schema requires it under topic permit
        before = permit.apply_days_before_stay_ends or 0
        # A day counted to is a working day of the host's offices, or the one before it.
        due = ends - dt.timedelta(days=before) if ends else None
        deadline = office.working_day_by(due) if due else None
        counted: dt.date | None
        ready_estimate: Estimate = ()  # why ``counted`` is an estimate, counted forward to
        if apply_on is not None:  # the first day the person can file: on or after it
            counted, file_on = apply_on, office.working_day_from(apply_on)
        elif deadline is not None:
            counted, file_on = due, deadline
        else:  # no deadline: the first working day every step begun today allows
            counted, file_on, ready_estimate = _ready_on(
                history, permit.requirements, on, back or on, issuers, office, home)
        if file_on < opens:
            # No rule of the pack says what the permit asked for before then (it may not have
            # existed): a plan under a rule not yet in force would guess, so none is filed
            # before its first day, and a deadline before that day cannot be met.
            if apply_on is None and deadline is None:
                counted, file_on, ready_estimate = _ready_on(
                    history, permit.requirements, on, opens, issuers, office, home)
            else:
                counted, file_on, ready_estimate = opens, office.working_day_from(opens), ()
            opened = opens
            why_later = (f"the pack knows {permit.name} only from {format_long(opens)} "
                         f"({opens_by}), so the plan files no earlier")
            if why_later not in notes:  # the loop may come here again with the successor
                notes.append(why_later)
        successor = _in_force_on(pack, rule, file_on, cit)
        if successor is None:
            # A last_seen end is the latest extension reported, not a known end: the rule
            # may still hold, so the note says the pack does not know it then.
            known = "known to be " if applied.last_seen else ""
            span = in_force(applied.valid_from, applied.valid_to, last_seen=applied.last_seen)
            notes.append(f"no rule of the pack for this permit is {known}in force on "
                         f"{format_long(file_on)}: {rule.id} is {span}; what it needs then "
                         "is unknown")
            break
        if successor.id == rule.id:
            break
        last = (office.working_day_by(applied.valid_to)
                if applied.valid_to is not None and applied.valid_to < file_on else None)
        if (apply_on is None and permit.available and last is not None and last >= on
                and successor.permit is not None and not successor.permit.available):
            # Refused from a known day: the application is due before it, not on the last
            # day of the stay, when no plan could work.
            notes.append(f"{successor.id} records this permit refused from "
                         f"{format_long(successor.valid_from)}, so the application is due "
                         f"before that day")
            deadline = file_on = last
            due = counted = applied.valid_to
            break
        notes.append(f"{rule.id} is not in force on {format_long(file_on)}; {successor.id} is")
        rule = successor
    assert permit is not None
    # why the deadline is before the day counted to: the closed days between them
    due_closed = (_closed(deadline + dt.timedelta(days=1), due, office)
                  if deadline is not None and due is not None and due != deadline else None)
    papers = [r for r in permit.requirements if r.document in PAPERS]
    held = tuple(r for r in papers if _held(history, r, file_on, issuers))
    missing = tuple(r for r in papers if r not in held)
    prepare = tuple(r for r in permit.requirements if r.document not in PAPERS)
    # the planned trips end the stay before the filing day: the last working day to file
    # during it, which each step is counted back from too
    planned_file = (office.working_day_by(planned_end)
                    if planned_end and permit.available and not over else None)
    if planned_file is not None and not max(on, opens) <= planned_file < file_on:
        planned_file = None  # none before the day judged, nor before the pack knows the permit
    moved_file = counted if counted is not None and counted != file_on else None
    # the filing day moved over closed days (back to the deadline, or on to the first day
    # open) from a day that may be an estimate itself, and the last day to file during the
    # stay as planned, moved back to a working day
    file_estimate = _both(ready_estimate, _estimate(file_on, moved_file, office))
    planned_estimate = (_estimate(planned_file, planned_end if planned_end != planned_file
                                  else None, office) if planned_file is not None else ())
    steps: list[Step] = []
    for req in permit.requirements:
        if req in held:
            continue
        calendar = _calendar(req, office, home)
        start = moved = why = planned_start = planned_why = None
        estimate: Estimate = ()
        planned: Estimate = ()
        if req.lead_days is not None:
            start, moved, why, estimate = _start(file_on, req, calendar, file_estimate)
            if planned_file is not None:
                planned_start, _, planned_why, planned = _start(planned_file, req, calendar,
                                                                planned_estimate)
        steps.append(Step(f"get {a_document(req.document)}", req.document, req.lead_days,
                          req.lead_unit, start, None if start is None else start < on, req.how,
                          moved, why, planned_start, planned_why, estimate=estimate,
                          planned_estimate=planned))
    closed = None
    if moved_file is not None:  # the days passed, back to the deadline or on to the first day
        closed = (_closed(file_on + dt.timedelta(days=1), moved_file, office)
                  if moved_file > file_on else
                  _closed(moved_file, file_on - dt.timedelta(days=1), office))
    steps.append(Step("file the application", None, permit.processing_days,
                      permit.processing_unit, file_on, file_on < on, None, moved_file, closed,
                      planned_file, _planned_closed(planned_end, planned_file, office),
                      estimate=file_estimate, planned_estimate=planned_estimate))
    if closed and apply_on:
        notes.append(f"{closed}, so the first day you can file is {format_long(file_on)}")
    late = [s for s in steps if s.too_late]
    # Documents a profile can show are judged; other preparations (forms, photos, funds) with
    # no known lead time are listed but do not make the plan unknown.
    unknown = [s for s in steps if s.document in PAPERS and s.lead_days is None]
    # a permit whose sources name no document at all: "every step can start in time" would
    # judge no step, and read as a plan that works
    no_documents = not permit.requirements
    early = back is not None and file_on < back  # kept out until then: no stay to file from
    # A plan that cannot work has no issue day: the application would not be accepted.
    infeasible = bool(not permit.available or late or over or (shut and back is None) or early
                      or (deadline is not None and file_on > deadline))
    if infeasible:
        why_not = _cannot_file(
            None if permit.available else applied, ends if over else None,
            (stay.host_name, back) if shut and not over else None,
            deadline if deadline is not None and (deadline < on or file_on > deadline) else None,
            file_on, opened, late)
        steps[-1] = replace(steps[-1], start_by=None, too_late=None, moved_from=None,
                            closed=None, planned_start_by=None, planned_closed=None,
                            cannot_file=why_not, estimate=(), planned_estimate=())
    issued = after = in_time = None
    in_time_estimate: Estimate = ()
    if not infeasible and permit.processing_days is not None:
        issued = _issued(file_on, permit.processing_days, permit.processing_unit, office)
        if ends is not None:
            after = issued > ends
        if after:
            assert ends is not None
            in_time, in_time_estimate = _in_time_by(ends, permit.processing_days,
                                                    permit.processing_unit, office)
            if deadline is not None and deadline < in_time:
                in_time = deadline
                in_time_estimate = _estimate(deadline, due if due != deadline else None,
                                             office)
            if in_time < on:
                in_time = None  # no filing day from the query day on brings it in time
                in_time_estimate = ()
    # the filing and the permit need a valid passport: one that ends before the permit would
    # be issued (or before the filing day) is renewed first, a step with no known lead time
    passport_ends = None
    if not infeasible:
        passport_ends = _passport_ends_before(history, issuers.get("citizenship"),
                                              issued or file_on)
    if passport_ends is not None:
        notes.append(_renew_passport(passport_ends, on, file_on, issued, applied.id, permit))
        if not any(s.document == PASSPORT for s in steps):
            steps.insert(-1, Step(f"renew your {document_name(PASSPORT)}", PASSPORT, None,
                                  "calendar", None, None, None))
            unknown.append(steps[-2])
    rule_in_force = _in_force_on(pack, rule, file_on, cit) is not None
    feasible: bool | None
    if infeasible:
        feasible = False
    elif (shut or unknown or no_documents or (ends is None and stay.answer.unknown)
          or not rule_in_force):
        feasible = None
    elif after:
        feasible = None  # whether a pending application keeps the stay legal is not known
    else:
        feasible = True
    # the permit's rule sets the documents and lead times, the stay's deciding rules the day
    # the legal stay ends, which the plan counts back from: said after the steps, of them all
    low = low_confidence_note((applied, *stay.rules), [applied.id, *deciding_rules(stay.answer)])
    verdict = " ".join([*(f"Note: {n}." for n in notes),
                        _verdict(permit.available, ends, deadline, file_on, late, unknown, on,
                                 stay.answer.unknown, rule_in_force, over,
                                 apply_on is None and deadline is None,
                                 (stay.host_name, back, stay.why_no_stay(),
                                  stay.earliest_back(back, stay.host_name) if back else "")
                                 if shut and not over else None,
                                 due_closed, unregistered, before, opened, no_documents),
                        *([_issue(file_on, issued, ends, in_time, on, office)]
                          if issued else []),
                        *([_planned(planned_end, file_on, on, office, steps, opened)]
                          if planned_end and permit.available and not over else [])])
    others: list[OtherPermitAccount] = []
    if compare:
        for variant, picks in other_accounts(pack, (*assumptions, *stay.assumptions), assume):
            other = permit_plan(history, pack, country=country, permit_id=permit_id, on=on,
                                apply_on=apply_on, citizenship=citizenship, assume=picks)
            others.append(OtherPermitAccount(
                variant, other.legal_stay_ends, other.apply_on, other.feasible,
                tuple(r.document for r in other.missing), on))
    return PermitAnswer(on, host, applied, assumptions, stay, ends, planned_end, file_on,
                        issued, after, in_time, missing, held, prepare, tuple(steps), feasible,
                        verdict, chosen=apply_on is not None, planned_file_by=planned_file,
                        other_accounts=tuple(others), notes=(*notes, *low),
                        later_notes=tuple(low), opens_on=opened,
                        due_by=deadline, rule_in_force=rule_in_force,
                        passport_ends=passport_ends, in_time_estimate=in_time_estimate)


def _cannot_file(refused: Applied | None, ended: dt.date | None,
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


def _planned_closed(ends: dt.date | None, last: dt.date | None, office: WorkingCalendar
                    ) -> str | None:
    """Why ``last``, the last working day to file during the stay as planned, is before the
    day the planned trips end it (``ends``): the closed days between them."""
    if ends is None or last is None or last == ends:
        return None
    return _closed(last + dt.timedelta(days=1), ends, office)


def _issue(file_on: dt.date, issued: dt.date, ends: dt.date | None, in_time: dt.date | None,
           on: dt.date, office: WorkingCalendar) -> str:
    """When a permit filed on ``file_on`` would be issued, and, if after the legal stay ends,
    that it is not known whether one may wait for it, and the last filing day in time
    (``in_time``; None: none is left from ``on``)."""
    long = format_long
    if issued == file_on:
        # no processing time: "the permit would be issued about" the filing day read as a
        # wait, of a permit, where the office decides at the counter (Thailand's extension)
        return f"Filed on {long(file_on)}, the application would be decided the same day."
    text = f"Filed on {long(file_on)}, the permit would be issued about {long(issued)}"
    if ends is None or issued <= ends:
        return text + "."
    text += (f", after your legal stay ends on {long(ends)}: whether a pending application lets "
             "you stay on until it is issued is not known (the pack's facts do not say). ")
    if in_time is not None:
        return text + f"To have it by {long(ends)}, file by {long(in_time)}."
    return text + (f"Filing now is already too late for it to come in time: even filed on "
                   f"{long(office.working_day_from(on))}, it would come after {long(ends)}.")


def _planned(ends: dt.date, file_on: dt.date, on: dt.date, office: WorkingCalendar,
             steps: Sequence[Step], opens: dt.date | None = None) -> str:
    """That the person's planned trips end the stay on ``ends``, before its legal end, and,
    if that comes before the filing day, the last working day to file during the stay, which
    the steps give their days to start for too (and which of them it is too late for).
    ``opens``: the first day the pack knows the permit from, when the filing day was moved
    on to it."""
    long = format_long
    text = f"Your planned trips end this stay sooner, on {long(ends)}"
    last = office.working_day_by(ends)
    if last >= file_on:
        return text + ", but not before the filing day."
    if opens is not None and last < opens:
        return text + f", before the first day the pack knows this permit, {long(opens)}."
    if last < on:  # every day from the query day to the end is closed
        return (text + "; these dates count from its legal end, and no working day is left to "
                f"file during this stay as planned ({_closed(on, ends, office)}).")
    why = f" ({_planned_closed(ends, last, office)})" if last != ends else ""
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


def _verdict(available: bool, ends: dt.date | None, deadline: dt.date | None,
             file_on: dt.date, late: list[Step], unknown: list[Step], on: dt.date,
             stay_unknown: str | None, rule_known: bool = True, over: bool = False,
             earliest: bool = False,
             kept_out: tuple[str, dt.date | None, str, str] | None = None,
             closed: str | None = None, unregistered: Registration | None = None,
             ask: int = 0, opens: dt.date | None = None,
             no_documents: bool = False) -> str:
    """``kept_out``: the host's name, the earliest day back, why no stay may begin and the
    sentence giving that day, for a person away from a host in which no stay may begin on
    ``on``; ``closed``: why the deadline moved to an earlier working day; ``unregistered``:
    over the limit, the registration whose deadline ended the stay; ``ask``: the days before
    the legal stay ends by which the host asks for the application; ``opens``: the first day
    the pack knows the permit from, when the filing day was moved on to it; ``no_documents``:
    the permit's sources name none of the documents it needs."""
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
            why = (", the registration deadline, as no registration is recorded"
                   if unregistered.history_records else
                   ", the registration deadline, unless the stay was registered by then (a CSV "
                   "history records no registrations)")
        return (f"You are over the stay limit on {long(on)}: your legal stay ended on "
                f"{long(ends)}{why}, so no step can be taken in time from a legal stay.")
    parts = []
    if ends is not None:
        parts.append(f"Your legal stay ends on {long(ends)}")
        if deadline is not None and deadline != ends:
            parts[-1] += f"; the application is due by {long(deadline)}"
            if ask:  # a due day before the end with no reason given read as a mistake
                parts[-1] += f", as the host asks for it {count(ask, 'day')} before the stay ends"
            if closed:
                parts[-1] += f" ({closed})"
    elif stay_unknown:
        parts.append(f"When your legal stay ends is unknown ({stay_unknown})")
    else:
        parts.append("No stay limit applies, so there is no deadline from your stay")
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
