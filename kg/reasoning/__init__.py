"""Reasoning: the OWL 2 RL closure of a build, by one of two reasoners.

This is the one place that decides what is reasoned over (:data:`SCOPE`: every part of a build,
which is what every dump holds, so ``kg build`` and ``kg validate FILE`` reason over the same
triples; :func:`kg.reasoning.scope.reasoning_input` leaves out, exactly, what no rule can use)
and by what (:class:`Reasoner`: ``owlrl``, the reference, or ``reasonable``, fast; they infer the
same triples, tests/test_engines.py). Both return only what reasoning adds about our own
resources (the filter of :func:`kg.reasoning.owlrl.keep_inferred`) and refuse an inconsistent
graph with a :class:`~kg.errors.KGError` naming the node.

The shapes are not checked against this closure but against :func:`checked` (the assertions and
what the class and property hierarchy entails, no domain or range typing): see
:mod:`kg.reasoning.scope`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import Graph

from kg.errors import KGError
from kg.reasoning import owlrl as _owlrl
from kg.reasoning import reasonable as _reasonable
from kg.reasoning.owlrl import Closure
from kg.reasoning.scope import SCOPE, checked as checked_graph, hierarchy_entailments, reasoning_input
from kg.source.terms import load_schema

if TYPE_CHECKING:  # pragma: no cover
    from kg.graph.build import BuildResult

REASONERS = ("owlrl", "reasonable")



@dataclass(frozen=True)
class Reasoner:
    """An OWL 2 RL reasoner chosen by name: ``owlrl`` or ``reasonable``."""

    name: str

    def __post_init__(self) -> None:
        if self.name not in REASONERS:
            raise KGError(f"unknown reasoner `{self.name}`; use one of: {', '.join(REASONERS)}.")

    def __str__(self) -> str:
        return self.name

    def closure(self, asserted: Graph, schema: Graph, *, triples=None) -> Closure:
        """The inferred triples and the inconsistencies found (nothing raised), computed over
        :func:`~kg.reasoning.scope.reasoning_input` (the same closure, faster; ``triples``: the
        triples of ``asserted``, if the caller has them, as there)."""
        data, axioms = reasoning_input(asserted, schema, triples=triples)
        if self.name == "owlrl":
            return _owlrl.closure(data, axioms)
        return _reasonable.closure(data, axioms)

    def reason(self, asserted: Graph, schema: Graph, *, triples=None) -> Graph:
        """The inferred triples about our resources, or a KGError if the graph is inconsistent."""
        return _owlrl.consistent(self.closure(asserted, schema, triples=triples))

    def infer(self, result: "BuildResult") -> Graph:
        """The closure of a build over :data:`SCOPE`."""
        return self.reason(result.union(SCOPE), load_schema().graph)


def checked(result: "BuildResult") -> Graph:
    """The graph the shapes check for a build: its :data:`SCOPE`, the ontology and vocabularies,
    and what the class and property hierarchy entails (:func:`kg.reasoning.scope.checked`)."""
    return checked_graph(result.union(SCOPE), load_schema().graph, in_place=True)  # the union is new: filled, not copied


def reasoner(name: str | Reasoner) -> Reasoner:
    return name if isinstance(name, Reasoner) else Reasoner(name)


def closure(asserted: Graph, schema: Graph, engine: str | Reasoner = "owlrl") -> Closure:
    """:meth:`Reasoner.closure` by name."""
    return reasoner(engine).closure(asserted, schema)


def reason(asserted: Graph, schema: Graph, engine: str | Reasoner = "owlrl") -> Graph:
    """:meth:`Reasoner.reason` by name."""
    return reasoner(engine).reason(asserted, schema)


def inferred(result: "BuildResult", by: str | Reasoner) -> Graph:
    """The inferred triples of a build by the chosen reasoner (the build's own if it is the
    build's reasoner: ``result.inferred``)."""
    r = reasoner(by)
    if result.reasoner is not None and r.name == result.reasoner.name:
        return result.inferred
    return r.infer(result)


def queryable(result: "BuildResult", by: str | Reasoner, inferred_graph: Graph | None = None) -> Graph:
    """What ``BuildResult.queryable()`` gives (facts, provenance, enrichment, links, coding,
    inferences, ontology, vocabularies), with the inferences of the chosen reasoner."""
    r = reasoner(by)
    if result.reasoner is not None and r.name == result.reasoner.name and inferred_graph is None:
        return result.queryable()
    g = result.union()
    for t in inferred_graph if inferred_graph is not None else inferred(result, r):
        g.add(t)
    for t in load_schema().graph:
        g.add(t)
    return g


__all__ = ["REASONERS", "SCOPE", "checked", "checked_graph", "hierarchy_entailments", "reasoning_input", "Closure", "Reasoner", "reasoner", "closure", "reason", "inferred", "queryable"]
