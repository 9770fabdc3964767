"""The command line as tests run it: the lines a command prints, each stripped, and a failed
command failing the test that ran it."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from sojourn.cli import app

runner = CliRunner()


def run(*args: str) -> list[str]:
    """The lines ``sojourn ARGS`` prints, each stripped; a command that exits other than 0
    fails the test, with what it printed."""
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return [line.strip() for line in result.stdout.splitlines()]


def printed(*args: str) -> str:
    """What ``sojourn ARGS`` prints, whole (test files import it as their ``run``); a command
    that exits other than 0 fails the test, with what it printed."""
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def outcome(*args: str) -> tuple[int, str, str]:
    """``sojourn ARGS``'s exit code, standard output and standard error, whatever the code
    (test files that check refusals import it as their ``run``)."""
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def printed_json(*args: str) -> Any:
    """The JSON ``sojourn ARGS`` prints, read."""
    return json.loads(printed(*args))
