"""Serializing the graph: the formats users load, written atomically and deterministically."""

from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.plugins.serializers.longturtle import LongTurtleSerializer
from rdflib.plugins.serializers.trig import TrigSerializer

from kg.errors import KGError
from kg.exports.files import emit, write_atomic  # noqa: F401  (re-exported)
from kg.formats import (  # noqa: F401  (re-exported: the one registry is kg.formats)
    EXPORTS, FORMATS, TABLES, Format, Table, export_named, format_for_media_type, format_named, format_of)

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
