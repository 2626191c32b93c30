"""Ages ("Jensen, 54,", "life expectancy is around 73") and durations that say when."""
from __future__ import annotations

import re

from .. import text_of
from ...facts import Span
from .about import _usable
from .counted import _noun_text
from .grammar import _Expr


def _time_adverbial(doc, toks) -> bool:
    """A duration that says when ("every 33 years", "over the past two years", "in the last
    three months", "two years later") or how long an action takes ("done in three hours"),
    rather than how long something is."""
    before = {doc[k].lower_ for k in range(max(0, toks.start - 2), toks.start)}
    after = doc[toks.end].lower_ if toks.end < len(doc) else ""
    if bool(before & {"every", "past", "last", "next", "first", "within"}) or after in (
            "later", "ago", "earlier", "before", "after", "on"):
        return True
    # "charged in just three hours", "borrow for fifty years": how long a verb's action takes
    k = toks.start - 1
    if k >= 0 and doc[k].lower_ in ("just", "only", "under") and doc[k].pos_ == "ADV":
        k -= 1
    return (k >= 1 and doc[k].lower_ in ("in", "for") and doc[k].head.pos_ in ("VERB", "AUX")
            and toks[0].lower_ != "between")


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
    for k in range(toks.end, min(toks.end + 6, len(doc)) if written else toks.end):
        if doc[k].pos_ in ("NOUN", "PROPN") and doc[k].dep_ not in ("compound", "amod") and _usable(doc[k]):
            return _noun_text(doc, doc[k], toks.end - 1)
        if doc[k].pos_ in ("VERB", "AUX") or (doc[k].is_punct and doc[k].text not in ("-", "–")):
            break  # "a 400 million-year-old rock", not past the phrase
    return None
