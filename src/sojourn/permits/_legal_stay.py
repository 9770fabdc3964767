"""The legal stay a permit plan counts back from: the stay judged by the rules alone, as if
the person stayed on, and the sooner end their planned trips give it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sojourn.engine.answer import Answer, Registration
from sojourn.history import History
from sojourn.rules.loader import Pack
from sojourn.stay import PlannedTrip, StayReport, resolve_host, stay_report


def _as_known_on(history: History, on: dt.date, members: set[str]) -> History:
    """The history without the person's plans: if a stay in the host holds ``on``, the stays
    up to the last such one, with no recorded end to it; else the stays entered by ``on``."""
    stays = list(history.stays)
    here = [i for i, s in enumerate(stays) if s.country in members and s.entry <= on <= s.until]
    if here:
        kept = [*stays[:here[-1]], replace(stays[here[-1]], exit=None)]
    else:
        kept = [s for s in stays if s.entry <= on]
    return replace(history, stays=tuple(kept))


@dataclass(frozen=True)
class LegalStay:
    """The stay from the query day judged by the rules alone (``report``), and the last day
    of it that the person's planned trips allow, when that comes sooner (``planned_end``),
    and the trip that sets that day (``planned_trip``; None where the answer names none): one
    the stay runs into, or a later stay in the host that staying longer would put over a
    limit, whose day is no exit the person plans, only the last that keeps that stay legal."""

    report: StayReport
    planned_end: dt.date | None
    planned_trip: PlannedTrip | None = None


def legal_stay(history: History, pack: Pack, *, country: str, on: dt.date,
               citizenship: str | None = None, assume: tuple[str, ...] = (),
               planned: StayReport | None = None) -> LegalStay:
    """The stay from ``on`` judged by the rules alone, as if the person stayed on whatever
    trips they plan, and the last day of the stay they are in that their planned trips allow,
    when that comes sooner (else None; None too when they are not in the host on ``on``: a
    stay entered that day would be no plan of theirs). A person away whom their planned trips
    keep out on ``on`` (no day left for a stay from it, as status says) is judged with them.
    ``planned``: the stay report of the whole history, if the caller has it already."""
    if planned is None:
        planned = stay_report(history, pack, on=on, country=country, citizenship=citizenship,
                              assume=assume)
    plan = planned.answer
    if not plan.present and plan.max_stay_days == 0:
        # kept out: the earliest day back is the plans' (or the rules')
        return LegalStay(planned, None)
    _, members, _ = resolve_host(pack, country, on)
    known = _as_known_on(history, on, {m.country for m in members})
    legal = planned if known.stays == history.stays else stay_report(
        known, pack, on=on, country=country, citizenship=citizenship, assume=assume)
    ends = legal.answer.latest_exit
    sooner = None
    if (plan.present and plan.limited_by == "planned_trip" and plan.latest_exit is not None
            and (ends is None or plan.latest_exit < ends)):
        sooner = plan.latest_exit
    return LegalStay(legal, sooner, planned.planned_trip if sooner else None)


def overstay_rule(a: Answer) -> str | None:
    """For a person over the limit on the query day: the rule the overstay under way broke on
    its first day, which ended the legal stay the day before. Not the rule binding on the
    query day: across a change of rule that one came later (Vietnam's 45 days of 15 August
    2023 for a stay entered in July under the 15 days, whose overstay began on 4 August)."""
    run = next((v for v in a.violations if v.first_day <= a.on <= v.last_day), None)
    # a run's rules are in the order its pieces begin: the first is broken on its first day
    return run.rules[0] if run and run.rules else None


def legal_stay_ended(a: Answer) -> tuple[dt.date, Registration | None]:
    """For a person over the limit on the query day (present, no day left): the last day of
    the legal stay, as status tells it (the day before the overstay under way began, or the
    registration deadline the stay passed unregistered), and that registration, if it was one."""
    run = next((v for v in a.violations if v.first_day <= a.on <= v.last_day), None)
    ends = run.first_day - dt.timedelta(days=1) if run else a.on - dt.timedelta(days=1)
    if a.limited_by == "registration" and a.register_by and a.register_by.by <= ends:
        return a.register_by.by, a.register_by
    return ends, None


def unlimited_by(report: StayReport) -> str | None:
    """For a stay no rule limits (no end, none unknown): the stay rule in force on the query
    day that sets no limit. The stay's having no end rests on it as a day rests on the rule
    that sets it, and on the account of it assumed where it is contested: another account
    may set an end (uz-stay-no-limit-2020's uz-seed-60-days, 60 days per entry), and a plan
    with "no deadline from your stay" must say which it assumed. None where a limit applies,
    where the end is unknown, for the host's citizen, and for an ad-hoc regime."""
    a = report.answer
    if a.max_stay_days is not None or a.unknown or report.own_citizen or report.ad_hoc:
        return None
    return next((r.id for r in report.rules if r.rule.topic == "stay" and r.in_force(a.on)
                 and not r.constraints), None)


def legal_end_rule(a: Answer) -> str | None:
    """The rule that sets the last day of the legal stay ``a`` gives: the registration the
    stay would go on unregistered past, where it ends the stay (registering moves the day),
    else the binding limit. A day counted back from that last day (a permit's filing day)
    rests on that rule too, and on the account of it assumed where it is contested. For a
    person over the limit, the rule the overstay under way broke (overstay_rule), not the one
    binding on the query day, which across a change of rule came later."""
    if a.limited_by == "registration" and a.register_by is not None:
        return a.register_by.rule
    if a.latest_exit is None and a.present and a.max_stay_days == 0:
        return overstay_rule(a) or a.binding
    return a.binding
