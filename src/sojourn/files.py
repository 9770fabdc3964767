"""Input files: what a path names, checked before it is opened, so that a symbolic link
that loops or leads nowhere is told as such."""

from __future__ import annotations

import errno
import stat
from pathlib import Path

from sojourn.errors import InputError, Problem


def not_a_file(path: Path, missing: str = "file not found") -> str | None:
    """Why ``path`` cannot be read as a file (``missing`` when nothing is there), or None when
    it names one, directly or through symbolic links."""
    try:
        mode = path.stat().st_mode  # follows symbolic links
    except FileNotFoundError:
        if not path.is_symlink():
            return missing
        return f"is a symbolic link to {_end_of(path)}, which does not exist"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return ("is a symbolic link that loops (following it leads back to itself), not "
                    "a file")
        return f"cannot be read: {exc.strerror or exc}"
    if stat.S_ISDIR(mode):
        return "is a directory, not a regular file"
    return None


def check_file(path: Path, expected: str | None = None, missing: str = "file not found"
               ) -> None:
    """Refuse ``path`` unless it names a file (:func:`not_a_file`), naming the path, what it
    is, and ``expected``."""
    why = not_a_file(path, missing)
    if why is not None:
        raise InputError(Problem(str(path), None, None, None, why, expected))


def _end_of(link: Path) -> str:
    """Where a chain of symbolic links ends."""
    try:
        return str(link.resolve())
    except (OSError, RuntimeError):  # Python 3.11 says a loop by RuntimeError
        return str(link.readlink())
