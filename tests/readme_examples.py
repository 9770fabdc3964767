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
"""

from __future__ import annotations

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
# where the examples write their outputs, as the documents advise: a directory of the user's
# own (not /tmp, which every user may write in), made for each command and removed after it
OUT = ROOT / "out"


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
    assert args[0] == "sojourn", command
    return CliRunner().invoke(app, args[1:], terminal_width=100).output


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
    out = []
    for match in SESSION.finditer(text):
        before = blocks(text[: match.start()])
        assert before, "a Python session comes after the command whose outputs it reads"
        out.append((re.sub(r"\s*#\s*first \d+ lines", "", before[-1][0]), match.group(1)))
    return out


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


def blocks(text: str) -> list[tuple[str, list[str]]]:
    """(command, shown output lines) for each command in each console block."""
    out = []
    for match in BLOCK.finditer(text):
        current: str | None = None
        lines: list[str] = []
        for line in match.group(1).splitlines():
            if line.startswith("$ sojourn "):
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
    as many lines as it showed."""
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

    return BLOCK.sub(fill, text)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))  # as pytest does: this checkout's code, not an install
    if "--update" in sys.argv:
        for path in documents():
            text = path.read_text(encoding="utf-8")
            new = update(text)
            if new != text:
                path.write_text(new, encoding="utf-8")
                print(f"updated {path.relative_to(ROOT)}")
