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
out). And it replaces ``kgid:graph/listings``: the answer of every named query without parameters, in pages
(``kg:Listing``, see kg.listings), which ``kg query`` pages through; a cache of this store, left
out of ``-o`` files and exports.

The listings graph is written last, and ends with a ``kg:corpusState`` mark: which article graphs
all three were computed from (:func:`articles_state`). A build that writes no article passes
``keep=True``, and when the store's articles still match the mark the three graphs are kept as
they are: re-running a daily build over a folder with nothing new takes a query, not the
seconds the corpus step takes over thousands of articles.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor

from .canonical import Canon
from .copies import find_copies, originals_first
from .heap import give_back
from .resolve import lower_case_words, surname_merges
from .series import find_conflicts, most_used_labels, read_estimates
from .sparql import reads_counts, reads_derived

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

# every (article, actor, name, type) row the counts are made of, one per type and name
_ACTORS = """
PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?a ?x ?label ?t WHERE { GRAPH ?a { ?x kg:actorType ?t ; rdfs:label ?label } }
"""
# the rows of the locations query, one per article and place, counted once here (place_counts)
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
TOP_COMENTIONS = 1000  # pairs kept in the counts graph: the first rows of actor-comentions


def actor_rows(store) -> list[tuple[str, str, str, str]]:
    """(article, actor, label, type) of every actor of every article graph."""
    return [(a.value, x.value, label.value, t.value) for a, x, label, t in store.query(_ACTORS).rows]


def labels_of(actors: list[tuple[str, str, str, str]]) -> dict[str, str]:
    """Actor IRI → its most used label, from :func:`actor_rows`: what kg.series.actor_labels
    reads from the store."""
    used = Counter((x, label) for _, x, label, _ in actors)
    return most_used_labels((x, label, n) for (x, label), n in used.items())


class Tally:
    """What the counts graph is counted from, read once: each article's actors (merged actor
    key, type) and its places' rows, as ``kg analyze`` counts them (kg.canonical: an actor merged
    ``owl:sameAs`` another counts as that one, by its most frequent label; syndicated copies not
    at all)."""

    def __init__(self, store, actors: list[tuple[str, str, str, str]] | None = None):
        """``actors``: :func:`actor_rows` of ``store``, when already read."""
        self.canon = canon = Canon.of(store)
        self.actors: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for a, x, label, t in actor_rows(store) if actors is None else actors:
            if (k := canon.actor(a, x, label)) is not None:
                self.actors[a].add((k, t))
        self.places: dict[str, list[tuple]] = defaultdict(list)
        for row in store.query(_PLACES).rows:
            if row[0].value not in canon.copies:
                self.places[row[0].value].append(tuple(row[1:]))


def comention_counts(store, top: int = TOP_COMENTIONS, tally: Tally | None = None) -> list[tuple[str, str, int]]:
    """(first name, second name, articles) of the ``top`` strongest pairs of actors other than
    the unnamed ("Other"), in actor-comentions' order (see :class:`Tally`). A pair is the
    articles naming both, first the actor whose IRI sorts first, each by its most frequent label."""
    tally = tally or Tally(store)
    pairs: Counter = Counter()
    for found in tally.actors.values():
        ordered = sorted({k for k, t in found if t != "Other"})
        names = [tally.canon.label(k) for k in ordered]
        for i, x in enumerate(names):
            for y in names[i + 1:]:
                pairs[x, y] += 1
    ranked = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return [(first, second, n) for (first, second), n in ranked]


def place_counts(store, tally: Tally | None = None) -> list[tuple]:
    """The rows of the locations query: (name, kind, lat, lon, geonames, country, precision,
    articles) as pyoxigraph terms, one a place described alike, its articles counted without
    syndicated copies, as the co-mentions are."""
    from pyoxigraph import Literal, NamedNode
    tally = tally or Tally(store)
    rows: Counter = Counter(row for found in tally.places.values() for row in found)
    return [(*row, Literal(str(n), datatype=NamedNode(_INTEGER))) for row, n in rows.items()]


# A place and an actor named together in one article only are 87% of the pairs of the BBC corpus,
# and say little about either: kept, they would make the counts graph the largest in the store
# (590k triples for 2,224 articles) and its rewrite a third of a build's corpus step.
TIE_MIN_ARTICLES = 2


def actor_place_counts(store, tally: Tally | None = None) -> list[tuple[str, str, str, int]]:
    """The rows of the actors-by-location query, in its order: (place name, actor name, actor
    type, articles) for every place and actor named in the same articles, at least
    :data:`TIE_MIN_ARTICLES` of them (see :class:`Tally`); two actors of one name are one row."""
    tally = tally or Tally(store)
    # a count, not the set of articles: each article adds each pair once (both sets below hold
    # it once), and most pairs are named in one article only, so sets of IRIs would hold the most
    rows: Counter = Counter()
    for a, found in tally.places.items():
        names = {(tally.canon.label(k), t) for k, t in tally.actors.get(a, ())}
        for location in {row[0].value for row in found}:
            for name, t in names:
                rows[location, name, t] += 1
    # ORDER BY ?location DESC(?articles) ?actor ?type: Oxigraph orders simple literals by code
    # point, as Python orders strings
    return sorted(((location, name, t, n) for (location, name, t), n in rows.items()
                   if n >= TIE_MIN_ARTICLES), key=lambda r: (r[0], -r[3], r[1], r[2]))


_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


STEPS = ("actors", "links", "counts")  # what link() tells ``done`` it has finished, in this order


def link(store, emit: Callable[[bytes], None] | None = None, *, keep: bool = False,
         done: Callable[[str], None] | None = None) -> dict:
    """Recompute the corpus graph of ``store`` (and the counts graph, see :func:`count`).
    Returns counts of what it found. ``emit`` is handed the two graphs' N-Quads, piece by piece
    as they are written (for a file beside the store). ``done`` is told each of :data:`STEPS` as
    it is finished (a progress bar: the step takes seconds over thousands of articles), or
    ``"kept"`` for each when they are kept (below).

    Both graphs depend on the articles the store holds, not on the runs or the order they were
    built in: a corpus built up run by run links as one built at once.

    ``keep``: if the derived graphs were last computed from the very article graphs the store
    holds now (:func:`articles_state`), leave them, emit nothing, and return what that run found
    (``"kept": True``). For a caller that wants no file of them."""
    from .rdf import LISTINGS_GRAPH
    done = done or (lambda step: None)
    state = articles_state(store)
    if keep and (found := last_found(store, state)) is not None:
        for _ in STEPS:
            done("kept")
        return {**found, "kept": True}
    # Stale from here on: dropped first, so that a run cut short leaves no mark (the next build
    # links again), and kg query meanwhile runs the queries themselves.
    store.drop_graph(LISTINGS_GRAPH)
    with _Listings(store) as listed:
        listed.start(lambda text: not reads_derived(text))  # they read the article graphs only
        actors = actor_rows(store)  # read once, for the estimates' speakers and for the counts
        done("actors")
        summary = _link(store, labels_of(actors), emit)
        done("links")
        give_back()  # the texts and estimates _link read are garbage now; the counts are built next
        count(store, listed, actors, emit, state=json.dumps({"state": state, **summary}, sort_keys=True))
        done("counts")
    return {**summary, "kept": False}


# every article graph: as kg writes it, one that says it holds a kg:Article. Not `GRAPH ?g { }`,
# which Virtuoso answers with one unbound row; and a server's own graphs (Virtuoso's system graphs,
# a user's other data) do not change what the corpus step reads
_GRAPHS = """
PREFIX kg: <https://w3id.org/kg-news/ontology#>
SELECT ?g WHERE { GRAPH ?g { ?g a kg:Article } }
"""


def articles_state(store) -> str:
    """A digest of what the corpus step reads: the IRI of every article graph, each with its
    content hash and the kg version that built it (when it was built by kg), and this kg's
    version, which may link the same articles otherwise.

    >>> from kg.store import LocalStore
    >>> len(articles_state(LocalStore.in_memory()))
    64
    """
    from . import __version__
    built = store.built_hashes()
    graphs = sorted({g.value for (g,) in store.query(_GRAPHS).rows if g is not None})
    digest = hashlib.sha256(f"kg {__version__}\n".encode())
    for g in graphs:
        digest.update(f"{g} {built.get(g, '-')}\n".encode())
    return digest.hexdigest()


def last_found(store, state: str) -> dict | None:
    """What the last corpus step found (copies, merged, contradictions), if it ran over the
    articles of ``state`` and wrote everything; else ``None``."""
    from .rdf import KG, LISTINGS_GRAPH
    g = f"<{LISTINGS_GRAPH.value}>"
    for (mark,) in store.query(f"SELECT ?s WHERE {{ GRAPH {g} {{ {g} {KG.corpusState} ?s }} }}").rows:
        try:
            found = json.loads(mark.value)
        except ValueError:  # not kg's mark: linked again, which writes one
            continue
        if isinstance(found, dict) and found.pop("state", None) == state:
            return found
    return None


def _emitted(pieces: Iterable[bytes], emit: Callable[[bytes], None] | None) -> Iterator[bytes]:
    for piece in pieces:
        if emit is not None:
            emit(piece)
        yield piece


def _link(store, labels: dict[str, str], emit) -> dict:
    from .rdf import CORPUS_GRAPH, corpus_nquads
    arts = [(a.value, p.value if p is not None else None, fp.value) for a, p, fp in store.query(_ARTICLES).rows]
    copies = find_copies([(a, fp) for a, fp in originals_first(arts)])
    persons = [(x.value, label.value) for x, label in store.query(_PERSONS).rows]
    single = {name.lower() for _, name in persons if " " not in name}
    words = lower_case_words((t.value for (t,) in store.query(_TEXTS).rows), single)
    same = surname_merges(persons, words)
    rows = read_estimates(store, canon=same, labels=labels, skip=copies)
    conflicts = find_conflicts(rows)
    if copies or same or conflicts:
        store.put_graph(CORPUS_GRAPH, _emitted(corpus_nquads(copies=copies, same_as=same, contradictions=conflicts), emit))
    else:  # nothing links the articles: no corpus graph (a one-article build holds just its graph)
        store.drop_graph(CORPUS_GRAPH)
    return {"copies": len(copies), "merged": len(same), "contradictions": len(conflicts)}


class _Listings:
    """The answers of the named queries for the listings graph (kg.listings), evaluated in two
    threads while this one links and counts: Oxigraph evaluates a query without holding the GIL,
    on a snapshot of the store. A query is started once the graphs it reads are written."""

    def __init__(self, store):
        from .sparql import load_query, named_queries
        self.store = store
        self.texts = {name: load_query(name) for name in named_queries()}
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="kg-listing")
        self._running: dict = {}

    def start(self, ready, skip: Iterable[str] = ()) -> None:
        """Start the queries whose text ``ready`` accepts, but those named in ``skip`` or started."""
        for name, text in self.texts.items():
            if name not in self._running and name not in skip and ready(text):
                self._running[name] = self._pool.submit(self._run, name, text)

    def _run(self, name: str, text: str) -> tuple:
        return self._listing(name, text, self.store.query(text))

    @staticmethod
    def _listing(name: str, text: str, answer) -> tuple:
        """A query's answer (kg.store.Result) as a listing for :func:`kg.rdf.listings_nquads`,
        encoded as soon as it is at hand: rows of terms take several times the room of their JSON."""
        import json

        from .listings import PAGE_SIZE, encode_rows, query_hash
        rows = answer.rows
        pages = [encode_rows(rows[i:i + PAGE_SIZE]) for i in range(0, len(rows), PAGE_SIZE)]
        return (name, query_hash(text), json.dumps(answer.columns), len(rows), PAGE_SIZE,
                pages or [encode_rows([])])

    def pages(self, known: dict) -> list[tuple]:
        """Every query's listing, in the order of :func:`kg.sparql.named_queries`; ``known``:
        answers (kg.store.Result) already at hand, taken rather than run."""
        self.start(lambda text: True, skip=known)
        return [self._listing(name, text, known[name]) if name in known else self._running[name].result()
                for name, text in self.texts.items()]

    def __enter__(self) -> _Listings:
        return self

    def __exit__(self, *exc) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def count(store, listed: _Listings | None = None, actors: list[tuple[str, str, str, str]] | None = None,
          emit: Callable[[bytes], None] | None = None, state: str | None = None) -> None:
    """Recompute the counts graph of ``store``, handing its N-Quads to ``emit`` piece by piece.
    Written even when it counts nothing, so that a store without it is one built by a kg that
    did not write it. The listings (kg.listings) go to their own graph, which is not emitted: they
    are a cache of this store's answers, so ``-o`` files and exports never carry them.
    ``actors``: the store's :func:`actor_rows`, when already read; ``state``: the listings
    graph's ``kg:corpusState`` (see :func:`link`)."""
    if listed is None:
        with _Listings(store) as listed:
            return count(store, listed, actors, emit, state)
    from pyoxigraph import Literal, NamedNode

    from .rdf import COUNTS_GRAPH, LISTINGS_GRAPH, counts_nquads, listings_nquads
    from .store import Result
    listed.start(lambda text: not reads_counts(text))
    tally = Tally(store, actors)
    ties = actor_place_counts(store, tally)
    store.put_graph(COUNTS_GRAPH, _emitted(counts_nquads(comention_counts(store, tally=tally),
                                                        place_counts(store, tally), ties), emit))
    # actors-by-location's answer is these rows, already in its order: no need to sort them again
    # in SPARQL (tests check the two agree)
    integer = NamedNode(_INTEGER)
    known = {"actors-by-location": Result(["location", "actor", "type", "articles"], [
        (Literal(p), Literal(x), Literal(t), Literal(str(n), datatype=integer)) for p, x, t, n in ties])}
    store.put_graph(LISTINGS_GRAPH, listings_nquads(listed.pages(known), state))
