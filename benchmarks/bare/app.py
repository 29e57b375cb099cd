"""A bare Streamlit app with the dashboard's pages: the baseline the load and browser benchmarks
compare the real app against (benchmarks/load.py --compare, benchmarks/bench_browser.py).

Same page titles and URL paths as nktracker/ui/pages.py, same st.navigation (menu hidden) and
wide layout; each page draws a title and one line of text and nothing else. The page scripts are
under views/, not pages/, so Streamlit never treats them as an old-style multipage folder.
"""

import streamlit as st

PAGES = (
    ("views/overview.py", "Overview", ""),
    ("views/estimates.py", "Estimates", "estimates"),
    ("views/map.py", "Map", "map"),
    ("views/timeline.py", "Timeline", "timeline"),
    ("views/sources.py", "Sources", "sources"),
    ("views/claims.py", "Claims", "claims"),
    ("views/briefing.py", "Briefing", "briefing"),
    ("views/methodology.py", "Methodology", "methodology"),
)

st.set_page_config(page_title="Bare comparison app", layout="wide")
page = st.navigation(
    [
        st.Page(script, title=title, url_path=path or None, default=i == 0)
        for i, (script, title, path) in enumerate(PAGES)
    ],
    position="hidden",
)
page.run()
