"""Arrivals, departures and people present per country and day, and a chart of them.

:func:`flows` turns a :data:`~sojourn.batch.frames.STAYS` table into the table an analyst
plots: one row per country and day of ``[first, last]``, columns

- ``country`` (String), ``day`` (Date);
- ``arrivals`` (Int64): stays whose ``entry`` is that day;
- ``departures`` (Int64): stays whose ``exit`` is that day (an open stay never departs);
- ``present`` (Int64): distinct persons in the country that day, i.e. with a stay such that
  ``entry <= day <= exit``. Entry and exit days both count (DESIGN.md, "Canonical stay
  semantics"); an open stay (``exit`` null) counts through ``last``; a stay that began before
  ``first`` counts from ``first``. A person who leaves and re-enters on the same day (a border
  run) is present once that day, with one arrival and one departure; overlapping stays of one
  person in one country are merged before they are counted (by :func:`sojourn.batch.inputs.
  normalize`, which ``sojourn flows`` runs first): one arrival, one departure, once present.

Every country with anyone present in the range gets every day of the range, zeros filled; a
country that only has stays outside the range is absent. Rows are sorted by country, day.
``row``, ``line`` and ``citizenship`` are ignored; ``entry <= exit`` is assumed, as STAYS
guarantees.

Cost is O(stays log stays + countries x days): stays are never exploded into their days. Each
person's stays in one country are merged into disjoint presence spans (clipped to the range);
a span adds +1 on its first day and -1 on the day after its last, and ``present`` is the
running sum of those changes over the dense calendar of each country.

Every count is one person's own, so :func:`counts` of sets of persons add up:
:func:`flow_table` sums them into the table, and ``sojourn flows`` counts a log in slices of
persons (:func:`sojourn.batch.job.run_flows`), as ``sojourn batch`` evaluates one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from sojourn.batch.frames import ENGINE, conform, empty
from sojourn.batch.runs import running_max
from sojourn.errors import UsageError, option_told

if TYPE_CHECKING:
    from matplotlib.figure import Figure

MAX_YEARS = 20
RANGE_FORM = f"--from on or before --to, at most {MAX_YEARS} years apart"
RANGE_EXAMPLE = "--from 2023-01-01 --to 2025-12-31"


def check_range(first: dt.date, last: dt.date) -> None:
    """Raise :class:`UsageError` unless ``first <= last <= first + 20 years``. Worded for the
    options that give them, ``--from`` and ``--to``, where a user meets the error."""
    # told of --to, the day judged against the other, as `rules changes` tells its range
    if last < first:
        raise UsageError(option_told("--to", last.isoformat(), f"is before --from {first}",
                                     f"{RANGE_FORM}, e.g. {RANGE_EXAMPLE}"))
    if last > _years_after(first, MAX_YEARS):
        raise UsageError(option_told("--to", last.isoformat(),
                                     f"is more than {MAX_YEARS} years after --from {first}",
                                     f"{RANGE_FORM}, e.g. {RANGE_EXAMPLE}"))


def _years_after(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` later; 29 February becomes 28 February if need be."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def flows(stays: pl.DataFrame, first: dt.date, last: dt.date) -> pl.DataFrame:
    """Arrivals, departures and persons present per country and day of ``[first, last]``.

    Dense (every day for every country with presence in the range, zeros filled), sorted by
    country and day; see the module docstring for the exact semantics. Raises
    :class:`UsageError` for a range that :func:`check_range` refuses."""
    check_range(first, last)
    return flow_table([counts(stays, first, last)], first, last)


MEASURES = ("arrivals", "departures", "come", "gone")
COUNTS = {"country": pl.String(), "offset": pl.Int64(), "arrivals": pl.Int64(),
          "departures": pl.Int64(), "come": pl.Int64(), "gone": pl.Int64()}


def counts(stays: pl.DataFrame, first: dt.date, last: dt.date) -> pl.DataFrame:
    """The changes behind :func:`flows` for ``stays`` (:data:`COUNTS`, one row per country and
    day offset from ``first`` with any): arrivals, departures, and persons who ``come``
    (present from that day) and are ``gone`` (no longer present that day).

    Every count is a person's own, so the counts of sets of whole persons add up to the
    counts of their union (see the module docstring)."""
    days = (last - first).days + 1
    if not stays.get_column("person_id").is_sorted():  # STAYS are; a table built otherwise
        stays = stays.sort("person_id", maintain_order=True)  # gets each person's rows together
    countries = stays["country"].unique().sort().to_list()
    coded = _coded(stays, countries, first)
    in_range = (0, days - 1)
    spans = _spans(coded, days)
    keyed = pl.concat([
        _count(coded, pl.col("entry").is_between(*in_range), pl.col("entry"), days, "arrivals"),
        _count(coded, pl.col("exit").is_between(*in_range), pl.col("exit"), days, "departures"),
        # Persons present change by +1 on a span's first day and by -1 on the day after its
        # last (never, for a span that lasts to the end of the range).
        _count(spans, pl.col("opens"), pl.col("start"), days, "come"),
        _count(spans, pl.col("closes") & (pl.col("reach") < days - 1), pl.col("reach") + 1,
               days, "gone")], how="diagonal")
    names = pl.Series(countries, dtype=pl.String())
    return conform(keyed.group_by("key").agg(pl.col(*MEASURES).sum())
                   .with_columns(pl.lit(names).gather(pl.col("key") // days).alias("country"),
                                 (pl.col("key") % days).alias("offset")), COUNTS)


def flow_table(parts: Sequence[pl.DataFrame], first: dt.date, last: dt.date) -> pl.DataFrame:
    """The :func:`flows` table of the :func:`counts` of sets of persons, no two sharing one
    (none: the empty table)."""
    summed = (parts[0] if len(parts) == 1 else
              pl.concat([empty(COUNTS), *parts]).group_by("country", "offset")
              .agg(pl.col(*MEASURES).sum()))
    return _dense(summed, first, (last - first).days + 1)


# Internally a country is its index in the sorted list of codes and a day its offset from
# `first`, so that (country, day) packs into one integer key, code * days + offset: integer
# keys group, sort and join much faster than (string, date) pairs, and key order is the
# output order (country, then day).

def _coded(stays: pl.DataFrame, countries: list[str], first: dt.date) -> pl.DataFrame:
    """``person_id``, ``code`` (country index) and ``entry``/``exit`` as day offsets."""
    origin = pl.lit(first, pl.Date())
    return stays.select(
        "person_id",
        pl.col("country").cast(pl.Enum(countries)).to_physical().alias("code"),
        (pl.col("entry") - origin).dt.total_days().cast(pl.Int32).alias("entry"),
        (pl.col("exit") - origin).dt.total_days().cast(pl.Int32).alias("exit"))


def _key(offset: pl.Expr, days: int) -> pl.Expr:
    """The (country, day) key; Int64, as the small ``code`` integer would overflow."""
    return pl.col("code").cast(pl.Int64) * days + offset


def _count(frame: pl.DataFrame, where: pl.Expr, day: pl.Expr, days: int, name: str
           ) -> pl.DataFrame:
    """The rows of ``frame`` where ``where`` holds, counted per (country, ``day``) key."""
    # Lazy, so that only the columns needed are filtered, not the whole table.
    return (frame.lazy()
            .filter(where)
            .group_by(key=_key(day, days))
            .agg(pl.len().cast(pl.Int64).alias(name))
            .collect(engine=ENGINE))


def _spans(coded: pl.DataFrame, days: int) -> pl.DataFrame:
    """One row per stay in the range, sorted by person, country and start, marked with
    ``opens`` on the first stay of each presence span and ``closes`` on its last, where
    ``reach`` is the span's last day (offsets, within ``[0, days - 1]``).

    A person's stays in one country that overlap or touch (the next one starts on, or the
    day after, the furthest end so far) make one span, so that a person counts once a day.
    ``coded`` holds each person's rows together (see :func:`counts`)."""
    countries = int(coded.get_column("code").max() or 0) + 1  # type: ignore[arg-type]
    # Persons numbered from the changes of id, and (person, country, start) packed into one
    # integer: it sorts as the triple does, and faster (person < 2**31 and countries x days
    # < 2**32, as there are fewer than 300 codes and days span at most 20 years).
    person = (pl.col("person_id") != pl.col("person_id").shift(1)).fill_null(True).cum_sum()
    ordered = (coded.lazy()
               .select(person.cast(pl.Int64).alias("person"), "code",
                       pl.col("entry").clip(lower_bound=0).alias("start"),
                       pl.col("exit").fill_null(days - 1).clip(upper_bound=days - 1)
                       .alias("end"))
               .filter(pl.col("start") <= pl.col("end"))
               .sort((pl.col("person") * countries + pl.col("code")) * days + pl.col("start")))
    same = ((pl.col("person") == pl.col("person").shift(1))
            & (pl.col("code") == pl.col("code").shift(1))).fill_null(False)
    # The furthest end so far in each (person, country) group.
    group = (~pl.col("same")).cum_sum()
    return (ordered
            .select("code", "start", "end", same.alias("same"))
            .with_columns(running_max(pl.col("end"), group).alias("reach"))
            .with_columns((~pl.col("same") | (pl.col("start") > pl.col("reach").shift(1) + 1))
                          .alias("opens"))
            .with_columns(pl.col("opens").shift(-1, fill_value=True).alias("closes"))
            .collect(engine=ENGINE))


def _dense(summed: pl.DataFrame, first: dt.date, days: int) -> pl.DataFrame:
    """Every day for every country of ``summed`` (:data:`COUNTS`), zeros filled, with
    ``present`` as the running sum of persons who ``come`` less those ``gone``."""
    countries = summed["country"].unique().sort().to_list()
    coded = (summed.with_columns(pl.col("country").cast(pl.Enum(countries)).to_physical()
                                 .alias("code"))
             .select(_key(pl.col("offset"), days).alias("key"), *MEASURES))
    table = pl.DataFrame({"key": pl.int_range(len(countries) * days, dtype=pl.Int64,
                                              eager=True)})
    names = pl.Series(countries, dtype=pl.String())
    return (table
            .join(coded, on="key", how="left", maintain_order="left")
            .select(
                pl.lit(names).gather(pl.col("key") // days).alias("country"),
                (pl.lit(first, pl.Date()) + pl.duration(days=pl.col("key") % days)).alias("day"),
                pl.col("arrivals").fill_null(0),
                pl.col("departures").fill_null(0),
                (pl.col("come").fill_null(0) - pl.col("gone").fill_null(0))
                .cum_sum().over(pl.col("key") // days).alias("present")))


def chart(table: pl.DataFrame, first: dt.date, last: dt.date, *, top: int = 6) -> Figure:
    """A chart of a :func:`flows` table of ``[first, last]``.

    Upper panel: persons present per day, one line for each of the ``top`` countries with the
    most person-days (ties by country code), each thinner than the one under it and dashed
    otherwise, so that equal counts all show. Lower panel: arrivals (up) and departures (down)
    per day, summed over all countries of the table. An empty table (no one in the range) is
    drawn as empty panels that say so: the run's table and rejects are written all the same.
    Raises :class:`UsageError` for ``top < 1``."""
    if top < 1:
        raise UsageError(f"top={top} shows no country; expected a whole number of at least 1")
    return _figure(table, _top_countries(table, top), first, last)


def save_chart(figure: Figure, path: Path) -> None:
    """Write ``figure`` as PNG to ``path``, whatever its name ends in (a temporary name ends in
    ".partial", from which matplotlib would guess no format)."""
    figure.savefig(path, format="png", dpi=100)


LINE_WIDTH = 1.2  # the last country's line, drawn on top
WIDTH_STEP = 0.7  # each line below is this much wider, so that its edges show
# solid, dashed, dotted, dash-dot: told apart where colours are not (a grey print)
LINE_STYLES = ("-", "--", ":", "-.")


def _top_countries(table: pl.DataFrame, top: int) -> list[str]:
    ranked = (table.group_by("country").agg(pl.col("present").sum().alias("person_days"))
              .sort(["person_days", "country"], descending=[True, False]))
    return ranked["country"].head(top).to_list()


def _figure(table: pl.DataFrame, countries: list[str], first: dt.date, last: dt.date
            ) -> Figure:
    """The chart as a matplotlib Figure on its own Agg canvas (no pyplot global state)."""
    # Imported here: matplotlib is slow to import and only charts need it.
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, DateFormatter, DayLocator
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(11, 7), layout="constrained")
    FigureCanvasAgg(figure)
    present, moves = figure.subplots(2, 1, sharex=True, height_ratios=[3, 2])
    one_day = first == last  # a step of one point draws nothing: a marker shows it
    # Countries with the same counts draw the same line, and the last drawn hid the others:
    # each is drawn thinner than the one before it and on top of it, so that every line
    # below shows as an edge around the next, and dashed, so the gaps show it too.
    for rank, country in enumerate(countries):
        rows = table.filter(pl.col("country") == country)
        width = LINE_WIDTH + WIDTH_STEP * (len(countries) - 1 - rank)
        # a count per day: steps, not slopes between days
        present.step(rows["day"].to_numpy(), rows["present"].to_numpy(), where="mid",
                     label=country, linewidth=width, zorder=2 + rank / len(countries),
                     linestyle=LINE_STYLES[rank % len(LINE_STYLES)],
                     marker="o" if one_day else None, markersize=2 * width + 3)
    present.set_ylabel("persons present")
    if countries:
        # beside the lines, not over them: inside, it hid the top line's count at its peak
        present.legend(title="country", loc="upper left", bbox_to_anchor=(1.01, 1.0),
                       fontsize="small")
    else:
        present.text(0.5, 0.5, f"no one present in any country from {first} to {last}",
                     ha="center", va="center", transform=present.transAxes)
    present.grid(alpha=0.3)

    totals = table.group_by("day").agg(pl.col("arrivals", "departures").sum()).sort("day")
    days = totals["day"].to_numpy()
    # Departures drawn below zero: in a log of moves between the countries it holds, every
    # departure is someone's arrival elsewhere the same day, and two lines would hide each other.
    moves.bar(days, totals["arrivals"].to_numpy(), width=1.0, label="arrivals")
    moves.bar(days, -totals["departures"].to_numpy(), width=1.0, label="departures")
    moves.axhline(0, color="black", linewidth=0.6)
    moves.set_ylabel("stays per day, all countries\n(departures below 0)")
    moves.set_xlabel("day")
    if not table.is_empty():  # bars of no data would show a legend of one colour
        # beside the bars, as the countries' beside the lines: inside, in a corner, it hid
        # the first day's arrivals, where a run's first day (a wave's start) has the most
        moves.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small")
    moves.grid(alpha=0.3)
    for counts in (present, moves):  # persons and stays come whole: no tick at 2.5 persons
        counts.yaxis.set_major_locator(MaxNLocator(integer=True))
    # Counts from 0, and at least one whole step each way: a flat count (two persons all the
    # time) or a day with no moves left autoscaling a span of a tenth, which no whole tick fits,
    # and the locator fell back to ticks of 2.025 persons.
    shown = table.filter(pl.col("country").is_in(countries))["present"].max()
    peak = shown if isinstance(shown, int) else 0
    present.set_ylim(0, max(1.0, peak * 1.08))
    low, high = moves.get_ylim()
    moves.set_ylim(min(low, -1.0), max(high, 1.0))

    # matplotlib.dates ships without annotations for these constructors.
    if (last - first).days < 7:  # whole days, not the hours of a short range
        moves.xaxis.set_major_locator(DayLocator())  # type: ignore[no-untyped-call]
        moves.xaxis.set_major_formatter(DateFormatter("%Y-%m-%d"))  # type: ignore[no-untyped-call]
    else:
        locator = AutoDateLocator()  # type: ignore[no-untyped-call]
        moves.xaxis.set_major_locator(locator)
        moves.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    # whole days on the axis, even for one day (not the hours around its noon)
    moves.set_xlim(np.datetime64(first) - np.timedelta64(12, "h"),
                   np.datetime64(last) + np.timedelta64(12, "h"))
    # the lines leave out the countries past the top: the title says how many there are
    total = table["country"].n_unique()
    shown = (f"top {len(countries)} of {total} countries, " if total > len(countries) else
             "" if total <= 1 else f"{total} countries, ")
    figure.suptitle(f"Arrivals, departures and persons present, {shown}{first} to {last}")
    return figure
