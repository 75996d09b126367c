"""Key facts of the U.S.-ROK Leaders' Joint Statement of 21 May 2021 (statements/leaders-2021),
checked against its built graph, and its links to the later statements of the series."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, SKOS, TIME, XSD

from kg.namespace import ID, KIDD, VOCAB
from tests.keyfacts import day
from tests import builds

HOLDS = ORG.holds
SUMMIT = ID["event/us-rok-summit-2021-05"]
BIDEN, MOON = ID["person/joseph-r-biden"], ID["person/moon-jae-in"]
USA, ROK = ID["state/usa"], ID["state/rok"]


@pytest.fixture(scope="module")
def result():
    return builds.alone("leaders-2021")


@pytest.fixture(scope="module")
def facts(result):
    return result.union(("facts",))


def act(n):
    return ID[f"act/leaders-2021/a{n:02d}"]


def test_the_summit_when_where_who(facts):
    assert (SUMMIT, RDF.type, KIDD.Meeting) in facts
    assert (SUMMIT, KIDD.status, URIRef(VOCAB + "status/held")) in facts
    t = facts.value(SUMMIT, TIME.hasTime)
    assert (day(facts, t, TIME.hasBeginning), day(facts, t, TIME.hasEnd)) == ("2021-05-21", "2021-05-21")
    assert set(facts.objects(SUMMIT, KIDD.location)) == {ID["place/washington-dc"]}
    assert set(facts.objects(SUMMIT, KIDD.participant)) == {BIDEN, MOON}
    assert set(facts.objects(SUMMIT, KIDD.organizedBy)) == {USA}
    # the text numbers no summit
    assert facts.value(SUMMIT, KIDD.ordinal) is None


def test_the_summit_date_is_the_headers_not_the_statements(result):
    prov = result.union(("provenance",))
    t = ID["time/leaders-2021"]
    for a in prov.subjects(RDF.subject, SUMMIT):
        if prov.value(a, RDF.predicate) == TIME.hasTime:
            spans = list(prov.objects(a, PROV.wasDerivedFrom))
            assert prov.value(a, RDF.object) == t
            assert spans and all("capture" in str(s) for s in spans)
            break
    else:
        pytest.fail("the summit's time has no assertion")


def test_the_document(result):
    g = result.union(("facts", "provenance"))
    doc = ID["statement/leaders-2021"]
    assert (doc, KIDD.reports, SUMMIT) in g
    assert (doc, KIDD.partial, Literal(False)) in g
    assert (doc, DCTERMS.issued, Literal("2021-05-21", datatype=XSD.date)) in g
    assert (doc, DCTERMS.source, URIRef(
        "https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2021/05/21/u-s-rok-leaders-joint-statement/"
    )) in g
    assert set(g.objects(doc, KIDD.issuedBy)) == {USA, ROK}


def test_the_leaders_and_their_posts(facts):
    assert set(facts.objects(BIDEN, HOLDS)) == {ID["post/us-president"]}
    assert set(facts.objects(MOON, HOLDS)) == {ID["post/rok-president"]}
    assert (BIDEN, RDFS.label, Literal("Joseph R. Biden", lang="en")) in facts
    assert (MOON, RDFS.label, Literal("Moon Jae-in", lang="en")) in facts


def test_acts_by_kind(facts):
    kinds = Counter(str(k).rsplit("/", 1)[1] for k in facts.objects(None, KIDD.actKind))
    assert kinds == Counter({
        "commitment": 50, "affirmation": 15, "acknowledgement": 8, "applause": 8, "emphasis": 6,
        "reaffirmation": 6, "pledge": 4, "condemnation": 3, "appeal": 2, "gratitude": 2,
        "expressive": 1, "invitation": 1, "support": 1, "welcome": 1,
    })
    # 54 pledges and commitments, and the emphasis of a "shared commitment" (a20)
    assert len(set(facts.subjects(RDF.type, KIDD.Commitment))) == 55


def test_the_we_voice_is_the_two_leaders(facts):
    by_both = {a for a in facts.subjects(KIDD.saidBy, BIDEN) if (a, KIDD.saidBy, MOON) in facts}
    assert len(by_both) == 74
    assert str(facts.value(act(41), KIDD.agentPhrase)) == "We"


def test_one_side_alone(facts):
    def alone(agent):
        return {a for a in facts.subjects(KIDD.saidBy, agent) if len(set(facts.objects(a, KIDD.saidBy))) == 1}

    assert alone(BIDEN) == {act(n) for n in (8, 10, 24, 50, 58)}
    assert alone(MOON) == {act(n) for n in (22, 49, 107, 108)}
    assert alone(ROK) == {act(n) for n in (18, 56, 65, 66, 71, 72, 90)}
    assert alone(USA) == {act(n) for n in (17, 51, 52, 91)}


def test_commitments_debtors_and_due_times(facts):
    # "their shared commitment": the two states, not the two persons
    assert set(facts.objects(ID["commitment/leaders-2021/a20"], KIDD.debtor)) == {USA, ROK}
    # the ROK's $200M GHSA pledge for 2021-2025
    c72 = ID["commitment/leaders-2021/a72"]
    assert set(facts.objects(c72, KIDD.debtor)) == {ROK}
    t = facts.value(c72, KIDD.dueTime)
    assert (day(facts, t, TIME.hasBeginning), day(facts, t, TIME.hasEnd)) == ("2021-01-01", "2025-12-31")
    # the COVAX AMC increase "this year" stays words
    t66 = facts.value(ID["commitment/leaders-2021/a66"], KIDD.dueTime)
    assert (t66, KIDD.timeExpression, Literal("this year")) in facts


def test_bodies_planned_at_the_summit(facts):
    gvp = ID["body/korus-global-vaccine-partnership"]
    experts = ID["body/korus-global-vaccine-partnership-experts-group"]
    for body in (gvp, experts):
        assert (body, KIDD.status, URIRef(VOCAB + "status/planned")) in facts
        assert (body, KIDD.plannedAt, SUMMIT) in facts
    assert (experts, KIDD.withinBody, gvp) in facts
    assert (ID["body/covax-amc"], KIDD.withinBody, ID["body/covax"]) in facts


def test_events_with_their_times(facts):
    climate = ID["event/leaders-summit-on-climate-2021"]
    t = facts.value(climate, TIME.hasTime)
    assert day(facts, t, TIME.hasBeginning) == "2021-04-22"
    assert (climate, KIDD.status, URIRef(VOCAB + "status/held")) in facts
    # the P4G summit's date has no year in the text: kept as words, after the statement
    p4g = facts.value(ID["event/p4g-seoul-summit"], TIME.hasTime)
    assert (p4g, KIDD.timeExpression, Literal("on May 30-31")) in facts
    assert (p4g, TIME.after, ID["time/leaders-2021"]) in facts


def test_ids_shared_with_the_other_statements(facts):
    # the same nodes as leaders-2022, kidd-19, kidd-21 and edscg-3 use
    assert (act(13), KIDD.about, ID["event/opcon-transition"]) in facts
    assert (act(11), KIDD.about, ID["capability/alliance-deterrence-posture"]) in facts
    assert (act(41), KIDD.about, ID["place/south-china-sea"]) in facts
    assert (act(9), KIDD.about, ID["doc/us-rok-mutual-defense-treaty"]) in facts
    assert (act(29), KIDD.about, ID["state/japan"]) in facts


def test_later_statements_restate_its_commitments(corpus):
    g = corpus.union(("facts",))
    fon = ID["commitment/leaders-2021/a41"]
    assert {a for a in g.subjects(KIDD.reaffirms, fon)} == {ID["act/leaders-2022/a105"], ID["act/kidd-21/a12"]}
    assert (fon, SKOS.exactMatch, ID["commitment/peace-stability-freedom-of-navigation"]) in g
    assert set(g.subjects(KIDD.reaffirms, ID["commitment/leaders-2021/a11"])) == {
        ID["act/leaders-2022/a10"], ID["act/edscg-3/a03"]}
    # and it restates the standing ones
    assert (act(10), KIDD.reaffirms, ID["commitment/us-defense-of-rok"]) in g
    assert (act(13), KIDD.reaffirms, ID["commitment/cotp-conditions"]) in g
    assert (act(9), KIDD.reaffirms, ID["commitment/us-rok-combined-defense-posture"]) in g
    # Biden is one node across the two leaders' statements
    assert {ID["act/leaders-2021/a10"], ID["act/leaders-2022/a08"]} <= set(g.subjects(KIDD.saidBy, BIDEN))
