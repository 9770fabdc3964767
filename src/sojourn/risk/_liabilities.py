"""Criminal liability, under each citizenship held, for service in a foreign army."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sojourn.countries import country_name, possessive
from sojourn.dates import format_long
from sojourn.history import History
from sojourn.history.models import ServiceIn
from sojourn.rules.loader import Pack
from sojourn.rules.select import Applied, Assumption, select
from sojourn.words import listed


@dataclass(frozen=True)
class LiabilityView:
    """What the pack knows of a citizenship's criminal liability for service abroad: one of
    its rules, or, where the person records such service and the pack has no rule in force
    on the day, that it has none (``rule`` and ``applies`` None: not known, not "none")."""
    country: str
    rule: Applied | None
    applies: bool | None
    reason: str


def liability_views(history: History, pack: Pack, held: Sequence[str], on: dt.date,
                 assume: tuple[str, ...]
                 ) -> tuple[tuple[LiabilityView, ...], list[Assumption]]:
    """Criminal liability, under each citizenship held, for fighting in a foreign army."""
    person = history.profile.person if history.profile else None
    service = list(person.service) if person else []
    out = []
    assumed: list[Assumption] = []
    for own in held:
        applied, assumptions = select(pack, own, own, assume, topics=("liability",))
        assumed += assumptions
        # service from its start on: before ``since`` nothing is yet recorded
        abroad = [s for s in service if s.country != own and (s.since is None or s.since <= on)]
        in_force = [a for a in applied if a.in_force(on)]
        if abroad and not in_force:
            # a Russian volunteer in a Ukrainian unit read "low" with no word of his service:
            # the pack holding no rule on it is no sign that none applies
            day = f" in force on {format_long(on)}" if applied else ""
            out.append(LiabilityView(
                own, None, None,
                f"you record {_service_words(abroad)}; the rule pack has no rule{day} on "
                f"{possessive(country_name(own))} criminal liability for it, and the level weighs "
                "only the charges the profile records (`charges`)"))
        for rule in in_force:
            applies = bool(abroad)
            why = (f"you record {_service_words(abroad)}; whether the article "
                   "reaches your case is for a court" if applies else
                   "it would apply if you served in a foreign army; the profile records none "
                   f"as of {format_long(on)}" if history.profile is not None else
                   "it would apply if you served in a foreign army; a CSV history records no "
                   "military service (give it as `service` in a YAML or JSON profile)")
            out.append(LiabilityView(own, rule, applies, why))
    return tuple(out), assumed


def _service_words(service: Sequence[ServiceIn]) -> str:
    """The service recorded abroad, each with its first day where the profile gives one:
    "service in the armed forces of Ukraine since 1 May 2023"."""
    return "service in the armed forces of " + listed([
        country_name(s.country) + (f" since {format_long(s.since)}" if s.since else "")
        for s in service])
