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

from importlib.metadata import PackageNotFoundError, version

from kg.errors import EXIT_ERROR, EXIT_OK, EXIT_VIOLATIONS, KGError
from kg.exports.formats import FORMATS, serialize
from kg.graph.build import BuildResult
from kg.namespace import ID, KIDD, VOCAB
from kg.pipeline import build, export, query, reason, validate
from kg.stack import STACKS, Stack, stack

try:
    __version__ = version("kidd-kg")
except PackageNotFoundError:  # running from a checkout without installing
    __version__ = "0.0.0+local"

__all__ = [
    "build", "validate", "reason", "query", "export", "serialize",
    "BuildResult", "Stack", "STACKS", "stack", "FORMATS",
    "KGError", "EXIT_OK", "EXIT_VIOLATIONS", "EXIT_ERROR",
    "ID", "KIDD", "VOCAB", "__version__",
]
