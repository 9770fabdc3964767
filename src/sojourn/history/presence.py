"""Trips -> presence: merge overlapping stays in one country, refuse being in two at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from sojourn.dates import whole_years
from sojourn.errors import InputError, Problem
from sojourn.history.models import ProfileIn

OPEN = dt.date.max  # a stay still going on, for ordering and overlap checks
# an empty exit is "still there": on and on, past a later entry, not to now (batch says so too)
NO_EXIT = "has no exit (still there), so it would run past this entry"


@dataclass(frozen=True)
class Stay:
    """One recorded stay: both days inclusive; ``exit`` None means still there; ``passport``
    the citizenship of the passport it was entered on, where the history records it."""

    country: str
    entry: dt.date
    exit: dt.date | None
    origin: str
    by: str | None = None
    passport: str | None = None
    # where its fields sit in the file, for problems: "trips[2]." in a profile; "" in a CSV
    # file, whose columns are the fields
    field_path: str = ""
    # the later part of a merged stay whose exit it kept: a problem with the exit is told at
    # that part's line and field, where the exit (or its emptiness) is written
    exit_part: Stay | None = None

    @property
    def until(self) -> dt.date:
        return self.exit or OPEN

    @property
    def exit_written_in(self) -> Stay:
        """The recorded stay whose exit this one has: itself, unless merged."""
        return self.exit_part or self


@dataclass(frozen=True)
class History:
    """A checked history: stays sorted by entry, never two countries at once."""

    source: str
    stays: tuple[Stay, ...]
    profile: ProfileIn | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    born_line: int | None = None  # the profile's line of person.born, for messages about it
    # the profile's line of each application's kind (applications[i].kind), for the
    # problem of a kind the pack has no permit rule by: checked once the pack is known
    application_kind_lines: tuple[int | None, ...] = ()

    @property
    def citizenships(self) -> tuple[str, ...]:
        if self.profile is None or self.profile.person is None:
            return ()
        return tuple(self.profile.person.citizenships)

    @property
    def name(self) -> str | None:
        """The name or label the profile gives the person (``person.name``), if any: told only
        where the user asks for it, never in a message."""
        person = self.profile.person if self.profile else None
        return person.name if person else None

    @property
    def born(self) -> dt.date | None:
        """The person's birth date, where the profile gives one."""
        person = self.profile.person if self.profile else None
        return person.born if person else None

    def check_born_by(self, day: dt.date) -> None:
        """Refuse a day judged before the person's birth, naming the file and the line of the
        birth date: no question about such a day (a stay, a risk, a permit plan) is about this
        person, and a negative age matched no rule's age bounds, turning known answers into
        unknown ones."""
        born = self.born
        if born is not None and day < born:
            raise InputError(Problem(
                self.source, self.born_line, "person.born", born.isoformat(),
                f"is after the day judged, {day}",
                f"a birth date on or before {day}, or a later --on"))

    def age_on(self, day: dt.date) -> int | None:
        """Age in whole years on ``day``; None if the birth is not known."""
        self.check_born_by(day)
        born = self.born
        return whole_years(born, day) if born is not None else None

    @property
    def records_charges(self) -> bool:
        """Whether the history can record criminal charges: a profile can, a CSV cannot."""
        return self.profile is not None

    def stays_on(self, day: dt.date) -> list[Stay]:
        """The stays that hold ``day`` (two at most: on a crossing day), in order."""
        return [s for s in self.stays if s.entry <= day <= s.until]

    def ends_day_in(self, day: dt.date) -> str | None:
        """The country the history has the person in at the end of ``day`` (None: none): on
        a crossing day the later stay's, the one entered that day. The day counts in both
        countries, but the one left that day is behind the person: where they may go next is
        judged from the other (docs/counting.md)."""
        stays = self.stays_on(day)
        return stays[-1].country if stays else None


def _merge_same_country(stays: Sequence[Stay], overlaps: list[tuple[Stay, str]]
                        ) -> list[Stay]:
    """Overlapping stays in one country become one; a shared crossing day is not an overlap.
    Each stay merged into an earlier one is added to ``overlaps``, with the warning telling it.

    The result is in (entry, exit) order; stays alike in both (one-day stays on the same day in
    different countries) stay in the order given, which is the only record of their sequence
    (a merged stay takes the place of the first given of its parts)."""
    by_country: dict[str, list[tuple[int, Stay]]] = {}
    for place, stay in sorted(enumerate(stays), key=lambda p: (p[1].entry, p[1].until, p[0])):
        runs = by_country.setdefault(stay.country, [])
        if runs and stay.entry < runs[-1][1].until:
            first_place, prev = runs[-1]
            merged_exit = None if prev.exit is None or stay.exit is None else max(
                prev.exit, stay.exit)
            # the first empty exit, or else the latest, is the one kept
            exit_part = (prev.exit_part if prev.exit is None or stay.until <= prev.until
                         else stay)
            overlaps.append((stay, f"{stay.origin}: overlaps the stay in {stay.country} at "
                             f"{prev.origin}; counted as one stay from {prev.entry} to "
                             f"{merged_exit or 'now'}"))
            runs[-1] = (min(first_place, place),
                        replace(prev, exit=merged_exit, exit_part=exit_part))
        else:
            runs.append((place, stay))
    ordered = sorted((run for runs in by_country.values() for run in runs),
                     key=lambda p: (p[1].entry, p[1].until, p[0]))
    return [stay for _, stay in ordered]


def build_history(source: str, stays: Sequence[Stay], profile: ProfileIn | None = None,
                  born_line: int | None = None) -> History:
    """Check ``stays`` against DESIGN.md's presence rules and return the History."""
    overlaps: list[tuple[Stay, str]] = []
    merged = _merge_same_country(stays, overlaps)
    problems: list[Problem] = []
    latest: Stay | None = None  # the stay reaching furthest so far
    for stay in merged:
        if latest is not None and latest.country != stay.country and stay.entry < latest.until:
            held = latest.exit_written_in.origin  # where the exit to move is written
            problems.append(Problem(
                _file(stay.origin), _line(stay.origin), f"{stay.field_path}entry", str(stay.entry),
                f"starts a stay in {stay.country} while the stay in {latest.country} at "
                + (f"{held} runs until {latest.exit}" if latest.exit else f"{held} {NO_EXIT}"),
                (f"an entry on or after {latest.exit}, or an exit on or before {stay.entry} "
                 f"at {held}" if latest.exit else
                 f"an exit on or before {stay.entry} at {held}")
                + "; stays in different countries may share only the crossing day"))
        if latest is None or stay.until > latest.until:
            latest = stay
    open_stays = [s.exit_written_in for s in merged if s.exit is None]
    if len(open_stays) > 1:
        first, *others = open_stays
        problems.append(Problem(
            _file(first.origin), _line(first.origin), f"{first.field_path}exit", None,
            "is empty, and so is the exit of the stay"
            f"{'s' if len(others) > 1 else ''} at {'; '.join(s.origin for s in others)}",
            "an empty exit (still there) only on the latest stay; "
            "give the date each earlier stay ended"))
    if problems:
        # told in the file's order, as a reader goes through it
        raise InputError(sorted(problems, key=lambda p: p.line or 0))
    return History(source, tuple(merged), profile, _merge_warnings(overlaps), born_line)


MERGES_TOLD = 3  # overlapping stays told one by one; the rest in one line


def _merge_warnings(overlaps: Sequence[tuple[Stay, str]]) -> tuple[str, ...]:
    """A warning for each of the first :data:`MERGES_TOLD` stays merged into an earlier one,
    and one line for the rest: a history of a million identical rows says so in a few lines,
    not a million (printing them took minutes)."""
    if len(overlaps) <= MERGES_TOLD + 1:  # one line for one more would save nothing
        return tuple(text for _, text in overlaps)
    told = [text for _, text in overlaps[:MERGES_TOLD]]
    rest = overlaps[MERGES_TOLD:]
    lines = [n for n in (_line(stay.origin) for stay, _ in rest) if n is not None]
    where = (f"{_file(rest[0][0].origin)}, lines {min(lines)} to {max(lines)}"
             if len(lines) == len(rest) else f"the first at {rest[0][0].origin}")
    return (*told, f"{len(rest):,} more stays like these ({where}) overlap an earlier stay in "
                   "the same country; each is counted as one stay with it")


def _file(origin: str) -> str:
    return origin.rsplit(", line ", 1)[0]


def _line(origin: str) -> int | None:
    tail = origin.rsplit(", line ", 1)
    return int(tail[1]) if len(tail) == 2 and tail[1].isdigit() else None
