"""A caseworker's review: what a lawyer needs to see behind each answer."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from sojourn.cli import app

from cli_lines import printed as run

runner = CliRunner()

# a mother and son in Armenia on internal passports, with a trip to Georgia planned, which
# Georgia refuses on that passport
FAMILY_MEMBER = """\
version: 1
person:
  citizenships: [RU]
  born: 2006-08-15
  documents:
    - {type: internal_passport, country: RU, issued: 2020-09-01}
trips:
  - {country: AM, entry: 2022-10-01, exit: 2023-03-25, by: air}
  - {country: GE, entry: 2023-03-25, exit: 2023-03-27, by: land}
  - {country: AM, entry: 2023-03-27, by: land}
registrations: []
"""


def relied_on(text: str) -> str:
    """The "Rules relied on" block at the end of a report."""
    return text.split("\nRules relied on:\n", 1)[1]


def test_a_rule_a_report_deadline_names_is_among_the_rules_relied_on(tmp_path: Path) -> None:
    # the deadline "planned entry into Georgia would be refused ... [ge-entry-foreign-passport]"
    # named a rule that the report's "Rules relied on" did not list: a caseworker saw its id
    # but not its dates, confidence or sources
    history = tmp_path / "son.yaml"
    history.write_text(FAMILY_MEMBER)
    text = run("report", str(history), "--on", "2023-03-10")
    deadline = next(line for line in text.splitlines()
                    if "planned entry into Georgia would be refused" in line)
    # the rule is contested (how long the passport must be valid), but an internal passport
    # is refused under each account: the day is not in doubt, and no account is named
    assert deadline.rstrip().endswith("[ge-entry-foreign-passport]")
    block = relied_on(text)
    assert "  ge-entry-foreign-passport: " in block
    rule_at = block.index("  ge-entry-foreign-passport: ")
    assert "confidence " in block[rule_at:].splitlines()[1]
    assert "source: " in block[rule_at:].splitlines()[2]


# a Russian in Uzbekistan since October 2022, whose registration ran to 10 April 2023
LAPSED = """\
version: 1
person:
  citizenships: [RU]
  documents:
    - {type: international_passport, country: RU, issued: 2018-04-04, expires: 2028-04-03}
trips:
  - {country: UZ, entry: 2022-10-02, by: air}
registrations:
  - {country: UZ, on: 2022-10-10, until: REGISTERED_UNTIL}
"""


def lapsed(tmp_path: Path, until: str) -> str:
    history = tmp_path / "uz.yaml"
    history.write_text(LAPSED.replace("REGISTERED_UNTIL", until))
    return str(history)


def test_a_registration_that_ended_while_the_stay_goes_on_is_told(tmp_path: Path) -> None:
    # status read "Register by 17 October 2022 ...; done." and report "Next deadlines: none
    # known" for a client whose registration had run out on 10 April 2023: the pack knows no
    # rule on registering again, and the answer must say so rather than "done" alone
    history = lapsed(tmp_path, "2023-04-10")
    told = ("Note: the registration you record, made on 10 October 2022, ran to 10 April "
            "2023, and you are still in Uzbekistan after it: the rule pack has no rule on "
            "registering again once a registration ends, so whether you must, and by when, is "
            "not known; ask the migration authority there")
    for command, on in (("status", "--on"), ("plan", "--from")):
        extra = ["--length", "10"] if command == "plan" else []
        text = run(command, history, "--country", "UZ", on, "2023-06-01", *extra)
        assert f"  {told}." in text.splitlines(), text
    assert f"  {told}." in run("report", history, "--on", "2023-06-01").splitlines()
    # on its last day it has not ended yet
    on_its_last_day = run("status", history, "--country", "UZ", "--on", "2023-04-10")
    assert "the registration you record" not in on_its_last_day


def test_a_registration_lasting_the_whole_stay_is_not_told(tmp_path: Path) -> None:
    # a registration with no end, or one still running on the query day, needs no word
    text = run("status", lapsed(tmp_path, "2031-01-01"), "--country", "UZ", "--on", "2023-06-01")
    assert "the registration you record" not in text
    history = tmp_path / "open.yaml"
    history.write_text(LAPSED.replace(", until: REGISTERED_UNTIL", ""))
    assert "the registration you record" not in run("status", str(history), "--country", "UZ",
                                                    "--on", "2023-06-01")
    # nor one the profile records renewed, by a later registration still running
    history.write_text(LAPSED.replace("REGISTERED_UNTIL", "2023-04-10")
                       + "  - {country: UZ, on: 2023-04-11, until: 2023-10-10}\n")
    assert "the registration you record" not in run("status", str(history), "--country", "UZ",
                                                    "--on", "2023-06-01")


def test_the_criminal_code_entries_risk_names_can_be_shown_with_their_sources() -> None:
    # risk names "Art. 207.3 part 1 ...: at most 3 years (ru-cc-207.3-1)", its limitation
    # (ru-cc-art-78) and Interpol's record (interpol-ru), yet `rules show` refused each ("no
    # rule 'ru-cc-207.3-1' in the pack"), and no answer gave their sources: a lawyer could not
    # learn where the 3 years came from
    offence = run("rules", "show", "ru-cc-207.3-1").splitlines()
    assert offence[0] == ("ru-cc-207.3-1: Criminal Code of the Russian Federation, Art. 207.3 "
                          "part 1 — Publicly spreading knowingly false information about the "
                          "use of the armed forces")
    assert offence[1] == ("    in force from 4 March 2022 to 17 March 2023; confidence medium; "
                          "at most 3 years")
    assert any(line.startswith("    source: Duma approves Criminal Code amendments")
               for line in offence)
    assert any(line.startswith("    prosecutions called political: confidence medium")
               for line in offence)
    limitation = run("rules", "show", "ru-cc-art-78").splitlines()
    assert limitation[0] == ("ru-cc-art-78: Criminal Code of the Russian Federation, Art. 78 — "
                             "limitation periods")
    assert "; small: 2 years; " in limitation[1]
    assert any(line.startswith("    source: ") for line in limitation)
    listing = run("rules", "show", "interpol-ru").splitlines()
    assert listing[0].startswith("interpol-ru: Interpol's listings of the Russian Federation's "
                                 "requests")
    assert any(line.startswith("    10 March 2022: ") for line in listing)
    # as data too, told apart from a rule by its kind
    import json

    data = json.loads(run("rules", "show", "ru-cc-207.3-1", "--json"))
    assert data["kind"] == "offence" and data["max_years"] == 3
    assert data["sources"][0]["title"].startswith("Duma approves")
    # an id that is none of them is still refused, naming the near ones
    result = runner.invoke(app, ["rules", "show", "ru-cc-207.3-9"])
    assert result.exit_code == 2 and "did you mean 'ru-cc-207.3-" in result.output
