"""``kg serve``: the graph as Linked Data — a read-only SPARQL 1.1 endpoint and entity pages.

What it serves (one process, ``http.server`` from the standard library, one thread per
connection):

``/sparql``
    SPARQL 1.1 Protocol: queries by GET, by POST form-encoded and by POST
    ``application/sparql-query``; ``default-graph-uri`` / ``named-graph-uri``. Results in
    SPARQL JSON, XML, CSV, TSV (and an HTML table for browsers); CONSTRUCT/DESCRIBE in Turtle,
    N-Triples, JSON-LD and RDF/XML — chosen by ``Accept`` or a ``format`` parameter. A GET
    without a query returns the SPARQL Service Description (or a query form, for a browser).
    Read-only: SPARQL Update and Graph Store writes are refused (403; PUT/DELETE/PATCH 405).
    Every answer carries ``Access-Control-Allow-Origin: *`` and OPTIONS answers preflights.
``/id/…``, ``/vocab/…``, ``/ontology``
    The things the IRIs ``https://w3id.org/kidd-kg/id/…`` (and ``vocab/…``, ``ontology#…``)
    name. ``303 See Other`` (``Vary: Accept``) to a document about the thing: ``/page/…``
    (HTML) or ``/data/….ttl|.jsonld|.nt|.rdf``; 404 for an IRI the graph does not have.
``/``, ``/queries/<name>``
    An index of the stored queries; each runs on the endpoint and shows its table.
``/dump/kg.nt``
    The whole served graph, as ``kg publish`` uploads it.

The engine is Oxigraph (``pyoxigraph``) in a small pool of worker processes, each holding the
graph in memory: the query parser, evaluator and result serializers are Oxigraph's; what is
ours is the protocol's HTTP surface, content negotiation and the limits. A query gets a
deadline (``--timeout``): a worker that has not answered by then is killed (the only way to
stop a query Oxigraph is evaluating) and replaced, and the client gets 503; the other workers
go on answering. A result larger than ``--max-result-size`` bytes is stopped while it is
serialized and the client gets 422. Malformed queries get 400 with Oxigraph's parser message.

Public API::

    from kg.serve import start
    server = start(build(only="kidd-21"), port=0)   # a free port; serving in a thread
    print(server.url)                                # http://127.0.0.1:PORT/
    server.close()                                   # stops the server and its workers
"""

from __future__ import annotations

import argparse
import html
import json
import os
import queue
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from kg.errors import EXIT_OK, KGError
from kg.namespace import BASE
from kg.publish import (  # noqa: F401  (re-exported: kg.cli wires these)
    add_endpoint_arguments,
    add_publish_parser,
    cmd_publish,
    cmd_query_endpoint,
    is_update,
    remote_query,
    uses_service,
)

__all__ = [
    "add_parser", "cmd_serve", "start", "Server", "QueryEngine", "negotiate",
    # from kg.publish, so that kg.cli needs one import for the whole issue
    "add_publish_parser", "cmd_publish", "add_endpoint_arguments", "cmd_query_endpoint", "remote_query",
]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_TIMEOUT = 10.0                 # seconds a query may run
DEFAULT_MAX_RESULT = 16 * 1024 * 1024  # bytes of one serialized answer (the whole kidd-21 graph is ~4 MB)
DEFAULT_WORKERS = max(2, os.cpu_count() or 2)
WORKER_MEMORY = 4 * 1024 ** 3          # address-space limit of one query worker
MAX_REQUEST_BODY = 1024 * 1024         # bytes of a POSTed query
LOCAL_ROOTS = ("id/", "vocab/", "ontology")

# Media types we answer with, by format name; negotiation walks them in this order.
RESULT_MEDIA = [
    ("application/sparql-results+json", "json"), ("application/json", "json"),
    ("application/sparql-results+xml", "xml"), ("application/xml", "xml"), ("text/xml", "xml"),
    ("text/csv", "csv"), ("text/tab-separated-values", "tsv"), ("text/html", "html"),
]
GRAPH_MEDIA = [
    ("text/turtle", "turtle"), ("application/x-turtle", "turtle"),
    ("application/n-triples", "ntriples"), ("text/plain", "ntriples"),
    ("application/ld+json", "jsonld"), ("application/json", "jsonld"),
    ("application/rdf+xml", "rdfxml"), ("application/xml", "rdfxml"), ("text/html", "html"),
]
RESULT_TYPES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values", "html": "text/html"}
GRAPH_TYPES = {"turtle": "text/turtle", "ntriples": "application/n-triples", "jsonld": "application/ld+json",
               "rdfxml": "application/rdf+xml", "html": "text/html"}
# ``format=`` parameter values: (result format, graph format)
FORMAT_PARAM = {
    "json": ("json", "jsonld"), "xml": ("xml", "rdfxml"), "csv": ("csv", None), "tsv": ("tsv", None),
    "html": ("html", "html"), "turtle": (None, "turtle"), "ttl": (None, "turtle"),
    "ntriples": (None, "ntriples"), "nt": (None, "ntriples"), "n-triples": (None, "ntriples"),
    "jsonld": (None, "jsonld"), "json-ld": (None, "jsonld"), "rdfxml": (None, "rdfxml"), "rdf": (None, "rdfxml"),
}
DOC_MEDIA = [("text/html", "page"), ("application/xhtml+xml", "page"), ("text/turtle", "ttl"),
             ("application/x-turtle", "ttl"), ("application/ld+json", "jsonld"), ("application/json", "jsonld"),
             ("application/n-triples", "nt"), ("application/rdf+xml", "rdf")]
DOC_TYPES = {"ttl": "text/turtle", "jsonld": "application/ld+json", "nt": "application/n-triples",
             "rdf": "application/rdf+xml"}
RDF_UPLOAD_TYPES = {"text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml",
                    "application/n-quads", "application/trig", "text/n3", "application/x-turtle"}


# ====================================================================== content negotiation
def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """``Accept`` as (media range, q) pairs; an absent or empty header accepts anything."""
    if not header or not header.strip():
        return [("*/*", 1.0)]
    out = []
    for part in header.split(","):
        bits = [b.strip() for b in part.split(";")]
        if not bits[0]:
            continue
        q = 1.0
        for b in bits[1:]:
            k, _, v = b.partition("=")
            if k.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(v)))
                except ValueError:
                    q = 0.0
        out.append((bits[0].lower(), q))
    return out


def negotiate(header: str | None, offers: list[tuple[str, str]]) -> str | None:
    """The offered name whose media type the client accepts with the highest q (the most
    specific matching range decides a type's q; ties go to the earlier offer)."""
    ranges = parse_accept(header)
    best, best_q = None, 0.0
    for media, name in offers:
        mtype = media.split("/")[0]
        q, spec = None, -1
        for rng, rq in ranges:
            s = 2 if rng == media else 1 if rng == f"{mtype}/*" else 0 if rng == "*/*" else -1
            if s > spec:
                q, spec = rq, s
        if q is not None and spec >= 0 and q > best_q:
            best, best_q = name, q
    return best


# ====================================================================== the query workers
_FRAME = struct.Struct(">I")


def _worker_main() -> None:
    """A query worker: loads the N-Quads file given as argv[1] into an in-memory Oxigraph store,
    then answers framed JSON requests on stdin until stdin closes (or the server dies).

    Self-contained (it imports only the standard library and pyoxigraph, not kg): the server
    runs its source with ``python -c``, so a worker starts in a few hundred milliseconds."""
    import json
    import os
    import resource
    import struct
    import sys
    import threading
    import time

    import pyoxigraph as ox

    frame = struct.Struct(">I")
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed by accident goes to stderr, not into the protocol
    inp = sys.stdin.buffer
    parent = os.getppid()
    prefixes = json.loads(os.environ.get("KG_WORKER_PREFIXES", "{}"))
    limit = int(os.environ.get("KG_WORKER_MEMORY", "0"))
    if limit > 0:
        try:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ValueError, OSError):
            pass

    def orphan_watch() -> None:  # a worker (and the query it runs) dies with the server
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=orphan_watch, daemon=True).start()
    store = ox.Store()
    store.load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)
    results_fmt = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                   "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
    graph_fmt = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
                 "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}

    class TooLarge(Exception):
        pass

    class Capped:
        """An output that refuses more than ``cap`` bytes: serializing stops there."""

        def __init__(self, cap: int):
            self.cap, self.parts, self.size = cap, [], 0

        def write(self, b) -> int:
            self.size += len(b)
            if self.size > self.cap:
                raise TooLarge
            self.parts.append(bytes(b))
            return len(b)

        def flush(self) -> None:
            pass

    def read_exact(n: int) -> bytes:
        data = inp.read(n)
        if data is None or len(data) != n:
            raise EOFError
        return data

    def send(header: dict, body: bytes = b"") -> None:
        h = json.dumps(header).encode("utf-8")
        out.write(frame.pack(len(h)) + h + frame.pack(len(body)))
        out.write(body)
        out.flush()

    def answer(req: dict) -> tuple:
        kwargs = {}
        try:
            if req.get("default_graph"):
                kwargs["default_graph"] = [ox.NamedNode(u) for u in req["default_graph"]]
            if req.get("named_graphs"):
                kwargs["named_graphs"] = [ox.NamedNode(u) for u in req["named_graphs"]]
        except ValueError as exc:
            return {"status": 400, "error": f"not a valid graph IRI: {exc}"}, b""
        try:
            res = store.query(req["query"], prefixes=prefixes, **kwargs)
        except SyntaxError as exc:
            return {"status": 400, "error": f"the query does not parse: {exc}"}, b""
        except Exception as exc:  # OSError, RuntimeError from evaluation
            return {"status": 500, "error": f"the query failed: {exc}"}, b""
        cap = Capped(int(req["max_bytes"]))
        try:
            if isinstance(res, ox.QueryTriples):
                form, name = "GRAPH", req.get("graph")
                if name is None:
                    return {"status": 406, "form": form}, b""
                fmt = graph_fmt["turtle" if name == "html" else name]
                ox.serialize(res, cap, fmt, prefixes=prefixes if fmt == ox.RdfFormat.TURTLE else None)
            else:
                form = "ASK" if isinstance(res, ox.QueryBoolean) else "SELECT"
                name = req.get("results")
                if name is None:
                    return {"status": 406, "form": form}, b""
                res.serialize(cap, results_fmt["json" if name == "html" else name])
        except TooLarge:
            return {"status": 422, "form": form, "error": "too large"}, b""
        except Exception as exc:
            return {"status": 500, "error": f"the query failed: {exc}"}, b""
        return {"status": 200, "form": form, "format": name}, b"".join(cap.parts)

    send({"ready": True, "quads": len(store)})
    while True:
        try:
            req = json.loads(read_exact(frame.unpack(read_exact(4))[0]))
        except EOFError:
            return
        header, body = answer(req)
        del req
        send(header, body)


def _size(n: int) -> str:
    for unit, div in (("GiB", 1024 ** 3), ("MiB", 1024 ** 2), ("KiB", 1024)):
        if n >= div:
            return f"{n / div:g} {unit}"
    return f"{n} bytes"


def _prefixes() -> dict[str, str]:
    from kg.queries.stored import QUERY_PREFIXES

    return dict(QUERY_PREFIXES)


def _worker_source() -> str:
    import inspect
    import textwrap

    return textwrap.dedent(inspect.getsource(_worker_main)) + "\n_worker_main()\n"


class _WorkerGone(Exception):
    pass


class _Deadline(Exception):
    pass


class _Worker:
    """One worker process and the pipes to it."""

    def __init__(self, data_path: Path, memory: int):
        env = dict(os.environ)
        env["KG_WORKER_MEMORY"] = str(memory)
        env["KG_WORKER_PREFIXES"] = json.dumps(_prefixes())
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _worker_source(), str(data_path)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, close_fds=True)
        self.out_fd = self.proc.stdout.fileno()

    def _read(self, n: int, deadline: float) -> bytes:
        chunks, left = [], n
        while left:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise _Deadline
            ready, _, _ = select.select([self.out_fd], [], [], remaining)
            if not ready:
                raise _Deadline
            chunk = os.read(self.out_fd, min(left, 1 << 20))
            if not chunk:
                raise _WorkerGone
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def receive(self, deadline: float) -> tuple[dict, bytes]:
        header = json.loads(self._read(_FRAME.unpack(self._read(4, deadline))[0], deadline))
        body = self._read(_FRAME.unpack(self._read(4, deadline))[0], deadline)
        return header, body

    def send(self, request: dict) -> None:
        data = json.dumps(request).encode("utf-8")
        try:
            self.proc.stdin.write(_FRAME.pack(len(data)) + data)
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            raise _WorkerGone from None

    def stop(self, grace: float = 2.0) -> None:
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()  # a worker at rest exits on end of input
            except OSError:
                pass
            try:
                self.proc.wait(grace)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        if self.proc.poll() is None:
            self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except OSError:
                pass

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.stop(grace=0)


@dataclass
class Answer:
    status: int
    body: bytes = b""
    error: str | None = None
    form: str | None = None     # SELECT, ASK or GRAPH
    format: str | None = None   # the format name the body is in


class QueryEngine:
    """A pool of query workers over one N-Quads file, with a deadline per query."""

    def __init__(self, data_path: Path, workers: int = DEFAULT_WORKERS, timeout: float = DEFAULT_TIMEOUT,
                 max_bytes: int = DEFAULT_MAX_RESULT, memory: int = WORKER_MEMORY, start_timeout: float = 120.0):
        if workers < 1:
            raise KGError("--workers must be at least 1.")
        if timeout <= 0:
            raise KGError("--timeout must be more than 0 seconds.")
        if max_bytes <= 0:
            raise KGError("--max-result-size must be more than 0 bytes.")
        self.data_path, self.timeout, self.max_bytes, self.memory = data_path, timeout, max_bytes, memory
        self.size = workers
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._workers: set[_Worker] = set()
        self._closed = False
        self.restarts = 0
        started = [self._spawn() for _ in range(workers)]
        deadline = time.monotonic() + start_timeout
        try:
            for w in started:
                self._await_ready(w, deadline)
                self._idle.put(w)
        except BaseException:
            self.close()
            raise

    def _spawn(self) -> _Worker:
        w = _Worker(self.data_path, self.memory)
        with self._lock:
            self._workers.add(w)
        return w

    def _await_ready(self, w: _Worker, deadline: float) -> None:
        try:
            header, _ = w.receive(deadline)
        except (_Deadline, _WorkerGone, ValueError):
            raise KGError("a SPARQL query worker did not start (is pyoxigraph installed? see the messages above).") from None
        if not header.get("ready"):
            raise KGError("a SPARQL query worker did not start.")

    def _replace(self, dead: _Worker) -> None:
        """Kill a worker and start another in the background."""
        dead.kill()
        with self._lock:
            self._workers.discard(dead)
            if self._closed:
                return
            self.restarts += 1

        def respawn() -> None:
            try:
                w = self._spawn()
                self._await_ready(w, time.monotonic() + 120)
            except Exception as exc:  # the pool is one worker short; say so
                print(f"kg serve: a query worker could not be restarted: {exc}", file=sys.stderr)
                return
            with self._lock:
                closed = self._closed
            if closed:
                w.stop()
            else:
                self._idle.put(w)

        threading.Thread(target=respawn, name="kg-worker-respawn", daemon=True).start()

    def execute(self, query: str, results: str | None = "json", graph: str | None = "turtle",
                default_graph: list[str] | None = None, named_graphs: list[str] | None = None,
                timeout: float | None = None) -> Answer:
        """Run one query on a free worker within the deadline; the answer's body is serialized."""
        limit = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        if self._closed:
            return Answer(503, error="the server is shutting down.")
        try:
            w = self._idle.get(timeout=limit)
        except queue.Empty:
            return Answer(503, error=f"all {self.size} query workers stayed busy for {limit:g} s; try again later.")
        request = {"query": query, "results": results, "graph": graph, "default_graph": default_graph or [],
                   "named_graphs": named_graphs or [], "max_bytes": self.max_bytes}
        try:
            w.send(request)
            header, body = w.receive(deadline)
        except _Deadline:
            self._replace(w)
            return Answer(503, error=f"the query ran longer than this server's time limit of {limit:g} s "
                                     "and was stopped.")
        except (_WorkerGone, ValueError):
            self._replace(w)
            return Answer(500, error="the query engine stopped while answering (out of memory?); "
                                     "the query was abandoned.")
        self._idle.put(w)
        error = header.get("error")
        if header["status"] == 422:
            error = (f"the answer is larger than this server's limit of {_size(self.max_bytes)}; "
                     "narrow the query or add a LIMIT.")
        return Answer(header["status"], body, error, header.get("form"), header.get("format"))

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._workers)
            self._workers.clear()
        for w in workers:
            w.stop()


# ====================================================================== the graph as pages
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def local_path(iri: str) -> str | None:
    """``id/…`` (with its fragment) for an IRI of our namespace, else None."""
    if iri.startswith(BASE):
        rest = iri[len(BASE):]
        if rest.startswith(LOCAL_ROOTS):
            return rest
    return None


class Site:
    """Everything the pages need from the graph (read-only after construction)."""

    def __init__(self, graph, inferred=None, queries=None, dataset=None):
        from rdflib import RDF, RDFS, SKOS, URIRef

        from kg.queries.stored import list_queries

        self.g = graph
        self.inferred = inferred
        self.dataset = dataset
        self.queries = list(queries if queries is not None else list_queries())
        self.nodes: set[str] = set()
        for s, _, o in graph:
            if isinstance(s, URIRef):
                self.nodes.add(str(s))
            if isinstance(o, URIRef):
                self.nodes.add(str(o))
        self.hash_bases = {n.split("#", 1)[0] for n in self.nodes if "#" in n}
        self._labels: dict[Any, str] = {}
        self._label_preds = (RDFS.label, SKOS.prefLabel)
        self.RDF, self.RDFS = RDF, RDFS

    # ---- lookups
    def known(self, iri: str) -> bool:
        return iri in self.nodes or iri in self.hash_bases

    def label(self, node) -> str:
        from rdflib import Literal, URIRef

        from kg.namespace import NIF
        from kg.queries.stored import display

        if node in self._labels:
            return self._labels[node]
        found = None
        if isinstance(node, URIRef):
            for pred in self._label_preds:
                values = [o for o in self.g.objects(node, pred) if isinstance(o, Literal)]
                ranked = sorted(values, key=lambda o: (o.language != "en", o.language is not None, str(o)))
                if ranked:
                    found = str(ranked[0])
                    break
            if found is None:
                anchor = self.g.value(node, NIF.anchorOf)
                if anchor is not None:
                    text = " ".join(str(anchor).split())
                    found = f"“{text[:80]}…”" if len(text) > 80 else f"“{text}”"
        label = found if found is not None else display(node)
        self._labels[node] = label
        return label

    def is_inferred(self, triple) -> bool:
        return self.inferred is not None and triple in self.inferred

    # ---- data documents
    def subjects_of(self, iri: str) -> list:
        """The node itself, or — for a hash namespace (``…/text/kidd-21``, ``…/ontology``) —
        every node whose IRI is it plus a fragment."""
        from rdflib import URIRef

        if iri in self.hash_bases:
            prefix = iri + "#"
            own = [URIRef(iri)] if iri in self.nodes else []
            return own + sorted(URIRef(n) for n in self.nodes if n.startswith(prefix))
        return [URIRef(iri)]

    def describe(self, iri: str):
        """The document about one thing: its triples both ways, the provenance assertions about
        it with their spans and sentences, and the labels of what it links to."""
        from rdflib import Literal, URIRef
        from rdflib.namespace import PROV

        from kg.graph.build import new_graph
        from kg.namespace import KIDD, NIF
        from kg.queries.stored import QUERY_PREFIXES

        out = new_graph()
        for p, ns in QUERY_PREFIXES.items():
            out.bind(p, ns, override=False)
        subjects = self.subjects_of(iri)
        hash_doc = iri in self.hash_bases
        for s in subjects:
            for t in self.g.triples((s, None, None)):
                out.add(t)
            if hash_doc:
                continue
            for t in self.g.triples((None, None, s)):
                out.add(t)
            for a in self.g.subjects(self.RDF.subject, s):
                if (a, self.RDF.type, KIDD.Assertion) not in self.g:
                    continue
                for t in self.g.triples((a, None, None)):
                    out.add(t)
                for span in self.g.objects(a, PROV.wasDerivedFrom):
                    for t in self.g.triples((span, None, None)):
                        out.add(t)
                    for sentence in self.g.objects(span, NIF.sentence):
                        for t in self.g.triples((sentence, None, None)):
                            out.add(t)
        linked = {o for _, _, o in out if isinstance(o, URIRef)} | {s for s, _, _ in out}
        for node in linked - set(subjects):
            for pred in self._label_preds:
                for o in self.g.objects(node, pred):
                    if isinstance(o, Literal):
                        out.add((node, pred, o))
        return out


# ---------------------------------------------------------------------- HTML
CSS = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{background:#183153;color:#fff;padding:.6em 1.2em}header a{color:#fff;margin-right:1.2em;text-decoration:none}
main{max-width:72em;margin:0 auto;padding:1em 1.2em 3em}h1{font-size:1.6em;margin:.4em 0 .1em}
h2{font-size:1.15em;margin-top:1.8em;border-bottom:1px solid #ddd}code,pre,textarea{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}
pre{background:#f0f0f0;padding:.8em;overflow:auto;white-space:pre-wrap}.iri{color:#555;word-break:break-all}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border-bottom:1px solid #e3e3e3;padding:.3em .5em;vertical-align:top;text-align:left}
th{background:#eef1f5;font-weight:600}td.p{white-space:nowrap;color:#444}.lit{white-space:pre-wrap}
.lang,.dt,.badge{color:#777;font-size:.8em}.badge{border:1px solid #bbb;border-radius:3px;padding:0 .3em;margin-left:.4em}
blockquote.source{background:#fff;border-left:4px solid #183153;margin:.8em 0;padding:.6em 1em;font-size:1.05em}
mark{background:#ffe066;padding:0 .1em}dl.act{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dl.act dt{font-weight:600}dl.act dd{margin:0}
.box{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.4em 1.2em 1em;margin:1em 0}
.types a{margin-right:.6em}footer{margin-top:2em;color:#555;font-size:.9em}.err{color:#a40000}
textarea{width:100%;min-height:14em}form.params input{min-width:24em}
""".strip()


def esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def page(title: str, body: str, head: str = "") -> bytes:
    doc = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
           f'<meta name="viewport" content="width=device-width, initial-scale=1">'
           f"<title>{esc(title)} — KIDD-KG</title>{head}<style>{CSS}</style></head>\n<body>"
           f'<header><a href="/"><strong>KIDD-KG</strong></a><a href="/sparql">SPARQL</a>'
           f'<a href="/#queries">Stored queries</a><a href="/dump/kg.nt">Dump</a></header>\n'
           f"<main>{body}</main></body></html>\n")
    return doc.encode("utf-8")


def page_href(iri: str) -> str | None:
    """The local page for one of our IRIs (fragment kept), else None."""
    path = local_path(iri)
    if path is None:
        return None
    base, hashmark, frag = path.partition("#")
    return "/page/" + urllib.parse.quote(base, safe="/-._~") + (hashmark + urllib.parse.quote(frag, safe="=,;-._~") if hashmark else "")


def fragment_id(iri: str) -> str:
    return iri.partition("#")[2]


class Renderer:
    """HTML for entity pages, the index, stored query pages and result tables."""

    def __init__(self, site: Site):
        self.site = site

    # ---- terms
    def term(self, t, with_iri: bool = False) -> str:
        from rdflib import BNode, Literal, URIRef
        from rdflib.namespace import XSD

        from kg.queries.stored import shorten

        if t is None:
            return ""
        if isinstance(t, URIRef):
            iri = str(t)
            href = page_href(iri)
            label = self.site.label(t) if href else shorten(iri)
            if href is None and re.match(r"^https?://", iri):
                href = iri
            text = esc(label)
            if with_iri and href and label != shorten(iri):
                text += f' <span class="iri">{esc(shorten(iri))}</span>'
            return f'<a href="{esc(href)}">{text}</a>' if href else f"<code>{esc(iri)}</code>"
        if isinstance(t, BNode):
            return f"<code>_:{esc(t)}</code>"
        if isinstance(t, Literal):
            out = f'<span class="lit">{esc(t)}</span>'
            if t.language:
                out += f' <span class="lang">@{esc(t.language)}</span>'
            elif t.datatype and t.datatype != XSD.string:
                out += f' <span class="dt">{esc(shorten(str(t.datatype)))}</span>'
            return out
        return esc(t)

    def cell(self, t) -> str:
        """A result-table cell: the value as ``kg query`` shows it, linked when it is an IRI."""
        from rdflib import URIRef

        from kg.queries.stored import display

        text = esc(display(t))
        if isinstance(t, URIRef):
            href = page_href(str(t)) or (str(t) if re.match(r"^https?://", str(t)) else None)
            if href:
                return f'<a href="{esc(href)}">{text}</a>'
        return text

    # ---- entity page
    def entity(self, iri: str) -> bytes:
        from rdflib import URIRef

        site = self.site
        node = URIRef(iri)
        path = local_path(iri) or iri
        hash_doc = iri in site.hash_bases
        title = site.label(node) if iri in site.nodes else (path if hash_doc else site.label(node))
        data_links = " · ".join(f'<a href="/data/{esc(path)}.{ext}">{name}</a>'
                                for ext, name in (("ttl", "Turtle"), ("jsonld", "JSON-LD"), ("nt", "N-Triples"),
                                                  ("rdf", "RDF/XML")))
        head = (f'<link rel="alternate" type="text/turtle" href="/data/{esc(path)}.ttl">'
                f'<link rel="alternate" type="application/ld+json" href="/data/{esc(path)}.jsonld">')
        parts = [f"<h1>{esc(title)}</h1>", f'<p class="iri"><code>{esc(iri)}</code></p>']
        if iri in site.nodes:
            parts.append(self._entity_body(node))
        if hash_doc:
            children = [s for s in site.subjects_of(iri) if str(s) != iri]
            parts.append(f"<p>{len(children)} things are named by fragments of this IRI.</p>")
            for child in children:
                parts.append(f'<section id="{esc(fragment_id(str(child)))}"><h2>{esc(site.label(child))}</h2>'
                             f'<p class="iri"><code>{esc(child)}</code></p>{self._facts(child, incoming=False)}</section>')
        parts.append(f"<footer>This page describes <code>{esc(iri)}</code>. The same as data: {data_links}.</footer>")
        return page(title, "\n".join(parts), head)

    def _entity_body(self, node) -> str:
        from kg.namespace import KIDD

        site = self.site
        types = sorted(set(site.g.objects(node, site.RDF.type)), key=lambda t: site.label(t).lower())
        out = []
        if types:
            out.append('<p class="types">a ' + " ".join(self.term(t) for t in types) + "</p>")
        if (node, site.RDF.type, KIDD.SpeechAct) in site.g or (node, site.RDF.type, KIDD.Commitment) in site.g:
            out.append(self._act_box(node))
        out.append("<h2>Facts</h2>" + self._facts(node, incoming=False))
        incoming = self._incoming(node)
        if incoming:
            out.append("<h2>Referenced by</h2>" + incoming)
        evidence = self._evidence(node)
        if evidence:
            out.append("<h2>Evidence</h2>" + evidence)
        return "\n".join(out)

    def _facts(self, node, incoming: bool) -> str:
        from kg.queries.stored import shorten

        site = self.site
        rows = sorted(site.g.predicate_objects(node),
                      key=lambda po: (po[0] != site.RDF.type, shorten(str(po[0])), str(po[1])))
        if not rows:
            return "<p>No facts.</p>"
        body = []
        for p, o in rows:
            badge = '<span class="badge" title="an OWL 2 RL inference">inferred</span>' if site.is_inferred((node, p, o)) else ""
            body.append(f'<tr><td class="p">{self.term(p)}</td><td>{self.term(o)}{badge}</td></tr>')
        return '<table class="facts"><thead><tr><th>property</th><th>value</th></tr></thead><tbody>' + "".join(body) + "</tbody></table>"

    def _incoming(self, node) -> str:
        from kg.namespace import KIDD
        from kg.queries.stored import shorten

        site = self.site
        rows, provenance = [], 0
        for s, p in site.g.subject_predicates(node):
            if (s, site.RDF.type, KIDD.Assertion) in site.g:
                provenance += 1
                continue
            rows.append((s, p))
        rows.sort(key=lambda sp: (shorten(str(sp[1])), site.label(sp[0]).lower()))
        out = ""
        if rows:
            out = ('<table class="incoming"><thead><tr><th>subject</th><th>property</th></tr></thead><tbody>'
                   + "".join(f"<tr><td>{self.term(s)}</td><td class=\"p\">{self.term(p)}</td></tr>" for s, p in rows)
                   + "</tbody></table>")
        if provenance:
            out += (f"<p>{provenance} provenance assertions (<code>kidd:Assertion</code>) mention it; "
                    "the ones about it are listed under Evidence.</p>")
        return out

    def _evidence(self, node) -> str:
        from rdflib.namespace import PROV, SKOS

        from kg.namespace import KIDD, NIF

        site, g = self.site, self.site.g
        rows = []
        for a in g.subjects(site.RDF.subject, node):
            if (a, site.RDF.type, KIDD.Assertion) not in g:
                continue
            p, o = g.value(a, site.RDF.predicate), g.value(a, site.RDF.object)
            spans = sorted(g.objects(a, PROV.wasDerivedFrom), key=lambda s: int(g.value(s, NIF.beginIndex) or 0))
            words = []
            begin = None
            for span in spans:
                anchor = g.value(span, NIF.anchorOf)
                if anchor is None:
                    words.append(self.term(span))
                    continue
                b = g.value(span, NIF.beginIndex)
                begin = int(b) if b is not None and begin is None else begin
                href = page_href(str(span))
                words.append(f'<a href="{esc(href)}">“{esc(anchor)}”</a>' if href else f"“{esc(anchor)}”")
            for agent in g.objects(a, PROV.wasAttributedTo):
                words.append("added by " + self.term(agent))
            for note in g.objects(a, SKOS.editorialNote):
                words.append(f'<span class="lit">{esc(note)}</span>')
            rows.append((begin if begin is not None else 10 ** 9, str(p), str(o),
                         f"<tr><td class=\"p\">{self.term(p)}</td><td>{self.term(o)}</td><td>{'<br>'.join(words)}</td></tr>"))
        if not rows:
            return ""
        rows.sort(key=lambda r: r[:3])
        return ('<table class="evidence"><thead><tr><th>property</th><th>value</th><th>the words that carry it</th></tr>'
                "</thead><tbody>" + "".join(r[3] for r in rows) + "</tbody></table>")

    # ---- speech acts and commitments
    def quote_span(self, node):
        """The span the node's ``rdf:type`` assertion (SpeechAct or Commitment) is derived from:
        the act's quote. For a commitment without one, its generating act's."""
        from rdflib.namespace import PROV

        from kg.namespace import KIDD

        g, RDF = self.site.g, self.site.RDF
        for cls in (KIDD.SpeechAct, KIDD.Commitment):
            if (node, RDF.type, cls) not in g:
                continue
            for a in g.subjects(RDF.subject, node):
                if g.value(a, RDF.predicate) == RDF.type and g.value(a, RDF.object) == cls:
                    span = g.value(a, PROV.wasDerivedFrom)
                    if span is not None:
                        return span
        act = g.value(node, PROV.wasGeneratedBy) or g.value(None, KIDD.undertakes, node)
        if act is not None and act != node and (act, RDF.type, KIDD.SpeechAct) in g:
            return self.quote_span(act)
        return None

    def passage(self, span) -> str:
        """The sentence(s) around a span, escaped, with the span's words in ``<mark>``."""
        from kg.namespace import NIF

        g = self.site.g
        quote = g.value(span, NIF.anchorOf)
        qb, qe = g.value(span, NIF.beginIndex), g.value(span, NIF.endIndex)
        sentence = g.value(span, NIF.sentence)
        context = g.value(span, NIF.referenceContext)
        text = g.value(context, NIF.isString) if context is not None else None
        if None not in (qb, qe, text):
            qb, qe = int(qb), int(qe)
            sb, se = qb, qe
            if sentence is not None and g.value(sentence, NIF.beginIndex) is not None:
                sb = min(sb, int(g.value(sentence, NIF.beginIndex)))
                se = max(se, int(g.value(sentence, NIF.endIndex)))
            text = str(text)
            return f"{esc(text[sb:qb])}<mark>{esc(text[qb:qe])}</mark>{esc(text[qe:se])}"
        whole = str(g.value(sentence, NIF.anchorOf) or quote or "")
        q = str(quote or "")
        i = whole.find(q) if q else -1
        if i < 0:
            return f"<mark>{esc(q)}</mark>"
        return f"{esc(whole[:i])}<mark>{esc(q)}</mark>{esc(whole[i + len(q):])}"

    def _act_box(self, node) -> str:
        from rdflib import URIRef
        from rdflib.namespace import PROV, TIME

        from kg.namespace import KIDD

        g, RDF = self.site.g, self.site.RDF
        is_act = (node, RDF.type, KIDD.SpeechAct) in g
        act = node if is_act else (g.value(node, PROV.wasGeneratedBy) or g.value(None, KIDD.undertakes, node))
        span = self.quote_span(node)
        out = ['<section class="box act"><h2>What was said</h2>']
        if span is not None:
            out.append(f'<blockquote class="source">{self.passage(span)}</blockquote>')
        items: list[tuple[str, list]] = []

        def values(s, p) -> list:
            return sorted(g.objects(s, p), key=lambda o: self.site.label(o).lower()) if s is not None else []

        if is_act:
            items += [("Said by", values(node, KIDD.saidBy)), ("Their words", values(node, KIDD.agentPhrase)),
                      ("Kind", values(node, KIDD.actKind))]
        else:
            items += [("Owed by", values(node, KIDD.debtor)), ("Owed to", values(node, KIDD.beneficiary)),
                      ("Made by", [act] if act is not None else []),
                      ("Said by", values(act, KIDD.saidBy)), ("Kind", values(act, KIDD.actKind)),
                      ("Status", values(node, KIDD.status))]
        items += [("Content", values(node, KIDD.content)), ("Condition", values(node, KIDD.condition)),
                  ("Condition event", values(node, KIDD.conditionEvent)),
                  ("Due", values(node, KIDD.dueTime)), ("Due before", values(node, KIDD.dueBefore))]
        source = node if is_act else act
        made_at = values(source, KIDD.madeAt)
        items.append(("Made at", made_at))
        items.append(("When", [t for m in made_at for t in values(m, TIME.hasTime)]))
        items.append(("In session", values(source, KIDD.inSession)))
        if is_act:
            items += [("Creates", values(node, KIDD.undertakes)), ("Restates", values(node, KIDD.reaffirms)),
                      ("About", values(node, KIDD.about)), ("Topics", values(node, KIDD.topic))]
        else:
            items += [("About", values(node, KIDD.about)), ("Topics", values(node, KIDD.topic)),
                      ("Restated by", sorted(g.subjects(KIDD.reaffirms, node), key=str))]
        out.append('<dl class="act">')
        for name, vals in items:
            if vals:
                rendered = ", ".join(self.term(v) for v in vals if isinstance(v, URIRef) or v is not None)
                out.append(f"<dt>{esc(name)}</dt><dd>{rendered}</dd>")
        out.append("</dl></section>")
        return "".join(out)

    # ---- index and queries
    def index(self, sparql_url: str) -> bytes:
        from rdflib import URIRef

        from kg.namespace import ID, KIDD

        site = self.site
        g = site.g
        docs = sorted((s for s in set(g.subjects(site.RDF.type, None)) if str(s).startswith(str(ID["statement/"]))),
                      key=str)
        rows = []
        for s in docs:
            reports = [self.term(o) for o in g.objects(s, KIDD.reports)]
            rows.append(f"<li>{self.term(s)}" + (f" — reports {', '.join(reports)}" if reports else "") + "</li>")
        queries = []
        for q in site.queries:
            params = ""
            if q.params:
                fields = "".join(
                    f'<label>{esc(p.name)} <input name="{esc(p.name)}" value="{esc(p.default or "")}" '
                    f'title="{esc(p.description)}"></label> ' for p in q.params.values())
                params = f'<form class="params" action="/queries/{esc(q.name)}" method="get">{fields}<button>run</button></form>'
            queries.append(f'<tr><td><a href="/queries/{esc(q.name)}">{esc(q.name)}</a></td>'
                           f"<td><strong>{esc(q.title)}</strong><br>{esc(q.question)}{params}</td></tr>")
        classes: dict[URIRef, list] = {}
        for s, o in g.subject_objects(site.RDF.type):
            if isinstance(s, URIRef) and str(o).startswith(str(KIDD._NS)) and local_path(str(s)) \
                    and o != KIDD.Assertion and "#" not in str(s) and str(s).startswith(str(ID)):
                classes.setdefault(o, []).append(s)
        browse = []
        for cls in sorted(classes, key=lambda c: site.label(c).lower()):
            members = sorted(set(classes[cls]), key=lambda s: site.label(s).lower())
            links = "".join(f"<li>{self.term(m)}</li>" for m in members)
            browse.append(f"<details><summary>{esc(site.label(cls))} ({len(members)})</summary><ul>{links}</ul></details>")
        body = f"""<h1>KIDD-KG</h1>
<p>What allies say and promise: the U.S.–ROK joint statements as a knowledge graph, every fact traced to the
words that carry it. {len(g)} triples (asserted facts, provenance, OWL 2 RL inferences, ontology and vocabularies).</p>
<p>SPARQL endpoint: <a href="/sparql"><code>{esc(sparql_url)}</code></a> (SPARQL 1.1 Protocol, read-only).
Every IRI <code>{esc(BASE)}id/…</code> resolves here under <code>/id/…</code>. The whole graph: <a href="/dump/kg.nt">N-Triples</a>.</p>
<h2>Statements</h2><ul>{''.join(rows) or '<li>none</li>'}</ul>
<h2 id="queries">Stored queries</h2>
<table><thead><tr><th>query</th><th>question</th></tr></thead><tbody>{''.join(queries)}</tbody></table>
<h2>Things by class</h2>{''.join(browse)}"""
        return page("KIDD-KG", body)

    def results_table(self, result) -> str:
        if result.type == "ASK":
            return f"<p><strong>{'true' if result.askAnswer else 'false'}</strong></p>"
        names = [str(v) for v in result.vars or []]
        head = "".join(f"<th>{esc(n)}</th>" for n in names)
        body = []
        count = 0
        for row in result:
            count += 1
            body.append("<tr>" + "".join(f"<td>{self.cell(row[i])}</td>" for i in range(len(names))) + "</tr>")
        return (f'<table class="results"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
                f'<p class="count">({count} row{"" if count == 1 else "s"})</p>')

    def query_page(self, q, text: str, params: dict[str, str], table: str | None, error: str | None) -> bytes:
        fields = "".join(
            f'<label>{esc(p.name)} <input name="{esc(p.name)}" value="{esc(params.get(p.name, p.default or ""))}"></label> '
            f'<span class="dt">{esc(p.description)}</span><br>' for p in q.params.values())
        form = f'<form class="params" method="get">{fields}<button>run</button></form>' if q.params else ""
        columns = "".join(f"<dt><code>{esc(k)}</code></dt><dd>{esc(v)}</dd>" for k, v in q.columns.items())
        enc = urllib.parse.quote(text, safe="")
        downloads = " · ".join(f'<a href="/sparql?query={enc}&amp;format={f}">{f.upper()}</a>' for f in ("csv", "tsv", "json", "xml"))
        answer = f'<p class="err">{esc(error)}</p>' if error else (table or "")
        body = (f"<h1>{esc(q.title or q.name)}</h1><p>{esc(q.question)}</p>{form}"
                f"<h2>Answer</h2>{answer}<p>Download: {downloads}</p>"
                + (f'<h2>Columns</h2><dl class="act">{columns}</dl>' if columns else "")
                + f"<h2>SPARQL</h2><pre>{esc(text)}</pre>")
        return page(q.title or q.name, body)

    def sparql_form(self, sparql_url: str) -> bytes:
        example = ("PREFIX kidd: <https://w3id.org/kidd-kg/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n\n"
                   "SELECT ?act ?label WHERE {\n  ?act a kidd:SpeechAct ; rdfs:label ?label .\n} ORDER BY ?act LIMIT 20")
        opts = "".join(f'<option value="{f}">{f}</option>' for f in ("html", "json", "xml", "csv", "tsv", "turtle", "jsonld", "ntriples"))
        body = (f"<h1>SPARQL endpoint</h1><p><code>{esc(sparql_url)}</code> — SPARQL 1.1 Protocol, read-only. "
                "Machines asking for RDF here get the SPARQL Service Description.</p>"
                f'<form method="get" action="/sparql"><textarea name="query">{esc(example)}</textarea>'
                f'<p>format <select name="format">{opts}</select> <button>run</button></p></form>'
                f'<pre>curl -H "Accept: text/csv" --data-urlencode "query@my.rq" {esc(sparql_url)}</pre>')
        return page("SPARQL", body)

    def message(self, status: int, title: str, text: str) -> bytes:
        return page(title, f'<h1>{status} {esc(title)}</h1><p class="err">{esc(text)}</p><p><a href="/">Home</a></p>')


# ====================================================================== HTTP
@dataclass
class Request:
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes = b""

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    @property
    def args(self) -> dict[str, list[str]]:
        return urllib.parse.parse_qs(self.query, keep_blank_values=True)


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


def text_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return Response(status, (message.rstrip() + "\n").encode("utf-8"), headers=headers or {})


class App:
    """Routes requests to the endpoint, the entity documents and the pages."""

    def __init__(self, engine: QueryEngine, site: Site, dump: bytes):
        self.engine, self.site, self.dump = engine, site, dump
        self.render = Renderer(site)

    def base_url(self, req: Request, fallback: str) -> str:
        host = req.header("host") or ""
        return f"http://{host}" if re.fullmatch(r"[A-Za-z0-9.-]+(:\d{1,5})?|\[[0-9A-Fa-f:.]+\](:\d{1,5})?", host) else fallback

    def handle(self, req: Request, fallback_base: str) -> Response:
        path = urllib.parse.unquote(req.path)
        base = self.base_url(req, fallback_base)
        if req.method == "OPTIONS":
            allow = "GET, HEAD, POST, OPTIONS" if path == "/sparql" else "GET, HEAD, OPTIONS"
            return Response(204, headers={"Allow": allow, "Access-Control-Allow-Methods": allow,
                                          "Access-Control-Allow-Headers": "Accept, Content-Type",
                                          "Access-Control-Max-Age": "86400"})
        if path == "/sparql":
            return self.sparql(req, base)
        if req.method not in ("GET", "HEAD"):
            return text_response(405, f"{req.method} is not allowed here: this server is read-only.",
                                 {"Allow": "GET, HEAD, OPTIONS"})
        if path == "/":
            return Response(200, self.render.index(base + "/sparql"), "text/html; charset=utf-8")
        if path.startswith("/queries/"):
            return self.stored_query(req, path[len("/queries/"):])
        if path.startswith("/page/"):
            return self.entity_page(req, path[len("/page/"):])
        if path.startswith("/data/"):
            return self.entity_data(req, path[len("/data/"):])
        if path == "/dump/kg.nt":
            return Response(200, self.dump, "application/n-triples")
        if path == "/context.jsonld":
            from kg.exports.jsonld import _shipped_context

            return Response(200, _shipped_context().encode("utf-8"), "application/ld+json")
        local = path.lstrip("/")
        if local == "ontology" or local.startswith(("id/", "vocab/")):
            return self.thing(req, local, base)
        return self.not_found(req, f"there is nothing at {path}.")

    # ---- helpers
    def not_found(self, req: Request, text: str) -> Response:
        if negotiate(req.header("accept"), [("text/html", "html"), ("text/plain", "text")]) == "html":
            return Response(404, self.render.message(404, "Not Found", text), "text/html; charset=utf-8")
        return text_response(404, text)

    # ---- /id/… → 303
    def thing(self, req: Request, local: str, base: str) -> Response:
        iri = BASE + local
        if not self.site.known(iri):
            return self.not_found(req, f"{iri} is not in this graph.")
        choice = negotiate(req.header("accept"), DOC_MEDIA) or "page"
        target = f"{base}/page/{urllib.parse.quote(local, safe='/-._~')}" if choice == "page" else \
            f"{base}/data/{urllib.parse.quote(local, safe='/-._~')}.{choice}"
        return Response(303, f"See {target}\n".encode("utf-8"), headers={"Location": target, "Vary": "Accept"})

    def entity_page(self, req: Request, local: str) -> Response:
        iri = BASE + local
        if not local.startswith(LOCAL_ROOTS) or not self.site.known(iri):
            return self.not_found(req, f"{iri} is not in this graph.")
        return Response(200, self.render.entity(iri), "text/html; charset=utf-8")

    def entity_data(self, req: Request, name: str) -> Response:
        from kg.exports.formats import serialize

        local, dot, ext = name.rpartition(".")
        iri = BASE + local
        if not dot or ext not in DOC_TYPES or not local.startswith(LOCAL_ROOTS) or not self.site.known(iri):
            return self.not_found(req, f"there is no document /data/{name}; the documents are "
                                       f"/data/<path>.ttl, .jsonld, .nt and .rdf for the things in this graph.")
        graph = self.site.describe(iri)
        if ext == "ttl":
            text = graph.serialize(format="turtle")
        elif ext == "jsonld":
            text = serialize(graph, "jsonld")
        elif ext == "nt":
            text = serialize(graph, "ntriples")
        else:
            text = graph.serialize(format="xml")
        return Response(200, text.encode("utf-8"), DOC_TYPES[ext] + ("; charset=utf-8" if ext == "ttl" else ""),
                        {"Link": f'<{iri}>; rel="describes"'})

    # ---- stored queries
    def find_query(self, name: str):
        for q in self.site.queries:
            if name in (q.name, q.slug) or (name.isdigit() and q.number is not None and int(name) == int(q.number)):
                return q
        return None

    def stored_query(self, req: Request, name: str) -> Response:
        from rdflib.query import Result

        from kg.publish import endpoint_text

        q = self.find_query(name)
        if q is None:
            return self.not_found(req, f"there is no stored query `{name}`.")
        args = req.args
        params = {k: v[-1] for k, v in args.items() if k in q.params and v and v[-1].strip()}
        unknown = sorted(k for k in args if k not in q.params)
        error, table, text = None, None, q.text
        try:
            if unknown:
                raise KGError(f"the query has no parameter {', '.join(unknown)}; "
                              + (f"it takes: {', '.join(q.params)}." if q.params else "it declares no parameters."))
            text = endpoint_text(q, params)
            ans = self.engine.execute(text, results="json", graph="turtle")
            if ans.status != 200:
                error = ans.error or f"the query failed ({ans.status})."
            elif ans.form == "GRAPH":
                table = f"<pre>{esc(ans.body.decode('utf-8'))}</pre>"
            else:
                import io

                table = self.render.results_table(Result.parse(io.BytesIO(ans.body), format="json"))
        except KGError as exc:
            error = exc.message
        status = 200 if error is None else 400
        return Response(status, self.render.query_page(q, text, params, table, error), "text/html; charset=utf-8")

    # ---- the SPARQL endpoint
    def sparql(self, req: Request, base: str) -> Response:
        if req.method not in ("GET", "HEAD", "POST"):
            return text_response(405, f"{req.method} is not allowed: this SPARQL endpoint is read-only "
                                      "(no Graph Store writes, no SPARQL Update).",
                                 {"Allow": "GET, HEAD, POST, OPTIONS"})
        args = req.args
        ctype = (req.header("content-type") or "").split(";")[0].strip().lower()
        if req.method == "POST":
            if ctype == "application/x-www-form-urlencoded":
                try:
                    form = urllib.parse.parse_qs(req.body.decode("utf-8"), keep_blank_values=True)
                except UnicodeDecodeError:
                    return text_response(400, "the form is not UTF-8.")
                for k, v in form.items():
                    args.setdefault(k, []).extend(v)
            elif ctype == "application/sparql-query":
                try:
                    args.setdefault("query", []).append(req.body.decode("utf-8"))
                except UnicodeDecodeError:
                    return text_response(400, "the query is not UTF-8.")
            elif ctype == "application/sparql-update":
                return self.read_only()
            elif ctype in RDF_UPLOAD_TYPES or "graph" in args or "default" in args:
                return self.read_only()
            else:
                return text_response(415, "POST a query as application/x-www-form-urlencoded (query=…) or as "
                                          f"application/sparql-query, not `{ctype or 'no content type'}`.")
        if "update" in args or "using-graph-uri" in args or "using-named-graph-uri" in args:
            return self.read_only()
        queries = args.get("query", [])
        if not queries:
            if "graph" in args or "default" in args:
                return text_response(400, "this endpoint does not serve the Graph Store Protocol; the whole graph "
                                          f"is at {base}/dump/kg.nt.")
            if req.method == "POST":
                return text_response(400, "no query: give the query in a `query` parameter.")
            return self.service_description(req, base)
        if len(queries) > 1:
            return text_response(400, "give exactly one `query` parameter.")
        text = queries[0]
        if is_update(text):
            return self.read_only()
        if uses_service(text):
            return text_response(403, "federated queries (SERVICE) are not allowed on this endpoint.")
        fmt = (args.get("format") or args.get("output") or [None])[-1]
        if fmt:
            key = fmt.strip().lower()
            if key in FORMAT_PARAM:
                results, graph = FORMAT_PARAM[key]
            else:
                results = next((n for m, n in RESULT_MEDIA if m == key), None)
                graph = next((n for m, n in GRAPH_MEDIA if m == key), None)
                if results is None and graph is None:
                    return text_response(400, f"unknown format `{fmt}`; use one of: {', '.join(FORMAT_PARAM)} "
                                              "or a media type.")
        else:
            accept = req.header("accept")
            results, graph = negotiate(accept, RESULT_MEDIA), negotiate(accept, GRAPH_MEDIA)
        ans = self.engine.execute(text, results=results, graph=graph,
                                  default_graph=args.get("default-graph-uri"), named_graphs=args.get("named-graph-uri"))
        if ans.status == 406:
            offered = RESULT_TYPES if ans.form != "GRAPH" else GRAPH_TYPES
            return text_response(406, f"a {ans.form if ans.form != 'GRAPH' else 'CONSTRUCT/DESCRIBE'} answer can be "
                                      f"{', '.join(offered.values())}; the request accepts none of them.",
                                 {"Vary": "Accept"})
        if ans.status != 200:
            return text_response(ans.status, ans.error or "the query failed.")
        headers = {"Vary": "Accept"}
        if ans.format == "html":
            if ans.form == "GRAPH":
                body = page("CONSTRUCT", f"<h1>Answer</h1><pre>{esc(ans.body.decode('utf-8'))}</pre>")
            else:
                import io

                from rdflib.query import Result

                table = self.render.results_table(Result.parse(io.BytesIO(ans.body), format="json"))
                body = page("Answer", f"<h1>Answer</h1>{table}<h2>SPARQL</h2><pre>{esc(text)}</pre>")
            return Response(200, body, "text/html; charset=utf-8", headers)
        media = (GRAPH_TYPES if ans.form == "GRAPH" else RESULT_TYPES)[ans.format]
        if media.startswith("text/") or media.endswith(("+json", "+xml")):
            media += "; charset=utf-8"
        return Response(200, ans.body, media, headers)

    def read_only(self) -> Response:
        return text_response(403, "this SPARQL endpoint is read-only: it accepts no SPARQL Update and no "
                                  "Graph Store writes.")

    def service_description(self, req: Request, base: str) -> Response:
        choice = negotiate(req.header("accept"), [("text/turtle", "ttl"), ("text/html", "html"),
                                                  ("application/ld+json", "jsonld"), ("application/n-triples", "nt"),
                                                  ("application/rdf+xml", "rdf")]) or "ttl"
        if choice == "html":
            return Response(200, self.render.sparql_form(base + "/sparql"), "text/html; charset=utf-8", {"Vary": "Accept"})
        g = self.sd_graph(base)
        fmt = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt", "rdf": "xml"}[choice]
        ctype = {"ttl": "text/turtle; charset=utf-8", "jsonld": "application/ld+json", "nt": "application/n-triples",
                 "rdf": "application/rdf+xml"}[choice]
        return Response(200, g.serialize(format=fmt).encode("utf-8"), ctype, {"Vary": "Accept"})

    def sd_graph(self, base: str):
        from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
        from rdflib.namespace import DCTERMS, VOID, XSD

        SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
        FMT = Namespace("http://www.w3.org/ns/formats/")
        g = Graph()
        g.bind("sd", SD)
        g.bind("formats", FMT)
        g.bind("void", VOID)
        g.bind("dcterms", DCTERMS)
        svc, ds, dg = BNode(), BNode(), BNode()
        g.add((svc, RDF.type, SD.Service))
        g.add((svc, SD.endpoint, URIRef(base + "/sparql")))
        g.add((svc, SD.supportedLanguage, SD.SPARQL11Query))
        for f in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "JSON-LD", "RDF_XML"):
            g.add((svc, SD.resultFormat, FMT[f]))
        g.add((svc, SD.feature, SD.EmptyGraphs))
        g.add((svc, DCTERMS.title, Literal("KIDD-KG SPARQL endpoint", lang="en")))
        g.add((svc, RDFS.comment, Literal(
            f"Read-only. A query may run {self.engine.timeout:g} s and answer at most "
            f"{_size(self.engine.max_bytes)}; SERVICE is disabled. The default graph holds the asserted facts, "
            "provenance, enrichment, links, OWL 2 RL inferences, ontology and vocabularies; the named graphs "
            "hold each part as built.", lang="en")))
        g.add((svc, SD.defaultDataset, ds))
        g.add((ds, RDF.type, SD.Dataset))
        g.add((ds, SD.defaultGraph, dg))
        g.add((dg, RDF.type, SD.Graph))
        g.add((dg, VOID.triples, Literal(len(self.site.g), datatype=XSD.integer)))
        if self.site.dataset is not None:
            from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

            for ctx in sorted(self.site.dataset.graphs(), key=lambda c: str(c.identifier)):
                if ctx.identifier == DATASET_DEFAULT_GRAPH_ID or not len(ctx):
                    continue
                ng, gr = BNode(), BNode()
                g.add((ds, SD.namedGraph, ng))
                g.add((ng, RDF.type, SD.NamedGraph))
                g.add((ng, SD.name, ctx.identifier))
                g.add((ng, SD.graph, gr))
                g.add((gr, RDF.type, SD.Graph))
                g.add((gr, VOID.triples, Literal(len(ctx), datatype=XSD.integer)))
        return g


class _Handler(BaseHTTPRequestHandler):
    server_version = "kidd-kg"
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # small answers go out at once (no 40 ms delayed-ACK stall)
    timeout = 120  # seconds a connection may sit idle (or trickle a request) before it is closed
    server: "_HTTPServer"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        if not self.server.quiet:
            super().log_message(format, *args)

    def _handle(self) -> None:
        method = self.command
        split = urllib.parse.urlsplit(self.path)
        headers = {k.lower(): v for k, v in self.headers.items()}
        body = b""
        if method in ("POST", "PUT", "PATCH"):
            length = self.headers.get("Content-Length")
            if length is None:
                if self.headers.get("Transfer-Encoding"):
                    self.close_connection = True
                    return self._send(Request(method, split.path, split.query, headers),
                                      text_response(411, "send the request body with a Content-Length."))
                length = "0"
            try:
                n = int(length)
            except ValueError:
                n = -1
            if n < 0 or n > MAX_REQUEST_BODY:
                self.close_connection = True
                return self._send(Request(method, split.path, split.query, headers),
                                  text_response(413, f"the request body is larger than {_size(MAX_REQUEST_BODY)}."))
            body = self.rfile.read(n) if n else b""
        req = Request(method, split.path or "/", split.query, headers, body)
        try:
            resp = self.server.app.handle(req, self.server.base_url)
        except Exception as exc:  # a bug of ours: answer, and say what
            import traceback

            traceback.print_exc()
            resp = text_response(500, f"internal error: {type(exc).__name__}: {exc}")
        self._send(req, resp)

    def _send(self, req: Request, resp: Response) -> None:
        self.send_response(resp.status)
        headers = {"Content-Type": resp.content_type, "Content-Length": str(len(resp.body)),
                   "Access-Control-Allow-Origin": "*", "X-Content-Type-Options": "nosniff", **resp.headers}
        if resp.content_type.startswith("text/html"):
            headers.setdefault("Content-Security-Policy",
                               "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'")
        if resp.status == 204:
            headers.pop("Content-Type")
            headers.pop("Content-Length")
        for k, v in headers.items():
            self.send_header(k, v)
        self._headers_buffer.append(b"\r\n")  # headers and body in one write
        if req.method != "HEAD" and resp.status != 204:
            self._headers_buffer.append(resp.body)
        self.flush_headers()

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _handle


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128
    app: App
    quiet: bool
    base_url: str


# ====================================================================== running it
class Server:
    """A running ``kg serve``: the HTTP server (call :meth:`serve_forever`, or :func:`start`
    runs it in a thread), its query workers and its data file. :meth:`close` stops all three."""

    def __init__(self, result, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, timeout: float = DEFAULT_TIMEOUT,
                 max_result_size: int = DEFAULT_MAX_RESULT, workers: int = DEFAULT_WORKERS, quiet: bool = False,
                 memory: int = WORKER_MEMORY):
        from kg.exports.formats import serialize
        from kg.publish import graph_to_publish

        graph = graph_to_publish(result)
        self._tmp = Path(tempfile.mkdtemp(prefix="kg-serve-"))
        self.engine: QueryEngine | None = None
        self.httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._closed = False
        try:
            dump = serialize(graph, "ntriples").encode("utf-8")
            data = self._tmp / "kg.nq"
            with open(data, "wb") as fh:  # default graph: the served graph; named graphs: the parts as built
                fh.write(dump)
                fh.write(result.dataset.serialize(format="nquads", encoding="utf-8"))
            try:
                self.httpd = _HTTPServer((host, port), _Handler, bind_and_activate=True)
            except OSError as exc:
                raise KGError(f"cannot listen on {host}:{port}: {exc.strerror or exc}.") from None
            self.engine = QueryEngine(data, workers=workers, timeout=timeout, max_bytes=max_result_size, memory=memory)
            site = Site(graph, inferred=result.inferred, dataset=result.dataset)
            self.httpd.app = App(self.engine, site, dump)
            self.httpd.quiet = quiet
            h, p = self.httpd.server_address[:2]
            shown = f"[{h}]" if ":" in h else h
            self.httpd.base_url = f"http://{shown}:{p}"
        except BaseException:
            self.close()
            raise

    @property
    def url(self) -> str:
        return self.httpd.base_url + "/"

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    def serve_forever(self) -> None:
        self.httpd.serve_forever(poll_interval=0.2)

    def start_thread(self) -> "Server":
        self._thread = threading.Thread(target=self.serve_forever, name="kg-serve", daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving, stop the workers, remove the data file; safe to call twice."""
        if self._closed:
            return
        self._closed = True
        if self.httpd is not None:
            if self._thread is not None:
                self.httpd.shutdown()
                self._thread.join(10)
            self.httpd.server_close()
        if self.engine is not None:
            self.engine.close()
        shutil.rmtree(self._tmp, ignore_errors=True)

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def start(result, host: str = DEFAULT_HOST, port: int = 0, **options: Any) -> Server:
    """Serve ``result`` (a :class:`kg.graph.build.BuildResult`) in a background thread; ``port=0``
    picks a free port. ``options``: ``timeout``, ``max_result_size``, ``workers``, ``quiet``."""
    options.setdefault("quiet", True)
    return Server(result, host, port, **options).start_thread()


# ====================================================================== command line
def _bytes(value: str) -> int:
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMG]i?B?|B)?\s*", value, re.I)
    if not m:
        raise argparse.ArgumentTypeError(f"`{value}` is not a size (e.g. 16M, 500K, 1048576)")
    unit = (m.group(2) or "B").upper()[0]
    return int(float(m.group(1)) * {"B": 1, "K": 1024, "M": 1024 ** 2, "G": 1024 ** 3}[unit])


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """``kg serve``."""
    s = subparsers.add_parser(
        "serve", help="serve the graph: a read-only SPARQL endpoint and a page for every entity",
        description="Serve the graph as users query it (facts, provenance, OWL 2 RL inferences, ontology, "
                    "vocabularies): a SPARQL 1.1 Protocol endpoint at /sparql, entity pages and data at "
                    "/id/… (content negotiation, 303 See Other), the stored queries at /. Read-only.")
    s.add_argument("--statements", type=Path, metavar="DIR", help="folder of statements (default: the bundled statements/)")
    s.add_argument("--statement", metavar="ID", help="only this statement (e.g. kidd-21)")
    s.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default: {DEFAULT_HOST}, this machine only)")
    s.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default: {DEFAULT_PORT}; 0 picks a free one)")
    s.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help=f"time limit of one query; a query still running is stopped, 503 (default: {DEFAULT_TIMEOUT:g})")
    s.add_argument("--max-result-size", type=_bytes, default=DEFAULT_MAX_RESULT, metavar="SIZE",
                   help=f"largest answer, e.g. 500K, 16M; a larger one is refused, 422 (default: {_size(DEFAULT_MAX_RESULT)})")
    s.add_argument("--workers", type=int, default=DEFAULT_WORKERS,
                   help=f"query worker processes, each with the graph in memory (default: {DEFAULT_WORKERS})")
    s.add_argument("--quiet", action="store_true", help="do not log requests")
    return s


def cmd_serve(args: argparse.Namespace) -> int:
    from kg.pipeline import build

    result = build(args.statements, only=args.statement)
    server = Server(result, args.host, args.port, timeout=args.timeout, max_result_size=args.max_result_size,
                    workers=args.workers, quiet=args.quiet)

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        if args.host not in ("127.0.0.1", "localhost", "::1"):
            print(f"kg serve: listening on {args.host}: reachable from other machines.", file=sys.stderr)
        print(f"kg serve: {server.url} (SPARQL endpoint {server.url}sparql); Ctrl-C stops.", flush=True)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.close()
    return EXIT_OK
