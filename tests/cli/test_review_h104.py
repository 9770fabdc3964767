"""A caseworker's review (h104): what a lawyer needs to see behind each answer."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from sojourn.cli import app

runner = CliRunner()

# a mother and son in Armenia on internal passports, with a trip to Georgia planned, which
# Georgia refuses on that passport
FAMILY_MEMBER = """\
version: 1
person:
  citizenships: [RU]
  born: 2006-08-15
  documents:
    - {type: internal_passport, country: RU, issued: 2020-09-01}
trips:
  - {country: AM, entry: 2022-10-01, exit: 2023-03-25, by: air}
  - {country: GE, entry: 2023-03-25, exit: 2023-03-27, by: land}
  - {country: AM, entry: 2023-03-27, by: land}
registrations: []
"""


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def relied_on(text: str) -> str:
    """The "Rules relied on" block at the end of a report."""
    return text.split("\nRules relied on:\n", 1)[1]


def test_a_rule_a_report_deadline_names_is_among_the_rules_relied_on(tmp_path: Path) -> None:
    # the deadline "planned entry into Georgia would be refused ... [ge-entry-foreign-passport]"
    # named a rule that the report's "Rules relied on" did not list: a caseworker saw its id
    # but not its dates, confidence or sources
    history = tmp_path / "son.yaml"
    history.write_text(FAMILY_MEMBER)
    text = run("report", str(history), "--on", "2023-03-10")
    deadline = next(line for line in text.splitlines()
                    if "planned entry into Georgia would be refused" in line)
    assert deadline.rstrip().endswith("[ge-entry-foreign-passport]")
    block = relied_on(text)
    assert "  ge-entry-foreign-passport: " in block
    rule_at = block.index("  ge-entry-foreign-passport: ")
    assert "confidence " in block[rule_at:].splitlines()[1]
    assert "source: " in block[rule_at:].splitlines()[2]

