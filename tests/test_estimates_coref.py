"""Estimates: light coreference for ``about`` (he/she -> the person named last; a reported
"it" is not the speaker) and elided list items (kg.extractors.estimates.about)."""
from kg.extractors.estimates import estimates


def only(nlp, text):
    found = estimates(nlp(text))
    assert len(found) == 1, [(text[e.span.start:e.span.end], e) for e in found]
    return found[0]


def test_she_names_the_person_mentioned_before(nlp):
    e = only(nlp, "Maria Santos joined a club in Porto, where she earned $4 million.")
    assert e.about == "Maria Santos"


def test_he_names_the_owner_of_a_count(nlp):
    e = only(nlp, "Dana Whitfield still runs her blog, where she has more than 90,000 readers.")
    assert "Whitfield" in e.about and "blog" not in e.about


def test_a_reported_it_is_not_the_speaker(nlp):
    e = only(nlp, "Acme says it will cost buyers about $30,000 before rebates.")
    assert e.about is None


# --- list items with the verb left out take the noun of their own conjunct ---------------------

def test_an_elided_list_item_is_about_its_own_noun(nlp):
    text = "Shares of Acme and Bolt were down 2.3%, Crane by 2.6% and Dunmore was down 1.9% on Monday."
    abouts = [e.about for e in estimates(nlp(text))]
    assert abouts == ["Shares", "Crane", "Dunmore"]


def test_a_verbless_conjunct_keeps_its_coordinated_nouns(nlp):
    text = ("Rent is expected to rise between 5% and 6%, with fuel prices expected to rise between "
            "4% and 5% and bread and milk between 6% and 7%.")
    assert [e.about for e in estimates(nlp(text))] == ["Rent", "fuel prices", "bread and milk"]


def test_an_elided_by_item_shares_the_direction_of_the_one_before(nlp):
    text = "Shares of Acme and Bolt were down 2.3%, Crane by 2.6% and Dunmore was down 1.9% on Monday."
    assert [e.qualifier for e in estimates(nlp(text))] == ["decrease"] * 3


# --- how long an action takes is nobody's amount ----------------------------------------------

def test_a_duration_in_a_verbs_prepositional_phrase_has_no_about(nlp):
    assert only(nlp, "The scooter battery can be recharged from a wall socket in just two hours.").about is None
    assert only(nlp, "The city council can now borrow for forty years.").about is None


# --- a list heading names what every item is ----------------------------------------------------

def test_items_of_a_colon_list_are_about_the_heading_too(nlp):
    text = "Assets including: a villa in Nice, worth $4,500,000, a farm near Lyon, $2,100,000."
    assert [e.about for e in estimates(nlp(text))] == ["Assets villa", "Assets farm"]


def test_a_time_before_a_colon_is_no_heading(nlp):
    e = only(nlp, "On Monday at 3pm: profit rose 4%.")
    assert "Monday" not in (e.about or "")


def test_an_it_of_an_adverbial_clause_does_not_borrow_the_main_subject(nlp):
    text = "Its shares have risen 3% this year although it was trading at more than 150p last spring."
    found = estimates(nlp(text))
    assert [e.about for e in found] == ["Its shares", None]


# --- a counted subject has no owner in the clause -------------------------------------------------

def test_a_counted_subject_is_not_owned_by_a_second_subject(nlp):
    e = only(nlp, "No yellow cards, but 19 fouls proves it was a rough game.")
    assert e.unit == "foul" and e.about is None


def test_a_currency_subject_with_the_is_a_topic(nlp):
    e = only(nlp, "The Japanese yen later firmed to trade at 131.45 against the dollar.")
    assert e.about and "yen" in e.about



def test_an_acronym_tagged_as_a_verb_can_be_the_about(nlp):
    from spacy.tokens import Doc
    from kg.extractors.estimates.about import _usable
    # the tagger sometimes reads an acronym as a verb: "the MSRP is $9", "we ran far"
    doc = Doc(nlp.vocab, words=["the", "MSRP", "is", "$", "9", "we", "ran", "far"],
              pos=["DET", "VERB", "AUX", "SYM", "NUM", "PRON", "VERB", "ADV"],
              heads=[1, 2, 2, 4, 2, 6, 6, 6],
              deps=["det", "parataxis", "ROOT", "nmod", "attr", "nsubj", "ROOT", "advmod"],
              sent_starts=[True, False, False, False, False, True, False, False])
    assert _usable(doc[1]) and not _usable(doc[6])


def test_a_rate_from_somewhere_is_about_where(nlp):
    found = estimates(nlp("She averaged 18 points while shooting 51.2% from the field and 38.5% from the line."))
    assert [e.about for e in found][1:] == ["field", "line"]


def test_a_stray_letter_after_a_number_is_neither_counted_nor_the_about(nlp):
    text = "The worst performers were Acme Group, down 41 p at 900 p, Bolt Foods, down 2.5 p at 110.5 p."
    found = estimates(nlp(text))
    assert [found[0].about, found[2].about] == ["Acme Group", "Bolt Foods"]
    assert all(e.unit == "" for e in found)


def test_the_level_a_change_reached_shares_its_about(nlp):
    text = "The worst performers were Acme Group, down 41 p at 900 p, Bolt Foods, down 2.5 p at 110.5 p."
    assert [e.about for e in estimates(nlp(text))] == ["Acme Group", "Acme Group", "Bolt Foods", "Bolt Foods"]


def test_a_count_under_a_copular_noun_belongs_to_the_subject(nlp):
    e = only(nlp, "Lisbon is the home port for about 40 fishing crews.")
    assert e.about.startswith("Lisbon")


def test_an_age_with_a_magnitude_describes_the_noun_after_it(nlp):
    e = only(nlp, "The cave was cut into 300 million-year-old limestone.")
    assert e.unit == "year of age" and e.about == "limestone"


def test_a_conjunct_subject_with_a_prepositional_phrase(nlp):
    found = estimates(nlp("The charge in the cell was 3.5 F and the voltage across it was 9 volts."))
    assert found[-1].about == "voltage"


def test_money_in_a_kind_of_money_is_about_the_kind(nlp):
    assert only(nlp, "The startup raised $12 million in funding last year.").about == "funding"
    assert only(nlp, "The pound could fall to $1 in the event of a bad deal.").about != "event"


def test_a_stock_index_name_is_no_amount_and_names_its_change(nlp):
    found = estimates(nlp("the dow is trending up 0.3% and the sp 500 is set to drop 0.1%."))
    assert [(e.value, e.about) for e in found] == [(0.3, "dow"), (0.1, "sp")]
    found = estimates(nlp("The FTSE 100 rose 1.2% while the CAC 40 fell 0.4%."))
    assert [e.value for e in found] == [1.2, 0.4]
