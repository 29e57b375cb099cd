"""Methodology: docs/data.md (the files, every field, the rules, adding an article), offline."""

from pathlib import Path

import streamlit as st

from nktracker.ui.chrome import page_header
from nktracker.ui.pages import start_page

context = start_page("Methodology")
page_header("Methodology", context)
doc = Path(__file__).resolve().parents[1] / "docs" / "data.md"
text = doc.read_text("utf-8")
st.caption(
    "How the data are curated and checked, as docs/data.md in the repository states it: "
    "the same text, read from this server, with nothing fetched."
)
# Static CSS (no data): code examples wrap instead of scrolling sideways, so no scroll box
# needs the keyboard focus (axe: scrollable-region-focusable) and phones read them whole.
st.html(
    "<style>[data-testid='stMarkdownPre'] pre, [data-testid='stMarkdownPre'] code"
    "{white-space:pre-wrap !important;word-break:break-word}</style>"
)
# Our own documentation, not data: rendered as Markdown (raw HTML stays off). Its first line
# is the document's title, which the page title replaces.
st.markdown(text.split("\n", 1)[1] if text.startswith("# ") else text)
