"""The VoID/DCAT description: every number in it agrees with a count made here independently."""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import RDF, SKOS, XSD, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, FOAF, VOID

from kg import __version__
from kg.graph import links
from kg.graph.build import graph_iri
from kg.exports.formats import serialize
from kg.namespace import ID, KIDD, ONTOLOGY_IRI
from kg.exports.void import DOWNLOAD_BASE, DATASET, SD, describe

CREATED = "2026-11-27"
ENDPOINT = "https://example.org/kidd-kg/sparql"


@pytest.fixture(scope="module")
def dumps(built, tmp_path_factory):
    out = tmp_path_factory.mktemp("dumps")
    paths = {"turtle": out / "kg.ttl", "trig": out / "kg.trig"}
    paths["turtle"].write_text(serialize(built.union(), "turtle"), encoding="utf-8")
    paths["trig"].write_text("# not a real dump, only its size matters here\n", encoding="utf-8")
    return paths


def _sizes(dumps):
    return {fmt: path.stat().st_size for fmt, path in dumps.items()}


@pytest.fixture(scope="module")
def void(built, dumps):
    return describe(built, dumps=dumps, endpoint=ENDPOINT, created=CREATED, sizes=_sizes(dumps))


@pytest.fixture(scope="module")
def asserted_triples(built):
    """The asserted graph counted straight from the dataset's named graphs (not via union())."""
    triples = set()
    for part in ("facts", "provenance", "enrichment", "links", "coding"):
        for iri in built.graph_iris(part):
            triples.update(built.dataset.graph(iri))
    return triples


@pytest.fixture(scope="module")
def asserted(asserted_triples):
    g = Graph()
    for t in asserted_triples:
        g.add(t)
    return g


def _int(g: Graph, s, p) -> int:
    values = list(g.objects(s, p))
    assert len(values) == 1, (s, p, values)
    (v,) = values
    assert isinstance(v, Literal) and v.datatype in (XSD.integer, XSD.nonNegativeInteger), v
    return int(v)


def test_parses_back_the_same(void):
    text = serialize(void, "turtle")
    base = "https://example.org/kidd-kg/void.ttl"
    again = Graph().parse(data=text, format="turtle", publicID=base)
    assert len(again) == len(void)
    assert (DATASET, RDF.type, VOID.Dataset) in again
    assert (None, DCAT.downloadURL, URIRef(DOWNLOAD_BASE + "kg.ttl")) in again  # absolute: no base needed


def test_no_blank_nodes(void):
    assert not [t for t in void if any(isinstance(x, BNode) for x in t)]


def test_metadata(void):
    d = DATASET
    assert (d, RDF.type, DCAT.Dataset) in void
    assert void.value(d, DCTERMS.title) and void.value(d, DCTERMS.description)
    assert (d, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")) in void
    publisher = void.value(d, DCTERMS.publisher)
    assert publisher == ID["agent/kidd-kg-curators"]
    assert (publisher, RDF.type, FOAF.Organization) in void and void.value(publisher, FOAF.name)
    assert void.value(d, DCTERMS.created) == Literal(date.fromisoformat(CREATED))
    assert str(void.value(d, URIRef("http://www.w3.org/ns/dcat#version"))) == __version__
    assert void.value(d, VOID.uriSpace) == Literal("https://w3id.org/kidd-kg/id/")
    assert (d, VOID.sparqlEndpoint, URIRef(ENDPOINT)) in void


def test_created_defaults_to_today(built):
    g = describe(built, include_inferred=False)
    assert g.value(DATASET, DCTERMS.created) == Literal(date.today())
    assert not list(g.objects(DATASET, VOID.sparqlEndpoint))
    assert not list(g.objects(DATASET, DCAT.distribution))


def test_triples_and_distinct_counts(void, built, asserted_triples):
    assert _int(void, DATASET, VOID.triples) == len(asserted_triples) == len(built.union())
    assert _int(void, DATASET, VOID.distinctSubjects) == len({s for s, _, _ in asserted_triples})
    assert _int(void, DATASET, VOID.distinctObjects) == len({o for _, _, o in asserted_triples})
    space = "https://w3id.org/kidd-kg/id/"
    entities = {s for s, _, _ in asserted_triples if isinstance(s, URIRef) and str(s).startswith(space)}
    assert _int(void, DATASET, VOID.entities) == len(entities)


def test_class_partitions(void, asserted):
    expected = {
        row.c: int(row.n)
        for row in asserted.query("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c")
    }
    parts = list(void.objects(DATASET, VOID.classPartition))
    got = {void.value(p, VOID["class"]): _int(void, p, VOID.entities) for p in parts}
    assert len(parts) == len(got) == len(expected) == _int(void, DATASET, VOID.classes)
    assert got == expected
    assert got[KIDD.SpeechAct] > 0
    assert URIRef("https://w3id.org/kidd-kg/dataset/partition/class/Person") in parts


def test_property_partitions(void, asserted):
    expected = {
        row.p: (int(row.n), int(row.s), int(row.o))
        for row in asserted.query(
            "SELECT ?p (COUNT(*) AS ?n) (COUNT(DISTINCT ?s) AS ?s) (COUNT(DISTINCT ?o) AS ?o) "
            "WHERE { ?s ?p ?o } GROUP BY ?p"
        )
    }
    parts = list(void.objects(DATASET, VOID.propertyPartition))
    got = {
        void.value(p, VOID.property): (
            _int(void, p, VOID.triples), _int(void, p, VOID.distinctSubjects), _int(void, p, VOID.distinctObjects)
        )
        for p in parts
    }
    assert len(parts) == len(got) == len(expected) == _int(void, DATASET, VOID.properties)
    assert got == expected
    assert sum(n for n, _, _ in got.values()) == _int(void, DATASET, VOID.triples)


def test_one_linkset_per_target(void, built):
    link_graph = built.union(("links",))
    linksets = set(void.subjects(RDF.type, VOID.Linkset))
    assert len(linksets) == len(links.DATASETS)
    total = 0
    for name, (pattern, homepage, title) in links.DATASETS.items():
        (ls,) = [ls for ls in linksets if homepage in set(void.objects(ls, VOID.target))]
        assert (DATASET, VOID.subset, ls) in void
        assert set(void.objects(ls, VOID.target)) == {DATASET, homepage}
        assert (ls, VOID.linkPredicate, SKOS.exactMatch) in void
        assert (homepage, RDF.type, VOID.Dataset) in void
        assert str(void.value(homepage, DCTERMS.title)) == title
        n = sum(1 for _, _, o in link_graph if pattern.match(str(o)))
        assert _int(void, ls, VOID.triples) == n
        total += n
    assert total == len(link_graph) > 0


def test_statement_subsets(void, built):
    assert built.statements
    for st in built.statements:
        doc = ID[f"statement/{st.id}"]
        subsets = set(void.objects(DATASET, VOID.subset))
        (sub,) = [s for s in void.subjects(DCTERMS.source, doc) if s in subsets]
        triples = set()
        for part in ("facts", "provenance", "enrichment"):
            g = built.dataset.graph(graph_iri(st.id, part))
            triples.update(g)
            (gsub,) = list(void.subjects(SD.name, graph_iri(st.id, part)))
            assert (sub, VOID.subset, gsub) in void
            assert _int(void, gsub, VOID.triples) == len(g)
        assert _int(void, sub, VOID.triples) == len(triples)


def test_inferred_subset_counted_apart(void, built):
    (sub,) = list(void.subjects(SD.name, built.INFERRED))
    assert _int(void, sub, VOID.triples) == len(built.inferred)


def test_examples(void):
    examples = set(void.objects(DATASET, VOID.exampleResource))
    assert ID["event/kidd-21"] in examples
    assert any(str(e).startswith(str(ID["act/"])) for e in examples)
    assert any(str(e).startswith(str(ID["commitment/"])) for e in examples)


def test_vocabularies(void, asserted):
    vocabularies = {str(v) for v in void.objects(DATASET, VOID.vocabulary)}
    assert str(ONTOLOGY_IRI) in vocabularies
    assert "http://www.w3.org/ns/prov#" in vocabularies
    assert "https://w3id.org/kidd-kg/vocab/act-kind" in vocabularies
    for p in set(asserted.predicates()):
        assert any(str(p).startswith(v) for v in vocabularies), p


def test_distributions(void, dumps):
    dists = list(void.objects(DATASET, DCAT.distribution))
    assert len(dists) == len(dumps)
    for fmt, path in dumps.items():
        url = URIRef(DOWNLOAD_BASE + path.name)
        (dist,) = [d for d in dists if void.value(d, DCAT.downloadURL) == url]
        assert (DATASET, VOID.dataDump, url) in void
        assert void.value(dist, DCAT.mediaType) is not None and void.value(dist, DCTERMS["format"]) is not None
        assert _int(void, dist, DCAT.byteSize) == path.stat().st_size
    turtle = [d for d in dists if void.value(d, DCAT.downloadURL) == URIRef(DOWNLOAD_BASE + "kg.ttl")][0]
    assert str(void.value(turtle, DCAT.mediaType)).endswith("/text/turtle")


def test_download_base(built, dumps):
    g = describe(built, dumps=dumps, created=CREATED, include_inferred=False, download_base="https://example.org/d/")
    assert (DATASET, VOID.dataDump, URIRef("https://example.org/d/kg.ttl")) in g


def test_no_size_is_read_from_disk(built, dumps):
    """A size on disk may be an earlier build's: without sizes, none is stated (issue: void.ttl
    described the previous build)."""
    g = describe(built, dumps=dumps, created=CREATED, include_inferred=False)
    assert list(g.objects(None, DCAT.byteSize)) == []


def test_every_iri_is_absolute_and_oxigraph_reads_it(void):
    import pyoxigraph as ox

    text = serialize(void, "turtle")
    store = ox.Store()
    store.load(text, format=ox.RdfFormat.TURTLE)  # refuses relative IRIs without a base
    assert len(store) == len(void)


def test_deterministic(built, dumps, void):
    again = describe(built, dumps=dumps, endpoint=ENDPOINT, created=CREATED, sizes=_sizes(dumps))
    assert isomorphic(again, void)
    assert serialize(again, "turtle") == serialize(void, "turtle")
