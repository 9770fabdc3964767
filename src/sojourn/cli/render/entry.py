"""The answer of `entry`: whether the documents held let the person in, and why."""

from __future__ import annotations

from rich.console import Console

from sojourn.cli.render._common import (
    contested_rule_lines,
    freshness_line,
    rules_block,
    say,
    say_note,
)
from sojourn.cli.render._hosts import by_ways
from sojourn.countries import country_name
from sojourn.dates import format_long as long
from sojourn.entry import EntryAnswer
from sojourn.words import document_name, with_article


def print_entry(e: EntryAnswer, console: Console,
                others: dict[str, tuple[bool, str]] | None = None) -> None:
    """``others``: for each other account of a contested rule relied on, whether it gives the
    same answer, and that answer in brief (contested_rule_lines)."""
    verdict = {True: "Yes", False: "No", None: "Unknown"}[e.allowed]
    if e.visa_decides:  # neither a plain yes nor a no: the visa, not the pack, decides
        also = f" and {e.needs_words}" if e.needs_words else ""
        verdict = f"Yes with a visa issued by {e.visa_issued_by}{also}; without one, no"
    elif e.allowed and e.needs_words:  # a bare "Yes" left out a step to take before boarding
        verdict += f", with {e.needs_words}"
    if e.open_ways:  # a bare "Yes" above "closed to entry by land" reads as any way in
        verdict += by_ways(e.open_ways, e.unknown_ways)
    by = f" by {e.by}" if e.by else ""
    unjudged = " cannot be judged from the rule pack"
    say(console, f"{verdict}: entering {e.to_name}{by} on {long(e.on)} with "
                 f"{with_article(document_name(e.document))} as a citizen of "
                 f"{country_name(e.citizenship)}"
                 f"{'' if e.allowed is not None or e.visa_decides else unjudged}.")
    for reason in e.reasons:
        say(console, f"  - {reason}")
    for line in e.notes:
        say_note(console, line)
    freshness_line(console, e.rules, e.on)
    rules_block(console, e.rules)
    for line in contested_rule_lines(e.assumptions, others):
        say(console, line, "yellow")
