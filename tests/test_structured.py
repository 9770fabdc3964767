"""The YAML reader: libyaml's parser, where PyYAML has it, reads as the pure-Python one does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

import sojourn
from sojourn import _structured
from sojourn._structured import _yaml_with_lines, load_document, strict_loader
from sojourn.errors import InputError

PACK = sorted((Path(sojourn.__file__).parent / "rules" / "pack").glob("*.yaml"))
PURE = strict_loader(yaml.SafeLoader)

TRICKY = [
    "country: NO\nentry: 2023-01-05\nok: yes\nflag: true\nx: ~\n",
    "trips:\n  - {country: KZ, entry: 2023-01-01}\n  - country: 'GE'\n    exit: null\n",
    "a: &anchor\n  b: 1\nc: *anchor\nd: |\n  two\n  lines\n",
    "# only a comment\n",
    "",
]
BROKEN = [
    "trips:\n  - country: KZ\n   entry: 2023-01-01\n",
    "a: b: c\n",
    "a: [1, 2\n",
    "a: 'open\n",
    "\ta: 1\n",
]


def test_libyaml_is_used_where_pyyaml_has_it() -> None:
    # the rule pack loads on every command: the C parser reads it ten times faster
    if yaml.__with_libyaml__:
        assert issubclass(_structured._StrictLoader, yaml.CSafeLoader)


@pytest.mark.parametrize("text", [p.read_text(encoding="utf-8") for p in PACK] + TRICKY,
                         ids=[p.name for p in PACK] + [f"tricky{i}" for i in range(len(TRICKY))])
def test_both_parsers_give_the_same_data_and_lines(text: str) -> None:
    assert _yaml_with_lines(text) == _yaml_with_lines(text, PURE)


def test_dates_stay_text_and_only_true_false_are_booleans() -> None:
    data, lines = _yaml_with_lines(TRICKY[0])
    assert data == {"country": "NO", "entry": "2023-01-05", "ok": "yes", "flag": True,
                    "x": None}
    assert lines[("entry",)] == 2


@pytest.mark.parametrize("text", BROKEN)
def test_a_syntax_error_is_told_in_the_pure_parsers_words(tmp_path: Path, text: str) -> None:
    # libyaml words some faults differently; the message is the one sojourn always gave
    with pytest.raises(yaml.YAMLError) as pure:
        _yaml_with_lines(text, PURE)
    mark = pure.value.problem_mark  # type: ignore[attr-defined]
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_document(path, text)
    [problem] = info.value.problems
    assert problem.line == mark.line + 1
    assert problem.message.startswith(
        f"is not valid YAML: {pure.value.problem} at column {mark.column + 1}")  # type: ignore[attr-defined]


def test_an_indentation_slip_is_explained() -> None:
    with pytest.raises(InputError) as info:
        load_document(Path("p.yaml"), BROKEN[0])
    [problem] = info.value.problems
    assert problem.line == 3
    assert "check the indentation" in problem.message


@pytest.mark.parametrize(("text", "words"), [
    ("030", "'030' has a leading zero, which YAML 1.1 reads as the octal number 24; expected 30"),
    ("-07", "has a leading zero, which YAML 1.1 reads as the octal number -7; expected -7"),
    ("090", "'090' has a leading zero; expected 90"),
    ("0x1E", "'0x1E' is a hexadecimal number (30)"),
    ("0b11", "'0b11' is a binary number (3)"),
    ("1_000", "'1_000' has an underscore, which YAML 1.1 drops (1000)"),
    ("1:30", "'1:30' is read by YAML 1.1 as a base-60 number (90)"),
    ("1_0.5", "'1_0.5' has an underscore, which YAML 1.1 drops (10.5)"),
])
def test_a_number_yaml_1_1_reads_otherwise_than_it_looks_is_refused(text: str, words: str
                                                                   ) -> None:
    # max: 030 was 24 days, within: 010 was 8, and 090 "is not a whole number"
    for parser in (_structured._StrictLoader, PURE):
        with pytest.raises(_structured._NotDecimal):
            _yaml_with_lines(f"rules:\n  - max: {text}\n", parser)
    with pytest.raises(InputError) as info:
        load_document(Path("p.yaml"), f"rules:\n  - max: {text}\n")
    [problem] = info.value.problems
    assert (problem.line, problem.field) == (2, "rules[0].max")
    assert words in str(problem)


def test_plain_decimals_and_quoted_text_are_read_as_written() -> None:
    text = "a: [0, 30, +30, -5, 1.5, 30.0, .5, .inf, '030', \"0x1E\", 1e3]\n"
    for parser in (_structured._StrictLoader, PURE):
        data, _ = _yaml_with_lines(text, parser)
        assert data["a"][:7] == [0, 30, 30, -5, 1.5, 30.0, 0.5]
        assert data["a"][8:] == ["030", "0x1E", "1e3"]


def test_json_lines_survive_characters_escaped_as_surrogate_pairs() -> None:
    # json.dumps writes a character beyond the BMP as a surrogate pair, which libyaml refuses
    data = {"trips": [{"country": "KZ", "entry": "2023-01-01"},
                      {"country": "GE", "entry": "2023-13-01", "note": "\U0001f4dd"}]}
    text = json.dumps(data, indent=2)
    assert "\\ud83d\\udcdd" in text
    loaded, lines = load_document(Path("p.json"), text)
    assert loaded == data
    bad = text.splitlines().index('      "entry": "2023-13-01",') + 1
    assert lines[("trips", 1, "entry")] == bad


def test_libyaml_reads_a_tab_after_a_colon_which_the_pure_parser_refused() -> None:
    # How the two differ on documents (docs/speed.md): libyaml is the more lenient.
    with pytest.raises(yaml.YAMLError):
        _yaml_with_lines("country:\tKZ\n", PURE)
    if yaml.__with_libyaml__:
        assert _yaml_with_lines("country:\tKZ\n")[0] == {"country": "KZ"}


def test_a_yaml_merge_key_is_named_as_such() -> None:
    # the message named PyYAML's tag alone: "could not determine a constructor for the tag
    # 'tag:yaml.org,2002:merge'", which no profile or rule file spells
    with pytest.raises(InputError) as info:
        load_document(Path("p.yaml"), "base: &b {country: KZ}\ntrips:\n  - {<<: *b, entry: x}\n")
    assert ("p.yaml, line 3: is not valid YAML: could not determine a constructor for the tag "
            "'tag:yaml.org,2002:merge' at column 6; a merge key (<<: *anchor) is not read: write "
            "the fields out in each mapping; expected YAML") in str(info.value)


@pytest.mark.parametrize(("text", "line", "words"), [
    # each was read as a plain mapping or list, its tag neither read nor told
    ("person: !!python/object:x.Y {citizenships: [RU]}\n", 1,
     "found the tag '!!python/object:x.Y' on a mapping at column 9"),
    ("person:\n  citizenships: !!str [RU]\n", 2, "found the tag '!!str' on a list at column 17"),
    ("trips:\n  - !trip {country: KZ}\n", 2, "found the tag '!trip' on a mapping at column 5"),
    ("trips: !!set\n  ? KZ\n", 1, "found the tag '!!set' on a mapping at column 8"),
    # refused by PyYAML already, now with the same advice
    ("trips:\n  - {country: !custom KZ}\n", 2,
     "could not determine a constructor for the tag '!custom' at column 15"),
])
def test_a_tag_on_a_mapping_or_list_is_refused_not_ignored(text: str, line: int, words: str
                                                            ) -> None:
    with pytest.raises(InputError) as info:
        load_document(Path("p.yaml"), text)
    assert str(info.value) == (
        f"p.yaml, line {line}: is not valid YAML: {words}; leave the tag out: sojourn reads no "
        "tag but YAML's own on a single value, such as !!str; expected YAML 'key: value' lines, "
        "nested by indenting with spaces")


def test_yaml_s_own_tags_on_values_mappings_and_lists_are_read() -> None:
    text = "a: !!map {b: !!seq [!!str 1, !!int 2]}\n"
    assert load_document(Path("p.yaml"), text)[0] == {"a": {"b": ["1", 2]}}


@pytest.mark.parametrize(("name", "text", "words"), [
    ("p.yaml", "version: 1\nrec: &r [*r]\n", "holds a YAML alias inside its own anchor"),
    ("p.json", '{"a": ' * 5000 + "1" + "}" * 5000, "nests too deeply"),
    ("p.yaml", "version: " + "1" * 5000 + "\n", "line 1: is not valid YAML: '111"),
    ("p.yaml", "version: " + "1" * 5000 + "\n", "' has more than 4,300 digits, more than sojourn"),
    # Python's words told the reader to call sys.set_int_max_str_digits()
    ("p.json", '{"version": ' + "1" * 5000 + "}", "p.json: holds a number that has more than 4,3"),
    # aliases of aliases: eight lines that expand into 10**8 values (it ran for minutes)
    ("p.yaml", "x0: &x0 [a, a, a, a, a, a, a, a, a, a]\n" + "".join(
        f"x{i}: &x{i} [{', '.join([f'*x{i - 1}'] * 10)}]\n" for i in range(1, 8)),
     "holds more than 200,000 values (aliases of aliases?) at column 34; expected YAML"),
])
def test_documents_python_cannot_hold_are_refused_as_input(name: str, text: str,
                                                           words: str) -> None:
    # each of these ended in an internal error (RecursionError, ValueError)
    with pytest.raises(InputError) as info:
        load_document(Path(name), text)
    assert words in str(info.value)
