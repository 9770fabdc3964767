"""The exceptions sojourn raises, one tree under :class:`SojournError`.

    SojournError
    ├── InputError (ValueError)       bad data a person supplied: history, profile, rule file
    │   └── RulePackError             one or more problems in a rule pack
    └── UsageError (ValueError)       a command asked for something that cannot be answered

Each carries structured fields so that fronts (CLI, API) can render them; the CLI maps every
SojournError to exit code 2 in one place.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import ParamSpec, TypeVar, cast

P = ParamSpec("P")
T = TypeVar("T")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is, what it is, and what would be accepted."""

    file: str | None
    line: int | None
    field: str | None
    value: object
    message: str
    expected: str | None = None

    def __str__(self) -> str:
        file = plain(self.file) if self.file else None
        where = [p for p in (file, f"line {self.line}" if self.line else None) if p]
        parts = [", ".join(where)] if where else []
        if self.field:
            field = plain(self.field)
            parts.append(f"field {field}" if field != self.field else f"field '{field}'")
        head = ": ".join([", ".join(parts)] if parts else [])
        quoted = shown(self.value)
        text = self.message if quoted is None else f"{quoted} {self.message}"
        if self.expected:
            text += f"; expected {self.expected}"
        return f"{head}: {text}" if head else text


def option_problem(option: str, value: object, message: str, expected: str) -> Problem:
    """A command-line option's bad value as the :class:`Problem` every option's is told as,
    the option where a file goes: "--country: 'XX' is not a country code; expected ...".
    ``message`` ends with its "; did you mean ...?" where there is one to offer."""
    return Problem(option, None, None, value, message, expected)


def option_told(option: str, value: object, message: str, expected: str) -> str:
    """:func:`option_problem`'s words, for a UsageError's text as for an InputError's."""
    return str(option_problem(option, value, message, expected))


def shown(value: object) -> str | None:
    """``value`` as messages quote it: cut to 60 characters, so that no message echoes a
    whole history or file back; None for None."""
    if value is None:
        return None
    # a boolean as YAML and JSON write it, not as Python spells it
    text = ("true" if value else "false") if isinstance(value, bool) else str(value)
    if len(text) > 60:  # never echo a whole history or file back
        text = text[:57] + "..."
    return repr(text)


def plain(text: str) -> str:
    """A file name (or a field named by a file's key) as messages print it: as it is, unless it
    holds a character that does not print (a line break, an escape that a terminal would obey,
    a byte the file system's encoding does not read), when it is quoted and escaped as
    :func:`shown` quotes a value, so that a message stays one line and only says things."""
    return text if text.isprintable() else repr(text)


def did_you_mean(value: str, names: Iterable[str]) -> str:
    """ "; did you mean 'x'?" for the name of ``names`` closest to a mistyped ``value``, or ""
    when none is close (difflib's ratio of 0.6, as Click's option suggestions use). Letter
    case is no difference: KZ-STAY-EAEU-90-180 is as close to kz-stay-eaeu-90-180 as can be."""
    close = nearest(value, names, 1)
    return f"; did you mean {close[0]!r}?" if close else ""


def columns_meant(missing: Iterable[str], unknown: Iterable[str]) -> str:
    """ "; did you mean 'entry' for 'entri'?" for each column of ``missing`` that a header
    cell of ``unknown`` (one naming no column read) is a near miss of, as :func:`did_you_mean`
    judges one, or "" when none is: a misspelled column is told as a misspelled field is."""
    cells = list(unknown)
    pairs = [f"{column!r} for {close[0]!r}" for column in missing
             if (close := nearest(column, cells, 1))]
    said = ", ".join(pairs[:-1]) + " and " + pairs[-1] if len(pairs) > 1 else "".join(pairs)
    return f"; did you mean {said}?" if pairs else ""


def nearest(value: str, names: Iterable[str], count: int, cutoff: float = 0.6) -> list[str]:
    """Up to ``count`` of ``names`` closest to ``value`` in any letter case, the closest first,
    each at least ``cutoff`` alike (difflib's ratio)."""
    folded: dict[str, str] = {}
    for name in names:
        folded.setdefault(name.casefold(), name)
    return [folded[n] for n in difflib.get_close_matches(value.casefold(), list(folded),
                                                         n=count, cutoff=cutoff)]


def causes(exc: BaseException) -> Iterator[BaseException]:
    """``exc``, then each error it arose from: the one it was raised from, else the one being
    handled when it was raised (as a traceback shows them). Each once: a chain can loop
    (``raise err from err``), as the traceback module guards against too."""
    seen: set[int] = set()
    link: BaseException | None = exc
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        yield link
        link = link.__cause__ or link.__context__


class SojournError(Exception):
    """Root of every error sojourn raises on purpose."""


class InputError(SojournError, ValueError):
    """Bad data in a file or argument supplied by the user; holds one or more problems."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__("\n".join(str(p) for p in self.problems))


class RulePackError(InputError):
    """Problems found while loading or validating a rule pack."""


class UsageError(SojournError, ValueError):
    """A request that cannot be answered as asked (conflicting options, unknown rule id...)."""


class Gathered:
    """The problems of several independent readings told at once, as one error: each value
    of one invocation (an option, a profile's field) is read through :meth:`read`, and the
    block ends with every problem found, each on its own line, the first as it would be told
    alone. A run stopped at its first bad option would make the user fix one a run.

        with Gathered() as gathered:
            day = gathered.read(day_option, on, "--on")
            years = gathered.read(whole, age, "--age", 0, 150)

    A reading that fails gives None in place of its value, so only readings go in the block:
    the values are used after it, when the block has raised if any of them failed."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._first: type[SojournError] | None = None

    def read(self, reader: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return reader(*args, **kwargs)
        except InputError as exc:
            self.add(exc.problems, type(exc))
        except UsageError as exc:  # its text is one problem told whole
            self.add([Problem(None, None, None, None, str(exc))], UsageError)
        return cast(T, None)

    def add(self, problems: Iterable[Problem], kind: type[SojournError] = InputError) -> None:
        """``problems`` found otherwise than by a reading, told as if raised as ``kind``."""
        found = list(problems)
        if found:
            self._first = self._first or kind
            self.problems.extend(found)

    def __enter__(self) -> Gathered:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        # an error raised in the block after a reading failed may come of the None given in
        # its place: the readings' problems are the answer
        if self.problems:
            raise self.error() from None

    def error(self) -> SojournError:
        """One error of every problem gathered, of the kind the first was raised as (the
        kind a caller of the first reading alone would catch)."""
        if self._first is UsageError:
            return UsageError("\n".join(str(p) for p in self.problems))
        if self._first is RulePackError:
            return RulePackError(self.problems)
        return InputError(self.problems)
