"""``kg publish`` and ``kg query --endpoint`` against a real Oxigraph server (PyPI ``oxigraph``),
started by the test on a free loopback port and stopped whatever happens."""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from rdflib import URIRef

from kg.queries import stored as kq
from kg.errors import KGError
from kg.serve.publish import publish, remote_query

SAMPLE = ["01-delegation-leaders", "04-speech-acts", "16-evidence", "21-plover-cameo"]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str:
    found = Path(sys.executable).with_name("oxigraph")
    if found.is_file():
        return str(found)
    which = shutil.which("oxigraph")
    if which is None:
        pytest.fail("the `oxigraph` command is missing: `pip install oxigraph` (the test extra installs it)")
    return which


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    """An Oxigraph server (read-write, RocksDB in a temporary folder) on 127.0.0.1."""
    port = free_port()
    log = tmp_path_factory.mktemp("oxigraph-log") / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                                 "--bind", f"127.0.0.1:{port}"], stdout=out, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(base + "/query", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"oxigraph did not start: {log.read_text(errors='replace')}")
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def graph(built):
    return built.queryable()


@pytest.fixture(scope="module")
def ntriples(graph) -> bytes:
    from kg.exports.formats import serialize

    return serialize(graph, "ntriples").encode("utf-8")


def kg(*argv: str) -> int:
    from kg.cli import main

    return main(list(argv))


def remote_count(endpoint: str, graph_iri: str | None = None) -> int:
    result = remote_query(endpoint, COUNT, default_graph=graph_iri)
    return int(next(iter(result))[0])


def test_publish_then_query_back_gives_the_local_answers(oxigraph, graph, capsys):
    assert kg("publish", "--statement", "kidd-21", "--endpoint", f"{oxigraph}/store") == 0
    out = capsys.readouterr().out
    assert f"published {len(graph)} triples to the default graph" in out
    for name in SAMPLE:
        assert kg("query", "--endpoint", f"{oxigraph}/query", name, "--format", "csv") == 0
        remote = list(csv.reader(io.StringIO(capsys.readouterr().out)))
        local = kq.rows(kq.run(graph, kq.resolve(name)))
        assert remote[0] == local[0] and sorted(remote[1:]) == sorted(local[1:]), name
    # the table is the same table as a local run prints
    assert kg("query", "--endpoint", f"{oxigraph}/query", "01") == 0
    table = capsys.readouterr().out
    assert table == kq.format_result(kq.run(graph, kq.resolve("01")), "table")
    # parameters bind remotely as they do locally
    assert kg("query", "--endpoint", f"{oxigraph}/query", "16", "-p", "subject=id:person/heo-tae-keun", "-f", "csv") == 0
    remote = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    local = kq.rows(kq.run(graph, kq.resolve("16"), {"subject": "id:person/heo-tae-keun"}))
    assert sorted(remote) == sorted(local) and len(local) > 1


@pytest.mark.slow  # a second full publish
def test_second_publish_replaces(oxigraph, graph, capsys):
    endpoint = f"{oxigraph}/query"
    assert kg("publish", "--statement", "kidd-21", "--endpoint", f"{oxigraph}/store") == 0
    first = remote_count(endpoint)
    assert first == len(graph)
    assert kg("publish", "--statement", "kidd-21", "--endpoint", f"{oxigraph}/store", "--format", "turtle") == 0
    assert remote_count(endpoint) == first
    capsys.readouterr()


def test_publish_to_a_named_graph(oxigraph, graph, ntriples, capsys):
    iri = "https://example.org/kidd-kg/test"
    assert publish(f"{oxigraph}/store", ntriples, iri) in (200, 201, 204)
    assert remote_count(f"{oxigraph}/query", iri) == len(graph)
    assert kg("query", "--endpoint", f"{oxigraph}/query", "--graph", iri, "02", "-f", "csv") == 0
    remote = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert sorted(remote) == sorted(kq.rows(kq.run(graph, kq.resolve("02"))))


def test_a_failed_upload_leaves_the_graph_as_it_was(oxigraph, graph):
    iri = "https://example.org/kidd-kg/atomic"
    publish(f"{oxigraph}/store", b"<urn:x:a> <urn:x:b> <urn:x:c> .\n", iri)
    with pytest.raises(KGError) as err:
        publish(f"{oxigraph}/store", b"<urn:x:a> <urn:x:b> <urn:x:d> .\n<urn:x:broken", iri)
    assert "400" in str(err.value)
    assert remote_count(f"{oxigraph}/query", iri) == 1
    rows = kq.rows(remote_query(f"{oxigraph}/query", "SELECT ?o WHERE { ?s ?p ?o }", default_graph=iri))
    assert rows == [["o"], ["urn:x:c"]]


def test_unreachable_endpoint_is_exit_2_with_a_clear_message(capsys):
    dead = f"http://127.0.0.1:{free_port()}"
    assert kg("publish", "--statement", "kidd-21", "--endpoint", f"{dead}/store") == 2
    err = capsys.readouterr().err
    assert "kg publish: error:" in err and dead in err and "cannot reach the endpoint" in err
    assert "refused" in err.lower()
    assert kg("query", "--endpoint", f"{dead}/query", "01") == 2
    err = capsys.readouterr().err
    assert "kg query: error:" in err and "cannot reach the endpoint" in err


def test_endpoint_errors_carry_status_and_message(oxigraph, capsys):
    # the query endpoint is not a Graph Store: Oxigraph refuses the PUT
    with pytest.raises(KGError) as refused:
        publish(f"{oxigraph}/query", b"<urn:x:a> <urn:x:b> <urn:x:c> .\n")
    assert "the upload failed: the endpoint answered 4" in str(refused.value)
    with pytest.raises(KGError) as bad:
        remote_query(f"{oxigraph}/query", "SELECT ?s WHERE { ?s ?p }")
    assert "answered 400" in str(bad.value)
    assert kg("query", "--endpoint", f"{oxigraph}/query", "16", "-p", "nosuch=1") == 2
    assert "no parameter `nosuch`" in capsys.readouterr().err
    assert kg("publish", "--statement", "kidd-21", "--endpoint", "ftp://example.org/x") == 2
    assert "http://" in capsys.readouterr().err
    assert kg("publish", "--statement", "kidd-21", "--endpoint", f"{oxigraph}/store", "--graph", "not an iri") == 2
    assert "not an absolute IRI" in capsys.readouterr().err


def test_remote_construct_comes_back_as_a_graph(oxigraph, graph):
    publish(f"{oxigraph}/store", b"<urn:x:a> <urn:x:b> <urn:x:c> .\n", "https://example.org/kidd-kg/g2")
    result = remote_query(f"{oxigraph}/query", "CONSTRUCT WHERE { ?s ?p ?o }", default_graph="https://example.org/kidd-kg/g2")
    assert result.type == "CONSTRUCT" and len(result.graph) == 1
    assert (URIRef("urn:x:a"), URIRef("urn:x:b"), URIRef("urn:x:c")) in result.graph
