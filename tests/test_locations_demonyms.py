"""Locations: demonyms and adjectival place words, the country leading an office holder's name,
and the European Union. Hand-built Docs, so each rule is tested without the model's guesses."""
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.extractors.locations import locations


def doc_of(words, ents=(), glued=()):
    """``ents``: (first token, end token, label); ``glued``: tokens written without a space after."""
    spaces = [i + 1 < len(words) and words[i + 1] not in (".", ",") and i not in glued
              for i in range(len(words))]
    doc = Doc(Vocab(), words=words, spaces=spaces)
    doc.ents = [doc.char_span(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), label=lab) for s, e, lab in ents]
    return doc


def adjectival(doc):
    return sorted(doc.text[m.start:m.end] for loc in locations(doc) for m in loc.adjectival)


def names(doc):
    return sorted(doc.text[m.start:m.end] for loc in locations(doc) for m in loc.mentions)


def test_demonym_opening_a_sentence_leaves_out_the_article():
    doc = doc_of(["The", "Chilean", "navy", "sailed", "north", "."])
    assert adjectival(doc) == ["Chilean"]


def test_demonym_before_a_hyphen_and_a_lower_case_word_still_names_its_country():
    # "Kenyan-led", "pro-Kenyan", "the Kenyan-Ugandan border"
    doc = doc_of(["A", "Kenyan", "-", "led", "team", "met", "pro", "-", "Kenyan", "groups", "at", "the",
                  "Kenyan", "-", "Ugandan", "border", "."], glued={1, 2, 6, 7, 12, 13})
    assert adjectival(doc) == ["Kenyan", "Kenyan", "Kenyan", "Ugandan"]


def test_demonym_before_a_hyphen_and_a_name_is_an_origin_word_only():
    doc = doc_of(["The", "Kenyan", "-", "Smith", "family", "came", "."], glued={1, 2})
    assert adjectival(doc) == []


def test_demonym_that_a_hamlet_shares_is_still_a_demonym():
    # hamlets called "Canadian" and "Spanish" exist; the words still name the countries
    doc = doc_of(["Canadian", "and", "Spanish", "divers", "helped", "."])
    assert {loc.name for loc in locations(doc)} == {"Canada", "Spain"}
    assert adjectival(doc) == ["Canadian", "Spanish"]


def test_country_leading_an_office_holders_name_is_a_place():
    words = ["Then", "U.S.", "Senator", "Ann", "Weller", "spoke", "with", "Peruvian", "Foreign", "Minister",
             "Luis", "Ortega", "."]
    doc = doc_of(words, [(1, 5, "PERSON"), (7, 12, "PERSON")])
    assert names(doc) == ["U.S."]
    assert adjectival(doc) == ["Peruvian"]


def test_country_leading_a_person_name_without_an_office_is_not_taken():
    doc = doc_of(["Jordan", "Hale", "spoke", "."], [(0, 2, "PERSON")])
    assert names(doc) == []


def test_european_union_is_a_place_whatever_the_model_thought():
    words = ["The", "European", "Union", "and", "EU", "ministers", "met", "."]
    doc = doc_of(words, [(1, 3, "ORG"), (4, 5, "ORG")])
    assert names(doc) == ["EU", "European Union"]
    (eu,) = locations(doc)
    assert eu.name == "European Union" and eu.feature == "region" and eu.lat is not None


def test_record_lists_demonyms_among_mentions_unless_asked_not_to():
    from kg.facts import Article, Facts, Location, Span
    from kg.records import to_record
    loc = Location(key="geonames:1", name="Chile", mentions=(Span(20, 25),), adjectival=(Span(0, 7),))
    facts = Facts(article=Article(id="d1", text="Chilean divers left Chile."), locations=(loc,))
    (geo,) = to_record(facts)["locations"]
    assert geo["mentions"] == [[0, 7], [20, 25]] and geo["adjectival"] == [[0, 7]]
    (ner,) = to_record(facts, adjectival_mentions=False)["locations"]
    assert ner["mentions"] == [[20, 25]] and ner["adjectival"] == [[0, 7]]


def test_country_initials_leading_an_institutions_name_are_a_place():
    # the model sometimes calls such a name a person
    doc = doc_of(["The", "U.S.", "Coast", "Survey", "mapped", "it", "."], [(1, 4, "PERSON")])
    assert names(doc) == ["U.S."]


def test_city_a_council_puts_after_its_town_is_left_out_but_a_towns_own_city_name_is_kept():
    words = ["Dublin", "City", "Council", "and", "Kansas", "City", "Council", "met", "."]
    doc = doc_of(words, [(0, 3, "ORG"), (4, 7, "ORG")])
    assert names(doc) == ["Dublin", "Kansas City"]


def test_people_of_a_state_or_a_big_city_name_it():
    doc = doc_of(["Ohioans", ",", "Kentuckians", "and", "Londoners", "met", "."])
    assert {loc.name for loc in locations(doc)} == {"Ohio", "Kentucky", "London"}


def test_names_that_only_look_derived_are_no_demonyms():
    # "Milan" is a city's own name, "Logan" and "Morgan" no place's people
    doc = doc_of(["Logan", "and", "Morgan", "visited", "."])
    assert adjectival(doc) == []


def test_peoples_names_missing_from_country_lists_name_their_country():
    doc = doc_of(["Saudis", "and", "Sinhalese", "traders", "came", "."])
    assert {loc.name for loc in locations(doc)} == {"Saudi Arabia", "Sri Lanka"}


def test_demonym_the_model_took_for_a_one_word_person_before_a_noun():
    doc = doc_of(["Mines", "laid", "by", "Azerbaijani", "soldiers", "."], [(3, 4, "PERSON")])
    assert adjectival(doc) == ["Azerbaijani"]


def test_easter_is_the_feast_not_the_people_of_the_east():
    from kg.geo import gazetteer
    assert gazetteer().people_place("Easter") is None
    assert gazetteer().people_place("Londoners").name == "London"
