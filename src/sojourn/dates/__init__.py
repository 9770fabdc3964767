"""Dates: strict ISO parsing, day ordinals, and working-day calendars."""

from sojourn.dates._calendar import WorkingCalendar
from sojourn.dates._parse import ISO_FORM, format_long, parse_iso_date

__all__ = ["ISO_FORM", "WorkingCalendar", "format_long", "parse_iso_date"]
