"""A deliberately simple reference for the canonical stay semantics, day by day.

The property tests compare the engine with this module. It is written to be checked by reading:
presence and permits are sets of day ordinals, every answer loops over days and tries every
candidate, and the only help for speed is counting the members of a set inside a range with a
sorted list (:class:`Tally`). It knows nothing of the engine's spans, cuts or slopes.

Semantics (DESIGN.md "Canonical stay semantics", made precise where it is silent):

1. Presence in the host is the union of the inclusive ``[entry, exit]`` days of its entries; an
   entry without exit lasts through the query day ``D`` (if it starts after ``D``, it is a
   planned stay of which only the first day is known). Every trip into the host is an entry,
   except that moving from one member country of a zone to another on one day continues the
   entry, unless a stay elsewhere begins or ends that day (out of the zone and back). Trips
   in other countries are stays *elsewhere*. Trips are taken in the order the history loader
   gives them.
2. Counted days are presence days not covered by a permit for the host. A limit judges the
   counted days on which it is in force, but for the days an extension of stay adds
   (``extended``): they count, as days spent in the host, but no limit judges them. An
   extension from ``first`` to ``last`` adds its days to the entry it was granted in alone:
   an entry into the host begun from ``first`` to ``last`` ends it the day before.
3. On a judged day ``d`` a limit counts: ``rolling`` the counted days in ``[d-w+1, d]``
   (none before its ``counts_from``);
   ``per_entry`` for each entry ``[a, b]`` holding ``d`` the counted days in ``[a, d]``
   (only the entries whose first day ``a`` lies in its ``entered_from``..``entered_to``);
   ``calendar_year`` the counted days from 1 January of ``d``'s year to ``d``. A count above
   ``max`` makes ``d`` non-compliant.
4. Violations are maximal runs of consecutive non-compliant days under any limit, over the whole
   history (open entry ending on ``D``); a run's peak is the highest count that broke a limit.
5. ``days_used``: the count on ``D`` from presence up to ``D`` only.
6. ``latest_exit``: the largest ``E`` with ``D <= E <= cap`` such that, in the history whose
   current entry (the latest one holding ``D``, or a new one from ``D``) ends on ``E``, every day
   of ``[D, E]`` is compliant and no day after ``E`` is non-compliant unless it already was with
   the current entry ending on ``D``, or belongs only to planned entries that already had a
   non-compliant day (an overstaying plan is reported, not protected; a day it shares with a
   compliant plan, a border run's crossing day, is that plan's and protected). ``cap`` is the first
   day after ``D`` on which another entry into the host begins, or the first day on or after
   ``D`` on which a stay elsewhere begins (leaving that day is the crossing day), but for a
   stay elsewhere that came before the current entry: one that ended by the day the entry
   began, when the entry went on past that day (out and back in on ``D``, a border run).
   Away from the host on ``D``, a stay elsewhere begun on ``D`` is under way, as one begun
   before: the new entry is instead of it, and it is no cap; nor is it for that entry run on
   through a planned entry (below), which is still entered on ``D`` in place of it (away is
   as the history records it, not as the joined entries have it). When ``E`` is the cap and the
   cap is a planned entry ``[a, b]`` into the host (first of two that begin that day), the
   stay may also run on through it: the same question is asked of the history with the
   current entry and that one joined into ``[start, b]``, and its answer wins when it is
   ``b`` or later (the whole planned entry compliant) or has no limit; not for a planned
   entry with no exit recorded, whose days after the first are not known. An entry that ended
   by the day the current entry began (left on a border run's crossing day) is behind it:
   its days count where a rolling or calendar-year count looks back, but its own per-entry
   count, over or not on that day, does not judge ``[D, E]`` (docs/counting.md).
7. ``earliest_entry``: the first ``X`` from ``D``, or from the day the current stay ends, at
   which a new entry ``[X, X+N-1]`` is possible, as ``latest_exit`` would judge a stay entered
   on ``X``. A stay elsewhere that is no cap of ``latest_exit`` (under way on ``D``) is left
   for the host and is no obstacle; another recorded stay overlapped beyond a shared crossing
   day is, but for a planned entry into the host ``[a, b]`` with ``X <= a`` and a recorded
   exit: the stay runs on through it, as one entry ``[X, max(X+N-1, b)]`` that replaces it.
   Every day of that entry must be compliant, and no later day non-compliant unless it already
   was without it (and without the planned entries it took in), or belongs only to planned
   entries that already had a non-compliant day (as in 6). So, away from the host on ``D``,
   ``earliest_entry`` is ``D`` when ``max_stay_days >= N``. With no limit at all, it is the
   first day tried: as ``latest_exit`` has no planned trip shorten such a stay, none delays
   its entry (a planned trip elsewhere ends the stay).
   ``earliest_until`` is the last day of the stay so begun, ``X+N-1`` or the exit of the last
   planned entry into the host it runs on through, with a limit or without.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

HORIZON_DAYS = 36_525  # a stay still compliant this long has "no limit" (as the engine)
PLAN_SCAN_DAYS = 3_660  # earliest_entry tries entry days up to D + this (as the engine)
FOREVER = dt.date(9000, 1, 1).toordinal()

Span = tuple[int, int]


@dataclass(frozen=True)
class Limit:
    """One limit and the days it is in force (``first``..``last``, inclusive ordinals)."""

    kind: str  # "rolling" | "per_entry" | "calendar_year"
    max: int
    window: int = 0
    first: int = 0
    last: int = FOREVER
    counts_from: int = 0  # rolling: presence before this day is not counted
    entered_from: int = 0  # per_entry: the first and last entry days it judges
    entered_to: int = FOREVER

    def judges(self, entry: int) -> bool:
        return self.entered_from <= entry <= self.entered_to

    def in_force(self, day: int) -> bool:
        return self.first <= day <= self.last


@dataclass(frozen=True)
class Trip:
    """A recorded stay in one country; ``exit`` None means still there."""

    country: str
    entry: int
    exit: int | None


@dataclass(frozen=True)
class Case:
    """A person's trips, the host's member countries, the host's permit days and its limits."""

    trips: tuple[Trip, ...]
    members: frozenset[str]
    permits: frozenset[int]
    limits: tuple[Limit, ...]
    on: int
    extended: frozenset[int] = frozenset()  # counted, never judged (2.)


@dataclass(frozen=True)
class Answers:
    violations: list[tuple[int, int, int, int]]  # (first_day, last_day, days, peak)
    days_used: int
    latest_exit: int | None
    max_stay_days: int | None


@dataclass(frozen=True)
class Report:
    """What the engine's answer holds, in ordinals: overall and per limit (same order)."""

    violations: list[tuple[int, int, int, int]]
    latest_exit: int | None
    max_stay_days: int | None
    earliest_entry: int | None
    earliest_until: int | None  # the last day of the stay from earliest_entry
    constraints: list[Answers] = field(default_factory=list)


def days_of(spans: Iterable[Span]) -> set[int]:
    out: set[int] = set()
    for first, last in spans:
        out.update(range(first, last + 1))
    return out


class Tally:
    """How many days of a set fall in a range."""

    def __init__(self, days: Iterable[int]) -> None:
        self.sorted = sorted(days)

    def count(self, lo: int, hi: int) -> int:
        return bisect_right(self.sorted, hi) - bisect_left(self.sorted, lo)


def jan1(day: int) -> int:
    return JAN1[dt.date.fromordinal(day).year]


JAN1 = {year: dt.date(year, 1, 1).toordinal() for year in range(1990, 2200)}


# -- presence --------------------------------------------------------------------------------


def split_trips(case: Case) -> tuple[list[tuple[int, int | None]], list[tuple[int, int | None]]]:
    """Entries into the host and stays elsewhere, in the order of the trips."""
    trips = sorted(case.trips, key=lambda t: (t.entry, FOREVER if t.exit is None else t.exit))
    entries: list[tuple[int, int | None]] = []
    elsewhere: list[tuple[int, int | None]] = []
    last_member: Trip | None = None
    # Days on which a stay outside the host begins or ends: out of the zone and back.
    crossings = {d for t in trips if t.country not in case.members
                 for d in (t.entry, t.exit) if d is not None}
    for trip in trips:
        if trip.country not in case.members:
            elsewhere.append((trip.entry, trip.exit))
            continue
        moved_within = (
            last_member is not None
            and last_member.country != trip.country
            and entries[-1][1] is not None
            and trip.entry <= entries[-1][1]
            and trip.entry not in crossings
        )
        if moved_within:
            previous_last = entries[-1][1]
            assert previous_last is not None
            new_last = None if trip.exit is None else max(trip.exit, previous_last)
            entries[-1] = (entries[-1][0], new_last)
        else:
            entries.append((trip.entry, trip.exit))
        last_member = trip
    return entries, elsewhere


def close(stays: Sequence[tuple[int, int | None]], on: int) -> list[Span]:
    """Stays without exit end on the query day (a planned one is only its first day)."""
    return [(first, max(first, on) if last is None else last) for first, last in stays]


def came_before(last: int | None, raw_entries: Sequence[tuple[int, int | None]],
                current: int | None) -> bool:
    """Whether a stay elsewhere ending on ``last`` came before the current entry: it ended by
    the day that entry began, and the entry went on past that day."""
    if current is None or last is None:
        return False
    began, recorded = raw_entries[current]
    return last <= began and (recorded is None or recorded > last)


def current_index(entries: Sequence[Span], on: int) -> int | None:
    """The latest-starting entry that holds ``on``."""
    found = None
    for i, (first, last) in enumerate(entries):
        if first <= on <= last and (found is None or first >= entries[found][0]):
            found = i
    return found


# -- judging ---------------------------------------------------------------------------------


def counts_on(limit: Limit, day: int, entries: Sequence[Span], tally: Tally) -> list[int]:
    """The counts ``limit`` compares with its max on ``day`` (several for per_entry)."""
    if limit.kind == "rolling":
        first = max(day - limit.window + 1, limit.counts_from)
        return [tally.count(first, day) if first <= day else 0]
    if limit.kind == "calendar_year":
        return [tally.count(jan1(day), day)]
    return [tally.count(first, day) for first, last in entries
            if first <= day <= last and limit.judges(first)]


def extension_days(first: int, last: int, entries: Sequence[tuple[int, int | None]]) -> set[int]:
    """The days an extension from ``first`` to ``last`` adds, with these entries into the
    host: up to the day before an entry begun within it (2.)."""
    for entry, _ in entries:
        if first <= entry <= last:
            last = min(last, entry - 1)
    return set(range(first, last + 1))


def bad_days(entries: Sequence[Span], case: Case, limits: Sequence[Limit],
             days: Iterable[int], stop_at_first: bool = False,
             judged: Sequence[Span] | None = None) -> dict[int, int]:
    """Non-compliant days among ``days``, each with the highest count that broke a limit.
    ``judged``: the entries a per-entry count judges, where not all of ``entries`` (6.)."""
    counted = days_of(entries) - case.permits
    tally = Tally(counted)
    per_entry = entries if judged is None else judged
    out: dict[int, int] = {}
    for day in days:
        if day not in counted or day in case.extended:
            continue
        for limit in limits:
            if not limit.in_force(day):
                continue
            for count in counts_on(limit, day, per_entry, tally):
                if count > limit.max:
                    out[day] = max(out.get(day, 0), count)
        if stop_at_first and out:
            break
    return out


def runs(bad: dict[int, int]) -> list[tuple[int, int, int, int]]:
    """Maximal runs of consecutive bad days: (first, last, days, peak)."""
    out: list[tuple[int, int, int, int]] = []
    for day in sorted(bad):
        if out and out[-1][1] == day - 1:
            first, _, n, peak = out[-1]
            out[-1] = (first, day, n + 1, max(peak, bad[day]))
        else:
            out.append((day, day, 1, bad[day]))
    return out


# -- answers ---------------------------------------------------------------------------------


def violations(case: Case, limits: Sequence[Limit]) -> list[tuple[int, int, int, int]]:
    entries = close(split_trips(case)[0], case.on)
    return runs(bad_days(entries, case, limits, sorted(days_of(entries))))


def days_used(case: Case, limit: Limit) -> int:
    on = case.on
    entries = [(first, min(last, on)) for first, last in close(split_trips(case)[0], on)
               if first <= on]
    tally = Tally(days_of(entries) - case.permits)
    if limit.kind == "per_entry":
        i = current_index(entries, on)
        return (0 if i is None or not limit.judges(entries[i][0])
                else tally.count(entries[i][0], on))
    return counts_on(limit, on, entries, tally)[0]


def latest_exit(case: Case, limits: Sequence[Limit]) -> tuple[int | None, int | None]:
    """(latest_exit, max_stay_days) as the engine reports them."""
    if not limits:
        return None, None  # nothing limits the stay, so planned trips cannot shorten it
    return latest_exit_of(case, limits, *split_trips(case))


def latest_exit_of(case: Case, limits: Sequence[Limit], raw_entries: list[tuple[int, int | None]],
                   raw_elsewhere: list[tuple[int, int | None]]) -> tuple[int | None, int | None]:
    """latest_exit with these entries into the host and stays elsewhere: the later of
    leaving by the cap and, when the cap is a planned entry into the host, of staying on
    through it as one entry, when that keeps the whole planned entry compliant."""
    on = case.on
    entries = close(raw_entries, on)
    current = current_index(entries, on)
    start = on if current is None else entries[current][0]
    end, days = latest_exit_by_cap(case, limits, raw_entries, raw_elsewhere)
    host_later = [(first, i) for i, (first, _) in enumerate(entries) if i != current and first > on]
    if end is None or not host_later or min(host_later)[0] != end:
        return end, days
    i = min(host_later)[1]
    if raw_entries[i][1] is None:  # its days after the first are not known
        return end, days
    joined_last = entries[i][1]
    joined = [e for k, e in enumerate(raw_entries) if k not in (i, current)]
    joined.append((start, joined_last))
    joined.sort(key=lambda e: e[0])
    t_end, t_days = latest_exit_of(case, limits, joined, raw_elsewhere)
    if t_end is None or t_end >= joined_last:
        return t_end, t_days
    return end, days


def latest_exit_by_cap(case: Case, limits: Sequence[Limit],
                       raw_entries: list[tuple[int, int | None]],
                       raw_elsewhere: list[tuple[int, int | None]]
                       ) -> tuple[int | None, int | None]:
    """latest_exit, leaving by the cap: a planned entry into the host is a new one."""
    on = case.on
    entries = close(raw_entries, on)
    current = current_index(entries, on)
    start = on if current is None else entries[current][0]
    others = [e for i, e in enumerate(entries) if i != current]
    later = [first for first, _ in others if first > on]
    # Away or present as the history records it: a stay run on through a planned entry is
    # present on D in ``raw_entries``, yet is still entered on D in place of the stay elsewhere.
    away = current_index(close(split_trips(case)[0], on), on) is None
    later += [first for first, last in raw_elsewhere
              if first > on or (first == on and not away
                                and not came_before(last, raw_entries, current))]
    cap = min(later) if later and min(later) < on + HORIZON_DAYS else None
    upper = on + HORIZON_DAYS if cap is None else cap
    baseline = others + ([(start, on)] if current is not None else [])
    planned = sorted(d for d in days_of(others) if d > on)
    baseline_bad = bad_days(baseline, case, limits, planned)
    free = set(baseline_bad) | tainted(others, on, baseline_bad)

    # An entry left by the day the stay under way was entered (a border run's crossing day)
    # is behind it: its days count where a count looks back, but no per-entry count of its
    # own judges the stay under way (6.).
    ahead = [e for e in others if e[1] > start]

    def valid(end: int) -> bool:
        scenario = [*others, (start, end)]
        judged = sorted(d for d in days_of(scenario) if d >= on)
        bad = bad_days(scenario, case, limits, judged, judged=[*ahead, (start, end)])
        if any(on <= d <= end for d in bad):
            return False
        return all(d in free for d in bad if d > end)

    # A day's counts depend only on presence up to that day, and on the entries holding it:
    # so a day F that is non-compliant with the stay running to ``upper`` is non-compliant in
    # every scenario whose stay runs through F, and no end on or after F is valid.
    scenario = [*others, (start, upper)]
    first_bad = bad_days(scenario, case, limits, range(on, upper + 1), stop_at_first=True,
                         judged=[*ahead, (start, upper)])
    highest = min(first_bad, default=upper + 1) - 1
    for end in range(highest, on - 1, -1):
        if valid(end):
            if cap is None and end == upper:
                return None, None  # no limit bites
            return end, end - on + 1
    return None, 0


def tainted(entries: Sequence[Span], on: int, bad: Iterable[int]) -> set[int]:
    """Every day of a planned entry (starting after ``on``) that already has a bad day, and of
    no other entry: such a trip is not protected from getting worse, the others are."""
    bad_set = set(bad)

    def spoiled(first: int, last: int) -> bool:
        return first > on and any(x in bad_set for x in range(first, last + 1))

    kept = {d for first, last in entries if not spoiled(first, last)
            for d in range(first, last + 1)}
    return {d for first, last in entries if spoiled(first, last)
            for d in range(first, last + 1)} - kept


def earliest_entry(case: Case, limits: Sequence[Limit], length: int) -> int | None:
    stay = earliest_stay(case, limits, length)
    return None if stay is None else stay[0]


def earliest_stay(case: Case, limits: Sequence[Limit], length: int) -> Span | None:
    """The stay from ``earliest_entry``: its first day, and its last, ``length`` days on or
    the exit of the last planned entry into the host it runs on through."""
    on = case.on
    raw_entries, raw_elsewhere = split_trips(case)
    entries = close(raw_entries, on)
    current = current_index(entries, on)
    start = on if current is None else max(on, entries[current][1])
    if not limits:
        # the planned entries into the host it meets are its own days, as with a limit
        return start, max([start + length - 1, *(end for first, end in entries
                                                  if first >= start and first < start + length - 1
                                                  and end > start)])
    # Stays elsewhere that would cap latest_exit (begun after D, or on D when present and not
    # before the current entry); the others are under way, and the new entry ends them.
    obstacles = [stay for stay, (first, last) in zip(close(raw_elsewhere, on), raw_elsewhere,
                                                     strict=True)
                 if first > on or (first == on and current is not None
                                   and not came_before(last, raw_entries, current))]
    free_without: dict[tuple[int, ...], set[int]] = {}
    for day in range(start, on + PLAN_SCAN_DAYS + 1):
        last = day + length - 1
        if any(first < last and end > day for first, end in obstacles):
            continue  # overlaps a planned stay elsewhere beyond a shared crossing day
        met = [i for i, (first, end) in enumerate(entries) if first < last and end > day]
        if any(i == current or entries[i][0] < day or raw_entries[i][1] is None for i in met):
            continue  # a stay in the host it cannot run on through
        end = max([last, *(entries[i][1] for i in met)])
        kept = [e for i, e in enumerate(entries) if i not in met]
        scenario = [*kept, (day, end)]
        # Days before ``day`` are judged as before: counts only look back.
        if bad_days(scenario, case, limits, range(day, end + 1), stop_at_first=True):
            continue
        if tuple(met) not in free_without:
            bad = bad_days(kept, case, limits, sorted(d for d in days_of(kept) if d >= on))
            free_without[tuple(met)] = set(bad) | tainted(kept, on, bad)
        free = free_without[tuple(met)]
        later = sorted(d for d in days_of(kept) if d > end)
        if all(d in free for d in bad_days(scenario, case, limits, later)):
            return day, end
    return None


def relevant(case: Case) -> list[Limit]:
    """Limits in force on or after the query day: those the answers about ``D`` use."""
    return [limit for limit in case.limits if limit.last >= case.on]


def report(case: Case, length: int | None = None) -> Report:
    limits = relevant(case)
    latest, max_stay = latest_exit(case, limits)
    per_limit = []
    for limit in limits:
        own_latest, own_max = latest_exit(case, [limit])
        per_limit.append(Answers(violations(case, [limit]), days_used(case, limit),
                                 own_latest, own_max))
    want = length if length is not None else (1 if max_stay == 0 else None)
    stay = None if want is None else earliest_stay(case, limits, want)
    return Report(
        violations=violations(case, case.limits),
        latest_exit=latest,
        max_stay_days=max_stay,
        earliest_entry=None if stay is None else stay[0],
        earliest_until=None if stay is None else stay[1],
        constraints=per_limit,
    )
