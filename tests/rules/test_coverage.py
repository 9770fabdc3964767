"""`rules coverage`: what the pack knows per host and topic, as the default account holds it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sojourn.rules.coverage import coverage
from sojourn.rules.loader import load_pack

RULES = """\
schema: sojourn.rules/1
rules:
  - id: kz-old
    title: The old rule
    host: KZ
    citizenships: [RU]
    topic: stay
    valid_from: 2022-01-01
    valid_to: 2023-03-14
    constraints: [{kind: per_entry, max: 30}]
    sources: [{title: A source, url: "https://example.org/a"}]
    confidence: high
    variants:
      - {name: gazette, default: true, valid_to: 2023-03-10}
      - {name: press, valid_to: 2023-02-28, confidence: low}
  - id: kz-new
    title: The new rule
    host: KZ
    citizenships: [RU]
    topic: stay
    valid_from: 2023-03-15
    constraints: [{kind: rolling, max: 90, window: 180}]
    sources: [{title: A source, url: "https://example.org/b"}]
    confidence: high
"""


def test_a_cell_holds_the_default_accounts_days_and_the_lowest_confidence(tmp_path: Path
                                                                          ) -> None:
    (tmp_path / "kz.yaml").write_text(RULES, encoding="utf-8")
    [cell] = [c for c in coverage(load_pack(tmp_path), "RU", dt.date(2024, 1, 1))
              if c.topic == "stay"]
    # the default variant ends kz-old on 10 March, not the rule's own 14 March
    assert cell.unknown == "not covered: 2023-03-11..2023-03-14"
    assert (cell.confidence, cell.contested) == ("low", True)  # the press account's
