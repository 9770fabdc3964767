"""The risk answer: the level of extradition exposure in a host and every reason for it, the
blocs it belongs to, and liability for service abroad, put together from the other modules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from sojourn.countries import country_name, fold_code, possessive
from sojourn.dates import format_long
from sojourn.history import History
from sojourn.risk._charges import (
    ChargeView,
    article_words,
    charge_views,
    charge_words,
    offence_known_by,
)
from sojourn.risk._liabilities import LiabilityView, liability_views
from sojourn.risk._limitation import (
    call_up_caution_words,
    limitation_treaties,
    limitation_words,
    with_limitation,
)
from sojourn.risk._listings import (
    INTERNATIONAL_LISTINGS,
    known_by,
    listing_unknown_words,
    listing_words,
)
from sojourn.risk._policy import hosts_own_charge_words, judged_under, policy_of
from sojourn.risk._political import political_grounds, political_words
from sojourn.risk._third_states import ThirdStateRisk, highest, third_state, third_state_in_brief
from sojourn.risk._treaties import BLOC_STATUS_WORDS, shared_blocs, treaty_name
from sojourn.rules.loader import Pack
from sojourn.rules.schema import PackEntry, Treaty
from sojourn.rules.select import Applied, Assumption, has_rule_on, select
from sojourn.stay import (
    check_application_kinds,
    history_warnings,
    low_confidence_note,
    passport_recorded,
    require_citizenship,
)
from sojourn.words import listed, the_bloc

DISCLAIMER = ("This explains published policy and reported practice; it is not legal advice. "
              "Ask a lawyer before acting on it.")


@dataclass(frozen=True)
class OtherCitizenshipRisk:
    """The level under a citizenship held besides the one judged, where no charge decides
    which: the policy it rests on, or why there is none."""
    citizenship: str
    extradition: str
    rule: str | None  # the host's policy towards its citizens, on the day
    reason: str | None  # why the level is unknown, where no policy gives it


@dataclass(frozen=True)
class RiskAnswer:
    on: dt.date
    country: str
    citizenship: str
    extradition: str  # low, medium, high, unknown, or none (no state to extradite to)
    reasons: tuple[str, ...]
    charges: tuple[ChargeView, ...]
    blocs: tuple[tuple[str, str], ...]
    liabilities: tuple[LiabilityView, ...]
    rules: tuple[Applied, ...]
    assumptions: tuple[Assumption, ...]
    disclaimer: str = DISCLAIMER
    # the criminal-code entries the reasons name beside the rules (an offence's maximum, the
    # gravity scale and limitation periods it is judged by, a wanted list's record as known
    # on the day), and the extradition treaties they name: the answer rests on them as on its
    # rules, and lists them with theirs
    code_entries: tuple[PackEntry, ...] = ()
    records_charges: bool = True  # False for a history that cannot (CSV): the level is unknown
    # the citizenship judged was chosen among several the profile holds (no --citizenship):
    # said with the level, as it may not be the one `status` judges the stay under (not where
    # one held is the host's own, which decides the answer)
    chosen_among_several: bool = False
    # what the text answer prints as warnings (on stderr), as `status` gives them
    warnings: tuple[str, ...] = ()
    # what the level and reasons leave unsaid, as `status` gives its notes
    notes: tuple[str, ...] = ()
    # the level under each other citizenship held (not the host's), where no --citizenship
    # and no charge decides which state would ask for the person
    other_citizenships: tuple[OtherCitizenshipRisk, ...] = ()
    # the policy judged by reports removals outside extradition procedure, which the level
    # does not capture
    removals_reported: bool = False
    # each state neither the host nor the citizenship judged that brings a charge (another
    # state whose citizen the person is among them): the level weighs it too
    third_states: tuple[ThirdStateRisk, ...] = ()

    def in_brief(self) -> tuple[str, ...]:
        """What the reasons add to the level that a summary of it must not drop (the report's
        other hosts): removals outside procedure, each charge a treaty's political-offence
        ground may reach, and each state besides the citizenship judged whose charge the level
        weighs. "medium" alone read alike for a host that removes people outside
        any procedure and one whose treaty may refuse the request as political."""
        said = ["removals outside extradition procedure reported"] if self.removals_reported \
            else []
        said += [f"a political-offence ground for {article_words(c)} in "
                 + listed([f"the {treaty_name(t.title)}" for t in c.political.giving])
                 for c in self.charges if c.political is not None]
        said += [third_state_in_brief(t, self.country) for t in self.third_states]
        return tuple(said)

    def in_brief_entries(self) -> tuple[Treaty, ...]:
        """The treaties :meth:`in_brief` names (each whose political-offence ground it tells
        for a charge): a summary naming one rests on it, and lists it among the entries it
        relies on, as the reasons do."""
        return tuple(t for c in self.charges if c.political is not None
                     for t in c.political.giving)

    def in_brief_rules(self) -> tuple[Applied, ...]:
        """The rules :meth:`in_brief` names: the host's policy towards a third state's
        requests that judges that state's charge ("a charge by the Russian Federation: medium
        under ae-extradition-2016"). A summary naming one rests on it, as the reasons do: a
        reader of the id must find its dates and sources among the rules relied on."""
        named = {t.rule for t in self.third_states if t.rule is not None}
        return tuple(r for r in self.rules if r.id in named)

    def in_brief_relied_on(self) -> tuple[Applied | Treaty, ...]:
        """What a summary of the answer relies on: the rules and treaties :meth:`in_brief`
        names, whose age the report's other hosts' note weighs as their own rows' rules."""
        return (*self.in_brief_rules(), *self.in_brief_entries())

    @property
    def relied_on(self) -> tuple[Applied | Treaty, ...]:
        """The rules and the treaties the answer relies on, whose age its note weighs: a
        treaty's parties change as a policy does, and its sources may be as old."""
        return (*self.rules, *(e for e in self.code_entries if isinstance(e, Treaty)))

    def in_brief_accounts(self) -> tuple[Assumption, ...]:
        """The account assumed of each contested rule :meth:`in_brief_rules` gives."""
        named = {r.id for r in self.in_brief_rules()}
        return tuple(a for a in self.assumptions if a.rule in named)


def in_brief_entries(answers: Iterable[RiskAnswer]) -> tuple[PackEntry, ...]:
    """The treaties the summaries of ``answers`` name (RiskAnswer.in_brief_entries), once
    each: report's other hosts tell them in their rows, whose risk answers it lists no rules
    of, so a treaty named there had no sources in the report."""
    return tuple({t.id: t for a in answers for t in a.in_brief_entries()}.values())


def assess_risk(history: History, pack: Pack, *, country: str, on: dt.date,
                citizenship: str | None = None, assume: tuple[str, ...] = ()) -> RiskAnswer:
    require_citizenship(history, citizenship)  # as status does: no citizenship is assumed
    history.check_born_by(on)  # as status does: a day before the birth is no question
    check_application_kinds(history, pack)  # as status does: the same profile, refused alike
    host = fold_code(country)
    held = history.citizenships
    # an act dated after the day judged is no charge on that day: the answer for it is the one
    # without that charge, which is named apart
    charges: list[ChargeView] = []
    later: list[ChargeView] = []
    born = history.profile.person.born if history.profile and history.profile.person else None
    for c in charge_views(history, pack, on):
        c = replace(with_limitation(c, pack, on, born),
                    political=political_grounds(c, host, on, pack.treaties,
                                                shared_blocs(pack, host, c.country, on)),
                    listing=next((x for x in pack.listings if x.listing == c.wanted
                                  and x.country == c.country), None))
        (later if c.judged_on > on else charges).append(c)
    # Without --citizenship, the one whose state brings a charge: it is the state that would
    # ask for the extradition (a dual citizen's first-listed citizenship may bring none). With
    # no charge, any state whose citizen he is could ask: he is judged under a citizenship the
    # host has a policy for on the day, the passport the stay there was entered on first (as
    # `status` judges the stay under it), and each other held is told beside it. A Kyrgyz-
    # Russian in Kazakhstan on his Kyrgyz passport read "unknown", the pack having no policy
    # towards Kyrgyz citizens, though it has Kazakhstan's towards Russians
    charging = [c for c in held if c != host and any(ch.country == c for ch in charges)]
    entered = passport_recorded(history, {host}, on)
    recorded = [c for c in (entered.passport if entered else None,) if c and c != host]
    ruled = [c for c in held if c != host and has_rule_on(pack, host, "extradition", c, on)]
    ruled.sort(key=lambda c: c not in recorded)
    cit = fold_code(citizenship or (charging or ruled or recorded or held)[0])
    other_answers = (() if citizenship or charging or host in held else
                     tuple(_under(history, pack, host, on, c, assume)
                           for c in held if c != cit))
    applied, assumptions = select(pack, host, cit, assume, topics=("extradition",))
    rules = [a for a in applied if a.in_force(on)]
    reasons: list[str] = []
    level = "unknown"
    deciding: list[str] = []  # the policy judged by, and each liability that may apply
    name = country_name(host)
    # the states, besides the host and the citizenship judged, that bring a charge: each may
    # ask the host for him (the state where the act was committed, say), whatever his
    # citizenship; another state whose citizen he is too, as much as a third. A Russian-Kazakh
    # in Georgia charged by Kazakhstan read "low" with --citizenship RU, the charge "no ground
    # for extradition to the Russian Federation": --citizenship frames the answer, it does not
    # drop a charge. In a state whose citizen he is, the line below names them already.
    abroad = host not in held and cit != host
    third = list(dict.fromkeys(c.country for c in charges if abroad and c.country != host
                               and c.country != cit))
    if host in held or cit == host:
        # extradition hands a person to another state: in the state whose citizen alone he is,
        # with no other state's charge, there is none to hand him to; its own charges reach
        # him directly (listed below)
        others = [c for c in held if c != host]
        foreign = [c for c in charges if c.country != host]
        if others or foreign:
            asking = listed([country_name(c) for c in dict.fromkeys(
                [*others, *(c.country for c in foreign)])])
            reasons.append(f"unknown: you hold {possessive(name)} citizenship, and the pack "
                           f"does not say whether {name} hands its own citizens to {asking}")
        elif not history.records_charges:
            reasons.append(f"unknown: you are in {name}, whose citizen you are, and a CSV "
                           "history records no criminal charges: with no other state's charge "
                           "(give them as `charges` in a YAML or JSON profile), there would be "
                           "no state to extradite you to")
        elif not held:
            # --citizenship named the host's, and the profile lists none: another state whose
            # citizen the person also is could still ask for them
            reasons.append(f"unknown: the profile lists no citizenships, so whether a state "
                           f"besides {name} could ask for you is not known (give "
                           "person.citizenships)")
        else:
            level = "none"
            reasons.append(f"none: you are in {name}, whose citizen alone you are, and no "
                           "other state's charge is recorded: there is no state to extradite "
                           f"you to; {possessive(name)} own charges reach you directly")
    elif not rules:
        reasons.append("unknown: the rule pack has no statement of "
                       f"{possessive(name)} extradition policy towards citizens of "
                       f"{country_name(cit)} in force on {format_long(on)}")
        # the host's own charge is told whether or not the pack has its policy: a Ukrainian
        # charged by Georgia read only "unknown", as if the charge were none of its business
        reasons += [hosts_own_charge_words(c, cit) for c in charges if c.country == host]
        reasons += [listing_unknown_words(c, host, cit) for c in charges
                    if c.country == cit and c.wanted in INTERNATIONAL_LISTINGS]
    else:
        policy_rule = rules[-1]
        deciding.append(policy_rule.id)
        # a rule may rest on reported cases alone (Georgia, Kyrgyzstan): "stated" would claim a
        # statement the host never made
        reasons.append(f"{possessive(name)} stated policy or reported practice ({policy_rule.id}): "
                       f"{policy_of(policy_rule, on).summary_on(on)}")
        # Extradition is to the state of citizenship, on its charges: a charge the host itself
        # brings is no ground for it. Another state's charge, whether or not the person is its
        # citizen too, is judged apart (below): it may ask for him too.
        reasons += [hosts_own_charge_words(c, cit) for c in charges if c.country == host]
        level, lines = judged_under(
            policy_rule, cit, [c for c in charges if c.country == cit], pack, name,
            records_charges=history.records_charges, any_charge=bool(charges),
            later_than=on if later else None, on=on)
        reasons += lines
    third_states: list[ThirdStateRisk] = []
    third_rules: list[Applied] = []
    # the host's policies the level was judged under: towards the citizenship judged, where
    # the person is abroad and the pack has one, and towards each third state's requests.
    # Removals outside procedure any of them reports are told in brief, as in the reasons
    judged_by = [rules[-1]] if abroad and rules else []
    levels = [(cit, level)]
    for state in third:
        judged, lines, their_policy, assumed = third_state(
            state, [c for c in charges if c.country == state], pack, host, on, assume,
            citizen=state in held)
        reasons += lines
        third_states.append(judged)
        levels.append((state, judged.extradition))
        if their_policy is not None:
            third_rules.append(their_policy)
            judged_by.append(their_policy)
            deciding.append(their_policy.id)
        assumptions = [*assumptions, *assumed]
    if third_states:
        level = highest(lv for _, lv in levels)
        reasons.append(f"{level}: the highest level any state that may ask for you gives ("
                       + ", ".join(f"{country_name(s)} {lv}" for s, lv in levels)
                       + "); one not known outweighs any but high")
    # the treaties the reasons name are among its sources too, as `rules show ID` gives them:
    # those binding the host and a state whose charge no policy judges, first, as their
    # reasons come first
    cited: list[PackEntry] = [t for judged in third_states for t in judged.treaties]
    # the host's policy towards each state's requests that judged its charges
    policies = {**({cit: rules[-1]} if rules else {}),
                **{t.country: r for t in third_states for r in third_rules if r.id == t.rule}}
    for c in charges:
        reasons.append(charge_words(c))
        cited += [e for e in (offence_known_by(c.offence, on), c.gravity_scale)
                  if e is not None]
        # an evasion of call-up dated after liability to it ended: told beside the charge,
        # which is judged as recorded
        caution = call_up_caution_words(c)
        reasons += [caution] if caution else []
        shared = shared_blocs(pack, host, c.country, on)
        said = limitation_words(c, host, on, pack.treaties, shared,
                                _treaty_policy(policies.get(c.country), on))
        if said:
            reasons.append(said)
            cited += [c.limitation] if c.limitation is not None else []
            cited += limitation_treaties(c, host, on, pack.treaties, shared)
        told = listing_words(c, c.listing, on) if c.listing is not None else None
        if told and c.listing is not None:
            reasons.append(told)
            cited.append(known_by(c.listing, on))
        if c.political is not None:
            reasons.append(political_words(c, c.political, host))
            cited += c.political.treaties
    for c in later:
        reasons.append(f"charge under {article_words(c)}: "
                       f"the act is dated {format_long(c.judged_on)} (`committed_on`), after "
                       f"{format_long(on)}: no charge on the day judged, and the level leaves "
                       "it out")
    blocs = tuple((b.id, m.status) for b in pack.blocs for m in b.memberships_on(host, on))
    if blocs:
        reasons.append(f"{name} on {format_long(on)}: "
                       + ", ".join(f"{i} {BLOC_STATUS_WORDS[s]}" for i, s in blocs))
    elif pack.blocs:  # said, lest silence read as membership the pack does not know
        reasons.append(f"{name} on {format_long(on)}: a member of none of "
                       + listed([the_bloc(b.id) for b in pack.blocs]))
    # a CSV history holds no citizenship: the one judged (--citizenship) is the one held
    liabilities, liability_assumptions = liability_views(history, pack, held or (cit,), on,
                                                      assume)
    assumptions = [*assumptions, *liability_assumptions]
    liability_rules = [lv.rule for lv in liabilities if lv.rule is not None]
    used = {r.id for r in rules} | {r.id for r in third_rules} | {r.id for r in liability_rules}
    all_rules = tuple(rules) + tuple(third_rules) + tuple(liability_rules)
    # a liability that may apply is an answer too; one that would apply only if the person
    # served abroad decides nothing about them
    deciding += [lv.rule.id for lv in liabilities if lv.applies and lv.rule is not None]
    return RiskAnswer(on, host, cit, level, tuple(reasons), tuple(charges), blocs, liabilities,
                      all_rules, tuple(a for a in assumptions if a.rule in used),
                      records_charges=history.records_charges,
                      chosen_among_several=citizenship is None and len(held) > 1
                      and host not in held,
                      warnings=history_warnings(history, cit if citizenship else None),
                      notes=tuple(low_confidence_note(all_rules, deciding)),
                      other_citizenships=other_answers,
                      removals_reported=any(policy_of(r, on).extra_legal_removals
                                            for r in judged_by),
                      third_states=tuple(third_states),
                      code_entries=tuple({e.id: e for e in cited}.values()))


def _treaty_policy(policy: Applied | None, on: dt.date) -> str | None:
    """The id of a policy that has the host extradite under a treaty with the state asking,
    which the limitation line names where the pack's list of treaties holds none."""
    return policy.id if policy is not None and policy_of(policy, on).treaty_based else None


def _under(history: History, pack: Pack, host: str, on: dt.date, citizenship: str,
           assume: tuple[str, ...]) -> OtherCitizenshipRisk:
    """The level had the person been judged as a citizen of ``citizenship``."""
    other = assess_risk(history, pack, country=host, on=on, citizenship=citizenship,
                        assume=assume)
    policy = next((r.id for r in other.rules if r.extradition is not None), None)
    return OtherCitizenshipRisk(citizenship, other.extradition, policy,
                                None if policy else other.reasons[0])
