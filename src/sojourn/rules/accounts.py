"""Check every account of the pack a user can assume for rules that overlap or leave a gap,
and for two rules that answer for one document on one day.

An account is the default (no ``--assume``) or one variant name applied as ``--assume`` applies
it: each rule with a variant of that name takes it, every other rule its default. Names are
checked one at a time, not in combination: a combination can leave a day with no rule only where
one of its names alone already does or the default has two rules or none on that day, and can
make two rules share a day only where one name alone already does or the default has no rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from sojourn.errors import Problem
from sojourn.rules.schema import ANY_CITIZENSHIP, Rule
from sojourn.rules.select import Applied, applies_to, apply, picked
from sojourn.rules.topics import AcceptedDocument
from sojourn.words import document_name

if TYPE_CHECKING:
    from sojourn.rules.loader import Located

# Topics whose rules follow one another in time (a rule change ends one and starts the next).
TIMED = ("stay", "registration", "permit", "penalty", "document_validity", "stay_cover")
# Topics whose rules hold together, one for each document: checked for overlaps within a
# document, never for gaps (a state that stops accepting a document may have no rule after).
DOCUMENTED = ("entry", "exit")
_DAY = timedelta(days=1)


@dataclass
class _Finding:
    kind: Literal["overlap", "gap"]
    a: Applied  # the rule in force first
    b: Applied  # the rule that starts later
    first: date
    last: date  # date.max: open-ended
    named: tuple[str, ...]  # the citizenships the rules of the chain name, in their order
    document: str | None = None  # the document type both rules speak of (entry, exit)
    citizens: set[str] = field(default_factory=set)  # those it holds for


_Key = tuple[str, tuple[str, ...], date, date, str | None]
# a chain: host, topic, and the permit's name, penalty's offence or document type (or None)
ChainKey = tuple[str, str, str | None]
# a rule in a chain, with the document of it the chain is of (None: a chain of timed rules)
Link = tuple[Applied, AcceptedDocument | None]


def account_checks(rules: Sequence[Rule], where: dict[str, Located]
                   ) -> tuple[list[Problem], list[Problem]]:
    """Problems and warnings: overlaps and gaps under the default, then those each variant name
    adds to them.

    Most are warnings, never problems: stay rules of separate legal acts may hold together (the
    engine judges a stay by all of them), and a gap is a stretch the pack does not know
    (answers there say so), most often a rule change whose dates, or whose variants' dates, do
    not meet. Two registration rules in force together are a problem: a stay has one
    registration deadline, and which of the two gave it would depend on their order in the
    pack; so are two penalty rules for one offence, and two entry (or exit) rules that speak of
    one document for the same people at the same ages: a host has one answer for it."""
    chained = [r for r in rules if r.topic in TIMED or r.topic in DOCUMENTED]
    default = _findings(chained, None)
    found: list[tuple[_Finding, str | None]] = [(f, None) for f in default.values()]
    for name in sorted({v.name for r in chained for v in r.variants}):
        # a rule without the variant takes its default under the name too, so only the hosts
        # and topics of the rules that have it can find what the default does not (a whole
        # host and topic: a variant's permit, penalty or documents may move its rule to another
        # chain, leaving a gap in its own); checking them alone keeps the pack's loading from
        # growing with variants times rules
        moved = {(r.host, r.topic) for r in chained if _has(r, name)}
        near = [r for r in chained if (r.host, r.topic) in moved]
        found += [(f, name) for key, f in _findings(near, name).items() if key not in default]
    problems = [_problem(f, where, name) for f, name in found if _refused(f)]
    warnings = [_problem(f, where, name) for f, name in found if not _refused(f)]
    return _sorted(problems), _sorted(warnings)


def _refused(f: _Finding) -> bool:
    # two penalty rules for one offence in force together would give two sanctions, which
    # one told depending on their order in the pack, as two registration deadlines would, and
    # two entry rules two answers for one document, and two validity rules two ends for it
    return f.kind == "overlap" and f.a.rule.topic in ("registration", "penalty",
                                                      "document_validity", *DOCUMENTED)


def applies_any(a: Rule, b: Rule) -> bool:
    """Whether two rules share a citizenship (``*`` shares every one)."""
    ca, cb = set(a.citizenships), set(b.citizenships)
    return ANY_CITIZENSHIP in ca or ANY_CITIZENSHIP in cb or bool(ca & cb)


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.file or "", p.line or 0))


def _findings(rules: list[Rule], name: str | None) -> dict[_Key, _Finding]:
    assume = (name,) if name else ()
    applied = sorted((apply(r, picked(r, assume) or r.variant(None)) for r in rules),
                     key=lambda x: x.valid_from)
    found: dict[_Key, _Finding] = {}

    def add(kind: Literal["overlap", "gap"], a: Applied, b: Applied, first: date, last: date,
            citizens: set[str], named: tuple[str, ...], document: str | None = None) -> None:
        key = (kind, tuple(sorted((a.id, b.id))), first, last, document)
        found.setdefault(key, _Finding(kind, a, b, first, last, named, document)
                         ).citizens.update(citizens)

    # rules overlap or leave a gap only within a chain, each in the order the rules start
    chained = chains(applied)
    for links in chained.values():
        for i, (a, a_doc) in enumerate(links):
            for b, b_doc in links[i + 1:]:
                last = min(a.valid_to or date.max, b.valid_to or date.max)
                # a rule naming a document twice is one rule, which no file order reorders
                if (a is not b and applies_any(a.rule, b.rule) and b.valid_from <= last
                        and _ages_meet(a_doc, b_doc)):
                    add("overlap", a, b, b.valid_from, last, _shared(a.rule, b.rule),
                        _named([a, b]), a_doc.type if a_doc else None)
    for (_, topic, _), links in chained.items():
        if topic in DOCUMENTED:
            continue
        chain = [x for x, _ in links]
        named = _named(chain)
        for citizen in named:
            reach: Applied | None = None  # of the rules so far, the one in force the longest
            for x in (x for x in chain if applies_to(x.rule, citizen)):
                if (reach is not None and reach.valid_to is not None
                        and x.valid_from > reach.valid_to + _DAY and not _last_seen(reach)):
                    add("gap", reach, x, reach.valid_to + _DAY, x.valid_from - _DAY, {citizen},
                        named)
                if reach is None or (x.valid_to or date.max) > (reach.valid_to or date.max):
                    reach = x
    return found


def chains(applied: Iterable[Applied]) -> dict[ChainKey, list[Link]]:
    """The rules that follow one another in time, in the order ``applied`` gives: one chain
    per host, topic and permit, offence (timed topics) or document (entry, exit: a rule on
    several documents is in the chain of each, with the document)."""
    found: dict[ChainKey, list[Link]] = {}
    for x in applied:
        if x.rule.topic in DOCUMENTED:
            for doc in x.documents:
                found.setdefault((x.rule.host, x.rule.topic, doc.type), []).append((x, doc))
        else:
            found.setdefault((x.rule.host, x.rule.topic, _chain_name(x)), []).append((x, None))
    return found


def _named(rules: list[Applied]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c for x in rules for c in x.rule.citizenships))


def _ages_meet(a: AcceptedDocument | None, b: AcceptedDocument | None) -> bool:
    """Whether two rules' words on a document speak of one age at least (no min_age or max_age:
    every age). Destinations (an exit rule's ``to``) are no bound: a document's ``to`` refuses
    every destination it leaves out, so the other rule's destinations meet its refusal."""
    if a is None or b is None:
        return True
    youngest = max(a.min_age or 0, b.min_age or 0)
    oldest = [x for x in (a.max_age, b.max_age) if x is not None]
    return not oldest or youngest <= min(oldest)


def _has(rule: Rule, name: str) -> bool:
    """Whether ``rule`` has a variant called ``name``."""
    return any(v.name == name for v in rule.variants)


def _chain_name(x: Applied) -> str | None:
    """What rules of one host and topic follow one another by: a permit's name, a penalty's
    offence (an overstay's penalty rule and a late registration's do not), a validity rule's
    document and form, a cover rule's permit kind, a stay rule's way in (the visa rules judge
    the entries made on a visa beside the exemption's, not after them)."""
    if x.rule.entered_on is not None:
        return f"entered on {x.rule.entered_on}"
    if x.document_validity is not None:
        v = x.document_validity
        return f"{v.type} ({v.form})" if v.form else v.type
    if x.covers is not None:
        return x.covers.kind
    return (x.permit.name if x.permit else x.penalty.offence if x.penalty else None)


def _shared(a: Rule, b: Rule) -> set[str]:
    ca, cb = set(a.citizenships), set(b.citizenships)
    if ANY_CITIZENSHIP in ca:
        return cb
    return ca if ANY_CITIZENSHIP in cb else ca & cb


def _last_seen(x: Applied) -> bool:
    """Whether ``x`` ends where a source last saw it: what follows is unknown by design."""
    return x.last_seen


def _by(x: Applied, name: str | None, date_field: str) -> bool:
    """Whether the variant ``name`` set this date of ``x``."""
    return (name is not None and x.variant is not None and x.variant.name == name
            and getattr(x.variant, date_field) is not None)


def _at(x: Applied, date_field: str, where: dict[str, Located]) -> tuple[int | None, str]:
    """Line and field of the date ``x`` takes: its variant's, if the variant sets it."""
    at = where[x.id]
    if x.variant is not None and getattr(x.variant, date_field) is not None:
        return at.at("variants", x.rule.variants.index(x.variant), date_field)
    return at.at(date_field)


def _twin(x: Applied, name: str, date_field: str, day: date) -> str:
    """The change to ``x`` that would make the variant ``name`` meet its other rule."""
    if any(v.name == name for v in x.rule.variants):
        return f"{date_field}: {day} in the variant {name} of {x.id}"
    return f"a variant {name} of {x.id} with {date_field}: {day}"


def _problem(f: _Finding, where: dict[str, Located], name: str | None) -> Problem:
    a, b = f.a, f.b
    under = f", under --assume {name}," if name else ""
    # point at the date the variant moved: b's start, or else a's end
    on_a = _by(a, name, "valid_to") and not _by(b, name, "valid_from")
    a_at = f"{a.id} ({where[a.id].file}, line {where[a.id].line})"
    b_at = f"{b.id} ({where[b.id].file}, line {where[b.id].line})"
    days = _days(f.first, f.last)
    cits = _citizens(f.citizens, f.named)
    if f.kind == "overlap":
        what = f"two {_subject(a, 's', f.document)} for {cits} {days}"
        hold = ", unless both rules are meant to hold together"
        if _refused(f) and a.rule.topic == "penalty":
            what += (", but an offence has one penalty: which rule gave it would depend on "
                     "their order in the pack")
            hold = "; where sources disagree, one rule with a variant for each account"
        elif _refused(f) and a.rule.topic == "exit":
            # the engine judges the exit by every rule on the document: none is picked
            what += (", but a state has one answer for a document: either rule's refusal, or "
                     "a destination its to leaves out, would refuse whatever the other allows")
            hold = ("; one rule for the document on a day, its to naming every destination "
                    "the state lets its citizens out to, or ages (min_age, max_age) or "
                    "citizenships that do not meet")
        elif _refused(f) and a.rule.topic == "entry":
            what += (", but a host has one answer for a document: which rule gave it (a "
                     "visa, the validity wanted, what else entry needs) would depend on their "
                     "order in the pack")
            hold = ("; where both hold, one rule for the document on a day, or ages "
                    "(min_age, max_age) or citizenships that do not meet; where sources "
                    "disagree, one rule with a variant for each account")
        elif _refused(f) and a.rule.topic == "document_validity":
            what += (", but a document has one end: which rule gave it would depend on their "
                     "order in the pack")
            hold = "; where sources disagree, one rule with a variant for each account"
        elif _refused(f):  # the engine would take the first in the pack: one must end
            what += (", but a stay has one registration deadline: which rule gave it would "
                     "depend on their order in the pack")
            hold = ("; where both hold, one rule with the earlier deadline (or a variant for "
                    "each account)")
        if on_a:
            assert name is not None and a.valid_to is not None
            return Problem(where[a.id].file, *_at(a, "valid_to", where), str(a.valid_to),
                           f"keeps {a.id} in force{under} after {b_at} starts on "
                           f"{b.valid_from}: {what}",
                           f"valid_to before {b.valid_from}, or "
                           f"{_twin(b, name, 'valid_from', a.valid_to + _DAY)}{hold}")
        expected = f"valid_from after {a.valid_to or a.id + ' ends'}"
        if name is not None and _by(b, name, "valid_from"):
            expected += f", or {_twin(a, name, 'valid_to', b.valid_from - _DAY)}"
        return Problem(where[b.id].file, *_at(b, "valid_from", where), str(b.valid_from),
                       f"starts{under} while {a_at} is still in force "
                       f"({f'until {a.valid_to}' if a.valid_to else 'no end set'}): {what}",
                       expected + hold)
    assert a.valid_to is not None  # a gap follows a rule that ends
    what = f"no {_subject(a, '', f.document)} for {cits} {days}"
    if on_a:
        assert name is not None
        return Problem(where[a.id].file, *_at(a, "valid_to", where), str(a.valid_to),
                       f"ends {a.id}{under} before {b_at} starts on {b.valid_from}: {what}",
                       f"{_twin(b, name, 'valid_from', a.valid_to + _DAY)}, so that one rule "
                       f"follows the other, or valid_to: {b.valid_from - _DAY}")
    if name is not None and _by(b, name, "valid_from"):
        expected = (f"{_twin(a, name, 'valid_to', b.valid_from - _DAY)}, so that one rule "
                    f"follows the other, or valid_from: {a.valid_to + _DAY}")
    else:
        expected = (f"valid_from: {a.valid_to + _DAY}, the day after {a.id} ends, or "
                    f"valid_to_basis: last_seen on {a.id} if the pack does not know what held "
                    "in between")
    return Problem(where[b.id].file, *_at(b, "valid_from", where), str(b.valid_from),
                   f"starts{under} after {a_at} ends on {a.valid_to}: {what}", expected)


def _subject(x: Applied, plural: str, document: str | None) -> str:
    if document is not None:
        return f"{x.rule.host} {x.rule.topic} rule{plural} on the {document_name(document)}"
    if x.permit:
        return f"{x.rule.host} rule{plural} of {x.permit.name!r}"
    return f"{x.rule.host} {x.rule.topic} rule{plural}"


def _days(first: date, last: date) -> str:
    if last == date.max:
        return f"from {first} on"
    n = (last - first).days + 1
    return f"on {first} (1 day)" if n == 1 else f"from {first} to {last} ({n} days)"


def _citizens(codes: set[str], named: tuple[str, ...]) -> str:
    if ANY_CITIZENSHIP not in codes:
        return ", ".join(c for c in named if c in codes)
    others = [c for c in named if c not in codes]
    return "citizens other than " + ", ".join(others) if others else "every citizenship"
