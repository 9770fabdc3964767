"""benchmarks/cli.py runs end to end (so that the script docs/speed.md's figures on the
everyday commands come from keeps working), timing every command warm and cold."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).parents[1] / "benchmarks" / "cli.py"


def test_every_everyday_command_is_timed_warm_and_cold() -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), "--repeat", "1"], capture_output=True,
                          text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("1 runs each, fresh processes; compiled bytecode kept: on")
    timed = {line.split("  ")[0].strip(): line for line in lines if line.count(" s (") == 2}
    assert set(timed) == {"status", "plan", "report", "destinations", "permit", "risk", "entry",
                          "rules list", "rules validate"}
    assert any(line.startswith("baseline       python -c pass") for line in lines)
