"""OWL 2 RL with `reasonable` (Rust): the closure, filtered as owlrl's, and the "false" rules.

``reasonable`` reports no inconsistency itself, so :func:`inconsistencies` checks the OWL 2 RL
rules that conclude ``false`` (cax-dw, cax-adc, cls-nothing2, prp-irp, prp-asyp, prp-pdw,
eq-diff1, cls-com) on its closure, with owlrl's wording.
"""

from __future__ import annotations

from typing import Iterable

from rdflib import OWL, RDF, XSD, Graph, Literal
from rdflib.collection import Collection
from rdflib.term import Node

from kg.errors import KGError
from kg.namespace import new_graph
from kg.reasoning.datatypes import _restore_rdflib_datatypes
from kg.reasoning.owlrl import Closure, keep_inferred

Triple = tuple[Node, Node, Node]
_XSD_STRING = str(XSD.string)


def plain(term: Node) -> Node:
    """``"x"^^xsd:string`` -> ``"x"`` (RDF 1.1 says they are the same; rdflib does not)."""
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) == _XSD_STRING:
        return Literal(str(term))
    return term


def closure(asserted: Graph, schema: Graph):
    try:
        import reasonable
    except ImportError:  # pragma: no cover - an optional dependency
        raise KGError("the `reasonable` reasoner is not installed: pip install 'reasonable>=0.4,<0.5'.") from None
    _restore_rdflib_datatypes()
    reasoner = reasonable.PyReasoner()
    reasoner.from_graph(schema)
    reasoner.from_graph(asserted)
    out = reasoner.reason()  # every triple of the closure (input included), as rdflib terms
    before = set(schema) | set(asserted)  # every input triple, once (faster than asking the graphs)
    closed: set[Triple] = set()
    inferred = new_graph()
    for s, p, o in out:
        t = (s, p, plain(o))
        closed.add(t)
        if t not in before and keep_inferred(t):
            inferred.add(t)
    closed.update(before)
    return Closure(inferred, inconsistencies(closed, schema))


def inconsistencies(closed: Iterable[Triple], schema: Graph) -> list[str]:
    """The OWL 2 RL rules that conclude ``false``, checked on a closed graph, in owlrl's words:
    cax-dw, cax-adc, cls-nothing2, cls-com, prp-irp, prp-asyp, prp-pdw, eq-diff1."""
    types: dict[Node, set[Node]] = {}
    by_pred: dict[Node, set[tuple[Node, Node]]] = {}
    type_ = RDF.type
    for s, p, o in closed:
        if p == type_:
            types.setdefault(s, set()).add(o)
        else:
            by_pred.setdefault(p, set()).add((s, o))
    members: dict[Node, set[Node]] = {}
    for x, cs in types.items():
        for c in cs:
            members.setdefault(c, set()).add(x)
    errors: list[str] = []

    def disjoint(c1: Node, c2: Node) -> None:
        for x in sorted(members.get(c1, set()) & members.get(c2, set()), key=str):
            errors.append(f"Disjoint classes {c1} and {c2} have a common individual {x}")

    for c1, c2 in schema.subject_objects(OWL.disjointWith):
        disjoint(c1, c2)
    for adc in schema.subjects(RDF.type, OWL.AllDisjointClasses):
        for lst in schema.objects(adc, OWL.members):
            classes = list(Collection(schema, lst))
            for i, c1 in enumerate(classes):
                for c2 in classes[i + 1 :]:
                    disjoint(c1, c2)
    for c1, c2 in schema.subject_objects(OWL.complementOf):
        for x in sorted(members.get(c1, set()) & members.get(c2, set()), key=str):
            errors.append(f"'{x}' is both a member of {c1} and of its complement {c2}")
    for x in sorted(members.get(OWL.Nothing, set()), key=str):
        errors.append(f"{x} is a member of owl:Nothing")
    for p in schema.subjects(RDF.type, OWL.IrreflexiveProperty):
        for s, o in by_pred.get(p, ()):
            if s == o:
                errors.append(f"Irreflexive property {p} used reflexively on {s}")
    for p in schema.subjects(RDF.type, OWL.AsymmetricProperty):
        pairs = by_pred.get(p, set())
        for s, o in pairs:
            if (o, s) in pairs:
                errors.append(f"Asymmetric property {p} used on {s} and {o} in both directions")
    for p1, p2 in schema.subject_objects(OWL.propertyDisjointWith):
        for s, o in by_pred.get(p1, set()) & by_pred.get(p2, set()):
            errors.append(f"Disjoint properties {p1} and {p2} both link {s} and {o}")
    different = by_pred.get(OWL.differentFrom, set())
    for s, o in by_pred.get(OWL.sameAs, ()):
        if s != o and ((s, o) in different or (o, s) in different):
            errors.append(f"'sameAs' and 'differentFrom' cannot be used on the same subject-object pair: ({s}, {o})")
    return sorted(set(errors))
