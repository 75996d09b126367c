"""OWL 2 RL reasoning with owlrl: the inferred triples, kept apart from the asserted ones.

The closure is computed over the ontology, the vocabularies and the asserted facts (the
provenance graph — spans, sentences, assertion records — needs no reasoning and is left out,
which keeps owlrl fast). What comes back is only what reasoning *adds* about our own
resources: class membership through subclasses, domains and ranges, inverse and transitive
relations, super-properties. owlrl's bookkeeping (reflexive ``owl:sameAs``, ``rdf:type`` on
literals, schema tautologies) is dropped, since it answers no question and only hides the
useful triples.

Inconsistency — a member of ``owl:Nothing``, a disjointness clash — is reported by owlrl as
error messages, which :func:`reason` turns into a :class:`KGError` naming the offending node.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef

from kg.errors import KGError
from kg.namespace import ID, new_graph

ERRNS = URIRef("http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage")


@dataclass
class Closure:
    """The inferred triples (about our resources) and any inconsistency owlrl found."""

    inferred: Graph
    errors: list[str]


def closure(asserted: Graph, schema: Graph) -> Closure:
    """Compute the OWL 2 RL closure of ``schema`` + ``asserted``; return what it adds."""
    import owlrl  # the reference reasoner, imported when used (not by the fast stack)

    work = Graph()
    for t in schema:
        work.add(t)
    for t in asserted:
        work.add(t)
    before = set(work)
    reasoner = owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False, rdfs_closure=False,
        improved_datatypes=False,  # owlrl's own converters reject valid xsd:gMonth ("--09") and log tracebacks
    )
    reasoner.expand(work)
    errors = sorted(str(m) for e in work.subjects(RDF.type, ERRNS) for m in work.objects(e, None) if isinstance(m, Literal))
    inferred = new_graph()
    for t in work:
        if t not in before and keep_inferred(t):
            inferred.add(t)
    for s in work.subjects(RDF.type, OWL.Nothing):
        errors.append(f"{s} is a member of owl:Nothing")
    return Closure(inferred, sorted(set(errors)))


_OURS = str(ID)
_DROPPED_TYPES = frozenset((OWL.Thing, RDFS.Resource, OWL.NamedIndividual))
_TYPES, _SAME_AS = frozenset((RDF.type,)), frozenset((OWL.sameAs,))  # `in`: a hash, no namespace look-up


def keep_inferred(triple: tuple) -> bool:
    """Whether a triple of a closure is worth keeping: one about our own resources (no literal or
    blank subject, no blank object; schema-level consequences are the ontology's business), but
    not a reflexive owl:sameAs or a typing as owl:Thing, rdfs:Resource or owl:NamedIndividual.
    Every reasoner's closure goes through this filter (``kg.reasoning.reasonable`` too)."""
    s, p, o = triple
    if isinstance(s, (Literal, BNode)) or isinstance(o, BNode) or not str(s).startswith(_OURS):
        return False
    if p in _SAME_AS and s == o:
        return False
    return not (p in _TYPES and o in _DROPPED_TYPES)


def reason(asserted: Graph, schema: Graph) -> Graph:
    """The inferred triples, or a KGError if the graph is inconsistent under OWL 2 RL."""
    return consistent(closure(asserted, schema))


def consistent(result: Closure) -> Graph:
    """The closure's inferred triples, or a KGError naming the nodes of an inconsistency."""
    if result.errors:
        raise KGError(
            "the graph is inconsistent under OWL 2 RL reasoning: " + "; ".join(result.errors[:5])
            + (f"; and {len(result.errors) - 5} more" if len(result.errors) > 5 else "")
            + ". Check the types and relations of the nodes named."
        )
    return result.inferred


def unsatisfiable_classes(schema: Graph) -> list[str]:
    """Classes of the ontology that can have no member under OWL 2 RL.

    One probe individual per ``kidd:`` class is typed with that class alone, and one closure
    is computed for all probes together (probes share no relations, so they cannot clash with
    each other); a class whose probe is named in an inconsistency (a disjointness clash among
    its superclasses, or membership of ``owl:Nothing``) is unsatisfiable.
    """
    from kg.namespace import KIDD

    ns = str(KIDD._NS)
    classes = sorted(c for c in schema.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef) and str(c).startswith(ns))
    probes = Graph()
    probe_of = {}
    for cls in classes:
        probe = ID["probe/" + str(cls)[len(ns):]]
        probes.add((probe, RDF.type, cls))
        probe_of[str(probe)] = str(cls)
    errors = " ".join(closure(probes, schema).errors)
    return sorted(cls for probe, cls in probe_of.items() if re.search(re.escape(probe) + r"(?![\w/-])", errors))
