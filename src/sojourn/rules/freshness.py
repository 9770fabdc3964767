"""How current the rules an answer relies on are, from the dates of their sources.

A rule with no end set is what its sources said when they were written: on a day long after
them, an answer from it is still the pack's best, but not confirmed. The pack records no
review of its own, so the only honest measure is the newest dated source of each rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sojourn.countries import country_name, possessive
from sojourn.dates import format_long, months_after
from sojourn.rules.schema import Treaty
from sojourn.rules.select import Applied
from sojourn.words import listed

# The corridor's rules changed about once a year (Kazakhstan 2023, Kyrgyzstan 2023 and 2024,
# Azerbaijan 2025, Kazakhstan 2026): a source older than that may have been overtaken. A
# calendar year, not 365 days: a year that holds 29 February has 366.
STALE_AFTER_MONTHS = 12

# What an answer relies on and lists among its rules and entries: its rules, and the
# extradition treaties it names (risk's reasons, the report's other hosts in brief), whose
# parties and grounds change as a policy does (Russia left the Council of Europe's in 2022).
Relied = Applied | Treaty


def out_of_date(newest: dt.date, on: dt.date) -> bool:
    """Whether a source of ``newest`` is over a year old on ``on``: from the day after its
    anniversary. 29 February's anniversary in a common year is 28 February, the month's last
    day, as months_after counts a shorter month, so a source of 29 February 2024 is out of
    date from 1 March 2025."""
    return on > months_after(newest, STALE_AFTER_MONTHS)


# What a rule of each topic is to a person, who knows the host from the answer and has no use
# for the rule's id before knowing which of its parts to check: singular and plural.
_TOPIC_WORDS = {
    "stay": ("stay limit", "stay limits"),
    "registration": ("registration rule", "registration rules"),
    "entry": ("entry rule", "entry rules"),
    # the state left's rule on the documents it lets its citizens out on (topic exit)
    "exit": ("exit rule", "exit rules"),
    "border": ("border closure", "border closures"),
    "permit": ("residence permit rule", "residence permit rules"),
    # a permit of kind other need not be residence (Israel's repatriation), nor is an
    # extension of stay (Thailand's of a visa-exempt stay)
    "permit:other": ("permit rule", "permit rules"),
    "permit:extension": ("permit rule", "permit rules"),
    "extradition": ("extradition policy", "extradition policies"),
    "liability": ("criminal liability rule", "criminal liability rules"),
    # the state that issued a document: how long it serves (Russia's internal passport)
    "document_validity": ("document validity rule", "document validity rules"),
    # a permit kind that covers a stay where a treaty says so (an employment contract)
    "stay_cover": ("rule on what covers a stay", "rules on what covers a stay"),
    # a treaty binds its parties, not one host: named by no state ("the extradition treaty")
    "treaty": ("extradition treaty", "extradition treaties"),
}


@dataclass(frozen=True)
class Dated:
    """A rule relied on whose sources are old on the query day."""

    rule: str
    newest_source: dt.date | None  # None: no source of the rule gives a date
    undated: int = 0  # sources with no date, which may be newer
    host: str = ""
    topic: str = ""
    kind: str = ""  # a permit rule's kind, which words it (temporary, permanent, other)
    # the rule as another account than the one assumed applies it, whose sources were
    # weighed: the accounts, as --assume takes them (CaseReport.other_account_rules); () for
    # the rule as the answer's accounts apply it
    under: tuple[str, ...] = ()

    @property
    def named(self) -> str:
        """The rule's id as a note ends with it, with the accounts whose sources were weighed
        where they are not the ones assumed: "uz-registration-ru-15-days under --assume
        uz-seed-60-days"; the id alone read as the account assumed's rule, whose sources
        may be dated where the other's are not."""
        if not self.under:
            return self.rule
        return f"{self.rule} under {' or '.join(f'--assume {v}' for v in self.under)}"


def not_confirmed(relied: Iterable[Relied], on: dt.date) -> tuple[Dated, ...]:
    """The rules and treaties that hold on ``on`` or later whose newest dated source is more
    than a year before ``on``; an undated one counts from the day it took effect, the only
    date it has. A rule that ended before ``on`` is history, which no later source would
    change."""
    out: list[Dated] = []
    for a in relied:
        if isinstance(a, Applied) and a.valid_to is not None and a.valid_to < on:
            continue
        newest = max((s.date for s in a.sources if s.date), default=None)
        if out_of_date(newest or _took_effect(a, on), on) and a.id not in {d.rule for d in out}:
            out.append(_dated(a, newest))
    return tuple(out)


def _took_effect(a: Relied, on: dt.date) -> dt.date:
    """A rule's first day; a treaty's, the last day a party joined by ``on`` (the pack gives
    it no other: a party joining later changes nothing an answer on ``on`` rests on, and
    would read an undated treaty as new), or, with no party's day known, none: an undated
    treaty is then never confirmed."""
    if isinstance(a, Applied):
        return a.valid_from
    return max((m.since for m in a.parties if m.since and m.since <= on), default=dt.date.min)


def _dated(a: Relied, newest: dt.date | None) -> Dated:
    undated = sum(1 for s in a.sources if not s.date)
    if isinstance(a, Treaty):
        return Dated(a.id, newest, undated, topic="treaty")
    return Dated(a.id, newest, undated, a.rule.host, a.rule.topic,
                 a.permit.kind if a.permit is not None else "")


def note(items: Iterable[Dated], on: dt.date) -> str | None:
    """One line for an answer about one host, what to check first and the ids last: "the stay
    limit may be out of date: the pack's newest dated source for it is of 27 January 2023;
    check that it still holds on 30 November 2026 (kz-stay-eaeu-90-180)". Rules of several
    kinds are dated kind by kind, and rules with no dated source are said to have none: one
    date for them all read as if an undated permit rule were confirmed by the 1996
    registration law beside it."""
    found = list(items)
    if not found:
        return None
    them, hold = ("them", "they still hold") if len(found) > 1 else ("it", "it still holds")
    dated: dict[dt.date, list[str]] = {}
    undated: list[tuple[str, int]] = []
    for (host, topic), members, several in _groups(found):
        with_date = [d for d in members if d.newest_source]
        without = [d for d in members if not d.newest_source]
        for part in (with_date, without):
            if not part:
                continue
            name = _kind_name(host, topic, len(part), several)
            if with_date and without:  # one kind split: each part named by its rules
                name += f" ({', '.join(d.named for d in part)})"
            newest = max((d.newest_source for d in part if d.newest_source), default=None)
            if newest is None:
                undated.append((name, len(part)))
            else:
                dated.setdefault(newest, []).append(name)
    if len(dated) + bool(undated) == 1:  # one date, or none, for them all
        age = (f"the pack's newest dated source for {them} is of {format_long(next(iter(dated)))}"
               if dated else f"none of the pack's sources for {them} gives a date")
    else:
        # "the pack's newest dated source for A is of D1, for B of D2, and C has no dated
        # source"; newest first
        ages = [f"for {listed(names)} {'is ' if i == 0 else ''}of {format_long(day)}"
                for i, (day, names) in enumerate(sorted(dated.items(), reverse=True))]
        parts = [f"the pack's newest dated source {', '.join(ages)}"] if ages else []
        if undated:
            one = len(undated) == 1 and undated[0][1] == 1
            parts.append(f"{listed([n for n, _ in undated])} {'has' if one else 'have'} "
                         "no dated source")
        age = ", and ".join(parts)
    return (f"{_subject(found)} may be out of date: {age}; check that {hold} on "
            f"{format_long(on)} ({', '.join(d.named for d in found)})")


def _groups(found: Sequence[Dated]) -> list[tuple[tuple[str, str], list[Dated], bool]]:
    """The rules by host and what they are to a person (a permit rule by its kind), in order,
    and whether rules of several hosts are among them, so that each host must be named."""
    by_kind: dict[tuple[str, str], list[Dated]] = {}
    for d in found:
        kind = f"{d.topic}:{d.kind}"
        by_kind.setdefault((d.host, kind if kind in _TOPIC_WORDS else d.topic), []).append(d)
    several = len({host for host, _ in by_kind if host}) > 1
    return [(key, members, several) for key, members in by_kind.items()]


def _kind_name(host: str, topic: str, n: int, several: bool) -> str:
    """"the stay limit", "the stay limits", "Kazakhstan's criminal liability rules"; a
    treaty, of no host, "the extradition treaty" whatever hosts are named beside it."""
    one, more = _TOPIC_WORDS.get(topic, (f"{topic} rule", f"{topic} rules"))
    owner = possessive(country_name(host)) if several and host else "the"
    return f"{owner} {one if n == 1 else more}"


def _subject(found: Sequence[Dated]) -> str:
    """"the stay limit and the registration rule"; with rules of several hosts (a host's
    extradition policy beside a citizenship's liability), each host named: "Armenia's
    extradition policy and Kazakhstan's criminal liability rules"."""
    return listed([_kind_name(host, topic, len(members), several)
                   for (host, topic), members, several in _groups(found)])


def hosts_note(by_host: Mapping[str, Sequence[Dated]], on: dt.date) -> str | None:
    """One line for an answer about many hosts (``by_host``: each host answered for, with its
    rules found old), naming the hosts, not each rule: "the answers for AM and KZ (2 of 9
    hosts) rest in part on sources over a year older than 30 November 2026 ..."."""
    old = [host for host, found in by_host.items() if found]
    if not old:
        return None
    which = (f"all {len(old)} hosts" if len(old) == len(by_host) > 1 else
             listed(old) + (f" ({len(old)} of {len(by_host)} hosts)" if len(by_host) > 1
                            else ""))
    return (f"the answers for {which} rest in part on sources over a year older than "
            f"{format_long(on)} and may be out of date; `sojourn status --country HOST` and "
            "`sojourn entry --to HOST` name the rules")


def freshness_json(items: Iterable[Dated], line: str | None) -> dict[str, Any]:
    """``line``: the note the text answer prints for ``items``."""
    return {"note": line, "rules": [
        {"rule": d.rule, "host": d.host or None, "topic": d.topic,
         "newest_source": d.newest_source.isoformat() if d.newest_source else None,
         "undated_sources": d.undated,
         # the accounts (as --assume takes them) whose sources were weighed, where they are
         # not the ones assumed; else null
         "under_accounts": list(d.under) or None} for d in items]}
