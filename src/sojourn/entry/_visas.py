"""Whose visa counts for entering a host: the host itself, or a zone's member states."""

from __future__ import annotations

import datetime as dt

from sojourn.rules.loader import Pack


def visa_issuer_words(host_name: str, *, zone: bool) -> str:
    """Who must issue the visa, in words: "Türkiye", "a member state of the Schengen area"."""
    return f"a member state of {host_name}" if zone else host_name


def members_of(pack: Pack, host: str, on: dt.date | None = None) -> list[str]:
    """``host`` itself, or the zone's member states: those that are members on ``on`` if
    given, else all it ever had."""
    zone = pack.zones.get(host)
    if zone is None:
        return [host]
    return [m.country for m in zone.members if on is None or m.holds_on(on)]


def visa_issuers(pack: Pack, host: str, on: dt.date) -> tuple[str, ...]:
    """The states whose visa counts for entering ``host`` on ``on``: the host itself, or the
    states that are members of the zone on that day (a visa of a state before it joined, or
    after it left, is its own, not the zone's)."""
    return tuple(members_of(pack, host, on))

