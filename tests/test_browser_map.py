"""The map in real Chromium: both views drawn offline, tooltips inert, clicks filter claims."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser_support import ARTIFACTS, Session, lonlat_to_pixel, serve
from conftest import FROZEN
from nktracker.maps import VIEWS

EVIL = "<img src=x onerror=alert(1)>"
DECK = '[data-testid="stDeckGlJsonChart"]'


def drawn_pixels(page) -> int:
    """How many pixels of the deck differ from a blank canvas (borders, points, labels)."""
    png = page.locator(DECK).screenshot()
    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=1_000_000) or []
    return sum(count for count, _ in sorted(colours, reverse=True)[1:])


@pytest.mark.browser
@pytest.mark.parametrize("view", ["Present theatre", "World"])
def test_both_views_draw_borders_labels_and_points_offline(session, view):
    s = session(1440, 1100)
    page = s.open(f"/map?view={view.replace(' ', '+')}")
    page.wait_for_selector(f"{DECK} canvas", timeout=30_000)
    page.wait_for_timeout(2500)
    assert drawn_pixels(page) > 20_000
    page.locator(DECK).screenshot(path=str(ARTIFACTS / f"map-{view.split()[0].lower()}.png"))
    assert s.external == []


@pytest.fixture(scope="module")
def evil_data(tmp_path_factory):
    """The frozen data with an HTML payload in a place name, a claim and a source."""
    data = tmp_path_factory.mktemp("evil") / "data"
    shutil.copytree(FROZEN, data)
    for name, old, new in [
        ("locations.geojson", '"name": "Sudzha"', f'"name": "{EVIL}"'),
        ("sources.yaml", "name: LIGA.net", f'name: "{EVIL}"'),
        # a claim at Sudzha whose quote has no hedge, so the payload is valid data
        (
            "claims.yaml",
            "statement: Sudzha, in Russia's Kursk region, is held by Ukrainian forces.",
            f'statement: "{EVIL}"',
        ),
    ]:
        text = (data / name).read_text("utf-8")
        assert text.count(old) == 1, (name, old)  # never inject silently into nothing
        (data / name).write_text(text.replace(old, new), "utf-8")
    return data


@pytest.mark.browser
def test_injected_html_never_runs_and_shows_as_text(browser, evil_data):
    with serve("streamlit-evil.log", data_dir=evil_data) as url:
        context = browser.new_context(viewport={"width": 1440, "height": 1100})
        page = context.new_page()
        dialogs: list[str] = []

        def dismiss(dialog) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", dismiss)
        s = Session(page, url)
        s.open("/map")
        assert page.get_by_text("data problem").count() == 0  # the payload is valid data
        page.wait_for_selector(f"{DECK} canvas", timeout=30_000)
        page.wait_for_timeout(2500)
        box = page.locator(f"{DECK} canvas").first.bounding_box()
        x, y = lonlat_to_pixel(35.2706, 51.1914, VIEWS["theatre"], box)
        page.mouse.move(x, y)
        tooltip = page.locator(".deck-tooltip")
        tooltip.wait_for(state="visible", timeout=10_000)
        text = tooltip.inner_text()
        html = tooltip.inner_html()
        page.screenshot(path=str(ARTIFACTS / "map-injection-tooltip.png"))
        assert text.count(EVIL) >= 3, text  # place, claim and source, all as text
        assert "<img" not in html
        assert page.evaluate("() => document.querySelectorAll('img[src=x]').length") == 0
        page.wait_for_timeout(500)
        assert dialogs == []
        assert s.external == []
        context.close()


@pytest.mark.browser
def test_clicking_a_place_filters_the_claims_beneath(session):
    s = session(1440, 1100)
    page = s.open("/map")
    page.wait_for_selector(f"{DECK} canvas", timeout=30_000)
    page.wait_for_timeout(2500)
    box = page.locator(f"{DECK} canvas").first.bounding_box()
    x, y = lonlat_to_pixel(35.2706, 51.1914, VIEWS["theatre"], box)
    # Hover until the tooltip names the place: the deck is drawn and picking works. Software
    # rendering in CI can be slow enough to miss a click, so click again if none registered.
    page.mouse.move(x, y)
    page.locator(".deck-tooltip").filter(has_text="Sudzha").wait_for(timeout=20_000)
    listed = page.get_by_text("Claims at Sudzha")
    for _ in range(3):
        page.mouse.click(x, y)
        try:
            listed.wait_for(timeout=10_000)
            break
        except PlaywrightTimeout:
            continue
    assert listed.count() == 1
    assert page.get_by_text("Claims with a place").count() == 0
