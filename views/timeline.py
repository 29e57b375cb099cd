"""Timeline: North Korea's foreign deployments since the 1960s, and the 2024 sequence by day."""

import datetime as dt

import streamlit as st

from nktracker.figures import build_sequence_figure, build_timeline_figure
from nktracker.notes import as_of_date, describe_filters, format_source_note
from nktracker.timeline import deployment_personnel, sequence_items, undated_deployments
from nktracker.ui.chrome import page_header
from nktracker.ui.context import get_context

context = get_context()
dataset, claims = context.dataset, context.claims
shown_ids = {c.id for c in claims}
deployments = [d for d in dataset.deployments.values() if any(c in shown_ids for c in d.claims)]
page_header("Timeline", context)
st.caption(
    f"{len(deployments)} of {len(dataset.deployments)} deployments have a claim that matches."
)

today = as_of_date(dataset, context.filters)
subtitle = describe_filters(dataset, context.filters)
personnel = {d.id: deployment_personnel(dataset, d) for d in deployments}
dep_claims = [c for c in claims if any(c.id in d.claims for d in deployments)]
fig = build_timeline_figure(
    dataset,
    deployments,
    personnel,
    today,
    "North Korea's foreign deployments",
    subtitle,
    format_source_note(dataset, dep_claims, context.filters)
    + " Years are background (references in the table); hatched bars are approximate.",
)
st.plotly_chart(
    fig,
    width="stretch",
    key="deployments",
    config={
        "toImageButtonOptions": {"format": "png", "scale": 2, "filename": "nk-deployments-timeline"}
    },
)

rows = []
for dep in deployments:
    refs = dep.background.references if dep.background else []
    rows.append(
        {
            "theatre": dep.theatre,
            "conflict": dep.conflict,
            "years": f"{dep.start or '?'} – {dep.end or ('ongoing' if dep.ongoing else '?')}",
            "sent (article's words)": dep.sent_words,
            "personnel": personnel[dep.id],
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
items = sequence_items(dataset, claims)
window = (dt.date(2024, 5, 1), today + dt.timedelta(days=14))
fig = build_sequence_figure(
    items,
    "From the June 2024 treaty to the October reports",
    subtitle,
    format_source_note(dataset, claims, context.filters)
    + " Each bar spans the days its date can mean;"
    + " ◇ marks an exact day from a background reference.",
    window=window,
)
st.plotly_chart(
    fig,
    width="stretch",
    key="sequence",
    config={"toImageButtonOptions": {"format": "png", "scale": 2, "filename": "nk-2024-sequence"}},
)
outside = items[(items["last"] < window[0].isoformat()) | (items["first"] > window[1].isoformat())]
if not outside.empty:
    st.caption(
        "Outside this window: " + "; ".join(f"{r.label} ({r.when})" for r in outside.itertuples())
    )
