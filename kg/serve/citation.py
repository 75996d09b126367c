"""Citable evidence: the statements a thing comes from (the documents its assertions are quoted
from) and a one-line citation of each — publisher or issuers, "title", place, date, source URL,
the thing's local id and IRI — from what the graph holds about the statement, nothing else."""

from __future__ import annotations

import datetime

from kg.namespace import BASE
from kg.serve.html import esc, page_href

CSS = ".cite code{overflow-wrap:anywhere}ul.carries{margin:0;padding-left:1.1em}td.words{min-width:50%}"


def statements_of(g, node) -> list:
    """The statements ``node``'s assertions are quoted from: most assertions first, then by IRI.
    A statement itself is its own."""
    from rdflib import RDF, URIRef
    from rdflib.namespace import PROV

    from kg.namespace import KIDD

    if g.value(node, KIDD.reports) is not None:
        return [node]
    counts: dict = {}
    for a in g.subjects(RDF.subject, node):
        for doc in g.objects(a, PROV.wasQuotedFrom):
            if isinstance(doc, URIRef):
                counts[doc] = counts.get(doc, 0) + 1
    return sorted(counts, key=lambda d: (-counts[d], str(d)))


def _en(g, node, pred) -> str | None:
    from rdflib import Literal

    values = [o for o in g.objects(node, pred) if isinstance(o, Literal)]
    values.sort(key=lambda o: (o.language not in ("en", None), str(o)))
    return str(values[0]) if values else None


def _label(g, node) -> str | None:
    from rdflib import RDFS, SKOS

    return _en(g, node, SKOS.prefLabel) or _en(g, node, RDFS.label)


def statement_facts(g, doc) -> dict[str, str]:
    """What the graph holds to cite a statement: by, title, place, date, source."""
    from rdflib.namespace import DCTERMS, TIME

    from kg.namespace import KIDD

    facts: dict[str, str] = {}
    publisher = g.value(doc, DCTERMS.publisher)
    by = [publisher] if publisher is not None else sorted(g.objects(doc, DCTERMS.creator), key=str)
    names = [n for n in (_label(g, b) for b in by) if n]
    if names:
        facts["by"] = " and ".join(names)
    facts["title"] = _en(g, doc, DCTERMS.title) or _label(g, doc) or str(doc)
    meeting = g.value(doc, KIDD.reports)
    place = g.value(meeting, KIDD.location) if meeting is not None else None
    if place is not None and _label(g, place):
        facts["place"] = _label(g, place)
    issued = g.value(doc, DCTERMS.issued)
    if issued is not None:
        try:
            day = datetime.date.fromisoformat(str(issued)[:10])
            facts["date"] = f"{day.day} {day:%B %Y}"
        except ValueError:
            facts["date"] = str(issued)
    elif meeting is not None and g.value(meeting, TIME.hasTime) is not None:
        when = _label(g, g.value(meeting, TIME.hasTime))
        if when:
            facts["date"] = when
    source = g.value(doc, DCTERMS.source)
    if source is not None:
        facts["source"] = str(source)
    return facts


def local_id(node, doc) -> str:
    """``act a07`` for id/act/kidd-21/a07 cited from kidd-21; ``state usa`` for id/state/usa."""
    iri, doc_key = str(node), str(doc).rsplit("/", 1)[-1]
    if not iri.startswith(BASE + "id/") or iri == str(doc):
        return ""
    parts = iri[len(BASE + "id/"):].split("/")
    rest = parts[2:] if len(parts) > 2 and parts[1] == doc_key else parts[1:]
    return f"{parts[0]} {'/'.join(rest)}".strip()


def cite_statement(g, doc, node=None) -> str:
    """The one-line citation of ``doc`` (for ``node`` when given: its local id and IRI)."""
    f = statement_facts(g, doc)
    parts = [f.get("by"), f"“{f['title']}”", f.get("place"), f.get("date"), f.get("source")]
    if node is not None and str(node) != str(doc):
        parts += [local_id(node, doc) or None, str(node)]
    else:
        parts.append(str(doc))
    return ", ".join(p for p in parts if p)


def citation_section(g, node) -> str:
    """The entity page's "Statement" section: each statement named, with its citation line."""
    docs = statements_of(g, node)
    if not docs:
        return ""
    items = []
    for doc in docs:
        f = statement_facts(g, doc)
        href = page_href(str(doc))
        title = f'<a href="{esc(href)}">{esc(f["title"])}</a>' if href else esc(f["title"])
        src = f' · <a href="{esc(f["source"])}">source</a>' if "source" in f else ""
        items.append(f'<li><span class="stmt">{title}</span>{", " + esc(f["date"]) if "date" in f else ""}{src}'
                     f'<br><span class="cite">Cite as: <code>{esc(cite_statement(g, doc, node))}</code></span></li>')
    heading = "Statement" if len(docs) == 1 else f"Statements ({len(docs)})"
    return f'<section class="box citation"><h2>{heading}</h2><ul>{"".join(items)}</ul></section>'
