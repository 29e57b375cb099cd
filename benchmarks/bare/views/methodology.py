"""Bare Methodology page: a title and one line of text."""

import streamlit as st

st.title("Methodology")
st.write("The bare comparison app's Methodology page: a title and this line, nothing else.")
