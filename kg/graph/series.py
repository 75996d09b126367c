"""Links between the statements of a series that no single statement states.

``statements/series.yaml`` records them: a commitment one statement made and a meeting another
reports as held (``fulfilledBy``), an act that restates a commitment an earlier statement made
(``reaffirms``). Each link quotes the words of the statements that support it; a link that is an
analyst's reading rather than something a statement says is marked ``basis: analyst`` and carries
a note, and its assertion is attributed to the curators. They go into the named graphs
``id:graph/series/facts`` and ``id:graph/series/provenance``.

Format::

    links:
      - subject: commitment/kidd-21/a28
        property: fulfilledBy
        object: event/edscg-2022-09
        basis: analyst            # or: statement (a statement's own words say it)
        note: "Committed in kidd-21 to hold the EDSCG in September 2022; edscg-3 reports it held."
        evidence:
          - {statement: kidd-21, quote: "committed to hold the Extended Deterrence Strategy …"}
          - {statement: edscg-3, quote: "held an Extended Deterrence Strategy and Consultation Group (EDSCG) meeting"}
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import KGError
from kg.namespace import ID
from kg.source.series import load_series
from kg.source.statement import LineDict, Statement

if TYPE_CHECKING:
    from kg.graph.build import BuildResult

OWNER = "series"


def add_series_links(result: "BuildResult", root: Path, registry: dict[str, str], statements: dict[str, Statement]) -> None:
    loaded = load_series(root)
    if loaded is None:
        return
    path, data = loaded

    from kg.graph.iris import CURATORS, graph_iri
    from kg.graph.statement import StatementBuilder as _StatementBuilder
    from kg.source.terms import load_schema
    from rdflib import RDF, Literal
    from rdflib.namespace import PROV, SKOS

    from kg.namespace import KIDD

    entries = data.get("links", [])
    schema = load_schema()
    builders: dict[str, _StatementBuilder] = {}

    def builder(st_id: str, where: str) -> _StatementBuilder:
        if st_id not in statements:
            raise KGError(f"there is no statement `{st_id}`.", where)
        if st_id not in builders:
            b = _StatementBuilder(statements[st_id], schema, result.dataset, registry=registry, graph_owner=OWNER)
            b._declare(statements[st_id].data)
            builders[st_id] = b
        return builders[st_id]

    for entry in entries:
        where = f"{path}, line {getattr(entry, 'line', '?')}"
        if not isinstance(entry, LineDict):
            raise KGError("each link must be a mapping (subject, property, object, basis, evidence).", where)
        missing = [k for k in ("subject", "property", "object", "basis", "evidence") if k not in entry]
        if missing:
            raise KGError(f"the link lacks {', '.join(missing)}.", where)
        basis = entry["basis"]
        if basis not in ("statement", "analyst"):
            raise KGError("`basis` must be `statement` or `analyst`.", where)
        if basis == "analyst" and not entry.get("note"):
            raise KGError("an analyst's link needs a `note` saying why.", where)
        if entry["property"] == "exactMatch":
            prop_iri = SKOS.exactMatch  # two ids of ours for one thing (not owl:sameAs: no facts copied)
        else:
            prop = schema.prop(str(entry["property"]), where)
            if not prop.takes_entity:
                raise KGError(f"`{entry['property']}` does not link two things.", where)
            prop_iri = prop.iri
        ends = []
        for key in ("subject", "object"):
            value = entry[key]
            if not isinstance(value, str) or value not in registry:
                raise KGError(f"`{value}` ({key}) is declared by no statement.", where)
            ends.append(ID[value])
        evidence = entry["evidence"]
        if not isinstance(evidence, list) or not evidence:
            raise KGError("`evidence` must list at least one {statement, quote}.", where)
        spans = []
        for ev in evidence:
            if not isinstance(ev, LineDict) or "statement" not in ev or "quote" not in ev:
                raise KGError("each evidence item is {statement, quote}.", where)
            b = builder(str(ev["statement"]), where)
            spec = LineDict({k: v for k, v in ev.items() if k != "statement"})
            spec.line, spec.key_lines = ev.line, {}
            holder = LineDict({"evidence": spec})
            holder.line, holder.key_lines = ev.line, {"evidence": ev.line}
            holder_where = path  # errors name the series file, not the statement
            b.st = _with_path(statements[str(ev["statement"])], holder_where)
            spans.append((b, b.span(holder, "evidence")[0]))
        facts_g = result.dataset.graph(graph_iri(OWNER, "facts"))
        prov_g = result.dataset.graph(graph_iri(OWNER, "provenance"))
        triple = (ends[0], prop_iri, ends[1])
        facts_g.add(triple)
        digest = hashlib.sha1(" ".join(t.n3() for t in triple).encode()).hexdigest()[:16]
        a = ID[f"assertion/{OWNER}/{digest}"]
        prov_g.add((a, RDF.type, KIDD.Assertion))
        prov_g.add((a, RDF.subject, triple[0]))
        prov_g.add((a, RDF.predicate, triple[1]))
        prov_g.add((a, RDF.object, triple[2]))
        for b, sp in spans:
            prov_g.add((a, PROV.wasDerivedFrom, b.span_iri(sp)))
            prov_g.add((a, PROV.wasQuotedFrom, b.doc))
        if basis == "analyst":
            prov_g.add((a, PROV.wasAttributedTo, CURATORS))
        if entry.get("note"):
            prov_g.add((a, SKOS.editorialNote, Literal(" ".join(str(entry["note"]).split()), lang="en")))
    result.extra_graphs.setdefault("facts", []).append(graph_iri(OWNER, "facts"))
    result.extra_graphs.setdefault("provenance", []).append(graph_iri(OWNER, "provenance"))


def _with_path(st: Statement, path: Path) -> Statement:
    """The statement, reporting errors against ``path`` (the series file)."""
    from dataclasses import replace

    return replace(st, path=path)
