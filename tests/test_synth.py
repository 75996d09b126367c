"""The synthetic corpus (bench/synth.py): deterministic, verbatim, seed-shaped, and it builds.

These tests check what the benchmarks rely on: the same ``(n, seed)`` gives the same bytes; a
statement does not depend on how many come after it; every quote, mention and piece of evidence
is the text's own words; the statements are of the seed's shape and size; shared things recur
with one id and one label; the corpus builds with ``kg.graph.build.build(root=…)`` and conforms to the
shapes (nothing here is timed).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pytest
import yaml
from rdflib import RDF

from kg.pipeline import build
from kg.namespace import ID, KIDD
from kg.source.statement import load_statement
from synth import generate, main  # bench/synth.py, the benchmark's generator (tests/conftest.py puts bench/ on the path)
from kg.source.text import SourceText


def _digest(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(root)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def corpus4(tmp_path_factory) -> Path:
    """Four statements: every series once, and one meeting that points back to an earlier one."""
    root = tmp_path_factory.mktemp("synth4")
    generate(4, seed=11, out_dir=root)
    return root


@pytest.fixture(scope="module")
def built4(corpus4):
    return build(root=corpus4)


def test_same_seed_same_bytes(tmp_path, corpus4):
    generate(4, seed=11, out_dir=tmp_path / "again")
    assert _digest(tmp_path / "again") == _digest(corpus4)
    generate(4, seed=12, out_dir=tmp_path / "other")
    assert _digest(tmp_path / "other") != _digest(corpus4)


def test_a_statement_does_not_depend_on_the_corpus_size(tmp_path, corpus4):
    folders = generate(2, seed=11, out_dir=tmp_path)
    for f in folders:
        assert (f / "statement.yaml").read_bytes() == (corpus4 / f.name / "statement.yaml").read_bytes()
        assert (f / "text.txt").read_bytes() == (corpus4 / f.name / "text.txt").read_bytes()


def test_regenerating_replaces_the_old_corpus(tmp_path):
    generate(3, seed=1, out_dir=tmp_path)
    generate(1, seed=1, out_dir=tmp_path)
    assert len(list(tmp_path.glob("syn-*"))) == 1


def _quotes(node, key=None):
    """Every string of the YAML that must stand in the text (quotes, mentions, evidence)."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k in ("quote", "expression", "agent_phrase", "content", "condition", "purpose", "due_quote",
                     "session_quote", "debtor_quote", "within"):
                if isinstance(v, str):
                    yield v
                else:
                    yield from _quotes(v, k)
            elif k == "mentions":
                for m in v:
                    yield m if isinstance(m, str) else m["quote"]
            elif k in ("facts", "document"):
                for fact in v:
                    ev = fact[-1]
                    yield ev if isinstance(ev, str) else ev["quote"]
            elif isinstance(v, (dict, list)):
                yield from _quotes(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _quotes(v, key)


def test_every_quote_is_the_texts_own_words(corpus4):
    for folder in sorted(corpus4.glob("syn-*")):
        text = SourceText.read("text", folder / "text.txt")
        data = yaml.safe_load((folder / "statement.yaml").read_text(encoding="utf-8"))
        quotes = list(_quotes(data))
        assert len(quotes) > 300
        for q in quotes:
            assert text.occurrences(q), f"{folder.name}: “{q}” is not in the text"
        for act in data["acts"]:  # an act's words are one place of the text (or say which)
            q = act["quote"]
            assert len(text.occurrences(q if isinstance(q, str) else q["quote"])) == 1 or isinstance(q, dict)


def test_statements_have_the_seeds_shape_and_size(built4):
    for st in built4.statements:
        facts = built4.graph(st.id, "facts")
        prov = built4.graph(st.id, "provenance")
        assert 1000 <= len(facts) <= 1700, (st.id, len(facts))  # the seed: 1,254 facts
        assert 8000 <= len(prov) <= 15000, (st.id, len(prov))  # the seed: ~11,000 provenance triples
        types = Counter(o for _, o in facts.subject_objects(RDF.type))
        assert types[KIDD.SpeechAct] >= 35
        assert types[KIDD.Commitment] >= 10
        assert types[KIDD.Session] >= 2
        for cls in (KIDD.Person, KIDD.Post, KIDD.Delegation, KIDD.Meeting, KIDD.Ministry, KIDD.State, KIDD.RelativeTime,
                    KIDD.Exercise, KIDD.Region, KIDD.Capability):
            assert types[cls] >= 1, (st.id, cls)
        assert any(types[c] for c in (KIDD.Strategy, KIDD.Plan, KIDD.Agreement, KIDD.Review))
        assert len(st.data["acts"]) >= 35


def test_shared_things_recur_with_one_id(built4):
    usa = ID["state/usa"]
    assert all((usa, RDF.type, KIDD.State) in built4.graph(st.id, "facts") for st in built4.statements)
    holders = Counter()
    for st in built4.statements:
        for person in set(built4.graph(st.id, "facts").subjects(RDF.type, KIDD.Person)):
            holders[person] += 1
    assert max(holders.values()) >= 2  # people recur across statements


def test_a_meeting_points_back_to_the_previous_one(built4):
    """The 23rd meeting of a series was planned at the 22nd: an id another statement declared."""
    ids = [st.id for st in built4.statements]
    assert "syn-kidd-22" in ids and "syn-kidd-23" in ids
    assert (ID["event/syn-kidd-23"], KIDD.plannedAt, ID["event/syn-kidd-22"]) in built4.graph("syn-kidd-23", "facts")
    assert (ID["event/syn-kidd-22"], KIDD.plannedAt, None) not in built4.graph("syn-kidd-22", "facts")


def test_statements_load_as_curated_source(corpus4):
    for folder in sorted(corpus4.glob("syn-*")):
        st = load_statement(folder)
        assert st.id == folder.name and st.data["kind"] == "PressStatement"


@pytest.mark.slow  # generates and reads a second corpus: make test-all and CI
def test_size_scales_statements_down(tmp_path):
    small = generate(3, seed=2, out_dir=tmp_path / "small", size=0.1)
    full = generate(3, seed=2, out_dir=tmp_path / "full")
    acts = lambda f: len(yaml.safe_load((f / "statement.yaml").read_text(encoding="utf-8"))["acts"])  # noqa: E731
    assert sum(map(acts, small)) < sum(map(acts, full)) / 2
    build(root=tmp_path / "small")
    with pytest.raises(ValueError):
        generate(1, seed=2, out_dir=tmp_path, size=0)


def test_command_line(tmp_path, capsys):
    assert main(["2", "--seed", "3", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["syn-kidd-22", "syn-scm-55"]
    assert "wrote 2 statements" in capsys.readouterr().err


@pytest.mark.slow  # pySHACL (the reference engine) on a fourth build; make test-all and CI run it
def test_the_generated_corpus_conforms_to_the_shapes(tmp_path):
    try:
        from kg.checks.validate import validate  # noqa: F401
    except ImportError:
        pytest.skip("kg/checks/validate.py (SHACL validation) is not available yet")
    from kg import reasoning as reason
    from kg.checks import reference

    generate(4, seed=11, out_dir=tmp_path, size=0.3)  # small statements, one link back
    result = build(root=tmp_path)
    report = reference.validate(reason.queryable(result, "reasonable"), sparql="oxigraph")
    assert report.conforms, report.text()
