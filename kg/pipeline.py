"""The public operations, each running the stages it needs: build, reason, validate, query, export."""

from __future__ import annotations

from pathlib import Path

from kg.graph.build import BuildResult
from kg.graph.build import build as build_graph
from kg.stack import Stack, stack as get_stack


def build(root: Path | None = None, only: str | None = None, stack: "str | Stack | None" = None,
          progress=None) -> BuildResult:
    """Build the graph of every statement under ``root`` (default: the bundled statements), or of
    the statement ``only``; ``result.inferred`` and ``result.queryable()`` then use the reasoner of
    ``stack`` (``"fast"``, the default, or ``"reference"``); ``progress`` is called with a short
    message at each step (``kg build`` shows them on a terminal)."""
    return build_graph(root, only, reasoner=get_stack(stack).reasoner, progress=progress)


def reason(asserted, engine: str = "reasonable"):
    """The OWL 2 RL consequences of ``asserted`` (an rdflib Graph) with the ontology, by
    ``engine`` (``reasonable`` or ``owlrl``); a KGError if the graph is inconsistent."""
    from kg.reasoning import reason as _reason
    from kg.source.terms import load_schema

    return _reason(asserted, load_schema().graph, engine)


def validate(data, engine: str = "fast"):
    """The SHACL report (:class:`kg.checks.validate.Report`) of a build (a :class:`BuildResult`)
    or of asserted triples (an rdflib Graph, as ``kg validate FILE`` reads them), by the stack
    ``engine`` (``fast`` or ``reference``): the OWL 2 RL closure must be consistent (else a
    KGError), and the shapes are checked on the checked graph (assertions, ontology, and what the
    class and property hierarchy entails; :mod:`kg.reasoning.scope`)."""
    from kg.checks.validate import validate_asserted, validate_build

    st = get_stack(engine)
    if isinstance(data, BuildResult):
        return validate_build(data, engine=st.shacl, reasoner=st.reasoner)
    return validate_asserted(data, engine=st.shacl, reasoner=st.reasoner)


def query(name: str, graph, params: dict[str, str] | None = None, fmt: str = "table") -> str:
    """A stored query (by number, slug or file) run over ``graph``, formatted (table, csv, tsv, json)."""
    from kg.queries import stored

    return stored.format_result(stored.run(graph, stored.resolve(name), params), fmt)


def export(result: BuildResult, fmt: str, inferred: bool = False) -> str:
    """A build in one of the RDF formats (``kg.exports.formats.FORMATS``): every named graph in
    the quad formats, their union in the others; ``inferred`` adds the OWL 2 RL inferences. A
    table export (``kg.exports.formats.TABLES``: ``events-csv``) is computed from the asserted graph."""
    from kg.errors import KGError
    from kg.exports.formats import TABLES, export_named, format_named, serialize

    export_named(fmt)  # an unknown name is an error naming every known one
    if fmt in TABLES:
        if inferred:
            raise KGError(f"`--inferred` applies to the RDF formats, not to the table `{fmt}`.")
        return TABLES[fmt].write(result)
    if inferred:
        result.inferred  # adds the named graph id:graph/inferred to the dataset
    if format_named(fmt).quads:
        return serialize(result.dataset, fmt)
    graph = result.union()
    if inferred:
        for t in result.inferred:
            graph.add(t)
    return serialize(graph, fmt)
