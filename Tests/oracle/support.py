"""Shared helpers for the oracle tests: where the switchboard binary and the fixtures are, and how to run it.

The oracle tests compare the `switchboard` command with graphql-core (installed in the same Python
environment), document by document. Paths can be overridden with environment variables:

- SWITCHBOARD_BIN: the binary (default: <repo>/.build/debug/switchboard, built by `swift build`)
- SWITCHBOARD_FIXTURES: the shared fixtures (default: <repo>/../shared/fixtures)
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
ORACLE_DIR = Path(__file__).resolve().parent
CORPUS_DIR = ORACLE_DIR / "corpus"
SWITCHBOARD_BIN = Path(os.environ.get("SWITCHBOARD_BIN", REPO_ROOT / ".build" / "debug" / "switchboard"))
FIXTURES_DIR = Path(os.environ.get("SWITCHBOARD_FIXTURES", REPO_ROOT.parent / "shared" / "fixtures"))

# Generous: the debug build formats the 1.2 MB schema in a few seconds, but CI machines are slow.
TIMEOUT_SECONDS = 300


def read_text(path: Path) -> str:
    """The file's text exactly as stored: UTF-8, with its CR and CRLF line endings kept."""
    with open(path, encoding="utf-8", newline="") as file:
        return file.read()


def fixture_documents() -> list[Path]:
    """Every GraphQL document among the shared fixtures."""
    return sorted(FIXTURES_DIR.glob("*.graphql"))


def corpus_documents(name: str) -> list[Path]:
    """The documents of one corpus folder (Tests/oracle/corpus/<name>/*.graphql)."""
    return sorted((CORPUS_DIR / name).glob("*.graphql"))


def run_switchboard(*args: str | Path, input: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the switchboard binary with text I/O (UTF-8, no newline translation) and capture its output."""
    if not SWITCHBOARD_BIN.is_file():
        raise FileNotFoundError(
            f"switchboard binary not found at {SWITCHBOARD_BIN}: run `swift build` first or set SWITCHBOARD_BIN"
        )
    process = subprocess.run(
        [str(SWITCHBOARD_BIN), *map(str, args)],
        input=None if input is None else input.encode("utf-8"),
        capture_output=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    return subprocess.CompletedProcess(
        process.args,
        process.returncode,
        process.stdout.decode("utf-8"),
        process.stderr.decode("utf-8"),
    )
