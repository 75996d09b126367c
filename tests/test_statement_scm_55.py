"""Key facts of the 55th SCM joint communique (statements/scm-55, items 1-2), checked against its built
graph, and who held the SCM's posts from the 53rd to the 55th SCM (the corpus)."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import RDF, Literal, URIRef
from rdflib.namespace import ORG, TIME, XSD

from kg.graph.iris import graph_iri
from kg.namespace import ID, KIDD, VOCAB
from tests.keyfacts import day
from tests import builds

ST = "scm-55"
HOLDS = ORG.holds


@pytest.fixture(scope="module")
def facts():
    return builds.facts(ST)


def test_meeting_ordinal_date_place(facts):
    m = ID["event/scm-55"]
    assert set(facts.objects(ID[f"statement/{ST}"], KIDD.reports)) == {m}
    assert (m, KIDD.meetingOf, ID["body/scm"]) in facts
    assert (m, KIDD.ordinal, Literal(55, datatype=XSD.integer)) in facts
    assert (m, KIDD.status, URIRef(VOCAB + "status/held")) in facts
    t = facts.value(m, TIME.hasTime)
    assert (day(facts, t, TIME.hasBeginning), day(facts, t, TIME.hasEnd)) == ("2023-11-13", "2023-11-13")
    assert set(facts.objects(m, KIDD.location)) == {ID["place/seoul"]}


def test_delegation_leaders_and_the_48th_mcm(facts):
    assert set(facts.objects(ID["delegation/scm-55-us"], KIDD.ledBy)) == {ID["person/lloyd-austin"]}
    assert set(facts.objects(ID["delegation/scm-55-rok"], KIDD.ledBy)) == {ID["person/shin-won-sik"]}
    mcm = ID["event/mcm-48"]
    assert (mcm, KIDD.ordinal, Literal(48, datatype=XSD.integer)) in facts
    assert day(facts, facts.value(mcm, TIME.hasTime), TIME.hasBeginning) == "2023-11-12"
    assert set(facts.objects(mcm, KIDD.coChairedBy)) == {ID["person/charles-q-brown-jr"], ID["person/kim-seung-kyum"]}


def test_acts_by_kind(facts):
    kinds = Counter(str(k).rsplit("/", 1)[1] for k in facts.objects(None, KIDD.actKind))
    assert kinds == Counter({"reaffirmation": 2, "assessment": 1, "emphasis": 1})
    made = {c for c in facts.subjects(RDF.type, KIDD.Commitment) if f"/commitment/{ST}/" in str(c)}
    assert made == {ID[f"commitment/{ST}/f04"]}
    assert set(facts.objects(ID[f"commitment/{ST}/f04"], KIDD.debtor)) == {ID["org/us-rok-alliance"]}
    assert (ID[f"act/{ST}/f03"], KIDD.reaffirms, ID["commitment/global-comprehensive-strategic-alliance"]) in facts


@pytest.fixture(scope="module")
def corpus():
    return builds.whole()


def test_who_held_the_scm_posts_from_the_53rd_to_the_55th(corpus):
    def holders(post):
        return {st: {p for p in corpus.graph(st, "facts").subjects(HOLDS, ID[post])}
                for st in ("scm-53", "scm-54", "scm-55")}
    assert holders("post/rok-minister-national-defense") == {
        "scm-53": {ID["person/suh-wook"]}, "scm-54": {ID["person/lee-jong-sup"]}, "scm-55": {ID["person/shin-won-sik"]}}
    assert holders("post/us-secretary-of-defense") == {st: {ID["person/lloyd-austin"]} for st in ("scm-53", "scm-54", "scm-55")}
    assert holders("post/us-chairman-joint-chiefs-of-staff") == {
        "scm-53": {ID["person/mark-milley"]}, "scm-54": {ID["person/mark-milley"]}, "scm-55": {ID["person/charles-q-brown-jr"]}}
    assert holders("post/rok-chairman-joint-chiefs-of-staff") == {
        "scm-53": {ID["person/won-in-choul"]}, "scm-54": {ID["person/kim-seung-kyum"]}, "scm-55": {ID["person/kim-seung-kyum"]}}


def test_the_scm_series_and_its_restated_pledge(corpus):
    g = corpus.union(("facts",))
    ordinals = {int(o) for m in g.subjects(KIDD.meetingOf, ID["body/scm"]) for o in g.objects(m, KIDD.ordinal)}
    assert {53, 54, 55} <= ordinals
    assert {m for m in g.subjects(KIDD.ordinal, None) if (m, KIDD.meetingOf, ID["body/scm"]) in g and int(g.value(m, KIDD.ordinal)) in (53, 54, 55)} == {
        ID["event/scm-53"], ID["event/scm-54"], ID["event/scm-55"]}
    series = corpus.dataset.graph(graph_iri("series", "facts"))
    assert set(series.subjects(KIDD.reaffirms, ID["commitment/scm-53/e04"])) == {ID["act/scm-54/a01"], ID["act/scm-55/f03"]}
