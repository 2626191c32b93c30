"""Numbers that are not amounts: parts of names, addresses, labels, dates and clock times."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import text_of
from .grammar import _Expr, _yearlike
from .tables import _DURATION_UNITS, _MONTHS, _NAME_ENTS, _tables

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


def _tok_span(doc, start, end):
    return doc.char_span(start, end, alignment_mode="expand")


def _prev_word(doc, tok: Token):
    return doc[tok.i - 1] if tok.i > 0 else None


def _is_name_number(doc, e: _Expr, toks) -> bool:
    """A number that is part of a name, an address or a label rather than an amount."""
    t = _tables()
    first = toks[0]
    text = text_of(doc)
    s = e.first.start
    # "TA-125", "Covid-19", "F-35": glued to a word by a hyphen
    if s >= 2 and text[s - 1] in "-–" and text[s - 2].isalpha():
        word = re.search(r"([A-Za-z]+)$", text[:s - 1]).group(1).lower()
        if word not in ("sub", "minus", "now", "over", "under", "around", "about", "some", "nearly"):
            return True
    if e.explicit_unit:
        return False
    nxt = doc[toks[-1].i + 1] if toks[-1].i + 1 < len(doc) else None
    if (nxt is not None and e.first.kind == "digits" and e.hedge_start is None and e.low is None
            and e.first.magnitude == 1.0  # "4.3M digital sales": the M is the magnitude
            and e.value is not None and e.value.is_integer() and e.value >= 100
            and "," not in e.first.text and nxt.pos_ == "PROPN" and nxt.text[:1].isupper()):
        return True  # "787 Dreamliner", "737 Max jets": model numbers
    if e.first.kind == "words" and nxt is not None and (nxt.like_num and any(ch.isdigit() for ch in nxt.text)):
        return True  # "one 52,000 barrel-a-day refinery": the digits are the amount
    if any(tok.ent_type_ in _NAME_ENTS for tok in toks if tok.like_num or tok.is_digit):
        return True
    prev = _prev_word(doc, first)
    if e.hedge_start is None and prev is not None and not prev.is_sent_start:
        if prev.lower_ in t.name_prefix:
            return True
        if (prev.pos_ == "PROPN" or (prev.text[:1].isupper() and prev.pos_ == "NOUN")) and prev.lower_.rstrip(".") not in _MONTHS:
            return True
    # "575 Wilbraham Road", "16-18 Industrial Avenue"
    j = toks[-1].i + 1
    n = 0
    while j < len(doc) and n < 4 and doc[j].text[:1].isupper():
        if doc[j].lower_ in t.street or doc[j].lower_ in ("zip", "postcode"):
            return True
        j += 1
        n += 1
    if j < len(doc) and n and doc[j].lower_ in t.street:
        return True
    return False


def _is_date_or_time(doc, e: _Expr, toks) -> bool:
    num_toks = [tok for tok in toks if tok.like_num or any(ch.isdigit() for ch in tok.text)]
    if any(tok.ent_type_ == "ORDINAL" for tok in num_toks) and not e.explicit_unit and e.first.kind != "fraction":
        return True
    if any(re.search(r"\d(?:st|nd|rd|th)\b", tok.text) for tok in num_toks):
        return True
    if e.explicit_unit and e.unit not in _DURATION_UNITS:
        return False
    if e.unit in _DURATION_UNITS:
        return False
    # A four-digit integer that can be a year, with no unit: a year ("in 2018", "1990s").
    if _yearlike(e.first) or _yearlike(e.last):
        nxt = doc[toks[-1].i + 1] if toks[-1].i + 1 < len(doc) else None
        # "1500 fighters", "more than 1000 customers"; not "2018 sales", "around 2010"
        plural = nxt is not None and nxt.tag_ == "NNS" and nxt.ent_type_ not in ("DATE", "TIME")
        hedged = e.hedge_start is not None and e.low is None
        return not (plural and (hedged or not 1900 <= e.first.value <= 2100))
    # A far-future year after a preposition of time ("by 2150", "until 2200"): forecasts
    # reach past the years a bare number is taken for anyway.
    prev = _prev_word(doc, toks[0])
    if e.first is e.last and e.first.kind == "digits" and e.first.value is not None \
            and e.first.value.is_integer() and 2100 < e.first.value <= 2300 \
            and "," not in e.first.text and not e.first.currency \
            and prev is not None and prev.lower_ in ("by", "in", "until", "till", "through", "before",
                                                     "after", "since"):
        nxt = doc[toks[-1].i + 1] if toks[-1].i + 1 < len(doc) else None
        if nxt is None or nxt.tag_ != "NNS":     # not "in 2150 cases"
            return True
    # spaCy tags many plain counts DATE; only a day of the month or a year can be one.
    if toks[0].i >= 2 and doc[toks[0].i - 1].lower_ == "of" and doc[toks[0].i - 2].lemma_.lower() == "age":
        return False  # "over the age of 21"
    if any(tok.ent_type_ in ("DATE", "TIME") for tok in num_toks) and all(
            c.value is not None and c.value.is_integer() and (c.value <= 31 or _yearlike(c))
            for c in (e.first, e.last)):
        return True
    prev = _prev_word(doc, toks[0])
    if prev is not None and prev.lower_.rstrip(".") in _MONTHS:
        return True  # "March 29", "Feb. 21"
    nxt = doc[toks[-1].i + 1] if toks[-1].i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_.rstrip(".") in _MONTHS:
        return True  # "29 March"
    return False
