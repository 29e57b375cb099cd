"""The linked map–timeline selection in real Chromium: a view change clears it, and it travels
with the menu from the Map to the Timeline, where its chip clears it."""

from __future__ import annotations

import pytest

from browser_support import ARTIFACTS

CHIP = "× Places: Sudzha"
# the Timeline's open tab: a selection opens the 2024 chart, where it is picked and shown
OPEN_TAB = '.st-key-timeline-view [role="tab"][aria-selected="true"]'


@pytest.mark.browser
def test_changing_the_view_clears_the_map_selection(session):
    s = session(1440, 1100)
    page = s.open("/map?place=sudzha")
    assert page.get_by_role("button", name=CHIP).count() == 1
    assert page.get_by_text("Claims at Sudzha").count() == 1
    page.get_by_text("World", exact=True).first.click()
    s.wait()
    page.get_by_text("Claims with a place").wait_for(timeout=30_000)
    assert page.get_by_text("Claims at Sudzha").count() == 0
    assert page.get_by_role("button", name=CHIP).count() == 0
    assert "place=" not in page.url
    page.screenshot(path=str(ARTIFACTS / "selection-cleared-by-view.png"))


@pytest.mark.browser
def test_the_selection_travels_from_the_map_to_the_timeline_and_its_chip_clears_it(session):
    s = session(1440, 1100)
    page = s.open("/map?place=sudzha&stance=asserts")
    page.get_by_role("link", name="Timeline").click()
    page.wait_for_url("**/timeline?**", timeout=30_000)
    s.wait()
    assert "place=sudzha" in page.url and "stance=asserts" in page.url
    chip = page.get_by_role("button", name=CHIP)
    chip.wait_for(timeout=30_000)
    assert page.locator(OPEN_TAB).inner_text() == "2024 day by day"
    assert page.get_by_text("Claims at Sudzha").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "selection-on-timeline.png"), full_page=True)
    chip.click()
    s.wait()
    page.wait_for_function("() => !location.search.includes('place=')", timeout=30_000)
    assert page.get_by_role("button", name=CHIP).count() == 0
    assert "stance=asserts" in page.url
    # cleared, the selection no longer makes the 2024 chart the default: the reader stays on it
    assert page.locator(OPEN_TAB).inner_text() == "2024 day by day"
    assert page.get_by_text("The present deployment, day by day").count() == 1


@pytest.mark.browser
def test_a_span_picked_on_the_timeline_narrows_the_map(session):
    s = session(1440, 1100)
    page = s.open("/timeline?span=2024-10-10..2024-10-10")
    chip = page.get_by_role("button", name="× Dates: 10 Oct 2024")
    chip.wait_for(timeout=30_000)
    assert page.locator(OPEN_TAB).inner_text() == "2024 day by day"
    page.get_by_role("link", name="Map").click()
    page.wait_for_url("**/map?**", timeout=30_000)
    s.wait()
    assert "span=2024-10-10..2024-10-10" in page.url
    page.get_by_text("Claims dated 10 Oct 2024").wait_for(timeout=30_000)
