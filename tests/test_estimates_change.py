"""Estimates: rises and falls, and hedges before a sign."""
from kg.extractors.estimates import estimates


def only(nlp, text):
    found = estimates(nlp(text))
    assert len(found) == 1, [(text[e.span.start:e.span.end], e) for e in found]
    return found[0]


def test_a_particle_of_movement_is_a_change(nlp):
    assert only(nlp, "The index is trending up 0.2% today.").qualifier == "increase"


def test_an_idiom_particle_is_not(nlp):
    assert only(nlp, "He gave up 51 yards.").qualifier == "exact"


def test_a_by_phrase_on_a_change_noun(nlp):
    found = estimates(nlp("Oil rose by 2 percent but gold saw a decrease by 1."))
    assert [e.qualifier for e in found] == ["increase", "decrease"]


def test_a_hedge_before_minus(nlp):
    e = only(nlp, "This is about minus 40 Fahrenheit.")
    assert (e.qualifier, e.value, e.unit) == ("approximately", -40.0, "fahrenheit")


def test_counted_things_that_move_are_not_a_change(nlp):
    assert only(nlp, "The top three seeds advanced.").qualifier == "exact"


def test_a_direction_word_on_the_verb_of_a_by_phrase(nlp):
    assert only(nlp, "Profit was revised upward by 40 million.").qualifier == "increase"
    found = estimates(nlp("Shares of Apple were down 2%, Google by 3%."))
    assert [e.qualifier for e in found] == ["decrease", "decrease"]


def test_between_outranks_the_verb_like_other_hedges(nlp):
    e = only(nlp, "Prices are expected to increase between 5% and 6%.")
    assert (e.qualifier, e.min, e.max) == ("range", 5.0, 6.0)
    assert only(nlp, "Prices rose 5% to 6%.").qualifier == "increase"


def test_barely_is_an_approximate_hedge(nlp):
    from kg.extractors.estimates import estimates
    [e] = estimates(nlp("The shares trade at barely 7.5 times earnings."))
    assert (e.qualifier, e.value) == ("approximately", 7.5)
