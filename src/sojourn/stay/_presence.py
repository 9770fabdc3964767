"""A history's stays split between a host's member countries and elsewhere, as the engine
counts them: the entries into the host, the days a permit takes out of the count, and the trips
recorded after the query day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sojourn.engine import Case
from sojourn.engine.answer import PlannedStay
from sojourn.engine.intervals import Span
from sojourn.history import History, Stay
from sojourn.history.models import PermitIn
from sojourn.rules.loader import Pack
from sojourn.rules.schema import Zone
from sojourn.stay._report import PlannedTrip

FOREVER = dt.date(9000, 1, 1).toordinal()  # "open-ended", far enough for any horizon


def planned_trip(history: History, members: Sequence[Member], planned: PlannedStay | None,
                 on: dt.date) -> PlannedTrip | None:
    """The recorded trip behind an answer's planned stay (``planned_stay``, or
    ``earliest_meets``) on the query day ``on``: the stays it spans, in the host (its member
    countries) or elsewhere, and whether it begins by ``on`` (a crossing that day)."""
    if planned is None:
        return None
    codes = {m.country for m in members}
    # a stay that only ends on the trip's first day is the one left then, and one that only
    # begins on its last day the one entered then: neither is the trip
    near = [s for s in history.stays if s.entry <= planned.last and s.until >= planned.first
            and not (s.entry < planned.first == s.until)
            and not (planned.first < s.entry == planned.last < s.until)]
    stays = [s for s in near if (s.country in codes) == planned.in_host] or near
    last = None if any(s.exit is None for s in stays) else _trip_end(stays, members, planned)
    return PlannedTrip(tuple(dict.fromkeys(s.country for s in stays)), planned.first, last,
                       planned.broken, planned.limits, begun=planned.first <= on)


def _trip_end(stays: Sequence[Stay], members: Sequence[Member], planned: PlannedStay
              ) -> dt.date:
    """The last day of the recorded trip behind ``planned``, whose stays all have an exit: its
    own last day, or, for days away from the host cut short by a state that joins it the next
    day, the exit of that state's stay, which goes on in the host. In Croatia from 20 December
    2022 to 10 January 2023, the Schengen area's answer named "planned trip to Croatia from 20
    to 31 December 2022", and `destinations` listed it beside the same trip to 10 January
    2023 (another host's) as two trips."""
    joins_next = {m.country for m in members if m.since == planned.last.toordinal() + 1}
    return max([planned.last, *(s.exit for s in stays
                                if s.country in joins_next and s.exit is not None)])


@dataclass(frozen=True)
class Member:
    country: str
    since: int
    until: int


def left_that_day(history: History, members: Sequence[Member], on: dt.date) -> bool:
    """Whether the history has the person leave the host (one of ``members``) on ``on`` for
    another country: in the host that day, and the day ends elsewhere (History.ends_day_in)."""
    codes = {m.country for m in members}
    ends_in = history.ends_day_in(on)
    return (ends_in is not None and ends_in not in codes
            and any(s.country in codes for s in history.stays_on(on)))


def host_members(host: str, pack: Pack) -> list[Member]:
    zone: Zone | None = pack.zones.get(host)
    if zone is None:
        return [Member(host, 0, FOREVER)]
    return [Member(m.country, m.since.toordinal() if m.since else 0,
                    m.until.toordinal() if m.until else FOREVER) for m in zone.members]


def split(stays: Sequence[Stay], members: Sequence[Member], on: int
          ) -> tuple[list[tuple[int, int | None, str]], list[tuple[int, int | None]]]:
    """Stays inside the host (during membership) and stays elsewhere, for the query day ``on``
    (an ordinal).

    A stay without exit is known only through ``on`` (or its first day, if later): in a
    country that joins the host after that, it is a stay elsewhere. Cut at the joining day, it
    would become an entry into the host with no known end, a planned trip that never was. In a
    member that leaves after that day, it is an open stay in the host."""
    inside: list[tuple[int, int | None, str]] = []
    outside: list[tuple[int, int | None]] = []
    by_country = {m.country: m for m in members}
    for stay in stays:
        first = stay.entry.toordinal()
        last = stay.exit.toordinal() if stay.exit else None
        member = by_country.get(stay.country)
        if member is None or (last is None and member.since > max(first, on)):
            outside.append((first, last))
            continue
        end = FOREVER if last is None else last
        lo, hi = max(first, member.since), min(end, member.until)
        leaves_later = last is None and member.until >= max(first, on)
        if leaves_later:
            # still a member when the known days end: the stay stays open in the host, and
            # the member's leaving is a stay elsewhere from the next day, which caps it. Cut
            # at the leaving day, it would be a stay known to last until then, its days
            # past the query day judged as if they had happened.
            hi = end
        if lo > hi:
            outside.append((first, last))
            continue
        if first < lo:
            outside.append((first, lo - 1))
        inside.append((lo, None if last is None and hi == end else hi, stay.country))
        if hi < end:
            outside.append((hi + 1, last))
        elif leaves_later and member.until < FOREVER:
            outside.append((member.until + 1, None))
    return sorted(inside, key=lambda s: s[0]), sorted(outside, key=lambda s: s[0])


def host_entries(inside: Sequence[tuple[int, int | None, str]],
                 outside: Sequence[tuple[int, int | None]]) -> list[tuple[int, int | None]]:
    """Entries into the host: moving between two member countries on one day is no entry,
    unless a stay outside the host begins or ends that day too (out of the zone and back)."""
    crossings = {d for first, last in outside for d in (first, last) if d is not None}
    out: list[tuple[int, int | None]] = []
    prev_country = None
    for first, last, country in inside:
        if (out and prev_country != country and out[-1][1] is not None and first <= out[-1][1]
                and first not in crossings):
            out[-1] = (out[-1][0], last if last is None else max(last, out[-1][1]))
        else:
            out.append((first, last))
        prev_country = country
    return out


def stays_elsewhere(history: History, members: Sequence[Member], on: dt.date
                    ) -> tuple[tuple[dt.date, dt.date, str], ...]:
    codes = {m.country for m in members}
    return tuple((s.entry, s.exit, s.country) for s in history.stays
                 if s.country not in codes and s.exit is not None and s.exit > on)


def planned_entries(case: Case, on: dt.date) -> tuple[dt.date, ...]:
    return tuple(dt.date.fromordinal(first) for first, _ in case.host_entries
                 if first > on.toordinal())


def permit_days(permit: PermitIn, entries: Sequence[tuple[int, int | None]]) -> Span:
    """The days ``permit`` takes out of the count (empty: last before first). An extension of
    stay adds days to the entry it was granted in, not to a later one: a re-entry during it,
    or on its last day (out and back), begins a stay of its own, counted from its first day."""
    first = permit.valid_from.toordinal()
    last = permit.valid_to.toordinal() if permit.valid_to else FOREVER
    if permit.kind == "extension":
        last = min([entry - 1 for entry, _ in entries if first <= entry <= last], default=last)
    return first, last
