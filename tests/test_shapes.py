"""The SHACL shapes (ontology/shapes.ttl): small examples that conform and that violate, and the
built graph.

* ``tests/shapes/valid/<Shape>[-<what>].ttl`` must conform.
* ``tests/shapes/invalid/<Shape>-<what>.ttl`` starts with one ``# violates: <shape> <component>
  [<SPARQL constraint>]`` line per kind of result it must produce (``sh:sparql`` stands for
  ``sh:SPARQLConstraintComponent``), and must produce nothing else.
* A valid file's ``# exercises: <SPARQL constraint>`` lines name the SPARQL constraints it gives
  something to check; a test makes sure it does.

``<Shape>`` is the local name of a node shape (``PersonShape``); every node shape and every SPARQL
constraint has at least one example of each kind. Examples are validated as the build validates
(the checked graph: the example, the ontology and vocabularies, and what the class and property
hierarchy entails; no domain or range typing), and in file mode (``kg validate FILE``, both
engines) with the same report, unless the OWL 2 RL closure of the mistake is inconsistent, which
file mode (like the build) reports as an error.
"""

from __future__ import annotations

import time
from pathlib import Path

import pyshacl
import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from kg.namespace import KIDD, NIF
from kg.reasoning.scope import checked
from kg.source.terms import load_schema
from kg.checks.validate import SHAPES_NS, Report, load_shapes, validate

HERE = Path(__file__).resolve().parent
VALID = sorted((HERE / "shapes" / "valid").glob("*.ttl"))
INVALID = sorted((HERE / "shapes" / "invalid").glob("*.ttl"))
KIDDSH = Namespace(SHAPES_NS)
TIME = Namespace("http://www.w3.org/2006/time#")

# Validating the seed statement took about 2.5 s (about 8 s for the five statements of the corpus)
# on the development machine; this bound only catches a shape that makes validation crawl.


# ---------------------------------------------------------------------------------- helpers
def _headers(path: Path, key: str) -> list[list[str]]:
    """The ``# key: ...`` lines at the top of an example, split into words."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        if line.startswith(f"# {key}:"):
            out.append(line.split(":", 1)[1].split())
    return out


def _compact(term: str) -> str:
    """``kiddsh:X``, ``X`` or the full IRI, all as ``kiddsh:X``; ``sh:sparql`` as its component."""
    if term == "sh:sparql":
        return "sh:SPARQLConstraintComponent"
    if term.startswith(SHAPES_NS):
        return "kiddsh:" + term[len(SHAPES_NS):]
    if ":" not in term:
        return "kiddsh:" + term
    return term


def _shape_name(path: Path) -> str:
    return path.stem.split("-", 1)[0]


def _example(path: Path) -> Graph:
    """The example as the shapes see it: its triples, the ontology and vocabularies, and what the
    class and property hierarchy entails (kg.reasoning.scope.checked)."""
    g = Graph()
    g.parse(path, format="turtle")
    return checked(g, load_schema().graph)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def _reachable(shapes: Graph, node_shape: URIRef) -> set[str]:
    """The node shape and the property shapes it uses, as ``kiddsh:`` names."""
    found = {node_shape} | set(shapes.objects(node_shape, SH.property))
    return {"kiddsh:" + str(s)[len(SHAPES_NS):] for s in found if str(s).startswith(SHAPES_NS)}


def _sparql_constraints(shapes: Graph) -> set[str]:
    nodes = set(shapes.subjects(RDF.type, SH.SPARQLConstraint)) | set(shapes.objects(None, SH.sparql))
    return {"kiddsh:" + str(c)[len(SHAPES_NS):] for c in nodes}


def _node_shapes(shapes: Graph) -> set[str]:
    return {str(s)[len(SHAPES_NS):] for s in shapes.subjects(RDF.type, SH.NodeShape)}


# ---------------------------------------------------------------------------------- the examples
def test_the_example_folders_hold_examples():
    assert len(VALID) >= 40 and len(INVALID) >= 40, "tests/shapes/valid|invalid look empty"


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_example_conforms(path):
    report = validate(_example(path))
    assert report.conforms, report.text()
    assert report.nodes_checked > 0


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_example_violates_what_it_says(path, shapes):
    declared = _headers(path, "violates")
    assert declared, f"{path.name} has no `# violates: <shape> <component>` line"
    expected = set()
    for words in declared:
        assert len(words) in (2, 3), f"{path.name}: `# violates:` takes a shape, a component and maybe a constraint"
        expected.add((_compact(words[0]), _compact(words[1]), _compact(words[2]) if len(words) == 3 else None))

    report = validate(_example(path))
    assert not report.conforms
    found = {(r.source_shape, r.component, r.source_constraint) for r in report.results}
    # a SPARQL constraint named in the header must be the one reported; otherwise any constraint
    # of that shape and component will do
    matched = {e for e in expected if any(f[:2] == e[:2] and (e[2] is None or f[2] == e[2]) for f in found)}
    assert matched == expected, f"missing {expected - matched}\n{report.text()}"
    unexpected = {f for f in found if not any(f[:2] == e[:2] for e in expected)}
    assert not unexpected, f"results the header does not declare: {unexpected}\n{report.text()}"

    # the file is named after a node shape that the violated shapes belong to
    owner = KIDDSH[_shape_name(path)]
    assert (owner, RDF.type, SH.NodeShape) in shapes, f"{path.name}: no node shape {owner}"
    assert {e[0] for e in expected} <= _reachable(shapes, owner), f"{path.name} violates shapes {owner} does not use"


# ---------------------------------------------------------------------------------- coverage
def test_every_node_shape_has_a_valid_and_an_invalid_example(shapes):
    names = _node_shapes(shapes)
    valid = {_shape_name(p) for p in VALID}
    invalid = {_shape_name(p) for p in INVALID}
    assert names - valid == set(), "node shapes without a conforming example"
    assert names - invalid == set(), "node shapes without a violating example"
    assert (valid | invalid) - names == set(), "examples named after no node shape"


def test_every_sparql_constraint_has_a_valid_and_an_invalid_example(shapes):
    constraints = _sparql_constraints(shapes)
    assert len(constraints) >= 8
    violated = {_compact(w[2]) for p in INVALID for w in _headers(p, "violates") if len(w) == 3}
    exercised = {_compact(w) for p in VALID for words in _headers(p, "exercises") for w in words}
    assert constraints - violated == set(), "SPARQL constraints no invalid example violates"
    assert constraints - exercised == set(), "SPARQL constraints no valid example exercises"
    assert (violated | exercised) - constraints == set(), "examples name SPARQL constraints that do not exist"


@pytest.mark.parametrize("path", [p for p in VALID if _headers(p, "exercises")], ids=lambda p: p.stem)
def test_an_exercised_constraint_has_something_to_check(path, shapes):
    """A node the constraint's shape targets has a value for the constraint's path."""
    g = _example(path)
    for words in _headers(path, "exercises"):
        for name in words:
            constraint = KIDDSH[_compact(name).split(":", 1)[1]]
            holders = list(shapes.subjects(SH.sparql, constraint))
            assert holders, f"{name} is used by no shape"
            checked = False
            for prop_shape in holders:
                path_iri = shapes.value(prop_shape, SH.path)
                for node_shape in shapes.subjects(SH.property, prop_shape):
                    for cls in shapes.objects(node_shape, SH.targetClass):
                        targets = {n for c in g.transitive_subjects(RDFS.subClassOf, cls) for n in g.subjects(RDF.type, c)}
                        checked |= any((t, path_iri, None) in g for t in targets)
            assert checked, f"{path.name} gives {name} nothing to check"


# ---------------------------------------------------------------------------------- the shapes file
@pytest.mark.slow  # pySHACL's meta-shapes over the whole shapes file: make test-all and CI
def test_the_shapes_are_valid_shacl(shapes):
    """pyshacl checks the shapes graph against the SHACL-for-SHACL shapes (meta_shacl)."""
    conforms, _, text = pyshacl.validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text


def test_every_constraint_says_in_english_what_is_wrong(shapes):
    """Node shapes with node-level constraints, property shapes with constraints and SPARQL
    constraints carry an @en sh:message; a property shape that only holds a SPARQL constraint
    does not (its constraint's message is the one reported)."""
    node_level = {SH.nodeKind, SH["or"], SH["and"], SH["not"], SH.xone, SH["class"], SH.node, SH.closed}
    ignore = {RDF.type, SH.path, SH.property, SH.targetClass, SH.targetSubjectsOf, SH.message, SH.sparql,
              SH.severity, SH.name, SH.description, SH.qualifiedMinCount, SH.qualifiedMaxCount}

    def english(node):
        return any(isinstance(m, Literal) and m.language == "en" for m in shapes.objects(node, SH.message))

    for s in shapes.subjects(RDF.type, SH.NodeShape):
        if set(shapes.predicates(s)) & node_level:
            assert english(s), f"{s} has node-level constraints but no @en sh:message"
        else:
            assert (s, SH.message, None) not in shapes, f"{s}: a message without node-level constraints"
    for s in shapes.subjects(RDF.type, SH.PropertyShape):
        constraints = set(shapes.predicates(s)) - ignore
        if constraints:
            assert english(s), f"{s} has no @en sh:message"
        else:
            assert (s, SH.sparql, None) in shapes, f"{s} checks nothing"
            assert (s, SH.message, None) not in shapes, f"{s}: the message belongs on its SPARQL constraint"
    for c in shapes.subjects(RDF.type, SH.SPARQLConstraint):
        assert english(c), f"{c} has no @en sh:message"
        assert (c, SH.prefixes, None) in shapes, f"{c} has no sh:prefixes"


def test_shapes_name_only_terms_the_ontology_declares(shapes):
    """A misspelt class or property in a shape would silently check nothing."""
    schema = load_schema().graph
    declared = set(schema.subjects(RDF.type, None))

    def path_terms(node):
        if isinstance(node, URIRef):
            yield node
            return
        for p in (SH.inversePath, SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath):
            for inner in shapes.objects(node, p):
                yield from path_terms(inner)
        for alts in shapes.objects(node, SH.alternativePath):
            for inner in Collection(shapes, alts):
                yield from path_terms(inner)

    core = (str(RDF), str(RDFS), "http://www.w3.org/2004/02/skos/core#")
    used = set()
    for p in shapes.objects(None, SH.path):
        used |= set(path_terms(p))
    used |= set(shapes.objects(None, SH["class"])) | set(shapes.objects(None, SH.targetClass))
    used |= set(shapes.objects(None, SH.targetSubjectsOf))
    unknown = {t for t in used if t not in declared and not str(t).startswith(core)}
    assert not unknown, f"terms the ontology does not declare: {sorted(unknown)}"
    assert all((c, RDF.type, OWL.Class) in schema for c in shapes.objects(None, SH.targetClass))


def test_every_class_with_instances_has_a_node_shape(corpus, shapes):
    """Each class of ours (and the OWL-Time and NIF classes we use) that the built graph has
    instances of is the target of a node shape."""
    targets = set(shapes.objects(None, SH.targetClass))
    ours = (str(KIDD._NS), str(TIME))
    used = {c for c in corpus.union().objects(None, RDF.type) if str(c).startswith(ours)}
    used |= {NIF.Context, NIF.RFC5147String}
    assert used - targets == set()


# ---------------------------------------------------------------------------------- the built graph
@pytest.fixture(scope="module")
def seed_report(built) -> tuple[Report, float]:
    data = built.queryable()
    start = time.perf_counter()
    report = validate(data)
    return report, time.perf_counter() - start


def test_the_seed_statement_conforms(seed_report):
    report, _ = seed_report
    assert report.conforms, report.text()
    assert report.nodes_checked > 1500  # entities, events, acts, commitments, times, assertions, spans


@pytest.mark.slow  # every statement is validated by `kg build` too
def test_the_whole_corpus_conforms(corpus):
    report = validate(corpus.queryable())
    assert report.conforms, report.text()
