"""Golden cases: whole graphs for short articles we wrote, compared with rdflib.compare.isomorphic.

A case is tests/cases/<slug>/{article.txt, expected.ttl}; tools/regen_golden.py rewrites the
expected graphs, and every diff it makes is reviewed before it is committed.
"""
import importlib.util
from pathlib import Path

import pytest
import rdflib
from pyoxigraph import RdfFormat, serialize
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

ROOT = Path(__file__).resolve().parents[1]
CASES = sorted(p for p in (ROOT / "tests" / "cases").iterdir() if p.is_dir())


def _regen():
    spec = importlib.util.spec_from_file_location("regen_golden", ROOT / "tools" / "regen_golden.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_graph_matches_golden(case):
    got = rdflib.Graph().parse(data=serialize(_regen().case_graph(case), format=RdfFormat.N_TRIPLES), format="nt")
    want = rdflib.Graph().parse(case / "expected.ttl")
    if not isomorphic(got, want):
        _, only_got, only_want = graph_diff(to_isomorphic(got), to_isomorphic(want))
        pytest.fail("graph differs from golden\n+ " + "\n+ ".join(sorted(map(str, only_got)))[:3000]
                    + "\n- " + "\n- ".join(sorted(map(str, only_want)))[:3000])
