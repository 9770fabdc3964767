"""The report's other hosts carry, beside the extradition level, what `risk` adds there that
the level does not capture: reported removals outside extradition procedure, and a treaty's
political-offence ground for a charge."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from sojourn.cli import app

runner = CliRunner()
# in Georgia; charged in Russia under Art. 207.3(1), on a national wanted list
MOTHER = ("version: 1\nperson:\n  citizenships: [RU]\n  born: 1988-11-03\n  documents:\n"
          "    - {type: internal_passport, country: RU, issued: 2008-11-20}\n"
          "    - {type: international_passport, country: RU, issued: 2020-02-01, "
          "expires: 2030-02-01}\n"
          "trips:\n  - {country: GE, entry: 2026-03-01, by: land}\n"
          'charges:\n  - {country: RU, article: "207.3", part: 1, committed_on: 2022-03-10, '
          "wanted: national}\n")
# Armenia and Russia are parties to both, Chisinau's from 28 June 2023: each is named
EUROPEAN = ("a political-offence ground for Art. 207.3 part 1 in the European Convention on "
            "Extradition and the Chisinau Convention on legal assistance and legal relations in "
            "civil, family and criminal matters")
REMOVALS = "removals outside extradition procedure reported"
# Kazakhstan and Russia are parties to it from 28 June 2023 (its ground by the ICJ's account)
CHISINAU = ("a political-offence ground for Art. 207.3 part 1 in the Chisinau Convention on "
            "legal assistance and legal relations in civil, family and criminal matters")


def _report(tmp_path: Path, *extra: str) -> str:
    path = tmp_path / "mother.yaml"
    path.write_text(MOTHER, encoding="utf-8")
    result = runner.invoke(app, ["report", str(path), "--on", "2026-12-01", *extra])
    assert result.exit_code == 0, result.output
    return result.stdout


def _row(text: str, host: str) -> str:
    return next(line for line in text.splitlines() if f" ({host}) with " in line)


def test_the_other_hosts_exposure_says_what_risk_adds_to_the_level(tmp_path: Path) -> None:
    text = _report(tmp_path)
    # "medium" alike read as the same exposure in Armenia and in the Emirates
    assert _row(text, "AM").endswith(f"extradition exposure: medium ({REMOVALS}; {EUROPEAN})")
    assert _row(text, "KZ").endswith(f"extradition exposure: medium ({REMOVALS}; {CHISINAU})")
    assert _row(text, "BR").endswith(
        "extradition exposure: medium (a political-offence ground for Art. 207.3 part 1 in the "
        "Brazil–Russia extradition treaty)")
    assert _row(text, "AE").endswith("extradition exposure: medium")


def test_json_gives_the_same_in_brief(tmp_path: Path) -> None:
    data: dict[str, Any] = json.loads(_report(tmp_path, "--format", "json"))
    rows = {a["host"]: a for a in data["alternatives"]}
    assert (rows["AM"]["extradition"], rows["AM"]["extradition_in_brief"]) == (
        "medium", [REMOVALS, EUROPEAN])
    assert rows["AE"]["extradition_in_brief"] == []


def test_the_treaties_the_other_hosts_rows_name_are_among_the_rules_relied_on(
        tmp_path: Path) -> None:
    # the rows named the Chisinau Convention (Armenia, Kazakhstan, Kyrgyzstan) and the
    # Brazil–Russia treaty, but only the report's host's risk answer listed its treaties: in
    # Georgia, the European Convention alone, so those two had no sources in the report
    text = _report(tmp_path)
    relied_on = text.split("Rules relied on:\n", 1)[1].splitlines()
    heads = [line.split(":", 1)[0].strip() for line in relied_on
             if line.endswith("— extradition treaty")]
    assert heads == ["european-convention-extradition-1957", "chisinau-convention-2002",
                     "br-ru-extradition-treaty-2002"]
    shown = json.loads(runner.invoke(app, ["rules", "show", "chisinau-convention-2002",
                                           "--json"]).stdout)
    data: dict[str, Any] = json.loads(_report(tmp_path, "--format", "json"))
    # the entries the other hosts' lines name, each as `rules show ID --json` gives it; the
    # host's own are in its risk object, as before
    assert [e["id"] for e in data["code_entries"]] == [
        "european-convention-extradition-1957", "chisinau-convention-2002",
        "br-ru-extradition-treaty-2002"]
    [chisinau] = [e for e in data["code_entries"] if e["id"] == "chisinau-convention-2002"]
    assert chisinau == {k: v for k, v in shown.items() if k != "schema_version"}
    assert "chisinau-convention-2002" not in [e["id"] for e in data["risk"]["code_entries"]]


# a Kyrgyz citizen in Kazakhstan charged by Russia: Russia may ask any host for him, and each
# other host judges its request under its policy towards Russia's citizens
KYRGYZ = ("version: 1\nperson:\n  citizenships: [KG]\n  born: 1991-09-03\n  documents:\n"
          "    - {type: international_passport, country: KG, expires: 2031-05-20}\n"
          "trips:\n  - {country: KZ, entry: 2025-01-10, by: air}\n"
          'charges:\n  - {country: RU, article: "207.3", part: 1, committed_on: 2022-05-01}\n')


def _kyrgyz_report(tmp_path: Path, *extra: str) -> str:
    path = tmp_path / "kyrgyz.yaml"
    path.write_text(KYRGYZ, encoding="utf-8")
    result = runner.invoke(app, ["report", str(path), "--on", "2025-03-01", *extra])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_policies_the_other_hosts_rows_name_are_among_the_rules_relied_on(
        tmp_path: Path) -> None:
    # "a charge by the Russian Federation: medium under uz-extradition-2022" named a rule the
    # report listed nowhere, nor its account (the rule is contested): only the report's
    # host's risk answer gave its rules
    text = _kyrgyz_report(tmp_path)
    assert _row(text, "UZ").endswith(
        "extradition exposure: unknown (a charge by the Russian Federation: medium under "
        "uz-extradition-2022)")
    relied_on = text.split("Rules relied on:\n", 1)[1].splitlines()
    heads = [line.split(":", 1)[0].strip() for line in relied_on
             if line.startswith("  ") and not line.startswith("   ")]
    assert {"tr-extradition-2023", "uz-extradition-2022"} <= set(heads)
    assert ("Warning: contested rule (uz-extradition-2022): assumed 'uz-mfa-law-and-treaties'; "
            "other accounts: --assume uz-seed-international-wanted-only.") in relied_on
    data: dict[str, Any] = json.loads(_kyrgyz_report(tmp_path, "--format", "json"))
    rows = {a["host"]: a for a in data["alternatives"]}
    # the row's rules hold the policy its exposure in brief names, beside its stay's and entry's
    assert "uz-extradition-2022" in rows["UZ"]["rules"]
    assert "uz-stay-kg-60-2020" in rows["UZ"]["rules"]
    assert "tr-extradition-2023" in rows["TR"]["rules"]
    assert [(x["rule"], x["variant"]) for x in data["assumptions"]
            if x["rule"] == "uz-extradition-2022"] == [
        ("uz-extradition-2022", "uz-mfa-law-and-treaties")]
