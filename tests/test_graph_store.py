"""``kg serve``'s Graph Store Protocol reads (``/store``) and its VoID description
(``/.well-known/void``), linked from the Service Description: a real server on loopback."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import VOID
from tests.marks import sample


FORMATS = [("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
           ("application/rdf+xml", "xml")]


@pytest.fixture(scope="module")
def server(seed_server):
    return seed_server


def http(url: str, method: str = "GET", data: bytes | None = None, **headers: str):
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()


@pytest.fixture(scope="module")
def dump_triples(server) -> int:
    status, _, body = http(server.url + "dump/kg.nt")
    assert status == 200
    return len(Graph().parse(data=body, format="nt"))


@pytest.mark.parametrize("media,fmt", sample(FORMATS, 3, several=True))
def test_default_graph_is_the_dump(server, dump_triples, media, fmt):
    status, headers, body = http(server.url + "store?default", Accept=media)
    assert status == 200
    assert headers["content-type"].split(";")[0] == media
    assert len(Graph().parse(data=body, format=fmt)) == dump_triples


def test_head_and_default_format(server):
    status, headers, body = http(server.url + "store?default", method="HEAD")
    assert (status, body) == (200, b"")
    assert headers["content-type"].startswith("text/turtle")
    status, headers, _ = http(server.url + "store?default", Accept="text/html,*/*;q=0.8")
    assert status == 200 and headers["content-type"].startswith("text/turtle")


def test_named_graph_and_unknown_graph(server, built):
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    named = sorted((c for c in built.dataset.graphs() if c.identifier != DATASET_DEFAULT_GRAPH_ID and len(c)),
                   key=lambda c: str(c.identifier))
    assert named, "the build has named graphs"
    ctx = named[0]
    url = server.url + "store?" + urllib.parse.urlencode({"graph": str(ctx.identifier)})
    status, _, body = http(url, Accept="application/n-triples")
    assert status == 200
    assert len(Graph().parse(data=body, format="nt")) == len(ctx)
    status, _, body = http(server.url + "store?" + urllib.parse.urlencode({"graph": "urn:no-such-graph"}))
    assert status == 404 and b"urn:no-such-graph" in body


@pytest.mark.parametrize("query", ["", "default&graph=urn:x", "graph=urn:a&graph=urn:b"])
def test_one_graph_must_be_named(server, query):
    status, _, body = http(server.url + "store?" + query)
    assert status == 400 and b"/store?default" in body


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE", "PATCH"])
def test_writes_are_refused(server, method):
    status, headers, body = http(server.url + "store?default", method=method, data=b"<urn:a> <urn:b> <urn:c> .",
                                 **{"Content-Type": "application/n-triples"})
    assert status == 405 and headers["allow"] == "GET, HEAD, OPTIONS" and b"read-only" in body


def test_not_acceptable(server):
    status, _, _ = http(server.url + "store?default", Accept="image/png")
    assert status == 406


@pytest.mark.parametrize("media,fmt", FORMATS)
def test_void_description(server, media, fmt):
    status, headers, body = http(server.url + ".well-known/void", Accept=media)
    assert status == 200 and headers["content-type"].split(";")[0] == media
    g = Graph().parse(data=body, format=fmt)
    datasets = set(g.subjects(RDF.type, VOID.Dataset))
    assert datasets
    assert URIRef(server.url + "sparql") in set(g.objects(None, VOID.sparqlEndpoint))


def test_void_is_turtle_by_default(server):
    status, headers, body = http(server.url + ".well-known/void")
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    assert set(Graph().parse(data=body, format="turtle").subjects(RDF.type, VOID.Dataset))


def test_service_description_links_the_void(server):
    void = URIRef(server.url.rstrip("/") + "/.well-known/void")
    status, headers, body = http(server.url + "sparql", Accept="text/turtle")
    assert status == 200
    assert headers["link"] == f'<{void}>; rel="describedby"'
    sd = Graph().parse(data=body, format="turtle")
    svc = next(sd.subjects(RDF.type, URIRef("http://www.w3.org/ns/sparql-service-description#Service")))
    assert (svc, RDFS.seeAlso, void) in sd


def test_sparql_points_graph_store_reads_to_store(server):
    status, _, body = http(server.url + "sparql?default")
    assert status == 400 and b"/store?default" in body
