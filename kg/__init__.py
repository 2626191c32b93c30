"""kg: news articles into a knowledge graph.

The API mirrors the command line; functions load lazily, so ``import kg`` stays fast.

>>> import kg
>>> callable(kg.build), kg.__version__
(True, '0.3.0')
"""
__version__ = "0.3.0"
__all__ = ["extract", "build", "validate", "query", "to_networkx", "analyze", "report"]


def __getattr__(name: str):
    if name in __all__:
        from . import api
        return getattr(api, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
