"""What an offence the answer shows costs: the pack's penalty rule for it, and the band that
matches the time over. The law as its sources state it, not legal advice.

An offence is judged by the penalty rule in force on its first day (the first day over, or the
day after a missed registration deadline): an act that makes a penalty harsher does not reach
back to an offence committed before it. A rule that comes into force while the offence goes on
is named beside it, since whether it reaches one under way the sources do not say.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sojourn.dates import format_long, months_after, whole_years
from sojourn.engine import Answer
from sojourn.engine.kinds import HOUSER, Registrant
from sojourn.rules.loader import Pack
from sojourn.rules.select import Applied, Assumption, select
from sojourn.rules.topics import EntryBan, Fine, Penalty, PenaltyBand, StayRegistration
from sojourn.words import contested_account, listed, listed_verb, run_of_days

NOT_ADVICE = "the law as the pack's sources state it, not legal advice"


@dataclass(frozen=True)
class Offence:
    """An offence the answer shows: an overstay run, or a registration made late or not yet."""

    kind: str  # overstay | late_registration
    first_day: dt.date  # the first day over, or the first day after the deadline
    last_day: dt.date  # the last day over counted: the run's, the query day, or the day a
    # registration was recorded late
    planned: bool = False  # an overstay the history plans after the query day
    # an overstay's days past a registration deadline missed (effect extends): that deadline
    registration_by: dt.date | None = None
    # a late registration: who the registration rule says registers (Registration.registrant);
    # "host": the duty, and its fine, are whoever houses the person's, not the person's
    registrant: Registrant | None = None

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    @property
    def months(self) -> int:
        """The calendar months begun from the first day over to the last: 1 for up to one
        month (1 to 31 March), 2 from the day a month after the first (1 April) on."""
        months = 1
        while months_after(self.first_day, months) <= self.last_day:
            months += 1
        return months


@dataclass(frozen=True)
class PenaltyLine:
    """The penalty the pack gives for one offence: its rule in force on the offence's first
    day (None: the pack has none), the bands that match the time over (one per grade of
    offence in a year, where the rule grades by that), and a rule that comes into force while
    the offence goes on. A band for an unregistered stay alone (``when``) is among ``bands``
    unless the history records the stay registered over the whole time over: then it is in
    ``spared``, and brings nothing."""

    offence: Offence
    rule: Applied | None
    bands: tuple[PenaltyBand, ...] = ()
    assumption: Assumption | None = None
    later: Applied | None = None
    registered: StayRegistration = "not_recorded"
    spared: tuple[PenaltyBand, ...] = ()

    def applied(self) -> tuple[PenaltyBand, ...]:
        """The bands that surely apply: on no condition, or on one the history meets."""
        return tuple(b for b in self.bands if b.applies(self.registered))

    def untold(self) -> tuple[PenaltyBand, ...]:
        """The bands whose condition the history cannot judge (PenaltyBand.applies)."""
        return tuple(b for b in self.bands if b.applies(self.registered) is None)

    @property
    def over(self) -> int:
        """The time over as the rule's bands count it."""
        measure = self.rule.penalty.measure if self.rule and self.rule.penalty else "days"
        return self.offence.months if measure == "months" else self.offence.days


def offences(answer: Answer) -> list[Offence]:
    """The overstays the answer shows (past, under way, planned) and a registration deadline
    missed: not recorded by the query day, or recorded after the deadline, and no residence
    permit held on the deadline day."""
    found = [Offence("overstay", v.first_day, v.last_day, v.first_day > answer.on,
                     v.missed_registration.by if v.missed_registration else None)
             for v in answer.violations]
    reg = answer.register_by
    # a CSV history records no registrations: whether one was missed is not known
    if (reg is not None and reg.history_records and not reg.done and reg.by < answer.on
            and reg.covered_from is None):
        late = reg.recorded_on is not None and reg.by < reg.recorded_on <= answer.on
        # registered late on R: late from the day after the deadline to R, R included
        last = reg.recorded_on if late and reg.recorded_on is not None else answer.on
        if reg.permit_after is not None:
            # a visitor's duty: the residence permit begun since ended the stay it was owed for
            last = min(last, reg.permit_after - dt.timedelta(days=1))
        if reg.overdue or late:
            found.append(Offence("late_registration", reg.by + dt.timedelta(days=1), last,
                                 registrant=reg.registrant))
    return found


def penalty_lines(pack: Pack, host: str, citizenship: str, answer: Answer,
                  assume: tuple[str, ...] = (),
                  registered: Callable[[Offence], StayRegistration] | None = None
                  ) -> tuple[PenaltyLine, ...]:
    """A line for each offence the answer shows; none where it shows none. ``registered``
    tells whether the stay an overstay was in was registered (None: the history records no
    registrations), for the bands that are for an unregistered stay alone."""
    found = offences(answer)
    if not found:
        return ()
    rules, assumptions = select(pack, host, citizenship, assume, topics=("penalty",))
    lines = []
    for offence in found:
        mine = sorted((r for r in rules if r.penalty and r.penalty.offence == offence.kind),
                      key=lambda r: r.valid_from)
        rule = next((r for r in mine if r.in_force(offence.first_day)), None)
        later = next((r for r in mine if offence.first_day < r.valid_from <= offence.last_day
                      and r is not rule), None)
        if rule is None or rule.penalty is None:
            lines.append(PenaltyLine(offence, None, later=later))
            continue
        line = PenaltyLine(offence, rule, assumption=next(
            (x for x in assumptions if x.rule == rule.id), None), later=later)
        reg = (registered(offence) if registered is not None and offence.kind == "overstay"
               else "not_recorded")
        bands = tuple(b for b in rule.penalty.bands if b.covers(line.over))
        lines.append(PenaltyLine(offence, rule, tuple(b for b in bands if b.applies(reg)
                                                      is not False),
                                 line.assumption, later, reg,
                                 tuple(b for b in bands if b.applies(reg) is False)))
    return tuple(lines)


@dataclass(frozen=True)
class BanLine:
    """One account of an entry ban an overstay brought: the overstay, the penalty rule that
    graded it, the ban, and the day the person left the stay it was in (the ban's first day;
    None: not left by the query day, so no ban runs yet)."""

    offence: Offence
    rule: Applied
    ban: EntryBan
    left: dt.date | None
    # every case the band tells apart, this ban's among them ("1 year if the fine is paid on
    # leaving; 2 years if not"): which one holds, the tool cannot ask
    cases: tuple[EntryBan, ...] = ()
    # the account of a contested penalty rule the ban's band comes from (Georgia's bands by 3
    # or by 6 months give a ban of up to 2 years or of 1 year): said wherever the ban is
    assumption: Assumption | None = None
    # ``left`` is not an exit the history records but the day a person still in the host is
    # taken to leave (the query day, or the exit recorded after it): the ban leaving would
    # bring, judged as one after a recorded exit is
    if_leaving: bool = False

    @property
    def bars(self) -> bool:
        """Whether the ban bars entry up to its last day whatever the person did: certain on
        no condition, or the case that ends first of a band whose every case is a certain ban
        of known length (surrendered or arrested, a 3-year or a 10-year ban: at least 3)."""
        if self.ban.binding:
            return self.last_day is not None
        if (self.left is None or not self.ban.condition or not self.cases
                or not all(c.certainty == "certain" and c.known_length for c in self.cases)):
            return False
        return self.last_day == min(end for c in self.cases
                                    if (end := c.ends_on(self.left)) is not None)

    @property
    def last_day(self) -> dt.date | None:
        """The last day the ban bars entry; None where it has not begun or its length is
        unknown."""
        return None if self.left is None else self.ban.ends_on(self.left)

    def runs_on(self, day: dt.date) -> bool:
        """Whether the ban may bar an entry on ``day``: the person has left, on that day or
        before (the day of leaving is the ban's first: an exit and a new entry the same day,
        a border run, is barred), and its end is on or after the day, or not known."""
        end = self.last_day
        return self.left is not None and self.left <= day and (end is None or day <= end)

    @property
    def why(self) -> str:
        """"overstay of 737 days ending 1 March 2025, th-penalty-overstay"."""
        o = self.offence
        return (f"overstay of {o.days} day{'s' if o.days != 1 else ''} ending "
                f"{format_long(o.last_day)}, {self.rule.id}")

    @property
    def words(self) -> str:
        """The ban in a sentence: "entry barred until 28 February 2035 (overstay of ...)",
        or, where it is not certain or depends on what the tool cannot ask, what it may be
        and the last day it could run to."""
        ban, end = self.ban, self.last_day
        if ban.binding and end is not None:
            return f"entry barred until {format_long(end)} ({self.why})"
        if self.bars and end is not None:
            return (f"entry barred until {format_long(end)} at least, whichever case holds "
                    f"(the shortest: {ban.words}; {self.why})")
        left = format_long(self.left) if self.left else "your leaving"
        if end is None:
            # not begun, the question is how long it would run, not whether it still does
            unknown = ("how long it would run" if self.if_leaving
                       else "whether it still runs")
            return f"{ban.words}, from {left} ({self.why}): {unknown}, the pack does not know"
        runs = ("could run" if ban.up_to or ban.certainty == "possible"
                else "would run" if self.if_leaving else "runs")
        return f"{ban.words}, from {left}; it {runs} to {format_long(end)} ({self.why})"


def bar_groups(band: PenaltyBand) -> tuple[tuple[EntryBan, ...], ...]:
    """The sets of the band's bans of which the one that ends first bars entry whatever the
    person did (BanLine.bars): each certain ban of known length on no condition alone, and
    all its cases together where every one is a certain ban of known length. Entry is barred
    until the latest of those ends (none: the band bars nothing). A band for an unregistered
    stay alone bars nothing whatever the person did: registering spares it."""
    if band.when is not None:
        return ()
    groups: list[tuple[EntryBan, ...]] = [(b,) for b in band.bans if b.binding and b.known_length]
    if (band.bans and any(b.condition for b in band.bans)
            and all(b.certainty == "certain" and b.known_length for b in band.bans)):
        groups.append(tuple(band.bans))
    return tuple(groups)


def barring(bans: Sequence[BanLine]) -> BanLine | None:
    """Of bans that run on a day, the one that bars entry whatever the person did (BanLine.bars)
    and ends last: entry is barred until its last day. None where none is."""
    return max((b for b in bans if b.bars), key=lambda b: b.last_day or dt.date.min,
               default=None)


def entry_bans(lines: tuple[PenaltyLine, ...], left: Callable[[Offence], dt.date | None],
               born: dt.date | None = None, *, if_leaving: bool = False
               ) -> tuple[BanLine, ...]:
    """Each account of an entry ban the overstays of ``lines`` bring, by the bands that
    graded them; ``left`` gives the day the person left the stay an overstay was in (None:
    not left), or, ``if_leaving``, the day a person still there would leave it
    (BanLine.if_leaving). A planned overstay brings none: it is not committed; but
    ``if_leaving`` one the stay under way plans is, by the exit recorded after it that the
    person is taken to leave on (an earliest entry after that exit comes after its ban); nor
    does one left younger than the rule's ``bans_from_age``, where the person's birth
    (``born``) is known (not known, an adult is assumed, as entry judges one)."""
    return tuple(BanLine(line.offence, line.rule, ban, day, tuple(band.bans), line.assumption,
                         if_leaving)
                 for line in lines if line.rule is not None
                 and line.offence.kind == "overstay" and (if_leaving or not line.offence.planned)
                 and not _left_too_young(line, day := left(line.offence), born)
                 for band in line.applied() for ban in band.bans if not ban.none)


@dataclass(frozen=True)
class UnknownBan:
    """An overstay committed whose entry ban the pack cannot tell: no penalty rule of it was
    in force on its first day (``why`` "no_rule"), the rule's bands stop short of its time
    over ("not_graded"), a band that grades it gives an expulsion or a ban of which the
    pack holds no account as data ("not_read"), or a band that grades it is for an
    unregistered stay alone, and the history does not tell whether this one was registered
    ("registration_unknown"). Its bans are then not in ``entry_bans``, and
    the earliest day back is the stay rules' alone."""

    line: PenaltyLine
    why: str  # no_rule | not_graded | not_read | registration_unknown
    # the day the person left the stay the overstay was in (None: not left by the query day);
    # for one the stay under way plans, the day they are taken to leave it (unknown_bans)
    left: dt.date | None = None

    @property
    def words(self) -> str:
        """"the overstay from 9 July to 1 December 2026 (kz-penalty-overstay-art-517 grades
        only up to 5 days over, and it is 146 days over)"."""
        return f"{_what(self.line.offence)} ({self.reason})"

    def may_run_on(self, day: dt.date) -> bool:
        """Whether the ban, were there one, could bar an entry on ``day``: the person left
        the stay by then, and, where the bans the history cannot judge are of known length
        (registration_unknown), the last of them would not have ended before it."""
        if self.left is None or day < self.left:
            return False
        if self.why != "registration_unknown":
            return True
        ends = [b.ends_on(self.left) for band in self.line.untold() for b in band.bans]
        return any(end is None or day <= end for end in ends)

    @property
    def reason(self) -> str:
        """Why the ban is not known: "kz-penalty-overstay-art-517 grades only up to 5 days
        over, and it is 146 days over"."""
        line, rule = self.line, self.line.rule
        penalty = rule.penalty if rule else None
        if rule is None or penalty is None or self.why == "no_rule":
            said = ("no penalty rule of the pack for it was in force on "
                    f"{format_long(line.offence.first_day)}, the day it began")
        elif self.why == "not_graded":
            said = (f"{rule.id} grades only up to {_graded_up_to(penalty)} {penalty.measure} "
                    f"over, and it is {line.over} {penalty.measure} over")
        elif self.why == "registration_unknown":
            said = f"{rule.id} gives {_for_unregistered(line, self.left)}, and " + (
                "a registration the history records covers only part of it"
                if line.registered == "in_part" else
                "the history records no registrations to tell whether this stay was")
        else:
            given = listed(list(dict.fromkeys(sanction(b, line.offence) for b in line.bands
                                              if unread_band(b))))
            said = (f"{rule.id} gives {given} for it, and the pack holds no account of the "
                    "entry ban that may come with it")
        return said


def unknown_bans(lines: tuple[PenaltyLine, ...], left: Callable[[Offence], dt.date | None],
                 born: dt.date | None = None, *,
                 leaving: Callable[[Offence], dt.date | None] | None = None
                 ) -> tuple[UnknownBan, ...]:
    """The overstays of ``lines`` committed by the query day whose entry ban the pack cannot
    tell (UnknownBan), as ``entry_bans`` judges the others: a planned one brings none, nor
    does one left younger than the rule's ``bans_from_age``. But for a person in the host,
    ``leaving`` gives the day they are taken to leave the stay a planned overstay is in (None:
    not the stay under way), as ``entry_bans`` ``if_leaving``: leaving on the exit recorded
    after it, the person has committed the overstays the stay under way plans, and an
    earliest day back after that exit is the stay rules' alone of theirs too."""
    out = []
    for line in lines:
        o = line.offence
        day = leaving(o) if o.planned and leaving is not None else left(o)
        if (o.kind != "overstay" or (o.planned and day is None)
                or _left_too_young(line, day, born)):
            continue
        if line.rule is None or line.rule.penalty is None:
            out.append(UnknownBan(line, "no_rule", day))
        elif not line.bands and not line.spared:
            out.append(UnknownBan(line, "not_graded", day))
        elif any(unread_band(b) for b in line.bands):
            out.append(UnknownBan(line, "not_read", day))
        elif any(b.entry_ban for b in line.untold()):
            out.append(UnknownBan(line, "registration_unknown", day))
    return tuple(out)


def _for_unregistered(line: PenaltyLine, left: dt.date | None) -> str:
    """"an entry ban (the next entry refused for 90 days) for a stay not registered, which
    would bar entry until 27 September 2026": what the bands for an unregistered stay alone
    give, and the last day their bans would bar entry to (once the person has left)."""
    untold = line.untold()
    ends = [end for band in untold for b in band.bans
            if left is not None and b.binding and (end := b.ends_on(left)) is not None]
    until = f", which would bar entry until {format_long(max(ends))}" if ends else ""
    return (f"{listed([sanction(b, line.offence) for b in untold])} for a stay not "
            f"registered{until}")


def unread_band(band: PenaltyBand) -> bool:
    """Whether a band may bring an entry ban the pack holds no account of: an expulsion, or a
    ban in words alone, with no ``bans`` to count its days by."""
    return not band.bans and bool(band.expulsion or band.entry_ban)


def cannot_tell(unknown: Sequence[UnknownBan], ban: str = "an entry ban") -> str:
    """"the pack cannot tell whether the overstay from ... (why) brings an entry ban"."""
    brings = listed_verb([u.words for u in unknown], "brings", "bring", "or")
    return f"the pack cannot tell whether {brings} {ban}"


def stay_rules_alone(unknown: Sequence[UnknownBan]) -> str:
    """What an earliest day back rests on where an overstay's entry ban is not known: "by
    the stay rules alone: the pack cannot tell whether ..."; "" for none, where the day
    takes in every ban the pack knows."""
    return f"by the stay rules alone: {cannot_tell(unknown)}" if unknown else ""


def unknown_bans_json(unknown: Sequence[UnknownBan]) -> list[dict[str, Any]]:
    return [{"rule": u.line.rule.id if u.line.rule else None, "why": u.why,
             "overstay_first_day": u.line.offence.first_day.isoformat(),
             "overstay_last_day": u.line.offence.last_day.isoformat(),
             "days_over": u.line.offence.days, "reason": u.reason} for u in unknown]


def _left_too_young(line: PenaltyLine, left: dt.date | None, born: dt.date | None) -> bool:
    """Whether the person left before the age from which the rule's bans apply."""
    age = line.rule.penalty.bans_from_age if line.rule and line.rule.penalty else None
    return (age is not None and left is not None and born is not None
            and whole_years(born, left) < age)


def bans_json(bans: Sequence[BanLine]) -> list[dict[str, Any]]:
    return [{"rule": b.rule.id, "overstay_first_day": b.offence.first_day.isoformat(),
             "overstay_last_day": b.offence.last_day.isoformat(), "days_over": b.offence.days,
             "left": b.left.isoformat() if b.left else None,
             "years": b.ban.years, "months": b.ban.months, "days": b.ban.days,
             "length_known": b.ban.length is None, "certainty": b.ban.certainty,
             "up_to": b.ban.up_to, "if": b.ban.condition, "bars_entry": b.bars,
             "last_day": b.last_day.isoformat() if b.last_day else None,
             "confidence": b.rule.confidence, "words": b.words} for b in bans]


_GRADES = {"first": "first offence in a year", "second": "second",
           "third_or_later": "third or later"}
_OFFENCES = {"overstay": "an overstay", "late_registration": "a late registration"}


def _amount(low: float, high: float | None, currency: str) -> str:
    return (f"{low:,.0f}" if high is None or high == low
            else f"{low:,.0f} to {high:,.0f}") + f" {currency}"


def fine_count(fine: Fine, offence: Offence) -> int:
    """The days (or calendar months begun) over that a fine per day (or month) is owed for:
    the whole time over, from its first day."""
    return offence.months if fine.per == "month" else offence.days


def sanction(band: PenaltyBand, offence: Offence | None = None) -> str:
    """"a fine of 1,000 GEL and an entry ban (possible, up to 6 months)", as the band says;
    a fine per day with what it comes to for the offence's days over, where one is given
    ("a fine of 10,000 MNT a day (340,000 MNT for 34 days)")."""
    parts = []
    if band.fine is not None:
        fine = band.fine
        said = _amount(fine.min, fine.max, fine.currency)
        if fine.per is not None:
            said += f" a {fine.per}"
            if offence is not None:
                count = fine_count(fine, offence)
                said += (f" ({_amount(*fine.times(count), fine.currency)} for {count} "
                         f"{fine.per}{'s' if count != 1 else ''})")
        parts.append(f"a fine of {said}")
    if band.warning:  # "a warning or a fine": the sources give either
        parts = [" or ".join(["a warning", *parts])]
    parts += [f"{what} ({said})" for what, said in (
        ("arrest", band.arrest), ("expulsion", band.expulsion),
        ("an entry ban", band.entry_ban)) if said]
    return " and ".join(parts)


def _graded_up_to(penalty: Penalty) -> int:
    """Where the bands of ``penalty`` stop, for an offence none of them grades: the highest
    ``to``. The schema has each grade's bands start at 1 and follow on without a gap, so such
    an offence is past the closed top of every grade (an open-ended band would have graded
    it), and no time over below the highest top goes ungraded by every grade."""
    return max(b.over_to or 0 for b in penalty.bands)


def _over(line: PenaltyLine) -> str:
    o = line.offence
    days = f"{o.days} day{'s' if o.days != 1 else ''} {'over' if o.kind == 'overstay' else 'late'}"
    if line.rule and line.rule.penalty and line.rule.penalty.measure == "months":
        # said, lest "95 days" be read against bands of months
        days += f", into month {o.months} as the rule counts"
    return days


def _what(o: Offence) -> str:
    if o.kind == "overstay":
        when = (format_long(o.first_day) if o.first_day == o.last_day
                else run_of_days(o.first_day, o.last_day))
        # as the overstay's own line says "Planned overstay": not one already committed
        what = "planned overstay" if o.planned else "overstay"
        return f"the {what} {'on' if o.first_day == o.last_day else 'from'} {when}"
    return f"the registration missed by {format_long(o.first_day - dt.timedelta(days=1))}"


def describe(lines: tuple[PenaltyLine, ...], host_name: str) -> list[str]:
    """The penalty lines of an answer, in words: one for each offence the pack has a rule
    for, one for each kind of offence it has none for, and that they are no legal advice."""
    out: list[str] = []
    unknown: dict[str, PenaltyLine] = {}
    for line in lines:
        rule = line.rule
        if rule is None or rule.penalty is None:
            unknown.setdefault(line.offence.kind, line)
            continue
        head = f"Penalty for {_what(line.offence)} ({_over(line)})"
        by = (f"{rule.id} ({rule.penalty.article}), in force on "
              f"{format_long(line.offence.first_day)}, the day it began")
        if line.bands:
            told = "; ".join((f"{_GRADES[b.offence_in_year]}: " if b.offence_in_year else "")
                             + sanction(b, line.offence) + _stay_condition(b, line)
                             for b in line.bands)
            if rule.penalty.bans_from_age and any(b.entry_ban for b in line.bands):
                told += (f", no entry ban for one who leaves before the age of "
                         f"{rule.penalty.bans_from_age}")
            text = f"{head}: {told}. By {by}; confidence {rule.confidence}"
        elif line.spared:
            told = listed([sanction(b, line.offence) for b in line.spared])
            text = (f"{head}: none known to the pack: {by}, gives {told} for a stay not "
                    "registered, and the history records this one registered for the whole "
                    f"time over; confidence {rule.confidence}")
        else:
            text = (f"{head}: not known to the pack: {by}, grades only up to "
                    f"{_graded_up_to(rule.penalty)} {rule.penalty.measure} over, as its "
                    "sources were read; confidence "
                    f"{rule.confidence}")
        if line.assumption is not None and line.assumption.alternatives:
            text += "; " + contested_account(line.assumption.variant,
                                             line.assumption.alternatives)
        out.append(text + _later(line))
    for kind, line in unknown.items():
        if line.offence.registrant == "host":
            # the registration rule puts the duty, and its fine, on whoever houses the
            # person alone (registrant: host): "not known what it costs" would read as a
            # fine the person may owe
            out.append(f"Penalty: the registration missed falls to {HOUSER}, and so does "
                       "any fine for it, not to you, as the registration rule's sources say; "
                       f"the rule pack has no penalty rule for {_OFFENCES[kind]} in "
                       f"{host_name} in force on {format_long(line.offence.first_day)}, the "
                       f"day it began, to tell what it costs them{_later(line)}")
            continue
        out.append(f"Penalty: the rule pack has no penalty rule for {_OFFENCES[kind]} in "
                   f"{host_name} in force on {format_long(line.offence.first_day)}, the day "
                   f"it began: what it costs is not known to the pack{_later(line)}")
    if both := one_missed_deadline(lines):
        out.append(f"Penalties: {both} rest on one registration missed; whether both apply, "
                   "one of them, or which the authorities choose, the pack's sources do not "
                   "say: which applies is not known")
    if len(out) > len(unknown):
        out.append(f"Penalties: {NOT_ADVICE}")
    return out


def one_missed_deadline(lines: Sequence[PenaltyLine]) -> str:
    """"the overstay from 17 to 20 March 2023 and the registration missed by 16 March 2023",
    where an overstay's days rest on a registration deadline missed (effect extends) and the
    missed registration has a line of its own: one unregistered stay, two offences. No source
    read (Uzbekistan's Art. 225 names both in one article with one sanction; Kyrgyzstan's
    sources name neither) says whether both are fined; "" where no such pair is shown."""
    late = {o.first_day - dt.timedelta(days=1): o for line in lines
            if (o := line.offence).kind == "late_registration"}
    pairs = [(o, late[o.registration_by]) for line in lines
             if (o := line.offence).kind == "overstay" and o.registration_by in late]
    return "; ".join(f"{_what(over)} and {_what(missed)}" for over, missed in pairs)


def _stay_condition(band: PenaltyBand, line: PenaltyLine) -> str:
    """", for a stay not registered: the history records none for this one", where the band
    is for an unregistered stay alone, and whether this one was, as far as the history
    tells."""
    if band.when is None:
        return ""
    state = {"unregistered": "the history records none for this one",
             "in_part": "a registration the history records covers only part of the time over",
             "not_recorded": "the history records no registrations to tell whether this one "
                             "was"}[line.registered]
    return f", for a stay not registered: {state}"


def _later(line: PenaltyLine) -> str:
    if line.later is None:
        return ""
    return (f". {line.later.id} applies from {format_long(line.later.valid_from)}; whether it "
            "reaches an offence begun before then, its sources do not say")


def penalties_json(lines: tuple[PenaltyLine, ...]) -> list[dict[str, Any]]:
    out = []
    for line in lines:
        o, rule = line.offence, line.rule
        penalty = rule.penalty if rule else None
        out.append({
            "offence": o.kind, "first_day": o.first_day.isoformat(),
            "last_day": o.last_day.isoformat(), "days_over": o.days, "months_over": o.months,
            "known": penalty is not None,
            "rule": rule.id if rule else None,
            # the rule in force on the offence's first day: a harsher act does not reach back
            "judged_on": o.first_day.isoformat(),
            "article": penalty.article if penalty else None,
            "measure": penalty.measure if penalty else None,
            "bans_from_age": penalty.bans_from_age if penalty else None,
            "confidence": rule.confidence if rule else None,
            "variant": line.assumption.variant if line.assumption else None,
            "bands": [_band_json(b, o) for b in line.bands],
            # whether the stay was registered, for the bands that are for an unregistered
            # stay alone; those the registration recorded spares it are in "spared"
            "registration": line.registered if o.kind == "overstay" else None,
            # a late registration: who the registration rule says registers; "host": the
            # duty and its fine are whoever houses the person's, not the person's
            "registrant": o.registrant,
            "spared": [_band_json(b, o) for b in line.spared],
            "later_rule": None if line.later is None else {
                "id": line.later.id, "valid_from": line.later.valid_from.isoformat()},
            "sources": [{"title": s.title, "url": s.url, "document": s.document,
                         "date": s.date.isoformat() if s.date else None}
                        for s in (rule.sources if rule else ())],
            "basis": NOT_ADVICE,
            # an overstay and a late registration of one unregistered stay (effect extends):
            # whether both apply, one, or the authorities' choice, no source read says
            "which_applies": "not_known" if _paired(line, lines) else None,
        })
    return out


def _paired(line: PenaltyLine, lines: tuple[PenaltyLine, ...]) -> bool:
    """Whether ``line`` is one of an overstay and the late registration it rests on."""
    o = line.offence
    if o.kind == "overstay":
        return o.registration_by is not None and any(
            x.offence.kind == "late_registration"
            and x.offence.first_day - dt.timedelta(days=1) == o.registration_by for x in lines)
    return any(x.offence.registration_by == o.first_day - dt.timedelta(days=1)
               for x in lines if x.offence.kind == "overstay")


def _band_json(b: PenaltyBand, o: Offence) -> dict[str, Any]:
    return {"offence_in_year": b.offence_in_year, "from": b.over_from, "to": b.over_to,
            "when": b.when, "warning": b.warning,
            "fine": b.fine.model_dump() if b.fine else None,
            "fine_total": _fine_total(b.fine, o), "arrest": b.arrest,
            "expulsion": b.expulsion, "entry_ban": b.entry_ban,
            "bans": [x.model_dump(by_alias=True) for x in b.bans],
            "sanction": sanction(b, o)}


def _fine_total(fine: Fine | None, offence: Offence) -> dict[str, Any] | None:
    """What a band's fine comes to for the offence: a fine per day times its days over, or
    the fine itself."""
    if fine is None:
        return None
    low, high = fine.times(fine_count(fine, offence))
    return {"currency": fine.currency, "min": low, "max": high}


def penalty_bands(penalty: Penalty | None) -> list[str]:
    """A penalty rule's offence and bands, a line each, as `rules show` gives them."""
    if penalty is None:
        return []
    unit = penalty.measure
    out = [f"penalty for {_OFFENCES[penalty.offence]} under {penalty.article}, by {unit} over:"]
    for b in penalty.bands:
        first = unit[:-1] if b.over_from == 1 else unit  # "1 day or more"
        span = (f"{b.over_from} {first} or more" if b.over_to is None else
                f"{b.over_from} to {b.over_to} {unit}")
        grade = f"{_GRADES[b.offence_in_year]}, " if b.offence_in_year else ""
        stay = ", for a stay not registered" if b.when == "unregistered" else ""
        out.append(f"  {grade}{span}: {sanction(b)}{stay}"
                   + (f" ({b.note})" if b.note else ""))
    return out
