"""Exports: every chart as PNG and SVG (kaleido on the system Chromium), and the filtered data
as CSV, JSON and GeoJSON."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from nktracker.charts import (
    Chart,
    chains_chart,
    deployments_chart,
    estimate_charts,
    map_chart,
    movement_chart,
    sequence_chart,
)
from nktracker.filters import Filters, filter_claims
from nktracker.mapdata import BASEMAP_RESOLUTION, load_basemap, place_claims
from nktracker.model import Claim, Dataset
from nktracker.tables import claims_csv, claims_json

EXPORT_WIDTH = 1600  # pixels: wide enough for a full-width slide
DEFAULT_BROWSER = "/usr/bin/chromium"
# Kaleido's Chromium gets a proxy that leads nowhere, so nothing it might fetch leaves the
# machine (it renders from a local page; plotly.js is bundled).
NO_NETWORK_PROXY = "127.0.0.1:9"


def map_charts(
    dataset: Dataset, claims: list[Claim], filters: Filters, data_root: Path
) -> list[Chart]:
    """Both map views, on the basemap resolution each view uses."""
    return [
        map_chart(dataset, claims, filters, load_basemap(data_root, resolution), view)
        for view, resolution in BASEMAP_RESOLUTION.items()
    ]


def all_charts(
    dataset: Dataset, claims: list[Claim], filters: Filters, data_root: Path
) -> list[Chart]:
    """Every chart of the dashboard for the filtered claims."""
    return [
        *estimate_charts(dataset, claims, filters),
        movement_chart(dataset, claims, filters),
        *map_charts(dataset, claims, filters, data_root),
        deployments_chart(dataset, claims, filters),
        sequence_chart(dataset, claims, filters),
        chains_chart(dataset, claims, filters),
    ]


def places_geojson(dataset: Dataset, claims: list[Claim]) -> dict:
    """The places the filtered claims name, with their claims, as a FeatureCollection."""
    per_place = place_claims(dataset, claims)
    features = []
    for loc_id, here in per_place.items():
        location = dataset.locations.get(loc_id)
        if location is None:
            continue
        features.append(
            {
                "type": "Feature",
                "id": location.id,
                "geometry": location.geometry,
                "properties": {
                    "id": location.id,
                    "name": location.name,
                    "kind": location.kind,
                    "country": location.country,
                    "region": location.region,
                    "theatre": location.theatre,
                    "claims": [c.id for c in here],
                    "statements": [c.statement for c in here],
                    "note": location.note,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


@dataclass
class ExportResult:
    written: list[Path] = field(default_factory=list)
    claims: int = 0


def ensure_browser_env() -> None:
    """Point kaleido at the system Chromium and at a proxy that goes nowhere."""
    os.environ.setdefault("BROWSER_PATH", DEFAULT_BROWSER)
    os.environ.setdefault("CHOREO_PROXY_SERVER", NO_NETWORK_PROXY)
    if not Path(os.environ["BROWSER_PATH"]).exists():
        raise RuntimeError(
            f"Chromium not found at {os.environ['BROWSER_PATH']}: install Debian's chromium "
            "(apt-get install chromium) or set BROWSER_PATH to a Chromium or Chrome binary"
        )


def write_images(charts: list[Chart], out: Path) -> list[Path]:
    """PNG (EXPORT_WIDTH wide) and SVG for each chart, in one Chromium session."""
    import plotly.io as pio  # loads kaleido's machinery, which only an image export needs

    ensure_browser_env()
    figures, files = [], []
    for chart in charts:
        for suffix in ("png", "svg"):
            figures.append(chart.figure)
            files.append(out / f"nk-{chart.name}.{suffix}")
    heights = [int(f.layout.height or 700) for f in figures]
    pio.write_images(
        fig=figures,
        file=[str(f) for f in files],
        width=EXPORT_WIDTH,
        height=heights,
        scale=1,
    )
    return files


def export_all(
    dataset: Dataset, filters: Filters, out: Path, data_root: Path, images: bool = True
) -> ExportResult:
    """Write every chart and the filtered data into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    claims = filter_claims(dataset, filters)
    result = ExportResult(claims=len(claims))
    data_files = {
        "nk-claims.csv": claims_csv(dataset, claims, filters.as_of),
        "nk-claims.json": claims_json(dataset, claims, filters.as_of),
        "nk-places.geojson": json.dumps(
            places_geojson(dataset, claims), ensure_ascii=False, indent=1
        ),
    }
    for name, text in data_files.items():
        path = out / name
        path.write_text(text, encoding="utf-8")
        result.written.append(path)
    if images:
        result.written += write_images(all_charts(dataset, claims, filters, data_root), out)
    return result
