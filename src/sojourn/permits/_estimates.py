"""Why a day of a permit plan is an estimate: the working days it is counted over that the
holiday calendars do not know for sure."""

from __future__ import annotations

import datetime as dt

from sojourn.countries import country_name
from sojourn.dates import Unsure, WorkingCalendar
from sojourn.words import estimated_because

# What a day of the plan rests on that the holiday calendars do not know for sure (a holiday
# whose date the `holidays` package estimates, a year whose decree moving days off it does not
# know yet), as ``WorkingCalendar.unsure`` says it: for each calendar the day is counted or moved
# in (the host's offices', or the issuing state's for a document from home), its country and
# what it does not know. Empty: the day is exact.
Estimate = tuple[tuple[str, Unsure], ...]


def working_days_estimate(first: dt.date, last: dt.date | None, calendar: WorkingCalendar
                          ) -> Estimate:
    """Why a day is an estimate whose count rests on the working days of ``calendar`` from
    ``first`` to ``last`` (in either order): the days counted in working days, or passed over
    as closed; () when ``last`` is None (nothing passed over) or the calendar knows them all.
    An estimated holiday the day before them counts too: ``unsure`` takes in the day after
    them, as an estimate a day out may fall among them, and a count back meets that edge
    first."""
    if last is None or calendar.country is None:
        return ()
    unsure = calendar.unsure(min(first, last) - dt.timedelta(days=1), max(first, last))
    return () if unsure is None else ((calendar.country, unsure),)


def both(*estimates: Estimate) -> Estimate:
    """The estimates of a day counted from another day that was an estimate itself: one entry
    per calendar, its reasons joined."""
    joined: dict[str, Unsure] = {}
    for estimate in estimates:
        for country, unsure in estimate:
            joined[country] = joined[country].join(unsure) if country in joined else unsure
    return tuple(joined.items())


def estimate_words(estimate: Estimate) -> str:
    """Why a day of the plan is an estimate, as status says it of a registration deadline:
    each calendar's reasons ("it counts Eid al-Fitr as on 9 March 2027, ...")."""
    return ", and ".join(estimated_because(unsure, country_name(country))
                         for country, unsure in estimate)
