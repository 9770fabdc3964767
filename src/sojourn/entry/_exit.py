"""Leaving the state the person is in: whether its exit rules let him out on the document
shown to the host (or on its own, for its citizen), and what they judge of him."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from sojourn.countries import country_name
from sojourn.dates import format_long
from sojourn.entry._answer import EntryAnswer, ExitCheck, Reason
from sojourn.entry._documents import ADULT_AGE, ages_of, fits_age, noted
from sojourn.entry._exit_person import charged, restricted, summoned
from sojourn.entry._visas import members_of
from sojourn.history.models import ChargeIn, ExitRestrictionIn, SummonsIn
from sojourn.rules.loader import Pack
from sojourn.rules.select import Applied, Assumption, select
from sojourn.rules.topics import TRAVEL_MODES, AcceptedDocument
from sojourn.stay import low_confidence_note
from sojourn.words import document_name, listed, with_article


def _exit_check(doc: AcceptedDocument, rule: str, state: str, e: EntryAnswer,
                document: str) -> ExitCheck:
    """What an exit rule's document says of leaving ``state`` for the answer's host: let out,
    or not (refused everywhere, or for a destination or way its ``to`` does not name)."""
    name, citizens = country_name(state), f"citizens of {country_name(e.citizenship)}"
    day = format_long(e.on)
    if not doc.accepted:
        # a refusal's note is its reason in the holder's words (what changed, since when,
        # under which act, and what to get instead): the rest would repeat it
        return ExitCheck(state, False, f"{doc.note} ({rule})" if doc.note else
                         f"{name} does not let {citizens} leave on {document} on {day} "
                         f"({rule})", rule)
    if doc.to is None:
        return ExitCheck(state, True, f"{name} lets {citizens} leave on {document} on {day} "
                                      f"({rule}){noted(doc)}", rule)
    served = next((d for d in doc.to if d.serves(e.to, e.by)), None)
    if served is not None:
        return ExitCheck(state, True, f"{name} lets {citizens} leave on {document} for "
                                      f"{served.words} on {day} ({rule}){noted(doc)}", rule,
                         ways=tuple(served.by) if served.by else None)
    # the destination is left unsaid: the same refusal for every host is then said once
    return ExitCheck(state, False,
                     f"{name} lets {citizens} leave on {document} on {day} only for "
                     f"{listed([d.words for d in doc.to])} ({rule})"
                     + (f": {doc.elsewhere}" if doc.elsewhere else ""), rule)


@dataclass(frozen=True)
class Leaving:
    """What the exit rules of the states a trip leaves judge of the person besides the
    document shown to the host: the states the person is in on the day, the military
    summonses received (none recorded is none received), the person's citizenships with the
    travel documents each state issued (type, state): a state that counts a citizen of
    another state too its own lets him out on its own documents, whatever he shows the host;
    and the criminal charges recorded, of which the state's own may restrict leaving."""

    states: tuple[str, ...] = ()
    summonses: tuple[SummonsIn, ...] = ()
    citizenships: frozenset[str] = frozenset()
    documents: tuple[tuple[str, str], ...] = ()
    # the criminal charges recorded, each brought by a state (charges for an act after the day
    # are left out by whoever builds this)
    charges: tuple[ChargeIn, ...] = ()
    # the restrictions on leaving recorded, each placed by a state's court, investigator or
    # bailiff: the state's exit rule keeps the person in while one runs
    restrictions: tuple[ExitRestrictionIn, ...] = ()


def _own_documents_check(rule: Applied, applied: Sequence[Applied], state: str,
                         e: EntryAnswer, leaving: Leaving, age: int
                         ) -> tuple[ExitCheck, list[Applied]]:
    """Whether ``state``, which lets its citizens out on its own documents only (``rule``),
    lets out on one of those the person holds a citizen who shows the host another state's
    document: yes on the first its exit rules (``applied``) let out for the host, else no,
    with each one's reason, or none held; and the rules of ``applied`` that spoke."""
    assert rule.own_documents_only is not None
    held = [t for t, issuer in dict.fromkeys(leaving.documents) if issuer == state]
    refusals: list[str] = []
    spoke: list[Applied] = []
    for kind in held:
        own = replace(e, citizenship=state, document=kind)
        words = with_article(document_name(kind))
        said = [(_exit_check(doc, r.id, state, own, words), r) for r in applied
                if r.in_force(e.on) for doc in r.documents
                if doc.type == kind and fits_age(doc, age)]
        refused = [x.reason for x, _ in said if not x.allowed]
        if not said:
            # a document the state's rules speak of at other ages only (a birth certificate,
            # up to 13) is none to leave on at this one: silence lets out a foreign passport
            aged = [(doc, r) for r in applied if r.in_force(e.on) for doc in r.documents
                    if doc.type == kind]
            refused += [f"{country_name(state)} lets its citizens leave on {words} "
                        f"{ages_of(doc)} only, not at {age} ({r.id})" for doc, r in aged]
            spoke += [r for _, r in aged]
        if not refused:
            # the ways the own document is let out by are the ways the person leaves by
            limits = [x.ways for x, _ in said if x.ways is not None]
            ways = tuple(m for m in TRAVEL_MODES if all(m in w for w in limits))
            return ExitCheck(state, True, "; ".join([
                f"{country_name(state)} counts you its citizen and lets you out on its own "
                f"documents only ({rule.id}): you leave on its {document_name(kind)}, and "
                f"show {e.to_name} {with_article(document_name(e.document))} of "
                f"{country_name(e.citizenship)}", *(x.reason for x, _ in said)]),
                rule.id, ways=ways if limits else None,
                also_rests_on=tuple(r.id for _, r in said)), [r for _, r in said]
        refusals += refused
        spoke += [r for x, r in said if not x.allowed]
    why = "; ".join(refusals) if refusals else (
        f"you hold no travel document of {country_name(state)} valid on {format_long(e.on)}")
    return ExitCheck(state, False, f"{rule.own_documents_only.note} ({rule.id}): {why}",
                     rule.id, also_rests_on=tuple(r.id for r in spoke)), spoke


def with_exit(pack: Pack, e: EntryAnswer, leaving: Leaving, assume: tuple[str, ...] = ()
              ) -> EntryAnswer:
    """The answer as the exit rules of the states ``leaving`` names leave it (those the person
    is in on the day; the host and its zone's members are not left for it): a document one of
    them does not let its holder out on refuses entry anywhere else, its reason first; one it
    lets out on is said so, and the host's rules answer as before; a document no exit rule
    speaks of is left to the host. A state judges the documents it issued: a citizen of it who
    shows the host another state's document leaves on one of its own where a rule of it says
    so (``own_documents_only``), and a state that keeps in a person it has served a summons
    refuses him, whatever the document, from the day its rule names."""
    hosts = set(members_of(pack, e.judge))
    age = e.age if e.age is not None else ADULT_AGE
    document = with_article(document_name(e.document))
    checks: list[ExitCheck] = []
    relied: list[Applied] = []
    assumed: list[Assumption] = []
    for state in dict.fromkeys(s for s in leaving.states if s not in hosts):
        own = e.citizenship == state
        # the state's rules for its own citizens judge a citizen of it, whatever he shows
        citizen = own or state in leaving.citizenships
        applied, assumptions = select(pack, state, state if citizen else e.citizenship,
                                      assume, topics=("exit",))
        for rule in (a for a in applied if a.in_force(e.on)):
            said: list[ExitCheck] = []
            spoke: list[Applied] = []  # the rules that judged a document of the state's own
            # a foreigner's document is judged by the rules for foreigners, if any
            if own or not citizen:
                said += [_exit_check(doc, rule.id, state, e, document) for doc in rule.documents
                         if doc.type == e.document and fits_age(doc, age)]
            elif (rule.own_documents_only is not None
                  and e.citizenship not in rule.own_documents_only.unless_also):
                check, spoke = _own_documents_check(rule, applied, state, e, leaving, age)
                said.append(check)
            if citizen and rule.summons is not None and (
                    kept := summoned(rule, rule.summons, state, leaving.summonses,
                                      e.on)) is not None:
                said.append(kept)
            if citizen and rule.restriction is not None and (
                    kept := restricted(rule, rule.restriction, state, leaving.restrictions,
                                        e.on)) is not None:
                said.append(kept)
            if citizen and rule.criminal_case is not None and (
                    why := charged(rule.criminal_case, state, leaving.charges)) is not None:
                said.append(ExitCheck(state, True, f"{why} ({rule.id})", rule.id, caution=True))
            if citizen and rule.unaccompanied_minor is not None and (
                    e.age is not None and e.age <= rule.unaccompanied_minor.max_age):
                # only an age known is judged: none given is judged as an adult's
                said.append(ExitCheck(state, True, f"caution: at {e.age}, "
                                      f"{rule.unaccompanied_minor.note} ({rule.id})", rule.id,
                                      caution=True))
            if said:
                checks += said
                relied += [rule, *spoke]
                assumed += [x for x in assumptions if x.rule == rule.id]
    if not checks:
        return e
    refused = [x for x in checks if not x.allowed]
    allowed = False if refused else e.allowed
    # the first reason of a "No" is its why: a refusal at the exit comes first, and a
    # document let out comes after the host's reasons, which decide the answer
    reasons = (*(x.because for x in refused), *e.why,
               *(x.because for x in checks if x.allowed))
    named = {r.id for r in e.rules}
    rules = (*{r.id: r for r in relied if r.id not in named}.values(), *e.rules)
    notes = low_confidence_note(relied, [x.rule for x in refused])
    left = replace(e, allowed=allowed, why=reasons, rules=rules,
                   assumptions=(*dict.fromkeys(assumed), *e.assumptions),
                   notes=(*e.notes, *notes), exits=tuple(checks),
                   visa_decides=e.visa_decides and allowed is None)
    if (left.allowed is not False and e.by is None and e.document_ways is not None
            and left.limited_ways == frozenset()):
        # the ways out the state left allows and the ways in the host accepts the document
        # by share none: with no way in open, a "Yes" with no ways named read as every way
        out = listed(sorted({m for x in checks if x.allowed and x.ways for m in x.ways}), "or")
        ways = listed(list(e.document_ways or ()), "or")
        exit_rule = next(x.rule for x in checks if x.allowed and x.ways is not None)
        left = replace(left, allowed=False, visa_decides=False, why=(Reason(
            f"no way in is left: the state you leave lets you out on {document} only by "
            f"{out} ({exit_rule}), and {e.judged_by_name or e.to_name} accepts it only by "
            f"{ways}", (exit_rule, *(r.id for r in e.rules if r.rule.topic == "entry")),
            refuses=True),
            *left.why))
    return left
