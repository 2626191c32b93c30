"""Statement candidates: a cue, its content and its speaker token, found by the parse (a
reporting verb and its clause, "according to X", a noun cue with a that-clause) or by
the layout (a dash signature, a "NAME:" line, a headline).
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import text_of
from ..doccache import tokens, where
from ...facts import Span
from .lexicon import (_CLAUSE_DEPS, _GO_ON, _INHERIT_DEPS, _OBJ_DEPS, _OBJECT_CONTROL,
                      _SUBJ_DEPS, _TRIM, _cue_verbs, _cues, _lemma)
from .quotes import _paragraph

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token


# '"..." ― Jane Doe': a quotation signed with a dash and a capitalised name.
_DASH_SIG = re.compile(r"\s*([―—–]|--)\s*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})")
# 'SMITH: ...' or 'Jane Doe: ...' at the start of a line (transcripts, headlines).
_NAME_COLON = re.compile(r"[\"“]?\s*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):\s")


@dataclass
class _Cand:
    cue: Span
    cue_text: str
    content: Span
    speaker: Token | None
    head: Token | None = None        # the cue verb, when there is one
    direct: bool = False
    dropped: bool = False


def _tok_span(toks) -> Span:
    toks = list(toks)
    return Span(toks[0].idx, toks[-1].idx + len(toks[-1]))


def _trim(text: str, span: Span) -> Span:
    s, e = span
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return Span(s, e)


def _subject(verb: Token) -> Token | None:
    """The speaker token: the verb's subject, the passive's agent, or an inherited subject."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj"):
            return c
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head                  # a relative clause without its own subject
    if verb.dep_ in _INHERIT_DEPS and verb.head.i != verb.i:
        head = verb.head
        if verb.dep_ == "pcomp" and head.pos_ == "ADP" and head.head.i != head.i:
            head = head.head             # "X sang before asking ...": X asked
        return _subject(head) if head.pos_ in ("VERB", "AUX") else None
    return None


def _free_relative(verb: Token) -> bool:
    """Whether the verb names something inside a free relative: 'what critics call "a
    farce"', 'in which he called her "rude"'. The naming is part of the sentence around
    it, not a statement of its own; a relative with a reported clause ('in which he said
    he would stay') or none ('what she said then') still is one."""
    if not any(c.i > verb.i and c.dep_ in ("dobj", "oprd", "attr") for c in verb.children):
        return False
    for c in verb.children:
        if c.i < verb.i and c.lower_ == "what" and c.dep_ in ("dobj", "nsubj", "oprd", "attr"):
            return True
        if c.i < verb.i and c.dep_ == "prep" and any(
                g.lower_ == "which" and g.dep_ == "pobj" for g in c.children):
            return True
    return False


def _inverted_subject(verb: Token) -> Token | None:
    """The name after a verb that opens its sentence: 'Said Ellis: "..."',
    'Added the mayor: "..."'."""
    doc = verb.doc
    if verb.i != verb.sent.start or verb.i + 1 >= len(doc):
        return None
    nxt = doc[verb.i + 1]
    name = nxt if nxt.pos_ == "PROPN" else None
    if name is None and nxt.pos_ == "DET" and verb.i + 2 < len(doc):
        name = doc[verb.i + 2] if doc[verb.i + 2].pos_ in ("NOUN", "PROPN") else None
    if name is None:
        return None
    # The name's last word, followed by the colon or comma that opens the quotation.
    k = name.i
    while k + 1 < len(doc) and doc[k + 1].pos_ == "PROPN":
        k += 1
    return doc[k] if k + 1 < len(doc) and doc[k + 1].text in (":", ",") else None


def _as_clause(tok: Token) -> bool:
    """'As Smith noted, ...', '..., as one aide put it, ...': a cue verb in an "as" clause
    with a subject of its own, hung on the clause it reports. Only a parenthesis set off
    by commas or the sentence's edge, with no object or clause of its own ("it" aside):
    'quiet as crowds continued to stay away', 'as he recognizes the holiday' tell of time."""
    if tok.dep_ != "advcl" or tok.head.i == tok.i \
            or not any(c.dep_ == "mark" and c.lower_ == "as" and c.i < tok.i
                       for c in tok.children) \
            or not any(c.dep_ in _SUBJ_DEPS for c in tok.children) \
            or any(c.dep_ in ("dobj", "ccomp", "xcomp", "conj", "attr", "oprd", "acomp")
                   and c.lower_ != "it" for c in tok.children):
        return False
    doc, sent = tok.doc, tok.sent
    words = [t.i for t in tok.subtree if not t.is_punct]
    first, last = words[0], words[-1]
    before = doc[first - 1] if first > sent.start else None
    if before is not None and before.text in ('"', "”", "''") and first >= 2:
        before = doc[first - 2]          # 'a "lawful income," as a memo put it'
    return (before is None or before.text in (",", "(", "--", "—")) \
        and (last + 1 >= sent.end or doc[last + 1].text in (",", ".", ")", "--", "—", ";"))


# The lemma "put" in every casing: the tokens _put_it can accept.
_PUT = tuple({"".join(c) for c in itertools.product(*zip("put", "PUT"))})


def _put_it(tok: Token) -> bool:
    """ "as X put it": the idiom reports words, though "put" alone is no cue."""
    return tok.lemma_.lower() == "put" and _as_clause(tok) \
        and any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children)


def _content(tok: Token, lemma: str, cues: dict) -> Span | None:
    """The content a cue verb governs, by the verb's class in the cue lists."""
    kids = list(tok.children)
    if _as_clause(tok) and (lemma in cues["clause"] or _put_it(tok)) \
            and not any(c.dep_ in _CLAUSE_DEPS for c in kids):
        # The reported clause is the one the "as" clause hangs on, the "as" clause cut out.
        first, last = tok.left_edge.i, tok.right_edge.i
        left = [t for t in tok.head.subtree if t.i < first]
        right = [t for t in tok.head.subtree if t.i > last]
        words = [side for side in (left, right) if any(not t.is_punct for t in side)]
        if len(words) == 1:
            return _tok_span(words[0])
        if words:                        # a parenthesis inside the clause: all of it
            return _tok_span(left + right)
    if lemma in cues["clause"]:
        # A clause before the verb that opens with "while" or "although" is adverbial
        # however it was parsed ("While he agreed ..., Ham noted ...").
        clause = next((c for c in kids if c.dep_ in _CLAUSE_DEPS and not (
            c.i < tok.i and c.left_edge.dep_ == "mark"
            and c.left_edge.lower_ in ("while", "although", "though", "whereas"))), None)
        if clause is None:
            # "said after the talks he would stay": the parser often hangs a that-less
            # clause behind an adverbial as advcl; one with its own subject and no
            # subordinator ("because", "when") is the reported clause.
            clause = next((c for c in kids if c.dep_ == "advcl" and c.i > tok.i
                           and any(g.dep_ in _SUBJ_DEPS for g in c.children)
                           and not any(g.dep_ == "mark" for g in c.children)), None)
        if clause is not None:
            return _tok_span(clause.subtree)
    if lemma in cues["infinitive"]:
        # "vowed to fight", "urged Congress to act": the to-infinitive is the content.
        deps = ("xcomp", "ccomp", "advcl") if lemma in _OBJECT_CONTROL \
            and any(c.dep_ == "dobj" for c in kids) else ("xcomp", "ccomp")
        inf = next((c for c in kids if c.dep_ in deps and c.i > tok.i
                    and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)), None)
        if inf is not None:
            return _tok_span(inf.subtree)
    preps = cues["prepositional"].get(lemma, ())
    for c in kids:
        # "called for talks", "warned of a crisis": the preposition's object.
        if c.dep_ in ("prep", "prt") and c.lower_ in preps and c.i > tok.i:
            obj = [t for t in c.subtree if t is not c]
            if obj:
                return _tok_span(obj)
    if lemma in cues["object"]:
        # "announced a ceasefire", "called the plan a failure", "described X as Y".
        objs = [c for c in kids if c.i > tok.i and (c.dep_ in _OBJ_DEPS or c.dep_ == "ccomp"
                or c.dep_ == "prep" and c.lower_ == "as")]
        # An "as" phrase alone will do when it holds more than a word ('is describing
        # as "unhinged" a tweet', the object moved behind it).
        if objs and (any(c.dep_ != "prep" for c in objs)
                     or any(len(list(c.subtree)) > 2 for c in objs)):
            return Span(min(o.left_edge.idx for o in objs),
                        max(o.right_edge.idx + len(o.right_edge) for o in objs))
    passive = next((c for c in kids if c.dep_ in ("nsubjpass", "csubjpass")), None)
    if passive is not None and lemma in cues["object"] | cues["clause"] \
            and any(c.dep_ == "agent" for c in kids):
        # "The plan was criticised by X", "Y was accused by X of lying": the passive's
        # complement, else its subject, is the content; the agent is the speaker.
        rest = [c for c in kids if c.i > tok.i and c.dep_ in ("prep", "xcomp", "oprd", "ccomp")]
        if rest:
            return Span(min(c.left_edge.idx for c in rest),
                        max(c.right_edge.idx + len(c.right_edge) for c in rest))
        return _tok_span(passive.subtree)
    if lemma in cues["clause"] and tok.dep_ in ("parataxis", "ccomp") and tok.head.i != tok.i \
            and _subject(tok) is not None and not any(c.dep_ in _OBJ_DEPS for c in kids):
        head = tok.head
        if head.i < tok.i and _before_cue_clause(tok) in (",", "\"", "”", "''", "--", "—"):
            # "CLAUSE, X said": the content is the head clause to the left of the cue.
            left = [t for t in head.subtree if t.i < tok.left_edge.i]
            if left:
                return _tok_span(left)
        elif _before_cue_clause(tok) in (",", "--", "—"):
            # "The plan, he said, will fail": the head clause around the parenthesis.
            return _tok_span(head.subtree)
    return None


def _before_cue_clause(tok: Token) -> str:
    """The token text just before the cue's clause ("X said"), its punctuation left out."""
    first = min(t.i for t in tok.subtree if not t.is_punct)
    return tok.doc[first - 1].text if first > 0 else ""


def _verb_cands(doc: Doc) -> list[_Cand]:
    """One candidate per cue verb (or cue phrase) that governs a content."""
    cues = _cues()
    text = text_of(doc)
    out: list[_Cand] = []
    cue_verbs = _cue_verbs(doc)
    toks = tokens(doc)
    # the cue verbs and the forms of "put" ("as X put it"), in text order
    for i in sorted(cue_verbs.union(where(doc, "lemma", *_PUT))):
        tok = toks[i]
        if not (i in cue_verbs or _put_it(tok)):
            continue
        if tok.tag_ == "VB" and tok.dep_ in ("xcomp", "advcl") \
                and tok.head.lemma_.lower() not in _GO_ON:
            continue          # "to support the troops": a purpose or plan, not a statement
        if _free_relative(tok):
            continue
        content = _content(tok, _lemma(tok), cues)
        if content is None:
            continue
        # The parser sometimes runs a sentence over a line break; reported clauses stay
        # in the cue's paragraph (quotations that run on are joined later).
        para = _paragraph(text, tok.idx)
        content = _trim(text, Span(max(content.start, para.start), min(content.end, para.end)))
        if content.end <= content.start:
            continue
        out.append(_Cand(Span(tok.idx, tok.idx + len(tok)), tok.text, content,
                         _subject(tok), tok))
    out.extend(_phrase_cands(doc))
    out.extend(_noun_cands(doc))
    return out


def _as_label_cands(doc: Doc, quotes: list[Span], cands: list[_Cand]) -> list[_Cand]:
    """A verb that casts its object "as" a quoted label: 'pounded Trump as a "con man"',
    'rated the claim as "false"'. The quotation marks make the label the subject's words,
    whatever the verb; the object and the label are the content."""
    text = text_of(doc)
    have = {c.head.i for c in cands if c.head is not None}
    out = []
    toks = tokens(doc)
    for tok in (toks[i] for i in where(doc, "pos", "VERB")):
        if tok.i in have:
            continue
        # the "as" label first: few verbs have one, and the subject is dearer to find
        kids = [c for c in tok.children if c.i > tok.i]
        label = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "as"), None)
        obj = next((c for c in kids if c.dep_ in ("dobj", "prep") and c is not label
                    and (label is None or c.i < label.i)), None)
        if label is None or obj is None:
            continue
        subj = _subject(tok)
        if subj is None or any(q.start <= tok.idx < q.end for q in quotes):
            continue
        # The quotation opens the label ('as a "con man"', not 'as a man "who ..."').
        words = [t for t in label.subtree if t.i > label.i]
        marked = next((q for q in quotes if words and q.start >= words[0].idx
                       and q.start <= words[min(2, len(words) - 1)].idx), None)
        if marked is None or marked.end > _paragraph(text, tok.idx).end:
            continue
        first = obj.left_edge if obj.dep_ == "dobj" else obj
        out.append(_Cand(Span(tok.idx, tok.idx + len(tok)), tok.text,
                         Span(first.idx, marked.end), subj, tok))
    return out


def _phrase_cands(doc: Doc) -> list[_Cand]:
    """ "according to X": the content is the rest of the sentence."""
    text = text_of(doc)
    toks = tokens(doc)
    out = []
    for phrase in _cues()["phrases"]:
        n = len(phrase)
        for i in where(doc, "lower", phrase[0]):
            if i + n > len(doc) or tuple(t.lower_ for t in toks[i:i + n]) != phrase:
                continue
            last = doc[i + n - 1]
            obj = next((c for c in last.children if c.dep_ == "pobj"), None)
            if obj is None and i + n < len(doc):
                obj = doc[i + n]
            if obj is None:
                continue
            sent = doc[i].sent
            # The phrase ends at its source's head word. (Ending it after the source's whole
            # subtree, "officials in the capital", scored lower on PolNeAR dev.)
            phrase_end = obj.i + 1
            before = doc[sent.start:i]
            after = doc[phrase_end:sent.end]
            if len(before) >= 3 and len(after) >= 3:
                content = Span(sent.start_char, sent.end_char)
            elif len(after) >= len(before) and len(after):
                content = _tok_span(after)
            elif len(before):
                content = _tok_span(before)
            else:
                continue
            # The parser may run a sentence over a paragraph break; the content stays in
            # the phrase's paragraph.
            para = _paragraph(text, doc[i].idx)
            content = Span(max(content.start, para.start), min(content.end, para.end))
            content = _trim(text, content)
            content = _trim_end_punct(text, content)
            if content.end <= content.start:
                continue
            cue = _tok_span(doc[i:i + n])
            out.append(_Cand(cue, text[cue.start:cue.end], content, obj))
    return out


def _noun_cands(doc: Doc) -> list[_Cand]:
    """Noun cues with a that-clause: "Smith's claim that ...", "the allegation that ...".
    The possessor (or a "by"/"from" phrase) is the speaker."""
    nouns = _cues()["nouns"]
    text = text_of(doc)
    out = []
    toks = tokens(doc)
    for tok in (toks[i] for i in where(doc, "pos", "NOUN")):
        if tok.lemma_.lower() not in nouns:
            continue
        kids = list(tok.children)
        # "the claim that taxes rise" (a complement clause), not "the claim that he made"
        # (a relative clause, where "that" is the object rather than a subordinator).
        clause = next((c for c in kids if c.i > tok.i and c.dep_ in ("acl", "ccomp", "relcl")
                       and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)),
                      None)
        if clause is None:
            continue
        owner = next((c for c in kids if c.dep_ == "poss"), None)
        if owner is None:
            by = next((c for c in kids if c.dep_ == "prep" and c.lower_ in ("by", "from")
                       and c.i < clause.i), None)
            owner = next((g for g in by.children if g.dep_ == "pobj"), None) if by else None
        content = _trim_end_punct(text, _trim(text, _tok_span(clause.subtree)))
        if content.end > content.start:
            out.append(_Cand(Span(tok.idx, tok.idx + len(tok)), tok.text, content, owner))
    return out


def _trim_end_punct(text: str, span: Span) -> Span:
    s, e = span
    while e > s and text[e - 1] in ".!?" + _TRIM:
        e -= 1
    return Span(s, e)


def _layout_cands(doc: Doc, quotes: list[Span]) -> list[_Cand]:
    """Attributions made by layout rather than by a verb.

    A quotation signed with a dash ('"..." ― Jane Doe') and a transcript or headline
    line led by a name and a colon ('SMITH: We will ...', 'Jane Doe: Taxes are ...'), but
    not by an editorial label ('Correction: ...').
    """
    text = text_of(doc)
    out = []
    for q in quotes:
        m = _DASH_SIG.match(text, q.end)
        if m:
            name = doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
            if name is not None and name[0].pos_ == "PROPN":
                out.append(_Cand(Span(m.start(1), m.end(1)), m.group(1), q, name.root, None,
                                 direct=True))
    pos = 0
    for line in text.split("\n"):
        m = _NAME_COLON.match(line)
        if m and len(line) > m.end() + 10:
            name = doc.char_span(pos + m.start(1), pos + m.end(1), alignment_mode="expand")
            if name is not None and name.text.lower() not in _cues()["labels"] \
                    and (all(t.pos_ == "PROPN" or t.text.isupper() or t.is_punct for t in name)
                         or pos == 0 and _headline_name(name)):
                content = _trim(text, Span(pos + m.end(), pos + len(line)))
                if text[content.end - 1:content.end] in "\"”" and \
                        text[content.start:content.start + 1] not in "\"“":
                    content = Span(content.start, content.end - 1)   # transcript quoting
                out.append(_Cand(Span(pos + m.end(1), pos + m.end(1) + 1), ":", content,
                                 name.root, None))
        pos += len(line) + 1
    return out


def _headline_name(name) -> bool:
    """A headline's 'Poll: ...' or 'Sanders: ...': capitalised nouns, no function words
    ('The Latest: ...', 'Stealth Over Health: ...' are labels, not sources)."""
    return all(t.is_title and t.pos_ in ("PROPN", "NOUN") and not t.is_stop for t in name)


def _headline_cands(doc: Doc, cands: list[_Cand]) -> list[_Cand]:
    """Cue verbs in a headline that the tagger took for nouns ('Sanders Vows To Cut Taxes',
    'Lawmakers Rip Plan'): the capitalised words before the verb are the speaker, the rest
    of the headline is the content."""
    cues = _cues()
    text = text_of(doc)
    end = text.find("\n") % (len(text) + 1)
    if end > 160 or ". " in text[:end].rstrip(". "):
        return []                        # a first paragraph, not a headline
    have = {c.cue.start for c in cands}
    out = []
    verbs = cues["clause"] | cues["object"] | cues["infinitive"] | cues["headline"]
    for tok in tokens(doc):
        if tok.idx >= end:
            break
        if tok.i == 0 or tok.idx in have or not tok.text[:1].isalpha():
            continue
        word = tok.lower_
        forms = {word, word[:-1] if word.endswith("s") else "", word[:-2] if word.endswith("es")
                 else "", word[:-3] + "y" if word.endswith("ies") else ""}
        if not forms & verbs:
            continue
        if tok.ent_iob_ == "I" and tok.ent_type_ not in ("PERSON", "NORP"):
            continue                     # "Washington Post", "United States": names
        if tok.pos_ == "VERB" and tok.dep_ != "compound" and tok.tag_ != "VBZ":
            continue
        prev = doc[tok.i - 1]
        if not (prev.pos_ in ("PROPN", "NOUN") and prev.text[:1].isupper()):
            continue
        if tok.i + 1 >= len(doc) or doc[tok.i + 1].text in ("-", "\u2011"):
            continue                     # "Post-Debate" is no verb
        if any(tok.idx > c.cue.start for c in cands + out if c.cue.start < end):
            continue                     # the headline's verb is found already
        rest = [t for t in doc[tok.i + 1:] if t.idx < end]
        stop = next((k for k, t in enumerate(rest) if t.text in (";", ":")), len(rest))
        rest = rest[:stop]
        if len(rest) < 2:
            continue
        content = _trim_end_punct(text, _trim(text, _tok_span(rest)))
        out.append(_Cand(Span(tok.idx, tok.idx + len(tok)), tok.text, content, prev))
    return out
