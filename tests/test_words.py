"""Counts and document names as they read in sentences (sojourn.words) and where they appear."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sojourn.cli import app
from sojourn.countries import country_name, possessive
from sojourn.engine.kinds import CalendarYear, PerEntry, Registration, Rolling
from sojourn.words import (
    a_document,
    count,
    document_name,
    in_force,
    listed,
    listed_verb,
    said_once,
    sentence,
    with_article,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("n", "noun", "plural", "words"), [
    (1, "day", None, "1 day"), (2, "day", None, "2 days"), (0, "zone", None, "0 zones"),
    (1.0, "year", None, "1 year"), (1.5, "year", None, "1.5 years"),
    (1, "country", "countries", "1 country"), (3, "country", "countries", "3 countries"),
])
def test_a_count_is_singular_for_one_alone(n: float, noun: str, plural: str | None,
                                           words: str) -> None:
    assert count(n, noun, plural) == words


def test_a_list_reads_as_a_sentence_lists() -> None:
    assert [listed(x) for x in ([], ["a"], ["a", "b"], ["a", "b", "c"])] == [
        "", "a", "a and b", "a, b and c"]
    # choices: `--assume` names the closest variants so
    assert [listed(x, "or") for x in ([], ["a"], ["a", "b"], ["a", "b", "c"])] == [
        "", "a", "a or b", "a, b or c"]


def test_a_listed_subject_takes_a_verb_that_agrees_with_it() -> None:
    # "uz-permit-residence and uz-permit-residence-property does not say" was printed
    assert [listed_verb(x, "does not say", "do not say")
            for x in (["a"], ["a", "b"], ["a", "b", "c"])] == [
        "a does not say", "a and b do not say", "a, b and c do not say"]
    # choices joined by "or": the verb of the one that holds
    assert listed_verb(["a", "b"], "brings", "bring", "or") == "a or b brings"


def test_a_document_reads_as_what_it_is() -> None:
    # "get no criminal record certificate" read as "do not get one"
    assert document_name("no_criminal_record_certificate") == "certificate of no criminal record"
    assert document_name("internal_passport") == "internal passport"
    assert with_article(document_name("internal_passport")) == "an internal passport"
    assert with_article(document_name("birth_certificate")) == "a birth certificate"


@pytest.mark.parametrize(("kind", "words"), [
    ("no_criminal_record_certificate", "a certificate of no criminal record"),
    ("international_passport", "an international passport"),
    ("application_form", "an application form"),
    ("proof_of_funds", "proof of funds"), ("housing_owner_consent", "housing owner consent"),
    ("photos", "photos"),
])
def test_one_document_reads_with_an_article_unless_a_mass_noun(kind: str, words: str) -> None:
    assert a_document(kind) == words


def test_permit_steps_name_what_to_get_and_count_days_in_words() -> None:
    # "get certificate of no criminal record", "1 days before", and "the lead time of get
    # international passport", which named the step, not the document
    result = CliRunner().invoke(app, ["permit", str(ROOT / "examples/relocant.yaml"),
                                      "--country", "KZ", "--permit", "kz-permit-permanent-2015",
                                      "--on", "2022-11-24", "--json"])
    data = json.loads(result.stdout)
    assert "get a certificate of no criminal record" in [s["step"] for s in data["steps"]]
    assert ("to get a certificate of no criminal record in time you needed to start by 23 "
            "November 2022, 1 day before 24 November 2022") in data["verdict"]
    csv = CliRunner().invoke(app, ["permit", str(ROOT / "examples/history.csv"), "--citizenship",
                                   "RU", "--country", "KZ", "--permit",
                                   "kz-permit-permanent-2023", "--on", "2023-01-20", "--json"])
    assert "the pack gives no lead time for an international passport" in json.loads(
        csv.stdout)["verdict"]


def test_limits_of_one_day_read_in_the_singular() -> None:
    assert Rolling(max=1, window=2).label == "1 day in any 2"
    assert PerEntry(max=1).label == "1 day per entry"
    assert CalendarYear(max=1).label == "1 day per calendar year"
    assert Registration(within=1).label == "register within 1 day of entry"
    assert (Registration(within=1, unit="working").label
            == "register within 1 working day of entry")
    assert Registration(within=3, unit="working").label == "register within 3 working days of entry"
    assert (Registration(within=1, registrant="host").label
            == "whoever houses you (landlord, hotel) registers you within 1 day of entry")
    assert (Registration(within=2, registrant="host_guest_liable", effect="extends").label
            == "whoever houses you (landlord, hotel) registers you within 2 days of entry; you "
               "answer for it too; unregistered, the stay ends then")


def test_rules_validate_counts_one_zone_in_the_singular() -> None:
    result = CliRunner().invoke(app, ["rules", "validate"])
    assert result.exit_code == 0 and " 1 zone, " in result.stdout
    result = CliRunner().invoke(
        app, ["rules", "validate", str(ROOT / "tests/corpus/rules/overlapping_rules.yaml")])
    assert result.exit_code == 0 and "2 rules, 0 zones, 0 blocs, 0 offences" in result.stdout


def test_a_missing_document_is_named_in_words() -> None:
    result = CliRunner().invoke(app, ["permit", str(ROOT / "examples/relocant.yaml"), "--country",
                                      "KZ", "--permit", "kz-permit-permanent-2015", "--on",
                                      "2022-11-01"])
    assert result.exit_code == 0
    assert ("Missing documents: consent of home state, certificate of no criminal record"
            in result.stdout)


@pytest.mark.parametrize(("code", "words"), [
    ("RU", "the Russian Federation"), ("US", "the United States"), ("NL", "the Netherlands"),
    ("AE", "the United Arab Emirates"), ("KZ", "Kazakhstan"), ("KG", "Kyrgyzstan"),
    ("UA", "Ukraine"), ("MD", "Moldova"), ("VG", "the British Virgin Islands"), ("XX", "XX"),
])
def test_a_country_reads_as_a_sentence_names_it(code: str, words: str) -> None:
    # "a citizen of Russian Federation"; "Moldova, Republic of" mid-sentence
    assert country_name(code) == words


def test_the_answers_give_a_country_its_article() -> None:
    result = CliRunner().invoke(app, ["entry", "--citizenship", "RU", "--document",
                                      "internal_passport", "--to", "GE", "--on", "2022-09-25"])
    assert result.stdout.splitlines()[0] == (
        "No: entering Georgia on 25 September 2022 with an internal passport as a citizen of "
        "the Russian Federation.")
    result = CliRunner().invoke(app, ["rules", "coverage", "--on", "2024-01-01"])
    assert result.stdout.startswith("What the pack knows for citizens of the Russian Federation, ")


@pytest.mark.parametrize("args", [
    # an engine note: "the stay entered on 2022-12-22 has no exit and starts after 2022-11-01"
    ["status", "examples/relocant.yaml", "--country", "KZ", "--on", "2022-11-01"],
    # the sources' dates: "source: ... (2023-01-17)" under "in force 27 January 2023 to ..."
    ["rules", "show", "kz-stay-eaeu-90-180"],
    # entry's reasons: "Azerbaijan is closed to entry by land on 2022-09-25"
    ["entry", "--citizenship", "RU", "--document", "internal_passport", "--to", "AZ", "--by",
     "land", "--on", "2022-09-25"],
    # the destinations' "until" column
    ["destinations", "examples/relocant.yaml", "--on", "2023-01-05"],
    # risk's reasons: "Kazakhstan on 2022-11-01: CIS member, ..."
    ["risk", "examples/relocant.yaml", "--country", "KZ", "--on", "2022-11-01"],
    # "... no statement of Mongolia's extradition policy ... in force on 2022-11-01"
    ["risk", "examples/relocant.yaml", "--country", "MN", "--on", "2022-11-01"],
    # a permit note: "no rule of the pack for this permit is in force on 2015-12-03"
    ["permit", "examples/history.csv", "--citizenship", "RU", "--country", "KZ", "--permit",
     "kz-permit-permanent-2015", "--on", "2015-12-03", "--apply-on", "2015-12-03"],
])
def test_text_answers_give_dates_in_the_long_form(args: list[str]) -> None:
    result = CliRunner().invoke(app, [str(ROOT / a) if a.startswith("examples/") else a
                                      for a in args])
    assert result.exit_code == 0, result.output
    # a web address may hold a date; the text around it may not
    text = re.sub(r"https?://\S+", "", result.stdout)
    assert not re.findall(r"\d{4}-\d\d-\d\d", text)


def test_report_s_deadlines_give_dates_in_the_long_form() -> None:
    # "2022-12-27  Permanent residence permit ..." under "Register by 27 December 2022"
    # counting the days before 27 January 2023 too, so that a deadline has passed
    lines = CliRunner().invoke(app, ["report", str(ROOT / "examples" / "relocant.yaml"), "--on",
                                     "2023-01-05", "--assume", "kz-days-before-count"]
                               ).stdout.splitlines()
    first = lines.index("Next deadlines:") + 1
    assert lines[first].startswith("  19 January 2023   Temporary residence permit")
    passed = lines.index("Passed before 5 January 2023:") + 1
    assert lines[passed].startswith("  27 December 2022  Permanent residence permit")


def test_a_rule_with_no_end_reads_so() -> None:
    # "in force 27 January 2023 to open-ended" read as a range ending on a day called so
    assert in_force(dt.date(2023, 1, 27), None) == "in force from 27 January 2023, no end set"
    assert in_force(dt.date(2022, 1, 1), dt.date(2023, 1, 26)) == (
        "in force from 1 January 2022 to 26 January 2023")


@pytest.mark.parametrize("args", [
    ["status", "examples/relocant.yaml", "--country", "KZ", "--on", "2023-01-05"],
    ["rules", "show", "kz-stay-eaeu-90-180"],
])
def test_every_rule_block_words_its_days_alike(args: list[str]) -> None:
    result = CliRunner().invoke(app, [str(ROOT / a) if a.startswith("examples/") else a
                                      for a in args])
    assert result.exit_code == 0, result.output
    assert "open-ended" not in result.stdout
    # the rule's own line, and each variant's of rules show
    assert re.search(r"^    in force from 27 January 2023, no end set; confidence high",
                     result.stdout, re.M)
    if args[0] == "rules":
        assert ("variant kz-change-26-jan: In force from 26 January 2023, for days from that "
                "day on (Reuters-based reports); in force from 26 January 2023, no end set; "
                "confidence medium"
                ) in result.stdout
    else:
        assert "    in force from 1 January 2022 to 26 January 2023; confidence high" in (
            result.stdout)


@pytest.mark.parametrize(("code", "owner"), [("KZ", "Kazakhstan's"),
                                             ("AE", "the United Arab Emirates'"),
                                             ("PH", "the Philippines'"),
                                             ("RU", "the Russian Federation's")])
def test_a_country_owns_with_an_apostrophe_alone_when_its_name_is_plural(code: str,
                                                                        owner: str) -> None:
    # risk said "the United Arab Emirates's stated policy"
    assert possessive(country_name(code)) == owner


def test_said_once_keeps_order_drops_repeats_and_reasons_said_within_another() -> None:
    inner = "the internal passport serves only for KZ (ru-exit-internal-passport)"
    outer = f"you leave on Russian documents only (ru-exit-own-documents): {inner}"
    assert said_once([inner, "a visa is needed", outer, inner]) == ["a visa is needed", outer]
    assert said_once(["b", "a", "b"]) == ["b", "a"]


@pytest.mark.parametrize(("text", "opened"), [
    ("your summons from the Russian Federation", "Your summons from the Russian Federation"),
    ("by the stay rules alone", "By the stay rules alone"), ("Already", "Already"), ("", "")])
def test_a_sentence_capitalises_only_its_first_letter(text: str, opened: str) -> None:
    assert sentence(text) == opened
