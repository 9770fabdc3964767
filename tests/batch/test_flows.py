"""Flows per country and day: hand-computed cases, a naive day-by-day count, and the chart."""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sojourn.batch import frames
from sojourn.batch.flows import _figure, chart, check_range, counts, flow_table, flows, save_chart
from sojourn.batch.job import write_outputs
from sojourn.errors import InputError, UsageError

D = dt.date(2024, 3, 1)
Stay = tuple[str, str, dt.date, dt.date | None]  # person, country, entry, exit
SCHEMA = {"country": pl.String(), "day": pl.Date(), "arrivals": pl.Int64(),
          "departures": pl.Int64(), "present": pl.Int64()}


def day(n: int) -> dt.date:
    return D + dt.timedelta(days=n)


def table(stays: list[Stay]) -> pl.DataFrame:
    n = len(stays)
    return pl.DataFrame({
        "row": list(range(1, n + 1)), "line": [None] * n,
        "person_id": [s[0] for s in stays], "country": [s[1] for s in stays],
        "entry": [s[2] for s in stays], "exit": [s[3] for s in stays],
        "citizenship": [None] * n}, schema=frames.STAYS)


def rows(result: pl.DataFrame, country: str) -> list[tuple[int, int, int]]:
    """(arrivals, departures, present) per day for one country."""
    part = result.filter(pl.col("country") == country)
    return list(zip(part["arrivals"], part["departures"], part["present"], strict=True))


def test_border_run_is_present_once_with_one_arrival_and_one_departure() -> None:
    result = flows(table([("p", "TH", day(0), day(2)), ("p", "TH", day(2), day(4))]),
                   day(0), day(4))
    assert rows(result, "TH") == [(1, 0, 1), (0, 0, 1), (1, 1, 1), (0, 0, 1), (0, 1, 1)]


def test_overlapping_stays_of_one_person_count_once_but_each_arrives() -> None:
    result = flows(table([("p", "TH", day(0), day(3)), ("p", "TH", day(1), day(2))]),
                   day(0), day(3))
    assert rows(result, "TH") == [(1, 0, 1), (1, 0, 1), (0, 1, 1), (0, 1, 1)]


def test_open_stay_counts_through_last_and_never_departs() -> None:
    result = flows(table([("p", "GE", day(1), None)]), day(0), day(3))
    assert rows(result, "GE") == [(0, 0, 0), (1, 0, 1), (0, 0, 1), (0, 0, 1)]


def test_stay_begun_before_first_is_present_from_first_without_an_arrival() -> None:
    result = flows(table([("p", "VN", day(-10), day(1)), ("q", "VN", day(-3), None)]),
                   day(0), day(2))
    assert rows(result, "VN") == [(0, 0, 2), (0, 1, 2), (0, 0, 1)]


def test_two_countries_share_the_crossing_day_and_quiet_days_are_zeros() -> None:
    result = flows(table([("p", "FR", day(0), day(1)), ("p", "DE", day(1), day(2)),
                          ("q", "DE", day(4), day(4))]), day(0), day(5))
    assert dict(result.schema) == SCHEMA
    assert result["country"].to_list() == ["DE"] * 6 + ["FR"] * 6
    assert result["day"].to_list()[:6] == [day(n) for n in range(6)]
    assert rows(result, "DE") == [(0, 0, 0), (1, 0, 1), (0, 1, 1), (0, 0, 0), (1, 1, 1),
                                  (0, 0, 0)]
    assert rows(result, "FR") == [(1, 0, 1), (0, 1, 1), (0, 0, 0), (0, 0, 0), (0, 0, 0),
                                  (0, 0, 0)]


def test_countries_without_presence_in_the_range_are_left_out() -> None:
    result = flows(table([("p", "FR", day(-9), day(-5)), ("q", "IT", day(7), None),
                          ("r", "ES", day(0), day(0))]), day(0), day(3))
    assert result["country"].unique().to_list() == ["ES"]


def test_no_stays_in_the_range_give_an_empty_table_of_the_same_schema() -> None:
    for stays in (frames.empty(frames.STAYS), table([("p", "FR", day(-9), day(-5))])):
        result = flows(stays, day(0), day(3))
        assert result.is_empty()
        assert dict(result.schema) == SCHEMA


def test_check_range_accepts_twenty_years_and_refuses_more_or_backwards() -> None:
    check_range(D, D)
    check_range(dt.date(2004, 2, 29), dt.date(2024, 2, 29))
    check_range(dt.date(2080, 2, 29), dt.date(2100, 2, 28))  # 2100 is not a leap year
    with pytest.raises(UsageError, match=r"^--to: '2100-03-01' is more than 20 years after "
                                         r"--from 2080-02-29; expected"):
        check_range(dt.date(2080, 2, 29), dt.date(2100, 3, 1))
    with pytest.raises(UsageError, match=r"^--to: '.*' is before --from "):
        check_range(day(1), day(0))
    with pytest.raises(UsageError, match="at most 20 years apart"):
        flows(frames.empty(frames.STAYS), day(1), day(0))


# -- against a naive day-by-day count -------------------------------------------------------

COUNTRIES = ("AA", "BB", "CC")
# (country, days since the previous exit, length - 1): a gap of 0 re-enters on the exit day.
legs = st.lists(st.tuples(st.sampled_from(COUNTRIES), st.integers(0, 4), st.integers(0, 6)),
                min_size=1, max_size=5)


@st.composite
def histories(draw: st.DrawFn) -> list[Stay]:
    """Persons whose stays follow one another (a shared crossing day allowed), the last one
    possibly still open, in shuffled rows."""
    stays: list[Stay] = []
    for person in range(draw(st.integers(0, 5))):
        at = draw(st.integers(-10, 10))
        chain = draw(legs)
        for i, (country, gap, length) in enumerate(chain):
            entry = at + gap if i else at
            exit_ = entry + length
            is_open = i == len(chain) - 1 and draw(st.booleans())
            stays.append((f"p{person}", country, day(entry), None if is_open else day(exit_)))
            at = exit_
    return draw(st.permutations(stays))  # input rows come in any order


def naive(stays: list[Stay], first: dt.date, last: dt.date) -> pl.DataFrame:
    """Every day of every stay, counted the slow, obvious way."""
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    present: dict[tuple[str, dt.date], set[str]] = {}
    for person, country, entry, exit_ in stays:
        for d in days:
            if entry <= d <= (exit_ or last):
                present.setdefault((country, d), set()).add(person)
    countries = sorted({country for country, _ in present})
    records = [{"country": c, "day": d,
                "arrivals": sum(s[1] == c and s[2] == d for s in stays),
                "departures": sum(s[1] == c and s[3] == d for s in stays),
                "present": len(present.get((c, d), ()))}
               for c in countries for d in days]
    return pl.DataFrame(records, schema=SCHEMA)


@settings(max_examples=300, deadline=None)
@given(histories(), st.integers(-5, 15), st.integers(0, 20))
def test_flows_match_a_naive_day_by_day_count(stays: list[Stay], start: int, span: int
                                              ) -> None:
    first, last = day(start), day(start + span)
    assert flows(table(stays), first, last).equals(naive(stays, first, last))


@settings(max_examples=100, deadline=None)
@given(histories(), st.sets(st.sampled_from([f"p{i}" for i in range(5)])))
def test_counts_of_sets_of_persons_add_up_to_the_flows_of_all(stays: list[Stay],
                                                                chosen: set[str]) -> None:
    # As `sojourn flows` counts a log: in slices of whole persons, summed.
    parts = [[s for s in stays if (s[0] in chosen) == side] for side in (True, False)]
    summed = flow_table([counts(table(part), day(0), day(12)) for part in parts],
                        day(0), day(12))
    assert summed.equals(naive(stays, day(0), day(12)))


def test_no_counts_make_the_empty_table() -> None:
    assert flow_table([], day(0), day(3)).equals(flows(frames.empty(frames.STAYS), day(0), day(3)))


@settings(max_examples=100, deadline=None)
@given(histories())
def test_stays_in_the_order_normalize_gives_count_as_shuffled_ones(stays: list[Stay]) -> None:
    # By person_id, entry (frames.STAYS): the order `sojourn flows` passes, taken as it is.
    ordered = table(stays).sort("person_id", "entry", "row")
    assert flows(ordered, day(0), day(12)).equals(naive(stays, day(0), day(12)))


def test_persons_are_told_apart_by_id_whatever_the_row_order() -> None:
    # p1 re-enters on the day of leaving (a border run) in rows on either side of p2's:
    # present that day once, beside p2.
    stays = [("p1", "TH", day(0), day(2)), ("p2", "TH", day(1), day(3)),
             ("p1", "TH", day(2), day(4))]
    assert rows(flows(table(stays), day(0), day(4)), "TH") == [
        (1, 0, 1), (1, 0, 2), (1, 1, 2), (0, 1, 2), (0, 1, 1)]


# -- the chart --------------------------------------------------------------------------------

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def sample() -> pl.DataFrame:
    stays = [(f"p{i}", c, day(i % 7), day(i % 7 + 3 + i % 5))
             for i, c in enumerate(["TH", "VN", "GE", "TH", "MY", "ID", "KH", "LA", "TH"] * 3)]
    return flows(table(stays), day(0), day(20))


def plot_flows(table: pl.DataFrame, path: Path, *, top: int = 6) -> None:
    """The chart drawn and written as ``sojourn flows --plot`` does it (with no tables)."""
    first, last = table["day"].min(), table["day"].max()
    first, last = (first, last) if first is not None else (day(0), day(3))
    write_outputs([], [(partial(save_chart, chart(table, first, last, top=top)), path)])


def test_plot_writes_a_png_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "flows.png"
    plot_flows(sample(), out, top=3)
    assert out.read_bytes().startswith(PNG_SIGNATURE)
    assert [p.name for p in tmp_path.iterdir()] == ["flows.png"]


def test_the_chart_draws_each_country_and_the_day_totals() -> None:
    table = sample()
    figure = _figure(table, ["TH", "VN"], day(0), day(20))
    present, moves = figure.axes
    drawn = {line.get_label(): line.get_ydata() for line in present.get_lines()}
    # a count per day, drawn as steps: no slope suggests a part of a person between two days
    assert {line.get_drawstyle() for line in present.get_lines()} == {"steps-mid"}
    for country in ("TH", "VN"):
        assert list(drawn[country]) == table.filter(pl.col("country") == country)[
            "present"].to_list()
    totals = table.group_by("day").agg(pl.col("arrivals", "departures").sum()).sort("day")
    arrivals, departures = moves.containers
    # departures below zero, so that the two never hide each other
    assert [bar.get_height() for bar in arrivals] == totals["arrivals"].to_list()
    assert [bar.get_height() for bar in departures] == [-d for d in totals["departures"]]
    assert any(totals["departures"]) and any(totals["arrivals"])


@pytest.mark.parametrize("last", [day(5), day(0)], ids=["days", "one day"])
def test_countries_with_the_same_counts_each_show_a_line_of_their_own(last: dt.date) -> None:
    # KZ, KG and AM have the same counts every day: drawn alike, the last line hid the others
    same = [(f"{c}{i}", c, day(0), day(2 + i)) for c in ("KZ", "KG", "AM") for i in range(2)]
    table_ = flows(table(same), day(0), last)
    present, _ = _figure(table_, ["AM", "KG", "KZ"], day(0), last).axes
    lines = sorted(present.get_lines(), key=lambda line: line.get_zorder())
    # the counts as they are, each a line of its own, none moved off its values
    assert [line.get_label() for line in lines] == ["AM", "KG", "KZ"]
    for line in lines:
        assert list(line.get_ydata()) == table_.filter(pl.col("country") == "AM")["present"
                                                                                  ].to_list()
    # each drawn on top of a wider one (whose edges show) in a style of its own
    widths = [line.get_linewidth() for line in lines]
    assert widths == sorted(widths, reverse=True) and len(set(widths)) == 3
    assert len({str(line.get_linestyle()) for line in lines}) == 3
    sizes = [line.get_markersize() for line in lines]  # one day: points, one on another
    assert sizes == sorted(sizes, reverse=True) and len(set(sizes)) == 3


def test_the_counts_axes_tick_whole_numbers_and_the_legend_sits_beside_the_lines() -> None:
    # three persons at most: left alone, matplotlib ticks 0.5, 1.5, 2.5 persons
    few = flows(table([("p1", "KZ", day(0), day(5)), ("p2", "KZ", day(1), day(3)),
                       ("p3", "KZ", day(2), day(4)), ("p4", "GE", day(0), day(2))]), day(0), day(5))
    figure = _figure(few, ["KZ", "GE"], day(0), day(5))
    figure.canvas.draw()
    for axes in figure.axes:
        ticks = [t for t in axes.get_yticks() if axes.get_ylim()[0] <= t <= axes.get_ylim()[1]]
        assert len(ticks) >= 2 and all(float(t).is_integer() for t in ticks), ticks
    present = figure.axes[0]
    legend = present.get_legend()
    assert legend is not None
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    # wholly right of the plotting area: no line can run under it
    assert legend.get_window_extent(renderer).x0 >= present.get_window_extent(renderer).x1


def test_the_moves_legend_covers_no_bar() -> None:
    # Five arrive on the first day, the busiest of the range: the legend, in the panel's upper
    # left corner, hid the top of that day's arrivals bar. Measured from the drawn figure.
    stays = [(f"p{i}", "KZ", day(0), day(10)) for i in range(5)] + [("q", "GE", day(3), day(6))]
    figure = _figure(flows(table(stays), day(0), day(10)), ["KZ", "GE"], day(0), day(10))
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    present, moves = figure.axes
    legend = moves.get_legend()
    assert legend is not None
    box = legend.get_window_extent(renderer)
    bars = [bar for bars in moves.containers for bar in bars if bar.get_height() != 0]
    assert bars[0].get_height() == 5  # the first day's arrivals, drawn
    assert not [bar.get_x() for bar in bars if bar.get_window_extent(renderer).overlaps(box)]
    # beside the panel, as the countries' legend is, and the two panels still line up by day
    assert box.x0 >= moves.get_window_extent(renderer).x1
    assert (present.get_window_extent(renderer).x0, present.get_window_extent(renderer).x1) == (
        moves.get_window_extent(renderer).x0, moves.get_window_extent(renderer).x1)


@pytest.mark.parametrize("stays", [
    [("p1", "KZ", day(0), day(20)), ("p2", "KZ", day(0), day(20))],  # flat: two all along
    [("p1", "KZ", day(3), day(3))],                                 # one person, one day
])
def test_a_flat_count_still_ticks_whole_numbers_from_zero(
        stays: list[tuple[str, str, dt.date, dt.date]]) -> None:
    # a constant count autoscaled to a span of a tenth: the integer locator gave up and
    # ticked 1.95, 2.025, ... persons, and the panel with no moves ±0.015 stays
    table_ = flows(table(stays), day(0), day(20))
    figure = _figure(table_, ["KZ"], day(0), day(20))
    figure.canvas.draw()
    present, moves = figure.axes
    assert present.get_ylim()[0] == 0
    for axes in (present, moves):
        low, high = axes.get_ylim()
        ticks = [t for t in axes.get_yticks() if low <= t <= high]
        assert len(ticks) >= 2 and all(float(t).is_integer() for t in ticks), ticks


@pytest.mark.parametrize(("top", "title"), [
    (3, "top 3 of 7 countries, "), (7, "7 countries, "), (20, "7 countries, ")])
def test_the_title_says_the_period_and_how_many_countries_the_lines_leave_out(
        top: int, title: str) -> None:
    figure = chart(sample(), day(0), day(20), top=top)
    assert figure.get_suptitle() == (
        f"Arrivals, departures and persons present, {title}{day(0)} to {day(20)}")
    one = flows(table([("p1", "KZ", day(0), day(5))]), day(0), day(5))
    assert chart(one, day(0), day(5)).get_suptitle() == (
        f"Arrivals, departures and persons present, {day(0)} to {day(5)}")


def test_a_failure_while_plotting_leaves_no_file(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from matplotlib.figure import Figure

    def fail_halfway(self: Figure, fname: Path, **kwargs: object) -> None:
        Path(fname).write_bytes(PNG_SIGNATURE)  # a half-written image, then the failure
        raise OSError("disk full")

    monkeypatch.setattr(Figure, "savefig", fail_halfway)
    with pytest.raises(InputError, match=r"flows.png: cannot be written \(disk full\); no "
                                         "output of this run was written"):
        plot_flows(sample(), tmp_path / "flows.png")
    assert list(tmp_path.iterdir()) == []


def test_plot_refuses_no_countries(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="top=0"):
        plot_flows(sample(), tmp_path / "flows.png", top=0)
    assert list(tmp_path.iterdir()) == []


def test_an_empty_table_is_drawn_as_empty_panels_that_say_so(tmp_path: Path) -> None:
    # no one in the range (or every row rejected): the run still writes its table, its
    # rejects and a chart, rather than failing for want of something to plot
    empty = flows(frames.empty(frames.STAYS), day(0), day(3))
    figure = chart(empty, day(0), day(3))
    assert [t.get_text() for t in figure.axes[0].texts] == [
        f"no one present in any country from {day(0)} to {day(3)}"]
    plot_flows(empty, tmp_path / "flows.png")
    assert (tmp_path / "flows.png").read_bytes().startswith(PNG_SIGNATURE)


def test_one_day_is_drawn_as_a_point_on_a_day_axis() -> None:
    one = flows(table([("p1", "KZ", day(0), day(5))]), day(2), day(2))
    present, moves = chart(one, day(2), day(2)).axes
    [line] = present.get_lines()
    assert line.get_marker() == "o"  # a step of one point alone draws nothing
    labels = [t.get_text() for t in moves.get_xticklabels()]
    assert str(day(2)) in labels and not any(":" in t for t in labels)  # days, not hours
