"""The incremental build (kg.incremental): units, the store, and incremental = full.

A small corpus of three bundled statements is copied into a temporary folder: dtt-11 borrows
org/us-dod from kidd-17, and the three share agents. Each test edits that copy, never the
bundled statements.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from kg import incremental
from kg.errors import KGError
from kg.graph import units as U
from kg.resources import statements_dir

CORPUS = ("dtt-11", "kidd-17", "kidd-18")


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "statements"
    for sid in CORPUS:
        shutil.copytree(statements_dir() / sid, root / sid)
    (root / "series.yaml").write_text(SERIES, encoding="utf-8")
    return root


# one link across two of the statements (the series links are the corpus unit's)
SERIES = """links:
  - subject: act/kidd-18/a06
    property: reaffirms
    object: commitment/dtt-11/a04
    basis: analyst
    note: The 18th KIDD reaffirms the denuclearization the 11th DTT pledged to support.
    evidence:
      - {statement: kidd-18, quote: "Both sides also reaffirmed the common objectives of establishing permanent peace on the Korean Peninsula and the complete denuclearization of North Korea"}
      - {statement: dtt-11, quote: "pledged that ROK, U.S., and Japan will closely cooperate to support the current diplomatic efforts to establish complete denuclearization and permanent peace on the Korean Peninsula"}
"""


def _files(out: Path) -> dict[str, bytes]:
    """Every file of the units, by path, and the store's content (both sorted N-Quads dumps)."""
    files = {str(p.relative_to(out)): p.read_bytes() for p in sorted((out / U.UNITS).rglob("*")) if p.is_file()}
    files["store (quads)"] = _store_dump(out)
    return files


def _store_dump(out: Path) -> bytes:
    """The store's quads, sorted, as N-Quads (blank nodes, only the ontology's, with one label:
    a loader names them as it likes)."""
    import re

    import pyoxigraph as ox

    store = ox.Store.read_only(str(out / "store"))
    lines = sorted(re.sub(r"_:[0-9a-zA-Z]+", "_:b", f"{q} .\n") for q in store)
    return "".join(lines).encode()


def _build(root: Path, out: Path, **kw) -> incremental.IncrementalBuild:
    b = incremental.build(root, out, **kw)
    incremental.update_store(b, full=kw.get("full", False))
    return b


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _assert_same(a: Path, b: Path) -> None:
    fa, fb = _files(a), _files(b)
    assert sorted(fa) == sorted(fb)
    for name in fa:
        assert fa[name] == fb[name], name


def test_units_equal_the_one_dataset_build(corpus, tmp_path):
    """Per statement (each with the other statements' facts about what it names) gives exactly the
    graphs of kg.graph.build.build: the same statement graphs, the same coding, and the same
    queryable triples as one OWL 2 RL closure of everything."""
    from rdflib.plugins.serializers.nt import _nt_row

    from kg.namespace import ID
    from kg.pipeline import build

    b = incremental.build(corpus, tmp_path / "out", jobs=2)
    inc: dict[str, set[str]] = defaultdict(set)
    for line in b.all_lines():
        inc[U.graph_of(line)].add(U.triple_of(line))
    r = build(corpus)
    r.inferred
    full: dict[str, set[str]] = defaultdict(set)
    for s, p, o, g in r.dataset.quads((None, None, None, None)):
        full[str(g)].add(_nt_row((s, p, o)))
    derived = ("inferred", "coding")
    for g in full:
        if not any(x in g for x in derived):
            assert inc[g] == full[g], g
    statement_graphs = {g for g in inc if not any(x in g for x in derived)}
    assert statement_graphs == {g for g in full if not any(x in g for x in derived)}

    def union(d, end):
        return set().union(*(v for g, v in d.items() if g.endswith(end)))

    assert union(inc, "/coding") == full[str(ID["graph/coding"])] and full[str(ID["graph/coding"])]
    assert union(inc, "/coding-provenance") == full[str(ID["graph/coding/provenance"])]
    asserted = set().union(*(v for g, v in full.items() if not any(x in g for x in derived)))
    assert union(inc, "/inferred") | asserted == full[str(ID["graph/inferred"])] | asserted
    assert len(union(inc, "/inferred")) > 400
    assert inc[str(ID["graph/series/facts"])] and inc[str(ID["graph/links"])]
    assert b.results == []


def test_no_false_violations_for_borrowed_ids(corpus, tmp_path):
    """dtt-11 alone (its graphs, closure and the ontology) is reported with violations for what it
    borrows; with the facts the other statements give about what it names it has none."""
    from kg.checks.validate import validate
    from kg.source.terms import load_schema

    b = incremental.build(corpus, tmp_path / "out")
    unit = b.units["dtt-11"]
    alone = incremental._graph(unit.lines() + b.derived["dtt-11"].lines())
    for t in load_schema().graph:
        alone.add(t)
    assert validate(alone).results, "validated alone, dtt-11 should show the false violations"
    assert b.derived["dtt-11"].meta["results"] == []
    assert unit.meta["borrowed"] == ["org/us-dod"]


@pytest.mark.slow  # make test-all and CI
def test_incremental_equals_full(corpus, tmp_path):
    inc, clean = tmp_path / "inc", tmp_path / "clean"
    first = _build(corpus, inc, jobs=2)
    assert sorted(first.rebuilt) == list(CORPUS)
    again = _build(corpus, inc)
    assert again.rebuilt == [] and again.rederived == []

    # one line: an act's content
    _edit(corpus / "kidd-17" / "statement.yaml", "content: \"effective coordination to contain COVID-19\"",
          "content: \"coordination to contain COVID-19\"")
    b = _build(corpus, inc)
    assert b.rebuilt == ["kidd-17"]
    assert "kidd-17" in b.rederived and "kidd-18" not in b.rederived
    _build(corpus, clean, full=True)
    _assert_same(inc, clean)

    # one line: a label (of something only kidd-18 names)
    path = corpus / "kidd-18" / "statement.yaml"
    text = path.read_text(encoding="utf-8")
    label = _unshared_label(corpus, "kidd-18")
    path.write_text(text.replace(f"label: {label}\n", f"label: {label} (edited)\n", 1), encoding="utf-8")
    b = _build(corpus, inc)
    assert b.rebuilt == ["kidd-18"]
    shutil.rmtree(clean)
    _build(corpus, clean, full=True)
    _assert_same(inc, clean)
    assert b"(edited)" in _store_dump(inc)

    # a statement deleted (with the series link that quotes it), then one added
    shutil.rmtree(corpus / "kidd-18")
    (corpus / "series.yaml").unlink()
    b = _build(corpus, inc)
    assert "kidd-18" not in b.units and not (inc / U.UNITS / "kidd-18").exists()
    shutil.rmtree(clean)
    _build(corpus, clean, full=True)
    _assert_same(inc, clean)
    assert b"kidd-18" not in _store_dump(inc).replace(b"kidd-17", b"")

    shutil.copytree(statements_dir() / "kidd-19", corpus / "kidd-19")
    b = _build(corpus, inc)
    assert b.rebuilt == ["kidd-19"]
    shutil.rmtree(clean)
    _build(corpus, clean, full=True)
    _assert_same(inc, clean)


def _unshared_label(corpus: Path, sid: str) -> str:
    import yaml

    data = yaml.safe_load((corpus / sid / "statement.yaml").read_text(encoding="utf-8"))
    others = "".join((corpus / o / "statement.yaml").read_text(encoding="utf-8") for o in CORPUS if o != sid)
    for ent in data["entities"]:
        label = ent.get("label")
        if isinstance(label, str) and ent["id"] not in others and label.count("\n") == 0 \
                and (corpus / sid / "statement.yaml").read_text(encoding="utf-8").count(f"label: {label}\n") == 1:
            return label
    raise AssertionError("no unshared label")


@pytest.mark.slow  # rebuilds the whole corpus twice
def test_an_ontology_edit_rebuilds_everything(corpus, tmp_path, monkeypatch):
    from kg.resources import ontology_dir

    out = tmp_path / "out"
    _build(corpus, out)
    copy = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), copy)
    with open(copy / "kidd.ttl", "a", encoding="utf-8") as fh:
        fh.write("\n# an edit\n")
    from kg.graph import digests

    monkeypatch.setattr(digests, "ontology_dir", lambda: copy)
    b = _build(corpus, out)
    assert sorted(b.rebuilt) == list(CORPUS) and sorted(b.rederived) == sorted([*CORPUS, incremental.CORPUS])


def test_a_shared_id_keeps_one_label(corpus, tmp_path):
    _build(corpus, tmp_path / "out")
    _edit(corpus / "kidd-18" / "statement.yaml", "label: U.S. Department of Defense\n",
          "label: US Department of Defense\n")
    with pytest.raises(KGError, match="org/us-dod is labelled “U.S. Department of Defense” in statement kidd-17 "
                                      "but “US Department of Defense” in kidd-18"):
        incremental.build(corpus, tmp_path / "out")


@pytest.mark.slow  # make test-all and CI
def test_the_store_answers_every_stored_query_as_the_graph_in_memory(corpus, tmp_path):
    """Every stored SELECT query gives the same rows from the store on disk (its default graph,
    the deduplicated union) as from the graph built in memory (kg.pipeline.build)."""
    from kg.pipeline import build
    from kg.queries import stored as q
    from kg.sparql.engines import OxigraphEngine

    out = tmp_path / "out"
    _build(corpus, out)
    store = incremental.current_store(out, corpus)
    assert store is not None
    on_disk = OxigraphEngine(store=store)
    in_memory = OxigraphEngine(build(corpus).queryable())
    compared = 0
    for sq in q.list_queries():
        if q.is_federated(sq) or q.prepare(sq).algebra.name != "SelectQuery":
            continue
        a = q.format_result(q.run(None, sq, engine=on_disk), "csv")
        b = q.format_result(q.run(None, sq, engine=in_memory), "csv")
        assert a == b, sq.name
        compared += 1
    assert compared >= 25


def test_query_reads_the_store_only_when_it_is_current(corpus, tmp_path, capsys):
    from kg.cli import main

    out = tmp_path / "out"
    assert main(["query", "01", "--statements", str(corpus), "--out", str(out)]) == 0
    assert capsys.readouterr().err == "", "no store, no message: the graph is built in memory as always"
    assert main(["build", "--incremental", "--statements", str(corpus), "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["query", "01", "--statements", str(corpus), "--out", str(out)]) == 0
    fresh = capsys.readouterr()
    assert fresh.err == "" and "Chung Sukhwan" in fresh.out
    _edit(corpus / "kidd-17" / "statement.yaml", "content: \"effective coordination to contain COVID-19\"",
          "content: \"coordination to contain COVID-19\"")
    assert incremental.current_store(out, corpus) is None
    assert main(["query", "01", "--statements", str(corpus), "--out", str(out)]) == 0
    stale = capsys.readouterr()
    assert "is not current" in stale.err and stale.out == fresh.out
