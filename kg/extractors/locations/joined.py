"""Mentions cut short of a longer gazetteer name: "Baja" and "California" are one place, as are
"Trinidad and Tobago", "U.S. Virgin Islands", "Benue State" and "Republic of Armenia"."""
from __future__ import annotations

import re

from ...facts import Span
from ...geo import gazetteer, normalize
from .. import text_of
from .lexicon import _GENERIC, _HEADS
from .mention import _Mention


# A capitalised word after a name, with "and" or "of" before it when the name goes on
# ("Trinidad and Tobago", "Isle of Man").
_NEXT_WORD = re.compile(r" (?:(?:and|of) )?[A-Z][\w'’.-]*[\w]")


# The words of a state's formal name before its short name.
_STATE_BEFORE = re.compile(r"(?:Republic|Kingdom|Principality|Sultanate|Grand Duchy|Commonwealth) of (?:the )?$")


def _joined(doc, mentions: list[_Mention]) -> list[_Mention]:
    """Each mention extended over up to three following capitalised words when together they
    are a name the gazetteer knows, unless an office's name goes on after it; the mentions the
    longer name swallows go."""
    g = gazetteer()
    text = text_of(doc)
    longer: dict[int, _Mention] = {}
    for k, m in enumerate(mentions):
        if m.fixed or m.label == "NORP" or normalize(m.text) in _GENERIC:
            continue    # "CENTRAL DIVISION" heading a results table: a compass word is no name
        ends, pos = [], m.span.end
        for _ in range(3):
            a = _NEXT_WORD.match(text, pos)
            if a is None:
                break
            pos = a.end()
            ends.append(pos)
        b = _STATE_BEFORE.search(text, max(0, m.span.start - 40), m.span.start)
        if b is not None and text[b.start():m.span.end] in g:
            # "the Republic of Armenia": the state's formal name
            longer[k] = _Mention(Span(b.start(), m.span.end), text[b.start():m.span.end], m.label)
            continue
        for end in reversed(ends):
            name = text[m.span.start:end]
            nxt = _NEXT_WORD.match(text, end)
            nxt = nxt.group(0).split()[-1] if nxt else ""
            if nxt and (name.endswith(" City") or nxt.lower() in _HEADS):
                continue    # "Dublin City Council", "Seoul Central District Court": an office's name
            if name in g:
                longer[k] = _Mention(Span(m.span.start, end), name, m.label)
                break
    if not longer:
        return mentions
    out = []
    for k, m in enumerate(mentions):
        if k in longer:
            out.append(longer[k])
        elif not any(m.span.overlaps(x.span) and x.span != m.span for x in longer.values()):
            out.append(m)
    return out
