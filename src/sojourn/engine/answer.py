"""What the engine answers: plain data, independent of any front."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sojourn.dates import within

if TYPE_CHECKING:
    from sojourn.dates import Unsure
    from sojourn.engine.kinds import Registrant


@dataclass(frozen=True)
class MissedRegistration:
    """The registration deadline an overstay's days rest on: under a rule that lets a stay go
    on past it only when registered (``effect: extends``), no registration is recorded for
    the stay by ``by``, so the days after it are over. Whether one was made, the history may
    not say: a CSV history records none (``history_records`` False), a profile records only
    those it lists; a registration recorded would take those days out of the overstay."""

    by: dt.date
    rule: str
    history_records: bool


@dataclass(frozen=True)
class Violation:
    """A run of consecutive non-compliant days; ``peak`` is the highest count reached in it.
    ``missed_registration``: the deadline the run's days past it rest on, where a
    registration rule with ``effect: extends`` makes them an overstay (None: a stay limit's
    run alone)."""

    first_day: dt.date
    last_day: dt.date
    peak: int
    rules: tuple[str, ...]
    missed_registration: MissedRegistration | None = None

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1


@dataclass(frozen=True)
class Registration:
    """The registration deadline of the stay the answer is about."""

    by: dt.date
    rule: str
    label: str
    done: bool  # registered by the deadline, on or before the query day
    recorded_on: dt.date | None  # the registration the profile records for this stay, if any
    extends: bool  # registering lets the stay go on past ``by``
    registrant: Registrant  # who registers: the foreigner or his host, as the rule says
    # the deadline has passed, no registration is recorded by it, and no permit covered it
    overdue: bool
    holidays_known: bool
    # the history can record a registration: a profile can, a CSV history cannot, so there
    # "not recorded" says nothing about whether it was done
    history_records: bool = True
    # a residence permit begun after the deadline covers the query day: the deadline missed
    # before it is the past of the stay the permit followed, no deadline to meet now
    under_permit: bool = False
    # the first day of a residence permit held on the deadline day: the registration is a
    # visa-free visitor's duty, and the permit covers the stay, so none was due
    covered_from: dt.date | None = None
    # the first day of a residence permit begun after the deadline, by the query day: a
    # registration missed was late until the day before it, not to the query day
    permit_after: dt.date | None = None
    # what a deadline in working days counts on that the holiday calendar does not know for
    # sure (an estimated Eid, a year's decree moving days off not yet known): it may move
    unsure: Unsure | None = None


@dataclass(frozen=True)
class LimitFigures:
    """The answers under one limit alone."""

    rule: str
    spec: str
    label: str
    in_force_on: bool
    days_used: int
    days_remaining: int
    latest_exit: dt.date | None
    max_stay_days: int | None
    violations: tuple[Violation, ...]
    counts_from: dt.date | None = None  # the limit counts presence from this day only
    # a per-entry limit judges the entries begun from and to these days only (None: no bound)
    entered_from: dt.date | None = None
    entered_to: dt.date | None = None
    # a visa rule's limit cut by the end of the visa the entry was made on (InForce.visa_ends)
    visa_ends: dt.date | None = None
    # the entries within entered_from to entered_to the limit does not judge, as a visa rule
    # judges them (InForce.skips): those made on a visa of the host
    except_entries: tuple[dt.date, ...] = ()

    def judges_entry(self, entry: dt.date) -> bool:
        """Whether the limit judges a stay entered on ``entry``: a per-entry limit of the
        entries from or to a day judges none outside them, nor one a visa rule judges."""
        return (within(entry, self.entered_from, self.entered_to)
                and entry not in self.except_entries)


@dataclass(frozen=True)
class Cap:
    """A limit that allows no stay of the length asked for: at most ``days`` in a row, judged
    on the last day of every such stay that ends from ``first`` to ``last`` (None: no known
    end)."""

    rule: str
    spec: str
    label: str
    days: int
    first: dt.date
    last: dt.date | None
    counts_from: dt.date | None = None  # the limit counts presence from this day only


@dataclass(frozen=True)
class LimitName:
    """A limit as answers name it: the rule it comes from, its spec and its words."""

    rule: str
    spec: str
    label: str
    counts_from: dt.date | None = None  # the limit counts presence from this day only


@dataclass(frozen=True)
class PlannedStay:
    """The recorded stay after the query day that ends the stay judged (``limited_by``
    "planned_trip"): one it would run into (``broken`` False), or an entry into the host that
    a longer stay would put over a limit (``broken`` True): over ``limits``. ``last`` is the
    query day's view of it: its first day alone when no exit is recorded."""

    first: dt.date
    last: dt.date
    in_host: bool
    broken: bool
    limits: tuple[LimitName, ...] = ()


@dataclass(frozen=True)
class Answer:
    """How long a person may stay in one host, judged on ``on``. ``None`` means "no limit"
    for ``latest_exit``/``max_stay_days`` unless ``unknown`` says the rules are not known."""

    on: dt.date
    present: bool
    entered: dt.date | None
    days_used: int | None
    days_remaining: int | None
    latest_exit: dt.date | None
    max_stay_days: int | None
    limited_by: str
    violations: tuple[Violation, ...]
    register_by: Registration | None
    binding: str | None
    binding_constraint: str | None  # the spec of the binding limit, e.g. rolling:90/180
    constraints: tuple[LimitFigures, ...]
    earliest_entry: dt.date | None = None
    # the last day of the stay begun on ``earliest_entry``: ``length`` days on, or later when
    # it runs on through planned trips to the host, to the last one's exit
    earliest_until: dt.date | None = None
    # with no limit, the first recorded stay that falls within the stay from earliest_entry
    # (a trip planned elsewhere, or to the host with no exit recorded): no limit makes the
    # entry wait for it, yet the stay offered and the person's own plan clash there
    earliest_meets: PlannedStay | None = None
    length: int | None = None
    # why earliest_entry is None for a stay of ``length`` days, when a limit in force from the
    # query day on, with no known end and no permit to lift it, allows no stay that long
    # (else None: no day was found within the search)
    too_long: Cap | None = None
    # the limits that together allow no stay of ``length`` days, each over the days on which
    # such a stay can end, in order: ``too_long`` alone when one does, else a rule change's
    # limits one after the other (empty: no day was found within the search); where the stay
    # rules are known only to a day (``unknown`` says), those holding every stay that long
    # ending by then, the last one's ``last`` that day (``too_long`` then None)
    too_long_limits: tuple[Cap, ...] = ()
    unknown: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    # present: the last day of the stay under way as recorded (its exit, or the query day when
    # none is recorded after it), from which ``earliest_entry`` seeks a new stay
    leaving: dt.date | None = None
    planned_stay: PlannedStay | None = None  # with limited_by "planned_trip": the stay that sets it

    @property
    def binding_figures(self) -> LimitFigures | None:
        """The figures of the binding limit: ``days_used`` and ``days_remaining`` are its, and
        are what it would count when it is not in force on the query day."""
        named = [f for f in self.constraints
                 if f.rule == self.binding and f.spec == self.binding_constraint]
        # one visa rule's limits of two entries made on visas share a rule and a spec ("90
        # days per entry"): the one told is the one judging the stay, as status chose it
        return next((f for f in named if f.judges_entry(self.entered or self.on)),
                    next(iter(named), None))

    @property
    def overstay_days(self) -> int:
        """The days of all violation runs: past, current and planned."""
        return sum(v.days for v in self.violations)
