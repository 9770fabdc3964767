"""The days a profile's permit covers in a host: all its days for a residence permit, a
long-stay visa or an extension of stay; for a kind that a pack rule must allow (an employment
contract), only those on which a rule of topic ``stay_cover`` for the host and the
citizenship judged is in force and both states are full members of its bloc (blocs.yaml)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sojourn.engine.intervals import Span, intersect, merge
from sojourn.history.models import PACK_COVERED_KINDS, PermitIn
from sojourn.rules.loader import Pack
from sojourn.rules.schema import Bloc
from sojourn.rules.select import Applied, select
from sojourn.stay._presence import FOREVER, permit_days


@dataclass(frozen=True)
class Covered:
    """The days of one permit that leave the count, and the cover rules they rest on (none
    for a permit whose own kind covers its days)."""

    permit: PermitIn
    spans: tuple[Span, ...]
    rules: tuple[Applied, ...] = ()

    @property
    def needs_rule(self) -> bool:
        return self.permit.kind in PACK_COVERED_KINDS


@dataclass(frozen=True)
class Covering:
    """The pack's cover rules for a host and the citizenship judged (none: a host's own
    citizen, or an ad-hoc regime, under which a permit that needs a rule covers nothing)."""

    pack: Pack
    citizenship: str | None = None
    rules: tuple[Applied, ...] = ()

    @classmethod
    def of(cls, pack: Pack, host: str, citizenship: str, assume: tuple[str, ...]) -> Covering:
        rules, _ = select(pack, host, citizenship, assume, topics=("stay_cover",))
        return cls(pack, citizenship, tuple(rules))

    def days(self, permit: PermitIn, entries: Sequence[tuple[int, int | None]]) -> Covered:
        """The days ``permit`` takes out of the count of a stay with ``entries``."""
        first, last = permit_days(permit, entries)
        if first > last:
            return Covered(permit, ())
        if permit.kind not in PACK_COVERED_KINDS:
            return Covered(permit, ((first, last),))
        spans: list[Span] = []
        rules: list[Applied] = []
        for rule in self.rules:
            days = self._rule_days(rule, permit, (first, last))
            if days:
                spans += days
                rules.append(rule)
        return Covered(permit, tuple(merge(spans)), tuple(rules))

    def _rule_days(self, rule: Applied, permit: PermitIn, span: Span) -> list[Span]:
        """The days of ``span`` that ``rule`` covers for a permit like ``permit``: in force,
        and both the permit's state and the citizenship judged full members of its bloc."""
        cover = rule.covers
        if cover is None or cover.kind != permit.kind or self.citizenship is None:
            return []
        bloc = self.pack.bloc(cover.bloc)
        if bloc is None:  # rules validate refuses it; a pack given in code may lack it
            return []
        in_force = [(rule.valid_from.toordinal(),
                     rule.valid_to.toordinal() if rule.valid_to else FOREVER)]
        days = intersect(intersect([span], in_force), _member_days(bloc, permit.country))
        return intersect(days, _member_days(bloc, self.citizenship))


def _member_days(bloc: Bloc, country: str) -> list[Span]:
    """The days ``country`` is a full member of ``bloc``, as sorted disjoint spans."""
    return merge(((m.since or dt.date.min).toordinal(),
                  m.until.toordinal() if m.until else FOREVER)
                 for m in bloc.full_memberships(country))
