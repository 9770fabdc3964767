"""The residence permits a profile holds, in any host, that end on or after a day: the day to
renew each by, and, where the pack's rule for such a permit says how long before the end to
file, the last working day to file the renewal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sojourn.history import History
from sojourn.permits._estimates import Estimate, working_days_estimate
from sojourn.permits._filing import filing_deadline
from sojourn.rules.loader import Pack
from sojourn.rules.select import Applied, select
from sojourn.stay import working_calendar

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
