"""Key facts of the readout of the inaugural NCG meeting (statements/ncg-1), checked against its built
graph: the meeting, its ordinal, date, place and conveners, the NCG's cadence, the planned second
meeting, the acts by kind."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import RDF, Literal, URIRef
from rdflib.namespace import ORG, TIME, XSD

from kg.namespace import ID, KIDD, VOCAB
from tests.keyfacts import day
from tests import builds

ST = "ncg-1"
HOLDS = ORG.holds


@pytest.fixture(scope="module")
def facts():
    return builds.facts(ST)


def test_meeting_ordinal_date_place(facts):
    m = ID["event/ncg-1"]
    assert set(facts.objects(ID[f"statement/{ST}"], KIDD.reports)) == {m}
    assert (m, RDF.type, KIDD.Meeting) in facts
    assert (m, KIDD.meetingOf, ID["body/ncg"]) in facts
    assert (m, KIDD.ordinal, Literal(1, datatype=XSD.integer)) in facts
    assert (m, KIDD.status, URIRef(VOCAB + "status/held")) in facts
    t = facts.value(m, TIME.hasTime)
    assert (day(facts, t, TIME.hasBeginning), day(facts, t, TIME.hasEnd)) == ("2023-07-18", "2023-07-18")
    assert set(facts.objects(m, KIDD.location)) == {ID["place/seoul"]}
    assert set(facts.objects(m, KIDD.organizedBy)) == {ID["org/us-nsc"], ID["org/rok-national-security-office"]}


def test_conveners_and_their_posts(facts):
    m = ID["event/ncg-1"]
    assert set(facts.objects(m, KIDD.coChairedBy)) == {
        ID["person/kim-tae-hyo"], ID["person/kurt-campbell"], ID["person/cara-abercrombie"]}
    assert set(facts.objects(ID["person/kim-tae-hyo"], HOLDS)) == {ID["post/rok-principal-deputy-national-security-advisor"]}
    assert set(facts.objects(ID["person/kurt-campbell"], HOLDS)) == {ID["post/us-nsc-coordinator-indo-pacific"]}
    assert set(facts.objects(ID["person/cara-abercrombie"], HOLDS)) == {ID["post/us-nsc-coordinator-defense-policy-arms-control"]}
    # the readout names no delegations
    assert list(facts.subjects(RDF.type, KIDD.Delegation)) == []


def test_the_ncg_body_its_cadence_and_the_next_meeting(facts):
    ncg = ID["body/ncg"]
    assert (ncg, KIDD.cadence, Literal("quarterly")) in facts
    assert (ncg, KIDD.status, URIRef(VOCAB + "status/ongoing")) in facts
    nxt = ID["event/ncg-2"]
    assert (nxt, KIDD.status, URIRef(VOCAB + "status/planned")) in facts
    assert (nxt, KIDD.plannedAt, ID["event/ncg-1"]) in facts
    assert (nxt, KIDD.location, ID["state/usa"]) in facts
    assert str(facts.value(facts.value(nxt, TIME.hasTime), KIDD.timeExpression)) == "later this year"


def test_workstreams_are_three_processes(facts):
    ws = set(facts.subjects(KIDD.agreedAt, ID["event/ncg-1"]))
    assert ws == {ID["event/ncg/workstream-security-information-sharing-protocols"],
                  ID["event/ncg/workstream-nuclear-consultation-processes"],
                  ID["event/ncg-1/workstream-planning-operations-exercises"]}
    assert all((w, RDF.type, KIDD.Process) in facts for w in ws)
    assert set(facts.objects(ID[f"act/{ST}/b05"], KIDD.about)) >= ws


def test_acts_by_kind(facts):
    kinds = Counter(str(k).rsplit("/", 1)[1] for k in facts.objects(None, KIDD.actKind))
    assert kinds == Counter({"affirmation": 2, "discussion": 2, "commitment": 2, "reaffirmation": 1, "emphasis": 1})
    made = {c for c in facts.subjects(RDF.type, KIDD.Commitment) if f"/commitment/{ST}/" in str(c)}
    assert made == {ID[f"commitment/{ST}/b05"], ID[f"commitment/{ST}/b06"]}
    assert (ID[f"act/{ST}/b01"], KIDD.reaffirms, ID["commitment/us-defense-of-rok"]) in facts
    assert str(facts.value(ID[f"commitment/{ST}/b06"], KIDD.dueTime) and
               facts.value(facts.value(ID[f"commitment/{ST}/b06"], KIDD.dueTime), KIDD.timeExpression)) == "in the coming months"
