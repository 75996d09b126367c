"""The fast SHACL engine (kg/checks/fast.py) reports exactly what pySHACL reports.

Compared result by result (focus node, path, value, component, source shape, SPARQL constraint,
message, severity) and as text, on:

* every example under tests/shapes/ (each shape's conforming and violating cases);
* the seed with errors put in (core and SPARQL constraints, on the checked graph);
* a small generated corpus with errors put in (shared property shapes, several statements);
* a shapes graph of our own that uses the SHACL the project's shapes do not (equals, xone,
  and, sequence and zero-or-more paths, lessThanOrEquals, targetNode, targetObjectsOf, patterns
  with flags, ill-typed literals), so that every component the engine claims is checked.

Nothing is timed here (make bench measures speed).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg import reasoning as R
from kg.checks import reference as CR
from kg.checks import values as CV
from kg.queries import stored as Q
from kg.sparql import engines as SE
from kg.graph.build import BuildResult
from kg.pipeline import build
from kg.errors import KGError
from kg.namespace import ID, KIDD, NIF
from kg.source.terms import load_schema
from synth import generate
from kg.checks.validate import Report, load_shapes, validate

HERE = Path(__file__).resolve().parent
EXAMPLES = sorted((HERE / "shapes").glob("*/*.ttl"))


def _same(fast: Report, ref: Report, messages: bool = True) -> None:
    """Same results; with ``messages=False`` the text of generic messages (for shapes that give no
    sh:message, which every project shape does) is not compared: the engines word them differently."""
    assert fast.conforms == ref.conforms
    if not messages:
        fast.results = [replace(r, message="") for r in fast.results]
        ref.results = [replace(r, message="") for r in ref.results]
    assert fast.results == ref.results, (
        f"only fast: {sorted(set(fast.results) - set(ref.results), key=str)[:3]}; "
        f"only reference: {sorted(set(ref.results) - set(fast.results), key=str)[:3]}"
    )
    assert fast.text() == ref.text()
    assert fast.nodes_checked == ref.nodes_checked


def _both(graph: Graph, shapes: Graph | None = None) -> tuple[Report, Report]:
    ref_copy = Graph()
    for t in graph:
        ref_copy.add(t)
    return validate(graph, shapes, engine="fast"), validate(ref_copy, shapes, engine="reference")


# ---------------------------------------------------------------------------------- examples
@pytest.mark.slow
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_shape_example_gets_the_reference_report(path):
    g = Graph()
    g.parse(path, format="turtle")
    fast, ref = _both(R.checked_graph(g, load_schema().graph))
    _same(fast, ref)
    assert fast.conforms == (path.parent.name == "valid")


def test_the_examples_were_collected():
    assert len([p for p in EXAMPLES if p.parent.name == "invalid"]) >= 60
    assert len([p for p in EXAMPLES if p.parent.name == "valid"]) >= 50


# ---------------------------------------------------------------------------------- real graphs
@pytest.mark.slow  # pySHACL on the seed; the default run checks it by the fast engine (test_shapes)
def test_the_seed_conforms_on_both_engines(built):
    fast, ref = _both(R.checked(built))
    _same(fast, ref)
    assert fast.conforms and fast.nodes_checked > 2000


@pytest.mark.slow
def test_a_broken_seed_gets_the_same_report(built):
    broken = build(only="kidd-21")
    facts = broken.graph("kidd-21", "facts")
    facts.remove((ID["event/kidd-21/ulchi-freedom-shield"], KIDD.status, None))  # EventRequired (SPARQL)
    facts.add((ID["delegation/kidd-21-us"], KIDD.represents, ID["state/rok"]))  # maxCount
    facts.add((ID["state/usa"], RDFS.label, Literal("USA", lang="en")))  # uniqueLang
    facts.add((ID["state/usa"], RDFS.label, Literal("USA", lang="de")))  # languageIn
    stranger = ID["person/a-stranger"]  # a co-chair from no side (CoChairTakesPart), no evidence
    facts.add((stranger, RDF.type, KIDD.Person))
    facts.add((ID["event/kidd-21/executive-session"], KIDD.coChairedBy, stranger))
    facts.add((ID["act/kidd-21/a01"], KIDD.status, ID["state/usa"]))  # sh:node StatusConcept
    prov = broken.graph("kidd-21", "provenance")  # a span whose offsets miss its words (SpanInText)
    span = sorted(prov.subjects(NIF.anchorOf, None))[0]
    end = prov.value(span, NIF.endIndex)
    prov.remove((span, NIF.endIndex, end))
    prov.add((span, NIF.endIndex, Literal(int(end) + 100000, datatype=XSD.nonNegativeInteger)))
    fast, ref = _both(R.checked(broken))
    _same(fast, ref)
    components = {r.component for r in fast.results}
    assert {"sh:SPARQLConstraintComponent", "sh:MaxCountConstraintComponent", "sh:UniqueLangConstraintComponent",
            "sh:LanguageInConstraintComponent", "sh:NodeConstraintComponent"} <= components
    assert {r.source_constraint for r in fast.results} >= {"kiddsh:EventRequired", "kiddsh:CoChairTakesPart", "kiddsh:SpanInText"}


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> BuildResult:
    root = tmp_path_factory.mktemp("synth-shacl")
    generate(4, seed=11, out_dir=root, size=0.08)
    return build(root=root)


@pytest.mark.slow  # an engine comparison
def test_a_generated_corpus_with_errors_gets_the_same_report(small_corpus):
    g = R.checked(small_corpus)
    statuses = sorted(g.subjects(KIDD.status, None))
    for node in statuses[:3]:  # a second status, from the same statement: OnePerStatement (shared shape)
        for a in list(g.subjects(RDF.subject, node)):
            if g.value(a, RDF.predicate) == KIDD.status:
                other = URIRef(str(a) + "-other")
                g.add((node, KIDD.status, URIRef("https://w3id.org/kidd-kg/vocab/status/held")))
                for p, o in g.predicate_objects(a):
                    g.add((other, p, URIRef("https://w3id.org/kidd-kg/vocab/status/held") if p == RDF.object else o))
                break
    fast, ref = _both(g)
    _same(fast, ref)
    assert not fast.conforms
    assert "kiddsh:OnePerStatement" in {r.source_constraint for r in fast.results}


@pytest.mark.slow
def test_the_fast_stack_checks_a_build_as_the_reference_stack(built):
    """Each stack checks a build (its own reasoner's closure consistent, the shapes on the checked
    graph) with the same report."""
    from kg.stack import STACKS

    fast = STACKS["fast"].validate_build(built)
    ref = STACKS["reference"].validate_build(build(only="kidd-21", stack="reference"))
    _same(fast, ref)


# ---------------------------------------------------------------------------------- coverage
EX = "http://example.org/"
EXTRA_SHAPES = f"""
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <{EX}> .

ex:ThingShape a sh:NodeShape ;
    sh:targetClass ex:Thing ;
    sh:xone ( [ sh:class ex:A ] [ sh:class ex:B ] ) ;
    sh:and ( [ sh:nodeKind sh:IRI ] [ sh:not [ sh:class ex:Banned ] ] ) ;
    sh:property [ sh:path ex:p ; sh:equals ex:q ] ,
        [ sh:path ( ex:partOf ex:name ) ; sh:maxCount 1 ; sh:pattern "^wh" ; sh:flags "i" ] ,
        [ sh:path [ sh:zeroOrMorePath ex:partOf ] ; sh:minCount 3 ] ,
        [ sh:path [ sh:oneOrMorePath ex:partOf ] ; sh:class ex:Thing ] ,
        [ sh:path [ sh:zeroOrOnePath ex:p ] ; sh:nodeKind sh:IRIOrLiteral ] ,
        [ sh:path ex:start ; sh:lessThanOrEquals ex:end ] ,
        [ sh:path ex:count ; sh:datatype xsd:integer ] ,
        [ sh:path ex:tag ; sh:in ( "a" "b" ) ; sh:uniqueLang true ] .

ex:NamedShape a sh:NodeShape ;
    sh:targetNode ex:n1 , ex:missing ;
    sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:datatype xsd:string ] .

ex:ObjectShape a sh:NodeShape ;
    sh:targetObjectsOf ex:partOf ;
    sh:property [ sh:path [ sh:inversePath ex:partOf ] ; sh:maxCount 1 ] ,
        [ sh:path [ sh:alternativePath ( ex:name ex:title ) ] ; sh:minCount 1 ; sh:datatype xsd:string ] .
"""
EXTRA_DATA = f"""
@prefix ex: <{EX}> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:t1 a ex:Thing , ex:A ; ex:p ex:x ; ex:q ex:x ; ex:partOf ex:t2 ; ex:start 1 ; ex:end 2 ; ex:tag "a" .
ex:t2 a ex:Thing , ex:A , ex:B ; ex:p ex:x ; ex:q ex:y ; ex:partOf ex:t3 , ex:t4 ; ex:name "What" ;
    ex:start 5 ; ex:end 2 ; ex:tag "c" , "a"@en , "b"@en .
ex:t3 a ex:Thing , ex:Banned ; ex:name "who" , "Nobody" ; ex:start 4 ; ex:end 3 ; ex:count "x"^^xsd:integer , 7 .
ex:t4 a ex:Other ; ex:title "T4"@en .
ex:t5 a ex:Thing , ex:A ; ex:partOf ex:t3 .
ex:n1 ex:name "one"@en .
"""


def test_components_the_project_does_not_use_yet_agree_with_pyshacl():
    shapes = Graph().parse(data=EXTRA_SHAPES, format="turtle")
    data = Graph().parse(data=EXTRA_DATA, format="turtle")
    fast, ref = _both(data, shapes)
    generic = {r.message for r in fast.results}
    _same(fast, ref, messages=False)
    assert "Value does not satisfy the Xone constraint of this shape" in generic
    components = {r.component for r in fast.results}
    assert {"sh:XoneConstraintComponent", "sh:AndConstraintComponent", "sh:EqualsConstraintComponent",
            "sh:LessThanOrEqualsConstraintComponent", "sh:PatternConstraintComponent", "sh:MinCountConstraintComponent",
            "sh:ClassConstraintComponent", "sh:DatatypeConstraintComponent", "sh:InConstraintComponent",
            "sh:UniqueLangConstraintComponent", "sh:MaxCountConstraintComponent"} <= components


def test_an_unsupported_constraint_is_refused_naming_the_shape():
    shapes = Graph().parse(data=f"""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <{EX}S> a sh:NodeShape ; sh:targetClass <{EX}Thing> ;
            sh:property [ sh:path <{EX}name> ; sh:minLength 3 ] .""", format="turtle")
    data = Graph().parse(data=EXTRA_DATA, format="turtle")
    with pytest.raises(KGError, match=r"does not support sh:minLength.*--engine reference"):
        validate(data, shapes, engine="fast")


@pytest.mark.parametrize("select, results", [
    ("SELECT ?x WHERE {{ ?x <{EX}name> 'who' }}", 0),  # binds none of this/path/value: no result
    ("SELECT ?value WHERE {{ ?value <{EX}name> 'who' }}", 4),  # one per ex:Thing, for its focus node
])
def test_a_sparql_constraint_that_does_not_select_this_runs_per_node_like_pyshacl(select, results):
    shapes = Graph().parse(data=f"""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <{EX}S> a sh:NodeShape ; sh:targetClass <{EX}Thing> ; sh:message "m" ;
            sh:sparql [ sh:message "named {{?value}}" ; sh:select "{select.format(EX=EX)}" ] .""", format="turtle")
    data = Graph().parse(data=EXTRA_DATA, format="turtle")
    fast, ref = _both(data, shapes)
    _same(fast, ref)
    assert len(fast.results) == results


def test_unknown_engine_is_an_error(built):
    with pytest.raises(KGError, match="unknown validation engine `quick`"):
        validate(Graph(), load_shapes(), engine="quick")


# ---------------------------------------------------------------------------------- review cases
PREFIXES_TTL = f"""@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <{EX}> .
"""


def _case(shapes_ttl: str, data_ttl: str) -> tuple[Report, Report]:
    shapes = Graph().parse(data=PREFIXES_TTL + shapes_ttl, format="turtle")
    data = Graph().parse(data=PREFIXES_TTL + data_ttl, format="turtle")
    return _both(data, shapes)


def _sparql_shape(select: str) -> str:
    return f"""ex:S a sh:NodeShape ; sh:targetClass ex:T ; sh:message "m" ;
        sh:sparql [ sh:message "found {{?value}}" ; sh:select \"\"\"PREFIX ex: <{EX}>
        {select}\"\"\" ] ."""


@pytest.mark.parametrize("shapes_ttl, data_ttl", [
    # an ill-typed boolean (rdflib rewrites its lexical form) fails sh:datatype
    ("""ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:datatype xsd:boolean ; sh:message "m" ] .""",
     """ex:a ex:p "01"^^xsd:boolean , "yes"^^xsd:boolean , true ."""),
    # a shape that is a class targets its instances
    ("""ex:Thing a rdfs:Class , sh:NodeShape ; sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:message "m" ] .""",
     """ex:a a ex:Thing . ex:b a ex:Thing ; ex:p 1 ."""),
    # pySHACL reads only the i and m flags
    ("""ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:pattern "^A.B$" ; sh:flags "is" ; sh:message "m" ] .""",
     'ex:a ex:p "a\\nb" , "AxB" .'),
    # SPARQL constraints whose $this a join at the end would not bind as pre-binding does: run per node
    (_sparql_shape("SELECT $this WHERE { OPTIONAL { $this ex:p ?x } FILTER(!BOUND(?x)) }"),
     "ex:a a ex:T . ex:b a ex:T ; ex:p 1 ."),
    (_sparql_shape("SELECT $this ?value WHERE { $this ex:p ?value . { ?value ex:q ?w FILTER(?w = $this) } }"),
     "ex:a a ex:T ; ex:p ex:b . ex:b ex:q ex:a . ex:c a ex:T ; ex:p ex:d . ex:d ex:q ex:a ."),
    (_sparql_shape("SELECT ?value (STR($this) AS ?n) WHERE { $this ex:p ?value }"),
     "ex:a a ex:T ; ex:p 1 . ex:b a ex:T ."),
    (_sparql_shape("SELECT $this ?value WHERE { $this ex:p ?value } LIMIT 1"),
     "ex:a a ex:T ; ex:p 1 . ex:b a ex:T ; ex:p 2 ."),
], ids=["ill-typed-boolean", "implicit-class-target", "pattern-flags", "sparql-optional-first",
        "sparql-nested-filter", "sparql-this-in-expression", "sparql-limit"])
@pytest.mark.filterwarnings("ignore:Parsing weird boolean")
def test_review_cases_agree_with_pyshacl(shapes_ttl, data_ttl):
    fast, ref = _case(shapes_ttl, data_ttl)
    _same(fast, ref)
    assert not fast.conforms


@pytest.mark.parametrize("shapes_ttl, message", [
    ("""ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:node ex:S ] .""", "refers to itself"),
    (_sparql_shape("SELECT $this WHERE { $this $PATH ?v }"), r"uses \$PATH, but the shape ex:S has no path"),
    ("""ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:property [ sh:path [ sh:inversePath ( ex:p ex:q ) ] ; sh:maxCount 0 ] .""",
     "sh:inversePath of a property only"),
], ids=["recursive-shape", "path-on-node-shape", "inverse-sequence"])
def test_what_the_fast_engine_does_not_do_is_refused(shapes_ttl, message):
    shapes = Graph().parse(data=PREFIXES_TTL + shapes_ttl, format="turtle")
    data = Graph().parse(data=PREFIXES_TTL + "ex:a a ex:T ; ex:p ex:a . ex:b ex:q ex:a .", format="turtle")
    with pytest.raises(KGError, match=message):
        validate(data, shapes, engine="fast")
