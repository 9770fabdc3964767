"""Strict ISO 8601 calendar dates (YYYY-MM-DD) and their human rendering."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Mapping

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
# in either order around a year (02.12.2026, 2/12/2026, 12-02-2026, 02.12.26), the year first
# with another separator or no zero (2026/12/02, 2026-12-2), and a month's name, English or
# Russian, or its first letters, either side of the day (2 Dec 2026, December 2, 2026,
# 02-DEC-2026, 2 декабря 2026 г., 2 дек. 26); a month's name and a year alone (декабрь 2026)
# name a month, and are told its days.
_NUMBERS = re.compile(r"([0-9]{1,2})([./-])([0-9]{1,2})\2([0-9]{4}|[0-9]{2})")
_YEAR_FIRST = re.compile(r"([0-9]{4})([./-])([0-9]{1,2})\2([0-9]{1,2})")
_WORD = r"([a-zа-я]{3,9})\.?"
_DAY_NAMED = re.compile(
    rf"([0-9]{{1,2}})(?:st|nd|rd|th)?[ ./-]*{_WORD}[ ,./-]*([0-9]{{4}}|[0-9]{{2}})")
# the year of four digits only: in "December 26" the number is the day
_NAMED_DAY = re.compile(rf"{_WORD}[ ./-]*([0-9]{{1,2}})(?:st|nd|rd|th)?[ ,./-]*([0-9]{{4}})")
_NAMED_MONTH = re.compile(rf"{_WORD}[ ,./-]*([0-9]{{4}})")
# Russian writes the word for year after one, whole or cut: 2 декабря 2026 г., 02.12.2026 года
_YEAR_WORD = re.compile(r"(?<=[0-9])\s*(?:г\.?|года)$")
# Each month's names, in full: English, and Russian as said alone (декабрь) and of a day
# (2 декабря). A word names a month when it begins one of its names and no other month's,
# three letters at least: Dec, Sept, дек., февр., нояб.; май and мая are names in full.
_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    number: (calendar.month_name[number].lower(), alone, of_a_day)
    for number, alone, of_a_day in zip(range(1, 13), (
        "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
        "октябрь", "ноябрь", "декабрь"), (
        "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
        "октября", "ноября", "декабря"), strict=True)}
# A year of two digits is read as C's and Python's strptime read %y (POSIX): 69 to 99 as 1969
# to 1999, 00 to 68 as 2000 to 2068, so that a birth (85) and the end of a passport or a
# permit (36) are both told in the century meant; the date shown in full says which it took.
_CENTURY_PIVOT = 69


def _month(word: str) -> int | None:
    """The month ``word`` names, or None if it names none or more than one."""
    months = {number for number, names in _MONTH_NAMES.items()
              for name in names if name.startswith(word)}
    return months.pop() if len(word) >= 3 and len(months) == 1 else None


def _year(digits: str) -> int:
    """The year written ``digits``: four as they are, two as :data:`_CENTURY_PIVOT` says."""
    year = int(digits)
    if len(digits) == 4:
        return year
    return year + (1900 if year >= _CENTURY_PIVOT else 2000)


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
    text = _YEAR_WORD.sub("", text.strip().lower())
    if found := _NUMBERS.fullmatch(text):
        first, second, year = int(found[1]), int(found[3]), _year(found[4])
        both = [_day(year, second, first), _day(year, first, second)]
        return [d for i, d in enumerate(both) if d is not None and d not in both[:i]]
    if found := _YEAR_FIRST.fullmatch(text):
        day = _day(int(found[1]), int(found[3]), int(found[4]))
        return [day] if day else []
    for pattern, day_group, month_group in ((_DAY_NAMED, 1, 2), (_NAMED_DAY, 2, 1)):
        found = pattern.fullmatch(text)
        month = _month(found[month_group]) if found else None
        if found and month:
            day = _day(_year(found[3]), month, int(found[day_group]))
            return [day] if day else []
    return []


def _month_named(text: str) -> dt.date | None:
    """The first day of the month ``text`` names by its name and year alone (декабрь 2026,
    Dec. 2026), if sojourn judges it; None for any other text."""
    found = _NAMED_MONTH.fullmatch(_YEAR_WORD.sub("", text.strip().lower()))
    month = _month(found[1]) if found else None
    return _day(int(found[2]), month, 1) if found and month else None


def date_hint(text: str) -> str:
    """ "; did you mean 2026-12-02 (2 December) or 2026-02-12 (12 February)?" for a date
    written in another form than YYYY-MM-DD: both readings where the day and the month could
    be either, the one where only one is a date; a month named with its year and no day is
    told its days ("; did you mean a day of December 2026, 2026-12-01 to 2026-12-31?"); ""
    for text that reads as no date."""
    if readings := _readings(text):
        said = " or ".join(f"{day.isoformat()} ({day.day} {day:%B})" for day in readings)
        return f"; did you mean {said}?"
    if first := _month_named(text):
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        return f"; did you mean a day of {first:%B %Y}, {first} to {last}?"
    return ""


def _settled_order(text: str) -> str | None:
    """"day" for a date written in numbers that reads only with the day first (24.09.2022),
    "month" for one that reads only with the month first (09/24/2022), else None."""
    found = _NUMBERS.fullmatch(_YEAR_WORD.sub("", text.strip().lower()))
    if not found:
        return None
    first, second, year = int(found[1]), int(found[3]), _year(found[4])
    if first > 12 and _day(year, second, first):
        return "day"
    if second > 12 and _day(year, first, second):
        return "month"
    return None


def column_order(values: Iterable[str], column: str | None = None) -> str:
    """ "; the column writes the day first: 24.09.2022 reads no other way" when a cell of
    ``values`` (a column's cells written in another form) reads only with the day first and
    none only with the month first; the month first likewise; both when the column has both;
    "" when no cell settles it. With ``column``, the column is named: "; the exit column ...".

    What a column's other cells say of one like 02.12.2026, whose own hint gives two
    readings; no cell is read by it: a whole column may be converted, a row is not guessed."""
    seen: dict[str, str] = {}
    for value in values:
        order = _settled_order(value)
        if order and order not in seen:
            seen[order] = value.strip()
            if len(seen) == 2:
                break
    which = "the column" if column is None else f"the {column} column"
    if len(seen) == 2:
        return (f"; {which} writes the day first in some cells ({seen['day']}) and the "
                f"month first in others ({seen['month']})")
    for order, value in seen.items():
        return f"; {which} writes the {order} first: {value} reads no other way"
    return ""


def file_order(field: str, columns: Mapping[str, Iterable[str]]) -> str:
    """What a file's date ``columns`` (each column's name and its cells written in another
    form) say of the order of day and month in the column ``field``: its own cells'
    :func:`column_order`, or, when none of them settles it, the first other column's whose
    cells do, naming it ("; the entry column writes the day first: 24.09.2022 reads no other
    way"), as a file is exported in one form throughout; "" when no cell settles it."""
    if own := column_order(columns.get(field, ())):
        return own
    for other, cells in columns.items():
        if other != field and (said := column_order(cells, other)):
            return said
    return ""


def order_hint(value: str, field: str, columns: Mapping[str, Iterable[str]]) -> str:
    """:func:`file_order` for a cell ``value`` of the column ``field`` whose day and month
    could be either (02.12.2026), told after its own :func:`date_hint`; "" for any other."""
    return file_order(field, columns) if has_two_readings(value) else ""


def has_two_readings(text: str) -> bool:
    """Whether ``text`` is a date whose day and month could be either (02.12.2026)."""
    return len(_readings(text)) > 1


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
        raise ValueError("is not a calendar date" + _why_no_day(text)) from None


def _why_no_day(text: str) -> str:
    """Why ``text``, shaped YYYY-MM-DD, names no day: ": there is no month 13; did you mean
    2026-01-13 (13 January)?" (the day and the month swapped, as a hint only), or ": February
    2023 has 28 days". "is not a calendar date" alone left the user to find which part was
    wrong, and a leap day in another year looks right at a glance."""
    year, month, day = (int(part) for part in text.split("-"))
    if not 1 <= month <= 12:
        swapped = _day(year, day, month)
        hint = f"; did you mean {swapped} ({swapped.day} {swapped:%B})?" if swapped else ""
        return f": there is no month {month:02}{hint}"
    if day < 1:
        return f": there is no day {day:02}"
    if year < 1:  # no year 0 in the calendar Python counts in
        return ""
    last = calendar.monthrange(year, month)[1]
    return f": {calendar.month_name[month]} {year} has {last} days"


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
