"""The briefing: its lines for the page, and the self-contained, escaped HTML file."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import FROZEN
from nktracker.briefing import briefing_html, denial_lines, headline_lines
from nktracker.charts import sequence_chart
from nktracker.estimates import headline_text, quantity_headlines
from nktracker.export import map_charts
from nktracker.filters import Filters, filter_claims


@pytest.fixture(scope="module")
def dataset(frozen):
    return frozen[0]


def test_headline_lines_give_bounds_denials_and_the_rule(dataset):
    claims = list(dataset.claims.values())
    top = headline_text(dataset, quantity_headlines(dataset, claims)[0])
    lines = headline_lines(top)
    assert lines[0].startswith("Floor: “Thousands”") and lines[1].startswith("Ceiling: “10,000”")
    assert lines[-1].startswith("By the written rule: 2,000–10,000")


def test_denial_lines_name_who_denies(dataset):
    lines = denial_lines(dataset, list(dataset.claims.values()))
    assert lines == [
        f"Denial: {dataset.claims['peskov-hoax'].statement} — Dmitry Peskov via The War Zone"
    ]


def test_briefing_html_is_self_contained(dataset):
    filters = Filters(regions=("Kursk region",))
    claims = filter_claims(dataset, filters)
    charts = [
        *map_charts(dataset, claims, filters, FROZEN),
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
