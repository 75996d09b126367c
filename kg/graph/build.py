"""From curated statements to RDF: every fact with the exact words that carry it.

For each statement ``S`` the build makes three named graphs:

* ``id:graph/S/facts`` — what the statement says (entities, events, acts, commitments);
* ``id:graph/S/provenance`` — the statement document, its text as a NIF context, its sentences,
  the quoted spans, and one ``kidd:Assertion`` per fact (``rdf:subject/predicate/object``,
  ``prov:wasDerivedFrom`` the span or spans that carry it);
* ``id:graph/S/enrichment`` — what the curators add that the text does not say (Korean labels),
  each assertion attributed to the curators and explained, never derived from the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from rdflib import RDFS, Dataset, Graph, Literal, URIRef

from kg.errors import KGError
from kg.graph import links, series
from kg.graph.iris import (CODING_GRAPH, CODING_PROVENANCE_GRAPH, COMMISSIVE_KINDS, CURATORS, LINKS_PROVENANCE_GRAPH,  # noqa: F401
                           UNSPECIFIED_TIME, graph_iri)
from kg.graph.links import LINKS_GRAPH
from kg.graph.statement import StatementBuilder
from kg.namespace import FILE_PREFIXES, ID, new_graph
from kg.resources import mappings_dir, statements_dir
from kg.source.statement import Statement, draft_info, load_statement, statement_folders
from kg.source.terms import load_schema

_QUERYABLE_PARTS = ("facts", "provenance", "enrichment", "links", "coding")


@dataclass
class BuildResult:
    """The built dataset and what went into it."""

    dataset: Dataset
    statements: list[Statement]
    _inferred: Graph | None = None
    extra_graphs: dict[str, list[URIRef]] = field(default_factory=dict)
    reasoner: Any = None  # a kg.reasoning.Reasoner, set by kg.build(); `inferred` needs one
    _queryable: tuple | None = field(default=None, repr=False)  # (what it was made from, graph, its size)

    INFERRED = ID["graph/inferred"]

    def graph(self, statement_id: str, part: str) -> Graph:
        return self.dataset.graph(graph_iri(statement_id, part))

    def graph_iris(self, part: str) -> list[URIRef]:
        """The named graphs that make up one part: per statement, plus the corpus-wide links."""
        if part == "links":
            return [LINKS_GRAPH]
        if part == "coding":
            return [CODING_GRAPH]
        iris = [graph_iri(st.id, part) for st in self.statements]
        iris.extend(self.extra_graphs.get(part, []))
        if part == "provenance":
            iris.extend([LINKS_PROVENANCE_GRAPH, CODING_PROVENANCE_GRAPH])
        return iris

    def union(self, parts: Iterable[str] = _QUERYABLE_PARTS) -> Graph:
        """One graph holding the chosen parts of every statement (what Turtle exports): a new
        graph without contexts (rdflib's SimpleMemory store: a third faster to fill than the
        default store, and a plain graph has no contexts to keep)."""
        g = new_graph("SimpleMemory")
        add = g.store.add
        for part in parts:
            for iri in self.graph_iris(part):
                for t in self.dataset.graph(iri):
                    add(t, g, quoted=False)
        return g


    @property
    def inferred(self) -> Graph:
        """The OWL 2 RL consequences of the facts (computed once by ``self.reasoner``, a
        :class:`kg.reasoning.Reasoner`, and kept as its own named graph)."""
        if self._inferred is None:
            if self.reasoner is None:
                raise KGError("this build has no reasoner: build with kg.build(), which takes the engine stack.")
            inferred = self.reasoner.infer(self)
            target = self.dataset.graph(self.INFERRED)
            for t in inferred:
                target.add(t)
            self._inferred = inferred
        return self._inferred

    def queryable(self) -> Graph:
        """The graph as users query it: facts, provenance, enrichment, inferred, ontology, vocabularies.

        Made once and shared by every caller of this build (a server, the exports and the checks
        each ask for it): read it, or copy it before changing it. It is made again if the build's
        graphs, its inferences or the schema change, or if the shared graph itself lost or gained
        triples."""
        inferred = self.inferred
        schema = load_schema().graph
        key = (tuple(len(self.dataset.graph(iri)) for part in _QUERYABLE_PARTS for iri in self.graph_iris(part)),
               len(inferred), id(schema), len(schema))
        made = self._queryable
        if made is not None and made[0] == key and len(made[1]) == made[2]:
            return made[1]
        g = self.union(_QUERYABLE_PARTS)
        for t in inferred:
            g.add(t)
        for t in schema:
            g.add(t)
        self._queryable = (key, g, len(g))
        return g


def build(root: Path | None = None, only: str | None = None, reasoner: Any = None,
          progress: Any = None) -> BuildResult:
    """Build the graph of every statement under ``root`` (default: the bundled statements).

    ``reasoner`` (a :class:`kg.reasoning.Reasoner`) computes ``BuildResult.inferred`` when it is
    asked for; :func:`kg.build` passes the one of the chosen engine stack. ``progress``, if given,
    is called with a short message as each statement is read (the command line's progress line).
    """
    step = progress or (lambda message: None)
    schema = load_schema()
    folders = statement_folders(root or statements_dir())
    if only is not None:
        folders = [f for f in folders if f.name == only]
        if not folders:
            raise KGError(f"there is no statement `{only}`.", str(root or statements_dir()))
    ds = Dataset()
    for prefix, ns in FILE_PREFIXES.items():
        ds.bind(prefix, ns)
    # Every statement's ids are known before any is built, so a statement may refer to what
    # another one declared (the same meeting, the commitment it restates).
    all_folders = statement_folders(root or statements_dir())
    everything = []
    for i, f in enumerate(all_folders, 1):
        step(f"reading statements: {i}/{len(all_folders)} ({f.name})")
        everything.append(load_statement(f))
    registry: dict[str, str] = {}
    for st in everything:
        for ident in declared_ids(st):
            registry.setdefault(ident, st.id)
    statements = [st for st in everything if st.folder in folders]
    chains = []
    for i, st in enumerate(statements, 1):
        step(f"building statements: {i}/{len(statements)} ({st.id})")
        builder = StatementBuilder(st, schema, ds, registry=registry)
        builder.run()
        chains.extend(builder.chains)
    check_cycles(chains, schema)
    result = BuildResult(ds, statements, reasoner=reasoner)
    _check_labels(result)
    if only is None:
        series.add_series_links(result, root or statements_dir(), registry, {st.id: st for st in everything})
    step("linking to Wikidata, GeoNames and DBpedia; coding in PLOVER and CAMEO")
    _add_links(result, strict=root is None and only is None)
    _add_coding(result)
    return result


def check_cycles(chains: list[tuple[URIRef, str, URIRef, URIRef, str]], schema: Any) -> None:
    """Refuse a chain that comes back to where it started: a body within itself or within a
    body within it (``withinBody``, ``containsBody`` reversed), a place located in itself, a
    relative time anchored to itself or to a time anchored to it. ``chains`` holds the links
    the builders saw (predicate, name as written, subject, object, where)."""
    families: dict[URIRef, dict[URIRef, list[tuple[URIRef, tuple]]]] = {}
    for link in chains:
        pred, _name, s, o, _where = link
        family, reverse = schema.acyclic[pred]
        a, b = (o, s) if reverse else (s, o)
        families.setdefault(family, {}).setdefault(a, []).append((b, link))
    for edges in families.values():
        state: dict[URIRef, int] = {}  # 1: on the current path, 2: done
        for start in list(edges):
            if state.get(start):
                continue
            path: list[tuple[URIRef, tuple | None]] = [(start, None)]
            stack = [iter(edges.get(start, []))]
            state[start] = 1
            while stack:
                step = next(stack[-1], None)
                if step is None:
                    state[path.pop()[0]] = 2
                    stack.pop()
                    continue
                node, link = step
                if state.get(node) == 1:  # back to a node on the path: a loop
                    nodes = [n for n, _ in path]
                    loop = [lk for _, lk in path[nodes.index(node) + 1 :]] + [link]
                    raise KGError(_loop_message(loop), loop[0][4])
                if not state.get(node):
                    state[node] = 1
                    path.append((node, link))
                    stack.append(iter(edges.get(node, [])))


def _loop_message(loop: list[tuple]) -> str:
    def short(iri: URIRef) -> str:
        return str(iri).removeprefix(str(ID))

    if len(loop) == 1:
        _, name, s, o, _ = loop[0]
        if name == "anchor":
            return f"the relative time `{short(s)}` is anchored to itself; a relative time needs another time or event as its `anchor`."
        return f"`{short(s)}` is linked to itself by `{name}`; a chain of `{name}` links cannot come back to where it starts."
    steps = "; ".join(f"`{short(s)}` {name} `{short(o)}` ({where})" for _, name, s, o, where in loop)
    return f"these links go round in a circle, so each thing would be within (or anchored to) itself: {steps}. Remove or correct one of them."


def _add_coding(result: BuildResult) -> None:
    """PLOVER and CAMEO codes for every act and event (rules in ontology/coding.yaml)."""
    from kg.graph.coding import code

    coding, provenance = code(result)
    target, target_prov = result.dataset.graph(CODING_GRAPH), result.dataset.graph(CODING_PROVENANCE_GRAPH)
    for t in coding:
        target.add(t)
    for t in provenance:
        target_prov.add(t)


def declared_ids(st: Statement) -> list[str]:
    """The ids a statement declares: its entities, its acts, and the commitments its acts make."""
    ids = [f"statement/{st.id}"]
    for ent in st.data.get("entities", []) or []:
        if isinstance(ent, dict) and "id" in ent:
            ids.append(str(ent["id"]))
    for act in st.data.get("acts", []) or []:
        if isinstance(act, dict) and "id" in act:
            ids.append(f"act/{st.id}/{act['id']}")
            if str(act.get("kind")) in COMMISSIVE_KINDS or act.get("commitment") is not None:
                ids.append(f"commitment/{st.id}/{act['id']}")
    return ids


def drafts_summary(result: BuildResult) -> str | None:
    """One line for `kg build`: the statements whose facts the drafter generated, not yet reviewed."""
    drafts = [(st.id, info) for st in result.statements if (info := draft_info(st)) and info["state"] == "draft"]
    if not drafts:
        return None
    what = ", ".join(f"{sid} ({i['by']} {i['version']}, {i['date']})" for sid, i in drafts)
    return f"drafts: {len(drafts)} statement(s) not yet reviewed, facts generated by the drafter: {what}"


def _check_labels(result: BuildResult) -> None:
    """The same thing has one English name across statements (its id is shared, so is its label)."""
    seen: dict[URIRef, tuple[Literal, str]] = {}
    for st in result.statements:
        for s, label in result.graph(st.id, "facts").subject_objects(RDFS.label):
            if getattr(label, "language", None) != "en":
                continue
            if s in seen and seen[s][0] != label:
                raise KGError(
                    f"{s} is labelled “{seen[s][0]}” in statement {seen[s][1]} but “{label}” in {st.id}; "
                    "a shared id must have the same English label in every statement.",
                    str(st.path),
                )
            seen.setdefault(s, (label, st.id))


def _add_links(result: BuildResult, strict: bool) -> None:
    """Build the external links from the SSSOM mapping set (only links whose subject exists,
    unless ``strict``: then a mapping to an unknown subject is an error)."""
    path = mappings_dir() / "kidd-kg.sssom.tsv"
    if not path.is_file():
        return
    mset = links.load(path)
    known = result.union(("facts",))
    for t in load_schema().graph:
        known.add(t)
    if not strict:
        mset.mappings = [m for m in mset.mappings if (m.subject, None, None) in known]
    link_g, prov_g = links.link_graphs(mset, known)
    target, target_prov = result.dataset.graph(LINKS_GRAPH), result.dataset.graph(LINKS_PROVENANCE_GRAPH)
    for t in link_g:
        target.add(t)
    for t in prov_g:
        target_prov.add(t)


