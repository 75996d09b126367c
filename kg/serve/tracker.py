"""``/commitments``: the commitment tracker (every commitment as a row, filterable by statement,
party, topic and status through query parameters: no JavaScript) and ``/commitments/<id>``, one
commitment's life across the statements, drawn as a timeline with each step's sentence and its
quoted words marked. The data: :mod:`kg.serve.tracker_data` (SPARQL on the stored-query lane)."""

from __future__ import annotations

import urllib.parse

from kg.errors import KGError
from kg.serve.html import esc, page, page_href
from kg.serve.request import Request, Response, text_response

HTML = "text/html; charset=utf-8"
FILTERS = ("statement", "party", "topic", "status")
STEP_NAMES = {"made": "First made", "restated": "Restated", "named": "Named",
              "fulfilled": "Fulfilled (the event reported held)"}

CSS = """
form.filters{display:flex;flex-wrap:wrap;gap:.6em 1.2em;align-items:end;margin:.8em 0}
form.filters label{display:flex;flex-direction:column;font-size:.9em}form.filters select{min-width:12em}
table.tracker td.status,table.tracker td.day{white-space:nowrap}table.tracker{font-size:.92em}
.cite{color:#555;font-size:.88em;overflow-wrap:anywhere}.st-fulfilled{color:#176b2c;font-weight:600}.st-open{color:#8a5a00}
ol.timeline{list-style:none;margin:1em 0;padding:0 0 0 1.6em;border-left:3px solid #183153}
ol.timeline li{position:relative;margin:0 0 1.4em;padding-left:.4em}
ol.timeline li::before{content:"";position:absolute;left:-2.15em;top:.35em;width:.9em;height:.9em;border-radius:50%;
background:#fff;border:3px solid #183153}
ol.timeline li.fulfilled::before{background:#176b2c;border-color:#176b2c}
ol.timeline li.made::before{background:#183153}
.when{font-weight:600}.step{text-transform:uppercase;font-size:.8em;letter-spacing:.05em;color:#555;margin-left:.6em}
""".strip()


def data(app):
    """The tracker's data, read from the graph once per server (the graph does not change)."""
    from kg.serve.cache import once
    from kg.serve.tracker_data import load

    return once(app, "_tracker", lambda: load(app.pages_engine))


def handle(app, req: Request, path: str) -> Response:
    """Dispatch ``/commitments`` and ``/commitments/<local id>``."""
    try:
        commitments = data(app)
    except KGError as exc:
        return text_response(503, f"the commitment tracker could not read the graph: {exc.message}")
    if path.rstrip("/") == "/commitments":
        chosen = {k: v[-1] for k, v in req.args.items() if v and v[-1].strip()}
        unknown = sorted(k for k in chosen if k not in FILTERS)
        options = filter_options(commitments.values())
        bad = [f"there is no filter `{k}` (the filters are {', '.join(FILTERS)})" for k in unknown]
        bad += [f"no commitment has {k} `{v}` (the {k} values are: {', '.join(options[k])})"
                for k, v in chosen.items() if k in FILTERS and v not in options[k]]
        if bad:
            body = render_tracker(commitments, options, chosen, error="; ".join(bad) + ".")
            return Response(400, body, HTML)
        key = ("commitments", tuple(sorted(chosen.items())))
        return app.cached(req, key, lambda: (render_tracker(commitments, options, chosen), HTML))
    key = path[len("/commitments/"):].strip("/")
    c = commitments.get(key)
    if c is None:
        return app.not_found(req, f"there is no commitment `{key}` in this graph; the tracker at /commitments lists them.")
    return app.cached(req, ("commitment-life", key), lambda: (render_life(app.render, c), HTML))


# ---- the tracker
def _tail(iri: str, root: str) -> str:
    from kg.namespace import BASE

    return iri[len(BASE + root):] if iri.startswith(BASE + root) else iri


def values_of(c, name: str) -> dict[str, str]:
    """A commitment's values for one filter: value → label."""
    if name == "statement":
        return {s.statement.key: s.statement.label for s in c.steps}
    if name == "party":
        return {_tail(i, "id/"): lab for i, lab in c.attrs.get("party", {}).items()}
    if name == "topic":
        return {_tail(i, "vocab/topic/"): lab for i, lab in c.attrs.get("topic", {}).items()}
    return {c.status_label: c.status_label} if c.status_label else {}


def filter_options(commitments) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {name: {} for name in FILTERS}
    dates: dict[str, str] = {}
    for c in commitments:
        for name in FILTERS:
            out[name].update(values_of(c, name))
        for s in c.steps:
            dates[s.statement.key] = s.statement.date
    out["statement"] = dict(sorted(out["statement"].items(), key=lambda kv: (dates[kv[0]], kv[0])))
    for name in ("party", "topic", "status"):
        out[name] = dict(sorted(out[name].items(), key=lambda kv: kv[1].lower()))
    return out


def select(commitments, chosen: dict[str, str]) -> list:
    return [c for c in commitments if all(v in values_of(c, k) for k, v in chosen.items())]


def _link(iri: str, label: str) -> str:
    href = page_href(iri)
    return f'<a href="{esc(href)}">{esc(label)}</a>' if href else esc(label)


def _labels(c, what: str) -> str:
    items = sorted(c.attrs.get(what, {}).items(), key=lambda kv: kv[1].lower())
    return ", ".join(_link(i, lab) for i, lab in items)


def render_tracker(commitments: dict, options: dict, chosen: dict[str, str], error: str | None = None) -> bytes:
    rows = [] if error else select(commitments.values(), chosen)
    form = ['<form class="filters" method="get" action="/commitments">']
    for name in FILTERS:
        opts = "".join(f'<option value="{esc(v)}"{" selected" if chosen.get(name) == v else ""}>{esc(lab)}</option>'
                       for v, lab in options[name].items())
        form.append(f'<label>{name}<select name="{name}"><option value="">any</option>{opts}</select></label>')
    form.append('<button type="submit">Filter</button> <a href="/commitments">clear</a></form>')
    body = [f"<h1>Commitments</h1><p>Every commitment of the {len(commitments)} in the graph (one per life: an id that "
            "only names a commitment another id makes is followed under that id), who owes it, when it was first "
            "made, and its status as of the statement that says it. A row opens the commitment's life.</p>",
            "".join(form)]
    if error:
        body.append(f'<p class="err">{esc(error)}</p>')
    else:
        shown = ", ".join(f"{k} = {options[k].get(v, v)}" for k, v in chosen.items())
        body.append(f'<p class="count">{len(rows)} commitment{"s" if len(rows) != 1 else ""}'
                    f'{" with " + esc(shown) if shown else ""}.</p>')
    head = ("<tr><th>commitment</th><th>owed by</th><th>first stated</th><th>statement</th><th>kind</th>"
            "<th>about · topics</th><th>status</th><th>as of</th></tr>")
    trs = []
    for c in rows:
        first = c.first
        about = " · ".join(x for x in (_labels(c, "about"), _labels(c, "topic")) if x)
        trs.append(
            f'<tr data-key="{esc(c.key)}"><td><a class="life" href="/commitments/{esc(urllib.parse.quote(c.key))}">'
            f"{esc(c.label)}</a></td><td>{_labels(c, 'party')}</td>"
            f"<td class=\"day\">{esc(first.statement.date) if first else ''}</td>"
            f"<td>{_link(first.statement.iri, first.statement.label) if first else ''}</td>"
            f"<td>{_labels(c, 'kind')}</td><td>{about}</td>"
            f'<td class="status st-{esc(c.status_label)}">{esc(c.status_label)}</td>'
            f"<td>{_link(c.as_of.iri, c.as_of.label) if c.as_of else ''}</td></tr>")
    body.append(f'<table class="tracker"><thead>{head}</thead><tbody>{"".join(trs)}</tbody></table>')
    return page("Commitments", "\n".join(body), f"<style>{CSS}</style>")


# ---- one commitment's life
def render_life(render, c) -> bytes:
    from rdflib import URIRef

    from kg.serve.citation import cite_statement

    g = render.site.g
    out = [f"<h1>{esc(c.label)}</h1>", f'<p class="iri"><code>{esc(c.iri)}</code> · '
           f'<a href="{esc(page_href(c.iri))}">its page</a> · <a href="/commitments">all commitments</a></p>']
    if c.content:
        out.append(f'<p>What was committed: <span class="lit">{esc(c.content)}</span></p>')
    dl = [("Owed by", _labels(c, "party")), ("Kind", _labels(c, "kind")), ("About", _labels(c, "about")),
          ("Topics", _labels(c, "topic")),
          ("Status", f'<span class="st-{esc(c.status_label)}">{esc(c.status_label)}</span>'
                     + (f" as of {_link(c.as_of.iri, c.as_of.label)} ({esc(c.as_of.date)})" if c.as_of else ""))]
    out.append('<dl class="act">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in dl if v) + "</dl>")
    out.append(f"<h2>Its life: {len(c.steps)} step{'s' if len(c.steps) != 1 else ''}</h2>")
    items = []
    for s in c.steps:
        spans = [URIRef(x) for x in s.spans]
        if not spans and s.step in ("made", "restated"):
            span = render.quote_span(URIRef(s.source))
            spans = [span] if span is not None else []
        quotes = "".join(f'<blockquote class="source">{render.passage(sp)}</blockquote>' for sp in spans)
        what = _link(s.source, render.site.label(URIRef(s.source))) if s.step != "named" else ""
        items.append(
            f'<li class="{esc(s.step)}" data-statement="{esc(s.statement.key)}"><span class="when">{esc(s.statement.date)}</span>'
            f'<span class="step">{esc(STEP_NAMES[s.step])}</span>'
            f"<div>in {_link(s.statement.iri, s.statement.label)}{' — ' + what if what else ''}</div>{quotes}"
            f'<p class="cite">{esc(cite_statement(g, URIRef(s.statement.iri), URIRef(s.source) if s.step in ("made", "restated") else None))}</p></li>')
    out.append('<ol class="timeline">' + "".join(items) + "</ol>")
    out.append("<p>No term of the ontology says that one commitment supersedes another: the graph records none, "
               "so none is shown. Dates are those of the meeting each statement reports (its first day).</p>")
    return page(c.label, "\n".join(out), f"<style>{CSS}</style>")
