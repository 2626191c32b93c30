"""Write article graphs to a store in batches, in a background thread, while the next are built.

Oxigraph's bulk loader and an HTTP ``PUT`` both run without holding the GIL, so on a second core
the store takes each batch while this process goes on parsing and extracting: a build costs
about the time of its slower half rather than the sum of both. With a core to spare, two batches
are written at once when they come faster than one is written: Oxigraph loads a batch of fewer
than a million triples on one core (it parses, then indexes). At most one more batch waits, so
memory stays flat; a failed write is raised in the caller at the next
:meth:`GraphWriter.add` or at :meth:`GraphWriter.close`.

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

from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor

from pyoxigraph import NamedNode

# at most this many triples are being loaded at once, in one batch or in two of half the size:
# Oxigraph's bulk loader holds ~1.4 KB per triple of a batch while it loads it, and costs less per
# triple in larger batches (see writes_beside); two loads of 75k wrote ~35% faster than one of 150k
# on 2 idle cores
LOAD_TRIPLES = 150_000
WRITES = 2  # batches written at once, at most


def writes_beside(workers: int) -> int:
    """Batches to write at once beside ``workers`` processes extracting on this machine: a second
    load only on a core none of them keeps busy. On 2 cores with 2 workers, two loads of 75k
    triples at once made BBC builds 7–14% slower than one of 150k.

    >>> writes_beside(10_000)
    1
    """
    from .runner import usable_cores
    return max(1, min(WRITES, usable_cores() - workers))


class GraphWriter:
    """Batches of ``(graph, N-Quads)`` written to ``store.put_graphs``, ``writes`` at once, each
    of :data:`LOAD_TRIPLES` / ``writes`` triples unless ``batch_triples`` is given.

    ``trusted``: the N-Quads are :func:`kg.rdf.to_nquads`'s (see ``LocalStore.put_graphs``).
    ``graphs`` and ``triples`` count the batches the store is known to have taken (all of them
    after :meth:`close`). With ``store=None`` (a build that writes neither a store nor a file)
    the graphs are only counted.
    """

    def __init__(self, store, *, writes: int = WRITES, batch_triples: int | None = None, trusted: bool = True):
        self.store, self.trusted = store, trusted
        self.batch_triples = batch_triples or LOAD_TRIPLES // writes
        self.graphs = self.triples = 0
        self._pending: list[tuple[NamedNode, bytes]] = []
        self._size = 0
        self._writes = writes
        self._pool = ThreadPoolExecutor(max_workers=writes, thread_name_prefix="kg-store-writer")
        self._writing: deque[tuple[Future, set[NamedNode]]] = deque()  # oldest first, with its graphs
        self._failed = False  # after a failed write nothing more is handed over: the caller has the error

    def add(self, graph: NamedNode, nquads: bytes, triples: int) -> None:
        """Queue one graph (replacing any graph of that name in the store)."""
        self._pending.append((graph, nquads))
        self._size += triples
        if self._size >= self.batch_triples:
            self.flush()

    def flush(self) -> None:
        """Hand the queued graphs to a writer thread, once fewer than ``writes`` batches are being
        written, and none of them holds a graph of the same name (a later text must land last)."""
        names = {g for g, _ in self._pending}
        running = self._writes - 1
        for i, (_, held) in enumerate(self._writing):
            if held & names:  # that write and the ones before it must finish first
                running = min(running, len(self._writing) - 1 - i)
        self._wait(running)
        if self._pending and not self._failed:
            batch, size = self._pending, self._size
            self._pending, self._size = [], 0
            self._writing.append((self._pool.submit(self._write, batch, size), names))

    def _write(self, batch: list[tuple[NamedNode, bytes]], size: int) -> tuple[int, int]:
        if self.store is not None:
            self.store.put_graphs(batch, trusted=self.trusted)
        return len(batch), size

    def _wait(self, running: int = 0) -> None:
        """Wait until at most ``running`` batches are being written; the first failure is raised."""
        while len(self._writing) > running:
            writing, _ = self._writing.popleft()
            if writing.exception() is not None:
                if self._failed:  # the caller has had the first error: one is enough
                    continue
                self._failed = True
            graphs, triples = writing.result()  # re-raises the writer's error here, in the caller
            self.graphs += graphs  # counted here, in the caller's thread, once written
            self.triples += triples

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
