"""``--max-rejects``: how many rejected rows a scheduled run may have and still count as done.

A run with rejects exits 0, so a nightly export gone half bad would pass for a good one; a
limit, as bulk loaders give one (BigQuery's ``--max_bad_records``), makes such a run fail.
The limit is a number of rows or a share of the rows read, judged once every row is counted,
so that both engines judge the same figures and the rejects file lists every bad row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from sojourn.errors import InputError, Problem
from sojourn.words import listed_verb

OPTION = "--max-rejects"
FORM = ("a number of rows from 0 (none may be rejected), e.g. 100, or a share of the rows "
        "read from 0% to 100%, e.g. 0.5%")
_COUNT = re.compile(r"[0-9]+")
_SHARE = re.compile(r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)%")
# A count of more digits than this exceeds any log's rows; reading it as this many rows
# changes no judgement and keeps int() away from numbers too long for it.
_MOST_DIGITS = 19


@dataclass(frozen=True)
class RejectLimit:
    """At most ``rows`` rejected rows, or at most ``share`` percent of the rows read."""

    text: str                     # as the summary names it: "100", "0.5%"
    rows: int | None = None
    share: Fraction | None = None

    def exceeded(self, rejected: int, read: int) -> bool:
        """Whether ``rejected`` of ``read`` rows are more than the limit allows."""
        # exact: 29% of 100 rows allows 29, which 0.29 * 100 (28.999999999999996) would not
        if self.share is not None:
            return rejected * 100 > self.share * read
        return rejected > (self.rows or 0)

    def refusal(self, source: str, rejected: int, read: int, rejects_out: str,
                kept: list[str]) -> InputError:
        """The one-line error of a run whose rejects exceeded the limit: what was rejected, where
        to see why, and which outputs were left as they were."""
        share = f" ({self._shown(Fraction(rejected * 100, read))}%)" if read else ""
        return InputError(Problem(
            source, None, None, None,
            f"{rejected:,} of {read:,} rows rejected{share}, more than {OPTION} {self.text} "
            f"allows; the rejects are in {rejects_out}, and "
            f"{listed_verb(kept, 'was', 'were')} not written (any earlier one is kept)"))

    def _shown(self, share: Fraction) -> str:
        """``share`` to one decimal, or as many more as it takes not to look within the
        limit: 0.5004% of rows is not "0.5%" when the limit is 0.5%."""
        for places in range(1, 8):
            text = f"{float(share):.{places}f}"
            if self.share is None or Fraction(text) > self.share:
                return text
        return text


def parse(value: str | None) -> RejectLimit | None:
    """``--max-rejects``'s value, or None when it is not given (no limit)."""
    if value is None:
        return None
    text = value.strip()
    if _COUNT.fullmatch(text):
        digits = text.lstrip("0") or "0"
        rows = int(digits) if len(digits) <= _MOST_DIGITS else 10 ** _MOST_DIGITS
        return RejectLimit(digits, rows=rows)
    if _SHARE.fullmatch(text):
        share = Fraction(text[:-1])
        if share > 100:
            raise InputError(Problem(OPTION, None, None, value, "is more than 100%", FORM))
        return RejectLimit(text, share=share)
    number = text.removeprefix("-")
    numeric = _SHARE.fullmatch(number if number.endswith("%") else f"{number}%")
    if numeric and number != text:
        message = "is negative"
    elif numeric:
        message = "is not a whole number of rows (a share of them ends in %)"
    else:
        message = "is not a number of rows or a share of them"
    raise InputError(Problem(OPTION, None, None, value, message, FORM))
