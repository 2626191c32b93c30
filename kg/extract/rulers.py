"""Entity-ruler patterns added to the spaCy pipeline before its statistical NER."""
from __future__ import annotations

from .actors import ruler_patterns


def add_to(nlp) -> None:
    """Add the project's entity ruler (known armed groups and organisations) to ``nlp``, once."""
    if "kg_ruler" in nlp.pipe_names:
        return
    # Case-sensitive matching, so the alias "IS" never matches the verb "is".
    ruler = nlp.add_pipe("entity_ruler", name="kg_ruler", before="ner",
                         config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True})
    ruler.add_patterns(ruler_patterns())
