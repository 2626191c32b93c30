import pytest


@pytest.fixture(scope="session")
def nlp():
    """The real pinned spaCy pipeline, loaded once for the whole test session."""
    from kg import nlp as kg_nlp
    return kg_nlp.load()
