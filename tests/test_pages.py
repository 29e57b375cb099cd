"""AppTest: every page runs without exception and shows its key content; filters interact.

Pages run on the frozen test dataset (tests/fixtures/frozen), so the counts here are its own.
"""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from conftest import FROZEN, REPO, cases_with_records, overlay

PAGES = {
    "pages/overview.py": "North Korean troops for Russia: what was reported",
    "pages/estimates.py": "Estimates as ranges",
    "pages/map.py": "Map",
    "pages/timeline.py": "Timeline",
    "pages/sources.py": "Sources",
    "pages/claims.py": "Claims",
    "pages/methodology.py": "Methodology",
}
ALL_PAGES = [*PAGES, "pages/briefing.py"]


@pytest.fixture(autouse=True)
def frozen_data(monkeypatch):
    """Every page test reads the frozen dataset unless it points NKTRACKER_DATA elsewhere."""
    monkeypatch.setenv("NKTRACKER_DATA", str(FROZEN))


def open_page(page: str, params: dict | None = None) -> AppTest:
    """Open a page the way a link does: app.py runs it with the link's query parameters."""
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    if page != "pages/overview.py":
        at.switch_page(page)
    return at.run()


def plain(markdown: str) -> str:
    """Markdown-escaped text as the reader sees it."""
    return re.sub(r"\\(.)", r"\1", markdown)


# The Estimates page's tabs on the frozen data: a range chart each, then the movement and the
# claims; the URL names the open one (the first by default). Only the open tab is drawn.
ESTIMATE_VIEWS = [
    "North Korean personnel",
    "Russian losses",
    "Shares",
    "Historical contingents",
    "How the estimate moved",
    "The claims",
]


def estimate_views(params: dict | None = None) -> dict[str, AppTest]:
    """The Estimates page with each of its tabs open in turn (by the URL), by tab label."""
    first = open_page("pages/estimates.py", params)
    labels = [tab.label for tab in first.tabs]
    return {labels[0]: first} | {
        label: open_page("pages/estimates.py", {**(params or {}), "estimates-view": label})
        for label in labels[1:]
    }


def showing(at: AppTest) -> str:
    """The page's 'Showing N of M' line (the Briefing's chart cards sit beside its title)."""
    lines = [c.value for c in at.caption if "Showing" in c.value]
    return plain(lines[0] if lines else at.caption[0].value)


@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_runs_and_shows_its_title(page):
    at = open_page(page)
    assert not at.exception, at.exception
    assert at.title[0].value == PAGES[page]
    assert "Showing 62 of 62 claims" in showing(at)


def test_every_page_has_the_menu_and_the_filters():
    at = open_page("pages/claims.py", {"q": "abc"})
    links = [el.proto.label for el in at.get("page_link")]
    assert links == [
        "Overview",
        "Estimates",
        "Map",
        "Timeline",
        "Sources",
        "Claims",
        "Briefing",
        "Methodology",
    ]
    assert at.text_input(key="q").value == "abc"
    assert {m.key for m in at.multiselect} == {"region", "source", "topic", "stance"}


def test_overview_headline_is_in_the_sources_words_with_who_stands_behind():
    at = open_page("pages/overview.py")
    assert plain(at.caption[1].value) == "North Korean personnel in Russia"
    # words somebody said, not the rule's 2,000, as a heading that wraps on a phone
    assert plain(at.header[0].value) == "“Thousands” to “10,000”"
    lines = re.sub(r"\\(.)", r"\1", " ".join(m.value for m in at.markdown))
    assert "Floor: “Thousands”" in lines and "Ceiling: “10,000”" in lines
    assert "originator" in lines
    captions = [re.sub(r"\\(.)", r"\1", c.value) for c in at.caption]
    assert any("By the written rule: 2,000–10,000" in c for c in captions)
    assert any("Denial" in e.value for e in at.error)


def test_estimates_draws_range_charts_and_how_the_estimate_moved():
    views = estimate_views()
    # range charts: North Korean personnel, Russian losses (an axis of their own), shares,
    # historical contingents; then the movement chart and the claims, a tab each
    assert list(views) == ESTIMATE_VIEWS
    assert all(not at.exception for at in views.values())
    charts = [c for at in views.values() for c in at.get("plotly_chart")]
    assert len(charts) == 5
    spec = json.loads(charts[0].proto.spec)
    assert spec["layout"]["xaxis"]["type"] == "log"
    movement = json.loads(charts[4].proto.spec)
    assert movement["layout"]["xaxis"]["type"] == "date"
    # the title, filters and sources are text around the chart (they wrap on a phone); the
    # figure keeps them in its meta for exported images
    assert "How the estimate" in movement["layout"]["meta"]["frame"]["title"]
    moved = views["How the estimate moved"]
    titles = [plain(m.value) for m in moved.markdown]
    assert any("How the estimate" in t for t in titles)
    assert any(plain(c.value).startswith("Sources:") for c in moved.caption)
    for at in views.values():  # every tab has the explanation of the bars above it
        assert any(plain(m.value).startswith("A bar runs from") for m in at.markdown)
        assert not at.info  # the tab's URL parameter is the page's own, never "ignored"
    columns = list(views["The claims"].dataframe[0].value.columns)
    assert {"originator", "independent", "contested"} <= set(columns)


def test_only_the_open_tab_is_drawn():
    first = open_page("pages/estimates.py")
    assert [c.key for c in first.get("plotly_chart")] == ["estimates-present-people-north-korea"]
    assert not first.dataframe
    cards = [k for k in first.session_state.keys() if str(k).startswith("card-")]
    assert cards == ["card-estimates-present-people-north-korea-open"]
    moved = open_page("pages/estimates.py", {"estimates-view": "How the estimate moved"})
    assert [c.key for c in moved.get("plotly_chart")] == ["estimate-movement"]
    assert not moved.dataframe
    table = open_page("pages/estimates.py", {"estimates-view": "The claims"})
    assert not table.get("plotly_chart") and len(table.dataframe) == 1
    assert not [k for k in table.session_state.keys() if str(k).startswith("card-")]
    assert table.query_params["estimates-view"] == "The claims"  # the URL keeps the tab
    # a tab the view does not have (a stale link) opens the first
    stale = open_page("pages/estimates.py", {"estimates-view": "No such tab"})
    assert not stale.exception
    assert [c.key for c in stale.get("plotly_chart")] == ["estimates-present-people-north-korea"]
    assert "estimates-view" not in stale.query_params


def test_source_filter_changes_claims_table_and_estimate_chart():
    full = open_page("pages/claims.py")
    liga = open_page("pages/claims.py", {"source": "liga"})
    assert full.dataframe[0].value.shape[0] == 62
    table = liga.dataframe[0].value
    assert set(table["id"]) == {
        "liga-buryat-battalion",
        "liga-battalion-size",
        "liga-battalion-armed",
        "liga-sudzha",
    }
    assert "Showing 4 of 62 claims" in showing(liga)
    estimates = open_page("pages/estimates.py", {"source": "liga"})
    # one range chart, and no claim of LIGA's on the headline quantity to show moving
    assert [t.label for t in estimates.tabs] == ["North Korean personnel", "The claims"]
    chart = estimates.get("plotly_chart")
    assert [c.key for c in chart] == ["estimates-present-people-north-korea"]
    assert "LIGA.net" in json.dumps(json.loads(chart[0].proto.spec)["layout"])


def test_filters_survive_moving_to_another_page():
    at = open_page("pages/claims.py", {"source": "liga"})
    at.switch_page("pages/estimates.py").run()
    assert not at.exception
    assert at.title[0].value == "Estimates as ranges"
    assert "Showing 4 of 62 claims" in showing(at)


def test_url_filters_round_trip():
    at = open_page(
        "pages/overview.py", {"region": "Kursk region", "stance": "asserts", "q": "Sudzha"}
    )
    assert at.multiselect(key="region").value == ["Kursk region"]
    assert at.text_input(key="q").value == "Sudzha"
    assert dict(at.query_params) == {"region": "Kursk region", "stance": "asserts", "q": "Sudzha"}


def test_unknown_link_values_are_ignored_with_a_note():
    at = open_page("pages/claims.py", {"source": ["liga", "nobody"], "flavour": "red"})
    assert not at.exception
    assert "Showing 4 of 62 claims" in showing(at)
    note = plain(at.info[0].value)
    assert "source='nobody'" in note and "'flavour'" in note


def test_as_known_on_changes_counts():
    at = open_page("pages/overview.py", {"as_of": "2024-10-14"})
    caption = showing(at)
    assert "As known on 14 Oct 2024" in caption
    shown = int(caption.split("Showing ")[1].split(" of")[0])
    assert 0 < shown < 62


def test_map_page_has_a_deck_without_tiles():
    at = open_page("pages/map.py", {"view": "World"})
    deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert deck["mapStyle"] == "__MAP_STYLE__"
    assert "arcs" in [layer["id"] for layer in deck["layers"]]


def test_sources_page_lists_every_source():
    at = open_page("pages/sources.py")
    assert at.get("plotly_chart")
    assert not at.dataframe  # the tables wait, closed, until opened
    assert "Every source, with its id (23)" in [e.label for e in at.expander]
    at.session_state["open-sources"] = True  # the reader opens it
    at.run()
    assert not at.exception, at.exception
    assert at.dataframe[0].value.shape[0] == 23


TIMELINE_TABS = ["Since 1960", "Story", "2024 day by day", "Claims per week"]


def test_timeline_page_has_both_charts():
    # one tab drawn at a time, each opened by its link: the deployments, the story's map, the
    # 2024 sequence, claims per week
    drawn = []
    for tab in TIMELINE_TABS:
        at = open_page("pages/timeline.py", {"timeline-view": tab})
        assert not at.exception, (tab, at.exception)
        assert len(at.get("plotly_chart")) == 1, tab
        drawn += [c.key for c in at.get("plotly_chart")]
    assert len(set(drawn)) == 4


@pytest.mark.parametrize("page", sorted(PAGES))
def test_pages_show_problems_and_keep_valid_records(page, tmp_path, monkeypatch):
    monkeypatch.setenv("NKTRACKER_DATA", str(overlay("invalid-value", tmp_path / "data")))
    at = open_page(page)
    assert not at.exception
    assert "1 data problem(s)" in at.expander[0].label
    assert "Showing 1 of 1 claims" in showing(at)


@pytest.mark.slow
@pytest.mark.parametrize("case", cases_with_records())
def test_every_page_draws_every_bad_case_that_keeps_records(case, tmp_path, monkeypatch):
    """Each broken file that leaves claims in place: every page still draws them."""
    monkeypatch.setenv("NKTRACKER_DATA", str(overlay(case, tmp_path / "data")))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90).run()
    for page in ALL_PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert "data problem(s)" in at.expander[0].label, page
    for tab in TIMELINE_TABS[1:]:  # the Timeline draws one tab at a time: the others by link
        at = open_page("pages/timeline.py", {"timeline-view": tab})
        assert not at.exception, (tab, [e.value for e in at.exception])
        assert "data problem(s)" in at.expander[0].label, tab
    for view in ESTIMATE_VIEWS[1:]:  # so does the Estimates page (a tab it lacks opens the first)
        at = open_page("pages/estimates.py", {"estimates-view": view})
        assert not at.exception, (view, [e.value for e in at.exception])
        assert "data problem(s)" in at.expander[0].label, view


def test_a_claim_citing_an_undefined_source_draws_every_page(tmp_path, monkeypatch):
    """The claim is kept (its problem is reported); the chains chart names the id itself."""
    monkeypatch.setenv("NKTRACKER_DATA", str(overlay("unknown-relay", tmp_path / "data")))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90).run()
    for page in ALL_PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
    at.switch_page("pages/sources.py").run()
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert "times-net" in spec["data"][0]["node"]["label"]


def test_every_filter_round_trips_through_the_url():
    params = {
        "region": "Kursk region",
        "source": "suspilne",
        "topic": "desertion",
        "stance": "asserts",
        "reported": ["2024-10-14", "2024-10-20"],
        "as_of": "2024-10-20",
        "q": "fled",
    }
    at = open_page("pages/claims.py", params)
    assert not at.exception
    assert "Showing 1 of 62 claims" in showing(at)
    assert list(at.dataframe[0].value["id"]) == ["suspilne-18-deserters"]


def test_reported_range_from_the_url_filters():
    at = open_page("pages/overview.py", {"reported": ["2024-10-10", "2024-10-10"]})
    caption = showing(at)
    assert "reported 2024-10-10 to 2024-10-10" in caption
    shown = int(caption.split("Showing ")[1].split(" of")[0])
    assert 0 < shown < 62


def test_briefing_page_shows_ranges_map_timeline_denial_and_permalink():
    at = open_page("pages/briefing.py", {"region": "Kursk region"})
    assert not at.exception
    assert at.title[0].value.endswith(": briefing")
    caption = showing(at)
    assert "Showing" in caption and "region: Kursk region" in caption
    assert "Permalink: /briefing?region=Kursk+region" in caption
    assert plain(at.header[0].value).startswith("“")  # the sources' words, not a bare number
    assert any("By the written rule" in re.sub(r"\\(.)", r"\1", c.value) for c in at.caption)
    assert len(at.get("plotly_chart")) == 2  # the map and the key dates
    assert at.get("download_button")


@pytest.mark.parametrize("page", ALL_PAGES)
def test_every_page_runs_on_empty_filters_result(page):
    at = open_page(page, {"q": "no claim says this"})
    assert not at.exception
    assert "Showing 0 of 62 claims" in showing(at)


def test_as_known_on_changes_the_charts():
    def rows(params):
        at = open_page("pages/estimates.py", params)
        spec = json.loads(at.get("plotly_chart")[0].proto.spec)
        return [a["text"] for a in spec["layout"]["annotations"] if "→" in a.get("text", "")]

    now, then = rows({}), rows({"as_of": "2024-10-14"})
    assert 0 < len(then) < len(now)
    assert not any("15 Oct 2024" in text for text in then)


def test_charts_download_as_png_at_twice_the_size_with_a_name():
    charts = [c for at in estimate_views().values() for c in at.get("plotly_chart")]
    assert len(charts) == 5
    for chart in charts:
        config = json.loads(chart.proto.config)
        options = config["toImageButtonOptions"]
        assert options["format"] == "png" and options["scale"] == 2
        assert options["filename"] == f"nk-{chart.key}"


def test_link_values_and_filters_show_as_text_never_as_markdown():
    evil = "[Login here](https://evil.example/login)"
    at = open_page("pages/claims.py", {"source": evil, "q": "**bold** " + evil})
    assert not at.exception
    for element in [*at.caption, *at.info]:
        assert "](https://evil" not in element.value  # escaped: no live link, no bold
        assert "**bold**" not in element.value
    assert evil in plain(at.info[0].value)


def test_a_page_that_fails_shows_a_short_error_with_an_id(caplog, monkeypatch):
    import nktracker.tables

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(nktracker.tables, "claims_frame", broken)
    at = open_page("pages/claims.py")
    assert at.exception  # the failure is not hidden from tests or the log
    message = at.error[0].value
    assert "This page could not be drawn (error id " in message
    assert "secret detail" not in message
    error_id = message.split("error id ")[1][:8]
    assert any(error_id in r.getMessage() and r.exc_info for r in caplog.records)


@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    """The frozen data at 5x (310 claims) by the benchmarks' generator: more than a page."""
    import importlib  # the benchmarks are scripts, not a package: imported from their folder
    import sys  # (as tests/test_benchmarks.py does)

    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        synth = importlib.import_module("synth")
    finally:
        sys.path.pop(0)
    return synth.generate(5, tmp_path_factory.mktemp("grown") / "x5", seed=1, data=FROZEN)


def test_a_long_table_is_shown_a_page_at_a_time(grown, monkeypatch):
    from nktracker.ui.chrome import PAGE_ROWS  # imports streamlit: only in the tests that draw

    monkeypatch.setenv("NKTRACKER_DATA", str(grown))
    at = open_page("pages/claims.py")
    assert not at.exception, at.exception
    assert "Showing 310 of 310 claims" in showing(at)
    pager = at.number_input(key="claims-page")
    assert pager.label == "Page (of 2)" and pager.value == 1
    assert len(at.dataframe[0].value) == PAGE_ROWS
    assert any(f"1–{PAGE_ROWS} of 310" in c.value for c in at.caption)
    pager.set_value(2).run()
    assert len(at.dataframe[0].value) == 310 - PAGE_ROWS
    # fewer rows after a filter: the pager moves to the last page there is, without an error
    at.text_input(key="q").set_value("Kremlin").run()
    assert not at.exception, at.exception
    assert not at.number_input  # one page: no pager


def test_charts_stay_bounded_on_grown_data(grown, monkeypatch):
    monkeypatch.setenv("NKTRACKER_DATA", str(grown))
    shown = [*estimate_views().values()]  # every tab of the Estimates page
    shown += [open_page("pages/briefing.py")]
    # every tab of the Timeline
    shown += [open_page("pages/timeline.py", {"timeline-view": tab}) for tab in TIMELINE_TABS]
    for at in shown:
        page = at.title[0].value if at.title else "?"
        assert not at.exception, (page, at.exception)
        for chart in at.get("plotly_chart"):
            spec = json.loads(chart.proto.spec)
            assert len(spec["data"]) <= 200, (page, len(spec["data"]))
