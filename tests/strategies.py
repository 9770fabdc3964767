"""Hypothesis strategies for travel histories, permits and regimes, with their two readings:
engine inputs (History, rule specs and packs) and the reference's :class:`reference.Case`.

Values are kept small (limits of 1-40 days, windows up to 60, histories of at most 8 trips
starting in 2023-2024) so that boundaries are hit often: leap day 2024-02-29, first and last
days of windows and years, leaving and re-entering on one day, adjacent trips, open last trips,
trips planned after the query day, overstays and permits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml
from hypothesis import strategies as st

from sojourn.history import History, ProfileIn, Stay, build_history
from sojourn.history.models import PermitIn

import reference

FIRST_START = dt.date(2023, 1, 1)
LAST_START = dt.date(2024, 12, 31)
SOURCE = [{"title": "generated for a property test", "url": "https://example.org/rule"}]


def _iso(day: int) -> str:
    return dt.date.fromordinal(day).isoformat()


@dataclass(frozen=True)
class Trip:
    country: str
    entry: int
    exit: int | None

    def __repr__(self) -> str:
        return f"Trip({self.country} {_iso(self.entry)}..{_iso(self.exit) if self.exit else ''})"


@dataclass(frozen=True)
class Permit:
    country: str
    first: int
    last: int

    def __repr__(self) -> str:
        return f"Permit({self.country} {_iso(self.first)}..{_iso(self.last)})"


@dataclass(frozen=True)
class LimitSpec:
    kind: str  # "rolling" | "per_entry" | "calendar_year"
    max: int
    window: int = 0

    @property
    def spec(self) -> str:
        if self.kind == "rolling":
            return f"rolling:{self.max}/{self.window}"
        return f"{self.kind.replace('_', '-')}:{self.max}"

    def constraint(self) -> dict[str, object]:
        out: dict[str, object] = {"kind": self.kind, "max": self.max}
        if self.kind == "rolling":
            out["window"] = self.window
        return out

    def __repr__(self) -> str:
        return self.spec


@dataclass(frozen=True)
class RuleSpec:
    """A pack rule: its limits, in force from ``first`` to ``last`` (None: open-ended)."""

    first: int
    last: int | None
    limits: tuple[LimitSpec, ...]

    def __repr__(self) -> str:
        until = _iso(self.last) if self.last is not None else ""
        return f"Rule({_iso(self.first)}..{until} {'+'.join(x.spec for x in self.limits)})"


@dataclass(frozen=True)
class Trips:
    """A generated history: trips, permits and the query day."""

    trips: tuple[Trip, ...]
    permits: tuple[Permit, ...]
    on: int

    def __repr__(self) -> str:
        return f"Trips(on={_iso(self.on)}, trips={list(self.trips)}, permits={list(self.permits)})"

    def history(self) -> History:
        stays = [Stay(t.country, dt.date.fromordinal(t.entry),
                      None if t.exit is None else dt.date.fromordinal(t.exit), f"gen, line {i + 2}")
                 for i, t in enumerate(self.trips)]
        profile = ProfileIn(permits=[
            PermitIn(country=p.country, valid_from=dt.date.fromordinal(p.first),
                     valid_to=dt.date.fromordinal(p.last)) for p in self.permits])
        return build_history("gen", stays, profile)

    def case(self, history: History, members: tuple[str, ...],
             limits: tuple[reference.Limit, ...]) -> reference.Case:
        """The reference's case, from the stays as the loader ordered them."""
        permit_days = reference.days_of((p.first, p.last) for p in self.permits
                                        if p.country in members)
        trips = tuple(reference.Trip(s.country, s.entry.toordinal(),
                                     s.exit.toordinal() if s.exit else None)
                      for s in history.stays)
        return reference.Case(trips, frozenset(members), frozenset(permit_days), limits, self.on)


small_max = st.one_of(st.integers(1, 6), st.integers(1, 40))


@st.composite
def limit_specs(draw: st.DrawFn, kinds: tuple[str, ...] = ("rolling", "per_entry",
                                                          "calendar_year")) -> LimitSpec:
    kind = draw(st.sampled_from(kinds))
    most = draw(small_max)
    if kind != "rolling":
        return LimitSpec(kind, most)
    window = draw(st.one_of(st.integers(most, 60), st.just(most), st.integers(most, most + 3)))
    return LimitSpec(kind, most, window)


def regimes(kinds: tuple[str, ...] = ("rolling", "per_entry", "calendar_year")
            ) -> st.SearchStrategy[tuple[LimitSpec, ...]]:
    """One to three limits judged together."""
    return st.lists(limit_specs(kinds), min_size=1, max_size=3).map(tuple)


@st.composite
def trips(draw: st.DrawFn, members: tuple[str, ...], others: tuple[str, ...]) -> Trips:
    """Up to 8 trips one after another (sharing a crossing day, adjacent or with a gap)."""
    start = draw(st.one_of(
        st.dates(FIRST_START, LAST_START),
        st.dates(dt.date(2023, 12, 1), dt.date(2024, 2, 29)),  # across the leap day
        st.dates(dt.date(2023, 11, 15), dt.date(2023, 12, 31)),  # across a new year
    )).toordinal()
    countries = st.sampled_from(members + members + others)
    n = draw(st.integers(0, 8))
    spans: list[tuple[str, int, int]] = []
    entry = start
    for i in range(n):
        if i:
            gap = draw(st.one_of(st.sampled_from([0, 1, 2]), st.integers(0, 45)))
            entry = spans[-1][2] + gap
        length = draw(st.one_of(st.integers(1, 8), st.integers(1, 60)))
        spans.append((draw(countries), entry, entry + length - 1))
    lo = spans[0][1] if spans else start
    hi = spans[-1][2] if spans else start
    edges = [d + k for _, first, last in spans for d in (first, last) for k in (-1, 0, 1)]
    days = st.integers(lo - 40, hi + 40)
    on = draw(st.one_of(days, st.sampled_from(edges)) if edges else days)
    made = [Trip(c, first, last) for c, first, last in spans]
    if made and made[-1].entry <= on and draw(st.booleans()):
        made[-1] = Trip(made[-1].country, made[-1].entry, None)  # still there
    permits = []
    for _ in range(draw(st.sampled_from([0, 0, 1, 1, 2]))):
        first = draw(st.one_of(st.integers(lo - 20, hi + 10), st.sampled_from(edges or [on]),
                               st.sampled_from([lo, on, on + 1])))
        length = draw(st.one_of(st.integers(1, 10), st.integers(1, 90)))
        country = draw(st.sampled_from(members + members + others))
        permits.append(Permit(country, first, first + length - 1))
    return Trips(tuple(made), tuple(permits), on)


@st.composite
def rule_timelines(draw: st.DrawFn, lo: int, hi: int, edges: tuple[int, ...],
                   kinds: tuple[str, ...] = ("rolling", "per_entry", "calendar_year")
                   ) -> tuple[RuleSpec, ...]:
    """Rules that follow one another (the regime changes on days in ``[lo, hi]``, often on
    one of ``edges``), always covering every day, and perhaps one more rule in force over a
    stretch only."""
    day = st.one_of(st.integers(lo, hi), st.sampled_from(edges))
    changes = sorted(draw(st.sets(day, max_size=2)))
    starts = [dt.date(2000, 1, 1).toordinal(), *changes]
    rules = []
    for i, first in enumerate(starts):
        last = starts[i + 1] - 1 if i + 1 < len(starts) else None
        rules.append(RuleSpec(first, last, draw(regimes(kinds).map(lambda x: x[:2]))))
    if draw(st.booleans()):
        first = draw(st.one_of(st.integers(lo - 30, hi), st.sampled_from(edges)))
        last = first + draw(st.integers(0, 120))
        rules.append(RuleSpec(first, last, (draw(limit_specs(kinds)),)))
    return tuple(rules)


def write_pack(root: Path, host: str, members: tuple[str, ...], rules: tuple[RuleSpec, ...]
               ) -> None:
    """A one-file rule pack: ``host`` is a zone of ``members`` unless it is a country."""
    data: dict[str, object] = {"schema": "sojourn.rules/1"}
    if host not in members:
        data["zones"] = [{"id": host, "title": "a generated zone", "sources": SOURCE,
                          "members": [{"country": c} for c in members]}]
    data["rules"] = [
        {"id": f"rule-{i}", "title": f"generated rule {i}", "host": host,
         "citizenships": ["*"], "topic": "stay", "valid_from": _iso(rule.first),
         **({"valid_to": _iso(rule.last)} if rule.last is not None else {}),
         "constraints": [x.constraint() for x in rule.limits], "sources": SOURCE,
         "confidence": "high"}
        for i, rule in enumerate(rules)]
    (root / "generated.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def reference_limits(rules: tuple[RuleSpec, ...]) -> tuple[reference.Limit, ...]:
    return tuple(reference.Limit(x.kind, x.max, x.window, rule.first,
                                 reference.FOREVER if rule.last is None else rule.last)
                 for rule in rules for x in rule.limits)


@st.composite
def pack_cases(draw: st.DrawFn, members: tuple[str, ...], others: tuple[str, ...]
               ) -> tuple[Trips, tuple[RuleSpec, ...]]:
    """A history and rules that change during it (or around the query day)."""
    made = draw(trips(members, others))
    days = [t.entry for t in made.trips] + [t.exit for t in made.trips if t.exit is not None]
    days.append(made.on)
    edges = tuple(d + k for d in days for k in (0, 1))  # a rule's first day, or the day after
    return made, draw(rule_timelines(min(days) - 10, max(days) + 10, edges))
