"""Load YAML or JSON keeping the line of every node, and turn pydantic errors into Problems.

Both history profiles and rule packs are structured documents validated by pydantic; this module
is the one place where parser and schema errors become :class:`~sojourn.errors.Problem` objects
with a file, a line and a field path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import pydantic
import yaml

from sojourn.errors import InputError, Problem

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=pydantic.BaseModel)


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as strings, so one strict parser judges every date, and
    reads only true/false as booleans: YAML 1.1 would turn Norway's code NO into False."""


_BOOL = "tag:yaml.org,2002:bool"
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", _BOOL)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _construct(node: yaml.Node, loader: _StrictLoader, path: Loc, lines: dict[Loc, int]) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            lines[(*path, key)] = key_node.start_mark.line + 1
            out[key] = _construct(value_node, loader, (*path, key), lines)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(n, loader, (*path, i), lines) for i, n in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def _yaml_with_lines(text: str) -> tuple[Any, dict[Loc, int]]:
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        lines: dict[Loc, int] = {}
        data = None if node is None else _construct(node, loader, (), lines)
        return data, lines
    finally:
        loader.dispose()


def load_document(path: Path, text: str) -> tuple[Any, dict[Loc, int]]:
    """Parse ``text`` as YAML or JSON (by ``path``'s suffix) into data and a node-line map."""
    name = str(path)
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(
                Problem(name, exc.lineno, None, None, f"is not valid JSON: {exc.msg}",
                        "a JSON object")
            ) from exc
        try:  # JSON is (nearly) YAML: borrow YAML's node marks for line numbers
            _, lines = _yaml_with_lines(text)
        except yaml.YAMLError:
            lines = {}
        return data, lines
    try:
        return _yaml_with_lines(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc)
        raise InputError(
            Problem(name, line, None, None, f"is not valid YAML: {reason}", "a YAML mapping")
        ) from exc


def line_of(lines: dict[Loc, int], loc: Sequence[str | int]) -> int | None:
    """The line of the deepest node on ``loc`` that the document has."""
    loc = tuple(loc)
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return lines.get(())


def dotted(loc: Sequence[str | int]) -> str:
    """('trips', 2, 'entry') -> 'trips[2].entry'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out



def problems_from_validation(
    exc: pydantic.ValidationError, name: str, data: Any, lines: dict[Loc, int],
    base: Loc = (),
) -> list[Problem]:
    """One Problem per pydantic error, with the line and the offending value."""
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        full = (*base, *loc)
        kind = err["type"]
        value = err.get("input") if kind != "missing" else None
        ctx = err.get("ctx") or {}
        expected = ctx.get("expected")
        if kind == "extra_forbidden":
            message = "is not a known field"
            value = loc[-1] if loc else None
            expected = expected or "only the fields the format documents"
        elif kind == "missing":
            message = "is required but missing"
        else:
            message = _clean(err["msg"])
        if isinstance(value, dict | list):
            value = None  # never echo a whole sub-document
        problems.append(
            Problem(name, line_of(lines, full), dotted(full) or None, value, message,
                    str(expected) if expected else None)
        )
    return problems


def _clean(msg: str) -> str:
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            msg = msg[len(prefix):]
    return msg[0].lower() + msg[1:] if msg else msg


def validate(model: type[M], data: Any, name: str, lines: dict[Loc, int], base: Loc = ()) -> M:
    """Validate ``data`` against ``model`` or raise InputError listing every problem."""
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        raise InputError(problems_from_validation(exc, name, data, lines, base)) from exc


def read_text(path: Path) -> str:
    """Read a user file as UTF-8 text; a missing, unreadable or binary file is an InputError."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(Problem(str(path), None, None, None, "file not found")) from None
    except OSError as exc:
        raise InputError(Problem(str(path), None, None, None, f"cannot be read: {exc.strerror}")
                         ) from None
    if b"\x00" in raw[:4096]:
        raise InputError(Problem(str(path), None, None, None, "is a binary file, not text",
                                 "a UTF-8 text file (CSV, YAML or JSON)"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(Problem(str(path), line, None, None, "is not UTF-8 text",
                                 "a UTF-8 text file (CSV, YAML or JSON)")) from None
