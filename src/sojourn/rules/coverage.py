"""What the pack knows, per host and topic, for one citizenship: rules, confidence, gaps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sojourn.engine.intervals import merge
from sojourn.rules.loader import Pack
from sojourn.rules.select import Applied, applies_to, apply

COVERAGE_TOPICS = ("entry", "stay", "registration", "permit", "extradition", "penalty")
_RANK = {"low": 0, "medium": 1, "high": 2}
SINCE = dt.date(2022, 1, 1)  # the corridor's period: gaps are reported from here on


@dataclass(frozen=True)
class Cell:
    host: str
    topic: str
    rules: tuple[str, ...]
    confidence: str | None  # the lowest confidence among the rules and their variants
    contested: bool
    unknown: str | None  # what is not known, in words; None when the rules cover the period
    own: bool = False  # the host's own citizens: its rules for foreigners do not judge them
    gaps: tuple[tuple[dt.date, dt.date], ...] = ()  # the runs of days ``unknown`` names
    # for each run of ``gaps``, the rule whose end opens it and whether that end is only the
    # last day its sources show it in force (``valid_to_basis: last_seen``); None: no rule
    # ended the day before (the run begins the period, or a rule starts later)
    opened_by: tuple[tuple[str, bool] | None, ...] = ()


def coverage(pack: Pack, citizenship: str, today: dt.date) -> list[Cell]:
    """One cell per host and topic."""
    hosts = sorted(set(pack.hosts()) | set(pack.zones))
    cells = []
    for host in hosts:
        zone = pack.zones.get(host)
        if citizenship in ([m.country for m in zone.members] if zone else [host]):
            # as the engine and risk take them: nothing the pack says of foreigners applies
            cells += [Cell(host, topic, (), None, False, None, own=True)
                      for topic in COVERAGE_TOPICS]
            continue
        for topic in COVERAGE_TOPICS:
            topics = ("entry", "border") if topic == "entry" else (topic,)
            # a visa stay rule (entered_on) judges only the entries a profile records as made
            # on a visa: it leaves the days of any other entry as unknown as before, so it
            # neither fills a gap nor weighs in the cell's confidence
            rules = [r for r in pack.rules if r.host == host and r.topic in topics
                     and applies_to(r, citizenship) and r.entered_on is None]
            # every account's: a contested rule is as sure as its least sure account
            conf = min((c for r in rules for c in (r.confidence, *(
                v.confidence for v in r.variants if v.confidence))),
                key=_RANK.__getitem__, default=None)
            unknown = None
            runs: tuple[tuple[dt.date, dt.date], ...] = ()
            opened_by: tuple[tuple[str, bool] | None, ...] = ()  # one for each of ``runs``
            if not rules:
                unknown = "no rule in the pack"
            elif topic == "entry" and all(r.topic == "border" for r in rules):
                # a closure says which ways in are shut, not which documents are accepted: its
                # confidence is none of the entry cell's, which knows nothing on any day
                conf, unknown = None, "no entry-document rule in the pack, only border closures"
            elif topic in ("stay", "registration", "entry"):
                # the days each rule holds by default: its default variant may move them
                held = [apply(r, r.variant(None)) for r in rules if r.topic != "border"]
                spans = merge((a.valid_from.toordinal(), (a.valid_to or dt.date.max).toordinal())
                              for a in held)
                gaps = _gaps(spans, SINCE.toordinal(), today.toordinal())
                runs = tuple((dt.date.fromordinal(a), dt.date.fromordinal(b)) for a, b in gaps)
                if runs:
                    unknown = "not covered: " + ", ".join(f"{a}..{b}" for a, b in runs)
                opened_by = tuple(_opened_by(held, a) for a, _ in runs)
            cells.append(Cell(host, topic, tuple(r.id for r in rules), conf,
                              any(r.variants for r in rules), unknown, gaps=runs,
                              opened_by=opened_by))
    return cells


def _opened_by(held: Sequence[Applied], first: dt.date) -> tuple[str, bool] | None:
    """The rule that ended the day before ``first``, and whether its end is last seen: a gap
    after a rule whose sources stop is no known lapse of the law, and "no rule" alone read as
    one."""
    ended = [a for a in held if a.valid_to is not None and a.valid_to + dt.timedelta(days=1)
             == first]
    return (ended[0].id, ended[0].last_seen) if ended else None


def _gaps(spans: list[tuple[int, int]], lo: int, hi: int) -> list[tuple[int, int]]:
    out = []
    cur = lo
    for first, last in spans:
        if last < cur:
            continue
        if first > cur:
            out.append((cur, min(first - 1, hi)))
        cur = max(cur, last + 1)
        if cur > hi:
            break
    if cur <= hi:
        out.append((cur, hi))
    return [g for g in out if g[0] <= g[1]]
