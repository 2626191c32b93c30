"""Estimates: light coreference for ``about`` (he/she -> the person named last; a reported
"it" is not the speaker) and elided list items (kg.extractors.estimates.about)."""
from kg.extractors.estimates import estimates


def only(nlp, text):
    found = estimates(nlp(text))
    assert len(found) == 1, [(text[e.span.start:e.span.end], e) for e in found]
    return found[0]


def test_she_names_the_person_mentioned_before(nlp):
    e = only(nlp, "Maria Santos joined a club in Porto, where she earned $4 million.")
    assert e.about == "Maria Santos"


def test_he_names_the_owner_of_a_count(nlp):
    e = only(nlp, "Dana Whitfield still runs her blog, where she has more than 90,000 readers.")
    assert "Whitfield" in e.about and "blog" not in e.about


def test_a_reported_it_is_not_the_speaker(nlp):
    e = only(nlp, "Acme says it will cost buyers about $30,000 before rebates.")
    assert e.about is None
