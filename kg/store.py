"""Triplestores behind one small interface: put a named graph, drop it, query, count.

:class:`LocalStore` is the embedded on-disk default (pyoxigraph); :class:`RemoteStore`
speaks SPARQL 1.1 over HTTP to any server (queries with SPARQLWrapper, graphs with the
Graph Store HTTP Protocol, PUT per graph so that a retry replaces rather than duplicates).

>>> import tempfile
>>> from pyoxigraph import NamedNode
>>> g = NamedNode("http://example.org/g")
>>> store = LocalStore(tempfile.mkdtemp())
>>> data = b'<http://example.org/s> <http://example.org/p> "o" <http://example.org/g> .\\n'
>>> store.put_graph(g, data)
>>> store.put_graph(g, data)
>>> len(store)
1
"""
from __future__ import annotations

import base64
import hashlib
import itertools
import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from pathlib import Path

from pyoxigraph import (DefaultGraph, Literal, NamedNode, Quad, QueryBoolean, QuerySolutions, RdfFormat,
                        Store, parse, serialize)

from .errors import QueryError, RdfError, StoreError
from .heap import give_back
from .vocab import PREFIXES

Term = NamedNode | Literal


class Result:
    """A query's answer: column names and rows of RDF terms (``None`` where unbound), or a boolean.

    A page of a longer answer (``kg query --limit/--offset``) says where it starts (``offset``),
    and either how many rows the whole answer has (``total``) or only that more follow (``more``).
    """

    def __init__(self, columns: list[str], rows: list[tuple[Term | None, ...]], boolean: bool | None = None,
                 *, total: int | None = None, offset: int = 0, more: bool = False):
        self.columns, self.rows, self.boolean = columns, rows, boolean
        self.total, self.offset = total, offset
        self.more = more or (total is not None and offset + len(rows) < total)


_BUILT_MARK = NamedNode("https://w3id.org/kg-news/ontology#contentHash")
_BUILT_MARK_BYTES = b"<https://w3id.org/kg-news/ontology#contentHash>"
_HASHES = """
PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
SELECT ?g ?hash ?version WHERE { GRAPH ?g {
  ?g kg:contentHash ?hash . ?x prov:used ?g ; prov:wasAssociatedWith/schema:softwareVersion ?version } }
"""


def _split_marks(nquads: bytes) -> tuple[list[memoryview], bytes]:
    """A graph's N-Quads without its ``kg:contentHash`` lines, as views of ``nquads`` (a batch's
    graphs are joined once, so a graph's text is never copied twice), and those lines (one per
    article graph: found with ``find`` rather than by splitting every line, the hot path of a
    build)."""
    view = memoryview(nquads)
    body, marked, at = [], [], 0
    while (hit := nquads.find(_BUILT_MARK_BYTES, at)) >= 0:
        start = nquads.rfind(b"\n", 0, hit) + 1
        end = nquads.find(b"\n", hit)
        end = len(nquads) if end < 0 else end + 1
        body.append(view[at:start])
        marked.append(nquads[start:end])
        at = end
    body.append(view[at:])
    tail = b"" if not marked or marked[-1].endswith(b"\n") else b"\n"
    return body, b"".join(marked) + tail


def _digest(line: bytes) -> bytes:
    return hashlib.blake2b(line, digest_size=16).digest()


def _stored_form(nquads: bytes) -> list[bytes]:
    """The lines of ``nquads`` as the store gives them back: Oxigraph stores numbers by value
    ("370763.0"^^xsd:decimal comes back as "370763"), so text is compared in that form."""
    scratch = Store()
    try:
        scratch.bulk_load(nquads, format=RdfFormat.N_QUADS)
    except SyntaxError as exc:
        raise RdfError(f"malformed N-Quads: {exc}") from None
    return serialize(scratch, format=RdfFormat.N_QUADS).splitlines(keepends=True)


def _hashes(result: Result) -> dict[str, str]:
    return {g.value: f"{h.value} {v.value}" for g, h, v in result.rows if g is not None}


_OPENING = threading.Lock()


class LocalStore:
    """The embedded on-disk store, opened lazily at ``path``.

    One process at a time may open it (RocksDB locks the folder). Oxigraph's read-only instance
    takes no lock, but reading while another process writes is undefined behaviour there: a
    read-only open during a write failed in our tests on files the writer had just deleted.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._store: Store | None = None

    @classmethod
    def in_memory(cls) -> LocalStore:
        """A store held in memory only (for loading a file's graphs, or tests)."""
        store = cls("<memory>")
        store._store = Store()
        return store

    @property
    def on_disk(self) -> bool:
        """Whether the store lives in a folder (which other processes may open read-only)."""
        return str(self.path) != "<memory>"

    @property
    def store(self) -> Store:
        if self._store is None:
            with _OPENING:  # two threads opening it at once would both take the folder's lock
                if self._store is None:
                    try:
                        self.path.mkdir(parents=True, exist_ok=True)
                        self._store = Store(str(self.path))
                    except OSError as exc:
                        raise StoreError(self._cannot_open(exc)) from exc
        return self._store

    def exists(self) -> bool:
        """Whether the folder holds a store (one written by kg or Oxigraph)."""
        return not self.on_disk or (self.path / "CURRENT").is_file()

    def _cannot_open(self, exc: OSError) -> str:
        if "While lock file" in str(exc):  # RocksDB's lock: another process has the store open
            return (f"the store at {self.path} is in use by another process (another kg command still "
                    f"running?); wait for it to end, or give another --store")
        return f"cannot open the store at {self.path}: {exc}"

    def open(self) -> LocalStore:
        """Open the store now rather than at its first use (raises :class:`kg.errors.StoreError`)."""
        _ = self.store
        return self

    def close(self) -> None:
        """Release the on-disk store (its lock), so another LocalStore may open the folder."""
        self._store = None

    def update(self, sparql: str) -> None:
        try:
            self.store.update(sparql, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL update: {exc}") from None

    def put_graph(self, graph: NamedNode, nquads: bytes | Iterable[bytes]) -> None:
        """Replace ``graph`` with the N-Quads ``nquads`` (so a re-build never duplicates): one
        text, or pieces of it written as they come (a large graph of the corpus step, made piece by
        piece, is never held whole).

        Not a SPARQL ``INSERT DATA``: Oxigraph's SPARQL parser rewrites some literals, and the
        store must hold exactly the triples a file export holds.

        A graph the store already holds is changed rather than dropped and written anew: only
        the triples that differ are removed and added. Oxigraph drops a graph in one transaction
        that holds a kilobyte or more per triple (the BBC counts graph, 98k triples: +132 MiB;
        800k: +1 GiB), while a re-link or a re-build changes few of the corpus step's triples.
        Reading the held graph twice takes about the time the drop took; re-linking the BBC store
        peaks at 354 MiB instead of 418.
        """
        pieces = iter([nquads] if isinstance(nquads, bytes) else nquads)
        first = next(pieces, None)
        if first is None:  # no piece at all: an empty graph
            self.drop_graph(graph)
            return
        pieces = itertools.chain([first], pieces)
        if not self.store.contains_named_graph(graph):
            for piece in pieces:
                self._put([(graph, piece)], replace=False)
            return
        stale = {_digest(line) for _, line in self._stored_lines(graph)}  # what the store holds now
        wanted = 0
        for piece in pieces:
            fresh = []
            for line in _stored_form(piece):
                wanted += 1
                held = _digest(line)
                if held in stale:
                    stale.discard(held)  # held and still wanted: kept as it is
                else:
                    fresh.append(line)
            if fresh:
                self._put([(graph, b"".join(fresh))], replace=False)
        # held and no longer wanted (a triple just added was never in stale); none: no second read
        for quad in [q for q, line in self._stored_lines(graph) if _digest(line) in stale] if stale else ():
            self.store.remove(quad)
        if not wanted:  # an empty text: no graph, as for a graph never written
            self.store.remove_graph(graph)

    def _stored_lines(self, graph: NamedNode, chunk: int = 10_000):
        """``(quad, its N-Quads line)`` for every triple of ``graph``, a chunk at a time."""
        quads = self.store.quads_for_pattern(None, None, None, graph)
        while batch := list(itertools.islice(quads, chunk)):
            yield from zip(batch, serialize(batch, format=RdfFormat.N_QUADS).splitlines(keepends=True))

    def put_graphs(self, graphs: list[tuple[NamedNode, bytes]], *, trusted: bool = False) -> None:
        """Replace several graphs at once.

        Speed: the quads go in with Oxigraph's bulk loader, several times faster than a
        transaction per article. Safety: the bulk loader is not atomic, so each article's
        ``kg:contentHash`` triple, the mark that it is built, is held back and written in a
        transaction only after its graph is in. A build killed mid-batch leaves graphs without
        that mark, which the next build replaces instead of skipping.

        ``trusted``: the text is :func:`kg.rdf.to_nquads`'s, whose IRIs are valid by
        construction, so the loader skips checking them again (Oxigraph's lenient mode: 10%
        faster). Syntax errors are still found; an invalid IRI would be stored as it is.
        """
        self._put(graphs, trusted=trusted, replace=True)

    def _put(self, graphs: list[tuple[NamedNode, bytes]], *, trusted: bool = False, replace: bool) -> None:
        """Write ``graphs``' N-Quads, first dropping what the store holds of them if ``replace``."""
        parts, marks_data = [], []
        for _, nquads in graphs:
            pieces, marked = _split_marks(nquads)
            parts += pieces
            marks_data.append(marked)
        marked = b"".join(marks_data)
        # one graph without marks (a derived graph of the corpus step) is loaded from its own text
        body = graphs[0][1] if len(graphs) == 1 and not marked else b"".join(parts)
        del parts  # views that would pin the graphs' text through the bulk load
        where = ", ".join(g.value for g, _ in graphs)[:200]
        try:
            marks = list(parse(marked, format=RdfFormat.N_QUADS))
            for graph, _ in graphs if replace else ():
                if self.store.contains_named_graph(graph):
                    self.store.remove_graph(graph)
            # Malformed data stops the bulk load part-way; the graphs then lack their marks,
            # so the next build replaces them.
            give_back()  # what the caller freed goes back first: the load allocates anew
            self.store.bulk_load(body, format=RdfFormat.N_QUADS, lenient=trusted)
        except SyntaxError as exc:
            raise RdfError(f"graphs {where}: malformed N-Quads: {exc}") from None
        self.store.extend(marks)

    def drop_graph(self, graph: NamedNode) -> None:
        self.store.remove_graph(graph)

    def graphs(self) -> list[NamedNode]:
        return sorted(self.store.named_graphs(), key=str)

    def graph_nquads(self, graph: NamedNode) -> bytes:
        return serialize(self.store.quads_for_pattern(None, None, None, graph), format=RdfFormat.N_QUADS)

    def quads(self) -> Iterable[Quad]:
        return self.store.quads_for_pattern(None, None, None, None)

    def __len__(self) -> int:
        return len(self.store)

    def built_hashes(self) -> dict[str, str]:
        """Graph IRI → "content-hash kg-version" of every article already built."""
        return _hashes(self.query(_HASHES))

    def query(self, sparql: str, *, timeout: float | None = None) -> Result:
        """Run a query over the union of all article graphs; give up after ``timeout`` seconds."""
        if timeout is None:
            return self._query(sparql)
        # The embedded engine cannot be interrupted: the query runs on in a daemon thread (which
        # never holds up exit), and the caller gets its error on time.
        box: list = []
        worker = threading.Thread(target=lambda: box.append(self._outcome(sparql)), daemon=True)
        worker.start()
        worker.join(timeout)
        if not box:
            raise QueryError(f"query timed out after {timeout:g} s")
        if isinstance(box[0], Exception):
            raise box[0]
        return box[0]

    def _outcome(self, sparql: str):
        try:
            return self._query(sparql)
        except Exception as exc:  # handed to the waiting caller, which re-raises it
            return exc

    def _query(self, sparql: str) -> Result:
        try:
            answer = self.store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES)
            if isinstance(answer, QueryBoolean):
                return Result([], [], bool(answer))
            if not isinstance(answer, QuerySolutions):
                raise QueryError("CONSTRUCT and DESCRIBE are not supported by kg query; use SELECT or ASK")
            columns = [v.value for v in answer.variables]
            return Result(columns, [tuple(sol) for sol in answer])  # values in column order: twice as fast as by name
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {exc}") from None


class RemoteStore:
    """A SPARQL 1.1 server: ``query_url`` for queries, ``store_url`` for the Graph Store Protocol,
    ``update_url`` for updates. Unless given, the last two are taken beside the query URL as
    Oxigraph names them (``…/query`` → ``…/store``, ``…/update``); other servers name them otherwise
    (Fuseki ``/ds/data``, ``/ds/update``; Virtuoso ``/sparql-graph-crud``, ``/sparql``).

    Graphs are sent with HTTP PUT, one per article, so a retry replaces what a failed attempt
    may have left. Connection errors and 5xx answers are retried ``retries`` times with backoff.
    ``user`` and ``password`` go with every request, by HTTP basic auth, or digest auth with
    ``auth="digest"`` (Virtuoso's ``/sparql-auth`` and ``/sparql-graph-crud-auth`` take only that).
    """

    def __init__(self, query_url: str, *, store_url: str | None = None, update_url: str | None = None,
                 user: str | None = None, password: str | None = None, auth: str = "basic",
                 timeout: float = 30.0, retries: int = 3):
        if auth not in ("basic", "digest"):
            raise ValueError(f"auth must be 'basic' or 'digest', not {auth!r}")
        self.query_url = query_url
        self.store_url = store_url or query_url.rsplit("/", 1)[0] + "/store"
        self.update_url = update_url or query_url.rsplit("/", 1)[0] + "/update"
        self.timeout = timeout
        self.retries = retries
        self._auth = (user, password or "") if user else None
        self._scheme = auth
        self._open = urllib.request.urlopen
        if self._auth and auth == "digest":  # answers the server's challenge: a handler, not a header
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, [self.query_url, self.store_url, self.update_url], *self._auth)
            self._open = urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(passwords)).open

    def _request(self, method: str, url: str, body: bytes | None = None, ctype: str | None = None) -> bytes:
        import time
        req = urllib.request.Request(url, data=body, method=method)
        if ctype:
            req.add_header("Content-Type", ctype)
        if self._auth and self._scheme == "basic":
            token = base64.b64encode(f"{self._auth[0]}:{self._auth[1]}".encode()).decode()
            req.add_header("Authorization", f"Basic {token}")
        for attempt in range(self.retries + 1):
            try:
                with self._open(req, timeout=self.timeout) as resp:
                    return resp.read()
            except urllib.error.HTTPError as exc:
                detail = exc.read()[:300].decode("utf-8", "replace")
                if exc.code == 401:
                    detail = self._refused()
                error = StoreError(f"{method} {url}: HTTP {exc.code} {exc.reason}: {detail}")
                if exc.code < 500:
                    raise error from None
            except (urllib.error.URLError, OSError) as exc:
                error = StoreError(f"{method} {url}: {getattr(exc, 'reason', exc)}")
            if attempt < self.retries:
                time.sleep(min(0.5 * 2 ** attempt, 8))
        raise error

    def _refused(self) -> str:
        if not self._auth:
            return "the server wants a user and password (--user, --password)"
        hint = " (or it wants digest auth: --auth digest)" if self._scheme == "basic" else ""
        return f"the server refused user {self._auth[0]!r} and its password{hint}"

    def update(self, sparql: str) -> None:
        """Send a SPARQL update to the server's update endpoint."""
        self._request("POST", self.update_url, sparql.encode("utf-8"), "application/sparql-update")

    def put_graphs(self, graphs: list[tuple[NamedNode, bytes]], *, trusted: bool = False) -> None:
        for graph, nquads in graphs:
            self.put_graph(graph, nquads)

    def put_graph(self, graph: NamedNode, nquads: bytes | Iterable[bytes]) -> None:
        if not isinstance(nquads, bytes):  # one PUT holds the whole graph
            nquads = b"".join(nquads)
        triples = parse(nquads, format=RdfFormat.N_QUADS)
        body = serialize((q.triple for q in triples), format=RdfFormat.N_TRIPLES)
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

    def built_hashes(self) -> dict[str, str]:
        return _hashes(self.query(_HASHES))

    def query(self, sparql: str, *, timeout: float | None = None) -> Result:
        """Run a query on the server (its default graph should be the union of the graphs)."""
        from SPARQLWrapper import JSON, POST, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException, Unauthorized
        # without comments: SPARQLWrapper guesses the query form from the first keyword anywhere in
        # the text, and a comment's "copies" or "described" made it send a query as an update
        text = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items()) + _without_comments(sparql)
        client = SPARQLWrapper(self.query_url)
        client.setMethod(POST)
        client.setReturnFormat(JSON)
        client.setTimeout(int(timeout or self.timeout))
        client.setQuery(text)
        if self._auth:
            from SPARQLWrapper import BASIC, DIGEST
            client.setHTTPAuth(DIGEST if self._scheme == "digest" else BASIC)
            client.setCredentials(*self._auth)
        try:
            answer = client.query()
            cut = answer.info().get("x-sparql-maxrows")
            data = answer.convert()
        except Unauthorized:
            raise StoreError(f"{self.query_url}: HTTP 401: {self._refused()}") from None
        except SPARQLWrapperException as exc:
            raise QueryError(f"{self.query_url}: {exc}") from None
        except (urllib.error.URLError, OSError, json.JSONDecodeError) as exc:
            raise StoreError(f"{self.query_url}: {getattr(exc, 'reason', exc)}") from None
        if cut:  # Virtuoso's sign that it returned only the first rows, with no error
            raise StoreError(f"{self.query_url}: the server cut its answer at {cut} rows (Virtuoso's "
                             f"ResultSetMaxRows in the [SPARQL] section of virtuoso.ini): raise that limit")
        if not isinstance(data, dict):
            raise StoreError(f"{self.query_url}: the server did not answer with SPARQL JSON results")
        if "boolean" in data:
            return Result([], [], bool(data["boolean"]))
        columns = data["head"]["vars"]
        if columns == ["__ASK_RETVAL"]:  # Virtuoso answers an ASK as a row holding 1 or 0
            found = data["results"]["bindings"]
            return Result([], [], bool(found) and found[0]["__ASK_RETVAL"]["value"] == "1")
        rows = [tuple(_term(b.get(c)) for c in columns) for b in data["results"]["bindings"]]
        return Result(columns, rows)


_TOKENS = re.compile(r'"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                     r"|<[^<>\s]*>|(#[^\n]*)")


def _without_comments(sparql: str) -> str:
    r"""A query's text with its ``#`` comments removed (not a ``#`` inside an IRI or a string).

    >>> _without_comments('# copies\nSELECT ?x WHERE { ?x <http://e.org/#p> "#1" } # described')
    '\nSELECT ?x WHERE { ?x <http://e.org/#p> "#1" } '
    """
    return _TOKENS.sub(lambda m: "" if m.group(1) else m.group(), sparql)


_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


def _term(b: dict | None) -> Term | None:
    """A term of a SPARQL JSON result. Booleans in their canonical form: Virtuoso answers "0"
    and "1", which are xsd:boolean too, where Oxigraph (and the embedded store) give "false" and "true".

    >>> _term({"type": "literal", "value": "0", "datatype": _BOOLEAN}).value
    'false'
    """
    if b is None:
        return None
    if b["type"] == "uri":
        return NamedNode(b["value"])
    if "xml:lang" in b:
        return Literal(b["value"], language=b["xml:lang"])
    if "datatype" in b:
        value = b["value"]
        if b["datatype"] == _BOOLEAN:
            value = {"0": "false", "1": "true"}.get(value, value)
        return Literal(value, datatype=NamedNode(b["datatype"]))
    return Literal(b["value"])


def read_rdf(data: bytes, fmt: RdfFormat, where: str) -> list[Quad]:
    """Parse RDF bytes into quads, naming the file and the problem when they are malformed."""
    try:
        return [q if isinstance(q, Quad) else Quad(q.subject, q.predicate, q.object, DefaultGraph())
                for q in parse(data, format=fmt)]
    except SyntaxError as exc:
        raise RdfError(f"{where}: malformed {fmt.name}: {exc}") from None
