"""A treaty's political-offence ground, for a charge under an article whose prosecutions a
source calls political."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sojourn.countries import country_name, possessive
from sojourn.risk._charges import ChargeView, article_words
from sojourn.risk._treaties import treaty_name
from sojourn.rules.schema import Treaty


def political_treaty(c: ChargeView, host: str, on: dt.date,
                      treaties: Sequence[Treaty]) -> Treaty | None:
    """The treaty binding the host and the state bringing the charge on the day that refuses
    extradition for a political offence, where a source by that day calls the article's
    prosecutions political."""
    # the host's own charge asks no extradition of it: no treaty's ground is for its courts
    if c.offence is None or c.offence.political is None or c.country == host:
        return None
    # an answer about a day before any source called them political tells no such thing, as
    # it tells no Interpol fact dated later
    if c.offence.political.known_by(on) is None:
        return None
    return next((t for t in treaties if t.political_offence and t.binds(host, c.country, on)),
                None)


def political_words(c: ChargeView, treaty: Treaty, host: str) -> str:
    """The treaty's political-offence ground, named for the host's courts to weigh."""
    assert c.offence is not None and c.offence.political is not None
    ground = treaty.political_offence
    assert ground is not None
    # a ground known from a source's account of the treaty, not its text, names no article
    where = (f"Art. {ground.article}" if ground.article else
             f"its article not read: as the pack's sources report it, {ground.confidence} "
             "confidence")
    return (f"political offence, {article_words(c)}: prosecutions under it are called "
            f"political ({c.offence.id}, {c.offence.political.confidence} confidence); the "
            f"{treaty_name(treaty.title)}, to which {country_name(host)} and "
            f"{country_name(c.country)} are parties, refuses extradition {ground.refuses} "
            f"({where}). Whether it applies is for {possessive(country_name(host))} courts; "
            "the level does not count on it")
