"""decide_filing across successive versions of one permit's rules: the filing day and the
documents come from the one version in force on that day, however many times the day moves.
The pack has no permit whose versions move a filing day twice, so each test adds made-up
versions of a made-up permit beside the real rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from sojourn.history import load_history
from sojourn.permits import PermitAnswer, permit_plan
from sojourn.rules.loader import Pack, load_pack
from sojourn.rules.schema import Rule
from sojourn.rules.topics import Requirement

PACK = load_pack()
# a real permit rule, its sources and confidence kept, to copy the made-up versions from
BASE = next(r for r in PACK.rules if r.id == "kz-permit-temporary")


def version(host: str, n: int, valid_from: dt.date, valid_to: dt.date | None, document: str,
            *, before: int | None = None, lead_days: int | None = None) -> Rule:
    """Version ``n`` of a made-up permit of ``host``, needing ``document`` alone (got in
    ``lead_days``), and filed ``before`` days before the legal stay ends."""
    assert BASE.permit is not None
    permit = BASE.permit.model_copy(update={
        "name": f"Test permit ({host})", "apply_days_before_stay_ends": before,
        "requirements": [Requirement.model_validate({"document": document,
                                                     "lead_days": lead_days})]})
    return BASE.model_copy(update={"id": f"{host.lower()}-permit-test-v{n}", "host": host,
                                   "valid_from": valid_from, "valid_to": valid_to,
                                   "permit": permit})


def plan(tmp_path: Path, host: str, *versions: Rule) -> PermitAnswer:
    """The plan, as of 10 January 2024, for a Russian who entered ``host`` on 1 January 2024,
    under the first of ``versions`` added to the pack."""
    profile = tmp_path / "p.yaml"
    profile.write_text("person: {citizenships: [RU]}\n"
                       f"trips: [{{country: {host}, entry: 2024-01-01}}]\n", encoding="utf-8")
    pack: Pack = replace(PACK, rules=(*PACK.rules, *versions))
    return permit_plan(load_history(profile), pack, country=host, permit_id=versions[0].id,
                       on=dt.date(2024, 1, 10))


def documents(answer: PermitAnswer) -> list[str]:
    return [s.document for s in answer.steps if s.document is not None]


def test_a_filing_day_moving_across_two_changes_follows_the_version_in_force_on_it(
        tmp_path: Path) -> None:
    # Kazakhstan's 90 days from 1 January 2024 end on 30 March. Counted 60 days back under
    # v1, the application is due on 30 January, under v2; 30 days back under v2, on 29
    # February, under v3; 10 days back under v3, on 20 March, still under v3. The loop ran
    # twice and ended on v3's id with v2's document and day: proof of income, by 29 February
    answer = plan(tmp_path, "KZ",
                  version("KZ", 1, dt.date(2023, 1, 1), dt.date(2024, 1, 19), "application_form",
                          before=60),
                  version("KZ", 2, dt.date(2024, 1, 20), dt.date(2024, 2, 19), "proof_of_income",
                          before=30),
                  version("KZ", 3, dt.date(2024, 2, 20), None, "health_insurance", before=10))
    assert answer.legal_stay_ends == dt.date(2024, 3, 30)
    assert answer.rule.id == "kz-permit-test-v3"
    assert answer.due_by == answer.apply_on == dt.date(2024, 3, 20)
    assert documents(answer) == ["health_insurance"]
    assert answer.rule_in_force
    assert ("kz-permit-test-v2 is not in force on 29 February 2024; kz-permit-test-v3 is"
            in answer.notes)


def test_versions_that_put_a_deadline_under_each_other_file_by_the_last_day_of_one(
        tmp_path: Path) -> None:
    # Under v1 (no days before the stay ends) the application is due on 30 March, under v2;
    # under v2 (30 days before) on 29 February, under v1: no version has the day under
    # itself. Filing earlier is in time too, so it is due by v1's last day, 14 March, with
    # v1's document. The loop ended on v1's id with v2's document and day, 29 February
    answer = plan(tmp_path, "KZ",
                  version("KZ", 1, dt.date(2023, 1, 1), dt.date(2024, 3, 14), "application_form",
                          before=0),
                  version("KZ", 2, dt.date(2024, 3, 15), None, "proof_of_income", before=30))
    assert answer.rule.id == "kz-permit-test-v1"
    assert answer.due_by == answer.apply_on == dt.date(2024, 3, 14)
    assert documents(answer) == ["application_form"]
    assert ("counted by each of kz-permit-test-v1 and kz-permit-test-v2, the application falls "
            "due when another of them is in force; kz-permit-test-v1, in force to 14 March "
            "2024, has it due later, so it is due by 14 March 2024, under kz-permit-test-v1"
            in answer.notes)


def test_versions_that_put_the_first_day_to_file_under_each_other_file_from_one_s_start(
        tmp_path: Path) -> None:
    # Uzbekistan sets Russians no stay limit, so no deadline: the plan files on the first day
    # every step allows. Under v1 (40 days for its document) that is 19 February, under v2;
    # under v2 (5 days) 15 January, under v1. Filing later is possible too, so the plan
    # files from v2's first day, 1 February, with v2's document. The loop ended on v1's id
    # with v2's document, filed on 15 January
    answer = plan(tmp_path, "UZ",
                  version("UZ", 1, dt.date(2023, 1, 1), dt.date(2024, 1, 31), "proof_of_income",
                          lead_days=40),
                  version("UZ", 2, dt.date(2024, 2, 1), None, "health_insurance", lead_days=5))
    assert answer.legal_stay_ends is None and answer.due_by is None  # no deadline
    assert answer.rule.id == "uz-permit-test-v2"
    assert answer.apply_on == dt.date(2024, 2, 1)
    assert documents(answer) == ["health_insurance"]
    assert ("counted by each of uz-permit-test-v1 and uz-permit-test-v2, the first day to "
            "file falls when another of them is in force; every step uz-permit-test-v2 asks "
            "for can be done before it comes into force, so the plan files from 1 February "
            "2024, under it" in answer.notes)
