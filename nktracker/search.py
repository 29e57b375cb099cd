"""Search: a query matched against a claim's words, tolerant of spelling ('Zelenskyy', 'Kiev',
'Budanow'), and where it hit, marked in a snippet for tables."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

from nktracker.labels import chain_label, place_names
from nktracker.model import Claim, Dataset

# A query word this long or longer may match with a spelling difference (one letter in six or
# seven: 'Zelenskyy' finds 'Zelensky', 'Budanow' 'Budanov'); a shorter word must match as typed.
FUZZY_MIN_LENGTH = 5
FUZZY_SCORE = 85
# Transliterations too far apart for fuzzy matching: each word also finds the others.
SPELLINGS = (
    ("kyiv", "kiev"),
    ("kharkiv", "kharkov"),
    ("luhansk", "lugansk"),
    ("mykolaiv", "nikolaev", "nikolayev"),
    ("zaporizhzhia", "zaporizhia", "zaporozhye"),
    ("pyongyang", "pjongjang", "phenjan"),
)
VARIANTS = {word: group for group in SPELLINGS for word in group}
APOSTROPHES = frozenset("'’‘ʼ`´")
DASHES = frozenset("-‐‑‒–—―")
OPEN, CLOSE = "«", "»"  # marks a hit in a snippet: plain characters, never Markdown or HTML


def fold(text: str) -> tuple[str, list[int]]:
    """The text as search compares it (case folded, accents, apostrophes and dashes gone), and
    for each of its characters the index of the character it came from in `text`."""
    out: list[str] = []
    where: list[int] = []
    for i, char in enumerate(text):
        for part in unicodedata.normalize("NFKD", char.casefold()):
            if unicodedata.combining(part) or part in APOSTROPHES:
                continue
            out.append(" " if part in DASHES or part.isspace() else part)
            where.append(i)
    return "".join(out), where


def query_words(text: str) -> list[str]:
    """The words of a query, folded the way the claims are."""
    return fold(text)[0].split()


def word_spans(word: str, folded: str) -> list[tuple[int, int]]:
    """Where a folded query word occurs in folded text: as typed, as a known other spelling,
    or (for a long word) as the closest spelling; spans index the folded text."""
    for spelling in VARIANTS.get(word, (word,)):
        spans = []
        start = folded.find(spelling)
        while start >= 0:
            spans.append((start, start + len(spelling)))
            start = folded.find(spelling, start + 1)
        if spans:
            return spans
    if len(word) < FUZZY_MIN_LENGTH:
        return []
    hit = fuzz.partial_ratio_alignment(word, folded, score_cutoff=FUZZY_SCORE)
    if hit is None:
        return []
    return [_whole_words(folded, hit.dest_start, hit.dest_end)]


def _whole_words(folded: str, start: int, end: int) -> tuple[int, int]:
    """A fuzzy hit ('budano' in 'budanov', ' zelensky') made the words it falls in."""
    while start < end and not folded[start].isalnum():
        start += 1
    while end > start and not folded[end - 1].isalnum():
        end -= 1
    while start > 0 and folded[start - 1].isalnum():
        start -= 1
    while end < len(folded) and folded[end].isalnum():
        end += 1
    return start, end


def claim_fields(dataset: Dataset, claim: Claim) -> list[tuple[str, str]]:
    """What search looks in, named as a reader knows it, in the order a snippet prefers."""
    aliases = [a for s in claim.sources if s in dataset.sources for a in dataset.sources[s].aliases]
    return [
        ("statement", claim.statement),
        ("quote", claim.quote),
        ("said by", chain_label(dataset, claim)),
        ("places", ", ".join(place_names(dataset, claim.locations))),
        ("note", claim.note or ""),
        ("date", claim.reported.words or ""),
        ("via", claim.via or ""),
        ("source also known as", ", ".join(aliases)),
        ("source ids", ", ".join(claim.sources)),
        ("topic", claim.topic),
        ("id", claim.id),
    ]


def matches_text(dataset: Dataset, claim: Claim, text: str) -> bool:
    """Every word of the query is somewhere in the claim's words, sources (names, aliases, ids),
    places or topic: case, accents, apostrophes and dashes aside, and spelling variants too."""
    words = query_words(text)
    if not words:
        return True
    folded = fold(" | ".join(value for _, value in claim_fields(dataset, claim)))[0]
    return all(word_spans(word, folded) for word in words)


@dataclass(frozen=True)
class Hit:
    """Where a query hit a claim: the field and its words with the hits marked."""

    field: str
    snippet: str

    def __str__(self) -> str:
        return f"{self.field}: {self.snippet}" if self.snippet else ""


def match_snippet(dataset: Dataset, claim: Claim, text: str, width: int = 100) -> Hit:
    """The field where most query words hit (the first such), cut to about `width` characters
    around its first hit, every hit between «guillemets». Empty without a query or a hit."""
    words = query_words(text)
    best: tuple[int, str, str, list[tuple[int, int]]] | None = None
    for name, value in claim_fields(dataset, claim):
        folded, where = fold(value)
        spans, found = [], 0
        for word in words:
            hits = word_spans(word, folded)
            found += bool(hits)
            spans += [(where[a], where[b - 1] + 1) for a, b in hits]
        if found and (best is None or found > best[0]):
            best = (found, name, value, spans)
    if best is None:
        return Hit("", "")
    _, name, value, spans = best
    return Hit(name, _mark(value, _merged(value, spans), width))


def _merged(value: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans in order, overlapping ones and ones apart by spaces or dashes ('Kim Jong-un') one."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and (start <= out[-1][1] or _gap(value[out[-1][1] : start])):
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def _gap(between: str) -> bool:
    return all(char.isspace() or char in DASHES for char in between)


def _mark(value: str, spans: list[tuple[int, int]], width: int) -> str:
    """value cut to about `width` characters around the first span (at spaces, '…' where cut),
    each span inside marked."""
    first = max(0, spans[0][0] - width // 3)
    if first > 0:
        space = value.find(" ", first, spans[0][0])
        first = space + 1 if space >= 0 else first
    last = max(first + width, spans[0][1])
    if last < len(value):
        space = value.rfind(" ", spans[0][1], last)
        last = space if space >= 0 else last
    else:
        last = len(value)
    pieces, at = [], first
    for start, end in spans:
        if start >= first and end <= last:
            pieces += [value[at:start], OPEN, value[start:end], CLOSE]
            at = end
    pieces.append(value[at:last])
    body = " ".join("".join(pieces).split())
    return ("…" if first > 0 else "") + body + ("…" if last < len(value) else "")
