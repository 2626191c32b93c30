"""Facts as JSON-ready records, exactly as ``../shared/eval/FORMAT.md`` lays them out.

>>> from kg.facts import Article, Facts
>>> to_record(Facts(article=Article(id="d1", text="Quiet day.")))
{'id': 'd1', 'actors': [], 'locations': [], 'estimates': [], 'statements': []}
"""
from __future__ import annotations

from .facts import Facts, Span


def _span(s: Span | None) -> list[int] | None:
    return [s.start, s.end] if s is not None else None


def to_record(facts: Facts, *, adjectival_mentions: bool = True) -> dict:
    """One prediction line: actors, locations, estimates and statements with local ids.

    A place's demonyms ("Syrian troops") are among its ``mentions``, as in the RDF and as
    geoparsing golds (LGL, GeoWebNews) annotate toponyms, and also listed in ``adjectival``;
    ``adjectival_mentions=False`` keeps them out of ``mentions``, as named-entity golds read
    them (CoNLL: nationalities are MISC)."""
    actor_ids = {a.key: f"a{i}" for i, a in enumerate(facts.actors, 1)}
    loc_ids = {loc.key: f"l{i}" for i, loc in enumerate(facts.locations, 1)}
    return {
        "id": facts.article.id,
        "actors": [{"id": actor_ids[a.key], "key": a.key, "name": a.name, "type": a.type,
                    "mentions": [_span(m) for m in a.mentions]} for a in facts.actors],
        "locations": [{"id": loc_ids[loc.key], "key": loc.key, "name": loc.name, "lat": loc.lat,
                       "lon": loc.lon, "geonames_id": loc.geonames_id, "feature": loc.feature,
                       "country_code": loc.country_code, "precision": loc.precision,
                       "mentions": [_span(m) for m in (sorted(loc.mentions + loc.adjectival)
                                                        if adjectival_mentions else loc.mentions)],
                       "adjectival": [_span(m) for m in loc.adjectival]} for loc in facts.locations],
        "estimates": [{"id": e.id, "span": _span(e.span), "value": e.value, "min": e.min, "max": e.max,
                       "unit": e.unit, "qualifier": e.qualifier, "about": e.about,
                       "location": loc_ids.get(e.location), "time": e.time, "statement": e.statement}
                      for e in facts.estimates],
        "statements": [{"id": s.id, "speaker": actor_ids.get(s.speaker), "speaker_span": _span(s.speaker_span),
                        "cue": s.cue, "cue_span": _span(s.cue_span), "content_span": _span(s.content_span),
                        "direct": s.direct, "date": s.date} for s in facts.statements],
    }
