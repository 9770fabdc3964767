"""``report``: the whole case on a day, as text, JSON or calendar events."""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sojourn.cli._common import guarded, json_text, rule_pack, stdout_console, warn
from sojourn.cli._options import (
    WAYS_IN,
    Assume,
    By,
    Citizenship,
    History,
    On,
    PackDir,
    choice,
    citizenship_option,
    day_option,
    not_a_file_name,
)
from sojourn.cli.app import app
from sojourn.errors import Gathered, InputError, Problem
from sojourn.outputs import (
    check_not_input,
    check_output,
    resolved,
    write_bytes_atomically,
)

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
    by: By = None,
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
    from sojourn.report import case_report, earlier_revisions, to_ics

    # - is standard output, as Unix tools read it; ./- is a file named -
    problem = not_a_file_name(to, "--output") if to is not None else None
    output = None if to is None or to == "-" or problem is not None else Path(to)
    with Gathered() as gathered:  # every bad value told at once
        gathered.add([problem] if problem is not None else [])
        chosen = gathered.read(choice, fmt, ("text", "json", "ics"), "--format")
        fmt = gathered.read(_report_format, chosen, output)
        if output is not None:
            gathered.read(check_output, output, "--output", "deadlines.ics")
            gathered.read(check_not_input, output, "--output", {"HISTORY": history})
        hist = gathered.read(load_history, history)
        rules = gathered.read(rule_pack, pack)
        day = gathered.read(day_option, on, "--on")
        code = gathered.read(citizenship_option, citizenship)
        way = gathered.read(choice, by, WAYS_IN, "--by")
    case = case_report(hist, rules, on=day, citizenship=code, assume=tuple(assume or ()),
                       today=dt.date.today(),  # a recorded entry after it is not made yet
                       # away, the report tells an entry (or, present, the earliest day
                       # back): made that way, as status --by judges it
                       by=way)
    warn(case.stay.warnings)
    if fmt == "ics":
        # one person's events, by their file; those the file overwritten holds unchanged keep
        # their revision, so that an app does not take them for updated
        earlier = (earlier_revisions(output.read_bytes())
                   if output is not None and output.is_file() else None)
        data = to_ics(case, str(resolved(history)), earlier=earlier)
        if output:
            write_bytes_atomically(output, data)
        else:
            sys.stdout.buffer.write(data)
        return
    if fmt == "json":
        text = json_text(case_json(case)) + "\n"
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
        print_case(case, stdout_console())
