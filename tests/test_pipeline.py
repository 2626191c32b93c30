"""The linking step of kg.pipeline on short texts of our own, through the real model."""
import pytest

from kg.api import extract
from kg.facts import Article


def _facts(text):
    [facts] = list(extract([Article(id="t", text=text)]))
    return facts


def _speaker_names(facts):
    names = {a.key: a.name for a in facts.actors}
    return [(facts.article.text[s.speaker_span.start:s.speaker_span.end], names.get(s.speaker))
            for s in facts.statements]


def test_it_said_speaks_for_the_organisation_named_just_before():
    facts = _facts("Volvo cut 200 jobs in Sweden on Monday. It said another 400 jobs could go next year.")
    assert _speaker_names(facts) == [("It", "Volvo")]
    assert not any(a.name.lower() == "it" for a in facts.actors)


@pytest.mark.parametrize("text", [
    "The storm hit the coast hard overnight. It said that 40 homes were lost.",
    "The storm hit the coast hard overnight, and they said that 40 homes were lost.",
])
def test_an_unresolved_pronoun_is_no_actor(text):
    facts = _facts(text)
    assert [name for _, name in _speaker_names(facts)] == [None]
    assert facts.actors == ()
