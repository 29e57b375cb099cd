"""YAML written the way the data files are: block style, slugs plain, every other string quoted.

`to_yaml(value)` writes mappings and lists of records in block style, short lists of scalars
in flow style (`sources: [twz, liga]`), slugs and numbers plain, and every other string in
double quotes with JSON-style escapes, so dates stay strings ("2024-10") and a quote keeps its
curly quotes, dashes and ellipses exactly. What it writes reads back unchanged with
nktracker.parse.parse_yaml.
"""

from __future__ import annotations

import json
import re

_PLAIN = re.compile(r"^[a-z][a-z0-9_]*(?:-[a-z0-9_]+)*$")
# Words YAML 1.1 reads as something other than a string.
_RESERVED = {"null", "true", "false", "yes", "no", "on", "off", "y", "n"}
# Characters a YAML reader refuses raw, or reads as line breaks: written as escapes.
_ESCAPE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")


def scalar(value: object) -> str:
    """One value as a YAML scalar."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value)
    if _PLAIN.match(text) and text not in _RESERVED:
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _is_scalar(value: object) -> bool:
    return not isinstance(value, dict | list)


def _lines(value: object, indent: int) -> list[str]:
    pad = " " * indent
    out: list[str] = []
    if isinstance(value, dict):
        for name, item in value.items():
            key = scalar(name)
            if _is_scalar(item):
                out.append(f"{pad}{key}: {scalar(item)}")
            elif isinstance(item, list) and all(_is_scalar(x) for x in item):
                out.append(f"{pad}{key}: [{', '.join(scalar(x) for x in item)}]")
            elif isinstance(item, dict) and not item:
                out.append(f"{pad}{key}: {{}}")
            else:
                out.append(f"{pad}{key}:")
                out += _lines(item, indent + 2)
    elif isinstance(value, list):
        for item in value:
            if _is_scalar(item):
                out.append(f"{pad}- {scalar(item)}")
                continue
            inner = _lines(item, indent + 2)
            if not inner:
                out.append(f"{pad}- {'{}' if isinstance(item, dict) else '[]'}")
                continue
            out.append(f"{pad}- {inner[0].lstrip()}")
            out += inner[1:]
    return out


def to_yaml(document: dict) -> str:
    """A mapping as a YAML document; a record list is followed by a blank line per record."""
    out: list[str] = []
    for key, value in document.items():
        if isinstance(value, list) and value and not all(_is_scalar(x) for x in value):
            out.append(f"{key}:")
            for item in value:
                out += _lines([item], 2)
                out.append("")
        else:
            out += _lines({key: value}, 0)
    return "\n".join(out).rstrip("\n") + "\n"
