"""Bare Estimates page: a title and one line of text."""

import streamlit as st

st.title("Estimates")
st.write("The bare comparison app's Estimates page: a title and this line, nothing else.")
