"""The table of `destinations`: where the person may go on a day, with the documents held."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from rich.console import Console

from sojourn.cli.render._common import days_words, say
from sojourn.cli.render._hosts import (
    CONTESTED_LEGEND,
    bans_said,
    contested,
    ended_legends,
    ended_mark,
    entry_needs,
    exit_cautions,
    hosts_freshness_line,
    leaving_lines,
    overstay_runs,
    summons_lines,
)
from sojourn.countries import country_name
from sojourn.dates import format_long as long
from sojourn.destinations import Destination, document_end, exit_said
from sojourn.entry import beside_the_point
from sojourn.report import partly_refused_because
from sojourn.summonses import KeptInNotice
from sojourn.words import document_name, listed


def print_destinations(items: Sequence[Destination], on: dt.date, console: Console,
                       ended: Sequence[tuple[str, dt.date]] = (),
                       summonses: Sequence[KeptInNotice] = ()) -> None:
    """The table of hosts; ``ended``: the profile's travel documents that ended before ``on``
    where it holds none valid (destinations.ended_documents), which explain an "unknown"
    everywhere; ``summonses``: the summonses and restrictions on leaving the profile records
    (kept_in_notices), of which a state
    the person is away from would keep them in on returning."""
    say(console, f"Where you may go on {long(on)}, with the documents you hold:")
    rows = [("host", "enter?", "with", "may stay", "until")]
    for d in items:
        a = d.stay.answer if d.stay else None
        allowed = {True: "yes", False: "no", None: "unknown"}[d.allowed]
        if d.open_ways:  # a closure shuts the other ways in (Azerbaijan: air alone)
            allowed += f" ({'/'.join(d.open_ways)})"
        if entry_needs(d):
            allowed += NEEDS_MARK
        stay = ("unknown" if a is None or (a.unknown and a.max_stay_days is None) else
                "no limit" if a.max_stay_days is None else days_words(a.max_stay_days))
        until = (long(a.latest_exit) if a and a.latest_exit else
                 # "0 days" and "-" said neither that the count is used up nor when one may
                 # come back, which `status` and `report` both say
                 f"none before {long(a.earliest_entry)}" if a and a.max_stay_days == 0
                 and a.earliest_entry else "-")
        if d.stay is not None and d.stay.held_open_by is not None and a and a.latest_exit:
            # every day the application is pending is covered: the limit's day is the last
            # only were it refused on the day (_held_open says so beneath)
            stay, until = "while pending", f"{long(a.latest_exit)} if refused"
        stay += (ended_mark(d) + ("*" if contested(d) else "")
                 + (OVERSTAY_MARK if a and a.violations else ""))
        if d.allowed is not True and (stay, until) != ("unknown", "-"):
            # what the stay rules would allow, were the person let in: not a way to go
            stay, until = f"({stay})", f"({until})" if until != "-" else until
        here = " (you are here)" if d.here else ""
        rows.append((f"{d.host}{here}", allowed, d.document_named, stay,
                     until))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        say(console, "  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True))
            .rstrip())
    say(console, "  'enter?' comes from the pack's entry rules; run `sojourn entry` for the "
                 "reasons.")
    for d in items:
        if d.status_citizenship and d.citizenship:
            # a dual citizen where they are: the row and `status` may judge different passports
            say(console, f"  In {d.host}, where you are, you are judged as a citizen of "
                         f"{country_name(d.citizenship)}, whose passport the pack's entry rules "
                         f"admit; `sojourn status --country {d.host}` judges you as a citizen "
                         f"of {country_name(d.status_citizenship)}. The passport you entered on "
                         "decides: give --citizenship to choose.", "yellow")
    if any(d.allowed is not True for d in items):
        say(console, "  (in brackets) what the stay rules would allow where entry is refused "
                     "or unknown with these documents.")
    if items and not any(d.entry for d in items) and ended:
        # a profile's document that has ended is no CSV history's gap: renewing it comes first,
        # as report's "Where else" says
        said = listed([f"{document_name(t)} ended on {long(day)}" for t, day in ended])
        say(console, f"  Your {said}, and the profile holds no other valid travel document: "
                     "renew it first, or name another with --document.", "yellow")
    elif items and not any(d.entry for d in items):
        # every "unknown" above would otherwise read as the pack's gap, not the input's
        say(console, "  No travel document valid on that day is given (a CSV history holds "
                     "none): name yours with --document, e.g. --document internal_passport.",
            "yellow")
    for line in ended_legends(items):
        say(console, line)
    if needs := _needs_legend(items):
        say(console, needs, "yellow")
    if any(contested(d) for d in items):
        say(console, CONTESTED_LEGEND, "yellow")
    for line in _held_open(items):
        say(console, line)
    for line in (_exit_refusals(items) + exit_cautions(items)
                 + summons_lines(summonses, inside=False) + _outlasted_documents(items)
                 + _unmet_conditions(items) + _partly_refused(items)):
        say(console, line, "yellow")
    if overstays := _overstays(items):
        say(console, f"  {OVERSTAY_MARK} {overstays}; "
                     "`sojourn status --country HOST` gives the penalty the pack knows.",
            "yellow")
    hosts_freshness_line(console, items, on)


# the mark of a "yes" that needs more than the document, got before travel or at the border
NEEDS_MARK = "+"


def _needs_legend(items: Sequence[Destination]) -> str:
    """"+ entry needs more than the document: IL an ETA-IL ... applied for before you travel
    (ILS 25)"; "" when no host of ``items`` does."""
    said = [f"{d.host} {needs}" for d in items if (needs := entry_needs(d))]
    return (f"  {NEEDS_MARK} entry needs more than the document: {'; '.join(said)}; "
            "`sojourn entry` gives the rule." if said else "")


def _held_open(items: Sequence[Destination]) -> list[str]:
    """A line for the host where a pending application holds the stay open, as `status`
    says it: the row's "while pending" and its day "if refused" read as a limit otherwise."""
    lines = []
    for d in items:
        if d.stay is None or (cover := d.stay.held_open_by) is None:
            continue
        a = d.stay.answer
        if a.latest_exit is None or a.max_stay_days is None:
            continue
        lines.append(f"  {d.host}: you may stay {cover.while_pending}; were it refused on "
                     f"{long(a.on)}, you could stay until {long(a.latest_exit)} "
                     f"({days_words(a.max_stay_days)}).")
    return lines


def _exit_refusals(items: Sequence[Destination]) -> list[str]:
    """A line for each exit rule that keeps the person from leaving the state they are in on
    a document held, with the hosts it shuts: the "no" above reads as theirs, and one line
    a host would say the same thing a dozen times."""
    shut: dict[tuple[str, str], list[str]] = defaultdict(list)
    for d in items:
        if d.allowed is not True:
            for e in d.entry:
                if ((x := e.exit_refused) is not None and not beside_the_point(e, d.entry)
                        and d.host not in shut[(x.state, exit_said(x))]):
                    shut[(x.state, exit_said(x))].append(d.host)
    # a dual citizen's other passport is refused for what his own state's document is
    # (entry.with_exit): that document's refusal, said within, is not said again beside it
    # where it shuts no other host
    said = {key: hosts for key, hosts in shut.items()
            if not any(other != key and other[0] == key[0] and key[1] in other[1]
                       and set(hosts) <= set(shut[other]) for other in shut)}
    return leaving_lines(said, len(items))


def _unmet_conditions(items: Sequence[Destination]) -> list[str]:
    """A line for each document a host refuses for a condition unmet (EntryAnswer.
    unmet_conditions: a visa not held, a passport ending too soon), in the words the report
    gives: the "no" above reads as the host refusing the document itself."""
    return [f"  {d.host} {unmet}." for d in items if d.allowed is False for e in d.entry
            for unmet in e.unmet_conditions]


def _partly_refused(items: Sequence[Destination]) -> list[str]:
    """A line for each host whose "unknown" hides a refusal: a document held is refused, and
    whether the others let the person in, the pack does not know."""
    return [f"  {d.host}: {partly_refused_because(d)}." for d in items if d.partly_refused]


def _outlasted_documents(items: Sequence[Destination]) -> list[str]:
    """A line for each document that ends before stays shown on it would: "may stay" there
    is the stay rules' answer, not what a passport about to expire allows."""
    # hosts grouped by the document and how its end is said ("ends on ...", or "lapses on
    # ... (it must be replaced when you turn 45, ...)" as status says it)
    hosts: dict[tuple[str, str], list[str]] = defaultdict(list)
    lines = []
    for d in items:
        if not (d.outlasts_document and d.document_expires and d.stay):
            continue
        document = d.document_alone
        end = document_end(d.stay, d) if d.here else None
        if end is not None and end.before_latest_exit:
            # where the person is, the row keeps the stay rules' answer, as `status` does (the
            # entry was made, and a passport renewed lets the stay go on), and says what status
            # says beneath it
            lines.append("  " + end.outlasted_words(
                d.name, f"the stay shown in {d.host}, where you are,", document=document))
        else:
            hosts[(document, d.document_ends_on(d.stay.answer.on))].append(d.host)
    unlimited: dict[tuple[str, str], list[str]] = defaultdict(list)
    for d in items:
        if d.no_limit_document_end is not None and d.stay is not None:
            unlimited[(d.document_alone, d.document_ends_on(d.stay.answer.on))].append(d.host)
    return [*lines, *(f"  Your {document} {ends}, before the stay shown in "
                      f"{listed(names)} would end: the pack has no rule on how long a host "
                      "wants a passport to stay valid, and some ask for months beyond the "
                      "stay; check the host's rules."
                      for (document, ends), names in hosts.items()),
            *(f"  Your {document} {ends}: no rule limits the stay in "
              f"{listed(names)}, but it needs a valid travel document, so a stay there on "
              "it ends by that day."
              for (document, ends), names in unlimited.items())]


# the mark of a host where the history overstayed, or the trips plan to: a "yes" to entry
# says nothing of the fine or entry ban an overstay there may have brought, or will
OVERSTAY_MARK = "!"

# the overstays made (begun by the day asked) and those the trips only plan, each said in its
# tense, as the report's "Where else" says them (overstay_runs): "your history has" one the
# trips plan read as one already made
OVERSTAY_TENSES = (("your history has an overstay there", False),
                   ("your trips plan an overstay there", True))


def _overstays(items: Sequence[Destination]) -> str:
    """"your history has an overstay there: KZ 2 May to 15 June 2023 (45 days)", for every
    host of ``items`` with an overstay made, with the entry bans it brings that run on the day
    ("TH ... (1847 days): entry barred until 28 February 2037 (th-penalty-overstay)"), and
    "your trips plan an overstay there: RS 31 January 2027 (1 day)" for those the trips plan;
    "" where there is none."""
    said = []
    for heading, planned in OVERSTAY_TENSES:
        hosts = [f"{d.host} {listed(runs)}{bans_said(d) if _bans_with(d, planned) else ''}"
                 for d in items if (runs := overstay_runs(d, planned=planned))]
        if hosts:
            said.append(f"{heading}: {'; '.join(hosts)}")
    return "; ".join(said)


def _bans_with(d: Destination, planned: bool) -> bool:
    """Whether ``d``'s bans (bans_said) are said beside its planned overstays (``planned``)
    or its others: beside those made where there are any, as a ban running on the day is
    theirs; beside the planned ones only for a host with none made."""
    return planned != bool(overstay_runs(d, planned=False))
