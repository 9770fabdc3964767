"""Keep the documents' examples real: every ```console block's `$ sojourn ...` commands are run.

The documents are README.md and every docs/*.md file. `python tests/readme_examples.py --update`
rewrites each block of each of them with the commands' real output; tests/test_readme.py fails
when a document and the real output differ. A command ending in `# first N lines` is compared on
the first N lines of its output, which the block shows followed by a line `...`; a block whose
output ends with a line `...` is compared on the lines shown before it only, and --update keeps
it so.

A ```pycon block is a Python session reading the outputs of the last `$ sojourn ...` command
shown before it: tests/test_readme.py runs that command, then the session as a doctest. Its
output is written by hand (--update leaves it alone) and must match.

A ```text block whose info string names a file (```text out/persons.parquet) is a Markdown table
of some rows and columns of that file, as the last `$ sojourn ...` command shown before it writes
it: each row is found by its first cell, and each cell shown must be the file's (`null` for a
null, `true`/`false`, dates as YYYY-MM-DD). --update rewrites its cells from the file, and
names the table, rows and columns it cannot fill, which the file does not have.
"""

from __future__ import annotations

import datetime as dt
import doctest
import io
import os
import re
import shlex
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)
SESSION = re.compile(r"```pycon\n(.*?)```", re.S)
TABLE = re.compile(r"```text (\S+)\n(.*?)```", re.S)
# where the examples write their outputs, as the documents advise: a directory of the user's
# own (not /tmp, which every user may write in), made for each command and removed after it
OUT = ROOT / "out"


class TableMismatch(Exception):
    """A table of an output file that --update cannot fill: it shows a row or a column the file
    does not have."""


def documents() -> list[Path]:
    """README.md, then every docs/*.md file in name order: the files whose examples are run."""
    return [README, *sorted(DOCS.glob("*.md"))]


def run(command: str) -> str:
    """stdout and stderr of one `sojourn ...` command, run from the repository root."""
    with _in_root():
        return _invoke(command)


def _invoke(command: str) -> str:
    from sojourn.cli import app  # here, once __main__ has put this checkout's src first

    args = shlex.split(command)
    # NAME=value words before the command set its environment, as a shell would
    env = {}
    while args and "=" in args[0] and args[0].split("=")[0].isidentifier():
        name, value = args.pop(0).split("=", 1)
        env[name] = value
    assert args[0] == "sojourn", command
    return CliRunner().invoke(app, args[1:], terminal_width=100, env=env).output


@contextmanager
def _in_root() -> Iterator[None]:
    """In the repository root, with OUT made for the while (unless it was there already)."""
    here = Path.cwd()
    os.chdir(ROOT)
    made = not OUT.exists()
    if made:
        OUT.mkdir(mode=0o700)
    try:
        yield
    finally:
        os.chdir(here)
        if made:  # no personal data left in the checkout by a test run
            shutil.rmtree(OUT, ignore_errors=True)


def sessions(text: str) -> list[tuple[str, str]]:
    """(command, session) for each ```pycon block: the last `$ sojourn ...` command shown
    before it, whose outputs it reads, and its text."""
    return [(_command_before(text, match.start()), match.group(1))
            for match in SESSION.finditer(text)]


def _command_before(text: str, start: int) -> str:
    """The last `$ sojourn ...` command shown before ``start``: the one whose outputs a block
    there reads, with its `# first N lines` left out."""
    before = blocks(text[:start])
    assert before, "a block reading a command's outputs comes after the command"
    return re.sub(r"\s*#\s*first \d+ lines", "", before[-1][0])


def run_session(command: str, session: str) -> str:
    """The doctest report of ``session`` run after ``command`` (its outputs in place): empty
    when every output it shows is the real one."""
    with _in_root():
        _invoke(command)
        test = doctest.DocTestParser().get_doctest(session, {}, "session", None, 0)
        report = io.StringIO()
        doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE).run(
            test, out=report.write)
        return report.getvalue()


def tables(text: str) -> list[tuple[str, str, list[list[str]]]]:
    """(command, file, rows) for each table of an output file: the last `$ sojourn ...` command
    shown before it, which writes the file; the file's name; the table's rows of cells, its
    header first (the line of dashes under it left out)."""
    return [(_command_before(text, match.start()), match.group(1), _cells(match.group(2)))
            for match in TABLE.finditer(text)]


def _cells(table: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in table.splitlines() if not re.fullmatch(r"\|[-|: ]*\|", line.strip())]


def _written(command: str, file: str, key: str) -> dict[str, dict[str, str]]:
    """The rows of ``file`` as ``command`` writes it, by their cell of column ``key``, each cell
    written as a table shows it."""
    import polars as pl

    with _in_root():
        _invoke(command)
        frame = (pl.read_parquet(file) if file.endswith(".parquet")
                 else pl.read_csv(file, infer_schema=False))
    return {_shown(row[key]): {name: _shown(value) for name, value in row.items()}
            for row in frame.iter_rows(named=True)}


def _shown(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def table_differences(command: str, file: str, rows: list[list[str]]) -> list[str]:
    """Each cell a table of ``file`` shows otherwise than ``command`` writes it, named by its
    row's first cell and its column; empty when every cell shown is the file's."""
    header, *shown = rows
    written = _written(command, file, header[0])
    out = []
    for row in shown:
        real = written.get(row[0])
        if real is None:
            out.append(f"{row[0]}: no row of {file} has {header[0]} {row[0]!r}")
            continue
        if len(row) != len(header):  # a cell left out, or a `|` too many
            out.append(f"{row[0]}: the row has {len(row)} cells, the header of the table of "
                       f"{file} {len(header)}")
            continue
        for column, cell in zip(header, row, strict=True):
            if column not in real:
                out.append(f"{row[0]}, {column}: {file} has no column {column!r}")
            elif real[column] != cell:
                out.append(f"{row[0]}, {column}: shown {cell!r}, written {real[column]!r}")
    return out


def _filled(command: str, file: str, rows: list[list[str]]) -> str:
    """The table of ``rows`` with each cell as ``command`` writes it, its columns aligned."""
    header, *shown = rows
    written = _written(command, file, header[0])
    columns = next(iter(written.values()), {})
    unknown = ([f"row {row[0]!r} (no row has {header[0]} {row[0]!r})"
                for row in shown if row[0] not in written]
               + [f"column {column!r}" for column in header if column not in columns])
    if unknown:
        raise TableMismatch(f"the table of {file} shows {', '.join(unknown)}, which `{command}` "
                            "does not write: correct or remove it by hand")
    rows = [header, *([written[row[0]][column] for column in header] for row in shown)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    return "\n".join([line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|",
                      *map(line, rows[1:])])


# a command shown in a console block: `$ sojourn ...`, after any NAME=value settings of its
# environment (`$ SOURCE_DATE_EPOCH=1767225600 sojourn report ...`)
COMMAND = re.compile(r"\$ (?:[A-Za-z_]\w*=\S* )*sojourn ")


def blocks(text: str) -> list[tuple[str, list[str]]]:
    """(command, shown output lines) for each command in each console block."""
    out = []
    for match in BLOCK.finditer(text):
        current: str | None = None
        lines: list[str] = []
        for line in match.group(1).splitlines():
            if COMMAND.match(line):
                if current is not None:
                    out.append((current, lines))
                current, lines = line[2:], []
            elif current is not None:
                lines.append(line)
        if current is not None:
            out.append((current, lines))
    return out


def update(text: str) -> str:
    """``text`` with every example's output run again. A `# first N lines` command keeps N lines;
    an output cut by hand with a last line `...` (a time that changes from run to run) keeps
    as many lines as it showed; a table of an output file keeps its rows and columns."""
    def fill(match: re.Match[str]) -> str:
        body = []
        for command, shown in blocks(match.group(0)):
            body.append(f"$ {command}")
            limit = len(shown) - 1 if shown and shown[-1] == "..." else None
            m = re.search(r"#\s*first (\d+) lines", command)
            if m:
                limit = int(m.group(1))
                command = command[: m.start()].rstrip()
            output = run(command).rstrip("\n").splitlines()
            if limit is not None and len(output) > limit:
                output = [*output[:limit], "..."]
            body.extend(output)
        return "```console\n" + "\n".join(body) + "\n```"

    def fill_table(match: re.Match[str]) -> str:
        command, file = _command_before(filled, match.start()), match.group(1)
        table = _filled(command, file, _cells(match.group(2)))
        return f"```text {file}\n{table}\n```"

    filled = BLOCK.sub(fill, text)
    return TABLE.sub(fill_table, filled)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))  # as pytest does: this checkout's code, not an install
    if "--update" in sys.argv:
        unfilled = []
        for path in documents():
            text = path.read_text(encoding="utf-8")
            # told as a sentence, not a traceback, once the other documents are updated
            try:
                new = update(text)
            except TableMismatch as exc:
                unfilled.append(f"{path.relative_to(ROOT)}: {exc}")
                continue
            if new != text:
                path.write_text(new, encoding="utf-8")
                print(f"updated {path.relative_to(ROOT)}")
        if unfilled:
            sys.exit("\n".join(unfilled))
