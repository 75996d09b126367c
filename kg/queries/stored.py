"""Stored SPARQL queries: find them, run them with parameters, and print their answers.

A stored query is a file ``queries/NN-slug.rq`` that opens with a header::

    #+ title: Who led each delegation
    #+ question: Who led each delegation, which post does the leader hold, ...?
    #+ columns: delegation — the delegation's label; leader — the leader's name; ...
    #+ params: subject — the resource whose facts to list, default id:event/kidd-21

followed by ``PREFIX`` lines and the query. A header line may run on over the following lines
that start with ``#+`` (or ``#``) and at least two spaces. ``columns`` and ``params`` list
``name — what it is`` entries separated by ``;``; a param's description may end with
``, default VALUE``.

Public API::

    from kg.queries.stored import list_queries, resolve, run, format_result
    q = resolve("01")                          # or "delegation-leaders", a path, "-"
    result = run(built.queryable(), q, {"subject": "id:event/scm-54"})
    print(format_result(result, "table"))     # also csv, tsv, json

Parameters are bound with ``initBindings`` (never pasted into the query text), so a value
can only ever be one RDF term.
"""

from __future__ import annotations

import csv
import io
import json
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Mapping

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD
from rdflib.query import Result

from kg.errors import KGError
from kg.namespace import PREFIXES, VOCAB
# reading the query files (no rdflib): kg.queries.files; re-exported, the API is this module's
from kg.queries.answers import shorten, table_text  # noqa: F401  (shorten re-exported)
from kg.queries.files import (FORMATS, Param, StoredQuery, from_text, is_federated, list_queries,  # noqa: F401
                              load, parse_header, resolve, term_spec)

if TYPE_CHECKING:  # rdflib's SPARQL parser takes a tenth of a second to import: loaded when used
    from rdflib.plugins.sparql.sparql import Query

QUERY_PREFIXES = PREFIXES  # the one table (kg.namespace)

# ---------------------------------------------------------------------- running queries
@lru_cache(maxsize=512)
def _parsed(text: str) -> Query:
    """rdflib's parse of a query text, once per process: a prepared query is evaluated as often as
    wanted (the bindings are given to each evaluation), and parsing costs more than many answers."""
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text, initNs=QUERY_PREFIXES)


def prepare(query: StoredQuery) -> Query:
    """Parse a query, or raise a KGError naming the file, line and column of the mistake."""
    try:
        return _parsed(query.text)
    except Exception as exc:  # pyparsing.ParseException, or rdflib's plain Exception
        lineno, col, line = getattr(exc, "lineno", None), getattr(exc, "col", None), getattr(exc, "line", None)
        msg = getattr(exc, "msg", None) or str(exc)
        if lineno is None:
            prefix = re.match(r"Unknown namespace prefix : (\S+)", str(exc))
            if prefix:
                found = _locate(query.text, re.compile(rf"(?<![\w:?$]){re.escape(prefix.group(1))}:"))
                if found:
                    lineno, col, line = found
                msg = f"unknown prefix `{prefix.group(1)}:` (declare it with a PREFIX line)"
        if lineno is not None:
            raise KGError(
                f"the query does not parse: {msg} (line {lineno}, column {col}): {str(line).strip()!r}",
                f"{query.where}:{lineno}:{col}",
            ) from None
        raise KGError(f"the query does not parse: {msg}", query.where) from None


def _locate(text: str, pattern: re.Pattern) -> tuple[int, int, str] | None:
    for i, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("#"):
            continue
        m = pattern.search(line)
        if m:
            return i, m.start() + 1, line
    return None


def query_variables(prepared: Query) -> set[str]:
    """Every variable the query mentions (in patterns, filters, binds, projections)."""
    found: set[str] = set()
    seen: set[int] = set()

    def walk(node: Any) -> None:
        if isinstance(node, Variable):
            found.add(str(node))
            return
        if isinstance(node, (str, bytes, int, float)) or node is None or id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, Mapping):
            for v in node.values():
                walk(v)
        elif isinstance(node, (list, tuple, set, frozenset)):
            for v in node:
                walk(v)

    walk(prepared.algebra)
    return found


def to_term(value: str) -> URIRef | Literal:
    """A parameter value as an RDF term: ``<iri>``, ``http…`` or a known CURIE -> IRI;
    all digits -> integer; anything else -> a plain string literal."""
    kind, text = term_spec(value)  # the rules, without rdflib: kg.queries.files
    if kind == "iri":
        return URIRef(text)
    if kind == "integer":
        return Literal(int(text))
    return Literal(text)


def bindings(query: StoredQuery, params: Mapping[str, str] | None = None, prepared: Query | None = None) -> dict[str, Any]:
    """The terms to bind: the stored query's declared defaults, overridden by ``params``.

    A param must be a variable of the query and, for a query with a ``#+`` header, declared in
    ``#+ params``; otherwise a KGError says which parameters the query takes.
    """
    variables = query_variables(prepared if prepared is not None else prepare(query))
    given = dict(params or {})
    takes = f"it takes: {', '.join(sorted(query.params))}" if query.params else "it declares no parameters"
    for name in given:
        key = name.lstrip("?$")
        if query.header and key not in query.params:
            raise KGError(f"the query has no parameter `{key}`; {takes}.", query.where)
        if key not in variables:
            raise KGError(f"`{key}` is not a variable of the query; {takes}.", query.where)
    out: dict[str, Any] = {}
    for p in query.params.values():
        if p.default is not None:
            out[p.name] = to_term(p.default)
    for name, value in given.items():
        out[name.lstrip("?$")] = to_term(str(value))
    return out


def run(graph: Graph | None, query: StoredQuery | str, params: Mapping[str, str] | None = None,
        engine: Any = None) -> Result:
    """Run a stored query (or a query text) on ``graph``, binding ``params`` to its variables.

    ``engine`` is a ``kg.sparql.engines`` query engine already holding the graph (e.g. an
    ``OxigraphEngine``; SELECT queries only); without one, rdflib answers on ``graph``. Either way
    the result is an rdflib ``Result``, so :func:`format_result` prints it.
    """
    q = query if isinstance(query, StoredQuery) else from_text(query, "query")
    prepared = prepare(q)
    bound = bindings(q, params, prepared)
    if engine is not None and prepared.algebra.name == "SelectQuery":
        from kg.sparql.engines import as_result

        try:
            names, rows = engine.select(q.text, bound)
        except KGError as exc:
            raise KGError(f"the query failed while running: {exc}", q.where) from None
        return as_result(names, rows)
    if graph is None:
        raise KGError("this query needs the rdflib engine (--engine reference).", q.where)
    try:
        result = graph.query(prepared, initBindings=bound)
        if result.type == "SELECT":
            result.bindings  # evaluate now, so an evaluation error surfaces here
    except Exception as exc:
        raise KGError(f"the query failed while running: {exc}", q.where) from None
    return result


def with_services(query: StoredQuery, services: Mapping[str, str]) -> StoredQuery:
    """The query with its ``SERVICE <from>`` endpoints replaced by ``<to>`` (e.g. a local mirror
    of Wikidata, or a test endpoint); nothing else in the text changes."""
    text = query.text
    for old, new in services.items():
        if not re.match(r"https?://\S+$", new):
            raise KGError(f"`{new}` is not an http(s) endpoint URL.", query.where)
        text = text.replace(f"SERVICE <{old}>", f"SERVICE <{new}>")
    return from_text(text, query.name, query.path)


def display(term: Any) -> str:
    """A term as the table shows it: prefixed IRIs, bare literal values, blank for unbound."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return shorten(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _table(result: Result) -> str:
    names = [str(v) for v in result.vars or []]
    return table_text(names, [[display(row[i]) for i in range(len(names))] for row in result])


def _tsv_term(term: Any) -> str:
    """A term in the SPARQL 1.1 TSV results format (Turtle-like, one line)."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    esc = str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    if term.language:
        return f'"{esc}"@{term.language}'
    if term.datatype and term.datatype != XSD.string:
        return f'"{esc}"^^<{term.datatype}>'
    return f'"{esc}"'


def _tsv(result: Result) -> str:
    names = list(result.vars or [])
    lines = ["\t".join(f"?{v}" for v in names)]
    lines += ["\t".join(_tsv_term(row[i]) for i in range(len(names))) for row in result]
    return "\n".join(lines) + "\n"


def format_result(result: Result, fmt: str) -> str:
    """The answer as ``table`` (aligned, prefixed names, row count), ``csv``, ``tsv`` or ``json``
    (the W3C SPARQL 1.1 results formats). ASK gives ``true``/``false`` (JSON: the W3C boolean
    form); CONSTRUCT and DESCRIBE give Turtle (JSON: JSON-LD)."""
    if fmt not in FORMATS:
        raise KGError(f"unknown output format `{fmt}`; use one of: {', '.join(FORMATS)}.")
    if result.type == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.askAnswer)}) + "\n"
        return ("true" if result.askAnswer else "false") + "\n"
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        g = result.graph
        for prefix, ns in QUERY_PREFIXES.items():
            g.bind(prefix, ns, override=True)
        return g.serialize(format="json-ld" if fmt == "json" else "turtle")
    if fmt == "table":
        return _table(result)
    if fmt == "tsv":
        return _tsv(result)
    out = result.serialize(format=fmt, encoding="utf-8")
    return out.decode("utf-8") if isinstance(out, bytes) else str(out)


def rows(result: Result) -> list[list[str]]:
    """The answer's rows as the W3C CSV format writes them (header first)."""
    return list(csv.reader(io.StringIO(format_result(result, "csv"))))


# ---------------------------------------------------------------------------------- helpers
def stored_bindings(query: StoredQuery, params: Mapping[str, str] | None = None) -> dict[str, Any]:
    """A stored query's parameters as RDF terms (``kg.queries.bindings``): its declared defaults,
    overridden by ``params``."""
    return bindings(query, params)


def local_queries() -> list[StoredQuery]:
    """The stored queries that need no network: what the engines are compared and timed on."""
    return [q for q in list_queries() if not is_federated(q)]


def display_rows(names: list[str], rows: list[list[Any]]) -> list[list[str]]:
    """Rows as the table prints them (``kg.queries.display``): what engines are compared on."""
    return [[display(t) for t in row] for row in rows]

