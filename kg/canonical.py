"""The corpus as its counts see it: actors through their corpus merges, syndicated copies left out.

The corpus graph (kg.corpus) marks an article repeating an earlier one ``kg:copyOf`` it, and a
person named only by surname ``owl:sameAs`` the full name. Every corpus-wide count (``kg analyze``,
the co-mentions of the counts graph) reads both from here, so a story carried by several outlets
counts once and "Jeffrey" counts as "James Jeffrey".
"""
from __future__ import annotations

from collections import Counter, defaultdict

from .sparql import run
from .vocab import KG_NS

COPY_OF = KG_NS + "copyOf"   # on a copy's article: the article it repeats (set by the syndication check)
_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"


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


def syndicated_copies(store) -> set[str]:
    """IRIs of the articles the graph marks as copies of an earlier one (``?copy kg:copyOf ?first``).

    Counts drop these, so a syndicated story counts once, at its first appearance. This is
    the one place that knows how copies are marked; change it here if the marking changes.
    """
    rows = run(f"SELECT DISTINCT ?copy WHERE {{ ?copy <{COPY_OF}> ?first }}", store, timeout=None).rows
    return {r[0].value for r in rows if r[0] is not None}


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

    def name(self, key: str, label: str) -> None:
        """Count ``label`` for ``key`` (a place, not merged)."""
        self._labels[key][False, label] += 1

    def label(self, key: str) -> str:
        """The most frequent of a node's own labels (they may differ between articles), ties broken
        alphabetically; the labels of the IRIs merged into it only when it has none of its own."""
        return min(self._labels[key].items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1]))[0][1]
