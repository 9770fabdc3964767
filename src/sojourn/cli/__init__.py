"""The ``sojourn`` command line."""

from sojourn.cli.app import app, main

__all__ = ["app", "main"]
