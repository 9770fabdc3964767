"""Every account a user can assume (the default, each variant name) is checked for rules that
overlap or leave a gap: warnings, which name the variant, the rules and the days."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from sojourn.errors import Problem, RulePackError
from sojourn.rules.accounts import account_checks
from sojourn.rules.loader import load_pack


def rule(rule_id: str, valid_from: str, valid_to: str | None = None, *,
         citizenships: str = "[RU]", extra: str = "", variants: str = "") -> str:
    text = (f"  - id: {rule_id}\n"
            "    title: A rule\n"
            "    host: KZ\n"
            f"    citizenships: {citizenships}\n"
            "    topic: stay\n"
            f"    valid_from: {valid_from}\n"
            + (f"    valid_to: {valid_to}\n" if valid_to else "")
            + extra
            + "    constraints: [{kind: per_entry, max: 90}]\n"
            "    sources: [{title: Somewhere, url: 'https://example.org/'}]\n"
            "    confidence: high\n")
    if variants:
        text += "    variants:\n      - {name: usual, default: true}\n" + variants
    return text


def warnings(tmp_path: Path, *rules: str) -> list[str]:
    (tmp_path / "kz.yaml").write_text("schema: sojourn.rules/1\nrules:\n" + "".join(rules),
                                      encoding="utf-8")
    return list(load_pack(tmp_path).warnings)


def test_the_builtin_pack_is_clean_under_every_assumption() -> None:
    loaded = load_pack()
    assert "kz-change-26-jan" in {v.name for r in loaded.rules for v in r.variants}
    assert loaded.warnings == ()


def test_twin_variants_that_meet_are_not_warned_about(tmp_path: Path) -> None:
    assert warnings(
        tmp_path,
        rule("old", "2022-01-01", "2023-05-31",
             variants="      - {name: late, valid_to: 2023-06-14}\n"),
        rule("new", "2023-06-01", variants="      - {name: late, valid_from: 2023-06-15}\n"),
    ) == []


def test_a_variant_without_its_twin_leaves_a_gap(tmp_path: Path) -> None:
    [w] = warnings(
        tmp_path,
        rule("old", "2022-01-01", "2023-05-31"),
        rule("new", "2023-06-01", variants="      - {name: late, valid_from: 2023-06-15}\n"),
    )
    assert "field 'rules[1].variants[1].valid_from': '2023-06-15' starts, under --assume late," \
           " after old (" in w
    assert "ends on 2023-05-31: no KZ stay rule for RU from 2023-06-01 to 2023-06-14 " \
           "(14 days); expected a variant late of old with valid_to: 2023-06-14" in w


def test_twins_that_do_not_meet_point_at_the_twin(tmp_path: Path) -> None:
    [w] = warnings(
        tmp_path,
        rule("old", "2022-01-01", "2023-05-31",
             variants="      - {name: late, valid_to: 2023-06-10}\n"),
        rule("new", "2023-06-01", variants="      - {name: late, valid_from: 2023-06-15}\n"),
    )
    assert "from 2023-06-11 to 2023-06-14 (4 days)" in w
    assert "expected valid_to: 2023-06-14 in the variant late of old" in w


def test_a_gap_between_default_rules_is_warned_about(tmp_path: Path) -> None:
    [w] = warnings(tmp_path, rule("old", "2022-01-01", "2023-05-31"),
                   rule("new", "2023-06-15"))
    assert "field 'rules[1].valid_from': '2023-06-15' starts after old (" in w
    assert "--assume" not in w
    assert "expected valid_from: 2023-06-01, the day after old ends, or valid_to_basis: " \
           "last_seen on old" in w


def test_a_gap_after_a_last_seen_end_is_unknown_by_design(tmp_path: Path) -> None:
    assert warnings(tmp_path,
                    rule("old", "2022-01-01", "2023-05-31",
                         extra="    valid_to_basis: last_seen\n"),
                    rule("new", "2023-06-15")) == []


def test_a_gap_names_the_citizens_it_leaves_without_a_rule(tmp_path: Path) -> None:
    found = warnings(
        tmp_path,
        rule("old", "2022-01-01", "2023-05-31", citizenships='["*"]'),
        rule("new", "2023-06-01", citizenships='["*"]',
             variants="      - {name: late, valid_from: 2023-06-15}\n"),
        rule("ru", "2023-01-01", citizenships="[RU]"),  # overlaps both, for RU: warned too
    )
    [w] = [w for w in found if "no KZ stay rule" in w]
    assert "no KZ stay rule for citizens other than RU from 2023-06-01" in w


def test_an_overlap_the_default_has_is_not_repeated_per_variant(tmp_path: Path) -> None:
    found = warnings(
        tmp_path,
        rule("old", "2022-01-01", "2023-06-10"),
        rule("new", "2023-06-01", variants="      - {name: other, confidence: low}\n"
                                           "      - {name: later, valid_from: 2023-06-05}\n"),
    )
    assert len(found) == 2
    assert "--assume" not in found[0] and "from 2023-06-01 to 2023-06-10 (10 days)" in found[0]
    assert "under --assume later," in found[1] and "from 2023-06-05 to 2023-06-10" in found[1]


def test_a_variant_may_not_hold_two_rules_at_once_unseen(tmp_path: Path) -> None:
    [w] = warnings(
        tmp_path,
        rule("old", "2022-01-01", "2023-05-31",
             variants="      - {name: long, valid_to: 2023-06-30}\n"),
        rule("new", "2023-06-01"),
    )
    assert "field 'rules[0].variants[1].valid_to': '2023-06-30' keeps old in force, under " \
           "--assume long, after new (" in w
    assert "two KZ stay rules for RU from 2023-06-01 to 2023-06-30 (30 days)" in w
    assert "a variant long of new with valid_from: 2023-07-01" in w


def test_a_variant_that_ends_its_rule_before_it_starts_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "kz.yaml").write_text(
        "schema: sojourn.rules/1\nrules:\n"
        + rule("old", "2022-01-01", "2023-05-31",
               variants="      - {name: late, valid_from: 2023-06-15}\n"), encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_pack(tmp_path)
    [p] = info.value.problems
    assert (p.field, p.value) == ("rules[0].variants[1].valid_from", "2023-06-15")
    assert p.message == ("leaves old in force on no day under --assume late: valid_to "
                         "2023-05-31 is before valid_from 2023-06-15")


def test_an_overlap_with_a_rule_that_has_no_end_says_so(tmp_path: Path) -> None:
    # "(until open-ended)" read as the name of a day
    [w] = warnings(tmp_path, rule("old", "2022-01-01"), rule("new", "2023-06-01"))
    assert "is still in force (no end set): two KZ stay rules for RU from 2023-06-01 on" in w


def penalty(rule_id: str, valid_from: str, valid_to: str | None = None,
            variants: str = "") -> str:
    """An overstay penalty rule of Kazakhstan, with ``variants`` (YAML lines) if given."""
    return (f"  - id: {rule_id}\n"
            "    title: A penalty\n"
            "    host: KZ\n"
            "    citizenships: ['*']\n"
            "    topic: penalty\n"
            f"    valid_from: {valid_from}\n"
            + (f"    valid_to: {valid_to}\n" if valid_to else "")
            + "    penalty:\n"
            "      offence: overstay\n"
            "      article: Art. 1\n"
            "      bands: [{from: 1, fine: {currency: KZT, min: 1000}}]\n"
            "    sources: [{title: Somewhere, url: 'https://example.org/'}]\n"
            "    confidence: high\n"
            + variants)


def test_a_variant_that_moves_its_rule_to_another_offence_leaves_a_gap_in_its_own(
        tmp_path: Path) -> None:
    # under --assume late-registration the middle rule punishes a late registration, not an
    # overstay: the overstay penalty is unknown in between. The check once looked under a
    # variant name only at the chains holding a rule with the variant, which here is the
    # late registration's, and missed the gap left in the overstay's chain
    [w] = warnings(
        tmp_path,
        penalty("first", "2022-01-01", "2022-12-31"),
        penalty("middle", "2023-01-01", "2023-12-31", variants=(
            "    variants:\n      - {name: usual, default: true}\n"
            "      - name: late-registration\n"
            "        penalty:\n"
            "          offence: late_registration\n"
            "          article: Art. 2\n"
            "          bands: [{from: 1, fine: {currency: KZT, min: 500}}]\n")),
        penalty("last", "2024-01-01"),
    )
    assert "under --assume late-registration" in w
    assert "from 2023-01-01 to 2023-12-31" in w


def document_rule(rule_id: str, valid_from: str, valid_to: str | None = None, *,
                  citizenships: str = "[RU]", document: str = "{type: internal_passport}",
                  topic: str = "entry", variants: str = "") -> str:
    """An entry rule of Kazakhstan on one ``document`` (a YAML mapping), or with ``topic:
    exit`` Russia's exit rule on it."""
    return (f"  - id: {rule_id}\n"
            "    title: A document rule\n"
            f"    host: {'RU' if topic == 'exit' else 'KZ'}\n"
            f"    citizenships: {citizenships}\n"
            f"    topic: {topic}\n"
            f"    valid_from: {valid_from}\n"
            + (f"    valid_to: {valid_to}\n" if valid_to else "")
            + f"    documents: [{document}]\n"
            "    sources: [{title: Somewhere, url: 'https://example.org/'}]\n"
            "    confidence: high\n"
            + variants)


def document_problems(tmp_path: Path, *rules: str) -> list[Problem]:
    """The problems of a pack of ``rules`` in entry.yaml (a file named by no host); none with
    no warning either when it loads."""
    (tmp_path / "entry.yaml").write_text("schema: sojourn.rules/1\nrules:\n" + "".join(rules),
                                         encoding="utf-8")
    try:
        assert load_pack(tmp_path).warnings == ()
    except RulePackError as error:
        return list(error.problems)
    return []


def test_two_entry_rules_on_one_document_on_one_day_are_a_problem(tmp_path: Path) -> None:
    # the host's answer for the document would be the first rule's in the file: the Indonesian
    # arrival-card rule starting a day before its forerunner ended went unseen
    [p] = document_problems(tmp_path, document_rule("old", "2022-01-01", "2025-08-31"),
                            document_rule("new", "2025-08-31"))
    assert (p.file, p.line, p.field, p.value) == (str(tmp_path / "entry.yaml"), 18,
                                                  "rules[1].valid_from", "2025-08-31")
    assert p.message.startswith("starts while old (")
    assert p.message.endswith(
        "is still in force (until 2025-08-31): two KZ entry rules on the internal passport for "
        "RU on 2025-08-31 (1 day), but a host has one answer for a document: which rule gave it "
        "(a visa, the validity wanted, what else entry needs) would depend on their order in "
        "the pack")
    assert p.expected == (
        "valid_from after 2025-08-31; where both hold, one rule for the document on a day, or "
        "ages (min_age, max_age) or citizenships that do not meet; where sources disagree, "
        "one rule with a variant for each account")


A_YEAR = "for RU from 2023-01-01 to 2023-12-31 (365 days)"  # the days the two rules share


@pytest.mark.parametrize(("apart", "meet", "said"), [
    # ages: a child's document up to 13 and one from 14 speak of no age together
    ({"document": "{type: internal_passport, min_age: 14}"},
     {"document": "{type: internal_passport, min_age: 13}"}, A_YEAR),
    ({"citizenships": "[KZ]"}, {"citizenships": "[KZ, RU]"}, A_YEAR),
    ({"citizenships": "[KZ]"}, {"citizenships": "['*']"}, A_YEAR),
    ({"document": "{type: international_passport}"},
     {"document": "{type: international_passport}, {type: internal_passport}"},
     "rules on the internal passport for RU"),
    ({"valid_from": "2024-01-01"}, {"valid_from": "2023-12-31"},
     "for RU on 2023-12-31 (1 day)"),
])
def test_entry_rules_overlap_only_on_one_document_for_one_person_on_one_day(
        tmp_path: Path, apart: dict[str, str], meet: dict[str, str], said: str) -> None:
    first = document_rule("old", "2022-01-01", "2023-12-31",
                          document="{type: internal_passport, max_age: 13}")

    def second(**change: str) -> str:
        return document_rule(**{"rule_id": "new", "valid_from": "2023-01-01", **change})
    assert document_problems(tmp_path, first, second(**apart)) == []
    [p] = document_problems(tmp_path, first, second(**meet))
    assert said in p.message and "a host has one answer for a document" in p.message


def test_a_variant_that_moves_an_entry_rule_onto_another_is_a_problem(tmp_path: Path) -> None:
    [p] = document_problems(
        tmp_path, document_rule("old", "2022-01-01", "2023-12-31"),
        document_rule("new", "2024-01-01", variants=(
            "    variants:\n      - {name: usual, default: true}\n"
            "      - {name: early, valid_from: 2023-12-01}\n")))
    assert (p.field, p.value) == ("rules[1].variants[1].valid_from", "2023-12-01")
    assert ("starts, under --assume early, while old (" in p.message
            and "two KZ entry rules on the internal passport for RU from 2023-12-01 to "
                "2023-12-31 (31 days)" in p.message)
    assert p.expected is not None and p.expected.startswith(
        "valid_from after 2023-12-31, or a variant early of old with valid_to: 2023-11-30")


def test_two_exit_rules_on_one_document_are_a_problem_whatever_their_destinations(
        tmp_path: Path) -> None:
    # an exit rule's "to" refuses every destination it leaves out, and the engine judges the
    # exit by every rule on the document: rules naming destinations apart refuse each other's
    [p] = document_problems(
        tmp_path, document_rule("old", "2022-01-01", topic="exit",
                                document="{type: internal_passport, to: [KZ]}"),
        document_rule("new", "2024-01-01", topic="exit",
                      document="{type: internal_passport, to: [{country: AM, by: [air]}]}"))
    assert (p.field, p.value) == ("rules[1].valid_from", "2024-01-01")
    assert ("two RU exit rules on the internal passport for RU from 2024-01-01 on, but a "
            "state has one answer for a document: either rule's refusal, or a destination its "
            "to leaves out, would refuse whatever the other allows") in p.message


def test_exit_rules_on_a_document_at_ages_apart_hold_together(tmp_path: Path) -> None:
    assert document_problems(
        tmp_path,
        document_rule("child", "2022-01-01", topic="exit",
                      document="{type: birth_certificate, max_age: 13, to: [KZ]}"),
        document_rule("adult", "2022-01-01", topic="exit",
                      document="{type: birth_certificate, min_age: 14, accepted: false}"),
    ) == []
    [p] = document_problems(
        tmp_path,
        document_rule("child", "2022-01-01", topic="exit",
                      document="{type: birth_certificate, max_age: 14, to: [KZ]}"),
        document_rule("adult", "2022-01-01", topic="exit",
                      document="{type: birth_certificate, min_age: 14, accepted: false}"))
    assert "two RU exit rules on the birth certificate for RU from 2022-01-01 on" in p.message


@pytest.mark.parametrize("days_early", [0, 1])
def test_the_builtin_entry_rules_answer_once_for_each_document(days_early: int) -> None:
    # the review's case: Indonesia's arrival-card rule started a day before its forerunner
    # ended would be answered for by the one first in id.yaml
    pack = load_pack()
    moved = "id-entry-voa-arrival-card-2025"
    rules = [r.model_copy(update={"valid_from": r.valid_from - timedelta(days=days_early)})
             if r.id == moved else r for r in pack.rules]
    problems, _ = account_checks(rules, pack.where)
    assert [(p.field, p.value) for p in problems] == (
        [("rules[3].valid_from", "2025-08-31")] if days_early else [])
    assert all("id-entry-voa-2022 (" in p.message for p in problems)


def test_a_rule_is_not_said_to_overlap_itself(tmp_path: Path) -> None:
    # its documents' order is its own, not the pack's file order: not told as two rules
    assert document_problems(tmp_path, document_rule(
        "one", "2022-01-01", document="{type: internal_passport, max_age: 15}, "
                                      "{type: internal_passport, min_age: 14, note: older}"),
    ) == []


def test_days_between_two_entry_rules_on_a_document_are_no_gap(tmp_path: Path) -> None:
    # a host that stops accepting a document has no rule on it after, which is not a gap in
    # what the pack knows: the document is then unknown, as any the pack is silent on
    assert document_problems(tmp_path, document_rule("old", "2022-01-01", "2022-12-31"),
                             document_rule("again", "2024-01-01")) == []
