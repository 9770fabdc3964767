"""Day arithmetic of a permit plan: lead times counted back and forward in working or
calendar days, the issue day, and why offices are closed on the days passed over."""

from __future__ import annotations

import datetime as dt

from sojourn.countries import country_name
from sojourn.dates import WorkingCalendar, format_long
from sojourn.permits._estimates import Estimate, both, working_days_estimate
from sojourn.rules.topics import Requirement
from sojourn.words import listed, run_of_days


def issue_day(file_on: dt.date, days: int, unit: str, office: WorkingCalendar) -> dt.date:
    """The day a permit filed on ``file_on`` would be issued, ``days`` later in ``unit``."""
    if unit == "calendar":
        return file_on + dt.timedelta(days=days)
    return office.add_working_days(file_on, days)


def in_time_by(ends: dt.date, days: int, unit: str, office: WorkingCalendar
               ) -> tuple[dt.date, Estimate]:
    """The last working day on which to file so that the permit is issued by ``ends``, and
    why it is an estimate."""
    if unit == "calendar":
        counted = ends - dt.timedelta(days=days)
        day = office.working_day_by(counted)
        return day, working_days_estimate(day, counted if counted != day else None, office)
    day = _back(office.working_day_by(ends), days, "working", office)
    return day, working_days_estimate(day, ends, office)


def _back(day: dt.date, lead: int, unit: str, calendar: WorkingCalendar) -> dt.date:
    if unit == "calendar":
        return day - dt.timedelta(days=lead)
    return calendar.subtract_working_days(day, lead)


def latest_start(file_on: dt.date, req: Requirement, calendar: WorkingCalendar, filing: Estimate
                 ) -> tuple[dt.date, dt.date | None, str | None, Estimate]:
    """The last working day to start getting ``req`` to file on ``file_on``, the day counted
    when the offices are closed on it (else None), why they are, and why the day is an
    estimate (``filing``: why ``file_on`` is one, which the day counted back from it is too)."""
    assert req.lead_days is not None
    counted = _back(file_on, req.lead_days, req.lead_unit, calendar)
    start = calendar.working_day_by(counted)
    # in calendar days, only the closed days passed to a working day rest on the calendar
    over = file_on if req.lead_unit == "working" else counted if counted != start else None
    estimate = both(filing, working_days_estimate(start, over, calendar))
    if counted == start:
        return start, None, None, estimate
    return start, counted, why_closed(start + dt.timedelta(days=1), counted, calendar), estimate


def forward(day: dt.date, lead: int, unit: str, calendar: WorkingCalendar) -> dt.date:
    """The first day from which ``_back`` by ``lead`` reaches no earlier than ``day``."""
    if unit == "calendar":
        return day + dt.timedelta(days=lead)
    out = day
    while lead > 0:
        if calendar.is_working_day(out):
            lead -= 1
        out += dt.timedelta(days=1)
    return out


def step_calendar(req: Requirement, office: WorkingCalendar, home: WorkingCalendar
                  ) -> WorkingCalendar:
    """The working days a step counts in: the issuing state's (``home``) for a document from
    the person's own state, else the host's offices'."""
    return home if req.issued_by == "citizenship" else office


def why_closed(first: dt.date, last: dt.date, calendar: WorkingCalendar) -> str:
    """Why the offices of ``calendar`` are closed from ``first`` to ``last`` (closed days,
    each of them), in a sentence: every day a move to a working day passes is named."""
    where = f" in {country_name(calendar.country)}" if calendar.country else ""
    if first == last:
        return f"{format_long(first)} is {calendar.closed_because(first)}{where}"
    why: list[str] = []
    for n in range((last - first).days + 1):
        name = calendar.closed_on(first + dt.timedelta(days=n))
        if name is not None and name not in why:
            why.append(name)
    return f"{run_of_days(first, last, both=True)} are closed{where}: {listed(why)}"
