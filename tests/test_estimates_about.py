"""Estimates: what is counted, its unit and what an amount is about (kg.extractors.estimates)."""
from kg.extractors.estimates import estimates


def only(nlp, text):
    found = estimates(nlp(text))
    assert len(found) == 1, [(text[e.span.start:e.span.end], e) for e in found]
    return found[0]


# --- a name before the counted noun: in about, never the unit ---------------------------------

def test_a_name_parsed_as_the_head_is_not_the_unit(nlp):
    e = only(nlp, "Analysts said that between 2,000 and 3,000 IS militants remained near the border.")
    assert (e.min, e.max, e.unit) == (2000.0, 3000.0, "person")
    assert e.about == "IS militants"


def test_an_owner_name_stays_out_of_the_unit(nlp):
    e = only(nlp, "Police questioned 40 Google employees.")
    assert e.unit == "employee" and "Google employees" in e.about


def test_hyphenated_modifier_stays_whole(nlp):
    e = only(nlp, "As many as 9 first-team players were injured.")
    assert e.unit == "first-team player"


# --- a bare number is about what a measure would be about -------------------------------------

def test_bare_range_is_about_the_subject(nlp):
    e = only(nlp, "Attendance climbed from 410 to 455.")
    assert (e.min, e.max, e.unit, e.about) == (410.0, 455.0, "", "Attendance")


def test_a_spelt_out_unit_word_can_be_the_topic(nlp):
    e = only(nlp, "Horsepower rose from 300 to 340.")
    assert e.about == "Horsepower"
