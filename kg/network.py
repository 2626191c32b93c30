"""networkx views of a kg graph: the actor co-mention network and the full typed graph.

>>> import networkx as nx
>>> from kg.facts import Actor, Article, Facts, Span
>>> a = [Actor("x", "X", "Person", (Span(0, 1),)), Actor("y", "Y", "Group", (Span(2, 3),))]
>>> from kg.rdf import to_quads
>>> g = comentions(to_quads(Facts(article=Article(id="d", text="X Y"), actors=tuple(a))))
>>> sorted(g.nodes(data="label")), g.edges["https://w3id.org/kg-news/id/actor/x", "https://w3id.org/kg-news/id/actor/y"]["weight"]
([('https://w3id.org/kg-news/id/actor/x', 'X'), ('https://w3id.org/kg-news/id/actor/y', 'Y')], 1)
"""
from __future__ import annotations

import itertools
import json
from collections import defaultdict
from collections.abc import Iterable
from enum import Enum
from pathlib import Path

import networkx as nx
from pyoxigraph import Literal, NamedNode, Quad

from .namespace import KG
from .vocab import PREFIXES

_TYPE = PREFIXES["rdf"] + "type"
_LABEL = PREFIXES["rdfs"] + "label"
_ARTICLE = str(KG.article)
_ACTOR_TYPE = str(KG.actorType)


class GraphKind(str, Enum):
    COMENTIONS = "comentions"
    FULL = "full"


class NetworkFormat(str, Enum):
    GRAPHML = "graphml"
    GEXF = "gexf"
    JSON = "json"


def comentions(quads: Iterable[Quad]) -> nx.Graph:
    """Actors as nodes (label, type, articles); an edge for actors named in the same article,
    weighted by the number of such articles."""
    labels: dict[str, str] = {}
    types: dict[str, str] = {}
    articles: dict[str, set[str]] = defaultdict(set)
    actors: set[str] = set()
    for q in quads:
        s, p, o = q.subject, q.predicate.value, q.object
        if not isinstance(s, NamedNode):
            continue
        if p == _ACTOR_TYPE:
            actors.add(s.value)
            types[s.value] = o.value
        elif p == _LABEL and isinstance(o, Literal):
            labels.setdefault(s.value, o.value)
        elif p == _ARTICLE:
            articles[s.value].add(o.value)
    g = nx.Graph()
    by_article: dict[str, list[str]] = defaultdict(list)
    for actor in sorted(a for a in actors if types.get(a) != "Other"):  # "officials": one article only
        g.add_node(actor, label=labels.get(actor, actor), type=types.get(actor, ""),
                   articles=len(articles[actor]))
        for art in articles[actor]:
            by_article[art].append(actor)
    for members in by_article.values():
        for x, y in itertools.combinations(sorted(members), 2):
            if g.has_edge(x, y):
                g.edges[x, y]["weight"] += 1
            else:
                g.add_edge(x, y, weight=1)
    return g


def full_graph(quads: Iterable[Quad]) -> nx.MultiDiGraph:
    """Every IRI as a node (label, rdf types joined by spaces), every IRI-to-IRI triple as an
    edge keyed by its predicate; literals become node attributes named by their predicate."""
    g = nx.MultiDiGraph()
    for q in quads:
        s, p, o = q.subject.value, q.predicate.value, q.object
        if s not in g:
            g.add_node(s, label="", types="")
        attrs = g.nodes[s]
        if p == _TYPE:
            attrs["types"] = " ".join(sorted(set(attrs["types"].split()) | {o.value}))
        elif isinstance(o, Literal):
            if p == _LABEL:
                attrs["label"] = o.value
            else:
                attrs[_short(p)] = o.value
        else:
            if o.value not in g:
                g.add_node(o.value, label="", types="")
            g.add_edge(s, o.value, key=p, predicate=_short(p))
    for node, attrs in g.nodes(data=True):
        attrs["label"] = attrs["label"] or node.rsplit("/", 1)[-1]
    return g


def _short(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def write(g: nx.Graph, path: str | Path | None, fmt: NetworkFormat | str) -> str | None:
    """Write ``g`` as GraphML, GEXF or node-link JSON to ``path`` (atomically), or return it as text."""
    from .outputs import atomic_write
    fmt = NetworkFormat(fmt)
    if fmt is NetworkFormat.JSON:
        text = json.dumps(nx.node_link_data(g, edges="links"), ensure_ascii=False, indent=1)
    elif fmt is NetworkFormat.GRAPHML:
        text = "\n".join(nx.generate_graphml(g))
    else:
        text = "\n".join(nx.generate_gexf(g))
    if path is None:
        return text
    atomic_write(Path(path), text.encode("utf-8"))
    return None
