"""SHACL validation of kg graphs with the shapes in ``shapes/``.

Two engines give the same report: pyshacl-turbo (Rust; the default, about ten times faster
than pySHACL at a million triples, and it reads a pyoxigraph Store directly) and pySHACL
(``engine="pyshacl"``, the reference implementation; tests/test_validate.py checks that both agree).

>>> from kg.facts import Article, Facts
>>> from kg.rdf import to_quads
>>> report = validate_quads(to_quads(Facts(article=Article(id="a", text="Calm."))))
>>> report.conforms, report.violations
(True, 0)
"""
from __future__ import annotations

import contextlib
import functools
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pyoxigraph import Quad, RdfFormat, serialize

from .errors import ValidationError
from .resources import folder

SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True, slots=True)
class Finding:
    severity: str     # Violation | Warning | Info
    focus: str
    path: str | None
    message: str


@dataclass(frozen=True, slots=True)
class Report:
    """The outcome of a validation: conforming unless there is at least one violation."""

    findings: tuple[Finding, ...] = field(default=())

    @property
    def violations(self) -> int:
        return sum(f.severity == "Violation" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "Warning" for f in self.findings)

    @property
    def conforms(self) -> bool:
        return self.violations == 0

    def text(self) -> str:
        """A readable report: one line per finding, then a summary line."""
        lines = [f"{f.severity.upper():9} {f.focus}" + (f"  [{f.path}]" if f.path else "") + f"\n          {f.message}"
                 for f in sorted(self.findings, key=lambda f: (f.severity != "Violation", f.focus))]
        verdict = "conforms" if self.conforms else "does NOT conform"
        lines.append(f"Graph {verdict}: {self.violations} violation(s), {self.warnings} warning(s).")
        return "\n".join(lines)


@functools.cache
def _shapes():
    import rdflib
    g = rdflib.Graph()
    for item in folder("shapes").iterdir():
        if item.name.endswith(".ttl"):
            g.parse(data=item.read_text("utf-8"), format="turtle")
    return g


ENGINES = ("turbo", "pyshacl")


def validate_quads(quads: Iterable[Quad], *, engine: str = "turbo") -> Report:
    """Validate the union of ``quads`` (graph names dropped) against every shape."""
    if engine == "turbo":
        from pyoxigraph import DefaultGraph, Store
        data = Store()
        data.extend(Quad(q.subject, q.predicate, q.object, DefaultGraph()) for q in quads)
        return _run_turbo(data)
    if engine != "pyshacl":
        raise ValidationError(f"unknown SHACL engine {engine!r} (one of {', '.join(ENGINES)})")
    import rdflib
    from pyshacl import validate as shacl
    data = rdflib.Graph()
    nt = serialize((q.triple for q in quads), format=RdfFormat.N_TRIPLES)
    if nt:
        data.parse(data=nt, format="nt")
    try:
        _, results, _ = shacl(data, shacl_graph=_shapes(), inference="none", advanced=True)
    except Exception as exc:  # pyshacl raises bare Exceptions for broken shapes
        raise ValidationError(f"SHACL validation could not run: {exc}") from exc
    return _report(results)


@functools.cache
def _compiled():
    """The shapes compiled once per process: compiling them anew for each article graph was a
    fifth of a per-article validation."""
    from pyshacl_turbo import compile_shapes
    try:
        return compile_shapes(_shapes(), advanced=True)
    except Exception as exc:  # broken shapes, whatever the engine calls it
        raise ValidationError(f"SHACL validation could not run: {exc}") from exc


def _run_turbo(store) -> Report:
    """pyshacl-turbo on a pyoxigraph Store: it validates the union of the store's graphs."""
    program = _compiled()
    try:
        _, results, _ = program.validate(store, inference="none")
    except Exception as exc:  # broken data, whatever the engine calls it
        raise ValidationError(f"SHACL validation could not run: {exc}") from exc
    return _report(results)


def _report(results) -> Report:
    """Our findings from a SHACL validation report graph (rdflib), in a stable order."""
    import rdflib
    ns = rdflib.Namespace(SH)
    findings = []
    for r in results.subjects(rdflib.RDF.type, ns.ValidationResult):
        sev = str(results.value(r, ns.resultSeverity)).removeprefix(SH)
        path = results.value(r, ns.resultPath)
        msgs = sorted(str(m) for m in results.objects(r, ns.resultMessage))
        findings.append(Finding(sev, str(results.value(r, ns.focusNode)),
                                str(path) if isinstance(path, rdflib.URIRef) else None,
                                msgs[0] if msgs else "constraint not met"))
    return Report(tuple(sorted(findings, key=lambda f: (f.severity, f.focus, f.path or "", f.message))))


def _validate_nquads(data: bytes, engine: str = "turbo") -> tuple[Finding, ...]:
    from pyoxigraph import Store, parse
    if engine == "turbo":
        store = Store()
        store.load(data, format=RdfFormat.N_QUADS)
        return _run_turbo(store).findings
    return validate_quads(parse(data, format=RdfFormat.N_QUADS), engine=engine).findings


@functools.cache
def _read_only(path: str):
    from pyoxigraph import Store
    return Store.read_only(path)


def _validate_graphs(work: tuple[str, list[str]], engine: str) -> tuple[Finding, ...]:
    """Validate some graphs of the on-disk store at ``path`` (in a worker process)."""
    from pyoxigraph import NamedNode
    path, graphs = work
    return _each(_read_only(path), [NamedNode(g) for g in graphs], engine)


def _validate_texts(texts: Iterable[bytes], engine: str) -> tuple[Finding, ...]:
    """Validate each graph's N-Triples on its own (in a worker process)."""
    return tuple(f for text in texts for f in _validate_nquads(text, engine))


def _each(store, graphs, engine: str) -> tuple[Finding, ...]:
    """The findings of every graph validated on its own. Not their union: two articles may
    describe one IRI differently (a place each placed by its own context at a different point),
    and in a union that looks like one place with two latitudes. One run per graph costs about
    what one run per hundred does (2.8 s against 2.5 s for 200 BBC graphs)."""
    return _validate_texts((_ntriples(store, [g]) for g in graphs), engine)


def _ntriples(store, graphs) -> bytes:
    """The triples of ``graphs`` that the shapes can read (N-Triples are N-Quads without graph
    names: both engines validate the union anyway), written by Oxigraph without a round trip
    through Python terms. A triple whose predicate the shapes never name (an article's text, a
    mention's words) cannot change a finding, and leaving them out makes validation cheaper."""
    read = _read_predicates()
    dumps = (store.dump(format=RdfFormat.N_TRIPLES, from_graph=g) for g in graphs)
    if read is None:
        return b"".join(dumps)
    # an N-Triples line starts with its subject and predicate, neither holding a space
    return b"".join(line for text in dumps for line in text.splitlines(keepends=True)
                    if line.split(b" ", 2)[1] in read)


@functools.cache
def _read_predicates() -> frozenset[bytes] | None:
    """Every IRI the shapes name, with rdf:type and rdfs:subClassOf (targets and sh:class follow
    them), as N-Triples terms: more than the predicates the shapes read, never fewer. ``None``
    (keep every triple) if a shape is closed or runs SPARQL: those can read any predicate."""
    import rdflib
    shapes = _shapes()
    if any(p in (rdflib.URIRef(SH + "closed"), rdflib.URIRef(SH + "sparql")) for p in shapes.predicates()):
        return None
    iris = {t for triple in shapes for t in triple if isinstance(t, rdflib.URIRef)}
    iris |= {rdflib.RDF.type, rdflib.RDFS.subClassOf}
    return frozenset(f"<{iri}>".encode() for iri in iris)


# Below this many article graphs one process validates them: starting a second costs about
# what validating a few hundred graphs does.
MANY_GRAPHS = 500


def validate_store(store, *, workers: int | None = None, batch: int | None = None, engine: str = "turbo",
                   done: Callable[[int], None] | None = None) -> Report:
    """Validate every article graph of a :class:`~kg.store.LocalStore` on its own (the shapes
    look only at one article's triples: a fact, its article, its mentions), in ``workers``
    processes that each take ``batch`` graphs at a time. Never the whole store at once: both
    engines take more than linear time on a large graph (pyshacl-turbo on the 1.4M-triple BBC
    store at once: 93 s), and a union would mix articles' descriptions of shared IRIs.

    ``workers=None``: one per core for a store of :data:`MANY_GRAPHS` graphs or more (the on-disk
    BBC store on 2 cores: 14 s in 2 processes against 27 s in 1), else one. ``done(n)`` is told each time
    ``n`` more graphs are validated (a progress bar).
    """
    if engine not in ENGINES:
        raise ValidationError(f"unknown SHACL engine {engine!r} (one of {', '.join(ENGINES)})")
    batch = batch or 100
    graphs = store.graphs()
    workers = auto_workers(len(graphs)) if workers is None else workers
    batches = [graphs[i:i + batch] for i in range(0, len(graphs), batch)]
    findings: list[Finding] = []
    with contextlib.ExitStack() as stack:
        if workers <= 1:
            results = (_each(store.store, part, engine) for part in batches)
        else:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor
            # An on-disk store is read by the workers themselves, each opening it read-only: reading
            # graphs back from disk is a third of the time, and one reader would hold up the others.
            if getattr(store, "on_disk", False):
                work = [(str(store.path), [g.value for g in part]) for part in batches]
                run = _validate_graphs
            else:
                work = [[_ntriples(store.store, [g]) for g in part] for part in batches]
                run = _validate_texts
            pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
            stack.callback(pool.shutdown, cancel_futures=True)  # on an error or Ctrl-C the queued batches go
            results = pool.map(run, work, itertools.repeat(engine))
        for part, found in zip(batches, results):
            findings.extend(found)
            if done is not None:
                done(len(part))
    return Report(tuple(sorted(findings, key=lambda f: (f.severity, f.focus, f.path or "", f.message))))


def auto_workers(graphs: int) -> int:
    """Validation processes for a store of ``graphs`` graphs: one per core this process may run
    on for :data:`MANY_GRAPHS` or more, else one."""
    from .runner import usable_cores
    return usable_cores() if graphs >= MANY_GRAPHS else 1
