"""Click and Typer made to tell bad usage as sojourn tells it: help that names what each
parameter takes, an option given two different values refused, and every usage error
one line on stderr with exit code 2."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any, NoReturn

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from sojourn.cli._common import F, fail
from sojourn.countries import fold_code
from sojourn.dates import parse_iso_date
from sojourn.errors import shown

# Click's usage error (a missing or unknown option, an extra argument), reached through the
# public typer.BadParameter whether Typer uses Click or its own copy of it.
_ClickUsageError: type[Exception] = typer.BadParameter.__bases__[0]
_COMMAND = "sojourn.command"  # ctx.meta key: the command path being parsed


class _Argument(TyperArgument):
    """An argument as help names it: by its metavar alone (HISTORY), with no Python type
    beside it (<path>) and no braces around it in the usage line ({history})."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def get_usage_pieces(self, ctx: Any) -> list[str]:
        return [self.display_name_raw if self.required else f"[{self.display_name_raw}]"]


def _plain(param: Any) -> Any:
    """``param`` as help shows it: an argument by its metavar, a flag (--json, --help) with
    nothing beside it. Typer shows Python types (<str>, <bool>), which tell a user nothing;
    every other option names what it takes with its own metavar (DATE, CODE, FILE)."""
    if isinstance(param, TyperArgument):
        param.__class__ = _Argument
    elif getattr(param, "is_flag", False):
        param.metavar = ""
    return param


class _Command(TyperCommand):
    """A command whose help names what each parameter takes (see :func:`_plain`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            _plain(param)
        if self.help and not self.short_help:
            # a group's list of commands shows the docstring's first paragraph with its line
            # breaks kept (Typer's rich mode), cutting its sentence mid-line: one line instead
            self.short_help = " ".join(self.help.split("\n\n")[0].split())

    def get_help_option(self, ctx: Any) -> Any:
        return _plain(super().get_help_option(ctx))

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        given = list(args)  # Click's parser consumes the list it is handed
        rest: list[str] = super().parse_args(ctx, args)
        clash = _clash(self.params, given)
        if clash is not None and not ctx.resilient_parsing:
            ctx.fail(clash)
        return rest


def _as_read(metavar: str | None, value: str) -> object:
    """``value`` as the commands read an option of that kind: codes folded (``kz`` is KZ),
    dates parsed; a value they would refuse is left as given, for them to refuse."""
    if metavar == "CODE":
        return fold_code(value)
    if metavar == "DATE":
        with contextlib.suppress(ValueError):
            return parse_iso_date(value)
    return value


def _clash(params: list[Any], args: list[str]) -> str | None:
    """What is wrong when an option that takes one value is given two different ones
    (``--on 2023-06-01 --on 2023-07-01``, ``--visa --no-visa``), or None. Click keeps the
    last and drops the others unseen, so a command could answer a question it was not asked.
    The same value twice is no clash, however spelled (``--country kz --country KZ``): a
    script may add --json to a line that has it."""
    spelled = {opt: param for param in params if getattr(param, "param_type_name", "") == "option"
               for opt in (*param.opts, *param.secondary_opts)}
    seen: dict[Any, list[tuple[str, object, object]]] = {}
    tokens = iter(args)
    for token in tokens:
        if token == "--":  # what follows is arguments, whatever it looks like
            break
        opt, has_value, value = token.partition("=")
        param = spelled.get(opt)
        if param is None:
            continue
        if param.is_flag:  # --visa is True, --no-visa False, whichever name says it
            said: object = opt in param.opts
            read = said
        else:
            said = value if has_value else next(tokens, None)
            read = said if said is None else _as_read(param.metavar, said)
        if not (param.multiple or param.count):
            seen.setdefault(param, []).append((opt, said, read))
    for param, uses in seen.items():
        meanings: dict[object, object] = {}  # each meaning, as first spelled
        for _, said, read in uses:
            meanings.setdefault(read, said)
        values = list(meanings.values())
        if len(values) < 2:
            continue
        names = list(dict.fromkeys(opt for opt, _, _ in uses))
        if param.is_flag:
            return f"{' and '.join(names)} say opposite things; give one of them"
        who = (f"{names[0]} is" if len(names) == 1
               else f"{' and '.join(names)} are one option,")
        return (f"{who} given {len(values)} different values "
                f"({', '.join(str(shown(v)) for v in values)}); give it once")
    return None


class SojournGroup(TyperGroup):
    """Click's usage errors told as sojourn tells bad usage: one line on stderr, exit 2,
    with the accepted form or a "did you mean", instead of Typer's box."""

    def get_help_option(self, ctx: Any) -> Any:
        return _plain(super().get_help_option(ctx))

    # ctx: Any, as Typer's own Context class is private to it
    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:  # an error with no context of its own is told under it
            ctx.meta[_COMMAND] = f"{ctx.command_path} {command.name or name}"
        return name, command, rest

    def make_context(self, info_name: str | None, args: list[str],
                     parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except _ClickUsageError as exc:
            _usage_error(exc, info_name or "sojourn")

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except _ClickUsageError as exc:
            _usage_error(exc, ctx.meta.get(_COMMAND, ctx.command_path))


# An option another command takes, given to one that takes it in another form: the closest
# spelling Click finds would point the wrong way (report --json to --on, plan --on to --json).
_OPTION_HINTS = {
    ("report", "--json"): "did you mean --format json?",
    ("report", "--country"): "the report is on the country the history has you in on --on",
    ("plan", "--on"): "plan takes --from DATE, the first day to consider",
    ("status", "--from"): "status takes --on DATE, the day to judge (plan takes --from)",
    ("entry", "--country"): "did you mean --to CODE?",
    ("risk", "--to"): "did you mean --country CODE?",
    ("permit", "--to"): "did you mean --country CODE?",
    ("flows", "--on"): "flows takes --from DATE and --to DATE, the first and last day",
    # a host asked of a command that answers for every host, or that names it otherwise:
    # Click's closest spelling was --document (destinations), --out (flows), --on (status,
    # rules coverage) or --json (plan)
    ("destinations", "--country"): "destinations judges every host of the pack; for one "
                                   "host, `sojourn status --country CODE`",
    ("flows", "--country"): "flows counts every country of the log, one row per country and "
                            "day (its column country)",
    ("rules coverage", "--country"): "coverage lists every host; `sojourn rules list "
                                     "--country CODE` keeps one host's rules",
    ("status", "--to"): "did you mean --country CODE?",
    ("plan", "--to"): "did you mean --country CODE? (the stay's days are --length DAYS)",
    # a visa is said on the command line to entry alone: these read it from the profile
    **{(command, flag): f"{command} judges the profile's visa documents valid on --on "
                        "(type: visa, country: the state that issued it)"
       for command in ("destinations", "report") for flag in ("--visa", "--no-visa")},
    ("batch", "--format"): "the outputs' form follows their names (.parquet or .csv), and "
                           "--json prints the summary as JSON",
}


class Refused(typer.BadParameter):
    """A value a parser of ours refused, its message a :class:`Problem`'s words after the
    name of the parameter, which the parser is not told: see :func:`file_path`."""


def _usage_error(exc: Exception, where: str) -> NoReturn:
    if type(exc).__name__ == "NoArgsIsHelpError":  # the help is shown: leave it as it is
        raise exc
    ctx = getattr(exc, "ctx", None)
    path = ctx.command_path if ctx is not None else where
    see = f"`{path} --help` shows the accepted form"
    param = getattr(exc, "param", None)
    if hasattr(exc, "possibilities"):  # an unknown option: Click's closest matches first
        given = str(getattr(exc, "option_name", ""))
        close = list(getattr(exc, "possibilities", None) or ())
        hint = (_OPTION_HINTS.get((path.partition(" ")[2], given))
                or (f"did you mean {close[0]}?" if close else see))
        message = f"{path} has no option {given}; {hint}"
    elif isinstance(exc, Refused) and param is not None:  # told as sojourn's own problems
        opts = [o for o in getattr(param, "opts", ()) if o.startswith("--")]
        message = f"{opts[0] if opts else param.metavar}: {exc.message}"
    elif hasattr(exc, "param_type") and param is not None:  # a missing option or argument
        opts = [o for o in getattr(param, "opts", ()) if o.startswith("--")]
        what = opts[0] if opts else str(getattr(param, "name", "") or "an argument").upper()
        helped = str(getattr(param, "help", None) or "").strip().rstrip(".")
        message = f"{path} needs {what}" + (f" ({helped})" if helped else f"; {see}")
    else:  # Click's words, as one clause: "got unexpected extra argument (x)"
        text = exc.format_message().strip().rstrip(".")  # type: ignore[attr-defined]
        text = text.replace(". Did you mean", "; did you mean")
        message = f"{path}: {text[:1].lower()}{text[1:]}" + ("" if "did you mean" in text
                                                              else f"; {see}")
    from rich.markup import escape

    fail(escape(message))


class SojournTyper(typer.Typer):
    """A Typer app whose commands are :class:`_Command` unless one asks for another class:
    Typer builds each command itself, from the class given to ``command`` (TyperCommand by
    default), so Click's ``Group.command_class`` never reaches them."""

    def command(self, name: str | None = None, *, cls: type[TyperCommand] | None = None,
                **kwargs: Any) -> Callable[[F], F]:
        return super().command(name, cls=cls or _Command, **kwargs)
