"""What the text says around a name about where it is: ", La.", "in eastern Syria", "near the
Iraqi border"."""
from __future__ import annotations

import re

from ...geo import Place, REGION_WORDS, US_STATE_ABBREVIATIONS, gazetteer, normalize
from .. import text_of
from .mention import _Mention


# Compass words before a country or region ("eastern Syria", "north-east Syria").
_COMPASS = r"(?:(?:north|south|east|west|central|northern|southern|eastern|western)[\w-]*\s+)?"
_IN_PLACE = re.compile(r"^\s+(?:in|inside|of)\s+(?:the\s+)?" + _COMPASS + r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})")
_NEAR_BORDER = re.compile(r"\b(?:near|close to|along|on)\s+the\s+([A-Z][a-z]+)(?:\s+and\s+([A-Z][a-z]+))?\s+borders?\b")
# Text right after a name that names its state, province or country: ", La.", ", Deir Al Zor
# province, Syria". Up to two comma-separated parts are read.
_WORD = r"(?:[A-Z][\w'’.-]*|(?:al|el|ez|az|ar|as|ad|an|at|ash)(?:-[\w'’.-]+)?|of)"
_AFTER = re.compile(r"^,\s*(" + _WORD + r"(?:\s+" + _WORD + r"){0,4})")


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
