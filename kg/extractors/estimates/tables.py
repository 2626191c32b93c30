"""The tables of ``data/units.json`` compiled once: units, hedges, currencies, change words."""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib.resources import files


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
    mask_start: re.Pattern      # where a mask_re match can begin (see kg.extractors.scanning)


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
    # Clock times, phone numbers, dates with slashes, fractions, version numbers and stock
    # index names ("FTSE 100", "sp 500" in lower-case text): never amounts.
    mask_re = re.compile(r"""
        \b\d{1,2}[:.]\d{2}\s?(?:[ap]\.?m\.?)(?![a-z])
      | \b\d{1,2}:\d{2}(?::\d{2})?\b
      | \b\d{1,2}\s?(?:[ap]\.m\.|[ap]m)(?![a-z])
      | (?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)\s?|\b\d{3}[.-])\d{3,4}[\s.-]\d{3,4}\b
      | \b\d{3,5}\s\d{3,4}\s\d{3,4}\b
      | (?<![\d,.])\b0\d+\b
      | \b\d+(?:\s?[/⁄]\s?\d+)+\b
      | \b\d+(?:\.\d+){2,}\b
      | \b(?:s\s?&\s?p|sp|ftse|nikkei|asx|russell|cac|dax|stoxx|kospi|sensex|nifty)[\s-]?\d{2,4}\b
    """, re.VERBOSE | re.IGNORECASE)
    # Every mask holds a digit: it begins at one, at "+" or "(" (phone numbers) or at a word
    # within eight letters of one (an index name: "russell 2000").
    mask_start = re.compile(r"\b\d|[+(]|\b[a-z](?=\D{0,8}+\d)", re.IGNORECASE)
    return _Tables(unit_re, unit_of, frozenset(data["glued_only"]), per_re, hedge_re, hedge_of,
                   suffix_re, suffix_of, data["currency_prefix"], data["currency_suffix"],
                   frozenset(data["increase_words"]), frozenset(data["decrease_words"]),
                   frozenset(data["person_nouns"]), frozenset(data["street_words"]),
                   frozenset(data["name_prefixes"]), mask_re,
                   _by_lower(data.get("case_sensitive", {})),
                   frozenset(data.get("spaced_upper", ())), mask_start)


def _currency_unit(cur: str | None) -> str | None:
    if not cur:
        return None
    t = _tables()
    key = re.sub(r"\s+", " ", cur.strip())
    return t.currency_of.get(key) or t.currency_of.get(key.replace(" ", "")) or "dollar"


_AGE_UNITS = {"year of age", "month of age"}
