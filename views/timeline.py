"""Timeline: North Korea's foreign deployments since the 1960s, and the 2024 sequence by day."""

import streamlit as st

from nktracker.charts import (
    deployments_chart,
    download_config,
    sequence_chart,
    sequence_window,
    shown_deployments,
)
from nktracker.timeline import deployment_personnel, sequence_items, undated_deployments
from nktracker.ui.chrome import page_header
from nktracker.ui.context import get_context

context = get_context()
dataset, claims, filters = context.dataset, context.claims, context.filters
deployments = shown_deployments(dataset, claims)
page_header("Timeline", context)
st.caption(
    f"{len(deployments)} of {len(dataset.deployments)} deployments have a claim that matches."
)

chart = deployments_chart(dataset, claims, filters)
st.plotly_chart(chart.figure, width="stretch", key=chart.name, config=download_config(chart.name))

rows = []
for dep in deployments:
    refs = dep.background.references if dep.background else []
    rows.append(
        {
            "theatre": dep.theatre,
            "conflict": dep.conflict,
            "years": f"{dep.start or '?'} – {dep.end or ('ongoing' if dep.ongoing else '?')}",
            "sent (article's words)": dep.sent_words,
            "personnel": deployment_personnel(dataset, dep),
            "ally": dep.ally,
            "opponent": dep.opponent,
            "status": dep.status,
            "claims": ", ".join(dep.claims),
            "background": dep.background.note if dep.background else "",
            "reference": refs[0].url if refs else "",
        }
    )
st.dataframe(
    rows,
    hide_index=True,
    width="stretch",
    column_config={"reference": st.column_config.LinkColumn("first reference")},
)
undated = undated_deployments(deployments)
if undated:
    st.caption(
        "Not on the chart, since no years are recorded: "
        + "; ".join(f"{d.theatre} ({d.conflict})" for d in undated)
    )

st.subheader("The present deployment, day by day")
chart = sequence_chart(dataset, claims, filters)
st.plotly_chart(chart.figure, width="stretch", key=chart.name, config=download_config(chart.name))
items = sequence_items(dataset, claims)
start, end = (d.isoformat() for d in sequence_window(dataset, filters))
outside = items[(items["last"] < start) | (items["first"] > end)]
if not outside.empty:
    st.caption(
        "Outside this window: " + "; ".join(f"{r.label} ({r.when})" for r in outside.itertuples())
    )
