"""The ``sojourn`` command line."""

# isort: off
# each module registers its commands with the app as it is imported: --help lists them in
# this order
from sojourn.cli import stay, entry, permit, risk, report, batch, rules  # noqa: F401
# isort: on
from sojourn.cli.app import app, main

__all__ = ["app", "main"]
