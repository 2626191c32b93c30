"""Names in sports copy that a small news model reads wrongly.

In a sports article a town or county is most often a club ("Essex reached 372", "Nice sacked
their coach", "joined Newcastle"), a name the gazetteer does not know that the model calls a
place is a club's name ("the Pirates", "Rotor"), and team sheets list players by shirt number
("3 - Ian Harte , 4 - Gary Kelly") or with the minute they scored ("Harte ( 31st )"). These
rules run after the result-table rules of :mod:`kg.extractors.rulers` and before its one sense
per article, which spreads what they find to the name's other mentions.

1. :func:`sports_article`: the headline names a sport.
2. :func:`prose_teams`: in a sports article, a town, county or unknown place name is a team
   (ORG) where the words around it do not use it as a place ("in Leeds", "at Headingley",
   "( Leeds )", "Leeds :", a dateline): by a vote over its mentions, so that one name has one
   sense in the article. Countries and the UK's home nations stay places (national teams are
   places in NER conventions). A team's name glued to a place ("Colorado Rockies", "Norwich
   City", "Dynamo Moscow") is one ORG. The team names go to ``doc.user_data["kg_teams"]``,
   which the place extractor reads.
3. :func:`lineups`: on a line with two "number - Name" items or more, the names are people; a
   name followed by the minute of a goal ("31st", "( 64th )") is a person.
4. :func:`rider_teams`: in a results line "Rider ( Country ) Team time", the name after the
   country is the rider's team or make.
"""
from __future__ import annotations

import re
from collections import Counter

from . import rulers as r
from .doccache import per_doc, tokens, words as doc_words

# Sport names: a headline that names one opens a sports report ("SOCCER - ...", "Golf-...").
SPORTS = frozenset("""soccer football cricket tennis golf baseball basketball rugby athletics cycling boxing
hockey squash badminton volleyball handball nfl nba nhl skiing rowing snooker""".split())
_HEADLINE = 20  # tokens: a longer first sentence is no headline
# Words before a name that use it as a place, and words after it that make it a place's name.
_LOCATIVE = frozenset({"in", "at", "near", "outside", "around", "across"})
_PLACE_AFTER = frozenset({"stadium", "club", "side", "meeting", "grand", "area", "region", "city", "county",
                          "state", "province", "district", "suburb", "-based", "based", "venue", "ground"})
# The last word of a venue, not a team ("Brown Deer Park", "Grace Road").
_VENUES = frozenset({"park", "stadium", "course", "ground", "road", "arena", "centre", "center", "field",
                     "oval", "bridge", "lane", "circuit", "racecourse", "gardens", "hall"})
_ORDINAL = re.compile(r"^\d{1,3}(?:st|nd|rd|th)$")
_SHIRT = re.compile(r"^\d{1,2}$")
_SHIRT_GLUED = re.compile(r"^\d{1,2}-$")
_TIME = re.compile(r"^\d+(?:[:.]\d+)+$")


def sports_article(doc) -> bool:
    """Whether a doc is a sports report: its headline (the first sentence of its first line, if
    short) names a sport ("SOCCER - ...", "Golf-Kessel leads", "Motor racing: ...")."""
    head = []
    for t in doc[:_HEADLINE]:
        if "\n" in t.text or t.text in (".", "!", "?") and head:
            break
        head += re.findall(r"[a-z]+", t.text.lower())
    words = set(head)
    if "racing" in words:
        return bool(words & {"motor", "horse", "motorcycle"})
    return bool(words & SPORTS)


# -- 2. teams in prose -----------------------------------------------------------------------------

def _clubby(text: str) -> bool:
    """A name a club can bear: a town or county the gazetteer knows (no country, no home
    nation), or a name it does not know at all."""
    from ..geo import gazetteer
    if r._nation(text):
        return False
    g = gazetteer()
    if text not in g:
        return True
    return any(p.feature_class in ("P", "A") and p.feature_code not in ("PCLI", "PCLD", "PCLS", "PCLIX")
               for p in g.lookup(text)[:5])


def _placed(doc, a: int, b: int) -> bool:
    """Whether the words around tokens a..b use the name as a place."""
    prev = doc[a - 1] if a > 0 else None
    nxt = doc[b] if b < len(doc) else None
    if prev is not None and prev.text.lower() in _LOCATIVE:
        return True
    if prev is not None and prev.text in ("(", ",") and nxt is not None and nxt.text == ")":
        return True  # "( Leeds )", "( at The Oval , London )"
    if nxt is not None and (nxt.text == ":" or nxt.text.lower() in _PLACE_AFTER):
        return True
    return a in _dateline_tokens(doc)


@per_doc
def _dateline_tokens(doc) -> set[int]:
    """Tokens of the places of datelines ("LEEDS 1996-08-30", "WIGAN , England 1996-08-30")."""
    out: set[int] = set()
    for s, e, start, m in r.dateline_lines(doc):
        out.update(t.i for t in doc[s:e] if t.idx < start + m.end(m.lastgroup or "place")
                   and t.idx - start < (m.end("region") if m.group("region") else m.end("place")))
    return out


def _glued(doc, a: int, b: int) -> tuple[int, int]:
    """The whole team name around a place name: capitalised words glued to it on the same line
    ("Colorado Rockies", "Norwich City", "Dynamo Moscow"), not a venue or a person after it."""
    s, e = a, b
    while e < len(doc) and r._cap(doc[e]) and not r._is_break(doc[e]) and doc[e].text not in r._PUNCT \
            and doc[e].text not in r._FIXTURE and not doc[e].is_sent_start and doc[e].text not in r.given_names() \
            and "\n" not in doc[e - 1].whitespace_:
        e += 1
    while s > 0 and r._cap(doc[s - 1]) and not r._is_break(doc[s - 1]) and doc[s - 1].text not in r._PUNCT \
            and not (r._line_start(doc, s - 1) and r.is_english(r._text(doc[s - 1]))) and not doc[s].is_sent_start \
            and doc[s - 1].text not in r.titles() and doc[s - 1].text not in r.given_names() \
            and not r._nation(doc[s - 1].text):
        s -= 1
    if (s, e) != (a, b) and _text_of(doc, s, e).split()[-1].lower() in _VENUES:
        return a, b
    return s, e


def _among_people(doc, e, ents: list, g) -> bool:
    """Whether a name stands in a list next to a person the gazetteer does not know."""
    for x in ents:
        if x.label_ != "PERSON" or x is e or _text_of(doc, x.start, x.end) in g:
            continue
        if x.end + 1 == e.start and doc[x.end].text in (",", "and") or \
                e.end + 1 == x.start and doc[e.end].text in (",", "and"):
            return True
    return False


def _text_of(doc, a: int, b: int) -> str:
    return " ".join(r.cased(doc)[a:b])


def prose_teams(doc, ents: list) -> list:
    """Towns, counties and unknown names of a sports article that are its teams: see the
    module docstring."""
    if not sports_article(doc):
        return ents
    from ..geo import gazetteer
    g = gazetteer()
    persons = {w for e in ents if len(e) > 1 and (e.label_ == "PERSON" or r._person_like(e)) for w in r._words(e)}
    seen: dict[str, set[str]] = {}
    for e in ents:
        seen.setdefault(_text_of(doc, e.start, e.end), set()).add(e.label_)
    cands = []
    for e in ents:
        if e.label_ not in ("GPE", "LOC", "ORG", "PERSON", "NORP", "FAC") or len(e) > 3:
            continue
        name = _text_of(doc, e.start, e.end)
        if not name[:1].isupper() or not any(c.islower() for c in name) and len(name) <= 3:
            continue
        if name in persons or r._person_like(e):
            continue
        if e.label_ == "NORP" and not any(p.feature_code in ("ADM1", "ADM2") for p in g.lookup(name)[:3]):
            continue  # "Briton", "Welsh": a nationality; "Essex" a county the model took for one
        if e.label_ in ("PERSON", "NORP"):
            # the model's person: a club only when the place is a county, a state or a city, or
            # the model calls the name something else elsewhere, and not in a list of people
            # ("Given , Breen , Staunton , Irwin"): a town's name alone is as often a surname
            if len(e) > 1 or name in r.given_names() or not _clubby(name) or name not in g \
                    or _among_people(doc, e, ents, g):
                continue
            if not (seen[name] - {"PERSON", "NORP"} or any(p.feature_code in ("ADM1", "ADM2")
                                                          or p.population >= 100_000 for p in g.lookup(name)[:5])):
                continue
        elif e.label_ in ("GPE", "LOC", "FAC") and not _clubby(name):
            continue
        elif e.label_ == "ORG" and not _clubby(name):
            continue
        if name.split()[-1].lower() in _VENUES:
            continue  # "Brown Deer Park", "Grace Road": a ground
        cands.append((e, name))
    cands += _nicknames(doc, ents)
    votes: dict[str, Counter] = {}
    for e, name in cands:
        votes.setdefault(name.lower(), Counter())["place" if _placed(doc, e.start, e.end) else "team"] += 1
    teams = {n for n, c in votes.items() if c["team"] > c["place"]}
    if not teams:
        return ents
    out = [e for e in ents]
    new = []
    spans = doc.user_data.setdefault("kg_teams", set())
    for e, name in cands:
        if name.lower() not in teams or _placed(doc, e.start, e.end):
            continue
        a, b = _glued(doc, e.start, e.end) if e.label_ != "ORG" or len(e) == 1 else (e.start, e.end)
        if e.label_ == "ORG" and (a, b) == (e.start, e.end) and any(x is e for x in ents):
            spans.add((e.start_char, e.end_char))
            continue
        out = [x for x in out if x.end <= a or x.start >= b]
        new.append(r._span(doc, a, b, "ORG", e if (a, b) == (e.start, e.end) else None))
        spans.add((e.start_char, e.end_char))  # the place's own name, also inside "Colorado Rockies"
        spans.add((doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)))
    return r._dedupe(out + new)


def _nicknames(doc, ents: list) -> list:
    """Team nicknames after "the": capitalised words ending in a plural ("the Royals", "the All
    Blacks"), no country ("the Netherlands"), nationality or person; returned as (span, name)
    candidates, a new ORG span where the model tagged nothing."""
    from ..geo import gazetteer
    g = gazetteer()
    labels = {i: x for x in ents for i in range(x.start, x.end)}
    out = []
    for t in tokens(doc):
        if t.text.lower() != "the" or t.i + 1 >= len(doc):
            continue
        a = b = t.i + 1
        while b < len(doc) and b < a + 3 and r._cap(doc[b]) and doc[b].text.isalpha() and not r._is_break(doc[b]):
            b += 1
        if b == a or b < len(doc) and r._cap(doc[b]):
            continue
        name = _text_of(doc, a, b)
        last = r._text(doc[b - 1])
        if not last.endswith("s") or last.endswith("ss") or r._nation(name) or g.demonym(name) or name in g \
                or r._person_like(doc[a:b]):
            continue
        old = {id(labels[i]): labels[i] for i in range(a, b) if i in labels}
        if len(old) > 1 or old and next(iter(old.values())).label_ not in ("ORG", "PERSON", "GPE", "LOC", "NORP") \
                or old and (next(iter(old.values())).start, next(iter(old.values())).end) != (a, b):
            continue
        span = next(iter(old.values())) if old else r._span(doc, a, b, "ORG")
        if span.label_ == "NORP":
            continue  # "the Scots": the model's nationality
        out.append((span, name))
    return out


# -- 3. line-ups and scorers -------------------------------------------------------------------------

def _num(text: str) -> bool:
    return bool(r._NUMBERISH.match(text))


def _hyphened(doc, b: int, e: int) -> int:
    """The end of a name glued on by hyphens ("Inzamam-ul-Haq", "Ata-ur-Rehman")."""
    toks = tokens(doc)
    j = b
    while j + 1 < e and not toks[j - 1].whitespace_ and toks[j].text == "-" and not toks[j].whitespace_ \
            and toks[j + 1].text.isalpha():
        j += 2
    return j


def _minute_after(doc, b: int, e: int) -> bool:
    """"Harte 31st", "Harte ( 31st )", "Harte ( 3rd minute , pen )"."""
    texts = doc_words(doc)
    j = b
    if j < e and texts[j] == "(":
        j += 1
    return j < e and bool(_ORDINAL.match(texts[j]))


def lineups(doc, ents: list) -> list:
    """Players of team sheets and scorer lists: see the module docstring."""
    found = []
    texts, truecased = doc_words(doc), r.cased(doc)
    persons = {i for x in ents if x.label_ == "PERSON" for i in range(x.start, x.end)}
    for s, e in r.lines(doc):
        names = [(a, _hyphened(doc, b, e)) for a, b in r._names(doc, s, e)]
        players = [(a, b) for a, b in names if not r._nation(_text_of(doc, a, b))]  # no national side
        shirts, others = [], []
        for a, b in players:
            shirt = a >= s + 2 and texts[a - 1] in r._DASHES and _SHIRT.match(texts[a - 2]) \
                or a >= s + 1 and _SHIRT_GLUED.match(texts[a - 1])
            if shirt:
                shirts.append((a, b))
            elif _minute_after(doc, b, e) or a > s and texts[a - 1] == "(" and b + 1 < e \
                    and texts[b] == "," and _SHIRT.match(texts[b + 1]):
                others.append((a, b))  # a substitute or scorer: "( Alama Ieremia , 70 )"
        if len(shirts) >= 2:
            found += shirts + others
        else:
            found += [(a, b) for a, b in others if _minute_after(doc, b, e)]
        found += [(a, b) for a, b in _scorecard(doc, s, e, players) if not persons & set(range(a, b))]
        alpha = [i for i in range(s, e) if texts[i].isalpha()]
        if any(_num(w) for w in texts[s:e]) and sum(truecased[i].islower() for i in alpha) <= 0.34 * len(alpha):
            # a result line ("287 Ian Woosnam 70 76 71 70"): a given name and a surname the model
            # left untagged or took for part of a number
            taken = {i for x in ents if x.label_ in r.NAME_LABELS for i in range(x.start, x.end)}
            found += [(a, b) for a, b in names if r._person_like(doc[a:b]) and not taken & set(range(a, b))
                      and r._text(doc[a]).lower() not in r._MONTHS and not r.is_english(r._text(doc[b - 1]))]
    return _relabel(doc, ents, found, "PERSON")


def _relabel(doc, ents: list, found: list[tuple[int, int]], label: str) -> list:
    """``ents`` with the token ranges ``found`` as ``label`` entities, replacing what overlaps them."""
    if not found:
        return ents
    out = [x for x in ents if not any(x.start < b and a < x.end for a, b in found)]
    for a, b in found:
        old = next((x for x in ents if x.start == a and x.end == b), None)
        out.append(r._span(doc, a, b, label, old))
    return r._dedupe(out)


_BOWLING = re.compile(r"^\d+(?:\.\d)?-\d+-\d+-\d+$")
_DISMISSAL = frozenset({"c", "b", "st", "lbw"})


def _scorecard(doc, s: int, e: int, names: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """People of a cricket scorecard line ``s:e`` among its ``names`` (those that are no nation):
    a batsman's line ("Vaas c Law b Moody 56", "Law run out 16", "Law not out 12"), the fielder
    and bowler after "c", "st" and "b", and a bowler's figures ("Moody 10-1-42-2")."""
    texts = doc_words(doc)
    line = texts[s:e]
    batting = bool(_DISMISSAL & set(line)) or any(a == "run" and b == "out" or a == "not" and b == "out"
                                                   for a, b in zip(line, line[1:]))
    out = []
    for a, b in names:
        if b < e and _BOWLING.match(texts[b]):
            out.append((a, b))
        elif batting and (a == s or texts[a - 1] in _DISMISSAL) and e - 1 >= b and _num(texts[e - 1]):
            out.append((a, b))
    return out


# -- 4. riders' teams ----------------------------------------------------------------------------

def rider_teams(doc, ents: list) -> list:
    """"1. Kessel ( Norway ) Velmar 4:08:12": the name after the country is a team."""
    found = []
    for s, e in r.lines(doc):
        first = doc_words(doc)[s]
        if not (_num(first) or first.rstrip(".").isdigit()):
            continue
        for a, b in r._names(doc, s, e):
            if a < s + 3 or doc[a - 1].text != ")" and not (doc[a - 1].text == "," and doc[a - 2].text == ")"):
                continue
            k = a - 1 if doc[a - 1].text == ")" else a - 2
            j = k
            while j > s and doc[j].text != "(":
                j -= 1
            if j == s or not r._nation(doc[j + 1:k].text):
                continue
            j = b + 1 if b < e and doc[b].text == "," else b
            after = doc[j] if j < e else None
            if after is None:
                ok = doc[a - 1].text == ")" and j == b  # at the line's end only right after the country
            else:
                ok = bool(_TIME.match(after.text)) or _num(after.text) or after.text.lower() in ("same", "all")
            ok = ok and not r._person_like(doc[a:b])
            if ok:
                found.append((a, b))
    return _relabel(doc, ents, found, "ORG")
