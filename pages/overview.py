"""Overview: headline ranges, counts, the newest claims, how to read the dashboard."""

import streamlit as st

from nktracker.briefing import denial_lines
from nktracker.estimates import headline_text, quantity_headlines
from nktracker.labels import markdown_literal, sentence_case
from nktracker.lists import claim_items, markdown_list, quantity_items
from nktracker.tables import claims_frame, newest_claims, record_counts
from nktracker.ui.chrome import page_header, show_headline
from nktracker.ui.data import memo
from nktracker.ui.pages import start_page

MAX_DENIALS = 6  # denials shown in full; the rest are counted

context = start_page("Overview")
dataset, claims = context.dataset, context.claims
page_header("North Korean troops for Russia: what was reported", context)

st.markdown(
    "Every number here is the **sources' own words**, each bound with **who said it, when, and "
    "how many independent originators stand behind it**; denials sit beside what they contest. "
    "Vague words (“thousands”, “up to”, “dozens”) become ranges by one written rule, shown in "
    "small print. The sidebar's filters apply to every page and live in the link."
)

headlines = memo(quantity_headlines, context.key(), dataset, claims)
if not headlines:
    st.warning("No claim that states a quantity matches the filters.")
else:
    top, rest = headlines[0], headlines[1:]
    text = memo(headline_text, context.key("top"), dataset, top, context.filters.as_of)
    show_headline(
        text.label, text.value, help=f"In the sources' words, over {top.n_claims} claim(s)"
    )
    for line in (text.floor, text.ceiling):
        if line:
            st.markdown(markdown_literal(line))
    if text.contested:
        st.warning(markdown_literal(sentence_case(text.contested)), icon=":material/report:")
    st.caption(markdown_literal(text.rule))
    if rest:
        st.header("Other reported quantities")
        items = memo(quantity_items, context.key(), dataset, rest, context.filters.as_of)
        st.markdown(markdown_list(items, len(rest), "on the Estimates page"))

st.header("The record")
counts = memo(record_counts, context.key(), claims)
c1, c2, c3 = st.columns(3)
c1.metric("Claims", counts.claims, help="Atomic claims, each with a verbatim quote")
c2.metric(
    "Sources speaking", counts.speaking, help="Sources that originate at least one shown claim"
)
c3.metric("Denials", counts.denials)
for line in memo(denial_lines, context.key("denials"), dataset, claims, MAX_DENIALS):
    kind, _, words = line.partition(": ")
    shown = f"**{kind}:** {markdown_literal(words)}" if kind == "Denial" else markdown_literal(line)
    st.error(shown, icon=":material/block:")

st.header("Newest claims")
newest = memo(
    claims_frame, context.key("newest"), dataset, memo(newest_claims, context.key(), claims, 8)
)
st.markdown(markdown_list(claim_items(newest), len(newest), ""))
st.page_link(
    "pages/claims.py", label="Every claim, with search and downloads", icon=":material/table:"
)
st.caption(
    "How to read: dates keep their precision (a week or a month is shown as such); "
    "“background” marks facts not in the article, each with its own public reference."
)
