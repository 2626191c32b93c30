"""The kg_news rules added for names in wire copy: sports articles, acronyms, events, common words.

Docs are built by hand, so each test checks one rule on entities the model might have produced.
"""
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.extractors import rulers, sportsnames


def _doc(text, ents):
    """A Doc of whitespace-separated words ("\\n" a token of its own) with IOB entity tags."""
    words, spaces = [], []
    for line_no, line in enumerate(text.split("\n")):
        if line_no:
            words.append("\n")
            spaces.append(False)
            if spaces[-2:-1]:
                spaces[-2] = False
        for w in line.split(" "):
            words.append(w)
            spaces.append(True)
    spaces[-1] = False
    tags = ["O"] * len(words)
    for phrase, label in ents:
        n = len(phrase.split(" "))
        for i in range(len(words) - n + 1):
            if words[i:i + n] == phrase.split(" ") and all(t == "O" for t in tags[i:i + n]):
                tags[i:i + n] = ["B-" + label] + ["I-" + label] * (n - 1)
                break
    doc = Doc(Vocab(), words=words, spaces=spaces, ents=tags)
    return doc, list(doc.ents)


def _apply(doc, ents):
    rulers.set_ents(doc, rulers.fix(doc, ents))
    return [(e.text, e.label_) for e in doc.ents]


def test_a_country_abbreviation_opens_no_persons_name():
    doc, ents = _doc("U.S. President Ada Morrow spoke .", [("U.S.", "GPE"), ("Ada Morrow", "PERSON")])
    assert _apply(doc, ents) == [("U.S.", "GPE"), ("Ada Morrow", "PERSON")]


def test_a_surname_in_an_all_caps_headline_is_the_person():
    doc, ents = _doc("CRICKET - BRENNAGH HITS CENTURY .\nTomas Brennagh batted all day .",
                     [("Tomas Brennagh", "PERSON")])
    doc.user_data["kg_cased"] = {2: "Brennagh", 3: "hits", 4: "century"}
    assert ("BRENNAGH", "PERSON") in _apply(doc, ents)


def test_sports_article_is_told_by_its_headline_or_its_words():
    doc, _ = _doc("Rowing - Kessel wins\nShe won .", [])
    assert sportsnames.sports_article(doc)
    doc, _ = _doc("Markets - shares fell\nTraders sold bonds before the golf final .", [])
    assert not sportsnames.sports_article(doc)


def test_towns_of_a_sports_article_are_its_teams_unless_used_as_places():
    text = ("Soccer - Leeds beat Velmar\nLeeds beat Velmar 2-1 in Leeds on Sunday .\n"
            "Velmar had won in Norway , and Norway beat Peru .")
    doc, ents = _doc(text, [("Leeds", "GPE"), ("Velmar", "GPE"), ("Leeds", "GPE"), ("Velmar", "GPE"),
                            ("Leeds", "GPE"), ("Velmar", "GPE"), ("Norway", "GPE"), ("Norway", "GPE"),
                            ("Peru", "GPE")])
    got = _apply(doc, ents)
    assert got.count(("Leeds", "ORG")) >= 2 and got.count(("Velmar", "ORG")) == 3
    assert got.count(("Norway", "GPE")) == 2 and ("Peru", "GPE") in got  # national teams stay places
    assert any(doc.text[a:b] == "Velmar" for a, b in doc.user_data["kg_teams"])


def test_a_team_named_after_its_town_is_one_organisation():
    doc, ents = _doc("Baseball - results\nThe Denver Comets beat the Velmar Owls 4-2 .",
                     [("Denver", "GPE"), ("Comets", "ORG"), ("Velmar", "GPE"), ("Owls", "NORP")])
    got = _apply(doc, ents)
    assert ("Denver Comets", "ORG") in got and ("Velmar Owls", "ORG") in got


def test_the_same_names_outside_sports_stay_places():
    doc, ents = _doc("Velmar beat the odds as Leeds grew .", [("Velmar", "GPE"), ("Leeds", "GPE")])
    assert _apply(doc, ents) == [("Velmar", "GPE"), ("Leeds", "GPE")]


def test_team_sheets_and_scorers_are_people():
    text = ("Soccer - Norway win\nNorway - 1 - Aksel Brevik , 2 - Tor Lundqvist ( 7 - Ola Dahlby 60th ) , "
            "3 - Sindre Moe\nScorer : Tor Lundqvist ( 31st )")
    doc, ents = _doc(text, [("Norway", "GPE"), ("Norway", "GPE"), ("Aksel Brevik", "ORG")])
    got = _apply(doc, ents)
    assert {("Aksel Brevik", "PERSON"), ("Tor Lundqvist", "PERSON"), ("Ola Dahlby", "PERSON"),
            ("Sindre Moe", "PERSON")} <= set(got)
    assert ("Norway", "GPE") in got


def test_a_riders_team_follows_his_country():
    doc, ents = _doc("1. Aksel Brevik ( Norway ) Velotrax 4:08:12\n2. Tor Lundqvist ( Sweden ) , Kestrel Honda , 55.21",
                     [("Aksel Brevik", "PERSON"), ("Norway", "GPE"), ("Tor Lundqvist", "PERSON"), ("Sweden", "GPE"),
                      ("Kestrel Honda", "PERSON")])
    got = _apply(doc, ents)
    assert ("Velotrax", "ORG") in got and ("Kestrel Honda", "ORG") in got
    assert ("Aksel Brevik", "PERSON") in got


def test_a_foreign_name_beside_a_bracketed_country_is_a_person():
    doc, ents = _doc("4. Oyelaran Badmus ( Nigeria ) 10.31", [("Oyelaran Badmus", "ORG"), ("Nigeria", "GPE")])
    assert ("Oyelaran Badmus", "PERSON") in _apply(doc, ents)


def test_a_given_name_and_an_unknown_name_tagged_place_is_a_person():
    doc, ents = _doc("The pass from Andreas Kolbitz was wasted .", [("Andreas Kolbitz", "GPE")])
    assert _apply(doc, ents) == [("Andreas Kolbitz", "PERSON")]


def test_sporting_events_are_no_organisations():
    doc, ents = _doc("She won the Velmar Open and the Kestrel Cup .", [("Velmar Open", "ORG"), ("Kestrel Cup", "GPE")])
    assert _apply(doc, ents) == [("Velmar Open", "EVENT"), ("Kestrel Cup", "EVENT")]


def test_a_family_name_written_first_stands_for_the_person():
    doc, ents = _doc("Police held Qiao Lianfeng on Friday . Qiao was jailed before .",
                     [("Qiao Lianfeng", "PERSON"), ("Qiao", "ORG")])
    assert ("Qiao", "PERSON") in _apply(doc, ents)


def test_an_acronym_defined_in_brackets_names_its_organisation_throughout():
    doc, ents = _doc("The Velmar Workers Union ( VWU ) struck . Later the VWU met .",
                     [("Velmar Workers Union", "ORG")])
    got = _apply(doc, ents)
    assert got.count(("VWU", "ORG")) == 2


def test_a_common_word_capitalised_by_its_position_is_no_name():
    doc, ents = _doc("Attendance : 2,000\nAutomakers petitioned Velmar .\nVelmar agreed .",
                     [("Attendance", "ORG"), ("Automakers", "ORG"), ("Velmar", "ORG"), ("Velmar", "ORG")])
    assert _apply(doc, ents) == [("Velmar", "ORG"), ("Velmar", "ORG")]


def test_a_word_that_never_stands_inside_a_name_splits_the_entity():
    doc, ents = _doc("They met Velmar at Headingley , and Lena Marsh and Ines Kessel played .",
                     [("Velmar at Headingley", "ORG"), ("Lena Marsh and Ines Kessel", "PERSON")])
    got = _apply(doc, ents)
    assert ("Velmar", "ORG") in got and ("Headingley", "ORG") in got
    assert ("Lena Marsh", "PERSON") in got and ("Ines Kessel", "PERSON") in got


def test_big_places_of_several_words_keep_their_capitals_on_caps_lines():
    doc, _ = _doc("DENVER AT KANSAS CITY", [])
    assert rulers._place_phrases(doc, 0, len(doc)) == {2: "Kansas", 3: "City"}


def test_a_cricket_scorecard_names_its_players():
    words = ["Tomas", "Brennagh", "c", "Okafor", "b", "Inzamam", "-", "ul", "-", "Rafiq", "41", "\n",
             "Bowling", ":", "Okafor", "10-1-42-2"]
    spaces = [True, True, True, True, True, False, False, False, False, True, False, False, False, True, True, False]
    doc = Doc(Vocab(), words=words, spaces=spaces, ents=["O"] * 14 + ["B-ORG", "O"])
    got = _apply(doc, list(doc.ents))
    assert {("Tomas Brennagh", "PERSON"), ("Inzamam-ul-Rafiq", "PERSON")} <= set(got)
    assert got.count(("Okafor", "PERSON")) == 2


def test_a_name_between_the_numbers_of_a_result_line_is_a_person():
    doc, ents = _doc("287 Ian Brennagh 70 76 71 70", [("287", "CARDINAL"), ("70 76", "DATE")])
    assert ("Ian Brennagh", "PERSON") in _apply(doc, ents)


def test_a_number_never_runs_across_a_line():
    doc, ents = _doc("Total 9\nT. Brennagh 13", [("9 \n T. Brennagh", "QUANTITY")])
    assert ("T. Brennagh", "PERSON") in _apply(doc, ents)


def test_a_known_organisation_cut_short_takes_the_rest_of_its_name():
    doc, ents = _doc("The U.N. Security Council met , and the U.N. Interim Force in Lebanon stayed .",
                     [("U.N.", "ORG"), ("U.N.", "ORG"), ("Lebanon", "GPE")])
    got = _apply(doc, ents)
    assert ("U.N. Security Council", "ORG") in got and ("U.N. Interim Force in Lebanon", "ORG") in got


def test_a_leading_article_and_month_leave_a_name():
    doc, ents = _doc("The September Velmar future fell .", [("The September Velmar", "ORG")])
    assert _apply(doc, ents) == [("Velmar", "ORG")]


def test_an_organisation_that_reads_as_a_persons_name_is_a_person():
    doc, ents = _doc("A pass from Dirk Brennagh found Velmar Bros and Johnson Controls .",
                     [("Dirk Brennagh", "ORG"), ("Velmar Bros", "ORG"), ("Johnson Controls", "ORG")])
    assert _apply(doc, ents) == [("Dirk Brennagh", "PERSON"), ("Velmar Bros", "ORG"), ("Johnson Controls", "ORG")]


def test_a_nickname_after_the_is_a_team_in_a_sports_article():
    doc, ents = _doc("Baseball - results\nThe Owls blanked the Comets 4-0 , and the Netherlands watched .",
                     [("Netherlands", "GPE")])
    got = _apply(doc, ents)
    assert ("Comets", "ORG") in got and ("Netherlands", "GPE") in got


def test_words_ending_in_a_company_suffix_are_one_organisation():
    doc, ents = _doc("Shares of Velmar Tool Corp rose .", [("Velmar", "GPE")])
    assert _apply(doc, ents) == [("Velmar Tool Corp", "ORG")]
