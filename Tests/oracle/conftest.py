"""pytest configuration for the oracle tests: fixtures shared by every test_*.py here."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import support  # noqa: E402


@pytest.fixture(scope="session")
def switchboard_bin() -> Path:
    """The switchboard binary; fails the test (not skips it) when it has not been built."""
    if not support.SWITCHBOARD_BIN.is_file():
        pytest.fail(f"switchboard binary not found at {support.SWITCHBOARD_BIN}: run `swift build` or set SWITCHBOARD_BIN")
    return support.SWITCHBOARD_BIN


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    if not support.FIXTURES_DIR.is_dir():
        pytest.fail(f"fixtures not found at {support.FIXTURES_DIR}: set SWITCHBOARD_FIXTURES")
    return support.FIXTURES_DIR


@pytest.fixture(scope="session")
def run_switchboard(switchboard_bin: Path):
    """`run_switchboard(*args, input=None)` runs the binary and returns a CompletedProcess with text stdout/stderr."""
    return support.run_switchboard
