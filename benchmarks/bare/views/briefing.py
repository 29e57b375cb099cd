"""Bare Briefing page: a title and one line of text."""

import streamlit as st

st.title("Briefing")
st.write("The bare comparison app's Briefing page: a title and this line, nothing else.")
