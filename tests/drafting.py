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


def drafted(tmp_path: Path, text: str, sid: str):
    """``(draft, the text's string, yaml)`` of ``text`` as statement ``sid``."""
    d, t, yaml_text = draft_text(tmp_path, text, sid)
    return d, t.string, yaml_text


def acts_agents(d, s: str) -> list[tuple]:
    """``(verb words, kind, agents)`` of each drafted act, in order (``s`` the text's string)."""
    return [(s[a.verb[0]:a.verb[1]], a.kind, a.agents) for a in d.acts]


def posts_held(d) -> dict[str, list[str]]:
    """Each drafted person's id and the posts they hold."""
    return {e.id: [f.obj for f in e.facts if f.prop == "org:holds"] for e in d.entities.values() if e.cls == "Person"}
