"""The sidebar in real Chromium: a typed date applies on Enter and on Tab and the next menu click
still navigates; sources by name; the link to the view is copied, with the reader's host."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from browser_support import ARTIFACTS, Session, serve_proxy

SHOWING = re.compile(r"Showing (\d+) of (\d+) claims")


def shown(page) -> int:
    match = SHOWING.search(page.get_by_text(SHOWING).first.inner_text())
    assert match
    return int(match.group(1))


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


@pytest.mark.browser
@pytest.mark.parametrize(
    ("label", "typed", "key", "param", "expected"),
    [
        ("As known on", "14 Oct 2024", "Enter", "as_of", ["2024-10-14"]),
        ("As known on", "2024-10-14", "Tab", "as_of", ["2024-10-14"]),
        ("Reported between", "2024-10-07 – 2024-10-13", "Enter", "reported", None),
        ("Reported between", "7 Oct 2024 to 13 Oct 2024", "Tab", "reported", None),
    ],
)
def test_a_typed_date_applies_on_enter_or_tab_and_the_next_menu_click_navigates(
    session, label, typed, key, param, expected
):
    expected = expected or ["2024-10-07", "2024-10-13"]
    s = session()
    page = s.open("/claims")
    assert shown(page) == 62
    field = page.get_by_role("textbox", name=label)
    field.click()
    page.keyboard.type(typed)
    page.keyboard.press(key)
    page.wait_for_function(f"() => window.location.search.includes('{param}=')")
    s.wait()
    assert query(page)[param] == expected
    applied = shown(page)
    assert 0 < applied < 62
    assert field.input_value() == " – ".join(dict.fromkeys(expected))
    # the click that follows is not lost: it moves to the page, with the date kept
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Estimates").click()
    page.wait_for_url(re.compile(r"/estimates"))
    s.wait()
    assert query(page)[param] == expected
    assert shown(page) == applied


@pytest.mark.browser
def test_a_date_that_is_not_a_day_is_refused_and_said(session):
    s = session()
    page = s.open("/claims?as_of=2024-10-14")
    field = page.get_by_role("textbox", name="As known on")
    field.fill("14 Oktober")
    page.keyboard.press("Enter")
    page.get_by_text("Ignored “14 Oktober”").wait_for(timeout=30_000)
    s.wait()
    assert query(page)["as_of"] == ["2024-10-14"]
    assert field.input_value() == "2024-10-14"


@pytest.mark.browser
def test_sources_are_picked_by_name_and_the_url_keeps_the_id(session):
    s = session()
    page = s.open("/claims")
    page.locator('[data-testid="stMultiSelect"]').filter(has_text="Source").click()
    options = page.get_by_role("option").all_inner_texts()
    named = [o for o in options if " · " in o]
    assert named == sorted(named, key=lambda o: (o.split(" · ")[0], o.split(" · ")[1].casefold()))
    page.get_by_role("option", name="Media · LIGA.net").click()
    page.keyboard.press("Escape")
    page.wait_for_function("() => window.location.search.includes('source=liga')")
    s.wait()
    assert shown(page) == 4
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Map").click()
    page.wait_for_url(re.compile(r"/map"))
    s.wait()
    assert query(page)["source"] == ["liga"] and shown(page) == 4


def copy_view_link(page) -> str:
    # the link sits in a popover: its code block (and the highlighter it loads) is drawn only
    # when the reader opens it
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_role("button", name="Link to this view").click()
    code = page.locator('[data-testid="stPopoverBody"] [data-testid="stCode"]')
    code.scroll_into_view_if_needed()
    code.hover()
    page.locator('[data-testid="stPopoverBody"]').get_by_role(
        "button", name="Copy to clipboard"
    ).click()
    page.wait_for_timeout(300)
    return page.evaluate("navigator.clipboard.readText()")


@pytest.mark.browser
def test_copy_link_puts_the_view_on_the_clipboard(browser, app_url):
    context = browser.new_context(
        viewport={"width": 1440, "height": 900}, permissions=["clipboard-read", "clipboard-write"]
    )
    try:
        s = Session(context.new_page(), app_url)
        page = s.open("/claims?source=liga&q=battalion")
        copied = copy_view_link(page)
        assert copied == f"{app_url}/claims?source=liga&q=battalion"
        # the copied link opens the same view
        again = Session(context.new_page(), app_url).open(copied.removeprefix(app_url))
        assert shown(again) == shown(page) > 0
    finally:
        context.close()


@pytest.mark.browser
def test_behind_the_proxy_the_link_names_the_proxy_not_the_loopback(browser, app_url):
    with serve_proxy(app_url, server_name="localhost", log_name="nginx-copylink.log") as proxy:
        context = browser.new_context(
            viewport={"width": 1440, "height": 900},
            permissions=["clipboard-read", "clipboard-write"],
        )
        try:
            page = Session(context.new_page(), proxy).open("/timeline?stance=denies")
            copied = copy_view_link(page)
            assert copied == f"{proxy}/timeline?stance=denies"
            assert "127.0.0.1" not in copied
        finally:
            context.close()


@pytest.mark.browser
def test_the_claims_table_has_no_blank_rows_under_few_hits(session):
    s = session()
    page = s.open("/claims?source=liga")
    grid = page.locator('[data-testid="stDataFrame"]').first
    box = grid.bounding_box()
    assert box and box["height"] <= (4 + 1) * 35 + 12  # four rows and the header
    page.screenshot(path=str(ARTIFACTS / "claims-liga-1440x900.png"))
