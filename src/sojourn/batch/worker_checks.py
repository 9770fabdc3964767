"""What the Dask engine's client requires of the workers its tasks run on, and how it checks it.

Every worker must run the client's sojourn (:func:`code_digest`) and see the input and the
run's work directory at the client's paths. The client asks every worker when the run starts
(:func:`check_same_code`, :func:`check_shared`), and every task asks its own worker again
before it reads a row (:func:`admit`): a worker that joined later (a cluster that grows, a
worker its nanny restarted in another environment) is held to the same terms, and the run is
refused with the same message as at the start, naming that worker.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from hashlib import sha256
from importlib import metadata
from pathlib import Path

from distributed import Client, get_worker

from sojourn.errors import UsageError

CODE = Path(__file__).resolve().parents[1]  # the sojourn package: its code and built-in pack
# packages whose version can change an answer: the public holidays behind working-day
# deadlines, and the engine that evaluates
ANSWERING_PACKAGES = ("holidays", "polars")


class OtherCode(Exception):
    """Raised by a task on a worker whose sojourn is not the client's."""

    def __init__(self, address: str) -> None:
        super().__init__(address)
        self.address = address


class NotShared(Exception):
    """Raised by a task on a worker that does not see the input or the work directory."""

    def __init__(self, address: str) -> None:
        super().__init__(address)
        self.address = address


def code_digest() -> str:
    """A digest of this installation of sojourn: every module and pack file under the
    package, by path and content, and the versions of :data:`ANSWERING_PACKAGES`. Workers
    must run the code the client runs: another version could evaluate otherwise and its
    output be mixed with the client's. Computed once per process (every task asks for it)."""
    return _digest(CODE)


@functools.cache
def _digest(code: Path) -> str:
    digest = sha256()
    for package in ANSWERING_PACKAGES:
        digest.update(f"{package}=={metadata.version(package)};".encode())
    for file in sorted(code.rglob("*")):
        if file.suffix in (".py", ".yaml", ".yml", ".json") and "__pycache__" not in file.parts:
            digest.update(str(file.relative_to(code)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def check_same_code(client: Client) -> str:
    """Refuse a cluster whose workers cannot import sojourn or run another version of it;
    return the client's digest, for the tasks to check their workers by (:func:`admit`)."""
    try:
        seen = client.run(code_digest)
    except Exception as exc:  # what a worker raised, of any kind, is the reason
        raise UsageError(f"the Dask workers cannot run sojourn ({type(exc).__name__}: {exc}); "
                         "expected the same version of sojourn installed on every worker as "
                         "on the client") from None
    mine = code_digest()
    other = [address for address, digest in seen.items() if digest != mine]
    if other:
        raise other_code(other)
    return mine


def check_shared(client: Client, path: str, work: Path) -> None:
    """Refuse a cluster whose workers do not see the input at ``path`` and the directory
    ``work``."""
    seen = client.run(_sees, path, str(work))
    blind = [address for address, ok in seen.items() if not ok]
    if blind:
        raise not_shared(blind, path, work)


def admit(digest: str, path: str, work: str) -> None:
    """Run by every task before it reads a row: raise OtherCode unless this worker's code
    digest is the client's ``digest``, NotShared unless it sees the input at ``path`` and the
    directory ``work``; the client turns either into the start check's refusal."""
    if code_digest() != digest:
        raise OtherCode(get_worker().address)
    if not _sees(path, work):
        raise NotShared(get_worker().address)


def other_code(addresses: Iterable[str]) -> UsageError:
    return UsageError(f"workers {', '.join(sorted(addresses))} run another version of sojourn "
                      "than the client (its code or built-in pack differ); expected the same "
                      "version installed on every worker as on the client")


def not_shared(addresses: Iterable[str], path: str, work: Path) -> UsageError:
    return UsageError(f"workers {', '.join(sorted(addresses))} do not see {path} or the work "
                      f"directory {work}; expected the input and the directory of --out on a "
                      "file system shared by the client and every worker, at the same paths, "
                      "writable by the workers' user")


def _sees(path: str, work: str) -> bool:
    return Path(path).is_file() and Path(work).is_dir() and os.access(work, os.W_OK)
