"""Facts → RDF quads: the one place IRIs are minted and ontology terms are written.

Each article's facts go into one named graph whose name is the article's IRI. Actors and
places get IRIs from their stable keys, so the same actor is the same node in every
article; estimates, statements and text mentions get IRIs under their article. No blank
nodes: re-loading a graph gives exactly the same triples.

>>> from kg.facts import Article, Facts
>>> quads = to_quads(Facts(article=Article(id="memo 1", text="Calm.")))
>>> str(quads[0].graph_name)
'<https://w3id.org/kg-news/id/article/memo%201>'
"""
from __future__ import annotations

import functools
import hashlib
import re
from decimal import Decimal
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode, Quad
from rdflib import namespace as _ns

from . import __version__
from . import namespace as _kg
from .copies import fingerprint
from .facts import Actor, Article, Estimate, Facts, Location, Span, Statement
from .vocab import BASE, PREFIXES


class _Terms:
    """The NamedNodes of one vocabulary, each built once on first use.

    rdflib's DefinedNamespace lookups are slow on this hot path (every triple); the
    vocabulary's own checks still apply, so a misspelt term raises.
    """

    def __init__(self, namespace):
        self._namespace = namespace

    def __getattr__(self, name: str) -> NamedNode:
        node = NamedNode(str(getattr(self._namespace, name) if not isinstance(self._namespace, str)
                             else self._namespace + name))
        setattr(self, name, node)
        return node


KG = _Terms(_kg.KG)
RDF, RDFS, XSD, PROV = _Terms(_ns.RDF), _Terms(_ns.RDFS), _Terms(_ns.XSD), _Terms(_ns.PROV)
SDO, GEO, SKOS = _Terms(_ns.SDO), _Terms(_ns.GEO), _Terms(_ns.SKOS)
NIF = _Terms(PREFIXES["nif"])
QUDT_UNIT = NamedNode(PREFIXES["qudt"] + "unit")
# Units with a QUDT IRI; others keep only their schema:unitText.
QUDT_UNITS = {"percent": "PERCENT", "square kilometre": "KiloM2", "kilometre": "KiloM", "metre": "M",
              "mile": "MI", "tonne": "TONNE", "kilogram": "KiloGM", "litre": "L", "hectare": "HA",
              "square mile": "MI2", "barrel": "BBL", "year": "YR", "day": "DAY", "hour": "HR"}
_ACTOR_CLASS = {"Person": KG.Person, "Organization": KG.Organization, "Group": KG.Group,
                "Country": KG.Country, "Other": KG.OtherActor}
_MAX_SEGMENT = 120
# kg.resolve.RULES → their ontology individuals
RULE_TERMS = {"exact": KG.exactNameRule, "alias-table": KG.aliasTableRule, "title": KG.titleRule,
              "surname": KG.surnameRule, "acronym": KG.acronymRule, "capital": KG.capitalRule,
              "corpus-surname": KG.corpusSurnameRule}


@functools.lru_cache(maxsize=1 << 16)
def segment(text: str) -> str:
    """A path segment safe in any IRI: percent-encoded UTF-8, long values shortened with a hash.

    >>> segment('a <b> "c"/d'), len(segment("x" * 500))
    ('a%20%3Cb%3E%20%22c%22%2Fd', 137)
    """
    text = re.sub(r"[\x00-\x1f\x7f]", "", text) or "_"
    if len(text) > _MAX_SEGMENT:
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        text = text[:_MAX_SEGMENT] + "-" + digest
    return quote(text.encode("utf-8", "surrogatepass"), safe="-._~")


def key_path(key: str) -> str:
    """A fact key as an IRI path: ``"person:james-jeffrey"`` → ``"person/james-jeffrey"``."""
    return "/".join(segment(part) for part in key.split(":"))


def article_iri(article_id: str) -> NamedNode:
    return NamedNode(f"{BASE}article/{segment(article_id)}")


def actor_iri(key: str) -> NamedNode:
    return NamedNode(f"{BASE}actor/{key_path(key)}")


def location_iri(key: str) -> NamedNode:
    return NamedNode(f"{BASE}place/{key_path(key)}")


def mention_iri(article: NamedNode, span: Span) -> NamedNode:
    return NamedNode(f"{article.value}#char={span.start},{span.end}")


def _dec(x: float) -> Literal:
    return Literal(format(Decimal(repr(float(x))).normalize(), "f"), datatype=XSD.decimal)


def _time(iso: str) -> Literal:
    kind = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(iso), XSD.string)
    return Literal(iso, datatype=kind)


class _Writer:
    """Collects the quads of one article's graph."""

    def __init__(self, facts: Facts):
        self.facts = facts
        self.text = facts.article.text
        self.graph = article_iri(facts.article.id)
        self.activity = NamedNode(self.graph.value + "/extraction")
        self.quads: list[Quad] = []
        self._mentions: set[Span] = set()

    def add(self, s: NamedNode, p: NamedNode, o) -> None:
        self.quads.append(Quad(s, p, o, self.graph))

    def lit(self, s: NamedNode, p: NamedNode, value, datatype: NamedNode | None = None) -> None:
        self.add(s, p, Literal(str(value), datatype=datatype) if datatype else Literal(str(value)))

    def mention(self, span: Span) -> NamedNode:
        node = mention_iri(self.graph, span)
        if span not in self._mentions:
            self._mentions.add(span)
            self.add(node, RDF.type, KG.Mention)
            # xsd:integer, not NIF's xsd:nonNegativeInteger: Oxigraph stores derived integer
            # types as xsd:integer, and the store must hold exactly what a file export holds.
            self.lit(node, NIF.beginIndex, span.start, XSD.integer)
            self.lit(node, NIF.endIndex, span.end, XSD.integer)
            self.lit(node, NIF.anchorOf, self.text[span.start:span.end])
            self.add(node, NIF.referenceContext, self.graph)
        return node

    def fact(self, node: NamedNode, cls, evidence=()) -> None:
        """Type, article and provenance of every fact, and its evidence spans."""
        self.add(node, RDF.type, cls)
        self.add(node, KG.article, self.graph)
        self.add(node, PROV.wasGeneratedBy, self.activity)
        for span in evidence:
            self.add(node, KG.evidence, self.mention(span))


def to_quads(facts: Facts) -> list[Quad]:
    """Every quad of one article's named graph."""
    w = _Writer(facts)
    _article(w, facts.article)
    for actor in facts.actors:
        _actor(w, actor)
    for loc in facts.locations:
        _location(w, loc)
    said = {s.id: s for s in facts.statements if s.speaker is not None}
    named = [(actor_iri(a.key), a.mentions) for a in facts.actors]
    named += [(location_iri(loc.key), loc.mentions + loc.adjectival) for loc in facts.locations]
    for s in said.values():
        _statement(w, s, named)
    for e in facts.estimates:
        _estimate(w, e, said.get(e.statement))
    return w.quads


def _article(w: _Writer, a: Article) -> None:
    g = w.graph
    w.add(g, RDF.type, KG.Article)
    w.lit(g, SDO.identifier, a.id)
    w.lit(g, KG.contentHash, a.sha256)
    w.lit(g, KG.fingerprint, fingerprint(a.text))  # MinHash, to find syndicated copies (kg.copies)
    w.lit(g, NIF.isString, a.text)  # the text the mentions' offsets point into (kg report highlights it)
    if a.title:
        w.lit(g, SDO.headline, a.title)
    if a.date:
        w.lit(g, SDO.datePublished, a.date.isoformat(), XSD.date)
    if a.source:
        w.lit(g, SDO.publisher, a.source)
    if a.url:
        w.lit(g, SDO.url, a.url, XSD.anyURI)
    agent = NamedNode(f"{BASE}agent/kg/{segment(__version__)}")
    w.add(w.activity, RDF.type, KG.Extraction)
    w.add(w.activity, PROV.used, g)
    w.add(w.activity, PROV.wasAssociatedWith, agent)
    w.add(agent, RDF.type, PROV.SoftwareAgent)
    w.lit(agent, RDFS.label, f"kg {__version__}")
    w.lit(agent, SDO.softwareVersion, __version__)


def _actor(w: _Writer, a: Actor) -> None:
    from .extractors.actors import wikidata
    node = actor_iri(a.key)
    w.fact(node, KG.Actor, a.mentions)
    w.add(node, RDF.type, _ACTOR_CLASS.get(a.type, KG.OtherActor))
    w.lit(node, RDFS.label, a.name)
    w.lit(node, SDO.name, a.name)
    w.lit(node, KG.actorType, a.type)
    for alias in a.aliases:
        w.lit(node, SKOS.altLabel, alias)
    for span, rule in a.rules:  # why the mention names this actor (kg explain); none: its exact name
        if rule in RULE_TERMS and rule != "exact":
            w.add(w.mention(span), KG.resolvedBy, RULE_TERMS[rule])
    if qid := wikidata(a.key):
        w.add(node, KG.wikidata, NamedNode(PREFIXES["wd"] + qid))


def _location(w: _Writer, loc: Location) -> None:
    node = location_iri(loc.key)
    w.fact(node, KG.Location, loc.mentions + loc.adjectival)
    w.lit(node, RDFS.label, loc.name)
    w.lit(node, SDO.name, loc.name)
    w.lit(node, KG.featureKind, loc.feature)
    if loc.geonames_id is not None:
        w.lit(node, KG.geonamesId, loc.geonames_id, XSD.integer)
        w.add(node, SDO.sameAs, NamedNode(f"{PREFIXES['gn']}{int(loc.geonames_id)}/"))
    if loc.lat is not None and loc.lon is not None:
        w.add(node, SDO.latitude, _dec(loc.lat))
        w.add(node, SDO.longitude, _dec(loc.lon))
        geom = NamedNode(node.value + "/geometry")
        w.add(node, GEO.hasGeometry, geom)
        w.add(geom, RDF.type, GEO.Geometry)
        w.lit(geom, GEO.asWKT, f"POINT({float(loc.lon)!r} {float(loc.lat)!r})", GEO.wktLiteral)
    if loc.country_code:
        w.lit(node, KG.countryCode, loc.country_code)
    if loc.precision:
        w.lit(node, KG.geocodePrecision, loc.precision)
    if loc.country and loc.country != loc.key:
        w.add(node, SDO.containedInPlace, location_iri(loc.country))
        w.add(node, GEO.sfWithin, location_iri(loc.country))


def _statement(w: _Writer, s: Statement, named: list[tuple[NamedNode, tuple[Span, ...]]]) -> None:
    node = NamedNode(f"{w.graph.value}/statement/{segment(s.id)}")
    w.fact(node, KG.Statement, [s.content_span])
    # the actors and places its content names (a mention inside the content span): what the
    # said-about query looks up, found here once rather than by comparing offsets at query time
    c = s.content_span
    for target, spans in named:
        if any(c.start <= m.start and m.end <= c.end for m in spans):
            w.add(node, SDO.mentions, target)
    w.add(node, PROV.wasAttributedTo, actor_iri(s.speaker))
    w.lit(node, KG.cue, s.cue)
    w.add(node, KG.cueEvidence, w.mention(s.cue_span))
    if s.speaker_span is not None:
        w.add(node, KG.speakerEvidence, w.mention(s.speaker_span))
    w.lit(node, KG.direct, str(s.direct).lower(), XSD.boolean)
    if s.date:
        w.add(node, SDO.dateCreated, _time(s.date))


def _estimate(w: _Writer, e: Estimate, said: Statement | None) -> None:
    node = NamedNode(f"{w.graph.value}/estimate/{segment(e.id)}")
    w.fact(node, KG.Estimate, [e.span])
    w.add(node, KG.qualifier, getattr(KG, e.qualifier))
    for prop, value in ((SDO.value, e.value), (SDO.minValue, e.min), (SDO.maxValue, e.max)):
        if value is not None:
            w.add(node, prop, _dec(value))
    w.lit(node, SDO.unitText, e.unit)
    if e.unit in QUDT_UNITS:
        w.add(node, QUDT_UNIT, NamedNode(PREFIXES["unit"] + QUDT_UNITS[e.unit]))
    if e.about:
        w.lit(node, KG.about, e.about)
    if e.counts:
        w.lit(node, KG.counts, e.counts)
    if e.owner:
        w.add(node, KG.countOf, actor_iri(e.owner))
    if e.location:
        w.add(node, SDO.spatialCoverage, location_iri(e.location))
    if e.time:
        w.add(node, SDO.temporalCoverage, _time(e.time))
    if said is not None:
        w.add(node, KG.statement, NamedNode(f"{w.graph.value}/statement/{segment(said.id)}"))
        w.add(node, PROV.wasAttributedTo, actor_iri(said.speaker))


# ---------------------------------------------------------------- the corpus graph (kg.corpus)

CORPUS_GRAPH = NamedNode(f"{BASE}graph/corpus")


def contradiction_iri(a: str, b: str) -> NamedNode:
    """The contradiction between two estimate IRIs, the same whichever comes first."""
    digest = hashlib.sha256("\n".join(sorted((a, b))).encode("utf-8")).hexdigest()[:20]
    return NamedNode(f"{BASE}contradiction/{digest}")


def corpus_quads(*, copies: dict[str, tuple[str, float]], same_as: dict[str, str],
                 contradictions: list) -> list[Quad]:
    """The corpus graph from its decisions, all given as IRIs of nodes already in the store:
    copies (copy article → (original article, similarity)), same_as (actor → actor, by the
    corpus-surname rule) and contradictions (:class:`kg.series.Conflict`)."""
    g = CORPUS_GRAPH
    quads = [Quad(g, RDF.type, KG.CorpusLinks, g),
             Quad(g, RDFS.label, Literal("links between the articles of the corpus (derived)"), g)]
    for copy, (original, sim) in sorted(copies.items()):
        quads.append(Quad(NamedNode(copy), KG.copyOf, NamedNode(original), g))
        quads.append(Quad(NamedNode(copy), KG.copySimilarity, _dec(sim), g))
    for short, full in sorted(same_as.items()):
        quads.append(Quad(NamedNode(short), NamedNode(PREFIXES["owl"] + "sameAs"), NamedNode(full), g))
        quads.append(Quad(NamedNode(short), KG.resolvedBy, KG.corpusSurnameRule, g))
    for c in contradictions:
        node = contradiction_iri(c.a.iri, c.b.iri)
        quads.append(Quad(node, RDF.type, KG.Contradiction, g))
        quads.append(Quad(node, KG.between, NamedNode(c.a.iri), g))
        quads.append(Quad(node, KG.between, NamedNode(c.b.iri), g))
        quads.append(Quad(node, KG.quantity, Literal(c.quantity), g))
        quads.append(Quad(node, KG.daysApart, Literal(str(c.days), datatype=XSD.integer), g))
        quads.append(Quad(node, RDFS.label, Literal(c.label()), g))
    return quads


# ---------------------------------------------------------------- the counts graph (kg.corpus)

COUNTS_GRAPH = NamedNode(f"{BASE}graph/counts")


def counts_quads(comentions: list[tuple[str, str, int]], places: list[tuple] = ()) -> list[Quad]:
    """The counts graph from co-mentions, (first name, second name, articles) strongest first,
    and places, rows of terms (name, kind, lat, lon, geonames, country, precision, articles),
    ``None`` where the article graphs give none."""
    g = COUNTS_GRAPH
    quads = [Quad(g, RDF.type, KG.CorpusCounts, g),
             Quad(g, RDFS.label, Literal("counts over the articles of the corpus (derived)"), g)]
    for first, second, n in comentions:
        digest = hashlib.sha256(f"{first}\n{second}".encode("utf-8", "surrogatepass")).hexdigest()[:20]
        node = NamedNode(f"{BASE}comention/{digest}")
        quads += [Quad(node, RDF.type, KG.CoMention, g), Quad(node, KG.firstName, Literal(first), g),
                  Quad(node, KG.secondName, Literal(second), g),
                  Quad(node, KG.articleCount, Literal(str(n), datatype=XSD.integer), g)]
    props = (KG.placeName, KG.featureKind, SDO.latitude, SDO.longitude, KG.geonamesId, KG.countryCode,
             KG.geocodePrecision, KG.articleCount)
    for row in places:
        key = "\n".join("" if t is None else str(t) for t in row[:-1])
        node = NamedNode(f"{BASE}placecount/{hashlib.sha256(key.encode('utf-8', 'surrogatepass')).hexdigest()[:20]}")
        quads.append(Quad(node, RDF.type, KG.PlaceCount, g))
        quads += [Quad(node, p, t, g) for p, t in zip(props, row) if t is not None]
    return quads
