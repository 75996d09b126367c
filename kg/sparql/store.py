"""The persistent store: Oxigraph on disk (RocksDB), updated part by part, read by ``kg query``.

``OUT/store/`` holds every quad of a build in its named graphs (each statement's
``id:graph/S/facts``, ``…/provenance``, ``…/enrichment``, ``…/inferred``, ``…/coding``,
``…/coding-provenance``; the series and link graphs; ``id:graph/schema`` with the ontology and
vocabularies) and, in the **default graph, their union without duplicates**. Queries run over
the default graph (``use_default_graph_as_union=False``): Oxigraph's union-of-named-graphs
default keeps one copy of a triple per graph, so a shared entity described by every statement
would multiply every join that goes through it.

``OUT/store.json`` says what the store holds: the stamp of the build (a digest of every input)
and, per part (a statement, the corpus graphs, the schema), the digest of its quads. An update
replaces only the parts whose digest changed: the quads that left a part are removed from its
graphs (and from the default graph unless another graph still holds the triple), the new ones
added. ``store.json`` is removed before an update starts and written when it is done, so a
killed build leaves a store no reader trusts and the next build reloads it whole.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Callable, Iterable

from kg.errors import KGError

STORE = "store"
STATE = "store.json"


def _ox():
    import pyoxigraph

    return pyoxigraph


def state(out: Path) -> dict | None:
    """What the store of ``out`` holds (None: no store, or one being written)."""
    try:
        return json.loads((Path(out) / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _quads(lines: Iterable[str]) -> set:
    """The quads of N-Quads lines as the store gives them back (Oxigraph keeps some literals in a
    canonical form: ``"21"^^xsd:nonNegativeInteger`` comes back as ``xsd:integer``), so that an
    unchanged quad compares equal to the stored one."""
    ox = _ox()
    text = "".join(lines)
    if not text:
        return set()
    tmp = ox.Store()
    tmp.load(input=text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    return set(tmp)


def update(out: Path, parts: dict[str, tuple[str, Callable[[], list[str]], list[str]]], stamp: str, *,
           full: bool = False) -> dict:
    """Bring ``OUT/store`` to ``parts`` (name → (digest, a function giving its N-Quads lines, the
    files under ``out`` those lines come from)), recording ``stamp``; only parts whose digest
    changed are read. A changed part whose previous files are still there is updated from the
    difference of the old and new lines (a few quads for a one-line edit); otherwise its old quads
    are read from the store. Returns what changed."""
    ox = _ox()
    out = Path(out)
    path = out / STORE
    old = None if full else state(out)
    (out / STATE).unlink(missing_ok=True)  # from here until the end, no reader trusts the store
    if old is None and path.exists():
        shutil.rmtree(path)  # unknown content (a killed update, or --full): load it again
    try:
        store = ox.Store(str(path))
    except OSError as exc:
        raise KGError(f"cannot open the store: {exc} (is another kg build running?).", str(path)) from None
    changed = {"parts": 0, "added": 0, "removed": 0}
    known = (old or {}).get("parts", {})
    graphs: dict[str, list[str]] = {}
    gone: list = []
    # a new store is loaded once, from two files written part by part, not by two bulk loads a part
    # (100 statements, 1.68 M quads: 29 s instead of 44 s, on a loaded 2-core machine)
    load_quads, load_triples = out / f".{STORE}-load.{os.getpid()}.nq", out / f".{STORE}-load.{os.getpid()}.nt"
    sinks = (open(load_quads, "w", encoding="utf-8"), open(load_triples, "w", encoding="utf-8")) if old is None else None
    try:
        for name in sorted(set(known) | set(parts)):
            if name in parts and name in known and known[name]["digest"] == parts[name][0]:
                graphs[name] = known[name]["graphs"]
                continue
            changed["parts"] += 1
            lines = parts[name][1]() if name in parts else []
            if name in parts:
                graphs[name] = sorted({_graph_of(line) for line in lines})
            if sinks is not None:  # a new store: the quads, and the same lines as triples of the default graph
                sinks[0].writelines(lines)
                sinks[1].writelines(map(_triple, lines))
                changed["added"] += len(lines)
                continue
            previous = _previous_lines(out, known.get(name, {}))
            if previous is not None:
                removed, added = _line_difference(previous, lines)
            else:
                before = set()
                for g in known.get(name, {}).get("graphs", []):
                    before.update(store.quads_for_pattern(None, None, None, ox.NamedNode(g)))
                after = _quads(lines)
                removed, added = before - after, after - before
            for q in removed:
                store.remove(q)
                gone.append(q)
            if added:
                store.extend(added)
                store.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in added)
            changed["added"] += len(added)
            changed["removed"] += len(removed)
        if sinks is not None:
            for fh in sinks:
                fh.close()
            store.bulk_load(path=str(load_quads), format=ox.RdfFormat.N_QUADS)
            store.bulk_load(path=str(load_triples), format=ox.RdfFormat.N_TRIPLES)
    finally:
        if sinks is not None:
            for fh in sinks:
                fh.close()
            load_quads.unlink(missing_ok=True)
            load_triples.unlink(missing_ok=True)
    for q in gone:  # the default graph keeps a triple as long as some named graph has it
        if not any(x.graph_name != ox.DefaultGraph() for x in store.quads_for_pattern(q.subject, q.predicate, q.object, None)):
            store.remove(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()))
    store.flush()
    del store
    new_state = {"stamp": stamp, "parts": {name: {"digest": parts[name][0], "graphs": graphs[name],
                                                  "files": list(parts[name][2])} for name in parts}}
    tmp = out / f".{STATE}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(new_state, indent=0, sort_keys=True), encoding="utf-8")
    os.replace(tmp, out / STATE)
    return changed


def _previous_lines(out: Path, entry: dict) -> list[str] | None:
    """The lines the store was last given for a part, from its files, if they are all there."""
    files = entry.get("files")
    if not files:
        return None
    lines: list[str] = []
    for f in files:
        try:
            with open(out / f, encoding="utf-8") as fh:
                lines.extend(fh)
        except OSError:
            return None
    return lines


def _line_difference(old: list[str], new: list[str]) -> tuple[set, set]:
    """``(removed, added)`` quads, as the store holds them, between two versions of a part's lines.

    Only the lines that changed are parsed. The store keeps some literals in a canonical form
    (:func:`_quads`), so two different lines can be one stored quad: a quad is removed only if
    no line of the new version is that quad (checked on the new lines with the same subject and
    predicate), and one both removed and added stays."""
    old_set, new_set = set(old), set(new)
    gone_lines, new_lines = old_set - new_set, new_set - old_set
    removed, added = _quads(gone_lines), _quads(new_lines)
    both = removed & added
    removed, added = removed - both, added - both
    if removed:
        heads = {line.split(" ", 2)[0] + " " + line.split(" ", 2)[1] for line in gone_lines}
        same_head = [line for line in new_set & old_set if line.split(" ", 2)[0] + " " + line.split(" ", 2)[1] in heads]
        removed -= _quads(same_head)
    return removed, added


def _graph_of(line: str) -> str:
    end = line.rindex(">")
    return line[line.rindex("<", 0, end) + 1:end]


def _triple(line: str) -> str:
    """``s p o <g> .`` → ``s p o .`` (our lines: the graph is always an IRI)."""
    end = line.rindex(">")
    return line[:line.rindex("<", 0, end) - 1] + " .\n"


def open_current(out: Path, stamp: str):
    """The store of ``out`` opened read-only if it holds the build ``stamp``, else None."""
    st = state(out)
    if st is None or st.get("stamp") != stamp or not (Path(out) / STORE).is_dir():
        return None
    try:
        return _ox().Store.read_only(str(Path(out) / STORE))
    except OSError:
        return None
