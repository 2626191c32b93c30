"""Regenerate kg/namespace.py from ontology/kg.ttl with rdflib's DefinedNamespace creator.

Run: python tools/gen_namespace.py   (tests/test_ontology.py checks the file is current)
"""
from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from rdflib import Graph
from rdflib.tools.defined_namespace_creator import get_target_namespace_elements, make_dn_file

ROOT = Path(__file__).resolve().parents[1]
NS = "https://w3id.org/kg-news/ontology#"


def generate(ontology: Path = ROOT / "ontology" / "kg.ttl") -> str:
    """Return the source of kg/namespace.py for ``ontology``."""
    _, elements, extras = get_target_namespace_elements(Graph().parse(ontology), NS)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "namespace.py"
        make_dn_file(out, NS, elements, extras, "KG", True)
        text = out.read_text()
    # rdflib stamps the current time and placeholders; make the output reproducible.
    text = re.sub(r"\n\s*Date: .*", "", text)
    text = text.replace("DESCRIPTION_EDIT_ME_!", "Terms of the kg ontology (generated: do not edit).")
    text = text.replace("SOURCE_RDF_FILE_EDIT_ME_!", "ontology/kg.ttl by tools/gen_namespace.py")
    return text


if __name__ == "__main__":
    (ROOT / "kg" / "namespace.py").write_text(generate())
    sys.exit(0)
