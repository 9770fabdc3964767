"""One trick the batch modules share: a running maximum within runs of rows, without a window.

A window function (``over``) hashes its keys and is slow over millions of small groups. On a
frame sorted into runs instead, each run's values are lifted above every earlier run's by the
run's number, so that one running maximum over the whole frame never carries a value across
the start of a run.
"""

from __future__ import annotations

import polars as pl

_LIFT = 1 << 32  # values are 32-bit signed integers: day numbers, counts, flags
_FLOOR = 1 << 31


def running_max(value: pl.Expr, run: pl.Expr) -> pl.Expr:
    """The largest ``value`` so far within each run, on rows sorted so that ``run`` (a run
    number or person key, non-negative) never decreases and values fit in 32 bits."""
    floor = run.cast(pl.Int64) * _LIFT + _FLOOR
    return (value.cast(pl.Int64) + floor).cum_max() - floor
