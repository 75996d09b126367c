"""SHACL validation: is the graph checked and answerable?

The shapes (``ontology/shapes.ttl``) are run by pyshacl over a graph that is already
materialised (asserted facts, provenance, enrichment, OWL 2 RL inferences, ontology and
vocabularies), so pyshacl is asked for no inference of its own. Each result is reported with
the words of the statement behind the node it is about, so a reviewer can see what to fix::

    from kg.graph.build import build
    from kg.checks.validate import validate
    report = validate_build(build())
    print(report.text())            # grouped by node, with the source sentence
    report.conforms, report.results  # for programs; report.turtle() / report.json() to save

The graph handed to the shapes is the *checked graph* (:func:`kg.reasoning.checked` for a build,
:func:`kg.reasoning.scope.checked` for any asserted triples): what the curators asserted, the
ontology and vocabularies, and what the class and property hierarchy entails, but not the types
that domain and range inference would give (they would make every "must be an X" check hold).
The OWL 2 RL closure is checked for consistency on its own. ``validate_build`` and
``validate_files`` run both checks; on a build and on the files it writes they report the same.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from rdflib import RDF, RDFS, SKOS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import PROV, SH, NamespaceManager
from rdflib.term import Node

from kg.errors import KGError
from kg.source.rdf import RDF_FORMATS, read_rdf  # noqa: F401 (RDF_FORMATS: re-exported)
from kg.source.terms import load_graph
from kg.namespace import GAF, NIF, FILE_PREFIXES
from kg.reasoning.datatypes import _repair_datatypes, _restore_rdflib_datatypes
from kg.resources import ontology_dir

if TYPE_CHECKING:  # pragma: no cover
    from kg.reasoning import Reasoner

SHAPES_FILE = "shapes.ttl"
SHAPES_NS = "https://w3id.org/kidd-kg/shapes#"

_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


# ---------------------------------------------------------------------------------- shapes
def shapes_path() -> Path:
    return ontology_dir() / SHAPES_FILE


def load_shapes() -> Graph:
    """The shapes graph, read from ``ontology/shapes.ttl`` (a fresh graph on every call)."""
    return load_graph([shapes_path()])


@lru_cache(maxsize=4)
def _shapes(path: str, mtime_ns: int) -> Graph:
    return load_shapes()


def _current_shapes() -> Graph:
    path = shapes_path()
    mtime = path.stat().st_mtime_ns if path.is_file() else -1
    return _shapes(str(path), mtime)


# ---------------------------------------------------------------------------------- report
@dataclass(frozen=True)
class Result:
    """One validation result, with terms written in Turtle syntax (``kidd:saidBy``, ``<iri>``)."""

    focus: str  # the focus node's IRI
    focus_label: str | None  # its English label, if it has one
    path: str | None  # the property path, in SPARQL syntax ("kidd:saidBy", "^rdf:subject")
    value: str | None  # the offending value, if the result names one
    message: str
    severity: str  # "Violation", "Warning" or "Info"
    source_shape: str  # e.g. "kiddsh:SpeechAct-saidBy"
    component: str  # e.g. "sh:MinCountConstraintComponent", "sh:SPARQLConstraintComponent"
    source_constraint: str | None  # the SPARQL constraint, e.g. "kiddsh:CoChairTakesPart"
    sentence: str | None  # the words of the statement behind the focus node

    def sort_key(self) -> tuple:
        return (
            self.focus,
            _SEVERITY_ORDER.get(self.severity, 9),
            self.path or "",
            self.source_shape,
            self.component,
            self.source_constraint or "",
            self.value or "",
            self.message,
        )


@dataclass
class Report:
    """What pyshacl found: ``conforms``, the ``results`` (sorted) and the W3C report ``graph``."""

    conforms: bool
    results: list[Result]
    graph: Graph
    nodes_checked: int = 0  # distinct nodes the shapes target

    @property
    def violations(self) -> int:
        return sum(1 for r in self.results if r.severity == "Violation")

    def summary(self) -> str:
        n = self.nodes_checked
        if not self.results:
            return f"Conforms: {n} {_plural(n, 'node')} checked, 0 violations"
        nodes = len({r.focus for r in self.results})
        parts = [f"{self.violations} {_plural(self.violations, 'violation')} on {nodes} {_plural(nodes, 'node')}"]
        others = len(self.results) - self.violations
        if others:
            parts.append(f"{others} {_plural(others, 'warning')}")
        head = "Conforms with warnings" if self.conforms else "Does not conform"
        return f"{head}: {', '.join(parts)} ({n} {_plural(n, 'node')} checked)"

    def text(self) -> str:
        """A readable report: each node (label, IRI), its problems, the sentence behind it."""
        lines: list[str] = []
        by_focus: dict[str, list[Result]] = {}
        for r in self.results:
            by_focus.setdefault(r.focus, []).append(r)
        for focus, results in by_focus.items():
            label = results[0].focus_label
            lines.append(f"{label} <{focus}>" if label else f"<{focus}>")
            for r in results:
                where = []
                if r.path:
                    where.append(f"path {r.path}")
                if r.value:
                    where.append(f"value {_shorten(r.value)}")
                tag = "" if r.severity == "Violation" else f"[{r.severity}] "
                detail = f" ({'; '.join(where)})" if where else ""
                lines.append(f"  - {tag}{r.message}{detail}")
            for sentence in dict.fromkeys(r.sentence for r in results if r.sentence):
                lines.append(f"  source: “{sentence}”")
            lines.append("")
        lines.append(self.summary())
        return "\n".join(lines) + "\n"

    def turtle(self) -> str:
        """The W3C SHACL validation report (``sh:ValidationReport``) in Turtle."""
        return self.graph.serialize(format="turtle")

    def json(self) -> str:
        """The results as JSON: conformance, counts and one object per result, in a stable order."""
        doc = {
            "conforms": self.conforms,
            "nodes_checked": self.nodes_checked,
            "violations": self.violations,
            "results": [asdict(r) for r in self.results],
        }
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


def _shorten(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _PreparedQueryGraph(Graph):
    """A view of a graph (same store) whose SPARQL query strings are parsed once.

    pyshacl runs each SPARQL constraint once per focus node, and rdflib parses the query text on
    every call, which costs more than evaluating it. Parsing once keeps validation fast.
    """

    def query(self, query_object, *args, **kwargs):  # type: ignore[override]
        if isinstance(query_object, str):
            query_object = _prepare(query_object)
        return super().query(query_object, *args, **kwargs)


@lru_cache(maxsize=512)
def _prepare(text: str):
    from rdflib.plugins.sparql import prepareQuery  # the reference engine's; not loaded otherwise

    return prepareQuery(text)


ENGINES = ("fast", "reference")
DEFAULT_ENGINE = "fast"


def validate(data: Graph, shapes: Graph | None = None, engine: str = DEFAULT_ENGINE, *,
             sparql_engine=None, query_graph: type[Graph] | None = None) -> Report:
    """Validate an already materialised graph against the shapes (default: ``ontology/shapes.ttl``).

    ``data`` is validated as it is: nothing is inferred here and nothing is added to it. For a
    build, give :func:`kg.reasoning.checked` (or call :func:`validate_build`); for asserted
    triples, :func:`validate_asserted`.

    ``engine="fast"`` (the default) is ``kg.checks.fast``: every constraint for all its focus nodes at
    once, SPARQL constraints as one Oxigraph query each (``sparql_engine``, e.g. an
    ``kg.sparql.engines.OxigraphEngine`` already loaded with ``data``; else one is made).
    ``engine="reference"`` is pySHACL with ``inference="none"``, its SPARQL constraints answered by
    rdflib (or by the Graph subclass ``query_graph``, made over the same store). Both give the same
    results (tests/test_shacl.py).
    """
    if engine not in ENGINES:
        raise KGError(f"unknown validation engine `{engine}`; use one of: {', '.join(ENGINES)}.")
    shapes = shapes if shapes is not None else _current_shapes()
    if isinstance(data, ConjunctiveGraph):  # a Dataset: validate the union of its graphs
        flat = Graph()
        for s, p, o, _ in data.quads((None, None, None, None)):
            flat.add((s, p, o))
        data = flat
    _repair_datatypes(data)
    if engine == "fast":
        from kg.checks import fast as shacl

        conforms, results_graph = shacl.validate(data, shapes, sparql_engine)
    else:
        import pyshacl  # the reference engine, imported when used

        if not data.store.context_aware:  # pySHACL wraps the graph in a ConjunctiveGraph: it needs contexts
            aware = Graph()
            for t in data:
                aware.add(t)
            data = aware
        view = (query_graph or _PreparedQueryGraph)(store=data.store, identifier=data.identifier)
        try:
            conforms, results_graph, _ = pyshacl.validate(
                view,
                shacl_graph=shapes,
                inference="none",
                advanced=False,
                inplace=True,
                abort_on_first=False,
                allow_warnings=False,
            )
        except Exception as exc:  # a malformed shape or query: the shapes file needs fixing
            raise KGError(f"SHACL validation failed to run: {exc}", str(shapes_path())) from None
    nm = _namespace_manager()
    for prefix, ns in nm.namespaces():
        results_graph.bind(prefix, ns, replace=True)
    results = sorted(
        set(_results(results_graph, data, nm)),
        key=Result.sort_key,
    )
    return Report(bool(conforms), results, results_graph, nodes_checked=_count_targets(data, shapes))


def validate_files(paths: Iterable[Path], engine: str = DEFAULT_ENGINE, reasoner: "str | Reasoner" = "reasonable") -> Report:
    """Validate RDF files as ``kg build`` validates what it writes: their triples (named graphs
    merged, the build's own ``id:graph/inferred`` left out) with the ontology and vocabularies.

    The format is taken from the extension (.ttl, .nt, .trig, .nq, .jsonld, .rdf, .xml; read by
    :func:`kg.source.rdf.read_rdf`: offline, entities bounded). An unknown extension, an
    unreadable file, a parse error, a remote JSON-LD context or an exploding RDF/XML entity
    raises :class:`KGError` naming the file; so does an inconsistency of the OWL 2 RL closure.
    """
    paths = [Path(p) for p in paths]
    if not paths:
        raise KGError("no files to validate.")
    _restore_rdflib_datatypes()
    data = Graph()
    for path in paths:
        read_rdf(path, data)
    return validate_asserted(data, engine, reasoner, where=", ".join(str(p) for p in paths))


def validate_asserted(data: Graph, engine: str = DEFAULT_ENGINE, reasoner: "str | Reasoner" = "reasonable",
                      where: str | None = None) -> Report:
    """The two checks of asserted triples: the OWL 2 RL closure (with the ontology) must be
    consistent (else a KGError naming the nodes), and the shapes must hold on the checked graph
    (the assertions with what the class and property hierarchy entails:
    :func:`kg.reasoning.scope.checked`; no domain or range typing)."""
    from kg.reasoning import reasoner as get_reasoner
    from kg.reasoning.scope import checked
    from kg.source.terms import load_schema

    schema = load_schema().graph
    result = get_reasoner(reasoner).closure(data, schema)
    if result.errors:
        raise KGError(
            "the data is inconsistent under OWL 2 RL reasoning: " + "; ".join(result.errors[:5])
            + (f"; and {len(result.errors) - 5} more" if len(result.errors) > 5 else "")
            + ". Check the types and relations of the nodes named.",
            where,
        )
    return validate(checked(data, schema), engine=engine)


def validate_build(result, engine: str = DEFAULT_ENGINE, reasoner: "str | Reasoner | None" = None) -> Report:
    """A build checked as ``kg build`` checks it: its closure (``result.inferred``, or by
    ``reasoner`` if that is another) must be consistent, and the shapes hold on
    :func:`kg.reasoning.checked`."""
    from kg.reasoning import checked, inferred

    if reasoner is None:
        result.inferred  # the consistency check: a KGError if the closure is inconsistent
    else:
        inferred(result, reasoner)
    return validate(checked(result), engine=engine)


# ---------------------------------------------------------------------------------- results
def _namespace_manager() -> NamespaceManager:
    g = Graph(bind_namespaces="rdflib")
    for prefix, ns in FILE_PREFIXES.items():
        g.bind(prefix, ns)
    g.bind("kiddsh", SHAPES_NS)
    g.bind("sh", SH)
    return g.namespace_manager


def _results(report: Graph, data: Graph, nm: NamespaceManager) -> Iterable[Result]:
    # Only the report's own results: nested ones (sh:detail) explain a result, they are not results.
    top = [r for rep in report.subjects(RDF.type, SH.ValidationReport) for r in report.objects(rep, SH.result)]
    for r in top:
        focus = report.value(r, SH.focusNode)
        path = report.value(r, SH.resultPath)
        value = report.value(r, SH.value)
        messages = [str(m) for m in report.objects(r, SH.resultMessage)]
        english = [str(m) for m in report.objects(r, SH.resultMessage) if isinstance(m, Literal) and m.language == "en"]
        severity = report.value(r, SH.resultSeverity)
        shape = report.value(r, SH.sourceShape)
        component = report.value(r, SH.sourceConstraintComponent)
        constraint = report.value(r, SH.sourceConstraint)
        yield Result(
            focus=str(focus),
            focus_label=_label(data, focus),
            path=_path_text(report, path, nm) if path is not None else None,
            value=_term(value, nm) if value is not None else None,
            message=" ".join(sorted(set(english or messages))) or "(no message)",
            severity=_local(severity) if severity is not None else "Violation",
            source_shape=_term(shape, nm),
            component=_term(component, nm),
            source_constraint=_term(constraint, nm) if constraint is not None else None,
            sentence=_source_sentence(data, focus, path if isinstance(path, URIRef) else None, value),
        )


def _local(iri: Node) -> str:
    s = str(iri)
    return s.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _term(node: Node, nm: NamespaceManager) -> str:
    if isinstance(node, BNode):
        return f"_:{node}"
    return node.n3(nm)


def _path_text(g: Graph, path: Node, nm: NamespaceManager) -> str:
    """A SHACL path as a SPARQL property path (prefixed names where a prefix is known)."""
    if isinstance(path, URIRef):
        return _term(path, nm)
    inverse = g.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _path_text(g, inverse, nm)
    for prop, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = g.value(path, prop)
        if inner is not None:
            return f"({_path_text(g, inner, nm)}){suffix}"
    alternatives = g.value(path, SH.alternativePath)
    if alternatives is not None:
        return "|".join(_path_text(g, p, nm) for p in Collection(g, alternatives))
    if (path, RDF.first, None) in g:
        return "/".join(_path_text(g, p, nm) for p in Collection(g, path))
    return _term(path, nm)


def _label(g: Graph, node: Node) -> str | None:
    """The node's English preferred label, else its English label, else any label (the first in
    alphabetical order where there are several, so the report does not depend on graph order)."""
    labels = [lit for prop in (SKOS.prefLabel, RDFS.label) for lit in sorted(g.objects(node, prop), key=str)
              if isinstance(lit, Literal)]
    english = [lit for lit in labels if lit.language == "en"]
    return str((english or labels)[0]) if labels else None


def _source_sentence(g: Graph, focus: Node, path: URIRef | None, value: Node | None) -> str | None:
    """The sentence of the statement that carries the focus node (or the span's own words).

    Spans come from the assertions about the node: first the one for the reported triple, then
    any for the reported property, then the one for its type, then any other; a node without
    assertions falls back on its mentions (gaf:denotedBy).
    """
    if (focus, NIF.anchorOf, None) in g:
        spans = [focus]
    else:
        assertions = [focus] if (focus, RDF.predicate, None) in g else list(g.subjects(RDF.subject, focus))

        def rank(a: Node) -> int:
            p, o = g.value(a, RDF.predicate), g.value(a, RDF.object)
            if path is not None and p == path:
                return 0 if value is not None and o == value else 1
            return 2 if p == RDF.type else 3

        spans = []
        for a in sorted(assertions, key=lambda a: (rank(a), str(a))):
            spans = [s for s in g.objects(a, PROV.wasDerivedFrom) if (s, NIF.beginIndex, None) in g]
            if spans:
                break
        if not spans:
            spans = [s for s in g.objects(focus, GAF.denotedBy) if (s, NIF.beginIndex, None) in g]
    if not spans:
        return None
    span = min(spans, key=lambda s: (_int(g.value(s, NIF.beginIndex)), str(s)))
    sentence = g.value(span, NIF.sentence)
    words = g.value(sentence, NIF.anchorOf) if sentence is not None else None
    words = words if words is not None else g.value(span, NIF.anchorOf)
    return " ".join(str(words).split()) if words is not None else None


def _int(lit: Node | None) -> int:
    try:
        return int(lit)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0


def _count_targets(data: Graph, shapes: Graph) -> int:
    """How many distinct nodes the shapes target (instances of their classes and subclasses,
    subjects of their properties)."""
    nodes: set[Node] = set()
    for cls in set(shapes.objects(None, SH.targetClass)):
        for sub in data.transitive_subjects(RDFS.subClassOf, cls):
            nodes.update(data.subjects(RDF.type, sub))
    for prop in set(shapes.objects(None, SH.targetSubjectsOf)):
        nodes.update(data.subjects(prop, None))
    return len(nodes)
