"""Search (``/search?q=``): statements, entities and speech acts found by name, acronym, label in
any language (Korean included) or words of the text.

The index is built once per server from the served graph: every ``rdfs:label``, ``skos:prefLabel``
and ``skos:altLabel`` (acronyms are alternative labels) of the things that have a page, each act's
quoted words and each statement's stored text. Matching is on Unicode case-folded, NFKC-normalised
text with white space collapsed: every word of the query must occur in the same entry (plain
substring tests, no patterns, so a query cannot inject one).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from kg.serve.html import esc, page, page_href
from kg.serve.request import Request, Response

HTML = "text/html; charset=utf-8"
MAX_QUERY = 200
MAX_HITS = 50


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", str(text)).casefold().split())


@dataclass(frozen=True)
class Entry:
    group: str  # "statement", "entity" or "act"
    iri: str
    title: str  # what the result is called
    note: str  # its class, or the statement it is in
    text: str  # the words matched (a label, a quote, a whole text)


def build_index(site, render) -> list[Entry]:
    from rdflib import RDF, RDFS, SKOS, URIRef

    from kg.namespace import KIDD, NIF

    g = site.g
    entries: list[Entry] = []
    for doc, context in g.subject_objects(KIDD.hasText):
        text = g.value(context, NIF.isString)
        if text is not None:
            entries.append(Entry("statement", str(doc), site.label(doc), "statement", str(text)))
    acts = set(g.subjects(RDF.type, KIDD.SpeechAct))
    for act in acts:
        span = render.quote_span(act)
        words = g.value(span, NIF.anchorOf) if span is not None else None
        kind = g.value(act, KIDD.actKind)
        if words is not None:
            entries.append(Entry("act", str(act), site.label(act), site.label(kind) if kind is not None else "act",
                                 str(words)))
    seen = set()
    for pred in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
        for s, label in g.subject_objects(pred):
            if not isinstance(s, URIRef) or s in acts or page_href(str(s)) is None or (s, str(label)) in seen:
                continue
            seen.add((s, str(label)))
            classes = sorted(site.label(c) for c in g.objects(s, RDF.type) if isinstance(c, URIRef))
            entries.append(Entry("entity", str(s), site.label(s), ", ".join(classes[:2]), str(label)))
    return entries


def index(app) -> list[tuple[str, Entry]]:
    """The index of this server's graph, (folded text, entry), built on first use."""
    from kg.serve.cache import once

    return once(app, "_search", lambda: [(fold(e.text), e) for e in build_index(app.site, app.render)])


def search(app, query: str) -> dict[str, list[tuple[Entry, str]]]:
    """The entries matching every word of ``query``, by group, each with a snippet."""
    words = fold(query).split()
    found: dict[str, list[tuple[Entry, str]]] = {"statement": [], "entity": [], "act": []}
    taken: set[tuple[str, str]] = set()
    for folded, e in index(app):
        if (e.group, e.iri) in taken or not all(w in folded for w in words):
            continue
        taken.add((e.group, e.iri))
        found[e.group].append((e, snippet(e.text, folded, words[0])))
    for group in found.values():
        group.sort(key=lambda h: (len(h[0].text) if h[0].group == "entity" else 0, h[0].title.lower()))
    return found


def snippet(text: str, folded: str, word: str, width: int = 90) -> str:
    """About ``width`` characters of ``text`` around the first match (folding can change lengths:
    the position is then approximate, the words are the text's own)."""
    flat = " ".join(text.split())
    if len(flat) <= width * 2:
        return flat
    at = max(folded.find(word), 0) * len(flat) // max(len(folded), 1)
    start = max(at - width // 2, 0)
    return ("… " if start else "") + flat[start:start + width].strip() + " …"


def handle(app, req: Request) -> Response:
    q = (req.args.get("q") or [""])[-1].strip()
    if len(q) > MAX_QUERY:
        return Response(400, _page(q, None, f"the search is {len(q)} characters long; give at most {MAX_QUERY}."), HTML)
    if not q:
        return Response(200, _page("", None, None), HTML)
    return app.cached(req, ("search", fold(q)), lambda: (_page(q, search(app, q), None), HTML))


GROUPS = (("statement", "Statements"), ("entity", "Entities"), ("act", "Speech acts"))


def _page(q: str, found, error: str | None) -> bytes:
    form = (f'<form class="params" action="/search" method="get"><input type="search" name="q" value="{esc(q)}" '
            f'maxlength="{MAX_QUERY}" aria-label="Search"> <button type="submit">Search</button></form>')
    if error:
        return page("Search", f'<h1>Search</h1>{form}<p class="err">{esc(error)}</p>')
    if found is None:
        return page("Search", f"<h1>Search</h1>{form}<p>Find statements, people, organisations, meetings, documents "
                              "and speech acts by name, acronym (KIDD, EDSCG), a label in Korean (허태근) or words of "
                              "the text.</p>")
    total = sum(len(v) for v in found.values())
    parts = [f"<h1>Search</h1>{form}<p class=\"count\">{total} result{'s' if total != 1 else ''} for "
             f"<q>{esc(q)}</q>.</p>"]
    for group, heading in GROUPS:
        hits = found[group]
        if not hits:
            continue
        items = []
        for e, snip in hits[:MAX_HITS]:
            href = f"/statement/{e.iri.rsplit('/', 1)[-1]}" if group == "statement" else page_href(e.iri)
            items.append(f'<li><a href="{esc(href or "#")}">{esc(e.title)}</a> <span class="badge">{esc(e.note)}</span>'
                         f"<br><span class=\"lit\">{esc(snip)}</span></li>")
        more = f"<p>… and {len(hits) - MAX_HITS} more.</p>" if len(hits) > MAX_HITS else ""
        parts.append(f'<section class="results {group}"><h2>{heading} ({len(hits)})</h2><ul>{"".join(items)}</ul>{more}</section>')
    return page(f"Search: {q}", "".join(parts))
