"""What ``kg.serve`` takes from the rest of the package, in one place (when a module moves,
only this file changes). The serving stage comes last: it may use every earlier one."""

from __future__ import annotations

from typing import Any


def stored() -> Any:
    """The stored queries: ``list_queries``, ``resolve``, ``from_text``, ``StoredQuery``,
    ``prepare``, ``query_variables``, ``to_term``, ``is_federated``, ``QUERY_PREFIXES``."""
    from kg.queries import stored as _stored

    return _stored


def results() -> Any:
    """Showing answers: ``display``, ``shorten``, ``format_result``."""
    from kg.queries import stored as _stored

    return _stored


def build(statements=None, only: str | None = None, engine: str | None = None):
    """The graph, built as every command builds it (``--statements``, ``--statement``, ``--engine``)."""
    from kg.pipeline import build as _build

    return _build(statements, only=only, stack=engine)


def new_graph():
    from kg.namespace import new_graph as _new_graph

    return _new_graph()


def serialize(graph, fmt: str) -> str:
    from kg.exports.formats import serialize as _serialize

    return _serialize(graph, fmt)


def emit(text: str, output) -> None:
    from kg.exports.formats import emit as _emit

    _emit(text, output)


def shipped_context() -> str:
    from kg.exports.jsonld import _shipped_context

    return _shipped_context()


def void_description(result, endpoint: str):
    """The VoID + DCAT description of a build (:func:`kg.exports.void.describe`) naming ``endpoint``."""
    from kg.exports.void import describe

    return describe(result, endpoint=endpoint)
