"""The extradition treaties and bloc conventions between two states, as the answers name them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sojourn.countries import country_name
from sojourn.rules.loader import Pack
from sojourn.rules.schema import Bloc, Treaty
from sojourn.words import listed, listed_verb

# the conventions a bloc's members extradite under among themselves, told where the pack
# names no treaty binding the two states: their ground for refusing extradition on a
# lapse of time was not read (treaties.yaml, the comment above `treaties:`), so the
# answer names them without saying whose law they look to; "no treaty" would mislead
# (Chisinau's parties are not all the CIS: Uzbekistan did not sign it, so it is named as
# applying between its parties, not to every pair)
BLOC_CONVENTIONS = {"CIS": "the CIS conventions on legal assistance (Minsk, 1993, or, between "
                           "the states party to it, Chisinau, 2002)"}
# the pack's treaties among those conventions: where one binds both states on the day, it is
# named itself, with its sources, and the bloc's words are not (Chisinau ends Minsk between
# the states party to both, its Art. 120: "Minsk, or Chisinau" would name one that no longer
# applies between them)
BLOC_TREATIES = {"CIS": frozenset({"chisinau-convention-2002"})}


def conventions_bind(bloc: Bloc, country: str, other: str, on: dt.date) -> bool:
    """Whether ``country`` is in the bloc on the day and its conventions bind it towards
    ``other`` (BlocMember.conventions: Ukraine stayed in the CIS's records after it left the
    Minsk Convention), or it has left the bloc and is still bound by them (status ``left``:
    Georgia after 18 August 2009)."""
    return any(m.conventions_bind_with(other) for m in bloc.memberships_on(country, on))


# a bloc member's status in words: "CSTO frozen" left a reader to guess what was frozen
BLOC_STATUS_WORDS = {"member": "member", "observer": "observer",
                     "suspended": "membership suspended", "frozen": "participation frozen",
                     "participant": "participant (never ratified its charter)",
                     "associate": "associate member",
                     "bodies_left": "participant no longer in its statutory bodies",
                     "left": "former member, still party to its conventions on legal "
                             "assistance"}


@dataclass(frozen=True)
class SharedBloc:
    """A bloc whose conventions bind two states towards each other on the day, and the status
    each of the two holds in it (``statuses``: country and BlocMember.status), for the words
    that name it: "both CIS members" would call Georgia a member after it left the CIS in
    2009, Ukraine one while it sat in none of the CIS's bodies (from 22 May 2018), and
    Turkmenistan a full one after it chose associate membership (26 August 2005)."""
    id: str
    statuses: tuple[tuple[str, str], ...] = ()

    @property
    def left(self) -> tuple[str, ...]:
        """The states out of the bloc, bound by its conventions alone (status ``left``)."""
        return tuple(c for c, s in self.statuses if s == "left")

    @property
    def in_it_as(self) -> tuple[tuple[str, str], ...]:
        """The states in the bloc as something other than a full member (a participant, an
        associate member), each with its status."""
        return tuple((c, s) for c, s in self.statuses if s not in ("member", "left"))


def shared_blocs(pack: Pack, host: str, state: str, on: dt.date) -> list[SharedBloc]:
    """The blocs whose conventions bind each state towards the other on the day: those
    conventions may found a request between them. A state that left them, or suspended them
    with the other, shares no bloc with it here: naming the CIS conventions for a Ukrainian
    charge in Kazakhstan after 29 December 2023 named a treaty Ukraine had left. A state
    that left the bloc but not its conventions shares it (Georgia and the CIS's Minsk
    Convention)."""
    return [SharedBloc(b.id, tuple((c, _status(b, c, on)) for c in (host, state)))
            for b in pack.blocs
            if conventions_bind(b, host, state, on) and conventions_bind(b, state, host, on)]


def _status(bloc: Bloc, country: str, on: dt.date) -> str:
    """The country's status in the bloc on the day: ``left`` where every period in force is
    one out of the bloc (bound by its conventions alone), else the first other one's."""
    statuses = [m.status for m in bloc.memberships_on(country, on)]
    return next((s for s in statuses if s != "left"), "left")


def _as_words(status: str) -> str:
    """A status as what a state is in the bloc, with its article: "an associate member"."""
    words = BLOC_STATUS_WORDS[status]
    return f"{'an' if words[:1] in 'aeiou' else 'a'} {words}"


def bloc_pair_words(bloc: SharedBloc) -> str:
    """What the two states are to the bloc, set between their names and the verb: ", both
    CIS members,"; where one is in it as less than a full member, what it is (", both in the
    CIS, Ukraine as a participant no longer in its statutory bodies,"); where one has left
    the bloc but not its conventions (Georgia, after 18 August 2009), that it has left, so
    that the conventions named next are not read as binding members alone."""
    left = [country_name(c) for c in bloc.left]
    less = [(country_name(c), _as_words(s)) for c, s in bloc.in_it_as]
    if left:
        # two states: beside one that left, at most one other, still in the bloc
        also = "".join(f" and {name} is in it as {what}" for name, what in less)
        return f", though {listed_verb(left, 'has', 'have')} left the {bloc.id}{also},"
    if less:
        return f", both in the {bloc.id}, {listed([f'{n} as {w}' for n, w in less])},"
    return f", both {bloc.id} members,"


def treaty_name(title: str) -> str:
    """A treaty's title without its place and date in brackets, for a sentence."""
    return title.split(" (")[0]


@dataclass(frozen=True)
class TreatyGrounds:
    """What binds the host and the state asking on the day, for one ground of refusing
    extradition (a lapse of time, a political offence): the pack's treaties that give it
    (``giving``), those that bind both but whose ground on it the pack has not read
    (``unread``), and a bloc both belong to whose conventions they extradite under where the
    pack holds none of them binding both (``bloc``). Each is named, not one picked by order:
    Armenia and Russia are parties to the European Convention on Extradition and to the
    Chisinau Convention, and an answer naming the first alone read as if it were the only
    treaty between them."""
    giving: tuple[Treaty, ...] = ()
    unread: tuple[Treaty, ...] = ()
    bloc: SharedBloc | None = None

    @property
    def treaties(self) -> tuple[Treaty, ...]:
        """The pack's treaties named: the answer rests on them, and lists them."""
        return (*self.giving, *self.unread)


def grounds_binding(host: str, state: str, on: dt.date, treaties: Sequence[Treaty],
                    shared_blocs: Sequence[SharedBloc], gives: Callable[[Treaty], bool]
                    ) -> TreatyGrounds:
    """The treaties and bloc conventions binding ``host`` and ``state`` on the day, sorted by
    whether they give a ground (``gives``: whether the pack has read that ground in a treaty).
    ``shared_blocs``: the blocs both belong to on the day. Nothing for the host's own charge:
    no extradition is asked of a state by itself."""
    if host == state:
        return TreatyGrounds()
    binding = [t for t in treaties if t.binds(host, state, on)]
    bloc = next((b for b in shared_blocs if b.id in BLOC_CONVENTIONS
                 and not any(t.id in BLOC_TREATIES.get(b.id, ()) for t in binding)), None)
    return TreatyGrounds(tuple(t for t in binding if gives(t)),
                         tuple(t for t in binding if not gives(t)), bloc)


def request_grounds(pack: Pack, host: str, state: str, on: dt.date) -> TreatyGrounds:
    """What a request by ``state`` to ``host`` may be made under on the day, for a charge no
    policy of the pack judges (grounds_binding): every treaty binding both, as any of them
    may found it whatever its grounds of refusal, and a bloc's conventions beside them where
    no pack treaty among those conventions binds both. Armenia and Azerbaijan are parties to
    the European Convention and CIS members: naming the Convention alone read as if it were
    the only way Baku could ask."""
    return grounds_binding(host, state, on, pack.treaties,
                           shared_blocs(pack, host, state, on), lambda _: True)


def treaties_words(host: str, state: str, grounds: TreatyGrounds) -> str:
    """The treaties that may found the request, for a charge no policy of the pack judges:
    each the pack records both states as parties to, and the conventions of a bloc both
    belong to (request_grounds), else that it records none (its list of treaties is not
    complete)."""
    name, asking = country_name(host), country_name(state)
    said = [f"the pack records {name} and {asking} as parties to "
            f"{listed([f'the {treaty_name(t.title)}' for t in grounds.treaties])}, under which "
            "such a request may be made"] if grounds.treaties else []
    if grounds.bloc:
        # beside a treaty, the bloc's conventions are another way to ask, not instead
        also = " also" if said else ""
        said.append(f"{name} and {asking}{bloc_pair_words(grounds.bloc)}{also} extradite "
                    f"between them under {BLOC_CONVENTIONS[grounds.bloc.id]}")
    if not said:
        return (f"the pack records no extradition treaty between {name} and {asking} (its list "
                "of treaties is not complete): whether such a request would be granted is not "
                "known")
    # after the treaties, "it" is the request they were said to found
    which = "it" if grounds.treaties else "such a request"
    return f"{'; '.join(said)}: whether {which} would be granted is not known"
