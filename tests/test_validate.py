"""kg.checks.validate: loading the shapes, the report (text, Turtle, JSON, source sentences) and
validating RDF files (formats, parse errors, reasoning)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import SH

from kg.errors import KGError
from kg.source.terms import load_schema
from kg.checks.validate import RDF_FORMATS, Report, load_shapes, validate, validate_asserted, validate_files

HERE = Path(__file__).resolve().parent
VALID = HERE / "shapes" / "valid"
INVALID = HERE / "shapes" / "invalid"
ID = "https://w3id.org/kidd-kg/id/"

PREFIXES = """@base <https://w3id.org/kidd-kg/id/> .
@prefix gaf: <http://groundedannotationframework.org/gaf#> .
@prefix kidd: <https://w3id.org/kidd-kg/ontology#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

# A text of two sentences; Seoul is named in the second, and its only assertion is derived from
# that mention. The city has no English preferred label: one violation.
SEOUL = PREFIXES + """
<text/t#char=0,61> a nif:Context , nif:RFC5147String ;
    nif:isString "The allies met. Seoul, the capital, hosted the 21st dialogue." ;
    nif:beginIndex "0"^^xsd:nonNegativeInteger ;
    nif:endIndex "61"^^xsd:nonNegativeInteger .

<text/t#char=16,61> a nif:RFC5147String , nif:Sentence ;
    nif:beginIndex "16"^^xsd:nonNegativeInteger ;
    nif:endIndex "61"^^xsd:nonNegativeInteger ;
    nif:anchorOf "Seoul, the capital, hosted the 21st dialogue." ;
    nif:referenceContext <text/t#char=0,61> .

<text/t#char=16,21> a nif:RFC5147String ;
    nif:beginIndex "16"^^xsd:nonNegativeInteger ;
    nif:endIndex "21"^^xsd:nonNegativeInteger ;
    nif:anchorOf "Seoul" ;
    nif:sentence <text/t#char=16,61> ;
    nif:referenceContext <text/t#char=0,61> .

<place/seoul> a kidd:City ;
    rdfs:label "Seoul"@en ;
    skos:prefLabel "서울"@ko ;
    gaf:denotedBy <text/t#char=16,21> .

<assertion/t/1> a kidd:Assertion ;
    rdf:subject <place/seoul> ;
    rdf:predicate rdf:type ;
    rdf:object kidd:City ;
    prov:wasDerivedFrom <text/t#char=16,21> .
"""


def _graph(turtle: str) -> Graph:
    g = Graph()
    g.parse(data=turtle, format="turtle")
    for t in load_schema().graph:
        g.add(t)
    return g


@pytest.fixture(scope="module")
def seoul() -> Report:
    return validate(_graph(SEOUL))


@pytest.fixture(scope="module")
def conforming() -> Report:
    return validate(_graph(SEOUL.replace('skos:prefLabel "서울"@ko', 'skos:prefLabel "Seoul"@en , "서울"@ko')))


# ---------------------------------------------------------------------------------- the shapes
def test_load_shapes_reads_the_shapes_file():
    shapes = load_shapes()
    assert len(set(shapes.subjects(None, SH.NodeShape))) >= 50
    assert load_shapes() is not shapes  # a fresh graph each time: callers may change it


def test_a_missing_shapes_file_is_an_error_naming_it(tmp_path, monkeypatch):
    monkeypatch.setattr("kg.checks.validate.ontology_dir", lambda: tmp_path)
    with pytest.raises(KGError) as exc:
        load_shapes()
    assert str(tmp_path / "shapes.ttl") in str(exc.value)
    assert "missing" in str(exc.value)


def test_a_malformed_shapes_file_is_an_error_naming_it(tmp_path, monkeypatch):
    (tmp_path / "shapes.ttl").write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\nthis is not turtle\n", encoding="utf-8")
    monkeypatch.setattr("kg.checks.validate.ontology_dir", lambda: tmp_path)
    with pytest.raises(KGError) as exc:
        load_shapes()
    assert str(tmp_path / "shapes.ttl") in str(exc.value)
    assert "not valid Turtle" in str(exc.value)


# ---------------------------------------------------------------------------------- the report
def test_a_result_names_the_node_the_path_the_shape_and_the_sentence(seoul):
    assert not seoul.conforms
    assert seoul.violations == 1
    (r,) = seoul.results
    assert r.focus == ID + "place/seoul"
    assert r.focus_label == "Seoul"  # the English rdfs:label, as there is no English prefLabel
    assert r.path == "skos:prefLabel"
    assert r.value is None
    assert r.message == "Needs an English skos:prefLabel (a literal tagged @en)."
    assert r.severity == "Violation"
    assert r.source_shape == "kiddsh:Entity-prefLabel-en"
    assert r.component == "sh:QualifiedMinCountConstraintComponent"
    assert r.source_constraint is None
    # the sentence of the span the assertion was derived from, not just the span's words
    assert r.sentence == "Seoul, the capital, hosted the 21st dialogue."


def test_a_span_is_its_own_source(tmp_path):
    bad = SEOUL.replace('nif:anchorOf "Seoul" ;', 'nif:anchorOf "Seoal" ;')
    report = validate(_graph(bad.replace('skos:prefLabel "서울"@ko', 'skos:prefLabel "Seoul"@en')))
    (r,) = report.results
    assert (r.focus, r.source_constraint, r.path) == (ID + "text/t#char=16,21", "kiddsh:SpanInText", "nif:anchorOf")
    assert r.value == '"Seoal"'
    assert r.sentence == "Seoul, the capital, hosted the 21st dialogue."


def test_the_text_report_groups_results_by_node_and_quotes_the_source(seoul):
    text = seoul.text()
    lines = text.splitlines()
    assert lines[0] == f"Seoul <{ID}place/seoul>"
    assert lines[1] == "  - Needs an English skos:prefLabel (a literal tagged @en). (path skos:prefLabel)"
    assert lines[2] == "  source: “Seoul, the capital, hosted the 21st dialogue.”"
    assert lines[-1].startswith("Does not conform: 1 violation on 1 node (")
    assert lines[-1].endswith(" nodes checked)")


def test_a_conforming_report_says_so_in_one_line(conforming):
    assert conforming.conforms and conforming.results == []
    assert conforming.text() == f"Conforms: {conforming.nodes_checked} nodes checked, 0 violations\n"
    assert conforming.nodes_checked == 5  # the city, the assertion, the context and two spans


def test_the_turtle_report_is_the_w3c_validation_report(seoul):
    g = Graph()
    g.parse(data=seoul.turtle(), format="turtle")
    (report,) = g.subjects(None, SH.ValidationReport)
    assert g.value(report, SH.conforms) == Literal(False)
    (result,) = g.objects(report, SH.result)
    assert g.value(result, SH.focusNode) == URIRef(ID + "place/seoul")
    assert g.value(result, SH.resultSeverity) == SH.Violation


def test_the_json_report_has_every_field_in_a_stable_order(seoul):
    doc = json.loads(seoul.json())
    assert doc["conforms"] is False and doc["violations"] == 1
    assert doc["nodes_checked"] == seoul.nodes_checked
    (r,) = doc["results"]
    assert set(r) == {"focus", "focus_label", "path", "value", "message", "severity", "source_shape",
                      "component", "source_constraint", "sentence"}
    assert r["sentence"] == "Seoul, the capital, hosted the 21st dialogue."
    assert seoul.json() == validate(_graph(SEOUL)).json()


def test_results_are_sorted_and_deduplicated():
    report = validate(_graph((INVALID / "EventShape-no-time-no-mention.ttl").read_text(encoding="utf-8")))
    keys = [r.sort_key() for r in report.results]
    assert keys == sorted(keys) and len(set(report.results)) == len(report.results)
    assert {r.path for r in report.results} == {"time:hasTime", "gaf:denotedBy"}  # SPARQL ?path per result


# ---------------------------------------------------------------------------------- files
def test_validate_files_reads_every_format(tmp_path):
    """One example split over files of every format conforms again once they are read together,
    and gets the report it gets in one piece."""
    src = Graph()
    src.parse(VALID / "SpeechActShape.ttl", format="turtle")
    triples = sorted(src)
    formats = {".ttl": "turtle", ".nt": "nt", ".trig": "trig", ".nq": "nquads", ".jsonld": "json-ld", ".rdf": "xml"}
    assert set(formats) <= set(RDF_FORMATS)
    paths = []
    for i, (ext, fmt) in enumerate(formats.items()):
        part = Dataset()  # the quad formats keep their part in a named graph
        g = part.graph(URIRef(ID + f"graph/part{i}")) if RDF_FORMATS[ext][2] else part.default_graph
        for t in triples[i :: len(formats)]:
            g.add(t)
        path = tmp_path / f"part{ext}"
        path.write_text((part if RDF_FORMATS[ext][2] else g).serialize(format=fmt), encoding="utf-8")
        paths.append(path)

    report = validate_files(paths)
    assert report.conforms, report.text()
    assert report.json() == validate_files([VALID / "SpeechActShape.ttl"]).json()


def test_a_node_typed_only_by_a_range_is_not_taken_for_what_the_shape_wants():
    """The speaker's type is removed: kidd:saidBy's range would make it a kidd:Agent, but the
    shapes check what was asserted, in file mode as on a graph."""
    src = Graph()
    src.parse(VALID / "SpeechActShape.ttl", format="turtle")
    src.remove((URIRef(ID + "delegation/us"), None, URIRef("https://w3id.org/kidd-kg/ontology#Delegation")))
    plain = validate(_graph(src.serialize(format="turtle")))
    assert "kiddsh:SpeechAct-saidBy" in {r.source_shape for r in plain.results}
    data = Graph()
    for t in src:
        data.add(t)
    assert validate_asserted(data).json() == plain.json()


def test_validate_files_reports_violations(tmp_path):
    report = validate_files([INVALID / "CommitmentShape-no-status.ttl"])
    assert not report.conforms
    assert {(r.source_shape, r.component) for r in report.results} == {("kiddsh:Commitment-status", "sh:MinCountConstraintComponent")}


def test_a_file_that_does_not_parse_is_an_error_naming_it(tmp_path):
    bad = tmp_path / "broken.ttl"
    bad.write_text(PREFIXES + "<place/seoul> a kidd:City ;\n    rdfs:label \"Seoul\"@en \n<oops> .\n", encoding="utf-8")
    with pytest.raises(KGError) as exc:
        validate_files([VALID / "CityShape.ttl", bad])
    assert str(bad) in str(exc.value)
    assert "not valid Turtle" in str(exc.value)


def test_an_unknown_extension_is_an_error_naming_the_file(tmp_path):
    odd = tmp_path / "graph.txt"
    odd.write_text("<a> <b> <c> .\n", encoding="utf-8")
    with pytest.raises(KGError) as exc:
        validate_files([odd])
    assert str(odd) in str(exc.value)
    assert "`.txt`" in str(exc.value) and ".ttl" in str(exc.value)


def test_a_missing_file_is_an_error_naming_it(tmp_path):
    with pytest.raises(KGError) as exc:
        validate_files([tmp_path / "nowhere.ttl"])
    assert str(tmp_path / "nowhere.ttl") in str(exc.value)


def test_an_inconsistent_graph_is_an_error(tmp_path):
    path = tmp_path / "clash.ttl"
    path.write_text(PREFIXES + "<person/x> a kidd:Person , kidd:Meeting .\n", encoding="utf-8")
    with pytest.raises(KGError) as exc:
        validate_files([path])
    assert "inconsistent" in str(exc.value) and str(path) in str(exc.value)


def test_months_stay_valid_after_owlrl_installed_its_datatype_converters():
    """owlrl's own converters (improved_datatypes) reject "--09"^^xsd:gMonth and stay installed in
    rdflib; literals made meanwhile are flagged ill-typed. Validation must not report them."""
    from owlrl import DatatypeHandling

    from kg.checks.validate import _restore_rdflib_datatypes

    DatatypeHandling.use_Alt_lexical_conversions()
    try:
        g = _graph((VALID / "DateTimeDescriptionShape.ttl").read_text(encoding="utf-8"))
        month = URIRef("http://www.w3.org/2006/time#month")
        assert any(o.ill_typed for o in g.objects(None, month))  # the bug this guards against
        report = validate(g)
        assert report.conforms, report.text()
    finally:
        DatatypeHandling.use_RDFLib_lexical_conversions()
        _restore_rdflib_datatypes()
