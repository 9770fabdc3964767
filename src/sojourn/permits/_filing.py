"""The filing day of a permit plan, and the rule of the permit it falls under: counted back from
the end of the legal stay, or forward from the first day every step allows, and moved on to the
first day the pack knows the permit from, or to a dated successor of the rule."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sojourn.dates import WorkingCalendar, format_long
from sojourn.engine.answer import Answer, Registration
from sojourn.history import History
from sojourn.permits._estimates import Estimate
from sojourn.permits._held import ready_on
from sojourn.permits._legal_stay import legal_stay_ended
from sojourn.permits._rules import first_known, in_force_on, version_count
from sojourn.rules.loader import Pack
from sojourn.rules.schema import Rule
from sojourn.rules.select import Applied, Assumption, applied_as
from sojourn.rules.topics import Permit
from sojourn.stay import working_calendar
from sojourn.words import in_force, listed


@dataclass(frozen=True)
class StayEnd:
    """The end of the legal stay the plan counts back from, as the stay's answer on the query
    day gives it."""

    ends: dt.date | None  # None: no limit (no deadline from the stay), or no stay to file from
    shut: bool  # no stay may be had on the query day
    over: bool  # shut while in the host: over the limit, the legal stay ended already
    unregistered: Registration | None  # over because this registration's deadline passed
    # kept out: no filing before the earliest day back (if any), from a stay then
    back: dt.date | None


def stay_end(answer: Answer) -> StayEnd:
    """The end of the legal stay that ``answer`` gives, the day to count the plan back from."""
    ends = answer.latest_exit
    if answer.max_stay_days is None and answer.unknown is None:
        ends = None  # no limit: no deadline from the stay
    shut = answer.max_stay_days == 0
    over = shut and answer.present
    unregistered = None
    if over:
        ends, unregistered = legal_stay_ended(answer)
    elif shut:  # away, and no stay may begin on the query day: there is none to file from
        ends = None
    back = answer.earliest_entry if shut and not over else None
    return StayEnd(ends, shut, over, unregistered, back)


@dataclass(frozen=True)
class Offices:
    """Whose working days the plan counts: the host's offices', and the issuing state's for a
    document from the person's own state."""

    issuers: dict[str, str]  # "host" and "citizenship" as codes
    office: WorkingCalendar
    home: WorkingCalendar


def issuing_offices(host: str, citizenship: str | None, pack: Pack) -> Offices:
    issuers = {"host": host, **({"citizenship": citizenship} if citizenship else {})}
    return Offices(issuers, working_calendar(host, pack),
                   working_calendar(issuers.get("citizenship"), pack))


@dataclass(frozen=True)
class Filing:
    """The filing day of the plan and the permit's rule that the steps follow."""

    # the rule the plan ended on: the one asked for, or a dated successor in force on the
    # filing day; ``applied`` is the rule the steps follow, as applied under ``assumptions``
    rule: Rule
    applied: Applied
    assumptions: tuple[Assumption, ...]
    permit: Permit
    opens: dt.date  # the first day the pack knows the permit from
    opened: dt.date | None  # ``opens``, when the filing day was moved on to it
    due: dt.date | None  # the day counted back to from the end of the legal stay
    deadline: dt.date | None  # the last working day to file by ``due``
    counted: dt.date | None  # the day counted to, before the move to a working day
    file_on: dt.date
    ready_estimate: Estimate  # why ``counted`` is an estimate, counted forward to


@dataclass(frozen=True)
class _Counted:
    """The filing day counted under one version of the permit's rules: ``rule``, as applied
    under the assumptions, with the documents and days before the stay ends it gives."""

    rule: Rule
    applied: Applied
    assumptions: tuple[Assumption, ...]
    permit: Permit
    opened: dt.date | None
    due: dt.date | None
    deadline: dt.date | None
    counted: dt.date | None
    file_on: dt.date
    ready_estimate: Estimate


def decide_filing(history: History, pack: Pack, rule: Rule, citizenship: str,
                  assume: tuple[str, ...], on: dt.date, apply_on: dt.date | None, end: StayEnd,
                  offices: Offices, notes: list[str]) -> Filing:
    """The filing day, and the rule of the permit the steps follow on it: ``rule``, or its
    dated successor in force then. Why the day or the rule moved is added to ``notes``."""
    opens, opens_by = first_known(pack, rule, citizenship)
    tried: dict[str, _Counted] = {}
    # A day counted under one version of the permit's rules may fall under another, whose
    # documents and days before the stay ends move it again, perhaps under a third: the day
    # and the documents must come from the one version in force on it, so the plan follows
    # the versions to a fixed point. Each move is to a version not tried yet (one tried
    # again is a cycle, settled apart), so there are at most as many moves as versions.
    for _ in range(version_count(pack, rule, citizenship)):
        now = _count_under(rule, history, pack, assume, on, apply_on, end, offices, opens, opens_by,
                           notes)
        tried[rule.id] = now
        successor = in_force_on(pack, rule, now.file_on, citizenship)
        if successor is None:
            notes.append(_no_rule_in_force(rule, now.applied, now.file_on))
            break
        if successor.id == rule.id:
            break
        # whether the successor records the permit refused is its account's word, under the
        # account assumed of a contested one (tr-permit-short-term-2023's)
        last = _last_day_before_refusal(now.applied, now.permit, applied_as(successor, assume)[0],
                                        apply_on, on, now.file_on, offices.office)
        if last is not None:
            notes.append(f"{successor.id} records this permit refused from "
                         f"{format_long(successor.valid_from)}, so the application is due "
                         f"before that day")
            now = replace(now, deadline=last, file_on=last, due=now.applied.valid_to,
                          counted=now.applied.valid_to)
            break
        notes.append(f"{rule.id} is not in force on {format_long(now.file_on)}; "
                     f"{successor.id} is")
        if successor.id in tried:
            now = _settle_cycle(tuple(tried.values()), history, pack, on, apply_on, offices, notes)
            break
        rule = successor
    else:
        raise AssertionError(f"the filing day of {rule.id} moved through more versions than "
                             f"the pack has")
    return Filing(now.rule, now.applied, now.assumptions, now.permit, opens, now.opened,
                  now.due, now.deadline, now.counted, now.file_on, now.ready_estimate)


def _count_under(rule: Rule, history: History, pack: Pack, assume: tuple[str, ...], on: dt.date,
                 apply_on: dt.date | None, end: StayEnd, offices: Offices, opens: dt.date,
                 opens_by: str, notes: list[str]) -> _Counted:
    """The filing day counted under ``rule``, the permit first known from ``opens`` (by the
    rule ``opens_by``): the day asked for, the deadline, or the first day every step allows,
    and no earlier than ``opens``."""
    applied, assumed = applied_as(rule, assume)
    assumptions = () if assumed is None else (assumed,)
    permit = applied.permit
    assert permit is not None  # the schema requires it under topic permit
    due, deadline = filing_deadline(end.ends, permit, offices.office)
    counted, file_on, ready_estimate = _first_filing_day(history, pack, permit, on, apply_on,
                                                         due, deadline, end.back, offices)
    opened: dt.date | None = None  # the filing day was moved on to ``opens``
    if file_on < opens:
        # No rule of the pack says what the permit asked for before then (it may not have
        # existed): a plan under a rule not yet in force would guess, so none is filed
        # before its first day, and a deadline before that day cannot be met.
        counted, file_on, ready_estimate = _filing_day_from(opens, history, pack, permit, on,
                                                            apply_on, deadline, offices)
        opened = opens
        why_later = (f"the pack knows {permit.name} only from {format_long(opens)} "
                     f"({opens_by}), so the plan files no earlier")
        if why_later not in notes:  # counted again under another version, it comes here too
            notes.append(why_later)
    return _Counted(rule, applied, assumptions, permit, opened, due, deadline, counted,
                    file_on, ready_estimate)


def _settle_cycle(tried: tuple[_Counted, ...], history: History, pack: Pack, on: dt.date,
                  apply_on: dt.date | None, offices: Offices, notes: list[str]) -> _Counted:
    """The filing when the versions ``tried`` put it under one another in turn, none under
    itself: a day asked for is the same under every version, so only a deadline or the first
    day every step allows can. By a deadline, filing earlier is in time too: the plan files
    by the last working day of the latest version whose own deadline comes after it ends.
    By the first day the steps allow, filing later is possible too: it files from the first
    day of the earliest version whose steps allow a day before it begins."""
    assert apply_on is None  # a day asked for falls under one version, whatever counts it
    ids = [t.rule.id for t in tried]
    by_deadline = [t for t in tried if t.deadline is not None
                   and t.rule.valid_to is not None and t.file_on > t.rule.valid_to]
    if by_deadline:
        chosen = max(by_deadline, key=lambda t: t.rule.valid_from)
        assert chosen.rule.valid_to is not None
        last = offices.office.working_day_by(chosen.rule.valid_to)
        notes.append(f"counted by each of {listed(ids)}, the application falls due when "
                     f"another of them is in force; {chosen.rule.id}, in force to "
                     f"{format_long(chosen.rule.valid_to)}, has it due later, so it is due by "
                     f"{format_long(last)}, under {chosen.rule.id}")
        return replace(chosen, deadline=last, file_on=last, due=chosen.rule.valid_to,
                       counted=chosen.rule.valid_to)
    chosen = min((t for t in tried if t.file_on < t.rule.valid_from),
                 key=lambda t: t.rule.valid_from)
    counted, file_on, ready_estimate = _filing_day_from(chosen.rule.valid_from, history,
                                                        pack, chosen.permit, on, apply_on, None,
                                                        offices)
    notes.append(f"counted by each of {listed(ids)}, the first day to file falls when another "
                 f"of them is in force; every step {chosen.rule.id} asks for can be done "
                 f"before it comes into force, so the plan files from "
                 f"{format_long(file_on)}, under it")
    return replace(chosen, counted=counted, file_on=file_on, ready_estimate=ready_estimate)


def filing_deadline(ends: dt.date | None, permit: Permit, office: WorkingCalendar
              ) -> tuple[dt.date | None, dt.date | None]:
    """The day the application is due, the days the host asks for before the legal stay
    ``ends``, and the last working day to file by it; None for both with no end."""
    before = permit.apply_days_before_stay_ends or 0
    # A day counted to is a working day of the host's offices, or the one before it.
    due = ends - dt.timedelta(days=before) if ends else None
    deadline = office.working_day_by(due) if due else None
    return due, deadline


def _first_filing_day(history: History, pack: Pack, permit: Permit, on: dt.date,
                      apply_on: dt.date | None, due: dt.date | None, deadline: dt.date | None,
                      back: dt.date | None, offices: Offices
                      ) -> tuple[dt.date | None, dt.date, Estimate]:
    """The day counted to, the filing day and why the day counted is an estimate: the first
    day the person can file on or after the one asked for (``apply_on``), else the deadline,
    else, with no deadline, the first working day every step begun today allows (from the
    day back, for a person kept out)."""
    if apply_on is not None:
        return apply_on, offices.office.working_day_from(apply_on), ()
    if deadline is not None:
        return due, deadline, ()
    return ready_on(history, pack, permit.requirements, on, back or on, offices.issuers,
                    offices.office, offices.home)


def _filing_day_from(opens: dt.date, history: History, pack: Pack, permit: Permit, on: dt.date,
                     apply_on: dt.date | None, deadline: dt.date | None, offices: Offices
                     ) -> tuple[dt.date, dt.date, Estimate]:
    """The filing day moved on to ``opens``, the first day the pack knows the permit from, as
    ``_first_filing_day`` gives it: with no day asked for and no deadline, the first working
    day from then that every step allows; else the first working day from then."""
    if apply_on is None and deadline is None:
        return ready_on(history, pack, permit.requirements, on, opens, offices.issuers,
                        offices.office, offices.home)
    return opens, offices.office.working_day_from(opens), ()


def _no_rule_in_force(rule: Rule, applied: Applied, file_on: dt.date) -> str:
    """The note of a filing day in a gap between the rules of a permit."""
    # A last_seen end is the latest extension reported, not a known end: the rule may still
    # hold, so the note says the pack does not know it then.
    known = "known to be " if applied.last_seen else ""
    span = in_force(applied.valid_from, applied.valid_to, last_seen=applied.last_seen)
    return (f"no rule of the pack for this permit is {known}in force on "
            f"{format_long(file_on)}: {rule.id} is {span}; what it needs then is unknown")


def _last_day_before_refusal(applied: Applied, permit: Permit, successor: Applied,
                             apply_on: dt.date | None, on: dt.date, file_on: dt.date,
                             office: WorkingCalendar) -> dt.date | None:
    """The last working day under ``applied`` when its ``successor``, in force on the filing
    day, records the permit refused: the application is due by then, not on the last day of
    the stay, when no plan could work. None for a day asked for, or one passed on ``on``."""
    last = (office.working_day_by(applied.valid_to)
            if applied.valid_to is not None and applied.valid_to < file_on else None)
    if (apply_on is None and permit.available and last is not None and last >= on
            and successor.permit is not None and not successor.permit.available):
        return last
    return None
