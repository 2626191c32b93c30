"""Tests for kg.extractors.statements: who said what.

Most tests run the real pinned model on sentences written for these tests; the
hand-built ``Doc`` tests fix the parse so that they exercise the rules alone.
"""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from kg.extractors.statements import find_quotes, statements
from kg.facts import Actor, Span


def _text(doc, span):
    return doc.text[span.start:span.end]


def _actor(text, name, type_="Person", key=None, surface=None):
    """An Actor with one mention per occurrence of ``surface`` (default: ``name``)."""
    surface = surface or name
    mentions, i = [], text.find(surface)
    while i >= 0:
        mentions.append(Span(i, i + len(surface)))
        i = text.find(surface, i + 1)
    return Actor(key=key or name.lower(), name=name, type=type_, mentions=tuple(mentions))


def _doc(nlp, words, spaces, heads, deps, pos, lemmas):
    return Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos,
               lemmas=lemmas)


# --------------------------------------------------------------------------- quotations

def test_find_quotes_straight_and_curly():
    text = 'He said "we will stay" and then \u201cwe will go.\u201d'
    assert [text[s:e] for s, e in find_quotes(text)] == ['"we will stay"',
                                                          "\u201cwe will go.\u201d"]


def test_find_quotes_keeps_a_differently_marked_inner_quote():
    text = '"They called it \u201ca farce,\u201d and left," she said.'
    assert [text[s:e] for s, e in find_quotes(text)] == [
        '"They called it \u201ca farce,\u201d and left,"']


def test_find_quotes_runs_across_paragraphs():
    text = '"The first part ends here.\n\n"The second part ends," he said.\n\nNo quote.'
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert text[quotes[0].start:quotes[0].end] == (
        '"The first part ends here.\n\n"The second part ends,"')


def test_find_quotes_unclosed_quote_ends_with_its_paragraph():
    text = '"An unclosed quote.\nA plain paragraph.'
    assert [text[s:e] for s, e in find_quotes(text)] == ['"An unclosed quote.']


# --------------------------------------------------------------------------- hand-built parses

def test_hand_parse_indirect_speech_takes_ccomp_and_nsubj(nlp):
    words = ["Officials", "said", "the", "road", "was", "closed", "."]
    doc = _doc(nlp, words, [True] * 5 + [False, False],
               heads=[1, 1, 3, 5, 5, 1, 1],
               deps=["nsubj", "ROOT", "det", "nsubjpass", "auxpass", "ccomp", "punct"],
               pos=["NOUN", "VERB", "DET", "NOUN", "AUX", "VERB", "PUNCT"],
               lemmas=["official", "say", "the", "road", "be", "close", "."])
    [s] = statements(doc)
    assert (s.id, s.cue, s.direct, s.speaker) == ("s1", "said", False, None)
    assert _text(doc, s.cue_span) == "said"
    assert _text(doc, s.content_span) == "the road was closed"
    assert _text(doc, s.speaker_span) == "Officials"


def test_hand_parse_quote_then_inverted_said(nlp):
    words = ['"', "We", "won", ",", '"', "said", "Smith", "."]
    doc = _doc(nlp, words, [False, True, False, False, True, True, False, False],
               heads=[2, 2, 5, 2, 5, 5, 5, 5],
               deps=["punct", "nsubj", "ccomp", "punct", "punct", "ROOT", "nsubj", "punct"],
               pos=["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "VERB", "PROPN", "PUNCT"],
               lemmas=['"', "we", "win", ",", '"', "say", "Smith", "."])
    assert doc.text == '"We won," said Smith.'
    smith = _actor(doc.text, "Smith")
    [s] = statements(doc, [smith])
    assert s.direct is True
    assert _text(doc, s.content_span) == '"We won,"'
    assert s.speaker == "smith" and _text(doc, s.speaker_span) == "Smith"


def test_hand_parse_parenthetical_cue_in_mid_sentence(nlp):
    words = ["The", "plan", ",", "he", "said", ",", "will", "fail", "."]
    doc = _doc(nlp, words, [True, False, True, True, False, True, True, False, False],
               heads=[1, 7, 4, 4, 7, 4, 7, 7, 7],
               deps=["det", "nsubj", "punct", "nsubj", "parataxis", "punct", "aux", "ROOT",
                     "punct"],
               pos=["DET", "NOUN", "PUNCT", "PRON", "VERB", "PUNCT", "AUX", "VERB", "PUNCT"],
               lemmas=["the", "plan", ",", "he", "say", ",", "will", "fail", "."])
    [s] = statements(doc)
    assert s.cue == "said" and not s.direct
    assert _text(doc, s.speaker_span) == "he"
    assert s.speaker is None                       # no Person to resolve "he" to
    assert _text(doc, s.content_span).startswith("The plan")
    assert _text(doc, s.content_span).endswith("will fail")


# --------------------------------------------------------------------------- real model

def test_direct_quote_with_trailing_said_title_and_surname(nlp):
    text = '"The bridge will reopen next week," said Mr Okafor.'
    doc = nlp(text)
    okafor = _actor(text, "Okafor")
    [s] = statements(doc, [okafor])
    assert s.direct and s.cue == "said"
    assert _text(doc, s.content_span) == '"The bridge will reopen next week,"'
    assert _text(doc, s.speaker_span) == "Mr Okafor"
    assert s.speaker == "okafor"
    assert s.date is None


def test_speaker_said_colon_then_quote(nlp):
    text = 'The mayor said: "We will rebuild the market before winter."'
    doc = nlp(text)
    [s] = statements(doc)
    assert s.direct and s.cue == "said"
    assert _text(doc, s.content_span) == '"We will rebuild the market before winter."'
    assert _text(doc, s.speaker_span) == "mayor"


def test_curly_quote_with_speaker_before_verb(nlp):
    text = "\u201cThe harvest was poor this year,\u201d the farmer told reporters."
    doc = nlp(text)
    [s] = statements(doc)
    assert s.direct and s.cue == "told"
    assert _text(doc, s.content_span) == "\u201cThe harvest was poor this year,\u201d"
    assert _text(doc, s.speaker_span) == "farmer"


def test_indirect_said_that_covers_the_whole_clause(nlp):
    text = "Maria Santos said that the clinic would close in March because funds ran out."
    doc = nlp(text)
    santos = _actor(text, "Maria Santos")
    [s] = statements(doc, [santos])
    assert not s.direct
    assert _text(doc, s.content_span) == (
        "that the clinic would close in March because funds ran out")
    assert s.speaker == "maria santos"
    assert _text(doc, s.speaker_span) == "Maria Santos"


def test_reporting_verbs_beyond_said(nlp):
    text = "The agency warned that food prices would rise sharply."
    doc = nlp(text)
    [s] = statements(doc)
    assert s.cue == "warned"
    assert _text(doc, s.content_span) == "that food prices would rise sharply"


def test_according_to(nlp):
    text = "According to the ministry, forty people were injured in the blast."
    doc = nlp(text)
    ministry = _actor(text, "the ministry", type_="Organization", key="ministry")
    [s] = statements(doc, [ministry])
    assert s.cue == "According to"
    assert _text(doc, s.cue_span) == "According to"
    assert _text(doc, s.content_span) == "forty people were injured in the blast"
    assert s.speaker == "ministry"
    assert _text(doc, s.speaker_span) in ("ministry", "the ministry")


def test_pronoun_speaker_resolves_to_last_person(nlp):
    text = ("Anna Lopez visited the camp on Monday with the Red Cross. "
            "She said the shelters were already full.")
    doc = nlp(text)
    actors = [_actor(text, "Anna Lopez"),
              _actor(text, "the Red Cross", type_="Organization", key="red cross")]
    [s] = statements(doc, actors)
    assert _text(doc, s.speaker_span) == "She"
    assert s.speaker == "anna lopez"
    assert _text(doc, s.content_span) == "the shelters were already full"


def test_surname_speaker_matches_actor_with_that_mention(nlp):
    text = ("Peter Novak leads the union. "
            "Mr Novak said the strike would continue until Friday.")
    doc = nlp(text)
    novak = Actor("peter novak", "Peter Novak", "Person",
                  (Span(0, 11), Span(text.index("Novak said"), text.index("Novak said") + 5)))
    [s] = statements(doc, [novak])
    assert _text(doc, s.speaker_span) == "Mr Novak"
    assert s.speaker == "peter novak"


def test_quote_across_two_paragraphs_is_one_statement(nlp):
    text = ('The minister spoke for an hour.\n\n'
            '"We have rebuilt every school in the valley.\n\n'
            '"Next year we will rebuild the hospitals," she said.')
    doc = nlp(text)
    minister = [s for s in statements(doc) if s.direct]
    assert len(minister) == 1
    s = minister[0]
    assert _text(doc, s.content_span) == (
        '"We have rebuilt every school in the valley.\n\n'
        '"Next year we will rebuild the hospitals,"')
    assert _text(doc, s.speaker_span) == "she"


def test_split_quote_around_cue_is_one_statement(nlp):
    text = '"The water is safe," Dr Ito said, "but people should boil it for a week."'
    doc = nlp(text)
    [s] = statements(doc)
    assert s.direct
    assert s.content_span == Span(0, len(text))
    assert _text(doc, s.speaker_span) == "Dr Ito"


def test_cue_verbs_inside_a_quote_are_not_separate_statements(nlp):
    text = '"I think the worst is over and we believe the talks will work," said Ms Berg.'
    doc = nlp(text)
    result = statements(doc)
    assert [s.cue for s in result] == ["said"]
    assert result[0].direct


def test_no_statement_without_a_cue(nlp):
    doc = nlp("The bridge was closed for repairs on Monday after heavy rain.")
    assert statements(doc) == []


def test_ids_follow_text_order(nlp):
    text = ("The governor said the roads were open. "
            '"Schools reopen on Monday," the minister added.')
    doc = nlp(text)
    result = statements(doc)
    assert [s.id for s in result] == ["s1", "s2"]
    assert [s.cue for s in result] == ["said", "added"]
    assert [s.direct for s in result] == [False, True]
    assert result[0].cue_span.start < result[1].cue_span.start


@pytest.mark.parametrize("text", [
    "Ministers hope to agree on a budget.",
    "The river rose by two metres overnight.",
])
def test_plain_sentences_yield_no_direct_statement(nlp, text):
    assert not any(s.direct for s in statements(nlp(text)))


# --------------------------------------------------------------------------- rules added for issue 3

def test_find_quotes_paragraph_opening_with_a_closing_mark(nlp):
    text = "\u201dThe bridge will reopen in May.\u201d \u2015 Ella Moss\n"
    assert [text[s:e] for s, e in find_quotes(text)] == [
        "\u201dThe bridge will reopen in May.\u201d"]


def test_hand_parse_passive_cue_with_agent(nlp):
    words = ["The", "budget", "was", "criticised", "by", "farmers", "."]
    doc = _doc(nlp, words, [True] * 5 + [False, False],
               heads=[1, 3, 3, 3, 3, 4, 3],
               deps=["det", "nsubjpass", "auxpass", "ROOT", "agent", "pobj", "punct"],
               pos=["DET", "NOUN", "AUX", "VERB", "ADP", "NOUN", "PUNCT"],
               lemmas=["the", "budget", "be", "criticise", "by", "farmer", "."])
    [s] = statements(doc)
    assert s.cue == "criticised"
    assert _text(doc, s.content_span) == "The budget"
    assert _text(doc, s.speaker_span) == "farmers"


def test_hand_parse_passive_without_agent_is_no_statement(nlp):
    words = ["The", "report", "was", "released", "."]
    doc = _doc(nlp, words, [True, True, True, False, False],
               heads=[1, 3, 3, 3, 3],
               deps=["det", "nsubjpass", "auxpass", "ROOT", "punct"],
               pos=["DET", "NOUN", "AUX", "VERB", "PUNCT"],
               lemmas=["the", "report", "be", "release", "."])
    assert statements(doc) == []


def test_hand_parse_verb_inside_a_reported_clause_is_not_a_second_statement(nlp):
    # "Kim said she plans to run": one attribution, "plans" is part of what was said.
    words = ["Kim", "said", "she", "plans", "to", "run", "."]
    doc = _doc(nlp, words, [True] * 5 + [False, False],
               heads=[1, 1, 3, 1, 5, 3, 1],
               deps=["nsubj", "ROOT", "nsubj", "ccomp", "aux", "xcomp", "punct"],
               pos=["PROPN", "VERB", "PRON", "VERB", "PART", "VERB", "PUNCT"],
               lemmas=["Kim", "say", "she", "plan", "to", "run", "."])
    [s] = statements(doc)
    assert s.cue == "said"
    assert _text(doc, s.content_span) == "she plans to run"


def test_hand_parse_noun_cue_with_possessor_and_that_clause(nlp):
    words = ["They", "doubted", "Hale", "'s", "claim", "that", "the", "dam", "leaks", "."]
    doc = _doc(nlp, words, [True, True, False, True, True, True, True, True, False, False],
               heads=[1, 1, 4, 2, 1, 8, 7, 8, 4, 1],
               deps=["nsubj", "ROOT", "poss", "case", "dobj", "mark", "det", "nsubj", "acl",
                     "punct"],
               pos=["PRON", "VERB", "PROPN", "PART", "NOUN", "SCONJ", "DET", "NOUN", "VERB",
                    "PUNCT"],
               lemmas=["they", "doubt", "Hale", "'s", "claim", "that", "the", "dam", "leak", "."])
    [s] = statements(doc)
    assert (s.cue, s.direct) == ("claim", False)
    assert _text(doc, s.content_span) == "that the dam leaks"
    assert _text(doc, s.speaker_span) == "Hale"


def test_noun_cue_needs_a_that_clause_not_a_relative_clause(nlp):
    text = "The claim that he made on Monday was repeated by nobody."
    doc = nlp(text)
    assert all(s.cue != "claim" for s in statements(doc))


def test_headline_verb_tagged_as_a_noun(nlp):
    text = "Farmers Slam Water Tax As A Threat To Small Growers\n\nThe tax starts in June."
    doc = nlp(text)
    [s] = [s for s in statements(doc) if s.cue_span.start < text.index("\n")]
    assert s.cue == "Slam"
    assert _text(doc, s.speaker_span) == "Farmers"
    assert _text(doc, s.content_span) == "Water Tax As A Threat To Small Growers"


def test_headline_rule_skips_a_long_first_paragraph(nlp):
    text = ("The United Nations Commission reports came late. The board met on Monday and "
            "agreed to meet again.")
    doc = nlp(text)
    assert all(s.cue != "reports" for s in statements(doc))


def test_headline_label_with_colon(nlp):
    text = "Survey: Most Commuters Want Later Trains\n\nA survey of 900 riders found support."
    doc = nlp(text)
    heads = [s for s in statements(doc) if s.cue_span.start < text.index("\n")]
    assert [(s.cue, _text(doc, s.speaker_span)) for s in heads] == [(":", "Survey")]


def test_lemma_that_lost_its_e_still_matches_the_cue(nlp):
    text = "Ms Grant hopes the council will approve the plan."
    doc = nlp(text)
    [s] = statements(doc)
    assert s.cue == "hopes"
    assert _text(doc, s.content_span) == "the council will approve the plan"


def test_appositive_name_is_the_speaker(nlp):
    text = ("The regional director for the agency in the north, Sara Lind, told reporters "
            "that the roads were closed.")
    doc = nlp(text)
    [s] = [s for s in statements(doc) if s.cue == "told"]
    assert _text(doc, s.speaker_span) == "Sara Lind"


def test_pronoun_prefers_previous_speaker_over_a_later_place_typed_person(nlp):
    text = ('"The wells are dry," said Omar Haddad, the mayor of Dalia district. '
            "He said at least 300 families had left.")
    doc = nlp(text)
    haddad = _actor(text, "Omar Haddad")
    dalia = _actor(text, "Dalia", key="dalia")          # an NER slip: a place as a Person
    ss = statements(doc, [haddad, dalia])
    assert [s.speaker for s in ss] == ["omar haddad", "omar haddad"]


def test_pronoun_never_resolves_to_a_place_like_mention(nlp):
    text = ("Reporters met the governor of Dalia on Sunday. "
            "She said the bridge would reopen.")
    doc = nlp(text)
    dalia = _actor(text, "Dalia", key="dalia")
    [s] = statements(doc, [dalia])
    assert s.speaker is None
