"""Cached dataset loading for the app: reloads when any data file changes."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from nktracker.load import data_dir, load_dataset
from nktracker.model import Dataset
from nktracker.problems import Problem


def _fingerprint(root: Path) -> tuple:
    """Names, sizes and modification times of every data file: the cache key."""
    if not root.is_dir():
        return (str(root),)
    return tuple(
        (str(p), p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    )


@st.cache_data(show_spinner="Loading the dataset…")
def _load(root: str, fingerprint: tuple) -> tuple[Dataset, list[Problem]]:
    return load_dataset(root)


def get_dataset() -> tuple[Dataset, list[Problem]]:
    """The dataset from $NKTRACKER_DATA or data/, validated; a copy per session (cache_data)."""
    root = data_dir()
    return _load(str(root), _fingerprint(root))


@st.cache_resource(show_spinner=False)
def get_basemap(root: str, resolution: str):
    """The bundled basemap, read once per process; decks copy what they use."""
    from nktracker.maps import load_basemap

    return load_basemap(Path(root), resolution)
