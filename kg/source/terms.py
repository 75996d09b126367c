"""The ontology and SKOS vocabularies as the builder sees them: which names a source may use.

The curated YAML names classes (``Meeting``), properties (``ledBy``, ``org:holds``) and concepts
(``status:held``, ``topic:space``). This module reads ``ontology/`` once and answers what each
name means, so the source format is driven by the ontology rather than by code.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef
from rdflib.namespace import DCTERMS, ORG, TIME

from kg.errors import KGError
from kg.namespace import KIDD, SEM, VOCAB
from kg.resources import ontology_files

# Terms of other vocabularies a source may use as predicates, and whether they take an entity
# (True) or a literal (False). Anything else outside kidd: is refused, so a typo is an error.
REUSED_PREDICATES: dict[str, tuple[URIRef, bool]] = {
    "org:subOrganizationOf": (ORG.subOrganizationOf, True),
    "org:hasMember": (ORG.hasMember, True),
    "org:memberOf": (ORG.memberOf, True),
    "org:holds": (ORG.holds, True),
    "org:heldBy": (ORG.heldBy, True),
    "org:postIn": (ORG.postIn, True),
    "time:hasTime": (TIME.hasTime, True),
    "sem:subEventOf": (SEM.subEventOf, True),
    "dcterms:title": (DCTERMS.title, False),
    "dcterms:issued": (DCTERMS.issued, False),
    "dcterms:publisher": (DCTERMS.publisher, True),
    "dcterms:source": (DCTERMS.source, True),
}

# Concept schemes and the prefix a source uses for them (``topic:space``).
SCHEMES = {"act-kind": "act-kind", "status": "status", "topic": "topic"}


@dataclass
class Property:
    iri: URIRef
    takes_entity: bool
    range: URIRef | None = None


@dataclass
class Schema:
    graph: Graph
    classes: set[str] = field(default_factory=set)
    properties: dict[str, Property] = field(default_factory=dict)
    concepts: dict[str, set[str]] = field(default_factory=dict)
    event_classes: set[URIRef] = field(default_factory=set)
    # Predicates whose chains may not come back to where they started (a body within itself, a
    # relative time anchored to itself): predicate -> (the chain it belongs to, reversed?).
    acyclic: dict[URIRef, tuple[URIRef, bool]] = field(default_factory=dict)

    def cls(self, name: str, where: str) -> URIRef:
        if name not in self.classes:
            raise KGError(
                f"`{name}` is not a class of the ontology; use one of: {', '.join(sorted(self.classes))}.",
                where,
            )
        return URIRef(KIDD._NS + name)

    def prop(self, name: str, where: str) -> Property:
        if name in self.properties:
            return self.properties[name]
        raise KGError(
            f"`{name}` is not a property of the ontology (kidd: local names) nor one of the reused "
            f"terms ({', '.join(sorted(REUSED_PREDICATES))}).",
            where,
        )

    def concept(self, scheme: str, slug: str, where: str) -> URIRef:
        if slug not in self.concepts.get(scheme, set()):
            known = ", ".join(sorted(self.concepts.get(scheme, set())))
            raise KGError(f"`{slug}` is not a concept of the {scheme} scheme; known: {known}.", where)
        return VOCAB[f"{scheme}/{slug}"]

    def concept_ref(self, ref: str, where: str) -> URIRef:
        """``status:held`` → the concept IRI (scheme prefix, then slug)."""
        scheme, _, slug = ref.partition(":")
        if scheme not in SCHEMES:
            raise KGError(f"`{ref}` names no known concept scheme ({', '.join(SCHEMES)}).", where)
        return self.concept(SCHEMES[scheme], slug, where)

    def is_event_class(self, cls: URIRef) -> bool:
        return cls in self.event_classes


_CACHE_DIR: Path | None = None  # where load_graph keeps what it parsed (set by use_cache)
_CACHE_FORMAT = "parsed-rdf/1"


def use_cache(folder: Path | None) -> None:
    """Keep the graphs :func:`load_graph` parses under ``folder`` (``kg build --incremental``:
    ``OUT/units/``), so that the next process reads the ontology, vocabularies and shapes back
    in a few milliseconds instead of parsing their Turtle again (a tenth of a second)."""
    global _CACHE_DIR
    _CACHE_DIR = Path(folder) if folder is not None else None


def load_graph(paths: list[Path]) -> Graph:
    """The Turtle files ``paths`` in one graph. With a cache folder (:func:`use_cache`), the
    graph is rebuilt from what the first parse of the same files (paths and bytes) recorded:
    the same triples (blank nodes with the same ids) added in the parse's order and the same
    prefixes bound in the same order, so the graph is the one the parse gives, its indexes'
    orders included."""
    for p in paths:
        if not p.is_file():
            raise KGError("the file is missing (the ontology, vocabularies and shapes ship with the package).", str(p))
    cache = _cache_file(paths) if _CACHE_DIR is not None else None
    if cache is not None:
        g = _read_cached(cache)
        if g is not None:
            return g
    g = Graph()
    added: list[tuple] = []
    bound: list[tuple] = []
    if cache is not None:  # record what the parser does to the graph
        add, bind = g.add, g.bind
        g.add = lambda t: (added.append(t), add(t))[1]  # type: ignore[method-assign]
        g.bind = lambda *a, **k: (bound.append((a, k)), bind(*a, **k))[1]  # type: ignore[method-assign]
    for p in paths:
        try:
            g.parse(p, format="turtle")
        except Exception as exc:  # rdflib raises many parser types; all mean the same to a user
            raise KGError(f"the file is not valid Turtle: {exc}", str(p)) from None
    if cache is not None:
        del g.add, g.bind
        _write_cached(cache, added, bound)
    return g


def _cache_file(paths: list[Path]) -> Path:
    import hashlib

    import rdflib

    which = hashlib.sha256("\0".join(str(p.resolve()) for p in paths).encode()).hexdigest()[:16]
    h = hashlib.sha256(f"{_CACHE_FORMAT}\0{rdflib.__version__}\0".encode())
    for p in paths:
        h.update(hashlib.sha256(p.read_bytes()).digest())
    assert _CACHE_DIR is not None
    return _CACHE_DIR / f"rdf-{which}-{h.hexdigest()[:32]}.json"


def _read_cached(path: Path) -> Graph | None:
    import json

    from rdflib import BNode, Literal

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != _CACHE_FORMAT:
            return None
        terms: list = []
        for t in data["terms"]:
            if t[0] == "u":
                terms.append(URIRef(t[1]))
            elif t[0] == "b":
                terms.append(BNode(t[1]))
            else:
                terms.append(Literal(t[1], t[2], URIRef(t[3]) if t[3] is not None else None))
        g = Graph()
        add = g.store.add  # what Graph.add calls, without its checks of terms made just above
        ts = data["triples"]
        for i in range(0, len(ts), 3):
            add((terms[ts[i]], terms[ts[i + 1]], terms[ts[i + 2]]), g, quoted=False)
        for args, kwargs in data["bound"]:
            g.bind(*args, **kwargs)
        _READ[g] = (terms, ts)
        return g
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        return None  # no cache, or not one this code reads: parse


_READ: "weakref.WeakKeyDictionary[Graph, tuple[list, list[int]]]" = weakref.WeakKeyDictionary()


def ntriples(graph: Graph) -> tuple[str, list[tuple]] | None:
    """For a graph :func:`load_graph` read back from its cache (and not changed since): its
    triples without a blank node as N-Triples text (rdflib's N-Triples writer's terms), and its
    triples with one; else None. Oxigraph parses the text several times faster than it takes
    rdflib terms one by one, but renames blank nodes, so those are given as terms."""
    got = _READ.get(graph)
    if got is None:
        return None
    terms, ts = got
    from rdflib import BNode, Literal
    from rdflib.plugins.serializers.nt import _quoteLiteral

    written = [_quoteLiteral(t) if isinstance(t, Literal) else None if isinstance(t, BNode) else f"<{t}>" for t in terms]
    lines, blank, seen = [], [], set()
    for i in range(0, len(ts), 3):
        k = (ts[i], ts[i + 1], ts[i + 2])
        if k in seen:
            continue
        seen.add(k)
        s, p, o = (written[j] for j in k)
        if s is None or p is None or o is None:
            blank.append((terms[k[0]], terms[k[1]], terms[k[2]]))
        else:
            lines.append(f"{s} {p} {o} .\n")
    if len(lines) + len(blank) != len(graph):  # changed since it was read, or terms equal under two indexes
        return None
    return "".join(lines), blank


def _write_cached(path: Path, added: list[tuple], bound: list[tuple]) -> None:
    import json
    import os

    from rdflib import BNode, Literal

    index: dict = {}
    terms: list = []
    triples: list[int] = []
    for t in added:
        for term in t:
            key = (type(term), term)
            i = index.get(key)
            if i is None:
                i = index[key] = len(terms)
                if isinstance(term, Literal):
                    terms.append(["l", str(term), term.language,
                                  str(term.datatype) if term.datatype is not None else None])
                elif isinstance(term, BNode):
                    terms.append(["b", str(term)])
                elif type(term) is URIRef:
                    terms.append(["u", str(term)])
                else:  # pragma: no cover - a Turtle parser gives nothing else
                    return
            triples.append(i)
    doc = {"format": _CACHE_FORMAT, "terms": terms, "triples": triples,
           "bound": [[[str(a) for a in args], kwargs] for args, kwargs in bound]}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(path.name.rsplit("-", 1)[0] + "-*.json"):  # the same files' older versions
            old.unlink(missing_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass  # a cache only


@lru_cache(maxsize=1)
def load_schema() -> Schema:
    g = load_graph(ontology_files())
    schema = Schema(graph=g)
    ns = str(KIDD._NS)
    for c in g.subjects(RDF.type, OWL.Class):
        if isinstance(c, URIRef) and str(c).startswith(ns):
            schema.classes.add(str(c)[len(ns) :])
    for kind, takes_entity in ((OWL.ObjectProperty, True), (OWL.DatatypeProperty, False), (OWL.AnnotationProperty, False)):
        for p in g.subjects(RDF.type, kind):
            if isinstance(p, URIRef) and str(p).startswith(ns):
                rng = g.value(p, RDFS.range)
                schema.properties[str(p)[len(ns) :]] = Property(p, takes_entity, rng)
    for name, (iri, takes_entity) in REUSED_PREDICATES.items():
        schema.properties[name] = Property(iri, takes_entity, g.value(iri, RDFS.range))
    for scheme in SCHEMES.values():
        prefix = str(VOCAB[scheme + "/"])
        schema.concepts[scheme] = {
            str(c)[len(prefix) :]
            for c in g.subjects(RDF.type, SKOS.Concept)
            if str(c).startswith(prefix)
        }
    schema.acyclic = _acyclic(g)
    # Event classes: kidd:Event and everything below it (transitively).
    todo = [KIDD.Event]
    while todo:
        c = todo.pop()
        if c not in schema.event_classes:
            schema.event_classes.add(c)
            todo.extend(g.subjects(RDFS.subClassOf, c))
    return schema


def _acyclic(g: Graph) -> dict[URIRef, tuple[URIRef, bool]]:
    """Each transitive property of the ontology (``withinBody``, ``locatedIn``, ``componentOf``,
    ``org:transitiveSubOrganizationOf``) with its sub-properties (``org:subOrganizationOf``) and,
    reversed, its inverses (``containsBody``), plus ``kidd:relativeTo``: the chains a source may
    not close into a loop."""
    out: dict[URIRef, tuple[URIRef, bool]] = {}

    def below(p: URIRef) -> set[URIRef]:
        seen, todo = set(), [p]
        while todo:
            q = todo.pop()
            if q not in seen:
                seen.add(q)
                todo.extend(s for s in g.subjects(RDFS.subPropertyOf, q) if isinstance(s, URIRef))
        return seen

    for t in sorted(p for p in g.subjects(RDF.type, OWL.TransitiveProperty) if isinstance(p, URIRef)):
        if t in out:
            continue
        inverses = {u for u in (*g.objects(t, OWL.inverseOf), *g.subjects(OWL.inverseOf, t)) if isinstance(u, URIRef)}
        for p in below(t):
            out.setdefault(p, (t, False))
        for u in inverses:
            for p in below(u):
                out.setdefault(p, (t, True))
    out.setdefault(KIDD.relativeTo, (KIDD.relativeTo, False))
    return out
