"""The ``sojourn`` app, with which each command's module registers its command, and ``main``,
which runs it as a process."""

from __future__ import annotations

import signal
import sys

from sojourn.cli._click import SojournGroup, SojournTyper
from sojourn.cli._shell import Watched, escaping, internal, stdout_failed, terminated
from sojourn.outputs import STOPPING

app = SojournTyper(
    name="sojourn",
    help="How long may I stay, what must I do by when: stay rules as dated, sourced data.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals would print travel histories
    add_completion=False,
    cls=SojournGroup,
)


def main() -> None:
    """Entry point: run the app, turning any unexpected failure into a message, not a trace."""
    for number in STOPPING:
        # Ctrl-C is Python's KeyboardInterrupt already; one ignored (nohup) stays ignored
        if number != signal.SIGINT and signal.getsignal(number) != signal.SIG_IGN:
            signal.signal(number, terminated)
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            escaping(stream)
    if sys.stdout is not None:  # None when started with standard output closed
        sys.stdout = Watched(sys.stdout)
    try:
        try:
            app()
        finally:  # what is still buffered is written now, while a failure can be told
            if sys.stdout is not None:
                sys.stdout.flush()
    except SystemExit:
        raise
    except OSError as exc:
        if Watched.failed is not None:
            stdout_failed(Watched.failed)
        internal(exc)
    except Exception as exc:  # a bug: say so briefly, without locals or a traceback
        internal(exc)
    except (KeyboardInterrupt, GeneratorExit):
        raise
    except BaseException as exc:  # a panic: pyo3 (polars) raises PanicException, no Exception
        internal(exc)
