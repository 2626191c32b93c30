"""Entity resolution: per-article rules, corpus-level surname merges, copies, on hand-made facts
and on the example corpus (examples/articles) built into a temporary store."""
from pathlib import Path

import pytest

import kg.api as api
from kg.copies import find_copies, fingerprint, similarity
from kg.facts import Actor, Span
from kg.resolve import quantity, resolve_actors, surname_merges
from kg.canonical import copy_originals, merged_actors

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
BASE = "https://w3id.org/kg-news/id/"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("examples") / "store"
    summary = api.build([EXAMPLES], store=path)
    assert summary.failed == [] and summary.built >= 8
    return path


def test_capital_acting_as_subject_becomes_its_government_and_merges():
    out, renamed = resolve_actors([Actor("org:washington", "Washington", "Organization", (Span(0, 10),)),
                                   Actor("us", "United States", "Country", (Span(30, 32),),
                                         rules=((Span(30, 32), "alias-table"),)),
                                   Actor("country:moscow", "Moscow", "Country", (Span(40, 46),))])
    assert renamed == {"org:washington": "us", "country:moscow": "russia"}
    us = next(a for a in out if a.key == "us")
    assert us.mentions == (Span(0, 10), Span(30, 32))
    assert dict(us.rules) == {Span(0, 10): "capital", Span(30, 32): "alias-table"}
    assert "Washington" in us.aliases


def test_a_city_that_is_no_listed_capital_stays_itself():
    out, renamed = resolve_actors([Actor("country:london", "London", "Country", (Span(0, 6),))])
    assert renamed == {} and out[0].key == "country:london"


def test_surname_merges_only_when_unambiguous():
    merges = surname_merges([("j", "Jeffrey"), ("jj", "James Jeffrey"), ("b", "Blair"), ("tb", "Tony Blair"),
                             ("cb", "Cherie Blair"), ("x", "Nobody")])
    assert merges == {"j": "jj"}


def test_quantity_normalises_synonyms_owners_and_neutral_words():
    assert quantity("ISIS fighters") == quantity("Daesh militants") == quantity("ISIL adherents")
    assert quantity("IS jihadists").owner == "isis" and quantity("IS jihadists").counts == "fighter"
    assert quantity("suspected IS fighters").counts == "fighter"
    assert quantity("foreign militants").counts == "foreign fighter"    # a different quantity
    assert quantity("Washington troops") == quantity("US soldiers") == quantity("American troops")
    group = Actor("org:valley-front", "Valley Front", "Group", (Span(0, 1),))
    assert quantity("the group's fighters", actors=[group]).owner == "org:valley-front"
    assert quantity("rebuilding", unit="dollar").counts == "rebuilding (dollar)"


def test_fingerprints_find_the_near_copy_and_nothing_else():
    texts = {p.stem: p.read_text().split("\n\n", 1)[1] for p in EXAMPLES.glob("*.txt")}
    prints = {k: fingerprint(v) for k, v in texts.items()}
    assert similarity(prints["defence-official"], prints["defence-official-syndicated"]) >= 0.8
    found = find_copies(sorted(prints.items()))
    assert found.keys() == {"defence-official-syndicated"}
    assert found["defence-official-syndicated"][0] == "defence-official"


def test_an_articles_facts_carry_the_fingerprint_of_its_own_text():
    import dataclasses
    import pickle
    from kg.facts import Article, Facts
    a = Facts(Article(id="a", text="Ferries ran again on Monday after the storm, the port said."))
    b = dataclasses.replace(a, article=Article(id="b", text="Two new wells opened in the dry north."))
    assert a.fingerprint == fingerprint(a.article.text) and b.fingerprint == fingerprint(b.article.text)
    assert pickle.loads(pickle.dumps(b)).fingerprint == b.fingerprint  # as a worker process sends it


def test_the_first_appearance_is_the_original_whatever_the_input_order():
    t = ("Officials said the road to the coast reopened on Monday after a week of fighting, and that "
         "about 300 families had returned to their homes in the river valley since the weekend.")
    rows = [("late", fingerprint(t + " First published by Example Wire.")), ("early", fingerprint(t))]
    # the caller orders by publication date; the first in that order is the original
    assert find_copies(list(reversed(rows)))["late"][0] == "early"


def test_each_actor_is_one_node_across_the_example_corpus(store):
    found = {e.iri: e for name in ("ISIS", "ISIL", "IS", "Daesh", "Islamic State")
             for e in api.explain(name, store=store)}
    assert list(found) == [BASE + "actor/isis"]
    isis = found[BASE + "actor/isis"]
    assert {"ISIS", "ISIL", "IS", "Daesh", "Islamic State"} <= {m.text for m in isis.mentions}
    assert isis.wikidata == "http://www.wikidata.org/entity/Q2429253"
    assert {m.rule for m in isis.mentions if m.text == "Daesh"} == {"alias-table"}

    [us] = {e.iri: e for n in ("US", "United States", "Washington") for e in api.explain(n, store=store)}.values()
    assert us.iri == BASE + "actor/us"
    assert {m.rule for m in us.mentions if m.text == "Washington"} == {"capital"}
    assert {m.article for m in us.mentions if m.text == "Washington"} == {"envoy-briefing", "troop-withdrawal"}

    jeffreys = {e.iri for n in ("Jeffrey", "Mr Jeffrey", "James Jeffrey") for e in api.explain(n, store=store)}
    assert jeffreys == {BASE + "actor/person/james-jeffrey"}
    [jj] = api.explain("Jeffrey", store=store)
    assert jj.merged == {BASE + "actor/person/jeffrey": "corpus-surname"}
    rules = {(m.article, m.rule) for m in jj.mentions}
    assert ("envoy-briefing", "surname") in rules and ("jeffrey-warning", "corpus-surname") in rules


def test_corpus_graph_records_the_copy_and_the_merge(store):
    from kg.store import LocalStore
    s = LocalStore(store)
    try:
        assert {c: o for c, (o, _) in copy_originals(s).items()} == {
            BASE + "article/defence-official-syndicated": BASE + "article/defence-official"}
        assert merged_actors(s) == {BASE + "actor/person/jeffrey": BASE + "actor/person/james-jeffrey"}
    finally:
        s.close()


def test_explain_an_unknown_actor_raises(store):
    from kg.errors import QueryError
    with pytest.raises(QueryError):
        api.explain("Nobody At All", store=store)


def test_the_store_with_corpus_links_still_validates(store):
    assert api.validate(store=store).conforms


def test_a_surname_the_corpus_also_writes_as_a_word_is_not_merged(tmp_path):
    """"Price" alone may be Alan Price, but a corpus that speaks of "the price" cannot tell."""
    from pyoxigraph import RdfFormat, serialize

    from kg.corpus import link
    from kg.facts import Article, Facts
    from kg.rdf import to_quads
    from kg.store import LocalStore

    def facts(aid, text, *names):
        actors = tuple(Actor(f"person:{n.lower().replace(' ', '-')}", n, "Person", (Span(text.index(n), text.index(n) + len(n)),))
                       for n in names)
        return Facts(Article(id=aid, text=text), actors, extractor="kg test")

    store = LocalStore(tmp_path / "s")
    for f in (facts("a1", "Singer Alan Price and envoy Omar Lutz met on Friday.", "Alan Price", "Omar Lutz"),
              facts("a2", "Price said the tour goes on. Lutz agreed.", "Price", "Lutz"),
              facts("a3", "The price of bread rose again.")):
        quads = to_quads(f)
        store.put_graph(quads[0].graph_name, serialize(quads, format=RdfFormat.N_QUADS))
    try:
        assert link(store)["merged"] == 1
        assert merged_actors(store) == {BASE + "actor/person/lutz": BASE + "actor/person/omar-lutz"}
    finally:
        store.close()


def test_a_corpus_built_run_by_run_links_its_copies_as_one_built_at_once(tmp_path):
    """Undated copies tie on date: which is the original must not depend on the runs that
    brought the articles in, nor on their order in a run."""
    from kg.facts import Article
    from kg.rdf import CORPUS_GRAPH, COUNTS_GRAPH
    from kg.store import LocalStore
    body = ("Engineers reopened the northern rail line on Thursday after floods closed it for nine days, "
            "the transport ministry said, adding that about 40 trains a day would run again between the "
            "port and the capital by the end of the month while repairs to two bridges went on.")
    texts = {"wire-a": body, "wire-b": body + " This report was shared by a partner agency.",
             "wire-c": "From our correspondent. " + body}

    def articles(*ids):
        return [Article(id=i, text=texts[i]) for i in ids]

    api.build(articles("wire-c", "wire-b", "wire-a"), store=tmp_path / "once")
    api.build(articles("wire-c"), store=tmp_path / "runs")
    api.build(articles("wire-b", "wire-a"), store=tmp_path / "runs")
    graphs = []
    for name in ("once", "runs"):
        store = LocalStore(tmp_path / name)
        try:
            graphs.append([sorted(store.graph_nquads(g).splitlines()) for g in (CORPUS_GRAPH, COUNTS_GRAPH)])
        finally:
            store.close()
    assert graphs[0] == graphs[1]
    copies = [line for line in graphs[0][0] if b"copyOf" in line]
    assert len(copies) == 2 and all(line.split()[2] == f"<{BASE}article/wire-a>".encode() for line in copies)
