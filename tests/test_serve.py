"""``kg serve``: a real server on a free loopback port, queried by real SPARQL clients.

The server runs in a thread of the test process (its query workers are child processes);
the fixture stops it, and its workers, whatever happens.
"""

from __future__ import annotations

import csv
import io
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph, URIRef
from rdflib.query import Result

from kg.queries import stored as kq
from kg.namespace import ID, KIDD
from kg.serve import endpoint_text, negotiate, start

# SPARQLWrapper warns about the query forms it guesses (a malformed query, an update it is made to send)
pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning:SPARQLWrapper", "ignore::UserWarning:SPARQLWrapper")

TIME_LIMIT = 2.0
SIZE_CAP = 1024 * 1024
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"



# The stored queries that run on the served graph alone (the federated one calls Wikidata,
# which the public endpoint refuses; it is tested in test_federated.py).
LOCAL_QUERIES = [q for q in kq.list_queries() if not kq.is_federated(q)]

@pytest.fixture(scope="module")
def graph(built):
    return built.queryable()


def worker_pids() -> list[int]:
    """The query workers this test process has running (children whose command runs _worker_main)."""
    import os
    from pathlib import Path

    me, found = os.getpid(), []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (stat.parent / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if ppid == me and b"_worker_main" in cmdline:
            found.append(int(stat.parent.name))
    return found


@pytest.fixture(scope="module")
def server(built, graph):
    srv = start(built, workers=2, timeout=TIME_LIMIT, max_result_size=SIZE_CAP)
    try:
        yield srv
    finally:
        srv.close()
    time.sleep(0.2)
    assert worker_pids() == [], "query workers outlived the server"


@pytest.fixture(scope="module")
def endpoint(server) -> str:
    return server.url + "sparql"


@pytest.fixture(scope="module")
def local_rows(graph):
    return {q.name: kq.rows(kq.run(graph, q)) for q in LOCAL_QUERIES}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def http(url: str, method: str = "GET", data: bytes | None = None, follow: bool = False,
         **headers: str) -> tuple[int, dict[str, str], bytes]:
    """One request; (status, headers with lower-case names, body), whatever the status."""
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={k.replace("_", "-"): v for k, v in headers.items()})
    opener = urllib.request.build_opener() if follow else urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(req, timeout=30) as resp:
            return resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()


def get_query(endpoint: str, text: str, **headers: str):
    return http(endpoint + "?" + urllib.parse.urlencode({"query": text}), **headers)


def json_rows(data: dict) -> list[list[str]]:
    """SPARQL JSON results as rows of strings, header first (the W3C CSV view of them)."""
    names = data["head"]["vars"]
    return [names] + [[b[v]["value"] if v in b else "" for v in names] for b in data["results"]["bindings"]]


def same_answer(a: list[list[str]], b: list[list[str]]) -> bool:
    """Same columns, same rows (rows compared as a multiset: engines may break ORDER BY ties differently)."""
    return a[0] == b[0] and sorted(a[1:]) == sorted(b[1:])


# ---------------------------------------------------------------------- real clients, every stored query
def test_sparqlwrapper_gives_the_local_answers(endpoint, local_rows):
    from SPARQLWrapper import GET, JSON, POST, POSTDIRECTLY, URLENCODED, SPARQLWrapper

    modes = [(GET, URLENCODED), (POST, URLENCODED), (POST, POSTDIRECTLY)]
    for i, q in enumerate(LOCAL_QUERIES):
        method, request = modes[i % len(modes)]
        client = SPARQLWrapper(endpoint)
        client.setQuery(endpoint_text(q))
        # SPARQLWrapper guesses the query form with a regex that misses every other line of a run
        # of comments and matches inside words ("creates" -> CREATE); the form is known here.
        client.queryType = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
                            "DescribeQuery": "DESCRIBE"}[kq.prepare(q).algebra.name]
        client.setReturnFormat(JSON)
        client.setMethod(method)
        client.setRequestMethod(request)
        got = json_rows(client.query().convert())
        assert same_answer(got, local_rows[q.name]), f"{q.name} over {method}/{request}"
        assert len(got) == len(local_rows[q.name])


def test_rdflib_sparqlstore_gives_the_local_answers(endpoint, local_rows):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    remote = Graph(store=SPARQLStore(query_endpoint=endpoint, returnFormat="xml"))
    for q in LOCAL_QUERIES:
        got = kq.rows(remote.query(endpoint_text(q)))
        assert same_answer(got, local_rows[q.name]), q.name


def test_stored_query_parameters_bind_as_locally(endpoint, graph):
    q = kq.resolve("16-evidence")
    for subject in ("id:act/kidd-21/a07", "id:person/heo-tae-keun"):
        local = kq.rows(kq.run(graph, q, {"subject": subject}))
        status, _, body = get_query(endpoint, endpoint_text(q, {"subject": subject}),
                                    Accept="application/sparql-results+json")
        assert status == 200
        assert same_answer(json_rows(json.loads(body)), local)
        assert len(local) > 1


# ---------------------------------------------------------------------- result formats
def test_select_in_every_results_format_parses(endpoint, local_rows):
    text = endpoint_text(kq.resolve("04"))
    expected = local_rows["04-speech-acts"]
    answers = {}
    for media in ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                  "text/tab-separated-values"):
        status, headers, body = get_query(endpoint, text, Accept=media)
        assert status == 200, body
        assert headers["content-type"].split(";")[0] == media
        assert headers["access-control-allow-origin"] == "*"
        answers[media] = body
    data = json.loads(answers["application/sparql-results+json"])
    assert same_answer(json_rows(data), expected)
    for media, fmt in (("application/sparql-results+json", "json"), ("application/sparql-results+xml", "xml"),
                       ("text/csv", "csv"), ("text/tab-separated-values", "tsv")):
        parsed = Result.parse(io.BytesIO(answers[media]), format=fmt)
        assert [str(v) for v in parsed.vars] == expected[0], fmt
        assert len(parsed) == len(expected) - 1, fmt
    assert same_answer(list(csv.reader(io.StringIO(answers["text/csv"].decode("utf-8")))), expected)
    tsv = list(csv.reader(io.StringIO(answers["text/tab-separated-values"].decode("utf-8")), delimiter="\t",
                          quoting=csv.QUOTE_NONE))
    assert tsv[0] == [f"?{v}" for v in expected[0]] and len(tsv) == len(expected)


def test_format_parameter_overrides_accept(endpoint):
    for fmt, media in (("json", "application/sparql-results+json"), ("xml", "application/sparql-results+xml"),
                       ("csv", "text/csv"), ("tsv", "text/tab-separated-values")):
        url = endpoint + "?" + urllib.parse.urlencode({"query": "SELECT ?s WHERE { ?s a kidd:Person }", "format": fmt})
        status, headers, _ = http(url, Accept="text/turtle")
        assert status == 200 and headers["content-type"].startswith(media), fmt


def test_construct_in_turtle_ntriples_and_jsonld(endpoint, graph):
    act = ID["act/kidd-21/a07"]
    text = f"CONSTRUCT {{ <{act}> ?p ?o }} WHERE {{ <{act}> ?p ?o }}"
    expected = Graph()
    for t in graph.triples((act, None, None)):
        expected.add(t)
    for media, fmt in (("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld")):
        status, headers, body = get_query(endpoint, text, Accept=media)
        assert status == 200 and headers["content-type"].startswith(media), media
        got = Graph().parse(data=body, format=fmt)
        assert len(got) == len(expected) and (act, URIRef(str(KIDD.actKind)), None) in got, media


def test_named_graphs_and_protocol_dataset(endpoint, built):
    facts = str(ID["graph/kidd-21/facts"])
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    url = endpoint + "?" + urllib.parse.urlencode({"query": count, "default-graph-uri": facts})
    status, _, body = http(url, Accept="text/csv")
    assert status == 200 and body.split()[-1] == str(len(built.graph("kidd-21", "facts"))).encode()
    status, _, body = get_query(endpoint, f"ASK {{ GRAPH <{facts}> {{ ?s a kidd:SpeechAct }} }}",
                                Accept="application/sparql-results+json")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_ask_and_html_results(endpoint):
    status, _, body = get_query(endpoint, "ASK { ?s a kidd:SpeechAct }", Accept="application/sparql-results+json")
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}
    status, headers, body = get_query(endpoint, "SELECT ?s WHERE { ?s a kidd:Person }",
                                      Accept="text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert b"heo-tae-keun" in body


def test_service_description_at_the_endpoint(endpoint):
    status, headers, body = http(endpoint, Accept="text/turtle")
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    sd = Graph().parse(data=body, format="turtle")
    SD = "http://www.w3.org/ns/sparql-service-description#"
    service = next(sd.subjects(URIRef(SD + "endpoint"), URIRef(endpoint)))
    assert (service, URIRef(SD + "supportedLanguage"), URIRef(SD + "SPARQL11Query")) in sd
    assert len(set(sd.objects(service, URIRef(SD + "resultFormat")))) >= 7
    status, headers, body = http(endpoint, Accept="text/html")
    assert status == 200 and b"<form" in body


def test_cors(endpoint):
    status, headers, _ = http(endpoint, method="OPTIONS", Origin="https://example.org",
                              Access_Control_Request_Method="POST", Access_Control_Request_Headers="content-type")
    assert status == 204
    assert headers["access-control-allow-origin"] == "*"
    assert "POST" in headers["access-control-allow-methods"]
    assert "content-type" in headers["access-control-allow-headers"].lower()


# ---------------------------------------------------------------------- read-only, limits, errors
def test_updates_and_graph_store_writes_are_refused(endpoint, server):
    from SPARQLWrapper import POST, SPARQLWrapper

    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = get_query(endpoint, count, Accept="text/csv")[2]
    insert = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"
    assert http(endpoint, "POST", insert.encode(), Content_Type="application/sparql-update")[0] == 403
    assert http(endpoint, "POST", urllib.parse.urlencode({"update": insert}).encode(),
                Content_Type="application/x-www-form-urlencoded")[0] == 403
    status, _, body = get_query(endpoint, insert)
    assert status == 403 and b"read-only" in body
    client = SPARQLWrapper(endpoint, updateEndpoint=endpoint)
    client.setMethod(POST)
    client.setQuery(insert)
    with pytest.raises(urllib.error.HTTPError) as err:
        client.query()
    assert err.value.code == 403
    triple = b"<urn:x:a> <urn:x:b> <urn:x:c> ."
    for method in ("PUT", "DELETE", "PATCH"):
        status, headers, _ = http(endpoint + "?default", method, triple if method != "DELETE" else None,
                                  Content_Type="application/n-triples")
        assert status == 405 and "PUT" not in headers["allow"], method
    assert http(endpoint + "?graph=urn:x:g", "POST", triple, Content_Type="text/turtle")[0] == 403
    assert http(server.url + "id/act/kidd-21/a07", "PUT", triple, Content_Type="text/turtle")[0] == 405
    assert get_query(endpoint, count, Accept="text/csv")[2] == before


def test_malformed_query_is_400_with_the_parsers_message(endpoint):
    from SPARQLWrapper import SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    status, _, body = get_query(endpoint, "SELECT ?s WHERE { ?s ?p }")
    assert status == 400
    assert b"does not parse" in body and b"1:" in body  # Oxigraph's message with line:column
    client = SPARQLWrapper(endpoint)
    client.setQuery("SELEC ?x")
    with pytest.raises(QueryBadFormed):
        client.query()
    status, _, body = http(endpoint, "POST", b"query=1&query=2", Content_Type="application/x-www-form-urlencoded")
    assert status == 400


def test_federated_queries_are_refused(endpoint):
    for text in ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
                 "PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:a\\#b ?o . service <http://127.0.0.1:9/> { ?s ?p ?o } }",
                 "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"):
        status, _, body = get_query(endpoint, text)
        if "\\u" in text:  # an escaped keyword: refused before parsing (kg.serve.guard)
            assert status == 400 and b"escape" in body, text
        else:
            assert status == 403 and b"SERVICE" in body, text
    for text in ("SELECT ?service WHERE { ?service a kidd:Person }", 'ASK { ?s ?p "SERVICE" } # SERVICE'):
        assert get_query(endpoint, text)[0] == 200, text


def test_runaway_query_is_stopped_and_the_server_keeps_answering(endpoint, server):
    answers: dict[str, object] = {}

    def runaway() -> None:
        t = time.monotonic()
        answers["runaway"] = get_query(endpoint, CARTESIAN)
        answers["runaway_s"] = time.monotonic() - t

    worker = threading.Thread(target=runaway)
    worker.start()
    try:
        time.sleep(0.3)
        t = time.monotonic()  # another client is answered while the runaway query runs
        status, _, body = get_query(endpoint, "ASK { ?s a kidd:SpeechAct }", Accept="application/sparql-results+json")
        assert status == 200 and json.loads(body)["boolean"] is True
        assert time.monotonic() - t < 1.5
    finally:
        worker.join(30)
    status, _, body = answers["runaway"]
    assert status == 503, body
    assert b"time limit" in body
    assert TIME_LIMIT <= answers["runaway_s"] < TIME_LIMIT + 3
    t = time.monotonic()
    status, _, body = get_query(endpoint, "SELECT ?p WHERE { ?p a kidd:Person }", Accept="text/csv")
    assert status == 200 and body.count(b"\n") == 4
    assert time.monotonic() - t < 2
    deadline = time.monotonic() + 10  # the stopped worker is replaced
    while server.engine._idle.qsize() < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert server.engine._idle.qsize() == 2 and server.engine.restarts >= 1


def test_result_size_cap(endpoint):
    status, _, body = get_query(endpoint, "SELECT * WHERE { ?s ?p ?o }", Accept="application/sparql-results+json")
    assert status == 422 and b"limit of 1 MiB" in body
    status, _, body = get_query(endpoint, "CONSTRUCT WHERE { ?s ?p ?o }", Accept="application/n-triples")
    assert status == 422
    status, _, body = get_query(endpoint, "SELECT * WHERE { ?s ?p ?o } LIMIT 10", Accept="text/csv")
    assert status == 200 and body.count(b"\n") == 11


def test_not_acceptable_and_bad_requests(endpoint):
    status, _, body = get_query(endpoint, "SELECT ?s WHERE { ?s a kidd:Person }", Accept="image/png")
    assert status == 406 and b"application/sparql-results+json" in body
    status, _, _ = http(endpoint, "POST", b"SELECT * WHERE {}", Content_Type="application/octet-stream")
    assert status == 415
    status, _, _ = http(endpoint + "?" + urllib.parse.urlencode({"query": "ASK {}", "format": "yaml"}))
    assert status == 400


def test_negotiate_prefers_quality_then_specificity():
    offers = [("application/sparql-results+json", "json"), ("text/csv", "csv"), ("text/html", "html")]
    assert negotiate(None, offers) == "json"
    assert negotiate("text/csv;q=0.9, application/*;q=0.5", offers) == "csv"
    assert negotiate("text/*;q=0.3, application/sparql-results+json;q=0.2", offers) == "csv"
    assert negotiate("text/html, */*;q=0.8", offers) == "html"
    assert negotiate("image/png", offers) is None
    assert negotiate("text/csv;q=0, */*", offers) == "json"


# ---------------------------------------------------------------------- entity IRIs
def test_entity_iris_negotiate_with_303(server, graph):
    from kg.exports.jsonld import from_jsonld

    base = server.url.rstrip("/")
    act = ID["act/kidd-21/a07"]
    for accept, target in (("text/html", "/page/id/act/kidd-21/a07"), ("text/turtle", "/data/id/act/kidd-21/a07.ttl"),
                           ("application/ld+json", "/data/id/act/kidd-21/a07.jsonld"),
                           ("application/n-triples", "/data/id/act/kidd-21/a07.nt")):
        status, headers, _ = http(base + "/id/act/kidd-21/a07", Accept=accept)
        assert status == 303, accept
        assert headers["location"] == target  # a path on this server: never the Host header
        assert headers["vary"] == "Accept"
    status, headers, body = http(base + "/id/act/kidd-21/a07", Accept="text/turtle", follow=True)
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    doc = Graph().parse(data=body, format="turtle")
    assert set(doc.triples((act, None, None))) == set(graph.triples((act, None, None)))
    assert set(doc.triples((None, None, act))) >= set(graph.triples((None, KIDD.undertakes, act)))
    status, headers, body = http(base + "/id/act/kidd-21/a07", Accept="application/ld+json", follow=True)
    assert status == 200 and headers["content-type"].startswith("application/ld+json")
    assert set(from_jsonld(body.decode("utf-8")).triples((act, None, None))) == set(graph.triples((act, None, None)))
    status, headers, body = http(base + "/id/act/kidd-21/a07", Accept="text/html", follow=True)
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert b"<mark>" in body and b"/page/id/delegation/kidd-21-us" in body
    for path in ("/id/act/kidd-21/no-such-act", "/page/id/person/nobody", "/data/id/person/nobody.ttl",
                 "/data/id/act/kidd-21/a07.yaml", "/nothing-here"):
        for accept in ("text/html", "text/turtle"):
            assert http(base + path, Accept=accept)[0] == 404, (path, accept)


def test_hash_iris_resolve_to_the_document_with_their_fragment(server):
    base = server.url.rstrip("/")
    status, headers, _ = http(base + "/id/text/kidd-21", Accept="text/html")
    assert status == 303 and headers["location"].endswith("/page/id/text/kidd-21")
    status, _, body = http(base + "/page/id/text/kidd-21")
    assert status == 200 and b'id="char=1659,1866"' in body
    status, _, body = http(base + "/data/id/text/kidd-21.ttl")
    assert status == 200
    doc = Graph().parse(data=body, format="turtle")
    assert (URIRef(str(ID["text/kidd-21"]) + "#char=1659,1866"), None, None) in doc
    assert http(base + "/id/vocab/act-kind/pledge")[0] == 404
    assert http(base + "/vocab/act-kind/pledge", Accept="text/turtle")[0] == 303


def test_pages_escape_what_they_show(server):
    status, _, body = http(server.url + "queries/16-evidence?"
                           + urllib.parse.urlencode({"subject": '<script>alert("x")</script>'}))
    assert b"<script>" not in body and b"&lt;script&gt;" in body
    status, headers, body = http(server.url + "page/id/act/kidd-21/a07")
    assert "default-src 'none'" in headers["content-security-policy"]
    assert b"<script" not in body


def test_index_lists_and_runs_every_stored_query(server, local_rows):
    status, _, body = http(server.url)
    assert status == 200
    page = body.decode("utf-8")
    for q in LOCAL_QUERIES:
        assert f'href="/queries/{q.name}"' in page
        status, _, body = http(server.url + f"queries/{q.name}")
        assert status == 200, q.name
        rows = len(local_rows[q.name]) - 1
        assert f"({rows} row{'' if rows == 1 else 's'})".encode() in body, q.name
        assert body.count(b"<tr>") == rows + 1, q.name
    assert http(server.url + "queries/no-such-query")[0] == 404
    status, _, body = http(server.url + "queries/16?subject=id:person/heo-tae-keun")
    assert status == 200 and b"Heo Tae-keun" in body
    assert http(server.url + "queries/01?nosuch=1")[0] == 400


def test_the_command_serves_until_sigterm_and_leaves_nothing_running(tmp_path):
    import os
    import signal
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--statement", "kidd-21", "--port", "0", "--quiet",
                             "--workers", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("kg serve: http://127.0.0.1:"), line + proc.stderr.read()
        url = line.split()[2]
        status, _, body = get_query(url + "sparql", "ASK { ?s a kidd:SpeechAct }", Accept="application/sparql-results+json")
        assert status == 200 and json.loads(body)["boolean"] is True
        children = [p for p in os.listdir("/proc") if p.isdigit() and _ppid(p) == proc.pid]
        assert children, "the query worker runs as a child process"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(20) == 0
        time.sleep(0.3)
        assert not [p for p in children if os.path.exists(f"/proc/{p}") and _ppid(p) is not None
                    and b"_worker_main" in open(f"/proc/{p}/cmdline", "rb").read()]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()


def _ppid(pid: str) -> int | None:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return int(fh.read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def test_a_busy_port_is_a_clear_error(built, server):
    from kg.errors import KGError
    from kg.serve import Server

    with pytest.raises(KGError) as err:
        Server(built, "127.0.0.1", server.port, workers=1)
    assert f"cannot listen on 127.0.0.1:{server.port}" in str(err.value)


def test_head_and_dump(server, graph):
    status, headers, body = http(server.url, "HEAD")
    assert status == 200 and body == b"" and int(headers["content-length"]) > 0
    status, headers, body = http(server.url + "dump/kg.nt")
    assert status == 200 and headers["content-type"].startswith("application/n-triples")
    assert len(Graph().parse(data=body, format="nt")) == len(graph)
