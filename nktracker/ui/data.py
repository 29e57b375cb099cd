"""Cached dataset loading for the app: reloads when any data file changes."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from nktracker.load import data_dir, load_dataset
from nktracker.mapdata import BASEMAP_RESOLUTION, Basemap, load_basemap
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
def _basemap(root: str, resolution: str) -> Basemap:
    return load_basemap(Path(root), resolution)


def get_basemap(view: str) -> Basemap:
    """The basemap a map view draws on (detailed for the theatre), read once per process."""
    return _basemap(str(data_dir()), BASEMAP_RESOLUTION[view])
