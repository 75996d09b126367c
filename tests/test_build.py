"""The graph says what the 21st KIDD statement says: spot checks of facts users rely on."""

from __future__ import annotations

from rdflib import RDF, RDFS, Literal, URIRef, XSD
from rdflib.namespace import ORG, TIME

from kg.namespace import ID, KIDD, VOCAB

ACT = lambda n: ID[f"act/kidd-21/{n}"]  # noqa: E731
MOHANDAS, HEO, NARANG = ID["person/siddharth-mohandas"], ID["person/heo-tae-keun"], ID["person/vipin-narang"]
US_DEL, ROK_DEL = ID["delegation/kidd-21-us"], ID["delegation/kidd-21-rok"]


def objects(g, s, p):
    return set(g.objects(s, p))


def test_meeting_when_where_who(facts):
    kidd21 = ID["event/kidd-21"]
    assert (kidd21, RDF.type, KIDD.Meeting) in facts
    assert objects(facts, kidd21, KIDD.meetingOf) == {ID["body/kidd"]}
    assert objects(facts, kidd21, KIDD.ordinal) == {Literal(21, datatype=XSD.integer)}
    assert objects(facts, kidd21, KIDD.location) == {ID["place/seoul"]}
    assert objects(facts, kidd21, KIDD.organizedBy) == {ID["org/us-dod"], ID["org/rok-mnd"]}
    t = ID["time/kidd-21"]
    assert objects(facts, kidd21, TIME.hasTime) == {t}
    begin, end = facts.value(t, TIME.hasBeginning), facts.value(t, TIME.hasEnd)
    assert facts.value(begin, TIME.inXSDDate) == Literal("2022-08-16", datatype=XSD.date)
    assert facts.value(end, TIME.inXSDDate) == Literal("2022-08-17", datatype=XSD.date)
    assert objects(facts, kidd21, KIDD.status) == {VOCAB["status/held"]}


def test_delegations_posts_and_chairs(facts):
    assert objects(facts, US_DEL, KIDD.ledBy) == {MOHANDAS}
    assert objects(facts, ROK_DEL, KIDD.ledBy) == {HEO}
    assert objects(facts, US_DEL, KIDD.represents) == {ID["state/usa"]}
    assert facts.value(MOHANDAS, ORG.holds) == ID["post/us-dasd-east-asia"]
    assert facts.value(ID["post/us-dasd-east-asia"], ORG.postIn) == ID["org/us-dod"]
    assert facts.value(HEO, ORG.holds) == ID["post/rok-deputy-minister-national-defense-policy"]
    assert facts.value(ID["post/rok-deputy-minister-national-defense-policy"], ORG.postIn) == ID["org/rok-mnd"]
    assert objects(facts, ID["event/kidd-21/dsc-session"], KIDD.coChairedBy) == {MOHANDAS, HEO, NARANG}
    assert objects(facts, ID["event/kidd-21/executive-session"], KIDD.coChairedBy) == {MOHANDAS, HEO}
    sessions = set(facts.subjects(KIDD.sessionOf, ID["event/kidd-21"]))
    assert sessions == {ID[f"event/kidd-21/{s}-session"] for s in ("executive", "dsc", "spi", "cotwg")}


def test_bodies_nest_and_plans(facts):
    assert (ID["body/cmwg"], KIDD.withinBody, ID["body/dsc"]) in facts
    assert (ID["body/dsc"], KIDD.withinBody, ID["body/kidd"]) in facts
    assert (ID["body/cmwg"], KIDD.status, VOCAB["status/planned"]) in facts
    edscg = ID["event/edscg-2022-09"]
    assert facts.value(edscg, KIDD.meetingOf) == ID["body/edscg"]
    month = facts.value(edscg, TIME.hasTime)
    desc = facts.value(month, TIME.hasDateTimeDescription)
    assert facts.value(desc, TIME.year) == Literal("2022", datatype=XSD.gYear)
    assert facts.value(desc, TIME.month) == Literal("--09", datatype=XSD.gMonth)
    assert facts.value(ID["event/scm-54"], KIDD.ordinal) == Literal(54, datatype=XSD.integer)


def test_exercise_participants_and_documents(facts):
    pd = ID["event/kidd-21/pacific-dragon"]
    states = {ID[f"state/{s}"] for s in ("usa", "rok", "japan", "australia", "canada")}
    assert objects(facts, pd, KIDD.participant) == states
    assert objects(facts, ID["doc/tds"], KIDD.alignedWith) == {
        ID["doc/us-national-defense-strategy"], ID["doc/us-nuclear-posture-review"], ID["doc/us-missile-defense-review"],
    }
    assert (ID["event/kidd-21/tds-revision"], KIDD.discussedAt, ID["event/scm-53"]) in facts
    ufs_time = facts.value(ID["event/kidd-21/ulchi-freedom-shield"], TIME.hasTime)
    assert facts.value(ufs_time, KIDD.timeExpression) == Literal("next week")
    assert (ufs_time, TIME.after, ID["time/kidd-21"]) in facts


def test_every_act_has_agent_kind_content(facts):
    acts = set(facts.subjects(RDF.type, KIDD.SpeechAct))
    assert len(acts) == 44
    for act in acts:
        assert objects(facts, act, KIDD.saidBy), act
        assert len(objects(facts, act, KIDD.actKind)) == 1, act
        assert len(objects(facts, act, KIDD.content)) == 1, act
        assert objects(facts, act, KIDD.madeAt) == {ID["event/kidd-21"]}


def test_one_side_alone_is_not_both(facts):
    """U.S. officials alone reaffirmed the ironclad commitment; ROK officials alone emphasized 3K."""
    assert objects(facts, ACT("a26"), KIDD.saidBy) == {US_DEL}
    assert objects(facts, ACT("a27"), KIDD.saidBy) == {ROK_DEL}
    assert (ACT("a26"), KIDD.reaffirms, ID["commitment/us-defense-of-rok"]) in facts


def test_conditional_commitment_keeps_its_condition(facts):
    act = ACT("a07")
    assert facts.value(act, KIDD.condition) == Literal("should the DPRK conduct a nuclear test")
    c = facts.value(act, KIDD.undertakes)
    assert facts.value(c, KIDD.condition) == Literal("should the DPRK conduct a nuclear test")
    assert objects(facts, c, KIDD.debtor) == {ID["state/rok"], ID["state/usa"]}
    assert facts.value(c, KIDD.conditionEvent) == ID["event/kidd-21/dprk-nuclear-test"]
    assert facts.value(ID["event/kidd-21/dprk-nuclear-test"], KIDD.status) == VOCAB["status/hypothetical"]


def test_sessions_only_where_the_text_says(facts):
    in_session = {a: facts.value(a, KIDD.inSession) for a in facts.subjects(KIDD.inSession, None)}
    assert {str(a).rsplit("/", 1)[1]: str(s).rsplit("/", 1)[1] for a, s in in_session.items()} == {
        "a08": "executive-session", "a24": "dsc-session", "a25": "dsc-session", "a32": "spi-session",
        "a40": "cotwg-session", "a41": "cotwg-session", "a42": "cotwg-session",
    }


def test_commitments_have_debtors_and_status(facts):
    commitments = set(facts.subjects(RDF.type, KIDD.Commitment))
    assert len(commitments) == 20
    for c in commitments:
        assert objects(facts, c, KIDD.debtor), c
        assert objects(facts, c, KIDD.content), c
    assert facts.value(ID["commitment/kidd-21/a28"], KIDD.dueTime) == ID["time/2022-09"]
    assert facts.value(ID["commitment/kidd-21/a44"], KIDD.dueBefore) == ID["event/scm-54"]


def test_no_release_date_or_unnamed_actor_invented(facts):
    from rdflib.namespace import DCTERMS

    assert facts.value(ID["statement/kidd-21"], DCTERMS.issued) is None
    labels = {str(o) for o in facts.objects(None, RDFS.label)}
    assert not {"China", "Taiwan", "North Korea"} & labels
    # the unlawful actions have no actor: the text names none
    assert facts.value(ID["event/kidd-21/unlawful-unsafe-actions"], KIDD.conductedBy) is None


def test_events_all_have_time_and_status(facts, built):
    from kg.source.terms import load_schema

    schema = load_schema()
    events = {s for s, c in facts.subject_objects(RDF.type) if c in schema.event_classes and c != KIDD.SpeechAct}
    assert len(events) >= 25
    for e in events:
        if (e, RDF.type, KIDD.SpeechAct) in facts:
            continue
        assert facts.value(e, TIME.hasTime) is not None, e
        assert facts.value(e, KIDD.status) is not None, e
