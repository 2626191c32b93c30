"""A second, very different SPARQL 1.1 server: Virtuoso (Debian's virtuoso-opensource), started
on 127.0.0.1 by the fixture and stopped after. kg is for any server, not only Oxigraph's layout:
Virtuoso takes the Graph Store Protocol at /sparql-graph-crud and updates at /sparql, so these
tests pass --store-url and --update-url as its users would."""
import json
import shutil
import subprocess

import pytest

from kg.api import build
from kg.cli import main
from kg.sparql import named_queries, run_named
from kg.store import LocalStore, RemoteStore

from serverfixture import free_port, running_under, stop, wait_until_answering

pytestmark = pytest.mark.server

ARTICLES = {
    "floods.txt": "Date: 2023-02-01\n\nFlooding displaced nearly 12,000 people in Orlin province, relief "
                  "coordinator Hana Sato said on Tuesday.\n\"We need at least 40 more trucks,\" Ms Sato said.\n",
    "return.txt": "Date: 2023-02-09\n\nAbout 9,000 people have gone back to their homes in Orlin, said Sato, "
                  "who leads the relief office. Between 20 and 25 trucks reached the province on Wednesday.\n",
    "return-copy.txt": "Date: 2023-02-10\n\nAbout 9,000 people have gone back to their homes in Orlin, said Sato, "
                       "who leads the relief office. Between 20 and 25 trucks reached the province on Wednesday.\n",
}

_INI = """[Database]
DatabaseFile = {d}/kg.db
ErrorLogFile = {d}/kg.log
LockFile = {d}/kg.lck
TransactionFile = {d}/kg.trx
xa_persistent_file = {d}/kg.pxa

[TempDatabase]
DatabaseFile = {d}/kg-temp.db
TransactionFile = {d}/kg-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql}
DirsAllowed = .

[HTTPServer]
ServerPort = 127.0.0.1:{http}

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 60
"""


# Virtuoso answers at most this many rows (its default is 10,000): more than kg's own queries read
# of these articles, fewer than every triple the server holds (its own system graphs hold some 2,500)
MAX_ROWS = 1000


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    exe, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if exe is None or isql is None:
        pytest.fail("Virtuoso is not installed: run sh .ci/ensure-debian virtuoso-t virtuoso-opensource "
                    "(apt-get install virtuoso-opensource); make test does this for you.")
    folder = tmp_path_factory.mktemp("virtuoso")
    sql, http = free_port(), free_port()
    (folder / "kg.ini").write_text(_INI.format(d=folder, sql=sql, http=http, max_rows=MAX_ROWS))
    proc = subprocess.Popen([exe, "+configfile", str(folder / "kg.ini"), "+foreground"], cwd=folder,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{http}"
        wait_until_answering(f"{base}/sparql?query=ASK%7B%7D", proc, "Virtuoso")
        # anonymous SPARQL may read only, until granted updates (the Graph Store Protocol included)
        subprocess.run([isql, f"127.0.0.1:{sql}", "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
                       check=True, capture_output=True, timeout=30)
        yield {"url": f"{base}/sparql", "base": base, "options": ["--store-url", f"{base}/sparql-graph-crud",
                                                    "--update-url", f"{base}/sparql"],
               "remote": {"store_url": f"{base}/sparql-graph-crud", "update_url": f"{base}/sparql"}}
    finally:
        stop(proc, 30)
    assert not running_under("virtuoso-t", str(folder)), "Virtuoso left running"


@pytest.fixture
def articles(tmp_path):
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text)
    return [tmp_path / name for name in ARTICLES]


def _clear(virtuoso) -> RemoteStore:
    remote = RemoteStore(virtuoso["url"], **virtuoso["remote"])
    for (g,) in remote.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                             "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/kg-news/')) }").rows:
        remote.drop_graph(g)
    return remote


def _answers(store) -> dict:
    """Every named query's rows, as a sorted list: Virtuoso orders rows that tie on a query's ORDER BY
    keys otherwise, and in one case a string before its own beginning (see the README)."""
    return {name: sorted(map(repr, run_named(name, store).rows)) for name in named_queries()}


def _kg_facts(store) -> int:
    """kg's triples on the server, the listings (a cache of answers) left out."""
    return int(store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                           "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/kg-news/') "
                           "&& ?g != <https://w3id.org/kg-news/id/graph/listings>) }").rows[0][0].value)


def test_a_build_into_virtuoso_answers_as_the_embedded_store(virtuoso, articles, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    remote = _clear(virtuoso)
    args = [*map(str, articles), "--no-store", "--endpoint", virtuoso["url"], *virtuoso["options"], "--json"]
    assert main(["build", *args]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["built"] == 3 and summary["corpus"]["copies"] == 1
    local = build(articles, store=tmp_path / "local")
    assert _kg_facts(remote) == summary["triples"] == local.triples
    assert _answers(remote) == _answers(LocalStore(tmp_path / "local"))
    # again, forced: every graph replaced, none doubled
    assert main(["build", *args, "--force"]) == 0
    assert json.loads(capsys.readouterr().out)["built"] == 3
    assert _kg_facts(remote) == local.triples


def test_kg_query_and_estimates_read_virtuoso(virtuoso, articles, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _clear(virtuoso)
    assert main(["build", *map(str, articles), "--no-store", "--endpoint", virtuoso["url"], *virtuoso["options"]]) == 0
    capsys.readouterr()
    assert main(["query", "statements-by-actor", "--param", "speaker=Sato", "--endpoint", virtuoso["url"],
                 "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["name"] for r in rows} == {"Hana Sato", "Sato"}  # merged in the corpus graph, not here
    assert {r["direct"] for r in rows} == {True, False}  # Virtuoso's "1" and "0" read as booleans
    build(articles, store=tmp_path / "local")
    assert main(["query", "statements-by-actor", "--param", "speaker=Sato", "--store", str(tmp_path / "local"),
                 "--format", "json"]) == 0
    assert sorted(map(repr, json.loads(capsys.readouterr().out))) == sorted(map(repr, rows))
    assert main(["estimates", "trucks", "--endpoint", virtuoso["url"], "--format", "json"]) == 0
    series = [(r["article"], r["min"], r["max"]) for r in json.loads(capsys.readouterr().out)]
    assert series == [("floods", 40, None), ("return", 20, 25)]  # the copy counted once


def test_kg_load_then_remove_on_virtuoso(virtuoso, articles, tmp_path, capsys):
    remote = _clear(virtuoso)
    build(articles, store=tmp_path / "local")
    assert main(["load", "--store", str(tmp_path / "local"), "--endpoint", virtuoso["url"],
                 *virtuoso["options"], "--json"]) == 0
    loaded = json.loads(capsys.readouterr().out)
    assert loaded["failed"] == 0 and loaded["corpus"]["kept"] is True
    assert _answers(remote) == _answers(LocalStore(tmp_path / "local"))
    assert main(["remove", "return-copy", "--endpoint", virtuoso["url"], *virtuoso["options"]]) == 0
    build(articles[:2], store=tmp_path / "two")
    assert _answers(remote) == _answers(LocalStore(tmp_path / "two"))


def test_an_answer_virtuoso_cut_short_is_an_error_not_fewer_rows(virtuoso, tmp_path, capsys):
    """Virtuoso returns only its first ResultSetMaxRows rows, without an error; kg says so."""
    everything = tmp_path / "everything.rq"
    everything.write_text("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert main(["query", str(everything), "--endpoint", virtuoso["url"], "--limit", "10"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2 + 10 + 1  # header, rule, rows, count
    assert main(["query", str(everything), "--endpoint", virtuoso["url"], "--limit", "0"]) == 2
    assert f"the server cut its answer at {MAX_ROWS} rows" in capsys.readouterr().err


def test_virtuoso_endpoints_behind_digest_auth(virtuoso, articles, tmp_path, monkeypatch, capsys):
    """Virtuoso's /sparql-auth and /sparql-graph-crud-auth take only HTTP digest auth."""
    monkeypatch.chdir(tmp_path)
    remote = _clear(virtuoso)
    base = virtuoso["base"]
    where = ["--endpoint", f"{base}/sparql-auth", "--store-url", f"{base}/sparql-graph-crud-auth",
             "--update-url", f"{base}/sparql-auth", "--user", "dba"]
    assert main(["build", str(articles[0]), "--no-store", *where, "--password", "dba", "--auth", "digest"]) == 0
    assert _kg_facts(remote) == build(articles[:1], output=tmp_path / "one.nq", use_store=False).triples
    query = ["query", "statements-by-actor", "--param", "speaker=Sato", "--format", "json", *where]
    capsys.readouterr()
    assert main([*query, "--password", "dba", "--auth", "digest"]) == 0
    assert {r["name"] for r in json.loads(capsys.readouterr().out)} == {"Hana Sato"}
    assert main([*query, "--password", "wrong", "--auth", "digest"]) == 2
    assert "HTTP 401: the server refused user 'dba' and its password" in capsys.readouterr().err
    assert main([*query, "--password", "dba"]) == 2  # basic auth: refused, with the way out
    assert "--auth digest" in capsys.readouterr().err
    assert main(["remove", "floods", *where, "--password", "dba"]) == 2
    assert "--auth digest" in capsys.readouterr().err
