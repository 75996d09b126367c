"""Key facts of the 17th KIDD statement (statements/kidd-17), checked against its built graph."""

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
    return builds.facts("kidd-17")


def test_meeting_ordinal_date_and_video_teleconference(facts):
    m = ID["event/kidd-17"]
    assert (m, RDF.type, KIDD.Meeting) in facts
    assert (m, KIDD.meetingOf, ID["body/kidd"]) in facts
    assert (m, KIDD.ordinal, Literal(17, datatype=XSD.integer)) in facts
    t = facts.value(m, TIME.hasTime)
    assert (day(facts, t, TIME.hasBeginning), day(facts, t, TIME.hasEnd)) == ("2020-04-21", "2020-04-21")
    assert set(facts.objects(m, KIDD.location)) == {ID["place/secure-video-teleconference"]}
    assert (m, KIDD.status, URIRef(VOCAB + "status/held")) in facts


def test_delegation_leaders_and_posts(facts):
    assert set(facts.objects(ID["delegation/kidd-17-rok"], KIDD.ledBy)) == {ID["person/chung-sukhwan"]}
    assert set(facts.objects(ID["delegation/kidd-17-us"], KIDD.ledBy)) == {ID["person/heino-klinck"]}
    assert set(facts.objects(ID["person/chung-sukhwan"], HOLDS)) == {ID["post/rok-deputy-minister-national-defense-policy"]}
    assert set(facts.objects(ID["person/heino-klinck"], HOLDS)) == {ID["post/us-dasd-east-asia"]}


def test_acts_by_kind_and_one_side(facts):
    kinds = Counter(str(k).rsplit("/", 1)[1] for k in facts.objects(None, KIDD.actKind))
    assert kinds == Counter({"applause": 1, "gratitude": 1, "acknowledgement": 1, "assessment": 1, "emphasis": 1})
    by_klinck = set(facts.subjects(KIDD.saidBy, ID["person/heino-klinck"]))
    assert by_klinck == {ID["act/kidd-17/a01"], ID["act/kidd-17/a02"]}
    assert not set(facts.subjects(RDF.type, KIDD.Commitment))


def test_sma_and_the_shared_pandemic(facts):
    assert (ID["act/kidd-17/a04"], KIDD.about, ID["doc/sma-11"]) in facts
    assert (ID["act/kidd-17/a04"], KIDD.topic, URIRef(VOCAB + "topic/defense-cost-sharing")) in facts
    # the same node as leaders-2022's COVID-19 pandemic
    assert (ID["act/kidd-17/a03"], KIDD.about, ID["event/covid-19-pandemic"]) in facts
