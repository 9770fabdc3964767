"""Shared test configuration: the YAML case plugin (see yaml_cases.py), and named pipes that
cannot hang a test."""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from yaml_cases import pytest_collect_file

__all__ = ["fifo", "pytest_collect_file"]

# No property test has a time limit: Hypothesis's default deadline (200 ms an example) is a
# timed assertion, which failed a test of the interval algebra on the shared 2-core machine
# under load and passed on a rerun. Speed is the benchmarks' to measure, not the tests'.
# The profiles tests/test_properties.py registers set no deadline either.
settings.register_profile("sojourn", deadline=None)
settings.load_profile("sojourn")

# The checked rule pack kept between runs (src/sojourn/rules/stored.py) goes to a folder of this
# test run's own, which the commands the tests start in processes of their own inherit: a test
# run neither writes to the user's cache nor is helped by what an earlier run left there.
_PACK_CACHE = tempfile.mkdtemp(prefix="sojourn-test-pack-cache-")
os.environ["SOJOURN_CACHE_DIR"] = _PACK_CACHE
atexit.register(shutil.rmtree, _PACK_CACHE, ignore_errors=True)


@pytest.fixture
def fifo() -> Iterator[Callable[[Path], Path]]:
    """Make a named pipe at a path. Should the code under test open one to read, which waits
    until something writes to it, a writer comes after a few seconds and writes nothing, so
    that the test fails (on an empty file) instead of hanging."""
    made: list[Path] = []
    done = threading.Event()

    def make(path: Path) -> Path:
        os.mkfifo(path)
        made.append(path)
        return path

    def rescue() -> None:
        if done.wait(3):
            return
        while not done.wait(0.2):
            for path in made:
                with contextlib.suppress(OSError):  # opens only while a reader waits
                    os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))

    thread = threading.Thread(target=rescue, daemon=True)
    thread.start()
    yield make
    done.set()
    thread.join()
