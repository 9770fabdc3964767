"""The tests judge this checkout's code, not whatever sojourn the environment has installed
(pyproject's ``pythonpath = ["src"]``)."""

from __future__ import annotations

from pathlib import Path

import sojourn


def test_sojourn_is_imported_from_this_checkout() -> None:
    src = Path(__file__).resolve().parents[1] / "src"
    assert Path(sojourn.__file__).resolve().is_relative_to(src)
