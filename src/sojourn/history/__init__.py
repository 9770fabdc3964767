"""Travel histories: file formats, validation, and presence."""

from sojourn.history.load import CSV_COLUMNS, FORMATS, load_history
from sojourn.history.models import ProfileIn, TripIn
from sojourn.history.presence import History, Stay, build_history

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "History",
    "ProfileIn",
    "Stay",
    "TripIn",
    "build_history",
    "load_history",
]
