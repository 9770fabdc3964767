"""Typer commands. Every SojournError becomes a message on stderr and exit code 2, here only."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import signal
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar, overload

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperArgument, TyperCommand, TyperGroup

from sojourn.countries import code_hint, fold_code
from sojourn.dates import ISO_FORM, RANGE_FORM, check_in_range, parse_iso_date
from sojourn.errors import InputError, Problem, SojournError, shown
from sojourn.files import NUL_IN_NAME
from sojourn.outputs import (
    STOPPING,
    check_not_input,
    check_output,
    resolved,
    write_bytes_atomically,
)
from sojourn.words import LAST_SEEN_MARK, NO_END, count

if TYPE_CHECKING:
    from sojourn.rules.loader import Pack

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


class _Group(TyperGroup):
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
    # a visa is said on the command line to entry alone: these read it from the profile
    **{(command, flag): f"{command} judges the profile's visa documents valid on --on "
                        "(type: visa, country: the state that issued it)"
       for command in ("destinations", "report") for flag in ("--visa", "--no-visa")},
    ("batch", "--format"): "the outputs' form follows their names (.parquet or .csv), and "
                           "--json prints the summary as JSON",
}


class _Refused(typer.BadParameter):
    """A value a parser of ours refused, its message a :class:`Problem`'s words after the
    name of the parameter, which the parser is not told: see :func:`file_path`."""


def file_path(value: str) -> Path:
    """A file named on the command line (Typer's ``parser`` of every path parameter). Typer's
    own Path type reads "" as Path("."), so that an empty name (an unset shell variable in
    ``--out "$OUT"``) was told as the working directory, or broke a command that derives a
    name from it (batch's rejects file) with an internal error."""
    problem = _not_a_file_name(value, None)
    if problem is not None:
        raise _Refused(str(problem))
    return Path(value)


def _not_a_file_name(value: str, option: str | None) -> Problem | None:
    """Why ``value`` names no file, if it does not: it is empty, or it ends in a path
    separator, which Path drops (``-o reports/`` wrote a file named ``reports``)."""
    if not value:
        return Problem(option, None, None, "", "is empty", "a file name")
    if value.endswith(tuple(sep for sep in (os.sep, os.altsep) if sep)):
        return Problem(option, None, None, value, "is a directory name", "a file name")
    if "\0" in value:  # only from within Python (a command line cannot hold one)
        return Problem(option, None, None, value, NUL_IN_NAME, "a file name")
    return None


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
    elif isinstance(exc, _Refused) and param is not None:  # told as sojourn's own problems
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

    _fail(escape(message))


class _Typer(typer.Typer):
    """A Typer app whose commands are :class:`_Command` unless one asks for another class:
    Typer builds each command itself, from the class given to ``command`` (TyperCommand by
    default), so Click's ``Group.command_class`` never reaches them."""

    def command(self, name: str | None = None, *, cls: type[TyperCommand] | None = None,
                **kwargs: Any) -> Callable[[F], F]:
        return super().command(name, cls=cls or _Command, **kwargs)


app = _Typer(
    name="sojourn",
    help="How long may I stay, what must I do by when: stay rules as dated, sourced data.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals would print travel histories
    add_completion=False,
    cls=_Group,
)
rules_app = _Typer(help="The rule pack: list, show and validate its rules, and its coverage "
                        "per host and topic.", no_args_is_help=True, cls=_Group)
app.add_typer(rules_app, name="rules")

F = TypeVar("F", bound=Callable[..., Any])


def _out() -> Console:
    return Console(soft_wrap=True)


def _fail(message: str) -> NoReturn:
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

            _fail(escape(str(exc)).replace("\n", "\n  "))
        return None

    return wrapper  # type: ignore[return-value]


def _day(value: str | None, option: str) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        day = parse_iso_date(value)
    except ValueError as exc:
        raise InputError(Problem(option, None, None, value, str(exc), ISO_FORM)) from None
    try:
        return check_in_range(day)
    except ValueError as exc:
        raise InputError(Problem(option, None, None, value, str(exc), RANGE_FORM)) from None


def _whole(value: str | None, option: str, lo: int, hi: int) -> int | None:
    """An option's whole number from ``lo`` to ``hi``, or None when not given. Read here, not
    by Typer, so that a bad one is told as all bad input is (Typer boxes pydantic's words)."""
    if value is None:
        return None
    form = f"a whole number from {lo} to {hi}"
    text = value.strip()
    if not text.isascii() or not text.lstrip("+-").isdigit() or text.count("-") + text.count(
            "+") > 1:
        raise InputError(Problem(option, None, None, value, "is not a whole number", form))
    # more digits than the bound has is out of range, before int() (which refuses 4,300 digits)
    if len(text.lstrip("+-").lstrip("0")) > len(str(hi)) or not lo <= int(text) <= hi:
        raise InputError(Problem(option, None, None, value, "is out of range", form))
    return int(text)


def _warn(warnings: tuple[str, ...]) -> None:
    err = Console(stderr=True, soft_wrap=True)
    for w in warnings:
        # the warning is text (it may quote a file name or a cell): only the label is markup
        err.print(f"[yellow]warning:[/yellow] {escape(w)}", highlight=False, markup=True)


def _pack(pack_dir: str | None) -> Pack:
    """The rule pack a command answers from. A user's own pack (``--pack``) has its warnings
    told on stderr, as ``rules validate`` tells them: an overlap of stay rules one day too long
    changes the answers, and would otherwise show only to ``rules validate``."""
    from sojourn.rules.loader import load_pack

    loaded = load_pack(pack_dir)
    if pack_dir is not None:
        _warn(loaded.told_warnings())
    return loaded


History = Annotated[Path, typer.Argument(metavar="HISTORY", help="Trips: a .csv "
                                         "(country,entry,exit) or a .yaml/.json profile.",
                                         show_default=False, parser=file_path)]
Country = Annotated[str | None, typer.Option(
    "--country", metavar="CODE",
    help="Host country or zone (KZ, SCHENGEN); with --rule a comma list.")]
RuleSpec = Annotated[str | None, typer.Option(
    "--rule", metavar="SPEC",
    help="Ad-hoc regime instead of the pack, e.g. per-entry:60+rolling:90/180.")]
Citizenship = Annotated[str | None, typer.Option(
    "--citizenship", metavar="CODE", help="Passport judged (ISO code); default: the "
    "profile's. A CSV history needs it for the pack's rules.")]
Assume = Annotated[list[str] | None, typer.Option(
    "--assume", metavar="NAME", help="Pick a named variant of a contested rule (repeatable).")]
On = Annotated[str | None, typer.Option(
    "--on", metavar="DATE", help="Day to judge, YYYY-MM-DD (default today).")]
AsJson = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]
AsJsonList = Annotated[bool, typer.Option("--json", help="Print one JSON array.")]
# text, not a Path: Typer would read "" as Path(".") and load the working directory
PackDir = Annotated[str | None, typer.Option(
    "--pack", metavar="PATH",
    help="A rule pack directory, or one rule file, to use instead of the built-in one.")]


def _report(history: Path, country: str | None, rule: str | None, on: dt.date,
            citizenship: str | None, assume: list[str] | None, length: int | None,
            pack_dir: str | None, as_json: bool) -> None:
    from sojourn.explain import report_json
    from sojourn.history import load_history
    from sojourn.stay import stay_report

    hist = load_history(history)
    pack = _pack(pack_dir)
    report = stay_report(hist, pack, on=on, country=country, rule_spec=rule,
                         citizenship=_citizenship(citizenship), assume=tuple(assume or ()),
                         length=length, compare=True)
    from sojourn.destinations import with_document_end, with_other_passports_judged

    if length is None and rule is None:  # status: a stay had on a document, from the pack
        report = with_document_end(report, hist, pack, citizenship=_citizenship(citizenship),
                                   assume=tuple(assume or ()))
    report = with_other_passports_judged(report, hist, pack, assume=tuple(assume or ()))
    _warn(report.warnings)
    if as_json:
        print(json.dumps(report_json(report), ensure_ascii=False, indent=2))
        return
    from sojourn.cli.render.stay import print_report

    print_report(report, _out())


@app.command()
@guarded
def status(
    history: History,
    country: Country = None,
    rule: RuleSpec = None,
    on: On = None,
    citizenship: Citizenship = None,
    assume: Assume = None,
    as_json: AsJson = False,
    pack: PackDir = None,
) -> None:
    """How long may I stay from a day: days used, latest exit, overstays, registration."""
    _report(history, country, rule, _day(on, "--on"), citizenship, assume, None, pack, as_json)


@app.command()
@guarded
def plan(
    history: History,
    length: Annotated[str, typer.Option("--length", metavar="DAYS",
                                        help="Days of the planned stay.")],
    country: Country = None,
    rule: RuleSpec = None,
    from_: Annotated[str | None, typer.Option(
        "--from", metavar="DATE", help="First day to consider, YYYY-MM-DD (default today).")
    ] = None,
    citizenship: Citizenship = None,
    assume: Assume = None,
    as_json: AsJson = False,
    pack: PackDir = None,
) -> None:
    """When is the earliest I can enter for a stay of --length days?"""
    from sojourn.engine.kinds import MAX_DAYS  # a stay no longer than a rule's count of days

    days = _whole(length, "--length", 1, MAX_DAYS)
    _report(history, country, rule, _day(from_, "--from"), citizenship, assume, days, pack,
            as_json)


Document = Annotated[str, typer.Option(
    "--document", metavar="DOCUMENT",
    help="internal_passport, international_passport, birth_certificate or id_card.")]
By = Annotated[str | None, typer.Option("--by", metavar="WAY",
                                        help="Way in: land, air, rail or sea.")]
HostCountry = Annotated[str, typer.Option("--country", metavar="CODE", help="Host country.")]


def _emit(as_json: bool, payload: Callable[[], object], human: Callable[[Console], None]
          ) -> None:
    if as_json:
        print(json.dumps(payload(), ensure_ascii=False, indent=2))
    else:
        human(_out())


@overload
def _choice(value: str, allowed: tuple[str, ...], option: str) -> str: ...
@overload
def _choice(value: str | None, allowed: tuple[str, ...], option: str) -> str | None: ...
def _choice(value: str | None, allowed: tuple[str, ...], option: str) -> str | None:
    """``value`` as one of ``allowed`` (all lower case), read as codes are: stripped, in any
    case (--by LAND is --by land, as --country kz is KZ); else an InputError."""
    if value is None:
        return None
    chosen = value.strip().lower()
    if chosen not in allowed:
        raise InputError(Problem(option, None, None, value, "is not accepted",
                                 "one of " + ", ".join(allowed)))
    return chosen


@app.command()
@guarded
def entry(
    citizenship: Annotated[str, typer.Option("--citizenship", metavar="CODE",
                                             help="Passport's country (ISO code, e.g. RU).")],
    document: Document,
    to: Annotated[str, typer.Option("--to", metavar="CODE", help="Host country or zone.")],
    by: By = None,
    on: On = None,
    age: Annotated[str | None, typer.Option(
        "--age", metavar="YEARS",
        help="Age on the day (default: from --history's profile, else adult).")] = None,
    visa: Annotated[bool | None, typer.Option(
        "--visa/--no-visa",
        help="Whether you hold a visa the host counts on the day (issued by it, or by a member "
             "of the zone that was one when it issued it), where the document needs one "
             "(default: not said; the answer is then yes with one, no without).")] = None,
    document_expires: Annotated[str | None, typer.Option(
        "--document-expires", metavar="DATE",
        help="Last day, YYYY-MM-DD, of the document, judged against how long the host "
             "wants it valid where the pack says (default: not said).")] = None,
    history: Annotated[Path | None, typer.Option(
        "--history", metavar="HISTORY", parser=file_path,
        help="Your trips (.csv or profile): an overstay in them may bring an entry ban, the "
             "country they have you in on the day is the one you leave (its exit rules are "
             "judged), and a profile's birth gives the age (default: none said, no ban "
             "judged).")] = None,
    assume: Assume = None,
    as_json: AsJson = False,
    pack: PackDir = None,
) -> None:
    """May I enter there with this document, this way, on this day?"""
    from sojourn.cli.render.entry import print_entry
    from sojourn.entry import age_on, check_entry
    from sojourn.explain import entry_json
    from sojourn.history import load_history
    from sojourn.penalties import BanLine
    from sojourn.stay import stay_report

    by = _choice(by, _BY, "--by")
    document = _choice(document, _DOCUMENTS, "--document")
    loaded = _pack(pack)
    host = fold_code(to)
    if not loaded.is_host(host):
        raise InputError(Problem("--to", None, None, to,
                                 "is not a country code or a zone" + code_hint(to),
                                 "an ISO 3166-1 alpha-2 code such as AZ, or SCHENGEN"))
    code, day = _country(citizenship, "--citizenship"), _day(on, "--on")
    years = _whole(age, "--age", 0, 150)
    bans: tuple[BanLine, ...] = ()
    leaving: list[str] = []
    if history is not None:
        # the bans run from the overstays the host's stay rules find, as `status` finds them
        hist = load_history(history)
        stay = stay_report(hist, loaded, on=day, country=host, citizenship=code,
                           assume=tuple(assume or ()))
        _warn(stay.warnings)
        bans = stay.entry_bans
        # where the history has the person on the day is the state the trip leaves, whose
        # exit rules are judged first, as destinations judges them
        leaving = [s.country for s in hist.stays_on(day)]
        person = hist.profile.person if hist.profile else None
        if years is None and person is not None:
            # a profile's birth gives the age, as destinations takes it: "judged as an adult"
            # let a child in on a document its rule admits from 14 only
            years = age_on(person.born, day, hist)
    answer = check_entry(loaded, citizenship=code,
                         document=document, to=host, on=day, by=by,
                         age=years,
                         assume=tuple(assume or ()), visa=visa,
                         document_expires=_day(document_expires, "--document-expires")
                         if document_expires is not None else None, bans=bans,
                         leaving=leaving)
    _emit(as_json, lambda: entry_json(answer), lambda c: print_entry(answer, c))


@app.command()
@guarded
def destinations(
    history: History,
    on: On = None,
    citizenship: Citizenship = None,
    document: Annotated[list[str] | None, typer.Option(
        "--document", metavar="DOCUMENT",
        help="Documents held (repeatable); default: the profile's.")] = None,
    by: By = None,
    assume: Assume = None,
    as_json: AsJson = False,
    pack: PackDir = None,
) -> None:
    """Every host in the pack: may I enter on that day, and for how long could I stay?"""
    from sojourn.cli.render.destinations import print_destinations
    from sojourn.destinations import destinations as find
    from sojourn.destinations import ended_documents
    from sojourn.explain import destination_json, destinations_freshness
    from sojourn.history import load_history
    from sojourn.stay import history_warnings

    by = _choice(by, _BY, "--by")
    document = [_choice(d, _DOCUMENTS, "--document") for d in document or []] or None
    day = _day(on, "--on")
    hist = load_history(history)
    code = _citizenship(citizenship)
    items = find(hist, _pack(pack), on=day, citizenship=code, documents=document, by=by,
                 assume=tuple(assume or ()))
    warnings = history_warnings(hist, code)
    _warn(warnings)
    _emit(as_json, lambda: {"on": day.isoformat(),
                            "destinations": [destination_json(d) for d in items],
                            "freshness": destinations_freshness(items, day),
                            "warnings": list(warnings)},
          lambda c: print_destinations(items, day, c,
                                       ended=[] if document else ended_documents(hist, day)))


@app.command()
@guarded
def permit(
    history: History,
    country: HostCountry,
    # optional here so that a missing one is answered with the host's permit rules
    permit_id: Annotated[str | None, typer.Option(
        "--permit", metavar="RULE_ID",
        help="A permit rule id of the host (required; `sojourn rules list` lists them, topic "
             "permit).")] = None,
    apply_on: Annotated[str | None, typer.Option(
        "--apply-on", metavar="DATE",
        help="Day you mean to file, YYYY-MM-DD (default: the last day allowed).")] = None,
    on: On = None,
    citizenship: Citizenship = None,
    assume: Assume = None,
    as_json: AsJson = False,
    pack: PackDir = None,
) -> None:
    """What a residence permit needs, what is missing, and by when each step must start."""
    from sojourn.cli.render.permit import print_permit
    from sojourn.errors import UsageError
    from sojourn.explain import permit_json
    from sojourn.history import load_history
    from sojourn.permits import no_permit_rules, permit_plan, permit_rules_named

    rules = _pack(pack)
    host = _country(country, "--country")
    day = _day(on, "--on")
    if permit_id is None:
        # where the pack has no permit rules, --permit has nothing to choose from: not asked for
        raise UsageError(no_permit_rules(rules, host) or "sojourn permit needs --permit "
                         f"RULE_ID; {permit_rules_named(rules, host, on=day)}")
    answer = permit_plan(load_history(history), rules,
                         country=host,
                         permit_id=permit_id, on=day,
                         apply_on=_day(apply_on, "--apply-on") if apply_on is not None else None,
                         citizenship=_citizenship(citizenship), assume=tuple(assume or ()),
                         compare=True)
    _warn(answer.stay.warnings)
    _emit(as_json, lambda: permit_json(answer), lambda c: print_permit(answer, c))


@app.command()
@guarded
def risk(
    history: History,
    country: HostCountry,
    on: On = None,
    citizenship: Citizenship = None,
    assume: Assume = None,
    as_json: AsJson = False,
    pack: PackDir = None,
) -> None:
    """Extradition exposure in a host, and liability for foreign army service. Not legal advice."""
    from sojourn.cli.render.risk import print_risk
    from sojourn.explain import risk_json
    from sojourn.history import load_history
    from sojourn.risk import assess_risk

    hist = load_history(history)
    code = _citizenship(citizenship)
    answer = assess_risk(hist, _pack(pack), country=_country(country, "--country"),
                         on=_day(on, "--on"), citizenship=code, assume=tuple(assume or ()))
    _warn(answer.warnings)
    _emit(as_json, lambda: risk_json(answer), lambda c: print_risk(answer, c))


# the formats whose files have a name ending of their own
_FORMAT_ENDINGS = {".json": "json", ".ics": "ics"}


def _report_format(fmt: str | None, output: Path | None) -> str:
    """The form ``report`` writes in: --format's, else the one the -o name ends in, else
    text. A --format the name contradicts is refused: ``-o deadlines.ics`` without
    --format wrote the text report under a calendar's name, which a calendar app refuses."""
    ending = output.suffix.lower() if output is not None else ""
    named = _FORMAT_ENDINGS.get(ending)
    if fmt is None:
        return named or "text"
    if named is not None and named != fmt:
        raise InputError(Problem("--output", None, None, str(output),
                                 f"names a {ending} file, and --format is {fmt}",
                                 f"--format {named}, or a file name that does not end {ending}"))
    return fmt


@app.command()
@guarded
def report(
    history: History,
    on: On = None,
    citizenship: Citizenship = None,
    assume: Assume = None,
    fmt: Annotated[str | None, typer.Option(
        "--format", metavar="FORMAT", help="text, json or ics (default: as the -o name ends, "
        ".json or .ics; else text).")] = None,
    # text, not a Path: pathlib reads ./- as -, and only a bare - means standard output
    to: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Write to this file instead of standard output "
        "('-' is standard output; ./- names a file called -).")] = None,
    pack: PackDir = None,
) -> None:
    """A case report on where you are on --on: stay, deadlines, permits, alternatives, exposure."""
    from sojourn.explain import case_json
    from sojourn.history import load_history
    from sojourn.report import case_report, to_ics

    # - is standard output, as Unix tools read it; ./- is a file named -
    problem = _not_a_file_name(to, "--output") if to is not None else None
    if problem is not None:
        raise InputError(problem)
    output = None if to is None or to == "-" else Path(to)
    fmt = _report_format(_choice(fmt, ("text", "json", "ics"), "--format"), output)
    if output is not None:
        check_output(output, "--output", "deadlines.ics")
        check_not_input(output, "--output", {"HISTORY": history})
    case = case_report(load_history(history), _pack(pack), on=_day(on, "--on"),
                       citizenship=_citizenship(citizenship), assume=tuple(assume or ()))
    _warn(case.stay.warnings)
    if fmt == "ics":
        data = to_ics(case, str(resolved(history)))  # one person's events, by their file
        if output:
            write_bytes_atomically(output, data)
        else:
            sys.stdout.buffer.write(data)
        return
    if fmt == "json":
        text = json.dumps(case_json(case), ensure_ascii=False, indent=2) + "\n"
        if output:
            write_bytes_atomically(output, text.encode())
        else:
            print(text, end="")
        return
    from sojourn.cli.render.case import print_case

    if output:
        buffer = io.StringIO()
        print_case(case, Console(file=buffer, soft_wrap=True, no_color=True))
        write_bytes_atomically(output, buffer.getvalue().encode())
    else:
        print_case(case, _out())


def _citizenship(value: str | None) -> str | None:
    """``--citizenship`` as a code, or None when it is not given. A value given is checked,
    an empty one too: each command that reads it says the same of a typo."""
    from sojourn.stay import citizenship_code

    return None if value is None else citizenship_code(value)


def _country(value: str, option: str) -> str:
    from sojourn.countries import COUNTRY_FORM, is_country

    code = fold_code(value)
    if not is_country(code):
        raise InputError(Problem(option, None, None, value,
                                 "is not a country code" + code_hint(value), COUNTRY_FORM))
    return code


_DOCUMENTS = ("internal_passport", "international_passport", "birth_certificate", "id_card")
_BY = ("land", "air", "rail", "sea")


@rules_app.command("coverage")
@guarded
def rules_coverage(
    citizenship: Annotated[str, typer.Option("--citizenship", metavar="CODE",
                                             help="Citizenship whose rules are covered (ISO "
                                             "code).")] = "RU",
    on: On = None,
    as_json: AsJsonList = False,
    pack: PackDir = None,
) -> None:
    """Per host and topic: what is encoded, its confidence, and what is unknown."""
    from sojourn.cli.render.rules import print_coverage
    from sojourn.explain import coverage_json
    from sojourn.rules.coverage import SINCE, coverage

    code = _country(citizenship, "--citizenship")
    day = _day(on, "--on")
    if day < SINCE:
        # the table spans the corridor's period up to the day: before it begins, there is none
        # ("from 1 January 2022 to 1 June 2021")
        raise InputError(Problem("--on", None, None, on or day.isoformat(),
                                 f"is before {SINCE.isoformat()}, where the coverage begins",
                                 f"a date from {SINCE.isoformat()}"))
    cells = coverage(_pack(pack), code, day)
    _emit(as_json, lambda: coverage_json(cells), lambda c: print_coverage(cells, code, day, c))


@rules_app.command("list")
@guarded
def rules_list(as_json: AsJsonList = False, pack: PackDir = None) -> None:
    """Every rule in the pack: id, host, dates, confidence."""
    from sojourn.explain import rule_json

    loaded = _pack(pack)
    if as_json:
        print(json.dumps([rule_json(r) for r in loaded.rules], ensure_ascii=False, indent=2))
        return
    from sojourn.rules.select import apply

    def told(own: object, default: object, text: str) -> str:
        return text + ("*" if default != own else "")

    rows = [("id", "host", "citizens", "topic", "from", "to", "conf.", "variants")]
    # the dates and confidence the answers use: the default account's, where it sets them
    ruled = [(r, apply(r, r.variant(None))) for r in loaded.rules]
    for r, a in sorted(ruled, key=lambda ra: (ra[0].host, ra[0].topic, ra[1].valid_from)):
        rows.append((r.id, r.host, ",".join(r.citizenships), r.topic,
                     told(r.valid_from, a.valid_from, a.valid_from.isoformat()),
                     told(r.valid_to, a.valid_to,
                          (LAST_SEEN_MARK if a.last_seen else "") + a.valid_to.isoformat()
                          if a.valid_to else NO_END),
                     told(r.confidence, a.confidence, a.confidence),
                     ",".join(v.name for v in r.variants) or "-"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:  # plain aligned text: never truncated, easy to grep
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    if any("*" in cell for row in rows[1:] for cell in row[4:7]):
        print("*: set by the rule's default variant (its account the answers use unless "
              "--assume names another); `sojourn rules show ID` gives every account")
    if any(a.last_seen for _, a in ruled):
        # an end a source last saw, in a column of known ends, read as the day it ended
        print(f"{LAST_SEEN_MARK}: in force to at least that day, the last day its sources "
              "show it in force, not a known end")


@rules_app.command("show")
@guarded
def rules_show(rule_id: Annotated[str, typer.Argument(metavar="RULE_ID",
                                                      help="A rule id from `rules list`.")],
               as_json: AsJson = False, pack: PackDir = None) -> None:
    """One rule with its constraints, sources, confidence and variants."""
    from sojourn.explain import rule_json

    loaded = _pack(pack)
    rule = loaded.rule(rule_id)
    if rule is None:
        from sojourn.errors import UsageError, did_you_mean

        raise UsageError(f"no rule {shown(rule_id)} in the pack"
                         + (did_you_mean(rule_id, (r.id for r in loaded.rules))
                            or "; `sojourn rules list` shows the ids"))
    if as_json:
        print(json.dumps(rule_json(rule), ensure_ascii=False, indent=2))
        return
    from sojourn.cli.render.rules import print_rule

    print_rule(rule, _out())


@rules_app.command("validate")
@guarded
def rules_validate(path: Annotated[str | None, typer.Argument(  # str: "" is no Path(".")
        metavar="PATH", help="A rule file or directory (default: the built-in pack).")
                   ] = None) -> None:
    """Check a rule pack and report every problem with its file and line."""
    from sojourn.rules.loader import load_pack

    loaded = load_pack(path)
    _warn(loaded.warnings)
    where = str(path) if path is not None else "the built-in pack"
    warned = f", {count(len(loaded.warnings), 'warning')} above" if loaded.warnings else ""
    counts = ", ".join(count(len(items), *what) for items, what in (
        (loaded.rules, ("rule",)), (loaded.zones, ("zone",)), (loaded.blocs, ("bloc",)),
        (loaded.offences, ("offence",)),
        (loaded.calendars, ("year of days off by decree", "years of days off by decree"))))
    _out().print(f"{where}: {counts}; no problems{warned}.", highlight=False)


def _terminated(signum: int, frame: object) -> NoReturn:
    """SIGTERM (sent by kill, timeout, a container's or CI's cancel), SIGHUP (the terminal
    closed, an SSH session dropped) and SIGQUIT (Ctrl-\\) end the run as Ctrl-C does: by an
    exception, so that outputs being written are removed, not left half-written (or whole,
    under a hidden name), with exit code 128 + the signal's number."""
    raise SystemExit(128 + signum)


class _Watched:
    """Standard output (or its byte stream) as the commands write to it, noting a write that
    fails, so that a full disk or a device that takes nothing (``> /dev/full``) is told as
    such, not as a bug. Everything else is the stream's own."""

    failed: OSError | None = None  # the first failed write, on either stream

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, data: Any) -> Any:
        return self._guard(self._stream.write, data)

    def flush(self) -> None:
        self._guard(self._stream.flush)

    @property
    def buffer(self) -> _Watched:
        return _Watched(self._stream.buffer)

    def _guard(self, call: Callable[..., Any], *args: Any) -> Any:
        try:
            return call(*args)
        except OSError as exc:
            _Watched.failed = _Watched.failed or exc
            raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _stdout_failed(exc: OSError) -> NoReturn:
    """Say that standard output took not all of the answer, and exit 2. Its descriptor is
    pointed at /dev/null first, so that Python's last flush on exit cannot fail again."""
    import errno
    import os

    why = exc.strerror or os.strerror(exc.errno or errno.EIO)
    Console(stderr=True, soft_wrap=True).print(
        f"[red]error:[/red] standard output cannot be written ({why}); what it shows is "
        "incomplete; expected standard output to a terminal, a pipe, or a file on a disk with "
        "room for it (`report` writes a file itself with -o FILE)", highlight=False)
    with contextlib.suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    sys.exit(2)


_ESCAPE = "sojourn.escape"


def _json_escape(exc: UnicodeError) -> tuple[str, int]:
    """A character the stream's encoding lacks, written as JSON escapes it: \\u2014, an astral
    one as its two UTF-16 halves. Chosen over "replace", whose ? loses the character and looks
    like a real ?, and over "backslashreplace", whose \\xe9 and \\U0001f600 are no JSON: any
    character outside ASCII in a JSON answer is in a string, where \\u2014 reads back as the
    character itself, and in text it still tells exactly what was meant."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    # surrogatepass: a lone surrogate (a file name's undecodable byte) is escaped too
    units = exc.object[exc.start:exc.end].encode("utf-16-be", "surrogatepass")
    escaped = "".join(f"\\u{units[i]:02x}{units[i + 1]:02x}" for i in range(0, len(units), 2))
    return escaped, exc.end


def _escaping(stream: Any) -> None:
    """Let ``stream`` print every answer whatever its encoding (PYTHONIOENCODING=ascii, a C
    locale without UTF-8): a character it cannot encode is escaped, not the end of the run
    halfway through the answer."""
    import codecs

    try:
        codecs.lookup_error(_ESCAPE)
    except LookupError:
        codecs.register_error(_ESCAPE, _json_escape)
    with contextlib.suppress(AttributeError, ValueError, OSError):  # not a text file, closed
        stream.reconfigure(errors=_ESCAPE)


def main() -> None:
    """Entry point: run the app, turning any unexpected failure into a message, not a trace."""
    for number in STOPPING:
        # Ctrl-C is Python's KeyboardInterrupt already; one ignored (nohup) stays ignored
        if number != signal.SIGINT and signal.getsignal(number) != signal.SIG_IGN:
            signal.signal(number, _terminated)
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            _escaping(stream)
    if sys.stdout is not None:  # None when started with standard output closed
        sys.stdout = _Watched(sys.stdout)
    try:
        try:
            app()
        finally:  # what is still buffered is written now, while a failure can be told
            if sys.stdout is not None:
                sys.stdout.flush()
    except SystemExit:
        raise
    except OSError as exc:
        if _Watched.failed is not None:
            _stdout_failed(_Watched.failed)
        _internal(exc)
    except Exception as exc:  # a bug: say so briefly, without locals or a traceback
        _internal(exc)
    except (KeyboardInterrupt, GeneratorExit):
        raise
    except BaseException as exc:  # a panic: pyo3 (polars) raises PanicException, no Exception
        _internal(exc)


def _internal(exc: BaseException) -> NoReturn:
    print(f"sojourn: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
    sys.exit(1)
