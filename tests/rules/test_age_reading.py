"""An entry document's ``age_reading``: the pack's reading of vague words ("children") that
its min_age or max_age stands for, told to a minor judged by the bound (tests/cases/topics/
entry.yaml has the answers); a reading with no bound to read is refused."""

from __future__ import annotations

from typing import Any

import pytest

from sojourn.rules.schema import Rule


def entry_rule(document: dict[str, Any]) -> Rule:
    return Rule.model_validate({
        "id": "am-entry-odd", "title": "An entry rule with one document",
        "host": "AM", "citizenships": ["RU"], "topic": "entry", "valid_from": "2022-01-01",
        "documents": [document], "confidence": "medium",
        "sources": [{"title": "Somewhere", "url": "https://example.org/"}]})


def test_a_reading_beside_its_bound_is_kept() -> None:
    rule = entry_rule({"type": "internal_passport", "min_age": 14,
                       "age_reading": "children read as those under 14"})
    assert rule.documents[0].age_reading == "children read as those under 14"


def test_a_reading_with_no_bound_is_refused_naming_the_form() -> None:
    with pytest.raises(ValueError, match="is given, and neither min_age nor max_age is"):
        entry_rule({"type": "internal_passport", "age_reading": "children read as under 14"})
