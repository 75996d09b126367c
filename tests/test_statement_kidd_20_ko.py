"""Key facts of the Korean 20th KIDD statement (statements/kidd-20-ko), and the posts of the KIDD
thread across the series (17th to 23rd meeting), checked against the built graphs."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import RDF, RDFS, SKOS, Literal
from rdflib.namespace import ORG, PROV, TIME, XSD

from kg.namespace import ID, KIDD, NIF
from tests.keyfacts import day
from tests import builds

HOLDS = ORG.holds
DEPMIN = ID["post/rok-deputy-minister-national-defense-policy"]
DASD_EA = ID["post/us-dasd-east-asia"]


@pytest.fixture(scope="module")
def result():
    return builds.alone("kidd-20-ko")


@pytest.fixture(scope="module")
def facts(result):
    return result.union(("facts",))


def test_meeting_ordinal_date_place(facts):
    m = ID["event/kidd-20"]
    assert (m, RDF.type, KIDD.Meeting) in facts
    assert (m, KIDD.meetingOf, ID["body/kidd"]) in facts
    assert (m, KIDD.ordinal, Literal(20, datatype=XSD.integer)) in facts
    t = facts.value(m, TIME.hasTime)
    assert (day(facts, t, TIME.hasBeginning), day(facts, t, TIME.hasEnd)) == ("2021-09-27", "2021-09-28")
    assert set(facts.objects(m, KIDD.location)) == {ID["place/seoul"]}


def test_delegation_leaders_posts_and_dsc_chairs(facts):
    assert set(facts.objects(ID["delegation/kidd-20-rok"], KIDD.ledBy)) == {ID["person/kim-mangi"]}
    assert set(facts.objects(ID["delegation/kidd-20-us"], KIDD.ledBy)) == {ID["person/siddharth-mohandas"]}
    assert set(facts.objects(ID["person/kim-mangi"], HOLDS)) == {DEPMIN}
    assert set(facts.objects(ID["person/siddharth-mohandas"], HOLDS)) == {DASD_EA}
    assert set(facts.objects(ID["event/kidd-20/dsc-session"], KIDD.coChairedBy)) == {
        ID["person/melissa-dalton"], ID["person/siddharth-mohandas"], ID["person/kim-mangi"]}


def test_acts_by_kind_are_the_english_kinds(facts):
    kinds = Counter(str(k).rsplit("/", 1)[1] for k in facts.objects(None, KIDD.actKind))
    assert kinds == Counter({"commitment": 3, "reaffirmation": 2, "assessment": 1, "discussion": 1, "emphasis": 1})
    assert set(facts.subjects(KIDD.inSession, ID["event/kidd-20/spi-session"])) == {ID["act/kidd-20-ko/a07"], ID["act/kidd-20-ko/a08"]}
    assert str(facts.value(ID["act/kidd-20-ko/a04"], KIDD.content)) == "북한의 최근 미사일 발사"


def test_korean_labels_of_shared_nodes_come_from_the_text(result, facts):
    prov = result.union(("provenance",))
    enrichment = result.union(("enrichment",))
    for node, name in (("body/kidd", "한미통합국방협의체"), ("org/rok-mnd", "대한민국 국방부"), ("org/us-dod", "미국 국방부"),
                       ("post/rok-deputy-minister-national-defense-policy", "국방정책실장"), ("person/kim-mangi", "김만기")):
        label = Literal(name, lang="ko")
        assert (ID[node], RDFS.label, label) in facts and (ID[node], SKOS.prefLabel, label) in facts
        assert (ID[node], RDFS.label, label) not in enrichment
        # the assertion is derived from a span of the text whose words are the label
        assertion = next(a for a in prov.subjects(RDF.subject, ID[node])
                         if (a, RDF.predicate, RDFS.label) in prov and (a, RDF.object, label) in prov)
        spans = list(prov.objects(assertion, PROV.wasDerivedFrom))
        assert [str(prov.value(s, NIF.anchorOf)) for s in spans] == [name]
    assert not list(enrichment.triples((None, RDFS.label, None)))


def test_the_posts_across_the_kidd_thread():
    """DEPMIN: Chung Sukhwan (17th), Kim Mangi (19th, 20th), Heo Tae-keun (21st–23rd);
    DASD for East Asia: Heino Klinck (17th, 18th), Siddharth Mohandas (19th–22nd), Cara Allison
    Marshall, acting (23rd). Only where each text names the post (kidd-18 names neither Chung's post
    nor Helvey's)."""
    holders = {}
    for sid in ("kidd-17", "kidd-18", "kidd-19", "kidd-20-ko", "kidd-21", "kidd-22", "kidd-23"):
        g = builds.whole().graph(sid, "facts")  # each statement's own facts, as built alone
        holders[sid] = {post: {str(p).rsplit("/", 1)[1] for p in g.subjects(HOLDS, post)} for post in (DEPMIN, DASD_EA)}
    assert {sid: h[DEPMIN] for sid, h in holders.items()} == {
        "kidd-17": {"chung-sukhwan"}, "kidd-18": set(), "kidd-19": {"kim-mangi"}, "kidd-20-ko": {"kim-mangi"},
        "kidd-21": {"heo-tae-keun"}, "kidd-22": {"heo-tae-keun"}, "kidd-23": {"heo-tae-keun"}}
    assert {sid: h[DASD_EA] for sid, h in holders.items()} == {
        "kidd-17": {"heino-klinck"}, "kidd-18": {"heino-klinck"}, "kidd-19": {"siddharth-mohandas"},
        "kidd-20-ko": {"siddharth-mohandas"}, "kidd-21": {"siddharth-mohandas"}, "kidd-22": {"siddharth-mohandas"},
        "kidd-23": {"cara-allison-marshall"}}
