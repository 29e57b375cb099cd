"""NK Deployment Tracker: page config, navigation, and the shell (menu, filters) around a page."""

import streamlit as st

from nktracker.ui.pages import configure_page, navigation_pages, page_shell

configure_page()
page = st.navigation(navigation_pages(), position="hidden")
with page_shell():
    page.run()
