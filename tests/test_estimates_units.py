"""Estimates: units written after a number, carried over from a parallel frame, and ages."""
from kg.extractors.estimates import estimates


def only(nlp, text):
    found = estimates(nlp(text))
    assert len(found) == 1, [(text[e.span.start:e.span.end], e) for e in found]
    return found[0]


def test_a_case_sensitive_symbol(nlp):
    found = estimates(nlp("Top hitters: Ann Lee (2.5 WAR), Bo Park (1.5 WAR)."))
    assert [e.unit for e in found] == ["win above replacement"] * 2
    assert only(nlp, "Two war veterans spoke.").unit == "war veteran"


def test_a_capital_symbol_after_a_space(nlp):
    assert only(nlp, "The lamp uses 9 W.").unit == "watt"
    assert only(nlp, "Water boils at 100 C at sea level.").unit == "celsius"


def test_a_year_earlier_is_not_per_year(nlp):
    found = estimates(nlp("Sales rose to $9 billion from $8 billion a year earlier."))
    assert [e.unit for e in found] == ["dollar", "dollar"]


def test_ahead_is_not_per_head(nlp):
    assert only(nlp, "The team was 3 points ahead.").unit == "point"


def test_a_count_per_day(nlp):
    e = only(nlp, "The lab can run four thousand tests per day.")
    assert (e.value, e.unit) == (4000.0, "test per day")


def test_per_year_after_a_bracketed_conversion(nlp):
    e = estimates(nlp("It is a 9 billion shekels ($2.4 billion) a year industry."))[0]
    assert e.unit == "shekel per year"


def test_a_bare_number_in_a_parallel_frame_takes_the_unit(nlp):
    found = estimates(nlp("The DAX rose by 2 percent but the CAC fell by 1."))
    assert [(e.value, e.unit) for e in found] == [(2.0, "percent"), (1.0, "percent")]


def test_age_after_a_name_read_as_a_place(nlp):
    e = only(nlp, "Maddon, 66, has lost weight.")
    assert (e.unit, e.about) == ("year of age", "Maddon")


def test_age_with_be(nlp):
    assert only(nlp, "She will be 41 next week.").unit == "year of age"
    assert only(nlp, "He turns 50 in May.").unit == "year of age"


# --- the unit of a count: its describing words -------------------------------------------------

def test_comparison_degrees_are_normalised(nlp):
    assert only(nlp, "It is one of the best wireless speakers around.").unit == "good wireless speaker"


def test_a_describing_word_before_the_number(nlp):
    assert only(nlp, "He scored a record 32 goals.").unit == "record goal"
    assert only(nlp, "The club sold a further 300 tickets.").unit == "ticket"


def test_plural_magnitude_of_a_noun_past_odd_tags(nlp):
    e = only(nlp, "The executives had bought thousands of COVID -19 tests from a local firm.")
    assert (e.min, e.max, e.unit) == (1000.0, 10000.0, "test")


def test_a_bare_part_of_a_measured_whole(nlp):
    found = estimates(nlp("Ben raised 280 million of the 1.5 billion shekels he needs."))
    assert [e.unit for e in found] == ["shekel", "shekel"]


def test_the_value_of_an_age_noun(nlp):
    e = only(nlp, "The average life expectancy for men in Leeds is around 74.")
    assert (e.qualifier, e.unit, e.about) == ("approximately", "year of age", "average life expectancy")
    assert only(nlp, "The retirement age will rise to 67.").unit == "year of age"


def test_a_unit_named_by_its_scale(nlp):
    e = only(nlp, "Diamonds score between 50 and 70 on the GPa scale.")
    assert (e.min, e.max, e.unit) == (50.0, 70.0, "gigapascal")


def test_newton_metres_and_nanometres_by_case(nlp):
    found = estimates(nlp("It makes 300 PS and 450 Nm of torque."))
    assert [(e.value, e.unit) for e in found] == [(300.0, "horsepower"), (450.0, "newton metre")]
    assert only(nlp, "The chip uses a 5nm process.").unit == "nanometre"


def test_a_glued_m_before_a_race_or_prize_is_metres(nlp):
    text = "She won the 60m hurdles and two 200m titles, while Acme has 5m customers."
    got = [(e.value, e.unit) for e in estimates(nlp(text))]
    assert got == [(60.0, "metre"), (200.0, "metre"), (5e6, "customer")]


def test_suspended_compound_numbers_share_the_unit(nlp):
    found = estimates(nlp("The estate has two- and three-bedroom flats."))
    assert [(e.value, e.unit) for e in found] == [(2.0, "bedroom"), (3.0, "bedroom")]


def test_suspended_compound_list_with_commas(nlp):
    found = estimates(nlp("Buyers can pick four-, five- or six-cylinder engines."))
    assert [(e.value, e.unit) for e in found] == [(4.0, "cylinder"), (5.0, "cylinder"),
                                                  (6.0, "cylinder")]
