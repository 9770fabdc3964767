"""Charges brought by a state other than the host and the citizenship judged: the level each
gives, and the highest of several."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sojourn.countries import country_name, possessive
from sojourn.dates import format_long
from sojourn.risk._charges import ChargeView, article_words
from sojourn.risk._listings import INTERNATIONAL_LISTINGS, listing_unknown_words
from sojourn.risk._policy import judged_under, policy_of
from sojourn.risk._treaties import SharedBloc, request_grounds, treaties_words
from sojourn.rules.loader import Pack
from sojourn.rules.schema import Treaty
from sojourn.rules.select import Applied, Assumption, select
from sojourn.words import listed


@dataclass(frozen=True)
class ThirdStateRisk:
    """The level a charge brought by a state other than the host and the citizenship judged
    gives: that state may ask the host for him (the state where the act was committed, say),
    whatever his citizenship, and so may another state whose citizen he is (``citizen``),
    whichever citizenship --citizenship names. ``rule``: the host's policy towards that
    state's requests, None where the pack has none (the level is then unknown);
    ``treaties``: those the pack records both states as parties to on the day, named where
    no policy judges the charge (and listed among the entries the answer relies on);
    ``bloc``: the bloc whose conventions are named beside them, with what each state is in
    it, as the words say it."""
    country: str
    extradition: str
    rule: str | None
    treaties: tuple[Treaty, ...] = ()
    citizen: bool = False
    bloc: SharedBloc | None = None


def third_state_in_brief(third: ThirdStateRisk, host: str) -> str:
    """Another state's charge in a few words, for the report's other hosts: the level alone
    showed its effect and named neither the state nor why ("unknown" read as the host's
    policy towards the citizenship judged)."""
    state = country_name(third.country)
    if third.rule is None:
        return (f"a charge by {state}: unknown, no rule on {possessive(country_name(host))} "
                f"practice towards {possessive(state)} requests")
    return f"a charge by {state}: {third.extradition} under {third.rule}"


# the known levels from least to most exposed; "unknown" stands beside them (see highest)
LEVELS = ("none", "low", "medium", "high")


def highest(levels: Iterable[str]) -> str:
    """The level to tell where several states may ask for the person: the highest, with one
    not known outweighing any but "high", as it may be high itself (a tool that errs should err
    towards telling the exposure)."""
    seen = set(levels)
    if "high" in seen:
        return "high"
    if "unknown" in seen:
        return "unknown"
    return max(seen, key=LEVELS.index)


def third_state(state: str, charges: Sequence[ChargeView], pack: Pack, host: str,
                 on: dt.date, assume: tuple[str, ...], *, citizen: bool = False
                 ) -> tuple[ThirdStateRisk, list[str], Applied | None, list[Assumption]]:
    """The level the charges ``state`` brings give in ``host``, a state neither the host nor
    the citizenship judged: judged under the host's policy towards that state's requests (its
    rule on that state's citizens, the requests the pack's sources speak of) where the pack
    has one in force, else unknown, naming the treaties that bind both. ``citizen``: the
    person is that state's citizen too (a dual citizen judged, by --citizenship or by another
    state's charge, as the other's): its charge is no less a ground for asking for him."""
    name, asking = country_name(host), country_name(state)
    one = len(charges) == 1
    arts = listed([article_words(c) for c in charges])
    them = "it" if one else "them"
    which = (f"the charge{'' if one else 's'} under {arts} {'is' if one else 'are'} brought "
             + (f"by {asking}, whose citizen you are too, and which may ask {name} to "
                f"extradite you to it, as the state bringing {them}" if citizen else
                f"by {asking}, which may ask {name} to extradite you to it, as the state "
                f"bringing {them}, whatever your citizenship"))
    applied, assumed = select(pack, host, state, assume, topics=("extradition",))
    rules = [a for a in applied if a.in_force(on)]
    if not rules:
        grounds = request_grounds(pack, host, state, on)
        return (ThirdStateRisk(state, "unknown", None, grounds.treaties, citizen, grounds.bloc),
                [f"unknown as to {asking}: {which}; the rule pack holds no rule on "
                 f"{possessive(name)} practice towards {possessive(asking)} requests in force "
                 f"on {format_long(on)}; {treaties_words(host, state, grounds)}",
                 *(listing_unknown_words(c, host, state) for c in charges
                   if c.wanted in INTERNATIONAL_LISTINGS)],
                None, [])
    policy_rule = rules[-1]
    level, said = judged_under(policy_rule, state, charges, pack, name, records_charges=True,
                                any_charge=True, later_than=None, on=on, third=True)
    # towards a state whose citizen he is, the policy on its citizens is the one on him
    taken = "" if citizen else f", taken as its practice on {possessive(asking)} requests"
    head = (f"{which}: judged under {possessive(name)} stated policy or reported practice "
            f"towards citizens of {asking} ({policy_rule.id}){taken}: "
            f"{policy_of(policy_rule, on).summary_on(on)}")
    return (ThirdStateRisk(state, level, policy_rule.id, citizen=citizen), [head, *said],
            policy_rule,
            list(assumed))
