"""Status and planning answers for one host, from a resolved :class:`Case`.

Every question is answered on *local views*: only the stays that can influence the days being
judged (those within the longest look-back or look-ahead of any limit) are gathered, so a query
costs O(log n) to find them plus the work on a handful of spans, whatever the history's length.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Sequence
from copy import copy
from dataclasses import dataclass, replace
from functools import cached_property

from sojourn.dates import WorkingCalendar, format_long
from sojourn.engine.answer import (
    Answer,
    Cap,
    LimitFigures,
    LimitName,
    MissedRegistration,
    PlannedStay,
    Registration,
    Violation,
)
from sojourn.engine.intervals import DayIndex, Span, intersect, merge, subtract
from sojourn.engine.kinds import (
    Limit,
    PerEntry,
    Rolling,
    counted_from,
    entered_range,
    lookahead,
    lookback,
)
from sojourn.engine.kinds import Registration as RegistrationKind
from sojourn.engine.scan import InForce, Piece, View, bad_pieces, count_on

HORIZON_DAYS = 36_525  # a stay still compliant after ~100 years has no limit
MAX_DAY = dt.date.max.toordinal()
PLAN_SCAN_DAYS = 3_660  # earliest_entry looks this far ahead (10 years)


@dataclass(frozen=True)
class RegistrationInForce:
    ref: str
    rule: RegistrationKind
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class Case:
    """One person's presence in one host, and the rules that judge it.

    ``host_entries`` are the stays in the host (each an entry), sorted, with ``None`` as the last
    day of a stay still going on; ``elsewhere`` are stays in other countries, sorted by first
    day, which a continuous stay in the host cannot run into. ``known`` are the days on which
    the stay rules are known.
    """

    host_entries: tuple[tuple[int, int | None], ...]
    elsewhere: tuple[tuple[int, int | None], ...]
    exempt: tuple[Span, ...]
    limits: tuple[InForce, ...]
    registrations: tuple[RegistrationInForce, ...]
    known: tuple[Span, ...]
    unknown_reason: str
    calendar: WorkingCalendar
    registered_on: tuple[int, ...] = ()
    records_registrations: bool = True  # False for a history that cannot (CSV)
    # the days of residence-type permits alone, which stand in for a registration: ``exempt``
    # holds long-stay visas too, whose days neither count nor are limited, yet which register
    # no one
    residence: tuple[Span, ...] = ()
    # the days an extension of stay adds (sorted, disjoint): no limit judges them, as the
    # extension makes them lawful, but they are days spent in the host on a short stay, and
    # count wherever a count sees them (the stay's own after them, a later window, a
    # calendar year), as ``exempt``'s do not (docs/counting.md)
    extended: tuple[Span, ...] = ()
    # the stay in the host under way on the query day is left that day for another country (a
    # crossing day) and judged behind the person: the host is one they could go back to, the
    # stay from that day a new entry with its own count (``_Evaluator.current``)
    left_on_query_day: bool = False


def _date(day: int) -> dt.date:
    return dt.date.fromordinal(day)


def open_planned_stay_note(first: dt.date, on: dt.date) -> str:
    """The note on a stay entered after the query day ``on`` with no exit recorded, of which
    the engine counts only the first day (its end not known as of ``on``): one function, so
    that an answer that sees the stay go on (a state joining a zone, whose rules carry the
    stay on from the joining day: stay._question._before_joining) can take the note back."""
    return (f"the stay entered on {format_long(first)} has no exit and starts after "
            f"{format_long(on)}: its end is not known, so only its first day is counted")


def _behind_left_out(entries: Sequence[Span], entered: int) -> list[Span]:
    """``entries`` but those ended by ``entered``, the first day of a stay judged beside them.
    A stay left on the day another is entered (a border run's crossing day) is behind it: its
    days still count where a rolling or calendar-year count looks back, the shared day once,
    but a per-entry count restarts with the new entry (DESIGN.md), so the earlier stay's count
    on that day, over the limit or not, is its own past and says nothing of the new stay's,
    as it says nothing the next day (docs/counting.md)."""
    return [e for e in entries if e[1] > entered]


def _runs(pieces: Sequence[Piece], records_registrations: bool = True
          ) -> tuple[Violation, ...]:
    """Merge pieces (from any limits) into runs of consecutive non-compliant days. A run with
    days past a registration deadline missed (``effect: extends``) names the first such
    deadline: those days rest on no registration being recorded by it."""
    runs: list[tuple[int, int, int, list[str], Piece | None]] = []
    for p in sorted(pieces, key=lambda p: (p.first, p.last)):
        missed = p if p.missed_by is not None else None
        if runs and p.first <= runs[-1][1] + 1:
            first, last, peak, refs, was = runs[-1]
            if p.ref not in refs:
                refs.append(p.ref)
            runs[-1] = (first, max(last, p.last), max(peak, p.peak), refs, was or missed)
        else:
            runs.append((p.first, p.last, p.peak, [p.ref], missed))
    return tuple(Violation(_date(f), _date(z), peak, tuple(refs),
                           _missed(missed, records_registrations))
                 for f, z, peak, refs, missed in runs)


def _missed(piece: Piece | None, records_registrations: bool) -> MissedRegistration | None:
    if piece is None or piece.missed_by is None:
        return None
    return MissedRegistration(_date(piece.missed_by), piece.ref, records_registrations)


class _Evaluator:
    def __init__(self, case: Case, on: dt.date) -> None:
        self.case = case
        self.on = on.toordinal()
        entries: list[Span] = []
        self.notes: list[str] = []
        for first, last in case.host_entries:
            if last is None:
                # "Still there" was written after the query day: as of that day it is a planned
                # stay whose end is unknown, so only its first day is known presence.
                if first > self.on:
                    self.notes.append(open_planned_stay_note(_date(first), on))
                last = max(first, self.on)
            entries.append((first, last))
        self.entries = entries
        self.lasts = [e[1] for e in entries]
        self.elsewhere = [(f, max(self.on, f) if z is None else max(z, f))
                          for f, z in case.elsewhere]
        self.elsewhere_all_firsts = [f for f, _ in self.elsewhere]
        self.exempt = list(case.exempt)
        self.extended = tuple(case.extended)
        self.host_firsts = [f for f, _ in entries]
        self.current = self._current()
        if self.current is not None and self._left_behind(self.current):
            self.current = None
        # Whether the history has the person away from the host on the query day. Kept as
        # recorded when a stay entered that day is joined to a planned entry (``_through``):
        # that stay is still entered in place of the stay elsewhere under way, which must no
        # more end it than it ends the same stay left by the day the planned entry begins.
        self.away = self.current is None

    def _current(self) -> int | None:
        """The latest entry containing the query day, if any."""
        current = None
        for i in range(bisect_left(self.lasts, self.on), len(self.entries)):
            if self.entries[i][0] > self.on:
                break
            current = i
        return current

    def _left_behind(self, i: int) -> bool:
        """Whether the entry of index ``i``, under way on the query day, is one the case has
        the person leave that day for another country (``Case.left_on_query_day``): judged as
        away, the stay from that day is a new entry, and the entry left counts as any earlier
        one does (its days where a rolling or calendar-year count looks back, the shared day
        once; not in a per-entry count, which restarts: ``_behind_left_out``)."""
        return self.case.left_on_query_day and self.case.host_entries[i][1] == self.on

    @cached_property
    def all_stays(self) -> list[tuple[Span, int | None]]:
        """Every recorded stay, sorted, each with its entry's index in the host (None
        elsewhere); a stay elsewhere under way is left out: a new entry into the host ends it."""
        return sorted(
            [*((e, i) for i, e in enumerate(self.entries)),
             *((e, None) for e, (f, z) in zip(self.elsewhere, self.case.elsewhere, strict=True)
               if not self._under_way(f, z))],
            key=lambda stay: stay[0])

    @cached_property
    def all_lasts(self) -> list[int]:
        return [z for (_, z), _ in self.all_stays]

    def _through(self, planned: int) -> _Evaluator:
        """This evaluator with the stay from the query day (the current entry, or a new one
        from that day) and the planned entry of index ``planned`` made one entry, to the
        planned one's exit: as one built from the case so changed, but by splicing its sorted
        lists, not rebuilding them, so that a chain of joins is not quadratic in the entries."""
        start = self.entries[self.current][0] if self.current is not None else self.on
        joined = (start, self.entries[planned][1])
        hosts, entries = list(self.case.host_entries), list(self.entries)
        firsts, lasts = list(self.host_firsts), list(self.lasts)
        for k in sorted({planned} | ({self.current} if self.current is not None else set()),
                        reverse=True):
            del hosts[k], entries[k], firsts[k], lasts[k]
        at = bisect_right(firsts, start)  # after those begun that day, as a stable sort
        hosts.insert(at, joined)
        entries.insert(at, joined)
        firsts.insert(at, start)
        lasts.insert(at, joined[1])
        ev = copy(self)
        for derived in ("all_stays", "all_lasts"):  # built from the entries when asked
            ev.__dict__.pop(derived, None)
        ev.case = replace(self.case, host_entries=tuple(hosts))
        ev.entries, ev.host_firsts, ev.lasts = entries, firsts, lasts
        ev.current = ev._current()
        return ev

    def _under_way(self, first: int, last: int | None) -> bool:
        """Whether a stay elsewhere from ``first`` to ``last`` is no planned trip though it
        may begin on the query day. Away from the host, one begun that day is under way, as
        one begun before: the stay judged is entered instead of it (on a crossing day, the
        stay just begun is where the person is), and so is that stay run on through a
        planned entry into the host, whose current entry begins on the query day (``away``
        stays as recorded in ``_through``): entering on the query day to stay through a trip
        to the host planned from the next day is as possible as entering to leave by it, as
        ``earliest_entry`` judges such a stay too. Present, one that came before the current
        entry: it ends by the day that entry began, and the entry goes on past that day (a
        day trip out and back in on the day the current entry began, a border run)."""
        if first > self.on:
            return False
        if self.away or self.current is None:
            return True
        if last is None:
            return False
        began, recorded = self.case.host_entries[self.current]
        return last <= began and (recorded is None or recorded > last)

    # -- views -----------------------------------------------------------------------------

    def _span_of(self, limits: Sequence[InForce]) -> tuple[int, int]:
        back = max((lookback(x.limit) for x in limits), default=0)
        ahead = max((lookahead(x.limit) for x in limits), default=0)
        return back, ahead

    def view(self, lo: int, hi: int, back: int, leave_out: Collection[int] = (),
             with_span: Span | None = None, under_way: bool = False) -> View:
        """Entries that can influence days ``[lo, hi]``, but those of index ``leave_out``, and
        optionally one added; ``under_way``: the one added is the stay under way on the query
        day, and the entries it was entered after are not judged per entry
        (``_behind_left_out``)."""
        start = bisect_left(self.lasts, lo - back)
        chosen: list[Span] = []
        for i in range(start, len(self.entries)):
            first, last = self.entries[i]
            if first > hi:
                break
            if i not in leave_out:
                chosen.append((first, last))
        present = [*chosen, *([with_span] if with_span else [])]
        if with_span is None:
            return self._view(chosen, present)
        kept = _behind_left_out(chosen, with_span[0]) if under_way else chosen
        return self._view(sorted([*kept, with_span]), present)

    def _view(self, entries: Sequence[Span], present: Sequence[Span]) -> View:
        """The view of ``entries`` (judged per entry) and of the days ``present``: those a
        permit covers left out of the count, those an extension adds left unjudged."""
        return View(tuple(entries), DayIndex(subtract(merge(present), self.exempt)),
                    self.extended)

    def history_view(self, back: int) -> View:
        """Presence recorded up to the query day only (planned stays left out)."""
        start = bisect_left(self.lasts, self.on - back)
        chosen: list[Span] = []
        for first, last in self.entries[start:]:
            if first > self.on:
                break
            chosen.append((first, min(last, self.on)))
        return self._view(chosen, chosen)

    def pieces(self, view: View, limits: Sequence[InForce], lo: int, hi: int) -> list[Piece]:
        out: list[Piece] = []
        for limit in limits:
            out.extend(bad_pieces(limit, view, lo, hi))
        return out

    # -- answers ----------------------------------------------------------------------------

    def all_violations(self, limits: Sequence[InForce]) -> list[Piece]:
        if not self.entries:
            return []
        full = self._view(self.entries, self.entries)
        lo = self.entries[0][0]
        hi = max(self.lasts)
        return self.pieces(full, limits, lo, hi)

    def known_until(self, day: int) -> int | None:
        """Last day of the known stretch containing ``day``; None if ``day`` is not known."""
        for first, last in self.case.known:
            if first <= day <= last:
                return last
        return None

    def cap(self, after: int) -> tuple[int, str, PlannedStay | None]:
        """The first day a continuous stay from ``after`` runs into another recorded stay: a
        later entry into the host, or a stay elsewhere beginning that day or later (leaving on
        the day it begins is the crossing day); and that stay."""
        limit = self.on + HORIZON_DAYS
        i = bisect_right(self.host_firsts, after)
        found = [(self.entries[i], True)] if i < len(self.entries) else []
        # the first stay elsewhere from ``after`` on that is not under way (only one begun by
        # the query day can be), found by bisection: a scan from the start walked every stay
        # elsewhere before the query day, on each call
        for j in range(bisect_left(self.elsewhere_all_firsts, after), len(self.elsewhere)):
            if not self._under_way(*self.case.elsewhere[j]):
                found.append((self.elsewhere[j], False))
                break
        found = [f for f in found if f[0][0] < limit]
        if not found:
            return limit, "none", None
        # A host entry and a trip elsewhere can begin on one day only when the trip is a day
        # across the border and back: the stay ends that day either way, and it is the trip
        # elsewhere that makes the person leave, so it is the one named (False sorts first).
        (first, last), in_host = min(found, key=lambda f: (f[0][0], f[1]))
        return first, "planned_trip", PlannedStay(_date(first), _date(last), in_host, False)

    def broken_entry(self, broken: Sequence[tuple[Span, Piece]]) -> PlannedStay:
        """The planned entry into the host holding the first of the new non-compliant days a
        longer stay would bring (``broken``: each run with the piece of the limit it breaks),
        and the limits it would break there."""
        day = min(span[0] for span, _ in broken)
        first, last = next(e for i, e in enumerate(self.entries)
                           if i != self.current and e[0] <= day <= e[1])
        limits = dict.fromkeys(LimitName(p.ref, p.limit.spec, p.limit.label,
                                          counted_from(p.limit))
                               for (lo, hi), p in broken if lo <= last and hi >= first)
        return PlannedStay(_date(first), _date(last), True, True, tuple(limits))

    def overlapped(self, first: int, last: int
                   ) -> tuple[tuple[Span, int | None] | None, list[int]]:
        """What a new entry ``[first, last]`` meets beyond a shared crossing day: a recorded
        stay that blocks it, if any (with its entry's index in the host, None elsewhere), else
        the planned entries into the host it runs on through (by index). A planned entry is
        the stay's own when it begins within it and its exit is recorded (as in latest_exit);
        one begun before ``first`` is a stay the person is already in, and one without exit
        has unknown days after its first."""
        # Recorded stays never overlap beyond a crossing day, so sorted by first day their
        # last days do not decrease either: those from the first one ending after ``first``
        # that begin before ``last`` are all it meets.
        joined: list[int] = []
        for k in range(bisect_right(self.all_lasts, first), len(self.all_stays)):
            stay, i = self.all_stays[k]
            if stay[0] >= last:
                break
            if (i is None or i == self.current or stay[0] < first
                    or self.case.host_entries[i][1] is None):
                return (stay, i), []
            joined.append(i)
        return None, joined

    def unprotected(self, lo: int, hi: int, back: int, limits: Sequence[InForce],
                    leave_out: Collection[int] = (), add: Span | None = None) -> list[Span]:
        """Days in ``[lo, hi]`` a new stay may leave non-compliant: those already so in the
        baseline, and every day of a planned entry that already has a non-compliant day, but
        for a day it shares with another entry (a border run's crossing day), which is that
        entry's too and keeps its protection.

        The baseline is the entries as recorded, but those of index ``leave_out`` (the stay's
        own), with ``add`` if given."""
        entries = []
        for i in range(bisect_left(self.lasts, lo), len(self.entries)):
            if self.entries[i][0] > hi:
                break
            if i != self.current and i not in leave_out:
                entries.append(self.entries[i])
        reach = max([hi, *(e[1] for e in entries)])
        baseline = self.view(lo, reach, back, leave_out, add)
        old = merge((p.first, p.last) for p in self.pieces(baseline, limits, lo, reach))
        tainted = [e for e in entries if e[0] > self.on and intersect([e], old)]
        kept = [e for e in entries if e not in tainted]
        return merge([*old, *subtract(merge(tainted), merge(kept))])

    def latest_exit(self, limits: Sequence[InForce]
                    ) -> tuple[int | None, str, PlannedStay | None]:
        """The last day of a continuous stay from the query day, what limits it, and, when
        that is a planned stay, which.

        Returns (day, reason, planned stay); day is ``on - 1`` when no stay is possible and
        None when no limit applies within the horizon.

        A stay that runs into a planned entry into the host may leave on the day it begins
        (that entry is then a new one: a border run), or stay on through it: presence is the
        union of the days, so the planned days are the stay's own, and no entry is made. The
        later of the two ways wins; staying on counts only when the whole planned entry stays
        compliant, as the plan must: so not for one with no exit recorded, whose days after
        the first are not known.
        """
        ev, answer = self, self._latest_exit_to_cap(limits)
        # one planned entry after another, as long as the stay runs on through each: a loop,
        # as a history of many entries would run a recursion out of stack
        while True:
            _, why, planned = answer
            if why != "planned_trip" or planned is None or not planned.in_host or planned.broken:
                return answer
            # the first entry begun that day: the current one began by the query day
            i = bisect_left(ev.host_firsts, planned.first.toordinal())
            if ev.case.host_entries[i][1] is None:
                return answer
            joined_last = ev.entries[i][1]
            through = ev._through(i)
            longer = through._latest_exit_to_cap(limits)
            if longer[0] is not None and longer[0] < joined_last:
                return answer
            ev, answer = through, longer

    def _latest_exit_to_cap(self, limits: Sequence[InForce]
                            ) -> tuple[int | None, str, PlannedStay | None]:
        """latest_exit, with a planned entry into the host taken as a new entry that the stay
        must leave for by the day it begins."""
        on = self.on
        if not limits:  # nothing limits the stay: planned trips cannot shorten it either
            known_last = self.known_until(on)
            if known_last is not None and known_last < on + HORIZON_DAYS:
                return known_last, "unknown_rules", None
            return None, "none", None
        start = self.entries[self.current][0] if self.current is not None else on
        cap, why, planned = self.cap(on)
        back, ahead = self._span_of(limits)
        own = () if self.current is None else (self.current,)
        view = self.view(on, cap, back, own, (start, cap), under_way=True)
        bad = [p.first for p in self.pieces(view, limits, on, cap)]
        last = cap
        if bad:
            last, why = min(bad) - 1, "rule"
        known_last = self.known_until(on)
        if known_last is not None and known_last < last:
            last, why = known_last, "unknown_rules"
        if last < on:
            return on - 1, "rule", None
        # Planned stays after the query day must stay as compliant as they were.
        hi = last + ahead
        k = bisect_right(self.host_firsts, on)  # the first entry begun after the query day
        if k < len(self.entries) and self.entries[k][0] <= hi:
            base = (start, on) if self.current is not None else None

            def broken(end: int) -> list[tuple[Span, Piece]]:
                """The days of planned stays a stay until ``end`` would newly make
                non-compliant, each run with the piece (the limit) that makes it so."""
                scenario = self.view(end + 1, hi, back, own, (start, end))
                old = self.unprotected(end + 1, hi, back, limits, own, base)
                return [(span, p) for p in self.pieces(scenario, limits, end + 1, hi)
                        for span in subtract([(p.first, p.last)], old)]

            now = broken(on)
            if now:
                return on - 1, "planned_trip", self.broken_entry(now)
            if broken(last):
                lo_e, hi_e = on, last  # broken(lo_e) is empty; find the largest end so
                while lo_e < hi_e:
                    mid = (lo_e + hi_e + 1) // 2
                    if not broken(mid):
                        lo_e = mid
                    else:
                        hi_e = mid - 1
                last, why, planned = lo_e, "planned_trip", self.broken_entry(broken(lo_e + 1))
        if why == "none":
            return None, "none", None
        return last, why, planned if why == "planned_trip" else None

    def earliest_entry(self, limits: Sequence[InForce], length: int, not_before: int = 0
                       ) -> tuple[int | None, int | None, str, PlannedStay | None]:
        """First day >= the query day (or the end of the current stay) on which a new entry
        for ``length`` days is possible: one latest_exit would let run that long, were it made
        that day. It ends a stay elsewhere under way, and runs on through the planned entries
        into the host it meets, whose days must then all be compliant too. With no limit, a
        recorded stay it meets delays it no more than it shortens latest_exit's stay (a
        planned trip elsewhere ends the stay, it is no reason to wait). Returns that day,
        the last day of the stay so begun (on through those planned entries, to the last
        one's exit), why, and, with no limit, the first recorded stay it so runs into (one
        the answer must name, as the stay offered clashes with it). ``not_before``: a day
        before which no entry is sought (the host's entry rules refuse the way in until then:
        status's ``entry_from``)."""
        on = self.on
        start = max(on, not_before)
        if self.current is not None:
            start = max(start, self.entries[self.current][1])
        back, ahead = self._span_of(limits)
        day = start
        end_scan = on + PLAN_SCAN_DAYS
        while day <= end_scan:
            blocker, joined = self.overlapped(day, day + length - 1)
            if blocker is not None and limits:
                day = blocker[0][1]
                continue
            last = max([day + length - 1, *(self.entries[i][1] for i in joined)])
            known_last = self.known_until(day)
            if known_last is None or known_last < last:
                # Skip to the next stretch of days whose rules the pack knows.
                later = [f for f, _ in self.case.known if f > day]
                if not later:
                    return None, None, "unknown_rules", None
                day = later[0]
                continue
            hi = last + ahead
            scenario = self.view(day, hi, back, joined, (day, last))
            new = self.pieces(scenario, limits, day, hi)
            if not any(p.first <= last for p in new):
                old = self.unprotected(day, hi, back, limits, joined)
                if not subtract(merge((p.first, p.last) for p in new), old):
                    return day, last, "rule", self._met(blocker)
            day += 1
        return None, None, "rule", None

    @staticmethod
    def _met(stay: tuple[Span, int | None] | None) -> PlannedStay | None:
        """The recorded stay a new entry runs into, as latest_exit's cap names one (its days
        as the query day sees them: the first alone when no exit is recorded)."""
        if stay is None:
            return None
        (first, last), i = stay
        return PlannedStay(_date(first), _date(last), in_host=i is not None, broken=False)

    def registration_rule(self, entry: int) -> RegistrationInForce | None:
        """The registration rule that judges a stay entered on ``entry``: the first in force
        that day, even when another takes over while the stay lasts (docs/counting.md)."""
        return next((reg for reg in self.case.registrations
                     if any(f <= entry <= z for f, z in reg.spans)), None)

    def unregistered_overstays(self) -> list[Piece]:
        """The days each stay went on past a registration deadline it missed, under a rule
        that lets a stay go on past its deadline only when registered (``effect: extends``):
        the stay should have ended on its deadline, as ``status`` says of the stay under way,
        so every day after it is an overstay, for a past stay as for that one. Judged only
        where the deadline is before the query day: one still to come may yet be met. A
        registration recorded from the entry to the deadline, or a residence permit held on
        the deadline day (none was due), keeps the stay lawful; days a permit covers are not
        judged, nor those an extension of stay adds. The peak is the stay's days counted to
        the run's last day, as a per-entry count gives it."""
        if not any(reg.rule.effect == "extends" for reg in self.case.registrations):
            return []
        out: list[Piece] = []
        for entry, last in self.entries:
            reg = self.registration_rule(entry)
            if reg is None or reg.rule.effect != "extends":
                continue
            by = reg.rule.deadline(_date(entry), self.case.calendar).toordinal()
            if (by >= self.on or last <= by or self._registered(entry, by)
                    or any(f <= by <= z for f, z in self.case.residence)):
                continue
            counted = DayIndex(subtract([(entry, last)], self.exempt))
            out.extend(Piece(max(first, by + 1), end, counted.count(entry, end), reg.ref,
                             reg.rule, missed_by=by)
                       for first, end in subtract(counted.spans, self.extended) if end > by)
        return out

    def _registered(self, entry: int, by: int) -> bool:
        """Whether a registration is recorded from ``entry`` to ``by``, both included."""
        return bisect_left(self.case.registered_on, entry) < bisect_right(
            self.case.registered_on, by)

    def register_by(self, entry: int, stay_last: int | None) -> Registration | None:
        reg = self.registration_rule(entry)
        if reg is not None:
            rule = reg.rule
            deadline = rule.deadline(_date(entry), self.case.calendar)
            # a stay that ends before the deadline needs none, unless the sources have every
            # stay registered, however short (Mongolia's 48 hours)
            if (stay_last is not None and stay_last < deadline.toordinal()
                    and rule.short_stays != "required"):
                return None
            # A registration counts when it was made for this stay, by the deadline, and on or
            # before the query day; a later or a planned one is reported as such.
            made = [r for r in self.case.registered_on
                    if entry <= r and (stay_last is None or r <= stay_last)]
            done = any(r <= deadline.toordinal() and r <= self.on for r in made)
            by = deadline.toordinal()
            covering = next((f for f, z in self.case.residence if f <= by <= z), None)
            # a permit begun after the deadline: one begun by then covers the deadline day
            after = next((f for f, _ in self.case.residence if by < f <= self.on), None)
            return Registration(
                by=deadline, rule=reg.ref, label=rule.label, done=done,
                recorded_on=_date(made[0]) if made else None,
                extends=rule.effect == "extends", registrant=rule.registrant,
                overdue=not done and covering is None and by < self.on,
                holidays_known=rule.unit == "calendar" or self.case.calendar.knows_holidays,
                unsure=(None if rule.unit == "calendar"
                        else self.case.calendar.unsure(_date(entry), deadline)),
                history_records=self.case.records_registrations,
                under_permit=any(by < f <= self.on <= z for f, z in self.case.residence),
                covered_from=None if covering is None else _date(covering),
                permit_after=None if after is None else _date(after))
        return None


def _figures(ev: _Evaluator, limit: InForce, pieces: Sequence[Piece]) -> LimitFigures:
    on = ev.on
    used = count_on(limit.limit, ev.history_view(lookback(limit.limit)), on)
    last, _, _ = ev.latest_exit([limit])
    in_force = any(f <= on <= z for f, z in limit.spans)
    entered_from, entered_to = entered_range(limit.named)
    # "25 days per entry" of a 90-day visa rule read as the rule's own figure
    label = limit.named.label + (f", to the last day of your visa, {format_long(limit.visa_ends)}"
                                 if limit.visa_ends is not None else "")
    return LimitFigures(
        rule=limit.ref, spec=limit.named.spec, label=label, in_force_on=in_force,
        days_used=used, days_remaining=max(0, limit.limit.max - used),
        latest_exit=None if last is None or last < on else _date(last),
        max_stay_days=None if last is None else max(0, last - on + 1),
        violations=_runs(pieces), counts_from=counted_from(limit.limit),
        entered_from=entered_from, entered_to=entered_to, visa_ends=limit.visa_ends,
        except_entries=limit.skips,
    )


def _figures_told(ev: _Evaluator, limits: Sequence[InForce], pieces: dict[int, list[Piece]],
                  entry: dt.date) -> tuple[LimitFigures, ...]:
    """The figures of each of ``limits`` as the pack states it. The parts a per-entry limit
    is cut into around the entries made on a visa (InForce.whole) are told as that one limit,
    in the place of its first part: with the figures of the part that judges the stay entered
    on ``entry`` (any, where none does: the visa rule judges it), and the violations of all."""
    parts: dict[int, list[InForce]] = {}
    for x in limits:
        parts.setdefault(id(x.whole) if x.whole is not None else id(x), []).append(x)
    told: list[LimitFigures] = []
    for group in parts.values():
        judging = next((x for x in group if isinstance(x.limit, PerEntry)
                        and x.limit.judges(entry.toordinal())), group[0])
        figures = _figures(ev, judging, pieces[id(judging)])
        if len(group) > 1:
            figures = replace(figures, violations=_runs(
                [p for x in group for p in pieces[id(x)]]))
        told.append(figures)
    return tuple(told)


def _relevant(case: Case, on: int) -> list[InForce]:
    """Limits in force on or after the query day (earlier ones can only explain the past)."""
    return [x for x in case.limits if any(z >= on for _, z in x.spans)]


def _first_known_after(case: Case, on: int) -> int | None:
    """The first day after ``on`` whose stay rules are known, where ``on``'s are not."""
    return min((first for first, _ in case.known if first > on), default=None)


def _caps(case: Case, limits: Sequence[InForce], length: int, on: int,
          known_to: int | None = None) -> tuple[Cap, ...]:
    """The limits that allow no stay of ``length`` days from ``on`` on, ever. A stay of that
    length ends on or after ``on + length - 1``, and a limit that caps a single stay below
    ``length`` (per entry, or a rolling count whose window is longer than its maximum) bars it
    if in force on its last day, where it counts all the stay's days (or a whole window). So
    every such stay is barred when such limits are in force on every day from then on, to
    beyond the engine's horizon: the tightest single one in force all along, or else one after
    another across a rule change (Kazakhstan's 90 per entry, then 90 in any 180). Not while a
    day under a permit lies ahead: such days are not counted, and a stay across them may last
    longer. The days an extension of stay adds are counted though no limit judges them: a
    stay that ends after the last of them ahead counts them all on its last day, so the
    limits cap the stays ending from then on (Bali's 30 days per entry, the stay under way
    extended by 30; the search found no stay ending sooner). A calendar-year limit caps no
    single stay: one across New Year counts in two years. With ``known_to``, the last day
    whose stay rules the pack knows (none after it), the same of the stays ending by then: the
    last limit named ends that day (Vietnam's 45 days per entry, to 14 March 2028)."""
    if any(last >= on for _, last in case.exempt):
        return ()
    end = on + HORIZON_DAYS if known_to is None else known_to
    capping = [(x, max(f, _caps_from(x.limit, length)), min(z, _caps_to(x.limit, length)))
               for x in limits
               if (isinstance(x.limit, PerEntry)
                   or (isinstance(x.limit, Rolling) and x.limit.window > x.limit.max))
               and x.limit.max < length for f, z in x.spans
               if max(f, _caps_from(x.limit, length)) <= min(z, _caps_to(x.limit, length))]
    day = max([on + length - 1, *(last + 1 for _, last in case.extended if last >= on)])
    whole = [x for x, f, z in capping if f <= day and z >= end]
    if whole:
        tightest = min(whole, key=lambda x: x.limit.max)
        return (_named(tightest, day, known_to),)
    chain: list[Cap] = []
    while True:  # the limit in force longest from ``day``, then the one after it
        here = [(x, z) for x, f, z in capping if f <= day <= z]
        if not here:
            return ()
        x, z = max(here, key=lambda xz: (xz[1], -xz[0].limit.max))
        if z >= end:
            return (*chain, _named(x, day, known_to))
        chain.append(_named(x, day, z))
        day = z + 1


def _caps_from(limit: Limit, length: int) -> int:
    """The first day on which ``limit`` caps a single stay of ``length`` days, judged on its
    last day: any day for most; for a rolling count from a day on, the day its ``max + 1``-th
    counted day can fall on (a stay that ends sooner counts fewer of its days, however long it
    is); for a per-entry limit of the entries from a day, the last day of one entered then."""
    if isinstance(limit, Rolling) and limit.counts_from is not None:
        return limit.first_counted + limit.max
    if isinstance(limit, PerEntry) and limit.entered_from is not None:
        return limit.first_entered + length - 1
    return 0


def _caps_to(limit: Limit, length: int) -> int:
    """The last day on which ``limit`` caps a single stay of ``length`` days: for a per-entry
    limit of the entries to a day, the last day of one entered then; else none."""
    if isinstance(limit, PerEntry) and limit.entered_to is not None:
        return limit.last_entered + length - 1
    return MAX_DAY


def _named(x: InForce, first: int, last: int | None) -> Cap:
    return Cap(x.ref, x.named.spec, x.named.label, x.limit.max, _date(first),
               None if last is None else _date(last), counted_from(x.limit))


def _binding(figures: Sequence[LimitFigures], latest: dt.date | None, on: dt.date,
             entry: dt.date | None = None) -> LimitFigures | None:
    """The limit the answer is told by: of those that end the stay from ``on`` (entered on
    ``entry``, else on ``on``) on its latest exit, the one with the fewest days left. A limit
    that does not judge that stay is left out where another does: where every limit lets the
    stay run to the last day the pack knows, Thailand's 30 days for the entries to 14 July
    2024 ('0 days used, 30 days left') was told of a Ukrainian who entered in May 2026, whom
    the 60 days of the same rule judge."""
    stay = [f for f in figures if f.judges_entry(entry or on)]
    figures = stay or figures
    limiting = [f for f in figures if f.latest_exit == latest or (
        latest is None and f.max_stay_days == 0)]
    if latest is None:
        limiting = [f for f in figures if f.in_force_on]
    # Of the limits that end the stay on one day, the one with the fewest days left: a planned
    # trip ends the stay under every limit on its first day, and the first listed ("60 days
    # per entry: 51 days left") read as days to spare beside 21 left of 90 in any 180
    limiting.sort(key=lambda f: (not f.in_force_on, f.days_remaining))
    return limiting[0] if limiting else None


def status(case: Case, on: dt.date, length: int | None = None,
           entry_from: dt.date | None = None) -> Answer:
    """How long the person may stay from ``on``; with ``length``, when such a stay can begin,
    on ``entry_from`` or later where given (`plan --by`: the host's entry rules refuse the
    entry made that way on the days before it)."""
    not_before = 0 if entry_from is None else entry_from.toordinal()
    ev = _Evaluator(case, on)
    limits = _relevant(case, ev.on)
    notes: list[str] = list(ev.notes)
    # One scan of the whole history per limit serves both the overall and per-limit runs.
    pieces = {id(x): ev.all_violations([x]) for x in case.limits}
    violations = _runs([*(p for found in pieces.values() for p in found),
                        *ev.unregistered_overstays()], case.records_registrations)
    entered = _date(ev.entries[ev.current][0]) if ev.current is not None else None
    leaving = _date(ev.entries[ev.current][1]) if ev.current is not None else None
    if ev.known_until(ev.on) is None:
        # The stay limit is unknown, but a registration duty may still be known: its deadline
        # holds for a stay whose end is not recorded.
        earliest = earliest_until = None
        caps: tuple[Cap, ...] = ()
        if length is not None:  # a later stretch of known rules may still hold the stay
            first, until, _, _ = ev.earliest_entry(limits, length, not_before)
            earliest = None if first is None else _date(first)
            earliest_until = None if until is None else _date(until)
            known_from = _first_known_after(case, ev.on)
            if first is None and known_from is not None:
                # none does: a limit of the rules known from then on may allow no stay that
                # long (Croatia from 1 January 2023, the Schengen area's 90 days in any
                # 180), which says more than "no later stretch holds it"
                caps = _caps(case, _relevant(case, known_from), length, known_from)
        if ev.current is not None:
            entry, recorded = ev.entries[ev.current][0], case.host_entries[ev.current][1]
            reg = ev.register_by(entry, recorded if recorded is not None and recorded >= ev.on
                                 else None)
        else:
            # for plan, of the planned stay from its earliest entry, as where the rules are
            # known: a deadline counted from the query day was for a stay that cannot begin
            entry = earliest.toordinal() if earliest else ev.on
            reg = ev.register_by(entry, earliest_until.toordinal() if earliest_until
                                 else None if length is None else entry + length - 1)
        return Answer(
            on=on, present=ev.current is not None, entered=entered, days_used=None,
            days_remaining=None, latest_exit=None, max_stay_days=None, limited_by="unknown_rules",
            violations=violations, register_by=reg, binding=None, binding_constraint=None,
            constraints=(),
            earliest_entry=earliest, earliest_until=earliest_until, length=length,
            too_long=caps[0] if len(caps) == 1 else None, too_long_limits=caps,
            unknown=case.unknown_reason, notes=tuple(notes), leaving=leaving)
    last, why, planned = ev.latest_exit(limits)
    latest = None if last is None or last < ev.on else _date(last)
    max_stay = None if last is None else max(0, last - ev.on + 1)
    figures = _figures_told(ev, limits, pieces, entered or on)
    binding = _binding(figures, latest, on, entered) if limits else None
    if why == "rule" and binding is not None and binding.visa_ends == latest is not None:
        # the limit that ends the stay is a visa rule's, cut to the visa's last day: the
        # visa's end, not the rule's days, sets the date (as destinations says of a visa)
        why = "visa"
    unknown = None
    if why == "unknown_rules":
        unknown = case.unknown_reason
        notes.append(f"the pack does not know the rules after {format_long(_date(last or ev.on))}")
    # The registration of the stay from the query day: the current stay's, or a stay entered
    # on the query day. It may end that stay before the limits do, in plan as in status, and
    # before the earliest entry is sought (a stay that must end now asks for one).
    if ev.current is not None:
        entry = ev.entries[ev.current][0]
        recorded = case.host_entries[ev.current][1]
        # A stay under way has lasted to the query day, even when no day of it may go on
        # (``last`` is then the day before): on its deadline day it still needs registering.
        reg_now = ev.register_by(entry, recorded if recorded is not None and recorded >= ev.on
                                 else None if last is None else max(last, ev.on))
    else:
        reg_now = None if max_stay == 0 else ev.register_by(ev.on, last)
    if (reg_now is not None and reg_now.extends and not reg_now.done
            and reg_now.covered_from is None and (latest is None or latest > reg_now.by)):
        # Without registration the stay may not go past the deadline.
        if reg_now.by >= on:
            notes.append(f"registering by {format_long(reg_now.by)} lets the stay go on "
                         + (f"until {format_long(latest)}" if latest else "with no limit"))
            latest, why = reg_now.by, "registration"
            max_stay = (reg_now.by - on).days + 1
        else:
            notes.append(f"the stay was not registered by {format_long(reg_now.by)}, so it "
                         "should have "
                         "ended then" if reg_now.history_records else
                         f"unless the stay was registered by {format_long(reg_now.by)}, it "
                         "should have ended "
                         "then (a CSV history records no registrations)")
            latest, why, max_stay = None, "registration", 0
    earliest = earliest_until = meets = None
    want = length if length is not None else (1 if max_stay == 0 else None)
    too_long: tuple[Cap, ...] = ()
    if want is not None:
        first, until, why_e, meets = ev.earliest_entry(limits, want, not_before)
        earliest = None if first is None else _date(first)
        earliest_until = None if until is None else _date(until)
        if why_e == "unknown_rules":
            unknown = unknown or case.unknown_reason
            if first is None and (known_to := ev.known_until(ev.on)) is not None:
                # the rules after the known days unknown: a limit may still cap every stay
                # that long ending by then, which says more than the rules' end alone
                too_long = _caps(case, limits, want, ev.on, known_to)
        elif first is None:
            too_long = _caps(case, limits, want, ev.on)
    # The registration shown: of the stay from the query day, or, for plan when absent, of
    # the planned stay from its earliest entry, to its last day (on through a planned trip
    # to the host it takes in).
    reg = reg_now
    if length is not None and ev.current is None:
        entry = earliest.toordinal() if earliest else ev.on
        reg = ev.register_by(entry, earliest_until.toordinal() if earliest_until
                             else entry + length - 1)
    return Answer(
        on=on, present=ev.current is not None, entered=entered,
        days_used=binding.days_used if binding else None,
        days_remaining=binding.days_remaining if binding else None,
        latest_exit=latest, max_stay_days=max_stay, limited_by=why, violations=violations,
        register_by=reg, binding=binding.rule if binding else None,
        binding_constraint=binding.spec if binding else None, constraints=figures,
        earliest_entry=earliest, earliest_until=earliest_until, earliest_meets=meets,
        length=length,
        too_long=too_long[0] if len(too_long) == 1 and too_long[0].last is None else None,
        too_long_limits=too_long, unknown=unknown,
        notes=tuple(notes), leaving=leaving,
        planned_stay=planned if why == "planned_trip" else None)
