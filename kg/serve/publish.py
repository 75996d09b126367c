"""The graph on other people's servers: publish it to a SPARQL 1.1 Graph Store, query it there.

* :func:`publish` replaces one graph of a `Graph Store Protocol
  <https://www.w3.org/TR/sparql11-http-rdf-update/>`_ endpoint with the built graph in a single
  HTTP ``PUT`` (``?graph=IRI``, or ``?default``): the store swaps the graph as one operation, so
  a failed or interrupted upload never leaves half a graph behind.
* :func:`remote_query` runs a query (a stored one, with its parameters) against any SPARQL 1.1
  Protocol endpoint and gives back an rdflib :class:`~rdflib.query.Result`, so
  :func:`kg.queries.format_result` prints the same table as a local run.
* :func:`endpoint_text` turns a stored query and its parameters into a self-contained query
  text for an endpoint that knows nothing of ours: the prefixes the stored queries may use
  without declaring them (:data:`kg.queries.QUERY_PREFIXES`) are declared, and parameters are
  bound by a trailing ``VALUES`` clause (standard SPARQL 1.1, joined before projection).

Only the standard library talks HTTP here (``urllib``). Network errors and 4xx/5xx answers
become :class:`~kg.errors.KGError` (exit 2) naming the status and the server's message.
"""

from __future__ import annotations

import argparse
import base64
import io
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Mapping

from kg.errors import EXIT_OK, KGError

USER_AGENT = "kidd-kg (+https://w3id.org/kidd-kg/)"
RESULTS_ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, "
                  "text/turtle;q=0.8, application/n-triples;q=0.7")
_PREFIX_DECL_RE = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*|)\s*:", re.I)
# Strings, IRIs and comments, to blank them out before looking for keywords.
_LEXICAL_RE = re.compile(  # none starts after a backslash: `ex:a\#b` is a prefixed name
    r'(?<!\\)"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|(?<!\\)'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|(?<!\\)"(?:[^"\\\n]|\\.)*"'
    r"|(?<!\\)'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|(?<!\\)#[^\n]*",
    re.S,
)
_CODEPOINT_RE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _codepoint(m: re.Match) -> str:
    n = int(m.group(1) or m.group(2), 16)
    return chr(n) if n < 0x110000 and not 0xD800 <= n < 0xE000 else " "


# ---------------------------------------------------------------------- query text for any endpoint
def skeleton(text: str) -> str:
    """The query with strings, IRIs and comments blanked out: what is left is keywords,
    variables and prefixed names (used to find the prefixes a query uses). Codepoint escapes
    (``\\u0053``) are decoded first: SPARQL allows them anywhere in a query. Not a security
    check: what the public endpoint may run is decided on the parsed query (kg.serve.guard)."""
    return _LEXICAL_RE.sub(" ", _CODEPOINT_RE.sub(_codepoint, text))


def declare_prefixes(text: str) -> str:
    """``text`` with ``PREFIX`` lines for the :data:`~kg.queries.QUERY_PREFIXES` it uses but does not declare."""
    from kg.serve.uses import stored

    QUERY_PREFIXES = stored().QUERY_PREFIXES
    declared = {m.group(1) for m in _PREFIX_DECL_RE.finditer(skeleton(text))}
    body = skeleton(text)
    missing = [p for p in QUERY_PREFIXES
               if p not in declared and re.search(rf"(?<![\w:?$.-]){re.escape(p)}:", body)]
    lines = [f"PREFIX {p}: <{QUERY_PREFIXES[p]}>" for p in missing]
    return "\n".join(lines + [text]) if lines else text


def bind_values(text: str, bindings: Mapping[str, Any]) -> str:
    """``text`` with a trailing ``VALUES`` clause binding each variable to one RDF term."""
    if not bindings:
        return text
    names = sorted(bindings)
    terms = " ".join(bindings[n].n3() for n in names)
    head = " ".join(f"?{n}" for n in names)
    return f"{text.rstrip()}\nVALUES ({head}) {{ ({terms}) }}\n"


def local_endpoint_texts(queries) -> list[tuple[Any, str]]:
    """(query, :func:`endpoint_text`) of each stored query this server runs itself: not the
    federated ones (they call another endpoint), nor one whose text cannot be made."""
    from kg.serve.uses import stored

    out = []
    for q in queries:
        if stored().is_federated(q):
            continue
        try:
            out.append((q, endpoint_text(q)))
        except KGError:
            pass
    return out


def endpoint_text(query: Any, params: Mapping[str, Any] | None = None) -> str:
    """A self-contained query text for any SPARQL endpoint: a stored query (or a query text)
    with its parameters bound (declared defaults first, then ``params``) and the prefixes it
    uses declared. Parameters are checked as :func:`kg.queries.run` checks them."""
    from rdflib.term import Node

    from kg.serve.uses import stored

    q = stored()
    sq = query if isinstance(query, q.StoredQuery) else q.from_text(str(query), "query")
    given = {str(k).lstrip("?$"): v for k, v in (params or {}).items()}
    if given:
        variables = q.query_variables(q.prepare(sq))
        takes = f"it takes: {', '.join(sorted(sq.params))}" if sq.params else "it declares no parameters"
        for key in given:
            if sq.header and key not in sq.params:
                raise KGError(f"the query has no parameter `{key}`; {takes}.", sq.where)
            if key not in variables:
                raise KGError(f"`{key}` is not a variable of the query; {takes}.", sq.where)
    bindings: dict[str, Any] = {p.name: q.to_term(p.default) for p in sq.params.values() if p.default is not None}
    for key, value in given.items():
        bindings[key] = value if isinstance(value, Node) else q.to_term(str(value))
    return declare_prefixes(bind_values(sq.text, bindings))


# ---------------------------------------------------------------------- HTTP
def check_url(url: str) -> urllib.parse.SplitResult:
    """The endpoint URL, split; a KGError unless it is an http(s) URL with a host."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError for a bad port)
    except ValueError as exc:
        raise KGError(f"`{_redact(url)}` is not a valid URL: {exc}.") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise KGError(f"the endpoint must be an http:// or https:// URL, not `{_redact(url)}`.")
    return parts


def _request(url: str, method: str, data: bytes | None, headers: dict[str, str], timeout: float,
             what: str) -> tuple[int, dict[str, str], bytes]:
    """One HTTP request; user:password in the URL becomes Basic authentication. Any failure is
    a KGError naming the URL (without the password), the status and the server's message."""
    parts = check_url(url)
    headers = {"User-Agent": USER_AGENT, **headers}
    if parts.username is not None:
        user = urllib.parse.unquote(parts.username)
        password = urllib.parse.unquote(parts.password or "")
        headers["Authorization"] = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
        url = urllib.parse.urlunsplit(parts._replace(netloc=netloc))
    shown = url
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read()
    except urllib.error.HTTPError as exc:
        body = exc.read().decode("utf-8", "replace") if exc.fp is not None else ""
        message = " ".join(body.split())[:600] or "(no message)"
        raise KGError(f"{what} failed: the endpoint answered {exc.code} {exc.reason}: {message}", shown) from None
    except urllib.error.URLError as exc:
        reason = exc.reason.strerror if isinstance(exc.reason, OSError) and exc.reason.strerror else exc.reason
        raise KGError(f"{what} failed: cannot reach the endpoint ({reason}).", shown) from None
    except (socket.timeout, TimeoutError):
        raise KGError(f"{what} failed: no answer from the endpoint within {timeout:g} s.", shown) from None
    except OSError as exc:
        raise KGError(f"{what} failed: {exc.strerror or exc}.", shown) from None


def _with_params(url: str, extra: str) -> str:
    return url + ("&" if urllib.parse.urlsplit(url).query else "?") + extra


# ---------------------------------------------------------------------- remote query
def remote_query(endpoint: str, query_text: Any, params: Mapping[str, Any] | None = None,
                 default_graph: str | None = None, timeout: float = 60.0):
    """Run a query on a SPARQL 1.1 Protocol endpoint (HTTP POST, form-encoded; Accept: SPARQL
    JSON results) and return an rdflib :class:`~rdflib.query.Result`, as :func:`kg.queries.run`
    does locally. ``query_text`` may be a :class:`kg.queries.StoredQuery` (its declared
    defaults apply); ``params`` bind variables (strings as on the command line, or RDF terms);
    ``default_graph`` is sent as ``default-graph-uri``."""
    from rdflib import Graph
    from rdflib.query import Result

    text = endpoint_text(query_text, params)
    form = [("query", text)]
    if default_graph:
        form.append(("default-graph-uri", default_graph))
    status, headers, body = _request(
        endpoint, "POST", urllib.parse.urlencode(form).encode("utf-8"),
        {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8", "Accept": RESULTS_ACCEPT},
        timeout, "the query")
    ctype = headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        if ctype in ("application/sparql-results+json", "application/json"):
            return Result.parse(io.BytesIO(body), format="json")
        if ctype in ("application/sparql-results+xml", "application/xml", "text/xml"):
            return Result.parse(io.BytesIO(body), format="xml")
        rdf = {"text/turtle": "turtle", "application/n-triples": "nt", "text/plain": "nt",
               "application/rdf+xml": "xml", "application/ld+json": "json-ld"}.get(ctype)
        if rdf:
            result = Result("CONSTRUCT")
            result.graph = Graph().parse(data=body, format=rdf)
            return result
    except Exception as exc:  # a parser's own exception: say what came back
        raise KGError(f"the endpoint's answer ({ctype}) does not parse: {exc}", endpoint) from None
    raise KGError(f"the endpoint answered with `{ctype or 'no content type'}`, not SPARQL results.", endpoint)


# ---------------------------------------------------------------------- publish
def graph_to_publish(result) -> "Any":
    """What ``kg publish`` and ``kg serve`` put online: the queryable graph (asserted facts,
    provenance, enrichment, links, OWL 2 RL inferences, ontology and vocabularies)."""
    return result.queryable()


def publish(endpoint: str, data: bytes, graph: str | None = None, content_type: str = "application/n-triples",
            timeout: float = 300.0) -> int:
    """Replace one graph of a Graph Store Protocol endpoint with ``data`` in one HTTP PUT
    (``?graph=IRI``, or ``?default`` when ``graph`` is None). Returns the HTTP status."""
    target = _with_params(endpoint, "graph=" + urllib.parse.quote(graph, safe="") if graph else "default")
    status, _, _ = _request(target, "PUT", data, {"Content-Type": content_type}, timeout, "the upload")
    return status


PUBLISH_FORMATS = {"ntriples": ("ntriples", "application/n-triples"), "turtle": ("turtle", "text/turtle")}


def add_publish_parser(subparsers: Any) -> argparse.ArgumentParser:
    """``kg publish --endpoint URL [--graph IRI]``."""
    p = subparsers.add_parser(
        "publish", help="load the graph into a SPARQL 1.1 Graph Store (replaces one graph in one PUT)",
        description="Upload the queryable graph (facts, provenance, inferences, ontology, vocabularies) to a "
                    "SPARQL 1.1 Graph Store Protocol endpoint with one HTTP PUT, replacing the named graph "
                    "(or the default graph): a failed upload leaves the old graph as it was. user:password in "
                    "the URL is sent as Basic authentication.")
    p.add_argument("--endpoint", required=True, metavar="URL",
                   help="the Graph Store endpoint, e.g. http://localhost:7878/store (Oxigraph), "
                        "http://localhost:3030/ds/data (Fuseki)")
    p.add_argument("--graph", metavar="IRI", help="the named graph to replace (default: the default graph)")
    p.add_argument("--format", choices=list(PUBLISH_FORMATS), default="ntriples", help="upload format (default: ntriples)")
    p.add_argument("--timeout", type=float, default=300.0, metavar="SECONDS", help="give up after this long (default: 300)")
    return p


def cmd_publish(args: argparse.Namespace) -> int:
    from kg.serve.uses import build, serialize

    check_url(args.endpoint)  # a bad URL or graph IRI fails before the build
    if args.graph is not None and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]+$", args.graph):
        raise KGError(f"`{args.graph}` is not an absolute IRI (give --graph as e.g. https://example.org/kidd).")
    graph = graph_to_publish(build(args.statements, only=args.statement, engine=getattr(args, "engine", None)))
    fmt, ctype = PUBLISH_FORMATS[args.format]
    data = serialize(graph, fmt).encode("utf-8")
    status = publish(args.endpoint, data, args.graph, ctype, args.timeout)
    where = f"graph <{args.graph}>" if args.graph else "the default graph"
    print(f"published {len(graph)} triples to {where} of {_redact(args.endpoint)} (HTTP {status})")
    return EXIT_OK


def _redact(url: str) -> str:
    try:
        parts = urllib.parse.urlsplit(url)
        if parts.password is None:
            return url
        parts.port  # noqa: B018
    except ValueError:
        return re.sub(r"//[^@/]*@", "//***@", url)
    return urllib.parse.urlunsplit(parts._replace(netloc=f"{parts.username}:***@{parts.hostname}"
                                                  + (f":{parts.port}" if parts.port else "")))


# ---------------------------------------------------------------------- kg query --endpoint
def add_endpoint_arguments(parser: argparse.ArgumentParser) -> None:
    """``--endpoint URL`` and ``--graph IRI`` for ``kg query``."""
    parser.add_argument("--endpoint", metavar="URL",
                        help="run the query on this SPARQL endpoint instead of building the graph")
    parser.add_argument("--graph", metavar="IRI", help="with --endpoint: the graph to query (default-graph-uri)")


def cmd_query_endpoint(args: argparse.Namespace) -> int:
    """``kg query --endpoint URL NAME|FILE|-`` (or ``--all``): the same output as a local run."""
    from kg.serve.uses import emit, results, stored

    q = stored()

    if getattr(args, "all", False) == bool(args.query):
        raise KGError("give one query (NAME, FILE or -), or --all, or --list.")
    check_url(args.endpoint)
    params = {}
    for item in getattr(args, "param", None) or []:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise KGError(f"a parameter must be NAME=VALUE, not `{item}`.")
        params[name.strip().lstrip("?$")] = value
    queries = q.list_queries() if getattr(args, "all", False) else [q.resolve(args.query)]
    for sq in queries:  # a bad parameter or query fails before any request is sent
        endpoint_text(sq, params or None)
    parts = []
    for sq in queries:
        result = remote_query(args.endpoint, sq, params or None, default_graph=getattr(args, "graph", None))
        text = results().format_result(result, getattr(args, "format", "table"))
        if getattr(args, "all", False):
            text = f"== {sq.name}: {sq.title}\n   {sq.question}\n\n{text}"
        parts.append(text)
    emit("\n".join(parts), getattr(args, "output", None))
    return EXIT_OK
