"""The error chain helper that the full-disk and TLS-handshake checks share."""

from __future__ import annotations

import errno

from sojourn.batch.work_directory import no_space
from sojourn.errors import causes


def _raised_from(exc: BaseException, cause: BaseException | None = None,
                 context: BaseException | None = None) -> BaseException:
    exc.__cause__, exc.__context__ = cause, context
    return exc


def test_causes_follows_the_cause_else_the_context() -> None:
    root = ValueError("root")
    handled = _raised_from(KeyError("handled"), context=root)
    top = _raised_from(RuntimeError("top"), cause=handled, context=OSError("skipped"))
    assert [str(e) for e in causes(top)] == ["top", "'handled'", "root"]


def test_a_chain_that_loops_is_walked_once() -> None:
    # `raise err from err` makes an error its own cause: the loops each check had walked it
    # for ever
    looped = OSError("no space?")
    looped.__cause__ = looped
    assert list(causes(looped)) == [looped]
    assert no_space(looped) is False
    full = OSError(errno.ENOSPC, "No space left on device")
    outer = _raised_from(RuntimeError("write failed"), cause=full)
    full.__context__ = outer
    assert no_space(outer) is True
