"""The query workers: Oxigraph (``pyoxigraph``) in child processes, each holding the served
graph in memory, with a deadline per query and a cap on the size of an answer.

A query gets a deadline: a worker that has not answered by then is killed (the only way to stop
a query Oxigraph is evaluating) and replaced, and the client gets 503; the other workers go on
answering. An answer larger than ``max_bytes`` is stopped while it is serialized (422). Every
query is first checked by :mod:`kg.serve.guard` inside the worker, and the worker has no
network (:func:`kg.serve.guard.cut_network`).

A :class:`QueryEngine` is one pool (one *lane*); the server runs two, so that stored-query
pages never wait behind the public endpoint's queries (:mod:`kg.serve.admission`).
"""

from __future__ import annotations

import json
import os
import queue
import select
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KGError

DEFAULT_TIMEOUT = 10.0                 # seconds a query may run
DEFAULT_MAX_RESULT = 16 * 1024 * 1024  # bytes of one serialized answer (the whole kidd-21 graph is ~4 MB)
DEFAULT_WORKERS = max(2, os.cpu_count() or 2)
WORKER_MEMORY = 4 * 1024 ** 3          # address-space limit of one query worker
DEFAULT_WAIT = 2.0                     # seconds a query may wait for a free worker (then 503, Retry-After)

_FRAME = struct.Struct(">I")


def _worker_main() -> None:
    """A query worker: loads the N-Quads file given as argv[1] into an in-memory Oxigraph store,
    then answers framed JSON requests on stdin until stdin closes (or the server dies).

    Self-contained (the standard library, pyoxigraph and rdflib's SPARQL parser, not kg): the
    server runs its source, after :mod:`kg.serve.guard`'s, with ``python -c``, so a worker
    starts in well under a second. ``verdict`` and ``cut_network`` come from that module."""
    import hashlib
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

    store = ox.Store()
    store.load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)
    empty = ox.Store()  # to ask Oxigraph's parser about a query rdflib's cannot read
    for probe in ("ASK {}", "INSERT DATA {}", "not a query"):  # import everything the guard needs now
        verdict(probe)  # noqa: F821  (kg.serve.guard, prepended to this source)
    isolation = cut_network()  # noqa: F821  (single-threaded still: before the watch thread)
    threading.Thread(target=orphan_watch, daemon=True).start()
    checked: dict[bytes, tuple] = {}  # verdicts by the query's digest (the stored queries come back often)
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
        text = req["query"]
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
        found = checked.get(digest)
        if found is None:
            found = verdict(text)  # noqa: F821
            if len(checked) > 4096:
                checked.clear()
            checked[digest] = found
        kind, reason = found
        if kind == "service":
            return {"status": 403, "refused": kind,
                    "error": "federated queries (SERVICE) are not allowed on this endpoint."}, b""
        if kind == "update":
            return {"status": 403, "refused": kind,
                    "error": "this SPARQL endpoint is read-only: it accepts no SPARQL Update and no "
                             "Graph Store writes."}, b""
        if kind in ("escape", "control"):
            return {"status": 400, "refused": kind, "error": f"the query is refused: {reason}."}, b""
        if kind == "unparsed":
            try:
                empty.query(text, prefixes=prefixes)
            except SyntaxError as exc:
                return {"status": 400, "error": f"the query does not parse: {exc}"}, b""
            except Exception:
                pass
            if mentions_service(text):  # noqa: F821
                return {"status": 403, "refused": "service",
                        "error": "federated queries (SERVICE) are not allowed on this endpoint."}, b""
            return {"status": 400, "refused": kind,
                    "error": "this endpoint checks every query before it runs it and cannot read this "
                             f"one, so it does not run it: {reason}"}, b""
        try:
            res = store.query(text, prefixes=prefixes, **kwargs)
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

    send({"ready": True, "quads": len(store), "isolation": isolation})
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
    from kg.serve.uses import stored

    return dict(stored().QUERY_PREFIXES)


def _worker_source() -> str:
    import inspect
    import textwrap

    from kg.serve import guard

    return (inspect.getsource(guard) + "\n\n" + textwrap.dedent(inspect.getsource(_worker_main))
            + "\n_worker_main()\n")


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
    refused: str | None = None  # what kg.serve.guard refused: "service", "update", "unparsed"
    timed_out: bool = False     # stopped at the time limit
    retry_after: int | None = None  # seconds, for a 503 of a busy lane
    seconds: float = 0.0        # how long the worker took (waiting for it not counted)


class QueryEngine:
    """A pool of query workers over one N-Quads file, with a deadline per query."""

    def __init__(self, data_path: Path, workers: int = DEFAULT_WORKERS, timeout: float = DEFAULT_TIMEOUT,
                 max_bytes: int = DEFAULT_MAX_RESULT, memory: int = WORKER_MEMORY, start_timeout: float = 120.0,
                 wait: float = DEFAULT_WAIT):
        if workers < 1:
            raise KGError("--workers must be at least 1.")
        if timeout <= 0:
            raise KGError("--timeout must be more than 0 seconds.")
        if max_bytes <= 0:
            raise KGError("--max-result-size must be more than 0 bytes.")
        self.data_path, self.timeout, self.max_bytes, self.memory = data_path, timeout, max_bytes, memory
        self.wait = wait
        self.isolation: list[str] = []
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
        self.isolation = header.get("isolation") or []

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
                timeout: float | None = None, wait: float | None = None, max_bytes: int | None = None) -> Answer:
        """Run one query on a free worker: wait at most ``wait`` seconds for one (default
        :attr:`wait`; then 503 with ``retry_after``), then give it ``timeout`` seconds (default
        :attr:`timeout`; then the worker is replaced and the answer is 503, ``timed_out``)."""
        limit = self.timeout if timeout is None else timeout
        patience = self.wait if wait is None else wait
        cap = self.max_bytes if max_bytes is None else min(max_bytes, self.max_bytes)
        if self._closed:
            return Answer(503, error="the server is shutting down.", retry_after=5)
        try:
            w = self._idle.get(timeout=patience)
        except queue.Empty:
            return Answer(503, error=f"all {self.size} query workers of this lane stayed busy for {patience:g} s; "
                                     "try again later.", retry_after=max(1, round(limit / 2)))
        began = time.monotonic()
        deadline = began + limit
        request = {"query": query, "results": results, "graph": graph, "default_graph": default_graph or [],
                   "named_graphs": named_graphs or [], "max_bytes": cap}
        try:
            w.send(request)
            header, body = w.receive(deadline)
        except _Deadline:
            self._replace(w)
            return Answer(503, error=f"the query ran longer than this server's time limit of {limit:g} s "
                                     "and was stopped.", timed_out=True, seconds=time.monotonic() - began)
        except (_WorkerGone, ValueError):
            self._replace(w)
            return Answer(500, error="the query engine stopped while answering (out of memory?); "
                                     "the query was abandoned.")
        self._idle.put(w)
        error = header.get("error")
        if header["status"] == 422:
            error = (f"the answer is larger than this server's limit of {_size(cap)}; "
                     "narrow the query or add a LIMIT.")
        return Answer(header["status"], body, error, header.get("form"), header.get("format"),
                      refused=header.get("refused"), seconds=time.monotonic() - began)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._workers)
            self._workers.clear()
        for w in workers:
            w.stop()

