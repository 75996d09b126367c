"""Every combination SPARQLWrapper offers against ``kg serve``: the four query forms × its nine
return formats × its three ways of sending a query (GET, form POST, direct POST), each checked
against the same query run locally by rdflib.

SPARQLWrapper asks for a format both in ``Accept`` and in ``format=``/``output=``/``results=``
(repeated, sometimes with a media type list as a second value). Where it asks for a format the
query form cannot have (Turtle for a SELECT, CSV for a CONSTRUCT) the server answers by
``Accept`` (SPARQLWrapper then sends ``*/*``), as the Oxigraph server does: SPARQLWrapper converts
that answer (with a warning), so every combination gives the right value."""

from __future__ import annotations

import csv
import io
from xml.dom.minidom import Document

import pytest
from rdflib import Graph, URIRef
from rdflib.query import Result

from kg.namespace import ID
from tests.marks import sample

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning:SPARQLWrapper")

SELECT = "SELECT ?c (COUNT(*) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c LIMIT 3"
ASK_TRUE = "ASK { ?s a ?c }"
CONSTRUCT = "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c }"
FORMATS = ["json", "xml", "turtle", "n3", "rdf", "rdf+xml", "csv", "tsv", "json-ld"]
MODES = [("GET", "urlencoded"), ("POST", "urlencoded"), ("POST", "postdirectly")]


@pytest.fixture(scope="module")
def graph(built):
    return built.queryable()


@pytest.fixture(scope="module")
def endpoint(seed_server):
    return seed_server.url + "sparql"


@pytest.fixture(scope="module")
def thing(graph) -> URIRef:
    """The first thing of the graph's own (``ID``) namespace that has a type: what DESCRIBE asks about."""
    return sorted(s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(str(ID)))[0]


@pytest.fixture(scope="module")
def expected(graph, thing):
    rows = [[str(t) for t in row] for row in graph.query(SELECT)]
    return {"SELECT": rows, "ASK": True, "CONSTRUCT": len(graph.query(CONSTRUCT).graph),
            # the endpoint's DESCRIBE (Oxigraph's): the thing's own triples (no bnode objects here, and
            # unlike rdflib's Graph.cbd no reifications of them)
            "DESCRIBE": len(set(graph.triples((thing, None, None))))}


def rows_of(value) -> list[list[str]]:
    """A SELECT answer as SPARQLWrapper converts it, as rows of strings (header left off)."""
    if isinstance(value, dict):
        names = value["head"]["vars"]
        return [[b[v]["value"] for v in names] for b in value["results"]["bindings"]]
    if isinstance(value, Document):
        res = Result.parse(io.StringIO(value.toxml()), format="xml")
    elif value.startswith(b"?"):  # TSV: N-Triples terms, header ?c\t?n
        res = Result.parse(io.BytesIO(value), format="tsv")
    else:
        return list(csv.reader(io.StringIO(value.decode("utf-8"))))[1:]
    return [[str(row[v]) for v in res.vars] for row in res]


def boolean_of(value) -> bool:
    if isinstance(value, dict):
        return value["boolean"]
    if isinstance(value, Document):
        return Result.parse(io.StringIO(value.toxml()), format="xml").askAnswer
    return {b"true": True, b"false": False}[value.strip()]


def triples_of(value, ctype: str) -> int:
    if isinstance(value, Graph):
        return len(value)
    assert ctype.startswith("text/turtle"), ctype
    return len(Graph().parse(data=value, format="turtle"))


@pytest.mark.parametrize("method,request_method", sample(MODES, 3, several=True), ids=["get", "post-form", "post-direct"])
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("form", ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"])
def test_sparqlwrapper_combination(endpoint, expected, thing, form, fmt, method, request_method):
    from SPARQLWrapper import SPARQLWrapper

    client = SPARQLWrapper(endpoint)
    client.setQuery({"SELECT": SELECT, "ASK": ASK_TRUE, "CONSTRUCT": CONSTRUCT,
                     "DESCRIBE": f"DESCRIBE <{thing}>"}[form])
    client.setReturnFormat(fmt)
    client.setMethod(method)
    client.setRequestMethod(request_method)
    answer = client.query()
    ctype = answer.info()["content-type"]
    value = answer.convert()
    if form == "SELECT":
        assert rows_of(value) == expected["SELECT"], (ctype, value)
    elif form == "ASK":
        assert boolean_of(value) is True, (ctype, value)
    else:
        assert triples_of(value, ctype) == expected[form], ctype


def test_false_ask_and_an_empty_select(endpoint):
    """Not every answer is the non-empty one: a false ASK and a SELECT without rows, in JSON and CSV."""
    from SPARQLWrapper import SPARQLWrapper

    for fmt in ("json", "csv", "xml"):
        client = SPARQLWrapper(endpoint)
        client.setReturnFormat(fmt)
        client.setQuery("ASK { <urn:nothing> ?p ?o }")
        assert boolean_of(client.query().convert()) is False
        client.setQuery("SELECT ?p WHERE { <urn:nothing> ?p ?o }")
        assert rows_of(client.query().convert()) == []
