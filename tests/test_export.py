"""Every export format re-parses to the same graph; Turtle and N-Triples are byte-stable."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.pipeline import build
from kg.exports.formats import FORMATS, serialize
from tests.marks import sample

PARSE_AS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "trig": "trig", "nquads": "nquads", "xml": "xml"}


@pytest.mark.parametrize("fmt", sample(sorted(FORMATS), 2))
def test_round_trip(built, fmt):
    named = FORMATS[fmt][2]
    if named:
        text = serialize(built.dataset, fmt)
        back = Dataset()
        back.parse(data=text, format=PARSE_AS[fmt])
        for st in built.statements:
            for part in ("facts", "provenance", "enrichment"):
                g = built.graph(st.id, part)
                assert len(g) > 0
                assert isomorphic(back.graph(g.identifier), g), (fmt, part)
    else:
        g = built.union()
        text = serialize(g, fmt)
        back = Graph().parse(data=text, format=PARSE_AS[fmt])
        assert len(back) == len(g)
        assert isomorphic(back, g), fmt


@pytest.fixture(scope="module")
def again():
    """A second build of the seed, made apart from the session's."""
    return build(only="kidd-21")


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "nquads"])
def test_deterministic(built, again, fmt):
    built.inferred, again.inferred  # both datasets then hold the same named graphs, inferred included
    graph_a = built.dataset if FORMATS[fmt][2] else built.union()
    graph_b = again.dataset if FORMATS[fmt][2] else again.union()
    assert serialize(graph_a, fmt) == serialize(graph_b, fmt)


def test_turtle_is_readable(built):
    text = serialize(built.union(), "turtle")
    assert text.startswith("PREFIX ")
    assert "PREFIX kidd: <https://w3id.org/kidd-kg/ontology#>" in text
    assert "_:" not in text, "no blank nodes: everything is linkable"


@pytest.mark.slow  # make test-all and CI
def test_fast_turtle_writer_writes_rdflibs_bytes(corpus):
    """kg.exports.formats's Turtle writer only caches prefixed names: the bytes are rdflib's."""
    graph = corpus.union()
    assert serialize(graph, "turtle") == graph.serialize(format="longturtle")


@pytest.mark.slow  # make test-all and CI
def test_trig_writes_its_graphs_in_iri_order(corpus):
    text = serialize(corpus.dataset, "trig")
    heads = [line.split()[0].strip("<>") for line in text.splitlines() if line.endswith("{")]
    assert len(heads) >= 10 and heads == sorted(heads)
    back = Dataset()
    back.parse(data=text, format="trig")
    assert len(back) == len(corpus.dataset)
