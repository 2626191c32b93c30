"""Dates: DATE entities resolved to ISO strings against the article's publication date.

Absolute dates resolve on their own ("March 18, 2019" → 2019-03-18, "In 2018" → 2018);
relative ones ("on Friday", "yesterday", "last year") need the publication date and stay
unresolved without it.

>>> import datetime as dt
>>> resolve("on Friday", dt.date(2019, 3, 23))   # a Saturday
'2019-03-22'
>>> resolve("In 2018"), resolve("March 18, 2019"), resolve("last month", dt.date(2019, 1, 10))
('2018', '2019-03-18', '2018-12')
"""
from __future__ import annotations

import datetime as dt
import re

from ..facts import Span
from .doccache import ents

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})  # look-ups use the first three letters
_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MON = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"


def resolve(text: str, published: dt.date | None = None) -> str | None:
    """Resolve a date expression to ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; None if it cannot."""
    t = text.lower().strip()
    if m := re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", t):
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    if m := re.search(rf"\b{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", t):
        return _iso(int(m[3]), _MONTHS[m[1][:3]], int(m[2]))
    if m := re.search(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}\s+(\d{{4}})\b", t):
        return _iso(int(m[3]), _MONTHS[m[2][:3]], int(m[1]))
    if m := re.search(rf"\b{_MON}\s+(?:of\s+)?(\d{{4}})\b", t):
        return f"{int(m[2]):04d}-{_MONTHS[m[1][:3]]:02d}"
    if re.fullmatch(r"(?:in\s+|during\s+|since\s+|by\s+)?(?:the\s+year\s+)?(1[89]\d\d|20\d\d)", t):
        return t[-4:]
    if published is None:
        return None
    p = published
    if re.search(r"\b(today|tonight|this morning|this afternoon|this evening)\b", t):
        return p.isoformat()
    if "yesterday" in t or "last night" in t:
        return (p - dt.timedelta(days=1)).isoformat()
    if "tomorrow" in t:
        return (p + dt.timedelta(days=1)).isoformat()
    if m := re.search(r"\b(" + "|".join(_DAYS) + r")\b", t):
        back = (p.weekday() - _DAYS.index(m[1])) % 7
        if "next" in t:
            return (p + dt.timedelta(days=(7 - back) % 7 or 7)).isoformat()
        if "last" in t and back == 0:
            back = 7
        return (p - dt.timedelta(days=back)).isoformat()
    if re.search(r"\blast year\b", t):
        return str(p.year - 1)
    if re.search(r"\b(this year|so far this year)\b", t):
        return str(p.year)
    if re.search(r"\bnext year\b", t):
        return str(p.year + 1)
    if re.search(r"\blast month\b", t):
        y, mth = (p.year, p.month - 1) if p.month > 1 else (p.year - 1, 12)
        return f"{y:04d}-{mth:02d}"
    if re.search(r"\bthis month\b", t):
        return f"{p.year:04d}-{p.month:02d}"
    if m := re.fullmatch(rf"(?:in\s+|on\s+|last\s+|this\s+)?{_MON}", t):
        month = _MONTHS[m[1][:3]]
        year = p.year if month <= p.month else p.year - 1   # news reports on the past
        return f"{year:04d}-{month:02d}"
    if m := re.search(rf"\b{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b", t):
        month = _MONTHS[m[1][:3]]
        year = p.year if (month, int(m[2])) <= (p.month, p.day) else p.year - 1
        return _iso(year, month, int(m[2]))
    return None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def dates(doc, published: dt.date | None = None) -> list[tuple[Span, str]]:
    """Every DATE entity of ``doc`` that resolves, as ``(span, iso)`` in text order."""
    out = []
    for ent in ents(doc):
        if ent.label_ == "DATE" and (iso := resolve(ent.text, published)):
            out.append((Span(ent.start_char, ent.end_char), iso))
    return out
