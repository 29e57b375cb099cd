"""Accessibility in real Chromium: axe-core on every page (no critical or serious violation,
headings in order), and the filters work from the keyboard alone."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlparse

import pytest

from browser_support import ARTIFACTS, axe_report, run_axe
from nktracker.ui.pages import PAGES

PATHS = ["/" + page.url_path for page in PAGES]
# the Estimates page draws only its open tab: the others, opened by the URL
PATHS += [
    f"/estimates?estimates-view={view}"
    for view in [
        "Russian+losses",
        "Shares",
        "Historical+contingents",
        "How+the+estimate+moved",
        "The+claims",
    ]
]
# ... and so does the Timeline (its first tab, "Since 1960", is /timeline above)
PATHS += [
    f"/timeline?timeline-view={view}" for view in ["Story", "2024+day+by+day", "Claims+per+week"]
]
FILTERS = [
    "Region",
    "Source (said or relayed)",
    "Topic",
    "Stance",
    "Reported between",
    "As known on",
    "Search",
]
SHOWING = re.compile(r"Showing (\d+) of (\d+) claims")
# The sidebar filter the focused element belongs to (its widget's label), or "".
FOCUSED_FILTER = """() => {
    const widget = document.activeElement && document.activeElement.closest(
        '[data-testid="stSidebar"] .stElementContainer');
    const label = widget && widget.querySelector('[data-testid="stWidgetLabel"]');
    return label ? label.innerText.trim() : "";
}"""


@pytest.mark.browser
@pytest.mark.parametrize("path", PATHS)
def test_every_page_has_no_serious_axe_violation_and_headings_in_order(session, path):
    s = session(1440, 900)
    page = s.open(path)
    if path == "/map":
        page.wait_for_selector('[data-testid="stDeckGlJsonChart"] canvas', timeout=30_000)
        page.wait_for_timeout(1500)
    violations = run_axe(page)["violations"]
    name = re.sub(r"\W+", "-", re.sub(r"\?[^=]*=", "-", path.strip("/")).lower()) or "overview"
    (ARTIFACTS / f"axe-{name}.json").write_text(json.dumps(violations, indent=1), "utf-8")
    blocking = [
        v
        for v in violations
        if v["impact"] in ("critical", "serious") or v["id"] == "heading-order"
    ]
    assert blocking == [], axe_report(blocking)
    # one title per page, and no level skipped after it
    levels = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMain"] :is(h1,h2,h3,h4,h5,h6)')]
                   .map(h => Number(h.tagName[1]))"""
    )
    assert levels, "no heading"
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels


def tab_to(page, label: str, limit: int = 60) -> list[str]:
    """Press Tab until the focus is in the sidebar filter named label; the filters passed."""
    passed: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        current = page.evaluate(FOCUSED_FILTER)
        if current and (not passed or passed[-1] != current):
            passed.append(current)
        typing = page.evaluate("() => document.activeElement.tagName === 'INPUT'")
        if current == label and typing:  # the field itself, not its help button
            return passed
    raise AssertionError(f"Tab never reached {label!r}; passed {passed}")


def showing(page) -> tuple[int, int]:
    text = page.get_by_text(SHOWING).first.inner_text()
    match = SHOWING.search(text)
    assert match, text
    return int(match.group(1)), int(match.group(2))


@pytest.mark.browser
def test_tab_reaches_every_filter_in_order(session):
    page = session(1440, 900).open("/")
    assert tab_to(page, "Search") == FILTERS


@pytest.mark.browser
def test_a_stance_is_picked_with_the_keyboard(session):
    s = session(1440, 900)
    page = s.open("/")
    assert showing(page) == (62, 62)
    tab_to(page, "Stance")
    page.keyboard.press("ArrowDown")  # open the list
    page.keyboard.type("denies")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function("() => window.location.search.includes('stance=denies')")
    s.wait()
    assert parse_qs(urlparse(page.url).query)["stance"] == ["denies"]
    assert showing(page) == (1, 62)


@pytest.mark.browser
def test_a_search_is_typed_and_sent_with_enter(session):
    s = session(1440, 900)
    page = s.open("/claims")
    tab_to(page, "Search")
    page.keyboard.type("hoax")
    page.keyboard.press("Enter")
    page.wait_for_function("() => window.location.search.includes('q=hoax')")
    s.wait()
    assert parse_qs(urlparse(page.url).query)["q"] == ["hoax"]
    shown, total = showing(page)
    assert 0 < shown < total == 62
