"""What every renderer shares: day counts, printing, a rule's lines with its sources, the
contested rules relied on, and the notes on how current the rules are."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

from sojourn.countries import country_name
from sojourn.dates import format_long as long
from sojourn.engine.kinds import Constraint
from sojourn.entry._land import land_times
from sojourn.rules.freshness import Relied, not_confirmed
from sojourn.rules.freshness import note as freshness_note
from sojourn.rules.schema import (
    GravityScale,
    Limitation,
    PackEntry,
    Source,
    SourcedOffence,
    Treaty,
    WantedListing,
)
from sojourn.rules.select import Applied, Assumption
from sojourn.words import count, document_name, in_force, listed, run_of_days, with_article

if TYPE_CHECKING:  # the renderers of other answers need not load the permits
    from sojourn.permits import PermitAnswer


def days_words(n: int) -> str:
    return count(n, "day")


# Between a rule's limits: a label may hold a comma of its own ("45 days per entry, for entries
# from 15 August 2023"), so a comma between two read as one limit running into the next.
CONSTRAINT_SEPARATOR = "; "


def constraint_words(constraint: Constraint) -> str:
    """"90 days per entry, to 26 April 2023": a rule's constraint with its own last day, where
    it ends before the rule (an answer names a limit by its label: it is in force then)."""
    end = constraint.valid_to
    return constraint.label + (f", to {long(end)}" if end else "")


def rule_lines(applied: Applied, mark: str = "") -> list[str]:
    """The rule as applied, its title, days, confidence and constraints, then its sources;
    ``mark``, said after its id, what it is relied on for, where not the answer itself."""
    said = f" ({escape(mark)})" if mark else ""
    head = (f"[bold]{applied.id}[/bold]{said}: {escape(applied.title)}\n"
            f"    {in_force(applied.valid_from, applied.valid_to, last_seen=applied.last_seen)}; "
            f"confidence {applied.confidence}")
    if applied.constraints:
        head += "; " + CONSTRAINT_SEPARATOR.join(constraint_words(c) for c in applied.constraints)
    with_visa = [with_article(document_name(d.type)) for d in applied.documents
                 if d.visa_required]
    if with_visa:  # the rule's answer turns on the visa: a reader of the rule must see it
        head += f"; {listed(with_visa)} accepted only with a visa"
    # and on the document's last day, where the rule wants it valid for some time
    head += "".join(f"; {with_article(document_name(d.type))} wanted valid "
                    f"{d.valid_for.words}"
                    for d in applied.documents if d.valid_for)
    # and on what entry needs besides the document
    head += "".join(f"; {with_article(document_name(d.type))} accepted with "
                    f"{listed([n.words for n in d.also_needs])}"
                    for d in applied.documents if d.also_needs)
    # and on the ways in it is accepted by, which `entry --by` judges
    head += "".join(f"; {with_article(document_name(d.type))} accepted only {d.ways_words}"
                    for d in applied.documents if d.by)
    # and on how many entries by land it lets in without a visa a calendar year, which
    # `entry --by land` counts against the history
    head += "".join(f"; {w}" for w in land_limit_lines(applied))
    # and, of a state's own document, when it lapses by its holder's age
    if applied.document_validity is not None:
        head += f"; {applied.document_validity.words}"
    # and what a profile's permit of a kind that needs such a rule covers
    if applied.covers is not None:
        head += f"; {applied.covers.words}"
    return [head, *(f"    {line}" for line in source_lines(applied.sources))]


def land_limit_lines(applied: Applied) -> list[str]:
    """Each document's limit on entries by land without a visa a calendar year, in words."""
    return [f"{with_article(document_name(d.type))} accepted without a visa by land at most "
            f"{land_times(d.land_entries_per_year)} a calendar year"
            for d in applied.documents if d.land_entries_per_year is not None]


def code_entry_lines(entry: PackEntry) -> list[str]:
    """A criminal-code entry or a treaty as a rule's lines give a rule (`rules show`, and an
    answer's "Rules relied on"): what it is, its days in force, its confidence, its sources."""
    if isinstance(entry, Treaty):
        return treaty_lines(entry)
    state = country_name(entry.country)
    if isinstance(entry, WantedListing):
        listing = "Interpol's" if entry.listing == "interpol" else "the CIS interstate"
        return [f"{entry.id}: {listing} listings of {state}'s requests",
                f"    confidence {entry.confidence}",
                *(line for fact in entry.facts for line in (
                    f"    {long(fact.on)}: {fact.said}",
                    *(f"      {s}" for s in source_lines(fact.sources))))]
    if isinstance(entry, SourcedOffence):
        part = f" part {entry.part}" if entry.part else ""
        top = ("at most life imprisonment" if entry.life else
               f"at most {entry.max_years:g} years" if entry.max_years is not None else
               "no maximum term of years given")
        days = (f"{in_force(entry.valid_from, entry.valid_to)}; "
                if entry.valid_from is not None else "")
        political = entry.political
        return [f"{entry.id}: Criminal Code of {state}, Art. {entry.article}{part} — "
                f"{entry.title}",
                f"    {days}confidence {entry.confidence}; {top}",
                f"    penalties: {entry.penalties}",
                *(f"    {s}" for s in source_lines(entry.sources)),
                *([f"    prosecutions called political: confidence {political.confidence}; "
                   f"first so called on {long(political.since)}"
                   + (f"; {political.note}" if political.note else ""),
                   *(f"      {s}" for s in source_lines(political.sources))]
                  if political else [])]
    if isinstance(entry, Limitation):
        what = "limitation periods"
        held = "; ".join(f"{p.gravity}: {p.years} years" for p in entry.periods)
    else:
        assert isinstance(entry, GravityScale)
        what = "gravity of crimes by their maximum penalty"
        held = "; ".join(f"{b.name}: " + (f"at most {b.max_years:g} years" if b.max_years
                                          is not None else "above the band before")
                         + (" (intentional acts)" if b.intentional_only else "")
                         + (" (negligent acts)" if b.negligent_only else "")
                         for b in entry.bands)
    return [f"{entry.id}: Criminal Code of {state}, Art. {entry.article} — {what}",
            f"    confidence {entry.confidence}; {held}",
            *(f"    {s}" for s in source_lines(entry.sources))]


def treaty_lines(treaty: Treaty) -> list[str]:
    """A treaty as `rules show` gives it: its parties over time, the grounds for refusing
    extradition the pack knows it has (each with its article, or that it was not read), its
    confidence and sources."""
    parties = "; ".join(country_name(m.country) + (
        f" from {run_of_days(m.since, m.until)}" if m.since and m.until else
        f" from {long(m.since)}" if m.since else f" to {long(m.until)}" if m.until else "")
        for m in treaty.parties)
    lapse = (f"refuses extradition when a lapse of time bars the prosecution (Art. "
             f"{treaty.article})" if treaty.article else
             "ground for refusing extradition on a lapse of time: not read")
    ground = treaty.political_offence
    political = ([f"    refuses extradition {ground.refuses} ("
                  + (f"Art. {ground.article}" if ground.article else "its article not read")
                  + f"; confidence {ground.confidence})"] if ground else [])
    return [f"{treaty.id}: {treaty.title} — extradition treaty",
            f"    confidence {treaty.confidence}; parties: {parties}",
            f"    {lapse}", *political,
            *(f"    {s}" for s in source_lines(treaty.sources))]


def source_lines(sources: Sequence[Source]) -> list[str]:
    out = []
    for s in sources:
        # a document's citation is words like the title's: set apart, lest the two run on
        where = s.url or (f"— {s.document}" if s.document else "")
        # a treaty's title often carries its day already ("... (13 December 2005)"): not twice
        dated = f" ({long(s.date)})" if s.date and not _names_day(s.title, s.date) else ""
        out.append(f"source: {escape(s.title)}{dated} {escape(where)}".rstrip())
    return out


def _names_day(title: str, day: dt.date) -> bool:
    """Whether ``title`` gives ``day`` in words: a whole day, so that a title of 11 May 2025
    does not pass for one of 1 May 2025."""
    return re.search(rf"(?<!\d){re.escape(long(day))}", title) is not None


def contested_rule_lines(assumptions: Sequence[Assumption],
                         others: dict[str, tuple[bool, str]] | None = None) -> list[str]:
    """``others``: for each other account evaluated, whether it gives the same answer, and
    that answer in brief."""
    grouped: dict[tuple[str, tuple[str, ...]], list[str]] = defaultdict(list)
    for x in assumptions:
        grouped[(x.variant, x.alternatives)].append(x.rule)
    others = others or {}
    out = []
    for (variant, alternatives), rules in grouped.items():
        head = f"contested rule ({', '.join(rules)}): assumed '{variant}'"
        compared = [others[n] for n in alternatives if n in others]
        if compared and len(compared) == len(alternatives) and all(
                same for same, _ in compared):
            names = " or ".join(f"--assume {n}" for n in alternatives)
            out.append(f"Contested rule ({', '.join(rules)}): assumed '{variant}'; the other "
                       f"accounts ({names}) give the same answer here.")
            continue
        alt = " or ".join(f"--assume {n}" + (f" ({others[n][1]})" if n in others else "")
                          for n in alternatives)
        out.append(f"Warning: {head}; other accounts: {alt}.")
    return out


def compared_accounts(plans: Sequence[PermitAnswer]) -> dict[str, tuple[bool, str]]:
    """What each other account of a contested rule the ``plans`` relied on comes to, as
    :func:`contested_rule_lines` takes it."""
    return {o.variant: (o.same_as(p), o.in_brief(p)) for p in plans for o in p.other_accounts}


def say(console: Console, text: str, style: str | None = None) -> None:
    body = escape(text)
    console.print(f"[{style}]{body}[/{style}]" if style else body, highlight=False)


def _placed_after(listed: Sequence[Applied], others: Sequence[Applied]) -> list[int]:
    """Where each rule as another account applies it goes among the rules ``listed``: after
    the same rule as the account assumed applies it, else after the last of its host and
    topic (the stay rules it belongs with), else after them all. Listed last, after the
    risk rules, it read as no stay rule."""
    def place(other: Applied) -> int:
        for same in (lambda r: r.id == other.id,
                     lambda r: (r.rule.host, r.rule.topic) == (other.rule.host,
                                                               other.rule.topic)):
            found = [n for n, r in enumerate(listed) if same(r)]
            if found:
                return found[-1]
        return len(listed) - 1
    return [place(o) for o in others]


def rules_block(console: Console, rules: Sequence[Applied], title: str = "Rules relied on:",
                entries: Sequence[PackEntry] = (),
                other_accounts: Sequence[tuple[Applied, tuple[str, ...]]] = ()) -> None:
    """Each rule relied on once, with its sources; then each rule as another account of a
    contested rule applies it, which only lines told under that account rest on
    (``other_accounts``: each with the accounts, as --assume takes them), marked as such,
    unless listed above as applied alike; then each criminal-code entry and treaty
    the answer names beside them (``entries``: an offence's maximum, the limitation periods, a
    wanted list's record, an extradition treaty), with theirs: a reason naming its id or its
    title must find its source here too."""
    unique = list({r.id: r for r in rules}.values())
    listed_as = {(r.id, r.variant.name if r.variant else None) for r in unique}
    others = [(r, under) for r, under in other_accounts
              if (r.id, r.variant.name if r.variant else None) not in listed_as]
    named = list({e.id: e for e in entries if e.id not in {r.id for r in unique}}.values())
    if unique or others or named:
        say(console, "\n" + title)
        after = _placed_after(unique, [r for r, _ in others])
        for n, r in enumerate(unique):
            for line in rule_lines(r):
                console.print("  " + line, highlight=False)
            for (other, under), place in zip(others, after, strict=True):
                if place == n:
                    picks = " or ".join(f"--assume {v}" for v in under)
                    for line in rule_lines(other, f"under {picks}, another account than the "
                                                  "one assumed, for the deadlines only it gives"):
                        console.print("  " + line, highlight=False)
        for e in named:
            # set as a rule's lines are: its days and confidence under the id, the rest
            # (sources, a listing's facts) further in
            head, days, *rest = code_entry_lines(e)
            console.print(f"  [bold]{escape(e.id)}[/bold]{escape(head[len(e.id):])}",
                          highlight=False)
            for line in [days, *(f"  {more}" for more in rest)]:
                console.print(escape(line), highlight=False)


def freshness_line(console: Console, rules: Sequence[Relied], on: dt.date) -> None:
    """How current the rules are, as status says it among its notes."""
    say_note(console, freshness_note(not_confirmed(rules, on), on))


def say_note(console: Console, line: str | None) -> None:
    if line:
        say(console, f"  Note: {line}.")
