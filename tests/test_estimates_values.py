"""Estimates: which numbers are amounts (years, scores) and how ranges are read."""
import pytest

from kg.extractors.estimates import estimates


def only(nlp, text):
    found = estimates(nlp(text))
    assert len(found) == 1, [(text[e.span.start:e.span.end], e) for e in found]
    return found[0]


def test_a_magnitude_word_is_no_year(nlp):
    e = only(nlp, "There are 1 to 2 thousand people.")
    assert (e.min, e.max, e.unit) == (1000.0, 2000.0, "person")


def test_a_year_like_count_of_a_plural_noun(nlp):
    e = only(nlp, "It has more than 1000 customers.")
    assert (e.qualifier, e.min, e.unit) == ("moreThan", 1000.0, "customer")
    assert only(nlp, "Some 1500 fighters remain.").value == 1500.0


def test_years_stay_years(nlp):
    assert estimates(nlp("Its 2018 sales jumped.")) == []
    assert estimates(nlp("It happened around 2010 and again later.")) == []


def test_a_tied_score_is_no_range(nlp):
    assert estimates(nlp("The game was tied at 89-89 late on.")) == []


def test_from_to_split_by_a_time_is_one_range(nlp):
    e = only(nlp, "The coin slid from $4,210 at 9.30pm on Sunday to $3,980 by dawn.")
    assert (e.qualifier, e.min, e.max, e.unit) == ("range", 3980.0, 4210.0, "dollar")
    e = only(nlp, "Mileage rose from 18 miles per gallon in 2005 to 26 mpg last year.")
    assert (e.min, e.max, e.unit) == (18.0, 26.0, "mile per gallon")


def test_from_without_to_stays_single(nlp):
    assert only(nlp, "Prices rose from $5 in May.").value == 5.0


def test_a_capital_m_magnitude_is_not_a_model_name(nlp):
    e = only(nlp, "The combined 4.3M digital sales came from CDs.")
    assert (e.value, e.unit) == (4.3e6, "digital sale")
    assert estimates(nlp("Boeing delivered 787 Dreamliner jets.")) == []


def test_the_age_of(nlp):
    e = only(nlp, "Only players over the age of 21 may enter.")
    assert (e.value, e.unit) == (21.0, "year of age")


@pytest.mark.parametrize("text", ["The coast could be under water by 2150, the study says.",
                                  "The lease runs until 2199."])
def test_far_future_year_after_a_preposition_of_time_is_no_amount(nlp, text):
    assert estimates(nlp(text)) == []


def test_far_future_number_that_counts_something_is_kept(nlp):
    [e] = estimates(nlp("The test failed in 2150 cases."))
    assert e.value == 2150
