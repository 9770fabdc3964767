"""Which process left a file behind, and whether it has ended: a process id names a process
only on its host (its name, its boot, its pid namespace) and only while that process runs, so
a writer is named by its id, its start time and its host. Used to remove what a writer killed
before it could clean up left: the Dask engine's work directories, outputs' temporary files."""

from __future__ import annotations

import os
import socket
from pathlib import Path


def this_host() -> str:
    """This host as its processes' ids are valid on: its name, its boot, its pid namespace."""
    parts = [socket.gethostname()]
    for read, path in ((Path.read_text, Path("/proc/sys/kernel/random/boot_id")),
                       (os.readlink, Path("/proc/self/ns/pid"))):
        try:
            parts.append(str(read(path)).strip())
        except OSError:  # a system without them: the name alone
            parts.append("")
    return " ".join(parts)


def started(pid: int) -> str | None:
    """When process ``pid`` started (clock ticks since boot, Linux's /proc), or None."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # the command name, in parentheses, may hold spaces and parentheses of its own
    fields = stat[stat.rindex(")") + 2:].split()
    return fields[19] if len(fields) > 19 else None


def gone(pid: int, start: str | None) -> bool:
    """Whether the process ``pid`` of this host, started at ``start`` (None: not known), has
    ended: no process has the id, or one that started at another time has it now."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # another user's process has the id now, or the writer still runs
        pass
    now = started(pid)
    return start is not None and now is not None and now != start
