"""What an amount is about: the noun phrase a measure describes, the owner of a count."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...facts import Span
from .change import _root
from .counted import _noun_text
from .grammar import _Expr
from .tables import _tables

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


def _about_heads(doc, e: _Expr, toks):
    """Candidate heads (with the left limit of their phrase) of what a measured quantity is about:
    "X% of <noun>", "$X <noun>", "<noun> of $X", the subject of the governing verb, in that order.
    A head of None means the clause's subject is a pronoun with no named antecedent: stop there."""
    lo = toks[-1].i
    after = _past_brackets(doc, lo + 1)  # "8 miles (13 km) of new tunnels"
    nxt = doc[after] if after < len(doc) else None
    # "24 per cent of adults"
    if nxt is not None and nxt.lower_ == "of":
        objs = [c for c in nxt.children if c.dep_ == "pobj"]
        if objs and objs[0].pos_ in ("NOUN", "PROPN"):
            yield objs[0], nxt.i
    # "$1 billion in gains", "$5m in funding": money in a kind of money
    if nxt is not None and nxt.lower_ == "in" and e is not None and e.first.currency:
        objs = [c for c in nxt.children if c.dep_ == "pobj"]
        # not "in the event of", "in the form of": the kind is a bare noun
        if objs and objs[0].pos_ == "NOUN" and not objs[0].ent_type_ and not any(
                c.dep_ in ("det", "poss", "prep") for c in objs[0].children):
            yield objs[0], nxt.i
    # "$150,000 contract", "6kW electric motor": the quantity modifies a noun after it
    for tok in reversed(toks):
        h = tok.head
        if h.i > lo and h.i - lo <= 6 and h.pos_ in ("NOUN", "PROPN") and tok.dep_ in (
                "nummod", "compound", "amod", "nmod", "quantmod", "npadvmod") and (
                h.i - lo <= 4 or all(h.left_edge.i <= k for k in range(lo + 1, h.i))):
            yield h, lo
    if after > lo + 1 and nxt is not None and nxt.pos_ in ("NOUN", "PROPN"):
        yield nxt, after - 1  # "a 1.8 billion-mile (2.8bn km) journey"
    # "a fine of $3bn", "a speed of 15 mph", "a total of"
    root = toks[-1]
    for tok in toks:
        if tok.head.i < toks[0].i or tok.head.i > toks[-1].i:
            root = tok
            break
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ in ("NOUN", "PROPN"):
        n = root.head.head
        if n.lower_ not in ("total", "average", "sum", "amount", "equivalent", "maximum", "minimum"):
            yield n, -1 if n.i < toks[0].i else lo
    # the subject of the governing verb: "Revenue rose to $7bn", "Tesla jumped 8%"; through
    # "by" phrases the object ("boost the range by 35 miles"); through relative clauses the noun
    # they describe ("Ford, which has 13,000 workers").
    node = root
    via_by = root.dep_ == "pobj" and root.head.lower_ == "by"
    for _ in range(7):
        if node.head.i == node.i:
            break
        child, node = node, node.head
        if node.pos_ in ("VERB", "AUX"):
            if via_by:  # only the verb the "by" phrase hangs on
                objs = [c for c in node.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")]
                if objs:
                    yield objs[0], -1
                via_by = False
            subj = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj and subj[0].pos_ in ("NOUN", "PROPN") and subj[0].i not in range(toks[0].i, toks[-1].i + 1):
                yield subj[0], -1
            if subj and subj[0].pos_ == "NUM":
                # a name ending in a number ("the sp 500 fell"): its words name it
                names = [c for c in subj[0].children if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")]
                if names:
                    yield names[0], -1
            if subj and subj[0].pos_ == "PRON":
                # he/she name the person mentioned last; an "it" or "they" of an adverbial or
                # reported clause has its own, unnamed referent: "Acme says it will cost
                # $40,000" is not about Acme, nor "X rose, although it traded at 150p" about X
                ref = _person_antecedent(doc, subj[0])
                if ref is not None:
                    yield ref, -1
                    return
                if subj[0].lower_ in ("it", "they") and node.dep_ == "advcl":
                    yield None, -1
                    return
                if subj[0].lower_ == "it" and node.dep_ == "ccomp" and any(
                        c.dep_ == "nsubj" and _usable(c) for c in node.head.children):
                    yield None, -1
                    return
            # "Ford, which has 13,000 workers"; "products priced at $10"
            if (node.dep_ == "relcl" or (node.dep_ == "acl" and node.tag_ == "VBN")) and node.head.pos_ in (
                    "NOUN", "PROPN") and not subj:
                yield node.head, -1
            if node.dep_ == "relcl" and node.head.pos_ in ("NOUN", "PROPN"):
                yield node.head, -1
            if node.dep_ in ("conj", "advcl", "xcomp", "ccomp", "pcomp", "acl"):
                continue
            return
        if node.pos_ in ("NOUN", "PROPN") and child.dep_ in ("appos", "prep", "pobj", "npadvmod") \
                and node.i < toks[0].i:
            yield node, -1
    return None


def _person_antecedent(doc, pron: Token) -> Token | None:
    """The person "he"/"she"/"his"/"her" most likely refers to: the last name the recogniser
    tags PERSON before it, in its sentence or the one before (light coreference)."""
    if pron.lower_ not in ("he", "she", "him", "his", "her"):
        return None
    sent = pron.sent
    first = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    for k in range(pron.i - 1, first - 1, -1):
        tok = doc[k]
        if tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN" and _usable(tok):
            # the head of the name ("Kim" in "Jo Kim")
            while tok.dep_ == "compound" and tok.head.ent_type_ == "PERSON" and tok.head.i > tok.i:
                tok = tok.head
            return tok
    return None


def _past_brackets(doc, k: int) -> int:
    """The token after a bracketed aside starting at ``k`` ("(13 km)"), else ``k``."""
    if k < len(doc) and doc[k].text == "(":
        for j in range(k + 1, min(k + 9, len(doc))):
            if doc[j].text == ")":
                return j + 1
    return k


def _about(doc, e: _Expr, toks) -> tuple[str, Span] | None:
    """What a measured quantity is about: the first usable candidate of :func:`_about_heads`,
    else its owner (:func:`_owner`), else the nearest noun before it in the clause."""
    conj = _conjunct_head(doc, toks)
    for head, lo_limit in _about_heads(doc, e, toks):
        if head is None:
            return None
        if _usable(head):
            if conj is not None and head.i < conj[1] and head.i < toks.start:
                # the noun belongs to an earlier conjunct: "A fell 2%, B by 3%" is about B
                return _conjunct_text(doc, *conj)
            return _noun_text(doc, head, lo_limit)
    if conj is not None:
        return _conjunct_text(doc, *conj)
    frm = _from_noun(doc, e, toks)
    if frm is not None:
        return _noun_text(doc, frm, toks.end)
    own = _owner(doc, _root(toks), toks.start, toks.end - 1)
    if own is not None:
        return _noun_text(doc, own, -1 if own.i < toks.start else toks.end - 1)
    near = _next_noun(doc, toks)
    if near is not None:
        return _noun_text(doc, near, toks.end - 1)
    near = _nearest_noun(doc, toks)
    if near is not None:
        return _noun_text(doc, near, -1)
    return None


def _conjunct_head(doc, toks) -> tuple[Token, int] | None:
    """The noun phrase opening the amount's own conjunct with no verb before the amount:
    "..., Crane by 2.6%", "... and bread and milk between 6% and 7%", "were Acme, down 6p",
    "and Dunmore was down 1.9%". Returns its head and the index where the phrase starts."""
    start = toks[0].sent.start
    k = toks.start - 1
    commas = 0
    while k >= start and (doc[k].pos_ in ("ADP", "ADV", "AUX", "PART") or doc[k].text == ","):
        if doc[k].text == ",":
            commas += 1
            if commas > 1:
                return None
        elif doc[k].pos_ == "PART" and doc[k].lower_ != "to":
            return None
        k -= 1
    if (k >= start and doc[k].dep_ == "pobj" and doc[k].head.pos_ == "ADP"
            and doc[k].head.head.pos_ in ("NOUN", "PROPN") and start <= doc[k].head.head.i < k):
        k = doc[k].head.head.i  # "and the voltage across it was 9 volts"
    if k < start or doc[k].pos_ not in ("NOUN", "PROPN") or not _usable(doc[k]):
        return None
    head = doc[k]
    j = k
    while j - 1 >= start and ((doc[j - 1].pos_ in ("NOUN", "PROPN") and _usable(doc[j - 1]))
                              or doc[j - 1].pos_ in ("ADJ", "DET") or doc[j - 1].tag_ == "POS"
                              or (doc[j - 1].pos_ == "CCONJ" and j - 2 >= start and _usable(doc[j - 2]))):
        j -= 1
    before = doc[j - 1] if j > start else None
    if before is not None and not (before.text in (",", ";", ":", "—", "–", "-")
                                   or before.pos_ in ("CCONJ", "AUX")):
        return None
    # a conjunct starts here only after something else: "Sales rose 5%" has no earlier one
    return (head, j) if j > start else None


def _conjunct_text(doc, head: Token, start: int) -> tuple[str, Span]:
    """The words of a conjunct's noun phrase, coordinated nouns included ("bread and milk")."""
    while start < head.i and doc[start].pos_ == "DET":
        start += 1
    span = doc[start:head.i + 1]
    return span.text, Span(span.start_char, span.end_char)


def _from_noun(doc, e: _Expr, toks) -> Token | None:
    """A rate measured over something: "shooting 48% from the field" is about the field."""
    k = toks.end
    if e.unit != "percent" or k >= len(doc) or doc[k].lower_ != "from":
        return None
    objs = [c for c in doc[k].children if c.dep_ == "pobj"]
    if objs and _usable(objs[0]) and objs[0].ent_type_ not in ("GPE", "LOC", "ORG", "DATE"):
        return objs[0]
    return None


def _next_noun(doc, toks) -> Token | None:
    """A noun right after the amount, past modifiers only: "a 40% nitric acid solution"."""
    for k in range(toks.end, min(toks.end + 5, len(doc))):
        tok = doc[k]
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("compound", "amod", "nmod"):
            return tok if _usable(tok) else None
        if tok.pos_ not in ("ADJ", "NOUN", "PROPN", "VERB", "ADV") or tok.tag_ in ("VBZ", "VBD", "VBP", "MD"):
            return None
    return None


def _nearest_noun(doc, toks) -> Token | None:
    """The closest usable noun phrase head before ``toks`` in its sentence, not across a clause
    break (";", ":", a dash)."""
    sent_start = toks[0].sent.start
    for k in range(toks.start - 1, sent_start - 1, -1):
        tok = doc[k]
        if tok.text in (";", ":", "--", "—"):
            return None
        if _usable(tok):
            head = tok
            while head.dep_ in ("compound", "amod") and head.head.i > head.i and head.head.i < toks.start:
                head = head.head
            return head if _usable(head) else tok
    return None


# Nouns that only frame an amount ("a total of", "the rest of"): never its owner.
_FRAME_NOUNS = {"total", "sum", "amount", "equivalent", "maximum", "minimum", "number", "rest",
                "majority", "lot", "one", "each", "all", "some", "most", "many", "none", "tune",
                "order", "worth", "average", "handful", "couple", "dozen", "dozens", "hundreds",
                "thousands", "millions", "billions", "tens", "scores", "half", "halves", "third", "thirds"}


_PEOPLE = {"people", "persons", "person", "individuals", "individual"}

# Verbs whose object is done to, not held by, their subject: "the army killed 30 fighters" counts
# fighters, not the army's; "flooding displaced 12,000 people" counts people, not flooding's.
# Not "cut", "fire" or "hire": "Acme cut 650 jobs" are Acme's jobs.
_DONE_TO = {"kill", "wound", "injure", "displace", "arrest", "detain", "capture", "evacuate", "rescue",
            "free", "release", "deport", "expel", "execute", "shoot", "abduct", "kidnap", "attack",
            "murder", "massacre", "behead", "torture", "imprison", "jail", "force", "drive", "uproot",
            "strand", "trap", "bury", "infect", "sicken", "treat", "vaccinate", "shelter", "house"}


_CLIMB_DEPS = {"xcomp", "conj", "advcl", "ccomp", "pcomp", "acl", "prep", "pobj", "dobj", "npadvmod",
               "advmod", "acomp", "attr", "oprd", "appos", "dative", "nummod", "quantmod", "amod",
               "compound", "dep", "agent", "prt"}


def _usable(tok: Token) -> bool:
    """A noun that can name what an amount is about: not a pronoun, a number or a unit word."""
    t = _tables()
    # the tagger reads some all-capital names as adjectives ("ACME has opened ...")
    noun = tok.pos_ in ("NOUN", "PROPN") or (tok.pos_ == "ADJ" and tok.dep_ in ("nsubj", "nsubjpass")
                                             and tok.text[:1].isupper()) or (
        # ... and some acronyms as verbs ("this year's MSRP is $30,000")
        tok.pos_ == "VERB" and len(tok.text) >= 3 and tok.is_alpha and tok.text.isupper()
        and not tok.sent.text.isupper())
    # digits only in a name glued to letters ("TA-125", "F-35"), never in a bare number
    digits = any(ch.isdigit() for ch in tok.text) and not (
        tok.pos_ == "PROPN" and re.fullmatch(r"[A-Za-z]{2,}-\d+", tok.text))
    return (noun and not tok.like_num and not digits
            and not (tok.pos_ == "NOUN" and len(tok.text.rstrip(".")) == 1)  # a stray letter
            and not _measure_word(tok)
            and tok.lower_ not in _FRAME_NOUNS and tok.ent_type_ not in ("DATE", "TIME")
            # a name the recogniser swept into an amount ("Nasdaq +0.8%") is still a name
            and (tok.ent_type_ not in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL")
                 or (tok.pos_ == "PROPN" and tok.is_alpha)))


def _measure_word(tok: Token) -> bool:
    """A unit word that measures here: a symbol ("mph", "km"), or a unit with a number
    ("30 miles"). A spelt-out unit that is itself the topic ("Horsepower jumped") is not."""
    t = _tables()
    if tok.lower_ not in t.unit_of and tok.lemma_.lower() not in t.unit_of:
        return False
    if any(c.like_num or c.pos_ == "NUM" for c in tok.children):
        return True
    if (tok.dep_ in ("nsubj", "nsubjpass") and tok.is_alpha and tok.lower_ not in t.glued_only
            and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)):
        return False  # "The Japanese yen rose": a currency as the topic
    if len(tok.text) <= 3 or tok.lower_ in t.glued_only or not tok.is_alpha:
        return True
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and (prev.like_num or prev.pos_ == "NUM"):
        return True
    if tok.tag_ == "NN" and any(c.dep_ == "compound" and c.i == tok.i - 1 and c.pos_ in ("NOUN", "VERB")
                                and c.is_alpha and c.lower_ not in t.unit_of for c in tok.children):
        return False  # "melting point", "price point": a noun of its own
    return not (tok.dep_ in ("nsubj", "nsubjpass") and tok.tag_ == "NN")


def _owner(doc, node: Token, lo: int, hi: int) -> Token | None:
    """The entity an amount belongs to: the possessor of ``node``, the noun an "of" phrase
    hangs on ("a poll of 900 voters"), the subject of the clause ("Acme has 40 stores",
    "Acme plans to cut 650 jobs") or the noun a relative clause describes ("Acme, which has
    40 stores"). Tokens ``lo..hi`` (the amount and its counted noun) are never it.
    """
    for c in node.children:
        if c.dep_ == "poss" and _usable(c):
            return c
    cur = node
    for _ in range(8):
        h = cur.head
        if h.i == cur.i:
            return None
        dep = cur.dep_
        if h.pos_ in ("VERB", "AUX"):
            if dep in ("nsubj", "nsubjpass"):
                return None  # the amount is a subject itself, another one is no owner ("A, but 9 B proves")
            if dep == "dobj" and h.lemma_ in _DONE_TO:
                return None
            subj = [c for c in h.children if c.dep_ in ("nsubj", "nsubjpass") and not lo <= c.i <= hi]
            if subj and _usable(subj[0]):
                return subj[0]
            if subj and subj[0].pos_ != "PRON":
                return None
            if subj:
                ref = _person_antecedent(doc, subj[0])
                if ref is not None:
                    return ref  # "Kim, where he has 4,000 followers"
            if (subj and subj[0].lower_ in ("it", "they") and h.dep_ == "ccomp"
                    and h.head.pos_ == "VERB"):
                # "Acme said it would close 40 stores": the pronoun is the speaker
                said = [c for c in h.head.children if c.dep_ == "nsubj" and _usable(c)]
                if said:
                    return said[0]
            if h.dep_ == "relcl" and _usable(h.head):
                return h.head
            if dep in ("nsubj", "nsubjpass") and not subj:
                return None  # the amount is the subject: "Two mosques were damaged"
            if any(c.dep_ == "expl" for c in h.children):
                return None  # "there are 50 fighters": nobody's
            # not through "ccomp": in "Officials think there are 50 fighters" the officials
            # own the thinking, not the fighters
            if h.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acl", "relcl"):
                cur = h
                continue
            return None
        if (h.pos_ in ("NOUN", "PROPN") and dep == "prep" and not lo <= h.i <= hi
                # "shootings at two mosques": the noun a place hangs on does not own it
                and cur.lower_ not in ("at", "in", "on", "near", "across", "inside", "outside")):
            if h.dep_ == "attr" and h.head.lemma_ == "be":
                # "Porto is the home port for 60 boats": the subject is what the noun names
                subj = [c for c in h.head.children if c.dep_ == "nsubj" and _usable(c)]
                if subj:
                    return subj[0]
            if _usable(h):
                return h  # "a poll of 900 voters", "a team with 11 players"
        if h.pos_ in ("NOUN", "PROPN") and dep == "relcl" and _usable(h):
            return h
        if dep not in _CLIMB_DEPS and h.pos_ not in ("ADP",):
            return None
        cur = h
    return None


def _with_owner(doc, about: tuple[str, Span], counted: Token, lo: int, hi: int) -> tuple[tuple[str, Span], bool]:
    """``about`` with the entity it belongs to: "episodes of drama" when the counted
    noun has an "of" complement, else prefixed with its owner (:func:`_owner`): "Acme workers".
    The span stays the counted noun phrase's."""
    for prep in counted.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i == counted.i + 1:
            objs = [c for c in prep.children if c.dep_ == "pobj" and _usable(c)]
            if objs:
                text, _ = _noun_text(doc, objs[0], prep.i)
                return (f"{about[0]} of {text}", about[1]), True
    owner = _owner(doc, counted, lo, hi)
    if owner is None or owner.i in range(*_char_tok_range(doc, about[1])):
        return about, False
    text, _ = _noun_text(doc, owner, -1 if owner.i < lo else lo)
    if text.lower() in about[0].lower():
        return about, True
    return (f"{text} {about[0]}", about[1]), True


def _char_tok_range(doc, span: Span) -> tuple[int, int]:
    s = doc.char_span(span.start, span.end, alignment_mode="expand")
    return (s.start, s.end) if s is not None else (0, 0)
