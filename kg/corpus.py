"""The corpus step: decisions that need every article, made after a build over the store.

``kg build`` stays streaming and per article: each article's graph is a pure function of the
article (its actors already resolved by the per-article rules, its text fingerprinted, what its
estimates count normalised). After the last graph is written, :func:`link` reads back the little
it needs from the store and replaces one derived graph, ``kgid:graph/corpus`` (a
``kg:CorpusLinks``), with:

- ``kg:copyOf`` / ``kg:copySimilarity``: syndicated copies and their originals (kg.copies);
- ``owl:sameAs`` + ``kg:resolvedBy kg:corpusSurnameRule``: persons named only by surname,
  merged with the one full name of the corpus ending with it (kg.resolve.surname_merges);
- ``kg:Contradiction``s ``kg:between`` two estimates (kg.series.find_conflicts), copies left out.

The graph is recomputed whole every time, so re-building, adding or removing articles never
leaves a stale decision; an incremental build that skips unchanged articles still re-links.

:func:`link` also replaces ``kgid:graph/counts`` (a ``kg:CorpusCounts``): aggregates the named
queries would otherwise compute over every article graph at query time (seconds at a million
triples): the strongest actor co-mentions (``kg:CoMention``) that actor-comentions reads, the
rows of the locations query (``kg:PlaceCount``) and of actors-by-location (``kg:ActorPlaceCount``),
all counted as ``kg analyze`` counts (kg.canonical: actors through the merges above, copies left
out). And it replaces ``kgid:graph/listings``: the answer of every other named query without parameters, in pages
(``kg:Listing``, see kg.listings), which ``kg query`` pages through; a cache of this store, left
out of ``-o`` files and exports.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from .canonical import Canon, syndicated_copies
from .copies import find_copies
from .resolve import lower_case_words, surname_merges
from .series import actor_labels, find_conflicts, read_estimates

_ARTICLES = """
PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX schema: <https://schema.org/>
SELECT ?a ?published ?fp WHERE { GRAPH ?a { ?a a kg:Article ; kg:fingerprint ?fp .
  OPTIONAL { ?a schema:datePublished ?published } } }
"""
_PERSONS = """
PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?x ?label WHERE { GRAPH ?g { ?x kg:actorType "Person" ; rdfs:label ?label } }
"""
_TEXTS = """
PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
SELECT ?text WHERE { GRAPH ?a { ?a a kg:Article ; nif:isString ?text } }
"""

# every (article, actor, name) row the actor-comentions pairs are made of, one per type and name
_ACTORS = """
PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?a ?x ?label WHERE { GRAPH ?a { ?x kg:actorType ?t ; rdfs:label ?label FILTER(?t != "Other") } }
"""
# the rows of the locations query, one per article and place, counted once here (place_counts)
# rather than at every query
_PLACES = """
PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
SELECT ?a ?location ?kind ?lat ?lon ?geonames ?country ?precision WHERE {
  GRAPH ?a {
    ?l a kg:Location ; rdfs:label ?location ; kg:featureKind ?kind .
    OPTIONAL { ?l schema:latitude ?lat ; schema:longitude ?lon }
    OPTIONAL { ?l kg:geonamesId ?geonames }
    OPTIONAL { ?l kg:countryCode ?country }
    OPTIONAL { ?l kg:geocodePrecision ?precision }
  }
}
"""
# the rows of the actors-by-location query: every named actor and place name of an article
_TIES = """
PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?a ?x ?label ?t ?location WHERE { GRAPH ?a {
  ?l a kg:Location ; rdfs:label ?location .
  ?x kg:actorType ?t ; rdfs:label ?label } }
"""
TOP_COMENTIONS = 1000  # pairs kept in the counts graph: the first rows of actor-comentions


def comention_counts(store, top: int = TOP_COMENTIONS) -> list[tuple[str, str, int]]:
    """(first name, second name, articles) of the ``top`` strongest pairs, in actor-comentions'
    order, counted as ``kg analyze`` counts (kg.canonical): an actor merged ``owl:sameAs`` another
    counts as that one, and syndicated copies not at all. A pair is the articles naming both,
    first the actor whose IRI sorts first, each named by its most frequent label."""
    canon = Canon.of(store)
    by_article: dict[str, set[str]] = defaultdict(set)
    for a, x, label in store.query(_ACTORS).rows:
        if (k := canon.actor(a.value, x.value, label.value)) is not None:
            by_article[a.value].add(k)
    labels = {k: canon.label(k) for actors in by_article.values() for k in actors}
    pairs: Counter = Counter()
    for actors in by_article.values():
        ordered = sorted(actors)
        for i, x in enumerate(ordered):
            for y in ordered[i + 1:]:
                pairs[labels[x], labels[y]] += 1
    ranked = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return [(first, second, n) for (first, second), n in ranked]


def place_counts(store) -> list[tuple]:
    """The rows of the locations query: (name, kind, lat, lon, geonames, country, precision,
    articles) as pyoxigraph terms, one a place described alike, its articles counted without
    syndicated copies (kg.canonical), as the co-mentions are."""
    from pyoxigraph import Literal, NamedNode
    copies = syndicated_copies(store)
    rows: Counter = Counter(tuple(row[1:]) for row in store.query(_PLACES).rows if row[0].value not in copies)
    integer = NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    return [(*row, Literal(str(n), datatype=integer)) for row, n in rows.items()]


def actor_place_counts(store) -> list[tuple[str, str, str, int]]:
    """The rows of the actors-by-location query: (place name, actor name, actor type, articles)
    for every place name and actor named in the same articles, counted as ``kg analyze`` counts
    (kg.canonical): an actor merged ``owl:sameAs`` another is that one, by its most frequent
    label, and syndicated copies count not at all."""
    canon = Canon.of(store)
    arts: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for a, x, label, t, location in store.query(_TIES).rows:
        if (k := canon.actor(a.value, x.value, label.value)) is not None:
            arts[location.value, k, t.value].add(a.value)
    rows: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for (location, k, t), found in arts.items():
        rows[location, canon.label(k), t] |= found  # two actors of one name are one row, as by name before
    return sorted((location, actor, t, len(found)) for (location, actor, t), found in rows.items())


def link(store, order: list[str] | None = None) -> dict:
    """Recompute the corpus graph of ``store``; ``order`` lists article IRIs in input order
    (the tie-break among articles published the same day). Returns counts of what it found and
    the graph as N-Quads (under ``"nquads"``)."""
    from .rdf import CORPUS_GRAPH, corpus_nquads
    rank = {iri: i for i, iri in enumerate(order or ())}
    arts = [(a.value, p.value if p is not None else None, fp.value) for a, p, fp in store.query(_ARTICLES).rows]
    arts.sort(key=lambda r: (r[1] is None, r[1] or "", rank.get(r[0], len(rank)), r[0]))
    copies = find_copies([(a, fp) for a, _, fp in arts])
    persons = [(x.value, label.value) for x, label in store.query(_PERSONS).rows]
    single = {name.lower() for _, name in persons if " " not in name}
    words = lower_case_words((t.value for (t,) in store.query(_TEXTS).rows), single)
    same = surname_merges(persons, words)
    rows = read_estimates(store, canon=same, labels=actor_labels(store), skip=copies)
    conflicts = find_conflicts(rows)
    if copies or same or conflicts:
        nquads = corpus_nquads(copies=copies, same_as=same, contradictions=conflicts)
        store.put_graph(CORPUS_GRAPH, nquads)
    else:  # nothing links the articles: no corpus graph (a one-article build holds just its graph)
        nquads = b""
        store.drop_graph(CORPUS_GRAPH)
    nquads += count(store)
    return {"copies": len(copies), "merged": len(same), "contradictions": len(conflicts), "nquads": nquads}


def listings(store) -> list[tuple]:
    """The answer of every named query without parameters, in pages (kg.listings), for the
    rows of :func:`kg.rdf.listings_nquads`. Queries that read the counts graph itself are fast
    already, and would read the graph being replaced: they are left out."""
    import json
    import os
    from concurrent.futures import ThreadPoolExecutor

    from .listings import PAGE_SIZE, encode_rows, query_hash
    from .sparql import load_query, named_queries, reads_counts
    texts = {name: load_query(name) for name in named_queries()}
    texts = {name: text for name, text in texts.items() if not reads_counts(text)}
    # Oxigraph evaluates queries without holding the GIL: on 2 cores the five listings take about
    # half the wall time in two threads (the build's workers are done by now)
    with ThreadPoolExecutor(max_workers=max(1, min(len(texts), os.cpu_count() or 1))) as pool:
        results = dict(zip(texts, pool.map(store.query, texts.values())))
    out = []
    for name, text in texts.items():
        result = results[name]
        pages = [encode_rows(result.rows[i:i + PAGE_SIZE]) for i in range(0, len(result.rows), PAGE_SIZE)]
        out.append((name, query_hash(text), json.dumps(result.columns), len(result.rows), PAGE_SIZE,
                    pages or [encode_rows([])]))
    return out


def count(store) -> bytes:
    """Recompute the counts graph of ``store`` and return it as N-Quads. Written even when it
    counts nothing, so that a store without it is one built by a kg that did not write it.
    The listings (kg.listings) go to their own graph, which is not returned: they are a cache of
    this store's answers, so ``-o`` files and exports never carry them."""
    from .rdf import COUNTS_GRAPH, LISTINGS_GRAPH, counts_nquads, listings_nquads
    comentions = comention_counts(store)
    places = place_counts(store)
    nquads = counts_nquads(comentions, places, actor_place_counts(store))
    store.put_graph(COUNTS_GRAPH, nquads)
    store.put_graph(LISTINGS_GRAPH, listings_nquads(listings(store)))
    return nquads
