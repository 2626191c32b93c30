"""Entity resolution: one key per real-world actor, whatever the article calls it.

Resolution happens at two levels, and every decision is kept as data (a *rule*), so that
``kg explain`` can say why a mention belongs to an actor:

Per article (pure: a function of the article alone, run in the per-article step)
    ``exact``        the mention is the actor's name
    ``alias-table``  the shipped table kg/data/actors.json (ISIS = ISIL = IS = Daesh; "the US")
    ``title``        a title is dropped ("President Trump", "Mr Jeffrey" with no fuller name)
    ``surname``      a surname joins the full name given elsewhere in the article
    ``acronym``      initials join an organisation's name (SDF = Syrian Democratic Forces)
    ``capital``      a capital used as the acting subject stands for its government
                     ("Washington said" → the United States); only the capitals listed in the
                     table's ``capitals`` (London or Paris are left out: usually the cities)

Across the corpus (after a build, over the store: see :mod:`kg.corpus`)
    ``corpus-surname``  a person named only by surname in an article ("Jeffrey said", key
                     ``person:jeffrey``) is ``owl:sameAs`` the one person of the corpus whose full
                     name ends with that surname (``person:james-jeffrey``). Only when exactly one
                     such full name exists: "Blair" stays apart if both Tony and Cherie Blair occur.

The module also normalises *what an estimate counts* (:func:`quantity`), so that estimates of
the same quantity from different articles line up: "ISIS fighters", "IS militants" and "ISIL
adherents" all count ``fighter`` of ``isis``.

>>> quantity("ISIL adherents")
Quantity(counts='fighter', owner='isis')
>>> quantity("Washington troops"), quantity("American troops")
(Quantity(counts='troop', owner='us'), Quantity(counts='troop', owner='us'))
>>> quantity("suspected IS fighters").counts, quantity("foreign militants").counts
('fighter', 'foreign fighter')
"""
from __future__ import annotations

import dataclasses
import functools
import json
import re
from collections.abc import Container, Iterable
from dataclasses import dataclass
from importlib.resources import files

from .facts import Actor, Estimate, Span

RULES = ("exact", "alias-table", "title", "surname", "acronym", "capital", "corpus-surname")


# ---------------------------------------------------------------- actors, per article

@functools.cache
def capitals() -> dict[str, str]:
    """Capital name → actor key of the country whose government it stands for."""
    data = json.loads(files("kg").joinpath("data/actors.json").read_text("utf-8"))
    return dict(data.get("capitals", {}))


def _country_actor(key: str) -> tuple[str, str]:
    from .extractors.actors import known_by_key
    known = known_by_key(key)
    return (known.key, known.name) if known else (key, key)


def resolve_actors(actors: Iterable[Actor]) -> tuple[list[Actor], dict[str, str]]:
    """Apply the article-level rules the extractor leaves to us (capitals for governments),
    merging actors that end up with the same key. Returns the actors and old key → new key.

    >>> from kg.facts import Span
    >>> out, renamed = resolve_actors([Actor("country:washington", "Washington", "Country", (Span(0, 10),)),
    ...                                Actor("us", "United States", "Country", (Span(20, 22),))])
    >>> [(a.key, len(a.mentions), a.rules) for a in out], renamed
    ([('us', 2, ((Span(start=0, end=10), 'capital'),))], {'country:washington': 'us'})
    """
    renamed: dict[str, str] = {}
    out: dict[str, Actor] = {}
    for a in actors:
        if a.type in ("Country", "Organization") and a.name in capitals() and not a.key.startswith("other:"):
            key, name = _country_actor(capitals()[a.name])
            renamed[a.key] = key
            a = Actor(key=key, name=name, type="Country", mentions=a.mentions,
                      aliases=tuple(sorted({*a.aliases, a.name})),
                      rules=tuple((m, "capital") for m in a.mentions))
        old = out.get(a.key)
        if old is None:
            out[a.key] = a
            continue
        rules = {**dict(a.rules), **dict(old.rules)}
        out[a.key] = dataclasses.replace(
            old, mentions=tuple(sorted({*old.mentions, *a.mentions})),
            aliases=tuple(sorted({*old.aliases, *a.aliases} - {old.name})),
            rules=tuple(sorted(rules.items())))
    return list(out.values()), renamed


def rule_of(actor: Actor, span: Span, text: str) -> str:
    """Why ``span`` (whose words are ``text``) is a mention of ``actor``."""
    return dict(actor.rules).get(span) or ("exact" if text == actor.name else "alias-table")


# ---------------------------------------------------------------- actors, across the corpus

def surname_merges(persons: Iterable[tuple[str, str]], common: Container[str] = ()) -> dict[str, str]:
    """Corpus rule ``corpus-surname``: one-word person names → the unique full name ending with it.

    ``persons`` are (actor id, name) pairs over the whole corpus (an id may repeat). Guards
    against the NER's mistakes: the one word must look like a surname (capitalised, not all
    capitals, and not the first word of any full name in the corpus: "Robert" alone may be
    Robert Kilroy-Silk as well as Laurent Robert), it must not be one of ``common``, the
    lower-case words of the corpus (:func:`lower_case_words`: a capitalised "Poll" or "Price"
    is more often a headline word than Mr Price), and the full name must be two or three
    capitalised words opening with a given name ("Team GB", "Fostering Network" are no persons).

    >>> surname_merges([("p/jeffrey", "Jeffrey"), ("p/james-jeffrey", "James Jeffrey"),
    ...                 ("p/blair", "Blair"), ("p/tony-blair", "Tony Blair"), ("p/cherie-blair", "Cherie Blair"),
    ...                 ("p/robert", "Robert"), ("p/laurent-robert", "Laurent Robert"), ("p/rp", "Robert Peston"),
    ...                 ("p/gb", "GB"), ("p/team-gb", "Team GB"), ("p/price", "Price"), ("p/ap", "Alan Price")],
    ...                common={"price", "the"})
    {'p/jeffrey': 'p/james-jeffrey'}
    """
    given = _given_names()
    names = {}
    for ident, name in persons:
        names.setdefault(ident, name)
    by_surname: dict[str, set[str]] = {}
    openers: set[str] = set()
    for ident, name in names.items():
        words = name.split()
        if len(words) > 1:
            openers.add(words[0].lower())
        if 2 <= len(words) <= 3 and words[0].lower() in given and all(
                re.fullmatch(r"[A-Z][\w.'’-]*[\w.]", w) for w in words):
            by_surname.setdefault(words[-1].lower(), set()).add(ident)
    out = {}
    for ident, name in names.items():
        if (len(name.split()) == 1 and name[:1].isupper() and not name.isupper()
                and re.fullmatch(r"[^\W\d_][\w'’-]*", name) and name.lower() not in openers
                and name.lower() not in common):
            full = by_surname.get(name.lower(), set())
            if len(full) == 1:
                out[ident] = next(iter(full))
    return dict(sorted(out.items()))


def lower_case_words(texts: Iterable[str], among: Iterable[str]) -> set[str]:
    """Which of the lower-case words ``among`` the ``texts`` also write in lower case.

    >>> sorted(lower_case_words(["Mr Page turned the page.", "Blair spoke."], ["page", "blair"]))
    ['page']
    """
    wanted, seen = set(among), set()
    for text in texts:
        seen |= wanted.intersection(re.findall(r"\b[a-z][a-z'’-]*\b", text))
        if seen == wanted:
            break
    return seen


@functools.cache
def _given_names() -> frozenset[str]:
    text = files("kg").joinpath("data/ner_given_names.txt").read_text("utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#"))


# ---------------------------------------------------------------- what an estimate counts

@dataclass(frozen=True, slots=True)
class Quantity:
    """What is counted, normalised (``"fighter"``, ``"foreign fighter"``), and whose (an actor key)."""

    counts: str | None
    owner: str | None = None


# Nouns that count the same thing. The head noun's lemma is looked up here.
_SYNONYMS = {
    "fighter": "fighter", "militant": "fighter", "jihadist": "fighter", "jihadi": "fighter",
    "combatant": "fighter", "insurgent": "fighter", "adherent": "fighter", "guerrilla": "fighter",
    "gunman": "fighter", "loyalist": "fighter",
    "troop": "troop", "soldier": "troop", "servicemember": "troop",
    "people": "person", "person": "person", "individual": "person",
}
_PHRASES = {"armed supporter": "fighter", "armed man": "fighter", "service member": "troop",
            "ground troop": "troop"}
# Words that do not change what is counted ("suspected IS fighters" are IS fighters).
_NEUTRAL = {"the", "a", "an", "of", "its", "their", "his", "her", "suspected", "estimated", "remaining",
            "active", "some", "other", "more", "total", "number", "about", "around", "still"}
# Words that stand for "the group the article is about" ("the group's fighters").
_PLACEHOLDERS = {"group", "organisation", "organization", "network", "movement"}
_IRREGULAR = {"people": "people", "men": "man", "women": "woman", "children": "child", "personnel": "personnel",
              "police": "police", "gunmen": "gunman", "series": "series", "news": "news"}


def lemma(word: str) -> str:
    """A noun's singular, by rule: ``lemma("militias") == "militia"``, ``lemma("casualties") == "casualty"``."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _owner_of(phrase: str) -> tuple[str | None, str | None] | None:
    """Actor key and rule of a name, alias, capital or demonym (``"Iraqi"`` → ``iraq``)."""
    from .extractors.actors import _norm, known_actors, slug
    known = known_actors().get(_norm(phrase))
    if known is not None:
        return known.key, "alias-table"
    if phrase in capitals():
        return _country_actor(capitals()[phrase])[0], "capital"
    if " " not in phrase and phrase[:1].isupper():
        from .geo import gazetteer
        iso = gazetteer().demonym(phrase)
        place = gazetteer().country(iso) if iso else None
        if place is not None:
            known = known_actors().get(_norm(place.name))
            return (known.key if known else "country:" + slug(place.name)), "demonym"
    return None


def quantity(about: str | None, unit: str = "", actors: Iterable[Actor] = ()) -> Quantity:
    """What ``about`` counts and whose, normalised.

    The owner is a name in the text that the alias table, a capital, a demonym or one of the
    article's ``actors`` (by name or alias) knows; "the group's" stands for the article's only
    armed group, if it has exactly one. The rest, lemmatised and stripped of neutral words
    ("suspected", "remaining"), is what is counted; its head noun is mapped to a synonym class
    (fighters, militants, jihadists, adherents → ``fighter``). With no ``about``, a counted noun
    used as the unit ("300 medical staff") is what is counted.
    """
    actors = list(actors)
    text = about or ""
    if not text and unit and unit not in _measure_units():
        text = unit
    if not text:
        return Quantity(None)
    words = re.findall(r"[\w'’.-]+", text.replace("’", "'"))
    words = [re.sub(r"('s|')$", "", w) for w in words]
    names = {}
    for a in actors:
        if a.type == "Other":
            continue
        for n in (a.name, *a.aliases):
            names[n] = a.key
    owner = None
    rest: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(6, len(words) - i), 0, -1):
            phrase = " ".join(words[i:i + n])
            if not phrase[:1].isupper():
                continue
            hit = (names[phrase], "article") if phrase in names else _owner_of(phrase)
            if hit is not None:
                owner = owner or hit[0]
                i += n
                break
        else:
            rest.append(words[i])
            i += 1
    if owner is None and any(w.lower() in _PLACEHOLDERS for w in rest):
        groups = {a.key for a in actors if a.type == "Group"}
        if len(groups) == 1:
            owner = next(iter(groups))
    rest = [lemma(w) for w in rest if w.lower() not in _NEUTRAL and w.lower() not in _PLACEHOLDERS
            and not w[:1].isdigit()]
    if not rest:
        return Quantity(_SYNONYMS.get(lemma(unit), lemma(unit)) if unit and unit not in _measure_units() else None,
                        owner)
    joined = " ".join(rest)
    for phrase, cls in _PHRASES.items():
        if joined.endswith(phrase):
            rest = rest[:-len(phrase.split())] + [cls]
            break
    head = _SYNONYMS.get(rest[-1], rest[-1])
    counts = " ".join([*rest[:-1], head])
    if unit in _measure_units() and unit:
        counts = f"{counts} ({unit})"  # "$88bn" about "rebuilding" is not a count of rebuildings
    return Quantity(counts, owner)


@functools.cache
def _measure_units() -> frozenset[str]:
    data = json.loads(files("kg").joinpath("data/units.json").read_text("utf-8"))
    return frozenset(u for u in data["units"] if u != "person")


def quantity_fields(e: Estimate, actors: Iterable[Actor]) -> dict:
    """The ``counts`` and ``owner`` fields of an estimate (changes of a number are not counts)."""
    q = quantity(e.about, e.unit, actors)
    return {"counts": q.counts, "owner": q.owner}


# ---------------------------------------------------------------- explaining a resolved actor

_FIND = """
PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?x WHERE { GRAPH ?g { ?x kg:actorType ?t ; rdfs:label|skos:altLabel ?name . }
  FILTER(LCASE(STR(?name)) = LCASE(STR(?wanted))) }
"""
_MENTIONS = """
PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
SELECT ?x ?article ?published ?label ?type ?wd ?text ?begin ?end ?rule WHERE { VALUES ?x { @ACTORS@ } GRAPH ?g {
  ?x kg:actorType ?type ; rdfs:label ?label ; kg:evidence ?m .
  ?g schema:identifier ?article .
  ?m nif:anchorOf ?text ; nif:beginIndex ?begin ; nif:endIndex ?end .
  OPTIONAL { ?g schema:datePublished ?published }
  OPTIONAL { ?x kg:wikidata ?wd }
  OPTIONAL { ?m kg:resolvedBy ?rule }
} }
"""


@dataclass(frozen=True)
class Mention:
    article: str
    published: str | None
    text: str
    begin: int
    end: int
    rule: str
    actor: str        # the IRI the article gave the mention (before corpus merges)


@dataclass(frozen=True)
class Explanation:
    """One real-world actor: its IRI, name, type, Wikidata item, the IRIs merged into it by
    corpus rules, and every mention with the rule that tied it to the actor."""

    iri: str
    name: str
    type: str
    wikidata: str | None
    merged: dict[str, str]       # other IRI → rule
    mentions: list[Mention]

    def as_dict(self) -> dict:
        return {"actor": self.iri, "name": self.name, "type": self.type, "wikidata": self.wikidata,
                "merged": self.merged, "mentions": [dataclasses.asdict(m) for m in self.mentions]}

    def text(self) -> str:
        lines = [f"{self.name} ({self.type}) <{self.iri}>" + (f"  wikidata: {self.wikidata}" if self.wikidata else "")]
        for other, rule in sorted(self.merged.items()):
            lines.append(f"  merged {other} — rule {rule}")
        rules: dict[str, set[str]] = {}
        for m in self.mentions:
            rules.setdefault(m.rule, set()).add(m.text)
        for rule in RULES:
            if rule in rules:
                lines.append(f"  {rule:15} {', '.join(sorted(rules[rule]))}")
        arts = len({m.article for m in self.mentions})
        lines.append(f"  {len(self.mentions)} mention(s) in {arts} article(s):")
        for m in self.mentions:
            lines.append(f"    {m.article} [{m.begin}:{m.end}] {m.text!r} — {m.rule}")
        return "\n".join(lines)


def explain(store, name: str) -> list[Explanation]:
    """The actors named ``name`` (a name or alias, any case), each with every mention merged
    into it across the corpus and the rule that merged it. Raises QueryError when none is found."""
    from pyoxigraph import Literal, NamedNode

    from .errors import QueryError
    from .sparql import bind
    from .canonical import merged_actors
    canon = merged_actors(store)
    found = {r[0].value for r in store.query(bind(_FIND, {"wanted": Literal(name)})).rows}
    if not found:  # "Mr Jeffrey": the stored names leave titles out
        from .extractors.actors import titles
        words = name.split()
        while len(words) > 1 and words[0].rstrip(".").lower() in {t.rstrip(".").lower() for t in titles()}:
            words = words[1:]
        if len(words) < len(name.split()):
            found = {r[0].value for r in store.query(bind(_FIND, {"wanted": Literal(" ".join(words))})).rows}
    if not found:
        raise QueryError(f"no actor is named {name!r} in the store (try the name or an alias as written)")
    roots = sorted({canon.get(x, x) for x in found})
    out = []
    for root in roots:
        members = {root} | {x for x, y in canon.items() if y == root}
        iris = " ".join(str(NamedNode(m)) for m in sorted(members))  # IRIs from the store, serialised by pyoxigraph
        rows = store.query(_MENTIONS.replace("@ACTORS@", iris)).rows
        names: dict[str, int] = {}
        mentions = set()
        typ, wd = "", None
        for x, art, pub, label, t, w, text, b, e, rule in rows:
            if x.value == root:
                names[label.value] = names.get(label.value, 0) + 1
                typ = typ or t.value
                wd = wd or (w.value if w is not None else None)
            r = rule.value.rsplit("#", 1)[-1] if rule is not None else None
            r = _RULE_NAMES.get(r, "exact" if text.value == label.value else "alias-table")
            if x.value != root and r == "exact":
                r = "corpus-surname"
            mentions.add(Mention(art.value, pub.value if pub else None, text.value, int(b.value), int(e.value),
                                 r, x.value))
        name_ = max(names, key=lambda n: (names[n], len(n))) if names else root.rsplit("/", 1)[-1]
        out.append(Explanation(root, name_, typ, wd, {m: "corpus-surname" for m in sorted(members - {root})},
                               sorted(mentions, key=lambda m: (m.published or "", m.article, m.begin))))
    # the real-world actor first; article-scoped speakers ("officials", type Other) last
    return sorted(out, key=lambda x: (x.type == "Other", -len(x.mentions), x.iri))


_RULE_NAMES = {"exactNameRule": "exact", "aliasTableRule": "alias-table", "titleRule": "title",
               "surnameRule": "surname", "acronymRule": "acronym", "capitalRule": "capital",
               "corpusSurnameRule": "corpus-surname"}
