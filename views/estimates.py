"""Estimates: range charts per quantity, one row per claim, and the claims beneath."""

import streamlit as st

from nktracker.figures import build_estimate_figure
from nktracker.notes import describe_filters, format_source_note
from nktracker.tables import estimate_frame
from nktracker.ui.chrome import page_header
from nktracker.ui.context import get_context

context = get_context()
dataset, claims = context.dataset, context.claims
page_header("Estimates as ranges", context)
st.markdown(
    "A bar runs from the lowest to the highest value the words allow; ◆ marks a value stated "
    "exactly; a dotted end means the words set no bound on that side. Colour shows the stance."
)

frame = estimate_frame(dataset, claims)
subtitle = describe_filters(dataset, context.filters)
if frame.empty:
    st.warning("No claim that states a quantity matches the filters.")
for (theatre, unit), part in (
    frame.groupby(["theatre", "unit"], sort=False) if not frame.empty else []
):
    title = {
        ("present", "people"): "North Korean personnel and Russian losses, 2024",
        ("present", "percent"): "Shares: defective missiles, Russian-speaking officers",
        ("historical", "people"): "Historical contingents",
    }.get((theatre, unit), f"{theatre} ({unit})")
    used = [c for c in claims if c.id in set(part["claim"])]
    fig = build_estimate_figure(
        part, title, subtitle, format_source_note(dataset, used, context.filters)
    )
    st.plotly_chart(
        fig,
        width="stretch",
        key=f"estimates-{theatre}-{unit}",
        config={
            "toImageButtonOptions": {
                "format": "png",
                "scale": 2,
                "filename": f"nk-estimates-{theatre}-{unit}",
            }
        },
    )

if not frame.empty:
    st.subheader("The claims behind the bars")
    st.dataframe(
        frame[
            ["quantity_label", "words", "range", "said_by", "chain", "reported", "stance", "quote"]
        ],
        hide_index=True,
        width="stretch",
    )
