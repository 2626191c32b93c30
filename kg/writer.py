"""Write article graphs to a store in batches, in a background thread, while the next are built.

Oxigraph's bulk loader and an HTTP ``PUT`` both run without holding the GIL, so on a second core
the store takes each batch while this process goes on parsing and extracting: a build costs
about the time of its slower half rather than the sum of both. One batch is written at a time
and at most one more waits, so memory stays flat; a failed write is raised in the caller at the
next :meth:`GraphWriter.add` or at :meth:`GraphWriter.close`.

>>> import tempfile
>>> from pyoxigraph import NamedNode
>>> from kg.store import LocalStore
>>> store = LocalStore(tempfile.mkdtemp())
>>> data = b'<http://example.org/s> <http://example.org/p> "o" <http://example.org/g> .\\n'
>>> with GraphWriter(store) as writer:
...     writer.add(NamedNode("http://example.org/g"), data, 1)
>>> (writer.graphs, writer.triples, len(store))
(1, 1, 1)
"""
from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from pyoxigraph import NamedNode

# graphs are committed to the store in batches of about this many triples: Oxigraph's bulk loader
# costs less per triple in larger calls (store step 100k → 135k triples/s at 50k → 150k, ~33 MB of text)
BATCH_TRIPLES = 150_000


class GraphWriter:
    """Batches of ``(graph, N-Quads)`` written to ``store.put_graphs`` one after the other.

    ``trusted``: the N-Quads are :func:`kg.rdf.to_nquads`'s (see ``LocalStore.put_graphs``).
    ``graphs`` and ``triples`` count what the store has taken so far. With ``store=None`` (a
    build that writes neither a store nor a file) the graphs are only counted.
    """

    def __init__(self, store, *, batch_triples: int = BATCH_TRIPLES, trusted: bool = True):
        self.store, self.batch_triples, self.trusted = store, batch_triples, trusted
        self.graphs = self.triples = 0
        self._pending: list[tuple[NamedNode, bytes]] = []
        self._size = 0
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-store-writer")
        self._writing: Future | None = None
        self._failed = False  # after a failed write nothing more is written: the caller has the error

    def add(self, graph: NamedNode, nquads: bytes, triples: int) -> None:
        """Queue one graph (replacing any graph of that name in the store)."""
        self._pending.append((graph, nquads))
        self._size += triples
        if self._size >= self.batch_triples:
            self.flush()

    def flush(self) -> None:
        """Hand the queued graphs to the writer thread, once the batch before them is in."""
        self._wait()
        if self._pending and not self._failed:
            batch, size = self._pending, self._size
            self._pending, self._size = [], 0
            self._writing = self._pool.submit(self._write, batch, size)

    def _write(self, batch: list[tuple[NamedNode, bytes]], size: int) -> None:
        if self.store is not None:
            self.store.put_graphs(batch, trusted=self.trusted)
        self.graphs += len(batch)
        self.triples += size

    def _wait(self) -> None:
        if self._writing is not None:
            writing, self._writing = self._writing, None
            if writing.exception() is not None:
                self._failed = True
            writing.result()  # re-raises the writer's error here, in the caller

    def close(self) -> None:
        """Write what is queued and wait until the store has it all."""
        try:
            self.flush()
            self._wait()
        finally:
            self._pool.shutdown(wait=True)

    def __enter__(self) -> GraphWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
