"""A treaty's political-offence ground, for a charge under an article whose prosecutions a
source calls political."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sojourn.countries import country_name, possessive
from sojourn.risk._charges import ChargeView, article_words
from sojourn.risk._treaties import (
    BLOC_CONVENTIONS,
    SharedBloc,
    TreatyGrounds,
    bloc_pair_words,
    grounds_binding,
    treaty_name,
)
from sojourn.rules.schema import Treaty
from sojourn.words import listed


def political_grounds(c: ChargeView, host: str, on: dt.date, treaties: Sequence[Treaty],
                      shared_blocs: Sequence[SharedBloc] = ()) -> TreatyGrounds | None:
    """What binds the host and the state bringing the charge on the day, for a political
    offence (grounds_binding), where a source by that day calls the article's prosecutions
    political and at least one treaty binding both refuses extradition for one; else None."""
    # the host's own charge asks no extradition of it: no treaty's ground is for its courts
    if c.offence is None or c.offence.political is None or c.country == host:
        return None
    # an answer about a day before any source called them political tells no such thing, as
    # it tells no Interpol fact dated later
    if c.offence.political.known_by(on) is None:
        return None
    grounds = grounds_binding(host, c.country, on, treaties, shared_blocs,
                              lambda t: t.political_offence is not None)
    return grounds if grounds.giving else None


def _refuses_words(treaty: Treaty, host: str, state: str) -> str:
    """One treaty's political-offence ground, with the article it rests on."""
    ground = treaty.political_offence
    assert ground is not None
    # a ground known from a source's account of the treaty, not its text, names no article
    where = (f"Art. {ground.article}" if ground.article else
             f"its article not read: as the pack's sources report it, {ground.confidence} "
             "confidence")
    return (f"the {treaty_name(treaty.title)}, to which {country_name(host)} and "
            f"{country_name(state)} are parties, refuses extradition {ground.refuses} ({where})")


def political_words(c: ChargeView, grounds: TreatyGrounds, host: str) -> str:
    """Each treaty's political-offence ground binding both states, named for the host's
    courts to weigh; then the treaties and bloc conventions binding both whose ground for a
    political offence the pack has not read, lest the ground named read as the only one."""
    assert c.offence is not None and c.offence.political is not None
    name, asking = country_name(host), country_name(c.country)
    said = [_refuses_words(t, host, c.country) for t in grounds.giving]
    ways = [f"the {treaty_name(t.title)}" for t in grounds.unread]
    ways += [BLOC_CONVENTIONS[grounds.bloc.id]] if grounds.bloc else []
    if ways:
        members = bloc_pair_words(grounds.bloc) if grounds.bloc else ""
        said.append(f"{name} and {asking}{members} also extradite between them under "
                    f"{listed(ways)}, whose ground for refusing extradition for a political "
                    "offence the pack has not read")
    which = {1: "it applies", 2: "either applies"}.get(len(grounds.giving), "any applies")
    return (f"political offence, {article_words(c)}: prosecutions under it are called "
            f"political ({c.offence.id}, {c.offence.political.confidence} confidence); "
            f"{'; '.join(said)}. Whether {which} is for {possessive(name)} courts; the level "
            "does not count on it")
