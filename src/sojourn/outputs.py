"""Output files: checked before any work is done, written whole or not at all."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sojourn.errors import InputError, Problem


def check_output(path: Path, option: str, example: str) -> None:
    """Refuse an output path that cannot be written, before any work is done."""
    form = f"a file path in an existing directory, e.g. {option} {example}"
    try:
        path = target(path)
        kind = path.stat().st_mode if path.exists() else None
        parent = path.parent if str(path.parent) else Path()
        parent_is_dir = parent.is_dir()
    except OSError as exc:  # a name longer than the system allows, say
        raise InputError(Problem(option, None, None, str(path), "cannot be used as a file name "
                                 f"({exc.strerror or exc})", form)) from None
    if kind is not None and stat.S_ISDIR(kind):
        raise InputError(Problem(option, None, None, str(path), "is a directory", form))
    if kind is not None and not stat.S_ISREG(kind):
        # renaming a finished output over a pipe or a device would replace it with a file
        raise InputError(Problem(option, None, None, str(path),
                                 "is not a regular file (a pipe, device or socket)", form))
    if not parent_is_dir:
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
    if kind is not None and not os.access(path, os.W_OK):
        raise InputError(Problem(option, None, None, str(path),
                                 "is a file that cannot be replaced (read-only)",
                                 "a writable file, or a new file name"))


def target(path: Path) -> Path:
    """The file an output named ``path`` is written to: a symbolic link's target, so that the
    link stays and the file it points to gets the output, as a shell redirection would."""
    try:
        return path.resolve() if path.is_symlink() else path
    except RuntimeError as exc:  # Python 3.11 says a symbolic link loop so, not by OSError
        raise OSError(errno.ELOOP, str(exc)) from None


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary name next to ``path``, renamed to ``path`` only if the block completes.

    An interrupted or failed run removes the temporary file and leaves ``path`` untouched, so a
    reader never sees a half-written output. A symbolic link is written through (:func:`target`).

    A new output is readable by its owner alone (mkstemp's mode 0600): the outputs hold
    personal data. One that replaces a file keeps that file's permissions, which its owner
    chose."""
    path = target(path)
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
