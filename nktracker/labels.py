"""Words for people: source names, chains, numbers and ranges, dates, deployment years, lists.

Every page, figure, map and export names things through these functions, so a source, a range
or a deployment's years read the same wherever they appear.
"""

from __future__ import annotations

from dataclasses import dataclass

from nktracker import dates
from nktracker.model import Claim, Dataset, DateRef, Deployment

UNKNOWN_KIND = "unknown"


@dataclass(frozen=True)
class SourceLabel:
    """How a source is named and what kind it is; an undefined id is named by its id."""

    id: str
    name: str
    kind: str
    defined: bool


def source_label(dataset: Dataset, source_id: str) -> SourceLabel:
    """The name and kind of a source. An id the data do not define (reported as a problem and
    kept) is shown as itself, of kind 'unknown', so no page falls over on it."""
    source = dataset.sources.get(source_id)
    if source is None:
        return SourceLabel(source_id, source_id, UNKNOWN_KIND, defined=False)
    return SourceLabel(source_id, source.name, source.kind, defined=True)


def source_name(dataset: Dataset, source_id: str) -> str:
    return source_label(dataset, source_id).name


def chain_label(dataset: Dataset, claim: Claim) -> str:
    """'Kyrylo Budanov via Interfax via The War Zone': originator first."""
    return " via ".join(source_name(dataset, s) for s in reversed(claim.sources))


def place_names(dataset: Dataset, location_ids: list[str]) -> list[str]:
    return [dataset.locations[x].name for x in location_ids if x in dataset.locations]


def format_number(value: float | None, unit: str = "people") -> str:
    if value is None:
        return "?"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return text + ("%" if unit == "percent" else "")


def format_range(low: float | None, high: float | None, unit: str = "people") -> str:
    """'2,000–9,999', 'up to 3,000', '2 or more', '10,000'."""
    if low is not None and high is not None and low == high:
        return format_number(low, unit)
    if low is None:
        return f"up to {format_number(high, unit)}"
    if high is None:
        return f"{format_number(low, unit)} or more"
    return f"{format_number(low, unit)}–{format_number(high, unit)}"


def estimate_text(claim: Claim) -> str:
    """'up to 3,000 → up to 3,000': the words and the range the rule gives."""
    est = claim.estimate
    if est is None:
        return ""
    return f"{est.words} → {format_range(est.low, est.high, est.unit)}"


def date_label(ref: DateRef) -> str:
    """A date as its precision allows: '15 Oct 2024', 'week of 7 Oct 2024', 'Oct 2024'."""
    return dates.label(ref.date, ref.precision)


def reported_label(claim: Claim) -> str:
    """The reported date with the article's own words: 'week of 7 Oct 2024 (“last week”)'."""
    label = date_label(claim.reported)
    if claim.reported.words:
        label += f" (“{claim.reported.words}”)"
    return label


def deployment_years(dep: Deployment) -> str:
    """A deployment's recorded years, one way everywhere: '1966–1969', '1973',
    'since Oct 2024', 'from 1975, end not recorded', 'years not recorded'."""
    if not dep.start:
        return "years not recorded"
    start_year = dep.start[:4]
    if dep.end:
        end_year = dep.end[:4]
        return start_year if end_year == start_year else f"{start_year}–{end_year}"
    if dep.ongoing:
        return f"since {dates.label(dep.start, dates.precision_of(dep.start) or 'year')}"
    return f"from {start_year}, end not recorded"


def truncate(text: str, n: int) -> str:
    """At most n characters, cut at a word where one is near, with '…' when cut."""
    if len(text) <= n:
        return text
    cut = text[: n - 1]
    space = cut.rfind(" ")
    if space >= n * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:–—") + "…"


def wrap(text: str, width: int) -> str:
    """Break text into lines of at most `width` characters at spaces."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return "\n".join(lines)


def wrap_lines(text: str, width: int, max_lines: int = 2) -> list[str]:
    """At most `max_lines` lines of at most `width` characters, broken at spaces; text that
    does not fit ends its last line with a word-boundary '…' (never a cut word)."""
    lines = wrap(text, width).split("\n") if text.strip() else []
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
    return [truncate(line, width) for line in lines]  # a word longer than a line is cut


def name_list(names: list[str], limit: int = 3) -> str:
    """'A', 'A and B', 'A, B and C'; more than `limit` as 'A, B and N others'."""
    names = list(dict.fromkeys(names))
    if not names:
        return "no sources"
    if len(names) <= limit:
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    shown = names[: limit - 1]
    return ", ".join(shown) + f" and {len(names) - len(shown)} others"


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


_MARKDOWN_SPECIALS = "\\`*_{}[]()#+-.!|<>~$:"


def markdown_literal(text: str) -> str:
    """Text that Streamlit's Markdown shows exactly as written: every character Markdown (or
    its LaTeX and link syntax) could act on is escaped, and newlines become line breaks."""
    out = "".join("\\" + ch if ch in _MARKDOWN_SPECIALS else ch for ch in text)
    return out.replace("\n", "  \n")
