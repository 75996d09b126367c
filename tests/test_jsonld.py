"""JSON-LD: the shipped context, a lossless and deterministic round trip, and the act view."""

from __future__ import annotations

import json

import pytest
from rdflib import RDF, XSD, Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import TIME

from kg.errors import KGError
from kg.exports.jsonld import CONTEXT_IRI, context_document, context_path, frame_commitment, from_jsonld, load_context, make_context, to_jsonld
from kg.namespace import ID, KIDD
from kg.source.terms import load_graph, load_schema
from kg.resources import ontology_files

A07 = ID["act/kidd-21/a07"]


@pytest.fixture(scope="module")
def asserted(built):
    return built.union()


@pytest.fixture(scope="module")
def text(asserted):
    return to_jsonld(asserted)


@pytest.fixture(scope="module")
def doc(text):
    return json.loads(text)


@pytest.fixture(scope="module")
def nodes(doc):
    return {n["@id"]: n for n in doc["@graph"]}


@pytest.fixture(scope="module")
def frame(asserted):
    return frame_commitment(asserted, A07)


# ---------------------------------------------------------------------- the context
def test_shipped_context_matches_the_ontology():
    """ontology/context.jsonld is generated from kidd.ttl; rewrite it with `python -m kg.exports.jsonld`."""
    assert context_path().read_text(encoding="utf-8") == context_document()


def test_context_covers_every_term():
    ontology = load_graph(ontology_files()[:1])
    ctx = make_context(ontology)
    ns = str(KIDD._NS)
    own = {str(s)[len(ns):] for s in ontology.subjects(RDF.type, None) if str(s).startswith(ns)}
    assert own and own <= set(ctx)
    assert ctx["saidBy"] == {"@id": "kidd:saidBy", "@type": "@id"}
    assert ctx["ordinal"] == {"@id": "kidd:ordinal"}  # xsd:integer: a JSON number
    assert ctx["label"] == {"@id": "rdfs:label", "@container": "@language"}
    assert ctx["inXSDDate"]["@type"] == "xsd:date"
    assert ctx["year"]["@type"] == "xsd:gYear" and ctx["month"]["@type"] == "xsd:gMonth"


# ---------------------------------------------------------------------- round trip
def test_round_trip_is_isomorphic(asserted, text):
    back = from_jsonld(text)
    assert len(back) == len(asserted)
    assert isomorphic(back, asserted)


def test_round_trip_with_the_published_context_iri(asserted):
    text = to_jsonld(asserted, context_ref=True)
    assert json.loads(text)["@context"] == CONTEXT_IRI
    assert isomorphic(from_jsonld(text), asserted)


def test_korean_labels_and_quotes_survive(asserted, nodes, text):
    rok = nodes["id:state/rok"]
    assert rok["label"] == {"en": "Republic of Korea", "ko": "대한민국"}
    assert "대한민국" in text  # written as UTF-8, not \u escapes
    quoted = [o for o in asserted.objects() if isinstance(o, Literal) and ('"' in o or "“" in o)]
    assert quoted
    back = from_jsonld(text)
    for lit in quoted:
        assert (None, None, lit) in back


def test_keys_are_short(nodes):
    act = nodes["id:act/kidd-21/a07"]
    assert act["@type"] == "SpeechAct"
    assert act["content"].startswith("the ROK and the U.S. will engage")
    assert set(act["saidBy"]) == {"id:delegation/kidd-21-rok", "id:delegation/kidd-21-us"}
    assert act["actKind"] == "vocab:act-kind/affirmation"
    assert {"condition", "madeAt", "topic", "undertakes", "label"} <= set(act)
    assert not [k for k in act if ":" in k]


def test_dates_and_numbers_are_typed(nodes, text):
    # in the JSON: plain strings whose datatype comes from the context
    instants = [n for n in nodes.values() if "inXSDDate" in n]
    assert instants and all(isinstance(n["inXSDDate"], str) for n in instants)
    years = [n for n in nodes.values() if "year" in n]
    assert years
    back = from_jsonld(text)
    for _, o in back.subject_objects(TIME.inXSDDate):
        assert o.datatype == XSD.date
    for _, o in back.subject_objects(TIME.year):
        assert o.datatype == XSD.gYear
    for _, o in back.subject_objects(TIME.month):
        assert o.datatype == XSD.gMonth
    ordinals = list(back.objects(None, KIDD.ordinal))
    assert ordinals and all(o.datatype == XSD.integer for o in ordinals)


def test_deterministic(asserted, text):
    shuffled = Graph()
    for t in sorted(asserted, key=lambda t: t[::-1], reverse=True):
        shuffled.add(t)
    assert to_jsonld(shuffled) == text
    ids = [n["@id"] for n in json.loads(text)["@graph"]]
    assert ids == sorted(ids)


# ---------------------------------------------------------------------- the act view
def _words(s: str) -> str:
    return " ".join(s.split())


def test_frame_reads_naturally(frame):
    assert frame["@id"] == "id:act/kidd-21/a07"
    assert frame["condition"] == "should the DPRK conduct a nuclear test"
    assert frame["content"].startswith("the ROK and the U.S. will engage")
    assert frame["actKind"]["prefLabel"]["en"] == "affirmation"
    agents = {a["label"]["en"] for a in frame["saidBy"]}
    assert agents == {"ROK delegation to the 21st KIDD", "U.S. delegation to the 21st KIDD"}
    assert frame["madeAt"]["label"]["en"] == "21st Korea-U.S. Integrated Defense Dialogue"
    commitment = frame["undertakes"]
    assert commitment["condition"] == "should the DPRK conduct a nuclear test"
    assert {d["label"]["en"] for d in commitment["debtor"]} == {"Republic of Korea", "United States"}


def test_frame_has_the_evidence(frame, built):
    evidence = frame["evidence"]
    assert evidence and all(e["@type"] == "Assertion" for e in evidence)
    spans = [e["wasDerivedFrom"] for e in evidence if isinstance(e["wasDerivedFrom"], dict)]
    condition = [s for s in spans if _words(s["anchorOf"]) == "should the DPRK conduct a nuclear test"]
    assert len(condition) == 1
    text = built.statements[0].text.string
    for span in spans:
        assert text[int(span["beginIndex"]):int(span["endIndex"])] == span["anchorOf"]
    sentences = [s["sentence"] for s in spans if isinstance(s.get("sentence"), dict)]
    assert len(sentences) == 1
    assert _words(sentences[0]["anchorOf"]).startswith("The two sides affirmed that, should the DPRK conduct a nuclear test")
    predicates = {e["predicate"] for e in evidence}
    assert {"condition", "content", "saidBy", "actKind"} <= predicates


def test_frame_says_nothing_the_graph_does_not(frame, asserted):
    known = Graph()
    for t in asserted:
        known.add(t)
    for t in load_schema().graph:
        known.add(t)
    triples = from_jsonld(frame)
    assert len(triples) > 50
    assert [t for t in triples if t not in known] == []


def test_frame_accepts_short_ids_and_refuses_non_acts(asserted):
    assert frame_commitment(asserted, "id:act/kidd-21/a07", context_ref=False)["@context"][0] == load_context()
    with pytest.raises(KGError):
        frame_commitment(asserted, "state/rok")
