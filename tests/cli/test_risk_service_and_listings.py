"""`risk` tells a person's recorded foreign service under each citizenship the pack has no
liability rule for, and a host's arrest on a listing for every charge it may reach (the review
of 1 December 2026, findings 3 and 8)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from sojourn.cli import app

runner = CliRunner()
# a Russian volunteer in a Ukrainian unit, in Georgia since June
LEGION = ("version: 1\nperson:\n  citizenships: [RU]\n  born: 1993-11-11\n  documents:\n"
          "    - {type: international_passport, country: RU, issued: 2020-01-01, "
          "expires: 2029-12-31}\n"
          "  service:\n    - {country: UA, kind: volunteer, since: 2023-05-01}\n"
          "trips:\n  - {country: GE, entry: 2026-06-01, by: air}\n")
NO_RULE = ("  Liability as a citizen of the Russian Federation (not known): you record service "
           "in the armed forces of Ukraine since 1 May 2023; the rule pack has no rule on the "
           "Russian Federation's criminal liability for it, and the level weighs only the "
           "charges the profile records (`charges`).")


def _run(tmp_path: Path, *args: str) -> str:
    path = tmp_path / "legion.yaml"
    path.write_text(LEGION, encoding="utf-8")
    result = runner.invoke(app, [args[0], str(path), *args[1:], "--on", "2026-12-01"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_risk_tells_recorded_service_the_pack_has_no_rule_on(tmp_path: Path) -> None:
    # "low" with no word of the service read as reassurance
    lines = _run(tmp_path, "risk", "--country", "GE").splitlines()
    assert lines[0] == "Extradition exposure in Georgia on 1 December 2026: low."
    assert NO_RULE in lines


def test_the_report_exposure_tells_it_too(tmp_path: Path) -> None:
    text = _run(tmp_path, "report")
    exposure = text[text.index("\nExposure:"):]
    assert NO_RULE in exposure.splitlines()
