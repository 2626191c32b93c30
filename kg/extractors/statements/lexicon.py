"""The cue lexicon read from ``kg/data/cues.json`` and the dependency labels the
statement rules read: which words report speech, and how.
"""
from __future__ import annotations

import functools
import json
from importlib.resources import files
from typing import TYPE_CHECKING

from ..doccache import per_doc, tokens, where

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


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
        "labels": frozenset(data["labels"]),
        "open": tuple(marks["open"]), "close": tuple(marks["close"]),
        "straight": tuple(marks["straight"]),
    }


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


@per_doc
def _cue_verbs(doc) -> frozenset[int]:
    """Indices of the doc's cue verbs (two candidate passes walk them)."""
    cues = _cues()
    toks = tokens(doc)
    # only a verb or "said"/"says" can be one (see _is_cue_verb): the rest are never read
    maybe = where(doc, "pos", "VERB") + where(doc, "lower", "said", "says")
    return frozenset(i for i in maybe if _is_cue_verb(toks[i], cues))
