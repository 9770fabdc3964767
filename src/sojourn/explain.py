"""Answers as plain JSON-ready dicts: the keys DESIGN.md "Interfaces" promises."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sojourn.engine import LimitFigures, Violation
from sojourn.rules.schema import Rule, Source
from sojourn.rules.select import Applied, apply
from sojourn.stay import StayReport


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def violation_json(v: Violation) -> dict[str, Any]:
    return {"first_day": _iso(v.first_day), "last_day": _iso(v.last_day), "days": v.days,
            "peak": v.peak, "rules": list(v.rules)}


def source_json(s: Source) -> dict[str, Any]:
    return {"title": s.title, "url": s.url, "document": s.document, "date": _iso(s.date)}


def applied_json(a: Applied) -> dict[str, Any]:
    return {
        "id": a.id, "title": a.rule.title, "host": a.rule.host, "topic": a.rule.topic,
        "valid_from": _iso(a.valid_from), "valid_to": _iso(a.valid_to),
        "confidence": a.confidence, "constraints": [c.spec for c in a.constraints],
        "variant": a.variant.name if a.variant else None,
        "sources": [source_json(s) for s in a.sources], "note": a.rule.note,
    }


def rule_json(rule: Rule) -> dict[str, Any]:
    """A pack rule as written, with each variant's effective dates, constraints and sources."""
    out = applied_json(apply(rule, rule.variant(None)))
    out["citizenships"] = list(rule.citizenships)
    out["variants"] = []
    for v in rule.variants:
        eff = apply(rule, v)
        out["variants"].append({
            "name": v.name, "default": v.default, "title": v.title,
            "valid_from": _iso(eff.valid_from), "valid_to": _iso(eff.valid_to),
            "confidence": eff.confidence, "constraints": [c.spec for c in eff.constraints],
            "sources": [source_json(s) for s in eff.sources]})
    return out


def _figures_json(f: LimitFigures) -> dict[str, Any]:
    return {
        "rule": f.rule, "constraint": f.spec, "label": f.label, "in_force_on": f.in_force_on,
        "days_used": f.days_used, "days_remaining": f.days_remaining,
        "latest_exit": _iso(f.latest_exit), "max_stay_days": f.max_stay_days,
        "violations": [violation_json(v) for v in f.violations],
    }


def report_json(report: StayReport) -> dict[str, Any]:
    a = report.answer
    reg = a.register_by
    return {
        "on": _iso(a.on),
        "host": report.host,
        "citizenship": report.citizenship,
        "present": a.present,
        "entered": _iso(a.entered),
        "days_used": a.days_used,
        "days_remaining": a.days_remaining,
        "latest_exit": _iso(a.latest_exit),
        "max_stay_days": a.max_stay_days,
        "limited_by": a.limited_by,
        "earliest_entry": _iso(a.earliest_entry),
        "length": a.length,
        "violations": [violation_json(v) for v in a.violations],
        "register_by": _iso(reg.by) if reg else None,
        "registration": None if reg is None else {
            "by": _iso(reg.by), "rule": reg.rule, "requirement": reg.label, "done": reg.done,
            "overdue": reg.overdue, "holidays_known": reg.holidays_known},
        "binding": a.binding,
        "constraints": [_figures_json(f) for f in a.constraints],
        "rules": [applied_json(r) for r in report.rules],
        "ad_hoc": [c.spec for c in report.ad_hoc],
        "assumptions": [
            {"rule": x.rule, "variant": x.variant, "title": x.title, "by_default": x.by_default,
             "alternatives": list(x.alternatives)} for x in report.assumptions],
        "unknown": a.unknown,
        "notes": list(a.notes),
        "warnings": list(report.warnings),
    }
