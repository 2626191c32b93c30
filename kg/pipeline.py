"""The per-article step: article → parsed doc → facts, composed from the extractors.

``extract_doc`` is a pure function of the article and its parse, so workers or an engine
such as Dask can run it anywhere. Linking happens here, after every extractor has run:
estimates to the statement that made them, to the place and the time they are about;
statements to the date they were made.

>>> from kg.facts import Article
>>> facts = next(extract([Article(id="x", text="About 300 fighters remain in Mosul, Mr Smith said.")]))
>>> e = facts.estimates[0]
>>> (e.value, e.qualifier, e.unit, e.location is not None, e.statement == facts.statements[0].id)
(300.0, 'approximately', 'person', True, True)
"""
from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Callable, Iterable, Iterator

from . import __version__, resolve
from .errors import KgError
from .extractors import doccache, text_of
from .extractors.actors import actors as find_actors, slug
from .extractors.dates import dates as find_dates
from .extractors.estimates import estimates as find_estimates
from .extractors.locations import locations as find_locations
from .extractors.statements import statements as find_statements
from .facts import Actor, Article, Estimate, Facts, Location, Span, Statement

EXTRACTOR = f"kg {__version__}"


def extract(articles: Iterable[Article], *, batch_size: int = 16,
            on_error: Callable[[Article, Exception], None] | None = None) -> Iterator[Facts]:
    """Parse articles in batches and yield their facts, in input order.

    With ``on_error``, an article whose extraction fails is reported there and skipped;
    without it the error propagates.
    """
    from . import nlp
    pending: list[Article] = []

    def flush() -> Iterator[Facts]:
        # spaCy adds every new word of a text to its vocabulary for good: over a corpus that
        # grows without end. In a memory zone, what a batch adds goes when the batch is done
        # (facts hold plain strings, never the Doc).
        with nlp.load().memory_zone():
            docs = nlp.parse((a.text for a in pending), batch_size=batch_size)
            for article, doc in zip(pending, docs):
                try:
                    yield extract_doc(article, doc)
                except (KgError, ValueError, IndexError, KeyError) as exc:
                    if on_error is None:
                        raise
                    on_error(article, exc)
        pending.clear()

    for article in articles:
        pending.append(article)
        if len(pending) >= batch_size:
            yield from flush()
    yield from flush()


def extract_doc(article: Article, doc) -> Facts:
    """All facts of one parsed article, linked to each other."""
    try:
        return _extract_doc(article, doc)
    finally:
        doccache.release(doc)


def _extract_doc(article: Article, doc) -> Facts:
    locations = find_locations(doc)
    actors = _not_places(find_actors(doc), locations)
    starts = [s.start_char for s in doc.sents]

    def sentence(offset: int) -> int:
        return bisect.bisect_right(starts, offset) - 1

    statements = _it_speakers(doc, find_statements(doc, actors), actors, sentence)
    actors = actors + _unnamed_speakers(article, doc, statements, actors)
    statements = [_speaker_of(s, actors) for s in statements]
    actors = _with_speaker_mentions(doc, actors, statements)
    estimates = find_estimates(doc)
    dates = find_dates(doc, article.date)
    published = article.date.isoformat() if article.date else None

    statements = [dataclasses.replace(s, date=_nearest_date(dates, s.cue_span, sentence, s.content_span
                                                            if s.direct else None) or published)
                  for s in statements]
    linked = []
    for e in estimates:
        said = next((s for s in statements if e.span in s.content_span), None)
        time = _nearest_date(dates, e.span, sentence) or (said.date if said else published)
        linked.append(dataclasses.replace(
            e, statement=said.id if said else e.statement, time=e.time or time,
            location=e.location or _place_of(e, locations, sentence)))
    # Entity resolution within the article (capitals standing for governments), then what each
    # estimate counts, normalised, and whose it is: see kg.resolve.
    actors, renamed = resolve.resolve_actors(actors)
    statements = [dataclasses.replace(s, speaker=renamed.get(s.speaker, s.speaker)) for s in statements]
    linked = [dataclasses.replace(e, **resolve.quantity_fields(e, actors)) for e in linked]
    return Facts(article=article, actors=tuple(actors), locations=tuple(locations),
                 estimates=tuple(linked), statements=tuple(statements), extractor=EXTRACTOR)


def _not_places(actors: list[Actor], locations: list[Location]) -> list[Actor]:
    """Drop non-state actors whose every mention is a place (the NER calls some villages ORG);
    a place inside an organisation's name ("Ohio Department of Health") does not count."""
    spans = [m for loc in locations for m in loc.mentions]
    return [a for a in actors
            if a.type == "Country" or not all(any(m in s for s in spans) for m in a.mentions)]


_PRONOUNS = frozenset("i you he she it we they this that".split())
_CORPORATE = ("Organization", "Group", "Country")


def _it_speakers(doc, statements: list[Statement], actors: list[Actor], sentence) -> list[Statement]:
    """"It said" speaks for the organisation, group or state named last before it, in its
    sentence or the one before ("Volvo cut 200 jobs. It said …"); with none there, the statement
    keeps its speaker span but no speaker actor. ``sentence`` maps an offset to its sentence number."""
    text = text_of(doc)
    named = [(m, a.key) for a in actors if a.type in _CORPORATE for m in a.mentions]
    out = []
    for s in statements:
        span = s.speaker_span
        if s.speaker is None and span is not None and text[span.start:span.end].lower() == "it":
            here = sentence(span.start)
            before = [(m.end, key) for m, key in named if m.end <= span.start and sentence(m.start) >= here - 1]
            if before:
                s = dataclasses.replace(s, speaker=max(before)[1])
        out.append(s)
    return out


def _unnamed_speakers(article: Article, doc, statements: list[Statement], actors: list[Actor]) -> list[Actor]:
    """Speakers that are no named actor ("officials", "a spokesman") become article-scoped actors;
    a pronoun left unresolved names no one and becomes none."""
    out: dict[str, Actor] = {}
    for s in statements:
        if s.speaker is None and s.speaker_span is not None:
            text = text_of(doc)[s.speaker_span.start:s.speaker_span.end]
            if text.lower() in _PRONOUNS:
                continue
            key = f"other:{slug(article.id)}:{slug(text)}"
            old = out.get(key)
            mentions = (old.mentions if old else ()) + (s.speaker_span,)
            out[key] = Actor(key=key, name=text, type="Other", mentions=tuple(sorted(set(mentions))))
    return list(out.values())


def _with_speaker_mentions(doc, actors: list[Actor], statements: list[Statement]) -> list[Actor]:
    """A speaker named by surname ("Ms Sato said") is a mention of its actor even where the NER missed it."""
    from .extractors.actors import titles
    extra: dict[str, set[Span]] = {}
    for s in statements:
        if s.speaker is None or s.speaker_span is None:
            continue
        words = text_of(doc)[s.speaker_span.start:s.speaker_span.end].split()
        start = s.speaker_span.start
        while words and words[0] in titles():
            start = text_of(doc).index(words[1], start + len(words[0])) if len(words) > 1 else s.speaker_span.end
            words = words[1:]
        if words and all(w[:1].isupper() for w in words) and words[0] not in ("He", "She", "They", "It", "We", "I"):
            extra.setdefault(s.speaker, set()).add(Span(start, s.speaker_span.end))
    out = []
    for a in actors:
        new = {m for m in extra.get(a.key, ()) if not any(m.overlaps(x) for x in a.mentions)}
        names = {text_of(doc)[m.start:m.end] for m in new} - {a.name}
        # the speaker's words name it by surname ("Mr Jeffrey said") or by its title alone
        rules = {m: "surname" if len(text_of(doc)[m.start:m.end].split()) < len(a.name.split()) else "title"
                 for m in new if text_of(doc)[m.start:m.end] != a.name}
        out.append(dataclasses.replace(a, mentions=tuple(sorted({*a.mentions, *new})),
                                       aliases=tuple(sorted({*a.aliases, *names})),
                                       rules=tuple(sorted({**dict(a.rules), **rules}.items())))
                   if new else a)
    return out


def _speaker_of(s: Statement, actors: list[Actor]) -> Statement:
    if s.speaker is not None or s.speaker_span is None:
        return s
    for a in actors:
        if s.speaker_span in a.mentions:
            return dataclasses.replace(s, speaker=a.key)
    return s


def _nearest_date(dates, span: Span, sentence, inside: Span | None = None) -> str | None:
    """The date in the same sentence as ``span`` that lies closest to it (not within ``inside``)."""
    here = sentence(span.start)
    best = None
    for d_span, iso in dates:
        if sentence(d_span.start) != here or d_span.overlaps(span) or (inside and d_span in inside):
            continue
        dist = abs(d_span.start - span.start)
        if best is None or dist < best[0]:
            best = (dist, iso)
    return best[1] if best else None


def _place_of(e: Estimate, locations: list[Location], sentence) -> str | None:
    """The place an estimate applies to: the first place named after it in its sentence, else before it."""
    here = sentence(e.span.start)
    after = before = None
    for loc in locations:
        for m in loc.mentions + loc.adjectival:
            if sentence(m.start) != here:
                continue
            if m.start >= e.span.end and (after is None or m.start < after[0]):
                after = (m.start, loc.key)
            elif m.end <= e.span.start and (before is None or m.start > before[0]):
                before = (m.start, loc.key)
    return (after or before or (None, None))[1]
