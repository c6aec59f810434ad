"""Shared fixtures: where the repository's seeds are, and the jiyao command line to compare with."""

import os
import pathlib
import shutil

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
SEEDS = REPO / "data" / "minutes"
EXPECTED = REPO / "crates" / "core" / "tests" / "expected"


@pytest.fixture(scope="session")
def seeds():
    """The three real Suzhou minutes, sorted by path."""
    files = sorted(p for p in SEEDS.iterdir() if not p.name.startswith("."))
    assert len(files) == 3
    return files


@pytest.fixture(scope="session")
def jiyao_bin():
    """The jiyao binary: $JIYAO_BIN (CI sets it: then it must exist), else a built one, else the test is skipped."""
    given = os.environ.get("JIYAO_BIN")
    if given:
        assert os.access(given, os.X_OK), f"JIYAO_BIN={given} is not an executable"
        return given
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    for candidate in (target / "debug" / "jiyao", target / "release" / "jiyao"):
        if os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which("jiyao")
    if found:
        return found
    pytest.skip("no jiyao binary: build it (cargo build) or set JIYAO_BIN")
