"""Extractors: one module per fact type, each a pure function over a parsed spaCy ``Doc``."""
from __future__ import annotations

from .doccache import tokens


def text_of(doc) -> str:
    """The doc's text, built once per doc.

    ``Doc.text`` joins every token on each access; extractors slice it thousands of times
    per article, so the string is kept in ``doc.user_data``.

    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["Hi", "there"])
    >>> text_of(doc) is text_of(doc)
    True
    """
    text = doc.user_data.get("kg_text")
    if text is None:
        # what ``Doc.text`` does, from the cached tokens: ``Doc.text`` makes a Token per word
        # that is thrown away, and the extractors want the tokens anyway
        text = doc.user_data["kg_text"] = "".join([t.text_with_ws for t in tokens(doc)])
    return text
