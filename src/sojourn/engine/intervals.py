"""Inclusive day spans as (first, last) ordinals, and an index that counts days in a range.

Every algorithm in the engine works on spans, never on single days, so its cost grows with the
number of trips rather than with the number of days they cover.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence

Span = tuple[int, int]  # inclusive (first, last) day ordinals


def merge(spans: Iterable[Span]) -> list[Span]:
    """Union of spans as sorted, disjoint, non-adjacent spans (touching spans join)."""
    out: list[Span] = []
    for first, last in sorted(spans):
        if out and first <= out[-1][1] + 1:
            if last > out[-1][1]:
                out[-1] = (out[-1][0], last)
        else:
            out.append((first, last))
    return out


def subtract(spans: Sequence[Span], holes: Sequence[Span]) -> list[Span]:
    """``spans`` less ``holes``; both sorted and disjoint."""
    out: list[Span] = []
    j = 0
    for first, last in spans:
        cur = first
        while j < len(holes) and holes[j][1] < cur:
            j += 1
        k = j
        while k < len(holes) and holes[k][0] <= last:
            h_first, h_last = holes[k]
            if h_first > cur:
                out.append((cur, h_first - 1))
            cur = max(cur, h_last + 1)
            if cur > last:
                break
            k += 1
        if cur <= last:
            out.append((cur, last))
    return out


def intersect(a: Sequence[Span], b: Sequence[Span]) -> list[Span]:
    """Days in both ``a`` and ``b``; both sorted and disjoint."""
    out: list[Span] = []
    i = j = 0
    while i < len(a) and j < len(b):
        first = max(a[i][0], b[j][0])
        last = min(a[i][1], b[j][1])
        if first <= last:
            out.append((first, last))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def clip(spans: Sequence[Span], lo: int, hi: int) -> list[Span]:
    """The parts of sorted disjoint ``spans`` inside ``[lo, hi]``."""
    out: list[Span] = []
    for first, last in spans:
        if first > hi:
            break
        if last >= lo:
            out.append((max(first, lo), min(last, hi)))
    return out


class DayIndex:
    """Sorted disjoint spans with prefix sums: days in any range, or membership, in O(log n)."""

    __slots__ = ("_firsts", "_lasts", "_prefix", "spans")

    def __init__(self, spans: Sequence[Span]) -> None:
        self.spans = list(spans)
        self._firsts = [s[0] for s in self.spans]
        self._lasts = [s[1] for s in self.spans]
        self._prefix = [0]
        for first, last in self.spans:
            self._prefix.append(self._prefix[-1] + last - first + 1)

    def _upto(self, day: int) -> int:
        """Days on or before ``day``."""
        i = bisect_right(self._firsts, day)
        if i == 0:
            return 0
        first, last = self.spans[i - 1]
        return self._prefix[i - 1] + min(last, day) - first + 1

    def count(self, lo: int, hi: int) -> int:
        """Days of the spans inside ``[lo, hi]``."""
        if hi < lo:
            return 0
        return self._upto(hi) - self._upto(lo - 1)

    def contains(self, day: int) -> bool:
        i = bisect_right(self._firsts, day)
        return i > 0 and self._lasts[i - 1] >= day

    def __len__(self) -> int:
        return len(self.spans)
