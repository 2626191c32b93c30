"""The number scanner tries its big pattern only where a number can begin: it must find exactly
what a plain pass of the pattern over every character finds."""
from kg.extractors import numbers
from kg.extractors.scanning import finditer_at

TEXTS = [
    "Some 2.5bn, twenty-five or a few hundred; tens of thousands of them came.",
    "The firm paid US$ 4m, HK$-.5 a share, Rs. 40 each and USD 3bn in all.",
    "xUSD 5 and aU.S. $7 then kRs. 9 (glued codes), BUS$5 and £1.2bn.",
    "Two-thirds of voters, one in three homes, 1 out of 5 and 3/4 of a mile or 1⁄32 inch.",
    "Half of them, a third of the rest, the first half of May; 2½ and ¾ cups.",
    "Scores died; dozens more, several thousand and a couple of hundred fled in 2019-20.",
    "ſeven ſix Ten tHREE: odd letters that fold to ASCII ones under ignore-case.",
    "It rose −3.4% to .75, down - 12, then 1,234,567.89 and X6 G7 models.",
    "",
]


def test_scan_finds_what_a_full_pass_finds():
    for text in TEXTS:
        full = [(m.span(), m.groupdict()) for m in numbers._CORE.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in finditer_at(numbers._CORE, numbers._START, text)] == full, text
    assert any(numbers._CORE.search(t) for t in TEXTS)


MASKED = [
    "Call +44 20 7946 0958 or (020) 7946 0958 at 10.30am, 9:15 or 7 p.m. on 3/4/2021.",
    "Version 2.0.1 shipped; the FTSE 100, S&P 500, russell 2000 and Nikkei-225 rose; 0800 calls.",
    "Plain words with no digit at all, and 12 600 3400 numbers spaced.",
]


def test_masks_found_as_by_a_full_pass():
    from kg.extractors.estimates.tables import _tables
    t = _tables()
    for text in MASKED + TEXTS:
        full = [m.span() for m in t.mask_re.finditer(text)]
        assert [m.span() for m in finditer_at(t.mask_re, t.mask_start, text)] == full, text
    assert any(t.mask_re.search(x) for x in MASKED)


def test_initial_alternation_matches_where_the_plain_alternation_does():
    import re
    from kg.extractors.scanning import initial_alternation
    words = ["ten", "tens", "twelve", "two", "six", "sixty", "a.b", "few"]
    grouped = re.compile(initial_alternation(words), re.IGNORECASE)
    plain = re.compile("|".join(map(re.escape, words)), re.IGNORECASE)
    text = "Tens of sixes, twelve TWO-few tent a.b axb ſix; ten twenty Sixty"
    starts = [i for i in range(len(text)) if plain.match(text, i)]
    assert [i for i in range(len(text)) if grouped.match(text, i)] == starts
    assert len(starts) > 8
