"""What every command shares: where its answer goes, how its problems are told (every
SojournError becomes a message on stderr and exit code 2, here only), and the rule
pack it answers from."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from sojourn.errors import SojournError

if TYPE_CHECKING:
    from sojourn.rules.loader import Pack


F = TypeVar("F", bound=Callable[..., Any])


def stdout_console() -> Console:
    return Console(soft_wrap=True)


def fail(message: str) -> NoReturn:
    Console(stderr=True, soft_wrap=True).print(f"[red]error:[/red] {message}", highlight=False,
                                                markup=True)
    raise typer.Exit(2)


def guarded(func: F) -> F:
    """Map sojourn's errors to exit code 2 with a message; never show a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SojournError as exc:
            from rich.markup import escape

            fail(escape(str(exc)).replace("\n", "\n  "))
        return None

    return wrapper  # type: ignore[return-value]


def warn(warnings: tuple[str, ...]) -> None:
    err = Console(stderr=True, soft_wrap=True)
    for w in warnings:
        # the warning is text (it may quote a file name or a cell): only the label is markup
        err.print(f"[yellow]warning:[/yellow] {escape(w)}", highlight=False, markup=True)


def rule_pack(pack_dir: str | None) -> Pack:
    """The rule pack a command answers from. A user's own pack (``--pack``) has its warnings
    told on stderr, as ``rules validate`` tells them: an overlap of stay rules one day too long
    changes the answers, and would otherwise show only to ``rules validate``."""
    from sojourn.rules.loader import load_pack

    loaded = load_pack(pack_dir)
    if pack_dir is not None:
        warn(loaded.told_warnings())
    return loaded


# The version of the shape of the --json answers (docs/json.md#what-every-answer-shares):
# raised when a key is removed or renamed, or its value changes type or meaning; a key added
# leaves it as it is. A consumer checks it before reading an answer.
JSON_SCHEMA_VERSION = 1


def json_text(payload: object) -> str:
    """``payload`` as a command prints it with --json (or report's --format json): an object
    ends with ``schema_version``, so that a consumer can tell which shape it reads. A list
    (``rules list``, ``rules coverage``) is printed as it is: a key cannot be added to it
    without breaking the consumers that read it as a list."""
    if isinstance(payload, dict):
        payload = {**payload, "schema_version": JSON_SCHEMA_VERSION}
    return json.dumps(payload, ensure_ascii=False, indent=2)


def emit(as_json: bool, payload: Callable[[], object], human: Callable[[Console], None]
         ) -> None:
    if as_json:
        print(json_text(payload()))
    else:
        human(stdout_console())
