"""Model spans trimmed or split to their place names, and demonyms (hand-built Docs)."""
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.extractors.locations import locations


def _doc(words, ents, spaces=None):
    doc = Doc(Vocab(), words=words, spaces=spaces or [True] * (len(words) - 2) + [False, False])
    doc.ents = [doc.char_span(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), label=lab) for s, e, lab in ents]
    return doc


def _names(doc):
    return sorted(doc.text[s.start:s.end] for loc in locations(doc) for s in loc.mentions)


def test_two_countries_without_a_comma_are_two_places():
    doc = _doc(["Exports", "to", "France", "Germany", "and", "Spain", "fell", "."],
               [(2, 4, "GPE"), (5, 6, "GPE")])
    assert _names(doc) == ["France", "Germany", "Spain"]


def test_a_programme_word_before_a_country_is_dropped():
    doc = _doc(["She", "works", "for", "Creative", "Kenya", "now", "."], [(3, 5, "GPE")])
    assert _names(doc) == ["Kenya"]


def test_a_county_party_branch_is_the_county():
    doc = _doc(["The", "Polk", "County", "Republicans", "met", "."], [(1, 4, "GPE")])
    assert _names(doc) == ["Polk County"]


def test_a_dateline_dash_is_not_part_of_the_name():
    doc = _doc(["FRESNO", ",", "Calif.--", "A", "firm", "grew", "."], [(2, 3, "GPE")],
               spaces=[False, True, True, True, True, False, False])
    assert "Calif." in _names(doc)


def test_english_names_england_as_scottish_names_scotland():
    doc = _doc(["A", "quiet", "English", "village", "voted", "."], [])
    locs = locations(doc)
    assert [loc.name for loc in locs] == ["England"]
    assert [(s.start, s.end) for s in locs[0].adjectival] == [(8, 15)]


def test_a_us_state_university_team_is_its_state():
    doc = _doc(["Fans", "of", "Oklahoma", "State", "cheered", "."], [(2, 4, "GPE")])
    assert _names(doc) == ["Oklahoma"]


def test_a_mexican_state_keeps_its_state_word():
    doc = _doc(["Rain", "fell", "in", "Puebla", "State", "today", "."], [(3, 5, "GPE")])
    assert _names(doc) == ["Puebla State"]


def test_an_organisations_bracketed_short_form_is_no_place():
    words = ["The", "Ministry", "of", "Defence", "(", "MoD", ")", "said", "the", "MoD", "in", "Oslo", "grew", "."]
    spaces = [True, True, True, True, False, False, True, True, True, True, True, True, False, False]
    doc = _doc(words, [(1, 4, "ORG"), (5, 6, "GPE"), (9, 10, "GPE"), (11, 12, "GPE")], spaces=spaces)
    assert _names(doc) == ["Oslo"]


def test_letters_known_only_as_a_towns_other_name_are_no_place():
    doc = _doc(["Firms", "in", "Oslo", "bet", "on", "AI", "now", "."], [(2, 3, "GPE"), (5, 6, "GPE")])
    assert _names(doc) == ["Oslo"]
