"""Drafting a small text of the genre in a test: the text's first line is its title, no header,
drafted with the registry of the bundled statements (read once per test process)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kg.draft import make_draft
from kg.draft.header import Source
from kg.draft.registry import Registry, load_registry

STATEMENTS = Path(__file__).resolve().parent.parent / "statements"


@lru_cache(maxsize=None)
def registry() -> Registry:
    """The bundled statements' registry (read, never changed, by the drafts)."""
    return load_registry(STATEMENTS)


def draft_text(tmp_path: Path, text: str, sid: str):
    """``(draft, text, yaml)`` of ``text`` as statement ``sid``."""
    title = text.split("\n", 1)[0]
    src = Source(path=tmp_path / f"{sid}.txt", raw=text, text=text, text_offset=0, title=title, date=None, source=None,
                 partial=False, language="en", note=None, has_header=False)
    return make_draft(src, sid, registry())
