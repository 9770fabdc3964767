"""An extension of stay offered beside a stay answer that falls short: a stay asked for that is
too long (`plan`), or a planned overstay (`status`), where the host grants one to the person."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sojourn.dates import format_long
from sojourn.history import History
from sojourn.permits._plan import permit_plan
from sojourn.permits._rules import permit_rules_for
from sojourn.rules.loader import Pack
from sojourn.stay import StayReport
from sojourn.words import count


def with_extension_offered(report: StayReport, history: History, pack: Pack, *,
                           citizenship: str | None = None,
                           assume: tuple[str, ...] = ()) -> StayReport:
    """``report`` with a note naming each extension of stay the host grants the person that
    `permit` plans as not failing, where the stay asked for is too long or the history plans
    an overstay: "No stay of 45 days is possible" beside an extension that gives it read as
    a reason to rebook."""
    a = report.answer
    too_long = a.length is not None and a.earliest_entry is None and bool(
        a.too_long is not None or a.too_long_limits)
    overstay_planned = any(v.first_day > a.on for v in a.violations)
    if (report.own_citizen or report.ad_hoc or report.citizenship is None
            or not (too_long or overstay_planned)):
        return report
    notes = [note for rule in permit_rules_for(pack, report.host, report.citizenship, a.on)
             if rule.permit is not None and rule.permit.kind == "extension"
             and (note := _offered(history, pack, report.host, rule.id, a.on, citizenship,
                                   assume, _short_by(report)))]
    return replace(report, notes=(*report.notes, *notes)) if notes else report


def _short_by(report: StayReport) -> tuple[str, int, int] | None:
    """The limit that allows no stay as long as the one asked for, its days in a row and the
    days asked: where one limit does (``too_long``), else None."""
    a = report.answer
    if a.too_long is None or a.length is None:
        return None
    return a.too_long.rule, a.too_long.days, a.length


def _enough(adds: int, short: tuple[str, int, int] | None) -> str:
    """Whether the days an extension adds to those the limit allows make the stay asked for
    possible: "No stay of 60 days is possible" beside "could add up to 30 days" left the
    reader to add 30 and 30 (Bali's visa on arrival, extended once)."""
    if short is None:
        return ""
    rule, days, asked = short
    verdict = "enough for" if days + adds >= asked else "short of"
    return (f" (with the {count(days, 'day')} {rule} allows, {count(days + adds, 'day')} from "
            f"an entry, {verdict} the {asked} asked)")


def _offered(history: History, pack: Pack, host: str, rule_id: str, on: dt.date,
             citizenship: str | None, assume: tuple[str, ...],
             short: tuple[str, int, int] | None = None) -> str | None:
    """The note for the extension ``rule_id``, as its plan from ``on`` gives it: None where it
    is held already for this stay, not issued, or its plan cannot work."""
    plan = permit_plan(history, pack, country=host, permit_id=rule_id, on=on,
                       citizenship=citizenship, assume=assume)
    permit = plan.rule.permit
    if (plan.held_extension is not None or permit is None or not permit.available
            or plan.feasible is False or plan.apply_on is None):
        return None
    adds = (f"could add up to {count(permit.extends_by_days, 'day')}"
            f"{_enough(permit.extends_by_days, short)}" if permit.extends_by_days
            else "could add days the pack does not count")
    # with a deadline from the stay, the last day to file; without one, the first day
    when = ("to file by" if plan.due_by is not None else "to file from")
    return (f"an extension of stay {adds}: {permit.name} ({plan.rule.id}), {when} "
            f"{format_long(plan.apply_on)}, as `sojourn permit --country {host} --permit "
            f"{plan.rule.id}` plans it")
