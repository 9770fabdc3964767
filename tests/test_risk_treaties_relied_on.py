"""The extradition treaties `risk` names in its reasons are among the entries it relies on
(`code_entries`, and "Rules relied on" in the text and in `report`), each as `rules show ID`
gives it: the reasons named them by title alone, with no source for the ground they rest on."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from sojourn.cli import app
from sojourn.explain import risk_json
from sojourn.history import load_history
from sojourn.risk import RiskAnswer, assess_risk
from sojourn.rules.loader import load_pack

runner = CliRunner()

EUROPEAN = "european-convention-extradition-1957"
BRAZIL = "br-ru-extradition-treaty-2002"
CHISINAU = "chisinau-convention-2002"

# draft evasion by one who turned 27 on 15 October 2022: its 2 years ran out on 15 October
# 2024 (as in test_risk_limitation.py)
EVASION = ('  - {country: RU, article: "328", part: 1, committed_on: 2022-10-01, '
           "wanted: none}\n")
# fraud in Kazakhstan, brought by Kazakhstan, on Interpol's listings (test_risk_third_state.py)
KAZAKH_FRAUD = ('  - {country: KZ, article: "190", part: 2, committed_on: 2022-05-01, '
                "wanted: interpol}\n")
# army "fakes", called political from 5 December 2022 (test_risk_political.py)
FAKES = ('  - {country: RU, article: "207.3", part: 1, committed_on: 2022-03-15, '
         "wanted: interpol}\n")


def _profile(tmp_path: Path, charges: str) -> Path:
    path = tmp_path / "profile.yaml"
    path.write_text("version: 1\nperson: {citizenships: [RU], born: 1995-10-15}\n"
                    f"charges:\n{charges}", encoding="utf-8")
    return path


def _answer(tmp_path: Path, host: str, charges: str, on: dt.date) -> RiskAnswer:
    return assess_risk(load_history(_profile(tmp_path, charges)), load_pack(), country=host,
                       on=on)


def _treaties(answer: RiskAnswer) -> list[str]:
    return [e["id"] for e in risk_json(answer)["code_entries"] if e["kind"] == "treaty"]


def test_a_period_run_out_lists_the_treaty_whose_lapse_of_time_ground_it_names(
        tmp_path: Path) -> None:
    answer = _answer(tmp_path, "GE", EVASION, dt.date(2024, 10, 16))
    assert any("the European Convention on Extradition (Art. 10)" in r for r in answer.reasons)
    assert _treaties(answer) == [EUROPEAN]


def test_a_period_run_out_lists_a_treaty_whose_lapse_of_time_ground_was_not_read(
        tmp_path: Path) -> None:
    answer = _answer(tmp_path, "BR", EVASION, dt.date(2024, 10, 16))
    assert any("under the Brazil–Russia extradition treaty, whose ground" in r
               for r in answer.reasons)
    assert _treaties(answer) == [BRAZIL]


def test_a_period_run_out_in_armenia_lists_each_treaty_it_names(tmp_path: Path) -> None:
    # the European Convention gives Art. 10; Chisinau's binds both from 28 June 2023, its
    # ground not read: both are named, and both are relied on, with their sources
    answer = _answer(tmp_path, "AM", EVASION, dt.date(2024, 10, 16))
    assert _treaties(answer) == [EUROPEAN, CHISINAU]


def test_a_period_still_running_names_and_lists_no_treaty(tmp_path: Path) -> None:
    # the lapse ground is told only once the period has run out
    answer = _answer(tmp_path, "GE", EVASION, dt.date(2024, 10, 14))
    assert not any("European Convention" in r for r in answer.reasons)
    assert _treaties(answer) == []


def test_the_treaties_binding_a_third_state_are_listed(tmp_path: Path) -> None:
    # Armenia and Kazakhstan are both parties to the Chisinau Convention; the pack has no
    # policy of Armenia's towards Kazakhstan's requests, so the reason names the convention
    answer = _answer(tmp_path, "AM", KAZAKH_FRAUD, dt.date(2026, 1, 15))
    assert any("parties to the Chisinau Convention" in r for r in answer.reasons)
    assert _treaties(answer) == [CHISINAU]
    # the third state's own key still gives the titles, as before
    [kazakh] = risk_json(answer)["third_states"]
    assert [t[:19] for t in kazakh["treaties"]] == ["Chisinau Convention"]


def test_a_political_offence_ground_lists_its_treaty(tmp_path: Path) -> None:
    answer = _answer(tmp_path, "GE", FAKES, dt.date(2026, 1, 10))
    assert any(r.startswith("political offence, Art. 207.3 part 1") for r in answer.reasons)
    assert _treaties(answer) == [EUROPEAN]


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


# a Russian in Georgia since 1 December 2025, charged with army "fakes"
IN_GEORGIA = """\
version: 1
person:
  citizenships: [RU]
  born: 1995-10-15
  documents:
    - {type: international_passport, country: RU, issued: 2020-02-02, expires: 2030-02-01}
trips:
  - {country: GE, entry: 2025-12-01, by: air}
charges:
""" + FAKES


def test_risk_and_report_show_the_treaty_among_the_rules_relied_on(tmp_path: Path) -> None:
    path = str(tmp_path / "in-georgia.yaml")
    Path(path).write_text(IN_GEORGIA, encoding="utf-8")
    shown = json.loads(_run("rules", "show", EUROPEAN, "--json"))
    head = ("  european-convention-extradition-1957: European Convention on Extradition "
            "(Paris, 13 December 1957) — extradition treaty")
    text = _run("risk", path, "--country", "GE", "--on", "2026-01-10")
    relied_on = text.split("Rules relied on:\n", 1)[1].splitlines()
    assert head in relied_on
    assert relied_on[relied_on.index(head) + 1].startswith("    confidence high; parties: ")
    data = json.loads(_run("risk", path, "--country", "GE", "--on", "2026-01-10", "--json"))
    [treaty] = [e for e in data["code_entries"] if e["kind"] == "treaty"]
    assert treaty == {k: v for k, v in shown.items() if k != "schema_version"}
    # report, where it shows the exposure in Georgia
    report = _run("report", path, "--on", "2026-01-10")
    assert head in report.split("Rules relied on:\n", 1)[1].splitlines()
    data = json.loads(_run("report", path, "--on", "2026-01-10", "--format", "json"))
    assert EUROPEAN in [e["id"] for e in data["risk"]["code_entries"]]


def test_rules_validate_counts_the_treaties_it_checked() -> None:
    # the summary counted rules, zones, blocs and offences, but not the treaties risk names
    treaties = len(load_pack().treaties)
    assert treaties > 1
    assert f" offences, {treaties} treaties, " in _run("rules", "validate")
