"""pySHACL, the reference SHACL engine, with its SHACL-SPARQL constraints answered by rdflib or by
Oxigraph (``sparql="oxigraph"``), on a materialised graph."""

from __future__ import annotations

from rdflib import Graph

from kg.checks.values import _stored_form
from kg.errors import KGError
from kg.sparql.engines import OxigraphEngine, as_result

SPARQL_ENGINES = ("rdflib", "oxigraph")


def validate(graph: Graph, sparql: str = "rdflib", shapes: Graph | None = None):
    """pySHACL (``kg.checks.validate.validate(engine="reference")``) on a materialised graph, with the
    SHACL-SPARQL constraints answered by rdflib (the reference) or by Oxigraph.

    pySHACL runs each ``sh:sparql`` constraint once per focus node with ``$this`` pre-bound; in
    rdflib the cost of one such query grows with the graph (measured: 0.49 ms per span at 12.7 k
    triples, 1.17 ms at 73 k), so that part of validation is superlinear. With
    ``sparql="oxigraph"`` the graph is loaded once into Oxigraph and every SELECT pySHACL sends is
    answered there; anything Oxigraph cannot take (a blank node to bind outside the projection)
    falls back to rdflib. The core constraints stay pySHACL's own. (The fast SHACL engine,
    ``kg.checks.fast``, avoids the per-node queries altogether.)
    """
    import kg.checks.validate as kv  # noqa: PLC0415 - the dispatcher imports this module lazily too

    if sparql == "rdflib":
        return kv.validate(graph, shapes, engine="reference")
    if sparql != "oxigraph":
        raise KGError(f"unknown SPARQL engine for validation `{sparql}`; use one of: {', '.join(SPARQL_ENGINES)}.")
    ox_engine = OxigraphEngine(graph)

    class OxigraphQueryGraph(kv._PreparedQueryGraph):
        def query(self, query_object, processor="sparql", result="sparql", initNs=None, initBindings=None,  # type: ignore[override]
                  use_store_provided=True, **kwargs):
            if isinstance(query_object, str) and not initNs and not kwargs:
                try:
                    names, rows = ox_engine.select(query_object, initBindings or {})
                except KGError:
                    pass  # not for Oxigraph (see above): rdflib answers
                else:
                    this = (initBindings or {}).get("this")
                    if this is not None:
                        rows = [[_stored_form(graph, this, t) for t in row] for row in rows]
                    return as_result(names, rows)
            return super().query(query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs)

    return kv.validate(graph, shapes, engine="reference", query_graph=OxigraphQueryGraph)
