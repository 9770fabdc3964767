"""A Russian internal passport given no ``expires`` lapses by its holder's age, as the pack's
rule ru-internal-passport-validity (topic document_validity) says: replaced at 20 and at 45, it
serves at most 90 days after that birthday (sojourn.history.documents reads the ages and days
from the pack, and knows no country); the answers say so, naming the rule, and do not tell a
person abroad to renew it, which no consulate does."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sojourn.cli import app
from sojourn.history.documents import age_lapse, document_last_day
from sojourn.history.models import DocumentIn
from sojourn.rules.loader import builtin_pack_dir, load_pack

from cli_lines import printed as run

runner = CliRunner()
D = dt.date
PACK = load_pack()
ON = D(2026, 7, 1)  # the day judged: the rule in force then says how long a document serves
RULE_FILE = "documents.yaml"


def internal(issued: str | None, expires: str | None = None, country: str = "RU",
             kind: str = "internal_passport", form: str | None = None) -> DocumentIn:
    return DocumentIn.model_validate({"type": kind, "country": country, "issued": issued,
                                      "expires": expires, "form": form})


@pytest.mark.parametrize(("born", "issued", "age", "birthday"), [
    (D(2004, 5, 4), "2018-05-10", 20, D(2024, 5, 4)),  # issued at 14: replaced at 20
    (D(1981, 6, 10), "2001-07-01", 45, D(2026, 6, 10)),  # issued at 20: replaced at 45
    (D(1981, 6, 10), "2001-06-10", 45, D(2026, 6, 10)),  # issued on the 20th birthday itself
    (D(1988, 2, 29), "2002-03-05", 20, D(2008, 2, 29)),  # a leap year's birthday
    (D(1984, 2, 29), "2004-03-02", 45, D(2029, 3, 1)),  # 29 February in a common year
])
def test_the_passport_lapses_90_days_after_the_birthday_it_is_replaced_at(
        born: dt.date, issued: str, age: int, birthday: dt.date) -> None:
    lapse = age_lapse(internal(issued), born, PACK, ON)
    assert lapse is not None
    assert (lapse.age, lapse.birthday, lapse.rule) == (age, birthday,
                                                      "ru-internal-passport-validity")
    assert lapse.last_day == birthday + dt.timedelta(days=90)
    assert document_last_day(internal(issued), born, PACK, ON) == lapse.last_day


def test_no_end_by_age_where_it_cannot_be_told_or_does_not_apply() -> None:
    born = D(1970, 1, 15)
    assert age_lapse(internal("2015-02-01"), born, PACK, ON) is None  # issued after 45
    assert age_lapse(internal(None), born, PACK, ON) is None  # the one of 14, or of 20?
    assert age_lapse(internal("2001-07-01"), None, PACK, ON) is None  # no birth date
    # a given end is the end; another state's or another document is not Russia's rule
    assert document_last_day(internal("2001-07-01", "2030-01-01"), born, PACK, ON) == D(
        2030, 1, 1)
    assert age_lapse(internal("2001-07-01", country="KZ"), born, PACK, ON) is None
    assert age_lapse(internal("2001-07-01", kind="international_passport"), born, PACK,
                     ON) is None
    # a day before the rule's first (1 January 2022) is judged by no rule: no end is known
    assert age_lapse(internal("2001-07-01"), born, PACK, D(2021, 12, 31)) is None


def pack_with(tmp_path: Path, rules: str | None) -> Path:
    """The built-in pack, its document validity rules replaced by ``rules`` (a YAML list;
    None: left out)."""
    pack = tmp_path / "pack"
    shutil.copytree(builtin_pack_dir(), pack)
    (pack / RULE_FILE).unlink()
    if rules is not None:
        (pack / RULE_FILE).write_text(f"schema: sojourn.rules/1\nrules:\n{rules}",
                                      encoding="utf-8")
    return pack


def validity_rule(block: str, rule_id: str = "ru-internal-passport-validity") -> str:
    """A document validity rule for Russia's internal passport with the block ``block``."""
    return (f"  - id: {rule_id}\n"
            "    title: A passport's validity by age\n"
            "    host: RU\n"
            "    citizenships: [RU]\n"
            "    topic: document_validity\n"
            "    valid_from: 2022-01-01\n"
            "    document_validity:\n"
            f"{block}"
            "    confidence: low\n"
            "    sources: [{title: Somewhere, url: 'https://example.org/'}]\n")


def profile(tmp_path: Path, passport: str, born: str = "1981-06-10") -> str:
    """A Russian born on ``born`` in Armenia since 1 June 2026 on ``passport``."""
    path = tmp_path / "p.yaml"
    path.write_text("person:\n"
                    "  citizenships: [RU]\n"
                    f"  born: {born}\n"
                    f"  documents: [{passport}]\n"
                    "trips: [{country: AM, entry: 2026-06-01, by: air}]\n", encoding="utf-8")
    return str(path)


def test_a_stay_outlasting_the_passport_s_lapse_at_45_says_so(tmp_path: Path) -> None:
    # the internal passport issued at 20, with no end given, read as valid for ever: the
    # Armenian stay to 27 November 2026 was told nothing of its lapse on 8 September
    path = profile(tmp_path, "{type: internal_passport, country: RU, issued: 2001-07-01}")
    text = run("status", path, "--country", "AM", "--on", "2026-07-01")
    assert ("Your internal passport lapses on 8 September 2026 (it must be replaced when you "
            "turn 45, on 10 June 2026, and serves at most 90 days after, by "
            "ru-internal-passport-validity)") in text
    assert "leave by 8 September 2026" in text
    report = run("report", path, "--on", "2026-07-01")
    line = next(ln for ln in report.splitlines() if ln.strip().startswith("8 September 2026"))
    assert "last day of your internal passport (it must be replaced when you turn 45" in line
    assert "by ru-internal-passport-validity), before the legal stay in Armenia ends" in line
    # after it, the stay goes on on no valid document, said in the past tense
    later = run("status", path, "--country", "AM", "--on", "2026-10-01")
    assert "lapsed on 8 September 2026 (it had to be replaced when you turned 45" in later
    assert "OVERDUE" in later


def test_destinations_says_why_the_passport_ends_as_status_does(tmp_path: Path) -> None:
    # the rows' notes read "Your internal passport ends on 8 September 2026", a day in no
    # field of the profile, with no reason, where status says the rule it comes from
    path = profile(tmp_path, LAPSING)
    text = " ".join(run("destinations", path, "--on", "2026-07-01").split())
    why = ("lapses on 8 September 2026 (it must be replaced when you turn 45, on 10 June 2026, "
           "and serves at most 90 days after, by ru-internal-passport-validity)")
    assert f"Your internal passport {why}, before the stay shown in AM, where you are," in text
    assert f"Your internal passport {why}, before the stay shown in KG and KZ would end" in text
    assert "ends on 8 September 2026" not in text
    rows = json.loads(run("destinations", path, "--on", "2026-07-01", "--json"))
    kz = next(r for r in rows["destinations"] if r["host"] == "KZ")
    assert kz["document_lapse"] == {"rule": "ru-internal-passport-validity", "age": 45,
                                    "birthday": "2026-06-10"}
    assert "ru-internal-passport-validity" in kz["rules"]


def test_an_internal_passport_abroad_is_not_to_be_renewed_at_a_consulate(
        tmp_path: Path) -> None:
    # its end given in the profile: the note said "renew it or leave", though no consulate
    # issues an internal passport
    path = profile(tmp_path, "{type: internal_passport, country: RU, issued: 2001-07-01, "
                             "expires: 2026-09-01}")
    text = run("status", path, "--country", "AM", "--on", "2026-07-01")
    line = next(ln for ln in text.splitlines() if "Your internal passport ends on" in ln)
    assert "renew it" not in line
    assert ("a consulate does not issue an internal passport, so leave by 1 September 2026 or "
            "get another valid travel document") in line
    ended = run("report", path, "--on", "2026-10-01")
    assert "renew it" not in ended.split("Where else")[1].splitlines()[1]


LAPSING = "{type: internal_passport, country: RU, issued: 2001-07-01}"


def test_a_pack_without_the_rule_infers_no_lapse(tmp_path: Path) -> None:
    # the ages and days are the pack's: without its rule the passport given no end has no
    # known end, as before the lapse by age was told at all, and the stay runs its course
    pack = pack_with(tmp_path, None)
    assert age_lapse(internal("2001-07-01"), D(1981, 6, 10), load_pack(pack), ON) is None
    path = profile(tmp_path, LAPSING)
    text = run("status", path, "--country", "AM", "--on", "2026-07-01", "--pack", str(pack))
    assert "You may stay in Armenia until 27 November 2026" in text
    assert "internal passport" not in text
    report = run("report", path, "--on", "2026-07-01", "--pack", str(pack))
    assert "September 2026" not in report


def test_a_pack_with_other_ages_and_days_changes_the_lapse(tmp_path: Path) -> None:
    # made up: replaced at 25 and 50, serving 30 days after
    pack = pack_with(tmp_path, validity_rule(
        "      type: internal_passport\n"
        "      replaced_at_ages: [25, 50]\n"
        "      valid_days_after_birthday: 30\n", "ru-passport-made-up"))
    born, made_up = D(1981, 6, 10), load_pack(pack)
    lapse = age_lapse(internal("2007-07-01"), born, made_up, ON)
    assert lapse is not None
    assert (lapse.age, lapse.last_day, lapse.rule) == (50, D(2031, 7, 10), "ru-passport-made-up")
    # issued at 20, it was to be replaced at 25, no longer at 45
    assert document_last_day(internal("2001-07-01"), born, made_up, ON) == D(2006, 7, 10)
    # told: a man turning 44 in June 2026, his passport issued at 20, lapses in July under a
    # made-up rule replacing it at 44 with 30 days' grace; the pack's own rule (45, 90 days)
    # leaves it valid through the stay
    path = profile(tmp_path, "{type: internal_passport, country: RU, issued: 2002-07-01}",
                   born="1982-06-10")
    assert "internal passport" not in run("status", path, "--country", "AM", "--on",
                                          "2026-07-01")
    told = pack_with(tmp_path / "told", validity_rule(
        "      type: internal_passport\n"
        "      replaced_at_ages: [20, 44]\n"
        "      valid_days_after_birthday: 30\n", "ru-passport-made-up"))
    text = run("status", path, "--country", "AM", "--on", "2026-07-01", "--pack", str(told))
    assert ("Your internal passport lapses on 10 July 2026 (it must be replaced when you turn "
            "44, on 10 June 2026, and serves at most 30 days after, by ru-passport-made-up)"
            ) in text


def test_a_rule_for_one_form_leaves_the_other_form_without_an_end(tmp_path: Path) -> None:
    pack = load_pack(pack_with(tmp_path, validity_rule(
        "      type: internal_passport\n"
        "      form: electronic\n"
        "      replaced_at_ages: [20, 45]\n"
        "      valid_days_after_birthday: 90\n")))
    born = D(1981, 6, 10)
    assert age_lapse(internal("2001-07-01", form="paper"), born, pack, ON) is None
    lapse = age_lapse(internal("2001-07-01", form="electronic"), born, pack, ON)
    assert lapse is not None and lapse.last_day == D(2026, 9, 8)


def test_the_state_issuing_a_document_is_no_host_for_its_validity_rule() -> None:
    # a rule on Russia's passports judges no stay in Russia: destinations and coverage do not
    # list it as a host for that rule
    assert "RU" not in PACK.hosts()
    assert PACK.rule("ru-internal-passport-validity") is not None


@pytest.mark.parametrize(("block", "line", "field", "told"), [
    ("      type: internal_passport\n      replaced_at_ages: [45, 20]\n"
     "      valid_days_after_birthday: 90\n", 11, "document_validity.replaced_at_ages",
     "[45, 20] lists 20 after 45; expected replaced_at_ages: [20, 45], whole years in rising "
     "order, each once"),
    ("      type: internal_passport\n      replaced_at_ages: [20, 20]\n"
     "      valid_days_after_birthday: 90\n", 11, "document_validity.replaced_at_ages",
     "[20, 20] lists 20 after 20"),
    ("      type: internal_passport\n      replaced_at_ages: []\n"
     "      valid_days_after_birthday: 90\n", 11, "document_validity.replaced_at_ages",
     "is empty; expected at least 1 item"),
    ("      type: internal_passport\n      replaced_at_ages: [20, 45]\n"
     "      valid_days_after_birthday: -1\n", 12,
     "document_validity.valid_days_after_birthday",
     "'-1' is out of range; expected a number at least 0"),
    ("      type: internal_passport\n      replaced_at_ages: [20, 45]\n", 9,
     "document_validity.valid_days_after_birthday",
     "is required but missing; expected a whole number"),
    ("      type: passport\n      replaced_at_ages: [20, 45]\n"
     "      valid_days_after_birthday: 90\n", 10, "document_validity.type",
     "'passport' is not an accepted value; expected one of 'internal_passport'"),
    ("      type: internal_passport\n      form: plastic\n      replaced_at_ages: [20, 45]\n"
     "      valid_days_after_birthday: 90\n", 11, "document_validity.form",
     "'plastic' is not an accepted value; expected one of 'paper' or 'electronic'"),
])
def test_rules_validate_refuses_a_bad_validity_block_naming_file_line_field_and_form(
        tmp_path: Path, block: str, line: int, field: str, told: str) -> None:
    rules = tmp_path / RULE_FILE
    rules.write_text(f"schema: sojourn.rules/1\nrules:\n{validity_rule(block)}",
                     encoding="utf-8")
    result = runner.invoke(app, ["rules", "validate", str(rules)])
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert f"{rules}, line {line}, field 'rules[0].{field}': " in said, said
    assert told in said


def test_a_validity_block_belongs_to_its_topic_alone(tmp_path: Path) -> None:
    rules = tmp_path / RULE_FILE
    rules.write_text("schema: sojourn.rules/1\nrules:\n" + validity_rule(
        "      type: internal_passport\n      replaced_at_ages: [20, 45]\n"
        "      valid_days_after_birthday: 90\n").replace("topic: document_validity",
                                                         "topic: exit"), encoding="utf-8")
    result = runner.invoke(app, ["rules", "validate", str(rules)])
    assert result.exit_code == 2
    assert ("field document_validity does not belong to topic exit; expected "
            "document_validity only under topic document_validity") in " ".join(
                result.stderr.split())
    # and the topic needs it
    rules.write_text("schema: sojourn.rules/1\nrules:\n" + validity_rule("").replace(
        "    document_validity:\n", ""), encoding="utf-8")
    result = runner.invoke(app, ["rules", "validate", str(rules)])
    assert result.exit_code == 2
    assert "topic document_validity needs the field document_validity" in " ".join(
        result.stderr.split())


def two_rules(tmp_path: Path, first_ends: str | None) -> Path:
    """Two rules on Russia's internal passport, of 90 and then 30 days after the birthday, the
    second from 6 January 2024; the first ends on ``first_ends`` (None: no end set)."""
    first = validity_rule("      type: internal_passport\n      replaced_at_ages: [20, 45]\n"
                          "      valid_days_after_birthday: 90\n", "ru-passport-first")
    if first_ends is not None:
        first = first.replace("    valid_from: 2022-01-01\n",
                              f"    valid_from: 2022-01-01\n    valid_to: {first_ends}\n")
    second = validity_rule("      type: internal_passport\n      replaced_at_ages: [20, 45]\n"
                           "      valid_days_after_birthday: 30\n", "ru-passport-second"
                           ).replace("2022-01-01", "2024-01-06")
    rules = tmp_path / RULE_FILE
    rules.write_text(f"schema: sojourn.rules/1\nrules:\n{first}{second}", encoding="utf-8")
    return rules


def test_two_validity_rules_for_one_document_at_once_are_refused(tmp_path: Path) -> None:
    # the answer read the first one the pack held: which end a passport had depended on order
    rules = two_rules(tmp_path, None)
    result = runner.invoke(app, ["rules", "validate", str(rules)])
    assert result.exit_code == 2
    assert ("starts while ru-passport-first" in result.stderr
            and "a document has one end" in " ".join(result.stderr.split()))


def test_rules_changes_tells_what_a_validity_rule_changed(tmp_path: Path) -> None:
    rules = two_rules(tmp_path, "2024-01-05")
    text = run("rules", "changes", "--country", "RU", "--from", "2024-01-01", "--to",
               "2024-12-31", "--pack", str(rules))
    assert "ru-passport-second (document_validity) begins" in text
    assert "replaces ru-passport-first, in force to 5 January 2024:" in text
    assert "document validity / valid days after birthday: was 90; now 30" in text
    # and the answers read the rule of the day judged: 30 days after the birthday from then
    lapse = age_lapse(internal("2001-07-01"), D(1981, 6, 10), load_pack(rules), ON)
    assert lapse is not None and (lapse.rule, lapse.last_day) == ("ru-passport-second",
                                                                  D(2026, 7, 10))


def test_rules_show_tells_the_ages_and_days(tmp_path: Path) -> None:
    text = " ".join(run("rules", "show", "ru-internal-passport-validity").split())
    assert ("confidence medium; an internal passport replaced at 20 and 45, valid at most 90 "
            "days after each of those birthdays until the new one is issued") in text
    listed = run("rules", "list", "--topic", "document_validity")
    assert "ru-internal-passport-validity" in listed


def kz_2015_profile(tmp_path: Path, born: str) -> str:
    """A Russian born on ``born`` in Kazakhstan since 25 September 2022 on the internal
    passport issued at 20, with no end given."""
    path = tmp_path / "kz.yaml"
    path.write_text("person:\n"
                    "  citizenships: [RU]\n"
                    f"  born: {born}\n"
                    "  documents: [{type: internal_passport, country: RU, issued: "
                    f"{int(born[:4]) + 20}-12-20}}]\n"
                    "trips: [{country: KZ, entry: 2022-09-25, by: land}]\n", encoding="utf-8")
    return str(path)


KZ_2015 = ("--country", "KZ", "--permit", "kz-permit-permanent-2015", "--on", "2022-10-01")


def test_a_permit_wanting_the_passport_valid_181_days_sees_its_lapse(tmp_path: Path) -> None:
    # Kazakhstan's 2015 permanent permit wants the internal passport valid 181 days from the
    # filing day (23 December 2022); this one lapses on 1 March 2023, 90 days after its
    # holder turns 45. The plan listed it missing with no reason, and relied on no rule for it
    path = kz_2015_profile(tmp_path, "1977-12-01")
    text = " ".join(run("permit", path, *KZ_2015).split())
    assert ("Note: renew your internal passport first: it lapses on 1 March 2023 (it must be "
            "replaced when you turn 45, on 1 December 2022, and serves at most 90 days after, "
            "by ru-internal-passport-validity), so it will not be valid long enough: "
            "kz-permit-permanent-2015 asks for it valid 181 days from the filing day, 23 "
            "December 2022; a consulate does not issue an internal passport.") in text
    assert "renew your international passport" not in text
    relied = text.split("Rules relied on:")[1]
    assert "ru-internal-passport-validity: Russia's internal passport" in relied
    data = json.loads(run("permit", path, *KZ_2015, "--json"))
    assert data["passport_ends"] == "2023-03-01"
    assert data["passport_lapse"] == {"rule": "ru-internal-passport-validity", "age": 45,
                                      "birthday": "2022-12-01"}
    assert "ru-internal-passport-validity" in [r["id"] for r in data["rules"]]
    assert data["feasible"] == "unknown"


def test_a_passport_lapsing_after_the_181_days_is_held_and_unsaid(tmp_path: Path) -> None:
    # a year younger: it lapses on 29 February 2024, after the 181 days from 23 December 2022
    path = kz_2015_profile(tmp_path, "1978-12-01")
    data = json.loads(run("permit", path, *KZ_2015, "--json"))
    assert data["passport_ends"] is None and data["passport_lapse"] is None
    assert "internal_passport" not in data["missing"]
    assert "ru-internal-passport-validity" not in [r["id"] for r in data["rules"]]


def test_an_international_passport_short_of_the_180_days_is_said_too(tmp_path: Path) -> None:
    # the same check for the passport the 2023 rule asks for: valid past the filing day (25
    # May 2023), it ends on 1 October 2023, before the 180 days; the plan said nothing of it
    path = tmp_path / "kz.yaml"
    path.write_text("person:\n  citizenships: [RU]\n  born: 1977-12-01\n"
                    "  documents: [{type: international_passport, country: RU, "
                    "issued: 2013-10-01, expires: 2023-10-01}]\n"
                    "trips: [{country: KZ, entry: 2023-02-25, by: land}]\n", encoding="utf-8")
    text = " ".join(run("permit", str(path), "--country", "KZ", "--permit",
                        "kz-permit-permanent-2023", "--on", "2023-03-01").split())
    assert ("Note: renew your international passport first: it ends on 1 October 2023, so it "
            "will not be valid long enough: kz-permit-permanent-2023 asks for it valid 180 days "
            "from the filing day, 25 May 2023.") in text


# the lapse as every answer says it (history.documents.ends_words), rule named
LAPSES = ("lapses on 8 September 2026 (it must be replaced when you turn 45, on 10 June 2026, "
          "and serves at most 90 days after, by ru-internal-passport-validity)")
VALIDITY = "ru-internal-passport-validity"


def test_the_entry_reasons_say_why_the_passport_lapses(tmp_path: Path) -> None:
    # destinations' rows and `entry --history` gave "yours ends on 8 September 2026" among the
    # entry reasons, a day in no field of the profile, where the table's line says why
    path = profile(tmp_path, LAPSING)
    rows = json.loads(run("destinations", path, "--on", "2026-07-01", "--json"))
    kz = next(r for r in rows["destinations"] if r["host"] == "KZ")
    assert kz["reasons"][-1] == ("the rule pack does not say how long Kazakhstan wants an "
                                 f"internal passport to stay valid; yours {LAPSES}")
    args = ("entry", "--to", "KZ", "--citizenship", "RU", "--document", "internal_passport",
            "--history", path, "--on", "2026-07-01")
    text = " ".join(run(*args).split())
    assert f"; yours {LAPSES}" in text and "ends on 8 September" not in text
    assert VALIDITY in [r["id"] for r in json.loads(run(*args, "--json"))["rules"]]


def wanting_six_months(tmp_path: Path) -> Path:
    """The built-in pack, Kazakhstan's entry rule for Russians made to want the internal
    passport valid 6 months from the day of entry (made up: the pack's asks no length)."""
    pack = tmp_path / "pack"
    shutil.copytree(builtin_pack_dir(), pack)
    rules = pack / "entry.yaml"
    before, kz = rules.read_text(encoding="utf-8").split("  - id: kz-entry-passports\n")
    accepted = "      - type: internal_passport\n        min_age: 14\n"
    assert kz.index(accepted) < kz.index("  - id: ")  # in Kazakhstan's rule, not the next
    rules.write_text(before + "  - id: kz-entry-passports\n" + kz.replace(
        accepted, accepted + "        valid_for: {months: 6, beyond: entry}\n", 1),
        encoding="utf-8")
    return pack


def test_a_refusal_for_too_short_a_validity_says_why_the_passport_lapses(
        tmp_path: Path) -> None:
    # a host wanting the passport valid 6 months refuses it: "yours ends on 8 September
    # 2026" in destinations' reasons and report's list of hosts refused, on no rule listed
    pack = str(wanting_six_months(tmp_path))
    path = profile(tmp_path, LAPSING)
    rows = json.loads(run("destinations", path, "--on", "2026-07-01", "--json", "--pack", pack))
    kz = next(r for r in rows["destinations"] if r["host"] == "KZ")
    assert kz["allowed"] is False
    assert any(f"; yours {LAPSES}" in r for r in kz["reasons"]), kz["reasons"]
    assert VALIDITY in kz["rules"]
    report = " ".join(run("report", path, "--on", "2026-07-01", "--pack", pack).split())
    assert ("not Kazakhstan (KZ): it wants your internal passport valid 6 months from the day "
            f"of entry; yours {LAPSES} (kz-entry-passports)") in report


def test_report_s_other_hosts_say_why_the_passport_lapses_and_list_its_rule(
        tmp_path: Path) -> None:
    # in Georgia on an international passport ending on 1 August 2026, with the internal
    # passport lapsing later: the other hosts go on the internal one, and the short list said
    # "the document ends sooner, on 8 September 2026", the rule neither named nor listed, as
    # the stay in Georgia relies on no rule of the internal passport
    path = tmp_path / "ge.yaml"
    path.write_text("person:\n  citizenships: [RU]\n  born: 1981-06-10\n  documents:\n"
                    f"    - {LAPSING}\n"
                    "    - {type: international_passport, country: RU, issued: 2016-08-01, "
                    "expires: 2026-08-01}\n"
                    "trips: [{country: GE, entry: 2026-06-01, by: air}]\n", encoding="utf-8")
    report = run("report", str(path), "--on", "2026-07-01")
    kz = " ".join(next(ln for ln in report.splitlines()
                       if ln.startswith("  Kazakhstan (KZ)")).split())
    assert kz.startswith("Kazakhstan (KZ) with internal passport: up to 90 days*; the "
                         f"document {LAPSES}, before such a stay would end, and the pack has "
                         "no rule on how long the host wants it valid;")
    assert f"\n  {VALIDITY}: " in report.split("Rules relied on:")[1]
