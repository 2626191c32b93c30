"""Locations: the places an article mentions, merged per place and geocoded offline.

Recognition takes the model's GPE, LOC and FAC entities, trims a leading "the" and a possessive
"'s", drops demonyms ("Syrian", "Iraqis": those are Country actors, handled elsewhere), and adds
country and region names the model missed. Resolution uses :mod:`kg.geo`:

1. Countries are resolved first; they become the article's context.
2. Every other name is ranked among same-named places (see :meth:`kg.geo.Gazetteer.lookup`):
   a state or country written right after it ("Alexandria, La.", "Homs, Syria") wins outright,
   then candidates in the article's countries, then the country > region > big-city prior.
3. A place the gazetteer lacks (or only knows as a village abroad) is still a Location, placed
   where the text says it is: the province ("…, Deir Al Zor province"), the country
   ("…, Syria", "… in eastern Syria"), else the article's most-mentioned country — with
   ``precision`` "region" or "country" to say the point is not its own.

>>> from kg.nlp import parse
>>> doc = next(parse(["Fighting went on in Mosul, and in the village of Qaryat Zalzal, "
...                   "Anbar province, near the Syrian border."]))
>>> [(l.name, l.feature, l.precision, l.country) for l in locations(doc)]
... # doctest: +NORMALIZE_WHITESPACE
[('Mosul', 'city', 'gazetteer', 'geonames:99237'),
 ('Qaryat Zalzal', 'place', 'region', 'geonames:99237'),
 ('Al Anbār', 'region', 'gazetteer', 'geonames:99237')]
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..facts import Location, Span
from ..geo import REGION_WORDS, US_STATE_ABBREVIATIONS, Place, gazetteer, normalize

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


def _place_mentions(doc) -> list[_Mention]:
    """The model's place entities, trimmed; demonyms dropped."""
    g = gazetteer()
    out = []
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
        # "Syrian", "Iraqi": an adjective, not a place (unless it is also a place name, "Jordan")
        if g.demonym(text) and g.country_named(text) is None and text not in g:
            continue
        out.append(_Mention(Span(start, start + len(text)), text, ent.label_))
    return out


def _missed_countries(doc, taken: list[_Mention]) -> list[_Mention]:
    """Country and well-known region names the model tagged as something else or not at all."""
    g = gazetteer()
    out = []
    used = [m.span for m in taken]
    for tok in doc:
        if not tok.text[:1].isupper() or tok.ent_type_ in PLACE_LABELS:
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
        before = doc.text[max(0, sp.start - 30):sp.start]
        after = doc.text[sp.end:sp.end + 40]
        if _STRONG_BEFORE.search(before) or (_BEFORE_PLACE.search(before) and _AFTER_PLACE.match(after)):
            text = _LEADING.sub("", ent.text)
            start = ent.end_char - len(text)
            out.append(_Mention(Span(start, ent.end_char), text, "GPE"))
            used.append(sp)
    return out


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
    for a in pattern.finditer(doc.text):
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
    text = doc.text[m.span.end:m.span.end + 80]
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
    regions = g.lookup(phrase, regions_only=True)
    if regions:
        best = regions[0]
        # a first-level division by its bare name ("Texas"), a lower one only when called one
        if best.feature_code == "ADM1" or (words and words[-1] in REGION_WORDS):
            return best
    return None


def _in_hint(doc, m: _Mention) -> Place | None:
    """"X in Syria", "X in eastern Syria", "X in Anbar province"."""
    a = _IN_PLACE.match(doc.text[m.span.end:m.span.end + 80])
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
    text = doc.text[m.span.end:m.span.end + 80].split(".")[0]
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
    mentions = _place_mentions(doc)
    mentions += _missed_countries(doc, mentions)
    mentions += _cued(doc, mentions)
    mentions += _propagate(doc, mentions)
    mentions.sort(key=lambda m: m.span)

    # 1. countries first: they are the context everything else is read in
    country_count: Counter[str] = Counter()
    for m in mentions:
        c = g.country_named(m.text)
        if c is not None:
            m.place, m.precision = c, "gazetteer"
            country_count[c.country_code] += 1
    context = set(country_count)

    # 2. the rest, helped by what the text says around each name; twice, so that the states
    # and countries of the places resolved in the first pass ("Gainesville, Ga.") inform the
    # second ("Gainesville" alone, later)
    for m in mentions:
        if m.place is None:
            key = normalize(m.text)
            if key in US_STATE_ABBREVIATIONS and "." in m.text:
                m.place, m.precision = g.region("US", US_STATE_ABBREVIATIONS[key]), "gazetteer"
            elif m.place is None:
                m.hints = _after_hints(doc, m)
                inside = _in_hint(doc, m)
                if inside is not None:
                    m.hints.append(inside)
    for final in (False, True):
        admin_context = Counter((m.place.country_code, m.place.admin1) for m in mentions
                                if m.place is not None and m.place.admin1 and m.precision == "gazetteer")
        for m in mentions:
            if m.place is not None and (m.precision != "gazetteer" or not final or m.hints or
                                        g.country_named(m.text) is not None or "." in m.text):
                continue
            _resolve(m, context, country_count, admin_context, doc, final)
    # 3. merge by place
    groups: dict[str, list[_Mention]] = {}
    for m in mentions:
        if m.place is not None:
            key = m.place.key if m.place.geonames_id else "place:" + _slug(m.place.name)
        else:
            cc = m.within.country_code.lower() if m.within is not None and m.within.country_code else ""
            key = "place:" + (cc + ":" if cc else "") + _slug(m.text)
        groups.setdefault(key, []).append(m)

    out = []
    for key, ms in groups.items():
        m = ms[0]
        spans = tuple(sorted({x.span for x in ms}))
        if m.place is not None:
            p = m.place
            cc = p.country_code or None
            out.append(Location(key=key, name=p.name, mentions=spans, feature=p.feature, lat=p.lat,
                                lon=p.lon, geonames_id=p.geonames_id or None, country_code=cc,
                                country=_country_key(cc), precision="gazetteer"))
        else:
            w = m.within
            cc = w.country_code if w is not None and w.country_code else None
            feature = "region" if normalize(m.text).split()[-1] in REGION_WORDS else "place"
            out.append(Location(key=key, name=m.text, mentions=spans, feature=feature,
                                lat=w.lat if w else None, lon=w.lon if w else None, geonames_id=None,
                                country_code=cc, country=_country_key(cc),
                                precision=m.precision if w else None))
    out.sort(key=lambda loc: loc.mentions[0])
    return out


def _resolve(m: _Mention, context: set[str], country_count: Counter, admin_context: Counter,
             doc, final: bool) -> None:
    g = gazetteer()
    hints = m.hints
    admin1 = next(((h.country_code, h.admin1) for h in hints if h.feature_code == "ADM1"), None)
    hint_countries = {h.country_code for h in hints if h.country_code}
    if admin1 is None and admin_context and final:
        # the article's own state/province: the most mentioned one among this name's candidates
        names = {(p.country_code, p.admin1) for p in g.lookup(m.text)[:20] if p.feature_class == "P"}
        local = [(n, a) for a, n in admin_context.items() if a in names]
        if local:
            admin1 = max(local)[1]
    cands = g.lookup(m.text, countries=hint_countries or context, admin1=admin1)
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


def _country_key(cc: str | None) -> str | None:
    c = gazetteer().country(cc) if cc else None
    return c.key if c is not None else None


def _slug(name: str) -> str:
    return normalize(name).replace(" ", "-") or "unknown"
