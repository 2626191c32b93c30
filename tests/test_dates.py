import datetime as dt

import pytest

from kg.extractors.dates import dates, resolve

SAT = dt.date(2019, 3, 23)  # a Saturday


@pytest.mark.parametrize("text, expected", [
    ("Friday", "2019-03-22"),
    ("on Saturday", "2019-03-23"),
    ("last Saturday", "2019-03-16"),
    ("yesterday", "2019-03-22"),
    ("today", "2019-03-23"),
    ("last year", "2018"),
    ("this year", "2019"),
    ("last month", "2019-02"),
    ("January", "2019-01"),
    ("December", "2018-12"),
    ("March 18", "2019-03-18"),
    ("In 2018", "2018"),
    ("March 18, 2019", "2019-03-18"),
    ("18 March 2019", "2019-03-18"),
    ("Sept. 3, 2020", "2020-09-03"),
    ("2017-07-10", "2017-07-10"),
    ("June 2014", "2014-06"),
])
def test_resolve_against_publication_date(text, expected):
    assert resolve(text, SAT) == expected


def test_relative_dates_need_a_publication_date():
    assert resolve("on Friday") is None
    assert resolve("last year") is None
    assert resolve("In 2018") == "2018"


def test_impossible_and_vague_dates_do_not_resolve():
    assert resolve("February 30, 2019") is None
    assert resolve("recent weeks", SAT) is None


def test_dates_reads_date_entities_of_a_hand_built_doc():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab
    doc = Doc(Vocab(), words=["He", "spoke", "on", "Friday", "about", "2018", "."],
              ents=["O", "O", "O", "B-DATE", "O", "B-DATE", "O"])
    got = dates(doc, SAT)
    assert [(doc.text[s.start:s.end], iso) for s, iso in got] == [("Friday", "2019-03-22"), ("2018", "2018")]
