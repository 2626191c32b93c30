"""Hand-made facts for one short article of our own, shared by the RDF, store and query tests."""
import datetime as dt

from kg.facts import Actor, Article, Estimate, Facts, Location, Span, Statement

TEXT = ('The Northern Front holds about 300 fighters near Tamsa, Chile, the envoy Ana Ruiz said on Monday. '
        '"We count between 250 and 350 of them," Ms Ruiz said.')


def span(word, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return Span(start, start + len(word))


def sample_facts(article_id="sample-1", **changes) -> Facts:
    article = Article(id=article_id, text=TEXT, title="A sample", date=dt.date(2024, 5, 7), source="Desk")
    actors = (
        Actor("org:northern-front", "Northern Front", "Group", (span("Northern Front"),)),
        Actor("person:ana-ruiz", "Ana Ruiz", "Person", (span("Ana Ruiz"), span("Ruiz", 1)), ("Ruiz",)),
    )
    locations = (
        Location("place:cl:tamsa", "Tamsa", (span("Tamsa"),), "place", -33.4, -70.6, None, "CL",
                 "geonames:3895114", "country"),
        Location("geonames:3895114", "Chile", (span("Chile"),), "country", -30.0, -71.0, 3895114, "CL", None,
                 "gazetteer"),
    )
    statements = (
        Statement("s1", "said", span("said"), Span(0, span("envoy").start - 6), False, "person:ana-ruiz",
                  span("Ana Ruiz"), "2024-05-06"),
        Statement("s2", "said", span("said", 1), span("We count between 250 and 350 of them"), True,
                  "person:ana-ruiz", span("Ruiz", 1), "2024-05-06"),
    )
    estimates = (
        Estimate("e1", span("about 300 fighters"), "approximately", value=300, unit="person", about="fighters",
                 location="place:cl:tamsa", time="2024-05-06", statement="s1", counts="fighter",
                 owner="org:northern-front"),
        Estimate("e2", span("between 250 and 350"), "range", min=250, max=350, unit="person", about="them",
                 statement="s2"),
    )
    facts = Facts(article, actors, locations, estimates, statements, extractor="kg test")
    for name, value in changes.items():
        facts = type(facts)(**{**{f: getattr(facts, f) for f in facts.__dataclass_fields__}, name: value})
    return facts
