"""The 11th Defense Trilateral Talks (Seoul, 9 May 2019): key facts of statements/dtt-11."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import RDF, Literal, XSD
from rdflib.namespace import ORG, TIME

from kg.namespace import ID, KIDD, VOCAB
from tests import builds

DTT11 = ID["event/dtt-11"]
CHUNG, SCHRIVER, ISHIKAWA = ID["person/chung-sukhwan"], ID["person/randall-schriver"], ID["person/takeshi-ishikawa"]
ROK, USA, JAPAN = ID["state/rok"], ID["state/usa"], ID["state/japan"]


@pytest.fixture(scope="module")
def facts():
    return builds.facts("dtt-11")


def objects(g, s, p):
    return set(g.objects(s, p))


def test_meeting_ordinal_date_place(facts):
    assert (DTT11, RDF.type, KIDD.Meeting) in facts
    assert objects(facts, DTT11, KIDD.meetingOf) == {ID["body/dtt"]}
    assert objects(facts, DTT11, KIDD.ordinal) == {Literal(11, datatype=XSD.integer)}
    assert objects(facts, DTT11, KIDD.location) == {ID["place/seoul"]}
    assert objects(facts, DTT11, KIDD.status) == {VOCAB["status/held"]}
    t = facts.value(DTT11, TIME.hasTime)
    for edge in (TIME.hasBeginning, TIME.hasEnd):
        assert facts.value(facts.value(t, edge), TIME.inXSDDate) == Literal("2019-05-09", datatype=XSD.date)


def test_the_talks_are_a_trilateral_body(facts):
    dtt = ID["body/dtt"]
    assert (dtt, RDF.type, KIDD.Talks) in facts
    assert objects(facts, dtt, ORG.hasMember) == {ROK, USA, JAPAN}
    assert objects(facts, dtt, KIDD.acronym) == {Literal("DTT")}


def test_delegations_leaders_and_posts(facts):
    leads = {d: objects(facts, ID[f"delegation/dtt-11-{d}"], KIDD.ledBy) for d in ("rok", "us", "japan")}
    assert leads == {"rok": {CHUNG}, "us": {SCHRIVER}, "japan": {ISHIKAWA}}
    reps = {d: objects(facts, ID[f"delegation/dtt-11-{d}"], KIDD.represents) for d in ("rok", "us", "japan")}
    assert reps == {"rok": {ROK}, "us": {USA}, "japan": {JAPAN}}
    assert objects(facts, DTT11, KIDD.participant) >= {ID[f"delegation/dtt-11-{d}"] for d in ("rok", "us", "japan")}
    # the same post nodes as kidd-19 and kidd-21: DEPMIN and the ASD for Indo-Pacific Security Affairs
    assert facts.value(CHUNG, ORG.holds) == ID["post/rok-deputy-minister-national-defense-policy"]
    assert facts.value(SCHRIVER, ORG.holds) == ID["post/us-asd-indo-pacific-security-affairs"]
    assert facts.value(ID["post/us-asd-indo-pacific-security-affairs"], ORG.postIn) == ID["org/us-dod"]
    assert facts.value(ISHIKAWA, ORG.holds) == ID["post/japan-deputy-director-general-defense-policy"]
    assert facts.value(ID["post/japan-deputy-director-general-defense-policy"], ORG.postIn) == JAPAN


def test_acts_by_kind_and_commitments(facts):
    acts = set(facts.subjects(RDF.type, KIDD.SpeechAct))
    kinds = Counter(str(facts.value(a, KIDD.actKind)).rsplit("/", 1)[-1] for a in acts)
    assert kinds == Counter({"discussion": 2, "reaffirmation": 2, "assessment": 1, "shared-assessment": 1,
                             "pledge": 1, "commitment": 1})
    # the pledge binds the three countries the representatives speak for
    c = ID["commitment/dtt-11/a04"]
    assert objects(facts, c, KIDD.debtor) == {ROK, USA, JAPAN}
    assert objects(facts, ID["commitment/dtt-11/a08"], KIDD.debtor) == {ROK, USA, JAPAN}
    assert len(set(facts.subjects(RDF.type, KIDD.Commitment))) == 4


def test_japan_is_one_node_across_statements():
    """state/japan of the trilateral talks is the node kidd-21 and leaders-2022 name."""
    from kg.graph.build import declared_ids
    from kg.source.statement import load_statement, statement_folders
    from kg.resources import statements_dir

    holders = {f.name for f in statement_folders(statements_dir()) if "state/japan" in declared_ids(load_statement(f))}
    assert {"dtt-11", "kidd-21", "leaders-2022"} <= holders
