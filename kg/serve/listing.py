"""The index page, the stored-query pages, SPARQL result tables and the query form."""

from __future__ import annotations

import urllib.parse

from kg.namespace import BASE
from kg.serve.html import Terms, esc, page
from kg.serve.site import local_path


class QueryPages(Terms):
    def index(self, sparql_url: str) -> bytes:
        from rdflib import URIRef

        from kg.namespace import ID, KIDD

        site = self.site
        g = site.g
        docs = sorted((s for s in set(g.subjects(site.RDF.type, None)) if str(s).startswith(str(ID["statement/"]))),
                      key=str)
        rows = []
        for s in docs:
            reports = [self.term(o) for o in g.objects(s, KIDD.reports)]
            rows.append(f"<li>{self.term(s)}" + (f" — reports {', '.join(reports)}" if reports else "") + "</li>")
        queries = []
        for q in site.queries:
            params = ""
            if q.params:
                fields = "".join(
                    f'<label>{esc(p.name)} <input name="{esc(p.name)}" value="{esc(p.default or "")}" '
                    f'title="{esc(p.description)}"></label> ' for p in q.params.values())
                params = f'<form class="params" action="/queries/{esc(q.name)}" method="get">{fields}<button>run</button></form>'
            queries.append(f'<tr><td><a href="/queries/{esc(q.name)}">{esc(q.name)}</a></td>'
                           f"<td><strong>{esc(q.title)}</strong><br>{esc(q.question)}{params}</td></tr>")
        classes: dict[URIRef, list] = {}
        for s, o in g.subject_objects(site.RDF.type):
            if isinstance(s, URIRef) and str(o).startswith(str(KIDD._NS)) and local_path(str(s)) \
                    and o != KIDD.Assertion and "#" not in str(s) and str(s).startswith(str(ID)):
                classes.setdefault(o, []).append(s)
        browse = []
        for cls in sorted(classes, key=lambda c: site.label(c).lower()):
            members = sorted(set(classes[cls]), key=lambda s: site.label(s).lower())
            links = "".join(f"<li>{self.term(m)}</li>" for m in members)
            browse.append(f"<details><summary>{esc(site.label(cls))} ({len(members)})</summary><ul>{links}</ul></details>")
        body = f"""<h1>KIDD-KG</h1>
<p>What allies say and promise: the U.S.–ROK joint statements as a knowledge graph, every fact traced to the
words that carry it. {len(g)} triples (asserted facts, provenance, OWL 2 RL inferences, ontology and vocabularies).</p>
<p>SPARQL endpoint: <a href="/sparql"><code>{esc(sparql_url)}</code></a> (SPARQL 1.1 Protocol, read-only).
Every IRI <code>{esc(BASE)}id/…</code> resolves here under <code>/id/…</code>. The whole graph: <a href="/dump/kg.nt">N-Triples</a>.</p>
<h2>Statements</h2><ul>{''.join(rows) or '<li>none</li>'}</ul>
<h2 id="queries">Stored queries</h2>
<table><thead><tr><th>query</th><th>question</th></tr></thead><tbody>{''.join(queries)}</tbody></table>
<h2>Things by class</h2>{''.join(browse)}"""
        return page("KIDD-KG", body)

    def results_table(self, result) -> str:
        if result.type == "ASK":
            return f"<p><strong>{'true' if result.askAnswer else 'false'}</strong></p>"
        names = [str(v) for v in result.vars or []]
        head = "".join(f"<th>{esc(n)}</th>" for n in names)
        body = []
        count = 0
        for row in result:
            count += 1
            body.append("<tr>" + "".join(f"<td>{self.cell(row[i])}</td>" for i in range(len(names))) + "</tr>")
        return (f'<table class="results"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
                f'<p class="count">({count} row{"" if count == 1 else "s"})</p>')

    def query_page(self, q, text: str, params: dict[str, str], table: str | None, error: str | None,
                   note: str | None = None) -> bytes:
        """A stored query's page: its question, parameters, answer (or error), columns and text.
        With a ``note`` (HTML) instead of an answer, the query is offered as text only."""
        fields = "".join(
            f'<label>{esc(p.name)} <input name="{esc(p.name)}" value="{esc(params.get(p.name, p.default or ""))}"></label> '
            f'<span class="dt">{esc(p.description)}</span><br>' for p in q.params.values())
        form = f'<form class="params" method="get">{fields}<button>run</button></form>' if q.params and not note else ""
        columns = "".join(f"<dt><code>{esc(k)}</code></dt><dd>{esc(v)}</dd>" for k, v in q.columns.items())
        enc = urllib.parse.quote(text, safe="")
        downloads = " · ".join(f'<a href="/sparql?query={enc}&amp;format={f}">{f.upper()}</a>' for f in ("csv", "tsv", "json", "xml"))
        if note:
            answer = f'<p class="note">{note}</p>'
        else:
            answer = (f'<p class="err">{esc(error)}</p>' if error else (table or "")) + f"<p>Download: {downloads}</p>"
        body = (f"<h1>{esc(q.title or q.name)}</h1><p>{esc(q.question)}</p>{form}"
                f"<h2>Answer</h2>{answer}"
                + (f'<h2>Columns</h2><dl class="act">{columns}</dl>' if columns else "")
                + f"<h2>SPARQL</h2><pre>{esc(text)}</pre>")
        return page(q.title or q.name, body)
