"""The batch engines' grading of an overstay and the end of its ban, day for day as the scalar
engine's (penalties.Offence.months, EntryBan.ends_on), on dates across month ends and leap
days, where a slip by one day changes the band."""

from __future__ import annotations

import datetime as dt

import polars as pl
from hypothesis import example, given
from hypothesis import strategies as st

from sojourn.batch.bans import _ban_end, _months_over
from sojourn.penalties import Offence
from sojourn.rules.topics import EntryBan

from test_properties import PROFILE

DAYS = st.dates(dt.date(2022, 1, 1), dt.date(2031, 12, 31))


@PROFILE
@given(first=DAYS, length=st.one_of(st.integers(0, 70), st.integers(0, 2000)))
@example(first=dt.date(2023, 1, 31), length=28)  # to 28 February: month 2 begins
@example(first=dt.date(2023, 3, 1), length=30)  # to 31 March: still month 1
def test_months_over_are_the_offences(first: dt.date, length: int) -> None:
    last = first + dt.timedelta(days=length)
    got = pl.select(_months_over(pl.lit(first), pl.lit(last))).item()
    assert got == Offence("overstay", first, last).months


BANS = st.sampled_from([EntryBan(days=90), EntryBan(months=1), EntryBan(months=6),
                        EntryBan(years=1), EntryBan(years=3), EntryBan(years=10)])


@PROFILE
@given(left=DAYS, ban=BANS)
@example(left=dt.date(2024, 2, 29), ban=EntryBan(years=1))  # to 27 February 2025
@example(left=dt.date(2023, 1, 31), ban=EntryBan(months=1))  # to 27 February
def test_a_ban_ends_as_the_scalar_engine_ends_it(left: dt.date, ban: EntryBan) -> None:
    got = pl.select(_ban_end(ban, pl.lit(left))).item()
    assert got == ban.ends_on(left).toordinal()  # type: ignore[union-attr]
