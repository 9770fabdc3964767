"""Every account a user can assume (the default, each variant name) is checked for rules that
overlap or leave a gap: warnings, which name the variant, the rules and the days."""

from __future__ import annotations

from pathlib import Path

import pytest

from sojourn.errors import RulePackError
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
