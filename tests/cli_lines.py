"""The command line as tests run it: the lines a command prints, each stripped, and a failed
command failing the test that ran it."""

from __future__ import annotations

from typer.testing import CliRunner

from sojourn.cli import app

runner = CliRunner()


def run(*args: str) -> list[str]:
    """The lines ``sojourn ARGS`` prints, each stripped; a command that exits other than 0
    fails the test, with what it printed."""
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return [line.strip() for line in result.stdout.splitlines()]
