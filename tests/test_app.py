"""AppTest smoke tests for app.py."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from conftest import FROZEN, REPO, overlay


def run_app(monkeypatch, data_dir=FROZEN) -> AppTest:
    monkeypatch.setenv("NKTRACKER_DATA", str(data_dir))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    return at.run()


def test_app_shows_counts_without_exception(monkeypatch):
    at = run_app(monkeypatch)
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Claims"]) == 62
    assert int(metrics["Sources speaking"]) > 0


def test_app_reports_problems_and_keeps_valid_records(monkeypatch, tmp_path):
    data = overlay("invalid-value", tmp_path / "data")
    at = run_app(monkeypatch, data)
    assert not at.exception
    assert "1 data problem(s)" in at.expander[0].label
    assert "stance" in at.code[0].value
    assert {m.label: m.value for m in at.metric}["Claims"] == "1"
