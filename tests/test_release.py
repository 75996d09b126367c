"""kg release (kg/exports/release.py): every file re-parsed, checksums checked, same bytes twice."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json

import pyoxigraph as ox
import pytest
import yaml
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCAT, VOID

from kg.exports import release as rel
from kg.pipeline import build

VERSION, DAY = "0.1.0", "2026-12-01"
BASE = f"https://w3id.org/kidd-kg/dumps/{VERSION}/"


@pytest.fixture(scope="module")
def contents(built) -> dict[str, bytes]:
    return rel.files(built, VERSION, DAY)


@pytest.fixture(scope="module")
def folder(contents, tmp_path_factory):
    return rel.write(tmp_path_factory.mktemp("dist"), VERSION, contents)


def test_the_release_holds_the_expected_files(folder) -> None:
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert names == sorted([
        "CITATION.cff", "LICENSE-DATA", "RELEASE-NOTES.md", "SHA256SUMS", "void.ttl",
        "kidd-kg.nt.gz", "kidd-kg.ttl.gz", "kidd-kg.jsonld.gz", "kidd-kg.trig.gz",
        "kidd-kg-inferred.ttl.gz", "kidd-kg-events.csv.gz",
        "mappings/kidd-kg.sssom.tsv", "mappings/kidd-kg.sssom.ttl", "mappings/country-codes.tsv",
        "ontology/kidd.ttl", "ontology/shapes.ttl", "ontology/context.jsonld",
        "ontology/vocab/act-kinds.ttl", "ontology/vocab/cameo.ttl", "ontology/vocab/plover.ttl",
        "ontology/vocab/statuses.ttl", "ontology/vocab/topics.ttl",
    ])
    assert folder.name == f"kidd-kg-{VERSION}"
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".")]  # no temporary left


def test_checksums(folder) -> None:
    lines = (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    listed = {}
    for line in lines:
        digest, name = line.split("  ", 1)
        listed[name] = digest
    files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    assert set(listed) == files and list(listed) == sorted(listed)
    for name, digest in listed.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name


def test_every_dump_parses_to_the_built_graph(folder, built) -> None:
    asserted = built.union()
    for name, fmt in (("kidd-kg.nt.gz", ox.RdfFormat.N_TRIPLES), ("kidd-kg.ttl.gz", ox.RdfFormat.TURTLE),
                      ("kidd-kg.jsonld.gz", ox.RdfFormat.JSON_LD)):
        data = gzip.decompress((folder / name).read_bytes())
        assert len(set(ox.parse(data, format=fmt))) == len(asserted), name
    nt = Graph().parse(data=gzip.decompress((folder / "kidd-kg.nt.gz").read_bytes()).decode("utf-8"), format="nt")
    assert set(nt) == set(asserted)
    quads = list(ox.parse(gzip.decompress((folder / "kidd-kg.trig.gz").read_bytes()), format=ox.RdfFormat.TRIG))
    graphs = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    assert {"https://w3id.org/kidd-kg/id/graph/kidd-21/facts", "https://w3id.org/kidd-kg/id/graph/inferred",
            "https://w3id.org/kidd-kg/id/graph/links", "https://w3id.org/kidd-kg/id/graph/coding"} <= graphs
    assert len(quads) == sum(len(g) for g in built.dataset.graphs())
    inferred = Graph().parse(data=gzip.decompress((folder / "kidd-kg-inferred.ttl.gz").read_bytes()).decode(), format="turtle")
    assert len(inferred) == len(built.inferred) > 0


def test_gzip_is_deterministic(folder) -> None:
    for p in folder.glob("*.gz"):
        head = p.read_bytes()[:10]
        assert head[4:8] == b"\0\0\0\0" and not head[3] & 0x08, p.name  # mtime 0, no file name


def test_small_files_parse(folder) -> None:
    for p in [*folder.glob("ontology/**/*.ttl"), folder / "mappings" / "kidd-kg.sssom.ttl", folder / "void.ttl"]:
        assert len(Graph().parse(p, format="turtle")) > 0, p
    assert json.loads((folder / "ontology" / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    cff = yaml.safe_load((folder / "CITATION.cff").read_text(encoding="utf-8"))
    assert (cff["cff-version"], cff["version"], cff["date-released"], cff["license"], cff["type"]) == (
        "1.2.0", VERSION, DAY, "CC-BY-4.0", "dataset")
    rows = list(csv.DictReader(io.StringIO(gzip.decompress((folder / "kidd-kg-events.csv.gz").read_bytes()).decode("utf-8"))))
    assert len(rows) == 44 + 25
    sssom = Graph().parse(folder / "mappings" / "kidd-kg.sssom.ttl", format="turtle")
    tsv_rows = [l for l in (folder / "mappings" / "kidd-kg.sssom.tsv").read_text(encoding="utf-8").splitlines()
                if l and not l.startswith("#")][1:]
    assert len(set(sssom.subjects(None, URIRef("http://www.w3.org/2002/07/owl#Axiom")))) == len(tsv_rows)


def test_void_download_urls_are_absolute_with_sizes(folder) -> None:
    g = Graph().parse(folder / "void.ttl", format="turtle")
    dumps = sorted(str(u) for u in g.objects(None, VOID.dataDump))
    assert dumps == sorted(BASE + n for n in rel.DUMPS)
    for dist in g.objects(None, DCAT.distribution):
        url = str(g.value(dist, DCAT.downloadURL))
        assert int(g.value(dist, DCAT.byteSize)) == (folder / url[len(BASE):]).stat().st_size
        assert g.value(dist, DCAT.compressFormat) == rel.GZIP
    assert str(g.value(URIRef("https://w3id.org/kidd-kg/dataset"), URIRef("http://purl.org/dc/terms/created"))) == DAY


def test_same_inputs_same_bytes(contents, built) -> None:
    assert rel.files(built, VERSION, DAY) == contents


def test_first_release_notes(contents) -> None:
    notes = contents["RELEASE-NOTES.md"].decode("utf-8")
    assert notes.startswith(f"# KIDD-KG {VERSION} ({DAY})\n\n1 statement, ")
    assert "First release: no earlier release folder was found beside this one." in notes


def test_notes_against_the_previous_release(folder, statement_copy) -> None:
    path = statement_copy / "kidd-21" / "statement.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("label: Heo Tae-keun\n") == 1
    path.write_text(text.replace("label: Heo Tae-keun\n", "label: Heo Taekeun\n"), encoding="utf-8")
    previous = rel.previous_release(folder.parent, "0.2.0")
    assert previous == folder
    assert rel.previous_release(folder.parent, VERSION) is None  # only older releases count
    notes = rel.release_notes(build(statement_copy), "0.2.0", DAY, previous)
    assert f"Compared with the previous release, `kidd-kg-{VERSION}`." in notes
    assert "### Statements added\n\nNone.\n" in notes and "### Statements removed\n\nNone.\n" in notes
    assert "- kidd-21: 2 facts added, 2 removed" in notes
    person = "<https://w3id.org/kidd-kg/id/person/heo-tae-keun>"
    assert f'  - `+ {person} <http://www.w3.org/2000/01/rdf-schema#label> "Heo Taekeun"@en`' in notes
    assert f'  - `- {person} <http://www.w3.org/2004/02/skos/core#prefLabel> "Heo Tae-keun"@en`' in notes


def test_a_release_of_the_same_version_is_replaced(folder, contents) -> None:
    again = rel.write(folder.parent, VERSION, {**contents, "CITATION.cff": b"changed\n"})
    assert again == folder and (folder / "CITATION.cff").read_bytes() == b"changed\n"
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".")]
    rel.write(folder.parent, VERSION, contents)


def test_release_date(monkeypatch) -> None:
    from kg.errors import KGError

    assert rel.release_date("2026-12-01") == "2026-12-01"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert rel.release_date(None) == "2026-01-01"
    with pytest.raises(KGError, match="YYYY-MM-DD"):
        rel.release_date("1 December")
