"""Every rule an answer rests on is among its "Rules relied on": the criminal-code
entries `risk` names in its reasons, the rule a document's end by age comes from, and, over
every profile of examples/ and tests/cli/profiles/, every rule any line of an answer names,
with the account assumed of each contested one among its --json `assumptions`."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from sojourn.cli import app
from sojourn.rules.loader import load_pack
from sojourn.words import names_rule

from cli_lines import printed as run

runner = CliRunner()

# a Russian in Serbia, charged at home under Art. 207.3 part 1 and listed by Interpol
CHARGED = """\
version: 1
person:
  citizenships: [RU]
  born: 1992-07-07
  documents:
    - {type: international_passport, country: RU, issued: 2020-02-02, expires: 2030-02-01}
trips:
  - {country: RS, entry: 2022-11-20, by: air}
charges:
  - {country: RU, article: "207.3", part: 1, wanted: interpol, committed_on: 2022-03-15}
"""
# the criminal-code entries the reasons name: the offence's version of the day of the act, the
# gravity scale its band comes from, the limitation periods, Interpol's record of Russia; and
# the treaty whose political-offence ground a reason names for the article
CODE_ENTRIES = ["ru-cc-207.3-1", "ru-cc-art-15", "ru-cc-art-78", "interpol-ru",
                "european-convention-extradition-1957"]


def charged(tmp_path: Path) -> str:
    path = tmp_path / "charged.yaml"
    path.write_text(CHARGED, encoding="utf-8")
    return str(path)


def relied_on(text: str) -> list[str]:
    """The lines of the "Rules relied on:" block."""
    block = text.split("Rules relied on:\n", 1)[1]
    return block.split("\nThis explains", 1)[0].splitlines()


def test_risk_lists_the_criminal_code_entries_its_reasons_name(tmp_path: Path) -> None:
    # the reasons said "at most 3 years ... (ru-cc-207.3-1)", "limitation ... (ru-cc-art-78)"
    # and "(interpol-ru, medium confidence)", but "Rules relied on" listed the Serbian policy
    # alone: the answer gave no source for the maximum, the band or the limitation period
    text = run("risk", charged(tmp_path), "--country", "RS", "--on", "2026-01-10")
    block = relied_on(text)
    heads = [line.split(":")[0].strip() for line in block if line.startswith("  ")
             and not line.startswith("   ")]
    assert heads == ["rs-extradition-2025", *CODE_ENTRIES]
    offence = block.index(next(ln for ln in block if ln.startswith("  ru-cc-207.3-1: ")))
    assert block[offence + 1] == ("    in force from 4 March 2022 to 17 March 2023; confidence "
                                  "medium; at most 3 years")
    assert block[offence + 3].startswith("      source: Duma approves Criminal Code amendments")
    limitation = block.index("  ru-cc-art-78: Criminal Code of the Russian Federation, Art. 78 "
                             "— limitation periods")
    assert block[limitation + 1].startswith("    confidence high; small: 2 years; ")
    assert block[limitation + 2].startswith("      source: Criminal Code of Russia, Art. 78")


def test_risk_json_gives_the_entries_as_rules_show_does(tmp_path: Path) -> None:
    data = json.loads(run("risk", charged(tmp_path), "--country", "RS", "--on", "2026-01-10",
                          "--json"))
    assert [r["id"] for r in data["rules"]] == ["rs-extradition-2025"]  # as before
    entries = data["code_entries"]
    assert [(e["kind"], e["id"]) for e in entries] == [
        ("offence", "ru-cc-207.3-1"), ("gravity", "ru-cc-art-15"),
        ("limitation", "ru-cc-art-78"), ("listing", "interpol-ru"),
        ("treaty", "european-convention-extradition-1957")]
    shown = json.loads(run("rules", "show", "ru-cc-art-78", "--json"))
    assert entries[2] == {k: v for k, v in shown.items() if k != "schema_version"}
    assert entries[0]["valid_from"] == "2022-03-04" and entries[0]["confidence"] == "medium"
    assert entries[0]["sources"][0]["date"] == "2022-03-04"


def test_a_listing_s_facts_are_those_known_on_the_day(tmp_path: Path) -> None:
    # on 1 December 2022 the reason tells Interpol's record up to its supervision of March 2022:
    # the refusal reported in December is no source of that answer
    path = charged(tmp_path)
    data = json.loads(run("risk", path, "--country", "RS", "--on", "2022-12-01", "--json"))
    listing = next(e for e in data["code_entries"] if e["id"] == "interpol-ru")
    assert [f["on"] for f in listing["facts"]] == ["1956-06-13", "2022-03-10"]
    text = run("risk", path, "--country", "RS", "--on", "2022-12-01")
    listed = "\n".join(relied_on(text))
    assert "    10 March 2022: Interpol put Russia's bureau" in listed
    assert "5 December 2022: Interpol was reported" not in listed


def test_a_charge_the_pack_does_not_hold_names_no_entry(tmp_path: Path) -> None:
    # an article the pack has no offence for: no maximum, band or period is told, and none
    # listed; Interpol's record is still told, and listed
    path = tmp_path / "other.yaml"
    path.write_text(CHARGED.replace('"207.3", part: 1', '"999"'), encoding="utf-8")
    data = json.loads(run("risk", str(path), "--country", "RS", "--on", "2026-01-10", "--json"))
    assert [e["id"] for e in data["code_entries"]] == ["interpol-ru"]


def test_report_lists_the_exposure_s_entries_with_the_other_rules(tmp_path: Path) -> None:
    text = run("report", charged(tmp_path), "--on", "2026-01-10")
    block = text.split("Rules relied on:\n", 1)[1].splitlines()
    for entry in CODE_ENTRIES:
        assert any(line.startswith(f"  {entry}: ") for line in block), entry
    data = json.loads(run("report", charged(tmp_path), "--on", "2026-01-10", "--format",
                          "json"))
    assert [e["id"] for e in data["risk"]["code_entries"]] == CODE_ENTRIES


# a Russian born 10 June 1981 in Armenia since 1 June 2026 on the internal passport issued at
# 20, given no end: it lapses on 8 September 2026 by ru-internal-passport-validity
LAPSING = """\
person:
  citizenships: [RU]
  born: 1981-06-10
  documents: [{type: internal_passport, country: RU, issued: 2001-07-01}]
trips: [{country: AM, entry: 2026-06-01, by: air}]
"""
VALIDITY = "ru-internal-passport-validity"


def lapsing(tmp_path: Path) -> str:
    path = tmp_path / "lapsing.yaml"
    path.write_text(LAPSING, encoding="utf-8")
    return str(path)


def test_status_relies_on_the_rule_a_document_s_end_by_age_comes_from(tmp_path: Path) -> None:
    # "lapses on 8 September 2026 (... by ru-internal-passport-validity)" was said, but the
    # rule was not among "Rules relied on", nor in --json `rules`, and the freshness note did
    # not see that its newest source (11 May 2025) is over a year old on 1 July 2026
    path = lapsing(tmp_path)
    text = run("status", path, "--country", "AM", "--on", "2026-07-01")
    assert "by ru-internal-passport-validity), before the stay" in text
    assert f"\n  {VALIDITY}: Russia's internal passport" in text.split("Rules relied on:")[1]
    note = next(ln for ln in text.splitlines() if "may be out of date" in ln)
    assert "the Russian Federation's document validity rule" in note
    assert "is of 11 May 2025" in note and note.endswith(f", {VALIDITY}).")
    data = json.loads(run("status", path, "--country", "AM", "--on", "2026-07-01", "--json"))
    assert [r["id"] for r in data["rules"]][-1] == VALIDITY
    assert VALIDITY in [r["rule"] for r in data["freshness"]["rules"]]
    assert data["document_end"]["lapse"] == {"rule": VALIDITY, "age": 45,
                                             "birthday": "2026-06-10"}
    # the note is said once, of every rule, among the notes
    assert sum("may be out of date" in n for n in data["notes"]) == 1


def test_a_given_end_relies_on_no_validity_rule(tmp_path: Path) -> None:
    path = tmp_path / "given.yaml"
    path.write_text(LAPSING.replace("issued: 2001-07-01", "issued: 2001-07-01, "
                                    "expires: 2026-09-01"), encoding="utf-8")
    data = json.loads(run("status", str(path), "--country", "AM", "--on", "2026-07-01",
                          "--json"))
    assert data["document_end"]["last_day"] == "2026-09-01"
    assert data["document_end"]["lapse"] is None
    assert VALIDITY not in [r["id"] for r in data["rules"]]


def test_a_lapsed_passport_s_rule_is_relied_on_after_the_lapse_too(tmp_path: Path) -> None:
    data = json.loads(run("status", lapsing(tmp_path), "--country", "AM", "--on", "2026-10-01",
                          "--json"))
    assert data["document_end"]["ended"] is True
    assert VALIDITY in [r["id"] for r in data["rules"]]


def test_plan_and_report_list_the_validity_rule(tmp_path: Path) -> None:
    path = lapsing(tmp_path)
    plan = run("plan", path, "--country", "AM", "--length", "120", "--from", "2026-07-01")
    assert f"\n  {VALIDITY}: " in plan.split("Rules relied on:")[1]
    data = json.loads(run("plan", path, "--country", "AM", "--length", "120", "--from",
                          "2026-07-01", "--json"))
    assert VALIDITY in [r["id"] for r in data["rules"]]
    report = run("report", path, "--on", "2026-07-01")
    assert f"\n  {VALIDITY}: " in report.split("Rules relied on:")[1]
    case = json.loads(run("report", path, "--on", "2026-07-01", "--format", "json"))
    assert VALIDITY in [r["id"] for r in case["stay"]["rules"]]
    assert VALIDITY in [r["rule"] for r in case["stay"]["freshness"]["rules"]]


def test_destinations_rows_on_the_lapsing_passport_rely_on_the_rule(tmp_path: Path) -> None:
    # KG and KZ let the person in on the internal passport, and their rows say it "ends on
    # 8 September 2026": that day is the rule's; Georgia refuses the passport whatever its end
    data = json.loads(run("destinations", lapsing(tmp_path), "--on", "2026-07-01", "--json"))
    rows = {r["host"]: r for r in data["destinations"]}
    for host in ("AM", "KG", "KZ"):
        assert VALIDITY in rows[host]["rules"], host
    assert VALIDITY not in rows["GE"]["rules"]
    assert VALIDITY in [r["rule"] for r in data["freshness"]["rules"]]


def test_entry_with_a_history_relies_on_the_rule_that_ended_the_passport(
        tmp_path: Path) -> None:
    # "your internal passport ended on 8 September 2026, before the day of entry": that day
    # is the rule's, not the profile's, and the answer listed kz-entry-passports alone
    args = ("entry", "--to", "KZ", "--history", lapsing(tmp_path), "--citizenship", "RU",
            "--document", "internal_passport", "--on", "2026-10-01")
    text = run(*args)
    assert ("lapsed on 8 September 2026 (it had to be replaced when you turned 45, on 10 June "
            "2026, and served at most 90 days after, by ru-internal-passport-validity), before "
            "the day of entry") in " ".join(text.split())
    assert f"\n  {VALIDITY}: " in text.split("Rules relied on:")[1]
    data = json.loads(run(*args, "--json"))
    assert [r["id"] for r in data["rules"]] == ["kz-entry-passports", VALIDITY]
    assert [r["rule"] for r in data["freshness"]["rules"]] == [VALIDITY]
    # a last day given on the command line is the user's, judged by no validity rule
    given = json.loads(run(*args, "--document-expires", "2026-09-08", "--json"))
    assert [r["id"] for r in given["rules"]] == ["kz-entry-passports"]


# --- every rule an answer names is among its "Rules relied on", over the examples ---------

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
# profiles swept beside the examples, for what no example reaches: a charge brought by a
# state other than the citizenship judged, whose policy each other host's row of `report`
# names in brief ("a charge by the Russian Federation: medium under ae-extradition-2016")
PROFILES = Path(__file__).resolve().parent / "profiles"
PACK_IDS = sorted({r.id for r in load_pack().rules})
# the late day each profile is also asked about, in place of today's, whose answers change as
# days pass (a rule's end, the freshness notes): after every entry, summons and restriction on
# leaving the examples record (the latest, the summonses placed on 20 November 2026), with
# restricted-abroad.yaml's restriction still running (to 1 March 2027)
LATE = dt.date(2026, 12, 1)
# a rule named as *not* applying is no ground of the answer, and deliberately not listed:
# permit's "kz-permit-permanent-2015 is not in force on 20 March 2023; kz-permit-permanent-2023
# is" (the plan follows the latter), and report's "No residence permit plan: the pack knows
# Temporary residence permit (Kyrgyzstan) (kg-permit-temporary) only from 5 September 2024,
# after the day to file", which makes no plan by it
NOT_APPLYING = (re.compile(r"(\S+) is not in force on "),
                re.compile(r"\((\S+)\) only from [^,;]+, after the day to file"))


def _named(text: str) -> set[str]:
    """The pack's rule ids ``text`` names, each as a whole id."""
    return {i for i in PACK_IDS if i in text and names_rule(text, i)}


def _listed_and_said(text: str) -> tuple[set[str], str]:
    """The ids under "Rules relied on:", and the rest of the answer (the lines after the
    block that are not its own, a contested rule's warning, included)."""
    body, _, block = text.partition("\nRules relied on:\n")
    lines = block.splitlines()
    listed = {ln.split(":")[0].strip() for ln in lines
              if ln.startswith("  ") and not ln.startswith("   ")}
    return listed, "\n".join([body, *(ln for ln in lines if not ln.startswith(" "))])


def _variants(answer: object) -> set[str]:
    """The accounts in every ``assumptions`` list of a --json answer."""
    if isinstance(answer, list):
        return set().union(*map(_variants, answer)) if answer else set()
    if not isinstance(answer, dict):
        return set()
    return set().union(*({x["variant"] for x in v} if k == "assumptions" else _variants(v)
                         for k, v in answer.items()))


def _days(profile: dict[str, Any]) -> list[str]:
    """The day after the last entry the trips record, the day each summons or restriction on
    leaving begins (the days the profile's events make something to say), and LATE, after
    them all."""
    days = {max(dt.date.fromisoformat(str(t["entry"])) for t in profile["trips"])
            + dt.timedelta(days=1)}
    days |= {dt.date.fromisoformat(str(s.get("placed_on") or s.get("served_on")))
             for s in profile.get("summonses") or []}
    days |= {dt.date.fromisoformat(str(r["since"])) for r in profile.get("exit_restrictions")
             or []}
    # an example whose events come later needs a later LATE, lest no day ask after them
    assert max(days) < LATE, f"an event on {max(days)}: move LATE after it"
    return sorted(d.isoformat() for d in days | {LATE})


def _questions(path: Path) -> list[tuple[str, ...]]:
    """The commands that print "Rules relied on" (status, plan, report, entry --history,
    permit, risk; destinations prints no such list), asked of the profile on its days: of
    each host its trips record and of Kazakhstan, the permits of the hosts it has been in."""
    profile = yaml.safe_load(path.read_text(encoding="utf-8"))
    been = {t["country"] for t in profile["trips"]}
    person = profile["person"]
    document = next(d for d in person["documents"] if d["type"] != "visa")
    asked: list[tuple[str, ...]] = []
    for on in _days(profile):
        asked.append(("report", str(path), "--on", on))
        for host in sorted(been | {"KZ"}):
            asked += [("status", str(path), "--country", host, "--on", on),
                      ("plan", str(path), "--country", host, "--from", on, "--length", "30"),
                      ("risk", str(path), "--country", host, "--on", on),
                      ("entry", "--history", str(path), "--to", host, "--citizenship",
                       document.get("country", person["citizenships"][0]), "--document",
                       document["type"], "--on", on)]
            asked += [("permit", str(path), "--country", host, "--permit", r.id, "--on", on)
                      for r in load_pack().rules if r.topic == "permit" and r.host == host
                      and host in been]
    return asked


@pytest.mark.parametrize("path", [*sorted(EXAMPLES.glob("*.yaml")),
                                  *sorted(PROFILES.glob("*.yaml"))], ids=lambda p: p.name)
def test_every_rule_an_answer_names_is_among_its_rules_relied_on(path: Path) -> None:
    # status in Russia with a summons said "you cannot enter Kazakhstan ... (ru-exit-military-
    # summons; contested, assumed 'summons-bars-exit-from-placement' ...)" and listed neither
    gaps = []
    for args in _questions(path):
        result = runner.invoke(app, list(args))
        if result.exit_code != 0:
            continue  # a question the profile does not fit (no stay there on the day)
        listed, said = _listed_and_said(result.stdout)
        aside = {m for p in NOT_APPLYING for m in p.findall(said)}
        missing = _named(said) - listed - aside
        as_json = ("--format", "json") if args[0] == "report" else ("--json",)
        assumed = set(re.findall(r"assumed '([^']+)'", said))
        unlisted = assumed - _variants(json.loads(run(*args, *as_json)))
        if missing or unlisted:
            gaps.append((" ".join(args[:1] + args[2:]), sorted(missing), sorted(unlisted)))
    assert not gaps, gaps
