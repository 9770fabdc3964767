"""The README's examples are the real output of the commands they show."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from readme_examples import README, blocks, run, update

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


def test_update_keeps_an_output_cut_by_hand() -> None:
    # --update wrote back the whole output, and with it a time that changes from run to run
    text = ("```console\n$ sojourn rules list\nstale\nstale\n...\n"
            "$ sojourn rules validate  # first 1 lines\nstale\n...\n```")
    listed = run("sojourn rules list").splitlines()
    assert update(text) == ("```console\n$ sojourn rules list\n" + "\n".join(listed[:2])
                            + "\n...\n$ sojourn rules validate  # first 1 lines\n"
                            + run("sojourn rules validate").rstrip("\n") + "\n```")
    assert update(update(text)) == update(text)


def test_the_script_runs_this_checkout_s_code() -> None:
    # run as a script, it imported whatever sojourn was installed (another checkout's, say),
    # and --update wrote that code's output into this README
    script = Path(__file__).with_name("readme_examples.py")
    probe = (f"import runpy, sys; sys.argv = ['readme_examples.py']; "
             f"runpy.run_path({str(script)!r}, run_name='__main__'); "
             "import sojourn; print(sojourn.__file__)")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env=env, cwd=script.parents[1] / "examples", timeout=60, check=True)
    assert Path(done.stdout.strip()).resolve().is_relative_to(script.parents[1] / "src")


def test_the_readme_lists_every_value_a_profile_field_takes() -> None:
    from typing import get_args

    from sojourn.history import models

    text = README.read_text(encoding="utf-8")
    fields = {"documents[].type": models.DocumentIn.model_fields["type"],
              "documents[].form": models.DocumentIn.model_fields["form"],
              "service[].kind": models.ServiceIn.model_fields["kind"],
              "trips[].by": models.TripIn.model_fields["by"],
              "permits[].kind": models.PermitIn.model_fields["kind"],
              "charges[].wanted": models.ChargeIn.model_fields["wanted"]}
    for name, field in fields.items():
        row = next(line for line in text.splitlines() if line.startswith(f"| `{name}` |"))
        listed = set(re.findall(r"`([a-z_]+)`", row.split("|")[2]))
        values = {v for arg in get_args(field.annotation) for v in (get_args(arg) or (arg,))
                  if isinstance(v, str)}
        assert values <= listed, (name, values - listed)
