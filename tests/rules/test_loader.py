"""Loading and validating rule packs: every problem, with its file, line and field."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest

from sojourn.engine.kinds import PerEntry
from sojourn.errors import Problem, RulePackError
from sojourn.rules.loader import builtin_pack_dir, load_pack

CORPUS = Path(__file__).parents[1] / "corpus" / "rules"

RULE = """\
  - id: {id}
    title: A rule
    host: {host}
    citizenships: [RU]
    topic: stay
    valid_from: 2023-01-27
    constraints:
      - kind: rolling
        max: 90
        window: 180
    confidence: high
    sources:
      - title: Somewhere
        url: https://example.org/
"""


def pack(tmp_path: Path, **files: str) -> Path:
    for name, text in files.items():
        (tmp_path / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def rules_file(*rules: str, head: str = "schema: sojourn.rules/1\n") -> str:
    return head + "rules:\n" + "".join(rules)


def problems(root: Path) -> list[Problem]:
    with pytest.raises(RulePackError) as info:
        load_pack(root)
    return info.value.problems


def only(root: Path) -> Problem:
    [p] = problems(root)
    return p


# ---- packs that load ------------------------------------------------------------------------

def test_the_builtin_pack_loads_and_locates_every_rule() -> None:
    loaded = load_pack()
    assert loaded.rules
    assert Path(loaded.root) == builtin_pack_dir()
    for rule in loaded.rules:
        at = loaded.where[rule.id]
        assert Path(at.file).parent == builtin_pack_dir()
        assert at.line is not None and at.line > 1
        line, field = at.at("host")
        assert field.endswith(".host") and line is not None and line > at.line


def test_a_minimal_pack(tmp_path: Path) -> None:
    loaded = load_pack(pack(tmp_path, kz=rules_file(RULE.format(id="kz-90-180", host="KZ"))))
    [rule] = loaded.rules
    assert (rule.id, rule.host) == ("kz-90-180", "KZ")
    assert loaded.where["kz-90-180"].line == 3


def test_a_folded_title_is_one_line(tmp_path: Path) -> None:
    # "title: >" ends its text with a line break, and answers print a title within a line;
    # a title holding a break within it is refused (tests/corpus: title_line_break)
    folded = RULE.format(id="kz-90-180", host="KZ").replace(
        "title: A rule", "title: >\n      A rule over\n      two lines")
    [rule] = load_pack(pack(tmp_path, kz=rules_file(folded))).rules
    assert rule.title == "A rule over two lines"


def test_a_single_file_is_a_pack(tmp_path: Path) -> None:
    root = pack(tmp_path, kz=rules_file(RULE.format(id="kz-90-180", host="KZ")))
    assert load_pack(root / "kz.yaml").rule("kz-90-180") is not None


def test_a_zone_of_the_pack_is_a_host(tmp_path: Path) -> None:
    # A zone id may hold '_' but a rule's host may not (schema.Rule._host_shape), so this
    # zone has none.
    zone = """\
    schema: sojourn.rules/1
    zones:
      - id: CENTRALASIA
        title: Made up
        members: [{country: KZ}, {country: KG, since: 2023-01-01}]
        sources: [{title: Treaty, document: Treaty of nowhere}]
    """
    loaded = load_pack(pack(tmp_path, zone=zone,
                            rules=rules_file(RULE.format(id="ca", host="CENTRALASIA"))))
    assert loaded.is_host("CENTRALASIA") and loaded.hosts() == ["CENTRALASIA"]


# ---- packs that do not ----------------------------------------------------------------------

def test_a_country_twice_in_a_zone_is_refused(tmp_path: Path) -> None:
    zone = """\
    schema: sojourn.rules/1
    zones:
      - id: CENTRALASIA
        title: Made up
        members:
          - {country: KZ, until: 2023-01-31}
          - {country: KG}
          - {country: KZ, since: 2023-06-01}
        sources: [{title: Treaty, document: Treaty of nowhere}]
    """
    found = only(pack(tmp_path, zone=zone))
    assert (Path(found.file or "").name, found.line, found.field, found.value) == (
        "zone.yaml", 8, "zones[0].members[2].country", "KZ")
    assert found.message == "is already a member of CENTRALASIA (members[0])"
    assert "each member country once" in (found.expected or "")


@pytest.mark.parametrize("kind", ["zones", "blocs"])
def test_a_membership_that_ends_before_it_starts_is_refused(tmp_path: Path, kind: str) -> None:
    # it passed validation, and the zone then held the country on no day at all
    group = f"""\
    schema: sojourn.rules/1
    {kind}:
      - id: CENTRALASIA
        title: Made up
        members:
          - {{country: KZ}}
          - {{country: KG, since: 2023-06-01, until: 2023-01-31}}
        sources: [{{title: Treaty, document: Treaty of nowhere}}]
    """
    if kind == "blocs":
        group += "    confidence: high\n"
    found = only(pack(tmp_path, group=group))
    assert (found.line, found.field, found.value) == (
        7, f"{kind}[0].members[1].until", "2023-01-31")
    assert found.message == "is before since 2023-06-01"
    assert found.expected == "a date on or after 2023-06-01"


def test_the_broken_corpus_pack_reports_every_problem_in_order() -> None:
    found = problems(CORPUS / "broken_pack")
    where = [(Path(p.file or "").name, p.line, p.field) for p in found]
    assert where == [
        ("a.yaml", 32, "rules[1].valid_from"),
        ("a.yaml", 48, "rules[2].constraints[0].kind"),
        ("a.yaml", 55, "rules[3].sources"),
        ("a.yaml", 80, "rules[4].variants"),
        ("b.yaml", 9, "rules[0].valid_to"),
        ("b.yaml", 18, "rules[1].id"),
        ("b.yaml", 34, "rules[2].host"),
        ("b.yaml", 54, "rules[3].constraints[0].max"),
        ("b.yaml", 72, "rules[4].sources[0]"),
    ]
    assert all(p.message for p in found)


def test_a_file_that_does_not_parse_hides_no_other_file() -> None:
    found = problems(CORPUS / "mixed_pack")
    assert [(Path(p.file or "").name, p.line) for p in found] == [
        ("c.yaml", 7), ("d.yaml", 3), ("d.yaml", 7), ("d.yaml", 12)]


def test_an_unknown_constraint_kind(tmp_path: Path) -> None:
    text = RULE.format(id="kz", host="KZ").replace("kind: rolling", "kind: weekly")
    p = only(pack(tmp_path, kz=rules_file(text)))
    assert (p.line, p.field, p.value, p.message) == (
        10, "rules[0].constraints[0].kind", "weekly", "is not a known kind")
    assert p.expected is not None and "'per_entry'" in p.expected


def test_a_constraint_without_kind_lists_the_kinds(tmp_path: Path) -> None:
    text = RULE.format(id="kz", host="KZ").replace("      - kind: rolling\n        max: 90",
                                                   "      - max: 90")
    p = only(pack(tmp_path, kz=rules_file(text)))
    assert (p.field, p.message) == ("rules[0].constraints[0].kind", "is required but missing")
    assert p.expected is not None and "'rolling'" in p.expected and "'calendar_year'" in (
        p.expected)


def test_an_unknown_field_of_a_constraint_lists_that_kind_s_fields(tmp_path: Path) -> None:
    text = RULE.format(id="kz", host="KZ").replace("max: 90", "maximum: 90")
    found = {p.field: p for p in problems(pack(tmp_path, kz=rules_file(text)))}
    extra = found["rules[0].constraints[0].maximum"]
    assert extra.line == 11
    assert "did you mean 'max'" in extra.message
    assert extra.expected == "one of kind, max, window, counts_from, valid_to"
    assert found["rules[0].constraints[0].max"].message == "is required but missing"
    assert found["rules[0].constraints[0].max"].expected == "a whole number"


def test_a_rolling_limit_larger_than_its_window(tmp_path: Path) -> None:
    text = RULE.format(id="kz", host="KZ").replace("max: 90", "max: 200")
    p = only(pack(tmp_path, kz=rules_file(text)))
    assert (p.line, p.field) == (11, "rules[0].constraints[0].max")
    assert "max 200 is larger than the window 180" in p.message
    assert p.expected == "max at most the window (180), or a window of at least 200 days"


def test_a_bad_number_names_its_bound(tmp_path: Path) -> None:
    text = RULE.format(id="kz", host="KZ").replace("max: 90", "max: 0")
    p = only(pack(tmp_path, kz=rules_file(text)))
    assert (p.line, p.field, p.value) == (11, "rules[0].constraints[0].max", 0)
    assert p.expected == "a number at least 1"
    # and a count of days no rule gives, which overflowed the calendar later
    text = RULE.format(id="kz", host="KZ").replace("max: 90", "max: 1000000000")
    p = only(pack(tmp_path, kz=rules_file(text)))
    assert (p.line, p.value, p.expected) == (11, 1000000000, "a number at most 36525")
    # nor is YAML's true a number of days (it was read as 1)
    text = RULE.format(id="kz", host="KZ").replace("max: 90", "max: true")
    p = only(pack(tmp_path, kz=rules_file(text)))
    assert (p.line, p.message) == (11, "is not a whole number")


def test_ids_are_unique_across_files(tmp_path: Path) -> None:
    root = pack(tmp_path, a=rules_file(RULE.format(id="same", host="KZ")),
                b=rules_file(RULE.format(id="other", host="KG"), RULE.format(id="same", host="AM")))
    p = only(root)
    assert (Path(p.file or "").name, p.line, p.field, p.value) == ("b.yaml", 17, "rules[1].id",
                                                                   "same")
    assert f"{tmp_path / 'a.yaml'}, line 3" in p.message


def test_an_unknown_host_points_at_the_host_line(tmp_path: Path) -> None:
    p = only(pack(tmp_path, x=rules_file(RULE.format(id="x", host="XX"))))
    assert (p.line, p.field, p.value) == (5, "rules[0].host", "XX")
    assert p.expected is not None and "country code" in p.expected


def test_codes_are_read_in_either_case_as_they_are_in_histories(tmp_path: Path) -> None:
    # host: kz was refused while citizenships: [ru] was read as RU
    text = RULE.format(id="x", host="kz").replace("[RU]", "[ru, Am]")
    [rule] = load_pack(pack(tmp_path, x=rules_file(text))).rules
    assert (rule.host, rule.citizenships) == ("KZ", ["RU", "AM"])
    p = only(pack(tmp_path, x=rules_file(RULE.format(id="x", host="k z"))))
    assert (p.line, p.field, p.value, p.message) == (5, "rules[0].host", "k z",
                                                     "is not a host code")


def test_any_citizenship_is_not_mixed_with_codes(tmp_path: Path) -> None:
    text = RULE.format(id="x", host="KZ").replace("[RU]", '["*", RU]')
    p = only(pack(tmp_path, x=rules_file(text)))
    assert (p.line, p.field, p.value) == (6, "rules[0].citizenships", "*")


def test_a_source_needs_a_url_or_a_document(tmp_path: Path) -> None:
    text = RULE.format(id="x", host="KZ").replace("        url: https://example.org/\n", "")
    p = only(pack(tmp_path, x=rules_file(text)))
    assert (p.line, p.field) == (15, "rules[0].sources[0]")
    assert p.expected is not None and "url" in p.expected and "document" in p.expected


def test_valid_to_before_valid_from_points_at_valid_to(tmp_path: Path) -> None:
    text = RULE.format(id="x", host="KZ").replace(
        "valid_from: 2023-01-27\n", "valid_from: 2023-01-27\n    valid_to: 2023-01-01\n")
    p = only(pack(tmp_path, x=rules_file(text)))
    assert (p.line, p.field, p.value) == (9, "rules[0].valid_to", None)
    assert "2023-01-01" in p.message and "2023-01-27" in p.message


EXTRADITION = """\
  - id: x
    title: A policy
    host: AR
    citizenships: [RU]
    topic: extradition
    valid_from: 2022-01-01
    valid_to: 2025-12-31
    extradition:
      summary: A treaty.
      events:
        - {on: EVENT_DAY, summary: A court upheld a request.}
    confidence: medium
    sources:
      - title: Somewhere
        url: https://example.org/
"""


@pytest.mark.parametrize("day", ["2022-01-01", "2021-06-30", "2026-01-01"])
def test_an_event_outside_the_rules_period_is_refused(tmp_path: Path, day: str) -> None:
    # on the first day or before, it would be told on every day the rule answers (it belongs
    # in the summary); after the last, on none
    p = only(pack(tmp_path, x=rules_file(EXTRADITION.replace("EVENT_DAY", day))))
    assert (p.line, p.field) == (10, "rules[0].extradition")
    assert p.message == f"extradition has an event on {day}, outside the rule's period"
    assert p.expected is not None and "after valid_from 2022-01-01" in p.expected
    assert "on or before valid_to 2025-12-31" in p.expected


def test_an_event_within_the_rules_period_loads(tmp_path: Path) -> None:
    [rule] = load_pack(pack(tmp_path, x=rules_file(
        EXTRADITION.replace("EVENT_DAY", "2025-12-31")))).rules
    assert rule.extradition is not None
    policy = rule.extradition
    assert policy.summary_on(dt.date(2025, 12, 30)) == "A treaty."
    assert policy.summary_on(dt.date(2025, 12, 31)) == "A treaty. A court upheld a request."


# a flag set and the day it holds from, in place of the event
FLAGGED = EXTRADITION.replace(
    "      events:\n        - {on: EVENT_DAY, summary: A court upheld a request.}\n",
    "      FLAG: true\n      FLAG_from: FLAG_DAY\n")


@pytest.mark.parametrize("flag", ["detains_on_listings", "extra_legal_removals"])
@pytest.mark.parametrize("day", ["2022-01-01", "2021-06-30", "2026-01-01"])
def test_a_flag_day_outside_the_rules_period_is_refused(tmp_path: Path, flag: str,
                                                         day: str) -> None:
    # as an event's: on the first day or before the flag holds throughout, after the last never
    text = FLAGGED.replace("FLAG_DAY", day).replace("FLAG", flag)
    p = only(pack(tmp_path, x=rules_file(text)))
    assert (p.line, p.field) == (10, "rules[0].extradition")
    assert p.message == f"extradition has {flag}_from {day}, outside the rule's period"
    assert p.expected is not None and "after valid_from 2022-01-01" in p.expected
    assert "on or before valid_to 2025-12-31" in p.expected


def test_a_flag_day_without_its_flag_is_refused(tmp_path: Path) -> None:
    text = FLAGGED.replace("FLAG_DAY", "2024-03-24").replace("FLAG: true", "FLAG: false")
    p = only(pack(tmp_path, x=rules_file(text.replace("FLAG", "detains_on_listings"))))
    assert p.message == "detains_on_listings_from is given but detains_on_listings is false"
    assert p.expected == "detains_on_listings: true, or no detains_on_listings_from"


@pytest.mark.parametrize("flag", ["detains_on_listings", "extra_legal_removals"])
def test_a_dated_flag_holds_from_its_day(tmp_path: Path, flag: str) -> None:
    text = FLAGGED.replace("FLAG_DAY", "2025-12-31").replace("FLAG", flag)
    [rule] = load_pack(pack(tmp_path, x=rules_file(text))).rules
    assert rule.extradition is not None
    assert not getattr(rule.extradition.as_of(dt.date(2025, 12, 30)), flag)
    assert getattr(rule.extradition.as_of(dt.date(2025, 12, 31)), flag)


def test_two_default_variants_point_at_the_variants(tmp_path: Path) -> None:
    text = RULE.format(id="x", host="KZ") + (
        "    variants:\n"
        "      - {name: one, default: true}\n"
        "      - {name: two, default: true}\n")
    p = only(pack(tmp_path, x=rules_file(text)))
    assert (p.line, p.field) == (17, "rules[0].variants")
    assert p.message == "has 2 default variants"


def test_a_key_given_twice_in_a_rule_file(tmp_path: Path) -> None:
    text = RULE.format(id="x", host="KZ").replace("    topic: stay\n",
                                                  "    topic: stay\n    topic: registration\n")
    p = only(pack(tmp_path, x=rules_file(text)))
    assert (p.line, p.field, p.value) == (8, "rules[0].topic", "topic")
    assert "first on line 7" in p.message


@pytest.mark.parametrize(("text", "line", "field", "message"), [
    ("- id: x\n", 1, None, "is not a rule file"),
    ("", None, None, "is empty"),
    ("# only a comment\n", None, None, "is empty"),
    ("schema: sojourn.rules/1\nrules:\n  id: x\n", 2, "rules", "is a mapping, not a list"),
    ("schema: sojourn.rules/1\nrules:\n", 2, "rules", "is empty"),
    ("schema: sojourn.rules/9\n", 1, "schema", "is not an accepted value"),
    ("rules: []\n", 1, "schema", "is required but missing"),
])
def test_the_shape_of_a_rule_file(tmp_path: Path, text: str, line: int, field: str | None,
                                  message: str) -> None:
    p = only(pack(tmp_path, x=text))
    assert (p.line, p.field, p.message) == (line, field, message)
    assert p.expected


def test_a_missing_pack(tmp_path: Path) -> None:
    p = only(tmp_path / "nowhere")
    assert (p.line, p.message) == (None, "does not exist")


def test_a_pack_that_is_a_symbolic_link_loop(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    p = only(tmp_path / "a")
    assert p.file == str(tmp_path / "a") and p.message.startswith("is a symbolic link that loops")
    assert p.expected == "a rule file (.yaml) or a directory of them"


def test_a_rule_file_that_is_a_symbolic_link_loop(tmp_path: Path) -> None:
    shutil.copytree(builtin_pack_dir(), tmp_path / "pack")
    (tmp_path / "pack" / "x.yaml").symlink_to(tmp_path / "pack" / "y.yaml")
    (tmp_path / "pack" / "y.yaml").symlink_to(tmp_path / "pack" / "x.yaml")
    found = problems(tmp_path / "pack")
    assert [p.file for p in found] == [str(tmp_path / "pack" / n) for n in ("x.yaml", "y.yaml")]
    assert all(p.message.startswith("is a symbolic link that loops") for p in found)


@pytest.mark.parametrize("where", ["the pack", "a rule file"])
@pytest.mark.parametrize("kind", ["pipe", "device"])
def test_no_regular_file_is_read_as_rules(tmp_path: Path, fifo: Any, where: str, kind: str
                                         ) -> None:
    if where == "the pack":
        path = tmp_path / "rules.yaml"
    else:
        shutil.copytree(builtin_pack_dir(), tmp_path / "pack")
        path = tmp_path / "pack" / "z.yaml"
    if kind == "pipe":  # opening it would wait for ever for a writer
        fifo(path)
    else:  # /dev/zero would be read until memory runs out
        path.symlink_to("/dev/null")
    p = only(tmp_path / "rules.yaml" if where == "the pack" else tmp_path / "pack")
    assert p.file == str(path)
    assert p.message == ("is a named pipe (FIFO), not a regular file" if kind == "pipe" else
                         "is a symbolic link to /dev/null, a character device, not a regular "
                         "file")


def test_a_directory_without_rule_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("nothing", encoding="utf-8")
    assert only(tmp_path).message == "holds no .yaml rule files (not read: notes.txt)"



def test_a_directory_whose_rule_files_are_below_it_says_where_they_are(tmp_path: Path) -> None:
    # --pack at the folder above the pack read "holds no .yaml rule files" and no more
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "kz.yaml").write_text("rules: []\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    assert only(tmp_path).message == ("holds no .yaml rule files; pack/ holds some, and a "
                                      "pack's subdirectories are not read")


@pytest.mark.parametrize(("name", "expected"), [
    ("README.md", "a name ending .yaml, if it is a rule file"),
    ("kz.yaml.txt", "the name kz.yaml, if it is a rule file"),
    ("kz.YAML", "the name kz.yaml, if it is a rule file"),
])
def test_one_file_that_is_no_rule_file_is_refused_unread(tmp_path: Path, name: str,
                                                         expected: str) -> None:
    # --pack README.md was read as YAML, and refused for its indentation; a directory's
    # files of these names are not read
    path = tmp_path / name
    path.write_text("# Notes\n\nSee: the pack\n  - kz: 90 days\n", encoding="utf-8")
    p = only(path)
    assert (p.file, p.line) == (str(path), None)
    assert p.message == "is not read: a pack's rule files end in .yaml or .yml"
    assert p.expected == expected


def test_true_is_no_age_nor_number_of_years(tmp_path: Path) -> None:
    # YAML reads an unquoted true as a boolean, which lax validation took as the number 1
    import shutil
    shutil.copytree(builtin_pack_dir(), tmp_path / "pack")
    expected = set()
    for name, old, new in [("entry", "min_age: 14", "min_age: true"),
                           ("liability", "max_years: 9", "max_years: true"),
                           ("liability", "max_years: 10", "max_years: ten"),
                           ("liability", "min_years: 5", "min_years: true"),
                           ("permits", "lead_days: 30", "lead_days: true"),
                           ("permits", "processing_days: 5", "processing_days: true")]:
        path = tmp_path / "pack" / f"{name}.yaml"
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        line = text[:text.index(old)].count("\n") + 1  # the first one, the one changed
        expected.add((f"{name}.yaml", line, old.split(":")[0],
                      "is not a number" if new.endswith("ten")
                      else "is read as true or false, not a number"))
    found = problems(tmp_path / "pack")
    # a set: a requirement several rules share through a YAML alias is told once per rule
    assert {(Path(p.file).name, p.line, p.field.rsplit(".", 1)[-1], p.message) for p in found
            } == expected
    assert str(found[0]).count("'true' is read as") == 1


def test_a_number_of_years_is_finite_and_not_negative(tmp_path: Path) -> None:
    # .nan passed: an offence of NaN years was judged above every gravity band ("at most nan
    # years, an especially grave crime") and risk --json printed NaN, which is no JSON
    import shutil
    shutil.copytree(builtin_pack_dir(), tmp_path / "pack")
    expected = set()
    for name, old, new, message in [
            ("liability", "min_years: 5", "min_years: -3", "is out of range"),
            ("liability", "max_years: 9", "max_years: .inf", "is not a finite number"),
            ("ru-criminal-code", "max_years: 2", "max_years: .nan", "is not a finite number")]:
        path = tmp_path / "pack" / f"{name}.yaml"
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        line = text[:text.index(old)].count("\n") + 1
        expected.add((f"{name}.yaml", line, old.split(":")[0], message))
    found = problems(tmp_path / "pack")
    assert {(Path(p.file).name, p.line, p.field.rsplit(".", 1)[-1], p.message) for p in found
            } == expected
    assert {p.expected for p in found} == {"a number at least 0", "a finite number such as 9"}


def test_a_liabilitys_max_years_is_not_below_its_min_years(tmp_path: Path) -> None:
    # "5 to 3 years" passed, and was judged by its maximum alone
    import shutil
    shutil.copytree(builtin_pack_dir(), tmp_path / "pack")
    path = tmp_path / "pack" / "liability.yaml"
    text = path.read_text(encoding="utf-8")
    old = "      min_years: 5\n      max_years: 9\n"
    assert old in text
    path.write_text(text.replace(old, "      min_years: 5\n      max_years: 3\n", 1),
                    encoding="utf-8")
    p = only(tmp_path / "pack")
    line = text[:text.index(old)].count("\n") + 2  # max_years's
    assert (Path(p.file).name, p.line) == ("liability.yaml", line)
    assert p.field.rsplit(".", 1)[-1] == "max_years"
    assert p.message == "is less than min_years 5"
    assert p.expected == "a number of years at least min_years (5)"


def test_a_commands_pack_warnings_are_told_in_a_few_lines(tmp_path: Path) -> None:
    # a command run with --pack prints these before its answer: an overlap of stay rules, say,
    # changes the answer, and was told by rules validate only
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text("not a rule file", encoding="utf-8")
    (tmp_path / "kz.yaml").write_text(
        "schema: sojourn.rules/1\nrules:\n" + "".join(
            f"  - {{id: kz-{i}, title: a rule, host: KZ, citizenships: [RU], topic: stay,\n"
            f"     valid_from: 2023-01-0{i}, constraints: [{{kind: per_entry, max: 9}}],\n"
            "     sources: [{title: a source, url: 'https://example.org'}], confidence: high}\n"
            for i in (1, 2)), encoding="utf-8")
    pack = load_pack(tmp_path)
    assert len(pack.warnings) == 4  # three files not read, one overlap: all told
    assert pack.told_warnings() == pack.warnings
    (tmp_path / "d.txt").write_text("not a rule file", encoding="utf-8")
    pack = load_pack(tmp_path)
    told = pack.told_warnings()
    assert told[:3] == pack.warnings[:3] and len(told) == 4
    assert told[3] == (f"2 more warnings about the rule pack {tmp_path}: "
                       f"'sojourn rules validate {tmp_path}' lists them all")
    assert load_pack().told_warnings() == ()


# ---- a constraint's own last day ---------------------------------------------------------------

def _ending(valid_to: str, rule: str = "") -> str:
    """RULE with ``valid_to`` on its rolling constraint (line 13), and ``rule`` appended."""
    return rules_file(RULE.format(id="kz", host="KZ").replace(
        "        window: 180\n", f"        window: 180\n        valid_to: {valid_to}\n") + rule)


def test_a_constraint_may_end_before_its_rule(tmp_path: Path) -> None:
    [rule] = load_pack(pack(tmp_path, kz=_ending("2023-04-26"))).rules
    assert rule.valid_to is None
    assert [c.valid_to for c in rule.constraints] == [dt.date(2023, 4, 26)]


@pytest.mark.parametrize(("valid_to", "message", "expected"), [
    ("2023-01-26", "leaves rolling:90/180 of kz in force on no day: it is before valid_from "
                   "2023-01-27", "valid_to on or after 2023-01-27"),
    ("2023-02-30", "is not a calendar date: February 2023 has 28 days",
     "an ISO 8601 date YYYY-MM-DD"),
    ("26 April 2023", "is not a date; did you mean 2023-04-26 (26 April)?",
     "an ISO 8601 date YYYY-MM-DD"),
])
def test_a_constraint_s_end_is_a_date_not_before_its_rule_s_start(
        tmp_path: Path, valid_to: str, message: str, expected: str) -> None:
    p = only(pack(tmp_path, kz=_ending(valid_to)))
    assert (Path(p.file or "").name, p.line, p.field) == (
        "kz.yaml", 13, "rules[0].constraints[0].valid_to")
    assert str(p.value) == valid_to
    assert p.message == message
    assert p.expected is not None and p.expected.startswith(expected)


def test_a_constraint_s_end_is_not_before_the_variant_that_takes_it(tmp_path: Path) -> None:
    # the late account takes the rule's constraint, ended before the account starts; the
    # early one has its own, ended before it starts
    variants = ("    variants:\n"
                "      - {name: early, default: true, valid_from: 2023-01-01,\n"
                "         constraints: [{kind: per_entry, max: 9, valid_to: 2022-12-31}]}\n"
                "      - {name: late, valid_from: 2023-05-01}\n")
    found = {p.field: p for p in problems(pack(tmp_path, kz=_ending("2023-04-26", variants)))}
    assert set(found) == {"rules[0].constraints[0].valid_to",
                          "rules[0].variants[0].constraints[0].valid_to"}
    late = found["rules[0].constraints[0].valid_to"]
    assert late.line == 13
    assert late.message == ("leaves rolling:90/180 of kz in force on no day under --assume "
                            "late: it is before valid_from 2023-05-01")
    early = found["rules[0].variants[0].constraints[0].valid_to"]
    assert (early.line, early.value) == (20, "2022-12-31")
    assert "under --assume early" in early.message and "2023-01-01" in early.message


OFFENCE = """\
  - id: {id}
    country: RU
    article: "280.3"
    part: 1
    title: Made up
    max_years: {years}
    penalties: prison
    valid_from: {start}
    valid_to: {end}
    sources: [{{title: Code, document: Code of nowhere}}]
    confidence: high
"""


@pytest.mark.parametrize(("end", "refused"), [("2023-03-17", False), ("2023-03-18", True),
                                               ("null", True)])
def test_versions_of_one_article_may_not_overlap(tmp_path: Path, end: str,
                                                  refused: bool) -> None:
    # a charge is judged by the version in force on the day of the act: two in force on one
    # day left it to whichever the pack listed first
    text = ("schema: sojourn.rules/1\noffences:\n"
            + OFFENCE.format(id="old", years=3, start="2022-03-04", end=end)
            + OFFENCE.format(id="new", years=5, start="2023-03-18", end="null"))
    root = pack(tmp_path, code=text)
    if not refused:
        assert [o.id for o in load_pack(root).offences] == ["old", "new"]
        return
    found = only(root)
    assert (found.line, found.field, found.value) == (21, "offences[1].valid_from",
                                                      "2023-03-18")
    assert found.message.startswith("overlaps old (")
    assert "another version of Art. 280.3 part 1" in found.message


def test_an_offence_version_that_ends_before_it_starts_is_refused(tmp_path: Path) -> None:
    text = ("schema: sojourn.rules/1\noffences:\n"
            + OFFENCE.format(id="old", years=3, start="2022-03-04", end="2022-03-01"))
    found = only(pack(tmp_path, code=text))
    assert (found.field, found.message) == ("offences[0].valid_to", "is before valid_from "
                                            "2022-03-04")


@pytest.mark.parametrize(("parts", "refused"), [(("null", "1"), True), (("2", "null"), True),
                                                (("1", "2"), False)])
def test_a_version_of_the_whole_article_overlaps_each_part_s(tmp_path: Path,
                                                             parts: tuple[str, str],
                                                             refused: bool) -> None:
    # a charge under part 1 is matched by a version with no part as by one of part 1: in force
    # together, the one the pack listed first judged it
    text = ("schema: sojourn.rules/1\noffences:\n"
            + OFFENCE.format(id="whole", years=3, start="2022-03-04", end="null")
            .replace("part: 1", f"part: {parts[0]}")
            + OFFENCE.format(id="part", years=5, start="2023-03-18", end="null")
            .replace("part: 1", f"part: {parts[1]}"))
    root = pack(tmp_path, code=text)
    if not refused:
        assert [o.id for o in load_pack(root).offences] == ["whole", "part"]
        return
    found = only(root)
    assert (found.field, found.value) == ("offences[1].valid_from", "2023-03-18")
    assert found.message.startswith("overlaps whole (")


PER_ENTRY = "      - kind: per_entry\n        max: 30\n"


def _per_entry_rule(extra: str) -> str:
    return RULE.format(id="th", host="TH").replace(
        "      - kind: rolling\n        max: 90\n        window: 180\n", PER_ENTRY + extra)


def test_a_per_entry_limit_may_judge_entries_from_and_to_a_day(tmp_path: Path) -> None:
    text = _per_entry_rule("        entered_from: 2023-04-01\n        entered_to: 2023-10-31\n")
    (kind,) = load_pack(pack(tmp_path, th=rules_file(text))).rules[0].constraints
    assert isinstance(kind, PerEntry)
    assert (kind.entered_from, kind.entered_to) == (dt.date(2023, 4, 1), dt.date(2023, 10, 31))
    assert kind.label == "30 days per entry, for entries from 1 April 2023 to 31 October 2023"


def test_entries_judged_to_a_day_before_the_first_are_refused(tmp_path: Path) -> None:
    text = _per_entry_rule("        entered_from: 2023-11-01\n        entered_to: 2023-10-31\n")
    p = only(pack(tmp_path, th=rules_file(text)))
    assert p.field == "rules[0].constraints[0].entered_to"
    assert "entered_to 2023-10-31 is before entered_from 2023-11-01" in p.message
    assert p.expected == "entered_to on or after entered_from (2023-11-01)"


def test_an_entry_day_that_is_no_date_is_refused(tmp_path: Path) -> None:
    p = only(pack(tmp_path, th=rules_file(_per_entry_rule("        entered_to: soon\n"))))
    assert (p.field, p.value) == ("rules[0].constraints[0].entered_to", "soon")


def test_only_a_per_entry_limit_judges_entries_by_their_day(tmp_path: Path) -> None:
    text = RULE.format(id="kz", host="KZ").replace("window: 180",
                                                   "window: 180\n        entered_to: 2023-10-31")
    p = only(pack(tmp_path, kz=rules_file(text)))
    assert p.field == "rules[0].constraints[0].entered_to"
    assert p.expected == "one of kind, max, window, counts_from, valid_to"


LIMITATION = """\
schema: sojourn.rules/1
gravity:
  - id: scale
    country: RU
    article: "15"
    bands: [{name: small, max_years: 3}, {name: medium}]
    sources: [{title: Code, document: Code of nowhere}]
    confidence: high
limitation:
  - id: periods
    country: RU
    article: "78"
    periods: [{gravity: small, years: 2}, {gravity: %s, years: 6}]
    sources: [{title: Code, document: Code of nowhere}]
    confidence: high
"""


@pytest.mark.parametrize(("gravity", "message"), [
    ("middle", "is not a band of RU's gravity scale"),
    ("small", "is named by an earlier period too")])
def test_a_limitation_period_names_a_band_of_its_gravity_scale_once(
        tmp_path: Path, gravity: str, message: str) -> None:
    # risk finds a charge's period by the band its gravity scale gives it: a misspelt band
    # left every charge of that gravity with no limitation said, and rules validate said none
    found = only(pack(tmp_path, code=LIMITATION % gravity))
    assert (found.line, found.field, found.value, found.message) == (
        13, "limitation[0].periods[1].gravity", gravity, message)
    assert found.expected == "a band of RU's gravity scale, once: small, medium"


def test_limitation_periods_with_no_gravity_scale_are_refused(tmp_path: Path) -> None:
    text = (LIMITATION % "medium").replace("country: RU\n    article: \"15\"",
                                           "country: BY\n    article: \"15\"")
    found = problems(pack(tmp_path, code=text))
    assert [p.message for p in found] == ["names a band, but the pack has no gravity scale "
                                          "for RU"] * 2


def test_limitation_periods_naming_the_scale_s_bands_load(tmp_path: Path) -> None:
    [limitation] = load_pack(pack(tmp_path, code=LIMITATION % "medium")).limitation
    assert limitation.years_for("medium") == 6


CONTINUING = """\
schema: sojourn.rules/1
offences:
  - id: evasion
    country: RU
    article: "328"
    title: Evading call-up
    max_years: 2
    penalties: up to 2 years
    sources: [{title: Code, document: Code of nowhere}]
    confidence: high
    continuing:
%s      sources: [{title: Plenum, document: Resolution of nowhere}]
      confidence: medium
"""


@pytest.mark.parametrize(("block", "message", "expected"), [
    ("      ends: end_of_call_up_age\n",
     "ends at the end of call-up age but gives no call_up_ages",
     "call_up_ages: [{years: 27}, {years: 30, since: 2024-01-01}]"),
    ("      ends: not_computed\n      call_up_ages: [{years: 27}]\n",
     "gives call_up_ages, which only ends: end_of_call_up_age reads",
     "no call_up_ages, or ends: end_of_call_up_age"),
    ("      ends: end_of_call_up_age\n      call_up_ages: [{years: 27}, {years: 30}]\n",
     "call_up_ages must be in order of since, only the first without one",
     "call_up_ages: [{years: 27}, {years: 30, since: 2024-01-01}]"),
    ("      ends: end_of_call_up_age\n      call_up_ages: [{years: 27, since: 2024-01-01}, "
     "{years: 30, since: 2020-01-01}]\n",
     "call_up_ages must be in order of since, only the first without one",
     "call_up_ages: [{years: 27}, {years: 30, since: 2024-01-01}]"),
    # a lower age at or above an upper one leaves no day liable to call-up
    ("      ends: end_of_call_up_age\n      call_up_ages: [{years: 27}]\n"
     "      lower_call_up_age: 27\n",
     "lower_call_up_age 27 is not below every upper age in call_up_ages",
     "lower_call_up_age: 18, below each of call_up_ages' years"),
    ("      ends: not_computed\n      lower_call_up_age: 18\n",
     "gives lower_call_up_age, which only ends: end_of_call_up_age reads",
     "no lower_call_up_age, or ends: end_of_call_up_age")])
def test_a_continuing_crime_s_end_is_one_risk_can_read(
        tmp_path: Path, block: str, message: str, expected: str) -> None:
    # an end at the call-up age with no ages left every such charge with no day, ages beside
    # not_computed read as a day computed, and ages out of order gave the wrong age in force
    found = only(pack(tmp_path, code=CONTINUING % block))
    assert found.field == "offences[0].continuing"
    assert message in found.message
    assert found.expected == expected


def test_a_continuing_crime_s_end_must_be_one_risk_knows(tmp_path: Path) -> None:
    found = only(pack(tmp_path, code=CONTINUING % "      ends: arrest\n"))
    assert (found.field, found.value) == ("offences[0].continuing.ends", "arrest")
    assert "end_of_call_up_age" in (found.expected or "")


def test_a_continuing_crime_ending_at_the_call_up_age_loads(tmp_path: Path) -> None:
    block = ("      ends: end_of_call_up_age\n"
             "      call_up_ages: [{years: 27}, {years: 30, since: 2024-01-01}]\n")
    [offence] = load_pack(pack(tmp_path, code=CONTINUING % block)).offences
    assert offence.continuing is not None
    assert offence.continuing.upper_age_on(dt.date(2023, 12, 31)) == 27
    assert offence.continuing.upper_age_on(dt.date(2024, 1, 1)) == 30
