"""``apply``: a rule as one account of it tells it."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from sojourn.rules.loader import load_pack
from sojourn.rules.schema import Rule, Variant
from sojourn.rules.select import Applied, apply

_OF_THE_RULE = [f.name for f in fields(Applied) if f.name not in ("rule", "variant")]


def _held(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def test_what_an_applied_rule_holds_a_rule_states_and_a_variant_may_replace() -> None:
    assert _OF_THE_RULE
    assert set(_OF_THE_RULE) <= set(Rule.model_fields) & set(Variant.model_fields)


def test_a_variant_replaces_what_it_states_and_keeps_the_rules_other_fields() -> None:
    replaced: set[str] = set()
    for rule in load_pack().rules:
        written = apply(rule, None)
        for name in _OF_THE_RULE:
            assert getattr(written, name) == _held(getattr(rule, name)), (rule.id, name)
        for variant in rule.variants:
            applied = apply(rule, variant)
            for name in _OF_THE_RULE:
                own = getattr(variant, name)
                if own is not None:
                    replaced.add(name)
                expected = _held(getattr(rule, name) if own is None else own)
                assert getattr(applied, name) == expected, (rule.id, variant.name, name)
    # the pack's variants replace more than their dates, so the blocks are read too
    assert {"valid_from", "constraints", "sources"} <= replaced, replaced
