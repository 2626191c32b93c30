import json

import networkx as nx
import pytest

from kg.network import comentions, full_graph, write
from kg.rdf import actor_iri, to_quads

from factsfixture import sample_facts


def _quads(*ids):
    return [q for i in ids for q in to_quads(sample_facts(i))]


def test_comention_network_weights_edges_by_articles():
    g = comentions(_quads("one", "two"))
    front, ruiz = actor_iri("org:northern-front").value, actor_iri("person:ana-ruiz").value
    assert g.nodes[ruiz] == {"label": "Ana Ruiz", "type": "Person", "articles": 2}
    assert g.edges[front, ruiz]["weight"] == 2
    assert g.number_of_nodes() == 2


def test_full_graph_is_typed_and_labelled():
    g = full_graph(_quads("one"))
    ruiz = g.nodes[actor_iri("person:ana-ruiz").value]
    assert ruiz["label"] == "Ana Ruiz" and "https://w3id.org/kg-news/ontology#Person" in ruiz["types"].split()
    preds = {k for _, _, k in g.edges(keys=True)}
    assert "http://www.w3.org/ns/prov#wasAttributedTo" in preds


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_exports_read_back(tmp_path, fmt, reader):
    g = comentions(_quads("one", "two"))
    path = tmp_path / f"g.{fmt}"
    write(g, path, fmt)
    back = reader(path)
    assert back.number_of_nodes() == 2 and back.number_of_edges() == 1


def test_json_export_is_node_link_data():
    data = json.loads(write(comentions(_quads("one")), None, "json"))
    assert {n["label"] for n in data["nodes"]} == {"Ana Ruiz", "Northern Front"}
    assert len(data["links"]) == 1
