"""The draft as the drafter builds it up, before it is written as YAML."""

from __future__ import annotations

import re

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Fact:
    prop: str
    obj: Any
    evidence: Any  # a quote spec (string or mapping)
    comment: str | None = None


@dataclass
class Entity:
    id: str
    cls: str
    label: str | None = None
    mentions: list[Any] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # where the text names it
    acronym: list[str] = field(default_factory=list)
    ko: str | None = None
    facts: list[Fact] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # begin/end/quote/month/expression/relation/anchor
    comments: list[str] = field(default_factory=list)
    known: bool = False  # reused from the registry
    side: str | None = None  # the state a person, post or delegation belongs to

    def add_mention(self, spec: Any, span: tuple[int, int]) -> None:
        if spec not in self.mentions:
            self.mentions.append(spec)
        if span not in self.spans:
            self.spans.append(span)

    def has_fact(self, prop: str, obj: Any = None) -> bool:
        return any(f.prop == prop and (obj is None or f.obj == obj) for f in self.facts)

    def add_fact(self, prop: str, obj: Any, evidence: Any, comment: str | None = None) -> None:
        if not self.has_fact(prop, obj):
            self.facts.append(Fact(prop, obj, evidence, comment))


@dataclass
class Act:
    id: str
    kind: str
    span: tuple[int, int]  # the act's words (subject or verb to the end of its content)
    verb: tuple[int, int]
    agents: list[str]
    agent_span: tuple[int, int]
    agent_in_sentence: bool
    content: tuple[int, int]
    condition: tuple[int, int] | None = None
    session: str | None = None
    session_span: tuple[int, int] | None = None
    about: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    due: str | None = None
    due_before: str | None = None
    due_span: tuple[int, int] | None = None
    comments: list[str] = field(default_factory=list)


@dataclass
class Draft:
    id: str
    title: str
    kind: str
    language: str
    partial: bool
    entities: dict[str, Entity] = field(default_factory=dict)
    acts: list[Act] = field(default_factory=list)
    reports: str | None = None
    document: list[Fact] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    capture_note: str = ""
    capture: tuple[str, int] = ("", 0)  # the input file as given, and where the text starts in it
    sides: list[str] = field(default_factory=list)
    delegations: dict[str, str] = field(default_factory=dict)  # state -> delegation id
    leaders: dict[str, list[str]] = field(default_factory=dict)  # delegation/state -> person ids

    def entity(self, ident: str) -> Entity | None:
        return self.entities.get(ident)

    def add(self, ent: Entity) -> Entity:
        have = self.entities.get(ent.id)
        if have is None:
            self.entities[ent.id] = ent
            return ent
        for m, sp in zip(ent.mentions, ent.spans):
            have.add_mention(m, sp)
        for f in ent.facts:
            have.add_fact(f.prop, f.obj, f.evidence, f.comment)
        return have


def slug(words: str) -> str:
    """The project's slug of some words: lower case, ASCII letters and digits joined by hyphens
    ("U.S." is "us"; a letter with a diacritic is its base letter: "Año" is "ano")."""
    import unicodedata

    s = words.lower().replace("’", "").replace("'", "").replace("&", " and ")
    s = "".join(ch for ch in unicodedata.normalize("NFKD", s.replace("đ", "d")) if not unicodedata.combining(ch))  # "Año": ano
    s = re.sub(r"\bu\.s\.?", "us", s)
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s
