"""Errors raised by `kg`. Library code raises these; only :mod:`kg.cli` turns them into
messages and exit codes.

    KgError
    ├── InputError            bad article input (empty, binary, undecodable, too large, bad JSON)
    ├── ModelError            the spaCy model is missing or is not the pinned one
    ├── RdfError              malformed RDF, unknown serialisation format
    ├── QueryError            unknown query name, malformed SPARQL, bad parameter, refused update
    ├── StoreError            the embedded store or a remote endpoint failed
    └── ValidationError       the shapes themselves could not be loaded or run
"""
from __future__ import annotations


class KgError(Exception):
    """Base class of every error `kg` raises on purpose."""


class InputError(KgError):
    """An input file or record cannot be read as an article."""


class ModelError(KgError):
    """The NLP model cannot be loaded."""


class RdfError(KgError):
    """RDF cannot be parsed or written."""


class QueryError(KgError):
    """A SPARQL query cannot be found, parsed, bound or run."""


class StoreError(KgError):
    """A triplestore cannot be opened, written or queried."""


class ValidationError(KgError):
    """SHACL validation could not be run (not: the data did not conform)."""
