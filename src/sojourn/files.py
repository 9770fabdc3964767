"""Input files: what a path names, checked before it is opened.

Only a regular file is read, reached directly or through symbolic links. Anything else is
refused by what it is: a named pipe would be waited on for ever (opening one blocks until
something writes to it), a device such as /dev/zero read until memory runs out, and a symbolic
link that loops cannot be followed at all.
"""

from __future__ import annotations

import errno
import shlex
import stat
from collections.abc import Collection
from pathlib import Path

from sojourn.errors import InputError, Problem, plain

_KINDS = (  # (test of a file's mode, what a file of that kind is)
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


NUL_IN_NAME = "holds a NUL character, which no file name can hold"


def not_a_file(path: Path, missing: str = "file not found") -> str | None:
    """Why ``path`` cannot be read as a file (``missing`` when nothing is there), or None when
    it names a regular file, directly or through symbolic links."""
    if "\0" in str(path):  # no system call takes it (os.stat raises ValueError)
        return NUL_IN_NAME
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
    if stat.S_ISREG(mode):
        return None
    what = next((kind for test, kind in _KINDS if test(mode)), "no regular file")
    link = f"is a symbolic link to {_end_of(path)}, " if path.is_symlink() else "is "
    return f"{link}{what}, not a regular file"


def check_file(path: Path, expected: str | None = None, missing: str = "file not found"
               ) -> None:
    """Refuse ``path`` unless it names a regular file (:func:`not_a_file`), naming the path,
    what it is, and ``expected``."""
    why = not_a_file(path, missing)
    if why is not None:
        raise InputError(Problem(str(path), None, None, None, why, expected))


def typed_file(path: Path, suffixes: Collection[str], expected: str, kind: str) -> str:
    """The lower-case name ending of ``path`` when it is one of ``suffixes`` (the type of
    file it names); else an InputError saying why it is none: "-" (which sojourn does not read
    as standard input), a path that is no regular file, a name with no ending or another one.
    ``kind`` names the files accepted: 'a history file'."""
    suffix = path.suffix.lower()
    if suffix in suffixes:
        return suffix
    name = str(path)
    if name == "-":  # as many tools spell standard input: told, not looked for as a file
        raise InputError(Problem(name, None, None, None, "stands for standard input, which "
                                 "sojourn does not read: name the file itself", expected))
    # a directory or a device given for a file is told as such: "'(none)' is not a history
    # file type" sent the reader looking for a name's ending
    why = not_a_file(path, missing="")
    if why:
        raise InputError(Problem(name, None, None, None, why, expected))
    if not path.suffix:
        raise InputError(Problem(name, None, None, None, "has no name ending to tell its type",
                                 expected))
    packed = compressed(path, suffixes)
    if packed:
        raise InputError(Problem(name, None, None, None, packed, expected))
    if workbook(path, suffixes):
        raise InputError(Problem(name, None, None, path.suffix, WORKBOOK, expected))
    raise InputError(Problem(name, None, None, path.suffix, f"is not {kind} type", expected))


# name endings of a compressed file, with the compression's name and the command that gives
# back the file it holds, beside it (-k: and keeps the compressed one)
_COMPRESSIONS = {
    ".gz": ("gzip", "gunzip -k"),
    ".bz2": ("bzip2", "bunzip2 -k"),
    ".xz": ("xz", "unxz -k"),
    ".zst": ("zstd", "unzstd"),
}


def compressed(path: Path, suffixes: Collection[str]) -> str | None:
    """Why ``path``, a compressed file of a type of ``suffixes`` (``log.csv.gz``), is not
    read, and how to get the file it holds; None for any other name. Told as such: "'.gz' is
    not a batch input type" left the reader to guess that the file inside would do."""
    found = _COMPRESSIONS.get(path.suffix.lower())
    inner = path.with_suffix("")
    if found is None or inner.suffix.lower() not in suffixes:
        return None
    how, command = found
    given, held = (plain(shlex.quote(p.name)) for p in (path, inner))
    return (f"is compressed ({how}), and sojourn reads only files that are not; decompress it "
            f"first ({command} {given} gives {held}) and name that file")


# the name endings of spreadsheet workbooks, which an analyst's log often comes as
_WORKBOOKS = (".xlsx", ".xlsm", ".xls", ".ods", ".numbers")


WORKBOOK = ("names a spreadsheet workbook, which sojourn does not read; save its sheet as "
            "CSV UTF-8 (comma delimited), and name that file")


def workbook(path: Path, suffixes: Collection[str]) -> bool:
    """Whether ``path`` is a spreadsheet workbook (``log.xlsx``) given where a CSV file is
    read: told so (:data:`WORKBOOK`), with how to make one."""
    return path.suffix.lower() in _WORKBOOKS and ".csv" in suffixes


def _end_of(link: Path) -> str:
    """Where a chain of symbolic links ends."""
    try:
        return str(link.resolve())
    except (OSError, RuntimeError):  # Python 3.11 says a loop by RuntimeError
        return str(link.readlink())
