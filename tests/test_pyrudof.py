"""A second, independent SHACL engine: pyrudof (rudof, in Rust) agrees with kg.checks.fast and pySHACL.

pyrudof runs every shape of ontology/shapes.ttl, the SHACL-SPARQL constraints (sh:sparql) included,
in both of its modes (Native and Sparql); here it is compared result by result (focus node,
constraint component, source shape) with kg.checks.fast and pySHACL on the built seed, on the seed
with errors put in (core and SPARQL constraints) and on every shape example under tests/shapes/.
pyrudof is a test tool (the `test` extra); the module is skipped where it is not installed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import XSD

from kg.checks.validate import validate
from kg.namespace import ID, KIDD, NIF
from kg.pipeline import build
from kg.resources import ontology_dir
from kg.source.terms import load_schema

pytestmark = pytest.mark.slow  # long: make test-all and CI run it

pyrudof = pytest.importorskip("pyrudof")

HERE = Path(__file__).resolve().parent
# the violating examples of the node shapes that carry SHACL-SPARQL constraints (the whole set of
# examples is compared with pySHACL in tests/test_shacl.py; pyrudof agreed on all of them, 2026-12)
SPARQL_SHAPES = ("EventShape", "SessionShape", "SpeechActShape", "CommitmentShape", "DocumentShape",
                 "ProperIntervalShape", "SpanShape", "ContextShape")
EXAMPLES = sorted(p for p in (HERE / "shapes" / "invalid").glob("*.ttl") if p.name.startswith(SPARQL_SHAPES))
SHAPES = ontology_dir() / "shapes.ttl"
MODES = {"native": pyrudof.ShaclValidationMode.Native, "sparql": pyrudof.ShaclValidationMode.Sparql}


def _local(term: str) -> str:
    return term.rsplit("#", 1)[-1].rsplit(":", 1)[-1] if term else term


def _node(term: str) -> str:
    """An IRI as is; any blank node as ``_:`` (the engines label blank nodes differently)."""
    return term if "://" in term else "_:"


def rudof_results(graph: Graph, tmp: Path, mode: str) -> tuple[bool, set[tuple[str, str, str]]]:
    data = tmp / "data.nt"
    data.write_text(graph.serialize(format="nt"), encoding="utf-8")
    r = pyrudof.Rudof(pyrudof.RudofConfig())
    r.read_data(str(data), format=pyrudof.RDFFormat.NTriples)
    r.read_shacl(str(SHAPES))
    report = r.validate_shacl(mode=MODES[mode])
    results = {(_node(str(e.focus_node)), _local(str(e.constraint_component)), _local(str(e.source_shape))) for e in report}
    return report.conforms, results


def kg_results(graph: Graph, engine: str) -> tuple[bool, set[tuple[str, str, str]]]:
    copy = Graph()
    for t in graph:
        copy.add(t)
    report = validate(copy, engine=engine)
    return report.conforms, {(_node(r.focus), _local(r.component), _local(r.source_shape)) for r in report.results}


def _agree(graph: Graph, tmp: Path) -> set[tuple[str, str, str]]:
    fast = kg_results(graph, "fast")
    assert kg_results(graph, "reference") == fast
    for mode in MODES:
        assert rudof_results(graph, tmp, mode) == fast, mode
    return fast[1]


def test_the_seed_conforms_on_all_three(built, tmp_path) -> None:
    assert _agree(built.queryable(), tmp_path) == set()


def test_a_broken_seed_gets_the_same_results(tmp_path) -> None:
    broken = build(only="kidd-21")
    facts = broken.graph("kidd-21", "facts")
    facts.remove((ID["event/kidd-21/ulchi-freedom-shield"], KIDD.status, None))  # EventRequired (SPARQL)
    facts.add((ID["delegation/kidd-21-us"], KIDD.represents, ID["state/rok"]))  # maxCount
    facts.add((ID["state/usa"], RDFS.label, Literal("USA", lang="en")))  # uniqueLang
    facts.add((ID["state/usa"], RDFS.label, Literal("USA", lang="de")))  # languageIn
    stranger = ID["person/a-stranger"]  # a co-chair from no side (CoChairTakesPart, SPARQL)
    facts.add((stranger, RDF.type, KIDD.Person))
    facts.add((ID["event/kidd-21/executive-session"], KIDD.coChairedBy, stranger))
    facts.add((ID["act/kidd-21/a01"], KIDD.status, ID["state/usa"]))  # sh:node
    prov = broken.graph("kidd-21", "provenance")  # offsets that miss the words (SpanInText, SPARQL)
    span = sorted(prov.subjects(NIF.anchorOf, None))[0]
    end = prov.value(span, NIF.endIndex)
    prov.remove((span, NIF.endIndex, end))
    prov.add((span, NIF.endIndex, Literal(int(end) + 100000, datatype=XSD.nonNegativeInteger)))
    results = _agree(broken.queryable(), tmp_path)
    assert len(results) == 11
    assert {c for _, c, _ in results} >= {"SPARQLConstraintComponent", "MaxCountConstraintComponent",
                                          "UniqueLangConstraintComponent", "LanguageInConstraintComponent",
                                          "NodeConstraintComponent", "QualifiedMinCountConstraintComponent"}
    assert {s for _, c, s in results if c == "SPARQLConstraintComponent"} == {"Event-required", "Session-coChair", "Span-inText"}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_shape_example(path, tmp_path) -> None:
    g = Graph()
    g.parse(path, format="turtle")
    for t in load_schema().graph:
        g.add(t)
    fast = kg_results(g, "fast")
    assert fast[0] == (path.parent.name == "valid")
    assert rudof_results(g, tmp_path, "native") == fast
