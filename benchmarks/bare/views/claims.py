"""Bare Claims page: a title and one line of text."""

import streamlit as st

st.title("Claims")
st.write("The bare comparison app's Claims page: a title and this line, nothing else.")
