"""The records: Article, Source, Quantity, Claim, Estimate, Location, Region, Deployment."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
HEX_COLOUR = r"#[0-9A-Fa-f]{6}"  # a region's colour, '#D55E00'
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]

SOURCE_KINDS = (
    "media",
    "government",
    "official",
    "military",
    "intelligence",
    "prosecutor",
    "analyst",
    "legislation",
    "anonymous",
)
STANCES = ("asserts", "denies", "doubts")
PRECISIONS = ("day", "week", "month", "year")
QUALIFIERS = (
    "exact",
    "about",
    "up-to",
    "less-than",
    "more-than",
    "a-number-of",
    "dozens",
    "thousands",
    "span",
    "at-least",
    "tens-of-thousands",
    "hundreds",
    "a-couple-of",
)
TOPICS = (
    "personnel",
    "units",
    "deployment-location",
    "training",
    "timing",
    "officers",
    "missiles",
    "combat",
    "casualties",
    "desertion",
    "language",
    "treaty",
    "legislation",
    "summit",
    "arms-deal",
    "alliance",
    "motives",
    "losses",
    "mobilization",
    "denial",
    "history",
    "sanctions",
)
LOCATION_KINDS = (
    "town",
    "city",
    "capital",
    "region",
    "country",
    "theatre",
    "oblast-partly-occupied",
    "oblast-occupied",
)


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Identified(Record):
    """A record other records refer to by its id."""

    id: Slug


class Reference(Record):
    """A public reference for a background fact (not from the article)."""

    title: Text
    url: Text
    publisher: str | None = None
    accessed: str | None = None
    excerpt: str | None = None


class Background(Record):
    """Marks facts that the article does not state, with the references they come from."""

    note: Text
    references: list[Reference] = Field(min_length=1)
    date: str | None = None


class DateRef(Record):
    """A date as reported: ISO string, its precision, and the original words."""

    date: Text
    precision: Literal["day", "week", "month", "year"]
    words: str | None = None
    basis: str | None = None
    background: Background | None = None


class Article(Identified):
    """An archived source document kept in data/articles/."""

    file: Text
    title: str | None = None
    title_basis: str | None = None
    outlet: Slug
    author: str | None = None
    author_basis: str | None = None
    published: DateRef
    url: str | None = None
    accessed: str | None = None
    archived: Text
    language: Text = "en"
    note: str | None = None
    background: Background | None = None


class Source(Identified):
    """Someone who says or relays something: an outlet, an official, an agency, a document."""

    name: Text
    kind: Literal[SOURCE_KINDS]  # type: ignore[valid-type]
    country: Text
    affiliation: str | None = None
    aliases: list[str] = []
    url: str | None = None
    part_of: Slug | None = None
    note: str | None = None


class Quantity(Identified):
    """Something the claims count: personnel in a unit, a share, a loss."""

    label: Text
    unit: Literal["people", "percent"]
    theatre: Literal["present", "historical"]
    group: Slug | None = None
    side: Slug | None = None  # whose people it counts: sides are charted apart
    description: str | None = None


class Estimate(Record):
    """A quantity as stated, turned into a range by the rule in nktracker.estimates."""

    quantity: Slug
    low: float | None
    best: float | None = None
    high: float | None
    unit: Literal["people", "percent"]
    qualifier: Literal[QUALIFIERS]  # type: ignore[valid-type]
    words: Text


class Originator(Record):
    """Who stands behind the last link of a chain when the article does not say: an outlet's
    own source ("citing an interlocutor in military intelligence"), always background."""

    source: Slug
    background: Background


class Selector(Record):
    """Claims a denial or doubt answers beyond those it names: every claim on one of these
    topics, quantities or quantity groups, reported before or after it."""

    topics: list[Literal[TOPICS]] = []  # type: ignore[valid-type]
    quantities: list[Slug] = []
    quantity_groups: list[Slug] = []


class Claim(Identified):
    """One atomic claim, its verbatim quote and who stands behind it."""

    statement: Text
    quote: Text
    article: Slug
    sources: list[Slug] = Field(min_length=1)
    via: str | None = None
    stance: Literal[STANCES]  # type: ignore[valid-type]
    answers: list[Slug] = []
    answers_where: Selector | None = None
    originator: Originator | None = None
    reported: DateRef
    event: DateRef | None = None
    topic: Literal[TOPICS]  # type: ignore[valid-type]
    locations: list[Slug] = []
    estimate: Estimate | None = None
    note: str | None = None
    # Proposed by `nktracker draft` and not yet reviewed: `check` refuses it until a curator
    # removes the flag. `why` says what in the sentence made the drafter propose it.
    draft: bool = False
    why: str | None = None

    @property
    def said_by(self) -> str:
        """The source that originates the claim: the last link of the reporting chain."""
        return self.sources[-1]

    @property
    def published_by(self) -> str:
        return self.sources[0]

    @property
    def relayed_by(self) -> list[str]:
        return self.sources[1:-1]


class Location(Identified):
    """A place from data/locations.geojson, with a label point for maps."""

    name: Text
    kind: Literal[LOCATION_KINDS]  # type: ignore[valid-type]
    country: Text
    region: Text  # the label of a region in data/regions.yaml (checked in validate.py)
    theatre: Literal["present", "historical", "none"]
    lon: float
    lat: float
    geometry_type: Literal["Point", "Polygon", "MultiPolygon"]
    geometry: dict
    coordinate_source: dict | None = None
    geometry_source: dict | None = None
    background: bool = True
    part_of: Slug | None = None
    note: str | None = None


class Region(Identified):
    """A filter region from data/regions.yaml: locations name it by its label."""

    label: Text
    colour: str | None = None  # "#RRGGBB"; when absent, style.region_colors picks one


class Deployment(Identified):
    """One North Korean deployment abroad, with years as background and claims behind it."""

    theatre: Text
    conflict: Text
    ally: Text
    opponent: Text
    sent: list[
        Literal[
            "pilots",
            "trainers",
            "troops",
            "advisors",
            "officers",
            "launcher-support",
            "construction-workers",
            "military-assistance",
        ]
    ] = Field(min_length=1)
    sent_words: Text
    era: Literal["cold-war", "post-cold-war", "present"]
    status: Literal["reported", "alleged", "unconfirmed"] = "reported"
    locations: list[Slug] = Field(min_length=1)
    start: str | None = None
    end: str | None = None
    ongoing: bool = False
    approximate: bool = False
    claims: list[Slug] = Field(min_length=1)
    background: Background | None = None
    note: str | None = None


@dataclass(eq=False)  # compared and hashed by identity: derived indexes are cached per dataset
class Dataset:
    """Everything that loaded and validated; records left out for problems are counted."""

    articles: dict[str, Article] = field(default_factory=dict)
    article_texts: dict[str, str] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    quantities: dict[str, Quantity] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    locations: dict[str, Location] = field(default_factory=dict)
    deployments: dict[str, Deployment] = field(default_factory=dict)
    regions: dict[str, Region] = field(default_factory=dict)
    left_out: dict[str, int] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {
            "sources": len(self.sources),
            "claims": len(self.claims),
            "deployments": len(self.deployments),
            "locations": len(self.locations),
            "articles": len(self.articles),
        }

    def summary(self) -> str:
        return ", ".join(f"{n} {name}" for name, n in self.counts().items())
