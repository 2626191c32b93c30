"""The derived counts graph (kgid:graph/counts) answers actor-comentions and locations as
aggregating every article graph at query time did, and stays right when articles are re-built,
replaced or added; like ``kg analyze``, it follows the corpus merges and leaves copies out."""
import dataclasses
import json

from pyoxigraph import RdfFormat, serialize

from kg.api import build
from kg.analysis import analyze
from kg.corpus import actor_rows, comention_counts, labels_of, link
from kg.facts import Actor, Article, Span
from kg.rdf import COUNTS_GRAPH, actor_iri, article_iri, to_quads
from kg.series import actor_labels
from kg.sparql import load_query, run
from kg.store import LocalStore

from factsfixture import TEXT, sample_facts, span

# actor-comentions as it was before the counts graph: the aggregate over every article graph
_BY_AGGREGATE = """
PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?actor1 ?actor2 (COUNT(?a) AS ?articles) WHERE {
  GRAPH ?a {
    ?x kg:actorType ?t1 ; rdfs:label ?actor1 .
    ?y kg:actorType ?t2 ; rdfs:label ?actor2 .
    FILTER(STR(?x) < STR(?y) && ?t1 != "Other" && ?t2 != "Other")
  }
}
GROUP BY ?actor1 ?actor2
ORDER BY DESC(?articles) ?actor1 ?actor2
"""
# locations as it was before the counts graph
_PLACES_BY_AGGREGATE = """
PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
SELECT ?location ?kind ?lat ?lon ?geonames ?country ?precision (COUNT(?a) AS ?articles) WHERE {
  GRAPH ?a {
    ?l a kg:Location ; rdfs:label ?location ; kg:featureKind ?kind .
    OPTIONAL { ?l schema:latitude ?lat ; schema:longitude ?lon }
    OPTIONAL { ?l kg:geonamesId ?geonames }
    OPTIONAL { ?l kg:countryCode ?country }
    OPTIONAL { ?l kg:geocodePrecision ?precision }
  }
}
GROUP BY ?location ?kind ?lat ?lon ?geonames ?country ?precision
"""
# a sentence of each article's own after the sample text, so that no article is a copy of another
_MORE = {
    "a": "Later the Blue Party and Tomas Ode asked officials in the capital for buses, tents and blankets.",
    "b": "Tomas Ode of the Blue Party drove north with a convoy of doctors before dawn on Tuesday.",
    "c": "A week earlier Tomas Ode had warned the Blue Party that the old bridge over the river was failing.",
    "d": "Farmers along the southern road said their wells had run dry during the long hot summer.",
    "e": "Ode told reporters the convoy would reach the border crossing by Friday evening at the latest.",
}


def _places(store, text):
    return sorted(tuple("" if c is None else c.value for c in r) for r in run(text, store).rows)


def _same_places(store):
    rows = _places(store, load_query("locations"))
    assert rows == _places(store, _PLACES_BY_AGGREGATE) and rows
    return rows


def _rows(store, text):
    return [tuple(int(c.value) if i == 2 else c.value for i, c in enumerate(r)) for r in run(text, store).rows]


def _facts(article_id, *extra):
    """The sample article, with a sentence of its own, and more actors of our own: (key, name, type)."""
    facts = sample_facts(article_id)
    text = f"{TEXT} {_MORE[article_id]}"

    def where(name):
        start = text.find(name, len(TEXT))
        return span("Tamsa") if start < 0 else Span(start, start + len(name))
    more = tuple(Actor(key, name, kind, (where(name),)) for key, name, kind in extra)
    return dataclasses.replace(facts, article=dataclasses.replace(facts.article, text=text),
                               actors=facts.actors + more)


def _put(store, *facts):
    store.put_graphs([(article_iri(f.article.id), serialize(to_quads(f), format=RdfFormat.N_QUADS)) for f in facts])
    link(store)


def test_counts_answer_as_the_aggregate_did(tmp_path):
    store = LocalStore(tmp_path / "st")
    _put(store, _facts("a", ("org:blue-party", "Blue Party", "Group"), ("other:officials", "officials", "Other")),
         _facts("b", ("org:blue-party", "Blue Party", "Group"), ("person:ode", "Tomas Ode", "Person")),
         _facts("c", ("person:ode", "Tomas Ode", "Person")), _facts("d"))
    rows = _rows(store, load_query("actor-comentions"))
    assert rows == _rows(store, _BY_AGGREGATE)
    assert rows[0] == ("Northern Front", "Ana Ruiz", 4) and ("Blue Party", "Tomas Ode", 1) in rows
    assert not any("officials" in r for r in rows)
    assert ("Tamsa", "place", "-33.4", "-70.6", "", "CL", "country", "4") in _same_places(store)


def test_counts_follow_a_replaced_and_an_added_article(tmp_path):
    store = LocalStore(tmp_path / "st")
    _put(store, _facts("a", ("person:ode", "Tomas Ode", "Person")), _facts("b", ("person:ode", "Tomas Ode", "Person")))
    assert ("Ana Ruiz", "Tomas Ode", 2) in _rows(store, load_query("actor-comentions"))
    _put(store, _facts("b"))  # re-ingested without Mr Ode
    _put(store, _facts("c", ("org:blue-party", "Blue Party", "Group")))  # a new article
    rows = _rows(store, load_query("actor-comentions"))
    assert rows == _rows(store, _BY_AGGREGATE)
    assert ("Ana Ruiz", "Tomas Ode", 1) in rows and ("Blue Party", "Northern Front", 1) in rows
    # a place re-geocoded in one article: two rows for its name, each counted once
    f = _facts("c")
    f = dataclasses.replace(f, locations=(dataclasses.replace(f.locations[0], lat=-33.0, lon=-70.0),) + f.locations[1:])
    _put(store, f)
    tamsa = [r for r in _same_places(store) if r[0] == "Tamsa"]
    assert [(r[2], r[7]) for r in tamsa] == [("-33", "1"), ("-33.4", "2")]


def test_only_the_strongest_pairs_are_kept_in_order(tmp_path):
    store = LocalStore(tmp_path / "st")
    _put(store, _facts("a", ("person:ode", "Tomas Ode", "Person"), ("org:blue-party", "Blue Party", "Group")),
         _facts("b", ("person:ode", "Tomas Ode", "Person")))
    whole = _rows(store, _BY_AGGREGATE)
    assert comention_counts(store, top=3) == whole[:3] and len(whole) == 6


def test_a_build_writes_the_counts_graph_and_rebuilding_keeps_it_right(tmp_path):
    texts = ["Mr Tomas Ode met Ms Lena Brandt in Korvat on Monday, officials said.",
             "Lena Brandt and Tomas Ode spoke again in Selna, the Relief Office said.",
             "Piet Laan of the Relief Office said 40 trucks left Korvat."]
    arts = [Article(id=f"n{i}", text=t) for i, t in enumerate(texts)]
    s = build(arts, store=tmp_path / "st")
    store = LocalStore(tmp_path / "st")
    assert store.store.contains_named_graph(COUNTS_GRAPH)
    before = _rows(store, load_query("actor-comentions"))
    assert before == _rows(store, _BY_AGGREGATE) and before
    from kg.rdf import LISTINGS_GRAPH
    facts = sum(1 for q in store.quads() if q.graph_name != LISTINGS_GRAPH)  # the listings are a cache
    assert s.triples == facts  # the counts graph is counted with the rest
    store.close()
    arts[1] = Article(id="n1", text="Nobody else was named there, a spokesman said.")
    build(arts, store=tmp_path / "st")
    store = LocalStore(tmp_path / "st")
    after = _rows(store, load_query("actor-comentions"))
    assert after == _rows(store, _BY_AGGREGATE) and after != before
    assert "Selna" not in {r[0] for r in _same_places(store)}


def test_a_store_without_the_counts_graph_is_named_not_answered_empty(tmp_path):
    import pytest

    from kg.errors import QueryError
    from kg.corpus import count
    store = LocalStore(tmp_path / "st")
    store.put_graph(article_iri("a"), serialize(to_quads(sample_facts("a")), format=RdfFormat.N_QUADS))
    with pytest.raises(QueryError, match="counts graph.*re-run kg build"):
        run(load_query("locations"), store)
    count(store)
    assert run(load_query("locations"), store).rows
    empty = LocalStore(tmp_path / "empty")
    count(empty)  # a store of nothing still gets its (empty) counts graph: queries answer no rows
    assert run(load_query("actor-comentions"), empty).rows == []


def test_counts_follow_the_corpus_merges_and_leave_copies_out(tmp_path):
    """As kg analyze counts: "Ode" alone (article e) is Tomas Ode, and a-copy, article a carried by
    another outlet (the same text), counts once; so do its places."""
    store = LocalStore(tmp_path / "st")
    a = _facts("a", ("org:blue-party", "Blue Party", "Group"), ("person:tomas-ode", "Tomas Ode", "Person"))
    copy = dataclasses.replace(a, article=dataclasses.replace(a.article, id="a-copy", source="Other Desk"))
    _put(store, a, copy, _facts("e", ("person:ode", "Ode", "Person")))
    assert ("Tomas Ode", "Ode") in {(r[0].value, r[1].value) for r in store.query(
        "SELECT ?full ?short WHERE { ?x <http://www.w3.org/2002/07/owl#sameAs> ?y . "
        "GRAPH ?g { ?x <http://www.w3.org/2000/01/rdf-schema#label> ?short } "
        "GRAPH ?h { ?y <http://www.w3.org/2000/01/rdf-schema#label> ?full } }").rows}
    rows = _rows(store, load_query("actor-comentions"))
    assert rows == [("Ana Ruiz", "Tomas Ode", 2), ("Northern Front", "Ana Ruiz", 2),
                    ("Northern Front", "Tomas Ode", 2), ("Blue Party", "Ana Ruiz", 1),
                    ("Blue Party", "Northern Front", 1), ("Blue Party", "Tomas Ode", 1)]
    assert ("Northern Front", "Ana Ruiz", 3) in _rows(store, _BY_AGGREGATE)  # the copy counted again
    net = analyze(store).network
    assert sorted(rows) == sorted((net.nodes[x]["label"], net.nodes[y]["label"], d["weight"])
                                  for x, y, d in net.edges(data=True))
    tamsa = [r for r in _places(store, load_query("locations")) if r[0] == "Tamsa"]
    assert [r[7] for r in tamsa] == ["2"]


def test_actors_by_location_and_the_exported_network_follow_the_merges_and_leave_copies_out(tmp_path):
    """"Ode" alone (article e) is Tomas Ode: one row, one node; a-copy, article a carried by
    another outlet, adds no article to a row and no weight to a tie."""
    from kg.api import to_networkx
    from kg.rdf import actor_iri
    from kg.sparql import parse_params
    store = LocalStore(tmp_path / "st")
    a = _facts("a", ("person:tomas-ode", "Tomas Ode", "Person"))
    copy = dataclasses.replace(a, article=dataclasses.replace(a.article, id="a-copy", source="Other Desk"))
    _put(store, a, copy, _facts("e", ("person:ode", "Ode", "Person")))
    query = load_query("actors-by-location")
    rows = [(r[0].value, r[1].value, r[2].value, int(r[3].value)) for r in run(query, store).rows]
    assert ("Tamsa", "Tomas Ode", "Person", 2) in rows and ("Tamsa", "Ana Ruiz", "Person", 2) in rows
    assert not any(r[1] == "Ode" for r in rows)
    assert [r for r in rows if r[0] == "Tamsa"] == [
        tuple(c.value if i < 3 else int(c.value) for i, c in enumerate(r))
        for r in run(query, store, parse_params(["place=Tamsa"])).rows]
    store.close()
    g = to_networkx(store=tmp_path / "st")
    ode, ruiz = actor_iri("person:tomas-ode").value, actor_iri("person:ana-ruiz").value
    assert set(g) == {ode, ruiz, actor_iri("org:northern-front").value}  # actors only: no rows of the counts
    assert (g.nodes[ode]["label"], g.nodes[ode]["articles"], g.nodes[ruiz]["articles"]) == ("Tomas Ode", 2, 2)
    assert g.edges[ode, ruiz]["weight"] == 2


def test_actors_by_location_keeps_actors_named_with_the_place_in_two_articles_or_more(tmp_path):
    store = LocalStore(tmp_path / "st")
    _put(store, _facts("a", ("org:blue-party", "Blue Party", "Group"), ("other:officials", "officials", "Other")),
         _facts("b", ("org:blue-party", "Blue Party", "Group")))
    rows = [(r[0].value, r[1].value, r[2].value, int(r[3].value)) for r in run(load_query("actors-by-location"), store).rows]
    assert ("Tamsa", "Blue Party", "Group", 2) in rows
    assert not any(r[1] == "officials" for r in rows)  # named with Tamsa in article a only


def test_the_corpus_step_labels_actors_as_the_estimate_series_do(tmp_path):
    # the corpus step reads each article's actors once, for the counts and for the labels of
    # the estimates' speakers; those labels must be kg.series.actor_labels' own
    store = LocalStore(tmp_path / "st")
    _put(store, _facts("a", ("person:ode", "Tomas Ode", "Person")), _facts("b", ("person:ode", "T. Ode", "Person")),
         _facts("c", ("person:ode", "T. Ode", "Person")))
    labels = labels_of(actor_rows(store))
    assert labels == actor_labels(store)
    assert labels[actor_iri("person:ode").value] == "T. Ode"


def test_derived_graphs_are_written_and_handed_on_piece_by_piece(tmp_path, monkeypatch):
    """A large counts graph is never made whole: its pieces go to the store one by one and to
    ``emit`` (kg build -o) alike; together they are the graph the store then holds."""
    import kg.rdf
    from pyoxigraph import parse

    from kg.rdf import CORPUS_GRAPH
    monkeypatch.setattr(kg.rdf, "PIECE_BYTES", 1000)
    store = LocalStore(tmp_path / "st")
    _put(store, _facts("a", ("org:blue-party", "Blue Party", "Group")),
         _facts("b", ("org:blue-party", "Blue Party", "Group")), _facts("c"))
    pieces: list[bytes] = []
    link(store, emit=pieces.append)
    # a piece ends at the first line end past 1,000 characters
    assert len(pieces) > 3 and all(len(p.rstrip(b"\n").rsplit(b"\n", 1)[0]) < 1000 for p in pieces)
    emitted = set(parse(b"".join(pieces), format=RdfFormat.N_QUADS))
    stored = {q for q in store.quads() if q.graph_name in (COUNTS_GRAPH, CORPUS_GRAPH)}
    assert emitted == stored and any(q.graph_name == COUNTS_GRAPH for q in stored)


def _derived(store):
    from kg.rdf import CORPUS_GRAPH, LISTINGS_GRAPH
    return {q for q in store.quads() if q.graph_name in (CORPUS_GRAPH, COUNTS_GRAPH, LISTINGS_GRAPH)}


def test_a_build_with_no_article_changed_keeps_the_derived_graphs(tmp_path, monkeypatch):
    """Re-running a build over articles the store holds unchanged leaves the corpus step's graphs
    as they are, without reading the store through; but any article built, removed or left half
    linked since they were computed makes it run again."""
    import kg.corpus
    arts = [Article(id=f"n{i}", text=t) for i, t in enumerate([
        "Mr Tomas Ode met Ms Lena Brandt in Korvat on Monday, officials said.",
        "Lena Brandt and Tomas Ode spoke again in Selna, the Relief Office said.",
        "Piet Laan of the Relief Office said 40 trucks left Korvat."])]
    first = build(arts, store=tmp_path / "st")
    assert first.corpus["kept"] is False and first.built == 3
    store = LocalStore(tmp_path / "st")
    linked = _derived(store)
    assert any("Piet Laan" in q.object.value for q in linked if q.graph_name == COUNTS_GRAPH)
    store.close()

    ran = []
    monkeypatch.setattr(kg.corpus, "actor_rows", lambda s: ran.append(1) or actor_rows(s))
    again = build(arts[:2], store=tmp_path / "st")  # all held unchanged: nothing written
    assert (again.built, again.skipped, again.triples) == (0, 2, 0)
    assert again.corpus == {**first.corpus, "kept": True} and not ran
    store = LocalStore(tmp_path / "st")
    assert _derived(store) == linked

    # an article gone from the store (not from these inputs): the counts must forget it
    store.drop_graph(article_iri("n2"))
    store.close()
    after = build(arts[:2], store=tmp_path / "st")
    assert after.built == 0 and after.corpus["kept"] is False and ran
    store = LocalStore(tmp_path / "st")
    assert "Korvat" in {r[0] for r in _same_places(store)}
    assert not any("Piet Laan" in q.object.value for q in _derived(store) if q.graph_name == COUNTS_GRAPH)
    store.close()

    # a corpus step cut short drops the listings first, mark included: the next build links again
    from kg.rdf import LISTINGS_GRAPH
    LocalStore(tmp_path / "st").drop_graph(LISTINGS_GRAPH)
    ran.clear()
    healed = build(arts[:2], store=tmp_path / "st")
    assert healed.corpus["kept"] is False and ran
    assert build(arts[:2], store=tmp_path / "st").corpus["kept"] is True


def test_forced_or_file_builds_always_link(tmp_path):
    arts = [Article(id="n0", text="Mr Tomas Ode met Ms Lena Brandt in Korvat on Monday, officials said.")]
    build(arts, store=tmp_path / "st")
    assert build(arts, store=tmp_path / "st", force=True).corpus["kept"] is False
    out = build(arts, store=tmp_path / "st", output=tmp_path / "g.nq")
    from pyoxigraph import parse
    graphs = {q.graph_name for q in parse((tmp_path / "g.nq").read_bytes(), format=RdfFormat.N_QUADS)}
    assert out.corpus["kept"] is False and COUNTS_GRAPH in graphs


def test_the_corpus_state_is_the_last_piece_of_the_listings_graph():
    from kg.rdf import LISTINGS_GRAPH, listings_nquads
    pieces = list(listings_nquads([("q", "abc", '["x"]', 1, 100, ['[["a"]]'])], state='{"state": "s1"}'))
    assert len(pieces) == 2 and b"corpusState" in pieces[-1] and b"corpusState" not in pieces[0]
    assert pieces[-1].count(b"\n") == 1 and LISTINGS_GRAPH.value.encode() in pieces[-1]
    assert len(list(listings_nquads([]))) == 1  # no state: no mark


def test_removing_an_article_drops_its_graph_and_links_the_rest_again(tmp_path, capsys):
    from kg.api import remove
    from kg.cli import main
    arts = [Article(id=f"news/n{i}", text=t) for i, t in enumerate([
        "Mr Tomas Ode met Ms Lena Brandt in Korvat on Monday, officials said.",
        "Lena Brandt and Tomas Ode spoke again in Selna, the Relief Office said.",
        "Piet Laan of the Relief Office said 40 trucks left Korvat."])]
    build(arts, store=tmp_path / "st")
    gone = remove(["news/n2", "news/n9", "news/n2"], store=tmp_path / "st")
    assert (gone.removed, gone.missing, gone.corpus["kept"]) == (["news/n2"], ["news/n9"], False)
    store = LocalStore(tmp_path / "st")
    assert article_iri("news/n2") not in store.graphs() and article_iri("news/n1") in store.graphs()
    assert not any("Piet Laan" in q.object.value for q in _derived(store))  # no count rests on it
    assert _rows(store, load_query("actor-comentions")) == _rows(store, _BY_AGGREGATE)
    store.close()
    # the derived graphs are those of a store that never held it
    build(arts[:2], store=tmp_path / "fresh")
    def facts(path):
        st = LocalStore(path)
        try:
            from kg.rdf import LISTINGS_GRAPH
            return {q for q in st.quads() if q.graph_name != LISTINGS_GRAPH}
        finally:
            st.close()
    assert facts(tmp_path / "st") == facts(tmp_path / "fresh")

    assert main(["remove", "news/n0", "--store", str(tmp_path / "st"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["removed"] == ["news/n0"]
    assert main(["remove", "news/n0", "--store", str(tmp_path / "st")]) == 1  # not there any more
    captured = capsys.readouterr()
    assert "removed 0 article(s); 1 not in the store" in captured.out and "news/n0" in captured.err
    assert main(["remove", "x", "--store", str(tmp_path / "none")]) == 2
    assert "no store at" in capsys.readouterr().err
