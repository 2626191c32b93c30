"""Estimate series and contradictions: hand-made rows, and the example corpus in a temporary store."""
from pathlib import Path

import pytest

import kg.api as api
from kg.cli import main
from kg.series import Row, find_conflicts, period

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"


def row(iri, when, qualifier, value=None, lo=None, hi=None, graph=None, place="p:syria", counts="fighter"):
    return Row(iri, graph or "g:" + iri, iri, when, None, counts, "a:isis", place, "Syria", when, qualifier,
               value, lo, hi)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("series") / "store"
    assert api.build([EXAMPLES], store=path).failed == []
    return path


def test_non_overlapping_ranges_close_in_time_conflict():
    [c] = find_conflicts([row("a", "2019-01-09", "range", lo=5000, hi=7000), row("b", "2019-01-24", "lessThan", hi=1500)])
    assert (c.a.iri, c.b.iri, c.days) == ("a", "b", 15)


@pytest.mark.parametrize("other", [
    row("b", "2019-03-01", "lessThan", hi=1500),                       # 51 days later: not the same time
    row("b", "2019-01-20", "range", lo=6500, hi=9000),                  # ranges overlap
    row("b", "2019-01-20", "approximately", value=8000),                # 7,200-8,800 overlaps 5,000-7,700
    row("b", "2019", "lessThan", hi=1500),                              # a year alone is too vague
    row("b", "2019-01-20", "lessThan", hi=1500, place="p:iraq"),        # another place
    row("b", "2019-01-20", "lessThan", hi=1500, counts="troop"),        # another quantity
    row("b", "2019-01-20", "decrease", value=1500),                     # a change, not a level
    row("b", "2019-01-20", "lessThan", hi=1500, graph="g:a"),           # the same article
])
def test_what_is_not_a_conflict(other):
    mine = row("a", "2019-01-09", "range", lo=5000, hi=7700)
    assert find_conflicts([mine, other]) == []


def test_exact_numbers_that_differ_conflict_but_approximate_ones_within_ten_percent_do_not():
    assert find_conflicts([row("a", "2019-05-01", "exact", 400), row("b", "2019-05-02", "exact", 450)])
    assert not find_conflicts([row("a", "2019-05-01", "approximately", 400), row("b", "2019-05-02", "approximately", 430)])


def test_month_periods():
    assert period("2019-02")[1].day == 28 and period("2019") is None and period(None) is None


def test_series_comes_out_in_time_order_with_copies_counted_once(store):
    rows = api.estimates("ISIS fighters", where="Syria", store=store)
    assert [r.time for r in rows] == sorted(r.time for r in rows)
    assert [(r.article, r.shown()) for r in rows] == [
        ("pentagon-report", "13,100–14,500"), ("defence-official", "5,000–7,000"), ("sdf-claim", "< 1,500"),
        ("envoy-briefing", "1,000–10,000"), ("jeffrey-warning", "14,000–18,000")]
    assert all(r.article != "defence-official-syndicated" for r in rows)
    assert rows[-1].speaker_label == "James Jeffrey"        # "Mr Jeffrey" there, merged across the corpus
    assert rows[0].source == "Example Ledger" and rows[0].published == "2018-08-14"
    # the same quantity, in other words
    assert [r.iri for r in api.estimates("Daesh militants", where="syria", store=store)] == [r.iri for r in rows]
    everywhere = api.estimates("ISIL adherents", store=store)
    assert len(everywhere) > len(rows) and {"Iraq", None} <= {r.place_label for r in everywhere}


def test_the_planted_contradiction_is_flagged_and_no_other(store):
    [c] = api.conflicts(store=store)
    assert {c.a.article, c.b.article} == {"defence-official", "sdf-claim"}
    assert c.quantity == "fighter of Islamic State in Syria" and c.days == 15
    assert c.iri.startswith("https://w3id.org/kg-news/id/contradiction/")


def test_named_query_gives_the_same_series(store):
    rows = api.query("estimate-series", {"counted": _lit("fighter"), "owner": _lit("Daesh"), "where": _lit("Syria")},
                     store=store).rows
    assert [r[8].value for r in rows] == ["pentagon-report", "defence-official", "sdf-claim", "envoy-briefing",
                                          "jeffrey-warning"]
    assert rows[-1][1].value == "James Jeffrey"


def _lit(v):
    from pyoxigraph import Literal
    return Literal(v)


def test_cli_estimates_conflicts_explain(store, capsys):
    assert main(["estimates", "ISIS fighters", "--where", "Syria", "--store", str(store), "--format", "csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("time,speaker,hedge,estimate") and len(out) == 6
    assert main(["conflicts", "--store", str(store), "--format", "json"]) == 0
    import json
    [c] = json.loads(capsys.readouterr().out)
    assert {e["article"] for e in c["estimates"]} == {"defence-official", "sdf-claim"}
    assert main(["explain", "Mr Jeffrey", "--store", str(store)]) == 0
    text = capsys.readouterr().out
    assert "James Jeffrey" in text and "corpus-surname" in text and "jeffrey-warning" in text
    assert main(["explain", "Nobody At All", "--store", str(store)]) == 2


def test_a_file_only_build_carries_the_corpus_graph_too(store, tmp_path):
    """`kg build --no-store -o graph.nq` links copies and contradictions as a store build does."""
    from pyoxigraph import NamedNode, RdfFormat, parse

    from kg.store import LocalStore
    out = tmp_path / "graph.nq"
    summary = api.build([EXAMPLES], output=out, use_store=False)
    assert summary.failed == [] and summary.store is None
    assert summary.corpus["copies"] and summary.corpus["contradictions"] == 1
    corpus = "https://w3id.org/kg-news/id/graph/corpus"
    in_file = {(q.subject.value, q.predicate.value, q.object.value)
               for q in parse(path=out, format=RdfFormat.N_QUADS) if q.graph_name.value == corpus}
    s = LocalStore(store)
    in_store = {(q.subject.value, q.predicate.value, q.object.value)
                for q in s.store.quads_for_pattern(None, None, None, NamedNode(corpus))}
    s.close()
    assert in_file and in_file == in_store


def test_the_report_shows_the_disagreement_and_the_series(store):
    from kg.htmlreport import collect, render
    from kg.store import LocalStore
    s = LocalStore(store)
    try:
        corpus = collect(s)
    finally:
        s.close()
    [c] = corpus.conflicts
    assert (c.a.article, c.a.shown(), c.b.article, c.b.shown()) == (
        "defence-official", "5,000–7,000", "sdf-claim", "< 1,500")
    assert sum(p.conflict for p in corpus.points) == 2
    marked = [m for v in corpus.articles for m in v.marks if m.kind == "cf"]
    assert sorted(m.tip.split(" (")[0].rsplit(" ", 1)[0] for m in marked) == ["Disagrees with 5,000–7,000",
                                                                             "Disagrees with < 1,500"]
    assert all(g[0].owner or g[0].place for g in corpus.series)  # "people" alone is no one quantity
    syria = next(g for g in corpus.series if g[0].counts == "fighter" and g[0].place_label == "Syria")
    assert [r.article for r in syria] == ["pentagon-report", "defence-official", "sdf-claim", "envoy-briefing",
                                          "jeffrey-warning"]
    page = render(corpus)
    assert "Disagreements (1)" in page and '<g class="est cf">' in page
    assert "5,000–7,000 (2019-01-09) → &lt; 1,500" in page


def test_a_quantity_with_neither_owner_nor_place_forms_no_series():
    from dataclasses import replace

    from kg.htmlreport import _series
    a = row("e1", "2019-01", "exact", value=5, graph="g:1", counts="growth")
    b = row("e2", "2019-02", "exact", value=7, graph="g:2", counts="growth")
    assert [[r.iri for r in g] for g in _series([a, b])] == [["e1", "e2"]]
    bare = [replace(r, owner=None, place=None, place_label=None) for r in (a, b)]
    assert _series(bare) == []
