"""Passes over the estimates of a text: units carried over from a parallel frame or a
measured whole, "from ... to" ranges split by a time, bounds low to high."""
from __future__ import annotations

import dataclasses
import re

from .. import text_of
from ..doccache import words as doc_words
from ...facts import Estimate, Span
from .tables import _tables


_FROM = re.compile(r"\bfrom\s*$", re.IGNORECASE)


_TO = re.compile(r"(?:[^;:.!?\n]|(?<=\d)\.(?=\d)){0,45}?\bto\s*", re.IGNORECASE)


def _from_to_ranges(text: str, found: list[Estimate]) -> list[Estimate]:
    """ "from $36,040 at 10pm to $34,935 at 5am", "from 20 mpg in 2008 to 29 mpg": the two ends
    of a "from ... to" split by a time or a place are one range, as when they are adjacent."""
    out: list[Estimate] = []
    for est in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.value is not None and est.value is not None
                and prev.qualifier == "exact" and est.qualifier == "exact"
                and est.unit in (prev.unit, prev.unit.split(" per ")[0], "") and prev.span.end < est.span.start
                and _FROM.search(text[max(0, prev.span.start - 12):prev.span.start])
                and _TO.fullmatch(text[prev.span.end:est.span.start])):
            lo, hi = sorted((prev.value, est.value))
            out[-1] = dataclasses.replace(prev, span=Span(prev.span.start, est.span.end), value=None,
                                          min=lo, max=hi, qualifier="range")
            continue
        out.append(est)
    return out


# "four-, five- and six-cylinder": a number whose hyphen waits for the compound's last word.
_SUSPENDED = re.compile(r"-\s*(?:,\s*|\s+(?:and|or)\s+)")


def _suspended(text: str, cores, found: list[Estimate]) -> list[Estimate]:
    """Numbers of a suspended compound ("two- and three-bedroom flats") share the unit and
    the subject of the compound that completes them."""
    out = sorted(found, key=lambda e: e.span.start)
    for c in cores:
        if c.value is None or not _SUSPENDED.match(text, c.end):
            continue
        last = next((e for e in out if c.end < e.span.start <= c.end + 40
                     and text[e.span.end:e.span.end + 1] == "-"
                     and not _SUSPENDED.match(text, e.span.end)), None)
        if last is None or not last.unit or last.qualifier != "exact":
            continue
        part = dataclasses.replace(last, span=Span(c.start, c.end), value=c.value)
        k = next((k for k, e in enumerate(out) if e.span.start <= c.start < e.span.end), None)
        if k is None:
            out.append(part)
        elif out[k].span == part.span and out[k].value == c.value:
            out[k] = part                # the parse gave it the wrong noun ("two ... flats")
    return sorted(out, key=lambda e: e.span.start)


def _partitive_units(text: str, found: list[Estimate]) -> list[Estimate]:
    """ "280 million of the 1.5 billion shekels": a bare part of a measured whole is in its unit."""
    measures = set(_tables().unit_of.values())
    out = list(found)
    for k in range(len(out) - 1):
        part, whole = out[k], out[k + 1]
        size = max(abs(x) for x in (part.value, part.min, part.max) if x is not None)
        if (not part.unit and size > 1 and (whole.unit in measures or " per " in whole.unit)
                and re.fullmatch(r"\s+of\s+(?:the|its|their|his|her)?\s*", text[part.span.end:whole.span.start])):
            out[k] = dataclasses.replace(part, unit=whole.unit)
    return out


_LEAD = re.compile(r"\b(by|to|at|from)\s*(?:about\s+|around\s+|nearly\s+)?$", re.IGNORECASE)


def _parallel_unit(doc, est: Estimate, earlier: list[Estimate]) -> Estimate:
    """A bare number in the same frame as an earlier measure of the sentence takes its unit:
    "rose by 2 percent but B fell by 1", "from 20 mpg in 2008 to 29 mpg, and to 24"."""
    t = _tables()
    text = text_of(doc)
    m = _LEAD.search(text[max(0, est.span.start - 20):est.span.start])
    if not m:
        return est
    sent = doc.char_span(est.span.start, est.span.end, alignment_mode="expand")
    if sent is None:
        return est
    lead = m.group(1).lower()
    measures = set(t.unit_of.values())
    for prev in reversed(earlier):
        if prev.span.start < sent.sent.start_char:
            break
        pm = _LEAD.search(text[max(0, prev.span.start - 20):prev.span.start])
        if prev.unit and (prev.unit in measures or " per " in prev.unit) and pm and pm.group(1).lower() == lead:
            return dataclasses.replace(est, unit=prev.unit)
    return est


def _ordered(e: Estimate) -> Estimate:
    """Bounds low to high: "fell from 1.8% to 0.8%" spans 0.8 to 1.8 (the fall is the qualifier's
    business, and a range written high to low is the same range)."""
    if e.min is not None and e.max is not None and e.min > e.max:
        return dataclasses.replace(e, min=e.max, max=e.min)
    return e


def _list_heading(doc, start: int) -> str | None:
    """The heading of a list the amount at character ``start`` is an item of: a short verbless
    noun phrase ending in a colon at the start of its sentence ("Top sellers: A ($5m), B ($3m)",
    "Assets including: ..."). Its head noun names what every item is."""
    tok = doc.char_span(start, start + 1, alignment_mode="expand")
    if tok is None:
        return None
    k = tok.start - 1
    colon = None
    words = doc_words(doc)
    while k >= 0 and words[k] not in (".", "!", "?") and "\n" not in words[k]:
        if words[k] == ":":
            colon = k
        k -= 1
    if colon is None:
        return None
    head = doc[k + 1:colon]
    if (not 1 <= len(head) <= 4 or head[0].pos_ == "ADP"
            or any(t.like_num or t.tag_ in ("VBZ", "VBD", "VBP", "MD") for t in head)):
        return None
    nouns = [t for t in head if t.pos_ in ("NOUN", "PROPN") and t.is_alpha]
    return nouns[-1].text if nouns else None


def _with_heading(doc, est: Estimate) -> Estimate:
    """``est`` about its list heading too: "Assets: a villa, worth $2m" is about the asset."""
    if not est.about:
        return est
    heading = _list_heading(doc, est.span.start)
    if heading is None or heading.lower() in est.about.lower():
        return est
    return dataclasses.replace(est, about=f"{heading} {est.about}")
