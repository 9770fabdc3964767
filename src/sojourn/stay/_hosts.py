"""The host ``--country`` names: a country, or the zone a member without stay rules of its
own is judged by; its name, its member countries, and its working days."""

from __future__ import annotations

import datetime as dt

from sojourn.countries import code_hint, country_name, fold_code, is_country
from sojourn.dates import NO_DECREES, WorkingCalendar
from sojourn.errors import UsageError, option_told
from sojourn.rules.loader import Pack
from sojourn.rules.schema import Zone
from sojourn.stay._presence import Member, host_members


def resolve_host(pack: Pack, country: str, on: dt.date) -> tuple[str, list[Member], list[str]]:
    """The host judging ``--country`` (a member country without rules of its own is judged by
    its zone), its member countries, and a warning when a zone was chosen."""
    host = fold_code(country)
    if "," in host or not pack.is_host(host):
        raise UsageError(option_told("--country", country, "is not a country code or a zone "
                                     f"of the pack{code_hint(country)}",
                                     f"one code such as KZ, or a zone: {', '.join(pack.zones)}"))
    warnings: list[str] = []
    # the stay rules decide: a member with none of its own is judged by its zone's that day;
    # one that joins it later is judged by its own before (zone_from_joining)
    zone = pack.judging_zone(host, on, ("stay",))
    if zone is not None:
        warnings.append(f"{country_name(host)} has no stay rules of its own in the pack; judged "
                        f"as part of {zone.title} ({zone.id})")
        host = zone.id
    return host, host_members(host, pack), warnings


def zone_from_joining(pack: Pack, host: str, on: dt.date) -> tuple[Zone, dt.date] | None:
    """The zone whose stay rules judge ``host`` (resolve_host's, a state judged by its own on
    ``on``) from the day it joins it after ``on``, with that day (the Schengen area, Croatia,
    1 January 2023): a stay planned from ``on`` may run across it. None for a zone, a state
    that joins none, or one with stay rules of its own."""
    if host in pack.zones:
        return None
    zone = pack.judging_zone_from(host, on, ("stay",))
    joins = pack.zone_joined_later(host, on)
    return None if zone is None or joins is None else (zone, joins[1])


def host_name(pack: Pack, host: str) -> str:
    return pack.zones[host].title if host in pack.zones else country_name(host)


def working_calendar(host: str | None, pack: Pack | None) -> WorkingCalendar:
    """The host's working days, with the decrees moving days off that ``pack`` records (an
    ad-hoc --rule counts the host's days as the pack's rules do); a zone or a list of
    countries has no single calendar."""
    if not host or not is_country(host):
        return WorkingCalendar(None)
    return WorkingCalendar(host, pack.decreed_days(host) if pack else NO_DECREES)
