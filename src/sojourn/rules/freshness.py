"""How current the rules an answer relies on are, from the dates of their sources.

A rule with no end set is what its sources said when they were written: on a day long after
them, an answer from it is still the pack's best, but not confirmed. The pack records no
review of its own, so the only honest measure is the newest dated source of each rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sojourn.dates import format_long
from sojourn.rules.select import Applied
from sojourn.words import listed

# The corridor's rules changed about once a year (Kazakhstan 2023, Kyrgyzstan 2023 and 2024,
# Azerbaijan 2025, Kazakhstan 2026): a source older than that may have been overtaken.
STALE_AFTER = dt.timedelta(days=365)


@dataclass(frozen=True)
class Dated:
    """A rule relied on whose sources are old on the query day."""

    rule: str
    newest_source: dt.date | None  # None: no source of the rule gives a date
    undated: int = 0  # sources with no date, which may be newer


def not_confirmed(rules: Iterable[Applied], on: dt.date) -> tuple[Dated, ...]:
    """The rules that hold on ``on`` or later whose newest dated source is more than a year
    before ``on``; an undated rule counts from the day it took effect, the only date it has.
    A rule that ended before ``on`` is history, which no later source would change."""
    out: list[Dated] = []
    for a in rules:
        if a.valid_to is not None and a.valid_to < on:
            continue
        newest = max((s.date for s in a.sources if s.date), default=None)
        if on - (newest or a.valid_from) > STALE_AFTER and a.id not in {d.rule for d in out}:
            out.append(Dated(a.id, newest, sum(1 for s in a.sources if not s.date)))
    return tuple(out)


def note(items: Iterable[Dated], on: dt.date) -> str | None:
    """One line: "kz-stay-eaeu-90-180 rests on sources dated up to 17 January 2023; the pack
    has no newer source to say that it still holds on 30 November 2026"."""
    found = list(items)
    if not found:
        return None
    parts = [f"{d.rule} {'rests on' if i == 0 else 'on'} "
             + (f"sources dated up to {format_long(d.newest_source)}"
                + (f" (and {d.undated} undated)" if d.undated else "") if d.newest_source
                else "undated sources") for i, d in enumerate(found)]
    it = "they still hold" if len(found) > 1 else "it still holds"
    return (f"{listed(parts)}; the pack has no newer source to say that {it} on "
            f"{format_long(on)}")


def freshness_json(items: Iterable[Dated], on: dt.date) -> dict[str, Any]:
    found = list(items)
    return {"note": note(found, on), "rules": [
        {"rule": d.rule, "newest_source": d.newest_source.isoformat() if d.newest_source
         else None, "undated_sources": d.undated} for d in found]}
