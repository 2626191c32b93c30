"""Regenerate tests/cases/*/expected.ttl from the current extractor. Review every diff before committing:
a golden file is a claim that this graph is right.

Run: python tools/regen_golden.py [CASE ...]
"""
from __future__ import annotations

import sys
from pathlib import Path

import dataclasses

from pyoxigraph import RdfFormat, serialize

from kg.api import extract
from kg.articles import read_articles
from kg.rdf import to_quads
from kg.vocab import PREFIXES

CASES = Path(__file__).resolve().parents[1] / "tests" / "cases"


def case_graph(case: Path) -> list:
    """The triples kg makes of ``case/article.txt``, the article named after the case."""
    [article] = read_articles([case / "article.txt"])
    [facts] = list(extract([dataclasses.replace(article, id=case.name)]))
    return [q.triple for q in to_quads(facts)]


def expected_turtle(case: Path) -> bytes:
    return serialize(case_graph(case), format=RdfFormat.TURTLE, prefixes=PREFIXES)


if __name__ == "__main__":
    names = sys.argv[1:] or sorted(p.name for p in CASES.iterdir() if p.is_dir())
    for name in names:
        (CASES / name / "expected.ttl").write_bytes(expected_turtle(CASES / name))
        print("wrote", name)
