"""Statements: who said what, from a parsed spaCy ``Doc``.

Two passes meet here. The *syntactic* pass walks the dependency parse: a reporting verb
from ``kg/data/cues.json`` ("said", "warned", "believes", ...) whose clausal complement is
the content and whose subject is the speaker; the parenthetical "CLAUSE, X said"; and the
phrase "according to X". The *quotation* pass finds quotations by their marks (straight,
curly, guillemets, a quote that runs over paragraphs) and ties each one to the cue next to
it, so that a quotation is one direct statement however the parser split it.

The result holds character offsets only (:class:`kg.facts.Statement`); ``date`` is left
for the linker.
"""
from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import TYPE_CHECKING

from . import text_of
from ..facts import Actor, Span, Statement

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

__all__ = ["statements", "find_quotes"]

# Dependency labels of a verb's clausal content, of its subject and of its object.
_CLAUSE_DEPS = {"ccomp"}
_SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj"}
_OBJ_DEPS = {"dobj", "attr", "oprd"}
# A reporting verb whose own clause is tied to its head by these inherits the head's
# subject: "..., adding that ...", "X said ... and warned ...".
_INHERIT_DEPS = {"advcl", "conj", "xcomp", "pcomp"}
# "went on to say", "continued to insist": the infinitive is the statement itself.
_GO_ON = {"go", "continue", "proceed"}
# Verbs whose object is told to do something ("urged voters to stay"); the parser often
# hangs their to-infinitive on as an adverbial clause.
_OBJECT_CONTROL = {"advise", "ask", "beg", "encourage", "exhort", "implore", "instruct",
                   "order", "press", "tell", "urge", "warn"}
# Characters trimmed from the edges of a content span: a clause reads better without the
# comma or colon that joined it to its cue.
_TRIM = " \t\n,;:—–-"
# '"..." ― Jane Doe': a quotation signed with a dash and a capitalised name.
_DASH_SIG = re.compile(r"\s*([―—–]|--)\s*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})")
# 'SMITH: ...' or 'Jane Doe: ...' at the start of a line (transcripts, headlines).
_NAME_COLON = re.compile(r"[\"“]?\s*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):\s")


@functools.cache
def _cues() -> dict:
    """The cue lists, read once from the package data."""
    data = json.loads((files("kg") / "data" / "cues.json").read_text(encoding="utf-8"))
    verbs = {k: frozenset(v) for k, v in data["verbs"].items()}
    marks = data["quote_marks"]
    return {
        "clause": verbs["clause"], "object": verbs["object"], "infinitive": verbs["infinitive"],
        "any": verbs["clause"] | verbs["object"] | verbs["infinitive"]
        | frozenset(data["prepositional"]),
        "phrases": [tuple(p) for p in data["phrases"]],
        "prepositional": {k: frozenset(v) for k, v in data["prepositional"].items()},
        "nouns": frozenset(data["nouns"]),
        "headline": frozenset(data["headline_verbs"]),
        "person": frozenset(data["pronouns"]["person"]),
        "relative": frozenset(data["pronouns"]["relative"]),
        "titles": frozenset(data["titles"]),
        "open": tuple(marks["open"]), "close": tuple(marks["close"]),
        "straight": tuple(marks["straight"]),
    }


# --------------------------------------------------------------------------- quotations

@functools.cache
def _mark_pattern() -> tuple[re.Pattern, dict[str, str]]:
    """One regex for every quotation mark; alternatives keep the order open, close, straight,
    so at any position the first kind that matches wins."""
    cues = _cues()
    kinds: dict[str, str] = {}
    for kind in ("open", "close", "straight"):
        for mark in cues[kind]:
            kinds.setdefault(mark, kind)
    return re.compile("|".join(re.escape(m) for m in kinds)), kinds


def _marks(line: str, offset: int):
    """Yield ``(start, end, kind)`` for every double quotation mark in one line."""
    pattern, kinds = _mark_pattern()
    for m in pattern.finditer(line):
        yield offset + m.start(), offset + m.end(), kinds[m.group()]


def find_quotes(text: str) -> list[Span]:
    """Quotations in ``text``, marks included, in text order.

    A straight mark closes only a straight mark and a curly one only a curly one, so a
    quotation may hold a differently marked inner quote. A paragraph (line) that opens a
    quotation without closing it is continued by the next paragraph when that one opens
    with a quotation mark (the newspaper convention); otherwise the quotation ends with its
    paragraph.

    >>> t = 'He said "yes, " and \u201cno.\u201d'
    >>> [t[s.start:s.end] for s in find_quotes(t)]
    ['"yes, "', '\u201cno.\u201d']
    """
    quotes: list[Span] = []
    pending: int | None = None          # start of a quote carried over from a paragraph
    pos = 0
    for line in text.split("\n"):
        start_of_line = pos
        pos += len(line) + 1
        if not line.strip():
            continue                     # blank lines separate paragraphs; carry on
        body = line.lstrip()
        lead = start_of_line + len(line) - len(body)
        marks = list(_marks(line, start_of_line))
        if marks and marks[0][0] == lead and marks[0][2] == "close" and len(marks) > 1:
            # A paragraph that opens with a closing mark ('”We lost.”') is a typo
            # for an opening one.
            marks[0] = (marks[0][0], marks[0][1], "open")
        marks = _pair_mixed_marks(text, marks)
        if pending is not None and not (marks and marks[0][0] == lead
                                        and marks[0][2] != "close"):
            # The carried quote is not continued: it ended with its paragraph.
            quotes.append(Span(pending, _rstrip_end(text, prev_end)))
            pending = None
        open_at = open_kind = None
        for k, (s, e, kind) in enumerate(marks):
            if open_at is None:
                if kind != "close":
                    open_at, open_kind = s, kind
                    if pending is not None and k == 0:
                        open_at = pending        # continuation of the previous paragraph
                    pending = None
            elif kind == open_kind == "straight" or (open_kind == "open" and kind == "close"):
                quotes.append(Span(open_at, e))
                open_at = None
        if open_at is not None:
            pending = open_at
        prev_end = start_of_line + len(line)
    if pending is not None:
        quotes.append(Span(pending, _rstrip_end(text, prev_end)))
    return [q for q in quotes if q.end > q.start + 1]


def _pair_mixed_marks(text: str, marks: list) -> list:
    """Let a straight mark stand in for the missing half of a curly pair.

    Typing slips mix the two kinds ('“We lost," he said'): a curly mark left without
    its partner takes the nearest straight mark that faces the right way, but only where
    the straight marks in between are odd in number (an even count pairs among itself).
    """
    marks = list(marks)
    curly = [k for k, m in enumerate(marks) if m[2] != "straight"]
    unmatched, depth_at = [], None
    for k in curly:
        if marks[k][2] == "open":
            if depth_at is not None:
                unmatched.append(depth_at)
            depth_at = k
        elif depth_at is None:
            unmatched.append(k)
        else:
            depth_at = None
    if depth_at is not None:
        unmatched.append(depth_at)
    for k in unmatched:
        s, e, kind = marks[k]
        if kind == "open":
            stop = next((j for j in curly if j > k), len(marks))
            between = [j for j in range(k + 1, stop) if marks[j][2] == "straight"]
            facing = [j for j in between if _closes(text, *marks[j][:2])]
            if len(between) % 2 and facing:
                j = facing[0]
                marks[j] = (marks[j][0], marks[j][1], "close")
        else:
            begin = max((j for j in curly if j < k), default=-1)
            between = [j for j in range(begin + 1, k) if marks[j][2] == "straight"]
            facing = [j for j in between if _opens(text, *marks[j][:2])]
            if len(between) % 2 and facing:
                j = facing[-1]
                marks[j] = (marks[j][0], marks[j][1], "open")
    return marks


def _closes(text: str, s: int, e: int) -> bool:
    """A mark after a word and before a space, punctuation or the line's end."""
    return s > 0 and not text[s - 1].isspace() and (e >= len(text) or not text[e].isalnum())


def _opens(text: str, s: int, e: int) -> bool:
    """A mark after a space (or at the start) and before a word."""
    return (s == 0 or text[s - 1].isspace() or text[s - 1] in "([") \
        and e < len(text) and not text[e].isspace()


def _rstrip_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


# --------------------------------------------------------------------------- candidates

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
    if verb.dep_ in _INHERIT_DEPS and verb.head is not verb:
        head = verb.head
        if verb.dep_ == "pcomp" and head.pos_ == "ADP" and head.head is not head:
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


def _lemma(tok: Token) -> str:
    # The tagger sometimes takes a sentence-initial "Said" for a proper noun.
    if tok.lower_ in ("said", "says"):
        return "say"
    lemma = tok.lemma_.lower()
    # The lemmatiser strips an "-e" it should keep ("hopes" -> "hop", "rated" -> "rat").
    if lemma not in _cues()["any"] and tok.lower_.startswith(lemma + "e") \
            and lemma + "e" in _cues()["any"]:
        return lemma + "e"
    return lemma


def _is_cue_verb(tok: Token, cues: dict) -> bool:
    return (tok.pos_ == "VERB" or tok.lower_ in ("said", "says")) and _lemma(tok) in cues["any"]


def _content(tok: Token, lemma: str, cues: dict) -> Span | None:
    """The content a cue verb governs, by the verb's class in the cue lists."""
    kids = list(tok.children)
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


def _paragraph(text: str, i: int) -> Span:
    """The line (paragraph) that holds offset ``i``."""
    return Span(text.rfind("\n", 0, i) + 1, text.find("\n", i) % (len(text) + 1))


def _verb_cands(doc: Doc) -> list[_Cand]:
    """One candidate per cue verb (or cue phrase) that governs a content."""
    cues = _cues()
    text = text_of(doc)
    out: list[_Cand] = []
    for tok in doc:
        if not _is_cue_verb(tok, cues):
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


def _phrase_cands(doc: Doc) -> list[_Cand]:
    """ "according to X": the content is the rest of the sentence."""
    text = text_of(doc)
    lowers = [t.lower_ for t in doc]
    out = []
    for phrase in _cues()["phrases"]:
        n = len(phrase)
        for i in range(len(doc) - n + 1):
            if lowers[i] != phrase[0] or tuple(lowers[i:i + n]) != phrase:
                continue
            last = doc[i + n - 1]
            obj = next((c for c in last.children if c.dep_ == "pobj"), None)
            if obj is None and i + n < len(doc):
                obj = doc[i + n]
            if obj is None:
                continue
            sent = doc[i].sent
            phrase_end = max(obj.subtree, key=lambda t: t.i).i + 1 if obj.head is last \
                else obj.i + 1
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
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in nouns:
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
    line led by a name and a colon ('SMITH: We will ...', 'Jane Doe: Taxes are ...').
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
            if name is not None and (all(t.pos_ == "PROPN" or t.text.isupper() or t.is_punct
                                         for t in name) or pos == 0 and _headline_name(name)):
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
    for tok in doc:
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


# --------------------------------------------------------------------------- quotes × cues

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
    toks = [t for t in doc if gap.start <= t.idx < gap.end]
    return any(_is_cue_verb(t, cues) or t.tag_ == "VBG" and t.i > 0
               and doc[t.i - 1].text == "," for t in toks)


def _clause_after_cue(cand: _Cand, gap: Span) -> bool:
    """Whether the cue verb has a clause of its own after it inside ``gap`` ('said, while
    fans waved ...')."""
    head = cand.head
    return head is not None and any(
        c.dep_ in ("advcl", "conj", "ccomp", "xcomp") and c.i > head.i
        and gap.start <= c.idx < gap.end for c in head.children)


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _same_para(text: str, a: int, b: int) -> bool:
    return "\n" not in text[a:b]


def _introduces(text: str, a: int, b: int) -> bool:
    """Whether a cue ending at ``a`` can introduce a quote at ``b``: same paragraph, or
    the next one after a colon ("He said:" + a quoted paragraph)."""
    between = text[a:b]
    return "\n" not in between or (between.rstrip().endswith(":")
                                   and between.count("\n") <= 2)


# A full stop after one of these ends no sentence: a title ("Rep.", "Sen."), an initial
# ("E."), a state ("Md.", "Calif.") -- short capitalised words -- or "D-Md.".
_ABBREV = re.compile(r"(?:[A-Z][a-z]{0,4}|[A-Z]\.?(?:[A-Z]\.?)*|[A-Z]-[A-Z][a-z]{0,4})$")


_NICKNAME = re.compile(r"[A-Z][\w.]*\s$")


def _nickname(text: str, q: Span) -> bool:
    """A quoted word or two inside a name: 'Marcia "Cia" Price'."""
    inner = text[q.start + 1:q.end - 1]
    return 0 < len(inner.split()) <= 2 and inner[:1].isupper() \
        and bool(_NICKNAME.search(text[max(0, q.start - 20):q.start])) \
        and text[q.end:q.end + 2][:1] == " " and text[q.end + 1:q.end + 2].isupper()


def _sentence_ends(between: str) -> bool:
    """Whether a full stop in ``between`` ends a sentence (the mark of an abbreviation
    does not)."""
    for m in re.finditer(r"\.", between):
        word = re.search(r"[\w-]*$", between[:m.start()]).group()
        if not word or not _ABBREV.match(word):
            return True
    return False


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
    cues = _cues()
    have = {c.head.i for c in cands if c.head is not None}
    text = text_of(doc)
    for tok in doc:
        if tok.i in have or not _is_cue_verb(tok, cues):
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


# --------------------------------------------------------------------------- speakers

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
    ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
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
    if tok.lower_ in cues["relative"] and tok.head.head is not tok.head:
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


# --------------------------------------------------------------------------- API

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
    _quote_only_cands(doc, quotes, cands)
    _cut_at_participle_cues(doc, cands)
    _attach_quotes(doc, cands, quotes)
    cands = [c for c in cands if c.content.end > c.content.start]
    _extend_to_final_quote(doc, cands, quotes)
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
            # A mixed quote (a quoted stretch inside reported speech) is still quoted speech.
            c.direct = any(q.overlaps(c.content) for q in quotes)
        result.append(Statement(id=f"s{len(result) + 1}", cue=c.cue_text, cue_span=c.cue,
                                content_span=c.content, direct=c.direct, speaker=key,
                                speaker_span=span))
    return result
