"""Triplestores behind one small interface: put a named graph, drop it, query, count.

:class:`LocalStore` is the embedded on-disk default (pyoxigraph); :class:`RemoteStore`
speaks SPARQL 1.1 over HTTP to any server (queries with SPARQLWrapper, graphs with the
Graph Store HTTP Protocol, PUT per graph so that a retry replaces rather than duplicates).

>>> import tempfile
>>> from pyoxigraph import NamedNode, Quad, Literal
>>> g = NamedNode("http://example.org/g")
>>> store = LocalStore(tempfile.mkdtemp())
>>> store.put_graph(g, [Quad(NamedNode("http://example.org/s"), NamedNode("http://example.org/p"), Literal("o"), g)])
>>> store.put_graph(g, [Quad(NamedNode("http://example.org/s"), NamedNode("http://example.org/p"), Literal("o"), g)])
>>> len(store)
1
"""
from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from pathlib import Path

from pyoxigraph import (DefaultGraph, Literal, NamedNode, Quad, QueryBoolean, QuerySolutions, RdfFormat,
                        Store, parse, serialize)

from .errors import QueryError, StoreError
from .vocab import PREFIXES

Term = NamedNode | Literal


class Result:
    """A query's answer: column names and rows of RDF terms (``None`` where unbound), or a boolean."""

    def __init__(self, columns: list[str], rows: list[tuple[Term | None, ...]], boolean: bool | None = None):
        self.columns, self.rows, self.boolean = columns, rows, boolean


class LocalStore:
    """The embedded on-disk store, opened lazily at ``path``."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            try:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = Store(str(self.path))
            except OSError as exc:
                raise StoreError(f"cannot open the store at {self.path}: {exc}") from exc
        return self._store

    def put_graph(self, graph: NamedNode, quads: Iterable[Quad]) -> None:
        """Replace ``graph`` with ``quads`` (so a re-build never duplicates).

        Not a SPARQL ``INSERT DATA``: Oxigraph's SPARQL parser rewrites derived integer types
        (``xsd:nonNegativeInteger`` becomes ``xsd:integer``), and the store must hold exactly
        the triples a file export holds. ``extend`` is itself transactional.
        """
        self.store.remove_graph(graph)
        self.store.extend(Quad(q.subject, q.predicate, q.object, graph) for q in quads)

    def drop_graph(self, graph: NamedNode) -> None:
        self.store.update(f"DROP SILENT GRAPH {graph}")

    def graphs(self) -> list[NamedNode]:
        return sorted(self.store.named_graphs(), key=str)

    def quads(self) -> Iterable[Quad]:
        return self.store.quads_for_pattern(None, None, None, None)

    def __len__(self) -> int:
        return len(self.store)

    def query(self, sparql: str) -> Result:
        """Run a query over the union of all article graphs."""
        try:
            answer = self.store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {exc}") from None
        if isinstance(answer, QueryBoolean):
            return Result([], [], bool(answer))
        if not isinstance(answer, QuerySolutions):
            raise QueryError("CONSTRUCT and DESCRIBE are not supported by kg query; use SELECT or ASK")
        columns = [v.value for v in answer.variables]
        return Result(columns, [tuple(sol[c] for c in columns) for sol in answer])


class RemoteStore:
    """A SPARQL 1.1 server: ``query_url`` for queries, ``store_url`` for the Graph Store Protocol."""

    def __init__(self, query_url: str, *, store_url: str | None = None, user: str | None = None,
                 password: str | None = None, timeout: float = 30.0):
        self.query_url = query_url
        self.store_url = store_url or query_url.rsplit("/", 1)[0] + "/store"
        self.timeout = timeout
        self._auth = (user, password) if user else None

    def _request(self, method: str, url: str, body: bytes | None = None, ctype: str | None = None) -> bytes:
        req = urllib.request.Request(url, data=body, method=method)
        if ctype:
            req.add_header("Content-Type", ctype)
        if self._auth:
            token = base64.b64encode(f"{self._auth[0]}:{self._auth[1] or ''}".encode()).decode()
            req.add_header("Authorization", f"Basic {token}")
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:300].decode("utf-8", "replace")
            raise StoreError(f"{method} {url}: HTTP {exc.code} {exc.reason}: {detail}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise StoreError(f"{method} {url}: {getattr(exc, 'reason', exc)}") from None

    def put_graph(self, graph: NamedNode, quads: Iterable[Quad]) -> None:
        body = serialize((q.triple for q in quads), format=RdfFormat.N_TRIPLES)
        url = f"{self.store_url}?graph={urllib.parse.quote(graph.value, safe='')}"
        self._request("PUT", url, body, "application/n-triples")

    def drop_graph(self, graph: NamedNode) -> None:
        try:
            self._request("DELETE", f"{self.store_url}?graph={urllib.parse.quote(graph.value, safe='')}")
        except StoreError as exc:
            if "HTTP 404" not in str(exc):
                raise

    def __len__(self) -> int:
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        return int(rows[0][0].value) if rows and rows[0][0] is not None else 0

    def query(self, sparql: str) -> Result:
        """Run a query on the server (its default graph should be the union of the graphs)."""
        from SPARQLWrapper import JSON, POST, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException
        text = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items()) + sparql
        client = SPARQLWrapper(self.query_url)
        client.setMethod(POST)
        client.setReturnFormat(JSON)
        client.setTimeout(int(self.timeout))
        client.setQuery(text)
        if self._auth:
            client.setCredentials(*self._auth)
        try:
            data = client.queryAndConvert()
        except SPARQLWrapperException as exc:
            raise QueryError(f"{self.query_url}: {exc}") from None
        except (urllib.error.URLError, OSError, json.JSONDecodeError) as exc:
            raise StoreError(f"{self.query_url}: {getattr(exc, 'reason', exc)}") from None
        if "boolean" in data:
            return Result([], [], bool(data["boolean"]))
        columns = data["head"]["vars"]
        rows = [tuple(_term(b.get(c)) for c in columns) for b in data["results"]["bindings"]]
        return Result(columns, rows)


def _term(b: dict | None) -> Term | None:
    if b is None:
        return None
    if b["type"] == "uri":
        return NamedNode(b["value"])
    if "xml:lang" in b:
        return Literal(b["value"], language=b["xml:lang"])
    if "datatype" in b:
        return Literal(b["value"], datatype=NamedNode(b["datatype"]))
    return Literal(b["value"])


def read_rdf(data: bytes, fmt: RdfFormat, where: str) -> list[Quad]:
    """Parse RDF bytes into quads, naming the file and the problem when they are malformed."""
    try:
        return [q if isinstance(q, Quad) else Quad(q.subject, q.predicate, q.object, DefaultGraph())
                for q in parse(data, format=fmt)]
    except SyntaxError as exc:
        from .errors import RdfError
        raise RdfError(f"{where}: malformed {fmt.name}: {exc}") from None
