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
from kg.source.statement import Statement, load_statement, statement_folders
from kg.source.terms import load_schema

@dataclass
class BuildResult:
    """The built dataset and what went into it."""

    dataset: Dataset
    statements: list[Statement]
    _inferred: Graph | None = None
    extra_graphs: dict[str, list[URIRef]] = field(default_factory=dict)
    reasoner: Any = None  # a kg.reasoning.Reasoner, set by kg.build(); `inferred` needs one

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

    def union(self, parts: Iterable[str] = ("facts", "provenance", "enrichment", "links", "coding")) -> Graph:
        """One graph holding the chosen parts of every statement (what Turtle exports)."""
        g = new_graph()
        for part in parts:
            for iri in self.graph_iris(part):
                for t in self.dataset.graph(iri):
                    g.add(t)
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
        """The graph as users query it: facts, provenance, enrichment, inferred, ontology, vocabularies."""
        g = self.union()
        for t in self.inferred:
            g.add(t)
        for t in load_schema().graph:
            g.add(t)
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
    for i, st in enumerate(statements, 1):
        step(f"building statements: {i}/{len(statements)} ({st.id})")
        StatementBuilder(st, schema, ds, registry=registry).run()
    result = BuildResult(ds, statements, reasoner=reasoner)
    _check_labels(result)
    if only is None:
        series.add_series_links(result, root or statements_dir(), registry, {st.id: st for st in everything})
    step("linking to Wikidata, GeoNames and DBpedia; coding in PLOVER and CAMEO")
    _add_links(result, strict=root is None and only is None)
    _add_coding(result)
    return result


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


