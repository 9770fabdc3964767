"""Where else can this person go with the papers they hold, and for how long?"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from sojourn.countries import country_name
from sojourn.dates import format_long, months_after, within
from sojourn.engine import Answer
from sojourn.engine.evaluate import PLAN_SCAN_DAYS
from sojourn.entry import (
    ENTRY_TOPICS,
    EntryAnswer,
    ExitCheck,
    Leaving,
    Reason,
    beside_the_point,
    check_entry,
    counts_visa,
    earlier_entries,
    entry_judge,
    members_of,
    with_bans,
)
from sojourn.errors import SojournError
from sojourn.history import History
from sojourn.history.documents import AgeLapse, document_last_day, ends_words, lapse_ending
from sojourn.history.presence import Stay
from sojourn.rules.freshness import Dated, Relied, not_confirmed
from sojourn.rules.loader import Pack
from sojourn.rules.select import Applied, Assumption, check_assumed, select
from sojourn.rules.topics import AcceptedDocument
from sojourn.stay import (
    DocumentEnd,
    EntryWaited,
    RefusedEntry,
    StayReport,
    check_application_kinds,
    judged_citizenship,
    passport_recorded,
    registered_stay_entry,
    require_citizenship,
    stay_report,
)
from sojourn.words import document_name, listed, said_once


@dataclass(frozen=True)
class Destination:
    host: str
    name: str
    allowed: bool | None
    document: str | None
    entry: tuple[EntryAnswer, ...]
    stay: StayReport | None
    here: bool
    citizenship: str | None = None  # the one the document let in was judged under
    # where the person is, the citizenship `status` judges them under when it is not the one
    # whose passport the entry rules admit: which passport they entered on decides the stay
    status_citizenship: str | None = None
    # the last day of the visa the entry relies on (None: no visa relied on, or one with no
    # end date given): the stay shown ends by then, ``limited_by`` "visa" when it ends it sooner
    visa_expires: dt.date | None = None
    # the last day of the document the entry relies on (None: none, or no end date given)
    document_expires: dt.date | None = None
    # the last day a stay can end on that document, where the host wants it valid some time
    # beyond the day of leaving (None: no rule says, or its end date not given): the stay
    # shown ends by then, ``limited_by`` "document" when it ends it sooner
    document_last_exit: dt.date | None = None
    # why ``document_expires`` is the day, where it is no ``expires`` the profile gives but
    # the document's end by its holder's age (Russia's internal passport): the row says so,
    # as status does, or the day reads as invented
    document_lapse: AgeLapse | None = None

    def document_ends_on(self, on: dt.date) -> str:
        """"ends on 1 February 2027", or for a document lapsing by its holder's age, "lapses
        on 8 September 2026 (it must be replaced when you turn 45, ..., by
        ru-internal-passport-validity)": ``document_expires`` as status says it on ``on``."""
        assert self.document_expires is not None
        return ends_words(self.document_expires, self.document_lapse, on)

    @property
    def outlasts_document(self) -> bool:
        """Whether the stay shown runs past the last day of the document it is entered on,
        where the pack has no rule on how long the host wants it to stay valid (a rule that
        has one judged it, or ended the stay by it), so the stay may not be had on it."""
        if self.entered is None or (self.entered.valid_for and not self.here):
            return False
        a = self.stay.answer if self.stay else None
        # a stay with no last day (no limit; a citizen at home) has none for a document to miss
        return (self.document_expires is not None and a is not None and bool(self.allowed)
                and a.latest_exit is not None and a.latest_exit > self.document_expires)

    @property
    def no_limit_document_end(self) -> dt.date | None:
        """The last day of the document a host that sets no limit lets the person in on, where
        it ends within DOCUMENT_END_NOTICE_MONTHS, as status warns of it (document_end): "no
        limit" has no last day for a document to outlast, so it read as a stay for as long as
        one likes on a passport ending next month. None elsewhere."""
        if self.here or not self.allowed or self.stay is None:
            return None
        end = document_end(self.stay, self)
        # a limited stay's caveat (before_latest_exit) is outlasts_document's, in the table
        return (end.last_day if end is not None and not end.ended and not end.before_latest_exit
                else None)

    @property
    def document_alone(self) -> str:
        """"international passport", or "international passport (AM)" when documents of that
        type from several states were judged: which one lets the person in must be said."""
        if self.document is None:
            return "-"
        states = {e.citizenship for e in self.entry if e.document == self.document}
        name = document_name(self.document)
        return f"{name} ({self.citizenship})" if len(states) > 1 and self.citizenship else name

    @property
    def document_named(self) -> str:
        """The document as ``document_alone`` names it, "and visa (DE)" after it when it lets
        the person in only with that visa."""
        named = self.document_alone
        return f"{named} and visa ({self.visa_from})" if self.visa_from else named

    @property
    def entered(self) -> EntryAnswer | None:
        """The entry check the row relies on: its document under its citizenship (a dual
        citizen's two passports of one type are two checks, and the other one's rule, visa or
        closure is not this one's); None where no document lets the person in."""
        return next((e for e in self.entry if e.document == self.document and e.allowed
                     and e.citizenship == (self.citizenship or e.citizenship)), None)

    @property
    def partly_refused(self) -> bool:
        """Whether entry is not known with some document held and refused with the others (an
        internal passport no rule speaks of, an international one too short for the host):
        "unknown" alone hid the refusal and its reason."""
        return self.allowed is None and any(e.allowed is False for e in self.entry)

    @property
    def visa_from(self) -> str | None:
        """The state whose visa the entry relied on (None: no visa needed, or no entry)."""
        return self.entered.visa_from if self.entered else None

    @property
    def open_ways(self) -> tuple[str, ...]:
        """With no --by given, the ways in still open on the day when a border closure shuts
        others (Azerbaijan: air alone); empty when no closure applies, or --by was given."""
        return self.entered.open_ways if self.entered else ()

    @property
    def unknown_ways(self) -> tuple[str, ...]:
        """The ways in a closure that may still be in place leaves unknown, beside
        ``open_ways`` (EntryAnswer.unknown_ways)."""
        return self.entered.unknown_ways if self.entered else ()

    @property
    def rules(self) -> tuple[Applied, ...]:
        """The rules the row relies on: each entry check's, then the stay's."""
        return (*(r for e in self.entry for r in e.rules), *(self.stay.rules if self.stay else ()))


def not_confirmed_by_host(items: Sequence[Destination], on: dt.date,
                          named: Mapping[str, Sequence[Relied]] | None = None
                          ) -> dict[str, tuple[Dated, ...]]:
    """Each host's rules whose sources are old on ``on`` (freshness.not_confirmed): its
    row's, and what else its line names (``named``: the report's exposure in brief, "a
    charge by the Russian Federation: medium under uz-extradition-2022"), which it relies on
    as much."""
    return {d.host: not_confirmed((*d.rules, *(named or {}).get(d.host, ())), on)
            for d in items}


# the profile's documents a person crosses a border on (a visa goes with one of them)
TRAVEL_DOCUMENTS = ("international_passport", "internal_passport", "birth_certificate",
                    "id_card")


def held_documents(history: History, pack: Pack, on: dt.date, *, ended: bool = False
                   ) -> list[tuple[str, str, dt.date | None]]:
    """Travel documents in the profile valid on ``on``, with the country that issued each and
    its last day (None: not known; ``pack``'s validity rules may give one by age); with
    ``ended``, those issued by then that have ended too, for the entry rules to refuse rather
    than to leave unjudged."""
    person = history.profile.person if history.profile else None
    held = [(d, document_last_day(d, history.born, pack, on))
            for d in (person.documents if person else [])]
    return [(d.type, d.country, ends) for d, ends in held
            if d.type in TRAVEL_DOCUMENTS and (ended or ends is None or ends >= on)
            and (d.issued is None or d.issued <= on)]


def ended_documents(history: History, pack: Pack, on: dt.date) -> list[tuple[str, dt.date]]:
    """The profile's travel documents that ended before ``on``, each with its last day, where
    it holds none valid then (held_documents): what to renew, rather than a document never
    given."""
    if held_documents(history, pack, on):
        return []
    person = history.profile.person if history.profile else None
    held = [(d, document_last_day(d, history.born, pack, on))
            for d in (person.documents if person else [])]
    return [(d.type, ends) for d, ends in held
            if d.type in TRAVEL_DOCUMENTS and ends is not None and ends < on]


@dataclass(frozen=True)
class HeldVisa:
    """A visa of the profile: the state that issued it, the day it did and its last day
    (None: not given)."""

    issuer: str
    issued: dt.date | None
    expires: dt.date | None


def held_visas(history: History, on: dt.date) -> list[HeldVisa]:
    """The profile's visas valid on ``on`` (issued by then, not expired), in the profile's
    order."""
    person = history.profile.person if history.profile else None
    return [HeldVisa(d.country, d.issued, d.expires) for d in (person.documents if person else [])
            if d.type == "visa" and (d.expires is None or d.expires >= on)
            and (d.issued is None or d.issued <= on)]


def other_issuer_documents(pack: Pack, host: str, on: dt.date) -> list[AcceptedDocument]:
    """The entry documents of ``host``'s rules in force on ``on`` that name other issuers
    whose visas it counts (``visas_of``): Cyprus's, which counts a Schengen visa. A visa is
    held whatever the citizenship; only a document that asks for one makes it count."""
    return [d for r in pack.rules if r.host == host and r.topic == "entry"
            and within(on, r.valid_from, r.valid_to) for d in r.documents if d.visas_of]


def counted_visa(pack: Pack, host: str, visas: Sequence[HeldVisa], on: dt.date
                 ) -> HeldVisa | None:
    """The visa the host counts on ``on`` that lasts longest (one with no end date given
    first, then the profile's order): its own, or for a zone one issued by a state that is a
    member both on that day and on the day it issued the visa (a visa a state issued before
    it joined is its national visa, valid for it alone). The longest, as an earlier one would
    end the stay sooner than the visas held let it go on."""
    # the documents of the rules that judge the entry: a member state's zone's, where it has
    # none of its own on the day
    docs = other_issuer_documents(pack, entry_judge(pack, host, on), on)
    counted = [v for v in visas if counts_visa(pack, host, v.issuer, v.issued, on, docs)]
    return max(counted, key=lambda v: v.expires or dt.date.max, default=None)


def ended_by(stay: StayReport, expires: dt.date, why: str = "visa") -> StayReport:
    """The stay ended on ``expires``, the last day of the visa it is entered on (``why``
    "visa") or the last day a stay can end on the document (``why`` "document"), when the
    stay rules (or the planned trips) would let it go on past that day: ``limited_by`` says
    which. A stay the pack does not know at all, or none possible on the day, is left."""
    a = stay.answer
    if (a.max_stay_days == 0 or (a.max_stay_days is None and a.unknown)
            or (a.latest_exit is not None and a.latest_exit <= expires)):
        return stay
    ended = replace(a, latest_exit=expires, max_stay_days=(expires - a.on).days + 1,
                    limited_by=why, planned_stay=None)
    return replace(stay, answer=ended, planned_trip=None)


# How far ahead of the query day a stay with no limit and no recorded exit warns that the
# document it is had on ends: 6 months, the longest validity the pack's entry rules want of a
# passport from the day of entry (Thailand, Vietnam, the UAE, ...), so that a passport with
# less left already bars those hosts, and renewing one abroad is not a matter of days.
DOCUMENT_END_NOTICE_MONTHS = 6


def document_end(stay: StayReport, row: Destination, entry_row: Destination | None = None
                 ) -> DocumentEnd | None:
    """The end of the document ``row`` lets the person in on, for a stay with no limit: said
    where it comes before the stay's recorded exit, or, with none recorded, within
    DOCUMENT_END_NOTICE_MONTHS of the query day. For a limited stay, where a stay on it must
    end before the stay's latest exit (``leave_by``), which is left the stay rules' answer: a
    passport renewed lets the stay go on. A citizen at home needs none.

    Where no document held on the day lets the person in (``row`` has none), the document
    ``entry_row``, the host judged on the day the stay began, let them in on, where it has
    ended since: the person stays on no valid travel document, limited stay or not. A profile
    holding another one the host admits (a newer passport, a second citizenship's), or may
    admit (the pack does not know), says nothing of the old one: the stay is had on the other
    one, judged as above where it is known."""
    a = stay.answer
    if stay.own_citizen:
        return None
    entered = row.entered
    if entered is None:
        then = entry_row.entered if entry_row is not None else None
        ended = entry_row.document_expires if entry_row is not None else None
        # another document whose entry the pack does not know may carry the stay: not said
        if (not a.present or then is None or ended is None or ended >= a.on
                or any(e.allowed is None for e in row.entry)):
            return None
        return DocumentEnd(then.document, then.citizenship, ended, ended=True,
                           lapse=entry_row.document_lapse if entry_row else None)
    if row.document_expires is None:
        return None
    if a.max_stay_days is not None:
        return _outlasted_by_stay(entered, row.document_expires, a, row.document_lapse)
    if a.unknown:
        return None
    leaving = a.leaving if a.present and a.leaving is not None and a.leaving > a.on else None
    horizon = leaving or months_after(a.on, DOCUMENT_END_NOTICE_MONTHS)
    ends = row.document_expires
    if ends > horizon or (leaving is not None and ends == leaving):
        return None
    return DocumentEnd(entered.document, entered.citizenship, ends, lapse=row.document_lapse)


def _outlasted_by_stay(entered: EntryAnswer, expires: dt.date, a: Answer,
                       lapse: AgeLapse | None) -> DocumentEnd | None:
    """The document ``entered`` relies on, valid to ``expires`` (by its holder's age:
    ``lapse``), where a stay on it must end
    before the limited stay's latest exit, or before plan's stay from its earliest entry ends
    (None: it lasts the stay, or no stay is possible).
    Ending on the latest exit itself, it lasts the stay, as a host that wants it valid
    through the day of leaving asks."""
    if a.latest_exit is None or not a.max_stay_days:
        return None
    # entering on the day, its entry rule may want it valid some time beyond the day of
    # leaving (the Schengen area: 3 months), which ends the stay sooner; for a person already
    # in the host, that was judged at the entry made (HeldPapers.checks), and the stay needs
    # it valid, no longer
    leave_by = entered.last_exit_by_document or expires
    if leave_by >= max(a.latest_exit, a.earliest_until or a.latest_exit):
        return None
    # only a validity counted from the day of leaving speaks of the stay: one counted from
    # entry was met at the entry made, or refused it
    v = entered.valid_for
    v = v if v is not None and v.beyond == "intended_exit" else None
    # plan's answer is the stay it offers, from its earliest entry: a passport it outlasts is
    # said of that stay; one only status's stay from the day outlasts, of that one
    offered = (a.earliest_entry, a.earliest_until) if a.length is not None else (None, None)
    stay_from, stay_until = (offered if offered[1] is not None and leave_by < offered[1]
                             else (None, a.latest_exit))
    return DocumentEnd(entered.document, entered.citizenship, expires, leave_by=leave_by,
                       valid_for=v, valid_for_rule=entered.valid_for_rule if v else None,
                       stay_from=stay_from, stay_until=stay_until, lapse=lapse)


def stay_document_end(stay: StayReport, row: Destination, history: History, pack: Pack, *,
                      citizenship: str | None = None, assume: tuple[str, ...] = ()
                      ) -> DocumentEnd | None:
    """``document_end`` of ``stay`` in ``row``'s host, judging the host again on the day the
    stay began where no document held now lets the person in: an expired document is no
    document held (held_documents), so the one entered on is found only on that day."""
    a = stay.answer
    entry_row = None
    if (row.entered is None and a.present and not stay.own_citizen
            and a.entered is not None and a.entered < a.on):
        entry_row = next(iter(destinations(history, pack, on=a.entered, citizenship=citizenship,
                                           assume=assume, hosts=(row.host,))), None)
    return document_end(stay, row, entry_row)


def with_document_end(stay: StayReport, history: History, pack: Pack, *,
                      citizenship: str | None = None, assume: tuple[str, ...] = ()
                      ) -> StayReport:
    """``stay`` with its ``document_end``, judged by the entry rules of its host for the
    documents the profile holds, as ``destinations`` judges them."""
    if history.profile is None or not stay.rules:
        return stay  # a CSV history holds no documents; an ad-hoc rule has no host to enter
    rows = destinations(history, pack, on=stay.answer.on, citizenship=citizenship,
                        assume=assume, hosts=(stay.host,))
    if not rows:
        return stay
    return stay.with_document_end(stay_document_end(stay, rows[0], history, pack,
                                                    citizenship=citizenship, assume=assume))


@dataclass(frozen=True)
class HeldPapers:
    """What the entry rules judge a person by on a day: each kind of travel document held, as
    (type, the citizenship it is judged under) with its last day (None: not given), the
    person's age, their visas, and the countries the history has them in."""

    expiry: dict[tuple[str, str], dt.date | None]
    age: int | None
    visas: tuple[HeldVisa, ...]
    # where the person is: the country the day ends in (History.ends_day_in), the one entered
    # on a crossing day; the one left that day is a host to go back to, a new entry
    here: frozenset[str]
    # what the exit rules of the states left judge besides the document: the summonses and
    # charges the profile records, the person's citizenships and the documents each state issued
    leaving: Leaving
    # why a kind's last day is that day, where the profile gives it no end and it lapses by
    # the holder's age: the entry reasons say so, and rely on the rule that gives it
    lapses: dict[tuple[str, str], AgeLapse] = field(default_factory=dict)
    # the stays the history records, whose entries count against a host's limit on entries
    # by land in a calendar year
    stays: tuple[Stay, ...] = ()

    def present_in(self, pack: Pack, host: str, on: dt.date) -> bool:
        # in a member state only while it is one: Croatia in 2022 was not the Schengen area
        return bool(set(members_of(pack, host, on)) & self.here)

    def visa_for(self, pack: Pack, host: str, on: dt.date) -> HeldVisa | None:
        # a profile says which visas it holds: none that counts for the host is a "no visa"
        return counted_visa(pack, host, self.visas, on)

    def checks(self, pack: Pack, host: str, on: dt.date, *, by: str | None = None,
               assume: tuple[str, ...] = (), entering: bool = False
               ) -> tuple[EntryAnswer, ...]:
        """Each kind of document judged by ``host``'s entry rules on ``on``, before any entry
        ban of the person's overstays (with_bans), and first by the exit rules of the states
        the history has the person in on ``on`` (with_exit): a trip to ``host`` that day
        leaves one of them. A person the history has in no state on the day leaves none the
        pack can name, and a child already abroad crosses no border of Russia's. With
        ``entering``, the entry the history records into ``host`` on ``on``, which no border
        has judged yet (a trip planned): judged as the entry it is, from the states it
        leaves."""
        members = set(members_of(pack, host, on))
        present = self.present_in(pack, host, on) and not entering
        visa = self.visa_for(pack, host, on)
        leaving = self.leaving
        if entering:
            # the host the trip enters is no state it leaves
            leaving = replace(leaving, states=tuple(s for s in leaving.states
                                                    if s not in members))
        # Where the person is, the validity a host wants of a passport was judged at the
        # entry already made: the passport is not refused for it now (Schengen's 3 months
        # beyond leaving read "no" beside "you are here"), and a stay that outlasts it is told
        # (outlasts_document), as report tells the passport's last day as a deadline.
        return tuple(check_entry(pack, citizenship=c, document=d, to=host, on=on, by=by,
                                 age=self.age, assume=assume, visa=visa is not None,
                                 visa_from=visa.issuer if visa else None,
                                 document_expires=None if present else ends,
                                 document_lapse=None if present else self.lapses.get((d, c)),
                                 leaving=leaving,
                                 earlier=None if present else earlier_entries(
                                     self.stays, members, on))
                     for (d, c), ends in self.expiry.items())


def held_papers(history: History, pack: Pack, on: dt.date, citizenship: str | None = None,
                documents: list[str] | None = None, *, ended: bool = False) -> HeldPapers:
    """The papers ``history``'s profile holds on ``on`` (with ``ended``, those that have ended
    by then too: held_documents), or ``documents`` of ``citizenship`` (as `destinations
    --citizenship --document` name them)."""
    cit = citizenship.upper() if citizenship else None
    # Each document is judged under the citizenship of the state that issued it (a passport
    # of a state the profile does not list among the citizenships is still that state's);
    # documents named on the command line under --citizenship, else the profile's first (a
    # profile may name none: then only its own documents are judged, each under its state)
    held_docs = ([(d, cit or history.citizenships[0].upper(), None) for d in documents]
                 if documents is not None else held_documents(history, pack, on, ended=ended))
    # the last day of each document judged, the latest where two of a kind are held; one
    # check a kind: two passports of one state were two identical checks, each reason and
    # rule said twice
    expiry: dict[tuple[str, str], dt.date | None] = {}
    for t, c, ends in held_docs:
        kind = (t, cit or c)
        known = expiry.get(kind, dt.date.min)
        expiry[kind] = None if known is None or ends is None else max(known, ends)
    # a last day the profile gives none for is the document's end by its holder's age
    lapses = {kind: lapse for kind, ends in expiry.items() if ends is not None
              and (lapse := lapse_ending(history, pack, kind[0], ends, on)) is not None}
    # the exit rules judge leaving every state the history has the person in that day: on a
    # crossing day the entry made that day is judged from the state it leaves (entering)
    on_the_day = sorted({s.country for s in history.stays_on(on)})
    ends_in = history.ends_day_in(on)
    here = frozenset([ends_in] if ends_in is not None else [])
    return HeldPapers(expiry, history.age_on(on), tuple(held_visas(history, on)), here,
                      leaving_from(history, pack, on, on_the_day), lapses, history.stays)


def leaving_from(history: History, pack: Pack, on: dt.date, states: Sequence[str]) -> Leaving:
    """What the exit rules of ``states`` judge of the person of ``history`` leaving on ``on``:
    the summonses, charges and restrictions on leaving its profile records, the citizenships,
    and the documents held then."""
    profile = history.profile
    return Leaving(tuple(states),
                   tuple(profile.summonses) if profile else (),
                   frozenset(c.upper() for c in history.citizenships),
                   tuple((t, c.upper()) for t, c, _ in held_documents(history, pack, on)),
                   # a charge for an act after the day is no charge on it, as risk judges it
                   tuple(c for c in (profile.charges if profile else ())
                         if c.committed_on is None or c.committed_on <= on),
                   tuple(profile.exit_restrictions) if profile else ())


def entry_verdict(checks: Sequence[EntryAnswer]) -> bool | None:
    """Whether the person may enter with the documents judged: yes when one lets them in, no
    when every one is refused, else not known (none judged, or one not known)."""
    if any(c.allowed for c in checks):
        return True
    return False if checks and all(c.allowed is False for c in checks) else None


def destinations(history: History, pack: Pack, *, on: dt.date, citizenship: str | None = None,
                 documents: list[str] | None = None, by: str | None = None,
                 assume: tuple[str, ...] = (), hosts: tuple[str, ...] | None = None
                 ) -> list[Destination]:
    """Every host of the pack (or those of ``hosts`` it has), whether the person may enter on
    ``on`` and how long they could stay there from that day."""
    require_citizenship(history, citizenship)
    check_assumed(pack, assume, hosts)  # told once, of the hosts asked about, not the first
    # refused here, as status refuses it: each row's stay below takes an error for "unknown",
    # and a misspelt kind made every host's stay unknown
    check_application_kinds(history, pack)
    papers = held_papers(history, pack, on, citizenship, documents)
    expiry = papers.expiry
    notice = months_after(on, DOCUMENT_END_NOTICE_MONTHS)

    def ends_soon(ends: dt.date | None) -> bool:
        return ends is not None and ends < notice

    pack_hosts = sorted({r.host for r in pack.rules if r.topic in ("entry", "stay")})
    out = []
    for host in (pack_hosts if hosts is None else [h for h in pack_hosts if h in hosts]):
        present = papers.present_in(pack, host, on)
        visa = papers.visa_for(pack, host, on)
        checks = papers.checks(pack, host, on, by=by, assume=assume)
        allowed = entry_verdict(checks)
        members = {m.country for m in pack.zones[host].members} if host in pack.zones else {host}
        # judged as `status` judges them when a passport of that citizenship lets them in: a
        # citizen of the host (of a member, for a zone), who is not limited there, or else the
        # first citizenship the host has stay rules for (a Kazakh-Russian in Türkiye was 10
        # days from the limit here, as a Russian, and 40 in `status`, as a Kazakh)
        judged = (citizenship.upper() if citizenship
                  else judged_citizenship(history, pack, host, on))
        # where the person is on a passport their trip records, that passport let them in
        # (the entry was judged when it was made): the row judges the stay under it, as
        # `status` does, whatever the entry rules would say of a new entry on it. Away, the
        # passport the next trip planned there records is the one the person means to show,
        # and `status` judges the planned stay under it: a document of it the entry rules do
        # not refuse on the day is shown (the pack not knowing it, say), lest the row judge
        # that trip under another citizenship's rule
        recorded = passport_recorded(history, members, on)
        entered_on = recorded.passport if recorded and (present or recorded.entry > on) else None
        # then, of that citizenship's documents, one the entry rules admit before one they
        # may not, and one they refuse last (the trip records the state whose passport it
        # was, not which of its documents: an internal passport Georgia refuses, lasting
        # longer, was taken), and the one valid longest: a passport about to expire lets no
        # one stay long; but of two valid past the notice horizon, one let in every way before
        # one let in by some ways only (Russia lets the internal passport out to Armenia by air
        # alone: the row named it beside a foreign passport valid for years that goes by land)
        admitted = sorted((c for c in checks if _shown(c, entered_on, present)),
                          key=lambda c: (c.citizenship not in members, c.citizenship != judged,
                                         c.allowed is not True, c.allowed is False,
                                         ends_soon(expiry[(c.document, c.citizenship)]),
                                         bool(c.open_ways),
                                         -(expiry[(c.document, c.citizenship)]
                                           or dt.date.max).toordinal()))
        entered = admitted[0] if admitted else None
        best = entered.document if entered else None
        try:
            # a host left that day is judged as one to go back to, as `present` says
            stay = stay_report(history, pack, on=on, country=host,
                               citizenship=entered.citizenship if entered else citizenship,
                               assume=assume, left_is_away=True)
        except SojournError:
            stay = None
        if stay is not None and stay.bans_on:
            # an overstay there may bar the entry: judged again with its bans, which the stay
            # found under the citizenship it was judged by
            checks = tuple(with_bans(c, stay.bans_on) for c in checks)
            allowed = entry_verdict(checks)
            was = entered
            entered = next((c for c in checks if _shown(c, entered_on, present)
                            and was is not None
                            and (c.document, c.citizenship) == (was.document, was.citizenship)),
                           None)
            best = entered.document if entered else None
        # an entry on a visa lasts no longer than the visa
        expires = visa.expires if visa and entered and entered.visa_from else None
        if stay is not None and expires is not None:
            stay = ended_by(stay, expires)
        # and no longer than the document, where the host wants it valid beyond the exit
        last_exit = entered.last_exit_by_document if entered else None
        if stay is not None and last_exit is not None:
            stay = ended_by(stay, last_exit, "document")
        name = pack.zones[host].title if host in pack.zones else country_name(host)
        differs = present and entered is not None and entered.citizenship != judged
        ends = expiry[(entered.document, entered.citizenship)] if entered else None
        # a last day that is the document's end by age rests on the rule that gives it
        lapse = (papers.lapses.get((entered.document, entered.citizenship))
                 if entered is not None else None)
        if stay is not None and lapse is not None:
            stay = stay.relying_also_on([lapse.validity])
        out.append(Destination(host, name, allowed, best, checks, stay, present,
                               entered.citizenship if entered else None,
                               judged if differs else None, expires, ends, last_exit,
                               lapse))
    return out


def _shown(c: EntryAnswer, recorded: str | None, present: bool) -> bool:
    """Whether a row may take the document ``c`` judges: one the entry rules admit, or one of
    the passport a trip records (``recorded``): that of the stay under way, which let the
    person in, or, away, that of the trip planned there, unless the rules refuse it."""
    return bool(c.allowed) or (c.citizenship == recorded and (present or c.allowed is not False))


def refused_entry_words(entries: Sequence[EntryAnswer]) -> str:
    """Why the entry rules refuse each document of ``entries`` they refuse, in brief:
    "it wants your international passport valid 6 months from the day of entry; yours ends on
    31 May 2026 (th-entry-ru-foreign-passport)", a visa not held, or the refusal's own reason,
    less the host's name and the day, which the answer around it gives."""
    said = [_said_in_brief(e, r) for e in refusals_said(entries) for r in _refusal_reasons(e)]
    return "; ".join(said_once(said)) or "refused by its entry rules; `sojourn entry` says why"


def _said_in_brief(e: EntryAnswer, r: Reason) -> str:
    """The reason ``r`` of ``e`` in brief (_in_brief), and, for the exit rule that refuses
    (a summons), the day its ban starts under each account, as the line under `destinations`
    says it (exit_said): the refusal rests on the account assumed, and the other's day is the
    answer under it. Added after the day asked is taken out, which may be a ban's day."""
    brief = _in_brief(e, r)
    x = e.exit_refused
    return exit_said(x, brief) if x is not None and r == x.because else brief


def exit_said(x: ExitCheck, reason: str | None = None) -> str:
    """What a line under a list of hosts says of the exit check ``x``: its reason (or
    ``reason``, that reason as the line words it), and, where the accounts of its rule start
    the ban keeping the person in on different days, the day under each: the line says once
    for every host what the rows' answers rest on (a summons received, barring from its
    placement or seven days after), which the rows then need not mark as contested. The
    lines on leaving under `destinations` and the report's line on the hosts refused both
    say it so."""
    said = x.reason if reason is None else reason
    if x.account is None or x.kept_in_from is None:
        return said
    days = [f"on {format_long(day)} under '{name}'" if day is not None
            else f"not at all under '{name}'"
            for name, day in ((x.account.assumed, x.kept_in_from), *x.account.others)]
    return f"{said}; the ban starts {listed(days)}"


def _refusal_reasons(e: EntryAnswer) -> list[Reason]:
    """Why ``e`` is refused, as refused_entry_words says it of one answer, with the rules
    each reason rests on."""
    why = [replace(unmet, text=f"it {unmet.text}") for unmet in e.unmet_reasons]
    if not why:
        # what was told on the way (a closure of ways not given, the age assumed, a document
        # accepted but for a visa) is no refusal: the first reason that refuses is
        why = [r for r in e.why if r.refuses][:1]
    return why


def _in_brief(e: EntryAnswer, r: Reason) -> str:
    """A reason of ``e`` less the day asked and the host's name, which the answer around it
    gives. The day is taken out only of a reason dated by it: one dating what the profile
    records (a summons placed on the day asked) keeps its dates."""
    text = r.text
    if r.dated_by_the_day_asked:
        text = text.replace(f" on {format_long(e.on)}", "")
    if text.lower().startswith(f"{e.to_name.lower()} "):
        text = "it " + text[len(e.to_name) + 1:]
    return text


def refusals_said(entries: Sequence[EntryAnswer]) -> list[EntryAnswer]:
    """The answers of ``entries`` whose refusal refused_entry_words says: those refused, but a
    refusal at the exit beside the point among them."""
    return [e for e in entries if e.allowed is False and not beside_the_point(e, entries)]


Basis = tuple[list[Applied], list[Assumption]]


def reasons_basis(said: Iterable[tuple[EntryAnswer, Sequence[Reason]]]) -> Basis:
    """The rules each entry answer's reasons said of it rest on (EntryAnswer.resting_on),
    once each, with the account assumed of each contested one: what a line telling a refusal
    or a caution relies on, as `sojourn entry` lists them. The rules an answer relied on for
    other reasons (the rule that accepted the passport an exit rule keeps in) are not."""
    rules: dict[str, Applied] = {}
    accounts: dict[str, Assumption] = {}
    for e, reasons in said:
        relied, assumed = e.resting_on(reasons)
        rules |= {r.id: r for r in relied}
        accounts |= {x.rule: x for x in assumed}
    return list(rules.values()), list(accounts.values())


def refusal_basis(entries: Sequence[EntryAnswer]) -> Basis:
    """What the refusal refused_entry_words says of ``entries`` rests on (reasons_basis)."""
    return reasons_basis((e, _refusal_reasons(e)) for e in refusals_said(entries))


def caution_basis(entries: Sequence[EntryAnswer]) -> Basis:
    """What the exit rules' cautions of ``entries`` rest on (reasons_basis)."""
    return reasons_basis((e, [x.because for x in e.exits if x.caution]) for e in entries)


def relying_on(stay: StayReport, bases: Iterable[Basis]) -> StayReport:
    """``stay`` relying on the rules and accounts of ``bases`` (StayReport.relying_also_on)."""
    rules: list[Applied] = []
    accounts: list[Assumption] = []
    for more, assumed in bases:
        rules += more
        accounts += assumed
    return stay.relying_also_on(rules, accounts)


def with_other_passports_judged(stay: StayReport, history: History, pack: Pack, *,
                                assume: tuple[str, ...] = (), today: dt.date | None = None,
                                by: str | None = None) -> StayReport:
    """``stay`` with each other citizenship's answer (StayReport.other_citizenships) refused
    where the host's entry rules refuse every document of that citizenship the profile holds,
    as ``destinations`` judges them, on the day of the entry that answer is about: a stay on a
    passport no one is let in on is no answer. A document that has ended by then is refused
    for it. A citizenship none of whose documents the profile lists keeps its answer: the pack
    cannot judge papers it is not told of. For a person away on the day, the answer given is
    judged so too, by every document held (StayReport.entry_refused): "If you enter ..." of a
    child no border lets out judged an entry no one can make, and said nothing of it. So is,
    for a person present, the new entry the answer offers after leaving
    (StayReport.return_entry).

    The entry the answer offers is judged as made by ``by`` (`plan --by`), as `entry --by`
    judges it: a limit on entries by land counts it. With no way given, it is judged by land
    too, and a refusal by land alone is told apart (StayReport.entry_refused_by_land): "If you
    enter ..." said nothing of a third land run the host refuses.

    The entries into the host the history records and no border has judged yet are judged so
    too (StayReport.entries_refused): each after the query day, which the answer honours, and
    the stay under way's where it begins on the query day or after ``today`` (the real day,
    where given): the answer counts a stay the host would not let begin."""
    # a host's own citizen is let in on any document of it; an ad-hoc regime judges no
    # citizenship; a CSV history lists no documents. A person present is judged where the
    # answer offers a new entry after leaving: "a new stay can begin the same day" (plan) or
    # "the earliest day you may be in ... again" offered one the host refuses (a passport no
    # longer valid long enough from that day)
    reentry = stay.return_entry
    answered = ((not stay.answer.present or reentry is not None) and not stay.own_citizen
                and not stay.ad_hoc and history.profile is not None)
    unjudged = _unjudged_entries(stay, history, today)
    if not stay.other_citizenships and not answered and not unjudged:
        return stay
    checks: dict[dt.date, tuple[EntryAnswer, ...]] = {}  # by day: most answers share one

    def checked(day: dt.date) -> tuple[EntryAnswer, ...]:
        if day not in checks:
            checks[day] = held_papers(history, pack, day, ended=True).checks(
                pack, stay.host, day, by=by, assume=assume)
        return checks[day]

    others = []
    said: list[Basis] = []  # of the refusals and cautions told: the answer relies on them
    for other in stay.other_citizenships:
        own = [c for c in checked(_entry_day(other.answer)) if c.citizenship == other.citizenship]
        if own and all(c.allowed is False for c in own):
            other = replace(other, refused=refused_entry_words(own))
            said.append(refusal_basis(own))
        others.append(other)
    refused = None
    by_land = None
    cautions: tuple[str, ...] = ()
    if answered:
        # every document held, of any citizenship: one let in, the person can enter (and the
        # other citizenship's line says how long it gives). One not known is no refusal, and
        # is left unsaid: the pack lacks most hosts' rules for some document, and a line under
        # every such answer would bury the refusals; `destinations` and `entry` tell it
        # coming back is an entry like any other, not the stay under way the person is in
        day = reentry or _entry_day(stay.answer)

        def offered(accounts: tuple[str, ...], way: str | None = by
                    ) -> tuple[EntryAnswer, ...]:
            if not reentry and way == by and accounts == assume:
                return checked(day)
            return held_papers(history, pack, day, ended=True).checks(
                pack, stay.host, day, by=way, assume=accounts, entering=bool(reentry))

        held = offered(assume)
        if held and all(c.allowed is False for c in held):
            basis = refusal_basis(held)
            refused = RefusedEntry(day, refused_entry_words(held)
                                   + _accounts_said(basis[1], assume, offered))
            said.append(basis)
        elif by is None:
            by_land, basis_by_land = _refused_by_land(day, assume, offered)
            said.extend(basis_by_land)
        cautions = tuple(dict.fromkeys(x.reason for c in held for x in c.exits if x.caution))
        said.append(caution_basis(held))
    entries_refused = []
    entries_unknown = []
    for day in unjudged:
        # judged by the way the trip records it came in, as `entry --by` judges it: a limit
        # on entries by land counts a planned land entry
        by = recorded_way(history, pack, stay.host, day)

        def made_under(accounts: tuple[str, ...], day: dt.date = day, by: str | None = by
                       ) -> tuple[EntryAnswer, ...]:
            return held_papers(history, pack, day, ended=True).checks(
                pack, stay.host, day, by=by, assume=accounts, entering=True)

        made = made_under(assume)
        if made and all(c.allowed is False for c in made):
            first = made[0]
            rule = first.valid_for_rule if first.valid_long_enough is False else next(
                (r.id for r in first.rules if r.rule.topic == "entry"), None)
            basis = refusal_basis(made)
            entries_refused.append(RefusedEntry(
                day, refused_entry_words(made) + _accounts_said(basis[1], assume, made_under),
                rule))
            said.append(basis)
        elif made and not any(c.allowed for c in made) and (open_ := _left_open(made)):
            basis = reasons_basis((e, [r]) for e, r in open_)
            why = "; ".join(said_once([_in_brief(e, r) for e, r in open_]))
            entries_unknown.append(RefusedEntry(
                day, why + _accounts_said(basis[1], assume, made_under), open_[0][1].rules[0]))
            said.append(basis)
    return relying_on(
        replace(stay, other_citizenships=tuple(others), entry_refused=refused,
                exit_cautions=cautions, entries_refused=tuple(entries_refused),
                entries_unknown=tuple(entries_unknown), entry_refused_by_land=by_land), said)


def _refused_by_land(day: dt.date, assume: tuple[str, ...],
                     offered: Callable[[tuple[str, ...], str | None], Sequence[EntryAnswer]]
                     ) -> tuple[RefusedEntry | None, list[Basis]]:
    """The entry offered on ``day``, judged with no way in and let in (or not known), made
    by land instead (``offered``: judged under a tuple of --assume names and a way): where
    every document is refused then (a limit on entries by land reached, a land border
    closed), why, with the accounts of a contested rule; else None. The answer assumed no way
    in, which a person planning a land run reads as his."""
    by_land = offered(assume, "land")
    if not by_land or not all(c.allowed is False for c in by_land):
        return None, []
    basis = refusal_basis(by_land)
    why = refused_entry_words(by_land) + _accounts_said(
        basis[1], assume, lambda accounts: offered(accounts, "land"))
    return RefusedEntry(day, why, next((r.id for r in by_land[0].rules
                                        if r.rule.topic == "entry"), None)), [basis]


def first_day_let_in(stay: StayReport, history: History, pack: Pack, *, by: str,
                     assume: tuple[str, ...], today: dt.date | None,
                     ask_from: Callable[[dt.date], StayReport],
                     stay_on: Callable[[dt.date], StayReport] | None = None) -> StayReport:
    """`plan --by WAY`: ``stay`` (judged by with_other_passports_judged) with the entry it
    offers moved to the first day both the stay rules and the host's entry rules let the
    person in that way. Where the entry rules refuse the stay rules' earliest day, plan's own
    search goes on (``ask_from``: the answer with no entry sought before a day) from the next
    day the entry rules may judge otherwise (_entry_may_change_after), until a day lets the
    person in, or one whose answer the pack does not know (then no day is offered), or the
    search's horizon. "The earliest you can enter is 10 October 2024" beside "by land you
    cannot enter on 10 October 2024" was wrong for the person planning a land run.

    `status --by WAY` (no length) asks the same of the stay from the day asked, for a person
    away whom the stay rules let in that day: ``ask_from`` then answers for a stay of a day.
    Where the day refused is the day asked, the stay from the first day let in
    (``stay_on``: the stay rules' answer for a day) is told in its place
    (EntryWaited.stay_from): "If you enter Thailand on 10 October 2024, you may stay until 8
    December 2024" described an entry the border refuses as if it happened. Its figures are
    the lines' under the first line too (its count, its registration deadline), so the
    rules they name are among those relied on."""
    a, refused = stay.answer, stay.entry_refused
    asked = _entry_offered(a)
    if asked is None:
        # status with no entry on the day asked (present, or no day left): nothing to judge
        return replace(stay, way_not_judged=by) if a.length is None else stay
    if refused is None or refused.on != asked:
        # let in, or the pack does not know whether that way is open at all
        unknown = _open_not_known(history, pack, stay.host, asked, by, assume)
        return stay if unknown is None else _no_day_known(
            relying_on(stay, [unknown[1]]), EntryWaited(by, None, unknown[0]))
    found = _searched(stay, history, pack, by=by, assume=assume, today=today,
                      ask_from=ask_from)
    waited = found.entry_waited
    assert waited is not None
    first = found.answer.earliest_entry if waited.unknown_from is None else None
    from_first = (stay_on(first) if first is not None and stay_on is not None
                  and waited.refuses_the_day_asked(a) else None)
    if from_first is not None:
        waited = replace(waited, stay_from=from_first.answer)
    if a.length is None:
        # status: the answer's figures stay the day asked's (JSON's latest_exit, as batch's);
        # the rules the search and the stay from the first day let in relied on are added,
        # and the entry refused on the day asked is entry_waited's to tell
        told = stay.relying_also_on(found.rules, found.accounts_named)
        if from_first is not None:
            told = told.relying_also_on(from_first.rules, from_first.all_assumptions)
            # the rules are those of the stay from the first day let in: current then?
            told = told.with_freshness_on(from_first.answer.on)
        return replace(told, entry_waited=waited, entry_refused=None)
    return replace(found, entry_waited=waited)


def _entry_offered(a: Answer) -> dt.date | None:
    """The day of the entry an answer offers a person: plan's earliest entry, or, for
    status (no length), the day asked, where the person is away and the stay rules let a
    stay begin then; else None (nothing for the way in to move)."""
    if a.length is not None:
        return a.earliest_entry
    return a.on if not a.present and a.max_stay_days else None


def _searched(stay: StayReport, history: History, pack: Pack, *, by: str,
              assume: tuple[str, ...], today: dt.date | None,
              ask_from: Callable[[dt.date], StayReport]) -> StayReport:
    """first_day_let_in's search, from ``stay``, whose entry offered (its entry_refused's
    day) the entry rules refuse the way ``by``: the answer from the first later day they let
    in, with entry_waited; no earliest entry where none is known."""
    a, refused = stay.answer, stay.entry_refused
    assert refused is not None
    horizon = a.on + dt.timedelta(days=PLAN_SCAN_DAYS)
    day = refused.on
    # the answer told rests on the rules, and the accounts, that refused the stay rules' day
    first = refusal_basis(held_papers(history, pack, day, ended=True).checks(
        pack, stay.host, day, by=by, assume=assume))
    waited = EntryWaited(by, replace(refused, rule=refused.rule or next(
        (r.id for r in first[0]), None)))
    later, asked = stay, day
    refusing: list[Basis] = []  # what refused the later days tried rests on
    while (after := _entry_may_change_after(history, pack, stay.host, asked, assume)) <= horizon:
        later = relying_on(with_other_passports_judged(
            ask_from(after), history, pack, assume=assume, today=today, by=by), [first])
        if later.answer.earliest_entry is None:  # the stay rules offer none from then on
            return replace(later, entry_waited=waited)
        day = later.answer.earliest_entry
        # the next day tried comes after this one, whatever the answer offered: one offered
        # before the day asked from (a ban's end, before the fix of stay._entry_after) was
        # refused again, and the search, asking from the same day, never ended
        asked = max(day, after)
        if later.entry_refused is not None and later.entry_refused.on == day:
            refusing.append(refusal_basis(held_papers(history, pack, day, ended=True).checks(
                pack, stay.host, day, by=by, assume=assume)))
            continue
        unknown = _open_not_known(history, pack, stay.host, day, by, assume)
        if unknown is not None:
            return _no_day_known(relying_on(later, [unknown[1]]),
                                 replace(waited, unknown_from=unknown[0]))
        return replace(later, entry_waited=waited)
    # refused on every day the search tried, to its horizon: the lines under the first are
    # the day asked's, resting also on the rules that refused the later days, not those of
    # a stay from the last day tried ("no registration duty for a stay beginning on
    # 1 January 2034", ten years on, of an entry no day lets the person make)
    return _no_day_known(stay.relying_also_on([r for rules, _ in refusing for r in rules],
                                              [x for _, accounts in refusing for x in accounts]),
                         waited)


def _open_not_known(history: History, pack: Pack, host: str, day: dt.date, by: str,
                    assume: tuple[str, ...]) -> tuple[RefusedEntry, Basis] | None:
    """Where no document held is let in on ``day`` that way and one is left unknown for what
    the pack does not know of a rule's end (Azerbaijan's land border, closed until at least a
    day now past: Reason.end_not_known), that day and why, and what that rests on; else
    None."""
    made = held_papers(history, pack, day, ended=True).checks(pack, host, day, by=by,
                                                              assume=assume)
    open_ = [(e, r) for e in made if e.allowed is None for r in e.why if r.end_not_known]
    if not open_ or any(c.allowed for c in made):
        return None
    why = "; ".join(said_once([_in_brief(e, r).removeprefix("unknown: ") for e, r in open_]))
    return (RefusedEntry(day, why, open_[0][1].rules[0] if open_[0][1].rules else None),
            reasons_basis((e, [r]) for e, r in open_))


def _no_day_known(stay: StayReport, waited: EntryWaited) -> StayReport:
    """``stay`` offering no earliest entry: none is known the way in asked (``waited``)."""
    return replace(stay, answer=replace(stay.answer, earliest_entry=None, earliest_until=None,
                                        earliest_meets=None),
                   entry_refused=None, entry_waited=waited)


def _entry_may_change_after(history: History, pack: Pack, host: str, day: dt.date,
                            assume: tuple[str, ...]) -> dt.date:
    """The first day after ``day`` on which the host's entry rules may judge an entry
    otherwise: a rule of entry or of its borders, for a citizenship the profile holds, begins
    or ends (a closure's end, a new agreement), or a new calendar year begins (a limit on
    entries a year counts afresh: Thailand's two by land)."""
    days = [dt.date(day.year + 1, 1, 1)]
    for citizenship in dict.fromkeys(c.upper() for c in history.citizenships):
        applied, _ = select(pack, host, citizenship, assume, topics=ENTRY_TOPICS)
        for rule in applied:
            ends = None if rule.valid_to is None else rule.valid_to + dt.timedelta(days=1)
            days += [d for d in (rule.valid_from, ends) if d is not None and d > day]
    return min(days)


def recorded_way(history: History, pack: Pack, host: str, day: dt.date) -> str | None:
    """How the trip the history records into ``host`` (or a zone's member) on ``day`` came in
    (`by`), None where it does not say."""
    members = set(members_of(pack, host, day))
    return next((s.by for s in history.stays if s.entry == day and s.country in members), None)


def _accounts_said(accounts: Sequence[Assumption], assume: tuple[str, ...],
                   made_under: Callable[[tuple[str, ...]], Sequence[EntryAnswer]]) -> str:
    """What a line on a planned entry adds of the contested rules it rests on: the account
    assumed, and the answer under each other (``made_under``: the entry judged under a tuple
    of --assume names), as `entry` words them: the line names the rule, so the answer names
    its account rather than a warning of its own (StayReport.accounts_named)."""
    words = {True: "yes", False: "no", None: "unknown"}
    given = entry_verdict(made_under(assume))
    said = []
    for x in accounts:
        kept = tuple(a for a in assume if a != x.variant)
        verdicts = {alt: entry_verdict(made_under((*kept, alt))) for alt in x.alternatives}
        if all(v == given for v in verdicts.values()):
            continue  # a contest beside this refusal (the passport's validity): the JSON has it
        others = [f"--assume {alt} ({words[v]})" for alt, v in verdicts.items()]
        said.append(f"contested rule ({x.rule}): assumed '{x.variant}'; other accounts: "
                    f"{' or '.join(others)}")
    return "".join(f"; {s}" for s in said)


def _left_open(entries: Sequence[EntryAnswer]) -> list[tuple[EntryAnswer, Reason]]:
    """The reasons that leave ``entries`` unknown for what the history does not record
    (Reason.leaves_unknown), with the answer each is of: an answer unknown for want of a rule
    is left unsaid, as the pack lacks most hosts' rules for some document."""
    return [(e, r) for e in entries if e.allowed is None for r in e.why if r.leaves_unknown]


def _unjudged_entries(stay: StayReport, history: History, today: dt.date | None
                      ) -> tuple[dt.date, ...]:
    """The days of the entries into ``stay``'s host the history records that the answer
    relies on and no border has judged yet: those after the query day (planned trips, which
    the answer honours), and the stay under way's where it begins on the query day, or after
    ``today``. One made before both was let in, whatever the rules say now. None for a
    host's own citizen, an ad-hoc regime, or a CSV history, which holds no documents."""
    a = stay.answer
    if stay.own_citizen or stay.ad_hoc or history.profile is None:
        return ()
    under_way = (a.entered if a.present and a.entered is not None
                 and (a.entered >= a.on or (today is not None and a.entered > today))
                 else None)
    return tuple(sorted({*stay.planned_entries, *([under_way] if under_way else [])}))


def _entry_day(a: Answer) -> dt.date:
    """The day of the entry an answer is about: for a planned stay (``plan``), its earliest
    entry, which may come well after --from; for a stay under way, the day it began, as its
    registration is judged (an entry rule that has refused the passport since turns out no
    one who entered on it before); else the query day."""
    if a.length is not None and a.earliest_entry is not None:
        return a.earliest_entry
    return registered_stay_entry(a) or a.on
