"""Facts → RDF: the one place IRIs are minted and ontology terms are written.

Each article's facts go into one named graph whose name is the article's IRI. Actors and
places get IRIs from their stable keys, so the same actor is the same node in every
article; estimates, statements and text mentions get IRIs under their article. No blank
nodes: re-loading a graph gives exactly the same triples.

The graphs are written as N-Quads text, byte for byte what pyoxigraph's serialiser writes for
the same quads, without building a Quad object per triple (a typed literal costs ~4 µs as a
pyoxigraph term, most of a build's RDF step): the store bulk-loads the text, a ``.nq`` output
is the text. Every IRI is minted from percent-encoded segments (:func:`segment`) or constants,
and every literal is escaped by :func:`_quoted`, so the text always parses.

>>> from kg.facts import Article, Facts
>>> quads = to_quads(Facts(article=Article(id="memo 1", text="Calm.")))
>>> str(quads[0].graph_name)
'<https://w3id.org/kg-news/id/article/memo%201>'
"""
from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from urllib.parse import quote

from pyoxigraph import NamedNode, Quad, RdfFormat, parse
from rdflib import namespace as _ns

from . import __version__
from . import namespace as _kg
from .facts import Actor, Article, Estimate, Facts, Location, Span, Statement
from .vocab import BASE, PREFIXES


class _Terms:
    """The terms of one vocabulary as N-Quads IRIs (``<…>``), each built once on first use.

    rdflib's DefinedNamespace lookups are slow on this hot path (every triple); the
    vocabulary's own checks still apply, so a misspelt term raises.
    """

    def __init__(self, namespace):
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        iri = str(getattr(self._namespace, name) if not isinstance(self._namespace, str)
                  else self._namespace + name)
        text = f"<{NamedNode(iri).value}>"  # NamedNode checks the IRI
        setattr(self, name, text)
        return text


KG = _Terms(_kg.KG)
RDF, RDFS, XSD, PROV = _Terms(_ns.RDF), _Terms(_ns.RDFS), _Terms(_ns.XSD), _Terms(_ns.PROV)
SDO, GEO, SKOS = _Terms(_ns.SDO), _Terms(_ns.GEO), _Terms(_ns.SKOS)
NIF = _Terms(PREFIXES["nif"])
OWL_SAME_AS = f"<{PREFIXES['owl']}sameAs>"
QUDT_UNIT = f"<{PREFIXES['qudt']}unit>"
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

# What N-Quads (and pyoxigraph's serialiser) escape in a literal: quote, backslash, controls,
# and the non-characters U+FFFE and U+FFFF.
_ESCAPES = {chr(c): f"\\u{c:04X}" for c in (*range(0x20), 0x7F, 0xFFFE, 0xFFFF)}
_ESCAPES.update({"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"})
_UNSAFE = re.compile('[\x00-\x1f\x7f"\\\\\ufffe\uffff]')
_CONTROL = re.compile("[\x00-\x1f\x7f\ufffe\uffff]")


def _quoted(value: str) -> str:
    """A literal's lexical form as N-Quads writes it, quotes included.

    >>> print(_quoted('say "hi"\\n\\\\'))
    "say \\"hi\\"\\n\\\\"
    """
    if _UNSAFE.search(value) is None:
        return f'"{value}"'
    # str.replace and a regex over the few controls: several times faster than str.translate
    value = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{_CONTROL.sub(lambda m: _ESCAPES[m.group()], value)}"'


@functools.lru_cache(maxsize=1 << 14)
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


@functools.lru_cache(maxsize=1 << 14)
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


def _actor_term(key: str) -> str:
    return f"<{BASE}actor/{key_path(key)}>"


def _location_term(key: str) -> str:
    return f"<{BASE}place/{key_path(key)}>"


def _dec(x: float) -> str:
    """An xsd:decimal of at most 15 significant digits and 15 decimal places: more than any figure
    in the news, and what Virtuoso keeps of a decimal (its "one in 13" is 0.076923076923077); more
    digits would be float noise that one server stores and another rounds.

    >>> [_dec(x).split("^^")[0] for x in (1 / 13, 2e9, 2.5e20)]
    ['"0.076923076923077"', '"2000000000"', '"250000000000000000000"']
    """
    d = Decimal(f"{float(x):.15g}")
    if d.as_tuple().exponent < -15:
        d = round(d, 15)
    return f'"{format(d.normalize(), "f")}"^^{XSD.decimal}'


def _time(iso: str) -> str:
    kind = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(iso))
    return f"{_quoted(iso)}^^{kind}" if kind else _quoted(iso)  # xsd:string is written plain


class _Writer:
    """Collects the N-Quads lines of one article's graph; nodes are N-Quads terms (``<…>``)."""

    def __init__(self, facts: Facts):
        self.facts = facts
        self.text = facts.article.text
        self.iri = article_iri(facts.article.id).value  # NamedNode checks the one IRI not minted from segments
        self.graph = f"<{self.iri}>"
        self.activity = f"<{self.iri}/extraction>"
        self._end = f" {self.graph} .\n"
        self.lines: list[str] = []
        self._mentions: set[Span] = set()

    def add(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"{s} {p} {o}{self._end}")

    def lit(self, s: str, p: str, value, datatype: str | None = None) -> None:
        text = _quoted(str(value))
        self.lines.append(f"{s} {p} {text}^^{datatype}{self._end}" if datatype else f"{s} {p} {text}{self._end}")

    def mention(self, span: Span) -> str:
        node = f"<{self.iri}#char={span.start},{span.end}>"
        if span not in self._mentions:
            self._mentions.add(span)
            end = self._end
            # xsd:integer, not NIF's xsd:nonNegativeInteger: Oxigraph stores derived integer
            # types as xsd:integer, and the store must hold exactly what a file export holds.
            self.lines += (f"{node} {RDF.type} {KG.Mention}{end}",
                           f'{node} {NIF.beginIndex} "{span.start}"^^{XSD.integer}{end}',
                           f'{node} {NIF.endIndex} "{span.end}"^^{XSD.integer}{end}',
                           f"{node} {NIF.anchorOf} {_quoted(self.text[span.start:span.end])}{end}",
                           f"{node} {NIF.referenceContext} {self.graph}{end}")
        return node

    def fact(self, node: str, cls: str, evidence=()) -> None:
        """Type, article and provenance of every fact, and its evidence spans."""
        self.add(node, RDF.type, cls)
        self.add(node, KG.article, self.graph)
        self.add(node, PROV.wasGeneratedBy, self.activity)
        for span in evidence:
            self.add(node, KG.evidence, self.mention(span))


def to_nquads(facts: Facts) -> bytes:
    """One article's named graph as N-Quads (UTF-8), in a fixed order.

    Raises ``ValueError`` (``UnicodeEncodeError``) for text that is not valid Unicode (a lone
    surrogate), as a pyoxigraph literal would.
    """
    w = _Writer(facts)
    _article(w, facts.article)
    for actor in facts.actors:
        _actor(w, actor)
    for loc in facts.locations:
        _location(w, loc)
    said = {s.id: s for s in facts.statements if s.speaker is not None}
    named = [(_actor_term(a.key), a.mentions) for a in facts.actors]
    named += [(_location_term(loc.key), loc.mentions + loc.adjectival) for loc in facts.locations]
    for s in said.values():
        _statement(w, s, named)
    for e in facts.estimates:
        _estimate(w, e, said.get(e.statement))
    return "".join(w.lines).encode("utf-8")


def to_quads(facts: Facts) -> list[Quad]:
    """Every quad of one article's named graph (:func:`to_nquads`, parsed)."""
    return list(parse(to_nquads(facts), format=RdfFormat.N_QUADS))


def _article(w: _Writer, a: Article) -> None:
    g = w.graph
    w.add(g, RDF.type, KG.Article)
    w.lit(g, SDO.identifier, a.id)
    w.lit(g, KG.contentHash, a.sha256)
    w.lit(g, KG.fingerprint, w.facts.fingerprint)  # MinHash, to find syndicated copies (kg.copies)
    w.lit(g, NIF.isString, a.text)  # the text the mentions' offsets point into (kg report highlights it)
    if a.title:
        w.lit(g, SDO.headline, a.title)
    if a.date:
        w.lit(g, SDO.datePublished, a.date.isoformat(), XSD.date)
    if a.source:
        w.lit(g, SDO.publisher, a.source)
    if a.url:
        w.lit(g, SDO.url, a.url, XSD.anyURI)
    agent = f"<{BASE}agent/kg/{segment(__version__)}>"
    w.add(w.activity, RDF.type, KG.Extraction)
    w.add(w.activity, PROV.used, g)
    w.add(w.activity, PROV.wasAssociatedWith, agent)
    w.add(agent, RDF.type, PROV.SoftwareAgent)
    w.lit(agent, RDFS.label, f"kg {__version__}")
    w.lit(agent, SDO.softwareVersion, __version__)


def _actor(w: _Writer, a: Actor) -> None:
    from .extractors.actors import wikidata
    node = _actor_term(a.key)
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
        w.add(node, KG.wikidata, f"<{NamedNode(PREFIXES['wd'] + qid).value}>")


def _location(w: _Writer, loc: Location) -> None:
    node = _location_term(loc.key)
    w.fact(node, KG.Location, loc.mentions + loc.adjectival)
    w.lit(node, RDFS.label, loc.name)
    w.lit(node, SDO.name, loc.name)
    w.lit(node, KG.featureKind, loc.feature)
    if loc.geonames_id is not None:
        w.lit(node, KG.geonamesId, loc.geonames_id, XSD.integer)
        w.add(node, SDO.sameAs, f"<{PREFIXES['gn']}{int(loc.geonames_id)}/>")
    if loc.lat is not None and loc.lon is not None:
        w.add(node, SDO.latitude, _dec(loc.lat))
        w.add(node, SDO.longitude, _dec(loc.lon))
        geom = node[:-1] + "/geometry>"
        w.add(node, GEO.hasGeometry, geom)
        w.add(geom, RDF.type, GEO.Geometry)
        w.lit(geom, GEO.asWKT, f"POINT({float(loc.lon)!r} {float(loc.lat)!r})", GEO.wktLiteral)
    if loc.country_code:
        w.lit(node, KG.countryCode, loc.country_code)
    if loc.precision:
        w.lit(node, KG.geocodePrecision, loc.precision)
    if loc.country and loc.country != loc.key:
        country = _location_term(loc.country)
        w.add(node, SDO.containedInPlace, country)
        w.add(node, GEO.sfWithin, country)


def _statement(w: _Writer, s: Statement, named: list[tuple[str, tuple[Span, ...]]]) -> None:
    node = f"<{w.iri}/statement/{segment(s.id)}>"
    w.fact(node, KG.Statement, [s.content_span])
    # the actors and places its content names (a mention inside the content span): what the
    # said-about query looks up, found here once rather than by comparing offsets at query time
    c = s.content_span
    for target, spans in named:
        if any(c.start <= m.start and m.end <= c.end for m in spans):
            w.add(node, SDO.mentions, target)
    w.add(node, PROV.wasAttributedTo, _actor_term(s.speaker))
    w.lit(node, KG.cue, s.cue)
    w.add(node, KG.cueEvidence, w.mention(s.cue_span))
    if s.speaker_span is not None:
        w.add(node, KG.speakerEvidence, w.mention(s.speaker_span))
    w.lit(node, KG.direct, str(s.direct).lower(), XSD.boolean)
    if s.date:
        w.add(node, SDO.dateCreated, _time(s.date))


def _estimate(w: _Writer, e: Estimate, said: Statement | None) -> None:
    node = f"<{w.iri}/estimate/{segment(e.id)}>"
    w.fact(node, KG.Estimate, [e.span])
    w.add(node, KG.qualifier, getattr(KG, e.qualifier))
    for prop, value in ((SDO.value, e.value), (SDO.minValue, e.min), (SDO.maxValue, e.max)):
        if value is not None:
            w.add(node, prop, _dec(value))
    w.lit(node, SDO.unitText, e.unit)
    if e.unit in QUDT_UNITS:
        w.add(node, QUDT_UNIT, f"<{PREFIXES['unit']}{QUDT_UNITS[e.unit]}>")
    if e.about:
        w.lit(node, KG.about, e.about)
    if e.counts:
        w.lit(node, KG.counts, e.counts)
    if e.owner:
        w.add(node, KG.countOf, _actor_term(e.owner))
    if e.location:
        w.add(node, SDO.spatialCoverage, _location_term(e.location))
    if e.time:
        w.add(node, SDO.temporalCoverage, _time(e.time))
    if said is not None:
        w.add(node, KG.statement, f"<{w.iri}/statement/{segment(said.id)}>")
        w.add(node, PROV.wasAttributedTo, _actor_term(said.speaker))


# ---------------------------------------------------------------- the corpus graph (kg.corpus)

CORPUS_GRAPH = NamedNode(f"{BASE}graph/corpus")


def contradiction_iri(a: str, b: str) -> NamedNode:
    """The contradiction between two estimate IRIs, the same whichever comes first."""
    digest = hashlib.sha256("\n".join(sorted((a, b))).encode("utf-8")).hexdigest()[:20]
    return NamedNode(f"{BASE}contradiction/{digest}")


# A derived graph's N-Quads come in pieces of about this many bytes, each written to the store
# as it is made: the counts graph of a large corpus (72 MB at 4,448 articles) is never held
# whole, nor its lines as Python strings, and the bulk loader, which holds three to four times
# its input, takes a few MB at a time. Bytes, not lines: a line of the listings graph holds a
# whole page of a query's answer.
PIECE_BYTES = 8 << 20


def _graph_text(graph: NamedNode, lines: Iterable[tuple[str, str, str]]) -> Iterator[bytes]:
    end = f" <{graph.value}> .\n"
    piece: list[str] = []
    size = 0
    for s, p, o in lines:
        line = f"{s} {p} {o}{end}"
        piece.append(line)
        size += len(line)
        if size >= PIECE_BYTES:
            yield "".join(piece).encode("utf-8")
            piece, size = [], 0
    if piece:
        yield "".join(piece).encode("utf-8")


def corpus_nquads(*, copies: dict[str, tuple[str, float]], same_as: dict[str, str],
                  contradictions: list) -> Iterator[bytes]:
    """The corpus graph as N-Quads, in pieces (:data:`PIECE_BYTES`), from its decisions, all
    given as IRIs of nodes already in the store: copies (copy article → (original article,
    similarity)), same_as (actor → actor, by the corpus-surname rule) and contradictions
    (:class:`kg.series.Conflict`)."""
    return _graph_text(CORPUS_GRAPH, _corpus_lines(copies, same_as, contradictions))


def _corpus_lines(copies, same_as, contradictions) -> Iterator[tuple[str, str, str]]:
    g = f"<{CORPUS_GRAPH.value}>"
    yield g, RDF.type, KG.CorpusLinks
    yield g, RDFS.label, _quoted("links between the articles of the corpus (derived)")
    for copy, (original, sim) in sorted(copies.items()):
        yield f"<{copy}>", KG.copyOf, f"<{original}>"
        yield f"<{copy}>", KG.copySimilarity, _dec(sim)
    for short, full in sorted(same_as.items()):
        yield f"<{short}>", OWL_SAME_AS, f"<{full}>"
        yield f"<{short}>", KG.resolvedBy, KG.corpusSurnameRule
    for c in contradictions:
        node = f"<{contradiction_iri(c.a.iri, c.b.iri).value}>"
        yield from ((node, RDF.type, KG.Contradiction), (node, KG.between, f"<{c.a.iri}>"),
                    (node, KG.between, f"<{c.b.iri}>"), (node, KG.quantity, _quoted(c.quantity)),
                    (node, KG.daysApart, f'"{int(c.days)}"^^{XSD.integer}'),
                    (node, RDFS.label, _quoted(c.label())))


# ---------------------------------------------------------------- the counts graph (kg.corpus)

COUNTS_GRAPH = NamedNode(f"{BASE}graph/counts")
# a cache of the store, not facts: kept apart so that files and exports never carry it
LISTINGS_GRAPH = NamedNode(f"{BASE}graph/listings")
# the corpus step's graphs, in the order it writes them: the listings, which hold its mark, last
DERIVED_GRAPHS = (CORPUS_GRAPH, COUNTS_GRAPH, LISTINGS_GRAPH)


def _hashed(kind: str, key: str) -> str:
    return f"<{BASE}{kind}/{hashlib.sha256(key.encode('utf-8', 'surrogatepass')).hexdigest()[:20]}>"


def listing_iri(name: str, query_hash: str) -> NamedNode:
    """The stored answer of the named query ``name`` whose text hashes to ``query_hash`` (kg.listings)."""
    return NamedNode(f"{BASE}listing/{segment(name)}/{segment(query_hash)}")


def listing_page_iri(listing: NamedNode, number: int) -> NamedNode:
    return NamedNode(f"{listing.value}/page/{int(number)}")


def counts_nquads(comentions: list[tuple[str, str, int]], places: list[tuple] = (),
                  actor_places: list[tuple[str, str, str, int]] = ()) -> Iterator[bytes]:
    """The counts graph as N-Quads, in pieces (:data:`PIECE_BYTES`), from co-mentions, (first
    name, second name, articles) strongest first, places, rows of pyoxigraph terms (name, kind,
    lat, lon, geonames, country, precision, articles), ``None`` where the article graphs give
    none, and actors by place, (place name, actor name, actor type, articles)."""
    return _graph_text(COUNTS_GRAPH, _counts_lines(comentions, places, actor_places))


def _counts_lines(comentions, places, actor_places) -> Iterator[tuple[str, str, str]]:
    g = f"<{COUNTS_GRAPH.value}>"
    yield g, RDF.type, KG.CorpusCounts
    yield g, RDFS.label, _quoted("counts over the articles of the corpus (derived)")
    for first, second, n in comentions:
        node = _hashed("comention", f"{first}\n{second}")
        yield from ((node, RDF.type, KG.CoMention), (node, KG.firstName, _quoted(first)),
                    (node, KG.secondName, _quoted(second)), (node, KG.articleCount, f'"{int(n)}"^^{XSD.integer}'))
    props = (KG.placeName, KG.featureKind, SDO.latitude, SDO.longitude, KG.geonamesId, KG.countryCode,
             KG.geocodePrecision, KG.articleCount)
    for row in places:
        node = _hashed("placecount", "\n".join("" if t is None else str(t) for t in row[:-1]))
        yield node, RDF.type, KG.PlaceCount
        yield from ((node, p, _term(t)) for p, t in zip(props, row) if t is not None)
    for place, actor, kind, n in actor_places:
        node = _hashed("actorplace", f"{place}\n{actor}\n{kind}")
        yield from ((node, RDF.type, KG.ActorPlaceCount), (node, KG.placeName, _quoted(place)),
                    (node, KG.actorName, _quoted(actor)), (node, KG.actorKind, _quoted(kind)),
                    (node, KG.articleCount, f'"{int(n)}"^^{XSD.integer}'))


def listings_nquads(listings: list[tuple], state: str | None = None) -> Iterator[bytes]:
    """The listings graph as N-Quads, in pieces (:data:`PIECE_BYTES`), from listings, (query
    name, query hash, columns JSON, rows, page size, [rows JSON of each page]), and the
    ``kg:corpusState`` ``state``, if given, in a piece of its own after all the others: a store
    writes the pieces in order, so it holds the mark only once it holds every page."""
    yield from _graph_text(LISTINGS_GRAPH, _listings_lines(listings))
    if state is not None:
        g = f"<{LISTINGS_GRAPH.value}>"
        yield from _graph_text(LISTINGS_GRAPH, [(g, KG.corpusState, _quoted(state))])


def _listings_lines(listings) -> Iterator[tuple[str, str, str]]:
    g = f"<{LISTINGS_GRAPH.value}>"
    yield g, RDFS.label, _quoted("stored answers of the named queries (a cache of the store)")
    for name, qhash, columns, total, size, pages in listings:
        listing = listing_iri(name, qhash)
        node = f"<{listing.value}>"
        yield from ((node, RDF.type, KG.Listing), (node, KG.queryName, _quoted(name)),
                    (node, KG.columns, _quoted(columns)), (node, KG.rowCount, f'"{int(total)}"^^{XSD.integer}'),
                    (node, KG.pageSize, f'"{int(size)}"^^{XSD.integer}'))
        for number, rows in enumerate(pages):
            page = f"<{listing_page_iri(listing, number).value}>"
            yield from ((node, KG.page, page), (page, RDF.type, KG.ListingPage),
                        (page, KG.pageNumber, f'"{number}"^^{XSD.integer}'), (page, KG.rows, _quoted(rows)))


def _term(t) -> str:
    """A pyoxigraph IRI or literal as N-Quads (a plain string literal without its datatype)."""
    if isinstance(t, NamedNode):
        return f"<{t.value}>"
    if t.language:
        return f"{_quoted(t.value)}@{t.language}"
    dt = t.datatype.value
    return _quoted(t.value) if dt == _XSD_STRING else f"{_quoted(t.value)}^^<{dt}>"


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
