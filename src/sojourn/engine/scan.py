"""Find the days a limit makes non-compliant, span by span.

On a judged day ``d`` (a counted day of presence under the limit), a limit's count changes from
day to day by 0 or +1, so between a few cut points it is a line: the count at the start of a
segment and its slope give every violating day and the peak without visiting days one by one.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sojourn.engine.intervals import DayIndex, Span, clip, intersect, subtract
from sojourn.engine.kinds import CalendarYear, Limit, PerEntry, Registration, Rolling

MAX_ORDINAL = dt.date.max.toordinal()


@dataclass(frozen=True)
class InForce:
    """A limit as it applies: which rule it came from and the days it is in force."""

    ref: str
    limit: Limit
    spans: tuple[Span, ...]
    # a visa rule's per-entry limit cut to the days to the end of the visa the entry was made
    # on, sooner than the rule's own days: that visa's last day. Its label and the answer's
    # ``limited_by`` ("visa") say so, or "25 days per entry" read as the rule's own figure
    visa_ends: dt.date | None = None
    # a part of a per-entry limit of the pack (``whole``) cut around the entries a visa rule
    # judges instead (``skips``, their entry days): the engine judges each part, and answers
    # name the limit as the pack states it, once, or it read as two limits of one rule
    # ("45 days per entry, for entries from 15 August 2023 to 4 November 2023" beside "...
    # from 6 November 2023") and a stay entered after the visa was told under the wrong part
    whole: Limit | None = None
    skips: tuple[dt.date, ...] = ()

    @property
    def named(self) -> Limit:
        """The limit as answers name it: the pack's own, of which this may be a part."""
        return self.limit if self.whole is None else self.whole


@dataclass(frozen=True)
class View:
    """Presence in one host: its entries (stays), the counted days (presence less permits),
    and of those the days no limit judges (``unjudged``: an extension of stay's, sorted and
    disjoint). An extension lengthens the stay it is granted in: its days are lawful while it
    runs, yet they are days spent in the host, which a later count sees (docs/counting.md)."""

    entries: tuple[Span, ...]
    counted: DayIndex
    unjudged: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Piece:
    """Consecutive non-compliant days under one limit, and the highest count among them; or
    the days a stay went on past a registration deadline it missed, under a rule that lets it
    go on only when registered (``effect: extends``)."""

    first: int
    last: int
    peak: int
    ref: str
    limit: Limit | Registration  # as answers name it (InForce.named)
    # a registration deadline's piece: the deadline missed, the day the stay should have
    # ended unregistered (None: a limit's piece)
    missed_by: int | None = None


def _split(spans: Sequence[Span], cuts: Sequence[int]) -> Iterator[Span]:
    """Split sorted ``spans`` so that every cut day starts a new segment."""
    for first, last in spans:
        i = bisect_right(cuts, first)
        start = first
        while i < len(cuts) and cuts[i] <= last:
            yield start, cuts[i] - 1
            start = cuts[i]
            i += 1
        yield start, last


def _bad(first: int, last: int, count: int, slope: int, cap: int) -> tuple[int, int, int] | None:
    """Days of ``[first, last]`` whose count (``count`` on ``first``, rising by ``slope``) > cap."""
    if slope == 0:
        return (first, last, count) if count > cap else None
    start = first + max(0, cap + 1 - count)
    if start > last:
        return None
    return start, last, count + (last - first)


def _counted_by(limit: Limit, view: View) -> DayIndex:
    """The days of ``view`` that ``limit`` counts: for a rolling limit with a counting start,
    none before it."""
    if isinstance(limit, Rolling) and limit.counts_from is not None:
        return DayIndex(clip(view.counted.spans, limit.first_counted, MAX_ORDINAL))
    return view.counted


def bad_pieces(rule: InForce, view: View, lo: int, hi: int) -> list[Piece]:
    """Non-compliant days under ``rule`` among the days ``[lo, hi]`` of ``view``."""
    # Days before a counting start are neither counted nor judged: the limit does not look
    # at them at all.
    counted = _counted_by(rule.limit, view)
    judged = subtract(intersect(clip(counted.spans, lo, hi), rule.spans), view.unjudged)
    if not judged:
        return []
    limit = rule.limit
    out: list[Piece] = []

    def emit(first: int, last: int, count: int, slope: int) -> None:
        hit = _bad(first, last, count, slope, limit.max)
        if hit:
            out.append(Piece(hit[0], hit[1], hit[2], rule.ref, rule.named))

    if isinstance(limit, Rolling):
        w = limit.window
        # The slope falls from 1 to 0 while a day of presence w days back is in the window.
        cuts = sorted({c for a, b in clip(counted.spans, lo - w, hi) for c in (a + w, b + 1 + w)})
        for first, last in _split(judged, cuts):
            count = counted.count(first - w + 1, first)
            emit(first, last, count, 0 if counted.contains(first - w) else 1)
    elif isinstance(limit, CalendarYear):
        years = range(dt.date.fromordinal(judged[0][0]).year + 1,
                      dt.date.fromordinal(judged[-1][1]).year + 1)
        cuts = [dt.date(y, 1, 1).toordinal() for y in years]
        for first, last in _split(judged, cuts):
            jan1 = dt.date(dt.date.fromordinal(first).year, 1, 1).toordinal()
            emit(first, last, counted.count(jan1, first), 1)
    elif isinstance(limit, PerEntry):
        judged_lasts = [last for _, last in judged]
        for entry, exit_ in _entries_between(view.entries, lo, hi):
            if not limit.judges(entry):  # entered before or after the stays it judges
                continue
            # Bisect into the judged spans: walking them all for each entry would be quadratic.
            for i in range(bisect_left(judged_lasts, entry), len(judged)):
                first, last = judged[i]
                if first > exit_:
                    break
                start = max(first, entry)
                emit(start, min(last, exit_), counted.count(entry, start), 1)
    return out


def _entries_between(entries: Sequence[Span], lo: int, hi: int) -> Iterator[Span]:
    # Entries are sorted by first day and their last days never decrease (stays in one host
    # do not overlap beyond a shared crossing day), so bisecting on last days is sound.
    for entry in entries[_bisect_last(entries, lo):]:
        if entry[0] > hi:
            break
        yield entry


def _bisect_last(entries: Sequence[Span], lo: int) -> int:
    left, right = 0, len(entries)
    while left < right:
        mid = (left + right) // 2
        if entries[mid][1] < lo:
            left = mid + 1
        else:
            right = mid
    return left


def count_on(limit: Limit, view: View, day: int) -> int:
    """The count ``limit`` would judge on ``day`` (days of the current entry for per-entry)."""
    counted = _counted_by(limit, view)
    if isinstance(limit, Rolling):
        return counted.count(day - limit.window + 1, day)
    if isinstance(limit, CalendarYear):
        return counted.count(dt.date(dt.date.fromordinal(day).year, 1, 1).toordinal(), day)
    current = list(_entries_between(view.entries, day, day))
    if not current or not limit.judges(current[-1][0]):
        return 0
    return counted.count(current[-1][0], day)
