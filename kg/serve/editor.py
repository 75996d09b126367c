"""The query editor at ``/sparql``: YASGUI, vendored in ``kg/serve/static/yasgui`` (see its
VENDORED.md), served by this server so it works offline and under a strict Content-Security-Policy.

Only a fixed allow-list of files is served (no path from the request reaches the file system).
``config.json`` is made here: the endpoint (relative), the project's prefix table
(:data:`kg.namespace.PREFIXES`) and every stored query, each an example tab."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from kg.namespace import PREFIXES
from kg.serve.html import esc, page
from kg.serve.request import Response, text_response

STATIC = Path(__file__).parent / "static" / "yasgui"
FILES = {"yasgui.min.js": "text/javascript; charset=utf-8", "yasgui.min.css": "text/css; charset=utf-8",
         "editor.js": "text/javascript; charset=utf-8", "LICENSE": "text/plain; charset=utf-8",
         "VENDORED.md": "text/markdown; charset=utf-8"}
LONG = "public, max-age=31536000, immutable"
# The editor page's policy: scripts and styles from this server only; YASGUI sets inline styles
# (style attributes) and its icons are data: SVG, so those two are allowed; nothing else.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self' data:; connect-src 'self'; form-action 'self'")
EXAMPLE = ("PREFIX kidd: <https://w3id.org/kidd-kg/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n\n"
           "SELECT ?act ?label WHERE {\n  ?act a kidd:SpeechAct ; rdfs:label ?label .\n} ORDER BY ?act LIMIT 20")


@lru_cache(maxsize=None)
def _read(name: str) -> bytes:
    return (STATIC / name).read_bytes()


def static(name: str) -> Response:
    """A vendored file by its exact name, or 404."""
    if name not in FILES:
        return text_response(404, f"there is no /static/yasgui/{name}.")
    cache = LONG if name.startswith("yasgui.") else "public, max-age=3600"
    return Response(200, _read(name), FILES[name], {"Cache-Control": cache})


def config(site) -> Response:
    """The editor's configuration: endpoint, prefixes, the stored queries."""
    from kg.serve.publish import local_endpoint_texts

    queries = [{"name": q.name, "title": q.title or q.name, "query": text}
               for q, text in local_endpoint_texts(site.queries)]
    body = json.dumps({"endpoint": "/sparql", "prefixes": PREFIXES, "example": EXAMPLE, "queries": queries},
                      ensure_ascii=False, indent=1).encode("utf-8")
    return Response(200, body, "application/json", {"Cache-Control": "no-cache"})


def editor_page(sparql_url: str) -> Response:
    """The /sparql page for browsers: YASGUI, with a plain form for readers without JavaScript."""
    opts = "".join(f'<option value="{f}">{f}</option>' for f in ("html", "json", "xml", "csv", "tsv"))
    head = ('<link rel="stylesheet" href="/static/yasgui/yasgui.min.css">'
            '<script src="/static/yasgui/yasgui.min.js" defer></script>'
            '<script src="/static/yasgui/editor.js" defer></script>')
    body = (f"<h1>SPARQL endpoint</h1><p><code>{esc(sparql_url)}</code> — SPARQL 1.1 Protocol, read-only. "
            "Machines asking for RDF here get the SPARQL Service Description. The editor is "
            '<a href="/static/yasgui/VENDORED.md">YASGUI</a>; the stored queries are its tabs.</p>'
            '<div id="yasgui"></div>'
            f'<noscript><form method="get" action="/sparql"><textarea name="query">{esc(EXAMPLE)}</textarea>'
            f'<p>format <select name="format">{opts}</select> <button>run</button></p></form></noscript>'
            f'<pre>curl -H "Accept: text/csv" --data-urlencode "query@my.rq" {esc(sparql_url)}</pre>')
    return Response(200, page("SPARQL", body, head), "text/html; charset=utf-8",
                    {"Vary": "Accept", "Content-Security-Policy": CSP})
