"""by_person: each person's rows together, in the order of the plain sort by text it stands in
for, whichever way it sorts them."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from sojourn.batch.inputs._persons import by_person

from test_properties import PROFILE

# ids that differ only late, only by length, or past an ASCII byte: the order of text is bytewise
ids = st.sampled_from(["a", "ab", "a b", "b", "B", "é", "z\u00e9", "P000000001",
                       "P000000002", "P0000000010", "a" * 40, "a" * 39 + "b", None])
days = st.integers(-5, 5) | st.sampled_from([-2**31, 2**31 - 1])  # Int32's ends too
rows = st.lists(st.tuples(ids, days, st.integers(0, 3)), max_size=40)


def frame(cells: list[tuple[str | None, int, int]], shuffled: bool) -> pl.DataFrame:
    table = pl.DataFrame(
        {"row": list(range(1, len(cells) + 1)), "person_id": [c[0] for c in cells],
         "entry": [c[1] for c in cells], "country": [c[2] for c in cells]},
        schema={"row": pl.Int64, "person_id": pl.String, "entry": pl.Int32,
                "country": pl.Int32})
    return table.reverse() if shuffled else table


def sorted_as_text(table: pl.DataFrame, within: pl.Expr) -> pl.DataFrame:
    """What by_person promises, by the plain sort on the id as text."""
    new = (pl.col("person_id") != pl.col("person_id").shift(1)).fill_null(True)
    return (table.sort(pl.col("person_id"), within, pl.col("row"))
            .with_columns(new.cum_sum().cast(pl.Int64).alias("_p"))
            .with_columns(same=~new))


ENTRY = pl.col("entry")


@settings(PROFILE, max_examples=200)
@example([(None, 1, 0), ("a", 2, 0), (None, 0, 0)], False, ENTRY)  # missing ids are no person
@given(rows, st.booleans(),
       st.sampled_from([ENTRY, pl.col("country").cast(pl.Int64) * 2**32
                        + (pl.col("entry").cast(pl.Int64) + 2**31)]))
def test_rows_come_by_person_within_and_row(cells: list[tuple[str | None, int, int]],
                                            shuffled: bool, within: pl.Expr) -> None:
    # in row order with an entry day (normalize's stays) the rows are sorted on one integer;
    # out of row order, with a missing id, or by a wider key (events), as text
    table = frame(cells, shuffled)
    assert_frame_equal(by_person(table, within), sorted_as_text(table, within))


@settings(PROFILE, max_examples=200)
@given(st.lists(st.tuples(ids.filter(lambda i: i is not None), days, st.integers(0, 3)),
                max_size=60))
def test_rows_of_known_ids_in_row_order_come_by_person_entry_and_row(
        cells: list[tuple[str, int, int]]) -> None:
    # as normalize gives stays: sorted on one integer, every time
    table = frame(cells, False)
    assert_frame_equal(by_person(table, ENTRY), sorted_as_text(table, ENTRY))


def test_two_ids_with_one_hash_are_still_two_persons(monkeypatch: pytest.MonkeyPatch) -> None:
    table = frame([("b", 1, 0), ("a", 2, 0), ("b", 0, 0), ("c", 1, 0), ("a", 1, 0)], False)
    monkeypatch.setattr(pl.Series, "hash",
                        lambda self, *args, **kwargs: pl.zeros(len(self), pl.UInt64, eager=True))
    monkeypatch.setattr(pl.Expr, "hash", lambda self, *args, **kwargs: pl.lit(0, pl.UInt64))
    assert_frame_equal(by_person(table, ENTRY), sorted_as_text(table, ENTRY))
