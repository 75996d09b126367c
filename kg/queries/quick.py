"""``kg query NAME`` answered from a current store without importing rdflib (or the rest of kg).

A curator's loop is edit, ``kg build``, ``kg query``: the last should cost starting Python and the
query. :func:`answer` takes the command line before the full parser is built (which imports
every command's modules); when it is the simple form —

    kg query NAME [-f table|csv|tsv|json] [--statements DIR] [--out DIR] [-o FILE] [--engine fast]

— a stored query or a .rq file, a SELECT, no SERVICE, no ``-p``, and the store in ``--out`` is
current (kg.graph.digests.inputs_stamp), it runs the query on the store (kg.sparql.oxquery) and
returns the rows as text (kg.queries.answers) for kg.cli to write. In every other case it returns
None and the full ``kg query`` runs, which gives the same answers the same way (and every error
message). TSV and JSON come from the store only with ``--engine fast``, as in the full command
(they show datatypes, which Oxigraph keeps canonical). A literal of a datatype whose lexical form
rdflib might rewrite (anything but strings, language-tagged strings and the few below) sends the
query to the full command too, so the bytes are always the full command's.
"""

from __future__ import annotations

from pathlib import Path

from kg.prefixes import PREFIXES

_XSD = PREFIXES["xsd"]
# typed literals whose canonical Oxigraph form rdflib keeps as it is (tests/test_quick_query.py)
SAFE_DATATYPES = frozenset(_XSD + d for d in ("integer", "date", "gYear", "gYearMonth", "boolean", "anyURI"))
_FORMATS = ("table", "csv", "tsv", "json")
_OPTIONS = {"-f": "format", "--format": "format", "--statements": "statements", "--out": "out",
            "-o": "output", "--output": "output", "--engine": "engine"}


class _Decline(Exception):
    """Not a case for the quick path: the full command answers."""


def _options(argv: list[str]) -> dict | None:
    """The options of the simple form, or None for anything else."""
    opts: dict = {"format": "table", "statements": None, "out": "build", "output": None, "engine": None, "query": None}
    i = 0
    while i < len(argv):
        tok = argv[i]
        name, eq, value = tok.partition("=")
        if tok.startswith("-") and tok != "-":
            key = _OPTIONS.get(name)
            if key is None or (eq and not name.startswith("--")):
                return None
            if not eq:
                if i + 1 >= len(argv):
                    return None
                i += 1
                value = argv[i]
            if not value or value.startswith("-"):
                return None
            opts[key] = value
        elif opts["query"] is None and tok != "-":
            opts["query"] = tok
        else:
            return None
        i += 1
    if opts["query"] is None or opts["format"] not in _FORMATS or opts["engine"] not in (None, "fast"):
        return None
    if opts["engine"] is None and opts["format"] not in ("table", "csv"):
        return None  # as the full command: TSV and JSON come from rdflib unless --engine fast
    return opts


def _term(t):
    """A pyoxigraph term as a plain term (kg.queries.answers), as kg.sparql.engines converts it."""
    if t is None:
        return None
    cls = type(t).__name__
    if cls == "NamedNode":
        return ("uri", t.value)
    if cls == "BlankNode":
        return ("bnode", t.value)
    if cls != "Literal":
        raise _Decline
    if t.language:
        return ("literal", t.value, None, t.language)
    dt = t.datatype.value
    if dt == _XSD + "string":
        return ("literal", t.value, None, None)
    if dt not in SAFE_DATATYPES:
        raise _Decline
    return ("literal", t.value, dt, None)


def _bound(query) -> dict:
    """The query's declared defaults as pyoxigraph terms (kg.queries.stored.to_term's rules)."""
    import pyoxigraph as ox

    from kg.queries.files import term_spec

    out = {}
    for p in query.params.values():
        if p.default is None:
            continue
        kind, text = term_spec(p.default)
        out[p.name] = (ox.NamedNode(text) if kind == "iri" else ox.Literal(text, datatype=ox.NamedNode(_XSD + "integer"))
                       if kind == "integer" else ox.Literal(text))
    return out


def answer(argv: list[str]) -> tuple[str, Path | None] | None:
    """The answer to ``kg query`` (``argv`` without ``query``) from the store and the file to
    write it to (None: standard output), or None if the full command must answer."""
    opts = _options(argv)
    if opts is None:
        return None
    out = Path(opts["out"])
    if not (out / "store").is_dir():
        return None
    from kg.errors import KGError

    try:
        return _answer(opts, out)
    except (_Decline, KGError):
        return None


def _answer(opts: dict, out: Path) -> tuple[str, Path | None]:
    from kg.graph.digests import inputs_stamp
    from kg.queries.answers import format_rows
    from kg.queries.files import is_federated, is_select, resolve
    from kg.sparql import store as S
    from kg.sparql.oxquery import select_solutions

    sq = resolve(opts["query"])
    if is_federated(sq) or not is_select(sq.text):
        raise _Decline
    statements = Path(opts["statements"]) if opts["statements"] else None
    store = S.open_current(out, inputs_stamp(statements))
    if store is None:
        raise _Decline
    solutions = select_solutions(store, sq.text, _bound(sq))
    names = [v.value for v in solutions.variables]
    rows = [[_term(sol[i]) for i in range(len(names))] for sol in solutions]
    return format_rows(names, rows, opts["format"]), Path(opts["output"]) if opts["output"] else None
