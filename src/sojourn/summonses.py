"""What the profile records that a state's exit rules keep its citizen in for, told to the
person wherever he is: a military summons, or a restriction on leaving placed by a court, an
investigator or a bailiff. Away from that state, that its border keeps him in once he
returns; in it, until when (for a summons, the day he is called to report, where the
profile records it, and what the pack knows of not reporting). The refusal itself, in that
state, is the exit rules' (entry.with_exit)."""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field

from sojourn.countries import country_name
from sojourn.dates import format_long
from sojourn.history import History
from sojourn.history.models import ExitRestrictionIn
from sojourn.rules.coverage import SINCE as PACK_PERIOD_FROM
from sojourn.rules.loader import Pack
from sojourn.rules.select import Applied, Assumption, apply, select
from sojourn.words import contested_account, listed


@dataclass(frozen=True)
class KeptInNotice(ABC):
    """Something of ``state``'s the profile records by the day that an exit rule of that state
    (``rule``) keeps its citizen in for, from ``bars_from``; ``inside``: the history has the
    person in ``state`` at the end of the day. Each kind says what it is and how long it
    holds; the notices are worded here, once for every kind."""

    state: str
    # the exit rule as applied: an answer telling the notice names it, so relies on it and
    # lists it with its sources and how current they are (StayReport.relying_also_on)
    rule: Applied
    bars_from: dt.date
    inside: bool
    # the account of the rule ``bars_from`` was told under, where another account of it
    # starts the ban on another day (account_if_it_moves); None elsewhere
    account: MovedBy | None = field(default=None, kw_only=True)
    # the account of the exit rule, where it is contested, that the answer telling the notice
    # relies on (StayReport.relying_also_on), whether or not it moves the ban's first day
    assumed: Assumption | None = field(default=None, kw_only=True)

    @property
    def exit_rule(self) -> str:
        """The id of the exit rule that keeps the person in, as the notices name it."""
        return self.rule.id

    @property
    def named_rule(self) -> str:
        """The exit rule's id as the notices name it, with the account of it assumed where
        another account starts the ban on another day."""
        return self.exit_rule + account_words(self.account)

    @property
    @abstractmethod
    def recorded(self) -> str:
        """What the profile records, as a notice abroad names it: "a summons from ..."."""

    @property
    @abstractmethod
    def holds(self) -> str:
        """How long the border keeps the person in: "while the summons stands, from ..."."""

    @property
    @abstractmethod
    def held(self) -> str:
        """What the profile records, as a notice in ``state`` names it after "your"."""

    @property
    @abstractmethod
    def kept_until(self) -> str:
        """Until when, in ``state``, the border keeps the person in: "until you report"."""

    @property
    def unsaid(self) -> str:
        """What the pack does not say of it, told after the rule ("" for nothing)."""
        return ""

    @property
    def abroad(self) -> str:
        """The notice to a person away from ``state``: returning, he is kept in."""
        name = country_name(self.state)
        return (f"you record {self.recorded}: should you return to {name}, its border will not "
                f"let you leave again {self.holds} ({self.named_rule}){self.unsaid}")

    @property
    def at_home(self) -> str:
        """The notice to a person in ``state``: until when he is kept in."""
        return (f"your {self.held}; {self.kept_until}, its border will not let you leave "
                f"({self.named_rule}){self.unsaid}")


@dataclass(frozen=True)
class SummonsNotice(KeptInNotice):
    """A summons of ``state``'s the profile records by the day, which the exit rule keeps its
    citizen in for while it stands: from ``bars_from``, which is ``dated_from`` (the day the
    summons's own dates give) unless the exit rule came into force later."""

    placed_on: dt.date | None
    served_on: dt.date | None
    report_on: dt.date | None
    dated_from: dt.date
    # the day the notice is told on: a summons received by then whose ban begins later (counted
    # from service, seven days after its placement) lets the person out until that day
    on: dt.date = field(kw_only=True)

    @property
    def received(self) -> str:
        """"placed in the register of summonses on 20 November 2026", as the profile dates
        it."""
        return listed([*([f"placed in the register of summonses on "
                          f"{format_long(self.placed_on)}"] if self.placed_on else []),
                       *([f"served on {format_long(self.served_on)}"]
                         if self.served_on else [])])

    @property
    def not_reporting(self) -> str:
        """What the pack knows of not reporting: no rule of it encodes what that brings (the
        exit rule's note says so), and none is guessed."""
        return "what not reporting on it brings, the rule pack does not say"

    @property
    def recorded(self) -> str:
        return f"a summons from {country_name(self.state)}, {self.received}"

    @property
    def holds(self) -> str:
        first = ban_counted_from(self.bars_from, self.dated_from, "your summons")
        return f"while the summons stands, from {first}"

    @property
    def held(self) -> str:
        # the day to report, where the profile gives none (a day given is a deadline of its own)
        day = ("" if self.report_on else
               ": the profile gives no day to report (add it as report_on)")
        return f"summons from {country_name(self.state)}, {self.received}{day}"

    @property
    def kept_until(self) -> str:
        # "until you report" alone told a man whom the account assumed lets out for a few more
        # days that he was kept in already
        begins = (f"from {ban_counted_from(self.bars_from, self.dated_from, 'your summons')} "
                  if self.bars_from > self.on else "")
        return f"{begins}until you report"

    @property
    def unsaid(self) -> str:
        return f"; {self.not_reporting}"


@dataclass(frozen=True)
class MovedBy:
    """The account of a contested exit rule a ban's first day was told under (``assumed``, a
    variant name as --assume takes it), where another account starts the ban on another day;
    ``others``: each other account's name and its first day (None: that account makes no
    such ban), in the rule's order. The text and the JSON tell the same account from it."""

    assumed: str
    others: tuple[tuple[str, dt.date | None], ...]

    @property
    def words(self) -> str:
        """"; contested, assumed 'summons-bars-exit-from-placement' (other accounts: --assume
        summons-bars-exit-from-service)", as report's deadlines name it
        (words.contested_account), after the rule's id."""
        return "; " + contested_account(self.assumed, [name for name, _ in self.others])


def account_if_it_moves(rule: Applied, day: Callable[[Applied], dt.date | None]
                        ) -> MovedBy | None:
    """The account of ``rule`` a line telling ``day`` (of ``rule`` as applied: the first day
    of a ban) assumed, with the others' days, where another account gives another day. None
    for a rule with no other account, or where every other gives the same day: the day is
    then no account's, and naming one would read as a doubt."""
    if rule.variant is None:
        return None
    others = tuple((v.name, day(apply(rule.rule, v)))
                   for v in rule.rule.variants if v.name != rule.variant.name)
    if all(other == day(rule) for _, other in others):
        return None
    return MovedBy(rule.variant.name, others)


def account_words(moved: MovedBy | None) -> str:
    """The words naming the account a ban's first day rests on, after the rule's id; "" where
    no other account moves the day (account_if_it_moves)."""
    return moved.words if moved else ""


def summons_ban_from(placed_on: dt.date | None, served_on: dt.date | None
                     ) -> Callable[[Applied], dt.date | None]:
    """The first day of the ban an exit rule, as applied, makes of a summons placed and
    served on those days (None: the rule makes no summons ban)."""
    def first(rule: Applied) -> dt.date | None:
        ban = rule.summons
        return None if ban is None else ban.first_day(placed_on, served_on, ban_rule_from(rule))
    return first


def ban_rule_from(rule: Applied) -> dt.date:
    """The day from which ``rule``, an exit rule, makes its ban hold: its first day, where it
    is the day a law came into force (the register of summonses: 1 November 2024); no bound
    (``dt.date.min``) where its first day is only the start of the period the pack covers,
    the day a rule is given whose law stood before (docs/rule-pack.md): a ban the profile
    dates earlier (a restriction placed in 2021) holds from its own day, which the pack,
    judging no day before its period, does not make 2022."""
    return dt.date.min if rule.valid_from <= PACK_PERIOD_FROM else rule.valid_from


def ban_counted_from(bars_from: dt.date, dated_from: dt.date, recorded: str) -> str:
    """"1 November 2024": the first day a ban holds, with why where it is not the day
    ``recorded`` (what the profile records: "your summons") gives by its own dates
    (``dated_from``): the exit rule that makes the ban came into force after it, and no ban
    holds before its rule (a summons recorded as placed in a register before the rule on that
    register began keeps no one in before then; ban_rule_from); or, where it is the day
    recorded though before the pack's period, that the pack judges no day before it (it does
    not say the ban began then). Said once, wherever the ban's first day is told."""
    if bars_from > dated_from:
        return (f"{format_long(bars_from)}, the day the rule making the ban came into force: "
                f"{recorded} is dated earlier")
    if bars_from < PACK_PERIOD_FROM:
        return (f"{format_long(bars_from)} as you record it (the rule pack judges no day "
                f"before {format_long(PACK_PERIOD_FROM)}, the start of the period it covers)")
    return format_long(bars_from)


_PLACED_BY = {"court": "a court", "investigator": "an investigator", "bailiff": "a bailiff",
              "other": "an authority"}


def restriction_placed(by: str, note: str | None) -> str:
    """"placed by a court (its note)": who placed a restriction on leaving, as the exit
    rules' refusal and the notices name it."""
    return f"placed by {_PLACED_BY[by]}" + (f" ({note})" if note else "")


def restriction_bars_from(since: dt.date, rule: Applied) -> dt.date:
    """The first day a restriction on leaving recorded from ``since`` keeps the person in
    under the exit rule ``rule``: no earlier than the rule makes its ban hold
    (ban_rule_from)."""
    return max(since, ban_rule_from(rule))


def restriction_ban_from(since: dt.date) -> Callable[[Applied], dt.date | None]:
    """The first day of the ban an exit rule, as applied, makes of a restriction on leaving
    recorded from ``since`` (None: the rule makes no restriction ban), as summons_ban_from
    gives a summons's: what account_if_it_moves compares between accounts."""
    def first(rule: Applied) -> dt.date | None:
        return None if rule.restriction is None else restriction_bars_from(since, rule)
    return first


def restriction_runs(since: dt.date, until: dt.date | None, rule: Applied) -> str:
    """"from 1 March 2026 to 1 March 2027", or ", with no end recorded": when a restriction
    on leaving recorded from ``since`` runs under the exit rule ``rule`` (from its first day
    the ban holds, ban_counted_from), as the exit rules' refusal and the notices say it."""
    first = ban_counted_from(restriction_bars_from(since, rule), since, "your restriction")
    return (f"from {first}"
            + (f" to {format_long(until)}" if until else ", with no end recorded"))


@dataclass(frozen=True)
class RestrictionNotice(KeptInNotice):
    """A restriction on leaving ``state`` the profile records, running on the day, which the
    exit rule keeps its citizen in for while it runs: from ``bars_from`` (its first day, which
    is ``since``, the profile's, unless the exit rule came into force later) to ``until``
    (None: no end recorded)."""

    by: str  # court, investigator, bailiff or other, as the profile gives it
    until: dt.date | None
    note: str | None
    since: dt.date

    @property
    def placed(self) -> str:
        return restriction_placed(self.by, self.note)

    @property
    def runs(self) -> str:
        return restriction_runs(self.since, self.until, self.rule)

    @property
    def recorded(self) -> str:
        return f"a restriction on leaving {country_name(self.state)} {self.placed}"

    @property
    def holds(self) -> str:
        return f"while it runs, {self.runs}"

    @property
    def held(self) -> str:
        return f"restriction on leaving {country_name(self.state)}, {self.placed}, {self.runs}"

    @property
    def kept_until(self) -> str:
        return "while it runs"


def kept_in_notices(history: History, pack: Pack, on: dt.date, assume: tuple[str, ...] = ()
                    ) -> tuple[KeptInNotice, ...]:
    """Every notice of what the profile of ``history`` records by ``on`` that an exit rule
    in force then keeps the person in for: its summonses, then its restrictions on leaving."""
    return (*summons_notices(history, pack, on, assume),
            *restriction_notices(history, pack, on, assume))


def _exit_rule(pack: Pack, state: str, on: dt.date, assume: tuple[str, ...],
               keeps_in: Callable[[Applied], object]
               ) -> tuple[Applied | None, Assumption | None]:
    """``state``'s exit rule in force on ``on`` whose ``keeps_in`` (its summons or its
    restriction ban) is set, with the account of it assumed where it is contested; None for
    no such rule."""
    applied, assumptions = select(pack, state, state, assume, topics=("exit",))
    rule = next((a for a in applied if a.in_force(on) and keeps_in(a) is not None), None)
    return rule, next((x for x in assumptions if rule and x.rule == rule.id), None)


def restriction_notices(history: History, pack: Pack, on: dt.date,
                        assume: tuple[str, ...] = ()) -> tuple[RestrictionNotice, ...]:
    """The restrictions on leaving the profile of ``history`` records, running on ``on``,
    that an exit rule of the state they restrict leaving, in force on ``on``, keeps its
    citizen in for; one of a state the person is no citizen of, or no rule speaks of, is left
    unsaid, as a summons is."""
    profile = history.profile
    if profile is None:
        return ()
    citizens = {c.upper() for c in history.citizenships}
    here = history.ends_day_in(on)
    out = []
    for restriction in profile.exit_restrictions:
        if not _restricts(restriction, citizens, on):
            continue
        rule, assumed = _exit_rule(pack, restriction.country, on, assume,
                                   lambda a: a.restriction)
        if rule is None:
            continue
        bars_from = restriction_bars_from(restriction.since, rule)
        moved = account_if_it_moves(rule, restriction_ban_from(restriction.since))
        out.append(RestrictionNotice(restriction.country, rule, bars_from,
                                     restriction.country == here, restriction.by,
                                     restriction.until, restriction.note, restriction.since,
                                     account=moved, assumed=assumed))
    return tuple(out)


def _restricts(restriction: ExitRestrictionIn, citizens: set[str], on: dt.date) -> bool:
    """Whether ``restriction`` runs on ``on`` and restricts a state the person is a citizen
    of: one recorded from a later day is none on it, as a summons received later."""
    return restriction.runs_on(on) and restriction.country in citizens


def summons_notices(history: History, pack: Pack, on: dt.date, assume: tuple[str, ...] = ()
                    ) -> tuple[SummonsNotice, ...]:
    """The summonses the profile of ``history`` records by ``on`` that an exit rule of the
    state that sent them, in force on ``on``, keeps its citizen in for; a summons no rule
    speaks of, or of a state the person is no citizen of, is left unsaid (the pack knows
    nothing of it)."""
    profile = history.profile
    if profile is None:
        return ()
    citizens = {c.upper() for c in history.citizenships}
    here = history.ends_day_in(on)
    out = []
    for summons in profile.summonses:
        got = min(d for d in (summons.placed_on, summons.served_on) if d is not None)
        # a summons received after the day is none on it, as a charge for a later act
        if got > on or summons.country not in citizens:
            continue
        rule, assumed = _exit_rule(pack, summons.country, on, assume, lambda a: a.summons)
        if rule is None or rule.summons is None:
            continue
        ban_from = summons_ban_from(summons.placed_on, summons.served_on)
        bars_from = ban_from(rule)
        dated_from = rule.summons.dated_from(summons.placed_on, summons.served_on)
        # a summons is dated by one of the two at least
        assert bars_from is not None and dated_from is not None
        out.append(SummonsNotice(summons.country, rule, bars_from, summons.country == here,
                                 summons.placed_on, summons.served_on, summons.report_on,
                                 dated_from, account=account_if_it_moves(rule, ban_from),
                                 assumed=assumed, on=on))
    return tuple(out)
