"""External links: built from the SSSOM mapping set, checked, and never guessed."""

from __future__ import annotations

from collections import defaultdict

import pytest
from rdflib import OWL, RDF, SKOS

from kg.graph import links
from kg.errors import KGError
from kg.namespace import ID, KIDD
from kg.resources import mappings_dir

SSSOM = mappings_dir() / "kidd-kg.sssom.tsv"


@pytest.fixture(scope="module")
def link_graph(built):
    return built.union(("links",))


def test_links_built(link_graph):
    assert len(link_graph) == len(links.load(SSSOM).mappings) == 34
    assert (ID["state/rok"], SKOS.exactMatch, links.URIRef("http://www.wikidata.org/entity/Q884")) in link_graph


def test_every_subject_exists(link_graph, built):
    known = built.queryable()
    for s in set(link_graph.subjects()):
        assert (s, RDF.type, None) in known, s


def test_objects_well_formed(link_graph):
    for _, _, o in link_graph:
        assert any(rx.match(str(o)) for rx, _, _ in links.DATASETS.values()), o


def test_one_item_per_dataset(link_graph):
    seen = defaultdict(set)
    for s, _, o in link_graph.triples((None, SKOS.exactMatch, None)):
        dataset = next(name for name, (rx, _, _) in links.DATASETS.items() if rx.match(str(o)))
        seen[(s, dataset)].add(o)
    assert seen and all(len(v) == 1 for v in seen.values())


def test_unnamed_actors_stay_unlinked(link_graph, facts):
    unnamed = set(facts.subjects(RDF.type, KIDD.Group)) | set(facts.subjects(RDF.type, KIDD.Delegation))
    assert unnamed
    assert not unnamed & set(link_graph.subjects())


def test_no_owl_same_as(built):
    assert not list(built.union().triples((None, OWL.sameAs, None)))


def test_links_carry_provenance(built):
    prov = built.union(("provenance",))
    for s, p, o in built.union(("links",)):
        (a,) = list(prov.subjects(RDF.object, o))
        assert prov.value(a, RDF.subject) == s
        assert prov.value(a, links.PROV.wasDerivedFrom) == links.MAPPING_SET


BAD = {
    "wikidata:X30": "not a CURIE|not a well-formed",
    "wikidata:Q0": "not a well-formed Wikidata IRI",
    "foo:Q30": "not a CURIE of the curie_map",
}


@pytest.mark.parametrize("bad_object,message", BAD.items())
def test_bad_object(tmp_path, bad_object, message):
    text = SSSOM.read_text(encoding="utf-8").replace("wikidata:Q884\t", f"{bad_object}\t", 1)
    p = tmp_path / "m.sssom.tsv"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(KGError, match=message) as exc:
        links.load(p)
    assert "line " in str(exc.value)


def test_same_as_refused(tmp_path):
    text = SSSOM.read_text(encoding="utf-8").replace("skos:exactMatch\twikidata:Q884", "owl:sameAs\twikidata:Q884", 1)
    text = text.replace("#   skos:", "#   owl: http://www.w3.org/2002/07/owl#\n#   skos:", 1)
    p = tmp_path / "m.sssom.tsv"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(KGError, match="owl:sameAs is not allowed"):
        links.load(p)


def test_two_items_refused(tmp_path):
    text = SSSOM.read_text(encoding="utf-8").replace("kiddid:state/japan\tJapan\tskos:exactMatch\twikidata:Q17", "kiddid:state/rok\tJapan\tskos:exactMatch\twikidata:Q17", 1)
    p = tmp_path / "m.sssom.tsv"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(KGError, match="two different Wikidata items"):
        links.load(p)
