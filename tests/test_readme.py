"""The README's examples are the real output of the commands they show."""

from __future__ import annotations

import re

import pytest

from readme_examples import README, blocks, run

EXAMPLES = blocks(README.read_text(encoding="utf-8"))


def test_the_readme_has_examples_of_every_command() -> None:
    shown = " ".join(c for c, _ in EXAMPLES)
    for command in ("status", "plan", "entry", "destinations", "permit", "risk", "report",
                    "rules list", "rules show", "rules validate", "rules coverage"):
        assert f"sojourn {command}" in shown, command


@pytest.mark.parametrize(("command", "shown"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_example_matches_the_real_output(command: str, shown: list[str]) -> None:
    clean = re.sub(r"\s*#\s*first \d+ lines", "", command)
    real = run(clean).rstrip("\n").splitlines()
    if shown and shown[-1] == "...":
        shown = shown[:-1]
        real = real[: len(shown)]
    assert real == shown, "README is stale: run `python tests/readme_examples.py --update`"
