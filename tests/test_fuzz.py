"""Fuzzing the loader (issue 11): whatever the files hold, load_dataset returns, and every
problem is one printable line that starts with its file and has a line number unless it
concerns a whole file.

Two sources of input: (a) mutated copies of the frozen dataset (byte flips, deletions,
duplicated and dropped lines, YAML special characters, tags, aliases and control characters
inserted anywhere), and (b) generated YAML/JSON trees put in place of a whole file or of one
value inside the minimal good dataset. `make test` runs a few hundred derandomized examples
(stable in CI); `make fuzz` runs 10,000 fresh ones per test (NKTRACKER_FUZZ_EXAMPLES=N).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from pydantic import BaseModel

from conftest import FROZEN, GOOD
from nktracker import model
from nktracker.load import load_dataset
from nktracker.problems import Problem, clean

# Hypothesis keeps nothing in the repository (no example database, no .hypothesis folder).
set_hypothesis_home_dir(os.path.join(tempfile.gettempdir(), "nktracker-hypothesis"))

LONG_RUN = int(os.environ.get("NKTRACKER_FUZZ_EXAMPLES", "0") or 0)


def fuzz_settings(examples: int) -> settings:
    """A few hundred reproducible examples in the suite; a long, fresh run for `make fuzz`."""
    return settings(
        max_examples=LONG_RUN or examples,
        deadline=None,
        derandomize=not LONG_RUN,
        database=None,
        print_blob=True,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


# Problems that concern a whole file (or folder), not a place in it: no line number.
WHOLE_FILE_CODES = {"missing-file", "too-large", "outside-data"}


def check_contract(root: Path, names: set[str]) -> None:
    """load_dataset(root) returns, and each problem is one located, printable line."""
    _, problems = load_dataset(root)
    for problem in problems:
        assert isinstance(problem, Problem)
        text = str(problem)
        assert len(text.splitlines()) == 1, text
        assert clean(text) == text, text  # nothing left to escape
        text.encode("utf-8")
        assert text.startswith(clean(problem.file)), text
        # a data file, or an article's text (its `file:` may name any file in articles/)
        assert Path(problem.file).name in names or Path(problem.file).parent.name == "articles"
        assert "Fix: " in text, text
        if problem.line is None:
            assert problem.code in WHOLE_FILE_CODES and problem.path == "", text
        else:
            assert problem.line >= 1, text
            assert text.startswith(f"{clean(problem.file)}:{problem.line}"), text


def files_of(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    """One writable folder for a module's examples; each example restores what it changed."""
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp)


@contextmanager
def replaced(root: Path, name: str, data: bytes | None) -> Iterator[None]:
    """Lay data over root/name (None deletes it) for one example, then put it back."""
    target = root / name
    original = target.read_bytes()
    try:
        if data is None:
            target.unlink()
        else:
            target.write_bytes(data)
        yield
    finally:
        target.write_bytes(original)


# --- (a) mutated copies of the frozen dataset ----------------------------------------------

FROZEN_FILES = files_of(FROZEN)
FROZEN_NAMES = {Path(name).name for name in FROZEN_FILES} | {"articles"}
TOKENS: list[bytes] = [
    *(
        text.encode("utf-8")
        for text in [
            "&a ",
            "*a",
            "&a [*a, *a]",
            "&b [*a, *a, *a]",
            "<<: ",
            "<<: *a\n",
            "!!python/object/apply:os.system ['true'] ",
            "!!python/name:os.system ",
            "!!int ",
            "!!bool ",
            "!!map ",
            "!!float ",
            "!!seq ",
            "!!str ",
            "!!binary ",
            "!!timestamp ",
            "!!null ",
            "!!set ",
            "!!omap ",
            "!foo ",
            "!<tag:yaml.org,2002:int> ",
            "%TAG ! tag:yaml.org,2002:\n",
            "%YAML 1.1\n",
            "---\n",
            "...\n",
            "? ",
            "- ",
            ": ",
            "[",
            "]",
            "{",
            "}",
            ",",
            "|\n",
            ">-\n",
            "'",
            '"',
            "#",
            "\t",
            "\n",
            "\r",
            "\r\n",
            "\x00",
            "\x07",
            "\x1b[2J",
            "\x7f",
            "\x85",
            "\u2028",
            "\u202e",
            "\ufeff",
            "\\u0000",
            '"\\ud800"',
            '"\\e[2J\\u202e\\n"',
            "9" * 5000,
            "0x" + "f" * 4000,
            "[" * 70,
            "{" * 70,
            '{"a": ' * 70,
            "1e999",
            "-1e999",
            ".nan",
            ".inf",
            "NaN",
            "Infinity",
            "null",
            "~",
            "true",
            "yes",
            "0o17",
            "1_000",
            "12:30:00",
            "2024-13-45",
            '"2024-02-30"',
            "2024-10-15",
            "/etc/passwd",
            "../../../../etc/passwd",
            "'mini\\0.txt'",
            "ä€𝄞",
        ]
    ),
    b"\xff",
    b"\xc3",
    b"\xed\xa0\x80",  # a UTF-8-encoded surrogate: not valid UTF-8
]

mutations = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10**6), st.integers(1, 255)),
    st.tuples(st.just("delete"), st.integers(0, 10**6), st.integers(1, 64)),
    st.tuples(st.just("dup-line"), st.integers(0, 10**6), st.integers(1, 3)),
    st.tuples(st.just("drop-line"), st.integers(0, 10**6), st.integers(1, 3)),
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.sampled_from(TOKENS)),
    st.tuples(st.just("insert-value"), st.integers(0, 10**6), st.sampled_from(TOKENS)),
    st.tuples(st.just("insert-bytes"), st.integers(0, 10**6), st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("truncate"), st.integers(0, 10**6), st.just(0)),
)


def mutate(data: bytes, steps: list[tuple[str, int, Any]]) -> bytes:
    for kind, where, arg in steps:
        size = max(len(data), 1)
        pos = where % size
        lines = data.splitlines(keepends=True) or [b""]
        line = where % len(lines)
        if kind == "flip" and data:
            data = data[:pos] + bytes([data[pos] ^ arg]) + data[pos + 1 :]
        elif kind == "delete":
            data = data[:pos] + data[pos + arg :]
        elif kind == "dup-line":
            data = b"".join(lines[:line] + lines[line : line + arg] * 2 + lines[line + arg :])
        elif kind == "drop-line":
            data = b"".join(lines[:line] + lines[line + arg :])
        elif kind in ("insert", "insert-bytes"):
            data = data[:pos] + arg + data[pos:]
        elif kind == "insert-value":  # right after a 'key: ' or '"key": ', where values go
            starts = [i + 2 for i in range(len(data) - 1) if data[i : i + 2] == b": "]
            at = starts[where % len(starts)] if starts else pos
            data = data[:at] + arg + data[at:]
        elif kind == "truncate":
            data = data[:pos]
    return data


@pytest.mark.slow
@fuzz_settings(examples=150)
@given(
    name=st.sampled_from(FROZEN_FILES),
    steps=st.lists(mutations, min_size=1, max_size=4),
    delete=st.integers(0, 19).map(lambda n: n == 0),  # now and then, no file at all
)
def test_mutated_frozen_data_never_crashes_the_loader(workdir, name, steps, delete):
    root = workdir / "frozen"
    if not root.exists():
        shutil.copytree(FROZEN, root)
    data = mutate((FROZEN / name).read_bytes(), steps)
    with replaced(root, name, None if delete else data):
        check_contract(root, FROZEN_NAMES)


# --- (b) generated YAML and JSON trees --------------------------------------------------

GOOD_FILES = [name for name in files_of(GOOD) if not name.endswith(".txt")]
GOOD_NAMES = {Path(name).name for name in files_of(GOOD)} | {"articles"}
FIELDS = sorted(
    {
        name
        for value in vars(model).values()
        if isinstance(value, type) and issubclass(value, BaseModel)
        for name in value.model_fields
    }
    | {"type", "features", "properties", "coordinates", "sources", "claims", "quantities"}
)
WORDS = [
    "times",
    "spokesman",
    "mini",
    "mini.txt",
    "sudzha",
    "times-troops",
    "spokesman-hoax",
    "troops-training",
    "2024-10-15",
    "2024-10",
    "2024",
    "2024-W42",
    "day",
    "week",
    "month",
    "up-to",
    "about",
    "span",
    "asserts",
    "denies",
    "people",
    "percent",
    "Point",
    "Polygon",
    "MultiPolygon",
    "FeatureCollection",
    "Feature",
    "about 3,000",
    "up to 3,000",
    "https://example.org",
    "javascript:alert(1)",
    "/etc/passwd",
    "../../etc/passwd",
    "",
    " ",
    "\x1b[2J\u202e\n",
    "\ud800",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=24),
    st.sampled_from(WORDS),
    st.sampled_from(FIELDS),
)
keys = st.one_of(st.sampled_from(FIELDS), st.text(max_size=12))
trees = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(keys, children, max_size=5),
    ),
    max_leaves=30,
)


@st.composite
def deep(draw: st.DrawFn) -> object:
    """A value nested up to 100 levels deep: past the limit of 64 about a third of the time."""
    value: object = draw(scalars)
    for _ in range(draw(st.integers(1, 100))):
        value = [value] if draw(st.booleans()) else {draw(keys): value}
    return value


def paths(value: object, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            out += paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            out += paths(child, (*prefix, index))
    return out


def put(value: Any, path: tuple, new: object, how: str) -> Any:
    """value with the value at path replaced, deleted, or given an extra unknown key."""
    if not path:
        return new
    parent = value
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if how == "delete":
        del parent[last]
    elif how == "extra" and isinstance(parent, dict):
        parent[f"{last}_extra"] = new
    else:
        parent[last] = new
    return value


def serialise(name: str, value: object, as_json: bool) -> bytes:
    if name.endswith(".geojson") or as_json:
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = yaml.safe_dump(value, allow_unicode=True, sort_keys=False)
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate: invalid UTF-8 on disk


def good_value(name: str) -> Any:
    text = (GOOD / name).read_text(encoding="utf-8")
    return json.loads(text) if name.endswith(".geojson") else yaml.safe_load(text)


@fuzz_settings(examples=200)
@given(
    name=st.sampled_from(GOOD_FILES),
    new=st.one_of(trees, deep()),
    spot=st.integers(0, 10**6),
    how=st.sampled_from(["replace", "replace", "delete", "extra", "whole-file"]),
    as_json=st.booleans(),
)
def test_generated_trees_never_crash_the_loader(workdir, name, new, spot, how, as_json):
    root = workdir / "good"
    if not root.exists():
        shutil.copytree(GOOD, root)
    value = good_value(name)
    if how == "whole-file":
        value = new
    else:
        inside = paths(value)[1:]  # never the root: that is "whole-file"
        value = put(value, inside[spot % len(inside)], new, how)
    with replaced(root, name, serialise(name, value, as_json)):
        check_contract(root, GOOD_NAMES)
