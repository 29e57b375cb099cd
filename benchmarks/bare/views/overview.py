"""Bare Overview page: a title and one line of text."""

import streamlit as st

st.title("Overview")
st.write("The bare comparison app's Overview page: a title and this line, nothing else.")
