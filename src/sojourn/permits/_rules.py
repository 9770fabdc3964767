"""Which permit rules of the pack apply: those for a host, the one in force on a day, the
first day the pack knows a permit from, and the rule closing it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from sojourn.countries import country_name, fold_code
from sojourn.dates import format_long, within
from sojourn.rules.loader import Pack
from sojourn.rules.schema import Rule
from sojourn.rules.select import Applied, applied_as, applies_to


def permit_host(pack: Pack, country: str, on: dt.date) -> str:
    """The host whose permit rules are ``country``'s on ``on``: its own, or, where the pack
    has none for it, those of the zone it is a member of that day (Pack.judging_zone, as
    status judges a member's stays by its zone's stay rules): Germany's are the Schengen
    area's, Croatia's from 1 January 2023. A member's own permit rules, where the pack has
    some, win over the zone's: they are the more precise, as its stay rules are."""
    code = fold_code(country)
    zone = pack.judging_zone(code, on, ("permit",))
    return code if zone is None else zone.id


def permit_rules_for(pack: Pack, host: str, citizenship: str, on: dt.date) -> list[Rule]:
    """One rule per permit of ``host`` (or of the zone it is judged as part of: permit_host)
    for ``citizenship``: the one in force on ``on``, or else the first to come into force
    after it. permit_plan moves on to the rule in force on the filing day, which may come
    after ``on`` (a permit introduced between the query day and the deadline)."""
    host = permit_host(pack, host, on)
    by_name: dict[str, list[Rule]] = {}
    for rule in sorted(pack.rules, key=lambda r: r.valid_from):
        if (rule.topic == "permit" and rule.host == host and rule.permit is not None
                and applies_to(rule, citizenship)
                and (rule.valid_to is None or rule.valid_to >= on)):
            by_name.setdefault(rule.permit.name, []).append(rule)
    return [next((r for r in reversed(rules) if r.valid_from <= on), rules[0])
            for rules in by_name.values()]


def _in_force(rule: Rule, day: dt.date) -> bool:
    return within(day, rule.valid_from, rule.valid_to)


def _versions(pack: Pack, rule: Rule, citizenship: str) -> Iterator[Rule]:
    """The dated rules of the permit ``rule`` is for (same host, same permit name) that name
    ``citizenship``: another citizenship's rule for the same permit is none of them. The one
    test of "the same permit", so that the rule in force on a day and the first day the pack
    knows the permit from are sought among the same rules."""
    assert rule.permit is not None
    name = rule.permit.name
    return (r for r in pack.rules
            if r.topic == "permit" and r.host == rule.host and r.permit is not None
            and r.permit.name == name and applies_to(r, citizenship))


def version_count(pack: Pack, rule: Rule, citizenship: str) -> int:
    """How many dated rules of the permit ``rule`` is for name ``citizenship``: the most
    versions a filing day can move through before it settles (decide_filing)."""
    return sum(1 for _ in _versions(pack, rule, citizenship))


def in_force_on(pack: Pack, rule: Rule, day: dt.date, citizenship: str) -> Rule | None:
    """The rule of the same host and permit name for ``citizenship`` in force on ``day``
    (dated successors): another citizenship's rule for the same permit is no successor."""
    return next((r for r in _versions(pack, rule, citizenship) if _in_force(r, day)), None)


def other_leads(pack: Pack, rule: Rule, day: dt.date, citizenship: str
                ) -> tuple[int, tuple[str, ...]] | None:
    """Where ``rule`` gives no days before the stay ends to file by, the most the host's other
    permit rules for ``citizenship`` in force on ``day`` ask (Armenia's residence cards, 30),
    and those rules' ids: whether it asks them for this permit too, the pack does not say.
    None where ``rule`` gives its own, or no other rule asks any."""
    assert rule.permit is not None
    if rule.permit.apply_days_before_stay_ends is not None:
        return None
    leads = {r.id: r.permit.apply_days_before_stay_ends for r in pack.rules
             if r.topic == "permit" and r.host == rule.host and r.permit is not None
             and r.permit.name != rule.permit.name and applies_to(r, citizenship)
             and _in_force(r, day) and r.permit.apply_days_before_stay_ends}
    if not leads:
        return None
    most = max(d for d in leads.values() if d)
    return most, tuple(i for i, d in leads.items() if d == most)


def first_known(pack: Pack, rule: Rule, citizenship: str) -> tuple[dt.date, str]:
    """The first day the pack knows the permit of ``rule`` from for ``citizenship`` (any of
    its dated rules), and that rule's id."""
    first = min(_versions(pack, rule, citizenship), key=lambda r: r.valid_from, default=rule)
    return first.valid_from, first.id


def no_permit_rules(pack: Pack, host: str, on: dt.date | None = None) -> str | None:
    """That the pack has no permit rules for ``host`` (given ``on``, its own or else its
    zone's that day: permit_host), and the hosts it has them for; None when it has some:
    then there is a ``--permit`` to choose."""
    hosts = sorted({r.host for r in pack.rules if r.topic == "permit"})
    if (permit_host(pack, host, on) if on is not None else fold_code(host)) in hosts:
        return None
    return (f"the pack has no permit rules for {country_name(fold_code(host))} "
            f"({fold_code(host)}); it has them for {', '.join(hosts) or 'no host'}")


def permit_rules_named(pack: Pack, host: str, citizenship: str | None = None,
                       on: dt.date | None = None, assume: tuple[str, ...] = ()) -> str:
    """"permit rules there: kz-permit-temporary, ...": what --permit takes for ``host`` (for
    a citizen of ``citizenship``, if given). A rule recording a permit no longer issued is no
    route to choose; given ``on``, a route closed by one on that day is named apart, with the
    day and that rule, and one closing later says so beside it. A contested rule is judged
    by the account ``assume`` names, else its default: whether it records the permit
    refused is the account's word (tr-permit-short-term-2023's)."""
    missing = no_permit_rules(pack, host, on)
    if missing is not None:
        return missing
    where = permit_host(pack, host, on) if on is not None else fold_code(host)
    rules = [applied_as(r, assume)[0] for r in pack.rules
             if r.topic == "permit" and r.host == where
             and (citizenship is None or applies_to(r, citizenship))]
    offered: list[str] = []
    closed: list[str] = []
    for rule in rules:
        if rule.permit is None or not rule.permit.available:
            if on is None:
                offered.append(rule.id)  # no day to judge a closure on: the ids as they are
            continue
        closing = _closed_by(rules, rule, on) if on is not None else None
        if closing is None:
            offered.append(rule.id + (_in_force_words(rule, on) if on is not None else ""))
            continue
        assert on is not None
        said = f"not issued from {format_long(closing.valid_from)}: {closing.id}"
        if closing.valid_from <= on:
            closed.append(f"{rule.id} ({said})")
        else:
            offered.append(f"{rule.id} ({said})")
    whose = f" for citizens of {country_name(citizenship)}" if citizenship else ""
    if where != fold_code(host):
        # the zone's rules, lest they read as the member state's own
        whose += (f" (those of {pack.zones[where].title}, which "
                  f"{country_name(fold_code(host))} is judged as part of)")
    if not closed:
        return f"permit rules there{whose}: {', '.join(offered) or 'none in the pack'}"
    assert on is not None
    if not offered:
        return f"permit rules there{whose}: none open on {format_long(on)}; closed: " + ", ".join(
            closed)
    return (f"permit rules there{whose}: {', '.join(offered)}; closed on {format_long(on)}: "
            + ", ".join(closed))


def _in_force_words(rule: Applied, on: dt.date) -> str:
    """" (ended 31 December 2022)", " (from 1 July 2026)": a version of a permit's rules not
    in force on ``on``, which an id alone does not tell from the one that is. An end that is
    only the last day its sources show (``valid_to_basis: last_seen``) is no known end, and
    is told as every answer tells it, "to at least"."""
    if rule.valid_to is not None and rule.valid_to < on:
        if rule.last_seen:
            return (f" (in force to at least {format_long(rule.valid_to)}: no source read "
                    "shows it later)")
        return f" (ended {format_long(rule.valid_to)})"
    if rule.valid_from > on:
        return f" (from {format_long(rule.valid_from)})"
    return ""


def _closed_by(rules: Sequence[Applied], rule: Applied, on: dt.date) -> Applied | None:
    """The first rule among ``rules`` recording the permit of ``rule`` no longer issued, for
    every citizenship ``rule`` is for, in force on ``on`` or later."""
    assert rule.permit is not None
    return min((c for c in rules
                if c.permit is not None and not c.permit.available
                and c.permit.name == rule.permit.name
                and all(applies_to(c.rule, cit) for cit in rule.rule.citizenships)
                and (c.valid_to is None or on <= c.valid_to)),
               key=lambda c: c.valid_from, default=None)
