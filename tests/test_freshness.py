"""How current the rules an answer relies on are: a note when their newest dated source is more
than a year before the query day, in the words and in --json, in status, entry, risk, permit,
destinations and report."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from sojourn.cli import app
from sojourn.rules.freshness import Dated, not_confirmed, note
from sojourn.rules.loader import builtin_pack_dir
from sojourn.rules.schema import Treaty

_SOURCES = ("    sources:\n"
            "      - {title: A decree, url: 'https://example.org/a', date: 2023-01-17}\n"
            "      - {title: A report, url: 'https://example.org/b'}\n")
PACK = {
    "kz.yaml": (
        "schema: sojourn.rules/1\nrules:\n"
        "  - id: kz-old\n    title: Old\n    host: KZ\n    citizenships: [RU]\n"
        "    topic: stay\n    valid_from: 2022-01-01\n    valid_to: 2023-01-26\n"
        "    constraints: [{kind: per_entry, max: 90}]\n    confidence: high\n"
        "    sources: [{title: Old, url: 'https://example.org/o', date: 2022-01-01}]\n"
        "  - id: kz-new\n    title: New\n    host: KZ\n    citizenships: [RU]\n"
        "    topic: stay\n    valid_from: 2023-01-27\n"
        "    constraints: [{kind: rolling, max: 90, window: 180}]\n    confidence: high\n"
        + _SOURCES),
    "entry.yaml": (
        "schema: sojourn.rules/1\nrules:\n"
        "  - id: kz-entry\n    title: Entry\n    host: KZ\n    citizenships: [RU]\n"
        "    topic: entry\n    valid_from: 2005-05-31\n"
        "    documents: [{type: internal_passport}]\n    confidence: high\n"
        "    sources: [{title: A note, document: 'MFA note, 24.05.2005'}]\n"),
    "extradition.yaml": (
        "schema: sojourn.rules/1\nrules:\n"
        "  - id: kz-extradition\n    title: Policy\n    host: KZ\n    citizenships: [RU]\n"
        "    topic: extradition\n    valid_from: 2022-09-27\n"
        "    extradition: {requires_criminal_charge: true, requires_international_wanted: true,"
        " treaty_based: true, extra_legal_removals: false, summary: A policy.}\n"
        "    confidence: high\n" + _SOURCES),
    "permit.yaml": (
        "schema: sojourn.rules/1\nrules:\n"
        "  - id: kz-permit\n    title: Permit\n    host: KZ\n    citizenships: [RU]\n"
        "    topic: permit\n    valid_from: 2023-01-01\n"
        "    permit: {name: Temporary residence permit (Kazakhstan), kind: temporary,"
        " requirements: [{document: basis_document}], processing_days: 5}\n"
        "    confidence: medium\n"
        "    sources: [{title: An agent, url: 'https://example.org/p', date: 2024-03-01}]\n"),
    # a host whose sources are recent on 30 November 2026, beside Kazakhstan's old ones
    "kg.yaml": (
        "schema: sojourn.rules/1\nrules:\n"
        "  - id: kg-entry\n    title: Entry\n    host: KG\n    citizenships: [RU]\n"
        "    topic: entry\n    valid_from: 2016-01-01\n"
        "    documents: [{type: internal_passport}]\n    confidence: high\n"
        "    sources: [{title: A note, url: 'https://example.org/k', date: 2026-06-01}]\n"
        "  - id: kg-stay\n    title: Stay\n    host: KG\n    citizenships: [RU]\n"
        "    topic: stay\n    valid_from: 2016-01-01\n"
        "    constraints: [{kind: rolling, max: 90, window: 180}]\n    confidence: high\n"
        "    sources: [{title: A law, url: 'https://example.org/l', date: 2026-06-01}]\n"),
}
# JSON, which the pack's loader (of *.yaml in the same directory) leaves alone
PROFILE = {"version": 1, "person": {"citizenships": ["RU"], "documents": [
    {"type": "internal_passport", "country": "RU", "issued": "2014-04-02"}]},
    "trips": [{"country": "KZ", "entry": "2026-11-01"}]}


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    for name, text in PACK.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "h.csv").write_text("country,entry,exit\nKZ,2022-12-01,2023-01-10\n",
                                    encoding="utf-8")
    (tmp_path / "p.json").write_text(json.dumps(PROFILE), encoding="utf-8")
    return tmp_path


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _status(pack: Path, on: str, *more: str) -> str:
    return _run("status", str(pack / "h.csv"), "--country", "KZ", "--citizenship", "RU",
                "--pack", str(pack), "--on", on, *more)


def test_a_rule_whose_sources_are_years_old_is_said_not_confirmed_since(pack: Path) -> None:
    # "in force from 27 January 2023, no end set" on a day years later read as confirmed then
    # what to check in plain words first, the rule's id for a caseworker last
    line = ("Note: the stay limit may be out of date: the pack's newest dated source for it is "
            "of 17 January 2023; check that it still holds on 30 November 2026 (kz-new).")
    assert "  " + line in _status(pack, "2026-11-30").splitlines()
    out = json.loads(_status(pack, "2026-11-30", "--json"))
    assert out["freshness"]["rules"] == [
        {"rule": "kz-new", "host": "KZ", "topic": "stay", "newest_source": "2023-01-17",
         "undated_sources": 1, "under_accounts": None}]
    assert out["freshness"]["note"] == line.removeprefix("Note: ").removesuffix(".")
    assert out["freshness"]["note"] in out["notes"]


def test_within_a_year_of_the_sources_nothing_is_said(pack: Path) -> None:
    out = json.loads(_status(pack, "2024-01-17", "--json"))
    assert out["freshness"] == {"note": None, "rules": []}
    assert not any("newer source" in n for n in out["notes"])
    assert json.loads(_status(pack, "2024-01-18", "--json"))["freshness"]["rules"]


# (the newest source, the query day, whether the rule is said out of date): a source is over a
# year old from the day after its anniversary, not after 365 days, which a year holding
# 29 February outlasts; 29 February's anniversary in a common year is 28 February
A_YEAR_ON = [
    ("2023-06-30", "2024-06-30", False),  # 366 days: a year that holds 29 February 2024
    ("2023-06-30", "2024-07-01", True),
    ("2023-03-01", "2024-03-01", False),  # 29 February the year's last day but one
    ("2023-03-01", "2024-03-02", True),
    ("2024-02-28", "2025-02-28", False),  # 29 February the year's second day
    ("2024-02-28", "2025-03-01", True),
    ("2024-02-29", "2025-02-28", False),  # the anniversary of 29 February
    ("2024-02-29", "2025-03-01", True),
    ("2023-02-28", "2024-02-28", False),  # a common year, ending on the eve of 29 February
    ("2023-02-28", "2024-02-29", True),
    ("2024-03-01", "2025-03-01", False),  # a common year, beginning the day after it
    ("2024-03-01", "2025-03-02", True),
]


@pytest.mark.parametrize(("source", "on", "old"), A_YEAR_ON)
def test_a_source_is_over_a_year_old_from_the_day_after_its_anniversary(
        pack: Path, source: str, on: str, old: bool) -> None:
    # a source of 30 June 2023 was called out of date on 30 June 2024, a year to the day
    kz = pack / "kz.yaml"
    kz.write_text(kz.read_text(encoding="utf-8").replace("date: 2023-01-17", f"date: {source}"),
                  encoding="utf-8")
    rules = json.loads(_status(pack, on, "--json"))["freshness"]["rules"]
    assert [r["rule"] for r in rules] == (["kz-new"] if old else [])
    assert [r["newest_source"] for r in rules] == ([source] if old else [])


def test_a_rule_that_ended_before_the_day_is_history_and_not_listed(pack: Path) -> None:
    # kz-old (source of 2022, ended 26 January 2023) is relied on for the days it judged
    out = json.loads(_status(pack, "2026-11-30", "--json"))
    assert "kz-old" in [r["id"] for r in out["rules"]]
    assert [r["rule"] for r in out["freshness"]["rules"]] == ["kz-new"]


def test_entry_and_risk_say_it_too_an_undated_rule_counting_from_its_start(pack: Path) -> None:
    entry = ("entry", "--citizenship", "RU", "--document", "internal_passport", "--to", "KZ",
             "--pack", str(pack), "--on", "2026-11-30")
    assert ("  Note: the entry rule may be out of date: none of the pack's sources for it gives "
            "a date; check that it still holds on 30 November 2026 (kz-entry).") in _run(
        *entry).splitlines()
    assert json.loads(_run(*entry, "--json"))["freshness"]["rules"] == [
        {"rule": "kz-entry", "host": "KZ", "topic": "entry", "newest_source": None,
         "undated_sources": 1, "under_accounts": None}]
    risk = ("risk", str(pack / "h.csv"), "--country", "KZ", "--citizenship", "RU",
            "--pack", str(pack), "--on", "2026-11-30")
    assert any(line.startswith("  Note: the extradition policy may be out of date: the pack's "
                               "newest dated source for it is of 17 January 2023")
               for line in _run(*risk).splitlines())
    assert json.loads(_run(*risk, "--json"))["freshness"]["rules"][0]["rule"] == "kz-extradition"


def _notes(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("  Note: ")]


def test_permit_says_it_once_for_the_permit_and_the_stay_it_relies_on(pack: Path) -> None:
    # lead times and documents from sources of 2024, read on a day in 2026, with no word on it
    permit = ("permit", str(pack / "p.json"), "--country", "KZ", "--permit", "kz-permit",
              "--pack", str(pack))
    text = _run(*permit, "--on", "2026-11-30")
    assert _notes(text) == [
        "  Note: the residence permit rule and the stay limit may be out of date: the pack's "
        "newest dated source for the residence permit rule is of 1 March 2024, for the stay "
        "limit of 17 January 2023; check that they still hold on 30 November 2026 (kz-permit, "
        "kz-new)."]
    out = json.loads(_run(*permit, "--on", "2026-11-30", "--json"))
    assert [r["rule"] for r in out["freshness"]["rules"]] == ["kz-permit", "kz-new"]
    assert out["freshness"]["note"] == _notes(text)[0].removeprefix("  Note: ")[:-1]
    fresh = json.loads(_run(*permit, "--on", "2024-01-10", "--json"))
    assert fresh["freshness"] == {"note": None, "rules": []}


def test_destinations_say_which_hosts_once_not_per_row(pack: Path) -> None:
    where = ("destinations", str(pack / "p.json"), "--pack", str(pack), "--on", "2026-11-30")
    assert _notes(_run(*where)) == [
        "  Note: the answers for KZ (1 of 2 hosts) rest in part on sources over a year older "
        "than 30 November 2026 and may be out of date; `sojourn status --country HOST` and "
        "`sojourn entry --to HOST` name the rules."]
    out = json.loads(_run(*where, "--json"))
    assert [(r["host"], r["rule"]) for r in out["freshness"]["rules"]] == [
        ("KZ", "kz-entry"), ("KZ", "kz-new")]
    assert out["freshness"]["note"].startswith("the answers for KZ (1 of 2 hosts) rest")


def test_report_says_it_for_its_permits_and_where_else_once_each(pack: Path) -> None:
    report = ("report", str(pack / "p.json"), "--pack", str(pack), "--on", "2027-07-01")
    notes = _notes(_run(*report))
    # the stay limit's note is under the stay's answer: the permits' names the permit alone
    assert ("  Note: the residence permit rule may be out of date: the pack's newest dated "
            "source for it is of 1 March 2024; check that it still holds on 1 July 2027 "
            "(kz-permit).") in notes
    assert ("  Note: the answers for KG rest in part on sources over a year older than 1 July "
            "2027 and may be out of date; `sojourn status --country HOST` and `sojourn entry "
            "--to HOST` name the rules.") in notes
    assert sum("(kz-new" in n or "kz-new)" in n for n in notes) == 1
    out = json.loads(_run(*report, "--format", "json"))
    assert [r["rule"] for r in out["permits"][0]["freshness"]["rules"]] == ["kz-permit",
                                                                          "kz-new"]
    assert [r["rule"] for r in out["alternatives_freshness"]["rules"]] == ["kg-entry",
                                                                          "kg-stay"]


def test_rules_of_several_hosts_are_said_with_each_host() -> None:
    # a dual citizen's risk: the host's extradition policy and the citizenship's liability
    found = [Dated("am-extradition", dt.date(2024, 4, 10), 1, "AM", "extradition"),
             Dated("kz-art-172", None, 2, "KZ", "liability"),
             Dated("kz-art-170", None, 1, "KZ", "liability")]
    assert note(found, dt.date(2026, 11, 30)) == (
        "Armenia's extradition policy and Kazakhstan's criminal liability rules may be out of "
        "date: the pack's newest dated source for Armenia's extradition policy is of 10 April "
        "2024, and Kazakhstan's criminal liability rules have no dated source; check that they "
        "still hold on 30 November 2026 (am-extradition, kz-art-172, kz-art-170)")


def test_a_georgian_permit_with_no_dated_source_is_not_given_the_registration_law_s_date(
        tmp_path: Path) -> None:
    # "the permit rule and the registration rule ...: the pack's newest dated source for them
    # is of 27 June 1996": the permit's own sources are undated, 1996 is the registration law's.
    # The built-in permit rule has dated sources since February 2026, so a copy of the pack
    # keeps only its undated ones, as it was, to keep the case of a permit with none.
    pack = tmp_path / "pack"
    shutil.copytree(builtin_pack_dir(), pack)
    permits = yaml.safe_load((pack / "permits.yaml").read_text(encoding="utf-8"))
    for rule in permits["rules"]:
        if rule["id"] == "ge-permit-residence":
            rule["sources"] = [s for s in rule["sources"] if "date" not in s]
    (pack / "permits.yaml").write_text(yaml.safe_dump(permits, allow_unicode=True),
                                       encoding="utf-8")
    history = tmp_path / "ge.yaml"
    history.write_text("person: {citizenships: [RU]}\ntrips: [{country: GE, entry: 2024-05-01}]\n",
                       encoding="utf-8")
    text = _run("permit", str(history), "--country", "GE", "--permit", "ge-permit-residence",
                "--on", "2024-06-01", "--pack", str(pack))
    assert ("  Note: the permit rule and the registration rule may be out of date: the pack's "
            "newest dated source for the registration rule is of 27 June 1996, and the permit "
            "rule has no dated source; check that they still hold on 1 June 2024 "
            "(ge-permit-residence, ge-registration-none-visitor).") in _notes(text)


def test_rules_of_one_kind_some_undated_are_named_apart() -> None:
    day = dt.date(2026, 11, 30)
    found = [Dated("kz-a", dt.date(2024, 4, 10), 0, "KZ", "stay"),
             Dated("kz-b", None, 1, "KZ", "stay"),
             Dated("kz-c", None, 1, "KZ", "stay")]
    assert note(found, day) == (
        "the stay limits may be out of date: the pack's newest dated source for the stay limit "
        "(kz-a) is of 10 April 2024, and the stay limits (kz-b, kz-c) have no dated source; "
        "check that they still hold on 30 November 2026 (kz-a, kz-b, kz-c)")
    # one kind, all dated or all undated: one date, or none, for them all, as before
    assert "for them is of 10 April 2024;" in (note(found[:1] * 2, day) or "")
    assert "none of the pack's sources for them gives a date" in (note(found[1:], day) or "")


def test_a_permit_of_kind_other_is_no_residence_permit_in_the_note() -> None:
    # Thailand's extension of a visa-exempt stay read "the residence permit rule may be out of
    # date"; a temporary or permanent permit is one
    day = dt.date(2026, 11, 30)
    extension = Dated("th-permit-extension-2024", dt.date(2024, 7, 16), host="TH",
                      topic="permit", kind="other")
    card = Dated("am-permit-temporary", dt.date(2024, 1, 1), host="AM", topic="permit",
                 kind="temporary")
    assert note([extension], day) == (
        "the permit rule may be out of date: the pack's newest dated source for it is of 16 "
        "July 2024; check that it still holds on 30 November 2026 (th-permit-extension-2024)")
    assert (note([card], day) or "").startswith("the residence permit rule may be out of date")


def test_permit_words_its_rule_by_kind(tmp_path: Path) -> None:
    history = tmp_path / "th.yaml"
    history.write_text("person: {citizenships: [RU]}\ntrips: [{country: TH, entry: 2024-08-05}]\n")
    text = _run("permit", str(history), "--country", "TH", "--permit",
                "th-permit-extension-2024", "--on", "2027-02-13")
    # the permit leads the list of the rules of other topics the answer relies on; the stay
    # limit on that day (the 2005 agreement's 30 days) is not among them, as Russia's foreign
    # ministry restated it on 7 March 2026, less than a year before; the permit's newest source
    # (Kommersant, 12 February 2026) is a year and a day old then
    assert next(n for n in _notes(text) if "th-permit-extension-2024" in n).startswith(
        "  Note: the permit rule, the registration rule and the penalty rule")


def test_permit_judges_its_rules_on_the_filing_day_when_later(pack: Path) -> None:
    # a permit rule of sources of 10 January 2026, fresh on 30 November 2026, is relied on
    # for a filing on 15 January 2027, over a year after them: the plan files under it then,
    # and said nothing of its age
    permits = pack / "permit.yaml"
    permits.write_text(permits.read_text(encoding="utf-8").replace(
        "date: 2024-03-01", "date: 2026-01-10"), encoding="utf-8")
    permit = ("permit", str(pack / "p.json"), "--country", "KZ", "--permit", "kz-permit",
              "--pack", str(pack), "--on", "2026-11-30")
    filed = _run(*permit, "--apply-on", "2027-01-15")
    assert _notes(filed) == [
        "  Note: the residence permit rule and the stay limit may be out of date: the pack's "
        "newest dated source for the residence permit rule is of 10 January 2026, for the stay "
        "limit of 17 January 2023; check that they still hold on 15 January 2027 (kz-permit, "
        "kz-new)."]
    out = json.loads(_run(*permit, "--apply-on", "2027-01-15", "--json"))
    assert [r["rule"] for r in out["freshness"]["rules"]] == ["kz-permit", "kz-new"]
    # filed within a year of the sources, the permit rule is not said to be out of date
    early = json.loads(_run(*permit, "--apply-on", "2027-01-08", "--json"))
    assert [r["rule"] for r in early["freshness"]["rules"]] == ["kz-new"]
    # with no day asked for, the plan's deadline is no filing day: judged on the query day
    by = json.loads(_run(*permit, "--json"))
    assert by["apply_on"] > "2027-01-10"
    assert [r["rule"] for r in by["freshness"]["rules"]] == ["kz-new"]


# the builtin pack's cases where a line rests on more than its row's or answer's own rules
_ROOT = Path(__file__).resolve().parent.parent
_CHARGED = str(_ROOT / "tests" / "cli" / "profiles" / "kazakh-charged-by-russia.yaml")
_SPEAKER = str(_ROOT / "examples" / "anti-war-speaker.yaml")


def test_report_weighs_the_treaty_an_other_host_s_line_names() -> None:
    # Kazakhstan's row is of recent rules, but its exposure in brief names the Chisinau
    # Convention ("a political-offence ground ... in the Chisinau Convention"), whose sources
    # are of 2004: the answer for Kazakhstan rests on it too
    report = ("report", _CHARGED, "--citizenship", "KZ", "--on", "2025-06-01")
    assert ("  Note: the answers for all 11 hosts rest in part on sources over a year older "
            "than 1 June 2025") in _run(*report)
    out = json.loads(_run(*report, "--format", "json"))["alternatives_freshness"]
    treaty = next(r for r in out["rules"] if r["rule"] == "chisinau-convention-2002")
    assert (treaty["host"], treaty["topic"]) == (None, "treaty")


def test_report_weighs_the_policy_an_other_host_s_line_judges_a_charge_under() -> None:
    # "a charge by the Russian Federation: medium under vn-extradition-2023": Vietnam's row
    # relies on that policy, whose newest source is of 9 April 2023
    report = ("report", _CHARGED, "--citizenship", "KZ", "--on", "2025-06-01",
              "--format", "json")
    rules = json.loads(_run(*report))["alternatives_freshness"]["rules"]
    policy = next(r for r in rules if r["rule"] == "vn-extradition-2023")
    assert (policy["host"], policy["newest_source"]) == ("VN", "2023-04-09")


def test_risk_weighs_the_treaties_its_reasons_name() -> None:
    # the European Convention's political-offence and lapse-of-time grounds are among the
    # reasons; its newest dated source is of 24 March 2023
    risk = ("risk", _SPEAKER, "--country", "GE", "--on", "2024-06-01")
    assert ("the extradition treaty may be out of date: the pack's newest dated source for "
            "it is of 24 March 2023; check that it still holds on 1 June 2024 "
            "(european-convention-extradition-1957)") in _run(*risk)
    fresh = json.loads(_run(*risk, "--json"))["freshness"]
    assert [r["rule"] for r in fresh["rules"]] == ["european-convention-extradition-1957"]


def test_a_treaty_beside_rules_of_several_hosts_is_named_by_none() -> None:
    found = [Dated("tr-extradition-2023", dt.date(2024, 7, 26), 0, "TR", "extradition"),
             Dated("kz-liability-art-170", None, 1, "KZ", "liability"),
             Dated("european-convention-extradition-1957", dt.date(2023, 3, 24), 0, "",
                   "treaty")]
    assert note(found, dt.date(2026, 12, 2)) == (
        "Türkiye's extradition policy, Kazakhstan's criminal liability rule and the "
        "extradition treaty may be out of date: the pack's newest dated source for Türkiye's "
        "extradition policy is of 26 July 2024, for the extradition treaty of 24 March 2023, "
        "and Kazakhstan's criminal liability rule has no dated source; check that they still "
        "hold on 2 December 2026 (tr-extradition-2023, kz-liability-art-170, "
        "european-convention-extradition-1957)")


def test_an_undated_treaty_counts_from_the_last_party_joined_by_the_day() -> None:
    # a treaty with no dated source counts from the last day a party joined; a party that
    # joins after the query day (Uzbekistan, 1 March 2027) changes nothing an answer of
    # 1 December 2026 rests on, and read the treaty Armenia and Russia are bound by since
    # 28 June 2023 as too new to be out of date
    treaty = Treaty.model_validate({
        "id": "tr-undated", "title": "A treaty", "article": "10", "confidence": "high",
        "parties": [{"country": "AM", "since": "2005-02-20"},
                    {"country": "RU", "since": "2023-06-28"},
                    {"country": "UZ", "since": "2027-03-01"}],
        "sources": [{"title": "A text", "url": "https://example.org/t"}]})
    found = not_confirmed([treaty], dt.date(2026, 12, 1))
    assert [(d.rule, d.newest_source, d.undated) for d in found] == [("tr-undated", None, 1)]
    # within a year of the last party joined by the day, it is not said to be old
    assert not_confirmed([treaty], dt.date(2024, 6, 1)) == ()
