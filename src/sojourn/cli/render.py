"""Human answers: a plain sentence first, then the figures, then the rules relied on."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from rich.console import Console
from rich.markup import escape

from sojourn.dates import format_long as long
from sojourn.engine import Answer
from sojourn.rules.schema import Rule
from sojourn.rules.select import Applied, apply
from sojourn.stay import StayReport


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def headline(report: StayReport) -> str:
    """The one sentence a person needs first."""
    a = report.answer
    where = report.host_name
    if a.unknown and a.latest_exit is None and a.max_stay_days is None:
        return f"sojourn cannot answer for {where} on {long(a.on)}: {a.unknown}."
    if a.max_stay_days is None:
        return f"No rule in the pack limits your stay in {where} from {long(a.on)}."
    if a.max_stay_days == 0:
        if a.present:
            return f"You are over the limit in {where} on {long(a.on)}: you should leave now."
        return f"You may not stay in {where} on {long(a.on)}: the limit is used up."
    assert a.latest_exit is not None
    stay = f"until {long(a.latest_exit)} ({_days(a.max_stay_days)})"
    text = (f"You may stay in {where} {stay}." if a.present
            else f"If you enter {where} on {long(a.on)}, you may stay {stay}.")
    if a.limited_by == "planned_trip":
        text += " Your planned trips set this date: staying longer would break or block them."
    elif a.limited_by == "unknown_rules":
        text += " That is the last day the rule pack knows the rules for."
    return text


def plan_line(a: Answer) -> str | None:
    if a.length is None:
        return None
    if a.earliest_entry is None:
        why = a.unknown or "no such stay fits within the next 10 years"
        return f"No stay of {_days(a.length)} can begin from {long(a.on)}: {why}."
    end = a.earliest_entry + dt.timedelta(days=a.length - 1)
    return (f"The earliest you can enter for {_days(a.length)} is {long(a.earliest_entry)} "
            f"(staying until {long(end)}).")


def details(report: StayReport) -> list[str]:
    a = report.answer
    lines: list[str] = []
    binding = next((f for f in a.constraints if f.rule == a.binding), None)
    if binding is not None and binding.in_force_on:
        lines.append(f"Counted under {binding.rule} ({binding.label}): {binding.days_used} days "
                     f"used on {long(a.on)}, {binding.days_remaining} left.")
    elif binding is not None:
        since = next((r.valid_from for r in report.rules if r.id == binding.rule), None)
        start = f", in force from {long(since)}" if since else ""
        lines.append(f"The limit that ends your stay is {binding.rule} ({binding.label}{start}); "
                     f"it would count {binding.days_used} days on {long(a.on)}.")
    if a.length is None and a.max_stay_days == 0 and a.earliest_entry:
        lines.append(f"The earliest day you may be in {report.host_name} again is "
                     f"{long(a.earliest_entry)}.")
    reg = a.register_by
    if reg is not None:
        state = ("done" if reg.done else "OVERDUE" if reg.overdue else "not yet recorded")
        lines.append(f"Register by {long(reg.by)} ({reg.label}; {reg.rule}); {state}.")
        if not reg.holidays_known:
            lines.append("  Working days count weekends only: no holiday calendar is known.")
    for v in a.violations:
        when = "Planned overstay" if v.first_day > a.on else "Overstay"
        lines.append(f"{when}: {long(v.first_day)} to {long(v.last_day)}, {_days(v.days)}, "
                     f"up to {v.peak} days counted ({', '.join(v.rules)}).")
    for note in a.notes:
        lines.append(f"Note: {note}.")
    return lines


def rule_lines(applied: Applied) -> list[str]:
    to = long(applied.valid_to) if applied.valid_to else "open-ended"
    head = (f"[bold]{applied.id}[/bold]: {escape(applied.rule.title)}\n"
            f"    in force {long(applied.valid_from)} to {to}; confidence {applied.confidence}")
    if applied.constraints:
        head += "; " + ", ".join(c.label for c in applied.constraints)
    out = [head]
    for s in applied.sources:
        where = s.url or s.document or ""
        dated = f" ({s.date.isoformat()})" if s.date else ""
        out.append(f"    source: {escape(s.title)}{dated} {escape(where)}")
    return out


def assumption_lines(report: StayReport) -> list[str]:
    grouped: dict[tuple[str, tuple[str, ...]], list[str]] = defaultdict(list)
    for x in report.assumptions:
        grouped[(x.variant, x.alternatives)].append(x.rule)
    out = []
    for (variant, alternatives), rules in grouped.items():
        alt = " or ".join(f"--assume {n}" for n in alternatives)
        out.append(f"Warning: contested rule ({', '.join(rules)}): assumed '{variant}'; "
                   f"other accounts: {alt}.")
    return out


def print_report(report: StayReport, console: Console) -> None:
    a = report.answer
    console.print(escape(headline(report)), highlight=False)
    plan = plan_line(a)
    if plan:
        console.print(escape(plan), highlight=False)
    for line in details(report):
        console.print("  " + escape(line), highlight=False)
    if report.rules:
        console.print("\nRules relied on:", highlight=False)
        for r in report.rules:
            for line in rule_lines(r):
                console.print("  " + line, highlight=False)
    elif report.ad_hoc:
        specs = " + ".join(f"{c.spec} ({c.label})" for c in report.ad_hoc)
        console.print(f"\nAd-hoc rule: {escape(specs)}; not from the pack, no source.",
                      highlight=False)
    for line in assumption_lines(report):
        console.print(f"[yellow]{escape(line)}[/yellow]", highlight=False)


def print_rule(rule: Rule, console: Console) -> None:
    for line in rule_lines(apply(rule, rule.variant(None))):
        console.print(line, highlight=False)
    console.print(f"    host {rule.host}; citizenships {', '.join(rule.citizenships)}; "
                  f"topic {rule.topic}", highlight=False)
    if rule.note:
        console.print(f"    note: {escape(rule.note)}", highlight=False)
    for v in rule.variants:
        eff = apply(rule, v)
        to = long(eff.valid_to) if eff.valid_to else "open-ended"
        mark = " (default)" if v.default else ""
        console.print(f"    variant {v.name}{mark}: {escape(v.title or '')}; "
                      f"{long(eff.valid_from)} to {to}; confidence {eff.confidence}",
                      highlight=False)
