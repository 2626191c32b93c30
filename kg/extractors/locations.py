"""Locations: the places an article mentions, merged per place and geocoded offline.

Recognition takes the model's GPE, LOC and FAC entities, trims a leading "the", a possessive
"'s", a compass word the gazetteer does not join to the name ("North Texas" -> Texas) and an
office after it ("Dublin City Council" -> Dublin), and adds what the model missed: country and
region names, capitalised datelines ("BEIRUT (AP) —"), gazetteer names alone, mislabelled or
inside an organisation's name ("the Athens Police Department", "the Lakeview Board of
Education", "Bank of Canada": see :func:`_scan` for the guards against people), whole names the
model called a person or an organisation that the words around use as a place ("a Laconia
man", "in Winchester, Va.", "the al-Hol camp": :func:`_retyped`), streets and numbered roads,
and demonyms. Not places: teams of a results table (one sense per article), known groups
("Hamas"), unknown names that speak ("…,” Petrova said"), common words alone ("Centre"). A demonym or adjectival toponym ("Syrian troops", "the Palestinians") refers to
its country and is kept as the Location's ``adjectival`` evidence, apart from its ``mentions``
(the place's names): geoparsing gold standards (LGL, GeoWebNews) count demonyms as toponyms,
NER standards (CoNLL, OntoNotes) as nationalities, and a graph user can ask for either.
Cultural uses ("Italian food") and surnames ("Ms French said") are neither. Resolution uses :mod:`kg.geo`:

1. Countries are resolved first; they become the article's context.
2. Every other name is ranked among same-named places (see :meth:`kg.geo.Gazetteer.lookup`):
   a state or country written right after it ("Alexandria, La.", "Homs, Syria") wins outright,
   then candidates in the article's countries, then the country > region > big-city prior.
3. A place the gazetteer lacks (or only knows as a village abroad) is still a Location, placed
   where the text says it is: the province ("…, Deir Al Zor province"), the country
   ("…, Syria", "… in eastern Syria"), else the article's most-mentioned country — with
   ``precision`` "region" or "country" to say the point is not its own.
4. Places named together lie together: among same-named places the one near the article's
   other places wins (:func:`_cohere`); a country's name whose namesake is a state or town of
   the article's own country, with nothing near the country, is the namesake ("Georgia" among
   Atlanta and Macon: :func:`_home_namesakes`). A local story that names no country reads its
   names in the country its other places lie in ("Paris" among Seattle and Denver:
   :func:`_home_country`), and its unplaced names in its home state, not in a country it names
   once (:func:`_home_fallback`).

>>> from kg.nlp import parse
>>> doc = next(parse(["Fighting went on in Mosul, and in the village of Qaryat Zalzal, "
...                   "Anbar province, near the Syrian border."]))
>>> [(l.name, l.feature, l.precision, l.country) for l in locations(doc)]
... # doctest: +NORMALIZE_WHITESPACE
[('Mosul', 'city', 'gazetteer', 'geonames:99237'),
 ('Qaryat Zalzal', 'place', 'region', 'geonames:99237'),
 ('Al Anbār', 'region', 'gazetteer', 'geonames:99237'),
 ('Syria', 'country', 'gazetteer', 'geonames:163843')]
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

from ..facts import Location, Span
from . import text_of
from .rulers import given_names, is_english
from ..geo import REGION_WORDS, US_STATE_ABBREVIATIONS, Place, distance_km, gazetteer, normalize

__all__ = ["locations"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

# Words that open a span but are not part of the name.
_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
# Compass words before a country or region ("eastern Syria", "north-east Syria").
_COMPASS = r"(?:(?:north|south|east|west|central|northern|southern|eastern|western)[\w-]*\s+)?"
_IN_PLACE = re.compile(r"^\s+(?:in|inside|of)\s+(?:the\s+)?" + _COMPASS + r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})")
_NEAR_BORDER = re.compile(r"\b(?:near|close to|along|on)\s+the\s+([A-Z][a-z]+)(?:\s+and\s+([A-Z][a-z]+))?\s+borders?\b")
# Text right after a name that names its state, province or country: ", La.", ", Deir Al Zor
# province, Syria". Up to two comma-separated parts are read.
_WORD = r"(?:[A-Z][\w'’.-]*|(?:al|el|ez|az|ar|as|ad|an|at|ash)(?:-[\w'’.-]+)?|of)"
_AFTER = re.compile(r"^,\s*(" + _WORD + r"(?:\s+" + _WORD + r"){0,4})")


@dataclass
class _Mention:
    span: Span
    text: str
    label: str
    place: Place | None = None
    within: Place | None = None     # the region or country the text places it in
    precision: str | None = None
    hints: list[Place] = field(default_factory=list)
    fixed: bool = False             # place set at recognition (a demonym's country): not re-resolved


def _place_mentions(doc) -> list[_Mention]:
    """The model's place entities, trimmed; demonyms dropped."""
    g = gazetteer()
    out = []
    persons = _person_words(doc)
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        text = ent.text
        start = ent.start_char
        m = _LEADING.match(text)
        if m:
            start += m.end()
            text = text[m.end():]
        text = _POSSESSIVE.sub("", text).rstrip()
        if not text or not any(c.isalpha() for c in text):
            continue
        # "Syrian", "Iraqi": a demonym, a mention of its country (see _demonyms)
        if _demonym_of(text) is not None:
            continue
        text, start = _trim(text, start)
        if not text[:1].isupper() and not text[:1].isdigit():
            continue    # "meth", "mobile": a lower-case word is no proper name
        if text and " " not in text and text in persons and not _strong(text):
            continue    # "Saakashvili" taken for a place once, a person's surname elsewhere
        if text:
            out.append(_Mention(Span(start, start + len(text)), text, ent.label_))
    return out


# Words that end an organisation or office named after its place ("Dublin City Council",
# "Harris County Clerk"): the model sometimes takes the place and part of the name as one GPE.
_HEADS = frozenset({"city", "council", "police", "clerk", "sheriff", "department", "board", "schools",
                    "school", "high", "office", "court", "commission", "commissioners", "government",
                    "officials", "residents", "area", "fire", "township", "village",
                    # a county's own buildings and offices ("Boone County Jail")
                    "jail", "courthouse", "detention", "marshal", "coroner", "prosecutor",
                    "attorney", "elections", "deputies", "pleas", "common", "library"})
_COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                            "western", "central", "northeast", "northwest", "southeast", "southwest",
                            "upper", "lower", "downtown", "greater", "metro"})


def _trim(text: str, start: int) -> tuple[str, int]:
    """The place name inside a span that is not itself in the gazetteer: "Dublin City Council"
    -> "Dublin", "North Texas" -> "Texas" (the toponym is the state; "north" says which part)."""
    g = gazetteer()
    if text in g or g.country_named(text) is not None:
        return text, start
    words = text.split(" ")
    if len(words) > 1 and words[0].lower() in _COMPASS_WORDS:
        rest = " ".join(words[1:])
        if rest in g and _strong(rest):
            return rest, start + len(text) - len(rest)
    if words[-1].lower() in _TOWNSHIP and len(words) > 1 and " ".join(words[:-1]) in g:
        return text, start      # "Hamilton Township": the township's own name
    if len(words) > 1 and words[-1].lower() in _HEADS:
        # the shortest place name the office's words follow: "Dublin City Council" -> Dublin
        # ("City" is the council's), but "Kansas City Council" -> Kansas City (the town's name)
        for n in range(1, len(words)):
            head = " ".join(words[:n])
            if head in g and all(_POSSESSIVE.sub("", w).lower() in _HEADS for w in words[n:]) \
                    and not (words[n].lower() == "city" and _city_name(head + " " + words[n])) \
                    and words[n].lower() not in _TOWNSHIP:
                return head, start
    return text, start


_TOWNSHIP = frozenset({"township", "twp.", "twp"})


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


# Words that are also the names of some place but, alone, name none in English news: compass
# points and the heads of organisation and building names ("Webb Center", "Ohio State University").
_GENERIC = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                      "central", "northeast", "northwest", "southeast", "southwest", "upper", "lower",
                      "metro", "center", "centre", "university", "college", "school", "bank", "union",
                      "man", "city", "town", "village", "county", "state", "national", "federal",
                      "olympic", "spring", "park", "lake", "hill", "valley", "river", "street", "road",
                      "church", "hospital", "market", "mission", "district", "court", "hall", "square",
                      "independence", "liberty", "unity", "progress", "enterprise", "commerce", "hope",
                      "harmony", "paradise", "victory", "freedom", "republic", "empire", "kingdom",
                      "media", "post", "times", "star", "tribune", "herald", "sun", "mail", "globe",
                      "area", "exit", "highway", "route", "interstate", "avenue", "boulevard"})


_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "gov", "governor", "sen", "senator", "rep",
                     "judge", "justice", "coach", "president", "mayor", "sheriff", "officer", "sgt",
                     "lt", "capt", "col", "gen", "det", "deputy", "chief", "prof", "professor", "rev",
                     "father", "sister", "brother", "pastor", "attorney", "commissioner", "councilman",
                     "councilwoman", "trooper", "cpl", "pvt", "adm", "secretary", "minister", "king",
                     "queen", "prince", "princess", "lord", "lady", "sir", "dame", "pope", "saint"})
_SPEECH = frozenset({"said", "says", "told", "added", "explained", "noted", "stated", "wrote", "asked"})
# Nouns after which a demonym names a culture, a cuisine or a language, not the country
# ("Italian food", "Irish music", "French immersion").
_CULTURE = frozenset({"food", "foods", "cuisine", "restaurant", "restaurants", "music", "rock",
                      "songs", "song", "dance", "dancing", "heritage", "pub", "immersion", "language",
                      "descent", "ancestry", "style", "fries", "toast", "dressing", "bread", "grill",
                      "marketplace", "community", "communities", "origin", "roots", "folk"})


def _person_words(doc) -> set[str]:
    """Words of the article's person names ("Ted Strickland" -> Ted, Strickland), and the
    surnames used alone after a title."""
    out = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) > 1:
            out.update(t.text for t in ent if t.text[:1].isupper())
    for t in doc:
        if t.i > 0 and t.text[:1].isupper() and doc[t.i - 1].text.lower().rstrip(".") in _TITLES:
            out.add(t.text)
    return out


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
    i = 0
    while i < len(doc):
        tok = doc[i]
        if not tok.text[:1].isupper() or tok.text.lower() == "the" or (
                tok.ent_type_ == "PERSON" and not _before_title(doc, i + 1) and not _lone_before_noun(doc, i)):
            i += 1
            continue
        for n in (2, 1):
            span = doc[i:i + n]
            if len(span) < n or not span[-1].text[:1].isupper():
                continue
            text = span.text
            place = _demonym_of(text)
            if place is None:
                continue
            sp = Span(span.start_char, span.end_char)
            nxt = doc[span.end] if span.end < len(doc) else None
            prev = doc[span.start - 1] if span.start > 0 else None
            if any(sp.overlaps(u) for u in used):
                break
            if nxt is not None and (nxt.text.lower() in _CULTURE or nxt.text.lower() in _SPEECH
                                    or nxt.text in ("-", "–") and not _hyphen_compound(doc, span.end + 1)):
                break
            if prev is not None and (prev.text in ("-", "–") and not _hyphen_compound(doc, span.start - 2, before=True)
                                     or prev.text.lower() in ("native", "anglo")
                                     or prev.text.lower().rstrip(".") in _TITLES):
                break
            out.append(_Mention(sp, text, "NORP", place=place, precision="gazetteer", fixed=True))
            used.append(sp)
            i += n - 1
            break
        i += 1
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


def _abbreviated(text: str) -> bool:
    """A country's initials ("U.S.", "UK", "UAE"): never a person's name, whatever leads."""
    return len(text) <= 5 and (("." in text and text.replace(".", "").isupper()) or text.isupper())


def _lone_before_noun(doc, i: int) -> bool:
    """A one-word "person" before a lower-case word ("Azerbaijani soldiers"): the model's guess
    for a demonym it did not know."""
    ent = next((e for e in doc.ents if e.start <= i < e.end), None)
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    return ent is not None and len(ent) == 1 and nxt is not None and nxt.text.isalpha() and nxt.text.islower() \
        and nxt.text not in _SPEECH


def _before_title(doc, j: int) -> bool:
    """Whether a title follows within two words ("U.S. President Donald Trump", "Canadian
    Foreign Minister …"): the place word before it names the office's country, not the person."""
    for t in doc[j:j + 3]:
        if t.text.lower().rstrip(".") in _TITLES:
            return True
        if not t.text[:1].isupper():
            return False
    return False


def _missed_countries(doc, taken: list[_Mention]) -> list[_Mention]:
    """Country and well-known region names the model tagged as something else or not at all."""
    g = gazetteer()
    out = []
    used = [m.span for m in taken]
    persons = _person_words(doc)  # "Mustafa Bali ... Mr Bali": a person, not the island
    for tok in doc:
        if not tok.text[:1].isupper() or tok.ent_type_ in PLACE_LABELS or tok.text in persons \
                or tok.text.lower() == "the":   # "The U.S." opening a sentence: the name is "U.S."
            continue
        for n in (3, 2, 1):
            if tok.i + n > len(doc):
                continue
            span = doc[tok.i:tok.i + n]
            if not span[-1].text[:1].isupper():
                continue
            sp = Span(span.start_char, span.end_char)
            if any(sp.overlaps(u) for u in used):
                continue
            # a name inside a longer name ("Bank of America") is not a mention of the place,
            # but a whole entity the model mislabelled ("Euphrates" as ORG) is
            whole = all(t.ent_type_ for t in span) and span[0].ent_iob_ == "B" and (
                tok.i + n == len(doc) or doc[tok.i + n].ent_iob_ != "I")
            if span[0].ent_type_ and not whole:
                continue
            if _well_known(span.text):
                out.append(_Mention(sp, span.text, "GPE"))
                used.append(sp)
                break
    return out


_BEFORE_PLACE = re.compile(r"\b(?:(?:village|town|city|hamlet|district|suburb|camp|base) of|(?:in|at|near|outside|around))\s+$")
_STRONG_BEFORE = re.compile(r"\b(?:village|town|city|hamlet|district|suburb|camp) of\s+$")
_AFTER_PLACE = re.compile(r"^,?\s+(?:close to|near|along|not far from|a (?:town|village|city|hamlet|district|base|camp|"
                          r"region|province|settlement)\b|(?:province|governorate|district)\b)")


def _cued(doc, taken: list[_Mention]) -> list[_Mention]:
    """Names the model took for a person or an organisation that the text itself describes as
    a place: "the village of X", "a force at X, close to the border"."""
    used = [m.span for m in taken]
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG"):
            continue
        sp = Span(ent.start_char, ent.end_char)
        if any(sp.overlaps(u) for u in used):
            continue
        before = text_of(doc)[max(0, sp.start - 30):sp.start]
        after = text_of(doc)[sp.end:sp.end + 40]
        if _STRONG_BEFORE.search(before) or (_BEFORE_PLACE.search(before) and _AFTER_PLACE.match(after)):
            text = _LEADING.sub("", ent.text)
            start = ent.end_char - len(text)
            out.append(_Mention(Span(start, ent.end_char), text, "GPE"))
            used.append(sp)
    return out


_DATELINE_END = re.compile(r"^\s*(?:,|\(|—|–|--|-\s|:)")


def _datelines(doc, taken: list[_Mention]) -> list[_Mention]:
    """The dateline of a wire or local story, in capitals: "BEIRUT (AP) —", "COLUMBUS, Ohio —",
    "NEWARK --". Read as the place it spells when the gazetteer knows it."""
    g = gazetteer()
    used = [m.span for m in taken]
    out = []
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and doc[j].text.isupper() and doc[j].text.isalpha() and (len(doc[j]) > 1 or j > i):
            j += 1
        if j == i:
            i += 1
            continue
        span = doc[i:j]
        text = span.text
        sp = Span(span.start_char, span.end_char)
        before = text_of(doc)[max(0, sp.start - 2):sp.start]
        ok_before = sp.start == 0 or "\n" in before or re.search(r"(?:[.!?\d\"”’]\s*|\s{2})$", before)
        if (len(text) >= 4 and ok_before and _DATELINE_END.match(text_of(doc)[sp.end:sp.end + 4])
                and not any(sp.overlaps(u) for u in used)):
            title = text.title()
            if title in g and not g.demonym_place(title) and not (_caps_line_after(doc, sp) and not _strong(title)):
                out.append(_Mention(sp, text, "GPE"))
                used.append(sp)
        i = j
    return out


_SAINT_DATELINE = re.compile(r"(?:^|(?<=[.!?\"”’]\s)|(?<=\n))((?:ST|FT|MT)\. [A-Z][A-Z'’]+(?: [A-Z][A-Z'’]+)?)(?=\s*(?:,|\(|—|–|--|-\s|:))")


def _saint_datelines(doc) -> list[_Mention]:
    """Datelines of towns named after a saint or a fort, in capitals: "ST. LOUIS –", "ST. JOHN'S,
    N.L. -" (the model splits them at the stop)."""
    out = []
    for a in _SAINT_DATELINE.finditer(text_of(doc)):
        name = a.group(1)
        title = " ".join(w[:1] + w[1:].lower() for w in name.split(" "))
        if title in gazetteer():
            out.append(_Mention(Span(a.start(1), a.end(1)), name, "GPE"))
    return out


def _caps_line_after(doc, sp: Span) -> bool:
    """Whether the rest of the line after a capitalised opener is in capitals too: a section
    head ("CRICKET - HOSTS WIN ON THE LAST DAY"), not a dateline before the story's text."""
    text = text_of(doc)
    end = text.find("\n", sp.end)
    words = re.findall(r"[A-Za-z]{2,}", text[sp.end:end if end >= 0 else len(text)])
    return len(words) >= 2 and sum(w.isupper() for w in words) >= 0.7 * len(words)


def _scan_context(doc, taken: list[_Mention]) -> tuple[set[str], set[tuple[str, str]]]:
    """The countries and first-level divisions (US states) the article's recognised places
    name: where a same-named small town is likely to be."""
    g = gazetteer()
    countries: set[str] = set()
    admins: set[tuple[str, str]] = set()
    for m in taken:
        c = m.place if m.fixed else g.country_named(m.text)
        if c is not None:
            if c.country_code:
                countries.add(c.country_code)
            continue
        a = g.admin1_code(m.text)
        if a is not None and (normalize(m.text) in US_STATE_ABBREVIATIONS or _strong(m.text)):
            admins.add(a)
            countries.add(a[0])
    return countries, admins


_PLACE_ENTS = frozenset({"ORG", "FAC", "GPE", "LOC", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"})


def _scan(doc, taken: list[_Mention]) -> list[_Mention]:
    """Gazetteer-driven recall: capitalised names the model did not take for places but the
    gazetteer knows, alone ("in Roxton") or inside a longer name ("the Athens Police Department", "University of Kentucky": the organisation is named
    after the place, and the name still refers to it).

    A name is kept when it is almost always a place (:func:`_strong`) or is a town of the
    states and countries the article's other places name. Guards against people: not a word of
    the article's person names, not after a title ("Gov. Strickland"), not before "said"; and
    inside a person's name only a county or a multi-word state."""
    g = gazetteer()
    used = [m.span for m in taken]
    countries, admins = _scan_context(doc, taken)
    persons = _person_words(doc)
    ent_of = {}
    for ent in doc.ents:
        for t in ent:
            ent_of[t.i] = ent
    out = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if tok.text.lower() == "the" or not (tok.text[:1].isupper() and not tok.is_upper
                                       or tok.text in ("U.S.", "U.K.", "UK", "US")):
            i += 1
            continue
        hit = None
        for n in (4, 3, 2, 1):
            span = doc[i:i + n]
            if len(span) < n or any(not (t.text[:1].isupper() or t.text in ("-", ".")) for t in span):
                continue
            if span[-1].text in ("-", "."):
                continue
            text = span.text
            if text not in g:
                continue
            sp = Span(span.start_char, span.end_char)
            if any(sp.overlaps(u) for u in used):
                continue
            if _keep(doc, span, text, ent_of, persons, countries, admins):
                hit = (span, sp, text)
            break
        if hit is None:
            i += 1
            continue
        span, sp, text = hit
        ent = ent_of.get(span[-1].i)
        if len(span) > 1 and span[-1].text == "City" and ent is not None and ent.end > span.end \
                and not _city_name(text):
            # "Alexandria City Public Schools": the town is Alexandria
            span = span[:-1]
            sp, text = Span(span.start_char, span.end_char), span.text
        out.append(_Mention(sp, text, "GPE"))
        used.append(sp)
        i = span.end
    return out


def _keep(doc, span, text, ent_of, persons, countries, admins) -> bool:
    g = gazetteer()
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    if prev is not None and prev.text.lower().rstrip(".") in _TITLES:
        return False
    ents = {id(ent_of[t.i]): ent_of[t.i] for t in span if t.i in ent_of}
    ent = next(iter(ents.values()), None) if len(ents) == 1 else None
    if len(ents) > 1 or normalize(text) in _GENERIC:
        return False
    if ents and sum(t.i in ent_of for t in span) < len(span):
        return False        # half in a name, half outside it
    strong = _strong(text, countries)
    civic = False
    if ent is not None and (ent.start, ent.end) != (span.start, span.end):
        # inside a longer name: a place leads it or follows "of" ("Athens Police Department",
        # "University of Kentucky"); never its last word, the head noun ("Webb Center"),
        # unless after "of" and almost always a place ("Bank of Canada")
        lead = all(t.text.lower() in ("the", "a", "an") for t in doc[ent.start:span.start])
        after_of = doc[span.start - 1].text.lower() in ("of", "at", "in")
        # "St. John's Lutheran School in Lombard": "in" closing a name places it in a town
        closing_in = ent.label_ in ("ORG", "FAC") and span.end == ent.end and \
            doc[span.start - 1].text.lower() == "in" and _town(text)
        if not (lead or after_of) or (span.end == ent.end and not (after_of and strong) and not closing_in):
            return False
        if closing_in:
            return True
        # a town's own council, police or school is named after the town: any town then
        civic = lead and any(_possessor(t.text) in _CIVIC for t in doc[span.end:ent.end])
    elif ent is None and span[0].is_sent_start and not _local(text, countries, admins):
        g_top = g.lookup(text)[:1]
        if not (g.country_named(text) or g_top and g_top[0].feature_code in ("ADM1", "CONT", "RGN")):
            return False
    if ent is not None and ent.label_ == "PERSON":
        if span.start == ent.start and g.country_named(text) is not None and (
                _before_title(doc, span.end) or _abbreviated(text)):
            # "U.S. President Donald Trump", "the U.S. Senate": the office's country leads the name
            return True
        if not (strong and len(span) > 1):
            if len(span) == 1 and len(ent) == 1 and _local(text, countries, admins) and text not in persons:
                return nxt is None or nxt.text.lower() not in _SPEECH
            return False
    elif ent is not None and ent.label_ not in _PLACE_ENTS:
        return False
    if ent is not None and (ent.start, ent.end) == (span.start, span.end) and ent.label_ not in ("GPE", "LOC", "FAC"):
        # a whole entity the model called an organisation ("Chicago beat Houston": the teams)
        # stays one: overruling it costs more named-entity precision than it gains toponyms
        return False
    if len(span) == 1 and text in persons and not (strong and g.country_named(text)):
        return False
    if nxt is not None and nxt.text.lower() in _SPEECH and not strong:
        return False
    if strong:
        return True
    return _local(text, countries, admins) or (civic and _town(text))


# Heads of a town's or county's own institutions ("Lakeview Board of Education", "Tega Cay
# Volunteer Fire Department", "Mayo County Council").
_CIVIC = frozenset({"council", "police", "fire", "sheriff", "board", "chamber", "school", "schools",
                    "library", "hospital", "courthouse", "township", "historical", "commissioners",
                    "selectman", "selectmen", "aldermen", "jail", "mayor"})


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


# Words before a name that say it is a place ("a man from Hanover", "downtown Lancaster").
_PLACE_PREPS = frozenset({"in", "at", "near", "from", "outside", "downtown", "into", "across", "throughout",
                          "around", "toward", "towards", "between", "inside", "suburban", "rural", "nearby",
                          "through", "via", "along"})
# Nouns after a name that say it is a place: its people and its local services ("Roselle
# police", "a Gainesville man", "Sligo-based").
_PLACE_NOUNS = frozenset({"police", "resident", "residents", "man", "woman", "men", "women", "boy", "girl",
                          "teen", "teenager", "native", "natives", "area", "firefighters", "mayor", "couple",
                          "family", "families", "neighborhood", "neighbourhood", "homeowners", "voters",
                          "townships", "township", "suburb", "firefighter", "officers", "deputies"})
# Lower-case nouns after a name that say what kind of place it names.
_KIND_OF_PLACE = frozenset({"camp", "village", "town", "district", "province", "governorate", "neighbourhood",
                            "neighborhood", "suburb", "township", "region", "valley", "oasis"})
_OF_PLACE = frozenset({"native", "natives", "resident", "residents", "city", "town", "village", "county",
                       "outskirts", "suburbs", "mayor", "people", "center", "centre", "heart", "streets",
                       "mountains", "beaches", "shores", "coast", "region", "province", "state", "part",
                       "parts", "north", "south", "east", "west"})
_COUNTY_LIST_END = frozenset({"counties", "parishes", "townships"})


def _retyped(doc, taken: list[_Mention]) -> list[_Mention]:
    """A whole name the model took for a person or an organisation that the gazetteer knows as
    a town and the words around it use as a place: "a man from Hanover", "Roselle police",
    "Douglas, Lancaster and Sarpy counties", "Evansville, Ind.". The name must be a place the
    article can mean (:func:`_strong`, or a town of its states and countries, or placed by a
    state written after it), not a person's word, not a team of a results table, and not on an
    ALL-CAPS line (a headline or a table: no context there)."""
    g = gazetteer()
    used = [m.span for m in taken]
    countries, admins = _scan_context(doc, taken)
    persons = _person_words(doc)
    teams = _team_names(doc)
    cased = doc.user_data.get("kg_cased") or {}
    out = []
    for ent in doc.ents:
        # a town's name the model took for a nationality ("nuns in Pewaukee") too
        if ent.label_ not in ("PERSON", "ORG", "NORP") or ent.label_ == "NORP" and _demonym_of(ent.text):
            continue
        first = 1 if ent[0].text.lower() == "the" else 0
        toks = ent[first:]
        if len(toks) and toks[-1].text in ("'s", "’s"):
            toks = toks[:-1]
        if not len(toks) or len(toks) > 3 or ent.start in cased:
            continue
        text = toks.text
        sp = Span(toks.start_char, toks.end_char)
        if any(sp.overlaps(u) for u in used) or normalize(text) in _GENERIC or text.lower() in teams \
                or not (text[:1].isupper() or text.split("-")[0].lower() in _ARTICLES and text[-1:].islower()
                        and any(c.isupper() for c in text)):
            continue
        nxt = doc[toks.end] if toks.end < len(doc) else None
        if nxt is not None and nxt.text in _KIND_OF_PLACE and toks.end == ent.end:
            # "the al-Hol camp", "the Qasrik village": the text says what kind of place it is
            out.append(_Mention(sp, text, "GPE"))
            used.append(sp)
            continue
        if text not in g:
            continue
        if text in persons or (len(toks) > 1 and toks[0].text in given_names()):
            continue
        if not any(p.feature_class in ("P", "A") for p in g.lookup(text)[:20]):
            continue
        m = _Mention(sp, text, "GPE")
        hinted = bool(_after_hints(doc, m))
        cue = _place_cue(doc, toks)
        if not (hinted or cue) or ent.label_ == "NORP" and is_english(text):
            continue    # "an Arab woman", "Christian families": a people's or a faith's word
        # after a preposition ("in Congress") the name must be a place the article can mean;
        # a name its people or services are named after ("Laconia police") any town
        if not (hinted or _strong(text, countries) or _local(text, countries, admins)
                or (cue == "named" or not is_english(text)) and _town(text)):
            continue
        out.append(m)
        used.append(sp)
    return out


def _town(text: str) -> bool:
    """A town of 1,000 people or more, or a county, somewhere."""
    return any(p.feature_class == "P" and p.population >= 1000 or p.feature_code == "ADM2"
               for p in gazetteer().lookup(text)[:20])


def _place_cue(doc, toks) -> str | None:
    """"named" when the words around name the place's people or services ("Laconia police",
    "Ann Sears, 41, of Grovetown", "Sligo-based", "Lancaster and Hamilton counties"), "prep"
    after a locative preposition ("in Winchester"), else None."""
    prev = doc[toks.start - 1] if toks.start > 0 else None
    nxt = doc[toks.end] if toks.end < len(doc) else None
    if prev is not None and prev.text.lower() == "of" and toks.start > 1:
        pp = doc[toks.start - 2]
        if pp.text == "," or pp.like_num or pp.ent_type_ == "PERSON" or pp.text.lower() in _OF_PLACE:
            return "named"
    if nxt is not None and nxt.text.lower() in _PLACE_NOUNS:
        return "named"
    if nxt is not None and nxt.text in ("-", "–") and toks.end + 1 < len(doc) and \
            doc[toks.end + 1].text.lower() in ("based", "area"):
        return "named"
    # one of a list of names that ends in "counties": "Douglas, Lancaster and Sarpy counties"
    j = toks.end
    while j < len(doc) and j < toks.end + 12:
        t = doc[j]
        if t.text.lower() in _COUNTY_LIST_END:
            return "named"
        if not (t.text in (",", "and", "&") or t.text[:1].isupper()):
            break
        j += 1
    if prev is not None and prev.text.lower() in _PLACE_PREPS:
        return "prep"
    if prev is not None and prev.text.lower() == "to" and toks.start > 1 and \
            doc[toks.start - 2].lemma_.lower() in _MOTION:
        return "prep"   # "drove to Lanexa", "a trip to Cancun"
    return None


# Words after which "to" leads to a place ("moved to", "a trip to").
_MOTION = frozenset({"go", "went", "come", "came", "drive", "drove", "move", "moved", "travel", "fly", "flew",
                     "head", "return", "relocate", "commute", "walk", "ride", "rode", "sail", "trip", "journey",
                     "transfer", "transport", "airlift", "evacuate", "flee", "fled", "visit", "road",
                     "route", "way", "bus", "flight", "deport", "extradite", "send", "sent", "bring", "brought"})


# "…,” Petrova said", ". Petrova said": a name alone as the subject of a speech verb (not
# "Police in Atlanta and Macon said", where the place names the police)
_SAID_AFTER = re.compile(r"(?:^|[.!?]\s+|[,\"”’]\s*)([A-Z][\w'’-]+)(?:'s|’s)?\s+"
                         r"(?:said|says|told|added|explained|noted|stated|wrote|asked)\b", re.M)
# Words that make a name a place's whatever name precedes them ("Darby Street", "River Moy").
_PLACE_WORDS = frozenset({"heights", "creek", "springs", "falls", "island", "islands", "bay", "mountain",
                          "mount", "beach", "point", "ridge", "woods", "forest", "harbor", "harbour", "port",
                          "fort", "glen", "grove", "gardens", "estate", "place", "square", "way"})
_ARTICLES = frozenset({"al", "el", "ad", "as", "at", "an", "ar", "ash", "az", "la", "le", "los", "las", "san", "santa"})


def _not_people(doc, mentions: list[_Mention]) -> list[_Mention]:
    """Without names that are no places here: a known group ("Hamas", also a German town's
    other name), a word that says something somewhere and is no big place ("Petrova said"),
    a name the gazetteer does not know made of a given name and one more word ("Nino
    Burjanadze")."""
    g = gazetteer()
    speakers = {m.group(1) for m in _SAID_AFTER.finditer(text_of(doc))}
    out = []
    for m in mentions:
        words = m.text.split()
        if not m.fixed and g.country_named(m.text) is None and _known_group(m.text) and not _union(m.text):
            continue    # "Israel and Hamas": a known armed group or organisation, whatever town shares its name
        if not m.fixed and g.country_named(m.text) is None and len(words) == 1 and m.text in speakers \
                and not _strong(m.text):
            continue
        if not m.fixed and m.text not in g and g.country_named(m.text) is None and (
                len(words) == 2 and words[0] in given_names() and words[0].lower() not in _ARTICLES
                and not any(w.lower() in _GENERIC or w.lower() in _STREET_SUFFIX or w.lower() in _PLACE_WORDS
                            for w in words)):
            continue
        out.append(m)
    return out


def _union(text: str) -> bool:
    """A union of countries listed among the regions ("the EU"): geoparsing counts it as a place
    even where it acts as an organisation."""
    top = gazetteer().lookup(text)[:1]
    return bool(top) and top[0].feature_code == "RGN" and normalize(top[0].name).endswith("union")


def _known_group(text: str) -> bool:
    from .actors import _norm, known_actors
    known = known_actors().get(_norm(text))
    return known is not None and known.type in ("Group", "Organization")


def _team_names(doc) -> set[str]:
    """Lower-cased names the sports rules took for teams in this article (see
    :func:`kg.extractors.rulers.sports`)."""
    text = text_of(doc)
    return {text[a:b].lower() for a, b in doc.user_data.get("kg_teams") or ()}


def _not_teams(doc, mentions: list[_Mention]) -> list[_Mention]:
    """Without the names that are teams in this article: "Florida 65 70 .481" in a standings
    table is a club, and so is "Florida" in the report beside it (one sense per article).
    National teams are kept: the sports rules leave countries GPE."""
    teams = _team_names(doc)
    if not teams:
        return mentions
    return [m for m in mentions if m.fixed or m.text.lower() not in teams]


# The kinds of road whose name is a number after them ("Highway 200", "County Road 43").
_NUMBERED_ROADS = frozenset({"highway", "route", "interstate", "road", "hwy", "state route", "u.s. route",
                             "u.s. highway", "us highway", "county road", "state road", "i"})
_ROAD_NUMBER = re.compile(r"^[ -](\d{1,4}[A-Z]?)(?![\w.,]\d)")


def _extended(doc, m: _Mention) -> _Mention:
    """A mention cut short of its name by the boundary rules: the number of a numbered road
    ("Highway 200"), the final stop of a state's abbreviation ("W.Va.")."""
    text = text_of(doc)
    after = text[m.span.end:m.span.end + 8]
    words = normalize(m.text).split()
    if words and (words[-1] in _NUMBERED_ROADS or " ".join(words[-2:]) in _NUMBERED_ROADS):
        a = _ROAD_NUMBER.match(after)
        if a:
            end = m.span.end + a.end()
            return _Mention(Span(m.span.start, end), text[m.span.start:end], m.label, m.place, m.within,
                            m.precision, m.hints, m.fixed)
    key = normalize(m.text)
    state = "." in m.text and (key in US_STATE_ABBREVIATIONS or key.replace(" ", "") in US_STATE_ABBREVIATIONS)
    if state and not m.text.endswith(".") and after[:1] == ".":
        m = _Mention(Span(m.span.start, m.span.end + 1), text[m.span.start:m.span.end + 1], m.label, m.place,
                     m.within, m.precision, m.hints, m.fixed)
        after = text[m.span.end:m.span.end + 8]
    if state:
        # "W.Va. 61", "S.C. 6": a state highway by its number
        a = re.match(r"^ (\d{1,3})(?![\w.,:/-]?\d)(?!\s*(?:%|percent|years?|miles?|people|,\s*\d{4}))", after)
        if a:
            end = m.span.end + a.end()
            return _Mention(Span(m.span.start, end), text[m.span.start:end], "FAC")
        return m
    # "Tennessee Colony", "Belle Plaine": the model stopped one word short of a town's name
    a = re.match(r"^ ([A-Z][a-z]+)\b(?! [A-Z])", text[m.span.end:m.span.end + 30])
    if a and not m.fixed and len(m.text.split()) <= 2:
        longer = m.text + " " + a.group(1)
        tok = doc.char_span(m.span.end + 1, m.span.end + a.end(), alignment_mode="expand")
        if _town_name(longer) and a.group(1).lower() not in _HEADS and not (
                tok is not None and any(t.ent_type_ in PLACE_LABELS for t in tok)):
            end = m.span.end + a.end()
            return _Mention(Span(m.span.start, end), longer, m.label)
    return m


def _town_name(text: str) -> bool:
    """Whether ``text`` is the own name of a town or a township ("Tennessee Colony", "Jackson
    Township")."""
    return any(prim and (p.feature_class == "P" or p.feature_code == "ADM3") and normalize(p.name) == normalize(text)
               for p, prim in gazetteer().candidates(text))


_STREET_SUFFIX = frozenset({"street", "st.", "road", "rd.", "avenue", "ave.", "boulevard", "blvd.", "drive",
                            "lane", "parkway", "pkwy.", "circle", "pike", "terrace", "trail"})
_STREET_PREFIX = frozenset({"n.", "s.", "e.", "w.", "north", "south", "east", "west", "old", "new"})


def _streets(doc, taken: list[_Mention]) -> list[_Mention]:
    """Streets: capitalised words and a street word ("Danielsville Road", "E. Broad St.",
    "14th Street"), which geoparsing golds count as places. Not the first word of a longer
    name ("Main Street Bank"), nor inside an organisation's or person's longer name."""
    used = [m.span for m in taken]
    out = []
    for tok in doc:
        if tok.text.lower() not in _STREET_SUFFIX or not tok.text[:1].isupper() or tok.i == 0:
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.text[:1].isupper() and not nxt.is_sent_start and "\n" not in tok.whitespace_:
            continue    # "Main Street Bank": the head of another name
        i = tok.i
        while i > 0 and i > tok.i - 4:
            w = doc[i - 1]
            if w.is_sent_start or not (w.text[:1].isupper() or re.match(r"^\d+(?:st|nd|rd|th)$", w.text)) \
                    or w.text in ("-", ".") or "\n" in w.whitespace_:
                if w.is_sent_start and w.text[:1].isupper() and w.text.lower() not in STOP_WORDS:
                    i -= 1
                break
            i -= 1
        if i == tok.i or doc[i].text.lower() in ("the", "a", "an"):
            continue
        span = doc[i:tok.i + 1]
        if all(t.text.lower() in _STREET_PREFIX for t in span[:-1]):
            continue    # "North Street": a compass word is no name of its own
        sp = Span(span.start_char, span.end_char)
        if any(sp.overlaps(u) for u in used):
            continue
        ents = {(t.ent_type_, t.ent_iob_) for t in span}
        inside = [e for e in doc.ents if e.start < span.end and span.start < e.end]
        if any(e.start < span.start or e.end > span.end for e in inside):
            continue    # part of a longer name
        out.append(_Mention(sp, span.text, "FAC"))
        used.append(sp)
    return out


def _propagate(doc, taken: list[_Mention]) -> list[_Mention]:
    """One sense per article: every other occurrence of a name already taken as a place
    ("Baghouz" tagged GPE once and ORG later) is a mention too."""
    names = {m.text for m in taken if len(m.text) > 2}
    if not names:
        return []
    used = [m.span for m in taken]
    out = []
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                         + r")(?![\w-])")
    for a in pattern.finditer(text_of(doc)):
        sp = Span(a.start(), a.end())
        if any(sp.overlaps(u) for u in used):
            continue
        # not when it is part of a longer non-place name ("Syria" in "Free Syrian Army" cannot
        # match; "Mosul" in "Mosul Dam Authority" is left to the model's ORG)
        cs = doc.char_span(sp.start, sp.end, alignment_mode="expand")
        if cs is not None and any(t.ent_type_ in ("ORG", "PERSON", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW")
                                  and not _whole_entity(t, cs) for t in cs):
            continue
        out.append(_Mention(sp, a.group(0), "GPE"))
        used.append(sp)
    return out


def _whole_entity(t, cs) -> bool:
    ent = next((e for e in t.doc.ents if e.start <= t.i < e.end), None)
    return ent is not None and ent.start_char == cs.start_char and ent.end_char == cs.end_char


def _after_hints(doc, m: _Mention) -> list[Place]:
    """Regions or countries named right after a mention: ", La.", ", Anbar province, Iraq"."""
    g = gazetteer()
    text = text_of(doc)[m.span.end:m.span.end + 80]
    hints = []
    for _ in range(2):
        a = _AFTER.match(text)
        if not a:
            break
        phrase = a.group(1)
        hit = _region_or_country(phrase)
        if hit is None:
            # "…, Deir Al Zor province, Syria": try the longest prefix that names an area
            words = phrase.split()
            for n in range(len(words) - 1, 0, -1):
                hit = _region_or_country(" ".join(words[:n]))
                if hit:
                    break
        if hit is None:
            break
        hints.append(hit)
        text = text[a.end():]
    return hints


def _region_or_country(phrase: str) -> Place | None:
    g = gazetteer()
    c = g.country_named(phrase)
    if c:
        return c
    key = normalize(phrase)
    if key in US_STATE_ABBREVIATIONS or key.replace(" ", "") in US_STATE_ABBREVIATIONS:
        code = US_STATE_ABBREVIATIONS.get(key) or US_STATE_ABBREVIATIONS[key.replace(" ", "")]
        return g.region("US", code)
    words = key.split()
    if len(key.replace(" ", "")) <= 3:
        return None     # "OT", "NHS": an abbreviation that is no state's is no hint
    regions = g.lookup(phrase, regions_only=True)
    if regions:
        best = regions[0]
        # a first-level division by its bare name ("Texas"), a lower one only when called one
        if best.feature_code == "ADM1" or (words and words[-1] in REGION_WORDS):
            return best
    return None


def _in_hint(doc, m: _Mention) -> Place | None:
    """"X in Syria", "X in eastern Syria", "X in Anbar province"."""
    a = _IN_PLACE.match(text_of(doc)[m.span.end:m.span.end + 80])
    if not a:
        return None
    words = a.group(1).split()
    for n in range(len(words), 0, -1):
        hit = _region_or_country(" ".join(words[:n]))
        if hit:
            return hit
    return None


def _border_exclusions(doc, m: _Mention) -> set[str]:
    """Countries a place is said to be near the border of, so not inside ("Al Tanf, close to
    the Iraqi and Jordanian borders" is in Syria, not Iraq)."""
    g = gazetteer()
    text = text_of(doc)[m.span.end:m.span.end + 80].split(".")[0]
    out = set()
    for b in _NEAR_BORDER.finditer(text):
        for w in b.groups():
            if w:
                iso = g.demonym(w) or (g.country_named(w).country_code if g.country_named(w) else None)
                if iso:
                    out.add(iso)
    return out


def locations(doc) -> list[Location]:
    """Every place the article mentions, one :class:`~kg.facts.Location` per place."""
    g = gazetteer()
    saints = _saint_datelines(doc)
    mentions = saints + [m for m in _place_mentions(doc) if not any(m.span.overlaps(x.span) for x in saints)]
    mentions += _missed_countries(doc, mentions)
    mentions += _cued(doc, mentions)
    mentions += _streets(doc, mentions)
    mentions += _retyped(doc, mentions)
    mentions += _datelines(doc, mentions)
    mentions += _scan(doc, mentions)
    mentions += _propagate(doc, mentions)
    mentions += _demonyms(doc, mentions)
    mentions = [_extended(doc, m) for m in _not_teams(doc, mentions)]
    mentions = _not_people(doc, mentions)
    # "Centre", "District", "CENTRAL", "Highway" without its number: a common word alone
    mentions = [m for m in mentions if m.fixed or normalize(m.text) not in _GENERIC
                or g.country_named(m.text) is not None]
    mentions.sort(key=lambda m: m.span)

    # 1. countries first: they are the context everything else is read in
    country_count: Counter[str] = Counter()
    for m in mentions:
        c = m.place if m.fixed and m.place.feature_code == "PCLI" else g.country_named(m.text)
        if m.fixed:
            if c is not None:
                country_count[c.country_code] += 1
        elif c is not None:
            m.place, m.precision = c, "gazetteer"
            country_count[c.country_code] += 1
    context = set(country_count)

    # 2. the rest, helped by what the text says around each name; twice, so that the states
    # and countries of the places resolved in the first pass ("Gainesville, Ga.") inform the
    # second ("Gainesville" alone, later)
    for m in mentions:
        if m.place is None and not m.fixed:
            key = normalize(m.text)
            if key in US_STATE_ABBREVIATIONS and "." in m.text:
                m.place, m.precision = g.region("US", US_STATE_ABBREVIATIONS[key]), "gazetteer"
            elif m.place is None:
                m.hints = _after_hints(doc, m)
                inside = _in_hint(doc, m)
                if inside is not None:
                    m.hints.append(inside)
    for final in (False, True):
        # a state the text names counts twice: it is said, a town's state is only guessed
        # a name's own first guess is no evidence for itself
        admin_context = Counter()
        own: dict[str, Counter] = {}
        for m in mentions:
            if m.place is not None and m.place.admin1 and m.precision == "gazetteer":
                a, w = (m.place.country_code, m.place.admin1), 2 if m.place.feature_code == "ADM1" else 1
                admin_context[a] += w
                own.setdefault(normalize(m.text), Counter())[a] += w
        for m in mentions:
            if m.fixed or m.place is not None and (m.precision != "gazetteer" or not final or m.hints or
                                        g.country_named(m.text) is not None or "." in m.text):
                continue
            _resolve(m, context, country_count, admin_context - own.get(normalize(m.text), Counter()),
                     doc, final)
    _home_country(mentions, context)
    _home_namesakes(mentions)
    _cohere(mentions, context)
    _home_namesakes(mentions)     # again: coherence may have moved the towns to their state
    _home_fallback(mentions)
    # 3. merge by place
    groups: dict[str, list[_Mention]] = {}
    mentions = _unplaced_words(doc, mentions)
    for m in mentions:
        if m.place is not None:
            key = m.place.key if m.place.geonames_id else "place:" + _slug(m.place.name)
        else:
            cc = m.within.country_code.lower() if m.within is not None and m.within.country_code else ""
            key = "place:" + (cc + ":" if cc else "") + _slug(m.text)
        groups.setdefault(key, []).append(m)

    out = []
    for key, ms in groups.items():
        m = next((x for x in ms if x.label != "NORP"), ms[0])
        # a demonym refers to its place without naming it: kept apart from the names
        spans = tuple(sorted({x.span for x in ms if x.label != "NORP"}))
        adjectival = tuple(sorted({x.span for x in ms if x.label == "NORP"}))
        if m.place is not None:
            p = m.place
            cc = p.country_code or None
            out.append(Location(key=key, name=p.name, mentions=spans, feature=p.feature, lat=p.lat,
                                lon=p.lon, geonames_id=p.geonames_id or None, country_code=cc,
                                country=_country_key(cc), precision="gazetteer", adjectival=adjectival))
        else:
            w = m.within
            cc = w.country_code if w is not None and w.country_code else None
            feature = "region" if normalize(m.text).split()[-1] in REGION_WORDS else "place"
            out.append(Location(key=key, name=m.text, mentions=spans, feature=feature,
                                lat=w.lat if w else None, lon=w.lon if w else None, geonames_id=None,
                                country_code=cc, country=_country_key(cc),
                                precision=m.precision if w else None, adjectival=adjectival))
    out.sort(key=lambda loc: min(loc.mentions + loc.adjectival))
    return out


def _opaque(text: str) -> bool:
    """An acronym or a brand-like word ("NCIS", "IoTX", "TfL") no gazetteer knows: the name of
    an organisation, a product or an event far more often than of a place."""
    return " " not in text and (re.fullmatch(r"[A-Z&*]{2,6}", text) is not None
                                or re.search(r"[a-z][A-Z]", text) is not None
                                and re.match(r"(?:Mc|Mac|De|Di|Da|La|Le|Du|Van|Von)[A-Z]", text) is None)


def _unplaced_words(doc, mentions: list[_Mention]) -> list[_Mention]:
    """Without single words that no gazetteer knows, that nothing in the article places and that
    the text does not use as a place ("since Dropbox first …", "Pawlenty's proposal"): the model's
    guess alone. Kept after a locative preposition ("in Portroe") or before a word that says
    what kind of place it is ("the Hardeetown area"), and abbreviations ("N.B.")."""
    g = gazetteer()
    keep = []
    for m in mentions:
        if not m.fixed and _opaque(m.text) and m.text not in g:
            continue
        if m.place is not None or m.within is not None or m.fixed or " " in m.text or "." in m.text \
                or "-" in m.text or m.text in g:
            keep.append(m)
            continue
        cs = doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
        if cs is None:
            keep.append(m)
            continue
        prev = doc[cs.start - 1].text.lower() if cs.start > 0 else ""
        nxt = doc[cs.end].text.lower() if cs.end < len(doc) else ""
        if prev in _PLACE_PREPS or prev in ("to", "of") or nxt in _KIND_OF_PLACE or nxt in ("area", "island"):
            keep.append(m)
    return keep


def _resolve(m: _Mention, context: set[str], country_count: Counter, admin_context: Counter,
             doc, final: bool) -> None:
    g = gazetteer()
    hints = m.hints
    admin1 = next(((h.country_code, h.admin1) for h in hints if h.feature_code == "ADM1"), None)
    hint_countries = {h.country_code for h in hints if h.country_code}
    if admin1 is None and admin_context and final:
        # the article's own state/province: the most mentioned one among this name's candidates
        names = {(p.country_code, p.admin1) for p in g.lookup(m.text)[:20]
                 if p.feature_class == "P" or p.feature_code == "ADM2"}
        local = [(n, a) for a, n in admin_context.items() if a in names]
        if local:
            # most mentioned; among equals, the state named first, not the last in the alphabet
            order = list(admin_context)
            admin1 = max(local, key=lambda t: (t[0], -order.index(t[1])))[1]
    implicit = admin1 is not None and not any(h.feature_code == "ADM1" for h in hints)
    cands = g.lookup(m.text, countries=hint_countries or context, admin1=admin1)
    if implicit and cands:
        # the article's state says which small town a name means, not which world city:
        # "Moscow" in a story that names Russia is not the hamlet in the reporter's state
        # and a state by its own name ("Oregon" in a story that names Chicago) is the state,
        # not the Illinois town
        top = g.lookup(m.text, countries=context)[:1]
        if top and (top[0].country_code in context and (top[0].feature_code == "PPLC"
                                                         or top[0].population >= 1_000_000)
                    or top[0].feature_code == "ADM1" and normalize(top[0].name) == normalize(m.text)):
            cands = top
    if hint_countries:
        # the text says where it is: a same-named place elsewhere is not it
        cands = [p for p in cands if p.country_code in hint_countries or (p.feature == "region"
                                                                           and not p.country_code)]
    m.place = m.within = None
    if cands:
        best = cands[0]
        where = hint_countries or context
        if not where or best.country_code in where or best.population >= 20000 \
                or best.feature != "city" or not best.country_code:
            m.place, m.precision = best, "gazetteer"
            return
    if not final:
        return
    # not in the gazetteer: placed by the text's own context
    region = next((h for h in hints if h.feature_code in ("ADM1", "ADM2")), None)
    country = next((h for h in hints if h.feature_code == "PCLI"), None)
    if region is not None:
        m.within, m.precision = region, "region"
    elif country is not None:
        m.within, m.precision = country, "country"
    else:
        excluded = _border_exclusions(doc, m)
        ranked = [c for c, _ in country_count.most_common() if c not in excluded]
        if ranked:
            m.within, m.precision = g.country(ranked[0]), "country"
        else:
            m.precision = None


_NEAR_KM = 150.0
_COUNTRY_SUPPORT_KM = 1500.0


_HOME_SHARE = 0.8


def _open_readings(mentions: list[_Mention]) -> dict[str, list[_Mention]]:
    """Mentions still open to another reading, by normalised name: placed from the gazetteer
    (not by the text itself), and no country, continent or region."""
    by_name: dict[str, list[_Mention]] = {}
    for m in mentions:
        if m.place is None or m.fixed or m.precision != "gazetteer" or m.place.feature_code in ("PCLI", "CONT", "RGN"):
            continue
        by_name.setdefault(normalize(m.text), []).append(m)
    return by_name


def _home_country(mentions: list[_Mention], context: set[str]) -> None:
    """A local story names the towns of its own country without saying which country: "Paris"
    among Dallas and Tyler is the Texas town, not the French capital. When the article names
    no country of its own and its other places, nearly all (80 %), lie in one country, a name
    read as a place elsewhere is re-read as its namesake there (same name, a state the article
    names first), if it has one; beside a single other place, only a namesake near it."""
    if context:
        return
    g = gazetteer()
    by_name = _open_readings(mentions)
    for key, ms in by_name.items():
        if any(m.hints for m in ms) or "." in ms[0].text:
            continue
        others = [o[0].place for k, o in by_name.items() if k != key]
        if not others:
            continue
        home, n = Counter(p.country_code for p in others).most_common(1)[0]
        if n < _HOME_SHARE * len(others) or ms[0].place.country_code == home:
            continue
        states = {p.admin1 for p in others if p.country_code == home and p.admin1}
        local = [p for p in g.lookup(ms[0].text, countries={home})[:20]
                 if p.country_code == home and normalize(p.name) == key and p.feature_code != "ADM1"
                 # beside a single other place, only its neighbour
                 and (n >= 2 or distance_km(p.lat, p.lon, others[0].lat, others[0].lon) < _NEAR_KM)]
        local.sort(key=lambda p: p.admin1 not in states)    # stable: the prior's order within
        if local:
            for m in ms:
                m.place = local[0]


def _home_fallback(mentions: list[_Mention]) -> None:
    """Names the gazetteer could not place in the countries the article names: a US local story
    that mentions Iraq once is still about the US, so its unknown names ("Shadyside", "Oakport")
    lie there, not in Iraq. The article's home is the country most of its placed names (states,
    towns, countries, each place once) lie in, two at least and more than any other. A name
    with the text's own country hint is left alone. Such a name is taken as a town of the
    article's states if one has that name, else placed in the state the article names most
    (a state's point is nearer than its country's), else in the home country."""
    g = gazetteer()
    places = list(dict.fromkeys(m.place for m in mentions if m.place is not None and m.precision == "gazetteer"))
    counts = Counter(p.country_code for p in places if p.country_code).most_common(2)
    if not counts or counts[0][1] < 2 or len(counts) > 1 and counts[1][1] == counts[0][1]:
        return
    home = counts[0][0]
    states = Counter((p.country_code, p.admin1) for p in places
                     if p.country_code == home and p.admin1 and p.feature_code != "PCLI")
    for m in mentions:
        if (m.place is not None or m.fixed or m.precision != "country" or m.within is None
                or any(h.feature_code == "PCLI" for h in m.hints)):
            continue
        key = normalize(m.text)
        local = [p for p in g.lookup(m.text, countries={home})[:20]
                 if (p.country_code, p.admin1) in states and normalize(p.name) == key
                 and p.feature_code not in ("ADM1", "PCLI")]
        if local:
            m.place, m.within, m.precision = local[0], None, "gazetteer"
        elif states:
            top = max(states.items(), key=lambda kv: kv[1])[0]    # first of the most named
            region = g.region(*top)
            if region is not None:
                m.within, m.precision = region, "region"
        elif m.within.country_code != home:
            m.within = g.country(home)


def _home_namesakes(mentions: list[_Mention]) -> None:
    """A country's name that is also a state or a town of the article's own country: "Georgia"
    in a story about Atlanta and Macon is the US state, "Lebanon" in a story whose places are
    Tennessee towns is the town there. Taken when the article's other places lie in one
    country (two at least, or one that is the namesake's neighbour or its state), none of them (nor any demonym) lies in or within 1,500 km of the
    named country, and that country has a namesake by its own name there: a first-level
    division, or a town of 1,000 people or more in a state the article names."""
    g = gazetteer()
    placed = [m for m in mentions if m.place is not None and not m.fixed and m.precision == "gazetteer"
              and m.place.feature_code not in ("PCLI", "CONT", "RGN")]
    # distinct places in text order, so that a tie goes to the country named first, not to
    # whichever the hash seed lists first
    by_country = Counter(cc for _gid, cc in dict.fromkeys((m.place.geonames_id, m.place.country_code)
                                                           for m in placed))
    if not by_country:
        return
    home, n = by_country.most_common(1)[0]
    if sum(1 for c in by_country.values() if c == n) > 1:
        return
    admins = {(m.place.country_code, m.place.admin1) for m in placed if m.place.admin1}

    def close(p: Place) -> bool:
        # with one other place only, the namesake must be its neighbour or its state
        if n >= 2:
            return True
        if p.feature_code == "ADM1":
            return (p.country_code, p.admin1) in admins
        return any(distance_km(p.lat, p.lon, m.place.lat, m.place.lon) < _NEAR_KM for m in placed)

    named: dict[str, list[_Mention]] = {}
    for m in mentions:
        if m.place is not None and not m.fixed and m.place.feature_code == "PCLI" and m.place.country_code != home:
            named.setdefault(normalize(m.text), []).append(m)
    for key, ms in named.items():
        c = ms[0].place
        if any(o.place is not None and o.place is not c and normalize(o.text) != key and (
                o.place.country_code == c.country_code
                or distance_km(o.place.lat, o.place.lon, c.lat, c.lon) < _COUNTRY_SUPPORT_KM) for o in mentions):
            continue
        local = [p for p in g.lookup(ms[0].text, countries={home})[:20]
                 if p.country_code == home and normalize(p.name) == key and (
                     p.feature_code == "ADM1" or p.feature_class == "P" and p.population >= 1000
                     and (p.country_code, p.admin1) in admins) and close(p)]
        if local:
            for m in ms:
                m.place = local[0]


def _cohere(mentions: list[_Mention], context: set[str]) -> None:
    """Places named together lie together: a name several places share ("Paris", "Athens",
    "Anderson County") means the one near the article's other places. Each candidate scores one
    point per other name of the article that has a candidate within 150 km of it (or a state
    containing it); the best-supported candidate replaces the prior's choice when it has more
    support. Names the text places itself (", Ga.", "in Syria") keep their reading. Support comes
    from the other names' first eight readings, as many as a name's own: a county ten states
    share must reach the one by the town."""
    g = gazetteer()
    by_name = _open_readings(mentions)
    if len(by_name) < 2:
        return
    cands = {k: [p for p in g.lookup(ms[0].text, countries=context)[:8] if p.feature_code not in ("CONT", "RGN")]
             for k, ms in by_name.items()}

    def near(a: Place, b: Place) -> bool:
        if b.feature_code == "ADM1" or a.feature_code == "ADM1":
            return a.country_code == b.country_code and a.admin1 == b.admin1 and a.admin1 != ""
        return distance_km(a.lat, a.lon, b.lat, b.lon) < _NEAR_KM

    for k, ms in by_name.items():
        cur_place = ms[0].place
        if len(cands[k]) < 2 or any(m.hints for m in ms) or (
                cur_place.feature_code == "ADM1" and normalize(cur_place.name) == k) or (
                cur_place.country_code in context and (cur_place.feature_code == "PPLC"
                                                       or cur_place.population >= 1_000_000)):
            continue    # a world city of a country the article names is not its namesake nearby
        others = [c[:8] for o, c in cands.items() if o != k and c]
        support = [sum(any(near(p, q) for q in oc) for oc in others) for p in cands[k]]
        cur = next((i for i, p in enumerate(cands[k]) if p.geonames_id == ms[0].place.geonames_id), None)
        best = max((i for i, p in enumerate(cands[k]) if p.feature_code != "ADM1" or normalize(p.name) == k),
                   key=lambda i: (support[i], -i), default=0)
        if cur is None or support[best] > support[cur]:
            if cur is None and support[best] == 0:
                continue
            for m in ms:
                m.place = cands[k][best]


def _country_key(cc: str | None) -> str | None:
    c = gazetteer().country(cc) if cc else None
    return c.key if c is not None else None


def _slug(name: str) -> str:
    return normalize(name).replace(" ", "-") or "unknown"
