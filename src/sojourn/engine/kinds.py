"""The engine's whole vocabulary of stay constraints (DESIGN.md, "Canonical stay semantics").

Rule packs and ``--rule`` specs both produce these models; the engine knows no country.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from sojourn.dates import format_long
from sojourn.history.models import OptionalDate
from sojourn.words import count

if TYPE_CHECKING:
    from sojourn.dates import WorkingCalendar

# A count of days no rule gives more of: a century. It keeps every day the engine works out
# from a rule within the calendar (a window of a billion days would overflow it).
# Strict: YAML's true is no number of days (lax pydantic would read it as 1).
MAX_DAYS = 36_525
Days = Annotated[int, Field(ge=1, le=MAX_DAYS, strict=True)]
# Who registers a stay (Registration.registrant)
Registrant = Literal["self", "host", "host_guest_liable"]
# The answers' words for the registrant "host": everywhere else in them the host is the
# country, so "your host must register you" read as the state's duty, not the landlord's
HOUSER = "whoever houses you (landlord, hotel)"


class _Kind(BaseModel):
    # validators built on first use: a command whose pack comes from the cache (rules/stored.py)
    # never builds most of them
    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")


# A constraint's own last day, where it stops applying before its rule does (a transitional
# limit that a later one makes redundant): its days in force end there (stay.pack_regime), in
# both engines. Each kind declares it last, so that a field list reads kind, max, ... valid_to.
LastDay = OptionalDate


class Rolling(_Kind):
    """On every day of presence, presence days in the last ``window`` days <= ``max``.

    With ``counts_from``, presence before that day is not counted at all: a limit that its
    host applies only to days from some date on (a new rule that does not look back at days
    spent under the old one)."""

    kind: Literal["rolling"] = "rolling"
    max: Days
    window: Days
    counts_from: dt.date | None = None
    valid_to: LastDay = None

    @model_validator(mode="after")
    def _max_fits_window(self) -> Rolling:
        if self.max > self.window:
            raise PydanticCustomError(
                "max_over_window", "max {max} is larger than the window {window}",
                {"max": self.max, "window": self.window, "field": "max",
                 "expected": f"max at most the window ({self.window}), or a window of at "
                             f"least {self.max} days"})
        return self

    @property
    def spec(self) -> str:
        return f"rolling:{self.max}/{self.window}"

    @property
    def label(self) -> str:
        since = ("" if self.counts_from is None
                 else f", counted from {format_long(self.counts_from)}")
        return f"{count(self.max, 'day')} in any {self.window}{since}"

    @property
    def first_counted(self) -> int:
        """The first day ordinal whose presence counts (0: every day)."""
        return 0 if self.counts_from is None else self.counts_from.toordinal()


class PerEntry(_Kind):
    """Each continuous stay (entry) <= ``max`` days; leaving resets the count.

    With ``entered_from`` and/or ``entered_to``, only the entries whose first day lies in that
    range are judged: hosts stamp the allowed stay at entry, so a stay entered under the old
    length keeps it after the rule changes (Thailand's 30 days to 31 October 2023, 90 from
    1 November)."""

    kind: Literal["per_entry"] = "per_entry"
    max: Days
    entered_from: dt.date | None = None
    entered_to: dt.date | None = None
    valid_to: LastDay = None

    @model_validator(mode="after")
    def _entered_in_order(self) -> PerEntry:
        if (self.entered_from is not None and self.entered_to is not None
                and self.entered_to < self.entered_from):
            raise PydanticCustomError(
                "date_order", "entered_to {entered_to} is before entered_from {entered_from}",
                {"entered_to": str(self.entered_to), "entered_from": str(self.entered_from),
                 "field": "entered_to",
                 "expected": f"entered_to on or after entered_from ({self.entered_from})"})
        return self

    @property
    def spec(self) -> str:
        return f"per-entry:{self.max}"

    @property
    def label(self) -> str:
        return f"{count(self.max, 'day')} per entry{self.entered_words}"

    @property
    def entered_words(self) -> str:
        """The entries judged, in words ("" for all)."""
        since, until = self.entered_from, self.entered_to
        if since and since == until:  # one entry's own limit (a stay entered on a visa)
            return f", for the entry of {format_long(since)}"
        if since and until:
            return f", for entries from {format_long(since)} to {format_long(until)}"
        if since:
            return f", for entries from {format_long(since)}"
        return f", for entries to {format_long(until)}" if until else ""

    @property
    def first_entered(self) -> int:
        """The first entry day (ordinal) judged (0: any)."""
        return 0 if self.entered_from is None else self.entered_from.toordinal()

    @property
    def last_entered(self) -> int:
        """The last entry day (ordinal) judged."""
        return (dt.date.max if self.entered_to is None else self.entered_to).toordinal()

    def judges(self, entry: int) -> bool:
        """Whether the entry begun on day ordinal ``entry`` is judged."""
        return self.first_entered <= entry <= self.last_entered


class CalendarYear(_Kind):
    """On every day of presence, presence days since 1 January of that year <= ``max``."""

    kind: Literal["calendar_year"] = "calendar_year"
    max: Annotated[int, Field(ge=1, le=366, strict=True)]
    valid_to: LastDay = None

    @property
    def spec(self) -> str:
        return f"calendar-year:{self.max}"

    @property
    def label(self) -> str:
        return f"{count(self.max, 'day')} per calendar year"


class Registration(_Kind):
    """A stay that lasts through the ``within``-th day after entry must be registered by then.

    Days are counted as legal periods are: from the day after entry, in calendar days or in
    working days (Monday to Friday less the host's public holidays). Registration is a deadline,
    not a limit: it never makes a day of presence non-compliant.
    """

    kind: Literal["registration"] = "registration"
    within: Days
    unit: Literal["calendar", "working"] = "calendar"
    # "deadline": registering is a duty and the stay limit is the same either way;
    # "extends": without registration the stay must end on the deadline.
    effect: Literal["deadline", "extends"] = "deadline"
    # What the sources say of a stay that ends before the deadline: "exempt", that it needs
    # none ("exempt for 30 days", "stays over 15 days register"); "not_said", nothing: they
    # count the deadline from arrival only; "required", that it must be registered all the
    # same ("whatever the length of the stay"). The deadline is the same in each case.
    short_stays: Literal["exempt", "not_said", "required"] = "exempt"
    # Who registers, as the sources say: "self", the foreigner; "host", whoever houses him
    # (landlord, hotel, host family), the duty and its fine being the host's alone;
    # "host_guest_liable", the host, the foreigner answering for it too (fined with the host).
    # The deadline is the same in each case; only the words of the answer differ.
    registrant: Registrant = "self"
    valid_to: LastDay = None

    def deadline(self, entry: dt.date, calendar: WorkingCalendar) -> dt.date:
        """The last day to register a stay that began on ``entry``, in the host of
        ``calendar``."""
        if self.unit == "calendar":
            return entry + dt.timedelta(days=self.within)
        return calendar.add_working_days(entry, self.within)

    @property
    def spec(self) -> str:
        suffix = "" if self.unit == "calendar" else "/working"
        suffix += "/extends" if self.effect == "extends" else ""
        return f"registration:{self.within}{suffix}"

    @property
    def label(self) -> str:
        unit = "day" if self.unit == "calendar" else "working day"
        extends = "; unregistered, the stay ends then" if self.effect == "extends" else ""
        who = "register" if self.registrant == "self" else f"{HOUSER} registers you"
        liable = "; you answer for it too" if self.registrant == "host_guest_liable" else ""
        return f"{who} within {count(self.within, unit)} of entry{liable}{extends}"


Limit = Rolling | PerEntry | CalendarYear
Constraint = Annotated[
    Rolling | PerEntry | CalendarYear | Registration, Field(discriminator="kind")
]


def counted_from(kind: Constraint) -> dt.date | None:
    """The first day whose presence the constraint counts; None: every day. A spec leaves it
    out, so answers that give a spec give this beside it."""
    return kind.counts_from if isinstance(kind, Rolling) else None


def entered_range(kind: Constraint) -> tuple[dt.date | None, dt.date | None]:
    """The first and last entry days a per-entry limit judges (None: no bound). A spec leaves
    them out, so answers that give a spec give these beside it."""
    return (kind.entered_from, kind.entered_to) if isinstance(kind, PerEntry) else (None, None)


def lookback(kind: Limit) -> int:
    """How many days before a judged day can influence its count."""
    if isinstance(kind, Rolling):
        return kind.window - 1
    if isinstance(kind, CalendarYear):
        return 366
    return 0


def lookahead(kind: Limit) -> int:
    """How many days after a day of presence can be judged differently because of it."""
    if isinstance(kind, Rolling):
        return kind.window - 1
    if isinstance(kind, CalendarYear):
        return 365
    return 0
