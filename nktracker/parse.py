"""Read data files into plain Python values plus a map from field path to (line, column).

Nothing here raises on bad input: every way a file can be wrong (missing, unreadable, too
large, not UTF-8, not YAML or JSON, anchors and aliases, tags, nesting too deep, integers too
long) becomes a Problem with the file and, where the text allows, the line and column.
"""

from __future__ import annotations

import bisect
import json
import math
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from nktracker.problems import Problem, format_path

PathKey = tuple[str | int, ...]

# The limits (docs/data.md#limits). Python itself refuses to convert integers of more than
# 4,300 digits (sys.get_int_max_str_digits()); a data file never needs one anyway.
MAX_DEPTH = 64
MAX_INT_DIGITS = 4300
MAX_ALIAS_NODES = 10_000  # values all the aliases of one file may stand for
DEFAULT_MAX_FILE_MB = 20.0
MAX_FILE_ENV = "NKTRACKER_MAX_FILE_MB"
_INT_LIMIT = 10**MAX_INT_DIGITS
LIMITS_FIX = "docs/data.md#limits"


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


def max_file_bytes() -> int:
    """The size limit for one file: $NKTRACKER_MAX_FILE_MB megabytes (10^6 bytes), default 20.
    A value that is not a positive number falls back to the default."""
    raw = os.environ.get(MAX_FILE_ENV, "").strip()
    try:
        megabytes = float(raw) if raw else DEFAULT_MAX_FILE_MB
    except ValueError:
        megabytes = DEFAULT_MAX_FILE_MB
    if not math.isfinite(megabytes) or megabytes <= 0:
        megabytes = DEFAULT_MAX_FILE_MB
    return max(1, int(megabytes * 1_000_000))


def _whole_file(display: str, code: str, message: str, fix: str) -> Problem:
    return Problem(display, None, None, "", code, message, fix)


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """Read a file as UTF-8; report a missing, unreadable, oversized, empty or badly encoded
    file instead of raising. The file is opened once and never read past the size limit."""
    limit = max_file_bytes()
    missing_fix = f"create {display} (docs/data.md) or point NKTRACKER_DATA at a full data folder"
    try:
        # O_NONBLOCK: a pipe put where a file should be is refused below, not waited on.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None, [_whole_file(display, "missing-file", "file not found", missing_fix)]
    except (OSError, ValueError) as err:
        reason = getattr(err, "strerror", None) or str(err)
        return None, [
            _whole_file(
                display,
                "missing-file",
                f"cannot open the file ({reason})",
                "make it a readable regular file",
            )
        ]
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, [
                _whole_file(
                    display,
                    "missing-file",
                    "not a regular file (a folder, device or pipe)",
                    missing_fix,
                )
            ]
        if info.st_size > limit:
            return None, [_too_large(display, info.st_size, limit)]
        raw = _read_at_most(fd, limit + 1)
    except OSError as err:
        return None, [
            _whole_file(
                display,
                "missing-file",
                f"cannot read the file ({err.strerror or err})",
                "make it a readable regular file",
            )
        ]
    finally:
        os.close(fd)
    if len(raw) > limit:  # grew while being read
        return None, [_too_large(display, len(raw), limit)]
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


def _read_at_most(fd: int, size: int) -> bytes:
    chunks: list[bytes] = []
    while size > 0:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _too_large(display: str, size: int, limit: int) -> Problem:
    return _whole_file(
        display,
        "too-large",
        f"file is larger than the limit of {limit / 1e6:g} MB (it has at least {size:,} bytes)",
        f"split or trim it, or raise {MAX_FILE_ENV} ({LIMITS_FIX})",
    )


# --- YAML: composing refuses anchors, aliases, merge keys and deep nesting -----------------


class _Refused(Exception):
    """Composing stopped: the file holds something data files never may."""

    def __init__(self, mark, code: str, message: str, fix: str):
        super().__init__(message)
        self.mark = mark
        self.code = code
        self.message = message
        self.fix = fix


_ALIAS_FIX = "write the value out in full where the alias stands (docs/data.md#limits)"
_MERGE_TAG = "tag:yaml.org,2002:merge"


class _StrictComposer(Composer):
    """PyYAML's composer, refusing what a data file must not hold before anything is built.

    An alias may repeat a value written earlier in the file (`reported: *article-week`), but
    never from inside an anchored value: aliases cannot nest, so an alias bomb ("billion
    laughs") or a recursive alias (`&a [*a]`) is refused at its first nested alias, before
    anything is expanded; and all the aliases of a file together may copy at most
    MAX_ALIAS_NODES values. Merge keys (<<) are refused, and so is nesting deeper than
    MAX_DEPTH, which also bounds the recursion of everything that later walks the values.
    """

    # Provided by the event parser and the resolver this composer is mixed with (_Loader).
    peek_event: Callable[[], Any]
    get_event: Callable[[], Any]
    check_event: Callable[..., bool]
    resolve: Callable[..., str]

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.composed = 0  # nodes composed so far
        self.open_anchors: list[str] = []  # anchored values being composed, outermost first
        self.sizes: dict[str, int] = {}  # anchor -> nodes in its value
        self.copied = 0  # nodes the aliases so far stand for

    def compose_node(self, parent, index):
        # PyYAML's compose_node and its three helpers in one, with the checks above; path
        # resolvers (descend_resolver) are left out: the safe resolver has none.
        event = self.get_event()
        kind = type(event)
        if kind is AliasEvent:
            return self._alias(event)
        anchor = event.anchor
        if anchor is not None:
            if anchor in self.anchors:
                raise _Refused(
                    event.start_mark,
                    "alias",
                    f"YAML anchor '&{anchor}' is defined twice",
                    "give each anchor its own name",
                )
            self.open_anchors.append(anchor)
        start = self.composed
        self.composed += 1
        tag = event.tag
        node: yaml.Node
        if kind is ScalarEvent:
            if tag is None or tag == "!":
                tag = self.resolve(ScalarNode, event.value, event.implicit)
            node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
            if anchor is not None:
                self.anchors[anchor] = node
        else:
            self._enter(event.start_mark)
            if kind is SequenceStartEvent:
                node = self._sequence(event, tag, anchor)
            else:
                node = self._mapping(event, tag, anchor)
            self.depth -= 1
        if anchor is not None:
            self.open_anchors.pop()
            self.sizes[anchor] = self.composed - start
        return node

    def _alias(self, event: AliasEvent) -> yaml.Node:
        name = str(event.anchor)
        if name in self.open_anchors:
            raise _Refused(
                event.start_mark,
                "alias",
                f"YAML alias '*{name}' inside its own anchored value '&{name}': "
                "recursive aliases are not allowed in data files",
                _ALIAS_FIX,
            )
        if self.open_anchors:
            raise _Refused(
                event.start_mark,
                "alias",
                f"YAML alias '*{name}' inside the anchored value '&{self.open_anchors[-1]}': "
                "nested aliases are not allowed in data files",
                _ALIAS_FIX,
            )
        if name not in self.anchors:
            raise _Refused(
                event.start_mark,
                "alias",
                f"YAML alias '*{name}' has no anchor '&{name}' before it",
                "define the anchor before the alias, or write the value out in full",
            )
        self.copied += self.sizes[name]
        if self.copied > MAX_ALIAS_NODES:
            raise _Refused(
                event.start_mark,
                "alias",
                f"the aliases of this file stand for more than {MAX_ALIAS_NODES:,} values",
                _ALIAS_FIX,
            )
        return self.anchors[name]

    def _enter(self, mark) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Refused(
                mark,
                "too-deep",
                f"values nested more than {MAX_DEPTH} levels deep",
                f"flatten the structure; data files need only a few levels ({LIMITS_FIX})",
            )

    def _sequence(self, start, tag: str | None, anchor: str | None) -> SequenceNode:
        if tag is None or tag == "!":
            tag = self.resolve(SequenceNode, None, start.implicit)
        node = SequenceNode(tag, [], start.start_mark, None, flow_style=start.flow_style)
        if anchor is not None:
            self.anchors[anchor] = node
        index = 0
        while not self.check_event(SequenceEndEvent):
            node.value.append(self.compose_node(node, index))
            index += 1
        node.end_mark = self.get_event().end_mark
        return node

    def _mapping(self, start, tag: str | None, anchor: str | None) -> MappingNode:
        if tag is None or tag == "!":
            tag = self.resolve(MappingNode, None, start.implicit)
        node = MappingNode(tag, [], start.start_mark, None, flow_style=start.flow_style)
        if anchor is not None:
            self.anchors[anchor] = node
        while not self.check_event(MappingEndEvent):
            key = self.compose_node(node, None)
            if key.tag == _MERGE_TAG:
                raise _Refused(
                    key.start_mark,
                    "alias",
                    "YAML merge key '<<': merge keys are not allowed in data files",
                    "write the merged fields out in full (docs/data.md#limits)",
                )
            node.value.append((key, self.compose_node(node, key)))
        node.end_mark = self.get_event().end_mark
        return node


try:  # libyaml's event parser when PyYAML was built with it (about 20x faster)
    from yaml._yaml import CParser

    class _Loader(_StrictComposer, CParser, Resolver):  # composer first: its methods win
        uses_libyaml = True

        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            _StrictComposer.__init__(self)
            Resolver.__init__(self)

except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Loader(Reader, Scanner, Parser, _StrictComposer, Resolver):  # type: ignore[no-redef]
        uses_libyaml = False

        def __init__(self, stream: str):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            _StrictComposer.__init__(self)
            Resolver.__init__(self)


def _compose(text: str) -> yaml.Node | None:
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


# --- YAML: building values and positions from the composed nodes ----------------------------

_TAG_PREFIX = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG_PREFIX + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
_MAP_TAG = _TAG_PREFIX + "map"
_SEQ_TAG = _TAG_PREFIX + "seq"
_INT_TAG = _TAG_PREFIX + "int"
_STR_TAG = _TAG_PREFIX + "str"
_TIMESTAMP_TAG = _TAG_PREFIX + "timestamp"
_TAG_FIX = "remove the tag: data files hold plain values (docs/data.md)"


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG_PREFIX) :] if tag.startswith(_TAG_PREFIX) else tag


class _PositionBuilder:
    """Turn a composed YAML node tree into values, recording each path's position.

    The tree holds no aliases (the composer refused them) and is at most MAX_DEPTH deep.
    Each node is checked on its own: a tag that is not allowed or does not fit its value, or
    an integer too long, becomes a problem and the node's value None, and building goes on so
    that every such problem in the file is reported at once.
    """

    def __init__(self, parsed: Parsed):
        self.parsed = parsed
        self.constructor = yaml.SafeLoader("")

    def report(self, node: yaml.Node, path: PathKey, code: str, message: str, fix: str) -> None:
        mark = node.start_mark
        self.parsed.problems.append(
            Problem(
                self.parsed.file,
                mark.line + 1,
                mark.column + 1,
                format_path(path),
                code,
                message,
                fix,
            )
        )

    def build(self, node: yaml.Node, path: PathKey = ()) -> object:
        self.parsed.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, MappingNode):
            if not self._tag_fits(node, path, {_MAP_TAG}, "a mapping"):
                return None
            out: dict[str, object] = {}
            for key_node, value_node in node.value:
                key = self._key(key_node, path)
                if key is None:
                    continue
                if key in out:
                    self.report(
                        key_node,
                        (*path, key),
                        "duplicate-key",
                        f"key '{key}' appears twice in the same mapping",
                        "remove or rename one of them",
                    )
                out[key] = self.build(value_node, (*path, key))
                self.parsed.positions[(*path, key)] = (
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                )
            return out
        if isinstance(node, SequenceNode):
            if not self._tag_fits(node, path, {_SEQ_TAG}, "a sequence"):
                return None
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        return self._scalar(node, path)

    def _tag_fits(self, node: yaml.Node, path: PathKey, tags: set[str], kind: str) -> bool:
        if node.tag in tags:
            return True
        known = node.tag in _SCALAR_TAGS | {_MAP_TAG, _SEQ_TAG}
        self.report(
            node,
            path,
            "syntax",
            f"YAML tag '{_short_tag(node.tag)}' cannot mark {kind}"
            if known
            else f"YAML tag '{_short_tag(node.tag)}' is not allowed: "
            "data files hold plain values only",
            _TAG_FIX,
        )
        return False

    def _key(self, node: yaml.Node, path: PathKey) -> str | None:
        """A mapping key as text, or None (reported) when it is not a plain scalar."""
        if not isinstance(node, ScalarNode):
            kind = "a mapping" if isinstance(node, MappingNode) else "a sequence"
            self.report(
                node,
                path,
                "syntax",
                f"a key must be a plain word or number, not {kind}",
                "write the key as a plain word",
            )
            return None
        key = self._scalar(node, path)
        if key is None and node.tag != _TAG_PREFIX + "null":
            return None  # the tag or value was reported
        return key if isinstance(key, str) else str(key)

    def _scalar(self, node: yaml.Node, path: PathKey) -> object:
        if not self._tag_fits(node, path, _SCALAR_TAGS, "a plain value"):
            return None
        # Dates and times stay strings: the schema keeps dates as ISO strings with a precision.
        if node.tag == _STR_TAG or node.tag == _TIMESTAMP_TAG:
            return node.value
        if node.tag == _INT_TAG and sum(c.isdigit() for c in node.value) > MAX_INT_DIGITS:
            self._too_long(node, path)
            return None
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, LookupError, ArithmeticError) as err:
            reason = f" ({err})" if isinstance(err, ValueError) else ""
            self.report(
                node,
                path,
                "syntax",
                f"YAML tag '{_short_tag(node.tag)}' does not fit the value "
                f"{_excerpt(node.value)}{reason}",
                "remove the tag, or write a value the tag allows",
            )
            return None
        if isinstance(value, int) and not -_INT_LIMIT < value < _INT_LIMIT:
            self._too_long(node, path)  # 0x..., 0b... or 1:2:3 forms of a huge number
            return None
        return value

    def _too_long(self, node: yaml.Node, path: PathKey) -> None:
        self.report(
            node,
            path,
            "too-large",
            f"an integer of more than {MAX_INT_DIGITS:,} digits",
            f"shorten the number ({LIMITS_FIX})",
        )


def _excerpt(value: object, limit: int = 40) -> str:
    text = str(value)
    return repr(text if len(text) <= limit else text[:limit] + "…")


def _yaml_error(err: yaml.YAMLError, text: str, display: str, kind: str, fix: str) -> Problem:
    """A reader, scanner, parser or composer error as one problem with line and column."""
    line = column = None
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    if mark is not None:
        line, column = mark.line + 1, mark.column + 1
    elif isinstance(err, yaml.reader.ReaderError):
        # libyaml counts a byte offset into the UTF-8 text, pure Python a character offset
        index = err.position
        if getattr(_Loader, "uses_libyaml", False):
            index = len(text.encode("utf-8")[: err.position].decode("utf-8", "ignore"))
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
    reason = getattr(err, "problem", None) or getattr(err, "reason", None) or str(err)
    if "maximum nesting depth" in reason:  # libyaml's own limit (1,000), met while scanning
        return _too_deep_at(display, line, column, "data files")
    if isinstance(err, yaml.reader.ReaderError) and isinstance(err.character, int):
        reason += f" (character U+{err.character:04X})"
    return Problem(display, line, column, "", "syntax", f"{kind} syntax error: {reason}", fix)


def parse_yaml(text: str, display: str) -> Parsed:
    """Parse YAML safely; a syntax error becomes a Problem with line and column.

    A file with anything but a duplicate key wrong in it (syntax, a tag, an alias, nesting,
    a number too long) is left out whole, as a file that does not parse is: its records are
    not half-read into problems that would only echo the first one.
    """
    parsed = Parsed(display, text=text)
    try:
        node = _compose(text)
    except _Refused as refused:
        parsed.problems.append(_refused(refused, display))
        return parsed
    except yaml.YAMLError as err:
        parsed.problems.append(
            _yaml_error(
                err, text, display, "YAML", "check indentation, colons and quoting on that line"
            )
        )
        return parsed
    if node is None:
        parsed.problems.append(
            Problem(display, 1, None, "", "empty-file", "file has no data", "restore its content")
        )
        return parsed
    value = _PositionBuilder(parsed).build(node)
    if all(problem.code == "duplicate-key" for problem in parsed.problems):
        parsed.value = value
    return parsed


def _refused(refused: _Refused, display: str) -> Problem:
    mark = refused.mark
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    return Problem(display, line, column, "", refused.code, refused.message, refused.fix)


# --- JSON --------------------------------------------------------------------------------


class _LongInt(ValueError):
    def __init__(self, digits: str):
        super().__init__("integer too long")
        self.digits = digits


def _json_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise _LongInt(digits)
    return int(digits)


# One JSON token: a string, a bracket, a colon or comma, or a number or literal.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}:,]|[^\s\[\]{}:,"]+', re.S)


class _TooDeep(Exception):
    def __init__(self, index: int):
        super().__init__("too deep")
        self.index = index


class _JsonPositions:
    """Where each value of a valid JSON text starts, by field path (a member's path is
    placed at its key, as for YAML). Walks the tokens of text json.loads has accepted."""

    def __init__(self, text: str):
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.tokens = _JSON_TOKEN.finditer(text)
        self.positions: dict[PathKey, tuple[int, int]] = {}

    def where(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, index)
        return line, index - self.line_starts[line - 1] + 1

    def walk(self) -> dict[PathKey, tuple[int, int]]:
        self.value(next(self.tokens), (), 1)
        return self.positions

    def value(self, token: re.Match[str], path: PathKey, depth: int) -> None:
        self.positions[path] = self.where(token.start())
        opening = token.group()
        if opening not in ("{", "["):
            return
        if depth > MAX_DEPTH:
            raise _TooDeep(token.start())
        closing = "}" if opening == "{" else "]"
        index = 0
        token = next(self.tokens)
        while token.group() != closing:
            if token.group() == ",":
                token = next(self.tokens)
                continue
            if opening == "{":
                key = json.loads(token.group())
                next(self.tokens)  # the colon
                self.value(next(self.tokens), (*path, key), depth + 1)
                self.positions[(*path, key)] = self.where(token.start())
            else:
                self.value(token, (*path, index), depth + 1)
                index += 1
            token = next(self.tokens)


def _json_too_deep(text: str) -> int | None:
    """Where JSON text first nests deeper than MAX_DEPTH (an index), or None."""
    depth = 0
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            if depth > MAX_DEPTH:
                return match.start()
        elif token in ("]", "}"):
            depth -= 1
    return None


def _line_col(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _too_deep(display: str, text: str, index: int | None) -> Problem:
    line, column = _line_col(text, index) if index is not None else (None, None)
    return _too_deep_at(display, line, column, "GeoJSON files")


def _too_deep_at(display: str, line: int | None, column: int | None, what: str) -> Problem:
    return Problem(
        display,
        line,
        column,
        "",
        "too-deep",
        f"values nested more than {MAX_DEPTH} levels deep",
        f"flatten the structure; {what} need only a few levels ({LIMITS_FIX})",
    )


def parse_json(text: str, display: str) -> Parsed:
    """Parse JSON; positions come from walking the tokens of the text json.loads accepted."""
    parsed = Parsed(display, text=text)
    try:
        value = json.loads(text, parse_int=_json_int)
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
    except _LongInt as err:
        number = re.compile(rf'"(?:[^"\\]|\\.)*"|({re.escape(err.digits)})', re.S)
        found = next((m for m in number.finditer(text) if m.group(1)), None)
        line, column = _line_col(text, found.start()) if found else (None, None)
        parsed.problems.append(
            Problem(
                display,
                line,
                column,
                "",
                "too-large",
                f"an integer of more than {MAX_INT_DIGITS:,} digits",
                f"shorten the number ({LIMITS_FIX})",
            )
        )
        return parsed
    except RecursionError:  # nested hundreds of levels deep: find where it passed the limit
        parsed.problems.append(_too_deep(display, text, _json_too_deep(text)))
        return parsed
    try:
        parsed.positions = _JsonPositions(text).walk()
    except _TooDeep as err:
        parsed.problems.append(_too_deep(display, text, err.index))
        parsed.positions = {}
        return parsed
    except (StopIteration, ValueError):  # pragma: no cover - text json.loads accepted
        parsed.positions = {(): (1, 1)}
    parsed.value = value
    return parsed
