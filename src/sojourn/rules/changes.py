"""What changed in a host's rules over a period: each rule that begins or ends in it, the rule
of its chain it replaced, and what the two rules' data say differently."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from sojourn.rules.accounts import applies_any, chains
from sojourn.rules.schema import Rule
from sojourn.rules.select import Applied, applies_to, apply

_DAY = dt.timedelta(days=1)
# what a rule says, beside its dates, sources, confidence and notes: the blocks of its topic
_DATA = ("constraints", "documents", "closed_to", "permit", "extradition", "liability",
         "penalty", "summons", "restriction", "own_documents_only", "criminal_case",
         "unaccompanied_minor", "document_validity", "covers")
# the fields an item of a list is known by from one rule to the next, where they tell the
# list's items apart (a document's ages, a band's days over): one item changed, not one
# removed and another added
_ITEM_KEYS = {"documents": ("type", "min_age", "max_age"), "requirements": ("document",),
              "bands": ("over_from", "over_to", "offence_in_year"), "also_needs": ("what",)}


@dataclass(frozen=True)
class Difference:
    """One thing two rules say differently: ``before`` absent (None) is an addition, ``after``
    absent a removal. ``path``: the field, through the items' keys (permit, requirements,
    basis_document, note)."""

    path: tuple[str, ...]
    before: object
    after: object


@dataclass(frozen=True)
class Replaced:
    """A rule of the same chain that ended the day before the new one began."""

    rule: Applied
    differences: tuple[Difference, ...]


@dataclass(frozen=True)
class Change:
    """A rule beginning (``ends`` False) or ending on ``day``: its first or its last day in
    force. A beginning names what it replaced; an end, a rule that follows it after the
    period (one that follows within it is told as replacing it)."""

    day: dt.date
    rule: Applied
    ends: bool
    replaced: tuple[Replaced, ...] = ()
    followed_by: tuple[Applied, ...] = ()


def changes(rules: Iterable[Rule], host: str, citizenship: str | None, first: dt.date,
            last: dt.date) -> list[Change]:
    """The rules of ``host`` (for ``citizenship``, or any) that begin or end from ``first`` to
    ``last``, in the default account's dates, by day."""
    applied = sorted((apply(r, r.variant(None)) for r in rules
                      if r.host == host and (citizenship is None or applies_to(r, citizenship))),
                     key=lambda x: x.valid_from)
    follows: dict[str, list[Applied]] = {}  # a rule's id: the rules of its chains after it
    for links in chains(applied).values():
        for old, _ in links:
            for new, _ in links:
                if (old.valid_to is not None and new.valid_from == old.valid_to + _DAY
                        and applies_any(old.rule, new.rule) and new not in follows.get(old.id, [])):
                    follows.setdefault(old.id, []).append(new)
    found: list[Change] = []
    for x in applied:
        if first <= x.valid_from <= last:
            found.append(Change(x.valid_from, x, False, tuple(
                Replaced(old, tuple(differences(old, x)))
                for old in applied if x in follows.get(old.id, []))))
        if x.valid_to is not None and first <= x.valid_to <= last:
            after = tuple(new for new in follows.get(x.id, []) if new.valid_from > last)
            if after or not follows.get(x.id):  # else told by the rules that replace it
                found.append(Change(x.valid_to, x, True, followed_by=after))
    return sorted(found, key=lambda c: (c.day, c.ends, c.rule.rule.topic, c.rule.id))


def differences(old: Applied, new: Applied) -> list[Difference]:
    """What ``new`` says that ``old`` does not, field by field, from the rules' data (not their
    notes): limits, deadlines, requirements, documents, fines."""
    found: list[Difference] = []
    for name in _DATA:
        found += _compare((name,), getattr(old, name), getattr(new, name))
    return found


def _compare(path: tuple[str, ...], before: Any, after: Any) -> list[Difference]:
    if before == after:
        return []
    if isinstance(before, BaseModel) and type(before) is type(after):
        return [d for field in type(before).model_fields
                for d in _compare((*path, field), getattr(before, field), getattr(after, field))]
    if isinstance(before, Sequence) and isinstance(after, Sequence) and not isinstance(
            before, str) and not isinstance(after, str):
        return _compare_items(path, before, after)
    return [Difference(path, before, after)]


def _compare_items(path: tuple[str, ...], before: Sequence[Any], after: Sequence[Any]
                   ) -> list[Difference]:
    keys = _ITEM_KEYS.get(path[-1])
    old = _keyed(before, keys)
    new = _keyed(after, keys)
    if old is None or new is None:  # no key, or one two items share: the items whole
        return ([Difference(path, x, None) for x in before if x not in after]
                + [Difference(path, None, x) for x in after if x not in before])
    found = [Difference((*path, key), item, None) for key, item in old.items() if key not in new]
    for key, item in new.items():
        found += _compare((*path, key), old.get(key), item)
    return found


def _keyed(items: Sequence[Any], keys: tuple[str, ...] | None) -> dict[str, Any] | None:
    """``items`` by the values of their ``keys`` that are set, a number with its field's name
("passport, min_age 14"), or None where they have none or two items share one."""
    if keys is None:
        return None
    out = {", ".join(v if isinstance(v, str) else f"{k} {v}" for k in keys
                     if (v := getattr(x, k, None)) is not None): x for x in items}
    return out if len(out) == len(items) else None
