"""Where the pack has no policy of the host towards the state whose charge is judged, `risk`
still tells what it knows of each charge: the host's own charge (no ground for extradition,
but prosecution there), and a listing whose treatment by the host the pack does not know."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sojourn.history import load_history
from sojourn.risk import RiskAnswer, assess_risk
from sojourn.rules.loader import load_pack

ON = dt.date(2025, 1, 15)
HOSTS_OWN = ("the charge under Art. 180 is brought by Georgia, not {judged}: no ground for "
             "extradition to {judged}, but Georgia may prosecute you for it while you are "
             "there, which the level, about extradition, does not weigh")


def _answer(tmp_path: Path, citizenship: str, charge: str) -> RiskAnswer:
    path = tmp_path / "profile.yaml"
    path.write_text(f"version: 1\nperson: {{citizenships: [{citizenship}], born: 1990-05-10}}"
                    f"\ncharges:\n  - {charge}\n", encoding="utf-8")
    return assess_risk(load_history(path), load_pack(), country="GE", on=ON)


def test_the_hosts_own_charge_is_told_where_the_pack_has_no_policy(tmp_path: Path) -> None:
    # the pack has no policy of Georgia's towards Ukrainians: the charge Georgia itself
    # brings got no line, only "charge under Art. 180: not in the pack's offences"
    charge = '{country: GE, article: "180", committed_on: 2024-05-01, wanted: none}'
    answer = _answer(tmp_path, "UA", charge)
    assert answer.extradition == "unknown"
    assert HOSTS_OWN.format(judged="Ukraine") in answer.reasons


def test_the_hosts_own_charge_reads_the_same_where_the_pack_has_a_policy(
        tmp_path: Path) -> None:
    charge = '{country: GE, article: "180", committed_on: 2024-05-01, wanted: none}'
    answer = _answer(tmp_path, "RU", charge)
    assert answer.extradition == "low"
    assert HOSTS_OWN.format(judged="the Russian Federation") in answer.reasons


def _listing_lines(answer: RiskAnswer) -> list[str]:
    return [r for r in answer.reasons if " is on Interpol's listings: " in r]


def test_a_third_states_listing_says_the_pack_knows_nothing_of_the_hosts_practice(
        tmp_path: Path) -> None:
    # Georgia's policy towards Kazakhstan's requests is not in the pack: the arrests on
    # listings line is told under a policy only, and nothing was said of the listing
    charge = '{country: KZ, article: "190", committed_on: 2024-05-01, wanted: interpol}'
    answer = _answer(tmp_path, "RU", charge)
    assert answer.third_states[0].rule is None
    assert _listing_lines(answer) == [
        "the charge under Art. 190 is on Interpol's listings: the pack holds nothing on "
        "Georgia's practice towards Kazakhstan's listings (whether it arrests people on them "
        "and holds them while a request is decided), so whether the listing alone can bring "
        "arrest there is not known; the level does not count on it"]


def test_a_listing_by_the_state_of_citizenship_with_no_policy_says_so_too(
        tmp_path: Path) -> None:
    charge = '{country: UA, article: "190", committed_on: 2024-05-01, wanted: interpol}'
    [line] = _listing_lines(_answer(tmp_path, "UA", charge))
    assert "nothing on Georgia's practice towards Ukraine's listings" in line


def test_a_third_state_the_host_has_a_policy_towards_keeps_its_arrests_line(
        tmp_path: Path) -> None:
    # a Ukrainian wanted by Russia: Georgia's policy on Russia's requests reports arrests
    charge = '{country: RU, article: "328", part: 1, committed_on: 2024-05-01, wanted: interpol}'
    [line] = _listing_lines(_answer(tmp_path, "UA", charge))
    assert "Georgia is reported to arrest people on such listings" in line
