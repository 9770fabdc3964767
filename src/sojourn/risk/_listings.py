"""Wanted listings: which lists a charge is on that other states see, whether the host acts
on them, and what the pack knows, dated, of how a list treats a state's requests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sojourn.countries import country_name, possessive
from sojourn.dates import format_long
from sojourn.risk._charges import ChargeView, article_words
from sojourn.rules.schema import WantedListing

# a charge's listings that states other than the one bringing it see; "international" is one
# of the others, not known which
INTERNATIONAL_LISTINGS = ("international", "interpol", "interstate")


LISTING_WORDS = {"interpol": "Interpol's listings", "interstate": "the CIS interstate wanted list"}


def listing_words(c: ChargeView, listing: WantedListing, on: dt.date) -> str | None:
    """What was known by the answer's day, dated, of how the list the charge is on treats the
    requesting state (None: nothing yet). A fact dated after the day is left out, as a rule
    in force only later is: an answer about a past day tells what could be known then."""
    known = "; ".join(f"{format_long(f.on)}: {f.said}" for f in listing.facts if f.on <= on)
    if not known:
        return None
    return (f"{LISTING_WORDS[listing.listing]}, {article_words(c)} ({listing.id}, "
            f"{listing.confidence} confidence): {known}. The level does not count on it: it "
            "turns on whether the host acts on the listing")


def known_by(listing: WantedListing, on: dt.date) -> WantedListing:
    """The listing's record as known on the day, as the reason tells it: a fact dated later
    is no source of an answer about an earlier day."""
    return listing.model_copy(update={"facts": [f for f in listing.facts if f.on <= on]})


def acted_on(c: ChargeView, seen: Sequence[str] | None) -> bool:
    """Whether the charge is on an international listing the host acts on (``seen``: the
    lists it is reported to act on, None: not known, so any). A listing of unknown kind counts
    wherever a host acts on any: the higher level is the safer one to tell, and the reason
    names the question it turns on; where it acts on none (an empty list), no listing counts,
    as no known one would."""
    return c.wanted in INTERNATIONAL_LISTINGS and (
        seen is None or c.wanted in seen or (c.wanted == "international" and bool(seen)))


def listing_name(wanted: str) -> str:
    """The list a charge is on, for a sentence: "Interpol's listings", "an international
    wanted list" where the profile does not say which."""
    return LISTING_WORDS.get(wanted, "an international wanted list")


def listing_unknown_words(c: ChargeView, host: str, state: str) -> str:
    """A charge on an international listing where the pack has no policy of the host towards
    the state bringing it: whether the host arrests people on that state's listings is not
    known, and silence read as no arrest (a Kazakh charge on Interpol's listings, in Georgia)."""
    name, asking = country_name(host), country_name(state)
    return (f"the charge under {article_words(c)} is on {listing_name(c.wanted)}: the pack "
            f"holds nothing on {possessive(name)} practice towards {possessive(asking)} "
            "listings (whether it arrests people on them and holds them while a request is "
            "decided), so whether the listing alone can bring arrest there is not known; the "
            "level does not count on it")
