"""``constraint_details`` in ``rules show --json``: each constraint whole, as data."""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter

from sojourn.engine.kinds import Constraint
from sojourn.explain import rule_json
from sojourn.rules.loader import load_pack
from sojourn.rules.select import apply

_READ = TypeAdapter(Constraint)


def _read_back(details: list[dict[str, Any]]) -> tuple[Constraint, ...]:
    return tuple(_READ.validate_python(d) for d in details)


def test_every_constraint_of_the_builtin_pack_reads_back_as_loaded() -> None:
    # through the JSON text a script gets: a field dropped or written in another form would
    # read back as its default, or not at all
    accounts = 0
    for rule in load_pack().rules:
        shown = json.loads(json.dumps(rule_json(rule)))
        assert _read_back(shown["constraint_details"]) == apply(
            rule, rule.variant(None)).constraints, rule.id
        for variant, given in zip(rule.variants, shown["variants"], strict=True):
            assert _read_back(given["constraint_details"]) == apply(
                rule, variant).constraints, (rule.id, variant.name)
            accounts += 1
        for detail in shown["constraint_details"]:
            # every field of the kind, even one the pack leaves at its default everywhere
            # (no rolling limit has its own valid_to yet)
            kind = type(_READ.validate_python(detail))
            assert set(detail) == set(kind.model_fields), rule.id
    assert accounts > 0


def test_the_details_stand_beside_the_specs_in_the_same_order() -> None:
    for rule in load_pack().rules:
        shown = rule_json(rule)
        for account in (shown, *shown["variants"]):
            details = account["constraint_details"]
            assert [c.spec for c in _read_back(details)] == account["constraints"], rule.id
            assert [d.get("entered_from") for d in details] == account["entered_from"]
            assert [d.get("counts_from") for d in details] == account["counts_from"]
