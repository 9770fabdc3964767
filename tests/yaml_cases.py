"""A pytest plugin: every ``tests/cases/**/*.yaml`` file holds cases run through the real CLI.

Case file format, version 1::

    schema: sojourn.case/1
    cases:
      - name: what the case shows                      # unique in the file
        note: 2023-01-10 + 89 days = 2023-04-09        # free text, not checked: the arithmetic
        command: status                                # see below; status when absent
        trips: [[KZ, 2023-01-10, 2023-02-28], ...]     # country, entry, exit ('' = still there)
        profile: {person: ..., trips: ...}             # instead of trips: a whole profile
        country: KZ                                    # --country; or rule: rolling:90/180
        citizenship: RU                                # --citizenship
        on: 2023-07-20                                 # --on (--from with plan)
        length: 30                                     # --length (plan)
        assume: [kz-change-26-jan]                     # one --assume each
        args: [--document, internal_passport, --to, KZ]  # any other arguments, as given
        expect:                                        # keys of the JSON answer
          latest_exit: 2023-09-07
          violations: [{first_day: 2024-03-31, last_day: 2024-04-05, days: 6, peak: 96}]
          rules: [kz-stay-eaeu-90-180]                 # ids of the rules relied on, or
          # rules: [{id: kz-stay-eaeu-90-180, confidence: high}]   # chosen keys of each
          assumptions: [kz-change-27-jan]              # variants assumed
          constraints: {kz-stay-eaeu-90-180: {days_used: 78}}   # per rule id, chosen keys

``command`` is one of the commands with a JSON answer: status, plan, destinations, permit,
risk and report are given the history written from ``trips`` or ``profile`` as their first
argument; entry takes none (give ``--to`` and ``--document`` in ``args``), and is given it as
``--history`` where the case has ``trips`` or ``profile``. Each gets ``--json``
(report: ``--format json``), then the options above that the case names. ``expect`` names
keys of the answer; a mapping is compared on the keys it names, a list of mappings item by
item, anything else whole. Dates may be written bare (YAML dates) or quoted.

A failing case names its file, its name, and each key with the expected and actual values.
Run one file with ``python -m pytest -q tests/cases/pack/kz-stay.yaml``, and one case of it
with ``-k`` and words of its name.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sojourn._structured import load_document
from sojourn.cli import app

CASE_SCHEMA = "sojourn.case/1"
_CASE_KEYS = {"name", "command", "trips", "profile", "country", "rule", "citizenship", "on",
              "length", "assume", "expect", "note", "args"}
_HISTORY_COMMANDS = {"status", "plan", "destinations", "permit", "risk", "report"}


def _plain(value: Any) -> Any:
    """Dates as ISO strings, recursively, so YAML dates compare with JSON output."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class CaseFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        # The project's own loader: dates stay strings and `on:` stays a key, not True.
        doc, _ = load_document(self.path, self.path.read_text(encoding="utf-8"))
        if not isinstance(doc, dict) or doc.get("schema") != CASE_SCHEMA:
            raise pytest.UsageError(f"{self.path}: expected 'schema: {CASE_SCHEMA}' at the top")
        names: set[str] = set()
        for raw in doc.get("cases", []):
            unknown = set(raw) - _CASE_KEYS
            if unknown or "name" not in raw or "expect" not in raw:
                raise pytest.UsageError(f"{self.path}: case {raw.get('name')!r} has unknown keys "
                                        f"{sorted(unknown)} or lacks name/expect")
            if raw["name"] in names:
                raise pytest.UsageError(f"{self.path}: case name {raw['name']!r} repeats")
            names.add(raw["name"])
            yield CaseItem.from_parent(self, name=raw["name"], spec=_plain(raw))


class CaseFailed(AssertionError):
    pass


class CaseItem(pytest.Item):
    def __init__(self, *, spec: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.spec = spec

    def _history(self, tmp: Path) -> Path:
        if "profile" in self.spec:
            path = tmp / "profile.json"
            path.write_text(json.dumps(self.spec["profile"]), encoding="utf-8")
            return path
        path = tmp / "history.csv"
        rows = ["country,entry,exit"]
        rows += [",".join("" if c is None else str(c) for c in ([*list(t), ""])[:3])
                 for t in self.spec.get("trips", [])]
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        return path

    def runtest(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            self._run(Path(tmp))

    def _run(self, tmp: Path) -> None:
        spec = self.spec
        command = spec.get("command", "status")
        args = [command]
        if command in _HISTORY_COMMANDS:
            args.append(str(self._history(tmp)))
        args += ["--format", "json"] if command == "report" else ["--json"]
        for key in ("country", "rule", "citizenship"):
            if key in spec:
                args += [f"--{key}", str(spec[key])]
        if "on" in spec:
            args += ["--from" if command == "plan" else "--on", str(spec["on"])]
        if "length" in spec:
            args += ["--length", str(spec["length"])]
        for variant in spec.get("assume", []):
            args += ["--assume", variant]
        if command == "entry" and ("trips" in spec or "profile" in spec):
            args += ["--history", str(self._history(tmp))]
        args += [str(a) for a in spec.get("args", [])]
        result = CliRunner().invoke(app, args)
        if result.exit_code != 0:
            raise CaseFailed(f"sojourn {' '.join(args)} exited {result.exit_code}:\n"
                             f"{result.output}")
        got = json.loads(result.stdout)
        problems = [p for key, want in spec["expect"].items() for p in _check(key, want, got)]
        if problems:
            raise CaseFailed("\n".join(problems))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None
                     ) -> str:
        if isinstance(excinfo.value, CaseFailed):
            return f"{self.path.name} :: {self.name}\n{excinfo.value}"
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"case: {self.name}"


def _subset(want: Any, got: Any, where: str) -> list[str]:
    """``got`` matches ``want`` on the keys ``want`` names (dicts), item by item (lists)."""
    if isinstance(want, dict) and isinstance(got, dict):
        out = []
        for key, value in want.items():
            if key not in got:
                out.append(f"{where}.{key}: not in the answer")
            else:
                out += _subset(value, got[key], f"{where}.{key}")
        return out
    if isinstance(want, list) and isinstance(got, list) and any(isinstance(w, dict) for w in want):
        if len(want) != len(got):
            return [f"{where}: expected {len(want)} items {want!r}, got {len(got)}: {got!r}"]
        return [p for i, (w, g) in enumerate(zip(want, got, strict=True))
                for p in _subset(w, g, f"{where}[{i}]")]
    return [] if want == got else [f"{where}: expected {want!r}, got {got!r}"]


def _check(key: str, want: Any, got: dict[str, Any]) -> list[str]:
    if key == "rules":
        # ids alone, or mappings compared on the keys they name (id, confidence, ...)
        if isinstance(want, list) and any(isinstance(w, dict) for w in want):
            return _subset(want, got["rules"], key)
        return _subset(want, [r["id"] for r in got["rules"]], key)
    if key == "assumptions":
        return _subset(sorted(want), sorted({a["variant"] for a in got["assumptions"]}), key)
    if key == "constraints":
        by_rule = {c["rule"]: c for c in got["constraints"]}
        return _subset(want, by_rule, key)
    if key not in got:
        return [f"{key}: not a key of the answer"]
    return _subset(want, got[key], key)


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> CaseFile | None:
    if file_path.suffix == ".yaml" and "cases" in file_path.parts:
        return CaseFile.from_parent(parent, path=file_path)
    return None
