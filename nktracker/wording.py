"""Reading the words of the data: the quantity a phrase states, and the hedges a quote keeps.

`read_quantity("about 8,000")` is `Reading("about", 8000.0)`: the qualifier of the rule for vague
quantities (docs/data.md#the-rule-for-vague-quantities) that the words imply and the number(s) in
them, so the validator can recompute an estimate from its own words. It reads digits ("3,000",
"0.5"), number words up to the billions ("eighteen", "a hundred", "three thousand"), "half",
percentages, spans ("11 to 12,000", "between X and Y", "X-Y"), the vague quantities of the rule
("thousands", "a number of") and the qualifier words around a number ("up to", "some", "at
least"). It returns None for anything it cannot read with confidence, such as two numbers that
do not form a span; the validator then says nothing.

HEDGES is the list of uncertainty markers a claim's statement must keep from its quote
(docs/data.md#hedges); `dropped_hedges` finds those a statement lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# -- numbers ---------------------------------------------------------------------------------

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# "dozen" and "hundred" multiply the group they end; the others close a group.
_SMALL_SCALES = {"dozen": 12, "hundred": 100}
_LARGE_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_SCALES = {**_SMALL_SCALES, **_LARGE_SCALES}
_DASHES = {"-", "–", "—", "‑"}

# Qualifier words, longest first where one contains another ("no more than" before "more than").
# Those before the number:
_BEFORE: dict[tuple[str, ...], str] = {
    ("no", "more", "than"): "up-to",
    ("not", "more", "than"): "up-to",
    ("no", "fewer", "than"): "at-least",
    ("no", "less", "than"): "at-least",
    ("not", "fewer", "than"): "at-least",
    ("not", "less", "than"): "at-least",
    ("as", "many", "as"): "up-to",
    ("up", "to"): "up-to",
    ("at", "most"): "up-to",
    ("at", "least"): "at-least",
    ("less", "than"): "less-than",
    ("fewer", "than"): "less-than",
    ("more", "than"): "more-than",
    ("upwards", "of"): "more-than",
    ("an", "estimated"): "about",
    ("estimated",): "about",
    ("about",): "about",
    ("some",): "about",
    ("approximately",): "about",
    ("around",): "about",
    ("roughly",): "about",
    ("nearly",): "about",
    ("almost",): "about",
    ("under",): "less-than",
    ("over",): "more-than",
    ("between",): "span",
}
# ... and those after it ("3,000 or more").
_AFTER: dict[tuple[str, ...], str] = {
    ("or", "more"): "at-least",
    ("or", "fewer"): "up-to",
    ("or", "less"): "up-to",
    ("or", "so"): "about",
    ("at", "most"): "up-to",
    ("at", "least"): "at-least",
    ("+",): "at-least",
}
# The vague quantities of the rule, with N where the rule needs one ('a couple of thousand').
_VAGUE: dict[tuple[str, ...], tuple[str, float | None]] = {
    ("tens", "of", "thousands"): ("tens-of-thousands", None),
    ("a", "couple", "of", "million"): ("a-couple-of", 2_000_000.0),
    ("a", "couple", "million"): ("a-couple-of", 2_000_000.0),
    ("a", "couple", "of", "thousand"): ("a-couple-of", 2_000.0),
    ("a", "couple", "thousand"): ("a-couple-of", 2_000.0),
    ("a", "couple", "of", "hundred"): ("a-couple-of", 200.0),
    ("a", "couple", "hundred"): ("a-couple-of", 200.0),
    ("a", "couple", "of"): ("a-couple-of", 2.0),
    ("a", "few", "thousand"): ("thousands", None),
    ("several", "thousand"): ("thousands", None),
    ("thousands",): ("thousands", None),
    ("a", "few", "hundred"): ("hundreds", None),
    ("several", "hundred"): ("hundreds", None),
    ("hundreds",): ("hundreds", None),
    ("a", "few", "dozen"): ("dozens", None),
    ("several", "dozen"): ("dozens", None),
    ("dozens",): ("dozens", None),
    ("a", "number", "of"): ("a-number-of", None),
    ("several",): ("a-number-of", None),
}
# Words that say the number is a percentage ("half" is 50 %).
_PERCENT = (("%",), ("percent",), ("per", "cent"))

_TOKEN = re.compile(
    r"(?P<bad>[a-z]+[-‑]\d[\d,.]*[a-z]*)"  # a name with a number: 'KN-23', 'Hwasong-11s'
    r"|(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?P<stuck>[a-z]*)"
    r"|(?P<word>[a-z]+(?:['’][a-z]+)*)"
    r"|(?P<sym>\S)"
)


@dataclass(frozen=True)
class Reading:
    """What the words of a quantity say: the rule's qualifier and the number(s) in the words.

    n is N (None for the vague qualifiers that need none); n2 is Y, the high end of a span, whose
    low end is n. unit is 'percent' when the words say '%', 'percent' or 'half', else 'people'
    (a count).
    """

    qualifier: str
    n: float | None = None
    n2: float | None = None
    unit: str = "people"

    def describe(self) -> str:
        """'8,000 (about)', '11,000 to 12,000 (span)', '50% (about)', 'thousands'."""
        if self.n is None:
            return self.qualifier
        sign = "%" if self.unit == "percent" else ""
        text = format_number(self.n) + sign
        if self.n2 is not None:
            text += " to " + format_number(self.n2) + sign
        return f"{text} ({self.qualifier})"


def format_number(value: float) -> str:
    """8000.0 -> '8,000'; 0.5 -> '0.5'."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,}"


@dataclass(frozen=True)
class _Token:
    kind: str  # num, word, sym, or bad (a number stuck to letters: '1980s', 'KN-23s')
    text: str
    value: float = 0.0
    start: int = field(default=0, compare=False)  # where it stands in the words read
    end: int = field(default=0, compare=False)


@dataclass(frozen=True)
class _Quantity:
    start: int
    end: int
    qualifier: str | None  # a vague qualifier, 'span', or None for a plain number
    n: float | None
    n2: float | None
    percent: bool


def _tokens(words: str) -> list[_Token]:
    out = []
    # lower-cased one character at a time, so each token's span is its place in `words`
    lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in words)
    for match in _TOKEN.finditer(lowered):
        at = {"start": match.start(), "end": match.end()}
        if match.group("bad") is not None:
            out.append(_Token("bad", match.group(0), **at))
        elif match.group("num") is not None:
            text = match.group("num")
            if match.group("stuck"):
                out.append(_Token("bad", match.group(0), **at))
            else:
                out.append(_Token("num", text, float(text.replace(",", "")), **at))
        elif match.group("word") is not None:
            out.append(_Token("word", match.group("word").replace("’", "'"), **at))
        else:
            out.append(_Token("sym", match.group("sym"), **at))
    return out


def _phrase_at(tokens: list[_Token], i: int, phrase: tuple[str, ...]) -> bool:
    return tuple(t.text for t in tokens[i : i + len(phrase)]) == phrase


def _text(tokens: list[_Token], i: int) -> str:
    return tokens[i].text if 0 <= i < len(tokens) else ""


def _number_words(tokens: list[_Token], i: int) -> tuple[float, int] | None:
    """Number words from i ('three thousand', 'a hundred', 'twenty-five'): (value, end)."""
    j = i
    if _text(tokens, j) in ("a", "an"):
        if _text(tokens, j + 1) not in _SCALES:
            return None
        group, j, last = 1.0, j + 1, "unit"
    elif _text(tokens, j) in _UNITS or _text(tokens, j) in _TENS:
        group, last = 0.0, ""
    else:
        return None
    total = 0.0
    while j < len(tokens):
        word = tokens[j].text
        if word in _TENS and last in ("", "scale", "and"):
            group += _TENS[word]
            last = "tens"
        elif word in _UNITS and (
            last in ("", "scale", "and") or (last == "tens" and 0 < _UNITS[word] < 10)
        ):
            group += _UNITS[word]
            last = "unit"
        elif word in _DASHES and last == "tens" and 0 < _UNITS.get(_text(tokens, j + 1), 0) < 10:
            group += _UNITS[tokens[j + 1].text]  # 'twenty-five'
            j += 1
            last = "unit"
        elif word in _SMALL_SCALES and last in ("unit", "tens"):
            group *= _SMALL_SCALES[word]
            last = "scale"
        elif word in _LARGE_SCALES and last in ("unit", "tens", "scale") and group:
            total += group * _LARGE_SCALES[word]
            group, last = 0.0, "scale"
        elif word == "and" and last == "scale" and _and_continues(tokens, j + 1):
            last = "and"
        else:
            break
        j += 1
    if last not in ("unit", "tens", "scale"):
        return None
    return total + group, j


def _and_continues(tokens: list[_Token], j: int) -> bool:
    """'one hundred and five': 'and' joins a number below a hundred that ends the number."""
    word = _text(tokens, j)
    if word not in _UNITS and word not in _TENS:
        return False
    k = j + 1
    if _text(tokens, k) in _DASHES or _text(tokens, k) in _UNITS:
        k += 2 if _text(tokens, k) in _DASHES else 1
    return _text(tokens, k) not in _SCALES


def _number_at(tokens: list[_Token], i: int) -> tuple[float, int, bool] | None:
    """A number from i, with scale words and a percent sign: (value, end, is_percent)."""
    token = tokens[i]
    if token.kind == "num":
        value, j = token.value, i + 1
        while _text(tokens, j) in _SCALES:
            value *= _SCALES[tokens[j].text]
            j += 1
    elif token.text == "half":
        return 50.0, i + 1, True
    else:
        found = _number_words(tokens, i)
        if found is None:
            return None
        value, j = found
    for phrase in _PERCENT:
        if _phrase_at(tokens, j, phrase):
            return value, j + len(phrase), True
    return value, j, False


def _shorthand(x: float, y: float) -> float:
    """'11 to 12,000': X takes Y's scale when X is at most a hundredth of Y (see docs/data.md)."""
    if x * 100 > y:
        return x
    for scale in (1_000_000_000, 1_000_000, 1_000):
        if scale <= y:
            return x * scale if x * scale <= y else x
    return x


def _quantity_at(tokens: list[_Token], i: int) -> _Quantity | None:
    for phrase, (qualifier, n) in _VAGUE.items():
        if _phrase_at(tokens, i, phrase):
            end = i + len(phrase)
            percent = any(_phrase_at(tokens, end, p) for p in _PERCENT)
            return _Quantity(i, end, qualifier, n, None, percent)
    first = _number_at(tokens, i)
    if first is None:
        return None
    x, j, percent = first
    joiners = {"to", *_DASHES} | ({"and"} if _text(tokens, i - 1) == "between" else set())
    if _text(tokens, j) in joiners and j + 1 < len(tokens):
        second = _number_at(tokens, j + 1)
        if second is not None:
            y, end, percent2 = second
            return _Quantity(i, end, "span", _shorthand(x, y), y, percent or percent2)
    return _Quantity(i, j, None, x, None, percent)


def _qualifier_before(tokens: list[_Token], start: int) -> str | None:
    return _phrase_before(tokens, start)[1]


def _qualifier_after(tokens: list[_Token], end: int) -> str | None:
    return _phrase_after(tokens, end)[1]


def _phrase_before(tokens: list[_Token], start: int) -> tuple[int, str | None]:
    """The qualifier words just before a quantity: (how many tokens, qualifier)."""
    for phrase, qualifier in _BEFORE.items():
        if start - len(phrase) >= 0 and _phrase_at(tokens, start - len(phrase), phrase):
            return len(phrase), qualifier
    return 0, None


def _phrase_after(tokens: list[_Token], end: int) -> tuple[int, str | None]:
    for phrase, qualifier in _AFTER.items():
        if _phrase_at(tokens, end, phrase):
            return len(phrase), qualifier
    return 0, None


def read_quantity(words: str) -> Reading | None:
    """The qualifier and number(s) the words state, or None when they cannot be read with
    confidence: no number, two numbers that are not a span, a qualifier word the rule has no
    row for ('about thousands'), or a number stuck to letters ('1980s')."""
    tokens = _tokens(words)
    if any(t.kind == "bad" for t in tokens):
        return None
    found: list[_Quantity] = []
    i = 0
    while i < len(tokens):
        quantity = _quantity_at(tokens, i)
        if quantity is None:
            i += 1
            continue
        found.append(quantity)
        i = quantity.end
    if len(found) != 1:
        return None
    q = found[0]
    outside = tokens[: q.start] + tokens[q.end :]
    if any(t.text in _SCALES for t in outside):  # 'a couple of hundred thousand'
        return None
    before = _qualifier_before(tokens, q.start)
    after = _qualifier_after(tokens, q.end)
    unit = "percent" if q.percent else "people"
    if q.qualifier == "span":
        if (before not in (None, "span")) or after is not None or q.n2 is None or q.n is None:
            return None
        if not q.n < q.n2:
            return None
        return Reading("span", q.n, q.n2, unit)
    if before == "span":  # 'between' with no second number
        return None
    if q.qualifier is not None:  # a vague quantity: the rule has no row for 'about thousands'
        if before is not None or after is not None:
            return None
        return Reading(q.qualifier, q.n, None, unit)
    if before is not None and after is not None:
        return None
    return Reading(before or after or "exact", q.n, None, unit)


@dataclass(frozen=True)
class Found:
    """A quantity stated in a text: its words are text[start:end], verbatim, qualifier words
    included ('up to 3,000', 'About 18', 'Less than 1%'), and `reading` is what they say."""

    start: int
    end: int
    reading: Reading


def find_quantities(text: str) -> list[Found]:
    """Every quantity the text states that `read_quantity` reads with confidence, in order.

    Each is one number, span or vague quantity with the qualifier words around it, cut so that
    read_quantity(text[start:end]) gives `reading`: the validator reads an estimate's words the
    same way. Numbers stuck to letters ('KN-23', '11th') are never read.
    """
    tokens = _tokens(text)
    out: list[Found] = []
    i = 0
    while i < len(tokens):
        quantity = None if tokens[i].kind == "bad" else _quantity_at(tokens, i)
        if quantity is None:
            i += 1
            continue
        before, _ = _phrase_before(tokens, quantity.start)
        after, _ = _phrase_after(tokens, quantity.end)
        first, last = quantity.start - before, quantity.end + after - 1
        start, end = tokens[first].start, tokens[last].end
        reading = read_quantity(text[start:end])
        if reading is not None:
            out.append(Found(start, end, reading))
        i = last + 1
    return out


# -- hedges ----------------------------------------------------------------------------------

# Each marker of uncertainty a quote may carry, with the words a statement may use to keep it.
# Matched case-insensitively as whole words; a marker inside a longer one found at the same
# place ('according to' in 'according to reports') counts once, as the longer one.
HEDGES: dict[str, tuple[str, ...]] = {
    "reportedly": ("reportedly", "according to reports", "reported"),
    "one report": ("one report", "a report"),
    "suggested": ("suggested", "suggests", "suggesting"),
    "according to reports": ("according to reports", "reportedly"),
    "according to": ("according to", "said", "says", "reported", "citing", "told"),
    "claims that": ("claim", "claims", "claimed"),
    "claimed": ("claim", "claims", "claimed"),
    "allegedly": ("allegedly", "alleged"),
    "could": ("could", "may", "might"),
    "may": ("may", "might", "could"),
    "might": ("might", "may", "could"),
    "expected to": ("expected",),
    "it was reported": ("reportedly", "it was reported", "reported"),
    "unclear": ("unclear", "not clear", "unknown"),
    "it is unclear whether": ("unclear", "not clear", "unknown"),
}


def _pattern(phrase: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(w) for w in phrase.split())
    return re.compile(rf"(?<![\w’'-]){words}(?![\w’'-])", re.IGNORECASE)


_PATTERNS = {phrase: _pattern(phrase) for m, forms in HEDGES.items() for phrase in (m, *forms)}
_SENTENCE_START = re.compile(r"(?:^|[.!?“”\"‘(–—:]\s*)$")


def _is_month(text: str, match: re.Match[str]) -> bool:
    """'May' written with a capital inside a sentence is the month, not the hedge."""
    return match.group(0) == "May" and not _SENTENCE_START.search(text[: match.start()])


def _spans(phrase: str, text: str) -> list[tuple[int, int]]:
    return [
        m.span()
        for m in (_PATTERNS.get(phrase) or _pattern(phrase)).finditer(text)
        if not _is_month(text, m)
    ]


def hedges_in(quote: str) -> list[tuple[str, int, int]]:
    """The markers of HEDGES in the text as (marker, start, end), in order; a marker inside a
    longer one at the same place is left out."""
    found = [(m, a, b) for m in HEDGES for a, b in _spans(m, quote)]
    kept = [
        (m, a, b)
        for m, a, b in found
        if not any(a2 <= a and b <= b2 and (b2 - a2) > (b - a) for _, a2, b2 in found)
    ]
    return sorted(kept, key=lambda item: item[1])


def dropped_hedges(quote: str, statement: str) -> list[tuple[str, int, int]]:
    """Markers of the quote (marker, start, end) whose forms are all missing from the
    statement; each marker once, at its first place."""
    out: list[tuple[str, int, int]] = []
    for marker, start, end in hedges_in(quote):
        if any(m == marker for m, _, _ in out):
            continue
        if not any(_spans(form, statement) for form in HEDGES[marker]):
            out.append((marker, start, end))
    return out


def hedge_example(quote: str, start: int, end: int) -> str:
    """A few words of the quote around a hedge, to show a statement how to keep it:
    'Liga suggested that …', or 'According to reports, …' for a closing attribution."""
    before = quote[:start]
    after = quote[end:]
    marker = quote[start:end]
    if re.search(r",\s*$", before):  # ', according to the Kyiv Post, citing ...'
        tail = re.match(r"[^,.;:!?”\"]*", after)
        words = (marker + (tail.group(0) if tail else "")).split()[:8]
        text = " ".join(words)
        return text[:1].upper() + text[1:] + ", …"
    clause = re.split(r"[,.;:!?“”\"(—–]", before)[-1].split()[-2:]
    following = re.match(r"\s*([^\s,.;:!?”\"]+)", after)
    words = [*clause, marker, *([following.group(1)] if following else [])]
    return " ".join(words) + " …"
