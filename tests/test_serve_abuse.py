"""``kg serve`` tried the way an attacker would (issue 12): the endpoint must not reach other
machines, must not echo the Host header, must answer malformed HTTP, and must keep the stored
pages and entity pages answering while runaway queries occupy the public endpoint.

Everything runs on loopback: a listener on 127.0.0.1 stands for "another machine" and records
whether anything connected to it.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import urllib.parse

import pytest

from kg.queries import stored as kq
from kg.serve import endpoint_text, start
from tests.test_serve import CARTESIAN, get_query, http

TIME_LIMIT = 2.0


class Listener:
    """A TCP listener on 127.0.0.1 that counts the connections it gets (and answers none)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.connections = 0
        self._stop = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop = True
        self._thread.join(5)
        self.sock.close()


@pytest.fixture(scope="module")
def listener():
    ear = Listener()
    try:
        yield ear
    finally:
        ear.close()


@pytest.fixture(scope="module")
def server(built):
    srv = start(built, workers=2, page_workers=1, timeout=TIME_LIMIT)
    try:
        yield srv
    finally:
        srv.close()


def bypasses(url: str) -> dict[str, str]:
    """Ways to write a SERVICE call so that a check of the text misses it."""
    port = urllib.parse.urlsplit(url).port
    p = "{ ?s ?p ?o }"
    every_char_escaped = "".join(f"\\u{ord(c):04x}" for c in url)
    return {
        "the issue's \\u0022": f'SELECT * WHERE {{ BIND("\\u0022" AS ?x) SERVICE <{url}> {p} BIND("""y""" AS ?y) }}',
        "the issue's \\u0027": f"SELECT * WHERE {{ BIND('\\u0027' AS ?x) SERVICE <{url}> {p} BIND('''y''' AS ?y) }}",
        # rdflib reads a long string where Oxigraph reads a short one and a comment
        "\\u0022 and a comment": f'SELECT * WHERE {{ BIND("\\u0022" AS ?x) SERVICE <{url}> {p} # """ AS ?y)\n}}',
        "\\u0027 and a comment": f"SELECT * WHERE {{ BIND('\\u0027' AS ?x) SERVICE <{url}> {p} # ''' AS ?y)\n}}",
        "plain": f"SELECT * WHERE {{ SERVICE <{url}> {p} }}",
        "lower case": f"select * where {{ service <{url}> {p} }}",
        "SILENT": f"SELECT * WHERE {{ SERVICE SILENT <{url}> {p} }}",
        "prefixed name": f"PREFIX x: <http://127.0.0.1:{port}/> SELECT * WHERE {{ SERVICE x:sparql {p} }}",
        "relative IRI": f"BASE <http://127.0.0.1:{port}/> SELECT * WHERE {{ SERVICE <sparql> {p} }}",
        "variable": f"SELECT * WHERE {{ VALUES ?u {{ <{url}> }} SERVICE ?u {p} }}",
        "nested subqueries": f"SELECT * WHERE {{ {{ SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{url}> {p} }} }} }} }} }}",
        "GRAPH": f"SELECT * WHERE {{ GRAPH ?g {{ SERVICE <{url}> {p} }} }}",
        "OPTIONAL": f"SELECT * WHERE {{ ?a ?b ?c OPTIONAL {{ SERVICE <{url}> {p} }} }}",
        "MINUS": f"SELECT * WHERE {{ ?a ?b ?c MINUS {{ SERVICE <{url}> {p} }} }}",
        "UNION": f"SELECT * WHERE {{ {{ ?a ?b ?c }} UNION {{ SERVICE <{url}> {p} }} }}",
        "FILTER EXISTS": f"SELECT * WHERE {{ BIND(1 AS ?x) FILTER EXISTS {{ SERVICE <{url}> {p} }} }}",
        "EXISTS in BIND": f"SELECT * WHERE {{ BIND(EXISTS {{ SERVICE <{url}> {p} }} AS ?x) }}",
        "nested SERVICE": f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ SERVICE <{url}> {p} }} }}",
        "LATERAL": f"SELECT * WHERE {{ ?a ?b ?c LATERAL {{ SERVICE <{url}> {p} }} }}",
        "ASK": f"ASK {{ SERVICE <{url}> {p} }}",
        "CONSTRUCT": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {p} }}",
        "DESCRIBE": f"DESCRIBE ?s WHERE {{ SERVICE <{url}> {p} }}",
        "a comment with a quote": f'SELECT * WHERE {{ # }} "\n SERVICE <{url}> {p} }}',
        "no spaces": f"SELECT * WHERE {{SERVICE<{url}>{p}}}",
        "tabs and CRLF": f"SELECT * WHERE {{\tSERVICE\n\t<{url}>\r\n{p} }}",
        "escaped backslash in a string": f'SELECT * WHERE {{ BIND("a\\\\" AS ?x) SERVICE <{url}> {p} }}',
        "quotes in a long string": f'SELECT * WHERE {{ BIND("""a""\\"""" AS ?x) SERVICE <{url}> {p} }}',
        "an escape in the IRI": f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/\\u0073parql> {p} }}",
        "the IRI all escapes": f"SELECT * WHERE {{ SERVICE <{every_char_escaped}> {p} }}",
        "\\u in the keyword": f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {p} }}",
        "\\U in the keyword": f"SELECT * WHERE {{ \\U00000053ERVICE <{url}> {p} }}",
        "a \\u newline ending a comment": f"SELECT * WHERE {{ ?s ?p ?o # \\u000a SERVICE <{url}> {p}\n }}",
        "an escaped # in a name": f"PREFIX ex: <http://e/> SELECT * WHERE {{ ?s ex:a\\#b ?o . service <{url}> {p} }}",
        "after VALUES": f"SELECT * WHERE {{ SERVICE <{url}> {p} }} VALUES ?s {{ <urn:a> }}",
        # a lone CR ends a comment for Oxigraph, not for rdflib: SERVICE is a comment to rdflib only
        "a lone CR ending a comment": f"SELECT * WHERE {{ ?s ?p ?o # x\r SERVICE <{url}> {p}\n}}",
        "a control character": f"SELECT * WHERE {{ ?s ?p ?o # x\x0b SERVICE <{url}> {p}\n}}",
    }


def oxigraph_calls_out(text: str, ear: Listener) -> bool:
    """Whether plain Oxigraph, network allowed, connects to the listener for ``text``."""
    import pyoxigraph as ox

    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.NamedNode("urn:c")))
    before = ear.connections
    try:
        answer = store.query(text)
        if not isinstance(answer, ox.QueryBoolean):
            list(answer)
    except Exception:  # noqa: BLE001 — the listener answers nothing: the call fails
        pass
    deadline = time.monotonic() + 2
    while ear.connections == before and time.monotonic() < deadline:
        time.sleep(0.01)  # accept() runs in the listener's thread; no timing is asserted
    return ear.connections > before


def test_every_way_of_writing_service_is_refused_and_nothing_connects(server, listener):
    cases = bypasses(listener.url)
    # the test is real: most of these do reach the listener when Oxigraph runs them unchecked,
    # the two included
    real = {name for name, text in cases.items() if oxigraph_calls_out(text, listener)}
    assert {"the issue's \\u0022", "the issue's \\u0027", "\\u0022 and a comment", "SILENT", "prefixed name",
            "FILTER EXISTS", "MINUS", "an escape in the IRI", "the IRI all escapes", "LATERAL",
            "a lone CR ending a comment"} <= real
    endpoint = server.url + "sparql"
    before = listener.connections
    for name, text in cases.items():
        for method in ("GET", "POST"):
            if method == "GET":
                status, _, body = get_query(endpoint, text)
            else:
                status, _, body = http(endpoint, "POST", text.encode("utf-8"), Content_Type="application/sparql-query")
            assert status in (400, 403), (name, status, body)
            if status == 403:
                assert b"SERVICE" in body, name
            else:
                assert b"escape" in body or b"does not parse" in body or b"control character" in body, (name, body)
        if name in real and "\\u" not in name and "escape" not in name and "\\U" not in name and "CR" not in name:
            assert status == 403, name  # written plainly: refused as federated
    time.sleep(0.3)
    assert listener.connections == before, "the server connected to another machine"


def test_the_guard_refuses_service_after_any_token():
    """SERVICE after (and before) every kind of token the grammar has, in three positions: the
    guard refuses each (as federated, as an escape or control, or as unreadable with SERVICE in
    it), whatever the token does to a tokenizer that reads the text."""
    import itertools

    from kg.serve.guard import mentions_service, verdict

    tokens = [".", "1.", "1e0", '"a"', "'a'", "<urn:a>", "?x", r"ex:a\.b", "ex:", "# c\n", '# "\n', "# '''\n",
              '"""a"b"""', "'''a'b'''", r'"a\"b"', r'"\\"', "[]", "()", "_:b", '"x"@en', '"1"^^ex:t', "{}",
              '"#"', "<urn:#>", "\r\n"]
    service = "SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }"
    templates = ["PREFIX ex: <http://e/> SELECT * WHERE { ?s ?p ?o @A@ @B@ " + service + " }",
                 "PREFIX ex: <http://e/> SELECT * WHERE { @A@ ?s ?p ?o . " + service + " @B@ }",
                 "PREFIX ex: <http://e/> SELECT * WHERE { BIND(@A@ AS ?z) " + service + " BIND(@B@ AS ?y) }"]
    let_through = []
    for i, (a, b) in enumerate(itertools.product(tokens, tokens)):
        if i % 7:  # a seventh of the pairs (7 is prime to 25: each token still on both sides), fast
            continue
        for template in templates:
            text = template.replace("@A@", a).replace("@B@", b)
            kind, _ = verdict(text)
            if kind is None or kind == "update" or (kind == "unparsed" and not mentions_service(text)):
                let_through.append(text)
    assert let_through == []


def test_queries_that_merely_mention_service_still_run(server):
    endpoint = server.url + "sparql"
    for text in ("SELECT ?service WHERE { ?service a kidd:Person }", 'ASK { ?s ?p "SERVICE" } # SERVICE',
                 'SELECT * WHERE { ?s rdfs:label "caf\\u00e9" }', "SELECT * WHERE { ?s ?p <urn:service> } LIMIT 1"):
        status, _, body = get_query(endpoint, text, Accept="application/sparql-results+json")
        assert status == 200, (text, body)


def test_the_workers_are_cut_off_from_the_network(server, listener):
    """The second layer alone: the guard's cut_network, then Oxigraph told to call the listener."""
    import inspect

    from kg.serve import guard

    if sys.platform.startswith("linux"):
        assert "no new file descriptors" in server.isolation
    program = inspect.getsource(guard) + f"""
import pyoxigraph as ox
store = ox.Store()
done = cut_network()
try:
    list(store.query("SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"))
    print("ANSWERED", done)
except Exception as exc:
    print("FAILED", type(exc).__name__, done)
"""
    before = listener.connections
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60)
    assert out.stdout.startswith("FAILED"), out.stdout + out.stderr
    time.sleep(0.3)
    assert listener.connections == before
    # and the same program without cut_network does connect: the test can fail
    program = program.replace("done = cut_network()", "done = []")
    subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60)
    deadline = time.monotonic() + 2
    while listener.connections == before and time.monotonic() < deadline:
        time.sleep(0.01)
    assert listener.connections > before


def test_the_federated_stored_query_is_offered_as_text_not_run(server):
    status, _, body = http(server.url + "queries/28")
    page = body.decode("utf-8")
    assert status == 200
    assert "does not do" in page and "kg query 28" in page and 'href="/queries/28-wikidata-states.rq"' in page
    assert "SERVICE &lt;https://query.wikidata.org/sparql&gt;" in page
    assert "row" not in page.split("<h2>Answer</h2>")[1].split("<h2>")[0]  # no answer table
    status, headers, body = http(server.url + "queries/28-wikidata-states.rq")
    assert status == 200 and headers["content-type"].startswith("application/sparql-query")
    assert b"SERVICE <https://query.wikidata.org/sparql>" in body and b"PREFIX wdt:" in body
    status, _, body = http(server.url + "queries/01.rq")
    assert status == 200 and body.lstrip().startswith((b"#", b"PREFIX"))


def test_the_host_header_is_not_echoed(server):
    for accept, target in (("text/html", "/page/id/person/heo-tae-keun"),
                           ("text/turtle", "/data/id/person/heo-tae-keun.ttl")):
        status, headers, body = http(server.url + "id/person/heo-tae-keun", Host="evil.example", Accept=accept)
        assert status == 303 and headers["location"] == target and b"evil" not in body
    for path, accept in (("", "text/html"), ("sparql", "text/turtle"), ("sparql", "text/html")):
        status, _, body = http(server.url + path, Host="evil.example", Accept=accept)
        assert status == 200 and b"evil.example" not in body, path
    status, _, body = http(server.url + "sparql", Host="evil.example", Accept="text/turtle")
    assert server.url.encode() + b"sparql" in body  # the address the server listens on


def test_redirects_use_the_configured_base_url(built):
    from kg.serve.request import Request
    from kg.serve.routes import App
    from kg.serve.site import Site

    class NoEngine:
        size, timeout, max_bytes = 1, 1.0, 1024

    app = App(NoEngine(), Site(built.queryable()), b"", base_url="https://kg.example.org/",
              own_url="http://127.0.0.1:9")
    resp = app.handle(Request("GET", "/id/person/heo-tae-keun", "", {"host": "evil.example", "accept": "text/html"}))
    assert resp.status == 303 and resp.headers["Location"] == "https://kg.example.org/page/id/person/heo-tae-keun"
    resp = app.handle(Request("GET", "/sparql", "", {"host": "evil.example", "accept": "text/turtle"}))
    assert b"<https://kg.example.org/sparql>" in resp.body and b"evil" not in resp.body


def test_a_bad_base_url_is_a_clear_error(built):
    from kg.errors import KGError
    from kg.serve import Server

    with pytest.raises(KGError) as err:
        Server(built, port=0, workers=1, base_url="kg.example.org")
    assert "--base-url" in str(err.value)


def test_an_http_0_9_request_gets_a_400(server):
    for line in (b"GET /\r\n\r\n", b"GET /sparql\r\n", b"POST /\r\n\r\n"):
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
            s.sendall(line)
            answer = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                answer += chunk
        assert answer.startswith((b"HTTP/1.0 400 ", b"HTTP/1.1 400 ")), (line, answer[:200])
    assert http(server.url)[0] == 200  # and the server goes on


# ---------------------------------------------------------------------- runaway queries
def test_pages_answer_while_runaway_queries_hold_every_public_worker(server):
    """Runaway queries from two clients keep both /sparql workers busy the whole time; the
    stored-query pages (their own lane) and the entity pages (rendered once, then kept) answer
    with 200 and their content, never a wrong status."""
    endpoint = server.url + "sparql"
    stop = threading.Event()
    runaway_statuses: list[int] = []

    def runaway(address: str) -> None:
        import http.client

        while not stop.is_set():
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30, source_address=(address, 0))
            try:
                conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": CARTESIAN}))
                runaway_statuses.append(conn.getresponse().status)
            except OSError:
                pass
            finally:
                conn.close()

    threads = [threading.Thread(target=runaway, args=(f"127.0.0.{n}",)) for n in (2, 3, 4)]
    for t in threads:
        t.start()
    try:
        time.sleep(0.5)  # let them take the workers
        for _ in range(3):
            for name, rows in (("01", "(2 rows)"), ("04", "rows)"), ("16?subject=id:person/heo-tae-keun", "rows)")):
                status, _, body = http(server.url + "queries/" + name)
                assert status == 200 and rows.encode() in body, (name, status, body[-300:])
            status, _, body = http(server.url + "page/id/act/kidd-21/a07")
            assert status == 200 and b"<mark>" in body
            # a stored query's text sent to /sparql is known to be cheap: the fast lane answers it
            status, _, body = get_query(endpoint, endpoint_text(kq.resolve("01")), Accept="text/csv")
            assert status == 200 and body.count(b"\n") == 3, body
            status, _, body = http(server.url + "data/id/text/kidd-21.ttl")
            assert status == 200 and b"char=1659,1866" in body
    finally:
        stop.set()
        for t in threads:
            t.join(30)
    assert set(runaway_statuses) <= {503, 429}, runaway_statuses
    # a client whose query ran into the limit is held to one query at a time, with a shorter limit
    assert any(server.httpd.app.admission.penalized(f"127.0.0.{n}") for n in (2, 3, 4))
    status, _, _ = get_query(endpoint, "ASK { ?s a kidd:SpeechAct }", Accept="application/sparql-results+json")
    assert status == 200


def test_admission_limits_per_client_and_penalized_clients():
    from kg.serve.admission import Admission, Refusal, Ticket

    adm = Admission(workers=3, timeout=8.0, per_client=2, penalty=60)
    a1, a2 = adm.enter("a"), adm.enter("a")
    assert isinstance(a1, Ticket) and isinstance(a2, Ticket) and a1.timeout == 8.0
    third = adm.enter("a")
    assert isinstance(third, Refusal) and third.status == 429 and third.retry_after >= 1
    assert isinstance(adm.enter("b"), Ticket)  # another client is not affected
    adm.leave(a1, timed_out=True)  # a's query ran into the time limit
    assert adm.penalized("a")
    adm.leave(a2)
    p1 = adm.enter("a")
    assert isinstance(p1, Ticket) and p1.penalized and p1.timeout == 2.0
    assert isinstance(adm.enter("a"), Refusal)  # one at a time
    adm.leave(adm.enter("c"), timed_out=True)
    p2 = adm.enter("c")
    assert isinstance(p2, Ticket) and p2.penalized  # 2 = workers - 1 penalized slots
    adm.leave(adm.enter("d"), timed_out=True)
    full = adm.enter("d")
    assert isinstance(full, Refusal) and full.status == 503 and full.retry_after >= 1
    adm.leave(p1)
    assert isinstance(adm.enter("d"), Ticket)


def test_costs_remember_cheap_queries_and_forget_runaway_ones():
    from kg.serve.admission import CHEAP_SECONDS, FAST_LANE_TIMEOUT, Costs

    costs = Costs(["ASK {}"])
    assert costs.cheap("ASK {}") and not costs.cheap("SELECT * {}")
    costs.record("SELECT * {}", CHEAP_SECONDS / 2, ok=True)
    assert costs.cheap("SELECT * {}")
    costs.record("SELECT * {}", FAST_LANE_TIMEOUT + 1, ok=False)  # ran past the fast lane's limit
    assert not costs.cheap("SELECT * {}")
    costs.record("slow", CHEAP_SECONDS * 2, ok=True)
    assert not costs.cheap("slow")
    small = Costs(size=2)
    for k in ("a", "b", "c"):
        small.record(k, 0, ok=True)
    assert [small.cheap(k) for k in "abc"] == [False, True, True]


def test_a_busy_pages_lane_is_503_with_retry_after_not_400(built):
    from kg.serve.request import Request
    from kg.serve.routes import App
    from kg.serve.site import Site
    from kg.serve.workers import Answer

    class Busy:
        size, timeout, max_bytes = 1, 1.0, 1024

        def execute(self, *args, **kwargs):
            return Answer(503, error="all 1 query workers of this lane stayed busy for 2 s; try again later.",
                          retry_after=3)

    app = App(Busy(), Site(built.queryable()), b"")
    resp = app.handle(Request("GET", "/queries/01", "", {"accept": "text/html"}))
    assert resp.status == 503 and resp.headers["Retry-After"] == "3" and b"stayed busy" in resp.body
    resp = app.handle(Request("GET", "/queries/01", "nosuch=1", {"accept": "text/html"}))
    assert resp.status == 400
    resp = app.handle(Request("GET", "/sparql", urllib.parse.urlencode({"query": "ASK {}"}), {}, client="x"))
    assert resp.status == 503 and resp.headers["Retry-After"] == "3"


def test_a_cheap_query_that_is_not_gets_the_rest_of_its_time_in_the_public_lane(built):
    from kg.serve.request import Request
    from kg.serve.routes import App
    from kg.serve.site import Site
    from kg.serve.workers import Answer

    calls = []

    class Lane:
        size, timeout, max_bytes = 2, 8.0, 1024

        def __init__(self, name, answer):
            self.name, self.answer = name, answer

        def execute(self, text, timeout=None, **options):
            calls.append((self.name, timeout))
            return self.answer

    slow = Answer(503, error="the query ran longer than this server's time limit of 2 s and was stopped.",
                  timed_out=True, seconds=2.0)
    ok = Answer(200, b'{"head": {}, "boolean": true}', form="ASK", format="json", seconds=3.0)
    app = App(Lane("public", ok), Site(built.queryable(), queries=[]), b"", pages_engine=Lane("fast", slow))
    query = "ASK { ?s ?p ?o }"
    app.costs.record(query, 0.01, ok=True)  # answered quickly once: cheap
    resp = app.handle(Request("GET", "/sparql", urllib.parse.urlencode({"query": query}),
                              {"accept": "application/sparql-results+json"}, client="c"))
    assert resp.status == 200 and calls == [("fast", 2.0), ("public", 6.0)]
    assert not app.costs.cheap(query) and not app.admission.penalized("c")


def test_a_page_is_rendered_once_however_many_ask_at_once():
    from kg.serve.cache import Busy, PageCache

    cache = PageCache(max_bytes=1000, renderers=1, wait=30)
    started, release, calls = threading.Event(), threading.Event(), []

    def render():
        calls.append(1)
        started.set()
        release.wait(30)
        return b"page", 4

    got: list[bytes] = []
    threads = [threading.Thread(target=lambda: got.append(cache.get("k", render))) for _ in range(20)]
    for t in threads:
        t.start()
    assert started.wait(30)
    release.set()
    for t in threads:
        t.join(30)
    assert got == [b"page"] * 20 and len(calls) == 1
    # a renderer held by another page: a new page waits at most `wait`, then Busy
    slow = PageCache(renderers=1, wait=0)
    hold, free = threading.Event(), threading.Event()
    t = threading.Thread(target=lambda: slow.get("a", lambda: (hold.set(), free.wait(30), (b"a", 1))[2]))
    t.start()
    assert hold.wait(30)
    with pytest.raises(Busy):
        slow.get("b", lambda: (b"b", 1))
    free.set()
    t.join(30)
    assert slow.get("a", lambda: (b"other", 5)) == b"a"  # kept


def test_html_answers_are_capped_smaller(server):
    status, _, body = get_query(server.url + "sparql", "SELECT * WHERE { ?s ?p ?o }", Accept="text/html")
    assert status == 422 and b"limit of 1 MiB" in body


def test_serve_and_publish_take_the_options_of_every_graph_command(monkeypatch, capsys):
    from kg.cli import main
    from kg.errors import KGError
    from kg.serve import uses

    seen = []

    def fake_build(statements=None, only=None, engine=None):
        seen.append((statements, only, engine))
        raise KGError("stopped here")

    monkeypatch.setattr(uses, "build", fake_build)
    assert main(["serve", "--statements", "statements", "--statement", "kidd-21", "--engine", "reference",
                 "--port", "0"]) == 2
    assert main(["publish", "--statements", "statements", "--statement", "kidd-21", "--engine", "reference",
                 "--endpoint", "http://127.0.0.1:9/store"]) == 2
    assert [(str(s), o, e) for s, o, e in seen] == [("statements", "kidd-21", "reference")] * 2
    assert capsys.readouterr().err.count("stopped here") == 2


def test_python_dash_m_kg_serve_is_kg_serve():
    import re

    from kg.cli import _parser

    out = subprocess.run([sys.executable, "-m", "kg.serve", "--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0
    kg_serve = _parser()._subparsers._group_actions[0].choices["serve"].format_help()
    options = sorted(set(re.findall(r"--[a-z-]+", out.stdout)))
    assert options == sorted(set(re.findall(r"--[a-z-]+", kg_serve)))
    assert {"--base-url", "--engine", "--statement", "--statements"} <= set(options)
