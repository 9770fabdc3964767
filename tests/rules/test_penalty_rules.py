"""The penalty topic of the rule pack: its bands checked by `rules validate`, shown by
`rules show` and counted by `rules coverage`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sojourn.cli import app
from sojourn.errors import RulePackError
from sojourn.rules.loader import load_pack

from cli_lines import printed as run

runner = CliRunner()


def test_rules_show_and_coverage_give_the_penalty() -> None:
    text = run("rules", "show", "am-penalty-overstay")
    assert "      second, 31 to 60 days: a fine of 70,000 AMD" in text.splitlines()
    shown = json.loads(run("rules", "show", "ge-penalty-overstay-2025", "--json"))
    assert shown["penalty"]["bands"][1] == {
        "from": 4, "to": 12, "offence_in_year": None, "warning": False,
        "fine": {"currency": "GEL", "min": 2000, "max": None, "per": None}, "arrest": None,
        "expulsion": None, "entry_ban": "possible, up to 2 years",
        "bans": [{"years": 2, "months": None, "days": None, "length": None,
                  "certainty": "possible", "up_to": True, "if": None}], "when": None,
        "note": None}
    # a band for an unregistered stay alone says so
    assert ("      1 day or more: an entry ban (the next entry refused for 90 days), for a stay "
            "not registered" in run("rules", "show", "kg-penalty-overstay-kz-2025").splitlines())
    assert shown["variants"][1]["penalty"]["bands"][0]["to"] == 6
    # a fine per day is shown as a rate: what it comes to depends on the days over
    assert ("      first offence in a year, 1 to 2 months: a fine of 10,000 MNT a day"
            in run("rules", "show", "mn-penalty-overstay").splitlines())
    cells = json.loads(run("rules", "coverage", "--json", "--on", "2026-01-01"))
    penalty = {c["host"]: c["rules"] for c in cells if c["topic"] == "penalty"}
    assert penalty["GE"] == ["ge-penalty-overstay-art-191", "ge-penalty-overstay-2025"]
    # for Russian citizens (coverage's default): Kyrgyzstan's overstay rule is for Kazakh
    # citizens alone
    assert penalty["KG"] == ["kg-penalty-late-registration"]
    assert penalty["TJ"] == []


RULE = """\
schema: sojourn.rules/1
rules:
  - id: kz-penalty-{name}
    title: A test penalty
    host: KZ
    citizenships: ["*"]
    topic: penalty
    valid_from: {start}
    penalty:
      offence: {offence}
      article: Art. 1
      bands:
{bands}
    confidence: low
    sources:
      - {{title: A test, url: "https://example.org/"}}
"""


def rule_file(tmp_path: Path, name: str, bands: list[str], start: str = "2022-01-01",
              offence: str = "overstay") -> str:
    return RULE.format(name=name, start=start, offence=offence,
                       bands="\n".join(f"        - {b}" for b in bands))


@pytest.mark.parametrize(("bands", "words"), [
    (["{from: 1, to: 30, warning: true}", "{from: 30, warning: true}"],
     "band 1 (from 30) overlaps band 0"),
    (["{from: 1, to: 30, warning: true}", "{from: 32, warning: true}"],
     "band 1 (from 32) leaves a gap after band 0"),
    (["{from: 1, warning: true}", "{from: 31, warning: true}"],
     "band 1 (from 31) follows the open-ended band 0"),
    (["{from: 5, to: 3, warning: true}"], "to 3 is before from 5"),
    (["{from: 1}"], "gives no sanction"),
    # a shorter time over read "grades only up to 0 days over" instead of being refused
    (["{from: 5, warning: true}"],
     "field 'rules[0].penalty.bands': band 0 (from 5) is the first and does not start at 1; "
     "expected the first band of each grade from 1"),
    (["{offence_in_year: first, from: 1, warning: true}",
      "{offence_in_year: second, from: 3, warning: true}"],
     "band 1 (from 3) is the first for the second offence and does not start at 1"),
    (["{from: 1, fine: {currency: MNT, min: 10000, per: week}}"], "'day' or 'month'"),
    # the data of a ban without the source's words could not be checked against them
    (["{from: 1, warning: true, bans: [{years: 1}]}"],
     "gives bans without entry_ban; expected entry_ban: the ban in the source's words"),
    (["{from: 1, entry_ban: '1 year', bans: [{years: 1, days: 30}]}"],
     "gives years and days; expected one of years, months or days"),
    # no length read as no ban; "unknown" must be said
    (["{from: 1, entry_ban: 'listed', bans: [{if: deported}]}"],
     "gives no length; expected one of years, months or days (a whole number), or length: "
     "unknown"),
    (["{from: 1, entry_ban: 'listed', bans: [{length: unknown, up_to: true}]}"],
     "is up_to: true with length: unknown"),
    (["{from: 1, entry_ban: '1 year', bans: [{years: 1, certainty: likely}]}"],
     "'certain' or 'possible'"),
    (["{from: 1, entry_ban: '1 year', bans: [{years: 0}]}"], "bans"),
    # one case alone leaves the other unsaid: a ban, or none
    (["{from: 1, entry_ban: '1 year if not paid', bans: [{years: 1, if: not paid}]}"],
     "gives one case, if not paid, and not the other; expected every case the source tells "
     "apart, the one with no ban as {length: none, if: ...}"),
    (["{from: 1, entry_ban: 'none', bans: [{length: none}, {years: 1, if: not paid}]}"],
     "is length: none on no condition"),
    # the one stay a band may be limited to is an unregistered one
    (["{from: 1, when: registered, entry_ban: '90 days', bans: [{days: 90}]}"],
     "field 'rules[0].penalty.bands[0].when': 'registered' is not an accepted value; "
     "expected one of 'unregistered'"),
])
def test_validate_refuses_bands_out_of_order(tmp_path: Path, bands: list[str],
                                             words: str) -> None:
    path = tmp_path / "kz.yaml"
    path.write_text(rule_file(tmp_path, "bad", bands), encoding="utf-8")
    result = runner.invoke(app, ["rules", "validate", str(path)])
    assert result.exit_code == 2 and words in result.stderr, result.output


def test_bands_of_each_grade_are_ordered_on_their_own(tmp_path: Path) -> None:
    path = tmp_path / "kz.yaml"
    path.write_text(rule_file(tmp_path, "grades", [
        "{offence_in_year: first, from: 1, warning: true}",
        "{offence_in_year: second, from: 1, to: 9, warning: true}",
        "{offence_in_year: second, from: 10, warning: true}"]), encoding="utf-8")
    assert "no problems" in run("rules", "validate", str(path))


def test_two_penalty_rules_for_one_offence_may_not_overlap(tmp_path: Path) -> None:
    # which one's fine an answer gave would depend on their order in the pack
    one = rule_file(tmp_path, "one", ["{from: 1, warning: true}"])
    other = rule_file(tmp_path, "two", ["{from: 1, warning: true}"], start="2023-01-01")
    path = tmp_path / "kz.yaml"
    path.write_text(one + other.split("rules:\n", 1)[1], encoding="utf-8")
    with pytest.raises(RulePackError,
                       match=r"two KZ penalty rules .* an offence has one penalty"):
        load_pack(path)
    # one for an overstay and one for a late registration hold together
    late = rule_file(tmp_path, "two", ["{from: 1, warning: true}"], start="2023-01-01",
                     offence="late_registration")
    path.write_text(one + late.split("rules:\n", 1)[1], encoding="utf-8")
    assert not load_pack(path).warnings


def test_validate_refuses_a_stay_condition_on_a_late_registration_band(tmp_path: Path) -> None:
    path = tmp_path / "kz.yaml"
    path.write_text(rule_file(tmp_path, "late", ["{from: 1, when: unregistered, warning: true}"],
                              offence="late_registration"), encoding="utf-8")
    result = runner.invoke(app, ["rules", "validate", str(path)])
    assert result.exit_code == 2, result.output
    assert ("field 'rules[0].penalty.bands': band 0 has when: unregistered for a late "
            "registration penalty; expected when only in the bands of an overstay penalty"
            in result.stderr), result.stderr


# a verb in the past tense, or one with "you" that shows a tense ("you paid", "you left")
PAST = re.compile(r"\b(was|were|had|did|you \w+ed|you (left|paid|went|got|came|fled))\b")


def _ban_conditions(data: object) -> list[str]:
    """Every ban's condition (``if``) in a rule as dumped, its variants' included."""
    if isinstance(data, dict):
        own = [data["if"]] if "certainty" in data and data.get("if") else []
        return own + [c for v in data.values() for c in _ban_conditions(v)]
    if isinstance(data, list):
        return [c for v in data for c in _ban_conditions(v)]
    return []


def test_every_ban_condition_reads_for_an_exit_made_and_one_to_come() -> None:
    # "Leaving on 15 March 2027 brings an entry ban ... of 1 year if you surrendered": status
    # tells a person still in the host what leaving would bring, and report what an exit made
    # brought, from the same words; written in no tense ("surrendering", "arrested and
    # prosecuted", "the fine is paid on leaving"), they read right in both
    conditions = {c for r in load_pack().rules
                  for c in _ban_conditions(r.model_dump(by_alias=True))}
    assert {"surrendering", "the fine is not paid on leaving"} <= conditions
    assert not [c for c in conditions if PAST.search(c)]
