"""The stay engine: constraint kinds, day-exact evaluation and planning on spans."""

from sojourn.engine.answer import (
    Answer,
    LimitFigures,
    LimitName,
    MissedRegistration,
    Registration,
    Violation,
)
from sojourn.engine.evaluate import Case, RegistrationInForce, status
from sojourn.engine.kinds import (
    CalendarYear,
    Constraint,
    Limit,
    PerEntry,
    Rolling,
)
from sojourn.engine.kinds import (
    Registration as RegistrationRule,
)
from sojourn.engine.scan import InForce

__all__ = [
    "Answer",
    "CalendarYear",
    "Case",
    "Constraint",
    "InForce",
    "Limit",
    "LimitFigures",
    "LimitName",
    "MissedRegistration",
    "PerEntry",
    "Registration",
    "RegistrationInForce",
    "RegistrationRule",
    "Rolling",
    "Violation",
    "status",
]
