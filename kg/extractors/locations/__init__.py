"""Locations: the places an article mentions, merged per place and geocoded offline.

Recognition takes the model's GPE, LOC and FAC entities, trims a leading "the", a possessive
"'s", a compass word the gazetteer does not join to the name ("North Texas" -> Texas) and an
office or party branch after it ("Dublin City Council" -> Dublin), a word before a country
the gazetteer does not join to it ("Local Ireland" -> Ireland), splits two countries that lost
their comma ("Greece Italy"), and adds what the model missed: country and
region names, capitalised datelines ("BEIRUT (AP) —"), gazetteer names alone, mislabelled or
inside an organisation's name ("the Athens Police Department", "the Lakeview Board of
Education", "Bank of Canada": see :func:`_scan` for the guards against people), whole names the
model called a person or an organisation that the words around use as a place ("a Laconia
man", "in Winchester, Va.", "the al-Hol camp", "fled Aleppo": :func:`_retyped`), streets and numbered roads,
and demonyms. Not places: teams of a results table (one sense per article), known groups
("Hamas"), unknown names that speak ("…,” Petrova said"), common words alone ("Centre"). A demonym or adjectival toponym ("Syrian troops", "the Palestinians") refers to
its country and is kept as the Location's ``adjectival`` evidence, apart from its ``mentions``
(the place's names): geoparsing gold standards (LGL, GeoWebNews) count demonyms as toponyms,
NER standards (CoNLL, OntoNotes) as nationalities, and a graph user can ask for either.
Cultural uses ("Italian food") and surnames ("Ms French said") are neither.

The rule families live in sibling modules: ``lexicon`` (cue words), ``mention`` (a name found),
``placeness`` (how likely a name is a place), ``demonyms``, ``recognition`` (model entities,
gazetteer scan, datelines), ``retyping`` (names the model mistyped, names that are no places),
``roads`` (streets, numbered roads, cut names), ``joined`` (halves of a longer gazetteer name:
"Baja" "California", "Trinidad and Tobago"), ``context`` (what the text says about where a
name is) and ``resolution`` (geocoding and coherence); this module runs them in order.

Resolution uses :mod:`kg.geo`:

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

from collections import Counter

from ...facts import Location
from ...geo import REGION_WORDS, US_STATE_ABBREVIATIONS, gazetteer, normalize
from .lexicon import _GENERIC
from .mention import _Mention
from .demonyms import _demonyms
from .recognition import (
    _cued, _datelines, _missed_countries, _place_mentions, _propagate, _saint_datelines, _scan)
from .joined import _joined
from .context import _after_hints, _in_hint
from .retyping import _not_acronyms, _not_codes, _not_people, _not_teams, _retyped, _unplaced_words
from .roads import _extended, _streets
from .resolution import _cohere, _country_key, _home_country, _home_fallback, _home_namesakes, _resolve, _slug

__all__ = ["locations"]


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
    mentions = _joined(doc, [_extended(doc, m) for m in _not_teams(doc, mentions)])
    mentions = _not_codes(_not_acronyms(doc, _not_people(doc, mentions)))
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
