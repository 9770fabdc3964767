"""An output that would replace the input, or another output, by a name no path comparison
shows: a hard link (and so a bind mount, or a file system that ignores case, which reach one
file by two paths)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sojourn.cli import app

ROOT = Path(__file__).resolve().parents[2]
STAYS = ROOT / "examples" / "crossings.csv"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stderr


def test_an_output_that_is_a_second_name_of_the_input_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # short names: a message cuts a value to 60 characters
    log = Path("log.csv")
    log.write_bytes(STAYS.read_bytes())
    other_name = Path("persons.csv")
    os.link(log, other_name)
    code, err = run("batch", str(log), "--country", "KZ", "--on", "2023-03-01",
                    "--out", str(other_name))
    assert code == 2, err
    assert err == (f"error: --out: '{other_name}' is also INPUT; expected a different file for "
                   "each input and output\n")
    assert other_name.read_bytes() == log.read_bytes() == STAYS.read_bytes()
    assert log.samefile(other_name)  # still one file: nothing was written
    code, err = run("flows", str(log), "--from", "2023-01-01", "--to", "2023-01-31",
                    "--out", "flows.csv", "--rejects-out", str(other_name))
    assert code == 2 and "error: --rejects-out: " in err and "is also INPUT" in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.csv", "persons.csv"]


def test_two_outputs_that_are_one_file_are_refused(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    persons = Path("persons.csv")
    persons.write_text("an earlier run's table\n")
    runs = Path("runs.csv")
    os.link(persons, runs)
    code, err = run("batch", str(STAYS), "--country", "KZ", "--on", "2023-03-01",
                    "--out", str(persons), "--violations-out", str(runs))
    assert code == 2 and f"--violations-out: '{runs}' is also --out" in err, err
    assert persons.read_text() == runs.read_text() == "an earlier run's table\n"
