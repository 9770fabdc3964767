"""Permit plans checked against what a careful reader of their days would expect: each test
names the wrong answer it caught."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cli_lines import printed as run


def profile(tmp_path: Path, trips: str) -> str:
    """A Russian with a passport valid to 2032, on the trips given (YAML flow mappings)."""
    path = tmp_path / "p.yaml"
    path.write_text(
        "person:\n"
        "  citizenships: [RU]\n"
        "  documents:\n"
        "    - {type: international_passport, country: RU, issued: 2020-01-01, "
        "expires: 2032-01-01}\n"
        f"trips:\n{trips}", encoding="utf-8")
    return str(path)


def green_visa(tmp_path: Path, *more: str) -> tuple[str, dict[str, Any]]:
    """The UAE's Green visa, known to the pack from 3 October 2022, planned on 10 September
    2022 for a Russian in the UAE since 1 September who plans a trip to Georgia from 25 to
    28 September: the legal stay ends on 29 November, the planned stay on 25 September."""
    path = profile(tmp_path,
                   "  - {country: AE, entry: 2022-09-01, exit: 2022-09-25, by: air}\n"
                   "  - {country: GE, entry: 2022-09-25, exit: 2022-09-28, by: air}\n"
                   "  - {country: AE, entry: 2022-09-28, by: air}\n")
    args = ("permit", path, "--country", "AE", "--permit", "ae-permit-green-visa",
            "--on", "2022-09-10", *more)
    return run(*args), json.loads(run(*args, "--json"))


def test_a_planned_end_before_the_permit_is_known_gives_no_day_to_file_in_it(
        tmp_path: Path) -> None:
    # The planned trips end the stay on 25 September, before the first day the pack knows
    # the Green visa (3 October 2022). The plan gave no day to file as planned (its steps and
    # planned_file_by none), yet its verdict read "to file during this stay as planned, file
    # by 23 September 2022": a day on which no rule of the pack says the permit existed.
    text, data = green_visa(tmp_path)
    assert data["planned_stay_ends"] == "2022-09-25"
    assert data["planned_file_by"] is None
    assert "file by 23 September 2022" not in text
    assert ("Your planned trips end this stay sooner, on 25 September 2022, before the first "
            "day the pack knows this permit, 3 October 2022.") in data["verdict"]
