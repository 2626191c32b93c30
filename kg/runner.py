"""Run the per-article step over a corpus: in this process, in worker processes beside it, or on Dask.

:func:`build_articles` is the unit of work: a pure function from a batch of articles to
their graphs as N-Quads bytes (picklable, so a process pool or a Dask cluster can run it).
Batches rather than single articles, because spaCy parses a batch much faster than its
articles one by one. Results come back in input order, with at most a few batches in flight,
so memory stays flat however large the corpus.

>>> from kg.facts import Article
>>> [b] = build_articles([Article(id="n1", text="Mr Ode said 40 people left.")])
>>> (b.article_id, b.error, b.triples > 10, b.nquads.startswith(b"<"))
('n1', None, True, True)
"""
from __future__ import annotations

import gc
import itertools
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum

from .facts import Article

BATCH = 16


def usable_cores() -> int:
    """The cores this process may run on."""
    import os
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Engine(str, Enum):
    LOCAL = "local"
    DASK = "dask"


@dataclass(frozen=True, slots=True)
class Built:
    """One article's outcome: its graph as N-Quads, or the reason it failed."""

    article_id: str
    sha256: str
    nquads: bytes | None
    triples: int = 0
    error: str | None = None


def build_articles(articles: list[Article]) -> list[Built]:
    """Extract and map a batch of articles; a failing article fails alone."""
    from .pipeline import extract
    from .rdf import to_nquads
    errors: dict[str, str] = {}
    done: dict[str, Built] = {}
    for facts in extract(articles, on_error=lambda a, exc: errors.__setitem__(a.id, f"{type(exc).__name__}: {exc}")):
        a = facts.article
        try:
            nquads = to_nquads(facts)
        except ValueError as exc:  # an unmappable fact loses its article, not the corpus
            errors[a.id] = f"RDF mapping failed: {exc}"
            continue
        done[a.id] = Built(a.id, a.sha256, nquads, nquads.count(b"\n"))  # one line per triple
    _settle()
    return [done.get(a.id) or Built(a.id, a.sha256, None, 0, errors.get(a.id, "no result")) for a in articles]


_settled = False


def _settle() -> None:
    """After a process's first batch, move what it holds by then (the spaCy model, the gazetteer,
    modules) out of the cyclic garbage collector's way: it would otherwise walk those millions of
    objects again and again, about 1% of a build. What the first batch left as garbage is
    collected first, so nothing of it is kept for good."""
    global _settled
    if not _settled:
        _settled = True
        gc.collect()
        gc.freeze()


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while batch := list(itertools.islice(it, size)):
        yield batch


def run(articles: Iterable[Article], *, workers: int = 1, engine: Engine | str = Engine.LOCAL,
        scheduler: str | None = None, batch: int = BATCH) -> Iterator[Built]:
    """Yield every article's :class:`Built`, in input order."""
    batches = _batches(articles, batch)
    if Engine(engine) is Engine.DASK:
        yield from _dask(batches, workers, scheduler)
    elif workers > 1:
        yield from _pool(batches, workers)
    else:
        for b in batches:
            yield from build_articles(b)


def _bounded(submit, batches: Iterator[list[Article]], in_flight: int, result) -> Iterator[Built]:
    """Keep at most ``in_flight`` batches submitted; yield results in order."""
    pending: deque = deque()
    for b in batches:
        pending.append(submit(b))
        if len(pending) >= in_flight:
            yield from result(pending.popleft())
    while pending:
        yield from result(pending.popleft())


def _left(batches: Iterator[list[Article]], ahead: int) -> Iterator[tuple[list[Article], int | None]]:
    """Each batch with how many are left from it on (itself included) once at most ``ahead``
    are, else ``None``.

    >>> [n for _, n in _left(iter([[1], [2], [3], [4]]), 2)]
    [None, None, 2, 1]
    """
    held = deque(itertools.islice(batches, ahead))
    for b in batches:
        held.append(b)
        yield held.popleft(), None
    while held:
        n = len(held)
        yield held.popleft(), n


def _to_pool(busy: int, left: int, helpers: int) -> bool:
    """Whether the next of the ``left`` last batches should go to the pool, whose ``helpers``
    processes have ``busy`` batches in hand, rather than be built here: whichever way all of
    them are done sooner, in batch times, taking the pool's running batches as half done and
    this process as building every later batch itself.

    >>> _to_pool(busy=1, left=1, helpers=1), _to_pool(busy=1, left=2, helpers=1), _to_pool(busy=0, left=1, helpers=1)
    (False, True, False)
    """
    held = max(busy - helpers / 2, 0) / helpers
    return max(held + 1 / helpers, left - 1) < max(held, left)


def _pool(batches: Iterator[list[Article]], workers: int) -> Iterator[Built]:
    """``workers`` processes in all: this one and ``workers - 1`` in a pool. This process builds a
    batch itself whenever each pool process has one batch in hand and one waiting, so no core
    idles while the pool starts (each process loads spaCy, seconds) and one model copy fewer is
    held; batches of both kinds are yielded in input order.

    Near the end of the input a batch goes where all are done soonest (:func:`_to_pool`): the
    last batch sent to a pool that still had one in hand left this process waiting idle for
    both, 3.5 s at the end of a 2-worker BBC build."""
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    from . import nlp
    helpers = workers - 1
    pending: deque[Future | list[Built]] = deque()  # in input order
    # spawn, not fork: a forked copy of a process with threads (progress bars, the store) can hang.
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=helpers, mp_context=ctx, initializer=nlp.load) as pool:
        for b, left in _left(batches, 2 * workers):
            busy = sum(1 for p in pending if isinstance(p, Future) and not p.done())
            to_pool = busy < 2 * helpers and (left is None or _to_pool(busy, left, helpers))
            pending.append(pool.submit(build_articles, b) if to_pool else build_articles(b))
            # yield what is done at the head; wait for it only when many batches are held
            while pending and (len(pending) > 4 * workers or isinstance(pending[0], list) or pending[0].done()):
                yield from _result(pending.popleft())
        while pending:
            yield from _result(pending.popleft())


def _result(item) -> list[Built]:
    return item if isinstance(item, list) else item.result()


def _dask(batches: Iterator[list[Article]], workers: int, scheduler: str | None) -> Iterator[Built]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        from .errors import KgError
        raise KgError("--engine dask needs Dask: pip install 'kg[dask]'") from exc
    if scheduler:
        client, cluster = Client(scheduler), None
    else:
        cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True,
                               dashboard_address=None, host="127.0.0.1")
        client = Client(cluster)
    try:
        yield from _bounded(lambda b: client.submit(build_articles, b, pure=False), batches,
                            2 * max(workers, 1), lambda f: f.result())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
