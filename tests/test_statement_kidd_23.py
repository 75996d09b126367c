"""Key facts of the 23rd KIDD statement (statements/kidd-23), checked against its built graph."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import RDF, Literal, URIRef
from rdflib.namespace import ORG, TIME, XSD

from kg.namespace import ID, KIDD, VOCAB
from tests.keyfacts import day
from tests import builds

HOLDS = ORG.holds


@pytest.fixture(scope="module")
def facts():
    return builds.facts("kidd-23")


def test_meeting_ordinal_date_place(facts):
    m = ID["event/kidd-23"]
    assert (m, RDF.type, KIDD.Meeting) in facts
    assert (m, KIDD.meetingOf, ID["body/kidd"]) in facts
    assert (m, KIDD.ordinal, Literal(23, datatype=XSD.integer)) in facts
    t = facts.value(m, TIME.hasTime)
    assert (day(facts, t, TIME.hasBeginning), day(facts, t, TIME.hasEnd)) == ("2023-09-18", "2023-09-18")
    assert set(facts.objects(m, KIDD.location)) == {ID["place/seoul"]}
    assert (m, KIDD.status, URIRef(VOCAB + "status/held")) in facts


def test_delegation_leaders_and_posts(facts):
    assert set(facts.objects(ID["delegation/kidd-23-us"], KIDD.ledBy)) == {ID["person/cara-allison-marshall"]}
    assert set(facts.objects(ID["delegation/kidd-23-rok"], KIDD.ledBy)) == {ID["person/heo-tae-keun"]}
    # "Acting DASD for East Asia, Cara Allison Marshall": the same post Mohandas held at the 19th–22nd KIDD
    assert set(facts.objects(ID["person/cara-allison-marshall"], HOLDS)) == {ID["post/us-dasd-east-asia"]}
    # "Dr. Taekeun Heo": the same person and post as "Dr. Heo Tae-keun" of the 21st and 22nd KIDD
    assert set(facts.objects(ID["person/heo-tae-keun"], HOLDS)) == {ID["post/rok-deputy-minister-national-defense-policy"]}


def test_acts_by_kind(facts):
    kinds = Counter(str(k).rsplit("/", 1)[1] for k in facts.objects(None, KIDD.actKind))
    assert kinds == Counter({"reaffirmation": 4, "pledge": 1, "shared-assessment": 1, "commitment": 1})
    assert set(facts.subjects(KIDD.inSession, ID["event/kidd-23/spi-session"])) == {ID["act/kidd-23/a01"], ID["act/kidd-23/a02"]}


def test_one_side_acts_and_the_restated_commitment(facts):
    one_side = {a for a in facts.subjects(RDF.type, KIDD.SpeechAct) if set(facts.objects(a, KIDD.saidBy)) == {ID["delegation/kidd-23-us"]}}
    assert one_side == {ID["act/kidd-23/a06"], ID["act/kidd-23/a07"]}
    assert (ID["act/kidd-23/a06"], KIDD.reaffirms, ID["commitment/us-defense-of-rok"]) in facts
    assert (ID["act/kidd-23/a07"], KIDD.conditionEvent, ID["event/kidd-23/dprk-nuclear-attack"]) in facts


def test_two_slv_launches_before_the_meeting(facts):
    for ev, month in (("may", "May"), ("august", "August")):
        t = facts.value(ID[f"event/kidd-23/dprk-slv-launch-{ev}"], TIME.hasTime)
        assert str(facts.value(t, KIDD.timeExpression)) == month
        assert (t, TIME.before, ID["time/2023-09-18"]) in facts
