"""Smoke tests of the benchmarks: synth.py writes valid data at scale, bench_pages.py times pages.

The benchmark scripts are not a package; they are imported from benchmarks/ by name.
"""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest

from conftest import FROZEN, REPO
from nktracker.load import load_dataset


def bench_module(name: str, monkeypatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(REPO / "benchmarks"))
    return importlib.import_module(name)


def test_synth_at_2x_loads_with_no_problem_and_twice_the_claims(tmp_path, monkeypatch):
    synth = bench_module("synth", monkeypatch)
    frozen, _ = load_dataset(FROZEN)
    out = synth.generate(2, tmp_path / "x2", seed=3, data=FROZEN)
    dataset, problems = load_dataset(out)
    assert problems == []
    assert len(dataset.claims) == 2 * len(frozen.claims)
    assert len(dataset.sources) > 1.5 * len(frozen.sources)
    assert len(dataset.quantities) == 2 * len(frozen.quantities)
    again = synth.generate(2, tmp_path / "again", seed=3, data=FROZEN)
    other = synth.generate(2, tmp_path / "other", seed=4, data=FROZEN)
    claims = (out / "claims.yaml").read_text()
    assert (again / "claims.yaml").read_text() == claims  # deterministic for a seed
    assert (other / "claims.yaml").read_text() != claims


def test_synth_at_1x_is_a_copy(tmp_path, monkeypatch):
    synth = bench_module("synth", monkeypatch)
    out = synth.generate(1, tmp_path / "x1", data=FROZEN)
    assert (out / "claims.yaml").read_bytes() == (FROZEN / "claims.yaml").read_bytes()
    with pytest.raises(FileExistsError):
        synth.generate(1, tmp_path / "x1", data=FROZEN)  # replaced only with force=True
    assert synth.generate(1, tmp_path / "x1", data=FROZEN, force=True) == out


def test_bench_pages_times_a_page_and_the_bare_script(monkeypatch):
    bench_pages = bench_module("bench_pages", monkeypatch)
    report = bench_pages.run([1], repeat=2, pages=["pages/sources.py"])
    page = report.timing("pages/sources.py", 1)
    bare = report.timing(bench_pages.BARE, 1)
    for timing in (page, bare):
        assert not timing.errors, timing.errors
        assert timing.first_ms > 0
        assert len(timing.runs_ms) == 2 and all(ms > 0 for ms in timing.runs_ms)
    table = bench_pages.format_report(report)
    assert "| pages/sources.py |" in table and "1x / bare" in table


def test_targets_judges_each_target_from_the_numbers(monkeypatch):
    targets = bench_module("targets", monkeypatch)

    def page(**scales):
        return {str(k): {"median_ms": v, "errors": []} for k, v in scales.items()}

    pages = {
        "pages": {
            "bare script": page(**{"1": 2.0, "100": 2.0}),
            "pages/a.py": page(**{"1": 20.0, "100": 50.0}),  # 10x bare; 2.5x its own 1x
            "pages/b.py": page(**{"1": 40.0, "100": 130.0}),  # 20x bare; 3.25x its own 1x
        },
        "memory": [
            {"name": "bare script", "scale": 100, "sessions": 10, "rss_mib": 0.1, "heap_mib": 0},
            {"name": "pages/b.py", "scale": 100, "sessions": 10, "rss_mib": 0.9, "heap_mib": 0.2},
        ],
    }
    load = {"ratios": {"throughput_ratio": 0.6, "p95_ratio": 3.5}}
    browser = {"pages": {"A": {"ratio": 1.5, "app_s": 0.3, "bare_s": 0.2}}}
    verdicts = {v.target: v for v in targets.judge(pages, load, browser, (3.0, 1.0))}
    met = [v.met for v in verdicts.values()]
    assert met == [False, False, None, True, False, True, False, True]
    heaviest = verdicts["heaviest page rerun at 1x within 15x a bare script"]
    assert heaviest.measured.startswith("pages/b.py") and "20.0x" in heaviest.measured
    assert "pages/b.py 3.2x" in verdicts["100x: every page within 3x its own 1x rerun"].measured
    assert "| **no** |" in targets.table(list(verdicts.values()))
