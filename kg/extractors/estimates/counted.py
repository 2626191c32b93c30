"""The counted noun of a bare number and the unit it makes ("20,000 armed fighters" -> person,
"the top three seeds" -> top seed), and the noun phrases built around it."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...facts import Span
from .grammar import _Expr
from .tables import _tables

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


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
    if h is not None and len(h.text.rstrip(".")) == 1:
        return None  # a stray letter ("down 68 p") counts nothing
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


def _has_of(doc, toks) -> bool:
    j = toks[-1].i + 1
    return j < len(doc) and doc[j].lower_ == "of"
