"""The ``sojourn`` command line."""

from sojourn.cli import batch  # noqa: F401  (registers the batch and flows commands)
from sojourn.cli.app import app, main

__all__ = ["app", "main"]
