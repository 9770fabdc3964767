"""The checked pack kept on disk between runs (rules/stored.py): used only for exactly the
files and code it was made from, never stale, never in the way."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from test_loader import RULE, pack, rules_file

from sojourn.engine.kinds import Rolling
from sojourn.errors import RulePackError
from sojourn.rules import loader, stored
from sojourn.rules.loader import Pack, load_pack


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv(stored.CACHE_ENV, str(where))
    loader._load_cached.cache_clear()  # the in-process cache would hide the disk's
    return where


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The packs parsed and checked from their YAML, by root, as the test goes."""
    parsed: list[str] = []
    real = loader._load

    def counted(base: Path, *rest: object) -> Pack:
        parsed.append(str(base))
        return real(base, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "_load", counted)
    return parsed


def new_pack(where: Path, **files: str) -> Path:
    where.mkdir(exist_ok=True)
    return pack(where, **files)


def fresh_load(root: Path) -> Pack:
    """What a new process's load gives: nothing in memory from before."""
    loader._load_cached.cache_clear()
    return load_pack(root)


def limit_of(loaded: Pack) -> int:
    rule = loaded.rule("kz-90-180")
    assert rule is not None
    constraint = rule.constraints[0]
    assert isinstance(constraint, Rolling)
    return constraint.max


def entries(where: Path) -> list[Path]:
    return sorted(where.glob("pack-*.pickle"))


def test_a_second_run_takes_the_checked_pack_from_disk(tmp_path: Path, cache: Path,
                                                         loads: list[str]) -> None:
    root = new_pack(tmp_path / "p", kz=rules_file(RULE.format(id="kz-90-180", host="KZ")))
    first = fresh_load(root)
    second = fresh_load(root)
    assert loads == [str(root)]
    assert len(entries(cache)) == 1
    assert second == first
    # where each rule was read, line by line, which the pack's equality leaves out
    assert second.where["kz-90-180"].line == first.where["kz-90-180"].line == 3
    assert second.where["kz-90-180"].lines == first.where["kz-90-180"].lines != {}


def test_the_builtin_pack_from_disk_equals_the_one_parsed(cache: Path, loads: list[str]) -> None:
    parsed = fresh_load(Path(loader.builtin_pack_dir()))
    kept = fresh_load(Path(loader.builtin_pack_dir()))
    assert len(loads) == 1
    assert kept == parsed
    assert kept.warnings == parsed.warnings
    assert [kept.where[r.id].line for r in kept.rules] == [parsed.where[r.id].line
                                                             for r in parsed.rules]


def test_a_changed_rule_file_is_read_again_even_with_its_old_size_and_time(
        tmp_path: Path, cache: Path, loads: list[str]) -> None:
    root = new_pack(tmp_path / "p", kz=rules_file(RULE.format(id="kz-90-180", host="KZ")))
    file = root / "kz.yaml"
    assert limit_of(fresh_load(root)) == 90
    before = file.stat()
    file.write_text(file.read_text(encoding="utf-8").replace("max: 90", "max: 60"),
                    encoding="utf-8")
    os.utime(file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert file.stat().st_size == before.st_size
    assert limit_of(fresh_load(root)) == 60
    assert len(loads) == 2


def test_a_new_file_in_the_pack_is_read(tmp_path: Path, cache: Path) -> None:
    root = new_pack(tmp_path / "p", kz=rules_file(RULE.format(id="kz-90-180", host="KZ")))
    assert fresh_load(root).rule("ge-90-180") is None
    pack(root, ge=rules_file(RULE.format(id="ge-90-180", host="GE")))
    assert fresh_load(root).rule("ge-90-180") is not None


def test_other_code_makes_another_entry(tmp_path: Path, cache: Path, loads: list[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    root = new_pack(tmp_path / "p", kz=rules_file(RULE.format(id="kz-90-180", host="KZ")))
    fresh_load(root)
    monkeypatch.setattr(stored, "_code_fingerprint", lambda: b"another version of sojourn")
    fresh_load(root)
    assert len(loads) == 2
    assert len(entries(cache)) == 2


@pytest.mark.parametrize("library", ["holidays_version", "yaml"])
def test_another_version_of_a_library_the_pack_follows_from_makes_another_entry(
        tmp_path: Path, cache: Path, loads: list[str], monkeypatch: pytest.MonkeyPatch,
        library: str) -> None:
    # holidays' calendars weigh the decrees' warnings, PyYAML parses the files: an upgrade of
    # either may load the same files otherwise
    root = new_pack(tmp_path / "p", kz=rules_file(RULE.format(id="kz-90-180", host="KZ")))
    fresh_load(root)
    if library == "yaml":
        monkeypatch.setattr(stored.yaml, "__version__", "0.0.1")
    else:
        monkeypatch.setattr(stored, library, "0.0.1")
    stored._code_fingerprint.cache_clear()
    try:
        fresh_load(root)
    finally:
        stored._code_fingerprint.cache_clear()  # the real versions' again after the test
    assert len(loads) == 2
    assert len(entries(cache)) == 2


def test_a_pack_with_a_problem_is_not_kept_and_is_told_each_time(
        tmp_path: Path, cache: Path, loads: list[str]) -> None:
    root = new_pack(tmp_path / "p", kz=rules_file(RULE.format(id="kz-90-180", host="XX")))
    for _ in range(2):
        with pytest.raises(RulePackError, match="XX"):
            fresh_load(root)
    assert len(loads) == 2
    assert entries(cache) == []


def test_an_entry_cut_short_is_loaded_anew_and_replaced(tmp_path: Path, cache: Path,
                                                         loads: list[str]) -> None:
    root = new_pack(tmp_path / "p", kz=rules_file(RULE.format(id="kz-90-180", host="KZ")))
    fresh_load(root)
    [entry] = entries(cache)
    entry.write_bytes(entry.read_bytes()[:100])
    assert limit_of(fresh_load(root)) == 90
    assert len(loads) == 2
    assert isinstance(pickle.loads(entry.read_bytes()), Pack)


def test_an_entry_of_another_kind_is_not_taken(tmp_path: Path, cache: Path,
                                               loads: list[str]) -> None:
    root = new_pack(tmp_path / "p", kz=rules_file(RULE.format(id="kz-90-180", host="KZ")))
    fresh_load(root)
    [entry] = entries(cache)
    entry.write_bytes(pickle.dumps({"not": "a pack"}))
    assert limit_of(fresh_load(root)) == 90
    assert len(loads) == 2


def test_a_cache_that_cannot_be_written_is_left_alone(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv(stored.CACHE_ENV, str(blocker / "cache"))
    root = new_pack(tmp_path / "p", kz=rules_file(RULE.format(id="kz-90-180", host="KZ")))
    assert limit_of(fresh_load(root)) == 90
    assert blocker.read_text(encoding="utf-8") == "not a directory"


def test_an_empty_cache_setting_reads_and_writes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loads: list[str]) -> None:
    monkeypatch.setenv(stored.CACHE_ENV, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    root = new_pack(tmp_path / "p", kz=rules_file(RULE.format(id="kz-90-180", host="KZ")))
    fresh_load(root)
    fresh_load(root)
    assert len(loads) == 2
    assert not (tmp_path / "xdg").exists()
    assert not (tmp_path / "home").exists()


def test_the_default_place_is_the_user_s_cache_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(stored.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert stored.cache_dir() == tmp_path / "xdg" / "sojourn"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert stored.cache_dir() == tmp_path / "home" / ".cache" / "sojourn"


def test_only_the_newest_entries_are_kept(tmp_path: Path, cache: Path) -> None:
    for number in range(stored.KEPT + 3):
        root = new_pack(tmp_path / f"p{number}",
                    kz=rules_file(RULE.format(id="kz-90-180", host="KZ")))
        fresh_load(root)
        newest = entries(cache)
        for age, entry in enumerate(sorted(newest, key=lambda p: p.stat().st_mtime_ns)):
            os.utime(entry, ns=(age, age))  # the order written, whatever the clock's grain
    assert len(entries(cache)) == stored.KEPT
    assert not list(cache.glob(".pack-*"))  # no temporary file left behind


def _rule_shown(root: Path, where: Path) -> str:
    """``sojourn rules show kz-90-180 --pack ROOT`` in a process of its own, as a user runs it."""
    script = ("import sys; from sojourn.cli import main; sys.argv = ['sojourn', *sys.argv[1:]]; "
              "main()")
    src = Path(__file__).parents[2] / "src"
    env = {**os.environ, "PYTHONPATH": str(src), stored.CACHE_ENV: str(where)}
    args = ["rules", "show", "kz-90-180", "--pack", str(root)]
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True,
                          timeout=120, env=env, check=True, text=True)
    return done.stdout


def test_a_command_run_again_after_a_pack_edit_answers_from_the_edit(tmp_path: Path) -> None:
    root = new_pack(tmp_path / "p", kz=rules_file(RULE.format(id="kz-90-180", host="KZ")))
    where = tmp_path / "cache"
    file = root / "kz.yaml"
    assert "90 days in any 180" in _rule_shown(root, where)
    assert len(entries(where)) == 1
    before = file.stat()
    file.write_text(file.read_text(encoding="utf-8").replace("max: 90", "max: 60"),
                    encoding="utf-8")
    os.utime(file, ns=(before.st_atime_ns, before.st_mtime_ns))
    edited = _rule_shown(root, where)
    assert "60 days in any 180" in edited
    assert "90 days in any 180" not in edited


def test_an_entry_used_is_kept_before_those_written_since(tmp_path: Path, cache: Path) -> None:
    used = new_pack(tmp_path / "used", kz=rules_file(RULE.format(id="kz-90-180", host="KZ")))
    fresh_load(used)
    [entry] = entries(cache)
    for number in range(stored.KEPT - 1):
        fresh_load(new_pack(tmp_path / f"p{number}",
                            kz=rules_file(RULE.format(id="kz-90-180", host="KZ"))))
    # written in that order, long ago: the pack used first is the oldest
    for age, path in enumerate([entry, *(p for p in entries(cache) if p != entry)]):
        os.utime(path, ns=(age, age))
    fresh_load(used)  # used now
    fresh_load(new_pack(tmp_path / "last", kz=rules_file(RULE.format(id="kz-90-180", host="KZ"))))
    kept = entries(cache)
    assert len(kept) == stored.KEPT
    assert entry in kept


def test_an_entry_that_cannot_be_written_fails_nothing(
        tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a pack pickle cannot write (or a full disk): the answer is loaded already
    def refuse(*args: object, **kwargs: object) -> None:
        raise pickle.PicklingError("cannot pickle this")

    monkeypatch.setattr(stored.pickle, "dump", refuse)
    root = new_pack(tmp_path / "p", kz=rules_file(RULE.format(id="kz-90-180", host="KZ")))
    assert limit_of(fresh_load(root)) == 90
    assert entries(cache) == []
    assert not list(cache.glob(".pack-*"))  # the half-written file is removed
