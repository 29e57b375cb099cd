"""Shared fixtures: the good fixture data set, overlays of bad files, the shipped data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest_plugins = ["browser_support"]

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "good"
BAD = FIXTURES / "bad"
REPO = Path(__file__).parent.parent
SHIPPED = REPO / "data"


def overlay(case: str, dest: Path) -> Path:
    """A copy of good/ with the broken file of one bad/ case laid over it."""
    shutil.copytree(GOOD, dest)
    for broken in (BAD / case).rglob("*"):
        if broken.is_file():
            target = dest / broken.relative_to(BAD / case)
            if broken.read_bytes() == b"DELETE":
                target.unlink()
            else:
                shutil.copyfile(broken, target)
    return dest


@pytest.fixture
def good_dir(tmp_path: Path) -> Path:
    """A writable copy of the minimal valid data set (1 article, 2 sources, 2 claims)."""
    dest = tmp_path / "data"
    shutil.copytree(GOOD, dest)
    return dest


@pytest.fixture
def shipped_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped data/ folder."""
    dest = tmp_path / "data"
    shutil.copytree(SHIPPED, dest)
    return dest
