"""`plan` for a stay longer than a limit allows, where the host's stay rules are known only to
a day (Vietnam's 45 days per entry for Russians, to 14 March 2028): the answer names the limit
that holds every stay that long ending by then before it says the rules end, not the rules'
end alone, which read as if no limit had stopped the stay."""

from __future__ import annotations

import json
from pathlib import Path

from cli_lines import run

AWAY = """\
person:
  citizenships: [RU]
  documents:
    - {type: international_passport, country: RU, expires: 2034-01-01}
trips:
  - {country: TH, entry: 2026-10-01, exit: 2026-11-20, by: air}
"""


def _plan(tmp_path: Path, *more: str) -> list[str]:
    path = tmp_path / "away.yaml"
    path.write_text(AWAY, encoding="utf-8")
    return run("plan", str(path), "--country", "VN", "--length", "60", "--from", "2026-12-01",
               *more)


def test_vietnam_s_45_days_cap_is_named_before_the_end_of_the_rules_known(
        tmp_path: Path) -> None:
    lines = _plan(tmp_path)
    assert lines[1] == (
        "No stay of 60 days can begin from 1 December 2026: vn-stay-ru-45-2025 (45 days per "
        "entry, for entries from 15 August 2023) allows at most 45 days in a row in a stay "
        "ending by 14 March 2028; vn-stay-ru-45-2025 ends on 14 March 2028 and the rule pack "
        "has no stay rule for citizens of the Russian Federation in Vietnam after it, and no "
        "later stretch of known rules holds it within 10 years."), lines
    planned = json.loads("\n".join(_plan(tmp_path, "--json")))
    assert planned["earliest_entry"] is None
    # the cap ends with the rules known: too_long names a limit with no known end only
    assert planned["too_long"] is None
    assert [(c["rule"], c["max_days"], c["from"], c["until"])
            for c in planned["too_long_limits"]] == [
        ("vn-stay-ru-45-2025", 45, "2027-01-29", "2028-03-14")]


def test_a_stay_within_the_cap_is_still_offered(tmp_path: Path) -> None:
    path = tmp_path / "away.yaml"
    path.write_text(AWAY, encoding="utf-8")
    lines = run("plan", str(path), "--country", "VN", "--length", "45", "--from", "2026-12-01")
    assert lines[1].startswith("The earliest you can enter for 45 days is 1 December 2026"), lines
