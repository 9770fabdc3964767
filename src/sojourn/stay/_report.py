"""The answer to the stay question with what it relied on: a :class:`StayReport` and its
parts (the planned trip that ends a stay, the answers under other accounts and citizenships, a
document's end, a refused entry)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from sojourn.countries import country_name
from sojourn.dates import format_long
from sojourn.engine import Answer, LimitFigures, LimitName, Violation
from sojourn.engine.kinds import Constraint
from sojourn.history.documents import AgeLapse, ends_words
from sojourn.penalties import BanLine, PenaltyLine, UnknownBan, barring
from sojourn.rules.freshness import not_confirmed, note
from sojourn.rules.select import Applied, Assumption
from sojourn.rules.topics import ValidFor
from sojourn.summonses import KeptInNotice
from sojourn.words import document_name, listed, renew_or_leave, run_of_days, sentence

if TYPE_CHECKING:  # _notes reaches _presence, which imports this module
    from sojourn.stay._applications import ApplicationCover
    from sojourn.stay._notes import CoverEnd


def freshness_note(rules: Sequence[Applied], on: dt.date) -> str | None:
    """The note, among a stay answer's, on how current the rules it relies on are."""
    return note(not_confirmed(rules, on), on)


def if_you_leave(a: Answer) -> str:
    """"If you leave on 20 May 2024 as planned": the day a person present is taken to leave
    (``a.leaving``), the query day or the exit the history records after it."""
    assert a.leaving is not None
    return f"If you leave on {format_long(a.leaving)}{' as planned' if a.leaving > a.on else ''}"


@dataclass(frozen=True)
class ReturnIfBanned:
    """An entry ban on a condition the tool cannot ask ("if arrested and prosecuted") that
    runs on the earliest entry an answer offers, and the earliest entry were it to hold: the
    first day after it the stay rules allow (a stay of the length asked for, for plan)."""

    ban: BanLine
    day: dt.date

    @property
    def overstay(self) -> str:
        """"the overstay ended 20 November 2026", or, for the one the stay under way brings on
        leaving, "the overstay ending 15 March 2027": which overstay the ban is for."""
        tense = "ending" if self.ban.if_leaving else "ended"
        return f"the overstay {tense} {format_long(self.ban.offence.last_day)}"


def or_if_banned(returns: Sequence[ReturnIfBanned]) -> str:
    """", or 20 November 2031 if arrested and prosecuted for the overstay ended 20 November
    2026, or 15 March 2032 if arrested and prosecuted for the overstay ending 15 March 2027":
    the later day each case gives, after an earliest day. Cases giving the same day are said
    once; each is tied to its overstay where they come from more than one, or two alike
    conditions read as one case with two answers."""
    every = {r.overstay for r in returns}
    by_day: dict[dt.date, dict[str, list[str]]] = {}
    for r in sorted(returns, key=lambda r: (r.day, r.ban.offence.last_day)):
        assert r.ban.ban.condition is not None
        whose = by_day.setdefault(r.day, {}).setdefault(r.ban.ban.condition, [])
        if r.overstay not in whose:
            whose.append(r.overstay)
    clauses = []
    for day, conditions in by_day.items():
        # a day every overstay's case gives alike needs no overstay named
        tied = {o for whose in conditions.values() for o in whose} != every
        cases = [f"{condition} for {' or '.join(whose)}" if tied else condition
                 for condition, whose in conditions.items()]
        clauses.append(f", or {format_long(day)} if {' or if '.join(cases)}")
    return "".join(clauses)


@dataclass(frozen=True)
class DocumentEnd:
    """The last day of the document a stay with no limit is had on, where it ends soon enough
    to be said (destinations.document_end): no rule's last day tells the person to renew it;
    of the document a limited stay is had on, where a stay on it must end before the stay's
    latest exit (``leave_by``); or, for any stay, of the document it was entered on, where it
    ``ended`` before the day judged and no other document held lets the person stay: they
    stay on none valid."""

    document: str
    citizenship: str
    last_day: dt.date
    ended: bool = False
    # for a limited stay, the last day a stay on the document can end, before the stay's
    # latest exit: its last day, or sooner where the host wants it valid some time beyond the
    # day of leaving. The latest exit stays the stay rules' answer (a passport renewed lets the
    # stay go on); this is its caveat. None: no such caveat
    leave_by: dt.date | None = None
    # how long the host's entry rule wants the document valid beyond the day of leaving, and
    # that rule (None: no rule of the host says how long after the day of leaving)
    valid_for: ValidFor | None = None
    valid_for_rule: str | None = None
    # with ``leave_by``, the stay it ends sooner: plan's stay from its earliest entry
    # (``stay_from``) to ``stay_until``, or, with no ``stay_from``, the stay to the latest exit
    stay_from: dt.date | None = None
    stay_until: dt.date | None = None
    # why ``last_day`` is the day: a Russian internal passport given no end lapses by the
    # holder's age (history.documents), which the words say, or the day reads as invented
    lapse: AgeLapse | None = None

    def ends_on(self, day: dt.date | None = None) -> str:
        """"ends on 1 February 2027"; of an internal passport lapsing by age, "lapses on 8
        September 2026 (it must be replaced when you turn 45, on 10 June 2026, and serves at
        most 90 days after)"; ended before ``day``, in the past tense."""
        return ends_words(self.last_day, self.lapse, day)

    @property
    def stay_named(self) -> str:
        """The stay the document falls short of, as the answer around it shows it: "the stay
        from 1 to 30 January 2027" (plan's), "the stay to 31 December 2027"."""
        if self.stay_until is None:
            return "the stay"
        if self.stay_from is not None:
            return f"the stay from {run_of_days(self.stay_from, self.stay_until)}"
        return f"the stay to {format_long(self.stay_until)}"

    @property
    def before_latest_exit(self) -> bool:
        """Whether the limited stay's latest exit outlasts what the document allows."""
        return self.leave_by is not None

    def outlasted_words(self, host_name: str, stay: str, *, document: str | None = None) -> str:
        """"Your international passport ends on 1 February 2027, before the stay to 28 February
        2027 would end: Georgia wants it valid through the day you leave
        (ge-entry-foreign-passport-2026); renew it or leave by 1 February 2027.", where
        ``before_latest_exit``; ``stay`` names the stay as the answer around it shows it, and
        ``document`` the document where its type alone does not (destinations' rows)."""
        assert self.leave_by is not None
        document = document or document_name(self.document)
        ends, leave_by = self.ends_on(), format_long(self.leave_by)
        if self.valid_for is None:
            return (f"Your {document} {ends}, before {stay} would end: the stay needs a valid "
                    f"travel document (the pack does not say how long {host_name} wants it "
                    f"valid beyond the day you leave); "
                    f"{renew_or_leave(self.document, leave_by)}.")
        wanted = f"valid {self.valid_for.words} ({self.valid_for_rule})"
        if self.leave_by < self.last_day:
            # entering, wanted valid some time beyond the day of leaving: a stay on it ends
            # before the passport does
            return (f"Your {document} {ends}: {host_name} wants it {wanted}, so {stay} can "
                    f"last on it only until {leave_by}; "
                    f"{renew_or_leave(self.document, 'that day')}.")
        if self.valid_for.days != 0:
            # already in the host: the time beyond leaving was judged at the entry made
            return (f"Your {document} {ends}, before {stay} would end: the stay needs a valid "
                    f"travel document ({host_name} asked for it valid "
                    f"{self.valid_for.words} at the entry you made: {self.valid_for_rule}); "
                    f"{renew_or_leave(self.document, leave_by)}.")
        return (f"Your {document} {ends}, before {stay} would end: {host_name} wants it "
                f"{wanted}; {renew_or_leave(self.document, leave_by)}.")


@dataclass(frozen=True)
class StayReport:
    """An engine answer with what it relied on: rules, assumed variants, warnings."""

    answer: Answer
    host: str
    host_name: str
    citizenship: str | None
    rules: tuple[Applied, ...]
    assumptions: tuple[Assumption, ...]
    ad_hoc: tuple[Constraint, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)
    own_citizen: bool = False  # judged as a citizen of the host (of a member, for a zone)
    # what the answer leaves unsaid and a reader would take amiss: that no registration rule
    # is known (not "none needed"), or that another passport held would change the answer
    notes: tuple[str, ...] = field(default_factory=tuple)
    # no registration deadline is given for want of a registration rule in the pack for the
    # stay: whether it must be registered is not known (not "none needed")
    registration_unknown: bool = False
    # the answer under each other account of a contested rule relied on, by variant name
    other_accounts: tuple[OtherAccount, ...] = ()
    # the answer under each other citizenship held that the host has stay rules for
    other_citizenships: tuple[OtherCitizenship, ...] = ()
    planned_trip: PlannedTrip | None = None  # with limited_by "planned_trip": the trip
    # the zone the host state joins after the query day, whose rules judge it from then on
    joining: Joining | None = None
    # with no limit, the recorded trip that falls within plan's stay (answer.earliest_meets)
    trip_within_plan: PlannedTrip | None = None
    # the first days of the recorded entries into the host after the query day
    planned_entries: tuple[dt.date, ...] = ()
    # the recorded stays outside the host that end after the query day: entry, exit, country
    stays_elsewhere: tuple[tuple[dt.date, dt.date, str], ...] = ()
    # what each overstay or missed registration the answer shows costs, by the pack's rules
    penalties: tuple[PenaltyLine, ...] = ()
    # the days, on the query day or later, a contract's cover ends with no permit covering the
    # next: the stay limit counts again from the day after, which the report gives as a deadline
    cover_ends: tuple[CoverEnd, ...] = ()
    # the days after the query day, up to the latest exit, that a permit held covers: a stay
    # longer than the days left owes them, not (or not only) old days rolling off
    covered_ahead: int = 0
    # of the days after the query day, up to the latest exit, those an extension of stay held
    # adds: counted, yet no limit judges them, so the stay runs past the days left
    extended_ahead: int = 0
    # the residence-permit applications filed in the host by the query day, and what the
    # pack says of the days each covers
    applications: tuple[ApplicationCover, ...] = ()
    # with no limit on the stay, the document it is had on where it ends soon or before the
    # recorded exit; with or without one, the document entered on where it has ended (None:
    # not judged, as for a CSV history, or not soon)
    document_end: DocumentEnd | None = None
    # each account of an entry ban those overstays bring, from the day the person left
    entry_bans: tuple[BanLine, ...] = ()
    # for a person in the host, each account of an entry ban the overstays of the stay under
    # way bring on leaving it, the day they are taken to leave (``answer.leaving``: the query
    # day, or the exit recorded after it), as ``entry_bans`` judges a recorded exit: the new
    # entry the answer offers after leaving comes after the one that bars it
    bans_if_leaving: tuple[BanLine, ...] = ()
    # the bans of those on a condition the tool cannot ask that run on the earliest entry the
    # answer offers, each with the earliest entry were it to hold (said after that entry)
    returns_if_banned: tuple[ReturnIfBanned, ...] = ()
    # the overstays committed whose entry ban the pack cannot tell (penalties.UnknownBan): an
    # earliest day back is then the stay rules' alone, and said so
    bans_unknown: tuple[UnknownBan, ...] = ()
    # for a person away, why the entry rules (and the exit rules of the state the history has
    # them in) refuse every document the profile holds on the day of the entry the answer is
    # about (None: one is let in or not known, or none judged, as for a CSV history): the
    # answer above is then what the stay rules would give, had the person got in. For a
    # person present, the same of the new entry the answer offers after leaving (return_entry)
    entry_refused: RefusedEntry | None = None
    # where no way in was given (`plan` without --by, `status`), the same of that entry made
    # by land, where by land alone every document is refused (a limit on entries by land
    # reached, a land border closed): the answer above holds for an entry by air or sea
    entry_refused_by_land: RefusedEntry | None = None
    # `plan --by WAY`: where the first day the stay rules offer the entry on is one the entry
    # rules refuse that way in, that day and why; the answer's earliest entry is then the
    # first day after it they let the person in (None where none is known)
    entry_waited: EntryWaited | None = None
    # `status --by WAY` where the answer offers no entry for the way in to judge (the person
    # is in the host on the day asked, or the stay rules let no stay begin then): the way
    # asked, which the answer does not rest on, so that the option is not passed over in
    # silence; None otherwise
    way_not_judged: str | None = None
    # the entries into the host the history records and no border has judged yet, which the
    # answer relies on (a planned trip's; the stay under way's, begun on the query day or after
    # today), where the entry rules on each one's day refuse every document held then (empty:
    # none refused, or none judged, as for a CSV history): the answer counts them as made
    entries_refused: tuple[RefusedEntry, ...] = ()
    # those the entry rules may refuse for what the history does not record (a trip with no
    # `by` counted against a limit on entries by land): the answer counts them as made too
    entries_unknown: tuple[RefusedEntry, ...] = ()
    # for a person away, the cautions the exit rules of the state the history has them in
    # give on that day (a charge of its own, which may restrict leaving): said with the answer
    exit_cautions: tuple[str, ...] = ()
    # in the host the history has the person in, the summonses and restrictions on leaving
    # the profile records of states they are away from: returning, their exit rules keep them in
    summonses: tuple[KeptInNotice, ...] = ()
    # the accounts of the contested rules beyond the stay's own that the answer relies on (an
    # exit rule a notice or a refused entry names): the line naming the rule says the account
    # and the others, so no line of their own warns of them, and no other account of them is
    # evaluated; the JSON lists them among the assumptions (all_assumptions)
    accounts_named: tuple[Assumption, ...] = ()

    @property
    def all_assumptions(self) -> tuple[Assumption, ...]:
        """Every contested account the answer relies on: the stay rules' and those its other
        lines name (``accounts_named``)."""
        return (*self.assumptions, *self.accounts_named)

    @property
    def freshness_on(self) -> dt.date:
        """The day the rules relied on must still hold on, which the note on how current they
        are names: the day asked, or, where `--by` tells the stay from the first day let in
        that way (EntryWaited.stay_from), that day, whose stay the lines under the first
        line are of ("register you by 2 January 2025" beside "check that it still holds on
        10 October 2024" asked about the wrong day)."""
        waited = self.entry_waited
        if waited is not None and waited.stay_from is not None:
            return waited.stay_from.on
        return self.answer.on

    def with_freshness_on(self, day: dt.date) -> StayReport:
        """The answer with its note on how current its rules are told of ``day`` in place of
        the one told of ``freshness_on`` (the same rules)."""
        was, now = freshness_note(self.rules, self.freshness_on), freshness_note(self.rules, day)
        if was == now:
            return self
        notes = [n for n in self.notes if n != was] + ([now] if now else [])
        return replace(self, notes=tuple(notes))

    def relying_also_on(self, more: Sequence[Applied], accounts: Sequence[Assumption] = ()
                        ) -> StayReport:
        """The answer with ``more`` among the rules it relies on (a rule an end it says comes
        from, as a document's end by age; the rules behind a notice or a refused entry), each
        once, and the note on how current they are told again of them all: a rule relied on
        is listed, and dated, as every other; with ``accounts``, the accounts of contested
        rules those lines assumed, among its assumptions (``accounts_named``)."""
        held = {r.id for r in self.rules}
        added = tuple({r.id: r for r in more if r.id not in held}.values())
        assumed = {x.rule for x in self.all_assumptions}
        named = tuple({x.rule: x for x in accounts if x.rule not in assumed}.values())
        if not added and not named:
            return self
        rules = (*self.rules, *added)
        on = self.freshness_on
        was, now = freshness_note(self.rules, on), freshness_note(rules, on)
        notes = [n for n in self.notes if n != was] + ([now] if now else [])
        return replace(self, rules=rules, notes=tuple(notes),
                       accounts_named=(*self.accounts_named, *named))

    def with_document_end(self, end: DocumentEnd | None) -> StayReport:
        """The answer with ``end`` as its ``document_end``, relying on the rule its last day
        comes from where the document lapses by age."""
        told = replace(self, document_end=end)
        return told.relying_also_on([end.lapse.validity] if end and end.lapse else [])

    def with_kept_in(self, notices: Sequence[KeptInNotice]) -> StayReport:
        """The answer telling ``notices`` (the summonses and restrictions on leaving of states
        the person is away from), relying on the exit rule each names, and on the account of
        it assumed."""
        told = replace(self, summonses=tuple(notices))
        return told.relying_also_on([n.rule for n in notices],
                                    [n.assumed for n in notices if n.assumed is not None])

    @property
    def bans_on(self) -> tuple[BanLine, ...]:
        """The entry bans that may bar an entry on the query day: none for a person there."""
        return () if self.answer.present else tuple(
            b for b in self.entry_bans if b.runs_on(self.answer.on))

    @property
    def bans_on_return(self) -> tuple[BanLine, ...]:
        """For a person in the host, the entry bans earlier recorded exits brought that still
        run on the day they are taken to leave (``answer.leaving``): coming back undid none,
        and they bar the new entry the answer offers after leaving as ``bans_if_leaving`` do;
        none for a person away (``bans_on``)."""
        leaving = self.answer.leaving
        return tuple(b for b in self.entry_bans if b.runs_on(leaving)) if (
            self.answer.present and leaving is not None) else ()

    @property
    def barred(self) -> BanLine | None:
        """A certain ban on no condition that bars an entry on the query day (the one that
        ends last), or None."""
        return barring(self.bans_on)

    @property
    def entered_barred(self) -> BanLine | None:
        """For a person in the host, the ban of an earlier recorded exit that barred the entry
        of the stay under way whatever the person did (the one that ends last), or None: back
        in Thailand the day he left it after 134 days over, or a week later, while the year's
        ban ran."""
        return barring(entered_while_barred(self.answer, self.entry_bans))

    @property
    def held_open_by(self) -> ApplicationCover | None:
        """For a person in the host, the pending application that lets them stay until it is
        decided and covers the query day, or None: while it is pending every day is covered,
        so ``answer.latest_exit`` is the last day only were it refused that day."""
        if not self.answer.present:
            return None
        return next((c for c in self.applications if c.holds_open), None)

    @property
    def over_count(self) -> Violation | None:
        """For a person in the host, the run of days over the stay count under way on the
        query day, or None: said beside an entry ban that barred the stay, which would
        otherwise hide it (see ``over_limit``)."""
        return overstay_under_way(self.answer)

    @property
    def over_limit(self) -> bool:
        """In the host with no day left by the stay rules (batch's ``over_limit``): one whose
        entry an earlier stay's ban barred has none either way, and is over the limit only
        where the count is over on the query day too."""
        a = self.answer
        return a.present and a.max_stay_days == 0 and (
            a.limited_by != "entry_ban" or self.over_count is not None)

    @property
    def barred_if_leaving(self) -> BanLine | None:
        """For a person in the host, the ban leaving would bring that bars a new entry whatever
        the person did (the one that ends last), as ``barred`` for a person away; or None."""
        a = self.answer
        return barring([b for b in self.bans_if_leaving
                        if a.leaving is not None and b.runs_on(a.leaving)])

    def leaving_bans_words(self) -> str | None:
        """"Leaving on 15 March 2027 brings an entry ban: entry barred until 14 March 2028 at
        least, whichever case holds (...); an entry ban of 5 years if ...": for a person in
        the host over the limit, what leaving brings, each account of the ban told; None
        where it brings none the pack knows of."""
        bans = self.bans_if_leaving
        if not bans or self.answer.leaving is None:
            return None
        first = self.barred_if_leaving
        told = [b.words for b in ([first] if first else [])]
        told += [b.words for b in bans if b is not first]
        return (f"Leaving on {format_long(self.answer.leaving)} brings an entry ban: "
                f"{'; '.join(told)}.")

    def ban_length_unknown(self, back: dt.date) -> str:
        """", by the stay rules alone: how long the entry ban leaving brings would run
        (id-penalty-overstay), the pack does not know": after an earliest day back for a
        person in the host, where a ban leaving brings, certain on no condition, has no
        length the pack knows, and so may run on that day; "" where none does."""
        unknown = [b for b in self.bans_if_leaving
                   if b.ban.binding and b.last_day is None and b.runs_on(back)]
        if not unknown:
            return ""
        rules = listed(list(dict.fromkeys(b.rule.id for b in unknown)))
        return (", by the stay rules alone: how long the entry ban leaving brings would run "
                f"({rules}), the pack does not know")

    def ends_elsewhere(self, day: dt.date) -> str:
        """What an earliest day means for a recorded stay outside the host: ", when your
        recorded stay in Kazakhstan ends", where one ends that day, having held the day
        before, which no stay in the host could share (without it the day reads as the host's
        rules alone); ", leaving Türkiye before your recorded exit on 20 January 2024", where
        the stay elsewhere the person is in on the query day is recorded to go on past it. A
        new entry ends such a stay (docs/counting.md, the earliest entry), so the day comes
        before that exit; unsaid, it read as one the history leaves free."""
        names = list(dict.fromkeys(country_name(c) for first, last, c in self.stays_elsewhere
                                   if first < day == last))
        if names:
            return f", when your recorded stay in {listed(names)} ends"
        cut = [(c, last) for first, last, c in self.stays_elsewhere
               if first <= self.answer.on and day < last]
        if not cut:
            return ""
        country, last = cut[0]  # stays elsewhere never overlap: one is under way at most
        return (f", leaving {country_name(country)} before your recorded exit on "
                f"{format_long(last)}")

    def earliest_back(self, back: dt.date, place: str) -> str:
        """The sentence giving the earliest day ``back`` the person may be in the host (named
        ``place``) when no stay may begin on the query day. When it is the first day of a
        planned trip to the host, it is that trip's: "again" would read as a day won back.
        For a person present who the history has leaving later, the day is counted from that
        exit, and said so: after "you should leave now" it would read as counted from today."""
        if back in self.planned_entries:
            day = (f"the earliest day you may be in {place} is {format_long(back)}, when your "
                   "planned trip there begins")
        else:
            day = (f"the earliest day you may be in {place} again is {format_long(back)}"
                   f"{self.ends_elsewhere(back)}")
        day += self.later_if_banned(back) + self.ban_length_unknown(back)
        a = self.answer
        if a.present and a.leaving is not None and a.leaving > a.on:
            return f"{if_you_leave(a)}, {day}"
        return sentence(day)

    def later_if_banned(self, back: dt.date) -> str:
        """", or 15 November 2025 if the fine is not paid on leaving": for each ban of the
        overstays on a condition the tool cannot ask, certain and of known length, that still
        runs on ``back``, the earliest day back in that case (``returns_if_banned``). ``back``
        takes in only the bans that bar entry whatever the person did (BanLine.bars), so
        without this "again is 14 November" read as certain beside a ban running to it."""
        return or_if_banned(self.returns_if_banned_on(back))

    def returns_if_banned_on(self, back: dt.date | None) -> list[ReturnIfBanned]:
        """The cases of ``returns_if_banned`` whose ban still runs on the earliest day
        ``back``, in the order the text tells them: each a later day back were it to hold
        (``later_if_banned`` words them, `--json` gives them as data)."""
        return sorted((r for r in self.returns_if_banned
                       if back is not None and r.ban.runs_on(back)),
                      key=lambda r: (r.day, r.ban.offence.last_day))

    def leaving_resets(self, first: dt.date, last: dt.date) -> bool:
        """Whether a per-entry limit may count a day from ``first`` to ``last``: leaving and
        coming back starts its count anew, where a rolling or calendar-year count goes on."""
        def overlaps(since: dt.date, until: dt.date | None) -> bool:
            return since <= last and (until is None or until >= first)

        return any(c.kind == "per_entry" for c in self.ad_hoc) or any(
            c.kind == "per_entry" and overlaps(r.valid_from, r.valid_to)
            and (c.valid_to is None or c.valid_to >= first)
            for r in self.rules for c in r.constraints)

    @property
    def plan_fits_in_stay(self) -> bool:
        """Whether the stay plan offers a person present, from the day they are taken to leave,
        ends by the stay under way's last day while no per-entry limit counts its days: staying
        on gives it, and leaving and coming back would win nothing."""
        a = self.answer
        return (a.earliest_entry is not None and a.earliest_entry == a.leaving
                and a.earliest_until is not None and a.latest_exit is not None
                and a.earliest_until <= a.latest_exit and a.binding_figures is not None
                and not self.leaving_resets(a.earliest_entry, a.earliest_until))

    @property
    def return_entry(self) -> dt.date | None:
        """The day of the new entry into the host the answer offers a person present, after
        leaving: plan's earliest entry (a border run), or status's earliest day back where no
        day is left. A crossing the host's entry rules judge as any other, the passport's
        validity from that day included. None for a person away, and where no crossing is
        asked for: a stay that fits within the one under way (plan_fits_in_stay), or one no
        limit ends (a citizen's, or under rules that set none), had by staying on."""
        a = self.answer
        if (not a.present or self.own_citizen or a.earliest_entry is None
                or a.limited_by == "none"):
            return None
        if a.length is None:
            return a.earliest_entry if a.max_stay_days == 0 else None
        return None if self.plan_fits_in_stay else a.earliest_entry

    def why_no_stay(self) -> str:
        """Why no stay may begin on the query day for a person away (no day left), in a
        clause: the trip a stay would break or run into, when the planned trips are why."""
        trip = self.planned_trip
        if self.answer.limited_by == "entry_ban" and self.barred is not None:
            # an overstay's ban, not the count: the days may all be left
            return self.barred.words
        if self.answer.limited_by != "planned_trip":
            return "the limit is used up"
        if trip is None:
            return "a stay from that day would break your planned trips"
        if trip.broken:
            return f"a stay from that day would put your {trip} {trip.over()}"
        return f"a stay from that day would run into your {trip}"


@dataclass(frozen=True)
class PlannedTrip:
    """The recorded trip after the query day that ends the stay judged: one the stay would run
    into (``broken`` False), or a stay in the host a longer stay would put over a limit."""

    countries: tuple[str, ...]  # codes, in the order of the stays
    first: dt.date
    last: dt.date | None  # None: no exit recorded
    broken: bool
    limits: tuple[LimitName, ...] = ()  # the limits it would break, when ``broken``
    # it begins on the query day: a crossing made that day, not one ahead ("your trip to
    # Armenia from 22 March 2023", not "your planned trip"), which ends the stay that day
    begun: bool = False

    def over(self) -> str:
        """"over the limit of kz-stay-eaeu-90-180 (90 days in any 180)", as the other
        sentences of an answer name a limit."""
        if not self.limits:
            return "over the limit"
        named = listed([f"{x.rule} ({x.label})" for x in self.limits])
        return f"over the limit{'s' if len(self.limits) > 1 else ''} of {named}"

    def __str__(self) -> str:
        """"planned trip to Kyrgyzstan from 20 to 22 December 2022"; "trip to ..." for one
        begun on the query day."""
        where = listed([country_name(c) for c in self.countries])
        when = (f"from {format_long(self.first)}" if self.last is None else
                f"on {format_long(self.first)}" if self.last == self.first else
                f"from {run_of_days(self.first, self.last)}")
        return f"{'trip' if self.begun else 'planned trip'} to {where} {when}"


@dataclass(frozen=True)
class OtherAccount:
    """The answer under another account of a contested rule (``--assume variant``), beside
    the one given: whether it differs is what makes the contest matter to this person."""

    variant: str
    answer: Answer
    registration_unknown: bool = False  # as StayReport's, for this account's answer

    def same_as(self, given: StayReport) -> bool:
        """Whether this account gives the answer a person acts on: the latest exit and days
        (and whether registering lets the stay go on past it), the registration deadline or
        whether one is known, the days overstayed, and the earliest entry."""
        return (self.registration_unknown == given.registration_unknown
                and _acted_on(self.answer) == _acted_on(given.answer))


@dataclass(frozen=True)
class RefusedEntry:
    """An entry the documents held do not make (or may not: StayReport.entries_unknown): its
    day, and why, in brief."""

    on: dt.date
    why: str
    rule: str | None = None  # the entry rule that refuses the first document refused


@dataclass(frozen=True)
class EntryWaited:
    """`plan --by WAY`: the entry the stay rules first offer, refused that way in
    (``refused``: its day and why), which moved the earliest entry to the first later day the
    host's entry rules let the person in so (a third land run of the year into Thailand waits
    for 1 January); None where that day was not refused. ``unknown_from``: where the first
    day let in is not known, the day from which the pack does not know whether the entry is
    let in, and why (Azerbaijan's land border, closed until at least a day now past); the
    answer then offers no earliest entry.

    ``stay_from``: where the day refused is the day asked about itself (`status --by`, or
    `plan --by` whose first line is about that day) and the person is away, the stay rules'
    answer for an entry on the first day let in that way (its ``on``), which the first line
    tells in place of an entry on the day asked that the border refuses; else None."""

    by: str
    refused: RefusedEntry | None
    unknown_from: RefusedEntry | None = None
    stay_from: Answer | None = None

    def refuses_the_day_asked(self, answer: Answer) -> bool:
        """Whether the entry refused that way is the one on ``answer``'s day, for a person
        away: the answer's stay from that day is one the border does not let begin."""
        return (not answer.present and self.refused is not None
                and self.refused.on == answer.on)

    def unknown_on_the_day_asked(self, answer: Answer) -> bool:
        """Whether, for a person away, the pack does not know if the entry that way on
        ``answer``'s day is let in (Azerbaijan's land border after its last known closure)."""
        return (not answer.present and self.refused is None
                and self.unknown_from is not None and self.unknown_from.on == answer.on)


@dataclass(frozen=True)
class OtherCitizenship:
    """The answer under another citizenship the profile holds (``--citizenship CODE``), beside
    the one judged: a dual citizen shows one passport at a border, and the host counts the
    stay under the one entered on, so what the other would give is theirs to choose."""

    citizenship: str
    answer: Answer
    barred_until: dt.date | None = None  # a ban this citizenship's overstay brings bars entry
    registration_unknown: bool = False  # as StayReport's, for this citizenship's answer
    # why the entry rules refuse every document of this citizenship the profile holds (None:
    # not refused, or not judged): its stay is then no answer, as no entry on it is possible
    refused: str | None = None

    def same_as(self, given: StayReport) -> bool:
        """Whether this passport gives the answer a person acts on (OtherAccount.same_as), an
        entry barred to the same day, and an entry its documents are not refused."""
        barred = given.barred.last_day if given.barred else None
        return (self.refused is None and self.barred_until == barred
                and self.registration_unknown == given.registration_unknown
                and _acted_on(self.answer) == _acted_on(given.answer))


def _acted_on(a: Answer) -> tuple[object, ...]:
    """What a person does with an answer; not how it was counted (peaks, rule ids)."""
    return (a.latest_exit, a.max_stay_days, a.unknown is None, a.limited_by == "registration",
            a.register_by.by if a.register_by else None,
            tuple((v.first_day, v.last_day) for v in a.violations), a.earliest_entry)


def entered_while_barred(answer: Answer, bans: Sequence[BanLine]) -> list[BanLine]:
    """Of ``bans``, those of recorded exits (not the ones leaving would bring) that ran on the
    day the stay under way was entered, for a person in the host: the day of leaving is a
    ban's first, so an exit and a new entry the same day is barred too."""
    entered = answer.entered
    if not answer.present or entered is None:
        return []
    return [b for b in bans if not b.if_leaving and b.runs_on(entered)]


def overstay_under_way(answer: Answer) -> Violation | None:
    """For a person in the host whose binding count has no day left, the violation run that
    covers the query day, else None. The count, not the run alone: on the day of a border
    run the stay left that day may end in a run while the new entry's count leaves days."""
    on = answer.on
    if not answer.present or answer.days_remaining != 0:
        return None
    return next((v for v in answer.violations if v.first_day <= on <= v.last_day), None)


@dataclass(frozen=True)
class Joining:
    """A state's joining, after the query day, of the zone whose stay rules judge it from then
    on (Croatia, the Schengen area, 1 January 2023), as an answer across that day meets it
    (stay._question._before_joining)."""

    zone: str  # the zone's id
    title: str  # "the Schengen area"
    on: dt.date  # the joining day
    # the recorded trip to the state under way on that day, which the zone counts as entered
    # then: a new stay is sought after it, as for a person there on the query day
    trip: PlannedTrip | None = None
    # the first and last day before the joining day a stay of the length asked for may begin
    # whose days from then the zone's rules allow, its days before it judged by the state's
    # own rules, which the pack does not have: where no stay that long fits the rules the
    # pack knows, or before the first day the zone's rules find
    unknown_starts: tuple[dt.date, dt.date] | None = None
    # with `status` (no length), for a person in the state on the query day and still there
    # on the joining day as recorded: how long the zone's rules let the stay run from then,
    # the stay counted as entered that day (its days before turn on the state's own rules)
    stay: ZoneStay | None = None


@dataclass(frozen=True)
class ZoneStay:
    """What the zone a state joins lets the stay under way on the joining day run to, as it
    counts that stay (entered that day): 31 March 2023 (90 days) for a stay in Croatia across
    1 January 2023 with no days in the Schengen area before."""

    latest_exit: dt.date
    max_stay_days: int
    limit: LimitFigures | None  # the zone's limit that sets it
