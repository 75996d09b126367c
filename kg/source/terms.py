"""The ontology and SKOS vocabularies as the builder sees them: which names a source may use.

The curated YAML names classes (``Meeting``), properties (``ledBy``, ``org:holds``) and concepts
(``status:held``, ``topic:space``). This module reads ``ontology/`` once and answers what each
name means, so the source format is driven by the ontology rather than by code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef
from rdflib.namespace import DCTERMS, ORG, TIME

from kg.errors import KGError
from kg.namespace import KIDD, SEM, VOCAB
from kg.resources import ontology_files

# Terms of other vocabularies a source may use as predicates, and whether they take an entity
# (True) or a literal (False). Anything else outside kidd: is refused, so a typo is an error.
REUSED_PREDICATES: dict[str, tuple[URIRef, bool]] = {
    "org:subOrganizationOf": (ORG.subOrganizationOf, True),
    "org:hasMember": (ORG.hasMember, True),
    "org:memberOf": (ORG.memberOf, True),
    "org:holds": (ORG.holds, True),
    "org:heldBy": (ORG.heldBy, True),
    "org:postIn": (ORG.postIn, True),
    "time:hasTime": (TIME.hasTime, True),
    "sem:subEventOf": (SEM.subEventOf, True),
    "dcterms:title": (DCTERMS.title, False),
    "dcterms:issued": (DCTERMS.issued, False),
    "dcterms:publisher": (DCTERMS.publisher, True),
    "dcterms:source": (DCTERMS.source, True),
}

# Concept schemes and the prefix a source uses for them (``topic:space``).
SCHEMES = {"act-kind": "act-kind", "status": "status", "topic": "topic"}


@dataclass
class Property:
    iri: URIRef
    takes_entity: bool
    range: URIRef | None = None


@dataclass
class Schema:
    graph: Graph
    classes: set[str] = field(default_factory=set)
    properties: dict[str, Property] = field(default_factory=dict)
    concepts: dict[str, set[str]] = field(default_factory=dict)
    event_classes: set[URIRef] = field(default_factory=set)
    # Predicates whose chains may not come back to where they started (a body within itself, a
    # relative time anchored to itself): predicate -> (the chain it belongs to, reversed?).
    acyclic: dict[URIRef, tuple[URIRef, bool]] = field(default_factory=dict)

    def cls(self, name: str, where: str) -> URIRef:
        if name not in self.classes:
            raise KGError(
                f"`{name}` is not a class of the ontology; use one of: {', '.join(sorted(self.classes))}.",
                where,
            )
        return URIRef(KIDD._NS + name)

    def prop(self, name: str, where: str) -> Property:
        if name in self.properties:
            return self.properties[name]
        raise KGError(
            f"`{name}` is not a property of the ontology (kidd: local names) nor one of the reused "
            f"terms ({', '.join(sorted(REUSED_PREDICATES))}).",
            where,
        )

    def concept(self, scheme: str, slug: str, where: str) -> URIRef:
        if slug not in self.concepts.get(scheme, set()):
            known = ", ".join(sorted(self.concepts.get(scheme, set())))
            raise KGError(f"`{slug}` is not a concept of the {scheme} scheme; known: {known}.", where)
        return VOCAB[f"{scheme}/{slug}"]

    def concept_ref(self, ref: str, where: str) -> URIRef:
        """``status:held`` → the concept IRI (scheme prefix, then slug)."""
        scheme, _, slug = ref.partition(":")
        if scheme not in SCHEMES:
            raise KGError(f"`{ref}` names no known concept scheme ({', '.join(SCHEMES)}).", where)
        return self.concept(SCHEMES[scheme], slug, where)

    def is_event_class(self, cls: URIRef) -> bool:
        return cls in self.event_classes


def load_graph(paths: list[Path]) -> Graph:
    g = Graph()
    for p in paths:
        if not p.is_file():
            raise KGError("the file is missing (the ontology, vocabularies and shapes ship with the package).", str(p))
        try:
            g.parse(p, format="turtle")
        except Exception as exc:  # rdflib raises many parser types; all mean the same to a user
            raise KGError(f"the file is not valid Turtle: {exc}", str(p)) from None
    return g


@lru_cache(maxsize=1)
def load_schema() -> Schema:
    g = load_graph(ontology_files())
    schema = Schema(graph=g)
    ns = str(KIDD._NS)
    for c in g.subjects(RDF.type, OWL.Class):
        if isinstance(c, URIRef) and str(c).startswith(ns):
            schema.classes.add(str(c)[len(ns) :])
    for kind, takes_entity in ((OWL.ObjectProperty, True), (OWL.DatatypeProperty, False), (OWL.AnnotationProperty, False)):
        for p in g.subjects(RDF.type, kind):
            if isinstance(p, URIRef) and str(p).startswith(ns):
                rng = g.value(p, RDFS.range)
                schema.properties[str(p)[len(ns) :]] = Property(p, takes_entity, rng)
    for name, (iri, takes_entity) in REUSED_PREDICATES.items():
        schema.properties[name] = Property(iri, takes_entity, g.value(iri, RDFS.range))
    for scheme in SCHEMES.values():
        prefix = str(VOCAB[scheme + "/"])
        schema.concepts[scheme] = {
            str(c)[len(prefix) :]
            for c in g.subjects(RDF.type, SKOS.Concept)
            if str(c).startswith(prefix)
        }
    schema.acyclic = _acyclic(g)
    # Event classes: kidd:Event and everything below it (transitively).
    todo = [KIDD.Event]
    while todo:
        c = todo.pop()
        if c not in schema.event_classes:
            schema.event_classes.add(c)
            todo.extend(g.subjects(RDFS.subClassOf, c))
    return schema


def _acyclic(g: Graph) -> dict[URIRef, tuple[URIRef, bool]]:
    """Each transitive property of the ontology (``withinBody``, ``locatedIn``, ``componentOf``,
    ``org:transitiveSubOrganizationOf``) with its sub-properties (``org:subOrganizationOf``) and,
    reversed, its inverses (``containsBody``), plus ``kidd:relativeTo``: the chains a source may
    not close into a loop."""
    out: dict[URIRef, tuple[URIRef, bool]] = {}

    def below(p: URIRef) -> set[URIRef]:
        seen, todo = set(), [p]
        while todo:
            q = todo.pop()
            if q not in seen:
                seen.add(q)
                todo.extend(s for s in g.subjects(RDFS.subPropertyOf, q) if isinstance(s, URIRef))
        return seen

    for t in sorted(p for p in g.subjects(RDF.type, OWL.TransitiveProperty) if isinstance(p, URIRef)):
        if t in out:
            continue
        inverses = {u for u in (*g.objects(t, OWL.inverseOf), *g.subjects(OWL.inverseOf, t)) if isinstance(u, URIRef)}
        for p in below(t):
            out.setdefault(p, (t, False))
        for u in inverses:
            for p in below(u):
                out.setdefault(p, (t, True))
    out.setdefault(KIDD.relativeTo, (KIDD.relativeTo, False))
    return out
