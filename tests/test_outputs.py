"""Output files on a machine shared with other users: no output goes through another user's
symbolic link or into another user's file, and none is made writable by others."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sojourn import outputs
from sojourn.cli import app
from sojourn.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
HISTORY = str(ROOT / "examples" / "relocant.yaml")
OTHER = 4242  # a user that is not the one running the tests, nor root


def report(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["report", HISTORY, "--on", "2023-01-05", *args])
    return result.exit_code, " ".join(result.stderr.split())


def another_user_s(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``path`` (a file or a symbolic link) another user's: really, as root, who can
    give it away; else by making sojourn take the running user for another one."""
    if os.geteuid() == 0:
        os.lchown(path, OTHER, OTHER)
    else:
        monkeypatch.setattr(outputs, "_user", lambda: OTHER)


def test_a_symbolic_link_of_another_user_s_is_not_followed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # another user's link in a shared directory got the output, into a file of theirs, 0666
    monkeypatch.chdir(tmp_path)
    theirs = Path("drop", "grab.json")
    theirs.parent.mkdir()
    theirs.write_text("theirs\n")
    link = Path("report.json")
    link.symlink_to(theirs)
    another_user_s(link, monkeypatch)
    code, err = report("--format", "json", "-o", str(link))
    assert code == 2 and "Traceback" not in err
    assert err.startswith("error: --output: 'report.json' is a symbolic link to drop/grab.json "
                          "owned by ")
    assert ("another user; it is not followed: that user chooses which file the output goes "
            "to; expected a new file, or a file or symbolic link of your own") in err
    assert theirs.read_text() == "theirs\n" and link.is_symlink()


def test_a_directory_link_of_another_user_s_is_not_followed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # shared/d -> a directory of the user's own: the output replaced a file of theirs there
    mine = tmp_path / "home"
    mine.mkdir()
    (mine / ".profile").write_text("mine\n")
    (tmp_path / "d").symlink_to(mine)
    another_user_s(tmp_path / "d", monkeypatch)
    code, err = report("-o", str(tmp_path / "d" / ".profile"))
    assert code == 2 and f"goes through {tmp_path / 'd'}, a symbolic link to {mine}," in err
    assert (mine / ".profile").read_text() == "mine\n"


def test_a_file_of_another_user_s_is_not_replaced(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    theirs = Path("report.txt")
    theirs.write_text("theirs\n")
    monkeypatch.setattr(outputs, "_user", lambda: OTHER)  # the file is the tests' runner's
    code, err = report("-o", str(theirs))
    assert code == 2 and err.startswith("error: --output: 'report.txt' is owned by ")
    assert "another user: sojourn replaces no other user's file; expected a new file" in err
    assert theirs.read_text() == "theirs\n"
    # and at the time of writing, too: the file may have become theirs since the check
    with pytest.raises(InputError, match="is owned by"), outputs.atomic_path(theirs):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]


def test_a_file_really_owned_by_another_user_is_not_written_into(tmp_path: Path) -> None:
    # no faked owner: root gives a file away; anyone else meets root's own /etc/passwd, which
    # the check refuses before anything is opened for writing
    if os.geteuid() == 0:
        theirs, owner = tmp_path / "report.txt", f"uid {OTHER}"
        theirs.write_text("theirs\n")
        os.chown(theirs, OTHER, OTHER)
    else:
        theirs, owner = Path("/etc/passwd"), "uid 0"
    before = theirs.read_bytes()
    code, err = report("-o", str(theirs))
    assert code == 2 and owner in err and "another user" in err, err
    assert theirs.read_bytes() == before


def test_links_of_the_user_s_own_are_followed(tmp_path: Path) -> None:
    # latest.txt -> runs/today.txt, through a directory link of theirs too
    (tmp_path / "runs").mkdir()
    (tmp_path / "runs" / "today.txt").write_text("old\n")
    (tmp_path / "all").symlink_to("runs")
    (tmp_path / "latest.txt").symlink_to("all/../all/today.txt")
    code, err = report("-o", str(tmp_path / "latest.txt"))
    assert code == 0, err
    assert (tmp_path / "latest.txt").is_symlink()
    assert (tmp_path / "runs" / "today.txt").read_text().startswith("Case report for")


@pytest.mark.parametrize(("before", "after"), [(0o666, 0o644), (0o640, 0o640), (0o4770, 0o750),
                                               (0o600, 0o600)])
def test_a_replaced_file_keeps_its_mode_but_write_by_others(
        tmp_path: Path, before: int, after: int) -> None:
    # a file the user had made 0666 stayed writable by everyone with the output in it
    out = tmp_path / "report.txt"
    out.write_text("old\n")
    out.chmod(before)
    code, err = report("-o", str(out))
    assert code == 0, err
    assert stat.S_IMODE(out.stat().st_mode) == after


def test_only_what_a_gone_writer_of_this_host_left_is_removed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead, host = int(done.stdout), outputs._host_digest()
    pid, started, _ = outputs._writer().split("-")
    elsewhere = "0" * 8 if host != "0" * 8 else "1" * 8
    gone = {f".persons.csv.{dead}-0-{host}.a1_b.partial",
            f".persons.csv.{dead}-0-{host}.c2.previous",  # a link to the file it replaced
            f".persons.csv.{pid}-{int(started) + 1}-{host}.d3.partial"}  # its id taken since
    kept = {f".persons.csv.{pid}-{started}-{host}.e4.partial",  # a writer still running
            f".persons.csv.{pid}-0-{host}.f5.partial",  # one that may be, not known to be gone
            f".persons.csv.{dead}-0-{elsewhere}.g6.partial",  # made on another host
            ".persons.csv.h7abc.partial",  # by an older version
            f".persons.csv.1.{dead}-0-{host}.i8.partial",  # another output's
            f".persons.csv.{dead}-0-{host}.j9.probe"}
    for name in gone | kept:
        (tmp_path / name).write_text("personal data\n")
    monkeypatch.setattr(outputs, "_user", lambda: OTHER)
    assert outputs.remove_stale(tmp_path / "persons.csv") == []  # not the user's own
    monkeypatch.undo()
    removed = outputs.remove_stale(tmp_path / "persons.csv")
    assert sorted(p.name for p in removed) == sorted(gone)
    assert {p.name for p in tmp_path.iterdir()} == kept
