"""The Python API, mirroring the CLI: extract, build, validate, query, to_networkx, analyze, report.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "note.txt").write_text("Rebels hold about 300 square kilometres, Ms Okoro said.")
>>> summary = build([d / "note.txt"], store=d / "store")
>>> summary.built, summary.failed, validate(store=d / "store").conforms
(1, [], True)
>>> [row[0].value for row in query("statements-by-actor", store=d / "store").rows]
['Okoro']
"""
from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, serialize

from . import __version__

from .articles import read_articles
from .errors import InputError, RdfError, StoreError
from .facts import Article, Facts

DEFAULT_STORE = Path(os.environ.get("KG_STORE", "kg-store"))
# RDF file suffixes kg reads; it writes the first five (see RdfOutput)
SUFFIXES = {".trig": RdfFormat.TRIG, ".nq": RdfFormat.N_QUADS, ".ttl": RdfFormat.TURTLE,
            ".jsonld": RdfFormat.JSON_LD, ".json": RdfFormat.JSON_LD, ".nt": RdfFormat.N_TRIPLES,
            ".rdf": RdfFormat.RDF_XML, ".owl": RdfFormat.RDF_XML}


class RdfOutput(str, Enum):
    TRIG = "trig"
    NQUADS = "nquads"
    TURTLE = "turtle"
    JSONLD = "jsonld"

    @property
    def rdf_format(self) -> RdfFormat:
        return {"trig": RdfFormat.TRIG, "nquads": RdfFormat.N_QUADS, "turtle": RdfFormat.TURTLE,
                "jsonld": RdfFormat.JSON_LD}[self.value]

    @classmethod
    def for_path(cls, path: Path) -> RdfOutput:
        by_format = {o.rdf_format: o for o in cls}
        out = by_format.get(SUFFIXES.get(path.suffix.lower()))
        if out is None:
            raise RdfError(f"{path}: cannot tell the RDF format from {path.suffix or 'no suffix'!r}; "
                           f"use .trig, .nq, .ttl or .jsonld, or give a format")
        return out


@dataclass
class Failure:
    source: str
    reason: str


@dataclass
class BuildSummary:
    """What a build did: articles built and skipped (already built), triples written, failures."""

    built: int = 0
    skipped: int = 0
    triples: int = 0
    failed: list[Failure] = field(default_factory=list)
    output: str | None = None
    store: str | None = None
    # what the corpus step found: copies, merged, contradictions, and whether its graphs were kept
    # as they were (no article changed since it last ran)
    corpus: dict = field(default_factory=dict)
    seconds: float = 0.0  # wall time of the whole build, corpus step included

    def as_dict(self) -> dict:
        return {"built": self.built, "skipped": self.skipped, "failed": len(self.failed), "triples": self.triples,
                "errors": [{"source": f.source, "reason": f.reason} for f in self.failed],
                "output": self.output, "store": self.store, "corpus": self.corpus,
                "seconds": round(self.seconds, 3)}


def _progress(items: Iterable | None, desc: str, show: bool | None, count: Callable[[], int | None] | None = None,
              *, unit: str = " articles"):
    """A progress bar on stderr (by default only on a terminal) over ``items``, or moved with
    its ``update(n)``; its total for the ETA comes from ``count``, which may cost a pass over the
    files, so only a shown bar counts."""
    from tqdm import tqdm
    shown = sys.stderr.isatty() if show is None else show
    total = count() if shown and count is not None else None
    return tqdm(items, desc=desc, unit=unit, total=total, file=sys.stderr, dynamic_ncols=True,
                disable=not shown)


def _articles(inputs: Iterable[str | Path | Article], failed: list[Failure] | None,
              exclude: Iterable[str] = ()) -> Iterator[Article]:
    """Articles from paths and Article objects, lazily, in the order given."""
    on_input = None if failed is None else (lambda exc: failed.append(Failure(str(exc).split(": ")[0], str(exc))))
    for item in inputs:
        if isinstance(item, Article):
            yield item
        else:
            yield from read_articles([item], exclude=exclude, on_error=on_input)


def _total(inputs, exclude: Iterable[str] = ()) -> int | None:
    """How many articles, for the progress bar's ETA; unknown for a one-pass iterator."""
    from .articles import count_articles
    if not isinstance(inputs, (list, tuple)):
        return None
    return count_articles([i for i in inputs if not isinstance(i, Article)], exclude=exclude) + sum(isinstance(i, Article) for i in inputs)


def extract(inputs: Iterable[str | Path | Article], *, errors: list[Failure] | None = None,
            progress: bool | None = False, exclude: Iterable[str] = ()) -> Iterator[Facts]:
    """Facts for every article in ``inputs`` (paths to .txt files, folders, JSON Lines, or Articles).

    With ``errors``, bad inputs and failing articles are appended there and skipped instead of raising.
    ``exclude`` globs skip files inside folders (see :func:`kg.articles.read_articles`).
    """
    from .pipeline import extract as run
    on_article = None if errors is None else (lambda a, exc: errors.append(Failure(a.id, f"{a.id}: {type(exc).__name__}: {exc}")))
    exclude = list(exclude)
    articles = _progress(_articles(inputs, errors, exclude), "extract", progress, lambda: _total(inputs, exclude))
    yield from run(articles, on_error=on_article)


def open_store(store: str | Path | None = None, endpoint: str | None = None, *, existing: bool = False,
               **remote):
    """The embedded store at ``store`` (default ``./kg-store`` or $KG_STORE), or a SPARQL endpoint.

    ``existing``: the store must be there already (a command that reads it, or removes from
    it): an error names the folder, rather than a new empty store answering with nothing.
    """
    from .store import LocalStore, RemoteStore
    if endpoint:
        return RemoteStore(endpoint, **remote)
    target = LocalStore(store or DEFAULT_STORE)
    if existing and not target.exists():
        raise StoreError(f"no store at {target.path}: build one first (kg build INPUT --store {target.path})")
    return target


def build(inputs: Iterable[str | Path | Article], *, output: str | Path | None = None,
          fmt: RdfOutput | str | None = None, store: str | Path | None = None, endpoint: str | None = None,
          use_store: bool = True, force: bool = False, workers: int = 1, engine: str = "local",
          scheduler: str | None = None, progress: bool | None = False, exclude: Iterable[str] = (),
          **remote) -> BuildSummary:
    """Extract facts and write them as RDF: one named graph per article, into the store and/or a file.

    Streams: each article's graph is written as soon as it is built. Re-building an article
    replaces its graph; an article already in the store with the same text and kg version is
    skipped unless ``force``, so an interrupted build resumes where it stopped. A failing
    article is recorded in the summary and the others are still built.
    """
    from .outputs import atomic_open
    from .rdf import article_iri
    from .runner import run
    from .vocab import PREFIXES
    from .writer import GraphWriter, writes_beside
    started = time.perf_counter()
    summary = BuildSummary()
    exclude = list(exclude)
    target = open_store(store, endpoint, **remote) if (use_store or endpoint) else None
    if target is not None:
        summary.store = endpoint or str(target.path)
    if hasattr(target, "open"):  # a store in use is reported now, not after the model has loaded
        target.open()
    scratch = None  # a file-only build still needs its graphs together for the corpus step
    if target is None and output:
        import tempfile
        from .store import LocalStore
        scratch = LocalStore(tempfile.mkdtemp(prefix="kg-corpus-"))
    sink = target if target is not None else scratch
    out_path = Path(output) if output else None
    out_fmt = RdfOutput(fmt) if fmt else (RdfOutput.for_path(out_path) if out_path else None)
    done = target.built_hashes() if (target is not None and not force and out_path is None) else {}

    seen: set[str] = set()
    ok = 0  # articles built, as their graphs come back (the writer counts them once written)

    def todo(bar) -> Iterator[Article]:
        for a in _articles(inputs, summary.failed, exclude):
            if a.id in seen:  # two files named 007.txt from different folders: never overwrite silently
                summary.failed.append(Failure(a.id, f"{a.id}: duplicate article id (an earlier input has it too); "
                                                    "build their folder, or give the files distinct names"))
            elif done.get(article_iri(a.id).value) == f"{a.sha256} {__version__}":
                seen.add(a.id)
                summary.skipped += 1
            else:
                seen.add(a.id)
                yield a
            moved(bar)

    def moved(bar) -> None:
        """The bar at the articles done: built, skipped as built before, or failed (a bad input
        file among them), not those read ahead for the workers."""
        bar.update(ok + summary.skipped + len(summary.failed) - bar.n)

    kept: list[Quad] = []  # JSON-LD only: it cannot be written graph by graph

    def write_all(fh) -> None:
        nonlocal ok
        # Also on Ctrl-C or an error the writer is closed, so what is built is kept and the next
        # run resumes after it.
        with _progress(None, "build", progress, lambda: _total(inputs, exclude)) as bar, \
                GraphWriter(sink, writes=writes_beside(workers)) as writer:
            for b in run(todo(bar), workers=workers, engine=engine, scheduler=scheduler):
                if b.error is not None:
                    summary.failed.append(Failure(b.article_id, f"{b.article_id}: {b.error}"))
                else:
                    ok += 1
                    if fh is not None:
                        _write_graph(fh, b.nquads, out_fmt, kept, PREFIXES)
                    writer.add(article_iri(b.article_id), b.nquads, b.triples)
                moved(bar)
        summary.built += writer.graphs
        summary.triples += writer.triples
        if sink is not None:  # cross-article links: copies, surname merges, contradictions (kg.corpus)
            def derived(nquads: bytes) -> None:  # a piece of the corpus or counts graph
                summary.triples += nquads.count(b"\n")
                if fh is not None:
                    _write_graph(fh, nquads, out_fmt, kept, PREFIXES)
            # Nothing written and no file to fill: the graphs stay if the store's articles are still
            # those they were computed from (not if another run has built or removed one since).
            summary.corpus = _corpus_step(sink, derived, keep=not writer.graphs and fh is None and not force,
                                          progress=progress)
        if fh is not None and out_fmt is RdfOutput.JSONLD:
            fh.write(serialize(kept, format=RdfFormat.JSON_LD))

    try:
        if out_path is not None:
            with atomic_open(out_path) as fh:
                write_all(fh)
            summary.output = str(out_path)
        else:
            write_all(None)
    finally:
        if hasattr(target, "close"):
            target.close()
        if scratch is not None:
            import shutil
            scratch.close()
            shutil.rmtree(scratch.path, ignore_errors=True)
    summary.seconds = time.perf_counter() - started
    return summary


def _corpus_step(store, emit: Callable[[bytes], None] | None = None, *, keep: bool = False,
          progress: bool | None = False) -> dict:
    """The corpus step (kg.corpus.link) over ``store``, with a progress bar of its steps."""
    from .corpus import STEPS, link
    with _progress(None, "link", progress, lambda: len(STEPS), unit=" steps") as bar:
        def done(step: str) -> None:
            bar.set_postfix_str(step, refresh=False)
            bar.update()
        return link(store, emit, keep=keep, done=done)


def _write_graph(fh, nquads: bytes, fmt: RdfOutput, kept: list, prefixes: dict) -> None:
    """Append one article's graph; TriG and Turtle may repeat their prefix lines, so they stream too."""
    if fmt is RdfOutput.NQUADS:
        fh.write(nquads)
        return
    from pyoxigraph import parse
    quads = list(parse(nquads, format=RdfFormat.N_QUADS))
    if fmt is RdfOutput.JSONLD:
        kept.extend(quads)
    elif fmt is RdfOutput.TRIG:
        fh.write(serialize(quads, format=RdfFormat.TRIG, prefixes=prefixes))
    else:
        fh.write(serialize((q.triple for q in quads), format=RdfFormat.TURTLE, prefixes=prefixes))


@dataclass
class LoadSummary:
    graphs: int = 0
    triples: int = 0
    failed: list[Failure] = field(default_factory=list)
    # the server's corpus step once the articles were in (as kg build's); "kept": the source's own
    # derived graphs were sent, since the server holds just the articles they were computed from.
    # Empty when some graph failed: the step is left to the next load
    corpus: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"graphs": self.graphs, "triples": self.triples, "failed": len(self.failed),
                "errors": [{"source": f.source, "reason": f.reason} for f in self.failed],
                "corpus": self.corpus}


@dataclass
class RemoveSummary:
    removed: list[str] = field(default_factory=list)  # article ids whose graphs were dropped
    missing: list[str] = field(default_factory=list)  # article ids the store does not hold
    corpus: dict = field(default_factory=dict)  # what the corpus step found once they were gone

    def as_dict(self) -> dict:
        return {"removed": self.removed, "missing": self.missing, "corpus": self.corpus}


def remove(article_ids: Iterable[str], *, store: str | Path | None = None, endpoint: str | None = None,
           progress: bool | None = False, **remote) -> RemoveSummary:
    """Drop the graphs of the articles ``article_ids`` (as built: ``business/001`` for
    ``business/001.txt`` of a folder) from the store or server, then run the corpus step again, so
    that no copy, merge, contradiction, count or listing still rests on them.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("About 300 fighters remain in Mosul, Mr Ode said.")
    >>> _ = build([d / "a.txt"], store=d / "s")
    >>> remove(["a", "b"], store=d / "s").as_dict()["missing"]
    ['b']
    """
    from .rdf import article_iri
    target = open_store(store, endpoint, existing=True, **remote)
    summary = RemoveSummary()
    try:
        for aid in dict.fromkeys(article_ids):  # each once, in the order given
            graph = article_iri(aid)
            if target.query(f"ASK {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }}").boolean:
                target.drop_graph(graph)
                summary.removed.append(aid)
            else:
                summary.missing.append(aid)
        if summary.removed:
            summary.corpus = _corpus_step(target, progress=progress)
    finally:
        if hasattr(target, "close"):
            target.close()
    return summary


def load(endpoint: str, *, store: str | Path | None = None, path: str | Path | None = None,
         progress: bool | None = False, **remote) -> LoadSummary:
    """Push every article graph of the embedded store (or of an RDF file) to a SPARQL server, one
    Graph Store Protocol PUT per graph: a retried or repeated load replaces, never duplicates.

    Then the server's derived graphs (copies, merges, contradictions, counts, listings) are made
    to cover every article it holds, not only those loaded: when it holds exactly the source's
    articles, the source's own derived graphs are sent; otherwise the corpus step runs on the
    server, as after ``kg build --endpoint``.
    """
    from pyoxigraph import NamedNode
    from .rdf import DERIVED_GRAPHS
    from .store import LocalStore, RemoteStore
    target = RemoteStore(endpoint, **remote)
    summary = LoadSummary()
    if path is not None:
        source = LocalStore.in_memory()
        for graph, data in _graphs_of_file(Path(path)):
            source.put_graph(graph, data)
    else:
        source = open_store(store, existing=True)
    try:
        held = source.graphs()
        for graph in _progress([g for g in held if g not in DERIVED_GRAPHS], "load", progress):
            if isinstance(graph, NamedNode):
                _put(source, target, graph, summary)
        if not summary.failed:  # else the server's articles are not all in: the next load links
            summary.corpus = _link_loaded(source, target, set(held), summary, progress)
    finally:
        source.close()
    return summary


def _put(source, target, graph, summary: LoadSummary) -> None:
    data = source.graph_nquads(graph)
    try:
        target.put_graph(graph, data)
    except StoreError as exc:
        summary.failed.append(Failure(graph.value, str(exc)))
        return
    summary.graphs += 1
    summary.triples += data.count(b"\n")


def _link_loaded(source, target, held: set, summary: LoadSummary, progress: bool | None) -> dict:
    """The corpus step on the server ``target`` once ``source``'s article graphs are in it: the
    source's derived graphs (of those it ``held``) sent as they are when its mark says they were
    computed from the very articles the server now holds (kg.corpus.last_found), else computed
    on the server."""
    from .corpus import articles_state, last_found
    from .rdf import DERIVED_GRAPHS, LISTINGS_GRAPH
    found = last_found(source, articles_state(target))
    if found is None:
        return _corpus_step(target, progress=progress)
    target.drop_graph(LISTINGS_GRAPH)  # the old mark goes first, as in kg.corpus.link
    for graph in DERIVED_GRAPHS:
        if graph in held:
            _put(source, target, graph, summary)
        elif graph != LISTINGS_GRAPH:
            target.drop_graph(graph)  # the source found nothing to link: neither may the server
    return {**found, "kept": True}


def _graphs_of_file(path: Path):
    from collections import defaultdict
    from pyoxigraph import NamedNode
    by_graph: dict = defaultdict(list)
    for q in read_file(path):
        if isinstance(q.graph_name, NamedNode):
            by_graph[q.graph_name].append(q)
    for graph, quads in by_graph.items():
        yield graph, serialize(quads, format=RdfFormat.N_QUADS)


def validate(*, store: str | Path | None = None, path: str | Path | None = None, workers: int | None = None,
             progress: bool | None = False):
    """SHACL-validate the embedded store (article graph by article graph, in ``workers``
    processes: by default one per core for a large store), or an RDF file (TriG, N-Quads,
    Turtle, N-Triples, JSON-LD, RDF/XML)."""
    from .shacl import validate_quads, validate_store
    if path is not None:
        return validate_quads(read_file(Path(path)))
    st = open_store(store, existing=True)
    with _progress(None, "validate", progress, lambda: len(st.graphs()), unit=" graphs") as bar:
        return validate_store(st, workers=workers, done=bar.update)


def read_file(path: Path) -> list[Quad]:
    """Parse an RDF file, its format told by the suffix."""
    from .store import read_rdf
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise RdfError(f"{path}: unknown RDF file type {path.suffix!r} (.trig, .nq, .ttl, .nt, .jsonld, .rdf)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    return read_rdf(data, fmt, str(path))


def query(name_or_file: str, params: dict | None = None, *, store: str | Path | None = None,
          endpoint: str | None = None, timeout: float | None = 60.0, allow_update: bool = False,
          allow_service: bool = False, limit: int | None = None, offset: int = 0, **remote):
    """Run a named query (or a ``.rq`` file) with parameters bound as RDF terms; with ``limit``
    and ``offset``, only that window of its rows (a named query without parameters reads the
    answer kg build stored: see :func:`kg.sparql.run_named`).

    Updates, ``LOAD`` and ``SERVICE`` are refused unless allowed; the query gives up after ``timeout`` s.
    """
    from .sparql import run_named
    if endpoint and timeout is not None:
        remote.setdefault("timeout", timeout)  # the server's requests give up with the query
    target = open_store(store, endpoint, existing=True, **remote)
    return run_named(name_or_file, target, params, timeout=timeout,
                     allow_update=allow_update, allow_service=allow_service, limit=limit, offset=offset)


def to_networkx(*, store: str | Path | None = None, kind: str = "comentions"):
    """The actor co-mention network (``kind="comentions"``) or the full typed graph (``"full"``).

    The co-mentions count as ``kg analyze`` and the counts graph count (kg.canonical): an actor
    merged ``owl:sameAs`` another is that one node, and syndicated copies add no ties. The full
    graph is the store as it is."""
    from .canonical import Canon
    from .network import GraphKind, comentions, full_graph
    from .rdf import LISTINGS_GRAPH
    target = open_store(store, existing=True)
    quads = (q for q in target.quads() if q.graph_name != LISTINGS_GRAPH)  # a cache, not facts
    if GraphKind(kind) is GraphKind.COMENTIONS:
        return comentions(Canon.of(target).quads(quads))
    return full_graph(quads)


def analyze(*, store: str | Path | None = None):
    """Most-quoted speakers, central actors, communities and actor–place ties of the store's graph
    (a :class:`kg.analysis.Analysis`; ``kg.analysis.write_outputs`` writes its CSV and networks)."""
    from .analysis import analyze as run
    target = open_store(store, existing=True)
    try:
        return run(target)
    finally:
        target.close()


def report(*, store: str | Path | None = None, output: str | Path = "report.html", title: str = "kg report") -> Path:
    """Write the self-contained HTML report of the store's graph to ``output``; return its path."""
    from .outputs import atomic_write
    from .htmlreport import report as render
    target = open_store(store, existing=True)
    try:
        html = render(target, title=title)
    finally:
        target.close()
    atomic_write(Path(output), html.encode("utf-8"))
    return Path(output)


# ---------------------------------------------------------------- one graph across articles (issue 5)

def estimates(what: str, *, where: str | None = None, store: str | Path | None = None,
              endpoint: str | None = None, **remote) -> list:
    """The series of estimates of one quantity, in time order (:class:`kg.series.Row`s).

    ``what`` is read like an estimate's own words ("ISIS fighters", "Daesh militants", "US troops"):
    what is counted and, optionally, whose; ``where`` is a place name (the estimates' own place,
    not places inside it). Syndicated copies are left out.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("Date: 2019-01-10\\n\\nAbout 300 Daesh fighters remain in Mosul, Mr Ode said.")
    >>> _ = build([d], store=d / "s")
    >>> [(r.shown(), r.speaker_label, r.place_label) for r in estimates("ISIS militants", store=d / "s")]
    [('≈ 300', 'Ode', 'Mosul')]
    """
    from .canonical import merged_actors, syndicated_copies
    from .rdf import actor_iri
    from .resolve import quantity
    from .series import actor_labels, in_time_order, read_estimates
    q = quantity(what)
    if q.counts is None:
        from .errors import QueryError
        raise QueryError(f"cannot tell what {what!r} counts; give a noun, e.g. 'ISIS fighters'")
    target = open_store(store, endpoint, existing=True, **remote)
    try:
        canon = merged_actors(target)
        rows = read_estimates(target, canon=canon, labels=actor_labels(target), skip=syndicated_copies(target))
    finally:
        if hasattr(target, "close"):
            target.close()
    owner = canon.get(actor_iri(q.owner).value, actor_iri(q.owner).value) if q.owner else None
    place = where.casefold() if where else None
    return in_time_order(r for r in rows if r.counts == q.counts and (owner is None or r.owner == owner)
                         and (place is None or (r.place_label or "").casefold() == place))


def conflicts(*, store: str | Path | None = None, endpoint: str | None = None, **remote) -> list:
    """The contradictions flagged in the graph (:class:`kg.series.Conflict`), each with both estimates."""
    from .series import actor_labels, read_estimates, stored_conflicts
    target = open_store(store, endpoint, existing=True, **remote)
    try:
        rows = read_estimates(target, labels=actor_labels(target))
        return stored_conflicts(target, rows)
    finally:
        if hasattr(target, "close"):
            target.close()


def explain(actor: str, *, store: str | Path | None = None, endpoint: str | None = None, **remote) -> list:
    """How the actor named ``actor`` (a name or alias) was resolved: every mention merged into it
    across the corpus, with the rule that merged it (:class:`kg.resolve.Explanation`s).
    Raises :class:`kg.errors.QueryError` when no actor has that name."""
    from .resolve import explain as run
    target = open_store(store, endpoint, existing=True, **remote)
    try:
        return run(target, actor)
    finally:
        if hasattr(target, "close"):
            target.close()
