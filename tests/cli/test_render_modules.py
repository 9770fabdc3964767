"""Each command imports the renderer of its own answer alone: a module of the render package,
imported by itself, loads no other command's renderer but those whose answers it prints."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import sojourn.cli.render

ROOT = Path(__file__).resolve().parents[2]
# what a renderer prints of another command's answer: `report` prints a stay, permits and the
# exposure; a stay's answer has its plan line
PRINTS_TOO = {"case": {"permit", "plan", "risk", "stay"}, "stay": {"plan"}}
RENDERERS = sorted(m.name for m in pkgutil.iter_modules(sojourn.cli.render.__path__)
                   if not m.name.startswith("_"))


def test_every_command_has_its_renderer() -> None:
    assert RENDERERS == ["case", "destinations", "entry", "permit", "plan", "risk", "rules",
                         "stay"]


@pytest.mark.parametrize("renderer", RENDERERS)
def test_a_renderer_loads_only_what_it_prints(renderer: str) -> None:
    script = ("import sys; import sojourn.cli.render." + renderer + "; "
              "print(' '.join(sorted(m.rpartition('.')[2] for m in sys.modules "
              "if m.startswith('sojourn.cli.render.'))))")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, env=env, check=True)
    loaded = set(done.stdout.split()) - {"_common", "_hosts"}
    assert loaded == {renderer, *PRINTS_TOO.get(renderer, ())}
