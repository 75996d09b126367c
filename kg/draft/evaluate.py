"""``kg draft --evaluate``: the drafter measured on the reviewed statements, leave-one-out.

Each reviewed statement is drafted again from its text with a registry built from the *other*
reviewed statements only, and the draft is compared with the reviewed YAML:

* acts — an act matches when its verb stands at the same place in the text (the reviewed act's verb
  is the first verb form of the lexicon in its quote after its agent phrase; an act left over then
  matches a drafted act left over whose verb lies in its quote); recall, precision, kind
  right, agents right as resolved parties (the states they speak for), conditions found, session right;
* entities — recall by class (a reviewed entity is found when the draft has its id or names it at the
  same place), linking precision (a reused id is one the reviewed statement uses), new ids that
  duplicate an entity the other statements know;
* whether the draft builds and validates untouched, and seconds per statement (drafting only).

``evaluate_held_out`` measures the same on statements the drafter was never tuned on (``--held-out``).
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from kg.errors import KGError

_BODY = {"Dialogue", "Committee", "WorkingGroup", "ConsultativeMeeting", "ConsultativeGroup", "Initiative", "Talks"}


def reviewed_statements(root: Path) -> list[str]:
    """Every statement under ``root`` that is not a draft and is in a language the drafter reads
    (discovered, not listed)."""
    from kg.source.statement import statement_folders

    out = []
    for folder in statement_folders(root):
        head = (folder / "statement.yaml").read_text(encoding="utf-8")
        if _is_draft(head) or not re.search(r"^language:\s*en\s*$", head, re.M):
            continue
        out.append(folder.name)
    return out


def _is_draft(statement_yaml: str) -> bool:
    """The statement's YAML says ``review: draft`` (nobody has reviewed it yet)."""
    return re.search(r"^review:\s*draft\s*$", statement_yaml, re.M) is not None


def evaluate(root: Path, only: list[str] | None = None, check_build: bool = True) -> dict[str, Any]:
    from kg.draft.header import Source
    from kg.draft.registry import load_registry
    from kg.source.statement import load_statement

    ids = only or reviewed_statements(root)
    if not ids:
        raise KGError("there is no reviewed statement to evaluate the drafter on.", str(root))
    drafts = {sid for sid in (p.parent.name for p in root.glob("*/statement.yaml")) if sid not in reviewed_statements(root)}
    rows = []
    for sid in ids:
        st = load_statement(root / sid)
        raw = st.texts["capture"].string if "capture" in st.texts else st.text.string
        src = Source(path=st.folder / "text.txt", raw=raw, text=st.text.string, text_offset=0,
                     title=str(st.data["title"]), date=None, source=None, partial=bool(st.data["partial"]),
                     language=str(st.data["language"]), note=None, has_header=False)
        registry = load_registry(root, exclude={sid} | drafts)
        rows.append(_measure(st, src, sid, registry, check_build))
    return {"statements": rows, "overall": _overall(rows)}


def held_out_statements(folder: Path) -> list[str]:
    """The held-out statements under ``folder``: each a reviewed gold folder ``<id>/`` beside its
    input text ``<id>.txt`` (the corpus format)."""
    if not folder.is_dir():
        raise KGError("there is no such folder of held-out statements.", str(folder))
    ids = sorted(p.parent.name for p in folder.glob("*/statement.yaml") if (folder / f"{p.parent.name}.txt").is_file())
    if not ids:
        raise KGError("the folder holds no held-out statement: each needs <id>.txt (the text to draft) beside "
                      "<id>/statement.yaml, text.txt, capture.txt (the reviewed gold).", str(folder))
    return ids


def evaluate_held_out(root: Path, folder: Path, check_build: bool = True) -> dict[str, Any]:
    """Draft each held-out text of ``folder`` with the registry of every reviewed statement of
    ``root`` (none of them is the held-out one) and compare it with its gold, as ``evaluate`` does."""
    from kg.draft.header import read_source
    from kg.draft.registry import load_registry
    from kg.source.statement import load_statement

    ids = held_out_statements(folder)
    known = sorted(set(ids) & {p.parent.name for p in root.glob("*/statement.yaml")})
    if known:
        raise KGError(f"the held-out statement(s) {', '.join(known)} are also in the statements folder: they are not held out.",
                      str(folder))
    drafts = {p.parent.name for p in root.glob("*/statement.yaml") if _is_draft(p.read_text(encoding="utf-8"))}
    registry = load_registry(root, exclude=drafts)  # every reviewed statement, in any language
    rows = []
    for sid in ids:
        st = load_statement(folder / sid)
        src = read_source(folder / f"{sid}.txt")
        rows.append(_measure(st, src, sid, registry, check_build))
    return {"statements": rows, "overall": _overall(rows), "held_out": str(folder)}


def _builds(sid: str, src, yaml_text: str) -> dict[str, Any]:
    from kg.pipeline import build
    from kg.checks.validate import validate

    tmp = Path(tempfile.mkdtemp(prefix="kg-draft-eval-"))
    try:
        folder = tmp / sid
        folder.mkdir()
        (folder / "text.txt").write_text(src.text, encoding="utf-8")
        (folder / "capture.txt").write_text(src.raw, encoding="utf-8")
        (folder / "statement.yaml").write_text(yaml_text, encoding="utf-8")
        try:
            result = build(tmp, only=sid)
            report = validate(result.queryable())
        except KGError as exc:
            return {"ok": False, "error": str(exc)}
        return {"ok": bool(report.conforms), "error": None if report.conforms else report.summary()}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# ---------------------------------------------------------------------- comparison
def compare(st, d, t, registry) -> dict[str, Any]:
    from kg.draft.lexicon import load_lexicon

    lex = load_lexicon()
    text = st.text
    ents = {str(e["id"]): e for e in st.data.get("entities", []) or []}
    # --- acts
    gold = []
    for a in st.data.get("acts", []) or []:
        try:
            span = _locate(text, a.get("quote"))
        except KGError:
            continue
        verb = _verb_in(text.string, span, a, lex)
        gold.append({"id": str(a["id"]), "kind": str(a["kind"]), "span": span, "verb": verb,
                     "agents": [str(x) for x in a.get("agents", [])], "condition": "condition" in a,
                     "session": str(a["session"]) if "session" in a else None})
    drafted = [{"id": a.id, "kind": a.kind, "verb": a.verb, "agents": a.agents, "condition": a.condition is not None,
                "session": a.session} for a in d.acts]
    used: set[int] = set()
    pairs = []
    for g in gold:
        best = None
        for i, x in enumerate(drafted):
            if i in used:
                continue
            if g["verb"] is not None:
                hit = x["verb"][0] < g["verb"][1] and g["verb"][0] < x["verb"][1]
            else:
                hit = g["span"][0] <= x["verb"][0] < g["span"][1]
            if hit:
                best = i
                break
        if best is not None:
            used.add(best)
            pairs.append((g, drafted[best]))
    # second pass: the verb of a reviewed act is only guessed (the first lexicon form in its quote); a
    # drafted act left over whose verb lies in the quote of a reviewed act left over is the same act
    for g in gold:
        if g["verb"] is None or any(g is p[0] for p in pairs):
            continue
        for i, x in enumerate(drafted):
            if i not in used and g["span"][0] <= x["verb"][0] < g["span"][1]:
                used.add(i)
                pairs.append((g, x))
                break
    gold_party = _parties_gold(ents)
    draft_party = _parties_draft(d)
    kind_ok = sum(1 for g, x in pairs if g["kind"] == x["kind"])
    agent_ok = sum(1 for g, x in pairs if _party_set(g["agents"], gold_party) == _party_set(x["agents"], draft_party))
    agent_id_ok = sum(1 for g, x in pairs if set(g["agents"]) == set(x["agents"]))
    cond_gold = [g for g in gold if g["condition"]]
    cond_found = sum(1 for g, x in pairs if g["condition"] and x["condition"])
    sess_ok = sum(1 for g, x in pairs if g["session"] == x["session"])
    sess_gold = sum(1 for g in gold if g["session"])
    sess_found = sum(1 for g, x in pairs if g["session"] and g["session"] == x["session"])
    # --- entities
    gold_spans = {i: _mention_spans(text, e) for i, e in ents.items()}
    by_class: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for i, e in ents.items():
        cls = str(e.get("a"))
        by_class[cls][1] += 1
        if i in d.entities or any(_overlap(sp, ds) for sp in gold_spans[i] for de in d.entities.values() for ds in de.spans
                                  if _compatible(cls, de.cls)):
            by_class[cls][0] += 1
    reused = [e for e in d.entities.values() if e.known]
    link_ok = sum(1 for e in reused if e.id in ents)
    dup_all, dup_key = [], []
    for e in d.entities.values():
        if e.known or registry.get(e.id):
            continue
        for i, ge in ents.items():
            if i == e.id or not registry.get(i):
                continue
            if any(_overlap(sp, ds) for sp in gold_spans[i] for ds in e.spans) and _compatible(str(ge.get("a")), e.cls):
                dup_all.append(f"{e.id} = {i}")
                if e.cls in _BODY | {"Person", "Meeting"}:
                    dup_key.append(f"{e.id} = {i}")
                break
    return {
        "id": st.id,
        "acts": {"reviewed": len(gold), "drafted": len(drafted), "matched": len(pairs), "kind_ok": kind_ok,
                 "agents_ok": agent_ok, "agents_id_ok": agent_id_ok, "conditions": len(cond_gold),
                 "conditions_found": cond_found, "sessions": sess_gold, "sessions_found": sess_found, "session_ok": sess_ok,
                 "reviewed_without_lexicon_verb": sum(1 for g in gold if g["verb"] is None),
                 "missed": [g["id"] for g in gold if not any(g is p[0] for p in pairs)],
                 "spurious": [x["id"] for i, x in enumerate(drafted) if i not in used]},
        "entities": {"by_class": {k: {"found": v[0], "reviewed": v[1]} for k, v in sorted(by_class.items())},
                     "reused": len(reused), "reused_right": link_ok,
                     "reused_wrong": [e.id for e in reused if e.id not in ents],
                     "duplicates": dup_all, "duplicates_person_body_meeting": dup_key},
    }


def _compatible(a: str, b: str) -> bool:
    if a == b:
        return True
    groups = [_BODY, {"Meeting", "Session"}, {"Interval", "Month"}, {"Document", "Strategy", "Review", "Agreement",
              "Resolution", "Plan", "JointStatement", "PressStatement"}, {"City", "Region", "Sea", "Site", "Place"},
              {"Organization", "Ministry", "InternationalOrganization", "CombinedCommand"}]
    return any(a in g and b in g for g in groups)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _locate(text, spec) -> tuple[int, int]:
    if isinstance(spec, dict):
        sp = text.locate(spec["quote"], "eval", within=spec.get("within"), occurrence=spec.get("occurrence"))
    else:
        sp = text.locate(str(spec), "eval")
    return sp.begin, sp.end


def _mention_spans(text, ent) -> list[tuple[int, int]]:
    out = []
    for key in ("mentions",):
        for m in ent.get(key) or []:
            try:
                if isinstance(m, dict):
                    if m.get("in", "text") != "text":
                        continue
                    out.append(_locate(text, m))
                else:
                    out.extend((s.begin, s.end) for s in text.mentions(str(m), "eval"))
            except KGError:
                continue
    q = ent.get("quote") if ent.get("quote") is not None else ent.get("expression")  # a relative time: its expression
    if isinstance(q, (str, dict)) and not (isinstance(q, dict) and q.get("in", "text") != "text"):
        try:
            out.append(_locate(text, q))
        except KGError:
            pass
    return out


def _verb_in(s: str, span: tuple[int, int], act: dict, lex) -> tuple[int, int] | None:
    b, e = span
    ap = act.get("agent_phrase")
    start = b
    if isinstance(ap, str):
        i = s.find(ap, b, e)
        if i >= 0:
            start = i + len(ap)
    best = None
    for v in lex.verbs:
        rx = re.compile(r"(?<![\w\-])" + r"\s+".join(re.escape(w) for w in v.words.split()) + r"(?![\w\-])", re.I)
        m = rx.search(s, start, e)
        if m and (best is None or m.start() < best[0] or (m.start() == best[0] and m.end() > best[1])):
            best = (m.start(), m.end())
    return best


def _parties_gold(ents: dict[str, dict]) -> dict[str, set[str]]:
    facts = {i: [(str(f[0]), f[1]) for f in (e.get("facts") or []) if isinstance(f, list) and len(f) >= 2] for i, e in ents.items()}
    classes = {i: str(e.get("a")) for i, e in ents.items()}
    return _party_map(facts, classes)


def _parties_draft(d) -> dict[str, set[str]]:
    facts = {i: [(f.prop, f.obj) for f in e.facts] for i, e in d.entities.items()}
    classes = {i: e.cls for i, e in d.entities.items()}
    return _party_map(facts, classes)


def _party_map(facts: dict[str, list], classes: dict[str, str]) -> dict[str, set[str]]:
    def state_of(i: str, depth: int = 0) -> set[str]:
        if depth > 4 or i not in classes:
            return {i} if i.startswith("state/") else set()
        if classes[i] == "State":
            return {i}
        out: set[str] = set()
        for p, o in facts.get(i, []):
            if not isinstance(o, str):
                continue
            if p in ("represents", "org:holds", "org:postIn", "org:subOrganizationOf"):
                out |= state_of(o, depth + 1)
        if not out and i.startswith("person/"):
            for j, fs in facts.items():
                for p, o in fs:
                    if p == "ledBy" and o == i:
                        out |= state_of(j, depth + 1)
        return out

    return {i: state_of(i) for i in classes}


def _party_set(agents: list[str], parties: dict[str, set[str]]) -> frozenset[str]:
    out: set[str] = set()
    for a in agents:
        out |= parties.get(a) or {a}
    return frozenset(out)


# ---------------------------------------------------------------------- totals and printing
def _overall(rows: list[dict[str, Any]]) -> dict[str, Any]:
    tot: dict[str, int] = defaultdict(int)
    cls: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        for k, v in r["acts"].items():
            if isinstance(v, int):
                tot[k] += v
        for k, v in r["entities"]["by_class"].items():
            cls[k][0] += v["found"]
            cls[k][1] += v["reviewed"]
        tot["reused"] += r["entities"]["reused"]
        tot["reused_right"] += r["entities"]["reused_right"]
        tot["duplicates"] += len(r["entities"]["duplicates"])
        tot["duplicates_person_body_meeting"] += len(r["entities"]["duplicates_person_body_meeting"])
    builds = [r["builds"]["ok"] for r in rows if r.get("builds") is not None]
    secs = [r["seconds"] for r in rows]
    return {
        "act_recall": _ratio(tot["matched"], tot["reviewed"]),
        "act_precision": _ratio(tot["matched"], tot["drafted"]),
        "kind_right": _ratio(tot["kind_ok"], tot["matched"]),
        "agents_right": _ratio(tot["agents_ok"], tot["matched"]),
        "agents_same_ids": _ratio(tot["agents_id_ok"], tot["matched"]),
        "conditions_found": f"{tot['conditions_found']}/{tot['conditions']}",
        "sessions_found": f"{tot['sessions_found']}/{tot['sessions']}",
        "session_right": _ratio(tot["session_ok"], tot["matched"]),
        "entity_recall_by_class": {k: f"{v[0]}/{v[1]}" for k, v in sorted(cls.items())},
        "entity_recall": _ratio(sum(v[0] for v in cls.values()), sum(v[1] for v in cls.values())),
        "linking_precision": _ratio(tot["reused_right"], tot["reused"]),
        "duplicates": tot["duplicates"],
        "duplicates_person_body_meeting": tot["duplicates_person_body_meeting"],
        "build_and_validate": _ratio(sum(builds), len(builds)) if builds else None,
        "seconds_per_statement": round(sum(secs) / len(secs), 3) if secs else None,
        "counts": dict(tot),
    }


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def _f(v: Any) -> str:
    return "—" if v is None else (f"{v:.2f}" if isinstance(v, float) else str(v))


def format_table(result: dict[str, Any]) -> str:
    head = ["statement", "acts", "recall", "precision", "kind", "agents", "cond.", "sessions", "ent. recall",
            "linking", "dupl.", "builds", "s"]
    lines = []
    for r in result["statements"]:
        a, e = r["acts"], r["entities"]
        found = sum(v["found"] for v in e["by_class"].values())
        total = sum(v["reviewed"] for v in e["by_class"].values())
        lines.append([r["id"], f"{a['matched']}/{a['reviewed']} ({a['drafted']})", _f(_ratio(a["matched"], a["reviewed"])),
                      _f(_ratio(a["matched"], a["drafted"])), _f(_ratio(a["kind_ok"], a["matched"])),
                      _f(_ratio(a["agents_ok"], a["matched"])), f"{a['conditions_found']}/{a['conditions']}",
                      f"{a['sessions_found']}/{a['sessions']}", _f(_ratio(found, total)),
                      _f(_ratio(e["reused_right"], e["reused"])), str(len(e["duplicates"])),
                      "yes" if r.get("builds", {}) and r["builds"]["ok"] else ("—" if r.get("builds") is None else "NO"),
                      f"{r['seconds']:.2f}"])
    o = result["overall"]
    c = o["counts"]
    lines.append(["overall", f"{c['matched']}/{c['reviewed']} ({c['drafted']})", _f(o["act_recall"]), _f(o["act_precision"]),
                  _f(o["kind_right"]), _f(o["agents_right"]), o["conditions_found"], o["sessions_found"],
                  _f(o["entity_recall"]), _f(o["linking_precision"]), str(o["duplicates"]),
                  _f(o["build_and_validate"]), _f(o["seconds_per_statement"])])
    widths = [max(len(str(x[i])) for x in [head] + lines) for i in range(len(head))]
    out = ["  ".join(str(x).ljust(w) for x, w in zip(head, widths)).rstrip()]
    for row in lines:
        out.append("  ".join(str(x).ljust(w) for x, w in zip(row, widths)).rstrip())
    out.append("")
    out.append("acts: recall and precision by verb position (matched/reviewed, drafted in brackets); kind and agents "
               "(as resolved parties) right among matched acts; cond. = conditional acts found with their condition; "
               "sessions = session placements found.")
    out.append("entity recall by class: " + ", ".join(f"{k} {v}" for k, v in o["entity_recall_by_class"].items()))
    out.append(f"linking precision: {_f(o['linking_precision'])} of reused ids right; new ids duplicating a known entity: "
               f"{o['duplicates']} ({o['duplicates_person_body_meeting']} of a person, body or meeting); "
               f"agents with the very same ids: {_f(o['agents_same_ids'])}")
    return "\n".join(out)


def write_json(result: dict[str, Any], out: Path, name: str = "draft.json") -> Path:
    from kg.exports.files import write_atomic

    path = out / name
    write_atomic(path, json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return path


def _measure(st, src, sid: str, registry, check_build: bool) -> dict:
    """Draft one statement from its text, compare it with the reviewed one, time it, and build it."""
    from kg.draft import make_draft

    t0 = time.perf_counter()
    try:
        d, t, yaml_text = make_draft(src, sid, registry)
    except Exception as exc:  # a text the drafter fails on is measured as an empty draft that does not build
        seconds = time.perf_counter() - t0
        row = compare(st, SimpleNamespace(acts=[], entities={}), None, registry)
        row["seconds"] = round(seconds, 3)
        row["builds"] = {"ok": False, "error": f"the drafter failed: {type(exc).__name__}: {exc}"}
        return row
    seconds = time.perf_counter() - t0
    row = compare(st, d, t, registry)
    row["seconds"] = round(seconds, 3)
    row["builds"] = _builds(sid, src, yaml_text) if check_build else None
    return row
