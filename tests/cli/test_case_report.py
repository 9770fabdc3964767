"""`sojourn report` and the answers it gathers: no contradiction between its sections."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from sojourn.cli import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
PACK = ROOT / "src" / "sojourn" / "rules" / "pack"
runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def run_json(*args: str) -> Any:
    return json.loads(run(*args))


def test_report_plans_no_permit_for_a_citizen_of_the_host() -> None:
    # a Kazakh-Russian dual citizen in Kazakhstan read "Not feasible: Permanent residence
    # permit (Kazakhstan)" with "(missed)" steps, though a citizen needs no permit
    dual = str(EXAMPLES / "dual-citizen.yaml")
    text = run("report", dual, "--on", "2024-02-01")
    assert "residence permit (Kazakhstan)" not in text.lower() and "(missed)" not in text
    assert ("No residence permit plan: as a citizen of Kazakhstan, you need no residence permit "
            "in Kazakhstan.") in text.splitlines()
    data = run_json("report", dual, "--on", "2024-02-01", "--format", "json")
    assert data["permits"] == [] and data["deadlines"] == []
    assert data["no_permit"].startswith("as a citizen of Kazakhstan")
    # judged as a Russian on request, the plans are made, and the other passport is named
    data = run_json("report", dual, "--on", "2024-02-01", "--format", "json",
                    "--citizenship", "RU")
    assert data["permits"] and data["no_permit"] is None
    assert "you also hold" in data["permits"][0]["verdict"]


def test_permit_for_a_citizen_of_the_host_says_none_is_needed() -> None:
    args = ("permit", str(EXAMPLES / "dual-citizen.yaml"), "--country", "KZ", "--permit",
            "kz-permit-permanent-2023", "--on", "2024-02-01")
    assert run(*args) == ("Not needed: Permanent residence permit (Kazakhstan) in Kazakhstan. "
                          "As a citizen of Kazakhstan, you need no residence permit in "
                          "Kazakhstan; no plan is made.\n")
    data = run_json(*args, "--json")
    assert (data["needed"], data["citizen"], data["feasible"]) == (False, "KZ", None)
    assert data["steps"] == [] and data["missing"] == [] and data["apply_on"] is None


def test_report_plans_no_permit_for_a_citizen_of_a_member_of_the_zone(tmp_path: Path) -> None:
    # France judged as part of the Schengen area: a German there is not limited by the stay
    # rules, and no permit of France is planned for them either
    pack = tmp_path / "pack"
    pack.mkdir()
    shutil.copy(PACK / "schengen.yaml", pack / "schengen.yaml")
    (pack / "fr.yaml").write_text(
        "schema: sojourn.rules/1\nrules:\n"
        "  - {id: fr-permit-test, title: a French permit, host: FR, citizenships: ['*'],\n"
        "     topic: permit, valid_from: 2020-01-01, confidence: low,\n"
        "     sources: [{title: a test source, url: 'https://example.org'}],\n"
        "     permit: {name: Residence permit (France), kind: temporary, requirements:\n"
        "       [{document: no_criminal_record_certificate, lead_days: 30}]}}\n",
        encoding="utf-8")
    profile = tmp_path / "p.yaml"
    profile.write_text("person: {citizenships: [DE, RU]}\n"
                       "trips: [{country: FR, entry: 2024-01-10}]\n", encoding="utf-8")
    args = ("report", str(profile), "--on", "2024-02-01", "--format", "json", "--pack",
            str(pack))
    data = run_json(*args)
    assert data["permits"] == [] and data["no_permit"] == (
        "as a citizen of Germany, a member of the Schengen area, you need no residence permit "
        "in France")
    as_russian = run_json(*args, "--citizenship", "RU")
    assert [p["permit"]["id"] for p in as_russian["permits"]] == ["fr-permit-test"]
