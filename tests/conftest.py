"""Shared fixtures: the frozen test dataset, the minimal good one, overlays of bad files."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

pytest_plugins = ["browser_support"]

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "good"
BAD = FIXTURES / "bad"
FROZEN = FIXTURES / "frozen"  # a frozen copy of the seed curation: tests may pin its counts
REPO = Path(__file__).parent.parent
SHIPPED = REPO / "data"  # tested for invariants only (test_shipped_data.py)


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


@pytest.fixture(scope="session")
def frozen():
    """The frozen test dataset, loaded once: (dataset, problems)."""
    from nktracker.load import load_dataset

    return load_dataset(FROZEN)


@pytest.fixture
def frozen_copy(tmp_path: Path) -> Path:
    """A writable copy of the frozen test dataset."""
    dest = tmp_path / "data"
    shutil.copytree(FROZEN, dest)
    return dest


def cases_with_records() -> list[str]:
    """The bad/ cases that leave some claim in place: pages must draw those claims."""
    from nktracker.load import load_dataset

    out = []
    for case in sorted(p.name for p in BAD.iterdir()):
        with tempfile.TemporaryDirectory() as tmp:
            dataset, _ = load_dataset(overlay(case, Path(tmp) / "data"))
        if dataset.claims:
            out.append(case)
    return out
