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

import re
from functools import lru_cache
from typing import Any, Callable, Iterable, Mapping, Protocol

from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.term import Node

from kg.errors import KGError
from kg.namespace import PREFIXES

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
        query_text = simple_group_concat(query_text)
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


def _masked(text: str) -> str:
    """The text with IRIs, strings and comments blanked out, offsets kept."""
    return _TOKEN.sub(lambda m: "x" * len(m.group(0)) if m.lastgroup in ("iri", "comment", "str", "long") else m.group(0), text)


_GROUP_CONCAT = re.compile(r"\bGROUP_CONCAT\s*\(", re.I)


def simple_group_concat(query_text: str) -> str:
    """Every ``GROUP_CONCAT(…)`` of the query as ``STR(GROUP_CONCAT(…))``.

    SPARQL 1.1 (18.5.1.7) makes GROUP_CONCAT a simple literal, as rdflib does; Oxigraph keeps the
    language tag the values share (``"a b"@en``), which TSV, JSON, ``LANG()`` and joins would show.
    ``STR()`` of the same string is what SPARQL 1.1 gives, so both engines give the same term.
    """
    masked = _masked(query_text)
    spans = []
    for m in _GROUP_CONCAT.finditer(masked):
        depth, end = 0, None
        for i in range(m.end() - 1, len(masked)):
            if masked[i] == "(":
                depth += 1
            elif masked[i] == ")":
                depth -= 1
                if depth == 0:
                    end = i + 1
                    break
        if end is not None:
            spans.append((m.start(), end))
    for start, end in reversed(spans):  # nested ones too: each gets its own STR()
        query_text = query_text[:start] + "STR(" + query_text[start:end] + ")" + query_text[end:]
    return query_text


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


def as_result(names: list[str], rows: list[Row]):
    """``(variables, rows)`` as an rdflib SELECT ``Result``: what ``kg.queries.format_result``
    prints, so every output format works with any engine's rows."""
    from rdflib import Variable
    from rdflib.query import Result

    res = Result("SELECT")
    res.vars = [Variable(n) for n in names]
    res.bindings = [{Variable(n): v for n, v in zip(names, row) if v is not None} for row in rows]
    return res

