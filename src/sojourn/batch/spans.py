"""Day spans of many persons at once, as Polars frames: the columnar twin of engine.scan.

Every frame here holds inclusive spans ``(pid, first, last)`` of day ordinals (``date.
toordinal()``, as in the scalar engine), where ``pid`` is an integer person key. Nothing loops
over persons: each function is a handful of sorts, cumulative sums and joins, so its cost grows
with the number of spans, never with the days they cover.

The semantics are those of :mod:`sojourn.engine.scan`: on a judged day a limit's count changes
by 0 or +1 from one day to the next, so a few breakpoints per span give every violating day.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from sojourn.batch.frames import ENGINE
from sojourn.batch.runs import running_max
from sojourn.engine.kinds import CalendarYear, Limit, PerEntry, Rolling

EPOCH = dt.date(1970, 1, 1).toordinal()  # Polars dates count days from here
PIECE = {"pid": pl.Int64(), "first": pl.Int64(), "last": pl.Int64(), "peak": pl.Int64()}


def to_ordinal(column: str | pl.Expr) -> pl.Expr:
    expr = pl.col(column) if isinstance(column, str) else column
    return expr.cast(pl.Int64) + EPOCH


def to_date(column: str | pl.Expr) -> pl.Expr:
    expr = pl.col(column) if isinstance(column, str) else column
    return (expr - EPOCH).cast(pl.Int32).cast(pl.Date)


MAX_RULES = 62  # limits of one regime: bits of the Int64 mask that names a run's rules
SHIFT = 1 << 32  # (person, day) as one integer sort key: day ordinals stay below 2**32


def by_person_day(frame: pl.LazyFrame, day: str) -> pl.LazyFrame:
    """``frame`` sorted by person, then ``day``: one integer key sorts faster than two.

    ``pid`` comes out flagged as sorted, which the key makes it (pids are non-negative, days
    below SHIFT): Polars cannot see that through the key, and its joins on a key flagged
    sorted on both sides merge the two instead of hashing one, at a third of the cost."""
    return frame.sort(pl.col("pid") * SHIFT + pl.col(day)).with_columns(
        pl.col("pid").set_sorted())


def _run_bounds(sorted_spans: pl.LazyFrame) -> pl.LazyFrame:
    """Mark, in spans sorted by (pid, first), the rows that start a run of touching or
    overlapping spans (``new``) and those that end one (``end``), with ``reach``, the largest
    last day so far within the person."""
    reach = pl.col("reach")
    new = ((pl.col("pid") != pl.col("pid").shift(1)) | (pl.col("first") > reach.shift(1) + 1))
    return (sorted_spans.with_columns(reach=running_max(pl.col("last"), pl.col("pid")))
            .with_columns(new=new.fill_null(True))
            .with_columns(end=pl.col("new").shift(-1).fill_null(True)))


def merge(spans: pl.LazyFrame) -> pl.LazyFrame:
    """Per person, the union of spans as sorted, disjoint, non-adjacent spans."""
    marked = _run_bounds(by_person_day(spans.select("pid", "first", "last"), "first"))
    # Runs are contiguous: the n-th run start and the n-th run end belong together.
    starts = marked.filter("new").select("pid", "first")
    ends = marked.filter("end").select(last="reach")
    return pl.concat([starts, ends], how="horizontal")


def _clip(frame: pl.LazyFrame, valid: tuple[int, int], window: pl.LazyFrame | None,
          lo: str, hi: str) -> pl.LazyFrame:
    """Narrow ``[lo, hi]`` of each row to the rule's validity and the person's window."""
    out = frame.with_columns(pl.max_horizontal(lo, pl.lit(valid[0])).alias(lo),
                             pl.min_horizontal(hi, pl.lit(valid[1])).alias(hi))
    if window is not None:
        out = (out.join(window, on="pid", how="inner")
               .with_columns(pl.max_horizontal(lo, "w_lo").alias(lo),
                             pl.min_horizontal(hi, "w_hi").alias(hi))
               .drop("w_lo", "w_hi"))
    return out.filter(pl.col(lo) <= pl.col(hi))


def _violating(frame: pl.LazyFrame, cap: int) -> pl.LazyFrame:
    """Days of ``[lo, hi]`` whose count (``count`` on ``lo``, rising by ``slope``) > cap."""
    start = pl.col("lo") + pl.max_horizontal(pl.lit(0), cap + 1 - pl.col("count"))
    flat = pl.col("slope") == 0
    return (
        frame.with_columns(
            first=pl.when(flat).then(pl.col("lo")).otherwise(start),
            peak=pl.when(flat).then(pl.col("count"))
            .otherwise(pl.col("count") + pl.col("hi") - pl.col("lo")))
        .filter(pl.when(flat).then(pl.col("count") > cap)
                .otherwise(pl.col("first") <= pl.col("hi")))
        .select("pid", "first", pl.col("hi").alias("last"), "peak")
    )


def _rolling(segments: pl.LazyFrame, limit: Rolling, valid: tuple[int, int],
             window: pl.LazyFrame | None) -> pl.LazyFrame:
    w = limit.window
    if limit.counts_from is not None:
        # Presence before the counting start is not counted, as if the person was away.
        segments = (segments.with_columns(first=pl.max_horizontal("first",
                                                                  pl.lit(limit.first_counted)))
                    .filter(pl.col("first") <= pl.col("last")))
    # The count on day t is presence(t) summed over [t-w+1, t]; it changes by presence(t) -
    # presence(t-w). Four events per span (start, end, and both shifted by w) make it a line
    # between consecutive events. Cumulative sums run over all persons at once: each person's
    # events sum to zero, so nothing leaks from one person to the next.
    events = pl.concat([
        segments.select("pid", day=pl.col("first"), dp=pl.lit(1), dl=pl.lit(0)),
        segments.select("pid", day=pl.col("last") + 1, dp=pl.lit(-1), dl=pl.lit(0)),
        segments.select("pid", day=pl.col("first") + w, dp=pl.lit(0), dl=pl.lit(-1)),
        segments.select("pid", day=pl.col("last") + 1 + w, dp=pl.lit(0), dl=pl.lit(1)),
    ])
    events = by_person_day(events, "day")
    slope = pl.col("present") + pl.col("lagged")
    lines = (
        events.with_columns(present=pl.col("dp").cum_sum(), lagged=pl.col("dl").cum_sum(),
                            next_day=pl.col("day").shift(-1))
        .with_columns(slope=slope,
                      before=(slope * (pl.col("next_day") - pl.col("day"))).fill_null(0)
                      .cum_sum().shift(1).fill_null(0))
        .filter(pl.col("present") > 0)
        .select("pid", lo=pl.col("day"), hi=pl.col("next_day") - 1, slope=pl.col("slope"),
                start=pl.col("day"), base=pl.col("before"))
    )
    clipped = _clip(lines, valid, window, "lo", "hi")
    # ``base`` is the count on the day before ``start``.
    return _violating(clipped.with_columns(
        count=pl.col("base") + pl.col("slope") * (pl.col("lo") - pl.col("start") + 1)),
        limit.max)


def _jan1(year: pl.Expr) -> pl.Expr:
    return to_ordinal(pl.date(year, 1, 1))


def _calendar_year(segments: pl.LazyFrame, limit: CalendarYear, valid: tuple[int, int],
                   window: pl.LazyFrame | None) -> pl.LazyFrame:
    # Only presence from 1 January of the first judged day's year counts: cut the spans to
    # that before splitting them by year, so a long hypothetical stay costs a few rows.
    jan1_lo = _jan1(to_date(pl.max_horizontal("w_lo", pl.lit(valid[0]))).dt.year())
    if window is not None:
        segments = (segments.join(window, on="pid", how="inner")
                    .with_columns(first=pl.max_horizontal("first", jan1_lo),
                                  last=pl.min_horizontal("last", "w_hi", pl.lit(valid[1])))
                    .filter(pl.col("first") <= pl.col("last"))
                    .drop("w_lo", "w_hi"))
    years = (
        segments.with_columns(y0=to_date("first").dt.year(), y1=to_date("last").dt.year())
        .with_columns(year=pl.int_ranges("y0", pl.col("y1") + 1, dtype=pl.Int32))
        .explode("year")
        .with_columns(first=pl.max_horizontal("first", _jan1(pl.col("year"))),
                      last=pl.min_horizontal("last", _jan1(pl.col("year") + 1) - 1))
    )
    pieces = (
        by_person_day(years, "first")
        .with_columns(length=pl.col("last") - pl.col("first") + 1,
                      new=((pl.col("pid") != pl.col("pid").shift(1))
                           | (pl.col("year") != pl.col("year").shift(1))).fill_null(True))
        # Days of the person's year before each piece: a running sum restarted per year.
        .with_columns(before=pl.col("length").cum_sum() - pl.col("length"))
        .with_columns(base=pl.col("before")
                      - pl.when("new").then(pl.col("before")).otherwise(None).forward_fill())
        .select("pid", lo=pl.col("first"), hi=pl.col("last"), start=pl.col("first"),
                base=pl.col("base"))
    )
    clipped = _clip(pieces, valid, window, "lo", "hi")
    return _violating(clipped.with_columns(
        slope=pl.lit(1), count=pl.col("base") + pl.col("lo") - pl.col("start") + 1), limit.max)


def _per_entry(entries: pl.LazyFrame, limit: PerEntry, valid: tuple[int, int],
               window: pl.LazyFrame | None) -> pl.LazyFrame:
    if limit.entered_from is not None or limit.entered_to is not None:
        # The limit judges only the entries begun in its range; the others are not its stays.
        entries = entries.filter(pl.col("first").is_between(limit.first_entered,
                                                             limit.last_entered))
    spans = entries.select("pid", lo=pl.col("first"), hi=pl.col("last"), start=pl.col("first"))
    clipped = _clip(spans, valid, window, "lo", "hi")
    return _violating(clipped.with_columns(
        slope=pl.lit(1), count=pl.col("lo") - pl.col("start") + 1), limit.max)


def bad_pieces(entries: pl.LazyFrame, limit: Limit, valid: tuple[int, int],
               window: pl.LazyFrame | None = None,
               segments: pl.LazyFrame | None = None) -> pl.LazyFrame:
    """Non-compliant days ``(pid, first, last, peak)`` under ``limit`` in force on ``valid``.

    ``entries`` are each person's entries (they may share a crossing day); ``window`` (pid,
    w_lo, w_hi) narrows the judged days per person, and persons missing from it are not judged.
    ``segments`` is ``merge(entries)`` when the caller already has it.
    """
    if isinstance(limit, PerEntry):
        return _per_entry(entries, limit, valid, window)
    merged = segments if segments is not None else merge(entries)
    if isinstance(limit, Rolling):
        return _rolling(merged, limit, valid, window)
    return _calendar_year(merged, limit, valid, window)


def uncovered(spans: pl.LazyFrame, cover: pl.LazyFrame) -> pl.LazyFrame:
    """Persons (pid) with a day of ``spans`` outside ``cover``; both may overlap themselves."""
    return _uncovered_starts(spans, cover).select("pid").unique()


def first_uncovered(spans: pl.LazyFrame, cover: pl.LazyFrame) -> pl.LazyFrame:
    """(pid, day): each person's first day of ``spans`` outside ``cover``, for persons with one."""
    return _uncovered_starts(spans, cover).group_by("pid").agg(pl.col("day").min())


def _uncovered_starts(spans: pl.LazyFrame, cover: pl.LazyFrame) -> pl.LazyFrame:
    """(pid, day): the first day of each stretch of ``spans`` outside ``cover``."""
    events = pl.concat([
        spans.select("pid", day=pl.col("first"), ds=pl.lit(1), dc=pl.lit(0)),
        spans.select("pid", day=pl.col("last") + 1, ds=pl.lit(-1), dc=pl.lit(0)),
        cover.select("pid", day=pl.col("first"), ds=pl.lit(0), dc=pl.lit(1)),
        cover.select("pid", day=pl.col("last") + 1, ds=pl.lit(0), dc=pl.lit(-1)),
    ])
    events = by_person_day(events, "day")
    return (
        events.with_columns(s=pl.col("ds").cum_sum(), c=pl.col("dc").cum_sum(),
                            next_day=pl.col("day").shift(-1))
        .filter((pl.col("s") > 0) & (pl.col("c") == 0) & (pl.col("next_day") > pl.col("day")))
        .select("pid", "day")
    )


def runs(pieces: pl.LazyFrame, rules: list[str]) -> pl.DataFrame:
    """Pieces (pid, first, last, peak, rule) merged into runs of consecutive days, each with
    its peak and the sorted ids of ``rules`` behind it (engine.evaluate._runs, for many
    persons)."""
    assert len(rules) <= MAX_RULES, "judges check this before any row is read"
    # Within a run only maxima and the first start matter, so ties on ``first`` may come in
    # any order: one sort key.
    marked = _run_bounds(by_person_day(pieces, "first"))
    run = pl.col("new").cum_sum()
    # The rules behind a run as a bit mask (bit i: rules[i]), each bit a running maximum
    # within the run; building a list per run is slow, so each distinct mask (few) is turned
    # into its list of ids once, and joined.
    bits = [running_max((pl.col("rule") == r).cast(pl.Int32), pl.col("run")) * (1 << i)
            for i, r in enumerate(rules)]
    per_row = (marked.with_columns(run.alias("run"))
               .with_columns(running_max(pl.col("peak"), pl.col("run")).alias("peak"),
                             (pl.sum_horizontal(bits) if bits else pl.lit(0)).cast(pl.Int64)
                             .alias("mask")))
    starts = per_row.filter("new").select("pid", "first")
    ends = per_row.filter("end").select(last="reach", peak="peak", mask="mask")
    table = pl.concat([starts, ends], how="horizontal").collect(engine=ENGINE)
    masks = table.get_column("mask").unique().to_list()
    named = pl.DataFrame(
        {"mask": masks,
         "rules": [sorted(r for i, r in enumerate(rules) if m >> i & 1) for m in masks]},
        schema={"mask": pl.Int64, "rules": pl.List(pl.String)})
    return table.join(named, on="mask", how="left", maintain_order="left").drop("mask")

