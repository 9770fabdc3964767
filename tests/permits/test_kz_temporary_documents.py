"""Kazakhstan's temporary residence permit asks, by the state services portal (service 4631),
health insurance of every applicant but the EAEU states' citizens (from the MVD's order of 18
November 2024), and a fingerprinting certificate from 1 January 2024. The pack's one rule for
every citizenship asked neither, of a Ukrainian or of a Russian, on any day."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_lines import printed as run


def _documents(tmp_path: Path, citizenship: str, entry: str, on: str) -> list[str]:
    """The documents a plan for Kazakhstan's temporary permit lists, for a citizen of
    ``citizenship`` in Kazakhstan since ``entry``, asked on ``on``, by the rule for him
    in force on the filing day."""
    path = tmp_path / "p.yaml"
    path.write_text(f"person: {{citizenships: [{citizenship}]}}\n"
                    f"trips: [{{country: KZ, entry: {entry}}}]\n", encoding="utf-8")
    rule = ("kz-permit-temporary" if citizenship == "RU" else
            "kz-permit-temporary-other-citizenships")
    data = json.loads(run("permit", str(path), "--country", "KZ", "--permit", rule, "--on", on,
                          "--json"))
    return [r["document"] for r in data["requirements"]]


@pytest.mark.parametrize(("citizenship", "entry", "on", "fingerprints", "insurance"), [
    ("RU", "2023-03-01", "2023-03-10", False, False),
    ("UA", "2023-03-01", "2023-03-10", False, False),
    # the law's fingerprinting from 1 January 2024, for every citizenship
    ("RU", "2024-03-01", "2024-03-10", True, False),
    ("UA", "2024-03-01", "2024-03-10", True, False),
    # health insurance from the order of 18 November 2024, not of EAEU citizens
    ("RU", "2025-03-01", "2025-03-10", True, False),
    ("UA", "2025-03-01", "2025-03-10", True, True),
    ("UZ", "2025-03-01", "2025-03-10", True, True),
])
def test_the_documents_follow_the_day_and_the_citizenship(
        tmp_path: Path, citizenship: str, entry: str, on: str, fingerprints: bool,
        insurance: bool) -> None:
    documents = _documents(tmp_path, citizenship, entry, on)
    assert ("fingerprint_certificate" in documents) is fingerprints
    assert ("health_insurance" in documents) is insurance
    assert {"basis_document", "housing_owner_consent"} <= set(documents)


def test_the_plan_names_each_step_with_how_to_get_it(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("person: {citizenships: [UA]}\ntrips: [{country: KZ, entry: 2025-01-10}]\n",
                    encoding="utf-8")
    text = run("permit", str(path), "--country", "KZ", "--permit",
               "kz-permit-temporary-other-citizenships-2024-11", "--on", "2025-02-01")
    lines = text.splitlines()
    assert "  - get a certificate of fingerprint registration: lead time unknown; start as soon "\
           "as you can" in lines
    assert "  - get health insurance: lead time unknown; start as soon as you can" in lines
    # neither is a paper a profile can show, so neither leaves the plan unknown of itself:
    # the verdict rests on the rest (here, the wait past the stay's end)
    assert "the pack gives no lead time for" not in lines[0]
