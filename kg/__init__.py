"""KIDD-KG: a knowledge graph of what allies say and promise, from official joint statements.

The stages, each a subpackage, data flowing one way: ``source`` (statement files, texts, the term
registry, the schema) → ``graph`` (facts, provenance, series links, external links, event coding)
→ ``reasoning`` (OWL 2 RL) → ``checks`` (SHACL) → ``queries`` (stored SPARQL, results) →
``exports`` (formats, JSON-LD, VoID, docs, stats) → ``serve`` (HTTP). ``kg.sparql`` holds the
SPARQL engines they share; ``kg.stack`` chooses the engines once.

Public API::

    from kg import build, validate, reason, query, serialize
    result = build()                         # every bundled statement -> BuildResult (rdflib Dataset)
    result = build(only="kidd-21", stack="reference")   # owlrl, pySHACL, rdflib SPARQL
    g = result.queryable()                   # facts, provenance, links, coding, inferences, ontology
    print(validate(result).text())           # consistency, then SHACL on the checked graph (engine="fast"|"reference")
    inferred = reason(result.union(), engine="reasonable")  # the OWL 2 RL consequences (kg.reasoning.SCOPE)
    print(query("01-delegation-leaders", g))       # a stored query's table
    print(export(result, "turtle"))           # or serialize(any_graph, "ntriples")
"""

from kg.errors import EXIT_ERROR, EXIT_OK, EXIT_VIOLATIONS, KGError

# The rest of the API is imported when first used (PEP 562), so that a command which needs only a
# part of it (``kg query`` on the store ``kg build --incremental`` wrote) does not pay for the rest.
_API = {
    "build": "kg.pipeline", "validate": "kg.pipeline", "reason": "kg.pipeline", "query": "kg.pipeline",
    "export": "kg.pipeline", "serialize": "kg.exports.formats", "FORMATS": "kg.exports.formats",
    "BuildResult": "kg.graph.build", "Stack": "kg.stack", "STACKS": "kg.stack", "stack": "kg.stack",
    "ID": "kg.namespace", "KIDD": "kg.namespace", "VOCAB": "kg.namespace",
}

__all__ = [
    "build", "validate", "reason", "query", "export", "serialize",
    "BuildResult", "Stack", "STACKS", "stack", "FORMATS",
    "KGError", "EXIT_OK", "EXIT_VIOLATIONS", "EXIT_ERROR",
    "ID", "KIDD", "VOCAB", "__version__",
]


def __getattr__(name: str):
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("kidd-kg")
        except PackageNotFoundError:  # running from a checkout without installing
            value = "0.0.0+local"
    elif name in _API:
        import importlib

        value = getattr(importlib.import_module(_API[name]), name)
    else:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
