"""Output files: checked before any work is done, written whole or not at all."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sojourn.errors import InputError, Problem


def check_output(path: Path, option: str, example: str) -> None:
    """Refuse an output path that cannot be written, before any work is done."""
    form = f"a file path in an existing directory, e.g. {option} {example}"
    if path.is_dir():
        raise InputError(Problem(option, None, None, str(path), "is a directory", form))
    parent = path.parent if str(path.parent) else Path()
    if not parent.is_dir():
        raise InputError(Problem(option, None, None, str(path),
                                 f"is in a directory that does not exist ({parent})", form))
    # Found out now, not after the work: a file is made and removed where the output goes
    # (its temporary name is made there too), and an existing output must be replaceable.
    try:
        fd, probe = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".probe")
        os.close(fd)
        Path(probe).unlink()
    except OSError as exc:
        raise InputError(Problem(option, None, None, str(path),
                                 f"cannot be written: {parent} refuses new files "
                                 f"({exc.strerror or exc})", form)) from None
    if path.exists() and not os.access(path, os.W_OK):
        raise InputError(Problem(option, None, None, str(path),
                                 "is a file that cannot be replaced (read-only)",
                                 "a writable file, or a new file name"))


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary name next to ``path``, renamed to ``path`` only if the block completes.

    An interrupted or failed run removes the temporary file and leaves ``path`` untouched, so a
    reader never sees a half-written output.

    A new output is readable by its owner alone (mkstemp's mode 0600): the outputs hold
    personal data. One that replaces a file keeps that file's permissions, which its owner
    chose."""
    fd, tmp = tempfile.mkstemp(dir=path.parent if str(path.parent) else Path(),
                               prefix=f".{path.name}.", suffix=".partial")
    os.close(fd)
    try:
        yield Path(tmp)
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).chmod(stat.S_IMODE(path.stat().st_mode))
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_bytes_atomically(path: Path, data: bytes) -> None:
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
