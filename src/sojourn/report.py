"""One case report for a person: where they are and until when, the next deadlines, permit
steps, where else they may go, and their exposure, each with its sources."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from sojourn.countries import country_name
from sojourn.dates import format_long
from sojourn.destinations import (
    Basis,
    Destination,
    caution_basis,
    destinations,
    held_visas,
    refusal_basis,
    refused_entry_words,
    stay_document_end,
    with_other_passports_judged,
)
from sojourn.engine import Answer
from sojourn.errors import SojournError, UsageError
from sojourn.history import History
from sojourn.history.documents import lapse_ending
from sojourn.permits import (
    HeldPermitEnd,
    PermitAnswer,
    Step,
    estimate_words,
    held_permit_ends,
    legal_end_rule,
    legal_stay,
    legal_stay_ended,
    no_permit_needed,
    permit_plan,
    permit_rules_for,
)
from sojourn.risk import RiskAnswer, assess_risk
from sojourn.rules.freshness import Dated, Relied, not_confirmed
from sojourn.rules.loader import Pack
from sojourn.rules.select import (
    Applied,
    Assumption,
    account_named,
    accounts_in_doubt,
    applied_as,
    applies_to,
    check_assumed,
    contested_accounts,
    other_accounts,
)
from sojourn.status import as_status_tells
from sojourn.stay import ApplicationCover, CoverEnd, StayReport, stay_report
from sojourn.summonses import KeptInNotice, SummonsNotice, kept_in_notices
from sojourn.words import (
    check_estimate,
    contested_account,
    count,
    days_named,
    document_name,
    estimated_because,
    listed,
    permit_name,
    sentence,
)


@dataclass(frozen=True)
class Deadline:
    day: dt.date
    what: str
    rule: str | None
    # what the deadline is, in words its wording does not change ("registration",
    # "permit-step:no_criminal_record"), and what it is about, which its day does not move
    # ("stay entered 2022-12-22", a permit's name, a document): with the host, its calendar
    # event's identity. Not the day, nor the rule: a holiday's date learnt, a trip planned or
    # a variant assumed moves the day or changes the rule, and the event must move with them
    kind: str
    about: str
    missed: bool | None  # None: passed, and the history records no registrations to tell
    # a registration deadline missed, and the day of the late registration the profile records
    # by the report's day: "missed" alone would read as never registered, unlike `status`
    registered_late: dt.date | None = None
    # why the day is an estimate (a holiday's date, a decree not yet known), or None: a
    # calendar event given as exact was trusted to the day
    estimate: str | None = None
    # the sooner day it may be due by instead, where the rule behind it does not say what the
    # host's other rules ask (a permit's days before the stay ends): the plan says why
    sooner: dt.date | None = None
    # the host the deadline is in, where not the report's (a trip planned elsewhere), whose
    # name a calendar event's title gives: "Kazakhstan:" headed the overstay of a trip to
    # Türkiye
    place: str | None = None
    # the host whose deadline it is, where its calendar event must not depend on the report's
    # host (else None: the report's): a permit held in Kazakhstan is the same event in a
    # report made in Kazakhstan and in one made on a visit to Russia, not two
    host: str | None = None
    # the contested rules it rests on (rests_on) every other account of which gives it the
    # same day: its line need not say which account of them it assumed, lest the day read as
    # in doubt (the rules relied on and the JSON's accounts still name it, as the answer
    # rests on them). Per rule: a contested permit's filing day whose own accounts agree
    # named them beside the stay limit's, which move it
    agreed: frozenset[str] = frozenset()
    # the rule that sets the day this one is counted back from, where not its own: the stay
    # limit (or registration) whose last day of legal stay a permit's filing day and each
    # step's start count back from. Its day assumes that rule's account as the stay's end
    # does, and moves with it: the filing line named only the permit's rule, of one account
    counted_from: str | None = None

    @property
    def rests_on(self) -> tuple[str, ...]:
        """The rules the deadline's day rests on, its own first: the accounts it assumes are
        those of the contested ones among them."""
        return tuple(dict.fromkeys(r for r in (self.rule, self.counted_from) if r is not None))

    @property
    def event(self) -> tuple[str | None, str, str]:
        """What tells the deadline from the report's others whatever its day or rule: its
        host (None: the report's), kind and what it is about, as its calendar event's UID."""
        return (self.host, self.kind, self.about)

    @property
    def state(self) -> str | None:
        """What became of a deadline before the report's day, in words; None for one ahead."""
        if self.missed and self.registered_late is not None:
            return f"missed; registered late, on {format_long(self.registered_late)}"
        if self.missed:
            return "missed"
        if self.missed is None:
            return ("passed; the history records no registrations, so whether it was done is "
                    "not known")
        return None


@dataclass(frozen=True)
class OtherAccountDeadline:
    """A deadline that only another account of a contested rule gives: the accounts assumed
    give no such event at all ("Next deadlines: none known" under uz-no-time-limit, where
    uz-seed-60-days ends the stay on 29 November 2022). Told beside the deadlines, not among
    them, lest it read as a day the answer assumes; left out, the report read as settled."""

    deadline: Deadline  # as the report gives it under ``variants``
    # the account assumed of the contested rule that another account of gives it
    assumed: Assumption
    # the other accounts of that rule that give it on that day, as --assume takes them
    variants: tuple[str, ...]
    # the rules its day rests on (Deadline.rests_on) as each of ``variants`` applies them: the
    # rule the accounts assumed apply is another (uz-registration-ru-15-days, which under
    # uz-seed-60-days ends the stay unregistered, under uz-no-time-limit does not), or none
    # (a rule only that account's deadline names), and its line names its id all the same
    rules: tuple[Applied, ...] = ()


@dataclass(frozen=True)
class Refused:
    """A host whose entry rules refuse the documents held on the report's day, and why, in
    brief: a caseworker missing it among the places to go must learn the reason."""

    host: str
    name: str
    why: str
    # the documents held whose entry is not known there (Destination.partly_refused): the
    # host refuses the others, and ``why`` says what each document comes to
    not_known: tuple[str, ...] = ()


def refused_because(d: Destination) -> str:
    """Why the entry rules of ``d`` refuse each document judged, in brief, as destinations
    tells it (refused_entry_words)."""
    return refused_entry_words(d.entry)


def not_known_documents(d: Destination) -> tuple[str, ...]:
    """The types of the documents held whose entry to ``d`` is not known, once each."""
    return tuple(dict.fromkeys(e.document for e in d.entry if e.allowed is None))


def partly_refused_because(d: Destination) -> str:
    """For a host partly refused (Destination.partly_refused), what each document held comes
    to, the refused ones with why: "with your internal passport, not known; with your
    international passport, no: it wants your international passport valid 6 months ..."."""
    refused_types = {e.document for e in d.entry if e.allowed is False}
    # a type on both sides (a dual citizen's two passports) is told by its issuer, as the
    # tables tell a document judged under another citizenship: "international passport (KG)"
    both = set(not_known_documents(d)) & refused_types

    def named(allowed: bool | None) -> str:
        return listed(list(dict.fromkeys(
            document_name(e.document) + (f" ({e.citizenship})" if e.document in both else "")
            for e in d.entry if e.allowed is allowed)))

    return (f"with your {named(None)}, not known; with your {named(False)}, no: "
            f"{refused_because(d)}")


@dataclass(frozen=True)
class CaseReport:
    on: dt.date
    host: str
    present: bool
    stay: StayReport
    deadlines: tuple[Deadline, ...]
    permits: tuple[PermitAnswer, ...]
    alternatives: tuple[Destination, ...]
    risk: RiskAnswer
    # why no permit is planned: the person is the host's citizen, the pack has no permit
    # rule for the host, or none of its permits is issued to them by the day to file
    no_permit: str | None = None
    # each alternative's exposure, as `risk --country HOST` answers it
    exposure: Mapping[str, RiskAnswer] = field(default_factory=dict)
    no_documents: bool = False  # no travel document valid on ``on``: no entry could be judged
    # the visa the stay where the person is was entered on, when it ends that stay sooner than
    # the host's stay rules, whose day the stay's answer gives: (the state that issued it, its
    # last day), said beside that answer lest the rules' day be read as the stay's
    visa_end: tuple[str, dt.date] | None = None
    # away from the host it answers for, the entry checks on the day where the documents held
    # do not let the person back in (refused, or not known): the stay answer ("If you enter
    # ...") judges no entry
    entry_barred: Destination | None = None
    # the other hosts whose entry rules refuse the documents held on the day, with why: the
    # places to go list only those that let the person in
    refused: tuple[Refused, ...] = ()
    # the line ``no_permit`` is said on, by its reason: an extension of stay held already is
    # no residence permit, and "No residence permit plan" read as a permit missed
    no_permit_heading: str = "No residence permit plan"
    # the summonses and restrictions on leaving the profile records by the day that an exit
    # rule keeps the person in for: in the state that sent a summons, its day to report is a
    # deadline; away, returning keeps them in
    summonses: tuple[KeptInNotice, ...] = ()
    # the rules the deadlines name ([ge-entry-foreign-passport] beside a planned entry
    # refused), as assumed, and the accounts assumed of those contested, with the exit rules
    # the summonses and restrictions on leaving told under them name: a caseworker who
    # reads a rule's id must find its dates, confidence and sources among the rules relied
    # on, whichever section named it
    deadline_rules: tuple[Applied, ...] = ()
    deadline_assumptions: tuple[Assumption, ...] = ()
    # the rules the lines on other hosts name (a host refused and why, the documents refused
    # where the report's host is, an exit rule's caution, the policy towards a third state's
    # requests a host's exposure in brief is judged under), with the accounts of the contested
    # ones, which those lines and the notices say in their own words: listed among the rules
    # relied on, and the accounts in the JSON's `assumptions`, as the stay's are
    named_rules: tuple[Applied, ...] = ()
    named_accounts: tuple[Assumption, ...] = ()
    # the name or label the profile gives the person (person.name), which heads the report and
    # titles each calendar event: a caseworker's calendar holds many clients' deadlines
    name: str | None = None
    # the deadlines only another account of a contested rule the stay or the deadlines rest
    # on gives (OtherAccountDeadline), by day: told under the deadlines, each naming its account
    only_under_other_accounts: tuple[OtherAccountDeadline, ...] = ()

    @property
    def other_account_rules(self) -> tuple[tuple[Applied, tuple[str, ...]], ...]:
        """Each rule the deadlines only another account gives rest on, as that account
        applies it, once, with the accounts (as --assume takes them) it is applied under:
        their lines name its id, which a caseworker must find among the rules relied on,
        marked as no rule of the accounts assumed."""
        found: dict[tuple[str, str | None], tuple[Applied, list[str]]] = {}
        for o in self.only_under_other_accounts:
            for applied in o.rules:
                _, under = found.setdefault(_applied_key(applied), (applied, []))
                under += [v for v in o.variants if v not in under]
        return tuple((applied, tuple(under)) for applied, under in found.values())

    @property
    def deadlines_not_confirmed(self) -> tuple[Dated, ...]:
        """The rules under the deadlines whose sources are old on the query day, as the
        text's note under them and `deadlines_freshness` give them: the exit rules the
        summonses keeping the person in name (the stay's note weighs its own), and the rules
        the days only another account gives rest on, as that account applies them, weighed
        by its sources and named with it (Dated.under): the note gave the id alone, and the
        JSON none, as if the account assumed's rule were dated."""
        said = {r.id for r in self.stay.rules}
        assumed = {_applied_key(r) for r in self.stay.rules}
        exits = not_confirmed([n.rule for n in self.summonses
                               if n.inside and n.rule.id not in said], self.on)
        others = [replace(d, under=under) for applied, under in self.other_account_rules
                  if _applied_key(applied) not in assumed
                  for d in not_confirmed([applied], self.on)]
        return (*exits, *others)

    @property
    def exposure_relied_on(self) -> dict[str, tuple[Relied, ...]]:
        """What each other host's exposure in brief relies on (RiskAnswer.in_brief_relied_on):
        its line names them beside its row's rules, and the note on their age weighs them."""
        return {host: r.in_brief_relied_on() for host, r in self.exposure.items()}

    @property
    def alternative_rules(self) -> tuple[Applied, ...]:
        """The rules the short list of other hosts names besides their rows' own: the rule a
        document's end by its holder's age rests on, where a line tells that end ("lapses on
        ... by ru-internal-passport-validity"): its id must be found among the rules relied
        on, as the stay's is."""
        return (*(d.document_lapse.validity for d in self.alternatives
                  if d.document_lapse is not None
                  and ((d.outlasts_document and d.document_expires is not None)
                       or d.no_limit_document_end is not None)),
                *self.named_rules)

    def accounts(self, deadline: Deadline) -> tuple[Assumption, ...]:
        """The accounts assumed of the contested rules ``deadline``'s day rests on
        (Deadline.rests_on: its own rule, and the one its day is counted from), its own
        rule's first; () where none has another account: its day may differ under another,
        which its line and its calendar event must say, read apart from the stay's answer."""
        return contested_accounts(deadline.rests_on, self.deadline_assumptions)

    def assumed(self, deadline: Deadline) -> Assumption | None:
        """The account the JSON's one ``assumed`` names: the first of :meth:`in_doubt`, else
        of :meth:`accounts` (a day resting on two contested rules, a contested permit's
        filing day counted from a contested stay limit, has its text name each in doubt)."""
        return account_named(self.accounts(deadline), deadline.agreed)

    def accounts_agree(self, deadline: Deadline) -> bool:
        """Every other account of each contested rule ``deadline`` rests on gives it the
        same day (Deadline.agreed): no account of them is in doubt."""
        return not self.in_doubt(deadline)

    def in_doubt(self, deadline: Deadline) -> tuple[Assumption, ...]:
        """The accounts assumed of the contested rules ``deadline`` rests on, where another
        account gives it another day (or none): what its line and calendar event say beside
        its day. Where every account gives that day, (): the day is not in doubt."""
        return accounts_in_doubt(self.accounts(deadline), deadline.agreed)

    def doubt_words(self, deadline: Deadline) -> str:
        """What a deadline's line and calendar event say after its rule of the accounts its
        day is in doubt under (in_doubt), each: "; contested, assumed 'x' (other accounts:
        --assume y)" for its own rule, and for the rule its day is counted from, which its
        line does not name, that rule too: "; day counted from am-stay-180-per-year,
        contested, ..."; "" where its day is not in doubt."""
        return "".join(
            "; " + ("" if a.rule == deadline.rule else f"day counted from {a.rule}, ")
            + contested_account(a.variant, a.alternatives) for a in self.in_doubt(deadline))

    @property
    def deadline_accounts_agree(self) -> tuple[Assumption, ...]:
        """The accounts assumed of the contested rules that the deadlines alone name, where
        every other account gives each of those deadlines the same day: their lines name no
        account, and the warning on the rule must say the others come to the same, not leave
        "other accounts: --assume ..." unexplained. A rule a summons's line names is not one
        of them: that line says what each account makes of the ban."""
        told = {n.assumed.rule for n in self.summonses if n.assumed is not None}
        return tuple(a for a in self.deadline_assumptions
                     if a.alternatives and a.rule not in told
                     and all(a.rule in d.agreed for d in self.deadlines
                             if a.rule in d.rests_on))


def _where(history: History, on: dt.date) -> tuple[str, bool]:
    here = history.ends_day_in(on)
    if here is not None:
        return here, True
    before = [s for s in history.stays if s.entry <= on]
    if not before:
        raise UsageError(f"{history.source}: no stay on or before {on}, so the report cannot "
                         "tell where the person is; add the current trip to the history, or use "
                         "`sojourn destinations` and `sojourn status --country CODE`")
    return before[-1].country, False


def _for_whom(pack: Pack, host: str, name: str, citizenship: str,
              held: tuple[str, ...]) -> str:
    """"for Tajikistan"; "for citizens of Ukraine in Georgia" where the host has permit rules
    for other citizens only, whose rules are no answer for this person; and, for a dual
    citizen, the other citizenship held that they are for."""
    rules = [r for r in pack.rules if r.topic == "permit" and r.host == host]
    if not rules:
        return f"for {name}"
    other = [c for c in held if c != citizenship and any(applies_to(r, c) for r in rules)]
    hint = (f" (it has some for citizens of {country_name(other[0])}, which you also hold: "
            f"--citizenship {other[0]})" if other else "")
    return f"for citizens of {country_name(citizenship)} in {name}{hint}"


def case_report(history: History, pack: Pack, *, on: dt.date, citizenship: str | None = None,
                assume: tuple[str, ...] = (), today: dt.date | None = None,
                compare: bool = True, by: str | None = None) -> CaseReport:
    """The report of ``history`` on ``on``; ``today``, the real day where given: a recorded
    entry after it has been judged at no border yet (with_other_passports_judged).
    ``compare``: weigh each deadline resting on a contested rule against the deadlines under
    the rule's other accounts (Deadline.agreed). ``by``: the way in of the entry the stay's
    answer tells (away, an entry on ``on``; present, the earliest day back), judged as
    `status --by` judges it (as_status_tells)."""
    check_assumed(pack, assume)  # the report asks of every host: not told those of the first
    judged = _judge_deadlines(history, pack, on=on, citizenship=citizenship, assume=assume,
                              today=today, whole=True, by=by)
    deadlines_on = _entry_let_in(judged.stay) or on
    if deadlines_on != on:
        # the entry on the day refused the way asked, the stay's deadlines and permit plans
        # are those of the stay from the first day let in, which the answer above tells:
        # "register by 11 October 2024" was a deadline of an entry that cannot happen
        later = _judge_deadlines(history, pack, on=deadlines_on, citizenship=citizenship,
                                 assume=assume, today=today, whole=False)
        judged = replace(judged, deadlines=later.deadlines, permits=later.permits,
                         no_permit=later.no_permit, no_permit_heading=later.no_permit_heading,
                         visa_end=later.visa_end)
    host, present, stay, places = judged.host, judged.present, judged.stay, judged.places
    deadlines, summonses = judged.deadlines, judged.summonses
    row = next((d for d in places if d.host == stay.host), None)
    # away, the report answers for the host last stayed in: that one is no "else" either,
    # nor is its zone, where it has no stay rules of its own (Germany: the Schengen area)
    others = tuple(d for d in places if not d.here and d.host != stay.host and d.allowed)
    risk = assess_risk(history, pack, country=host, on=on, citizenship=citizenship,
                       assume=assume)
    exposure = {d.host: assess_risk(history, pack, country=d.host, on=on,
                                    citizenship=citizenship, assume=assume)
                for d in others}
    no_documents = not any(d.entry for d in places)  # said once, under "Where else"
    barred = (row if not present and not no_documents and row is not None
              and row.allowed is not True else None)
    # a host refusing some documents held while the others' entry is not known is told too,
    # with what each comes to: left out, the refusal and its reason went unsaid
    refused = tuple(Refused(d.host, d.name, partly_refused_because(d) if d.partly_refused
                            else refused_because(d), not_known_documents(d))
                    for d in places if not d.here and d.host != stay.host
                    and (d.allowed is False or d.partly_refused))
    host_rules, accounts = _other_hosts_basis(places, stay.host, barred, others, exposure)
    accounts += [n.assumed for n in summonses if n.assumed is not None]
    deadline_rules, deadline_accounts = _rules_named(pack, deadlines, summonses, assume)
    only_others: tuple[OtherAccountDeadline, ...] = ()
    if compare:
        # the stay's accounts too: a rule whose assumed account sets no deadline (no stay
        # limit) is named by none, yet another account of it may end the stay
        deadlines, only_others = _with_accounts_weighed(
            deadlines, (*deadline_accounts, *stay.assumptions), pack, assume,
            lambda picks: report_deadlines(history, pack, on=deadlines_on,
                                           citizenship=citizenship, assume=picks,
                                           today=today))
    return CaseReport(on, host, present, stay, tuple(deadlines), judged.permits, others, risk,
                      judged.no_permit, exposure, no_documents, judged.visa_end, barred,
                      refused, judged.no_permit_heading, summonses, deadline_rules,
                      deadline_accounts,
                      named_rules=tuple(host_rules),
                      named_accounts=tuple({x.rule: x for x in accounts}.values()),
                      name=history.name, only_under_other_accounts=only_others)


def _entry_let_in(stay: StayReport) -> dt.date | None:
    """Where the stay's answer (with `--by`) tells, in place of an entry on the day asked
    that the way asked cannot make, the stay from the first day let in that way
    (EntryWaited.stay_from), that day; else None."""
    waited = stay.entry_waited
    if waited is None or waited.stay_from is None:
        return None
    return waited.stay_from.on if waited.refuses_the_day_asked(stay.answer) else None


@dataclass(frozen=True)
class _Deadlines:
    """The report's deadlines, unweighed (Deadline.agreed), with what the report
    tells beside them from the judgements they come from: the stay (with its document's
    end), the permit plans or why none, the visa that ends the stay sooner, the summonses."""

    host: str
    present: bool
    stay: StayReport
    # every host's row where the whole report was judged, else the row of the host it
    # answers for alone (or none)
    places: tuple[Destination, ...]
    deadlines: list[Deadline]
    permits: tuple[PermitAnswer, ...]
    no_permit: str | None
    no_permit_heading: str
    visa_end: tuple[str, dt.date] | None
    summonses: tuple[KeptInNotice, ...]


def report_deadlines(history: History, pack: Pack, *, on: dt.date,
                     citizenship: str | None = None, assume: tuple[str, ...] = (),
                     today: dt.date | None = None) -> list[Deadline]:
    """The deadlines ``case_report`` gives of ``history`` on ``on``, unweighed, judged
    alone: what its weighing of other accounts reads of the report under each, without the
    other hosts, exposure and accounts compared that the report tells beside them."""
    return _judge_deadlines(history, pack, on=on, citizenship=citizenship, assume=assume,
                            today=today, whole=False).deadlines


def _judge_deadlines(history: History, pack: Pack, *, on: dt.date, citizenship: str | None,
                     assume: tuple[str, ...], today: dt.date | None,
                     whole: bool, by: str | None = None) -> _Deadlines:
    """The report's deadlines and what it tells beside them (_Deadlines), one place for both
    the report and its weighing of other accounts. ``whole``: as the report shows them, the
    stay and permits with their other accounts and passports, and every host's row;
    otherwise only what the deadlines read, which is the same under either."""
    host, present = _where(history, on)
    stay = stay_report(history, pack, on=on, country=host, citizenship=citizenship,
                       assume=assume, compare=whole)  # its answer is shown, with the accounts
    if whole:
        # its --json is status's object: each other passport's answer judged at the border,
        # and the extension of stay offered beside an overstay planned, as status tells them
        # (as_status_tells); no deadline reads them
        def asked(day: dt.date, entry_from: dt.date | None = None,
                  length: int | None = None) -> StayReport:
            return stay_report(history, pack, on=day, country=host, citizenship=citizenship,
                               assume=assume, compare=True, length=length,
                               entry_from=entry_from)

        stay = as_status_tells(stay, history, pack, citizenship=citizenship, assume=assume,
                               today=today, by=by,
                               # the search for the first day let in that way, as status's
                               ask_from=lambda day: asked(on, entry_from=day, length=1),
                               stay_on=asked)
    a = stay.answer
    this_stay = _stay_about(a)
    deadlines: list[Deadline] = []
    # the rules' last day, not the planned trips' (the headline above names those)
    legal = legal_stay(history, pack, country=host, on=on, citizenship=citizenship,
                       assume=assume, planned=stay)
    ends = legal.report.answer
    last_day = ends.latest_exit
    if last_day is None and ends.present and ends.max_stay_days == 0:
        # over the limit: the day the legal stay ended, missed, as it read while ahead (and so
        # with the same calendar event), lest the report list only lesser deadlines passed
        last_day = legal_stay_ended(ends)[0]
    if last_day is not None:
        # ended by an unregistered deadline (a registration that lets the stay go on): that
        # rule, not the binding limit, sets the day, and registering moves it
        by_registration = ends.limited_by == "registration" and ends.register_by is not None
        what = f"last day of legal stay in {stay.host_name}"
        if by_registration:
            what += " unless registered by then"
        held_open = legal.report.held_open_by
        if held_open is not None:
            # while it is pending every day is covered: the day is the limit's only were it
            # refused on the report's day, as the headline says
            what += (f" were {held_open.named(with_host=False)}, "
                     f"refused on {format_long(on)}; you may stay "
                     f"{held_open.while_it_is_pending}")
        deadlines.append(Deadline(last_day, what, legal_end_rule(ends), "stay-end", this_stay,
                                  last_day < on))
        if held_open is not None:
            deadlines += _if_still_pending(held_open, stay.host_name, legal_end_rule(ends),
                                           this_stay)
    elif (joined := _zone_stay_deadline(stay)) is not None:
        # the state's own rules unknown: the zone's day from the joining day, where the
        # headline (status's answer) gives it, and so only for a stay recorded to reach it
        deadlines.append(joined)
    reg = a.register_by
    # a deadline a residence permit covers is none to meet
    if reg is not None and not reg.done and reg.covered_from is None:
        passed = reg.by < on
        late = (reg.recorded_on if reg.recorded_on is not None and reg.recorded_on <= on
                else None)
        deadlines.append(Deadline(reg.by, reg.label, reg.rule, "registration", this_stay,
                                  passed if reg.history_records or not passed else None,
                                  late if passed else None,
                                  None if reg.unsure is None
                                  else estimated_because(reg.unsure, stay.host_name)))
    # The host's own citizens (stay.own_citizen, as permit_plan judges them too) need no permit.
    no_permit = no_permit_needed(stay, host) if stay.own_citizen else None
    permits = []
    passed_over: list[str] = []  # why each permit of the host is not planned, said if none is
    held = 0  # how many of them are extensions of stay held already
    cit = stay.citizenship
    assert cit is not None  # the pack's rules judge a citizenship, given or held
    # residence permits are the country's, not its zone's: a person in Germany, whose stay
    # the Schengen area's rules judge, read "no residence permit rule for the Schengen area"
    permits_in = country_name(host)
    # a residence permit held ends: the day to renew it by, which no plan below counts to;
    # wherever the person is (a relocant back in Russia on a visit heard nothing of the end of
    # the Kazakh permit they live on), each headed by the permit's host
    for permit_end in held_permit_ends(history, pack, cit, on, assume):
        deadlines += _held_permit_deadlines(permit_end, host)
    # a contract that covers the stay ends: from the day after, the stay limit counts again
    deadlines += [_cover_end_deadline(end) for end in stay.cover_ends]
    for rule in [] if no_permit else permit_rules_for(pack, host, cit, on):
        plan = permit_plan(history, pack, country=host, permit_id=rule.id, on=on,
                           citizenship=citizenship, assume=assume, legal=legal, compare=whole)
        assert rule.permit is not None  # permit_rules_for takes permit rules only
        if plan.held_extension is not None:
            passed_over.append(f"{plan.held_extension} is for this stay, and {rule.permit.name} "
                               f"({rule.id}) is granted once per entry")
            held += 1
            continue
        if plan.pending_application is not None:
            # the filing is made: no day to file by is planned again
            passed_over.append(f"{plan.pending_application}, so {rule.permit.name} "
                               f"({rule.id}) is not planned again")
            continue
        if (plan.opens_on is not None and plan.due_by is not None
                and plan.opens_on > plan.due_by):
            # a permit that starts after the day to file is no way out now
            # "in force" would overstate it: the permit may be older than the pack's rule
            passed_over.append(f"the pack knows {rule.permit.name} ({rule.id}) only from "
                               f"{format_long(plan.opens_on)}, after the day to file "
                               f"({format_long(plan.due_by)})")
            continue
        if not (plan.rule.permit and plan.rule.permit.available):
            name = (plan.rule.permit or rule.permit).name
            passed_over.append(f"the pack records that {name} is not being issued to you "
                               f"({plan.rule.id})")
            continue
        permits.append(plan)
        if plan.legal_stay_ends is None:
            continue  # no deadline from the stay: its steps' days are the earliest, not the last
        if not plan.rule_in_force:
            # no rule of the pack says what the permit needs on the filing day: the plan below
            # is "Unknown", and its steps' days, the nearest rule's, are no deadlines to meet
            continue
        deadlines += _permit_deadlines(plan, on)
    if not permits and no_permit is None:
        # a report that leaves permits out must say why, not read as "nothing to do"
        no_permit = "; ".join(passed_over) or (
            f"the rule pack has no residence permit rule "
            f"{_for_whom(pack, host, permits_in, cit, history.citizenships)}, so whether "
            "one can be had, and how, is not known")
    # every host's row, which the report's other sections tell; the deadlines read only the
    # row of the host it answers for, each host's row judged apart from the others'
    places = destinations(history, pack, on=on, citizenship=citizenship, assume=assume,
                          hosts=None if whole else (stay.host,))
    # the destinations row of the host the report answers for: on a crossing day the person
    # is in two hosts, and the first row "here" was the other one's (Georgia's entry rule gave
    # a deadline of the stay in Kazakhstan)
    row = next((d for d in places if d.host == stay.host), None)
    # the rules' last day above is not the stay's when the visa it is on ends sooner, as the
    # row of the host the person is in says (limited_by "visa"): named by the entry rule that
    # asks for the visa; not where the stay above ends by the visa already (a visa rule's
    # limit cut to its last day): "sooner than the day above" then named the same day
    here = row if present else None
    visa_end: tuple[str, dt.date] | None = None
    if (here is not None and here.visa_expires is not None and here.stay is not None
            and here.stay.answer.limited_by == "visa" and a.limited_by != "visa"):
        deadlines.append(_visa_deadline(here, here.visa_expires, stay.host_name, on,
                                        this_stay))
        visa_end = (here.visa_from or "", here.visa_expires)
    elif (here is not None and here.visa_from is None and a.entered is not None
          and any(v.expires is not None and v.expires < on
                  for v in held_visas(history, a.entered))):
        # a visa that ended before the report's day is no visa on it, yet the stay may have
        # been entered on it: its last day passed while the person stayed on (a Russian in
        # Germany on a DE visa to 10 June read only the rules' 17 August on 11 June). Judged
        # again only then, as it judges every host on the entry day
        entered = next(d for d in destinations(history, pack, on=a.entered,
                                               citizenship=citizenship, assume=assume,
                                               hosts=(here.host,))
                       if d.host == here.host)
        if (entered.visa_expires is not None and entered.visa_expires < on
                and (last_day is None or entered.visa_expires < last_day)):
            deadlines.append(_visa_deadline(entered, entered.visa_expires, stay.host_name, on,
                                            this_stay))
            visa_end = (entered.visa_from or "", entered.visa_expires)
    if (here is not None and here.document_expires is not None and last_day is not None
            and here.document_expires < last_day):
        # the legal stay outlasts the passport it is on: a day to renew it or leave by (the
        # validity a host wants, where a rule says it, was judged at the entry made), named by
        # the entry rule that wants it valid through the day of leaving, where one does
        v = here.entered.valid_for if here.entered else None
        by_rule = (here.entered.valid_for_rule if here.entered and v is not None
                   and v.beyond == "intended_exit" and v.days == 0 else None)
        # an internal passport's end by age is in no field of the profile: said why
        lapse = lapse_ending(history, pack, here.document, here.document_expires, on) if (
            here.document is not None) else None
        why = f" ({lapse.why(on)})" if lapse is not None else ""
        # else named by the rule its last day by age comes from, as the words say
        by_rule = by_rule or (lapse.rule if lapse is not None else None)
        deadlines.append(Deadline(here.document_expires, f"last day of your "
                                  f"{here.document_alone}{why}, before the legal stay in "
                                  f"{stay.host_name} ends", by_rule, "document-end",
                                  _document_about(here.document, here.citizenship), False))
    # with no limit, no last day of the legal stay tells of the passport: said when it ends
    # soon, under the stay's answer and among the deadlines; and for any stay, the passport
    # entered on that has ended with no other held to stay on, as a deadline missed (its kind
    # and document those it had while ahead, so that its calendar event is marked, not doubled)
    ending = (stay_document_end(stay, row, history, pack, citizenship=citizenship,
                                assume=assume) if row is not None else None)
    if ending is not None:
        # said under the stay's answer, as status says it
        stay = stay.with_document_end(ending)
    if row is not None and ending is not None and not ending.before_latest_exit:
        named = document_name(ending.document)
        why = f" ({ending.lapse.why(on)})" if ending.lapse is not None else ""
        what = (f"last day of your {named}{why}, on which you entered {stay.host_name}: you "
                "stay on no valid travel document" if ending.ended else
                f"last day of your {row.document_alone}{why}, which the stay in "
                f"{stay.host_name} needs valid, though no rule limits it")
        # a last day by age is its validity rule's, which the deadline names as any other
        by_age = ending.lapse.rule if ending.lapse is not None else None
        deadlines.append(Deadline(ending.last_day, what, by_age, "document-end",
                                  _document_about(ending.document, ending.citizenship),
                                  ending.ended))
    summonses = kept_in_notices(history, pack, on, assume)
    deadlines += _summons_deadlines(summonses, on)
    deadlines += _itinerary_deadlines(history, pack, stay.host, on, citizenship, assume, today)
    deadlines += _planned_overstays(stay, on, later_stays=True)
    deadlines.sort(key=lambda d: (d.day, d.what))
    heading = ("No extension of stay to plan" if passed_over and held == len(passed_over)
               else "No residence permit plan")
    return _Deadlines(host, present, stay, tuple(places), deadlines, tuple(permits), no_permit,
                      heading, visa_end, summonses)


def _with_accounts_weighed(deadlines: list[Deadline], accounts: Sequence[Assumption],
                           pack: Pack, assume: tuple[str, ...],
                           under: Callable[[tuple[str, ...]], Sequence[Deadline]]
                           ) -> tuple[list[Deadline], tuple[OtherAccountDeadline, ...]]:
    """``deadlines``, each marked with the contested rules it rests on (of ``accounts``;
    Deadline.rests_on) every other account of which gives the same event the same day(s),
    each rule weighed apart: ``under(picks)``, the
    report's deadlines under the accounts ``picks`` (the rule's other account in place of
    the assumed one). A deadline missing under another account is in doubt. With them, the
    deadlines of events that only another account gives (OtherAccountDeadline)."""
    contested = {x.rule: x for x in accounts if x.alternatives}
    if not contested:
        return deadlines, ()
    days = _days_by_event(deadlines)
    picks_of = dict(other_accounts(pack, contested.values(), assume))
    # built once per other account: what each gives is read both to weigh the deadlines
    # and for those only it gives, with the rules they rest on as it applies them
    given = {variant: under(picks) for variant, picks in picks_of.items()}
    days_under = {variant: _days_by_event(d) for variant, d in given.items()}

    def agreed(d: Deadline) -> frozenset[str]:
        """The contested rules ``d`` rests on whose every other account gives its days."""
        return frozenset(r for r in d.rests_on if r in contested
                         and all(days_under[v].get(d.event) == days[d.event]
                                 for v in contested[r].alternatives))

    only_others = _only_under_others(days, contested.values(), given)
    return ([replace(d, agreed=agreed(d)) for d in deadlines],
            tuple(replace(o, rules=_applied_under(pack, o, picks_of)) for o in only_others))


def _applied_under(pack: Pack, o: OtherAccountDeadline,
                   picks_of: Mapping[str, tuple[str, ...]]) -> tuple[Applied, ...]:
    """The rules ``o``'s day rests on as each account that gives it applies them (``picks_of``:
    the --assume names that pick each account), once each: read from the pack, not by
    building the deadlines again."""
    applied = (applied_as(rule, picks_of[variant])[0] for variant in o.variants
               for rule in (pack.rule(r) for r in o.deadline.rests_on) if rule is not None)
    return tuple({_applied_key(a): a for a in applied}.values())


def _applied_key(applied: Applied) -> tuple[str, str | None]:
    """What tells a rule as applied from another: its id and the account (variant) applied."""
    return (applied.id, applied.variant.name if applied.variant is not None else None)


def _only_under_others(days: Mapping[tuple[str | None, str, str], list[dt.date]],
                       accounts: Iterable[Assumption],
                       given: Mapping[str, Sequence[Deadline]]
                       ) -> tuple[OtherAccountDeadline, ...]:
    """The deadlines ``given`` under each other account of ``accounts`` whose event none of
    the accounts assumed gives (``days``, by event), once each: those several accounts give
    alike (the same event on the same day, in the same words) name them all."""
    found: dict[tuple[Assumption, Deadline], list[str]] = {}
    for account in accounts:
        for variant in account.alternatives:
            for d in given.get(variant, ()):
                if d.event not in days:
                    found.setdefault((account, replace(d, agreed=frozenset())),
                                     []).append(variant)
    # a deadline two contested rules' other accounts both give is told under the first only
    told: dict[Deadline, OtherAccountDeadline] = {}
    for (account, d), variants in found.items():
        told.setdefault(d, OtherAccountDeadline(d, account, tuple(variants)))
    return tuple(sorted(told.values(), key=lambda o: (o.deadline.day, o.deadline.what)))


def _days_by_event(deadlines: Sequence[Deadline]) -> dict[tuple[str | None, str, str],
                                                          list[dt.date]]:
    """The days of ``deadlines`` by event (Deadline.event), in order: no two share one
    today, but should they, all their days are weighed."""
    days: dict[tuple[str | None, str, str], list[dt.date]] = {}
    for d in deadlines:
        days.setdefault(d.event, []).append(d.day)
    return days


def _other_hosts_basis(places: Sequence[Destination], host: str, barred: Destination | None,
                       others: Sequence[Destination],
                       exposure: Mapping[str, RiskAnswer]) -> Basis:
    """What the report's lines on other hosts rest on (destinations.reasons_basis): each host
    refused, as told under "Where else" (refused_because), the documents the report's host
    refuses where they are told (``barred``), the exit rules' cautions told for the
    hosts listed (``others``), and the rules their exposure in brief names (``exposure``:
    RiskAnswer.in_brief_rules)."""
    told = [refusal_basis(d.entry) for d in places
            if not d.here and d.host != host and (d.allowed is False or d.partly_refused)]
    told += [refusal_basis(barred.entry)] if barred is not None else []
    told.append(caution_basis([e for d in others for e in d.entry]))
    told += [(list(r.in_brief_rules()), list(r.in_brief_accounts()))
             for r in exposure.values()]
    return ([r for rules, _ in told for r in rules],
            [x for _, accounts in told for x in accounts])


def _rules_named(pack: Pack, deadlines: list[Deadline], notices: Sequence[KeptInNotice],
                 assume: tuple[str, ...]) -> tuple[tuple[Applied, ...], tuple[Assumption, ...]]:
    """The rules ``deadlines`` name, once each, under the accounts ``assume`` picks, and
    the account assumed of each contested one; then the exit rules the summonses and
    restrictions on leaving told under them (``notices``) name, as applied there (in the
    state that sent it, a summons's line names its rule with no deadline of its own)."""
    named = (pack.rule(r) for d in deadlines for r in d.rests_on)
    applied = [applied_as(rule, assume)
               for rule in {r.id: r for r in named if r is not None}.values()]
    rules = {a.id: a for a, _ in applied}
    rules |= {n.rule.id: n.rule for n in notices if n.rule.id not in rules}
    return (tuple(rules.values()),
            tuple(assumed for _, assumed in applied if assumed is not None))


def _itinerary_deadlines(history: History, pack: Pack, here: str, on: dt.date,
                         citizenship: str | None, assume: tuple[str, ...],
                         today: dt.date | None) -> list[Deadline]:
    """What the trips the history records after ``on`` into hosts other than ``here`` (the
    report's own) come to, as `status --country` of each says it: each entry the host would
    refuse with every document held then, and the first day of each overstay they plan. The
    report answers for one host; a planned trip elsewhere said nothing, however it ended. An
    entry the host may refuse for what the trips do not record is listed too, as status says it.
    Each is the trip's host's deadline (Deadline.host), not the report's: the same overstay
    exported from Türkiye and then from Georgia was two calendar events."""
    deadlines: list[Deadline] = []
    judged = {here}
    for country in dict.fromkeys(s.country for s in history.stays if s.entry > on):
        try:
            trip = stay_report(history, pack, on=on, country=country, citizenship=citizenship,
                               assume=assume)
        except SojournError:
            continue  # a host the pack has no stay rules for: nothing to judge the trip by
        if trip.host in judged or trip.own_citizen:
            continue
        judged.add(trip.host)
        trip = with_other_passports_judged(trip, history, pack, assume=assume, today=today)
        # "would" as status's "would refuse", "may" as its "may refuse": one the earlier trips
        # with no way in recorded may have made the third land entry (entries_unknown) is as
        # much a day to plan for; the same event as once refused, when the trips say their way
        judged_entries = ([(made, "would") for made in trip.entries_refused]
                          + [(made, "may") for made in trip.entries_unknown])
        for made, modal in judged_entries:
            deadlines.append(Deadline(made.on, f"planned entry into {trip.host_name} {modal} "
                                      f"be refused: {made.why}", made.rule, "planned-entry",
                                      f"trip to {trip.host} entered {made.on}", False,
                                      place=trip.host_name, host=trip.host))
        deadlines += _planned_overstays(trip, on)
    return deadlines


def _planned_overstays(trip: StayReport, on: dt.date, *, later_stays: bool = False
                       ) -> list[Deadline]:
    """The first day of each overstay the trips recorded into ``trip``'s host after ``on``
    plan, with the day to leave by. ``later_stays``: only those of the stays entered after
    ``on``, for the host the report answers for, whose stay under way has its own last day
    of legal stay among the deadlines: a trip back there that overstays said it in the stay's
    answer alone ("Planned overstay"), and gave no deadline, nor a calendar event, until the
    person was elsewhere."""
    out = []
    for v in trip.answer.violations:
        if v.first_day <= on:
            continue  # an overstay before the report's day is the status of that host's
        entered = max((e for e in trip.planned_entries if e <= v.first_day), default=None)
        if entered is None and later_stays:
            continue  # the stay under way's: its last day of legal stay says it
        out.append(Deadline(
            v.first_day, f"first day of the overstay your trip to {trip.host_name} plans "
            f"({days_named(v.first_day, v.last_day)}, {count(v.days, 'day')}); leave by "
            f"{format_long(v.first_day - dt.timedelta(days=1))}",
            v.rules[0] if v.rules else trip.answer.binding, "planned-overstay",
            f"trip to {trip.host} entered {entered or v.first_day}", False,
            place=trip.host_name, host=trip.host))
    return out


def _summons_deadlines(notices: tuple[KeptInNotice, ...], on: dt.date) -> list[Deadline]:
    """In the state that sent a summons, the day it calls the person to report, where the
    profile records it: passed, with the summons still recorded, it was missed (once the
    ban is lifted, the profile drops the summons)."""
    return [Deadline(n.report_on, f"the day your summons from {country_name(n.state)} "
                                  f"({n.received}) calls you to report", n.exit_rule, "summons",
                     f"summons {n.placed_on or n.served_on}", n.report_on < on)
            for n in notices
            if isinstance(n, SummonsNotice) and n.inside and n.report_on is not None]


def _visa_deadline(row: Destination, expires: dt.date, host_name: str,
                   on: dt.date, this_stay: str) -> Deadline:
    """The last day of the visa the stay where the person is was entered on, which ends it
    sooner than the stay rules: named by the entry rule that asks for the visa, that of the
    check the row relies on (a dual citizen's other passport of the same type is judged by
    its own citizenship's rule)."""
    checked = row.entered.rules if row.entered is not None else ()
    asks = next((r.id for r in checked if r.rule.topic == "entry"), None)
    return Deadline(expires, f"last day of your {row.visa_from} visa, which ends the stay in "
                    f"{host_name} sooner than its stay rules", asks, "visa-end", this_stay,
                    expires < on)


def _permit_deadlines(plan: PermitAnswer, on: dt.date) -> list[Deadline]:
    """The days a permit plan counts back from its legal end (each step's), the last day to
    file for the permit to be issued by then, and, when the planned trips end the stay
    before the filing day, the days counted back from the last day to file during it."""
    assert plan.rule.permit is not None and plan.legal_stay_ends is not None
    name, rule = plan.rule.permit.name, plan.rule.id
    # the permit by its name, which the versions of its rule share (kz-permit-permanent-2015,
    # -2023): a filing day moved past a new version's first day is the same step to take
    about = f"permit {name}"
    if plan.held_same is not None:
        # beside the renewal of the one held, listed apart: the other route, not the same
        # permit twice (the event keeps its key)
        name += ", if the permit held is not renewed"
    # the filing day, counted to the stay's last day, may be due the days sooner the host asks
    # its other permits by (PermitAnswer.lead_unsure)
    sooner = plan.lead_unsure.due_by if plan.lead_unsure is not None else None
    # the days counted back from the stay's last day rest on the rule that sets it, as the
    # stay's own deadline does (the days as planned, counted from a planned trip, do not)
    ends_by = plan.legal_end_rule
    out = [Deadline(s.start_by, f"{name}: {s.what}", rule, _step_kind(s), about,
                    bool(s.too_late), estimate=estimate_words(s.estimate) or None,
                    sooner=sooner if s.document is None else None, counted_from=ends_by)
           for s in plan.steps if s.start_by is not None]
    # a filing due before the report's day while the legal stay goes on (a host asking for it
    # 30 days before the stay ends) is a plan that cannot work, whose filing step gives no day
    # lest it read as one to meet: the day it was due by, missed, is told among those passed,
    # as the event it was while ahead (kind and about as above). Over the limit, the stay's
    # end, missed, is told, and the plan says the stay ended
    filing = next(s for s in plan.steps if s.document is None)
    if (filing.start_by is None and plan.due_by is not None and plan.due_by < on
            and plan.legal_stay_ends >= on):
        out.append(Deadline(plan.due_by, f"{name}: {filing.what}", rule, _step_kind(filing),
                            about, True, counted_from=ends_by))
    if plan.in_time_if_filed_by is not None:
        out.append(Deadline(plan.in_time_if_filed_by,
                            f"{name}: file the application to have the permit by "
                            f"{format_long(plan.legal_stay_ends)}", rule,
                            "permit-file-in-time", about, plan.in_time_if_filed_by < on,
                            estimate=estimate_words(plan.in_time_estimate) or None,
                            counted_from=ends_by))
    if plan.planned_file_by is not None:
        file_by = format_long(plan.planned_file_by)
        out += [Deadline(s.planned_start_by,
                         f"{name}: {s.what} during this stay as planned" if s.document is None
                         else f"{name}: {s.what} to file by {file_by} as planned",
                         rule, f"{_step_kind(s)}-as-planned", about, s.planned_start_by < on,
                         estimate=estimate_words(s.planned_estimate) or None)
                for s in plan.steps if s.planned_start_by is not None and not s.too_late]
    return out


def _if_still_pending(cover: ApplicationCover, host_name: str, limit: str | None,
                      this_stay: str) -> list[Deadline]:
    """The last day of the stay were the application holding it open still pending when its
    cap runs out (ApplicationCover.if_still_pending), as status words it: the day a
    caseworker must plan for while no decision comes, told only in the text of the line of
    the day the stay would end were it refused. Named by the rule whose cap it is, counted
    from the stay limit, whose account it assumes as the stay's end does."""
    told = cover.if_still_pending
    if told is None:
        return []
    last, why = told
    return [Deadline(last, f"last day of legal stay in {host_name} if "
                     f"{cover.named(with_host=False)}, is still pending{why}",
                     cover.rules[0].id if cover.rules else None, "stay-end-if-pending",
                     this_stay, False, counted_from=limit)]


def _held_permit_deadlines(ending: HeldPermitEnd, here: str) -> list[Deadline]:
    """The last day of a residence permit held, a day to renew it by, and, where the pack
    says how long before it to file, the last day to file the renewal: in the permit's host,
    which heads them where it is not ``here``, the host the report answers for."""
    named = permit_name(ending.kind)
    host_name = country_name(ending.country)
    # the permit by its kind and first day, which its last day, corrected, does not change;
    # its host, not the report's, keys its calendar event, which a visit elsewhere keeps
    about = f"held {ending.kind} from {ending.valid_from.isoformat()}"
    place = None if ending.country == here else host_name
    if ending.file_by is None:
        return [Deadline(ending.last_day, f"last day of your {named} in {host_name}: renew "
                         "it by then; the pack gives no time to file the renewal by", None,
                         "held-permit-end", about, False, place=place, host=ending.country)]
    assert ending.days_before is not None
    return [
        Deadline(ending.last_day, f"last day of your {named} in {host_name}: renew it by "
                 f"then, filing by {format_long(ending.file_by)}", ending.rule,
                 "held-permit-end", about, False, place=place, host=ending.country),
        # passed, it is not called missed: a profile cannot record a renewal filed
        Deadline(ending.file_by, f"file to renew your {named} in {host_name}, which ends on "
                 f"{format_long(ending.last_day)} ({count(ending.days_before, 'day')} before, "
                 f"as {ending.rule} asks)", ending.rule, "held-permit-renew", about, False,
                 estimate=estimate_words(ending.estimate) or None, place=place,
                 host=ending.country),
    ]


def _cover_end_deadline(end: CoverEnd) -> Deadline:
    """The last day a pack rule lets a contract cover the stay: a worker staying on must know
    that the stay limit counts again from the day after, and how many days it then leaves is
    the last day of legal stay the report gives beside it."""
    p = end.permit
    host_name = country_name(p.country)
    after = format_long(end.last + dt.timedelta(days=1))
    ends = ("ends" if p.valid_to == end.last else "stops covering your stay")
    # the rule is named beside the deadline, as every deadline's is
    return Deadline(end.last, f"your {permit_name(p.kind)} in {host_name} {ends}: from "
                    f"{after} your days count under the stay limit again",
                    end.rules[0].id if end.rules else None, "cover-end",
                    f"held {p.kind} from {p.valid_from.isoformat()}", False, host=p.country)


def _zone_stay_deadline(stay: StayReport) -> Deadline | None:
    """Where the state's own rules, which the pack does not have, give no last day of the
    legal stay on a day before it joins a zone, the last day the zone's rules allow the stay
    under way from the joining day (Joining.stay, as `status` says it): in Croatia since 3
    December 2022, asked on 25 December, 31 March 2023 under the Schengen area's 90 days in
    any 180, where the report listed no deadline at all. It is the latest day known, not the
    state's own answer: the days before the joining day turn on its own rules, as said. Given
    where the headline, status's answer (``stay``), gives it: a stay recorded to end before
    the joining day is one the zone never judges, of which status says nothing. About
    the stay as the zone counts it (entered on the joining day), as a report asked from then
    names it, so that its calendar event is the same one."""
    joining = stay.joining
    if joining is None or joining.stay is None:
        return None
    zone_stay = joining.stay
    return Deadline(
        zone_stay.latest_exit,
        f"last day of legal stay in {stay.host_name} under the rules of {joining.title}, which "
        f"count the stay as entered on {format_long(joining.on)}, when {stay.host_name} joins "
        f"it; your days in {stay.host_name} before then turn on its own rules, which the rule "
        "pack does not have",
        zone_stay.limit.rule if zone_stay.limit is not None else None, "stay-end",
        f"stay entered {joining.on.isoformat()}", False)


def _stay_about(a: Answer) -> str:
    """What the deadlines of the stay ``a`` answers for are about: that stay, by its entry
    day, which tells it from the host's other stays; away, the stay the answer offers from the
    report's day, one stay whatever that day, so that a later export moves its events."""
    return f"stay entered {a.entered.isoformat()}" if a.entered else "stay not begun"


def _document_about(document: str | None, citizenship: str | None) -> str:
    """Which travel document a deadline is the last day of: its type and the state that
    issued it, as the entry checks tell the documents held apart."""
    return f"document {document} ({citizenship})"


def _step_kind(step: Step) -> str:
    """A permit step's kind: the document it gets, which names it in the rule data, or the
    filing itself."""
    return "permit-file" if step.document is None else f"permit-step:{step.document}"


# an event's SEQUENCE counts minutes from here: a whole number that grows with every export and
# stays within the 32-bit integers calendar apps store it in for some four thousand years
SEQUENCE_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def export_time() -> dt.datetime:
    """Now, or the moment ``SOURCE_DATE_EPOCH`` gives (seconds since 1970, the reproducible-
    builds convention), so that the same inputs can give the same file byte for byte."""
    import os

    fixed = os.environ.get("SOURCE_DATE_EPOCH")
    if fixed is None or not fixed.strip():
        return dt.datetime.now(dt.UTC)
    first = int(SEQUENCE_EPOCH.timestamp())
    last = first + (2**31 - 1) * 60  # the last minute a 32-bit SEQUENCE can count
    # ASCII digits alone: str.isdigit also passes '²', which int() then refuses
    if not re.fullmatch(r"[0-9]+", fixed.strip()) or not first <= int(fixed) <= last:
        raise UsageError(f"environment variable SOURCE_DATE_EPOCH: {fixed!r} is not a moment "
                         "the calendar can be stamped with; expected whole seconds since 1970, "
                         f"from {first} (2000-01-01) to {last}, e.g. 1767225600 for "
                         "2026-01-01, or leave it unset for now")
    return dt.datetime.fromtimestamp(int(fixed), dt.UTC)


# each calendar event's words on what the report is, short, as a calendar shows them
NOT_ADVICE = "Not legal advice: ask a lawyer before acting on it."


if TYPE_CHECKING:  # imported where a calendar is made, as to_ics does
    import icalendar

# what a calendar app shows of an event: a re-export that changes none of it is no revision
_SHOWN = ("dtstart", "dtend", "summary", "description")

Revision = tuple[int, dt.datetime, tuple[str, ...]]


def _shown(event: icalendar.cal.Component) -> tuple[str, ...]:
    """What ``event`` shows, as its iCalendar text, to tell a changed event from the same."""
    return tuple(str(event.decoded(name)) for name in _SHOWN)


def earlier_revisions(data: bytes) -> dict[str, Revision]:
    """The events of an earlier export (the file a new one overwrites), by UID: each one's
    SEQUENCE, DTSTAMP and what it shows. A file that is no calendar gives none."""
    import icalendar

    try:
        events = icalendar.Calendar.from_ical(data).walk("VEVENT")
        return {str(e["uid"]): (int(e.decoded("sequence")), e.decoded("dtstamp"), _shown(e))
                for e in events}
    except (ValueError, KeyError, TypeError):
        return {}


def to_ics(report: CaseReport, case: str, made: dt.datetime | None = None,
           earlier: Mapping[str, Revision] | None = None) -> bytes:
    """The report's deadlines as an iCalendar file: one all-day event each.

    An event's UID is a digest of ``case``, which tells this person's calendar from another's
    (the CLI gives the history file's absolute path, every symbolic link resolved), and of the
    host, the deadline's kind and what it is about (Deadline.about: the stay by its entry day,
    the permit, the document), never its words, rule or day: two persons' calendars imported
    into one calendar app keep their events apart, even those alike in day and rule, and a
    later export of the same history updates the same events (a deadline passed since is
    marked, one worded anew renamed, one moved to another day or under another rule moved:
    none doubled).

    ``made`` is when the export is made (by default now, or ``SOURCE_DATE_EPOCH`` where set, for
    a reproducible file): each event's DTSTAMP, and its SEQUENCE, the minutes from 2000 to it.
    A calendar app that already holds an event takes a file's version as an update only if
    its SEQUENCE is higher (RFC 5545's revision number, which Google Calendar and Outlook
    compare): an export made in a later minute, whatever report day it answers for, is the
    newer revision; two within one minute share one.

    ``earlier``: the events of the export this one replaces (earlier_revisions). An event that
    shows the same as there keeps its SEQUENCE and DTSTAMP: RFC 5545 raises SEQUENCE on a
    revision of the event, and an app re-importing the same deadline as a newer revision
    overwrote the person's own changes to it (an alarm added) and, subscribed, notified an
    update every time."""
    import hashlib

    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", "-//sojourn//deadlines//EN")
    cal.add("version", "2.0")
    stamp = (made or export_time()).astimezone(dt.UTC).replace(microsecond=0)
    revision = (stamp - SEQUENCE_EPOCH) // dt.timedelta(minutes=1)
    uids: set[str] = set()
    for d in report.deadlines:
        # a calendar holds the events of every host the person has stayed in, with no report
        # heading above them to say which: each title names its host, once ("register within
        # 30 days of entry" told neither of two countries' from the other)
        place = d.place or report.stay.host_name
        what = d.what if place in d.what else f"{place}: {d.what}"
        event = icalendar.Event()
        key = f"{case}|{d.host or report.host}|{d.kind}|{d.about}"
        uid = hashlib.sha256(key.encode()).hexdigest()[:32] + "@sojourn"
        # two events under one UID: a calendar app would keep one of them and drop the other.
        # No two deadlines of one report share a key today; should one, the later is numbered
        # (in the report's order) rather than lost, or the export refused
        seen = 1
        while uid in uids:
            seen += 1
            uid = hashlib.sha256(f"{key}|{seen}".encode()).hexdigest()[:32] + "@sojourn"
        uids.add(uid)
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        event.add("sequence", revision)
        event.add("dtstart", d.day)
        event.add("dtend", d.day + dt.timedelta(days=1))
        # a deadline already passed is kept, marked, with the same uid as when it was ahead:
        # a calendar that took the earlier export updates that event rather than keep it
        # unmarked beside a new one
        summary = f"{'MISSED' if d.missed else 'PASSED'}: {what}" if d.state else what
        # whose: a caseworker's calendar holds many clients' events alike (the name changes
        # no UID above, so that naming a profile later retitles its events, not doubles them)
        event.add("summary", f"{report.name}: {summary}" if report.name else summary)
        passed = (f"{sentence(d.state)}: this day had passed on "
                  f"{format_long(report.on)}. " if d.state else "")
        estimate = (f"An estimate: {d.estimate}; {check_estimate(d.day, report.on)}. "
                    if d.estimate else "")
        if d.sooner is not None and not d.state:
            estimate += (f"It may be due by {format_long(d.sooner)} instead: the rule does not "
                         "say whether the host asks it as many days before the stay ends as "
                         "for its other permits. ")
        # read alone, the event must say its day is one account's of a contested rule
        doubt = report.doubt_words(d)
        contested = f"{doubt}: another account may give another day" if doubt else ""
        event.add("description", f"{passed}{estimate}Rule: {d.rule or 'n/a'}{contested}. "
                                 "From sojourn's case report "
                                 f"of {format_long(report.on)}; check the rule's sources. "
                                 f"{NOT_ADVICE}")
        before = (earlier or {}).get(uid)
        if before is not None and before[2] == _shown(event):
            # set in place: the properties keep their order, the file its bytes
            event["dtstamp"] = icalendar.vDDDTypes(before[1])
            event["sequence"] = icalendar.vInt(before[0])
        cal.add_component(event)
    return bytes(cal.to_ical())
