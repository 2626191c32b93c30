"""Stored answers of the named queries: what ``kg query NAME`` pages through.

A named query without parameters lists everything (every estimate, every statement): over a
million triples Oxigraph evaluates and sorts the whole query before the first row, 0.4–1.6 s.
After each build :func:`kg.corpus.count` runs each such query once and keeps its answer in the
listings graph (``kgid:graph/listings``, a cache of the store that ``-o`` files and exports leave
out) as a ``kg:Listing`` of pages of :data:`PAGE_SIZE` rows (one JSON literal per page,
``kg:rows``). :func:`read` then answers any ``--limit`` / ``--offset`` window from the one or two
pages it needs, in milliseconds. The listing's IRI holds a hash of the query text, so a query
changed by a newer kg is never answered from an older build: it is run instead.

>>> from pyoxigraph import Literal, NamedNode
>>> rows = [(Literal("a"), None, NamedNode("http://example.org/x"), Literal("2", datatype=NamedNode(XSD_INTEGER)))]
>>> decode_rows(encode_rows(rows)) == rows
True
"""
from __future__ import annotations

import hashlib
import json

from pyoxigraph import Literal, NamedNode

PAGE_SIZE = 100
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def query_hash(text: str) -> str:
    """A short hash of a query's text: part of its listing's IRI."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _cell(term) -> object:
    if term is None:
        return None
    if isinstance(term, NamedNode):
        return {"iri": term.value}
    if not isinstance(term, Literal):  # a blank node: the named queries never return one
        raise ValueError(f"cannot store {term!r} in a listing")
    if term.language:
        return [term.value, "@" + term.language]
    dt = term.datatype.value
    return term.value if dt == _XSD_STRING else [term.value, dt]


def _term(cell):
    if cell is None:
        return None
    if isinstance(cell, str):
        return Literal(cell)
    if isinstance(cell, dict):
        return NamedNode(cell["iri"])
    value, kind = cell
    return Literal(value, language=kind[1:]) if kind.startswith("@") else Literal(value, datatype=NamedNode(kind))


def encode_rows(rows) -> str:
    """Rows of pyoxigraph terms (``None`` where unbound) as the JSON of a ``kg:rows`` literal."""
    return json.dumps([[_cell(t) for t in row] for row in rows], ensure_ascii=False, separators=(",", ":"))


def decode_rows(text: str) -> list[tuple]:
    return [tuple(_term(c) for c in row) for row in json.loads(text)]


def read(store, name: str, text: str, *, limit: int | None = None, offset: int = 0):
    """Rows ``offset`` to ``offset + limit`` of the stored answer of query ``name`` (whose text is
    ``text``) as a :class:`kg.store.Result` with its ``total``; ``None`` when ``store`` holds no
    answer for this text (a store built before listings, or by a kg with other queries)."""
    from .rdf import LISTINGS_GRAPH, listing_iri, listing_page_iri
    from .store import Result
    listing = listing_iri(name, query_hash(text))
    head = store.query(f"SELECT ?columns ?total ?size WHERE {{ GRAPH <{LISTINGS_GRAPH.value}> {{ "
                       f"<{listing.value}> <{_KG}columns> ?columns ; <{_KG}rowCount> ?total ; "
                       f"<{_KG}pageSize> ?size }} }}").rows
    if not head:
        return None
    columns, total, size = json.loads(head[0][0].value), int(head[0][1].value), int(head[0][2].value)
    end = total if limit is None else min(total, offset + limit)
    first, last = offset // size, max(offset, end - 1) // size
    pages = " ".join(f"({n} <{listing_page_iri(listing, n).value}>)" for n in range(first, last + 1))
    found = store.query(f"SELECT ?n ?rows WHERE {{ VALUES (?n ?p) {{ {pages} }} "
                        f"GRAPH <{LISTINGS_GRAPH.value}> {{ ?p <{_KG}rows> ?rows }} }}").rows
    by_number = {int(n.value): rows.value for n, rows in found}
    rows: list[tuple] = []
    for n in range(first, last + 1):
        if n not in by_number:
            if offset < end:  # a page is missing: the listing is damaged, so run the query instead
                return None
            break
        rows += decode_rows(by_number[n])
    window = rows[offset - first * size:end - first * size] if offset < end else []
    return Result(columns, window, total=total, offset=offset)


_KG = "https://w3id.org/kg-news/ontology#"
