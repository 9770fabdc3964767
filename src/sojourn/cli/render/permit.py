"""The answer of `permit`: whether a residence permit is feasible, and its steps by day."""

from __future__ import annotations

import datetime as dt

from rich.console import Console

from sojourn.cli.render._common import (
    compared_accounts,
    contested_rule_lines,
    freshness_line,
    rules_block,
    say,
    say_note,
)
from sojourn.countries import country_name, is_named
from sojourn.dates import format_long as long
from sojourn.permits import Estimate, PermitAnswer, estimate_words
from sojourn.permits import Step as PermitStep
from sojourn.words import check_estimate, count, document_name, listed, noun, sentence


def print_permit(p: PermitAnswer, console: Console, with_rules: bool = True) -> None:
    permit = p.rule.permit
    assert permit is not None
    verdict = {True: "Feasible", False: "Not feasible", None: "Unknown"}[p.feasible]
    # "Permanent residence permit (Kazakhstan)" says where already
    _, _, place = permit.name.removesuffix(")").rpartition(" (")
    where = "" if permit.name.endswith(")") and is_named(place, p.country) else (
        f" in {country_name(p.country)}")
    said = ("Not needed" if p.citizen else "Held already" if p.held_extension
            else "Filed late" if p.filed_late
            else "Filed already" if p.pending_application else verdict)
    say(console, f"{said}: {permit.name}{where}. {p.verdict}")
    if p.citizen or p.held_extension or p.pending_application:
        # a filing in time under one account of its deadline and late under another: the
        # contested-rule line names the account assumed, as status's does
        for line in contested_rule_lines(p.accounts(), compared_accounts([p])):
            say(console, line, "yellow")
        return
    if p.missing:
        say(console, "  Missing documents: " + ", ".join(document_name(r.document)
                                                         for r in p.missing))
    # once the day to file is past, "start as soon as you can" would contradict the verdict
    filing_late = any(s.document is None and s.too_late for s in p.steps) or bool(
        p.apply_on and p.apply_on < p.on)
    for s in p.steps:
        if s.check is not None:  # a condition to check, no document to get: no lead time
            say(console, f"  - {s.what}: {s.check}")
            continue
        lead = ("lead time unknown" if s.lead_days is None else
                count(s.lead_days, "working day" if s.lead_unit == "working" else "day"))
        when = (f"start by {long(s.start_by)}" if s.start_by else
                "too late for this stay" if filing_late else "start as soon as you can")
        # a day asked for is the day to file; else the deadline, or with no deadline from
        # the stay (or none before the pack knows the permit), the first day that works
        how = "on" if p.chosen else "by" if p.legal_stay_ends and not p.opens_on else "from"
        if s.document is None and (s.start_by or s.cannot_file):
            # filing: its lead time is the processing time; a plan that cannot work says why,
            # not a day to file by
            lead = ("processing time unknown" if s.lead_days is None else
                    "decided the same day" if s.lead_days == 0 else f"processing {lead}")
            when = (f"file {how} {long(s.start_by)}" if s.start_by else
                    f"no day to file: {s.cannot_file}")
        if s.closed:
            when += f" ({s.closed})"
        late = " - TOO LATE" if s.too_late else ""
        # decided the same day, the day it comes is the filing day, already named
        if s.document is None and p.issued_about and not s.too_late and s.lead_days != 0:
            late += f"; issued about {long(p.issued_about)}"
            if p.issued_after_legal_stay:
                late += _after_legal_stay(p)
        if p.planned_file_by and p.apply_on and s.planned_start_by and not s.too_late:
            late += _planned_step(s, p.planned_file_by, f"{how} {long(p.apply_on)}", p.on)
        say(console, f"  - {s.what}: {lead}; {when}{late}")
        if s.how:
            say(console, f"      how: {s.how}")
        if s.note:
            say(console, f"      note: {s.note}")
    estimated = _estimated_days(p, "on" if p.chosen else "by" if p.legal_stay_ends
                                and not p.opens_on else "from")
    if estimated:
        say(console, f"  {estimated}")
    if permit.fee:
        say(console, f"  Fee: {permit.fee}")
    for line in p.later_notes:
        say_note(console, line)
    if not with_rules:
        return
    freshness_line(console, p.rules, p.rules_judged_on)
    rules_block(console, p.rules)
    for line in contested_rule_lines((*p.assumptions, *p.stay.assumptions), compared_accounts([p])):
        say(console, line, "yellow")


def _after_legal_stay(p: PermitAnswer) -> str:
    """The filing step's word on an issue day after the legal stay ends; where a pending
    application holds the stay open, the day it ends only were it refused, and how long it
    holds it, as the verdict says them: "after your legal stay ends" read as a stay over."""
    cover, ends = p.stay.held_open_by, p.legal_stay_ends
    said = (", after your legal stay ends" if cover is None or ends is None else
            f", after {cover.were_refused(ends)}, and it holds the stay open "
            f"{cover.while_it_is_pending}")
    # the application's own cover, where its rule gives one: to the issue day, or to its cap
    own = p.pending_cover
    if own is None or p.issued_about is None:
        return said
    this = "the application" if cover is None else "this new application"
    if p.covered_to_issue:
        return f"{said}; {this} holds the stay open {own.words}"
    return f"{said}; {this} holds the stay open {own.words}, before the permit comes"


def _estimated_days(p: PermitAnswer, how: str) -> str | None:
    """The days of the plan that are estimates, and why, in one sentence, as status says it
    of a registration deadline, and what to do about them, as it says it too: check those
    ahead nearer the day, those passed against the days offices were closed; None when every
    day is exact. ``how``: the filing day's word, as its step says it ("by", "on", "from")."""
    why_days: dict[str, list[str]] = {}
    days: list[dt.date] = []

    def add(estimate: Estimate, what: str, day: dt.date) -> None:
        why_days.setdefault(estimate_words(estimate), []).append(what)
        days.append(day)

    for s in p.steps:
        if s.start_by is not None and s.estimate:
            what = f"file {how}" if s.document is None else f"{s.what} by"
            add(s.estimate, f"to {what} {long(s.start_by)}", s.start_by)
        if s.planned_start_by is not None and s.planned_estimate and not s.too_late:
            what = (f"file by {long(s.planned_start_by)} during this stay as planned"
                    if s.document is None else f"{s.what} by {long(s.planned_start_by)} to "
                    f"file by {long(p.planned_file_by or s.planned_start_by)} as planned")
            add(s.planned_estimate, f"to {what}", s.planned_start_by)
    if p.in_time_if_filed_by is not None and p.in_time_estimate:
        assert p.legal_stay_ends is not None
        add(p.in_time_estimate, f"to file by {long(p.in_time_if_filed_by)} to have the permit "
            f"by {long(p.legal_stay_ends)}", p.in_time_if_filed_by)
    if not why_days:
        return None
    said = [f"the day {what[0]} is an estimate: {why}" if len(what) == 1 else
            f"the days {listed(what)} are estimates: {why}" for why, what in why_days.items()]
    text = "; ".join(said)
    passed = [d for d in days if d < p.on]
    ahead = [d for d in days if d >= p.on]
    if passed and ahead:
        check = ", and ".join(
            check_estimate(group[0], p.on, f"the {noun(len(group), 'day')} {when}")
            for group, when in ((passed, "passed"), (ahead, "ahead")))
    else:
        check = check_estimate(days[0], p.on, "them" if len(days) > 1 else "it")
    return f"{sentence(text)}; {check}."


def _planned_step(s: PermitStep, file_by: dt.date, filing: str, on: dt.date) -> str:
    """What follows a step's day when the planned trips end the stay before the filing day
    (``filing``: "by 23 December 2022"): which filing day that day is counted from, and the
    day to start (or file) by to file during the stay as planned, ``file_by``."""
    assert s.planned_start_by is not None
    why = f" ({s.planned_closed})" if s.planned_closed else ""
    if s.document is None:
        return f"; or file by {long(file_by)} during this stay as planned{why}"
    if s.planned_start_by < on:
        return (f" to file {filing}; too late to file by {long(file_by)} as planned (that "
                f"needed a start by {long(s.planned_start_by)})")
    return (f" to file {filing}, or by {long(s.planned_start_by)} to file by {long(file_by)} "
            f"as planned{why}")
