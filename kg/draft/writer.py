"""Writing the draft in the project's source format: statement.yaml with the drafter's doubts as
YAML comments, beside text.txt (and capture.txt, the input file as given)."""

from __future__ import annotations

import json
from typing import Any

from kg.draft.model import Act, Draft, Entity
from kg.draft.sentences import Text

_ORDER = ["State", "Ministry", "InternationalOrganization", "Alliance", "Organization", "MilitaryForce",
          "CombinedCommand", "Group", "Delegation", "Person", "Post", "Dialogue", "Committee", "WorkingGroup",
          "ConsultativeMeeting", "ConsultativeGroup", "Initiative", "Talks", "Interval", "Month", "RelativeTime",
          "Meeting", "Session", "Exercise", "MissileTest", "NuclearTest", "TestSiteActivity", "Event", "Process",
          "Study", "Document", "Strategy", "Review", "Agreement", "Resolution", "Plan", "JointStatement",
          "PressStatement", "Annex", "Capability", "System", "City", "Region", "Sea", "Site", "Place", "Commitment"]


def q(value: Any) -> str:
    """A YAML scalar or flow mapping for a quote spec (JSON strings are YAML double-quoted scalars)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {q(v)}" for k, v in value.items()) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def _comment(lines: list[str], text: str, indent: str) -> None:
    for part in text.split("\n"):
        lines.append(f"{indent}# DRAFT: {part}")


def write_yaml(d: Draft, t: Text, drafter: dict[str, str]) -> str:
    L: list[str] = []
    L.append(f"# Draft of “{d.title}”, written by `kg draft` (rule-based; version {drafter['version']}).")
    L.append("#")
    L.append("# Review it before trusting it: every `# DRAFT:` comment marks a choice the drafter was unsure of.")
    L.append("# `kg draft --report " + d.id + "` lists them. When done, set `review: reviewed` with `reviewer:` and")
    L.append("# `reviewed:` (a date), and delete the `drafted:` block's comments you have settled.")
    L.append("")
    L.append(f"id: {d.id}")
    L.append(f"title: {q(d.title)}")
    L.append(f"kind: {d.kind}")
    L.append(f"language: {d.language}")
    L.append("text: text.txt")
    L.append(f"partial: {'true' if d.partial else 'false'}")
    L.append(f"reports: {d.reports}")
    L.append("review: draft")
    L.append("drafted:")
    L.append(f"  by: {q(drafter['by'])}")
    L.append(f"  version: {q(drafter['version'])}")
    L.append(f"  date: {drafter['date']}")
    L.append("capture:")
    L.append("  file: capture.txt")
    L.append(f"  note: {q(d.capture_note)}")
    if d.document:
        L.append("document:")
        for f in d.document:
            if f.comment:
                _comment(L, f.comment, "  ")
            L.append(f"  - [{f.prop}, {q(f.obj) if not _is_ref(f.obj) else f.obj}, {q(f.evidence)}]")
    for c in d.comments:
        _comment(L, c, "")
    L.append("")
    L.append("entities:")
    ents = sorted(d.entities.values(), key=lambda e: (_ORDER.index(e.cls) if e.cls in _ORDER else 99, min((s[0] for s in e.spans), default=0)))
    for ent in ents:
        L.append("")
        _entity(L, ent)
    L.append("")
    L.append("acts:")
    for act in d.acts:
        L.append("")
        _act(L, act, t, d)
    return "\n".join(L) + "\n"


def _is_ref(v: Any) -> bool:
    return isinstance(v, str) and ("/" in v or ":" in v) and " " not in v and not v.startswith("http")


def _entity(L: list[str], e: Entity) -> None:
    for c in e.comments:
        _comment(L, c, "  ")
    if e.known:
        _comment(L, "known entity, reused from the corpus", "  ")
    L.append(f"  - id: {e.id}")
    L.append(f"    a: {e.cls}")
    if e.cls == "Interval":
        L.append(f"    begin: {e.extra['begin']}")
        L.append(f"    end: {e.extra['end']}")
        L.append(f"    quote: {q(e.extra['quote'])}")
        return
    if e.cls == "Month":
        L.append(f"    month: {e.extra['month']}")
        L.append(f"    quote: {q(e.extra['quote'])}")
        return
    if e.cls == "RelativeTime":
        L.append(f"    expression: {q(e.extra['expression'])}")
        L.append(f"    relation: {e.extra['relation']}")
        L.append(f"    anchor: {e.extra['anchor']}")
        return
    L.append(f"    label: {q(e.label)}")
    if e.ko:
        L.append(f"    ko: {e.ko}")
    if e.acronym:
        L.append(f"    acronym: [{', '.join(q(a) for a in e.acronym)}]")
    if e.mentions:
        L.append(f"    mentions: [{', '.join(q(m) for m in e.mentions)}]")
    if e.facts:
        L.append("    facts:")
        for f in e.facts:
            if f.comment:
                _comment(L, f.comment, "      ")
            obj = f.obj if _is_ref(f.obj) or isinstance(f.obj, int) else q(f.obj)
            L.append(f"      - [{f.prop}, {obj}, {q(f.evidence)}]")


def _act(L: list[str], a: Act, t: Text, d: Draft) -> None:
    s = t.string
    scope = a.span
    for c in a.comments:
        _comment(L, c, "  ")
    L.append(f"  - id: {a.id}")
    L.append(f"    kind: {a.kind}")
    L.append(f"    quote: {q(t.quote(*a.span))}")
    if a.session:
        L.append(f"    session: {a.session}")
        L.append(f"    session_quote: {q(t.quote(*a.session_span))}")
    L.append(f"    agents: [{', '.join(a.agents)}]")
    if a.agent_in_sentence:
        sent = t.sentence_of(a.verb[0])
        spec = t.quote(*a.agent_span, scope=sent)
        spec = spec if isinstance(spec, dict) else {"quote": spec}
        spec["in_sentence"] = True
        L.append(f"    agent_phrase: {q(spec)}")
    elif not (scope[0] <= a.agent_span[0] and a.agent_span[1] <= scope[1]):
        # the speakers named outside the act (a clause in the statement's own voice): quoted from the capture
        raw, off = d.capture
        spec = Text.of(raw).quote(a.agent_span[0] + off, a.agent_span[1] + off)
        spec = spec if isinstance(spec, dict) else {"quote": spec}
        spec["in"] = "capture"
        L.append(f"    agent_phrase: {q(spec)}")
    else:
        L.append(f"    agent_phrase: {q(t.quote(*a.agent_span, scope=scope))}")
    L.append(f"    content: {q(t.quote(*a.content, scope=scope))}")
    if a.condition:
        L.append(f"    condition: {q(t.quote(*a.condition, scope=scope))}")
    if a.about:
        L.append(f"    about: [{', '.join(a.about)}]")
    if a.topics:
        L.append(f"    topics: [{', '.join(a.topics)}]")
    if a.due:
        L.append(f"    due: {a.due}")
        L.append(f"    due_quote: {q(t.quote(*a.due_span, scope=scope))}")
    del s
