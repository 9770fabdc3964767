"""Answers as plain JSON-ready dicts: the keys DESIGN.md "Interfaces" promises."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from sojourn.destinations import Destination, not_confirmed_by_host
from sojourn.engine import LimitFigures, Violation
from sojourn.engine.kinds import Constraint, counted_from, entered_range
from sojourn.entry import EntryAnswer
from sojourn.history.documents import AgeLapse
from sojourn.penalties import bans_json, penalties_json, unknown_bans_json
from sojourn.permits import BeyondPermit, Estimate, PermitAnswer
from sojourn.report import CaseReport
from sojourn.risk import RiskAnswer, in_brief_entries
from sojourn.rules.changes import Change, Difference
from sojourn.rules.coverage import Cell
from sojourn.rules.freshness import Relied, freshness_json, hosts_note, not_confirmed, note
from sojourn.rules.schema import (
    PackEntry,
    Rule,
    Source,
    Treaty,
    code_entry_kind,
)
from sojourn.rules.select import Applied, Assumption, apply
from sojourn.stay import (
    ApplicationCover,
    Joining,
    OtherAccount,
    OtherCitizenship,
    PlannedTrip,
    RefusedEntry,
    ReturnIfBanned,
    StayReport,
)
from sojourn.summonses import KeptInNotice, MovedBy, RestrictionNotice, SummonsNotice


def _basis(a: Applied) -> str:
    """What a rule's ``valid_to`` is: a known end, or only where a source last saw it."""
    return "last_seen" if a.last_seen else "known"


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def every_field(model: BaseModel) -> dict[str, Any]:
    """A pack model's fields as JSON, each one there, ``null`` where the rule does not set it:
    every item of a list has the same keys, and ``valid_for`` both ``days`` and ``months``.
    Leaving the unset ones out made ``requirement["lead_days"]`` a KeyError for a consumer
    on the one document whose rule gives no lead time."""
    return model.model_dump(mode="json")


def violation_json(v: Violation) -> dict[str, Any]:
    return {"first_day": _iso(v.first_day), "last_day": _iso(v.last_day), "days": v.days,
            "peak": v.peak, "rules": list(v.rules),
            # the deadline the run's days past it rest on, where only a registration recorded
            # by it would have let the stay go on (effect extends); null: a stay limit's run
            "unrecorded_registration": None if (m := v.missed_registration) is None else {
                "deadline": _iso(m.by), "rule": m.rule,
                "history_records_registrations": m.history_records}}


def source_json(s: Source) -> dict[str, Any]:
    return {"title": s.title, "url": s.url, "document": s.document, "date": _iso(s.date)}


def _constraint_lists(constraints: Sequence[Constraint]) -> dict[str, list[str | None]]:
    """Each constraint's spec and, beside it, what a spec leaves out: the day it counts from
    and the entry days it judges (one list per field, as documented)."""
    ranges = [entered_range(c) for c in constraints]
    return {"constraints": [c.spec for c in constraints],
            "counts_from": [_iso(counted_from(c)) for c in constraints],
            "entered_from": [_iso(since) for since, _ in ranges],
            "entered_to": [_iso(until) for _, until in ranges]}


def constraint_json(c: Constraint) -> dict[str, Any]:
    """One constraint as an object: its ``kind`` and every field of that kind, defaults
    included (``null``: not set), dates as ISO strings; it reads back as the same constraint."""
    return c.model_dump(mode="json")


def applied_json(a: Applied) -> dict[str, Any]:
    return {
        "id": a.id, "title": a.title, "host": a.rule.host, "topic": a.rule.topic,
        "valid_from": _iso(a.valid_from), "valid_to": _iso(a.valid_to),
        "valid_to_basis": _basis(a),
        "confidence": a.confidence, **_constraint_lists(a.constraints),
        "variant": a.variant.name if a.variant else None,
        "sources": [source_json(s) for s in a.sources], "note": a.note,
    }


# The data a rule of each topic holds besides its constraints, as the pack writes it: the
# entry documents, the ways closed, the permit, the extradition policy, the liability, the
# penalty, the summons ban, the exit rules, a document's validity by age, the permit kind
# that covers a stay. The text of ``rules show`` tells them.
_TOPIC_FIELDS = ("documents", "closed_to", "permit", "extradition", "liability", "penalty",
                 "summons", "restriction", "own_documents_only", "criminal_case",
                 "unaccompanied_minor", "document_validity", "covers")


def _topic_json(a: Applied) -> dict[str, Any]:
    """``a``'s topic data (:data:`_TOPIC_FIELDS`), every key there whatever the topic:
    ``null`` (a list: empty) where the rule holds none, as pydantic dumps it, dates as ISO
    strings. Only ``penalty`` was given, and only where set: ``rules show --json`` of an
    entry or permit rule lacked the documents and requirements its text tells."""
    out: dict[str, Any] = {}
    for name in _TOPIC_FIELDS:
        value = getattr(a, name)
        out[name] = _value_json(list(value) if isinstance(value, tuple) else value)
    return out


def rule_json(rule: Rule) -> dict[str, Any]:
    """A pack rule as written, with each variant's effective dates, constraints, sources and
    topic data."""
    default = apply(rule, rule.variant(None))
    out = applied_json(default)
    # the specs and the lists beside them stay as documented; this gives each whole
    out["constraint_details"] = [constraint_json(c) for c in default.constraints]
    out["citizenships"] = list(rule.citizenships)
    out.update(_topic_json(default))
    out["variants"] = []
    for v in rule.variants:
        eff = apply(rule, v)
        out["variants"].append({
            "name": v.name, "default": v.default, "title": v.title,
            "valid_from": _iso(eff.valid_from), "valid_to": _iso(eff.valid_to),
            "valid_to_basis": _basis(eff),
            "confidence": eff.confidence, **_constraint_lists(eff.constraints),
            "constraint_details": [constraint_json(c) for c in eff.constraints],
            "sources": [source_json(s) for s in eff.sources], **_topic_json(eff)})
    return out


def changes_json(found: Sequence[Change], host: str, citizenship: str | None,
                 first: dt.date, last: dt.date) -> dict[str, Any]:
    """`rules changes`: the period asked about and each rule beginning or ending in it, with
    the rules it replaced and how their data differ."""
    return {
        "country": host, "citizenship": citizenship, "from": _iso(first), "to": _iso(last),
        "changes": [{
            "day": _iso(c.day), "change": "ends" if c.ends else "begins", "rule": c.rule.id,
            "title": c.rule.title, "topic": c.rule.rule.topic,
            "valid_from": _iso(c.rule.valid_from), "valid_to": _iso(c.rule.valid_to),
            "valid_to_basis": _basis(c.rule),
            "replaces": [{"rule": old.rule.id, "valid_to": _iso(old.rule.valid_to),
                          "differences": [_difference_json(d) for d in old.differences]}
                         for old in c.replaced],
            "followed_by": [{"rule": new.id, "valid_from": _iso(new.valid_from)}
                            for new in c.followed_by],
        } for c in found],
    }


def _difference_json(d: Difference) -> dict[str, Any]:
    change = "added" if d.before is None else "removed" if d.after is None else "changed"
    return {"field": list(d.path), "change": change, "before": _value_json(d.before),
            "after": _value_json(d.after)}


def _value_json(value: object) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_value_json(v) for v in value]
    return value


def _figures_json(f: LimitFigures) -> dict[str, Any]:
    return {
        "rule": f.rule, "constraint": f.spec, "counts_from": _iso(f.counts_from),
        "entered_from": _iso(f.entered_from), "entered_to": _iso(f.entered_to),
        "except_entries": [_iso(d) for d in f.except_entries], "label": f.label,
        "in_force_on": f.in_force_on,
        "days_used": f.days_used, "days_remaining": f.days_remaining,
        "latest_exit": _iso(f.latest_exit), "max_stay_days": f.max_stay_days,
        "violations": [violation_json(v) for v in f.violations],
    }


def planned_trip_json(trip: PlannedTrip | None) -> dict[str, Any] | None:
    if trip is None:
        return None
    return {"countries": list(trip.countries), "first_day": _iso(trip.first),
            "last_day": _iso(trip.last), "over_the_limit": trip.broken,
            "limits": [{"rule": x.rule, "constraint": x.spec,
                        "counts_from": _iso(x.counts_from), "label": x.label}
                       for x in trip.limits]}


def returns_if_banned_json(returns: Sequence[ReturnIfBanned]) -> list[dict[str, Any]]:
    """Each case's earliest entry (``day``), the case (``if``), the penalty rule, the overstay
    whose ban it is and the ban's last day, which the day back may come after (the stay rules
    may allow no day then)."""
    return [{"day": _iso(r.day), "if": r.ban.ban.condition, "rule": r.ban.rule.id,
             "overstay_first_day": _iso(r.ban.offence.first_day),
             "overstay_last_day": _iso(r.ban.offence.last_day),
             "ban_last_day": _iso(r.ban.last_day)} for r in returns]


def _refused_json(entry: RefusedEntry | None) -> dict[str, Any] | None:
    return None if entry is None else {"on": _iso(entry.on), "why": entry.why,
                                       "rule": entry.rule}


def report_json(report: StayReport) -> dict[str, Any]:
    a = report.answer
    reg = a.register_by
    trip = report.planned_trip
    binding = a.binding_figures
    return {
        "on": _iso(a.on),
        "host": report.host,
        "citizenship": report.citizenship,
        "present": a.present,
        "entered": _iso(a.entered),
        "days_used": a.days_used,
        "days_remaining": a.days_remaining,
        "latest_exit": _iso(a.latest_exit),
        "max_stay_days": a.max_stay_days,
        "limited_by": a.limited_by,
        # a pending application covers every day while it is pending: latest_exit is the
        # last day only were it refused on the query day, as the headline says
        "held_open_by": _held_open_json(report),
        "earliest_entry": _iso(a.earliest_entry),
        "earliest_until": _iso(a.earliest_until),
        # the later earliest entry each case of a ban on a condition the tool cannot ask
        # gives ("or 20 November 2031 if arrested and prosecuted"), as the text tells it
        "earliest_entry_if": returns_if_banned_json(report.returns_if_banned_on(
            a.earliest_entry)),
        "length": a.length,
        "too_long": None if a.too_long is None else {
            "rule": a.too_long.rule, "constraint": a.too_long.spec,
            "counts_from": _iso(a.too_long.counts_from), "label": a.too_long.label,
            "max_days": a.too_long.days},
        "too_long_limits": [{
            "rule": c.rule, "constraint": c.spec, "counts_from": _iso(c.counts_from),
            "label": c.label, "max_days": c.days,
            "from": _iso(c.first), "until": _iso(c.last)} for c in a.too_long_limits],
        "violations": [violation_json(v) for v in a.violations],
        "register_by": _iso(reg.by) if reg else None,
        # no deadline for want of a registration rule: not known, which is not "none needed"
        "registration_unknown": report.registration_unknown,
        "registration": None if reg is None else {
            "by": _iso(reg.by), "rule": reg.rule, "requirement": reg.label,
            "registrant": reg.registrant, "done": reg.done,
            "changes_limit": reg.extends, "recorded_on": _iso(reg.recorded_on),
            "overdue": reg.overdue, "holidays_known": reg.holidays_known,
            # the deadline is an estimate when either is not empty
            "holidays_estimated": [] if reg.unsure is None else [
                {"date": _iso(day), "name": name} for day, name in reg.unsure.estimated],
            "decrees_unknown_years": [] if reg.unsure is None else list(
                reg.unsure.decrees_unknown),
            "history_records_registrations": reg.history_records,
            "under_permit": reg.under_permit,
            "covered_by_permit_from": _iso(reg.covered_from) if reg.covered_from else None},
        "penalties": penalties_json(report.penalties),
        "document_end": None if report.document_end is None else {
            "document": report.document_end.document,
            "citizenship": report.document_end.citizenship,
            "last_day": _iso(report.document_end.last_day),
            "ended": report.document_end.ended,
            # a limited stay's latest exit outlasts it: the stay on it must end by leave_by
            "before_latest_exit": report.document_end.before_latest_exit,
            "leave_by": _iso(report.document_end.leave_by),
            # the stay it falls short of: plan's from its earliest entry, or to the latest exit
            "stay_from": _iso(report.document_end.stay_from),
            "stay_until": _iso(report.document_end.stay_until),
            "valid_for": None if report.document_end.valid_for is None else {
                **every_field(report.document_end.valid_for),
                "rule": report.document_end.valid_for_rule},
            # where last_day is no `expires` of the profile's but the document's end by its
            # holder's age: the rule it comes from (listed in `rules`), the age and birthday
            "lapse": _lapse_json(report.document_end.lapse)},
        # every ban the overstays bring; those that may bar an entry on the day (still in the
        # host, a new entry after leaving); the day a certain one on no condition bars entry
        # until, for a person away
        "entry_bans": bans_json(report.entry_bans),
        "entry_bans_on": bans_json((*report.bans_on, *report.bans_on_return)),
        "entry_barred_until": _iso(report.barred.last_day) if report.barred else None,
        "entered_while_barred_until": (_iso(report.entered_barred.last_day)
                                       if report.entered_barred else None),
        "over_limit": report.over_limit,
        # still in the host: the bans leaving (on the day the person is taken to leave) would
        # bring, and the day the one that bars a new entry whatever the person did would end
        "entry_bans_if_leaving": bans_json(report.bans_if_leaving),
        "entry_barred_if_leaving_until": _iso(report.barred_if_leaving.last_day)
        if report.barred_if_leaving else None,
        # the overstays whose ban the pack cannot tell: the earliest entry is the stay rules'
        "entry_ban_unknown": unknown_bans_json(report.bans_unknown),
        "entry_refused": None if report.entry_refused is None else {
            "on": _iso(report.entry_refused.on), "why": report.entry_refused.why},
        # plan --by: the stay rules' earliest day, refused that way in, which moved
        # earliest_entry to the first day the entry rules let in (null: none known)
        "entry_waited": None if (w := report.entry_waited) is None else {
            "by": w.by, "refused": _refused_json(w.refused),
            "unknown_from": _refused_json(w.unknown_from),
            # the day asked refused that way: the stay from the first day let in instead
            # with its registration deadline, which status's text gives under the first line
            # in place of the top-level register_by, an entry on the day asked's
            "stay_from": None if (f := w.stay_from) is None else {
                "on": _iso(f.on), "latest_exit": _iso(f.latest_exit),
                "max_stay_days": f.max_stay_days,
                "register_by": None if f.register_by is None else _iso(f.register_by.by)}},
        # status --by WAY with no entry on the day asked to judge (present, or no day left)
        "by_not_judged": report.way_not_judged,
        # the same entry made by land, where no way in was given and by land alone it is refused
        "entry_refused_by_land": None if report.entry_refused_by_land is None else {
            "on": _iso(report.entry_refused_by_land.on), "why": report.entry_refused_by_land.why,
            "rule": report.entry_refused_by_land.rule},
        # the recorded entries no border has judged yet that the entry rules would refuse
        "entries_refused": [{"on": _iso(r.on), "why": r.why, "rule": r.rule}
                            for r in report.entries_refused],
        # those it may refuse for what the history does not record (a trip with no `by`)
        "entries_unknown": [{"on": _iso(r.on), "why": r.why, "rule": r.rule}
                            for r in report.entries_unknown],
        "exit_cautions": list(report.exit_cautions),
        "summonses": summonses_json(report.summonses),
        "exit_restrictions": exit_restrictions_json(report.summonses),
        "binding": a.binding,
        "binding_constraint": a.binding_constraint,
        "binding_counts_from": None if binding is None else _iso(binding.counts_from),
        "binding_in_force": None if binding is None else binding.in_force_on,
        "constraints": [_figures_json(f) for f in a.constraints],
        "rules": [applied_json(r) for r in report.rules],
        "ad_hoc": [c.spec for c in report.ad_hoc],
        "assumptions": _assumptions_json(report.all_assumptions),
        "unknown": a.unknown,
        "other_accounts": [{"variant": o.variant, **_other_answer_json(o, report)}
                           for o in report.other_accounts],
        # what each other passport held would give: the host counts the one entered on
        "other_citizenships": [{
            "citizenship": o.citizenship, **_other_answer_json(o, report),
            "entry_barred_until": _iso(o.barred_until),
            "entry_refused": o.refused} for o in report.other_citizenships],
        "planned_trip": planned_trip_json(trip),
        "trip_within_plan": planned_trip_json(report.trip_within_plan),
        "joining": _joining_json(report.joining),
        "own_citizen": report.own_citizen,
        "applications": [_application_json(c) for c in report.applications],
        "notes": [*a.notes, *report.notes],
        "freshness": _freshness(report.rules, report.freshness_on),
        "warnings": list(report.warnings),
    }


def _joining_json(joining: Joining | None) -> dict[str, Any] | None:
    """The zone the host state joins after the query day (StayReport.joining), the recorded
    trip across that day the new stay comes after, and the days a stay too long for the zone
    may begin, judged before it by the state's own rules; None: the state joins none."""
    if joining is None:
        return None
    starts = joining.unknown_starts
    return {"zone": joining.zone, "on": _iso(joining.on),
            "trip": planned_trip_json(joining.trip),
            "unknown_starts": None if starts is None else {
                "from": _iso(starts[0]), "until": _iso(starts[1])},
            "stay": None if joining.stay is None else {
                "latest_exit": _iso(joining.stay.latest_exit),
                "max_stay_days": joining.stay.max_stay_days,
                "rule": None if joining.stay.limit is None else joining.stay.limit.rule}}


def _held_open_json(report: StayReport) -> dict[str, Any] | None:
    """The pending application that holds the stay open (StayReport.held_open_by), and the
    last day under the limit were it refused on the query day; None: none does."""
    cover = report.held_open_by
    if cover is None:
        return None
    a = cover.application
    return {"country": a.country, "kind": a.kind, "filed_on": _iso(a.filed_on),
            "rules": [r.id for r in cover.rules],
            # the last day the rules let it hold the stay open, however long it is pending
            "cover_ends_by": _iso(cover.cover_ends_by),
            "latest_exit_if_refused": _iso(report.answer.latest_exit),
            "max_stay_days_if_refused": report.answer.max_stay_days,
            # were it still pending when that cover ends: the cap's last day, or later where
            # the limit leaves days after it (null: no cap ahead, so no last day is known)
            "latest_exit_if_pending": _iso(cover.pending_until),
            "max_stay_days_if_pending": (None if cover.pending_until is None else
                                         (cover.pending_until - report.answer.on).days + 1)}


def _application_json(cover: ApplicationCover) -> dict[str, Any]:
    """An application filed by the query day: ``lets_stay`` true, false, or null where the
    pack does not know; ``covered_from``/``covered_to`` the days it takes out of the count."""
    a = cover.application
    span = cover.span
    return {"country": a.country, "kind": a.kind, "filed_on": _iso(a.filed_on),
            "decided_on": _iso(a.decided_on), "outcome": a.outcome, "pending": cover.pending,
            # late: over the limit, or after the day the rule had it due (``due_by``,
            # counted back from the legal stay's end on the filing day)
            "lets_stay": cover.lets_stay, "filed_late": cover.late or cover.past_due,
            "due_by": _iso(cover.due.due if cover.due else None),
            "covered_from": _iso(dt.date.fromordinal(span[0])) if span else None,
            "covered_to": _iso(dt.date.fromordinal(span[1])) if span else None,
            # the cap: the most days the rules let it cover, the filing day being day 1, and
            # the last of them; covered_to ends there where it came before the decision
            "cover_days_max": cover.cap_days, "cover_ends_by": _iso(cover.cover_ends_by),
            "rules": [r.id for r in cover.rules]}


def _lapse_json(lapse: AgeLapse | None) -> dict[str, Any] | None:
    return None if lapse is None else {"rule": lapse.rule, "age": lapse.age,
                                       "birthday": _iso(lapse.birthday)}


def _other_answer_json(other: OtherAccount | OtherCitizenship, report: StayReport
                       ) -> dict[str, Any]:
    """What another account of a contested rule, or another citizenship held, answers, beside
    the answer given (`other_accounts`, `other_citizenships`)."""
    a = other.answer
    return {"same_answer": other.same_as(report),
            "latest_exit": _iso(a.latest_exit), "max_stay_days": a.max_stay_days,
            "limited_by": a.limited_by,
            "register_by": _iso(a.register_by.by) if a.register_by else None,
            "registration_unknown": other.registration_unknown,
            "overstay_days": a.overstay_days,
            "earliest_entry": _iso(a.earliest_entry)}


def _freshness(rules: Sequence[Relied], on: dt.date) -> dict[str, Any]:
    found = not_confirmed(rules, on)
    return freshness_json(found, note(found, on))


def destinations_freshness(items: Sequence[Destination], on: dt.date,
                           named: Mapping[str, Sequence[Relied]] | None = None
                           ) -> dict[str, Any]:
    """For a table of hosts: each host's old rules in ``rules``, the hosts in the note;
    ``named``: what else each host's line relies on (destinations.not_confirmed_by_host)."""
    by_host = not_confirmed_by_host(items, on, named)
    found = list({d.rule: d for ds in by_host.values() for d in ds}.values())
    return freshness_json(found, hosts_note(by_host, on))


def _assumptions_json(items: Sequence[Assumption]) -> list[dict[str, Any]]:
    return [{"rule": x.rule, "variant": x.variant, "title": x.title, "by_default": x.by_default,
             "alternatives": list(x.alternatives)} for x in items]


def visa_json(e: EntryAnswer) -> dict[str, Any] | None:
    """What the visa decides, where the document needs one (else null): who must issue it,
    whether one is held ("unknown": not said), and the answer with and without one."""
    if not e.visa_issuers:
        return None
    return {"required": True, "issued_by": list(e.visa_issuers),
            "held": "unknown" if e.visa is None else e.visa, "held_from": e.visa_from,
            "decides": e.visa_decides}


def validity_json(e: EntryAnswer) -> dict[str, Any] | None:
    """How long the rule relied on wants the document valid (None: it does not say), and
    what the document held allows where its last day was given."""
    if e.valid_for is None:
        return None
    return {**every_field(e.valid_for), "rule": e.valid_for_rule,
            "needed_until": _iso(e.valid_until_needed),
            "last_exit": _iso(e.last_exit_by_document),
            "enough": "unknown" if e.valid_long_enough is None else e.valid_long_enough}


def also_needs_json(e: EntryAnswer | None) -> list[dict[str, Any]]:
    """What entry on the document needs besides it and a visa, each with when it is got, its
    fee (null: not given) and the rule that says so; empty when nothing, or entry is refused."""
    if e is None or e.allowed is False:
        return []
    return [{"what": n.what, "when": n.when,
             "fee": n.fee.model_dump() if n.fee else None, "note": n.note,
             "rule": e.also_needs_rule} for n in e.also_needs]


def exits_json(e: EntryAnswer) -> list[dict[str, Any]]:
    """What the exit rules of the state left say of the document: empty where the person
    leaves none, as far as told, or no exit rule speaks of it."""
    return [{"from": x.state, "allowed": x.allowed, "rule": x.rule, "reason": x.reason,
             "caution": x.caution,
             # of a summons or a restriction on leaving, the day it keeps the person in from,
             # and the account of the rule, as summonses_json gives them
             "bars_exit_from": _iso(x.kept_in_from), **moved_by_json(x.account)}
            for x in e.exits]


def entry_json(e: EntryAnswer) -> dict[str, Any]:
    return {
        # the host asked about, and the host whose rules judged it: the zone a member state
        # without entry rules of its own is in on the day, else the same
        "on": _iso(e.on), "to": e.to, "judged_by": e.judge, "citizenship": e.citizenship,
        "document": e.document,
        "by": e.by, "age": e.age, "open_ways": list(e.open_ways),
        "unknown_ways": list(e.unknown_ways),
        "allowed": "unknown" if e.allowed is None else e.allowed,
        "visa": visa_json(e),
        "document_expires": _iso(e.document_expires),
        "valid_for": validity_json(e),
        "also_needs": also_needs_json(e),
        "reasons": list(e.reasons), "notes": list(e.notes),
        "entry_bans": bans_json(e.bans),
        "entry_barred_until": _iso(e.barred_by.last_day) if e.barred_by else None,
        "leaving": exits_json(e),
        "rules": [applied_json(r) for r in e.rules],
        "freshness": _freshness(e.rules, e.on),
        "assumptions": _assumptions_json(e.assumptions),
    }


def destination_json(d: Destination) -> dict[str, Any]:
    a = d.stay.answer if d.stay else None
    return {
        "host": d.host, "name": d.name, "here": d.here,
        "allowed": "unknown" if d.allowed is None else d.allowed, "document": d.document,
        "citizenship": d.citizenship, "status_citizenship": d.status_citizenship,
        "visa_from": d.visa_from, "visa_expires": _iso(d.visa_expires),
        "document_expires": _iso(d.document_expires),
        # where that day is the document's end by its holder's age, as status's document_end
        "document_lapse": _lapse_json(d.document_lapse),
        "outlasts_document": d.outlasts_document,
        "no_limit_document_end": _iso(d.no_limit_document_end),
        "document_last_exit": _iso(d.document_last_exit),
        "open_ways": list(d.open_ways), "unknown_ways": list(d.unknown_ways),
        "also_needs": also_needs_json(d.entered),
        "max_stay_days": a.max_stay_days if a else None,
        "latest_exit": _iso(a.latest_exit) if a else None,
        # with no stay possible on the day, when one may begin, as `status` gives it
        "earliest_entry": _iso(a.earliest_entry) if a and a.max_stay_days == 0 else None,
        "violations": [violation_json(v) for v in a.violations] if a else [],
        "entry_bans": bans_json(d.stay.bans_on) if d.stay else [],
        "entry_barred_until": _iso(d.stay.barred.last_day) if d.stay and d.stay.barred
        else None,
        "entry_ban_unknown": unknown_bans_json(d.stay.bans_unknown) if d.stay else [],
        "limited_by": a.limited_by if a else None,
        # where you are, a pending application may hold the stay open: the stay shown is then
        # the one were it refused on the day, as status's held_open_by says
        "held_open_by": _held_open_json(d.stay) if d.stay else None,
        "planned_trip": planned_trip_json(d.stay.planned_trip) if d.stay else None,
        "stay_unknown": a.unknown if a else "no stay answer",
        # what each document held comes to: an "unknown" host may refuse some of them
        "documents": [{"document": e.document, "citizenship": e.citizenship,
                       "allowed": "unknown" if e.allowed is None else e.allowed,
                       "leaving": exits_json(e)}
                      for e in d.entry],
        # once each: an exit rule's caution or summons is the same whatever document is shown
        "reasons": list(dict.fromkeys(r for e in d.entry for r in e.reasons)),
        "rules": sorted({r.id for r in d.rules}),
        # once each: the documents' answers and the stay's may rest on one exit rule
        "assumptions": _assumptions_json(list({(x.rule, x.variant): x for x in (
            *(x for e in d.entry for x in e.assumptions),
            *(d.stay.all_assumptions if d.stay else ()))}.values())),
    }


def _estimate_json(estimate: Estimate) -> list[dict[str, Any]]:
    """Why a day of a permit plan is an estimate, per calendar, in the keys a registration
    deadline gives it by: empty when the day is exact."""
    return [{"calendar": country,
             "holidays_estimated": [{"date": _iso(day), "name": name}
                                    for day, name in unsure.estimated],
             "decrees_unknown_years": list(unsure.decrees_unknown)}
            for country, unsure in estimate]


def _beyond_permit_json(b: BeyondPermit | None) -> dict[str, Any] | None:
    """How long the permit's rule wants the passport valid beyond the permit's last day, and
    the days the plan counts from it, as its words give them; None where it asks nothing."""
    if b is None:
        return None
    return {"rule": b.rule, "document": b.document, "beyond": b.margin.length,
            "permit_term": b.term.length if b.term else None,
            "permit_begins": _iso(b.begins), "issue_day_known": b.issue_known,
            "permit_ends": _iso(b.permit_ends), "valid_to": _iso(b.valid_to),
            "valid_to_at_least": b.at_least, "passport_ends": _iso(b.held_to),
            "permit_ends_by": _iso(b.permit_ends_by),
            "met": "unknown" if b.met is None else b.met,
            # the term is the longest the permit is issued for: on a passport short of it
            # but lasting its first day, the permit is issued to this day at most
            "cut_short_to": _iso(b.cut_short_to),
            # with no processing time known, a passport lasting the term from the filing day
            # lasts it only for a permit issued by this day (met is then "unknown")
            "full_term_if_issued_by": _iso(b.full_term_if_issued_by)}


def _held_same_json(p: PermitAnswer) -> dict[str, Any] | None:
    """The permit of the plan's kind the profile holds in the host, which renewing keeps, and
    the day to file its renewal by (``null``: the pack gives none), as report's deadlines."""
    h = p.held_same
    if h is None:
        return None
    return {"kind": h.kind, "valid_from": _iso(h.valid_from), "last_day": _iso(h.last_day),
            "file_renewal_by": _iso(h.file_by), "rule": h.rule}


def _pending_cover_json(p: PermitAnswer) -> dict[str, Any] | None:
    """Where the permit would come after the legal stay ends and its rule lets the
    application filed stay while it is pending: the rule, its cap (``null``: to the
    decision), the cover's last day by the cap, and whether it lasts to the issue day."""
    c = p.pending_cover
    if c is None:
        return None
    return {"rule": c.rule, "cap_days": c.cap_days, "ends_by": _iso(c.ends_by),
            "to_issue": p.covered_to_issue}


def permit_json(p: PermitAnswer) -> dict[str, Any]:
    permit = p.rule.permit
    assert permit is not None
    return {
        "on": _iso(p.on), "country": p.country,
        "permit": {"id": p.rule.id, "name": permit.name, "kind": permit.kind,
                   "fee": permit.fee, "processing_days": permit.processing_days,
                   "processing_unit": permit.processing_unit, "validity": permit.validity,
                   "term": permit.term.length if permit.term else None,
                   "available": permit.available},
        "legal_stay_ends": _iso(p.legal_stay_ends),
        # a pending application holds the stay open: legal_stay_ends is its last day only
        # were the application refused on the day judged, as status's held_open_by says
        "held_open_by": _held_open_json(p.stay),
        "planned_stay_ends": _iso(p.planned_stay_ends),
        # the trip that sets that day, as status's planned_trip gives it
        "planned_trip": planned_trip_json(p.planned_trip), "apply_on": _iso(p.apply_on),
        # a permit of this kind held there: the plan is for applying anew, beside its renewal
        "renews_held": _held_same_json(p),
        "issued_about": _iso(p.issued_about), "issued_after_legal_stay": p.issued_after_legal_stay,
        "in_time_if_filed_by": _iso(p.in_time_if_filed_by),
        # the permit's own rule lets the application filed stay while it is pending
        "pending_cover": _pending_cover_json(p),
        "passport_ends": _iso(p.passport_ends),
        # where that day is the passport's end by its holder's age, as status's document_end
        "passport_lapse": _lapse_json(p.passport_lapse),
        "passport_beyond_permit": _beyond_permit_json(p.beyond_permit),
        "planned_file_by": _iso(p.planned_file_by), "opens_on": _iso(p.opens_on),
        "missing": [r.document for r in p.missing], "held": [r.document for r in p.held],
        "prepare": [r.document for r in p.prepare],
        "requirements": [every_field(r) for r in permit.requirements],
        "steps": [{"step": s.what, "document": s.document, "lead_days": s.lead_days,
                   "lead_unit": s.lead_unit, "start_by": _iso(s.start_by),
                   "too_late": s.too_late, "how": s.how, "note": s.note,
                   "moved_from": _iso(s.moved_from),
                   "closed": s.closed, "planned_start_by": _iso(s.planned_start_by),
                   "planned_closed": s.planned_closed, "cannot_file": s.cannot_file,
                   "check": s.check,
                   "estimate": _estimate_json(s.estimate),
                   "planned_estimate": _estimate_json(s.planned_estimate)}
                  for s in p.steps],
        "in_time_estimate": _estimate_json(p.in_time_estimate),
        "needed": p.citizen is None and p.held_extension is None, "citizen": p.citizen,
        "held_extension": p.held_extension, "pending_application": p.pending_application,
        "feasible": (None if p.citizen or p.held_extension or p.pending_application
                     else "unknown" if p.feasible is None else p.feasible),
        "verdict": p.verdict, "notes": list(p.notes),
        "rules": [applied_json(r) for r in p.rules],
        "freshness": _freshness(p.rules, p.rules_judged_on),
        "assumptions": _assumptions_json((*p.assumptions, *p.stay.all_assumptions)),
        # as a report's deadline: the account the plan's days assume of a contested rule
        # they rest on (the permit's, or the one that sets the stay's end), and whether every
        # other account gives the same days (true: the verdict names none); null with none
        "assumed": assumed.variant if (assumed := p.assumed()) else None,
        "accounts_agree": not p.in_doubt() if assumed else None,
        "other_accounts": [{
            "variant": o.variant, "same_answer": o.same_as(p),
            "legal_stay_ends": _iso(o.legal_stay_ends), "apply_on": _iso(o.apply_on),
            "feasible": "unknown" if o.feasible is None else o.feasible,
            "missing": list(o.missing)} for o in p.other_accounts],
        "warnings": list(p.stay.warnings),
    }


def risk_json(r: RiskAnswer) -> dict[str, Any]:
    return {
        "on": _iso(r.on), "country": r.country, "citizenship": r.citizenship,
        "extradition": r.extradition, "reasons": list(r.reasons),
        "charges": [{"country": c.country, "article": c.article, "part": c.part, "wanted": c.wanted,
                     "offence": c.offence.id if c.offence else None,
                     "max_years": c.offence.max_years if c.offence else None,
                     "life": c.offence.life if c.offence else None,
                     "committed_on": _iso(c.judged_on) if c.act_dated else None,
                     "judged_on": _iso(c.judged_on),
                     "gravity": c.gravity,
                     "limitation": None if c.limitation_status is None else {
                         "rule": c.limitation.id if c.limitation else None,
                         "years": c.limitation_years, "ends": _iso(c.limitation_ends),
                         "status": c.limitation_status,
                         "none_since": _iso(c.limitation_none_since),
                         # the act, or for a continuing crime the day it ends (CONTINUING_ENDS)
                         "runs_from": c.limitation_runs_from,
                         "crime_ends": _iso(c.crime_ends),
                         "call_up_age": c.call_up_age,
                         # the day liability to call-up ends by `born`, before the act or not
                         "call_up_ends": _iso(c.call_up_ends),
                         # the day it begins by `born` (the lower call-up age), where known
                         "call_up_begins": _iso(c.call_up_begins)},
                     # false: the act is dated before liability to call-up began or after it
                     # ended, a charge the facts recorded do not fit (the caution in the
                     # reasons); null: not a crime that ends with that liability, or no birth
                     # or act day to tell
                     "liable_to_call_up_on_act": c.liable_to_call_up_on_act,
                     # the treaty grounds named for an article called political: each, and
                     # the first alone as sojourn gave it before it named them all
                     "political_offence": (_political_offence_json(c.political.giving[0])
                                           if c.political else None),
                     "political_offences": [_political_offence_json(t) for t in
                                            (c.political.giving if c.political else ())],
                     "listing": c.listing.id if c.listing else None} for c in r.charges],
        "history_records_charges": r.records_charges,
        "other_citizenships": [{"citizenship": o.citizenship, "extradition": o.extradition,
                                "rule": o.rule, "reason": o.reason}
                               for o in r.other_citizenships],
        # each state neither the host nor the citizenship judged (a dual citizen's other
        # state among them) that brings a charge: the level it gives, the host's policy
        # towards it (null: none, so unknown) and the treaties named for it; `bloc`: the bloc
        # whose conventions are named beside them, with each state's status in it (what the
        # words say: "both in the CIS, Ukraine as a participant no longer in its statutory
        # bodies"), null where none is named
        "third_states": [{"country": t.country, "extradition": t.extradition, "rule": t.rule,
                          "treaties": [x.title for x in t.treaties],
                          "bloc": None if t.bloc is None else {
                              "id": t.bloc.id, "statuses": dict(t.bloc.statuses)}}
                         for t in r.third_states],
        "blocs": [{"id": i, "status": s} for i, s in r.blocs],
        # rule and applies null: service recorded abroad, and no rule of the citizenship's on it
        "liabilities": [{"country": lv.country, "rule": lv.rule.id if lv.rule else None,
                         "article": (lv.rule.liability.article if lv.rule and lv.rule.liability
                                     else None),
                         "penalty": (lv.rule.liability.penalty if lv.rule and lv.rule.liability
                                     else None),
                         "applies": lv.applies, "reason": lv.reason} for lv in r.liabilities],
        "notes": list(r.notes),
        "rules": [applied_json(a) for a in r.rules],
        # the criminal-code entries the reasons name beside the rules, each as `rules show ID
        # --json` gives it (a wanted list's record with the facts known on the day)
        "code_entries": [code_entry_json(e) for e in r.code_entries],
        "freshness": _freshness(r.relied_on, r.on),
        "assumptions": _assumptions_json(r.assumptions),
        "warnings": list(r.warnings),
        "disclaimer": r.disclaimer,
    }


def code_entry_json(entry: PackEntry) -> dict[str, Any]:
    """A criminal-code entry (or a treaty) as the pack holds it, with its ``kind``."""
    # the id first, as for a rule: a treaty's terms come before it in its model
    return {"kind": code_entry_kind(entry), "id": entry.id, **entry.model_dump(mode="json")}


def _political_offence_json(treaty: Treaty) -> dict[str, Any]:
    """The treaty's political-offence ground named for a charge, as the text names it: what
    it refuses, its article (null where the pack knows the ground from a source's account of
    the treaty, not its text) and how sure the pack is of it."""
    ground = treaty.political_offence
    assert ground is not None  # only a treaty giving the ground is named for it
    return {"treaty": treaty.title, "refuses": ground.refuses, "article": ground.article,
            "confidence": ground.confidence}


def moved_by_json(moved: MovedBy | None) -> dict[str, Any]:
    """The account of a contested exit rule a ban's first day was told under, as the text
    names it after the rule's id: ``assumed`` (a variant name, as `--assume` takes it, and as
    report's deadlines give theirs) where another account starts the ban on another day, else
    null; ``other_accounts``, then, each other account's ``variant`` and ``bars_exit_from``
    (null: that account makes no such ban), else empty."""
    if moved is None:
        return {"assumed": None, "other_accounts": []}
    return {"assumed": moved.assumed,
            "other_accounts": [{"variant": name, "bars_exit_from": _iso(day)}
                               for name, day in moved.others]}


def summonses_json(notices: Sequence[KeptInNotice]) -> list[dict[str, Any]]:
    """Each summons told: the state that sent it, its days, the exit rule that keeps the
    person in while it stands and from which day, under which account of it where another
    gives another day."""
    return [{"state": n.state, "placed_on": _iso(n.placed_on), "served_on": _iso(n.served_on),
             "report_on": _iso(n.report_on), "inside": n.inside, "exit_rule": n.exit_rule,
             "bars_exit_from": _iso(n.bars_from), **moved_by_json(n.account)}
            for n in notices if isinstance(n, SummonsNotice)]


def exit_restrictions_json(notices: Sequence[KeptInNotice]) -> list[dict[str, Any]]:
    """Each restriction on leaving told, as ``summonses_json`` tells a summons: the state it
    restricts leaving, who placed it, the exit rule that keeps the person in while it runs,
    from its first day to its last (null: no end recorded)."""
    return [{"state": n.state, "by": n.by, "note": n.note, "inside": n.inside,
             "exit_rule": n.exit_rule, "bars_exit_from": _iso(n.bars_from),
             "until": _iso(n.until), **moved_by_json(n.account)}
            for n in notices if isinstance(n, RestrictionNotice)]


def _exposure_json(r: RiskAnswer | None) -> dict[str, Any]:
    """An alternative's exposure in brief: the level, and what its reasons add that a
    summary must not drop."""
    return {"extradition": r.extradition if r else "unknown",
            "extradition_in_brief": list(r.in_brief()) if r else []}


def _alternative_json(d: Destination, r: RiskAnswer | None) -> dict[str, Any]:
    """An other host's row with its exposure in brief: its `rules` hold the rules that
    brief names too ("a charge by the Russian Federation: medium under ae-extradition-2016"),
    as the text lists them among the rules relied on."""
    row = {**destination_json(d), **_exposure_json(r)}
    named = [x.id for x in r.in_brief_rules()] if r else []
    return {**row, "rules": sorted({*row["rules"], *named})}


def case_json(c: CaseReport) -> dict[str, Any]:
    return {
        # the profile's person.name, which the user gave to be told with the report; else null
        "name": c.name,
        "on": _iso(c.on), "host": c.host, "present": c.present,
        "stay": report_json(c.stay),
        # estimate: why the day may move (an estimated holiday, a decree not yet known), or null
        # sooner: the day it may be due by instead, where the rule leaves the host's lead unsaid
        # assumed: the account of the contested rule the day rests on, or null
        # accounts_agree: with assumed, whether every other account gives the day too (the
        # text then names no account: the day is not in doubt); null without assumed
        "deadlines": [{"day": _iso(d.day), "what": d.what, "rule": d.rule,
                       "assumed": assumed.variant if (assumed := c.assumed(d)) else None,
                       "accounts_agree": c.accounts_agree(d) if assumed else None,
                       "missed": d.missed, "estimate": d.estimate, "sooner": _iso(d.sooner)}
                      for d in c.deadlines],
        # the deadlines only another account of a contested rule gives, none of `deadlines`:
        # contested, the rule; assumed, its account assumed, which gives no such day;
        # variants, the other accounts (as --assume takes them) that give this one
        "deadlines_under_other_accounts": [
            {"day": _iso(o.deadline.day), "what": o.deadline.what, "rule": o.deadline.rule,
             "contested": o.assumed.rule, "assumed": o.assumed.variant,
             "variants": list(o.variants), "missed": o.deadline.missed,
             "estimate": o.deadline.estimate,
             # the rules its day rests on, as `variants` apply them (each `variant` theirs)
             "rules": [applied_json(a) for a in o.rules]}
            for o in c.only_under_other_accounts],
        # how current the rules under the deadlines are, as the text's note under them says
        "deadlines_freshness": freshness_json(c.deadlines_not_confirmed,
                                              note(c.deadlines_not_confirmed, c.on)),
        "summonses": summonses_json(c.summonses),
        "exit_restrictions": exit_restrictions_json(c.summonses),
        "permits": [permit_json(p) for p in c.permits],
        "no_permit": c.no_permit,
        "alternatives": [_alternative_json(d, c.exposure.get(d.host)) for d in c.alternatives],
        "alternatives_freshness": destinations_freshness(c.alternatives, c.on,
                                                         c.exposure_relied_on),
        "refused": [{"host": r.host, "name": r.name, "why": r.why,
                     "allowed": "unknown" if r.not_known else False,
                     "not_known": list(r.not_known)} for r in c.refused],
        "no_documents": c.no_documents,
        "visa_end": ({"issued_by": c.visa_end[0], "day": _iso(c.visa_end[1])}
                     if c.visa_end else None),
        "entry_allowed": (None if c.present else
                          "unknown" if c.entry_barred is not None and
                          c.entry_barred.allowed is None else c.entry_barred is None),
        "risk": risk_json(c.risk),
        # the accounts of the contested rules the deadlines, the notices and the lines on
        # other hosts rest on (those of the stay, permits, hosts listed and risk are theirs)
        "assumptions": _assumptions_json(list({(x.rule, x.variant): x for x in (
            *c.deadline_assumptions, *c.named_accounts)}.values())),
        # the entries the lines on other hosts name (a treaty in `extradition_in_brief`), as
        # `rules show ID --json` gives them; those `risk` names are in its `code_entries`
        "code_entries": [code_entry_json(e) for e in in_brief_entries(c.exposure.values())],
        "disclaimer": c.risk.disclaimer,  # of the whole report, as its text ends with it
    }


def coverage_json(cells: Sequence[Cell]) -> list[dict[str, Any]]:
    return [{"host": c.host, "topic": c.topic, "rules": list(c.rules),
             "confidence": c.confidence, "contested": c.contested, "unknown": c.unknown,
             "own": c.own, "gaps": _gaps_json(c)}
            for c in cells]


def _gaps_json(c: Cell) -> list[dict[str, Any]]:
    """Each run of days no rule of the cell covers, with the rule whose end opens it, as the
    text names it: a gap after an end its sources only last show (``last_seen``) is what the
    pack does not know, not a lapse of the law, and ``unknown``'s words alone do not say so."""
    return [{"from": _iso(first), "to": _iso(last),
             "after": opened[0] if opened else None,
             "last_seen": opened[1] if opened else False}
            for (first, last), opened in zip(c.gaps, c.opened_by, strict=True)]
