"""Mentions cut short of a longer gazetteer name are joined to it (hand-built Docs)."""
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.extractors.locations import locations


def _doc(words, ents):
    doc = Doc(Vocab(), words=words, spaces=[True] * (len(words) - 2) + [False, False])
    doc.ents = [doc.char_span(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), label=lab) for s, e, lab in ents]
    return doc


def _names(doc):
    return sorted(doc.text[s.start:s.end] for loc in locations(doc) for s in loc.mentions)


def test_two_halves_of_a_state_name_are_one_place():
    doc = _doc(["Trucks", "crossed", "into", "Baja", "California", "yesterday", "."],
               [(3, 4, "GPE"), (4, 5, "GPE")])
    assert _names(doc) == ["Baja California"]


def test_name_with_and_is_joined():
    doc = _doc(["Envoys", "from", "Trinidad", "and", "Tobago", "arrived", "."], [(2, 3, "GPE")])
    assert _names(doc) == ["Trinidad and Tobago"]


def test_state_word_of_a_nigerian_state_belongs_to_the_name():
    doc = _doc(["Floods", "hit", "Kano", "State", "again", "."], [(2, 3, "GPE")])
    assert _names(doc) == ["Kano State"]


def test_office_named_after_a_city_is_not_joined():
    doc = _doc(["The", "Dublin", "City", "Council", "met", "."], [(1, 2, "GPE")])
    assert "Dublin City" not in _names(doc)


def test_a_compass_word_heading_a_table_is_not_joined():
    doc = _doc(["Standings", ":", "CENTRAL", "DIVISION", "Cleveland", "."], [(2, 3, "LOC")])
    assert not any("DIVISION" in n for n in _names(doc))


def test_a_states_formal_name_is_one_mention():
    doc = _doc(["Envoys", "of", "the", "Republic", "of", "Ireland", "met", "."], [(5, 6, "GPE")])
    assert _names(doc) == ["Republic of Ireland"]
