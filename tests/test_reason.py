"""OWL 2 RL reasoning: the inferences users need, kept apart, on a consistent graph."""

from __future__ import annotations

import pytest
from rdflib import RDF, Graph
from rdflib.namespace import ORG, PROV, TIME

from kg.cli import main
from kg.errors import KGError
from kg.namespace import ID, KIDD, SEM
from kg.source.terms import load_schema
from kg.reasoning.owlrl import closure, reason, unsatisfiable_classes

MOHANDAS = ID["person/siddharth-mohandas"]
US_DEL = ID["delegation/kidd-21-us"]


@pytest.fixture(scope="session")
def inferred(built):
    return built.inferred


def test_inverse_relations(inferred):
    assert (MOHANDAS, KIDD.leads, US_DEL) in inferred
    assert (ID["event/kidd-21"], KIDD.hasSession, ID["event/kidd-21/dsc-session"]) in inferred
    assert (ID["post/us-dasd-east-asia"], ORG.heldBy, MOHANDAS) in inferred
    assert (ID["body/kidd"], KIDD.containsBody, ID["body/dsc"]) in inferred


def test_transitive_nesting(inferred, facts):
    """The CMWG is within the DSC, the DSC within the KIDD: so the CMWG is within the KIDD."""
    t = (ID["body/cmwg"], KIDD.withinBody, ID["body/kidd"])
    assert t not in facts and t in inferred
    assert (ID["capability/korean-3k-defense-system"], KIDD.hasComponent, ID["capability/kamd"]) in facts
    assert (ID["capability/kamd"], KIDD.componentOf, ID["capability/korean-3k-defense-system"]) in inferred
    assert (ID["org/us-dod"], ORG.transitiveSubOrganizationOf, ID["state/usa"]) in inferred


def test_class_membership_through_subclass(inferred):
    assert (MOHANDAS, RDF.type, KIDD.Agent) in inferred
    assert (MOHANDAS, RDF.type, PROV.Person) in inferred
    assert (ID["state/rok"], RDF.type, KIDD.Place) in inferred  # a state is a polity and a territory
    assert (ID["event/kidd-21/dsc-session"], RDF.type, KIDD.Meeting) in inferred
    assert (ID["event/kidd-21/dsc-session"], RDF.type, SEM.Event) in inferred


def test_domain_range_and_super_properties(inferred):
    # range of kidd:relativeTo is time:TemporalEntity; the meeting's interval is only typed ProperInterval
    assert (ID["time/kidd-21"], RDF.type, TIME.TemporalEntity) in inferred
    assert (ID["event/kidd-21/dsc-session"], SEM.hasActor, ID["person/vipin-narang"]) in inferred
    assert (ID["act/kidd-21/a26"], PROV.wasAssociatedWith, US_DEL) in inferred
    assert (ID["act/kidd-21/a24"], SEM.subEventOf, ID["event/kidd-21/dsc-session"]) in inferred


@pytest.mark.slow  # make test-all and CI
def test_closure_is_consistent(built):
    result = closure(built.union(), load_schema().graph)
    assert result.errors == []
    assert len(result.inferred) > 500


def test_inferred_kept_apart(built, facts, inferred):
    assert not any(t in facts for t in inferred)
    assert len(built.dataset.graph(built.INFERRED)) == len(inferred)


@pytest.mark.slow  # owlrl over the seed; the build's own consistency check runs in the default run
def test_inconsistency_is_reported_with_the_node(facts):
    bad = Graph()
    for t in facts:
        bad.add(t)
    bad.add((MOHANDAS, RDF.type, KIDD.Event))  # a person is no event: disjoint classes
    with pytest.raises(KGError, match="siddharth-mohandas"):
        reason(bad, load_schema().graph)


def test_no_unsatisfiable_classes():
    assert unsatisfiable_classes(load_schema().graph) == []


@pytest.mark.slow  # a second owlrl closure of the schema (test_no_unsatisfiable_classes runs the first)
def test_unsatisfiable_class_is_found():
    schema = Graph()
    for t in load_schema().graph:
        schema.add(t)
    from rdflib import RDFS

    schema.add((KIDD.Study, RDFS.subClassOf, KIDD.Document))  # Event and Document are disjoint
    assert str(KIDD.Study) in unsatisfiable_classes(schema)


@pytest.mark.slow  # make test-all and CI
def test_export_inferred_flag(tmp_path):
    plain, full = tmp_path / "a.nt", tmp_path / "b.nt"
    assert main(["export", "-f", "ntriples", "--statement", "kidd-21", "-o", str(plain)]) == 0
    assert main(["export", "-f", "ntriples", "--statement", "kidd-21", "--inferred", "-o", str(full)]) == 0
    a, b = Graph().parse(plain, format="nt"), Graph().parse(full, format="nt")
    t = (ID["body/cmwg"], KIDD.withinBody, ID["body/kidd"])
    assert t not in a and t in b
