"""Streets and numbered roads, and mentions cut short of their name ("Highway 200", "W.Va.",
"Belle Plaine")."""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from ...facts import Span
from ...geo import US_STATE_ABBREVIATIONS, normalize
from .. import text_of
from ..doccache import capitalised, ents, tokens, words as doc_words
from .lexicon import PLACE_LABELS, _HEADS, _STREET_SUFFIX
from .mention import _Mention
from .placeness import _town_name


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
_STREET_PREFIX = frozenset({"n.", "s.", "e.", "w.", "north", "south", "east", "west", "old", "new"})


def _streets(doc, taken: list[_Mention]) -> list[_Mention]:
    """Streets: capitalised words and a street word ("Danielsville Road", "E. Broad St.",
    "14th Street"), which geoparsing golds count as places. Not the first word of a longer
    name ("Main Street Bank"), nor inside an organisation's or person's longer name."""
    used = [m.span for m in taken]
    out = []
    toks, words = tokens(doc), doc_words(doc)
    for k in capitalised(doc):      # a street word is capitalised ("Road", "St.")
        tok = toks[k]
        if words[k].lower() not in _STREET_SUFFIX or k == 0:
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
        inside = [e for e in ents(doc) if e.start < span.end and span.start < e.end]
        if any(e.start < span.start or e.end > span.end for e in inside):
            continue    # part of a longer name
        out.append(_Mention(sp, span.text, "FAC"))
        used.append(sp)
    return out
