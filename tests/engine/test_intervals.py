"""Span algebra and the day index, checked against plain sets of days."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from sojourn.engine.intervals import DayIndex, Span, clip, intersect, merge, subtract

spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 8)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=8)


def days(items: list[Span]) -> set[int]:
    return {d for first, last in items for d in range(first, last + 1)}


def test_merge_joins_touching_and_overlapping_spans() -> None:
    assert merge([(5, 7), (1, 3), (4, 4), (10, 12), (11, 15)]) == [(1, 7), (10, 15)]


@given(spans)
def test_merge_keeps_the_days_and_separates_spans(items: list[Span]) -> None:
    merged = merge(items)
    assert days(merged) == days(items)
    assert all(a[1] + 1 < b[0] for a, b in itertools.pairwise(merged))


@given(spans, spans)
def test_subtract_and_intersect_match_set_operations(a: list[Span], b: list[Span]) -> None:
    ma, mb = merge(a), merge(b)
    assert days(subtract(ma, mb)) == days(ma) - days(mb)
    assert days(intersect(ma, mb)) == days(ma) & days(mb)


@given(spans, st.integers(0, 70), st.integers(0, 70))
def test_clip_and_count(items: list[Span], lo: int, hi: int) -> None:
    merged = merge(items)
    inside = {d for d in days(merged) if lo <= d <= hi}
    assert days(clip(merged, lo, hi)) == inside
    index = DayIndex(merged)
    assert index.count(lo, hi) == len(inside)
    assert all(index.contains(d) == (d in days(merged)) for d in range(-1, 75))
