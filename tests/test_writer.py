"""Background batch writes to the store (kg.writer): all graphs land, in order, and errors surface."""
import pytest
from pyoxigraph import NamedNode

from kg.errors import RdfError
from kg.store import LocalStore
from kg.writer import GraphWriter


def _graph(i: int, triples: int = 2) -> tuple[NamedNode, bytes]:
    g = NamedNode(f"http://example.org/g{i}")
    lines = b"".join(b'<http://example.org/s%d> <http://example.org/p> "%d" <%s> .\n' % (i, k, g.value.encode())
                     for k in range(triples))
    return g, lines


def test_every_graph_reaches_the_store_across_batches(tmp_path):
    store = LocalStore(tmp_path / "store")
    with GraphWriter(store, batch_triples=5) as writer:
        for i in range(7):
            writer.add(*_graph(i), 2)
    assert (writer.graphs, writer.triples) == (7, 14)
    assert len(store) == 14 and len(store.graphs()) == 7


def test_a_later_batch_replaces_a_graph_of_the_same_name(tmp_path):
    store = LocalStore(tmp_path / "store")
    g, _ = _graph(0)
    big = _graph(0, triples=20_000)[1]  # long enough to be still loading when the next batch comes
    with GraphWriter(store, batch_triples=1, writes=2) as writer:
        writer.add(g, big, 20_000)
        writer.add(g, _graph(0, triples=1)[1], 1)  # waits for the first, though a second write is free
    assert len(store) == 1 and writer.graphs == 2


def test_batches_are_written_two_at_once(tmp_path):
    import threading
    store = LocalStore(tmp_path / "store")
    both, put = threading.Barrier(2, timeout=10), store.put_graphs

    def put_graphs(graphs, **kw):  # the real write, once two threads are writing at the same time
        both.wait()
        put(graphs, **kw)
    store.put_graphs = put_graphs
    with GraphWriter(store, batch_triples=1, writes=2) as writer:
        writer.add(*_graph(0), 2)
        writer.add(*_graph(1), 2)
    assert len(store.graphs()) == 2 and not both.broken


def test_a_failed_write_is_raised_in_the_caller_and_stops_later_writes(tmp_path):
    store = LocalStore(tmp_path / "store")
    writer = GraphWriter(store, batch_triples=1, writes=2)
    writer.add(NamedNode("http://example.org/bad"), b"<http://example.org/s> not n-quads .\n", 1)
    writer.add(*_graph(1), 2)  # handed over while the first is being written
    with pytest.raises(RdfError, match="malformed N-Quads"):
        writer.add(*_graph(2), 2)  # waits for the oldest batch, whose error comes back here
    writer.close()  # nothing handed over after the failure is written; one error is enough
    assert NamedNode("http://example.org/g1") in store.graphs()
    assert NamedNode("http://example.org/g2") not in store.graphs()
    assert (writer.graphs, writer.triples) == (1, 2)


def test_without_a_store_graphs_are_only_counted():
    with GraphWriter(None) as writer:
        writer.add(*_graph(0), 2)
    assert (writer.graphs, writer.triples) == (1, 2)


def test_a_graph_given_in_pieces_goes_in_whole_and_replaces_the_old_one(tmp_path):
    g, nquads = _graph(0, triples=50)
    lines = nquads.splitlines(keepends=True)
    pieces = [b"".join(lines[i:i + 7]) for i in range(0, len(lines), 7)]
    store = LocalStore(tmp_path / "store")
    store.put_graph(g, nquads)
    store.put_graph(g, iter(pieces))  # replaced, not doubled
    assert len(pieces) == 8 and len(store) == 50
    assert sorted(store.graph_nquads(g).splitlines()) == sorted(nquads.splitlines())
    store.put_graph(g, iter(()))  # no piece: an empty graph
    assert len(store) == 0


_DECIMAL = b"<http://www.w3.org/2001/XMLSchema#decimal>"


def test_a_graph_held_already_ends_exactly_as_the_new_text_whatever_the_two_share(tmp_path):
    g = NamedNode("http://example.org/counts")

    def line(s: int, value: bytes) -> bytes:
        return b'<http://example.org/n%d> <http://example.org/count> %s <%s> .\n' % (s, value, g.value.encode())
    old = [line(i, b'"%d"^^%s' % (i, _DECIMAL)) for i in range(30)]
    # kept (0-9, one written "3.0", which the store holds as "3"), changed (10-19), gone (20-29), new (30-34),
    # one line twice across pieces
    new = ([line(i, b'"%d.0"^^%s' % (i, _DECIMAL) if i == 3 else b'"%d"^^%s' % (i, _DECIMAL)) for i in range(10)]
           + [line(i, b'"%d"^^%s' % (i + 100, _DECIMAL)) for i in range(10, 20)]
           + [line(i, b'"new"') for i in range(30, 35)] + [line(0, b'"0"^^%s' % _DECIMAL)])
    store = LocalStore(tmp_path / "store")
    store.put_graph(g, b"".join(old))
    store.put_graph(g, iter([b"".join(new[:12]), b"".join(new[12:])]))
    wanted = LocalStore.in_memory()
    wanted.put_graph(g, b"".join(new))
    assert sorted(store.graph_nquads(g).splitlines()) == sorted(wanted.graph_nquads(g).splitlines())
    assert len(store) == 25 and b'"3"^^' in store.graph_nquads(g)
    store.put_graph(g, b"".join(new))  # the same text again: nothing changes
    assert sorted(store.graph_nquads(g).splitlines()) == sorted(wanted.graph_nquads(g).splitlines())
    store.put_graph(g, b"")  # an empty text: the graph is gone, its name too
    assert len(store) == 0 and g not in store.graphs()


def test_a_malformed_piece_for_a_graph_held_already_names_the_problem_and_keeps_the_graph(tmp_path):
    g, nquads = _graph(0, triples=5)
    store = LocalStore(tmp_path / "store")
    store.put_graph(g, nquads)
    with pytest.raises(RdfError, match="malformed N-Quads"):
        store.put_graph(g, [b"<http://example.org/s> <http://example.org/p> .\n"])
    assert sorted(store.graph_nquads(g).splitlines()) == sorted(nquads.splitlines())


def test_a_second_write_runs_only_on_a_core_no_worker_uses():
    from kg.runner import usable_cores
    from kg.writer import writes_beside
    cores = usable_cores()
    assert writes_beside(cores) == 1 and writes_beside(cores - 1) == 1  # one core to spare: one load
    assert writes_beside(0) == min(2, cores)  # nothing extracting here (the RDF step alone, a load)
