"""Cross-file checks over loaded records -> list of Problem (references, dates, quotes, ranges)."""

from __future__ import annotations

import difflib
import re

from nktracker import dates, estimates, wording
from nktracker.links import is_web_url
from nktracker.model import HEX_COLOUR, Background, Dataset, DateRef
from nktracker.parse import Parsed
from nktracker.problems import Problem

_SPACE = re.compile(r"\s+")


def normalise_space(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


class _Checker:
    def __init__(self, dataset: Dataset, files: dict[str, Parsed]):
        self.ds = dataset
        self.files = files
        self.problems: list[Problem] = []
        # Records that cannot be placed in time (a date that does not parse): reported, then
        # left out, since every page sorts, filters and draws by date.
        self.undated: dict[str, set[str]] = {
            "claims": set(),
            "deployments": set(),
            "articles": set(),
        }
        self.index = {
            "sources": self._ids("sources.yaml", "sources"),
            "quantities": self._ids("claims.yaml", "quantities"),
            "claims": self._ids("claims.yaml", "claims"),
            "deployments": self._ids("deployments.yaml", "deployments"),
            "regions": self._ids("regions.yaml", "regions"),
        }
        self.raw_ids: dict[str, set[str] | None] = {
            "source": self._raw("sources.yaml", "sources"),
            "quantity": self._raw("claims.yaml", "quantities"),
            "claim": self._raw("claims.yaml", "claims"),
            "location": self._raw_locations(),
            "article": set(dataset.articles) | self._raw_articles(),
        }

    def _raw(self, name: str, key: str) -> set[str] | None:
        """Ids written in the file, valid or not; None when the list itself did not load."""
        parsed = self.files.get(name)
        value = parsed.value if parsed is not None else None
        if not isinstance(value, dict) or not isinstance(value.get(key), list):
            return None
        return set(self._ids(name, key))

    def _raw_locations(self) -> set[str] | None:
        parsed = self.files.get("locations.geojson")
        if parsed is None or not isinstance(parsed.value, dict):
            return None
        features = parsed.value.get("features")
        out = set()
        for feature in features if isinstance(features, list) else []:
            props = feature.get("properties") if isinstance(feature, dict) else None
            if isinstance(props, dict) and isinstance(props.get("id"), str):
                out.add(props["id"])
        return out

    def _raw_articles(self) -> set[str]:
        return {
            p.value["id"]
            for name, p in self.files.items()
            if name.startswith("articles/")
            and isinstance(p.value, dict)
            and isinstance(p.value.get("id"), str)
        }

    def _ids(self, name: str, key: str) -> dict[str, int]:
        value = self.files.get(name, Parsed(name)).value
        items = value.get(key) if isinstance(value, dict) else None
        out: dict[str, int] = {}
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                out.setdefault(item["id"], i)
        return out

    def add(self, name: str, path: tuple, code: str, message: str, fix: str = "") -> None:
        parsed = self.files.get(name) or Parsed(name)
        self.problems.append(parsed.problem(path, code, message, fix))

    def ref(self, name, path, kind, ref_id, known: dict) -> None:
        # A reference to a record that exists but was left out for its own problem, or into a
        # file that did not load, is not reported again: the first problem says what to fix.
        raw = self.raw_ids.get(kind)
        if raw is None or (ref_id in raw and ref_id not in known):
            return
        if ref_id not in known:
            sample = ", ".join(sorted(known)[:6]) + (", ..." if len(known) > 6 else "")
            hint = _did_you_mean(ref_id, known)
            self.add(
                name,
                path,
                "unknown-ref",
                f"unknown {kind} '{ref_id}'{hint} (known: {sample or 'none'})",
                f"add it to the {kind}s or correct the id",
            )

    def url(self, name, path, url: str | None) -> None:
        if url is not None and not is_web_url(url):
            self.add(
                name,
                path,
                "url",
                f"URL must start with http:// or https:// and name a host (got {url!r})",
                "use the web address, or leave the field out",
            )

    def date(self, name, path, text, precision=None) -> bool:
        error = dates.check_date(text, precision)
        if error:
            self.add(name, path, "date", error, "write an ISO date that exists")
            return False
        return True

    def dateref(self, name, path, ref: DateRef | None) -> bool:
        """Check a date with its precision; False when it cannot be read."""
        if ref is None:
            return True
        ok = self.date(name, (*path, "date"), ref.date, ref.precision)
        self.background(name, (*path, "background"), ref.background)
        return ok

    def background(self, name, path, bg: Background | None) -> None:
        if bg is None:
            return
        if bg.date is not None:
            self.date(name, (*path, "date"), bg.date)
        for i, reference in enumerate(bg.references):
            self.url(name, (*path, "references", i, "url"), reference.url)
            if reference.accessed is not None:
                self.date(name, (*path, "references", i, "accessed"), reference.accessed)


def validate_dataset(
    dataset: Dataset, files: dict[str, Parsed], complete: bool = True
) -> list[Problem]:
    """Every cross-record problem at once: references both ways, dates, quotes, estimates, URLs.

    `complete` is False when some record or file did not load; then nothing is called unused,
    since the record that used it may be the one left out. Records whose dates cannot be read
    are reported and then left out of the dataset (and counted in `left_out`).
    """
    check = _Checker(dataset, files)
    _check_articles(check)
    _check_sources(check)
    _check_claims(check)
    _check_deployments(check)
    _check_locations(check)
    _check_regions(check, complete)
    if complete:
        _check_unused(check)
    _leave_out_undated(dataset, check.undated)
    # an unreviewed draft is reported and left out too: no page shows it as a curated claim
    _leave_out_undated(dataset, {"claims": {c.id for c in dataset.claims.values() if c.draft}})
    return check.problems


def _leave_out_undated(dataset: Dataset, undated: dict[str, set[str]]) -> None:
    for kind, ids in undated.items():
        records = getattr(dataset, kind)
        for record_id in ids:
            records.pop(record_id, None)
            if kind == "articles":
                dataset.article_texts.pop(record_id, None)
        if ids:
            dataset.left_out[kind] = dataset.left_out.get(kind, 0) + len(ids)


def _article_file(check: _Checker, article_id: str) -> str:
    for name, parsed in check.files.items():
        if name.startswith("articles/") and isinstance(parsed.value, dict):
            if parsed.value.get("id") == article_id:
                return name
    return "articles"


def _check_articles(check: _Checker) -> None:
    for article in check.ds.articles.values():
        name = _article_file(check, article.id)
        check.ref(name, ("outlet",), "source", article.outlet, check.ds.sources)
        check.url(name, ("url",), article.url)
        if not check.dateref(name, ("published",), article.published):
            check.undated["articles"].add(article.id)
        check.date(name, ("archived",), article.archived)
        if article.accessed is not None:
            check.date(name, ("accessed",), article.accessed)
        check.background(name, ("background",), article.background)


def _check_sources(check: _Checker) -> None:
    for source in check.ds.sources.values():
        i = check.index["sources"][source.id]
        check.url("sources.yaml", ("sources", i, "url"), source.url)
        if source.part_of is not None:
            at = ("sources", i, "part_of")
            check.ref("sources.yaml", at, "source", source.part_of, check.ds.sources)
            if _part_of_loops(check.ds, source.id):
                check.add(
                    "sources.yaml",
                    at,
                    "invalid-value",
                    f"part_of leads back to '{source.id}' (a loop)",
                    "point part_of at the body the source belongs to, never at itself",
                )


def _part_of_loops(ds: Dataset, source_id: str) -> bool:
    seen: set[str] = set()
    current: str | None = source_id
    while current is not None and current in ds.sources:
        if current in seen:
            return current == source_id
        seen.add(current)
        current = ds.sources[current].part_of
    return False


def _check_claims(check: _Checker) -> None:
    ds = check.ds
    texts = {key: normalise_space(text) for key, text in ds.article_texts.items()}
    for claim in ds.claims.values():
        at = ("claims", check.index["claims"][claim.id])
        name = "claims.yaml"
        if claim.draft:
            check.add(
                name,
                (*at, "draft"),
                "draft",
                f"claim '{claim.id}' is a draft proposed by `nktracker draft` and not reviewed",
                "remove `draft: true` after reviewing the claim",
            )
        for j, source_id in enumerate(claim.sources):
            check.ref(name, (*at, "sources", j), "source", source_id, ds.sources)
        for j, loc in enumerate(claim.locations):
            check.ref(name, (*at, "locations", j), "location", loc, ds.locations)
        for j, other in enumerate(claim.answers):
            check.ref(name, (*at, "answers", j), "claim", other, ds.claims)
            if other == claim.id:
                check.add(
                    name,
                    (*at, "answers", j),
                    "invalid-value",
                    "a claim cannot answer itself",
                    "name the claim this one denies or doubts",
                )
        if claim.originator is not None:
            origin = (*at, "originator")
            check.ref(name, (*origin, "source"), "source", claim.originator.source, ds.sources)
            check.background(name, (*origin, "background"), claim.originator.background)
        if claim.answers_where is not None:
            _check_selector(check, at, claim)
        if claim.stance == "denies" and not (claim.answers or claim.answers_where):
            check.add(
                name,
                (*at, "answers"),
                "missing-field",
                "a denial must name the claim(s) it answers",
                "add 'answers: [claim-id]'",
            )
        reported_ok = check.dateref(name, (*at, "reported"), claim.reported)
        if not (reported_ok and check.dateref(name, (*at, "event"), claim.event)):
            check.undated["claims"].add(claim.id)
        if claim.article not in ds.articles:
            check.ref(name, (*at, "article"), "article", claim.article, ds.articles)
        else:
            _check_quote(check, at, claim, texts[claim.article])
            _check_reported_before(check, at, claim)
        if claim.estimate is not None:
            _check_estimate(check, at, claim)


def _check_selector(check: _Checker, at: tuple, claim) -> None:
    where = (*at, "answers_where")
    selector = claim.answers_where
    if claim.stance not in ("denies", "doubts"):
        check.add(
            "claims.yaml",
            where,
            "invalid-value",
            f"only a denial or a doubt answers other claims (stance is '{claim.stance}')",
            "remove answers_where, or set stance: denies or doubts",
        )
    for j, quantity in enumerate(selector.quantities):
        check.ref(
            "claims.yaml", (*where, "quantities", j), "quantity", quantity, check.ds.quantities
        )
    groups = {q.group for q in check.ds.quantities.values() if q.group}
    for j, group in enumerate(selector.quantity_groups):
        if group not in groups:
            check.add(
                "claims.yaml",
                (*where, "quantity_groups", j),
                "unknown-ref",
                f"unknown quantity group '{group}' (known: {', '.join(sorted(groups)) or 'none'})",
                "use the group of a quantity in claims.yaml",
            )


def _check_quote(check: _Checker, at, claim, text: str) -> None:
    departure = quote_departure(normalise_space(claim.quote), text, f"article '{claim.article}'")
    if departure is not None:
        check.add(
            "claims.yaml",
            (*at, "quote"),
            "not-verbatim",
            departure,
            "copy the words exactly from the archived text (same quotes and apostrophes); "
            "mark a cut with '…'",
        )
    _check_hedges(check, at, claim)


def _did_you_mean(ref_id: str, known) -> str:
    """Say ": did you mean 'liga'?" when known ids are close to the unknown one."""
    close = difflib.get_close_matches(ref_id, [str(k) for k in known], n=3)
    if not close:
        return ""
    return ": did you mean " + " or ".join(f"'{c}'" for c in close) + "?"


# A quote may leave words out with an ellipsis; each piece must then be in the text, in order.
_ELLIPSIS = re.compile(r"…|\.\.\.")


def quote_departure(quote: str, text: str, name: str = "the article") -> str | None:
    """None when the quote (whitespace-normalised) is verbatim in the text, each piece between
    ellipses in order; else where it departs from the closest passage of the text (`name`):
    "quote departs from the article at character 23: '…branded it' vs the article's '…called it'".
    """
    pos = start = 0
    for cut in [*_ELLIPSIS.finditer(quote), None]:
        end = cut.start() if cut else len(quote)
        piece = quote[start:end]
        offset = start + len(piece) - len(piece.lstrip())
        piece = piece.strip()
        start = cut.end() if cut else len(quote)
        if not piece:
            continue
        found = text.find(piece, pos)
        if found < 0:
            return _departure(piece, offset, text, pos, name)
        pos = found + len(piece)
    return None


def _departure(piece: str, offset: int, text: str, pos: int, name: str) -> str:
    """Where a piece of a quote (at offset in the quote) departs from the text after pos."""
    # The closest passage is where the longest start of the piece occurs: grow it while found.
    low, high = 0, len(piece)  # a start of `low` characters is in the text, of `high + 1` not
    while low < high:
        mid = (low + high + 1) // 2
        if text.find(piece[:mid], pos) >= 0:
            low = mid
        else:
            high = mid - 1
    # Else the longest passage the piece shares with the text, when that says more (only then:
    # matching against a whole article is the slow part).
    long_start = low >= min(12, len(piece) // 2)
    block = (
        None
        if long_start
        else difflib.SequenceMatcher(None, text, piece, autojunk=False).find_longest_match(
            pos, len(text), 0, len(piece)
        )
    )
    if block is None or (low >= 4 and block.size < 12):
        at = text.find(piece[:low], pos)
        word = piece.rfind(" ", 0, low) + 1  # show whole words from the one that departs
        ours = _words(piece, word)
        theirs = _words(text, at + word) or "(the end of the article)"
        return (
            f"quote departs from {name} at character {offset + low + 1}: "
            f"'{'…' if offset + word else ''}{ours}' vs the article's '…{theirs}'"
        )
    if block is None or block.size < 12:
        if pos and piece in text:
            return (
                f"quote is not verbatim in {name}: the piece at character {offset + 1} "
                f"({piece[:40]!r}) comes before the piece ahead of it, and the pieces "
                "around '…' must keep the article's order"
            )
        return f"quote is not verbatim in {name}: {piece[:60]!r} is nowhere in it"
    start = text.rfind(" ", 0, max(block.a - 1, 0)) + 1
    return (
        f"quote departs from {name} at character {offset + 1}: "
        f"'{_words(piece, 0)}' vs the article's '…{_words(text, start)}'"
    )


def _words(text: str, start: int, count: int = 2) -> str:
    return " ".join(text[start:].split(" ")[:count]).strip()


def _check_hedges(check: _Checker, at, claim) -> None:
    dropped = wording.dropped_hedges(claim.quote, claim.statement)
    if not dropped:
        return
    names = ", ".join(f"'{marker}'" for marker, _, _ in dropped)
    _, start, end = dropped[0]
    example = wording.hedge_example(claim.quote, start, end)
    check.add(
        "claims.yaml",
        (*at, "statement"),
        "hedge-dropped",
        f"statement drops the quote's hedge{'s' if len(dropped) > 1 else ''} {names}",
        f'keep the hedge in the statement, e.g. "{normalise_space(example)}"',
    )


def _check_reported_before(check: _Checker, at, claim) -> None:
    article = check.ds.articles[claim.article]
    if dates.check_date(claim.reported.date, claim.reported.precision):
        return
    if dates.check_date(article.published.date, article.published.precision):
        return
    first, _ = dates.bounds(claim.reported.date, claim.reported.precision)
    _, last = dates.bounds(article.published.date, article.published.precision)
    if first > last:
        check.add(
            "claims.yaml",
            (*at, "reported", "date"),
            "date",
            f"reported {claim.reported.date} is after the article was published "
            f"({article.published.date})",
            "resolve relative words ('last week') against the article's date",
        )


def _check_estimate(check: _Checker, at, claim) -> None:
    est = claim.estimate
    where = (*at, "estimate")
    check.ref("claims.yaml", (*where, "quantity"), "quantity", est.quantity, check.ds.quantities)
    quantity = check.ds.quantities.get(est.quantity)
    if quantity is not None and quantity.unit != est.unit:
        check.add(
            "claims.yaml",
            (*where, "unit"),
            "invalid-value",
            f"unit '{est.unit}' differs from quantity '{quantity.id}' ({quantity.unit})",
            f"use '{quantity.unit}'",
        )
    values = [v for v in (est.low, est.best, est.high) if v is not None]
    if values != sorted(values):
        check.add(
            "claims.yaml",
            where,
            "estimate-order",
            f"need low <= best <= high (got low={est.low}, best={est.best}, high={est.high})",
            "swap the values or fix the typo",
        )
        return
    rule = estimates.check_rule(est.qualifier, est.low, est.best, est.high, est.unit)
    if rule:
        check.add(
            "claims.yaml",
            where,
            "estimate-rule",
            rule,
            "apply the rule for vague quantities in docs/data.md",
        )
    else:
        _check_words(check, where, est)
    if normalise_space(est.words) not in normalise_space(claim.quote):
        check.add(
            "claims.yaml",
            (*where, "words"),
            "not-verbatim",
            f"the estimate's words {est.words!r} are not in the claim's quote",
            "copy the number's words exactly from the quote",
        )


def _check_words(check: _Checker, where: tuple, est) -> None:
    """The estimate agrees with its own words: the qualifier they imply, the range the rule
    gives for the number(s) read, and the unit. Words the reader cannot read pass."""
    reading = wording.read_quantity(est.words)
    if reading is None:
        return
    try:
        expected = estimates.range_for(reading.qualifier, reading.n, reading.unit, reading.n2)
    except ValueError:
        return
    got = estimates.Range(est.low, est.best, est.high)
    if (reading.qualifier, reading.unit, expected) == (est.qualifier, est.unit, got):
        return
    want: list[str] = []
    have: list[str] = []
    if reading.qualifier != est.qualifier:
        want.append(f"qualifier {reading.qualifier}")
        have.append(f"qualifier {est.qualifier}")
    if reading.unit != est.unit:
        want.append(f"unit {reading.unit}")
        have.append(f"unit {est.unit}")
    for field, value, stored in zip(
        ("low", "best", "high"),
        (expected.low, expected.best, expected.high),
        (est.low, est.best, est.high),
        strict=True,
    ):
        want.append(f"{field}={_num(value)}")
        have.append(f"{field}={_num(stored)}")
    check.add(
        "claims.yaml",
        where,
        "estimate-words",
        f"words {est.words!r} read as {reading.describe()}: expected {', '.join(want)} "
        f"(got {', '.join(have)})",
        "correct the numbers or the words (docs/data.md#the-rule-for-vague-quantities)",
    )


def _num(value: float | None) -> str:
    """7200.0 -> '7200', 0.5 -> '0.5', None -> 'null'."""
    if value is None:
        return "null"
    return str(int(value)) if value == int(value) else str(value)


def _check_deployments(check: _Checker) -> None:
    ds = check.ds
    for dep in ds.deployments.values():
        at = ("deployments", check.index["deployments"][dep.id])
        name = "deployments.yaml"
        for j, loc in enumerate(dep.locations):
            check.ref(name, (*at, "locations", j), "location", loc, ds.locations)
        for j, claim_id in enumerate(dep.claims):
            check.ref(name, (*at, "claims", j), "claim", claim_id, ds.claims)
        good = [
            check.date(name, (*at, key), value)
            for key, value in (("start", dep.start), ("end", dep.end))
            if value is not None
        ]
        if not all(good):
            check.undated["deployments"].add(dep.id)
        elif dep.start and dep.end:
            if dates.bounds(dep.start)[0] > dates.bounds(dep.end)[1]:
                check.add(
                    name,
                    (*at, "end"),
                    "date",
                    f"end {dep.end} is before start {dep.start}",
                    "swap the years or correct the typo",
                )
        if (dep.start or dep.end) and dep.background is None:
            check.add(
                name,
                (*at, "background"),
                "missing-field",
                "years are not in the article: they need a background block with references",
                "add 'background: {note: ..., references: [{title: ..., url: ...}]}'",
            )
        check.background(name, (*at, "background"), dep.background)


def _check_locations(check: _Checker) -> None:
    for location in check.ds.locations.values():
        if location.part_of is not None:
            i = _feature_index(check, location.id)
            check.ref(
                "locations.geojson",
                ("features", i, "properties", "part_of"),
                "location",
                location.part_of,
                check.ds.locations,
            )
    parsed = check.files.get("locations.geojson")
    if parsed is None or not isinstance(parsed.value, dict):
        return
    for i, feature in enumerate(parsed.value.get("features") or []):
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict):
            continue
        for key in ("coordinate_source", "geometry_source"):
            block = props.get(key)
            if isinstance(block, dict) and isinstance(block.get("url"), str):
                check.url(
                    "locations.geojson",
                    ("features", i, "properties", key, "url"),
                    block["url"],
                )


def _check_regions(check: _Checker, complete: bool) -> None:
    """Region colours and labels; every place's region is a label in regions.yaml (did you mean
    ...?), and every region is named by some place. Skipped when regions.yaml did not load: its
    own problem says what to fix, and the loader took the regions from the places."""
    parsed = check.files.get("regions.yaml")
    items = parsed.value.get("regions") if parsed and isinstance(parsed.value, dict) else None
    if not isinstance(items, list):
        return
    written = {  # labels and ids in the file, valid or not: no second problem for a bad record
        str(item.get(key))
        for item in items
        if isinstance(item, dict)
        for key in ("label", "id")
        if isinstance(item.get(key), str)
    }
    by_label: dict[str, str] = {}
    for i, item in enumerate(items):
        region_id = item.get("id") if isinstance(item, dict) else None
        region = check.ds.regions.get(region_id) if isinstance(region_id, str) else None
        if region is None or check.index["regions"].get(region.id) != i:
            continue
        if region.colour is not None and not re.fullmatch(HEX_COLOUR, region.colour):
            check.add(
                "regions.yaml",
                ("regions", i, "colour"),
                "invalid-value",
                f"'colour' must be a hex colour like '#D55E00' (got {region.colour!r})",
                "write #RRGGBB in quotes, or leave the colour out to have one picked",
            )
        if region.label in by_label:
            check.add(
                "regions.yaml",
                ("regions", i, "label"),
                "duplicate-id",
                f"label '{region.label}' is already the label of region '{by_label[region.label]}'",
                "give each region its own label",
            )
        by_label.setdefault(region.label, region.id)
    labels_of = {r.id: r.label for r in check.ds.regions.values()}
    left_out = written - set(labels_of) - set(by_label)
    unknown = False
    for location in check.ds.locations.values():
        if location.region in by_label or location.region in left_out:
            continue
        if location.region in labels_of:
            hint = f": '{location.region}' is a region id, did you mean its label "
            hint += f"'{labels_of[location.region]}'?"
        else:
            hint = _did_you_mean_label(location.region, by_label)
        unknown = True
        known = ", ".join(f"'{label}'" for label in list(by_label)[:6]) or "none"
        known += ", ..." if len(by_label) > 6 else ""
        check.add(
            "locations.geojson",
            ("features", _feature_index(check, location.id), "properties", "region"),
            "unknown-ref",
            f"unknown region '{location.region}'{hint} (known: {known})",
            "use a region's label from regions.yaml, or add the region there (docs/data.md#region)",
        )
    if not complete or unknown:  # a misspelt region is not a reason to remove the right one
        return
    named = {location.region for location in check.ds.locations.values()}
    for label, region_id in by_label.items():
        if label not in named:
            check.add(
                "regions.yaml",
                ("regions", check.index["regions"][region_id], "id"),
                "unused",
                f"region '{region_id}' ('{label}') is not the region of any place",
                "name it in a place's region in locations.geojson, or remove it",
            )


def _did_you_mean_label(value: str, labels) -> str:
    """Like _did_you_mean, for labels: whatever the case, and 'Kursk' suggests 'Kursk region'."""
    folded = {str(label).casefold(): str(label) for label in labels}
    close = [folded[c] for c in difflib.get_close_matches(value.casefold(), list(folded), n=3)] + [
        label
        for key, label in folded.items()
        if value.strip() and (value.casefold() in key or key in value.casefold())
    ]
    close = list(dict.fromkeys(close))[:3]
    return ": did you mean " + " or ".join(f"'{c}'" for c in close) + "?" if close else ""


def _check_unused(check: _Checker) -> None:
    ds = check.ds
    used_sources = {s for c in ds.claims.values() for s in c.sources}
    used_sources |= {a.outlet for a in ds.articles.values()}
    used_sources |= {c.originator.source for c in ds.claims.values() if c.originator}
    # A body is used when a source that belongs to it is (an agency behind its spokesman).
    while True:
        bodies = {s.part_of for s in ds.sources.values() if s.part_of and s.id in used_sources}
        if bodies <= used_sources:
            break
        used_sources |= bodies
    used_locations = {loc for c in ds.claims.values() for loc in c.locations}
    used_locations |= {loc for d in ds.deployments.values() for loc in d.locations}
    # A part (an oblast of the occupied area) is used when the whole it belongs to is used.
    used_locations |= {loc.id for loc in ds.locations.values() if loc.part_of in used_locations}
    used_quantities = {c.estimate.quantity for c in ds.claims.values() if c.estimate}
    for source_id, i in check.index["sources"].items():
        if source_id in ds.sources and source_id not in used_sources:
            check.add(
                "sources.yaml",
                ("sources", i, "id"),
                "unused",
                f"source '{source_id}' is not cited by any claim or article",
                "cite it in a claim's sources or remove it",
            )
    for quantity_id, i in check.index["quantities"].items():
        if quantity_id in ds.quantities and quantity_id not in used_quantities:
            check.add(
                "claims.yaml",
                ("quantities", i, "id"),
                "unused",
                f"quantity '{quantity_id}' is not used by any estimate",
                "use it in an estimate or remove it",
            )
    parsed = check.files.get("locations.geojson")
    features = parsed.value.get("features") if parsed and isinstance(parsed.value, dict) else []
    for i, feature in enumerate(features if isinstance(features, list) else []):
        props = feature.get("properties") if isinstance(feature, dict) else None
        loc_id = props.get("id") if isinstance(props, dict) else None
        if loc_id in ds.locations and loc_id not in used_locations:
            check.add(
                "locations.geojson",
                ("features", i, "properties", "id"),
                "unused",
                f"location '{loc_id}' is not referred to by any claim or deployment",
                "refer to it or remove the feature",
            )
    used_articles = {c.article for c in ds.claims.values()}
    for article_id in ds.articles:
        if article_id not in used_articles:
            check.add(
                _article_file(check, article_id),
                ("id",),
                "unused",
                f"article '{article_id}' has no claims",
                "curate its claims into claims.yaml or remove it",
            )


def _feature_index(check: _Checker, location_id: str) -> int:
    parsed = check.files.get("locations.geojson")
    features = parsed.value.get("features", []) if parsed and isinstance(parsed.value, dict) else []
    for i, feature in enumerate(features):
        props = feature.get("properties") if isinstance(feature, dict) else None
        if isinstance(props, dict) and props.get("id") == location_id:
            return i
    return 0
