"""The SPARQL 1.1 Protocol at ``/sparql``: the request forms (GET, form POST, direct POST),
the dataset parameters, the answer's format (``Accept`` or ``format=``), refusing writes, the
public lane's admission (:mod:`kg.serve.admission`), and the Service Description."""

from __future__ import annotations

import urllib.parse

from kg.serve.admission import FAST_LANE_TIMEOUT, Refusal
from kg.serve.conneg import FORMAT_PARAM, GRAPH_TYPES, RDF_UPLOAD_TYPES, RESULT_TYPES, format_param, negotiate
from kg.serve.html import esc, page
from kg.serve.cache import Busy
from kg.serve.request import Request, Response, busy, text_response
from kg.serve.workers import _size

HTML_MAX = 1024 * 1024  # bytes of an answer shown as an HTML table (rendered in the server process)


class SparqlProtocol:
    """The ``/sparql`` part of :class:`kg.serve.routes.App` (which gives it ``engine``,
    ``pages_engine``, ``admission``, ``costs``, ``cache``, ``site``, ``render`` and ``public_url``)."""

    def sparql(self, req: Request) -> Response:
        base = self.public_url
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
                return text_response(400, "the Graph Store Protocol is not at /sparql: read a graph at "
                                          f"{base}/store?default or {base}/store?graph=IRI.")
            if req.method == "POST":
                return text_response(400, "no query: give the query in a `query` parameter.")
            return self.service_description(req)
        if len(queries) > 1:
            return text_response(400, "give exactly one `query` parameter.")
        text = queries[0]  # what it may do (no SERVICE, no update) is decided in the worker: kg.serve.guard
        choice = format_param(args.get("format") or args.get("output") or args.get("results") or [],
                              req.header("accept"))
        if isinstance(choice, str):
            return text_response(400, f"unknown format `{choice}`; use one of: {', '.join(FORMAT_PARAM)} "
                                      "or a media type.")
        results, graph = choice
        ticket = self.admission.enter(req.client)
        if isinstance(ticket, Refusal):
            return text_response(ticket.status, ticket.message, {"Retry-After": str(ticket.retry_after)})
        dataset = (tuple(args.get("default-graph-uri") or ()), tuple(args.get("named-graph-uri") or ()))
        key = text if dataset == ((), ()) else f"{text}\n#{dataset!r}"
        fast = self.pages_engine is not self.engine and self.costs.cheap(key)
        ans = None
        options = dict(results=results, graph=graph, default_graph=args.get("default-graph-uri"),
                       named_graphs=args.get("named-graph-uri"),
                       max_bytes=HTML_MAX if (results == "html" or graph == "html") else None)
        spent = 0.0
        try:
            if fast:
                ans = self.pages_engine.execute(text, timeout=min(ticket.timeout, FAST_LANE_TIMEOUT), **options)
                if ans.timed_out or ans.status not in (406, 503):
                    self.costs.record(key, ans.seconds, ok=ans.status == 200)
                if ans.timed_out and ticket.timeout > FAST_LANE_TIMEOUT:  # not so cheap after all: the rest
                    spent, fast, ans = ans.seconds, False, None           # of its time in the public lane
            if ans is None:
                ans = self.engine.execute(text, timeout=max(0.5, ticket.timeout - spent), **options)
                if ans.timed_out or ans.status not in (406, 503):
                    self.costs.record(key, ans.seconds, ok=ans.status == 200)
        finally:
            self.admission.leave(ticket, timed_out=ans is not None and ans.timed_out and not fast)
        if ans.status == 406:
            offered = RESULT_TYPES if ans.form != "GRAPH" else GRAPH_TYPES
            return text_response(406, f"a {ans.form if ans.form != 'GRAPH' else 'CONSTRUCT/DESCRIBE'} answer can be "
                                      f"{', '.join(offered.values())}; the request accepts none of them.",
                                 {"Vary": "Accept"})
        if ans.status != 200:
            return text_response(ans.status, ans.error or "the query failed.",
                                 {"Retry-After": str(ans.retry_after)} if ans.retry_after else None)
        headers = {"Vary": "Accept"}
        if ans.format == "html":
            def render() -> bytes:
                if ans.form == "GRAPH":
                    return page("CONSTRUCT", f"<h1>Answer</h1><pre>{esc(ans.body.decode('utf-8'))}</pre>")
                import io

                from rdflib.query import Result

                table = self.render.results_table(Result.parse(io.BytesIO(ans.body), format="json"))
                return page("Answer", f"<h1>Answer</h1>{table}<h2>SPARQL</h2><pre>{esc(text)}</pre>")

            try:  # rendered in the server process: under the page cache's limit on renderers
                body = self.cache.render_now(render)
            except Busy:
                return busy("the pages of this server are being rendered for other clients; try again shortly.", 2)
            return Response(200, body, "text/html; charset=utf-8", headers)
        media = (GRAPH_TYPES if ans.form == "GRAPH" else RESULT_TYPES)[ans.format]
        if media.startswith("text/") or media.endswith(("+json", "+xml")):
            media += "; charset=utf-8"
        return Response(200, ans.body, media, headers)

    def read_only(self) -> Response:
        return text_response(403, "this SPARQL endpoint is read-only: it accepts no SPARQL Update and no "
                                  "Graph Store writes.")

    def service_description(self, req: Request) -> Response:
        base = self.public_url
        choice = negotiate(req.header("accept"), [("text/turtle", "ttl"), ("text/html", "html"),
                                                  ("application/ld+json", "jsonld"), ("application/n-triples", "nt"),
                                                  ("application/rdf+xml", "rdf")]) or "ttl"
        if choice == "html":
            from kg.serve.editor import editor_page

            return editor_page(base + "/sparql")
        g = self.sd_graph(base)
        fmt = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt", "rdf": "xml"}[choice]
        ctype = {"ttl": "text/turtle; charset=utf-8", "jsonld": "application/ld+json", "nt": "application/n-triples",
                 "rdf": "application/rdf+xml"}[choice]
        return Response(200, g.serialize(format=fmt).encode("utf-8"), ctype,
                        {"Vary": "Accept", "Link": f'<{base}/.well-known/void>; rel="describedby"'})

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
        # where a client finds the dataset's VoID description (kg.serve.store) and its graphs as documents
        g.add((ds, RDFS.seeAlso, URIRef(base + "/.well-known/void")))
        g.add((svc, RDFS.seeAlso, URIRef(base + "/.well-known/void")))
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

