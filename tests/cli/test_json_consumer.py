"""The --json answers as a program reading them meets them (a help bot relaying them): a
version to check, the same keys in every item of a list, the data the text tells, errors
that are never JSON, and docs/json.md naming every key."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sojourn.cli._common import JSON_SCHEMA_VERSION

from cli_lines import outcome as run

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
DOC = ROOT / "docs" / "json.md"
runner = CliRunner()


def answer(*args: str) -> Any:
    code, out, err = run(*args)
    assert code == 0, err
    return json.loads(out)


RELOCANT = str(EXAMPLES / "relocant.yaml")
# one question per command whose --json (report's --format json) answer is one object
OBJECT_ANSWERS = {
    "status": ("status", RELOCANT, "--country", "KZ", "--on", "2023-01-05", "--json"),
    "plan": ("plan", RELOCANT, "--country", "KZ", "--length", "30", "--from", "2023-02-20",
             "--json"),
    "entry": ("entry", "--citizenship", "RU", "--document", "international_passport", "--to",
              "TH", "--on", "2026-01-10", "--document-expires", "2026-07-09", "--json"),
    "destinations": ("destinations", RELOCANT, "--on", "2023-01-05", "--json"),
    "permit": ("permit", RELOCANT, "--country", "KZ", "--permit", "kz-permit-permanent-2015",
               "--on", "2022-11-01", "--json"),
    "risk": ("risk", str(EXAMPLES / "deserter.yaml"), "--country", "AM", "--on", "2024-02-01",
             "--json"),
    "report": ("report", RELOCANT, "--on", "2023-01-05", "--format", "json"),
    "rules show": ("rules", "show", "kz-stay-eaeu-90-180", "--json"),
    "rules changes": ("rules", "changes", "--country", "AM", "--citizenship", "RU", "--from",
                      "2026-10-01", "--to", "2026-11-30", "--json"),
}


@pytest.mark.parametrize("command", OBJECT_ANSWERS)
def test_every_object_answer_names_its_schema_version(command: str) -> None:
    data = answer(*OBJECT_ANSWERS[command])
    # an integer a consumer compares with the one it was written for; once, at the top level
    assert type(data["schema_version"]) is int
    assert data["schema_version"] == JSON_SCHEMA_VERSION


@pytest.mark.parametrize("command", ["batch", "flows"])
def test_the_scheduled_runs_summary_names_its_schema_version(command: str,
                                                             tmp_path: Path) -> None:
    args = (["--country", "KZ", "--on", "2023-03-01"] if command == "batch"
            else ["--from", "2022-12-18", "--to", "2023-01-31"])
    data = answer(command, str(EXAMPLES / "crossings.csv"), *args, "--out",
                  str(tmp_path / "out.csv"), "--json")
    assert data["schema_version"] == JSON_SCHEMA_VERSION


def test_docs_tell_the_schema_version_and_what_raises_it() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert f'"schema_version": {JSON_SCHEMA_VERSION}' in text


def test_a_list_answer_stays_a_list() -> None:
    # rules list and rules coverage print arrays: wrapping them to carry the version would
    # break every consumer that reads them
    assert isinstance(answer("rules", "list", "--country", "AM", "--json"), list)
    assert isinstance(answer("rules", "coverage", "--on", "2026-11-29", "--json"), list)


def test_every_requirement_of_a_permit_has_the_same_keys() -> None:
    data = answer(*OBJECT_ANSWERS["permit"])
    keys = {frozenset(r) for r in data["requirements"]}
    # the application form's rule gives no lead time: lead_days is null there, not absent
    assert len(keys) == 1, keys
    form = next(r for r in data["requirements"] if r["document"] == "application_form")
    assert form["lead_days"] is None and form["issued_by"] is None


def test_valid_for_gives_both_days_and_months() -> None:
    valid_for = answer(*OBJECT_ANSWERS["entry"])["valid_for"]
    # Thailand asks for 6 months: days is there, null, as for a host that counts days
    assert valid_for["months"] == 6 and "days" in valid_for and valid_for["days"] is None


def test_rules_show_json_gives_the_entry_documents_its_text_tells() -> None:
    rule_id = "th-entry-ru-foreign-passport-tdac"
    code, text, _ = run("rules", "show", rule_id)
    assert code == 0 and "valid 6 months from the day of entry" in text
    assert "Thailand Digital Arrival Card" in text
    data = answer("rules", "show", rule_id, "--json")
    passport = next(d for d in data["documents"] if d["type"] == "international_passport")
    assert passport["accepted"] is True
    assert passport["valid_for"] == {"days": None, "months": 6, "beyond": "entry"}
    assert [n["what"] for n in passport["also_needs"]] == ["Thailand Digital Arrival Card (TDAC)"]
    # the other topics' keys are there too, null, as in every rule
    assert data["permit"] is None and data["penalty"] is None and data["closed_to"] == []


def test_rules_show_json_gives_a_permits_requirements() -> None:
    data = answer("rules", "show", "kz-permit-permanent-2015", "--json")
    documents = [r["document"] for r in data["permit"]["requirements"]]
    assert "application_form" in documents and "no_criminal_record_certificate" in documents


@pytest.mark.parametrize("args", [
    ("status", str(EXAMPLES / "history.csv"), "--rule", "rolling:90/180", "--on", "2023-13-01",
     "--json"),
    ("status", str(ROOT / "tests" / "corpus" / "history" / "date_slashes.csv"), "--rule",
     "rolling:90/180", "--json"),
    ("rules", "show", "kz-stay-eau-90-180", "--json"),
    ("report", RELOCANT, "--on", "2023-01-05", "--format", "json", "--country", "KZ"),
])
def test_an_error_under_json_is_a_line_of_text_on_stderr_and_exit_2(
        args: tuple[str, ...]) -> None:
    # as docs/json.md tells: nothing on stdout, so that a consumer never parses half an answer
    code, out, err = run(*args)
    assert code == 2 and out == ""
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1


def _documented_keys() -> set[str]:
    return set(re.findall(r"`([a-z_]+)`", DOC.read_text(encoding="utf-8")))


def _keys(value: Any, depth: int) -> set[str]:
    """The keys of ``value``'s objects down to ``depth`` levels of objects."""
    if depth == 0:
        return set()
    if isinstance(value, list):
        return set().union(*(_keys(v, depth) for v in value)) if value else set()
    if isinstance(value, dict):
        return set(value).union(*(_keys(v, depth - 1) for v in value.values()))
    return set()


@pytest.mark.parametrize("command", [c for c in OBJECT_ANSWERS if c not in ("status", "plan")])
def test_docs_json_names_every_key_of_each_answer(command: str) -> None:
    # the keys of the answer and of the objects in it, two levels down
    missing = _keys(answer(*OBJECT_ANSWERS[command]), 2) - _documented_keys()
    assert not missing, f"docs/json.md does not name {sorted(missing)} of {command}"
