"""The Timeline's story view in real Chromium: the arrow keys step through the cards, the link
keeps the card, and typing in a field does not turn the page. The story is one of the page's
tabs, drawn only while open: its link is /timeline?timeline-view=Story (or a card's)."""

from __future__ import annotations

import re

import pytest

from browser_support import ARTIFACTS, FROZEN
from nktracker.load import load_dataset
from nktracker.story import story_cards


@pytest.fixture(scope="module")
def cards():
    """The frozen dataset's story cards, in order."""
    dataset, _ = load_dataset(FROZEN)
    return story_cards(dataset, list(dataset.claims.values()))


def settled(page) -> None:
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000
    )


def headline(page) -> str:
    return page.locator(".st-key-story h3").first.inner_text().strip()


def open_tab(page) -> str:
    return page.locator('.st-key-timeline-view [role="tab"][aria-selected="true"]').inner_text()


STORY = "/timeline?timeline-view=Story"


@pytest.mark.browser
def test_arrow_keys_step_through_the_story_and_the_link_keeps_the_card(session, cards):
    s = session(1440, 900)
    page = s.open(STORY)
    assert headline(page) == cards[0].headline
    page.keyboard.press("ArrowRight")
    page.wait_for_url(re.compile(rf"card={re.escape(cards[1].id)}"), timeout=30_000)
    settled(page)
    page.get_by_text(cards[1].headline, exact=True).wait_for(timeout=30_000)
    assert headline(page) == cards[1].headline
    page.keyboard.press("ArrowRight")
    page.wait_for_url(re.compile(rf"card={re.escape(cards[2].id)}"), timeout=30_000)
    settled(page)
    page.keyboard.press("ArrowLeft")
    page.wait_for_url(re.compile(rf"card={re.escape(cards[1].id)}"), timeout=30_000)
    settled(page)
    page.get_by_text(cards[1].headline, exact=True).wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "timeline-story-keyboard.png"))
    assert open_tab(page) == "Story"
    # the link opens on the same card, in the story's tab
    again = session(1440, 900).open(f"/timeline?card={cards[1].id}")
    assert open_tab(again) == "Story"
    assert headline(again) == cards[1].headline


@pytest.mark.browser
def test_the_story_is_drawn_only_in_its_tab_and_its_keys_only_there(session, cards):
    s = session(1440, 900)
    page = s.open("/timeline")
    assert open_tab(page) == "Since 1960"
    assert page.locator(".st-key-story").count() == 0  # a closed tab draws nothing
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 1  # the deployments
    page.keyboard.press("ArrowRight")  # no story here to step through
    page.wait_for_timeout(1000)
    settled(page)
    assert "card=" not in page.url and open_tab(page) == "Since 1960"
    page.get_by_role("tab", name="Story").click()
    page.wait_for_url(re.compile(r"timeline-view=Story"), timeout=30_000)
    settled(page)
    page.locator(".st-key-story").wait_for(timeout=30_000)
    assert headline(page) == cards[0].headline
    # the focus leaves the tabs (a click on the card): the arrow keys step through the story
    page.locator(".st-key-story h3").first.click()
    page.keyboard.press("ArrowRight")
    page.wait_for_url(re.compile(rf"card={re.escape(cards[1].id)}"), timeout=30_000)
    settled(page)
    page.get_by_text(cards[1].headline, exact=True).wait_for(timeout=30_000)
    assert open_tab(page) == "Story"
    assert s.external == []


@pytest.mark.browser
def test_arrow_keys_in_a_text_field_move_the_caret_not_the_story(session, cards):
    s = session(1440, 900)
    page = s.open(STORY)
    search = page.get_by_role("textbox", name="Search")
    search.click()
    search.type("hoa")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(1000)
    settled(page)
    assert "card=" not in page.url
    assert headline(page) == cards[0].headline
