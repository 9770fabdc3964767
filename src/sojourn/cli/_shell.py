"""The process around the app: signals that end a run as Ctrl-C does, a standard output
that takes not all of the answer, characters its encoding lacks, and a bug told in one
line."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from typing import Any, NoReturn

from rich.console import Console


def terminated(signum: int, frame: object) -> NoReturn:
    """SIGTERM (sent by kill, timeout, a container's or CI's cancel), SIGHUP (the terminal
    closed, an SSH session dropped) and SIGQUIT (Ctrl-\\) end the run as Ctrl-C does: by an
    exception, so that outputs being written are removed, not left half-written (or whole,
    under a hidden name), with exit code 128 + the signal's number."""
    raise SystemExit(128 + signum)


class Watched:
    """Standard output (or its byte stream) as the commands write to it, noting a write that
    fails, so that a full disk or a device that takes nothing (``> /dev/full``) is told as
    such, not as a bug. Everything else is the stream's own."""

    failed: OSError | None = None  # the first failed write, on either stream

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, data: Any) -> Any:
        return self._guard(self._stream.write, data)

    def flush(self) -> None:
        self._guard(self._stream.flush)

    @property
    def buffer(self) -> Watched:
        return Watched(self._stream.buffer)

    def _guard(self, call: Callable[..., Any], *args: Any) -> Any:
        try:
            return call(*args)
        except OSError as exc:
            Watched.failed = Watched.failed or exc
            raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def stdout_failed(exc: OSError) -> NoReturn:
    """Say that standard output took not all of the answer, and exit 2. Its descriptor is
    pointed at /dev/null first, so that Python's last flush on exit cannot fail again."""
    import errno
    import os

    why = exc.strerror or os.strerror(exc.errno or errno.EIO)
    Console(stderr=True, soft_wrap=True).print(
        f"[red]error:[/red] standard output cannot be written ({why}); what it shows is "
        "incomplete; expected standard output to a terminal, a pipe, or a file on a disk with "
        "room for it (`report` writes a file itself with -o FILE)", highlight=False)
    with contextlib.suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    sys.exit(2)


_ESCAPE = "sojourn.escape"


def _json_escape(exc: UnicodeError) -> tuple[str, int]:
    """A character the stream's encoding lacks, written as JSON escapes it: \\u2014, an astral
    one as its two UTF-16 halves. Chosen over "replace", whose ? loses the character and looks
    like a real ?, and over "backslashreplace", whose \\xe9 and \\U0001f600 are no JSON: any
    character outside ASCII in a JSON answer is in a string, where \\u2014 reads back as the
    character itself, and in text it still tells exactly what was meant."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    # surrogatepass: a lone surrogate (a file name's undecodable byte) is escaped too
    units = exc.object[exc.start:exc.end].encode("utf-16-be", "surrogatepass")
    escaped = "".join(f"\\u{units[i]:02x}{units[i + 1]:02x}" for i in range(0, len(units), 2))
    return escaped, exc.end


def escaping(stream: Any) -> None:
    """Let ``stream`` print every answer whatever its encoding (PYTHONIOENCODING=ascii, a C
    locale without UTF-8): a character it cannot encode is escaped, not the end of the run
    halfway through the answer."""
    import codecs

    try:
        codecs.lookup_error(_ESCAPE)
    except LookupError:
        codecs.register_error(_ESCAPE, _json_escape)
    with contextlib.suppress(AttributeError, ValueError, OSError):  # not a text file, closed
        stream.reconfigure(errors=_ESCAPE)


def internal(exc: BaseException) -> NoReturn:
    print(f"sojourn: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
    sys.exit(1)
