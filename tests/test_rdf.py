import dataclasses

import rdflib
from hypothesis import given, settings, strategies as st
from pyoxigraph import RdfFormat, parse, serialize

from kg.facts import Actor, Article, Facts, Span
from kg.rdf import actor_iri, article_iri, segment, to_quads
from kg.shacl import validate_quads

from factsfixture import TEXT, sample_facts


def _graph(quads):
    ds = rdflib.Dataset()
    ds.parse(data=serialize(quads, format=RdfFormat.N_QUADS).decode(), format="nquads")
    return ds


def test_one_named_graph_per_article_named_by_the_article():
    quads = to_quads(sample_facts())
    assert {q.graph_name for q in quads} == {article_iri("sample-1")}


def test_no_blank_nodes_so_reloads_are_exact():
    quads = to_quads(sample_facts())
    assert not any(type(t).__name__ == "BlankNode" for q in quads for t in (q.subject, q.object))
    assert to_quads(sample_facts()) == quads


def test_same_actor_same_iri_in_every_article():
    a = {q.subject for q in to_quads(sample_facts("one"))}
    b = {q.subject for q in to_quads(sample_facts("two"))}
    assert actor_iri("person:ana-ruiz") in a & b
    assert article_iri("one") not in b


def test_estimate_carries_value_bounds_unit_hedge_place_time_and_speaker():
    g = _graph(to_quads(sample_facts()))
    rows = {str(r.text): r for r in g.query("""
        PREFIX kg: <https://w3id.org/kg-news/ontology#> PREFIX schema: <https://schema.org/>
        PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?text ?q ?v ?min ?max ?unit ?place ?when ?who WHERE { GRAPH ?g {
          ?e a kg:Estimate ; kg:qualifier ?q ; kg:evidence/nif:anchorOf ?text ; schema:unitText ?unit ;
             prov:wasAttributedTo/rdfs:label ?who .
          OPTIONAL { ?e schema:value ?v } OPTIONAL { ?e schema:minValue ?min ; schema:maxValue ?max }
          OPTIONAL { ?e schema:spatialCoverage/rdfs:label ?place } OPTIONAL { ?e schema:temporalCoverage ?when } } }""")}
    e1, e2 = rows["about 300 fighters"], rows["between 250 and 350"]
    assert (e1.q.split("#")[1], float(e1.v), str(e1.unit), str(e1.place), str(e1.when), str(e1.who)) == (
        "approximately", 300.0, "person", "Tamsa", "2024-05-06", "Ana Ruiz")
    assert (e2.q.split("#")[1], float(e2.min), float(e2.max)) == ("range", 250.0, 350.0)


def test_mentions_hold_offsets_and_text():
    g = _graph(to_quads(sample_facts()))
    for begin, end, anchor in g.query("""
        PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        SELECT ?b ?e ?a WHERE { GRAPH ?g { ?m nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?a } }"""):
        assert TEXT[int(begin):int(end)] == str(anchor)


def test_location_has_wkt_point_geonames_and_country():
    ttl = serialize([q.triple for q in to_quads(sample_facts())], format=RdfFormat.N_TRIPLES).decode()
    assert '"POINT(-70.6 -33.4)"^^<http://www.opengis.net/ont/geosparql#wktLiteral>' in ttl
    assert "<https://sws.geonames.org/3895114/>" in ttl
    assert "<https://schema.org/containedInPlace> <https://w3id.org/kg-news/id/place/geonames/3895114>" in ttl


def test_segment_escapes_everything_unsafe():
    for raw in ['a b', '<x>', '"q"', "tab\there", "ctl\x01", "é/ü", "%41", "{}|\\^`"]:
        seg = segment(raw)
        assert all(c.isascii() and (c.isalnum() or c in "-._~%") for c in seg), seg


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=300), st.text(min_size=1, max_size=40))
def test_any_names_give_rdf_that_reparses_and_validates(article_id, name):
    text = "x" * 10
    facts = Facts(article=Article(id=article_id, text=text),
                  actors=(Actor(key="person:" + name, name=name, type="Person", mentions=(Span(0, 3),),
                                aliases=(name + "'s",)),))
    quads = to_quads(facts)
    for fmt in (RdfFormat.N_QUADS, RdfFormat.TRIG):
        again = list(parse(serialize(quads, format=fmt), format=fmt))
        assert len(again) == len(quads)
    assert validate_quads(quads).conforms


def test_estimate_without_speaker_statement_has_no_dangling_link():
    facts = sample_facts()
    facts = dataclasses.replace(facts, statements=())
    quads = to_quads(facts)
    assert not any(q.predicate.value.endswith("#statement") for q in quads)


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=200), st.text(min_size=1, max_size=40), st.text(min_size=1, max_size=40))
def test_nquads_text_is_byte_for_byte_what_pyoxigraph_writes(text, name, article_id):
    """kg.rdf writes N-Quads itself (no Quad objects): escaping must match pyoxigraph's serialiser."""
    from kg.rdf import to_nquads
    facts = Facts(article=Article(id=article_id, text=text + "x" * 10, title=name, source=text),
                  actors=(Actor(key="org:" + name, name=name, type="Organization", mentions=(Span(0, 3),),
                                aliases=(text + name,)),))
    nquads = to_nquads(facts)
    assert serialize(parse(nquads, format=RdfFormat.N_QUADS), format=RdfFormat.N_QUADS) == nquads


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=0, max_value=1e30, allow_nan=False, allow_infinity=False))
def test_any_estimate_value_is_a_decimal_of_at_most_15_digits_and_places(value):
    """A figure of the news as every server keeps it (Virtuoso: 15 decimal places); once a value
    of 1e15 and more stopped the build."""
    facts = sample_facts()
    estimates = (dataclasses.replace(facts.estimates[0], value=value, qualifier="exact", min=None, max=None),)
    quads = to_quads(dataclasses.replace(facts, estimates=estimates))
    [written] = [q.object for q in quads if q.predicate.value == "https://schema.org/value"]
    assert written.datatype.value == "http://www.w3.org/2001/XMLSchema#decimal"
    digits = written.value.replace(".", "").lstrip("0")
    assert len(digits.rstrip("0")) <= 15 and len(written.value.partition(".")[2]) <= 15
    assert abs(float(written.value) - value) <= max(abs(value) * 1e-14, 5e-16)
