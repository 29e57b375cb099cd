"""The app's shared caches (nktracker/ui/data.py): what lives as long as the process is taken
out of the garbage collector's view once, and a replaced dataset is still freed."""

from __future__ import annotations

import gc
import importlib
import sys
import weakref

import pytest

from conftest import FROZEN
from nktracker.load import load_dataset
from nktracker.ui import data


@pytest.fixture
def thawed(monkeypatch):
    gc.unfreeze()
    monkeypatch.setattr(data, "_FROZEN_AT", [(0, 0)])
    monkeypatch.setattr(data, "_LOADS", [])
    yield
    gc.unfreeze()


def test_a_run_that_imported_a_module_freezes_the_heap_once(thawed):
    data.freeze_long_lived()
    frozen = gc.get_freeze_count()
    assert frozen > 0
    data.freeze_long_lived()  # nothing imported or loaded since: no second collection
    assert gc.get_freeze_count() == frozen
    sys.modules.pop("colorsys", None)
    importlib.import_module("colorsys")  # a module the next run imports
    data.freeze_long_lived()
    assert gc.get_freeze_count() > frozen


def test_a_data_load_freezes_the_heap_again(thawed):
    data.freeze_long_lived()
    frozen = gc.get_freeze_count()
    data._LOADS.append("110m")  # as _basemap and _load do after building
    kept = [object() for _ in range(3)], {"a": [1]}  # new long-lived containers
    data.freeze_long_lived()
    assert gc.get_freeze_count() > frozen
    assert kept


def test_a_frozen_dataset_is_freed_when_it_is_replaced(thawed):
    """freeze_long_lived's docstring relies on this: a dataset has no reference cycles, so a
    replaced one is freed by reference counting even though the collector never sees it."""
    dataset, _ = load_dataset(FROZEN)
    gone = weakref.ref(dataset)
    gc.freeze()
    del dataset
    assert gone() is None
