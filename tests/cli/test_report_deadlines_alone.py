"""The report weighs each deadline resting on a contested rule against the deadlines under the
rule's other accounts, judged alone (report_deadlines): they must be the whole report's, or a
day would be said in doubt, or not, on deadlines the report never gives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sojourn.history import load_history
from sojourn.report import case_report, report_deadlines
from sojourn.rules.loader import load_pack
from sojourn.rules.select import other_accounts

EXAMPLES = Path(__file__).parents[2] / "examples"

# a Russian in Armenia, whose stay's end rests on am-stay-180-per-year (contested), on a
# passport ending before it: a deadline the row of the report's host gives
ARMENIA_PASSPORT_ENDING = """\
person:
  citizenships: [RU]
  born: 1990-01-01
  documents:
    - {type: international_passport, country: RU, issued: 2013-02-15, expires: 2023-02-15}
trips:
  - {country: AM, entry: 2022-10-01, by: air}
"""


# profiles whose deadlines rest on contested rules: a stay's end, a permit's steps, a held
# permit's renewal, a document's end, a summons or restriction on leaving, a stay elsewhere
@pytest.mark.parametrize(("example", "on"), [
    ("relocant.yaml", "2023-01-05"),
    ("kz-worker.yaml", "2024-05-20"),
    ("visa-holder.yaml", "2024-05-20"),
    ("deserter.yaml", "2024-05-20"),
    ("kyrgyzstan-overstay.yaml", "2026-12-02"),
    ("summoned-abroad.yaml", "2026-12-02"),
    ("restricted-abroad.yaml", "2026-12-02"),
    pytest.param(ARMENIA_PASSPORT_ENDING, "2023-01-05", id="armenia-passport-ending"),
])
def test_the_deadlines_alone_are_the_whole_reports_under_every_account(
        example: str, on: str, tmp_path: Path) -> None:
    pack = load_pack()
    path = EXAMPLES / example
    if example == ARMENIA_PASSPORT_ENDING:
        path = tmp_path / "armenia.yaml"
        path.write_text(example, encoding="utf-8")
    history = load_history(path)
    day = dt.date.fromisoformat(on)
    report = case_report(history, pack, on=day, compare=False)
    contested = [x for x in report.deadline_assumptions if x.alternatives]
    assert contested, "the case must name a contested rule, or nothing is weighed"
    for picks in ((), *(p for _, p in other_accounts(pack, contested, ()))):
        whole = case_report(history, pack, on=day, assume=picks, compare=False).deadlines
        alone = report_deadlines(history, pack, on=day, assume=picks)
        assert alone == list(whole), picks
