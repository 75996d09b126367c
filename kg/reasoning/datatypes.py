"""rdflib datatype converters that owlrl breaks, and their repair."""
from __future__ import annotations

from rdflib import XSD, Graph, Literal


# ---------------------------------------------------------------------------------- validation
# owlrl run with its default improved_datatypes=True puts its own lexical converters for
# xsd:gMonth, xsd:gDay and xsd:gMonthDay into rdflib's global table and leaves them there. They
# reject valid values ("--09" is a gMonth), so every such literal created afterwards in the same
# process is flagged ill-typed, and sh:datatype then fails on correct data. kg.reasoning.owlrl turns them
# off; in case any other code in the process ran owlrl with them, validation removes those
# converters and re-creates the literals they flagged (a no-op otherwise).
_BROKEN_AFTER_OWLRL = (XSD.gMonth, XSD.gDay, XSD.gMonthDay)


def _restore_rdflib_datatypes() -> None:
    from rdflib import term

    mapping = getattr(term, "_toPythonMapping", None)
    if mapping is None:
        return
    for dt in _BROKEN_AFTER_OWLRL:
        if dt not in term.XSDToPython:
            mapping.pop(dt, None)


def _repair_datatypes(g: Graph) -> None:
    _restore_rdflib_datatypes()
    flagged = [
        (s, p, o)
        for s, p, o in g
        if isinstance(o, Literal) and o.datatype in _BROKEN_AFTER_OWLRL and o.ill_typed
    ]
    for s, p, o in flagged:  # the same triple; only rdflib's cached well-formedness flag changes
        g.remove((s, p, o))
        g.add((s, p, Literal(str(o), datatype=o.datatype)))
