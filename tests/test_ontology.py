"""The ontology is the single source of the KG terms, and it ships with the package."""
import importlib.util
import re
from pathlib import Path

import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from kg.namespace import KG
from kg.resources import folder

ROOT = Path(__file__).resolve().parents[1]


def _ontology():
    return rdflib.Graph().parse(data=folder("ontology").joinpath("kg.ttl").read_text(), format="turtle")


def test_namespace_module_is_generated_from_the_ontology():
    spec = importlib.util.spec_from_file_location("gen_namespace", ROOT / "tools" / "gen_namespace.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    assert gen.generate() == (ROOT / "kg" / "namespace.py").read_text()


def test_every_class_and_property_is_labelled_and_commented():
    g = _ontology()
    terms = [s for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty) for s in g.subjects(RDF.type, t)]
    assert len(terms) > 20
    for term in terms:
        assert g.value(term, RDFS.label) is not None, term
        assert g.value(term, RDFS.comment) is not None, term


def test_unknown_terms_raise():
    import pytest
    with pytest.raises(AttributeError):
        KG.Estimat


def test_every_kg_term_used_in_code_is_defined():
    defined = {str(s).split("#")[1] for s in _ontology().subjects() if str(s).startswith(str(KG._NS))}
    used = set()
    for path in (ROOT / "kg").rglob("*.py"):
        used |= set(re.findall(r"\bKG\.([A-Za-z_]+)", path.read_text()))
    used -= {"_NS"}
    assert used and used <= defined, used - defined


def test_standard_vocabularies_are_reused():
    g = _ontology()
    supers = {str(o) for o in g.objects(None, RDFS.subClassOf)} | {str(o) for o in g.objects(None, RDFS.subPropertyOf)}
    for ns in ("http://www.w3.org/ns/prov#", "https://schema.org/", "http://www.opengis.net/ont/geosparql#",
               "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"):
        assert any(s.startswith(ns) for s in supers), ns
