"""How current the rules an answer relies on are: a note when their newest dated source is more
than a year before the query day, in the words and in --json, in status, entry and risk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sojourn.cli import app

_SOURCES = ("    sources:\n"
            "      - {title: A decree, url: 'https://example.org/a', date: 2023-01-17}\n"
            "      - {title: A report, url: 'https://example.org/b'}\n")
PACK = {
    "kz.yaml": (
        "schema: sojourn.rules/1\nrules:\n"
        "  - id: kz-old\n    title: Old\n    host: KZ\n    citizenships: [RU]\n"
        "    topic: stay\n    valid_from: 2022-01-01\n    valid_to: 2023-01-26\n"
        "    constraints: [{kind: per_entry, max: 90}]\n    confidence: high\n"
        "    sources: [{title: Old, url: 'https://example.org/o', date: 2022-01-01}]\n"
        "  - id: kz-new\n    title: New\n    host: KZ\n    citizenships: [RU]\n"
        "    topic: stay\n    valid_from: 2023-01-27\n"
        "    constraints: [{kind: rolling, max: 90, window: 180}]\n    confidence: high\n"
        + _SOURCES),
    "entry.yaml": (
        "schema: sojourn.rules/1\nrules:\n"
        "  - id: kz-entry\n    title: Entry\n    host: KZ\n    citizenships: [RU]\n"
        "    topic: entry\n    valid_from: 2005-05-31\n"
        "    documents: [{type: internal_passport}]\n    confidence: high\n"
        "    sources: [{title: A note, document: 'MFA note, 24.05.2005'}]\n"),
    "extradition.yaml": (
        "schema: sojourn.rules/1\nrules:\n"
        "  - id: kz-extradition\n    title: Policy\n    host: KZ\n    citizenships: [RU]\n"
        "    topic: extradition\n    valid_from: 2022-09-27\n"
        "    extradition: {requires_criminal_charge: true, requires_international_wanted: true,"
        " treaty_based: true, extra_legal_removals: false, summary: A policy.}\n"
        "    confidence: high\n" + _SOURCES),
}


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    for name, text in PACK.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "h.csv").write_text("country,entry,exit\nKZ,2022-12-01,2023-01-10\n",
                                    encoding="utf-8")
    return tmp_path


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _status(pack: Path, on: str, *more: str) -> str:
    return _run("status", str(pack / "h.csv"), "--country", "KZ", "--citizenship", "RU",
                "--pack", str(pack), "--on", on, *more)


def test_a_rule_whose_sources_are_years_old_is_said_not_confirmed_since(pack: Path) -> None:
    # "in force from 27 January 2023, no end set" on a day years later read as confirmed then
    line = ("Note: kz-new rests on sources dated up to 17 January 2023 (and 1 undated); the "
            "pack has no newer source to say that it still holds on 30 November 2026.")
    assert "  " + line in _status(pack, "2026-11-30").splitlines()
    out = json.loads(_status(pack, "2026-11-30", "--json"))
    assert out["freshness"]["rules"] == [
        {"rule": "kz-new", "newest_source": "2023-01-17", "undated_sources": 1}]
    assert out["freshness"]["note"] == line.removeprefix("Note: ").removesuffix(".")
    assert out["freshness"]["note"] in out["notes"]


def test_within_a_year_of_the_sources_nothing_is_said(pack: Path) -> None:
    out = json.loads(_status(pack, "2024-01-17", "--json"))
    assert out["freshness"] == {"note": None, "rules": []}
    assert not any("newer source" in n for n in out["notes"])
    assert json.loads(_status(pack, "2024-01-18", "--json"))["freshness"]["rules"]


def test_a_rule_that_ended_before_the_day_is_history_and_not_listed(pack: Path) -> None:
    # kz-old (source of 2022, ended 26 January 2023) is relied on for the days it judged
    out = json.loads(_status(pack, "2026-11-30", "--json"))
    assert "kz-old" in [r["id"] for r in out["rules"]]
    assert [r["rule"] for r in out["freshness"]["rules"]] == ["kz-new"]


def test_entry_and_risk_say_it_too_an_undated_rule_counting_from_its_start(pack: Path) -> None:
    entry = ("entry", "--citizenship", "RU", "--document", "internal_passport", "--to", "KZ",
             "--pack", str(pack), "--on", "2026-11-30")
    assert ("  Note: kz-entry rests on undated sources; the pack has no newer source to say "
            "that it still holds on 30 November 2026.") in _run(*entry).splitlines()
    assert json.loads(_run(*entry, "--json"))["freshness"]["rules"] == [
        {"rule": "kz-entry", "newest_source": None, "undated_sources": 1}]
    risk = ("risk", str(pack / "h.csv"), "--country", "KZ", "--citizenship", "RU",
            "--pack", str(pack), "--on", "2026-11-30")
    assert any(line.startswith("  Note: kz-extradition rests on sources dated up to "
                               "17 January 2023") for line in _run(*risk).splitlines())
    assert json.loads(_run(*risk, "--json"))["freshness"]["rules"][0]["rule"] == "kz-extradition"
