"""Rules of Thailand, Indonesia and Vietnam whose sources were checked again: what an answer
says of how firm they are follows the sources the pack now cites."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from sojourn.cli import app


def status(tmp_path: Path, csv: str, *args: str) -> dict[str, Any]:
    history = tmp_path / "h.csv"
    history.write_text("country,entry,exit\n" + csv)
    result = CliRunner().invoke(app, ["status", str(history), *args, "--json"])
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout))


def test_thailands_45_days_for_russians_rest_on_a_source_naming_them(tmp_path: Path) -> None:
    # The 45 days of 1 October 2022 to 31 March 2023 were medium, "no source names Russia":
    # the Association of Tour Operators of Russia reported the Thai decision of 19 August 2022
    # for Russians by name, beside the Thai consulate's list of the measure
    out = status(tmp_path, "TH,2022-11-05,\n", "--country", "TH", "--citizenship", "RU",
                 "--on", "2022-12-10")
    rule = next(r for r in out["rules"] if r["id"] == "th-stay-ru-45-2022")
    assert rule["confidence"] == "high"
    assert any("Association of Tour Operators of Russia" in s["title"]
               for s in rule["sources"])
    assert out["latest_exit"] == "2022-12-19"
