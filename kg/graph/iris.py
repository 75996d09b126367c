"""The IRIs the graph stage mints for itself: named graphs, the curators, the unspecified time."""

from __future__ import annotations

import re

from rdflib import URIRef

from kg.namespace import ID

CURATORS = ID["agent/kidd-kg-curators"]
LINKS_PROVENANCE_GRAPH = ID["graph/links/provenance"]
CODING_GRAPH = ID["graph/coding"]
CODING_PROVENANCE_GRAPH = ID["graph/coding/provenance"]
UNSPECIFIED_TIME = ID["time/unspecified"]
COMMISSIVE_KINDS = {"pledge", "commitment"}
_ID_RE = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*(?:/[a-z0-9]+(?:[-.][a-z0-9]+)*)+$")


def graph_iri(statement_id: str, part: str) -> URIRef:
    return ID[f"graph/{statement_id}/{part}"]
