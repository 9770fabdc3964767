"""The "high" level's line names the wanted list the charge is on, as the profile records it:
a charge on the CIS interstate wanted list alone read "you are on an international wanted
list", which a reader takes for Interpol's, the one list the hosts outside the CIS see
(docs/risk.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sojourn.history import load_history
from sojourn.risk import assess_risk
from sojourn.rules.loader import load_pack


@pytest.mark.parametrize(("host", "wanted", "named"), [
    ("KG", "interstate", "the CIS interstate wanted list"),
    ("GE", "interpol", "Interpol's listings"),
    # the profile does not say which: the line cannot either
    ("KG", "international", "an international wanted list"),
])
def test_the_high_level_names_the_list(tmp_path: Path, host: str, wanted: str,
                                       named: str) -> None:
    path = tmp_path / "profile.yaml"
    path.write_text("version: 1\nperson: {citizenships: [RU]}\ncharges:\n"
                    f'  - {{country: RU, article: "328", part: 1, wanted: {wanted}}}\n',
                    encoding="utf-8")
    answer = assess_risk(load_history(path), load_pack(), country=host,
                         on=dt.date(2024, 1, 15), citizenship=None)
    assert answer.extradition == "high"
    assert f"you are on {named} for a charge: the policy allows extradition on a treaty " \
           "request" in answer.reasons
