"""The statement reader: ``/statement/`` lists the statements, ``/statement/<id>`` shows one
statement's stored text verbatim with each speech act's quote marked by its kind (a legend, a
colour per kind, in the legend's order; the marked words link to the act's page), each entity mention linked to the
entity's page, and a side list of the acts.

Only what the graph holds is drawn: an act's words are the span its ``rdf:type kidd:SpeechAct``
assertion is derived from (:meth:`kg.serve.pages.EntityPages.quote_span`); a mention is a span an
entity's ``rdfs:label`` assertion is derived from (the words that name it). Spans nest or overlap
freely: the text is cut at every span edge and each piece is drawn inside its innermost act and
innermost mention, so the HTML is always well formed and the text, tags stripped, is the stored
text exactly.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass

from kg.serve.html import esc, page, page_href
from kg.serve.request import Request, Response

HTML = "text/html; charset=utf-8"
PALETTE = ("#ffe066", "#a5d8ff", "#b2f2bb", "#ffc9c9", "#d0bfff", "#ffd8a8", "#99e9f2", "#eebefa",
           "#c0eb75", "#fcc2d7", "#dee2e6", "#74c0fc", "#8ce99a", "#ffa8a8", "#b197fc", "#ffc078")
CSS = """
.reader{display:grid;grid-template-columns:minmax(0,3fr) minmax(14em,1fr);gap:1.5em}
.text{white-space:pre-wrap;background:#fff;border:1px solid #ddd;border-radius:6px;padding:1em 1.2em;line-height:1.7}
.text mark{padding:0 .05em;border-radius:2px}.text a{color:inherit}.text a.mention{text-decoration:underline dotted #183153;color:#183153}
.text a.act{text-decoration:none}ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3em 1em}
ul.legend span{display:inline-block;width:1em;height:1em;border-radius:2px;vertical-align:-.15em;margin-right:.3em}
ol.acts{padding-left:1.4em;font-size:.9em}ol.acts li{margin-bottom:.5em}.muted{color:#666}
""".strip()


@dataclass(frozen=True)
class Span:
    begin: int
    end: int
    node: str  # the act's or the entity's IRI
    kind: str = ""  # the act kind's IRI (acts only)


def _slug(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def colour(i: int) -> str:
    """The colour of the i-th kind of a page's legend (the kinds in the order of their labels)."""
    return PALETTE[i % len(PALETTE)]


class Reader:
    """The reader's pages over the served graph (``site``) and the page renderer (``render``)."""

    def __init__(self, site, render):
        self.site, self.render = site, render

    # ---- the graph
    def statements(self) -> list[tuple[str, str, str]]:
        """(id, title, date) of every statement with a stored text, by date then id."""
        from kg.namespace import KIDD

        g, out = self.site.g, []
        for doc, context in g.subject_objects(KIDD.hasText):
            sid = _slug(str(doc))
            out.append((sid, self.site.label(doc), self._date(doc)))
        return sorted(set(out), key=lambda s: (s[2], s[0]))

    def _date(self, doc) -> str:
        from rdflib.namespace import DCTERMS, TIME

        from kg.namespace import KIDD

        g = self.site.g
        issued = g.value(doc, DCTERMS.issued)
        if issued is not None:
            return str(issued)
        for m in g.objects(doc, KIDD.reports):
            for t in g.objects(m, TIME.hasTime):
                b = g.value(t, TIME.hasBeginning)
                d = g.value(b, TIME.inXSDDate) if b is not None else g.value(t, TIME.inXSDDate)
                if d is not None:
                    return str(d)
        return ""

    def document(self, sid: str):
        from rdflib import URIRef

        from kg.namespace import ID, KIDD

        doc = URIRef(ID + "statement/" + sid)
        context = self.site.g.value(doc, KIDD.hasText)
        return (doc, context) if context is not None else (None, None)

    def spans(self, context) -> tuple[list[Span], list[Span]]:
        """The acts' and the mentions' spans in one stored text."""
        from rdflib import RDF, RDFS
        from rdflib.namespace import PROV

        from kg.namespace import KIDD, NIF

        g = self.site.g

        def offsets(span):
            if g.value(span, NIF.referenceContext) != context:
                return None
            b, e = g.value(span, NIF.beginIndex), g.value(span, NIF.endIndex)
            return (int(b), int(e)) if b is not None and e is not None and int(e) > int(b) else None

        acts = []
        for act in set(g.subjects(RDF.type, KIDD.SpeechAct)):
            span = self.render.quote_span(act)
            where = offsets(span) if span is not None else None
            if where:
                acts.append(Span(*where, str(act), str(g.value(act, KIDD.actKind) or "")))
        mentions = set()
        for a in g.subjects(RDF.predicate, RDFS.label):
            s = g.value(a, RDF.subject)
            if s is None or (s, RDF.type, KIDD.SpeechAct) in g or (s, RDF.type, KIDD.Commitment) in g:
                continue
            for span in g.objects(a, PROV.wasDerivedFrom):
                where = offsets(span)
                if where:
                    mentions.add(Span(*where, str(s)))
        return sorted(acts, key=lambda s: (s.begin, -s.end, s.node)), sorted(mentions, key=lambda s: (s.begin, -s.end, s.node))

    # ---- the pages
    def index(self) -> bytes:
        rows = "".join(f'<tr><td>{esc(d)}</td><td><a href="/statement/{urllib.parse.quote(sid)}">{esc(t)}</a></td>'
                       f"<td><code>{esc(sid)}</code></td></tr>" for sid, t, d in self.statements())
        body = ("<h1>Statements</h1><p>Each statement's text as it was published, with what it says marked.</p>"
                '<table class="statements"><thead><tr><th>date</th><th>statement</th><th>id</th></tr></thead>'
                f"<tbody>{rows}</tbody></table>")
        return page("Statements", body)

    def statement(self, doc, context) -> bytes:
        """The reader's page of one statement (:meth:`document`)."""
        from kg.namespace import NIF

        text = str(self.site.g.value(context, NIF.isString) or "")
        acts, mentions = self.spans(context)
        kinds = sorted({a.kind for a in acts if a.kind}, key=lambda k: self.site.label(_ref(k)).lower())
        style = "".join(f".k-{esc(_slug(k))}{{background:{colour(i)}}}" for i, k in enumerate(kinds))
        legend = "".join(f'<li><span class="k-{esc(_slug(k))}"></span>{esc(self.site.label(_ref(k)))}</li>' for k in kinds)
        side = "".join(self._side_item(a, text) for a in acts)
        title = self.site.label(doc)
        body = (f"<h1>{esc(title)}</h1><p class=\"muted\">{esc(self._date(doc))} · "
                f'<a href="{esc(page_href(str(doc)) or "#")}">the statement\'s page</a> · '
                f'<a href="/statement/">all statements</a> · {len(acts)} speech acts marked, '
                f"{len(mentions)} mentions linked</p>"
                f'<ul class="legend">{legend}</ul>'
                f'<div class="reader"><div class="text" lang="{esc(_lang(self.site.g, context))}">'
                f"{draw(text, acts, mentions)}</div>"
                f'<aside><h2>Speech acts</h2><ol class="acts">{side}</ol></aside></div>')
        return page(title, body, head=f"<style>{CSS}{style}</style>")

    def _side_item(self, act: Span, text: str) -> str:
        from kg.namespace import KIDD

        g = self.site.g
        node = _ref(act.node)
        agents = ", ".join(sorted(self.site.label(a) for a in g.objects(node, KIDD.saidBy)))
        words = " ".join(text[act.begin:act.end].split())
        short = words if len(words) <= 90 else words[:87].rsplit(" ", 1)[0] + " …"
        kind = self.site.label(_ref(act.kind)) if act.kind else "act"
        return (f'<li><a href="{esc(page_href(act.node) or "#")}">{esc(_slug(act.node))}</a> '
                f'<mark class="k-{esc(_slug(act.kind))}">{esc(kind)}</mark> {esc(agents)}: '
                f"<q>{esc(short)}</q></li>")


def _ref(iri: str):
    from rdflib import URIRef

    return URIRef(iri)


def _lang(g, context) -> str:
    from kg.namespace import NIF

    s = g.value(context, NIF.isString)
    return getattr(s, "language", None) or "en"


def _innermost(spans: list[Span], b: int, e: int) -> Span | None:
    inside = [s for s in spans if s.begin <= b and e <= s.end]
    return min(inside, key=lambda s: (s.end - s.begin, s.node)) if inside else None


def draw(text: str, acts: list[Span], mentions: list[Span]) -> str:
    """The text, escaped, cut at every span edge; each piece inside its innermost act (a link to
    the act, marked by kind) and its innermost mention (a link to the entity)."""
    edges = sorted({0, len(text)} | {x for s in (*acts, *mentions) for x in (s.begin, s.end) if 0 <= x <= len(text)})
    out = []
    for b, e in zip(edges, edges[1:]):
        piece = esc(text[b:e])
        act, mention = _innermost(acts, b, e), _innermost(mentions, b, e)
        if mention is not None:
            piece = f'<a class="mention" href="{esc(page_href(mention.node) or "#")}">{piece}</a>'
            if act is not None:
                piece = f'<mark class="act k-{esc(_slug(act.kind))}" data-act="{esc(_slug(act.node))}">{piece}</mark>'
        elif act is not None:
            piece = (f'<a class="act" href="{esc(page_href(act.node) or "#")}"><mark class="act k-{esc(_slug(act.kind))}" '
                     f'data-act="{esc(_slug(act.node))}">{piece}</mark></a>')
        out.append(piece)
    return "".join(out)


def handle(app, req: Request, path: str) -> Response:
    """Dispatch ``/statement/`` and ``/statement/<id>``."""
    reader = Reader(app.site, app.render)
    sid = path[len("/statement"):].strip("/")
    if not sid:
        return app.cached(req, ("statements",), lambda: (reader.index(), HTML))
    doc, context = reader.document(sid)
    if doc is None:
        return app.not_found(req, f"there is no statement `{sid}` in this graph; /statement/ lists them.")
    return app.cached(req, ("statement", sid), lambda: (reader.statement(doc, context), HTML))
