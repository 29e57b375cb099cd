"""Exports: every chart as PNG and SVG (kaleido on the system Chromium), and the filtered data
as CSV, JSON and GeoJSON."""

from __future__ import annotations

import datetime as dt
import json
import os
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from nktracker.briefing import briefing_html
from nktracker.charts import (
    Chart,
    chains_chart,
    deployments_chart,
    estimate_charts,
    map_chart,
    movement_chart,
    sequence_chart,
    weekly_chart,
)
from nktracker.estimates import quantity_headlines
from nktracker.filters import Filters, filter_claims, filter_options
from nktracker.links import permalink
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
        weekly_chart(dataset, claims, filters),
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


def chart_image(chart: Chart, image_format: str = "png") -> bytes:
    """One chart as a PNG or SVG, EXPORT_WIDTH wide and as tall as the figure: what the
    dashboard's card downloads, made when asked (it starts Chromium)."""
    import plotly.io as pio  # loads kaleido's machinery, which only an image export needs

    ensure_browser_env()
    height = int(chart.figure.layout.height or 700)
    return pio.to_image(
        chart.figure, format=image_format, width=EXPORT_WIDTH, height=height, scale=1
    )


Progress = Callable[[Path], None]  # told of each file as soon as it is written


def write_images(charts: list[Chart], out: Path, progress: Progress | None = None) -> list[Path]:
    """PNG (EXPORT_WIDTH wide) and SVG for each chart, in one Chromium session (kaleido's sync
    server), saying each file as it is written."""
    import kaleido  # the browser session behind every image; only an image export needs it
    import plotly.io as pio  # loads kaleido's machinery, which only an image export needs

    ensure_browser_env()
    files = []
    kaleido.start_sync_server(silence_warnings=True)
    try:
        for chart in charts:
            height = int(chart.figure.layout.height or 700)
            for suffix in ("png", "svg"):
                path = out / f"nk-{chart.name}.{suffix}"
                with warnings.catch_warnings():  # plotly passes options the server already has
                    warnings.filterwarnings("ignore", message="The kopts argument is ignored")
                    pio.write_image(
                        chart.figure, str(path), format=suffix, width=EXPORT_WIDTH, height=height
                    )
                files.append(path)
                if progress is not None:
                    progress(path)
    finally:
        kaleido.stop_sync_server(silence_warnings=True)
    return files


def briefing_file(dataset: Dataset, claims: list[Claim], filters: Filters, data_root: Path) -> str:
    """The Briefing page's HTML download, for these filters: the same function, the same charts."""
    theatre = map_chart(
        dataset, claims, filters, load_basemap(data_root, BASEMAP_RESOLUTION["theatre"]), "theatre"
    )
    charts = [
        theatre,
        sequence_chart(dataset, claims, filters),
        deployments_chart(dataset, claims, filters),
    ]
    options = filter_options(dataset)
    link = permalink(None, "briefing", filters.to_params(options))
    headlines = quantity_headlines(dataset, claims)
    return briefing_html(dataset, claims, filters, headlines, charts, link, dt.datetime.now(dt.UTC))


def export_all(
    dataset: Dataset,
    filters: Filters,
    out: Path,
    data_root: Path,
    images: bool = True,
    progress: Callable[[Path, int, int], None] | None = None,
) -> ExportResult:
    """Write every chart, the filtered data and the briefing (one HTML file) into `out`,
    telling `progress` of each file as it is written (the file, files written, files in all)."""
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
    charts = all_charts(dataset, claims, filters, data_root) if images else []
    total = len(data_files) + 1 + 2 * len(charts)

    def wrote(path: Path) -> None:
        result.written.append(path)
        if progress is not None:
            progress(path, len(result.written), total)

    for name, text in data_files.items():
        path = out / name
        path.write_text(text, encoding="utf-8")
        wrote(path)
    briefing = out / "nk-briefing.html"
    briefing.write_text(briefing_file(dataset, claims, filters, data_root), encoding="utf-8")
    wrote(briefing)
    if charts:
        write_images(charts, out, wrote)
    return result
