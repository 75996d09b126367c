"""Depth of the seed (kidd-21): processes linked to what they act on, each link anchored to its words."""

from __future__ import annotations

from rdflib import RDF
from rdflib.namespace import PROV

from kg.namespace import ID, KIDD, NIF, SEM


def _words(prov, s, p, o) -> set[str]:
    """The anchored words of the asserted fact (s, p, o), white space normalised (the text has no-break spaces)."""
    out = set()
    for a in prov.subjects(RDF.type, KIDD.Assertion):
        if (prov.value(a, RDF.subject), prov.value(a, RDF.predicate), prov.value(a, RDF.object)) == (s, p, o):
            out |= {" ".join(str(prov.value(sp, NIF.anchorOf)).split()) for sp in prov.objects(a, PROV.wasDerivedFrom)}
    return out


ACTS_ON = {
    "event/opcon-transition": ("org/future-combined-forces-command",
                               "the transition of wartime OPCON to the Future Combined Forces Command (F-CFC)"),
    "event/kidd-21/tds-revision": ("doc/tds", "revising the ROK-U.S. Tailored Deterrence Strategy (TDS)"),
    "event/yongsan-relocation": ("doc/yongsan-relocation-plan", "implement the Yongsan Relocation Plan"),
    "event/joint-study-cotp-capabilities": ("doc/cotp", "Joint Study on COTP capabilities"),
}


def test_processes_act_on_their_objects(facts, prov):
    for subj, (obj, words) in ACTS_ON.items():
        assert set(facts.objects(ID[subj], KIDD.actsOn)) == {ID[obj]}, subj
        assert _words(prov, ID[subj], KIDD.actsOn, ID[obj]) == {words}, subj
    assert len(set(facts.subject_objects(KIDD.actsOn))) == len(ACTS_ON)


def test_ulchi_freedom_shield_is_one_of_the_combined_exercises(facts, prov):
    ufs, ex = ID["event/kidd-21/ulchi-freedom-shield"], ID["event/kidd-21/combined-exercises"]
    assert set(facts.objects(ufs, SEM.subEventOf)) == {ex}
    assert _words(prov, ufs, SEM.subEventOf, ex) == {
        "combined military exercises and training on and around the Korean Peninsula—starting with Ulchi Freedom Shield"}


def test_5g_and_6g_are_two_domains(facts):
    from rdflib import URIRef
    topic = "https://w3id.org/kidd-kg/vocab/topic/"
    act = ID["act/kidd-21/a39"]
    got = {str(t)[len(topic):] for t in facts.objects(act, KIDD.topic)}
    assert {"5g-mobile-communications", "6g-mobile-communications"} <= got
    assert "next-generation-mobile-communications" not in got  # the broader concept, not one lump
    assert (act, KIDD.topic, URIRef(topic + "5g-mobile-communications")) in facts


def test_honorifics_kept(facts, prov):
    from rdflib import Literal
    for person, words in (("person/siddharth-mohandas", "Dr. Siddharth Mohandas"),
                          ("person/heo-tae-keun", "Dr. Heo Tae-keun"),
                          ("person/vipin-narang", "Dr. Vipin Narang")):
        assert set(facts.objects(ID[person], KIDD.honorificPrefix)) == {Literal("Dr.")}, person
        assert _words(prov, ID[person], KIDD.honorificPrefix, Literal("Dr.")) == {words}, person
    assert len(set(facts.subject_objects(KIDD.honorificPrefix))) == 3
