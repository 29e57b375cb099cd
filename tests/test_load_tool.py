"""benchmarks/load.py, the protocol-level load test, end to end on the frozen data: every page
finishes in every session, with no exception and no dropped session."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FROZEN, REPO

LOAD = REPO / "benchmarks" / "load.py"
PAGE_NAMES = [
    "(overview)",
    "estimates",
    "map",
    "timeline",
    "sources",
    "claims",
    "briefing",
    "methodology",
]


@pytest.mark.slow
def test_two_sessions_finish_every_page(tmp_path: Path) -> None:
    out = tmp_path / "load.json"
    proc = subprocess.run(
        [sys.executable, str(LOAD), "--sessions", "2", "--rounds", "1"]
        + ["--data", str(FROZEN), "--json", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result = json.loads(out.read_text())["app"]
    assert result["exceptions"] == 0, result["error_lines"]
    assert result["dropped_sessions"] == 0, result["dropped_lines"]
    assert result["runs_finished"] == result["runs_expected"] == 2 * len(PAGE_NAMES)
    assert list(result["per_page"]) == PAGE_NAMES
    assert all(page["runs"] == 2 for page in result["per_page"].values())
    assert result["mb_per_session"] == result["mb_per_session"]  # measured, not NaN


def test_load_tool_and_bare_app_have_every_page_of_the_app() -> None:
    """The load test's page list is the app's, and the bare app has a script for each page."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import load
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    from nktracker.ui.pages import PAGES

    assert list(load.PAGES) == [p.url_path for p in PAGES]
    bare = REPO / "benchmarks" / "bare" / "views"
    assert {p.name for p in bare.glob("*.py")} - {"__init__.py"} == {
        Path(p.script).name for p in PAGES
    }
