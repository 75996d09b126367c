"""Key facts of the statement on the second NCG meeting (statements/ncg-2), checked against its built
graph, and the NCG as one node from the Washington Declaration to its second meeting (the corpus)."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import RDF, Literal, URIRef
from rdflib.namespace import ORG, TIME, XSD

from kg.graph.iris import graph_iri
from kg.namespace import ID, KIDD, VOCAB
from tests.keyfacts import day
from tests import builds

ST = "ncg-2"
HOLDS = ORG.holds
DENOTED = URIRef("http://groundedannotationframework.org/gaf#denotedBy")
NIF_CONTEXT = URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#referenceContext")


@pytest.fixture(scope="module")
def facts():
    return builds.facts(ST)


@pytest.fixture(scope="module")
def corpus():
    return builds.whole()


def test_meeting_ordinal_date_place(facts):
    m = ID["event/ncg-2"]
    assert set(facts.objects(ID[f"statement/{ST}"], KIDD.reports)) == {m}
    assert (m, KIDD.meetingOf, ID["body/ncg"]) in facts
    assert (m, KIDD.ordinal, Literal(2, datatype=XSD.integer)) in facts
    assert (m, KIDD.status, URIRef(VOCAB + "status/held")) in facts
    t = facts.value(m, TIME.hasTime)
    assert (day(facts, t, TIME.hasBeginning), day(facts, t, TIME.hasEnd)) == ("2023-12-15", "2023-12-15")
    assert set(facts.objects(m, KIDD.location)) == {ID["place/washington-dc"]}


def test_conveners_and_discussion_leaders(facts):
    m = ID["event/ncg-2"]
    assert set(facts.objects(m, KIDD.coChairedBy)) == {ID["person/maher-bitar"], ID["person/kim-tae-hyo"]}
    assert {ID["person/vipin-narang"], ID["person/heo-tae-keun"]} <= set(facts.objects(m, KIDD.participant))
    assert set(facts.objects(ID["person/maher-bitar"], HOLDS)) == {ID["post/us-nsc-coordinator-intelligence-defense-policy"]}
    assert set(facts.objects(ID["person/vipin-narang"], HOLDS)) == {ID["post/us-pdasd-space-policy"]}
    assert set(facts.objects(ID["person/heo-tae-keun"], HOLDS)) == {ID["post/rok-deputy-minister-national-defense-policy"]}
    assert set(facts.objects(ID["person/kim-tae-hyo"], HOLDS)) == {ID["post/rok-principal-deputy-national-security-advisor"]}


def test_the_third_meeting_is_planned(facts):
    m3 = ID["event/ncg-3"]
    assert (m3, KIDD.ordinal, Literal(3, datatype=XSD.integer)) in facts
    assert (m3, KIDD.status, URIRef(VOCAB + "status/planned")) in facts
    assert (m3, KIDD.plannedAt, ID["event/ncg-2"]) in facts
    assert (m3, KIDD.location, ID["state/rok"]) in facts
    assert str(facts.value(facts.value(m3, TIME.hasTime), KIDD.timeExpression)) == "next summer"


def test_working_group_and_eight_workstreams(facts):
    assert (ID["body/ncg-wg"], KIDD.withinBody, ID["body/ncg"]) in facts
    ws = {o for o in facts.objects(ID[f"act/{ST}/c04"], KIDD.about) if (o, RDF.type, KIDD.Process) in facts}
    assert len(ws) == 8
    assert ID["event/ncg/workstream-security-information-sharing-protocols"] in ws
    assert ID["event/ncg-2/workstream-conventional-nuclear-integration"] in ws


def test_acts_by_kind(facts):
    kinds = Counter(str(k).rsplit("/", 1)[1] for k in facts.objects(None, KIDD.actKind))
    assert kinds == Counter({"reaffirmation": 2, "applause": 2, "discussion": 2, "affirmation": 1,
                             "acknowledgement": 1, "emphasis": 1, "commitment": 1})
    made = {c for c in facts.subjects(RDF.type, KIDD.Commitment) if f"/commitment/{ST}/" in str(c)}
    assert made == {ID[f"commitment/{ST}/c10"]}
    assert (ID[f"act/{ST}/c01"], KIDD.reaffirms, ID["commitment/us-defense-of-rok"]) in facts
    assert (ID["doc/ncg-2/work-plan"], KIDD.approvedBy, ID["group/ncg-principals"]) in facts


def test_the_ncg_is_one_node_from_the_declaration_to_its_second_meeting(corpus):
    ncg = ID["body/ncg"]
    g = corpus.queryable()  # built once for the session: facts and provenance with the rest
    texts = {str(g.value(span, NIF_CONTEXT)).split("#")[0].rsplit("/", 1)[1] for span in g.objects(ncg, DENOTED)}
    assert {"washington-declaration-2023", "ncg-1", "ncg-2"} <= texts
    # one status per statement: planned when announced, in existence at both meetings
    status = {st: set(corpus.graph(st, "facts").objects(ncg, KIDD.status)) for st in ("washington-declaration-2023", "ncg-1", "ncg-2")}
    assert status == {"washington-declaration-2023": {URIRef(VOCAB + "status/planned")},
                      "ncg-1": {URIRef(VOCAB + "status/ongoing")},
                      "ncg-2": {URIRef(VOCAB + "status/ongoing")}}
    # the meetings of the NCG, with their ordinals
    meetings = {m: g.value(m, KIDD.ordinal) for m in g.subjects(KIDD.meetingOf, ncg)}
    assert {m: int(o) for m, o in meetings.items()} == {ID["event/ncg-1"]: 1, ID["event/ncg-2"]: 2, ID["event/ncg-3"]: 3}


def test_the_second_meeting_planned_in_ncg_1_and_held_in_ncg_2(corpus):
    m = ID["event/ncg-2"]
    assert (m, KIDD.status, URIRef(VOCAB + "status/planned")) in corpus.graph("ncg-1", "facts")
    assert (m, KIDD.status, URIRef(VOCAB + "status/held")) in corpus.graph("ncg-2", "facts")
    assert (m, KIDD.plannedAt, ID["event/ncg-1"]) in corpus.graph("ncg-1", "facts")


def test_the_declarations_ncg_is_fulfilled_by_the_first_meeting(corpus):
    series = corpus.dataset.graph(graph_iri("series", "facts"))
    assert (ID["commitment/washington-declaration-2023/a10"], KIDD.fulfilledBy, ID["event/ncg-1"]) in series
    restating = set(series.subjects(KIDD.reaffirms, ID["commitment/washington-declaration-2023/a14"]))
    assert restating == {ID["act/ncg-1/b03"], ID["act/ncg-2/c03"]}
