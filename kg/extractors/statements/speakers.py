"""Speakers: the span that names who spoke, and the Actor it refers to (names, surnames,
pronouns, relative pronouns).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import text_of
from ..doccache import ent_at
from ...facts import Actor, Span
from .candidates import _Cand, _tok_span
from .lexicon import _cues
from .quotes import _overlap

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token


def _speaker_between(doc: Doc, cand: _Cand, quotes: list[Span]) -> Token | None:
    """The speaker of '"...," X said' when the parse took a word of the quotation for the
    subject: the first noun phrase between the quotation and the cue."""
    q = max((q for q in quotes if q.end <= cand.cue.start), key=lambda q: q.end, default=None)
    if q is None:
        return None
    return next((np.root for np in doc.noun_chunks
                 if q.end <= np.start_char and np.end_char <= cand.cue.start), None)


def _speaker_span(doc: Doc, tok: Token) -> Span:
    """The speaker's name: the entity holding the subject's head, with a title ("Mr")."""
    titles = _cues()["titles"]
    if tok.pos_ == "NOUN":
        name = _appositive_name(tok)
        if name is not None:
            tok = name
    ent = ent_at(doc, tok.i)
    if ent is not None:
        start = ent.start
        while start > 0 and doc[start - 1].lower_ in titles:
            start -= 1
        if doc[start].lower_ in ("said", "says") and start + 1 < ent.end:
            start += 1                   # 'Said Novak:' read as one name
        return _tok_span(doc[start:ent.end])
    toks = [tok]
    for c in reversed(list(tok.lefts)):
        if c.dep_ in ("compound", "poss") and c.i == toks[0].i - 1 or \
                c.i == toks[0].i - 1 and c.lower_ in titles:
            toks.insert(0, c)
    return _tok_span(toks)


def _appositive_name(tok: Token) -> Token | None:
    """The name set off by commas that closes a common-noun subject: "The special envoy
    for the fight against Daesh, James Jeffrey, told ..." -> Jeffrey (the parser often
    hangs the name on the nearest noun, "Daesh", rather than on "envoy")."""
    words = [t for t in tok.subtree if not t.is_punct]
    if not words:
        return None
    last = words[-1]
    for c in tok.subtree:
        if c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ in ("PERSON", "") \
                and c.left_edge.i > tok.i and c.doc[c.left_edge.i - 1].text == "," \
                and c.right_edge.i >= last.i:
            return c
    return None


def _resolve(doc: Doc, span: Span, tok: Token, actors: Sequence[Actor],
             prev: str | None = None) -> str | None:
    """The key of the Actor the speaker span names, a pronoun's antecedent, or None.

    ``prev`` is the speaker of the statement before, the preferred antecedent of "he"/"she".
    """
    best, best_len = None, 0
    for a in actors:
        for m in a.mentions:
            ov = _overlap(span, m)
            if ov > best_len or (ov == best_len and ov and a.type == "Person"):
                best, best_len = a.key, ov
    if best is not None:
        return best
    cues = _cues()
    if tok.lower_ in cues["person"]:
        # "he"/"she": the previous statement's speaker when that is a person, else the
        # most recent Person mentioned before the pronoun -- never a mention the parser
        # reads as a place or an organisation ("the governor of Nineveh province").
        people = {a.key for a in actors if a.type == "Person"}
        if prev in people:
            return prev
        prior = [(m.end, a.key) for a in actors if a.type == "Person"
                 for m in a.mentions if m.end <= span.start and not _placeish(doc, m)]
        return max(prior)[1] if prior else None
    if tok.lower_ in cues["relative"] and tok.head.head.i != tok.head.i:
        ante = tok.head.head                 # "Jeffrey, who said ..." -> Jeffrey
        return _resolve(doc, _speaker_span(doc, ante), ante, actors) \
            if ante.pos_ in ("PROPN", "NOUN") else None
    # A surname alone ("Jeffrey", "Mr Jeffrey") names the Person whose name ends with it.
    last = text_of(doc)[span.start:span.end].split()[-1].lower().rstrip(".")
    named = [a for a in actors if a.type == "Person" and len(a.name.split()) > 1
             and a.name.split()[-1].lower() == last]
    return named[0].key if len(named) == 1 else None


def _placeish(doc: Doc, m: Span) -> bool:
    """Whether a mention reads as a place or organisation: so tagged by the NER, or the
    object of "of" after a noun ("the governor of X", "the people of X")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    if any(t.ent_type_ in ("GPE", "LOC", "FAC", "ORG", "NORP") for t in span):
        return True
    head = span.root.head
    return span.root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN"
