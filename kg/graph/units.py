"""Per-statement build units, content-addressed and kept on disk as N-Quads.

A statement's named graphs (``id:graph/S/facts``, ``…/provenance``, ``…/enrichment``) depend only
on its own files, the ontology and vocabularies (``ontology/``), the code that builds them, and
whether the ids it borrows from other statements are declared somewhere. So each statement is
one *unit*, stored under ``OUT/units/S/`` as::

    graph-<key>.nq     its quads, one per line, sorted (written from plain strings)
    graph-<key>.json   what the corpus-wide pass needs without reading the quads: the ids it
                       declares, the ids it borrows, its English labels, the subjects of its
                       facts, and a digest of what it says about each id it declares

``key`` is the SHA-256 of the statement's files, ``ontology/``, the package's code and the
statement's folder name. A unit is reused when a file of that key exists and every id it
borrowed is still declared by some statement; otherwise it is rebuilt (in parallel, a process
pool). Nothing here holds the corpus in one rdflib graph. A unit's previous version stays on disk
until the store has been updated from the difference of the two files (:func:`prune`).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Dataset, Literal, URIRef
from rdflib.plugins.serializers.nt import _nt_row, _quoteLiteral

from kg.graph.digests import code_digest, digest, ontology_digest, statement_digest  # noqa: F401  (re-exported)
from kg.source.statement import Statement, load_statement

UNITS = "units"


def unit_key(folder: Path, ontology: str) -> str:
    return digest("unit/1", Path(folder).name, statement_digest(folder), ontology, code_digest())


# ------------------------------------------------------------------------------ N-Quads
def nquad(s: Any, p: Any, o: Any, g: URIRef) -> str:
    """One N-Quads line, byte for byte what rdflib's N-Triples writer gives plus the graph."""
    return _nt_row((s, p, o))[:-3] + f" <{g}> .\n"


def quads_text(dataset: Dataset | _Graphs) -> str:
    lines = set()
    terms: dict = {}  # each distinct term written once (the lines are nquad's, byte for byte)

    def n3(t: Any) -> str:  # as rdflib's N-Triples writer (_nt_row) writes a term
        out = terms.get(t)
        if out is None:
            out = terms[t] = _quoteLiteral(t) if isinstance(t, Literal) else t.n3()
        return out

    for ctx in dataset.graphs():
        g = ctx.identifier
        if not isinstance(g, URIRef) or str(g).startswith("urn:x-rdflib:"):
            continue
        tail = f" <{g}> .\n"
        for s, p, o in ctx:
            lines.add(f"{n3(s)} {n3(p)} {n3(o)}{tail}")
    return "".join(sorted(lines))


def subject_of(line: str) -> str:
    """The subject IRI (without <>) of an N-Quads line of ours (subjects are IRIs)."""
    return line[1:line.index(">")]


def graph_of(line: str) -> str:
    """The graph IRI (without <>) of one of our N-Quads lines."""
    end = line.rindex(">")
    return line[line.rindex("<", 0, end) + 1:end]


def _object_iri(line: str) -> str | None:
    from kg.namespace import ID

    obj = line.split(" ", 2)[2]
    if obj.startswith("<" + str(ID)):
        return obj[1:obj.index(">")]
    return None


def triple_of(line: str) -> str:
    """The N-Triples line of an N-Quads line of ours."""
    end = line.rindex(">")
    return line[:line.rindex("<", 0, end) - 1] + " .\n"


# ------------------------------------------------------------------------------ units
@dataclass
class Unit:
    """One statement's unit on disk (``meta`` is the JSON side file)."""

    id: str
    key: str
    folder: Path  # OUT/units/S
    meta: dict

    @property
    def quads_path(self) -> Path:
        return self.folder / f"graph-{self.key}.nq"

    @property
    def facts_path(self) -> Path:
        return self.folder / f"graph-{self.key}.facts.nq"

    def facts_lines(self) -> list[str]:
        with open(self.facts_path, encoding="utf-8") as fh:
            return fh.readlines()

    def lines(self) -> list[str]:
        with open(self.quads_path, encoding="utf-8") as fh:
            return fh.readlines()


def find(units_dir: Path, sid: str, key: str) -> Unit | None:
    """The stored unit of ``sid`` with ``key``, if there is a complete one."""
    folder = units_dir / sid
    meta_path = folder / f"graph-{key}.json"
    if not meta_path.is_file() or not (folder / f"graph-{key}.nq").is_file() \
            or not (folder / f"graph-{key}.facts.nq").is_file():
        return None
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return Unit(sid, key, folder, meta)


class _Recording(dict):
    """The id registry, noting which ids a statement looked up (the ids it borrows)."""

    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.asked: set[str] = set()

    def __contains__(self, key: object) -> bool:
        hit = dict.__contains__(self, key)
        if hit:
            self.asked.add(str(key))
        return hit


def declared_ids(st: Statement) -> list[str]:
    from kg.graph.build import declared_ids as _declared

    return _declared(st)


class _Triples:
    """A named graph as :class:`kg.graph.statement.StatementBuilder` uses one, and no more: it
    adds triples, asks for ``(s, p, o)``/``(s, p, None)``/``(None, p, o)`` and lists subjects;
    :func:`quads_text` iterates it. A set of rdflib terms with an index by subject: the unit is
    written as lines (sorted), so nothing needs rdflib's triple store, whose ``Graph.add`` costs
    several times a set's. The terms are the builder's own rdflib terms, compared as rdflib's
    memory store compares them (hash and ``==``)."""

    def __init__(self, identifier: URIRef) -> None:
        self.identifier = identifier
        self._triples: set[tuple] = set()
        self._by_subject: dict[Any, list[tuple]] = {}

    def add(self, triple: tuple) -> "_Triples":
        if triple not in self._triples:
            self._triples.add(triple)
            self._by_subject.setdefault(triple[0], []).append(triple)
        return self

    def __iter__(self):
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def triples(self, pattern: tuple):
        s, p, o = pattern
        for t in (self._by_subject.get(s, ()) if s is not None else self._triples):
            if (p is None or t[1] == p) and (o is None or t[2] == o):
                yield t

    def __contains__(self, pattern: tuple) -> bool:
        return next(self.triples(pattern), None) is not None

    def subjects(self, predicate: Any = None, object: Any = None):
        for t in self.triples((None, predicate, object)):
            yield t[0]

    def subject_objects(self, predicate: Any = None):
        for t in self.triples((None, predicate, None)):
            yield t[0], t[2]


class _Graphs:
    """What the builder asks of a dataset (``graph(iri)``) and :func:`quads_text` of one
    (``graphs()``): one :class:`_Triples` a name."""

    def __init__(self) -> None:
        self._graphs: dict[URIRef, _Triples] = {}

    def graph(self, iri: URIRef) -> _Triples:
        g = self._graphs.get(iri)
        if g is None:
            g = self._graphs[iri] = _Triples(iri)
        return g

    def graphs(self):
        return iter(self._graphs.values())


def build_unit(folder: Path, key: str, registry: dict[str, str], units_dir: Path,
               st: Statement | None = None) -> Unit:
    """Build one statement's named graphs and write its unit (quads, then the side file)."""
    from kg.graph.statement import StatementBuilder
    from kg.namespace import ID
    from kg.source.terms import load_schema
    from rdflib import RDFS

    st = st or load_statement(folder)
    ds = _Graphs()
    rec = _Recording(registry)
    b = StatementBuilder(st, load_schema(), ds, registry=rec)
    b.run()
    text = quads_text(ds)
    declared = declared_ids(st)
    own = set(declared)
    facts_g = str(ID[f"graph/{st.id}/facts"])
    labels: dict[str, list[str]] = {}
    facts = ds.graph(URIRef(facts_g))
    for s, label in facts.subject_objects(RDFS.label):
        if isinstance(label, Literal) and label.language == "en":
            labels.setdefault(str(s), []).append(str(label))
    labels = {s: sorted(set(ls)) for s, ls in labels.items()}
    return write_unit(units_dir, st.id, key, text.splitlines(keepends=True), facts_graph=facts_g,
                      declared=declared, borrowed=sorted(rec.asked - own), labels=labels)


def write_unit(units_dir: Path, name: str, key: str, lines: list[str], *, facts_graph: str,
               declared: list[str], borrowed: list[str], labels: dict[str, list[str]]) -> Unit:
    """Write a unit: its quads, its facts alone (what other units read for their context), and
    the side file; remove the unit's older versions."""
    per_subject: dict[str, list[str]] = {}
    for line in lines:
        if graph_of(line) == facts_graph:
            per_subject.setdefault(subject_of(line), []).append(line)
    from rdflib import RDF

    from kg.namespace import ID, NIF

    doc, prov_g = str(ID[f"statement/{name}"]), str(ID[f"graph/{name}/provenance"])
    text_nodes = {f"<{RDF.type}> <{NIF.Context}>", f"<{RDF.type}> <{NIF.Sentence}>"}
    described = {doc} | {subject_of(line) for line in lines
                         if graph_of(line) == prov_g and line.split(" ", 1)[1].rsplit(" ", 2)[0] in text_nodes}
    meta = {
        "id": name,
        "key": key,
        # the statement document, its text and sentences (what a link quoting the statement points to)
        "doc": [line for line in lines if graph_of(line) == prov_g and subject_of(line) in described],
        "declared": declared,
        "borrowed": borrowed,
        "labels": labels,
        # what it says about each thing it describes (the units naming that thing depend on it)
        "subjects": {s: digest(*ls) for s, ls in sorted(per_subject.items())},
        # the things of ours each of them points to (the second step of a context)
        "objects": {s: sorted({o for o in map(_object_iri, ls) if o}) for s, ls in sorted(per_subject.items())},
    }
    folder_out = units_dir / name
    folder_out.mkdir(parents=True, exist_ok=True)
    unit = Unit(name, key, folder_out, meta)
    _write(unit.quads_path, "".join(lines))
    _write(unit.facts_path, "".join(line for ls in per_subject.values() for line in ls))
    _write(folder_out / f"graph-{key}.json", json.dumps(meta, ensure_ascii=False, sort_keys=True, indent=0))
    return unit  # its older versions stay until the store has been updated from them (prune)


def prune(units_dir: Path, keep: set[Path]) -> None:
    """Remove every version of a unit's files (``graph-*``, ``derived-*``) whose quads file is
    not in ``keep`` (the current units', and those the store was last written from)."""
    keep_names = {p.name.split(".", 1)[0] for p in keep}
    for p in units_dir.glob("*/*"):
        if p.name.startswith(("graph-", "derived-")) and p.name.split(".", 1)[0] not in keep_names:
            p.unlink(missing_ok=True)


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    os.replace(tmp, path)


def owners(units: dict[str, Unit], registry: dict[str, str]) -> dict[str, str]:
    """Who answers for each thing the statements describe: the statement that declares its id
    (the first one, in folder order), else the first statement that describes it."""
    from kg.namespace import ID

    out = {str(ID[i]): sid for i, sid in registry.items()}
    for sid, u in units.items():
        for s in u.meta["subjects"]:
            out.setdefault(s, sid)
    return out


class Describers:
    """For each thing, the units whose facts describe it, what each says of it (digests), and
    what they say it points to: computed once per build, so that finding and keying a unit's
    context costs what the unit names, not the corpus."""

    def __init__(self, units: dict[str, Unit]) -> None:
        by: dict[str, list[str]] = {}
        for sid, u in units.items():
            for s in u.meta["subjects"]:
                by.setdefault(s, []).append(sid)
        self.by = by
        self.units = units
        self._digest: dict[str, str] = {}
        self._objects: dict[str, set[str]] = {}

    def digest(self, iri: str) -> str:
        """What every unit says of ``iri``, as one digest."""
        if iri not in self._digest:
            self._digest[iri] = digest(*(f"{s}:{self.units[s].meta['subjects'][iri]}" for s in self.by.get(iri, [])))
        return self._digest[iri]

    def objects(self, iri: str) -> set[str]:
        """The things of ours any unit says ``iri`` points to."""
        if iri not in self._objects:
            out: set[str] = set()
            for s in self.by.get(iri, []):
                out.update(self.units[s].meta["objects"].get(iri, ()))
            self._objects[iri] = out
        return self._objects[iri]


def context_subjects(unit: Unit, d: Describers) -> dict[str, list[str]]:
    """The things ``unit`` needs the other statements' facts about, and the statements that
    describe them: what its facts name (subjects, objects, borrowed ids) that another statement
    describes, and, one step further, what the statements say these point to (an event's time,
    a post)."""
    from kg.namespace import ID

    def described_elsewhere(iri: str) -> bool:
        by = d.by.get(iri, ())
        return len(by) > 1 or (len(by) == 1 and by[0] != unit.id)

    named = set(unit.meta["subjects"]) | {str(ID[i]) for i in unit.meta["borrowed"]}
    for objs in unit.meta["objects"].values():
        named.update(objs)
    out = {iri for iri in named if described_elsewhere(iri)}
    for iri in list(out):
        out.update(o for o in d.objects(iri) if described_elsewhere(o))
    return {iri: [s for s in d.by[iri] if s != unit.id] for iri in out}


def context_key(unit: Unit, wanted: dict[str, list[str]], d: Describers) -> list[str]:
    """What the context of ``unit`` depends on: per needed thing, what every unit says of it."""
    return [f"{iri}={d.digest(iri)}" for iri in sorted(wanted)]


def context_lines(unit: Unit, wanted: dict[str, list[str]], units: dict[str, Unit]) -> list[str]:
    """The facts the other statements give about the things ``unit`` needs (N-Quads, sorted)."""
    by_unit: dict[str, set[str]] = {}
    for iri, sids in wanted.items():
        for s in sids:
            by_unit.setdefault(s, set()).add(iri)
    out: list[str] = []
    for sid in sorted(by_unit):
        subjects = by_unit[sid]
        out.extend(line for line in units[sid].facts_lines() if subject_of(line) in subjects)
    return sorted(out)
