"""The ``sojourn`` program's entry point: the app, loaded and run, and a run stopped by a
signal told in one line on stderr, with what became of its outputs.

This module imports nothing heavy at its top, so that a Ctrl-C while the app itself loads
(Polars, Rich and the commands take half a second, more on a busy machine) is caught here
and told as any other, not as a traceback of the import under way."""

from __future__ import annotations

import contextlib
import signal
import sys
from typing import NoReturn

# exit codes of a run stopped by a signal (128 + its number, as a shell reports it), and how
# the message names each: SIGINT is Typer's Exit(130), the others sojourn.cli._shell.terminated
STOPPED_BY = {
    128 + signal.SIGINT: "interrupted (Ctrl-C, SIGINT)",
    128 + signal.SIGTERM: "terminated (SIGTERM)",
    128 + signal.SIGHUP: "hung up (SIGHUP)",
    128 + signal.SIGQUIT: "quit (SIGQUIT)",
}


def main() -> None:
    """Run the app; a run stopped by a signal exits with 128 + its number, after one line."""
    try:
        from sojourn.cli import main as run

        run()
    except KeyboardInterrupt:  # while the app loaded, before it could catch one itself
        stopped(128 + signal.SIGINT)
    except SystemExit as exc:
        if isinstance(exc.code, int) and exc.code in STOPPED_BY:
            stopped(exc.code)
        raise


def stopped(code: int) -> NoReturn:
    """Say that the run was stopped, and whether it wrote its outputs before (a signal that
    arrives while they are renamed into place waits until all are: sojourn.outputs), then exit
    with ``code``. A run stopped before that has written nothing: its temporary files are
    removed, and any earlier output of the same name is as it was."""
    outputs = sys.modules.get("sojourn.outputs")  # not loaded: nothing was written
    written = list(getattr(outputs, "RENAMED", ()))
    if written:
        from sojourn.errors import plain

        done = " once its outputs were written whole: " + ", ".join(plain(str(p))
                                                                     for p in written)
    else:
        done = "; no output file was written or changed"
    # a hung-up terminal, or a closed stderr, takes no message: the exit code still tells it
    if sys.stderr is not None:  # print(file=None) would write it on stdout
        with contextlib.suppress(OSError, ValueError):
            print(f"sojourn: {STOPPED_BY[code]}{done}", file=sys.stderr, flush=True)
    raise SystemExit(code)
