"""Exit rules (topic exit): the state the person is in on the day lets them out on a document,
or not, before the destination's entry rules are asked; and how destinations and report say
it."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sojourn.cli import app
from sojourn.destinations import destinations
from sojourn.entry import ExitCheck, Leaving, check_entry
from sojourn.history import load_history
from sojourn.history.models import ChargeIn, SummonsIn
from sojourn.rules.loader import Pack, load_pack
from sojourn.rules.schema import Rule

PACK = load_pack()
REASON = ("Russia's border no longer lets a child under 14 leave on a birth certificate from "
          "20 January 2026 (Law No. 257-FZ): get the child a foreign passport "
          "(ru-exit-child-birth-certificate-2026)")
# a destination that lets Russian children in on a birth certificate with no end set: only
# Russia's exit rule can refuse them from 20 January 2026
OPEN_HOST = Rule.model_validate({
    "id": "by-entry-child-birth-certificate", "title": "A host that still takes the certificate",
    "host": "BY", "citizenships": ["RU"], "topic": "entry", "valid_from": "2022-01-01",
    "documents": [{"type": "birth_certificate", "max_age": 13}], "confidence": "high",
    "sources": [{"title": "Somewhere", "url": "https://example.org/"}]})
WITH_OPEN_HOST = replace(PACK, rules=(*PACK.rules, OPEN_HOST))


def child(tmp_path: Path, trips: str = "[{country: RU, entry: 2015-03-10}]") -> Path:
    path = tmp_path / "child.yaml"
    path.write_text("person:\n  born: 2015-03-10\n  citizenships: [RU]\n"
                    "  documents: [{type: birth_certificate, country: RU}]\n"
                    f"trips: {trips}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("on", "allowed"), [(dt.date(2026, 1, 19), True),
                                             (dt.date(2026, 1, 20), False)])
def test_a_host_that_takes_the_certificate_is_shut_by_russias_exit_rule_from_the_20th(
        on: dt.date, allowed: bool) -> None:
    answer = check_entry(WITH_OPEN_HOST, citizenship="RU", document="birth_certificate",
                         to="BY", on=on, age=10, leaving=Leaving(("RU",)))
    assert answer.allowed is allowed
    if not allowed:
        assert answer.reasons[0] == REASON
        assert [r.id for r in answer.rules] == ["ru-exit-child-birth-certificate-2026",
                                                "ru-exit-unaccompanied-minor",
                                                "by-entry-child-birth-certificate"]


def test_the_host_alone_judges_a_trip_that_leaves_no_state_with_exit_rules() -> None:
    # from Kazakhstan, say: the child crosses no border of Russia's
    answer = check_entry(WITH_OPEN_HOST, citizenship="RU", document="birth_certificate",
                         to="BY", on=dt.date(2026, 2, 1), age=10,
                         leaving=Leaving(("KZ",)))
    assert answer.allowed is True and answer.exits == ()


def test_destinations_judge_the_exit_where_the_history_has_the_person(tmp_path: Path) -> None:
    on = dt.date(2026, 2, 1)
    home = {d.host: d for d in destinations(load_history(child(tmp_path)), WITH_OPEN_HOST,
                                            on=on)}
    assert home["BY"].allowed is False
    (tmp_path / "abroad").mkdir()
    abroad = child(tmp_path / "abroad", "[{country: RU, entry: 2015-03-10, exit: 2026-01-10}, "
                                        "{country: KZ, entry: 2026-01-10}]")
    away = {d.host: d for d in destinations(load_history(abroad), WITH_OPEN_HOST, on=on)}
    assert away["BY"].allowed is True


def test_destinations_say_the_exit_rules_reason_once_for_every_host_it_shuts(tmp_path: Path
                                                                              ) -> None:
    result = CliRunner().invoke(app, ["destinations", str(child(tmp_path)), "--on",
                                      "2026-02-01"], env={"COLUMNS": "400"})
    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if REASON in line]
    # every host of the table: named as such, not as nineteen codes
    assert lines == [f"  Leaving the Russian Federation (for every host above): {REASON}."]
    # with a foreign passport too, the certificate's refusal is beside the point: the one
    # host the passport does not open (the Schengen area) refuses it for want of a visa, and
    # "get the child a foreign passport" told one who holds one to get one
    result = CliRunner().invoke(app, ["destinations", str(child(tmp_path)), "--on", "2026-02-01",
                                      "--document", "birth_certificate", "--document",
                                      "international_passport"], env={"COLUMNS": "400"})
    lines = [line for line in result.stdout.splitlines() if REASON in line]
    assert lines == []
    assert "  SCHENGEN admits your international passport only with a visa" in result.stdout


def test_report_gives_hosts_refused_for_one_reason_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["report", str(child(tmp_path)), "--on", "2026-02-01"],
                                env={"COLUMNS": "400"})
    assert result.exit_code == 0
    refused = [line for line in result.stdout.splitlines() if line.startswith("  not ")]
    assert len(refused) == 1
    assert refused[0].startswith("  not the United Arab Emirates (AE), Armenia (AM), ")
    assert refused[0].endswith(f"Türkiye (TR), Uzbekistan (UZ) and Vietnam (VN): {REASON}")


def test_status_from_russia_tells_russias_refusal_of_the_internal_passport(tmp_path: Path
                                                                           ) -> None:
    # Georgia refuses it too, but the person never reaches Georgia's border: Russia's
    # refusal, which names the places the passport serves for, is the one said
    path = tmp_path / "adult.yaml"
    path.write_text("person:\n  born: 1990-05-01\n  citizenships: [RU]\n"
                    "  documents: [{type: internal_passport, country: RU}]\n"
                    "trips: [{country: RU, entry: 1990-05-01}]\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["status", str(path), "--country", "GE", "--on",
                                      "2026-02-01"], env={"COLUMNS": "400"})
    assert result.exit_code == 0
    [line] = [x for x in result.stdout.splitlines() if "cannot enter Georgia" in x]
    assert "only for Armenia (by air), Belarus, Kazakhstan and Kyrgyzstan " \
           "(ru-exit-internal-passport)" in line


def test_a_dual_citizens_other_passport_is_refused_once_for_his_russian_documents_reason(
        tmp_path: Path) -> None:
    # a Kazakh-Russian in Russia whose only Russian document is the internal passport: his
    # Kazakh passport is refused for Georgia because the internal passport is, which is said
    # within that refusal and not again on a line of its own
    path = tmp_path / "dual.yaml"
    path.write_text("person:\n  born: 1990-07-01\n  citizenships: [KZ, RU]\n"
                    "  documents: [{type: international_passport, country: KZ},\n"
                    "              {type: internal_passport, country: RU}]\n"
                    "trips: [{country: RU, entry: 2023-02-01}]\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["destinations", str(path), "--on", "2024-03-01"],
                                env={"COLUMNS": "400"})
    assert result.exit_code == 0
    [line] = [x for x in result.stdout.splitlines() if x.startswith("  Leaving ")]
    assert "(ru-exit-own-documents): " in line
    assert line.count("(ru-exit-internal-passport)") == 1
    assert " GE, " in line and " KZ" not in line and "KG" not in line


def charged(tmp_path: Path, wanted: str = "none") -> Path:
    """A Russian in Russia with only an internal passport, charged by Russia under Art. 328."""
    path = tmp_path / "charged.yaml"
    path.write_text("person:\n  born: 1995-01-01\n  citizenships: [RU]\n"
                    "  documents: [{type: internal_passport, country: RU}]\n"
                    "trips: [{country: RU, entry: 1995-01-01}]\n"
                    f"charges: [{{country: RU, article: '328', part: 1, wanted: {wanted}}}]\n",
                    encoding="utf-8")
    return path


def test_a_charge_by_russia_is_a_caution_not_a_refusal(tmp_path: Path) -> None:
    # Art. 15(3) lets Russia restrict an accused citizen's leaving by a decision in the case:
    # the answer stays Kazakhstan's "yes", with the caution after its reasons
    result = CliRunner().invoke(app, ["entry", "--history", str(charged(tmp_path)),
                                      "--citizenship", "RU", "--document", "internal_passport",
                                      "--to", "KZ", "--on", "2024-03-01"],
                                env={"COLUMNS": "400"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Yes: ")
    [caution] = [x for x in lines if "caution:" in x]
    assert "you record a charge by the Russian Federation under Art. 328 part 1: " in caution
    assert "(Law No. 114-FZ, Art. 15(3))" in caution and "(ru-exit-criminal-case)" in caution


def test_a_charge_on_a_wanted_list_is_told_that_the_border_may_stop_him(tmp_path: Path
                                                                         ) -> None:
    result = CliRunner().invoke(app, ["destinations", str(charged(tmp_path, "national")),
                                      "--on", "2024-03-01"], env={"COLUMNS": "400"})
    assert result.exit_code == 0
    [line] = [x for x in result.stdout.splitlines() if "caution:" in x]
    assert line.startswith("  Leaving the Russian Federation (for every host above): caution: "
                           "your charge under Art. 328 part 1 is on a wanted list: ")
    assert "expect to be stopped (ru-exit-criminal-case)." in line


def test_the_case_report_says_the_caution_under_the_ways_to_go(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["report", str(charged(tmp_path)), "--on", "2024-03-01"],
                                env={"COLUMNS": "400"})
    assert result.exit_code == 0
    out = result.stdout
    where = out.index("Where else you may go")
    [line] = [x for x in out[where:out.index("Exposure:")].splitlines() if "caution:" in x]
    assert line.startswith("  Leaving the Russian Federation (for ")


@pytest.mark.parametrize("command", [["status", "--on", "2024-03-01"],
                                     ["plan", "--length", "30", "--from", "2024-03-01"]])
def test_status_and_plan_carry_the_caution_for_a_person_who_would_leave_russia(
        tmp_path: Path, command: list[str]) -> None:
    args = [command[0], str(charged(tmp_path)), "--country", "KZ", *command[1:]]
    out = CliRunner().invoke(app, args, env={"COLUMNS": "400"}).stdout
    [line] = [x for x in out.splitlines() if "caution:" in x]
    assert line.startswith("  Note: leaving for Kazakhstan, caution: you record a charge by "
                           "the Russian Federation under Art. 328 part 1: ")
    data = json.loads(CliRunner().invoke(app, [*args, "--json"]).stdout)
    assert [c[:22] for c in data["exit_cautions"]] == ["caution: you record a "]


def caution_of(charges: list[dict[str, object]], pack: Pack = PACK) -> str:
    """The caution a Russian in Russia with ``charges`` gets for Kazakhstan."""
    answer = check_entry(pack, citizenship="RU", document="internal_passport", to="KZ",
                         on=dt.date(2024, 3, 1),
                         leaving=Leaving(("RU",), charges=tuple(
                             ChargeIn.model_validate({"country": "RU", **c}) for c in charges)))
    [caution] = [x.reason for x in answer.exits if x.caution]
    return caution


def test_several_charges_are_named_once_each_as_charges() -> None:
    # two counts under one article and a second article: "a charge ... under Art. 328 part 1
    # and Art. 328 part 1 and ..." read as one charge, its article said twice
    caution = caution_of([{"article": "328", "part": 1}, {"article": "328", "part": 1},
                          {"article": "207.3", "part": 2}])
    assert caution.startswith("caution: you record charges by the Russian Federation under "
                              "Art. 328 part 1 and Art. 207.3 part 2: Russia may restrict ")


def test_the_wanted_charges_are_named_as_several() -> None:
    caution = caution_of([{"article": "328", "part": 1},
                          {"article": "207.3", "part": 2, "wanted": "national"},
                          {"article": "280.3", "wanted": "interstate"}])
    assert caution.startswith("caution: your charges under Art. 207.3 part 2 and Art. 280.3 "
                              "are on a wanted list: Russia's border checks ")


def test_with_no_wanted_note_every_charge_is_named() -> None:
    # a rule with no wanted_note says its note of every charge, not of the wanted ones alone
    rules = tuple(r if r.id != "ru-exit-criminal-case" else r.model_copy(update={
        "criminal_case": r.criminal_case.model_copy(update={"wanted_note": None})
        if r.criminal_case else None}) for r in PACK.rules)
    caution = caution_of([{"article": "328", "part": 1},
                          {"article": "207.3", "part": 2, "wanted": "national"}],
                         replace(PACK, rules=rules))
    assert caution.startswith("caution: you record charges by the Russian Federation under "
                              "Art. 328 part 1 and Art. 207.3 part 2: Russia may restrict ")


def test_the_case_reports_caution_names_no_refused_host_as_one_it_is_said_for(
        tmp_path: Path) -> None:
    # on the internal passport alone most hosts are "not ...": "every host above" said under
    # them named them too, though the caution is said for the three ways to go alone
    result = CliRunner().invoke(app, ["report", str(charged(tmp_path)), "--on", "2024-03-01"],
                                env={"COLUMNS": "400"})
    lines = result.stdout[result.stdout.index("Where else you may go"):].splitlines()
    at = next(i for i, x in enumerate(lines) if "caution:" in x)
    assert any(x.startswith("  not ") for x in lines)
    assert "(for every host above)" not in lines[at] or not any(
        x.startswith("  not ") for x in lines[:at])


def test_destinations_json_gives_a_hosts_caution_once_for_all_its_documents(
        tmp_path: Path) -> None:
    # the caution is the same whatever document is shown: one a document read as two cautions
    path = tmp_path / "two-documents.yaml"
    path.write_text(charged(tmp_path).read_text(encoding="utf-8").replace(
        "documents: [{type: internal_passport, country: RU}]",
        "documents: [{type: internal_passport, country: RU},\n"
        "              {type: international_passport, country: RU}]"), encoding="utf-8")
    result = CliRunner().invoke(app, ["destinations", str(path), "--on", "2024-03-01",
                                      "--json"])
    [kz] = [d for d in json.loads(result.stdout)["destinations"] if d["host"] == "KZ"]
    assert len(kz["documents"]) == 2
    assert all(x["caution"] for doc in kz["documents"] for x in doc["leaving"]
               if x["rule"] == "ru-exit-criminal-case")
    assert sum(r.startswith("caution: ") for r in kz["reasons"]) == 1


# a state whose exit rule lets its citizens out on one document wherever they go, and on
# another nowhere, saying no more: the pack's own exit rules all name places or give a note
KZ_EXIT = Rule.model_validate({
    "id": "kz-exit-test", "title": "A state that lets its citizens out on its ID card",
    "host": "KZ", "citizenships": ["KZ"], "topic": "exit", "valid_from": "2022-01-01",
    "documents": [{"type": "id_card", "note": "the card must be the 2019 one"},
                  {"type": "birth_certificate", "accepted": False}],
    "confidence": "high", "sources": [{"title": "Somewhere", "url": "https://example.org/"}]})
WITH_KZ_EXIT = replace(PACK, rules=(*PACK.rules, KZ_EXIT))


def test_a_document_let_out_wherever_the_person_goes_leaves_the_host_to_judge() -> None:
    alone = check_entry(PACK, citizenship="KZ", document="id_card", to="KG",
                        on=dt.date(2024, 3, 1))
    answer = check_entry(WITH_KZ_EXIT, citizenship="KZ", document="id_card", to="KG",
                         on=dt.date(2024, 3, 1), leaving=Leaving(("KZ",)))
    assert answer.allowed is alone.allowed is True
    assert answer.exits == (ExitCheck(
        "KZ", True, "Kazakhstan lets citizens of Kazakhstan leave on an id card on 1 March 2024 "
                    "(kz-exit-test): the card must be the 2019 one", "kz-exit-test"),)
    assert answer.reasons == (*alone.reasons, answer.exits[0].reason)
    assert [r.id for r in answer.rules] == ["kz-exit-test", *(r.id for r in alone.rules)]


def test_a_document_refused_at_the_exit_with_no_note_is_refused_in_plain_words() -> None:
    answer = check_entry(WITH_KZ_EXIT, citizenship="KZ", document="birth_certificate", to="KG",
                         on=dt.date(2024, 3, 1), age=10, leaving=Leaving(("KZ",)))
    assert answer.allowed is False
    assert answer.exits == (ExitCheck(
        "KZ", False, "Kazakhstan does not let citizens of Kazakhstan leave on a birth "
                     "certificate on 1 March 2024 (kz-exit-test)", "kz-exit-test"),)
    assert answer.reasons[0] == answer.exits[0].reason


def test_a_foreigner_leaving_russia_is_not_judged_by_its_rules_for_its_own_citizens() -> None:
    # a Kazakh child's birth certificate: Russia's 2026 refusal is of Russian children's
    alone = check_entry(PACK, citizenship="KZ", document="birth_certificate", to="KG",
                        on=dt.date(2026, 2, 1), age=10)
    answer = check_entry(PACK, citizenship="KZ", document="birth_certificate", to="KG",
                         on=dt.date(2026, 2, 1), age=10, leaving=Leaving(("RU",)))
    assert answer == alone and answer.exits == ()


def test_the_host_itself_is_not_a_state_left() -> None:
    # in Russia and asking about Russia: its exit rules do not stand at the door home
    answer = check_entry(PACK, citizenship="RU", document="birth_certificate", to="RU",
                         on=dt.date(2026, 2, 1), age=10, leaving=Leaving(("RU",)))
    assert answer.allowed is True and answer.exits == ()


def test_each_russian_document_refused_to_a_dual_citizen_is_named_with_its_rule() -> None:
    # a Kazakh-Russian of 30 in Russia showing Georgia his Kazakh passport: Russia lets him
    # out on its own documents only, and of those he holds the internal passport does not
    # serve for Georgia and the birth certificate serves up to 13; Georgia's own rule for the
    # Kazakh passport (which it takes) is named after Russia's
    answer = check_entry(PACK, citizenship="KZ", document="international_passport", to="GE",
                         on=dt.date(2024, 3, 1), age=30, leaving=Leaving(
                             ("RU",), citizenships=frozenset({"KZ", "RU"}),
                             documents=(("internal_passport", "RU"), ("birth_certificate", "RU"),
                                        ("international_passport", "KZ"))))
    assert answer.allowed is False
    [refused] = answer.exits
    assert refused.rule == "ru-exit-own-documents" and not refused.allowed
    assert "only for Armenia (by air), Belarus, Kazakhstan and Kyrgyzstan " \
           "(ru-exit-internal-passport)" in refused.reason
    assert refused.reason.endswith("; the Russian Federation lets its citizens leave on a birth "
                                   "certificate up to age 13 only, not at 30 "
                                   "(ru-exit-child-birth-certificate)")
    assert [r.id for r in answer.rules] == ["ru-exit-own-documents", "ru-exit-internal-passport",
                                            "ru-exit-child-birth-certificate",
                                            "ge-entry-kz-passport"]


CHARGE = (ChargeIn.model_validate({"country": "RU", "article": "328", "part": 1}),)


def test_a_caution_at_the_exit_leaves_the_visa_to_decide() -> None:
    # a charge by Russia warns, and refuses nothing: the Schengen area's "yes with a visa, no
    # without" stays that, not an answer the pack cannot judge
    answer = check_entry(PACK, citizenship="RU", document="international_passport",
                         to="SCHENGEN", on=dt.date(2024, 3, 1),
                         leaving=Leaving(("RU",), charges=CHARGE))
    assert [(x.rule, x.caution) for x in answer.exits] == [("ru-exit-criminal-case", True)]
    assert answer.allowed is None and answer.visa_decides


def test_a_refusal_at_the_exit_takes_the_decision_from_the_visa() -> None:
    summons = (SummonsIn.model_validate({"country": "RU", "placed_on": "2026-11-20"}),)
    answer = check_entry(PACK, citizenship="RU", document="international_passport",
                         to="SCHENGEN", on=dt.date(2026, 11, 25),
                         leaving=Leaving(("RU",), summonses=summons))
    assert answer.exit_refused is not None
    assert answer.allowed is False and not answer.visa_decides


def test_a_refusal_at_the_exit_by_a_rule_of_low_confidence_says_so() -> None:
    low = replace(PACK, rules=(*PACK.rules, KZ_EXIT.model_copy(update={"confidence": "low"})))
    answer = check_entry(low, citizenship="KZ", document="birth_certificate", to="KG",
                         on=dt.date(2024, 3, 1), age=10, leaving=Leaving(("KZ",)))
    assert answer.allowed is False
    assert answer.notes == ("the answer rests on kz-exit-test, a rule of low confidence: check "
                            "its sources before acting on it",)


def test_every_exit_rule_that_speaks_is_relied_on_with_its_account() -> None:
    # a man in Russia on his internal passport for Kazakhstan, his summons placed in the
    # register on 20 November 2026 and a charge recorded: three exit rules speak, each named,
    # and the summons rule's contested start (from placement, the default) is said
    summons = (SummonsIn.model_validate({"country": "RU", "placed_on": "2026-11-20"}),)
    answer = check_entry(PACK, citizenship="RU", document="internal_passport", to="KZ",
                         on=dt.date(2026, 11, 25),
                         leaving=Leaving(("RU",), summonses=summons, charges=CHARGE))
    assert answer.allowed is False
    assert [(x.rule, x.allowed) for x in answer.exits] == [
        ("ru-exit-internal-passport", True), ("ru-exit-military-summons", False),
        ("ru-exit-criminal-case", True)]
    assert [r.id for r in answer.rules] == ["ru-exit-internal-passport",
                                            "ru-exit-military-summons", "ru-exit-criminal-case",
                                            "kz-entry-passports"]
    assert [(a.rule, a.variant) for a in answer.assumptions] == [
        ("ru-exit-military-summons", "summons-bars-exit-from-placement")]


def restricted(tmp_path: Path, restriction: str = "{since: 2026-03-01, until: 2026-09-01, "
               "by: investigator, note: a written undertaking not to leave}") -> Path:
    """A Russian in Russia with an internal and a foreign passport, under a restriction on
    leaving Russia the profile records."""
    path = tmp_path / "restricted.yaml"
    path.write_text("person:\n  born: 1990-05-01\n  citizenships: [RU]\n"
                    "  documents: [{type: internal_passport, country: RU},\n"
                    "              {type: international_passport, country: RU, "
                    "expires: 2030-01-01}]\n"
                    "trips: [{country: RU, entry: 1990-05-01}]\n"
                    f"exit_restrictions:\n  - {restriction}\n", encoding="utf-8")
    return path


RESTRICTED = ("you record a restriction on leaving the Russian Federation placed by an "
              "investigator (a written undertaking not to leave), from 1 March 2026 to "
              "1 September 2026 (ru-exit-restriction)")


@pytest.mark.parametrize(("on", "kept_in"), [("2026-02-28", False), ("2026-03-01", True),
                                             ("2026-09-01", True), ("2026-09-02", False)])
def test_a_recorded_restriction_keeps_her_in_from_its_first_day_to_its_last(
        tmp_path: Path, on: str, kept_in: bool) -> None:
    result = CliRunner().invoke(app, ["entry", "--history", str(restricted(tmp_path)),
                                      "--citizenship", "RU", "--document", "internal_passport",
                                      "--to", "KZ", "--on", on], env={"COLUMNS": "400"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("No: " if kept_in else "Yes: ")
    assert (RESTRICTED in lines[1]) is kept_in
    if kept_in:
        assert lines[1].startswith("  - Russia's border does not let out a citizen whose right "
                                   "to leave has been restricted")


def test_a_restriction_with_no_end_runs_on(tmp_path: Path) -> None:
    path = restricted(tmp_path, "{since: 2024-05-01, by: bailiff}")
    answer = check_entry(PACK, citizenship="RU", document="international_passport", to="TR",
                         on=dt.date(2026, 4, 1), leaving=leaving_of(path, dt.date(2026, 4, 1)))
    assert answer.allowed is False
    assert answer.reasons[0].endswith(
        "you record a restriction on leaving the Russian Federation placed by a bailiff, from "
        "1 May 2024, with no end recorded (ru-exit-restriction)")
    # kept in whatever the document: not a refusal of the passport itself
    assert not answer.refused_for_document


def leaving_of(path: Path, on: dt.date) -> Leaving:
    from sojourn.destinations import leaving_from
    history = load_history(path)
    return leaving_from(history, PACK, on, [s.country for s in history.stays_on(on)])


def test_a_restriction_by_another_state_does_not_keep_her_in_russia(tmp_path: Path) -> None:
    path = restricted(tmp_path, "{country: KZ, since: 2026-03-01, by: court}")
    answer = check_entry(PACK, citizenship="RU", document="internal_passport", to="KZ",
                         on=dt.date(2026, 4, 1), leaving=leaving_of(path, dt.date(2026, 4, 1)))
    assert answer.allowed is True


@pytest.mark.parametrize("command", [["destinations", "--on", "2026-04-01"],
                                     ["report", "--on", "2026-04-01"],
                                     ["status", "--country", "KZ", "--on", "2026-04-01"],
                                     ["plan", "--country", "KZ", "--length", "30",
                                      "--from", "2026-04-01"]])
def test_every_command_that_judges_leaving_says_no_for_the_restriction(
        tmp_path: Path, command: list[str]) -> None:
    args = [command[0], str(restricted(tmp_path)), *command[1:]]
    result = CliRunner().invoke(app, args, env={"COLUMNS": "400"})
    assert result.exit_code == 0
    [line] = [x for x in result.stdout.splitlines() if RESTRICTED in x]
    start = {"destinations": "  Leaving the Russian Federation (for every host above): ",
             "report": "  not the United Arab Emirates (AE), ",
             "status": "  Note: with the documents you hold you cannot enter Kazakhstan",
             "plan": "  Note: with the documents you hold you cannot enter Kazakhstan"}
    assert line.startswith(start[command[0]])


@pytest.mark.parametrize(("restriction", "told"), [
    ("{since: 2026-03-01, by: police}",
     "field 'exit_restrictions[0].by': 'police' is not an accepted value; expected one of "
     "'court', 'investigator', 'bailiff' or 'other'"),
    ("{since: 2026-02-30, by: court}",
     "field 'exit_restrictions[0].since': '2026-02-30' is not a calendar date: February "
     "2026 has 28 days; expected an ISO 8601 date YYYY-MM-DD"),
    ("{since: 2026-03-01, until: 2026-02-01, by: court}",
     "field 'exit_restrictions[0].until': '2026-02-01' is before since 2026-03-01; expected "
     "a date on or after 2026-03-01")])
def test_a_bad_restriction_is_refused_naming_file_line_field_and_form(
        tmp_path: Path, restriction: str, told: str) -> None:
    path = restricted(tmp_path, restriction)
    result = CliRunner().invoke(app, ["destinations", str(path), "--on", "2026-04-01"])
    assert result.exit_code == 2
    assert f"{path}, line 8, {told}" in " ".join(result.stderr.split())


@pytest.mark.parametrize(("block", "value"), [
    ("restriction", {"note": "kept in"}),
    ("unaccompanied_minor", {"max_age": 17, "note": "a parent's consent"})])
def test_an_exit_block_is_refused_under_another_topic(block: str, value: object) -> None:
    with pytest.raises(ValueError, match=f"{block} does not belong to topic entry"):
        Rule.model_validate({
            "id": "kz-entry-odd", "title": f"An entry rule with a {block} block",
            "host": "KZ", "citizenships": ["RU"], "topic": "entry",
            "valid_from": "2022-01-01", block: value,
            "documents": [{"type": "international_passport"}], "confidence": "high",
            "sources": [{"title": "Somewhere", "url": "https://example.org/"}]})


def minor(tmp_path: Path, born: str = "2010-01-15") -> Path:
    """A Russian in Russia with a foreign passport, born on ``born``."""
    path = tmp_path / "minor.yaml"
    path.write_text(f"person:\n  born: {born}\n  citizenships: [RU]\n"
                    "  documents: [{type: international_passport, country: RU, "
                    "expires: 2030-01-01}]\n"
                    f"trips: [{{country: RU, entry: {born}}}]\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("on", "told"), [("2028-01-14", True), ("2028-01-15", False)])
def test_a_minor_is_told_he_needs_a_parents_consent_to_leave_alone_until_18(
        tmp_path: Path, on: str, told: bool) -> None:
    # the profile cannot say whether a parent travels along: a caution, and Türkiye decides
    result = CliRunner().invoke(app, ["entry", "--history", str(minor(tmp_path)),
                                      "--citizenship", "RU", "--document",
                                      "international_passport", "--to", "TR", "--on", on],
                                env={"COLUMNS": "400"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Yes: ")
    cautions = [x for x in lines if "(ru-exit-unaccompanied-minor)" in x]
    assert len(cautions) == int(told)
    if told:
        assert cautions[0].startswith("  - caution: at 17, if no parent, adoptive parent, "
                                      "guardian or custodian travels with you, ")
        assert "certified by a notary" in cautions[0] and "Art. 20" in cautions[0]


def test_no_age_known_is_judged_as_an_adults_with_no_caution() -> None:
    answer = check_entry(PACK, citizenship="RU", document="international_passport", to="TR",
                         on=dt.date(2026, 4, 1), leaving=Leaving(("RU",)))
    assert answer.allowed is True and not answer.exits


def test_destinations_tell_a_minor_the_consent_once_for_every_host(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["destinations", str(minor(tmp_path)), "--on",
                                      "2026-04-01"], env={"COLUMNS": "400"})
    assert result.exit_code == 0
    [line] = [x for x in result.stdout.splitlines() if "ru-exit-unaccompanied-minor" in x]
    assert line.startswith("  Leaving the Russian Federation (for every host above): caution: "
                           "at 16, if no parent")
