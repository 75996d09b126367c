"""Content digests of a build's inputs, without rdflib (``kg query`` checks that the store is
current with :func:`inputs_stamp` before anything else is imported).

The unit keys of :mod:`kg.graph.units` and the stamp of the store are made of these.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable

from kg.resources import mappings_dir, ontology_dir, statements_dir
from kg.source.folders import statement_folders

_PACKAGE = Path(__file__).resolve().parent.parent  # kg/


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def _files_digest(files: Iterable[Path], base: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(files):
        h.update(str(p.relative_to(base)).encode("utf-8") + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


_CODE: str | None = None


def code_digest() -> str:
    """The package's own code (a change of the builder rebuilds every unit)."""
    global _CODE
    if _CODE is None:
        _CODE = _files_digest((p for p in _PACKAGE.rglob("*.py") if "__pycache__" not in p.parts), _PACKAGE)
    return _CODE


def ontology_digest() -> str:
    """``ontology/``: the ontology, the vocabularies, the shapes and the coding rules."""
    base = ontology_dir()
    return _files_digest((p for p in base.rglob("*") if p.is_file()), base)


def statement_digest(folder: Path) -> str:
    """The statement's files (statement.yaml, its texts and captures)."""
    return _files_digest((p for p in Path(folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts),
                         Path(folder))


def inputs_stamp(root: Path | None = None) -> str:
    """A digest of everything a build reads (every statement's files, series.yaml, ``ontology/``,
    ``mappings/``, the code): what ``kg query`` compares with the store's, without building."""
    bundled = root is None
    root = Path(root or statements_dir())
    parts = ["inputs/1", str(root.resolve()), str(bundled), ontology_digest(), code_digest()]
    for p in (root / "series.yaml", mappings_dir() / "kidd-kg.sssom.tsv"):
        parts.append(p.read_bytes() if p.is_file() else b"-")
    parts.extend(f"{f.name}:{statement_digest(f)}" for f in statement_folders(root))
    return digest(*parts)
