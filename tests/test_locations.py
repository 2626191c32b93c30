"""Locations: recognition, merging and geocoding, with the model and without it."""
import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.extractors.locations import locations
from kg.geo import distance_km


def by_name(locs, surface, text):
    for loc in locs:
        if any(text[s.start:s.end] == surface for s in loc.mentions):
            return loc
    raise AssertionError(f"{surface!r} not found in {[l.name for l in locs]}")


def hand_doc(words, spaces, ents):
    """A Doc built by hand, so the rule is tested without the model's guesses."""
    doc = Doc(Vocab(), words=words, spaces=spaces)
    doc.ents = [doc.char_span(*_chars(doc, s, e), label=lab) for s, e, lab in ents]
    return doc


def _chars(doc, s, e):
    return doc[s].idx, doc[e - 1].idx + len(doc[e - 1])


def test_village_missing_from_gazetteer_is_placed_in_its_stated_province():
    words = ["Shelling", "hit", "the", "village", "of", "Umm", "Qasrik", ",", "Deir", "ez-Zor",
             "Governorate", ",", "Syria", ",", "on", "Monday", "."]
    spaces = [True, True, True, True, True, True, False, True, True, True, False, True, False, True,
              True, False, False]
    doc = hand_doc(words, spaces, [(5, 7, "GPE"), (8, 11, "GPE"), (12, 13, "GPE")])
    locs = locations(doc)
    village = by_name(locs, "Umm Qasrik", doc.text)
    assert village.precision == "region"
    assert village.key == "place:sy:umm-qasrik"
    assert village.geonames_id is None
    assert village.country == "geonames:163843" and village.country_code == "SY"
    province = by_name(locs, "Deir ez-Zor Governorate", doc.text)
    assert province.geonames_id == 170792 and province.feature == "region"
    assert (village.lat, village.lon) == (province.lat, province.lon)
    assert by_name(locs, "Syria", doc.text).feature == "country"


def test_hand_built_doc_merges_mentions_and_demonym_refers_to_its_country():
    words = ["Iraqi", "troops", "entered", "Mosul", ".", "Mosul", "is", "in", "Iraq", "."]
    spaces = [True, True, True, False, True, True, True, True, False, False]
    # the model might tag the adjective "Iraqi" GPE; it refers to Iraq without naming it
    doc = hand_doc(words, spaces, [(0, 1, "GPE"), (3, 4, "GPE"), (5, 6, "GPE"), (8, 9, "GPE")])
    locs = locations(doc)
    assert [l.name for l in locs] == ["Iraq", "Mosul"]
    iraq, mosul = locs
    assert len(mosul.mentions) == 2 and mosul.key == "geonames:99072"
    assert mosul.country == iraq.key == "geonames:99237"
    assert [doc.text[m.start:m.end] for m in iraq.mentions] == ["Iraq"]
    assert [doc.text[m.start:m.end] for m in iraq.adjectival] == ["Iraqi"]


def test_place_in_country_said_in_text(nlp):
    text = "Aid reached Kafr Tikhareem in Syria after the storm."
    locs = locations(nlp(text))
    place = by_name(locs, "Kafr Tikhareem", text) if "Kafr Tikhareem" in [text[s.start:s.end] for l in locs for s in l.mentions] else None
    if place is not None:
        assert place.country_code == "SY"
        assert place.precision in ("gazetteer", "country")
    syria = by_name(locs, "Syria", text)
    assert syria.geonames_id == 163843


def test_cities_and_countries_geocoded(nlp):
    text = ("The coalition took Raqqa in Syria and Mosul in Iraq. Ministers later met in Brussels "
            "to discuss the Middle East.")
    locs = locations(nlp(text))
    raqqa = by_name(locs, "Raqqa", text)
    assert distance_km(raqqa.lat, raqqa.lon, 35.953, 39.008) < 50
    assert raqqa.country == "geonames:163843"
    assert by_name(locs, "Brussels", text).country_code == "BE"
    iraq = by_name(locs, "Iraq", text)
    assert iraq.feature == "country" and distance_km(iraq.lat, iraq.lon, 33.0, 44.0) < 1
    me = by_name(locs, "Middle East", text)
    assert me.feature == "region" and me.lat is not None


def test_us_town_with_state_abbreviation(nlp):
    text = "A fire broke out in Alexandria, La., on Friday, police said."
    locs = locations(nlp(text))
    alex = by_name(locs, "Alexandria", text)
    assert alex.country_code == "US"
    assert distance_km(alex.lat, alex.lon, 31.31, -92.45) < 50


def test_unknown_place_falls_back_to_article_country(nlp):
    text = ("Syria's war goes on. Syria said troops held the area. Rebels fled to Zarqatun, "
            "close to the Turkish border.")
    locs = locations(nlp(text))
    names = [text[s.start:s.end] for l in locs for s in l.mentions]
    assert names.count("Syria") == 2
    if "Zarqatun" in names:
        z = by_name(locs, "Zarqatun", text)
        assert z.country_code == "SY" and z.precision == "country"


def test_demonyms_refer_to_their_country_apart_from_its_names(nlp):
    text = "Syrian and Iraqi officials spoke to American reporters about the Palestinians."
    locs = locations(nlp(text))
    assert all(l.mentions == () for l in locs)
    assert {l.name: [text[m.start:m.end] for m in l.adjectival] for l in locs} == {
        "Syria": ["Syrian"], "Iraq": ["Iraqi"], "United States": ["American"],
        "Palestinian Territory": ["Palestinians"]}
    assert all(l.feature == "country" and l.lat is not None for l in locs)


def test_demonym_of_a_culture_or_a_surname_is_no_place():
    words = ["Ms", "French", "said", "the", "Italian", "food", "was", "good", "."]
    spaces = [True, True, True, True, True, True, True, False, False]
    doc = hand_doc(words, spaces, [])
    assert locations(doc) == []


def test_region_demonym_names_the_continent():
    doc = hand_doc(["European", "markets", "fell", "."], [True, True, False, False], [])
    (europe,) = locations(doc)
    assert europe.name == "Europe" and europe.feature == "region"


def test_place_leading_an_organisation_name_is_a_mention():
    # "the Dayton Police Department": the department is named after the city, whose name still
    # refers to it; the head noun of a name ("the Webb Center") is never a place
    words = ["Officers", "of", "the", "Dayton", "Police", "Department", "met", "at", "the", "Webb",
             "Center", "in", "Ohio", "."]
    spaces = [True, True, True, True, True, True, True, True, True, True, True, True, False, False]
    doc = hand_doc(words, spaces, [(2, 6, "ORG"), (8, 11, "FAC"), (12, 13, "GPE")])
    locs = locations(doc)
    dayton = by_name(locs, "Dayton", doc.text)
    assert dayton.country_code == "US" and distance_km(dayton.lat, dayton.lon, 39.76, -84.19) < 30
    assert "Center" not in [doc.text[m.start:m.end] for l in locs for m in l.mentions]


def test_town_of_the_articles_state_found_without_the_model():
    # no entity at all on "Lufkin": the gazetteer knows a town of that name in Texas, the state
    # the article names
    words = ["Voters", "in", "Texas", "and", "in", "Lufkin", "went", "to", "the", "polls", "."]
    spaces = [True, True, True, True, True, True, True, True, True, False, False]
    doc = hand_doc(words, spaces, [(2, 3, "GPE")])
    town = by_name(locations(doc), "Lufkin", doc.text)
    assert town.country_code == "US" and distance_km(town.lat, town.lon, 31.34, -94.73) < 30


def test_person_names_and_titles_block_gazetteer_recall():
    # "Tyler" is a Texas city, but here a person: a word of a person's name, and after a title
    words = ["Mayor", "Tyler", "spoke", "in", "Texas", ".", "Jim", "Tyler", "left", "."]
    spaces = [True, True, True, True, False, True, True, True, False, False]
    doc = hand_doc(words, spaces, [(2 + 1, 2 + 2, "GPE") if False else (4, 5, "GPE"), (6, 8, "PERSON")])
    names = [doc.text[m.start:m.end] for l in locations(doc) for m in l.mentions]
    assert names == ["Texas"]


def test_capitalised_dateline_is_a_place():
    words = ["BEIRUT", "(", "AP", ")", "—", "Talks", "resumed", "."]
    spaces = [True, False, False, True, True, True, False, False]
    doc = hand_doc(words, spaces, [])
    (beirut,) = locations(doc)
    assert beirut.country_code == "LB" and doc.text[beirut.mentions[0].start:beirut.mentions[0].end] == "BEIRUT"


def test_compass_word_and_office_trimmed_from_a_place_entity():
    words = ["Rain", "hit", "North", "Texas", "and", "the", "Dayton", "City", "Council", "met", "."]
    spaces = [True, True, True, True, True, True, True, True, True, False, False]
    doc = hand_doc(words, spaces, [(2, 4, "GPE"), (6, 9, "GPE")])
    names = sorted(doc.text[m.start:m.end] for l in locations(doc) for m in l.mentions)
    assert names == ["Dayton", "Texas"]


def test_same_named_town_near_the_articles_other_places_wins():
    # Paris alone is the French capital; with Texas towns around it, it is Paris, Texas
    words = ["Paris", ",", "Sulphur", "Springs", "and", "Mount", "Pleasant", "shared", "the", "grant", "."]
    spaces = [False, True, True, True, True, True, True, True, True, False, False]
    doc = hand_doc(words, spaces, [(0, 1, "GPE"), (2, 4, "GPE"), (5, 7, "GPE")])
    paris = by_name(locations(doc), "Paris", doc.text)
    assert paris.country_code == "US" and distance_km(paris.lat, paris.lon, 33.66, -95.56) < 30
    alone = hand_doc(["Paris", "voted", "."], [True, False, False], [(0, 1, "GPE")])
    assert locations(alone)[0].country_code == "FR"


def test_short_abbreviation_after_in_is_no_state_hint():
    # "in OT" (overtime) must not place the city in a province abbreviated OT
    words = ["Kansas", "beat", "Louisville", "in", "OT", "."]
    spaces = [True, True, True, True, False, False]
    doc = hand_doc(words, spaces, [(0, 1, "GPE"), (2, 3, "GPE")])
    lou = by_name(locations(doc), "Louisville", doc.text)
    assert lou.precision == "gazetteer" and lou.country_code == "US"


def test_doc_without_places():
    doc = Doc(Vocab(), words=["Nothing", "happened", "."], spaces=[True, False, False])
    assert locations(doc) == []


def test_whole_entity_the_model_calls_an_organisation_stays_one():
    # sports pages name teams by their cities; the gazetteer does not overrule the model there
    words = ["Chicago", "beat", "Houston", "on", "Sunday", "."]
    spaces = [True, True, True, True, False, False]
    doc = hand_doc(words, spaces, [(0, 1, "ORG"), (2, 3, "ORG")])
    assert locations(doc) == []


def _words(sentence):
    """Tokens and spaces of a plain sentence whose only punctuation is a final full stop."""
    words = sentence[:-1].split() + ["."]
    return words, [True] * (len(words) - 2) + [False, False]


def test_local_story_reads_a_world_city_name_as_its_home_country_namesake():
    # no country is named; the other towns are Texan, so "Paris" is the Texas town
    # no country is named and its other towns are American, too far apart to say which state
    words, spaces = _words("The mayor of Paris met officials from Seattle and Denver .")
    doc = hand_doc(words, spaces, [(3, 4, "GPE"), (7, 8, "GPE"), (9, 10, "GPE")])
    locs = locations(doc)
    assert by_name(locs, "Seattle", doc.text).country_code == "US"
    paris = by_name(locs, "Paris", doc.text)
    assert paris.country_code == "US" and paris.lat < 40


def test_named_country_keeps_the_world_city():
    words, spaces = _words("The mayor of Paris in France met officials from Seattle and Denver .")
    doc = hand_doc(words, spaces, [(3, 4, "GPE"), (5, 6, "GPE"), (9, 10, "GPE"), (11, 12, "GPE")])
    assert by_name(locations(doc), "Paris", doc.text).country_code == "FR"


def test_state_named_in_text_outweighs_the_state_a_town_guesses():
    # "Springfield" alone is the Missouri city; the Kentucky the text names says otherwise
    words, spaces = _words("Springfield police and Kentucky troopers searched the road .")
    doc = hand_doc(words, spaces, [(0, 1, "GPE"), (3, 4, "GPE")])
    town = by_name(locations(doc), "Springfield", doc.text)
    assert town.country_code == "US"
    assert distance_km(town.lat, town.lon, 37.5, -85.3) < 150


def test_unknown_name_of_a_local_story_lies_in_its_state_not_in_a_country_named_once():
    words, spaces = _words("Police from Columbus and Cleveland searched Frobville after the man fled Iraq .")
    doc = hand_doc(words, spaces, [(2, 3, "GPE"), (4, 5, "GPE"), (6, 7, "GPE"), (12, 13, "GPE")])
    unknown = by_name(locations(doc), "Frobville", doc.text)
    assert unknown.country_code == "US" and unknown.precision == "region"
    assert distance_km(unknown.lat, unknown.lon, 40.3, -82.8) < 200     # Ohio, not Iraq


def test_small_town_of_the_articles_state_is_placed_despite_a_foreign_country():
    words, spaces = _words("Police from Columbus and Cleveland searched Byesville after the man fled Iraq .")
    doc = hand_doc(words, spaces, [(2, 3, "GPE"), (4, 5, "GPE"), (6, 7, "GPE"), (12, 13, "GPE")])
    town = by_name(locations(doc), "Byesville", doc.text)
    assert town.geonames_id is not None and town.country_code == "US"


def test_state_by_its_own_name_is_not_a_town_of_another_named_state():
    words, spaces = _words("Doctors in Chicago watched the new law of Oregon closely .")
    doc = hand_doc(words, spaces, [(2, 3, "GPE"), (8, 9, "GPE")])
    assert by_name(locations(doc), "Oregon", doc.text).feature == "region"


def test_county_building_taken_as_a_place_is_trimmed_to_the_county():
    words, spaces = _words("He spent the night in the Henderson County Jail .")
    doc = hand_doc(words, spaces, [(6, 9, "GPE")])
    county = by_name(locations(doc), "Henderson County", doc.text)
    assert county.feature == "region"


def test_a_county_shared_by_many_states_still_places_its_seat():
    # ten states have a Henry County; the one by Paris, Tennessee is not among the biggest
    words, spaces = _words("Deputies of Henry County searched a house in Paris .")
    doc = hand_doc(words, spaces, [(2, 4, "GPE"), (8, 9, "GPE")])
    paris = by_name(locations(doc), "Paris", doc.text)
    assert paris.country_code == "US"
    assert distance_km(paris.lat, paris.lon, 36.3, -88.3) < 50


def test_country_name_is_the_town_beside_the_only_other_place():
    words, spaces = _words("Crews from Shakopee drove south to Jordan .")
    doc = hand_doc(words, spaces, [(2, 3, "GPE"), (6, 7, "GPE")])
    jordan = by_name(locations(doc), "Jordan", doc.text)
    assert jordan.country_code == "US" and jordan.feature == "city"


def test_country_name_stays_the_country_beside_a_far_town():
    words, spaces = _words("Crews from Seattle flew to Jordan .")
    doc = hand_doc(words, spaces, [(2, 3, "GPE"), (5, 6, "GPE")])
    assert by_name(locations(doc), "Jordan", doc.text).country_code == "JO"


def test_namesake_is_read_after_coherence_has_placed_the_towns():
    # "Elkhart" alone is the Indiana city; beside Anderson County it is the Texas town, and so
    # the country's name among them is the Texas town too
    words, spaces = _words("Deputies of Anderson County and Elkhart police drove to Palestine .")
    doc = hand_doc(words, spaces, [(2, 4, "GPE"), (5, 6, "GPE"), (9, 10, "GPE")])
    town = by_name(locations(doc), "Palestine", doc.text)
    assert town.country_code == "US"
    assert distance_km(town.lat, town.lon, 31.76, -95.63) < 50


def test_name_read_abroad_is_the_namesake_beside_the_only_other_town():
    # "Hanover" alone is read as the Jamaican parish; beside Harrisburg it is the nearby town
    words, spaces = _words("Police from Harrisburg drove to Hanover .")
    doc = hand_doc(words, spaces, [(2, 3, "GPE"), (5, 6, "GPE")])
    town = by_name(locations(doc), "Hanover", doc.text)
    assert town.country_code == "US"
    assert distance_km(town.lat, town.lon, 40.27, -76.88) < 150


def test_county_many_states_share_is_the_one_of_the_state_named():
    words, spaces = _words("Deputies of Boone County met Indiana troopers at dawn .")
    doc = hand_doc(words, spaces, [(2, 4, "GPE"), (5, 6, "GPE")])
    county = by_name(locations(doc), "Boone County", doc.text)
    assert distance_km(county.lat, county.lon, 40.05, -86.47) < 80


def test_a_names_own_repeated_guess_does_not_outvote_the_state_named():
    words, spaces = _words("Springfield police and Kentucky troopers found the car in Springfield .")
    doc = hand_doc(words, spaces, [(0, 1, "GPE"), (3, 4, "GPE"), (10, 11, "GPE")])
    town = by_name(locations(doc), "Springfield", doc.text)
    assert distance_km(town.lat, town.lon, 37.5, -85.3) < 150
