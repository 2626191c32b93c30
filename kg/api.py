"""The Python API, mirroring the CLI: extract, build, validate, query, to_networkx.

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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, serialize

from .articles import read_articles
from .errors import InputError, RdfError
from .facts import Article, Facts

DEFAULT_STORE = Path(os.environ.get("KG_STORE", "kg-store"))


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
        suffixes = {".trig": cls.TRIG, ".nq": cls.NQUADS, ".ttl": cls.TURTLE, ".jsonld": cls.JSONLD,
                    ".json": cls.JSONLD}
        try:
            return suffixes[path.suffix.lower()]
        except KeyError:
            raise RdfError(f"{path}: cannot tell the RDF format from {path.suffix or 'no suffix'!r}; "
                           f"use one of {', '.join(suffixes)} or give a format") from None


@dataclass
class Failure:
    source: str
    reason: str


@dataclass
class BuildSummary:
    """What a build did: articles read and built, triples written, and what failed and why."""

    built: int = 0
    triples: int = 0
    failed: list[Failure] = field(default_factory=list)
    output: str | None = None
    store: str | None = None

    def as_dict(self) -> dict:
        return {"built": self.built, "failed": len(self.failed), "triples": self.triples,
                "errors": [{"source": f.source, "reason": f.reason} for f in self.failed],
                "output": self.output, "store": self.store}


def _progress(items: Iterable, desc: str, show: bool | None):
    from tqdm import tqdm
    return tqdm(items, desc=desc, unit=" articles", disable=not (sys.stderr.isatty() if show is None else show),
                file=sys.stderr)


def extract(inputs: Iterable[str | Path | Article], *, errors: list[Failure] | None = None,
            progress: bool | None = False) -> Iterator[Facts]:
    """Facts for every article in ``inputs`` (paths to .txt files, folders, JSON Lines, or Articles).

    With ``errors``, bad inputs are appended there and skipped instead of raising.
    """
    from .pipeline import extract as run
    on_input = None if errors is None else (lambda exc: errors.append(Failure(str(exc).split(": ")[0], str(exc))))
    on_article = None if errors is None else (lambda a, exc: errors.append(Failure(a.id, f"{type(exc).__name__}: {exc}")))
    paths = [i for i in inputs if not isinstance(i, Article)]
    given = [i for i in inputs if isinstance(i, Article)]
    articles = (*given, *read_articles(paths, on_error=on_input)) if paths else given
    yield from run(_progress(articles, "extract", progress), on_error=on_article)


def open_store(store: str | Path | None = None, endpoint: str | None = None, **remote):
    """The embedded store at ``store`` (default ``./kg-store`` or $KG_STORE), or a SPARQL endpoint."""
    from .store import LocalStore, RemoteStore
    if endpoint:
        return RemoteStore(endpoint, **remote)
    return LocalStore(store or DEFAULT_STORE)


def build(inputs: Iterable[str | Path | Article], *, output: str | Path | None = None,
          fmt: RdfOutput | str | None = None, store: str | Path | None = None, endpoint: str | None = None,
          use_store: bool = True, progress: bool | None = False) -> BuildSummary:
    """Extract facts and write them as RDF: one named graph per article, into the store and/or a file.

    Re-building an article replaces its graph. A failing article is recorded in the summary
    and the others are still built.
    """
    from .outputs import atomic_open
    from .rdf import article_iri, to_quads
    summary = BuildSummary()
    target = open_store(store, endpoint) if (use_store or endpoint) else None
    if target is not None:
        summary.store = endpoint or str(target.path)
    out_path = Path(output) if output else None
    out_fmt = RdfOutput(fmt) if fmt else (RdfOutput.for_path(out_path) if out_path else None)
    streaming = out_fmt is RdfOutput.NQUADS
    kept: list[Quad] = []

    def each(fh):
        for facts in extract(inputs, errors=summary.failed, progress=progress):
            try:
                quads = to_quads(facts)
            except ValueError as exc:  # an unmappable fact loses its article, not the corpus
                summary.failed.append(Failure(facts.article.id, f"RDF mapping failed: {exc}"))
                continue
            if target is not None:
                target.put_graph(article_iri(facts.article.id), quads)
            if fh is not None and streaming:
                fh.write(serialize(quads, format=RdfFormat.N_QUADS))
            elif fh is not None:
                kept.extend(quads)
            summary.built += 1
            summary.triples += len(quads)
        if fh is not None and not streaming:
            fmt_ = out_fmt.rdf_format
            data = (q.triple for q in kept) if fmt_ is RdfFormat.TURTLE else kept
            from .vocab import PREFIXES
            fh.write(serialize(data, format=fmt_, prefixes=PREFIXES if fmt_ in (RdfFormat.TURTLE, RdfFormat.TRIG) else None))

    if out_path is not None:
        with atomic_open(out_path) as fh:
            each(fh)
        summary.output = str(out_path)
    else:
        each(None)
    return summary


def validate(*, store: str | Path | None = None, path: str | Path | None = None):
    """SHACL-validate the embedded store, or an RDF file (TriG, N-Quads, Turtle, N-Triples, JSON-LD)."""
    from .validate import validate_quads
    if path is not None:
        return validate_quads(read_file(Path(path)))
    return validate_quads(open_store(store).quads())


def read_file(path: Path) -> list[Quad]:
    """Parse an RDF file, its format told by the suffix."""
    from .store import read_rdf
    fmt = {".trig": RdfFormat.TRIG, ".nq": RdfFormat.N_QUADS, ".ttl": RdfFormat.TURTLE,
           ".nt": RdfFormat.N_TRIPLES, ".jsonld": RdfFormat.JSON_LD, ".json": RdfFormat.JSON_LD}.get(path.suffix.lower())
    if fmt is None:
        raise RdfError(f"{path}: unknown RDF file type {path.suffix!r} (.trig, .nq, .ttl, .nt, .jsonld)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    return read_rdf(data, fmt, str(path))


def query(name_or_file: str, params: dict | None = None, *, store: str | Path | None = None,
          endpoint: str | None = None):
    """Run a named query (or a ``.rq`` file) with parameters bound as RDF terms."""
    from .query import load_query, run
    return run(load_query(name_or_file), open_store(store, endpoint), params)


def to_networkx(*, store: str | Path | None = None, kind: str = "comentions"):
    """The actor co-mention network (``kind="comentions"``) or the full typed graph (``"full"``)."""
    from .network import GraphKind, comentions, full_graph
    quads = open_store(store).quads()
    return comentions(quads) if GraphKind(kind) is GraphKind.COMENTIONS else full_graph(quads)
