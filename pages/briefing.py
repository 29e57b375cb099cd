"""Briefing: one screen for a 16:9 slide (ranges, map, timeline, denials), and an HTML file."""

import datetime as dt

import streamlit as st

from nktracker.briefing import briefing_html, denial_lines, headline_lines
from nktracker.charts import deployments_chart, map_chart, sequence_chart
from nktracker.estimates import headline_text, quantity_headlines
from nktracker.filters import filter_options
from nktracker.labels import markdown_literal
from nktracker.links import permalink
from nktracker.notes import as_of_label, describe_filters
from nktracker.ui.card import chart_card
from nktracker.ui.chrome import show_chart, show_headline, show_link_notes, show_problems
from nktracker.ui.data import get_basemap, memo
from nktracker.ui.pages import start_page

MAP_PX = 350  # with the sidebar collapsed, the slide fits 1600x900 (tests measure it)

context = start_page("Briefing")
dataset, claims, filters = context.dataset, context.claims, context.filters
options = memo(filter_options, context.data_key, dataset)
link = permalink(st.context.url, "briefing", filters.to_params(options))

# Static CSS (no data): a tighter top margin and a slide-sized title (the page's h1) so the
# briefing fits one 16:9 screen.
st.html(
    "<style>[data-testid='stMainBlockContainer']{padding-top:3rem;padding-bottom:0.5rem}"
    "[data-testid='stMainBlockContainer'] h1{font-size:1.75rem;padding:0.4rem 0}"
    "[data-testid='stMainBlockContainer'] h2{font-size:1.6rem;padding:0.2rem 0}</style>"
)
heading, actions = st.columns([4, 5], vertical_alignment="center")
with heading:
    st.title("North Korean troops for Russia: briefing")
st.caption(
    f"**Showing {len(claims)} of {context.total} claims** · Filters: "
    f"{markdown_literal(describe_filters(dataset, filters))} · "
    f"{markdown_literal(as_of_label(dataset, filters))} · Permalink: "
    # shown without its scheme, as text for the slide: an autolinked URL in a caption is
    # too faint to read (axe: color-contrast); the sidebar's "Link to this view" copies it
    f"{markdown_literal(link.split('://', 1)[-1])}"
)
show_link_notes()
show_problems(dataset, context.problems)


def _html() -> str:
    charts = [theatre_map, sequence_chart(dataset, claims, filters)]
    charts.append(deployments_chart(dataset, claims, filters))
    return briefing_html(dataset, claims, filters, headlines, charts, link, dt.datetime.now(dt.UTC))


headlines = memo(quantity_headlines, context.key(), dataset, claims)
theatre_map = memo(
    map_chart, context.key("theatre"), dataset, claims, filters, get_basemap("theatre"), "theatre"
)
left, right = st.columns([1, 1], gap="medium")
with left:
    if headlines:
        top = memo(headline_text, context.key("top"), dataset, headlines[0], filters.as_of)
        show_headline(top.label, top.value)
        st.caption(markdown_literal("\n".join(headline_lines(top))))
        others = [
            memo(headline_text, context.key(other.label), dataset, other, filters.as_of)
            for other in headlines[1:4]
        ]
        if others:  # one block, a line each: three blocks would cost the slide two gaps
            st.markdown(
                "  \n".join(
                    f"**{markdown_literal(t.value)}** — {markdown_literal(t.label)}" for t in others
                )
            )
    else:
        st.warning("No claim that states a quantity matches the filters.")
    for line in memo(denial_lines, context.key("denials"), dataset, claims, 3):
        st.error(markdown_literal(line))
with right:
    # drawn at its height, not shrunk by compact(): its labels are placed for the size shown
    small_map = memo(
        map_chart,
        context.key("map", MAP_PX),
        dataset,
        claims,
        filters,
        get_basemap("theatre"),
        "theatre",
        MAP_PX,
    )
    show_chart(small_map, key="briefing-map")
key_dates = memo(sequence_chart, context.key("key dates"), dataset, claims, filters, True)
show_chart(key_dates, key="briefing-sequence")  # one-line rows: drawn at its own height
with actions:  # beside the title: the cards open over the page, so the slide keeps its height
    download, map_card, dates_card = st.columns([4, 2, 2], vertical_alignment="center")
    download.download_button(
        "Download this briefing as one HTML file (works offline)",
        data=_html,
        file_name=f"nk-briefing-{dt.date.today().isoformat()}.html",
        mime="text/html",
        on_click="ignore",
        icon=":material/download:",
    )
    with map_card:
        chart_card(theatre_map, context, "briefing", "briefing-map", True, "Map: data, cite")
    with dates_card:
        chart_card(key_dates, context, "briefing", "briefing-dates", True, "Dates: data, cite")
