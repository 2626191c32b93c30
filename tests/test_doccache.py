"""The per-doc cache: built once, shared by the extractors, dropped after extraction."""
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.extractors import doccache


def _doc():
    return Doc(Vocab(), words=["Ms", "Ode", "went", "to", "Lagos", "."],
               ents=["O", "B-PERSON", "O", "O", "B-GPE", "O"])


def test_built_once_and_same_as_the_doc():
    doc = _doc()
    assert doccache.tokens(doc) is doccache.tokens(doc)
    assert [t.i for t in doccache.tokens(doc)] == [t.i for t in doc]
    assert doccache.words(doc) == [t.text for t in doc]
    assert [(e.start, e.end, e.label_) for e in doccache.ents(doc)] == \
        [(e.start, e.end, e.label_) for e in doc.ents]
    assert [None if e is None else e.text for e in map(lambda i: doccache.ent_at(doc, i), range(len(doc)))] == \
        [None, "Ode", None, None, "Lagos", None]


def test_per_doc_computes_once_per_doc_and_release_drops_it():
    calls = []

    @doccache.per_doc
    def count(doc):
        calls.append(1)
        return len(doc)

    a, b = _doc(), _doc()
    assert (count(a), count(a), count(b)) == (6, 6, 6)
    assert len(calls) == 2
    doccache.release(a)
    count(a)
    assert len(calls) == 3
    assert "kg_cache" not in _doc().user_data


def test_extraction_leaves_no_cache_on_the_doc():
    from kg import nlp
    from kg.facts import Article
    from kg.pipeline import extract_doc
    text = "Ms Ode said 40 people left Lagos on Monday."
    doc = next(nlp.parse([text]))
    facts = extract_doc(Article(id="c1", text=text), doc)
    assert facts.statements and "kg_cache" not in doc.user_data


def test_where_finds_the_tokens_of_an_attribute_value():
    from spacy.lang.en import English
    doc = Doc(English().vocab, words=["She", "said", "it", "was", "Put", "away", "as", "she", "SAID"],
              pos=["PRON", "VERB", "PRON", "AUX", "VERB", "ADV", "ADP", "PRON", "VERB"],
              lemmas=["she", "say", "it", "be", "Put", "away", "as", "she", "say"])
    assert doccache.where(doc, "pos", "VERB") == [1, 4, 8]
    assert doccache.where(doc, "lower", "said", "she") == [0, 1, 7, 8]
    assert doccache.where(doc, "lemma", "put", "Put") == [4]
    assert doccache.where(doc, "lemma", "gone") == []
    assert doccache.where(Doc(English().vocab, words=[]), "pos", "VERB") == []


def test_capitalised_tokens():
    doc = Doc(Vocab(), words=["Ms", "ode", "went", "to", "LAGOS", "'s", "Éze", "5"])
    assert doccache.capitalised(doc) == [0, 4, 6]
