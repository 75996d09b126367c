"""Serializing the graph: the formats users load, written atomically and deterministically."""

from __future__ import annotations

import io
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.plugins.serializers.longturtle import LongTurtleSerializer
from rdflib.plugins.serializers.trig import TrigSerializer

from kg.errors import KGError
from kg.exports.files import emit, write_atomic  # noqa: F401  (re-exported)

@dataclass(frozen=True)
class Format:
    """One RDF format, known by one name everywhere (the CLI, VoID, validation, serving)."""

    name: str  # the project's name: -f NAME
    label: str  # its W3C name (VoID/DCAT titles, messages); the W3C format IRI is formats:<iri>
    media_type: str  # IANA
    suffixes: tuple[str, ...]  # file extensions, the first one written
    writer: str  # rdflib serializer
    parser: str  # rdflib parser
    quads: bool  # `kg export` writes the named graphs (else their union)
    iri: str  # http://www.w3.org/ns/formats/<iri>
    graphs_when_read: bool = False  # a file of this format may hold named graphs (read as a dataset)

    @property
    def suffix(self) -> str:
        return self.suffixes[0]

    def __getitem__(self, i: int):  # (writer, suffix, quads): the tuple this registry replaced
        return (self.writer, self.suffix, self.quads)[i]


# The one format registry.
FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("turtle", "Turtle", "text/turtle", ("ttl",), "longturtle", "turtle", False, "Turtle"),
    Format("ntriples", "N-Triples", "application/n-triples", ("nt",), "nt", "nt", False, "N-Triples"),
    Format("jsonld", "JSON-LD", "application/ld+json", ("jsonld", "json"), "json-ld", "json-ld", False, "JSON-LD", True),
    Format("trig", "TriG", "application/trig", ("trig",), "trig", "trig", True, "TriG", True),
    Format("nquads", "N-Quads", "application/n-quads", ("nq",), "nquads", "nquads", True, "N-Quads", True),
    Format("xml", "RDF/XML", "application/rdf+xml", ("rdf", "xml", "owl"), "xml", "xml", False, "RDF_XML"),
)}


@dataclass(frozen=True)
class Table:
    """A non-RDF export: a table computed from the built graph (``kg export -f NAME``). Kept apart
    from :data:`FORMATS`, which VoID, validation and serving read as the RDF formats."""

    name: str  # -f NAME
    label: str
    media_type: str  # IANA
    suffix: str
    writer: str  # "module:function", called with the BuildResult, returning the text

    def write(self, result) -> str:  # type: ignore[no-untyped-def]
        import importlib

        module, _, function = self.writer.partition(":")
        return getattr(importlib.import_module(module), function)(result)


# The table exports (kg/exports/events.py).
TABLES: dict[str, Table] = {t.name: t for t in (
    Table("events-csv", "KIDD-KG event table (CSV)", "text/csv", "csv", "kg.exports.events:to_csv"),
)}

EXPORTS: tuple[str, ...] = (*FORMATS, *TABLES)  # every name `kg export -f` takes


def format_named(name: str) -> Format:
    """The format called ``name``; a KGError naming the known ones otherwise."""
    try:
        return FORMATS[name]
    except KeyError:
        hint = " (a table, not an RDF format)" if name in TABLES else ""
        raise KGError(f"unknown RDF format `{name}`{hint}; use one of: {', '.join(FORMATS)}.") from None


def export_named(name: str) -> "Format | Table":
    """The RDF format or table export called ``name``; a KGError naming every known one otherwise."""
    if name in FORMATS:
        return FORMATS[name]
    if name in TABLES:
        return TABLES[name]
    raise KGError(f"unknown export format `{name}`; use one of: {', '.join(EXPORTS)}.")


def format_of(path: Path | str) -> Format | None:
    """The format a file's extension names (``.ttl``, ``.nt``, ``.trig``, ``.nq``, ``.jsonld``,
    ``.rdf``/``.xml``/``.owl``), or None."""
    suffix = Path(path).suffix.lower().lstrip(".")
    return next((f for f in FORMATS.values() if suffix in f.suffixes), None)


def format_for_media_type(media_type: str) -> Format | None:
    """The format of an IANA media type (parameters such as ``;charset=`` ignored), or None."""
    base = media_type.split(";", 1)[0].strip().lower()
    return next((f for f in FORMATS.values() if f.media_type == base), None)


class _PnameCache:
    """rdflib's Turtle and TriG writers, with each IRI's prefixed name computed once per run.

    They ask the namespace manager for the prefixed name of every term they write (about 9 in
    10 of their time on our graphs, for a few thousand distinct IRIs); the answer is the same for
    the same IRI within one run, so it is kept. The output is byte for byte rdflib's
    (tests/test_export.py compares them; for TriG, with the graphs in the same order).
    """

    def reset(self) -> None:
        super().reset()  # type: ignore[misc]
        self._pnames: dict = {}

    def get_pname(self, uri, gen_prefix=True):  # type: ignore[no-untyped-def]
        key = (uri, gen_prefix)
        try:
            return self._pnames[key]
        except KeyError:
            name = self._pnames[key] = super().get_pname(uri, gen_prefix)  # type: ignore[misc]
            return name


class LongTurtleWriter(_PnameCache, LongTurtleSerializer):
    """rdflib's ``longturtle`` (sorted, one statement a line), faster."""


class TrigWriter(_PnameCache, TrigSerializer):
    """rdflib's ``trig``, faster, and with its named graphs in a fixed order (by IRI): rdflib
    writes them in its store's order, which changes from one process to the next."""

    def __init__(self, store) -> None:  # type: ignore[no-untyped-def]
        super().__init__(store)
        default = [c for c in self.contexts if c.identifier == self.default_context]
        named = sorted((c for c in self.contexts if c.identifier != self.default_context), key=lambda c: str(c.identifier))
        self.contexts = named + default


_WRITERS = {"longturtle": LongTurtleWriter, "trig": TrigWriter}


def serialize(graph: Graph | Dataset, fmt: str) -> str:
    """The graph in ``fmt``; line-based formats are sorted so equal graphs give equal bytes."""
    name = format_named(fmt).writer
    if fmt == "jsonld":
        from kg.exports.jsonld import to_jsonld

        text = to_jsonld(graph)  # compacted with the shipped @context (ontology/context.jsonld)
    elif name in _WRITERS:
        stream = io.BytesIO()
        _WRITERS[name](graph).serialize(stream, encoding="utf-8")
        text = stream.getvalue().decode("utf-8")
    else:
        text = graph.serialize(format=name)
    if fmt in ("ntriples", "nquads"):
        lines = sorted({line for line in text.splitlines() if line.strip()})
        text = "\n".join(lines) + "\n"
    return text
