"""Ranges of person ids, as both engines cut a log into parts: a person is never split, the
ranges follow the ids' sorted order, and the cuts balance the rows."""

from __future__ import annotations

from pathlib import Path

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from sojourn.batch.ranges import cuts, range_of, sample

ids = st.lists(st.one_of(st.none(), st.text(max_size=4)), max_size=60)


@given(ids=ids, sampled=st.lists(st.text(max_size=4), max_size=20),
       ranges=st.integers(1, 6))
def test_ranges_keep_each_id_whole_and_follow_the_sorted_ids(
        ids: list[str | None], sampled: list[str], ranges: int) -> None:
    cut_points = cuts(pl.Series(sampled, dtype=pl.String), ranges)
    assert cut_points == sorted(cut_points)
    assert len(cut_points) == (ranges - 1 if sampled else 0)
    frame = pl.DataFrame({"id": ids}, schema={"id": pl.String}).with_columns(
        r=range_of(pl.col("id"), cut_points))
    assert frame.height == len(ids)
    for row in frame.iter_rows(named=True):
        # the number of cuts at or below the id (bytewise, as polars sorts text); 0 if none
        expected = (0 if row["id"] is None
                    else sum(c.encode() <= row["id"].encode() for c in cut_points))
        assert row["r"] == expected
    # sorted by id, the ranges never go down: parts joined in range order are sorted
    by_id = frame.drop_nulls("id").sort("id").get_column("r")
    assert by_id.is_sorted()


def test_cuts_split_rows_about_evenly_and_nulls_go_to_the_first_range() -> None:
    frame = pl.DataFrame({"id": [f"p{i % 5_000:05d}" for i in range(40_000)] + [None] * 7})
    cut_points = cuts(frame.get_column("id").sample(10_000, seed=1), 4)
    counts = (frame.select(range_of(pl.col("id"), cut_points).alias("r"))
              .group_by("r").len().sort("r"))
    assert counts["r"].to_list() == [0, 1, 2, 3]
    assert counts["len"].max() < 1.1 * 40_000 / 4  # type: ignore[operator]
    assert frame.filter(pl.col("id").is_null()).select(
        range_of(pl.col("id"), cut_points)).to_series().to_list() == [0] * 7


def test_no_id_at_all_is_one_range_of_every_row() -> None:
    nothing = pl.Series("id", [None, None, None], dtype=pl.String)
    assert cuts(nothing, 3) == []
    assert (nothing.to_frame().select(range_of(pl.col("id"), [])).to_series().to_list()
            == [0, 0, 0])


def test_sample_reads_every_nth_id_of_a_file(tmp_path: Path) -> None:
    path = tmp_path / "log.parquet"
    pl.DataFrame({"person_id": [f"p{i}" for i in range(1_000)], "x": range(1_000)}
                 ).write_parquet(path)
    got = sample(pl.scan_parquet(path), 1_000, size=100)
    assert got.to_list() == [f"p{i}" for i in range(0, 1_000, 10)]
    assert sample(pl.scan_parquet(path), 1_000, size=5_000).len() == 1_000
