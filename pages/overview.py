"""Overview: headline ranges, counts, the newest claims, how to read the dashboard."""

import streamlit as st

from nktracker.estimates import quantity_headlines
from nktracker.filters import by_stance
from nktracker.labels import bound_attribution, chain_label
from nktracker.tables import claims_frame, headlines_frame, newest_claims
from nktracker.ui.chrome import page_header
from nktracker.ui.pages import start_page

context = start_page("Overview")
dataset, claims = context.dataset, context.claims
page_header("North Korean troops for Russia: what was reported", context)

st.markdown(
    "Every number here is a **range**: vague words (“thousands”, “up to”, “dozens”) become "
    "bounds by one written rule, and each bound names **who said it and when**. "
    "The sidebar's filters apply to every page and live in the link, so any view can be shared."
)

headlines = quantity_headlines(dataset, claims)
if not headlines:
    st.warning("No claim that states a quantity matches the filters.")
else:
    top, rest = headlines[0], headlines[1:]
    left, right = st.columns([1, 2])
    left.metric(top.label, top.text(), help=f"Range over {top.n_claims} claim(s)")
    right.markdown(
        f"**Lowest:** {bound_attribution(dataset, top.low_claims)}  \n"
        f"**Highest:** {bound_attribution(dataset, top.high_claims)}"
    )
    if rest:
        st.subheader("Other reported quantities")
        st.dataframe(headlines_frame(dataset, rest), hide_index=True, width="stretch")

st.subheader("The record")
denials = by_stance(claims, "denies")
c1, c2, c3 = st.columns(3)
c1.metric("Claims", len(claims), help="Atomic claims, each with a verbatim quote")
c2.metric(
    "Sources speaking",
    len({c.said_by for c in claims}),
    help="Sources that originate at least one shown claim",
)
c3.metric("Denials", len(denials))
for claim in denials:
    st.error(
        f"**Denial:** {claim.statement} — {chain_label(dataset, claim)}", icon=":material/block:"
    )

st.subheader("Newest claims")
newest = claims_frame(dataset, newest_claims(claims, 8))
st.dataframe(newest[["reported", "statement", "chain", "stance"]], hide_index=True, width="stretch")
st.caption(
    "How to read: dates keep their precision (a week or a month is shown as such); "
    "“background” marks facts not in the article, each with its own public reference."
)
