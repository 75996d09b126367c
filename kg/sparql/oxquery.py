"""A SELECT query run on a pyoxigraph store, with bound values, without rdflib.

What :class:`kg.sparql.engines.OxigraphEngine` sends to Oxigraph (its ``select`` converts the
solutions to rdflib terms), and what ``kg query`` on a current store runs directly
(kg.queries.quick): bound values as SEP-0007 substitutions or a VALUES block, every
``GROUP_CONCAT`` as the simple literal SPARQL 1.1 gives, the prefixes of the one table.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from kg.errors import KGError
from kg.prefixes import PREFIXES


def _ox():
    import pyoxigraph

    return pyoxigraph


def select_solutions(store: Any, query_text: str, values: Mapping[str, Any] | None = None, *,
                     union_default: bool = False):
    """``store.query`` of a SELECT with ``values`` (variable name → pyoxigraph term) bound:
    the ``pyoxigraph.QuerySolutions``; a KGError if the query does not parse or is not a SELECT."""
    ox = _ox()
    values = dict(values or {})
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
        solutions = store.query(query_text, prefixes=PREFIXES, substitutions=subs,
                                use_default_graph_as_union=union_default)
    except SyntaxError as exc:
        raise KGError(f"the query does not parse (Oxigraph): {exc}") from None
    except OSError as exc:  # pragma: no cover - store errors
        raise KGError(f"the query failed (Oxigraph): {exc}") from None
    if not isinstance(solutions, ox.QuerySolutions):
        raise KGError("only SELECT queries can be compared across engines.")
    return solutions


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
