"""Integration with a real SPARQL 1.1 server: Oxigraph, started on 127.0.0.1 and stopped by the fixture
(behind Debian's nginx for the basic-auth test)."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.api import build, query
from kg.errors import StoreError
from kg.rdf import article_iri
from kg.store import LocalStore, RemoteStore

from serverfixture import free_port, running_under, stop, wait_until_answering

pytestmark = pytest.mark.server

ARTICLE = """Date: 2023-02-01

Flooding displaced nearly 12,000 people in Orlin province, relief coordinator Hana Sato said on Tuesday.
"We need at least 40 more trucks," Ms Sato said.
"""


def _start(location: Path, port: int) -> subprocess.Popen:
    exe = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(exe).exists():
        pytest.fail("the oxigraph server is not installed: pip install -e '.[test]'")
    proc = subprocess.Popen([exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph", "--timeout-s", "30"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until_answering(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", proc, "the oxigraph server", 10)
    return proc


@pytest.fixture(scope="module", autouse=True)
def no_server_left(tmp_path_factory):
    """Every server these tests start, restarted ones included, is stopped afterwards."""
    yield
    if Path("/proc").is_dir():
        base = str(tmp_path_factory.getbasetemp())
        assert not [c for c in running_under("oxigraph", base) if " serve " in c], "oxigraph servers left running"
        assert not running_under("nginx", base), "nginx left running"


@pytest.fixture
def server(tmp_path):
    port = free_port()
    running = {"url": f"http://127.0.0.1:{port}/query", "port": port, "dir": tmp_path / "db",
               "proc": _start(tmp_path / "db", port)}
    yield running
    stop(running["proc"])  # the server running now: a test that kills and restarts it leaves a new one here


@pytest.fixture
def article(tmp_path):
    p = tmp_path / "floods.txt"
    p.write_text(ARTICLE)
    return p


def _facts(remote) -> int:
    """Triples on the server outside the listings graph (a cache of the answers, not counted as built)."""
    from kg.rdf import LISTINGS_GRAPH
    cached = remote.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{LISTINGS_GRAPH.value}> {{ ?s ?p ?o }} }}")
    return len(remote) - int(cached.rows[0][0].value)


def test_load_query_and_reload_without_duplicates(server, article):
    first = build([article], endpoint=server["url"], use_store=False)
    assert first.built == 1 and not first.failed
    remote = RemoteStore(server["url"])
    assert _facts(remote) == first.triples
    again = build([article], endpoint=server["url"], use_store=False)
    assert _facts(remote) == first.triples
    assert again.built == 0 and again.corpus["kept"]  # the server holds that article already: nothing to link
    rows = query("statements-by-actor", {"speaker": __import__("pyoxigraph").Literal("Sato")},
                 endpoint=server["url"]).rows
    assert {r[0].value for r in rows} == {"Hana Sato"} and len(rows) == 2


def test_server_killed_and_restarted_then_reloaded_is_exact(server, article, tmp_path):
    build([article], endpoint=server["url"], use_store=False)
    expected = len(RemoteStore(server["url"]))
    server["proc"].kill()
    server["proc"].wait()
    with pytest.raises(StoreError, match="127.0.0.1"):
        RemoteStore(server["url"], timeout=2).put_graph(article_iri("floods"), b"")
    server["proc"] = _start(server["dir"], server["port"])
    build([article], endpoint=server["url"], use_store=False)
    assert len(RemoteStore(server["url"])) == expected


def test_remote_query_errors_are_named(server):
    from kg.errors import QueryError
    from kg.sparql import run
    with pytest.raises(QueryError):
        run("SELECT ?x WHERE { ?x", RemoteStore(server["url"]))


def test_kg_load_pushes_the_store_and_survives_a_server_killed_mid_load(server, tmp_path):
    import json as _json

    from kg.api import load
    records = [{"id": f"n{i}", "text": f"About {10 + i} boats left Varno harbour, skipper Ada Holm said."}
               for i in range(40)]
    corpus = tmp_path / "boats.jsonl"
    corpus.write_text("\n".join(_json.dumps(r) for r in records))
    local = tmp_path / "local"
    built = build([corpus], store=local)
    assert built.built == 40

    # kill the server once the load is under way: after its fifth graph
    sent = []
    real_put = RemoteStore.put_graph

    def put_then_maybe_kill(self, graph, nquads):
        real_put(self, graph, nquads)
        sent.append(graph)
        if len(sent) == 5:
            server["proc"].kill()
            server["proc"].wait()
    RemoteStore.put_graph = put_then_maybe_kill
    try:
        first = load(server["url"], store=local, retries=0, timeout=2)
    finally:
        RemoteStore.put_graph = real_put
    assert first.graphs == 5 and len(first.failed) == 40 - 5
    assert "127.0.0.1" in first.failed[0].reason
    assert first.corpus == {}  # not linked: the server lacks articles

    server["proc"] = _start(server["dir"], server["port"])
    again = load(server["url"], store=local)
    # 40 articles, then the store's derived graphs as they are: the counts (places; no actor pairs,
    # no copies) and the listings, since the server holds just the articles they were made from
    assert (again.graphs, again.failed, again.corpus["kept"]) == (42, [], True)
    assert _facts(RemoteStore(server["url"])) == built.triples  # complete, and nothing twice
    assert _same_answers(RemoteStore(server["url"]), LocalStore(local))


def _same_answers(one, other) -> bool:
    """Every named query answers alike on both stores, listings and counts read where built."""
    from kg.sparql import named_queries, run_named
    return all(run_named(name, one).rows == run_named(name, other).rows for name in named_queries())


def test_kg_load_into_a_server_holding_more_links_there(server, article, tmp_path):
    """A store's derived graphs cover its own articles only: loaded beside others, the server
    links them all, as if it had built them all."""
    from kg.api import load
    other = tmp_path / "other.txt"
    other.write_text("Relief coordinator Hana Sato said 40 trucks left Korvat for Orlin on Monday.")
    build([other], endpoint=server["url"], use_store=False)
    local = tmp_path / "local"
    build([article], store=local)
    summary = load(server["url"], store=local)
    assert summary.corpus["kept"] is False and not summary.failed
    both = tmp_path / "both"
    build([article, other], store=both)
    assert _same_answers(RemoteStore(server["url"]), LocalStore(both))
    assert _facts(RemoteStore(server["url"])) == build([article, other], output=tmp_path / "b.nq",
                                                       use_store=False).triples


def test_remove_drops_an_article_from_the_server_and_links_again(server, article, tmp_path):
    from kg.api import remove
    other = tmp_path / "other.txt"
    other.write_text("Ms Lena Brandt of the Relief Office said 40 trucks left Korvat on Monday.")
    build([article, other], endpoint=server["url"], use_store=False)
    remote = RemoteStore(server["url"])
    gone = remove(["other", "nowhere"], endpoint=server["url"])
    assert (gone.removed, gone.missing) == (["other"], ["nowhere"])
    assert not remote.query(f"ASK {{ GRAPH <{article_iri('other').value}> {{ ?s ?p ?o }} }}").boolean
    assert remote.query(f"ASK {{ GRAPH <{article_iri('floods').value}> {{ ?s ?p ?o }} }}").boolean
    # the server's derived graphs are those of the one article left
    alone = build([article], endpoint=server["url"], use_store=False)
    assert alone.built == 0 and alone.corpus["kept"]


def test_kg_load_from_a_file(server, article, tmp_path):
    from kg.api import load
    out = tmp_path / "g.trig"
    s = build([article], output=out, use_store=False)
    summary = load(server["url"], path=out)
    # the article sent; its counts graph made on the server again (a file carries no mark saying
    # which articles it was computed from), alike
    assert (summary.graphs, summary.corpus["kept"]) == (1, False)
    assert _facts(RemoteStore(server["url"])) == s.triples


def test_every_named_query_runs_on_the_server_and_listings_page_there(server, article):
    """Comments such as "copies" once made SPARQLWrapper send a query as an update."""
    from kg.sparql import load_query, named_queries, run
    build([article], endpoint=server["url"], use_store=False)
    remote = RemoteStore(server["url"])
    answers = {name: run(load_query(name), remote).rows for name in named_queries()}
    page = query("estimates", endpoint=server["url"], limit=1)
    assert page.total == len(answers["estimates"]) and page.rows == answers["estimates"][:1]


def test_every_command_with_endpoint_works_through_the_cli(server, article, tmp_path, monkeypatch, capsys):
    """The API tests above pass options by name; these go through argparse as a user's would
    (``kg query --endpoint`` once failed there on a timeout given twice)."""
    import json

    from kg.cli import main
    monkeypatch.chdir(tmp_path)  # the errors file of a build goes here
    url = server["url"]
    assert main(["build", str(article), "--no-store", "--endpoint", url, "--timeout", "20", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["built"] == 1
    assert main(["query", "statements-by-actor", "--param", "speaker=Sato", "--endpoint", url,
                 "--timeout", "10", "--format", "json"]) == 0
    assert {r["name"] for r in json.loads(capsys.readouterr().out)} == {"Hana Sato"}
    assert main(["query", "estimates", "--endpoint", url, "--format", "json", "--limit", "0"]) == 0
    values = {r["value"] for r in json.loads(capsys.readouterr().out)}
    assert 12000 in values
    assert main(["estimates", "trucks", "--endpoint", url, "--format", "json"]) == 0
    assert [(r["article"], r["min"]) for r in json.loads(capsys.readouterr().out)] == [("floods", 40)]
    assert main(["explain", "Sato", "--endpoint", url, "--json"]) == 0
    assert "Hana Sato" in capsys.readouterr().out
    assert main(["conflicts", "--endpoint", url, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["remove", "floods", "--endpoint", url, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["removed"] == ["floods"]
    assert main(["query", "estimates", "--endpoint", url, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert not (tmp_path / "kg-store").exists()


_NGINX = """daemon off;
{user}pid {d}/nginx.pid;
error_log {d}/error.log;
events {{}}
http {{
  access_log off;
  client_max_body_size 0;
  client_body_temp_path {d}/body;
  proxy_temp_path {d}/proxy;
  fastcgi_temp_path {d}/fastcgi;
  uwsgi_temp_path {d}/uwsgi;
  scgi_temp_path {d}/scgi;
  server {{
    listen 127.0.0.1:{port};
    auth_basic "kg tests";
    auth_basic_user_file {d}/users;
    location / {{ proxy_pass http://127.0.0.1:{upstream}; }}
  }}
}}
"""


@pytest.fixture
def guarded(server, tmp_path):
    """The Oxigraph server behind Debian's nginx asking for HTTP basic auth (user analyst, password
    s3cret), as a server is often put on a network: Oxigraph itself has no auth."""
    exe = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(exe).exists():
        pytest.fail("nginx is not installed: run sh .ci/ensure-debian nginx nginx-light "
                    "(apt-get install nginx-light); make test does this for you.")
    folder = tmp_path / "nginx"
    folder.mkdir()
    (folder / "users").write_text("analyst:{PLAIN}s3cret\n")
    port = free_port()
    # run as root, nginx's workers would be another user, who may not read the test's folder
    user = "user root;\n" if os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(_NGINX.format(d=folder, port=port, upstream=server["port"], user=user))
    proc = subprocess.Popen([exe, "-c", str(folder / "nginx.conf"), "-p", str(folder), "-e", str(folder / "error.log")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_answering(f"http://127.0.0.1:{port}/", proc, "nginx", 10)  # its 401 is an answer
        yield f"http://127.0.0.1:{port}/query"
    finally:
        stop(proc)


def test_a_server_behind_basic_auth(guarded, article, tmp_path, monkeypatch, capsys):
    from kg.cli import main
    monkeypatch.chdir(tmp_path)
    assert main(["build", str(article), "--no-store", "--endpoint", guarded, "--user", "analyst",
                 "--password", "s3cret"]) == 0
    query = ["query", "statements-by-actor", "--param", "speaker=Sato", "--endpoint", guarded, "--format", "json"]
    monkeypatch.setenv("KG_PASSWORD", "s3cret")  # the password from the environment, kept off the command line
    capsys.readouterr()
    assert main([*query, "--user", "analyst"]) == 0
    assert {r["name"] for r in json.loads(capsys.readouterr().out)} == {"Hana Sato"}
    assert main([*query, "--user", "analyst", "--password", "wrong"]) == 2
    assert "HTTP 401: the server refused user 'analyst' and its password" in capsys.readouterr().err
    assert main(query) == 2
    assert "the server wants a user and password" in capsys.readouterr().err
    assert main(["remove", "floods", "--endpoint", guarded, "--user", "analyst", "--password", "wrong"]) == 2
    assert "refused user 'analyst'" in capsys.readouterr().err
