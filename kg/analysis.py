"""Corpus analysis over the graph: who is quoted most, who is central in the actor network,
which actors cluster together, and which actors are tied to which places.

Everything is read from a store (SPARQL through :func:`kg.sparql.run`, and the co-mention
network of :mod:`kg.network`); nothing here prints. Unnamed speakers (actorType ``Other``:
"officials", "witnesses", scoped to one article) are left out of every ranking and network.
An article the graph marks as a syndicated copy of another (``kg:copyOf``) is left out too, so
a story carried by several outlets counts once: see :func:`syndicated_copies`.

>>> g = nx.Graph([("a", "b", {"weight": 2}), ("b", "c", {"weight": 1})])
>>> {k: round(v, 3) for k, v in pagerank(g).items()}
{'a': 0.326, 'b': 0.486, 'c': 0.188}
"""
from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from .canonical import COPY_OF, Canon, merged_actors, syndicated_copies  # noqa: F401 (COPY_OF: API)
from .network import comentions, write
from .sparql import run

UNNAMED = "Other"            # actorType of article-scoped unnamed speakers

_PREFIXES = """PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
"""

# One row per statement and speaker, inside the article graph that holds it.
_SPEAKERS = _PREFIXES + """SELECT ?a ?s ?actor ?label ?type ?direct WHERE { GRAPH ?a {
  ?s a kg:Statement ; prov:wasAttributedTo ?actor ; kg:direct ?direct .
  ?actor kg:actorType ?type ; rdfs:label ?label . FILTER(?type != "Other") } }"""

# Every named actor and place named in the same article.
_TIES = _PREFIXES + """SELECT DISTINCT ?a ?actor ?label ?type ?place ?name WHERE { GRAPH ?a {
  ?actor kg:actorType ?type ; rdfs:label ?label . FILTER(?type != "Other")
  ?place a kg:Location ; rdfs:label ?name } }"""

_ARTICLES = _PREFIXES + "SELECT DISTINCT ?a WHERE { GRAPH ?a { ?a a kg:Article } }"


@dataclass
class Table:
    """A named table of plain Python values, printable as text or CSV."""

    name: str
    title: str
    columns: list[str]
    rows: list[tuple] = field(default_factory=list)

    def csv(self) -> str:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(self.columns)
        w.writerows(self.rows)
        return buf.getvalue()

    def text(self, limit: int | None = None) -> str:
        """An aligned text table of the first ``limit`` rows (all when None)."""
        shown = self.rows if limit is None else self.rows[:limit]
        keep = [i for i, h in enumerate(self.columns) if not h.endswith("iri")]  # IRIs: CSV only
        columns = [self.columns[i] for i in keep]
        cells = [[_fmt(r[i]) for i in keep] for r in shown]
        widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(columns)]
        out = [self.title, "  ".join(h.ljust(w) for h, w in zip(columns, widths)),
               "  ".join("-" * w for w in widths)]
        out += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in cells]
        more = len(self.rows) - len(shown)
        out.append(f"({len(self.rows)} row{'s' if len(self.rows) != 1 else ''}"
                   + (f"; {more} more in the CSV)" if more else ")"))
        return "\n".join(x.rstrip() for x in out)


def _fmt(c) -> str:
    if isinstance(c, float):
        return f"{c:.4f}"
    s = " ".join(str(c).split())
    return s if len(s) <= 60 else s[:59] + "…"


@dataclass
class Analysis:
    """The result of :func:`analyze`: four tables and two networks (with centrality and
    community as node attributes, ready for Gephi)."""

    articles: int
    copies: int
    speakers: Table
    central: Table
    communities: Table
    ties: Table
    network: nx.Graph          # actor co-mentions: label, type, articles, degree, strength, pagerank, community
    ties_network: nx.Graph     # actors and places, an edge weighted by the articles naming both
    modularity: float | None = None

    def tables(self) -> list[Table]:
        return [self.speakers, self.central, self.communities, self.ties]


def pagerank(g: nx.Graph, alpha: float = 0.85, weight: str = "weight", tol: float = 1e-10,
             max_iter: int = 500) -> dict:
    """Weighted PageRank by power iteration, in pure Python (networkx's own needs scipy).

    Same definition as :func:`networkx.pagerank` on an undirected graph: a node passes its rank
    to its neighbours in proportion to the edge weights; isolated nodes spread theirs uniformly.
    """
    n = len(g)
    if n == 0:
        return {}
    strength = {u: sum(d.get(weight, 1) for d in g[u].values()) for u in g}
    x = dict.fromkeys(g, 1.0 / n)
    for _ in range(max_iter):
        dangling = alpha * sum(x[u] for u in g if not strength[u]) / n
        nxt = dict.fromkeys(g, (1.0 - alpha) / n + dangling)
        for u, nbrs in g.adjacency():
            if strength[u]:
                share = alpha * x[u] / strength[u]
                for v, d in nbrs.items():
                    nxt[v] += share * d.get(weight, 1)
        err = sum(abs(nxt[u] - x[u]) for u in g)
        x = nxt
        if err < n * tol:
            break
    return x


def analyze(store, *, seed: int = 1) -> Analysis:
    """Every analysis of the graph in ``store`` (a :class:`kg.store.LocalStore`)."""
    copies, merged = syndicated_copies(store), merged_actors(store)
    articles = {r[0].value for r in run(_ARTICLES, store, timeout=None).rows} - copies
    speakers = _speakers(store, copies, merged)
    g = comentions(Canon(copies, merged).quads(store.quads()))
    central, communities, modularity = _centrality(g, seed)
    ties, ties_net = _ties(store, copies, merged)
    return Analysis(len(articles), len(copies), speakers, central, communities, ties, g, ties_net, modularity)


def _speakers(store, copies: set[str], merged: dict[str, str]) -> Table:
    statements: dict[str, set[str]] = defaultdict(set)
    direct: dict[str, set[str]] = defaultdict(set)
    arts: dict[str, set[str]] = defaultdict(set)
    types: dict[str, str] = {}
    canon = Canon(copies, merged)
    for a, s, actor, label, typ, is_direct in run(_SPEAKERS, store, timeout=None).rows:
        k = canon.actor(a.value, actor.value, label.value)
        if k is None:
            continue
        statements[k].add(s.value)
        if is_direct.value == "true":
            direct[k].add(s.value)
        arts[k].add(a.value)
        types.setdefault(k, typ.value)
    order = sorted(statements, key=lambda k: (-len(statements[k]), -len(arts[k]), canon.label(k)))
    rows = [(i, canon.label(k), types[k], len(statements[k]), len(direct[k]), len(arts[k]), k)
            for i, k in enumerate(order, 1)]
    return Table("speakers", "Most-quoted speakers",
                 ["rank", "speaker", "type", "statements", "direct", "articles", "iri"], rows)


def _centrality(g: nx.Graph, seed: int) -> tuple[Table, Table, float | None]:
    pr = pagerank(g)
    for u, d in g.nodes(data=True):
        d["degree"] = g.degree(u)
        d["strength"] = g.degree(u, weight="weight")
        d["pagerank"] = round(pr[u], 6)
    found = nx.community.louvain_communities(g, weight="weight", seed=seed) if g.number_of_edges() else []
    found = sorted(found, key=lambda c: (-len(c), -sum(pr[u] for u in c), min(c)))
    for i, members in enumerate(found, 1):
        for u in members:
            g.nodes[u]["community"] = i
    for u, d in g.nodes(data=True):
        d.setdefault("community", 0)
    modularity = nx.community.modularity(g, found, weight="weight") if found else None
    order = sorted(g, key=lambda u: (-pr[u], -g.nodes[u]["strength"], g.nodes[u]["label"]))
    central = Table("central", "Most central actors (co-mention network, weighted PageRank)",
                    ["rank", "actor", "type", "articles", "degree", "strength", "pagerank", "community", "iri"],
                    [(i, g.nodes[u]["label"], g.nodes[u]["type"], g.nodes[u]["articles"], g.nodes[u]["degree"],
                      g.nodes[u]["strength"], round(pr[u], 4), g.nodes[u]["community"], u)
                     for i, u in enumerate(order, 1)])
    rows = []
    for i, members in enumerate(found, 1):
        if len(members) < 2:
            continue
        top = sorted(members, key=lambda u: (-pr[u], g.nodes[u]["label"]))
        rows.append((i, len(members), "; ".join(g.nodes[u]["label"] for u in top[:10])
                     + ("; …" if len(top) > 10 else "")))
    communities = Table("communities", "Communities (Louvain on the co-mention network; 2+ actors)",
                        ["community", "actors", "members by PageRank"], rows)
    return central, communities, modularity


def _ties(store, copies: set[str], merged: dict[str, str]) -> tuple[Table, nx.Graph]:
    together: dict[tuple[str, str], set[str]] = defaultdict(set)
    actor_articles: dict[str, set[str]] = defaultdict(set)
    types: dict[str, str] = {}
    canon = Canon(copies, merged)
    for a, actor, label, typ, place, name in run(_TIES, store, timeout=None).rows:
        x = canon.actor(a.value, actor.value, label.value)
        if x is None:
            continue
        canon.name(place.value, name.value)
        types.setdefault(x, typ.value)
        actor_articles[x].add(a.value)
        together[x, place.value].add(a.value)
    net = nx.Graph()
    rows = []
    for (x, p), arts in together.items():
        xl, pl = canon.label(x), canon.label(p)
        if xl == pl:  # a state and its own territory ("Syria" the actor, "Syria" the place)
            continue
        rows.append((xl, types[x], pl, len(arts), round(len(arts) / len(actor_articles[x]), 3), x, p))
        net.add_node(x, label=xl, kind="actor", type=types[x])
        net.add_node(p, label=pl, kind="location", type="Location")
        net.add_edge(x, p, weight=len(arts))
    rows.sort(key=lambda r: (-r[3], -r[4], r[0], r[2]))
    return Table("ties", "Actor–location ties (articles naming both)",
                 ["actor", "type", "location", "articles", "share", "actor_iri", "location_iri"], rows), net


def write_outputs(result: Analysis, folder: str | Path) -> list[Path]:
    """Write every table as CSV and both networks as GraphML and GEXF into ``folder``."""
    from .outputs import atomic_write
    folder = Path(folder)
    written = []
    for t in result.tables():
        path = folder / f"{t.name}.csv"
        atomic_write(path, t.csv().encode("utf-8"))
        written.append(path)
    for name, g in (("actors", result.network), ("actor-locations", result.ties_network)):
        for fmt in ("graphml", "gexf"):
            path = folder / f"{name}.{fmt}"
            write(g, path, fmt)
            written.append(path)
    return written
