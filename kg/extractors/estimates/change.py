"""Rises and falls: whether a number is the size of a change ("rose 5%", "up 3"), averages,
and the bounds a hedge puts on a value."""
from __future__ import annotations

import re

from .. import text_of
from .grammar import _Expr
from .tables import _tables


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


def _elided_change(doc, prev_end: int, start: int) -> bool:
    """Whether the text between two amounts is a list item with its verb left out, ending in
    "by": in "A fell 2%, B by 3%" the second amount is a fall too."""
    span = doc.char_span(prev_end, start, alignment_mode="expand")
    if span is None or len(span) < 3 or span[-1].lower_ != "by":
        return False
    return (any(t.text == "," or t.pos_ == "CCONJ" for t in span)
            and not any(t.pos_ in ("VERB", "AUX") for t in span))
