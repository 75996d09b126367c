"""What the corpus already knows: every entity of the existing statements, by the words that name it.

The registry is read from the statements' YAML (not from a built graph: it is fast and needs no
text). An entity is known by its English label, its string mentions, its acronyms and its Korean
label. Things a statement identifies only relative to itself (ids scoped under a statement,
delegations, the statement's own times) are not offered for reuse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.errors import KGError

# Classes whose instances belong to one statement even when their id looks global.
_LOCAL_CLASSES = {"Delegation", "Interval", "RelativeTime"}
# Surface forms too generic to link by themselves.
_GENERIC = {"conventional", "nuclear", "missile defense", "the minister", "the secretary", "minister", "the pandemic",
            "military", "civilians", "negotiations", "joint exercises", "recent", "president"}


@dataclass
class Known:
    """One entity of the corpus."""

    id: str
    cls: str
    label: str
    statements: list[str] = field(default_factory=list)
    forms: set[str] = field(default_factory=set)  # labels and mentions (case kept)
    acronyms: set[str] = field(default_factory=set)
    ko: str | None = None
    facts: list[tuple[str, Any, str]] = field(default_factory=list)  # (property, object, from statement)


@dataclass
class Registry:
    entities: dict[str, Known] = field(default_factory=dict)
    statements: list[str] = field(default_factory=list)
    reviewed: list[str] = field(default_factory=list)
    # the days of the statements' times: (statement, time id) -> (first day, last day), ISO strings
    times: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)

    def days(self, sid: str, ident: str) -> tuple[str, str] | None:
        return self.times.get((sid, ident))

    def forms(self) -> list[tuple[str, str, str]]:
        """(surface form, entity id, how) for every linkable form, longest first."""
        out = []
        for k in self.entities.values():
            for f in k.forms:
                out.append((f, k.id, "mention"))
            for a in k.acronyms:
                out.append((a, k.id, "acronym"))
        out.sort(key=lambda t: (-len(t[0]), t[1]))
        return out

    def get(self, ident: str) -> Known | None:
        return self.entities.get(ident)


def _loader():
    from kg.source.statement import _Loader  # the project's loader: dates stay strings

    return _Loader


def load_registry(root: Path, exclude: set[str] | None = None) -> Registry:
    """The entities of every statement under ``root`` except those in ``exclude``."""
    reg = Registry()
    if not root.is_dir():
        return reg
    for path in sorted(root.glob("*/statement.yaml")):
        sid = path.parent.name
        if exclude and sid in exclude:
            continue
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_loader())  # noqa: S506
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise KGError(f"cannot read this statement for the registry: {exc}", str(path)) from None
        if not isinstance(data, dict):
            continue
        reg.statements.append(sid)
        if str(data.get("review", "reviewed")) != "draft":
            reg.reviewed.append(sid)
        for ent in data.get("entities") or []:
            if isinstance(ent, dict) and "id" in ent:
                _add(reg, sid, ent)
    return reg


def is_local(ident: str, cls: str, sid: str | None = None) -> bool:
    parts = ident.split("/")
    if cls in _LOCAL_CLASSES:
        return True
    if len(parts) > 2:  # type/statement/slug: scoped under its statement
        return True
    return False


def _add_time(reg: Registry, sid: str, ident: str, cls: str, ent: dict) -> None:
    import calendar

    try:
        if cls == "Interval" and ent.get("begin") and ent.get("end"):
            reg.times[(sid, ident)] = (str(ent["begin"]), str(ent["end"]))
        elif cls == "Month" and re.fullmatch(r"\d{4}-\d{2}", str(ent.get("month", ""))):
            y, m = map(int, str(ent["month"]).split("-"))
            reg.times[(sid, ident)] = (f"{y:04d}-{m:02d}-01", f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}")
    except (ValueError, TypeError):
        pass


def _add(reg: Registry, sid: str, ent: dict) -> None:
    ident, cls = str(ent["id"]), str(ent.get("a", ""))
    if cls in ("Interval", "Month"):
        _add_time(reg, sid, ident, cls, ent)
    if is_local(ident, cls) or ident.split("/", 1)[-1].startswith(sid + "-"):
        return  # a statement's own things ("group/kidd-21-senior-officials") are not offered for reuse
    label = ent.get("label")
    if cls == "Month":
        q = ent.get("quote")
        label = q if isinstance(q, str) else None
    if not isinstance(label, str):
        return
    k = reg.entities.get(ident)
    if k is None:
        k = reg.entities[ident] = Known(ident, cls, label)
    if sid not in k.statements:
        k.statements.append(sid)
    if cls != "Month":
        k.forms.add(label)
    for m in ent.get("mentions") or []:
        if isinstance(m, str):
            k.forms.add(m)
        elif isinstance(m, dict) and isinstance(m.get("quote"), str) and "within" not in m and len(m["quote"]) > 3:
            k.forms.add(m["quote"])
    k.forms = {f for f in k.forms if f.strip() and f.lower() not in _GENERIC}
    for a in ent.get("acronym") or []:
        if isinstance(a, str) and len(a) >= 2 and re.search(r"[A-Z]", a):
            k.acronyms.add(a)
    ko = ent.get("ko")
    if isinstance(ko, dict):  # a Korean statement quotes its Korean name: the words are the name
        ko = ko.get("quote")
    if ko and (k.ko is None or not isinstance(ent.get("ko"), dict)):
        k.ko = str(ko)
    for f in ent.get("facts") or []:
        if isinstance(f, list) and len(f) >= 2:
            k.facts.append((str(f[0]), f[1], sid))
