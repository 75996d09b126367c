"""The HTTP layer (``http.server`` from the standard library, one thread per connection) and
:class:`Server`, which holds a running ``kg serve`` together: the HTTP server, the query
workers of both lanes, the page cache and the data file."""

from __future__ import annotations

import shutil
import tempfile
import threading
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from kg.errors import KGError
from kg.serve.admission import DEFAULT_PENALTY, DEFAULT_PER_CLIENT, Admission
from kg.serve.cache import DEFAULT_CACHE_BYTES, PageCache
from kg.serve.request import Request, Response, text_response
from kg.serve.routes import App
from kg.serve.site import Site
from kg.serve.workers import (DEFAULT_MAX_RESULT, DEFAULT_TIMEOUT, DEFAULT_WAIT, DEFAULT_WORKERS, WORKER_MEMORY,
                              QueryEngine, _size)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_PAGE_WORKERS = 1
MAX_REQUEST_BODY = 1024 * 1024         # bytes of a POSTed query


class _Handler(BaseHTTPRequestHandler):
    server_version = "kidd-kg"
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # small answers go out at once (no 40 ms delayed-ACK stall)
    timeout = 120  # seconds a connection may sit idle (or trickle a request) before it is closed
    server: "_HTTPServer"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        if not self.server.quiet:
            super().log_message(format, *args)

    def parse_request(self) -> bool:
        """The standard library's, except for an HTTP/0.9 request line (``GET /``): it gets a
        400 at once, with a status line, without waiting for headers (the library would read
        headers first, then answer with a bare body, which our writer cannot do)."""
        line = str(self.raw_requestline, "iso-8859-1").rstrip("\r\n")
        words = line.split()
        if len(words) == 2:
            self.command, self.path = words
            self.requestline, self.request_version = line, "HTTP/1.0"
            self.close_connection = True
            self.send_error(HTTPStatus.BAD_REQUEST, "HTTP/0.9 is not supported; send HTTP/1.0 or 1.1")
            return False
        return super().parse_request()

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
        req = Request(method, split.path or "/", split.query, headers, body, client=self.client_address[0])
        try:
            resp = self.server.app.handle(req)
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


class Server:
    """A running ``kg serve``: the HTTP server (call :meth:`serve_forever`, or :func:`start`
    runs it in a thread), its query workers and its data file. :meth:`close` stops all three."""

    def __init__(self, result, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, timeout: float = DEFAULT_TIMEOUT,
                 max_result_size: int = DEFAULT_MAX_RESULT, workers: int = DEFAULT_WORKERS, quiet: bool = False,
                 memory: int = WORKER_MEMORY, base_url: str | None = None, page_workers: int = DEFAULT_PAGE_WORKERS,
                 per_client: int = DEFAULT_PER_CLIENT, wait: float = DEFAULT_WAIT, penalty: float = DEFAULT_PENALTY,
                 cache_bytes: int = DEFAULT_CACHE_BYTES):
        from kg.serve.publish import graph_to_publish
        from kg.serve.uses import serialize

        if base_url is not None:
            parts = urllib.parse.urlsplit(base_url)
            if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
                raise KGError(f"--base-url must be an http:// or https:// URL without query or fragment, "
                              f"not `{base_url}`.")
        self._tmp = Path(tempfile.mkdtemp(prefix="kg-serve-"))
        self.engine: QueryEngine | None = None
        self.pages_engine: QueryEngine | None = None
        self.httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._closed = False
        try:
            try:  # the port first: a busy port is said at once, before the graph is prepared
                self.httpd = _HTTPServer((host, port), _Handler, bind_and_activate=True)
            except OSError as exc:
                raise KGError(f"cannot listen on {host}:{port}: {exc.strerror or exc}.") from None
            graph = graph_to_publish(result)
            dump = serialize(graph, "ntriples").encode("utf-8")
            data = self._tmp / "kg.nq"
            with open(data, "wb") as fh:  # default graph: the served graph; named graphs: the parts as built
                fh.write(dump)
                fh.write(result.dataset.serialize(format="nquads", encoding="utf-8"))
            self.engine = QueryEngine(data, workers=workers, timeout=timeout, max_bytes=max_result_size,
                                      memory=memory, wait=wait)
            if page_workers > 0:  # the lane of the stored-query pages
                self.pages_engine = QueryEngine(data, workers=page_workers, timeout=timeout,
                                                max_bytes=max_result_size, memory=memory, wait=wait)
            site = Site(graph, inferred=result.inferred, dataset=result.dataset)
            h, p = self.httpd.server_address[:2]
            shown = f"[{h}]" if ":" in h else h
            self.httpd.base_url = f"http://{shown}:{p}"
            self.httpd.app = App(self.engine, site, dump, pages_engine=self.pages_engine, base_url=base_url,
                                 own_url=self.httpd.base_url,
                                 admission=Admission(workers, timeout, per_client=per_client, penalty=penalty),
                                 cache=PageCache(cache_bytes))
            self.httpd.app.build_result = result  # what /.well-known/void describes (kg.serve.store)
            self.httpd.quiet = quiet
        except BaseException:
            self.close()
            raise

    @property
    def isolation(self) -> list[str]:
        """How the query workers are kept off the network (kg.serve.guard.cut_network)."""
        return self.engine.isolation if self.engine is not None else []

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
        for engine in (self.engine, self.pages_engine):
            if engine is not None:
                engine.close()
        shutil.rmtree(self._tmp, ignore_errors=True)

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def start(result, host: str = DEFAULT_HOST, port: int = 0, **options: Any) -> Server:
    """Serve ``result`` (a :class:`kg.graph.build.BuildResult`) in a background thread; ``port=0``
    picks a free port. ``options``: those of :class:`Server` (``timeout``, ``max_result_size``,
    ``workers``, ``page_workers``, ``base_url``, ``per_client``, ``wait``, ``quiet``…)."""
    options.setdefault("quiet", True)
    return Server(result, host, port, **options).start_thread()


