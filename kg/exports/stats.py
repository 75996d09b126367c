"""Counts that tell a user what the graph holds: entities per class, facts, acts by kind and agent."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, SKOS, Graph, URIRef

from kg.graph.build import BuildResult
from kg.namespace import KIDD


@dataclass
class Stats:
    statements: int
    facts: int
    provenance: int
    enrichment: int
    assertions: int
    spans: int
    per_class: Counter = field(default_factory=Counter)
    acts_per_kind: Counter = field(default_factory=Counter)
    acts_per_agent: Counter = field(default_factory=Counter)
    commitments: int = 0

    def rows(self) -> list[tuple[str, str, int]]:
        out = [
            ("total", "statements", self.statements),
            ("total", "facts (asserted triples)", self.facts),
            ("total", "provenance triples", self.provenance),
            ("total", "enrichment triples (curators')", self.enrichment),
            ("total", "assertions with evidence", self.assertions),
            ("total", "quoted spans", self.spans),
            ("total", "commitments", self.commitments),
        ]
        out += [("class", k, v) for k, v in sorted(self.per_class.items())]
        out += [("act kind", k, v) for k, v in sorted(self.acts_per_kind.items())]
        out += [("acts by agent", k, v) for k, v in sorted(self.acts_per_agent.items())]
        return out


def _label(g: Graph, node: URIRef) -> str:
    for prop in (RDFS.label, SKOS.prefLabel):
        for lab in g.objects(node, prop):
            if getattr(lab, "language", None) in (None, "en"):
                return str(lab)
    return str(node)


def _distinct(result: BuildResult, part: str) -> set:
    """The distinct triples of one part across its named graphs (counted without a union copy)."""
    return {t for iri in result.graph_iris(part) for t in result.dataset.graph(iri)}


def compute(result: BuildResult, schema_graph: Graph) -> Stats:
    facts = result.union(("facts",))
    prov = [result.dataset.graph(iri) for iri in result.graph_iris("provenance")]
    ns = str(KIDD._NS)
    s = Stats(
        statements=len(result.statements),
        facts=len(facts),
        provenance=len(_distinct(result, "provenance")),
        enrichment=len(_distinct(result, "enrichment")),
        assertions=len({a for g in prov for a in g.subjects(RDF.type, KIDD.Assertion)}),
        spans=len({sp for g in prov for sp in g.subjects(RDF.type, None) if "#char=" in str(sp)}),
    )
    for node, cls in facts.subject_objects(RDF.type):
        if str(cls).startswith(ns):
            s.per_class[str(cls)[len(ns):]] += 1
    for act in facts.subjects(RDF.type, KIDD.SpeechAct):
        for kind in facts.objects(act, KIDD.actKind):
            s.acts_per_kind[_label(schema_graph, kind)] += 1
        for agent in facts.objects(act, KIDD.saidBy):
            s.acts_per_agent[_label(facts, agent)] += 1
    s.commitments = len(set(facts.subjects(RDF.type, KIDD.Commitment)))
    return s
