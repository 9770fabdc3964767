"""The entry point, :func:`stay_report`: a history and the rules of its host (pack or
ad-hoc) made into an engine :class:`Case`, answered, and explained."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace

from sojourn.countries import country_name
from sojourn.dates import format_long
from sojourn.engine import Answer, Case, status
from sojourn.engine.evaluate import open_planned_stay_note
from sojourn.engine.intervals import Span, merge
from sojourn.errors import Gathered, UsageError
from sojourn.history import History
from sojourn.penalties import (
    BanLine,
    Offence,
    barring,
    entry_bans,
    penalty_lines,
    unknown_bans,
)
from sojourn.rules.loader import Pack
from sojourn.rules.select import Applied, other_accounts, refuse_assumed_for_ad_hoc
from sojourn.rules.spec import parse_spec
from sojourn.stay._applications import (
    ApplicationCover,
    application_covers,
    check_application_kinds,
)
from sojourn.stay._citizenships import (
    citizenship_code,
    held_citizenship_note,
    other_citizenships,
    own_citizenship_note,
    stay_citizenship,
)
from sojourn.stay._covers import Covering
from sojourn.stay._hosts import (
    host_name,
    resolve_host,
    working_calendar,
    zone_from_joining,
)
from sojourn.stay._notes import (
    cover_ends,
    deciding_rules,
    low_confidence_note,
    permit_notes,
    relied_on,
    stay_open,
    summonses_abroad,
)
from sojourn.stay._presence import (
    FOREVER,
    Member,
    host_entries,
    host_members,
    left_that_day,
    planned_entries,
    planned_trip,
    split,
    stays_elsewhere,
)
from sojourn.stay._regimes import (
    UNLIMITED,
    Regime,
    VisaEntry,
    ad_hoc_countries,
    ad_hoc_regime,
    as_member,
    one_calendar,
    pack_regime,
)
from sojourn.stay._registration import (
    lapsed_registration_note,
    no_duty_rules,
    no_registration_rule,
    overstay_registration,
    registration_note,
    registration_rules_relied_on,
)
from sojourn.stay._report import (
    Joining,
    OtherAccount,
    OtherCitizenship,
    PlannedTrip,
    ReturnIfBanned,
    StayReport,
    ZoneStay,
    entered_while_barred,
    freshness_note,
)

# the permits that make their holder a resident, whose stay needs no visitor's registration:
# an extension of stay or a long-stay visa lengthens a visit, and registers no one
RESIDENCE_KINDS = frozenset({"residence_permit", "temporary_residence", "permanent_residence"})


def stay_report(history: History, pack: Pack, *, on: dt.date, country: str | None = None,
                rule_spec: str | None = None, citizenship: str | None = None,
                assume: tuple[str, ...] = (), length: int | None = None,
                compare: bool = False, left_is_away: bool = False,
                entry_from: dt.date | None = None) -> StayReport:
    """Answer how long the person may stay, under the pack's rules or an ad-hoc regime.

    With ``entry_from``, plan's new entry is sought from that day on (under the pack's rules:
    the host's entry rules refuse the way in asked before it, `plan --by`).

    With ``compare``, the answer under each other account of a contested rule it relied on
    is given beside it (:class:`OtherAccount`), and the answer under each other citizenship
    held (:class:`OtherCitizenship`): one more evaluation per account and per citizenship,
    for the fronts that show them (status, plan, report).

    With ``left_is_away``, a host the person leaves on the query day for another country (a
    crossing day: History.ends_day_in) is judged as one they are away from, a new entry that
    day with its own count, as `destinations` judges every host but the one the day ends in.
    Without it, as `status` asks of the host, the person is still there, and the stay
    elsewhere begun that day ends the stay (docs/counting.md)."""
    warnings = list(history.warnings)
    # a kind the pack has no permit rule by is bad input, not an application of unknown effect
    check_application_kinds(history, pack)
    if rule_spec is None and country is None:
        here = history.stays_on(on)
        hint = (f", e.g. --country {here[-1].country}, where the history has you on {on}"
                if here else "")
        raise UsageError(f"give --country CODE (rules from the pack{hint}) or --rule SPEC")
    if rule_spec is not None:
        with Gathered() as gathered:  # each bad option told at once, in this order
            if citizenship:  # not used by an ad-hoc regime, but a typo is said, as batch says
                gathered.read(citizenship_code, citizenship)
            gathered.read(refuse_assumed_for_ad_hoc, assume)
            gathered.read(parse_spec, rule_spec)
            gathered.read(ad_hoc_countries, country)
        return _ad_hoc(history, pack, on, country, rule_spec, length, warnings)
    assert country is not None
    host, members, zone_warnings = resolve_host(pack, country, on)
    report = _pack_report(history, pack, on, country, (host, members, zone_warnings),
                          citizenship, assume, length, compare, warnings,
                          left_is_away=left_is_away, entry_from=entry_from)
    joining = zone_from_joining(pack, host, on)
    if joining is None or report.own_citizen:
        return report
    zone, joins = joining
    members = host_members(zone.id, pack)

    def ask_zone(day: dt.date, days: int | None) -> StayReport:
        """The same question put to the zone, as it judges the state (Regime.as_member):
        unknown before the day it joins, its own rules from that day."""
        return _pack_report(history, pack, day, country, (zone.id, members, []), citizenship,
                            assume, days, False, list(history.warnings),
                            left_is_away=left_is_away, entry_from=entry_from)

    trip = _trip_across(history, host, joins, on)
    in_zone = ask_zone(_zone_asked_on(report.answer, joins, trip), length)
    return _before_joining(report, in_zone, Joining(zone.id, zone.title, joins, trip), ask_zone)


def _trip_across(history: History, state: str, joins: dt.date, on: dt.date
                 ) -> PlannedTrip | None:
    """The recorded stay in ``state`` begun before the day it joins a zone (``joins``) and
    recorded to go on to that day or past it: the state's own rules judged its entry, and the
    zone counts it as entered on the joining day. (A trip begun that day is an entry the zone
    judges, as any planned trip.) A trip planned after the query day (``on``) with no exit
    recorded goes on to that day too: nothing recorded ends it before (in Croatia from 20
    December 2022, asked on 1 December, "the earliest you can enter is 1 January 2023" offered
    a day the person is there already); a stay under way with no exit is taken to end on the
    query day, as the state's answer ends it."""
    stay = next((s for s in history.stays if s.country == state and s.entry < joins
                 and (joins <= s.exit if s.exit is not None else on < s.entry)), None)
    return None if stay is None else PlannedTrip((state,), stay.entry, stay.exit, broken=False)


def _zone_asked_on(answer: Answer, joins: dt.date, trip: PlannedTrip | None) -> dt.date:
    """The day the zone a state joins on ``joins`` is asked about, for the new stay a plan
    seeks: the joining day for a person in the state then, whether there on the query day or
    on a recorded trip across that day (``trip``), else the query day. Asked on the query day,
    the zone saw the stay under way on the joining day as a planned entry then and offered a
    new stay beginning then, while the person was still there (in Croatia from 20 December
    2022 to 10 January 2023: "the earliest a new 30-day stay can begin is 1 January 2023",
    asked on 25 December; "the earliest you can enter is 1 January 2023", asked on 1 December,
    before the trip). On the joining day it sees that stay as it counts there, entered that
    day, and seeks the new one from the day it is recorded to end (10 January), as for any
    person present; a stay with no exit recorded, which the state's answer ends on the query
    day, it sees go on to the joining day, whose one day the new stay from then takes in."""
    return joins if answer.present or trip is not None else answer.on


def _before_joining(report: StayReport, in_zone: StayReport, joining: Joining,
                    ask_zone: Callable[[dt.date, int | None], StayReport]) -> StayReport:
    """``report``, a state's own answer (none in the pack: unknown) on a day before it joins a
    zone (``joining``: Croatia, the Schengen area, 1 January 2023), with what the zone's rules
    say from that day (``in_zone``, asked on the day _zone_asked_on gives): where the state's
    own rules find no day a stay of ``length`` days may begin, the first the zone's find, for
    a person away (from the joining day) as for one in the state then (after leaving: on 10
    January 2023, the day the stay under way is recorded to end, the zone having counted its
    days from 1 January), with the rules it relies on; and a note that the zone's count of
    the days in the state begins that day. Where the zone's find none either, its limit says
    why; either way, the days a stay begun before the joining day keeps within the zone's
    rules from then (``ask_zone``: the zone asked on a day, for a length) are told
    (Joining.unknown_starts), where no trip across that day comes first."""
    joins = joining.on
    zone = f"{joining.title} ({joining.zone})"
    note = (f"from {format_long(joins)} {report.host_name} is judged as part of {zone}, which "
            f"it joins that day: the stay rules of {joining.title} count your days in "
            f"{report.host_name} from that day on, not those before it")
    report = replace(report, answer=_trip_carried_on(report.answer, joining),
                     notes=(*report.notes, note), joining=joining)
    answer, later = report.answer, in_zone.answer
    if answer.earliest_entry is None and later.earliest_entry is None and (
            later.too_long_limits):
        # no stay that long from then on either: the zone's limit says why, not "no later
        # stretch of known rules holds it", which read as the rules unknown for 10 years
        starts = _starts_before_joining(answer, joining, ask_zone)
        return replace(report, rules=(*report.rules, *_zone_rules(report, in_zone, joins)),
                       answer=replace(answer, too_long=later.too_long,
                                      too_long_limits=later.too_long_limits),
                       joining=replace(joining, unknown_starts=starts,
                                       stay=_open_trip_in_zone(joining, later)))
    if answer.length is None:
        return _stay_from_joining(report, in_zone)
    if answer.earliest_entry is not None or later.earliest_entry is None:
        return report
    relied = _zone_rules(report, in_zone, later.earliest_entry)
    used = {r.id for r in relied}
    # the first day the zone's rules find is not the first a stay may begin: one begun before
    # the joining day, under the state's own rules, may keep within the zone's from then (a
    # 30-day stay into Croatia begun in December 2022)
    starts = _starts_before_joining(answer, joining, ask_zone)
    return replace(
        report, rules=(*report.rules, *relied),
        assumptions=(*report.assumptions, *(a for a in in_zone.assumptions if a.rule in used)),
        answer=replace(answer, earliest_entry=later.earliest_entry,
                       earliest_until=later.earliest_until, earliest_meets=later.earliest_meets),
        trip_within_plan=in_zone.trip_within_plan,
        joining=replace(joining, unknown_starts=starts))


def _trip_carried_on(answer: Answer, joining: Joining) -> Answer:
    """The state's own ``answer`` without its note that only the first day of a planned trip
    with no exit recorded is counted, where that trip is the one across the joining day
    (Joining.trip, last day None): the zone's rules carry it on from that day, and the plan
    says so ("a stay of 30 days from 1 January 2023 ... is that trip going on"), which the
    note, of the state's own answer (unknown: it counts nothing), contradicted."""
    trip = joining.trip
    if trip is None or trip.last is not None:
        return answer
    taken_back = open_planned_stay_note(trip.first, answer.on)
    return replace(answer, notes=tuple(n for n in answer.notes if n != taken_back))


def _stay_from_joining(report: StayReport, in_zone: StayReport) -> StayReport:
    """``report``, `status`'s answer (no length) on a day before the state joins a zone, with
    how long the zone's rules let the stay under way run from the joining day (``in_zone``,
    asked on it), where the person is recorded there on both days: the state's own rules
    being unknown, "cannot say how long" alone left unsaid that from 1 January 2023 the
    Schengen area counts a stay in Croatia as entered that day and allows it to 31 March 2023
    (from an empty window), as `plan` says of the same stay."""
    answer, later, joining = report.answer, in_zone.answer, report.joining
    assert joining is not None
    if (not answer.present or not later.present or later.latest_exit is None
            or later.max_stay_days is None or answer.latest_exit is not None):
        return report
    stay = ZoneStay(later.latest_exit, later.max_stay_days, later.binding_figures)
    return replace(report, rules=(*report.rules, *_zone_rules(report, in_zone, joining.on)),
                   joining=replace(joining, stay=stay))


def _open_trip_in_zone(joining: Joining, later: Answer) -> ZoneStay | None:
    """Joining.stay for a plan too long for the zone beside a recorded trip across the
    joining day with no exit (``later``: the zone's answer on that day, the trip counted as
    entered then): how long the zone's rules let that trip run, as the plan of a length they
    allow says it goes on ("a stay of 30 days from 1 January 2023 ... is that trip going
    on"); "No stay of 100 days can begin" alone left unsaid that it may run to 31 March
    2023. None for a trip with an exit recorded, which ends then."""
    trip = joining.trip
    if (trip is None or trip.last is not None or not later.present
            or later.latest_exit is None or later.max_stay_days is None):
        return None
    return ZoneStay(later.latest_exit, later.max_stay_days, later.binding_figures)


def _starts_before_joining(answer: Answer, joining: Joining,
                           ask_zone: Callable[[dt.date, int | None], StayReport]
                           ) -> tuple[dt.date, dt.date] | None:
    """Joining.unknown_starts for ``answer``, the state's own, whether or not a stay of the
    length asked for fits the zone's rules from the joining day: none after a recorded trip
    across that day (Joining.trip), as the new stay comes after leaving it, and one begun
    before would take in that trip's days, which the zone counts from the joining day; a
    100-day stay from 1 December 2022 was offered December starts beside a trip in Croatia
    from 20 December 2022 to 10 January 2023, while the stay after it, as asked from 25
    December, cannot be that long."""
    if joining.trip is not None:
        return None
    return _unknown_starts(answer, joining.on, ask_zone(joining.on, None).answer)


def _unknown_starts(answer: Answer, joins: dt.date, entering: Answer
                    ) -> tuple[dt.date, dt.date] | None:
    """The first and last day a stay of ``answer.length`` days may begin before the day the
    state joins a zone (``joins``) and keep within the zone's rules on its days from it: a
    stay begun on such a day is judged by the state's own rules before it (none in the pack),
    so whether it may begin is not known, where a flat "no" said it may not (a stay the zone
    holds too long from then on), or the first day the zone's rules allow read as the first
    day at all (a 30-day stay from 1 December 2022, offered 1 January 2023). The zone
    counts such a stay as entered on the joining day (``entering``: the zone's answer asked
    on it, for a person entering or there then), and holds it to that answer's latest exit:
    a 100-day stay into Croatia's 90 days in any 180 from 1 January 2023 may begin by 22
    December 2022. None where no day is such."""
    assert answer.length is not None
    first = answer.leaving if answer.present and answer.leaving is not None else answer.on
    if entering.max_stay_days == 0:
        reach = joins - dt.timedelta(days=1)  # no day in the zone: the stay ends before it
    elif entering.latest_exit is not None:
        reach = entering.latest_exit
    else:
        return None  # the zone's rules unknown later on: no last day to keep within
    last = min(joins - dt.timedelta(days=1), reach - dt.timedelta(days=answer.length - 1))
    return (first, last) if first <= last else None


def _zone_rules(report: StayReport, in_zone: StayReport, since: dt.date
                ) -> tuple[Applied, ...]:
    """The rules of the zone's answer (``in_zone``) in force from ``since`` (the day the
    stay can begin, or the joining day) that ``report`` does not list yet: the zone judges
    the stay by them."""
    known = {r.id for r in report.rules}
    return tuple(r for r in in_zone.rules if r.id not in known
                 and (r.valid_to is None or r.valid_to >= since))


def visa_entries(history: History, host: str, inside: Sequence[tuple[int, int | None, str]]
                 ) -> list[VisaEntry]:
    """The stays in ``host`` entered on a visa of it the profile holds: the entry day within
    the visa's validity (from its issue, where given, to its end, where given). A CSV history
    holds no documents, so each of its entries is taken as made without a visa."""
    person = history.profile.person if history.profile else None
    visas = [d for d in (person.documents if person else [])
             if d.type == "visa" and d.country == host]
    found: list[VisaEntry] = []
    for first, last, _ in inside:
        entry = dt.date.fromordinal(first)
        held = [d for d in visas if (d.issued is None or d.issued <= entry)
                and (d.expires is None or entry <= d.expires)]
        if held:  # the one lasting longest, as destinations counts a visa
            ends = max((d.expires for d in held), key=lambda e: e or dt.date.max)
            found.append(VisaEntry(entry, None if last is None else dt.date.fromordinal(last),
                                   ends))
    return found


def _pack_report(history: History, pack: Pack, on: dt.date, country: str,
                 judged: tuple[str, list[Member], list[str]], citizenship: str | None,
                 assume: tuple[str, ...], length: int | None, compare: bool,
                 warnings: list[str], *, left_is_away: bool = False,
                 entry_from: dt.date | None = None) -> StayReport:
    """The answer under the pack's rules for ``host``, as ``judged`` (resolve_host's: the
    host, its members, its warnings) judges ``--country``; ``left_is_away`` and
    ``entry_from`` as stay_report's."""
    host, members, zone_warnings = judged
    warnings += zone_warnings
    cit = stay_citizenship(history, pack, host, members, citizenship, warnings, on)
    inside, outside = split(history.stays, members, on.toordinal())
    name = host_name(pack, host)
    left_behind = left_is_away and left_that_day(history, members, on)
    if any(m.country == cit for m in members):
        # A host's own citizens are not subject to its rules for foreigners.
        case = _case(inside, outside, UNLIMITED, history, members, host, Covering(pack),
                     left_behind)
        answer = status(case, on, length, entry_from)
        return StayReport(answer, host, name, cit, (), (),
                          warnings=tuple(warnings), own_citizen=True,
                          notes=tuple(() if citizenship else
                                      own_citizenship_note(history, members, cit, name, on)),
                          trip_within_plan=planned_trip(history, members,
                                                        answer.earliest_meets, on),
                          planned_entries=planned_entries(case, on),
                          stays_elsewhere=stays_elsewhere(history, members, on)
                          ).with_kept_in(summonses_abroad(history, pack, answer, assume))
    regime = as_member(pack_regime(pack, host, cit, assume, visa_entries(history, host, inside)),
                       pack, country, host)
    regime = replace(regime, unknown_reason=regime.reason_from(on))
    covering = Covering.of(pack, host, cit, assume)
    case = _case(inside, outside, regime, history, members, host, covering, left_behind)
    answer = status(case, on, length, entry_from)
    # an application under way is judged timely by the answer without it, then its days
    # leave the count as a permit's do
    applications = application_covers(history, pack, [m.country for m in members], cit,
                                      assume, on, answer.violations,
                                      lambda day: _legal_stay_end(case, day))
    if any(c.span for c in applications):
        case = _with_applications(case, applications)
        answer = status(case, on, length, entry_from)
        applications = tuple(_if_still_pending(case, c) for c in applications)
    relied = relied_on(regime.applied, inside, answer,
                       registration_rules_relied_on(regime, answer, case.residence))
    used = {a.id for a in relied}
    # and the account of a permit's contested filing deadline an application's cover rests
    # on, which the other accounts are then compared under, as the stay limit's are
    assumptions = (*(x for x in regime.assumptions if x.rule in used),
                   *dict.fromkeys(x for c in applications
                                  if (x := c.contested_due) is not None))
    penalties = penalty_lines(pack, host, cit, answer, assume,
                              overstay_registration(history, members))
    person = history.profile.person if history.profile else None
    left, born = _left(history, members, on), person.born if person else None
    bans = entry_bans(penalties, left, born)
    # still in the host, the new entry the answer offers comes after leaving: the bans the
    # overstays of the stay under way bring then, judged as after a recorded exit, and those
    # an earlier recorded exit brought that still run then, which coming back does not undo
    leaving = _leaving(history, members, answer)
    if_leaving = tuple(b for b in entry_bans(penalties, leaving, born, if_leaving=True)
                       if b.left is not None) if answer.present else ()
    barring_bans = (*if_leaving, *bans) if answer.present else bans
    answer = _barred(answer, case, barring_bans, length, entry_from)
    returns = _returns_if_banned(answer, case, barring_bans, length, entry_from)
    # a penalty line names its rule: listed with the others, a reader finds its sources
    named = {r.id: r for line in penalties for r in (line.rule, line.later) if r is not None}
    told = permit_notes(history, members, answer, case.host_entries, covering)
    # and so does a cover rule a permit's note names, whether its days cover the stay or its
    # terms leave them counted: the answer rests on it as on the limits
    named.update({r.id: r for note in told for r in note.rules})
    named.update({r.id: r for c in applications for r in c.rules})
    relied += [r for rule_id, r in named.items() if rule_id not in used]
    others: list[OtherAccount] = []
    citizens: list[OtherCitizenship] = []
    if compare:
        for variant, picks in other_accounts(pack, assumptions, assume):
            other = stay_report(history, pack, on=on, country=country,
                                citizenship=citizenship, assume=picks,
                                length=length, compare=False, left_is_away=left_is_away,
                                entry_from=entry_from)
            others.append(OtherAccount(variant, other.answer, other.registration_unknown))
        citizens += [_under(history, pack, on, country, c, assume, length, left_is_away)
                     for c in other_citizenships(history, pack, host, members, cit, on)]
    notes = [*held_citizenship_note(history, members, cit, name),
             *(note.words for note in told),
             *(c.words for c in applications),
             *registration_note(regime, answer, others, cit, name, case.calendar,
                                stay_open(history, members, answer), case.residence),
             *lapsed_registration_note(history, members, answer, name),
             # the first of the no-duty rules is named, with its confidence, in the note above
             *low_confidence_note(relied, [*deciding_rules(answer),
                                           *(a.id for a in no_duty_rules(regime, answer)[1:])]),
             *filter(None, [freshness_note(relied, on)])]
    return StayReport(answer, host, name, cit, tuple(relied), assumptions,
                      warnings=tuple(warnings), notes=tuple(notes),
                      registration_unknown=no_registration_rule(regime, answer),
                      other_accounts=tuple(others),
                      other_citizenships=tuple(citizens),
                      planned_trip=planned_trip(history, members, answer.planned_stay, on),
                      trip_within_plan=planned_trip(history, members, answer.earliest_meets, on),
                      planned_entries=planned_entries(case, on),
                      stays_elsewhere=stays_elsewhere(history, members, on),
                      penalties=penalties, entry_bans=bans, bans_if_leaving=if_leaving,
                      returns_if_banned=returns,
                      bans_unknown=unknown_bans(penalties, left, born, leaving=(
                          leaving if answer.present else None)),
                      cover_ends=cover_ends(history, members, case.host_entries, covering,
                                            merge([*case.exempt, *case.extended]), on),
                      covered_ahead=days_ahead(case.exempt, on, answer.latest_exit),
                      extended_ahead=days_ahead(case.extended, on, answer.latest_exit),
                      applications=applications,
                      ).with_kept_in(summonses_abroad(history, pack, answer, assume))


def _legal_stay_end(case: Case, day: dt.date) -> dt.date | None:
    """The last day of the legal stay as ``case`` gives it on ``day`` (None: no limit, or
    none known), the day a permit's filing deadline counts back from, as a plan's does."""
    answer = status(case, day)
    return None if answer.max_stay_days is None else answer.latest_exit


def _with_applications(case: Case, applications: Sequence[ApplicationCover]) -> Case:
    """``case`` with the days the applications cover out of the count, as a permit's."""
    spans = [c.span for c in applications if c.span is not None]
    return replace(case, exempt=tuple(merge([*case.exempt, *spans])))


def _if_still_pending(case: Case, cover: ApplicationCover) -> ApplicationCover:
    """``cover`` with the last day of the stay were it still pending on its cap's last day
    (ApplicationCover.pending_until): the answer with its days to the cap out of the count,
    those after counted under the stay limit again. Asked on the query day, its latest exit
    is the cap's last day, or later where the limit leaves days after it (Kazakhstan: filed
    on 9 May 2024, the cover ends on 6 August, and 21 days left then run to 4 November, as
    the days before the filing roll out of the window). Unchanged without a cap ahead."""
    ahead = cover.cap_ahead
    if ahead is None:
        return cover
    pending = status(replace(case, exempt=tuple(merge([*case.exempt, ahead]))), cover.on)
    return replace(cover, pending_until=(pending.latest_exit if pending.max_stay_days
                                         is not None else None))


def days_ahead(spans: Sequence[Span], on: dt.date, last: dt.date | None) -> int:
    """How many of the days after ``on`` up to ``last`` (the latest exit) ``spans`` (sorted,
    disjoint) hold: the days the permits held cover (``Case.exempt``), or those an
    extension of stay adds (``Case.extended``)."""
    if last is None:
        return 0
    first, end = on.toordinal() + 1, last.toordinal()
    return sum(max(0, min(b, end) - max(a, first) + 1) for a, b in spans)


def _under(history: History, pack: Pack, on: dt.date, country: str, citizenship: str,
           assume: tuple[str, ...], length: int | None, left_is_away: bool
           ) -> OtherCitizenship:
    """The answer had the person entered on their passport of ``citizenship``, with the day
    an overstay's ban under it bars entry until."""
    other = stay_report(history, pack, on=on, country=country, citizenship=citizenship,
                        assume=assume, length=length, compare=False, left_is_away=left_is_away)
    return OtherCitizenship(citizenship, other.answer,
                            other.barred.last_day if other.barred else None,
                            other.registration_unknown)


def _barred(answer: Answer, case: Case, bans: Sequence[BanLine], length: int | None,
            entry_from: dt.date | None = None) -> Answer:
    """The answer for a person away whom an entry ban bars on the query day, as for one whose
    days are used up: no stay begins that day (``limited_by`` "entry_ban"), and the earliest
    entry is the first day after the ban on which the stay rules allow it (a stay of
    ``length`` days, if given); no registration is owed for a stay that cannot begin.

    For a person still in the host, ``bans`` are those leaving would bring (BanLine.if_leaving,
    from ``answer.leaving``) and those earlier recorded exits brought: the stay under way is
    as the count gives it, and the new entry the answer offers after leaving
    (``earliest_entry``) comes after the one of them still running on that day that ends
    last. One whose entry under way such a ban barred (``_entered_barred``) may stay no day
    more, as one over the count is, and is offered that new entry too, though the engine,
    finding days left by the count, sought none: after the bans still running on the day of
    leaving, or, with none then, the first day after it the stay rules allow.

    ``entry_from`` (stay_report's: the entry rules refuse the way asked before it) holds
    that entry back as the ban does: the later of the two is the first day sought."""
    entered_barred = answer.present and barring(entered_while_barred(answer, bans)) is not None
    if entered_barred:
        answer = _entered_barred(answer)
    day = answer.leaving if answer.present else answer.on
    barred = barring([b for b in bans if day is not None and b.runs_on(day)])
    # one whose entry was barred may stay no day more, as one over the count, but the engine,
    # which found days left by the count, sought no new entry: it is sought here, from the day
    # after leaving, or after the bans still running then
    unsought = entered_barred and answer.earliest_entry is None
    last_day = (barred.last_day if barred is not None
                else answer.leaving if unsought else None)
    if last_day is None:
        return answer  # no ban, or one of no known end: nothing to put off
    if answer.present and answer.earliest_entry is None and not unsought:
        return answer  # no new entry offered: none to put off
    entry, until = _entry_after(answer, case, last_day, length, entry_from)
    put_off = replace(answer, earliest_entry=entry, earliest_until=until, earliest_meets=None)
    if answer.present:
        return put_off
    return replace(put_off, latest_exit=None, max_stay_days=0, limited_by="entry_ban",
                   planned_stay=None, register_by=None)


def _entered_barred(answer: Answer) -> Answer:
    """The answer for a person in the host whose entry under way a ban of an earlier recorded
    exit barred (StayReport.entered_barred): no day of that stay is lawful, however the count
    of days stands, so no stay runs on from the query day (``limited_by`` "entry_ban", as for
    a person away whom a ban bars), the count told as it is. Without it, back the day he left
    Thailand after 134 days over, the earlier stay's last day read as the stay under way's
    and the answer said "over the limit", and a week later "you may stay until 26 December"."""
    return replace(answer, latest_exit=None, max_stay_days=0, limited_by="entry_ban",
                   planned_stay=None)


def _entry_after(answer: Answer, case: Case, last_day: dt.date, length: int | None,
                 entry_from: dt.date | None = None) -> tuple[dt.date | None, dt.date | None]:
    """The earliest entry (and the last day of the stay from it) the answer offers once a ban
    ending on ``last_day`` is over: the day after it, or, where the stay rules then allow no
    day (or a stay of ``length`` days is asked for), the first day they allow it. Not before
    ``entry_from`` where given: `plan --by` asks again from the first day the entry rules may
    let the person in the way asked, and a ban ending before it offered back, each time, the
    day they had refused (the search never ended)."""
    free = last_day + dt.timedelta(days=1)
    if entry_from is not None and entry_from > free:
        free = entry_from
    after = status(_left_on(case, answer.leaving) if answer.present else case, free, length)
    if length is not None or after.max_stay_days == 0:
        return after.earliest_entry, after.earliest_until
    return free, None


def _returns_if_banned(answer: Answer, case: Case, bans: Sequence[BanLine],
                       length: int | None, entry_from: dt.date | None = None
                       ) -> tuple[ReturnIfBanned, ...]:
    """For each ban on a condition the tool cannot ask (certain, of known length, barring
    entry only in that case: not BanLine.bars) that still runs on the earliest entry the
    answer offers, the earliest entry were it to hold, as ``_barred`` finds the answer's own:
    the day status and plan give "or 20 November 2031 if arrested and prosecuted"."""
    back = answer.earliest_entry
    if back is None:
        return ()
    conditional = [b for b in bans if b.ban.condition and b.ban.certainty == "certain"
                   and not b.bars and b.last_day is not None and b.runs_on(back)]
    days: dict[dt.date, dt.date | None] = {}  # by the ban's last day: one count for each
    returns: list[ReturnIfBanned] = []
    for b in conditional:
        assert b.last_day is not None
        if b.last_day not in days:
            days[b.last_day] = _entry_after(answer, case, b.last_day, length, entry_from)[0]
        if (day := days[b.last_day]) is not None:
            returns.append(ReturnIfBanned(b, day))
    return tuple(returns)


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


def _left_on(case: Case, leaving: dt.date | None) -> Case:
    """``case`` with the stay in the host under way on ``leaving`` and no exit recorded ended
    that day: judged from a later day, it would be taken to go on to that day. A planned
    entry with no exit recorded stays as it is."""
    if leaving is None:
        return case
    last = leaving.toordinal()
    return replace(case, host_entries=tuple(
        (first, last if end is None and first <= last else end)
        for first, end in case.host_entries))


def _leaving(history: History, members: Sequence[Member], answer: Answer
             ) -> Callable[[Offence], dt.date | None]:
    """For a person in the host on the query day, the day they would leave the stay an
    overstay was in, were it the stay under way: the day they are taken to leave
    (``answer.leaving``: the query day, or the exit recorded after it). None for an overstay
    of an earlier stay, whose ban ``_left`` gives: one left on the query day too, where a
    stay entered that day is under way (the engine's latest entry containing the day), lest
    its ban run from the later exit, and the overstay read as both behind and ahead."""
    codes = {m.country for m in members}
    there = [s for s in history.stays if s.country in codes]
    under_way = next((s for s in reversed(there) if s.entry <= answer.on <= s.until), None)

    def left(offence: Offence) -> dt.date | None:
        # the stay the overstay was in, as ``_left`` finds it
        stay = next((s for s in there if s.entry <= offence.last_day <= s.until), None)
        return answer.leaving if stay is not None and stay is under_way else None
    return left


def _ad_hoc(history: History, pack: Pack, on: dt.date, country: str | None, spec: str,
            length: int | None, warnings: list[str]) -> StayReport:
    constraints = parse_spec(spec)
    codes = ad_hoc_countries(country)
    chosen = codes or sorted({s.country for s in history.stays})
    one_calendar(constraints, codes, chosen)
    members = [Member(c, 0, FOREVER) for c in chosen]
    inside, outside = split(history.stays, members, on.toordinal())
    host = ",".join(chosen) if codes else "any"
    # an ad-hoc regime stands in for the pack's rules: a permit whose days only a pack rule
    # covers (an employment contract) covers none under it, which its note says
    covering = Covering(pack, reads_pack=False)
    case = _case(inside, outside, ad_hoc_regime(constraints), history, members,
                 chosen[0] if len(chosen) == 1 else None, covering)
    label = ", ".join(country_name(c) for c in chosen) or "no country"
    answer = status(case, on, length)
    # the permits are told as under the pack's rules: a residence permit's days leave the
    # count here too, and a contract's do not
    notes = [n.words for n in permit_notes(history, members, answer, case.host_entries,
                                           covering)]
    # an application covers days only where the pack says so: under an ad-hoc regime, none
    applications = application_covers(history, None, chosen, None, (), on, ())
    notes += [c.words for c in applications]
    return StayReport(answer, host, label, None, (), (), ad_hoc=tuple(constraints),
                      warnings=tuple(warnings), notes=tuple(notes),
                      planned_trip=planned_trip(history, members, answer.planned_stay, on),
                      trip_within_plan=planned_trip(history, members, answer.earliest_meets, on),
                      planned_entries=planned_entries(case, on),
                      stays_elsewhere=stays_elsewhere(history, members, on),
                      covered_ahead=days_ahead(case.exempt, on, answer.latest_exit),
                      extended_ahead=days_ahead(case.extended, on, answer.latest_exit),
                      applications=applications)


def _case(inside: Sequence[tuple[int, int | None, str]], outside: Sequence[tuple[int, int | None]],
          regime: Regime, history: History, members: Sequence[Member],
          calendar_country: str | None, covering: Covering,
          left_on_query_day: bool = False) -> Case:
    codes = {m.country for m in members}
    profile = history.profile
    entries = tuple(host_entries(inside, outside))
    held = [(p, span) for p in (profile.permits if profile else []) if p.country in codes
            for span in covering.days(p, entries).spans]
    # an extension of stay's days are lawful, not uncounted: they weigh on a later count
    exempt = merge(span for p, span in held if p.kind != "extension")
    registered = tuple(sorted(r.on.toordinal() for r in (profile.registrations if profile else [])
                              if r.country in codes))
    return Case(
        host_entries=entries, elsewhere=tuple(outside),
        exempt=tuple(exempt), limits=regime.limits, registrations=regime.registrations,
        extended=tuple(merge(span for p, span in held if p.kind == "extension")),
        residence=tuple(merge(span for p, span in held if p.kind in RESIDENCE_KINDS)),
        known=regime.known, unknown_reason=regime.unknown_reason,
        calendar=working_calendar(calendar_country, covering.pack), registered_on=registered,
        records_registrations=profile is not None, left_on_query_day=left_on_query_day)
