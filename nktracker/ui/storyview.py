"""The Timeline's story view: a card at a time, previous/next by button or arrow key, the card
in the URL (?card=) so it can be linked, and its places ringed on a small map."""

from __future__ import annotations

import streamlit as st

from nktracker.charts import story_map_chart
from nktracker.labels import markdown_literal, name_list, place_names
from nktracker.story import StoryCard, card_position, map_view_for, story_cards
from nktracker.ui.card import chart_card
from nktracker.ui.chrome import show_chart
from nktracker.ui.data import get_basemap, memo
from nktracker.ui.pages import PageContext

CARD_PARAM = "card"  # ?card=deployment-angola


def _go(card_id: str) -> None:
    """Button callback: the next card goes to the URL before the rerun draws it."""
    st.query_params[CARD_PARAM] = card_id


def _card_text(context: PageContext, card: StoryCard) -> None:
    """The card's words, every data string shown as text (never as Markdown)."""
    when = card.when + (f"; {card.precision}" if card.precision else "")
    st.caption(markdown_literal(f"{card.kind.capitalize()} · {when}"))
    st.subheader(markdown_literal(card.headline), anchor=False)
    st.markdown(f"“{markdown_literal(card.words)}”")
    said = f"Said by: {card.chain}"
    if card.more:
        said += f" (and {card.more} more claim{'s' if card.more != 1 else ''} behind this card)"
    st.caption(markdown_literal(said))
    details = []
    places = place_names(context.dataset, list(card.places))
    if places:
        details.append("Where: " + name_list(places, limit=4))
    details.append("Claims: " + ", ".join(card.claims))
    st.caption(markdown_literal("\n".join(details)))


def show_story(context: PageContext) -> None:
    """The story view: navigation, the card, its map. Left and Right step through it."""
    cards = memo(story_cards, context.key(), context.dataset, context.claims)
    if not cards:
        st.info("No deployment or key date matches the filters.")
        return
    index, found = card_position(cards, st.query_params.get(CARD_PARAM))
    if not found:
        st.caption("The linked card is not among those the filters leave: showing the first.")
    card = cards[index]
    with st.container(border=True, key="story"):
        with st.container(horizontal=True, vertical_alignment="center", key="story-nav"):
            st.button(
                "Previous",
                key="story-prev",
                shortcut="Left",
                disabled=index == 0,
                on_click=_go,
                args=(cards[max(index - 1, 0)].id,),
            )
            st.markdown(f"**{index + 1} of {len(cards)}**", width="content")
            st.button(
                "Next",
                key="story-next",
                shortcut="Right",
                disabled=index == len(cards) - 1,
                on_click=_go,
                args=(cards[min(index + 1, len(cards) - 1)].id,),
            )
        text, where = st.columns([3, 2])
        with text:
            _card_text(context, card)
        with where:
            view = map_view_for(context.dataset, card)
            chart = memo(
                story_map_chart,
                context.key("story-map", card.id, view, "coarse"),
                context.dataset,
                context.claims,
                context.filters,
                get_basemap(view, coarse=True),
                view,
                card,
            )
            show_chart(chart, key="story-map")
            # behind a one-line button: the small map's column has no room for an expander
            chart_card(chart, context, "timeline", "story-map", True, "Map: data, sources, cite")
