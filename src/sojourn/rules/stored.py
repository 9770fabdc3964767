"""A checked rule pack kept on disk between runs, so a command does not parse and check the
same YAML again each time it starts (about a third of a second of every command's time).

An entry is found by a key made of everything the loaded pack follows from: the bytes of every
rule file and their paths (a problem or a rule's source is told by path), the names of the
files skipped, and the code that parses and checks them (every module of sojourn, by content,
with the versions of Python, pydantic, PyYAML and holidays). Any change to any of these is a
new key, so an entry is never stale, only unused; the few used last are kept. Only a pack
that loaded without a problem is stored: a pack's errors are always found afresh. An entry
that cannot be read is loaded anew; a cache that cannot be written is left alone.
``SOJOURN_CACHE_DIR`` names the directory (the user's cache directory by default); set to an
empty value, nothing is read or written.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import platform
import sys
import tempfile
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import TypeVar

import pydantic
import yaml
from holidays.version import __version__ as holidays_version

T = TypeVar("T")

CACHE_ENV = "SOJOURN_CACHE_DIR"
KEPT = 8  # entries kept: a few packs (the built-in one, one's own) and code versions
_FORMAT = b"sojourn pack cache 1"


def cache_dir() -> Path | None:
    """Where entries live: ``SOJOURN_CACHE_DIR``, else ``$XDG_CACHE_HOME/sojourn``, else
    ``~/.cache/sojourn``; None when ``SOJOURN_CACHE_DIR`` is set empty (no cache)."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "sojourn"


@cache
def _code_fingerprint() -> bytes:
    """The parsing code's identity: every module of the installed sojourn, by content."""
    digest = hashlib.sha256(_FORMAT)
    # the libraries a loaded pack follows from: pydantic validates it, PyYAML (with libyaml or
    # without) parses it, and holidays' calendars are what its decrees' warnings are weighed
    # against
    digest.update(f"{sys.version}|{platform.machine()}|pydantic {pydantic.VERSION}|"
                  f"yaml {yaml.__version__} {yaml.__with_libyaml__}|"
                  f"holidays {holidays_version}".encode())
    package = Path(__file__).resolve().parent.parent
    for module in sorted(package.rglob("*.py")):
        digest.update(str(module.relative_to(package)).encode() + b"\0")
        digest.update(module.read_bytes() + b"\0")
    return digest.digest()


def _key(root: str, files: Sequence[Path], skipped: Sequence[Path]) -> str | None:
    """The entry's name for this pack, or None when a rule file cannot be read (the loader
    then reports it, and nothing is stored)."""
    digest = hashlib.sha256(_code_fingerprint())
    digest.update(root.encode() + b"\0")
    try:
        for path in files:
            body = path.read_bytes()
            digest.update(f"{path}\0{len(body)}\0".encode() + body)
    except OSError:
        return None
    for path in skipped:
        digest.update(f"skipped {path}\0".encode())
    return f"pack-{digest.hexdigest()[:40]}.pickle"


def stored(root: str, files: Sequence[Path], skipped: Sequence[Path], kind: type[T],
           load: Callable[[], T]) -> T:
    """The pack ``load`` would give, from the cache when an entry for exactly these files and
    this code is there; else ``load()``, stored for the next run. ``load``'s errors pass
    through, and nothing is stored for them."""
    where = cache_dir()
    name = _key(root, files, skipped) if where is not None else None
    if where is None or name is None:
        return load()
    entry = where / name
    try:
        with entry.open("rb") as stream:
            found = pickle.load(stream)
        if isinstance(found, kind):
            with contextlib.suppress(OSError):  # used now: the last to be pruned
                entry.touch()
            return found
    except Exception:  # any entry not read whole (gone, cut short, of old classes) is loaded anew
        pass
    pack = load()
    _store(where, entry, pack)
    return pack


def _store(where: Path, entry: Path, pack: object) -> None:
    """Write the entry under a temporary name and rename it, so a reader never sees half an
    entry; then drop all but the entries used last. A cache that cannot be written is skipped:
    it only saves time, so nothing it fails at (a full disk, an object pickle cannot write)
    may fail the command whose answer is already loaded."""
    try:
        where.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=where, prefix=".pack-", suffix=".part")
        temporary = Path(name)
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(pack, stream, protocol=pickle.HIGHEST_PROTOCOL)
            temporary.replace(entry)
        finally:
            temporary.unlink(missing_ok=True)
        _prune(where)
    except Exception:  # see above: the answer does not depend on the cache
        pass


def _prune(where: Path) -> None:
    """Keep the KEPT entries written or used last (an entry read is touched)."""
    entries = []
    for path in where.glob("pack-*.pickle"):
        try:
            entries.append((path.stat().st_mtime_ns, path))
        except OSError:  # removed by another run meanwhile
            continue
    for _, path in sorted(entries, reverse=True)[KEPT:]:
        path.unlink(missing_ok=True)
