"""Hypothesis strategies for travel histories, permits and regimes, with their two readings:
engine inputs (History, rule specs and packs) and the reference's :class:`reference.Case`.

Values are kept small (limits of 1-40 days, windows up to 60, histories of at most 8 trips
starting in 2023-2024) so that boundaries are hit often: leap day 2024-02-29, first and last
days of windows and years, leaving and re-entering on one day, adjacent trips, open last trips,
trips planned after the query day, overstays and permits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
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
    kind: str = "residence_permit"  # or "extension": its days count, unjudged

    def __repr__(self) -> str:
        return f"Permit({self.country} {self.kind} {_iso(self.first)}..{_iso(self.last)})"


@dataclass(frozen=True)
class LimitSpec:
    kind: str  # "rolling" | "per_entry" | "calendar_year"
    max: int
    window: int = 0
    counts_from: int | None = None  # rolling, in a pack only: presence before it not counted
    # per_entry, in a pack only: the first and last entry days it judges
    entered_from: int | None = None
    entered_to: int | None = None

    @property
    def spec(self) -> str:
        if self.kind == "rolling":
            return f"rolling:{self.max}/{self.window}"
        return f"{self.kind.replace('_', '-')}:{self.max}"

    def constraint(self) -> dict[str, object]:
        out: dict[str, object] = {"kind": self.kind, "max": self.max}
        if self.kind == "rolling":
            out["window"] = self.window
        if self.counts_from is not None:
            out["counts_from"] = _iso(self.counts_from)
        if self.entered_from is not None:
            out["entered_from"] = _iso(self.entered_from)
        if self.entered_to is not None:
            out["entered_to"] = _iso(self.entered_to)
        return out

    def __repr__(self) -> str:
        since = "" if self.counts_from is None else f" from {_iso(self.counts_from)}"
        entered = "" if self.entered_from is None else f" entered from {_iso(self.entered_from)}"
        entered += "" if self.entered_to is None else f" entered to {_iso(self.entered_to)}"
        return self.spec + since + entered


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
            PermitIn(country=p.country, kind=p.kind, valid_from=dt.date.fromordinal(p.first),
                     valid_to=dt.date.fromordinal(p.last)) for p in self.permits])
        return build_history("gen", stays, profile)

    def case(self, history: History, members: tuple[str, ...],
             limits: tuple[reference.Limit, ...]) -> reference.Case:
        """The reference's case, from the stays as the loader ordered them."""
        held = [p for p in self.permits if p.country in members]
        permit_days = reference.days_of((p.first, p.last) for p in held
                                        if p.kind != "extension")
        trips = tuple(reference.Trip(s.country, s.entry.toordinal(),
                                     s.exit.toordinal() if s.exit else None)
                      for s in history.stays)
        case = reference.Case(trips, frozenset(members), frozenset(permit_days), limits, self.on)
        entries = reference.split_trips(case)[0]
        extended: set[int] = set().union(*(reference.extension_days(p.first, p.last, entries)
                                 for p in held if p.kind == "extension"))
        return replace(case, extended=frozenset(extended))


# How far ahead of the query day the first trip may be planned (days).
FAR_AHEAD = (120, 364, 365, 366, 731)
small_max = st.one_of(st.integers(1, 6), st.integers(1, 40))
KINDS = ("rolling", "per_entry", "calendar_year")


def _dec31(day: int) -> int:
    return dt.date(dt.date.fromordinal(day).year, 12, 31).toordinal()


@st.composite
def limit_specs(draw: st.DrawFn, kinds: tuple[str, ...] = KINDS, like: int | None = None
                ) -> LimitSpec:
    """A limit; its max often equal or next to ``like`` (another limit's), or half or twice
    it, so that conjoined limits bite on the same day or one day apart."""
    kind = draw(st.sampled_from(kinds))
    related = st.sampled_from([] if like is None else [
        v for v in (like - 1, like, like, like + 1, like // 2, 2 * like, 2 * like + 1)
        if 1 <= v <= 40])
    most = draw(small_max if like is None else st.one_of(small_max, related, related))
    if kind != "rolling":
        return LimitSpec(kind, most)
    # A window equal to max never bites: the "no limit" answer. Keep it, but not too often.
    shape = draw(st.sampled_from(["any", "any", "near", "near", "equal"]))
    window = {"any": st.integers(most, 60), "near": st.integers(most + 1, most + 3),
              "equal": st.just(most)}[shape]
    return LimitSpec(kind, most, draw(window))


@st.composite
def regimes(draw: st.DrawFn, kinds: tuple[str, ...] = KINDS, most: int = 3
            ) -> tuple[LimitSpec, ...]:
    """One to ``most`` limits judged together, the later ones' max drawn near the first's."""
    first = draw(limit_specs(kinds))
    rest = [draw(limit_specs(kinds, first.max)) for _ in range(draw(st.integers(0, most - 1)))]
    return (first, *rest)


def offsets(limits: Sequence[LimitSpec]) -> tuple[int, ...]:
    """Distances at which ``limits`` change their mind: around each max and window."""
    out = {0, 1, 2}
    for x in limits:
        out |= {x.max - 1, x.max, x.max + 1}
        if x.kind == "calendar_year":  # a stay across New Year counts in two years
            out |= {2 * x.max, 2 * x.max + 1}
        if x.kind == "rolling":
            out |= {x.window - 1, x.window, x.window + 1, x.window - x.max,
                    x.window - x.max + 1}
    return tuple(sorted(v for v in out if v >= 0))


def reaches(limits: Sequence[LimitSpec]) -> tuple[int, ...]:
    """How far a day's count reaches back: a trip that far after the query day is the
    farthest one a stay from that day can spoil."""
    return tuple(sorted({x.window - 1 for x in limits if x.kind == "rolling"})) or (0,)


@st.composite
def trips(draw: st.DrawFn, members: tuple[str, ...], others: tuple[str, ...],
          near: tuple[int, ...] = (0, 1, 2), reach: tuple[int, ...] = (0,)) -> Trips:
    """Up to 8 trips one after another (sharing a crossing day, adjacent or with a gap), a
    query day and permits. Gaps, lengths and the query day are often ``near`` distances from
    one another (the limits' max and window), so that windows begin and end on trip days;
    the query day is often ``reach`` days before a trip's first day. Coincidences that a
    slip by one day would get wrong are drawn on purpose: a day trip out and back on one day
    (a border run, often on the query day), a trip ending on 1 January and a query on 31
    December (the farthest a calendar year looks back), a permit whose first or last day is
    the query day."""
    start = draw(st.one_of(
        st.dates(FIRST_START, LAST_START),
        st.dates(dt.date(2023, 12, 1), dt.date(2024, 2, 29)),  # across the leap day
        st.dates(dt.date(2023, 11, 15), dt.date(2023, 12, 31)),  # across a new year
    )).toordinal()
    countries = st.sampled_from(members + members + others)
    distance = st.sampled_from(near)
    gaps = st.one_of(st.sampled_from([0, 1, 2]), st.integers(0, 45), distance,
                     st.integers(280, 360))  # the last: later in the same calendar year
    lengths = st.one_of(st.integers(1, 8), st.integers(1, 60), distance.filter(bool))
    shapes = st.sampled_from(["any"] * 4 + ["day trip", "to new year", "to new year"])
    spans: list[tuple[str, int, int]] = []
    entry = start
    after_day_trip = False
    for i in range(draw(st.integers(0, 8))):
        shape = draw(shapes)
        if i:
            out_and_back = after_day_trip or shape == "day trip"
            entry = spans[-1][2] + (0 if out_and_back else draw(gaps))
        after_day_trip = shape == "day trip"
        if after_day_trip:  # out for one day and back, every crossing on that day
            spans.append((draw(st.sampled_from(others or members)), entry, entry))
            continue
        last = entry + draw(lengths) - 1
        country = draw(countries)
        if shape == "to new year":  # in the host, moved on to end on 31 December or 1 January
            end = _dec31(last) + draw(st.sampled_from([0, 1, 1]))
            entry, last, country = end - (last - entry), end, members[0]
        spans.append((country, entry, last))
    lo = spans[0][1] if spans else start
    hi = spans[-1][2] if spans else start
    ends = sorted({d for _, first, last in spans for d in (first, last)})
    edges = [d + k for d in ends for k in (-1, 0, 1)]
    days = st.integers(lo - 40, hi + 40)
    if edges:
        crossings = [a for _, a, _ in spans if a in {b for _, _, b in spans}]
        # 31 December of a trip's year: a calendar-year count then reaches back to 1 January
        jan1s = [d for d in ends if dt.date.fromordinal(d).timetuple().tm_yday == 1]
        year_ends = st.sampled_from(sorted({_dec31(d) for d in jan1s or ends}))
        days = st.one_of(days, st.sampled_from(edges), st.sampled_from(crossings or edges),
                         year_ends, year_ends, st.builds(lambda e, d, sign: e + sign * d,
                                              st.sampled_from(ends), distance,
                                              st.sampled_from([-1, 1])),
                         st.builds(lambda e, d: e - d, st.sampled_from(ends),
                                   st.sampled_from(reach)),
                         # trips planned far ahead: the next year's, a year to the day on
                         st.builds(lambda d: lo - d, st.sampled_from(FAR_AHEAD)))
    on = draw(days)
    made = [Trip(c, first, last) for c, first, last in spans]
    # Still there on the query day, or (less often) a planned stay whose end is unknown.
    still_there = bool(made) and made[-1].entry <= on
    ends_unknown = st.booleans() if still_there else st.sampled_from([False, False, False, True])
    open_last: bool = draw(ends_unknown)
    if made and open_last:
        made[-1] = Trip(made[-1].country, made[-1].entry, None)
    permits = []
    anchors = st.one_of(st.integers(lo - 20, hi + 10), st.sampled_from(edges or [on]),
                        st.sampled_from([lo, on - 1, on, on + 1]))
    for _ in range(draw(st.sampled_from([0, 0, 1, 1, 2]))):
        length = draw(st.one_of(st.integers(1, 10), st.integers(1, 90)))
        first = draw(anchors)
        if draw(st.booleans()):  # the anchor is the permit's last day
            first -= length - 1
        country = draw(st.sampled_from(members + members + others))
        kind = draw(st.sampled_from(["residence_permit", "extension"]))
        permits.append(Permit(country, first, first + length - 1, kind))
    return Trips(tuple(made), tuple(permits), on)


def plan_lengths(near: tuple[int, ...]) -> st.SearchStrategy[int | None]:
    """No plan (status only), or the length of a planned stay."""
    return st.one_of(st.none(), st.integers(1, 8), st.integers(1, 50),
                     st.sampled_from(near).filter(bool))


@st.composite
def ad_hoc_cases(draw: st.DrawFn, members: tuple[str, ...], others: tuple[str, ...],
                 limits: st.SearchStrategy[tuple[LimitSpec, ...]]
                 ) -> tuple[Trips, tuple[LimitSpec, ...], int | None]:
    """Limits, then a history shaped by them, and perhaps a plan length."""
    chosen = draw(limits)
    near = offsets(chosen)
    return (draw(trips(members, others, near, reaches(chosen))), chosen,
            draw(plan_lengths(near)))


@st.composite
def pack_cases(draw: st.DrawFn, members: tuple[str, ...], others: tuple[str, ...]
               ) -> tuple[Trips, tuple[RuleSpec, ...], int | None]:
    """Rules that follow one another, the regime changing on days of the history (often a
    trip's or the query day's), always covering every day; perhaps one more rule in force
    over a stretch only; and perhaps a plan length."""
    chained = draw(st.lists(regimes(most=2), min_size=1, max_size=3))
    extra = draw(st.one_of(st.none(), limit_specs()))
    every = [x for limits in chained for x in limits] + ([extra] if extra else [])
    made = draw(trips(members, others, offsets(every), reaches(every)))
    near = offsets(every)
    days = [t.entry for t in made.trips] + [t.exit for t in made.trips if t.exit is not None]
    days.append(made.on)
    lo, hi = min(days) - 10, max(days) + 10
    day = st.one_of(st.integers(lo, hi), st.sampled_from([d + k for d in days for k in (0, 1)]))
    changes = sorted(draw(st.sets(day, min_size=len(chained) - 1, max_size=len(chained) - 1)))
    # A rolling limit of a pack may count presence only from a day, often one of the
    # history's or a regime change's, so that the start cuts into stays and windows.
    counting_start = st.one_of(st.none(), st.none(), day, st.sampled_from(changes or [lo]))
    chained = [tuple(replace(x, counts_from=draw(counting_start)) if x.kind == "rolling" else x
                     for x in limits) for limits in chained]
    # A per-entry limit may judge only the entries begun in a range, its ends drawn as
    # counting starts are, so that they fall on entry days and regime changes.
    chained = [tuple(_entered(x, draw(counting_start), draw(counting_start))
                     if x.kind == "per_entry" else x for x in limits) for limits in chained]
    starts = [dt.date(2000, 1, 1).toordinal(), *changes]
    rules = [RuleSpec(first, starts[i + 1] - 1 if i + 1 < len(starts) else None, chained[i])
             for i, first in enumerate(starts)]
    if extra is not None:
        anchor, span = draw(st.one_of(day, st.integers(lo - 30, hi))), draw(st.integers(0, 120))
        first = anchor - span if draw(st.booleans()) else anchor  # the anchor ends it, or starts it
        rules.append(RuleSpec(first, first + span, (extra,)))
    return made, tuple(rules), draw(plan_lengths(near))


Period = tuple[int | None, int | None]  # a zone member's since and until (day numbers)


def write_pack(root: Path, host: str, members: tuple[str, ...], rules: tuple[RuleSpec, ...],
               periods: Mapping[str, Period] | None = None) -> None:
    """A one-file rule pack: ``host`` is a zone of ``members`` unless it is a country, each
    member for its period in ``periods`` (by default, always)."""
    data: dict[str, object] = {"schema": "sojourn.rules/1"}
    if host not in members:
        def member(country: str) -> dict[str, str]:
            since, until = (periods or {}).get(country, (None, None))
            return {"country": country, **({"since": _iso(since)} if since is not None else {}),
                    **({"until": _iso(until)} if until is not None else {})}
        data["zones"] = [{"id": host, "title": "a generated zone", "sources": SOURCE,
                          "members": [member(c) for c in members]}]
    data["rules"] = [
        {"id": f"rule-{i}", "title": f"generated rule {i}", "host": host,
         "citizenships": ["*"], "topic": "stay", "valid_from": _iso(rule.first),
         **({"valid_to": _iso(rule.last)} if rule.last is not None else {}),
         "constraints": [x.constraint() for x in rule.limits], "sources": SOURCE,
         "confidence": "high"}
        for i, rule in enumerate(rules)]
    (root / "generated.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def _entered(limit: LimitSpec, since: int | None, until: int | None) -> LimitSpec:
    if since is not None and until is not None and until < since:
        since, until = until, since
    return replace(limit, entered_from=since, entered_to=until)


def reference_limits(rules: tuple[RuleSpec, ...]) -> tuple[reference.Limit, ...]:
    return tuple(reference.Limit(x.kind, x.max, x.window, rule.first,
                                 reference.FOREVER if rule.last is None else rule.last,
                                 x.counts_from or 0, x.entered_from or 0,
                                 reference.FOREVER if x.entered_to is None else x.entered_to)
                 for rule in rules for x in rule.limits)
