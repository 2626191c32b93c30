"""The facts `kg` extracts: plain frozen dataclasses that know nothing of spaCy or RDF.

Every fact holds character offsets into its article's text (Python string indices, end
exclusive), never spaCy tokens, so a fact outlives the parse it came from.

>>> s = Span(4, 9)
>>> "The Kurds said".__getitem__(slice(*s))
'Kurds'
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

__all__ = ["Span", "Article", "Actor", "Location", "Estimate", "Statement", "Facts",
           "ACTOR_TYPES", "QUALIFIERS"]

ACTOR_TYPES = ("Person", "Organization", "Group", "Country", "Other")
QUALIFIERS = ("exact", "approximately", "lessThan", "atMost", "moreThan", "atLeast",
              "range", "increase", "decrease")


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` in an article's text."""

    start: int
    end: int

    def __iter__(self):
        yield self.start
        yield self.end

    def __contains__(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Article:
    """One input document.

    >>> Article(id="a1", text="Hello.").sha256[:12]
    '2d8bd7d9bb5f'
    """

    id: str
    text: str
    title: str | None = None
    date: dt.date | None = None
    source: str | None = None
    url: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Actor:
    """A person, organisation, armed group or state, merged over its mentions in one article.

    ``key`` is stable across articles ("isis" for ISIS, IS and Daesh alike); IRIs are
    minted from it in :mod:`kg.rdf`.
    """

    key: str
    name: str
    type: str
    mentions: tuple[Span, ...]
    aliases: tuple[str, ...] = ()
    # Why a mention joined this actor, for the mentions that are not its plain name:
    # (span, rule) with rule one of kg.resolve.RULES ("alias-table", "surname", "acronym", ...).
    rules: tuple[tuple[Span, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Location:
    """A place mentioned in the article, geocoded where possible.

    ``precision`` says where the coordinates come from: ``"gazetteer"`` (the place's own
    GeoNames entry), ``"region"`` or ``"country"`` (placed at the province or country the
    text says it is in), or ``None`` when the place could not be placed at all.
    ``mentions`` are the place's names; ``adjectival`` are demonyms and adjectives derived from
    them ("Syrian troops"), which refer to the place without naming it.
    """

    key: str
    name: str
    mentions: tuple[Span, ...]
    feature: str = "place"            # country | region | city | place
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    country_code: str | None = None   # ISO 3166-1 alpha-2
    country: str | None = None        # key of the containing country Location
    precision: str | None = None
    adjectival: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Estimate:
    """A numeric claim: a value or bounds, a unit, a hedge, what is counted, where and when."""

    id: str
    span: Span
    qualifier: str = "exact"
    value: float | None = None
    min: float | None = None
    max: float | None = None
    unit: str = ""
    about: str | None = None
    about_span: Span | None = None
    location: str | None = None       # Location key
    time: str | None = None           # ISO date, year-month or year
    statement: str | None = None      # Statement id
    counts: str | None = None         # what is counted, normalised ("fighter"): kg.resolve.quantity
    owner: str | None = None          # Actor key of whose it is ("isis" for "IS fighters")


@dataclass(frozen=True, slots=True)
class Statement:
    """Who said what: a speaker, a cue ("said", "according to") and the content said."""

    id: str
    cue: str
    cue_span: Span
    content_span: Span
    direct: bool
    speaker: str | None = None        # Actor key
    speaker_span: Span | None = None
    date: str | None = None           # ISO date when it was said, where known


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything extracted from one article."""

    article: Article
    actors: tuple[Actor, ...] = ()
    locations: tuple[Location, ...] = ()
    estimates: tuple[Estimate, ...] = ()
    statements: tuple[Statement, ...] = ()
    extractor: str = field(default="")
    # The MinHash signature of the text (kg.copies), made with the other facts where the article
    # is extracted (a worker process), not on the way to the store; derived, so never given (a
    # ``dataclasses.replace`` with another text makes it anew).
    fingerprint: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        from .copies import fingerprint
        object.__setattr__(self, "fingerprint", fingerprint(self.article.text))
