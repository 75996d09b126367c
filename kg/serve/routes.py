"""Routing: which part of the server answers a request, and the answers that are not the SPARQL
protocol (:mod:`kg.serve.protocol`): the things' IRIs (303 to a document), the entity pages and
documents, the index, the stored-query pages, the dump.

No answer is built from the request's ``Host`` header: a redirect's ``Location`` is a path on
this server (``/page/…``), or an absolute URL under the configured ``--base-url``.
"""

from __future__ import annotations

import io
import urllib.parse

from kg.errors import KGError
from kg.namespace import BASE
from kg.serve.admission import Admission, Costs
from kg.serve.cache import Busy, PageCache
from kg.serve.conneg import DOC_MEDIA, DOC_TYPES, negotiate
from kg.serve.listing import QueryPages
from kg.serve.pages import EntityPages
from kg.serve.protocol import SparqlProtocol
from kg.serve.request import Request, Response, busy, text_response
from kg.serve.site import LOCAL_ROOTS, Site
from kg.serve.store import GraphStore
from kg.serve.workers import QueryEngine

HTML = "text/html; charset=utf-8"


class Renderer(EntityPages, QueryPages):
    """HTML for entity pages, the index, stored query pages and result tables."""


class App(SparqlProtocol, GraphStore):
    """Routes requests to the endpoint, the entity documents and the pages.

    ``engine`` is the public lane (``/sparql``), ``pages_engine`` the lane of the stored-query
    pages (the same engine when there is one lane). ``base_url`` (no trailing slash) is the
    server's public address when it is configured; ``own_url`` the address it listens on."""

    def __init__(self, engine: QueryEngine, site: Site, dump: bytes, *, pages_engine: QueryEngine | None = None,
                 base_url: str | None = None, own_url: str = "", admission: Admission | None = None,
                 cache: PageCache | None = None):
        self.engine, self.site, self.dump = engine, site, dump
        self.pages_engine = pages_engine or engine
        self.base_url = base_url.rstrip("/") if base_url else None
        self.own_url = own_url.rstrip("/")
        self.admission = admission or Admission(engine.size, engine.timeout)
        self.cache = cache or PageCache()
        self.render = Renderer(site)
        self.costs = Costs(self._stored_texts())

    def _stored_texts(self) -> list[str]:
        """The stored queries' texts as the endpoint gets them (cheap by construction)."""
        from kg.serve.publish import local_endpoint_texts

        return [text for _, text in local_endpoint_texts(self.site.queries)]

    @property
    def public_url(self) -> str:
        """The absolute address shown on pages and in the Service Description."""
        return self.base_url or self.own_url

    def link(self, path: str) -> str:
        """A redirect target: ``path`` under the configured base, else the path alone."""
        return (self.base_url + path) if self.base_url else path

    def handle(self, req: Request) -> Response:
        path = urllib.parse.unquote(req.path)
        if req.method == "OPTIONS":
            allow = "GET, HEAD, POST, OPTIONS" if path == "/sparql" else "GET, HEAD, OPTIONS"
            return Response(204, headers={"Allow": allow, "Access-Control-Allow-Methods": allow,
                                          "Access-Control-Allow-Headers": "Accept, Content-Type",
                                          "Access-Control-Max-Age": "86400"})
        if path == "/sparql":
            return self.sparql(req)
        if path == "/store":
            return self.graph_store(req)
        if req.method not in ("GET", "HEAD"):
            return text_response(405, f"{req.method} is not allowed here: this server is read-only.",
                                 {"Allow": "GET, HEAD, OPTIONS"})
        if path == "/":
            return self.cached(req, ("index",), lambda: (self.render.index(self.public_url + "/sparql"), HTML))
        if path.startswith("/static/yasgui/"):
            from kg.serve import editor

            name = path[len("/static/yasgui/"):]
            return editor.config(self.site) if name == "config.json" else editor.static(name)
        if path.startswith("/queries/"):
            return self.stored_query(req, path[len("/queries/"):])
        if path == "/commitments" or path.startswith("/commitments/"):
            from kg.serve.tracker import handle as tracker

            return tracker(self, req, path)
        if path == "/statement" or path.startswith("/statement/"):
            from kg.serve.reader import handle as reader

            return reader(self, req, path)
        if path == "/search":
            from kg.serve.search import handle as search

            return search(self, req)
        if path.startswith("/page/"):
            return self.entity_page(req, path[len("/page/"):])
        if path.startswith("/data/"):
            return self.entity_data(req, path[len("/data/"):])
        if path == "/dump/kg.nt":
            return Response(200, self.dump, "application/n-triples")
        if path == "/.well-known/void":
            return self.void(req)
        if path == "/context.jsonld":
            from kg.serve.uses import shipped_context

            return Response(200, shipped_context().encode("utf-8"), "application/ld+json")
        local = path.lstrip("/")
        if local == "ontology" or local.startswith(("id/", "vocab/")):
            return self.thing(req, local)
        return self.not_found(req, f"there is nothing at {path}.")

    # ---- helpers
    def not_found(self, req: Request, text: str) -> Response:
        if negotiate(req.header("accept"), [("text/html", "html"), ("text/plain", "text")]) == "html":
            return Response(404, self.render.message(404, "Not Found", text), HTML)
        return text_response(404, text)

    def cached(self, req: Request, key: tuple, render, headers: dict[str, str] | None = None) -> Response:
        """A 200 page from the cache, rendered once by ``render() -> (body, content type)``."""
        def make():
            body, ctype = render()
            return (body, ctype), len(body) + len(repr(key))  # the key counts too (it holds query parameters)

        try:
            body, ctype = self.cache.get(key, make)
        except Busy:
            return busy("the pages of this server are being rendered for other clients; try again shortly.", 2)
        except _Uncached as exc:
            return exc.response
        return Response(200, body, ctype, dict(headers or {}))

    # ---- /id/… → 303
    def thing(self, req: Request, local: str) -> Response:
        iri = BASE + local
        if not self.site.known(iri):
            return self.not_found(req, f"{iri} is not in this graph.")
        choice = negotiate(req.header("accept"), DOC_MEDIA) or "page"
        quoted = urllib.parse.quote(local, safe="/-._~")
        target = self.link(f"/page/{quoted}" if choice == "page" else f"/data/{quoted}.{choice}")
        return Response(303, f"See {target}\n".encode("utf-8"), headers={"Location": target, "Vary": "Accept"})

    def entity_page(self, req: Request, local: str) -> Response:
        iri = BASE + local
        if not local.startswith(LOCAL_ROOTS) or not self.site.known(iri):
            return self.not_found(req, f"{iri} is not in this graph.")
        return self.cached(req, ("page", iri), lambda: (self.render.entity(iri), HTML))

    def entity_data(self, req: Request, name: str) -> Response:
        local, dot, ext = name.rpartition(".")
        iri = BASE + local
        if not dot or ext not in DOC_TYPES or not local.startswith(LOCAL_ROOTS) or not self.site.known(iri):
            return self.not_found(req, f"there is no document /data/{name}; the documents are "
                                       f"/data/<path>.ttl, .jsonld, .nt and .rdf for the things in this graph.")

        def render():
            from kg.serve.uses import serialize

            graph = self.site.describe(iri)
            text = serialize(graph, {"ttl": "turtle", "jsonld": "jsonld", "nt": "ntriples", "rdf": "xml"}[ext])
            return text.encode("utf-8"), DOC_TYPES[ext] + ("; charset=utf-8" if ext == "ttl" else "")

        return self.cached(req, ("data", iri, ext), render, {"Link": f'<{iri}>; rel="describes"'})

    # ---- stored queries
    def find_query(self, name: str):
        for q in self.site.queries:
            if name in (q.name, q.slug) or (name.isdigit() and q.number is not None and int(name) == int(q.number)):
                return q
        return None

    def stored_query(self, req: Request, name: str) -> Response:
        from kg.serve.uses import stored
        from kg.serve.publish import endpoint_text

        as_text = name.endswith(".rq")
        q = self.find_query(name[:-3] if as_text else name)
        if q is None:
            return self.not_found(req, f"there is no stored query `{name}`.")
        args = req.args
        params = {k: v[-1] for k, v in args.items() if k in q.params and v and v[-1].strip()}
        unknown = sorted(k for k in args if k not in q.params)
        try:
            if unknown:
                raise KGError(f"the query has no parameter {', '.join(unknown)}; "
                              + (f"it takes: {', '.join(q.params)}." if q.params else "it declares no parameters."))
            text = endpoint_text(q, params)
        except KGError as exc:
            return Response(400, self.render.query_page(q, q.text, params, None, exc.message), HTML)
        if as_text:
            return Response(200, text.encode("utf-8"), "application/sparql-query; charset=utf-8")
        if stored().is_federated(q):  # it calls another endpoint: this server does not run it, the client may
            note = (f"This query calls another SPARQL endpoint (SERVICE), which this server does not do. Run it "
                    f"where you are: <code>kg query {q.number or q.name}</code>, or send "
                    f'<a href="/queries/{q.name}.rq">its text</a> to a SPARQL client or endpoint that may federate.')
            return self.cached(req, ("query-text", q.name, tuple(sorted(params.items()))),
                               lambda: (self.render.query_page(q, text, params, None, None, note=note), HTML))
        return self.cached(req, ("query", q.name, tuple(sorted(params.items()))),
                           lambda: self._run_stored(q, text, params))

    def _run_stored(self, q, text: str, params: dict[str, str]):
        """The page of a stored query's answer; a failure is raised as a response (not cached)."""
        from rdflib.query import Result

        ans = self.pages_engine.execute(text, results="json", graph="turtle")
        if ans.status != 200:
            body = self.render.query_page(q, text, params, None, ans.error or f"the query failed ({ans.status}).")
            headers = {"Retry-After": str(ans.retry_after)} if ans.retry_after else {}
            raise _Uncached(Response(ans.status, body, HTML, headers))
        if ans.form == "GRAPH":
            from kg.serve.html import esc

            table = f"<pre>{esc(ans.body.decode('utf-8'))}</pre>"
        else:
            table = self.render.results_table(Result.parse(io.BytesIO(ans.body), format="json"))
        return self.render.query_page(q, text, params, table, None), HTML


class _Uncached(Exception):
    """A response that must not be cached (an error of the moment)."""

    def __init__(self, response: Response):
        self.response = response
