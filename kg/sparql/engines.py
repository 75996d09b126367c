"""SPARQL engines over one graph: rdflib's (the reference) and Oxigraph's (fast).

Both answer ``select(query_text, bindings)`` with ``(variables, rows)``, the rows holding rdflib
terms (or ``None`` for unbound), so every output format prints the same thing whichever engine
ran. Oxigraph (like every RDF 1.1 engine) hands plain strings back as ``"x"^^xsd:string``; they are
turned into plain rdflib literals, as rdflib's own parser makes them.

Parameters are bound, never pasted into query text: rdflib gets ``initBindings``; Oxigraph gets
``substitutions`` (SPARQL SEP-0007), both from RDF terms.

Example::

    from kg import build
    from kg.sparql.engines import OxigraphEngine
    engine = OxigraphEngine(build(only="kidd-21").queryable())
    names, rows = engine.select("SELECT ?x WHERE { ?x a kidd:Delegation } ORDER BY ?x")
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable, Iterable, Mapping, Protocol

from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.term import Node

from kg.errors import KGError
from kg.namespace import PREFIXES
# the query text's handling for Oxigraph (bound values, GROUP_CONCAT) and running it; re-exported
from kg.sparql.oxquery import inject_values, select_solutions, simple_group_concat  # noqa: F401

QUERY_ENGINES = ("rdflib", "oxigraph")

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
    return PREFIXES


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
    derived from xsd:integer (``nif:beginIndex``'s
    xsd:nonNegativeInteger) comes back as ``"21"^^xsd:integer``, and numeric lexical forms come
    back canonical (``"2.50"`` -> ``"2.5"``). Values, comparisons, ORDER BY and the table and CSV
    output agree with rdflib; the TSV and JSON formats (which print datatypes) and ``DATATYPE()``
    do not. The graph's own counts and ordinals are ``xsd:integer`` so that this touches only
    the NIF offsets (and ``dcat:byteSize``), whose datatype their standards fix. Never export from
    Oxigraph for that reason. ``GROUP_CONCAT``, which Oxigraph would tag with the language its
    values share, is sent as ``STR(GROUP_CONCAT(…))``: the simple literal SPARQL 1.1 and rdflib
    give (:func:`simple_group_concat`).
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
        values = {k.lstrip("?$"): to_oxigraph(v) for k, v in (bindings or {}).items()}
        solutions = select_solutions(self.store, query_text, values, union_default=self.union_default)
        names = [v.value for v in solutions.variables]
        conv = self._to_rdflib
        rows = [[conv(sol[i]) for i in range(len(names))] for sol in solutions]
        return names, rows


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


def as_result(names: list[str], rows: list[Row]):
    """``(variables, rows)`` as an rdflib SELECT ``Result``: what ``kg.queries.format_result``
    prints, so every output format works with any engine's rows."""
    from rdflib import Variable
    from rdflib.query import Result

    res = Result("SELECT")
    res.vars = [Variable(n) for n in names]
    res.bindings = [{Variable(n): v for n, v in zip(names, row) if v is not None} for row in rows]
    return res

