"""Tests of how likely a name is a place: big and well-known places, towns of the article's
states, people's words, acronyms and brand-like words."""
from __future__ import annotations

import functools
import re

from ...geo import US_STATE_ABBREVIATIONS, gazetteer, normalize
from .. import text_of
from ..doccache import ent_at, ents, per_doc, tokens, words as doc_words
from .lexicon import _GENERIC, _SPEECH, _TITLES


def _city_name(text: str) -> bool:
    """Whether "X City" is a town's own name ("Kansas City", "Iowa City"), not the word a
    council or a school district puts after its town ("Dublin City Schools")."""
    return any(prim and p.feature_class == "P" for p, prim in gazetteer().candidates(text))


def _strong(text: str, countries: set[str] | None = None) -> bool:
    """A name that is almost always a place: a country, a continent or listed region, a
    first-level division by its own name, a county, a city of 100,000 or more (in one of
    ``countries``, the article's, when it names any)."""
    g = gazetteer()
    if normalize(text) in _GENERIC:
        return False
    if g.country_named(text) is not None:
        return True
    key = normalize(text)
    if key in US_STATE_ABBREVIATIONS and "." in text:
        return True
    cands = g.lookup(text)
    if not cands:
        return False
    best = cands[0]
    if best.feature_code in ("CONT", "RGN"):
        return True
    if best.feature_code == "ADM1" and normalize(best.name) == key:
        return True
    words = key.split()
    if len(words) > 1 and words[-1] in ("county", "parish") and best.feature_code == "ADM2":
        return True
    return (best.feature_class == "P" and best.population >= 100_000 and normalize(best.name) == key
            and (not countries or best.country_code in countries))


def _person_words(doc, besides: str | None = None) -> frozenset[str]:
    """Words of the article's person names ("Ted Strickland" -> Ted, Strickland), and the
    surnames used alone after a title; ``besides``: a name whose own words count only where it
    is used elsewhere with such evidence (is "Al Tanf" a person anywhere but as itself?)."""
    if besides is None:
        return _all_person_words(doc)
    names, titled = _person_parts(doc)
    return frozenset(titled).union(*(words for name, words in names if name != besides))


@per_doc
def _all_person_words(doc) -> frozenset[str]:
    names, titled = _person_parts(doc)
    return frozenset(titled).union(*(words for _, words in names))


@per_doc
def _person_parts(doc) -> tuple[tuple[tuple[str, frozenset[str]], ...], frozenset[str]]:
    """(name, its capitalised words) of each person name of two words or more, and the words
    used alone after a title."""
    names = tuple((ent.text, frozenset(t.text for t in ent if t.text[:1].isupper()))
                  for ent in ents(doc) if ent.label_ == "PERSON" and len(ent) > 1)
    words = doc_words(doc)
    titled = frozenset(words[i] for i in range(1, len(words))
                       if words[i][:1].isupper() and words[i - 1].lower().rstrip(".") in _TITLES)
    return names, titled


def _abbreviated(text: str) -> bool:
    """A country's initials ("U.S.", "UK", "UAE"): never a person's name, whatever leads."""
    return len(text) <= 5 and (("." in text and text.replace(".", "").isupper()) or text.isupper())


def _lone_before_noun(doc, i: int) -> bool:
    """A one-word "person" before a lower-case word ("Azerbaijani soldiers"): the model's guess
    for a demonym it did not know."""
    ent = ent_at(doc, i)
    nxt = tokens(doc)[i + 1] if i + 1 < len(doc) else None
    return ent is not None and len(ent) == 1 and nxt is not None and nxt.text.isalpha() and nxt.text.islower() \
        and nxt.text not in _SPEECH


def _before_title(doc, j: int) -> bool:
    """Whether a title follows within two words ("U.S. President Donald Trump", "Canadian
    Foreign Minister …"): the place word before it names the office's country, not the person."""
    for t in tokens(doc)[j:j + 3]:
        if t.text.lower().rstrip(".") in _TITLES:
            return True
        if not t.text[:1].isupper():
            return False
    return False


def _possessor(word: str) -> str:
    return re.sub(r"(?:'s|’s)$", "", word.lower())


def _local(text: str, countries: set[str], admins: set[tuple[str, str]]) -> bool:
    """A town of the article's states, or a town of 20,000 or more in its countries."""
    for p in gazetteer().lookup(text)[:20]:
        if p.feature_class != "P" and p.feature_code != "ADM2":
            continue
        if (p.country_code, p.admin1) in admins and p.population >= 500:
            return True
        if p.country_code in countries and p.population >= 20_000:
            return True
    return False


@functools.lru_cache(maxsize=1 << 14)   # asked of every capitalised run of up to three words
def _well_known(text: str) -> bool:
    """A name that is a place whatever the model thought: a country, a first-level division
    by its own name ("Texas"), a listed region or river ("Euphrates")."""
    g = gazetteer()
    if g.country_named(text) is not None:
        return True
    key = normalize(text)
    if key in US_STATE_ABBREVIATIONS and "." in text:
        return True
    for p in g.lookup(text)[:1]:
        if p.feature_code in ("RGN", "CONT") or (p.feature_code == "ADM1" and normalize(p.name) == key
                                                   and p.population >= 1_000_000):
            return True
    return False


def _town(text: str) -> bool:
    """A town of 1,000 people or more, or a county, somewhere."""
    return any(p.feature_class == "P" and p.population >= 1000 or p.feature_code == "ADM2"
               for p in gazetteer().lookup(text)[:20])


def _union(text: str) -> bool:
    """A union of countries listed among the regions ("the EU"): geoparsing counts it as a place
    even where it acts as an organisation."""
    top = gazetteer().lookup(text)[:1]
    return bool(top) and top[0].feature_code == "RGN" and normalize(top[0].name).endswith("union")


def _known_group(text: str) -> bool:
    from ..actors import _norm, known_actors
    known = known_actors().get(_norm(text))
    return known is not None and known.type in ("Group", "Organization")


def _team_names(doc) -> set[str]:
    """Lower-cased names the sports rules took for teams in this article (see
    :func:`kg.extractors.rulers.sports`)."""
    text = text_of(doc)
    return {text[a:b].lower() for a, b in doc.user_data.get("kg_teams") or ()}


def _town_name(text: str) -> bool:
    """Whether ``text`` is the own name of a town or a township ("Tennessee Colony", "Jackson
    Township")."""
    return any(prim and (p.feature_class == "P" or p.feature_code == "ADM3") and normalize(p.name) == normalize(text)
               for p, prim in gazetteer().candidates(text))


def _whole_entity(t, cs) -> bool:
    ent = ent_at(t.doc, t.i)
    return ent is not None and ent.start_char == cs.start_char and ent.end_char == cs.end_char


def _opaque(text: str) -> bool:
    """An acronym or a brand-like word ("NCIS", "IoTX", "TfL") no gazetteer knows: the name of
    an organisation, a product or an event far more often than of a place."""
    return " " not in text and (re.fullmatch(r"[A-Z&*]{2,6}", text) is not None
                                or re.search(r"[a-z][A-Z]", text) is not None
                                and re.match(r"(?:Mc|Mac|De|Di|Da|La|Le|Du|Van|Von)[A-Z]", text) is None)
