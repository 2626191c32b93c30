"""Number grammar: grow a numeric core into an expression (a range, a unit written after it,
a currency before it, a hedge before or after it) and read its bounds."""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ..numbers import Core
from .tables import _currency_unit, _tables


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


# A plural after a glued "m" counts millions ("5m people"), except the races and prizes of
# track, pool and road, whose "m" is metres ("60m hurdles", "200m titles", "400m heats").
_GLUED_MILLION = re.compile(
    r"\s+(?!(?:hurdles|sprints|races|finals|semis|semifinals|heats|titles|medals|events|relays"
    r"|records|times|splits|runners|sprinters|swimmers|hurdlers|laps|dashes|freestyles)\b)"
    r"(?:[a-z]+s|people|of|men|women|children)\b")


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
