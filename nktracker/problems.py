"""Problems found in data files: one line each, with file, line, field path, what and how to fix."""

from __future__ import annotations

import re
from dataclasses import dataclass

# What a problem line must never carry raw: C0 and C1 controls (NUL, BEL, ESC, CR, LF, NEL...),
# line and paragraph separators, lone surrogates (unprintable as UTF-8) and the bidi controls
# that reorder what a terminal shows (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM, ALM).
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: str) -> str:
    """text with every control, separator, surrogate and bidi character shown escaped
    ('\\x1b', '\\u202e', '\\n'): printed, it stays on one line and cannot steer the terminal."""
    return _UNSAFE.sub(_escape, text)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, located as precisely as the file allows."""

    file: str
    line: int | None
    column: int | None
    path: str
    code: str
    message: str
    fix: str = ""

    def __str__(self) -> str:
        # Everything that can come from a file (names, keys, values quoted in the message)
        # is escaped here, once: a problem is always exactly one printable line.
        where = clean(self.file)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: "
        if self.path:
            text += f"{clean(self.path)}: "
        text += clean(self.message)
        # every problem says how to fix it; one made without a fix points at the code's meaning
        fix = self.fix or f"see '{self.code}' in docs/data.md#problem-codes"
        return text + f". Fix: {clean(fix)}"

    @property
    def key(self) -> tuple[str, int | None, str]:
        """The compact form tests compare: (file name, line, code)."""
        return (self.file.rsplit("/", 1)[-1], self.line, self.code)


# Every problem code, with the one-line meaning shown in docs/data.md.
CODES: dict[str, str] = {
    "missing-file": "a required data file is absent, or is not a regular file that can be read",
    "empty-file": "a data file has no content",
    "encoding": "a file is not valid UTF-8",
    "syntax": "YAML or JSON that does not parse, or a YAML tag that is not allowed or not fitting",
    "alias": "a YAML anchor (&a), alias (*a) or merge key (<<): data files spell every value out",
    "too-deep": "values nested deeper than the limit (64 levels)",
    "too-large": "a file over the size limit, or an integer of more than 4,300 digits",
    "outside-data": "a file named by, or reached through, a path leading outside the data folder",
    "duplicate-key": "the same key twice in one mapping",
    "type": "a value of the wrong type or shape",
    "missing-field": "a required field is absent",
    "unknown-field": "a field the schema does not define",
    "invalid-value": "a value outside the allowed set or form",
    "duplicate-id": "two records with the same id",
    "unknown-ref": "a reference to an id that is not defined",
    "unused": "a definition nothing refers to",
    "estimate-order": "an estimate whose low, best and high are out of order",
    "estimate-rule": "an estimate whose range disagrees with the written rule for its qualifier",
    "date": "a malformed or impossible date, or one that disagrees with its precision",
    "coordinates": "a longitude or latitude out of range, or a malformed geometry",
    "url": "a URL that is not http or https",
    "not-verbatim": "a quote that is not verbatim in its archived document",
    "estimate-words": "an estimate whose qualifier, range or unit disagrees with its own words",
    "hedge-dropped": "a statement that drops a marker of uncertainty its quote contains",
    "draft": "a claim proposed by `nktracker draft` that still carries `draft: true`",
}


def format_path(parts: tuple[str | int, ...] | list[str | int]) -> str:
    """Render ('claims', 3, 'sources', 0) as claims[3].sources[0]."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
