"""Estimates: what is counted, its unit and what an amount is about (kg.extractors.estimates)."""
import pytest

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


# --- what a measure is about ------------------------------------------------------------------

def test_of_phrase_after_a_bracketed_conversion(nlp):
    found = estimates(nlp("Crews dug 6 miles (10 kilometres) of new sewers under the city."))
    assert [e.about for e in found] == ["new sewers", "new sewers"]


def test_noun_after_a_bracketed_conversion(nlp):
    found = estimates(nlp("The probe ended a 2.5 billion-mile (4bn km) voyage from Earth."))
    assert found and all("voyage" in e.about for e in found)


def test_participle_clause_lends_its_noun(nlp):
    e = only(nlp, "The shop sells dried herbs priced at under $8 per gram.")
    assert e.unit == "dollar per gram" and e.about == "dried herbs"


def test_by_phrase_object_only_of_its_own_verb(nlp):
    found = estimates(nlp("The deficit hit a record last year, having widened by $40 billion."))
    assert found[0].about == "deficit"


def test_a_modified_noun_a_few_words_away(nlp):
    e = only(nlp, "Banks are offering 90 per cent loan-to-value mortgages again.")
    assert "mortgages" in e.about


# --- durations that say when, partitive "one of", pronoun owners -------------------------------

def test_a_duration_that_says_when_has_no_about(nlp):
    e = only(nlp, "The comet passes the sun every 76 years.")
    assert (e.unit, e.about) == ("year", None)


def test_one_of_the_best_has_no_owner(nlp):
    e = only(nlp, "The new phone has one of the brightest screens on the market.")
    assert e.value == 1 and e.about is None


def test_a_pronoun_owner_is_the_speaker(nlp):
    e = only(nlp, "Delta Air Lines said it was grounding three older jets.")
    assert e.unit.endswith("jet") and "Delta Air Lines" in e.about


def test_a_hyphenated_name_stays_whole(nlp):
    e = only(nlp, "Ben-Moshe has raised 280 million shekels.")
    assert e.about == "Ben-Moshe"


def test_a_name_with_digits_can_be_the_subject(nlp):
    found = estimates(nlp("The ZX-300 lost 2.4% to end at 812.5."))
    assert found[0].about == "ZX-300" and found[0].qualifier == "decrease"


def test_a_place_preposition_lends_no_owner(nlp):
    e = estimates(nlp("Dozens were hurt in shootings at two mosques."))[-1]
    assert (e.unit, e.about) == ("mosque", None)


def test_a_name_inside_a_numeric_entity_is_usable(nlp):
    found = estimates(nlp("At noon: Dow +0.2% S&P 500 +0.3% Nasdaq +0.8%."))
    assert found[-1].about == "Nasdaq"


# --- the subject of a verb done to the count owns none of it ------------------------------------

@pytest.mark.parametrize("text, about", [
    ("The army killed 30 fighters near the border.", "fighters"),
    ("Police arrested 12 protesters in the capital.", "protesters"),
    ("Troops captured 40 militants on Sunday.", "militants"),
    ("The storm forced 2,000 residents from their homes.", "residents"),
])
def test_the_subject_of_a_verb_done_to_the_count_is_not_its_owner(nlp, text, about):
    assert only(nlp, text).about == about


def test_the_subject_still_owns_what_it_has_or_cuts(nlp):
    assert only(nlp, "Acme plans to cut 650 jobs.").about == "Acme jobs"
    assert only(nlp, "The militia has 3,000 fighters in the valley.").about == "militia fighters"
