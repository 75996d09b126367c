"""What the key-fact tests of the statements (tests/test_statement_*.py) share."""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import TIME
from rdflib.term import Node


def day(g: Graph, interval: Node, prop: Node) -> str:
    """The date (``time:inXSDDate``) of an interval's beginning or end (``prop``)."""
    return str(g.value(g.value(interval, prop), TIME.inXSDDate))
