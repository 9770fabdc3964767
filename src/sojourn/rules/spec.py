"""Ad-hoc regimes from the command line: ``per-entry:60+rolling:90/180``."""

from __future__ import annotations

import re
from collections.abc import Callable

import pydantic
from pydantic import TypeAdapter

from sojourn.engine.kinds import Constraint
from sojourn.errors import InputError, Problem

SPEC_FORM = ("rolling:MAX/WINDOW, per-entry:MAX, calendar-year:MAX or "
             "registration:DAYS[/working], joined with '+' (e.g. per-entry:60+rolling:90/180)")

_Fields = Callable[[re.Match[str]], dict[str, str]]
_PATTERNS: dict[str, tuple[re.Pattern[str], _Fields]] = {
    "rolling": (re.compile(r"(\d+)/(\d+)"), lambda m: {"max": m[1], "window": m[2]}),
    "per_entry": (re.compile(r"(\d+)"), lambda m: {"max": m[1]}),
    "calendar_year": (re.compile(r"(\d+)"), lambda m: {"max": m[1]}),
    "registration": (re.compile(r"(\d+)(?:/(calendar|working))?"),
                     lambda m: {"within": m[1], "unit": m[2] or "calendar"}),
}
_ADAPTER: TypeAdapter[Constraint] = TypeAdapter(Constraint)


def parse_spec(text: str) -> list[Constraint]:
    """Parse a ``--rule`` spec into constraints, or raise InputError naming the bad part."""
    out: list[Constraint] = []
    for part in text.split("+"):
        kind, _, args = part.strip().partition(":")
        kind = kind.strip().lower().replace("-", "_")
        if kind not in _PATTERNS:
            raise InputError(Problem("--rule", None, None, part, "is not a constraint kind",
                                     SPEC_FORM))
        pattern, fields = _PATTERNS[kind]
        match = pattern.fullmatch(args.strip())
        if match is None:
            raise InputError(Problem("--rule", None, None, part, "has malformed numbers",
                                     SPEC_FORM))
        try:
            out.append(_ADAPTER.validate_python({"kind": kind, **fields(match)}))
        except pydantic.ValidationError as exc:
            reason = exc.errors()[0]["msg"].removeprefix("Value error, ")
            raise InputError(Problem("--rule", None, None, part, reason, SPEC_FORM)) from None
    return out
