"""Drafting claims: an article's sentences -> draft claims in the data's own schema, as YAML.

`nktracker draft ARTICLE` reads an archived article (or a text file) sentence by sentence and,
for every sentence that carries a quantity, an attribution, a date word, a known place, a denial
or a doubt, proposes a claim marked `draft: true` with a short `why`: the quote cut verbatim
from the text, the estimate read by the written rule (nktracker.wording, nktracker.estimates),
`reported` resolved against the publication date (nktracker.dates), the reporting chain
(nktracker.attribution), places, stance and a topic. `nktracker check` refuses drafts until a
curator has reviewed them and removed the flag. Nothing here reaches the network.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

import pysbd

from nktracker import dates, wording
from nktracker.attribution import (
    Attribution,
    Context,
    NewSource,
    Ref,
    SourceIndex,
    chain_of,
    ends_inside_quote,
    find_attributions,
    quote_mask,
    ref_id,
    slugify,
)
from nktracker.estimates import range_for
from nktracker.load import data_dir, load_dataset
from nktracker.model import Dataset, Location, Quantity
from nktracker.problems import clean
from nktracker.yamlout import to_yaml

_COUNT_NOUNS = set(
    "troops soldiers servicemen servicemembers personnel fighters infantry officers advisors "
    "advisers trainers instructors specialists engineers workers labourers laborers deserters "
    "people citizens civilians prisoners casualties recruits conscripts volunteers mercenaries "
    "koreans russians ukrainians pilots crews members operatives agents killed wounded dead "
    "missiles shells".split()
)
_JOINED = re.compile(r"^\s+(?:[\w’'-]+\s+){0,4}and\s+$")  # 'About 3,000 troops and 1,000 …'
_SHARED = ("about", "up-to", "more-than", "at-least", "less-than")
_DENY = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|dismiss(?:ed|es|ing)?|reject(?:ed|s|ing)?|refut(?:e|ed|es|ing)|"
    r"rebuff(?:ed|s)?)\b|\bcall(?:s|ed|ing)?\b[^.]{0,60}?\b(?:fake|false|a hoax|a lie|lies|"
    r"fabricat\w*|nonsense|propaganda|provocation)\b|"
    r"\b(?:fake news|baseless|groundless|not true|no truth)\b",
    re.I,
)
_DOUBT = re.compile(
    r"\b(?:unclear|unknown|not clear|open question|no indication|remains to be seen|"
    r"could not (?:be )?(?:independently )?(?:verified|confirmed|verify|confirm)|unverified|"
    r"unconfirmed|doubts?|doubtful|sceptic\w*|skeptic\w*)\b",
    re.I,
)
_VIA = re.compile(
    r"\b(?:on|via) (Telegram|Twitter|X|Facebook|Instagram|YouTube|TikTok|VKontakte)\b|"
    r"\b(?:during|in) (?:his|her|their|a|an|the) ((?:[a-z-]+ ){0,2}(?:address|speech|interview|"
    r"briefing|press conference|video|statement))\b"
)
# Topic by keywords, first match wins (denial and history are decided before these).
_TOPICS: tuple[tuple[str, str], ...] = (
    ("desertion", r"\b(?:fled|flee\w*|desert(?:ed|ers?|ion)|defect\w*)\b"),
    ("missiles", r"\b(?:missiles?|KN-23|Hwasong|ballistic|launchers?|rockets?)\b"),
    ("casualties", r"\b(?:killed|wounded|dead|died|casualt\w*|injured)\b"),
    ("losses", r"\b(?:loss|losses)\b"),
    ("language", r"\b(?:language|speak|speaks|interpreters?|translat\w*)\b"),
    ("legislation", r"\b(?:law|bill|Duma|ratif\w*|legislat\w*)\b"),
    ("treaty", r"\b(?:treaty|pact|agreement|Parties)\b"),
    ("sanctions", r"\bsanction\w*"),
    ("mobilization", r"\b(?:mobili[sz]\w*|conscript\w*|shortfall)\b"),
    ("summit", r"\b(?:summit|visit\w*)\b"),
    ("arms-deal", r"\b(?:arms|weapons) deal\b"),
    ("training", r"\btrain(?:ed|ing|s)?\b"),
    ("officers", r"\bofficers?\b"),
    ("units", r"\b(?:battalions?|brigades?|regiments?|divisions?|units?|squadrons?)\b"),
    ("timing", r"\b(?:by the end of|arriv\w*|timing)\b"),
    ("deployment-location", r"\b(?:deploy\w*|stationed|front line)\b"),
    ("combat", r"\b(?:fight\w*|combat|battle\w*|assault|offensive|perform\w*)\b"),
    ("alliance", r"\b(?:alliance|allies|ally|ties|partners?|partnership)\b"),
    ("motives", r"\b(?:benefits?|in return|gain|cash|attractive|make up for)\b"),
)
_STOP = {"the", "a", "an", "of", "in", "on", "to", "and", "for", "from", "by", "with"}
_NOT_NOUN = _STOP | {"have", "has", "had", "are", "were", "is", "was", "who", "that", "which"}
_NOT_NOUN |= {"will", "would", "could", "may", "might", "be", "been", "being", "backed"}
_NOT_NOUN |= {"them", "more", "those", "these", "they", "it", "already", "now", "had"}
UNDATED = "No date is given for this statement; recorded as the article's publication date."


@dataclass(frozen=True)
class Document:
    """The text to draft from, with what the drafts say about it."""

    id: str
    text: str
    outlet: str
    published: str  # the article's date, as in its metadata
    precision: str
    day: dt.date  # the day relative words are resolved against
    day_basis: str  # why that day


@dataclass
class Drafts:
    """Draft claims, the source and quantity stubs they need, and how much was read."""

    claims: list[dict] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    quantities: list[dict] = field(default_factory=list)
    sentences: int = 0

    def document(self) -> dict:
        return {"claims": self.claims, "sources": self.sources, "quantities": self.quantities}


@dataclass
class _Unit:
    """One sentence, or one clause of a sentence with two speakers: what one draft stands on."""

    start: int
    end: int
    chain: list[Ref]
    attributions: list[Attribution]
    continues: bool = False
    reported: dict | None = None
    inherited: bool = False
    why: list[str] = field(default_factory=list)


# -- sentences ---------------------------------------------------------------------------------

_SEGMENTER: list[pysbd.Segmenter] = []


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence, white space around it left out: text[start:end] is the
    sentence verbatim. A line break after end punctuation, a blank line or a short line (a
    heading) ends a sentence; pysbd splits the rest by its rules ('Lt. Gen.', 'U.S.')."""
    if not _SEGMENTER:
        _SEGMENTER.append(pysbd.Segmenter(language="en", clean=False, char_span=True))
    out: list[tuple[int, int]] = []
    for block_start, block in _blocks(text):
        pos = 0
        for span in _SEGMENTER[0].segment(block):
            piece = span.sent
            at = span.start if block[span.start : span.end] == piece else block.find(piece, pos)
            if at < 0:
                continue
            stripped = piece.strip()
            if stripped:
                begin = at + len(piece) - len(piece.lstrip())
                out.append((block_start + begin, block_start + begin + len(stripped)))
            pos = at + len(piece)
    return out


def _blocks(text: str) -> list[tuple[int, str]]:
    """Lines grouped into blocks that pysbd can split: a block ends at a blank line, after a
    line that ends a sentence, or after a short line without end punctuation (a heading)."""
    out: list[tuple[int, str]] = []
    start = 0
    for line in re.finditer(r"[^\n]*(?:\n|$)", text):
        body = line.group(0).rstrip()
        ends = not body or body.endswith((".", "!", "?", ":", "”", '"', "’", ")"))
        if ends or len(body.split()) < 8 or line.end() == len(text):
            if text[start : line.end()].strip():
                out.append((start, text[start : line.end()]))
            start = line.end()
        if line.end() == len(text):
            break
    return out


# -- the pieces of a claim ---------------------------------------------------------------------


def _places(dataset: Dataset) -> list[tuple[re.Pattern[str], str]]:
    """A pattern for each way the text may name a known place: its name, and for a region
    its stem ('Kursk Oblast' -> 'Kursk', 'Kursk region')."""
    out = []
    for location in dataset.locations.values():
        names = {location.name}
        stem = re.sub(r"\s+(?:Oblast|Region|Province|Krai|Governorate)$", "", location.name)
        stem = re.sub(r"^(?:Autonomous Republic of|Republic of)\s+", "", stem)
        if stem != location.name:
            names |= {stem, f"{stem} region", f"{stem} oblast", f"{stem} province"}
        for name in names:
            out.append((re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.I), location.id))
    return sorted(out, key=lambda item: -len(item[0].pattern))


def find_places(text: str, dataset: Dataset, patterns=None) -> list[str]:
    """Known places the text names, in order; a country is left out when a place inside it
    is named too ('Russia’s Kursk region' is Kursk region)."""
    taken: list[tuple[int, int, str]] = []
    for pattern, location_id in patterns or _places(dataset):
        for m in pattern.finditer(text):
            if not any(m.start() < b and a < m.end() for a, b, _ in taken):
                taken.append((m.start(), m.end(), location_id))
    ids = list(dict.fromkeys(loc for _, _, loc in sorted(taken)))
    locations: list[Location] = [dataset.locations[i] for i in ids]
    return [
        loc.id
        for loc in locations
        if not (loc.kind == "country" and any(o.country == loc.name != o.name for o in locations))
    ]


def _count_follows(text: str, end: int) -> bool:
    """People (or things counted like them) named within five words after the number."""
    after = re.split(r"[.;:!?\n\d]", text[end : end + 60])[0]  # up to another number
    words = re.findall(r"[A-Za-z’'-]+", after)[:5]
    return any(w.lower().strip("’'") in _COUNT_NOUNS for w in words)


def find_estimates(
    text: str, skip: list[tuple[int, int]]
) -> list[tuple[int, int, wording.Reading]]:
    """The quantities of the text that an estimate can state: (start, end, reading). Dates
    ('in 2025'), labels ('Article 51') and small numbers or 'several' with no people after them
    ('one report', 'several ways') are left out. A qualifier before two joined numbers applies
    to both ('About 3,000 troops and 1,000 advisors')."""
    out: list[tuple[int, int, wording.Reading]] = []
    for found in wording.find_quantities(text):
        start, end, reading = found.start, found.end, found.reading
        words = text[start:end]
        if any(start < b and a < end for a, b in skip):
            continue
        counted = _count_follows(text, end)
        before = re.search(r"([A-Z][\w.-]*)\s+$", text[max(0, start - 30) : start])
        small = reading.qualifier == "exact" and (reading.n or 0) < 10
        if reading.qualifier == "a-number-of" or (small and reading.unit == "people"):
            if not counted:
                continue
        if reading.qualifier == "exact" and re.fullmatch(r"(?:19|20)\d\d", words) and not counted:
            continue  # a year
        sentence_start = not text[:start].strip() or text[:start].rstrip().endswith((".", "“"))
        if before and not sentence_start and not counted and words[:1].isdigit():
            continue  # a label: 'Article 51'
        if out and reading.qualifier == "exact" and out[-1][2].qualifier in _SHARED:
            first_start, first_end, first = out[-1]
            if _JOINED.match(text[first_end:start]) and reading.unit == first.unit:
                reading = wording.Reading(first.qualifier, reading.n, None, reading.unit)
                start = first_start
        out.append((start, end, reading))
    return out


def _estimate(reading: wording.Reading, words: str, quantity: str) -> dict:
    bounds = range_for(reading.qualifier, reading.n, reading.unit, reading.n2)
    return {
        "quantity": quantity,
        "low": _number(bounds.low),
        "best": _number(bounds.best),
        "high": _number(bounds.high),
        "unit": reading.unit,
        "qualifier": reading.qualifier,
        "words": words,
    }


def _number(value: float | None) -> float | int | None:
    return int(value) if value is not None and value == int(value) else value


def guess_topic(text: str, denies: bool, historical: bool) -> str:
    if denies:
        return "denial"
    if historical:
        return "history"
    for topic, pattern in _TOPICS:
        if re.search(pattern, text, re.I):
            return topic
    return "personnel"


def _statement(quote: str) -> str:
    """The quote without quotation marks, as one sentence: a start the curator rewrites."""
    text = re.sub(r"\s+", " ", re.sub(r"[“”\"]", "", quote)).strip()
    text = text.rstrip(",;: ")
    return text if text.endswith((".", "!", "?")) else text + "."


def _quote(text: str) -> str:
    return text.strip()


# -- drafting ----------------------------------------------------------------------------------


class _Drafter:
    def __init__(self, doc: Document, dataset: Dataset):
        self.doc = doc
        self.ds = dataset
        self.index = SourceIndex(dataset.sources)
        self.places = _places(dataset)
        self.context = Context(doc.outlet, [])
        self.out = Drafts()
        self.new_sources: dict[str, NewSource] = {}
        self.new_quantities: dict[str, dict] = {}
        self.ids: set[str] = set()
        self.date_words = dates.find_date_words(doc.text, doc.day)
        self.estimates = find_estimates(doc.text, [(d.start, d.end) for d in self.date_words])
        self.published = {
            "date": doc.published,
            "precision": doc.precision,
            "words": None,
            "basis": UNDATED,
        }

    def run(self) -> Drafts:
        sentences = split_sentences(self.doc.text)
        self.out.sentences = len(sentences)
        units: list[_Unit] = []
        inside = False
        for start, end in sentences:
            units += self._units(start, end, inside)
            inside = ends_inside_quote(self.doc.text[start:end], inside)
        for unit in units:
            self._own_date(unit)
        for i in range(len(units)):
            self._borrowed_date(units, i)
        for unit in units:
            self._claims(unit)
        self.out.sources = [self._source_stub(s) for s in self.new_sources.values()]
        self.out.quantities = list(self.new_quantities.values())
        return self.out

    def _units(self, start: int, end: int, inside: bool) -> list[_Unit]:
        text = self.doc.text[start:end]
        mask = quote_mask(text, inside)
        found = find_attributions(text, mask, self.index, self.context)
        speakers = [a for a in found if a.role == "speaker" and not a.inner]
        cuts = [0]
        turn = re.search(r",\s+(?:but|although|though|yet)\s+", text)
        if turn and _DOUBT.search(text, turn.end()) and not _DOUBT.search(text[: turn.start()]):
            speakers = [a for a in speakers if a.start < turn.start()]
            cuts.append(turn.start() + 1)  # the doubt after 'but' is a claim of its own
        for a in speakers[1:]:
            if ref_id(a.ref) == ref_id(speakers[0].ref):
                continue
            comma = [m.end() for m in re.finditer(r"[,;][”\"]?\s+", text[: a.start])]
            if comma and comma[-1] > cuts[-1] + 20:
                cuts.append(comma[-1])
        units = []
        for k, cut in enumerate(cuts):
            stop = cuts[k + 1] if k + 1 < len(cuts) else len(text)
            piece = text[cut:stop]
            lead = len(piece) - len(piece.lstrip())
            begin, finish = start + cut + lead, start + cut + len(piece.rstrip())
            mine = [_shift(x, start) for x in found if cut <= x.start < stop]
            units.append(self._unit(begin, finish, mine, inside if k == 0 else mask[cut]))
        return units

    def _unit(self, start: int, end: int, found: list[Attribution], inside: bool) -> _Unit:
        text = self.doc.text[start:end]
        chain = chain_of(found)
        unit = _Unit(start, end, chain, found)
        previous = self.context.recent[-1:] if self.context.recent else []
        opens_quote = inside or text.startswith(("“", '"'))
        if not [a for a in found if not a.inner] and opens_quote and self._last_chain:
            unit.chain = self._last_chain
            unit.continues = True
            unit.why.append("continues the quotation before it")
        for a in found:
            unit.why.append(f"attribution '{a.describe()}'")
        if unit.chain:
            self._last_chain = unit.chain
        elif not opens_quote:
            self._last_chain = []
        self.context.recent += [r for r in unit.chain if r not in previous]
        return unit

    _last_chain: list[Ref] = []

    def _own_date(self, unit: _Unit) -> None:
        """reported: the date words tied to the unit's attribution ('reported on Tuesday',
        'Peskov on Thursday dismissed', 'Last month, Budanov said'), if any."""
        text = self.doc.text
        mask = quote_mask(text[unit.start : unit.end])
        outer = [a for a in unit.attributions if not a.inner]
        for d in self._dates_in(unit):
            if mask[d.start - unit.start]:
                continue
            lead = not re.sub(r"[“\"\s]", "", text[unit.start : d.start])
            tied = any(
                (a.start <= d.start and d.end <= a.verb_start)
                or (d.start >= a.verb_end and _gap_words(text[a.verb_end : d.start]) <= 6)
                and not re.search(r"\bthat\b", text[a.verb_end : d.start])
                for a in outer
            ) or (lead and outer and text[d.end : d.end + 1] == ",")
            if tied:
                unit.reported = self._dateref(d)
                return

    def _borrowed_date(self, units: list[_Unit], i: int) -> None:
        """Else the date of the quotation it continues, or of the same source's words within
        two sentences; else (left None) the article's own date."""
        unit = units[i]
        outer = [a for a in unit.attributions if not a.inner]
        if unit.reported is not None:
            return
        before = units[i - 1].reported if i > 0 else None
        if unit.continues and before:
            unit.reported = {
                **before,
                "basis": "Continues the quotation before it. " + before["basis"],
            }
            unit.inherited = True
            return
        if len(unit.chain) and outer:
            said_by = ref_id(unit.chain[-1])
            near = sorted(range(len(units)), key=lambda j: abs(j - i))
            for j in near[1:]:
                other = units[j]
                if abs(j - i) > 2:
                    break
                same = other.chain and ref_id(other.chain[-1]) == said_by
                if same and other.reported and not other.inherited:
                    unit.reported = dict(other.reported)
                    words = other.reported["words"]
                    unit.reported["basis"] = (
                        f"Assumed the same report as '{words}' said by the same source nearby. "
                        + other.reported["basis"]
                    )
                    unit.inherited = True
                    return

    def _dates_in(self, unit: _Unit) -> list[dates.DateWords]:
        return [d for d in self.date_words if unit.start <= d.start and d.end <= unit.end]

    def _dateref(self, d: dates.DateWords) -> dict:
        basis = d.basis
        if self.doc.day_basis:
            basis += " " + self.doc.day_basis
        return {"date": d.date, "precision": d.precision, "words": d.words, "basis": basis}

    def _claims(self, unit: _Unit) -> None:
        text = self.doc.text
        quote = _quote(text[unit.start : unit.end])
        body = text[unit.start : unit.end]
        mask = quote_mask(body)
        places = find_places(body, self.ds, self.places)
        denial = _DENY.search(body)
        doubt = _DOUBT.search(body)
        estimates = [e for e in self.estimates if unit.start <= e[0] and e[1] <= unit.end]
        dated = self._dates_in(unit)
        why = list(unit.why)
        if dated:
            why.append("date '" + "', '".join(d.words for d in dated) + "'")
        if places:
            why.append("places " + ", ".join(places))
        if denial:
            why.append(f"denial '{denial.group(0)}'")
        elif doubt:
            why.append(f"doubt '{doubt.group(0)}'")
        if not (why or estimates):
            return
        historical = bool(places) and all(
            self.ds.locations[p].theatre == "historical" for p in places
        )
        stance = "denies" if denial else "doubts" if doubt and not estimates else "asserts"
        topic = guess_topic(body, bool(denial), historical)
        chain = [self.doc.outlet, *[r for r in unit.chain if r != self.doc.outlet]]
        for ref in chain:
            if isinstance(ref, NewSource):
                self.new_sources.setdefault(ref.id, ref)
        claim: dict = {
            "id": "",
            "draft": True,
            "why": "",
            "statement": _statement(quote),
            "quote": quote,
            "article": self.doc.id,
            "sources": [ref_id(r) for r in chain],
        }
        via = _VIA.search(body)
        if via and unit.attributions and not mask[via.start() - 0]:
            claim["via"] = via.group(1) or via.group(2)
        claim["stance"] = stance
        if denial:
            content = guess_topic(body[denial.end() :] or body, False, historical)
            claim["answers_where"] = {"topics": [content if content != "denial" else "personnel"]}
        claim["reported"] = unit.reported or dict(self.published)
        events = [d for d in dated if unit.reported is None or d.words != unit.reported["words"]]
        if events:
            claim["event"] = {k: v for k, v in self._dateref(events[0]).items()}
        claim["topic"] = topic
        if places:
            claim["locations"] = places
        found: list[tuple[int, int, wording.Reading] | None] = [*estimates] or [None]
        for estimate in found:
            item = dict(claim)
            reasons = list(why)
            if estimate is not None:
                start, end, reading = estimate
                words = text[start:end]
                quantity, how = self._quantity(reading, start, end, places)
                item["estimate"] = _estimate(reading, words, quantity)
                reasons.insert(0, f"quantity '{words}' ({how})")
            item["id"] = self._id(chain[-1], topic)
            item["why"] = "; ".join(reasons)
            self.out.claims.append(item)

    def _id(self, said_by: Ref, topic: str) -> str:
        base = f"{self.doc.id}-{slugify(ref_id(said_by))}-{topic}"
        name, n = base, 1
        while name in self.ids or name in self.ds.claims:
            n += 1
            name = f"{base}-{n}"
        self.ids.add(name)
        return name

    def _quantity(
        self, reading: wording.Reading, start: int, end: int, places: list[str]
    ) -> tuple[str, str]:
        """A known quantity the words seem to count (rapidfuzz over labels), else a stub."""
        text = self.doc.text
        after = re.findall(r"[\w’'-]+", text[end : end + 80])
        if after[:1] == ["of"]:
            after = after[1:]
        while after[:1] and after[0].lower() in ("the", "a", "an", "its", "their"):
            after = after[1:]
        context = " ".join([*re.findall(r"[\w’'-]+", text[max(0, start - 40) : start]), *after])
        best = _best_quantity(
            context, [q for q in self.ds.quantities.values() if q.unit == reading.unit]
        )
        if best is not None:
            return best, f"quantity '{best}' guessed from its label"
        noun: list[str] = []
        for word in after:
            if word.lower() in _NOT_NOUN or len(noun) == 3:
                break
            noun.append(word)
        if not noun:  # 'about half were defective': the words that follow say of what
            clause = re.split(r"[,.;:!?“”]", text[end : end + 80])[0].split()
            noun = [text[start:end], *clause[:5]]
        label = " ".join(noun)
        if reading.unit == "percent" and len(noun) <= 3:
            label = f"Share of {label}"
        qid = base = slugify(label)
        n = 1
        while qid in self.ds.quantities or (
            qid in self.new_quantities and self.new_quantities[qid]["unit"] != reading.unit
        ):
            n += 1
            qid = f"{base}-{n}"
        historical = bool(places) and all(
            self.ds.locations[p].theatre == "historical" for p in places
        )
        self.new_quantities.setdefault(
            qid,
            {
                "id": qid,
                "label": label[:1].upper() + label[1:],
                "unit": reading.unit,
                "theatre": "historical" if historical else "present",
                "description": f"Drafted from '{text[start:end]}': check the label, theatre "
                "and group (docs/data.md#quantity).",
            },
        )
        return qid, f"new quantity '{qid}'"

    def _source_stub(self, source: NewSource) -> dict:
        stub = {
            "id": source.id,
            "name": source.name,
            "kind": source.kind,
            "country": "not stated",
        }
        if source.affiliation:
            stub["affiliation"] = source.affiliation
        stub["note"] = (
            f"Drafted from the words '{source.words}' in {self.doc.id}: check the name, kind, "
            "country and part_of."
        )
        return stub


def _best_quantity(context: str, quantities: list[Quantity]) -> str | None:
    """The quantity most of whose label words (stems of five letters) the context has, if
    at least four in five; the label with the larger share wins."""
    have = {w[:5] for w in re.findall(r"[a-z0-9]+", context.lower())}
    best: tuple[float, int, str] | None = None
    for quantity in quantities:
        words = [w for w in re.findall(r"[a-z0-9]+", quantity.label.lower()) if w not in _STOP]
        if not words:
            continue
        share = sum(w[:5] in have for w in words) / len(words)
        score = (share, -len(words), quantity.id)
        if share >= 0.8 and (best is None or score[:2] > best[:2]):
            best = score
    return best[2] if best else None


def _shift(a: Attribution, offset: int) -> Attribution:
    return replace(
        a, start=a.start + offset, verb_start=a.verb_start + offset, verb_end=a.verb_end + offset
    )


def _gap_words(text: str) -> int:
    if re.search(r"[.;“”\"]", text):
        return 99
    return len(text.split())


def draft_article(doc: Document, dataset: Dataset) -> Drafts:
    """Draft claims for every sentence of the document that carries something to claim."""
    return _Drafter(doc, dataset).run()


# -- the command -------------------------------------------------------------------------------


class DraftError(Exception):
    """A problem that stops the command: its message, and the exit code (1 or 2)."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def publication_day(article_id: str, date: str, precision: str) -> tuple[dt.date, str]:
    """The day relative words are resolved against, and why. A week or month is narrowed to
    the day in the article's id ('twz-2024-10-15') when that falls inside it, else its first
    day, the earliest the text can have been published."""
    first, last = dates.bounds(date, precision)
    if precision == "day":
        return first, ""
    m = re.search(r"(\d{4}-\d{2}-\d{2})", article_id)
    try:
        named = dt.date.fromisoformat(m.group(1)) if m else None
    except ValueError:
        named = None
    if named and first <= named <= last:
        return named, (
            f"The article is dated to the {precision} of {date}; its id names {named}, "
            "taken as the day of publication."
        )
    return first, (
        f"The article is dated to the {precision} of {date} only; relative words are resolved "
        f"against its first day, {first}."
    )


def read_document(
    article: str, published: dt.date | None, dataset: Dataset, root: Path
) -> Document:
    """The document to draft: an archived article by id, else a UTF-8 text file."""
    if article in dataset.articles:
        meta = dataset.articles[article]
        date, precision = meta.published.date, meta.published.precision
        if published is not None:
            date, precision = published.isoformat(), "day"
        day, basis = publication_day(meta.id, date, precision)
        text = dataset.article_texts[article]
        return Document(meta.id, text, meta.outlet, date, precision, day, basis)
    path = Path(article)
    if not path.is_file():
        known = ", ".join(sorted(dataset.articles)[:6]) or "none"
        raise DraftError(
            f"'{article}' is neither an archived article in {root / 'articles'} (known: {known})"
            " nor a readable file"
        )
    try:
        data = path.read_bytes()
    except OSError as err:
        raise DraftError(f"cannot read {path}: {err.strerror or err}") from err
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise DraftError(
            f"{path} is not UTF-8 (byte {err.start + 1}): save it as UTF-8 and try again"
        ) from err
    named = re.search(r"(\d{4}-\d{2}-\d{2})", path.stem)
    if published is None and named is not None:
        try:
            published = dt.date.fromisoformat(named.group(1))
        except ValueError:
            published = None
    if published is None:
        raise DraftError(f"no publication date for {path}: give --published YYYY-MM-DD", code=2)
    doc_id = slugify(path.stem) if not named else slugify(path.stem.replace(".", "-"))
    outlet = re.sub(r"-?\d{4}-\d{2}-\d{2}.*$", "", doc_id) or "outlet"
    return Document(doc_id, text, outlet, published.isoformat(), "day", published, "")


def run_draft(args: argparse.Namespace) -> int:
    """`nktracker draft ARTICLE [--published DATE] [--out FILE] [--data DIR]`."""
    root = data_dir(args.data)
    dataset, problems = load_dataset(root)
    try:
        doc = read_document(args.article, args.published, dataset, root)
    except DraftError as err:
        print(clean(f"nktracker draft: {err}"), file=sys.stderr)
        return err.code
    drafts = draft_article(doc, dataset)
    if doc.outlet not in dataset.sources:
        drafts.sources.insert(0, _outlet_stub(doc))
    header = (
        f"# Draft claims proposed by `nktracker draft` from {args.article}. Schema: docs/data.md\n"
        "# Nothing here has been reviewed: `nktracker check` refuses `draft: true`. Review each\n"
        "# claim (statement, quote, sources, dates, estimate, topic), remove `draft: true`, and\n"
        "# move it into claims.yaml; new sources go into sources.yaml, new quantities into\n"
        "# claims.yaml.\n"
    )
    text = header + to_yaml(drafts.document())
    if args.out is not None:
        try:
            args.out.write_text(text, encoding="utf-8")
        except OSError as err:
            print(
                f"nktracker draft: cannot write {args.out}: {err.strerror or err}", file=sys.stderr
            )
            return 1
    else:
        sys.stdout.write(text)
    note = f" (the data has {len(problems)} problem(s): run nktracker check)" if problems else ""
    print(
        f"{len(drafts.claims)} draft claim(s) from {drafts.sentences} sentence(s), "
        f"{len(drafts.sources)} new source(s), {len(drafts.quantities)} new quantity(ies){note}",
        file=sys.stderr,
    )
    return 0


def _outlet_stub(doc: Document) -> dict:
    return {
        "id": doc.outlet,
        "name": doc.outlet,
        "kind": "media",
        "country": "not stated",
        "note": f"The publishing outlet, guessed from the file name of {doc.id}: check it.",
    }
