"""Run every broken input of tests/corpus through the real CLI and check what it says.

The cases live in tests/corpus/expected.yaml (its header documents the format). Each error
line on stderr must name the file, the line, the field, the bad value and the accepted form;
nothing may end in a traceback; a failed command prints nothing on stdout.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from sojourn._structured import load_document
from sojourn.cli.app import app

CORPUS = Path(__file__).parent / "corpus"
MANIFEST = CORPUS / "expected.yaml"
# No colours, no wrapping: the output is compared as plain lines.
ENV: dict[str, str | None] = {"NO_COLOR": "1", "FORCE_COLOR": None, "TTY_COMPATIBLE": None,
                              "COLUMNS": "400"}


def _manifest() -> dict[str, Any]:
    doc, _ = load_document(MANIFEST, MANIFEST.read_text(encoding="utf-8"))
    assert isinstance(doc, dict)
    return doc


MANIFEST_DOC = _manifest()
CASES: dict[str, dict[str, Any]] = MANIFEST_DOC["cases"]
DEFAULT_ARGS: list[str] = MANIFEST_DOC["defaults"]["args"]


def run(args: list[str]) -> Result:
    return CliRunner(env=ENV).invoke(app, args)


def _args(case: dict[str, Any], path: Path) -> list[str]:
    return [str(path) if a == "{file}" else str(a) for a in case.get("args", DEFAULT_ARGS)]


def _where(case_path: Path, expected: dict[str, Any]) -> str:
    """The text that starts the expected problem: file, line and field, as Problem prints."""
    named = expected.get("file")
    if named is None:
        head = str(case_path)
    elif str(named).startswith("--"):
        head = str(named)
    else:
        head = str(case_path / str(named))
    if expected.get("line") is not None:
        head += f", line {expected['line']}"
    if expected.get("field"):
        head += f", field '{expected['field']}'"
    return head + ":"


def _lines(text: str, tag: str) -> list[str]:
    """The messages of one kind on stderr: 'error: A\\n  B' gives [A, B]."""
    out: list[str] = []
    current = False
    for raw in text.splitlines():
        if raw.startswith(f"{tag}: "):
            current = True
            out.append(raw[len(tag) + 2:])
        elif current and raw.startswith("  "):
            out.append(raw.strip())
        elif raw.strip():
            current = False
    return out


def _match(case_path: Path, expected: list[dict[str, Any]], got: list[str], what: str) -> None:
    pool = list(got)
    for want in expected:
        head = _where(case_path, want)
        words = [str(w) for w in want.get("words", [])]
        found = next((line for line in pool
                      if line.startswith(head) and all(w in line for w in words)), None)
        if found is None:
            near = [line for line in pool if line.startswith(head)]
            missing = [w for w in words if near and w not in near[0]]
            raise AssertionError(
                f"no {what} line starting {head!r} with {words}"
                + (f"; the line {near[0]!r} lacks {missing}" if near else "")
                + "\n" + what + " lines:\n  " + "\n  ".join(got))
        pool.remove(found)
    assert not pool, f"unexpected {what} lines:\n  " + "\n  ".join(pool)


@pytest.mark.parametrize("name", sorted(CASES))
def test_corpus_case(name: str) -> None:
    case = CASES[name]
    path = (CORPUS / case["file"]).resolve()
    result = run(_args(case, path))
    everything = result.stdout + result.stderr
    code = case.get("exit", 2)

    assert "Traceback" not in everything
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{type(result.exception).__name__}: {result.exception}")
    assert result.exit_code == code, (
        f"exit {result.exit_code}, expected {code}\nstdout: {result.stdout}\n"
        f"stderr: {result.stderr}")

    _match(path, case.get("problems", []), _lines(result.stderr, "error"), "error")
    _match(path, case.get("warnings", []), _lines(result.stderr, "warning"), "warning")
    for text in case.get("absent", []):
        assert str(text) not in everything, f"{text!r} was echoed"

    if code == 2:
        assert result.stdout == ""
        assert result.stderr.startswith("error: ")
        return
    if "answer" in case or "same_answer_as" in case:
        answer = json.loads(result.stdout)
        for key, value in case.get("answer", {}).items():
            assert answer[key] == value, f"{key}: {answer[key]!r}, expected {value!r}"
        if "same_answer_as" in case:
            other = (CORPUS / case["same_answer_as"]).resolve()
            twin = run(_args(case, other))
            assert twin.exit_code == 0, twin.stderr
            assert twin.stderr == ""
            theirs = json.loads(twin.stdout)
            assert {k: v for k, v in answer.items() if k != "warnings"} == {
                k: v for k, v in theirs.items() if k != "warnings"}


def test_every_corpus_file_has_a_case() -> None:
    """A file added to the corpus without a case in expected.yaml would test nothing."""
    named = {Path(c["file"]).parts[:2] for c in CASES.values()}
    named |= {Path(c["same_answer_as"]).parts[:2] for c in CASES.values() if "same_answer_as" in c}
    named.add(("history", "valid.csv"))  # the history used by the option cases
    on_disk = {p.relative_to(CORPUS).parts[:2] for p in CORPUS.rglob("*")
               if p.is_file() and p != MANIFEST}
    assert on_disk - named == set()


# ---- bounded output -------------------------------------------------------------------------

LONG = "9" * 5000


def _bounded(result: Result, value: str) -> None:
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == ""
    assert value[:100] not in result.stderr, "a long value was echoed whole"
    assert len(result.stderr) < 2000, f"{len(result.stderr)} characters of error output"


@pytest.mark.parametrize("column", ["country", "entry", "exit"])
def test_long_csv_value_is_cut(tmp_path: Path, column: str) -> None:
    cells = {"country": "KZ", "entry": "2023-01-01", "exit": "2023-02-01", column: LONG}
    path = tmp_path / "long.csv"
    path.write_text("country,entry,exit\n" + ",".join(cells.values()) + "\n", encoding="utf-8")
    _bounded(run(["status", str(path), "--rule", "rolling:90/180", "--on", "2023-06-01"]), LONG)


def test_long_unknown_key_is_cut(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    path.write_text(f"trips: []\n{LONG}: x\n", encoding="utf-8")
    _bounded(run(["status", str(path), "--rule", "rolling:90/180", "--on", "2023-06-01"]), LONG)


def test_long_header_is_cut(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text(f"{LONG}\nKZ,2023-01-01,2023-02-01\n", encoding="utf-8")
    _bounded(run(["status", str(path), "--rule", "rolling:90/180", "--on", "2023-06-01"]), LONG)


@pytest.mark.parametrize("option", ["--on", "--rule"])
def test_long_option_value_is_cut(option: str) -> None:
    args = {"--on": "2023-06-01", "--rule": "rolling:90/180"}
    args[option] = LONG
    history = str(CORPUS / "history" / "valid.csv")
    _bounded(run(["status", history, *[x for kv in args.items() for x in kv]]), LONG)


def test_many_bad_lines_are_all_reported(tmp_path: Path) -> None:
    """Every bad line is named (nothing hidden), each on one line of its own."""
    path = tmp_path / "many.csv"
    rows = [f"KZ,2023-01-{d:02d}x,2023-02-01" for d in range(1, 21)]
    path.write_text("country,entry,exit\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = run(["status", str(path), "--rule", "rolling:90/180", "--on", "2023-06-01"])
    assert result.exit_code == 2
    errors = _lines(result.stderr, "error")
    assert len(errors) == 20
    assert [int(m[1]) for e in errors if (m := re.search(r", line (\d+),", e))] == list(
        range(2, 22))


def test_builtin_pack_validates() -> None:
    result = run(["rules", "validate"])
    assert result.exit_code == 0, result.stderr
    assert "no problems." in result.stdout
    assert result.stderr == ""  # no overlap or gap, by default or under any --assume
