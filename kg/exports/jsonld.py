"""JSON-LD that reads naturally: the published ``@context``, a compact serializer, a parser and
a nested view of one speech act.

* ``ontology/context.jsonld`` is the project's ``@context`` (published as
  :data:`CONTEXT_IRI`). It is generated from ``ontology/kidd.ttl`` by :func:`make_context`
  (``python -m kg.exports.jsonld`` rewrites it; a test checks the file and the ontology agree): a short
  key for every ``kidd:`` class and property and for the reused terms the graph uses (``label``,
  ``prefLabel``, ``wasDerivedFrom``, ``anchorOf``, ``beginIndex``, ``inXSDDate`` …),
  ``"@type": "@id"`` for object properties, datatypes for typed values (``xsd:date``,
  ``xsd:gYear``, ``xsd:gMonth``, ``xsd:positiveInteger``, ``xsd:nonNegativeInteger``), and
  language maps (``"label": {"en": "…", "ko": "…"}``) for labels and notes. A value that does
  not fit a term's definition (an untagged title, a date where a month is usual) keeps an
  explicit ``{"@value", "@type"}`` or CURIE key, so nothing is lost.
* :func:`to_jsonld` compacts with rdflib's JSON-LD serializer and that context, then fixes
  the order (nodes sorted by ``@id``, values sorted, keys sorted): equal graphs give equal text.
  IRIs are compacted against the longest matching prefix (``id:act/kidd-21/a07``), which
  rdflib alone does not do for slash IRIs.
* :func:`from_jsonld` parses it back (offline: the published context IRI is replaced by the
  shipped file); the round trip is isomorphic.
* :func:`frame_commitment` is a nested, readable view of one speech act, built without pyld:
  the act's triples, the labels of what it points to, the commitment it creates or restates,
  and the evidence (its ``kidd:Assertion`` nodes, their text spans and sentences) are collected
  from the graph, compacted by the same serializer, and nested. It is itself valid JSON-LD whose
  every triple is in the graph (or the vocabularies, for concept labels).
"""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, TIME
from rdflib.plugins.serializers.jsonld import from_rdf
from rdflib.plugins.shared.jsonld.context import Context

from kg.namespace import new_graph
from kg.errors import KGError
from kg.namespace import ID, KIDD, NIF, PREFIXES
from kg.resources import ontology_dir
from kg.source.rdf import CONTEXT_IRI, resolve_contexts  # the published context, resolved offline

SSSOM = "https://w3id.org/sssom/"
LANG = "@language"

# Reused terms the graph uses: short key -> (CURIE, coercion). ``@language`` = a language map.
REUSED: dict[str, tuple[str, str | None]] = {
    # names and notes
    "label": ("rdfs:label", LANG),
    "comment": ("rdfs:comment", LANG),
    "prefLabel": ("skos:prefLabel", LANG),
    "altLabel": ("skos:altLabel", LANG),
    "definition": ("skos:definition", LANG),
    "scopeNote": ("skos:scopeNote", LANG),
    "editorialNote": ("skos:editorialNote", LANG),
    "title": ("dcterms:title", LANG),
    "description": ("dcterms:description", LANG),
    "notation": ("skos:notation", None),
    # concepts and links
    "inScheme": ("skos:inScheme", "@id"),
    "broader": ("skos:broader", "@id"),
    "exactMatch": ("skos:exactMatch", "@id"),
    "closeMatch": ("skos:closeMatch", "@id"),
    "confidence": ("sssom:confidence", None),
    # provenance
    "wasDerivedFrom": ("prov:wasDerivedFrom", "@id"),
    "wasQuotedFrom": ("prov:wasQuotedFrom", "@id"),
    "wasAttributedTo": ("prov:wasAttributedTo", "@id"),
    "wasGeneratedBy": ("prov:wasGeneratedBy", "@id"),
    "denotedBy": ("gaf:denotedBy", "@id"),
    "subject": ("rdf:subject", "@id"),
    "predicate": ("rdf:predicate", "@vocab"),
    "object": ("rdf:object", None),
    # text spans (NIF 2.0)
    "anchorOf": ("nif:anchorOf", None),
    "isString": ("nif:isString", None),
    "beginIndex": ("nif:beginIndex", "xsd:nonNegativeInteger"),
    "endIndex": ("nif:endIndex", "xsd:nonNegativeInteger"),
    "referenceContext": ("nif:referenceContext", "@id"),
    "sentence": ("nif:sentence", "@id"),
    # events (SEM)
    "subEventOf": ("sem:subEventOf", "@id"),
    # time
    "hasTime": ("time:hasTime", "@id"),
    "hasBeginning": ("time:hasBeginning", "@id"),
    "hasEnd": ("time:hasEnd", "@id"),
    "before": ("time:before", "@id"),
    "after": ("time:after", "@id"),
    "hasDateTimeDescription": ("time:hasDateTimeDescription", "@id"),
    "unitType": ("time:unitType", "@id"),
    "monthOfYear": ("time:monthOfYear", "@id"),
    "inXSDDate": ("time:inXSDDate", "xsd:date"),
    "inXSDgYearMonth": ("time:inXSDgYearMonth", "xsd:gYearMonth"),
    "year": ("time:year", "xsd:gYear"),
    "month": ("time:month", "xsd:gMonth"),
    "day": ("time:day", "xsd:gDay"),
    # organizations
    "holds": ("org:holds", "@id"),
    "heldBy": ("org:heldBy", "@id"),
    "postIn": ("org:postIn", "@id"),
    "subOrganizationOf": ("org:subOrganizationOf", "@id"),
    "hasMember": ("org:hasMember", "@id"),
    "memberOf": ("org:memberOf", "@id"),
    # documents
    "license": ("dcterms:license", "@id"),
    "publisher": ("dcterms:publisher", "@id"),
    "creator": ("dcterms:creator", None),
    "issued": ("dcterms:issued", None),
    "language": ("dcterms:language", "xsd:language"),
    "identifier": ("dcterms:identifier", None),
    "source": ("dcterms:source", None),
}

_PREFIXES: dict[str, str] = {  # the context's prefixes: a fixed subset of the one table (kg.namespace)
    p: PREFIXES[p] for p in ("kidd", "id", "vocab", "nif", "sem", "gaf", "fabio", "greg", "rdf", "rdfs", "owl",
                             "xsd", "skos", "dcterms", "prov", "org", "time", "sssom")
}
# Datatypes that JSON carries natively (rdflib writes them as JSON strings/numbers/booleans).
_NATIVE = {XSD.string, XSD.boolean, XSD.integer, XSD.double}


# ---------------------------------------------------------------------- the context
def make_context(ontology: Graph) -> dict[str, Any]:
    """The ``@context`` for the ontology's terms and the reused ones (sorted, deterministic)."""
    ns = str(KIDD._NS)
    ctx: dict[str, Any] = dict(_PREFIXES)
    own: dict[str, Any] = {}
    for c in ontology.subjects(RDF.type, OWL.Class):
        if isinstance(c, URIRef) and str(c).startswith(ns):
            own[str(c)[len(ns):]] = f"kidd:{str(c)[len(ns):]}"
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty):
        for p in ontology.subjects(RDF.type, kind):
            if not (isinstance(p, URIRef) and str(p).startswith(ns)):
                continue
            name = str(p)[len(ns):]
            term: dict[str, str] = {"@id": f"kidd:{name}"}
            rng = ontology.value(p, RDFS.range)
            if kind == OWL.ObjectProperty:
                term["@type"] = "@id"
            elif isinstance(rng, URIRef) and str(rng).startswith(str(XSD)) and rng not in _NATIVE:
                term["@type"] = f"xsd:{str(rng)[len(str(XSD)):]}"
            own[name] = term
    clash = sorted(set(own) & (set(REUSED) | set(_PREFIXES)))
    if clash:
        raise KGError(f"the JSON-LD context has clashing keys: {', '.join(clash)}.")
    ctx.update(own)
    for key, (curie, coercion) in REUSED.items():
        if coercion == LANG:
            ctx[key] = {"@id": curie, "@container": "@language"}
        elif coercion:
            ctx[key] = {"@id": curie, "@type": coercion}
        else:
            ctx[key] = {"@id": curie}
    return {k: ctx[k] for k in sorted(ctx)}


def context_path() -> Path:
    return ontology_dir() / "context.jsonld"


def context_document(ontology: Graph | None = None) -> str:
    """The text of ``ontology/context.jsonld`` as generated from the ontology."""
    if ontology is None:
        from kg.source.terms import load_graph
        from kg.resources import ontology_files

        ontology = load_graph(ontology_files()[:1])
    return json.dumps({"@context": make_context(ontology)}, indent=2, ensure_ascii=False) + "\n"


@lru_cache(maxsize=1)
def _shipped_context() -> str:
    path = context_path()
    if not path.is_file():
        raise KGError("the JSON-LD context is missing; run `python -m kg.exports.jsonld` to write it.", str(path))
    return path.read_text(encoding="utf-8")


def load_context() -> dict[str, Any]:
    """The shipped ``@context`` (the value, without the ``{"@context": …}`` wrapper)."""
    return json.loads(_shipped_context())["@context"]


class _Context(Context):
    """rdflib's context, compacting an IRI against the longest matching prefix.

    rdflib splits an IRI at its last ``/`` or ``#`` and looks that namespace up, so
    ``…/id/act/kidd-21/a07`` would stay a full IRI; here it becomes ``id:act/kidd-21/a07``.
    """

    def to_symbol(self, iri: str) -> str | None:
        """A term for ``iri`` even when the term coerces its values (``about``, not
        ``kidd:about``, as a ``@vocab`` value); language-map terms are left out, so a value
        that does not fit the map keeps its CURIE key."""
        if not hasattr(self, "_symbols"):
            self._symbols = {}
            for name, term in sorted(self.terms.items()):
                if term.id and not term.reverse and not term.container and ":" not in name:
                    self._symbols.setdefault(term.id, name)
        return self._symbols.get(str(iri)) or super().to_symbol(iri)

    def shrink_iri(self, iri: str) -> str:
        iri = str(iri)
        best = max((ns for ns in self._prefixes if iri.startswith(ns) and len(iri) > len(ns)), key=len, default=None)
        if best is None:
            return super().shrink_iri(iri)
        return f"{self._prefixes[best]}:{iri[len(best):]}"


def _compact(graph: Graph, ctx: dict[str, Any]) -> list[dict[str, Any]]:
    """rdflib's compaction of ``graph`` under ``ctx``: a flat list of node objects, in order."""
    obj = from_rdf(graph, _Context(ctx))
    if isinstance(obj, list):
        nodes = obj
    elif "@graph" in obj:
        nodes = obj["@graph"]
    else:
        nodes = [{k: v for k, v in obj.items() if k != "@context"}] if len(obj) > 1 else []
    return [_sorted_node(n) for n in sorted(nodes, key=lambda n: str(n.get("@id", "")))]


def _canon(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _sorted_node(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _sorted_node(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return sorted((_sorted_node(v) for v in value), key=_canon)
    if isinstance(value, Literal):  # a coerced value: its lexical form
        return str(value)
    return value


# ---------------------------------------------------------------------- serialize / parse
def to_jsonld(graph: Graph, context_ref: bool = False) -> str:
    """``graph`` as compacted JSON-LD under the project's context; deterministic.

    The context is embedded (the file stands alone) unless ``context_ref``: then
    ``"@context"`` is the published :data:`CONTEXT_IRI`.
    """
    ctx = load_context()
    doc = {"@context": CONTEXT_IRI if context_ref else ctx, "@graph": _compact(graph, ctx)}
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def from_jsonld(text: str | dict | list) -> Graph:
    """Parse JSON-LD (text or already-loaded JSON) into a graph, offline: our published context
    is the shipped file, any other remote context a KGError (kg.source.rdf.resolve_contexts)."""
    try:
        data = json.loads(text) if isinstance(text, str) else text
    except json.JSONDecodeError as exc:
        raise KGError(f"not valid JSON: {exc}") from None
    g = new_graph()
    g.parse(data=json.dumps(resolve_contexts(data), ensure_ascii=False), format="json-ld")
    return g


# ---------------------------------------------------------------------- a readable view of one act
_SUMMARY = (RDF.type, RDFS.label, SKOS.prefLabel)  # rdfs:label if any, else skos:prefLabel
_ASSERTION_KEYS = (RDF.type, RDF.predicate, RDF.object, PROV.wasDerivedFrom, SKOS.editorialNote)
_SPAN_KEYS = (NIF.anchorOf, NIF.beginIndex, NIF.endIndex, NIF.sentence)
_DETAILED = (KIDD.undertakes, KIDD.reaffirms)


def frame_commitment(graph: Graph, act_iri: str | URIRef, context_ref: bool = True) -> dict[str, Any]:
    """One speech act as nested JSON-LD: who said it (with labels), its kind (with the
    concept's label), content, condition, the meeting or session it was made at, the
    commitment it creates or restates, and its evidence — each ``kidd:Assertion`` about the
    act with the span that carries it (``anchorOf``, ``beginIndex``/``endIndex``) and the
    sentence around the span (written out once, then referred to by ``@id``).

    ``act_iri`` may be a full IRI, ``id:act/kidd-21/a07`` or ``act/kidd-21/a07``. Labels not in
    ``graph`` (the act-kind, status and topic concepts) come from the bundled vocabularies.
    """
    act = _iri(act_iri)
    if (act, RDF.type, KIDD.SpeechAct) not in graph:
        raise KGError(f"{act} is not a speech act of the graph.")
    from kg.source.terms import load_schema

    vocab = load_schema().graph
    sub = new_graph()

    def copy(s: URIRef, preds: tuple[URIRef, ...] | None = None) -> None:
        for p, o in graph.predicate_objects(s):
            if preds is None or p in preds:
                sub.add((s, p, o))

    def summary(o: Any) -> None:
        if not isinstance(o, URIRef):
            return
        source = graph if (o, None, None) in graph else vocab
        for t in source.triples((o, RDF.type, None)):
            sub.add(t)
        label = RDFS.label if (o, RDFS.label, None) in source else SKOS.prefLabel
        for t in source.triples((o, label, None)):
            sub.add(t)

    copy(act)
    for p, o in graph.predicate_objects(act):
        if p in _DETAILED:
            copy(o)
            for p2, o2 in graph.predicate_objects(o):
                if o2 != act and p2 != RDF.type:
                    summary(o2)
        elif p != RDF.type:
            summary(o)
    assertions = sorted(a for a in graph.subjects(RDF.subject, act) if (a, RDF.type, KIDD.Assertion) in graph)
    for a in assertions:
        sub.add((a, RDF.subject, act))
        copy(a, _ASSERTION_KEYS)
        for span in graph.objects(a, PROV.wasDerivedFrom):
            copy(span, _SPAN_KEYS)
            for sentence in graph.objects(span, NIF.sentence):
                copy(sentence, _SPAN_KEYS)

    ctx = load_context()
    local = {"evidence": {"@reverse": "rdf:subject"}}
    nodes = {n["@id"]: n for n in _compact(sub, ctx)}
    root_id = _Context(ctx).shrink_iri(act)
    evidence = sorted(
        (nodes[k] for k in nodes if nodes[k].get("subject") == root_id),
        key=lambda n: (_span_begin(n, nodes), _canon(n.get("predicate")), _canon(n.get("object")), n["@id"]),
    )
    written: set[str] = set()
    root = _nest(nodes[root_id], nodes, path={root_id}, written=written, ctx=ctx)
    root["evidence"] = [
        _nest({k: v for k, v in n.items() if k != "subject"}, nodes, path={root_id, n["@id"]}, written=written, ctx=ctx)
        for n in evidence
    ]
    head = {"@context": [CONTEXT_IRI if context_ref else ctx, local], "@id": root_id}
    return head | {k: v for k, v in root.items() if k != "@id"}


def _iri(ref: str | URIRef) -> URIRef:
    s = str(ref)
    if s.startswith("id:"):
        return ID[s[3:]]
    if "://" not in s:
        return ID[s]
    return URIRef(s)


def _span_begin(assertion: dict[str, Any], nodes: dict[str, Any]) -> int:
    spans = assertion.get("wasDerivedFrom") or []
    spans = spans if isinstance(spans, list) else [spans]
    begins = [int(nodes[s]["beginIndex"]) for s in spans if s in nodes and "beginIndex" in nodes[s]]
    return min(begins, default=-1)


def _nest(node: dict[str, Any], nodes: dict[str, Any], path: set[str], written: set[str], ctx: dict[str, Any]) -> dict[str, Any]:
    """Replace references to collected nodes by the nodes themselves (depth first, no cycles;
    a node already written out in full elsewhere stays a reference)."""
    out: dict[str, Any] = {}
    for key in sorted(node, key=lambda k: (k not in ("@id", "@type"), k)):
        value = node[key]
        if key in ("@id", "@type"):
            out[key] = value
            continue
        values = value if isinstance(value, list) else [value]
        nested = []
        for v in values:
            ref = v.get("@id") if isinstance(v, dict) and set(v) == {"@id"} else (v if _is_id_term(key, ctx) else None)
            if isinstance(ref, str) and ref in nodes and ref not in path and ref not in written:
                written.add(ref)
                nested.append(_nest(nodes[ref], nodes, path | {ref}, written, ctx))
            else:
                nested.append(v)
        out[key] = nested if isinstance(value, list) else nested[0]
    return out


def _is_id_term(key: str, ctx: dict[str, Any]) -> bool:
    term = ctx.get(key)
    return isinstance(term, dict) and term.get("@type") == "@id"


def main(argv: list[str] | None = None) -> int:
    """``python -m kg.exports.jsonld``: rewrite ``ontology/context.jsonld`` from ``ontology/kidd.ttl``."""
    from kg.exports.files import write_atomic

    write_atomic(context_path(), context_document())
    _shipped_context.cache_clear()
    print(f"wrote {context_path()}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
