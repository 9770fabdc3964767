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
NOT_A_DATE = "is not a date"


# Dates people write in other forms, read only to say what they probably meant: day and month
# in either order around a 4-digit year (02.12.2026, 2/12/2026, 12-02-2026), the year first
# with another separator or no zero (2026/12/02, 2026-12-2), and an English month's name or
# its first three letters either side of the day (2 Dec 2026, December 2, 2026, 02-DEC-2026)
_NUMBERS = re.compile(r"([0-9]{1,2})([./-])([0-9]{1,2})\2([0-9]{4})")
_YEAR_FIRST = re.compile(r"([0-9]{4})([./-])([0-9]{1,2})\2([0-9]{1,2})")
_DAY_NAMED = re.compile(r"([0-9]{1,2})(?:st|nd|rd|th)?[ ./-]*([a-z]{3,9})\.?[ ,./-]*([0-9]{4})")
_NAMED_DAY = re.compile(r"([a-z]{3,9})\.?[ ./-]*([0-9]{1,2})(?:st|nd|rd|th)?[ ,./-]*([0-9]{4})")
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name[:3]: number for name, number in list(_MONTHS.items())} | {"sept": 9}


def _day(year: int, month: int, day: int) -> dt.date | None:
    """The date of those numbers, if it is one sojourn judges."""
    try:
        found = dt.date(year, month, day)
    except ValueError:
        return None
    return found if FIRST_DAY <= found <= LAST_DAY else None


def _readings(text: str) -> list[dt.date]:
    """The dates ``text`` may mean, written in a form other than YYYY-MM-DD: the day first
    reading before the month first one, as the hosts' and Russia's own forms put the day
    first; none for text in no form a date is written in."""
    text = text.strip().lower()
    if found := _NUMBERS.fullmatch(text):
        first, second, year = int(found[1]), int(found[3]), int(found[4])
        both = [_day(year, second, first), _day(year, first, second)]
        return [d for i, d in enumerate(both) if d is not None and d not in both[:i]]
    if found := _YEAR_FIRST.fullmatch(text):
        day = _day(int(found[1]), int(found[3]), int(found[4]))
        return [day] if day else []
    for pattern, day_group, month_group in ((_DAY_NAMED, 1, 2), (_NAMED_DAY, 2, 1)):
        found = pattern.fullmatch(text)
        if found and found[month_group] in _MONTHS:
            day = _day(int(found[3]), _MONTHS[found[month_group]], int(found[day_group]))
            return [day] if day else []
    return []


def date_hint(text: str) -> str:
    """ "; did you mean 2026-12-02 (2 December) or 2026-02-12 (12 February)?" for a date
    written in another form than YYYY-MM-DD: both readings where the day and the month could
    be either, the one where only one is a date; "" for text that reads as no date."""
    readings = _readings(text)
    if not readings:
        return ""
    said = " or ".join(f"{day.isoformat()} ({day.day} {day:%B})" for day in readings)
    return f"; did you mean {said}?"


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
        raise ValueError(NOT_A_DATE + date_hint(text))
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
