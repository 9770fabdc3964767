"""The answer to "may this person enter": :class:`EntryAnswer`, with what each exit rule of
the state left said (:class:`ExitCheck`), and how it reads in brief."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sojourn.countries import country_name
from sojourn.dates import format_long
from sojourn.entry._visas import visa_issuer_words
from sojourn.history.documents import AgeLapse, ends_words
from sojourn.penalties import BanLine
from sojourn.rules.select import Applied, Assumption
from sojourn.rules.topics import TRAVEL_MODES, AlsoNeeded, ValidFor
from sojourn.summonses import MovedBy
from sojourn.words import document_name, listed


@dataclass(frozen=True)
class Reason:
    """A line of an entry answer's why, with the ids of the rules it rests on: what a line
    telling it elsewhere (a refusal under "Where else", a caution) relies on is read from
    here, not guessed from the ids its words happen to contain. The account assumed of a
    contested one is the answer's (EntryAnswer.assumptions). ``refuses``: the line is a
    ground of a "No" (a closure of the way in given, a document refused or ended, a visa not
    held, a ban, a refusal at the exit), which a refusal told elsewhere quotes; a line told on
    the way (a closure of other ways, the age assumed, a document accepted) is not."""

    text: str
    rules: tuple[str, ...] = ()
    refuses: bool = False
    # its " on <day>" phrases date it by the day asked, which a line telling it under that day
    # leaves out (destinations.refused_entry_words); False where the text names no day asked
    # but the dates of what the profile records (a summons placed or served on the day asked
    # lost its date with it)
    dated_by_the_day_asked: bool = True
    # the line is why the answer is "unknown" for what the history does not record (a trip
    # with no `by`, counted against a limit on entries by land), which a line about a planned
    # entry quotes (StayReport.entries_unknown); an answer unknown for want of a rule is not
    leaves_unknown: bool = False
    # the line is why the answer is "unknown" for what the pack does not know of a rule's
    # end (a closure known only until a day now past), which `plan --by` names where it
    # leaves the first day let in not known (destinations.first_day_let_in)
    end_not_known: bool = False


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
    # the rules the reason rests on besides ``rule``: a citizen let out, or not, on the
    # state's own documents is so by the rules that judged each of them
    also_rests_on: tuple[str, ...] = ()
    # the reason's days are the day asked's (Reason.dated_by_the_day_asked): not so of a
    # refusal of the person, which dates the summons or restriction the profile records
    dated_by_the_day_asked: bool = True

    @property
    def because(self) -> Reason:
        """The reason with the rules it rests on."""
        return Reason(self.reason, tuple(dict.fromkeys((self.rule, *self.also_rests_on))),
                      refuses=not self.allowed,
                      dated_by_the_day_asked=self.dated_by_the_day_asked)


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
    # why, line by line, each with the rules it rests on (``reasons``: the lines in words)
    why: tuple[Reason, ...]
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
    # the zone whose rules judged ``to``, a member state on the day with no entry rules of its
    # own (None: ``to``'s own rules judged it), and the name of the host judged by, which the
    # reasons read ("the Schengen area accepts ..."; ``to_name`` where None)
    judged_by: str | None = None
    judged_by_name: str = ""
    # who may issue the visa, in words, where the rule names other issuers besides the host
    # (its ``visas_of``: "Cyprus, a member state of the Schengen area, Bulgaria, ..."); empty:
    # the host, or the zone's members
    visa_issuers_words: str = ""
    # the only ways in the rule the answer relies on accepts the document by (its ``by``:
    # Georgia takes a Ukrainian's ID card by air or sea); None: every way
    document_ways: tuple[str, ...] | None = None

    @property
    def judge(self) -> str:
        """The host whose rules judged the entry: ``to``, or the zone it is a member of."""
        return self.judged_by or self.to

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why, in words, line by line: each names the rule it comes from."""
        return tuple(r.text for r in self.why)

    def resting_on(self, reasons: Sequence[Reason]) -> tuple[list[Applied], list[Assumption]]:
        """The rules of the answer that ``reasons`` (said of it) rest on, once each, with the
        account assumed of each contested one: what a line telling them relies on."""
        ids = {i for r in reasons for i in r.rules}
        return ([r for r in self.rules if r.id in ids],
                [x for x in self.assumptions if x.rule in ids])

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
        return tuple(r.text for r in self.unmet_reasons)

    @property
    def unmet_reasons(self) -> tuple[Reason, ...]:
        """The unmet conditions (``unmet_conditions``), each with the rules it rests on."""
        document = document_name(self.document)
        unmet = []
        if self.allowed is False and self.visa is False and self.visa_issuers:
            asks = next((r.id for r in self.rules if r.rule.topic == "entry"), None)
            unmet.append(Reason(f"admits your {document} only with a visa issued by "
                                f"{self.visa_issued_by}, and you hold none valid"
                                + (f" ({asks})" if asks else ""), (asks,) if asks else (),
                                refuses=True))
        if self.valid_long_enough is False and self.valid_for and self.document_expires:
            # the end said, where the document lapses by age, names the rule that gives it
            lapse = (self.document_lapse.rule,) if self.document_lapse else ()
            unmet.append(Reason(f"wants your {document} valid {self.valid_for.words}; yours "
                                f"{self.document_ends} ({self.valid_for_rule})",
                                (*lapse, *filter(None, [self.valid_for_rule])), refuses=True))
        return tuple(unmet)

    @property
    def visa_issued_by(self) -> str:
        return self.visa_issuers_words or visa_issuer_words(self.judged_by_name or self.to_name,
                                 zone=self.visa_issuers != (self.judge,))

    @property
    def open_ways(self) -> tuple[str, ...]:
        """With no --by given, the ways in still open on the day when a border closure shuts
        others (Azerbaijan: air alone), the host accepts the document by some ways only
        (Georgia, a Ukrainian's ID card: by air or sea), or the state left lets the person out
        by some ways only (Russia, to Armenia on the internal passport: by air); empty when
        entry is not allowed, every way is open, or --by was given."""
        if not self.allowed or self.by is not None:
            return ()
        # a closure relied on is in force, or lapsed (its ways in not known): neither is open
        closed = {m for r in self.rules if r.rule.topic == "border" for m in r.closed_to}
        left_by = self.limited_ways
        if not closed and left_by is None:
            return ()
        return tuple(m for m in TRAVEL_MODES if m not in closed
                     and (left_by is None or m in left_by))

    @property
    def limited_ways(self) -> frozenset[str] | None:
        """The ways both the host accepts the document by and every exit rule that lets the
        person out lets them out by (None: any): a bare "Yes" for Armenia on the internal
        passport read as a way in by land too, which Russia's border refuses, and one for
        Georgia on a Ukrainian's ID card as a way in by land, which Georgia's refuses."""
        limits = [frozenset(x.ways) for x in self.exits if x.allowed and x.ways is not None]
        if self.document_ways is not None:
            limits.append(frozenset(self.document_ways))
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
        # a way the state left lets no one out by, or the host does not accept the document
        # by, is no way in, whatever the host's border
        left_by = self.limited_ways
        return tuple(m for m in TRAVEL_MODES if m in lapsed and m not in shut
                     and (left_by is None or m in left_by))


def beside_the_point(e: EntryAnswer, entries: Sequence[EntryAnswer]) -> bool:
    """Whether the refusal of ``e``'s document at the exit is beside the point among the
    checks of one host (``entries``): another document held is not refused so (it is let out,
    or kept in only by what keeps the person in whatever he shows, a summons), and "get a
    foreign passport" told a person who holds one to get one."""
    return e.refused_for_document and any(not o.refused_for_document for o in entries
                                          if o is not e)
