"""`rules coverage`: what the pack knows per host and topic, as the default account holds it."""

from __future__ import annotations

import datetime as dt
import json
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



def _stay_rule(rule_id: str, first: str, last: str | None) -> str:
    end = f"\n    valid_to: {last}" if last else ""
    return (f"  - id: {rule_id}\n    title: A rule\n    host: KZ\n    citizenships: [RU]\n"
            f"    topic: stay\n    valid_from: {first}{end}\n"
            "    constraints: [{kind: per_entry, max: 30}]\n"
            "    sources: [{title: A source, url: 'https://example.org/a'}]\n"
            "    confidence: high\n")


def test_the_text_gives_the_period_and_each_gap_in_words(tmp_path: Path) -> None:
    # "KZ stay: not covered: 2023-03-11..2023-03-14" gave ISO runs where every answer writes
    # days out, and the header no period for "(gaps)"
    from typer.testing import CliRunner

    from sojourn.cli import app
    (tmp_path / "kz.yaml").write_text(
        "schema: sojourn.rules/1\nrules:\n" + _stay_rule("kz-a", "2022-01-01", "2023-03-10")
        + _stay_rule("kz-b", "2023-03-15", "2023-05-04") + _stay_rule("kz-c", "2023-05-06", None),
        encoding="utf-8")
    out = CliRunner().invoke(app, ["rules", "coverage", "--pack", str(tmp_path), "--on",
                                   "2024-01-01"]).stdout.splitlines()
    assert out[0].startswith("What the pack knows for citizens of the Russian Federation, from "
                             "1 January 2022 to 1 January 2024 (")
    assert ("  KZ stay: no rule from 11 to 14 March 2023 (after kz-a ended), on 5 May 2023 "
            "(after kz-b ended)") in out


def test_a_gap_after_a_last_seen_end_says_the_rule_may_still_hold(tmp_path: Path) -> None:
    # "TH stay: no rule from 4 June to 2 December 2026" for a Ukrainian read as a lapse of the
    # law, where th-stay-kz-ua-60-2024's sources only stop on 3 June 2026
    from typer.testing import CliRunner

    from sojourn.cli import app
    (tmp_path / "kz.yaml").write_text(
        "schema: sojourn.rules/1\nrules:\n" + _stay_rule("kz-a", "2022-01-01", "2026-06-03")
        .replace("valid_to: 2026-06-03", "valid_to: 2026-06-03\n    valid_to_basis: last_seen"),
        encoding="utf-8")
    out = CliRunner().invoke(app, ["rules", "coverage", "--pack", str(tmp_path), "--on",
                                   "2026-12-02"]).stdout.splitlines()
    assert ("  KZ stay: no rule from 4 June to 2 December 2026 (after kz-a, whose sources show "
            "it in force to the day before only: it may still hold, or have changed)") in out
    [cell] = [c for c in coverage(load_pack(tmp_path), "RU", dt.date(2026, 12, 2))
              if c.topic == "stay"]
    assert cell.opened_by == (("kz-a", True),)
    # and the JSON says it as the text does: "not covered: 2026-06-04..2026-12-02" alone read
    # as a lapse of the law
    data = json.loads(CliRunner().invoke(app, ["rules", "coverage", "--pack", str(tmp_path),
                                               "--on", "2026-12-02", "--json"]).stdout)
    [stay] = [c for c in data if c["topic"] == "stay"]
    assert stay["gaps"] == [{"from": "2026-06-04", "to": "2026-12-02", "after": "kz-a",
                             "last_seen": True}]


def test_a_period_of_one_day_is_said_as_that_day() -> None:
    # --on 2022-01-01 printed "from 1 to 1 January 2022"
    from typer.testing import CliRunner

    from sojourn.cli import app
    out = CliRunner().invoke(app, ["rules", "coverage", "--on", "2022-01-01"]).stdout
    assert out.startswith("What the pack knows for citizens of the Russian Federation, on "
                          "1 January 2022 (")
