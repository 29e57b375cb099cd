"""The only Streamlit-facing module: cached loaders, sidebar, page chrome."""
