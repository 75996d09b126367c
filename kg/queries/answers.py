"""A SELECT answer printed from plain terms, without rdflib: the table, CSV, TSV and JSON of
``kg query``, byte for byte what kg.queries.stored.format_result prints from rdflib's terms
(tests/test_quick_query.py compares the two on every stored query, in every format).

A term is ``None`` (unbound) or a tuple: ``("uri", iri)``, ``("bnode", id)``, or
``("literal", lexical, datatype, language)`` with ``datatype`` None for a plain string (as rdflib
holds ``xsd:string``'s after kg.sparql.engines' conversion) and for a language-tagged one.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Optional

from kg.prefixes import PREFIXES

Term = Optional[tuple]
_XSD_STRING = PREFIXES["xsd"] + "string"


def shorten(iri: str) -> str:
    """``prefix:local`` for an IRI under one of the prefixes (the longest match), else ``<iri>``."""
    best = None
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns) and (best is None or len(ns) > len(PREFIXES[best])):
            best = prefix
    if best is not None:
        local = iri[len(PREFIXES[best]) :]
        if not re.search(r"[\s<>\"{}|^`\\]", local):
            return f"{best}:{local}"
    return f"<{iri}>"


def _display(t: Term) -> str:
    if t is None:
        return ""
    if t[0] == "uri":
        return shorten(t[1])
    if t[0] == "bnode":
        return f"_:{t[1]}"
    return t[1]


def _table(names: list[str], rows: list[list[Term]]) -> str:
    return table_text(names, [[_display(t) for t in r] for r in rows])


def table_text(names: list[str], rows: list[list[str]]) -> str:
    """The table format of a SELECT answer, from its displayed cells (kg.queries.stored prints
    rdflib's rows through it too): columns padded, a rule, the row count."""
    cells = [[c.replace("\n", " ") for c in r] for r in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(lines) + "\n"


def _csv(names: list[str], rows: list[list[Term]]) -> str:
    out = io.StringIO()
    w = csv.writer(out, delimiter=",")
    w.writerow(names)
    for r in rows:
        w.writerow(["" if t is None else f"_:{t[1]}" if t[0] == "bnode" else t[1] for t in r])
    return out.getvalue()


def _tsv_term(t: Term) -> str:
    if t is None:
        return ""
    if t[0] == "uri":
        return f"<{t[1]}>"
    if t[0] == "bnode":
        return f"_:{t[1]}"
    esc = t[1].replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    if t[3]:
        return f'"{esc}"@{t[3]}'
    if t[2] and t[2] != _XSD_STRING:
        return f'"{esc}"^^<{t[2]}>'
    return f'"{esc}"'


def _tsv(names: list[str], rows: list[list[Term]]) -> str:
    lines = ["\t".join(f"?{v}" for v in names)]
    lines += ["\t".join(_tsv_term(t) for t in r) for r in rows]
    return "\n".join(lines) + "\n"


def _json_term(t: tuple) -> dict:
    if t[0] == "literal":
        out = {"type": "literal", "value": t[1]}
        if t[2] is not None:
            out["datatype"] = t[2]
        if t[3] is not None:
            out["xml:lang"] = t[3]
        return out
    return {"type": t[0], "value": t[1]}


def _json(names: list[str], rows: list[list[Term]]) -> str:
    # the W3C SPARQL 1.1 JSON results, as rdflib's serializer writes them (its key order; orjson
    # when rdflib would use it)
    res = {"results": {"bindings": [{n: _json_term(t) for n, t in zip(names, r) if t is not None} for r in rows]},
           "head": {"vars": names}}
    try:
        import orjson
    except ImportError:
        return json.dumps(res, allow_nan=False, ensure_ascii=False)
    return orjson.dumps(res, option=orjson.OPT_NON_STR_KEYS).decode("utf-8")  # pragma: no cover - not installed here


def format_rows(names: list[str], rows: list[list[Term]], fmt: str) -> str:
    """A SELECT answer as ``table``, ``csv``, ``tsv`` or ``json`` (kg.queries.stored.format_result)."""
    return {"table": _table, "csv": _csv, "tsv": _tsv, "json": _json}[fmt](names, rows)
