"""A host as a list of hosts says it (the table of `destinations`, the case report's "Where
else"): the ways in, what entry needs, overstays, the marks of a stay ended sooner and their
legends, and what the state left says of leaving it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence

from rich.console import Console

from sojourn.cli.render._common import days_words, say_note
from sojourn.countries import country_name
from sojourn.dates import format_long as long
from sojourn.destinations import Destination, exit_said, not_confirmed_by_host
from sojourn.penalties import barring, cannot_tell
from sojourn.rules.freshness import Relied, hosts_note
from sojourn.stay import unrecorded_registration
from sojourn.summonses import KeptInNotice
from sojourn.words import days_named, document_name, listed, sentence


def by_ways(open_ways: Sequence[str], unknown_ways: Sequence[str]) -> str:
    """", by air only" where a closure shuts the other ways in; ", by air; by land, rail or
    sea not known" where one may still shut them: "only" would say they are shut."""
    by = f", by {' or '.join(open_ways)}"
    unknown = list(unknown_ways)
    either = ", ".join(unknown[:-1]) + " or " + unknown[-1] if len(unknown) > 1 else "".join(
        unknown)
    return f"{by}; by {either} not known" if unknown else f"{by} only"


def entry_needs(d: Destination) -> str:
    """What entry to ``d`` on the document relied on needs besides it and a visa, in words;
    "" when nothing."""
    return d.entered.needs_words if d.entered else ""


def overstay_runs(d: Destination, *, planned: bool | None = None) -> list[str]:
    """Each overstay of the history in ``d``'s host: "2 May to 15 June 2023 (45 days)",
    "20 October 2026 (1 day)" (one day named once, as `status` names it). With ``planned``,
    only those the trips plan (begun after the day judged, as status's "Planned overstay"),
    or only the others."""
    if d.stay is None:
        return []
    a, host = d.stay.answer, d.stay.host
    return [f"{days_named(v.first_day, v.last_day)} ({days_words(v.days)}"
            + (f"; {unrecorded_registration(m, host, in_part=set(v.rules) != {m.rule})}"
               if (m := v.missed_registration) is not None else "") + ")"
            for v in a.violations if planned is None or (v.first_day > a.on) == planned]


def bans_said(d: Destination) -> str:
    """": entry barred until 28 February 2037 (th-penalty-overstay)", or each ban that may
    run on the day with the last day it could run to; "" where none runs."""
    bans = d.stay.bans_on if d.stay else ()
    barred = barring(bans)
    # a bar from the shortest of a band's cases holds in any case, the others may run longer
    said = ([f"entry barred until {long(barred.last_day)}"
             + (" at least" if barred.ban.condition else "")] if barred and barred.last_day
            else [b.ban.words + (f" to {long(b.last_day)}" if b.last_day else "")
                  for b in bans])
    rules = listed(list(dict.fromkeys(b.rule.id for b in bans)))
    told = [f"{listed(said)} ({rules})"] if said else []
    # an overstay whose ban the pack cannot tell: the stay beside it is the stay rules' alone
    unknown = d.stay.bans_unknown if d.stay else ()
    runs = d.stay.answer.violations if d.stay else ()
    if unknown and len(unknown) == len(runs):
        brings = "it brings" if len(unknown) == 1 else "they bring"
        # overstays under one rule for one cause share a reason: it is said once
        reasons = dict.fromkeys(u.reason for u in unknown)
        told.append(f"the pack cannot tell whether {brings} an entry ban "
                    f"({'; '.join(reasons)})")
    elif unknown:
        # "they" would take in every overstay listed, some of which bring a ban the pack
        # knows, or none yet (planned): each is named
        told.append(cannot_tell(unknown))
    return f": {'; '.join(told)}" if told else ""


# the mark of a stay ended sooner than the host's rules would, by what ends it: in a table of
# hosts, a short stay everywhere would read as every host's rules
ENDED_MARKS = {"planned_trip": "†", "visa": "‡", "document": "§"}


def ended_mark(d: Destination) -> str:
    """The mark of ``d``'s stay when the person's planned trips or visa end it, not the host's
    rules (ENDED_MARKS); "" otherwise."""
    return ENDED_MARKS.get(d.stay.answer.limited_by, "") if d.stay else ""


def ended_legends(items: Sequence[Destination]) -> list[str]:
    """A line for each mark of ENDED_MARKS that some of ``items`` bear."""
    marked = {ended_mark(d) for d in items}
    return [legend(items) for why, legend in (("planned_trip", _planned_legend),
                                              ("visa", _visa_legend),
                                              ("document", _document_legend))
            if ENDED_MARKS[why] in marked]


def _document_legend(items: Sequence[Destination]) -> str:
    """"§ ended sooner than the host's rules would, by how long the host wants your document
    valid: SCHENGEN 3 months beyond the day you leave (international passport to 1 May 2027)".
    Each host's length in its rule's words: "GE 0 days" read as a slip for "through the day
    you leave"."""
    ended = [(d, e) for d in items if ended_mark(d) == ENDED_MARKS["document"]
             and (e := d.entered) is not None and e.valid_for]
    said = list(dict.fromkeys(
        f"{d.host} {e.valid_for.words} ({document_name(e.document)} to "
        f"{long(e.document_expires)})" for d, e in ended if e.valid_for and e.document_expires))
    return (f"  {ENDED_MARKS['document']} ended sooner than the host's rules would, by how long "
            f"the host wants your document valid: {listed(said)}; "
            "`sojourn entry` gives the rule.")


def _visa_legend(items: Sequence[Destination]) -> str:
    """"‡ ended sooner than the host's rules would, by your visa's expiry: DE visa to
    1 August 2025"."""
    visas = list(dict.fromkeys(f"{issuer} visa to {long(last)}" for d in items
                               if ended_mark(d) == ENDED_MARKS["visa"]
                               for issuer, last in [_ending_visa(d)] if last))
    whose = "visas'" if len(visas) > 1 else "visa's"
    return (f"  {ENDED_MARKS['visa']} ended sooner than the host's rules would, by your "
            f"{whose} expiry: {listed(visas)}.")


def _ending_visa(d: Destination) -> tuple[str | None, dt.date | None]:
    """The issuer and last day of the visa that ends ``d``'s stay: the one its entry relies
    on, or, where the entry needs none (a Russian in Vietnam), the host's own visa the stay
    was entered on, whose end cut its visa rule's limit (LimitFigures.visa_ends)."""
    if d.visa_expires is not None:
        return d.visa_from, d.visa_expires
    binding = d.stay.answer.binding_figures if d.stay else None
    return d.host, binding.visa_ends if binding else None


def _planned_legend(items: Sequence[Destination]) -> str:
    trips = list(dict.fromkeys(str(d.stay.planned_trip) for d in items
                               if ended_mark(d) == ENDED_MARKS["planned_trip"] and d.stay
                               and d.stay.planned_trip))
    # "your planned trips to A from ... and to B from ...", not "your planned trip to A from
    # ... and planned trip to B from ...", whose second trip read as no longer the person's
    # (a trip begun on the day is "trip to A ...", PlannedTrip.begun)
    places = [t.removeprefix("planned trip ").removeprefix("trip ") for t in trips]
    which = (f"planned trips {listed(places)}"
             if len(trips) > 1 else trips[0] if trips else "planned trips")
    return (f"  {ENDED_MARKS['planned_trip']} ended sooner than the host's rules would, by "
            f"your {which}; "
            "`sojourn status --country HOST` says how.")


CONTESTED_LEGEND = ("  * assumes one side of a contested rule; `sojourn status --country HOST` "
                    "and `sojourn entry` name it and the other accounts.")


def leaving_lines(said: dict[tuple[str, str], list[str]], hosts_shown: int) -> list[str]:
    """"Leaving STATE (for HOSTS): REASON." for each (state, reason) with its hosts."""
    # a summons keeps the person in for every host: nineteen codes would say less than words
    return [f"  Leaving {country_name(state)} (for "
            f"{'every host above' if 1 < len(hosts) == hosts_shown else ', '.join(hosts)})"
            f": {reason}." for (state, reason), hosts in said.items()]


def exit_cautions(items: Sequence[Destination]) -> list[str]:
    """A line for each caution an exit rule gives (a charge of the state left, which may
    restrict leaving), with the hosts it is said for: the "yes" above does not say it."""
    said: dict[tuple[str, str], list[str]] = defaultdict(list)
    for d in items:
        for e in d.entry:
            for x in e.exits:
                if x.caution and d.host not in said[(x.state, exit_said(x))]:
                    said[(x.state, exit_said(x))].append(d.host)
    return leaving_lines(said, len(items))


def _told_below(d: Destination) -> set[str]:
    """The exit rules whose check of the person himself (a summons, a restriction on leaving,
    whatever the document) judged ``d``'s entry: the lines under the list tell each once for
    every host, with the account assumed and the day under each (exit_said), so a row's answer
    resting on their account is not the row's own doubt. A rule that also judged a document
    is not among them: that check is the row's."""
    person = {x.rule for e in d.entry for x in e.exits if not x.of_document}
    return person - {x.rule for e in d.entry for x in e.exits if x.of_document}


def contested(d: Destination) -> bool:
    """Whether the answer for ``d`` (its entry or its stay) takes one side of a contested
    rule, as the assumptions listed with it say, other than the exit rules told once for
    every host below the list (_told_below): starred for those, every row read as uncertain
    when one thing was, whether the person may leave."""
    below = _told_below(d)
    return bool(d.stay and d.stay.assumptions) or any(
        x.rule not in below for e in d.entry for x in e.assumptions)


def hosts_freshness_line(console: Console, items: Sequence[Destination], on: dt.date,
                         named: Mapping[str, Sequence[Relied]] | None = None) -> None:
    """The same for a list of hosts: one line naming the hosts, not a rule list per row
    (``named``: what else each host's line relies on, not_confirmed_by_host)."""
    say_note(console, hosts_note(not_confirmed_by_host(items, on, named), on))


def summons_lines(notices: Sequence[KeptInNotice], *, inside: bool) -> list[str]:
    """A line for each summons or restriction on leaving of ``notices`` told where the person
    is (``inside`` the state: until when it keeps him in; else: returning there would)."""
    return [f"  {sentence(n.at_home) if inside else 'Note: ' + n.abroad}."
            for n in notices if n.inside == inside]
