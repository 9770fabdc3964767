"""Any bytes at all, read as a travel history, give a history or an InputError naming the
file: never another exception (which the CLI would report as an internal error)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sojourn.errors import InputError
from sojourn.history import load_history

settings.register_profile("fuzz-ci", max_examples=1000, deadline=None, derandomize=True,
                          database=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz-dev", max_examples=20_000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
PROFILE = settings.get_profile(
    "fuzz-dev" if os.environ.get("SOJOURN_HYPOTHESIS_PROFILE") == "dev" else "fuzz-ci")

# Pieces of the forms a history takes and of the ways they go wrong, so that drawn texts come
# near enough to a valid history to get past the first check and reach the later ones.
PIECES = [
    "country", "entry", "exit", ",", "\n", "\r\n", "\r", '"', "'", " ", "\t", "\ufeff", "\x00",
    "é", "\x85", "\u2028", "KZ", "kz", "XX", "2023-01-01", "2023-02-30", "0001-01-01",
    "9999-12-31", "2023-1-1", "23-01-01", "version: 1", "person:", "citizenships: [RU]",
    "trips:", "- ", "  ", "{", "}", "[", "]", ":", ": ", "country: KZ", "entry: 2023-01-01",
    "exit:", "registrations:", "permits:", "charges:", "on: ", "valid_from: ", "article: ",
    "part: ", "documents:", "type: ", "by: land", "&a ", "*a", "<<: *a", "? ", "|", ">", "#",
    "---\n", "...\n", "%YAML 1.1\n", "null", "~", "true", "1e9999", "9" * 30, "0x10", "1:30",
    "030", "!!int ", "!!float ", "!!str ", "!!timestamp ", "!!binary ", "!!set ", "!!omap ",
    "!!python/object ",
]
texts = st.one_of(st.text(max_size=200),
                  st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
encodings = st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "utf-16"])


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # hypothesis runs the body many times in one test: a function-scoped tmp_path would be
    # shared by them all anyway, and hypothesis refuses one; each type's file is rewritten
    return tmp_path_factory.mktemp("fuzz")


@PROFILE
@given(text=texts, suffix=st.sampled_from([".csv", ".yaml", ".yml", ".json"]),
       encoding=encodings)
def test_any_text_is_a_history_or_an_input_error(scratch: Path, text: str, suffix: str,
                                                 encoding: str) -> None:
    path = scratch / f"history{suffix}"
    path.write_bytes(text.encode(encoding, errors="replace"))
    try:
        load_history(path)
    except InputError as exc:
        assert exc.problems
        assert all(p.file == str(path) for p in exc.problems)
        assert all(str(p) for p in exc.problems)
