"""What the extractors read from a parsed doc again and again, built once per doc.

spaCy makes a new Python object on every ``doc[i]``, every step of ``for t in doc`` and every
access to ``doc.ents`` (a tuple of new spans); the extractors walk the same article's tokens
dozens of times, and building those objects was a large part of their time. The objects are
kept in ``doc.user_data`` (like :func:`kg.extractors.text_of`), which assumes the doc does not
change once parsed: no extractor retokenizes it or sets its entities. The pipeline's own
``kg_news`` rules (:mod:`kg.extractors.rulers`), which do set the entities, read only what does
not depend on them (tokens, words). The cached tokens refer back to their doc, so
:func:`release` drops them when the doc's extraction is over.

>>> from spacy.tokens import Doc
>>> from spacy.vocab import Vocab
>>> doc = Doc(Vocab(), words=["Ms", "Ode", "left"], ents=["O", "B-PERSON", "O"])
>>> [t.text for t in tokens(doc)], ents(doc)[0].text, ent_at(doc, 1).label_, ent_at(doc, 2)
(['Ms', 'Ode', 'left'], 'Ode', 'PERSON', None)
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

_KEY = "kg_cache"
T = TypeVar("T")


def _cache(doc) -> dict:
    cache = doc.user_data.get(_KEY)
    if cache is None:
        cache = doc.user_data[_KEY] = {}
    return cache


def per_doc(fn: Callable[[Doc], T]) -> Callable[[Doc], T]:
    """Compute ``fn(doc)`` once per doc; the result is shared, so it must not be mutated."""
    key = f"{fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def cached(doc):
        cache = _cache(doc)
        if key not in cache:
            cache[key] = fn(doc)
        return cache[key]
    return cached


@per_doc
def tokens(doc) -> list[Token]:
    """The doc's tokens, ``tokens(doc)[i]`` standing for ``doc[i]``."""
    return list(doc)


@per_doc
def words(doc) -> list[str]:
    """The tokens' texts."""
    return [t.text for t in tokens(doc)]


@per_doc
def capitalised(doc) -> list[int]:
    """Indices of the tokens whose first character is a capital: the only ones the name
    scanners look at, most of an article's words being lower case."""
    return [i for i, w in enumerate(words(doc)) if w[:1].isupper()]


@per_doc
def ents(doc) -> tuple[Span, ...]:
    """``doc.ents``."""
    return doc.ents


@per_doc
def _ent_index(doc) -> list[Span | None]:
    out: list[Span | None] = [None] * len(doc)
    for ent in ents(doc):
        out[ent.start:ent.end] = [ent] * len(ent)
    return out


def ent_at(doc, i: int) -> Span | None:
    """The entity holding token ``i`` (entities never overlap), or None."""
    return _ent_index(doc)[i]


def where(doc, attr: str, *values: str) -> list[int]:
    """Indices of the tokens whose ``attr`` ("pos", "lower" or "lemma": ``pos_``, ``lower_``,
    ``lemma_``) is one of ``values``, in order. A rule that wants a few kinds of token (the
    verbs, the word "said") reads them from the doc's arrays instead of asking every Token."""
    column = _columns(doc)[:, _COLUMNS.index(attr)]
    strings = doc.vocab.strings
    hits = column == strings[values[0]]
    for v in values[1:]:
        hits |= column == strings[v]
    return hits.nonzero()[0].tolist()


_COLUMNS = ("pos", "lower", "lemma")


@per_doc
def _columns(doc):
    from spacy.attrs import LEMMA, LOWER, POS
    return doc.to_array([POS, LOWER, LEMMA])


def release(doc) -> None:
    """Drop the doc's caches (the tokens and spans in them keep the doc alive)."""
    doc.user_data.pop(_KEY, None)
