"""`nktracker export` writes valid PNG, SVG, CSV, JSON and GeoJSON through the same filters."""

from __future__ import annotations

import csv
import json

import pytest
from PIL import Image

from conftest import FROZEN
from nktracker.cli import main
from nktracker.export import EXPORT_WIDTH, all_charts
from nktracker.filters import Filters, filter_claims
from nktracker.load import load_dataset


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(FROZEN)[0]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """One real export (kaleido on the system Chromium) filtered to LIGA.net's claims."""
    out = tmp_path_factory.mktemp("export")
    assert main(["export", "--out", str(out), "--data", str(FROZEN), "--source", "liga"]) == 0
    return out


@pytest.mark.slow
def test_export_writes_every_chart_as_png_and_svg(exported, dataset):
    claims = filter_claims(dataset, Filters(sources=("liga",)))
    names = [c.name for c in all_charts(dataset, claims, Filters(), FROZEN)]
    for name in names:
        png = exported / f"nk-{name}.png"
        with Image.open(png) as image:
            assert image.format == "PNG"
            assert image.size[0] >= EXPORT_WIDTH
        svg = (exported / f"nk-{name}.svg").read_text("utf-8")
        assert svg.lstrip().startswith("<svg")
        assert "LIGA.net" in svg  # the source note travels with the chart
        assert "source: LIGA.net" in svg  # and so do the filters


@pytest.mark.slow
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
    args = ["export", "--out", str(tmp_path), "--data", str(FROZEN), "--no-images"]
    assert main([*args, "--source", "nobody"]) == 2
    assert "nobody" in capsys.readouterr().err


def test_export_filters_go_through_the_url_codec(tmp_path, capsys):
    out = tmp_path / "out"
    args = ["export", "--out", str(out), "--data", str(FROZEN), "--no-images"]
    assert main([*args, "--source", "liga", "--reported-from", "2024-10-14"]) == 0
    rows = list(csv.DictReader((out / "nk-claims.csv").open(encoding="utf-8")))
    assert {r["id"] for r in rows} == {
        "liga-buryat-battalion",
        "liga-battalion-size",
        "liga-battalion-armed",
        "liga-sudzha",
    }
    assert main([*args, "--as-of", "2024-10-14"]) == 0
    rows = list(csv.DictReader((out / "nk-claims.csv").open(encoding="utf-8")))
    assert 0 < len(rows) < 62
    assert "wrote 4 files" in capsys.readouterr().out  # claims CSV and JSON, places, briefing


def test_exported_claims_carry_what_the_record_resolves(tmp_path):
    out = tmp_path / "out"
    args = ["export", "--out", str(out), "--data", str(FROZEN), "--no-images"]
    assert main(args) == 0
    rows = {r["id"]: r for r in csv.DictReader((out / "nk-claims.csv").open(encoding="utf-8"))}
    payload = {
        c["id"]: c for c in json.loads((out / "nk-claims.json").read_text("utf-8"))["claims"]
    }
    for claim_id in ("liga-battalion-size", "report-10000-dispatched"):
        for record in (rows[claim_id], payload[claim_id]):
            assert {"originator", "corroboration", "contested_by", "known_from"} <= set(record)
    assert payload["liga-battalion-size"]["originator"] == "ukraine-military-intelligence"
    assert payload["liga-battalion-size"]["originator_basis"]["source"] == "liga-intel-source"
    assert payload["report-10000-dispatched"]["contested_by"] == ["peskov-hoax"]
    assert rows["report-10000-dispatched"]["contested_by"] == "peskov-hoax"
    assert payload["peskov-hoax"]["known_from"] == "2024-10-14"
    assert int(rows["wapo-thousands-training"]["corroboration"]) >= 1
