"""What is reasoned over, and what the shapes are checked against.

Two graphs are derived from what a build asserts (every named graph of the dataset: the dump):

* **The reasoning input** (:func:`reasoning_input`): the OWL 2 RL closure of a dump is computed
  over the triples the ontology's axioms can act on: every ``rdf:type`` triple, every triple
  whose predicate an axiom names (``rdfs:domain``, ``rdfs:range``, ``rdfs:subPropertyOf``,
  ``owl:inverseOf``, ``owl:TransitiveProperty``, ...), and the axioms themselves. The others
  (labels, NIF offsets and strings, ``rdf:subject``/``rdf:object`` of the assertion records,
  ``prov:wasDerivedFrom``, SSSOM and coding annotations, the ontology's annotations) can start no
  OWL 2 RL rule of this ontology, so leaving them out gives exactly the closure of the whole dump
  (tests/test_reason.py compares the two), in a fraction of the time. If the data holds
  ``owl:sameAs``, which rewrites every triple, nothing is left out.

* **The checked graph** (:func:`checked`): what the SHACL shapes see. The curators' assertions,
  the ontology and vocabularies, and only what the class and property hierarchy entails from
  them: the OWL 2 RL rules

  - ``cax-sco``, ``cax-eqc1``, ``cax-eqc2`` (a member of a class is a member of its
    superclasses and equivalent classes; ``rdfs:subClassOf`` chains, ``scm-sco``),
  - ``prp-spo1``, ``prp-eqp1``, ``prp-eqp2`` (a sub- or equivalent property's triple is the
    super-property's too; ``scm-spo``),
  - ``prp-inv1``, ``prp-inv2`` (inverse properties), ``prp-symp`` (symmetric), ``prp-trp``
    (transitive),

  applied to a fixpoint. Not applied: ``prp-dom`` and ``prp-rng`` (domain and range), which type
  a node from the way it is used: with them, ``kidd:issuedBy`` pointing at a city would make the
  city a ``kidd:Agent`` before ``sh:class kidd:Agent`` looks, and every "must be an X" check
  would hold vacuously. The class of a node is what the curators asserted (with its
  superclasses). The full closure, domain and range included, is still computed: it is what
  users query, and its consistency is checked on its own (a clash is an error, exit 2).
"""

from __future__ import annotations

from typing import Iterable

from rdflib import OWL, RDF, RDFS, Graph
from rdflib.term import Node

Triple = tuple[Node, Node, Node]

# The parts of a build that are reasoned over and checked: all of them, i.e. exactly what a dump
# (kg.ttl, kg.nt, kg.trig, kg.jsonld) holds, so that `kg validate FILE` sees what the build saw.
SCOPE = ("facts", "provenance", "enrichment", "links", "coding")

# Predicates of axioms: triples that say something about classes and properties, which OWL 2 RL
# rules use. (rdf:first/rdf:rest carry the lists of owl:members, owl:unionOf, ...)
AXIOM_PREDICATES = frozenset((
    RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range,
    OWL.equivalentClass, OWL.equivalentProperty, OWL.inverseOf, OWL.disjointWith, OWL.propertyDisjointWith,
    OWL.complementOf, OWL.unionOf, OWL.intersectionOf, OWL.oneOf, OWL.members, OWL.distinctMembers,
    OWL.onProperty, OWL.onClass, OWL.hasValue, OWL.someValuesFrom, OWL.allValuesFrom, OWL.maxCardinality,
    OWL.maxQualifiedCardinality, OWL.cardinality, OWL.minCardinality, OWL.propertyChainAxiom, OWL.hasKey,
    OWL.sourceIndividual, OWL.assertionProperty, OWL.targetIndividual, OWL.targetValue,
    OWL.sameAs, OWL.differentFrom, RDF.first, RDF.rest,
))
# Property characteristics: `p rdf:type owl:TransitiveProperty` and the like are axioms about p.
CHARACTERISTICS = frozenset((
    OWL.TransitiveProperty, OWL.SymmetricProperty, OWL.AsymmetricProperty, OWL.FunctionalProperty,
    OWL.InverseFunctionalProperty, OWL.IrreflexiveProperty, OWL.ReflexiveProperty,
))


_TYPE, _SAME_AS = RDF.type, OWL.sameAs  # looked up once (a namespace attribute costs ~2 µs)
_TYPES = frozenset((_TYPE,))  # `p in _TYPES`: a hash, not rdflib's __eq__ (a Python call)


def _acted_on(graphs: Iterable[Graph]) -> tuple[set[Node], bool]:
    """The terms the axioms name, and whether owl:sameAs occurs at all."""
    named: set[Node] = set()
    same_as = False
    for g in graphs:
        for s, p, o in g:
            if p in AXIOM_PREDICATES:
                named.add(s)
                named.add(o)
                same_as = same_as or p == _SAME_AS
            elif p in _TYPES and o in CHARACTERISTICS:
                named.add(s)
    return named, same_as


def _keep(t: Triple, named: set[Node]) -> bool:
    p = t[1]
    return p in _TYPES or p in AXIOM_PREDICATES or p in named


def reasoning_input(asserted: Graph, schema: Graph, *, triples: Iterable[Triple] | None = None) -> tuple[Graph, Graph]:
    """``(data, axioms)``: the triples of ``asserted`` and of ``schema`` (ontology and
    vocabularies) that OWL 2 RL rules of this ontology can use; the closure of the two is the
    closure of ``asserted`` + ``schema`` (see the module's docstring). ``triples``, if given, are
    ``asserted``'s triples (each at least once), read instead of iterating the graph."""
    if triples is not None and not isinstance(triples, (list, tuple, set, frozenset)):
        triples = list(triples)
    data = asserted if triples is None else triples
    named, same_as = _acted_on((schema, data))
    if same_as:
        return asserted, schema
    out = []
    for g in (data, schema):
        kept = Graph(store="SimpleMemory")  # no contexts: half the cost of a copy
        add = kept.store.add
        for t in g:
            if _keep(t, named):
                add(t, kept, quoted=False)
        out.append(kept)
    return out[0], out[1]


# ---------------------------------------------------------------------------------- checked graph
def _supers(schema: Graph, down: Node, eq: Node) -> dict[Node, set[Node]]:
    """Every term's strict ancestors along ``down`` (subClassOf/subPropertyOf) and ``eq``
    (equivalentClass/equivalentProperty, both ways)."""
    up: dict[Node, set[Node]] = {}
    for s, o in schema.subject_objects(down):
        up.setdefault(s, set()).add(o)
    for s, o in schema.subject_objects(eq):
        up.setdefault(s, set()).add(o)
        up.setdefault(o, set()).add(s)
    closed: dict[Node, set[Node]] = {}
    for start in up:
        seen: set[Node] = set()
        todo = list(up[start])
        while todo:
            c = todo.pop()
            if c not in seen:
                seen.add(c)
                todo.extend(up.get(c, ()))
        seen.discard(start)
        closed[start] = seen
    return closed


def hierarchy_entailments(graph: Graph, schema: Graph, *, triples: Iterable[Triple] | None = None) -> Graph:
    """What the class and property hierarchy entails from ``graph`` + ``schema`` (the rules named
    in the module's docstring), without the triples already there. ``triples``, if given, are
    ``graph``'s triples (each at least once), read instead of iterating the graph."""
    classes = _supers(schema, RDFS.subClassOf, OWL.equivalentClass)
    props = _supers(schema, RDFS.subPropertyOf, OWL.equivalentProperty)
    inverse: dict[Node, set[Node]] = {}
    for s, o in schema.subject_objects(OWL.inverseOf):
        inverse.setdefault(s, set()).add(o)
        inverse.setdefault(o, set()).add(s)
    symmetric = set(schema.subjects(RDF.type, OWL.SymmetricProperty))
    transitive = set(schema.subjects(RDF.type, OWL.TransitiveProperty))

    have = set(graph if triples is None else triples) | set(schema)
    added = Graph(store="SimpleMemory")  # no contexts: the callers add its triples elsewhere
    add_added = added.store.add
    of_transitive: dict[Node, set[Triple]] = {p: set() for p in transitive}  # have's triples, by transitive property
    for t in have:
        if t[1] in of_transitive:
            of_transitive[t[1]].add(t)

    def add(t: Triple, todo: list[Triple]) -> None:
        if t not in have:
            have.add(t)
            add_added(t, added, quoted=False)
            todo.append(t)
            if t[1] in of_transitive:
                of_transitive[t[1]].add(t)

    todo: list[Triple] = list(have)
    while todo:  # every new triple goes through the rules once; a fixpoint when none is new
        batch, todo = todo, []
        touched: set[Node] = set()
        for s, p, o in batch:
            if p in _TYPES:
                for c in classes.get(o, ()):
                    add((s, _TYPE, c), todo)
                continue
            for q in props.get(p, ()):
                add((s, q, o), todo)
            for q in inverse.get(p, ()):
                add((o, q, s), todo)
            if p in symmetric:
                add((o, p, s), todo)
            if p in transitive:
                touched.add(p)
        for p in touched:  # prp-trp: the transitive closure of each property whose triples grew
            succ: dict[Node, set[Node]] = {}
            for s, q, o in list(of_transitive[p]):
                succ.setdefault(s, set()).add(o)
            for start in list(succ):
                seen: set[Node] = set()
                stack = list(succ[start])
                while stack:
                    n = stack.pop()
                    if n not in seen:
                        seen.add(n)
                        stack.extend(succ.get(n, ()))
                for n in seen:
                    add((start, p, n), todo)
    return added


def checked(asserted: Graph, schema: Graph, *, in_place: bool = False, entailed: Graph | None = None) -> Graph:
    """The graph the shapes are checked against: ``asserted`` + ``schema`` + what the hierarchy
    entails (not domain and range: see the module's docstring). A new graph, or ``asserted``
    itself grown (``in_place``: no copy, for a caller that owns it). ``entailed``: the
    :func:`hierarchy_entailments` of the two, if the caller has them already."""
    if entailed is None:
        entailed = hierarchy_entailments(asserted, schema)
    g = asserted if in_place else Graph()
    for t in schema:
        g.add(t)
    if not in_place:
        for t in asserted:
            g.add(t)
    for t in entailed:
        g.add(t)
    return g
