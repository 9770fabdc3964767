"""The host ``--country`` names: a country, or the zone a member without stay rules of its
own is judged by; its name, its member countries, and its working days."""

from __future__ import annotations

import datetime as dt

from sojourn.countries import code_hint, country_name, fold_code, is_country
from sojourn.dates import NO_DECREES, WorkingCalendar, format_long
from sojourn.errors import UsageError, shown
from sojourn.rules.loader import Pack
from sojourn.stay._presence import Member, host_members


def resolve_host(pack: Pack, country: str, on: dt.date) -> tuple[str, list[Member], list[str]]:
    """The host judging ``--country`` (a member country without rules of its own is judged by
    its zone), its member countries, and a warning when a zone was chosen."""
    host = fold_code(country)
    if "," in host or not pack.is_host(host):
        raise UsageError(f"--country {shown(country)} is not a country code or a zone of the pack"
                         f"{code_hint(country)}; "
                         f"expected one code such as KZ, or a zone: {', '.join(pack.zones)}")
    warnings: list[str] = []
    # the stay rules decide: a member with none of its own is judged by its zone's on the days
    # it is a member, one that joins after ``on`` too, since the stay asked about, or planned,
    # may run across the day it joins (Regime.as_member: its own rules, unknown, before it)
    zone = pack.judging_zone_from(host, on, ("stay",))
    if zone is not None:
        joins = None if pack.judging_zone(host, on, ("stay",)) else pack.zone_joined_later(
            host, on)
        warnings.append(f"{country_name(host)} has no stay rules of its own in the pack; judged "
                        f"as part of {zone.title} ({zone.id})" + (
                            f" from {format_long(joins[1])}, the day it joins; before that by "
                            "its own, which the pack does not know" if joins else ""))
        host = zone.id
    return host, host_members(host, pack), warnings


def host_name(pack: Pack, host: str) -> str:
    return pack.zones[host].title if host in pack.zones else country_name(host)


def working_calendar(host: str | None, pack: Pack | None) -> WorkingCalendar:
    """The host's working days, with the decrees moving days off that ``pack`` records (an
    ad-hoc --rule counts the host's days as the pack's rules do); a zone or a list of
    countries has no single calendar."""
    if not host or not is_country(host):
        return WorkingCalendar(None)
    return WorkingCalendar(host, pack.decreed_days(host) if pack else NO_DECREES)
