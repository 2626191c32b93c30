"""The number scanner tries its big pattern only where a number can begin: it must find exactly
what a plain pass of the pattern over every character finds."""
from kg.extractors import numbers

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
        assert [(m.span(), m.groupdict()) for m in numbers._matches(text)] == full, text
    assert any(numbers._CORE.search(t) for t in TEXTS)
