"""Key facts of the 53rd SCM joint communique (statements/scm-53, items 1-3), checked against its built
graph: the meeting, its ordinal, date, place, delegation leaders, the 46th MCM, the acts by kind."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import RDF, Literal, URIRef
from rdflib.namespace import ORG, TIME, XSD

from kg.namespace import ID, KIDD, VOCAB
from tests.keyfacts import day
from tests import builds

ST = "scm-53"
HOLDS = ORG.holds


@pytest.fixture(scope="module")
def facts():
    return builds.facts(ST)


def test_meeting_ordinal_date_place(facts):
    m = ID["event/scm-53"]
    assert set(facts.objects(ID[f"statement/{ST}"], KIDD.reports)) == {m}
    assert (m, KIDD.meetingOf, ID["body/scm"]) in facts
    assert (m, KIDD.ordinal, Literal(53, datatype=XSD.integer)) in facts
    assert (m, KIDD.status, URIRef(VOCAB + "status/held")) in facts
    t = facts.value(m, TIME.hasTime)
    assert (day(facts, t, TIME.hasBeginning), day(facts, t, TIME.hasEnd)) == ("2021-12-02", "2021-12-02")
    assert set(facts.objects(m, KIDD.location)) == {ID["place/seoul"]}


def test_delegation_leaders_and_posts(facts):
    assert set(facts.objects(ID["delegation/scm-53-rok"], KIDD.ledBy)) == {ID["person/suh-wook"]}
    assert set(facts.objects(ID["delegation/scm-53-us"], KIDD.ledBy)) == {ID["person/lloyd-austin"]}
    assert set(facts.objects(ID["person/suh-wook"], HOLDS)) == {ID["post/rok-minister-national-defense"]}
    assert set(facts.objects(ID["person/lloyd-austin"], HOLDS)) == {ID["post/us-secretary-of-defense"]}


def test_the_46th_mcm(facts):
    m = ID["event/mcm-46"]
    assert (m, KIDD.ordinal, Literal(46, datatype=XSD.integer)) in facts
    t = facts.value(m, TIME.hasTime)
    assert day(facts, t, TIME.hasBeginning) == "2021-12-01"
    assert set(facts.objects(m, KIDD.coChairedBy)) == {ID["person/won-in-choul"], ID["person/mark-milley"]}
    assert set(facts.objects(ID["person/won-in-choul"], HOLDS)) == {ID["post/rok-chairman-joint-chiefs-of-staff"]}


def test_acts_by_kind(facts):
    kinds = Counter(str(k).rsplit("/", 1)[1] for k in facts.objects(None, KIDD.actKind))
    assert kinds == Counter({"reaffirmation": 2, "discussion": 2, "affirmation": 1, "noting": 1,
                             "pledge": 1, "assessment": 1})
    made = {c for c in facts.subjects(RDF.type, KIDD.Commitment) if f"/commitment/{ST}/" in str(c)}
    assert made == {ID[f"commitment/{ST}/e04"]}
    assert (ID[f"act/{ST}/e08"], KIDD.reaffirms, ID["commitment/us-rok-combined-defense-posture"]) in facts
    assert (ID[f"act/{ST}/e01"], KIDD.about, ID["event/us-rok-summit-2021-05"]) in facts
