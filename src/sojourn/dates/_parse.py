"""Strict ISO 8601 calendar dates (YYYY-MM-DD) and their human rendering."""

from __future__ import annotations

import calendar
import datetime as dt
import re

ISO_FORM = "an ISO 8601 date YYYY-MM-DD, e.g. 2023-01-27"
# ASCII digits only: \d takes any script's (２０２３-01-01), which was then told as "not a
# calendar date", as if its month or day were wrong
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# The days sojourn judges, in options, histories, logs and the pack alike: the engine works out
# dates a century and more on from any of them, treats 9000-01-01 as "open-ended", and the
# calendar ends with 9999. A trip in the year 8999 would be judged wrongly, so it is refused.
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2999, 12, 31)
OUT_OF_RANGE = "is outside the days sojourn judges"
RANGE_FORM = f"a date from {FIRST_DAY} to {LAST_DAY}"


def parse_iso_date(value: object) -> dt.date:
    """Return the date ``value`` names; raise ValueError unless it is exactly YYYY-MM-DD.

    ``date.fromisoformat`` alone would also accept week dates and compact forms, which people
    do not mean in a travel history, so the shape is checked first.
    """
    if isinstance(value, dt.datetime):
        raise ValueError("is a date and time, not a date")
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not _ISO.fullmatch(text):
        raise ValueError("is not a date")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError("is not a calendar date") from None


def within(day: dt.date, first: dt.date | None, last: dt.date | None) -> bool:
    """Whether ``day`` lies from ``first`` to ``last``, both days included; an end left out
    (None) is open. The one reading of a dated span, a rule's, a membership's or a profile's."""
    return (first is None or first <= day) and (last is None or day <= last)


def check_in_range(day: dt.date) -> dt.date:
    """``day``, or ValueError(:data:`OUT_OF_RANGE`) unless FIRST_DAY <= day <= LAST_DAY."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(OUT_OF_RANGE)
    return day


def format_long(day: dt.date) -> str:
    """'7 September 2023': the form the human answers use."""
    return f"{day.day} {day:%B %Y}"


def whole_years(born: dt.date, day: dt.date) -> int:
    """A person's age in whole years on ``day``: a birthday on 29 February comes on 1 March in
    a year without one."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later (earlier if negative), or that month's
    last day where it is shorter (31 January + 1 month: 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month,
                       day=min(day.day, calendar.monthrange(year, month)[1]))
