"""Read data files into plain Python values plus a map from field path to (line, column)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from nktracker.problems import Problem, format_path

PathKey = tuple[str | int, ...]


@dataclass
class Parsed:
    """A parsed file: its value, where each field path starts, and what went wrong."""

    file: str
    value: object = None
    positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    text: str = ""

    def line_of(self, path: PathKey) -> int | None:
        """The line of the deepest known prefix of path (1-based), or None."""
        parts = tuple(path)
        while True:
            if parts in self.positions:
                return self.positions[parts][0]
            if not parts:
                return None
            parts = parts[:-1]

    def problem(self, path: PathKey, code: str, message: str, fix: str = "") -> Problem:
        return Problem(self.file, self.line_of(path), None, format_path(path), code, message, fix)


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """Read a file as UTF-8; report a missing, empty or badly encoded file instead of raising."""
    if not path.is_file():
        return None, [
            Problem(
                display,
                None,
                None,
                "",
                "missing-file",
                "file not found",
                f"create {display} (docs/data.md) or point NKTRACKER_DATA at a full data folder",
            )
        ]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        return None, [
            Problem(
                display,
                line,
                col,
                "",
                "encoding",
                f"not valid UTF-8 (byte 0x{raw[err.start]:02x})",
                "save the file as UTF-8",
            )
        ]
    if not text.strip():
        return None, [
            Problem(display, 1, None, "", "empty-file", "file is empty", "restore its content")
        ]
    return text.lstrip("\ufeff"), []


class _PositionBuilder:
    """Turn a composed YAML node tree into values, recording each path's position."""

    def __init__(self, parsed: Parsed):
        self.parsed = parsed
        self.loader = yaml.SafeLoader("")

    def build(self, node: yaml.Node, path: PathKey = ()) -> object:
        self.parsed.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if not _plain_tag(node.tag):
            self.parsed.problems.append(
                Problem(
                    self.parsed.file,
                    node.start_mark.line + 1,
                    node.start_mark.column + 1,
                    format_path(path),
                    "syntax",
                    f"YAML tag '{node.tag}' is not allowed: data files hold plain values only",
                    "remove the tag",
                )
            )
            return None
        if isinstance(node, yaml.MappingNode):
            out: dict[str, object] = {}
            for key_node, value_node in node.value:
                key = self._scalar(key_node)
                if not isinstance(key, str):
                    key = str(key)
                if key in out:
                    self.parsed.problems.append(
                        Problem(
                            self.parsed.file,
                            key_node.start_mark.line + 1,
                            key_node.start_mark.column + 1,
                            format_path((*path, key)),
                            "duplicate-key",
                            f"key '{key}' appears twice in the same mapping",
                            "remove or rename one of them",
                        )
                    )
                out[key] = self.build(value_node, (*path, key))
                self.parsed.positions[(*path, key)] = (
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                )
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> object:
        # Resolve the tag with the safe constructor only; dates and times stay strings
        # because our schema keeps dates as ISO strings with an explicit precision.
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value
        return self.loader.construct_object(node, deep=True)


# libyaml's safe loader when PyYAML was built with it (about 20x faster), else pure Python.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_ALLOWED_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge")
}


def _plain_tag(tag: str) -> bool:
    return tag in _ALLOWED_TAGS


def parse_yaml(text: str, display: str) -> Parsed:
    """Parse YAML safely; a syntax error becomes a Problem with line and column."""
    parsed = Parsed(display, text=text)
    try:
        node = yaml.compose(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        reason = getattr(err, "problem", None) or str(err)
        parsed.problems.append(
            Problem(
                display,
                mark.line + 1 if mark else None,
                mark.column + 1 if mark else None,
                "",
                "syntax",
                f"YAML syntax error: {reason}",
                "check indentation, colons and quoting on that line",
            )
        )
        return parsed
    if node is None:
        parsed.problems.append(
            Problem(display, 1, None, "", "empty-file", "file has no data", "restore its content")
        )
        return parsed
    parsed.value = _PositionBuilder(parsed).build(node)
    return parsed


def parse_json(text: str, display: str) -> Parsed:
    """Parse JSON; positions come from composing the same text as YAML (JSON is YAML)."""
    parsed = Parsed(display, text=text)
    try:
        parsed.value = json.loads(text)
    except json.JSONDecodeError as err:
        parsed.problems.append(
            Problem(
                display,
                err.lineno,
                err.colno,
                "",
                "syntax",
                f"JSON syntax error: {err.msg}",
                "check commas, brackets and quotes on that line",
            )
        )
        return parsed
    try:
        node = yaml.compose(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError:
        return parsed  # valid JSON that PyYAML cannot compose: values without line numbers
    if node is not None:
        scratch = Parsed(display)
        _PositionBuilder(scratch).build(node)
        parsed.positions = scratch.positions
    return parsed
