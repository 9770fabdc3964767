"""What a permit rule says of a document beyond how to get it (its requirement's ``note``) is
told beside that document's step: in `permit`'s text and --json, and in `report`'s plans."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sojourn.rules.loader import load_pack
from sojourn.rules.topics import Requirement

from cli_lines import printed as run

PERMIT = "kz-permit-permanent-2026"


def relocant(tmp_path: Path) -> str:
    """A Russian in Kazakhstan since 10 April 2026, on a passport valid to 2029, with no
    document of home-state consent."""
    path = tmp_path / "p.yaml"
    path.write_text(
        "person:\n"
        "  citizenships: [RU]\n"
        "  documents:\n"
        "    - {type: international_passport, country: RU, issued: 2019-08-01, "
        "expires: 2029-08-01}\n"
        "trips: [{country: KZ, entry: 2026-04-10, by: air}]\n", encoding="utf-8")
    return str(path)


def consent() -> Requirement:
    rule = next(r for r in load_pack().rules if r.id == PERMIT)
    assert rule.permit is not None
    return next(r for r in rule.permit.requirements if r.document == "consent_of_home_state")


def step_lines(text: str, step: str) -> list[str]:
    """The step's line and the indented lines under it."""
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith(f"  - {step}:"))
    under = lines[first + 1:]
    end = next((i for i, line in enumerate(under) if not line.startswith("      ")), len(under))
    return lines[first:first + 1 + end]


def test_the_pack_says_a_russian_may_have_no_way_to_get_home_state_consent() -> None:
    # the rule's note said so; its step's note, which the plan shows, did not
    note = consent().note
    assert note is not None and "may have no way to obtain it" in note


def test_a_step_shows_its_requirement_s_note(tmp_path: Path) -> None:
    # "get consent of home state: lead time unknown; start as soon as you can", with no word
    # that the document may not exist for a Russian
    req = consent()
    text = run("permit", relocant(tmp_path), "--country", "KZ", "--permit", PERMIT,
               "--on", "2026-12-01")
    assert step_lines(text, "get consent of home state")[1:] == [
        f"      how: {req.how}", f"      note: {req.note}"]
    data: Any = json.loads(run("permit", relocant(tmp_path), "--country", "KZ", "--permit",
                               PERMIT, "--on", "2026-12-01", "--json"))
    notes = {s["document"]: s["note"] for s in data["steps"]}
    assert notes["consent_of_home_state"] == req.note
    assert notes[None] is None  # the filing is no requirement of the rule's


def test_the_report_s_plan_shows_the_step_s_note(tmp_path: Path) -> None:
    req = consent()
    text = run("report", relocant(tmp_path), "--on", "2026-12-01")
    assert f"      note: {req.note}" in step_lines(text, "get consent of home state")
    data: Any = json.loads(run("report", relocant(tmp_path), "--on", "2026-12-01",
                               "--format", "json"))
    plan = next(p for p in data["permits"] if p["permit"]["id"] == PERMIT)
    step = next(s for s in plan["steps"] if s["document"] == "consent_of_home_state")
    assert step["note"] == req.note
