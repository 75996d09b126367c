"""Engines: the reference stack (rdflib, owlrl, pySHACL) and fast engines beside it.

The reference stack is what the project is specified on; the fast engines must give the same
answers, and ``tests/test_engines.py`` checks that they do:

* **queries** — :class:`RdflibEngine` (rdflib SPARQL on an rdflib ``Graph``) and
  :class:`OxigraphEngine` (the graph loaded once into an in-memory ``pyoxigraph.Store``). Both
  answer ``select(query_text, bindings)`` with ``(variables, rows)``, the rows holding rdflib
  terms (or ``None`` for unbound), so ``kg.query.display`` and the output formats print the same
  thing whichever engine ran. Oxigraph (like every RDF 1.1 engine) hands plain strings back as
  ``"x"^^xsd:string``; they are turned into plain rdflib literals, as rdflib's own parser makes
  them (see /work/shared/docs/performance.md §2a).
* **reasoning** — :func:`reason` with ``engine="owlrl"`` (``kg.reason``) or ``"reasonable"`` (the
  Rust OWL 2 RL reasoner). Both return only what reasoning adds about our own resources, with
  the filter of ``kg.reason`` (no reflexive ``owl:sameAs``, no ``rdf:type owl:Thing`` …), and
  both refuse an inconsistent graph with a :class:`KGError` naming the node. ``reasonable``
  reports no inconsistency itself, so :func:`inconsistencies` checks the OWL 2 RL "false" rules
  (cax-dw, cax-adc, cls-nothing2, prp-irp, prp-asyp, prp-pdw, eq-diff1, cls-com) on its closure,
  with owlrl's wording.
* **validation** — on the materialised graph (:func:`queryable`): the reasoner runs once, SHACL
  adds nothing. ``kg.validate.validate(engine="reference")`` is pySHACL (:func:`validate` here can
  have its SHACL-SPARQL constraints answered by Oxigraph); ``engine="fast"`` is ``kg.shacl``, the
  shapes checked a set at a time. All give the same reports.

The two **stacks** the command line offers (``--engine``) are :data:`STACKS`: ``reference``
(rdflib, owlrl, pySHACL — what the project is specified on) and ``fast`` (Oxigraph, reasonable,
``kg.shacl``; the default).

Parameters are bound, never pasted into query text: rdflib gets ``initBindings``; Oxigraph gets
``substitutions`` (SPARQL SEP-0007), both from RDF terms.

Example::

    from kg.build import build
    from kg.engines import OxigraphEngine, queryable
    g = queryable(build(only="kidd-21"), reasoner="reasonable")
    engine = OxigraphEngine(g)
    names, rows = engine.select("SELECT ?x WHERE { ?x a kidd:Delegation } ORDER BY ?x")
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Protocol

from rdflib import OWL, RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.graph import ConjunctiveGraph
from rdflib.term import Node

from kg.errors import KGError
from kg.namespace import new_graph

if TYPE_CHECKING:  # pragma: no cover
    from kg.build import BuildResult
    from kg.query import StoredQuery

REASONERS = ("owlrl", "reasonable")
QUERY_ENGINES = ("rdflib", "oxigraph")


@dataclass(frozen=True)
class Stack:
    """One engine per stage: the OWL 2 RL reasoner, the SHACL engine (``kg.validate``) and the
    SPARQL engine."""

    name: str
    reasoner: str
    shacl: str
    sparql: str


STACKS = {
    "fast": Stack("fast", reasoner="reasonable", shacl="fast", sparql="oxigraph"),
    "reference": Stack("reference", reasoner="owlrl", shacl="reference", sparql="rdflib"),
}
DEFAULT_STACK = "fast"


def stack(name: str | None = None) -> Stack:
    """The stack called ``name`` (default: :data:`DEFAULT_STACK`)."""
    try:
        return STACKS[name or DEFAULT_STACK]
    except KeyError:
        raise KGError(f"unknown engine `{name}`; use one of: {', '.join(STACKS)}.") from None

Triple = tuple[Node, Node, Node]
Row = list[Node | None]

_XSD_STRING = str(XSD.string)
_RDF_LANGSTRING = str(RDF.langString)


# ---------------------------------------------------------------------------------- queries
class QueryEngine(Protocol):
    """Something that answers SPARQL SELECT queries over one graph with rdflib terms."""

    name: str

    def select(self, query_text: str, bindings: Mapping[str, Node] | None = None) -> tuple[list[str], list[Row]]:
        """The projected variable names and the rows (rdflib terms, ``None`` where unbound)."""
        ...  # pragma: no cover


def _query_prefixes() -> dict[str, str]:
    from kg.query import QUERY_PREFIXES

    return QUERY_PREFIXES


@lru_cache(maxsize=256)
def _prepared(query_text: str):
    """The rdflib algebra of a query text (parsing costs 8–20 ms, so it is done once per text)."""
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(query_text, initNs=_query_prefixes())


class RdflibEngine:
    """rdflib's SPARQL engine on an rdflib ``Graph`` (the reference)."""

    name = "rdflib"

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def select(self, query_text: str, bindings: Mapping[str, Node] | None = None) -> tuple[list[str], list[Row]]:
        try:
            prepared = _prepared(query_text)
            result = self.graph.query(prepared, initBindings={k.lstrip("?$"): v for k, v in (bindings or {}).items()})
            if result.type != "SELECT":
                raise KGError(f"only SELECT queries can be compared across engines, not {result.type}.")
            names = [str(v) for v in result.vars or []]
            rows = [[row[i] for i in range(len(names))] for row in result]
        except KGError:
            raise
        except Exception as exc:  # pyparsing or evaluation errors: one message for the user
            raise KGError(f"the query failed (rdflib): {exc}") from None
        return names, rows


def _ox():
    try:
        import pyoxigraph
    except ImportError:  # pragma: no cover - an optional dependency
        raise KGError("the Oxigraph engine needs pyoxigraph: pip install 'pyoxigraph>=0.5,<0.6'.") from None
    return pyoxigraph


class OxigraphEngine:
    """Oxigraph (Rust, in-memory ``pyoxigraph.Store``) holding a copy of an rdflib graph.

    A ``Graph`` goes into the store's default graph; a ``Dataset``/``ConjunctiveGraph`` keeps its
    named graphs and is queried as their union. A graph is loaded term by term (each distinct
    term converted once), a dataset through N-Quads (bench/run.py measures both ways).

    Documented difference: Oxigraph stores numbers by value, so a literal whose datatype is
    derived from xsd:integer (``"21"^^xsd:positiveInteger``, ``nif:beginIndex``'s
    xsd:nonNegativeInteger) comes back as ``"21"^^xsd:integer``, and numeric lexical forms come
    back canonical (``"2.50"`` -> ``"2.5"``). Values, comparisons, ORDER BY and the table and CSV
    output agree with rdflib; the TSV and JSON formats (which print datatypes) and ``DATATYPE()``
    do not. Never export from Oxigraph for that reason. Likewise ``GROUP_CONCAT`` of strings that
    share a language tag keeps the tag in Oxigraph and not in rdflib.
    """

    name = "oxigraph"

    def __init__(self, graph: Graph | None = None, *, store: Any = None) -> None:
        ox = _ox()
        self.store = store if store is not None else ox.Store()
        self.union_default = False
        if graph is not None:
            self.union_default = load_into_store(self.store, graph)
        self._to_rdflib = _ox_converter()

    @classmethod
    def from_file(cls, path: str, fmt: str | None = None) -> "OxigraphEngine":
        """An engine over an RDF file (N-Triples, N-Quads, Turtle, TriG by extension)."""
        ox = _ox()
        engine = cls()
        kw = {"format": getattr(ox.RdfFormat, fmt)} if fmt else {}
        engine.store.load(path=str(path), **kw)
        engine.union_default = str(path).endswith((".nq", ".trig"))
        return engine

    def __len__(self) -> int:
        return len(self.store)

    def select(self, query_text: str, bindings: Mapping[str, Node] | None = None) -> tuple[list[str], list[Row]]:
        ox = _ox()
        values = {k.lstrip("?$"): to_oxigraph(v) for k, v in (bindings or {}).items()}
        subs = None
        if values:
            # SEP-0007 substitution where Oxigraph allows it (the variable is projected); else a
            # VALUES block of Oxigraph-serialised terms opening the query's WHERE group.
            projected = _projected(query_text)
            if projected is not None and all(k in projected for k in values):
                subs = {ox.Variable(k): v for k, v in values.items()}
            else:
                query_text = inject_values(query_text, values)
        try:
            solutions = self.store.query(
                query_text,
                prefixes=_query_prefixes(),
                substitutions=subs,
                use_default_graph_as_union=self.union_default,
            )
        except SyntaxError as exc:
            raise KGError(f"the query does not parse (Oxigraph): {exc}") from None
        except OSError as exc:  # pragma: no cover - store errors
            raise KGError(f"the query failed (Oxigraph): {exc}") from None
        if not isinstance(solutions, ox.QuerySolutions):
            raise KGError("only SELECT queries can be compared across engines.")
        names = [v.value for v in solutions.variables]
        conv = self._to_rdflib
        rows = [[conv(sol[i]) for i in range(len(names))] for sol in solutions]
        return names, rows


# Lexical scanning of a query text, enough to find the group that opens its WHERE clause: IRIs,
# strings (short and long) and comments are skipped, so a `{` or `#` inside them does not count.
_TOKEN = re.compile(
    r'(?P<iri><[^<>"{}|^`\\\s]*>)|(?P<long>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\')'
    r'|(?P<str>"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')|(?P<comment>#[^\n]*)|(?P<open>\{)|(?P<select>\bSELECT\b)',
    re.I,
)


def _code_tokens(query_text: str):
    for m in _TOKEN.finditer(query_text):
        if m.lastgroup in ("open", "select"):
            yield m


def _projected(query_text: str) -> set[str] | None:
    """The variables the top SELECT projects (None for SELECT * or anything unusual)."""
    head = None
    for m in _code_tokens(query_text):
        if m.lastgroup == "select" and head is None:
            head = m.end()
        elif m.lastgroup == "open" and head is not None:
            clause = _strip(query_text[head : m.start()])
            if "*" in clause:
                return None
            return _projection(clause)
    return None


def _projection(clause: str) -> set[str]:
    """Variables of a SELECT clause: each bare ``?v``, and ``?v`` of each ``( … AS ?v )``."""
    out: set[str] = set()
    depth, start = 0, 0
    for i, ch in enumerate(clause):
        if ch == "(":
            if depth == 0:
                start = i
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                m = re.search(r"\bAS\s+[?$](\w+)\s*$", clause[start + 1 : i], re.I)
                if m:
                    out.add(m.group(1))
        elif ch in "?$" and depth == 0:
            m = re.match(r"[?$](\w+)", clause[i:])
            if m:
                out.add(m.group(1))
    return out


def _strip(text: str) -> str:
    """A query fragment without its comments and strings (which could hold `?x`)."""
    return _TOKEN.sub(lambda m: " " if m.lastgroup in ("comment", "str", "long") else m.group(0), text)


def inject_values(query_text: str, values: Mapping[str, Any]) -> str:
    """The query with ``VALUES (?a ?b) { (t1 t2) }`` opening its first group (the WHERE clause of
    a SELECT/ASK). Terms are pyoxigraph terms, written by Oxigraph's own N-Triples serialiser, so
    a value is always exactly one RDF term; blank nodes cannot be bound this way."""
    ox = _ox()
    for k, v in values.items():
        if not re.fullmatch(r"\w+", k):
            raise KGError(f"`{k}` is not a SPARQL variable name.")
        if isinstance(v, ox.BlankNode):
            raise KGError(f"cannot bind the blank node {v} to ?{k} in a VALUES block; use an IRI or a literal.")
    for m in _code_tokens(query_text):
        if m.lastgroup == "open":
            names = " ".join(f"?{k}" for k in values)
            terms = " ".join(str(v) for v in values.values())
            block = f" VALUES ({names}) {{ ({terms}) }} "
            return query_text[: m.end()] + block + query_text[m.end() :]
    raise KGError("cannot bind parameters: the query has no { … } group.")


def load_into_store(store: Any, graph: Graph) -> bool:
    """Load an rdflib graph into a pyoxigraph store; True if it holds named graphs (a dataset)."""
    ox = _ox()
    if isinstance(graph, ConjunctiveGraph):
        data = graph.serialize(format="nquads", encoding="utf-8")
        store.load(data, format=ox.RdfFormat.N_QUADS)
        return True
    load_by_terms(store, graph)
    return False


def load_by_terms(store: Any, triples: Iterable[Triple]) -> None:
    """Convert term by term (each distinct term once) and ``bulk_extend``: no N-Triples copy of
    the graph in memory, and a little faster than serialising (bench/run.py measures both)."""
    ox = _ox()
    quad, cache = ox.Quad, {}

    def term(t: Node) -> Any:
        got = cache.get(t)
        if got is None:
            got = cache[t] = to_oxigraph(t)
        return got

    store.bulk_extend(quad(term(s), term(p), term(o)) for s, p, o in triples)


def to_oxigraph(term: Node) -> Any:
    """An rdflib term as a pyoxigraph term."""
    ox = _ox()
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise KGError(f"cannot bind `{term!r}`: a parameter must be an IRI, a blank node or a literal.")


def _ox_converter() -> Callable[[Any], Node | None]:
    """pyoxigraph term -> rdflib term, with ``xsd:string`` literals made plain (cached per term)."""
    ox = _ox()
    named, literal, blank = ox.NamedNode, ox.Literal, ox.BlankNode
    cache: dict[Any, Node] = {}

    def convert(term: Any) -> Node | None:
        if term is None:
            return None
        hit = cache.get(term)
        if hit is not None:
            return hit
        cls = type(term)
        if cls is named:
            out: Node = URIRef(term.value)
        elif cls is literal:
            if term.language:
                out = Literal(term.value, lang=term.language)
            else:
                dt = term.datatype.value
                out = Literal(term.value) if dt == _XSD_STRING else Literal(term.value, datatype=URIRef(dt))
        elif cls is blank:
            out = BNode(term.value)
        else:
            raise KGError(f"Oxigraph returned a term rdflib cannot hold: {term!r}")
        if len(cache) < 500_000:
            cache[term] = out
        return out

    return convert


def engine(name: str, graph: Graph) -> QueryEngine:
    """A query engine by name (``rdflib`` or ``oxigraph``) over ``graph``."""
    if name == "rdflib":
        return RdflibEngine(graph)
    if name == "oxigraph":
        return OxigraphEngine(graph)
    raise KGError(f"unknown query engine `{name}`; use one of: {', '.join(QUERY_ENGINES)}.")


def stored_bindings(query: "StoredQuery", params: Mapping[str, str] | None = None) -> dict[str, Node]:
    """A stored query's parameters as RDF terms (``kg.query.bindings``): its declared defaults,
    overridden by ``params``."""
    from kg.query import bindings

    return bindings(query, params)


def is_federated(query: "StoredQuery") -> bool:
    """A stored query that reaches out to another endpoint (``#+ scope: federated``, SERVICE)."""
    return query.header.get("scope", "").strip().lower().startswith("federated")


def local_queries() -> list["StoredQuery"]:
    """The stored queries that need no network: what the engines are compared and timed on."""
    from kg.query import list_queries

    return [q for q in list_queries() if not is_federated(q)]


def display_rows(names: list[str], rows: list[Row]) -> list[list[str]]:
    """Rows as the table prints them (``kg.query.display``): what engines are compared on."""
    from kg.query import display

    return [[display(t) for t in row] for row in rows]


# ---------------------------------------------------------------------------------- reasoning
from kg.reason import keep_inferred  # the filter every closure goes through


def plain(term: Node) -> Node:
    """``"x"^^xsd:string`` -> ``"x"`` (RDF 1.1 says they are the same; rdflib does not)."""
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) == _XSD_STRING:
        return Literal(str(term))
    return term


def closure(asserted: Graph, schema: Graph, engine: str = "owlrl"):
    """``kg.reason.Closure`` (inferred triples, inconsistencies) from the chosen reasoner."""
    if engine == "owlrl":
        from kg.reason import closure as owlrl_closure

        return owlrl_closure(asserted, schema)
    if engine == "reasonable":
        return _reasonable_closure(asserted, schema)
    raise KGError(f"unknown reasoner `{engine}`; use one of: {', '.join(REASONERS)}.")


def reason(asserted: Graph, schema: Graph, engine: str = "owlrl") -> Graph:
    """The inferred triples about our resources, or a KGError if the graph is inconsistent."""
    if engine == "owlrl":
        from kg.reason import reason as owlrl_reason

        return owlrl_reason(asserted, schema)
    from kg.reason import consistent

    return consistent(closure(asserted, schema, engine))


def _reasonable_closure(asserted: Graph, schema: Graph):
    from kg.reason import Closure

    try:
        import reasonable
    except ImportError:  # pragma: no cover - an optional dependency
        raise KGError("the `reasonable` reasoner is not installed: pip install 'reasonable>=0.4,<0.5'.") from None
    from kg.validate import _restore_rdflib_datatypes  # owlrl may have left its broken converters

    _restore_rdflib_datatypes()
    reasoner = reasonable.PyReasoner()
    reasoner.from_graph(schema)
    reasoner.from_graph(asserted)
    out = reasoner.reason()  # every triple of the closure (input included), as rdflib terms
    before = _TripleSet(schema, asserted)
    closed: set[Triple] = set()
    inferred = new_graph()
    for s, p, o in out:
        t = (s, p, plain(o))
        closed.add(t)
        if t not in before and keep_inferred(t):
            inferred.add(t)
    closed.update(before.iter())
    return Closure(inferred, inconsistencies(closed, schema))


class _TripleSet:
    """Membership in the union of two graphs without copying them."""

    def __init__(self, *graphs: Graph) -> None:
        self.graphs = graphs

    def __contains__(self, t: Triple) -> bool:
        return any(t in g for g in self.graphs)

    def iter(self) -> Iterable[Triple]:
        for g in self.graphs:
            yield from g


def inconsistencies(closed: Iterable[Triple], schema: Graph) -> list[str]:
    """The OWL 2 RL rules that conclude ``false``, checked on a closed graph, in owlrl's words:
    cax-dw, cax-adc, cls-nothing2, cls-com, prp-irp, prp-asyp, prp-pdw, eq-diff1."""
    types: dict[Node, set[Node]] = {}
    by_pred: dict[Node, set[tuple[Node, Node]]] = {}
    for s, p, o in closed:
        if p == RDF.type:
            types.setdefault(s, set()).add(o)
        else:
            by_pred.setdefault(p, set()).add((s, o))
    members: dict[Node, set[Node]] = {}
    for x, cs in types.items():
        for c in cs:
            members.setdefault(c, set()).add(x)
    errors: list[str] = []

    def disjoint(c1: Node, c2: Node) -> None:
        for x in sorted(members.get(c1, set()) & members.get(c2, set()), key=str):
            errors.append(f"Disjoint classes {c1} and {c2} have a common individual {x}")

    for c1, c2 in schema.subject_objects(OWL.disjointWith):
        disjoint(c1, c2)
    for adc in schema.subjects(RDF.type, OWL.AllDisjointClasses):
        for lst in schema.objects(adc, OWL.members):
            classes = list(Collection(schema, lst))
            for i, c1 in enumerate(classes):
                for c2 in classes[i + 1 :]:
                    disjoint(c1, c2)
    for c1, c2 in schema.subject_objects(OWL.complementOf):
        for x in sorted(members.get(c1, set()) & members.get(c2, set()), key=str):
            errors.append(f"'{x}' is both a member of {c1} and of its complement {c2}")
    for x in sorted(members.get(OWL.Nothing, set()), key=str):
        errors.append(f"{x} is a member of owl:Nothing")
    for p in schema.subjects(RDF.type, OWL.IrreflexiveProperty):
        for s, o in by_pred.get(p, ()):
            if s == o:
                errors.append(f"Irreflexive property {p} used reflexively on {s}")
    for p in schema.subjects(RDF.type, OWL.AsymmetricProperty):
        pairs = by_pred.get(p, set())
        for s, o in pairs:
            if (o, s) in pairs:
                errors.append(f"Asymmetric property {p} used on {s} and {o} in both directions")
    for p1, p2 in schema.subject_objects(OWL.propertyDisjointWith):
        for s, o in by_pred.get(p1, set()) & by_pred.get(p2, set()):
            errors.append(f"Disjoint properties {p1} and {p2} both link {s} and {o}")
    different = by_pred.get(OWL.differentFrom, set())
    for s, o in by_pred.get(OWL.sameAs, ()):
        if s != o and ((s, o) in different or (o, s) in different):
            errors.append(f"'sameAs' and 'differentFrom' cannot be used on the same subject-object pair: ({s}, {o})")
    return sorted(set(errors))


# ---------------------------------------------------------------------------------- pipelines
def inferred(result: "BuildResult", reasoner: str = "owlrl") -> Graph:
    """The inferred triples of a build with the chosen reasoner (the build's own:
    ``result.inferred``)."""
    if reasoner == result.reasoner:
        return result.inferred
    from kg.ontology import load_schema

    return reason(result.union(("facts", "enrichment")), load_schema().graph, engine=reasoner)


def queryable(result: "BuildResult", reasoner: str = "owlrl", inferred_graph: Graph | None = None) -> Graph:
    """What ``BuildResult.queryable()`` gives (facts, provenance, enrichment, links, inferences,
    ontology, vocabularies), with the inferences of the chosen reasoner: the graph that
    ``kg.validate.validate`` checks with no inference of its own, and that queries run on."""
    if reasoner == result.reasoner and inferred_graph is None:
        return result.queryable()
    from kg.ontology import load_schema

    g = result.union()
    for t in inferred_graph if inferred_graph is not None else inferred(result, reasoner):
        g.add(t)
    for t in load_schema().graph:
        g.add(t)
    return g


# ---------------------------------------------------------------------------------- validation
SPARQL_ENGINES = ("rdflib", "oxigraph")


def validate(graph: Graph, sparql: str = "rdflib", shapes: Graph | None = None):
    """pySHACL (``kg.validate.validate(engine="reference")``) on a materialised graph, with the
    SHACL-SPARQL constraints answered by rdflib (the reference) or by Oxigraph.

    pySHACL runs each ``sh:sparql`` constraint once per focus node with ``$this`` pre-bound; in
    rdflib the cost of one such query grows with the graph (measured: 0.49 ms per span at 12.7 k
    triples, 1.17 ms at 73 k), so that part of validation is superlinear. With
    ``sparql="oxigraph"`` the graph is loaded once into Oxigraph and every SELECT pySHACL sends is
    answered there; anything Oxigraph cannot take (a blank node to bind outside the projection)
    falls back to rdflib. The core constraints stay pySHACL's own. (The fast SHACL engine,
    ``kg.shacl``, avoids the per-node queries altogether.)
    """
    import kg.validate as kv

    if sparql == "rdflib":
        return kv.validate(graph, shapes, engine="reference")
    if sparql != "oxigraph":
        raise KGError(f"unknown SPARQL engine for validation `{sparql}`; use one of: {', '.join(SPARQL_ENGINES)}.")
    ox_engine = OxigraphEngine(graph)

    class OxigraphQueryGraph(kv._PreparedQueryGraph):
        def query(self, query_object, processor="sparql", result="sparql", initNs=None, initBindings=None,  # type: ignore[override]
                  use_store_provided=True, **kwargs):
            if isinstance(query_object, str) and not initNs and not kwargs:
                try:
                    names, rows = ox_engine.select(query_object, initBindings or {})
                except KGError:
                    pass  # not for Oxigraph (see above): rdflib answers
                else:
                    this = (initBindings or {}).get("this")
                    if this is not None:
                        rows = [[_stored_form(graph, this, t) for t in row] for row in rows]
                    return as_result(names, rows)
            return super().query(query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs)

    return kv.validate(graph, shapes, engine="reference", query_graph=OxigraphQueryGraph)


# Datatypes derived from xsd:integer: Oxigraph stores their literals by value and gives them back
# as xsd:integer (see OxigraphEngine). Their names, to find the form the graph holds.
INTEGER_SUBTYPES = tuple(XSD[t] for t in (
    "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger", "long", "int", "short",
    "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"))


def _stored_form(graph: Graph, this: Node, term: Node | None) -> Node | None:
    """An xsd:integer Oxigraph returned, as the focus node's own value if it holds the same
    number under a subtype of xsd:integer (what pySHACL reports as ``sh:value``)."""
    if not isinstance(term, Literal) or term.datatype != XSD.integer or (this, None, term) in graph:
        return term
    found = [v for dt in INTEGER_SUBTYPES for v in (Literal(str(term), datatype=dt),) if (this, None, v) in graph]
    return found[0] if len(found) == 1 else term


def as_result(names: list[str], rows: list[Row]):
    """``(variables, rows)`` as an rdflib SELECT ``Result``: what ``kg.query.format_result``
    prints, so every output format works with any engine's rows."""
    from rdflib import Variable
    from rdflib.query import Result

    res = Result("SELECT")
    res.vars = [Variable(n) for n in names]
    res.bindings = [{Variable(n): v for n, v in zip(names, row) if v is not None} for row in rows]
    return res
