"""The Timeline page: the story view steps card by card (buttons, URL) and the charts draw."""

from __future__ import annotations

from test_pages import open_page, plain

from conftest import FROZEN
from nktracker.load import load_dataset
from nktracker.story import story_cards


def headline(at) -> str:
    return plain(at.subheader[0].value)


def frozen_cards():
    dataset, _ = load_dataset(FROZEN)
    return story_cards(dataset, list(dataset.claims.values()))


def test_timeline_page_draws_the_story_map_and_every_chart():
    at = open_page("pages/timeline.py")
    assert not at.exception, at.exception
    names = [c.proto.id for c in at.get("plotly_chart")]
    assert len(names) == 4
    assert "Claims per week" in [h.value for h in at.header]


def test_story_starts_at_the_first_card_and_steps_with_the_buttons():
    cards = frozen_cards()
    at = open_page("pages/timeline.py")
    assert headline(at) == cards[0].headline
    assert at.button(key="story-prev").disabled
    at.button(key="story-next").click().run()
    assert headline(at) == cards[1].headline
    assert at.query_params["card"] == cards[1].id  # the card is in the link
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
