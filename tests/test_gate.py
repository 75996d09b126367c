"""The gate really checks, and what the build checked is what a dump re-checks.

* One reasoning scope (kg.reasoning.SCOPE: every part of a build, which is what every dump holds),
  and no reasoner types a node of the dumps as something its asserted classes do not entail.
* The shapes check the checked graph (assertions + class and property hierarchy), not types that
  domain and range inference concluded from the mistake itself: a city issuing a UN resolution is
  a violation, in build mode and in file mode, on both engines.
* Every shape example gets the same report in file mode (``kg validate FILE``) as in build mode,
  on both stacks; an example whose OWL 2 RL closure is inconsistent is an error there (exit 2).
* Each file ``kg build`` writes (kg.ttl, kg.nt, kg.trig, kg.jsonld), given to ``kg validate FILE``,
  reports exactly what the build reported, on the seed and on a broken statement, fast and
  reference (the reference stack on the small kidd-19, broken, to keep the suite fast).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph

from kg import reasoning as R
from kg.checks.validate import validate, validate_build, validate_files
from kg.cli import main
from kg.errors import KGError
from kg.namespace import ID, KIDD
from kg.pipeline import build
from kg.reasoning import reasonable as _reasonable
from kg.source.terms import load_schema
from tests.marks import sample

HERE = Path(__file__).resolve().parent
STATEMENTS = HERE.parent / "statements"
EXAMPLES = sorted((HERE / "shapes").glob("*/*.ttl"))
DUMPS = ("kg.ttl", "kg.nt", "kg.trig", "kg.jsonld")
UN_RESOLUTIONS = "doc/unsc-resolutions-dprk"


# ---------------------------------------------------------------------------------- one scope
def test_the_scope_is_every_part_of_a_build(built):
    assert set(R.SCOPE) == {"facts", "provenance", "enrichment", "links", "coding"}
    assert len(built.union(R.SCOPE)) == len(built.union())  # what kg.ttl holds


def test_the_reasoning_input_gives_the_closure_of_everything(built):
    """Leaving out what no rule can use changes nothing: the same inferences and clashes."""
    schema = load_schema().graph
    whole = _reasonable.closure(built.union(R.SCOPE), schema)
    data, axioms = R.reasoning_input(built.union(R.SCOPE), schema)
    assert len(data) < len(built.union(R.SCOPE)) / 2 and len(axioms) < len(schema) / 2
    scoped = R.Reasoner("reasonable").closure(built.union(R.SCOPE), schema)
    assert set(scoped.inferred) == set(whole.inferred) and scoped.errors == whole.errors
    assert set(built.inferred) == set(whole.inferred)


def _entailed_types(g: Graph, schema: Graph, node) -> set:
    out = set()
    todo = list(g.objects(node, RDF.type))
    while todo:
        c = todo.pop()
        if c not in out:
            out.add(c)
            todo.extend(schema.objects(c, RDFS.subClassOf))
            todo.extend(schema.objects(c, OWL.equivalentClass))
            todo.extend(schema.subjects(OWL.equivalentClass, c))
    return out


@pytest.mark.parametrize("engine", ["reasonable", pytest.param("owlrl", marks=pytest.mark.slow)])
def test_no_reasoner_types_a_node_of_the_dumps_as_what_it_is_not(engine, built):
    """Over everything a dump holds (provenance, links and coding included), reasoning types a
    node only as its asserted classes entail: no domain or range of the ontology mistypes a text,
    a span, an assertion record, a link or a coding node (kidd:sha256's domain made every stored
    text a kidd:Document)."""
    schema = load_schema().graph
    asserted = built.union(R.SCOPE)
    inferred = built.inferred if engine == "reasonable" else R.Reasoner("owlrl").infer(built)
    wrong = sorted(f"{s} a {o}" for s, o in inferred.subject_objects(RDF.type)
                   if o not in _entailed_types(asserted, schema, s))
    assert wrong == []


# ---------------------------------------------------------------------------------- the gate
def _copy(tmp_path: Path, statement: str, old: str | None = None, new: str = "") -> Path:
    """A statements folder holding a copy of one statement, with ``old`` replaced by ``new``."""
    root = tmp_path / "statements"
    shutil.copytree(STATEMENTS / statement, root / statement)
    if old is not None:
        path = root / statement / "statement.yaml"
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1
        path.write_text(text.replace(old, new), encoding="utf-8")
    return root


def _seoul_issues(tmp_path: Path) -> Path:
    return _copy(tmp_path, "kidd-21", '[issuedBy, org/un-security-council, "United Nations',
                        '[issuedBy, place/seoul, "United Nations')


def _washington_issues(tmp_path: Path) -> Path:
    return _copy(tmp_path, "kidd-19", "[issuedBy, org/un-security-council, {quote:",
                        "[issuedBy, place/washington-dc, {quote:")


@pytest.fixture(scope="module")
def seoul_build(tmp_path_factory):
    return build(_seoul_issues(tmp_path_factory.mktemp("seoul")), only="kidd-21")


def test_range_inference_makes_seoul_an_agent_in_the_queryable_graph(seoul_build):
    """The premise: the closure users query does conclude that Seoul is an agent."""
    assert (ID["place/seoul"], RDF.type, KIDD.Agent) in seoul_build.inferred


@pytest.mark.parametrize("engine", ["fast", pytest.param("reference", marks=pytest.mark.slow)])
def test_a_city_issuing_a_un_resolution_is_a_violation(engine, seoul_build):
    report = validate_build(seoul_build, engine=engine)
    assert not report.conforms
    found = {(r.focus, r.path, r.value, r.component) for r in report.results}
    assert (str(ID[UN_RESOLUTIONS]), "kidd:issuedBy", "<https://w3id.org/kidd-kg/id/place/seoul>",
            "sh:ClassConstraintComponent") in found
    assert (ID["place/seoul"], RDF.type, KIDD.Agent) not in R.checked(seoul_build)


def test_the_checked_graph_keeps_what_the_hierarchy_entails(built):
    g = R.checked(built)
    kidd21 = ID["event/kidd-21"]
    assert (kidd21, RDF.type, KIDD.Event) in g  # a Meeting is an Event (cax-sco)
    assert (ID["event/kidd-21/executive-session"], KIDD.chairedBy, None) in g  # coChairedBy ⊑ chairedBy
    assert (kidd21, KIDD.hasSession, ID["event/kidd-21/executive-session"]) in g  # inverse of sessionOf


# ---------------------------------------------------------------------------------- file mode
STACK = {"fast": "reasonable", "reference": "owlrl"}


@pytest.mark.parametrize("engine", ["fast", pytest.param("reference", marks=pytest.mark.slow)])
@pytest.mark.parametrize("path", sample(EXAMPLES, 6), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_example_gets_its_report_in_file_mode(path, engine):
    g = Graph()
    g.parse(path, format="turtle")
    expected = validate(R.checked_graph(g, load_schema().graph), engine=engine)
    assert expected.conforms == (path.parent.name == "valid")
    try:
        report = validate_files([path], engine=engine, reasoner=STACK[engine])
    except KGError as exc:  # the mistake makes the closure inconsistent: an error, exit 2
        assert path.parent.name == "invalid" and "inconsistent" in str(exc) and str(path) in str(exc)
        return
    assert _without_bnode_labels(report) == _without_bnode_labels(expected)


def _without_bnode_labels(report) -> tuple:
    """A report's results with blank node labels (which differ from one parse to the next) blanked."""
    def plain(r):
        focus = r.focus if r.focus.startswith(("http:", "https:", "urn:")) else "_:b"
        value = "_:b" if r.value and r.value.startswith("_:") else r.value
        return replace(r, focus=focus, value=value)
    return report.conforms, report.nodes_checked, sorted(map(plain, report.results), key=lambda r: r.sort_key())


# ---------------------------------------------------------------------------------- the dumps
def _run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def _build_and_recheck(capsys, tmp_path: Path, root: Path | None, statement: str, engine: str) -> tuple[int, dict]:
    out = tmp_path / "build"
    source = ["--statements", str(root)] if root else []
    code, text = _run(capsys, "build", *source, "--statement", statement, "--engine", engine, "--out", str(out))
    summary = next(line for line in text.splitlines() if line.startswith("validation (SHACL"))
    vcode, report = _run(capsys, "validate", *source, "--statement", statement, "--engine", engine, "-f", "json")
    assert vcode == code
    # the text summary is printed from the report the JSON shows: compared once, the JSON for every dump
    fcode, ftext = _run(capsys, "validate", "--engine", engine, str(out / DUMPS[0]))
    assert fcode == code and ftext.splitlines()[-1] == summary.split(": ", 1)[1]
    for name in DUMPS:
        fcode, fjson = _run(capsys, "validate", "--engine", engine, "-f", "json", str(out / name))
        assert fcode == code, name
        assert fjson == report, name
    return code, json.loads(report)


@pytest.mark.parametrize("statement,nodes", sample([("kidd-18", 500), ("kidd-21", 2000)], 2, several=True))
def test_the_dumps_revalidate_as_the_build(capsys, tmp_path, statement, nodes):
    code, report = _build_and_recheck(capsys, tmp_path, None, statement, "fast")
    assert code == 0 and report["conforms"] and report["nodes_checked"] > nodes


@pytest.mark.slow  # make test-all and CI
def test_a_broken_seed_dumps_revalidate_as_the_build(capsys, tmp_path):
    code, report = _build_and_recheck(capsys, tmp_path, _seoul_issues(tmp_path), "kidd-21", "fast")
    assert code == 1 and not report["conforms"]
    assert {(r["focus"], r["path"]) for r in report["results"]} >= {(str(ID[UN_RESOLUTIONS]), "kidd:issuedBy")}


@pytest.mark.slow
def test_the_reference_stack_rechecks_the_dumps_as_its_build(capsys, tmp_path):
    """kidd-19 alone, with Washington issuing the UN resolutions, by owlrl and pySHACL."""
    code, report = _build_and_recheck(capsys, tmp_path, _washington_issues(tmp_path), "kidd-19", "reference")
    assert code == 1 and not report["conforms"]
    assert any(r["path"] == "kidd:issuedBy" and r["value"] == "<https://w3id.org/kidd-kg/id/place/washington-dc>"
               for r in report["results"])
