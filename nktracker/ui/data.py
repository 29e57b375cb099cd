"""Cached loading and computing for the app: one immutable dataset per version of the data
files, shared by every session, and a bounded cache of what pages compute from it."""

from __future__ import annotations

import gc
import hashlib
import sys
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import streamlit as st

from nktracker.labels import markdown_literal
from nktracker.load import data_dir, load_dataset
from nktracker.mapdata import BASEMAP_RESOLUTION, Basemap, load_basemap
from nktracker.model import Dataset
from nktracker.problems import Problem

T = TypeVar("T")


@dataclass(frozen=True)
class Loaded:
    """A loaded data folder: the dataset (never mutated after loading), its problems, and the
    fingerprint of the files it came from (the key of everything cached from it)."""

    dataset: Dataset
    problems: tuple[Problem, ...]
    fingerprint: tuple


def fingerprint(root: Path) -> tuple:
    """Names, sizes and modification times of every data file: a new version of any file is a
    new key, so the app reloads when the data change and never otherwise."""
    if not root.is_dir():
        return (str(root),)
    return tuple(
        (str(p), p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    )


# cache_resource, not cache_data: every session shares the one object instead of unpickling a
# copy on every rerun. Nothing mutates a dataset once load_dataset has returned it.
@st.cache_resource(max_entries=4, show_spinner=False)  # get_dataset says what it loads
def _load(root: str, key: tuple) -> Loaded:
    dataset, problems = load_dataset(root)
    _LOADS.append(key)
    return Loaded(dataset, tuple(problems), key)


# What the process had loaded when the heap was last frozen: its modules and its data loads.
_LOADS: list[Hashable] = []
_FROZEN_AT: list[tuple[int, int]] = [(0, 0)]


def freeze_long_lived() -> None:
    """Take what lives as long as the process out of the garbage collector's view.

    Streamlit runs a full garbage collection after every script run (`runner.postScriptGC`),
    and a full collection visits every container object alive in the process: the imported
    modules (pandas, plotly, pydeck, pyarrow), the dataset and the basemaps. On a 2-core
    machine that was most of the server's CPU per page visit under load. These objects live
    until the process ends, so after a run that imported a module or loaded data, this
    collects once and freezes what is left (gc.freeze): later collections visit only what
    runs create since. Page results cached by `memo` are created later and stay collectable
    when they are evicted. A dataset replaced after its files change is freed by reference
    counting (its records are frozen dataclasses and tuples, without cycles).
    """
    mark = (len(sys.modules), len(_LOADS))
    if mark != _FROZEN_AT[0]:
        _FROZEN_AT[0] = mark
        gc.collect()
        gc.freeze()


def get_dataset() -> Loaded:
    """The dataset from $NKTRACKER_DATA or data/, validated once per version of its files."""
    root = data_dir()
    key = fingerprint(root)
    # Shown only when loading takes a while (st.spinner waits half a second): a cached dataset
    # returns at once and says nothing.
    with st.spinner(loading_message(root, key), show_time=True):
        return _load(str(root), key)


def loading_message(root: Path, key: tuple) -> str:
    """What the app says while it loads: the folder, how many files, and the steps."""
    files = sum(1 for entry in key if isinstance(entry, tuple))
    return (
        f"Loading the data from {markdown_literal(str(root))} ({files} files): reading the "
        "claims, sources, places and archived articles, then checking every quote and reference…"
    )


@st.cache_resource(max_entries=512, show_spinner=False)
def _memo(name: str, key: Hashable, _fn: Callable[..., Any], _args: tuple) -> Any:
    return _fn(*_args)


def digest(value: object) -> str:
    """A stable digest of a value made of tuples, strings, numbers, dates and dataclasses of
    them (their repr names every field): a cache key that hashes in microseconds."""
    return hashlib.blake2b(repr(value).encode("utf-8"), digest_size=16).hexdigest()


def memo(fn: Callable[..., T], key: Hashable, *args: Any) -> T:
    """fn(*args), computed once per key and shared by every session (bounded: the least
    recently used results go first). The key must name everything the result depends on:
    the data's fingerprint, the filters and any page option."""
    return _memo(f"{fn.__module__}.{fn.__qualname__}", key, fn, args)


@st.cache_resource(show_spinner=False)
def _basemap(root: str, resolution: str) -> Basemap:
    basemap = load_basemap(Path(root), resolution)
    _LOADS.append(resolution)
    return basemap


def get_basemap(view: str, coarse: bool = False) -> Basemap:
    """The basemap a map view draws on (detailed for the theatre, unless `coarse`: a small
    locator map needs no detail and sends a tenth of the borders), read once per process."""
    return _basemap(str(data_dir()), "110m" if coarse else BASEMAP_RESOLUTION[view])
