"""Statements: who said what, from a parsed spaCy ``Doc``.

Two passes meet here. The *syntactic* pass walks the dependency parse: a reporting verb
from ``kg/data/cues.json`` ("said", "warned", "believes", ...) whose clausal complement is
the content and whose subject is the speaker; the parenthetical "CLAUSE, X said"; and the
phrase "according to X". The *quotation* pass finds quotations by their marks (straight,
curly, guillemets, a quote that runs over paragraphs) and ties each one to the cue next to
it, so that a quotation is one direct statement however the parser split it.

The result holds character offsets only (:class:`kg.facts.Statement`); ``date`` is left
for the linker.

Modules, in the order the pipeline uses them: ``lexicon`` (cue lists, dependency labels),
``quotes`` (quotation marks, offset helpers), ``candidates`` (cue + content + speaker
token from the parse or the layout), ``attach`` (quotations tied to cues, contents cut and
stretched, nested cues dropped), ``speakers`` (speaker span and Actor); this module runs
them in order.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import text_of
from ...facts import Actor, Span, Statement
from .attach import (_attach_quotes, _colon_cands, _cut_at_participle_cues, _drop_nested,
                     _extend_to_final_quote, _quote_only_cands)
from .candidates import _as_label_cands, _headline_cands, _layout_cands, _trim, _verb_cands
from .quotes import _holds_mark, find_quotes
from .speakers import _resolve, _speaker_between, _speaker_span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["statements", "find_quotes"]


def statements(doc: Doc, actors: Sequence[Actor] = ()) -> list[Statement]:
    """Who said what in ``doc``: one :class:`Statement` per attribution, in text order.

    ``actors`` are the article's actors; a statement's ``speaker`` is the key of the one
    whose mention the speaker span overlaps (for "he"/"she", the Person mentioned last
    before the pronoun), else None.

    >>> from kg import nlp
    >>> doc = next(nlp.parse(['"We will win," said Mr Smith. He added that it was over.']))
    >>> smith = Actor("smith", "Mr Smith", "Person", (Span(23, 28),))
    >>> for s in statements(doc, [smith]):
    ...     print(s.id, s.cue, repr(doc.text[slice(*s.content_span)]), s.direct, s.speaker)
    s1 said '"We will win,"' True smith
    s2 added 'that it was over' False smith
    """
    text = text_of(doc)
    quotes = find_quotes(text)
    # Cues inside a quotation belong to the quoted speaker's own words ("I think ..."),
    # not to the article's attributions.
    layout = _layout_cands(doc, quotes)
    spoken = quotes + [c.content for c in layout]
    cands = layout + [c for c in _verb_cands(doc)
                      if not any(q.start < c.cue.start < q.end for q in spoken)]
    cands += _headline_cands(doc, cands)
    cands += _as_label_cands(doc, quotes, cands)
    _quote_only_cands(doc, quotes, cands)
    _cut_at_participle_cues(doc, cands)
    _attach_quotes(doc, cands, quotes)
    cands = [c for c in cands if c.content.end > c.content.start]
    _extend_to_final_quote(doc, cands, quotes)
    _colon_cands(doc, quotes, cands)
    cands = _drop_nested(cands)
    # One statement per cue: keep the first candidate of each cue span.
    seen: set[Span] = set()
    result: list[Statement] = []
    prev: str | None = None                 # the last statement's speaker
    for c in sorted(cands, key=lambda c: (c.cue.start, c.content.start)):
        if c.cue in seen:
            continue
        seen.add(c.cue)
        span = key = None
        if c.speaker is not None and any(q.start <= c.speaker.idx < q.end <= c.cue.start
                                         for q in quotes):
            c.speaker = _speaker_between(doc, c, quotes)
        if c.speaker is not None:
            span = _speaker_span(doc, c.speaker)
            key = _resolve(doc, span, c.speaker, actors, prev)
            prev = key
        opened = next((q for q in quotes if q.start == c.content.end - 1), None)
        if opened is not None and c.head is not None:
            # The content ends on the opening mark of a quotation ('recalled thinking, "'):
            # the words are in the quotation.
            c.content = Span(c.content.start, opened.end)
        if text[c.content.end - 1] == "." and not text[c.content.end - 2:c.content.end - 1] \
                .isupper():
            c.content = _trim(text, Span(c.content.start, c.content.end - 1))  # full stop
        if not c.direct:
            # A mixed quote (a quoted stretch inside reported speech) is still quoted speech
            # -- but only where the content holds a quotation mark: a transcript line
            # ('SMITH: ...') inside a quoted transcript is not itself set off as a quote.
            c.direct = any(q.overlaps(c.content) for q in quotes) \
                and _holds_mark(text[c.content.start:c.content.end])
        result.append(Statement(id=f"s{len(result) + 1}", cue=c.cue_text, cue_span=c.cue,
                                content_span=c.content, direct=c.direct, speaker=key,
                                speaker_span=span))
    return result
