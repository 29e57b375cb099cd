"""Bare Sources page: a title and one line of text."""

import streamlit as st

st.title("Sources")
st.write("The bare comparison app's Sources page: a title and this line, nothing else.")
