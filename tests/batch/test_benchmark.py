"""benchmarks/batch.py: the medians it reports over repeated runs, and one small run end to end
(so that the script docs/speed.md's figures come from keeps working)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import polars as pl
import pytest

from sojourn.batch.pipeline import Outputs

SCRIPT = Path(__file__).parents[2] / "benchmarks" / "batch.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_batch", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_the_median_run_carries_the_largest_peaks_and_the_range(bench: ModuleType) -> None:
    runs = [{"seconds": 3.0, "peak": 10, "worker_peak": 7, "digest": (1,)},
            {"seconds": 1.0, "peak": 30, "worker_peak": 5, "digest": (1,)},
            {"seconds": 2.0, "peak": 20, "worker_peak": 9, "digest": (1,)}]
    got = bench.median_run(runs)
    assert (got["seconds"], got["peak"], got["worker_peak"]) == (2.0, 30, 9)
    assert (got["fastest"], got["slowest"]) == (1.0, 3.0)
    assert bench.median_run(runs[:2])["seconds"] == 3.0  # an even count: the slower middle


def test_a_failed_or_inconsistent_run_is_reported_not_averaged(bench: ModuleType) -> None:
    good = {"seconds": 1.0, "peak": 1, "digest": (1,)}
    assert bench.median_run([good, {"error": "failed: boom"}]) == {"error": "failed: boom"}
    differing = bench.median_run([good, {**good, "digest": (2,)}])
    assert differing == {"error": "the outputs differ from one run to the next"}


def test_a_small_run_prints_every_row_and_the_verdicts(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--stays", "3000", "--sample", "5", "--repeat", "2",
         "--skip-dask", "--keep", str(tmp_path / "log.parquet")],
        capture_output=True, text=True, timeout=300, check=True)
    out = done.stdout
    assert out.startswith("3,000 stays of ")
    for row in ("scan baseline", "grouping baseline", "polars engine", "scalar engine"):
        assert f"\n{row} " in out
    assert out.count("median of 2: ") == 3  # the two baselines and the Polars engine
    assert "  polars engine: rate " in out and "dask engine" not in out
    assert (tmp_path / "log.parquet").is_file()


def test_repeat_must_be_positive() -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), "--repeat", "0"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "--repeat 0: expected 1 or more" in done.stderr


def test_the_digest_tells_rows_in_another_order(bench: ModuleType) -> None:
    frame = pl.DataFrame({"person_id": ["a", "b", "c"], "days": [1, 2, 3]})
    empty = pl.DataFrame()
    digest = bench._summary(Outputs(frame, empty, empty, 3, 0))["digest"]
    assert bench._summary(Outputs(frame.reverse(), empty, empty, 3, 0))["digest"] != digest
    assert bench._summary(Outputs(frame.clone(), empty, empty, 3, 0))["digest"] == digest
