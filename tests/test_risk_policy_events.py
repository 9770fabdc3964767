"""A host's policy is summed up once for a rule's whole period, but an answer as of a day must
not tell what had not happened by then (the person asking about 2023 may be reconstructing
what was known): events after the rule's first day are told from their own day on."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from sojourn.history import load_history
from sojourn.risk import assess_risk
from sojourn.rules.loader import load_pack
from sojourn.rules.schema import Rule
from sojourn.rules.topics import PolicyEvent

PACK = load_pack()
POLICIES = [r for r in PACK.rules if r.extradition is not None]
EVENTS = [(r, e) for r in POLICIES if r.extradition is not None for e in r.extradition.events]


def _reasons(tmp_path: Path, host: str, on: dt.date, citizenship: str = "RU",
             charge: str = "RU") -> list[str]:
    path = tmp_path / "profile.yaml"
    path.write_text(f"version: 1\nperson: {{citizenships: [{citizenship}]}}\ncharges:\n"
                    f'  - {{country: {charge}, article: "205.2", part: 1, '
                    "wanted: interpol}\n", encoding="utf-8")
    return list(assess_risk(load_history(path), PACK, country=host, on=on).reasons)


def _policy_line(reasons: list[str], rule_id: str) -> str:
    [line] = [r for r in reasons if f"({rule_id})" in r and "practice" in r]
    return line


def test_argentina_in_2023_names_no_ruling_of_december_2025(tmp_path: Path) -> None:
    line = _policy_line(_reasons(tmp_path, "AR", dt.date(2023, 6, 1)), "ar-extradition-2022")
    assert "2025" not in line and "2026" not in line
    assert line.endswith("In October 2021 a federal judge granted Russia's request for a "
                         "Russian woman charged with financing terrorism.")


def test_the_uae_in_2023_names_no_case_of_february_2026(tmp_path: Path) -> None:
    line = _policy_line(_reasons(tmp_path, "AE", dt.date(2023, 6, 1)), "ae-extradition-2016")
    assert "2026" not in line and "general" not in line
    assert "In November 2020 the Dubai Court of Appeal" in line


def test_a_third_states_charge_is_judged_under_the_summary_of_the_day(tmp_path: Path) -> None:
    # a Ukrainian charged by Russia: Argentina's policy on Russia's requests, as of the day
    before = _reasons(tmp_path, "AR", dt.date(2025, 12, 29), citizenship="UA")
    on = _reasons(tmp_path, "AR", dt.date(2025, 12, 30), citizenship="UA")
    assert not any("upheld her extradition" in r for r in before)
    assert any("taken as its practice" in r and r.endswith(
        "In December 2025 the Supreme Court upheld her extradition, under the treaty.")
        for r in on)


@pytest.mark.parametrize(("rule", "event"), EVENTS,
                         ids=[f"{r.id}-{e.on}" for r, e in EVENTS])
def test_each_event_is_told_from_its_day_and_not_the_day_before(
        tmp_path: Path, rule: Rule, event: PolicyEvent) -> None:
    before = _reasons(tmp_path, rule.host, event.on - dt.timedelta(days=1))
    assert event.summary not in _policy_line(before, rule.id)
    assert event.summary in _policy_line(_reasons(tmp_path, rule.host, event.on), rule.id)


YEAR = re.compile(r"\b(19|20)\d\d\b")


@pytest.mark.parametrize("rule", POLICIES, ids=[r.id for r in POLICIES])
def test_no_summary_names_a_year_after_the_day_it_is_told_from(rule: Rule) -> None:
    # what the summary says holds from the rule's first day, each event from its own: a year
    # later than that is an event told too early (a check on the pack's wording)
    policy = rule.extradition
    assert policy is not None
    told = [(rule.valid_from, policy.summary), *((e.on, e.summary) for e in policy.events)]
    for since, text in told:
        later = [m.group(0) for m in YEAR.finditer(text) if int(m.group(0)) > since.year]
        assert not later, f"{rule.id}: '{text}' names {later}, told from {since}"



# each flag dated after its rule's first day: the rule starts on earlier evidence (a
# statement, removals of people on no listing), the arrests on Russia's listings came later
DATED = [("TR", "tr-extradition-2023", "detains_on_listings_from", dt.date(2024, 7, 24)),
         ("VN", "vn-extradition-2023", "detains_on_listings_from", dt.date(2024, 3, 24)),
         # the 2014 announcement tells a handover; the first arrest on a listing, 2018
         ("ME", "me-extradition-2014", "detains_on_listings_from", dt.date(2018, 3, 31)),
         # the 2022 statement; Zhilin held at Astana airport on Russia's listing
         ("KZ", "kz-extradition-2022", "detains_on_listings_from", dt.date(2022, 12, 6))]
# what each dated flag has risk say: a charge on Interpol's listing (the profile's) is
# arrested on; removals outside procedure are told beside the level
FLAG_WORDS = {"detains_on_listings_from": "is reported to arrest people on such listings",
              "extra_legal_removals_from": "removals outside extradition procedure"}


def test_every_dated_flag_in_the_pack_is_tested_here() -> None:
    dated = [(r.host, r.id, since, day) for r in POLICIES if r.extradition is not None
             for since, day in r.extradition.flag_days()]
    assert sorted(dated) == sorted(DATED)


@pytest.mark.parametrize(("host", "rule_id", "since", "day"), DATED,
                         ids=[f"{r}-{s}" for _, r, s, _ in DATED])
def test_each_dated_flag_is_told_from_its_day_and_not_the_day_before(
        tmp_path: Path, host: str, rule_id: str, since: str, day: dt.date) -> None:
    words = FLAG_WORDS[since]
    before = _reasons(tmp_path, host, day - dt.timedelta(days=1))
    assert _policy_line(before, rule_id)  # the rule answers the day before too
    assert not any(words in r for r in before)
    assert any(words in r and f"({rule_id})" in r for r in _reasons(tmp_path, host, day))


# events of 2025 and 2026 found in a search of the rights monitors and the press (h253): each
# is told from the day it was reported, not the day before
NEW_EVENTS = [
    # the Law Office's announcement of the Administrative Court's ruling (TASS, after the CNA)
    ("CY", "cy-extradition-ru", dt.date(2026, 1, 13),
     "the Administrative Court upheld the deportation to Russia"),
    # the prosecutor general's grant for Emelyanova, reported on 11 February (Radio Svoboda)
    ("KZ", "kz-extradition-2026-02", dt.date(2026, 2, 11),
     "approved Russia's requests for two asylum seekers"),
    # the Supreme Court's suspension for Movlaev (Meduza, 24 February 2026)
    ("KZ", "kz-extradition-2026-02", dt.date(2026, 2, 24),
     "The Supreme Court then suspended the activist's extradition"),
    # the prosecutor general's suspension for Emelyanova (Meduza, 26 February 2026)
    ("KZ", "kz-extradition-2026-02", dt.date(2026, 2, 26),
     "suspended the volunteer's extradition"),
    # Zonov held in Yerevan on 12 March 2025 (Aurora, 14 March 2025)
    ("AM", "am-extradition-2023-12", dt.date(2025, 3, 14),
     "police in Yerevan held a Russian wanted at home for failing to report"),
]


@pytest.mark.parametrize(("host", "rule_id", "day", "words"), NEW_EVENTS,
                         ids=[f"{r}-{d}" for _, r, d, _ in NEW_EVENTS])
def test_an_event_of_2025_or_2026_is_told_from_its_day(
        tmp_path: Path, host: str, rule_id: str, day: dt.date, words: str) -> None:
    assert words not in _policy_line(_reasons(tmp_path, host, day - dt.timedelta(days=1)),
                                     rule_id)
    assert words in _policy_line(_reasons(tmp_path, host, day), rule_id)
    # and still told a year on (the rule has not ended)
    assert words in _policy_line(_reasons(tmp_path, host, day + dt.timedelta(days=365)),
                                 rule_id)


def test_cyprus_deportation_ruling_does_not_flag_removals(tmp_path: Path) -> None:
    # the court cleared a deportation; none carried out was found, so no removals line
    reasons = _reasons(tmp_path, "CY", dt.date(2026, 6, 1))
    assert not any("removals outside extradition procedure" in r for r in reasons)
