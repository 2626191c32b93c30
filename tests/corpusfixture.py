"""A small corpus of our own, as hand-made facts, for the analysis and report tests.

Four articles about an invented river conflict: ``river-1``, ``river-2``, a syndicated copy of
``river-2`` (marked ``kg:copyOf`` in the corpus graph, as the copy check does), and ``hills``.
"Varga" in river-2 is a surname-only person merged ``owl:sameAs`` Tomas Varga in the corpus
graph. "Officials" (actorType Other) speak in river-1. Every number below is counted by hand
in tests/test_analyze.py.
"""
import datetime as dt

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, serialize

from kg.facts import Actor, Article, Estimate, Facts, Location, Span, Statement
from kg.rdf import article_iri, actor_iri, to_quads
from kg.store import LocalStore

KG = "https://w3id.org/kg-news/ontology#"
CORPUS_GRAPH = NamedNode("https://w3id.org/kg-news/id/graph/corpus")  # where kg writes corpus-wide links
OWL_SAME_AS = NamedNode("http://www.w3.org/2002/07/owl#sameAs")

RIVER_1 = ("General Tomas Varga said the Delta Guard still holds 40 villages near Korvan. "
           "Officials said about 2,000 people had fled since March.")
RIVER_2 = ('"We will not give up Lorsa," Varga said on Tuesday. The Delta Guard and the Hill Union '
           "signed a truce in Lorsa, envoy Mira Sand said. Sand said between 300 and 500 fighters "
           "would withdraw.")
HILLS = ("The Hill Union keeps up to 800 fighters around Lorsa, Mira Sand told the Port Authority "
         "in a briefing.")


def _span(text, word, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Span(start, start + len(word))


def _facts(aid, text, date, title, actors, locations=(), statements=(), estimates=()):
    return Facts(Article(id=aid, text=text, title=title, date=date, source="Test Wire"),
                 tuple(actors), tuple(locations), tuple(estimates), tuple(statements), extractor="kg test")


def corpus_facts(extra: tuple[Facts, ...] = ()) -> list[Facts]:
    t = RIVER_1
    river1 = _facts("river-1", t, dt.date(2023, 4, 2), "Guard holds villages", [
        Actor("person:tomas-varga", "Tomas Varga", "Person", (_span(t, "Tomas Varga"),)),
        Actor("org:delta-guard", "Delta Guard", "Group", (_span(t, "Delta Guard"),)),
        Actor("other:river-1:officials", "Officials", "Other", (_span(t, "Officials"),)),
    ], [Location("place:korvan", "Korvan", (_span(t, "Korvan"),), "city", 44.0, 21.0, None, "RS")],
        [Statement("s1", "said", _span(t, "said"), Span(_span(t, "the Delta").start, _span(t, "Korvan").end),
                   False, "person:tomas-varga", _span(t, "Tomas Varga"), "2023-04-01"),
         Statement("s2", "said", _span(t, "said", 1), Span(_span(t, "about").start, len(t) - 1), False,
                   "other:river-1:officials", _span(t, "Officials"), "2023-04-02")],
        [Estimate("e1", _span(t, "40 villages"), "exact", value=40, unit="village", location="place:korvan",
                  statement="s1"),
         Estimate("e2", _span(t, "about 2,000"), "approximately", value=2000, unit="person", about="people",
                  time="2023-03", statement="s2")])
    t = RIVER_2
    river2 = _facts("river-2", t, dt.date(2023, 4, 5), "Truce signed", [
        Actor("person:varga", "Varga", "Person", (_span(t, "Varga"),)),
        Actor("org:delta-guard", "Delta Guard", "Group", (_span(t, "Delta Guard"),)),
        Actor("org:hill-union", "Hill Union", "Group", (_span(t, "Hill Union"),)),
        Actor("person:mira-sand", "Mira Sand", "Person", (_span(t, "Mira Sand"), _span(t, "Sand", 1))),
    ], [Location("place:lorsa", "Lorsa", (_span(t, "Lorsa"), _span(t, "Lorsa", 1)), "city", 43.0, 22.5, None, "RS")],
        [Statement("s1", "said", _span(t, "said"), _span(t, "We will not give up Lorsa,"), True, "person:varga",
                   _span(t, "Varga"), "2023-04-04"),
         Statement("s2", "said", _span(t, "said", 1), Span(_span(t, "The Delta").start, _span(t, "Lorsa", 1).end),
                   False, "person:mira-sand", _span(t, "Mira Sand"), "2023-04-05"),
         Statement("s3", "said", _span(t, "said", 2), Span(_span(t, "between").start, len(t) - 1), False,
                   "person:mira-sand", _span(t, "Sand", 1), "2023-04-05")],
        [Estimate("e1", _span(t, "between 300 and 500"), "range", min=300, max=500, unit="person",
                  about="fighters", statement="s3")])
    copy = Facts(Article(id="river-2-copy", text=t, title="Truce signed", date=dt.date(2023, 4, 6),
                         source="Other Wire"), river2.actors, river2.locations, river2.estimates,
                 river2.statements, extractor="kg test")
    t = HILLS
    hills = _facts("hills", t, dt.date(2023, 4, 9), "Union keeps fighters", [
        Actor("org:hill-union", "Hill Union", "Group", (_span(t, "Hill Union"),)),
        Actor("person:mira-sand", "Mira Sand", "Person", (_span(t, "Mira Sand"),)),
        Actor("org:port-authority", "Port Authority", "Organization", (_span(t, "Port Authority"),)),
    ], [Location("place:lorsa", "Lorsa", (_span(t, "Lorsa"),), "city", 43.0, 22.5, None, "RS")],
        [Statement("s1", "told", _span(t, "told"), Span(0, _span(t, "Lorsa").end), False, "person:mira-sand",
                   _span(t, "Mira Sand"), "2023-04-09")],
        [Estimate("e1", _span(t, "up to 800"), "atMost", max=800, unit="person", about="fighters",
                  location="place:lorsa", statement="s1")])
    return [river1, river2, copy, hills, *extra]


def corpus_links() -> list[Quad]:
    """The corpus graph's decisions: the copy, and the surname merge."""
    g = CORPUS_GRAPH
    return [Quad(article_iri("river-2-copy"), NamedNode(KG + "copyOf"), article_iri("river-2"), g),
            Quad(actor_iri("person:varga"), OWL_SAME_AS, actor_iri("person:tomas-varga"), g),
            Quad(g, NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), Literal("corpus links"), g)]


def build_store(path, extra: tuple[Facts, ...] = ()) -> LocalStore:
    store = LocalStore(path)
    for facts in corpus_facts(extra):
        quads = to_quads(facts)
        store.put_graph(quads[0].graph_name, serialize(quads, format=RdfFormat.N_QUADS))
    links = corpus_links()
    store.put_graph(CORPUS_GRAPH, serialize(links, format=RdfFormat.N_QUADS))
    return store
