"""Bare Timeline page: a title and one line of text."""

import streamlit as st

st.title("Timeline")
st.write("The bare comparison app's Timeline page: a title and this line, nothing else.")
