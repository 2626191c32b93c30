"""Tests for the Estimates extractor (kg.extractors.estimates) and its number grammar."""
import pytest
from spacy.tokens import Doc

from kg.extractors.estimates import estimates
from kg.extractors.numbers import scan, words_value
from kg.facts import QUALIFIERS, Span


def run(nlp, text):
    return estimates(nlp(text))


def only(nlp, text):
    found = run(nlp, text)
    assert len(found) == 1, [(text[e.span.start:e.span.end], e) for e in found]
    return found[0]


def spantext(text, e):
    return text[e.span.start:e.span.end]


# --- number grammar -------------------------------------------------------------------------

@pytest.mark.parametrize("words,value", [
    ("two million", 2e6), ("twenty-five", 25.0), ("a dozen", 12.0),
    ("three hundred and forty", 340.0), ("a hundred", 100.0), ("seven", 7.0)])
def test_words_value(words, value):
    assert words_value(words) == value


def test_scan_digits_magnitudes_and_currency():
    cores = scan("It cost $700bn, then £3.4bn, then 2.5 million and 15,000.")
    assert [c.value for c in cores] == [7e11, 3.4e9, 2.5e6, 15000.0]
    assert cores[0].currency == "$" and cores[1].currency == "£"


def test_scan_vague_amounts():
    few, = scan("a few hundred")
    assert (few.low, few.high, few.kind) == (200.0, 900.0, "vague")
    tens, = scan("tens of thousands")
    assert (tens.low, tens.high) == (1e4, 1e5)


# --- ranges and bounds ----------------------------------------------------------------------

def test_between_range_with_counted_noun(nlp):
    text = "Officials think there are between 12,000 and 14,000 Kurdish armed volunteers left."
    e = only(nlp, text)
    assert (e.qualifier, e.min, e.max, e.value) == ("range", 12000.0, 14000.0, None)
    assert spantext(text, e) == "between 12,000 and 14,000"
    assert e.unit == "person" and e.about == "Kurdish armed volunteers"
    assert text[slice(*e.about_span)] == "Kurdish armed volunteers"


@pytest.mark.parametrize("text,lo,hi", [
    ("Some 3,000 to 5,000 troops were moved.", 3000.0, 5000.0),
    ("About 300-400 soldiers crossed the river.", 300.0, 400.0),
    ("Prices should reach $89 to $93 billion.", 89e9, 93e9),
])
def test_to_and_hyphen_ranges(nlp, text, lo, hi):
    e = [x for x in run(nlp, text) if x.min is not None][0]
    assert (e.min, e.max) == (lo, hi)


@pytest.mark.parametrize("text,qualifier,field,value", [
    ("The group may still have up to 9,000 fighters.", "atMost", "max", 9000.0),
    ("More than 40 soldiers were hurt.", "moreThan", "min", 40.0),
    ("Over 300 civilians fled.", "moreThan", "min", 300.0),
    ("Fewer than 50 troops remain.", "lessThan", "max", 50.0),
    ("Under 20 percent of voters agreed.", "lessThan", "max", 20.0),
    ("At least 12 people were hurt.", "atLeast", "min", 12.0),
    ("No more than 70 rebels were seen.", "atMost", "max", 70.0),
    ("Roughly 600 people work there.", "approximately", "value", 600.0),
    ("Nearly 80 militants surrendered.", "approximately", "value", 80.0),
    ("An estimated 4,500 refugees arrived.", "approximately", "value", 4500.0),
])
def test_hedges(nlp, text, qualifier, field, value):
    e = only(nlp, text)
    assert e.qualifier == qualifier
    assert getattr(e, field) == value
    assert e.qualifier in QUALIFIERS


def test_less_than_a_square_kilometre(nlp):
    text = "The militants now hold less than a square kilometre near the river."
    e = only(nlp, text)
    assert (e.qualifier, e.max, e.value, e.unit) == ("lessThan", 1.0, None, "square kilometre")
    assert spantext(text, e) == "less than a square kilometre"


def test_a_few_hundred_is_an_approximate_span(nlp):
    text = "Only a few hundred fighters are still holding out."
    e = only(nlp, text)
    assert (e.qualifier, e.min, e.max) == ("approximately", 200.0, 900.0)
    assert e.unit == "person" and e.about == "fighters"
    assert spantext(text, e) == "a few hundred"


def test_plural_magnitudes_are_order_of_magnitude_ranges(nlp):
    e = only(nlp, "Hundreds of families were evacuated overnight.")
    assert (e.qualifier, e.min, e.max, e.unit) == ("range", 100.0, 1000.0, "family")
    e = only(nlp, "The war cost tens of millions of dollars.")
    assert (e.min, e.max, e.unit) == (1e7, 1e8, "dollar")


# --- currencies, percentages and units ------------------------------------------------------

@pytest.mark.parametrize("text,value,unit", [
    ("The programme cost about $2 billion last year.", 2e9, "dollar"),
    ("Its defence budget is $700bn.", 7e11, "dollar"),
    ("The club paid £3.4bn for the site.", 3.4e9, "pound sterling"),
    ("The fund holds €25m in cash.", 25e6, "euro"),
    ("The firm raised US$58.5 million.", 58.5e6, "dollar"),
    ("Aid of 10.5 million Australian dollars was pledged.", 10.5e6, "australian dollar"),
])
def test_currencies(nlp, text, value, unit):
    e = [x for x in run(nlp, text) if x.unit == unit][0]
    assert e.value == pytest.approx(value) and e.unit == unit


@pytest.mark.parametrize("text,unit,value", [
    ("The camp covers 311 sq km of desert.", "square kilometre", 311.0),
    ("The zone spans 12 km2 in total.", "square kilometre", 12.0),
    ("They walked 40 kilometres that day.", "kilometre", 40.0),
    ("The convoy carried 300 tonnes of grain.", "tonne", 300.0),
    ("Turnout was 62 per cent this time.", "percent", 62.0),
    ("Turnout was 62% this time.", "percent", 62.0),
    ("The engine makes 640bhp.", "brake horsepower", 640.0),
    ("Wind gusts reached 50mph on the coast.", "mile per hour", 50.0),
])
def test_units_are_normalised(nlp, text, unit, value):
    e = only(nlp, text)
    assert (e.unit, e.value) == (unit, value)


def test_per_units(nlp):
    e = only(nlp, "Crude traded at $58 per barrel on the exchange.")
    assert (e.value, e.unit) == (58.0, "dollar per barrel")


def test_percent_about_is_the_of_phrase(nlp):
    e = only(nlp, "The party won 38 percent of the popular vote.")
    assert e.unit == "percent" and e.about == "popular vote"


def test_money_about_is_the_modified_noun(nlp):
    e = only(nlp, "She signed a $150,000 contract with the league.")
    assert e.value == 150000.0 and e.about == "contract"


def test_durations_are_kept(nlp):
    e = only(nlp, "The siege lasted three months before the town fell.")
    assert (e.value, e.unit) == (3.0, "month")


# --- increase / decrease --------------------------------------------------------------------

@pytest.mark.parametrize("text,qualifier,value,unit", [
    ("Food prices rose 5% in the capital.", "increase", 5.0, "percent"),
    ("The index fell by 3 points on Monday.", "decrease", 3.0, "point"),
    ("Shares were up 10% at noon.", "increase", 10.0, "percent"),
    ("Exports dropped 7% over the summer.", "decrease", 7.0, "percent"),
])
def test_change(nlp, text, qualifier, value, unit):
    e = only(nlp, text)
    assert (e.qualifier, e.value, e.unit) == (qualifier, value, unit)


def test_level_after_to_is_not_a_change(nlp):
    found = run(nlp, "Revenue rose 4% to $90 million.")
    assert [(e.qualifier, e.unit) for e in found] == [("increase", "percent"), ("exact", "dollar")]
    assert found[1].value == 90e6 and found[0].about == "Revenue"


# --- not estimates --------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The town fell on March 18, 2019.",
    "The group declared its state in 2014.",
    "It was the second attack this week.",
    "Call 020 7946 0000 for details.",
    "Call +1 (555) 123-4567 for details.",
    "The meeting starts at 10:30pm.",
    "Her office is at 221 Baker Street.",
    "He was photographed holding an iPhone 11.",
    "The Covid-19 outbreak spread.",
    "They won 2-0 at home.",
])
def test_not_estimates(nlp, text):
    assert run(nlp, text) == []


def test_one_as_pronoun_is_not_a_count(nlp):
    assert run(nlp, "Each one of them said no, and the same one came back.") == []


# --- hand-built Docs: the rules without the statistical model's guesses ---------------------

def test_hand_built_doc_range_and_unit(nlp):
    words = ["Between", "15,000", "and", "20,000", "people", "fled", "."]
    spaces = [True, True, True, True, True, False, False]
    doc = Doc(nlp.vocab, words=words, spaces=spaces,
              pos=["ADP", "NUM", "CCONJ", "NUM", "NOUN", "VERB", "PUNCT"],
              tags=["IN", "CD", "CC", "CD", "NNS", "VBD", "."],
              heads=[1, 4, 3, 1, 5, 5, 5],
              deps=["quantmod", "nummod", "cc", "conj", "nsubj", "ROOT", "punct"],
              lemmas=["between", "15,000", "and", "20,000", "person", "flee", "."])
    e, = estimates(doc)
    # "people" says no more than the unit "person" and nobody owns them: no about
    assert (e.qualifier, e.min, e.max, e.unit, e.about) == ("range", 15000.0, 20000.0, "person", None)
    assert e.span == Span(0, 25) and e.id == "e1"


def test_hand_built_doc_date_entity_is_skipped(nlp):
    words = ["It", "ended", "on", "18", "March", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True, True, True, True, False, False],
              ents=["O", "O", "O", "B-DATE", "I-DATE", "O"])
    assert estimates(doc) == []


def test_hand_built_doc_year_without_entities_is_skipped(nlp):
    doc = Doc(nlp.vocab, words=["Founded", "in", "1999", "."], spaces=[True, True, False, False])
    assert estimates(doc) == []


def test_hand_built_doc_percent_change(nlp):
    words = ["Prices", "rose", "5", "%", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True, True, False, False, False],
              pos=["NOUN", "VERB", "NUM", "NOUN", "PUNCT"], heads=[1, 1, 3, 1, 1],
              deps=["nsubj", "ROOT", "nummod", "dobj", "punct"], lemmas=["price", "rise", "5", "%", "."])
    e, = estimates(doc)
    assert (e.qualifier, e.value, e.unit, e.about) == ("increase", 5.0, "percent", "Prices")


def test_ids_are_in_text_order(nlp):
    found = run(nlp, "About 40 soldiers and 300 civilians died; losses reached $2 billion.")
    assert [e.id for e in found] == ["e1", "e2", "e3"]
    assert [e.span.start for e in found] == sorted(e.span.start for e in found)
    assert all(e.location is None and e.time is None and e.statement is None for e in found)


# --- about: the counted thing with its owner --------------------------------------------------

def test_owner_through_relative_clause(nlp):
    text = "Acme, which has 4,000 workers in Spain, is hiring."
    e = only(nlp, text)
    assert e.unit == "worker" and e.about == "Acme workers"
    assert text[slice(*e.about_span)] == "workers"  # the span stays the counted phrase


def test_owner_is_the_clause_subject(nlp):
    e = only(nlp, "The striker has scored 31 goals this season.")
    assert e.about == "striker goals"


def test_owner_from_of_complement(nlp):
    e = only(nlp, "Twelve episodes of the drama were filmed in Wales.")
    assert e.unit == "episode" and e.about == "episodes of drama"


def test_count_without_owner_has_no_about(nlp):
    e = only(nlp, "Two mosques were damaged.")
    assert (e.unit, e.about, e.about_span) == ("mosque", None, None)


def test_person_noun_without_owner_keeps_about(nlp):
    e = only(nlp, "The army says 4,000 rebels crossed the border.")
    assert e.unit == "person" and "rebels" in e.about


def test_existential_there_lends_no_owner(nlp):
    e = only(nlp, "Analysts believe there are 900 armed volunteers near the dam.")
    assert e.about == "armed volunteers"


def test_measure_about_is_the_noun_after(nlp):
    e = only(nlp, "The lab bought a 40% nitric acid solution.")
    assert e.unit == "percent" and e.about == "nitric acid solution"


def test_measure_about_is_the_subject(nlp):
    e = only(nlp, "The tunnel is about 9 miles long.")
    assert (e.qualifier, e.unit, e.about) == ("approximately", "mile", "tunnel")


def test_about_is_never_a_unit_word(nlp):
    for e in run(nlp, "The storm brought 80 mph (129 km/h) winds to the island."):
        assert e.about is None or e.about.lower() not in ("mph", "km", "h")


def test_bracketed_conversion_shares_about_and_change(nlp):
    first, second = run(nlp, "Temperatures fell by 2 degrees Celsius (3.6 Fahrenheit) last winter.")
    assert (first.qualifier, second.qualifier) == ("decrease", "decrease")
    assert first.about == second.about == "Temperatures"


def test_hand_built_doc_owner_is_possessor(nlp):
    words = ["Acme", "'s", "300", "trucks", "were", "sold", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[False, True, True, True, True, False, False],
              pos=["PROPN", "PART", "NUM", "NOUN", "AUX", "VERB", "PUNCT"],
              tags=["NNP", "POS", "CD", "NNS", "VBD", "VBN", "."],
              heads=[3, 0, 3, 5, 5, 5, 5],
              deps=["poss", "case", "nummod", "nsubjpass", "auxpass", "ROOT", "punct"],
              lemmas=["Acme", "'s", "300", "truck", "be", "sell", "."])
    e, = estimates(doc)
    assert (e.value, e.unit, e.about) == (300.0, "truck", "Acme trucks")


def test_hand_built_doc_subject_of_verb_through_xcomp(nlp):
    words = ["Acme", "plans", "to", "cut", "650", "jobs", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True, True, True, True, True, False, False],
              pos=["PROPN", "VERB", "PART", "VERB", "NUM", "NOUN", "PUNCT"],
              tags=["NNP", "VBZ", "TO", "VB", "CD", "NNS", "."],
              heads=[1, 1, 3, 1, 5, 3, 1],
              deps=["nsubj", "ROOT", "aux", "xcomp", "nummod", "dobj", "punct"],
              lemmas=["Acme", "plan", "to", "cut", "650", "job", "."])
    e, = estimates(doc)
    assert (e.value, e.unit, e.about) == (650.0, "job", "Acme jobs")


# --- ages, averages, kinds of things, units in the counted noun ---------------------------------

def test_age_after_a_name(nlp):
    text = "Jensen, 54, resigned on Friday."
    e = only(nlp, text)
    assert (e.value, e.unit, e.about) == (54.0, "year of age", "Jensen")


def test_averaged_is_approximately(nlp):
    e = only(nlp, "He averaged 7 rebounds last season.")
    assert (e.qualifier, e.value, e.unit) == ("approximately", 7.0, "rebound")


@pytest.mark.parametrize("text", [
    "They signed a three-year contract.",
    "The council approved a two-month trial.",
])
def test_hyphenated_duration_adjectives_are_not_amounts(nlp, text):
    assert run(nlp, text) == []


def test_counted_noun_that_is_a_unit(nlp):
    e = only(nlp, "She ran for 120 rushing yards.")
    assert e.unit == "yard" and e.about == "rushing yards"


def test_barrels_of_oil(nlp):
    e = only(nlp, "The field produced 2 million barrels of oil.")
    assert (e.value, e.unit, e.about) == (2e6, "barrel of oil", "field")


def test_bounds_are_always_low_to_high(nlp):
    from kg.extractors.estimates import estimates
    doc = nlp("Inflation eased from 4.5% to 2.5% last year, and the herd shrank from 900 to 650 head.")
    ranged = [e for e in estimates(doc) if e.min is not None and e.max is not None]
    assert ranged and all(e.min <= e.max for e in ranged)
    assert (ranged[0].min, ranged[0].max) == (2.5, 4.5)
