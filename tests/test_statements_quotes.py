"""Tests for the quotation rules of kg.extractors.statements: mixed marks, mixed quotes,
quotes tied to the cue next to them.

Texts are short sentences written for these tests; the hand-built ``Doc`` tests fix the
parse so that they exercise the rules alone.
"""
from __future__ import annotations

from spacy.tokens import Doc

from kg.extractors.statements import find_quotes, statements


def _text(doc, span):
    return doc.text[span.start:span.end]


# --------------------------------------------------------------------------- mixed marks

def test_curly_opening_mark_closed_by_a_straight_one():
    text = '\u201cWe are done," the coach said, calling the season "a mess."'
    assert [text[s:e] for s, e in find_quotes(text)] == [
        '\u201cWe are done,"', '"a mess."']


def test_straight_opening_mark_closed_by_a_curly_one():
    text = 'She found "no trace\u201d of it and \u201cnothing else.\u201d'
    assert [text[s:e] for s, e in find_quotes(text)] == [
        '"no trace\u201d', '\u201cnothing else.\u201d']


def test_paired_straight_marks_inside_an_open_curly_quote_stay_inner():
    # An even number of straight marks pairs among itself: the curly quote runs on.
    text = '\u201cThey call it "the plan" and laugh.\n\n\u201cNobody believes it,\u201d he said.'
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert text[quotes[0].start:quotes[0].end].endswith('believes it,\u201d')


# --------------------------------------------------------------------------- cue after quote

def test_abbreviations_between_quote_and_cue_do_not_end_the_sentence(nlp):
    text = ('"She would be a fine judge. Not good, great. One of the best minds in the state,"'
            ' Rep. Ann K. Ruiz (D-Ore.) said in a phone call.')
    doc = nlp(text)
    [s] = [s for s in statements(doc) if s.direct]
    assert s.cue == "said"
    assert _text(doc, s.content_span) == text[:text.index(" Rep.")]
    # The parse takes "One" inside the quotation for the subject; the name after it is.
    assert _text(doc, s.speaker_span) == "Rep. Ann K. Ruiz"


def test_hand_parse_quoted_cue_nested_under_a_later_verb_is_kept(nlp):
    # '"Why?" she said, but Ann said no.' with the first "said" parsed as the complement
    # of the second: the quotation still has its own attribution.
    words = ['"', "Why", "?", '"', "she", "said", ",", "but", "Ann", "said", "no", "."]
    spaces = [False, False, False, True, True, False, True, True, True, True, False, False]
    doc = Doc(nlp.vocab, words=words, spaces=spaces,
              heads=[1, 1, 1, 1, 5, 9, 9, 9, 9, 9, 9, 9],
              deps=["punct", "ROOT", "punct", "punct", "nsubj", "ccomp", "punct", "cc",
                    "nsubj", "ROOT", "dobj", "punct"],
              pos=["PUNCT", "ADV", "PUNCT", "PUNCT", "PRON", "VERB", "PUNCT", "CCONJ",
                   "PROPN", "VERB", "INTJ", "PUNCT"],
              lemmas=['"', "why", "?", '"', "she", "say", ",", "but", "Ann", "say", "no", "."])
    direct = [s for s in statements(doc) if s.direct]
    assert [(s.cue, _text(doc, s.content_span)) for s in direct] == [("said", '"Why?"')]
    assert _text(doc, direct[0].speaker_span) == "she"


# --------------------------------------------------------------------------- joining quotes

def test_quote_after_a_clause_of_narration_is_not_joined(nlp):
    text = '"We will appeal," the lawyer said, while fans outside waved "no surrender" banners.'
    doc = nlp(text)
    [s] = [s for s in statements(doc) if s.direct]
    assert _text(doc, s.content_span) == '"We will appeal,"'


def test_quote_after_the_cue_sentence_is_joined(nlp):
    text = '"We will appeal," the lawyer said. "The verdict is wrong."'
    doc = nlp(text)
    [s] = statements(doc)
    assert _text(doc, s.content_span) == text


# --------------------------------------------------------------------------- mixed quotes

def test_reported_clause_reaches_the_quote_that_ends_the_sentence(nlp):
    text = 'She blasted the press for being "totally dishonest."'
    doc = nlp(text)
    [s] = statements(doc)
    assert s.direct
    assert _text(doc, s.content_span) == 'the press for being "totally dishonest."'


def test_reported_clause_does_not_reach_a_quote_after_a_participle(nlp):
    text = 'The mayor welcomed the guests to the hall, singing "Our Town."'
    doc = nlp(text)
    assert not any(s.direct for s in statements(doc))


# --------------------------------------------------------------------------- cues next to quotes

def test_sentence_opening_said_with_the_name_after_it(nlp):
    text = 'Most voters want lower taxes. Said Novak: "Nobody here trusts the plan."'
    doc = nlp(text)
    [s] = [s for s in statements(doc) if s.direct]
    assert s.cue == "Said"
    assert _text(doc, s.content_span) == '"Nobody here trusts the plan."'
    assert _text(doc, s.speaker_span) == "Novak"


def test_quote_right_after_the_verb_is_its_object(nlp):
    text = 'The fans waited outside. They chanted "No curfew!" and stayed until dawn.'
    doc = nlp(text)
    [s] = [s for s in statements(doc) if s.direct]
    assert s.cue == "chanted"
    assert _text(doc, s.content_span) == '"No curfew!"'


def test_verb_after_a_preposition_inherits_the_subject(nlp):
    text = '"Let it rain," Lena sings to the crowd before asking them, "Who is ready to dance?"'
    doc = nlp(text)
    [s] = [s for s in statements(doc) if s.cue == "asking"]
    assert s.direct
    assert _text(doc, s.speaker_span) == "Lena"


def test_scolded_introduces_a_quote(nlp):
    text = 'Senator Ames scolded him: "You have misled this committee for a year."'
    doc = nlp(text)
    [s] = statements(doc)
    assert s.cue == "scolded" and s.direct


# --------------------------------------------------------------------------- free relatives

def test_naming_in_a_free_relative_is_no_statement(nlp):
    text = 'The council voted against what the mayor called "a reckless plan."'
    doc = nlp(text)
    assert not any(s.cue == "called" for s in statements(doc))


def test_relative_with_a_reported_clause_is_a_statement(nlp):
    text = "He gave a speech in which he said the plant would close."
    doc = nlp(text)
    assert [s.cue for s in statements(doc)] == ["said"]


# --------------------------------------------------------------------------- content bounds

def test_content_ends_before_a_participle_cue(nlp):
    text = ("Lee told voters she believes the state must keep funding schools that serve poor"
            ' towns, saying that "money still decides too much."')
    doc = nlp(text)
    by_cue = {s.cue: s for s in statements(doc)}
    assert _text(doc, by_cue["told"].content_span).endswith("serve poor towns")
    assert not by_cue["told"].direct
    assert by_cue["saying"].direct


def test_according_to_content_stays_in_its_paragraph(nlp):
    text = ('"He will live," she said. "He must."\n\n'
            "Police have no plans to release the tapes, according to the family.")
    doc = nlp(text)
    [s] = [s for s in statements(doc) if s.cue == "according to"]
    assert _text(doc, s.content_span) == "Police have no plans to release the tapes"
    assert not s.direct


def test_quote_after_an_indirect_statement_continues_it(nlp):
    text = 'The talks may fail, Lee said. "Nobody really wants them."'
    doc = nlp(text)
    [s] = statements(doc)
    assert s.direct
    assert _text(doc, s.content_span) == text


def test_quote_after_a_non_speech_verb_is_not_joined(nlp):
    text = 'Mills has backed Lee since the first race. "I think the plan should be ready today."'
    doc = nlp(text)
    assert not any(s.direct for s in statements(doc))


# --------------------------------------------------------------------------- verb patterns

def test_object_control_infinitive_parsed_as_adverbial(nlp):
    text = 'Lee tells her fans at a big rally to "go out and vote" and then "bring a friend."'
    doc = nlp(text)
    [s] = statements(doc)
    assert s.cue == "tells" and s.direct
    assert _text(doc, s.content_span).startswith('to "go out and vote"')


def test_went_on_to_say_is_a_statement(nlp):
    text = '"The debate is a circus," Lee said, going on to say that the format was unfair.'
    doc = nlp(text)
    said = [s for s in statements(doc) if s.cue == "say"]
    assert [_text(doc, s.content_span) for s in said] == ["that the format was unfair"]


def test_while_clause_before_the_verb_is_not_its_content(nlp):
    text = ('While he admitted money was a big reason he left, Ham also noted several'
            ' "intangibles" that drove him out.')
    doc = nlp(text)
    [s] = [s for s in statements(doc) if s.cue == "noted"]
    assert _text(doc, s.content_span).startswith('several "intangibles"')


# --------------------------------------------------------------------------- colon, open mark

def test_cue_with_a_colon_takes_the_quotation_after_it(nlp):
    text = 'Lee will probably use the debate to make news, Kall said: "She has a plan up her sleeve."'
    doc = nlp(text)
    [s] = statements(doc)
    assert s.direct
    assert _text(doc, s.content_span) == '"She has a plan up her sleeve."'
    assert _text(doc, s.speaker_span) == "Kall"


def test_hand_parse_content_ending_on_an_opening_mark_runs_into_the_quote(nlp):
    # 'Lee said she recalled thinking, "Go."' with the quotation parsed as a sentence of
    # its own: the reported clause ends on the opening mark, and goes on inside the quote.
    words = ["Lee", "said", "she", "recalled", "thinking", ",", '"', "Go", ".", '"']
    spaces = [True, True, True, True, False, True, False, False, False, False]
    doc = Doc(nlp.vocab, words=words, spaces=spaces,
              heads=[1, 1, 3, 1, 3, 4, 4, 7, 7, 7],
              deps=["nsubj", "ROOT", "nsubj", "ccomp", "xcomp", "punct", "punct", "ROOT",
                    "punct", "punct"],
              pos=["PROPN", "VERB", "PRON", "VERB", "VERB", "PUNCT", "PUNCT", "VERB",
                   "PUNCT", "PUNCT"],
              lemmas=["Lee", "say", "she", "recall", "think", ",", '"', "go", ".", '"'])
    [s] = [s for s in statements(doc) if s.cue == "said"]
    assert _text(doc, s.content_span) == 'she recalled thinking, "Go."'
    assert s.direct


def test_as_phrase_alone_is_the_content_of_describe(nlp):
    text = 'The mayor described as "a deliberate act" the fire that closed the market.'
    doc = nlp(text)
    [s] = [s for s in statements(doc) if s.cue == "described"]
    assert s.direct
    assert _text(doc, s.content_span).startswith('as "a deliberate act"')


def test_praise_verbs_report_their_object(nlp):
    text = 'The governor lauded the nurses for their "real courage."'
    doc = nlp(text)
    [s] = statements(doc)
    assert s.cue == "lauded" and s.direct
    assert _text(doc, s.content_span).startswith("the nurses")


def test_bemoan_reports_its_object(nlp):
    text = 'Sen. Ames bemoaned the "broken system" in a long speech.'
    doc = nlp(text)
    [s] = statements(doc)
    assert s.cue == "bemoaned" and s.direct


def test_nickname_between_quote_and_cue_does_not_block_it(nlp):
    text = ('"This is our year!" the mayor\'s cousin, state Rep. Anna "Annie" Cole (D-Bay City),'
            ' shouted to the crowd.')
    doc = nlp(text)
    [s] = [s for s in statements(doc) if s.direct]
    assert s.cue == "shouted"
    assert _text(doc, s.content_span) == '"This is our year!"'


# --------------------------------------------------------------------- transcripts, labels

def test_transcript_line_inside_a_quoted_transcript_is_not_direct(nlp):
    text = ('The exchange went like this:\n\n"HOST: Will you run again next year, Senator?\n\n'
            '"GUEST: I have not made up my mind, and I will let you know when I have."')
    doc = nlp(text)
    lines = [s for s in statements(doc) if s.cue == ":"]
    assert [_text(doc, s.speaker_span) for s in lines] == ["HOST", "GUEST"]
    assert not any(s.direct for s in lines)


def test_transcript_line_with_a_quote_of_its_own_is_direct(nlp):
    text = ('The exchange went like this:\n\n"HOST: Did you watch the show \u201cLate Talk\u201d '
            'on Sunday night?\n\n"GUEST: No, I was asleep by nine that evening."')
    doc = nlp(text)
    lines = {_text(doc, s.speaker_span): s.direct for s in statements(doc) if s.cue == ":"}
    assert lines == {"HOST": True, "GUEST": False}


def test_editorial_label_with_a_colon_names_no_speaker(nlp):
    text = ('The council voted on Monday.\n\nCorrection: An earlier version of this story gave '
            'the wrong day for the vote.')
    doc = nlp(text)
    assert not any(s.cue == ":" for s in statements(doc))


# ------------------------------------------------------------ colons, "as" clauses, manner

def test_clause_ending_in_a_colon_introduces_the_quote_after_it(nlp):
    text = 'The mayor put her answer this way: "We will not raise taxes this year."'
    doc = nlp(text)
    [s] = statements(doc)
    assert s.cue == "put" and s.direct
    assert _text(doc, s.speaker_span) == "mayor"
    assert _text(doc, s.content_span) == '"We will not raise taxes this year."'


def test_colon_clause_takes_the_verb_with_its_own_subject(nlp):
    text = ('She got so angry, and drove so fast, that I had to change my story:\n\n'
            '"Of course I was there. I was only joking."')
    doc = nlp(text)
    [s] = [s for s in statements(doc) if s.direct]
    assert s.cue == "had" and _text(doc, s.speaker_span) == "I"


def test_colon_after_a_copula_is_no_statement(nlp):
    text = 'Here is the list: "Ash, Elm and Oak."'
    assert statements(nlp(text)) == []


def test_colon_quote_inside_a_reported_clause_stays_with_its_cue(nlp):
    text = 'The mayor said she has one goal: "Lower taxes for all."'
    doc = nlp(text)
    [s] = statements(doc)
    assert s.cue == "said" and s.direct
    assert _text(doc, s.content_span).endswith('"Lower taxes for all."')


def test_as_clause_with_a_cue_verb_reports_its_host_clause(nlp):
    text = "As Smith noted, the plan has failed twice."
    doc = nlp(text)
    [s] = statements(doc)
    assert s.cue == "noted" and _text(doc, s.speaker_span) == "Smith"
    assert _text(doc, s.content_span) == "the plan has failed twice"


def test_as_x_put_it_is_a_cue(nlp):
    text = 'The first rule is a "clean record," as one memo put it.'
    doc = nlp(text)
    [s] = statements(doc)
    assert s.cue == "put" and s.direct
    assert _text(doc, s.content_span) == 'The first rule is a "clean record,"'


def test_as_clause_of_time_is_no_statement(nlp):
    text = "The streets were quiet as many shoppers continued to stay away."
    assert statements(nlp(text)) == []


def test_manner_of_speaking_verbs_take_a_quote(nlp):
    text = '"That is absurd," she laughed. "I give up," he sighed.'
    doc = nlp(text)
    cues = {s.cue: _text(doc, s.content_span) for s in statements(doc)}
    assert cues == {"laughed": '"That is absurd,"', "sighed": '"I give up,"'}


def test_object_cast_as_a_quoted_label_is_a_statement(nlp):
    text = "The panel rated most of the claims as \u201cfalse\u201d last year."
    doc = nlp(text)
    [s] = statements(doc)
    assert s.cue == "rated" and s.direct and _text(doc, s.speaker_span) == "panel"
    assert _text(doc, s.content_span) == "most of the claims as \u201cfalse\u201d"


def test_unquoted_as_phrase_is_no_label(nlp):
    text = "The panel rated most of the claims as false last year."
    assert statements(nlp(text)) == []


def test_inner_quote_typed_with_double_curly_marks_nests():
    t = "\u201cI would rather stay in what he calls \u201chell\u201d than go.\u201d \u2015 Ana Ruiz"
    assert [t[q.start:q.end] for q in find_quotes(t)] == [t[:t.index(" \u2015")]]


def test_unclosed_quote_before_a_new_one_does_not_nest():
    t = "\u201cWe lost, he said. \u201cWe go on.\u201d Then: \u201cBye.\u201d"
    assert [t[q.start:q.end] for q in find_quotes(t)][-1] == "\u201cBye.\u201d"
