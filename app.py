"""NK Deployment Tracker: page config, navigation and the shared sidebar."""

import streamlit as st

from nktracker.ui.chrome import show_problems
from nktracker.ui.data import get_dataset

st.set_page_config(page_title="NK Deployment Tracker", page_icon="🗺️", layout="wide")

dataset, problems = get_dataset()
st.title("NK Deployment Tracker")
st.caption(
    "Reporting on North Korea's troop deployment to Russia (October 2024), sourced claim by claim."
)
show_problems(dataset, problems)
cols = st.columns(5)
for col, (name, count) in zip(cols, dataset.counts().items(), strict=True):
    col.metric(name.capitalize(), count)
