"""Every command, run through the real CLI entry point on articles we wrote ourselves."""
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, parse

from kg.cli import _parser, main

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = """Title: Ceasefire talks stall
Date: 2022-10-14

Rebels of the Valley Front still hold about 2,000 square kilometres around Dalmar, army spokesman Omar Diallo said on Thursday.
"We estimate between 3,000 and 4,000 fighters remain," Mr Diallo said.
"""


@pytest.fixture
def article(tmp_path):
    p = tmp_path / "talks.txt"
    p.write_text(ARTICLE)
    return p


def _commands():
    return sorted(_parser()._subparsers._group_actions[0].choices)


def test_every_command_has_help_with_an_example_and_is_in_the_readme(capsys):
    readme = (ROOT / "README.md").read_text()
    for name in _commands():
        with pytest.raises(SystemExit) as done:
            main([name, "--help"])
        assert done.value.code == 0
        assert "Example:" in capsys.readouterr().out, name
        assert f"kg {name}" in readme, name


def test_extract_writes_format_md_records(article, tmp_path, capsys):
    assert main(["extract", str(article)]) == 0
    [line] = capsys.readouterr().out.splitlines()
    rec = json.loads(line)
    assert rec["id"] == "talks" and set(rec) >= {"actors", "locations", "estimates", "statements"}
    text = ARTICLE.split("\n\n", 1)[1]
    diallo = next(a for a in rec["actors"] if a["name"] == "Omar Diallo")
    assert [text[s:e] for s, e in diallo["mentions"]] == ["Omar Diallo", "Diallo"]
    rng = next(e for e in rec["estimates"] if e["qualifier"] == "range")
    assert (rng["min"], rng["max"]) == (3000, 4000)
    said = next(s for s in rec["statements"] if s["id"] == rng["statement"])
    assert said["speaker"] == diallo["id"] and said["direct"] is True


def test_extract_keeps_going_past_a_bad_file(article, tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa")
    out = tmp_path / "facts.jsonl"
    assert main(["extract", str(tmp_path), "-o", str(out)]) == 1
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == ["talks"]
    assert "bad.txt: not valid UTF-8" in capsys.readouterr().err


def test_exclude_keeps_a_corpus_readme_out_of_the_articles(article, tmp_path, capsys):
    (tmp_path / "README.TXT").write_text("This folder holds test articles.")
    out = tmp_path.parent / f"{tmp_path.name}-facts.jsonl"
    assert main(["extract", str(tmp_path), "-o", str(out)]) == 0
    assert sorted(json.loads(x)["id"] for x in out.read_text().splitlines()) == ["README", "talks"]
    assert main(["build", str(tmp_path), "--exclude", "readme*", "--store", str(tmp_path / ".store"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["built"] == 1


def test_build_reports_its_wall_time(article, tmp_path, capsys):
    t0 = time.perf_counter()
    assert main(["build", str(article), "--store", str(tmp_path / "st"), "--json"]) == 0
    took = time.perf_counter() - t0
    assert 0 < json.loads(capsys.readouterr().out)["seconds"] <= took + 0.001
    assert main(["build", str(article), "--store", str(tmp_path / "st"), "--force"]) == 0
    assert re.search(r"0 failed; \d+\.\d s$", capsys.readouterr().out.strip())


def test_build_twice_leaves_the_store_unchanged_and_matches_the_file(article, tmp_path, capsys):
    store, out = tmp_path / "store", tmp_path / "g.nq"
    assert main(["build", str(article), "--store", str(store), "-o", str(out), "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert main(["build", str(article), "--store", str(store), "--json"]) == 0
    second = json.loads(capsys.readouterr().out)
    assert (second["built"], second["skipped"]) == (0, 1)  # unchanged text, same kg version: resumed
    assert second["corpus"]["kept"] and second["triples"] == 0  # nothing new to link either
    assert main(["build", str(article), "--store", str(store)]) == 0
    assert "; corpus links kept (no article changed);" in capsys.readouterr().out
    assert main(["build", str(article), "--store", str(store), "--force", "--json"]) == 0
    third = json.loads(capsys.readouterr().out)
    from kg.rdf import LISTINGS_GRAPH
    from kg.store import LocalStore
    st = LocalStore(store)
    facts = {q for q in st.quads() if q.graph_name != LISTINGS_GRAPH}  # the listings: a cache of the store
    assert len(facts) == first["triples"] == third["triples"]
    assert facts == set(parse(out.read_bytes(), format=RdfFormat.N_QUADS))


def test_one_bad_article_is_reported_and_the_rest_built(article, tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    errors = tmp_path / "errors.jsonl"
    code = main(["build", str(tmp_path), "--store", str(tmp_path / "st"), "--errors", str(errors), "--json"])
    summary = json.loads(capsys.readouterr().out)
    assert code == 1 and summary["built"] == 1 and summary["failed"] == 2
    reasons = [json.loads(line)["reason"] for line in errors.read_text().splitlines()]
    assert any("binary data" in r for r in reasons) and any("empty article" in r for r in reasons)


@pytest.mark.parametrize("suffix, fmt", [(".trig", RdfFormat.TRIG), (".ttl", RdfFormat.TURTLE),
                                         (".jsonld", RdfFormat.JSON_LD)])
def test_build_writes_each_rdf_format(article, tmp_path, suffix, fmt):
    out = tmp_path / f"g{suffix}"
    assert main(["build", str(article), "--no-store", "-o", str(out)]) == 0
    assert len(list(parse(out.read_bytes(), format=fmt))) > 50


def test_validate_passes_then_fails_on_swapped_bounds(article, tmp_path, capsys):
    out = tmp_path / "g.nq"
    main(["build", str(article), "--no-store", "-o", str(out)])
    assert main(["validate", str(out)]) == 0
    text = out.read_text()
    lo, hi = '<https://schema.org/minValue> "3000"', '<https://schema.org/maxValue> "4000"'
    assert lo in text and hi in text
    swapped = tmp_path / "swapped.nq"
    swapped.write_text(text.replace(lo, "@@LO").replace(hi, lo.replace("min", "max"))
                       .replace("@@LO", hi.replace("max", "min")))
    capsys.readouterr()
    assert main(["validate", str(swapped), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["conforms"] is False and report["violations"] >= 1


def test_validate_reports_malformed_rdf_clearly(tmp_path, capsys):
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .")
    assert main(["validate", str(broken)]) == 2
    assert re.search(r"broken\.ttl: malformed Turtle", capsys.readouterr().err)


def test_query_formats_and_errors(article, tmp_path, capsys):
    store = tmp_path / "store"
    main(["build", str(article), "--store", str(store)])
    capsys.readouterr()
    assert main(["query", "statements-by-actor", "--store", str(store), "--param", "speaker=Diallo",
                 "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and {r["name"] for r in rows} == {"Omar Diallo"}
    assert main(["query", "locations", "--store", str(store), "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("location,kind,lat,lon")
    assert main(["query", "--list"]) == 0
    assert "said-about" in capsys.readouterr().out
    assert main(["query", "no-such-query", "--store", str(store)]) == 2
    assert "no query named" in capsys.readouterr().err
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE { ?x")
    assert main(["query", str(bad), "--store", str(store)]) == 2
    assert "malformed SPARQL" in capsys.readouterr().err


def test_export_formats(article, tmp_path, capsys):
    store = tmp_path / "store"
    main(["build", str(article), "--store", str(store)])
    capsys.readouterr()
    assert main(["export", "--store", str(store), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "Omar Diallo" in {n["label"] for n in data["nodes"]}
    out = tmp_path / "full.graphml"
    assert main(["export", "--store", str(store), "--graph", "full", "--format", "graphml", "-o", str(out)]) == 0
    import networkx as nx
    assert nx.read_graphml(out).number_of_nodes() > 10


def test_console_script_runs_as_a_process(article):
    res = subprocess.run([sys.executable, "-m", "kg.cli", "--version"], capture_output=True, text=True)
    assert res.returncode == 0 and res.stdout.startswith("kg ")
    res = subprocess.run([sys.executable, "-m", "kg.cli", "extract", str(article.with_name("missing.txt"))],
                         capture_output=True, text=True)
    assert res.returncode == 1 and "no such file" in res.stderr and "Traceback" not in res.stderr


def test_api_names_are_not_shadowed_by_modules():
    # importing a submodule sets an attribute of the package: none may be named like an API function
    import importlib

    import kg
    for module in ("kg.extractors.actors", "kg.shacl", "kg.sparql", "kg.analysis", "kg.htmlreport",
                   "kg.api", "kg.pipeline", "kg.network"):
        importlib.import_module(module)
    for name in kg.__all__:
        assert callable(getattr(kg, name)) and not isinstance(getattr(kg, name), type(kg)), name


def test_the_store_keeps_its_listings_but_the_output_file_leaves_them_out(article, tmp_path, capsys):
    from kg.rdf import COUNTS_GRAPH, LISTINGS_GRAPH
    from kg.store import LocalStore
    store, out = tmp_path / "store", tmp_path / "g.nq"
    assert main(["build", str(article), "--store", str(store), "-o", str(out)]) == 0
    graphs = {q.graph_name for q in parse(out.read_bytes(), format=RdfFormat.N_QUADS)}
    assert COUNTS_GRAPH in graphs and LISTINGS_GRAPH not in graphs  # a cache of the store, not facts
    st = LocalStore(store)
    assert st.store.contains_named_graph(LISTINGS_GRAPH)
    st.close()


@pytest.mark.parametrize("args, message", [
    (["build", "x.txt", "--workers", "0"], "argument --workers: must be at least 1, not 0"),
    (["validate", "--workers", "-1"], "argument --workers: must be at least 1, not -1"),
    (["validate", "--workers", "two"], "argument --workers: not a number: 'two'"),
    (["query", "estimates", "--timeout", "0"], "argument --timeout: must be above 0, not 0"),
    (["load", "--endpoint", "http://127.0.0.1:9/", "--retries", "-1"], "argument --retries: must be at least 0, not -1"),
])
def test_out_of_range_numbers_are_usage_errors_naming_the_option(args, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # nothing may be built or written before the arguments are checked
    with pytest.raises(SystemExit) as exit_:
        main(args)
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_numbers_in_range_are_taken():
    assert _parser().parse_args(["validate", "--workers", "3"]).workers == 3
    args = _parser().parse_args(["load", "--endpoint", "http://127.0.0.1:9/", "--timeout", "0.5", "--retries", "0"])
    assert (args.timeout, args.retries) == (0.5, 0)


# a second process that opens the store and keeps it open, as a long kg build does
_HOLD = ("import sys; from kg.store import LocalStore; s = LocalStore(sys.argv[1]); len(s); "
         "print('open', flush=True); sys.stdin.read()")


def test_a_store_another_process_has_open_is_named_as_in_use(article, tmp_path, capsys):
    store = tmp_path / "store"
    assert main(["build", str(article), "--store", str(store)]) == 0
    capsys.readouterr()
    holder = subprocess.Popen([sys.executable, "-c", _HOLD, str(store)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "open\n"
        for args in (["build", str(article), "--force"], ["remove", "talks"], ["query", "locations"],
                     ["validate"], ["explain", "Diallo"]):
            assert main([*args, "--store", str(store)]) == 2, args
            err = capsys.readouterr().err
            assert f"the store at {store} is in use by another process" in err and "Traceback" not in err
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    assert main(["query", "statements-by-actor", "--store", str(store), "--param", "speaker=Diallo",
                 "--format", "json"]) == 0  # free again once the other has ended
    assert {r["name"] for r in json.loads(capsys.readouterr().out)} == {"Omar Diallo"}


@pytest.mark.parametrize("args", [["query", "locations"], ["validate"], ["export"], ["analyze"],
                                  ["estimates", "fighters"], ["conflicts"], ["explain", "Diallo"],
                                  ["remove", "talks"], ["load", "--endpoint", "http://127.0.0.1:9/"]])
def test_a_command_on_a_missing_store_names_it_and_makes_no_store(args, tmp_path, capsys):
    missing = tmp_path / "typo"
    assert main([*args, "--store", str(missing)]) == 2
    err = capsys.readouterr().err
    assert f"no store at {missing}: build one first" in err and "Traceback" not in err
    assert not missing.exists()
