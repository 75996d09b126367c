"""Ontology documentation and the model diagram: generated from kidd.ttl, complete, stable."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Namespace

from kg.exports import docs
from kg.namespace import KIDD

ROOT = Path(__file__).resolve().parent.parent
MAIN = {"SpeechAct", "Commitment", "Meeting", "Session", "Agent", "Person", "Delegation", "Document", "Event", "Body"}
EDGE = re.compile(r"^  (\w+) (<\|--|-->) (\w+)(?: : (.+))?$")


@pytest.fixture(scope="module")
def ontology():
    return docs.load_ontology()


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("docs")
    return out, docs.write_docs(out)


def _own_classes(g: Graph) -> list[str]:
    ns = str(KIDD._NS)
    return sorted(str(c)[len(ns):] for c in g.subjects(RDF.type, OWL.Class) if str(c).startswith(ns))


def test_writes_the_files(written):
    out, paths = written
    names = {p.name for p in paths}
    assert {"ontology.html", "model.mmd", "model.md", "model.dot"} <= names
    assert all(p.is_file() and p.stat().st_size > 0 for p in paths)


def test_html_names_every_class(written, ontology):
    out, _ = written
    page = (out / "ontology.html").read_text(encoding="utf-8")
    assert "KIDD Joint Statement Ontology" in page
    for name in _own_classes(ontology):
        assert f"{KIDD._NS}{name}" in page, name


def test_plain_html_has_the_same_information(ontology):
    """The page made without pyLODE: header, classes and properties with domain and range."""
    page = docs.plain_html(ontology)
    assert page.startswith("<!DOCTYPE html>")
    assert "https://creativecommons.org/licenses/by/4.0/" in page and "0.1.0" in page
    for name in _own_classes(ontology):
        assert f'id="{name}"' in page, name
    ns = str(KIDD._NS)
    for p in ontology.subjects(RDF.type, OWL.ObjectProperty):
        if str(p).startswith(ns):
            assert f'id="{str(p)[len(ns):]}"' in page
    saidby = page[page.index('id="saidBy"'):]
    saidby = saidby[: saidby.index("</section>")]
    assert "Domain" in saidby and "kidd:SpeechAct" in saidby and "Range" in saidby and "kidd:Agent" in saidby


def test_pylode_leaves_logging_alone(tmp_path):
    root = logging.getLogger()
    before = (list(root.handlers), root.level)
    docs.html_page(docs.load_ontology())
    assert (list(root.handlers), root.level) == before


def test_without_pylode_the_page_is_made_here(monkeypatch, ontology):
    monkeypatch.setitem(__import__("sys").modules, "pylode", None)  # import pylode -> ImportError
    assert docs.html_page(ontology) == docs.plain_html(ontology)


def test_mermaid_is_a_class_diagram(ontology):
    text = docs.mermaid(ontology)
    lines = text.splitlines()
    assert lines[0] == "classDiagram"
    declared = {m.group(1) for m in (re.match(r"^  class (\w+)", line) for line in lines) if m}
    assert MAIN <= declared
    edges = [line for line in lines if EDGE.match(line)]
    assert len(edges) == len(set(edges)), "duplicate edges"
    assert 20 <= len(edges) <= docs.MAX_EDGES
    pairs = set()
    for line in edges:
        a, _, b, label = EDGE.match(line).groups()
        assert a in declared and b in declared, line
        pairs.add((a, b, label))
    assert ("SpeechAct", "Agent", "saidBy") in pairs
    assert ("SpeechAct", "Commitment", "undertakes") in pairs
    assert ("Person", "Delegation", "leads / ledBy") in pairs  # an inverse pair is drawn once
    assert "  Event <|-- SpeechAct" in lines
    # every other line is a class block, a comment or the direction
    rest = [line for line in lines[1:] if line not in edges]
    assert all(re.match(r"^  (class \w+( \{)?|%%.*|direction LR|\})$|^    \+\w+ \w+$", line) for line in rest), rest


def test_mermaid_only_main_classes():
    ex = Namespace(str(KIDD._NS))
    g = Graph()
    for c in ("A", "B", "Lonely"):
        g.add((ex[c], RDF.type, OWL.Class))
    g.add((ex.B, RDFS.subClassOf, ex.A))
    g.add((ex.p, RDF.type, OWL.ObjectProperty))
    g.add((ex.p, RDFS.domain, ex.A))
    g.add((ex.p, RDFS.range, ex.B))
    g.add((ex.q, RDF.type, OWL.ObjectProperty))
    g.add((ex.q, OWL.inverseOf, ex.p))
    g.add((ex.q, RDFS.domain, ex.B))
    g.add((ex.q, RDFS.range, ex.A))
    text = docs.mermaid(g)
    assert "Lonely" not in text
    assert "  A --> B : p / q" in text and "B --> A" not in text
    assert "  A <|-- B" in text


def test_markdown_snippet(ontology):
    md = docs.mermaid_markdown(ontology)
    assert "```mermaid\n" + docs.mermaid(ontology) + "```\n" in md


def test_regenerating_gives_identical_output(written, tmp_path):
    out, paths = written
    again = docs.write_docs(tmp_path)
    assert [p.name for p in again] == [p.name for p in paths]
    for a, b in zip(paths, again):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_checked_in_diagram_is_current(ontology):
    """docs/model.mmd and docs/model.md are generated; refresh them with `make docs`."""
    assert (ROOT / "docs" / "model.mmd").read_text(encoding="utf-8") == docs.mermaid(ontology)
    assert (ROOT / "docs" / "model.md").read_text(encoding="utf-8") == docs.mermaid_markdown(ontology)


def test_dot(ontology):
    text = docs.dot(ontology)
    assert text.splitlines()[1] == "digraph kidd {" and text.rstrip().endswith("}")
    assert '"SpeechAct" -> "Agent" [label="saidBy"];' in text
