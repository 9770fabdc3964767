"""A run stopped by Ctrl-C or another signal, as the ``sojourn`` program (sojourn.launch)
tells it: one line on stderr saying what became of the outputs, the exit code of the signal,
and never a traceback, even while the app is still loading."""

from __future__ import annotations

import importlib.abc
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import sojourn.outputs
from sojourn import launch
from sojourn.cli._shell import terminated

ROOT = Path(__file__).resolve().parents[2]
STAYS = str(ROOT / "examples" / "crossings.csv")


@pytest.fixture(autouse=True)
def a_process_of_its_own(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """What the program's main changes in its process (signal handlers, sys.stdout), put back
    afterwards; and no output renamed by an earlier test in this one."""
    handlers = {number: signal.getsignal(number) for number in sojourn.outputs.STOPPING}
    monkeypatch.setattr(sys, "stdout", sys.stdout)
    monkeypatch.setattr(sojourn.outputs, "RENAMED", [], raising=False)
    yield
    for number, handler in handlers.items():
        signal.signal(number, handler)


def run_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """``sojourn batch`` of the example log into ``tmp_path`` as the program runs it: its
    exit code."""
    monkeypatch.setattr(sys, "argv", [
        "sojourn", "batch", STAYS, "--country", "KZ", "--on", "2023-03-01",
        "--out", str(tmp_path / "persons.parquet")])
    with pytest.raises(SystemExit) as exited:
        launch.main()
    return int(exited.value.code or 0)


def test_ctrl_c_in_the_middle_of_a_run_says_that_nothing_was_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sojourn.batch.job as job

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    earlier = tmp_path / "persons.parquet"
    earlier.write_bytes(b"an earlier run's table")
    monkeypatch.setattr(job, "process", interrupted)
    assert run_batch(tmp_path, monkeypatch) == 130
    err = capsys.readouterr().err
    assert err == ("sojourn: interrupted (Ctrl-C, SIGINT); no output file was written or "
                   "changed\n")
    assert list(tmp_path.iterdir()) == [earlier]
    assert earlier.read_bytes() == b"an earlier run's table"


def test_a_signal_once_the_outputs_are_renamed_says_they_were_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sojourn.batch.job as job

    write_whole = job.write_whole

    def then_terminated(*args: object, **kwargs: object) -> None:
        # a SIGTERM that came while the outputs were renamed is delivered once all are
        write_whole(*args, **kwargs)  # type: ignore[arg-type]
        terminated(signal.SIGTERM, None)

    monkeypatch.setattr(job, "write_whole", then_terminated)
    assert run_batch(tmp_path, monkeypatch) == 143
    err = capsys.readouterr().err
    persons, rejects = tmp_path / "persons.parquet", tmp_path / "persons.rejects.parquet"
    assert err == (f"sojourn: terminated (SIGTERM) once its outputs were written whole: "
                   f"{persons}, {rejects}\n")
    assert persons.is_file() and rejects.is_file()


class Interrupting(importlib.abc.MetaPathFinder):
    """Ctrl-C pressed while ``sojourn.cli`` is being imported."""

    def find_spec(self, name: str, *args: object) -> None:
        if name == "sojourn.cli":
            raise KeyboardInterrupt


def test_ctrl_c_while_the_app_loads_is_one_line_not_a_traceback(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delitem(sys.modules, "sojourn.cli")
    monkeypatch.setattr(sys, "meta_path", [Interrupting(), *sys.meta_path])
    monkeypatch.setattr(sys, "argv", ["sojourn", "status", "examples/history.csv"])
    try:
        launch.main()
    except SystemExit as exited:
        assert exited.code == 130
    except KeyboardInterrupt:  # it would stop pytest itself
        pytest.fail("Ctrl-C while the app loads escaped, to be printed as a traceback")
    assert capsys.readouterr().err == ("sojourn: interrupted (Ctrl-C, SIGINT); no output file "
                                       "was written or changed\n")


def test_the_program_runs_the_app_through_the_launcher() -> None:
    # the console script is what a user runs: it must be the launcher, whose main catches a
    # Ctrl-C while the app loads, not the app's own main
    import tomllib

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["sojourn"] == "sojourn.launch:main"
