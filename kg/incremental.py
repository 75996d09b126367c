"""The incremental build: per-statement units on disk, a small corpus-wide pass, one store.

``kg build`` runs :func:`build`:

1. **Units** (:mod:`kg.graph.units`): each statement's facts, provenance and enrichment, keyed by
   a hash of its files, ``ontology/`` and the code; reused when the key is unchanged and every id
   it borrows is still declared, else rebuilt, in parallel (a process pool of one worker a core).
2. **Derived parts**, per statement too, under ``OUT/units/S/derived-<key>.*``: the OWL 2 RL
   closure of its facts and enrichment (``id:graph/S/inferred``), its PLOVER/CAMEO coding
   (``id:graph/S/coding``, ``id:graph/S/coding-provenance``) and its SHACL results. They are
   computed over the statement's own graphs *plus the facts the declaring statements give about
   the ids it borrows* (so a borrowed agent is still typed and labelled: no false violations),
   and keyed by the unit's key, the engine stack and a digest of those borrowed facts: a
   statement is re-derived when it changes or when what it borrows changes. A result about a
   borrowed id is left to the statement that declares it.
3. **The corpus pass**, over everything but small: one English label per shared id (from the
   units' side files), the series links (``statements/series.yaml``, its own unit), the external
   links (``mappings/``), the coding overrides that must all apply, and the validation of those
   corpus-wide graphs with the facts of the nodes they link.
4. **The store** (:mod:`kg.sparql.store`): only the named graphs of changed units are replaced.

What is per statement and what is not is checked, not assumed: tests/test_incremental.py builds the
bundled corpus both ways (this, and :func:`kg.graph.build.build` over one rdflib Dataset with one
closure of everything) and finds the same queryable triples, the same coding and the same
validation results.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rdflib import RDF, Graph, URIRef

from kg.errors import KGError
from kg.graph import units as U
from kg.reasoning import SCOPE  # noqa: F401  (what the closure covers: every part)
from kg.graph.digests import inputs_stamp
from kg.graph.iris import graph_iri
from kg.graph.ntlines import add_lines
from kg.namespace import ID
from kg.resources import mappings_dir, statements_dir
from kg.source.statement import load_statement, statement_folders

SERIES = "series"  # the owner of the series links' graphs (kg.graph.series.OWNER)
CORPUS = "_corpus"  # units/_corpus: series and external links


@dataclass
class Derived:
    """A statement's derived unit: closure, coding, validation results."""

    id: str
    key: str
    folder: Path
    meta: dict

    @property
    def quads_path(self) -> Path:
        return self.folder / f"derived-{self.key}.nq"

    def lines(self) -> list[str]:
        with open(self.quads_path, encoding="utf-8") as fh:
            return fh.readlines()


@dataclass
class IncrementalBuild:
    """What :func:`build` made, and what it had to redo."""

    out: Path
    root: Path
    units: dict[str, U.Unit]  # by statement, in folder order, then the corpus unit (_corpus)
    derived: dict[str, Derived]
    results: list  # kg.checks.validate.Result, sorted
    rebuilt: list[str] = field(default_factory=list)  # statements whose unit was rebuilt
    rederived: list[str] = field(default_factory=list)  # statements whose derived part was redone
    stamp: str = ""  # digest of every input: the store is current when it holds this stamp
    validated: bool = True
    nodes_checked: int = 0
    bundled: bool = True

    def all_lines(self) -> list[str]:
        """Every quad of the build (each statement's graphs, its derived graphs, the corpus
        graphs), in a fixed order: statement by statement, each part sorted."""
        out: list[str] = []
        for sid in self.units:
            out.extend(self.units[sid].lines())
            out.extend(self.derived[sid].lines())
        return out

    def report(self):
        from kg.checks.validate import Report

        return Report(not self.results, self.results, Graph(), nodes_checked=self.nodes_checked)


# ------------------------------------------------------------------------------ workers
_SHARED: dict[str, Any] = {}  # set before the pool forks: the registry, the stack, …


def _run(task: tuple) -> tuple:
    kind, args = task[0], task[1:]
    try:
        if kind == "unit":
            folder, key = args
            st = _SHARED.get("parsed", {}).get(folder.name)  # read once, by build() for the registry
            unit = U.build_unit(folder, key, _SHARED["registry"], _SHARED["units_dir"], st)
            return ("ok", unit.meta)
        sid, key, context = args
        return ("ok", _derive(sid, key, context).meta)
    except KGError as exc:
        return ("kgerror", exc.message, exc.where, exc.exit_code)


def _pool_map(tasks: list[tuple], jobs: int | None) -> list[tuple]:
    jobs = jobs or int(os.environ.get("KG_JOBS", "0") or 0) or (os.cpu_count() or 1)
    if len(tasks) <= 1 or jobs <= 1 or not sys.platform.startswith("linux"):
        return [_run(t) for t in tasks]
    import multiprocessing

    sys.stdout.flush()
    sys.stderr.flush()
    with multiprocessing.get_context("fork").Pool(min(jobs, len(tasks))) as pool:
        return pool.map(_run, tasks, chunksize=1)


def _raise_first(answers: list[tuple]) -> None:
    for a in answers:
        if a[0] == "kgerror":
            err = KGError(a[1], a[2])
            err.exit_code = a[3]
            raise err


# ------------------------------------------------------------------------------ derived
def _graph(lines: list[str]) -> Graph:
    from kg.namespace import FILE_PREFIXES

    g = Graph(store="SimpleMemory")  # no contexts: adding and matching triples cost half as much
    for prefix, ns in FILE_PREFIXES.items():
        g.bind(prefix, ns)
    return add_lines(g, lines)


def _rules():
    if "rules" not in _SHARED:
        from kg.graph.coding import load_rules

        _SHARED["rules"] = load_rules()
    return _SHARED["rules"]


class _FactsView:
    """What kg.graph.coding.code asks of a build: the union of the facts, and the statements."""

    statements: list = []

    def __init__(self, facts: Graph) -> None:
        self._facts = facts

    def union(self, parts=("facts",)) -> Graph:
        return self._facts


def _derive(sid: str, key: str, context: list[str]) -> Derived:
    """The closure, coding and validation of one unit (a statement, or ``_corpus``: the series
    and link graphs), over its own quads plus ``context``; written as ``derived-<key>.*``."""
    from kg.checks.validate import validate
    from kg.graph.coding import RULES_ENTITY, code
    from kg.source.terms import load_schema

    stack = _SHARED["stack"]
    unit = _SHARED["units"][sid]
    owner = SERIES if sid == CORPUS else sid  # the graphs of the corpus unit are the series'
    own_lines = unit.lines()
    schema = load_schema().graph
    owners = _SHARED["owners"]
    lines_out: list[str] = []
    facts_g = str(graph_iri(owner, "facts"))
    ctx_facts = [l for l in context if U.graph_of(l).endswith("/facts")]
    # one graph for the three uses, parsed once and grown: the facts (coding), then every part
    # of the unit and its coding (the closure's scope), then the schema and the hierarchy's
    # entailments (what the shapes check)
    own_facts = [l for l in own_lines if U.graph_of(l) == facts_g]
    fed: list[str] = []  # every line read into ``work``, the triples read, and the lines rdflib read
    triples: list = []
    others: list[str] = []

    def grow(lines: list[str]) -> None:
        add_lines(work, lines, triples, others)
        fed.extend(lines)

    work = _graph([])
    grow(own_facts + ctx_facts)
    coding, prov = code(_FactsView(work), _rules(), strict=False)
    # each node is coded once, by the unit that answers for it, seeing every statement's facts about it
    own = {URIRef(s) for s in unit.meta["subjects"] if owners.get(s, sid) == sid}
    mine = {s for s in set(coding.subjects()) | set(prov.subjects()) if s in own}  # null codings: a note only
    keep = {a for a, s in prov.subject_objects(RDF.subject) if s in mine}
    g_cod, g_cprov = graph_iri(owner, "coding"), graph_iri(owner, "coding-provenance")
    coded = [t for t in coding if t[0] in mine]
    coded_prov = [t for t in prov if t[0] in mine or t[0] in keep or (t[0] == RULES_ENTITY and mine)]
    lines_out.extend(U.nquad(s, p, o, g_cod) for s, p, o in coded)
    lines_out.extend(U.nquad(s, p, o, g_cprov) for s, p, o in coded_prov)
    # the closure is over every part of the unit and its coding (kg.reasoning.SCOPE: every part of a
    # build), with what the other statements' facts say about the things it names
    grow([l for l in own_lines if U.graph_of(l) != facts_g] + lines_out)
    inferred = stack.reasoner.reason(work, schema, triples=triples)  # a KGError if inconsistent
    g_inf = graph_iri(owner, "inferred")
    lines_out.extend(U.nquad(s, p, o, g_inf) for s, p, o in inferred)
    lines_out = sorted(set(lines_out))
    results: list[dict] = []
    nodes = 0
    if _SHARED.get("validate", True):
        # the shapes check what was asserted, with the class and property hierarchy (as the
        # one-dataset build does: kg.reasoning.checked), not the closure's domain/range typing:
        # the scope above plus the context that is not facts (the corpus unit's quoted documents)
        from kg.reasoning.scope import checked, hierarchy_entailments

        grow([l for l in context if not U.graph_of(l).endswith("/facts")])
        entailed = hierarchy_entailments(work, schema, triples=triples)
        graph = checked(work, schema, in_place=True, entailed=entailed)
        engine = _sparql_engine(fed, schema, entailed) if stack.shacl == "fast" and not others else None
        report = validate(graph, engine=stack.shacl, sparql_engine=engine)
        own_subjects = {U.subject_of(l) for l in own_lines}
        # a result is reported by the unit that answers for its node (kg.graph.units.owners)
        results = [asdict(r) for r in report.results
                   if r.focus in own_subjects and owners.get(r.focus, sid) == sid]
        nodes = report.nodes_checked
    meta = {"id": sid, "key": key, "coded": sorted(str(s) for s in mine), "inferred": len(inferred),
            "results": results, "nodes_checked": nodes}
    d = Derived(sid, key, unit.folder, meta)
    U._write(d.quads_path, "".join(lines_out))
    U._write(unit.folder / f"derived-{key}.json", json.dumps(meta, ensure_ascii=False, sort_keys=True, indent=0))
    return d  # the older versions stay until the store is updated (U.prune)


def _sparql_engine(lines: list[str], schema: Graph, entailed: Graph):
    """The Oxigraph store kg.checks.fast answers the SHACL-SPARQL constraints from: the checked
    graph, i.e. the triples of ``lines`` (our own N-Quads lines, every one in the strict form
    kg.graph.ntlines reads itself: no blank node), the schema and the entailments. The lines are
    given to Oxigraph's parser as N-Triples (the graph name cut), a few times faster than
    converting their terms one by one as kg.sparql.engines.load_into_store does; the same store."""
    from kg.sparql.engines import OxigraphEngine, _ox, load_by_terms

    from kg.source.terms import ntriples

    ox = _ox()
    engine = OxigraphEngine()
    text = "".join(l[: l.rindex(" <")] + " .\n" for l in lines)  # every line ends with its graph: " <g> .\n"
    engine.store.load(text, format=ox.RdfFormat.N_TRIPLES, lenient=True)
    schema_text = ntriples(schema)  # the schema as text too, if read from its cache (blank nodes as terms)
    if schema_text is None:
        load_by_terms(engine.store, schema)
    else:
        engine.store.load(schema_text[0], format=ox.RdfFormat.N_TRIPLES, lenient=True)
        load_by_terms(engine.store, schema_text[1])
    load_by_terms(engine.store, entailed)
    return engine


def _find_derived(folder: Path, key: str) -> Derived | None:
    meta_path = folder / f"derived-{key}.json"
    if not meta_path.is_file() or not (folder / f"derived-{key}.nq").is_file():
        return None
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return Derived(meta["id"], key, folder, meta)


# ------------------------------------------------------------------------------ build
def build(root: Path | None = None, out: Path = Path("build"), stack: Any = None, *, full: bool = False,
          validate: bool = True, jobs: int | None = None) -> IncrementalBuild:
    """Bring ``out/units/`` up to date with the statements under ``root`` (default: the bundled
    ones) and return the build; ``full`` ignores every stored unit."""
    from kg.stack import stack as get_stack

    bundled = root is None
    root = Path(root or statements_dir())
    out = Path(out)
    units_dir = out / U.UNITS
    units_dir.mkdir(parents=True, exist_ok=True)
    from kg.source import terms

    terms.use_cache(units_dir)  # the ontology, vocabularies and shapes, parsed once (keyed by their bytes)
    st_ = get_stack(stack)
    folders = statement_folders(root)
    ontology = U.ontology_digest()
    keys = {f.name: U.unit_key(f, ontology) for f in folders}

    found: dict[str, U.Unit | None] = {}
    parsed: dict[str, Any] = {}
    registry: dict[str, str] = {}
    for f in folders:
        unit = None if full else U.find(units_dir, f.name, keys[f.name])
        found[f.name] = unit
        if unit is not None:
            declared = unit.meta["declared"]
        else:
            parsed[f.name] = st = load_statement(f)
            declared = U.declared_ids(st)
        for ident in declared:
            registry.setdefault(ident, f.name)

    to_build = [f for f in folders
                if found[f.name] is None or any(b not in registry for b in found[f.name].meta["borrowed"])]
    _SHARED.clear()
    _SHARED.update(registry=registry, units_dir=units_dir, stack=st_, unit_keys=keys, validate=validate, parsed=parsed)
    answers = _pool_map([("unit", f, keys[f.name]) for f in to_build], jobs)
    _raise_first(answers)
    units: dict[str, U.Unit] = {}
    for f in folders:
        u = U.find(units_dir, f.name, keys[f.name])
        if u is None:  # pragma: no cover - written just above
            raise KGError("a build unit was not written (disk full?).", str(units_dir / f.name))
        units[f.name] = u
    _check_labels(units, root)
    corpus = _corpus(root, bundled, units, registry, units_dir, full)
    everything = {**units, CORPUS: corpus}

    # derived parts: keyed by the unit, the stack and what the other units say of what it names
    by = U.Describers(everything)
    dkeys, wanted = {}, {}
    quoted = _quoted(corpus, units)
    for sid, u in everything.items():
        wanted[sid] = U.context_subjects(u, by)
        extra = [U.digest(*quoted)] if sid == CORPUS else []
        dkeys[sid] = U.digest("derived/1", u.key, st_.name, str(validate), *U.context_key(u, wanted[sid], by), *extra)
    _SHARED.update(owners=U.owners(everything, registry), units=everything)
    derived: dict[str, Derived] = {}
    todo = []
    for sid, u in everything.items():
        d = None if full else _find_derived(u.folder, dkeys[sid])
        if d is None:
            context = U.context_lines(u, wanted[sid], everything)
            if sid == CORPUS:
                context = sorted(set(context) | set(quoted))
            todo.append(("derived", sid, dkeys[sid], context))
        else:
            derived[sid] = d
    answers = _pool_map(todo, jobs)
    _raise_first(answers)
    for _, sid, k, _ in todo:
        derived[sid] = _find_derived(everything[sid].folder, k)
    _check_overrides(derived, bundled)

    from kg.checks.validate import Result

    uniq = {json.dumps(r, sort_keys=True): r for d in derived.values() for r in d.meta["results"]}
    results = sorted((Result(**r) for r in uniq.values()), key=lambda r: r.sort_key())
    _clean(units_dir, set(everything))
    from kg.sparql import store

    previous = {out / f for part in ((store.state(out) or {}).get("parts") or {}).values() for f in part.get("files", [])}
    U.prune(units_dir, {p for s in everything for p in (everything[s].quads_path, derived[s].quads_path)} | previous)
    stamp = U.digest("stamp/1", str(root.resolve()), *(f"{s}:{u.key}:{derived[s].key}" for s, u in everything.items()))
    nodes = sum(d.meta.get("nodes_checked", 0) for d in derived.values())
    return IncrementalBuild(out, root, everything, derived, results,
                            rebuilt=[f.name for f in to_build], rederived=[t[1] for t in todo], stamp=stamp,
                            validated=validate, nodes_checked=nodes, bundled=bundled)


def _series_refs(path: Path) -> tuple[set[str], set[str]]:
    """The ids series.yaml links and the statements its evidence quotes (an unreadable file:
    nothing, and the build then reports it)."""
    import yaml

    ids: set[str] = set()
    quoted: set[str] = set()
    if not path.is_file():
        return ids, quoted
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError):
        return {"<unreadable>"}, quoted
    for link in data.get("links", []) if isinstance(data, dict) else []:
        if isinstance(link, dict):
            ids.update(str(link[k]) for k in ("subject", "object") if k in link)
            for ev in link.get("evidence") or []:
                if isinstance(ev, dict) and "statement" in ev:
                    quoted.add(str(ev["statement"]))
    return ids, quoted


def _quoted(corpus: U.Unit, units: dict[str, U.Unit]) -> list[str]:
    """The documents the series links' provenance quotes (prov:wasQuotedFrom): their own
    descriptions, from the quoting statements' side files."""
    named = set()
    for line in corpus.lines():
        obj = line.split(" ", 2)[2]
        if obj.startswith("<"):
            named.add(obj[1:obj.index(">")])
    return [l for sid, u in units.items() if str(ID[f"statement/{sid}"]) in named for l in u.meta.get("doc", [])]


def _check_labels(units: dict[str, U.Unit], root: Path) -> None:
    """The same thing has one English name across statements (kg.graph.build._check_labels)."""
    seen: dict[str, tuple[str, str]] = {}
    for sid, u in units.items():
        for s, label in ((s, l) for s, ls in sorted(u.meta["labels"].items()) for l in ls):
            if s in seen and seen[s][0] != label:
                raise KGError(
                    f"{s} is labelled “{seen[s][0]}” in statement {seen[s][1]} but “{label}” in {sid}; "
                    "a shared id must have the same English label in every statement.",
                    str(root / sid / "statement.yaml"),
                )
            seen.setdefault(s, (label, sid))


def _check_overrides(derived: dict[str, Derived], bundled: bool) -> None:
    """With the bundled statements, every coding override must name a coded node (as kg.graph.coding.code)."""
    if not bundled:
        return
    coded = {c for d in derived.values() for c in d.meta["coded"]}
    for node, where in _rules().override_where.items():
        if str(node) not in coded:
            raise KGError(f"<{node}> is not a node of the graph (no act or event has this id).", where)


def _corpus(root: Path, bundled: bool, units: dict[str, U.Unit], registry: dict[str, str], units_dir: Path,
            full: bool) -> U.Unit:
    """The series links and the external links, as the unit ``_corpus`` (its facts are the series
    links' ``id:graph/series/facts``), keyed by their files and every statement's unit: the
    links depend on which ids exist and what the facts describe, the series evidence on the
    texts it quotes."""
    from rdflib import Dataset

    from kg.graph import links as L
    from kg.graph import series
    from kg.graph.iris import LINKS_PROVENANCE_GRAPH
    from kg.source.terms import load_schema

    series_path = root / "series.yaml"
    sssom = mappings_dir() / "kidd-kg.sssom.tsv"
    parts = [U.ontology_digest(), U.code_digest(), str(bundled)]
    for p in (series_path, sssom):
        parts.append(p.read_bytes() if p.is_file() else b"-")
    # what they read of the statements: whether the ids they link exist, whether the subjects of
    # the mappings are described, and the texts the series evidence quotes
    subjects = {s for u in units.values() for s in u.meta["subjects"]}
    ids, quoted = _series_refs(series_path)
    parts.extend(f"{i}:{i in registry}" for i in sorted(ids))
    for sid in sorted(quoted):
        folder = root / sid
        texts = [p for p in folder.rglob("*") if p.is_file() and p.name != "statement.yaml"] if folder.is_dir() else []
        parts.append(f"{sid}:{sid in units}:" + U.digest(*(p.name.encode() + p.read_bytes() for p in sorted(texts))))
    if sssom.is_file():
        parts.extend(f"{m.subject}:{str(m.subject) in subjects}" for m in L.load(sssom).mappings)
    key = U.digest("corpus/1", *parts)
    if not full:
        found = U.find(units_dir, CORPUS, key)
        if found is not None:
            return found
    ds = Dataset()

    class _Result:  # what kg.graph.series.add_series_links writes into
        dataset = ds
        extra_graphs: dict = {}

    class _Lazy(dict):  # the statements, read only when a series link quotes one
        def __contains__(self, k: object) -> bool:
            return k in units

        def __getitem__(self, k: str):
            if not dict.__contains__(self, k):
                dict.__setitem__(self, k, load_statement(root / k))
            return dict.__getitem__(self, k)

    series.add_series_links(_Result, root, registry, _Lazy())
    lines = U.quads_text(ds).splitlines(keepends=True)
    facts_g = str(graph_iri(SERIES, "facts"))
    if sssom.is_file():
        mset = L.load(sssom)
        subjects |= {U.subject_of(l) for l in lines if U.graph_of(l) == facts_g}
        schema = load_schema().graph

        class _Known:  # "(s, None, None) in known": all kg.graph.links asks of the graph
            def __contains__(self, t: tuple) -> bool:
                return str(t[0]) in subjects or (t[0], None, None) in schema

        known = _Known()
        if not bundled:
            mset.mappings = [m for m in mset.mappings if (m.subject, None, None) in known]
        link_g, prov_g = L.link_graphs(mset, known)
        lines += [U.nquad(s, p, o, L.LINKS_GRAPH) for s, p, o in link_g]
        lines += [U.nquad(s, p, o, LINKS_PROVENANCE_GRAPH) for s, p, o in prov_g]
    lines = sorted(set(lines))
    return U.write_unit(units_dir, CORPUS, key, lines, facts_graph=facts_g, declared=[], borrowed=[], labels={})


def _clean(units_dir: Path, keep: set[str]) -> None:
    """Remove the units of statements that are gone."""
    import shutil

    for p in units_dir.iterdir():
        if p.is_dir() and p.name not in keep:
            shutil.rmtree(p, ignore_errors=True)


# ------------------------------------------------------------------------------ the store
SCHEMA_PART = "_schema"


def update_store(b: IncrementalBuild, full: bool = False) -> dict:
    """Replace, in ``OUT/store``, the graphs of the units that changed since the store was last
    written (kg.sparql.store); ``id:graph/schema`` holds the ontology and vocabularies."""
    from kg.source.terms import load_schema
    from kg.sparql import store

    def unit_lines(sid: str):
        return lambda: b.units[sid].lines() + b.derived[sid].lines()

    def schema_lines() -> list[str]:
        g = ID["graph/schema"]
        return sorted({U.nquad(s, p, o, g) for s, p, o in load_schema().graph})

    def files(sid: str) -> list[str]:
        return [str(p.relative_to(b.out)) for p in (b.units[sid].quads_path, b.derived[sid].quads_path)]

    parts = {sid: (U.digest(u.key, b.derived[sid].key), unit_lines(sid), files(sid)) for sid, u in b.units.items()}
    parts[SCHEMA_PART] = (U.digest(U.ontology_digest(), U.code_digest()), schema_lines, [])
    changed = store.update(b.out, parts, inputs_stamp(None if b.bundled else b.root), full=full)
    # the store no longer needs the previous versions of the units to diff against
    U.prune(b.out / U.UNITS, {p for sid in b.units for p in (b.units[sid].quads_path, b.derived[sid].quads_path)})
    return changed


def current_store(out: Path, root: Path | None = None):
    """The store of ``out`` (read-only) if it was written from the inputs as they are now, else None."""
    from kg.sparql import store

    if not (Path(out) / store.STATE).is_file():
        return None
    return store.open_current(out, inputs_stamp(root))
