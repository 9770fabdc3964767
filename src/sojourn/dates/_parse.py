"""Strict ISO 8601 calendar dates (YYYY-MM-DD) and their human rendering."""

from __future__ import annotations

import datetime as dt
import re

ISO_FORM = "an ISO 8601 date YYYY-MM-DD, e.g. 2023-01-27"
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


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


def format_long(day: dt.date) -> str:
    """'7 September 2023': the form the human answers use."""
    return f"{day.day} {day:%B %Y}"
