"""Every query form × every return format SPARQLWrapper offers, against `kg serve` (4 × 9 = 36):
each answer converts, and gives the same rows, boolean or triples as the served dump queried
directly. SPARQLWrapper sends its format three ways (Accept, and `format`/`output`/`results`
parameters, several values, some comma-separated lists of media types), and asks for formats
that fit only the other query form (CSV for a CONSTRUCT, Turtle for a SELECT): the server then
answers in the form's default, as the Oxigraph server does."""

from __future__ import annotations

import csv
import io
import urllib.request
from xml.dom.minidom import Document

import pytest
from rdflib import Graph, URIRef

from kg.serve import start

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")
FORMATS = ["json", "xml", "turtle", "n3", "rdf", "rdf+xml", "csv", "tsv", "json-ld"]
PERSON = "<https://w3id.org/kidd-kg/ontology#Person>"
HEO = "https://w3id.org/kidd-kg/id/person/heo-tae-keun"
QUERIES = {
    "SELECT": f"SELECT ?s WHERE {{ ?s a {PERSON} }} ORDER BY ?s",
    "ASK": f"ASK {{ ?s a {PERSON} }}",
    "CONSTRUCT": f"CONSTRUCT {{ ?s a {PERSON} }} WHERE {{ ?s a {PERSON} }}",
    "DESCRIBE": f"DESCRIBE <{HEO}>",
}


@pytest.fixture(scope="module")
def server(built):
    srv = start(built, workers=1)
    try:
        yield srv
    finally:
        srv.close()


@pytest.fixture(scope="module")
def dump(server) -> Graph:
    with urllib.request.urlopen(server.url + "dump/kg.nt", timeout=30) as r:
        return Graph().parse(data=r.read(), format="nt")


def ask(server, form: str, fmt: str):
    sw = SPARQLWrapper.SPARQLWrapper(server.url + "sparql")
    sw.setQuery(QUERIES[form])
    sw.setReturnFormat(fmt)
    sw.setTimeout(30)
    return sw.query().convert()


def as_rows(value) -> list[str]:
    """The ?s column of a SELECT answer in any of the shapes SPARQLWrapper converts it to."""
    if isinstance(value, dict):
        return [b["s"]["value"] for b in value["results"]["bindings"]]
    if isinstance(value, Document):
        return [u.firstChild.data for u in value.getElementsByTagName("uri")]
    text = value.decode("utf-8")
    delim = "\t" if "\t" in text.splitlines()[0] or text.startswith("?") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delim))[1:]
    return [r[0].strip("<>") for r in rows]


def as_graph(value) -> Graph:
    if isinstance(value, Graph):
        return value
    return Graph().parse(data=value, format="turtle")  # SPARQLWrapper leaves Turtle as bytes


@pytest.mark.parametrize("fmt", FORMATS)
def test_select(server, dump, fmt):
    expected = [str(r[0]) for r in dump.query(QUERIES["SELECT"])]
    assert len(expected) == 3  # the seed's three persons
    assert as_rows(ask(server, "SELECT", fmt)) == expected


@pytest.mark.parametrize("fmt", FORMATS)
def test_ask(server, fmt):
    value = ask(server, "ASK", fmt)
    if isinstance(value, dict):
        assert value["boolean"] is True
    elif isinstance(value, Document):
        assert value.getElementsByTagName("boolean")[0].firstChild.data == "true"
    else:
        assert value.decode("utf-8").split()[-1] == "true"


@pytest.mark.parametrize("form", ["CONSTRUCT", "DESCRIBE"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_graph_forms(server, dump, form, fmt):
    if form == "DESCRIBE":  # what the server describes: the resource's own triples (no blank nodes here)
        expected = set(dump.triples((URIRef(HEO), None, None)))
    else:
        expected = set(dump.query(QUERIES[form]).graph)
    assert len(expected) >= 3  # three persons; Heo Tae-keun's page has more
    got = as_graph(ask(server, form, fmt))
    assert set(got) == expected
