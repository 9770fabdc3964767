"""Time the everyday commands as a person runs them: each in a fresh process, Python's start,
imports and the rule pack included, beside the baselines no command can beat.

    .venv/bin/python benchmarks/cli.py [--repeat 7] [--keep-bytecode-setting]

For each command it prints the median wall time (and the range) of ``--repeat`` runs, with
the checked pack kept between runs (rules/stored.py: "warm", as every run after a person's
first) and with a cache folder empty at each run ("cold", a first run, or a changed pack or
sojourn). Baselines: a bare ``python -c pass``, and importing the command line's modules
alone. Every command's output is checked to be the same warm and cold.

Python writes and reads compiled bytecode (``__pycache__``) on a person's machine; an
environment with PYTHONDONTWRITEBYTECODE set (some CI images) compiles every module at every
start, about a third of a second more. The benchmark unsets it for its commands unless
``--keep-bytecode-setting`` is given, and says which it measured.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAUNCH = "import sys; from sojourn.cli import main; sys.argv = ['sojourn', *sys.argv[1:]]; main()"

COMMANDS: list[tuple[str, ...]] = [
    ("status", "examples/relocant.yaml", "--country", "KZ", "--on", "2023-01-05"),
    ("plan", "examples/relocant.yaml", "--country", "KZ", "--length", "30",
     "--from", "2023-02-20"),
    ("report", "examples/relocant.yaml", "--on", "2023-01-05"),
    ("destinations", "examples/relocant.yaml", "--on", "2023-01-05"),
    ("permit", "examples/relocant.yaml", "--country", "KZ", "--permit",
     "kz-permit-permanent-2015", "--on", "2022-11-01"),
    ("risk", "examples/deserter.yaml", "--country", "AM", "--on", "2024-02-01"),
    ("entry", "--citizenship", "RU", "--document", "internal_passport", "--to", "AZ",
     "--by", "land", "--on", "2022-09-25"),
    ("rules", "list"),
    ("rules", "validate"),
]


def _timed(argv: list[str], env: dict[str, str]) -> tuple[float, bytes]:
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, check=False)
    took = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv[3:])} exited {done.returncode}: {done.stderr.decode()}")
    return took, done.stdout


def _median(times: list[float]) -> str:
    return f"{statistics.median(times):6.2f} s ({min(times):.2f}-{max(times):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs of each command (default 7)")
    parser.add_argument("--keep-bytecode-setting", action="store_true",
                        help="leave PYTHONDONTWRITEBYTECODE as the environment has it")
    args = parser.parse_args()
    env = dict(os.environ)
    if not args.keep_bytecode_setting:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    bytecode = "off (compiled at every start)" if env.get("PYTHONDONTWRITEBYTECODE") else "on"
    print(f"{args.repeat} runs each, fresh processes; compiled bytecode kept: {bytecode}; "
          f"load average {os.getloadavg()[0]:.2f}\n")

    with tempfile.TemporaryDirectory(prefix="sojourn-cli-bench-") as scratch:
        warm = {**env, "SOJOURN_CACHE_DIR": str(Path(scratch) / "warm")}
        python = [sys.executable]
        # one untimed run: bytecode written, the warm cache filled
        _timed([*python, "-c", LAUNCH, "rules", "list"], warm)
        bare = [_timed([*python, "-c", "pass"], env)[0] for _ in range(args.repeat)]
        imports = [_timed([*python, "-c", "import sojourn.cli"], env)[0]
                   for _ in range(args.repeat)]
        print(f"{'baseline':<14} {'python -c pass':<28} {_median(bare)}")
        print(f"{'':<14} {'import sojourn.cli':<28} {_median(imports)}\n")
        print(f"{'command':<14} {'warm (pack kept)':<28} {'cold (pack checked)':<28}")
        for number, command in enumerate(COMMANDS):
            argv = [*python, "-c", LAUNCH, *command]
            warm_times, cold_times = [], []
            outputs = set()
            for run in range(args.repeat):
                cold = {**env, "SOJOURN_CACHE_DIR": str(Path(scratch) / f"cold-{number}-{run}")}
                took, out = _timed(argv, warm)
                warm_times.append(took)
                outputs.add(out)
                took, out = _timed(argv, cold)
                cold_times.append(took)
                outputs.add(out)
            if len(outputs) != 1:
                sys.exit(f"{' '.join(command)}: the output differs between runs")
            print(f"{' '.join(command[:2]) if command[0] == 'rules' else command[0]:<14} "
                  f"{_median(warm_times):<28} {_median(cold_times):<28}")
    print("\nwarm: the checked pack read from the cache (every run after the first); cold: the "
          "pack's YAML parsed and checked, as at a first run or after the pack or sojourn changed")


if __name__ == "__main__":
    main()
