"""Estimates: the numeric claims of an article ("between 15,000 and 20,000 fighters").

:func:`estimates` finds quantity expressions in a parsed ``Doc`` and returns
:class:`kg.facts.Estimate` facts: the value (or ``min``/``max`` for a range or a bound), the
hedge (``qualifier``), a normalised unit and what is counted (``about``).

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
  the about and the rise or fall of the amount it converts.

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
import functools
import json
import re
from dataclasses import dataclass
from importlib.resources import files
from typing import TYPE_CHECKING

from . import text_of
from ..facts import Estimate, Span
from .numbers import Core, scan

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

__all__ = ["estimates"]

_NAME_ENTS = {"ORG", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "FAC", "PERSON", "GPE", "LOC",
              "NORP", "LANGUAGE"}
_DURATION_UNITS = {"year", "month", "week", "day", "hour", "minute", "second", "decade",
                   "century", "year of age", "month of age"}
_MONTHS = ("jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june "
           "july august september october november december").split()
# Prepositions that introduce a level, not an amount of change: "rose to 5%", "from $3".
_LEVEL_PREPS = {"to", "from", "at", "of", "in", "with", "for", "on", "than", "between", "around"}


@dataclass(frozen=True, slots=True)
class _Tables:
    unit_re: re.Pattern
    unit_of: dict
    glued_only: frozenset
    per_re: re.Pattern
    hedge_re: re.Pattern
    hedge_of: dict
    suffix_re: re.Pattern
    suffix_of: dict
    currency_of: dict
    currency_suffix: dict
    up: frozenset
    down: frozenset
    person: frozenset
    street: frozenset
    name_prefix: frozenset
    mask_re: re.Pattern
    case_sensitive: dict
    spaced_upper: frozenset


def _by_lower(exact: dict) -> dict:
    """{"nm": {"Nm": "newton metre", "nm": "nanometre"}}: case-sensitive surfaces by lower case."""
    out: dict = {}
    for surface, unit in exact.items():
        out.setdefault(surface.lower(), {})[surface] = unit
    return out


def _alternation(surfaces) -> str:
    return "|".join(re.escape(s) for s in sorted(set(surfaces), key=len, reverse=True))


@functools.cache
def _tables() -> _Tables:
    """Load ``data/units.json`` once and compile its lists into a few regexes."""
    data = json.loads((files("kg") / "data" / "units.json").read_text(encoding="utf-8"))
    unit_of = {s.lower(): canon for canon, ss in data["units"].items() for s in ss}
    for canon in data["units"]:
        unit_of.setdefault(canon, canon)
    # The unit may be glued ("10kW"), spaced ("311 sq km") or hyphenated ("6.1-inch").
    unit_re = re.compile(rf"(?P<gap>\s?-?\s?)(?P<unit>{_alternation(unit_of)})(?![A-Za-z0-9²])",
                         re.IGNORECASE)
    per_targets = list(data["per_nouns"]) + [s for s in unit_of if len(s) > 2]
    # "a year earlier" and "a year ago" date an amount, they do not divide it
    per_re = re.compile(rf"\s*(?:(?:per|a|an|each)\s+|/\s*)(?P<per>{_alternation(per_targets)})(?![A-Za-z])"
                        r"(?!\s+(?:earlier|ago|before|later|after)\b)", re.IGNORECASE)
    hedge_of = {h.lower(): q for q, hs in data["hedges"].items() for h in hs}
    hedge_of["between"] = "range"
    # Anchored at the end of the text just before the number; "sub-7" has a hyphen.
    hedge_re = re.compile(rf"(?:^|(?<=[^\w]))(?P<h>{_alternation(hedge_of)})[\s-]*$", re.IGNORECASE)
    suffix_of = {h.lower(): q for q, hs in data["hedge_suffix"].items() for h in hs}
    suffix_re = re.compile(rf"\s?(?P<s>{_alternation(suffix_of)})(?![\w])", re.IGNORECASE)
    # Clock times, phone numbers, dates with slashes, fractions, version numbers: never amounts.
    mask_re = re.compile(r"""
        \b\d{1,2}[:.]\d{2}\s?(?:[ap]\.?m\.?)(?![a-z])
      | \b\d{1,2}:\d{2}(?::\d{2})?\b
      | \b\d{1,2}\s?(?:[ap]\.m\.|[ap]m)(?![a-z])
      | (?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)\s?|\b\d{3}[.-])\d{3,4}[\s.-]\d{3,4}\b
      | \b\d{3,5}\s\d{3,4}\s\d{3,4}\b
      | (?<![\d,.])\b0\d+\b
      | \b\d+(?:\s?[/⁄]\s?\d+)+\b
      | \b\d+(?:\.\d+){2,}\b
    """, re.VERBOSE | re.IGNORECASE)
    return _Tables(unit_re, unit_of, frozenset(data["glued_only"]), per_re, hedge_re, hedge_of,
                   suffix_re, suffix_of, data["currency_prefix"], data["currency_suffix"],
                   frozenset(data["increase_words"]), frozenset(data["decrease_words"]),
                   frozenset(data["person_nouns"]), frozenset(data["street_words"]),
                   frozenset(data["name_prefixes"]), mask_re,
                   _by_lower(data.get("case_sensitive", {})),
                   frozenset(data.get("spaced_upper", ())))


def _currency_unit(cur: str | None) -> str | None:
    if not cur:
        return None
    t = _tables()
    key = re.sub(r"\s+", " ", cur.strip())
    return t.currency_of.get(key) or t.currency_of.get(key.replace(" ", "")) or "dollar"


@dataclass(slots=True)
class _Expr:
    start: int
    end: int
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str = "exact"
    unit: str = ""
    explicit_unit: bool = False
    first: Core | None = None
    last: Core | None = None
    hedge_start: int | None = None
    sep: str = ""


def _match_unit(text: str, pos: int, *, plural: bool = False):
    """The unit written at ``pos`` (after a number): (canonical, end) or None."""
    t = _tables()
    start = pos
    if plural:  # "hundreds of miles", "millions of dollars"
        m = re.compile(r"\s+of\s+(?:the\s+)?").match(text, pos)
        if not m:
            return None
        pos = m.end()
    m = t.unit_re.match(text, pos)
    if not m:
        return None
    surface = m.group("unit").lower()
    gap = m.group("gap")
    canonical = t.unit_of[surface]
    if surface in t.case_sensitive:
        canonical = t.case_sensitive[surface].get(m.group("unit"))
        if canonical is None:
            return None  # "0.5 WAR" is a statistic, "two war veterans" is not
    if (surface in t.glued_only and (gap.strip(" ") == "" and gap != "" and not plural)
            and not (m.group("unit") in t.spaced_upper and not re.match(r"[-'’]|\.\w", text[m.end():m.end() + 2]))):
        return None  # "5 m" or "3 s": too ambiguous with a space ("5 W." is watts)
    if surface in t.glued_only and plural:
        return None
    if surface in ("in.",) and gap:
        return None
    return canonical, m.end(), start


def _grow(text: str, cores: list[Core], i: int) -> tuple[_Expr, int]:
    """Grow core ``i`` into an expression; return it and the index of the next unused core."""
    t = _tables()
    c1 = cores[i]
    e = _Expr(c1.start, c1.end, first=c1, last=c1)
    cur = _currency_unit(c1.currency)
    nxt = i + 1
    lo = hi = None
    v1 = c1.value
    unit1 = (_match_unit(text, c1.end, plural=c1.kind == "plural")
             if c1.kind not in ("vague", "fraction") else None)
    if c1.kind == "vague":
        unit1 = _match_unit(text, c1.end, plural=True) or _match_unit(text, c1.end)
    if (unit1 and unit1[0] == "metre" and c1.kind == "digits" and not c1.currency
            and text[c1.end:c1.end + 1] == "m" and _GLUED_MILLION.match(text, c1.end + 1)):
        # "5m people", "3m of them": millions; "37m (121ft)", "100m sprint": metres
        c1 = dataclasses.replace(c1, end=c1.end + 1, value=c1.value * 1e6, magnitude=1e6)
        e.first = e.last = c1
        e.end = c1.end
        v1 = c1.value
        unit1 = None
    pos = unit1[1] if unit1 else c1.end
    # A range: "15,000 to 20,000", "15,000-20,000", "between 5% and 6%", "3 or 4 years".
    if nxt < len(cores) and c1.kind in ("digits", "words") and v1 is not None:
        c2 = cores[nxt]
        gap = text[pos:c2.start]
        m = re.fullmatch(r"\s*(-|–|—|to|and|or|through)\s*", gap, re.IGNORECASE)
        if m and c2.value is not None and c2.kind in ("digits", "words"):
            sep = m.group(1).lower()
            before = text[max(0, c1.start - 40):c1.start]
            hm = t.hedge_re.search(before)
            ok = True
            if sep == "and" and not (hm and hm.group("h").lower() == "between"):
                ok = False
            if sep == "or" and (c2.value <= v1 or unit1):
                ok = False
            if (sep == "to" and re.search(r"\b(?:by|up|down)\s*$", before, re.IGNORECASE)
                    and (c1.currency or unit1 or c1.magnitude > 1)):
                ok = False  # "increased by $43bn to $419bn": a change and a level
            if _yearlike(c1) != _yearlike(c2):
                ok = False  # "in 2008 to 29 mpg"
            from_ = re.search(r"\bfrom\s*$", before, re.IGNORECASE)
            unit2 = _match_unit(text, c2.end)
            if unit1 and (unit2[0] != unit1[0] if unit2 else not from_):
                ok = False  # "rose 8% to 3.65": the second number is not in %; "from 208 pounds to 193" is
            if c2.currency and not c1.currency and unit1 is None and sep != "-":
                ok = ok and bool(re.search(r"\b(?:between|from)\s*$", before, re.IGNORECASE))
            if ok:
                a, b = c1.value, c2.value
                if (c1.magnitude == 1.0 and c2.magnitude > 1.0 and c1.kind == "digits"
                        and c1.value <= c2.value / c2.magnitude and "," not in c1.text):
                    a *= c2.magnitude  # "$89 to $93 billion", but not "$200 to $4 million"
                if c1.currency and not c2.currency and c2.kind == "digits":
                    pass  # "$5 to 7": the currency carries over through `cur`
                cur = cur or _currency_unit(c2.currency)
                lo, hi = a, b
                e.last, e.end, e.sep = c2, c2.end, sep
                nxt += 1
                unit1 = unit2 or unit1
                pos = unit2[1] if unit2 else c2.end
    # The unit: written after the number, or a currency written before it.
    if unit1:
        e.unit, e.explicit_unit, e.end = unit1[0], True, unit1[1]
    elif e.last.kind == "digits" and e.last.end < len(text) and text[e.last.end] in t.currency_suffix:
        e.unit, e.explicit_unit, e.end = t.currency_suffix[text[e.last.end]], True, e.last.end + 1
        if text[e.last.end] == "p" and (e.last.end + 1 < len(text) and text[e.last.end + 1].isalpha()):
            e.unit, e.explicit_unit, e.end = "", False, e.last.end
    if cur:
        if not e.unit or e.unit in ("dollar",) or e.unit == cur:
            e.unit, e.explicit_unit = cur, True
        m = re.compile(r"\s(?:US|U\.S\.)(?![\w])").match(text, e.end)  # "$76 US a barrel"
        if m:
            e.end = m.end()
    if e.unit == "pound-mass" and max(abs(x or 0) for x in (v1, lo, hi)) >= 1e6:
        e.unit = "pound sterling"  # nobody weighs in millions of pounds
    if e.explicit_unit:
        m = t.per_re.match(text, e.end)
        aside = _ASIDE.match(text, e.end)
        if m and e.unit not in ("percent",) and " per " not in e.unit:
            e.unit = _per_unit(e.unit, m)
            e.end = m.end()
        elif aside and e.unit not in ("percent",) and " per " not in e.unit:
            m = t.per_re.match(text, aside.end())  # "9 billion shekels ($2.4 billion) a year"
            if m:
                e.unit = _per_unit(e.unit, m)
    # Values.
    if lo is not None:
        e.low, e.high, e.qualifier = lo, hi, "range"
    elif c1.kind in ("vague",):
        e.low, e.high, e.qualifier = c1.low, c1.high, "approximately"
    elif c1.kind == "plural":
        e.low, e.high, e.qualifier = c1.low, c1.high, "range"
    else:
        e.value = v1
    # Hedges before the number ("up to", "more than", "between") and after it ("or more"),
    # also before a sign ("about minus 387").
    before = text[max(0, e.start - 40):e.start]
    sign = re.search(r"\bminus[\s-]*$", before, re.IGNORECASE)
    if sign:
        before = before[:sign.start()]
    hm = t.hedge_re.search(before)
    if hm and sign:
        before += " " * (sign.end() - sign.start())  # keep the offsets below in step
    if hm:
        q = t.hedge_of[hm.group("h").lower()]
        if q == "range":
            if lo is not None:
                e.hedge_start = e.start - (len(before) - hm.start("h"))
        elif (lo is None or q == "approximately") and c1.kind in ("digits", "words", "indef", "fraction"):
            e.qualifier = q
            e.hedge_start = e.start - (len(before) - hm.start("h"))
        elif c1.kind == "vague" and q != "approximately":
            e.qualifier = q
            e.hedge_start = e.start - (len(before) - hm.start("h"))
    sm = t.suffix_re.match(text, e.end)
    if sm and lo is None and e.value is not None and e.qualifier == "exact":
        e.qualifier = t.suffix_of[sm.group("s").lower()]
        e.end = sm.end()
    return e, nxt


_ASIDE = re.compile(r"\s*\([^()]{1,40}\)")


def _per_unit(unit: str, m: re.Match) -> str:
    t = _tables()
    per = m.group("per").lower()
    return f"{unit} per {t.unit_of.get(per, per if not per.endswith('s') else per[:-1])}"


def _yearlike(c: Core) -> bool:
    return (c.kind == "digits" and c.value is not None and c.value.is_integer() and c.magnitude == 1.0
            and 1000 <= c.value <= 2100 and "," not in c.text and not c.currency)


def _bounds(e: _Expr) -> tuple[float | None, float | None, float | None]:
    """(value, min, max) as the Estimate carries them, from the qualifier."""
    if e.low is not None:
        return None, e.low, e.high
    if e.qualifier in ("lessThan", "atMost"):
        return None, None, e.value
    if e.qualifier in ("moreThan", "atLeast"):
        return None, e.value, None
    return e.value, None, None


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


def _phrase(doc, head: Token, lo_limit: int) -> tuple[int, int]:
    """Token range [i, j] of ``head`` with its contiguous left modifiers after ``lo_limit``."""
    i = head.i
    for child in reversed(list(head.lefts)):
        if child.i <= lo_limit:
            break
        if child.dep_ in ("amod", "compound", "nmod", "npadvmod", "poss", "nummod") or (
                child.dep_ == "punct" and child.text == "-"):
            left = child.left_edge.i
            if left <= lo_limit or any(doc[k].dep_ in ("cc", "punct") and doc[k].text not in "-"
                                       for k in range(left, i)):
                break
            i = left
        else:
            break
    # a name written right before the phrase belongs to it even when the parse hangs it
    # elsewhere ("between 5,000 and 7,000 IS fighters")
    while i - 1 > lo_limit and _is_name(doc[i - 1]) and not doc[i - 1].is_sent_start:
        i -= 1
    for k in range(head.i - 1, i - 1, -1):  # never reach back into the number itself
        if ((doc[k].like_num and doc[k].tag_ != "JJ") or doc[k].pos_ == "NUM"  # "first-team" stays
                or doc[k].lower_ in ("to", "and", "between")):
            i = k + 1
            break
    while i < head.i and doc[i].pos_ in ("DET", "PUNCT", "ADP", "PART", "CCONJ"):
        i += 1
    return i, head.i


def _is_name(tok: Token) -> bool:
    """A word of a name ("IS", "Tesla"): part of what is counted, never of its unit. The tagger
    reads some all-capital names as verbs ("IS")."""
    return ((tok.pos_ == "PROPN" or (tok.text.isupper() and len(tok.text) > 1 and tok.pos_ != "NUM"))
            and tok.ent_type_ in ("ORG", "NORP", "GPE", "PERSON", "PRODUCT", "FAC", "LOC", "")
            and tok.is_alpha)


def _counted(doc, e: _Expr, toks) -> Token | None:
    """The noun a bare number counts: "20,000 armed fighters" -> fighters."""
    last = toks[-1]
    cands = [tok for tok in toks if tok.like_num or tok.pos_ == "NUM"] or [last]
    h = None
    for num in reversed(cands):
        head = num.head
        hops = 0
        while head.pos_ == "NUM" and head.i != head.head.i and hops < 3:  # "15,000 and 20,000"
            head = head.head
            hops += 1
        if head.dep_ == "compound" and _is_name(head) and head.head.pos_ == "NOUN" and 0 < head.head.i - head.i <= 2:
            head = head.head  # "7,000 IS fighters" parsed with the name as the head
        if head.i > last.i and head.pos_ in ("NOUN", "PROPN") and num.dep_ in (
                "nummod", "quantmod", "compound", "amod", "nmod", "conj", "appos", "npadvmod"):
            if head.i - last.i <= 5:
                h = head
                break
    if h is None and last.i + 1 < len(doc):
        nxt = doc[last.i + 1]
        if nxt.lower_ == "of" and e.first.kind in ("plural", "vague", "words", "digits"):
            # "hundreds of people", "one of the best speakers"
            objs = [c for c in nxt.children if c.dep_ == "pobj" and c.pos_ == "NOUN" and c.tag_ == "NNS"
                    and c.i - last.i < 8]
            if objs and e.first.kind in ("plural", "vague"):
                return objs[0]  # past whatever the tagger made of the modifiers ("COVID -19 tests")
            j = last.i + 2
            while j < len(doc) and doc[j].pos_ in ("DET", "ADJ", "ADV", "PROPN", "NOUN", "CCONJ", "PUNCT") and j - last.i < 7:
                if doc[j].pos_ in ("NOUN", "PROPN") and (j + 1 >= len(doc) or doc[j + 1].pos_ not in ("NOUN", "PROPN")
                                                        or doc[j + 1].dep_ not in ("compound",)) and doc[j].tag_ in ("NNS", "NNPS"):
                    return doc[j]
                if doc[j].pos_ == "PUNCT" and doc[j].text != "-":
                    break
                j += 1
            return None
        j = last.i + 1
        # The parser sometimes attaches a count to the wrong head; a plural noun right after it
        # (past adjectives) is still what it counts.
        while j < len(doc) and j - last.i <= 3 and doc[j].pos_ in ("ADJ", "NOUN", "PROPN", "VERB") and doc[j].tag_ not in ("VBZ", "VBD", "VBP", "MD"):
            if doc[j].tag_ in ("NNS", "NNPS") and doc[j].pos_ == "NOUN":
                return doc[j]
            if doc[j].pos_ == "NOUN" and doc[j].dep_ != "compound":
                return doc[j] if doc[j].tag_ == "NN" and e.first.value == 1 else None
            j += 1
    if h is not None and h.ent_type_ in ("DATE", "TIME") and not (_unit_word(h) and h.tag_ == "NNS"):
        return None
    return h


_OWNER_ENTS = {"ORG", "NORP", "GPE", "PERSON"}


def _unit_word(tok: Token) -> bool:
    """A counted noun that is itself a unit ("120 rushing yards", "50 previous years")."""
    t = _tables()
    return len(tok.lower_) > 2 and tok.lower_ in t.unit_of and tok.lower_ not in t.glued_only


def _noun_text(doc, head: Token, lo_limit: int) -> tuple[str, Span]:
    i, j = _phrase(doc, head, lo_limit)
    # a hyphenated name the tokenizer split ("Ben-Moshe") stays whole
    while (j + 2 < len(doc) and doc[j + 1].text in ("-", "–") and not doc[j].whitespace_
           and not doc[j + 1].whitespace_ and doc[j + 2].is_alpha and doc[j].pos_ == "PROPN"):
        j += 2
    span = doc[i:j + 1]
    return span.text, Span(span.start_char, span.end_char)


# Adjectives before a number that size or frame the amount rather than describe what is counted.
_AMOUNT_ADJS = {"whopping", "mere", "other", "remaining", "additional", "extra", "estimated", "next",
                "last", "first", "further", "only", "total", "full", "entire", "staggering", "massive",
                "paltry", "measly", "cool", "impressive", "incredible", "modest", "reported", "approximate",
                "final", "past", "previous", "same", "combined", "collective", "respective", "initial"}


def _count_unit(doc, head: Token, lo_limit: int, start: int | None = None) -> str:
    """The unit of a count: the counted noun with its modifiers, singular ("top three seeds" ->
    "top seed": a describing word before the number still describes what is counted)."""
    t = _tables()
    i, j = _phrase(doc, head, lo_limit)
    pre = doc[start - 1] if start else None
    if (pre is not None and pre.head.i == head.i and pre.dep_ in ("amod", "nmod", "compound")
            and pre.pos_ in ("ADJ", "NOUN") and pre.tag_ in ("JJ", "NN") and pre.lower_ not in _AMOUNT_ADJS
            and pre.is_alpha):
        rest = _count_unit(doc, head, lo_limit)
        return rest if rest == "person" or _unit_word(head) else f"{pre.lower_} {rest}"
    # the name of an owner says whose, not what: "7,000 IS fighters" counts fighters (a product
    # or event name stays: "four FA Cup finals")
    # a degree of comparison is normalised like a plural ("best speakers" -> "good speaker")
    words = [tok.lemma_.lower() if tok.tag_ in ("JJS", "JJR") else tok.lower_ for tok in doc[i:j]
             if not (_is_name(tok) and (tok.ent_type_ in _OWNER_ENTS or tok.pos_ != "PROPN"))
             and not (tok.lower_ in ("most", "more") and tok.dep_ == "advmod")]
    words += [head.lemma_.lower() if head.tag_ in ("NNS", "NNPS") else head.lower_]
    while words and words[0] == "-":
        words.pop(0)
    if _unit_word(head):
        return t.unit_of[head.lower_]  # "120 rushing yards": the unit, not the kind of yard
    if head.lower_ in t.person or head.lemma_.lower() in t.person or " ".join(words) in t.person:
        return "person"
    return " ".join(words).replace(" - ", "-")


# Verbs whose particle "up"/"down" is a direction of movement, not part of an idiom ("give up").
_MOTION_VERBS = {"trend", "go", "move", "tick", "edge", "inch", "creep", "shoot", "head", "be", "come",
                 "close", "end", "finish", "open", "trade", "jump", "climb", "rise", "fall", "drop",
                 "slip", "slide", "mark", "revise", "push", "drive", "pull", "bump", "ratchet", "step",
                 "scale", "notch", "nudge", "knock", "shake"}


def _root(toks):
    """The token of an expression whose head lies outside it."""
    for tok in toks:
        if tok.head.i < toks[0].i or tok.head.i > toks[-1].i or tok.head.i == tok.i:
            return tok
    return toks[-1]


def _change(doc, e: _Expr, toks) -> str | None:
    """'increase' or 'decrease' when the number is the size of a change ("rose 5%", "up 3")."""
    t = _tables()
    text = text_of(doc)
    start = e.hedge_start if e.hedge_start is not None else e.start
    before = text[max(0, start - 25):start].lower()
    if text[e.first.start:e.first.start + 1] == "+" or text[max(0, start - 1):start] == "+":
        return "increase"
    m = re.search(r"(?:^|\W)(up|down)\s*(?:by\s*)?$", before)
    if m:
        tok = doc.char_span(start - len(before) + m.start(1), start - len(before) + m.end(1))
        # "gave up 517 yards" is not a rise, "trending up 0.2%" is
        if tok is not None and (tok[0].dep_ != "prt" or tok[0].head.lemma_.lower() in _MOTION_VERBS):
            return "increase" if m.group(1) == "up" else "decrease"
    if re.search(r"(?:^|\W)(?:to|from|at)\s*$", before):
        return None  # "rose to 5%", "from $3bn": a level, not the size of the change
    # The verb whose object (or "by" phrase) the amount is; "rose to 5%" names a level instead.
    root = _root(toks)
    head = root.head
    if head.i == root.i:
        return None
    by_phrase = head.lower_ == "by" and root.dep_ == "pobj"
    if by_phrase:
        root, head = head, head.head
    elif root.dep_ not in ("dobj", "npadvmod", "advmod", "attr", "oprd", "dep", "appos", "nummod",
                           "quantmod", "acomp", "ccomp", "conj", "nsubj"):
        return None
    if (root.dep_ in ("nsubj", "nsubjpass") and root.pos_ == "NOUN" and not root.like_num
            and root.lower_ not in t.unit_of):
        return None  # "three soldiers fell": the counted things moved, the number did not
    if root.dep_ in ("conj", "appos") and head.pos_ not in ("VERB", "ADV"):
        return None
    if head.pos_ not in ("VERB", "AUX", "ADV", "ADJ") and not (by_phrase and head.pos_ == "NOUN"):
        return None  # a noun only with "by": "a decrease by 1%", "B decrease by 1" read as a noun
    lemma, low = head.lemma_.lower(), head.lower_
    if lemma in t.up or low in t.up:
        return "increase"
    if lemma in t.down or low in t.down:
        return "decrease"
    if by_phrase:  # "revised upward by 40", "A were down 2%, B by 3%": the verb's direction word
        for c in head.children:
            if c.dep_ in ("advmod", "prt") and c.i < root.i:
                if c.lower_ in ("up", "upward", "upwards", "higher"):
                    return "increase"
                if c.lower_ in ("down", "downward", "downwards", "lower"):
                    return "decrease"
    return None


def _about_heads(doc, e: _Expr, toks):
    """Candidate heads (with the left limit of their phrase) of what a measured quantity is about:
    "X% of <noun>", "$X <noun>", "<noun> of $X", the subject of the governing verb, in that order."""
    lo = toks[-1].i
    after = _past_brackets(doc, lo + 1)  # "8 miles (13 km) of new tunnels"
    nxt = doc[after] if after < len(doc) else None
    # "24 per cent of adults"
    if nxt is not None and nxt.lower_ == "of":
        objs = [c for c in nxt.children if c.dep_ == "pobj"]
        if objs and objs[0].pos_ in ("NOUN", "PROPN"):
            yield objs[0], nxt.i
    # "$150,000 contract", "6kW electric motor": the quantity modifies a noun after it
    for tok in reversed(toks):
        h = tok.head
        if h.i > lo and h.i - lo <= 6 and h.pos_ in ("NOUN", "PROPN") and tok.dep_ in (
                "nummod", "compound", "amod", "nmod", "quantmod", "npadvmod") and (
                h.i - lo <= 4 or all(h.left_edge.i <= k for k in range(lo + 1, h.i))):
            yield h, lo
    if after > lo + 1 and nxt is not None and nxt.pos_ in ("NOUN", "PROPN"):
        yield nxt, after - 1  # "a 1.8 billion-mile (2.8bn km) journey"
    # "a fine of $3bn", "a speed of 15 mph", "a total of"
    root = toks[-1]
    for tok in toks:
        if tok.head.i < toks[0].i or tok.head.i > toks[-1].i:
            root = tok
            break
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ in ("NOUN", "PROPN"):
        n = root.head.head
        if n.lower_ not in ("total", "average", "sum", "amount", "equivalent", "maximum", "minimum"):
            yield n, -1 if n.i < toks[0].i else lo
    # the subject of the governing verb: "Revenue rose to $7bn", "Tesla jumped 8%"; through
    # "by" phrases the object ("boost the range by 35 miles"); through relative clauses the noun
    # they describe ("Ford, which has 13,000 workers").
    node = root
    via_by = root.dep_ == "pobj" and root.head.lower_ == "by"
    for _ in range(7):
        if node.head.i == node.i:
            break
        child, node = node, node.head
        if node.pos_ in ("VERB", "AUX"):
            if via_by:  # only the verb the "by" phrase hangs on
                objs = [c for c in node.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")]
                if objs:
                    yield objs[0], -1
                via_by = False
            subj = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj and subj[0].pos_ in ("NOUN", "PROPN") and subj[0].i not in range(toks[0].i, toks[-1].i + 1):
                yield subj[0], -1
            # "Ford, which has 13,000 workers"; "products priced at $10"
            if node.dep_ in ("relcl", "acl") and node.head.pos_ in ("NOUN", "PROPN") and not subj:
                yield node.head, -1
            if node.dep_ == "relcl" and node.head.pos_ in ("NOUN", "PROPN"):
                yield node.head, -1
            if node.dep_ in ("conj", "advcl", "xcomp", "ccomp", "pcomp", "acl"):
                continue
            return
        if node.pos_ in ("NOUN", "PROPN") and child.dep_ in ("appos", "prep", "pobj", "npadvmod") \
                and node.i < toks[0].i:
            yield node, -1
    return None


def _past_brackets(doc, k: int) -> int:
    """The token after a bracketed aside starting at ``k`` ("(13 km)"), else ``k``."""
    if k < len(doc) and doc[k].text == "(":
        for j in range(k + 1, min(k + 9, len(doc))):
            if doc[j].text == ")":
                return j + 1
    return k


def _about(doc, e: _Expr, toks) -> tuple[str, Span] | None:
    """What a measured quantity is about: the first usable candidate of :func:`_about_heads`,
    else its owner (:func:`_owner`), else the nearest noun before it in the clause."""
    for head, lo_limit in _about_heads(doc, e, toks):
        if _usable(head):
            return _noun_text(doc, head, lo_limit)
    own = _owner(doc, _root(toks), toks.start, toks.end - 1)
    if own is not None:
        return _noun_text(doc, own, -1 if own.i < toks.start else toks.end - 1)
    near = _next_noun(doc, toks)
    if near is not None:
        return _noun_text(doc, near, toks.end - 1)
    near = _nearest_noun(doc, toks)
    if near is not None:
        return _noun_text(doc, near, -1)
    return None


def _next_noun(doc, toks) -> Token | None:
    """A noun right after the amount, past modifiers only: "a 40% nitric acid solution"."""
    for k in range(toks.end, min(toks.end + 5, len(doc))):
        tok = doc[k]
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("compound", "amod", "nmod"):
            return tok if _usable(tok) else None
        if tok.pos_ not in ("ADJ", "NOUN", "PROPN", "VERB", "ADV") or tok.tag_ in ("VBZ", "VBD", "VBP", "MD"):
            return None
    return None


def _nearest_noun(doc, toks) -> Token | None:
    """The closest usable noun phrase head before ``toks`` in its sentence, not across a clause
    break (";", ":", a dash)."""
    sent_start = toks[0].sent.start
    for k in range(toks.start - 1, sent_start - 1, -1):
        tok = doc[k]
        if tok.text in (";", ":", "--", "—"):
            return None
        if _usable(tok):
            head = tok
            while head.dep_ in ("compound", "amod") and head.head.i > head.i and head.head.i < toks.start:
                head = head.head
            return head if _usable(head) else tok
    return None


# Nouns that only frame an amount ("a total of", "the rest of"): never its owner.
_FRAME_NOUNS = {"total", "sum", "amount", "equivalent", "maximum", "minimum", "number", "rest",
                "majority", "lot", "one", "each", "all", "some", "most", "many", "none", "tune",
                "order", "worth", "average", "handful", "couple", "dozen", "dozens", "hundreds",
                "thousands", "millions", "billions", "tens", "scores"}
_PEOPLE = {"people", "persons", "person", "individuals", "individual"}
_CLIMB_DEPS = {"xcomp", "conj", "advcl", "ccomp", "pcomp", "acl", "prep", "pobj", "dobj", "npadvmod",
               "advmod", "acomp", "attr", "oprd", "appos", "dative", "nummod", "quantmod", "amod",
               "compound", "dep", "agent", "prt"}


def _usable(tok: Token) -> bool:
    """A noun that can name what an amount is about: not a pronoun, a number or a unit word."""
    t = _tables()
    # the tagger reads some all-capital names as adjectives ("ACME has opened ...")
    noun = tok.pos_ in ("NOUN", "PROPN") or (tok.pos_ == "ADJ" and tok.dep_ in ("nsubj", "nsubjpass")
                                             and tok.text[:1].isupper())
    # digits only in a name glued to letters ("TA-125", "F-35"), never in a bare number
    digits = any(ch.isdigit() for ch in tok.text) and not (
        tok.pos_ == "PROPN" and re.fullmatch(r"[A-Za-z]{2,}-\d+", tok.text))
    return (noun and not tok.like_num and not digits
            and not _measure_word(tok)
            and tok.lower_ not in _FRAME_NOUNS and tok.ent_type_ not in ("DATE", "TIME", "MONEY",
                                                                         "PERCENT", "QUANTITY", "CARDINAL"))


def _measure_word(tok: Token) -> bool:
    """A unit word that measures here: a symbol ("mph", "km"), or a unit with a number
    ("30 miles"). A spelt-out unit that is itself the topic ("Horsepower jumped") is not."""
    t = _tables()
    if tok.lower_ not in t.unit_of and tok.lemma_.lower() not in t.unit_of:
        return False
    if len(tok.text) <= 3 or tok.lower_ in t.glued_only or not tok.is_alpha:
        return True
    if any(c.like_num or c.pos_ == "NUM" for c in tok.children):
        return True
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and (prev.like_num or prev.pos_ == "NUM"):
        return True
    if tok.tag_ == "NN" and any(c.dep_ == "compound" and c.i == tok.i - 1 and c.pos_ in ("NOUN", "VERB")
                                and c.is_alpha and c.lower_ not in t.unit_of for c in tok.children):
        return False  # "melting point", "price point": a noun of its own
    return not (tok.dep_ in ("nsubj", "nsubjpass") and tok.tag_ == "NN")


def _owner(doc, node: Token, lo: int, hi: int) -> Token | None:
    """The entity an amount belongs to: the possessor of ``node``, the noun an "of" phrase
    hangs on ("a poll of 900 voters"), the subject of the clause ("Acme has 40 stores",
    "Acme plans to cut 650 jobs") or the noun a relative clause describes ("Acme, which has
    40 stores"). Tokens ``lo..hi`` (the amount and its counted noun) are never it.
    """
    for c in node.children:
        if c.dep_ == "poss" and _usable(c):
            return c
    cur = node
    for _ in range(8):
        h = cur.head
        if h.i == cur.i:
            return None
        dep = cur.dep_
        if h.pos_ in ("VERB", "AUX"):
            subj = [c for c in h.children if c.dep_ in ("nsubj", "nsubjpass") and not lo <= c.i <= hi]
            if subj and _usable(subj[0]):
                return subj[0]
            if subj and subj[0].pos_ != "PRON":
                return None
            if (subj and subj[0].lower_ in ("it", "they") and h.dep_ == "ccomp"
                    and h.head.pos_ == "VERB"):
                # "Acme said it would close 40 stores": the pronoun is the speaker
                said = [c for c in h.head.children if c.dep_ == "nsubj" and _usable(c)]
                if said:
                    return said[0]
            if h.dep_ == "relcl" and _usable(h.head):
                return h.head
            if dep in ("nsubj", "nsubjpass") and not subj:
                return None  # the amount is the subject: "Two mosques were damaged"
            if any(c.dep_ == "expl" for c in h.children):
                return None  # "there are 50 fighters": nobody's
            # not through "ccomp": in "Officials think there are 50 fighters" the officials
            # own the thinking, not the fighters
            if h.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acl", "relcl"):
                cur = h
                continue
            return None
        if (h.pos_ in ("NOUN", "PROPN") and dep == "prep" and not lo <= h.i <= hi
                # "shootings at two mosques": the noun a place hangs on does not own it
                and cur.lower_ not in ("at", "in", "on", "near", "across", "inside", "outside")):
            if _usable(h):
                return h  # "a poll of 900 voters", "a team with 11 players"
        if h.pos_ in ("NOUN", "PROPN") and dep == "relcl" and _usable(h):
            return h
        if dep not in _CLIMB_DEPS and h.pos_ not in ("ADP",):
            return None
        cur = h
    return None


def _with_owner(doc, about: tuple[str, Span], counted: Token, lo: int, hi: int) -> tuple[tuple[str, Span], bool]:
    """``about`` with the entity it belongs to: "episodes of drama" when the counted
    noun has an "of" complement, else prefixed with its owner (:func:`_owner`): "Acme workers".
    The span stays the counted noun phrase's."""
    for prep in counted.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i == counted.i + 1:
            objs = [c for c in prep.children if c.dep_ == "pobj" and _usable(c)]
            if objs:
                text, _ = _noun_text(doc, objs[0], prep.i)
                return (f"{about[0]} of {text}", about[1]), True
    owner = _owner(doc, counted, lo, hi)
    if owner is None or owner.i in range(*_char_tok_range(doc, about[1])):
        return about, False
    text, _ = _noun_text(doc, owner, -1 if owner.i < lo else lo)
    if text.lower() in about[0].lower():
        return about, True
    return (f"{text} {about[0]}", about[1]), True


def _char_tok_range(doc, span: Span) -> tuple[int, int]:
    s = doc.char_span(span.start, span.end, alignment_mode="expand")
    return (s.start, s.end) if s is not None else (0, 0)


def estimates(doc: Doc) -> list[Estimate]:
    """The quantity expressions of ``doc`` as Estimates, ids "e1", "e2", … in text order.

    >>> from kg import nlp
    >>> doc = next(nlp.parse(["They hold less than a square kilometre after spending $2 billion."]))
    >>> [(e.qualifier, e.value, e.max, e.unit) for e in estimates(doc)]
    [('lessThan', None, 1.0, 'square kilometre'), ('exact', 2000000000.0, None, 'dollar')]
    """
    t = _tables()
    text = text_of(doc)
    masked = [m.span() for m in t.mask_re.finditer(text)]
    cores = [c for c in scan(text)
             if not any(a <= c.start < b or a < c.end <= b for a, b in masked)]
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
    out = _from_to_ranges(text, _partitive_units(text, out))
    return [_ordered(dataclasses.replace(x, id=f"e{k}")) for k, x in enumerate(out, 1)]


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


def _partitive_units(text: str, found: list[Estimate]) -> list[Estimate]:
    """ "280 million of the 1.5 billion shekels": a bare part of a measured whole is in its unit."""
    measures = set(_tables().unit_of.values())
    out = list(found)
    for k in range(len(out) - 1):
        part, whole = out[k], out[k + 1]
        if (not part.unit and (whole.unit in measures or " per " in whole.unit)
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


_GLUED_MILLION = re.compile(r"\s+(?:[a-z]+s|people|of|men|women|children)\b")
_INDEF = re.compile(r"\b(?:a|an|one)\s+(?=(?:square|sq|cubic|million|billion)\b)", re.IGNORECASE)


def _indefinite_units(text: str, cores: list[Core]) -> list[Core]:
    """ "a square kilometre": an article before a unit is the number one."""
    taken = {c.start for c in cores}
    out = []
    for m in _INDEF.finditer(text):
        if m.start() in taken:
            continue
        if _match_unit(text, m.end() - 1):
            out.append(Core(m.start(), m.end() - 1, m.group(0).strip(), 1.0, kind="indef", num_end=m.end() - 1))
    return out


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


_AGE_UNITS = {"year of age", "month of age"}


def _time_adverbial(doc, toks) -> bool:
    """A duration that says when ("every 33 years", "over the past two years", "in the last
    three months", "two years later") rather than how long something is."""
    before = {doc[k].lower_ for k in range(max(0, toks.start - 2), toks.start)}
    after = doc[toks.end].lower_ if toks.end < len(doc) else ""
    return bool(before & {"every", "past", "last", "next", "first", "within"}) or after in (
        "later", "ago", "earlier", "before", "after", "on")


def _is_age(doc, e: _Expr, toks) -> bool:
    """ "Jensen, 54, said": a whole number set off by commas after a person's name is an age."""
    text = text_of(doc)
    if e.first is not e.last or e.first.kind != "digits" or e.value is None:
        return False
    if not (e.value.is_integer() and 1 <= e.value <= 120) or "," in e.first.text:
        return False
    prev = doc[toks[0].i - 2] if toks[0].i >= 2 else None
    if (prev is not None and doc[toks[0].i - 1].text == "," and e.hedge_start is None
            # the recogniser reads some surnames as places ("Maddon, 66,")
            and (prev.ent_type_ == "PERSON" or (prev.pos_ == "PROPN" and prev.ent_type_ in ("", "PERSON", "GPE")))
            and re.match(r"\s*[,)]", text[e.end:]) is not None):
        return True
    # "life expectancy is around 73", "the average age was 41": the value of an age
    lead = doc[max(0, toks[0].i - 9):toks[0].i]
    stop = next((k for k in range(len(lead) - 1, -1, -1) if lead[k].text in (",", ";", ":")), -1)
    lead = lead[stop + 1:]
    if (len(lead) >= 2 and any(w.lemma_.lower() in ("age", "expectancy") and w.pos_ == "NOUN" for w in lead)
            and lead[-1].lower_ in ("is", "was", "be", "of", "to", "at", "around", "about", "reach", "'s")):
        return True
    # "She will be 35 in May", "he turns 50": a whole number that a person is
    num = toks[-1]
    if e.hedge_start is None and (num.dep_ in ("attr", "acomp") and num.head.lemma_ == "be") or (
            num.dep_ == "dobj" and num.head.lemma_ == "turn"):
        subj = [c for c in num.head.children if c.dep_ == "nsubj"]
        return bool(subj) and (subj[0].lower_ in ("he", "she") or subj[0].ent_type_ == "PERSON")
    return False


def _age_of(doc, toks, written: bool = True) -> tuple[str, Span] | None:
    """The person an age belongs to: the name before "Jensen, 54," or the noun a "-year-old"
    describes ("a 12-year-old girl"; only when the age is ``written`` with its unit)."""
    if toks[0].i >= 2 and doc[toks[0].i - 1].text == "," and doc[toks[0].i - 2].pos_ == "PROPN":
        return _noun_text(doc, doc[toks[0].i - 2], -1)
    for k in range(toks.end, min(toks.end + 4, len(doc)) if written else toks.end):
        if doc[k].pos_ in ("NOUN", "PROPN") and doc[k].dep_ not in ("compound", "amod") and _usable(doc[k]):
            return _noun_text(doc, doc[k], toks.end - 1)
    return None


def _averaged(toks) -> bool:
    """ "averaged 7 rebounds", "averaging 40 minutes": an average is an approximate value."""
    node = _root(toks)
    for _ in range(2):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.lemma_.lower() == "average" and node.pos_ == "VERB":
            return True
    return False


_BOUND_QUALS = {"lessThan": "max", "atMost": "max", "moreThan": "min", "atLeast": "min",
                "approximately": "value"}


def _rebound(qualifier: str, value):
    out = {"value": None, "min": None, "max": None}
    out[_BOUND_QUALS[qualifier]] = value
    return out


def _has_of(doc, toks) -> bool:
    j = toks[-1].i + 1
    return j < len(doc) and doc[j].lower_ == "of"
