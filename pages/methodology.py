"""Methodology: docs/data.md (the files, every field, the rules, adding an article), offline."""

from pathlib import Path

import streamlit as st

from nktracker.methodology import document_html
from nktracker.ui.chrome import page_header
from nktracker.ui.pages import start_page

DOC_CSS = """<style>
.nk-doc{font-family:"Source Sans",sans-serif;font-size:1rem;line-height:1.6;color:inherit}
.nk-doc p,.nk-doc ol,.nk-doc ul,.nk-doc .nk-table,.nk-doc pre{margin:0 0 1rem}
.nk-doc ol,.nk-doc ul{padding:0}
.nk-doc li{margin:0.2rem 0 0.2rem 1.15rem;padding-left:0.3rem}
.nk-doc li ul,.nk-doc li ol{margin:0}
.nk-doc li>p{margin:0}
.nk-doc h2,.nk-doc h3{font-weight:600;line-height:1.2;letter-spacing:-0.005em;margin:0}
.nk-doc h2{font-size:1.75rem;padding:1rem 0}
.nk-doc h3{font-size:1.5rem;padding:0.75rem 0 1rem}
.nk-doc code{font-family:"Source Code Pro",monospace;font-size:0.75em;color:#0c5a44;
 background:#f0f0ef;border-radius:0.25rem;padding:0.2em 0.4em;
 white-space:pre-wrap;overflow-wrap:break-word}
.nk-doc pre{font-family:"Source Code Pro",monospace;font-size:0.875rem;line-height:1.6;
 background:#f0f0ef;border-radius:0.5rem;padding:1rem;white-space:pre-wrap;word-break:break-word}
.nk-doc pre code{font-size:inherit;color:inherit;background:none;padding:0}
.nk-doc .nk-table{overflow-x:auto}
.nk-doc table{border-collapse:collapse}
.nk-doc th,.nk-doc td{border:1px solid rgba(20,19,18,0.1);padding:0.375rem 0.75rem;
 text-align:left;vertical-align:top}
.nk-doc th{font-weight:600}
.nk-doc a{color:#244fb4;text-decoration:underline}
.nk-doc blockquote{margin:1rem 0;padding-left:0.75rem;border-left:0.25rem solid rgba(20,19,18,0.2)}
.nk-doc blockquote p:last-child{margin-bottom:0}
.nk-doc>:last-child{margin-bottom:0}
</style>"""

context = start_page("Methodology")
page_header("Methodology", context)
doc = Path(__file__).resolve().parents[1] / "docs" / "data.md"
st.caption(
    "How the data are curated and checked, as docs/data.md in the repository states it: "
    "the same text, read from this server, with nothing fetched."
)
# Our own documentation, not data, as HTML made once per version of the file (markdown-it-py:
# raw HTML escaped, only http(s) and in-page links; nktracker/methodology.py). Streamlit's
# Markdown would cost the browser its parser and syntax highlighter (about 0.2 s a load).
# The static CSS draws it as Streamlit draws Markdown; code wraps instead of scrolling sideways,
# so no scroll box needs the keyboard focus (axe: scrollable-region-focusable) and phones read
# it whole; a table wider than a phone scrolls sideways in its own box, which takes the focus.
st.html(DOC_CSS + '<div class="nk-doc">' + document_html(doc) + "</div>")
