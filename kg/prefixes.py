"""The one prefix table, as plain strings (no rdflib: ``kg query`` on a current store imports
only this). :mod:`kg.namespace` re-exports it as ``PREFIXES`` beside its namespaces.

Every query may use these without declaring them, output is shortened with them, and the
project's own (``FILE_PREFIXES`` in kg.namespace, the first eight) are bound in every file written.
"""

BASE = "https://w3id.org/kidd-kg/"

PREFIXES: dict[str, str] = {
    "kidd": BASE + "ontology#",
    "id": BASE + "id/",
    "vocab": BASE + "vocab/",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "gaf": "http://groundedannotationframework.org/gaf#",
    "fabio": "http://purl.org/spar/fabio/",
    "greg": "http://www.w3.org/ns/time/gregorian#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "time": "http://www.w3.org/2006/time#",
    "dcterms": "http://purl.org/dc/terms/",
    "actkind": BASE + "vocab/act-kind/",
    "status": BASE + "vocab/status/",
    "topic": BASE + "vocab/topic/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "sssom": "https://w3id.org/sssom/",
    "sh": "http://www.w3.org/ns/shacl#",
}
