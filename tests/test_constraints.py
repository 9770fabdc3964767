"""constraints.txt pins the versions `make` installs: every requirement of pyproject.toml is
pinned there, to a version its range admits, and the environment the tests run in holds those
versions (`make` installed them)."""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


def read_pins(text: str) -> dict[str, str]:
    """``name==version`` per line, after a header of ``#`` lines; anything else is an error
    naming its line, since `pip -c` would read a range as a range and pin nothing."""
    pins: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        name, sep, version = line.partition("==")
        if not sep or not name or not version or any(c in version for c in "<>=!~,; "):
            raise ValueError(f"constraints.txt line {number}: {line!r} is not name==version")
        key = canonicalize_name(name)
        if key in pins:
            raise ValueError(f"constraints.txt line {number}: {name} is pinned twice")
        pins[key] = version
    return pins


PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# what the environment holds, and what only the isolated build of sojourn itself uses
INSTALLED = [Requirement(text) for text in (*PROJECT["project"]["dependencies"],
                                            *PROJECT["project"]["optional-dependencies"]["dev"])]
BUILD = [Requirement(text) for text in PROJECT["build-system"]["requires"]]


PINS = read_pins((ROOT / "constraints.txt").read_text(encoding="utf-8"))


@pytest.mark.parametrize("requirement", [*INSTALLED, *BUILD], ids=str)
def test_every_requirement_is_pinned_within_its_range(requirement: Requirement) -> None:
    pinned = PINS.get(canonicalize_name(requirement.name))
    assert pinned is not None, f"{requirement.name} is not pinned in constraints.txt"
    assert requirement.specifier.contains(pinned, prereleases=True), (
        f"constraints.txt pins {requirement.name}=={pinned}, outside pyproject's {requirement}")


@pytest.mark.parametrize("requirement", INSTALLED, ids=str)
def test_the_environment_holds_the_pinned_versions(requirement: Requirement) -> None:
    installed = importlib.metadata.version(requirement.name)
    pinned = PINS[canonicalize_name(requirement.name)]
    assert installed == pinned, (
        f"{requirement.name} {installed} is installed, constraints.txt pins {pinned}: "
        "run `make test` to install the pinned versions")


@pytest.mark.parametrize(("text", "words"), [
    ("# header\npolars>=2.1\n", "line 2: 'polars>=2.1' is not name==version"),
    ("polars==2.1.0\nPolars==2.0.0\n", "line 2: Polars is pinned twice"),
    ("polars==2.1.0; python_version<'4'\n", "is not name==version"),
])
def test_a_pin_that_is_not_exact_is_refused_at_its_line(text: str, words: str) -> None:
    with pytest.raises(ValueError, match=re.escape(words)):
        read_pins(text)
