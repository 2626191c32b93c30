"""Extractors: one module per fact type, each a pure function over a parsed spaCy ``Doc``."""
