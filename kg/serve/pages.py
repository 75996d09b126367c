"""The entity pages: a thing's classes, facts, what refers to it, the evidence for each fact (the
words that carry it), and for a speech act or commitment the sentence with the quote marked."""

from __future__ import annotations

from kg.namespace import BASE
from kg.serve.citation import CSS as CITATION_CSS, citation_section
from kg.serve.html import Terms, esc, fragment_id, page, page_href
from kg.serve.site import local_path
from kg.serve.uses import results


class EntityPages(Terms):
    def entity(self, iri: str) -> bytes:
        from rdflib import URIRef

        site = self.site
        node = URIRef(iri)
        path = local_path(iri) or iri
        hash_doc = iri in site.hash_bases
        title = site.label(node) if iri in site.nodes else (path if hash_doc else site.label(node))
        data_links = " · ".join(f'<a href="/data/{esc(path)}.{ext}">{name}</a>'
                                for ext, name in (("ttl", "Turtle"), ("jsonld", "JSON-LD"), ("nt", "N-Triples"),
                                                  ("rdf", "RDF/XML")))
        head = (f'<link rel="alternate" type="text/turtle" href="/data/{esc(path)}.ttl">'
                f'<link rel="alternate" type="application/ld+json" href="/data/{esc(path)}.jsonld">'
                f"<style>{CITATION_CSS}</style>")
        parts = [f"<h1>{esc(title)}</h1>", f'<p class="iri"><code>{esc(iri)}</code></p>']
        if iri in site.nodes:
            parts.append(citation_section(site.g, node))
            parts.append(self._entity_body(node))
        if hash_doc:
            children = [s for s in site.subjects_of(iri) if str(s) != iri]
            parts.append(f"<p>{len(children)} things are named by fragments of this IRI.</p>")
            for child in children:
                parts.append(f'<section id="{esc(fragment_id(str(child)))}"><h2>{esc(site.label(child))}</h2>'
                             f'<p class="iri"><code>{esc(child)}</code></p>{self._facts(child, incoming=False)}</section>')
        parts.append(f"<footer>This page describes <code>{esc(iri)}</code>. The same as data: {data_links}.</footer>")
        return page(title, "\n".join(parts), head)

    def _entity_body(self, node) -> str:
        from kg.namespace import KIDD

        site = self.site
        types = sorted(set(site.g.objects(node, site.RDF.type)), key=lambda t: site.label(t).lower())
        out = []
        if types:
            out.append('<p class="types">a ' + " ".join(self.term(t) for t in types) + "</p>")
        if (node, site.RDF.type, KIDD.SpeechAct) in site.g or (node, site.RDF.type, KIDD.Commitment) in site.g:
            out.append(self._act_box(node))
        if (node, site.RDF.type, KIDD.Commitment) in site.g and str(node).startswith(BASE + "id/commitment/"):
            out.append(f'<p><a class="life" href="/commitments/{esc(str(node)[len(BASE + "id/commitment/"):])}">'
                       "Its life across the statements (the commitment tracker)</a></p>")
        out.append("<h2>Facts</h2>" + self._facts(node, incoming=False))
        incoming = self._incoming(node)
        if incoming:
            out.append("<h2>Referenced by</h2>" + incoming)
        evidence = self._evidence(node)
        if evidence:
            out.append("<h2>Evidence</h2>" + evidence)
        return "\n".join(out)

    def _facts(self, node, incoming: bool) -> str:
        shorten = results().shorten

        site = self.site
        rows = sorted(site.g.predicate_objects(node),
                      key=lambda po: (po[0] != site.RDF.type, shorten(str(po[0])), str(po[1])))
        if not rows:
            return "<p>No facts.</p>"
        body = []
        for p, o in rows:
            badge = '<span class="badge" title="an OWL 2 RL inference">inferred</span>' if site.is_inferred((node, p, o)) else ""
            body.append(f'<tr><td class="p">{self.term(p)}</td><td>{self.term(o)}{badge}</td></tr>')
        return '<table class="facts"><thead><tr><th>property</th><th>value</th></tr></thead><tbody>' + "".join(body) + "</tbody></table>"

    def _incoming(self, node) -> str:
        from kg.namespace import KIDD
        shorten = results().shorten

        site = self.site
        rows, provenance = [], 0
        for s, p in site.g.subject_predicates(node):
            if (s, site.RDF.type, KIDD.Assertion) in site.g:
                provenance += 1
                continue
            rows.append((s, p))
        rows.sort(key=lambda sp: (shorten(str(sp[1])), site.label(sp[0]).lower()))
        out = ""
        if rows:
            out = ('<table class="incoming"><thead><tr><th>subject</th><th>property</th></tr></thead><tbody>'
                   + "".join(f"<tr><td>{self.term(s)}</td><td class=\"p\">{self.term(p)}</td></tr>" for s, p in rows)
                   + "</tbody></table>")
        if provenance:
            out += (f"<p>{provenance} provenance assertions (<code>kidd:Assertion</code>) mention it; "
                    "the ones about it are listed under Evidence.</p>")
        return out

    def _evidence(self, node) -> str:
        """The evidence, one row per quoted part: its sentence once, the part marked, and every
        fact (property, value) those words carry."""
        from rdflib.namespace import PROV, SKOS

        from kg.namespace import KIDD, NIF

        site, g = self.site, self.site.g
        groups: dict[tuple, list] = {}
        for a in g.subjects(site.RDF.subject, node):
            if (a, site.RDF.type, KIDD.Assertion) not in g:
                continue
            p, o = g.value(a, site.RDF.predicate), g.value(a, site.RDF.object)
            spans = tuple(sorted(g.objects(a, PROV.wasDerivedFrom), key=lambda s: (int(g.value(s, NIF.beginIndex) or 0), str(s))))
            notes = ["added by " + self.term(agent) for agent in g.objects(a, PROV.wasAttributedTo)]
            notes += [f'<span class="lit">{esc(n)}</span>' for n in g.objects(a, SKOS.editorialNote)]
            fact = f'<li><span class="p">{self.term(p)}</span>: {self.term(o)}' + ("".join(f"<br>{n}" for n in notes)) + "</li>"
            groups.setdefault(spans, []).append((str(p), str(o), fact))
        if not groups:
            return ""
        rows = []
        for spans, facts in groups.items():
            words, begin = [], None
            for span in spans:
                if g.value(span, NIF.anchorOf) is None:
                    words.append(self.term(span))
                    continue
                b = g.value(span, NIF.beginIndex)
                begin = int(b) if b is not None and begin is None else begin
                href = page_href(str(span))
                link = f' <a class="span" href="{esc(href)}">the words</a>' if href else ""
                words.append(f"{self.passage(span)}{link}")
            facts.sort()
            rows.append((begin if begin is not None else 10 ** 9, facts[0][:2],
                         f"<tr><td class=\"words\">{'<br>'.join(words)}</td>"
                         f"<td><ul class=\"carries\">{''.join(f[2] for f in facts)}</ul></td></tr>"))
        rows.sort(key=lambda r: r[:2])
        return ('<table class="evidence"><thead><tr><th>the words that carry it (each quoted part marked once)</th>'
                "<th>what they say</th></tr></thead><tbody>" + "".join(r[2] for r in rows) + "</tbody></table>")

    # ---- speech acts and commitments
    def quote_span(self, node):
        """The span the node's ``rdf:type`` assertion (SpeechAct or Commitment) is derived from:
        the act's quote. For a commitment without one, its generating act's."""
        from rdflib.namespace import PROV

        from kg.namespace import KIDD

        g, RDF = self.site.g, self.site.RDF
        for cls in (KIDD.SpeechAct, KIDD.Commitment):
            if (node, RDF.type, cls) not in g:
                continue
            for a in g.subjects(RDF.subject, node):
                if g.value(a, RDF.predicate) == RDF.type and g.value(a, RDF.object) == cls:
                    span = g.value(a, PROV.wasDerivedFrom)
                    if span is not None:
                        return span
        act = g.value(node, PROV.wasGeneratedBy) or g.value(None, KIDD.undertakes, node)
        if act is not None and act != node and (act, RDF.type, KIDD.SpeechAct) in g:
            return self.quote_span(act)
        return None

    def passage(self, span) -> str:
        """The sentence(s) around a span, escaped, with the span's words in ``<mark>``."""
        from kg.namespace import NIF

        g = self.site.g
        quote = g.value(span, NIF.anchorOf)
        qb, qe = g.value(span, NIF.beginIndex), g.value(span, NIF.endIndex)
        sentence = g.value(span, NIF.sentence)
        context = g.value(span, NIF.referenceContext)
        text = g.value(context, NIF.isString) if context is not None else None
        if None not in (qb, qe, text):
            qb, qe = int(qb), int(qe)
            sb, se = qb, qe
            if sentence is not None and g.value(sentence, NIF.beginIndex) is not None:
                sb = min(sb, int(g.value(sentence, NIF.beginIndex)))
                se = max(se, int(g.value(sentence, NIF.endIndex)))
            text = str(text)
            return f"{esc(text[sb:qb])}<mark>{esc(text[qb:qe])}</mark>{esc(text[qe:se])}"
        whole = str(g.value(sentence, NIF.anchorOf) or quote or "")
        q = str(quote or "")
        i = whole.find(q) if q else -1
        if i < 0:
            return f"<mark>{esc(q)}</mark>"
        return f"{esc(whole[:i])}<mark>{esc(q)}</mark>{esc(whole[i + len(q):])}"

    def _act_box(self, node) -> str:
        from rdflib import URIRef
        from rdflib.namespace import PROV, TIME

        from kg.namespace import KIDD

        g, RDF = self.site.g, self.site.RDF
        is_act = (node, RDF.type, KIDD.SpeechAct) in g
        act = node if is_act else (g.value(node, PROV.wasGeneratedBy) or g.value(None, KIDD.undertakes, node))
        span = self.quote_span(node)
        out = ['<section class="box act"><h2>What was said</h2>']
        if span is not None:
            out.append(f'<blockquote class="source">{self.passage(span)}</blockquote>')
        items: list[tuple[str, list]] = []

        def values(s, p) -> list:
            return sorted(g.objects(s, p), key=lambda o: self.site.label(o).lower()) if s is not None else []

        if is_act:
            items += [("Said by", values(node, KIDD.saidBy)), ("Their words", values(node, KIDD.agentPhrase)),
                      ("Kind", values(node, KIDD.actKind))]
        else:
            items += [("Owed by", values(node, KIDD.debtor)), ("Owed to", values(node, KIDD.beneficiary)),
                      ("Made by", [act] if act is not None else []),
                      ("Said by", values(act, KIDD.saidBy)), ("Kind", values(act, KIDD.actKind)),
                      ("Status", values(node, KIDD.status))]
        items += [("Content", values(node, KIDD.content)), ("Condition", values(node, KIDD.condition)),
                  ("Condition event", values(node, KIDD.conditionEvent)),
                  ("Due", values(node, KIDD.dueTime)), ("Due before", values(node, KIDD.dueBefore))]
        source = node if is_act else act
        made_at = values(source, KIDD.madeAt)
        items.append(("Made at", made_at))
        items.append(("When", [t for m in made_at for t in values(m, TIME.hasTime)]))
        items.append(("In session", values(source, KIDD.inSession)))
        if is_act:
            items += [("Creates", values(node, KIDD.undertakes)), ("Restates", values(node, KIDD.reaffirms)),
                      ("About", values(node, KIDD.about)), ("Topics", values(node, KIDD.topic))]
        else:
            items += [("About", values(node, KIDD.about)), ("Topics", values(node, KIDD.topic)),
                      ("Restated by", sorted(g.subjects(KIDD.reaffirms, node), key=str))]
        out.append('<dl class="act">')
        for name, vals in items:
            if vals:
                rendered = ", ".join(self.term(v) for v in vals if isinstance(v, URIRef) or v is not None)
                out.append(f"<dt>{esc(name)}</dt><dd>{rendered}</dd>")
        out.append("</dl></section>")
        return "".join(out)

    # ---- index and queries
