"""End to end in real Chromium: every page loads, shows its content, sends nothing outside."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from browser_support import ARTIFACTS

PAGES = {
    "/": "what was reported",
    "/estimates": "Estimates as ranges",
    "/map": "Map",
    "/timeline": "North Korea's foreign deployments",  # its first tab (the others: screens)
    "/sources": "Reporting chains",
    "/claims": "Download these claims (CSV)",
    "/briefing": "Download this briefing as one HTML file (works offline)",
    "/methodology": "Two principles govern curation",
}
SIZES = [(1440, 900), (1600, 900), (390, 844)]  # desktop, a 16:9 slide, a phone


def shot_name(path: str, width: int, height: int) -> str:
    name = path.strip("/") or "overview"
    return f"{name}-{width}x{height}.png"


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), SIZES)
@pytest.mark.parametrize("path", list(PAGES))
def test_page_loads_shows_content_and_stays_offline(session, path, width, height):
    s = session(width, height)
    page = s.open(path)
    key_content = page.get_by_text(PAGES[path]).first
    key_content.wait_for(state="attached", timeout=30_000)  # elements arrive progressively
    assert key_content.count() == 1
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text(re.compile(r"Showing \d+ of \d+ claims")).count() >= 1
    if path == "/map":
        page.wait_for_selector("canvas", timeout=30_000)
        page.wait_for_timeout(1500)
    page.screenshot(path=str(ARTIFACTS / shot_name(path, width, height)))
    # Streamlit scrolls inside its own container: grow the viewport for a whole-page shot.
    tall = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": width, "height": max(height, min(int(tall), 6000))})
    page.wait_for_timeout(800)
    page.screenshot(
        path=str(ARTIFACTS / shot_name(path, width, height).replace(".png", "-full.png"))
    )
    assert s.external == []


MENU = [
    "Overview",
    "Estimates",
    "Map",
    "Timeline",
    "Sources",
    "Claims",
    "Briefing",
    "Methodology",
]


@pytest.mark.browser
@pytest.mark.parametrize("path", list(PAGES))
def test_deep_link_on_a_fresh_server_shows_the_shell_and_the_filters(browser, path):
    """The first request a server answers is a deep link: the page still shows the menu and
    the filters and applies the link's filter, and the filter survives moving on."""
    from browser_support import Session, serve

    with serve(f"streamlit-fresh-{path.strip('/') or 'overview'}.log") as url:
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        s = Session(context.new_page(), url)
        page = s.open(f"{path}?source=liga")
        page.get_by_text(PAGES[path]).first.wait_for(state="attached", timeout=30_000)
        sidebar = page.locator('[data-testid="stSidebar"]')
        names = [a.inner_text().split("\n")[-1].strip() for a in sidebar.locator("a").all()]
        assert names == MENU
        assert sidebar.get_by_text("Filters", exact=True).count() == 1
        assert page.get_by_text("Showing 4 of 62 claims").count() >= 1
        assert page.locator('[data-testid="stException"]').count() == 0
        target = "Claims" if path != "/claims" else "Estimates"
        sidebar.get_by_role("link", name=target).click()
        page.wait_for_url(re.compile(rf"/{target.lower()}"))
        s.wait()
        assert parse_qs(urlparse(page.url).query).get("source") == ["liga"]
        assert page.get_by_text("Showing 4 of 62 claims").count() >= 1
        assert s.external == []
        context.close()


@pytest.mark.browser
def test_widget_change_is_written_to_the_url(session):
    s = session()
    page = s.open("/")
    page.locator('[data-testid="stMultiSelect"]').filter(has_text="Stance").click()
    page.get_by_role("option", name="denies").click()
    page.keyboard.press("Escape")
    s.wait()
    page.wait_for_function("() => window.location.search.includes('stance=denies')")
    assert page.get_by_text("Showing 1 of 62 claims").count() == 1
    # the copied link opens the same view
    again = session().open(urlparse(page.url).path + "?" + urlparse(page.url).query)
    assert again.get_by_text("Showing 1 of 62 claims").count() == 1


@pytest.mark.browser
def test_estimates_draws_the_open_tab_only_and_keeps_it_in_the_url(session):
    s = session()
    page = s.open("/estimates?source=liga")
    charts = page.locator('[data-testid="stPlotlyChart"]')
    tables = page.locator('[data-testid="stDataFrame"]')
    assert charts.count() == 1 and tables.count() == 0  # the first tab: one range chart
    page.get_by_role("tab", name="The claims").click()
    page.wait_for_function("() => window.location.search.includes('estimates-view=The+claims')")
    s.wait()
    tables.first.wait_for(timeout=30_000)
    assert charts.count() == 0 and tables.count() == 1  # the table alone, nothing else drawn
    query = parse_qs(urlparse(page.url).query)
    assert query["source"] == ["liga"] and query["estimates-view"] == ["The claims"]
    # the copied link opens the same tab
    again = session().open(urlparse(page.url).path + "?" + urlparse(page.url).query)
    selected = again.locator('[role="tab"][aria-selected="true"]')
    assert selected.inner_text() == "The claims"
    assert again.locator('[data-testid="stDataFrame"]').count() == 1
    assert again.get_by_text("Some values in the link were ignored").count() == 0
    assert s.external == []


@pytest.mark.browser
def test_unknown_link_values_show_a_note(session):
    s = session()
    page = s.open("/claims?source=nobody&region=Atlantis")
    assert page.get_by_text("Some values in the link were ignored").count() == 1
    assert page.get_by_text("Showing 62 of 62 claims").count() == 1
    assert page.locator('[data-testid="stException"]').count() == 0


@pytest.mark.browser
def test_briefing_downloads_one_offline_html_file(session):
    s = session(1600, 900)
    page = s.open("/briefing?region=Kursk+region")
    button = page.get_by_text("Download this briefing as one HTML file (works offline)")
    button.wait_for(timeout=30_000)
    with page.expect_download(timeout=60_000) as info:
        button.click()
    path = ARTIFACTS / "briefing.html"
    info.value.save_as(path)
    html = path.read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "region: Kursk region" in html
    assert not re.search(r"<script\b[^>]*\bsrc=", html, flags=re.I)
    assert not re.search(r"<link\b", html, flags=re.I)
    # Opened with the network cut, the file still draws its charts.
    offline = session(1600, 900)
    offline.page.context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort(),
    )
    offline.page.goto(path.as_uri())
    offline.page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    assert offline.page.locator(".js-plotly-plot").count() == 3
    assert offline.external == [path.as_uri()] or offline.external == []
