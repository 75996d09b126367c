"""The one registry of RDF formats: one name for each format everywhere (the CLI, VoID, reading
files to validate, serving, releases). A name or an extension it does not know is an error."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.errors import KGError


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
