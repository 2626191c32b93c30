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
        assert per_graph.findings == whole.findings and per_graph.violations == 1
