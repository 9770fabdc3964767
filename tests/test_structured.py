"""The YAML reader: libyaml's parser, where PyYAML has it, reads as the pure-Python one does."""

from __future__ import annotations

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
