"""One way in judged: the host's closures, the document's rule at the person's age, the visa
and the validity it wants, then the exit rules of the state left and the entry bans."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from sojourn.countries import country_name, possessive
from sojourn.dates import format_long
from sojourn.entry._answer import EntryAnswer, Reason
from sojourn.entry._bans import with_bans
from sojourn.entry._documents import (
    ADULT_AGE,
    age_bound,
    at_other_ages,
    fits_age,
    noted,
    validity_reason,
)
from sojourn.entry._exit import Leaving, with_exit
from sojourn.entry._land import LAND_WAYS, EarlierEntries, land_limit_words
from sojourn.entry._rule_ends import nearest_rules
from sojourn.entry._visas import ENTRY_TOPICS, issuers_in_words, members_of, visa_issuers
from sojourn.history.documents import AgeLapse, ends_words
from sojourn.penalties import BanLine, UnknownBan
from sojourn.rules.loader import Pack
from sojourn.rules.schema import Zone
from sojourn.rules.select import Applied, Assumption, select
from sojourn.rules.topics import TRAVEL_MODES, AcceptedDocument
from sojourn.stay import low_confidence_note
from sojourn.words import document_name, listed, with_article


def check_entry(pack: Pack, *, citizenship: str, document: str, to: str, on: dt.date,
                by: str | None = None, age: int | None = None, assume: tuple[str, ...] = (),
                visa: bool | None = None, visa_from: str | None = None,
                document_expires: dt.date | None = None,
                document_lapse: AgeLapse | None = None,
                bans: Sequence[BanLine] = (), leaving: Leaving = Leaving(),
                unknown_bans: Sequence[UnknownBan] = (),
                earlier: EarlierEntries | None = None) -> EntryAnswer:
    """Judge one way in; every reason names the rule it comes from. ``to``: a country or a
    zone; a member state of a zone on ``on`` with no entry or border rules of its own is judged
    by the zone's (Pack.judging_zone, as status judges its stays), and the first reason says
    so. ``visa``: whether the
    person holds a visa that counts for the host on the day (None: not said); ``visa_from``:
    the state that issued it, for the reasons; ``document_expires``: the document's last day
    (None: not said), judged against the validity the rule wants, and ``document_lapse`` why
    it is that day where the document lapses by its holder's age (the reasons say so, and the
    answer relies on the rule that gives it, where they name the day); ``bans``: the entry bans
    the person's overstays in the host bring (with_bans), and ``unknown_bans`` those whose
    ban the pack cannot tell; ``leaving``: the states the person
    is in on the day, whose exit rules are judged first (with_exit), with what they judge of
    the person (summonses, citizenships, the documents each state issued, charges);
    ``earlier``: the entries into the host the person's history records earlier in the
    calendar year (None: no history given), counted against a limit on entries by land."""
    zone = pack.judging_zone(to, on, ENTRY_TOPICS)
    entered = _check_entry(pack, zone, citizenship=citizenship, document=document, to=to,
                           on=on, by=by, age=age, assume=assume, visa=visa, visa_from=visa_from,
                           document_expires=document_expires, document_lapse=document_lapse,
                           earlier=earlier)
    return with_bans(with_exit(pack, entered, leaving, assume), bans, unknown_bans)


def _judged_as_member(pack: Pack, zone: Zone | None, answer: EntryAnswer) -> EntryAnswer:
    """The answer for a member state judged by its zone's rules, saying so first, with the
    zone's rules it relies on; or for a state that joins a zone later and has no rules of its
    own, why the zone's rules do not judge it yet (Croatia before 1 January 2023)."""
    state, day = country_name(answer.to), format_long(answer.on)
    if zone is not None:
        ids = tuple(r.id for r in answer.rules if r.rule.host == zone.id)
        line = Reason(f"{state} is in {zone.title} on {day}: judged by "
                      f"{possessive(zone.title)} rules" + (f" ({', '.join(ids)})" if ids else ""),
                      ids)
        return replace(answer, why=(line, *answer.why), judged_by=zone.id)
    joins = pack.zone_joined_later(answer.to, answer.on)
    if joins is None or pack.judging_zone(answer.to, joins[1], ENTRY_TOPICS) is None:
        return answer  # its own rules judge it, a member or not
    later, since = joins
    line = Reason(f"{state} is not yet in {later.title} on {day} (a member from "
                  f"{format_long(since)}): judged by its own rules, not the zone's")
    return replace(answer, why=(line, *answer.why))


def _check_entry(pack: Pack, zone: Zone | None, *, citizenship: str, document: str, to: str,
                 on: dt.date, by: str | None, age: int | None, assume: tuple[str, ...],
                 visa: bool | None, visa_from: str | None,
                 document_expires: dt.date | None, document_lapse: AgeLapse | None,
                 earlier: EarlierEntries | None = None) -> EntryAnswer:
    """``to`` judged by its own rules, or, a member state without any, by those of ``zone``
    (``host``): the reasons name the host whose rules they read."""
    host = zone.id if zone is not None else to
    name = pack.zones[host].title if host in pack.zones else country_name(host)
    day = format_long(on)

    def answer(allowed: bool | None, reasons: list[Reason], rules: Sequence[Applied] = (),
               assumptions: Sequence[Assumption] = (), issuers: Sequence[str] = (),
               named: Sequence[Applied] = ()) -> EntryAnswer:
        # every rule in ``rules`` decides the answer: a closure, or the document's rule; those
        # ``named`` are relied on (listed, with their sources) without deciding it: the rules
        # around a day the pack has none for, or of the document at other ages only, whose low
        # confidence is no doubt of "unknown"
        return _judged_as_member(pack, zone, EntryAnswer(
                           on, to, pack.zones[to].title if to in pack.zones else country_name(to),
                           citizenship, document, by, age, allowed,
                           tuple(reasons), (*rules, *named), tuple(assumptions),
                           tuple(issuers),
                           visa if issuers else None, visa_from if issuers and visa else None,
                           bool(issuers) and visa is None and allowed is None and not unsure,
                           tuple(low_confidence_note(rules, [r.id for r in rules])),
                           document_expires, chosen[0].valid_for if chosen else None,
                           chosen[1].id if chosen and chosen[0].valid_for else None,
                           tuple(chosen[0].also_needs) if chosen else (),
                           chosen[1].id if chosen and chosen[0].also_needs else None,
                           document_lapse=document_lapse if document_expires else None,
                           judged_by_name=name,
                           document_ways=(tuple(chosen[0].by) if chosen and chosen[0].by
                                          else None),
                           visa_issuers_words=(issuers_in_words(
                               pack, name, zone=host in pack.zones, doc=chosen[0], on=on)
                               if chosen and issuers and chosen[0].visas_of else "")))

    chosen: tuple[AcceptedDocument, Applied] | None = None  # the document entry relies on
    named: tuple[Applied, ...] = ()  # rules the answer names without deciding it

    applied, assumptions = select(pack, host, citizenship, assume, topics=ENTRY_TOPICS)
    rules = [a for a in applied if a.in_force(on)]
    used: list[Applied] = []
    reasons: list[Reason] = []
    closed = [r for r in rules if r.rule.topic == "border" and by is not None
              and by in r.closed_to]
    for rule in closed:
        reasons.append(Reason(f"{name} is closed to entry by {by} on {day} ({rule.id})",
                              (rule.id,), refuses=True))
        used.append(rule)
    # a closure whose end is only the latest extension seen: after it, unknown, not open
    lapsed = [a for a in applied if a.rule.topic == "border" and a.rule.valid_to_basis ==
              "last_seen" and a.valid_to is not None and a.valid_to < on
              and (by is None or by in a.closed_to)
              and not any(r.rule.topic == "border" for r in rules)]
    for rule in lapsed:
        assert rule.valid_to is not None  # lapsed: its last day has passed
        reasons.append(Reason(
            f"unknown: {name} was closed to entry by {listed(list(rule.closed_to))} until at "
            f"least {format_long(rule.valid_to)} ({rule.id}), the latest extension the sources "
            "report; whether it still is, the pack does not know"
            + ("" if by else "; give --by to judge your way in"), (rule.id,),
            end_not_known=True))
        used.append(rule)
    # with no way in given, a closure that may still be closed leaves the answer unknown only
    # if it may shut every way in: Azerbaijan's by land leaves the air open, and "unknown"
    # hid that a Russian may fly in
    unsure = bool(lapsed) and (by is not None or set(TRAVEL_MODES) <= {
        m for r in lapsed for m in r.closed_to})
    if citizenship in members_of(pack, host):
        # Citizens need no document rule to come home, but a closed border binds them too,
        # and one that may still be closed leaves their way in unknown as anyone's.
        # a closure said above binds them, or, lapsed, leaves their way in unknown
        binding = closed or (lapsed if unsure else [])
        reasons.append(Reason(
            f"the closure binds citizens of {country_name(citizenship)} too" if closed
            else f"citizens of {country_name(citizenship)} may enter {name} on their own "
            "papers" + (" if it is open" if unsure else ""), tuple(r.id for r in binding)))
        relied = {r.id for r in used}
        return answer(False if closed else None if unsure else True, reasons, used,
                      [a for a in assumptions if a.rule in relied])
    open_ways = [r for r in rules if r.rule.topic == "border" and by is None]
    for rule in open_ways:
        reasons.append(Reason(f"{name} is closed to entry by {listed(list(rule.closed_to))} on "
                              f"{day} ({rule.id}); give --by to judge your way in", (rule.id,)))
        used.append(rule)
    judged_age = age if age is not None else ADULT_AGE
    if age is None:
        reasons.append(Reason(f"no age given: judged as an adult ({ADULT_AGE} or over)"))
    verdicts: list[tuple[AcceptedDocument, Applied]] = []
    other_ages: list[tuple[AcceptedDocument, Applied]] = []  # the document, at other ages
    for rule in rules:
        for doc in rule.documents:
            if doc.type != document:
                continue
            if not fits_age(doc, judged_age):
                other_ages.append((doc, rule))
                continue
            verdicts.append((doc, rule))
    doc_words = with_article(document_name(document))
    # a document accepted by itself answers before one accepted only with a visa
    verdicts.sort(key=lambda v: v[0].visa_required)
    issuers: tuple[str, ...] = ()
    if any(not doc.accepted for doc, _ in verdicts):
        refused, rule = next((doc, r) for doc, r in verdicts if not doc.accepted)
        reasons.append(Reason(f"{name} does not accept {doc_words} from citizens of "
                              f"{country_name(citizenship)} on {day} ({rule.id}){noted(refused)}"
                              f"{age_bound(refused, rule, age)}", (rule.id,), refuses=True))
        used.append(rule)
        allowed: bool | None = False
    elif verdicts and not verdicts[0][0].visa_required:
        doc, rule = chosen = verdicts[0]
        reasons.append(Reason(f"{name} accepts {doc_words} from citizens of "
                              f"{country_name(citizenship)} on {day} ({rule.id}){noted(doc)}"
                              f"{age_bound(doc, rule, age)}", (rule.id,)))
        used.append(rule)
        allowed = True
    elif verdicts:
        doc, rule = chosen = verdicts[0]
        issuers = visa_issuers(pack, host, on, doc)
        issued_by = issuers_in_words(pack, name, zone=host in pack.zones, doc=doc, on=on)
        with_visa = (f"{name} accepts {doc_words} from citizens of {country_name(citizenship)} "
                     f"on {day} only with a visa issued by {issued_by} ({rule.id})")
        # the document's note last, after the visa is settled: "one" is the visa
        if visa is None:
            said = (f"{with_visa}: yes with one, no without; give --visa or --no-visa to say "
                    f"whether you hold one{noted(doc)}{age_bound(doc, rule, age)}")
        elif visa:
            held = f" issued by {country_name(visa_from)}" if visa_from else ""
            said = (f"{with_visa}; you hold one{held}, valid on the "
                    f"day{noted(doc)}{age_bound(doc, rule, age)}")
        else:
            said = (f"{with_visa}; you hold none valid on the day: a visa is "
                    f"needed{noted(doc)}{age_bound(doc, rule, age)}")
        reasons.append(Reason(said, (rule.id,), refuses=visa is False))
        used.append(rule)
        allowed = visa
    elif other_ages:
        # The pack speaks of this document at other ages only: say which, not "no rule".
        spoken = at_other_ages(other_ages, age)
        # the rules named speak of other ages: the answer at this one rests on none of them,
        # but they are relied on as the rules around a day with none are, since their ages
        # and sources are what the reader checks the "unknown" against
        named = tuple({rule.id: rule for _, rule in other_ages}.values())
        reasons.append(Reason(
            f"unknown: the rule pack has no rule on whether {name} accepts {doc_words} "
            f"from citizens of {country_name(citizenship)} aged {judged_age} on {day}; "
            f"{spoken}, not at {judged_age}", tuple(r.id for r in named)))
        allowed = None
    else:
        has_rules = any(r.rule.topic == "entry" for r in rules)
        bracket = nearest_rules(applied, document, judged_age, on)
        reasons.append(Reason(
            f"unknown: the rule pack has no rule on whether {name} accepts {doc_words} "
            f"from citizens of {country_name(citizenship)} on {day}"
            + ("" if has_rules else " (no entry-document rule at all for that day)")
            + bracket.words, tuple(r.id for r in bracket.rules)))
        # the rules named with their days are relied on as every rule an answer names: their
        # dates and sources are what the reader checks the "unknown" against
        named = bracket.rules
        allowed = None
    if chosen and (ways := chosen[0].by):
        # a document the host takes by some ways in only (Georgia: a Ukrainian's ID card on a
        # direct flight or ship): refused the others, and, with no way given, the answer says
        # the ways it holds for (EntryAnswer.open_ways), as for a closed border
        doc, rule = chosen
        only = f"{name} accepts the {document_name(document)} only {doc.ways_words}"
        shut = by is not None and by not in ways
        reasons.append(Reason(
            f"{only} ({rule.id}); give --by to judge your way in" if by is None
            else f"{only}, not by {by} ({rule.id})" if shut
            else f"{only} ({rule.id}); you come in by {by}", (rule.id,), refuses=shut))
        if shut:
            allowed = False
    # the document's end said by its holder's age names the rule that gives it
    lapse_rule = (document_lapse.rule,) if document_lapse is not None else ()
    if chosen and document_expires is not None and document_expires < on:
        # a document past its last day is judged by no validity rule: the rule that accepts
        # it accepts a document in force, and one host saying nothing of validity is no
        # licence to enter on an expired one
        reasons.append(Reason(f"your {document_name(document)} "
                              f"{ends_words(document_expires, document_lapse, on)}, before the "
                              "day of entry", lapse_rule, refuses=True))
        allowed = False
    elif chosen and chosen[0].valid_for:
        want = chosen[0].valid_for
        # too short a validity refuses entry whatever the visa: neither "yes with one" nor
        # unknown
        too_short = document_expires is not None and not want.met_by(document_expires, on)
        reasons.append(Reason(validity_reason(name, doc_words, want, chosen[1].id, on,
                                              document_expires, document_lapse),
                              (chosen[1].id, *(lapse_rule if document_expires else ())),
                              refuses=too_short))
        if too_short:
            allowed = False
    elif chosen and document_expires is not None:
        # the last day was given: say that no rule judged it, rather than pass over it
        reasons.append(Reason(f"the rule pack does not say how long {name} wants {doc_words} "
                              f"to stay valid; yours "
                              f"{ends_words(document_expires, document_lapse, on)}", lapse_rule))
    if chosen and document_expires is not None and document_lapse is not None:
        # the reasons above name the day the document lapses by age: a day that rests on the
        # rule giving it, listed and dated with the others
        used.append(document_lapse.validity)
    if chosen and chosen[0].land_entries_per_year is not None and allowed is not False:
        # counted only against a history: without one the limit is told and decides nothing,
        # and an entry by air or sea, or a way not said, is not refused for it
        words, lets = land_limit_words(chosen[0].land_entries_per_year, earlier, name,
                                       chosen[1].id, on, by)
        deciding = earlier is not None and by in LAND_WAYS
        reasons.append(Reason(words, (chosen[1].id,), refuses=deciding and lets is False,
                              leaves_unknown=deciding and lets is None))
        if deciding and lets is False:
            allowed = False
        elif deciding and lets is None and allowed is True:
            allowed = None
    if closed:
        allowed = False
    elif unsure and allowed is not False:
        allowed = None
    if chosen and allowed is not False:
        # after the refusals: the first reason that is not an acceptance is a refusal's why
        reasons.extend(Reason(f"{name} also wants {n.words} ({chosen[1].id})"
                              + (f": {n.note}" if n.note else ""), (chosen[1].id,))
                       for n in chosen[0].also_needs)
    relied = {r.id for r in (*used, *named)}
    return answer(allowed, reasons, used, [a for a in assumptions if a.rule in relied], issuers,
                  named)
