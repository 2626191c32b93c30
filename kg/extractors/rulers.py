"""Entity rules around the statistical NER.

Before the NER, an entity ruler adds the project's known groups and organisations. After it,
``kg_news`` applies general rules for news copy that a small model gets wrong:

1. ALL-CAPS lines (headlines, datelines, result tables) are truecased: each word takes the
   casing it has elsewhere in the article, else lower case when it is an English word (and no
   big place; "KANSAS CITY" keeps its capitals), else Title case; the line is re-parsed and its
   entities replace the model's. Truecasing keeps every character offset.
2. Boundaries: an entity never runs across a line break, a bracket, a comma, semicolon or
   colon, a spaced dash, a quote, a number or a word that never stands inside a name ("at",
   "or", "and" between two people); a leading article, month or weekday and trailing
   lower-case words are trimmed. A given name and a name the gazetteer does not know are a
   person, not a place; a name ending in "Open", "Cup", "Tour"... is a sporting event; one
   common word capitalised only because it opens a line or sentence ("Attendance :") is no
   entity.
3. "J. Smith", "T.O'Gorman": an initial and a capitalised word are a person ("U.S.", "U.N."
   are no initials).
4. Datelines ("LONDON 1996-08-30", "WIGAN, England Aug 30") open with a place.
5. Sports results: in a result line ("Ayr 6 Berwick 0"), a standings row ("Ayr 4 2 1 1 6 3
   7"), a fixture ("Ayr v Berwick") or after "beat"/"drew with", names are teams (ORG), or a
   country (national teams keep GPE) — unless they look like a person (a given name or an
   initial first). In "Name ( Country )" the country is GPE and a person-like or foreign
   name a PERSON. An acronym defined in brackets ("... Party ( KDP )") is that organisation
   throughout. Sports articles: see :mod:`kg.extractors.sportsnames` (teams in prose, team
   sheets, riders' teams).
6. One sense per article: a person's surname alone is that person (also a family name written
   first: "Wang Donghai", then "Wang"); a name tagged in one place is tagged where it recurs
   untagged, and takes its majority label.

Every rule but the first works on a Doc's entities alone, so tests build Docs by hand.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from importlib.resources import files

from spacy.lang.en.stop_words import STOP_WORDS

from . import text_of
from .doccache import per_doc, tokens, words as doc_words
from .actors import _norm, known_actors, ruler_patterns, titles

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
_MONTHS = ("january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec").split()
_DAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_BREAK = frozenset({"(", ")", "[", "]", "{", "}", ",", ";", ":", '"', "``", "''", "/", "|", "=", "+", "*"})
_DASHES = frozenset({"-", "--", "–", "—"})
_PUNCT = frozenset({".", ",", ";", ":", "!", "?", "(", ")", "[", "]", '"', "'", "-", "--", "&", "/"})
_CONNECT = frozenset({"of", "de", "del", "della", "di", "da", "do", "dos", "van", "von", "der", "den",
                      "la", "le", "du", "des", "al", "el", "bin", "ibn", "&", "'s", "y", "the", "and"})
_INNER_OK = frozenset({"of", "de", "del", "della", "di", "da", "do", "dos", "van", "von", "der", "den",
                       "la", "le", "du", "des", "al", "el", "bin", "ibn", "&", "y", "wa", "ben", "bint"})
_NUMERIC = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "ORDINAL"})
_SCORE = re.compile(r"^\d{1,3}$")
_STAT = re.compile(r"^(?:\d+(?:[.,:/-]\d+)*|\.\d+|-)$")
_NUMBERISH = re.compile(r"^[\d.,:/'-]*\d[\d.,:/'-]*$")
_INITIAL = re.compile(r"^(?:[A-Z]\.){1,3}$")
_SPORT_VERBS = frozenset({"beat", "beats", "defeated", "defeats", "edged", "thrashed", "routed", "crushed",
                          "overcame", "outplayed", "downed", "whipped", "upset", "drew", "draw", "tied"})
_FIXTURE = frozenset({"v", "v.", "vs", "vs.", "versus"})
_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z.'&-]*(?: [A-Z][A-Z.'&-]*){0,3})"
                       r"(?:\s*,\s*(?P<region>[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,2}))?\s+"
                       r"(?:\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}(?:/\d{2,4})?|(?:" + "|".join(
                           m.capitalize() for m in _MONTHS) + r")\.? \d{1,2}|\((?:Reuters|AP|AFP)\))")


def add_to(nlp) -> None:
    """Add the project's entity ruler (known armed groups and organisations) before the NER and
    the news rules after it, once."""
    if "kg_ruler" not in nlp.pipe_names:
        # Case-sensitive matching, so the alias "IS" never matches the verb "is".
        ruler = nlp.add_pipe("entity_ruler", name="kg_ruler", before="ner",
                             config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True})
        ruler.add_patterns(ruler_patterns())
    if "kg_news" not in nlp.pipe_names:
        _register()
        nlp.add_pipe("kg_news", after="ner")


@functools.cache
def _register() -> None:
    from spacy.language import Language

    @Language.factory("kg_news")
    def _make(nlp, name):  # noqa: ANN001
        return NewsRules(nlp)


@functools.cache
def given_names() -> frozenset[str]:
    """Given names (shipped list): evidence that a capitalised word opens a person's name."""
    text = files("kg").joinpath("data/ner_given_names.txt").read_text("utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


@functools.cache
def english_words() -> frozenset[str]:
    """English words, lower case: the pinned model's WordNet lemma index and spaCy's stop words."""
    from .. import nlp as kg_nlp
    model = kg_nlp.load()
    words: set[str] = set(model.Defaults.stop_words)
    try:
        lookups = model.get_pipe("lemmatizer").lookups
        index, irregular = lookups.get_table("lemma_index"), lookups.get_table("lemma_exc")
        for pos in ("noun", "verb", "adj", "adv"):
            words.update(w for w in index[pos] if w.isalpha())
            words.update(w for w in irregular.get(pos, {}) if w.isalpha())  # "women", "ran"
    except (KeyError, ValueError):  # pragma: no cover - a pipeline without lookups
        pass
    return frozenset(words)


def is_english(word: str) -> bool:
    """Whether a word, in any case and inflection, is an English word ("WINS", "Women")."""
    w = word.lower()
    words = english_words()
    if w in words:
        return True
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("men", "man"),
                         ("ing", ""), ("ing", "e"), ("er", ""), ("est", ""), ("'s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 2 and w[:-len(suffix)] + repl in words:
            return True
    return False


class NewsRules:
    """The ``kg_news`` pipeline component: see the module docstring."""

    def __init__(self, nlp):
        self.nlp = nlp

    def _parse(self, text: str):
        doc = self.nlp.make_doc(text)
        for name, proc in self.nlp.pipeline:
            if name != "kg_news":
                doc = proc(doc)
        return doc

    def __call__(self, doc):
        ents = recase_caps_lines(doc, list(doc.ents), self._parse, is_english)
        set_ents(doc, fix(doc, ents))
        return doc



def fix(doc, ents: list) -> list:
    """Every rule but truecasing, in order, on a Doc's entity spans."""
    ents = fix_boundaries(doc, ents)
    ents = people_not_places(doc, ents)
    ents = events(doc, ents)
    ents = no_slugs(doc, ents)
    ents = no_common_words(doc, ents)
    ents = initials(doc, ents)
    ents = datelines(doc, ents)
    ents = extend_orgs(doc, ents)
    ents = companies(doc, ents)
    ents = acronyms(doc, ents)
    ents = sports(doc, ents)
    from . import sportsnames  # it builds on this module's helpers
    ents = sportsnames.prose_teams(doc, ents)
    ents = sportsnames.lineups(doc, ents)
    ents = sportsnames.rider_teams(doc, ents)
    ents = one_sense(doc, ents)
    return ents


def set_ents(doc, ents: list) -> None:
    doc.set_ents(_dedupe(ents), default="outside")


# -- helpers -------------------------------------------------------------------------------------

def _span(doc, start: int, end: int, label: str, like=None):
    from spacy.tokens import Span
    if like is not None and like.start == start and like.end == end and like.label_ == label:
        return like
    return Span(doc, start, end, label=label, span_id=like.id if like is not None else 0)


@per_doc     # asked by several rules of the same doc; shared, so never mutated
def lines(doc) -> list[tuple[int, int]]:
    """Token ranges of the doc's lines (a token holding a line break ends a line)."""
    out, start = [], 0
    for i, w in enumerate(doc_words(doc)):
        if "\n" in w:
            if i > start:
                out.append((start, i))
            start = i + 1
    if start < len(doc):
        out.append((start, len(doc)))
    return out


@per_doc
def cased(doc) -> list[str]:
    """The tokens' texts, truecased on ALL-CAPS lines: ``cased(doc)[i]`` is ``_text(doc[i])``.
    Kept from its first use, so asked only once :func:`recase_caps_lines` has stored the
    truecased words in ``doc.user_data["kg_cased"]``; it does not depend on the entities."""
    texts = doc_words(doc)
    fixed = doc.user_data.get("kg_cased")
    return [fixed.get(i, w) for i, w in enumerate(texts)] if fixed else texts


def _text(t) -> str:
    """A token's text, truecased on an ALL-CAPS line."""
    return cased(t.doc)[t.i]


def _cap(t) -> bool:
    return _text(t)[:1].isupper()


def _is_break(t) -> bool:
    if t.text.isspace() or t.text in _BREAK or _NUMBERISH.match(t.text):
        return True
    if t.text in _DASHES:  # a spaced dash separates; "Chester-le-Street" does not
        return t.i == 0 or bool(t.doc[t.i - 1].whitespace_) or bool(t.whitespace_)
    return False


def _country(text: str) -> bool:
    from ..geo import gazetteer
    return gazetteer().country_named(text) is not None


def _nation(text: str) -> bool:
    """A country, or one of the UK's home nations ("England", "Wales"), which field national
    teams of their own."""
    if _country(text):
        return True
    from ..geo import gazetteer, normalize
    key = normalize(text)
    return any(p.feature_code == "ADM1" and p.country_code == "GB" and normalize(p.name) == key
               for p in gazetteer().lookup(text)[:3])


def _person_like(span) -> bool:
    """A given name or an initial first ("Lena Marsh", "W. Athey"), two words at least."""
    words = _words(span)
    if len(words) < 2 or not all(w[:1].isupper() or w.lower() in _INNER_OK for w in words):
        return False
    first = words[0]
    return first in given_names() or bool(_INITIAL.match(first)) and not _country(first) or first in titles()


def _foreign_name(span) -> bool:
    """Two or three capitalised words, none of them English, that name no place or known
    group: beside a country in brackets ("Tegla Loroupe ( Kenya )"), a person."""
    from ..geo import gazetteer
    words = _words(span)
    return 2 <= len(words) <= 3 and all(w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha()
                                        and not is_english(w) for w in words) \
        and span.text not in gazetteer() and known_actors().get(_norm(span.text)) is None


# -- 1. truecasing -------------------------------------------------------------------------------

def _caps(doc, start: int, end: int) -> bool:
    # (most words are all letters: the sum is for the others)
    texts = [w for w in doc_words(doc)[start:end] if len(w) >= 2 and w.isalpha() or sum(c.isalpha() for c in w) >= 2]
    upper = [w for w in texts if w.isupper()]
    return bool(upper) and len(upper) >= 0.7 * len(texts)


def _line_start(doc, i: int, start: int = -1) -> bool:
    """Whether token ``i`` opens a line or sentence (so its capital says nothing)."""
    if i == start or i == 0:
        return True
    prev = doc_words(doc)[i - 1]
    return prev.isspace() or "\n" in prev or prev in (".", "?", "!", '"', ":", "``", "-", "--")


def truecase(word: str, forms: dict[str, Counter], is_word, first: bool) -> str:
    """The likely casing of an upper-case ``word``, same length."""
    if not any(c.isalpha() for c in word) or not word.isupper():
        return word
    seen = forms.get(word.lower())
    if seen:
        out = max(seen.items(), key=lambda kv: (kv[1], kv[0] != kv[0].lower()))[0]
    else:
        from ..geo import gazetteer
        g = gazetteer()
        title = "-".join(p[:1] + p[1:].lower() for p in word.split("-"))
        title = re.sub(r"'S$", "'s", title)
        if g.country_named(word) or g.demonym(word):
            out = title
        elif is_word(word.replace("'S", "")):
            big = next((p for p in g.lookup(word)[:3] if p.population >= 1_000_000
                        or p.feature_code in ("PCLI", "ADM1")), None)
            out = title if big is not None and not is_word(word[:-1]) else word.lower()
        elif len(word) <= 3 or not re.search("[AEIOUY]", word):
            out = word  # an acronym
        else:
            out = title
    if first:
        out = out[:1].upper() + out[1:]
    return out


def recase_caps_lines(doc, ents: list, parse, is_word) -> list:
    """Entities of ALL-CAPS lines from a truecased re-parse (see the module docstring)."""
    spans = lines(doc)
    caps = [(s, e) for s, e in spans if _caps(doc, s, e)]
    if not caps:
        return ents
    forms: dict[str, Counter] = {}
    texts = doc_words(doc)
    for s, e in spans:
        if (s, e) in caps:
            continue
        for i in range(s, e):
            if texts[i].isalpha() and not _line_start(doc, i, s):
                forms.setdefault(texts[i].lower(), Counter())[texts[i]] += 1
    keep = [x for x in ents if not any(s <= x.start < e for s, e in caps)]
    fixed = doc.user_data.setdefault("kg_cased", {})  # what cased(doc) reads, once it is all here
    for s, e in caps:
        first = True
        words = []
        phrases = _place_phrases(doc, s, e)
        for t in tokens(doc)[s:e]:
            fixed[t.i] = phrases.get(t.i) or truecase(t.text, forms, is_word, first)
            words.append(fixed[t.i] + t.whitespace_)
            if any(c.isalpha() for c in t.text):
                first = False
        text = "".join(words)
        base = doc[s].idx
        sub = parse(text.rstrip())
        for x in sub.ents:
            span = doc.char_span(base + x.start_char, base + x.end_char, label=x.label_, alignment_mode="contract")
            if span is not None and len(span):
                keep.append(span)
    return _dedupe(keep)


def _place_phrases(doc, s: int, e: int) -> dict[int, str]:
    """Title case for the words of big places of two or three words on an ALL-CAPS line ("KANSAS
    CITY", "ST LOUIS", "NEW YORK"), whose words alone truecasing would make common words."""
    from ..geo import gazetteer, normalize
    g = gazetteer()
    out: dict[int, str] = {}
    i = s
    while i < e:
        for n in (3, 2):
            toks = doc[i:i + n]
            if i + n > e or not all(t.text.isalpha() and t.text.isupper() for t in toks):
                continue
            title = " ".join(t.text.title() for t in toks)
            top = g.lookup(title)[:1]
            if top and (top[0].population >= 100_000 or top[0].feature_code in ("ADM1", "PCLI")) \
                    and normalize(top[0].name).replace(".", "") == normalize(title).replace(".", ""):
                out.update({t.i: t.text.title() for t in toks})
                i += n - 1
                break
        i += 1
    return out


# Last words of an institution's name: a known organisation or abbreviation followed by
# capitalised words ending in one is one name ("U.N. Security Council").
_INSTITUTIONS = frozenset({"council", "force", "forces", "department", "ministry", "commission", "committee",
                           "agency", "court", "assembly", "authority", "board", "office", "organisation",
                           "organization", "bureau", "fund", "mission", "programme", "program", "tribunal"})


def extend_orgs(doc, ents: list) -> list:
    """An organisation the model cut short: "U.N." + "Security Council", "U.N." + "Interim Force in
    Lebanon" (a place after "in" inside the name is kept in it)."""
    out = list(ents)
    toks = tokens(doc)
    for e in ents:
        if e.label_ != "ORG" or known_actors().get(_norm(e.text)) is None:
            continue
        j = e.end
        while j < len(doc) and (_cap(toks[j]) and not _is_break(toks[j]) and toks[j].text not in _PUNCT
                                or toks[j].text in ("in", "for", "of") and j + 1 < len(doc) and _cap(toks[j + 1])):
            j += 1
        k = max((i for i in range(e.end, j) if cased(doc)[i].lower() in _INSTITUTIONS), default=None)
        if k is None:
            continue
        end = k + 1
        if end + 1 < j and doc[end].text == "in":
            end = j  # "... Force in Lebanon"
        out = [x for x in out if x is e or x.end <= e.start or x.start >= end]
        out = [x if x is not e else _span(doc, e.start, end, "ORG", e) for x in out]
    return _dedupe(out)


def companies(doc, ents: list) -> list:
    """Capitalised words ending in a company suffix ("Velmar Tools Corp", "Kestrel Bros") are one
    organisation, whatever the model made of them."""
    found = []
    toks = tokens(doc)
    for i, text in enumerate(doc_words(doc)):
        if text.lower().rstrip(".") not in _COMPANY or not _cap(toks[i]) or i == 0:
            continue
        a = i
        while a > 0 and a > i - 5 and _cap(toks[a - 1]) and not _is_break(toks[a - 1]) \
                and toks[a - 1].text not in _PUNCT and "\n" not in toks[a - 1].whitespace_ and not _line_start(doc, a) \
                and not ("-" in toks[a - 1].text and not toks[a - 1].text.istitle()):
            a -= 1
        if a < i and toks[a].text in ("The", "THE"):
            a += 1
        if a == i or any(x.start < a < x.end or x.start < i + 1 < x.end for x in ents):
            continue
        found.append((a, i + 1))
    if not found:
        return ents
    out = [x for x in ents if not any(a <= x.start and x.end <= b for a, b in found)]
    return _dedupe(out + [_span(doc, a, b, "ORG") for a, b in found])


def _dedupe(ents: list) -> list:
    """Non-overlapping entities, the earlier (then longer) winning."""
    ents = sorted(ents, key=lambda e: (e.start, -e.end))
    out, end = [], -1
    for e in ents:
        if e.start >= end:
            out.append(e)
            end = e.end
    return out


# -- 2. boundaries -------------------------------------------------------------------------------

def fix_boundaries(doc, ents: list) -> list:
    out = []
    texts = doc_words(doc)
    for ent in ents:
        if ent.label_ not in NAME_LABELS:
            # a number or date never runs across a line either ("9\nS. Law": a score, then a name)
            cut = [i for i in range(ent.start, ent.end) if "\n" in texts[i]]
            bounds = [ent.start, *[i for c in cut for i in (c, c + 1)], ent.end]
            out += [_span(doc, a, b, ent.label_, ent) for a, b in zip(bounds[::2], bounds[1::2]) if b > a
                    and (ent.label_ not in _NUMERIC or any(c.isdigit() for c in doc[a:b].text))]
            continue
        pieces, cur = [], []
        for t in tokens(doc)[ent.start:ent.end]:
            if _is_break(t) or _splits(t, ent):
                if cur:
                    pieces.append(cur)
                cur = []
            else:
                cur.append(t)
        if cur:
            pieces.append(cur)
        for n, piece in enumerate(pieces):
            if len(piece) > 2 and piece[0].text.lower() == "the" and piece[1].text.lower() in _MONTHS + _DAYS:
                piece = piece[1:]  # "The September Treasury": the month goes below, then the article
            while piece and (not _cap(piece[0]) or piece[0].text.lower() in _MONTHS or piece[0].text.lower() in _DAYS):
                if _cap(piece[0]) and len(piece) == 1:
                    break
                if not _cap(piece[0]) and (piece[0].text.lower() in _INNER_OK or not piece[0].whitespace_):
                    break  # "al-Hol", "de Silva", "van der Westhuizen"
                piece = piece[1:]
            while piece and (not _cap(piece[-1]) or piece[-1].text in ("'s", "’s", "'", "’")):
                piece = piece[:-1]
            # "Broker Khurshid Alam": a common noun opening a line is no part of a person's name
            if (len(piece) >= 3 and ent.label_ == "PERSON" and _line_start(doc, piece[0].i)
                    and _text(piece[0]).lower() in english_words() and _text(piece[0]) not in given_names()
                    and _text(piece[0]) not in titles()):
                piece = piece[1:]
            if not piece:
                continue
            text = doc[piece[0].i:piece[-1].i + 1].text
            label = ent.label_
            if n and label not in ("GPE", "LOC") and _country(text):
                label = "GPE"
            out.append(_span(doc, piece[0].i, piece[-1].i + 1, label, ent))
    return out


# Words that make a name a place's whatever precedes them ("Victoria Falls", "Gordon River").
_GEO_HEADS = frozenset({"river", "lake", "valley", "mount", "mountain", "mountains", "hills", "hill", "island", "islands",
                        "bay", "falls", "street", "road", "avenue", "square", "park", "beach", "coast", "county",
                        "city", "town", "heights", "springs", "creek", "harbour", "harbor", "port", "airport"})


def people_not_places(doc, ents: list) -> list:
    """A name the model calls a place that opens with a given name and that the gazetteer does
    not know ("Andreas Heraf", "Lena Marsh") is a person; so is one it calls an organisation
    whose other words are no English words either ("Mariano Rivera", not "Johnson Controls")."""
    from ..geo import gazetteer
    g = gazetteer()
    out = []
    for e in ents:
        if e.label_ in ("GPE", "LOC", "ORG") and 2 <= len(e) <= 3 and _person_like(e) \
                and _text(e[0]) in given_names() and e.text not in g and not _country(e.text) \
                and not any(t.text.lower() in _GEO_HEADS for t in e) \
                and (e.label_ != "ORG" or _personal(e)):
            e = _span(doc, e.start, e.end, "PERSON", e)
        out.append(e)
    return out


def _personal(e) -> bool:
    """Whether an organisation's name reads as a person's: a given name, then capitalised words
    that are no English words, no known group and no company suffix."""
    words = _words(e)
    return all(w[:1].isupper() and not w.isupper() for w in words) and words[0].lower() not in _INNER_OK \
        and not any(is_english(w) or w.lower().rstrip(".") in _COMPANY for w in words[1:]) \
        and known_actors().get(_norm(e.text)) is None


_COMPANY = frozenset({"bros", "inc", "corp", "co", "ltd", "plc", "sa", "ag", "nv", "gmbh", "spa", "llc", "lp", "cie"})


# The last word of a sporting event's name ("the Hong Kong Open", "the Fed Cup", "the PGA Tour").
_EVENT_HEADS = frozenset({"open", "cup", "championship", "championships", "games", "tour", "classic", "masters",
                          "trophy", "prix", "olympics", "slam", "stakes", "invitational", "marathon", "series"})


def events(doc, ents: list) -> list:
    """Names of sporting events the model calls organisations or places are events."""
    out = []
    for e in ents:
        if e.label_ in ("ORG", "GPE", "LOC", "PERSON") and _text(e[-1]).lower() in _EVENT_HEADS \
                and _cap(e[-1]) and known_actors().get(_norm(e.text)) is None:
            e = _span(doc, e.start, e.end, "EVENT", e)
        out.append(e)
    return out


# Lower-case words that never stand inside a name: an entity holding one is two names ("Yorkshire
# at Headingley", "Mercantile or Commerce", "J. Gillespie st Kaluwitharana", a cricket scorecard's
# "c" and "b").
_NOT_INNER = frozenset({"at", "or", "v", "vs", "st", "c", "b", "lbw", "with", "by", "from", "than", "as", "is", "was",
                        "has", "had", "were", "are", "said", "says", "told", "beat", "beats", "against"})


def _splits(t, ent) -> bool:
    """Whether a spaced lower-case word splits an entity in two (also "and" between two people)."""
    if t.i in (ent.start, ent.end - 1) or not t.whitespace_ or not t.doc[t.i - 1].whitespace_:
        return False
    return t.text in _NOT_INNER or t.text == "and" and ent.label_ == "PERSON"


def no_slugs(doc, ents: list) -> list:
    """No entity in a headline's topic slug ("SOCCER - ...", "Women 's 100 metres") or a lone month."""
    out = []
    for e in ents:
        if e.label_ in ("ORG", "GPE", "LOC", "NORP", "FAC") and len(e) == 1 and e.text.lower().rstrip(".") in _MONTHS:
            continue
        if e.label_ in ("ORG", "PERSON") and _line_start(doc, e.start) and e.end < len(doc) \
                and (doc[e.end].text in _DASHES or doc[e.end].text in ("'s", "’s")) \
                and all(is_english(_text(t)) for t in e) and not _country(e.text):
            continue
        out.append(e)
    return out


def no_common_words(doc, ents: list) -> list:
    """No entity of one common word whose capital only opens a line or a sentence ("Attendance :
    2,000", "Death is ...", "Automakers petitioned ..."), unless the article writes it with a
    capital elsewhere too; no entity of one letter, nor a month before a number ("May 31")."""
    from ..geo import gazetteer
    g = gazetteer()
    # _cap of each token read off the truecased words, as in _names
    mid = Counter(w for i, w in enumerate(cased(doc)) if w[:1].isupper() and not _line_start(doc, i))
    named = {_text(t) for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
    out = []
    for e in ents:
        if e.label_ in ("ORG", "PERSON", "GPE", "LOC", "NORP") and len(e) == 1:
            word = _text(e[0])
            nxt = doc[e.end] if e.end < len(doc) else None
            if word.islower() or len(word) == 1 and word.isalpha():
                continue
            if word.lower().rstrip(".") in _MONTHS and nxt is not None and nxt.like_num:
                continue
            if _line_start(doc, e.start) and not mid[word] and word[1:].islower() and is_english(word) \
                    and word not in given_names() and word not in titles() and word not in named \
                    and word not in g and known_actors().get(_norm(word)) is None:
                continue
        out.append(e)
    return out


# -- 3. initials ---------------------------------------------------------------------------------

def initials(doc, ents: list) -> list:
    """"W. Athey", "J.R. Smith": a person, whatever the model said."""
    taken = {i: e for e in ents for i in range(e.start, e.end)}
    add = []
    toks, texts = tokens(doc), doc_words(doc)
    for i, text in enumerate(texts):
        if not _INITIAL.match(text) or i + 1 >= len(doc):
            continue
        if i > 0 and _INITIAL.match(texts[i - 1]):
            continue
        if _country(text) or known_actors().get(_norm(text)) is not None:
            continue  # "U.S. President Bill Clinton", "U.N. Security Council": no person's initials
        end = i + 1
        while end < len(doc) and _INITIAL.match(texts[end]):
            end += 1
        if end >= len(doc) or not (_cap(toks[end]) and texts[end].isalpha() or "'" in texts[end]):
            continue
        if len(texts[end]) < 2 or texts[end].isupper() and len(texts[end]) <= 3:
            continue
        end += 1
        while end < len(doc) and _cap(toks[end]) and texts[end].isalpha() and not texts[end].isupper():
            end += 1
        old = {taken[k] for k in range(i, end) if k in taken}
        if any(e.label_ not in ("PERSON", "ORG", "GPE", "LOC", "NORP", "CARDINAL")
               or e.start < i or e.end > end for e in old):
            continue
        add.append((i, end, old))
    if not add:
        return ents
    drop = set()
    for _, _, old in add:
        drop |= {id(e) for e in old}
    return _dedupe([e for e in ents if id(e) not in drop] + [_span(doc, s, e, "PERSON") for s, e, _ in add])


# -- 4. datelines --------------------------------------------------------------------------------

@per_doc
def dateline_lines(doc) -> list[tuple[int, int, int, re.Match]]:
    """The lines that open with a dateline ("LEEDS 1996-08-30", "WIGAN , England 1996-08-30"):
    each line's tokens ``s:e``, its first character and the dateline's match over its text."""
    out = []
    doc_text = text_of(doc)
    for s, e in lines(doc):
        start = doc[s].idx
        m = _DATELINE.match(doc_text[start:doc[e - 1].idx + len(doc[e - 1].text)])
        if m:
            out.append((s, e, start, m))
    return out


def datelines(doc, ents: list) -> list:
    out = list(ents)
    for _, _, start, m in dateline_lines(doc):
        for group in ("place", "region"):
            if not m.group(group):
                continue
            span = doc.char_span(start + m.start(group), start + m.end(group), label="GPE", alignment_mode="contract")
            if span is None or not len(span):
                continue
            out = [x for x in out if x.end <= span.start or x.start >= span.end] + [span]
    return _dedupe(out)


# -- acronyms -------------------------------------------------------------------------------------

def _abbreviates(acronym: str, words: tuple[str, ...]) -> bool:
    """Whether an acronym's letters are the initials of a name's capitalised words, in order,
    one of them possibly left out ("LIFFE": London International Financial Futures and Options
    Exchange)."""
    initials = [w[0] for w in words if w[:1].isupper()]
    if not initials or acronym[0] != initials[0] or len(acronym) < len(initials) - 1 or len(acronym) > len(initials):
        return False
    it = iter(initials)
    return all(any(c == i for i in it) for c in acronym)


def acronyms(doc, ents: list) -> list:
    """An acronym defined in brackets beside an organisation's name ("Kurdistan Democratic Party
    ( KDP )", "KDP ( Kurdistan Democratic Party )") names that organisation wherever the
    article writes it."""
    found: set[str] = set()
    for e in ents:
        if e.label_ != "ORG":
            continue
        words = _words(e)
        if e.end + 2 < len(doc) and doc[e.end].text == "(" and doc[e.end + 2].text == ")":
            acr = doc[e.end + 1].text
            if acr.isalpha() and acr.isupper() and 2 <= len(acr) <= 6 and _abbreviates(acr, words):
                found.add(acr)
        if len(e) == 1 and e.text.isupper() and e.end + 2 < len(doc) and doc[e.end].text == "(":
            k = e.end + 1
            while k < len(doc) and k < e.end + 10 and doc[k].text != ")":
                k += 1
            if k < len(doc) and doc[k].text == ")" and _abbreviates(e.text, _words(doc[e.end + 1:k])):
                found.add(e.text)
    if not found:
        return ents
    add = [i for i, w in enumerate(doc_words(doc)) if w in found]
    out = [x for x in ents if not any(x.start <= i < x.end and (x.start, x.end) != (i, i + 1) and len(x) <= 2
                                      for i in add)]
    out = [x for x in out if not (len(x) == 1 and x.start in add)]
    taken = {i for x in out for i in range(x.start, x.end)}
    out += [_span(doc, i, i + 1, "ORG") for i in add if i not in taken]
    return _dedupe(out)


# -- 5. sports -----------------------------------------------------------------------------------

def _names(doc, s: int, e: int) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens (with inner connectors) in tokens s..e."""
    out = []
    # _cap of each token read off the truecased words: this scan makes no Token where none is needed
    toks, texts, truecased = tokens(doc), doc_words(doc), cased(doc)
    i = s
    while i < e:
        if truecased[i][:1].isupper() and not _is_break(toks[i]) and texts[i] not in _PUNCT \
                and texts[i] not in _FIXTURE:
            j = i + 1
            while j < e:
                u = texts[j]
                if truecased[j][:1].isupper() and not _is_break(toks[j]) and u not in _PUNCT:
                    j += 1
                elif (u.lower() in _INNER_OK or u in ("-", "'s", "'")) and j + 1 < e \
                        and truecased[j + 1][:1].isupper() \
                        and not _is_break(toks[j]) and u not in _FIXTURE:
                    j += 1
                else:
                    break
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


def _skip_parens(doc, j: int, e: int) -> int:
    texts = doc_words(doc)
    if j < e and texts[j] == "(":
        k = j
        while k < e and texts[k] != ")":
            k += 1
        if k < e and k - j <= 6:
            return k + 1
    return j


def sports(doc, ents: list) -> list:
    """Teams in result lines, fixtures and "X beat Y"; "Name ( Country )" pairs."""
    labels: dict[tuple[int, int], str] = {}
    surnames = {e[-1].text for e in ents if e.label_ == "PERSON" and len(e) > 1}

    def person(a: int, b: int) -> bool:
        return _person_like(doc[a:b]) or (b - a == 1 and doc[a].text in surnames)

    def team(a: int, b: int) -> None:
        if person(a, b):
            return
        labels[(a, b)] = "GPE" if _nation(doc[a:b].text) else "ORG"

    texts, truecased = doc_words(doc), cased(doc)
    for s, e in lines(doc):
        alpha = [i for i in range(s, e) if texts[i].isalpha()]
        lower = [i for i in alpha if truecased[i].islower() and texts[i].lower() not in _FIXTURE]
        names = _names(doc, s, e)
        # "Name ( Country )"
        for a, b in names:
            if b + 2 < e and texts[b] == "(":
                k = _skip_parens(doc, b, e)
                inner = doc[b + 1:k - 1]
                if k > b and len(inner) and _nation(inner.text):
                    labels[(inner.start, inner.end)] = "GPE"
                    if person(a, b) or _foreign_name(doc[a:b]):
                        labels[(a, b)] = "PERSON"
        tabular = len(lower) <= max(1, 0.34 * len(alpha))
        scored = []
        for a, b in names:
            j = _skip_parens(doc, b, e)
            if j < e and _SCORE.match(texts[j]):
                stats = 0
                k = j
                while k < e and _STAT.match(texts[k]):
                    stats += 1
                    k += 1
                scored.append((a, b, stats, k))
        if tabular and len(scored) >= 2:
            for a, b, _, _ in scored:
                team(a, b)
        elif tabular and len(scored) == 1 and scored[0][0] <= s + 1 and scored[0][2] >= 3 and scored[0][3] >= e - 1:
            team(scored[0][0], scored[0][1])  # a standings row
        # fixtures and "X beat Y"
        for (a, b), (c, d) in zip(names, names[1:]):
            between = [w for w in texts[b:c] if not w.isspace()]
            words = [w.lower() for w in between if w.isalpha()]
            if (len(between) == 1 and between[0].lower() in _FIXTURE) or (
                    len(names) == 2 and a == s and d == e and len(between) == 1 and between[0].lower() == "at"):
                team(a, b)
                team(c, d)
            elif words and words[0] in _SPORT_VERBS and len(words) <= 2 and set(words[1:]) <= {"with", "against"}:
                if not person(a, b) and not person(c, d) and (c + 0 < e):
                    nxt = _skip_parens(doc, d, e)
                    if nxt < e and (_NUMBERISH.match(texts[nxt]) or texts[nxt].lower() in ("by", "on", "in", "at")):
                        team(a, b)
                        team(c, d)
    if not labels:
        return ents
    # for the place extractor: these names are teams here, not places
    doc.user_data.setdefault("kg_teams", set()).update(
        (doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)) for (a, b), lab in labels.items() if lab == "ORG")
    out = [x for x in ents if not any(x.start < b and a < x.end for a, b in labels)]
    for (a, b), lab in labels.items():
        old = next((x for x in ents if x.start == a and x.end == b), None)
        if lab == "ORG" and old is not None and old.label_ in ("GPE", "LOC") and _nation(old.text):
            lab = old.label_
        out.append(_span(doc, a, b, lab, old))
    return _dedupe(out)


# -- 6. one sense per article --------------------------------------------------------------------

def one_sense(doc, ents: list) -> list:
    persons = [e for e in ents if e.label_ == "PERSON" and len(e) > 1 and _person_like(e) or
               e.label_ == "PERSON" and len(e) > 1 and all(_cap(t) for t in e)]
    surnames = {_text(e[-1]) for e in persons if len(e[-1].text) > 2 and _text(e[-1]) not in titles()}
    surnames |= {_text(e[0]) for e in persons if _family_first(e)}
    out = []
    for e in ents:
        if len(e) == 1 and _text(e[0]) in surnames and e.label_ in ("ORG", "GPE", "LOC", "NORP") and not _country(e.text):
            e = _span(doc, e.start, e.end, "PERSON", e)
        out.append(e)
    ents = out
    # the majority label of each name
    votes: dict[str, Counter] = {}
    for e in ents:
        if e.label_ in ("PERSON", "ORG", "GPE", "LOC") and any(c.isupper() for c in e.text) and len(e.text) > 2 \
                and not (len(e) == 1 and _text(e[0]).lower() in STOP_WORDS):  # "THE" of a headline
            votes.setdefault(_words(e), Counter())[e.label_] += 1
    for name in surnames:
        votes.setdefault((name,), Counter())["PERSON"] += 1
    if not votes:
        return ents
    label_of = {}
    for name, c in votes.items():
        (lab, n), *rest = c.most_common()
        if not rest or n > rest[0][1]:
            label_of[name] = lab
    out = []
    for e in ents:
        lab = label_of.get(_words(e))
        if lab and lab != e.label_ and e.label_ in ("PERSON", "ORG", "GPE", "LOC") \
                and not (_country(e.text) and e.label_ in ("GPE", "LOC")):
            e = _span(doc, e.start, e.end, lab, e)
        out.append(e)
    # untagged recurrences
    taken = set()
    for e in out:
        taken.update(range(e.start, e.end))
    by_first: dict[str, list[tuple[list[str], str]]] = {}
    for words, lab in label_of.items():
        by_first.setdefault(words[0], []).append((list(words), lab))
    for cands in by_first.values():
        cands.sort(key=lambda x: -len(x[0]))  # the longest name first
    add = []
    toks, texts = tokens(doc), cased(doc)
    i = 0
    while i < len(doc):
        cands = by_first.get(texts[i]) if i not in taken else None
        hit = None
        for words, lab in cands or ():
            n = len(words)
            if i + n <= len(doc) and texts[i:i + n] == words \
                    and not any(j in taken for j in range(i, i + n)) \
                    and not (i + n < len(doc) and _cap(toks[i + n]) and not _is_break(toks[i + n])) \
                    and not (i > 0 and _cap(toks[i - 1]) and not _line_start(doc, i) and not _is_break(toks[i - 1])):
                hit = (i, i + n, lab)
                break
        if hit:
            add.append(_span(doc, *hit))
            i = hit[1]
        else:
            i += 1
    return _dedupe(out + add)


def _family_first(person) -> bool:
    """Whether a two-word person's name may put the family name first ("Wang Donghai", then
    "Wang" alone): its first word is no given name, title, English word or big place."""
    if len(person) != 2:
        return False
    first = _text(person[0])
    if len(first) < 2 or not first[:1].isupper() or not first[1:].islower() or not first.isalpha() \
            or first in given_names() or first in titles() or is_english(first) or _country(first) \
            or is_english(_text(person[1]).split("-")[0]):
        return False
    from ..geo import gazetteer
    return not any(p.population >= 100_000 or p.feature_code in ("ADM1", "ADM2") for p in gazetteer().lookup(first)[:3])


def _words(span) -> tuple[str, ...]:
    """A name's words, truecased on an ALL-CAPS line: "SHEARER" in a headline is "Shearer"."""
    return tuple(cased(span.doc)[span.start:span.end])
