"""Names the model took for a person, an organisation or a nationality that the text uses as a
place, and names that are no places here (groups, speakers, teams, unplaced words)."""
from __future__ import annotations

import re

from ...facts import Span
from ...geo import US_STATE_ABBREVIATIONS, gazetteer, normalize
from .. import text_of
from ..doccache import ents, tokens, words as doc_words
from ..rulers import given_names, is_english
from .lexicon import _GENERIC, _STREET_SUFFIX, _TITLES
from .mention import _Mention
from .placeness import _known_group, _local, _opaque, _person_words, _strong, _team_names, _town, _union
from .demonyms import _demonym_of
from .recognition import _scan_context
from .context import _after_hints


# Words before a name that say it is a place ("a man from Hanover", "downtown Lancaster").
_PLACE_PREPS = frozenset({"in", "at", "near", "from", "outside", "downtown", "into", "across", "throughout",
                          "around", "toward", "towards", "between", "inside", "suburban", "rural", "nearby",
                          "through", "via", "along"})
# Nouns after a name that say it is a place: its people and its local services ("Roselle
# police", "a Gainesville man", "Sligo-based").
_PLACE_NOUNS = frozenset({"police", "resident", "residents", "man", "woman", "men", "women", "boy", "girl",
                          "teen", "teenager", "native", "natives", "area", "firefighters", "mayor", "couple",
                          "family", "families", "neighborhood", "neighbourhood", "homeowners", "voters",
                          "townships", "township", "suburb", "firefighter", "officers", "deputies"})
# Lower-case nouns after a name that say what kind of place it names: a settlement, an area, or
# a site of war and travel ("the al-Hol camp", "the Al Tanf garrison", "the Rafah crossing").
_KIND_OF_PLACE = frozenset({"camp", "village", "town", "district", "province", "governorate", "neighbourhood",
                            "neighborhood", "suburb", "township", "region", "valley", "oasis", "municipality",
                            "settlement", "enclave", "garrison", "base", "airbase", "outpost", "checkpoint",
                            "crossing", "border", "airport", "airfield", "port"})
_OF_PLACE = frozenset({"native", "natives", "resident", "residents", "city", "town", "village", "county",
                       "outskirts", "suburbs", "mayor", "people", "center", "centre", "heart", "streets",
                       "mountains", "beaches", "shores", "coast", "region", "province", "state", "part",
                       "parts", "north", "south", "east", "west"})
_COUNTY_LIST_END = frozenset({"counties", "parishes", "townships"})


def _retyped(doc, taken: list[_Mention]) -> list[_Mention]:
    """A whole name the model took for a person or an organisation that the gazetteer knows as
    a town and the words around it use as a place: "a man from Hanover", "Roselle police",
    "Douglas, Lancaster and Sarpy counties", "Evansville, Ind.". The name must be a place the
    article can mean (:func:`_strong`, or a town of its states and countries, or placed by a
    state written after it), not a person's word, not a team of a results table, and not on an
    ALL-CAPS line (a headline or a table: no context there). A name no gazetteer knows needs a
    word that leaves no other reading: the kind of place after it ("the al-Hol camp", "the X
    garrison") or, for a "person", a verb whose object is a place before it ("had left X"); and
    no word of it may be a person's elsewhere in the article (a full name, a title)."""
    g = gazetteer()
    used = [m.span for m in taken]
    countries, admins = _scan_context(doc, taken)
    persons = _person_words(doc)
    teams = _team_names(doc)
    cased = doc.user_data.get("kg_cased") or {}
    # the cached words, tokens and text: most entities are dismissed on their words alone
    words, tokens_, doc_text = doc_words(doc), tokens(doc), text_of(doc)
    out = []
    for ent in ents(doc):
        # a town's name the model took for a nationality ("nuns in Pewaukee") too
        if ent.label_ not in ("PERSON", "ORG", "NORP") or ent.label_ == "NORP" and _demonym_of(ent.text):
            continue
        first = 1 if words[ent.start].lower() == "the" else 0
        toks = ent[first:]
        if len(toks) and words[toks.end - 1] in ("'s", "’s"):
            toks = toks[:-1]
        if not len(toks) or len(toks) > 3 or ent.start in cased:
            continue
        last = tokens_[toks.end - 1]
        sp = Span(tokens_[toks.start].idx, last.idx + len(last))
        text = doc_text[sp.start:sp.end]           # toks.text
        if any(sp.overlaps(u) for u in used) or normalize(text) in _GENERIC or text.lower() in teams \
                or not (text[:1].isupper() or text.split("-")[0].lower() in _ARTICLES and text[-1:].islower()
                        and any(c.isupper() for c in text)):
            continue
        nxt = tokens_[toks.end] if toks.end < len(doc) else None
        # a person's name: a word of the article's person names, after a title, or opening with a
        # given name that is no article ("Al Tanf", "San Remo")
        others = _person_words(doc, besides=ent.text) if len(toks) > 1 else persons
        person = any(w in others for w in words[toks.start:toks.end]) or (
            toks.start > 0 and words[toks.start - 1].lower().rstrip(".") in _TITLES) or \
            (words[toks.start] in given_names() and words[toks.start].lower() not in _ARTICLES)
        if toks.end == ent.end and _kind_of_place(nxt) and not person \
                and not (ent.label_ == "NORP" and is_english(text)):
            # "the al-Hol camp", "the Al Tanf garrison": the text says what kind of place it is
            # (a person's "camp" or "base" is named by a word of the article's person names, a
            # faith's "settlement" by an English word)
            out.append(_Mention(sp, text, "GPE"))
            used.append(sp)
            continue
        if text not in g:
            if ent.label_ == "PERSON" and not person and _after_place_verb(doc, toks) and not is_english(text):
                # "had left Baghouz": a name no gazetteer knows where the verb takes a place
                out.append(_Mention(sp, text, "GPE"))
                used.append(sp)
            continue
        if text in persons or (len(toks) > 1 and toks[0].text in given_names()):
            continue
        if not any(p.feature_class in ("P", "A") for p in g.lookup(text)[:20]):
            continue
        m = _Mention(sp, text, "GPE")
        hinted = bool(_after_hints(doc, m))
        cue = _place_cue(doc, toks)
        if not (hinted or cue) or ent.label_ == "NORP" and is_english(text):
            continue    # "an Arab woman", "Christian families": a people's or a faith's word
        # after a preposition ("in Congress") the name must be a place the article can mean;
        # a name its people or services are named after ("Laconia police") any town
        if not (hinted or _strong(text, countries) or _local(text, countries, admins)
                or (cue == "named" or not is_english(text)) and _town(text)):
            continue
        out.append(m)
        used.append(sp)
    return out


def _place_cue(doc, toks) -> str | None:
    """"named" when the words around name the place's people or services ("Laconia police",
    "Ann Sears, 41, of Grovetown", "Sligo-based", "Lancaster and Hamilton counties"), "prep"
    after a locative preposition ("in Winchester"), else None."""
    prev = doc[toks.start - 1] if toks.start > 0 else None
    nxt = doc[toks.end] if toks.end < len(doc) else None
    if prev is not None and prev.text.lower() == "of" and toks.start > 1:
        pp = doc[toks.start - 2]
        if pp.text == "," or pp.like_num or pp.ent_type_ == "PERSON" or pp.text.lower() in _OF_PLACE:
            return "named"
    if nxt is not None and nxt.text.lower() in _PLACE_NOUNS:
        return "named"
    if nxt is not None and nxt.text in ("-", "–") and toks.end + 1 < len(doc) and \
            doc[toks.end + 1].text.lower() in ("based", "area"):
        return "named"
    # one of a list of names that ends in "counties": "Douglas, Lancaster and Sarpy counties"
    j = toks.end
    while j < len(doc) and j < toks.end + 12:
        t = doc[j]
        if t.text.lower() in _COUNTY_LIST_END:
            return "named"
        if not (t.text in (",", "and", "&") or t.text[:1].isupper()):
            break
        j += 1
    if prev is not None and prev.text.lower() in _PLACE_PREPS:
        return "prep"
    if prev is not None and prev.text.lower() == "to" and toks.start > 1 and \
            doc[toks.start - 2].lemma_.lower() in _MOTION:
        return "prep"   # "drove to Lanexa", "a trip to Cancun"
    if _after_place_verb(doc, toks) and toks[0].ent_type_ == "PERSON":
        return "prep"   # "fled Aleppo", "captured Raqqa" (not "left Google": a company is left too)
    return None


def _after_place_verb(doc, toks) -> bool:
    """Whether a name is the object right after a verb whose object is a place: "had left X",
    "fled X", "troops entered X"."""
    if toks.start == 0:
        return False
    prev = doc[toks.start - 1]
    return prev.lemma_.lower() in _PLACE_OBJECT and (not doc.has_annotation("POS") or prev.pos_ == "VERB")


def _kind_of_place(noun) -> bool:
    """Whether a word after a name says what kind of place the name is ("the al-Hol camp"), as
    the head of the phrase or of one that is a place's too ("the al-Hol camp residents"), not as
    a modifier of another noun ("the Jones base salary")."""
    if noun is None or noun.text not in _KIND_OF_PLACE:
        return False
    if noun.doc.has_annotation("DEP") and noun.dep_ == "compound" and noun.head.i != noun.i:
        head = noun.head.text.lower()
        return head in _KIND_OF_PLACE or head in _PLACE_NOUNS
    return True


# Words after which "to" leads to a place ("moved to", "a trip to").
_MOTION = frozenset({"go", "went", "come", "came", "drive", "drove", "move", "moved", "travel", "fly", "flew",
                     "head", "return", "relocate", "commute", "walk", "ride", "rode", "sail", "trip", "journey",
                     "transfer", "transport", "airlift", "evacuate", "flee", "fled", "visit", "road",
                     "route", "way", "bus", "flight", "deport", "extradite", "send", "sent", "bring", "brought"})
# Verbs whose object is a place: leaving, entering and taking it ("fled Aleppo", "captured
# Raqqa"). Not "visit", "meet", "reach" ("reach Ann Roe on Twitter") or "evacuate", whose
# object is as often a person.
_PLACE_OBJECT = frozenset({"leave", "flee", "enter", "capture", "recapture", "seize", "storm", "besiege",
                           "encircle", "retake", "liberate", "overrun", "occupy", "shell", "infiltrate"})


# "…,” Petrova said", ". Petrova said": a name alone as the subject of a speech verb (not
# "Police in Atlanta and Macon said", where the place names the police)
_SAID_AFTER = re.compile(r"(?:^|[.!?]\s+|[,\"”’]\s*)([A-Z][\w'’-]+)(?:'s|’s)?\s+"
                         r"(?:said|says|told|added|explained|noted|stated|wrote|asked)\b", re.M)
# Words that make a name a place's whatever name precedes them ("Darby Street", "River Moy").
_PLACE_WORDS = frozenset({"heights", "creek", "springs", "falls", "island", "islands", "bay", "mountain",
                          "mount", "beach", "point", "ridge", "woods", "forest", "harbor", "harbour", "port",
                          "fort", "glen", "grove", "gardens", "estate", "place", "square", "way"})
_ARTICLES = frozenset({"al", "el", "ad", "as", "at", "an", "ar", "ash", "az", "la", "le", "los", "las", "san", "santa"})


def _not_people(doc, mentions: list[_Mention]) -> list[_Mention]:
    """Without names that are no places here: a known group ("Hamas", also a German town's
    other name), a word that says something somewhere and is no big place ("Petrova said"),
    a name the gazetteer does not know made of a given name and one more word ("Nino
    Burjanadze")."""
    g = gazetteer()
    speakers = {m.group(1) for m in _SAID_AFTER.finditer(text_of(doc))}
    out = []
    for m in mentions:
        words = m.text.split()
        if not m.fixed and g.country_named(m.text) is None and _known_group(m.text) and not _union(m.text):
            continue    # "Israel and Hamas": a known armed group or organisation, whatever town shares its name
        if not m.fixed and g.country_named(m.text) is None and len(words) == 1 and m.text in speakers \
                and not _strong(m.text):
            continue
        if not m.fixed and m.text not in g and g.country_named(m.text) is None and (
                len(words) == 2 and words[0] in given_names() and words[0].lower() not in _ARTICLES
                and not any(w.lower() in _GENERIC or w.lower() in _STREET_SUFFIX or w.lower() in _PLACE_WORDS
                            for w in words)):
            continue
        out.append(m)
    return out


def _not_teams(doc, mentions: list[_Mention]) -> list[_Mention]:
    """Without the names that are teams in this article: "Florida 65 70 .481" in a standings
    table is a club, and so is "Florida" in the report beside it (one sense per article).
    National teams are kept: the sports rules leave countries GPE."""
    teams = _team_names(doc)
    if not teams:
        return mentions
    return [m for m in mentions if m.fixed or m.text.lower() not in teams]


def _unplaced_words(doc, mentions: list[_Mention]) -> list[_Mention]:
    """Without single words that no gazetteer knows, that nothing in the article places and that
    the text does not use as a place ("since Dropbox first …", "Pawlenty's proposal"): the model's
    guess alone. Kept after a locative preposition ("in Portroe") or a verb that takes a place
    ("fled Portroe"), before a word that says what kind of place it is ("the Hardeetown area"),
    and abbreviations ("N.B.")."""
    g = gazetteer()
    keep = []
    for m in mentions:
        if not m.fixed and _opaque(m.text) and m.text not in g:
            continue
        if m.place is not None or m.within is not None or m.fixed or " " in m.text or "." in m.text \
                or "-" in m.text or m.text in g:
            keep.append(m)
            continue
        cs = doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
        if cs is None:
            keep.append(m)
            continue
        prev = doc[cs.start - 1].text.lower() if cs.start > 0 else ""
        nxt = doc[cs.end].text.lower() if cs.end < len(doc) else ""
        if prev in _PLACE_PREPS or prev in ("to", "of") or nxt in _KIND_OF_PLACE or nxt in ("area", "island") \
                or _after_place_verb(doc, cs):
            keep.append(m)
    return keep


def _org_acronyms(doc) -> set[str]:
    """Short forms an article defines for an organisation in brackets after its name
    ("the Ministry of Defence (MoD)"): the model may take them for places, and a town may share
    the letters, but in this article they name the organisation."""
    text = text_of(doc)
    out = set()
    for a in re.finditer(r"\(([A-Z][A-Za-z]{1,6})\)", text):
        short = a.group(1)
        if sum(c.isupper() for c in short) < 2:
            continue
        before = text[:a.start()].rstrip()
        ent = next((e for e in ents(doc) if e.end_char == len(before)), None)
        if ent is None or ent.label_ not in ("ORG", "NORP", "FAC", "EVENT", "LAW"):
            continue
        name = re.sub(r"^(?:the|The)\s+", "", ent.text)
        if name in gazetteer() or gazetteer().country_named(name) is not None:
            continue    # "Democratic People's Republic of Korea (DPRK)": a country, whatever its label
        words = re.findall(r"[A-Za-z]+", name)
        initials = "".join(w[0] for w in words)
        capitals = "".join(w[0] for w in words if w[0].isupper())
        if short.lower() in (initials.lower(), capitals.lower()):
            out.add(short)
    return out


def _not_acronyms(doc, mentions: list[_Mention]) -> list[_Mention]:
    """Without the short forms the article defines for an organisation (see :func:`_org_acronyms`)."""
    shorts = _org_acronyms(doc)
    if not shorts:
        return mentions
    return [m for m in mentions if m.fixed or m.text not in shorts]


def _not_codes(mentions: list[_Mention]) -> list[_Mention]:
    """Without capitals of two or three letters the gazetteer knows only as some town's other
    name (an airport or postal code: "AI" for a Baxter, "UF" for Ufa): in news such letters
    are an organisation or a term ("AI" for artificial intelligence). Countries, state
    abbreviations and places so named ("EU", "UK", "VA") stay."""
    g = gazetteer()
    out = []
    for m in mentions:
        t = m.text
        if not m.fixed and 2 <= len(t) <= 3 and t.isalpha() and t.isupper() and g.country_named(t) is None \
                and normalize(t) not in US_STATE_ABBREVIATIONS:
            cands = g.candidates(t)
            if cands and not any(prim for _, prim in cands):
                continue
        out.append(m)
    return out
