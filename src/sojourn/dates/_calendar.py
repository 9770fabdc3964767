"""Working days of a host: Monday to Friday, less the host's public holidays."""

from __future__ import annotations

import datetime as dt
import re
import threading
from dataclasses import dataclass, field
from functools import cached_property

import holidays

from sojourn.dates._parse import format_long

# The `holidays` package's name for a weekday off in exchange for a weekend day worked
# ("Day off (substituted from 04/27/2024)"): a US date in a sentence of long dates, and a
# capital mid-sentence. No public holiday either: said as what it is.
_SUBSTITUTED = re.compile(r"Day off \(substituted from (\d\d)/(\d\d)/(\d{4})\)")


# How the package joins the names of two holidays on one day
HOLIDAY_SEPARATOR = "; "


def _label_pattern(label: str) -> re.Pattern[str]:
    """A name with the package's estimate label ("%s (estimated)"), the holiday's own name
    its group."""
    before, _, after = label.partition("%s")
    return re.compile(f"{re.escape(before)}(.+?){re.escape(after)}")


def _moved(match: re.Match[str]) -> str:
    month, day, year = (int(g) for g in match.groups())
    return _moved_from(dt.date(year, month, day))


def _moved_from(worked: dt.date) -> str:
    return f"a day off moved from {worked:%A} {format_long(worked)}"


@dataclass(frozen=True)
class Unsure:
    """What a count of working days rests on that the holiday calendar does not know for sure
    (a date ahead of the package's knowledge): the count, and a deadline from it, may move."""

    # holidays whose date the package estimates (an Eid, set by moon sighting), and their names
    estimated: tuple[tuple[dt.date, str], ...]
    # years counted whose decrees moving days off are not all known (``WorkingCalendar.unsure``
    # says when a year's are)
    decrees_unknown: tuple[int, ...]

    def join(self, other: Unsure) -> Unsure:
        """What two counts in the same calendar rest on together: a day counted back from a
        day that was itself an estimate is one for both reasons."""
        return Unsure(tuple(sorted({*self.estimated, *other.estimated})),
                      tuple(sorted({*self.decrees_unknown, *other.decrees_unknown})))


@dataclass(frozen=True)
class DecreedDays:
    """What the rule pack records of one host's decrees moving days off, laid over the
    `holidays` package's calendar: weekdays made days off (each with the weekend day worked
    instead, if any), the years whose decrees it records in full, and those it records only in
    part (``complete: false``)."""

    days_off: dict[dt.date, dt.date | None] = field(default_factory=dict)
    known_years: frozenset[int] = frozenset()
    partial_years: frozenset[int] = frozenset()

    @property
    def working_days(self) -> frozenset[dt.date]:
        """The Saturdays and Sundays worked instead of a day off."""
        return frozenset(w for w in self.days_off.values() if w is not None)


NO_DECREES = DecreedDays()


# The package's calendars made in each thread, by country: bounded by its few hundred codes
_made = threading.local()


def _package_calendar(country: str) -> holidays.HolidayBase | None:
    """The `holidays` package's calendar of ``country``, shared by every WorkingCalendar of it
    in the thread (None where the package has none): a new one loads its translations and
    works out each year it is asked of again, and a `report` asks of some forty calendars.
    The package fills in a year's days when first asked of them and changes nothing after,
    so sharing one is as asking a new one, but that filling in is not safe from two threads at
    once (a Dask worker runs two partitions in threads): each thread has its own."""
    made: dict[str, holidays.HolidayBase | None] = _made.__dict__.setdefault("by_country", {})
    if country not in made:
        try:
            made[country] = holidays.country_holidays(country)
        except NotImplementedError:
            # The package has no calendar for this country: weekends only, and say so.
            made[country] = None
    return made[country]


def forget_package_calendars() -> None:
    """Make this thread's package calendars anew when next asked: for a test that patches
    the package's records, whose calendars made before would not see the patch, and those
    made during it keep the patched days."""
    _made.__dict__.pop("by_country", None)


class WorkingCalendar:
    """Counts working days for one country, using the `holidays` package's calendar and, on
    top of it, the decrees moving days off that the rule pack records for the country."""

    def __init__(self, country: str | None, decreed: DecreedDays = NO_DECREES) -> None:
        self.country = country
        self.decreed = decreed
        self._worked_instead = decreed.working_days
        self._estimates_by_year: dict[int, bool] = {}

    @property
    def _holidays(self) -> holidays.HolidayBase | None:
        # asked of the thread each time, not kept: a calendar one thread made may be used by
        # another (a judge a Dask worker's two threads share)
        return None if self.country is None else _package_calendar(self.country)

    @property
    def knows_holidays(self) -> bool:
        return self._holidays is not None

    def is_working_day(self, day: dt.date) -> bool:
        """Monday to Friday less public holidays; with a calendar, also the Saturdays or
        Sundays a government declared working days (the package's ``weekend_workdays``). A
        day the pack's decrees move is as they say, whatever the package has: the pack's
        record is sourced and checked against the package (``rules validate`` warns where
        they differ), and it is how a decree the package lacks or has wrong gets in."""
        if day in self._worked_instead:
            return True
        if day in self.decreed.days_off:
            return False
        hol = self._holidays
        if hol is None:
            return day.weekday() < 5
        return bool(hol.is_working_day(day))

    def closed_because(self, day: dt.date) -> str | None:
        """Why offices are closed on ``day`` ("a Sunday", "Nowruz Holiday, a public holiday"),
        or None on a working day."""
        name = self._holiday(day)
        if name is None or _SUBSTITUTED.fullmatch(name):
            return self.closed_on(day)
        return f"{name}, a public holiday"

    def closed_on(self, day: dt.date) -> str | None:
        """What closes offices on ``day``, in short: the public holiday's name ("Nowruz
        Holiday"), else the day of the week ("a Sunday"); None on a working day."""
        if self.is_working_day(day):
            return None
        if day in self.decreed.days_off:
            worked = self.decreed.days_off[day]
            return _moved_from(worked) if worked else "a day off by decree"
        name = self._holiday(day)
        return _SUBSTITUTED.sub(_moved, name) if name else f"a {day:%A}"

    def _holiday(self, day: dt.date) -> str | None:
        """The public holiday closing offices on ``day``; a weekend day is named as such."""
        hol = self._holidays
        if (hol is None or day.weekday() >= 5 or self.is_working_day(day)
                or day in self.decreed.days_off):
            return None
        name = hol.get(day)
        return str(name) if name else None

    def unsure(self, first: dt.date, last: dt.date) -> Unsure | None:
        """What the working days from ``first`` to ``last`` rest on that the package does not
        know for sure, or None: an estimated holiday from ``first`` to the day after ``last``
        (an estimate is a day or so out, and one just outside the days may fall among them),
        and the years whose decrees moving days off are not all known (``decrees_known``)."""
        hol = self._holidays
        if hol is None:
            return None
        estimated: list[tuple[dt.date, str]] = []
        for n in range((last - first).days + 2):
            day = first + dt.timedelta(days=n)
            estimated.extend((day, name) for name in self._estimated_names(day))
        unknown = tuple(year for year in range(first.year, last.year + 1)
                        if not self.decrees_known(year))
        return Unsure(tuple(estimated), unknown) if estimated or unknown else None

    def decrees_known(self, year: int) -> bool:
        """Whether every decree moving days off in ``year`` is known. The pack's word settles
        it: a year it records in full (``complete: true``, ``decrees: none``) is known, one it
        records in part (``complete: false``) is not, whatever the package has. Else, in a host
        whose package calendar moves no days by decree (Tajikistan, Turkiye), every year is
        known; in one that does, a year up to the last the package records decrees for, and
        only once the package estimates none of that year's holidays: a host moves days off
        around an Eid by a decree made once its date is set (Uzbekistan's, after the year's
        first decree), so a year whose Eid the package still estimates may have decrees to
        come, even where the package records the year's first."""
        if year in self.decreed.known_years:
            return True
        if year in self.decreed.partial_years:
            return False
        latest = self._latest_decree_year
        return latest is None or (year <= latest and not self._estimates_in(year))

    @cached_property
    def _estimate_labels(self) -> list[re.Pattern[str]]:
        """The package's labels of an estimated holiday's name, none for a host without
        estimated holidays; the observed one first, lest "(observed, estimated)" be read as a
        name ending "(observed"."""
        hol = self._holidays
        if hol is None:
            return []
        return [_label_pattern(hol.tr(label))
                for label in (getattr(hol, "observed_estimated_label", None),
                              getattr(hol, "estimated_label", None))
                if isinstance(label, str)]

    def _estimated_names(self, day: dt.date) -> list[str]:
        """The holidays on ``day`` whose date the package estimates, by their own names."""
        hol = self._holidays
        if hol is None or not self._estimate_labels:
            return []
        names = []
        for name in str(hol.get(day) or "").split(HOLIDAY_SEPARATOR):
            match = next((m for m in (p.fullmatch(name) for p in self._estimate_labels) if m),
                         None)
            if match:
                names.append(match.group(1))
        return names

    def _estimates_in(self, year: int) -> bool:
        """Whether the package estimates the date of any of the host's holidays in ``year``."""
        if year not in self._estimates_by_year:
            hol = self._holidays
            if hol is not None:
                hol.get(dt.date(year, 1, 1))  # the package fills in a year asked a day of
            self._estimates_by_year[year] = hol is not None and any(
                self._estimated_names(day) for day in list(hol) if day.year == year)
        return self._estimates_by_year[year]

    @cached_property
    def _latest_decree_year(self) -> int | None:
        """The last year of the decrees moving days off the package knows for the host, or
        None where it knows none (a host that sets no such days, or not that it does). The
        package keeps them by year in ``special_public_holidays``, its record of one-year
        government decisions."""
        hol = self._holidays
        if hol is None or not getattr(hol, "has_substituted_holidays", False):
            return None
        years = getattr(hol, "special_public_holidays", None) or {}
        return max(years, default=None)

    def working_day_by(self, day: dt.date) -> dt.date:
        """The last working day on or before ``day``."""
        while not self.is_working_day(day):
            day -= dt.timedelta(days=1)
        return day

    def working_day_from(self, day: dt.date) -> dt.date:
        """The first working day on or after ``day``."""
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        """The ``count``-th working day after ``start`` (``start`` itself is not counted)."""
        return self._step_working_days(start, count, 1)

    def subtract_working_days(self, start: dt.date, count: int) -> dt.date:
        """The ``count``-th working day before ``start`` (``start`` itself is not counted)."""
        return self._step_working_days(start, count, -1)

    def _step_working_days(self, start: dt.date, count: int, step: int) -> dt.date:
        day = start
        remaining = count
        while remaining > 0:
            day += dt.timedelta(days=step)
            if self.is_working_day(day):
                remaining -= 1
        return day
