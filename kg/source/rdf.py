"""RDF files from outside (``kg validate FILE``): read by extension, offline and bounded.

* The format is taken from the extension (:data:`RDF_FORMATS`); named graphs are merged, except
  ``id:graph/inferred`` (the closure ``kg build`` writes into ``kg.trig``; validation computes
  its own, and must not take the build's conclusions for assertions).
* **JSON-LD never reaches the network.** A ``@context`` (or ``@import``) that names a document is
  refused, unless it is the project's published context (:data:`CONTEXT_IRI`), which is replaced
  by the shipped ``ontology/context.jsonld``. Embedded contexts are fine.
* **RDF/XML may not explode.** Internal entities (as ontology editors declare for namespace IRIs)
  are allowed; external and parameter entities, entities whose text refers to other entities
  (the "billion laughs"), and entities that expand to more than :data:`MAX_ENTITY_EXPANSION`
  characters in all are refused before the parser expands anything.

Every refusal is a :class:`~kg.errors.KGError` naming the file (exit 2).
"""

from __future__ import annotations

import json
import re
import xml.parsers.expat
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph

from kg.errors import KGError
from kg.formats import FORMATS
from kg.namespace import ID
from kg.resources import ontology_dir

# File extension -> (rdflib parser, name for messages, holds named graphs), from the one registry.
RDF_FORMATS: dict[str, tuple[str, str, bool]] = {
    f".{suffix}": (f.parser, f.label, f.graphs_when_read) for f in FORMATS.values() for suffix in f.suffixes
}

CONTEXT_IRI = "https://w3id.org/kidd-kg/context.jsonld"  # the published @context (the shipped file)
INFERRED_GRAPH = ID["graph/inferred"]  # kg.graph.build.BuildResult.INFERRED
MAX_ENTITY_EXPANSION = 1_000_000  # characters all of an RDF/XML file's entity references expand to


def read_rdf(path: Path, into: Graph) -> None:
    """Add the triples of the RDF file ``path`` to ``into`` (see the module's docstring)."""
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(RDF_FORMATS)
        raise KGError(f"cannot tell the RDF format from the extension `{path.suffix or '(none)'}`; use one of {known}.", str(path))
    if not path.is_file():
        raise KGError("no such file.", str(path))
    parser, name, quads = fmt
    source: dict[str, Any] = {"source": str(path)}
    if parser == "json-ld":
        source = {"data": offline_jsonld(path.read_bytes(), str(path)), "publicID": path.resolve().as_uri()}
    elif parser == "xml":
        check_entities(path.read_bytes(), str(path))
    try:
        if quads:
            ds = Dataset()
            ds.parse(format=parser, **source)
            for s, p, o, g in ds.quads((None, None, None, None)):
                if getattr(g, "identifier", g) != INFERRED_GRAPH:
                    into.add((s, p, o))
        else:
            into.parse(format=parser, **source)
    except KGError:
        raise
    except Exception as exc:  # rdflib raises many parser types; all mean the same to a user
        raise KGError(f"the file is not valid {name}: {exc}", str(path)) from None


# ---------------------------------------------------------------------------------- JSON-LD
@lru_cache(maxsize=1)
def shipped_context() -> dict[str, Any]:
    """The value of the shipped ``ontology/context.jsonld``'s ``@context``."""
    path = ontology_dir() / "context.jsonld"
    if not path.is_file():
        raise KGError("the JSON-LD context is missing; run `python -m kg.exports.jsonld` to write it.", str(path))
    return json.loads(path.read_text(encoding="utf-8"))["@context"]


def resolve_contexts(value: Any, where: str | None = None) -> Any:
    """``value`` (loaded JSON-LD) with every ``@context``/``@import`` that names a document
    replaced by the shipped context if it is :data:`CONTEXT_IRI`; any other is a KGError."""
    if isinstance(value, list):
        return [resolve_contexts(v, where) for v in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for k, v in value.items():
        if k in ("@context", "@import"):
            items = v if isinstance(v, list) else [v]
            resolved = []
            for item in items:
                if isinstance(item, str):
                    if item != CONTEXT_IRI:
                        raise KGError(
                            f"the JSON-LD {k} `{item}` is a document to fetch, and a file check never reaches the "
                            f"network; embed the context in the file, or name the project's own context "
                            f"<{CONTEXT_IRI}> (resolved to the shipped copy).", where)
                    resolved.append(shipped_context())
                else:
                    resolved.append(resolve_contexts(item, where))
            out[k] = resolved if isinstance(v, list) else resolved[0]
        else:
            out[k] = resolve_contexts(v, where)
    return out


def offline_jsonld(data: bytes | str, where: str | None = None) -> str:
    """JSON-LD text with its contexts resolved offline (:func:`resolve_contexts`)."""
    try:
        doc = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise KGError(f"the file is not valid JSON-LD: not JSON ({exc}).", where) from None
    return json.dumps(resolve_contexts(doc, where), ensure_ascii=False)


# ---------------------------------------------------------------------------------- RDF/XML
class _Prolog(Exception):
    """Raised to stop the scan at the document's first element (the DTD is over by then)."""


_REFERENCE = re.compile(rb"&([A-Za-z_:][\w.:-]*);")


def check_entities(data: bytes, where: str | None = None) -> None:
    """Refuse an XML document whose entities are external, parameter, nested, or expand to more
    than :data:`MAX_ENTITY_EXPANSION` characters; read only the prolog, expanding nothing."""
    declared: dict[str, int] = {}

    def refuse(why: str) -> None:
        raise KGError(
            f"the RDF/XML file declares {why}; kg validate expands no such entity (they can read other files or "
            f"grow without bound). Write the IRIs and text out, or use internal entities with plain text.", where)

    def entity(name, is_parameter, value, base, system_id, public_id, notation):
        if is_parameter:
            refuse(f"the parameter entity `%{name};`")
        if value is None or system_id or public_id:
            refuse(f"the external entity `&{name};`")
        if "&" in value or "%" in value:
            refuse(f"the entity `&{name};`, whose text refers to another entity")
        declared[name] = len(value)

    def stop(*_):
        raise _Prolog

    p = xml.parsers.expat.ParserCreate()
    p.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    p.EntityDeclHandler = entity
    p.StartElementHandler = stop
    p.ExternalEntityRefHandler = lambda *a: 0
    try:
        p.Parse(data, True)
    except _Prolog:
        pass
    except xml.parsers.expat.ExpatError as exc:
        raise KGError(f"the file is not valid RDF/XML: {exc}", where) from None
    if not declared:
        return
    total = sum(declared.get(m.group(1).decode("utf-8", "replace"), 0) for m in _REFERENCE.finditer(data))
    if total > MAX_ENTITY_EXPANSION:
        refuse(f"entities that expand to {total:,} characters (more than {MAX_ENTITY_EXPANSION:,})")
