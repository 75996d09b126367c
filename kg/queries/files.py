"""The stored queries on disk: ``queries/NN-slug.rq`` files and their ``#+`` headers, read
without rdflib (``kg query`` on a current store needs nothing more; kg.queries.stored, which
runs and prints them, re-exports all of this).
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KGError
from kg.resources import queries_dir

FORMATS = ("table", "csv", "tsv", "json")

_HEADER_RE = re.compile(r"^#\+ ?([A-Za-z_][\w-]*):\s?(.*)$")
_CONTINUATION_RE = re.compile(r"^#\+?\s{2,}(\S.*)$")
_ENTRY_SPLIT_RE = re.compile(r";\s+(?=[A-Za-z_]\w*\s+—)")
_ENTRY_RE = re.compile(r"^\s*([A-Za-z_]\w*)\s+—\s*(.*?)\s*$", re.S)
_DEFAULT_RE = re.compile(r",\s*default\s+(\S+)\s*$")
_NAME_RE = re.compile(r"^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)$")


@dataclass(frozen=True)
class Param:
    """A parameter a stored query declares: the variable it binds and its default, if any."""

    name: str
    description: str
    default: str | None = None


@dataclass(frozen=True)
class StoredQuery:
    """One SPARQL query with its header (for ``-`` or an ad-hoc file the header may be empty)."""

    name: str
    path: Path | None
    title: str
    question: str
    columns: dict[str, str]
    params: dict[str, Param]
    text: str
    header: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def number(self) -> str | None:
        m = _NAME_RE.match(self.name)
        return m.group(1) if m else None

    @property
    def slug(self) -> str | None:
        m = _NAME_RE.match(self.name)
        return m.group(2) if m else None

    @property
    def where(self) -> str:
        return str(self.path) if self.path is not None else self.name


# ---------------------------------------------------------------------- reading queries
def parse_header(text: str) -> dict[str, str]:
    """The ``#+ key: value`` lines at the top of a query (until the first other line)."""
    header: dict[str, str] = {}
    last: str | None = None
    for line in text.splitlines():
        stripped = line.rstrip()
        m = _HEADER_RE.match(stripped)
        if m:
            last = m.group(1).lower()
            value = m.group(2).strip()
            header[last] = f"{header[last]}; {value}" if last in header and value else value
            continue
        c = _CONTINUATION_RE.match(stripped)
        if c and last is not None:
            header[last] = f"{header[last]} {c.group(1).strip()}".strip()
            continue
        if not stripped:
            continue
        break
    return header


def _entries(value: str, what: str, where: str) -> dict[str, str]:
    out: dict[str, str] = {}
    if not value.strip():
        return out
    for chunk in _ENTRY_SPLIT_RE.split(value.strip().rstrip(";")):
        m = _ENTRY_RE.match(chunk)
        if not m:
            raise KGError(f"cannot read the `#+ {what}:` entry `{chunk.strip()}`; write `name — what it is`.", where)
        if m.group(1) in out:
            raise KGError(f"`{m.group(1)}` is listed twice in `#+ {what}:`.", where)
        out[m.group(1)] = m.group(2)
    return out


def _params(value: str, where: str) -> dict[str, Param]:
    out = {}
    for name, desc in _entries(value, "params", where).items():
        m = _DEFAULT_RE.search(desc)
        default = m.group(1) if m else None
        out[name] = Param(name, desc[: m.start()].strip() if m else desc, default)
    return out


def from_text(text: str, name: str, path: Path | None = None) -> StoredQuery:
    """A query and its header from the text of a ``.rq`` file."""
    where = str(path) if path is not None else name
    header = parse_header(text)
    return StoredQuery(
        name=name,
        path=path,
        title=header.get("title", ""),
        question=header.get("question", ""),
        columns=_entries(header.get("columns", ""), "columns", where),
        params=_params(header.get("params", ""), where),
        text=text,
        header=header,
    )


def load(path: Path) -> StoredQuery:
    """A query file (``.rq``) with its header."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KGError("no such query file.", str(path)) from None
    except UnicodeDecodeError as exc:
        raise KGError(f"the query is not valid UTF-8 (byte {exc.start}).", str(path)) from None
    except OSError as exc:
        raise KGError(f"cannot read the query: {exc.strerror}.", str(path)) from None
    return from_text(text, path.stem, path)


def list_queries() -> list[StoredQuery]:
    """The stored queries (``queries/*.rq``), sorted by file name."""
    return [load(p) for p in sorted(queries_dir().glob("*.rq"))]


def resolve(spec: str) -> StoredQuery:
    """A query by full name (``01-delegation-leaders``), number (``01``), slug
    (``delegation-leaders``), path to a ``.rq`` file, or ``-`` for standard input."""
    if spec == "-":
        return from_text(sys.stdin.read(), "<stdin>")
    path = Path(spec)
    if spec.endswith(".rq") or "/" in spec or os.sep in spec:
        return load(path)
    stored = list_queries()
    for q in stored:
        if spec in (q.name, q.slug) or (spec.isdigit() and q.number is not None and int(spec) == int(q.number)):
            return q
    if path.is_file():
        return load(path)
    names = ", ".join(q.name for q in stored) or "(none)"
    raise KGError(
        f"there is no stored query `{spec}`; give a name, number or slug of one of: {names}; "
        "or a path to a .rq file, or - to read the query from standard input."
    )



def is_federated(query: StoredQuery) -> bool:
    """A stored query that reaches out to another endpoint (``#+ scope: federated``, SERVICE)."""
    return query.header.get("scope", "").strip().lower().startswith("federated")


def term_spec(value: str) -> tuple[str, str]:
    """What a parameter value is, as ``(kind, text)``: ``("iri", IRI)`` for ``<iri>``, ``http…``
    or a CURIE of a known prefix; ``("integer", lexical)`` for all digits; else ``("literal",
    value)`` (a plain string, unstripped). kg.queries.stored.to_term makes the rdflib term."""
    from kg.prefixes import PREFIXES

    v = value.strip()
    if re.fullmatch(r"<[^\s<>\"{}|^`\\]+>", v):
        return "iri", v[1:-1]
    if re.match(r"^https?://\S+$", v):
        return "iri", v
    m = re.match(r"^([A-Za-z][\w.-]*|):(\S*)$", v)
    if m and m.group(1) in PREFIXES:
        return "iri", PREFIXES[m.group(1)] + m.group(2)
    if re.fullmatch(r"[+-]?\d+", v):
        return "integer", str(int(v))
    return "literal", value


def is_select(text: str) -> bool:
    """Whether a query is a SELECT (its first keyword after comments, PREFIX and BASE)."""
    body = re.sub(r"(?m)(^|\s)#[^\n]*", " ", text)
    body = re.sub(r"(?is)^\s*((PREFIX\s+[^:\s]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*", "", body)
    return body.lstrip()[:6].upper() == "SELECT"
