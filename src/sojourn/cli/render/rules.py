"""The pack itself: one rule as `rules show` gives it, and the grid of `rules coverage`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape

from sojourn.cli.render._common import (
    CONSTRAINT_SEPARATOR,
    constraint_words,
    rule_lines,
    say,
    source_lines,
)
from sojourn.countries import country_name
from sojourn.dates import format_long as long
from sojourn.penalties import penalty_bands
from sojourn.rules.coverage import SINCE, Cell
from sojourn.rules.schema import Rule
from sojourn.rules.select import apply
from sojourn.words import in_force, run_of_days


def print_rule(rule: Rule, console: Console) -> None:
    shown = apply(rule, rule.variant(None))
    for line in rule_lines(shown):
        console.print(line, highlight=False)
    console.print(f"    host {rule.host}; citizenships {', '.join(rule.citizenships)}; "
                  f"topic {rule.topic}", highlight=False)
    if rule.note:
        console.print(f"    note: {escape(rule.note)}", highlight=False)
    for line in penalty_bands(rule.penalty):
        console.print(f"    {escape(line)}", highlight=False)
    for v in rule.variants:
        eff = apply(rule, v)
        mark = " (default)" if v.default else ""
        # an account's own limits and sources, where they are not those shown above: the
        # caseworker follows each account, not only the default one, to what it rests on
        limits = ("; " + CONSTRAINT_SEPARATOR.join(constraint_words(c) for c in eff.constraints)
                  if eff.constraints != shown.constraints else "")
        # a variant need not have a title: "variant x (default): ; in force" read as a gap
        title = f"{escape(v.title)}; " if v.title else ""
        console.print(f"    variant {v.name}{mark}: {title}"
                      f"{in_force(eff.valid_from, eff.valid_to, last_seen=eff.last_seen)}; "
                      f"confidence {eff.confidence}{limits}",
                      highlight=False)
        if v.penalty is not None:
            for line in penalty_bands(v.penalty):
                console.print(f"      {escape(line)}", highlight=False)
        if eff.sources != shown.sources:
            for line in source_lines(eff.sources):
                console.print(f"      {line}", highlight=False)


def print_coverage(cells: Sequence[Cell], citizenship: str, on: dt.date,
                   console: Console) -> None:
    # the period judged, lest "(gaps)" read as gaps at any time
    period = _on_or_from(SINCE, on)
    say(console, f"What the pack knows for citizens of {country_name(citizenship)}, "
                 f"{period} (lowest confidence per cell; * = contested, with variants):")
    topics = list(dict.fromkeys(c.topic for c in cells))
    rows: list[tuple[str, ...]] = [("host", *topics)]
    for host in dict.fromkeys(c.host for c in cells):
        row = [host]
        for topic in topics:
            cell = next(c for c in cells if c.host == host and c.topic == topic)
            text = ("own" if cell.own else "unknown" if cell.confidence is None
                    else cell.confidence)
            if cell.gaps:
                text += " (gaps)"
            if cell.contested:
                text += "*"
            row.append(text)
        rows.append(tuple(row))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for line in rows:
        say(console, "  " + "  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True))
            .rstrip())
    if any(c.own for c in cells):
        say(console, "  own: the host's own citizens, whom its rules for foreigners do not "
                     "judge.")
    gaps = [c for c in cells if c.gaps]
    if gaps:
        say(console, "Gaps:")
        for c in gaps:
            # as every answer gives days: written out, not the --json's ISO runs
            say(console, f"  {c.host} {c.topic}: no rule "
                         + ", ".join(_on_or_from(a, b) for a, b in c.gaps))


def _on_or_from(first: dt.date, last: dt.date) -> str:
    """A period in a sentence: "on 1 January 2022" for one day, else "from 1 January 2022 to
    30 November 2026"."""
    return f"on {long(first)}" if first == last else f"from {run_of_days(first, last)}"
