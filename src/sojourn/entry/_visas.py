"""Whose visa counts for entering a host: the host itself, or a zone's member states, and the
other issuers an entry document's ``visas_of`` names (Cyprus: the Schengen area's)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sojourn.countries import country_name
from sojourn.rules.loader import Pack
from sojourn.rules.topics import AcceptedDocument, VisaOf
from sojourn.words import listed

# the topics of the rules that judge a way in: a member state with none of its own on them is
# judged by its zone's (Pack.judging_zone), as status judges its stays by the zone's stay rules
ENTRY_TOPICS = ("entry", "border")


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


def other_issuers(doc: AcceptedDocument | None, on: dt.date) -> list[VisaOf]:
    """The other issuers ``doc``'s ``visas_of`` names whose visas count on the entry day."""
    return [o for o in doc.visas_of if o.holds_on(on)] if doc is not None else []


def visa_issuers(pack: Pack, host: str, on: dt.date, doc: AcceptedDocument | None = None
                 ) -> tuple[str, ...]:
    """The states whose visa counts for entering ``host`` on ``on``: the host itself, or the
    states that are members of the zone on that day (a visa of a state before it joined, or
    after it left, is its own, not the zone's), then those of the other issuers ``doc``
    names for that day (a zone's members on it)."""
    states = members_of(pack, host, on)
    for other in other_issuers(doc, on):
        states.extend(members_of(pack, other.issuer, on))
    return tuple(dict.fromkeys(states))


def entry_judge(pack: Pack, host: str, on: dt.date) -> str:
    """The host whose entry rules judge a way into ``host`` on ``on``: the zone of a member
    state with none of its own that day (Croatia from 1 January 2023, by the Schengen area's),
    else ``host`` itself."""
    zone = pack.judging_zone(host, on, ENTRY_TOPICS)
    return host if zone is None else zone.id


def counts_visa(pack: Pack, host: str, issuer: str, issued: dt.date | None, on: dt.date,
                docs: Sequence[AcceptedDocument] = ()) -> bool:
    """Whether a visa of ``issuer``, issued on ``issued`` (None: not said), counts for
    entering ``host`` on ``on``: its issuer counts on that day and counted on the day it
    issued the visa (a state's visa from before it joined a zone is its national visa), by
    the host itself or by one of ``docs``' ``visas_of``. A member state judged by its zone's
    entry rules on ``on`` counts the zone's visas: asked from before Croatia joined about an
    entry after, a German visa was found to count for Croatia alone, and not to."""
    host = entry_judge(pack, host, on)

    def counted(doc: AcceptedDocument | None) -> bool:
        return issuer in visa_issuers(pack, host, on, doc) and (
            issued is None or issuer in visa_issuers(pack, host, issued, doc))
    return counted(None) or any(counted(d) for d in docs)


def issuers_in_words(pack: Pack, host_name: str, *, zone: bool, doc: AcceptedDocument | None,
                     on: dt.date) -> str:
    """Who may issue the visa, in words: "Cyprus, a member state of the Schengen area,
    Bulgaria, Croatia or Romania"."""
    words = [visa_issuer_words(host_name, zone=zone)]
    for other in other_issuers(doc, on):
        words.append(visa_issuer_words(pack.zones[other.issuer].title, zone=True)
                     if other.issuer in pack.zones else country_name(other.issuer))
    return listed(list(dict.fromkeys(words)), "or")
