"""The project's own terms, as one typed namespace, plus the vocabularies it reuses.

Every term the code uses from the ``kidd:`` ontology is declared here, so a typo
(``KIDD.ledby``) raises ``AttributeError`` instead of minting a new IRI.
``tests/test_ontology.py`` checks that this list and ``ontology/kidd.ttl`` agree
term for term.

Generated from: ontology/kidd.ttl (kept in step by hand; the test guards it).
"""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, TIME
from rdflib.namespace import DefinedNamespace

from kg.prefixes import BASE, PREFIXES  # noqa: F401  (re-exported: the one table)
ONTOLOGY_IRI = URIRef(BASE + "ontology")
ID = Namespace(BASE + "id/")
VOCAB = Namespace(BASE + "vocab/")

# Reused vocabularies that rdflib does not ship.
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
GAF = Namespace("http://groundedannotationframework.org/gaf#")
FABIO = Namespace("http://purl.org/spar/fabio/")
GREG = Namespace("http://www.w3.org/ns/time/gregorian#")


class KIDD(DefinedNamespace):
    """Terms of the KIDD joint-statement ontology (``kidd:``)."""

    _fail = True
    _NS = Namespace(BASE + "ontology#")

    # --- owl:Class: actors
    Agent: URIRef  # Anything that can act or speak in a statement.
    Person: URIRef
    Organization: URIRef
    State: URIRef
    Ministry: URIRef
    InternationalOrganization: URIRef
    Delegation: URIRef
    Alliance: URIRef
    MilitaryForce: URIRef
    CombinedCommand: URIRef
    Group: URIRef  # an unnamed collective ("key senior officials", "the international community")
    Post: URIRef
    # --- owl:Class: bodies
    Body: URIRef
    Dialogue: URIRef
    Committee: URIRef
    WorkingGroup: URIRef
    ConsultativeMeeting: URIRef
    ConsultativeGroup: URIRef
    Initiative: URIRef
    Talks: URIRef
    # --- owl:Class: events
    Event: URIRef
    Meeting: URIRef
    Session: URIRef
    Exercise: URIRef
    WeaponsTest: URIRef
    MissileTest: URIRef
    NuclearTest: URIRef
    TestSiteActivity: URIRef
    Study: URIRef
    Process: URIRef
    SpeechAct: URIRef
    # --- owl:Class: commitments
    Commitment: URIRef
    # --- owl:Class: documents
    Document: URIRef
    Strategy: URIRef
    Review: URIRef
    Agreement: URIRef
    Resolution: URIRef
    Plan: URIRef
    JointStatement: URIRef
    PressStatement: URIRef
    Annex: URIRef
    # --- owl:Class: capabilities, places, time, provenance
    Capability: URIRef
    System: URIRef
    Place: URIRef
    City: URIRef
    Region: URIRef
    Sea: URIRef
    Site: URIRef
    VirtualVenue: URIRef
    RelativeTime: URIRef
    UnspecifiedTime: URIRef
    Assertion: URIRef

    # --- owl:ObjectProperty
    represents: URIRef
    ledBy: URIRef
    leads: URIRef
    withinBody: URIRef
    containsBody: URIRef
    meetingOf: URIRef
    sessionOf: URIRef
    hasSession: URIRef
    organizedBy: URIRef
    participant: URIRef
    chairedBy: URIRef
    coChairedBy: URIRef
    conductedBy: URIRef
    location: URIRef
    locatedIn: URIRef
    status: URIRef
    discussedAt: URIRef
    agreedAt: URIRef
    plannedAt: URIRef
    concerns: URIRef
    saidBy: URIRef
    actKind: URIRef
    about: URIRef
    actsOn: URIRef
    honorificPrefix: URIRef
    topic: URIRef
    madeAt: URIRef
    inSession: URIRef
    conditionEvent: URIRef
    dueTime: URIRef
    dueBefore: URIRef
    undertakes: URIRef
    reaffirms: URIRef
    fulfilledBy: URIRef
    fulfils: URIRef
    debtor: URIRef
    beneficiary: URIRef
    reflectedIn: URIRef
    alignedWith: URIRef
    issuedBy: URIRef
    party: URIRef
    approvedBy: URIRef
    annexOf: URIRef
    reports: URIRef
    hasText: URIRef
    ownedBy: URIRef
    hasComponent: URIRef
    componentOf: URIRef
    relativeTo: URIRef
    ploverType: URIRef
    ploverMode: URIRef
    ploverContext: URIRef
    cameoCode: URIRef

    # --- owl:AnnotationProperty
    acronym: URIRef  # sub-property of skos:altLabel

    # --- owl:DatatypeProperty
    ordinal: URIRef
    content: URIRef
    condition: URIRef
    purpose: URIRef
    agentPhrase: URIRef
    cadence: URIRef
    timeExpression: URIRef
    sha256: URIRef
    partial: URIRef
    goldsteinScale: URIRef  # on CAMEO concepts (outside knowledge: GDELT's table)
    cameoQuadClass: URIRef  # on CAMEO concepts


# the reused vocabularies rdflib ships, re-exported (their IRIs are in PREFIXES too)
REUSED = (RDF, RDFS, OWL, SKOS, XSD, ORG, PROV, TIME, DCTERMS)

# PREFIXES, the one prefix table, is kg.prefixes' (plain strings, so that `kg query` on a current
# store reads it without rdflib); tests/test_quick_query.py checks it against the namespaces above.
FILE_PREFIXES: dict[str, Namespace] = {
    p: Namespace(PREFIXES[p]) for p in ("kidd", "id", "vocab", "nif", "sem", "gaf", "fabio", "greg")
}


def new_graph(store: str = "default") -> Graph:
    """An empty rdflib Graph (in the rdflib store ``store``) with the project's prefixes bound (so
    what it writes reads well)."""
    g = Graph(store=store)
    for prefix, ns in FILE_PREFIXES.items():
        g.bind(prefix, ns)
    return g
