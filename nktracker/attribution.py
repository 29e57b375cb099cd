"""Who said it: source names found in a sentence (fuzzy), and the reporting chain its words give.

`find_attributions(text, index)` reads "X said", "said X", "according to Y", "citing Z",
"X told Y", "it was reported" and "one report claims" outside quotation marks (and "the
official said" inside them), and `chain_of` orders what it found as the data's chains do:
relays first ("according to Interfax", "told The Guardian"), then the speaker, then whom the
speaker cites. The publishing outlet is put first by the caller. A name is matched against the
known sources' names and aliases word by word, with rapidfuzz forgiving misspellings
("Suspine" for "Suspilne"); a name nobody knows becomes a `NewSource` stub for the curator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from nktracker.model import Source

# Verbs that attribute words to someone. Forms that are also nouns ('claims', 'reports') count
# only before 'that' or at the end of a clause.
_VERBS = (
    "said|says|say|told|tells|wrote|writes|reported|noted|stated|claimed|insisted|insists|added|"
    "adds|announced|announces|warned|warns|confirmed|confirms|suggested|suggests|denied|denies|"
    "dismissed|dismisses|rejected|rejects|refuted|argued|argues|explained|assessed|believes|"
    "believed|posted|tweeted|acknowledged|admitted|alleged|revealed|estimated"
)
_VERB = re.compile(rf"\b(?:{_VERBS})\b|\b(?:claims|reports|notes|states)\b(?= that|[,.])")
_PASSIVE = re.compile(r"\b(?:it )?(?:was|were|is|are|has been|have been|had been)\s+$", re.I)
_ACCORDING = re.compile(r"\baccording to\s+", re.I)
_CITING = re.compile(r"\bciting\s+", re.I)
_UNNAMED = re.compile(r"\b(?:reportedly|one report|a report|reports say|media reports)\b", re.I)
# Where a subject stops, looking back from its verb.
_CLAUSE_START = re.compile(
    r"(?:[“”\";:(]|\b(?:that|what|which|who|while|While|but|although|as|As|and|when|after)\s)"
)
_LEADING = re.compile(r"^(?:meanwhile|however|but|and|while|also|then|now)\b[\s,]*", re.I)
_TRAILING = re.compile(
    r"(?:\s+(?:also|has|have|had|previously|earlier|later|again|recently|reportedly|once|"
    r"repeatedly|publicly|then|now|has also|had also))+\s*$",
    re.I,
)
_DATE_TAIL = re.compile(
    r"\s+(?:(?:on|last|this|earlier this)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|week|month|year|yesterday|today)\s*$",
    re.I,
)
_OBJECT_END = re.compile(
    r"[,.;:”\"(]|\s(?:on|last|this|that|during|about|earlier|in (?:an?|his|her|their))\s|$"
)
_SOURCE_OF = re.compile(
    r"^(?:an?\s+|the\s+)?(?:new\s+|recent\s+|latest\s+)?(?:analysis|report|statement|"
    r"assessment|estimate|data|figures?|study|survey|briefing)s?\s+(?:from|by|of)\s+",
    re.I,
)
_STOP = {"the", "a", "an", "of", "in", "for", "from", "and", "to", "on", "unnamed", "anonymous"}
_PERSON_KINDS = ("official", "military", "analyst", "prosecutor", "anonymous")
_PRONOUNS = {"he", "she", "him", "her", "they", "it", "we", "us"}
_MEDIA_WORDS = re.compile(
    r"\b(?:news|outlet|newspaper|paper|agency|broadcaster|publication|magazine|media|channel|"
    r"Post|Times|Journal|Herald|Tribune|Guardian|Telegraph|Reuters|AP|AFP|Bloomberg|TV|Radio)\b"
)
_UNNAMED_START = re.compile(
    r"^(?:an?|one|two|three|several|some|many|unnamed|anonymous|senior)\b|"
    r"^(?:officials|sources|diplomats|analysts|experts)\b",
    re.I,
)
_KIND_WORDS: tuple[tuple[str, str], ...] = (
    ("official", r"\b(?:spokes\w*|minister|president|secretary|ambassador|official)\b"),
    ("intelligence", r"\b(?:intelligence|directorate|spy)\b"),
    ("military", r"\b(?:general|gen\.|commander|colonel|army|military|forces|navy)\b"),
    ("government", r"\b(?:ministry|government|kremlin|pentagon|department|office|white house)\b"),
    ("analyst", r"\b(?:analyst|expert|researcher|fellow|professor|institute|think tank)\b"),
    ("prosecutor", r"\b(?:prosecutors?|prosecutor's)\b"),
)


@dataclass(frozen=True)
class NewSource:
    """A source the data does not know yet: a stub the curator completes."""

    id: str
    name: str
    kind: str
    affiliation: str | None
    words: str


Ref = str | NewSource  # a known source id, or a stub


def ref_id(ref: Ref) -> str:
    return ref if isinstance(ref, str) else ref.id


def slugify(text: str) -> str:
    """'Pat Ryder' -> 'pat-ryder'; letters and digits only, at most six words."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("’", "").replace("'", ""))
    return "-".join(words[:6]) or "source"


def _words(text: str) -> list[str]:
    text = re.sub(r"['’]s\b", "", text.lower())
    return [w for w in re.findall(r"[a-z0-9]+", text) if w not in _STOP]


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    return min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= 80


class SourceIndex:
    """The known sources' names, aliases and (for people) surnames, for matching phrases."""

    def __init__(self, sources: dict[str, Source]):
        self.sources = sources
        self.forms: list[tuple[str, list[str]]] = []
        for source in sources.values():
            names = [source.name, *source.aliases]
            parts = source.name.split()
            person = source.kind in _PERSON_KINDS and source.kind != "anonymous"
            if person and 2 <= len(parts) <= 4 and all(p[:1].isupper() for p in parts):
                names.append(parts[-1])  # 'Zelensky said'

            for name in names:
                words = _words(name)
                if words:
                    self.forms.append((source.id, words))

    def match(self, phrase: str) -> str | None:
        """The known source a phrase names: every word of one of its names is in the phrase
        (spelling forgiven). The name matching most words wins, so 'GUR commander Kyrylo
        Budanov' is Budanov, not GUR."""
        words = _words(phrase)
        best: tuple[int, int, str] | None = None
        for source_id, form in self.forms:
            if all(any(_same_word(f, w) for w in words) for f in form):
                score = (len(form), sum(map(len, form)), source_id)
                if best is None or score[:2] > best[:2]:
                    best = score
        return best[2] if best else None

    def kind(self, ref: Ref) -> str:
        if isinstance(ref, NewSource):
            return ref.kind
        source = self.sources.get(ref)
        return source.kind if source else "media"

    def describes(self, ref: Ref, noun: str) -> bool:
        if isinstance(ref, NewSource):
            text = f"{ref.name} {ref.affiliation or ''}"
        else:
            source = self.sources.get(ref)
            text = f"{source.name} {source.affiliation or ''}" if source else ref
        return noun in _words(text)


def quote_mask(text: str, inside: bool = False) -> list[bool]:
    """For each character, whether it is inside quotation marks (“…” or "…"); `inside` says
    whether the text starts inside a quotation left open by the text before it."""
    mask: list[bool] = []
    for char in text:
        if char == "“" or (char == '"' and not inside):
            mask.append(True)
            inside = True
        elif char == "”" or char == '"':
            mask.append(True)
            inside = False
        else:
            mask.append(inside)
    return mask


def ends_inside_quote(text: str, inside: bool = False) -> bool:
    """Whether a quotation is still open at the end of the text (it goes on after it)."""
    for char in text:
        if char == "“" or (char == '"' and not inside):
            inside = True
        elif char in '”"':
            inside = False
    return inside


@dataclass(frozen=True)
class Attribution:
    """One attribution in a sentence: its role, whom it names, and where it stands."""

    role: str  # speaker, according, citing, told, reports
    ref: Ref
    start: int  # where the phrase naming the source starts
    verb_start: int
    verb_end: int
    inner: bool = False  # inside quotation marks: the quoted speaker quotes someone
    phrase: str = ""  # the words that name the source
    verb: str = ""

    def describe(self) -> str:
        """'the Post reported' style words for a draft's `why`."""
        label = {"according": "according to", "citing": "citing", "told": "told"}
        if self.role in label:
            return f"{label[self.role]} {self.phrase}"
        return "reported" if self.role == "reports" else f"{self.phrase} {self.verb}"


@dataclass
class Context:
    """What the text before a sentence has said: for 'he', 'the Post', 'the official'."""

    outlet: str
    recent: list[Ref]


def _subject(text: str, verb_start: int) -> tuple[str, int, str | None]:
    """The phrase before a verb that names its subject: (phrase, start, apposition)."""
    left = text[:verb_start]
    starts = [m.end() for m in _CLAUSE_START.finditer(left)]
    begin = starts[-1] if starts else 0
    clause = left[begin:]
    pieces = clause.split(",")
    apposition = None
    if len(pieces) >= 3 and not pieces[-1].strip():  # 'Kovalenko, head of the centre, said'
        apposition = pieces[-2].strip()
        phrase = pieces[-3]
    else:
        phrase = pieces[-1]
    at = begin + clause.rfind(phrase) if phrase else verb_start
    phrase = _TRAILING.sub("", _DATE_TAIL.sub("", phrase))
    stripped = _LEADING.sub("", phrase.strip())
    at += len(phrase) - len(phrase.lstrip()) + (len(phrase.strip()) - len(stripped))
    words = stripped.split()
    if len(words) > 10:
        return "", verb_start, None
    return stripped, at, apposition


def _object(text: str, start: int) -> str:
    """The phrase after 'according to', 'citing', 'told' or an inverted 'said'."""
    end = _OBJECT_END.search(text, start)
    phrase = text[start : end.start() if end else len(text)].strip()
    if phrase.endswith(")") or "(" in text[start : start + len(phrase) + 2]:
        close = text.find(")", start)
        if close != -1 and close - start < 120:  # '(GUR)' belongs to the name
            phrase = text[start : close + 1].strip()
    return phrase


def _stub(phrase: str, apposition: str | None, role: str) -> NewSource | None:
    """A new source for a phrase the data does not know, or None if it names nobody."""
    phrase = _SOURCE_OF.sub("", phrase.strip(" ,.")).strip()
    if not phrase or phrase.lower() in _PRONOUNS or len(phrase) < 2:
        return None
    words = phrase.split()
    capitals = [w for w in words if w[:1].isupper()]
    common = [w for w in words[1:] if w.islower() and w not in _STOP]
    if _UNNAMED_START.search(phrase) and (common or words[0].islower()):  # 'officials in Seoul'
        name = re.sub(r"^(?:an?|one|unnamed|anonymous)\s+", "", phrase, flags=re.I)
        return NewSource(slugify("unnamed " + name), "Unnamed " + name, "anonymous", None, phrase)
    if not capitals:
        return None
    # the name is the run of capitalised words at the end; words before it are a title
    tail: list[str] = []
    for word in reversed(words):
        if not (word[:1].isupper() or (tail and word in ("of", "for", "the"))):
            break
        tail.insert(0, word)
    while tail and tail[0] in ("of", "for", "the"):
        tail.pop(0)
    name = " ".join(tail)
    title = " ".join(words[: len(words) - len(tail)]).strip() or None
    if not tail or (title and title.lower() == "the"):  # 'Ukraine’s army', 'the Yonhap agency'
        name, title = re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.I), None
    affiliation = ", ".join(x for x in (title, apposition) if x) or None
    if role == "told" or _MEDIA_WORDS.search(phrase):
        kind = "media"
    else:
        lowered = f"{phrase} {apposition or ''}".lower()
        kind = next((k for k, pattern in _KIND_WORDS if re.search(pattern, lowered)), "official")
    return NewSource(slugify(name), name, kind, affiliation, phrase)


def resolve(
    phrase: str, apposition: str | None, role: str, index: SourceIndex, context: Context
) -> Ref | None:
    """The source a phrase names: a known one, one named before ('he', 'the official',
    'the publication'), or a stub."""
    text = phrase.strip(" ,.")
    lowered = text.lower()
    if lowered in ("we", "us"):
        return context.outlet
    if lowered in _PRONOUNS:
        people = lowered in ("he", "she", "him", "her")
        for ref in reversed(context.recent):
            is_person = index.kind(ref) in _PERSON_KINDS
            if ref != context.outlet and (is_person if people or lowered == "it" else True):
                if lowered == "it" and is_person:
                    continue
                return ref
        return None
    known = index.match(text) or (index.match(apposition) if apposition else None)
    if known:
        return known
    if role == "reports":
        return NewSource("unnamed-reports", "Unnamed reports", "anonymous", None, phrase)
    if apposition and re.fullmatch(r"(?:[A-Z][\w’'.-]*\s?){1,4}", apposition.strip()):
        return _stub(apposition, text, role)  # 'a spokesman for the ministry, Alex Example, said'
    definite = re.fullmatch(r"the ([a-z]+)", lowered)
    if definite:
        noun = definite.group(1)
        media = noun in ("publication", "outlet", "newspaper", "paper", "agency", "broadcaster")
        for ref in reversed(context.recent):
            if ref == context.outlet:
                continue
            if (media and index.kind(ref) == "media") or index.describes(ref, noun):
                return ref
    return _stub(text, apposition, role)


def find_attributions(
    text: str, mask: list[bool], index: SourceIndex, context: Context
) -> list[Attribution]:
    """Every attribution in one sentence or clause, in order of where it stands."""
    found: list[Attribution] = []

    def add(role, phrase, apposition, at, verb_start, verb_end, inner=False) -> None:
        ref = resolve(phrase, apposition, role, index, context)
        if ref is not None:
            verb = text[verb_start:verb_end]
            found.append(
                Attribution(role, ref, at, verb_start, verb_end, inner, phrase.strip(), verb)
            )

    for m in _VERB.finditer(text):
        inner = mask[m.start()]
        if _PASSIVE.search(text[: m.start()]):
            if m.group(0) in ("reported", "said", "claimed", "alleged"):
                add("reports", "reports", None, m.start(), m.start(), m.end(), inner)
            continue
        if text[: m.start()].rstrip().lower().endswith(("an", "an estimated")):
            continue
        phrase, at, apposition = _subject(text, m.start())
        if not phrase or phrase.lower() in ("it", "this", "that") and m.group(0) != "said":
            after = re.match(r"\s+([A-Z][^,.;:]*)", text[m.end() :])
            before = text[: m.start()].rstrip()
            if after and before.endswith((",", "”", '"')):  # '…, said Kovalenko.'
                phrase = _object(text, m.end() + after.start(1))
                add("speaker", phrase, None, m.end() + after.start(1), m.start(), m.end(), inner)
            continue
        add("speaker", phrase, apposition, at, m.start(), m.end(), inner)
        if m.group(0) in ("told", "tells"):  # 'told The Guardian': the outlet relays
            start = m.end() + len(text[m.end() :]) - len(text[m.end() :].lstrip())
            target = _object(text, start)
            first = target.split()[0].lower() if target else ""
            if first and first not in ("reporters", "journalists", "a", "an", *_PRONOUNS):
                add("told", target, None, start, m.start(), m.end(), inner)
    for pattern, role in ((_ACCORDING, "according"), (_CITING, "citing")):
        for m in pattern.finditer(text):
            phrase = _object(text, m.end())
            if phrase.lower() in ("reports", "media reports", "a report"):
                add("reports", "reports", None, m.start(), m.start(), m.end(), mask[m.start()])
            else:
                add(role, phrase, None, m.end(), m.start(), m.end(), mask[m.start()])
    for m in _UNNAMED.finditer(text):
        if not any(a.role == "reports" for a in found):
            add("reports", "reports", None, m.start(), m.start(), m.end(), mask[m.start()])
    return sorted(found, key=lambda a: a.start)


def chain_of(attributions: list[Attribution]) -> list[Ref]:
    """The reporting chain after the publishing outlet: relays, the speaker, whom it cites.

    'he said, according to Interfax' -> [interfax, he]; 'a source told The Guardian' ->
    [guardian, source]; 'The Post wrote, citing an official' -> [post, official]; a quoted
    speaker's own attribution ('“The official said …,” the Post reported') comes after."""
    outer = [a for a in attributions if not a.inner]
    inner = [a for a in attributions if a.inner]
    chain: list[Ref] = []
    for group in (outer, inner):
        for role in ("according", "told", "reports", "speaker", "citing"):
            for a in group:
                if a.role == role and a.ref not in chain:
                    chain.append(a.ref)
    return chain
