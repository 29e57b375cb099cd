"""`nktracker export` writes valid PNG, SVG, CSV, JSON and GeoJSON; the briefing HTML is
self-contained; permalinks reproduce the filters."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image

from conftest import SHIPPED
from nktracker.briefing import briefing_html, filters_to_params, permalink
from nktracker.charts import sequence_chart
from nktracker.cli import main
from nktracker.export import EXPORT_WIDTH, all_charts, map_charts
from nktracker.filters import Filters, check_query_values, filter_claims, filter_options
from nktracker.load import load_dataset
from nktracker.tables import quantity_headlines


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(SHIPPED)[0]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """One real export (kaleido on the system Chromium) filtered to LIGA.net's claims."""
    out = tmp_path_factory.mktemp("export")
    assert main(["export", "--out", str(out), "--data", str(SHIPPED), "--source", "liga"]) == 0
    return out


def test_export_writes_every_chart_as_png_and_svg(exported, dataset):
    claims = filter_claims(dataset, Filters(sources=("liga",)))
    names = [c.name for c in all_charts(dataset, claims, Filters(), SHIPPED)]
    for name in names:
        png = exported / f"nk-{name}.png"
        with Image.open(png) as image:
            assert image.format == "PNG"
            assert image.size[0] >= EXPORT_WIDTH
        svg = (exported / f"nk-{name}.svg").read_text("utf-8")
        assert svg.lstrip().startswith("<svg")
        assert "LIGA.net" in svg  # the source note travels with the chart
        assert "source: LIGA.net" in svg  # and so do the filters


def test_export_writes_the_filtered_data(exported):
    rows = list(csv.DictReader((exported / "nk-claims.csv").open(encoding="utf-8")))
    assert {r["id"] for r in rows} == {
        "liga-buryat-battalion",
        "liga-battalion-size",
        "liga-battalion-armed",
        "liga-sudzha",
    }
    payload = json.loads((exported / "nk-claims.json").read_text("utf-8"))
    assert len(payload["claims"]) == 4
    places = json.loads((exported / "nk-places.geojson").read_text("utf-8"))
    assert places["type"] == "FeatureCollection"
    ids = {f["properties"]["id"] for f in places["features"]}
    assert {"sudzha", "kursk-region", "russia"} == ids


def test_export_refuses_unknown_filter_values(tmp_path, capsys):
    assert main(["export", "--out", str(tmp_path), "--source", "nobody", "--no-images"]) == 2
    assert "nobody" in capsys.readouterr().err


def test_briefing_html_is_self_contained(dataset):
    filters = Filters(regions=("Kursk region",))
    claims = filter_claims(dataset, filters)
    charts = [
        *map_charts(dataset, claims, filters, SHIPPED),
        sequence_chart(dataset, claims, filters),
    ]
    html = briefing_html(
        dataset,
        claims,
        filters,
        quantity_headlines(dataset, claims),
        charts,
        "http://localhost:8501/briefing?region=Kursk+region",
        dt.datetime(2026, 11, 27, 12, 0),
    )
    assert html.count("class='chart'") == len(charts)
    assert "region: Kursk region" in html and "Permalink" in html
    tags = re.findall(r"<(script|link|img|iframe)\b[^>]*>", html, flags=re.I)
    assert all(not re.search(r"\b(src|href)\s*=", t) for t in tags), tags
    assert re.findall(r"<script\b[^>]*\bsrc=", html, flags=re.I) == []
    assert re.findall(r"<link\b", html, flags=re.I) == []
    assert "@import" not in html and "@font-face" not in html
    assert "url(http" not in html.replace(" ", "")


def test_briefing_html_escapes_data(dataset):
    evil = "<script>alert(1)</script>"
    claims = [dataset.claims["peskov-hoax"].model_copy(update={"statement": evil})]
    html = briefing_html(dataset, claims, Filters(), [], [], "/briefing", dt.datetime(2026, 1, 1))
    assert evil not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_permalink_round_trips_the_filters(dataset):
    filters = Filters(
        regions=("Kursk region",),
        sources=("liga", "suspilne"),
        stances=("asserts",),
        reported_from=dt.date(2024, 10, 7),
        as_of=dt.date(2024, 10, 15),
        text="battalion",
    )
    options = filter_options(dataset)
    link = permalink(
        "http://example.org:8501/claims?x=1",
        "briefing",
        filters_to_params(filters, options.first_reported, options.last_reported),
    )
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("http", "example.org:8501", "/briefing")
    params = parse_qs(parts.query)
    kept, notes = check_query_values(params, options)
    assert notes == []
    assert kept["source"] == ["liga", "suspilne"]
    assert params["reported"] == ["2024-10-07", options.last_reported.isoformat()]
    assert params["as_of"] == ["2024-10-15"] and params["q"] == ["battalion"]


def test_permalink_without_a_web_base_is_relative():
    assert permalink(None, "briefing", [("source", "liga")]) == "/briefing?source=liga"
    assert permalink("javascript:alert(1)", "briefing", []) == "/briefing"
