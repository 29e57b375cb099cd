"""NK Deployment Tracker: page config, navigation and the shared sidebar."""

import streamlit as st

from nktracker.ui.context import set_context
from nktracker.ui.data import get_dataset
from nktracker.ui.sidebar import render_sidebar

st.set_page_config(page_title="NK Deployment Tracker", page_icon="assets/icon.png", layout="wide")

PAGES = [
    st.Page("views/overview.py", title="Overview", icon=":material/home:", default=True),
    st.Page(
        "views/estimates.py", title="Estimates", icon=":material/straighten:", url_path="estimates"
    ),
    st.Page("views/map.py", title="Map", icon=":material/map:", url_path="map"),
    st.Page("views/timeline.py", title="Timeline", icon=":material/timeline:", url_path="timeline"),
    st.Page(
        "views/sources.py", title="Sources", icon=":material/record_voice_over:", url_path="sources"
    ),
    st.Page("views/claims.py", title="Claims", icon=":material/table:", url_path="claims"),
    st.Page(
        "views/briefing.py", title="Briefing", icon=":material/slideshow:", url_path="briefing"
    ),
]

navigation = st.navigation(PAGES)
dataset, problems = get_dataset()
filters = render_sidebar(dataset)
set_context(dataset, problems, filters)
navigation.run()
