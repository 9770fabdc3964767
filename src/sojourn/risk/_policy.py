"""The level the host's extradition policy towards a requesting state gives its charges, and
why: military offences, listings the host acts on, treaty or no treaty."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sojourn.countries import country_name
from sojourn.dates import format_long
from sojourn.risk._charges import ChargeView, article_words
from sojourn.risk._listings import INTERNATIONAL_LISTINGS, LISTING_WORDS, acted_on, listing_name
from sojourn.rules.loader import Pack
from sojourn.rules.select import Applied
from sojourn.rules.topics import Extradition


def policy_of(rule: Applied, on: dt.date) -> Extradition:
    """The rule's policy as it stood on ``on``: a flag resting on a later case not yet set."""
    policy = rule.extradition
    assert policy is not None  # every rule of topic extradition carries one
    return policy.as_of(on)


def judged_under(policy_rule: Applied, requesting: str, charges: Sequence[ChargeView],
                  pack: Pack, host_name: str, *, records_charges: bool, any_charge: bool,
                  later_than: dt.date | None, on: dt.date,
                  third: bool = False) -> tuple[str, list[str]]:
    """The level the host's policy towards ``requesting`` gives the charges that state brings
    (``charges``), and the lines that say why. ``third``: a state other than the citizenship
    judged, which the level's lines name, as more than one state may ask for him."""
    policy = policy_of(policy_rule, on)
    name, state = host_name, country_name(requesting)
    by, to = (f" by {state}", f" to {state}") if third else ("", "")
    reasons: list[str] = []
    military_barred = [c for c in charges if policy.bars_military_offences and c.military]
    seen = policy.acts_on_listings
    for c in charges:
        barred = c in military_barred
        if barred:
            reasons.append(f"the charge under {article_words(c)} is an offence under "
                           f"military law alone, which the treaty {name} decides under "
                           f"excludes from extradition ({policy_rule.id}): no ground for "
                           f"extradition to {state}")
        elif policy.bars_military_offences:
            # a deserter read "low" and a draft evader "high" in the same host, and no
            # line said why the treaty's exclusion reached the one and not the other
            reasons.append(_not_military_words(c, pack, name, policy_rule.id))
        if policy.detains_on_listings and acted_on(c, seen):
            # the sources report arrests on listings whatever the charge (Serbia's on a
            # fraud case): no ground for extradition is no shield from it either
            after = ("so arrest and detention pending that decision can happen even on a "
                     "charge that gives no ground for extradition" if barred else
                     "so the listing alone can bring arrest and detention, before any "
                     "decision on the extradition")
            reasons.append(f"the charge under {article_words(c)} is on "
                           f"{listing_name(c.wanted)}: {name} is reported to arrest people "
                           "on such listings and hold them while the request is decided "
                           f"({policy_rule.id}), {after}; the level does not count on it")
    charges = [c for c in charges if c not in military_barred]
    on_lists = [c for c in charges if c.wanted in INTERNATIONAL_LISTINGS]
    wanted_abroad = [c for c in on_lists if acted_on(c, seen)]
    for c in on_lists:
        if seen is None or set(LISTING_WORDS) <= set(seen):
            continue
        acts_on = (" and ".join(LISTING_WORDS[s] for s in seen) + " alone" if seen
                   else "no international wanted list")
        if c.wanted == "international" and seen:
            reasons.append(f"the profile does not say whether the charge under "
                           f"{article_words(c)} is listed by Interpol or on the CIS "
                           f"interstate wanted list only, and {name} is reported to act on "
                           f"{acts_on} ({policy_rule.id}): the level takes it as a "
                           f"listing {name} acts on (`wanted: interpol` or `interstate` "
                           "says which)")
        elif c not in wanted_abroad:
            on_list = listing_name(c.wanted) + (" only" if c.wanted in LISTING_WORDS
                                                 else "")
            reasons.append(f"the charge under {article_words(c)} is on {on_list}, and {name} "
                           f"is reported to act on {acts_on} ({policy_rule.id}): it weighs "
                           "as a charge without an international listing")
    # a host with no treaty with the requesting state (Thailand before its treaty with
    # Russia) decides under its own law: "a treaty request" would claim a treaty
    request = ("a treaty request" if policy.treaty_based
               else "a request, though no extradition treaty is in force")
    level = "unknown"
    if not records_charges:
        # no charge recorded is not no charge brought: the level is not known
        reasons.append("unknown: a CSV history records no criminal charges (give them as "
                       "`charges` in a YAML or JSON profile: country, article, part, "
                       "wanted); with no charge brought, the level would be low" +
                       (", as the policy requires one" if policy.requires_criminal_charge
                        else ""))
    elif not charges and military_barred:
        level = "low"
        reasons.append(f"no charge by {state} that the treaty allows extradition "
                       "for is recorded in the profile")
    elif not charges:
        level = "low"
        said = f" by {state}" if any_charge else ""
        said += f" for an act by {format_long(later_than)}" if later_than else ""
        reasons.append(f"no criminal charge{said} is recorded in the profile" +
                       (", and the policy requires one" if policy.requires_criminal_charge
                        else ""))
    elif policy.requires_international_wanted and not wanted_abroad:
        level = "medium"
        reasons.append(f"you face a charge{by} but are not on an international wanted list, "
                       "which this policy requires; a listing would change that")
    elif wanted_abroad:
        level = "high"
        # the list named (Interpol's, the CIS interstate one), not "an international" one,
        # which the profile may say (`wanted: international`) where it does not know which
        lists = " and ".join(dict.fromkeys(listing_name(c.wanted) for c in wanted_abroad))
        reasons.append(f"you are on {lists} for a charge{by}: the policy "
                       f"allows extradition{to} on {request}")
    else:
        level = "medium"
        reasons.append(f"you face a criminal charge{by} and extradition{to} is possible on "
                       f"{request}")
    if policy.extra_legal_removals and not policy.requires_criminal_charge:
        # "low" for no charge would read as safe where the host has sent people with no
        # charge at all back to the state they fled
        reasons.append("removals outside extradition procedure have been reported in this "
                       "host, of people facing no charge too; the level weighs extradition "
                       "on a charge only and does not capture that")
    elif policy.extra_legal_removals:
        reasons.append("removals outside extradition procedure have been reported in this "
                       "host; the level does not capture that")
    return level, reasons


def _not_military_words(c: ChargeView, pack: Pack, host_name: str, policy_id: str) -> str:
    """Why a treaty that excludes offences under military law alone still reaches the charge
    (not itself one): the pack holds it as an ordinary offence, or cannot say which it is."""
    treaty = f"the treaty {host_name} decides under ({policy_id})"
    parts = [o for o in pack.offences if o.country == c.country and o.article == c.article
             and o.part is not None]
    # the charge's own versions, or, where it names no part, every part of the article
    if c.offence is not None or c.versions_from or (c.parts and not any(
            o.military for o in parts)):
        where = f" ({c.offence.id})" if c.offence is not None else ""
        return (f"the charge under {article_words(c)} is an offence of the ordinary criminal "
                f"law{where}: {treaty} excludes only offences under military law alone from "
                "extradition, so it is a ground for extradition")
    why = ("the charge names no part (`part`), and the pack holds some of the article's parts "
           "as such offences" if c.parts else
           f"the pack does not hold {article_words(c)} among its offences")
    return (f"{treaty} excludes offences under military law alone from extradition; {why}, "
            "so whether the charge is one is not known, and the level counts it as a ground "
            "for extradition")


def hosts_own_charge_words(c: ChargeView, judged: str) -> str:
    """A charge the host itself brings, the person abroad: no state asks for him on it, so it
    is no ground for extradition, and no shield either, as the host may try it itself."""
    name, state = country_name(c.country), country_name(judged)
    return (f"the charge under {article_words(c)} is brought by {name}, not {state}: no "
            f"ground for extradition to {state}, but {name} may prosecute you for it while you "
            "are there, which the level, about extradition, does not weigh")
