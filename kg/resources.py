"""Where the ontology, vocabularies, shapes, queries and statements live.

In a checkout they are the top-level folders ``ontology/``, ``queries/`` and
``statements/``; in an installed wheel they travel inside the package as
``kg/_data/...`` (see ``[tool.hatch.build.targets.wheel.force-include]``).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_BUNDLED = _PACKAGE / "_data"
_CHECKOUT = _PACKAGE.parent


def _root() -> Path:
    return _BUNDLED if (_BUNDLED / "ontology").is_dir() else _CHECKOUT


def ontology_dir() -> Path:
    return _root() / "ontology"


def queries_dir() -> Path:
    return _root() / "queries"


def mappings_dir() -> Path:
    return _root() / "mappings"


def statements_dir() -> Path:
    return _root() / "statements"


def ontology_files() -> list[Path]:
    """The TBox and the SKOS vocabularies, in a fixed order."""
    d = ontology_dir()
    return [d / "kidd.ttl", *sorted((d / "vocab").glob("*.ttl"))]
