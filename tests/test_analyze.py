"""kg analyze on a small corpus of our own (tests/corpusfixture.py), every number counted by hand.

river-1: Tomas Varga, Delta Guard, Officials (Other) · Korvan
river-2: Varga (= Tomas Varga), Delta Guard, Hill Union, Mira Sand · Lorsa
river-2-copy: a syndicated copy of river-2, left out
hills:   Hill Union, Mira Sand, Port Authority · Lorsa
"""
import csv
import io

import networkx as nx
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from kg.analysis import analyze, merged_actors, pagerank, syndicated_copies, write_outputs
from kg.cli import main
from kg.rdf import actor_iri, article_iri

from corpusfixture import build_store

VARGA, DELTA, HILL, SAND, PORT = (actor_iri(k).value for k in (
    "person:tomas-varga", "org:delta-guard", "org:hill-union", "person:mira-sand", "org:port-authority"))


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("analyze") / "store")


@pytest.fixture(scope="module")
def result(store):
    return analyze(store)


def test_copies_and_merges_are_read_from_the_corpus_graph(store, result):
    assert syndicated_copies(store) == {article_iri("river-2-copy").value}
    assert merged_actors(store) == {actor_iri("person:varga").value: VARGA}
    assert (result.articles, result.copies) == (3, 1)


def test_most_quoted_speakers_leave_out_unnamed_speakers_and_copies(result):
    rows = [r[1:6] for r in result.speakers.rows]
    # Mira Sand: 2 statements in river-2, 1 in hills; Tomas Varga: 1 in river-1, 1 as "Varga" in river-2.
    # The copy of river-2 would add 2 and 1; Officials (Other) are not ranked.
    assert rows == [("Mira Sand", "Person", 3, 0, 2), ("Tomas Varga", "Person", 2, 1, 2)]


def test_comention_network_counts_each_story_once_and_merges_actors(result):
    g = result.network
    assert set(g) == {VARGA, DELTA, HILL, SAND, PORT}
    assert g.nodes[VARGA]["label"] == "Tomas Varga"
    weights = {frozenset((g.nodes[u]["label"], g.nodes[v]["label"])): d["weight"] for u, v, d in g.edges(data=True)}
    assert weights == {
        frozenset({"Tomas Varga", "Delta Guard"}): 2,  # river-1 and river-2
        frozenset({"Tomas Varga", "Hill Union"}): 1, frozenset({"Tomas Varga", "Mira Sand"}): 1,
        frozenset({"Delta Guard", "Hill Union"}): 1, frozenset({"Delta Guard", "Mira Sand"}): 1,
        frozenset({"Hill Union", "Mira Sand"}): 2,     # river-2 and hills
        frozenset({"Hill Union", "Port Authority"}): 1, frozenset({"Mira Sand", "Port Authority"}): 1,
    }


def test_central_actors_table(result):
    by_actor = {r[1]: r[2:8] for r in result.central.rows}
    #                  type            articles degree strength
    assert {k: v[:4] for k, v in by_actor.items()} == {
        "Hill Union": ("Group", 2, 4, 5), "Mira Sand": ("Person", 2, 4, 5),
        "Tomas Varga": ("Person", 2, 3, 4), "Delta Guard": ("Group", 2, 3, 4),
        "Port Authority": ("Organization", 1, 2, 2)}
    order = [r[1] for r in result.central.rows]
    assert set(order[:2]) == {"Hill Union", "Mira Sand"} and order[-1] == "Port Authority"
    assert [r[0] for r in result.central.rows] == [1, 2, 3, 4, 5]
    assert sum(r[6] for r in result.central.rows) == pytest.approx(1, abs=1e-3)


def test_communities_cover_every_actor(result):
    g = result.network
    assert all(g.nodes[u]["community"] >= 1 for u in g)
    members = sum(r[1] for r in result.communities.rows)
    assert members == g.number_of_nodes() and result.modularity is not None


def test_actor_location_ties(result):
    ties = {(r[0], r[2]): (r[3], r[4]) for r in result.ties.rows}
    assert ties == {
        ("Tomas Varga", "Korvan"): (1, 0.5), ("Delta Guard", "Korvan"): (1, 0.5),
        ("Tomas Varga", "Lorsa"): (1, 0.5), ("Delta Guard", "Lorsa"): (1, 0.5),
        ("Hill Union", "Lorsa"): (2, 1.0), ("Mira Sand", "Lorsa"): (2, 1.0), ("Port Authority", "Lorsa"): (1, 1.0)}
    assert result.ties.rows[0][3] == 2


def test_pagerank_matches_networkx():
    g = nx.les_miserables_graph()
    g.add_node("alone")
    ours, theirs = pagerank(g), _pagerank_python(g, weight="weight", tol=1e-12, max_iter=500)
    assert max(abs(ours[u] - theirs[u]) for u in g) < 1e-8


def test_outputs_are_csv_and_gephi_files(result, tmp_path):
    written = {p.name for p in write_outputs(result, tmp_path)}
    assert written == {"speakers.csv", "central.csv", "communities.csv", "ties.csv", "actors.graphml",
                       "actors.gexf", "actor-locations.graphml", "actor-locations.gexf"}
    rows = list(csv.DictReader(io.StringIO((tmp_path / "speakers.csv").read_text())))
    assert rows[0]["speaker"] == "Mira Sand" and rows[0]["statements"] == "3"
    back = nx.read_graphml(tmp_path / "actors.graphml")
    assert back.number_of_nodes() == 5 and back.nodes[HILL]["community"] >= 1 and "pagerank" in back.nodes[HILL]
    assert nx.read_gexf(tmp_path / "actor-locations.gexf").number_of_edges() == 7


def test_cli_prints_tables_and_csv(store, tmp_path, capsys):
    path = str(store.path)
    store.close()
    assert main(["analyze", "--store", path, "--top", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("3 article(s), 1 syndicated copy left out; 5 named actors, 8 co-mention ties")
    assert "Mira Sand" in out and "(2 rows; 1 more in the CSV)" in out and "https://" not in out
    assert main(["analyze", "--store", path, "--table", "speakers", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == [
        "rank,speaker,type,statements,direct,articles,iri", f"1,Mira Sand,Person,3,0,2,{SAND}"]
    assert main(["analyze", "--store", path, "-o", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "actors.gexf").exists()


def test_missing_store_is_a_clear_error(tmp_path, capsys):
    assert main(["analyze", "--store", str(tmp_path / "nothing")]) == 2
    assert "no store at" in capsys.readouterr().err
