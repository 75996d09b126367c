"""The served graph as the pages see it: which IRIs it has, labels, and the document about one
thing (its triples both ways, the provenance of its facts, the labels of what it links to)."""

from __future__ import annotations

from typing import Any

from kg.namespace import BASE

LOCAL_ROOTS = ("id/", "vocab/", "ontology")
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def local_path(iri: str) -> str | None:
    """``id/…`` (with its fragment) for an IRI of our namespace, else None."""
    if iri.startswith(BASE):
        rest = iri[len(BASE):]
        if rest.startswith(LOCAL_ROOTS):
            return rest
    return None


class Site:
    """Everything the pages need from the graph (read-only after construction)."""

    def __init__(self, graph, inferred=None, queries=None, dataset=None):
        from rdflib import RDF, RDFS, SKOS, URIRef

        from kg.serve.uses import stored

        self.g = graph
        self.inferred = inferred
        self.dataset = dataset
        self.queries = list(queries if queries is not None else stored().list_queries())
        self.nodes: set[str] = set()
        for s, _, o in graph:
            if isinstance(s, URIRef):
                self.nodes.add(str(s))
            if isinstance(o, URIRef):
                self.nodes.add(str(o))
        self.hash_bases = {n.split("#", 1)[0] for n in self.nodes if "#" in n}
        self._labels: dict[Any, str] = {}
        self._label_preds = (RDFS.label, SKOS.prefLabel)
        self.RDF, self.RDFS = RDF, RDFS

    # ---- lookups
    def known(self, iri: str) -> bool:
        return iri in self.nodes or iri in self.hash_bases

    def label(self, node) -> str:
        from rdflib import Literal, URIRef

        from kg.namespace import NIF
        from kg.serve.uses import results

        display = results().display

        if node in self._labels:
            return self._labels[node]
        found = None
        if isinstance(node, URIRef):
            for pred in self._label_preds:
                values = [o for o in self.g.objects(node, pred) if isinstance(o, Literal)]
                ranked = sorted(values, key=lambda o: (o.language != "en", o.language is not None, str(o)))
                if ranked:
                    found = str(ranked[0])
                    break
            if found is None:
                anchor = self.g.value(node, NIF.anchorOf)
                if anchor is not None:
                    text = " ".join(str(anchor).split())
                    found = f"“{text[:80]}…”" if len(text) > 80 else f"“{text}”"
        label = found if found is not None else display(node)
        self._labels[node] = label
        return label

    def is_inferred(self, triple) -> bool:
        return self.inferred is not None and triple in self.inferred

    # ---- data documents
    def subjects_of(self, iri: str) -> list:
        """The node itself, or — for a hash namespace (``…/text/kidd-21``, ``…/ontology``) —
        every node whose IRI is it plus a fragment."""
        from rdflib import URIRef

        if iri in self.hash_bases:
            prefix = iri + "#"
            own = [URIRef(iri)] if iri in self.nodes else []
            return own + sorted(URIRef(n) for n in self.nodes if n.startswith(prefix))
        return [URIRef(iri)]

    def describe(self, iri: str):
        """The document about one thing: its triples both ways, the provenance assertions about
        it with their spans and sentences, and the labels of what it links to."""
        from rdflib import Literal, URIRef
        from rdflib.namespace import PROV

        from kg.serve.uses import new_graph, stored
        from kg.namespace import KIDD, NIF

        out = new_graph()
        for p, ns in stored().QUERY_PREFIXES.items():
            out.bind(p, ns, override=False)
        subjects = self.subjects_of(iri)
        hash_doc = iri in self.hash_bases
        for s in subjects:
            for t in self.g.triples((s, None, None)):
                out.add(t)
            if hash_doc:
                continue
            for t in self.g.triples((None, None, s)):
                out.add(t)
            for a in self.g.subjects(self.RDF.subject, s):
                if (a, self.RDF.type, KIDD.Assertion) not in self.g:
                    continue
                for t in self.g.triples((a, None, None)):
                    out.add(t)
                for span in self.g.objects(a, PROV.wasDerivedFrom):
                    for t in self.g.triples((span, None, None)):
                        out.add(t)
                    for sentence in self.g.objects(span, NIF.sentence):
                        for t in self.g.triples((sentence, None, None)):
                            out.add(t)
        linked = {o for _, _, o in out if isinstance(o, URIRef)} | {s for s, _, _ in out}
        for node in linked - set(subjects):
            for pred in self._label_preds:
                for o in self.g.objects(node, pred):
                    if isinstance(o, Literal):
                        out.add((node, pred, o))
        return out

