"""The pack itself: one rule as `rules show` gives it, the grid of `rules coverage`, and the
changes of `rules changes`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pydantic import BaseModel
from rich.console import Console
from rich.markup import escape

from sojourn.cli.render._common import (
    CONSTRAINT_SEPARATOR,
    code_entry_lines,
    constraint_words,
    land_limit_lines,
    rule_lines,
    say,
    source_lines,
)
from sojourn.countries import country_name
from sojourn.dates import format_long as long
from sojourn.engine.kinds import CalendarYear, PerEntry, Registration, Rolling
from sojourn.penalties import penalty_bands
from sojourn.rules.changes import Change, Difference
from sojourn.rules.coverage import SINCE, Cell
from sojourn.rules.loader import Pack
from sojourn.rules.schema import GravityScale, PackEntry, Rule
from sojourn.rules.select import Applied, apply
from sojourn.words import document_name, in_force, run_of_days


def code_entries(pack: Pack) -> dict[str, PackEntry]:
    """The pack's criminal-code entries by id: what `risk` names beside the rules ("at most
    3 years (ru-cc-207.3-1)"); and its extradition treaties, which `risk` names by title."""
    entries: list[PackEntry] = [*pack.offences, *pack.gravity, *pack.limitation,
                                *pack.listings, *pack.treaties]
    return {e.id: e for e in entries}


def print_code_entry(entry: PackEntry, console: Console) -> None:
    """A criminal-code entry (or a treaty) as `rules show` gives a rule: what it is, its days
    in force, its confidence, its sources and note."""
    lines = code_entry_lines(entry)
    lines += [f"    note: {entry.note}"] if not isinstance(entry, GravityScale) and entry.note \
        else []
    for line in lines:
        console.print(escape(line), highlight=False)


def print_rule(rule: Rule, console: Console) -> None:
    shown = apply(rule, rule.variant(None))
    for line in rule_lines(shown):
        console.print(line, highlight=False)
    console.print(f"    host {rule.host}; citizenships {', '.join(rule.citizenships)}; "
                  f"topic {rule.topic}", highlight=False)
    # whether a pending application holds the stay open, and for how long: what status
    # counts by, which a caseworker reading the rule must see
    if shown.permit is not None:
        console.print(f"    while pending: {shown.permit.while_pending_words}", highlight=False)
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
        limits += _while_pending_if_other(eff, shown)
        limits += _land_limit_if_other(eff, shown)
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


def _land_limit_if_other(account: Applied, shown: Applied) -> str:
    """An account's limit on entries by land, where it is not the one shown above: the
    account that sets none says so, as Thailand's accounts differ on nothing else."""
    own = land_limit_lines(account)
    if own == land_limit_lines(shown):
        return ""
    return "".join(f"; {w}" for w in own) or "; no limit on entries by land"


def _while_pending_if_other(account: Applied, shown: Applied) -> str:
    """An account's word on a pending application, where it is not the one shown above."""
    own = account.permit.while_pending_words if account.permit else None
    if own is None or own == (shown.permit.while_pending_words if shown.permit else None):
        return ""
    return f"; while pending: {own}"


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
                         + ", ".join(_on_or_from(a, b) + _after(by)
                                     for (a, b), by in zip(c.gaps, c.opened_by, strict=True)))


def _after(opened_by: tuple[str, bool] | None) -> str:
    """" (after th-stay-kz-ua-60-2024, whose sources show it in force to the day before
    only: it may still hold, or have changed)": a gap after a last-seen end is what the pack
    does not know, not a day the law left without a rule; " (after kz-old ended)" for a
    known end."""
    if opened_by is None:
        return ""
    rule, last_seen = opened_by
    if last_seen:
        return (f" (after {rule}, whose sources show it in force to the day before only: it "
                "may still hold, or have changed)")
    return f" (after {rule} ended)"


def _on_or_from(first: dt.date, last: dt.date) -> str:
    """A period in a sentence: "on 1 January 2022" for one day, else "from 1 January 2022 to
    30 November 2026"."""
    return f"on {long(first)}" if first == last else f"from {run_of_days(first, last)}"


def print_changes(found: Sequence[Change], host: str, citizenship: str | None,
                  first: dt.date, last: dt.date, hint: str, console: Console) -> None:
    whom = f" for citizens of {country_name(citizenship)}" if citizenship else ""
    period = _on_or_from(first, last)
    if not found:
        say(console, f"No rule of {host}{whom} in the pack begins or ends {period}{hint}.")
        return
    say(console, f"The rules of {host}{whom} that begin or end {period} (in the dates of "
                 "their default account):")
    for day in dict.fromkeys(c.day for c in found):
        say(console, long(day))
        for c in (c for c in found if c.day == day):
            x = c.rule
            if c.ends:
                # its last day, lest "ends on 31 October" read as no longer in force that day
                last_day = ("last day its sources show it in force, not a known end"
                            if x.last_seen else "its last day in force")
                say(console, f"  {x.id} ({x.rule.topic}) ends: {last_day}; {x.title}")
                for new in c.followed_by:
                    say(console, f"    followed by {new.id} from {long(new.valid_from)}")
                continue
            say(console, f"  {x.id} ({x.rule.topic}) begins: {x.title}")
            for old in c.replaced:
                say(console, f"    replaces {old.rule.id}, in force to {long(day - _DAY)}"
                             + (":" if old.differences else
                                ", with the same limits, documents and terms"))
                for d in old.differences:
                    say(console, f"      {_difference_words(d)}")


_DAY = dt.timedelta(days=1)


def _difference_words(d: Difference) -> str:
    """"permit / requirements / basis document / note: was ...; now ...": a field, through the
    keys of the items it is in, and what it held before and after."""
    # the keys in a path are mostly document types, named as answers name them
    where = " / ".join(document_name(p) for p in d.path)
    if d.before is None:
        return f"{where}, added: {_value_words(d.after)}"
    if d.after is None:
        return f"{where}, removed: {_value_words(d.before)}"
    return f"{where}: was {_value_words(d.before)}; now {_value_words(d.after)}"


def _value_words(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return long(value)
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"  # an amount: "1,000", as answers write it, not "1000.0"
    if isinstance(value, Rolling | PerEntry | CalendarYear | Registration):
        # named as `rules show` names it, with a last day of its own before the rule's: a
        # limit kept only for a while is otherwise told as removed and added unchanged
        return constraint_words(value)
    label = getattr(value, "label", None)
    if isinstance(label, str):
        return label
    words = getattr(value, "words", None)  # an entry ban, a validity: as answers word them
    if isinstance(words, str):
        return words
    if isinstance(value, BaseModel):  # its fields the pack sets, not those left to defaults
        return "; ".join(f"{document_name(k)} {_value_words(getattr(value, k))}"
                         for k, f in type(value).model_fields.items()
                         if getattr(value, k) != f.default)
    if isinstance(value, list):
        return ", ".join(_value_words(v) for v in value) or "none"
    return str(value)
