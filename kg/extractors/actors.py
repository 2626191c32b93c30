"""Actors: people, organisations, armed groups and states, one per real-world actor per article.

Mentions come from the NER (PERSON, ORG, the project's ruler for known groups) and from
countries used as agents ("the US said"). Mentions of one actor are merged by three rules:
the shipped alias table (ISIS = IS = Daesh), person surnames and titles ("Mr Jeffrey" →
James Jeffrey, when the full name occurs in the article), and acronyms of organisation names
(SDF = Syrian Democratic Forces). The actor's key is stable across articles.

>>> from kg import nlp
>>> doc = next(nlp.parse(["Daesh lost Mosul. ISIS still has fighters, said James Jeffrey. Mr Jeffrey spoke later."]))
>>> [(a.key, a.type, len(a.mentions)) for a in actors(doc)]
[('isis', 'Group', 2), ('person:james-jeffrey', 'Person', 2)]
"""
from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from importlib.resources import files

from . import text_of
from .doccache import ents
from ..facts import Actor, Span

_AGENT_DEPS = {"nsubj", "nsubjpass", "poss", "agent"}


@dataclass(frozen=True, slots=True)
class Known:
    key: str
    name: str
    type: str
    wikidata: str | None


@functools.cache
def _table() -> tuple[dict[str, Known], frozenset[str]]:
    data = json.loads(files("kg").joinpath("data/actors.json").read_text("utf-8"))
    index: dict[str, Known] = {}
    for entry in data["actors"]:
        known = Known(entry["key"], entry["name"], entry["type"], entry.get("wikidata"))
        _BY_KEY[known.key] = known
        if entry["type"] == "Person":
            continue  # people are found by the NER and merged by surname; the table gives their Wikidata id
        for alias in [entry["name"], *entry.get("aliases", ())]:
            index[_norm(alias)] = known
    return index, frozenset(data["titles"])


_BY_KEY: dict[str, Known] = {}


def known_by_key(key: str) -> Known | None:
    """The shipped table's entry for an actor key, people included."""
    _table()
    return _BY_KEY.get(key)


def known_actors() -> dict[str, Known]:
    """The shipped alias table: normalised alias → known actor."""
    return _table()[0]


def titles() -> frozenset[str]:
    """Personal and official titles ("Mr", "General") that precede names."""
    return _table()[1]


def wikidata(key: str) -> str | None:
    """The Wikidata id of a known actor's key, from the shipped table: ``wikidata("isis") == "Q2429253"``."""
    known = known_by_key(key)
    return known.wikidata if known else None


def ruler_patterns() -> list[dict]:
    """Entity-ruler patterns for every alias of a known group or organisation."""
    data = json.loads(files("kg").joinpath("data/actors.json").read_text("utf-8"))
    labels = {"Group": "ORG", "Organization": "ORG", "Country": "GPE"}
    patterns = []
    for entry in data["actors"]:
        if entry["type"] in ("Country", "Person"):
            continue  # the statistical NER finds countries well; ruler matches would be redundant
        for alias in {entry["name"], *entry["aliases"]}:
            if alias.lower().startswith("the "):
                continue
            patterns.append({"label": labels[entry["type"]], "pattern": alias, "id": entry["key"]})
    return patterns


# Compiled once: these run on every entity of every article.
_THE = re.compile(r"^(the)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"('s|')$")
_SPACES = re.compile(r"\s+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_LEADING_THE = re.compile(r"(?i)the\s+")
_TRAILING_POSSESSIVE = re.compile(r"('s|’s|')$")


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").strip()
    text = _THE.sub("", text)
    text = _POSSESSIVE.sub("", text)
    return _SPACES.sub(" ", text)


def slug(text: str) -> str:
    """A lower-case ASCII slug: ``slug("Mu'ammar al-Qadhafi") == "mu-ammar-al-qadhafi"``."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", text.lower()).strip("-") or "x"


def _mention(span) -> tuple[Span, str]:
    """Character span and text of an entity, without a leading "the" or trailing "'s"."""
    start, end = span.start_char, span.end_char
    text = span.text
    if "\n" in text:  # an entity never runs across lines: a caption or byline is glued to it
        text = text[:text.index("\n")].rstrip()
        end = start + len(text)
    m = _LEADING_THE.match(text)
    if m and len(text) > m.end():
        start, text = start + m.end(), text[m.end():]
    m = _TRAILING_POSSESSIVE.search(text)
    if m and m.start() > 0:
        end, text = end - len(m.group()), text[:m.start()]
    return Span(start, end), text


def actors(doc) -> list[Actor]:
    """Actors of a parsed doc, in order of first mention, each with all its mention spans."""
    index, titles = _table()
    groups: dict[str, dict] = {}

    def add(key: str, name: str, type_: str, span: Span, rule: str | None = None) -> None:
        g = groups.setdefault(key, {"name": name, "type": type_, "mentions": [], "aliases": set(), "rules": {}})
        g["mentions"].append(span)
        text = text_of(doc)[span.start:span.end]
        g["aliases"].add(text)
        if text != name and rule:
            g["rules"].setdefault(span, rule)

    persons: list[tuple[Span, list[str]]] = []
    orgs: list[tuple[Span, str]] = []
    surnames = {e.text.split()[-1] for e in ents(doc) if e.label_ == "PERSON" and len(e.text.split()) > 1}
    for ent in ents(doc):
        if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP"):
            continue
        span, text = _mention(ent)
        if not text or text.islower():
            continue  # "army", "police": common nouns the NER sometimes tags
        known = index.get(_norm(text))
        label = ent.label_
        # "Mr Diallo" tagged ORG, or a surname of a person named in full elsewhere: a person.
        titled = ent.start > 0 and doc[ent.start - 1].text in titles
        if known is None and label != "PERSON" and (titled or (label == "ORG" and text in surnames)):
            label = "PERSON"
        if known is not None and (label != "GPE" or _acts(ent)):
            add(known.key, known.name, known.type, span, "alias-table")
        elif label == "PERSON":
            words = [w for w in text.split() if w not in titles]
            if words:
                persons.append((span, words))
        elif label == "ORG":
            orgs.append((span, text))
        elif label == "GPE" and _acts(ent) and _state_like(text):
            add("country:" + slug(text), text, "Country", span)

    # Surnames and titles: a short name joins the longest full name in the article ending with it;
    # between two as long ("Clinton": Hillary or Chelsea), the one named more often, then first.
    named = Counter(tuple(w) for _, w in persons)
    first = {}
    for span, w in persons:
        first.setdefault(tuple(w), span.start)
    full = sorted(named, key=lambda f: (-len(f), -named[f], first[f]))
    for span, words in persons:
        target = next((f for f in full if len(f) > len(words) and list(f[-len(words):]) == words), tuple(words))
        name = " ".join(target)
        add("person:" + slug(name), name, "Person", span, "surname" if len(target) > len(words) else "title")

    # Acronyms: "SDF" joins "Syrian Democratic Forces" when its letters are the name's initials.
    names = {slug(t): t for _, t in orgs}
    for span, text in orgs:
        target = text
        if text.isupper() and 2 <= len(text) <= 6:
            target = next((n for n in names.values() if _initials(n) == text), text)
        add("org:" + slug(target), target, "Organization", span, "acronym" if target != text else None)

    out = []
    for key, g in groups.items():
        mentions = tuple(sorted(set(g["mentions"])))
        aliases = tuple(sorted(a for a in g["aliases"] if a != g["name"]))
        rules = tuple(sorted(g["rules"].items()))
        out.append(Actor(key=key, name=g["name"], type=g["type"], mentions=mentions, aliases=aliases, rules=rules))
    return sorted(out, key=lambda a: a.mentions[0])


def _state_like(text: str) -> bool:
    """A place name that can act as a state: a country, a first-level division ("Texas sued"),
    a capital standing for its government ("Damascus said": only the capitals of the alias
    table, which leaves out London or Paris, in news more often the city than the government).
    A town or a village ("Baghouz fell") is only a place (see :mod:`kg.extractors.locations`)."""
    from ..geo import gazetteer, normalize
    g = gazetteer()
    if g.country_named(text) is not None or normalize(text) in _capitals():
        return True
    top = g.lookup(text)[:1]
    return bool(top) and top[0].feature_code in ("PCLI", "ADM1", "CONT", "RGN")


@functools.cache
def _capitals() -> frozenset[str]:
    from ..geo import normalize
    from ..resolve import capitals
    return frozenset(normalize(c) for c in capitals())


def _acts(ent) -> bool:
    """A place name used as an agent: subject, possessor or passive agent ("the US said")."""
    return ent.root.dep_ in _AGENT_DEPS


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())
