"""Content negotiation: which of the media types we offer a request's ``Accept`` prefers, and
the tables of what each kind of answer can be (SPARQL results, graphs, entity documents)."""

from __future__ import annotations


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
    "rdf+xml": (None, "rdfxml"), "n3": (None, "turtle"),  # Turtle is N3's RDF subset: what SPARQLWrapper's N3 reads
}
# media types a client may name (in ``format=`` or ``Accept``) for which we give a graph in one of ours
GRAPH_ALIASES = {"text/n3": "turtle", "application/n3": "turtle", "text/rdf+n3": "turtle",
                 "application/turtle": "turtle", "application/x-json+ld": "jsonld"}
DOC_MEDIA = [("text/html", "page"), ("application/xhtml+xml", "page"), ("text/turtle", "ttl"),
             ("application/x-turtle", "ttl"), ("application/ld+json", "jsonld"), ("application/json", "jsonld"),
             ("application/n-triples", "nt"), ("application/rdf+xml", "rdf")]
DOC_TYPES = {"ttl": "text/turtle", "jsonld": "application/ld+json", "nt": "application/n-triples",
             "rdf": "application/rdf+xml"}
RDF_UPLOAD_TYPES = {"text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml",
                    "application/n-quads", "application/trig", "text/n3", "application/x-turtle"}


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



def format_param(values: list[str], accept: str | None) -> tuple[str | None, str | None] | str:
    """(results format, graph format) a request's ``format=``/``output=`` values ask for, or the
    first value we do not know (the caller answers 400). Clients repeat themselves (SPARQLWrapper
    sends ``format=tsv&format=text/tab-separated-values``, a value may list media types with
    commas, an empty value says nothing); the first value naming a results format decides the
    results, the first naming a graph format the graph. A side that no value decides (``format=csv``
    for a CONSTRUCT, ``format=turtle`` for a SELECT) goes by ``Accept``, as when there is no
    parameter at all: the answer is what the query form can be, not a 406."""
    results = graph = None
    known = False
    for value in values:
        for item in value.split(","):
            key = item.split(";")[0].strip().lower()
            if not key:
                continue
            if key in FORMAT_PARAM:
                r, g = FORMAT_PARAM[key]
            else:
                r = next((n for m, n in RESULT_MEDIA if m == key), None)
                g = next((n for m, n in GRAPH_MEDIA if m == key), None) or GRAPH_ALIASES.get(key)
                if r is None and g is None:
                    return item.strip()
            known = True
            results, graph = results or r, graph or g
    if not known:
        return negotiate(accept, RESULT_MEDIA), negotiate(accept, GRAPH_MEDIA)
    return (results or negotiate(accept, RESULT_MEDIA)), (graph or negotiate(accept, GRAPH_MEDIA))
