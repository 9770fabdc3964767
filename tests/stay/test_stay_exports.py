"""The facade of sojourn.stay is its contract: ``__all__`` names every public name the package
holds, in order, and every name the rest of the project imports from it; the implementation
modules behind it stay private."""

from __future__ import annotations

import ast
from pathlib import Path

import sojourn.stay

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "sojourn" / "stay"


def imports_from_stay() -> dict[str, set[str]]:
    """Each module outside the package that imports from ``sojourn.stay`` or one of its modules
    (src, tests, benchmarks), by the module imported from, with the names it imports."""
    found: dict[str, set[str]] = {}
    for folder in ("src", "tests", "benchmarks"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.is_relative_to(PACKAGE):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                        "sojourn.stay"):
                    found.setdefault(node.module or "", set()).update(
                        alias.name for alias in node.names)
    return found


def test_all_public_names_are_exported_sorted() -> None:
    # the order ruff's RUF022 keeps: constants, then classes, then functions, each alphabetical
    def isort_style(name: str) -> tuple[int, str]:
        return (0 if name.isupper() else 1 if name[0].isupper() else 2), name

    public = [name for name in vars(sojourn.stay) if not name.startswith("_")]
    assert sojourn.stay.__all__ == sorted(public, key=isort_style)


def test_every_exported_name_is_defined() -> None:
    missing = [name for name in sojourn.stay.__all__ if not hasattr(sojourn.stay, name)]
    assert missing == []


def test_every_name_imported_from_the_package_is_exported() -> None:
    imported = imports_from_stay()
    assert set(imported) <= {"sojourn.stay"}, "import sojourn.stay's names from the facade"
    assert imported["sojourn.stay"] - set(sojourn.stay.__all__) == set()
