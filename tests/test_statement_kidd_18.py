"""Key facts of the 18th KIDD statement (statements/kidd-18), checked against its built graph."""

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
    return builds.facts("kidd-18")


def test_meeting_ordinal_dates_and_video_teleconference(facts):
    m = ID["event/kidd-18"]
    assert (m, RDF.type, KIDD.Meeting) in facts
    assert (m, KIDD.ordinal, Literal(18, datatype=XSD.integer)) in facts
    t = facts.value(m, TIME.hasTime)
    assert (day(facts, t, TIME.hasBeginning), day(facts, t, TIME.hasEnd)) == ("2020-09-09", "2020-09-10")
    # the same venue node as the 17th KIDD
    assert set(facts.objects(m, KIDD.location)) == {ID["place/secure-video-teleconference"]}


def test_delegation_leaders_and_the_posts_the_text_names(facts):
    assert set(facts.objects(ID["delegation/kidd-18-rok"], KIDD.ledBy)) == {ID["person/chung-sukhwan"]}
    assert set(facts.objects(ID["delegation/kidd-18-us"], KIDD.ledBy)) == {ID["person/david-helvey"], ID["person/heino-klinck"]}
    assert set(facts.objects(ID["person/heino-klinck"], HOLDS)) == {ID["post/us-dasd-east-asia"]}
    # "ROK Deputy Minister Chung Sukhwan" and "David Helvey performing the duties of Assistant Secretary
    # of Defense" do not name the posts in full: no post is asserted for them in this statement
    assert not set(facts.objects(ID["person/chung-sukhwan"], HOLDS))
    assert not set(facts.objects(ID["person/david-helvey"], HOLDS))


def test_acts_by_kind(facts):
    kinds = Counter(str(k).rsplit("/", 1)[1] for k in facts.objects(None, KIDD.actKind))
    assert kinds == Counter({"commitment": 2, "emphasis": 1, "affirmation": 1, "assessment": 1, "discussion": 1, "reaffirmation": 1})
    assert set(facts.subjects(RDF.type, KIDD.Commitment)) == {ID["commitment/kidd-18/a02"], ID["commitment/kidd-18/a07"]}


def test_the_planned_scm_and_the_listed_cooperation(facts):
    scm = ID["event/kidd-18/fall-2020-scm"]
    assert (scm, KIDD.meetingOf, ID["body/scm"]) in facts
    assert (scm, KIDD.status, URIRef(VOCAB + "status/planned")) in facts
    assert not set(facts.objects(scm, KIDD.ordinal))  # the text gives no ordinal
    about = set(facts.objects(ID["act/kidd-18/a02"], KIDD.about))
    assert {ID["event/kidd-18/senior-level-policy-consultations"], ID["event/kidd-18/information-sharing"],
            ID["event/kidd-18/personnel-exchanges"]} <= about
    assert (ID["act/kidd-18/a07"], KIDD.about, ID["doc/comprehensive-military-agreement"]) in facts
