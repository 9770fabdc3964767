"""Keep the documents' examples real: every ```console block's `$ sojourn ...` commands are run.

The documents are README.md and every docs/*.md file. `python tests/readme_examples.py --update`
rewrites each block of each of them with the commands' real output; tests/test_readme.py fails
when a document and the real output differ. A command ending in `# first N lines` is compared on
the first N lines of its output, which the block shows followed by a line `...`; a block whose
output ends with a line `...` is compared on the lines shown before it only, and --update keeps
it so.
"""

from __future__ import annotations

import re
import shlex
import shutil
import sys
from pathlib import Path

from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)
# where the examples write their outputs, as the documents advise: a directory of the user's
# own (not /tmp, which every user may write in), made for each command and removed after it
OUT = ROOT / "out"


def documents() -> list[Path]:
    """README.md, then every docs/*.md file in name order: the files whose examples are run."""
    return [README, *sorted(DOCS.glob("*.md"))]


def run(command: str) -> str:
    """stdout and stderr of one `sojourn ...` command, run from the repository root."""
    import os

    from sojourn.cli import app  # here, once __main__ has put this checkout's src first

    args = shlex.split(command)
    assert args[0] == "sojourn", command

    here = Path.cwd()
    os.chdir(ROOT)
    made = not OUT.exists()
    if made:
        OUT.mkdir(mode=0o700)
    try:
        result = CliRunner().invoke(app, args[1:], terminal_width=100)
    finally:
        os.chdir(here)
        if made:  # no personal data left in the checkout by a test run
            shutil.rmtree(OUT, ignore_errors=True)
    return result.output


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
