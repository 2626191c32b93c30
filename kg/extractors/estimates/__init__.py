"""Estimates: the numeric claims of an article ("between 15,000 and 20,000 fighters").

:func:`estimates` finds quantity expressions in a parsed ``Doc`` and returns
:class:`kg.facts.Estimate` facts: the value (or ``min``/``max`` for a range or a bound), the
hedge (``qualifier``), a normalised unit and what is counted (``about``).

The rule families live in sibling modules: ``tables`` (data/units.json compiled), ``grammar``
(growing a number into an expression), ``filters`` (numbers that are names, dates or times),
``counted`` (the counted noun and its unit), ``change`` (rises, falls, hedges), ``about`` (what an
amount is about and whose), ``ages`` (ages, durations that say when) and ``sentence`` (passes over
all estimates of a text); this module runs them per candidate.

How it works, in one pass over the text and then per candidate:

1. :func:`kg.extractors.numbers.scan` finds every numeric core (digits, number words, "a few
   hundred", "hundreds of", currencies and magnitudes) with one compiled regex.
2. Each core is grown into an expression: a second core joined by "to"/"and"/"-" makes a
   range, a unit from ``data/units.json`` (longest surface first) may follow, a hedge ("up to",
   "more than", "about") may precede.
3. The parse filters what is not a quantity: spaCy's DATE/TIME/ORDINAL entities (durations such
   as "three years" survive), years, clock times, phone numbers, street addresses and numbers
   that are part of a name ("iPhone 11", "Covid-19", "S&P 500").
4. The parse then supplies what the text around the number says: the counted noun when there is
   no unit ("20,000 fighters": unit ``person``; "50 mosques": unit ``mosque``, the count noun
   being its own unit as in NewsQuant), a rise or fall ("rose 5%"), an average ("averaged 7
   rebounds": ``approximately``), an age ("Jensen, 54,": unit ``year of age``), and ``about``.

``about`` names what the amount is of, with the entity it belongs to:

- a count: the counted noun phrase with its owner, found in the parse as the possessor, the
  clause subject ("Acme has 4,000 workers" -> "Acme workers"; "The striker scored 31 goals" ->
  "striker goals"), the noun a relative clause describes ("Acme, which has ...") or an "of"
  complement ("twelve episodes of the drama" -> "episodes of drama"). With no owner, a bare
  count whose noun is already its unit has no ``about`` ("Two mosques were damaged": unit
  ``mosque`` says it all; likewise "people"); a person-noun keeps it ("20,000 fighters" ->
  ``fighters``, since the unit is only ``person``), and so does a noun reduced to a known unit
  ("120 rushing yards": unit ``yard``, about ``rushing yards``). Existential "there are" and
  verbs of saying or thinking ("officials think there are ...") never lend an owner.
- a measure (%, money, km, ...): "X% of <noun>", "$X <noun>", "<noun> of $X", the subject of the
  governing verb, the owner as above, the noun right after it ("a 40% nitric acid solution"),
  else the nearest noun before it in the clause; never a unit word, a number or a frame noun
  ("total", "amount"). A conversion in brackets ("2 degrees Celsius (3.6 Fahrenheit)") shares
  the about and the rise or fall of the amount it converts; the level a change reached ("down
  41p at 900p") shares the change's about.
- light coreference and lists: he/she name the PERSON mentioned last (this sentence or the one
  before); an it/they subject of a reported or adverbial clause stops the search ("Acme says it
  will cost $40,000" is about nothing named); a verbless list item ("A fell 2%, B by 3%") is
  about the noun opening its own conjunct and shares the direction of the item before; items
  under a short list heading ("Assets including: ...") are about the heading's noun too.

``about_span`` is the span of the counted noun phrase (for a count) or of the noun phrase
``about`` names (for a measure); when an owner outside the phrase is prefixed ("Acme workers"),
the span still covers only the counted phrase ("workers"), so it is always one contiguous
phrase of the text, and ``about`` may be longer than the text it points at.

Units: ``percent``, ``dollar``, ``euro``, ``pound sterling``, ``square kilometre``, ``year``, …;
for counts of things the singular counted noun (person-like nouns become ``person``); ``""``
when nothing is counted. Money values are in the currency's units ("$2 billion" -> 2e9).

Vague amounts: "a few hundred" is ``approximately`` with ``min`` 200 and ``max`` 900 ("a few"
read as 2..9 times the magnitude, "several" as 3..9); plural magnitudes name an order of
magnitude, so "hundreds of" is a ``range`` [100, 1000] and "tens of thousands" [1e4, 1e5].

>>> from kg import nlp
>>> doc = next(nlp.parse(["Officials said up to 20,000 fighters remain and food prices rose 10%."]))
>>> [(e.span, e.qualifier, e.value, e.max, e.unit, e.about) for e in estimates(doc)]
[(Span(start=15, end=27), 'atMost', None, 20000.0, 'person', 'fighters'), (Span(start=65, end=68), 'increase', 10.0, None, 'percent', 'food prices')]
"""
from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from .. import text_of
from ...facts import Estimate, Span
from ..numbers import scan
from ..scanning import finditer_at
from .about import _PEOPLE, _about, _with_owner
from .ages import _age_of, _is_age, _time_adverbial
from .change import _BOUND_QUALS, _averaged, _change, _elided_change, _rebound
from .counted import _count_unit, _counted, _has_of, _noun_text
from .filters import _is_date_or_time, _is_name_number, _tok_span
from .grammar import _Expr, _bounds, _grow, _indefinite_units, _per_unit
from .sentence import (_from_to_ranges, _ordered, _parallel_unit, _partitive_units, _suspended,
                       _with_heading)
from .tables import _AGE_UNITS, _DURATION_UNITS, _tables

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["estimates"]


def estimates(doc: Doc) -> list[Estimate]:
    """The quantity expressions of ``doc`` as Estimates, ids "e1", "e2", … in text order.

    >>> from kg import nlp
    >>> doc = next(nlp.parse(["They hold less than a square kilometre after spending $2 billion."]))
    >>> [(e.qualifier, e.value, e.max, e.unit) for e in estimates(doc)]
    [('lessThan', None, 1.0, 'square kilometre'), ('exact', 2000000000.0, None, 'dollar')]
    """
    t = _tables()
    text = text_of(doc)
    masked = [m.span() for m in finditer_at(t.mask_re, t.mask_start, text)]
    # The mask takes slashed numbers for dates; the scanner's fractions ("1/16 of", "1⁄32")
    # are the forms a date cannot take.
    cores = [c for c in scan(text) if c.kind == "fraction"
             or not any(a <= c.start < b or a < c.end <= b for a, b in masked)]
    cores += _indefinite_units(text, cores)
    cores.sort(key=lambda c: c.start)
    out: list[Estimate] = []
    i = 0
    while i < len(cores):
        e, i = _grow(text, cores, i)
        est = _finish(doc, e)
        if est is not None:
            gap = text[out[-1].span.end:est.span.start] if out else ""
            if out and est.qualifier == "exact" and est.value is not None and out[-1].qualifier in _BOUND_QUALS and re.fullmatch(
                    r"\s*[(/,]\s*", gap):
                # "just under 296 hp (224 kW)": a conversion in brackets shares the hedge
                est = dataclasses.replace(est, qualifier=out[-1].qualifier,
                                          **_rebound(out[-1].qualifier, est.value))
            if (out and est.qualifier == "exact" and out[-1].qualifier in ("increase", "decrease")
                    and _elided_change(doc, out[-1].span.end, est.span.start)):
                est = dataclasses.replace(est, qualifier=out[-1].qualifier)  # "A fell 2%, B by 3%"
            if (out and out[-1].qualifier in ("increase", "decrease") and out[-1].about
                    and re.fullmatch(r"\s*(?:[A-Za-z]\s+)?(?:at|to)\s*", gap)):
                # "B, down 41p at 900p": the level a change reached is about the same thing
                est = dataclasses.replace(est, about=out[-1].about, about_span=out[-1].about_span)
            if out and re.fullmatch(r"\s*[(/]\s*", gap) and est.unit != out[-1].unit:
                # "2 degrees Celsius (3.6 Fahrenheit)": a conversion is about the
                # same thing and the same change as the amount it converts
                if out[-1].qualifier in ("increase", "decrease") and est.qualifier in ("exact", "range"):
                    est = dataclasses.replace(est, qualifier=out[-1].qualifier)
                if out[-1].about:
                    est = dataclasses.replace(est, about=out[-1].about, about_span=out[-1].about_span)
            if not est.unit:
                est = _parallel_unit(doc, est, out)
            out.append(est)
    out = _from_to_ranges(text, _partitive_units(text, _suspended(text, cores, out)))
    out = [_with_heading(doc, x) for x in out]
    return [_ordered(dataclasses.replace(x, id=f"e{k}")) for k, x in enumerate(out, 1)]


def _finish(doc, e: _Expr) -> Estimate | None:
    """Filter a grown expression with the parse and fill unit, qualifier and about."""
    text = text_of(doc)
    if e.first.kind == "indef" and not e.explicit_unit:
        return None
    toks = _tok_span(doc, e.first.start, e.last.num_end or e.last.end)
    if toks is None or len(toks) == 0:
        return None
    if _is_date_or_time(doc, e, toks) or _is_name_number(doc, e, toks):
        return None
    all_toks = _tok_span(doc, e.hedge_start if e.hedge_start is not None else e.start, e.end)
    if e.sep == "-" and not e.explicit_unit and e.low is not None and (
            (e.high <= e.low and e.low <= 20) or e.high == e.low):
        return None  # "won 2-0", "tied at 89-89": a score
    if (e.first.kind == "words" and e.unit in _DURATION_UNITS and text[e.first.end:e.first.end + 1] == "-"
            and all_toks.end < len(doc) and not doc[all_toks.end].is_punct
            and doc[all_toks.end].pos_ in ("NOUN", "PROPN", "ADJ", "SYM")):
        return None  # "a five-year plan", "a two-month contract": a kind of plan, not an amount
    # Tentative glued magnitudes: "5m people" is five million, "37m" is metres.
    end = e.end
    counted = None
    about = None
    if not e.explicit_unit and _is_age(doc, e, toks):
        e.unit = "year of age"
    if not e.explicit_unit and not e.unit:
        m = re.match(r"\s+on\s+the\s+([^\s]+)\s+scale\b", text[e.end:e.end + 40])
        if m and m.group(1).lower() in _tables().unit_of:  # "between 50 and 70 on the GPa scale"
            e.unit, e.explicit_unit = _tables().unit_of[m.group(1).lower()], True
    if e.first.kind == "fraction" and not e.unit:
        # "1/16 of a pint", "half of a mile": a part of one unit is an amount in that unit
        # (unlike "half of the $30bn", a share of a given whole).
        unit_of = _tables().unit_of
        m = re.match(r"\s+of\s+an?\s+", text[e.end:e.end + 40])
        for w in re.finditer(r"[A-Za-z]+", text[e.end:e.end + 40][:m.end() + 25] if m else ""):
            if w.start() < m.end():
                continue
            if w.group().lower() in unit_of:        # "1/16 of a US pint"
                e.unit, e.explicit_unit = unit_of[w.group().lower()], True
                break
    if not e.explicit_unit and not e.unit and e.first.kind != "fraction":  # "half of them": a share
        tail = text[e.last.end:e.last.end + 1]
        # the number with a magnitude written after it ("4.3M digital sales")
        ntoks = _tok_span(doc, e.first.start, e.last.end) or toks
        counted = _counted(doc, e, ntoks)
        if counted is None and e.first.kind == "words" and e.first.value == 1:
            return None  # "one" as a pronoun
        if counted is None and e.first.kind == "words" and not _has_of(doc, toks):
            return None  # "the two of them", "one another"
        if counted is not None:
            about = _noun_text(doc, counted, ntoks[-1].i)
            e.unit = _count_unit(doc, counted, ntoks[-1].i, all_toks.start)
            m = _tables().per_re.match(text, counted.idx + len(counted.text))
            if m and " per " not in e.unit:
                e.unit = _per_unit(e.unit, m)  # "3,000 tests per day"
            about, owned = _with_owner(doc, about, counted, toks[0].i, counted.i)
            if e.first.kind == "words" and e.first.value == 1 and _has_of(doc, toks):
                about, owned = None, False  # "one of the best speakers": a unit, nobody's
            if not owned and (counted.lower_ in _PEOPLE or (
                    e.unit != "person" and counted.lower_ not in _tables().unit_of)):
                about = None  # "two mosques", "900 people": the unit already says it all
        del tail
    value, lo, hi = _bounds(e)
    qualifier = e.qualifier
    # a hedge outranks the verb, "between" as much as "about": "expected to increase between
    # 5% and 6%" is a range estimate
    between = e.low is not None and e.hedge_start is not None
    if e.first.kind != "indef" and qualifier in ("exact", "range") and not between:
        ch_toks = all_toks if counted is None else doc[all_toks.start:counted.i + 1]
        ch = _change(doc, e, ch_toks)
        if ch:
            qualifier = ch
        elif qualifier == "exact" and _averaged(toks):
            qualifier = "approximately"  # "he averaged 7 rebounds"
    if e.unit in _DURATION_UNITS and _time_adverbial(doc, all_toks):
        about = None  # "every 33 years", "two years later": when, not an amount of anything
    elif e.first.kind == "fraction" and e.explicit_unit:
        about = None  # "1/16 of a pint": a size in a unit, which says what it measures
    elif about is None and (e.explicit_unit or (counted is None and not e.unit)) and e.unit not in _AGE_UNITS:
        # a bare number ("jumped from 240 to 273") is about what a measure would be about
        about = _about(doc, e, all_toks)
    elif e.unit in _AGE_UNITS:
        about = _age_of(doc, toks, e.explicit_unit)
        if about is None and not e.explicit_unit:
            about = _about(doc, e, all_toks)  # "life expectancy is around 73"
    if value is not None and e.first.start > 0 and re.search(r"\bminus[\s-]*$", text[max(0, e.first.start - 8):e.first.start], re.I):
        value = -value
    start = e.hedge_start if e.hedge_start is not None else e.start
    # spans are the whole expression; trim stray spaces from unit gaps
    span_text = text[start:end]
    end = start + len(span_text.rstrip())
    return Estimate(id="", span=Span(start, end), qualifier=qualifier, value=value, min=lo, max=hi,
                    unit=e.unit, about=about[0] if about else None,
                    about_span=about[1] if about else None)
