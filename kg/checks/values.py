"""Literal values as the graph holds them, where an engine hands back another form."""

from __future__ import annotations

from rdflib import XSD, Graph, Literal
from rdflib.term import Node

# Datatypes derived from xsd:integer: Oxigraph stores their literals by value and gives them back
# as xsd:integer (see OxigraphEngine). Their names, to find the form the graph holds.
INTEGER_SUBTYPES = tuple(XSD[t] for t in (
    "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger", "long", "int", "short",
    "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"))


def _stored_form(graph: Graph, this: Node, term: Node | None) -> Node | None:
    """An xsd:integer Oxigraph returned, as the focus node's own value if it holds the same
    number under a subtype of xsd:integer (what pySHACL reports as ``sh:value``)."""
    if not isinstance(term, Literal) or term.datatype != XSD.integer or (this, None, term) in graph:
        return term
    found = [v for dt in INTEGER_SUBTYPES for v in (Literal(str(term), datatype=dt),) if (this, None, v) in graph]
    return found[0] if len(found) == 1 else term
