"""Timing of the dashboard's per-rerun work on the shipped data: medians and ratios, one run.

Usage: python benchmarks/bench_load.py [--repeat N]
What a page pays on each rerun is the filter and its figures (the dataset itself is cached);
the first visit pays the load and validation once.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from nktracker.charts import deployments_chart, estimate_charts, sequence_chart
from nktracker.filters import Filters, filter_claims
from nktracker.load import load_dataset
from nktracker.mapdata import load_basemap
from nktracker.maps import build_map_deck
from nktracker.parse import parse_yaml, read_text

DATA = Path(__file__).resolve().parent.parent / "data"


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    dataset, problems = load_dataset(DATA)
    assert not problems, problems
    claims = list(dataset.claims.values())
    filters = Filters(sources=("liga",))
    basemap = load_basemap(DATA, "50m")
    text, _ = read_text(DATA / "claims.yaml", "claims.yaml")
    assert text is not None
    cases = {
        "parse claims.yaml (positions)": lambda: parse_yaml(text, "claims.yaml"),
        "load_dataset (parse + validate all)": lambda: load_dataset(DATA),
        "filter_claims (source=liga)": lambda: filter_claims(dataset, filters),
        "estimate charts (all claims)": lambda: estimate_charts(dataset, claims, Filters()),
        "timeline + sequence charts": lambda: (
            deployments_chart(dataset, claims, Filters()),
            sequence_chart(dataset, claims, Filters()),
        ),
        "map deck (theatre, 50m basemap)": lambda: build_map_deck(
            dataset, claims, list(dataset.deployments.values()), basemap, "theatre"
        ),
        "load basemap 50m (cached once per process)": lambda: load_basemap(DATA, "50m"),
    }
    results = {name: median_ms(fn, args.repeat) for name, fn in cases.items()}
    width = max(map(len, results))
    print(f"median of {args.repeat} runs, {len(claims)} claims ({time.strftime('%Y-%m-%d')})")
    for name, ms in results.items():
        print(f"  {name:<{width}}  {ms:9.2f} ms")
    load = results["load_dataset (parse + validate all)"]
    rerun = (
        results["filter_claims (source=liga)"]
        + results["estimate charts (all claims)"]
        + results["timeline + sequence charts"]
    )
    parse = results["parse claims.yaml (positions)"]
    print(f"ratio load_dataset / claims.yaml parse: {load / parse:.1f}x")
    print(f"ratio first load / per-rerun filter+charts: {load / rerun:.2f}x")


if __name__ == "__main__":
    main()
