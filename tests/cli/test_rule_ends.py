"""Answers on days after a rule of the pack ended: unknown, with the rule whose end leaves them
so, never "no limit" (the questions people ask most are about today, which the pack's sources
may not reach)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sojourn.cli import app


def _rule(rule_id: str, first: str, last: str | None, basis: str = "known") -> str:
    end = f"\n    valid_to: {last}\n    valid_to_basis: {basis}" if last else ""
    return (f"  - id: {rule_id}\n    title: A rule\n    host: KZ\n    citizenships: [RU]\n"
            f"    topic: stay\n    valid_from: {first}{end}\n"
            "    constraints: [{kind: rolling, max: 90, window: 180}]\n"
            "    sources: [{title: A source, url: 'https://example.org/a'}]\n"
            "    confidence: high\n")


def _status(tmp_path: Path, rules: str, on: str) -> dict[str, object]:
    (tmp_path / "kz.yaml").write_text("schema: sojourn.rules/1\nrules:\n" + rules,
                                      encoding="utf-8")
    history = tmp_path / "h.csv"
    history.write_text("country,entry,exit\nKZ,2026-05-01,\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["status", str(history), "--country", "KZ",
                                      "--citizenship", "RU", "--pack", str(tmp_path),
                                      "--on", on, "--json"])
    assert result.exit_code == 0, result.output
    out: dict[str, object] = json.loads(result.stdout)
    return out


def test_a_day_after_the_last_stay_rule_ended_names_that_rule(tmp_path: Path) -> None:
    # "the rule pack has no stay rule ... on these days" did not say that the pack knew the
    # rule until it ended, nor which
    out = _status(tmp_path, _rule("kz-old", "2022-01-01", "2026-06-30"), "2026-11-30")
    assert out["max_stay_days"] is None and out["limited_by"] == "unknown_rules"
    assert out["unknown"] == ("kz-old ended on 30 June 2026 and the rule pack has no stay rule "
                              "for citizens of the Russian Federation in Kazakhstan after it")


def test_an_end_that_is_the_latest_extension_seen_is_not_told_as_a_known_end(tmp_path: Path
                                                                            ) -> None:
    # asked after that day, in the past tense: "holds until at least" a day gone by read as
    # still holding
    out = _status(tmp_path, _rule("kz-old", "2022-01-01", "2026-06-30", "last_seen"),
                  "2026-11-30")
    assert out["unknown"] == (
        "kz-old held until at least 30 June 2026 (the last day its sources show it in force), "
        "and what holds for citizens of the Russian Federation in Kazakhstan after it, the rule "
        "pack does not know")


def test_a_last_seen_end_still_ahead_is_told_in_the_present(tmp_path: Path) -> None:
    out = _status(tmp_path, _rule("kz-old", "2022-01-01", "2026-06-30", "last_seen"),
                  "2026-06-15")
    assert out["latest_exit"] == "2026-06-30"
    assert str(out["unknown"]).startswith("kz-old holds until at least 30 June 2026 (the last")


def test_a_gap_between_two_rules_says_until_when(tmp_path: Path) -> None:
    out = _status(tmp_path, _rule("kz-old", "2022-01-01", "2026-06-30")
                  + _rule("kz-new", "2027-01-01", None), "2026-11-30")
    assert out["unknown"] == ("kz-old ended on 30 June 2026 and the rule pack has no stay rule "
                              "for citizens of the Russian Federation in Kazakhstan after it "
                              "until 1 January 2027")


def test_a_stay_running_past_the_end_stops_there_and_names_it(tmp_path: Path) -> None:
    out = _status(tmp_path, _rule("kz-old", "2022-01-01", "2026-06-30"), "2026-06-15")
    assert (out["latest_exit"], out["limited_by"]) == ("2026-06-30", "unknown_rules")
    assert out["unknown"] == ("kz-old ends on 30 June 2026 and the rule pack has no stay rule "
                              "for citizens of the Russian Federation in Kazakhstan after it")


def test_a_day_before_the_first_rule_names_the_day_the_pack_begins_to_know(tmp_path: Path
                                                                          ) -> None:
    # "no stay rule ... on these days" named no day
    out = _status(tmp_path, _rule("kz-new", "2026-07-01", None), "2026-06-15")
    assert out["unknown"] == ("the rule pack has no stay rule for citizens of the Russian "
                              "Federation in Kazakhstan before 1 July 2026")


def test_a_last_seen_end_is_shown_as_at_least_that_day_in_words_and_json() -> None:
    # "in force from 1 March 2020 to 1 July 2026" read as a known reopening of the border,
    # and --json gave that end with nothing to tell it from one
    runner = CliRunner()
    text = runner.invoke(app, ["rules", "show", "az-border-land-closed"]).stdout.splitlines()
    assert text[1] == ("    in force from 1 March 2020 to at least 1 July 2026 (the last day "
                       "its sources show it in force); confidence high")
    shown = json.loads(runner.invoke(app, ["rules", "show", "az-border-land-closed",
                                           "--json"]).stdout)
    assert (shown["valid_to"], shown["valid_to_basis"]) == ("2026-07-01", "last_seen")
    known = json.loads(runner.invoke(app, ["rules", "show", "kz-stay-eaeu-per-entry",
                                           "--json"]).stdout)
    assert known["valid_to_basis"] == "known"
    assert known["variants"][1]["valid_to"] == "2023-01-25"


def test_rules_list_marks_an_end_that_is_the_latest_extension_seen(tmp_path: Path) -> None:
    # its `to` column showed 2026-06-30 for both, as if the last_seen rule had ended that day
    variants = ("    variants:\n      - {name: seen, default: true, title: As seen}\n"
                "      - {name: shorter, title: Shorter, valid_to: 2026-03-31}\n")
    (tmp_path / "kz.yaml").write_text(
        "schema: sojourn.rules/1\nrules:\n"
        + _rule("kz-known", "2022-01-01", "2026-06-30")
        + _rule("kz-seen", "2022-01-01", "2026-06-30", "last_seen") + variants,
        encoding="utf-8")
    listing = CliRunner().invoke(app, ["rules", "list", "--pack", str(tmp_path)])
    assert listing.exit_code == 0, listing.output
    head, known, seen, *legend = listing.stdout.splitlines()  # in the order of the file
    assert known.split()[5] == "2026-06-30" and seen.split()[5] == "≥2026-06-30"
    assert head.index("conf.") == known.index("high") == seen.index("high")
    assert legend[-1] == ("≥: in force to at least that day, the last day its sources show it "
                          "in force, not a known end")
    out = CliRunner().invoke(app, ["rules", "list", "--pack", str(tmp_path), "--json"])
    rules = {r["id"]: r for r in json.loads(out.stdout)}
    assert rules["kz-known"]["valid_to_basis"] == "known"
    assert rules["kz-seen"]["valid_to_basis"] == "last_seen"
    # a variant that keeps the rule's end keeps its basis; one with its own end knows it
    assert [(v["name"], v["valid_to_basis"]) for v in rules["kz-seen"]["variants"]] == [
        ("seen", "last_seen"), ("shorter", "known")]


def test_a_limit_that_ends_before_its_rule_holds_only_to_its_own_last_day(tmp_path: Path
                                                                          ) -> None:
    # the rule holds to 31 December, its 30 per entry only to 31 May (a transitional limit):
    # entered 1 May, the 31st day, 31 May, breaks it, and from 1 June 90 in any 180 alone
    # judges the stay, to its 90th day, 29 July
    rule = _rule("kz-both", "2022-01-01", "2026-12-31").replace(
        "constraints: [{kind: rolling, max: 90, window: 180}]",
        "constraints: [{kind: per_entry, max: 30, valid_to: 2026-05-31},\n"
        "                  {kind: rolling, max: 90, window: 180}]")
    out = _status(tmp_path, rule, "2026-06-10")
    assert out["latest_exit"] == "2026-07-29"
    assert [(v["first_day"], v["last_day"], v["peak"]) for v in out["violations"]] == [
        ("2026-05-31", "2026-05-31", 31)]


def _entry_rule(rule_id: str, first: str, last: str, basis: str = "known",
                document: str = "birth_certificate") -> str:
    return (f"  - id: {rule_id}\n    title: A rule\n    host: TJ\n    citizenships: [RU]\n"
            f"    topic: entry\n    valid_from: {first}\n    valid_to: {last}\n"
            f"    valid_to_basis: {basis}\n"
            f"    documents: [{{type: {document}, max_age: 13}}]\n"
            "    sources: [{title: A source, url: 'https://example.org/a'}]\n"
            "    confidence: high\n")


def _entry_text(tmp_path: Path, rules: str, on: str, *more: str) -> str:
    (tmp_path / "entry.yaml").write_text("schema: sojourn.rules/1\nrules:\n" + rules,
                                         encoding="utf-8")
    result = CliRunner().invoke(app, ["entry", "--citizenship", "RU", "--document",
                                      "birth_certificate", "--age", "8", "--to", "TJ",
                                      "--pack", str(tmp_path), "--on", on, *more])
    assert result.exit_code == 0, result.output
    return result.stdout


def _entry(tmp_path: Path, rules: str, on: str) -> dict[str, object]:
    out: dict[str, object] = json.loads(_entry_text(tmp_path, rules, on, "--json"))
    return out


def _ids(out: dict[str, object]) -> list[str]:
    rules = out["rules"]
    assert isinstance(rules, list)
    return [r["id"] for r in rules]


def test_an_entry_day_after_the_last_document_rule_ended_names_that_rule(tmp_path: Path
                                                                         ) -> None:
    # "the rule pack has no rule on whether Tajikistan accepts a birth certificate" on a day
    # in 2027 did not say that the pack knew the answer until 19 January 2026
    rules = _entry_rule("tj-child", "2005-11-01", "2026-01-19")
    out = _entry(tmp_path, rules, "2027-01-15")
    assert out["allowed"] == "unknown"
    assert out["reasons"] == [
        "unknown: the rule pack has no rule on whether Tajikistan accepts a birth certificate "
        "from citizens of the Russian Federation on 15 January 2027 (no entry-document rule "
        "at all for that day); the pack's last rule on it, tj-child, was in force from "
        "1 November 2005 to 19 January 2026, and what holds after it, the pack does not know"]
    # on its last day the rule answers; the day after, the answer names it
    assert _entry(tmp_path, rules, "2026-01-19")["allowed"] is True
    assert "tj-child" in str(_entry(tmp_path, rules, "2026-01-20")["reasons"])
    # and relies on it, as on every rule an answer names: its dates and sources are listed
    assert _ids(out) == ["tj-child"]


def test_an_entry_day_between_two_document_rules_names_both(tmp_path: Path) -> None:
    # a later rule on the document hid the ended one: "no rule" alone, though the pack knew
    # the answer until 19 January 2026 and knows it again from 1 March 2027
    rules = (_entry_rule("tj-child", "2005-11-01", "2026-01-19")
             + _entry_rule("tj-child-new", "2027-03-01", "2099-12-31"))
    said = ("unknown: the rule pack has no rule on whether Tajikistan accepts a birth "
            "certificate from citizens of the Russian Federation on 15 January 2027 (no "
            "entry-document rule at all for that day); the pack's last rule on it before that "
            "day, tj-child, "
            "was in force from 1 November 2005 to 19 January 2026, and from 1 March 2027 the "
            "pack's rule tj-child-new answers; what holds in between, the pack does not know")
    out = _entry(tmp_path, rules, "2027-01-15")
    assert (out["allowed"], out["reasons"]) == ("unknown", [said])
    assert _ids(out) == ["tj-child", "tj-child-new"]
    text = _entry_text(tmp_path, rules, "2027-01-15")
    assert f"  - {said}\n" in text
    relied = text.split("Rules relied on:\n", 1)[1]
    assert "  tj-child: A rule\n" in relied and "  tj-child-new: A rule\n" in relied


def test_an_ended_rule_of_low_confidence_named_is_no_doubt_of_the_unknown(tmp_path: Path
                                                                         ) -> None:
    # relied on and listed, but "the answer rests on tj-child, a rule of low confidence" would
    # doubt an answer that is "unknown" whatever that rule's confidence
    rules = _entry_rule("tj-child", "2005-11-01", "2026-01-19").replace("confidence: high",
                                                                       "confidence: low")
    out = _entry(tmp_path, rules, "2027-01-15")
    assert _ids(out) == ["tj-child"] and out["notes"] == []


def test_an_entry_day_before_the_first_document_rule_names_none(tmp_path: Path) -> None:
    # before the pack's first rule on the document, the answer rests on no rule (as the
    # cases of every host pin it): only a rule that ended is named, with the one after it
    out = _entry(tmp_path, _entry_rule("tj-child-new", "2027-03-01", "2099-12-31"),
                 "2027-01-15")
    assert "tj-child-new" not in str(out["reasons"]) and _ids(out) == []


def test_an_entry_rule_last_seen_is_named_with_at_least_its_last_day(tmp_path: Path) -> None:
    out = _entry(tmp_path, _entry_rule("tj-child", "2005-11-01", "2026-01-19", "last_seen"),
                 "2027-01-15")
    assert ("; the pack's last rule on it, tj-child, was in force from 1 November 2005 to at "
            "least 19 January 2026 (the last day its sources show it in force), and what holds "
            "after it, the pack does not know") in str(out["reasons"])


def test_an_entry_rule_on_another_document_is_not_named(tmp_path: Path) -> None:
    # only a rule on the document asked about tells what the pack knew of it
    out = _entry(tmp_path, _entry_rule("tj-passport", "2005-11-01", "2026-01-19",
                                       document="internal_passport"), "2027-01-15")
    assert "tj-passport" not in str(out["reasons"])
