"""Ad-hoc regimes from the command line: ``per-entry:60+rolling:90/180``."""

from __future__ import annotations

import re
from collections.abc import Callable

import pydantic
from pydantic import TypeAdapter

from sojourn.engine.kinds import Constraint
from sojourn.errors import InputError, Problem

SPEC_FORM = ("rolling:MAX/WINDOW, per-entry:MAX, calendar-year:MAX or "
             "registration:DAYS[/working][/extends], joined with '+' "
             "(e.g. per-entry:60+rolling:90/180)")

_Fields = Callable[[re.Match[str]], dict[str, str | int]]
# kind: (arguments, their fields, what they look like, an example)
_PATTERNS: dict[str, tuple[re.Pattern[str], _Fields, str, str]] = {
    # [0-9], not \d: \d also takes other scripts' digits, which int() reads but no one means
    "rolling": (re.compile(r"([0-9]+)/([0-9]+)"),
                lambda m: {"max": int(m[1]), "window": int(m[2])},
                "MAX/WINDOW", "rolling:90/180, with MAX at most WINDOW"),
    "per_entry": (re.compile(r"([0-9]+)"), lambda m: {"max": int(m[1])}, "MAX", "per-entry:90"),
    "calendar_year": (re.compile(r"([0-9]+)"), lambda m: {"max": int(m[1])},
                      "MAX (1 to 366)", "calendar-year:183"),
    "registration": (re.compile(r"([0-9]+)(?:/(calendar|working))?(?:/(extends))?"),
                     lambda m: {"within": int(m[1]), "unit": m[2] or "calendar",
                                "effect": m[3] or "deadline"},
                     "DAYS, DAYS/working or DAYS[/working]/extends", "registration:3/working"),
}
_NAMES = {"max": "MAX", "window": "WINDOW", "within": "DAYS"}
# the counts each kind takes, in the order written: a number among them that is no positive
# whole number (-1, 1.5) is told as such, not as a spec of the wrong shape
_COUNTS = {"rolling": ("MAX", "WINDOW"), "per_entry": ("MAX",), "calendar_year": ("MAX",),
           "registration": ("DAYS",)}
_NUMBER = re.compile(r"-?[0-9]*\.?[0-9]+")


def _bad_count(kind: str, args: str) -> str | None:
    """Why ``args`` of ``kind`` is refused when one of its counts is a number but no positive
    whole number ("MAX must be a positive whole number, not -1"), else None."""
    for name, piece in zip(_COUNTS[kind], args.split("/"), strict=False):
        piece = piece.strip()
        if _NUMBER.fullmatch(piece) and not piece.isdigit():
            return f"{name} must be a positive whole number, not {piece}"
    return None

_ADAPTER: TypeAdapter[Constraint] = TypeAdapter(Constraint)


def parse_spec(text: str) -> list[Constraint]:
    """Parse a ``--rule`` spec into constraints, or raise InputError naming the bad part."""
    out: list[Constraint] = []
    if not text.strip():
        raise InputError(Problem("--rule", None, None, None, "is empty", SPEC_FORM))
    for part in text.split("+"):
        if not part.strip():
            raise InputError(Problem("--rule", None, None, text, "has an empty part around '+'",
                                     SPEC_FORM))
        kind, _, args = part.strip().partition(":")
        kind = kind.strip().lower().replace("-", "_")
        if kind not in _PATTERNS:
            raise InputError(Problem("--rule", None, None, part, "is not a constraint kind",
                                     SPEC_FORM))
        pattern, fields, shape, example = _PATTERNS[kind]
        label = kind.replace("_", "-")
        form = f"{label}:{shape}, e.g. {example}"
        match = pattern.fullmatch(args.strip())
        if match is None:
            reason = _bad_count(kind, args) or f"needs {shape} after '{label}:'"
            raise InputError(Problem("--rule", None, None, part, reason, form))
        try:
            out.append(_ADAPTER.validate_python({"kind": kind, **fields(match)}))
        except pydantic.ValidationError as exc:
            err = exc.errors()[0]
            reason = err["msg"].removeprefix("Value error, ")
            name = next((_NAMES[p] for p in reversed(err["loc"]) if p in _NAMES), "a number")
            ctx = err.get("ctx") or {}
            if err["type"] == "greater_than":
                reason = f"{name} must be more than {ctx.get('gt')}"
            elif err["type"] == "greater_than_equal":  # ge=1: said as the tests and users know it
                reason = f"{name} must be more than {int(ctx.get('ge', 1)) - 1}"
            elif err["type"] == "less_than_equal":
                reason = f"{name} must be at most {ctx.get('le')}"
            raise InputError(Problem("--rule", None, None, part, reason, form)) from None
        if sum(x.kind == "registration" for x in out) > 1:  # the first would win, unsaid
            raise InputError(Problem(
                "--rule", None, None, part,
                "is a second registration part: a stay has one registration deadline",
                "at most one registration part, e.g. per-entry:60+registration:15"))
    return out
