"""Problems found in data files: one line each, with file, line, field path, what and how to fix."""

from __future__ import annotations

from dataclasses import dataclass


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
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: "
        if self.path:
            text += f"{self.path}: "
        text += self.message
        if self.fix:
            text += f". Fix: {self.fix}"
        return text

    @property
    def key(self) -> tuple[str, int | None, str]:
        """The compact form tests compare: (file name, line, code)."""
        return (self.file.rsplit("/", 1)[-1], self.line, self.code)


# Every problem code, with the one-line meaning shown in docs/data.md.
CODES: dict[str, str] = {
    "missing-file": "a required data file is absent",
    "empty-file": "a data file has no content",
    "encoding": "a file is not valid UTF-8",
    "syntax": "YAML or JSON that does not parse",
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
