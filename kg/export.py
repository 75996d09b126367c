"""Serializing the graph: the formats users load, written atomically and deterministically."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from rdflib import Dataset, Graph

from kg.errors import KGError

# format name -> (rdflib serializer, file extension, needs named graphs)
FORMATS: dict[str, tuple[str, str, bool]] = {
    "turtle": ("longturtle", "ttl", False),
    "ntriples": ("nt", "nt", False),
    "jsonld": ("json-ld", "jsonld", False),
    "trig": ("trig", "trig", True),
    "nquads": ("nquads", "nq", True),
    "xml": ("xml", "rdf", False),
}


def serialize(graph: Graph | Dataset, fmt: str) -> str:
    """The graph in ``fmt``; line-based formats are sorted so equal graphs give equal bytes."""
    if fmt not in FORMATS:
        raise KGError(f"unknown format `{fmt}`; use one of: {', '.join(FORMATS)}.")
    name, _, _ = FORMATS[fmt]
    if fmt == "jsonld":
        from kg.jsonld import to_jsonld

        text = to_jsonld(graph)  # compacted with the shipped @context (ontology/context.jsonld)
    else:
        text = graph.serialize(format=name)
    if fmt in ("ntriples", "nquads"):
        lines = sorted({line for line in text.splitlines() if line.strip()})
        text = "\n".join(lines) + "\n"
    return text


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: never half-written."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs are for others to read
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise KGError(f"cannot write the output: {exc.strerror or exc}.", str(path)) from None


def emit(text: str, out: Path | None) -> None:
    """Write to ``out`` atomically, or to standard output."""
    if out is None or str(out) == "-":
        sys.stdout.write(text)
    else:
        write_atomic(out, text)
