"""Output files: checked before any work is done, written whole or not at all."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from sojourn.errors import InputError, Problem
from sojourn.processes import gone, started, this_host


def check_output(path: Path, option: str, example: str) -> None:
    """Refuse an output path that cannot be written, before any work is done."""
    form = f"a file path in an existing directory, e.g. {option} {example}"
    try:
        path = target(path, option)
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
        blocking = _not_a_directory(parent)
        why = (f"is in a directory that does not exist ({parent})" if blocking is None else
               f"is in {parent}, which is not a directory" if blocking == parent else
               f"is in {parent}, which cannot be a directory: {blocking} is not one")
        raise InputError(Problem(option, None, None, str(path), why, form))
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


def _not_a_directory(parent: Path) -> Path | None:
    """The nearest of ``parent`` and the directories above it that exists, if it is no
    directory (a file where a directory was meant): no output can be made below it. None
    where nothing stands in the way, ``parent`` being a directory or merely missing."""
    for above in (parent, *parent.parents):
        if above.exists():
            return None if above.is_dir() else above
    return None


def check_not_input(path: Path, option: str, others: dict[str, Path]) -> None:
    """Refuse an output ``path`` that names the same file as one of ``others`` (an input, or
    an output checked before it, by what the command line calls it, e.g. ``{"INPUT": log}``),
    directly or through symbolic links: writing it would replace that file."""
    for name, other in others.items():
        if same_file(path, other):
            raise InputError(Problem(option, None, None, str(path), f"is also {name}",
                                     "a different file for each input and output"))


def same_file(path: Path, other: Path) -> bool:
    """Whether ``path`` and ``other`` name one file: the same path once symbolic links are
    resolved, or, both existing, the same file by device and inode, as a second name reaches
    it that no path shows (a hard link, a bind mount, a file system that ignores case:
    ``--out LOG.csv`` for ``log.csv``), whose output would replace the input."""
    if resolved(path) == resolved(other):
        return True
    try:
        return path.samefile(other)
    except (OSError, ValueError):  # one of them does not exist (yet): no file to replace
        return False


def resolved(path: Path) -> Path:
    """``path`` made absolute with every symbolic link resolved, as far as it can be: a link
    that loops is left as it is (it names no file to overwrite)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # Python 3.11 says a symbolic link loop by RuntimeError
        return path.absolute()


def target(path: Path, option: str | None = None) -> Path:
    """The file an output named ``path`` is written to: a symbolic link's target, so that the
    link stays and the file it points to gets the output, as a shell redirection would.

    Refused (an InputError naming ``option``, or the path when None) is a path that goes
    through a symbolic link another user owns, as Linux's fs.protected_symlinks refuses one
    in /tmp, but in any directory: its owner chooses, and may change, the file it leads to
    (their own, which would get the output, or one of yours, which it would replace). Links
    of the user's own, or of root's (the system's), are followed. Refused too is an existing
    file another user owns: it is not the user's to replace."""
    me = _user()
    final, links = _followed(path)
    for link, owner, points_to in links:
        if owner not in (me, 0):
            what = (f"is a symbolic link to {points_to}" if link == path.absolute()
                    else f"goes through {link}, a symbolic link to {points_to},")
            raise InputError(Problem(option or str(path), None, None,
                                     str(path) if option else None,
                                     f"{what} owned by {_user_name(owner)}, another user; it "
                                     "is not followed: that user chooses which file the "
                                     "output goes to", OWN))
    # a path under a file (a directory that was replaced by one) names no file anyone owns
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        owner = final.lstat().st_uid
        if owner != me:
            raise InputError(Problem(option or str(path), None, None,
                                     str(path) if option else None,
                                     f"is owned by {_user_name(owner)}, another user: "
                                     "sojourn replaces no other user's file", OWN))
    return final if links else path


OWN = "a new file, or a file or symbolic link of your own, reached through no other user's link"


def _followed(path: Path) -> tuple[Path, list[tuple[Path, int, str]]]:
    """``path`` with every symbolic link in it followed, as the system follows them, and each
    link followed: (its path, its owner's uid, what it points to). A name that does not
    exist ends the walk (the rest is kept as it is); a loop is an OSError (ELOOP)."""
    parts = list(path.absolute().parts)
    current, todo = Path(parts[0]), parts[:0:-1]  # the names still to walk, last first
    links: list[tuple[Path, int, str]] = []
    while todo:
        name = todo.pop()
        if name in (".", ""):
            continue
        if name == "..":  # of a directory reached through a link: the target's parent
            current = current.parent
            continue
        step = current / name
        try:
            info = step.lstat()
        except (FileNotFoundError, NotADirectoryError):
            return step.joinpath(*reversed(todo)), links
        if not stat.S_ISLNK(info.st_mode):
            current = step
            continue
        if len(links) >= 40:  # as Linux gives up
            raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path))
        points_to = str(step.readlink())
        links.append((step, info.st_uid, points_to))
        more = Path(points_to).parts
        if Path(points_to).is_absolute():
            current, more = Path(more[0]), more[1:]
        todo.extend(reversed(more))
    return current, links


def _user() -> int:
    """The user sojourn runs as: the owner its outputs, and the links they go through, must
    have (the effective user, whom the system checks access for)."""
    return os.geteuid()


def _user_name(uid: int) -> str:
    """``uid`` as messages name a user: "mallory (uid 1001)", or "uid 1001" without a name."""
    import pwd

    try:
        return f"{pwd.getpwuid(uid).pw_name} (uid {uid})"
    except KeyError:
        return f"uid {uid}"


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary name next to ``path``, renamed to ``path`` only if the block completes
    (:func:`atomic_paths` for one path)."""
    with atomic_paths([path]) as (tmp,):
        yield tmp


@contextlib.contextmanager
def atomic_paths(paths: Sequence[Path]) -> Iterator[list[Path]]:
    """A temporary name next to each of ``paths``, all renamed into place only if the block
    completes: an interrupted or failed run removes the temporary files and leaves every path
    as it was, so a reader never sees a half-written output, nor some outputs of a run
    without the others. A symbolic link is written through (:func:`target`).

    The renames come one after another; if one fails (the target turned into a directory
    meanwhile, say), those already made are undone: a replaced file is put back from a link
    kept to it until all are renamed, a new one is removed. (Where the file system has no
    links, a replaced file cannot be put back; the new output stays in its place.) Ctrl-C,
    SIGTERM, SIGHUP and SIGQUIT wait until the renames are done. Only a SIGKILL (or a crash)
    can leave hidden ``.NAME.*.partial`` or ``.previous`` files beside the outputs (and, between
    two renames, some outputs new and some old); the next write of the same output removes
    them (:func:`remove_stale`).

    A new output is readable by its owner alone (mkstemp's mode 0600): the outputs hold
    personal data. One that replaces a file of the user's own keeps that file's permissions,
    which they chose, but for writing by others (group or world) and the set-id and sticky
    bits (:data:`KEPT_MODE`): no output is made writable by anyone else. Another user's file,
    or a path through another user's symbolic link, is refused (:func:`target`)."""
    targets = [target(p) for p in paths]
    for path in targets:
        remove_stale(path)
    temps: list[Path] = []
    try:
        for given, path in zip(paths, targets, strict=True):
            try:
                temps.append(_temporary(path, ".partial"))
            except OSError as exc:  # its directory is gone, full, or refuses new files
                raise NotCreated(exc, given) from exc
        yield list(temps)
        _rename_all(temps, targets)
    finally:
        for tmp in temps:
            _discard(tmp)


def _discard(path: Path) -> None:
    """Remove the temporary file ``path`` if it is there. Gone with its directory, or with the
    directory replaced by a file (NotADirectoryError, which ``missing_ok`` does not cover), it
    is no error: the error that made the run stop is the one to tell."""
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        path.unlink()


# the bits of a replaced file's mode its replacement keeps: not group or world write, set-id
KEPT_MODE = 0o755


def _temporary(path: Path, suffix: str) -> Path:
    """A new hidden file beside ``path``, ``.NAME.WRITER.RANDOM.SUFFIX``, WRITER naming this
    process (:func:`_writer`), so that a later write can tell that its writer is gone."""
    fd, name = tempfile.mkstemp(dir=path.parent if str(path.parent) else Path(),
                                prefix=f".{path.name}.{_writer()}.", suffix=suffix)
    os.close(fd)
    return Path(name)


def _writer() -> str:
    """This process as its temporary files name it: its id, when it started (0 where that is
    not known), and a digest of the host its id is valid on (as the Dask engine's work
    directory names its client: :mod:`sojourn.processes`)."""
    pid = os.getpid()
    return f"{pid}-{started(pid) or 0}-{_host_digest()}"


def _host_digest() -> str:
    return hashlib.sha256(this_host().encode()).hexdigest()[:8]


# what follows ".NAME." in a temporary file's name: WRITER.RANDOM.SUFFIX (mkstemp's RANDOM is
# letters, digits and underscores)
_LEFT = re.compile(r"(\d+)-(\d+)-([0-9a-f]{8})\.\w+\.(?:partial|previous)")


def remove_stale(path: Path) -> list[Path]:
    """Remove the temporary files of the output ``path`` (``.NAME.*.partial``, and
    ``.previous`` links to a file it replaced) that a writer killed by SIGKILL, or by a crash,
    left beside it; return them. Only those that are the user's own and whose writer is known
    to be gone are removed: made on this host (since this boot), by a process that no longer
    runs, or whose id another process has since taken. Any other is kept: one of a writer
    still running, one made on another host or before a reboot (this host cannot ask about
    it), one made by an older version (whose name says no writer), one of another user's."""
    parent = path.parent if str(path.parent) else Path()
    prefix, host, me = f".{path.name}.", _host_digest(), _user()
    removed = []
    with contextlib.suppress(OSError), os.scandir(parent) as entries:
        for entry in entries:
            left = (_LEFT.fullmatch(entry.name[len(prefix):])
                    if entry.name.startswith(prefix) else None)
            if (left and left[3] == host and entry.is_file(follow_symlinks=False)
                    and entry.stat(follow_symlinks=False).st_uid == me
                    and gone(int(left[1]), None if left[2] == "0" else left[2])):
                with contextlib.suppress(OSError):
                    Path(entry.path).unlink()
                    removed.append(Path(entry.path))
    return removed


def _rename_all(temps: Sequence[Path], targets: Sequence[Path]) -> None:
    """Rename each of ``temps`` to its target, or undo those done and raise (see
    :func:`atomic_paths`); a signal that stops the run waits until all are done
    (:func:`_signals_held`)."""
    # (target, link to the file it replaced, or None; whether it replaced a file)
    done: list[tuple[Path, Path | None, bool]] = []
    with _signals_held():
        try:
            for tmp, path in zip(temps, targets, strict=True):
                existed = path.is_file()
                kept = _link_to(path) if existed else None
                if existed:
                    with contextlib.suppress(OSError):
                        old = path.stat()
                        if old.st_uid == _user():  # another's file: mkstemp's 0600
                            tmp.chmod(stat.S_IMODE(old.st_mode) & KEPT_MODE)
                try:
                    tmp.replace(path)
                except BaseException:
                    if kept is not None:
                        _discard(kept)
                    raise
                done.append((path, kept, existed))
            RENAMED.extend(path for path, _, _ in done)
        except BaseException as exc:
            stayed = []  # this run's outputs that could not be undone
            for path, kept, existed in reversed(done):  # best effort: the first error is told
                try:
                    if kept is not None:
                        kept.replace(path)
                    elif not existed:
                        path.unlink()
                    else:  # no link to the replaced file: it cannot be put back
                        stayed.append(path)
                except OSError:
                    stayed.append(path)
            if isinstance(exc, OSError):
                raise RenameFailed(exc, [p for p, _, _ in done], stayed) from exc
            raise
        finally:
            for _, kept, _ in done:
                if kept is not None:
                    _discard(kept)


class RenameFailed(OSError):
    """Renaming the finished outputs into place failed (``error``, with its errno, message and
    file names): ``renamed`` had been renamed before it and were undone, but for ``stayed``,
    this run's outputs that could not be (a replaced file with no link to put it back by)."""

    def __init__(self, error: OSError, renamed: list[Path], stayed: list[Path]) -> None:
        super().__init__(*error.args)
        self.filename, self.filename2 = error.filename, error.filename2
        self.renamed, self.stayed = renamed, stayed


class NotCreated(OSError):
    """No temporary file could be made for the output ``path`` (``error`` says why)."""

    def __init__(self, error: OSError, path: Path) -> None:
        super().__init__(*error.args)
        self.filename, self.path = error.filename, path


def _link_to(path: Path) -> Path | None:
    """A hidden second name for the file at ``path`` (None where the file system has no
    links), by which it survives being replaced."""
    kept = _temporary(path, ".previous")
    try:
        kept.unlink()
        os.link(path, kept)
    except OSError:
        kept.unlink(missing_ok=True)
        return None
    return kept


# the signals that end a run by an exception, removing its temporary files (Ctrl-C; SIGTERM,
# from kill, timeout, a CI's cancel; SIGHUP, from a closed terminal or a dropped SSH session;
# SIGQUIT, Ctrl-\): see sojourn.cli.app.main
STOPPING = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)

# every output this process has renamed into place, so that a run stopped by one of those
# signals once its outputs are written says so, and one stopped before says it wrote nothing
# (sojourn.launch)
RENAMED: list[Path] = []


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """The signals that stop a run (:data:`STOPPING`) held back while the block runs and
    delivered after it, so that a signal cannot stop the renames halfway, leaving some outputs
    new and some old. (Only the main thread may set handlers; elsewhere the block runs as it
    is.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    before = {s: signal.signal(s, lambda signum, frame: caught.append(signum)) for s in STOPPING}
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)
        if caught:
            signal.raise_signal(caught[0])


NOTHING_WRITTEN = "no output of this run was written"


def write_whole(outputs: Sequence[tuple[Callable[[Path], None], Path]]) -> None:
    """Write each output with its writer (given the temporary name to write), or none of them
    (:func:`atomic_paths`). Every way a write can fail for want of a place to write it (a full
    disk, a directory removed meanwhile, a file system gone read-only) is an InputError
    naming the output, what the system said, and what became of this run's outputs: never a
    traceback, and never some outputs of a run without the others."""
    paths = [path for _, path in outputs]
    try:
        with atomic_paths(paths) as temps:
            for (write, path), tmp in zip(outputs, temps, strict=True):
                try:
                    write(tmp)  # the temporary name ends in .partial
                except Exception as exc:  # Polars words an I/O error as its own, or not
                    error = as_os_error(exc)
                    if error is None:
                        raise
                    raise unwritten(path, error, NOTHING_WRITTEN) from None
    except RenameFailed as exc:
        path = Path(exc.filename2 or exc.filename or paths[0])
        undone = (NOTHING_WRITTEN if not exc.renamed else
                  "the outputs renamed before it were put back as they were" if not exc.stayed
                  else "this run's outputs stay in place of " + ", ".join(map(str, exc.stayed))
                  + ", which could not be put back")
        raise unwritten(path, exc, undone) from None
    except NotCreated as exc:
        raise unwritten(exc.path, exc, NOTHING_WRITTEN) from None


def as_os_error(exc: BaseException) -> OSError | None:
    """``exc`` as an OSError with its errno and the system's words for it, if it is one: a
    writer's own OSError, or Polars' (an OSError or a ComputeError with only a message, its
    error number in "(os error 28)"); None for any other error, which is a bug."""
    if isinstance(exc, OSError) and exc.errno is not None:
        return exc
    found = re.search(r"\(os error (\d+)\)", str(exc))
    if found:
        number = int(found[1])
        return OSError(number, os.strerror(number))
    return exc if isinstance(exc, OSError) else None


def unwritten(path: Path, exc: OSError, undone: str) -> InputError:
    """The error for an output ``path`` that could not be written: why (the system's words,
    or that its directory is gone), and what became of the run's outputs (``undone``)."""
    parent = path.parent if str(path.parent) else Path()
    blocking = None if parent.is_dir() else _not_a_directory(parent)
    why = (exc.strerror or str(exc) if parent.is_dir() else
           f"its directory {parent} no longer exists" if blocking is None else
           f"its directory {parent} is no longer a directory" if blocking == parent else
           f"its directory {parent} is no longer one: {blocking} is not a directory")
    return InputError(Problem(str(path), None, None, None, f"cannot be written ({why}); {undone}",
                              "a writable file path in an existing directory with room for it"))


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """``data`` written whole to ``path`` or not at all (:func:`write_whole`)."""
    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    write_whole([(write, path)])
