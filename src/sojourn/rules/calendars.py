"""The pack's record of decrees moving days off (``calendars:``): checks, and the days it lays
over the `holidays` package's calendar of a host."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from functools import cache
from importlib.metadata import version
from typing import TYPE_CHECKING

import holidays

from sojourn.dates import DecreedDays
from sojourn.errors import Problem
from sojourn.rules.schema import DecreeYear

if TYPE_CHECKING:
    from sojourn.rules.loader import Located


def decreed_days(calendars: Sequence[DecreeYear], host: str) -> DecreedDays:
    """The days off the pack's decrees set for ``host``, and the years it records in full and
    in part."""
    mine = [c for c in calendars if c.host == host]
    return DecreedDays(
        days_off={d.day: d.worked_instead for c in mine for x in c.decrees for d in x.days_off},
        known_years=frozenset(c.year for c in mine if c.known),
        partial_years=frozenset(c.year for c in mine if not c.known))


def _days(entry: DecreeYear) -> Iterator[tuple[tuple[str | int, ...], dt.date, str]]:
    """Each day an entry names, where it is, and what it is (a day off, a day worked)."""
    for i, decree in enumerate(entry.decrees):
        for j, day in enumerate(decree.days_off):
            yield ("decrees", i, "days_off", j, "day"), day.day, "day off"
            if day.worked_instead is not None:
                yield (("decrees", i, "days_off", j, "worked_instead"), day.worked_instead,
                       "day worked instead")


def calendar_checks(calendars: Sequence[DecreeYear], where: dict[str, Located]) -> list[Problem]:
    """Problems of the record as a whole: a host's year given twice, a day off outside its
    year (a slip of the year would move a day a year away), a day named twice."""
    problems = []
    years: dict[tuple[str, int], str] = {}
    named: dict[tuple[str, dt.date], str] = {}
    for entry in calendars:
        at = where[entry.id]
        first = years.setdefault((entry.host, entry.year), entry.id)
        if first != entry.id:
            problems.append(Problem(
                at.file, *at.at("year"), entry.year,
                f"is already recorded for {entry.host} by {first}",
                "one entry per host and year, holding all of the year's decrees"))
            continue
        for loc, day, what in _days(entry):
            if what == "day off" and day.year != entry.year:
                problems.append(Problem(
                    at.file, *at.at(*loc), day.isoformat(),
                    f"is not in {entry.year}, the year of {entry.id}",
                    f"a day off in {entry.year}, or the day under the entry of its own year"))
            elif abs(day.year - entry.year) > 1:
                problems.append(Problem(
                    at.file, *at.at(*loc), day.isoformat(),
                    f"is more than a year away from {entry.year}, the year of {entry.id}",
                    f"a Saturday or Sunday in {entry.year} or a year either side"))
            key = (entry.host, day)
            if key in named:
                problems.append(Problem(
                    at.file, *at.at(*loc), day.isoformat(),
                    f"is already named by {named[key]}",
                    "each day once: a day off, or a weekend day worked instead of one"))
            named.setdefault(key, f"{entry.id} as a {what}")
    return problems


def package_conflicts(calendars: Sequence[DecreeYear], where: dict[str, Located]) -> list[Problem]:
    """Where the pack and the `holidays` package both record a host's decrees for a year and
    differ: the pack's days are used (WorkingCalendar), so the difference is told, as a
    warning, for someone to read the decree again and correct the pack or report the
    package's slip."""
    problems = []
    for entry in calendars:
        package = _package_decrees(entry.host, entry.year)
        if package is None:
            continue
        at = where[entry.id]
        ours = {(loc, day, what) for loc, day, what in _days(entry)}
        theirs_off = {off for off, _ in package}
        theirs_worked = {worked for _, worked in package if worked is not None}
        listed = ", ".join(f"{off}" + (f" for {w}" if w else "") for off, w in sorted(
            package, key=lambda p: p[0])) or "none"
        why = (f"the holidays package {version('holidays')} records {entry.host}'s decrees "
               f"of {entry.year} too, with these days off: {listed}; the pack's days are used")
        for loc, day, what in sorted(ours, key=lambda x: x[1]):
            theirs = theirs_off if what == "day off" else theirs_worked
            if day not in theirs:
                problems.append(Problem(at.file, *at.at(*loc), day.isoformat(),
                                        f"is no {what} there: {why}",
                                        "the same days as the package, once the decree is "
                                        "read again"))
        if entry.known:
            ours_off = {day for _, day, what in ours if what == "day off"}
            missing = sorted(theirs_off - ours_off)
            if missing:
                problems.append(Problem(
                    at.file, *at.at("complete" if entry.decrees else "decrees"),
                    ", ".join(map(str, missing)),
                    f"are days off the package has that {entry.id}, which says it holds all "
                    f"the year's decrees, does not: {why}",
                    "every day off of the year's decrees, or complete: false"))
    return problems


@cache
def _package_decrees(host: str, year: int) -> frozenset[tuple[dt.date, dt.date | None]] | None:
    """The days off the `holidays` package's one-year decrees give ``host`` in ``year``, each
    with the day worked (or no longer off) instead; None where it records none that year."""
    try:
        calendar = holidays.country_holidays(host)
    except NotImplementedError:
        return None
    given = (getattr(calendar, "special_public_holidays", None) or {}).get(year)
    if not given:
        return None
    items = (given,) if isinstance(given[0], int) else given
    out = set()
    for item in items:
        month, day, *rest = item
        worked = None
        # (month, day, name) adds a day off; (month, day, from month, from day[, from year])
        # moves one from the day worked instead
        if len(rest) >= 2 and isinstance(rest[0], int):
            worked = dt.date(rest[2] if len(rest) > 2 else year, rest[0], rest[1])
        out.add((dt.date(year, month, day), worked))
    return frozenset(out)
