"""Dates: strict ISO parsing, the range of days judged, and working-day calendars."""

from sojourn.dates._calendar import NO_DECREES, DecreedDays, Unsure, WorkingCalendar
from sojourn.dates._parse import (
    FIRST_DAY,
    ISO_FORM,
    LAST_DAY,
    NOT_A_DATE,
    OUT_OF_RANGE,
    RANGE_FORM,
    check_in_range,
    column_order,
    date_hint,
    file_order,
    format_long,
    has_two_readings,
    months_after,
    order_hint,
    parse_iso_date,
    whole_years,
    within,
)

__all__ = ["FIRST_DAY", "ISO_FORM", "LAST_DAY", "NOT_A_DATE", "NO_DECREES", "OUT_OF_RANGE",
           "RANGE_FORM", "DecreedDays", "Unsure", "WorkingCalendar", "check_in_range",
           "column_order", "date_hint", "file_order", "format_long", "has_two_readings",
           "months_after", "order_hint", "parse_iso_date", "whole_years", "within"]
