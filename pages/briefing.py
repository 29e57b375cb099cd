"""Briefing: one screen for a 16:9 slide (ranges, map, timeline, denials), and an HTML file."""

import datetime as dt

import streamlit as st

from nktracker.briefing import briefing_html, denial_lines, headline_lines
from nktracker.charts import compact, deployments_chart, download_config, map_chart, sequence_chart
from nktracker.estimates import headline_text, quantity_headlines
from nktracker.filters import filter_options
from nktracker.labels import markdown_literal
from nktracker.links import permalink
from nktracker.notes import as_of_label, describe_filters
from nktracker.ui.chrome import show_link_notes, show_problems
from nktracker.ui.data import get_basemap
from nktracker.ui.pages import start_page

context = start_page("Briefing")
dataset, claims, filters = context.dataset, context.claims, context.filters
link = permalink(st.context.url, "briefing", filters.to_params(filter_options(dataset)))

# Static CSS (no data): a tighter top margin so the briefing fits one 16:9 screen.
st.html(
    "<style>[data-testid='stMainBlockContainer']{padding-top:3.4rem;padding-bottom:1rem}</style>"
)
st.markdown("### North Korean troops for Russia: briefing")
st.caption(
    f"**Showing {len(claims)} of {context.total} claims** · Filters: "
    f"{describe_filters(dataset, filters)} · {as_of_label(dataset, filters)} · "
    f"Permalink: `{link}`"
)
show_link_notes()
show_problems(dataset, context.problems)

headlines = quantity_headlines(dataset, claims)
theatre_map = map_chart(dataset, claims, filters, get_basemap("theatre"), "theatre")
left, right = st.columns([2, 3], gap="medium")
with left:
    if headlines:
        top = headline_text(dataset, headlines[0], filters.as_of)
        st.metric(top.label, top.value)
        st.caption(markdown_literal("\n".join(headline_lines(top))))
        for other in headlines[1:4]:
            text = headline_text(dataset, other, filters.as_of)
            st.markdown(f"**{markdown_literal(text.value)}** — {markdown_literal(text.label)}")
    else:
        st.warning("No claim that states a quantity matches the filters.")
    for line in denial_lines(dataset, claims):
        st.error(line)
with right:
    small_map = compact(theatre_map, 410)
    st.plotly_chart(
        small_map.figure, width="stretch", key="briefing-map", config=download_config("map")
    )
key_dates = sequence_chart(dataset, claims, filters, key_only=True)
timeline = compact(key_dates, int(key_dates.figure.layout.height) - 95)
st.plotly_chart(
    timeline.figure, width="stretch", key="briefing-sequence", config=download_config("sequence")
)


def _html() -> str:
    charts = [theatre_map, sequence_chart(dataset, claims, filters)]
    charts.append(deployments_chart(dataset, claims, filters))
    return briefing_html(dataset, claims, filters, headlines, charts, link, dt.datetime.now(dt.UTC))


st.download_button(
    "Download this briefing as one HTML file (works offline)",
    data=_html,
    file_name=f"nk-briefing-{dt.date.today().isoformat()}.html",
    mime="text/html",
    on_click="ignore",
    icon=":material/download:",
)
