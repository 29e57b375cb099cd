"""The Timeline page: one tab drawn at a time, opened by the link; the story view steps card
by card (buttons, URL) and the charts draw."""

from __future__ import annotations

import pytest
from test_pages import open_page, plain

from conftest import FROZEN
from nktracker.load import load_dataset
from nktracker.story import story_cards


def headline(at) -> str:
    return plain(at.subheader[0].value)


def frozen_cards():
    dataset, _ = load_dataset(FROZEN)
    return story_cards(dataset, list(dataset.claims.values()))


VIEW = "timeline-view"  # the open tab's URL parameter
# Each tab and the chart it alone draws (the 2024 chart's key carries the selection's token)
TAB_CHARTS = {
    "Since 1960": "deployments-timeline",
    "Story": "story-map",
    "2024 day by day": "sequence-2024-",
    "Claims per week": "claims-per-week",
}


def chart_keys(at) -> list[str]:
    return [c.key or "" for c in at.get("plotly_chart")]


def open_tab(at) -> str:
    return at.session_state[VIEW]


@pytest.mark.parametrize("tab", list(TAB_CHARTS))
def test_each_tab_draws_its_chart_and_no_other(tab):
    at = open_page("pages/timeline.py", {VIEW: tab})
    assert not at.exception, at.exception
    assert [t.label for t in at.tabs][:4] == list(TAB_CHARTS)
    assert open_tab(at) == tab
    keys = chart_keys(at)
    assert len(keys) == 1 and keys[0].startswith(TAB_CHARTS[tab]), keys  # closed tabs: nothing
    assert not at.info, [i.value for i in at.info]  # ?timeline-view= is no ignored link value
    headers = [h.value for h in at.header]
    assert ("Step through the story" in headers) == (tab == "Story")
    assert ("The present deployment, day by day" in headers) == (tab == "2024 day by day")
    if tab == "Since 1960":  # the deployments table waits, closed, behind its opener
        assert [e.label for e in at.expander if e.label.startswith("Table:")] == [
            "Table: the 10 deployments"
        ]
        assert not at.dataframe


@pytest.mark.parametrize(
    ("params", "tab"),
    [
        ({}, "Since 1960"),
        ({"card": "deployment-angola"}, "Story"),  # a link to a story card
        ({"place": "sudzha"}, "2024 day by day"),  # the map's selection
        ({"span": "2024-10-01..2024-10-31"}, "2024 day by day"),  # a span picked on the chart
        ({"card": "deployment-angola", "place": "sudzha"}, "Story"),
        ({"place": "sudzha", VIEW: "Claims per week"}, "Claims per week"),  # the link's own tab
        ({VIEW: "No such tab"}, "Since 1960"),
    ],
)
def test_the_link_decides_the_open_tab(params, tab):
    at = open_page("pages/timeline.py", params)
    assert not at.exception, at.exception
    assert open_tab(at) == tab
    keys = chart_keys(at)
    assert len(keys) == 1 and keys[0].startswith(TAB_CHARTS[tab]), keys


def test_the_deployments_table_is_drawn_once_opened():
    at = open_page("pages/timeline.py")
    assert not at.dataframe
    at.session_state["open-timeline-deployments"] = True  # the reader opens it
    at.run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    assert len(table) == 10 and "reference" in table.columns
    one = open_page("pages/timeline.py", {"source": "liga"})
    assert "Table: the 1 deployment" in [e.label for e in one.expander]


def test_the_open_tab_stays_when_the_selection_is_cleared():
    at = open_page("pages/timeline.py", {"place": "sudzha"})
    assert open_tab(at) == "2024 day by day"
    at.button(key="timeline-selection-chip").click().run()
    assert not at.exception, at.exception
    assert "place" not in at.query_params  # cleared: the default is now "Since 1960" ...
    assert open_tab(at) == "2024 day by day"  # ... but the reader stays on the 2024 chart
    assert chart_keys(at)[0].startswith("sequence-2024-")
    at.run()  # Streamlit writes the kept tab to the URL on the next run
    assert at.query_params[VIEW] == "2024 day by day"


def test_story_starts_at_the_first_card_and_steps_with_the_buttons():
    cards = frozen_cards()
    at = open_page("pages/timeline.py", {VIEW: "Story"})
    assert headline(at) == cards[0].headline
    assert at.button(key="story-prev").disabled
    at.button(key="story-next").click().run()
    assert headline(at) == cards[1].headline
    assert at.query_params["card"] == cards[1].id  # the card is in the link
    assert open_tab(at) == "Story"  # the card in the URL makes the story the default: it stays
    at.button(key="story-prev").click().run()
    assert headline(at) == cards[0].headline


def test_a_linked_card_opens_and_the_last_card_has_no_next():
    cards = frozen_cards()
    at = open_page("pages/timeline.py", {"card": cards[-1].id})
    assert not at.exception, at.exception
    assert headline(at) == cards[-1].headline
    assert at.button(key="story-next").disabled
    assert f"“{cards[-1].words}”" in [plain(m.value) for m in at.markdown]  # verbatim, as text


def test_an_unknown_card_in_the_link_falls_back_to_the_first_with_a_note():
    at = open_page("pages/timeline.py", {"card": "no-such-card"})
    assert not at.exception, at.exception
    assert headline(at) == frozen_cards()[0].headline
    assert any("not among those the filters leave" in c.value for c in at.caption)


def test_a_lapsed_selection_is_said_above_the_tabs_whichever_is_open():
    at = open_page("pages/timeline.py", {"place": "sudzha", "stance": "denies"})
    assert not at.exception, at.exception
    assert "place" not in at.query_params
    assert open_tab(at) == "Since 1960"  # no selection left: the default tab
    assert any("Selection cleared" in c.value for c in at.caption)
