"""Bare Map page: a title and one line of text."""

import streamlit as st

st.title("Map")
st.write("The bare comparison app's Map page: a title and this line, nothing else.")
