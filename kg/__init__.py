"""KIDD-KG: a knowledge graph of what allies say and promise, from official joint statements.

Public API::

    from kg import build, serialize
    result = build()                       # every bundled statement -> rdflib Dataset
    g = result.union()                     # facts + provenance + enrichment as one Graph
    print(serialize(g, "turtle"))

    from kg.validate import validate       # SHACL (engine="fast", the default, or "reference")
    print(validate(result.queryable()).text())
    # kg.engines: the two stacks (STACKS), OxigraphEngine for SPARQL, reason(..., "reasonable")
"""

from importlib.metadata import PackageNotFoundError, version

from kg.build import BuildResult, build
from kg.errors import EXIT_ERROR, EXIT_OK, EXIT_VIOLATIONS, KGError
from kg.export import FORMATS, serialize
from kg.namespace import ID, KIDD, VOCAB

try:
    __version__ = version("kidd-kg")
except PackageNotFoundError:  # running from a checkout without installing
    __version__ = "0.0.0+local"

__all__ = [
    "BuildResult",
    "build",
    "serialize",
    "FORMATS",
    "KGError",
    "EXIT_OK",
    "EXIT_VIOLATIONS",
    "EXIT_ERROR",
    "ID",
    "KIDD",
    "VOCAB",
    "__version__",
]
