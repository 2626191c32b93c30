"""Quotations x cues: each quotation becomes the content of one cue next to it, contents
are cut or stretched at quotations and at other cues, and nested cues are dropped.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .. import text_of
from ..doccache import tokens
from ...facts import Span
from .candidates import _Cand, _free_relative, _inverted_subject, _subject, _trim
from .lexicon import _SUBJ_DEPS, _cue_verbs, _cues, _is_cue_verb, _lemma
from .quotes import _introduces, _nickname, _overlap, _same_para, _sentence_ends

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


def _attach_quotes(doc: Doc, cands: list[_Cand], quotes: list[Span]) -> None:
    """Make every quotation the content of one cue, in place."""
    text = text_of(doc)
    claimed: dict[int, _Cand] = {}            # quote index -> its statement
    # 1. A cue whose parsed content lies in a quotation takes the whole quotation
    #    (the parser often sees only the first sentence of a quote, or the quote up to a
    #    comma).
    for cand in cands:
        for qi, q in enumerate(quotes):
            if cand.content.overlaps(q) and not (cand.cue.overlaps(q)):
                inside = _overlap(cand.content, q)
                if inside >= 0.5 * (cand.content.end - cand.content.start) \
                        and qi not in claimed:
                    cand.content = Span(min(cand.content.start, q.start),
                                        max(cand.content.end, q.end))
                    cand.direct = True
                    claimed[qi] = cand
                elif inside >= 0.5 * (cand.content.end - cand.content.start):
                    cand.dropped = True          # a second claim on a claimed quote
    cands[:] = [c for c in cands if not c.dropped]
    # 2. An unclaimed quotation takes the nearest cue verb next to it: "...," said X /
    #    "...," X said / X said: "..." -- even when the parser attached it elsewhere.
    for qi, q in enumerate(quotes):
        if qi in claimed:
            continue
        cand = _adjacent_cue(doc, q, cands, quotes)
        if cand is None:
            continue
        if cand.direct and cand.content.end <= q.start and _same_para(text, cand.content.end,
                                                                      q.start):
            cand.content = Span(cand.content.start, q.end)   # "A," he said, "B."
        else:
            if not cand.direct:
                cand.content = q             # (a colon's clause before the cue is dropped)
            else:
                continue
        cand.direct = True
        claimed[qi] = cand
    # 3. A quotation with no cue of its own continues the direct statement just before it
    #    in the same paragraph: "A," said X. "B."
    for qi, q in enumerate(quotes):
        if qi in claimed or qi == 0:
            continue
        prev = claimed.get(qi - 1)
        # Only the cue's own words may stand between the two ('"A," X said. "B."'), or
        # nothing at all: a clause of its own between them is narration, and the later
        # quotation belongs to someone else or to no one.
        gap = Span(quotes[qi - 1].end, q.start)
        if prev is not None and _same_para(text, gap.start, gap.end) \
                and prev.content.end <= q.start \
                and (gap.start <= prev.cue.start < gap.end and not _clause_after_cue(prev, gap)
                     or not text[gap.start:gap.end].strip(" ,;:-—–")):
            prev.content = Span(prev.content.start, q.end)
            claimed[qi] = prev
    # 4. A quotation that opens a sentence after an indirect statement in its paragraph,
    #    with no cue of its own, goes on in the speaker's own words: 'The talks may fail,
    #    Lee said. "Nobody wants them."'
    for qi, q in enumerate(quotes):
        if qi in claimed:
            continue
        before = [c for c in cands if not c.direct and c.head is not None
                  and _lemma(c.head) in _cues()["clause"]
                  and max(c.content.end, c.cue.end) <= q.start
                  and _same_para(text, c.content.start, q.start)]
        if not before:
            continue
        prev = max(before, key=lambda c: max(c.content.end, c.cue.end))
        gap = Span(max(prev.content.end, prev.cue.end), q.start)
        between = text[gap.start:gap.end]
        if between.rstrip().endswith((".", "!", "?")) and len(between) <= 60 \
                and not any(gap.start <= c.cue.start < gap.end for c in cands) \
                and not any(o.overlaps(gap) for o in quotes) \
                and not _clause_after_cue(prev, gap):
            prev.content = Span(prev.content.start, q.end)
            prev.direct = True
            claimed[qi] = prev


def _cut_at_participle_cues(doc: Doc, cands: list[_Cand]) -> None:
    """End a content before a participle cue set off by a comma inside it: in 'told them
    she would stay, saying that ...' the "saying" clause is a statement of its own."""
    text = text_of(doc)
    for c in cands:
        for o in cands:
            h = o.head
            if o is c or h is None or h.tag_ != "VBG" or h.i == 0 \
                    or not c.content.start < h.idx < c.content.end:
                continue
            first = min(h.left_edge.i, h.i)
            if doc[first - 1].text == "," and doc[first - 1].idx > c.content.start:
                c.content = _trim(text, Span(c.content.start, doc[first - 1].idx))


def _extend_to_final_quote(doc: Doc, cands: list[_Cand], quotes: list[Span]) -> None:
    """Reach a reported clause out to the quotation that closes its sentence.

    The parse often ends the content of a cue verb before a quoted stretch at the end of
    the sentence ('said the media are to blame for "the mess."', 'blasted the press for
    being "dishonest."'); the clause runs on to the quotation, which makes it a mixed quote.
    """
    text = text_of(doc)
    taken = [c.content for c in cands]
    cues = [c.cue for c in cands]
    for c in cands:
        if c.direct or c.head is None:
            continue
        sent = c.head.sent
        end = min(sent.end_char, text.find("\n", c.head.idx) % (len(text) + 1))
        for q in quotes:
            if q.start < c.content.end or q.end > end + 1:
                continue
            gap = Span(c.content.end, q.start)
            if q.start - c.content.end > 80 or _sentence_ends(text[gap.start:gap.end]) \
                    or any(gap.start <= k.start < gap.end for k in cues) \
                    or any(t is not c.content and t.overlaps(q) for t in taken) \
                    or text[q.end:end].strip(" .,;:!?)\"”'’") \
                    or _new_clause(doc, gap):
                break
            c.content = Span(c.content.start, q.end)
            c.direct = True
            break


def _new_clause(doc: Doc, gap: Span) -> bool:
    """Whether another speech verb, or a participle set off by a comma (', singing'),
    stands in ``gap``: the quotation after it is not the first verb's."""
    cues = _cues()
    toks = [t for t in tokens(doc) if gap.start <= t.idx < gap.end]
    return any(_is_cue_verb(t, cues) or t.tag_ == "VBG" and t.i > 0
               and doc[t.i - 1].text == "," for t in toks)


def _clause_after_cue(cand: _Cand, gap: Span) -> bool:
    """Whether the cue verb has a clause of its own after it inside ``gap`` ('said, while
    fans waved ...')."""
    head = cand.head
    return head is not None and any(
        c.dep_ in ("advcl", "conj", "ccomp", "xcomp") and c.i > head.i
        and gap.start <= c.idx < gap.end for c in head.children)


def _adjacent_cue(doc: Doc, q: Span, cands: list[_Cand], quotes: list[Span]) -> _Cand | None:
    """The cue right after a quotation in its sentence, or right before it after ':' / ','."""
    text = text_of(doc)
    if q.end - q.start < 4:
        return None
    # Only a cue with no content of its own, or one already quoting, may take the quote --
    # or one whose colon points at it: in 'It may rain, Kall said: "..."' the colon
    # announces the quotation as what was said.
    cands = [c for c in cands if c.head is not None
             and (c.direct or c.content.end <= c.content.start
                  or c.content.end <= c.cue.start and c.cue.end < q.start
                  and text[c.cue.end:q.start].strip() == ":")]
    # After: '"...," said X' -- a quotation that ends its clause (punctuation inside or
    # just after the closing mark), not a scare quote in the middle of a sentence.
    inner = text[q.start:q.end].strip(" \"'“”„«»`")
    ends_clause = inner[-1:] in ",.!?;:—-" or text[q.end:q.end + 1] in (",", "—")
    after = [c for c in cands if ends_clause and c.cue.start >= q.end
             and c.cue.start - q.end <= 90 and _same_para(text, q.end, c.cue.start)
             and not any(o.start < c.cue.start and o.start >= q.end
                         and not _nickname(text, o) for o in quotes)]
    after = [c for c in after if doc.char_span(q.end - 1, q.end, alignment_mode="expand")
             is not None]
    for c in sorted(after, key=lambda c: c.cue.start):
        between = text[q.end:c.cue.start]
        if _sentence_ends(between) and not between.strip().startswith("."):
            break
        return c
    # Before: the cue's sentence ends in ":" or "," just before the quote.
    before = [c for c in cands if c.head is not None and c.cue.end <= q.start
              and _introduces(text, c.cue.end, q.start) and q.start - c.cue.end <= 80]
    for c in sorted(before, key=lambda c: -c.cue.start):
        between = text[c.cue.end:q.start]
        if any(o.start >= c.cue.end and o.end <= q.start for o in quotes):
            break
        if between.rstrip().endswith((":", ",")) or not between.strip():
            return c
        break
    return None


def _quote_only_cands(doc: Doc, quotes: list[Span], cands: list[_Cand]) -> None:
    """Cue verbs the parse gave no content but which sit next to a quotation."""
    have = {c.head.i for c in cands if c.head is not None}
    text = text_of(doc)
    cue_verbs = _cue_verbs(doc)
    for tok in tokens(doc):
        if tok.i in have or tok.i not in cue_verbs:
            continue
        if any(q.start <= tok.idx < q.end for q in quotes) or _free_relative(tok):
            continue
        subj = _subject(tok) or _inverted_subject(tok)
        if subj is None:
            continue
        end = tok.idx + len(tok)
        near = any(
            (0 <= tok.idx - q.end <= 40 and _same_para(text, q.end, tok.idx))
            or (0 <= q.start - end <= 60 and _introduces(text, end, q.start)
                and text[end:q.start].rstrip().endswith((":", ",")))
            # 'chanted "No more!"': the quotation is the verb's object.
            or (0 < q.start - end <= 2 and not text[end:q.start].strip())
            for q in quotes)
        if near:
            cands.append(_Cand(Span(tok.idx, tok.idx + len(tok)), tok.text, Span(0, 0),
                               subj, tok))


def _drop_nested(cands: list[_Cand]) -> list[_Cand]:
    """Drop a cue that lies inside the reported clause of another cue verb.

    "She said she plans to run" is one attribution (said), not two: the inner verb is
    part of what was said. A verb coordinated with the cue or modifying it ("..., adding
    that", "who said") keeps its own statement even where the parse put it inside.
    """
    outer = [c for c in cands if c.head is not None and not c.direct]
    # A cue that took a quotation next to it ('"Why?" she said, but ...') is an
    # attribution of its own, however the parser nested its verb.
    return [c for c in cands
            if c.head is None or c.direct or c.head.dep_ not in ("ccomp", "acl", "ROOT")
            or not any(o is not c and o.content.start <= c.cue.start < o.content.end
                       for o in outer)]


def _colon_cands(doc: Doc, quotes: list[Span], cands: list[_Cand]) -> None:
    """A quotation that no cue took, announced by a clause ending in a colon: 'The mayor
    put her answer this way: "..."', 'I had to change my story: "..."'. The colon
    presents the quotation as the words the clause is about, so the clause's verb is the
    cue and its subject the speaker, whatever the verb is."""
    text = text_of(doc)
    for q in quotes:
        if any(c.content.overlaps(q) or c.cue.overlaps(q) for c in cands):
            continue
        before = text[:q.start].rstrip()
        if not before.endswith(":") or not _introduces(text, len(before) - 1, q.start) \
                or len(text[q.start:q.end].split()) < 3:
            continue
        after = text[q.end:text.find("\n", q.end) % (len(text) + 1)].strip()
        if after and text[q.start:q.end].rstrip(" \"'”’")[-1:] not in ".!?":
            continue                 # 'They named it: "Ash" in the end': the sentence goes on
        colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if colon is None:
            continue
        # The clause before the colon: the nearest verb above its last word that has a
        # subject of its own (the parser may run the sentence on into the quotation).
        at = colon[0].i
        if at == 0:
            continue
        verb = doc[at - 1]
        while not (verb.pos_ in ("VERB", "AUX") and any(c.dep_ in _SUBJ_DEPS
                                                        for c in verb.children)) \
                and verb.head.i != verb.i and verb.head.i < at:
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_ == "be" \
                or any(c.content.start <= verb.idx < c.content.end for c in cands) \
                or any(_overlap(o, Span(verb.idx, q.start)) for o in quotes if o is not q):
            continue
        subj = _subject(verb)
        if subj is None or subj.lower_ in ("it", "this", "that", "there"):
            continue
        cands.append(_Cand(Span(verb.idx, verb.idx + len(verb)), verb.text, q, subj, verb,
                           direct=True))
