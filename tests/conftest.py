import pytest


@pytest.fixture(scope="session")
def nlp():
    """The real pinned spaCy pipeline, loaded once for the whole test session."""
    from kg import nlp as kg_nlp
    return kg_nlp.load()


@pytest.fixture(autouse=True)
def _run_in_tmp(tmp_path, monkeypatch):
    """Run each test in its own folder, so files a command writes by default (kg-errors.jsonl) stay out of the checkout."""
    monkeypatch.chdir(tmp_path)
