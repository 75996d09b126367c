"""Checks on the TBox (ontology/kidd.ttl) and the SKOS vocabularies (ontology/vocab/).

* the ontology header is complete;
* the ``kidd:`` terms declared in kidd.ttl are exactly those of ``kg.namespace.KIDD``;
* every term is labelled and defined, every class also in Korean, and properties have ranges;
* every concept sits in its scheme with a label, a definition and its slug as notation;
* the OWL 2 RL closure (owlrl) of ontology + vocabularies is consistent, and the same check
  does report an individual that is both a person and an event.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from owlrl import DeductiveClosure, OWLRL_Semantics
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, VANN

from kg.namespace import KIDD, ONTOLOGY_IRI
from tests.marks import sample

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_FILE = ROOT / "ontology" / "kidd.ttl"
VOCAB_DIR = ROOT / "ontology" / "vocab"
NS = str(KIDD._NS)
VOCAB_BASE = "https://w3id.org/kidd-kg/vocab/"

# rdflib's XSD object is not bound at module level: pytest's collector probes module globals,
# and XSD warns on unknown attributes.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

# owlrl reports inconsistencies as nodes `[] a err:ErrorMessage ; err:error "..."` in this
# namespace (owlrl/Namespaces.py ERRNS; written by Closure.Core.closure()).
OWLRL_ERR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")

# a definition must be a sentence, not a stub
PLACEHOLDER = re.compile(r"^\W*$|\b(TODO|TBD|FIXME|XXX)\b|^\.\.\.|…$", re.IGNORECASE)

TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)

# Object properties whose range is deliberately open (each says so in a skos:scopeNote):
# what an act is about, what a document concerns, what an annex accompanies (a document or
# a study, which is an event).
OPEN_RANGE = {KIDD.about, KIDD.concerns, KIDD.annexOf, KIDD.actsOn}

# scheme file -> (scheme slug, {concept slug: broader slug or None})
SCHEMES = {
    "act-kinds.ttl": (
        "act-kind",
        {
            "commissive": None,
            "pledge": "commissive",
            "commitment": "commissive",
            "assertive": None,
            "affirmation": "assertive",
            "reaffirmation": "assertive",
            "acknowledgement": "assertive",
            "assessment": "assertive",
            "shared-assessment": "assertive",
            "emphasis": "assertive",
            "noting": "assertive",
            "expressive": None,
            "applause": "expressive",
            "concern": "expressive",
            "condemnation": "expressive",
            "support": "expressive",
            "gratitude": "expressive",
            "welcome": "expressive",
            "invitation": "commissive",
            "announcement": "commissive",
            "directive": None,
            "appeal": "directive",
            "deliberative": None,
            "discussion": "deliberative",
        },
    ),
    "statuses.ttl": (
        "status",
        dict.fromkeys(
            [
                "held",
                "completed",
                "ongoing",
                "planned",
                "hypothetical",
                "unspecified",
                "open",
                "fulfilled",
            ]
        ),
    ),
    "topics.ttl": (
        "topic",
        {
            "dprk-threat": None,
            "denuclearization": None,
            "deterrence": None,
            "extended-deterrence": "deterrence",
            "combined-readiness": None,
            "missile-defense": None,
            "counter-missile": "missile-defense",
            "un-security-council-resolutions": None,
            "rules-based-order": None,
            "freedom-of-navigation": "rules-based-order",
            "peace-and-stability": None,
            "regional-security": None,
            "indo-pacific-cooperation": None,
            "trilateral-cooperation": None,
            "information-sharing": None,
            "alliance": None,
            "base-relocation": None,
            "space": None,
            "cyber": None,
            "defense-industry": None,
            "research-and-development": None,
            "science-and-technology": None,
            "quantum": "science-and-technology",
            "artificial-intelligence": "science-and-technology",
            "automation": "science-and-technology",
            "cyber-defense": "science-and-technology",
            "next-generation-mobile-communications": "science-and-technology",
            "5g-mobile-communications": "next-generation-mobile-communications",
            "6g-mobile-communications": "next-generation-mobile-communications",
            "opcon-transition": None,
            "interoperability": None,
            "policy-coordination": None,
            "covid-19": None,
            "defense-cost-sharing": None,
            "inter-korean-military-agreements": None,
            "climate-change": None,
            "global-health": None,
            "human-rights": None,
            "economic-security": None,
            "nonproliferation": None,
            "development-cooperation": None,
        },
    ),
}


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def vocabs() -> dict[str, Graph]:
    return {name: Graph().parse(VOCAB_DIR / name, format="turtle") for name in SCHEMES}


@pytest.fixture(scope="module")
def tbox(onto: Graph, vocabs: dict[str, Graph]) -> Graph:
    """Ontology and all vocabularies in one graph."""
    g = Graph()
    g += onto
    for v in vocabs.values():
        g += v
    return g


@pytest.fixture(scope="module")
def terms(onto: Graph) -> dict[URIRef, set[URIRef]]:
    """kidd: terms declared in kidd.ttl -> their declared OWL term types."""
    found: dict[URIRef, set[URIRef]] = {}
    for t in TERM_TYPES:
        for s in onto.subjects(RDF.type, t):
            if isinstance(s, URIRef) and str(s).startswith(NS):
                found.setdefault(s, set()).add(t)
    return found


def of_type(terms: dict[URIRef, set[URIRef]], t: URIRef) -> list[URIRef]:
    return sorted(s for s, types in terms.items() if t in types)


def lang_literals(g: Graph, s: URIRef, p: URIRef, lang: str) -> list[Literal]:
    return [o for o in g.objects(s, p) if isinstance(o, Literal) and o.language == lang]


def rl_violations(g: Graph) -> list[str]:
    """Inconsistencies the OWL 2 RL closure of a copy of `g` reports (empty if none)."""
    closed = Graph()
    closed += g
    DeductiveClosure(OWLRL_Semantics).expand(closed)
    found = [
        str(msg)
        for node in closed.subjects(RDF.type, OWLRL_ERR.ErrorMessage)
        for msg in closed.objects(node, OWLRL_ERR.error)
    ]
    # any other triple in the error namespace would be a report we do not know how to read
    found += [
        f"owlrl error triple: {s} {p} {o}"
        for s, p, o in closed
        if str(p).startswith(str(OWLRL_ERR)) and p != OWLRL_ERR.error
    ]
    found += [f"{s} is a member of owl:Nothing" for s in closed.subjects(RDF.type, OWL.Nothing)]
    return found


# --------------------------------------------------------------------------- header


def test_header(onto: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    assert list(onto.subjects(RDF.type, OWL.Ontology)) == [ONTOLOGY_IRI]
    one = lambda p: list(onto.objects(ONTOLOGY_IRI, p))  # noqa: E731
    assert one(OWL.versionIRI) == [URIRef(str(ONTOLOGY_IRI) + "/0.1.0")]
    assert one(OWL.versionInfo) == [Literal("0.1.0")]
    assert [t.language for t in one(DCTERMS.title)] == ["en"]
    [description] = one(DCTERMS.description)
    assert description.language == "en" and len(description) > 200
    assert one(DCTERMS.license) == [URIRef("https://creativecommons.org/licenses/by/4.0/")]
    assert one(DCTERMS.creator) == [Literal("KIDD-KG developers")]
    assert one(DCTERMS.created) == [Literal("2026-11-27", datatype=XSD.date)]
    assert one(VANN.preferredNamespacePrefix) == [Literal("kidd")]
    assert one(VANN.preferredNamespaceUri) == [Literal(NS)]


# --------------------------------------------------------------------------- terms


def test_terms_match_namespace(terms: dict[URIRef, set[URIRef]]) -> None:
    expected = {URIRef(NS + name) for name in KIDD.__annotations__ if not name.startswith("_")}
    assert expected, "no terms found in kg.namespace.KIDD"
    assert terms, "no kidd: terms declared in kidd.ttl"
    declared = set(terms)
    assert declared - expected == set(), "declared in kidd.ttl but missing from KIDD"
    assert expected - declared == set(), "in KIDD but not declared in kidd.ttl"


def test_each_term_has_one_kind(terms: dict[URIRef, set[URIRef]]) -> None:
    assert {s: t for s, t in terms.items() if len(t) != 1} == {}


def test_no_undeclared_kidd_iris(onto: Graph, terms: dict[URIRef, set[URIRef]]) -> None:
    used = {
        node
        for triple in onto
        for node in triple
        if isinstance(node, URIRef) and str(node).startswith(NS)
    }
    assert used, "kidd.ttl uses no kidd: IRI"
    assert used - set(terms) == set()


def test_labels_and_definitions(onto: Graph, terms: dict[URIRef, set[URIRef]]) -> None:
    assert terms
    bad = {}
    for s in terms:
        labels = lang_literals(onto, s, RDFS.label, "en")
        defs = lang_literals(onto, s, SKOS.definition, "en")
        defined_by = list(onto.objects(s, RDFS.isDefinedBy))
        if len(labels) != 1 or len(defs) != 1 or defined_by != [ONTOLOGY_IRI]:
            bad[s] = (labels, defs, defined_by)
        elif not str(labels[0]).strip() or PLACEHOLDER.search(str(defs[0])):
            bad[s] = (labels, defs, defined_by)
    assert bad == {}


def test_classes_have_korean_label(onto: Graph, terms: dict[URIRef, set[URIRef]]) -> None:
    classes = of_type(terms, OWL.Class)
    assert classes
    missing = [c for c in classes if len(lang_literals(onto, c, RDFS.label, "ko")) != 1]
    assert missing == []


def test_object_properties_have_range(onto: Graph, terms: dict[URIRef, set[URIRef]]) -> None:
    props = of_type(terms, OWL.ObjectProperty)
    assert props
    assert OPEN_RANGE <= set(props)
    missing = [p for p in props if (p, RDFS.range, None) not in onto and p not in OPEN_RANGE]
    assert missing == []
    # the open ones really are open, and say so
    assert [p for p in OPEN_RANGE if (p, RDFS.range, None) in onto] == []
    assert [p for p in OPEN_RANGE if (p, SKOS.scopeNote, None) not in onto] == []


def test_datatype_properties_have_xsd_range(
    onto: Graph, terms: dict[URIRef, set[URIRef]]
) -> None:
    props = of_type(terms, OWL.DatatypeProperty)
    assert props
    bad = {p: list(onto.objects(p, RDFS.range)) for p in props}
    bad = {p: r for p, r in bad.items() if len(r) != 1 or not str(r[0]).startswith(str(XSD))}
    assert bad == {}


def test_annotation_properties_have_no_range(
    onto: Graph, terms: dict[URIRef, set[URIRef]]
) -> None:
    props = of_type(terms, OWL.AnnotationProperty)
    assert props == [KIDD.acronym]
    assert (KIDD.acronym, RDFS.range, None) not in onto
    assert (KIDD.acronym, RDFS.subPropertyOf, SKOS.altLabel) in onto


# --------------------------------------------------------------------------- vocabularies


@pytest.mark.parametrize("filename", sorted(SCHEMES))
def test_concept_scheme(vocabs: dict[str, Graph], filename: str) -> None:
    g = vocabs[filename]
    slug, expected = SCHEMES[filename]
    scheme = URIRef(VOCAB_BASE + slug)
    assert list(g.subjects(RDF.type, SKOS.ConceptScheme)) == [scheme]
    for p in (DCTERMS.title, DCTERMS.description):
        assert [o.language for o in g.objects(scheme, p)] == ["en"]
    assert list(g.objects(scheme, DCTERMS.license)) == [
        URIRef("https://creativecommons.org/licenses/by/4.0/")
    ]

    concepts = set(g.subjects(RDF.type, SKOS.Concept))
    prefix = str(scheme) + "/"
    assert concepts, f"no concepts in {filename}"
    assert {str(c).removeprefix(prefix) for c in concepts} == set(expected)

    bad = {}
    for c in concepts:
        name = str(c).removeprefix(prefix)
        problems = []
        if list(g.objects(c, SKOS.inScheme)) != [scheme]:
            problems.append("inScheme")
        if len(lang_literals(g, c, SKOS.prefLabel, "en")) != 1:
            problems.append("prefLabel@en")
        if len(lang_literals(g, c, SKOS.prefLabel, "ko")) > 1:
            problems.append("prefLabel@ko")
        if len(lang_literals(g, c, SKOS.definition, "en")) != 1:
            problems.append("definition@en")
        if list(g.objects(c, SKOS.notation)) != [Literal(name)]:
            problems.append("notation")
        broader = [str(b).removeprefix(prefix) for b in g.objects(c, SKOS.broader)]
        top = (c, SKOS.topConceptOf, scheme) in g
        if top != ((scheme, SKOS.hasTopConcept, c) in g):
            problems.append("topConceptOf/hasTopConcept disagree")
        if expected[name] is None and not (top and broader == []):
            problems.append("should be a top concept")
        if expected[name] is not None and (top or broader != [expected[name]]):
            problems.append(f"broader should be {expected[name]}")
        if problems:
            bad[name] = problems
    assert bad == {}


def test_act_kinds_name_their_verbs(vocabs: dict[str, Graph]) -> None:
    g = vocabs["act-kinds.ttl"]
    prefix = VOCAB_BASE + "act-kind/"
    narrower = [c for c in g.subjects(SKOS.broader, None)]
    assert narrower
    missing = [
        str(c).removeprefix(prefix)
        for c in narrower
        if '"' not in "".join(lang_literals(g, c, SKOS.scopeNote, "en"))
    ]
    assert missing == []


# --------------------------------------------------------------------------- OWL 2 RL


def test_rl_closure_is_consistent(tbox: Graph) -> None:
    assert len(tbox) > 0
    assert rl_violations(tbox) == []


X = URIRef("https://w3id.org/kidd-kg/id/test/x")


@pytest.mark.parametrize(
    "types",
    sample([
        (KIDD.Person, KIDD.Event),  # via Agent ⟂ Event
        (KIDD.Person, KIDD.Organization),
        (KIDD.Place, KIDD.SpeechAct),
        (KIDD.Dialogue, KIDD.Committee),
        (KIDD.Commitment, KIDD.Plan),
        (KIDD.RelativeTime, KIDD.Meeting),
    ], 3),
    ids=lambda ts: "+".join(str(t).removeprefix(NS) for t in ts),
)
def test_rl_check_reports_clash(tbox: Graph, types: tuple[URIRef, URIRef]) -> None:
    bad = Graph()
    bad += tbox
    for t in types:
        bad.add((X, RDF.type, t))
    found = rl_violations(bad)
    assert found, f"{types} should be inconsistent"
    assert any(str(X) in msg for msg in found)


def test_state_is_both_organization_and_place(tbox: Graph) -> None:
    g = Graph()
    g += tbox
    g.add((X, RDF.type, KIDD.State))
    assert rl_violations(g) == []
    closed = Graph()
    closed += g
    DeductiveClosure(OWLRL_Semantics).expand(closed)
    for t in (KIDD.Organization, KIDD.Place, KIDD.Agent):
        assert (X, RDF.type, t) in closed
