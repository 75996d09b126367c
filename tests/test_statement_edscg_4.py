"""Key facts of the 2023 EDSCG joint press release (statements/edscg-4), checked against its built graph,
and the EDSCG as one body from its 2022 meeting (edscg-3) to its 2023 meeting."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import RDF, Literal, URIRef
from rdflib.namespace import ORG, TIME, XSD

from kg.graph.iris import graph_iri
from kg.namespace import ID, KIDD, VOCAB
from tests.keyfacts import day
from tests import builds

ST = "edscg-4"
HOLDS = ORG.holds


@pytest.fixture(scope="module")
def facts():
    return builds.facts(ST)


def test_meeting_ordinal_date_place(facts):
    m = ID["event/edscg-2023-09"]
    assert set(facts.objects(ID[f"statement/{ST}"], KIDD.reports)) == {m}
    assert (m, KIDD.meetingOf, ID["body/edscg"]) in facts
    assert (m, KIDD.ordinal, Literal(4, datatype=XSD.integer)) in facts
    assert (m, KIDD.status, URIRef(VOCAB + "status/held")) in facts
    t = facts.value(m, TIME.hasTime)
    assert (day(facts, t, TIME.hasBeginning), day(facts, t, TIME.hasEnd)) == ("2023-09-15", "2023-09-15")
    assert set(facts.objects(m, KIDD.location)) == {ID["place/seoul"], ID["state/rok"]}
    assert set(facts.objects(m, KIDD.organizedBy)) == {ID["org/us-dos"], ID["org/us-dod"], ID["org/rok-mofa"], ID["org/rok-mnd"]}
    assert (ID["body/edscg"], KIDD.cadence, Literal("annual")) in facts


def test_delegation_leaders_and_posts(facts):
    assert set(facts.objects(ID["delegation/edscg-4-rok"], KIDD.ledBy)) == {ID["person/chang-hojin"], ID["person/shin-beomchul"]}
    assert set(facts.objects(ID["delegation/edscg-4-us"], KIDD.ledBy)) == {ID["person/bonnie-jenkins"], ID["person/sasha-baker"]}
    assert set(facts.objects(ID["person/chang-hojin"], HOLDS)) == {ID["post/rok-first-vice-minister-foreign-affairs"]}
    assert set(facts.objects(ID["person/shin-beomchul"], HOLDS)) == {ID["post/rok-vice-minister-national-defense"]}
    assert set(facts.objects(ID["person/sasha-baker"], HOLDS)) == {ID["post/us-usd-policy"]}


def test_the_acting_qualifier_is_kept_in_the_evidence():
    prov = builds.alone(ST).union(("provenance",))
    rows = list(prov.query("""
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        PREFIX org: <http://www.w3.org/ns/org#>
        SELECT ?words WHERE {
          ?a rdf:subject <https://w3id.org/kidd-kg/id/person/sasha-baker> ; rdf:predicate org:holds ;
             prov:wasDerivedFrom ?span . ?span nif:anchorOf ?words }"""))
    assert [str(r.words) for r in rows] == ["Acting Under Secretary of Defense for Policy Sasha Baker"]


def test_acts_by_kind(facts):
    kinds = Counter(str(k).rsplit("/", 1)[1] for k in facts.objects(None, KIDD.actKind))
    assert kinds == Counter({"discussion": 1, "shared-assessment": 1, "concern": 1, "reaffirmation": 1})
    assert [c for c in facts.subjects(RDF.type, KIDD.Commitment) if f"/commitment/{ST}/" in str(c)] == []


def test_the_edscg_from_2022_to_2023():
    corpus = builds.whole()
    g = corpus.union(("facts",))
    meetings = {m: int(g.value(m, KIDD.ordinal)) for m in g.subjects(KIDD.meetingOf, ID["body/edscg"])}
    assert meetings == {ID["event/edscg-2022-09"]: 3, ID["event/edscg-2023-09"]: 4}
    # the same person, the same post, a year apart
    for st, m in (("edscg-3", "edscg-3"), ("edscg-4", "edscg-4")):
        assert (ID["person/shin-beomchul"], HOLDS, ID["post/rok-vice-minister-national-defense"]) in corpus.graph(st, "facts")
    series = corpus.dataset.graph(graph_iri("series", "facts"))
    assert (ID["act/edscg-4/d04"], KIDD.reaffirms, ID["commitment/edscg-3/all-available-levers"]) in series
