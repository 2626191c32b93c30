"""Estimates: fractions of a whole ("half of", "a third of", "one in three")."""
import pytest

from kg.extractors.estimates import estimates
from kg.extractors.numbers import scan


@pytest.mark.parametrize("text,value", [
    ("half of them", 0.5), ("a third of voters", 1 / 3), ("two-thirds of sales", 2 / 3),
    ("three quarters of homes", 0.75), ("one in five adults", 0.2), ("1 out of 4 cars", 0.25),
    ("one in 10,000 phones", 0.0001)])
def test_fraction_values(text, value):
    [c] = scan(text)
    assert c.kind == "fraction" and c.value == pytest.approx(value)


@pytest.mark.parametrize("text", ["the first half of the season", "the final third of the pitch",
                                  "cut in half", "this half", "a third-round tie",
                                  "a quarter of a million users"])
def test_parts_that_are_not_amounts(text):
    assert [c for c in scan(text) if c.kind == "fraction"] == []


def test_a_fraction_is_a_share_about_its_whole(nlp):
    [e] = estimates(nlp("Nearly two-thirds of the voters backed the plan."))
    assert (e.qualifier, round(e.value, 3), e.unit, e.about) == ("approximately", 0.667, "", "voters")


def test_one_out_of_three(nlp):
    [e] = estimates(nlp("One out of three tenants reported damp."))
    assert round(e.value, 3) == 0.333 and "tenants" in e.about


def test_a_fraction_does_not_take_the_unit_of_its_whole(nlp):
    found = estimates(nlp("The offer was less than half of the $30bn the owners wanted."))
    share = [e for e in found if e.max == 0.5]
    assert share and share[0].unit == ""


@pytest.mark.parametrize("text,value", [
    ("1/8 of the cake", 0.125), ("3\u204410 of a share", 0.3), ("\u00be of the vote", 0.75),
    ("2\u00bd hours", 2.5)])
def test_written_fractions(text, value):
    [c] = [c for c in scan(text) if c.value is not None]
    assert c.value == pytest.approx(value)


@pytest.mark.parametrize("text", ["on 9/11 they met", "open 24/7 all year", "on 12/25 it snowed"])
def test_slashed_dates_are_no_fractions(text):
    assert [c for c in scan(text) if c.kind == "fraction"] == []


def test_a_part_of_one_unit_is_an_amount_in_that_unit(nlp):
    found = estimates(nlp("A jug holds 1/3 of a gallon, or about half of a litre."))
    assert [(round(e.value, 3), e.unit) for e in found if e.value is not None and e.value < 1] \
        == [(0.333, "gallon"), (0.5, "litre")]
