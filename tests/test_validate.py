import dataclasses

import pytest

from kg.rdf import to_quads
from kg.shacl import validate_quads

from factsfixture import sample_facts

KG = "https://w3id.org/kg-news/ontology#"


def _without(quads, predicate_end, subject_part=""):
    return [q for q in quads if not (q.predicate.value.endswith(predicate_end) and subject_part in q.subject.value)]


def test_sample_graph_conforms():
    report = validate_quads(to_quads(sample_facts()))
    assert report.conforms, report.text()
    assert report.warnings == 0


def test_swapped_min_and_max_is_a_violation():
    facts = sample_facts()
    e2 = dataclasses.replace(facts.estimates[1], min=350, max=250)
    report = validate_quads(to_quads(dataclasses.replace(facts, estimates=(facts.estimates[0], e2))))
    assert not report.conforms
    assert any("lower bound" in f.message and f.focus.endswith("/estimate/e2") for f in report.findings)


def test_estimate_with_neither_value_nor_bounds_is_a_violation():
    facts = sample_facts()
    e1 = dataclasses.replace(facts.estimates[0], value=None)
    report = validate_quads(to_quads(dataclasses.replace(facts, estimates=(e1,))))
    assert [f.focus.rsplit("/", 1)[-1] for f in report.findings if f.severity == "Violation"] == ["e1"]


def test_statement_without_speaker_is_a_violation():
    report = validate_quads(_without(to_quads(sample_facts()), "#wasAttributedTo", "/statement/s1"))
    assert not report.conforms
    assert any("speaker" in f.message for f in report.findings)


def test_statement_without_evidence_is_a_violation():
    quads = [q for q in to_quads(sample_facts())
             if not (q.subject.value.endswith("/statement/s2") and q.predicate.value == KG + "evidence")]
    assert not validate_quads(quads).conforms


@pytest.mark.parametrize("kind", ["/actor/", "/place/", "/estimate/", "/statement/"])
def test_fact_without_its_article_is_a_violation(kind):
    report = validate_quads(_without(to_quads(sample_facts()), "#article", kind))
    assert any("article it was extracted from" in f.message for f in report.findings)
    assert not report.conforms


def test_location_without_coordinates_is_only_a_warning():
    facts = sample_facts()
    tamsa = dataclasses.replace(facts.locations[0], lat=None, lon=None, precision=None)
    report = validate_quads(to_quads(dataclasses.replace(facts, locations=(tamsa, facts.locations[1]))))
    assert report.conforms and report.warnings == 1
    assert "WARNING" in report.text() and "0 violation(s), 1 warning(s)" in report.text()


def test_store_is_validated_graph_by_graph_with_the_same_findings(tmp_path):
    from pyoxigraph import RdfFormat, serialize

    from kg.rdf import article_iri
    from kg.store import LocalStore
    from kg.shacl import validate_store
    facts = sample_facts("bad")
    e2 = dataclasses.replace(facts.estimates[1], min=350, max=250)
    bad = dataclasses.replace(facts, estimates=(facts.estimates[0], e2))
    store = LocalStore(tmp_path / "st")
    store.put_graphs([(article_iri(f.article.id), serialize(to_quads(f), format=RdfFormat.N_QUADS))
                      for f in (sample_facts("good"), bad)])
    whole = validate_quads(store.quads())
    for workers, batch in ((1, 1), (2, 1), (1, 100)):
        per_graph = validate_store(store, workers=workers, batch=batch)
        assert validate_store(store, workers=workers, batch=batch, engine="pyshacl").findings == per_graph.findings
        assert per_graph.findings == whole.findings and per_graph.violations == 1


def test_two_articles_may_place_one_place_differently(tmp_path):
    """An unknown town placed by each article's own context gets a different point in each; per
    article that is one latitude, so neither article breaks "at most one latitude"."""
    from pyoxigraph import RdfFormat, serialize

    from kg.rdf import article_iri
    from kg.shacl import validate_store
    from kg.store import LocalStore
    one = sample_facts("one")
    tamsa = dataclasses.replace(one.locations[0], lat=-35.0, lon=-71.5, precision="region")
    two = dataclasses.replace(sample_facts("two"), locations=(tamsa, one.locations[1]))
    store = LocalStore(tmp_path / "st")
    store.put_graphs([(article_iri(f.article.id), serialize(to_quads(f), format=RdfFormat.N_QUADS))
                      for f in (one, two)])
    assert not validate_quads(store.quads()).conforms  # their union has two latitudes for Tamsa
    for workers in (1, 2):
        assert validate_store(store, workers=workers).violations == 0


def _broken_graph():
    """The sample graph with one break of each kind the shapes check, and a few valid odd values."""
    from pyoxigraph import Literal, NamedNode, Quad
    facts = sample_facts("broken")
    e2 = dataclasses.replace(facts.estimates[1], min=350, max=250)
    tamsa = dataclasses.replace(facts.locations[0], lat=None, lon=None, precision=None)
    quads = to_quads(dataclasses.replace(facts, estimates=(facts.estimates[0], e2),
                                         locations=(tamsa, facts.locations[1])))
    quads = _without(quads, "#wasAttributedTo", "/statement/s1")
    quads = _without(quads, "#article", "/place/")
    g = quads[0].graph_name
    actor = next(q.subject for q in quads if q.subject.value.endswith("/actor/org/northern-front"))
    ruiz = next(q.subject for q in quads if q.subject.value.endswith("/actor/person/ana-ruiz"))
    estimate = next(q.subject for q in quads if q.subject.value.endswith("/estimate/e1"))
    kg = lambda local: NamedNode(KG + local)  # noqa: E731
    quads += [Quad(actor, kg("actorType"), Literal("Militia"), g),                   # not one of the types
              Quad(ruiz, kg("actorType"), Literal("Person", language="en"), g),      # not a plain string
              Quad(estimate, NamedNode("https://schema.org/value"), Literal("many"), g),  # not a decimal
              Quad(estimate, kg("qualifier"), kg("roughly"), g)]                     # not a qualifier
    return quads


def test_both_engines_give_the_same_report_on_a_graph_with_known_violations():
    quads = _broken_graph()
    turbo = validate_quads(quads, engine="turbo")
    reference = validate_quads(quads, engine="pyshacl")
    assert turbo.findings == reference.findings
    assert not turbo.conforms and turbo.violations >= 8 and turbo.warnings == 1
    paths = {f.path.rsplit("#", 1)[-1].rsplit("/", 1)[-1] for f in turbo.findings if f.path}
    assert {"actorType", "value", "qualifier", "minValue", "wasAttributedTo", "article", "hasGeometry"} <= paths


def test_every_actor_type_is_accepted_by_both_engines():
    from pyoxigraph import Literal, NamedNode, Quad
    quads = to_quads(sample_facts())
    actor = next(q for q in quads if q.predicate.value == KG + "actorType")
    for kind in ("Person", "Organization", "Group", "Country", "Other"):
        changed = [q for q in quads if q != actor] + [Quad(actor.subject, actor.predicate, Literal(kind), actor.graph_name)]
        for engine in ("turbo", "pyshacl"):
            assert validate_quads(changed, engine=engine).conforms, (kind, engine)


def test_store_validation_agrees_between_engines(tmp_path):
    from pyoxigraph import RdfFormat, serialize

    from kg.rdf import article_iri
    from kg.store import LocalStore
    from kg.shacl import validate_store
    store = LocalStore(tmp_path / "st")
    store.put_graphs([(article_iri(f.article.id), serialize(to_quads(f), format=RdfFormat.N_QUADS))
                      for f in (sample_facts("good"), sample_facts("other"))])
    store.put_graphs([(article_iri("broken"), serialize(_broken_graph(), format=RdfFormat.N_QUADS))])
    for workers, batch in ((1, 1), (1, 100), (2, 2)):
        # the same batches for both: a node missing a triple in one graph but not in another
        # is only a violation when the graphs are validated apart
        reference = validate_store(store, batch=batch, engine="pyshacl")
        assert not reference.conforms
        assert validate_store(store, workers=workers, batch=batch).findings == reference.findings


def test_graphs_are_validated_without_the_triples_no_shape_reads(tmp_path):
    """The engine gets only triples whose predicate the shapes name: a graph with a break of each
    kind gets the report it gets when validated whole, and its text and mentions' words stay out."""
    from pyoxigraph import RdfFormat, serialize

    from kg.rdf import article_iri
    from kg.shacl import _ntriples, validate_store
    from kg.store import LocalStore
    store = LocalStore(tmp_path / "st")
    store.put_graphs([(article_iri("broken"), serialize(_broken_graph(), format=RdfFormat.N_QUADS))])
    assert validate_store(store).findings == validate_quads(_broken_graph()).findings
    sent, whole = _ntriples(store.store, store.graphs()), store.graph_nquads(article_iri("broken"))
    assert b"#isString>" in whole and b"#anchorOf>" in whole
    assert b"#isString>" not in sent and b"#anchorOf>" not in sent


@pytest.mark.parametrize("on_disk", [True, False])
def test_progress_is_told_of_every_graph_in_one_process_or_two(tmp_path, on_disk):
    from pyoxigraph import RdfFormat, serialize

    from kg.rdf import article_iri
    from kg.shacl import validate_store
    from kg.store import LocalStore
    store = LocalStore(tmp_path / "st") if on_disk else LocalStore.in_memory()
    store.put_graphs([(article_iri(f.article.id), serialize(to_quads(f), format=RdfFormat.N_QUADS))
                      for f in (sample_facts("good"), sample_facts("other"))])
    store.put_graphs([(article_iri("broken"), serialize(_broken_graph(), format=RdfFormat.N_QUADS))])
    reference = validate_store(store, batch=1, engine="pyshacl")
    for workers in (1, 2):
        told: list[int] = []
        report = validate_store(store, workers=workers, batch=2, done=told.append)
        assert told == [2, 1] and report.findings == reference.findings and not report.conforms


def test_a_large_store_is_validated_on_every_core_by_default():
    import os

    from kg.shacl import MANY_GRAPHS, auto_workers
    assert auto_workers(1) == auto_workers(MANY_GRAPHS - 1) == 1
    assert auto_workers(MANY_GRAPHS) == auto_workers(10 * MANY_GRAPHS) == len(os.sched_getaffinity(0))
    assert f"a store of {MANY_GRAPHS} graphs" in _validate_help()  # what --help says of the default


def _validate_help() -> str:
    import contextlib
    import io

    from kg.cli import main
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
        main(["validate", "--help"])
    return " ".join(out.getvalue().split())  # argparse wraps the lines
