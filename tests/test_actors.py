from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.extract.actors import actors, slug, wikidata


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
