"""Key facts of the Washington Declaration (statements/washington-declaration-2023), checked against its
built graph: the Presidents' meeting, the announcement of the Nuclear Consultative Group, the acts by kind
and the commitments they make."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import RDF, Literal, URIRef
from rdflib.namespace import ORG, TIME, XSD

from kg.namespace import ID, KIDD, VOCAB
from tests.keyfacts import day
from tests import builds

ST = "washington-declaration-2023"
HOLDS = ORG.holds


@pytest.fixture(scope="module")
def facts():
    return builds.facts(ST)


def test_the_statement_reports_the_presidents_meeting(facts):
    doc = ID[f"statement/{ST}"]
    m = ID["event/us-rok-summit-2023-04"]
    assert set(facts.objects(doc, KIDD.reports)) == {m}
    assert (m, RDF.type, KIDD.Meeting) in facts
    assert (m, KIDD.status, URIRef(VOCAB + "status/held")) in facts
    t = facts.value(m, TIME.hasTime)
    assert (day(facts, t, TIME.hasBeginning), day(facts, t, TIME.hasEnd)) == ("2023-04-26", "2023-04-26")
    assert set(facts.objects(m, KIDD.participant)) == {ID["person/joseph-r-biden"], ID["person/yoon-suk-yeol"]}
    # the text names no place for the meeting (only the title says "Washington")
    assert list(facts.objects(m, KIDD.location)) == []
    assert (doc, URIRef("http://purl.org/dc/terms/issued"), Literal("2023-04-26", datatype=XSD.date)) in facts
    assert set(facts.objects(doc, KIDD.issuedBy)) == {ID["person/joseph-r-biden"], ID["person/yoon-suk-yeol"]}


def test_the_presidents_and_their_posts(facts):
    assert set(facts.objects(ID["person/joseph-r-biden"], HOLDS)) == {ID["post/us-president"]}
    assert set(facts.objects(ID["person/yoon-suk-yeol"], HOLDS)) == {ID["post/rok-president"]}


def test_the_ncg_is_announced_at_the_summit(facts):
    ncg = ID["body/ncg"]
    assert (ncg, RDF.type, KIDD.ConsultativeGroup) in facts
    assert (ncg, KIDD.acronym, Literal("NCG")) in facts
    assert (ncg, KIDD.status, URIRef(VOCAB + "status/planned")) in facts
    assert (ncg, KIDD.plannedAt, ID["event/us-rok-summit-2023-04"]) in facts
    a10 = ID[f"act/{ST}/a10"]
    assert (a10, KIDD.actKind, URIRef(VOCAB + "act-kind/announcement")) in facts
    assert (a10, KIDD.about, ncg) in facts
    assert set(facts.objects(a10, KIDD.saidBy)) == {ID["person/joseph-r-biden"], ID["person/yoon-suk-yeol"]}
    assert (a10, KIDD.undertakes, ID[f"commitment/{ST}/a10"]) in facts
    assert str(facts.value(a10, KIDD.purpose)).startswith("to strengthen extended deterrence, discuss nuclear and strategic planning")


def test_acts_by_kind_and_commitments(facts):
    kinds = Counter(str(k).rsplit("/", 1)[1] for k in facts.objects(None, KIDD.actKind))
    assert kinds == Counter({"commitment": 10, "affirmation": 6, "reaffirmation": 3, "acknowledgement": 1,
                             "emphasis": 1, "announcement": 1})
    made = {str(c).rsplit("/", 1)[1] for c in facts.subjects(RDF.type, KIDD.Commitment) if f"/commitment/{ST}/" in str(c)}
    assert made == {"a01", "a03", "a06", "a07", "a09", "a10", "a11", "a12", "a14", "a16", "a17", "a18",
                    "a19", "a20", "a21", "a22"}


def test_standing_commitments_are_restated(facts):
    assert set(facts.subjects(KIDD.reaffirms, ID["commitment/us-defense-of-rok"])) == {ID[f"act/{ST}/a13"], ID[f"act/{ST}/a15"]}
    assert (ID[f"act/{ST}/a02"], KIDD.reaffirms, ID["commitment/us-rok-combined-defense-posture"]) in facts
    assert (ID[f"act/{ST}/a08"], KIDD.reaffirms, ID["commitment/rok-nonproliferation-obligations"]) in facts


def test_the_response_to_a_nuclear_attack_is_conditional_and_the_us_is_its_debtor(facts):
    c = ID[f"commitment/{ST}/a14"]
    assert set(facts.objects(c, KIDD.debtor)) == {ID["state/usa"]}
    assert str(facts.value(c, KIDD.condition)) == "any nuclear attack by the DPRK against the ROK"
    attack = ID[f"event/{ST}/dprk-nuclear-attack"]
    assert (c, KIDD.conditionEvent, attack) in facts
    assert (attack, KIDD.status, URIRef(VOCAB + "status/hypothetical")) in facts


def test_the_upcoming_submarine_visit_is_planned(facts):
    v = ID[f"event/{ST}/ssbn-visit"]
    assert (v, KIDD.status, URIRef(VOCAB + "status/planned")) in facts
    assert str(facts.value(facts.value(v, TIME.hasTime), KIDD.timeExpression)) == "upcoming"
    assert (ID[f"act/{ST}/a16"], KIDD.about, v) in facts
