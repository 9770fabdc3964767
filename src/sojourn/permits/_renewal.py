"""The residence permits a profile holds, in any host, that end on or after a day: the day to
renew each by, and, where the pack's rule for such a permit says how long before the end to
file, the last working day to file the renewal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sojourn.countries import country_name
from sojourn.dates import format_long
from sojourn.history import History
from sojourn.permits._estimates import Estimate, working_days_estimate
from sojourn.permits._filing import filing_deadline
from sojourn.rules.loader import Pack
from sojourn.rules.select import Applied, select
from sojourn.stay import working_calendar
from sojourn.words import count, permit_name

# A profile's residence permits by kind, and the kinds of the pack's permit rules each may be
# renewed under. An extension of stay or a long-stay visa is no residence permit to renew:
# the legal stay's own last day takes in its days.
_RULE_KINDS = {
    "temporary_residence": ("temporary",),
    "permanent_residence": ("permanent",),
    "residence_permit": ("temporary", "permanent", "other"),
}


@dataclass(frozen=True)
class HeldPermitEnd:
    """A residence permit the profile holds (``kind``, from ``valid_from``) that ends on
    ``last_day``; ``file_by`` the last working day to file its renewal, counted back
    ``days_before`` days as the pack's ``rule`` for such a permit asks, else None."""

    kind: str
    country: str
    valid_from: dt.date
    last_day: dt.date
    file_by: dt.date | None = None
    days_before: int | None = None
    rule: str | None = None
    estimate: Estimate = ()  # why ``file_by`` is an estimate (``Step.estimate``)


def held_permit_ends(history: History, pack: Pack, citizenship: str, on: dt.date,
                     assume: tuple[str, ...] = ()) -> tuple[HeldPermitEnd, ...]:
    """The residence permits the profile holds, for any host, whose last day is ``on`` or
    later, each with the day to file its renewal where that host's pack rules know one, under
    the variants ``assume`` names. Any host, not only the one the person is in: a relocant
    back home on a visit still has their permit abroad to renew, and its end is no less due."""
    profile = history.profile
    held = [HeldPermitEnd(p.kind, p.country, p.valid_from, p.valid_to)
            for p in (profile.permits if profile else ())
            if p.kind in _RULE_KINDS and p.valid_to is not None and on <= p.valid_to]
    rules: dict[str, list[Applied]] = {}  # each host's permit rules, selected once
    for h in held:
        if h.country not in rules:
            rules[h.country] = select(pack, h.country, citizenship, assume,
                                      topics=("permit",))[0]
    return tuple(_with_renewal(h, rules[h.country], pack) for h in held)


def _with_renewal(held: HeldPermitEnd, rules: list[Applied], pack: Pack) -> HeldPermitEnd:
    """``held`` with its renewal's last day to file: the days before the end of the stay that
    the host's permit ``rules`` for such a permit in force on its last day ask an application
    by (``apply_days_before_stay_ends``: the end of a stay on a permit is the permit's end,
    and Armenia's and Azerbaijan's sources say a renewal is filed as a first permit is), when
    they agree on one; else as it is."""
    kinds = _RULE_KINDS[held.kind]
    asking = [r for r in rules
              if r.permit is not None and r.permit.available and r.permit.kind in kinds
              and r.in_force(held.last_day) and r.permit.apply_days_before_stay_ends is not None]
    days = {r.permit.apply_days_before_stay_ends for r in asking if r.permit is not None}
    if len(days) != 1:
        return held  # none known, or rules that disagree: no day to file by is given
    permit = asking[0].permit
    assert permit is not None and permit.apply_days_before_stay_ends is not None
    office = working_calendar(held.country, pack)
    counted, file_by = filing_deadline(held.last_day, permit, office)
    assert counted is not None and file_by is not None  # counted back from a day
    return replace(held, file_by=file_by, days_before=permit.apply_days_before_stay_ends,
                   rule=asking[0].id,
                   estimate=working_days_estimate(file_by, counted if counted != file_by
                                                  else None, office))


def held_of_kind(history: History, pack: Pack, citizenship: str, on: dt.date, host: str,
                 kind: str) -> HeldPermitEnd | None:
    """The residence permit the profile holds in ``host``, ending on ``on`` or later, that a
    permit rule of ``kind`` renews (``_RULE_KINDS``), with its renewal's day to file: a plan
    for such a permit is one for applying anew, beside the renewal of the one held."""
    return next((h for h in held_permit_ends(history, pack, citizenship, on)
                 if h.country == host and kind in _RULE_KINDS[h.kind]), None)


def applying_anew(held: HeldPermitEnd, on: dt.date) -> str:
    """How a plan for a permit of the kind ``held`` relates to renewing it: two routes, not
    two permits. "you hold a temporary residence permit in Armenia, which ends on 29 February
    2024: to keep it, file its renewal by 30 January 2024 (30 days before, as
    am-permit-temporary asks); this plan is for a new one applied for if it is not renewed,
    from the stay after it ends, counted as a visitor's"."""
    where = country_name(held.country)
    text = (f"you hold a {permit_name(held.kind)} in {where}, which ends on "
            f"{format_long(held.last_day)}: ")
    if held.file_by is None:
        text += (f"to keep it, renew it by {format_long(held.last_day)} (the pack gives no "
                 "time to file the renewal by)")
    else:
        assert held.days_before is not None
        due = "file its renewal by" if held.file_by >= on else "its renewal was to be filed by"
        text += (f"to keep it, {due} {format_long(held.file_by)} "
                 f"({count(held.days_before, 'day')} before, as {held.rule} asks)")
    return (text + "; this plan is for a new one applied for if it is not renewed, from the "
            "stay after it ends, counted as a visitor's")
