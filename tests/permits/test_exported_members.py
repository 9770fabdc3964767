"""The facade of sojourn.permits is its contract: ``__all__`` names every public name the package
holds, sorted, and the implementation modules behind it stay private."""

from __future__ import annotations

import sojourn.permits


def test_all_public_names_are_exported_sorted() -> None:
    public = [name for name in vars(sojourn.permits) if not name.startswith("_")]
    assert sojourn.permits.__all__ == sorted(public)


def test_every_exported_name_is_defined() -> None:
    missing = [name for name in sojourn.permits.__all__ if not hasattr(sojourn.permits, name)]
    assert missing == []
