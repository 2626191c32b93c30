"""Corpus builds: workers, Dask, progress, resume, and untrusted RDF that must not reach out."""
import http.server
import json
import os
import threading

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from pyoxigraph import RdfFormat, parse, serialize

from kg.api import build, read_file
from kg.errors import RdfError
from kg.store import LocalStore
from kg.shacl import validate_quads

TEXTS = [
    "Aid workers said about {n} families fled Korvat on Monday, officer Lena Brandt said.",
    '"We counted {n} trucks," said Piet Laan of the Relief Office.',
    "More than {n} people marched in Selna, police said.",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("corpus")
    records = [{"id": f"doc-{i}", "text": TEXTS[i % 3].format(n=100 + i), "date": "2024-01-0%d" % (1 + i % 9)}
               for i in range(12)]
    (d / "news.jsonl").write_text("\n".join(json.dumps(r) for r in records))
    return d / "news.jsonl"


def _store_quads(path):
    return set(LocalStore(path).quads())


def test_two_workers_build_the_same_graph_as_one(corpus, tmp_path):
    one = build([corpus], store=tmp_path / "one")
    two = build([corpus], store=tmp_path / "two", workers=2)
    assert one.built == two.built == 12 and one.triples == two.triples
    assert _store_quads(tmp_path / "one") == _store_quads(tmp_path / "two")


def test_small_batches_shared_between_this_process_and_the_pool_come_back_in_order():
    from kg.facts import Article
    from kg.runner import run
    articles = [Article(id=f"doc-{i}", text=TEXTS[i % 3].format(n=100 + i)) for i in range(11)]
    # batches of 2: the pool holds two, this process builds the others, all yielded in input order
    two = list(run(articles, workers=2, batch=2))
    one = list(run(articles, workers=1, batch=2))
    assert [b.article_id for b in two] == [a.id for a in articles]
    assert two == one and all(b.error is None for b in two)


def test_dask_local_cluster_builds_the_same_graph(corpus, tmp_path):
    pytest.importorskip("distributed", reason="the dask extra is part of the test extras")
    local = build([corpus], store=tmp_path / "local")
    dask = build([corpus], store=tmp_path / "dask", engine="dask", workers=1)
    assert dask.built == 12 and dask.triples == local.triples
    assert _store_quads(tmp_path / "local") == _store_quads(tmp_path / "dask")


def test_progress_bar_counts_articles(corpus, tmp_path, capsys):
    build([corpus], store=tmp_path / "st", progress=True)
    err = capsys.readouterr().err
    assert "build" in err and "12/12" in err and "articles/s" in err
    assert "link" in err and "3/3" in err and "counts" in err  # then the corpus step, step by step


def test_progress_bar_counts_articles_built_skipped_and_failed_as_they_are_done(corpus, tmp_path, capsys):
    half = tmp_path / "half.jsonl"
    half.write_text("\n".join(corpus.read_text().splitlines()[:5]))
    build([half], store=tmp_path / "st")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(corpus.read_text() + '\n{"id": "doc-x", "text": ""}\n')  # 12 articles and an empty one
    capsys.readouterr()
    s = build([bad], store=tmp_path / "st", progress=True)
    assert (s.built, s.skipped, len(s.failed)) == (7, 5, 1)
    err = capsys.readouterr().err.replace("\r", "\n")
    assert "13/13" in err  # a resumed build ends at its total, not at the articles it built
    # the bar moves as articles are done, not as they are read ahead for the workers
    counts = [int(m) for m in __import__("re").findall(r"\b(\d+)/13\b", err)]
    assert counts == sorted(counts)


def test_streamed_trig_output_is_one_valid_dataset(corpus, tmp_path):
    out = tmp_path / "all.trig"
    s = build([corpus], output=out, use_store=False)
    quads = list(parse(out.read_bytes(), format=RdfFormat.TRIG))
    graphs = {q.graph_name.value for q in quads}
    # twelve article graphs and the derived counts graph (a file-only build runs the corpus step too)
    assert len(quads) == s.triples and len(graphs) == 13
    assert "https://w3id.org/kg-news/id/graph/counts" in graphs


def test_resume_skips_built_articles_and_rebuilds_changed_ones(corpus, tmp_path):
    first = build([corpus], store=tmp_path / "st")
    lines = corpus.read_text().splitlines()
    rec = json.loads(lines[0])
    rec["text"] += " Later, 5 more arrived."
    changed = tmp_path / "changed.jsonl"
    changed.write_text("\n".join([json.dumps(rec)] + lines[1:]))
    again = build([changed], store=tmp_path / "st")
    assert (again.built, again.skipped) == (1, 11)
    assert first.built == 12


class _Counter(http.server.BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self):  # noqa: N802
        type(self).hits += 1
        body = b'{"@context": {"name": "http://schema.org/name"}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def web():
    server = http.server.HTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Counter.hits = 0
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_jsonld_remote_context_is_never_fetched(web, tmp_path):
    doc = tmp_path / "remote.jsonld"
    doc.write_text(json.dumps({"@context": f"{web}/context.jsonld", "@id": "http://e.org/x", "name": "X"}))
    with pytest.raises(RdfError, match="remote.jsonld"):
        read_file(doc)
    assert _Counter.hits == 0


def test_rdfxml_external_entity_is_never_fetched(web, tmp_path):
    doc = tmp_path / "evil.rdf"
    doc.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY ext SYSTEM "{web}/secret">]>\n'
                   '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e.org/">'
                   '<rdf:Description rdf:about="http://e.org/x"><e:p>&ext;</e:p></rdf:Description></rdf:RDF>')
    try:
        quads = read_file(doc)
        assert all("secret" not in q.object.value for q in quads)
    except RdfError:
        pass  # refusing the entity is as good as ignoring it
    assert _Counter.hits == 0


NAMES = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=NAMES, place=NAMES, article_id=st.text(min_size=1, max_size=2000))
def test_arbitrary_names_survive_extract_build_serialize_reparse_validate(tmp_path, name, place, article_id):
    from kg.facts import Article
    text = f'Mr {name} said about 40 people left {place}, "and {name} <stayed> \\"home\\"".'
    s = build([Article(id=article_id, text=text)], output=tmp_path / "h.nq", use_store=False, force=True)
    assert not s.failed, s.failed
    data = (tmp_path / "h.nq").read_bytes()
    for fmt in (RdfFormat.TRIG, RdfFormat.TURTLE, RdfFormat.JSON_LD):
        quads = list(parse(data, format=RdfFormat.N_QUADS))
        again = serialize(quads if fmt is not RdfFormat.TURTLE else [q.triple for q in quads], format=fmt)
        assert len(list(parse(again, format=fmt))) == len(quads)
    assert validate_quads(parse(data, format=RdfFormat.N_QUADS)).conforms


def test_interrupted_build_keeps_the_previous_output_and_resumes(corpus, tmp_path):
    from kg.facts import Article
    from kg.runner import BATCH
    out, store = tmp_path / "out.nq", tmp_path / "st"
    out.write_bytes(b"previous output\n")
    articles = [Article(id=f"a{i}", text=TEXTS[i % 3].format(n=i)) for i in range(2 * BATCH + 8)]

    def interrupted():
        yield from articles[:BATCH + 4]
        raise KeyboardInterrupt  # Ctrl-C while the second batch is being read

    with pytest.raises(KeyboardInterrupt):
        build(interrupted(), output=out, store=store)
    assert out.read_bytes() == b"previous output\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.nq")] == []  # no temp file left
    resumed = build(articles, store=store)  # the first batch was built before the interrupt
    assert (resumed.built, resumed.skipped) == (len(articles) - BATCH, BATCH)


def test_sigint_to_a_running_build_exits_130_and_leaves_the_output(tmp_path):
    import signal
    import subprocess
    import sys
    import time
    big = tmp_path / "big.jsonl"
    big.write_text("\n".join(json.dumps({"id": f"d{i}", "text": TEXTS[i % 3].format(n=i) * 20}) for i in range(3000)))
    out = tmp_path / "out.trig"
    out.write_text("# previous\n")
    # faulthandler: should the build ever hang after the signal, SIGABRT makes it print where
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(big), "-o", str(out),
                             "--store", str(tmp_path / "st")], stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONFAULTHANDLER": "1"})
    time.sleep(6)
    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGABRT)
        pytest.fail("the build did not stop within 60 s of SIGINT; its threads:\n" + proc.communicate()[1][-8000:])
    assert proc.returncode == 130, err[-500:]
    assert "interrupted" in err and "Traceback" not in err
    assert out.read_text() == "# previous\n"


def test_one_bad_file_is_one_clear_line(tmp_path):
    import subprocess
    import sys
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe broken")
    res = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(bad), "--store", str(tmp_path / "st")],
                         capture_output=True, text=True)
    assert res.returncode == 2
    assert res.stderr.strip().splitlines() == [f"kg: error: {bad}: not valid UTF-8 (byte 0: b'\\xff')"]


def test_duplicate_article_ids_are_reported_not_overwritten(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "007.txt").write_text(f"Folder {folder} says 12 boats sank.")
    s = build([tmp_path / "a" / "007.txt", tmp_path / "b" / "007.txt"], store=tmp_path / "st")
    assert s.built == 1 and len(s.failed) == 1 and "duplicate article id" in s.failed[0].reason
    whole = build([tmp_path], store=tmp_path / "st2")  # a folder gives ids a/007 and b/007
    assert whole.built == 2 and not whole.failed
