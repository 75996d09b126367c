"""Reads of the SPARQL 1.1 Graph Store HTTP Protocol at ``/store`` (``?default`` or
``?graph=IRI``), and the VoID description at ``/.well-known/void``: the graphs this server
holds, content-negotiated (Turtle, N-Triples, JSON-LD, RDF/XML). The store is read-only: a
write is refused with 405."""

from __future__ import annotations

from kg.serve.conneg import GRAPH_MEDIA, negotiate
from kg.serve.request import Request, Response, text_response

# (media type, serializer name of kg.formats): the graph media of every answer but HTML, in the
# order negotiation prefers them
_SERIALIZER = {"turtle": "turtle", "ntriples": "ntriples", "jsonld": "jsonld", "rdfxml": "xml"}
STORE_MEDIA = [(media, _SERIALIZER[name]) for media, name in GRAPH_MEDIA if name in _SERIALIZER]
STORE_TYPES = {"turtle": "text/turtle; charset=utf-8", "ntriples": "application/n-triples",
               "jsonld": "application/ld+json", "xml": "application/rdf+xml"}
READ_ONLY = "GET, HEAD, OPTIONS"


class GraphStore:
    """The ``/store`` and ``/.well-known/void`` part of :class:`kg.serve.routes.App` (which gives
    it ``site``, ``cached`` and ``public_url``; the server sets ``build_result``)."""

    build_result = None

    def graph_store(self, req: Request) -> Response:
        if req.method not in ("GET", "HEAD"):
            return text_response(405, f"{req.method} is not allowed: this Graph Store is read-only (GET and HEAD "
                                      "of ?default or ?graph=IRI).", {"Allow": READ_ONLY})
        args = req.args
        if ("default" in args) == ("graph" in args) or len(args.get("graph", [])) > 1:
            return text_response(400, "name one graph: /store?default for the default graph, or /store?graph=IRI "
                                      "for a named graph (not both, not neither).")
        choice = self._store_format(req)
        if choice is None:
            return self._not_acceptable()
        if "default" in args:
            return self.cached(req, ("store", None, choice), lambda: self._store_body(self.site.g, choice),
                               {"Vary": "Accept"})
        iri = args["graph"][0].strip()
        graph = self._named_graph(iri)
        if graph is None:
            return text_response(404, f"this store holds no graph named <{iri}>; its named graphs are listed in "
                                      "the Service Description (GET /sparql).")
        return self.cached(req, ("store", iri, choice), lambda: self._store_body(graph, choice), {"Vary": "Accept"})

    def void(self, req: Request) -> Response:
        """The dataset's VoID (and DCAT) description, as ``kg void`` writes it, with this endpoint."""
        if self.build_result is None:
            return text_response(404, "this server has no build to describe.")
        choice = self._store_format(req)
        if choice is None:
            return self._not_acceptable()

        def render():
            from kg.serve.uses import void_description

            return self._store_body(void_description(self.build_result, self.public_url + "/sparql"), choice)

        return self.cached(req, ("void", choice), render, {"Vary": "Accept"})

    # ---- helpers
    def _store_format(self, req: Request) -> str | None:
        accept = req.header("accept")
        if not accept or not accept.strip() or "text/html" in accept and negotiate(accept, STORE_MEDIA) is None:
            return "turtle"  # a browser (or no preference) gets Turtle
        return negotiate(accept, STORE_MEDIA)

    def _not_acceptable(self) -> Response:
        return text_response(406, f"a graph can be {', '.join(sorted(set(t.split(';')[0] for t in STORE_TYPES.values())))}; "
                                  "the request accepts none of them.", {"Vary": "Accept"})

    def _named_graph(self, iri: str):
        from rdflib import URIRef

        dataset = self.site.dataset
        if dataset is None or not iri:
            return None
        wanted = URIRef(iri)
        for ctx in dataset.graphs():
            if ctx.identifier == wanted and len(ctx):
                return ctx
        return None

    @staticmethod
    def _store_body(graph, choice: str) -> tuple[bytes, str]:
        from kg.serve.uses import serialize

        return serialize(graph, choice).encode("utf-8"), STORE_TYPES[choice]
