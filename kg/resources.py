"""The project's data folders (``ontology/``, ``shapes/``, ``queries/``), wherever kg is installed.

A wheel carries them inside the package (``kg/ontology`` …); a source checkout keeps them
at the top level beside ``kg/``.

>>> sorted(p.name for p in folder("shapes").iterdir() if p.name.endswith(".ttl"))
['kg.ttl']
"""
from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

NAMES = ("ontology", "shapes", "queries")


def folder(name: str) -> Traversable:
    """The packaged folder ``name`` (one of :data:`NAMES`)."""
    if name not in NAMES:
        raise ValueError(f"unknown resource folder {name!r}; choose one of {', '.join(NAMES)}")
    packaged = files("kg").joinpath(name)
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / name
