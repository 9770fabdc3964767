"""`permit` and the permit lines of `report`, as a review found them: the last day to file in
time once passed, the planned trip that ends a stay sooner, and a permit held beside a plan
for a new one of its kind."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from sojourn.cli import app

ROOT = Path(__file__).resolve().parents[2]
RELOCANT = str(ROOT / "examples" / "relocant.yaml")
runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def run_json(*args: str) -> Any:
    return json.loads(run(*args))


def test_a_passed_day_to_file_in_time_reads_as_missed_not_gone() -> None:
    # On 10 March 2023 the relocant's report listed "13 March 2023 ... file the application
    # to have the permit by 21 March 2023"; on 15 March it was gone, and the plan's JSON gave
    # in_time_if_filed_by null, while a step's passed day stayed, "(missed)"
    permit = ("permit", RELOCANT, "--country", "KZ", "--permit", "kz-permit-temporary",
              "--on", "2023-03-15")
    plan = run_json(*permit, "--json")
    assert plan["in_time_if_filed_by"] == "2023-03-13"
    assert ("To have it by 21 March 2023, you needed to file by 13 March 2023. Filing now is "
            "already too late for it to come in time: even filed on 15 March 2023, it would "
            "come after 21 March 2023.") in plan["verdict"]
    assert plan["verdict"] in run(*permit)
    report = ("report", RELOCANT, "--on", "2023-03-15")
    in_time = [d for d in run_json(*report, "--format", "json")["deadlines"]
               if d["what"].endswith("file the application to have the permit by 21 March 2023")]
    assert [(d["day"], d["missed"]) for d in in_time] == [("2023-03-13", True)]
    text = run(*report)
    passed = text[text.index("Passed before 15 March 2023:"):]
    assert ("  13 March 2023     Temporary residence permit (Kazakhstan): file the application "
            "to have the permit by 21 March 2023 (missed)  [kz-permit-temporary]") in passed
