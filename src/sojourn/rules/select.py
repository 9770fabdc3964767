"""Choose the rules that judge a person in a host, with the variants assumed, over time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from sojourn.dates import within
from sojourn.engine.kinds import Constraint
from sojourn.errors import UsageError, did_you_mean, nearest, option_told
from sojourn.rules.schema import ANY_CITIZENSHIP, Rule, Source, Variant
from sojourn.rules.topics import (
    AcceptedDocument,
    CriminalCaseCaution,
    DocumentValidity,
    Extradition,
    Liability,
    OwnDocumentsOnly,
    Penalty,
    Permit,
    RestrictionBan,
    StayCover,
    SummonsBan,
    UnaccompaniedMinorCaution,
)
from sojourn.words import listed

if TYPE_CHECKING:  # the loader checks the pack's accounts with apply() and picked()
    from sojourn.rules.loader import Pack


@dataclass(frozen=True)
class Applied:
    """A rule as applied: the variant chosen fixes its dates, constraints, sources, confidence."""

    rule: Rule
    variant: Variant | None
    valid_from: dt.date
    valid_to: dt.date | None
    constraints: tuple[Constraint, ...]
    sources: tuple[Source, ...]
    confidence: str
    documents: tuple[AcceptedDocument, ...] = ()
    closed_to: tuple[str, ...] = ()
    permit: Permit | None = None
    extradition: Extradition | None = None
    liability: Liability | None = None
    penalty: Penalty | None = None
    summons: SummonsBan | None = None
    restriction: RestrictionBan | None = None
    own_documents_only: OwnDocumentsOnly | None = None
    criminal_case: CriminalCaseCaution | None = None
    unaccompanied_minor: UnaccompaniedMinorCaution | None = None
    document_validity: DocumentValidity | None = None
    covers: StayCover | None = None

    @property
    def id(self) -> str:
        return self.rule.id

    def in_force(self, day: dt.date) -> bool:
        return within(day, self.valid_from, self.valid_to)

    @property
    def contested(self) -> bool:
        return bool(self.rule.variants)

    @property
    def last_seen(self) -> bool:
        """Whether the end is where a source last saw the rule (``valid_to_basis: last_seen``):
        the latest extension reported, not a known end. A variant's own end is a known one."""
        return self.rule.valid_to_basis == "last_seen" and self.valid_to == self.rule.valid_to

    @property
    def title(self) -> str:
        """The rule's title, or the assumed variant's where it is not the default account."""
        if self.variant is not None and not self.variant.default and self.variant.title:
            return f"{self.rule.title} [{self.variant.title}]"
        return self.rule.title

    @property
    def note(self) -> str | None:
        return (self.variant.note if self.variant and self.variant.note else None) or self.rule.note


@dataclass(frozen=True)
class Assumption:
    """A contested rule and the account of it the answer relied on."""

    rule: str
    variant: str
    title: str | None
    by_default: bool
    alternatives: tuple[str, ...]


# What an Applied takes from its rule, each of which a variant may state of its own: listed
# from Applied itself, so that a field added there is one the variant can replace (a Variant
# without it fails the first contested rule applied, not silently)
_TOLD = tuple(f.name for f in fields(Applied) if f.name not in ("rule", "variant"))


def apply(rule: Rule, variant: Variant | None) -> Applied:
    """``rule`` as ``variant`` tells it (None: as written): what the variant states replaces
    the rule's (an empty list too), what it leaves out is the rule's."""
    return Applied(rule=rule, variant=variant,
                   **{name: _told(rule, variant, name) for name in _TOLD})


def _told(rule: Rule, variant: Variant | None, name: str) -> Any:
    own = None if variant is None else getattr(variant, name)
    value = getattr(rule, name) if own is None else own
    return tuple(value) if isinstance(value, list) else value  # an Applied is immutable


def picked(rule: Rule, assume: tuple[str, ...]) -> Variant | None:
    """The variant of ``rule`` that ``assume`` names, if any (else its default applies)."""
    return next((v for v in rule.variants if v.name in assume), None)


def applied_as(rule: Rule, assume: tuple[str, ...]) -> tuple[Applied, Assumption | None]:
    """``rule`` applied under the variant ``assume`` names (else its default), and, for a
    contested rule, the account that was assumed."""
    named = picked(rule, assume)
    variant = named or rule.variant(None)
    assumption = None if variant is None else Assumption(
        rule.id, variant.name, variant.title, named is None,
        tuple(v.name for v in rule.variants if v.name != variant.name))
    return apply(rule, variant), assumption


def applies_to(rule: Rule, citizenship: str) -> bool:
    return ANY_CITIZENSHIP in rule.citizenships or citizenship in rule.citizenships


def has_rule_on(pack: Pack, host: str, topic: str, citizenship: str, on: dt.date) -> bool:
    """Whether the pack has a ``topic`` rule for ``citizenship`` in ``host`` in force on ``on``
    (as written, before any variant): how a dual citizen's passport is chosen when none is
    given, the first one the host has rules for."""
    return any(r.host == host and r.topic == topic and applies_to(r, citizenship)
               and r.valid_from <= on and (r.valid_to is None or on <= r.valid_to)
               for r in pack.rules)


def select(pack: Pack, host: str, citizenship: str, assume: tuple[str, ...] = (),
           topics: tuple[str, ...] = ("stay", "registration")
           ) -> tuple[list[Applied], list[Assumption]]:
    """Rules of ``pack`` on ``topics`` for ``citizenship`` in ``host``, with ``assume``d
    variant names."""
    chosen = [r for r in pack.rules
              if r.host == host and r.topic in topics and applies_to(r, citizenship)]
    check_assumed(pack, assume, (host,))
    applied: list[Applied] = []
    assumptions: list[Assumption] = []
    for rule in chosen:
        one, assumed = applied_as(rule, assume)
        applied.append(one)
        if assumed is not None:
            assumptions.append(assumed)
    return applied, assumptions


def refuse_assumed_for_ad_hoc(assume: tuple[str, ...]) -> None:
    """Refuse ``--assume`` beside ``--rule``: an ad-hoc regime has no variant to pick, and
    quietly ignoring the option would let the user think an account was assumed."""
    if assume:
        raise UsageError(option_told("--assume", assume[0],
                                     "picks a variant of a rule in the pack, and --rule judges "
                                     "by its own spec alone",
                                     "no --assume beside --rule, or --country CODE for the "
                                     "pack's rules"))


def rival_variants(pack: Pack, name: str) -> set[str]:
    """The variant names of every rule that has one called ``name``, ``name`` included: the
    accounts one ``--assume`` picks among."""
    return {v.name for r in pack.rules if any(w.name == name for w in r.variants)
            for v in r.variants}


def other_accounts(pack: Pack, relied: Iterable[Assumption], assume: tuple[str, ...]
                   ) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Each other account of the contested rules ``relied`` on, once, with the ``--assume``
    names that pick it: ``assume`` with it in place of its rivals."""
    for variant in dict.fromkeys(v for x in relied for v in x.alternatives):
        rivals = rival_variants(pack, variant)
        yield variant, (*(n for n in assume if n not in rivals), variant)


def contested_accounts(rules: Iterable[str], assumed: Iterable[Assumption]
                       ) -> tuple[Assumption, ...]:
    """The accounts ``assumed`` of those of ``rules`` (the rules a day rests on) that have
    another account, in the order of ``rules``: where another account gives the day another
    day, the answer must say which it assumed (a report's deadline, a permit's verdict)."""
    held = tuple(assumed)
    return tuple(a for rule in dict.fromkeys(rules) for a in held
                 if a.rule == rule and a.alternatives)


def accounts_in_doubt(accounts: Iterable[Assumption], agreed: Collection[str]
                      ) -> tuple[Assumption, ...]:
    """Those of ``accounts`` whose rule is not in ``agreed`` (the rules every other account
    of which was weighed and gives the same days): the accounts an answer names beside its
    days, lest a day one account gives read as settled."""
    return tuple(a for a in accounts if a.rule not in agreed)


def account_named(accounts: Sequence[Assumption], agreed: Collection[str]
                  ) -> Assumption | None:
    """The one account a JSON's ``assumed`` names of ``accounts``: the first in doubt
    (accounts_in_doubt), else the first; None where no rule the days rest on is contested."""
    return next(iter((*accounts_in_doubt(accounts, agreed), *accounts)), None)


def check_assumed(pack: Pack, assume: tuple[str, ...],
                  hosts: Collection[str] | None = None) -> None:
    """Refuse ``--assume`` names that no rule has, or two rival accounts of one rule; an
    unknown name is told the variants of the rules of ``hosts``, the hosts asked about (None:
    a question across every host, told the nearest names instead)."""
    if not assume:  # nothing to refuse: a report asks this some hundred times, most of them so
        return
    known = {v.name for r in pack.rules for v in r.variants}
    for rule in pack.rules:
        # in the order given: the second is told as the rival of the first
        names = {v.name for v in rule.variants}
        rivals = list(dict.fromkeys(n for n in assume if n in names))
        if len(rivals) > 1:
            raise UsageError(option_told("--assume", rivals[1],
                                         f"is a rival account of {rule.id} to --assume "
                                         f"{rivals[0]}",
                                         f"one account of {rule.id}: {' or '.join(rivals)}"))
    for name in assume:
        if name not in known:
            raise UsageError(option_told(
                "--assume", name, "is a variant of no rule in the pack"
                + _variants_meant(name, known, hosts), _variants_taken(pack, hosts)))


def _variants_meant(name: str, known: set[str], hosts: Collection[str] | None) -> str:
    """The "did you mean" of an unknown ``--assume`` name: the closest variant name; of a
    question across hosts, the few closest (its accepted form cannot list the pack's)."""
    if hosts is not None:
        return did_you_mean(name, known)
    near = nearest(name, known, 3)
    return f"; did you mean {listed([repr(n) for n in near], 'or')}?" if near else ""


def _variants_taken(pack: Pack, hosts: Collection[str] | None) -> str:
    """What ``--assume`` takes: the variants of the rules of ``hosts``, the hosts asked about;
    of a question across hosts, never the whole pack's (some hundred): every one is in
    ``rules list``."""
    every = "`sojourn rules list` shows every rule's variants"
    if hosts is None:
        return f"a variant name of a rule in the pack; {every}"
    here = sorted({v.name for r in pack.rules if r.host in hosts for v in r.variants})
    where = " or ".join(sorted(hosts))
    if not here:
        return f"no --assume: the rules for {where} have no variants; {every}"
    return f"a variant name of the rules for {where}: {', '.join(here)}; {every}"
