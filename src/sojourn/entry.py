"""May this person enter this host with this document, by this way, on this day?

Answers ``True``, ``False`` or ``None`` (unknown, with the reason): the pack's entry rules say
which documents a host accepts (by age on the entry day), and whether only with a visa, and
border rules which ways in are closed, and how long a document must still be valid where a
rule says so (no rule: the pack does not know, and nothing is required of it). A document the
pack says nothing about is unknown, never assumed accepted. Leaving a state whose exit rules
speak of the document (Russia's of a child's birth certificate), the person is let out on it
or not before the host is asked: a refusal there is a "no" whatever the host accepts; a
document no exit rule speaks of is the host's alone to judge (the pack encodes what a state
stops at its border, not every document it lets out). Where a visa is needed and whether
one is held was not said, the answer is ``None`` too, with ``visa_issuers`` naming who must
issue it: yes with one, no without.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sojourn.countries import country_name
from sojourn.dates import format_long
from sojourn.history.documents import AgeLapse, ends_words
from sojourn.history.models import ChargeIn, ExitRestrictionIn, SummonsIn
from sojourn.penalties import BanLine, UnknownBan, barring, cannot_tell
from sojourn.rules.loader import Pack
from sojourn.rules.select import Applied, Assumption, select
from sojourn.rules.topics import (
    TRAVEL_MODES,
    AcceptedDocument,
    AlsoNeeded,
    CriminalCaseCaution,
    RestrictionBan,
    SummonsBan,
    ValidFor,
)
from sojourn.stay import low_confidence_note
from sojourn.summonses import (
    MovedBy,
    account_if_it_moves,
    account_words,
    ban_counted_from,
    restriction_ban_from,
    restriction_bars_from,
    restriction_placed,
    restriction_runs,
    summons_ban_from,
)
from sojourn.words import document_name, in_force, listed, with_article

ADULT_AGE = 18  # the age assumed when none is given, and said so


@dataclass(frozen=True)
class ExitCheck:
    """What an exit rule of the state left says of leaving on the document on the day:
    ``allowed`` True (it lets the person out on it, and the host decides) or False (it does
    not), with the reason and the rule's id; ``caution``: a warning the answer carries
    without refusing (a charge the state brings, which may restrict leaving)."""

    state: str
    allowed: bool
    reason: str
    rule: str
    caution: bool = False
    # the only ways the state lets the person out by for the host, where its rule limits
    # them (Armenia on the internal passport: by air); None: any way
    ways: tuple[str, ...] | None = None
    # a refusal of the document itself (the internal passport beyond its destinations, a
    # child's birth certificate), not of the person whatever he shows (a summons)
    of_document: bool = True
    # of a refusal of the person (a summons, a restriction on leaving): the first day it keeps
    # him in, and the account of the rule that day rests on where another account gives
    # another (account_if_it_moves); another account's answer differs by that day
    kept_in_from: dt.date | None = None
    account: MovedBy | None = None


@dataclass(frozen=True)
class EntryAnswer:
    on: dt.date
    to: str
    to_name: str
    citizenship: str
    document: str
    by: str | None
    age: int | None
    allowed: bool | None
    reasons: tuple[str, ...]
    rules: tuple[Applied, ...]
    assumptions: tuple[Assumption, ...]
    # the states whose visa the document needs on the day (empty: none needed), and whether
    # one is held: True, False, or None when not said
    visa_issuers: tuple[str, ...] = ()
    visa: bool | None = None
    visa_from: str | None = None  # the state that issued the visa held, when known
    # "yes with a visa, no without": allowed is None only because whether a visa is held was
    # not said (a border that may still be closed leaves it unknown, whatever the visa)
    visa_decides: bool = False
    # what the reasons leave unsaid, as `status` gives its notes
    notes: tuple[str, ...] = ()
    # the document's last day (None: not given), and how long the rule the answer relies on
    # wants it valid (None: the rule does not say), with that rule's id
    document_expires: dt.date | None = None
    valid_for: ValidFor | None = None
    valid_for_rule: str | None = None
    # what entry on the document needs besides it, by the rule the answer relies on (empty:
    # nothing said), with that rule's id
    also_needs: tuple[AlsoNeeded, ...] = ()
    also_needs_rule: str | None = None
    # the entry bans an overstay in the person's history brings that run on the day
    bans: tuple[BanLine, ...] = ()
    # the one of them that refuses entry, certain and on no condition (None: none does)
    barred_by: BanLine | None = None
    # what the exit rules of the state the person leaves say of the document (empty: the
    # person leaves no state on the day, as far as told, or no exit rule speaks of it)
    exits: tuple[ExitCheck, ...] = ()
    # why ``document_expires`` is the day, where the profile gives no end and the document
    # lapses by its holder's age (Russia's internal passport): the reasons say so, as status
    # does, and the answer relies on the rule that gives it
    document_lapse: AgeLapse | None = None

    @property
    def document_ends(self) -> str:
        """"ends on 1 February 2027", or "lapses on 8 September 2026 (it must be replaced when
        you turn 45, ..., by ru-internal-passport-validity)": the document's last day as every
        answer says it (history.documents.ends_words)."""
        assert self.document_expires is not None
        return ends_words(self.document_expires, self.document_lapse, self.on)

    @property
    def exit_refused(self) -> ExitCheck | None:
        """The exit rule that does not let the person out on the document (None: none)."""
        return next((x for x in self.exits if not x.allowed), None)

    @property
    def verdict(self) -> str:
        """The answer in brief, as another account's is told beside the one given: "yes",
        "yes, by air only", "no", "not known", "yes with a visa, no without"."""
        if self.visa_decides:
            return "yes with a visa, no without"
        word = {True: "yes", False: "no", None: "not known"}[self.allowed]
        return word + (f", by {' or '.join(self.open_ways)} only" if self.open_ways else "")

    @property
    def in_brief(self) -> str:
        """The verdict, with the last day of each entry ban that runs on the day (a possible
        ban's length is an account's answer too: Georgia's bands by 3 or by 6 months), and the
        first day each state left keeps the person in from (a summons's ban starts on the
        day of its placement, or of its service, by the account)."""
        ends = [format_long(b.last_day) for b in self.bans if b.last_day is not None]
        kept = [f"{country_name(x.state)} keeps you in from {format_long(x.kept_in_from)}"
                for x in self.exits if x.kept_in_from is not None]
        return "; ".join([self.verdict, *([f"an entry ban up to {listed(ends)}"] if ends
                                          else []), *kept])

    def same_as(self, other: EntryAnswer) -> bool:
        """Whether ``other`` (the answer under another account) comes to the same answer."""
        return self.in_brief == other.in_brief

    @property
    def refused_for_document(self) -> bool:
        """Whether a state left refuses to let the person out on this document itself."""
        return any(not x.allowed and x.of_document for x in self.exits)

    @property
    def needs_words(self) -> str:
        """What entry needs besides the document and a visa, in words: "an ETA-IL ... applied
        for before you travel (ILS 25)"; "" when nothing, or entry is refused."""
        if self.allowed is False:
            return ""
        return listed([n.words for n in self.also_needs])

    @property
    def valid_until_needed(self) -> dt.date | None:
        """With a validity counted from entry, the day the document must still be valid on."""
        v = self.valid_for
        return v.after(self.on) if v and v.beyond == "entry" else None

    @property
    def last_exit_by_document(self) -> dt.date | None:
        """With a validity counted from the day of leaving and the document's last day known,
        the last day a stay on it can end."""
        v, ends = self.valid_for, self.document_expires
        return v.last_start(ends) if v and ends and v.beyond == "intended_exit" else None

    @property
    def valid_long_enough(self) -> bool | None:
        """Whether the document is valid as long as the rule wants (None: no rule says, or its
        last day was not given)."""
        if self.valid_for is None or self.document_expires is None:
            return None
        return self.valid_for.met_by(self.document_expires, self.on)

    @property
    def unmet_conditions(self) -> tuple[str, ...]:
        """Why a document the host accepts is refused all the same, in brief and with the
        host's name left for the caller to put first: "admits your international passport
        only with a visa issued by ..., and you hold none valid (rule)", "wants your
        international passport valid 6 months from the day of entry; yours ends on ... (rule)".
        Empty where the refusal is of the document itself, or there is none: a bare "no"
        reads as that, and `destinations` and `report` must not let a missing visa read so."""
        document = document_name(self.document)
        unmet = []
        if self.allowed is False and self.visa is False and self.visa_issuers:
            asks = next((r.id for r in self.rules if r.rule.topic == "entry"), None)
            unmet.append(f"admits your {document} only with a visa issued by "
                         f"{self.visa_issued_by}, and you hold none valid"
                         + (f" ({asks})" if asks else ""))
        if self.valid_long_enough is False and self.valid_for and self.document_expires:
            unmet.append(f"wants your {document} valid {self.valid_for.words}; yours "
                         f"{self.document_ends} ({self.valid_for_rule})")
        return tuple(unmet)

    @property
    def visa_issued_by(self) -> str:
        return visa_issuer_words(self.to_name, zone=self.visa_issuers != (self.to,))

    @property
    def open_ways(self) -> tuple[str, ...]:
        """With no --by given, the ways in still open on the day when a border closure shuts
        others (Azerbaijan: air alone), or the state left lets the person out by some ways
        only (Russia, to Armenia on the internal passport: by air); empty when entry is not
        allowed, every way is open, or --by was given."""
        if not self.allowed or self.by is not None:
            return ()
        # a closure relied on is in force, or lapsed (its ways in not known): neither is open
        closed = {m for r in self.rules if r.rule.topic == "border" for m in r.closed_to}
        left_by = self._exit_ways
        if not closed and left_by is None:
            return ()
        return tuple(m for m in TRAVEL_MODES if m not in closed
                     and (left_by is None or m in left_by))

    @property
    def _exit_ways(self) -> frozenset[str] | None:
        """The ways every exit rule that lets the person out lets them out by (None: any):
        a bare "Yes" for Armenia on the internal passport read as a way in by land too, which
        Russia's border refuses."""
        limits = [frozenset(x.ways) for x in self.exits if x.allowed and x.ways is not None]
        return frozenset.intersection(*limits) if limits else None

    @property
    def unknown_ways(self) -> tuple[str, ...]:
        """With no --by given, the ways in a closure closed until at least a day now past
        (its latest extension seen): whether they are open, the pack does not know; the
        others are open (``open_ways``). Empty when entry is not allowed, or --by was given."""
        if not self.allowed or self.by is not None:
            return ()
        shut = {m for r in self.rules if r.rule.topic == "border" and r.in_force(self.on)
                for m in r.closed_to}
        lapsed = {m for r in self.rules if r.rule.topic == "border"
                  and not r.in_force(self.on) for m in r.closed_to}
        # a way the state left lets no one out by is no way in, whatever the host's border
        left_by = self._exit_ways
        return tuple(m for m in TRAVEL_MODES if m in lapsed and m not in shut
                     and (left_by is None or m in left_by))


def beside_the_point(e: EntryAnswer, entries: Sequence[EntryAnswer]) -> bool:
    """Whether the refusal of ``e``'s document at the exit is beside the point among the
    checks of one host (``entries``): another document held is not refused so (it is let out,
    or kept in only by what keeps the person in whatever he shows, a summons), and "get a
    foreign passport" told a person who holds one to get one."""
    return e.refused_for_document and any(not o.refused_for_document for o in entries
                                          if o is not e)


def _fits_age(doc: AcceptedDocument, age: int) -> bool:
    """Whether a rule's document is spoken of at ``age`` (its min_age and max_age)."""
    return not ((doc.min_age is not None and age < doc.min_age)
                or (doc.max_age is not None and age > doc.max_age))


def _ages(doc: AcceptedDocument) -> str:
    """The ages an entry rule speaks of a document for: "from age 14", "up to age 13"."""
    if doc.min_age is not None and doc.max_age is not None:
        return f"at ages {doc.min_age} to {doc.max_age}"
    return f"from age {doc.min_age}" if doc.min_age is not None else f"up to age {doc.max_age}"


def _age_bound(doc: AcceptedDocument, rule: Applied, age: int | None) -> str:
    """"; from age 14 as the pack reads it: ... (confidence medium)": the age bound of the
    document's rule that judged a minor (``age`` under ADULT_AGE, as given), said after the
    rule where the bound is the pack's reading of vague words ("" for an adult, no age given,
    or a bound the sources state). Such a bound decides a minor's answer, which another
    reading could turn: a 16-year-old answered a bare "Yes" on Armenia's internal passport
    did not learn that "children travel on a foreign passport only" was read as under 14."""
    if not _minor(age) or doc.age_reading is None:
        return ""
    return f"; {_ages(doc)}{_reading(doc, rule)}"


def _minor(age: int | None) -> bool:
    """Whether ``age``, as given, is under ADULT_AGE: none given is judged as an adult's."""
    return age is not None and age < ADULT_AGE


def _reading(doc: AcceptedDocument, rule: Applied) -> str:
    """" as the pack reads it: ... (confidence medium)", after the ages of a document whose
    bound is the pack's reading of vague words ("" where it is none)."""
    if doc.age_reading is None:
        return ""
    return f" as the pack reads it: {doc.age_reading} (confidence {rule.confidence})"


def _noted(doc: AcceptedDocument) -> str:
    """The document's note, after the reason it qualifies: a condition such as Georgia's
    insurance from 2026 is part of the answer, not only of `rules show`."""
    return f": {doc.note}" if doc.note else ""


@dataclass(frozen=True)
class Bracket:
    """The pack's rules on a document (at an age) nearest a day none of them speaks of: the
    last to end before it, and the first to start after it (None: no such rule). Only a day
    after a rule ended names them: a day before the first rule is the pack's period not yet
    begun for that document, as every "unknown" before a rule's start is told, on no rule."""

    ended: Applied | None
    starts: Applied | None

    @property
    def rules(self) -> tuple[Applied, ...]:
        """The rules the answer names: it relies on them, their dates and sources listed."""
        return tuple(r for r in (self.ended, self.starts) if r is not None)

    @property
    def words(self) -> str:
        """"; the pack's last rule on it, tj-entry-child-birth-certificate, was in force from
        1 November 2005 to 19 January 2026, and what holds after it, the pack does not know";
        with a later rule, what holds until it starts, and that it answers from then ("" for
        neither)."""
        ended, starts = self.ended, self.starts
        if ended is None:
            return ""  # none ended: no rule is named
        assert ended.valid_to is not None  # ended before the day
        # with a later rule, the one ended is the last before the day, not the pack's last
        last = "last rule on it" + (" before that day" if starts else "")
        was = (f"; the pack's {last}, {ended.id}, was "
               f"{in_force(ended.valid_from, ended.valid_to, last_seen=ended.last_seen)}")
        if starts is None:
            return f"{was}, and what holds after it, the pack does not know"
        return (f"{was}, and from {format_long(starts.valid_from)} the pack's rule {starts.id} "
                "answers; what holds in between, the pack does not know")


def _bracket(applied: Sequence[Applied], document: str, age: int, on: dt.date) -> Bracket:
    """The rules on ``document`` at ``age`` nearest ``on``, a day none of them is in force on:
    a day past the last one's end, or between two, is unknown, and "no rule" alone hid that
    the pack knew the answer until then (Tajikistan's birth certificate to 19 January 2026)
    and, where a later rule starts, from when it knows it again."""
    on_it = [a for a in applied if a.rule.topic == "entry" and any(
        d.type == document and _fits_age(d, age) for d in a.documents)]
    ended = max((a for a in on_it if a.valid_to is not None and a.valid_to < on),
                key=lambda a: a.valid_to or dt.date.max, default=None)
    if ended is None:
        return Bracket(None, None)  # before the first rule: see Bracket
    return Bracket(ended, min((a for a in on_it if a.valid_from > on),
                              key=lambda a: a.valid_from, default=None))


def _verb(doc: AcceptedDocument) -> str:
    """What an entry rule does with a document: "refuses it", "accepts it", "accepts it with a
    visa" (the visa after "it": "accepts with a visa it" read as a slip)."""
    if not doc.accepted:
        return "refuses it"
    return "accepts it with a visa" if doc.visa_required else "accepts it"


def visa_issuer_words(host_name: str, *, zone: bool) -> str:
    """Who must issue the visa, in words: "Türkiye", "a member state of the Schengen area"."""
    return f"a member state of {host_name}" if zone else host_name


def members_of(pack: Pack, host: str, on: dt.date | None = None) -> list[str]:
    """``host`` itself, or the zone's member states: those that are members on ``on`` if
    given, else all it ever had."""
    zone = pack.zones.get(host)
    if zone is None:
        return [host]
    return [m.country for m in zone.members if on is None or m.holds_on(on)]


def visa_issuers(pack: Pack, host: str, on: dt.date) -> tuple[str, ...]:
    """The states whose visa counts for entering ``host`` on ``on``: the host itself, or the
    states that are members of the zone on that day (a visa of a state before it joined, or
    after it left, is its own, not the zone's)."""
    return tuple(members_of(pack, host, on))


def _validity_reason(host: str, doc_words: str, want: ValidFor, rule: str, on: dt.date,
                     expires: dt.date | None, lapse: AgeLapse | None) -> str:
    """What the host wants of the document's validity, and what the one held allows (its end
    ``expires`` said as every answer says it, with why where it lapses by age: ``lapse``)."""
    yours = f"yours {ends_words(expires, lapse, on)}" if expires is not None else ""
    if want.beyond == "entry":
        needed = want.after(on)
        wants = (f"{host} wants {doc_words} valid {want.words}, to "
                 f"{format_long(needed)} at least ({rule})")
        if expires is None:
            return f"{wants}; give --document-expires to check yours"
        return (f"{wants}; {yours}"
                + (", which is enough" if expires >= needed else ""))
    wants = f"{host} wants {doc_words} valid {want.words} ({rule})"
    if expires is None:
        return f"{wants}; give --document-expires to learn the last day a stay on it can end"
    last = want.last_start(expires)
    if last < on:
        return (f"{wants}; {yours}, so a stay on it would have to "
                f"end by {format_long(last)}, before the day of entry")
    return (f"{wants}; {yours}, so a stay on it can last until "
            f"{format_long(last)} at the latest")


def with_bans(e: EntryAnswer, bans: Sequence[BanLine],
              unknown: Sequence[UnknownBan] = ()) -> EntryAnswer:
    """The answer as the entry bans of the person's overstays leave it: a ban that runs on the
    day and bars entry whatever the person did (certain on no condition, or the shortest of a
    band's cases when each is a certain ban: BanLine.bars) refuses entry until its last day;
    one of unknown length leaves a yes unknown; a possible or conditional one is told beside
    the answer, with the last day it could run to. Bans not running on the day change
    nothing. An overstay whose ban the pack cannot tell (``unknown``) and that may bar the
    day is told beside the answer, as `status` tells it (UnknownBan.may_run_on)."""
    running = tuple(b for b in bans if b.runs_on(e.on))
    untold = [u for u in unknown if u.may_run_on(e.on)]
    if untold:
        e = replace(e, notes=(*e.notes, "your history's overstay there may bar this entry: "
                                        + cannot_tell(untold)))
    if not running:
        return e
    barred = barring(running)
    reasons, allowed = list(e.reasons), e.allowed
    if barred is not None:
        # the first reason of a "No" is its why
        reasons.insert(0, barred.words)
        allowed = False
    unsure = [b for b in running if b.ban.binding and b.last_day is None]
    if barred is None and unsure:
        reasons.extend(f"unknown: {b.words}" for b in unsure)
        allowed = None if allowed is not False else False
    notes = [f"your history's overstay there may bar this entry: {b.words}"
             for b in running if not b.ban.binding and b is not barred]
    named = {r.id for r in e.rules}
    rules = (*e.rules, *{b.rule.id: b.rule for b in running if b.rule.id not in named}.values())
    # a ban that decides the answer from a rule of low confidence is said so, as the others
    deciding = [b.rule.id for b in running if b is barred or b in unsure]
    notes += low_confidence_note([b.rule for b in running], deciding)
    # the account of a contested penalty rule that sets a ban's length, as status names it
    assumed = {(x.rule, x.variant) for x in e.assumptions}
    assumptions = (*e.assumptions, *{(x.rule, x.variant): x for b in running
                                     if (x := b.assumption) is not None
                                     and (x.rule, x.variant) not in assumed}.values())
    return replace(e, allowed=allowed, reasons=tuple(reasons), notes=(*e.notes, *notes),
                   rules=rules, bans=running, barred_by=barred, assumptions=assumptions,
                   visa_decides=e.visa_decides and allowed is None and not unsure)


def _summoned(rule: Applied, ban: SummonsBan, state: str, summonses: Sequence[SummonsIn],
              on: dt.date) -> ExitCheck | None:
    """What a summons of ``state``'s the person has received by ``on`` brings that day under
    ``ban``, ``rule``'s: the refusal of the earliest whose ban has begun (not before the
    rule's first day), or, where none has, a caution naming the day the earliest keeps him in
    from (an account counting from service lets out, on the days after the placement, a man
    whom the default keeps in: a bare "Yes" hid both the day and that the other account says
    no); with why, in words, naming the rule and the account of it assumed where another
    starts the ban on another day. None for no summons received by the day."""
    received = sorted((first, s) for s in summonses if s.country == state
                      and (first := summons_ban_from(s.placed_on, s.served_on)(rule)) is not None
                      and _received_by(s, on))
    if not received:
        return None
    first, summons = received[0]
    dated = ban.dated_from(summons.placed_on, summons.served_on)
    assert dated is not None  # as first is
    how = listed([*([f"placed in the register of summonses on {format_long(summons.placed_on)}"]
                    if summons.placed_on else []),
                  *([f"served on {format_long(summons.served_on)}"]
                    if summons.served_on else [])])
    account = account_if_it_moves(rule, summons_ban_from(summons.placed_on, summons.served_on))
    from_day = ban_counted_from(first, dated, 'your summons')
    named = f"({rule.id}{account_words(account)})"
    if first > on:
        # received, not yet barring: he may leave on the day, and is kept in from the day told
        return ExitCheck(state, True, f"caution: {ban.note}: your summons was {how}, so you "
                                      f"may leave on {format_long(on)} but not from "
                                      f"{from_day} {named}", rule.id, caution=True,
                         of_document=False, kept_in_from=first, account=account)
    why = f"{ban.note}: your summons was {how}, so you may not leave from {from_day} {named}"
    return ExitCheck(state, False, why, rule.id, of_document=False, kept_in_from=first,
                     account=account)


def _received_by(summons: SummonsIn, on: dt.date) -> bool:
    """Whether ``summons`` was placed in the register or served by ``on``: one received later
    is none on the day, as summonses.summons_notices judges it."""
    return min(d for d in (summons.placed_on, summons.served_on) if d is not None) <= on


def _restricted(rule: Applied, ban: RestrictionBan, state: str,
                restrictions: Sequence[ExitRestrictionIn], on: dt.date) -> ExitCheck | None:
    """The refusal a restriction on leaving ``state`` that the profile records brings on
    ``on`` under ``ban``, ``rule``'s (the first of those running that day): why, in words,
    naming the rule, and the account of it assumed where another starts the ban on another
    day, as a summons's; None when none runs."""
    running = sorted((r for r in restrictions if r.country == state and r.runs_on(on)),
                     key=lambda r: r.since)
    if not running:
        return None
    first = running[0]
    account = account_if_it_moves(rule, restriction_ban_from(first.since))
    why = (f"{ban.note}: you record a restriction on leaving {country_name(state)} "
           f"{restriction_placed(first.by, first.note)}, "
           f"{restriction_runs(first.since, first.until, rule)} "
           f"({rule.id}{account_words(account)})")
    return ExitCheck(state, False, why, rule.id, of_document=False,
                     kept_in_from=restriction_bars_from(first.since, rule), account=account)


def _charged(caution: CriminalCaseCaution, state: str, charges: Sequence[ChargeIn]
             ) -> str | None:
    """The caution ``state``'s rule gives a citizen it charges (its wanted note where a charge
    is on a wanted list), naming the charges; None where it brings none."""
    own = [c for c in charges if c.country == state]
    if not own:
        return None
    wanted = [c for c in own if c.wanted != "none"]
    # the wanted note, where the rule has one, is said of the wanted charges; else the note
    # of them all
    sought = bool(wanted and caution.wanted_note)
    told = wanted if sought else own
    several = len(told) > 1
    # two counts under one article are two charges, but one article to name
    named = listed(list(dict.fromkeys(f"Art. {c.article}" + (f" part {c.part}" if c.part else "")
                                      for c in told)))
    if sought:
        return (f"caution: your {'charges' if several else 'charge'} under {named} "
                f"{'are' if several else 'is'} on a wanted list: {caution.wanted_note}")
    return (f"caution: you record {'charges' if several else 'a charge'} by "
            f"{country_name(state)} under {named}: {caution.note}")


def _exit_check(doc: AcceptedDocument, rule: str, state: str, e: EntryAnswer,
                document: str) -> ExitCheck:
    """What an exit rule's document says of leaving ``state`` for the answer's host: let out,
    or not (refused everywhere, or for a destination or way its ``to`` does not name)."""
    name, citizens = country_name(state), f"citizens of {country_name(e.citizenship)}"
    day = format_long(e.on)
    if not doc.accepted:
        # a refusal's note is its reason in the holder's words (what changed, since when,
        # under which act, and what to get instead): the rest would repeat it
        return ExitCheck(state, False, f"{doc.note} ({rule})" if doc.note else
                         f"{name} does not let {citizens} leave on {document} on {day} "
                         f"({rule})", rule)
    if doc.to is None:
        return ExitCheck(state, True, f"{name} lets {citizens} leave on {document} on {day} "
                                      f"({rule}){_noted(doc)}", rule)
    served = next((d for d in doc.to if d.serves(e.to, e.by)), None)
    if served is not None:
        return ExitCheck(state, True, f"{name} lets {citizens} leave on {document} for "
                                      f"{served.words} on {day} ({rule}){_noted(doc)}", rule,
                         ways=tuple(served.by) if served.by else None)
    # the destination is left unsaid: the same refusal for every host is then said once
    return ExitCheck(state, False,
                     f"{name} lets {citizens} leave on {document} on {day} only for "
                     f"{listed([d.words for d in doc.to])} ({rule})"
                     + (f": {doc.elsewhere}" if doc.elsewhere else ""), rule)


@dataclass(frozen=True)
class Leaving:
    """What the exit rules of the states a trip leaves judge of the person besides the
    document shown to the host: the states the person is in on the day, the military
    summonses received (none recorded is none received), the person's citizenships with the
    travel documents each state issued (type, state): a state that counts a citizen of
    another state too its own lets him out on its own documents, whatever he shows the host;
    and the criminal charges recorded, of which the state's own may restrict leaving."""

    states: tuple[str, ...] = ()
    summonses: tuple[SummonsIn, ...] = ()
    citizenships: frozenset[str] = frozenset()
    documents: tuple[tuple[str, str], ...] = ()
    # the criminal charges recorded, each brought by a state (charges for an act after the day
    # are left out by whoever builds this)
    charges: tuple[ChargeIn, ...] = ()
    # the restrictions on leaving recorded, each placed by a state's court, investigator or
    # bailiff: the state's exit rule keeps the person in while one runs
    restrictions: tuple[ExitRestrictionIn, ...] = ()


def _own_documents_check(rule: Applied, applied: Sequence[Applied], state: str,
                         e: EntryAnswer, leaving: Leaving, age: int
                         ) -> tuple[ExitCheck, list[Applied]]:
    """Whether ``state``, which lets its citizens out on its own documents only (``rule``),
    lets out on one of those the person holds a citizen who shows the host another state's
    document: yes on the first its exit rules (``applied``) let out for the host, else no,
    with each one's reason, or none held; and the rules of ``applied`` that spoke."""
    assert rule.own_documents_only is not None
    held = [t for t, issuer in dict.fromkeys(leaving.documents) if issuer == state]
    refusals: list[str] = []
    spoke: list[Applied] = []
    for kind in held:
        own = replace(e, citizenship=state, document=kind)
        words = with_article(document_name(kind))
        said = [(_exit_check(doc, r.id, state, own, words), r) for r in applied
                if r.in_force(e.on) for doc in r.documents
                if doc.type == kind and _fits_age(doc, age)]
        refused = [x.reason for x, _ in said if not x.allowed]
        if not said:
            # a document the state's rules speak of at other ages only (a birth certificate,
            # up to 13) is none to leave on at this one: silence lets out a foreign passport
            aged = [(doc, r) for r in applied if r.in_force(e.on) for doc in r.documents
                    if doc.type == kind]
            refused += [f"{country_name(state)} lets its citizens leave on {words} "
                        f"{_ages(doc)} only, not at {age} ({r.id})" for doc, r in aged]
            spoke += [r for _, r in aged]
        if not refused:
            # the ways the own document is let out by are the ways the person leaves by
            limits = [x.ways for x, _ in said if x.ways is not None]
            ways = tuple(m for m in TRAVEL_MODES if all(m in w for w in limits))
            return ExitCheck(state, True, "; ".join([
                f"{country_name(state)} counts you its citizen and lets you out on its own "
                f"documents only ({rule.id}): you leave on its {document_name(kind)}, and "
                f"show {e.to_name} {with_article(document_name(e.document))} of "
                f"{country_name(e.citizenship)}", *(x.reason for x, _ in said)]),
                rule.id, ways=ways if limits else None), [r for _, r in said]
        refusals += refused
        spoke += [r for x, r in said if not x.allowed]
    why = "; ".join(refusals) if refusals else (
        f"you hold no travel document of {country_name(state)} valid on {format_long(e.on)}")
    return ExitCheck(state, False, f"{rule.own_documents_only.note} ({rule.id}): {why}",
                     rule.id), spoke


def with_exit(pack: Pack, e: EntryAnswer, leaving: Leaving, assume: tuple[str, ...] = ()
              ) -> EntryAnswer:
    """The answer as the exit rules of the states ``leaving`` names leave it (those the person
    is in on the day; the host and its zone's members are not left for it): a document one of
    them does not let its holder out on refuses entry anywhere else, its reason first; one it
    lets out on is said so, and the host's rules answer as before; a document no exit rule
    speaks of is left to the host. A state judges the documents it issued: a citizen of it who
    shows the host another state's document leaves on one of its own where a rule of it says
    so (``own_documents_only``), and a state that keeps in a person it has served a summons
    refuses him, whatever the document, from the day its rule names."""
    hosts = set(members_of(pack, e.to))
    age = e.age if e.age is not None else ADULT_AGE
    document = with_article(document_name(e.document))
    checks: list[ExitCheck] = []
    relied: list[Applied] = []
    assumed: list[Assumption] = []
    for state in dict.fromkeys(s for s in leaving.states if s not in hosts):
        own = e.citizenship == state
        # the state's rules for its own citizens judge a citizen of it, whatever he shows
        citizen = own or state in leaving.citizenships
        applied, assumptions = select(pack, state, state if citizen else e.citizenship,
                                      assume, topics=("exit",))
        for rule in (a for a in applied if a.in_force(e.on)):
            said: list[ExitCheck] = []
            spoke: list[Applied] = []  # the rules that judged a document of the state's own
            # a foreigner's document is judged by the rules for foreigners, if any
            if own or not citizen:
                said += [_exit_check(doc, rule.id, state, e, document) for doc in rule.documents
                         if doc.type == e.document and _fits_age(doc, age)]
            elif (rule.own_documents_only is not None
                  and e.citizenship not in rule.own_documents_only.unless_also):
                check, spoke = _own_documents_check(rule, applied, state, e, leaving, age)
                said.append(check)
            if citizen and rule.summons is not None and (
                    kept := _summoned(rule, rule.summons, state, leaving.summonses,
                                      e.on)) is not None:
                said.append(kept)
            if citizen and rule.restriction is not None and (
                    kept := _restricted(rule, rule.restriction, state, leaving.restrictions,
                                        e.on)) is not None:
                said.append(kept)
            if citizen and rule.criminal_case is not None and (
                    why := _charged(rule.criminal_case, state, leaving.charges)) is not None:
                said.append(ExitCheck(state, True, f"{why} ({rule.id})", rule.id, caution=True))
            if citizen and rule.unaccompanied_minor is not None and (
                    e.age is not None and e.age <= rule.unaccompanied_minor.max_age):
                # only an age known is judged: none given is judged as an adult's
                said.append(ExitCheck(state, True, f"caution: at {e.age}, "
                                      f"{rule.unaccompanied_minor.note} ({rule.id})", rule.id,
                                      caution=True))
            if said:
                checks += said
                relied += [rule, *spoke]
                assumed += [x for x in assumptions if x.rule == rule.id]
    if not checks:
        return e
    refused = [x for x in checks if not x.allowed]
    allowed = False if refused else e.allowed
    # the first reason of a "No" is its why: a refusal at the exit comes first, and a
    # document let out comes after the host's reasons, which decide the answer
    reasons = (*(x.reason for x in refused), *e.reasons,
               *(x.reason for x in checks if x.allowed))
    named = {r.id for r in e.rules}
    rules = (*{r.id: r for r in relied if r.id not in named}.values(), *e.rules)
    notes = low_confidence_note(relied, [x.rule for x in refused])
    return replace(e, allowed=allowed, reasons=reasons, rules=rules,
                   assumptions=(*dict.fromkeys(assumed), *e.assumptions),
                   notes=(*e.notes, *notes), exits=tuple(checks),
                   visa_decides=e.visa_decides and allowed is None)


def check_entry(pack: Pack, *, citizenship: str, document: str, to: str, on: dt.date,
                by: str | None = None, age: int | None = None, assume: tuple[str, ...] = (),
                visa: bool | None = None, visa_from: str | None = None,
                document_expires: dt.date | None = None,
                document_lapse: AgeLapse | None = None,
                bans: Sequence[BanLine] = (), leaving: Leaving = Leaving(),
                unknown_bans: Sequence[UnknownBan] = ()) -> EntryAnswer:
    """Judge one way in; every reason names the rule it comes from. ``visa``: whether the
    person holds a visa that counts for the host on the day (None: not said); ``visa_from``:
    the state that issued it, for the reasons; ``document_expires``: the document's last day
    (None: not said), judged against the validity the rule wants, and ``document_lapse`` why
    it is that day where the document lapses by its holder's age (the reasons say so, and the
    answer relies on the rule that gives it, where they name the day); ``bans``: the entry bans
    the person's overstays in the host bring (with_bans), and ``unknown_bans`` those whose
    ban the pack cannot tell; ``leaving``: the states the person
    is in on the day, whose exit rules are judged first (with_exit), with what they judge of
    the person (summonses, citizenships, the documents each state issued, charges)."""
    entered = _check_entry(pack, citizenship=citizenship, document=document, to=to, on=on,
                           by=by, age=age, assume=assume, visa=visa, visa_from=visa_from,
                           document_expires=document_expires, document_lapse=document_lapse)
    return with_bans(with_exit(pack, entered, leaving, assume), bans, unknown_bans)


def _check_entry(pack: Pack, *, citizenship: str, document: str, to: str, on: dt.date,
                 by: str | None, age: int | None, assume: tuple[str, ...],
                 visa: bool | None, visa_from: str | None,
                 document_expires: dt.date | None, document_lapse: AgeLapse | None
                 ) -> EntryAnswer:
    name = pack.zones[to].title if to in pack.zones else country_name(to)
    day = format_long(on)

    def answer(allowed: bool | None, reasons: list[str], rules: Sequence[Applied] = (),
               assumptions: Sequence[Assumption] = (), issuers: Sequence[str] = (),
               named: Sequence[Applied] = ()) -> EntryAnswer:
        # every rule in ``rules`` decides the answer: a closure, or the document's rule; those
        # ``named`` are relied on (listed, with their sources) without deciding it: the rules
        # around a day the pack has none for, whose low confidence is no doubt of "unknown"
        return EntryAnswer(on, to, name, citizenship, document, by, age, allowed,
                           tuple(reasons), (*rules, *named), tuple(assumptions),
                           tuple(issuers),
                           visa if issuers else None, visa_from if issuers and visa else None,
                           bool(issuers) and visa is None and allowed is None and not unsure,
                           tuple(low_confidence_note(rules, [r.id for r in rules])),
                           document_expires, chosen[0].valid_for if chosen else None,
                           chosen[1].id if chosen and chosen[0].valid_for else None,
                           tuple(chosen[0].also_needs) if chosen else (),
                           chosen[1].id if chosen and chosen[0].also_needs else None,
                           document_lapse=document_lapse if document_expires else None)

    chosen: tuple[AcceptedDocument, Applied] | None = None  # the document entry relies on
    named: tuple[Applied, ...] = ()  # rules the answer names without deciding it

    applied, assumptions = select(pack, to, citizenship, assume, topics=("entry", "border"))
    rules = [a for a in applied if a.in_force(on)]
    used: list[Applied] = []
    reasons: list[str] = []
    closed = [r for r in rules if r.rule.topic == "border" and by is not None
              and by in r.closed_to]
    for rule in closed:
        reasons.append(f"{name} is closed to entry by {by} on {day} ({rule.id})")
        used.append(rule)
    # a closure whose end is only the latest extension seen: after it, unknown, not open
    lapsed = [a for a in applied if a.rule.topic == "border" and a.rule.valid_to_basis ==
              "last_seen" and a.valid_to is not None and a.valid_to < on
              and (by is None or by in a.closed_to)
              and not any(r.rule.topic == "border" for r in rules)]
    for rule in lapsed:
        assert rule.valid_to is not None  # lapsed: its last day has passed
        reasons.append(f"unknown: {name} was closed to entry by {listed(list(rule.closed_to))} "
                       f"until at least {format_long(rule.valid_to)} ({rule.id}), the latest "
                       "extension the sources report; whether it still is, the pack does not "
                       "know" + ("" if by else "; give --by to judge your way in"))
        used.append(rule)
    # with no way in given, a closure that may still be closed leaves the answer unknown only
    # if it may shut every way in: Azerbaijan's by land leaves the air open, and "unknown"
    # hid that a Russian may fly in
    unsure = bool(lapsed) and (by is not None or set(TRAVEL_MODES) <= {
        m for r in lapsed for m in r.closed_to})
    if citizenship in members_of(pack, to):
        # Citizens need no document rule to come home, but a closed border binds them too,
        # and one that may still be closed leaves their way in unknown as anyone's.
        reasons.append(f"the closure binds citizens of {country_name(citizenship)} too" if closed
                       else f"citizens of {country_name(citizenship)} may enter {name} on "
                       "their own papers" + (" if it is open" if unsure else ""))
        relied = {r.id for r in used}
        return answer(False if closed else None if unsure else True, reasons, used,
                      [a for a in assumptions if a.rule in relied])
    open_ways = [r for r in rules if r.rule.topic == "border" and by is None]
    for rule in open_ways:
        reasons.append(f"{name} is closed to entry by {listed(list(rule.closed_to))} on {day} "
                       f"({rule.id}); give --by to judge your way in")
        used.append(rule)
    judged_age = age if age is not None else ADULT_AGE
    if age is None:
        reasons.append(f"no age given: judged as an adult ({ADULT_AGE} or over)")
    verdicts: list[tuple[AcceptedDocument, Applied]] = []
    other_ages: list[tuple[AcceptedDocument, Applied]] = []  # the document, at other ages
    for rule in rules:
        for doc in rule.documents:
            if doc.type != document:
                continue
            if not _fits_age(doc, judged_age):
                other_ages.append((doc, rule))
                continue
            verdicts.append((doc, rule))
    doc_words = with_article(document_name(document))
    # a document accepted by itself answers before one accepted only with a visa
    verdicts.sort(key=lambda v: v[0].visa_required)
    issuers: tuple[str, ...] = ()
    if any(not doc.accepted for doc, _ in verdicts):
        refused, rule = next((doc, r) for doc, r in verdicts if not doc.accepted)
        reasons.append(f"{name} does not accept {doc_words} from citizens of "
                       f"{country_name(citizenship)} on {day} ({rule.id}){_noted(refused)}"
                       f"{_age_bound(refused, rule, age)}")
        used.append(rule)
        allowed: bool | None = False
    elif verdicts and not verdicts[0][0].visa_required:
        doc, rule = chosen = verdicts[0]
        reasons.append(f"{name} accepts {doc_words} from citizens of "
                       f"{country_name(citizenship)} on {day} ({rule.id}){_noted(doc)}"
                       f"{_age_bound(doc, rule, age)}")
        used.append(rule)
        allowed = True
    elif verdicts:
        doc, rule = chosen = verdicts[0]
        issuers = visa_issuers(pack, to, on)
        issued_by = visa_issuer_words(name, zone=to in pack.zones)
        with_visa = (f"{name} accepts {doc_words} from citizens of {country_name(citizenship)} "
                     f"on {day} only with a visa issued by {issued_by} ({rule.id})")
        # the document's note last, after the visa is settled: "one" is the visa
        if visa is None:
            reasons.append(f"{with_visa}: yes with one, no without; give --visa or --no-visa "
                           f"to say whether you hold one{_noted(doc)}{_age_bound(doc, rule, age)}")
        elif visa:
            held = f" issued by {country_name(visa_from)}" if visa_from else ""
            reasons.append(f"{with_visa}; you hold one{held}, valid on the "
                           f"day{_noted(doc)}{_age_bound(doc, rule, age)}")
        else:
            reasons.append(f"{with_visa}; you hold none valid on the day: a visa is "
                           f"needed{_noted(doc)}{_age_bound(doc, rule, age)}")
        used.append(rule)
        allowed = visa
    elif other_ages:
        # The pack speaks of this document at other ages only: say which, not "no rule".
        spoken = "; ".join(f"{rule.id} {_verb(doc)} {_ages(doc)}"
                           + (_reading(doc, rule) if _minor(age) else "")
                           for doc, rule in other_ages)
        reasons.append(
            f"unknown: the rule pack has no rule on whether {name} accepts {doc_words} "
            f"from citizens of {country_name(citizenship)} aged {judged_age} on {day}; "
            f"{spoken}, not at {judged_age}")
        allowed = None
    else:
        has_rules = any(r.rule.topic == "entry" for r in rules)
        bracket = _bracket(applied, document, judged_age, on)
        reasons.append(
            f"unknown: the rule pack has no rule on whether {name} accepts {doc_words} "
            f"from citizens of {country_name(citizenship)} on {day}"
            + ("" if has_rules else " (no entry-document rule at all for that day)")
            + bracket.words)
        # the rules named with their days are relied on as every rule an answer names: their
        # dates and sources are what the reader checks the "unknown" against
        named = bracket.rules
        allowed = None
    if chosen and document_expires is not None and document_expires < on:
        # a document past its last day is judged by no validity rule: the rule that accepts
        # it accepts a document in force, and one host saying nothing of validity is no
        # licence to enter on an expired one
        reasons.append(f"your {document_name(document)} "
                       f"{ends_words(document_expires, document_lapse, on)}, before the day "
                       "of entry")
        allowed = False
    elif chosen and chosen[0].valid_for:
        want = chosen[0].valid_for
        reasons.append(_validity_reason(name, doc_words, want, chosen[1].id, on,
                                        document_expires, document_lapse))
        # too short a validity refuses entry whatever the visa: neither "yes with one" nor
        # unknown
        if document_expires is not None and not want.met_by(document_expires, on):
            allowed = False
    elif chosen and document_expires is not None:
        # the last day was given: say that no rule judged it, rather than pass over it
        reasons.append(f"the rule pack does not say how long {name} wants {doc_words} to stay "
                       f"valid; yours {ends_words(document_expires, document_lapse, on)}")
    if chosen and document_expires is not None and document_lapse is not None:
        # the reasons above name the day the document lapses by age: a day that rests on the
        # rule giving it, listed and dated with the others
        used.append(document_lapse.validity)
    if closed:
        allowed = False
    elif unsure and allowed is not False:
        allowed = None
    if chosen and allowed is not False:
        # after the refusals: the first reason that is not an acceptance is a refusal's why
        reasons.extend(f"{name} also wants {n.words} ({chosen[1].id})"
                       + (f": {n.note}" if n.note else "") for n in chosen[0].also_needs)
    relied = {r.id for r in (*used, *named)}
    return answer(allowed, reasons, used, [a for a in assumptions if a.rule in relied], issuers,
                  named)
