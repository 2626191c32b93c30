"""Place names from the model's entities and from the gazetteer: trimming, missed countries,
cued names, datelines, names inside longer names, one sense per article."""
from __future__ import annotations

import re

from ...facts import Span
from ...geo import US_STATE_ABBREVIATIONS, gazetteer, normalize
from .. import text_of
from ..doccache import capitalised, ents, tokens, words as doc_words
from .lexicon import PLACE_LABELS, _GENERIC, _HEADS, _SPEECH, _TITLES
from .mention import _Mention
from .placeness import (
    _abbreviated, _before_title, _city_name, _local, _person_words, _possessor, _strong, _town, _well_known,
    _whole_entity)
from .demonyms import _demonym_of


# Words that open a span but are not part of the name.
_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def _place_mentions(doc) -> list[_Mention]:
    """The model's place entities, trimmed; demonyms dropped."""
    g = gazetteer()
    out = []
    persons = _person_words(doc)
    for ent in ents(doc):
        if ent.label_ not in PLACE_LABELS:
            continue
        text = ent.text
        start = ent.start_char
        m = _LEADING.match(text)
        if m:
            start += m.end()
            text = text[m.end():]
        text = _POSSESSIVE.sub("", text).rstrip()
        text = _DASHES.sub("", text)    # "PLEASANTON, Calif.--": the dateline's dash
        if not text or not any(c.isalpha() for c in text):
            continue
        # "Syrian", "Iraqi": a demonym, a mention of its country (see _demonyms)
        if _demonym_of(text) is not None:
            continue
        pair = _two_countries(text)
        if pair is not None:
            # "Cyprus, Greece Italy or Spain": a list that lost its comma is two countries
            out += [_Mention(Span(start, start + len(pair[0])), pair[0], ent.label_),
                    _Mention(Span(start + len(text) - len(pair[1]), start + len(text)), pair[1], ent.label_)]
            continue
        text, start = _trim(text, start)
        if not text[:1].isupper() and not text[:1].isdigit():
            continue    # "meth", "mobile": a lower-case word is no proper name
        if text and " " not in text and text in persons and not _strong(text):
            continue    # "Saakashvili" taken for a place once, a person's surname elsewhere
        if text:
            out.append(_Mention(Span(start, start + len(text)), text, ent.label_))
    return out
_DASHES = re.compile(r"\s*(?:-|–|—)+$")


def _two_countries(text: str) -> tuple[str, str] | None:
    """Two country names side by side that are no name together ("Greece Italy")."""
    g = gazetteer()
    words = text.split(" ")
    if len(words) != 2 or text in g:
        return None
    if g.country_named(words[0]) is not None and g.country_named(words[1]) is not None:
        return words[0], words[1]
    return None


_COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                            "western", "central", "northeast", "northwest", "southeast", "southwest",
                            "upper", "lower", "downtown", "greater", "metro"})


def _trim(text: str, start: int) -> tuple[str, int]:
    """The place name inside a span that is not itself in the gazetteer: "Dublin City Council"
    -> "Dublin", "North Texas" -> "Texas" (the toponym is the state; "north" says which part)."""
    g = gazetteer()
    if text in g or g.country_named(text) is not None:
        return text, start
    words = text.split(" ")
    if len(words) > 1 and words[0].lower() in _COMPASS_WORDS:
        rest = " ".join(words[1:])
        if rest in g and _strong(rest):
            return rest, start + len(text) - len(rest)
    if len(words) == 2 and words[0] not in g and g.country_named(words[1]) is not None \
            and words[1].lower() != "island":   # Iceland's own name, and the head of "Osney Island"
        # "Local Ireland", "Politics Ukraine": a word of a programme's or a page's name
        # before the country, which the gazetteer does not join to it
        return words[1], start + len(text) - len(words[1])
    if words[-1].lower() in _TOWNSHIP and len(words) > 1 and " ".join(words[:-1]) in g:
        return text, start      # "Hamilton Township": the township's own name
    if len(words) > 1 and words[-1].lower() in _HEADS:
        # the shortest place name the office's words follow: "Dublin City Council" -> Dublin
        # ("City" is the council's), but "Kansas City Council" -> Kansas City (the town's name)
        for n in range(1, len(words)):
            head = " ".join(words[:n])
            if head in g and all(_POSSESSIVE.sub("", w).lower() in _HEADS for w in words[n:]) \
                    and not (words[n].lower() == "city" and _city_name(head + " " + words[n])) \
                    and words[n].lower() not in _TOWNSHIP \
                    and not (words[n].lower() == "state" and not _american(head)):
                return head, start
    return text, start


def _american(name: str) -> bool:
    """Whether a name's likeliest place is in the US, where "X State" is a university or its
    team ("Mississippi State"); elsewhere it is the state's own name ("Oaxaca State")."""
    top = gazetteer().lookup(name)[:1]
    return bool(top) and top[0].country_code == "US"


_TOWNSHIP = frozenset({"township", "twp.", "twp"})


def _missed_countries(doc, taken: list[_Mention]) -> list[_Mention]:
    """Country and well-known region names the model tagged as something else or not at all."""
    g = gazetteer()
    out = []
    used = [m.span for m in taken]
    persons = _person_words(doc)  # "Mustafa Bali ... Mr Bali": a person, not the island
    toks = tokens(doc)
    words = doc_words(doc)
    text = text_of(doc)
    for i in capitalised(doc):
        tok = toks[i]
        if tok.ent_type_ in PLACE_LABELS or words[i] in persons \
                or words[i].lower() == "the":   # "The U.S." opening a sentence: the name is "U.S."
            continue
        for n in (3, 2, 1):
            if i + n > len(doc):
                continue
            span = toks[i:i + n]
            if not words[i + n - 1][:1].isupper():
                continue
            # the gazetteer test first: it rules out nearly every name, and the others are pure
            name = text[tok.idx:span[-1].idx + len(span[-1])]
            if not _well_known(name):
                continue
            sp = Span(tok.idx, span[-1].idx + len(span[-1]))
            if any(sp.overlaps(u) for u in used):
                continue
            # a name inside a longer name ("Bank of America") is not a mention of the place,
            # but a whole entity the model mislabelled ("Euphrates" as ORG) is
            whole = all(t.ent_type_ for t in span) and span[0].ent_iob_ == "B" and (
                tok.i + n == len(doc) or toks[tok.i + n].ent_iob_ != "I")
            if span[0].ent_type_ and not whole:
                continue
            out.append(_Mention(sp, name, "GPE"))
            used.append(sp)
            break
    return out


_BEFORE_PLACE = re.compile(r"\b(?:(?:village|town|city|hamlet|district|suburb|camp|base) of|(?:in|at|near|outside|around))\s+$")
_STRONG_BEFORE = re.compile(r"\b(?:village|town|city|hamlet|district|suburb|camp) of\s+$")
_AFTER_PLACE = re.compile(r"^,?\s+(?:close to|near|along|not far from|a (?:town|village|city|hamlet|district|base|camp|"
                          r"region|province|settlement)\b|(?:province|governorate|district)\b)")


def _cued(doc, taken: list[_Mention]) -> list[_Mention]:
    """Names the model took for a person or an organisation that the text itself describes as
    a place: "the village of X", "a force at X, close to the border"."""
    used = [m.span for m in taken]
    out = []
    for ent in ents(doc):
        if ent.label_ not in ("PERSON", "ORG"):
            continue
        sp = Span(ent.start_char, ent.end_char)
        if any(sp.overlaps(u) for u in used):
            continue
        before = text_of(doc)[max(0, sp.start - 30):sp.start]
        after = text_of(doc)[sp.end:sp.end + 40]
        if _STRONG_BEFORE.search(before) or (_BEFORE_PLACE.search(before) and _AFTER_PLACE.match(after)):
            text = _LEADING.sub("", ent.text)
            start = ent.end_char - len(text)
            out.append(_Mention(Span(start, ent.end_char), text, "GPE"))
            used.append(sp)
    return out


_DATELINE_END = re.compile(r"^\s*(?:,|\(|—|–|--|-\s|:)")


def _datelines(doc, taken: list[_Mention]) -> list[_Mention]:
    """The dateline of a wire or local story, in capitals: "BEIRUT (AP) —", "COLUMBUS, Ohio —",
    "NEWARK --". Read as the place it spells when the gazetteer knows it."""
    g = gazetteer()
    used = [m.span for m in taken]
    out = []
    words = doc_words(doc)
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and words[j].isupper() and words[j].isalpha() and (len(words[j]) > 1 or j > i):
            j += 1
        if j == i:
            i += 1
            continue
        span = doc[i:j]
        text = span.text
        sp = Span(span.start_char, span.end_char)
        before = text_of(doc)[max(0, sp.start - 2):sp.start]
        ok_before = sp.start == 0 or "\n" in before or re.search(r"(?:[.!?\d\"”’]\s*|\s{2})$", before)
        # the article's first words may be its dateline without a mark after ("SAN ANTONIO The …")
        opener = sp.start == 0 and len(span) < len(doc) and doc[span.end].text[:1].isupper() \
            and not doc[span.end].is_upper and _strong(text.title())
        if (len(text) >= 4 and ok_before and (_DATELINE_END.match(text_of(doc)[sp.end:sp.end + 4]) or opener)
                and not any(sp.overlaps(u) for u in used)):
            title = text.title()
            if title in g and not g.demonym_place(title) and not (_caps_line_after(doc, sp) and not _strong(title)):
                out.append(_Mention(sp, text, "GPE"))
                used.append(sp)
        i = j
    return out


_SAINT_DATELINE = re.compile(r"(?:^|(?<=[.!?\"”’]\s)|(?<=\n))((?:ST|FT|MT)\. [A-Z][A-Z'’]+(?: [A-Z][A-Z'’]+)?)(?=\s*(?:,|\(|—|–|--|-\s|:))")


def _saint_datelines(doc) -> list[_Mention]:
    """Datelines of towns named after a saint or a fort, in capitals: "ST. LOUIS –", "ST. JOHN'S,
    N.L. -" (the model splits them at the stop)."""
    out = []
    if "T. " not in text_of(doc):
        return out      # the pattern's lookbehinds make a full pass slow; most texts have none
    for a in _SAINT_DATELINE.finditer(text_of(doc)):
        name = a.group(1)
        title = " ".join(w[:1] + w[1:].lower() for w in name.split(" "))
        if title in gazetteer():
            out.append(_Mention(Span(a.start(1), a.end(1)), name, "GPE"))
    return out


def _caps_line_after(doc, sp: Span) -> bool:
    """Whether the rest of the line after a capitalised opener is in capitals too: a section
    head ("CRICKET - HOSTS WIN ON THE LAST DAY"), not a dateline before the story's text."""
    text = text_of(doc)
    end = text.find("\n", sp.end)
    words = re.findall(r"[A-Za-z]{2,}", text[sp.end:end if end >= 0 else len(text)])
    return len(words) >= 2 and sum(w.isupper() for w in words) >= 0.7 * len(words)


def _scan_context(doc, taken: list[_Mention]) -> tuple[set[str], set[tuple[str, str]]]:
    """The countries and first-level divisions (US states) the article's recognised places
    name: where a same-named small town is likely to be."""
    g = gazetteer()
    countries: set[str] = set()
    admins: set[tuple[str, str]] = set()
    for m in taken:
        c = m.place if m.fixed else g.country_named(m.text)
        if c is not None:
            if c.country_code:
                countries.add(c.country_code)
            continue
        a = g.admin1_code(m.text)
        if a is not None and (normalize(m.text) in US_STATE_ABBREVIATIONS or _strong(m.text)):
            admins.add(a)
            countries.add(a[0])
    return countries, admins


_PLACE_ENTS = frozenset({"ORG", "FAC", "GPE", "LOC", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"})


def _scan(doc, taken: list[_Mention]) -> list[_Mention]:
    """Gazetteer-driven recall: capitalised names the model did not take for places but the
    gazetteer knows, alone ("in Roxton") or inside a longer name ("the Athens Police Department", "University of Kentucky": the organisation is named
    after the place, and the name still refers to it).

    A name is kept when it is almost always a place (:func:`_strong`) or is a town of the
    states and countries the article's other places name. Guards against people: not a word of
    the article's person names, not after a title ("Gov. Strickland"), not before "said"; and
    inside a person's name only a county or a multi-word state."""
    g = gazetteer()
    used = [m.span for m in taken]
    countries, admins = _scan_context(doc, taken)
    persons = _person_words(doc)
    ent_of = {}
    for ent in ents(doc):
        for k in range(ent.start, ent.end):
            ent_of[k] = ent
    toks = tokens(doc)
    words = doc_words(doc)
    name_like = [w[:1].isupper() or w in ("-", ".") for w in words]
    doc_text = text_of(doc)
    out = []
    resume = 0                      # after a name taken, the scan goes on behind it
    for i in capitalised(doc):      # a name's first word is capitalised, "U.S." included
        if i < resume:
            continue
        tok = toks[i]
        if words[i].lower() == "the" or tok.is_upper and words[i] not in ("U.S.", "U.K.", "UK", "US"):
            continue
        hit = None
        for n in (4, 3, 2, 1):
            if i + n > len(words) or not all(name_like[i:i + n]):
                continue
            if words[i + n - 1] in ("-", "."):
                continue
            last = toks[i + n - 1]
            text = doc_text[tok.idx:last.idx + len(last)]
            if text not in g:
                continue
            sp = Span(tok.idx, last.idx + len(last))
            if any(sp.overlaps(u) for u in used):
                continue
            span = doc[i:i + n]
            if _keep(doc, span, text, ent_of, persons, countries, admins):
                hit = (span, sp, text)
            break
        if hit is None:
            continue
        span, sp, text = hit
        ent = ent_of.get(span[-1].i)
        if len(span) > 1 and span[-1].text == "City" and ent is not None and ent.end > span.end \
                and not _city_name(text):
            # "Alexandria City Public Schools": the town is Alexandria
            span = span[:-1]
            sp, text = Span(span.start_char, span.end_char), span.text
        out.append(_Mention(sp, text, "GPE"))
        used.append(sp)
        resume = span.end
    return out


# Currency words a country's name may qualify ("US dollars", "Hong Kong dollar").
_CURRENCY_WORDS = frozenset({"dollar", "dollars", "cents", "pound", "pounds", "euros", "yen", "yuan", "rupees"})


def _keep(doc, span, text, ent_of, persons, countries, admins) -> bool:
    g = gazetteer()
    toks = tokens(doc)              # cached tokens: asked of every capitalised run
    prev = toks[span.start - 1] if span.start > 0 else None
    nxt = toks[span.end] if span.end < len(doc) else None
    if prev is not None and prev.text.lower().rstrip(".") in _TITLES:
        return False
    inside = range(span.start, span.end)
    ents = {id(ent_of[k]): ent_of[k] for k in inside if k in ent_of}
    ent = next(iter(ents.values()), None) if len(ents) == 1 else None
    if len(ents) > 1 or normalize(text) in _GENERIC:
        return False
    if ents and sum(k in ent_of for k in inside) < len(span):
        return False        # half in a name, half outside it
    strong = _strong(text, countries)
    civic = False
    if ent is not None and ent.label_ == "MONEY" and g.country_named(text) is not None and \
            nxt is not None and nxt.text.lower() in _CURRENCY_WORDS:
        return True     # "6.5 billion US dollars": the currency's country
    if ent is not None and (ent.start, ent.end) != (span.start, span.end):
        # inside a longer name: a place leads it or follows "of" ("Athens Police Department",
        # "University of Kentucky"); never its last word, the head noun ("Webb Center"),
        # unless after "of" and almost always a place ("Bank of Canada")
        lead = all(t.text.lower() in ("the", "a", "an") for t in doc[ent.start:span.start])
        after_of = doc[span.start - 1].text.lower() in ("of", "at", "in")
        # "St. John's Lutheran School in Lombard": "in" closing a name places it in a town
        closing_in = ent.label_ in ("ORG", "FAC") and span.end == ent.end and \
            doc[span.start - 1].text.lower() == "in" and _town(text)
        if not (lead or after_of) or (span.end == ent.end and not (after_of and strong) and not closing_in):
            return False
        if closing_in:
            return True
        # a town's own council, police or school is named after the town: any town then
        civic = lead and any(_possessor(t.text) in _CIVIC for t in doc[span.end:ent.end])
    elif ent is None and span[0].is_sent_start and not _local(text, countries, admins):
        g_top = g.lookup(text)[:1]
        if not (g.country_named(text) or g_top and g_top[0].feature_code in ("ADM1", "CONT", "RGN")):
            return False
    if ent is not None and ent.label_ == "PERSON":
        if span.start == ent.start and g.country_named(text) is not None and (
                _before_title(doc, span.end) or _abbreviated(text)):
            # "U.S. President Donald Trump", "the U.S. Senate": the office's country leads the name
            return True
        if not (strong and len(span) > 1):
            if len(span) == 1 and len(ent) == 1 and _local(text, countries, admins) and text not in persons:
                return nxt is None or nxt.text.lower() not in _SPEECH
            return False
    elif ent is not None and ent.label_ not in _PLACE_ENTS:
        return False
    if ent is not None and (ent.start, ent.end) == (span.start, span.end) and ent.label_ not in ("GPE", "LOC", "FAC"):
        # a whole entity the model called an organisation ("Chicago beat Houston": the teams)
        # stays one: overruling it costs more named-entity precision than it gains toponyms
        return False
    if len(span) == 1 and text in persons and not (strong and g.country_named(text)):
        return False
    if nxt is not None and nxt.text.lower() in _SPEECH and not strong:
        return False
    if strong:
        return True
    return _local(text, countries, admins) or (civic and _town(text))


# Heads of a town's or county's own institutions ("Lakeview Board of Education", "Tega Cay
# Volunteer Fire Department", "Mayo County Council").
_CIVIC = frozenset({"council", "police", "fire", "sheriff", "board", "chamber", "school", "schools",
                    "library", "hospital", "courthouse", "township", "historical", "commissioners",
                    "selectman", "selectmen", "aldermen", "jail", "mayor"})


def _propagate(doc, taken: list[_Mention]) -> list[_Mention]:
    """One sense per article: every other occurrence of a name already taken as a place
    ("Baghouz" tagged GPE once and ORG later) is a mention too."""
    names = {m.text for m in taken if len(m.text) > 2}
    if not names:
        return []
    used = [m.span for m in taken]
    out = []
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                         + r")(?![\w-])")
    for a in pattern.finditer(text_of(doc)):
        sp = Span(a.start(), a.end())
        if any(sp.overlaps(u) for u in used):
            continue
        # not when it is part of a longer non-place name ("Syria" in "Free Syrian Army" cannot
        # match; "Mosul" in "Mosul Dam Authority" is left to the model's ORG)
        cs = doc.char_span(sp.start, sp.end, alignment_mode="expand")
        if cs is not None and any(t.ent_type_ in ("ORG", "PERSON", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW")
                                  and not _whole_entity(t, cs) for t in cs):
            continue
        out.append(_Mention(sp, a.group(0), "GPE"))
        used.append(sp)
    return out
