"""The extradition treaties and bloc conventions between two states, as the answers name them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sojourn.countries import country_name
from sojourn.rules.loader import Pack
from sojourn.rules.schema import Bloc, Treaty
from sojourn.words import listed

# the conventions a bloc's members extradite under among themselves, told where the pack
# names no treaty binding the two states: their ground for refusing extradition on a
# lapse of time was not read (treaties.yaml, the comment above `treaties:`), so the
# answer names them without saying whose law they look to; "no treaty" would mislead
# (Chisinau's parties are not all the CIS: Uzbekistan did not sign it, so it is named as
# applying between its parties, not to every pair)
BLOC_CONVENTIONS = {"CIS": "the CIS conventions on legal assistance (Minsk, 1993, or, between "
                           "the states party to it, Chisinau, 2002)"}


def member_on(bloc: Bloc, country: str, on: dt.date) -> bool:
    return bool(bloc.memberships_on(country, on))


def treaty_name(title: str) -> str:
    """A treaty's title without its place and date in brackets, for a sentence."""
    return title.split(" (")[0]


def treaties_binding(pack: Pack, host: str, state: str, on: dt.date) -> tuple[Treaty, ...]:
    """The extradition treaties the pack records both states as parties to on the day, one a
    title."""
    by_title: dict[str, Treaty] = {}
    for t in pack.treaties:
        if t.binds(host, state, on):
            by_title.setdefault(t.title, t)
    return tuple(by_title.values())


def treaties_words(pack: Pack, host: str, state: str, on: dt.date,
                    treaties: Sequence[Treaty]) -> str:
    """The treaties that may found the request, for a charge no policy of the pack judges:
    those it records both states as parties to, else the conventions of a bloc both belong
    to, else that it records none (its list of treaties is not complete)."""
    name, asking = country_name(host), country_name(state)
    if treaties:
        return (f"the pack records {name} and {asking} as parties to "
                f"{listed([f'the {treaty_name(t.title)}' for t in treaties])}, under which such a "
                "request may be made: whether it would be granted is not known")
    bloc = next((b.id for b in pack.blocs if b.id in BLOC_CONVENTIONS
                 and member_on(b, host, on) and member_on(b, state, on)), None)
    if bloc is not None:
        return (f"{name} and {asking}, both {bloc} members, extradite between them under "
                f"{BLOC_CONVENTIONS[bloc]}: whether such a request would be granted is not "
                "known")
    return (f"the pack records no extradition treaty between {name} and {asking} (its list of "
            "treaties is not complete): whether such a request would be granted is not known")
