"""The Dask engine's work directory: made for a run, removed at its end, and removed by a later
run when its client was killed before it could remove it itself. It holds the run's rows
(partition files, a CSV input's copy): everything in it is its owner's alone, directories
0700 and files 0600, whatever the umask (:func:`owner_only`).

A run's directory, ``.sojourn-dask-*``, holds a file naming its client (:data:`OWNER`): the
client's process id, when that process started, and the host it ran on (its name, its boot and
its pid namespace, since a process id names a process only there). A run removes the
directories beside its own whose client is known to be dead: made on this host, by a process
that no longer runs (or whose id another process has since taken). Any other is kept: one whose
client runs (a run going on), one made on another host (which this one cannot ask), one with no
such file (made by an older version, or this instant), one that is not the user's own.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sojourn.errors import UsageError, causes
from sojourn.processes import gone, started, this_host

PREFIX = ".sojourn-dask-"
OWNER = "client.json"


@contextlib.contextmanager
def work_directory(parent: Path | None) -> Iterator[Path]:
    """A fresh directory for the run's files in ``parent`` (default: the system's temporary
    directory), removed when the run ends, however it ends; those that killed clients left
    there are removed first."""
    where = (parent or Path(tempfile.gettempdir())).resolve()
    if not where.is_dir():
        raise UsageError(f"work directory {where} does not exist; expected an existing "
                         "directory shared by the client and all workers")
    remove_stale(where)
    with owner_only():
        work = Path(tempfile.mkdtemp(prefix=PREFIX, dir=where))  # mode 0700
        try:
            _name_owner(work)
            yield work
        except Exception as exc:
            if not no_space(exc):
                raise
            # whoever wrote there (the client, a task on a worker), the run's files filled it
            raise UsageError(f"work directory {where}: no space left on its device; nothing "
                             "was written; expected free space there (the directory of --out) "
                             "for a copy of the input's rows and their outputs") from None
        finally:
            shutil.rmtree(work, ignore_errors=True)


def _name_owner(work: Path) -> None:
    """Write :data:`OWNER` in ``work``, whole (written under another name, then renamed): a
    client killed as it wrote it left it empty, which no later run could read, so none removed
    the directory."""
    text = json.dumps(_owner(os.getpid()))
    partial = work / f".{OWNER}.partial"
    with os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as file:
        file.write(text)
    partial.rename(work / OWNER)


def no_space(exc: BaseException) -> bool:
    """Whether ``exc``, or an error it arose from, says its device is full: an OSError of
    ENOSPC, or an error of polars, which names the system's error in its message only."""
    return any((isinstance(e, OSError) and e.errno == errno.ENOSPC)
               or f"(os error {errno.ENOSPC})" in str(e) for e in causes(exc))


@contextlib.contextmanager
def owner_only() -> Iterator[None]:
    """The process's umask 077 while the block runs, the previous one after: every file and
    directory made meanwhile is its owner's alone from the moment it exists, as the work
    directory's rows must be, whoever makes them (polars' copy of a CSV input, Dask's scratch
    space, and the local cluster's workers, which inherit the mask as they start). The mask is
    the whole process's: files another thread makes meanwhile are made so too."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def remove_stale(where: Path) -> list[Path]:
    """Remove the run directories in ``where`` whose clients are dead (see the module's
    docstring); return them."""
    host = this_host()
    removed = []
    with os.scandir(where) as entries:
        for entry in entries:
            if (entry.name.startswith(PREFIX) and entry.is_dir(follow_symlinks=False)
                    and entry.stat(follow_symlinks=False).st_uid == os.geteuid()
                    and _orphaned(Path(entry.path), host)):
                shutil.rmtree(entry.path, ignore_errors=True)
                removed.append(Path(entry.path))
    return removed


def _orphaned(work: Path, host: str) -> bool:
    """Whether the client named in ``work`` ran on ``host`` and runs no more."""
    try:
        owner = json.loads((work / OWNER).read_text())
        pid, start = owner["pid"], owner["started"]
        if owner["host"] != host or not isinstance(pid, int) or pid <= 0 or start is None:
            return False
    except (OSError, ValueError, TypeError, KeyError):  # no such file, or not one of ours
        return False
    return gone(pid, start)


def _owner(pid: int) -> dict[str, object]:
    return {"pid": pid, "started": started(pid), "host": this_host()}
