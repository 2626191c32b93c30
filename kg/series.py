"""Estimates over time: series of the same quantity across articles, and contradictions.

A *quantity* is what an estimate counts (``kg:counts``, normalised by :func:`kg.resolve.quantity`),
whose it is (``kg:countOf``, an actor, taken through ``owl:sameAs``: kg.canonical) and where
(``schema:spatialCoverage``, the exact place: "militants in Baghouz" are not "fighters in
Syria"). A *series* lists every estimate of a quantity in time order (the time the estimate is
for, then the publication date), with speaker, hedge, value or range, article and date.
Syndicated copies (``kg:copyOf``, read by kg.canonical) are left out: each report counts once, at
its first appearance.

Two estimates *contradict* each other when they are of the same quantity, with a place, from
different articles, for about the same time, and their ranges do not overlap:

- about the same time: both times known at least to the month (a year alone is too vague), and
  the two periods at most :data:`WINDOW_DAYS` (31) days apart;
- an estimate's range: exact v → [v, v]; approximately v → [0.9 v, 1.1 v]; "more than" / "at
  least" v → [v, ∞); "less than" / "at most" v → [0, v]; a range → its bounds. Rises and falls
  ("increase", "decrease") are changes, not levels, and never conflict. Two estimates in the same
  article are never a contradiction (an article reporting a fall gives two numbers on purpose).

>>> a = Row("e1", "g1", "x", "2019-01-10", None, "fighter", "isis", "syria", "Syria", "2019-01-09", "range", None, 5000, 7000)
>>> b = Row("e2", "g2", "y", "2019-01-24", None, "fighter", "isis", "syria", "Syria", "2019-01-24", "lessThan", None, None, 1500)
>>> [(c.days, c.a.iri, c.b.iri) for c in find_conflicts([a, b])]
[(15, 'e1', 'e2')]
"""
from __future__ import annotations

import calendar
import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

WINDOW_DAYS = 31
APPROX = 0.10

_ESTIMATES = """
PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
SELECT ?e ?a ?article ?published ?source ?counts ?owner ?place ?placeLabel ?when ?q ?value ?min ?max
       ?unit ?text ?speaker ?speakerLabel WHERE {
  GRAPH ?a {
    ?e a kg:Estimate ; kg:counts ?counts ; kg:qualifier ?q .
    ?a schema:identifier ?article .
    OPTIONAL { ?e kg:evidence/nif:anchorOf ?text }
    OPTIONAL { ?a schema:datePublished ?published }
    OPTIONAL { ?a schema:publisher ?source }
    OPTIONAL { ?e kg:countOf ?owner }
    OPTIONAL { ?e schema:spatialCoverage ?place . OPTIONAL { ?place rdfs:label ?placeLabel } }
    OPTIONAL { ?e schema:temporalCoverage ?when }
    OPTIONAL { ?e schema:value ?value }
    OPTIONAL { ?e schema:minValue ?min }
    OPTIONAL { ?e schema:maxValue ?max }
    OPTIONAL { ?e schema:unitText ?unit }
    OPTIONAL { ?e prov:wasAttributedTo ?speaker . OPTIONAL { ?speaker rdfs:label ?speakerLabel } }
  }
}
"""
_LABELS = """
PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?x ?label (COUNT(?g) AS ?n) WHERE { GRAPH ?g { ?x kg:actorType ?t ; rdfs:label ?label } }
GROUP BY ?x ?label
"""
_CONFLICTS = """
PREFIX kg: <https://w3id.org/kg-news/ontology#>
SELECT ?c ?e ?quantity ?days WHERE { GRAPH <https://w3id.org/kg-news/id/graph/corpus> {
  ?c a kg:Contradiction ; kg:between ?e ; kg:quantity ?quantity ; kg:daysApart ?days } }
"""


@dataclass(frozen=True)
class Row:
    """One estimate as the series and conflict finders see it (IRIs as strings)."""

    iri: str
    graph: str
    article: str
    published: str | None
    source: str | None
    counts: str
    owner: str | None          # actor IRI, canonical (through owl:sameAs)
    place: str | None          # place IRI
    place_label: str | None
    when: str | None           # ISO date, year-month or year the estimate is for
    qualifier: str
    value: float | None
    min: float | None
    max: float | None
    unit: str = ""
    text: str = ""
    speaker: str | None = None
    speaker_label: str | None = None
    owner_label: str | None = None

    @property
    def time(self) -> str:
        return self.when or self.published or ""

    def bounds(self) -> tuple[float, float] | None:
        """The range the estimate stands for, or None for a change (see the module doc)."""
        q = self.qualifier
        if q in ("increase", "decrease"):
            return None
        if q == "range" and self.min is not None and self.max is not None:
            return self.min, self.max
        if q in ("moreThan", "atLeast") and self.min is not None:
            return self.min, math.inf
        if q in ("lessThan", "atMost") and self.max is not None:
            return 0.0 if self.max >= 0 else -math.inf, self.max
        v = self.value if self.value is not None else (self.min if self.min is not None else self.max)
        if v is None:
            return None
        if q == "approximately":
            return min(v * (1 - APPROX), v * (1 + APPROX)), max(v * (1 - APPROX), v * (1 + APPROX))
        return v, v

    def shown(self) -> str:
        """The value as the text hedges it: "5,000–7,000", "< 1,500", "≈ 400"."""
        def n(x):
            return f"{x:,.0f}" if x is not None and float(x).is_integer() else f"{x:,}"
        q = self.qualifier
        if q == "range":
            return f"{n(self.min)}–{n(self.max)}"
        sign = {"approximately": "≈ ", "lessThan": "< ", "atMost": "≤ ", "moreThan": "> ", "atLeast": "≥ ",
                "increase": "+", "decrease": "−"}.get(q, "")
        v = self.value if self.value is not None else (self.min if self.min is not None else self.max)
        return sign + n(v)

    def as_dict(self) -> dict:
        return {"time": self.time, "article": self.article, "published": self.published, "source": self.source,
                "speaker": self.speaker_label, "qualifier": self.qualifier, "value": self.value,
                "min": self.min, "max": self.max, "shown": self.shown(), "unit": self.unit,
                "counts": self.counts, "owner": self.owner_label, "place": self.place_label,
                "text": self.text, "estimate": self.iri}


@dataclass(frozen=True)
class Conflict:
    a: Row
    b: Row
    days: int
    quantity: str = ""
    iri: str | None = field(default=None, compare=False)

    def label(self) -> str:
        return (f"{self.quantity}: {self.a.shown()} ({self.a.article}, {self.a.time}) vs "
                f"{self.b.shown()} ({self.b.article}, {self.b.time})")


def period(iso: str | None) -> tuple[dt.date, dt.date] | None:
    """The days an ISO date or year-month covers; None for a year alone or no date.

    >>> period("2019-02")
    (datetime.date(2019, 2, 1), datetime.date(2019, 2, 28))
    """
    if not iso:
        return None
    try:
        if len(iso) == 10:
            d = dt.date.fromisoformat(iso)
            return d, d
        if len(iso) == 7:
            y, m = int(iso[:4]), int(iso[5:7])
            return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])
    except ValueError:
        return None
    return None


def _gap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int:
    return max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)


def quantity_words(r: Row) -> str:
    owner = f" of {r.owner_label}" if r.owner_label else ""
    place = f" in {r.place_label}" if r.place_label else ""
    return f"{r.counts}{owner}{place}"


def quantity_key(r: Row) -> tuple:
    """What makes two estimates the same quantity: what is counted, whose, where (and the unit
    when ``counts`` is only a unit, as in "(dollar)")."""
    return r.counts, r.owner, r.place, r.unit if r.counts.endswith(")") else ""


def find_conflicts(rows: Iterable[Row], window: int = WINDOW_DAYS) -> list[Conflict]:
    """Pairs of rows that contradict each other (see the module doc); copies must be left out first."""
    groups: dict[tuple, list[Row]] = defaultdict(list)
    for r in rows:
        if r.place is None or r.bounds() is None or period(r.time) is None:
            continue
        groups[quantity_key(r)].append(r)
    out = []
    for members in groups.values():
        members.sort(key=lambda r: (r.time, r.published or "", r.article, r.iri))
        for i, x in enumerate(members):
            for y in members[i + 1:]:
                if x.graph == y.graph:
                    continue
                days = _gap(period(x.time), period(y.time))
                if days > window:
                    continue
                (lo1, hi1), (lo2, hi2) = x.bounds(), y.bounds()
                if hi1 < lo2 or hi2 < lo1:
                    out.append(Conflict(x, y, days, quantity_words(x)))
    return sorted(out, key=lambda c: (c.a.time, c.a.iri, c.b.iri))


# ---------------------------------------------------------------- reading the store

def _v(term):
    return None if term is None else term.value


def _f(term):
    return None if term is None else float(term.value)


def actor_labels(store) -> dict[str, str]:
    """Actor IRI → its most used label."""
    return most_used_labels((x.value, label.value, int(n.value)) for x, label, n in store.query(_LABELS).rows)


def most_used_labels(counted: Iterable[tuple[str, str, int]]) -> dict[str, str]:
    """Actor IRI → its most used label (ties: the greatest), from (actor, label, graphs using it)."""
    best: dict[str, tuple[int, str]] = {}
    for x, label, n in counted:
        if x not in best or (n, label) > best[x]:
            best[x] = (n, label)
    return {x: lab for x, (_, lab) in best.items()}


def read_estimates(store, *, canon: dict[str, str] | None = None, labels: dict[str, str] | None = None,
                   skip: Iterable[str] = ()) -> list[Row]:
    """Every estimate with a normalised ``kg:counts``, owners and speakers taken through ``canon``
    (actor IRI → the one it is the same as; by default the corpus merges, see kg.canonical);
    estimates of articles in ``skip`` (copies) left out."""
    if canon is None:
        from .canonical import merged_actors
        canon = merged_actors(store)
    labels = actor_labels(store) if labels is None else labels
    skip = set(skip)
    rows = []
    seen = set()
    for (e, a, art, pub, src, counts, owner, place, plabel, when, q, value, mn, mx, unit, text, sp,
         splabel) in store.query(_ESTIMATES).rows:
        if a.value in skip or e.value in seen:
            continue
        seen.add(e.value)
        o = canon.get(_v(owner), _v(owner))
        s = canon.get(_v(sp), _v(sp))
        rows.append(Row(e.value, a.value, art.value, _v(pub), _v(src), counts.value, o, _v(place), _v(plabel),
                        _v(when), q.value.rsplit("#", 1)[-1], _f(value), _f(mn), _f(mx), _v(unit) or "",
                        _v(text) or "", s, labels.get(s, _v(splabel)) if s else None,
                        labels.get(o) or (o.rsplit("/", 1)[-1] if o else None)))
    return rows


def in_time_order(rows: Iterable[Row]) -> list[Row]:
    return sorted(rows, key=lambda r: (r.time, r.published or "", r.article, r.iri))


def stored_conflicts(store, rows: list[Row]) -> list[Conflict]:
    """The contradictions flagged in the corpus graph, with both estimates."""
    by_iri = {r.iri: r for r in rows}
    pairs: dict[str, dict] = {}
    for c, e, quantity, days in store.query(_CONFLICTS).rows:
        p = pairs.setdefault(c.value, {"e": [], "q": quantity.value, "d": int(days.value)})
        p["e"].append(e.value)
    out = []
    for iri, p in pairs.items():
        found = sorted((by_iri[e] for e in p["e"] if e in by_iri), key=lambda r: (r.time, r.iri))
        if len(found) == 2:
            out.append(Conflict(found[0], found[1], p["d"], p["q"], iri))
    return sorted(out, key=lambda c: (c.a.time, c.a.iri, c.b.iri))
