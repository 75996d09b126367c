"""The Spirit of Camp David (Japan, ROK, U.S.; 18 August 2023): key facts of statements/trilateral-camp-david-2023."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import RDF, Literal, XSD
from rdflib.namespace import DCTERMS, ORG, TIME

from kg.namespace import ID, KIDD, VOCAB
from tests import builds

SID = "trilateral-camp-david-2023"
SUMMIT = ID["event/trilateral-summit-2023-08"]
BIDEN, YOON, KISHIDA = ID["person/joseph-r-biden"], ID["person/yoon-suk-yeol"], ID["person/kishida"]
JAPAN, ROK, USA = ID["state/japan"], ID["state/rok"], ID["state/usa"]
ACT = lambda n: ID[f"act/{SID}/{n}"]  # noqa: E731


@pytest.fixture(scope="module")
def facts():
    return builds.facts(SID)


def objects(g, s, p):
    return set(g.objects(s, p))


def test_summit_place_date_participants(facts):
    assert (SUMMIT, RDF.type, KIDD.Meeting) in facts
    assert objects(facts, SUMMIT, KIDD.location) == {ID["place/camp-david"]}
    assert objects(facts, SUMMIT, KIDD.status) == {VOCAB["status/held"]}
    assert objects(facts, SUMMIT, KIDD.participant) == {BIDEN, YOON, KISHIDA}
    t = facts.value(SUMMIT, TIME.hasTime)
    for edge in (TIME.hasBeginning, TIME.hasEnd):
        assert facts.value(facts.value(t, edge), TIME.inXSDDate) == Literal("2023-08-18", datatype=XSD.date)
    doc = ID[f"statement/{SID}"]
    assert objects(facts, doc, KIDD.issuedBy) == {JAPAN, ROK, USA}
    assert str(facts.value(doc, DCTERMS.source)).startswith("https://bidenwhitehouse.archives.gov/")


def test_leaders_and_their_posts(facts):
    # Biden and Yoon are the nodes of leaders-2022 and edscg-3; Kishida is named by family name only
    assert facts.value(BIDEN, ORG.holds) == ID["post/us-president"]
    assert facts.value(YOON, ORG.holds) == ID["post/rok-president"]
    assert facts.value(KISHIDA, ORG.holds) == ID["post/japan-prime-minister"]
    assert facts.value(ID["post/japan-prime-minister"], ORG.postIn) == JAPAN
    assert facts.value(ID["org/japan-mod"], ORG.subOrganizationOf) == JAPAN
    existing = ID[f"body/{SID}/existing-ministry-meetings"]
    assert ID["org/japan-mod"] in objects(facts, existing, ORG.hasMember)


def test_new_trilateral_series_members_and_cadence(facts):
    for name in ("leaders", "foreign-ministers", "defense-ministers", "national-security-advisors"):
        body = ID[f"body/trilateral-{name}-meeting"]
        assert objects(facts, body, ORG.hasMember) == {JAPAN, ROK, USA}, name
        assert objects(facts, body, KIDD.cadence) == {Literal("at least annually")}, name
        assert objects(facts, body, KIDD.status) == {VOCAB["status/planned"]}, name
        assert objects(facts, body, KIDD.plannedAt) == {SUMMIT}, name
    assert objects(facts, ID["body/trilateral-indo-pacific-dialogue"], KIDD.cadence) == {Literal("annual")}
    assert objects(facts, ID["body/trilateral-commerce-industry-ministers-track"], KIDD.cadence) == {Literal("annually")}
    ex = ID[f"event/{SID}/trilateral-exercises"]
    assert objects(facts, ex, KIDD.cadence) == {Literal("annual")}
    assert objects(facts, ex, KIDD.participant) == {JAPAN, ROK, USA}
    first = ID["event/trilateral-finance-ministers-meeting-1"]
    assert objects(facts, first, KIDD.ordinal) == {Literal(1, datatype=XSD.integer)}


def test_acts_by_kind(facts):
    acts = set(facts.subjects(RDF.type, KIDD.SpeechAct))
    kinds = Counter(str(facts.value(a, KIDD.actKind)).rsplit("/", 1)[-1] for a in acts)
    assert kinds == Counter({"commitment": 40, "affirmation": 17, "reaffirmation": 11, "applause": 4,
                             "appeal": 3, "concern": 3, "condemnation": 3, "support": 3,
                             "acknowledgement": 2, "assessment": 2})
    assert len(acts) == 88


def test_who_speaks(facts):
    # "We" is the three leaders; a few sentences name two of them, one Biden alone, and some the states
    assert objects(facts, ACT("a14"), KIDD.saidBy) == {BIDEN, YOON, KISHIDA}
    assert objects(facts, ACT("a03"), KIDD.saidBy) == {BIDEN}
    assert objects(facts, ACT("a74"), KIDD.saidBy) == {YOON, KISHIDA}
    assert objects(facts, ACT("a75"), KIDD.saidBy) == {YOON, BIDEN}
    assert objects(facts, ACT("a51"), KIDD.saidBy) == {USA}
    assert objects(facts, ACT("a52"), KIDD.saidBy) == {JAPAN, ROK, USA}


def test_commitment_to_consult_binds_the_governments(facts):
    c = ID[f"commitment/{SID}/a14"]
    assert objects(facts, ACT("a14"), KIDD.undertakes) == {c}
    assert objects(facts, c, KIDD.debtor) == {JAPAN, ROK, USA}
    assert facts.value(c, KIDD.content) == Literal("consult with each other in an expeditious manner")
    due = facts.value(ID[f"commitment/{SID}/a54"], KIDD.dueTime)
    assert facts.value(due, KIDD.timeExpression) == Literal("By the end of 2023")


def test_japan_one_node_with_the_dtt():
    """state/japan of Camp David is the member of the Defense Trilateral Talks of 2019."""
    dtt = builds.facts("dtt-11")
    assert JAPAN in objects(dtt, ID["body/dtt"], ORG.hasMember)
    assert (JAPAN, RDF.type, KIDD.State) in dtt
