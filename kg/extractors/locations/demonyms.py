"""Demonyms and adjectival toponyms ("Syrian troops", "Ohioans"): each names its country, state
or region."""
from __future__ import annotations

import functools

from ...facts import Span
from ...geo import Place, gazetteer, normalize
from .. import text_of
from ..doccache import capitalised, tokens, words as doc_words
from .lexicon import _SPEECH, _TITLES
from .mention import _Mention
from .placeness import _before_title, _lone_before_noun


# Nouns after which a demonym names a culture, a cuisine or a language, not the country
# ("Italian food", "Irish music", "French immersion").
_CULTURE = frozenset({"food", "foods", "cuisine", "restaurant", "restaurants", "music", "rock",
                      "songs", "song", "dance", "dancing", "heritage", "pub", "immersion", "language",
                      "descent", "ancestry", "style", "fries", "toast", "dressing", "bread", "grill",
                      "marketplace", "community", "communities", "origin", "roots", "folk"})


@functools.lru_cache(maxsize=1 << 14)   # asked of every capitalised word and pair of words
def _demonym_of(text: str) -> Place | None:
    """The country or region a demonym names, unless the word is itself the name of a country or
    a region ("Djibouti", "Mediterranean"). A hamlet that shares the word ("Canadian", Texas;
    "Spanish", Ontario) does not make "Canadian" a name."""
    g = gazetteer()
    place = g.demonym_place(text) or g.people_place(text)
    if place is None or g.country_named(text) is not None:
        return None
    top = g.lookup(text)[:1]
    if top and top[0].feature_code in ("CONT", "RGN") and normalize(top[0].name) == normalize(text):
        return None
    return place


def _demonyms(doc, taken: list[_Mention]) -> list[_Mention]:
    """Demonyms and adjectival toponyms ("Syrian troops", "the Palestinians", "European
    markets"): each names its country or region, so it is a mention of that place, as geoparsing
    annotation guidelines count it. Not when the word is a person's name ("Monica French said")
    or names a culture, cuisine or language ("Italian food", "Irish music")."""
    g = gazetteer()
    used = [m.span for m in taken]
    out = []
    toks = tokens(doc)
    words = doc_words(doc)
    doc_text = text_of(doc)
    resume = 0                      # after a demonym of two words, the scan goes on behind it
    for i in capitalised(doc):
        if i < resume:
            continue
        tok = toks[i]
        if words[i].lower() == "the" or (
                tok.ent_type_ == "PERSON" and not _before_title(doc, i + 1) and not _lone_before_noun(doc, i)):
            continue
        for n in (2, 1):
            if i + n > len(toks) or not words[i + n - 1][:1].isupper():
                continue
            last = toks[i + n - 1]
            text = doc_text[tok.idx:last.idx + len(last)]
            place = _demonym_of(text)
            if place is None:
                continue
            sp = Span(tok.idx, last.idx + len(last))
            nxt = toks[i + n] if i + n < len(toks) else None
            prev = toks[i - 1] if i > 0 else None
            if any(sp.overlaps(u) for u in used):
                break
            if nxt is not None and (nxt.text.lower() in _CULTURE or nxt.text.lower() in _SPEECH
                                    or nxt.text in ("-", "–") and not _hyphen_compound(doc, i + n + 1)):
                break
            if prev is not None and (prev.text in ("-", "–") and not _hyphen_compound(doc, i - 2, before=True)
                                     or prev.text.lower() in ("native", "anglo")
                                     or prev.text.lower().rstrip(".") in _TITLES):
                break
            out.append(_Mention(sp, text, "NORP", place=place, precision="gazetteer", fixed=True))
            used.append(sp)
            resume = i + n
            break
    return out


# Prefixes a demonym keeps its sense after ("anti-Russian", "pro-Syrian", "ex-Soviet").
_HYPHEN_PREFIXES = frozenset({"anti", "pro", "ex", "non", "post", "pre", "pan"})


def _hyphen_compound(doc, j: int, before: bool = False) -> bool:
    """Whether the word at ``j``, across a hyphen from a demonym, leaves the demonym naming its
    place: a lower-case word after it ("Russian-backed", "Syrian-led"), a prefix before it
    ("anti-Russian"), or another demonym or country ("the Syrian-Turkish border")."""
    if not 0 <= j < len(doc):
        return False
    w = doc[j].text
    if w.islower():
        return w in _HYPHEN_PREFIXES if before else True
    g = gazetteer()
    return g.demonym_place(w) is not None or g.country_named(w) is not None
