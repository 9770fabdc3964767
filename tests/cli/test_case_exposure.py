"""The report's other hosts carry, beside the extradition level, what `risk` adds there that
the level does not capture: reported removals outside extradition procedure, and a treaty's
political-offence ground for a charge."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from sojourn.cli import app

runner = CliRunner()
# in Georgia; charged in Russia under Art. 207.3(1), on a national wanted list
MOTHER = ("version: 1\nperson:\n  citizenships: [RU]\n  born: 1988-11-03\n  documents:\n"
          "    - {type: internal_passport, country: RU, issued: 2008-11-20}\n"
          "    - {type: international_passport, country: RU, issued: 2020-02-01, "
          "expires: 2030-02-01}\n"
          "trips:\n  - {country: GE, entry: 2026-03-01, by: land}\n"
          'charges:\n  - {country: RU, article: "207.3", part: 1, committed_on: 2022-03-10, '
          "wanted: national}\n")
# Armenia and Russia are parties to both, Chisinau's from 28 June 2023: each is named
EUROPEAN = ("a political-offence ground for Art. 207.3 part 1 in the European Convention on "
            "Extradition and the Chisinau Convention on legal assistance and legal relations in "
            "civil, family and criminal matters")
REMOVALS = "removals outside extradition procedure reported"
# Kazakhstan and Russia are parties to it from 28 June 2023 (its ground by the ICJ's account)
CHISINAU = ("a political-offence ground for Art. 207.3 part 1 in the Chisinau Convention on "
            "legal assistance and legal relations in civil, family and criminal matters")


def _report(tmp_path: Path, *extra: str) -> str:
    path = tmp_path / "mother.yaml"
    path.write_text(MOTHER, encoding="utf-8")
    result = runner.invoke(app, ["report", str(path), "--on", "2026-12-01", *extra])
    assert result.exit_code == 0, result.output
    return result.stdout


def _row(text: str, host: str) -> str:
    return next(line for line in text.splitlines() if f" ({host}) with " in line)


def test_the_other_hosts_exposure_says_what_risk_adds_to_the_level(tmp_path: Path) -> None:
    text = _report(tmp_path)
    # "medium" alike read as the same exposure in Armenia and in the Emirates
    assert _row(text, "AM").endswith(f"extradition exposure: medium ({REMOVALS}; {EUROPEAN})")
    assert _row(text, "KZ").endswith(f"extradition exposure: medium ({REMOVALS}; {CHISINAU})")
    assert _row(text, "BR").endswith(
        "extradition exposure: medium (a political-offence ground for Art. 207.3 part 1 in the "
        "Brazil–Russia extradition treaty)")
    assert _row(text, "AE").endswith("extradition exposure: medium")


def test_json_gives_the_same_in_brief(tmp_path: Path) -> None:
    data: dict[str, Any] = json.loads(_report(tmp_path, "--format", "json"))
    rows = {a["host"]: a for a in data["alternatives"]}
    assert (rows["AM"]["extradition"], rows["AM"]["extradition_in_brief"]) == (
        "medium", [REMOVALS, EUROPEAN])
    assert rows["AE"]["extradition_in_brief"] == []
