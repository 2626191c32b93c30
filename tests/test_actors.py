from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.extractors.actors import actors, slug, wikidata


def _doc(words, ents, heads=None, deps=None):
    return Doc(Vocab(), words=words, ents=ents, heads=heads, deps=deps)


def test_aliases_of_a_known_group_merge_into_one_actor():
    doc = _doc(["Daesh", "fled", ".", "ISIS", "lost", "and", "the", "Islamic", "State", "regrouped", "."],
               ["B-ORG", "O", "O", "B-ORG", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O", "O"])
    [isis] = actors(doc)
    assert (isis.key, isis.type, isis.name) == ("isis", "Group", "Islamic State")
    # "the" is not part of the mention
    assert [doc.text[s.start:s.end] for s in isis.mentions] == ["Daesh", "ISIS", "Islamic State"]
    assert wikidata("isis") == "Q2429253"


def test_surname_and_title_join_the_full_name():
    doc = _doc(["Lena", "Marsh", "spoke", ".", "Mr", "Okafor", "and", "Ms", "Marsh", "left", "."],
               ["B-PERSON", "I-PERSON", "O", "O", "O", "B-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O"])
    got = {a.key: [doc.text[s.start:s.end] for s in a.mentions] for a in actors(doc)}
    assert got == {"person:lena-marsh": ["Lena Marsh", "Ms Marsh"], "person:okafor": ["Okafor"]}


def test_acronym_joins_the_organisation_it_abbreviates():
    doc = _doc(["The", "Northern", "Relief", "Agency", "said", "NRA", "staff", "left", "."],
               ["O", "B-ORG", "I-ORG", "I-ORG", "O", "B-ORG", "O", "O", "O"])
    [org] = actors(doc)
    assert org.key == "org:northern-relief-agency" and len(org.mentions) == 2 and org.aliases == ("NRA",)


def test_country_is_an_actor_only_when_it_acts():
    # "Chile said" (subject) makes Chile an actor; "in Peru" (a place) does not make Peru one.
    words = ["Chile", "said", "troops", "stayed", "in", "Peru", "."]
    heads = [1, 1, 3, 1, 3, 4, 1]
    deps = ["nsubj", "ROOT", "nsubj", "ccomp", "prep", "pobj", "punct"]
    doc = _doc(words, ["B-GPE", "O", "O", "O", "O", "B-GPE", "O"], heads, deps)
    assert [(a.key, a.type) for a in actors(doc)] == [("country:chile", "Country")]


def test_town_that_acts_in_the_grammar_is_a_place_not_a_state_actor():
    # "Baghouz fell": a village as the subject is no government; "Texas sued" is a state
    words = ["Baghouz", "fell", "and", "Texas", "sued", "."]
    heads = [1, 1, 1, 4, 1, 1]
    deps = ["nsubj", "ROOT", "cc", "nsubj", "conj", "punct"]
    doc = _doc(words, ["B-GPE", "O", "O", "B-GPE", "O", "O"], heads, deps)
    assert [(a.key, a.type) for a in actors(doc)] == [("country:texas", "Country")]


def test_a_capital_acts_as_a_state_only_when_the_alias_table_lists_it():
    # "London won" (a sports or business story) is the city; "Damascus said" is Syria's government
    words = ["London", "won", "and", "Damascus", "said", "no", "."]
    heads = [1, 1, 1, 4, 1, 4, 1]
    deps = ["nsubj", "ROOT", "cc", "nsubj", "conj", "dobj", "punct"]
    doc = _doc(words, ["B-GPE", "O", "O", "B-GPE", "O", "O", "O"], heads, deps)
    assert [(a.key, a.type) for a in actors(doc)] == [("country:damascus", "Country")]  # kg.resolve: → Syria


def test_known_country_actor_uses_the_shared_key():
    words = ["The", "US", "said", "no", "."]
    doc = _doc(words, ["O", "B-GPE", "O", "O", "O"], [1, 2, 2, 2, 2], ["det", "nsubj", "ROOT", "dobj", "punct"])
    assert [(a.key, a.type) for a in actors(doc)] == [("us", "Country")]


def test_demonyms_are_not_actors():
    doc = _doc(["Syrian", "troops", "moved", "."], ["B-NORP", "O", "O", "O"])
    assert actors(doc) == []


def test_same_name_gives_same_key_in_any_article(nlp):
    a = actors(nlp("Envoy Rosa Delgado arrived in Lima on Monday."))
    b = actors(nlp("Critics said Rosa Delgado had misled them."))
    assert {x.key for x in a if x.type == "Person"} == {x.key for x in b if x.type == "Person"} == {"person:rosa-delgado"}


def test_slug_is_ascii_and_stable():
    assert slug("Zoë  Ní Bhriain!") == "zoe-ni-bhriain"
    assert slug("???") == "x"


# -- the kg_news rules (kg/extractors/rulers.py), on hand-built Docs --------------------------------

from kg.extractors import rulers  # noqa: E402


def _ents(words, ents, spaces=None):
    doc = Doc(Vocab(), words=words, spaces=spaces, ents=ents)
    return doc, list(doc.ents)


def _apply(doc, ents):
    rulers.set_ents(doc, rulers.fix(doc, ents))
    return [(e.text, e.label_) for e in doc.ents]


def test_entities_split_at_brackets_numbers_and_trim_lowercase_words():
    words = ["Tomas", "Brenner", "(", "Austria", ")", "12.5", "and", "Sarnia", "Tools", "shares", "rose", "."]
    doc, ents = _ents(words, ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O", "O"])
    got = _apply(doc, ents)
    # the country in brackets is a place; the name before it a person (a given name opens it)
    assert ("Tomas Brenner", "PERSON") in got and ("Austria", "GPE") in got
    assert ("Sarnia Tools", "ORG") in got


def test_leading_article_and_month_trimmed_but_name_particles_kept():
    words = ["In", "March", "Kestrel", "Bank", "met", "al", "-", "Harun", "and", "de", "Souza", "."]
    doc, ents = _ents(words, ["O", "B-ORG", "I-ORG", "I-ORG", "O", "B-ORG", "I-ORG", "I-ORG", "O",
                              "B-PERSON", "I-PERSON", "O"], spaces=[True, True, True, True, True, False, False,
                                                                    True, True, True, True, False])
    got = _apply(doc, ents)
    assert ("Kestrel Bank", "ORG") in got and ("al-Harun", "ORG") in got and ("de Souza", "PERSON") in got


def test_initial_and_surname_is_a_person():
    words = ["Ledbury", "210", "(", "K.", "Oduya", "54", ",", "R.J.", "Pellow", "31", ")"]
    doc, ents = _ents(words, ["O"] * len(words))
    got = _apply(doc, ents)
    assert ("K. Oduya", "PERSON") in got and ("R.J. Pellow", "PERSON") in got


def test_dateline_opens_with_a_place():
    words = ["TORVIK", ",", "Norway", "2003-05-11", "\n", "Prices", "fell", "."]
    doc, ents = _ents(words, ["B-ORG", "O", "O", "B-DATE", "O", "O", "O", "O"],
                      spaces=[False, True, True, False, False, True, False, False])
    got = _apply(doc, ents)
    assert ("TORVIK", "GPE") in got and ("Norway", "GPE") in got


def test_result_lines_name_teams_and_countries_stay_places():
    words = ["Harwick", "3", "Dunmore", "Athletic", "1", "\n", "Peru", "2", "Chile", "2", "\n",
             "Harwick", "4", "3", "1", "0", "9", "2", "10"]
    doc, ents = _ents(words, ["B-GPE", "O", "B-PERSON", "I-PERSON", "O", "O", "B-GPE", "O", "B-GPE", "O", "O",
                              "B-GPE", "O", "O", "O", "O", "O", "O", "O"],
                      spaces=[True, True, True, True, False, False, True, True, True, False, False] + [True] * 8)
    got = _apply(doc, ents)
    assert got.count(("Harwick", "ORG")) == 2 and ("Dunmore Athletic", "ORG") in got
    assert ("Peru", "GPE") in got and ("Chile", "GPE") in got


def test_fixture_and_beat_name_teams_but_not_people():
    words = ["Harwick", "v", "Dunmore", "\n", "Lorna", "Kessel", "beat", "Ines", "Marr", "6-3", "6-2"]
    doc, ents = _ents(words, ["B-GPE", "O", "B-GPE", "O", "B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON",
                              "O", "O"], spaces=[True, True, False, False] + [True] * 7)
    got = _apply(doc, ents)
    assert ("Harwick", "ORG") in got and ("Dunmore", "ORG") in got
    assert ("Lorna Kessel", "PERSON") in got and ("Ines Marr", "PERSON") in got


def test_one_sense_per_article_surname_and_recurring_name():
    words = ["Jonas", "Tervo", "joined", "Velmar", ".", "Tervo", "said", "Velmar", "grew", "."]
    doc, ents = _ents(words, ["B-PERSON", "I-PERSON", "O", "B-ORG", "O", "B-GPE", "O", "O", "O", "O"])
    got = _apply(doc, ents)
    assert got == [("Jonas Tervo", "PERSON"), ("Velmar", "ORG"), ("Tervo", "PERSON"), ("Velmar", "ORG")]


def test_headline_topic_slug_is_no_entity():
    words = ["Rowing", "-", "Kessel", "wins", "\n", "Women", "'s", "800", "metres"]
    doc, ents = _ents(words, ["B-ORG", "O", "B-PERSON", "O", "O", "B-ORG", "O", "O", "O"],
                      spaces=[True, True, True, False, False, False, True, True, False])
    assert _apply(doc, ents) == [("Kessel", "PERSON")]


def test_truecasing_uses_the_article_then_the_dictionary():
    forms = {"velmar": __import__("collections").Counter({"Velmar": 3})}
    is_word = lambda w: w.lower() in {"profit", "rise", "beat"}  # noqa: E731
    assert [rulers.truecase(w, forms, is_word, i == 0) for i, w in enumerate(["VELMAR", "PROFIT", "RISE", "NORWAY",
                                                                              "KRAVETZ", "KDP"])] \
        == ["Velmar", "profit", "rise", "Norway", "Kravetz", "KDP"]


def test_all_caps_headline_is_reparsed_truecased(nlp):
    doc = nlp("FRANCE AND NORWAY SIGN FISHING DEAL IN OSLO .\nFrance and Norway signed a deal in Oslo on Monday .")
    got = {(e.text, e.label_) for e in doc.ents}
    assert {("FRANCE", "GPE"), ("NORWAY", "GPE"), ("OSLO", "GPE")} <= got
    assert len(doc.text) == len(doc.text)  # offsets are the original text's


_AMBIGUOUS = """
from spacy.tokens import Doc
from spacy.vocab import Vocab
from kg.extractors.actors import actors
words = ["Chelsea", "Clinton", "spoke", ".", "Hillary", "Clinton", "and", "Hillary", "Clinton", "met", ".",
         "Clinton", "left", "."]
ents = ["B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O",
        "B-PERSON", "O", "O"]
doc = Doc(Vocab(), words=words, ents=ents)
print(next(a.key for a in actors(doc) if any(doc.text[s.start:s.end] == "Clinton" for s in a.mentions)))
"""


def test_an_ambiguous_surname_joins_the_full_name_named_most_whatever_the_hash_seed():
    import os
    import subprocess
    import sys
    got = set()
    for seed in range(4):  # set order follows the string hash seed: the choice must not
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        got.add(subprocess.run([sys.executable, "-c", _AMBIGUOUS], env=env, capture_output=True, text=True,
                               check=True).stdout.strip())
    assert got == {"person:hillary-clinton"}


def test_a_party_the_model_calls_a_person_takes_its_type_from_the_alias_table():
    doc = _doc(["The", "Lib", "Dems", "and", "the", "Tories", "voted", "."],
               ["O", "B-PERSON", "I-PERSON", "O", "O", "B-NORP", "O", "O"])
    assert [(a.key, a.type, a.name) for a in actors(doc)] == [
        ("liberal-democrats-uk", "Organization", "Liberal Democrats"),
        ("conservative-party-uk", "Organization", "Conservative Party")]
    assert wikidata("liberal-democrats-uk") == "Q9624"
