import dataclasses
import json

import pytest
from pyoxigraph import Literal, RdfFormat, serialize

from kg.corpus import count
from kg.errors import QueryError
from kg.sparql import format_result, load_query, named_queries, parse_params, run
from kg.rdf import article_iri, to_quads
from kg.store import LocalStore

from factsfixture import sample_facts


def nq(facts) -> bytes:
    return serialize(to_quads(facts), format=RdfFormat.N_QUADS)


@pytest.fixture
def store(tmp_path):
    s = LocalStore(tmp_path / "store")
    for art in ("one", "two"):
        s.put_graph(article_iri(art), nq(sample_facts(art)))
    return s


def test_rebuilding_an_article_replaces_its_graph(store, tmp_path):
    before = len(store)
    store.put_graph(article_iri("one"), nq(sample_facts("one")))
    assert len(store) == before
    smaller = dataclasses.replace(sample_facts("one"), estimates=())
    store.put_graph(article_iri("one"), nq(smaller))
    assert len(store) < before
    assert [g.value for g in store.graphs()] == [article_iri("one").value, article_iri("two").value]


def test_store_persists_on_disk(store):
    n = len(store)
    store._store = None  # reopen from disk
    assert len(LocalStore(store.path)) == n


def test_every_named_query_runs(store):
    count(store)  # the counts graph kg build writes after the articles (kg.corpus)
    assert set(named_queries()) >= {"statements-by-actor", "estimates", "actors-by-location",
                                    "actor-comentions", "locations", "said-about"}
    for name in named_queries():
        result = run(load_query(name), store)
        assert result.rows, name


def test_statements_by_actor_with_a_bound_parameter(store):
    res = run(load_query("statements-by-actor"), store, parse_params(["speaker=Ruiz"]))
    assert {r[0].value for r in res.rows} == {"Ana Ruiz"} and len(res.rows) == 4  # 2 statements x 2 articles
    assert run(load_query("statements-by-actor"), store, parse_params(["speaker=Nobody"])).rows == []


def test_comentions_are_weighted_by_articles(store):
    count(store)
    [row] = run(load_query("actor-comentions"), store).rows
    assert int(row[2].value) == 2


def test_said_about_finds_statements_naming_the_subject(store):
    res = run(load_query("said-about"), store, {"name": Literal("Tamsa")})
    assert {r[1].value for r in res.rows} == {"Ana Ruiz"}


@pytest.mark.parametrize("evil", ['Ruiz" } ; DROP ALL ; { "', "x> } <y", "?s ?p ?o", "\\\" UNION { ?a ?b ?c }"])
def test_injection_strings_stay_literal_values(store, evil):
    before = len(store)
    assert run(load_query("statements-by-actor"), store, parse_params([f"speaker={evil}"])).rows == []
    assert len(store) == before


@pytest.mark.parametrize("text, flag", [("DROP ALL", "--allow-update"),
                                        ("INSERT DATA { <a:b> <a:c> <a:d> }", "--allow-update"),
                                        ("LOAD <http://example.org/x>", "--allow-service"),
                                        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
                                         "--allow-service")])
def test_writes_and_remote_calls_are_refused(store, text, flag):
    before = len(store)
    with pytest.raises(QueryError, match=f"refused.*{flag}"):
        run(text, store)
    assert len(store) == before


def test_updates_run_only_when_allowed(store):
    run("INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> <urn:x:c> } }", store, allow_update=True)
    assert run("ASK { <urn:x:a> <urn:x:b> <urn:x:c> }", store).boolean is True


def test_a_slow_query_times_out():
    small = LocalStore.in_memory()
    small.put_graph(article_iri("g"), "".join(f"<urn:x:{i}> <urn:x:p> \"{i}\" <{article_iri('g').value}> .\n"
                                              for i in range(150)).encode())
    cube = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 150³ rows: about a second
    with pytest.raises(QueryError, match="timed out after 0.01 s"):
        run(cube, small, timeout=0.01)
    assert int(run("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c }", small, timeout=5).rows[0][0].value) == 150


def test_keywords_inside_strings_and_variables_are_fine(store):
    assert run('SELECT ?add WHERE { BIND("DROP ALL" AS ?add) }', store).rows


def test_malformed_sparql_and_unknown_names_are_named(store):
    with pytest.raises(QueryError, match="malformed SPARQL"):
        run("SELECT WHERE {", store)
    with pytest.raises(QueryError, match="no query named 'nope'.*estimates"):
        load_query("nope")
    with pytest.raises(QueryError, match="not used by the query"):
        run(load_query("estimates"), store, parse_params(["speakr=x"]))
    with pytest.raises(QueryError, match="name=value"):
        parse_params(["oops"])


def test_output_formats(store):
    count(store)
    res = run(load_query("locations"), store)
    table = format_result(res, "table")
    assert table.splitlines()[0].split()[:3] == ["location", "kind", "lat"] and table.endswith("(2 rows)")
    rows = json.loads(format_result(res, "json"))
    assert {r["location"]: r["lat"] for r in rows} == {"Chile": -30.0, "Tamsa": -33.4}
    assert format_result(res, "csv").splitlines()[0].startswith("location,kind,lat,lon")


# said-about as it was before statements carried schema:mentions: mention offsets compared at query time
_SAID_ABOUT_BY_OFFSETS = """
PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
SELECT DISTINCT ?subject ?speaker ?direct ?content ?article WHERE {
  GRAPH ?a {
    ?t rdfs:label|skos:altLabel ?name .
    ?t rdfs:label ?subject ; kg:evidence ?tm .
    ?tm nif:beginIndex ?tb ; nif:endIndex ?te .
    ?s a kg:Statement ; kg:direct ?direct ; kg:evidence ?cm ; prov:wasAttributedTo/rdfs:label ?speaker .
    ?cm nif:beginIndex ?cb ; nif:endIndex ?ce ; nif:anchorOf ?content .
    ?a schema:identifier ?article .
    FILTER(?tb >= ?cb && ?te <= ?ce)
  }
}
ORDER BY ?subject ?article ?speaker
"""


@pytest.mark.parametrize("name", [None, "Tamsa", "Chile", "Northern Front", "Ruiz", "Nowhere"])
def test_said_about_answers_as_comparing_offsets_did(store, name):
    params = {"name": Literal(name)} if name else {}
    rows = run(load_query("said-about"), store, params).rows
    assert rows == run(_SAID_ABOUT_BY_OFFSETS, store, params).rows
    assert bool(rows) == (name not in ("Ruiz", "Nowhere"))  # Ms Ruiz speaks but is not named in what she says


def test_parameters_are_bound_inside_the_graph_block_with_the_same_answers(store):
    from kg.sparql import bind
    text = load_query("statements-by-actor")
    bound = bind(text, parse_params(["speaker=Ruiz"]))
    assert bound.index("VALUES") > bound.index("GRAPH ?a {")
    outside = text.replace("WHERE {", 'WHERE { VALUES (?speaker) { ("Ruiz") }', 1)
    assert run(bound, store).rows == run(outside, store).rows and len(run(outside, store).rows) == 4
    # no GRAPH block directly in WHERE (only inside OPTIONAL): the values go at the top, as before
    nested = "SELECT ?s WHERE { ?s ?p ?o OPTIONAL { GRAPH ?g { ?s ?q ?name } } }"
    assert bind(nested, {"name": Literal("x")}).startswith('SELECT ?s WHERE { VALUES (?name) { ("x") }')
    # a parameter naming the graph itself stays outside the block
    assert bind("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": Literal("x")}).index("VALUES") < 20


# ---------------------------------------------------------------- pages: --limit / --offset and stored listings

from kg.sparql import run_named  # noqa: E402


@pytest.fixture
def paged(store, monkeypatch):
    """The two-article store with listings of 2-row pages, so that every window spans pages."""
    import kg.listings
    monkeypatch.setattr(kg.listings, "PAGE_SIZE", 2)
    count(store)
    return store


def _listed(store):
    """Named queries with a stored listing: every one (run without its parameters)."""
    return named_queries()


def test_every_window_of_a_stored_listing_is_that_window_of_the_query(paged):
    # actors-by-location reads its rows from the counts graph, counted through the corpus merges
    # and without copies (tests/test_counts.py), as actor-comentions and locations do: listed too
    from kg.sparql import reads_counts
    assert reads_counts(load_query("actors-by-location"))
    for name in _listed(paged):
        live = run(load_query(name), paged)
        want = live.rows
        assert want, name
        assert run_named(name, paged).columns == live.columns, name
        for offset in range(len(want) + 2):
            for limit in (1, 2, 3, None):
                got = run_named(name, paged, limit=limit, offset=offset)
                end = None if limit is None else offset + limit
                assert (got.rows, got.total) == (want[offset:end], len(want)), (name, offset, limit)
                assert got.more == (end is not None and end < len(want))


def test_a_listing_is_read_not_evaluated(paged, monkeypatch):
    """The stored answer is what a page shows: the query itself is not run again."""
    import kg.sparql
    monkeypatch.setattr(kg.sparql, "run", lambda *a, **k: pytest.fail("the query was evaluated"))
    assert len(run_named("estimates", paged, limit=1).rows) == 1


def test_a_changed_query_or_a_store_without_listings_runs_the_query(store, monkeypatch):
    want = run(load_query("estimates"), store).rows
    assert run_named("estimates", store, limit=1).rows == want[:1]  # no listing stored yet
    count(store)
    import kg.sparql
    changed = load_query("estimates").replace("ORDER BY ?published ?article ?text", "ORDER BY DESC(?text)")
    monkeypatch.setattr(kg.sparql, "load_query", lambda name: changed)
    got = run_named("estimates", store)
    assert [r[2].value for r in got.rows] == sorted((r[2].value for r in want), reverse=True)
    assert got.total is None  # evaluated, not read from the listing of the old text


def test_limit_and_offset_on_a_query_that_runs(store):
    query = load_query("statements-by-actor")
    every = run(query, store, parse_params(["speaker=Ruiz"])).rows
    first = run(query, store, parse_params(["speaker=Ruiz"]), limit=3)
    assert first.rows == every[:3] and first.more
    rest = run(query, store, parse_params(["speaker=Ruiz"]), limit=3, offset=3)
    assert rest.rows == every[3:6] and not rest.more
    own = "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 5"  # its own LIMIT: cut after it runs
    assert run(own, store, limit=2, offset=1).rows == run(own, store).rows[1:3]
    with pytest.raises(QueryError, match="negative"):
        run(query, store, limit=-1)


def test_cli_shows_a_page_and_says_more_on_stderr(paged, capsys):
    from kg.cli import main
    paged.close()
    assert main(["query", "estimates", "--store", str(paged.path), "--limit", "1", "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    total = len(run(load_query("estimates"), LocalStore(paged.path)).rows)
    assert len(out.splitlines()) == 2 and f"rows 1–1 of {total} shown; more with --offset 1" in err
    assert main(["query", "estimates", "--store", str(paged.path), "--limit", "0", "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == total + 1 and err == ""


def test_cli_says_when_an_offset_is_past_the_end(paged, capsys):
    from kg.cli import main
    paged.close()
    assert main(["query", "estimates", "--store", str(paged.path), "--offset", "999"]) == 0
    assert "no rows after row 999 of the answer (it has" in capsys.readouterr().err
