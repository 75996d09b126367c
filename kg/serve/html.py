"""HTML: the page around every page, escaping, and RDF terms as links to their pages."""

from __future__ import annotations

import html
import re
import urllib.parse
from typing import Any

from kg.serve.site import Site, local_path
from kg.serve.uses import results

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
textarea{width:100%;min-height:14em}header form.search{display:inline-block;float:right;margin:0}
header form.search input{min-width:16em;padding:.15em .4em}form.params input{min-width:24em}
""".strip()


SEARCH_BOX = ('<form class="search" action="/search" method="get" role="search">'
              '<input type="search" name="q" placeholder="Search names, acronyms, words" aria-label="Search" maxlength="200">'
              '<button type="submit">Search</button></form>')


def esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def page(title: str, body: str, head: str = "") -> bytes:
    doc = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
           f'<meta name="viewport" content="width=device-width, initial-scale=1">'
           f"<title>{esc(title)} — KIDD-KG</title>{head}<style>{CSS}</style></head>\n<body>"
           f'<header><a href="/"><strong>KIDD-KG</strong></a><a href="/sparql">SPARQL</a>'
           f'<a href="/#queries">Stored queries</a><a href="/commitments">Commitments</a><a href="/statement/">Statements</a>'
           f'<a href="/dump/kg.nt">Dump</a>{SEARCH_BOX}</header>\n'
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


class Terms:
    """HTML for RDF terms, linked to their pages; the base of the page renderers."""

    def __init__(self, site: Site):
        self.site = site

    # ---- terms
    def term(self, t, with_iri: bool = False) -> str:
        from rdflib import BNode, Literal, URIRef
        from rdflib.namespace import XSD

        shorten = results().shorten

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

        display = results().display

        text = esc(display(t))
        if isinstance(t, URIRef):
            href = page_href(str(t)) or (str(t) if re.match(r"^https?://", str(t)) else None)
            if href:
                return f'<a href="{esc(href)}">{text}</a>'
        return text

    # ---- entity page

    def message(self, status: int, title: str, text: str) -> bytes:
        return page(title, f'<h1>{status} {esc(title)}</h1><p class="err">{esc(text)}</p><p><a href="/">Home</a></p>')
