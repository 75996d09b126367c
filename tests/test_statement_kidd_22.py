"""Key facts of the 22nd KIDD statement (statements/kidd-22), checked against its built graph."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import RDF, Literal, URIRef
from rdflib.namespace import TIME, XSD

from kg.namespace import ID, KIDD, VOCAB
from tests import builds



@pytest.fixture(scope="module")
def facts():
    return builds.facts("kidd-22")


def day(g, interval, prop):
    inst = g.value(interval, prop)
    return str(g.value(inst, TIME.inXSDDate))


def test_meeting_ordinal_date_place(facts):
    m = ID["event/kidd-22"]
    assert (m, RDF.type, KIDD.Meeting) in facts
    assert (m, KIDD.meetingOf, ID["body/kidd"]) in facts
    assert (m, KIDD.ordinal, Literal(22, datatype=XSD.integer)) in facts
    t = facts.value(m, TIME.hasTime)
    assert t == ID["time/kidd-22"]
    assert (day(facts, t, TIME.hasBeginning), day(facts, t, TIME.hasEnd)) == ("2023-04-11", "2023-04-12")
    assert set(facts.objects(m, KIDD.location)) == {ID["place/washington-dc"]}
    assert (m, KIDD.status, URIRef(VOCAB + "status/held")) in facts
    assert set(facts.objects(m, KIDD.organizedBy)) == {ID["org/us-dod"], ID["org/rok-mnd"]}


def test_delegation_leaders_and_posts(facts):
    assert set(facts.objects(ID["delegation/kidd-22-us"], KIDD.ledBy)) == {ID["person/ely-ratner"], ID["person/siddharth-mohandas"]}
    assert set(facts.objects(ID["delegation/kidd-22-rok"], KIDD.ledBy)) == {ID["person/heo-tae-keun"]}
    holds = URIRef("http://www.w3.org/ns/org#holds")
    assert set(facts.objects(ID["person/heo-tae-keun"], holds)) == {ID["post/rok-deputy-minister-national-defense-policy"]}
    assert set(facts.objects(ID["person/siddharth-mohandas"], holds)) == {ID["post/us-dasd-east-asia"]}
    assert set(facts.objects(ID["person/ely-ratner"], holds)) == {ID["post/us-asd-indo-pacific-security-affairs"]}
    assert set(facts.objects(ID["person/richard-johnson"], holds)) == {ID["post/us-dasd-nuclear-cwmd-policy"]}


def test_dsc_session_co_chairs(facts):
    s = ID["event/kidd-22/dsc-session"]
    assert (s, KIDD.sessionOf, ID["event/kidd-22"]) in facts
    assert set(facts.objects(s, KIDD.coChairedBy)) == {
        ID["person/richard-johnson"], ID["person/siddharth-mohandas"], ID["person/heo-tae-keun"]}


def test_acts_by_kind(facts):
    kinds = Counter(str(k).rsplit("/", 1)[1] for k in facts.objects(None, KIDD.actKind))
    assert kinds == Counter({"reaffirmation": 3, "acknowledgement": 2, "pledge": 1, "commitment": 1})
    commitments = set(facts.subjects(RDF.type, KIDD.Commitment))
    assert commitments == {ID["commitment/kidd-22/a02"], ID["commitment/kidd-22/a04"]}


def test_acts_in_the_spi_session(facts):
    in_spi = {s for s in facts.subjects(KIDD.inSession, ID["event/kidd-22/spi-session"])}
    assert in_spi == {ID[f"act/kidd-22/a0{i}"] for i in range(1, 6)}


def test_the_leaders_are_the_three_delegation_heads(facts):
    assert set(facts.objects(ID["act/kidd-22/a04"], KIDD.saidBy)) == {
        ID["person/ely-ratner"], ID["person/siddharth-mohandas"], ID["person/heo-tae-keun"]}


def test_dprk_activities_in_their_years(facts):
    t = facts.value(ID["event/kidd-22/dprk-missile-testing-2022"], TIME.hasTime)
    assert (day(facts, t, TIME.hasBeginning), day(facts, t, TIME.hasEnd)) == ("2022-01-01", "2022-12-31")
    assert (ID["event/kidd-22/dprk-provocations-2023"], KIDD.status, URIRef(VOCAB + "status/ongoing")) in facts
