"""Number grammar for the Estimates extractor: finds and values the numeric cores of a text.

A *core* is one number as written: digits with thousands separators and decimals
("15,000", "2.5", ".001"), an optional magnitude ("2 billion", "700bn", "5m", "3.4 bn"),
an optional currency written before it ("$", "US$", "£", "HK$", "USD") and English number
words ("two million", "twenty-five", "a dozen", "a hundred"). Vague amounts are cores too:
"a few hundred" / "several thousand" (a span of the magnitude, see :data:`FEW`) and plural
magnitudes "hundreds of", "tens of thousands", "dozens" (see :func:`scan`).

Hedges, ranges and units are the job of :mod:`kg.extractors.estimates`; this module only says
where a number is and what it is worth. One compiled regular expression finds every core in
one pass over the text.

>>> [(c.text, c.value, c.low, c.high) for c in scan("some 2.5bn, twenty-five or a few hundred")]
[('2.5bn', 2500000000.0, None, None), ('twenty-five', 25.0, None, None), ('a few hundred', None, 200.0, 900.0)]
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .scanning import finditer_at, initial_alternation

__all__ = ["Core", "scan", "words_value", "MAGNITUDES", "FEW"]

ONES = {w: float(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
TENS = {w: float(10 * i) for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Written after digits; the one-letter ones only glued to them ("5m", never "5 m": that is metres).
MAGNITUDES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6,
              "bn": 1e9, "b": 1e9, "billion": 1e9, "tn": 1e12, "trn": 1e12, "trillion": 1e12,
              "hundred": 1e2}
# "a few hundred": the magnitude times 2..9. "few" is vague; 2..9 keeps every reading of
# "a few hundred fighters" (200 to 900) inside the bounds rather than guessing a midpoint.
FEW = {"a few": (2.0, 9.0), "few": (2.0, 9.0), "several": (3.0, 9.0), "a couple of": (2.0, 2.0),
       "a couple": (2.0, 2.0)}
# Plural magnitudes name an order of magnitude: "hundreds of" is [100, 1000].
PLURALS = {"tens": 10.0, "dozens": 12.0, "scores": 20.0, "hundreds": 1e2, "thousands": 1e3,
           "millions": 1e6, "billions": 1e9, "trillions": 1e12}

_WORD = "|".join(sorted(list(ONES) + list(TENS) + ["hundred", "thousand", "million", "billion",
                                                   "trillion", "dozen"], key=len, reverse=True))
_CUR = (r"US\s?\$|\$\s?US|U\.S\.\s?\$|HK\s?\$|A\$|AU\$|\$A(?=\d)|C\$|CA\$|NZ\$|S\$|R\$|\$|£|€|¥|₹|₪"
        r"|Y=|PS(?=\d)|RM(?=\d)|Rs\.?\s?|(?:USD|EUR|GBP|JPY|AUD|CAD|HKD|NZD|CHF|INR|NIS)\s?")
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|\.\d+"
_MAG = (r"(?:\s?(?:hundred\s|thousand\s)?(?:million|billion|trillion|thousand|hundred)"
        r"|mn|mln|bn|tn|trn|[kKmMbB])(?![A-Za-z])")
# Fractions of a whole: "half of", "a third of", "two-thirds of", "one in three", "1 out of 5".
# "the first half of", "the final third of" name a part, not an amount: no determiner before.
FRACTIONS = {"half": 2.0, "halves": 2.0, "third": 3.0, "thirds": 3.0, "quarter": 4.0, "quarters": 4.0,
             "fifth": 5.0, "fifths": 5.0, "tenth": 10.0, "tenths": 10.0}
_SMALL = "one|two|three|four|five|six|seven|eight|nine|ten"
# Written fractions: "1/16 of a pint" (a plain slash only before "of": "9/11", "24/7" are
# no amounts), "1⁄32" (the fraction slash is never a date) and the vulgar fraction signs.
VULGAR = {"½": 1 / 2, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 1 / 4, "¾": 3 / 4, "⅕": 1 / 5, "⅛": 1 / 8,
          "⅜": 3 / 8, "⅝": 5 / 8, "⅞": 7 / 8}
_VULGAR = "".join(VULGAR)
_CORE = re.compile(rf"""
    (?P<ratio>\b(?P<rn>{_SMALL}|\d{{1,2}})\s+(?:out\s+of|in)\s+(?P<rd>{_SMALL}|\d{{1,3}}(?:,\d{{3}})*)\b(?![\d,.]\d|\s*(?:%|per)))
  | (?P<frac>(?<!the\s)(?<!this\s)(?<!that\s)(?<!its\s)(?<!first\s)(?<!second\s)(?<!final\s)(?<!last\s)
        \b(?:(?P<fn>a|an|one|two|three|four|nine)[\s-]+)?(?P<fd>half|halves|thirds?|quarters?|fifths?|tenths?)
        (?=\s+of\b)(?!\s+of\s+an?\s+(?:million|billion|trillion|thousand|hundred|century|decade)\b))
  | (?P<vague>\b(?:a\s+few|few|several|a\s+couple(?:\s+of)?)\s+(?P<vmag>hundred|thousand|million|billion|dozen)\b)
  | (?P<plural>\b(?:(?:tens|dozens|hundreds)\s+of\s+)?(?:tens|dozens|scores|hundreds|thousands|millions|billions|trillions)\b
               (?:\s+of\s+(?:thousands|millions|billions)\b)?)
  | (?P<dfrac>(?<![\w/.,⁄])(?P<dn>\d{{1,3}})(?:⁄(?P<dd>\d{{1,4}})|/(?P<dd2>\d{{1,4}})(?=\s+of\b))(?![\d/⁄]))
  | (?P<vulgar>(?<![\d.,])(?P<vi>\d{{1,3}})?(?P<vc>[{_VULGAR}]))
  | (?P<cur>{_CUR})?(?P<sign>[-−–])?(?P<num>{_DIGITS})(?P<mag>{_MAG})?
  | (?P<words>\b(?:an?\s+)?(?:{_WORD})(?:(?:\s+|-)(?:(?<=hundred\s)and\s+|(?<=thousand\s)and\s+)?(?:{_WORD}))*\b)
""", re.VERBOSE | re.IGNORECASE)


# Where a core can begin: a digit, a point, a sign, a currency or fraction sign; a number
# word or the article before one ("a few", "a third", "tens", "seven"); or letters within eight
# characters of a digit (a currency code: "US$5", "Rs. 40", "USD 3"). ``_CORE`` is tried only
# there (see kg.extractors.scanning), so this must accept every position where ``_CORE`` can
# match: tests/test_scanning.py compares the two. The number words are grouped by their first
# letter (see initial_alternation): tried one by one they were most of the scan's time.
_NUMBER_WORDS = {*ONES, *TENS, *SCALES, *FRACTIONS, *PLURALS, "few", "several", "dozen"}
_START = re.compile(rf"\b(?:an?[\s-]|{initial_alternation(_NUMBER_WORDS)})|[\d.{_VULGAR}$£€¥₹₪\-−–]"
                    r"|[a-z](?=\D{0,8}+\d)",
                    re.IGNORECASE)    # possessive: no backtracking over the letters


@dataclass(frozen=True, slots=True)
class Core:
    """One number as written: ``[start, end)`` in the text, its value or vague bounds."""

    start: int
    end: int
    text: str
    value: float | None = None
    low: float | None = None          # vague amounts ("a few hundred") carry bounds instead
    high: float | None = None
    currency: str | None = None       # the currency written before it, as written ("US$")
    kind: str = "digits"              # digits | words | vague | plural | fraction
    magnitude: float = 1.0            # the magnitude written with it (1e9 for "2bn")
    num_end: int = 0                  # where the digits end (before any magnitude)


def words_value(text: str) -> float | None:
    """The value of English number words, or None.

    >>> words_value("two hundred and fifty thousand"), words_value("a dozen"), words_value("a")
    (250000.0, 12.0, None)
    """
    toks = [t for t in re.split(r"[\s-]+", text.lower()) if t and t != "and"]
    if not toks or toks == ["a"] or toks == ["an"]:
        return None
    total = current = 0.0
    seen = False
    for i, t in enumerate(toks):
        if t in ("a", "an") and i == 0:
            current = 1.0
        elif t in ONES:
            current += ONES[t]
            seen = True
        elif t in TENS:
            current += TENS[t]
            seen = True
        elif t == "dozen":
            current = (current or 1.0) * 12
            seen = True
        elif t == "hundred":
            current = (current or 1.0) * 100
            seen = True
        elif t in SCALES:
            total += (current or 1.0) * SCALES[t]
            current = 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


def _small_value(s: str) -> float:
    s = s.lower().replace(",", "")
    return 1.0 if s in ("a", "an") else ONES[s] if s in ONES else float(s) if s.isdigit() else 0.0


def _digits_value(s: str) -> float:
    return float(s.replace(",", ""))


def scan(text: str) -> list[Core]:
    """Every numeric core in ``text``, in order (one compiled pass)."""
    out: list[Core] = []
    for m in finditer_at(_CORE, _START, text):
        s, e = m.span()
        if m.group("ratio"):
            n, d = (_small_value(m.group(g)) for g in ("rn", "rd"))
            if d and n < d:
                out.append(Core(s, e, m.group(0), n / d, kind="fraction", num_end=e))
            continue
        if m.group("dfrac"):
            n, d = int(m.group("dn")), int(m.group("dd") or m.group("dd2"))
            if 0 < n < d:
                out.append(Core(s, e, m.group(0), n / d, kind="fraction", num_end=e))
            continue
        if m.group("vulgar"):
            whole = m.group("vi")
            value = (int(whole) if whole else 0) + VULGAR[m.group("vc")]
            out.append(Core(s, e, m.group(0), value, kind="digits" if whole else "fraction",
                            num_end=e))
            continue
        if m.group("frac"):
            n = _small_value(m.group("fn") or "one")
            d = FRACTIONS[m.group("fd").lower()]
            if n < d:
                out.append(Core(s, e, m.group(0), n / d, kind="fraction", num_end=e))
            continue
        if m.group("vague"):
            lo, hi = FEW[re.sub(r"\s+", " ", m.group(0)[: m.start("vmag") - s].strip().lower())]
            mag = 12.0 if m.group("vmag").lower() == "dozen" else SCALES[m.group("vmag").lower()]
            out.append(Core(s, e, m.group(0), None, lo * mag, hi * mag, kind="vague", magnitude=mag))
        elif m.group("plural"):
            words = re.findall(r"[a-z]+", m.group(0).lower())
            base = 1.0
            for w in words:
                if w in PLURALS:
                    base *= PLURALS[w]
            out.append(Core(s, e, m.group(0), None, base, base * 10, kind="plural", magnitude=base))
        elif m.group("num"):
            # A number glued to letters or digits on its left is part of a name ("X6", "G7").
            if (s > 0 and (text[s - 1].isalnum() or text[s - 1] == "_") and not m.group("cur")
                    and not m.group("sign")):
                continue
            value = _digits_value(m.group("num"))
            mag_txt = (m.group("mag") or "").strip()
            mag = 1.0
            if mag_txt:
                mag = 1.0
                for w in mag_txt.lower().split():  # "4 hundred million"
                    mag *= MAGNITUDES.get(w, 1.0)
                # "5 m" / "37m (121ft)" are metres; a bare glued "m"/"b" is a magnitude only after
                # a currency or when the caller says so, so keep it tentative (end before it).
                if mag_txt == "m" and not m.group("cur"):
                    mag = 1.0
                    e = m.end("num")
            if m.group("sign") and not (s == 0 or text[s - 1] in " ($(\u00a0"):
                # a hyphen after a word or digit is a range or compound separator, not a minus
                s = m.start("num") if not m.group("cur") else s
                sign = 1.0
            else:
                sign = -1.0 if m.group("sign") else 1.0
            out.append(Core(s, e, text[s:e], sign * value * mag, currency=m.group("cur"),
                            kind="digits", magnitude=mag, num_end=m.end("num")))
        else:
            words = m.group(0)
            art = re.match(r"an?\s+(?!(?:hundred|thousand|million|billion|trillion|dozen)\b)", words, re.I)
            if art:  # "a five-year": the article belongs to the noun phrase, not the number
                s += art.end()
                words = words[art.end():]
            v = words_value(words)
            if v is None:
                continue
            out.append(Core(s, e, words, v, kind="words", num_end=e))
    return out
