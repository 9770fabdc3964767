"""The stay question end to end: history + rules (pack or ad-hoc) -> an explained answer.

This is the one place where a History and the rule pack become an engine :class:`Case`; the
CLI, and later the web service and batch jobs, all ask through :func:`stay_report`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace

from sojourn.countries import code_hint, country_name, fold_code, is_country
from sojourn.dates import NO_DECREES, WorkingCalendar, format_long
from sojourn.engine import Answer, Case, InForce, LimitName, RegistrationInForce, status
from sojourn.engine.answer import PlannedStay
from sojourn.engine.intervals import Span, merge
from sojourn.engine.kinds import Constraint, Registration
from sojourn.errors import UsageError, shown
from sojourn.history import History, Stay
from sojourn.history.models import PermitIn
from sojourn.penalties import (
    BanLine,
    Offence,
    PenaltyLine,
    barring,
    entry_bans,
    penalty_lines,
)
from sojourn.rules.freshness import not_confirmed, note
from sojourn.rules.loader import Pack
from sojourn.rules.schema import Zone
from sojourn.rules.select import (
    Applied,
    Assumption,
    has_rule_on,
    other_accounts,
    refuse_assumed_for_ad_hoc,
    select,
)
from sojourn.rules.spec import parse_spec
from sojourn.words import held_permit, listed, run_of_days

FOREVER = dt.date(9000, 1, 1).toordinal()  # "open-ended", far enough for any horizon
# the permits that make their holder a resident, whose stay needs no visitor's registration:
# an extension of stay or a long-stay visa lengthens a visit, and registers no one
RESIDENCE_KINDS = frozenset({"residence_permit", "temporary_residence", "permanent_residence"})


def if_you_leave(a: Answer) -> str:
    """"If you leave on 20 May 2024 as planned": the day a person present is taken to leave
    (``a.leaving``), the query day or the exit the history records after it."""
    assert a.leaving is not None
    return f"If you leave on {format_long(a.leaving)}{' as planned' if a.leaving > a.on else ''}"


@dataclass(frozen=True)
class DocumentEnd:
    """The last day of the document a stay with no limit is had on, where it ends soon enough
    to be said (destinations.document_end): no rule's last day tells the person to renew it;
    or, for any stay, of the document it was entered on, where it ``ended`` before the day
    judged and no other document held lets the person stay: they stay on none valid."""

    document: str
    citizenship: str
    last_day: dt.date
    ended: bool = False


@dataclass(frozen=True)
class StayReport:
    """An engine answer with what it relied on: rules, assumed variants, warnings."""

    answer: Answer
    host: str
    host_name: str
    citizenship: str | None
    rules: tuple[Applied, ...]
    assumptions: tuple[Assumption, ...]
    ad_hoc: tuple[Constraint, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)
    own_citizen: bool = False  # judged as a citizen of the host (of a member, for a zone)
    # what the answer leaves unsaid and a reader would take amiss: that no registration rule
    # is known (not "none needed"), or that another passport held would change the answer
    notes: tuple[str, ...] = field(default_factory=tuple)
    # no registration deadline is given for want of a registration rule in the pack for the
    # stay: whether it must be registered is not known (not "none needed")
    registration_unknown: bool = False
    # the answer under each other account of a contested rule relied on, by variant name
    other_accounts: tuple[OtherAccount, ...] = ()
    # the answer under each other citizenship held that the host has stay rules for
    other_citizenships: tuple[OtherCitizenship, ...] = ()
    planned_trip: PlannedTrip | None = None  # with limited_by "planned_trip": the trip
    # with no limit, the recorded trip that falls within plan's stay (answer.earliest_meets)
    trip_within_plan: PlannedTrip | None = None
    # the first days of the recorded entries into the host after the query day
    planned_entries: tuple[dt.date, ...] = ()
    # the recorded stays outside the host that end after the query day: entry, exit, country
    stays_elsewhere: tuple[tuple[dt.date, dt.date, str], ...] = ()
    # what each overstay or missed registration the answer shows costs, by the pack's rules
    penalties: tuple[PenaltyLine, ...] = ()
    # with no limit on the stay, the document it is had on where it ends soon or before the
    # recorded exit; with or without one, the document entered on where it has ended (None:
    # not judged, as for a CSV history, or not soon)
    document_end: DocumentEnd | None = None
    # each account of an entry ban those overstays bring, from the day the person left
    entry_bans: tuple[BanLine, ...] = ()
    # for a person away, why the entry rules (and the exit rules of the state the history has
    # them in) refuse every document the profile holds on the day of the entry the answer is
    # about (None: one is let in or not known, or none judged, as for a CSV history): the
    # answer above is then what the stay rules would give, had the person got in
    entry_refused: RefusedEntry | None = None

    @property
    def bans_on(self) -> tuple[BanLine, ...]:
        """The entry bans that may bar an entry on the query day: none for a person there."""
        return () if self.answer.present else tuple(
            b for b in self.entry_bans if b.runs_on(self.answer.on))

    @property
    def barred(self) -> BanLine | None:
        """A certain ban on no condition that bars an entry on the query day (the one that
        ends last), or None."""
        return barring(self.bans_on)

    def ends_elsewhere(self, day: dt.date) -> str:
        """", when your recorded stay in Kazakhstan ends": for an earliest day on which a
        recorded stay outside the host ends, having held the day before, which no stay in the
        host could share; without it the day reads as the host's rules alone."""
        names = list(dict.fromkeys(country_name(c) for first, last, c in self.stays_elsewhere
                                   if first < day == last))
        return f", when your recorded stay in {listed(names)} ends" if names else ""

    def earliest_back(self, back: dt.date, place: str) -> str:
        """The sentence giving the earliest day ``back`` the person may be in the host (named
        ``place``) when no stay may begin on the query day. When it is the first day of a
        planned trip to the host, it is that trip's: "again" would read as a day won back.
        For a person present who the history has leaving later, the day is counted from that
        exit, and said so: after "you should leave now" it would read as counted from today."""
        if back in self.planned_entries:
            day = (f"the earliest day you may be in {place} is {format_long(back)}, when your "
                   "planned trip there begins")
        else:
            day = (f"the earliest day you may be in {place} again is {format_long(back)}"
                   f"{self.ends_elsewhere(back)}")
        a = self.answer
        if a.present and a.leaving is not None and a.leaving > a.on:
            return f"{if_you_leave(a)}, {day}"
        return day[0].upper() + day[1:]

    def leaving_resets(self, first: dt.date, last: dt.date) -> bool:
        """Whether a per-entry limit may count a day from ``first`` to ``last``: leaving and
        coming back starts its count anew, where a rolling or calendar-year count goes on."""
        def overlaps(since: dt.date, until: dt.date | None) -> bool:
            return since <= last and (until is None or until >= first)

        return any(c.kind == "per_entry" for c in self.ad_hoc) or any(
            c.kind == "per_entry" and overlaps(r.valid_from, r.valid_to)
            and (c.valid_to is None or c.valid_to >= first)
            for r in self.rules for c in r.constraints)

    def why_no_stay(self) -> str:
        """Why no stay may begin on the query day for a person away (no day left), in a
        clause: the trip a stay would break or run into, when the planned trips are why."""
        trip = self.planned_trip
        if self.answer.limited_by == "entry_ban" and self.barred is not None:
            # an overstay's ban, not the count: the days may all be left
            return self.barred.words
        if self.answer.limited_by != "planned_trip":
            return "the limit is used up"
        if trip is None:
            return "a stay from that day would break your planned trips"
        if trip.broken:
            return f"a stay from that day would put your {trip} {trip.over()}"
        return f"a stay from that day would run into your {trip}"


@dataclass(frozen=True)
class PlannedTrip:
    """The recorded trip after the query day that ends the stay judged: one the stay would run
    into (``broken`` False), or a stay in the host a longer stay would put over a limit."""

    countries: tuple[str, ...]  # codes, in the order of the stays
    first: dt.date
    last: dt.date | None  # None: no exit recorded
    broken: bool
    limits: tuple[LimitName, ...] = ()  # the limits it would break, when ``broken``

    def over(self) -> str:
        """"over the limit of kz-stay-eaeu-90-180 (90 days in any 180)", as the other
        sentences of an answer name a limit."""
        if not self.limits:
            return "over the limit"
        named = listed([f"{x.rule} ({x.label})" for x in self.limits])
        return f"over the limit{'s' if len(self.limits) > 1 else ''} of {named}"

    def __str__(self) -> str:
        """"planned trip to Kyrgyzstan from 20 to 22 December 2022"."""
        where = listed([country_name(c) for c in self.countries])
        when = (f"from {format_long(self.first)}" if self.last is None else
                f"on {format_long(self.first)}" if self.last == self.first else
                f"from {run_of_days(self.first, self.last)}")
        return f"planned trip to {where} {when}"


def _planned_trip(history: History, members: Sequence[Member], planned: PlannedStay | None
                  ) -> PlannedTrip | None:
    """The recorded trip behind an answer's planned stay (``planned_stay``, or
    ``earliest_meets``): the stays it spans, in the host (its member countries) or
    elsewhere."""
    if planned is None:
        return None
    codes = {m.country for m in members}
    # a stay that only ends on the trip's first day is the one left then, and one that only
    # begins on its last day the one entered then: neither is the trip
    near = [s for s in history.stays if s.entry <= planned.last and s.until >= planned.first
            and not (s.entry < planned.first == s.until)
            and not (planned.first < s.entry == planned.last < s.until)]
    stays = [s for s in near if (s.country in codes) == planned.in_host] or near
    last = None if any(s.exit is None for s in stays) else planned.last
    return PlannedTrip(tuple(dict.fromkeys(s.country for s in stays)), planned.first, last,
                       planned.broken, planned.limits)


@dataclass(frozen=True)
class OtherAccount:
    """The answer under another account of a contested rule (``--assume variant``), beside
    the one given: whether it differs is what makes the contest matter to this person."""

    variant: str
    answer: Answer
    registration_unknown: bool = False  # as StayReport's, for this account's answer

    def same_as(self, given: StayReport) -> bool:
        """Whether this account gives the answer a person acts on: the latest exit and days
        (and whether registering lets the stay go on past it), the registration deadline or
        whether one is known, the days overstayed, and the earliest entry."""
        return (self.registration_unknown == given.registration_unknown
                and _acted_on(self.answer) == _acted_on(given.answer))


@dataclass(frozen=True)
class RefusedEntry:
    """An entry the documents held do not make: its day, and why, in brief."""

    on: dt.date
    why: str


@dataclass(frozen=True)
class OtherCitizenship:
    """The answer under another citizenship the profile holds (``--citizenship CODE``), beside
    the one judged: a dual citizen shows one passport at a border, and the host counts the
    stay under the one entered on, so what the other would give is theirs to choose."""

    citizenship: str
    answer: Answer
    barred_until: dt.date | None = None  # a ban this citizenship's overstay brings bars entry
    registration_unknown: bool = False  # as StayReport's, for this citizenship's answer
    # why the entry rules refuse every document of this citizenship the profile holds (None:
    # not refused, or not judged): its stay is then no answer, as no entry on it is possible
    refused: str | None = None

    def same_as(self, given: StayReport) -> bool:
        """Whether this passport gives the answer a person acts on (OtherAccount.same_as), an
        entry barred to the same day, and an entry its documents are not refused."""
        barred = given.barred.last_day if given.barred else None
        return (self.refused is None and self.barred_until == barred
                and self.registration_unknown == given.registration_unknown
                and _acted_on(self.answer) == _acted_on(given.answer))


def _acted_on(a: Answer) -> tuple[object, ...]:
    """What a person does with an answer; not how it was counted (peaks, rule ids)."""
    return (a.latest_exit, a.max_stay_days, a.unknown is None, a.limited_by == "registration",
            a.register_by.by if a.register_by else None,
            tuple((v.first_day, v.last_day) for v in a.violations), a.earliest_entry)


@dataclass(frozen=True)
class Member:
    country: str
    since: int
    until: int


def _members(host: str, pack: Pack) -> list[Member]:
    zone: Zone | None = pack.zones.get(host)
    if zone is None:
        return [Member(host, 0, FOREVER)]
    return [Member(m.country, m.since.toordinal() if m.since else 0,
                    m.until.toordinal() if m.until else FOREVER) for m in zone.members]


def _split(stays: Sequence[Stay], members: Sequence[Member], on: int
           ) -> tuple[list[tuple[int, int | None, str]], list[tuple[int, int | None]]]:
    """Stays inside the host (during membership) and stays elsewhere, for the query day ``on``
    (an ordinal).

    A stay without exit is known only through ``on`` (or its first day, if later): in a
    country that joins the host after that, it is a stay elsewhere. Cut at the joining day, it
    would become an entry into the host with no known end, a planned trip that never was. In a
    member that leaves after that day, it is an open stay in the host."""
    inside: list[tuple[int, int | None, str]] = []
    outside: list[tuple[int, int | None]] = []
    by_country = {m.country: m for m in members}
    for stay in stays:
        first = stay.entry.toordinal()
        last = stay.exit.toordinal() if stay.exit else None
        member = by_country.get(stay.country)
        if member is None or (last is None and member.since > max(first, on)):
            outside.append((first, last))
            continue
        end = FOREVER if last is None else last
        lo, hi = max(first, member.since), min(end, member.until)
        leaves_later = last is None and member.until >= max(first, on)
        if leaves_later:
            # still a member when the known days end: the stay stays open in the host, and
            # the member's leaving is a stay elsewhere from the next day, which caps it. Cut
            # at the leaving day, it would be a stay known to last until then, its days
            # past the query day judged as if they had happened.
            hi = end
        if lo > hi:
            outside.append((first, last))
            continue
        if first < lo:
            outside.append((first, lo - 1))
        inside.append((lo, None if last is None and hi == end else hi, stay.country))
        if hi < end:
            outside.append((hi + 1, last))
        elif leaves_later and member.until < FOREVER:
            outside.append((member.until + 1, None))
    return sorted(inside, key=lambda s: s[0]), sorted(outside, key=lambda s: s[0])


def _entries(inside: Sequence[tuple[int, int | None, str]],
             outside: Sequence[tuple[int, int | None]]) -> list[tuple[int, int | None]]:
    """Entries into the host: moving between two member countries on one day is no entry,
    unless a stay outside the host begins or ends that day too (out of the zone and back)."""
    crossings = {d for first, last in outside for d in (first, last) if d is not None}
    out: list[tuple[int, int | None]] = []
    prev_country = None
    for first, last, country in inside:
        if (out and prev_country != country and out[-1][1] is not None and first <= out[-1][1]
                and first not in crossings):
            out[-1] = (out[-1][0], last if last is None else max(last, out[-1][1]))
        else:
            out.append((first, last))
        prev_country = country
    return out


def _spans(applied: Applied, constraint: Constraint | None = None) -> tuple[Span, ...]:
    """The days ``applied`` is in force, or, given one of its constraints, the days that
    constraint is: up to its own valid_to where it ends first (the loader refuses one before
    the rule's valid_from)."""
    ends = [d.toordinal() for d in (applied.valid_to, constraint and constraint.valid_to) if d]
    return ((applied.valid_from.toordinal(), min(ends, default=FOREVER)),)


def citizenship_code(given: str) -> str:
    """``--citizenship`` as a code (blanks stripped, upper case), or a UsageError."""
    code = fold_code(given)
    if not is_country(code):
        raise UsageError(f"--citizenship {shown(given)} is not a country code{code_hint(given)}; "
                         "expected an ISO 3166-1 alpha-2 code such as RU")
    return code


def require_citizenship(history: History, given: str | None) -> None:
    """A UsageError when neither ``--citizenship`` nor the history names a citizenship: the
    pack's rules are per citizenship, and none is assumed."""
    if not given and not history.citizenships:
        raise UsageError(
            "--citizenship is needed for the pack's rules when the history does not name it "
            "(a CSV history, or a profile without person.citizenships), e.g. --citizenship RU")


def citizenship_not_held(history: History, code: str) -> list[str]:
    """The warning that a --citizenship is not one the profile holds (none for a CSV history,
    which names none): every answer judged under it is for another person."""
    if history.citizenships and code not in history.citizenships:
        return [f"--citizenship {code} is not among the profile's citizenships "
                f"({', '.join(history.citizenships)})"]
    return []


def history_warnings(history: History, citizenship: str | None) -> tuple[str, ...]:
    """The warnings every answer from ``history`` carries, as `status` gives them: the
    history's own (overlapping stays merged) and a ``--citizenship`` it does not hold."""
    return (*history.warnings,
            *(citizenship_not_held(history, citizenship) if citizenship else ()))


def passport_recorded(history: History, hosts: Collection[str], on: dt.date) -> Stay | None:
    """The stay in ``hosts`` (a country, or a zone's members) under way on ``on``, else the
    last one begun before it, where its trip records the passport it was entered on: the host
    counts that stay under that passport's citizenship."""
    begun = [s for s in history.stays if s.country in hosts and s.entry <= on]
    return begun[-1] if begun and begun[-1].passport is not None else None


def _citizenship(history: History, pack: Pack, host: str, members: Sequence[Member],
                 given: str | None, warnings: list[str], on: dt.date) -> str:
    recorded = passport_recorded(history, {m.country for m in members}, on)
    if given:
        code = citizenship_code(given)
        warnings += citizenship_not_held(history, code)
        if recorded is not None and recorded.passport != code:
            warnings.append(f"the trip of {recorded.entry} ({recorded.origin}) records entry "
                            f"on the {recorded.passport} passport; judged as {code}, as "
                            "--citizenship asks")
        return code
    require_citizenship(history, given)
    if recorded is not None and recorded.passport is not None:
        # what the person says they showed at the border, even where they hold the host's
        # citizenship too (_held_citizenship_note tells what that one would give)
        return recorded.passport
    held = history.citizenships
    own = [c for c in held if any(m.country == c for m in members)]
    if own:
        return own[0]
    if len(held) > 1:
        # Judge under the first passport for which the pack has stay rules for this host: the
        # trip does not record which passport it was entered on, which is the one the host
        # counts the stay under, so the profile's order stands for it, and a passport with
        # rules gives an answer where one without gives none. What each other passport with
        # rules would give is told beside the answer (_other_citizenships).
        ruled = [c for c in held if has_rule_on(pack, host, "stay", c, on)]
        chosen = (ruled or list(held))[0]
        warnings.append(f"the profile holds several citizenships; judged as a citizen of "
                        f"{chosen} (choose another with --citizenship, or give the trip the "
                        "passport it was entered on)")
        return chosen
    return held[0]


def judged_citizenship(history: History, pack: Pack, country: str, on: dt.date) -> str:
    """The citizenship `status --country` judges a profile's holder under on ``on`` with no
    --citizenship given, for the fronts that must agree with it (destinations)."""
    host, members, _ = resolve_host(pack, country, on)
    return _citizenship(history, pack, host, members, None, [], on)


def stay_report(history: History, pack: Pack, *, on: dt.date, country: str | None = None,
                rule_spec: str | None = None, citizenship: str | None = None,
                assume: tuple[str, ...] = (), length: int | None = None,
                compare: bool = False) -> StayReport:
    """Answer how long the person may stay, under the pack's rules or an ad-hoc regime.

    With ``compare``, the answer under each other account of a contested rule it relied on
    is given beside it (:class:`OtherAccount`), and the answer under each other citizenship
    held (:class:`OtherCitizenship`): one more evaluation per account and per citizenship,
    for the fronts that show them (status, plan, report)."""
    warnings = list(history.warnings)
    if rule_spec is None and country is None:
        here = history.stays_on(on)
        hint = (f", e.g. --country {here[-1].country}, where the history has you on {on}"
                if here else "")
        raise UsageError(f"give --country CODE (rules from the pack{hint}) or --rule SPEC")
    if rule_spec is not None:
        if citizenship:  # not used by an ad-hoc regime, but a typo is said, as batch says it
            citizenship_code(citizenship)
        refuse_assumed_for_ad_hoc(assume)
        return _ad_hoc(history, pack, on, country, rule_spec, length, warnings)
    assert country is not None
    host, members, zone_warnings = resolve_host(pack, country, on)
    warnings += zone_warnings
    cit = _citizenship(history, pack, host, members, citizenship, warnings, on)
    inside, outside = _split(history.stays, members, on.toordinal())
    name = host_name(pack, host)
    if any(m.country == cit for m in members):
        # A host's own citizens are not subject to its rules for foreigners.
        case = _case(inside, outside, UNLIMITED, history, members, host, pack)
        answer = status(case, on, length)
        return StayReport(answer, host, name, cit, (), (),
                          warnings=tuple(warnings), own_citizen=True,
                          trip_within_plan=_planned_trip(history, members,
                                                         answer.earliest_meets),
                          planned_entries=_planned_entries(case, on),
                          stays_elsewhere=_stays_elsewhere(history, members, on))
    regime = pack_regime(pack, host, cit, assume)
    regime = replace(regime, unknown_reason=regime.reason_from(on))
    case = _case(inside, outside, regime, history, members, host, pack)
    answer = status(case, on, length)
    relied = _relied_on(regime.applied, inside, answer)
    used = {a.id for a in relied}
    assumptions = tuple(x for x in regime.assumptions if x.rule in used)
    penalties = penalty_lines(pack, host, cit, answer, assume)
    person = history.profile.person if history.profile else None
    bans = entry_bans(penalties, _left(history, members, on), person.born if person else None)
    answer = _barred(answer, case, bans, length)
    # a penalty line names its rule: listed with the others, a reader finds its sources
    named = {r.id: r for line in penalties for r in (line.rule, line.later) if r is not None}
    relied += [r for rule_id, r in named.items() if rule_id not in used]
    others: list[OtherAccount] = []
    citizens: list[OtherCitizenship] = []
    if compare:
        for variant, picks in other_accounts(pack, assumptions, assume):
            other = stay_report(history, pack, on=on, country=country,
                                citizenship=citizenship, assume=picks,
                                length=length, compare=False)
            others.append(OtherAccount(variant, other.answer, other.registration_unknown))
        citizens += [_under(history, pack, on, country, c, assume, length)
                     for c in _other_citizenships(history, pack, host, members, cit, on)]
    notes = [*_held_citizenship_note(history, members, cit, name,
                                     "as --citizenship asks" if citizenship else
                                     "the passport the trip records"),
             *_permit_notes(history, members, answer, case.host_entries),
             *_registration_note(regime, answer, others, cit, name, case.calendar,
                                 _stay_open(history, members, answer)),
             # the first of the no-duty rules is named, with its confidence, in the note above
             *low_confidence_note(relied, [*deciding_rules(answer),
                                           *(a.id for a in _no_duty_rules(regime, answer)[1:])]),
             *filter(None, [note(not_confirmed(relied, on), on)])]
    return StayReport(answer, host, name, cit, tuple(relied), assumptions,
                      warnings=tuple(warnings), notes=tuple(notes),
                      registration_unknown=_no_registration_rule(regime, answer),
                      other_accounts=tuple(others),
                      other_citizenships=tuple(citizens),
                      planned_trip=_planned_trip(history, members, answer.planned_stay),
                      trip_within_plan=_planned_trip(history, members, answer.earliest_meets),
                      planned_entries=_planned_entries(case, on),
                      stays_elsewhere=_stays_elsewhere(history, members, on),
                      penalties=penalties, entry_bans=bans)


def _other_citizenships(history: History, pack: Pack, host: str, members: Sequence[Member],
                        cit: str, on: dt.date) -> list[str]:
    """The citizenships held besides ``cit`` that the host has stay rules for on ``on``: the
    answer each gives is told beside the one judged. A citizenship of the host is not among
    them (_held_citizenship_note tells it), nor one the pack knows no rule for."""
    return [c for c in history.citizenships if c != cit
            and not any(m.country == c for m in members)
            and has_rule_on(pack, host, "stay", c, on)]


def _under(history: History, pack: Pack, on: dt.date, country: str, citizenship: str,
           assume: tuple[str, ...], length: int | None) -> OtherCitizenship:
    """The answer had the person entered on their passport of ``citizenship``, with the day
    an overstay's ban under it bars entry until."""
    other = stay_report(history, pack, on=on, country=country, citizenship=citizenship,
                        assume=assume, length=length, compare=False)
    return OtherCitizenship(citizenship, other.answer,
                            other.barred.last_day if other.barred else None,
                            other.registration_unknown)


def _barred(answer: Answer, case: Case, bans: Sequence[BanLine], length: int | None) -> Answer:
    """The answer for a person away whom an entry ban bars on the query day, as for one whose
    days are used up: no stay begins that day (``limited_by`` "entry_ban"), and the earliest
    entry is the first day after the ban on which the stay rules allow it (a stay of
    ``length`` days, if given); no registration is owed for a stay that cannot begin."""
    barred = barring([b for b in bans if b.runs_on(answer.on)])
    if answer.present or barred is None or barred.last_day is None:
        return answer
    free = barred.last_day + dt.timedelta(days=1)
    after = status(case, free, length)
    used_up = length is not None or after.max_stay_days == 0
    return replace(answer, latest_exit=None, max_stay_days=0, limited_by="entry_ban",
                   earliest_entry=after.earliest_entry if used_up else free,
                   earliest_until=after.earliest_until if used_up else None,
                   earliest_meets=None, planned_stay=None, register_by=None)


def _left(history: History, members: Sequence[Member], on: dt.date
          ) -> Callable[[Offence], dt.date | None]:
    """The day the person left the host after an overstay: the exit of the stay its last day
    is in, if on or before the query day (None: still there, or leaving only later)."""
    codes = {m.country for m in members}

    def left(offence: Offence) -> dt.date | None:
        stay = next((s for s in history.stays if s.country in codes
                     and s.entry <= offence.last_day <= s.until), None)
        return stay.exit if stay and stay.exit and stay.exit <= on else None
    return left


def _held_citizenship_note(history: History, members: Sequence[Member], cit: str,
                           name: str, why: str) -> list[str]:
    """A citizenship of the host that the profile also holds, when another is judged (``why``:
    as --citizenship asks, or the trip records): as its citizen the person would not be
    limited at all."""
    own = [c for c in history.citizenships if c != cit and any(m.country == c for m in members)]
    if not own:
        return []
    return [f"you also hold citizenship of {country_name(own[0])}: as its citizen you are not "
            f"limited in {name}. This answer judges the passport of {country_name(cit)}, {why}"]


def deciding_rules(answer: Answer) -> list[str]:
    """The rules that decide a stay answer: the limit that ends the stay, the registration
    deadline, an overstay."""
    return [*([answer.binding] if answer.binding else []),
            *([answer.register_by.rule] if answer.register_by else []),
            *(r for v in answer.violations for r in v.rules)]


def low_confidence_note(relied: Sequence[Applied], deciding: Sequence[str]) -> list[str]:
    """The rules of low confidence among ``deciding`` (the ids of those that decide the
    answer, as each command knows them). Said beside the answer, as the caseworker reads it,
    not only as "confidence low" in the rules listed after."""
    low = list(dict.fromkeys(a.id for a in relied if a.confidence == "low"
                             and a.id in deciding))
    if not low:
        return []
    which = "rules" if len(low) > 1 else "a rule"
    return [f"the answer rests on {listed(low)}, {which} of low confidence: check "
            f"{'their' if len(low) > 1 else 'its'} sources before acting on it"]


def _permit_notes(history: History, members: Sequence[Member], answer: Answer,
                  entries: Sequence[tuple[int, int | None]]) -> list[str]:
    """The profile's permits for the host that cover days of the stay judged (from its entry,
    or the query day, to its last day): those days neither count nor are limited, which is
    why a stay may run far past what the limit named beside it allows. The days are those
    the count leaves out (``_permit_days``, of the host's ``entries``)."""
    profile = history.profile
    if profile is None:
        return []
    first = answer.entered if answer.present and answer.entered else answer.on
    last = answer.latest_exit or answer.on
    codes = {m.country for m in members}
    return [f"{held_permit(p.kind, country_name(p.country), p.valid_from, p.valid_to)} "
            "covers days of this stay: they neither count nor are limited"
            for p in profile.permits if p.country in codes
            and (days := _permit_days(p, entries))[0] <= min(days[1], last.toordinal())
            and days[1] >= first.toordinal()]


def _stay_open(history: History, members: Sequence[Member], answer: Answer) -> bool:
    """Whether the stay under way on the query day has no exit recorded."""
    codes = {m.country for m in members}
    return answer.present and any(
        s.exit is None and s.country in codes and s.entry <= answer.on for s in history.stays)


def registered_stay_entry(answer: Answer) -> dt.date | None:
    """The entry day of the stay whose registration the answer gives, as the engine picks
    it: the stay under way; for ``plan`` when away, the planned stay from its earliest entry;
    else a stay entered on the query day (none when no stay may begin then)."""
    if answer.present:
        return answer.entered
    if answer.length is not None:
        return answer.earliest_entry
    return None if answer.max_stay_days == 0 else answer.on


def _registration_note(regime: Regime, answer: Answer, others: Sequence[OtherAccount],
                       cit: str, name: str, calendar: WorkingCalendar,
                       stay_open: bool) -> list[str]:
    """Why no registration deadline is given, when none is: the pack has no registration
    rule for the stay (whether one is needed is not known), its rule sets no duty, or the
    stay ends before the deadline (needing none, or, where the sources count the deadline
    from arrival only, with that left open). Said, so that a missing rule is not read as "none
    needed".
    Nothing is said of a stay over the limit: it should end now, deadline or not."""
    entry = registered_stay_entry(answer)
    rules = _registration_rules_in_force(regime, answer)
    if rules is None or entry is None:
        return []
    registration = [a for a in regime.applied if a.rule.topic == "registration"]
    began = "begun" if answer.present else "beginning"
    if not rules:
        return [f"the rule pack has no registration rule for citizens of {country_name(cit)} in "
                f"{name} for a stay {began} on {format_long(entry)}: whether it must be "
                f"registered is not known{_later_rule(registration, entry, answer)}"]
    with_duty = [a for a in rules if any(isinstance(c, Registration) for c in a.constraints)]
    if not with_duty:
        # another account of the rule may set one for this very stay: say so where it does
        set_elsewhere = [o.variant for o in others if o.answer.register_by is not None]
        elsewhere = (f"; under --assume {' or --assume '.join(set_elsewhere)} it must be "
                     "registered (see below)" if set_elsewhere else "")
        # "no duty" may be read from the sources' silence: a low confidence is said in the
        # sentence that gives it, not in a note apart that reads as about another matter
        low = (" (a rule of low confidence: check its sources before acting on it)"
               if rules[0].confidence == "low" else "")
        return [f"{rules[0].id} sets no registration duty for a stay {began} on "
                f"{format_long(entry)}{low}{elsewhere}"]
    rule = with_duty[0]
    duty = next(c for c in rule.constraints if isinstance(c, Registration))
    by = duty.deadline(entry, calendar)
    if duty.short_stays == "exempt":
        if stay_open and answer.latest_exit is not None:
            # No exit is recorded: the stay ends before the deadline only if the person leaves
            # by the latest exit, which a stay still going on need not do. That day is where
            # the pack's knowledge ends, not a limit, when the rules after it are unknown.
            last = ("the last day the rule pack knows the rules for"
                    if answer.limited_by == "unknown_rules" else "the last day the limits allow")
            return [f"if you leave by {format_long(answer.latest_exit)}, {last}, this stay needs "
                    "no registration: it ends before the deadline of "
                    f"{rule.id} ({format_long(by)})"]
        return [f"this stay needs no registration: it ends before the deadline of {rule.id}"]
    # ("required" never gets here: every stay has its deadline, in register_by)
    return [f"this stay ends before the deadline of {rule.id} ({format_long(by)}), which its "
            "sources count from arrival; whether a stay that ends sooner must still be "
            "registered, they do not say"]


def _no_registration_rule(regime: Regime, answer: Answer) -> bool:
    """Whether the answer gives no registration deadline for want of a registration rule in
    the pack in force on the stay's first day: whether one is needed is then not known, which
    is not "none needed" (a rule with no duty, or a stay ending before its deadline)."""
    return _registration_rules_in_force(regime, answer) == []


def _registration_rules_in_force(regime: Regime, answer: Answer) -> list[Applied] | None:
    """The registration rules in force on the first day of the stay whose registration the
    answer gives (registered_stay_entry), which decide it: a stay is judged by the rules of
    its first day. None where the answer has no word on registration beyond its deadline."""
    entry = registered_stay_entry(answer)
    if _registration_untold(answer) or entry is None:
        return None
    return [a for a in regime.applied if a.rule.topic == "registration" and a.in_force(entry)]


def _registration_untold(answer: Answer) -> bool:
    """Whether the answer has no word on registration beyond its deadline: one is given, no
    stay may begin, or what judges the stay is not known."""
    return (answer.register_by is not None or registered_stay_entry(answer) is None
            or answer.max_stay_days == 0 or bool(answer.unknown and not answer.present))


def _no_duty_rules(regime: Regime, answer: Answer) -> list[Applied]:
    """The registration rules that, in force on the stay's first day, set it no duty: they
    decide the answer's "no registration duty" as a deadline would, so a low confidence of
    theirs is said beside it (a duty inferred from silence is not a certainty)."""
    rules = _registration_rules_in_force(regime, answer) or []
    if any(isinstance(c, Registration) for a in rules for c in a.constraints):
        return []
    return rules


def _later_rule(registration: Sequence[Applied], entry: dt.date, answer: Answer) -> str:
    """Why a registration rule that takes effect during the stay, and so is listed among the
    rules relied on, does not set its deadline: a stay is judged by the registration rule of
    its first day (DESIGN), whatever comes into force while it lasts."""
    last = answer.latest_exit or answer.on
    later = [a for a in registration if entry < a.valid_from <= last]
    if not later:
        return ""
    rule = later[0]
    return (f". {rule.id}, in force from {format_long(rule.valid_from)}, is not applied to it: "
            "a stay's registration is judged by the rules of its first day")


def resolve_host(pack: Pack, country: str, on: dt.date) -> tuple[str, list[Member], list[str]]:
    """The host judging ``--country`` (a member country without rules of its own is judged by
    its zone), its member countries, and a warning when a zone was chosen."""
    host = fold_code(country)
    if "," in host or not pack.is_host(host):
        raise UsageError(f"--country {shown(country)} is not a country code or a zone of the pack"
                         f"{code_hint(country)}; "
                         f"expected one code such as KZ, or a zone: {', '.join(pack.zones)}")
    warnings: list[str] = []
    zone = _zone_of(pack, host, on)
    if zone is not None:
        warnings.append(f"{country_name(host)} has no stay rules of its own in the pack; judged "
                        f"as part of {zone.title} ({zone.id})")
        host = zone.id
    return host, _members(host, pack), warnings


def host_name(pack: Pack, host: str) -> str:
    return pack.zones[host].title if host in pack.zones else country_name(host)


@dataclass(frozen=True)
class Regime:
    """What judges one citizenship in one host: its limits, registration duties, and the days
    on which its stay rules are known."""

    limits: tuple[InForce, ...]
    registrations: tuple[RegistrationInForce, ...]
    known: tuple[Span, ...]
    unknown_reason: str
    applied: tuple[Applied, ...] = ()
    assumptions: tuple[Assumption, ...] = ()
    judged: str = ""  # "citizens of the Russian Federation in Kazakhstan"

    def reason_from(self, on: dt.date) -> str:
        """Why the stay is unknown from ``on``, naming the stay rule whose end leaves the first
        unknown day from then, when one does: "no stay rule ... on these days" left a person
        asking today unsure whether the pack never knew, or knew until a rule ended."""
        day = on.toordinal()
        for first, last in self.known:
            if first <= day <= last:
                day = last + 1
        # the gap holding that day begins the day after the last known day before it
        begins = max((last + 1 for _, last in self.known if last < day), default=None)
        ended = [a for a in self.applied if a.rule.topic == "stay" and a.valid_to is not None
                 and a.valid_to.toordinal() + 1 == begins]
        after = next((format_long(dt.date.fromordinal(first)) for first, _ in self.known
                      if first > day), None)
        if not ended:
            # no rule ended into the gap: the pack knows no stay rule there at all, or none
            # before its first one, said with that day ("on these days" named none)
            if self.judged and not self.known:
                return f"the rule pack has no stay rule for {self.judged}"
            if self.judged and begins is None and after is not None:
                return f"the rule pack has no stay rule for {self.judged} before {after}"
            return self.unknown_reason
        rule = ended[0]
        assert rule.valid_to is not None
        until = "" if after is None else f" until {after}"
        if rule.last_seen:
            return (f"{rule.id} holds until at least {format_long(rule.valid_to)} (the last day "
                    f"its sources show it in force), and what holds for {self.judged} after "
                    f"it{until}, the rule pack does not know")
        ends = "ended" if rule.valid_to < on else "ends"
        return (f"{rule.id} {ends} on {format_long(rule.valid_to)} and the rule pack has no "
                f"stay rule for {self.judged} after it{until}")


UNLIMITED = Regime((), (), ((0, FOREVER),), "")


def pack_regime(pack: Pack, host: str, cit: str, assume: tuple[str, ...] = ()) -> Regime:
    """The pack's rules for citizens of ``cit`` in ``host`` (a foreigner there)."""
    applied, assumptions = select(pack, host, cit, assume)
    limits = [InForce(a.id, c, _spans(a, c)) for a in applied for c in a.constraints
              if not isinstance(c, Registration)]
    regs = [RegistrationInForce(a.id, c, _spans(a, c)) for a in applied for c in a.constraints
            if isinstance(c, Registration)]
    known = merge(s for a in applied if a.rule.topic == "stay" for s in _spans(a))
    judged = f"citizens of {country_name(cit)} in {host_name(pack, host)}"
    reason = f"the rule pack has no stay rule for {judged} on these days"
    return Regime(tuple(limits), tuple(regs), tuple(known), reason, tuple(applied),
                  tuple(assumptions), judged)


def ad_hoc_regime(constraints: Sequence[Constraint]) -> Regime:
    """An ad-hoc regime from a ``--rule`` spec, in force on every day."""
    always = (0, FOREVER)
    return Regime(
        tuple(InForce(c.spec, c, (always,)) for c in constraints
              if not isinstance(c, Registration)),
        tuple(RegistrationInForce(c.spec, c, (always,)) for c in constraints
              if isinstance(c, Registration)),
        (always,), "")


def _zone_of(pack: Pack, country: str, on: dt.date) -> Zone | None:
    """The zone whose rules judge ``country``, when the country has no stay rules of its own."""
    if country in pack.zones or any(r.host == country and r.topic == "stay" for r in pack.rules):
        return None
    for zone in pack.zones.values():
        for m in zone.members:
            if m.country == country and m.holds_on(on):
                return zone
    return None


def ad_hoc_countries(country: str | None) -> list[str]:
    """The ``--country`` list that narrows a ``--rule`` (empty: every trip counts), each code
    once, in the order given: a code named twice is still one country."""
    codes = [fold_code(c) for c in country.split(",")] if country else []
    for code in codes:
        if not is_country(code):
            raise UsageError(f"--country {shown(code)} is not a country code{code_hint(code)};"
                             " with --rule give a comma list of ISO 3166-1 alpha-2 codes such as "
                             "KZ,KG")
    return list(dict.fromkeys(codes))


def _ad_hoc(history: History, pack: Pack, on: dt.date, country: str | None, spec: str,
            length: int | None, warnings: list[str]) -> StayReport:
    constraints = parse_spec(spec)
    codes = ad_hoc_countries(country)
    chosen = codes or sorted({s.country for s in history.stays})
    one_calendar(constraints, chosen)
    members = [Member(c, 0, FOREVER) for c in chosen]
    inside, outside = _split(history.stays, members, on.toordinal())
    host = ",".join(chosen) if codes else "any"
    case = _case(inside, outside, ad_hoc_regime(constraints), history, members,
                 chosen[0] if len(chosen) == 1 else None, pack)
    label = ", ".join(country_name(c) for c in chosen) or "no country"
    answer = status(case, on, length)
    return StayReport(answer, host, label, None, (), (), ad_hoc=tuple(constraints),
                      warnings=tuple(warnings),
                      planned_trip=_planned_trip(history, members, answer.planned_stay),
                      trip_within_plan=_planned_trip(history, members, answer.earliest_meets),
                      planned_entries=_planned_entries(case, on),
                      stays_elsewhere=_stays_elsewhere(history, members, on))


def _stays_elsewhere(history: History, members: Sequence[Member], on: dt.date
                     ) -> tuple[tuple[dt.date, dt.date, str], ...]:
    codes = {m.country for m in members}
    return tuple((s.entry, s.exit, s.country) for s in history.stays
                 if s.country not in codes and s.exit is not None and s.exit > on)


def _planned_entries(case: Case, on: dt.date) -> tuple[dt.date, ...]:
    return tuple(dt.date.fromordinal(first) for first, _ in case.host_entries
                 if first > on.toordinal())


def _case(inside: Sequence[tuple[int, int | None, str]], outside: Sequence[tuple[int, int | None]],
          regime: Regime, history: History, members: Sequence[Member],
          calendar_country: str | None, pack: Pack) -> Case:
    codes = {m.country for m in members}
    profile = history.profile
    entries = tuple(_entries(inside, outside))
    held = [(p, span) for p in (profile.permits if profile else []) if p.country in codes
            if (span := _permit_days(p, entries))[0] <= span[1]]
    exempt = merge(span for _, span in held)
    registered = tuple(sorted(r.on.toordinal() for r in (profile.registrations if profile else [])
                              if r.country in codes))
    return Case(
        host_entries=entries, elsewhere=tuple(outside),
        exempt=tuple(exempt), limits=regime.limits, registrations=regime.registrations,
        residence=tuple(merge(span for p, span in held if p.kind in RESIDENCE_KINDS)),
        known=regime.known, unknown_reason=regime.unknown_reason,
        calendar=working_calendar(calendar_country, pack), registered_on=registered,
        records_registrations=profile is not None)


def _permit_days(permit: PermitIn, entries: Sequence[tuple[int, int | None]]) -> Span:
    """The days ``permit`` takes out of the count (empty: last before first). An extension of
    stay adds days to the entry it was granted in, not to a later one: a re-entry during it,
    or on its last day (out and back), begins a stay of its own, counted from its first day."""
    first = permit.valid_from.toordinal()
    last = permit.valid_to.toordinal() if permit.valid_to else FOREVER
    if permit.kind == "extension":
        last = min([entry - 1 for entry, _ in entries if first <= entry <= last], default=last)
    return first, last


def one_calendar(constraints: Sequence[Constraint], countries: Sequence[str]) -> None:
    """Refuse an ad-hoc registration in working days over other than one country: a list of
    countries has no single set of public holidays, and weekends alone would be a guess."""
    working = any(isinstance(c, Registration) and c.unit == "working" for c in constraints)
    if working and len(countries) != 1:
        raise UsageError("a registration in working days needs one host's public holidays: "
                         "give --country with one code, e.g. --country KZ")


def working_calendar(host: str | None, pack: Pack | None) -> WorkingCalendar:
    """The host's working days, with the decrees moving days off that ``pack`` records (an
    ad-hoc --rule counts the host's days as the pack's rules do); a zone or a list of
    countries has no single calendar."""
    if not host or not is_country(host):
        return WorkingCalendar(None)
    return WorkingCalendar(host, pack.decreed_days(host) if pack else NO_DECREES)


def _relied_on(applied: Sequence[Applied], inside: Sequence[tuple[int, int | None, str]],
               answer: Answer) -> list[Applied]:
    """Rules in force on some day between the first recorded stay and the last day judged."""
    on = answer.on
    start = min([dt.date.fromordinal(s[0]) for s in inside] + [on])
    ends = [on]
    if answer.latest_exit:  # the rule that ends the stay judges the day after it
        ends.append(answer.latest_exit + dt.timedelta(days=1))
    if answer.earliest_entry:
        ends.append(answer.earliest_entry)
    if answer.earliest_until:  # plan's stay, on through the planned trips to the host it meets
        ends.append(answer.earliest_until)
    ends += [dt.date.fromordinal(s[1]) for s in inside if s[1] is not None]
    end = max(ends)
    return [a for a in applied
            if a.valid_from <= end and (a.valid_to is None or a.valid_to >= start)]
