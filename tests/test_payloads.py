"""Data can never act: every text field holding markup, Markdown or template payloads renders
as text on every page (AppTest), and an empty folder or one malformed file draws every page."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from conftest import FROZEN, REPO, overlay

PAGES = [
    "pages/overview.py",
    "pages/estimates.py",
    "pages/map.py",
    "pages/timeline.py",
    "pages/sources.py",
    "pages/claims.py",
    "pages/briefing.py",
]
# Pages with the tab each shows (by the URL): the Estimates page draws only its open tab
VIEWS: list[tuple[str, dict[str, str]]] = [(page, {}) for page in PAGES] + [
    ("pages/estimates.py", {"estimates-view": view})
    for view in [
        "Russian losses",
        "Shares",
        "Historical contingents",
        "How the estimate moved",
        "The claims",
    ]
]
# ... and the Timeline's (its first, "Since 1960", is the page's default)
TIMELINE_VIEWS = [
    ("pages/timeline.py", {"timeline-view": view})
    for view in ["Story", "2024 day by day", "Claims per week"]
]
VIEWS += TIMELINE_VIEWS
PAYLOAD = "[Login](https://evil.example/login) **bold** <img src=x onerror=alert(1)> {{7*7}} $x$"
TEXT_FIELDS = {"statement", "name", "label", "note", "theatre", "conflict", "ally", "opponent"}
CHOICES = {"present", "historical", "none"}  # a quantity's or place's theatre is a choice, not text


class NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data):  # the loader refuses aliases; never write any
        return True


def poison(value):
    """Every text field the app shows gets the payload in front of its own words."""
    if isinstance(value, dict):
        return {
            k: (
                f"{PAYLOAD} {v}"
                if k in TEXT_FIELDS and isinstance(v, str) and v not in CHOICES
                else poison(v)
            )
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [poison(v) for v in value]
    return value


@pytest.fixture(scope="module")
def payload_data(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("payload") / "data"
    shutil.copytree(FROZEN, data)
    for name in ("claims.yaml", "sources.yaml", "deployments.yaml"):
        value = poison(yaml.safe_load((data / name).read_text("utf-8")))
        (data / name).write_text(yaml.dump(value, Dumper=NoAliases, allow_unicode=True), "utf-8")
    places = json.loads((data / "locations.geojson").read_text("utf-8"))
    for feature in places["features"]:
        feature["properties"] = poison(feature["properties"])
    (data / "locations.geojson").write_text(json.dumps(places, ensure_ascii=False), "utf-8")
    return data


def markdown_shown(at: AppTest) -> list[str]:
    """The text of every element Streamlit renders as Markdown."""
    kinds = (
        "markdown",
        "caption",
        "error",
        "warning",
        "info",
        "success",
        "header",
        "subheader",
        "title",
    )
    return [str(getattr(el, "value", "")) for kind in kinds for el in at.get(kind)]


def test_the_payload_data_is_valid_data(payload_data):
    from nktracker.load import load_dataset

    dataset, problems = load_dataset(payload_data)
    assert [str(p) for p in problems] == []
    assert all(PAYLOAD in c.statement for c in dataset.claims.values())


@pytest.mark.parametrize(("page", "params"), VIEWS)
def test_payloads_render_as_text_on_every_page(page, params, payload_data, monkeypatch):
    monkeypatch.setenv("NKTRACKER_DATA", str(payload_data))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert {k: at.query_params.get(k) for k in params} == params  # that tab is the one open
    shown = markdown_shown(at)
    assert shown
    for text in shown:
        assert "](https://evil" not in text, text  # never a live link
        assert "**bold**" not in text, text  # never bold
        assert "$x$" not in text, text  # never LaTeX


NO_PARAMS: list[tuple[str, dict[str, str]]] = [(page, {}) for page in PAGES]


@pytest.mark.parametrize(("page", "params"), NO_PARAMS + TIMELINE_VIEWS)
@pytest.mark.parametrize("folder", ["empty", "malformed"])
def test_every_page_draws_an_empty_or_malformed_folder(page, params, folder, tmp_path, monkeypatch):
    data = tmp_path / "data"
    if folder == "empty":
        data.mkdir()
    else:
        overlay("yaml-syntax", data)
    monkeypatch.setenv("NKTRACKER_DATA", str(data))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert "data problem(s)" in at.expander[0].label
