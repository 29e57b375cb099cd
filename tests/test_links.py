"""Links: only http(s) becomes a link; permalinks reproduce the filters through the codec."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest

from nktracker.filters import Filters, filter_options
from nktracker.links import is_web_url, permalink, request_base, view_link, web_url_or_empty


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/a", True),
        ("http://example.org", True),
        ("  https://example.org  ", True),
        ("javascript:alert(1)", False),
        ("data:text/html,<b>x</b>", False),
        ("ftp://example.org", False),
        ("https://", False),
        ("//example.org", False),
        ("https://[example.org", False),
        ("", False),
        (None, False),
    ],
)
def test_is_web_url(url, ok):
    assert is_web_url(url) is ok
    assert web_url_or_empty(url) == (url.strip() if ok else "")


def test_permalink_round_trips_the_filters(frozen):
    dataset, _ = frozen
    filters = Filters(
        regions=("Kursk region",),
        sources=("liga", "suspilne"),
        stances=("asserts",),
        reported_from=dt.date(2024, 10, 7),
        as_of=dt.date(2024, 10, 15),
        text="battalion",
    )
    options = filter_options(dataset)
    link = permalink("http://example.org:8501/claims?x=1", "briefing", filters.to_params(options))
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("http", "example.org:8501", "/briefing")
    params = parse_qs(parts.query)
    assert params["reported"] == ["2024-10-07", options.last_reported.isoformat()]
    assert params["as_of"] == ["2024-10-15"] and params["q"] == ["battalion"]
    back, notes = Filters.from_params(params, options)
    assert notes == []
    assert back == filters


def test_permalink_without_a_web_base_is_relative():
    assert permalink(None, "briefing", [("source", "liga")]) == "/briefing?source=liga"
    assert permalink("javascript:alert(1)", "briefing", []) == "/briefing"


@pytest.mark.parametrize(
    ("url", "headers", "base"),
    [
        # the browser's own address wins: behind the proxy it is the proxy's name
        ("https://nk.example/claims", {"Host": "127.0.0.1:8501"}, "https://nk.example/claims"),
        (None, {"Host": "127.0.0.1:8501", "X-Forwarded-Host": "nk.example"}, "http://nk.example/"),
        (None, {"host": "nk.example", "x-forwarded-proto": "https, http"}, "https://nk.example/"),
        (None, {"Host": "[::1]:8501"}, "http://[::1]:8501/"),
        (None, {"Host": 'evil"><script>'}, None),
        (None, {"Host": "nk.example", "X-Forwarded-Proto": "javascript"}, None),
        ("javascript:alert(1)", {}, None),
        (None, {}, None),
    ],
)
def test_request_base_is_the_address_the_reader_used(url, headers, base):
    assert request_base(url, headers) == base


def test_view_link_keeps_the_page_and_replaces_the_query():
    link = view_link(
        "https://nk.example/claims?q=old", [("q", "new words"), ("as_of", "2024-10-14")]
    )
    assert link == "https://nk.example/claims?q=new+words&as_of=2024-10-14"
    assert view_link(None, [("source", "liga")]) == "/?source=liga"
