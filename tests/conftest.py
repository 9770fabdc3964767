"""Shared test configuration: the YAML case plugin (see yaml_cases.py)."""

from yaml_cases import pytest_collect_file

__all__ = ["pytest_collect_file"]
