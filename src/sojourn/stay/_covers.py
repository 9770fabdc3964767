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
class CoverStop:
    """The last day (``last``, an ordinal) of a run of days a cover rule covers, before the
    permit's own end, and why the cover stops there: the rule's end (``left`` None; perhaps
    only the last day its sources show it in force), or the last day the state ``left`` (the
    permit's, or the citizenship judged) is a full member of the rule's bloc."""

    last: int
    rule: Applied
    left: str | None = None


@dataclass(frozen=True)
class Covered:
    """The days of one permit that leave the count, the cover rules they rest on (none for a
    permit whose own kind covers its days), and where that cover stops before the permit
    ends."""

    permit: PermitIn
    spans: tuple[Span, ...]
    rules: tuple[Applied, ...] = ()
    stops: tuple[CoverStop, ...] = ()

    @property
    def needs_rule(self) -> bool:
        return self.permit.kind in PACK_COVERED_KINDS


@dataclass(frozen=True)
class Covering:
    """The pack's cover rules for a host and the citizenship judged (none: a host's own
    citizen, or an ad-hoc regime, under which a permit that needs a rule covers nothing;
    ``reads_pack`` False for the latter, whose answer says why)."""

    pack: Pack
    citizenship: str | None = None
    rules: tuple[Applied, ...] = ()
    reads_pack: bool = True

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
        by_rule = [(rule, days) for rule in self.rules
                   if (days := self._rule_days(rule, permit, (first, last)))]
        spans = merge(span for _, days in by_rule for span in days)
        stops = [self._stop(end, by_rule, permit) for _, end in spans if end < last]
        return Covered(permit, tuple(spans), tuple(rule for rule, _ in by_rule),
                       tuple(s for s in stops if s is not None))

    def _stop(self, end: int, by_rule: Sequence[tuple[Applied, list[Span]]],
              permit: PermitIn) -> CoverStop | None:
        """Why the cover of ``permit`` stops on ``end`` (a day before its own last): the
        rule covering that day ends, or the permit's state or the citizenship judged stops
        being a full member of the rule's bloc (the three bounds of the rule's days)."""
        rule = next(r for r, days in by_rule if any(b == end for _, b in days))
        if rule.valid_to is not None and rule.valid_to.toordinal() == end:
            return CoverStop(end, rule)
        bloc = self.pack.bloc(rule.covers.bloc) if rule.covers else None
        states = (permit.country, *([self.citizenship] if self.citizenship else []))
        left = next((c for c in states if bloc is not None
                     and any(b == end for _, b in _member_days(bloc, c))), None)
        return CoverStop(end, rule, left) if left else None

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
