"""The corpus as its counts see it: actors through their corpus merges, syndicated copies left out.

The corpus graph (kg.corpus) marks an article repeating an earlier one ``kg:copyOf`` it, and a
person named only by surname ``owl:sameAs`` the full name. Everything read across articles reads
both from here: the counts graph (co-mentions, places, actors by place), ``kg analyze``,
``kg export``'s co-mention network, the estimate series and contradictions, ``kg explain`` and
the report; so a story carried by several outlets counts once and "Jeffrey" counts as "James
Jeffrey".
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from pyoxigraph import NamedNode, Quad

from .sparql import run
from .vocab import KG_NS

COPY_OF = KG_NS + "copyOf"   # on a copy's article: the article it repeats (set by the syndication check)
_COPY_SIMILARITY = KG_NS + "copySimilarity"
_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def merged_actors(store) -> dict[str, str]:
    """Actor IRI → the IRI it is ``owl:sameAs`` (merges decided over the whole corpus, e.g. a
    surname-only person and the one full name that ends with it), chains followed to the end."""
    rows = run(f"SELECT DISTINCT ?x ?y WHERE {{ ?x <{_SAME_AS}> ?y }}", store, timeout=None).rows
    links = {x.value: y.value for x, y in rows if x is not None and y is not None and x != y}
    out = {}
    for x in links:
        y, seen = links[x], {x}
        while y in links and y not in seen:
            seen.add(y)
            y = links[y]
        out[x] = y
    return out


def copy_originals(store) -> dict[str, tuple[str, float | None]]:
    """Copy article IRI → (the earlier article it repeats, their similarity), as the graph marks
    them (``?copy kg:copyOf ?first ; kg:copySimilarity ?sim``).

    This is the one place that knows how copies are marked; change it here if the marking changes.
    """
    rows = run(f"SELECT DISTINCT ?copy ?first ?sim WHERE {{ ?copy <{COPY_OF}> ?first "
               f"OPTIONAL {{ ?copy <{_COPY_SIMILARITY}> ?sim }} }}", store, timeout=None).rows
    return {c.value: (f.value, None if sim is None else float(sim.value)) for c, f, sim in rows
            if c is not None and f is not None}


def syndicated_copies(store) -> set[str]:
    """IRIs of the articles the graph marks as copies of an earlier one (see :func:`copy_originals`).

    Counts drop these, so a syndicated story counts once, at its first appearance.
    """
    return set(copy_originals(store))


class Canon:
    """Rows of (article, actor IRI, label) as the corpus counts them: :meth:`actor` says which
    actor a row counts for (``None`` for a row of a copy) and keeps its label for :meth:`label`."""

    def __init__(self, copies: set[str], merged: dict[str, str]):
        self.copies, self.merged = copies, merged
        self._labels: dict[str, Counter] = defaultdict(Counter)  # keyed by (merged?, label)

    @classmethod
    def of(cls, store) -> "Canon":
        return cls(syndicated_copies(store), merged_actors(store))

    def actor(self, article: str, actor: str, label: str) -> str | None:
        if article in self.copies:
            return None
        k = self.merged.get(actor, actor)
        self._labels[k][k != actor, label] += 1
        return k

    def quads(self, quads: Iterable[Quad]):
        """The quads outside the copies' graphs, merged actors renamed to the IRI they are the
        same as (their own labels dropped: the full name labels the node)."""
        for q in quads:
            if q.graph_name.value in self.copies:
                continue
            to = self.merged.get(q.subject.value)
            if to is None:
                yield q
            elif q.predicate.value != _LABEL:
                yield Quad(NamedNode(to), q.predicate, q.object, q.graph_name)

    def name(self, key: str, label: str) -> None:
        """Count ``label`` for ``key`` (a place, not merged)."""
        self._labels[key][False, label] += 1

    def label(self, key: str) -> str:
        """The most frequent of a node's own labels (they may differ between articles), ties broken
        alphabetically; the labels of the IRIs merged into it only when it has none of its own."""
        return min(self._labels[key].items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1]))[0][1]
